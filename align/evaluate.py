"""Alignment measured against labelled links (`gold/links.json`): gold items are found among the extracted
items by text (as in plantrace.evaluate), then links and follow-up verdicts are compared pair by pair."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from plantrace.evaluate import fold, load_gold, match, match_gold

LINEAGE = ("same", "reworded", "split", "merged", "continues")
GOLD_KINDS = {"goals": "goal", "assignments": "assignment", "indicators": "indicator", "followups": "followup"}


def gold_item_map(items: pd.DataFrame, gold_dir: str | Path) -> dict[str, str]:
    """'<file prefix>:<gold id>' → ref of the extracted item it matches (one-to-one per document and kind)."""
    golds = load_gold(gold_dir)
    out: dict[str, str] = {}
    for source, doc_items in items.groupby("source"):
        key = match_gold(source, golds)
        if key is None:
            continue
        prefix = key.split("_")[0]
        for gold_kind, kind in GOLD_KINDS.items():
            gold_items = golds[key].get(gold_kind) or []
            pred = doc_items[doc_items["kind"] == kind]
            if not gold_items or pred.empty:
                continue
            gold_texts = [fold(g.get("text") or g.get("name") or g.get("refers_to")) for g in gold_items]
            for i, j, _score in match([fold(t) for t in pred["text"]], gold_texts):
                out[f"{prefix}:{gold_items[j]['id']}"] = pred["ref"].iloc[i]
    return out


@dataclass
class LinkScores:
    found: int = 0
    total: int = 0
    missed: list = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.total if self.total else 1.0


@dataclass
class AlignEvaluation:
    lineage_followup: LinkScores  # gold same/continues links and reported-by pairs found
    related: LinkScores
    predicted: int  # predicted lineage/follow-up links with both ends among answer-key items
    correct: int
    wrong: list = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    def summary(self) -> dict:
        return {"lineage_followup_recall": round(self.lineage_followup.recall, 3),
                "lineage_followup_found": f"{self.lineage_followup.found}/{self.lineage_followup.total}",
                "precision": round(self.precision, 3), "predicted": self.predicted,
                "related_recall": round(self.related.recall, 3),
                "related_found": f"{self.related.found}/{self.related.total}"}


def evaluate_alignment(links: pd.DataFrame, followups: pd.DataFrame, items: pd.DataFrame,
                       gold_dir: str | Path) -> AlignEvaluation:
    gold = json.loads((Path(gold_dir) / "links.json").read_text(encoding="utf-8"))
    ref = gold_item_map(items, gold_dir)
    pairs = {frozenset((a, b)): rel for a, b, rel in zip(links["a"], links["b"], links["relation"])}
    reported = {(p, f) for p, f, v in zip(followups["plan_item"], followups["followup"], followups["verdict"])
                if v == "reported"}

    lf, rel = LinkScores(), LinkScores()
    truth: set[frozenset] = set()
    for link in gold["links"]:
        a, b = ref.get(link["a"]), ref.get(link["b"])
        target = rel if link["relation"] == "related" else lf
        target.total += 1
        if a and b and link["relation"] != "related":
            truth.add(frozenset((a, b)))
        if a and b and frozenset((a, b)) in pairs:
            target.found += 1
        else:
            target.missed.append(link)
    for entry in gold.get("reported", []):
        item = ref.get(entry["item"])
        bys = [ref.get(b) for b in entry["by"]]
        lf.total += 1
        for by in bys:
            if item and by:
                truth.add(frozenset((item, by)))
        if item and any((item, by) in reported for by in bys if by):
            lf.found += 1
        else:
            lf.missed.append(entry)

    keyed = set(ref.values())
    predicted = [(a, b, r) for (a, b, r) in zip(links["a"], links["b"], links["relation"]) if r in LINEAGE]
    predicted += [(p, f, "followup") for p, f in reported]
    predicted = [(a, b, r) for a, b, r in predicted if a in keyed and b in keyed]
    wrong = [(a, b, r) for a, b, r in predicted if frozenset((a, b)) not in truth]
    return AlignEvaluation(lf, rel, len(predicted), len(predicted) - len(wrong), wrong)
