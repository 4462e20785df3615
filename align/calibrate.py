"""Thresholds chosen on labelled pairs: sweep each threshold over a store whose documents have answer keys
and report precision and recall against `links.json`, so the defaults in `Thresholds` can be re-derived; and
cross-validate the choice over document pairs (`--cv`): for each labelled pair of documents, the threshold is
chosen on the other pairs and scored on it, so the figure says how a chosen threshold does on a pair it never saw.

    python -m plantrace.align.calibrate --db store.duckdb --gold tests/gold
    python -m plantrace.align.calibrate --db store.duckdb --gold tests/gold --cv
"""

from __future__ import annotations

import argparse
import dataclasses
import json
from pathlib import Path

import numpy as np

from plantrace.align.evaluate import evaluate_alignment
from plantrace.align.lineage import Thresholds
from plantrace.align.run import align

SWEEPS = {
    "link": np.round(np.arange(0.30, 0.71, 0.02), 2),
    "followup": np.round(np.arange(0.40, 0.91, 0.05), 2),
    "related": np.round(np.arange(0.30, 0.71, 0.05), 2),
}


def sweep(db, gold_dir, name: str, values=None, base: Thresholds | None = None) -> list[dict]:
    """One row per value of threshold `name`: lineage/follow-up recall and precision, related recall."""
    base = base or Thresholds()
    rows = []
    for v in (SWEEPS[name] if values is None else values):
        th = dataclasses.replace(base, **{name: float(v)})
        r = align(db, thresholds=th, save=False)
        ev = evaluate_alignment(r.links, r.followups, r.items, gold_dir)
        rows.append({"threshold": name, "value": float(v), "recall": round(ev.lineage_followup.recall, 3),
                     "precision": round(ev.precision, 3), "related_recall": round(ev.related.recall, 3),
                     "related_links": int((r.links["relation"] == "related").sum())})
    return rows


def pair_scores(ev_links, followups, items, gold_dir) -> dict[tuple[str, str], list[int]]:
    """(document prefix, document prefix) → [found, total, predicted, correct] of lineage and follow-up links,
    each labelled link and each predicted link counted under the pair of documents it joins."""
    from plantrace.align.evaluate import LINEAGE, gold_item_map

    gold = json.loads((Path(gold_dir) / "links.json").read_text(encoding="utf-8"))
    ref = gold_item_map(items, gold_dir)
    doc_of = {r: k.split(":")[0] for k, r in ref.items()}
    pairs = {frozenset((a, b)) for a, b, rel in zip(ev_links["a"], ev_links["b"], ev_links["relation"])}
    reported = {(p, f) for p, f, v in zip(followups["plan_item"], followups["followup"], followups["verdict"])
                if v == "reported"}
    out: dict[tuple[str, str], list[int]] = {}
    truth = set()
    entries = [(l["a"], [l["b"]]) for l in gold["links"] if l["relation"] != "related"]
    entries += [(e["item"], e["by"]) for e in gold.get("reported", [])]
    for item, bys in entries:
        key = tuple(sorted((item.split(":")[0], bys[0].split(":")[0])))
        c = out.setdefault(key, [0, 0, 0, 0])
        c[1] += 1
        a = ref.get(item)
        found = False
        for b in (ref.get(x) for x in bys):
            if a and b:
                truth.add(frozenset((a, b)))
                found |= frozenset((a, b)) in pairs or (a, b) in reported
        c[0] += found
    predicted = [(a, b) for a, b, r in zip(ev_links["a"], ev_links["b"], ev_links["relation"]) if r in LINEAGE]
    predicted += list(reported)
    for a, b in predicted:
        if a in doc_of and b in doc_of:
            c = out.setdefault(tuple(sorted((doc_of[a], doc_of[b]))), [0, 0, 0, 0])
            c[2] += 1
            c[3] += frozenset((a, b)) in truth
    return out


def cross_validate(db, gold_dir, name: str, values=None, base: Thresholds | None = None) -> dict:
    """Leave one labelled document pair out: choose `name` on the other pairs (best F1, ties to the middle of
    the best run), score the held-out pair at that value; pooled recall and precision over the held-out pairs."""
    base = base or Thresholds()
    values = list(SWEEPS[name] if values is None else values)
    per_value = []
    for v in values:
        r = align(db, thresholds=dataclasses.replace(base, **{name: float(v)}), save=False)
        per_value.append(pair_scores(r.links, r.followups, r.items, gold_dir))
    pairs = sorted({p for pv in per_value for p in pv})
    pooled = [0, 0, 0, 0]
    chosen = {}
    for held in pairs:
        f1 = []
        for pv in per_value:
            c = [sum(pv.get(p, [0, 0, 0, 0])[k] for p in pairs if p != held) for k in range(4)]
            rec = c[0] / c[1] if c[1] else 1.0
            prec = c[3] / c[2] if c[2] else 1.0
            f1.append(0.0 if rec + prec == 0 else 2 * rec * prec / (rec + prec))
        best = [i for i, f in enumerate(f1) if f == max(f1)]
        i = best[len(best) // 2]
        chosen["–".join(held)] = float(values[i])
        for k in range(4):
            pooled[k] += per_value[i].get(held, [0, 0, 0, 0])[k]
    return {"threshold": name, "chosen": chosen, "found": f"{pooled[0]}/{pooled[1]}",
            "recall": round(pooled[0] / pooled[1], 3) if pooled[1] else None,
            "precision": round(pooled[3] / pooled[2], 3) if pooled[2] else None}


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m plantrace.align.calibrate", description=__doc__)
    p.add_argument("--db", required=True)
    p.add_argument("--gold", required=True)
    p.add_argument("--cv", action="store_true", help="leave one labelled document pair out (link and followup)")
    args = p.parse_args(argv)
    if args.cv:
        for name in ("link", "followup"):
            print(json.dumps(cross_validate(args.db, args.gold, name), ensure_ascii=False))
        return 0
    for name in SWEEPS:
        for row in sweep(args.db, args.gold, name):
            print(json.dumps(row))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
