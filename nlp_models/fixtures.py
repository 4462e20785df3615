"""Role labels for the development fixtures, derived from their answer keys by code (no hand corrections), so
data/roles_fixtures.jsonl can be rebuilt whenever the fixtures change:

    python -m plantrace.nlp_models.fixtures            # reads tests/fixtures/layouts/, writes data/roles_fixtures.jsonl

Why: the five sample documents are three municipalities' layouts; a classifier trained on them alone learns those
layouts. The fixtures (tests/fixtures/layouts/<layout>/<name>.txt + .json, written in our own words in the
structure of other producers) add the other layouts. The labelling follows labelling.py: the same units, a unit
that repeats a keyed item takes that item's role (fuzzy ratio ≥ 90 after list numbers and label words such as
"Mål:" are set aside), the rest gets the same layout rules (furniture, heading, narrative). Where a unit glues
several lines together and only some of them are keyed (a status line under its assignment), the lines are
labelled one by one. The held-out fixtures (tests/fixtures/holdout/) are never read.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from rapidfuzz import fuzz

from .labelling import FURNITURE, TABLE_HEADER, TOC, clean, key_items, numeric_row, strip_number, text_role, units

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent / "tests" / "fixtures" / "layouts"
OUT = HERE / "data" / "roles_fixtures.jsonl"
MATCH = 90
# a label word (or two or three) before a colon: "Mål:", "Nämndmål 2:", "Målområde 1:", "Strategiskt mål:"
_LABEL = re.compile(r"^[A-ZÅÄÖa-zåäö][\wåäöÅÄÖ/-]*(?:\s+[\wåäöÅÄÖ/-]+){0,2}?(?:\s+\d{1,2}(?:\.\d{1,2})*)?\s*:\s+(?=\S)")
# the same label words without a colon, before a capitalised item: "Indikator Andel nöjda brukare (%)"
_BARE_LABEL = re.compile(r"^(?:Indikator|Nyckeltal|Mått|Mål|Nämndmål|Delmål|Effektmål|Uppdrag|Aktivitet|Åtgärd)"
                         r"(?:\s+\d{1,2}(?:\.\d{1,2})*)?\s+(?=[A-ZÅÄÖ])")
# letterhead: a municipality, committee or office name alone, perhaps with a date or a case number
# (or its page number), a date line, a case number, signature lines
_LETTERHEAD = re.compile(r"^(?:(?:[A-ZÅÄÖ][\wåäöÅÄÖ-]*|och|OCH)\s+){0,3}(?i:kommun|[\wåäö-]*(?:nämnden|förvaltningen|"
                         r"styrelsen|kontoret))(?:\s*[|·,–-]\s*[\wåäöÅÄÖ -]+)?"
                         r"(?:\s+\d{4}-\d{2}-\d{2}|\s+\d{1,3}(?:\s*\(\d{1,3}\)|\s+av\s+\d{1,3})?)?$|"
                         r"^Datum:?\s*\d{4}-\d{2}-\d{2}$|^(?=(?:\S+\s+){0,11}\S+$).*\b(?i:dnr|diarienummer)\b|_{3,}")
# the header row of an indicator table, flattened: "Indikator Utfall 2019 Utfall 2020 Målvärde 2021"
_TABLE_HEADER_ROW = re.compile(r"\b(?:utfall|målvärde|mål|prognos|budget)\s+(?:19|20)\d\d\b.*\b(?:utfall|målvärde|mål|"
                               r"status|trend|prognos|budget)\b", re.I)
KINDS = ("goals", "assignments", "indicators")  # a key that leaves one out cannot say what an unmatched unit is


def fixture_pairs(root: Path = ROOT) -> list[tuple[str, str, str, dict]]:
    """(layout, name, text, key) for every keyed fixture under root, sorted; the held-out set is refused."""
    root = Path(root)
    if "holdout" in root.resolve().parts:
        raise ValueError(f"{root}: the held-out fixtures are never training data")
    out = []
    for key_path in sorted(root.glob("*/*.json")):
        text_path = key_path.with_suffix(".txt")
        if "holdout" in key_path.resolve().parts or not text_path.exists():
            continue
        key = json.loads(key_path.read_text(encoding="utf-8"))
        layout = key.get("layout") or key_path.parent.name
        out.append((layout, key_path.stem, text_path.read_text(encoding="utf-8"), key))
    return out


def _bodies(text: str) -> list[str]:
    """The forms a unit may repeat a keyed item in: as it stands, without its list number, without its label."""
    body, _num = strip_number(clean(text.split("\t")[0]))
    forms = [body]
    m = _LABEL.match(body) or _BARE_LABEL.match(body)
    if m and len(m.group()) <= 40:
        forms.append(body[m.end():])
    return [f for f in forms if f]


def match(text: str, items: list[tuple[str, str, str]]) -> tuple[str, str] | None:
    """(role, group) of the keyed item a unit repeats: whole (ratio ≥ 90) or followed by nothing but values."""
    best, best_score = None, 0.0
    for body in _bodies(text):
        low = body.lower()
        for item_text, role, group in items:
            item = item_text.lower()
            score = fuzz.ratio(low, item)
            if score < MATCH and len(item) >= 12 and low.startswith(item) and _values_only(low[len(item):]):
                score = MATCH
            if score > best_score:
                best, best_score = (role, group), score
    return best if best_score >= MATCH else None


_WORD = re.compile(r"[^\W\d_]+")


def _values_only(rest: str) -> bool:
    """What may follow an item's name in a flattened table row: its values and at most a few words
    ("-59 %58 %Minst 60 %", "6269ÖkaUppfyllt", ", målvärde minst 70 %")."""
    rest = rest.strip(" ,:;")
    words = _WORD.findall(rest)
    return not rest or (len(rest) <= 60 and bool(re.search(r"\d", rest)) and len(words) <= 3 and sum(map(len, words)) <= 25)


def _partly_keyed(text: str, items) -> bool:
    """A unit holding part of a keyed item (a wrapped table row's second line, a name with values inside it) or
    an item inside a longer unit: which role it has is not the key's to say, so it is left out."""
    body = clean(text).lower()
    if len(body) < 8:
        return False
    words = set(_WORD.findall(body))
    core = " ".join(_WORD.findall(body))  # the words without the values run into them
    for item, _role, _group in items:
        item = item.lower()
        if len(item) < 12:
            continue
        if fuzz.partial_ratio(body, item) >= 95 or (len(core) >= 12 and core in " ".join(_WORD.findall(item))):
            return True
        item_words = _WORD.findall(item)
        if len(item_words) >= 3 and len(body) <= 2 * len(item) + 40 \
                and sum(w in words for w in item_words) >= 0.8 * len(item_words):
            return True
    return False


def layout_rule(unit: str) -> str:
    """labelling.propose's rules for a unit no keyed item explains (plus letterheads and flattened table
    headers, which labelling.py's read-through marked as furniture by hand)."""
    header_row = "\t" in unit and all(len(c.split()) <= 3 and not re.search(r"[.\d]", c) for c in unit.split("\t"))
    if TOC.search(unit) or FURNITURE.match(unit) or TABLE_HEADER.match(unit) or numeric_row(unit) or header_row \
            or _LETTERHEAD.match(clean(unit)) or (_TABLE_HEADER_ROW.search(unit) and len(unit) < 160):
        return "furniture"
    body, _num = strip_number(clean(unit.split("\t")[0]))
    return text_role(body)


def _pieces(unit: str, items) -> list[tuple[str, tuple[str, str] | None]]:
    """A unit, or its lines when only some of them repeat keyed items (wrapped items keep their lines together)."""
    whole = match(unit, items)
    lines = unit.split("\n")
    if whole or len(lines) == 1:
        return [(unit, whole)]
    out: list[tuple[str, tuple[str, str] | None]] = []
    rest: list[str] = []
    i = 0
    while i < len(lines):
        for j in range(min(len(lines), i + 8), i, -1):  # the longest run of lines that is one keyed item
            hit = match("\n".join(lines[i:j]), items)
            if hit:
                break
        if hit:
            if rest:
                out.append(("\n".join(rest), None))
                rest = []
            out.append(("\n".join(lines[i:j]), hit))
            i = j
        else:
            rest.append(lines[i])
            i += 1
    if rest:
        out.append(("\n".join(rest), None))
    if all(hit is None for _t, hit in out):
        return [(unit, None)]
    return out


def rows_of(layout: str, name: str, text: str, key: dict) -> list[dict]:
    """Labelled rows of one fixture: its units, then the key's own texts (as labelling.py adds the answer keys')."""
    doc = f"{layout}/{name}"
    items = key_items(key, doc)
    complete = all(isinstance(key.get(kind), list) for kind in KINDS)
    rows, seen = [], set()

    def add(unit_text: str, label: str, group: str) -> None:
        if unit_text and unit_text.lower() not in seen:
            seen.add(unit_text.lower())
            rows.append({"text": unit_text, "label": label, "source": f"fixture/{doc}", "group": group,
                         "doc": doc, "layout": layout})

    for unit in units(text):
        for piece, hit in _pieces(unit, items):
            tabbed = "\t" in piece and not TOC.search(piece)
            piece_text = clean(piece.split("\t")[0]) if tabbed else clean(piece)
            if hit:
                add(piece_text, hit[0], hit[1])
                continue
            label = layout_rule(piece)
            first_line = piece.split("\n")[0]
            if first_line.count(")") > first_line.count("("):
                continue  # the tail of a wrapped line ("BUN, VON)"): a fragment no role fits
            if label != "furniture" and (not complete or _partly_keyed(piece, items)):
                continue  # the key does not say whether this unit is (part of) an item
            add(clean(piece.replace("\t", " | ")) if tabbed and label == "furniture" else piece_text, label, "")
    for item_text, label, group in items:
        add(clean(item_text), label, group)
    return rows


def build(root: Path = ROOT) -> list[dict]:
    rows = []
    for layout, name, text, key in fixture_pairs(root):
        rows += rows_of(layout, name, text, key)
    return rows


def write(rows: list[dict], out: Path = OUT) -> None:
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    root = Path(argv[0]) if argv else ROOT
    rows = build(root)
    write(rows)
    print(f"{len(rows)} units from {len({r['doc'] for r in rows})} fixtures → {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
