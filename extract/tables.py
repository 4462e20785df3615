"""Tables from tab-separated rows: title, one- or two-level header, body rows, repeated headers and page-break
continuations folded into one table, kind from the header vocabulary."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from rapidfuzz import fuzz

from plantrace.extract.blocks import Block
from plantrace.extract.numbers import YEAR, parse_number
from plantrace.extract.vocabulary import match_label

HEADER_WORDS = re.compile(
    r"\b(indikator|indikatorer|nyckeltal|mått|mätetal|utfall|målvärde|målsättning|mål\b|nuvärde|jämförvärde|"
    r"jämförelsevärde|utgångsläge|trend|status|budget|prognos|bokslut|plan|belopp|mnkr|tkr|kronor|"
    r"nämndens åtgärd|åtgärd|aktivitet|koppling|förväntade?|effekt|styrdokument|kontroll\w*|risk\w*|metod|"
    r"rapporter\w*|frekvens|bedömning|måluppfyllelse|analys|"
    r"tidpunkt|ansvarig|ansvar\b|riket|totalt|kvinnor|män|avvikelse|kommentar|redovisning|uppdrag\w*|år|\d{4})",
    re.I,
)
_BREAKDOWN = re.compile(r"^\s*-?\s*([a-h])\s*[:)]\s+(\S.*)$")
_SOURCE_NOTE = re.compile(r"^\(?(Kolada|Källa|SCB|Socialstyrelsen)\b[^\w]*$", re.I)
# A line under a table that is no row: a source or comment ("Källa:", "Kommentar:", "Not:"), a footnote ("1) …",
# "* …", ") …" when the digit was lost) or a line announcing the data ("Data uppdateras till beslut i december").
NOTE_LINE = re.compile(
    r"^(?:Källa|Källor|Kommentar|Kommentarer|Not|Noter|Anm|Anmärkning|Förklaring|Fotnot)\b\s*[:.]?"
    r"|^(?:\(?\d{0,2}\)|\*{1,3})\s*\S"
    r"|^(?:data|uppgifter|siffror|statistik|värden|utfall|resultat)\b.{0,40}?\b(?:uppdateras|redovisas|saknas|publiceras|tillkommer|kommer)\b"
    r"|^(?:jämför\w*|målvärde\w*|utfall\w*|nuvärde\w*|värdena?|siffrorna)\s+(?:avser|gäller|anger|visar)\b",
    re.I,
)
# A row inside an indicator table that states a goal rather than measures it: a goal label ("Nämndmål 2:",
# "Mål:") or a statement ("… ska …"). Its text names the rows under it; it is not an indicator.
GOAL_ROW = re.compile(
    r"^(?:(?:Kommunfullmäktiges\s+)?(?:Mål|Nämndmål|Nämndsmål|Delmål|Effektmål|Resultatmål|Verksamhetsmål|Inriktningsmål|"
    r"Strategiskt(?:\s+nämnd)?\s*mål|Övergripande mål|Målområde|Fokusområde|Perspektiv)\b\s*\d*(?:\.\d+)*\s*[:.–-]"
    r"|.*\b(?:ska|skall)\b)",
    re.I,
)
# A first column that holds the goal (often a merged cell: filled on its first row only), the indicator after it.
GOAL_COLUMN = re.compile(r"^(?:nämndmål|nämndsmål|mål|målområde|perspektiv|fokusområde|strategiskt mål|inriktningsmål|"
                         r"effektmål|verksamhetsmål|målformulering|målbeskrivning|delmål)\b(?!.*indikator)", re.I)
NAME_COLUMN = re.compile(r"indikator|nyckeltal|mått|mätetal|mätning", re.I)
# a finite verb: a line that has one says something (prose, a status), it does not name a thing
FINITE = re.compile(r"\b(är|har|ska|skall|blir|kan|kommer|finns|var|hade|bör|måste|behöver)\b", re.I)


@dataclass
class RawTable:
    title: Optional[str]
    title_block: Optional[int]
    header_rows: list[list[str]]
    header: list[str]
    rows: list[list[str]] = field(default_factory=list)
    row_blocks: list[int] = field(default_factory=list)
    row_groups: list[Optional[str]] = field(default_factory=list)  # sub-title (e.g. "Nämndmål: …") per row
    row_areas: list[Optional[str]] = field(default_factory=list)  # the area over the row's goal, where a column says
    breakdowns: list[list[str]] = field(default_factory=list)
    blocks: list[int] = field(default_factory=list)  # every block index the table covers
    kind: str = "other"
    title_from_row: bool = False
    pages: list[int] = field(default_factory=list)

    def add_row(self, cells: list[str], block: int, group: Optional[str] = None, blocks=()) -> None:
        """A row read at `block` (under `group`), covering `blocks` too."""
        self.rows.append(cells)
        self.row_blocks.append(block)
        self.row_groups.append(group)
        self.breakdowns.append([])
        self.blocks.extend(b for b in blocks if b not in self.blocks)

    @property
    def first_block(self) -> int:
        return min(self.blocks)

    @property
    def last_block(self) -> int:
        return max(self.blocks)


def _cells(block: Block) -> list[str]:
    return [c.strip() for c in block.cells]


def _nonempty(cells: list[str]) -> list[str]:
    return [c for c in cells if c]


def is_title_row(cells: list[str]) -> bool:
    ne = _nonempty(cells)
    return len(ne) == 1 and bool(cells[0]) and len(cells) >= 2


def is_header_row(cells: list[str]) -> bool:
    ne = _nonempty(cells)
    if len(ne) < 2:
        return False
    if any(len(c) > 45 for c in ne):
        return False
    if any(parse_number(c)[0] is not None and not re.fullmatch(YEAR, c) for c in ne):
        return False
    hits = sum(1 for c in ne if HEADER_WORDS.search(c))
    return hits >= max(2, len(ne) // 2)


_YEAR_CELL = re.compile(rf"(?:[A-Za-zåäöÅÄÖ]+\s+)?{YEAR}(?:\s*[-–/]\s*\d{{2,4}})?")


def is_subheader_row(cells: list[str], header: list[str]) -> bool:
    if not cells or cells[0]:
        return False
    ne = _nonempty(cells)
    # (a line of years alone under "Utfall | | Målvärde" names the years of the columns, it holds no values)
    return bool(ne) and all(len(c) < 30 and (parse_number(c)[0] is None or _YEAR_CELL.fullmatch(c)) for c in ne) and all(
        not re.fullmatch(r"(öka|minska|ja|nej|delvis)", c, re.I) for c in ne
    )


def merge_header(top: list[str], sub: list[str]) -> list[str]:
    """Two header lines → one: "Nuvärde" over "Totalt | Kvinnor" → "Nuvärde Totalt", "Nuvärde Kvinnor";
    "Beslutad" over "budget 2020" (a wrapped cell) → "Beslutad budget 2020"."""
    n = max(len(top), len(sub))
    top = top + [""] * (n - len(top))
    sub = sub + [""] * (n - len(sub))
    owner = []
    last = None
    for j in range(n):
        if top[j]:
            last = j
        owner.append(last)
    # a header cell spans a group when two or more capitalised sub cells sit under it
    group_size: dict[int, int] = {}
    for j in range(n):
        if sub[j] and (sub[j][:1].isupper() or sub[j][:1].isdigit()) and owner[j] is not None:
            group_size[owner[j]] = group_size.get(owner[j], 0) + 1
    out = []
    for j in range(n):
        s, t = sub[j], top[j]
        if not s:
            out.append(t)
        elif s[:1].islower() and t:
            out.append(f"{t} {s}")
        elif owner[j] is not None and group_size.get(owner[j], 0) >= 2:
            out.append(f"{top[owner[j]]} {s}")
        else:
            out.append(s if not t else f"{t} {s}")
    # drop columns that are empty in both lines at the right edge
    while out and not out[-1]:
        out.pop()
    return out


# Columns of action and internal-control tables by what their header says; checked in this order per column, so
# "Kontrollmetod" is a method and "Kontrollområde" an area before either counts as the control itself.
ACTION_COLUMNS: list[tuple[str, re.Pattern]] = [
    ("expected_effect", re.compile(r"effekt|resultat", re.I)),
    ("linked_document", re.compile(r"koppling|styrdokument|kopplat till", re.I)),
    ("text", re.compile(r"åtgärd|aktivitet|insats", re.I)),
]
CONTROL_COLUMNS: list[tuple[str, re.Pattern]] = [
    ("method", re.compile(r"metod|hur\b", re.I)),
    ("reporting", re.compile(r"rapporter|tidpunkt|frekvens|när\b|tidplan", re.I)),
    ("area", re.compile(r"område|process|rutin", re.I)),
    ("risk", re.compile(r"risk", re.I)),
    ("control", re.compile(r"kontroll", re.I)),
]


def column_roles(header: list[str], roles: list[tuple[str, re.Pattern]]) -> dict[str, int]:
    """field → index of the first column whose header names it."""
    out: dict[str, int] = {}
    for j, cell in enumerate(header):
        for name, pattern in roles:
            if pattern.search(cell):
                out.setdefault(name, j)
                break
    return out


def classify(header: list[str], rows: list[list[str]]) -> str:
    h = " ".join(header).lower()
    first = header[0].lower() if header else ""
    actions = column_roles(header, ACTION_COLUMNS)
    if "åtgärd" in first or ("text" in actions and len(actions) >= 2 and not re.search(r"målvärde|utfall", h)):
        return "action"
    if "kontroll" in h and ("risk" in h or "kontrollmoment" in h):
        return "control"
    if re.search(r"indikator|nyckeltal|mått|mätetal|prestationstal", first) \
            or re.search(r"målvärde|nuvärde|målsättning", h):
        return "indicator"
    if re.search(r"mnkr|tkr|kronor|belopp|budget|bokslut|prognos", h):
        return "budget"
    if not header and rows and all(len(r) == 2 for r in rows) and sum(len(r[1]) > len(r[0]) for r in rows) >= len(rows) * 0.7:
        return "definitions"
    return "other"


def _title_like(block: Block) -> bool:
    t = block.text.strip()
    if block.kind not in ("para", "heading") or not t or len(t) > 90 or t.endswith((".", ":", ";", ",")):
        return False
    if FINITE.search(t):
        return False
    return len(t.split()) <= 10


def find_title(blocks: list[Block], first: int) -> tuple[Optional[str], Optional[int]]:
    i = first - 1
    if i < 0:
        return None, None
    b1 = blocks[i]
    if b1.kind in ("para", "heading") and _LABEL_START.match(b1.text) and ":" in b1.text[:40] and len(b1.text) < 300:
        return b1.text.strip(), i
    if b1.kind == "para" and len(b1.text) < 300 and _under_goal_label(blocks, i):
        return b1.text.strip(), i  # "Mål 3" ⏎ "<the goal>" ⏎ <table>: the goal names the table
    if b1.kind in ("para", "heading") and _title_like(b1):
        return b1.text.strip(), i
    if b1.kind == "para" and len(b1.text) < 150 and i - 1 >= 0 and _title_like(blocks[i - 1]):
        return blocks[i - 1].text.strip(), i - 1
    return None, None


def _width(rows: list[list[str]]) -> int:
    w = 0
    for r in rows:
        last = max((j for j, c in enumerate(r) if c), default=-1)
        w = max(w, last + 1)
    return w


def build_tables(blocks: list[Block], layout=None) -> list[RawTable]:
    """Group consecutive row blocks into tables and fold continuations into the table they continue; with the
    layout, also tables flattened to text (`flattened.py`); and tables scattered over lines (`scattered.py`)."""
    from plantrace.extract.flattened import find_flattened_tables

    flattened = find_flattened_tables(blocks, layout) if layout is not None else []
    in_flattened = {b for t in flattened for b in t.blocks}
    tables: list[RawTable] = []
    i, n = 0, len(blocks)
    while i < n:
        if blocks[i].kind != "row":
            i += 1
            continue
        j = _group_end(blocks, i)
        group = [g for g in range(i, j) if g not in in_flattened]
        if not group:
            i = max(j, i + 1)  # a lone row that is page furniture ("0<tab>") opens no table
            continue
        table = _table_from_rows(blocks, group)
        if table is not None:
            j = _absorb_continuation(blocks, table, j)
            prev = tables[-1] if tables else None
            if prev is not None and _continues(blocks, prev, table):
                _merge(prev, table)
            elif prev is not None and _goes_on_headerless(blocks, prev, table):
                _merge_headerless(prev, table)
            else:
                tables.append(table)
        i = j
    from plantrace.extract.scattered import (find_cell_per_line_tables, find_column_cell_tables, find_commented_rows,
                                             find_headerless_rows, find_scattered_tables)

    taken = {b for t in tables for b in t.blocks}
    more = (find_cell_per_line_tables(blocks, layout) + find_column_cell_tables(blocks, layout)
            + find_commented_rows(blocks) + find_headerless_rows(blocks)) if layout is not None else []
    for t in flattened + find_scattered_tables(blocks, layout) + more:
        if not taken.intersection(t.blocks):
            tables.append(t)
            taken.update(t.blocks)
    tables.sort(key=lambda t: t.first_block)
    for t in tables:
        if t.kind == "other":  # finders that know their kind (scattered, flattened) have set it
            t.kind = classify(t.header, t.rows)
        t.pages = sorted({blocks[b].page for b in t.blocks if blocks[b].page is not None})
    return tables


_PAGE_MARK = re.compile(r"\S {3,}\d{1,3}$|(?:^|\s)(?:\d{1,3}\s*\(\s*\d{1,3}\s*\)|\d{1,3}\s*(?:av|/)\s*\d{1,3}|sida\s+\d{1,3})\s*$|^\d{1,3}$", re.I)


_YEAR_PAGE = re.compile(rf"[^\W\d_].*\b{YEAR}\s+\d{{1,3}}$")  # "Styrkort 2016 2": a footer's year and page


def paragraph_lines(blocks: list[Block], layout) -> list[tuple[Optional[str], int, int]]:
    """(text or None where no table goes on, block, line) for every line of the paragraphs: the finders of tables
    a converter flattened read line by line, since a hard-wrapping converter glues such lines into paragraphs."""
    out: list[tuple[Optional[str], int, int]] = []
    for bi, b in enumerate(blocks):
        if b.kind in ("para", "bullet") or (b.kind == "heading" and b.number is None):
            out.extend((layout.lines[li].text.strip(), bi, li) for li in b.lines)
        else:
            out.append((None, bi, b.lines[0]))
    return out


def block_text(b: Block) -> str:
    """A block's words; a row's cells joined with one space."""
    return " ".join(c.strip() for c in b.cells if c.strip()) if b.kind == "row" else b.text.strip()


def page_furniture(b: Block) -> bool:
    """A running header or footer left between a table's rows: short, with a page number."""
    tail = b.text.rstrip()[-1:]
    if len(b.text) > 80 or not (tail.isdigit() or tail == ")"):
        return False
    t = block_text(b)
    return len(t) < 50 and bool(_PAGE_MARK.search(t) or (b.kind != "row" and _YEAR_PAGE.search(t)))


def running_header_text(t: str) -> bool:
    """A name in capitals ("SOCIALNÄMNDEN"), as a running header prints it next to a page number."""
    return len(t) < 50 and t.isupper() and len(t.split()) <= 4


def _running_header(b: Block) -> bool:
    return b.kind != "row" and running_header_text(block_text(b))


def _goal_line(b: Block) -> bool:
    """A goal written as a line of its own between a table's rows (the converter lost its cells)."""
    return b.kind in ("para", "heading") and b.number is None and len(b.text) <= 200 and bool(GOAL_ROW.match(b.text))


def _wide_row(b: Block) -> bool:
    return b.kind == "row" and len(b.cells) >= 3 and not page_furniture(b)


def _group_end(blocks: list[Block], i: int) -> int:
    """End of the run of table rows from i: rows, and goal lines or page furniture between two wide rows."""
    n, j = len(blocks), i
    while j < n:
        if blocks[j].kind == "row" and not page_furniture(blocks[j]):
            j += 1
            continue
        k = j
        while k < n and k < j + 4 and (page_furniture(blocks[k]) or _goal_line(blocks[k]) or _running_header(blocks[k])):
            k += 1
        gap = blocks[j:k]
        ok = all(_goal_line(b) for b in gap) or any(page_furniture(b) for b in gap)
        if ok and k > j and j > i and k < n and _wide_row(blocks[k]) and _wide_row(blocks[j - 1]):
            j = k
            continue
        break
    return j


def goal_first(header: list[str]) -> bool:
    """"Nämndmål | Indikator | Utfall …": the goal column comes before the indicator's name."""
    return len(header) >= 3 and bool(GOAL_COLUMN.match(header[0].strip())) and bool(NAME_COLUMN.search(header[1]))


_GOAL_HEAD = re.compile(r"^(?:[\wåäö]+s\s+)?(?:[\wåäö]*mål|målområde)$", re.I)


def goal_columns(header: list[str]) -> bool:
    """"Kommunfullmäktiges mål | Nämndens mål": goals of two levels side by side, the first a merged cell (written
    on its first row only), so a row without it is the next goal under the same one, no cell broken over lines."""
    return len(header) >= 2 and all(_GOAL_HEAD.match(h.strip()) for h in header[:2])


def _indicator_header(header: list[str]) -> bool:
    return bool(re.search(r"indikator|nyckeltal|mått|mätetal|målvärde|utfall|nuvärde", " ".join(header), re.I))


def _read_header(rows: list[list[str]], k: int) -> tuple[list[list[str]], list[str], int]:
    """(header lines as written, merged header, index of the first body row) from row k on."""
    if k >= len(rows) or not is_header_row(rows[k]):
        return [], [], k
    top = rows[k]
    if k + 1 < len(rows) and is_subheader_row(rows[k + 1], top):
        return [top, rows[k + 1]], merge_header(top, rows[k + 1]), k + 2
    header = list(top)
    while header and not header[-1]:
        header.pop()
    return [top], header, k + 1


def _table_from_rows(blocks: list[Block], group: list[int]) -> Optional[RawTable]:
    goal_lines = {g: blocks[g].text.strip() for g in group if _goal_line(blocks[g])}
    group = [g for g in group if blocks[g].kind == "row" and (g == group[0] or not page_furniture(blocks[g]))]
    if not group:
        return None
    rows = [(_cells(blocks[g]), g) for g in group]
    k = 0
    sub_title = None
    if rows and is_title_row(rows[0][0]) and len(rows) > 1:
        sub_title = rows[0][0][0]
        k = 1
    header_rows, header, k = _read_header([r for r, _ in rows], k)
    t_title, t_block = find_title(blocks, group[0])
    table = RawTable(title=None, title_block=None, header_rows=header_rows, header=header)
    table.blocks = list(group)
    if sub_title is not None and sub_title.isupper() and (t_title or not header):
        sub_title = None  # an organisation name over the header ("SOCIALNÄMNDEN"), not the table's title
    if sub_title is not None:
        table.title, table.title_block = sub_title, group[0]
        table.title_from_row = True
    else:
        table.title, table.title_block = t_title, t_block
    _claim_title(blocks, table)
    current_group = sub_title
    n_titles = 1 if sub_title else 0
    while k < len(rows):
        cells, g = rows[k]
        k += 1
        line = next((t for b, t in goal_lines.items() if rows[k - 2][1] < b < g), None) if k >= 2 else None
        if line is not None:
            current_group = line  # a goal line before this row names it and the rows after it
        if table.header and is_header_row(cells) and fuzz.ratio(" ".join(c for c in cells if c).lower(),
                                                             " ".join(c for c in table.header_rows[0] if c).lower()) >= 80:
            if k < len(rows) and table.header_rows[1:] and is_subheader_row(rows[k][0], table.header):
                k += 1
            continue
        if is_title_row(cells) and k < len(rows) and is_header_row(rows[k][0]) \
                and not any(g < b < rows[k][1] for b in goal_lines):  # a goal line over the header is the title
            prev_page = blocks[rows[k - 2][1]].page if k >= 2 else None
            if cells[0] == sub_title and prev_page is not None and blocks[g].page != prev_page:
                continue  # the table's first rows repeated at the top of the next page
            current_group = cells[0]
            n_titles += 1
            continue
        if cells and cells[0] and len(_nonempty(cells)) == 1 and table.header and GOAL_ROW.match(cells[0]) \
                and _indicator_header(table.header) and not goal_first(table.header):
            current_group = cells[0]  # "Nämndmål 1: …" in the first cell of an otherwise empty row
            continue
        _add_row(table, cells, g, current_group)
    if n_titles > 1 and t_title:
        # several sub-tables under one heading (an annex): the heading names the table
        table.title, table.title_block = t_title, t_block
        _claim_title(blocks, table)
    if not table.rows and not table.header:
        return None
    return table


def states_goal(blocks: list[Block], b: int) -> bool:
    """The block states a goal: a labelled one ("Mål: …", "Nämndmål 2: …") or the line under a label alone
    ("Mål 1" ⏎ "…")."""
    label = match_label(blocks[b].text.strip())
    if label is not None:  # (not a title that begins like one: "Kommunfullmäktiges mål för perioden …")
        return label.kind == "goal" and bool(label.text) and (label.colon or label.number is not None)
    return _under_goal_label(blocks, b)


def _under_goal_label(blocks: list[Block], b: int) -> bool:
    """The block stands under a goal label alone on its line ("Mål 1" ⏎ "<the goal>")."""
    above = match_label(blocks[b - 1].text.strip()) if b > 0 else None
    return above is not None and above.kind == "goal" and not above.text


def _claim_title(blocks: list[Block], table: RawTable) -> None:
    """The title's block becomes the table's, unless it states a goal: that stays a goal of its own, and the rows
    are linked to it."""
    b = table.title_block
    if b is not None and b not in table.blocks and not states_goal(blocks, b):
        table.blocks.insert(0, b)


def _add_row(table: RawTable, cells: list[str], block: int, group: Optional[str]) -> None:
    ne = _nonempty(cells)
    if not ne:
        return
    m = _BREAKDOWN.match(cells[0]) if cells[0] else None
    if m and table.rows and len(ne) == 1:
        table.breakdowns[-1].append(m.group(2).strip())
        table.blocks.append(block)
        return
    if not cells[0] and table.rows and table.row_blocks and not goal_first(table.header) \
            and not goal_columns(table.header):
        # a row without a first cell continues the row above (a cell that broke over lines)
        prev = table.rows[-1]
        for j, c in enumerate(cells):
            if c and j < len(prev):
                prev[j] = f"{prev[j]} {c}".strip()
        table.blocks.append(block)
        return
    width = len(table.header) if table.header else len(cells)
    row = cells + [""] * max(0, width - len(cells))
    if table.header and len(row) > width and not any(row[width:]):
        row = row[:width]
    table.rows.append(row)
    table.row_blocks.append(block)
    table.row_groups.append(group)
    table.breakdowns.append([])
    table.blocks.append(block)


_LABEL_START = re.compile(r"^(Nämndmål|Uppdrag|Grunduppdrag|Kommunfullmäktiges|Inriktningsmål|Bilaga|Mål)\b", re.I)


def _same(a: Optional[str], b: Optional[str]) -> bool:
    if not a or not b:
        return False
    norm = lambda s: re.sub(r"\W+", " ", s).strip().lower()
    return norm(a) == norm(b)


_UNIT_ALONE = re.compile(r"\((?:%|[a-zåäö%/ .]{1,20})\)")  # "(%)", "(antal)", "(dagar)", "(kr/inv.)"


def _absorb_continuation(blocks: list[Block], table: RawTable, j: int) -> int:
    """After a page break a table may go on as plain paragraphs (its title repeated, one row per line)."""
    n = len(blocks)
    if j >= n or table.kind == "definitions":
        return j
    start = j
    titles = [table.title] + [g for g in table.row_groups if g]
    repeated_title = blocks[j].kind == "para" and any(_same(blocks[j].text, t) for t in titles)
    header_only = not table.rows and bool(table.header)
    if not (repeated_title or header_only):
        return j
    if repeated_title:
        table.blocks.append(j)
        j += 1
    while j < n:
        b = blocks[j]
        m = _BREAKDOWN.match(b.text)
        if b.kind == "bullet" and m is None:
            m = _BREAKDOWN.match("a: " + b.text) if b.text.startswith("a:") else None
        if b.kind not in ("para", "bullet") or len(b.text) > 250:
            break
        if m and table.rows:
            table.breakdowns[-1].append(m.group(2).strip())
            table.blocks.append(j)
            j += 1
            continue
        if any(_same(b.text, t) for t in titles):
            table.blocks.append(j)
            j += 1
            continue
        if table.rows and b.kind == "para" and _UNIT_ALONE.fullmatch(b.text.strip()):
            table.rows[-1][0] = f"{table.rows[-1][0]} {b.text.strip()}"  # "Andel … utredning" ⏎ "(%)": a name's end
            table.blocks.append(j)
            j += 1
            continue
        if _LABEL_START.match(b.text) or b.kind == "bullet" or len(b.text.split()) <= 2 and not _SOURCE_NOTE.match(b.text):
            break
        if _SOURCE_NOTE.match(b.text):
            table.blocks.append(j)
            j += 1
            continue
        nxt = blocks[j + 1] if j + 1 < n else None
        if nxt is not None and nxt.kind == "para" and len(nxt.text) > 150 and not _BREAKDOWN.match(nxt.text) \
                and len(b.lines) == 1:
            break  # a heading of the prose that follows (a name wrapped over lines is a cell of a narrow column)
        cells = [b.text.strip()] + [""] * max(0, len(table.header) - 1)
        _add_row(table, cells, j, table.row_groups[-1] if table.row_groups else None)
        j += 1
    return j if j > start else start


def _continues(blocks: list[Block], prev: RawTable, cur: RawTable) -> bool:
    if not prev.header or not cur.header:
        return False
    if cur.title and not (cur.title_from_row or _LABEL_START.match(cur.title)):
        return False
    if len(prev.header) != len(cur.header):
        return False
    if fuzz.ratio(" ".join(prev.header).lower(), " ".join(cur.header).lower()) < 85:
        return False
    gap = [b for b in range(prev.last_block + 1, cur.first_block) if blocks[b].kind not in ("toc",)]
    return not [b for b in gap if b != cur.title_block]  # (a goal stated over the header stays out of the table)


def _goes_on_headerless(blocks: list[Block], prev: RawTable, cur: RawTable) -> bool:
    """Rows without a header, each of as many columns, right after a table (nothing but page furniture between):
    the table going on, split from itself by a line read as text (a wrapped first cell, a page break)."""
    if not prev.header or cur.header:
        return False
    width = len(prev.header)
    if not cur.rows or any(len(r) != width for r in cur.rows):
        return False  # (rows of another column count are another table, or a table misread)
    gap = [b for b in range(prev.last_block + 1, cur.first_block) if not page_furniture(blocks[b])]
    return not gap


def _merge_headerless(prev: RawTable, cur: RawTable) -> None:
    """Fold rows without a header into the table they go on; a first row taken for a title is a row again."""
    group = prev.row_groups[-1] if prev.row_groups else None
    if cur.title_from_row and cur.title:
        _add_row(prev, [cur.title] + [""] * (len(prev.header) - 1), cur.title_block, group)
    for row, b in zip(cur.rows, cur.row_blocks):
        _add_row(prev, row, b, group)  # (as many columns as the header: `_goes_on_headerless`)
    prev.blocks.extend(b for b in cur.blocks if b not in prev.blocks)


def _merge(prev: RawTable, cur: RawTable) -> None:
    if cur.title and cur.title != prev.title and not any(cur.title == g for g in prev.row_groups):
        group_title = cur.title
    else:
        group_title = None
    for row, b, g, bd in zip(cur.rows, cur.row_blocks, cur.row_groups, cur.breakdowns):
        prev.rows.append(row)
        prev.row_blocks.append(b)
        prev.row_groups.append(g or group_title)
        prev.breakdowns.append(bd)
    prev.blocks.extend(cur.blocks)


def table_width(table: RawTable) -> int:
    return max(len(table.header), _width(table.rows))
