"""Alignment speed: N earlier items against N later ones, aligned with blocking, at several N.

    python bench/align_speed.py [--sizes 1000 2000 5000 10000] [--block 100] [--out bench/results/align.json]

The items are the goal, assignment and indicator texts of the sample corpus, spread over municipalities (one
earlier and one later plan each, `--block` items per plan and kind), and each later item is a realistic
perturbation of an earlier one: opening formula reworded, clauses reordered, one or two typos, numbers and
years changed; a fifth of the later items are new (taken from another municipality's plan) so that not
everything has a partner. The run times normalisation and feature preparation, and the lineage linking
(cdist per block, one-to-one), reports pairs scored per second, peak memory, how time grows with N, and as a
check that speed was not bought with quality, the share of perturbed copies linked back to their original.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

REWORDINGS = [("Socialnämnden ska", "Nämnden fortsätter arbetet med att"), ("Nämnden ska", "Socialnämnden ska"),
              ("öka", "förbättra"), ("minska", "sänka"), ("Antal", "Antalet"), ("Andel", "Andelen"),
              ("barn och unga", "barn och ungdomar")]


def corpus_texts() -> list[tuple[str, str]]:
    from plantrace.extract import extract_file

    out = []
    for path in sorted((ROOT / "corpus" / "sample" / "text").glob("*.txt")):
        doc = extract_file(path)
        out += [("goal", g.text) for g in doc.goals if not g.placeholder]
        out += [("assignment", a.text) for a in doc.assignments]
        out += [("indicator", i.name) for i in doc.indicators]
    return list(dict.fromkeys((k, t) for k, t in out if len(t.split()) >= 3))


def perturb(text: str, rng: random.Random) -> str:
    for a, b in REWORDINGS:
        if a in text and rng.random() < 0.5:
            text = text.replace(a, b, 1)
    parts = re.split(r",\s+|\s+och\s+", text)
    if len(parts) > 1 and rng.random() < 0.4:
        rng.shuffle(parts)
        text = ", ".join(parts)
    words = text.split()
    for _ in range(rng.choice((0, 1, 2))):
        k = rng.randrange(len(words))
        w = words[k]
        if len(w) > 4:
            i = rng.randrange(1, len(w) - 2)
            words[k] = w[:i] + w[i + 1] + w[i] + w[i + 2:]  # swap two letters
    text = " ".join(words)
    return re.sub(r"\d+", lambda m: str(int(m.group()) + rng.choice((1, 2, 5, 10))), text)


def build(n: int, block: int, texts, rng: random.Random) -> tuple[pd.DataFrame, set[tuple[str, str]]]:
    rows, truth = [], set()
    n_munis = max(1, n // block)
    for m in range(n_munis):
        muni = f"Kommun{m:04d}"
        earlier = rng.sample(texts, min(block, len(texts)))  # distinct texts: a plan does not repeat itself
        for k, (kind, text) in enumerate(earlier):
            rows.append((f"{muni}-2021", muni, 2021, kind, f"e{k}", text))
        for k, (kind, text) in enumerate(earlier):
            if rng.random() < 0.2:
                kind, text = texts[rng.randrange(len(texts))]  # a new item; its original is dropped
                rows.append((f"{muni}-2025", muni, 2025, kind, f"l{k}", text))
            else:
                rows.append((f"{muni}-2025", muni, 2025, kind, f"l{k}", perturb(text, rng)))
                truth.add((f"{muni}-2021:e{k}", f"{muni}-2025:l{k}"))
    df = pd.DataFrame(rows, columns=["document", "municipality", "period_start", "kind", "id", "text"])
    df["ref"] = df["document"] + ":" + df["id"]
    df["source"] = df["document"]
    df["committee"] = "Socialnämnden"
    df["doc_type"] = "plan"
    df["period_end"] = df["period_start"] + 3
    df["level"] = None
    df["placeholder"] = False
    return df, truth


def run(n: int, block: int, texts, seed: int = 0) -> dict:
    from plantrace.align.features import Context, prepare
    from plantrace.align.items import documents_frame
    from plantrace.align.lineage import Thresholds, lineage

    items, truth = build(n, block, texts, random.Random(seed))
    t0 = time.perf_counter()
    prepared = prepare(items)
    ctx = Context(prepared["terms"])
    t1 = time.perf_counter()
    links = lineage(prepared, documents_frame(prepared), ctx, Thresholds())
    t2 = time.perf_counter()
    sizes = prepared.groupby(["document", "kind"]).size()
    pairs = 0
    for (doc, kind), count in sizes.items():
        if doc.endswith("-2021"):
            pairs += count * sizes.get((doc.replace("-2021", "-2025"), kind), 0)
    found = {(l["a"], l["b"]) for l in links if l["relation"] in ("same", "reworded")}
    return {"n_each_side": n, "items": len(items), "pairs_scored": int(pairs),
            "prepare_s": round(t1 - t0, 3), "link_s": round(t2 - t1, 3), "total_s": round(t2 - t0, 3),
            "pairs_per_s": int(pairs / max(t2 - t1, 1e-9)),
            "copies_linked_back": round(len(found & truth) / max(len(truth), 1), 3),
            "links_right": round(len(found & truth) / max(len(found), 1), 3),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 5000, 10000])
    p.add_argument("--block", type=int, default=100, help="items per plan (a block is one plan pair and kind)")
    p.add_argument("--out", type=Path)
    args = p.parse_args(argv)
    from plantrace.align.normalise import normalise

    normalise("uppvärmning")  # load the pipeline before timing
    texts = corpus_texts()
    results = [run(n, args.block, texts) for n in args.sizes]
    base = results[0]
    for r in results:
        r["time_ratio_to_first"] = round(r["total_s"] / base["total_s"], 2)
        r["size_ratio_to_first"] = round(r["n_each_side"] / base["n_each_side"], 2)
    report = {"block": args.block, "results": results,
              "target": "10,000 x 10,000 in <= 10 s and <= 2 GB on the 2-core machine"}
    text = json.dumps(report, indent=2)
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
