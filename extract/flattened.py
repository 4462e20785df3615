"""Styrkort tables flattened to text: the cells of a row run together on one line.

    Indikator Utfall 2014 Utfall 2015 Utfall 2016 Målvärde 2016      ← header (years here or on the next lines)
    Mål: Alla elever känner sig trygga i skolan                      ← a goal row: no values
    Andel elever som känner sig trygga-59 %58 %Minst 60 %            ← name, then the values glued on
    Nöjd medborgarindex71 72 Minst 75

A row's values are split off from the right by the value grammar (`numbers.CELL_VALUE`) and the header's column
count: of all ways to cut the tail into values, the one with the most values (at most one per column) whose
values agree in shape wins; they fill the columns from the right. Lines without values are goal or group rows
(kept as text for the goal rules, not indicators) or a name that goes on on the next line. A header with a text
column ("Mått Enhet Utfall 2018 …") takes the name from the line above and the unit from the start of the row.
Page furniture between rows (a page number, a running header laid out in columns) is skipped; a note line
(`tables.NOTE_LINE`), prose or a different header ends the table.

Two passes share one reader: `split_rows` cuts the blocks of such a region so that every header, row and goal
line is a block of its own (a hard-wrapping converter glues them into paragraphs), and `find_flattened_tables`
turns the region into a `RawTable` whose rows hold one cell per column.
"""

from __future__ import annotations

import math
import re
import weakref
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Optional

from plantrace.extract.blocks import BULLET, Block, join_wrapped, place_name
from plantrace.extract.layout import Layout
from plantrace.extract.numbers import CELL_VALUE, YEAR
from plantrace.extract.tables import (GOAL_ROW, NOTE_LINE, RawTable, block_text, find_title, page_furniture,
                                      paragraph_lines, states_goal)
from plantrace.extract.vocabulary import match_label, verb_first

_FIRST = re.compile(r"^(Indikator(?:er)?|Mätetal|Nyckeltal|Mått|Resultatmått|Målindikator(?:er)?|"
                    r"Prestations(?:tal|mått))\b\s*", re.I)
_KIND = (r"Utfall|Målvärde|Målsättning|Målnivå|Mål|Nuvärde|Jämförelsevärde|Jämförvärde|Jämförelse|Riket|Länet|"
         r"Utgångsläge|Basvärde|Trend|Status|Resultat|Medel|Snitt|Sämst|Bäst|Värde")
# goal columns before the measure's: "Målområde Mål - Fram till 2022 ska.. Indikator KF mål 2022"
_GOAL_WORDS = (r"Målområde|Fokusområde|Perspektiv|Strategiskt mål|Inriktningsmål|Nämndmål|Effektmål|Verksamhetsmål|"
               # whose goals, or which ("Kommunfullmäktiges mål", "KF:s mål", "Nämndens mål", "Strategiska mål")
               r"Resultatmål|Delmål|[A-ZÅÄÖ][\wåäö:]*(?:s|a|e)\s+mål|Mål|"

               # a scorecard's key factors between its perspective and its measures (a column, not goals)
               r"(?:Kritisk[a]?\s+)?[Ff]ramgångsfaktor(?:er)?")
_GOALS_THEN_MEASURE = rf"(?P<goals>(?:{_GOAL_WORDS})\b.{{0,80}}?)\s+(?P<measure>Indikator(?:er)?|Mått|Mätetal|Nyckeltal)"
_GOAL_FIRST = re.compile(rf"^{_GOALS_THEN_MEASURE}\s+(?P<rest>\S.*)$")  # a header line
_GOAL_FIRST_CELL = re.compile(rf"^{_GOALS_THEN_MEASURE}$")  # the first cell `parse_header` made of it
_GOAL_WORD = re.compile(rf"\b(?:{_GOAL_WORDS})\b")
# a column of words, not values: the unit between the name and the values ("Kostnad, kr/barn"), or the global
# goals a row serves ("Agenda 2030", drawn as icons, so empty in text)
_TEXT_COLUMN = r"Enhet|Måttenhet|Agenda\s+2030|Globala\s+mål(?:en)?"
_YEAR = rf"{YEAR}(?:-\d{{2}}-\d{{2}}|/\d{{2,4}})?"  # a year, a date or a split year ("2023/24")
_HEADER_TOKEN = re.compile(rf"\s*(?:(?P<kind>{_KIND})\b|(?P<text>{_TEXT_COLUMN})\b|(?P<year>{_YEAR})\b|"
                           r"(?P<unit>\(?(?:%|antal|andel|index)\)?))", re.I)
# every kind word holds one of these: a plain search of the lowercased line before the word-bounded one
_STEMS = re.compile("utfall|mål|nuvärde|jämför|riket|länet|utgångsläge|basvärde|trend|status|resultat|medel|snitt|"
                    "sämst|bäst")
_ANY_KIND = re.compile(rf"\b(?:{_KIND})\b", re.I)
_ANY_YEAR = re.compile(rf"\b{_YEAR}\b")
_YEARS_ONLY = re.compile(rf"^(?:{_YEAR}\s*)+$")
STRAY = "\x00"  # a short line laid out in columns (a running header with its page number): skipped inside a table
_WIDE_GAP = re.compile(r"\S {3,}\S")  # a line laid out by position: a running header or footer, not a row
MAX_ROW = 220  # a longer line is prose, and ends the table
MAX_VALUE = 24  # characters in one value


@dataclass
class Row:
    kind: str  # header | row | goal
    units: list[int]
    name: str = ""
    values: list[str] = field(default_factory=list)
    text_cell: str = ""  # the cell of a text column ("Enhet"), when the header has one


@dataclass
class Region:
    first_word: str
    columns: list[str]
    rows: list[Row] = field(default_factory=list)
    goal_columns: int = 0  # goal columns before the measure's name: a row's text then holds their cells too
    measure: str = ""  # the measure column's word when goal columns come first

    def __post_init__(self):
        m = _GOAL_FIRST_CELL.match(self.first_word)
        if m:
            self.goal_columns, self.measure = len(_GOAL_WORD.findall(m.group("goals"))), m.group("measure")


# ------------------------------------------------------------------------------------------------ header

# a key-figure overview's header: its title, then its years ("Fem år i sammandrag 2010 2011 2012 2013 2014")
_OVERVIEW_HEADER = re.compile(rf"^(?P<first>[A-ZÅÄÖ][^\d]{{2,40}}?\b(?:i\s+sammandrag|översikt|nyckeltal|i\s+korthet))"
                              rf"\s+(?P<years>(?:{_YEAR}\s*){{3,}})$", re.I)


def maybe_header(t: str) -> bool:
    """The cheap test before the parse: a short line with two kind words, a kind word and two years, or a
    first-column word at its start."""
    if len(t) >= 160:
        return False
    if _OVERVIEW_HEADER.match(t):
        return True
    if not _STEMS.search(t.lower()):
        return bool(_FIRST.match(t))
    kinds = len(_ANY_KIND.findall(t))
    return kinds >= 2 or (kinds == 1 and len(_ANY_YEAR.findall(t)) >= 2) or bool(_FIRST.match(t)) \
        or kinds == 1 and bool(_GOAL_FIRST.match(t))  # "Perspektiv … Mått Målvärde 2023": goal columns first


def parse_header(text: str) -> Optional[tuple[str, list[str], list[int]]]:
    """(first cell, column names, indices of columns still waiting for a year) when the line is a column header
    of value kinds and years, after an optional first cell ("Indikator", "Mål och indikatorer"), else None."""
    t = text.strip()
    overview = _OVERVIEW_HEADER.match(t)
    if overview:  # (outcomes of the years, no kind word)
        return overview.group("first"), *_pair(_tokens(overview.group("years")))
    g = _GOAL_FIRST.match(t)
    if g:
        words = g.group("rest").split()
        for skip in (0, 1, 2):  # a short qualifier before the value columns: "KF mål 2022"
            if skip and (len(words) <= skip or len(words[skip - 1]) > 5):
                break
            tokens = _tokens(" ".join(words[skip:]))
            if tokens and any(k == "k" for k, _ in tokens):
                return f"{g.group('goals')} {g.group('measure')}", *_pair(tokens)
        return None
    m = _FIRST.match(t)
    if m:
        first, tokens = m.group(1), _tokens(t[m.end():])
    else:
        first, tokens = "", _tokens(t)
        starts = [w.end() for w in re.finditer(r"\S+\s*", t)][:5]
        for p in starts if tokens is None else []:
            tokens = _tokens(t[p:])
            if tokens is not None:
                first = t[:p].strip()
                break
        if first and (re.search(r"\d|[:.;]$", first) or len(first) > 40 or sum(k == "k" for k, _ in tokens or []) < 2):
            return None
    if tokens is None:
        return None
    words = [v for k, v in tokens if k == "k"]
    if len(tokens) < 2 and not (m and words) or not (words or first) \
            or (not first and len(words) < 2 and len(tokens) < 3):
        return None  # ("Prestationstal Utfall" ⏎ "2015" ⏎ …: a measure's column and one kind, the rest wrapped below)
    if not first and len(words) == 1 and words[0].lower() == "mål":
        return None
    return first, *_pair(tokens)


def _tokens(rest: str) -> Optional[list[tuple[str, str]]]:
    """The header tokens ("k" kind word, "y" year) of a text made of nothing else, else None."""
    tokens: list[tuple[str, str]] = []
    pos = 0
    while pos < len(rest):
        tm = _HEADER_TOKEN.match(rest, pos)
        if not tm or tm.end() == pos:
            return None if rest[pos:].strip() else tokens
        if tm.group("kind"):
            tokens.append(("k", tm.group("kind")))
        elif tm.group("text"):
            tokens.append(("t", tm.group("text")))
        elif tm.group("year"):
            tokens.append(("y", tm.group("year")))
        pos = tm.end()
    return tokens if tokens else None


def _pair(tokens: list[tuple[str, str]]) -> tuple[list[str], list[int]]:
    """Kind words and years → columns: "Utfall 2014" written together, "Utfall Utfall Målvärde 2014 2015 2016"
    paired in order, a bare year a column of its own."""
    kinds = [v for t, v in tokens if t == "k"]
    years = [v for t, v in tokens if t == "y"]
    n_lead = next((i for i, (t, _) in enumerate(tokens) if t == "y"), len(tokens))
    if years and n_lead == len(kinds) and len(kinds) == len(years) and len(kinds) > 1:
        return [f"{k} {y}" for k, y in zip(kinds, years)], []
    cols: list[str] = []
    waiting: list[int] = []
    for t, v in tokens:
        if t == "y" and cols and not re.search(r"\d$", cols[-1]) and (len(cols) - 1) in waiting:
            cols[-1] = f"{cols[-1]} {v}"
            waiting.remove(len(cols) - 1)
        elif t in ("y", "t"):
            cols.append(v)
        else:
            cols.append(v)
            if not re.fullmatch(r"trend|status", v, re.I):
                waiting.append(len(cols) - 1)
    return cols, waiting


def _add_years(cols: list[str], waiting: list[int], text: str) -> bool:
    """A line of years under a header whose kind words had none: the years go to those columns in order."""
    years = re.findall(_YEAR, text)
    if not waiting or not _YEARS_ONLY.match(text.strip()) or len(years) > len(waiting):
        return False
    for j, y in zip(waiting[: len(years)], years):
        cols[j] = f"{cols[j]} {y}"
    del waiting[: len(years)]
    return True


_PLANNED = re.compile(r"\s*(?P<kind>Budget|Prognos)\b", re.I)  # a measure table's planned figures ("Budget 2017")


def _add_columns(cols: list[str], waiting: list[int], text: str, nxt: Optional[str], measured: bool) -> bool:
    """A header whose cells wrap one a line ("Prestationstal Utfall" ⏎ "2015" ⏎ "Utfall" ⏎ "2016" ⏎ "Budget" ⏎
    "2017"): a line of a kind word (a planned figure's too, under a measure's column) with its year on it or on
    the next line is one more column. (A kind word alone with no year below, "Resultat", is a group's name.)"""
    t = text.strip()
    if waiting or len(t) > 30:
        return False
    planned = _PLANNED.match(t) if measured else None
    rest = t[planned.end():] if planned else t
    tokens = _tokens(rest) if rest.strip() else []
    if tokens is None:
        return False
    kinds = ([planned.group("kind")] if planned else []) + [v for k, v in tokens if k == "k"]
    years = [v for k, v in tokens if k == "y"]
    if len(kinds) != 1 or len(years) > 1 or not years and not (nxt and _YEARS_ONLY.match(nxt.strip())
                                                               and len(re.findall(_YEAR, nxt)) == 1):
        return False
    cols.append(f"{kinds[0]} {years[0]}" if years else kinds[0])
    if not years:
        waiting.append(len(cols) - 1)
    return True


# ------------------------------------------------------------------------------------------------ rows

def _cut_points(s: str, inside_numbers: bool) -> list[tuple[int, bool]]:
    """Where a value may start, and whether that cuts a run of digits in two ("6269" → "62" "69"): only allowed
    when the row shows no other way of separating its cells."""
    out = []
    for p in range(max(1, len(s) - 6 * MAX_VALUE), len(s)):
        a, b = s[p - 1], s[p]
        if b.isspace() or b in "%)" or (a.isalpha() and b.isalpha() and not (a.islower() and b.isupper())):
            continue
        if b.islower() and a.isspace() and p >= 2 and s[p - 2].isalpha():
            continue  # "Delvis uppfyllt" is one value
        if a.isdigit() and b.isdigit():
            if inside_numbers:
                out.append((p, True))
            continue
        if a in ",." and b.isdigit() and p >= 2 and s[p - 2].isdigit():
            continue
        if p >= 2 and p + 1 < len(s) and "–" in (a, b) and s[p - 2 if a == "–" else p - 1].isdigit() \
                and s[p if a == "–" else p + 1].isdigit():
            continue  # "0–12" is a range, not two values
        out.append((p, False))
    return out


_SEPARATOR_SPACE = re.compile(r"\d%?\s+\d{1,2}(?!\d)")  # "71 72": cells that a space separates


def _shape(value: str) -> str:
    v = value.strip().lower()
    if "%" in v or "procent" in v:
        return "%"
    if re.fullmatch(r"[-−–+]?[\d\s,.]+", v):
        return "n"
    return "other"


def split_values(text: str, n_cols: int) -> tuple[str, list[str]]:
    """(name, values) of a flattened row: at most `n_cols` values cut from the right end."""
    s = text.rstrip()
    cuts = _cut_points(s, inside_numbers=not _SEPARATOR_SPACE.search(s))
    best: tuple[float, str, list[str]] = (float("-inf"), s, [])
    budget = [20000]  # segmentations tried, so a long run of digits cannot blow up

    def walk(end: int, values: list[str], inner: int) -> None:
        nonlocal best
        budget[0] -= 1
        name = s[:end].rstrip()
        if values and re.search(r"[^\W\d_]", name):
            score = _score(name, values, n_cols) - 5.0 * inner
            if score > best[0]:
                best = (score, name, list(values))
        if len(values) >= n_cols or budget[0] <= 0:
            return
        for p, cut_digits in reversed([c for c in cuts if c[0] < end and end - c[0] <= MAX_VALUE]):
            cell = s[p:end].strip()
            if cell and _is_value(cell):
                walk(p, [cell] + values, inner + cut_digits)

    walk(len(s), [], 0)
    return best[1], best[2]


@lru_cache(maxsize=4096)
def _is_value(cell: str) -> bool:
    return bool(CELL_VALUE.fullmatch(cell)) and not re.match(r"0\d", cell)


def _magnitude(value: str) -> Optional[float]:
    m = re.search(r"\d[\d\s]*(?:[,.]\d+)?", value)
    if not m:
        return None
    try:
        return math.log10(abs(float(re.sub(r"\s", "", m.group(0)).replace(",", "."))) + 1)
    except ValueError:
        return None


def _score(name: str, values: list[str], n_cols: int) -> float:
    score = -10.0 * (n_cols - len(values))
    shapes = {_shape(v) for v in values}
    if "%" in shapes and "n" in shapes:
        score -= 15  # a bare number among percentages is part of the name ("åk 9")
    if re.search(r"[^\W\d_]\d+$", name):
        score -= 8  # "fritidsgårdarna38": a value glued to the name was left behind
    elif re.search(r"\d$", name):
        score -= 3  # a name that ends in a number probably lost a value to it
    if name.endswith(("-", "–")):
        score -= 1
    decimals = {len(m.group(1)) for v in values if _shape(v) == "n" and (m := re.search(r"[,.](\d+)$", v.strip()))}
    if len(decimals) > 1:
        score -= 6  # "-0,3 1,0 -7,5": one indicator's values share their decimals
    sizes = [m for v in values if _shape(v) == "n" and (m := _magnitude(v)) is not None]
    if len(sizes) >= 2:
        score -= 4.0 * (max(sizes) - min(sizes))  # one indicator's values are of one size
    return score - 0.01 * sum(v.count(" ") for v in values)


_VALUE_NOTE = re.compile(r"(?<=\d)\*{1,3}(?=\s|$)")


def _goal_worded_title(title: str) -> bool:
    """A title worded as what to do ("Öka antalet arbetstillfällen …"), not as what the table holds: web exports of
    goal systems set each goal so over the table of its measures."""
    return verb_first(title) and len(title.split()) <= 15 and not title.rstrip().endswith((".", ":"))


def overview_title(first: str) -> bool:
    """A key-figure overview's title in its header's first cell ("Fem år i sammandrag"): its rows without figures
    name groups of figures, no goals."""
    return bool(_OVERVIEW_HEADER.match(f"{first} 2001 2002 2003"))


def _row_values(text: str, n_cols: int, longest: int = MAX_ROW) -> tuple[str, list[str]]:
    if len(text) > longest:
        return text, []
    text = _VALUE_NOTE.sub("", text)  # "21,33*": a figure's footnote mark is no part of it
    if CELL_VALUE.fullmatch(text.strip()) or all(CELL_VALUE.fullmatch(p) for p in re.split(r"\s{2,}", text.strip())):
        return "", [text.strip()]
    name, values = split_values(text, n_cols)
    tail = None if values else _NAME_TAIL.search(text)
    if tail and (len(tail.group(1).split()) > 10 or re.search(r"[.!?]\s", tail.group(1))
                 or tail.group(1).rstrip().endswith((".", "!", "?")) and len(tail.group(1).split()) >= 4):
        tail = None  # sentences after a figure are prose ("… är 812 miljoner kronor. Kostnaderna …"), not a name's rest
    if tail and tail.group(1).startswith(("år ", "år,", "åringar")) and _RANGE_END.search(text[:tail.start()]):
        return text, []  # an age group inside the name ("Invånare 0-19 år med …"), no values
    if tail:  # the wrapped rest of the name was set after the values: "Andel som har23 %18 % tillgång till …"
        name, values = split_values(text[:tail.start()], n_cols)
        if len(values) >= min(2, n_cols):  # one number inside a sentence ("Andel 5 år som …") is no row
            return join_wrapped([name, tail.group(1)]), values
        return text, []
    return name, values


_RANGE_END = re.compile(r"(?<![\d,.])\d{1,3}\s?[-–]\s?\d{1,3}$")
# lower-case words without digits ending a row, after something glued to a digit or a per cent sign
_NAME_TAIL = re.compile(r"(?<=[\d%])\s+([a-zåäö][^\d%]*(?:\(%\))?[^\d%]*)$")


# ------------------------------------------------------------------------------------------------ reader

def read_regions(texts: list[Optional[str]], starts: Optional[list[int]] = None) -> list[Region]:
    """Flattened tables in a sequence of texts (lines; None where no table can go on), trying a header only at
    `starts` when given (the lines a cheap test let through)."""
    regions: list[Region] = []
    n = len(texts)
    todo = sorted(starts) if starts is not None else list(range(n))
    k = 0
    while k < len(todo):
        i = todo[k]
        k += 1
        t = texts[i]
        head = parse_header(t) if t and t != STRAY and maybe_header(t) else None
        if head is None:
            continue
        first, cols, waiting = head
        region = Region(first_word=first, columns=cols, rows=[Row("header", [i])])
        j = i + 1
        wrapped = False  # header cells one a line: the rows below must bear that out
        while j < n and texts[j] is not None:
            if not _add_years(cols, waiting, texts[j]):
                if not _add_columns(cols, waiting, texts[j], texts[j + 1] if j + 1 < n else None,
                                    bool(_FIRST.match(first))):
                    break
                wrapped = True
            region.rows[0].units.append(j)
            j += 1
        j = _read_rows(texts, j, region)
        rows = [r for r in region.rows if r.kind == "row"]
        if wrapped and 5 * sum(len(r.values) >= max(1, len(cols) - 1) for r in rows) < 4 * len(rows):
            continue  # (rows lack values for the columns: cells wrapped by a layout, left to the other readers)
        if rows and len(cols) >= 1:
            regions.append(region)
            while k < len(todo) and todo[k] < j:
                k += 1
    return regions


def _read_rows(texts: list[Optional[str]], j: int, region: Region) -> int:
    n = len(texts)
    text_column = any(re.fullmatch(_TEXT_COLUMN, c, re.I) for c in region.columns)
    n_cols = len(region.columns) - text_column
    longest = MAX_ROW * (1 + region.goal_columns)  # rows that hold their goal's cells too are longer
    pending: Optional[Row] = None  # a valueless line: a goal/group row, or a name that goes on below
    quiet = 0  # valueless lines in a row: three of them are prose, not the table
    while j < n:
        if texts[j] is None:
            break
        if texts[j] == STRAY or (len(texts[j]) < 60 and _WIDE_GAP.search(texts[j])):
            if any(r.kind == "row" for r in region.rows) and _resumes(texts, j + 1, region):
                j += 1  # page furniture (a running header, a page number) between two rows
                continue
            break
        t = texts[j].strip()
        again = parse_header(t) if maybe_header(t) else None
        if again is not None:
            if not _same_columns(again[1], region.columns):
                break  # another table starts
            region.rows.append(Row("header", [j]))  # the header repeated after a page break or a new goal
            pending, quiet = None, 0
            j += 1
            while j < n and texts[j] is not None and _YEARS_ONLY.match(texts[j].strip()):
                region.rows[-1].units.append(j)
                j += 1
            continue
        if NOTE_LINE.match(t) or len(t) > longest:
            break
        last = region.rows[-1]
        follows = last.units[-1] == j - 1
        if not t[:1].isupper() and follows and last.kind == "goal" and pending is None \
                and not last.name.rstrip().endswith((".", ":", "!", "?")) and not _row_values(t, n_cols)[1]:
            last.name = join_wrapped([last.name, t])  # a goal row wrapped onto the next line
            last.units.append(j)
            j += 1
            continue
        if not t[:1].isupper() and follows and last.kind == "row" and pending is None and len(t) < 80 \
                and not BULLET.match(t) and not _row_values(t, n_cols)[1]:
            last.name = join_wrapped([last.name, t])  # the name went on under its values
            last.units.append(j)
            j += 1
            continue
        if not t[:1].isupper() and pending is not None and follows:
            name, values = _row_values(t, n_cols)
            if text_column and values and name:
                # "Mått | Enhet | …": a unit in lower case ("kr/elev") heads the line of values, not more name
                pending.kind, pending.text_cell, pending.values = "row", name, values
                pending.units.append(j)
                pending, quiet = None, 0
                j += 1
                continue
            pending.name = join_wrapped([pending.name, name or t])
            pending.units.append(j)
            if values and name:
                pending.kind, pending.values = "row", values
                pending, quiet = None, 0
            j += 1
            continue
        goal = bool(GOAL_ROW.match(t) or _goal_label_alone(t))  # ("Mål 2" ⏎ "<goal>": no value 2)
        name, values = (t, []) if goal else _row_values(t, n_cols, longest)
        if goal and region.goal_columns:  # the goal's own cell may open a row with values
            name, values = _row_values(t, n_cols, longest)
            goal = not values
        if values and not name:
            if last.kind == "row" and follows and len(last.values) + len(values) <= n_cols:
                last.values += values  # the row's last values wrapped onto a line of their own
                last.units.append(j)
                j += 1
                continue
            if _resumes(texts, j + 1, region):
                j += 1  # a lone page number between two rows
                continue
            break
        if values and text_column and pending is not None and follows:
            # "Mått | Enhet | Utfall …": the name on a line of its own, then its unit with the values
            pending.kind, pending.text_cell, pending.values = "row", name, values
            pending.units.append(j)
            pending, quiet = None, 0
            j += 1
            continue
        if values:
            region.rows.append(Row("row", [j], name, values))
            pending, quiet = None, 0
            j += 1
            continue
        quiet += 1
        if quiet >= 3:
            break
        pending = Row("goal", [j], t)
        region.rows.append(pending)
        if goal or t.endswith("."):
            pending = None  # a goal or a sentence: never the first line of a name
        j += 1
    while region.rows and region.rows[-1].kind == "goal":
        region.rows.pop()  # lines after the last row belong to the text that follows
    _drop_repeated_tail(region, texts)
    return _last_unit(region) + 1


def _drop_repeated_tail(region: Region, texts: list[Optional[str]]) -> None:
    """"Nyföretagande 21 20 open" ⏎ … ⏎ "Svenskt Näringslivs ranking 21 100 open": one word after the values on
    several rows is a column the header does not name (a link, a mark), not the rest of each name."""
    tails: dict[str, list[Row]] = {}
    for row in region.rows:
        if row.kind == "row" and len(row.units) == 1 and (m := _ONE_WORD_TAIL.search(texts[row.units[0]] or "")) \
                and row.name.endswith(" " + m.group(1)):
            tails.setdefault(m.group(1), []).append(row)
    for word, rows in tails.items():
        if len(rows) >= 2:
            for row in rows:
                row.name = row.name[: -len(word) - 1].rstrip()


_ONE_WORD_TAIL = re.compile(r"[\d%]\s+([a-zåäö]+)\s*$")


def _goal_label_alone(text: str) -> bool:
    """"Mål 2", "Nämndmål 1.3": a goal label and its number, the goal's wording on the next line."""
    label = match_label(text) if text[:1].isalpha() and text[-1:].isdigit() else None
    return label is not None and label.kind == "goal" and label.number is not None and not label.text


def _same_columns(a: list[str], b: list[str]) -> bool:
    return [c.split()[0].lower() for c in a] == [c.split()[0].lower() for c in b]


def _resumes(texts: list[Optional[str]], j: int, region: Region) -> bool:
    """The table goes on at j (perhaps after one more stray line): a row with values, a goal row, or the header."""
    for k in (j, j + 1):
        t = texts[k].strip() if k < len(texts) and texts[k] and texts[k] != STRAY else None
        if not t:
            continue
        head = parse_header(t) if len(t) < 160 else None
        if head is not None:
            return _same_columns(head[1], region.columns)
        if GOAL_ROW.match(t):
            return True
        name, values = _row_values(t, len(region.columns))
        if name and values:
            return True
    return False


def _last_unit(region: Region) -> int:
    return max(u for r in region.rows for u in r.units)


# ------------------------------------------------------------------------------------------------ pass 1

def _row_header(b: Block) -> Optional[str]:
    """A header that a converter laid out in columns (a tab row) may still head flattened rows."""
    if b.kind != "row":
        return None
    text = block_text(b)
    return text if maybe_header(text) and parse_header(text) is not None else None


_VALUE_END = re.compile(r"\s-?\d[\d\s]*(?:[,.]\d+)?\s*%?$")


def ends_in_value(text: str) -> bool:
    """A numbered line that holds its values at its end ("1.1 Ekonomiskt resultat … (%) 1 1,4"): a table's row."""
    return bool(_VALUE_END.search(text.strip()))


_ROW_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2}){0,3}\.?\s+(?=\S)")


def _units(layout: Layout, blocks: list[Block], candidates: set[int]) -> tuple[list[Optional[str]], list[tuple[int, int]]]:
    """The lines the reader walks (None where no table can go on) and, per line, (block index, line index)."""
    units: list[Optional[str]] = []
    owner: list[tuple[int, int]] = []
    for text, bi, li in paragraph_lines(blocks, layout):
        if text is None:  # a block of another kind: a header laid out in columns, page furniture, or an end
            b = blocks[bi]
            head = _row_header(b) if li in candidates else None
            text = head if head is not None else STRAY if b.kind == "row" and len(b.text) < 40 else None
            if text is None and b.kind in ("item", "heading") and b.number and len(b.lines) == 1:
                line = layout.lines[li].text.strip()  # a numbered row: "1.1 Ekonomiskt resultat … (%) 1 1,4"
                text = line if ends_in_value(line) else None
        elif len(blocks[bi].lines) == 1 and page_furniture(blocks[bi]):
            text = STRAY  # a running footer whose gap a PDF's line lost ("Styrkort 2023 2"), no row
        units.append(text)
        owner.append((bi, li))
    return units, owner


# The regions of the last layout read, by line: `split_rows` only re-cuts blocks, so the table step finds the
# same regions and needs only the new block of each line (one entry, held weakly: nothing outlives a document).
_last: Optional[tuple[weakref.ref, list[Region], list[int]]] = None


def _regions(layout: Layout, blocks: list[Block]) -> tuple[list[Region], list[tuple[int, int]]]:
    global _last
    memo = _last
    if memo is not None and memo[0]() is layout:
        line_block = {li: bi for bi, b in enumerate(blocks) for li in b.lines}
        return memo[1], [(line_block[li], li) for li in memo[2]]
    candidates = {li for li, line in enumerate(layout.lines) if line.text and maybe_header(line.text)}
    regions, owner = [], []
    if candidates:
        units, owner = _units(layout, blocks, candidates)
        regions = read_regions(units, [u for u, (_, li) in enumerate(owner) if li in candidates])
    _last = (weakref.ref(layout), regions, [li for _, li in owner])
    return regions, owner


def split_rows(layout: Layout, blocks: list[Block]) -> list[Block]:
    """Blocks re-cut so that every header, row and goal line of a flattened table is a block of its own."""
    regions, owner = _regions(layout, blocks)
    if not regions:
        return blocks
    line_block = {li: bi for bi, b in enumerate(blocks) for li in b.lines}
    pieces: list[list[int]] = []
    taken: set[int] = set()
    for region in regions:
        for row in region.rows:
            lines = [owner[u][1] for u in row.units]
            pieces.append(lines)
            taken.update(lines)
    touched = {line_block[li] for li in taken}
    for bi in touched:
        run: list[int] = []
        for li in blocks[bi].lines + [-1]:
            if li in taken or li == -1:
                if run:
                    pieces.append(run)
                run = []
            else:
                run.append(li)
    out = [b for bi, b in enumerate(blocks) if bi not in touched]
    out += [_sub_block(layout, blocks[line_block[p[0]]], p) for p in pieces]
    out.sort(key=lambda b: b.lines[0])
    return out


def _sub_block(layout: Layout, b: Block, lines: list[int]) -> Block:
    if lines == b.lines:
        return b
    ls = [layout.lines[i] for i in lines]
    text = join_wrapped([l.text for l in ls])
    kind = b.kind if lines[0] == b.lines[0] else "para"
    if b.kind == "bullet" and lines[0] == b.lines[0]:
        text = re.sub(r"^\s*(?:[•\u2022\u25aa\u25cf\u25e6\-–\*]|\uf0b7)\s+", "", text)
    boxes = [l.bbox for l in ls if l.bbox]
    bbox = (min(x[0] for x in boxes), min(x[1] for x in boxes), max(x[2] for x in boxes), max(x[3] for x in boxes)) if boxes else None
    return replace(b, kind=kind, text=text, lines=list(lines), start=ls[0].start, end=ls[-1].end, page=ls[0].page,
                   bbox=bbox, cells=[])


# ------------------------------------------------------------------------------------------------ pass 2

def _cells(columns: list[str], row: Row) -> list[str]:
    """One cell per column: the text column gets its words, the value columns the values from the right."""
    value_cols = [j for j, c in enumerate(columns) if not re.fullmatch(_TEXT_COLUMN, c, re.I)]
    values = row.values[-len(value_cols):] if value_cols else []
    cells = [""] * len(columns)
    for j, v in zip(value_cols[len(value_cols) - len(values):], values):
        cells[j] = v
    for j in range(len(columns)):
        if j not in value_cols:
            cells[j] = row.text_cell
    return cells


_CELL_START = re.compile(r"^[A-ZÅÄÖ][a-zåäö]{2,}")  # a capitalised word (not "AB", "NKI", "(Insikt)")
NAME_BEFORE = re.compile(r"^(?:i|av|för|till|på|med|och|om|från|vid|enl\.?|enligt|inom|hos|mot|samt|eller)$", re.I)


def split_run_cells(text: str, n: int) -> list[str]:
    """The cells of a row whose text cells ran together ("<area> <goal> <indicator>"): a cell starts where a
    capitalised word follows a word ending in a small letter, a full stop or a bracket, not after a preposition,
    not inside brackets and not a place name
    ("i Burlövs kommun"). The last cell is the measure's; a first cell of a few words is the area when the
    header has one. At most `n` cells, right-aligned to the columns."""
    words = text.split(" ")
    depth = [0]  # parentheses open before each word: "(Allmänna Bestämmelser)" is inside one cell
    for w in words[:-1]:
        depth.append(max(0, depth[-1] + w.count("(") - w.count(")")))
    starts = [k for k in range(1, len(words)) if _CELL_START.match(words[k]) and (words[k - 1][-1:].islower() or words[k - 1][-1:] in ".)")
              and not depth[k] and not NAME_BEFORE.match(words[k - 1]) and not place_name(words[k])]
    if n <= 1 or not starts:
        return [text]
    cuts = [starts[-1]]
    # the goal's cell opens after the area's few words; a capitalised word right before another ("Ett lärande Åby
    # Eleverna ska …") is a name that ends the area, the next one opens the goal
    early = [k for k in starts[:-1] if k <= 4 and k + 1 not in starts]
    if n >= 3 and early:
        cuts.insert(0, early[0])
    bounds = [0] + cuts + [len(words)]
    return [" ".join(words[a:b]) for a, b in zip(bounds, bounds[1:])]


def find_flattened_tables(blocks: list[Block], layout: Layout) -> list[RawTable]:
    """One indicator table per region; goal rows name the rows under them (`row_groups`) but stay out of the
    table's blocks, so the goal rules and the role classifier still read them as text."""
    regions, owner = _regions(layout, blocks)
    tables = []
    for region in regions:
        header = [region.measure or region.first_word or "Indikator"] + region.columns
        first = owner[region.rows[0].units[0]][0]
        written = [region.first_word or "Indikator"] + region.columns  # the goal columns' words stay here
        table = RawTable(title=None, title_block=None, header_rows=[written], header=header, kind="indicator")
        table.title, table.title_block = find_title(blocks, first)
        if table.title_block is not None and (GOAL_ROW.match(table.title or "") or states_goal(blocks, table.title_block)):
            table.title, table.title_block = None, None  # a goal line over the header is the first goal row
        elif table.title_block is not None and _goal_worded_title(table.title or ""):
            table.title_block = None  # "Öka antalet …" over "Mått Utfall Målvärde": the goal, read by the walk
        table.blocks = [table.title_block] if table.title_block is not None else []
        group: Optional[str] = None
        area: Optional[str] = None
        for row in region.rows:
            bis = sorted({owner[u][0] for u in row.units})  # split_rows made every row one block
            if row.kind == "header":
                table.blocks.extend(bis)
            elif row.kind == "goal":
                group = row.name
            else:
                name = row.name
                if region.goal_columns:
                    cells = split_run_cells(name, region.goal_columns + 1)
                    name = cells[-1]
                    if len(cells) >= 2:
                        group = cells[-2]  # the goal's cell: it names this row and the rows under it
                    if len(cells) >= 3:
                        area = cells[0]
                    table.row_areas.append(area)
                table.rows.append([_ROW_NUMBER.sub("", name)] + _cells(region.columns, row))
                table.row_blocks.append(bis[0])
                table.row_groups.append(group)
                table.breakdowns.append([])
                table.blocks.extend(bis)
        tables.append(table)
    return tables
