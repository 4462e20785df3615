"""Scoring extracted documents against hand-made answer keys (`shared/gold/FORMAT.md`).

Items of one kind are matched one-to-one on an identifying text after `fold`ing; a `fuzz.ratio` of 90 or more
counts as the same item. The score matrix comes from `rapidfuzz.process.cdist`; pairs are taken best-first
(scipy is not a dependency), ties broken by similar context and then by similar position in the document, so
repeated texts ("Mål formuleras till delår 1 2025") pair up in reading order. Attributes (level, parent, status,
values, ...) are checked only on matched pairs and reported apart from precision and recall, so one wrong level
does not hide that the goal itself was found.

A kind the answer key does not have (key absent or null) is not scored; an empty list is scored (0 gold and 0
predicted gives F1 1.0, 0 gold and k predicted gives precision 0).
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Optional

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from plantrace.schema import ITEM_KINDS, Document, IndicatorValue, Meta

THRESHOLD = 90.0
TEXT_SUFFIXES = {".txt", ".md", ".text", ".markdown"}
KINDS = ["goals", "assignments", "indicators", "followups", "actions", "controls", "tables"]
# The identifying field(s) of each kind; the first non-empty one is used.
KEY_FIELDS = {"goals": ("text",), "assignments": ("text",), "indicators": ("name",), "followups": ("refers_to",),
              "actions": ("text",), "controls": ("control", "risk"), "tables": ("title", "header")}
META_FIELDS = ("municipality", "committee", "doc_type", "period", "title", "diarienummer")

_MARKUP = re.compile(r"</?[a-zA-Z][^>]*>|\*+|#+")
_DASHES = re.compile(r"[\u2010-\u2015\u2212-]")
_PUNCT = re.compile(r"[^\w%]|_")


def fold(text: Any) -> str:
    """Comparison form: casefold, no markup, one kind of dash, no punctuation, single spaces."""
    if text is None:
        return ""
    if isinstance(text, (list, tuple)):
        text = " ".join(str(t) for t in text if t is not None)
    t = unicodedata.normalize("NFKC", str(text))
    t = _MARKUP.sub(" ", t).casefold()
    t = _DASHES.sub("-", t)
    t = _PUNCT.sub(" ", t)
    return " ".join(t.split())


# ----------------------------------------------------------------------------------------------- gold files

def stem(path: str | Path) -> str:
    """The document key of a path: its file name up to the first dot (text and PDF versions share it)."""
    return Path(str(path)).name.split(".")[0]


def load_gold(gold_dir: str | Path) -> dict[str, dict]:
    """Answer keys by the base name of their "file" field and by their own stem (usually the same string)."""
    out: dict[str, dict] = {}
    for p in sorted(Path(gold_dir).glob("*.json")):
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if not isinstance(data, dict) or "file" not in data:  # links.json and other non-keys
            continue
        data.setdefault("_key", p.stem)
        out[p.stem] = data
        out.setdefault(stem(data["file"]), data)
    return out


def match_gold(source: str | Path, golds: dict[str, dict]) -> Optional[str]:
    """The gold key for a document path, matched by stem: text/001_x.txt and pdf/001_x.word.pdf -> "001_x"."""
    s = stem(source)
    if s in golds:
        return s
    return None


def gold_to_document(gold: dict, source: Optional[str] = None) -> Document:
    """An answer key as a `Document`: for tests (a perfect extractor) and for tools that want gold in the schema.

    Keys the schema does not have (row_labels, note, goal_or_assignment on tables, ...) are dropped; a table's
    row_labels become one-cell rows."""
    name = source or gold.get("file") or f"{gold.get('_key', 'gold')}.txt"
    meta_fields = set(Meta.model_fields) - {"how"}
    meta = Meta(**{k: v for k, v in (gold.get("meta") or {}).items() if k in meta_fields and v is not None})
    doc = Document(source=str(name), sha256=hashlib.sha256(json.dumps(gold, sort_keys=True, default=str).encode()).hexdigest(),
                   format=Path(str(name)).suffix.lstrip(".") or "txt", meta=meta)
    for kind, model in ITEM_KINDS.items():
        items = []
        for n, raw in enumerate(gold.get(kind) or [], 1):
            data = _fields(model, raw)
            data.setdefault("id", f"{kind[0]}{n}")
            if kind == "tables":
                data.setdefault("rows", [[label] for label in raw.get("row_labels") or []])
            if kind == "indicators":
                data["values"] = [_fields(IndicatorValue, v) for v in raw.get("values") or []]
            items.append(model(**data))
        setattr(doc, kind, items)
    return doc


def _fields(model, raw: dict) -> dict:
    """The keys of raw the model knows; a null where the model has a non-null default takes the default."""
    fields = model.model_fields
    return {k: v for k, v in raw.items() if k in fields and not (v is None and fields[k].default is not None)}


# ------------------------------------------------------------------------------------------------ matching

def match(pred: list[str], gold: list[str], threshold: float = THRESHOLD,
          pred_context: Optional[list[str]] = None, gold_context: Optional[list[str]] = None) -> list[tuple[int, int, float]]:
    """One-to-one pairs (pred index, gold index, score) of folded keys scoring >= threshold, best first.

    Greedy on the cdist matrix; among equal scores the pair with the more similar context, then the closer
    relative position, wins."""
    if not pred or not gold:
        return []
    scores = process.cdist(pred, gold, scorer=fuzz.ratio, dtype=np.float64)
    empty = np.array([not p for p in pred])[:, None] | np.array([not g for g in gold])[None, :]
    scores[empty] = 0.0
    rank = scores.copy()
    if pred_context is not None and gold_context is not None:
        rank += 1e-3 * process.cdist(pred_context, gold_context, scorer=fuzz.ratio, dtype=np.float64)
    pos_p = np.arange(len(pred)) / max(len(pred) - 1, 1)
    pos_g = np.arange(len(gold)) / max(len(gold) - 1, 1)
    rank += 1e-6 * (1.0 - np.abs(pos_p[:, None] - pos_g[None, :]))
    ii, jj = np.nonzero(scores >= threshold)
    order = np.argsort(-rank[ii, jj], kind="stable")
    used_p, used_g, pairs = set(), set(), []
    for i, j in zip(ii[order].tolist(), jj[order].tolist()):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j, float(scores[i, j])))
    return pairs


def item_key(kind: str, item: dict) -> str:
    """The folded identifying text of an item (first non-empty of KEY_FIELDS[kind])."""
    for f in KEY_FIELDS[kind]:
        value = fold(item.get(f))
        if value:
            return value
    return ""


def _row_labels(item: dict) -> list[str]:
    if "row_labels" in item:
        return item.get("row_labels") or []
    return [r[0] if r else "" for r in item.get("rows") or []]


def _context(kind: str, item: dict) -> str:
    """Secondary text used only to break ties between equal keys (tables with the same header)."""
    if kind == "tables":
        return fold(_row_labels(item))
    return ""


# ---------------------------------------------------------------------------------------------- the result

@dataclass
class KindScore:
    """Counts for one kind in one document (or "all" documents, micro-averaged)."""

    document: str
    kind: str
    tp: int
    fp: int
    fn: int
    pairs: list[tuple[str, str, float]] = field(default_factory=list)  # (pred id, gold id, score)
    missed: list[tuple[str, str]] = field(default_factory=list)  # unmatched gold (id, text)
    spurious: list[tuple[str, str]] = field(default_factory=list)  # unmatched predicted (id, text)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """2TP / (2TP + FP + FN): 1.0 when nothing was expected and nothing predicted."""
        d = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / d if d else 1.0


@dataclass
class Check:
    """One attribute compared on a matched pair (or on a gold item, for follow-up status)."""

    document: str
    kind: str
    attribute: str
    gold_id: Optional[str]
    pred_id: Optional[str]
    expected: Any
    got: Any
    ok: bool
    text: str = ""


@dataclass
class EvalResult:
    scores: list[KindScore] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    threshold: float = THRESHOLD

    def micro(self, kind: str) -> KindScore:
        """Counts summed over documents (micro-average)."""
        ks = [s for s in self.scores if s.kind == kind]
        return KindScore("all", kind, sum(s.tp for s in ks), sum(s.fp for s in ks), sum(s.fn for s in ks))

    def score(self, document: str, kind: str) -> Optional[KindScore]:
        return next((s for s in self.scores if s.document == document and s.kind == kind), None)

    @property
    def kinds(self) -> list[str]:
        present = {s.kind for s in self.scores}
        return [k for k in KINDS if k in present]

    def to_dataframe(self) -> pd.DataFrame:
        """Rows (document, kind, tp, fp, fn, precision, recall, f1); document "all" = micro-average."""
        rows = [self.micro(k) for k in self.kinds]
        cols = ["document", "kind", "tp", "fp", "fn", "precision", "recall", "f1"]
        return pd.DataFrame([(s.document, s.kind, s.tp, s.fp, s.fn, s.precision, s.recall, s.f1)
                             for s in self.scores + rows], columns=cols)

    def attribute_rates(self) -> pd.DataFrame:
        """Per (kind, attribute): how many checks passed, over all documents."""
        cols = ["kind", "attribute", "correct", "total", "rate"]
        if not self.checks:
            return pd.DataFrame(columns=cols)
        df = pd.DataFrame([asdict(c) for c in self.checks])
        g = df.groupby(["kind", "attribute"], sort=False)["ok"].agg(["sum", "count"]).reset_index()
        g.columns = ["kind", "attribute", "correct", "total"]
        g["correct"] = g["correct"].astype(int)
        g["rate"] = g["correct"] / g["total"]
        return g

    def attribute_rate(self, kind: str, attribute: str) -> float:
        cs = [c for c in self.checks if c.kind == kind and c.attribute == attribute]
        return sum(c.ok for c in cs) / len(cs) if cs else 1.0

    @property
    def status_accuracy(self) -> float:
        """Share of gold follow-ups that were found AND given the gold status."""
        return self.attribute_rate("followups", "status")

    def mismatches(self, kind: Optional[str] = None) -> list[dict]:
        """What went wrong, for a developer: missed gold items, spurious predictions, wrong attributes."""
        out = []
        for s in self.scores:
            if kind in (None, s.kind):
                out += [{"document": s.document, "kind": s.kind, "type": "missed", "id": i, "text": t} for i, t in s.missed]
                out += [{"document": s.document, "kind": s.kind, "type": "spurious", "id": i, "text": t} for i, t in s.spurious]
        for c in self.checks:
            if not c.ok and kind in (None, c.kind):
                out.append({"document": c.document, "kind": c.kind, "type": "attribute", "attribute": c.attribute,
                            "id": c.gold_id, "pred_id": c.pred_id, "expected": c.expected, "got": c.got, "text": c.text})
        return out

    def to_dict(self) -> dict:
        return {"threshold": self.threshold, "documents": self.documents,
                "scores": self.to_dataframe().to_dict(orient="records"),
                "attributes": self.attribute_rates().to_dict(orient="records"),
                "status_accuracy": self.status_accuracy, "mismatches": self.mismatches()}


# -------------------------------------------------------------------------------------------- evaluation

def _eq(a, b) -> bool:
    return fold(a) == fold(b)


def _values(item: dict) -> set:
    """(kind, year, raw) with raw folded and unspaced, so "30 %" = "30%" and "1 234" = "1234"."""
    return {(v.get("kind"), v.get("year"), fold(v.get("raw")).replace(" ", "")) for v in item.get("values") or []}


def _linked(mapping: dict[str, str]) -> Callable[[Any, Any], tuple[bool, Any]]:
    """Compare a predicted reference with a gold one through the id mapping of the referenced kind."""
    def cmp(got, expected):
        mapped = mapping.get(got) if got is not None else None
        if got is not None and mapped is None:
            mapped = f"<unmatched {got}>"
        return mapped == expected, mapped
    return cmp


def _fuzzy(threshold: float):
    return lambda got, exp: (got == exp or (bool(fold(got)) and fuzz.ratio(fold(got), fold(exp)) >= threshold), got)


def _phrase(threshold: float):
    """status_raw: the gold phrase is short ("Ej genomfört."); a reported sentence that contains it is right."""
    fuzzy = _fuzzy(threshold)
    return lambda got, exp: (fuzzy(got, exp)[0] or (bool(fold(exp)) and f" {fold(exp)} " in f" {fold(got)} "), got)


def _attribute_checks(kind: str, maps: dict[str, dict[str, str]], threshold: float) -> dict[str, Callable]:
    """attribute -> cmp(got, expected) -> (ok, value to show). Missing gold attributes are skipped by the caller."""
    plain = lambda g, e: (g == e, g)  # noqa: E731
    text = lambda g, e: (_eq(g, e), g)  # noqa: E731
    if kind == "goals":
        return {"level": plain, "parent": _linked(maps["goals"]),
                "placeholder": lambda g, e: (bool(g) == bool(e), bool(g))}
    if kind == "assignments":
        return {"issuer": text, "funding": text,
                "responsible": lambda g, e: ({fold(x) for x in g or []} == {fold(x) for x in e or []}, g)}
    if kind == "indicators":
        return {"goal": _linked(maps["goals"]), "assignment": _linked(maps["assignments"]),
                "values": lambda g, e: (_values({"values": g}) == _values({"values": e}), g),
                "direction": plain,
                "breakdown": lambda g, e: ([fold(x) for x in g or []] == [fold(x) for x in e or []], g)}
    if kind == "followups":
        return {"kind": plain, "status": plain, "status_raw": _phrase(threshold)}
    if kind == "tables":
        return {"kind": plain, "n_rows": plain, "n_cols": plain}
    if kind == "controls":
        return {"area": _fuzzy(threshold)}
    return {}


def _short(text: str, n: int = 100) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def evaluate_document(doc: Document, gold: dict, name: Optional[str] = None, threshold: float = THRESHOLD) -> EvalResult:
    """Score one document against one answer key."""
    name = name or gold.get("_key") or stem(doc.source)
    result = EvalResult(documents=[name], threshold=threshold)
    pred_all = doc.model_dump(mode="json")
    kinds = [k for k in KINDS if gold.get(k) is not None]
    maps: dict[str, dict[str, str]] = {k: {} for k in KINDS}  # pred id -> gold id
    matched: dict[str, list] = {}
    for kind in kinds:
        p_items, g_items = pred_all.get(kind) or [], gold.get(kind) or []
        pk, gk = [item_key(kind, x) for x in p_items], [item_key(kind, x) for x in g_items]
        pairs = match(pk, gk, threshold, [_context(kind, x) for x in p_items], [_context(kind, x) for x in g_items])
        mp, mg = {i for i, _, _ in pairs}, {j for _, j, _ in pairs}
        for i, j, _ in pairs:
            if p_items[i].get("id") is not None:
                maps[kind][p_items[i]["id"]] = g_items[j].get("id")
        matched[kind] = pairs
        result.scores.append(KindScore(
            name, kind, len(pairs), len(p_items) - len(pairs), len(g_items) - len(pairs),
            pairs=[(p_items[i].get("id"), g_items[j].get("id"), s) for i, j, s in pairs],
            missed=[(g.get("id"), gk[j]) for j, g in enumerate(g_items) if j not in mg],
            spurious=[(p.get("id"), pk[i]) for i, p in enumerate(p_items) if i not in mp]))
    # attributes after all matchings, so links (parent, goal, assignment) can go through them
    for kind in kinds:
        p_items, g_items = pred_all.get(kind) or [], gold.get(kind) or []
        cmps = _attribute_checks(kind, maps, threshold)
        for i, j, _ in matched[kind]:
            p, g = p_items[i], g_items[j]
            for attr, cmp in cmps.items():
                if attr not in g and attr != "placeholder":
                    continue
                ok, got = cmp(p.get(attr), g.get(attr))
                result.checks.append(Check(name, kind, attr, g.get("id"), p.get("id"), g.get(attr), got, bool(ok),
                                           _short(item_key(kind, g))))
        if kind == "followups":  # status accuracy counts every gold follow-up, found or not
            found = {j for _, j, _ in matched[kind]}
            for j, g in enumerate(g_items):
                if j not in found:
                    result.checks.append(Check(name, kind, "status", g.get("id"), None, g.get("status"), "<not found>",
                                               False, _short(item_key(kind, g))))
    gm, pm = gold.get("meta") or {}, pred_all.get("meta") or {}
    for f in META_FIELDS:
        if gm.get(f) is None:
            continue
        exp, got = gm[f], pm.get(f)
        if f == "title":
            ok = fuzz.ratio(fold(got), fold(exp)) >= threshold
        elif f == "period":
            ok = got is not None and list(got) == list(exp)
        elif f == "doc_type":
            ok = got == exp
        else:
            ok = _eq(got, exp) and got is not None
        result.checks.append(Check(name, "meta", f, None, None, exp, got, bool(ok)))
    return result


def evaluate(documents: Iterable[Document], gold_dir: str | Path | dict, threshold: float = THRESHOLD) -> EvalResult:
    """Score documents against the answer keys in gold_dir (or an already loaded `load_gold` dict).

    Documents without an answer key are ignored; answer keys without a document are not counted."""
    golds = gold_dir if isinstance(gold_dir, dict) else load_gold(gold_dir)
    result = EvalResult(threshold=threshold)
    for doc in documents:
        key = match_gold(doc.source, golds)
        if key is None:
            continue
        one = evaluate_document(doc, golds[key], name=golds[key].get("_key", key), threshold=threshold)
        result.scores += one.scores
        result.checks += one.checks
        result.documents += one.documents
    return result


def gold_files(paths: Iterable[str | Path], golds: dict[str, dict]) -> list[Path]:
    """Files under paths (files or folders) that have an answer key, one per key: in a folder its text version,
    or its PDF where the folder holds no text of it (a folder of PDFs is scored as PDFs)."""
    found: dict[str, Path] = {}
    for p in map(Path, paths):
        candidates = sorted(p.rglob("*")) if p.is_dir() else [p]
        for f in candidates:
            suffix = f.suffix.lower()
            if f.is_file() and (suffix in TEXT_SUFFIXES or suffix == ".pdf" or not p.is_dir()):
                key = match_gold(f, golds)
                if key is None:
                    continue
                key = golds[key].get("_key", key)
                held = found.get(key)
                if held is None or p.is_dir() and held.suffix.lower() == ".pdf" and suffix in TEXT_SUFFIXES:
                    found[key] = f
    return list(found.values())


def evaluate_paths(paths: Iterable[str | Path], gold_dir: str | Path, extract: Callable[[Path], Document],
                   threshold: float = THRESHOLD) -> EvalResult:
    """Extract the files (or the text files in folders) that have an answer key with `extract` (the extract
    stage's `extract_file`: scoring sits below the stages and imports none of them), then `evaluate` them."""
    golds = load_gold(gold_dir)
    return evaluate([extract(f) for f in gold_files(paths, golds)], golds, threshold)


# ------------------------------------------------------------------------------------------------- output

def render(result: EvalResult, console=None, details: bool = False) -> None:
    """Rich tables: P/R/F1 per document and kind (micro "all" rows in bold), attribute rates, and with
    details=True every missed, spurious and wrongly attributed item."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = console or Console()
    table = Table(title=f"Items against the answer keys (fuzzy ratio ≥ {result.threshold:g})")
    for col in ("document", "kind", "tp", "fp", "fn", "precision", "recall", "F1"):
        table.add_column(col, justify="left" if col in ("document", "kind") else "right")
    for r in result.to_dataframe().itertuples():
        table.add_row(r.document, r.kind, str(r.tp), str(r.fp), str(r.fn), f"{r.precision:.3f}", f"{r.recall:.3f}",
                      f"{r.f1:.3f}", style="bold" if r.document == "all" else None)
    console.print(table)
    attrs = Table(title="Attributes of matched items")
    for col in ("kind", "attribute", "correct", "total", "rate"):
        attrs.add_column(col, justify="left" if col in ("kind", "attribute") else "right")
    for r in result.attribute_rates().itertuples():
        attrs.add_row(r.kind, r.attribute, str(r.correct), str(r.total), f"{r.rate:.3f}")
    console.print(attrs)
    if details:
        for m in result.mismatches():
            where = escape(f"{m['document']} {m['kind']} {m['id']}")
            if m["type"] == "attribute":
                console.print(f"[magenta]{m['attribute']}[/] {where}: expected {escape(repr(m['expected']))}, "
                              f"got {escape(repr(m['got']))}  [dim]{escape(m['text'])}[/]", highlight=False)
            else:
                colour = "red" if m["type"] == "missed" else "yellow"
                console.print(f"[{colour}]{m['type']}[/] {where}: {escape(_short(m['text'], 120))}", highlight=False)
