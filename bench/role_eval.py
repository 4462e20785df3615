"""Honest figures for the role classifier: leave one document out, leave one layout out.

    python bench/role_eval.py                       # both groupings, a table per grouping
    python bench/role_eval.py --by layout --json    # one grouping, as JSON
    python bench/role_eval.py --group sample/002    # only the named held-out group(s)

Each held-out group (a sample document, or a fixture of tests/fixtures/layouts/; by layout, the fixtures of one
"layout" key, each sample its own layout) is scored by a model trained on every other group and the hand-written
lines (nlp_models/data/roles_written.jsonl). The held-out split that `plantrace train` reports draws units of
the *same* documents as the training units, so it measures memory of a layout; these figures measure what the
classifier does on a layout it has not seen. Seeded (seed 0), so a run repeats exactly; one model per group.
"""

from __future__ import annotations

import argparse
import json
import sys


def table(result: dict) -> str:
    lines = [f"leave one {result['by']} out (seed {result['seed']})",
             f"{'held-out group':<44} {'n':>5} {'macro-F1':>9} {'accuracy':>9}"]
    for g in result["groups"]:
        lines.append(f"{g['group']:<44} {g['n']:>5} {g['macro_f1']:>9.3f} {g['accuracy']:>9.3f}")
    p, m = result["pooled"], result["mean"]
    lines.append(f"{'pooled (all held-out units)':<44} {p['n']:>5} {p['macro_f1']:>9.3f} {p['accuracy']:>9.3f}")
    lines.append(f"{'mean over groups':<44} {len(result['groups']):>5} {m['macro_f1']:>9.3f} {m['accuracy']:>9.3f}")
    for name, sub in result.get("subsets", {}).items():
        lines.append(f"{'pooled, ' + name:<44} {sub['n']:>5} {sub['macro_f1']:>9.3f} {sub['accuracy']:>9.3f}")
    lines.append("pooled per role: " + ", ".join(f"{role} {r['f1']:.2f} (n={r['n']})"
                                                 for role, r in p["per_role"].items() if r["n"]))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    from plantrace.nlp_models.training import GROUPINGS, evaluate_grouped

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--by", choices=[*GROUPINGS, "both"], default="both")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--group", action="append", help="only this held-out group (repeatable)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    results = [evaluate_grouped(by, args.seed, groups=args.group)
               for by in (GROUPINGS if args.by == "both" else [args.by])]
    if args.json:
        sys.stdout.write(json.dumps(results if len(results) > 1 else results[0], ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write("\n\n".join(table(r) for r in results) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
