"""Precision of related links on a hand-labelled sample (bench/related_sample.json): of the sampled links that the
current alignment still produces, how many link items about the same specific thing; and how many of the sample's
good links are still produced (recall within the sample).

    .venv/bin/python bench/related_precision.py

The sample was drawn once (seed 0) from the sample corpus's related links and judged by hand, so its precision is
an estimate with a wide margin (40 links); it measures what the related step costs a reader, which the answer
keys' 16 related pairs (recall only) do not.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import plantrace

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    sample = json.loads((ROOT / "bench" / "related_sample.json").read_text(encoding="utf-8"))["links"]
    with tempfile.TemporaryDirectory() as d:
        db = Path(d) / "sample.duckdb"
        plantrace.ingest([ROOT / "corpus" / "sample"], db=db)
        result = plantrace.align(db)
    links = result.links[result.links["relation"] == "related"]
    produced = {frozenset((a, b)) for a, b in zip(links["a"], links["b"])}
    found = [s for s in sample if frozenset((s["a"], s["b"])) in produced]
    good = [s for s in found if s["about_the_same_thing"]]
    all_good = [s for s in sample if s["about_the_same_thing"]]
    print(f"related links: {len(links)} ({len(links) / max(1, len(result.items)):.2f} per item)")
    print(f"labelled sample still produced: {len(found)}/{len(sample)}")
    print(f"precision on the sample: {len(good)}/{len(found)} = {len(good) / max(1, len(found)):.3f}")
    print(f"good sampled links kept: {len(good)}/{len(all_good)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
