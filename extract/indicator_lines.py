"""Indicators written as labelled lines rather than table rows.

    Indikator: Andel brukare nöjda med hemtjänsten, målvärde minst 70 %
    Mätetal: Antal hushåll med försörjningsstöd. Utfall 2023: 412. Målvärde 2024: högst 380
    Indikatorer:
    • Andel elever som når målen i alla ämnen (målvärde 85 %)

The name is the text before the first value phrase ("målvärde …", "utfall 2023: …", "(mål: …)"); each value
phrase becomes a typed value with its year, unit and — from a target that is "Öka" or "Minska" — the direction. The
indicator belongs to the goal or assignment in force where the line stands (the structure step's stamps)."""

from __future__ import annotations

import re
from typing import Optional

from plantrace.extract.blocks import join_wrapped
from plantrace.extract.context import Context
from plantrace.extract.numbers import AMOUNT, BOUND, parse_number, stated_direction
from plantrace.schema import Indicator, IndicatorValue, Provenance

_LABEL = r"(?:Indikator|Mätetal|Nyckeltal|Mått|Resultatmått|Målindikator|Styrtal)"
# "Indikator: …", "Mätetal 2 – …", and without a colon "Indikator Andel …" (a capital after the label)
LABEL_LINE = re.compile(rf"^(?i:{_LABEL})(?:(?:\s+\d{{1,2}}(?:\.\d{{1,2}})*)?\s*[:–]\s*|\s+(?=[A-ZÅÄÖ]))(?P<text>\S.*)$")
LIST_INTRO = re.compile(r"^(?:Indikatorer|Indikator|Mätetal|Nyckeltal|Mått|Resultatmått)(?:\s+(?:för|till)\b[^:]{0,60})?\s*:?\s*$", re.I)
_KINDS = {
    "target": r"målvärde|målnivå|målsättning|mål|önskat läge",
    "actual": r"utfall|nuvärde|nuläge|resultat",
    "baseline": r"utgångsläge|utgångsvärde|basvärde|baslinje",
    "comparison": r"jämförelsevärde|jämförvärde|jämförelse|riket|länet",
}
_VALUE = rf"(?:{BOUND}\s*(?:[A-ZÅÄÖ]{{2,5}}\s+)?{AMOUNT}|{AMOUNT}|öka|minska|ökning|minskning|bibehållas|ja|nej)"
_PHRASE = re.compile(
    rf"(?P<lead>[,;.(–]\s*|\s+)(?P<kind>{'|'.join(_KINDS.values())})\b\s*(?:för\s+|år\s+)?(?P<year>(?:19|20)\d{{2}})?\s*"
    rf"(?:[:=]|är|ska\s+vara)?\s*(?P<value>{_VALUE})(?![\wåäö])\s*\)?",
    re.I,
)
_TRAILING_BOUND = re.compile(rf"[,;(–]\s*(?P<value>{BOUND}\s*{AMOUNT}|ska\s+(?:öka|minska))\s*\)?\s*\.?$", re.I)


def _kind_of(word: str) -> str:
    for kind, pattern in _KINDS.items():
        if re.fullmatch(pattern, word, re.I):
            return kind
    return "target"


_LABEL_WORDS = ("indikator", "mätetal", "nyckeltal", "mått", "styrtal")  # a block without them holds no labelled line


def parse_indicator_text(text: str) -> tuple[str, list[IndicatorValue], Optional[str]]:
    """(name, typed values, direction) of one labelled indicator or list item."""
    values: list[IndicatorValue] = []
    direction = None
    first = None
    for m in _PHRASE.finditer(text):
        first = m.start() if first is None else first
        raw = m.group("value").strip()
        number, unit = parse_number(raw)
        year = int(m.group("year")) if m.group("year") else None
        kind = _kind_of(m.group("kind"))
        values.append(IndicatorValue(kind=kind, year=year, raw=raw, value=number, unit=unit, column=m.group("kind")))
        if kind == "target" and direction is None:
            direction = stated_direction(raw)
    if first is None:
        m = _TRAILING_BOUND.search(text)
        if m:
            first = m.start()
            raw = re.sub(r"^ska\s+", "", m.group("value").strip(), flags=re.I)
            number, unit = parse_number(raw)
            values.append(IndicatorValue(kind="target", raw=raw, value=number, unit=unit))
            direction = stated_direction(raw)
    name = text[:first] if first is not None else text
    name = re.sub(r"\s+", " ", name).strip(" ,;.:–-(")
    if direction is None:
        m = re.search(r"\b(ska|bör)\s+(öka|minska)\b", name, re.I)
        if m:
            direction = stated_direction(m.group(2))
    return name, values, direction


def _labelled(ctx: Context, bi: int) -> list[tuple[str, list[int]]]:
    """(text after the label, line indices) of each labelled indicator in a block. A hard-wrapping converter can
    glue several labelled lines into one paragraph, so the block is read line by line: a labelled line starts
    an indicator, and lines that do not start with a capital letter go on with it."""
    out: list[tuple[str, list[int]]] = []
    current: Optional[tuple[list[str], list[int]]] = None
    b = ctx.blocks[bi]
    for k, li in enumerate(b.lines):
        line = ctx.layout.lines[li].text.strip()
        if k == 0 and b.kind == "bullet":
            line = b.text if len(b.lines) == 1 else re.sub(r"^\W+\s*", "", line)
        m = LABEL_LINE.match(line)
        if m:
            current = ([m.group("text")], [li])
            out.append(current)
        elif current is not None and line and not line[:1].isupper():
            current[0].append(line)
            current[1].append(li)
        else:
            current = None
    return [(join_wrapped(parts), lines) for parts, lines in out]


def _provenance(ctx: Context, lines: list[int]) -> Provenance:
    first, last = ctx.layout.lines[lines[0]], ctx.layout.lines[lines[-1]]
    return Provenance(document=ctx.sha256, page=first.page, span=(first.start, last.end), lines=(lines[0], lines[-1]),
                      ocr=first.ocr or last.ocr)


def indicator_lines(ctx: Context) -> None:
    """Indicators from "Indikator: …" lines and from the items of an "Indikatorer:" list."""
    blocks = ctx.blocks
    in_list = False
    seen = {re.sub(r"\W+", "", i.name.casefold()) for i in ctx.get("indicators")}
    period = ctx.meta.period
    year = period[1] if period and period[0] == period[1] else None  # a one-year plan: its targets are for that year
    for bi, b in enumerate(blocks):
        if bi in ctx.table_blocks or b.kind not in ("para", "bullet", "heading"):
            in_list = False
            continue
        low = b.text.lower()
        found = _labelled(ctx, bi) if any(w in low for w in _LABEL_WORDS) else []
        if not found and b.kind in ("para", "heading") and LIST_INTRO.match(b.text.strip()):
            in_list = True
            continue
        if not found and in_list and b.kind == "bullet":
            found = [(b.text.strip(), b.lines)]
        elif not found:
            in_list = False
            continue
        else:
            in_list = False
        for body, lines in found:
            name, values, direction = parse_indicator_text(body)
            key = re.sub(r"\W+", "", name.casefold())
            if not name or len(name) > 250 or key in seen:
                continue
            seen.add(key)
            for v in values:
                v.year = v.year or year
            target = ctx.block_target[bi] if bi < len(ctx.block_target) else None
            goal = target if target and target.startswith("g") else (ctx.block_goal[bi] if bi < len(ctx.block_goal) else None)
            assignment = target if target and target.startswith("a") else None
            group = ctx.block_group[bi] if bi < len(ctx.block_group) else None
            ctx.add("indicators", Indicator(id=ctx.next_id("indicators", "i"), name=name, goal=goal,
                                            assignment=assignment, group=group, values=values, direction=direction,
                                            provenance=_provenance(ctx, lines)))
