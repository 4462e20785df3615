"""Indicators that goal portals and KPI pages print as cards or coded runs rather than as tables.

    Trygga barn i skolan                         ← a card: a short title,
    IndikatorKS.2.1.3                            ← the label glued to (or spaced from) a code with dots,
    Andel elever som känner sig trygga           ← the measured quantity (on this line or the next),
    Trend: Trenden är positivTrenden är positiv
    Senaste värdet: 91 %2023                     ← an actual value, the year glued to the unit

    S B1. <goal> N <indicator>, N <indicator> S B2. …     ← a scorecard run: row-type letters before each cell

    Väntetid till särskilt boende, dagar:        ← a name ending in a colon, then a line of labelled values
    Kommunen 48 och riket 55

    Andel nöjda besökare. %                      ← a KPI page: the name with its unit, a header with a year
    Kommunen 2021Snitt Sämsta värdeBästa värde   ← glued to the words, one value a line below
    74
    70,5

    Uppföljningsområde 1 <name> Ej klart Klart 2 <name> Klart Klart …   ← a status grid run into one line

Each rule keys on a structure (a code after the label word, row-type letters repeated along one line, a colon
line over a line of who-value pairs, a unit-tailed name over a year-glued header and lone values, rows numbered
1, 2, 3 … each ending in the same number of status cells), never on a document's wording. A record the document's end cuts off (the last line, nothing after it) is not emitted."""

from __future__ import annotations

import re
from collections import Counter
from typing import Optional

from plantrace.extract.context import Context
from plantrace.extract.items import name_key, stamped_links
from plantrace.extract.numbers import AMOUNT, BOUND, CELL_VALUE, YEAR, parse_number
from plantrace.schema import Indicator, IndicatorValue, Provenance

CODE = r"(?=[\wÅÄÖåäö.]*\d)[A-ZÅÄÖ0-9][A-ZÅÄÖa-zåäö0-9]{0,5}(?:\.[A-ZÅÄÖa-zåäö0-9]{1,4}){1,5}"  # "ÖM.11.3.4", "2050.1.6"
_CARD_LABEL = re.compile(rf"^(?:Indikator|Mått|Nyckeltal|Mätetal|Resultatmått)\s?(?::\s?)?(?P<code>{CODE})"
                         r"(?:\s*[:–-]?\s+(?P<name>\S.*))?$")
_CARD_VALUE = re.compile(r"^(?P<label>Senaste värdet|Senaste utfall|Senaste mätning|Utfall|Målvärde|Nuvärde)"
                         rf"(?:\s+(?P<year1>{YEAR}))?\s*:\s*(?P<value>.*?)\s*(?P<year>{YEAR})?\s*$", re.I)
_CARD_SKIP = re.compile(r"^(?:Trend|Senaste|Utfall|Målvärde|Nuvärde|Källa|Uppdaterad)\b", re.I)

_ROW_MARK = re.compile(r"(?:(?<=\s)|^)(?P<type>[SN])\s+(?=[A-ZÅÄÖ0-9(\"'])")  # a cell starts with a capital
_GOAL_CODE = re.compile(r"(?:^|\s)S\s+[A-ZÅÄÖ]{0,3}\d{1,2}(?:\.\d{1,2})*\.?\s+[A-ZÅÄÖ]")
# a heading in capitals between the cells ("C. EKONOMI I BALANS") ends the cell before it
_CAPS_RUN = re.compile(r"\s+(?:[A-ZÅÄÖ]\.\s+[A-ZÅÄÖ]{3,}|[A-ZÅÄÖ]{3,}(?:[\s,-]+[A-ZÅÄÖ]{2,})+)\b.*$")

_WHO_VALUE = rf"[A-ZÅÄÖa-zåäö][\wåäöÅÄÖ-]*(?:\s+[a-zåäö][\wåäö-]*){{0,2}}\s*:?\s+(?:{BOUND}\s*)?{AMOUNT}"
_VALUES_LINE = re.compile(rf"^(?P<first>{_WHO_VALUE})(?P<rest>(?:\s*(?:,|;|och)\s*{_WHO_VALUE})+)\s*\.?$")
_WHO_VALUE_PART = re.compile(rf"(?P<who>[A-ZÅÄÖa-zåäö][\wåäöÅÄÖ-]*(?:\s+[a-zåäö][\wåäö-]*){{0,2}})\s*:?\s+"
                             rf"(?P<value>(?:{BOUND}\s*)?{AMOUNT})")

_UNITS = r"%|procent|kr(?:/\S+)?|kronor|antal|st|dagar|år|index|poäng"
_UNIT_TAIL = re.compile(rf"^(?P<name>.{{10,250}}?)[.,]?\s+(?P<unit>{_UNITS})$")
_UNIT_WORD = re.compile(_UNITS)
_GLUED_YEAR = re.compile(rf"{YEAR}(?=[A-ZÅÄÖ])|[a-zåäö](?=[A-ZÅÄÖ][a-zåäö])")


class _Out:
    """What the rules of one document emit, with the names seen so that a name comes out once."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.seen = {name_key(i.name) for i in ctx.get("indicators")}
        self.line_block: dict[int, int] = {li: bi for bi, b in enumerate(ctx.blocks) for li in b.lines}

    def add(self, name: str, span: tuple[int, int], line: int, values: list[IndicatorValue],
            direction=None) -> Optional[Indicator]:
        name = re.sub(r"\s+", " ", name).strip(" ,;:–-")
        key = name_key(name)
        if len(name) < 3 or len(name) > 300 or key in self.seen:
            return None
        self.seen.add(key)
        ctx = self.ctx
        goal, assignment, _ = stamped_links(ctx, self.line_block.get(line))  # a card's group is not stamped
        ln = ctx.layout.lines[line]
        ind = Indicator(id=ctx.next_id("indicators", "i"), name=name, goal=goal, assignment=assignment, values=values,
                        direction=direction, provenance=Provenance(document=ctx.sha256, page=ln.page, span=span,
                                                                   lines=(line, line), ocr=ln.ocr))
        ctx.add("indicators", ind)
        return ind


def _nonblank(lines, i: int, limit: int = 3, step: int = 1) -> Optional[int]:
    """The index of the next non-blank line after i (before it, with step -1), looking at most `limit` lines."""
    for j in range(i + step, i + step * (limit + 1), step):
        if not 0 <= j < len(lines):
            break
        if lines[j].text.strip():
            return j
    return None


# a sentence that tells what is measured, not a measure's name ("Här mäter vi hur många …", "Indikatorn visar …"); a
# definition that names the measure ("Andel ekologiska livsmedel i kommunal verksamhet …") is its name
_DESCRIBES = re.compile(r"^(?:här\b|indikatorn\b|måttet\b|nyckeltalet\b|detta\b|den\s+här\b|vi\s+mäter\b)"
                        r"|\b(?:mäter\s+vi|visar\s+hur)\b", re.I)


def _described(text: str) -> bool:
    """A sentence that explains a measure ("Här mäter vi hur många …."), not its name."""
    return text.endswith(".") and len(text.split()) >= 6 and bool(_DESCRIBES.search(text))


def _titled(text: str) -> bool:
    return 1 <= len(text.split()) <= 12 and not re.search(r"[.:;!?]$", text) and text[:1].isupper() \
        and not _CARD_LABEL.match(text) and not _CARD_SKIP.match(text)


def _last_line(lines, i: int) -> bool:
    return all(not ln.text.strip() for ln in lines[i + 1:])


def _value(kind: str, raw: str, year: Optional[int], column: Optional[str] = None) -> IndicatorValue:
    raw = raw.strip().rstrip(".")
    number, unit = parse_number(raw)
    return IndicatorValue(kind=kind, year=year, raw=raw, value=number, unit=unit, column=column)


# ------------------------------------------------------------------------------------------------ cards

def _cards(out: _Out, skip: set[int]) -> None:
    lines = out.ctx.layout.lines
    for i, ln in enumerate(lines):
        t = ln.text.strip()
        if i in skip or not t or len(t) > 400 or not t[:1] in "IMNR":
            continue
        m = _CARD_LABEL.match(t)
        if not m:
            continue
        if m.group("name"):
            name_line, name = i, m.group("name")
            start, last_read = ln.start + ln.text.index(name), i
        else:
            j = _nonblank(lines, i)
            if j is None or j in skip or _CARD_SKIP.match(lines[j].text.strip()) or _CARD_LABEL.match(lines[j].text.strip()):
                continue
            name_line, name, last_read = j, lines[j].text.strip(), j
            above = _nonblank(lines, i, step=-1)
            if _described(name) and above is not None and _titled(lines[above].text.strip()):
                # "Miljödiplomerade företag" ⏎ "Indikator SE.1.1" ⏎ "Här mäter vi hur många …": the name stands over
                # its code, the sentence below says what is measured
                name_line, name = above, lines[above].text.strip()
            start = lines[name_line].start + lines[name_line].text.index(name)
        if _last_line(lines, name_line):
            continue  # the document ends on the name: the card is cut off
        values: list[IndicatorValue] = []
        k = last_read  # the values follow the code's line and what is read with it
        for _ in range(4):
            k = _nonblank(lines, k)
            if k is None:
                break
            vt = lines[k].text.strip()
            vm = _CARD_VALUE.match(vt)
            if vm and vm.group("value"):
                year = vm.group("year") or vm.group("year1")
                kind = "target" if vm.group("label").lower() == "målvärde" else "actual"
                values.append(_value(kind, vm.group("value"), int(year) if year else None, vm.group("label")))
            elif not _CARD_SKIP.match(vt):
                break
        out.add(name, (start, start + len(name)), name_line, values)


# ------------------------------------------------------------------------------------------------ coded runs

def _coded_rows(out: _Out, skip: set[int]) -> None:
    lines = out.ctx.layout.lines
    for i, ln in enumerate(lines):
        t = ln.text
        if i in skip or len(t) < 80 or " N " not in t or not _GOAL_CODE.search(t):
            continue
        marks = list(_ROW_MARK.finditer(t))
        if sum(m.group("type") == "N" for m in marks) < 3:
            continue
        last = _last_line(lines, i)
        for k, m in enumerate(marks):
            if m.group("type") != "N":
                continue
            end = marks[k + 1].start() if k + 1 < len(marks) else len(t.rstrip())
            if k + 1 == len(marks) and last:
                continue  # the run goes on past the document's end
            seg = t[m.end():end]
            caps = _CAPS_RUN.search(seg)
            if caps:
                seg = seg[:caps.start()]
            name = seg.rstrip().rstrip(",;").rstrip()
            if not name:
                continue
            start = ln.start + m.end()
            out.add(name, (start, start + len(name)), i, [])


# ------------------------------------------------------------------------------------------------ name: values

def _colon_values(out: _Out, skip: set[int]) -> None:
    lines = out.ctx.layout.lines
    for i, ln in enumerate(lines):
        t = ln.text.strip()
        if i in skip or not t.endswith(":") or len(t) > 250 or len(t) < 8:
            continue
        j = _nonblank(lines, i)
        if j is None:
            continue
        vt = lines[j].text.strip()
        if not vt[:1].isalpha() or not _VALUES_LINE.match(vt):
            continue
        values = []
        for n, p in enumerate(_WHO_VALUE_PART.finditer(vt)):
            kind = "actual" if n == 0 else "comparison"  # the document's own figure first, then what it is compared with
            values.append(_value(kind, p.group("value"), None, p.group("who")))
        name = t[:-1].strip()
        start = ln.start + ln.text.index(name)
        out.add(name, (start, start + len(name)), i, values)


# ------------------------------------------------------------------------------------------------ KPI page

def _kpi_page(out: _Out, skip: set[int]) -> None:
    lines = out.ctx.layout.lines
    for i, ln in enumerate(lines):
        t = ln.text.strip()
        if i in skip or len(t) < 12 or " " not in t:
            continue
        # the name with its unit ("Andel nöjda besökare. %"), or asked without one ("Hur många nya företag … ?")
        m = _UNIT_TAIL.match(t) if _UNIT_WORD.fullmatch(t.rsplit(None, 1)[-1]) else \
            _QUESTION.fullmatch(t) if t.endswith("?") else None
        if not m or re.search(r"\d", m.group(1)[-1:]):
            continue
        h = _nonblank(lines, i)
        if h is None:
            continue
        head = lines[h].text.strip()
        year = re.search(YEAR, head)
        if len(head) > 120 or not year or len(_GLUED_YEAR.findall(head)) < 2 or re.search(r"\d[\d,.]*\s*%", head):
            continue
        vals: list[str] = []
        k = h
        while len(vals) < 8:
            k = _nonblank(lines, k)
            if k is None or not CELL_VALUE.fullmatch(lines[k].text.strip()):
                break
            vals.append(lines[k].text.strip())
        if len(vals) < 2:
            continue
        values = [_value("actual", vals[0], int(year.group(0)))] + [_value("comparison", v, None) for v in vals[1:]]
        name = m.group(1).rstrip(" .,")
        start = ln.start + ln.text.index(name)
        out.add(name, (start, start + len(name)), i, values)


# ------------------------------------------------------------------------------------------------ question rows

# "Kommunens kvalitet i korthet" asks its measures as questions: "Hur stor andel av … ? <definition> <unit> 77,1 78,2"
# (the survey's own number may open the line: "18. Vad …?", "Nr 13, Hur …?", "33Hur …?" glued by a web page)
_QUESTION = re.compile(r"^(?:(?:Nr\.?\s*)?\d{1,3}[a-h]?(?:[.,:]\s*|\s+|(?=[A-ZÅÄÖ])))?"
                       r"(?P<q>(?:Hur|Vad|Vilken|Vilket|Vilka|Upplever|Får|Kan|Är|Finns|Har|Känner|Tycker|Hinner|Når|"
                       r"Ökar|Minskar)\s[^?]{10,200})\?")
_QUESTION_HEAD = re.compile(r"^Fråga\b|kvalitet\s+i\s+korthet|\bKKiK\b", re.I)
_NUMBER = re.compile(r"^-?\d+(?:[,.]\d+)?$")  # one whitespace-free token


def _survey_words(text: str) -> bool:
    """A word of `_QUESTION_HEAD` is in the text: the cheap test before the pattern's search, line by line or over
    a whole document."""
    low = text.lower()
    return "fråga" in low or "korthet" in low or "kkik" in low
_COMPARISON_HEAD = re.compile(r"\b(?:riket|genomsnitt|snitt|medelvärde|medel|länet|jämför\w*|liknande\s+kommuner)\b", re.I)


def _question_rows(out: _Out, skip: set[int]) -> None:
    """Measures asked as questions in a table under "Fråga | Mått | <years>": the question is the indicator; the
    figures that end its row (on its line or the lines before the next question) are the header's years. Where the
    text does not name the survey, a run of three or more questions each followed by its figures is such a table
    all the same, its header the short lines right above the first question; a row between two questions that
    names its unit in brackets ("Inskrivna barn per årsarbetare (antal)") is one of its measures."""
    if "?" not in out.ctx.layout.text:
        return
    lines = out.ctx.layout.lines
    named = _survey_words(out.ctx.layout.text)
    head = next((i for i, ln in enumerate(lines) if _QUESTION_HEAD.search(ln.text)), None) if named else None
    starts = [i for i in range(head or 0, len(lines)) if i not in skip and _QUESTION.match(lines[i].text.strip())]
    if head is None:
        starts = [i for i in starts if _figures_below(lines, i)]
        if len(starts) < 3:
            return
        head = _header_top(lines, starts[0])
        starts = sorted(starts + [i for a, b in zip(starts, starts[1:]) for i in range(a + 1, b)
                                  if i not in skip and _UNIT_ROW.match(lines[i].text.strip()) and _figures_below(lines, i)])
    if len(starts) < 2:
        return
    years: list[int] = []
    for k, i in enumerate(starts):
        if k == 0:  # the years of the columns: those between the header ("Fråga …", else the mention) and the question
            top = max((j for j in range(head, i) if lines[j].text.startswith("Fråga")), default=head)
            # each column's year, and its kind: the country's or the county's figure ("Genomsnitt i riket 2017") is a
            # comparison
            columns = _columns([ln.text for ln in lines[top:i] if len(ln.text) < 80])[-6:]
            years = [year for year, _kind, _label in columns]
        t = lines[i].text.strip()
        m = _QUESTION.match(t) or _UNIT_ROW.match(t)
        end = starts[k + 1] if k + 1 < len(starts) else min(len(lines), i + 2 + 2 * max(len(years), 2))
        cont = []  # the row's other cells: the short lines up to the next question or the first blank line
        for j in range(i + 1, end):
            if not lines[j].text.strip() and (not cont or _NUMBER.match(cont[-1]) or cont[-1] in ("-", "–")):
                below = next((_cell(lines[k].text) for k in range(j + 1, end) if lines[k].text.strip()), "")
                if _NUMBER.match(below) or below in ("-", "–") or not cont and _FIGURES_LINE.match(below):
                    continue  # the row's cells one a paragraph ("77" ⏎ ⏎ "79"), or on one line under its name
            if not lines[j].text.strip() or len(lines[j].text) >= 40 and not _FIGURES_LINE.match(lines[j].text.strip()):
                break
            cont.append(_cell(lines[j].text))
        rest = " ".join([t[m.end():]] + cont)
        figures: list[Optional[str]] = []  # (None: a cell left empty, "-")
        for token in reversed(rest.split()):
            if _RANGE_CELL.match(token):
                continue  # "86,4/61,3": the survey's best and worst, no column of the header's years
            if token in ("-", "–", "—") and (figures or rest.rstrip().endswith(token)):
                figures.insert(0, None)
                continue
            if not _NUMBER.match(token) or re.fullmatch(YEAR, token) and not figures:
                break
            figures.insert(0, token)
        if not any(figures):
            continue  # a question without figures is no measure ("Vilken verksamhet gäller det?" in a form)
        figures = figures[-len(years):] if years else [f for f in figures if f][-1:]
        if years and len(figures) == len(years):
            values = [_value(kind, f, y, label) for f, (y, kind, label) in zip(figures, columns) if f]
        else:
            values = [_value("actual", f, _last_year(years)) for f in [f for f in figures if f][-1:]]
        name = _UNIT_NOTE.sub("", m.group("q")).strip()  # ("Hur god är … (andel av maxpoäng, redovisas i %)?")
        start = lines[i].start + lines[i].text.index(name)
        out.add(name, (start, start + len(name)), i, values)


# a table's row that names its unit in brackets at its end ("Inskrivna barn per årsarbetare i förskolan (antal)"),
# its figures on the lines below
_UNIT_ROW = re.compile(r"^(?P<q>[A-ZÅÄÖ][^?.:]{10,200}?)\s*\((?:antal|tkr|kr|%|procent|andel[^()]{0,20}|dagar|år|"
                       r"timmar|st)\)\s*\*?$", re.I)


def _columns(header: list[str]) -> list[tuple[Optional[int], str, str]]:
    """(year, kind, label) of each column a header's lines name, in order: each year ("Hässleholm 2019", "Genomsnitt i
    riket 2017": a comparison), and a comparison named without one ("Medelvärde riket"), which is of the latest year."""
    out: list[tuple[Optional[int], str, str]] = []
    cells: list[str] = []
    for text in header:  # a cell wrapped over lines ("Genomsnitt" ⏎ "i riket 2017", "Medel" ⏎ "2017") is one
        if cells and (text.strip()[:1].islower()
                      or re.fullmatch(YEAR, text.strip()) and not re.search(rf"\b{YEAR}\b", cells[-1])):
            cells[-1] = f"{cells[-1]} {text.strip()}"
        else:
            cells.append(text.strip())
    for text in cells:
        # a line may hold several columns ("Mått Resultat 2011 Medelvärde 2011 Bästa/sämsta"): each year with the
        # words right before it is one, its kind read from those words
        start = 0
        for found in re.finditer(rf"\b({YEAR})\b", text):
            label = text[start:found.start()]
            kind = "comparison" if _COMPARISON_HEAD.search(label) else "actual"
            out.append((int(found.group(1)), kind, found.group(1)))
            start = found.end()
        if start == 0 and _COMPARISON_HEAD.search(text) and len(text.split()) <= 4:
            out.append((_last_year([y for y, _k, _l in out]), "comparison", text.strip()))
    return out


def _last_year(years: list[Optional[int]]) -> Optional[int]:
    return next((y for y in reversed(years) if y is not None), None)


def _figures_below(lines, i: int) -> bool:
    """The line is followed (blank lines between) by a line holding one figure, a row of a table one cell a line,
    or by a line of figures only ("74,6 77,4  86,4/61,3 74,1": the row's cells on the line under its name)."""
    for j in range(i + 1, min(len(lines), i + 4)):
        t = _cell(lines[j].text)
        if t:
            return bool(_NUMBER.match(t) or _FIGURES_LINE.match(t) or t in ("-", "–"))
    return False


# "92 (89)", "- (-)": a figure with the previous measurement's in brackets ("Siffrorna i parentes avser föregående
# mätning"): the cell is the first
_PREVIOUS_NOTE = re.compile(r"(?<=\S)\s+\((?:[-–]|-?\d+(?:[,.]\d+)?)\)$")


def _cell(text: str) -> str:
    t = text.strip()
    return _PREVIOUS_NOTE.sub("", t) if t.endswith(")") and len(t) < 20 else t


_UNIT_NOTE = re.compile(r"\s*\([^()]{2,80}\)\s*$")
_RANGE_CELL = re.compile(r"^-?\d+(?:[,.]\d+)?/-?\d+(?:[,.]\d+)?$")
_FIGURES_LINE = re.compile(r"^-?\d+(?:[,.]\d+)?(?:\s+(?:-?\d+(?:[,.]\d+)?(?:/-?\d+(?:[,.]\d+)?)?|-))+$")


def _header_top(lines, first: int) -> int:
    """The first line of the short lines right above a table's first row (its header; blank lines between), up to
    a line of running text."""
    top, shown = first, 0
    for j in range(first - 1, max(-1, first - 30), -1):
        t = lines[j].text.strip()
        if not t:
            continue
        if len(t) >= 80 or shown >= 12:
            break
        top, shown = j, shown + 1
    return top


# The survey's measures are national and asked as questions: in a text that names it, each of its questions is a
# measure even where its figures did not survive (an image's file name in their place, a transcript's run-on
# paragraph "Mått 1. Hur stor andel …? % Kommentar mått 1: …"); a question that asks for no quantity ("Hur står
# sig kommunen?", "Vad är KKiK?") is the page's own
_ASKED = re.compile(r"(?:^|(?<=[.:!?]\s)|(?<=\s\d\.\s)|(?<=\s\d\d\.\s)|(?<=^\d\.\s))"
                    r"(?P<q>(?:Hur|Vad|Vilken|I\s+hur)\s[^?\n]{10,220})\?")
_QUANTITY = re.compile(r"\b(?:andel\w*|antal\w*|många|lång|tid|kostar|kostnad\w*|nöjd\w*|procent|timmar|dagar|mycket|"
                       r"stor|index|väntetid\w*|öppet|betyg\w*)\b", re.I)


def _asked_measures(out: _Out, skip: set[int]) -> None:
    """Each quantity a survey's questions ask for, in a text that names the survey."""
    text = out.ctx.layout.text
    if "?" not in text or not _survey_words(text) or not _QUESTION_HEAD.search(text):
        return
    for i, ln in enumerate(out.ctx.layout.lines):
        if i in skip or "?" not in ln.text:
            continue
        for m in _ASKED.finditer(ln.text):
            if _QUANTITY.search(m.group("q")):
                out.add(m.group("q"), (ln.start + m.start("q"), ln.start + m.end("q")), i, [])


# The national citizen survey's indices open their own line, their result after them or on the next line:
# "Nöjd-Region-Index - Hur är … ?Resultat 52. Förra mätningen 51", "NMI" ⏎ "Resultat 50"
_SURVEY_INDEX = re.compile(r"^(?:[•▪-]\s*)?(?P<name>Nöjd[- ]?(?:Region|Medborgar|Inflytande|Kund)[- ]?[Ii]ndex|N[RMIK]I)\b")
_RESULT_FIGURE = re.compile(r"\bResultat(?:et)?\s*(?:blev|är|:)?\s*(?P<v>\d+(?:,\d+)?)\b")


def _survey_indices(out: _Out, skip: set[int]) -> None:
    lines = out.ctx.layout.lines
    for i, ln in enumerate(lines):
        if i in skip or not ln.text[:1] in "N•▪-":
            continue
        m = _SURVEY_INDEX.match(ln.text.strip())
        if not m:
            continue
        nxt = _nonblank(lines, i, 1)
        result = _RESULT_FIGURE.search(ln.text) or (nxt is not None and _RESULT_FIGURE.match(lines[nxt].text.strip()))
        if result:
            start = ln.start + ln.text.index(m.group("name"))
            out.add(m.group("name"), (start, start + len(m.group("name"))), i, [_value("actual", result.group("v"), None)])


# ------------------------------------------------------------------------------------------------ numbered status rows

_STATUS_CELL = (r"(?:ej\s+klart|inte\s+klart|klart|pågår|ej\s+påbörjat|påbörjat|delvis\s+uppfyllt|ej\s+uppfyllt|uppfyllt|"
                r"ej\s+genomfört|delvis\s+genomfört|genomfört|ja|nej|[✓✔x])")
_STATUS_HEAD_WORDS = ("Uppföljningsområde", "Indikator", "Mått", "Mätetal", "Nyckeltal", "Kontrollpunkt", "Delmål")
_STATUS_HEAD = re.compile(rf"\b(?:{'|'.join(_STATUS_HEAD_WORDS)})\s+(?=1\s)")
_STATUS_ROW = re.compile(rf"(?P<n>\d{{1,2}})\s+(?P<name>[A-ZÅÄÖ].{{2,200}}?)\s+(?P<cells>(?:{_STATUS_CELL}\s+){{1,}}{_STATUS_CELL})"
                         rf"(?=\s+\d{{1,2}}\s+[A-ZÅÄÖ]|\s+[A-ZÅÄÖ]|\s*$)", re.I)


def _status_rows(out: _Out, skip: set[int]) -> None:
    """A follow-up grid flattened into one line: a column word, then rows `1 <name> <status> <status> …` numbered
    from 1 (a status a period). The name is the indicator; a run that is not numbered 1, 2, 3 … is no grid."""
    lines = out.ctx.layout.lines
    for i, ln in enumerate(lines):
        t = ln.text
        if i in skip or len(t) < 40 or not any(w in t for w in _STATUS_HEAD_WORDS):
            continue
        head = _STATUS_HEAD.search(t)
        if not head:
            continue
        pos, expect, rows = head.end(), 1, []
        while True:
            m = _STATUS_ROW.match(t, pos)
            if not m or int(m.group("n")) != expect or m.group("name")[:1].islower():
                break
            rows.append(m)
            pos, expect = m.end(), expect + 1
            while pos < len(t) and t[pos] == " ":
                pos += 1
        if len(rows) < 2:
            continue
        cells = [list(re.finditer(_STATUS_CELL, m.group("cells"), re.I)) for m in rows]
        width = Counter(len(c) for c in cells).most_common(1)[0][0]  # every row has one cell a period
        for m, cs in zip(rows, cells):
            extra = len(cs) - width  # a name ending in a status word ("… genomfört") lent it to the cells
            end = m.start("cells") + cs[extra - 1].end() if extra > 0 else m.end("name")
            name = t[m.start("name"):end]
            start = ln.start + m.start("name")
            ind = out.add(name, (start, start + len(name)), i, [])
            if ind is not None:
                ind.status_raw = " ".join(c.group(0) for c in cs[max(extra, 0):])


def indicator_cards(ctx: Context) -> None:
    """Indicators from cards, coded scorecard runs, name-colon lines over labelled values, and KPI pages."""
    if not ctx.layout.lines:
        return
    skip = {li for bi in ctx.table_blocks if bi < len(ctx.blocks) for li in ctx.blocks[bi].lines}
    out = _Out(ctx)
    _cards(out, skip)
    _coded_rows(out, skip)
    _colon_values(out, skip)
    _kpi_page(out, skip)
    _status_rows(out, skip)
    _question_rows(out, skip)
    _asked_measures(out, skip)
    _survey_indices(out, skip)
