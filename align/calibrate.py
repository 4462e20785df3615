"""Thresholds chosen on labelled pairs: sweep each threshold over a store whose documents have answer keys
and report precision and recall against `links.json`, so the defaults in `Thresholds` can be re-derived.

    python -m plantrace.align.calibrate --db store.duckdb --gold tests/gold
"""

from __future__ import annotations

import argparse
import dataclasses
import json

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


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m plantrace.align.calibrate", description=__doc__)
    p.add_argument("--db", required=True)
    p.add_argument("--gold", required=True)
    args = p.parse_args(argv)
    for name in SWEEPS:
        for row in sweep(args.db, args.gold, name):
            print(json.dumps(row))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
