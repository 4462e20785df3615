"""Scoring extracted documents against hand-made answer keys (`shared/gold/FORMAT.md`).

Items are matched one-to-one after folding case, markup, dashes, punctuation and whitespace; a fuzzy ratio of
90 or more counts as the same item. The score matrix comes from `rapidfuzz.process.cdist`; pairs are taken
best-first."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from plantrace.schema import Document

KEY_FIELD = {"goals": "text", "assignments": "text", "indicators": "name", "followups": "refers_to",
             "actions": "text", "tables": "title"}
KINDS = list(KEY_FIELD)


def fold(text: Optional[str]) -> str:
    if not text:
        return ""
    t = re.sub(r"</?\w+>|\*\*|#+", " ", text).casefold()
    t = t.replace("–", "-").replace("—", "-")
    t = re.sub(r"[^\w%]+", " ", t)
    return re.sub(r"\s+", " ", t).strip()


def load_gold(gold_dir: str | Path) -> dict[str, dict]:
    """Answer keys by document stem (the file name up to its first dot)."""
    out = {}
    for p in sorted(Path(gold_dir).glob("*.json")):
        data = json.loads(p.read_text(encoding="utf-8"))
        if "file" not in data:
            continue
        out[Path(data["file"]).name.split(".")[0]] = data
    return out


def stem(source: str) -> str:
    return Path(source).name.split(".")[0]


def _key(kind: str, item: dict) -> str:
    value = item.get(KEY_FIELD[kind])
    if kind == "tables" and not value:
        value = " ".join(item.get("header") or [])
    return fold(value)


def match(pred: list[str], gold: list[str], threshold: float = 90) -> list[tuple[int, int, float]]:
    """One-to-one pairs (pred index, gold index, score), best scores first."""
    if not pred or not gold:
        return []
    scores = process.cdist(pred, gold, scorer=fuzz.ratio, dtype=np.float32)
    pairs = []
    order = np.dstack(np.unravel_index(np.argsort(-scores, axis=None), scores.shape))[0]
    used_p, used_g = set(), set()
    for i, j in order:
        s = float(scores[i, j])
        if s < threshold:
            break
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        pairs.append((int(i), int(j), s))
    return pairs


@dataclass
class KindScore:
    document: str
    kind: str
    tp: int
    fp: int
    fn: int
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    attribute_errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class EvalResult:
    scores: list[KindScore] = field(default_factory=list)
    status_total: int = 0
    status_correct: int = 0
    status_errors: list[str] = field(default_factory=list)
    meta: list[dict] = field(default_factory=list)

    def micro(self, kind: str) -> KindScore:
        ks = [s for s in self.scores if s.kind == kind]
        return KindScore("all", kind, sum(s.tp for s in ks), sum(s.fp for s in ks), sum(s.fn for s in ks))

    def to_dataframe(self) -> pd.DataFrame:
        rows = [(s.document, s.kind, s.tp, s.fp, s.fn, s.precision, s.recall, s.f1) for s in self.scores]
        rows += [("all", k, m.tp, m.fp, m.fn, m.precision, m.recall, m.f1) for k in KINDS for m in [self.micro(k)]]
        return pd.DataFrame(rows, columns=["document", "kind", "tp", "fp", "fn", "precision", "recall", "f1"])

    @property
    def status_accuracy(self) -> float:
        return self.status_correct / self.status_total if self.status_total else 1.0


def evaluate(documents: list[Document], gold_dir: str | Path, threshold: float = 90) -> EvalResult:
    golds = load_gold(gold_dir)
    result = EvalResult()
    for doc in documents:
        gold = golds.get(stem(doc.source))
        if gold is None:
            continue
        name = stem(doc.source)
        pred_all = doc.model_dump(mode="json")
        for kind in KINDS:
            if kind not in gold:
                continue
            p_items, g_items = pred_all.get(kind, []), gold.get(kind) or []
            pairs = match([_key(kind, x) for x in p_items], [_key(kind, x) for x in g_items], threshold)
            mp = {i for i, _, _ in pairs}
            mg = {j for _, j, _ in pairs}
            score = KindScore(name, kind, len(pairs), len(p_items) - len(pairs), len(g_items) - len(pairs),
                              missed=[_key(kind, g) for j, g in enumerate(g_items) if j not in mg],
                              spurious=[_key(kind, p) for i, p in enumerate(p_items) if i not in mp])
            if kind == "followups":
                by_gold = {j: i for i, j, _ in pairs}
                for j, g in enumerate(g_items):
                    result.status_total += 1
                    i = by_gold.get(j)
                    if i is not None and p_items[i]["status"] == g.get("status"):
                        result.status_correct += 1
                    else:
                        got = p_items[i]["status"] if i is not None else "missing"
                        result.status_errors.append(f"{name} {g.get('number')}: expected {g.get('status')}, got {got}")
            if kind == "goals":
                for i, j, _ in pairs:
                    if p_items[i]["level"] != g_items[j].get("level"):
                        score.attribute_errors.append(f"level {g_items[j].get('number')}: {p_items[i]['level']} != {g_items[j].get('level')}")
            result.scores.append(score)
        gm = gold.get("meta", {})
        got = doc.meta.model_dump(mode="json")
        checks = {}
        for f in ("municipality", "committee", "doc_type", "period", "title", "diarienummer"):
            if f in gm:
                exp, val = gm[f], got.get(f)
                checks[f] = (fuzz.ratio(fold(val), fold(exp)) >= 90) if f == "title" else (val == exp or (isinstance(val, list) and list(val) == list(exp)))
        result.meta.append({"document": name, **checks})
    return result


def evaluate_paths(paths, gold_dir: str | Path, threshold: float = 90) -> EvalResult:
    from plantrace.corpus.files import find_files
    from plantrace.extract import extract_file

    golds = load_gold(gold_dir)
    files, _ = find_files(paths)
    docs = [extract_file(f) for f in files if stem(str(f)) in golds]
    return evaluate(docs, gold_dir, threshold)


def render(result: EvalResult, console=None, details: bool = False) -> None:
    from rich.console import Console
    from rich.table import Table

    console = console or Console()
    table = Table(title="Accuracy against the answer keys")
    for col in ("document", "kind", "tp", "fp", "fn", "precision", "recall", "F1"):
        table.add_column(col, justify="right" if col not in ("document", "kind") else "left")
    for _, r in result.to_dataframe().iterrows():
        table.add_row(r.document, r.kind, str(r.tp), str(r.fp), str(r.fn), f"{r.precision:.3f}", f"{r.recall:.3f}", f"{r.f1:.3f}",
                      style="bold" if r.document == "all" else None)
    console.print(table)
    console.print(f"Follow-up status correct: {result.status_correct}/{result.status_total}")
    for m in result.meta:
        bad = [k for k, v in m.items() if k != "document" and not v]
        console.print(f"meta {m['document']}: " + ("all correct" if not bad else "wrong: " + ", ".join(bad)))
    if details:
        for s in result.scores:
            for x in s.missed:
                console.print(f"[red]missed[/] {s.document} {s.kind}: {x[:120]}")
            for x in s.spurious:
                console.print(f"[yellow]spurious[/] {s.document} {s.kind}: {x[:120]}")
            for x in s.attribute_errors:
                console.print(f"[magenta]attribute[/] {s.document} {s.kind}: {x}")
        for e in result.status_errors:
            console.print(f"[red]status[/] {e}")
