"""One alignment run over a store: lineage, follow-up verdicts and related items, threads built from the
lineage links, the researcher's overrides applied, and everything written back in one transaction."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Optional

import pandas as pd

from plantrace.align.cache import normalised_items
from plantrace.align.features import FOLLOWUP_WEIGHTS, WEIGHTS, Context, prepare
from plantrace.align.followup import NUMBERING_WEIGHT, followups as followup_verdicts
from plantrace.align.items import documents_frame, load_documents, load_items
from plantrace.align.lineage import LINEAGE_KINDS, Thresholds, lineage, series
from plantrace.align.overrides import Overrides, load_overrides
from plantrace.align.related import MAX_LINKS, RELATED_WEIGHTS, related
from plantrace.corpus.store import ALIGN_TABLES, Store

FOLLOWUP_COLUMNS = ALIGN_TABLES["align_followups"][0]

ALIGN_VERSION = "1"
THREAD_RELATIONS = ("same", "reworded")


@dataclass
class Alignment:
    """The result of `align`: DataFrames, plus the items they refer to (for references and explanations)."""

    links: pd.DataFrame
    threads: pd.DataFrame
    followups: pd.DataFrame
    items: pd.DataFrame
    warnings: list[str] = field(default_factory=list)
    normalised: int = 0  # items normalised in this run (the others came from the store's cache)

    def ref(self, ref: Optional[str]) -> Optional[dict]:
        """The JSON reference of an item: {document: source, kind, id, number, text}."""
        if ref is None:
            return None
        row = self._by_ref.get(ref)
        if row is None:
            return {"document": None, "kind": None, "id": ref.split(":", 1)[-1], "number": None, "text": None}
        return {"document": row["source"], "kind": row["kind"], "id": row["id"],
                "number": row["number"] if isinstance(row["number"], str) else None, "text": row["text"],
                "ref": ref, "page": None if pd.isna(row["page"]) else int(row["page"])}

    @cached_property
    def _by_ref(self) -> dict:
        return {r["ref"]: r for r in self.items.to_dict("records")}

    @cached_property
    def _sources(self) -> dict[str, str]:
        return dict(zip(self.items["document"], self.items["source"]))

    def to_json(self) -> dict:
        links = [{"id": r.id, "a": self.ref(r.a), "b": self.ref(r.b), "relation": r.relation, "score": r.score,
                  "features": r.features} for r in self.links.itertuples()]
        threads = [{"id": t.id, "municipality": t.municipality, "committee": t.committee, "kind": t.kind,
                    "theme": t.theme, "items": [{**self.ref(i["ref"]), "year": i["year"], "relation": i["relation"]}
                                                for i in t.items],
                    "dropped_in": self._sources.get(t.dropped_in)} for t in self.threads.itertuples()]
        fus = [{"plan_item": self.ref(f.plan_item), "verdict": f.verdict, "followup": self.ref(f.followup),
                "status": f.status, "score": f.score, "nearest": self.ref(f.nearest), "features": f.features,
                "band": f.band, "confidence": f.confidence, "evidence": f.evidence}
               for f in self.followups.itertuples()]
        return {"links": links, "threads": threads, "followups": fus, "warnings": self.warnings}


ID_HEX = 16  # 64 bits: a collision among 20 million links has odds of about 1 in 100,000


def link_id(a: str, b: str, relation: str, length: int | None = None) -> str:
    """Stable across runs, so an explanation can be asked for by id. (Ten hex digits collided at a million
    links: the birthday bound of 40 bits.)"""
    return "L" + hashlib.sha1(f"{a}|{b}|{relation}".encode()).hexdigest()[:length or ID_HEX]


def assign_ids(links: list[dict]) -> tuple[list[dict], list[str]]:
    """Give every link its id, keeping the first link of an unordered pair (lineage and follow-up come before
    related, direct before spread): the same pair is never stored twice. Two different pairs whose ids still
    collide are a bug; they get the full 40-digit hash and a warning instead of failing the store's write."""
    out, seen, warnings = [], set(), []
    for link in links:
        pair = frozenset((link["a"], link["b"]))
        if pair in seen or link["a"] == link["b"]:
            continue
        seen.add(pair)
        if not link.get("id"):  # a link kept from the stored alignment keeps its id
            link["id"] = link_id(link["a"], link["b"], link["relation"])
        out.append(link)
    owners: dict[str, dict] = {}
    clashing: set[str] = set()
    for link in out:
        if owners.setdefault(link["id"], link) is not link:
            clashing.add(link["id"])
    for link in out:
        if link["id"] in clashing:
            long = link_id(link["a"], link["b"], link["relation"], length=40)
            warnings.append(f"bug: link id {link['id']} of {link['a']} – {link['b']} ({link['relation']}) "
                            f"collides with another link; stored as {long}")
            link["id"] = long
    return out, warnings


def build_threads(items: pd.DataFrame, docs: pd.DataFrame, links: list[dict]) -> list[dict]:
    """Lineage threads: items joined by same/reworded links, and every other series item on its own (a goal
    that appears once is new and dropped in the same plan). Each item notes how it came from the previous one."""
    order = series(docs)
    doc_rank = {d: (key, k) for key, docs_ in order.items() for k, d in enumerate(docs_)}
    pool = items[items["kind"].isin(LINEAGE_KINDS) & items["document"].isin(doc_rank) & ~items["placeholder"]]
    parent = {r: r for r in pool["ref"]}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    relation_of: dict[str, str] = {}
    for link in links:
        if link["relation"] in THREAD_RELATIONS and link["a"] in parent and link["b"] in parent:
            parent[find(link["b"])] = find(link["a"])
            relation_of[link["b"]] = link["relation"]
    cols = ("document", "municipality", "committee", "kind", "themes", "period_start")
    rows = {ref: dict(zip(cols, vals)) for ref, *vals in pool[["ref", *cols]].itertuples(index=False)}
    groups: dict[str, list[str]] = {}
    for ref in pool["ref"]:
        groups.setdefault(find(ref), []).append(ref)
    threads = []
    for members in groups.values():
        members.sort(key=lambda r: doc_rank[rows[r]["document"]][1])
        first = rows[members[0]]
        themes = Counter(t for r in members for t in rows[r]["themes"])
        entries = []
        for k, r in enumerate(members):
            year = rows[r]["period_start"]
            entries.append({"ref": r, "year": None if pd.isna(year) else int(year),
                            "relation": "new" if k == 0 else relation_of.get(r, "reworded")})
        series_docs = order[doc_rank[first["document"]][0]]
        last_rank = doc_rank[rows[members[-1]]["document"]][1]
        dropped_in = series_docs[last_rank + 1] if last_rank + 1 < len(series_docs) else None
        tid = "T" + hashlib.sha1(members[0].encode()).hexdigest()[:ID_HEX]  # primary key too
        threads.append({"id": tid, "municipality": first["municipality"], "committee": first["committee"],
                        "kind": first["kind"], "theme": themes.most_common(1)[0][0] if themes else None,
                        "items": entries, "dropped_in": dropped_in})
    threads.sort(key=lambda t: (t["municipality"], t["committee"], t["kind"], -len(t["items"]), t["id"]))
    return threads


def spread_along_threads(links: list[dict], threads: list[dict], limit: int | None = None) -> list[dict]:
    """A related link reaches the whole lineage thread of each side: if Uppsala's indicator is related to
    Gävle's 2025 goal, it is related to the 2023 wording of the same goal too (kept as "via" evidence).
    With `limit`, no item gets more related links than that (the best direct links spread first)."""
    members = {i["ref"]: t for t in threads for i in t["items"] if len(t["items"]) > 1}
    have = {frozenset((l["a"], l["b"])) for l in links}
    degree = Counter(r for l in links if l["relation"] == "related" for r in (l["a"], l["b"]))
    extra = []
    for link in links:
        if link["relation"] != "related" or (link.get("features") or {}).get("via"):
            continue  # a link spread before (kept by an incremental run) is not spread again
        for here, there in ((link["a"], link["b"]), (link["b"], link["a"])):
            thread = members.get(there)
            if thread is None:
                continue
            for entry in thread["items"]:
                key = frozenset((here, entry["ref"]))
                if entry["ref"] == there or key in have:
                    continue
                if limit is not None:
                    if degree[here] >= limit:
                        break
                    if degree[entry["ref"]] >= limit:
                        continue
                    degree[here] += 1
                    degree[entry["ref"]] += 1
                have.add(key)
                extra.append({"a": here, "b": entry["ref"], "relation": "related", "score": link["score"],
                              "features": {**link["features"], "via": there, "thread": thread["id"]}})
    return links + extra


def apply_forced(links: list[dict], overrides: Overrides, items: pd.DataFrame) -> list[dict]:
    """Accepted and added links the computation did not produce (e.g. across documents it does not compare)."""
    have = {frozenset((l["a"], l["b"])) for l in links}
    kind = dict(zip(items["ref"], items["kind"]))
    muni = dict(zip(items["ref"], items["municipality"]))
    for (a, b), relation in overrides.forced.items():
        if frozenset((a, b)) in have:
            continue
        if relation is None:
            relation = "followup" if "followup" in (kind.get(a), kind.get(b)) else \
                "reworded" if muni.get(a) == muni.get(b) else "related"
        links.append({"a": a, "b": b, "relation": relation, "score": 1.0, "features": {"override": "added"}})
        have.add(frozenset((a, b)))
    return links


def align(db: str | Path, overrides: str | Path | None = None, thresholds: Thresholds | None = None,
          weights: dict | None = None, save: bool = True, dask=None, workers: int | None = None,
          incremental: bool = False) -> Alignment:
    """Compute links, threads and follow-up verdicts for everything in the store (and store them).
    `weights` replaces the lineage weights (features.WEIGHTS); follow-up and related scores keep theirs.
    `dask`: "local" (a LocalCluster of `workers` processes), a scheduler address or a `distributed.Client`:
    the same result, computed per municipality and committee and in chunks of candidate pairs there.
    `incremental`: when the store's last alignment was made with the same settings on a subset of its documents,
    re-align only the series (municipality and committee) of the new documents and the related links of their
    items; everything else is kept as stored (a full run is made when documents were removed or settings
    changed)."""
    if dask is not None:
        from plantrace.corpus.workers import dask_client

        client, close = dask_client(dask, workers, None)
        try:
            return _align(db, overrides, thresholds, weights, save, client, incremental)
        finally:
            close()
    return _align(db, overrides, thresholds, weights, save, None, incremental)


def _settings(th: Thresholds, weights, overrides) -> dict:
    return {"version": ALIGN_VERSION, "thresholds": th.__dict__,
            "weights": {"lineage": weights or WEIGHTS, "followup": {**FOLLOWUP_WEIGHTS, "numbering": NUMBERING_WEIGHT},
                        "related": RELATED_WEIGHTS},
            "overrides": str(overrides) if overrides else None}


def _previous(store: Store, docs: pd.DataFrame, settings: dict) -> Optional[tuple[dict, set[str]]]:
    """The stored alignment and the documents new since, when it can be extended instead of redone."""
    info = store.alignment_info() or {}
    before = info.get("document_ids")
    if not before or settings["overrides"] or any(json_equal(info.get(k), v) is False for k, v in settings.items()):
        return None
    now = set(docs["document"])
    if not set(before) <= now:
        return None  # a document was removed or replaced: its links must go everywhere
    # kept related links are not written again: their shared themes are all the run needs of their evidence
    # (decoding all of it was half of an incremental run; the store keeps it whole for `explain`)
    return store.alignment(related_evidence=False), now - set(before)


def _records(df: pd.DataFrame, columns: list[str]) -> list[dict]:
    """Rows as dicts (DataFrame.to_dict("records") boxes every value and was a tenth of an incremental run)."""
    cols = [df[c].tolist() for c in columns]
    return [dict(zip(columns, row)) for row in zip(*cols)]


def json_equal(a, b) -> bool:
    import json

    return json.dumps(a, sort_keys=True, default=str) == json.dumps(b, sort_keys=True, default=str)


def _align(db, overrides, thresholds, weights, save, client, incremental=False) -> Alignment:
    th = thresholds or Thresholds()
    with Store(db, read_only=not save) as store:
        items = load_items(store)
        ov = load_overrides(overrides, items) if overrides else Overrides()
        if items.empty:
            items = items.assign(themes=[], terms=[], key=[], content=[])
            normalised_now = 0
        else:
            norms, themes, normalised_now = normalised_items(store.con, items, writable=save)
            items = prepare(items, norms, themes)
        docs = documents_frame(items)
        both = ov.both_ways()
        ctx = Context(items["terms"]) if not items.empty else None
        links: list[dict] = []
        verdicts: list[dict] = []
        threads: list[dict] = []
        settings = _settings(th, weights, overrides)
        previous = _previous(store, docs, settings) if incremental and not items.empty else None
        kept_related: list[dict] = []
        focus = None
        if previous is not None:
            # only the series of the new documents are aligned again; lineage and follow-up never leave a series
            from plantrace.align.distributed import partitions

            stored, new_docs = previous
            parts = [(i, d) for i, d in partitions(items, docs) if new_docs & set(d["document"])]
            redo_items = pd.concat([i for i, _ in parts]) if parts else items.iloc[:0]
            redo_docs = pd.concat([d for _, d in parts]) if parts else docs.iloc[:0]
            focus = set(redo_items["ref"])
            old = stored["align_links"]
            untouched = ~old["a"].isin(focus) & ~old["b"].isin(focus)
            keep = old[untouched & (old["relation"] != "related")]
            kept_related = _records(old[untouched & (old["relation"] == "related")],
                                    ["id", "a", "b", "relation", "score", "features"])
            fus = stored["align_followups"]
            verdicts = _records(fus[~fus["plan_item"].isin(focus)], list(fus.columns))
            links = _records(keep, ["id", "a", "b", "relation", "score", "features"])
            work_items, work_docs = redo_items, redo_docs
        else:
            work_items, work_docs = items, docs
        if not items.empty:
            all_docs = load_documents(store)  # reports from which nothing was read still cover their plans
            if client is None:
                new_links = lineage(work_items, work_docs, ctx, th, weights, both.forced, both.rejected)
                new_verdicts, fu_links = followup_verdicts(work_items, all_docs, ctx, th, None, both.forced,
                                                           both.rejected)
            else:
                from plantrace.align.distributed import series_work

                new_links, new_verdicts, fu_links = series_work(client, work_items, work_docs, ctx, th, weights,
                                                                both.forced, both.rejected, all_docs=all_docs)
            links = links + new_links + fu_links  # rejected pairs scored -1 in every block: never linked
            verdicts = verdicts + new_verdicts
            links = apply_forced(links, ov, items)
            threads = build_threads(items, docs, links)
            # across municipalities, one item per thread speaks for it (its latest wording), then the links
            # reach the rest of the thread: far fewer pairs, and a 2023 wording is not compared apart from 2025's
            in_threads = {i["ref"] for t in threads for i in t["items"]}
            speakers = {t["items"][-1]["ref"] for t in threads}
            pool = items[items["ref"].isin(speakers) | ~items["ref"].isin(in_threads)]
            score_pairs = None
            if client is not None:
                from plantrace.align.distributed import pair_scorer

                score_pairs = pair_scorer(client)
            rel = related(pool, ctx, th, rejected=both.rejected, limit=MAX_LINKS, score_pairs=score_pairs,
                          focus=focus, taken=kept_related)
            links = apply_forced(spread_along_threads(links + kept_related + rel, threads, MAX_LINKS), ov, items)
        links, id_warnings = assign_ids(links)
        result = Alignment(
            links=pd.DataFrame(links, columns=["id", "a", "b", "relation", "score", "features"]),
            threads=pd.DataFrame(threads, columns=["id", "municipality", "committee", "kind", "theme", "items",
                                                   "dropped_in"]),
            followups=pd.DataFrame(verdicts, columns=list(FOLLOWUP_COLUMNS)),
            items=items, warnings=list(ov.unresolved) + id_warnings, normalised=normalised_now)
        if save:
            tables = {"align_links": result.links, "align_threads": result.threads, "align_followups": result.followups}
            drop = None
            if previous is not None:  # write only the rows that changed: those touching a re-aligned series
                stored = previous[0]
                touches = lambda refs: any(r in focus for r in refs)  # noqa: E731
                changed = {
                    "align_links": result.links[result.links["a"].isin(focus) | result.links["b"].isin(focus)],
                    "align_threads": result.threads[[touches(i["ref"] for i in t) for t in result.threads["items"]]],
                    "align_followups": result.followups[result.followups["plan_item"].isin(focus)]}
                old_changed = {
                    "align_links": stored["align_links"][~untouched],
                    "align_threads": stored["align_threads"][[touches(i["ref"] for i in t)
                                                             for t in stored["align_threads"]["items"]]],
                    "align_followups": fus[fus["plan_item"].isin(focus)]}
                drop = {name: old_changed[name][key].tolist() for name, key in
                        (("align_links", "id"), ("align_threads", "id"), ("align_followups", "plan_item"))}
                tables = changed
            store.put_alignment(tables,
                                {**settings, "documents": int(docs.shape[0]), "warnings": result.warnings,
                                 "document_ids": sorted(docs["document"]),
                                 "incremental": previous is not None}, drop=drop)
    return result


def explain(db: str | Path, link: str) -> dict:
    """Why two items were linked (or a plan item got its verdict): both items, the relation, the score, and
    every feature with its weight and share of the score. `link` is a link id ("L…") or a plan item as
    DOCUMENT:ID (source path, file name or sha256 prefix, as in an overrides file)."""
    with Store(db, read_only=True) as store:
        tables = store.alignment()
        info = store.alignment_info() or {}
        items = load_items(store)
    result = Alignment(tables["align_links"], tables["align_threads"], tables["align_followups"], items)
    links, fus = tables["align_links"], tables["align_followups"]
    row = links[links["id"] == link]
    if not row.empty:
        r = row.iloc[0]
        out = {"id": r["id"], "a": result.ref(r["a"]), "b": result.ref(r["b"]), "relation": r["relation"],
               "score": r["score"], "features": r["features"]}
    else:
        from plantrace.align.overrides import resolver

        row = fus[fus["plan_item"] == (resolver(items)(link) or link)]
        if row.empty:
            raise KeyError(f"no link or plan item {link!r} in {db} (run `plantrace align` first)")
        r = row.iloc[0]
        other = r["followup"] if isinstance(r["followup"], str) else r["nearest"]
        out = {"id": None, "a": result.ref(r["plan_item"]), "b": result.ref(other) if isinstance(other, str) else None,
               "relation": "followup", "verdict": r["verdict"], "status": r["status"], "score": r["score"],
               "features": r["features"]}
    stage = out["relation"] if out["relation"] in ("related", "followup") else "lineage"
    weights = (info.get("weights") or {}).get(stage) or {"lineage": WEIGHTS, "followup": FOLLOWUP_WEIGHTS,
                                                          "related": RELATED_WEIGHTS}[stage]
    feats = out["features"] or {}
    used = {k: v for k, v in feats.items() if k in weights and isinstance(v, (int, float))}
    total = sum(weights[k] for k in used) or 1.0
    out["evidence"] = [{"feature": k, "value": feats.get(k), "weight": weights.get(k),
                        "contribution": round(weights[k] * used[k] / total, 3) if k in used else None}
                       for k in list(weights) + [k for k in feats if k not in weights]]
    out["thresholds"] = info.get("thresholds") or Thresholds().__dict__
    return out
