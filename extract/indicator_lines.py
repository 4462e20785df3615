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
from plantrace.extract.indicator_cards import CODE
from plantrace.extract.items import line_provenance, name_key, stamped_links
from plantrace.extract.roles import is_statement
from plantrace.extract.numbers import AMOUNT, BOUND, YEAR, parse_number, stated_direction
from plantrace.extract.vocabulary import MEASURE_CODE, MEASURE_FIELD, MEASURES_WORD, match_label
from plantrace.extract.walk import sentences
from plantrace.numbers import count_of
from plantrace.nlp_models.status import status_match
from plantrace.schema import Indicator, IndicatorValue

_LABEL = r"(?:Indikator|Mätetal|Nyckeltal|Mått|Resultatmått|Målindikator|Styrtal)"
# "Indikator: …", "Mätetal 2 – …", without a colon "Indikator Andel …" (a capital after the label), a label with a
# short qualifier of its own ("Mått kopplat till målet: …"), and a numbered label behind a short source or year
# ("KKiK 2021 mått 3: …", "KKiK 2017 mått 16a: …", "Enkät 2 indikator 1: …")
LABEL_LINE = re.compile(rf"^(?:(?:[\wÅÄÖåäö-]+\s+){{1,3}}(?=(?i:{_LABEL})\s+\d))?(?i:{_LABEL})"
                        rf"(?:(?:\s+\d{{1,2}}(?:\.\d{{1,2}})*[a-z]?)?\s*[:–]\s*|(?:\s+[a-zåäö]+){{1,4}}\s*:\s*|\s+(?=[A-ZÅÄÖ])(?![A-ZÅÄÖ]{{1,6}}(?:\.[A-ZÅÄÖ]{{1,4}})*\.\d))"  # a code ("KS.2.1", "SFH.DT.16") is a card's
                        rf"(?P<text>\S.*)$")
# a goal with its measure in parentheses: "• Fler invånare röker inte (Indikator: Andel dagligrökare, Källa: …)"
INLINE_LABEL = re.compile(rf"\((?:{_LABEL})\s*:\s*(?P<text>[^(),]+?)\s*(?:,\s*(?:källa|mäts|mätning|data)\b[^()]*)?\)", re.I)
LIST_INTRO = re.compile(r"^(?:Indikatorer|Indikationer|Indikator|Mätetal|Nyckeltal|Mått|Resultatmått)"
                        r"(?:\s+(?:för|till)\b[^:]{0,60})?\s*:?\s*$", re.I)
# a paragraph under such a label that names a measure (each on its own line, no bullets): what is counted or rated
_MEASURE_NAME = re.compile(r"\b(?:andel|antal|index|nöjd\w*|bedömning|betyg|meritvärde|genomsnitt|per\s+\d|"
                          r"kostnad|tid\b|väntetid)|\(%\)|,\s*%\s*$|\bi\s+procent\b", re.I)
# a lead-in that names indicators as what its list holds ("Nämndens indikatorer och finansiella mål:")
# ("De nyckeltal som mäts finns inom områdena:" lists the areas they are grouped in, no measure)
NAMING_INTRO = re.compile(r"^(?![^:]*\bområden\w*\s*:\s*$)[^.:]{0,120}\b(?:indikatorer(?:na)?|nyckeltal(?:en)?|mätetal(?:en)?|"
                          r"(?:följande|dessa|nedanstående|ett\s+antal|några|tre|fyra|fem|sex)\s+(?:\w+\s+)?(?:resultat)?mått)\b[^.:]{0,80}:\s*$",
                          re.I)
# a closing sentence that presents them: "Nedan presenteras nuvarande mål och indikatorer."
PRESENTING_INTRO = re.compile(r"(?:^|[.!?]\s+)(?:nedan|här|följande)\b[^.:!?]{0,80}?\b(?:presenteras|redovisas|listas|följer|"
                              r"visas|anges)\b[^.:!?]{0,80}?\b(?:indikatorer(?:na)?|nyckeltal(?:en)?|mätetal(?:en)?)\b"
                              r"[^.:!?]{0,40}[.:]?\s*$", re.I)
# a measure's name with its target said in brackets after it: "Soliditet (soliditeten ska vara minst 40 %)"
_TARGET_IN_BRACKETS = re.compile(r"^(?P<name>[^()]{2,120}?)\s*\((?=[^()]*\b(?:ska|skall|bör)\b)[^()]*\)\.?$")
# an item of such a list that names the area its measure stands for first: "Företagsamhet: självförsörjningskvot"
_AREA_THEN_MEASURE = re.compile(r"^[A-ZÅÄÖ][\wåäö-]*(?:\s+[\wåäö-]+){0,2}\s*:\s+(?P<name>[a-zåäö][^:]{5,})$")
# … or a line that says they are used, its colon lost: "Följande övergripande nyckeltal används"
USED_INTRO = re.compile(r"^(?:följande|nedanstående|dessa)\s+(?:[\wåäö]+\s+){0,2}?(?:nyckeltal|indikatorer|mätetal|mått)\s+"
                        r"(?:används|följs\s+upp|mäts|gäller)\s*:?\s*$", re.I)
_NAMES_MEASURES = re.compile(r"indikator|nyckeltal|mätetal", re.I)
# "… nio effektmål med tillhörande indikatorer, dessa är:": the list holds the goals; their measures come with them
_GOALS_WITH_MEASURES = re.compile(r"mål(?:en|et)?\s+med\s+(?:\w+\s+)?(?:indikatorer|nyckeltal|mätetal)\b[^.:]*:\s*$"
                                  # "Indikatorerna följer upp de två målen:": the goals they follow up are listed
                                  r"|\b(?:följer\s+upp|mäter|speglar|hör\s+till)\s+(?:\w+\s+){0,3}?"
                                  r"[\wåäö]*mål(?:en|et)?\s*:\s*$",
                                  re.I)
# "Bedömningen av indikatorer görs enligt nedan:", "Färgerna visar …": a legend of assessments follows, no measures
_LEGEND_INTRO = re.compile(r"\b(?:bedömning\w*|bedöms|färg\w*|symbol\w*|skala\w*|teckenförklaring\w*)\b", re.I)
# a list of goals and measures together ("Nämndens indikatorer och finansiella mål:"), not of the measures that
# belong to goals ("Till de övergripande målen hör följande indikatorer:")
_GOALS_TOO = re.compile(r"\b(?:indikatorer|nyckeltal|mått|mätetal)\s+(?:och|samt)\s+(?:[\wåäö]+\s+)?mål(?:en)?\b|"
                        r"\bmål(?:en)?\s+(?:och|samt)\s+(?:[\wåäö]+\s+)?(?:indikatorer|nyckeltal|mått|mätetal)\b", re.I)
# a financial target ("Soliditeten ska förbättras", "Nettokostnadsandel högst 99 %"): in a list of indicators and
# financial goals these are the goals
_FINANCIAL = re.compile(r"nettokostnad|soliditet|finansnetto|investering|skatte(?:intäkt|sats)|resultat|självfinansier|"
                        r"egenfinansier|låneskuld|balanskrav|pensionsskuld|likviditet|skuldsättning", re.I)
_KINDS = {
    "target": r"målvärde|målnivå|målsättning|mål|önskat läge",
    "actual": r"utfall|nuvärde|nuläge|resultat",
    "baseline": r"utgångsläge|utgångsvärde|basvärde|baslinje",
    "comparison": r"jämförelsevärde|jämförvärde|jämförelse|riket|länet|riksmedel|rikssnitt|riksgenomsnitt|medelvärde|snitt",
}
# a measure's name, a colon, and only its values, each after its kind: "Andel nöjda (%): utfall 2023 81, mål 85"
_NAME_THEN_FIELDS = re.compile(rf"^[A-ZÅÄÖ][^:]{{3,150}}?:\s*(?:{'|'.join(_KINDS.values())})\b(?:\s+{YEAR})?\s*:?\s*"
                               rf"(?:{BOUND}\s*)?[-−–+]?\d", re.I)
_VALUE = rf"(?:{BOUND}\s*(?:[A-ZÅÄÖ]{{2,5}}\s+)?{AMOUNT}|{AMOUNT}|öka|minska|ökning|minskning|bibehållas|ja|nej)"
_PHRASE = re.compile(
    rf"(?P<lead>[,;.(–]\s*|\s+)(?P<kind>{'|'.join(_KINDS.values())})\b\s*(?:för\s+|år\s+)?(?P<year>{YEAR})?\s*"
    rf"(?:[:=]|är|ska\s+vara)?\s*(?P<value>{_VALUE})(?![\wåäö])\s*\)?",
    re.I,
)
# ", Kommunen: 78 %": a value behind a capitalised name of whose it is (the municipality's own figure)
_OWN_VALUE = re.compile(rf",\s*(?P<who>[A-ZÅÄÖ][\wåäö-]+)\s*:?\s+(?P<value>(?i:{BOUND})?\s*{AMOUNT})(?![\wåäö])")
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
    own = _OWN_VALUE.search(text, 0, first if first is not None else len(text))
    if own:
        raw = own.group("value").strip()
        number, unit = parse_number(raw)
        values.insert(0, IndicatorValue(kind="actual", raw=raw, value=number, unit=unit, column=own.group("who")))
        first = own.start()
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


# "• Skattekraften – kommunens skatteunderlag per invånare, … ": a measure's name, a dash, then what it means
_DEFINED_TERM = re.compile(r"^(?P<term>[^\d\s][^\d–:]{1,60}?)\s+[-–]\s+(?P<rest>\S+(?:\s+\S+){5,}.*)$", re.S)


# "Sveriges Ekokommuner har antagit 12 nyckeltal …", "… mäts med fem indikatorer.": a count of measures, which the
# numbered list right below names one an item when it holds as many
_COUNTED_MEASURES = re.compile(r"\b(?P<n>\d{1,2}|två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv)\s+(?:[\wåäö-]+\s+){0,2}?"
                               r"(?:nyckeltal|indikatorer|mått|mätetal|styrtal)\b", re.I)
# a lettered part of a numbered item ("10. A. …" ⏎ "B. …")
_LETTERED = re.compile(r"^[A-H][.)]\s+(?=[A-ZÅÄÖ])")


def _counted_list_follows(blocks: list, bi: int, text: str) -> bool:
    """The paragraph counts measures and the numbered list right after it, from 1, has exactly that many items."""
    nxt = blocks[bi + 1] if bi + 1 < len(blocks) else None
    if nxt is None or nxt.kind != "item" or nxt.number not in ("1", "1.") or not _NAMES_MEASURES.search(text) \
            and "mått" not in text:
        return False
    m = _COUNTED_MEASURES.search(text)
    if not m:
        return False
    numbers = []
    for b in blocks[bi + 1:]:
        if b.kind == "item" and b.number:
            numbers.append(b.number.rstrip("."))
        elif not (b.kind == "para" and _LETTERED.match(b.text.strip())):
            break
    return numbers == [str(k) for k in range(1, len(numbers) + 1)] and len(numbers) == count_of(m.group("n"))


def _term_before_definition(text: str) -> str:
    """A list item that defines its measure names it before the dash (a short qualifier after a dash, "Nöjd
    kund-index – hemtjänst", is part of the name: a definition runs to six words or more)."""
    m = _DEFINED_TERM.match(text)
    return m.group("term") if m and len(m.group("term").split()) <= 6 else text


# the column heads a table's header names after its first cell ("Mått | Resultat 2019 | Medelvärde 2019 | …")
_COLUMN_HEADS = re.compile(rf"^(?:(?:Resultat|Utfall|Målvärde|Mål|År|Medelvärde|Medel|Värde|Riket|Trend|Status|"
                           rf"Jämförelse\w*)\s*(?:{YEAR}\s*)?){{2,}}", re.I)


def _labelled(ctx: Context, bi: int) -> list[tuple[str, list[int]]]:
    """(text after the label, line indices) of each labelled indicator in a block. A hard-wrapping converter can
    glue several labelled lines into one paragraph, so the block is read line by line: a labelled line starts
    an indicator, and lines that do not start with a capital letter go on with it."""
    out: list[tuple[list[str], list[int], list[str]]] = []
    current: Optional[tuple[list[str], list[int], list[str]]] = None
    b = ctx.blocks[bi]
    for k, li in enumerate(b.lines):
        line = ctx.layout.lines[li].text.strip()
        if k == 0 and b.kind == "bullet":
            line = b.text if len(b.lines) == 1 else re.sub(r"^\W+\s*", "", line)
        m = LABEL_LINE.match(line)
        if m and _COLUMN_HEADS.match(m.group("text")):
            m = current = None  # "Mått Resultat 2019 Medelvärde 2019 …": the header of a table, no measure
        if m:
            current = ([m.group("text")], [li], [])
            out.append(current)
        elif current is not None and line and _VALUE_FIELD.match(line):
            current[2].append(line)  # "Indikator: …" ⏎ "Utfall 2022: 78" ⏎ "Målvärde 2024: 85": its value fields
            current[1].append(li)
        elif current is not None and line and not line[:1].isupper() and not current[2]:
            current[0].append(line)
            current[1].append(li)
        else:
            current = None
    return [("; ".join([join_wrapped(parts)] + fields), lines) for parts, lines, fields in out]


def _one_year(ctx: Context) -> Optional[int]:
    """The year of a one-year plan or report: its targets and outcomes are that year's (None for a longer period)."""
    period = ctx.meta.period
    return period[1] if period and period[0] == period[1] else None


def _typed_value(kind: str, raw: str, year: Optional[int] = None, column: Optional[str] = None) -> IndicatorValue:
    number, unit = parse_number(raw)
    return IndicatorValue(kind=kind, raw=raw.strip(), value=number, unit=unit, year=year, column=column)


def _add_measure(ctx: Context, seen: set[str], name: str, values: list[IndicatorValue], bi: int, provenance,
                 direction: Optional[str] = None, goal: Optional[str] = None, unique: bool = True) -> None:
    """Add the measure read at block `bi`, linked to what is in force there (or to `goal`, where the block holds
    several), unless one of its name is read (`unique=False`: the caller has told apart rows that share a name)."""
    key = name_key(name)
    if unique and key in seen:
        return
    seen.add(key)
    stamped, assignment, group = stamped_links(ctx, bi)
    goal = goal or stamped
    ctx.add("indicators", Indicator(id=ctx.next_id("indicators", "i"), name=name, goal=goal, assignment=assignment,
                                    group=group, values=values, direction=direction, provenance=provenance))


def indicator_lines(ctx: Context) -> None:
    """Indicators from "Indikator: …" lines and from the items of an "Indikatorer:" list."""
    blocks = ctx.blocks
    in_list = mixed = one_a_line = False
    seen = {name_key(i.name) for i in ctx.get("indicators")}
    year = _one_year(ctx)
    for bi, b in enumerate(blocks):
        if bi in ctx.table_blocks or b.kind not in ("para", "bullet", "heading", "item"):
            in_list = False
            continue
        low = b.text.lower()
        found = _labelled(ctx, bi) if any(w in low for w in _LABEL_WORDS) else []
        k = bi + 1
        while len(found) == 1 and k < len(blocks) and blocks[k].kind == "para" and len(blocks[k].lines) == 1 \
                and _VALUE_FIELD.match(blocks[k].text.strip()):
            # "Indikator: …" ⏎ "Utfall 2022: 78" ⏎ "Målvärde 2024: 85", a line each: the measure's value fields
            found = [(f"{found[0][0]}; {blocks[k].text.strip()}", found[0][1] + blocks[k].lines)]
            k += 1
        if not found and b.kind in ("para", "bullet") and len(b.text) < 250 and ":" in b.text:
            line = b.text.strip()  # "<measure>: utfall 2023 81, målvärde 2024 85"
            if _NAME_THEN_FIELDS.match(line) and not match_label(line) and len(parse_indicator_text(line)[1]) >= 2:
                found = [(line, b.lines)]
        if not found and "(" in b.text and any(w in low for w in _LABEL_WORDS):
            found = [(m.group("text"), b.lines) for m in INLINE_LABEL.finditer(b.text)]
        text = b.text.strip()
        goal = match_label(text) if not found and low.startswith(("mål", "delmål")) else None
        named = _NAME_VALUE.match(goal.text) if goal and goal.kind == "goal" else None
        if named:  # "Mål 1, Antal invånare: 37 600": a goal that is a measure at its target level
            target = _typed_value("target", named.group("value"))
            _add_measure(ctx, seen, named.group("name").strip(), [target], bi, ctx.provenance(bi))
            in_list = False
            continue
        last = sentences(text)[-1] if text.endswith(":") else text
        if not found and b.kind in ("para", "heading") \
                and (LIST_INTRO.match(text) or text.endswith(":") and NAMING_INTRO.match(last) or USED_INTRO.match(text)
                     or len(text) < 600 and _NAMES_MEASURES.search(text[-200:])
                     and (PRESENTING_INTRO.search(text) or text.endswith(":") and "följande" in last)) \
                and not _GOALS_WITH_MEASURES.search(last) and not _LEGEND_INTRO.search(last):
            in_list, one_a_line = True, text.endswith(":")
            mixed = bool(_GOALS_TOO.search(last)) and not LIST_INTRO.match(text)
            continue
        nxt = blocks[bi + 1] if bi + 1 < len(blocks) else None
        if not found and b.kind == "para" and _counted_list_follows(blocks, bi, text):
            in_list, one_a_line, mixed = True, False, False  # "… har antagit 12 nyckeltal …" ⏎ "1. …" … "12. …"
            continue
        part = in_list and not found and b.kind == "para" and _LETTERED.match(text) and bi > 0 \
            and blocks[bi - 1].kind in ("item", "para") and bool(_LETTERED.match(blocks[bi - 1].text.strip()))
        if part:
            found = [(text, b.lines)]  # "10. A. Transportenergi …" ⏎ "B. Koldioxidutsläpp …": the next lettered part
        if in_list and not found and b.kind in ("para", "heading") and len(text) <= 60 \
                and (text.endswith(":") or nxt is not None and nxt.kind == "bullet") and not text.endswith(".") \
                and len(text.split()) <= 6 and not re.match(r"(?:budget|aktivitet|åtgärd|prioriter|uppdrag|mål)", text, re.I):
            continue  # a group's name inside the list ("Barn och unga:", "Minska klimatpåverkan" ⏎ "• …"), it goes on
        if not found and in_list and one_a_line and b.kind == "para" and len(text) < 250 and not is_statement(text) \
                and _MEASURE_NAME.search(text) and not text.endswith((":", ".")):
            found = [(text, b.lines)]  # "Indikatorer:" ⏎ "Andel elever som … (%)" ⏎ "Antal …": one measure a line
        elif not found and in_list and b.kind in ("bullet", "item"):
            if b.kind == "item" and blocks[bi - 1].kind == "bullet":
                in_list = False  # "1. <goal>" ⏎ "Indikatorer:" ⏎ • … ⏎ "2. <goal>": the next goal, the list has ended
                continue
            if mixed and _FINANCIAL.search(b.text):
                continue  # a financial goal in a list of indicators and financial goals
            if b.text.rstrip().endswith(":"):
                continue  # "• Nyckeltal i medborgarundersökningen:" over the measures themselves
            target = _TARGET_IN_BRACKETS.match(b.text.strip())  # "Soliditet (soliditeten ska … uppgå till minst …)"
            area = _AREA_THEN_MEASURE.match(b.text.strip())  # "Demografi: försörjningskvot": the area, then the measure
            found = [(target.group("name") if target else area.group("name") if area
                      else _term_before_definition(b.text.strip()), b.lines)]
        elif not found:
            in_list = False
            continue
        elif not part:
            in_list = False
        for body, lines in found:
            name, values, direction = parse_indicator_text(_LETTERED.sub("", body))
            if not name or len(name) > 250 or re.fullmatch(CODE, name):  # a card's code (indicator_cards)
                continue
            for v in values:
                v.year = v.year or year
            _add_measure(ctx, seen, name, values, bi, line_provenance(ctx, lines), direction)


# "Kommunens resultat näst bästa gruppen 80,9 %. Medel för undersökningen 78,5 %": a result card (KKiK pages)
# under the measure it gives the result of; a sentence ("Kommunens resultat blev 45 mnkr") is prose, no card
_RESULT_LINE = re.compile(rf"^(?:kommunens|regionens|vårt|nämndens)\s+resultat\b"
                          rf"(?:(?!\b(?:blev|var|är|uppgick|uppgår|har|hade|ökade|minskade|visar)\b)[^\d]){{0,60}}?"
                          rf"(?P<actual>-?{AMOUNT})"
                          rf"(?:.{{0,40}}?\b(?:medel|snitt|genomsnitt|riket|rikssnitt|länet)\w*[^\d]{{0,40}}?"
                          rf"(?P<comparison>-?{AMOUNT}))?", re.I)


# "Kommunens resultat 2024 var:" ⏎ "• Nöjd-Medborgar-Index: 58": each bullet a measure with its outcome
_RESULTS_ARE = re.compile(r"\bresultat(?:en)?\b(?P<rest>[^.:]{0,40}?)\s+(?:var|är|blev)\s*:$", re.I)
# … or a title line over them, "Resultat 2022 (siffror från 2021)", and bullets "<measure> 88 (72)": the result,
# then the year before's in brackets
_RESULTS_TITLE = re.compile(rf"^Resultat(?:en)?\s+(?:för\s+)?(?P<rest>{YEAR}\b[^.:!?]{{0,40}}?)\s*:?$")
_NAME_FIGURE = re.compile(rf"^(?P<name>[^:\d][^:]{{1,80}}?)\s+(?P<value>{AMOUNT}\s*(?:%|procent)?)"
                          rf"(?:\s*\((?P<before>[^()]{{1,60}})\))?\s*\.?$")
_NAME_VALUE = re.compile(rf"^(?P<name>[^:\d][^:]{{1,80}}?)\s*:\s*(?P<value>{AMOUNT}\s*(?:%|procent)?)\s*\.?$")


def result_bullets(ctx: Context) -> None:
    """The bullets of a list the text introduces as its results, each "<measure>: <number>": the measure, with its
    outcome for the year the introduction names. The list is taken whole or not at all (a bullet of another
    shape means it is no list of results)."""
    blocks, seen = ctx.blocks, {name_key(i.name) for i in ctx.get("indicators")}
    for bi, b in enumerate(blocks):
        if b.kind not in ("para", "heading") or len(b.text) >= 200 or "esultat" not in b.text:
            continue
        m = _RESULTS_ARE.search(b.text.strip()) if b.kind == "para" else None
        titled = None if m else _RESULTS_TITLE.match(b.text.strip())
        if not (m or titled):
            continue
        shape = _NAME_FIGURE if titled else _NAME_VALUE
        k, rows = bi + 1, []
        while k < len(blocks) and blocks[k].kind == "bullet":
            rows.append((k, shape.match(blocks[k].text.strip())))
            k += 1
        if len(rows) < (3 if titled else 2) or not all(r for _, r in rows):
            continue
        years = [int(y) for y in re.findall(YEAR, (m or titled).group("rest"))]
        year = (years[0] if titled else years[-1]) if years else None  # (a title names its own year first)
        for k, r in rows:
            values = [_typed_value("actual", r.group("value"), year)]
            before = r.groupdict().get("before")
            if before and len(years) == 2 and years[1] < years[0] and re.fullmatch(AMOUNT, before.strip()):
                values.append(_typed_value("actual", before.strip(), years[1]))  # "(siffror från 2021)"
            _add_measure(ctx, seen, r.group("name").strip(), values, k, ctx.provenance(k))


# "• Antal invånare ökar. Målet var 6 980, utfallet blev 6 908.": a measure said as what shall happen, then its
# target and outcome in the sentence after
_TARGET_THEN_OUTCOME = re.compile(r"^(?P<name>[A-ZÅÄÖ][^.!?:]{8,200}?)\.\s+(?:Målet|Målvärdet|Målsättningen)\s+(?:var|är)\s+"
                                  r"(?P<target>[^.;:]{1,60}?),?\s+(?:och\s+)?(?:utfallet|resultatet)\s+(?:blev|var|är)\s+"
                                  r"(?P<actual>[^.;:]{1,60}?)\s*(?:\.|$)")


def target_then_outcome(ctx: Context) -> None:
    """A bullet or short paragraph that names a measure and, in its next sentence, the target and the outcome."""
    seen = {name_key(i.name) for i in ctx.get("indicators")}
    year = _one_year(ctx)
    for bi, b in enumerate(ctx.blocks):
        if b.kind not in ("bullet", "para", "item") or bi in ctx.table_blocks or "tfallet" not in b.text \
                and "esultatet" not in b.text:
            continue
        m = _TARGET_THEN_OUTCOME.match(b.text.strip())
        if m:
            values = [_typed_value("target", m.group("target"), year), _typed_value("actual", m.group("actual"), year)]
            _add_measure(ctx, seen, m.group("name").strip(), values, bi, ctx.provenance(bi))


# KKiK-style tables flattened to text: "Hur stor andel … får försörjningsstöd? % 3.8 (4) 4.4 (4)": the measure
# is the question, then its unit, the result (last year's in brackets) and the comparison (the network, the nation)
# The row may keep its number ("17a. Vilket …?") and, in a page's transcript, have its figures glued on ("…?
# (kr/år)144 122 140 372…"): those run together past telling apart, so the row gives its measure without values.
_QUESTION_ROW = re.compile(r"^(?:\d{1,2}[a-z]?\.\s+)?(?P<name>(?:Hur|Vad|Vilken|Vilket|Vilka|Kan|Får|Finns|Är|Har)\s[^?]{8,220})\?"
                           r"(?:\s+(?P<more>[A-ZÅÄÖ][^?\d()]{3,80}?)\.)?(?:\s*\([^)]{1,160}\))?\s*(?P<rest>\S.{0,160})$")
# … and among such rows, a numbered measure not worded as a question, its unit last, figures glued after it:
# "18. Elever i åk 9 som är behöriga till ett yrkesprogram (%)90,391,3…"
# (a web page may glue the number to the name too: "32Andelen … (%)76,177,1", "33Hur många …? (Antal)8,418,1")
_NUMBERED_GLUED_ROW = re.compile(r"^(?:\d{1,2}[a-z]?\.\s+|\d{1,2}(?=[A-ZÅÄÖ]))?(?P<name>[A-ZÅÄÖ][^?]{8,220}?)\??\.?\s*"
                                 r"(?:\([^)]{1,60}\)|%)"
                                 r"(?P<rest>[-−+]?\d.{0,160})$")
_NUMBER_TOKEN = re.compile(r"(?<![\w(/])[-−+]?\d+(?:[.,]\d+)?(?![\w)/])")
_BRACKETED = re.compile(r"\([^)]*\)")
_FIGURE_THEN_PREVIOUS = re.compile(r"(?<![\w/])([-−+]?\d+(?:[.,]\d+)?)\s*\([-−+]?\d")


def question_rows(ctx: Context) -> None:
    """Rows of a table of measures worded as questions, each with its figures on the same line: the question is
    the measure, the first figure its result and the next one the comparison, for the year the header above
    names. Three such rows at least (one question with a number in running text is prose)."""
    blocks = ctx.blocks
    found = [(bi, m) for bi, b in enumerate(blocks) if b.kind in ("para", "row", "item") and len(b.text) < 400
             for m in [_QUESTION_ROW.match(b.text.strip())]
             if m and _NUMBER_TOKEN.search(_BRACKETED.sub(" ", m.group("rest")))
             and not (_glued(m) and m.group("rest")[:1].isalpha())]
    if len(found) < 3:
        return
    glued = any(_glued(m) for _, m in found)  # one row's figures glued on: the page's transcript ran all together
    if glued:
        asked = {bi for bi, _ in found}
        found = sorted(found + [(bi, m) for bi in range(found[0][0], found[-1][0] + 2) if bi < len(blocks)
                                and bi not in asked and blocks[bi].kind in ("para", "row", "item")
                                for m in [_NUMBERED_GLUED_ROW.match(blocks[bi].text.strip())] if m],
                       key=lambda f: f[0])
    seen = {name_key(i.name) for i in ctx.get("indicators")}
    header = next((blocks[k].text for k in range(found[0][0] - 1, max(-1, found[0][0] - 4), -1)
                   if re.search(YEAR, blocks[k].text)), "")
    years = re.findall(YEAR, header)
    year = int(years[0]) if years else None
    ctx.items["indicators"] = [i for i in ctx.get("indicators") if not name_key(header)
                               or name_key(i.name) not in name_key(header)]  # the header, read as a measure
    for bi, m in found:
        rest = m.group("rest")
        # a figure with last year's in brackets after it is a result; else the last two figures of the row (the
        # ones before them belong to the unit: "per 1000 invånare", "Placering 1-290")
        figures = [] if glued else \
            _FIGURE_THEN_PREVIOUS.findall(rest)[:2] or _NUMBER_TOKEN.findall(_BRACKETED.sub(" ", rest))[-2:]
        values = [_typed_value(kind, raw, year) for kind, raw in zip(("actual", "comparison"), figures)]
        more = m.groupdict().get("more")
        name = f"{m.group('name').strip()}? {more}" if more else m.group("name").strip()
        _add_measure(ctx, seen, name, values, bi, ctx.provenance(bi))


def _glued(m: re.Match) -> bool:
    """The row's figures follow its words with no space between."""
    return m.start("rest") > 0 and not m.string[m.start("rest") - 1].isspace()


def _block_at(ctx: Context, line: int) -> int:
    """The block a layout line stands in (readers that walk the lines link their measures through it)."""
    return next((j for j, blk in enumerate(ctx.blocks) if blk.first_line <= line <= blk.last_line), 0)


# A comparison table's transcript (Kommunens kvalitet i korthet and its like) that ran each row's cells together:
# "MåttUtveckling jämfört 2016Jämfört med riketÅby 2016Åby 2017Riket 2017" ⏎ "<measure> (%)1009586" ⏎ …
_GLUED_MEASURE_HEAD = re.compile(rf"^(?:Mått|Mätetal|Indikator|Nyckeltal)(?=[A-ZÅÄÖ]|\s).*?{YEAR}")


def glued_measure_rows(ctx: Context) -> None:
    """The measures of such a table: under a header that opens with "Mått", each line a measure with its unit in
    brackets and its figures glued on. The figures run together past telling apart (`1009586` is 100, 95 and 86,
    or not), so the measures come without values. Two such rows at least, up to the first other line."""
    lines = ctx.layout.lines
    seen = {name_key(i.name) for i in ctx.get("indicators")}
    for start, ln in enumerate(lines):
        if not _GLUED_MEASURE_HEAD.match(ln.text.strip()):
            continue
        rows, k = [], start + 1
        while k < len(lines):
            m = _NUMBERED_GLUED_ROW.match(lines[k].text.strip())
            if not m or not _glued(m):
                break
            rows.append((k, m))
            k += 1
        if len(rows) < 2:
            continue
        for k, m in rows:
            name = m.group("name").strip()
            if any(key.startswith(name_key(name)) for key in seen):
                continue  # read already, its unit in its name, by a reader that could split its figures
            _add_measure(ctx, seen, name, [], _block_at(ctx, k), line_provenance(ctx, [k]))


# A goal system's measure table flattened a row to three lines, its assessment first: "Mått Enhet Utfall 2019 …" ⏎
# "Delvis uppfyllt" ⏎ <measure> ⏎ "Andel, % Ned 68 72 77" ⏎ "Uppfyllt" ⏎ <measure> ⏎ "Medelvärde Ingen" ⏎ …
_STATUS_FIRST_HEAD = re.compile(rf"^(?:Mått|Mätetal|Indikator|Nyckeltal)\b(?=.*\bUtfall\s+{YEAR})", re.I)
# the row's unit cell opens its last line: "Andel, %", "Medelvärde", "Antal", "SEK per …", "Kr/inv"
_UNIT_FIRST = re.compile(r"^(?:andel|antal|medel\w*|sek|kr\b|kronor|procent|%|index|dagar|timmar|poäng)", re.I)


def status_first_rows(ctx: Context) -> None:
    """The measures of such a table: a short status line, the measure's name, then a line that opens with its
    unit; the status is kept as the measure's own (its values, spaced thousands run together, are left)."""
    lines = ctx.layout.lines
    seen = {name_key(i.name) for i in ctx.get("indicators")}
    starts = [i for i, ln in enumerate(lines) if _STATUS_FIRST_HEAD.match(ln.text.strip())]
    for start in starts:
        k = start + 1
        while k + 1 < len(lines):
            status, name = lines[k].text.strip(), lines[k + 1].text.strip()
            unit = lines[k + 2].text.strip() if k + 2 < len(lines) else ""
            if len(status.split()) > 6 or status_match(status).strength == "none" or not 2 <= len(name) <= 250 \
                    or not _UNIT_FIRST.match(unit):
                break
            _add_measure(ctx, seen, name, [], _block_at(ctx, k + 1), line_provenance(ctx, [k + 1]))
            ind = ctx.get("indicators")[-1]
            if ind.name == name and ind.status_raw is None:
                ind.status_raw = status
            k += 3


def result_cards(ctx: Context) -> None:
    """Measures each followed by a line giving the municipality's result (and a comparison): the line above the
    result is the measure, a statement or a question."""
    blocks = ctx.blocks
    seen = {name_key(i.name) for i in ctx.get("indicators")}
    for bi, b in enumerate(blocks):
        m = _RESULT_LINE.match(b.text.strip()) if b.kind == "para" and len(b.text) < 300 else None
        if not m or bi == 0 or bi - 1 in ctx.table_blocks:
            continue
        above = blocks[bi - 1]
        name = above.text.strip().rstrip("?.").strip()
        if above.kind not in ("para", "heading") or not 2 <= len(name.split()) <= 30 or len(sentences(name)) > 1 \
                or _RESULT_LINE.match(name) or name_key(name) in seen:
            continue
        # the pattern's groups are named by the kind of value they hold
        values = [_typed_value(kind, m.group(kind)) for kind in ("actual", "comparison") if m.group(kind)]
        _add_measure(ctx, seen, name, values, bi, line_provenance(ctx, above.lines))


# A key-figure table a transcript ran into one paragraph: "EKONOMISK ÖVERSIKT (mkr) 2016 2015 … Resultat 73 55 26
# 48 Verksamheternas nettokostnader -783-1 227-740 -1 108 Skatter och statsbidrag 854 1 281 …": each run of words
# between runs of figures names one key figure
_KEY_FIGURE_TITLE = re.compile(r"\b(?:[\wåäö]*översikt|i\s+sammandrag|nyckeltal|nyckeltalsöversikt)\b|\((?:mkr|tkr|mnkr)\)",
                               re.I)
_FIGURE_TOKEN = re.compile(r"^[-−+]?\d[\d.,/−-]*%?$")
_HEADER_WORD = re.compile(r"^(?:delårsrapport|delår|prognos|helår|bokslut|budget|utfall|period|år|mkr|tkr|\(mkr\)|"
                          r"\(tkr\)|kommunen|koncernen)$", re.I)
_ABBREVIATION = re.compile(r"^[a-zåäö]{1,5}\.$")  # "inkl.", "exkl.", "t.ex."
_YEARISH = re.compile(rf"^(?:{YEAR}|\d{{1,2}}/\d{{1,2}}(?:-\d{{1,2}}/\d{{1,2}})?)$")


def _runs(tokens: list[str]) -> list[tuple[list[str], list[str]]]:
    """(words, figures) pairs in order: a run of words and the figures after it."""
    out: list[tuple[list[str], list[str]]] = []
    words: list[str] = []
    figures: list[str] = []
    for tok in tokens:
        if _FIGURE_TOKEN.match(tok):
            figures.append(tok)
            continue
        if figures:
            out.append((words, figures))
            words, figures = [], []
        words.append(tok)
    if words or figures:
        out.append((words, figures))
    return out


def _figure_name(words: list[str]) -> Optional[str]:
    """The key figure's name from a run of words (its unit, "%", left out), or None when the run reads as prose."""
    while words and not any(c.isalpha() for c in words[0]):
        words = words[1:]  # what is left of a header whose years the transcript lost (", , mkr År …")
    while len(words) > 1 and _HEADER_WORD.match(words[0]) and words[1][:1].isupper():
        words = words[1:]  # the header's last words before the first row ("… Bokslut Resultat 73 …")
    if words and words[-1] in ("%", "(%)"):
        words = words[:-1]
    name = " ".join(words).rstrip(" ,")
    if not name or not name[:1].isupper() or len(words) > 12 \
            or any(w.endswith((".", "!", "?")) and not _ABBREVIATION.match(w) for w in words):
        return None
    return name


_GROUP_WORD = re.compile(r"^[A-ZÅÄÖ][A-ZÅÄÖ/-]{3,}:?$")  # "INVÅNARE", "BALANSRÄKNING": a group's title in capitals
_NAME_UNIT = re.compile(r"^\((?:mnkr|mkr|tkr|kr|milj\.?|%|st|antal|kr/inv|procent)\)$|^\*{1,3}$", re.I)


def _name_segments(words: list[str]) -> list[list[str]]:
    """The names a run of words holds where a transcript lost the figures between rows: a unit ("(mnkr)", a
    footnote's "*") ends a name, a group's title in capitals stands between names and is none itself."""
    out: list[list[str]] = [[]]
    for w in words:
        if _GROUP_WORD.match(w) and not out[-1]:
            continue
        if _GROUP_WORD.match(w) or _NAME_UNIT.match(w):
            out.append([])
            continue
        out[-1].append(w)
    return [seg for seg in out if seg] or [words]


def _single_words(seg: list[str]) -> bool:
    """"Nettokostnader Avskrivningar": one-word names in a row, each capitalised (a hyphen keeps "Medborgar-Index")."""
    seg = [w for w in seg if w not in ("%", "(%)")]
    return len(seg) >= 2 and all(w[:1].isupper() and w[1:].islower() and "-" not in w for w in seg)


_ROW_NAME_STARTS = re.compile(r"(?<=[a-zåäö)])\s+(?<!\bpå\s)(?<!\bi\s)(?<!\bav\s)(?<!\bför\s)(?<!\btill\s)(?<!\bmed\s)"
                              r"(?<!\bom\s)(?<!\bvid\s)(?<!\boch\s)(?<!\bsamt\s)(?<!\ben\s)(?<!\bett\s)(?=[A-ZÅÄÖ][a-zåäö])")


def key_figure_runs(ctx: Context) -> None:
    """The key figures of an overview run into one line, each named by the words between two runs of figures."""
    seen = {name_key(i.name) for i in ctx.get("indicators")}
    for bi, b in enumerate(ctx.blocks):
        if b.kind not in ("para", "heading", "item") or len(b.text) < 150 or bi in ctx.table_blocks:
            continue
        head = b.text[:120]
        if not any(w in head for w in ("versikt", "VERSIKT", "ammandrag", "AMMANDRAG", "yckeltal", "YCKELTAL", "kr)")):
            continue
        title = _KEY_FIGURE_TITLE.search(head)
        if not title:
            continue
        runs = _runs(b.text[title.end():].split())
        k = 0
        while k < len(runs) and (not runs[k][1] or all(_YEARISH.match(f) for f in runs[k][1])):
            k += 1  # the header: its words, years and periods
        rows = []
        for words, figures in runs[k:]:
            if figures and words and not any(c.isalpha() for w in words for c in w):
                continue  # figures the transcript broke (", , ,9 981,1"): still the row before's
            segments = _name_segments(words) if figures else [[]]
            named = [_figure_name(seg) for seg in segments]
            if not named or any(n is None for n in named):
                break
            for seg, name in zip(segments, named):
                # rows whose figures the transcript lost run into the next one's name: "Tillgångar kr per invånare
                # Soliditet 44,2% …" (a capital after a lower-case word that is no preposition starts a name)
                pieces = _ROW_NAME_STARTS.split(name) if len(seg) >= 4 or _single_words(seg) else [name]
                # (the overview's own title again, "Femårsöversikt Femårsöversikt Allmänt …", is no row)
                rows.extend(p for p in pieces if not _KEY_FIGURE_TITLE.fullmatch(p.strip()))
        if len(rows) < 4:
            continue
        known = set(seen)  # (a name read twice in one overview is two rows: "Per invånare, Tkr" under assets, debts)
        for name in rows:  # (values not typed: figures glued together cannot be split into columns reliably)
            if name_key(name) not in known:
                _add_measure(ctx, seen, name, [], bi, ctx.provenance(bi), unique=False)


# a goal system's published list of measures: "Långsiktiga nyckeltal" ⏎ <name> ⏎ "Beslutad av" ⏎ "1. <body>" ⏎
# <name> ⏎ "Beskrivning" ⏎ <prose> ⏎ "Beslutad av" ⏎ …: each name stands right over its record's first field; or
# "Indikatorer" ⏎ <name> ⏎ "Utfall 2022: 4,1 %" ⏎ "Målvärde 2023: 3,5 %" ⏎ <name> ⏎ …: its values' fields
_MEASURES_TITLE = re.compile(r"^(?:[\wåäö-]+\s+)?(?:nyckeltal|indikator(?:er)?|mätetal|resultatmått|mått)\b", re.I)
_RECORD_FIELD = re.compile(r"^(?:beslutad\s+av|beskrivning|kommentar|ansvarig|källa|mätmetod|definition|"
                           r"inga\s+tillgängliga\s+data)\b", re.I)
_DECIDED_BY = re.compile(r"^(?:beslutad\s+av|ansvarig)\b", re.I)
_VALUE_FIELD = re.compile(rf"^(?:{'|'.join(_KINDS.values())})(?:\s+(?:för\s+|år\s+)?{YEAR})?\s*:\s*(?:{BOUND}\s*)?[-−–+]?\d",
                          re.I)  # a figure after the label ("Mål: Fler ska …" labels a goal)


def measure_records(ctx: Context) -> None:
    """Measures listed as records under a title naming measures: a short line followed by a field label is a
    measure's name; a description runs until the record's decider ("Beslutad av" and its numbered bodies), and
    value fields ("Utfall 2022: …", "Målvärde: …") give its values, typed by their labels."""
    blocks, seen = ctx.blocks, {name_key(i.name) for i in ctx.get("indicators")}
    for bi, b in enumerate(blocks):
        if b.kind != "para" or len(b.text) > 80 or not _MEASURES_TITLE.match(b.text.strip()) \
                or re.search(r":\s*\S", b.text):
            continue  # (a labelled line, "Indikator: Andel …", is a measure of its own, no title)
        name_next, decided = True, False
        record: Optional[list] = None  # [name, block, value fields]

        def close() -> None:
            if record:
                name, values, direction = parse_indicator_text("; ".join([record[0]] + record[2]))
                _add_measure(ctx, seen, name, values, record[1], ctx.provenance(record[1]), direction)

        for k in range(bi + 1, len(blocks)):
            blk, text = blocks[k], blocks[k].text.strip()
            if blk.kind == "heading" or k in ctx.table_blocks:
                break
            if record and _VALUE_FIELD.match(text):
                record[2].append(text)
                name_next = True  # the next line standing over a field is the next measure's name
                continue
            if _RECORD_FIELD.match(text):
                decided = bool(_DECIDED_BY.match(text))
                name_next = name_next and not text.lower().startswith("beskrivning")
                continue
            if blk.kind == "item" and decided:
                name_next = True  # the record ends with the bodies that decided the measure
                continue
            nxt = blocks[k + 1].text.strip() if k + 1 < len(blocks) else ""
            if blk.kind == "para" and name_next and (_RECORD_FIELD.match(nxt) or _VALUE_FIELD.match(nxt)) \
                    and len(text.split()) <= 30:
                close()
                label = LABEL_LINE.match(text)  # ("Indikator: <name>" ⏎ <fields>: the name after its label)
                record = [(label.group("text") if label else text).rstrip(" ."), k, []]
                name_next = False
            elif name_next:
                break  # a line of another kind where a name was due: the list has ended
        close()


# a results table flattened to text one cell group a line: a header naming the measure column and outcome years
# ("Område Mått Utfall 2019 Utfall 2018 … Förändring Jämförelse med andra"), then each measure's name on a line of
# its own and its figures on the next ("58 55 73 Upp Sämsta gruppen 74"); an area's name stands alone between
_MEASURE_HEADER = re.compile(r"^(?:\S+\s+){0,3}?[\wåäö]*?(?:mått|indikator(?:er)?|nyckeltal|mätetal)\b.{0,80}?"
                             # "… Utfall 2019", or "Utfall <kommun> Andra kommuner Flerårsplan 2018-2021"
                             r"\b(?:utfall|målvärde|mål|resultat)\s+(?:(?:19|20)\d\d\b|[^.:]{0,60}?\b(?:19|20)\d\d\b)", re.I)
# a line of a row's values: figures, years in brackets ("(2015)"), target words ("Öka Öka"), dashes
_VALUES_LINE = re.compile(r"^(?:(?:[-−–+]?\d[\d,.]*\s?%?|\((?:19|20)\d\d\)|öka|minska|ökar|minskar|ja|nej|[-–—x])\s*)+$",
                          re.I)
_GOAL_ROW_LINE = re.compile(r"^\d{1,2}[A-Za-z]?[.)]\s+\S|\s(?:ska|skall)\s")  # "1A. Antal byggrätter ska …"
_HEADER_REST = re.compile(r"^(?=.*\b(?:19|20)\d\d\b)(?:(?:19|20)\d\d(?:[-–/]\d{2,4})?|[A-ZÅÄÖa-zåäö]+)"
                          r"(?:\s+(?:(?:19|20)\d\d(?:[-–/]\d{2,4})?|[A-ZÅÄÖa-zåäö]+)){0,6}$")  # "2016 2017 2018 Snitt"
_KIND_ALONE = re.compile(rf"^(?:{'|'.join(_KINDS.values())}|snitt|länet|riket|år)$", re.I)  # "Mål" over "2018"
_FIRST_VALUE = re.compile(r"\s+[-−–]?\d+(?:[,.]\d+)?\s?%?$")  # a row's first value left on its name's line
_TREND_WORD = r"(?:upp|ned|ner|lika|ingen|oförändrad|förbättrad|försämrad)"
_FIGURES = re.compile(rf"^(?P<figures>[-−–]?\d[\d\s,.%−–-]*?)?\s*(?P<trend>{_TREND_WORD}\b.*)?$", re.I)


def _values_line(line: str) -> bool:
    """A line of a row's values, in either shape: figures with a trend word, or figures, bracketed years and
    target words."""
    return _figures_line(line) or bool(_VALUES_LINE.match(line))


def _figures_line(line: str) -> bool:
    """Figures, a trend word and what follows it (a comparison group and its figure), or a trend word alone —
    not a sentence that happens to open with one ("Ingen av nämnderna …")."""
    m = _FIGURES.match(line.strip())
    if not m or not (m.group("figures") or m.group("trend")):
        return False
    return bool(m.group("figures")) or len(line.split()) <= 4 or bool(re.search(r"\d", line))


def measure_lines_under_header(ctx: Context) -> None:
    """Measures of a flattened results table: under a header that names the measure column and outcome years,
    each line followed by a line of figures names a measure (the figures are not typed: thousands written with
    spaces cannot be told from the next column); a short line without figures is an area; anything else ends it."""
    lines, seen = ctx.layout.lines, {name_key(i.name) for i in ctx.get("indicators")}
    for bi, b in enumerate(ctx.blocks):
        if b.kind not in ("para", "heading"):
            continue
        first = lines[b.lines[0]].text.strip()
        low = first[:200].lower()
        if not ("mått" in low or "indikator" in low or "nyckeltal" in low or "mätetal" in low) \
                or not _MEASURE_HEADER.match(first):
            continue
        li = b.lines[0] + 1
        while li + 1 < len(lines):
            text, nxt = lines[li].text.strip(), lines[li + 1].text.strip()
            if not text or _values_line(text):
                li += 1
                continue
            if _values_line(nxt) and len(text) <= 250 and not _GOAL_ROW_LINE.search(text) \
                    and not _KIND_ALONE.match(text):
                name = _FIRST_VALUE.sub("", text) if len(text.split()) > 3 else text
                _add_measure(ctx, seen, name.rstrip(" ?"), [], bi, line_provenance(ctx, [li, li + 1]))
                li += 2
            elif len(text.split()) <= 6 and not re.search(r"\d", text) and not text.endswith(".") \
                    or len(text) <= 250 and _GOAL_ROW_LINE.search(text) or _HEADER_REST.match(text):
                li += 1  # an area's name between its measures, a goal's row over them, the header's years
            else:
                break


# "… Indikatorer Regional tillväxt • Antal nystartade företag per 1 000 invånare ska vara högre än … • Utsläpp av
# växthusgaser ska minska. …": a transcript runs a list of measures, each worded as its target, into one paragraph
_INLINE_MEASURES = re.compile(rf"{MEASURES_WORD}[^•.]{{0,60}}•")
_TARGET_VERB = re.compile(r"\s+(?:ska|skall|bör)\s+(?=\S)")


def _before_target(text: str) -> str:
    """A measure worded as its target ("Utsläpp av växthusgaser ska minska"): its name, up to the "ska"."""
    target = _TARGET_VERB.search(text)
    return text[:target.start()] if target else text


def inline_measure_bullets(ctx: Context) -> None:
    """The bullets run into a paragraph after "Indikatorer": each names a measure, up to its "ska" (its target)."""
    seen = {name_key(i.name) for i in ctx.get("indicators")}
    for bi, b in enumerate(ctx.blocks):
        if b.kind not in ("para", "item", "heading") or "•" not in b.text or bi in ctx.table_blocks:
            continue
        m = _INLINE_MEASURES.search(b.text)
        if not m:
            continue
        pieces = [p.strip() for p in b.text[m.end() - 1:].split("•")[1:]]
        if len(pieces) < 2:
            continue
        for piece in pieces:
            first = sentences(piece)[0] if piece else ""
            name = re.sub(r"-\s+(?=[a-zåäö])", "", _before_target(first)).strip(" ,.;:")  # "hälso- tillstånd" broken by a transcript
            if 2 <= len(name.split()) <= 25 and name[:1].isupper():
                _add_measure(ctx, seen, name, [], bi, ctx.provenance(bi))


# "… Mått 1:1 Arbogas befolkning Måttansvarig: … Mått 1:2 Andelen … ska minska Samordningsansvar: …": numbered
# measure labels run into a transcript's paragraph, each measure's fields after its name


def run_on_measure_labels(ctx: Context) -> None:
    """Measures numbered under a label and run into one paragraph (two at least): each name runs to its first
    field ("Måttansvarig:") or the next label, without the target it is worded with (", ska minska")."""
    seen = {name_key(i.name) for i in ctx.get("indicators")}
    for bi, b in enumerate(ctx.blocks):
        if b.kind not in ("para", "item", "heading") or bi in ctx.table_blocks or not any(
                w in b.text for w in ("Mått ", "Indikator ", "Nyckeltal ", "Mätetal ")):
            continue
        labels = list(MEASURE_CODE.finditer(b.text))
        if len(labels) < 2:
            continue
        # the goals read in this paragraph ("KF 1: <goal> Mått 1:1 …"), by where they stand in it
        goals = sorted((b.text.find(g.text), g.id) for g in ctx.get("goals") if g.text in b.text)
        for k, m in enumerate(labels):
            end = labels[k + 1].start() if k + 1 < len(labels) else len(b.text)
            body = b.text[m.end():end]
            field = MEASURE_FIELD.search(body)
            name = body[:field.start()] if field else body
            name = _before_target(name).strip(" ,.;:")
            if (not field and k + 1 == len(labels)) or not 1 <= len(name.split()) <= 25:
                continue  # the last label's name has no field to end it: where it ends cannot be told
            before = [gid for at, gid in goals if 0 <= at < m.start()]
            _add_measure(ctx, seen, name, [], bi, ctx.provenance(bi), goal=before[-1] if before else None)


# A fact box comparing the municipality with others ("Faktaruta", "Kommunen i siffror"): a header of the place and
# what it is compared with ("Ålvik Riket", "Kommunen Länet Riket 2016"), then a line a figure: "<name> [<year>]
# <the place's figure> <the comparison's figure> …"
_COMPARED_WITH = r"(?:riket|sverige(?:medel|snitt)?|riks(?:genomsnitt|snitt|medel)(?:et)?|länet|läns(?:snitt|medel)(?:et)?|" \
                 r"kommungrupp(?:en)?|liknande\s+kommuner|jämförbara\s+kommuner|(?:genom)?snitt(?:et)?|medel(?:värde)?)"
_COMPARED_HEAD = re.compile(rf"^(?P<place>(?-i:[A-ZÅÄÖ])[\wåäö-]+(?:\s+(?:kommun|stad))?)(?:\s+(?P<year>{YEAR}))?"
                            rf"(?P<others>(?:\s+{_COMPARED_WITH}(?:\s+{YEAR})?){{1,3}})$", re.I)
_COMPARED_WORD = re.compile(_COMPARED_WITH, re.I)
_COMPARED_CUE = re.compile(r"riket|sverige|riks|län|kommungrupp|kommuner|snitt|medel")  # (lower case: a cheap test first)
_FIGURE = re.compile(r"^[-−]?\d+(?:[.,]\d+)*%?$")


def _figure_groups(tokens: list[str]) -> Optional[list[str]]:
    """Figures written with spaces between thousands ("7 348 34 466"), grouped: a token of three digits after a
    figure without decimals goes on with it. None when a token is no figure (a line of figures is looked for)."""
    groups: list[str] = []
    for t in tokens:
        if not _FIGURE.match(t):
            return None
        if groups and re.fullmatch(r"\d{3}%?", t) and re.fullmatch(r"[-−]?\d{1,3}(?: \d{3})*", groups[-1]):
            groups[-1] += " " + t
        else:
            groups.append(t)
    return groups


def _compared_row(text: str, columns: int) -> Optional[tuple[str, Optional[int], Optional[list[str]]]]:
    """(name, year, figures) of a fact box's line, when its figures fill the header's columns (a year before them
    is the figures' year); figures None when there are more pieces than columns and the spaces between thousands
    cannot be told from those between columns ("12 504 287 113 10 452 326" under three), [] when none follow."""
    words = text.split()
    k = len(words)
    while k > 0 and _FIGURE.match(words[k - 1]):
        k -= 1
    figures = _figure_groups(words[k:]) if k < len(words) else []
    year = None
    if figures and re.fullmatch(YEAR, figures[0]) and len(figures) in (1, columns + 1):
        year, figures = int(figures[0]), figures[1:]  # "<name> 2016 <figures>", or "<name> 2016" ⏎ "<figures>"
    name = " ".join(words[:k]).strip(" :")
    if not name or not name[:1].isalpha() or len(name) > 80:
        return None
    if len(figures) not in (0, columns):
        if len(words) - k <= columns:
            return None
        return name, year, None
    return name, year, figures


def _next_text(lines, j: int) -> int:
    """The first line from j on that holds text (len(lines) when none does)."""
    while j < len(lines) and not lines[j].text.strip():
        j += 1
    return j


def compared_figures(ctx: Context) -> None:
    """The lines of a fact box under a header of the place and its comparisons: each names a measure, its first
    figure the place's outcome and the others the comparisons'. A line of figures alone finishes the line above.
    Runs before the tables are read: a table the box was taken for is left to this reader."""
    lines, seen = ctx.layout.lines, {name_key(i.name) for i in ctx.get("indicators")}
    for li, line in enumerate(lines):
        text = line.text.strip()
        if len(text) > 60 or not _COMPARED_CUE.search(text.lower()) or line.cells:
            continue
        head = _COMPARED_HEAD.match(text)
        if not head or _COMPARED_WORD.fullmatch(head.group("place")):
            continue
        titles = [head.group("place")] + [m.group(0) for m in _COMPARED_WORD.finditer(head.group("others"))]
        columns = len(titles)
        head_year = int(head.group("year")) if head.group("year") else None
        rows, j = [], _next_text(lines, li + 1)
        while j < len(lines):
            row = _compared_row(lines[j].text.strip(), columns)
            if row is None:
                break
            used = [j]
            if row[2] == []:  # the figures on the next line of their own
                k = _next_text(lines, j + 1)
                figures = _figure_groups(lines[k].text.split()) if k < len(lines) else None
                if not figures or len(figures) != columns:
                    break
                row, used, j = (row[0], row[1], figures), [j, k], k
            rows.append((row, used))
            j = _next_text(lines, j + 1)
        if len(rows) < 2:
            continue
        # read here, not as a table whose first column the place's name headed (its figures taken for names)
        covered = {_block_at(ctx, line) for _, used in rows for line in used}
        ctx.tables = [t for t in ctx.tables if not covered & set(t.blocks)]
        for (name, year, figures), used in rows:
            year = year or head_year
            values = [_typed_value("actual" if c == 0 else "comparison", f, year, title)
                      for c, (f, title) in enumerate(zip(figures or [], titles))]
            _add_measure(ctx, seen, name, values, _block_at(ctx, used[0]), line_provenance(ctx, used))
