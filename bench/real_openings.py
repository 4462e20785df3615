"""Score extraction on openings of real municipal documents (the issue-13 baseline).

Each key in bench/real/keys/<id>.json holds character spans into bench/real/texts/<id>.txt plus the sha256 of
that text (format: see bench/real/README.md). The texts are third-party material and git-ignored, so a fresh
clone has only the keys: missing texts are skipped and counted; they can be gathered again with the search
tool from the url and query stored in each key.

    .venv/bin/python bench/real_openings.py                    # tables: per kind, per layout, municipality
    .venv/bin/python bench/real_openings.py --json             # the same figures as JSON
    .venv/bin/python bench/real_openings.py --layout styrkort-flattened
    .venv/bin/python bench/real_openings.py --verbose          # also list missed and spurious items
"""

from __future__ import annotations

import argparse
import re
import fnmatch
import hashlib
import json
import sys
from collections import defaultdict
from pathlib import Path

from plantrace.evaluate import EvalResult, KindScore, evaluate_document, fold
from plantrace.extract import extract_text

HERE = Path(__file__).resolve().parent / "real"
KEY_KINDS = ("goals", "assignments", "indicators", "followups")
NAME_FIELD = {"goals": "text", "assignments": "text", "indicators": "name", "followups": "refers_to"}


def collapse(text: str) -> str:
    """The FORMAT.md form of an item's wording: runs of whitespace (line breaks included) become one space."""
    return " ".join(text.split())


def load_openings(keys_dir: Path, texts_dir: Path) -> tuple[list[tuple[dict, str]], list[tuple[str, str]]]:
    """(key, text) pairs whose text is present and unchanged, and (id, reason) for the ones skipped."""
    ok, skipped = [], []
    for path in sorted(keys_dir.glob("*.json")):
        key = json.loads(path.read_text(encoding="utf-8"))
        rid = key.get("id") or path.stem
        text_path = texts_dir / f"{rid}.txt"
        if not text_path.exists():
            skipped.append((rid, "text missing"))
            continue
        data = text_path.read_bytes()
        if hashlib.sha256(data).hexdigest() != key.get("sha256"):
            skipped.append((rid, "sha256 differs"))
            continue
        ok.append((key, data.decode("utf-8")))
    return ok, skipped


def _names(text: str, municipality: str) -> bool:
    """The text names the municipality: its name as a word (also in a genitive or compound: "Luleås", "Luleåbor")."""
    return re.search(rf"(?<![\w]){re.escape(municipality)}", text, re.I) is not None


def gold_from_key(key: dict, text: str) -> dict:
    """An answer key in the FORMAT.md form, built from the spans; a kind absent from the key stays unscored."""
    gold: dict = {"file": f"{key['id']}.txt", "_key": key["id"], "meta": dict(key.get("meta") or {})}
    for kind in KEY_KINDS:
        if key.get(kind) is None:
            continue
        items = []
        for n, item in enumerate(key[kind], 1):
            start, end = item["span"]
            entry = {"id": f"{kind[0]}{n}", NAME_FIELD[kind]: collapse(text[start:end])}
            for attr in ("level", "kind", "status"):
                if attr in item:
                    entry[attr] = item[attr]
            items.append(entry)
        gold[kind] = items
    return gold


def _figures(result: EvalResult) -> dict:
    """Micro-averaged counts and P/R/F1 per scored kind, in the order the kinds were first scored."""
    kinds = dict.fromkeys(s.kind for s in result.scores)
    return {k: _prf(result.micro(k)) for k in kinds}


def _prf(s: KindScore) -> dict:
    return {"tp": s.tp, "fp": s.fp, "fn": s.fn, "precision": s.precision, "recall": s.recall, "f1": s.f1}


def run(keys_dir: Path, texts_dir: Path, layout: str | None = None, ids: str | None = None) -> dict:
    openings, skipped = load_openings(keys_dir, texts_dir)
    if ids:
        openings = [(k, t) for k, t in openings if fnmatch.fnmatch(k["id"], ids)]
    if layout:
        openings = [(k, t) for k, t in openings if k.get("layout") == layout]
    pooled = EvalResult()
    per_layout: dict[str, EvalResult] = defaultdict(EvalResult)
    layout_docs: dict = defaultdict(int)
    muni = {"correct": 0, "total": 0, "wrong": [], "named": 0, "named_correct": 0}
    status_ok = status_total = 0
    details = []
    for key, text in openings:
        rid = key["id"]
        gold = gold_from_key(key, text)
        doc = extract_text(text, source=f"{rid}.txt")
        result = evaluate_document(doc, gold, name=rid)
        lay = key.get("layout") or "?"
        layout_docs[lay] += 1
        for s in result.scores:
            if s.kind not in KEY_KINDS:
                continue
            pooled.scores.append(s)
            per_layout[lay].scores.append(s)
            if s.missed or s.spurious:
                details.append({"id": rid, "layout": lay, "kind": s.kind,
                                "missed": [t for _, t in s.missed], "spurious": [t for _, t in s.spurious]})
        for c in result.checks:
            if c.kind == "followups" and c.attribute == "status":
                status_total += 1
                status_ok += bool(c.ok)
        expected = (key.get("meta") or {}).get("municipality")
        if expected:
            got = doc.meta.municipality
            muni["total"] += 1
            right = got is not None and fold(got) == fold(expected)
            named = _names(text, expected)  # the measure: of the openings that name their municipality
            muni["correct"] += right
            muni["named"] += named
            muni["named_correct"] += right and named
            if not right:
                muni["wrong"].append({"id": rid, "expected": expected, "got": got, "named": named})
    return {
        "openings": len(openings), "skipped": [{"id": i, "reason": r} for i, r in skipped],
        "kinds": {k: _prf(pooled.micro(k)) for k in pooled.kinds},
        "layouts": {lay: {"documents": layout_docs[lay], "kinds": _figures(scored)}
                    for lay, scored in sorted(per_layout.items())},
        "municipality": {"correct": muni["correct"], "total": muni["total"],
                         "rate": muni["correct"] / muni["total"] if muni["total"] else None, "wrong": muni["wrong"],
                         "named": muni["named"], "named_correct": muni["named_correct"]},
        "followup_status": {"correct": status_ok, "total": status_total},
        "details": details,
    }


def _row(name: str, s: dict) -> str:
    return (f"  {name:<30} tp {s['tp']:>3}  fp {s['fp']:>3}  fn {s['fn']:>3}   "
            f"P {s['precision']:.2f}  R {s['recall']:.2f}  F1 {s['f1']:.2f}")


def print_report(res: dict, verbose: bool = False) -> None:
    if res["skipped"]:
        print(f"skipped {len(res['skipped'])} opening(s): "
              + ", ".join(f"{s['id']} ({s['reason']})" for s in res["skipped"]))
        print("  the texts are git-ignored; re-gather each with the search tool (corpus 'pages') using the url and"
              " query in its key, save the excerpt as bench/real/texts/<id>.txt and check the sha256")
    print(f"openings scored: {res['openings']}")
    print("pooled over all openings:")
    for kind, s in res["kinds"].items():
        print(_row(kind, s))
    print("per layout:")
    for lay, block in res["layouts"].items():
        print(f" {lay} ({block['documents']} opening(s))")
        for kind, s in block["kinds"].items():
            print(_row(kind, s))
    m = res["municipality"]
    rate = f"{m['rate']:.2f}" if m["rate"] is not None else "-"
    print(f"municipality detected: {m['correct']}/{m['total']} ({rate}); "
          f"of the openings that name it: {m['named_correct']}/{m['named']}")
    for w in m["wrong"]:
        print(f"  {w['id']}: expected {w['expected']!r}, got {w['got']!r}{'' if w['named'] else ' (not named in the text)'}")
    fs = res["followup_status"]
    if fs["total"]:
        print(f"follow-up status right: {fs['correct']}/{fs['total']}")
    if verbose:
        print("missed / spurious:")
        for d in res["details"]:
            for t in d["missed"]:
                print(f"  {d['id']} {d['kind']:<11} missed   {t[:90]}")
            for t in d["spurious"]:
                print(f"  {d['id']} {d['kind']:<11} spurious {t[:90]}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--keys", type=Path, default=HERE / "keys")
    ap.add_argument("--texts", type=Path, default=HERE / "texts")
    ap.add_argument("--layout", help="score only openings of this layout (a name from docs/layouts.md)")
    ap.add_argument("--ids", help="score only openings whose id matches this pattern: 'r0*' is the set the rules "
                    "were tuned on (in-sample), 'r1*' the set held out from tuning")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--verbose", action="store_true", help="list missed and spurious items")
    args = ap.parse_args(argv)
    res = run(args.keys, args.texts, args.layout, args.ids)
    if args.json:
        if not args.verbose:
            res.pop("details")
        print(json.dumps(res, ensure_ascii=False, indent=1))
    else:
        print_report(res, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
