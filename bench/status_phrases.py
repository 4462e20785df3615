"""Status accuracy on a status phrase set (nlp_models/data/status_phrases*.tsv: phrases in our own words after
the status vocabulary of many municipalities and regions, each set written without reading the reader; see the
sets' .md files).

    .venv/bin/python bench/status_phrases.py                  # accuracy, per status, confusions (first set)
    .venv/bin/python bench/status_phrases.py --split          # tuning half vs held-out half, by municipality
    .venv/bin/python bench/status_phrases.py --phrases nlp_models/data/status_phrases_2.tsv   # another set
    .venv/bin/python bench/status_phrases.py --cross          # the status model held out: by set, by municipality

The shipped status model is trained on every set in nlp_models/data, so scoring a set there with the shipped
reader is in-sample; `--cross` trains a model per group on the others (sets, or five groups of municipalities)
and is the figure to quote, next to the first score of a new set scored before it joins the data.
The split is by source municipality (a fixed, seeded half of the municipalities), so a rule tuned on one
municipality's vocabulary is never scored on phrases of the same municipality.
"""

from __future__ import annotations

import argparse
import csv
import random
from collections import Counter
from pathlib import Path

from plantrace.nlp_models.status import normalise_status

PHRASES = Path(__file__).resolve().parents[1] / "nlp_models" / "data" / "status_phrases.tsv"


def load(path: Path = PHRASES) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def split(rows: list[dict], seed: int = 0) -> tuple[list[dict], list[dict]]:
    """(tuning, held-out): half of the municipalities each, chosen with a fixed seed."""
    munis = sorted({r["municipality"] for r in rows})
    random.Random(seed).shuffle(munis)
    tune = set(munis[: len(munis) // 2])
    return [r for r in rows if r["municipality"] in tune], [r for r in rows if r["municipality"] not in tune]


def score(rows: list[dict]) -> dict:
    got = [normalise_status(r["text"])[0] for r in rows]
    right = sum(g == r["status"] for g, r in zip(got, rows))
    confusions = Counter((r["status"], g) for g, r in zip(got, rows) if g != r["status"])
    per = {}
    for s in sorted({r["status"] for r in rows}):
        idx = [i for i, r in enumerate(rows) if r["status"] == s]
        per[s] = (sum(got[i] == s for i in idx), len(idx))
    return {"n": len(rows), "accuracy": right / max(1, len(rows)), "per_status": per, "confusions": confusions,
            "wrong": [(r["text"], r["status"], g) for g, r in zip(got, rows) if g != r["status"]]}


def show(name: str, res: dict, wrong: bool = False) -> None:
    print(f"{name}: {res['accuracy']:.3f} ({res['n']} phrases)")
    print("  per status: " + ", ".join(f"{s} {a}/{n}" for s, (a, n) in res["per_status"].items()))
    print("  confusions (expected → got): " + ", ".join(f"{e}→{g} {n}" for (e, g), n in res["confusions"].most_common(8)))
    if wrong:
        for text, e, g in res["wrong"]:
            print(f"    {e:>9} → {g:<9} {text}")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--split", action="store_true", help="score the tuning and held-out halves separately")
    p.add_argument("--phrases", type=Path, default=PHRASES, help="the phrase file (a new set: score it before it "
                   "joins nlp_models/data, and do not read its errors while tuning)")
    p.add_argument("--cross", action="store_true", help="leave one set out and leave municipalities out: rules "
                   "(in-sample), model and both")
    p.add_argument("--wrong", action="store_true", help="list the phrases classified wrong (tuning half with --split)")
    args = p.parse_args(argv)
    if args.cross:
        from plantrace.nlp_models.training import evaluate_status_grouped

        for by in ("set", "municipality"):
            res = evaluate_status_grouped(by)
            print(f"held out by {by} ({res['n']} phrases): " + ", ".join(f"{k} {v:.3f}" for k, v in res["accuracy"].items()))
            for g in res["groups"]:
                print(f"  {g['group']:<18} n {g['n']:>4}  " + "  ".join(f"{k} {g[k]:.3f}" for k in ("rules", "model", "rules+model")))
        return 0
    rows = load(args.phrases)
    if args.split:
        tune, held = split(rows)
        show("tuning half", score(tune), wrong=args.wrong)
        show("held-out half", score(held))
    else:
        show("all phrases", score(rows), wrong=args.wrong)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
