"""Score the current extraction on the layout fixtures (tests/fixtures/layouts/<layout>/<name>.txt + .json).

The fixtures are invented texts in the shapes real municipal documents take; each has an answer key in the
format of shared/gold/FORMAT.md plus "layout" and "file". This prints precision / recall / F1 per kind pooled
over all fixtures (micro-average), the F1 per layout and kind in one compact table, and how often the
municipality (and the other meta fields) were identified.

    .venv/bin/python bench/layout_fixtures.py                 # tests/fixtures/layouts
    .venv/bin/python bench/layout_fixtures.py --holdout       # tests/fixtures/holdout (score only, never tune on it)
    .venv/bin/python bench/layout_fixtures.py --layout uppdrag-list --details
    .venv/bin/python bench/layout_fixtures.py --json
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import traceback
from collections import defaultdict
from pathlib import Path

from plantrace.evaluate import EvalResult, KindScore, evaluate_document
from plantrace.extract import extract_text
from plantrace.schema import Document

ROOT = Path(__file__).resolve().parents[1] / "tests" / "fixtures"
SHORT = {"goals": "goal", "assignments": "assign", "indicators": "ind", "followups": "fu", "actions": "act",
         "controls": "ctrl", "tables": "tab"}
META = ("municipality", "committee", "doc_type", "period", "title")


def fixtures(folder: Path, layout: str | None = None) -> list[tuple[str, Path, dict]]:
    """(layout, text path, key) for every key under folder/<layout>/."""
    out = []
    for key_path in sorted(folder.glob("*/*.json")):
        if layout and key_path.parent.name != layout:
            continue
        key = json.loads(key_path.read_text(encoding="utf-8"))
        text_path = key_path.with_name(key.get("file") or key_path.stem + ".txt")
        out.append((key.get("layout") or key_path.parent.name, text_path, key))
    return out


def run(folder: Path, layout: str | None = None) -> tuple[EvalResult, dict[str, list[str]], list[dict]]:
    """Extract and score each fixture; returns the pooled result, document names per layout and errors."""
    total = EvalResult()
    by_layout: dict[str, list[str]] = defaultdict(list)
    errors = []
    for lay, text_path, key in fixtures(folder, layout):
        text = text_path.read_text(encoding="utf-8")
        name = f"{lay}/{text_path.stem}"
        try:
            doc = extract_text(text, source=text_path.name)
        except Exception as exc:  # a crash on one layout must not hide the scores of the others
            errors.append({"document": name, "error": f"{type(exc).__name__}: {exc}",
                           "where": traceback.format_exc(limit=-1).strip().splitlines()[-2:]})
            doc = Document(source=text_path.name, sha256=hashlib.sha256(text.encode()).hexdigest(), format="txt")
        one = evaluate_document(doc, key, name=name)
        total.scores += one.scores
        total.checks += one.checks
        total.documents += one.documents
        by_layout[lay].append(name)
    return total, dict(by_layout), errors


def _figures(s: KindScore) -> dict:
    return {"tp": s.tp, "fp": s.fp, "fn": s.fn, "precision": s.precision, "recall": s.recall, "f1": s.f1}


def meta_rates(result: EvalResult, docs: set[str] | None = None) -> dict[str, tuple[int, int]]:
    """field -> (correct, total) over the meta checks of the given documents."""
    out = {}
    for f in META:
        cs = [c for c in result.checks if c.kind == "meta" and c.attribute == f and (docs is None or c.document in docs)]
        out[f] = (sum(c.ok for c in cs), len(cs))
    return out


def summary(result: EvalResult, by_layout: dict[str, list[str]], errors: list[dict]) -> dict:
    overall = {k: _figures(result.micro(k)) for k in result.kinds}
    layouts = {}
    for lay, docs in sorted(by_layout.items()):
        names = set(docs)
        one = EvalResult(scores=[s for s in result.scores if s.document in names])
        row: dict = {"fixtures": len(docs)}
        row.update((k, _figures(one.micro(k))) for k in one.kinds)
        row["meta"] = {f: {"correct": c, "total": t} for f, (c, t) in meta_rates(result, names).items()}
        layouts[lay] = row
    rates = result.attribute_rates()
    return {"fixtures": len(result.documents), "overall": overall, "layouts": layouts,
            "meta": {f: {"correct": c, "total": t} for f, (c, t) in meta_rates(result).items()},
            "attributes": rates.to_dict(orient="records"), "status_accuracy": result.status_accuracy,
            "errors": errors}


def print_text(summ: dict, result: EvalResult, details: bool) -> None:
    kinds = list(summ["overall"])
    print(f"{summ['fixtures']} fixtures, {len(summ['layouts'])} layouts")
    print(f"\n{'kind':<12}{'tp':>5}{'fp':>5}{'fn':>5}{'P':>7}{'R':>7}{'F1':>7}")
    for k, s in summ["overall"].items():
        print(f"{k:<12}{s['tp']:>5}{s['fp']:>5}{s['fn']:>5}{s['precision']:>7.2f}{s['recall']:>7.2f}{s['f1']:>7.2f}")
    print("\nF1 per layout: 'F1 tp/gold' and '+fp' when something spurious was found; '.' = kind not keyed")
    head = f"{'layout':<30}{'n':>3}" + "".join(f"{SHORT[k]:>16}" for k in kinds) + f"{'muni':>7}"
    print(head)
    for lay, row in summ["layouts"].items():
        cells = []
        for k in kinds:
            s = row.get(k)
            cell = "." if s is None else f"{s['f1']:.2f} {s['tp']}/{s['tp'] + s['fn']}" + (f"+{s['fp']}" if s["fp"] else "")
            cells.append(cell.rjust(16))
        c, t = row["meta"]["municipality"]["correct"], row["meta"]["municipality"]["total"]
        print(f"{lay:<30}{row['fixtures']:>3}" + "".join(cells) + f"{f'{c}/{t}':>7}")
    print("\nmeta identified: " + ", ".join(f"{f} {m['correct']}/{m['total']}" for f, m in summ["meta"].items()))
    attrs = [a for a in summ["attributes"] if a["kind"] != "meta"]
    if attrs:
        print("attributes of matched items: " + ", ".join(
            f"{a['kind']}.{a['attribute']} {a['correct']}/{a['total']}" for a in attrs))
    print(f"follow-up status accuracy (over all gold follow-ups): {summ['status_accuracy']:.2f}")
    if summ["errors"]:
        print(f"\n{len(summ['errors'])} fixture(s) crashed the extractor:")
        for e in summ["errors"]:
            print(f"  {e['document']}: {e['error']}")
    if details:
        print("\nmismatches:")
        for m in result.mismatches():
            if m["type"] == "attribute":
                print(f"  attr {m['document']} {m['kind']}.{m['attribute']} {m['id']}: expected {m['expected']!r} got {m['got']!r}")
            else:
                print(f"  {m['type']:<8} {m['document']} {m['kind']} {m['id']}: {m['text'][:110]}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--holdout", action="store_true", help="score tests/fixtures/holdout instead of layouts")
    ap.add_argument("--layout", help="only this layout (directory name)")
    ap.add_argument("--json", action="store_true", help="print JSON")
    ap.add_argument("--details", action="store_true", help="list missed, spurious and wrongly attributed items")
    args = ap.parse_args(argv)
    folder = ROOT / ("holdout" if args.holdout else "layouts")
    result, by_layout, errors = run(folder, args.layout)
    if not result.documents:
        print(f"no fixtures under {folder}" + (f" for layout {args.layout}" if args.layout else ""), file=sys.stderr)
        return 1
    summ = summary(result, by_layout, errors)
    if args.json:
        if args.details:
            summ["mismatches"] = result.mismatches()
        print(json.dumps(summ, ensure_ascii=False, indent=1, default=str))
    else:
        print_text(summ, result, args.details)
    return 0


if __name__ == "__main__":
    sys.exit(main())
