"""The reports as data: each is a `Report`, an ordered set of named DataFrames read from the store (items and
the align stage's tables); formats.py turns one into a terminal table, CSV, Excel, Parquet, JSON, Markdown or
HTML. Nothing here parses a document.

Every row that names an item cites where to check it: the document's file name, `where` (page of a PDF, line of
a text file) and the item's number.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Callable, Optional

import pandas as pd

from plantrace.align.items import KINDS
from plantrace.corpus.store import MAIN_TEXT, Store
from plantrace.numbers import target_met

REPORTS: dict[str, Callable[..., "Report"]] = {}


def report(name: str):
    def wrap(fn):
        REPORTS[name] = fn
        return fn

    return wrap


class NoAlignment(LookupError):
    """The store holds no alignment yet: the reports that need links say how to make one."""


class Report(dict):
    """name → DataFrame, in the order they are shown; the first is the report's main table."""

    def __init__(self, name: str, title: str, tables: dict[str, pd.DataFrame], notes: Optional[list[str]] = None):
        super().__init__(tables)
        self.name, self.title, self.notes = name, title, notes or []
        self.labels: dict[str, str] = {}  # file name → short document label (terminal tables)

    @property
    def main(self) -> pd.DataFrame:
        return next(iter(self.values()))

    def to(self, fmt: str, out: Optional[str | Path] = None) -> Optional[str]:
        """Write the report as table | csv | xlsx | parquet | json | md | html; the text when there is no `out`."""
        from plantrace.reports.formats import write

        return write(self, fmt, Path(out) if out else None)


# ------------------------------------------------------------------------------------------------ reading


class StoreView:
    """What the reports read, loaded once per report run: items with their documents, and the alignment."""

    def __init__(self, store: Store):
        self.store = store
        self.docs = pd.DataFrame([
            {"document": d["sha256"], "source": d["source"], "file": Path(d["source"]).name,
             "municipality": d["meta"].get("municipality"), "committee": d["meta"].get("committee"),
             "doc_type": d["meta"].get("doc_type"), "title": d["meta"].get("title"),
             "period_start": (d["meta"].get("period") or [None, None])[0],
             "period_end": (d["meta"].get("period") or [None, None])[1], **d["counts"]}
            for d in store.documents()])
        self._items: dict[str, pd.DataFrame] = {}
        self._alignment = None

    def items(self, kind: str) -> pd.DataFrame:
        if kind not in self._items:
            df = store_items(self.store, kind)
            self._items[kind] = df
        return self._items[kind]

    def alignment(self) -> dict[str, pd.DataFrame]:
        if self._alignment is None:
            al = self.store.alignment(related_evidence=False)
            if al["align_followups"].empty and al["align_threads"].empty:
                raise NoAlignment(f"{self.store.path}: no alignment yet — run `plantrace align --db {self.store.path}`")
            self._alignment = al
        return self._alignment

    def item_index(self) -> pd.DataFrame:
        """Every alignable item by its align ref (goal, assignment, indicator, follow-up)."""
        if "_index" not in self._items:
            frames = []
            for store_kind, kind in KINDS.items():
                text = MAIN_TEXT[store_kind]
                df = self.items(store_kind)
                if df.empty:
                    continue
                frames.append(pd.DataFrame({
                    "ref": df["ref"], "kind": kind, "file": df["file"], "source": df["source"],
                    "municipality": df["municipality"], "committee": df["committee"], "doc_type": df["doc_type"],
                    "year": df["year"], "number": df.get("number"), "where": df["where"], "page": df["page"],
                    "text": df[text], "status": df.get("status")}))
            self._items["_index"] = pd.concat(frames, ignore_index=True).set_index("ref") if frames else \
                pd.DataFrame(columns=["kind", "file", "text"])
        return self._items["_index"]


def store_items(store: Store, kind: str) -> pd.DataFrame:
    from plantrace.align.items import ref_of

    df = store.items(kind)
    if df.empty:
        return df.assign(ref=[], file=[], where=[], page=[], year=[])
    prov = df["provenance"]
    df = df.assign(
        ref=[ref_of(d, i) for d, i in zip(df["document"], df["id"])],
        file=df["source"].map(lambda s: Path(s).name),
        page=prov.map(lambda p: p.get("page") if isinstance(p, dict) else None),
        where=prov.map(_where),
        year=df["period"].map(lambda p: p[0] if isinstance(p, (list, tuple)) and p else None),
    )
    return df


def _where(p) -> str:
    if not isinstance(p, dict):
        return ""
    if p.get("page"):
        return f"p. {p['page']}"
    if p.get("lines"):
        return f"line {p['lines'][0] + 1}"
    return ""


def _period(start, end) -> str:
    if start is None or pd.isna(start):
        return ""
    return str(int(start)) if end is None or pd.isna(end) or end == start else f"{int(start)}–{int(end)}"


def _filter(df: pd.DataFrame, municipality=None, committee=None, year_from=None, year_to=None,
            year_col: str = "year") -> pd.DataFrame:
    if municipality:
        df = df[df["municipality"].fillna("").str.casefold() == municipality.casefold()]
    if committee:
        df = df[df["committee"].fillna("").str.casefold() == committee.casefold()]
    if year_from is not None:
        df = df[df[year_col].fillna(-1) >= year_from]
    if year_to is not None:
        df = df[df[year_col].fillna(10 ** 6) <= year_to]
    return df


# ------------------------------------------------------------------------------------------------ reports


@report("overview")
def overview(view: StoreView, **_) -> Report:
    """The corpus: documents per municipality, type and year, with what was extracted from each."""
    d = view.docs.copy()
    if d.empty:
        return Report("overview", "Corpus overview", {"documents": d})
    d["period"] = [_period(a, b) for a, b in zip(d["period_start"], d["period_end"])]
    documents = d[["file", "municipality", "committee", "doc_type", "period", "title", "goals", "assignments",
                   "indicators", "followups", "tables", "source"]].sort_values(["municipality", "period", "file"], na_position="last")
    per = d.assign(year=d["period_start"]).groupby(["municipality", "doc_type", "year"], dropna=False).size()
    per = per.rename("documents").reset_index()
    return Report("overview", "Corpus overview", {"documents": documents.reset_index(drop=True), "documents_per_year": per})


@report("unreported")
def unreported(view: StoreView, goals: bool = False, municipality=None, committee=None, **_) -> Report:
    """Every assignment (and goal with goals=True) of every plan with its follow-up verdict, review band and
    reason, and a summary per plan that states what the corpus covers of the plan's period: an audit table in
    which each row cites document, where and number."""
    fus = view.alignment()["align_followups"]
    idx = view.item_index()
    docs_by_source = view.docs.set_index("source") if not view.docs.empty else view.docs
    rows = []
    for f in fus.itertuples():
        if f.plan_item not in idx.index:
            continue
        item = idx.loc[f.plan_item]
        if item["kind"] == "goal" and not goals:
            continue
        other = f.followup if isinstance(f.followup, str) else f.nearest if isinstance(f.nearest, str) else None
        o = idx.loc[other] if other in idx.index else None
        doc = docs_by_source.loc[item["source"]]
        evidence = f.evidence if isinstance(f.evidence, dict) else {}
        rows.append({
            "plan": item["file"], "municipality": item["municipality"], "committee": item["committee"],
            "period": _period(doc["period_start"], doc["period_end"]), "kind": item["kind"],
            "number": item["number"] or "", "where": item["where"], "text": item["text"], "verdict": f.verdict,
            "band": f.band if isinstance(f.band, str) else "",
            "confidence": None if f.confidence is None or pd.isna(f.confidence) else round(float(f.confidence), 3),
            "status": f.status if isinstance(f.status, str) else "",
            "report": o["file"] if o is not None else "", "report_number": (o["number"] or "") if o is not None else "",
            "report_where": o["where"] if o is not None else "",
            "candidate": o["text"] if o is not None else "",
            "score": None if f.score is None or pd.isna(f.score) else round(float(f.score), 3),
            "reason": evidence.get("reason", ""), "coverage": evidence.get("coverage", ""),
            "source": item["source"], "report_source": o["source"] if o is not None else "",
        })
    audit = pd.DataFrame(rows, columns=AUDIT_COLUMNS)
    audit = _filter(audit, municipality, committee)
    summary = []
    for (plan, muni, period), g in audit.groupby(["plan", "municipality", "period"], sort=False, dropna=False):
        statuses = Counter(s for s in g.loc[g["verdict"] == "reported", "status"] if s)
        summary.append({"plan": plan, "municipality": muni, "period": period, "coverage": g["coverage"].iloc[0],
                        "items": len(g), **{v: int((g["verdict"] == v).sum()) for v in VERDICTS},
                        "check": int((g["band"] == "check").sum()),
                        "statuses": ", ".join(f"{k} {v}" for k, v in sorted(statuses.items())),
                        "reports": ", ".join(sorted(set(g["report"][g["verdict"] == "reported"]) - {""}))})
    summary = pd.DataFrame(summary, columns=["plan", "municipality", "period", "coverage", "items", *VERDICTS, "check",
                                             "statuses", "reports"])
    notes = ["not_reported: the candidate shown is the nearest follow-up section and its score",
             "report_without_followups: reports cover the plan but no follow-up could be read from them",
             "no_covering_report: the corpus holds no report whose period lies inside the plan's",
             "band check: a reworded pairing, a near miss, or a plan period the corpus covers only in part"]
    return Report("unreported", "Plan items and their follow-up", {"audit": audit, "summary": summary}, notes)


VERDICTS = ("reported", "not_reported", "report_without_followups", "no_covering_report")
AUDIT_COLUMNS = ["plan", "municipality", "committee", "period", "kind", "number", "where", "text", "verdict", "band",
                 "confidence", "status", "report", "report_number", "report_where", "candidate", "score", "reason",
                 "coverage", "source", "report_source"]


@report("evolution")
def evolution(view: StoreView, municipality=None, committee=None, theme=None, year_from=None, year_to=None,
              kind=None, **_) -> Report:
    """Each lineage thread across years: the wording in each document and what changed; and per year how many
    items were new, carried on from the previous document, or dropped."""
    al = view.alignment()
    threads, links = al["align_threads"], al["align_links"]
    idx = view.item_index()
    entries = []
    for t in threads.itertuples():
        if kind and t.kind != kind.rstrip("s"):
            continue
        if theme and t.theme != theme:
            continue
        if municipality and (t.municipality or "").casefold() != municipality.casefold():
            continue
        n = len(t.items)
        entries += [(t.id, t.municipality, t.committee, t.kind, t.theme or "", e["year"], n, e["relation"], e["ref"])
                    for e in t.items]
    df = pd.DataFrame(entries, columns=["thread", "municipality", "committee", "kind", "theme", "year", "documents",
                                        "change", "ref"])
    df = df[df["ref"].isin(idx.index)]
    item = idx.loc[df["ref"], ["file", "number", "where", "text", "source"]].reset_index(drop=True)
    df = pd.concat([df.drop(columns="ref").reset_index(drop=True), item], axis=1)
    df["number"] = df["number"].fillna("")
    df = df[["thread", "municipality", "committee", "kind", "theme", "year", "documents", "change", "file", "number",
             "where", "text", "source"]]
    df = _filter(df, municipality, committee, year_from, year_to)
    df = df.sort_values(["municipality", "committee", "kind", "documents", "thread", "year"],
                        ascending=[True, True, True, False, True, True], kind="stable")
    # per year: new / carried / dropped (an item of the previous document with no continuation here)
    per_year = []
    keyed = df.groupby(["municipality", "committee", "kind"], sort=True)
    for (muni, com, knd), g in keyed:
        years = sorted({int(y) for y in g["year"].dropna()})
        for k, y in enumerate(years):
            here = g[g["year"] == y]
            prev_threads = set(g.loc[g["year"] == years[k - 1], "thread"]) if k else set()
            per_year.append({"municipality": muni, "committee": com, "kind": knd, "year": y, "items": len(here),
                             "new": int((here["change"] == "new").sum()),
                             "carried": int(here["change"].isin(["same", "reworded"]).sum()),
                             "dropped": len(prev_threads - set(here["thread"]))})
    per_year = pd.DataFrame(per_year, columns=["municipality", "committee", "kind", "year", "items", "new", "carried",
                                               "dropped"])
    refs = set(idx.index)
    splits = links[links["relation"].isin(["split", "merged"])]
    changes = pd.DataFrame([
        {"change": r.relation, "from_file": idx.at[r.a, "file"], "from_number": idx.at[r.a, "number"] or "",
         "from": idx.at[r.a, "text"], "to_file": idx.at[r.b, "file"], "to_number": idx.at[r.b, "number"] or "",
         "to": idx.at[r.b, "text"], "score": r.score}
        for r in splits.itertuples() if r.a in refs and r.b in refs],
        columns=["change", "from_file", "from_number", "from", "to_file", "to_number", "to", "score"])
    return Report("evolution", "Goals, indicators and assignments across years",
                  {"threads": df.reset_index(drop=True), "per_year": per_year, "splits_and_merges": changes})


_PLACEHOLDER = re.compile(r"uppdateras|data\s+uppdateras|saknas|kommer senare|tas fram", re.I)
_YES = {"ja": True, "nej": False}


def _met(actual, target, direction, name=None) -> Optional[bool]:
    """Target met, where both are numbers or yes/no; None where it cannot be told."""
    a_raw, t_raw = (actual or {}).get("raw"), (target or {}).get("raw")
    if a_raw is None or t_raw is None:
        return None
    a_yes, t_yes = _YES.get(str(a_raw).strip().lower()), _YES.get(str(t_raw).strip().lower())
    if a_yes is not None and t_yes is not None:
        return a_yes == t_yes
    a, t = actual.get("value"), target.get("value")
    if a is None or t is None:
        return None
    return target_met(a, t, str(t_raw), direction, name)


@report("indicators")
def indicators(view: StoreView, municipality=None, committee=None, year_from=None, year_to=None, **_) -> Report:
    """Each indicator thread with its targets and outcomes per year side by side, whether the target was met,
    placeholder targets, and indicator churn between the plans of a series."""
    al = view.alignment()
    ind = view.items("indicators")
    by_ref = ind.set_index("ref") if not ind.empty else ind
    rows, placeholders = [], []
    for t in al["align_threads"].itertuples():
        if t.kind != "indicator":
            continue
        latest = t.items[-1]["ref"]
        name = by_ref.at[latest, "name"] if latest in by_ref.index else ""
        for entry in t.items:
            if entry["ref"] not in by_ref.index:
                continue
            r = by_ref.loc[entry["ref"]]
            values = r["values"] or []
            years = sorted({v.get("year") for v in values if v.get("year") is not None}) or [None]
            for y in years:
                at = {v["kind"]: v for v in values if v.get("year") == y}
                actual, target = at.get("actual"), at.get("target")
                rows.append({"thread": t.id, "municipality": t.municipality, "indicator": name,
                             "file": r["file"], "where": r["where"], "as_written": r["name"], "year": y,
                             "target": (target or {}).get("raw", ""), "outcome": (actual or {}).get("raw", ""),
                             "comparison": (at.get("comparison") or {}).get("raw", ""),
                             "met": _met(actual, target, r.get("direction"), r["name"]), "direction": r.get("direction") or "",
                             "target_value": (target or {}).get("value"), "outcome_value": (actual or {}).get("value"),
                             "unit": (target or actual or {}).get("unit") or "", "source": r["source"]})
            for v in values:
                if _PLACEHOLDER.search(str(v.get("raw", ""))):
                    placeholders.append({"municipality": t.municipality, "file": r["file"], "where": r["where"],
                                         "indicator": r["name"], "column": v.get("column") or v.get("kind"),
                                         "value": v.get("raw"), "source": r["source"]})
    values = pd.DataFrame(rows, columns=["thread", "municipality", "indicator", "file", "where", "as_written", "year",
                                         "target", "outcome", "comparison", "met", "direction", "target_value",
                                         "outcome_value", "unit", "source"])
    values = _filter(values, municipality, committee, year_from, year_to)
    values["year"] = values["year"].astype("Int64")
    churn = []
    docs = view.docs[view.docs["doc_type"] != "report"].dropna(subset=["period_start"])
    threads_of = {e["ref"]: t.id for t in al["align_threads"].itertuples() if t.kind == "indicator" for e in t.items}
    for (muni, com), g in docs.sort_values("period_start").groupby(["municipality", "committee"]):
        files = g["file"].tolist()
        for a, b in zip(files, files[1:]):
            ta = {threads_of.get(r) for r in ind.loc[ind["file"] == a, "ref"]} - {None}
            tb = {threads_of.get(r) for r in ind.loc[ind["file"] == b, "ref"]} - {None}
            churn.append({"municipality": muni, "committee": com, "from": a, "to": b, "kept": len(ta & tb),
                          "new": len(tb - ta), "dropped": len(ta - tb)})
    churn = pd.DataFrame(churn, columns=["municipality", "committee", "from", "to", "kept", "new", "dropped"])
    churn = _filter(churn, municipality, committee)
    placeholders = _filter(pd.DataFrame(placeholders, columns=["municipality", "file", "where", "indicator", "column",
                                                               "value", "source"]), municipality)
    return Report("indicators", "Indicators: targets and outcomes",
                  {"targets_and_outcomes": values.reset_index(drop=True), "placeholders": placeholders,
                   "churn": churn})


@report("compare")
def compare(view: StoreView, municipality=None, kind=None, year_from=None, year_to=None, best: Optional[int] = None,
            **_) -> Report:
    """Municipality × theme: how many goals, assignments and indicators per theme and year; and the closest
    counterparts of one municipality's items in the others (only the `best` highest-scoring, when given: the
    HTML report shows a dozen of hundreds of thousands)."""
    from plantrace.align.cache import stored_themes

    themes = stored_themes(view.store.con)
    idx = view.item_index()
    pool = idx[idx["kind"].isin(["goal", "assignment", "indicator"])]
    if kind:
        pool = pool[pool["kind"] == kind.rstrip("s")]
    long = [{"municipality": r.municipality, "theme": th, "kind": r.kind, "year": r.year}
            for r in pool.reset_index().itertuples() for th in themes.get(r.ref, ())]
    long = pd.DataFrame(long, columns=["municipality", "theme", "kind", "year"])
    long = _filter(long, None, None, year_from, year_to)
    counts = long.groupby(["municipality", "theme", "kind", "year"], dropna=False).size().rename("items").reset_index()
    matrix = long.pivot_table(index="theme", columns="municipality", values="kind", aggfunc="count", fill_value=0)
    matrix = matrix.reset_index().rename_axis(columns=None)
    if not matrix.empty:
        from plantrace.align.themes import theme_label

        matrix.insert(1, "label", matrix["theme"].map(theme_label))
    links = view.alignment()["align_links"]
    rel = links.loc[links["relation"] == "related", ["a", "b", "score", "features"]]
    rel = rel[rel["a"].isin(idx.index) & rel["b"].isin(idx.index)]
    # each related pair seen from both of its items, joined to the items in one go (not a lookup per link)
    sides = pd.concat([rel.rename(columns={"a": "here", "b": "there"}), rel.rename(columns={"b": "here", "a": "there"})],
                      ignore_index=True)
    sides["municipality"] = idx.loc[sides["here"], "municipality"].to_numpy()
    sides["other_municipality"] = idx.loc[sides["there"], "municipality"].to_numpy()
    if municipality:
        sides = sides[sides["municipality"].fillna("").str.casefold() == municipality.casefold()]
    # at most three counterparts per item and other municipality, the best first
    sides = sides.sort_values(["score", "here", "there"], ascending=[False, True, True], kind="stable")
    sides = sides.groupby(["here", "other_municipality"], sort=False, dropna=False).head(3)
    if best is not None:
        sides = sides.head(best)
    sides = sides.reset_index(drop=True)
    cols = ["file", "number", "text", "where", "source"]
    h = idx.loc[sides["here"], cols].reset_index(drop=True)
    o = idx.loc[sides["there"], cols].reset_index(drop=True)
    counterparts = pd.DataFrame({
        "municipality": sides["municipality"], "file": h["file"], "number": h["number"].fillna(""), "item": h["text"],
        "other_municipality": sides["other_municipality"], "other_file": o["file"],
        "other_number": o["number"].fillna(""), "counterpart": o["text"], "score": sides["score"],
        "shared_themes": [", ".join((f or {}).get("shared_themes") or []) for f in sides["features"]],
        "where": h["where"], "other_where": o["where"], "source": h["source"], "other_source": o["source"]})
    counterparts = counterparts.sort_values(["municipality", "file", "item", "score"], ascending=[True, True, True, False],
                                            kind="stable")
    return Report("compare", "Municipalities compared by theme",
                  {"matrix": matrix, "counts": counts, "counterparts": counterparts.reset_index(drop=True)})


@report("document")
def document(view: StoreView, path: Optional[str] = None, **_) -> Report:
    """One document's full extraction as readable sections."""
    if not path:
        raise ValueError("report document needs the document: its path, file name or sha256")
    d = view.docs
    hit = d[(d["source"] == str(path)) | (d["file"] == Path(str(path)).name) | d["document"].str.startswith(str(path))]
    if hit.empty:
        raise LookupError(f"{path}: no such document in {view.store.path}")
    doc = hit.iloc[0]
    meta = pd.DataFrame([{"field": k, "value": "" if v is None or (isinstance(v, float) and pd.isna(v)) else str(v)}
                         for k, v in doc[["file", "source", "municipality", "committee", "doc_type", "title",
                                          "period_start", "period_end", "document"]].items()])
    tables = {"meta": meta}
    cols = {"sections": ["number", "title", "level", "where"], "goals": ["number", "level", "text", "where"],
            "assignments": ["number", "text", "issuer", "responsible", "funding", "where"],
            "indicators": ["name", "values", "direction", "where"],
            "followups": ["number", "kind", "status", "status_raw", "refers_to", "where"],
            "actions": ["text", "expected_effect", "where"], "controls": ["area", "risk", "control", "where"],
            "tables": ["kind", "title", "n_rows", "n_cols", "where"]}
    for kind, wanted in cols.items():
        items = view.items(kind)
        items = items[items["document"] == doc["document"]] if not items.empty else items
        if items.empty:
            continue
        out = items.reindex(columns=wanted).copy()
        if "values" in out:
            out["values"] = [
                "; ".join(f"{v.get('column') or v.get('kind')}: {v.get('raw')}" for v in (vals or []))
                for vals in out["values"]]
        if "responsible" in out:
            out["responsible"] = [", ".join(r or []) for r in out["responsible"]]
        tables[kind] = out.fillna("").reset_index(drop=True)
    return Report("document", f"{doc['file']}: {doc['title'] or ''}", tables)


def run_report(store: Store, name: str, **options) -> Report:
    try:
        fn = REPORTS[name]
    except KeyError:
        raise ValueError(f"unknown report {name!r}; known: {', '.join(REPORTS)}") from None
    from plantrace.reports.labels import document_labels

    view = StoreView(store)
    result = fn(view, **options)
    result.labels = document_labels(view.docs)
    return result
