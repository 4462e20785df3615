"""Indicator tables whose cells a PDF-to-text conversion scattered over lines.

    Indikator  Utfall          ← header words and years on separate lines
    2020
    Målvärde
    2021
    Orosanmälningar            ← a name over several lines, then its values
    barn, 1–6 år
     Uppdateras
    1. Tid till insats (1)
    UPPD / ATER / AS           ← a value broken into fragments on very short lines

The header is rebuilt from its words and years, rows from name blocks followed by value blocks; a header
repeated after a page break is skipped and a name that goes on after it is joined to its row. A word broken
over very short lines is rejoined when the pieces spell a value word or are all capitals; the table ends at a
note line (`tables.NOTE_LINE`)."""

from __future__ import annotations

import re
from typing import Optional

from plantrace.extract.blocks import Block
from plantrace.extract.numbers import VALUE_WORDS, YEAR, is_cell_value
from plantrace.extract.tables import (ACTION_COLUMNS, CONTROL_COLUMNS, FINITE, GOAL_ROW, NOTE_LINE, RawTable, column_roles,
                                      page_furniture, paragraph_lines, running_header_text)

# the first column's header word: a measure's, or "Titel" as statistics exports (Kolada, KKiK tables) name it
_START = re.compile(r"^(Indikator|Indikatorer|Mått|Nyckeltal|Mätetal|Titel)\b\s*(.*)$", re.I)
_KIND_WORDS = (r"Utfall|Målvärde|Målsättning|Målnivå|Mål|Nuvärde|Jämförelsevärde|Jämförvärde|Jämförelse|Utgångsläge|Basvärde|"
               r"Riket|Länet|Senaste år|Alla kommuner|Trend|Status")
_TOKEN = re.compile(rf"\b({_KIND_WORDS})\b(?:\s+({YEAR}))?", re.I)
_HEADER_PART = re.compile(rf"^(?:(?:{_KIND_WORDS})(?:\s+{YEAR})?|{YEAR})$", re.I)
_YEAR_THEN_TEXT = re.compile(rf"^({YEAR})\s+(\S.*)$")
# (a tax rate in kronor and öre, "22:64", is a value too)
_VALUE = re.compile(r"^(uppdateras|data saknas|saknas|ej aktuellt|-+|–|—|ja|nej|delvis|öka|minska|\d{1,2}:\d{2}|[<>≤≥]?\s*-?\d[\d\s]*(?:[,.]\d+)?\s*%?(?:\s*(?:st|dagar|dygn|kr|mnkr|tim(?:/v(?:ecka)?)?|tim/vecka|min))?)$", re.I)
_TRAILING_VALUE = re.compile(r"^(.*?\S)\s+(Uppdateras|-?\d[\d ]*(?:[,.]\d+)?\s*%|[-–—]{1,2}|"
                             r"(?:Minst|Högst|Max|Lägst)\s+\d[\d ]*(?:[,.]\d+)?(?:\s*%)?|(?<=\)\s)-?\d[\d ]*(?:[,.]\d+)?)$", re.I)
_PAGE_LINE = re.compile(r"^\d{1,3}$|^sida\s+\d+|\d{1,3}\s*\(\d{1,3}\)$|\S {3,}\d{1,3}$", re.I)
_FRAGMENT = re.compile(r"^[A-Za-zÅÄÖåäö]{1,8}$")  # a piece of a word on a line of its own


def _header_tail(blocks: list[Block], j: int, parts: list[str]) -> tuple[int, Optional[str]]:
    """Collect header parts after the start line; return the next block index and text glued to the last year."""
    n = len(blocks)
    while j < n and blocks[j].kind in ("para", "heading", "item"):
        t = blocks[j].text.strip()
        if _HEADER_PART.match(t):
            parts.append(t)
            j += 1
            continue
        m = _YEAR_THEN_TEXT.match(t)
        if m and m.group(2)[:1].islower():
            parts.append(m.group(1))
            return j + 1, m.group(2)
        break
    return j, None


def _block_text(b: Block) -> str:
    if b.kind in ("heading", "item") and b.number:
        return f"{b.number}. {b.text}" if b.dotted else f"{b.number} {b.text}"
    return b.text.strip()


def find_scattered_tables(blocks: list[Block], layout=None) -> list[RawTable]:
    """With the layout, a block's first line is also read as written: "1) …" is a footnote, "1. …" a row."""
    tables: list[RawTable] = []
    n = len(blocks)
    i = 0
    while i < n:
        b = blocks[i]
        t = b.text.strip()
        m = _START.match(t) if b.kind == "para" and len(b.text) < 80 else None
        if m:
            first, inline = m.group(1)[:1].upper() + m.group(1)[1:].lower(), m.group(2)
        elif _year_run(blocks, i + 1) >= 3 and b.kind in ("para", "heading") and len(t) < 60 \
                and not re.search(r"\d|[.:]$", t):
            # a key-figure overview: any first-column name over three or more years one a line ("Kommunen" ⏎
            # "2021" ⏎ "2020" ⏎ "2019"), outcomes per year
            first, inline = t, ""
        elif b.kind == "para" and len(t) < 80 and not _is_value(t) and i + 2 < n and len(_years_line(blocks[i + 1].text)) >= 3 \
                and _is_value_block(blocks, i + 2):
            # the years of an overview's header set after its first row's name ("Folkmängd, den 31/12" ⏎ "2014
            # 2013201220112010" ⏎ <figures>), the overview's title above: the title is the first column's
            above = blocks[i - 1].text.strip() if i else ""
            first = above if above and len(above) < 60 and not re.search(r"\d", above) else "Mått"
            header = [first] + [str(y) for y in _years_line(blocks[i + 1].text)]
            table = RawTable(title=None, title_block=None, header_rows=[header], header=header)
            table.blocks = [i + 1]
            table.kind = "indicator"
            j = _rows(blocks, i, table, None, layout)
            if table.rows:
                tables.append(table)
            i = max(j, i + 1)
            continue
        elif b.kind in ("para", "heading") and len(t) < 80 and _GLUED_YEAR.search(t) and _year_run(blocks, i + 1) >= 2:
            # … its first year glued to the line before in a page's transcript ("Varifrån kommer pengarna?2010")
            first, inline = t[:-4].strip(), t[-4:]
        elif b.kind == "para" and len(t) < 40 and _PLACE_YEAR.match(t) and (cells := _compared_columns(blocks, i)):
            # a comparison a cell a line: "<perspective>" ⏎ "Åby 2010" ⏎ "Genomsnitt" ⏎ "Bäst" ⏎ <name> ⏎ <figures>
            above = blocks[i - 1].text.strip() if i and blocks[i - 1].kind in ("para", "heading") else ""
            first = above if above and len(above) < 40 and not re.search(r"\d|[.:]$", above) else "Mått"
            header = [first] + [_block_text(blocks[k]).strip('"”') for k in range(i, i + cells)]
            table = RawTable(title=None, title_block=None, header_rows=[header], header=header)
            table.blocks = list(range(i - (first != "Mått"), i + cells))
            table.kind = "indicator"
            j = _rows(blocks, i + cells, table, None, layout)
            if table.rows:
                tables.append(table)
            i = max(j, i + 1)
            continue
        else:
            i += 1
            continue
        if i > 0 and blocks[i - 1].kind == "para" and _GOAL_HEAD.match(blocks[i - 1].text.strip()):
            i += 1  # "Delmål | Mätetal | Utfall": a goal column first, read by `find_column_cell_tables`
            continue
        parts = [inline] if inline else []
        j, carry = _header_tail(blocks, i + 1, parts)
        header_text = " ".join(parts)
        tokens = _TOKEN.findall(header_text)
        # years can sit on their own lines after their words: pair them up in order
        lone = len(parts) == 1 and not inline and _is_value_block(blocks, j + 1)  # "Indikator" / "Mål" / name / value
        years_only = len(parts) >= 3 and all(re.fullmatch(YEAR, p) for p in parts)  # a key-figure overview
        if not (tokens or years_only) or (len(parts) < 2 and not lone):
            i += 1
            continue
        header = [first] + _pair(parts)
        table = RawTable(title=None, title_block=None, header_rows=[header], header=header)
        table.blocks = list(range(i, j))
        table.kind = "indicator"
        j = _rows(blocks, j, table, carry, layout)
        if table.rows:
            tables.append(table)
        i = max(j, i + 1)
    return tables


_GLUED_YEAR = re.compile(rf"[^\s\d]{YEAR}$")
_GLUED_RATES = re.compile(r"(?:\d{1,2}:\d{2}\s*){2,}")


def _years_line(text: str) -> list[int]:
    """The years of a line that holds nothing else, run together or not ("2014 2013201220112010"), in a row
    (one apart, rising or falling); [] otherwise."""
    t = text.strip()
    if not re.fullmatch(r"(?:(?:19|20)\d{2}\s*)+", t):
        return []
    years = [int(y) for y in re.findall(r"(?:19|20)\d{2}", t)]
    steps = {b - a for a, b in zip(years, years[1:])}
    return years if steps in ({1}, {-1}) else []
_PLACE_YEAR = re.compile(rf"^[A-ZÅÄÖ][\wåäö-]+(?:\s+(?:kommun|stad))?\s+{YEAR}$")
_COMPARED = re.compile(r"^[\"”]?(?:genomsnitt\w*|medel\w*|snitt|riket|länet|bäst|sämst|alla kommuner|"
                       r"jämförbara kommuner|liknande kommuner|kommungrupp\w*)(?:\s+[\wåäö]+){0,3}[\"”]?$", re.I)


def _compared_columns(blocks: list[Block], i: int) -> int:
    """How many header cells from block i on: the place's year, then two or more comparisons ("Genomsnitt", "Bäst",
    "Riket 2022"), each a short block of its own; 0 when fewer comparisons follow."""
    k = i + 1
    while k < len(blocks) and k - i <= 6 and blocks[k].kind == "para" and len(blocks[k].text) < 40 \
            and (_COMPARED.match(blocks[k].text.strip()) or _PLACE_YEAR.match(blocks[k].text.strip())):
        k += 1
    return k - i if k - i >= 3 and _is_value_block(blocks, k + 1) else 0


def _year_run(blocks: list[Block], j: int) -> int:
    """How many blocks from j on are a lone year each."""
    n = 0
    while j + n < len(blocks) and blocks[j + n].kind == "para" and re.fullmatch(YEAR, blocks[j + n].text.strip()):
        n += 1
    return n


def _is_value_block(blocks: list[Block], j: int) -> bool:
    """Block j holds a value ("Minst 90 %", "8", "Uppdateras")."""
    return j < len(blocks) and blocks[j].kind == "para" and _is_value(blocks[j].text.strip())


def _is_value(t: str) -> bool:
    """A whole text that is a value: the cell grammar (`numbers.CELL_VALUE`) or a looser figure ("12 345 678")."""
    return bool(_VALUE.match(t) or is_cell_value(t))


_CELL = re.compile(rf"\b(?:{_KIND_WORDS})\b|{YEAR}|\S+", re.I)


def _pair(parts: list[str]) -> list[str]:
    """Header cells from its words: a kind word of several words ("Senaste år") is one cell, a year goes to the
    word before it ("Utfall" "2020") unless that word has its year already."""
    cells: list[str] = []
    for p in _CELL.findall(" ".join(parts)):
        if re.fullmatch(YEAR, p) and cells and not re.search(r"\d{4}$", cells[-1]):
            cells[-1] = f"{cells[-1]} {p}"
        else:
            cells.append(p)
    return cells


def _rows(blocks: list[Block], j: int, table: RawTable, carry: Optional[str], layout=None) -> int:
    n = len(blocks)
    width = len(table.header)
    name_parts: list[str] = []
    values: list[str] = []
    first_block: Optional[int] = None

    group: Optional[str] = None

    def flush():
        nonlocal name_parts, values, first_block
        name = " ".join(name_parts)
        if name_parts and (values or not name.isupper()):  # a name in capitals without values is a running header
            row = [name] + values[: width - 1]
            row += [""] * (width - len(row))
            table.add_row(row, first_block, group)
        name_parts, values, first_block = [], [], None

    while j < n:
        b = blocks[j]
        t = _block_text(b)
        if b.kind in ("row", "toc") or (b.kind == "heading" and not b.dotted) or len(t) > 160:
            break
        written = layout.lines[b.lines[0]].text.strip() if layout is not None else t
        prose = t.endswith(".") and FINITE.search(t) and not name_parts and not _is_value_block(blocks, j + 1)
        if NOTE_LINE.match(t) or NOTE_LINE.match(written) or prose:
            break  # a note under the table, or the prose after it
        if page_furniture(b) and not is_cell_value(t) and (name_parts or not _is_value_block(blocks, j + 1)):
            j += 1  # a page number or running footer between the rows (a name its figures follow is a row's:
            continue  # "Folkmängd, den 31/12")
        if not _is_value(t) and _year_run(blocks, j + 1) >= 3:
            if not values:
                name_parts = []  # headings over the next overview, not a row of this one
            break  # the next overview's header: its first-column name over its years
        if GOAL_ROW.match(t) and not _START.match(t):
            flush()
            group = t  # a goal between the rows names the rows below it
            j += 1
            continue
        m = _START.match(t)
        if m and len(t) < 80:
            parts = [m.group(2)] if m.group(2) else []
            k, glued = _header_tail(blocks, j + 1, parts)
            if k > j + 1:  # the header again after a page break
                table.blocks.extend(range(j, k))
                j = k
                nxt = glued or (_block_text(blocks[k]) if k < n else "")
                if name_parts and not values and not nxt[:1].islower():
                    name_parts, first_block = [], None  # text between the pages, not the start of a name
                if glued:
                    _continue_name(table, name_parts, glued)
                continue
        table.blocks.append(j)
        if _years_line(t) and _years_line(t) == [int(re.search(YEAR, h).group()) for h in table.header[1:]
                                                   if re.search(YEAR, h)]:
            j += 1  # the header's years set after the first row's name (or again): no cell of the row
            continue
        glued = _GLUED_RATES.match(t)
        if glued:  # "32:68 32:6832:6832:43": tax rates in kronor and öre that the transcript ran together
            values.extend(re.findall(r"\d{1,2}:\d{2}", glued.group(0)))
            rest = t[glued.end():].strip()
            if rest:  # … and the next row's name after them ("… 32:43 varav kommunen")
                flush()
                first_block = j
                name_parts.append(rest)
            j += 1
            continue
        pieces = _fragments(blocks, j)
        if pieces:
            values.append(pieces[0])
            table.blocks.extend(range(j + 1, j + pieces[1]))
            j += pieces[1]
            continue
        if _is_value(t):
            values.append(t)
            j += 1
            continue
        mv = _TRAILING_VALUE.match(t)
        if mv:
            if values or name_parts:
                flush()
            name_parts.append(mv.group(1))
            if first_block is None:
                first_block = j
            values.append(mv.group(2))
            j += 1
            continue
        if carry is not None:
            _continue_name(table, name_parts, carry)
            carry = None
        if values or not name_parts:
            if t[:1].islower() and not name_parts and table.rows:
                _continue_name(table, name_parts, t)
                j += 1
                continue
            flush()
            first_block = j
        name_parts.append(t)
        j += 1
    if j >= n and name_parts and not values and any(any(c.strip() for c in r[1:]) for r in table.rows):
        name_parts = []  # the document ends on a name whose value cells never came: cut off, not a row
    flush()
    return j


def _fragments(blocks: list[Block], j: int) -> Optional[tuple[str, int]]:
    """(word, number of blocks) when blocks j, j+1, … hold one word broken over very short lines ("UPPD" "ATER"
    "AS", "Uppda teras"): rejoined when the pieces spell a value word, or when they are all capitals."""
    pieces: list[list[str]] = []  # per block, its pieces
    k = j
    while k < len(blocks) and k < j + 5 and blocks[k].kind == "para":
        parts = blocks[k].text.split()
        if not parts or len(parts) > 3 or not all(_FRAGMENT.match(p) for p in parts):
            break
        pieces.append(parts)
        k += 1
    for n in range(1, len(pieces) + 1):
        flat = [p for ps in pieces[:n] for p in ps]
        word = "".join(flat).lower()
        if len(flat) > 1 and word in VALUE_WORDS:
            return word.capitalize(), n
        if not any(w.startswith(word) for w in VALUE_WORDS):
            break
    flat = [p for ps in pieces for p in ps]
    if len(flat) >= 2 and all(p.isupper() for p in flat):
        return "".join(flat).capitalize(), len(pieces)
    return None


def _continue_name(table: RawTable, name_parts: list[str], text: str) -> None:
    if name_parts:
        name_parts.append(text)
    elif table.rows:
        table.rows[-1][0] = f"{table.rows[-1][0]} {text}"


# ------------------------------------------------------------------------------------------------ one cell a line

_NOT_A_NAME = re.compile(r"[\d:.]")
# any role word of `tables.CONTROL_COLUMNS` / `ACTION_COLUMNS`: a match is exactly a header `column_roles` places
_ROLE_WORD = re.compile("|".join(p.pattern for _, p in CONTROL_COLUMNS + ACTION_COLUMNS), re.I)


def _column_name(t: str) -> Optional[str]:
    """A line that is only a column name of an action or internal-control table ("Kontrollområde", "Risk")."""
    if len(t) > 40 or _NOT_A_NAME.search(t) or len(t.split()) > 4 or not _ROLE_WORD.search(t):
        return None
    return t


def find_cell_per_line_tables(blocks: list[Block], layout) -> list[RawTable]:
    """Action and control tables whose cells a conversion put one per line: a header of three or more column
    names, one a line, then the cells row by row. A row is as many lines as the header has names; page furniture
    between rows is skipped; the table ends at a note, prose, a heading or a row that would not be complete.
    Read line by line: a hard-wrapping converter glues such lines into paragraphs."""
    run = 0  # column names on consecutive lines: three of them make a header
    for line in layout.lines:
        if not line.text:
            continue
        run = run + 1 if len(line.text) <= 44 and _column_name(line.text.strip()) else 0
        if run >= 3:
            break
    else:
        return []
    lines = [(t, bi) for t, bi, _ in paragraph_lines(blocks, layout)]  # (text or None where no table goes on, block)
    tables: list[RawTable] = []
    n, i = len(lines), 0
    while i < n:
        j = i
        while j < n and lines[j][0] and _column_name(lines[j][0]) is not None:
            j += 1
        header = [lines[k][0] for k in range(i, j)]
        roles = {r for h in header for r in (column_roles([h], CONTROL_COLUMNS) or column_roles([h], ACTION_COLUMNS))}
        if len(header) < 3 or len(roles) < 3:
            i = max(j, i + 1)
            continue
        table = RawTable(title=None, title_block=None, header_rows=[header], header=header)
        table.blocks = sorted({lines[k][1] for k in range(i, j)})
        cells: list[tuple[str, int]] = []
        k = j
        while k < n:
            t, bi = lines[k]
            if t is None or len(t) > 300 or NOTE_LINE.match(t) or (t.endswith(".") and FINITE.search(t) and len(t.split()) > 12):
                break
            if _PAGE_LINE.search(t) or running_header_text(t):
                k += 1  # a page number or running header between the rows
                continue
            if [x for x, _ in lines[k:k + len(header)]] == header:
                k += len(header)  # the header repeated after a page break
                continue
            cells.append((t, bi))
            k += 1
        usable = len(cells) - len(cells) % len(header)
        for r in range(0, usable, len(header)):
            chunk = cells[r:r + len(header)]
            table.add_row([c for c, _ in chunk], chunk[0][1], blocks=sorted({x for _, x in chunk}))
        if table.rows:
            tables.append(table)
        i = j
    return tables


# ------------------------------------------------------------------------------------------------ column cells

_GOAL_HEAD = re.compile(r"^(?:mål|målformulering|målbeskrivning|nämndmål|nämndsmål|delmål|effektmål|verksamhetsmål|"
                        r"inriktningsmål|strategiskt mål)$", re.I)
_MEASURE_HEAD = re.compile(r"^(?:indikator(?:er)?|mått|mätning|mätmetod|mätetal|nyckeltal|indikator/mått|mått/indikator)$",
                           re.I)
_VALUE_HEAD = re.compile(r"^(?:mål(?:värde|nivå|sättning)?|mål och jämförelser?|jämförelse(?:r|värde)?|utfall|resultat|"
                         rf"nuläge|önskat läge|trend|status|prognos|budget|plan|bokslut)(?:\s+{YEAR})?$", re.I)
_KIND_YEAR = re.compile(rf"^(?:Utfall|Prognos|Budget|Plan|Bokslut|Målvärde|Mål|Resultat|Nuläge)\s+{YEAR}$", re.I)
_LONE_YEAR = re.compile(rf"^{YEAR}$")
_TARGET_MODAL = re.compile(r"\bska\b", re.I)


def _header_cells(lines, i: int) -> tuple[list[str], int, int]:
    """(header cells, lines they take, index of the measure column or -1) of a column header starting at line i:
    `Mål | Mätning | Målvärde` (a goal column, the measure column, value columns) or, with no measure word,
    `[first cell] | Budget 2024 | Plan 2025` with each year on the line under its word."""
    n = len(lines)
    cells: list[str] = []
    j = i
    while j < n and lines[j][0] and len(lines[j][0]) <= 40 and len(cells) < 8:
        t = lines[j][0]
        if _GOAL_HEAD.match(t) or _MEASURE_HEAD.match(t) or _KIND_YEAR.match(t) or _VALUE_HEAD.match(t):
            if j + 1 < n and lines[j + 1][0] and _LONE_YEAR.match(lines[j + 1][0]) and _VALUE_HEAD.match(t):
                cells.append(f"{t} {lines[j + 1][0]}")
                j += 2
                continue
            cells.append(t)
            j += 1
            continue
        break
    measure = next((k for k, c in enumerate(cells) if _MEASURE_HEAD.match(c)), -1)
    return cells, j - i, measure


def _value_line(t: Optional[str]) -> bool:
    """A short line with a figure and few words ("(2019: 84 %)"), or a whole value cell: "Öka andel nöjda …" (a
    goal) and "Meritvärde i årskurs 9" (a name) are neither."""
    if not t or len(t) > 40:
        return False
    return is_cell_value(t) or bool(re.search(r"\d", t)) and len(re.findall(r"[^\W\d_]{3,}", t)) <= 1


def find_column_cell_tables(blocks: list[Block], layout) -> list[RawTable]:
    """Indicator tables from a web CMS where every cell is a paragraph of its own, read by their header's words.

        Målformulering | Mätning | Målvärde        Resultatmål | Prognos 2023 | Budget 2024
        <goal>                                     <measure>
        <measure>                                  <value>
        <value> (<value with year> …)              <value>

    With a measure column, a row is one line per text column and then its values (the first line whatever it
    says, then any short lines with figures). Without one (only value words with years), a row is a name and
    exactly one value a column, and the table must follow a statement of what shall be reached (a `ska`
    sentence just above): a budget table in the same shape measures no goal. A row the document's end cuts off
    is not a row."""
    if not any(_MEASURE_HEAD.match(l.text.strip()) or _KIND_YEAR.match(l.text.strip()) or _LONE_YEAR.match(l.text.strip())
               for l in layout.lines if len(l.text) <= 40):
        return []
    lines = paragraph_lines(blocks, layout)
    tables: list[RawTable] = []
    n, i = len(lines), 0
    while i < n:
        t = lines[i][0]
        if not t or len(t) > 40:
            i += 1
            continue
        cells, used, measure = _header_cells(lines, i)
        first = None
        if measure >= 0:
            n_text = measure + 1
            ok = len(cells) > n_text and all(_GOAL_HEAD.match(c) for c in cells[:measure]) \
                and all(_VALUE_HEAD.match(c) for c in cells[n_text:])
            header = cells
        else:
            ok = len(cells) >= 2 and all(re.search(r"\d{4}$", c) for c in cells)
            prev = lines[i - 1][0] if i > 0 else None
            first = prev if ok and prev and len(prev) <= 30 and not _TARGET_MODAL.search(prev) else None
            start = i - 1 if first else i
            above = [lines[k][0] for k in range(max(0, start - 3), start) if lines[k][0]]
            ok = ok and any(_TARGET_MODAL.search(a) and len(a) <= 400 for a in above)
            header = [first or ""] + cells
            n_text = 1
        whole = _ROW_VALUES.match(lines[i + used][0] or "") if ok and i + used < n else None
        if whole and len(_thousands_joined(whole.group("values").split(), len(header) - n_text)) == len(header) - n_text:
            ok = False  # its rows each on one line, name and values: not a cell a line (`find_headerless_rows`)
        if not ok:
            i += 1
            continue
        j = i + used
        rows: list[tuple[list[str], list[int]]] = []  # cells, blocks
        while j < n:
            texts = [lines[k][0] for k in range(j, min(n, j + n_text))]
            if len(texts) < n_text or any(not x or len(x) > 300 or NOTE_LINE.match(x) or _value_line(x) for x in texts):
                break
            k = j + n_text
            if measure < 0:
                while k < n and lines[k][0] and lines[k][1] == lines[k - 1][1] and not is_cell_value(lines[k][0]) \
                        and (lines[k][0][:1].islower() or not _value_line(lines[k][0])):
                    texts[-1] = f"{texts[-1]} {lines[k][0]}"  # a name wrapped over lines of its paragraph
                    k += 1
            if k >= n or not lines[k][0]:
                break  # no value: the end of the table, or of the document
            values = [lines[k][0]]
            k += 1
            if measure >= 0:
                while k < n and _value_line(lines[k][0]):
                    k += 1  # comparisons under the value ("(2019: 84 %)") stay in the table, not in the row
            else:
                while len(values) < len(header) - 1 and k < n and lines[k][0] and is_cell_value(lines[k][0]):
                    values.append(lines[k][0])
                    k += 1
                if len(values) < len(header) - 1:
                    break
            row = texts + values[: len(header) - n_text]
            row += [""] * (len(header) - len(row))
            rows.append((row, sorted({lines[x][1] for x in range(j, k)})))
            j = k
        if rows:
            table = RawTable(title=None, title_block=None, header_rows=[header], header=header, kind="indicator")
            table.blocks = sorted({lines[x][1] for x in range(i - (first is not None), i + used)})
            for row, bis in rows:  # the goal cell groups the row
                table.add_row(row, bis[0] if n_text == 1 else bis[min(1, len(bis) - 1)],
                              row[0] if measure > 0 else None, blocks=bis)
            tables.append(table)
            i = j
        else:
            i += 1
    return tables


# ------------------------------------------------------------------------------------------------ commented rows

_COMMENT_HEAD = re.compile(r"^(?:kommentar(?:er)?|analys|förklaring)$", re.I)
_SECOND_SENTENCE = re.compile(r"[.!?]\s+[A-ZÅÄÖ]")
_SAYS_WHO = re.compile(r"^(?:vi|det|den|detta|de|dessa|här|man|vår|våra|vårt|ambitionen|målet|resultatet)\b", re.I)


def find_commented_rows(blocks: list[Block]) -> list[RawTable]:
    """Measures whose values a conversion lost (drawn as colours or images), each followed by its comment: a
    header of lone years and "Kommentar", then a measure's name (one sentence, a noun phrase), its comment, the
    next name, … The table ends where that rhythm breaks."""
    tables: list[RawTable] = []
    n, i = len(blocks), 0
    while i < n:
        j, years = i, []
        while j < n and blocks[j].kind in ("para", "heading", "item") and _LONE_YEAR.match(blocks[j].text.strip()):
            years.append(blocks[j].text.strip())
            j += 1
        if len(years) < 2 or j >= n or not _COMMENT_HEAD.match(blocks[j].text.strip()):
            i = max(j, i + 1)
            continue
        k, rows = j + 1, []
        while k + 1 < n:
            name, comment = blocks[k].text.strip(), blocks[k + 1]
            if blocks[k].kind != "para" or comment.kind != "para" or len(name) > 200 or _SECOND_SENTENCE.search(name) \
                    or _SAYS_WHO.match(name) or not name[:1].isupper() or _LONE_YEAR.match(name):
                break
            rows.append((k, name.rstrip(". "), comment.text.strip()))
            k += 2
        if len(rows) >= 2:
            header = ["Indikator", *years, blocks[j].text.strip()]
            table = RawTable(title=None, title_block=None, header_rows=[header], header=header, kind="indicator")
            table.blocks = list(range(i, j + 1))
            for bi, name, comment in rows:
                table.add_row([name, *([""] * len(years)), comment], bi, blocks=(bi, bi + 1))
            tables.append(table)
        i = max(k, j + 1)
    return tables


# ------------------------------------------------------------------------------------------------ headerless rows

_ROW_VALUES = re.compile(r"^(?P<name>[A-ZÅÄÖa-zåäö].*?[^\W\d_](?:\s+%(?=\s+\d))?)\s*(?:\((?P<unit>[^()]{1,12})\))?\s+"
                         r"(?P<values>(?:-?\d+(?:,\d+)?\s*%?\s+){2,}-?\d+(?:,\d+)?\s*%?)$")
_NAME_START = re.compile(r"^[A-ZÅÄÖ]")
# a header cell alone on its line: a kind of figure and its year ("Bokslut 2011", "Budget 2012*", "Utfall 2023"):
# the value kinds of the other readers here, and a key-figure table's financial ones
_HEAD_CELL = re.compile(rf"^(?:{_KIND_WORDS}|Bokslut|Budget|Prognos|Plan|Resultat)\s+{YEAR}\*?$", re.I)
# a group of one to three digits followed by one of exactly three, no decimals between: thousands split by a space
_THOUSANDS_SPLIT = re.compile(r"(?<![\d,])-?\d{1,3}\s\d{3}(?![\d,])")


def _thousands_joined(values: list[str], width: int) -> list[str]:
    """Tokens of a row whose thousands are split by a space, joined into `width` values from the left where a
    group of one to three digits (not a lone 0: "9 597 0 172 1 552" holds a zero) is followed by one of exactly
    three; unchanged when that does not give `width`."""
    out, k, merges = [], 0, len(values) - width
    while k < len(values):
        if merges and k + 1 < len(values) and re.fullmatch(r"-?[1-9]\d{0,2}", values[k]) \
                and re.fullmatch(r"\d{3}(?:,\d+)?", values[k + 1]):
            out.append(f"{values[k]} {values[k + 1]}")
            k, merges = k + 2, merges - 1
            continue
        out.append(values[k])
        k += 1
    return out if len(out) == width else values


def find_headerless_rows(blocks: list[Block]) -> list[RawTable]:
    """Key-figure rows whose header the excerpt or the page cut off: two or more lines in a row that each give a
    name (its unit in brackets) and the same number of values, three or more, and nothing else. A name wrapped
    onto the line above ("Årets resultat i relation till" ⏎ "skatteintäkter och utjämning (%) 2,9 -0,8 …") is
    joined. Values whose thousands are split by spaces cannot be told apart, so such rows make no table — unless a
    line of years right above gives the columns: then they are its years, and the thousands are joined to fit."""
    tables: list[RawTable] = []
    n, i = len(blocks), 0

    def years_of(b: Block) -> list[str]:  # a header line of years alone ("2016 2017 2018 2019 2020", "År 2010 2009 …")
        first = b.text.split(None, 1)[0] if b.text.strip() else ""
        if b.kind != "para" or not (_LONE_YEAR.match(first) or first in ("År", "år", "ÅR")):
            return []  # (the first word first: most paragraphs end the test there, unsplit)
        parts = b.text.split()
        parts = parts[1:] if parts[0].lower() == "år" else parts
        return parts if len(parts) >= 3 and all(_LONE_YEAR.match(p) for p in parts) else []

    def heads_above(i: int) -> list[str]:  # … or a header one cell a line: "Bokslut 2011" ⏎ "Budget 2012*" ⏎ …
        cells, k = [], i - 1
        while k >= 0 and blocks[k].kind == "para" and _HEAD_CELL.match(blocks[k].text.strip()):
            cells.insert(0, blocks[k].text.strip())
            k -= 1
        return cells if len(cells) >= 2 else []

    def row(b: Block) -> Optional[re.Match]:  # a short line ending in a figure, the only kind worth the pattern
        t = b.text.strip()
        return _ROW_VALUES.match(t) if b.kind == "para" and len(t) <= 300 and t[-1:] in "0123456789%" else None

    while i < n:
        rows: list[tuple[list[int], str, list[str]]] = []
        years = (years_of(blocks[i - 1]) or heads_above(i)) if i > 0 else []
        j = i
        while j < n:
            lead, k = "", j
            b, m = blocks[j], row(blocks[j])
            if years and rows and m is None and b.kind == "para" and len(b.text) < 80 and b.text.rstrip().endswith(":"):
                j += 1  # "Därav invånare i åldersgrupp:", "Utdebitering av skatter:": a group's title, the rows go on
                continue
            if years and rows and b.kind == "para" and len(b.text) < 80 and b.text[:1].isdigit() \
                    and b.text.rstrip()[-1:].isdigit() and len(b.text.split()) > len(years):
                j += 1  # "1-5 år 650 672 …": a group's breakdown by age under its title, no key figure of its own
                continue
            if m is None and b.kind == "para" and j + 1 < n and blocks[j + 1].text[:1].islower() \
                    and len(b.text) <= 60 and _NAME_START.match(b.text) and not re.search(r"[.:;!?]\s*$", b.text) \
                    and not re.search(r"\d\s+\d", b.text):  # (a row's figures inside it: two rows run together)
                lead, k = b.text.strip() + " ", j + 1  # the first part of a wrapped name
                m = row(blocks[k])
            values = m.group("values").split() if m else []
            values = [v for v in values if v != "%"]
            if years and len(values) > len(years):
                values = _thousands_joined(values, len(years))  # "17 646 18 073 …" under five years: five values
            if not m or (rows and len(values) != len(rows[0][2])) or all(_LONE_YEAR.match(v) for v in values) \
                    or years and len(values) != len(years) \
                    or not years and _THOUSANDS_SPLIT.search(m.group("values")) \
                    or not _NAME_START.match(lead or m.group("name")):
                break  # (without a header, "158 799 114 950" may be four values or two: no reading)
            unit = f" ({m.group('unit')})" if m.group("unit") else ""
            rows.append((list(range(j, k + 1)), (lead + m.group("name")).strip() + unit, values))
            j = k + 1
        if len(rows) >= 2:
            width = len(rows[0][2])
            header = ["Nyckeltal", *(years or ["Värde"] * width)]  # without the years over them, columns are not told
            table = RawTable(title=None, title_block=None, header_rows=[header], header=header, kind="indicator")
            for span, name, values in rows:
                table.add_row([name, *values], span[-1], blocks=span)
            tables.append(table)
            i = j
        else:
            i += 1
    return tables
