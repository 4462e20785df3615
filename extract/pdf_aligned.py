"""Tables without vertical rules: columns from the whitespace that runs down the table, rows from rules,
shading or spacing.

Browsers, word-processor templates and layout programs often print tables with horizontal rules only, with
shaded rows, or with no rules at all. Word gaps alone do not tell their columns apart: a cell of justified text
has wide gaps, a narrow gutter can be a single space wide, and a cell set vertically centred shares no
baseline with its neighbours. What holds for every producer is that a column gutter is an x-range no word of
the table crosses (a spanning header cell on the first line excepted), while prose lines cross every such range.
Rows are bounded by horizontal rules or the edges of shaded bands where there are any, else by vertical gaps
wider than the gaps between a cell's own lines, else a line whose first cell is empty or goes on in lower case
continues the row above (a wrapped cell), as in the text version where a row is one line."""

from __future__ import annotations

import re
from typing import Optional

import numpy as np

from plantrace.extract.blocks import join_wrapped
from plantrace.extract.pdf_tables import TOL, GridTable, rules_from_drawings
from plantrace.extract.tables import HEADER_WORDS, is_header_row

RES = 2  # mask cells per point
MIN_GUTTER = 3.0  # points of whitespace between two columns
TITLE_LEAD = 1.0  # a column under a header standing alone begins this far left of its title's first word
_SECTION_NO = re.compile(r"^\d{1,2}(\.\d{1,2})*\.?$")
_LIST_MARK = re.compile(r"^([\W_]{1,2}|[a-z0-9]{1,2}[.:)]|\(?[a-z0-9]{1,2}\))$", re.I)
_LEADER = re.compile(r"\.{4,}")  # a table of contents' dot leaders


def visual_lines(words: list[tuple]) -> list[list[tuple]]:
    """Words grouped into lines by baseline, each line left to right."""
    lines: list[list[tuple]] = []
    for w in sorted(words, key=lambda w: ((w[1] + w[3]) / 2, w[0])):
        if lines:
            last = lines[-1]
            y0 = min(x[1] for x in last)
            y1 = max(x[3] for x in last)
            h = min(y1 - y0, w[3] - w[1])
            if h > 0 and min(y1, w[3]) - max(y0, w[1]) > 0.6 * h:
                last.append(w)
                continue
        lines.append([w])
    for ln in lines:
        ln.sort(key=lambda w: w[0])
    return lines


def _segments(line: list[tuple], gap: float) -> list[list[tuple]]:
    segs = [[line[0]]]
    for w in line[1:]:
        if w[0] - segs[-1][-1][2] >= gap:
            segs.append([w])
        else:
            segs[-1].append(w)
    return segs


def _cell_gap(h: float) -> float:
    """The gap that sets two runs of words of a line of height `h` apart as cells, not words."""
    return max(1.2 * h, 8.0)


def _is_seed(line: list[tuple], h: float) -> bool:
    """A line that looks like a table row: two or more runs of words apart by more than a word gap, and not a
    list item (a bullet or number before its text) or a contents line."""
    segs = _segments(line, _cell_gap(h))
    if len(segs) < 2:
        return False
    first = " ".join(w[4] for w in segs[0])
    text = " ".join(w[4] for w in line)
    # a numbered heading or contents line has its number, its title and perhaps a page number; a row of a table
    # with a number column has more cells than that
    numbered = (_SECTION_NO.match(segs[0][0][4]) or _SECTION_NO.match(first)) and len(segs) < 4
    return not (numbered or _LIST_MARK.match(first) or _LEADER.search(text)
                or spread_words([w[4] for w in line], [b[0] - a[2] for a, b in zip(line, line[1:])]))


def spread_words(texts: list[str], gaps: list[float]) -> bool:
    """Words of a justified line in a narrow column, each apart from the next by one and the same wide space: prose,
    not cells (a table's cells stand apart by gaps that differ with their contents). A list's number before them
    may stand apart otherwise."""
    if texts and re.fullmatch(r"\d{1,2}[.)]?", texts[0].strip()):
        texts, gaps = texts[1:], gaps[1:]
    words = [w for t in texts for w in t.split()]
    if len(gaps) < 3 or sum(1 for w in words if w[:1].isalpha() and not any(c.isdigit() for c in w)) < len(words) - 1:
        return False
    return max(gaps) - min(gaps) <= max(0.6, 0.05 * max(gaps))


class _Mask:
    """Which x positions the words of some lines cover."""

    def __init__(self, width: float):
        self.cover = np.zeros(int(width * RES) + 2, dtype=bool)

    def add(self, line: list[tuple], bridge: float = 0.0) -> None:
        """Cover the line's words, and the gaps between them narrower than `bridge` (word spaces)."""
        for k, w in enumerate(line):
            x1 = line[k + 1][0] if k + 1 < len(line) and line[k + 1][0] - w[2] < bridge else w[2]
            a, b = max(0, int(w[0] * RES)), min(len(self.cover), int(np.ceil(x1 * RES)) + 1)
            self.cover[a:b] = True

    def copy(self) -> "_Mask":
        m = _Mask.__new__(_Mask)
        m.cover = self.cover.copy()
        return m


def _free(mask: _Mask, lo: float, hi: float) -> list[tuple[float, float]]:
    """Free x-ranges of `mask` between `lo` and `hi`, a point wide or more."""
    a0, b0 = int(lo * RES), int(hi * RES)
    free = ~mask.cover[a0:b0 + 1]
    if not free.any():
        return []
    edges = np.flatnonzero(np.diff(np.concatenate(([0], free.view(np.int8), [0]))))
    return [((a0 + a) / RES, (a0 + b) / RES) for a, b in zip(edges[::2], edges[1::2]) if b - a >= RES]


def _supported(gaps: list[tuple[float, float]], lines: list[list[tuple]], wide: list[tuple[float, float]]
               ) -> list[tuple[float, float]]:
    """Gaps with words of two lines or more on each side (not always the same lines: a cell set vertically
    centred has its own baseline), or holding a wide gap of a row-like line (`wide`: a header over empty
    columns is their only evidence)."""
    out = []
    for x0, x1 in gaps:
        left = sum(1 for ln in lines if any(w[2] <= x0 + 0.5 for w in ln))
        right = sum(1 for ln in lines if any(w[0] >= x1 - 0.5 for w in ln))
        if (left >= 2 and right >= 2) or any(a <= x0 + 0.5 and b >= x1 - 0.5 for a, b in wide):
            out.append((x0, x1))
    return out


def _wide_gaps(line: list[tuple], gap: float) -> list[tuple[float, float]]:
    """The gaps of at least `gap` points between a line's runs of words."""
    segs = _segments(line, gap)
    return [(a[-1][2], b[0][0]) for a, b in zip(segs, segs[1:])]


def _horizontal_edges(drawings: list[dict]) -> list[tuple[float, float, float]]:
    """(y, x0, x1) of thin horizontal rules and of the top and bottom edges of shaded bands."""
    out = [(r.y0, r.x0, r.x1) for r in rules_from_drawings(drawings) if r.horizontal and r.x1 - r.x0 > 10]
    for d in drawings:
        if "f" not in (d.get("type") or "") or d.get("fill") is None:
            continue
        for item in d.get("items", ()):
            if item[0] == "re":
                r = item[1]
                if r.width > 10 and r.height > TOL:
                    out += [(r.y0, r.x0, r.x1), (r.y1, r.x0, r.x1)]
    return out


def _separators(edges, box) -> list[float]:
    """y of the edges that cut across most of the table's width inside it."""
    x0, y0, x1, y1 = box
    inside = sorted((y, max(a, x0), min(b, x1)) for y, a, b in edges if y0 + 1 < y < y1 - 1 and b > x0 and a < x1)
    out: list[list] = []
    for y, a, b in inside:
        if out and y - out[-1][0] <= TOL:
            out[-1][1] += b - a
        else:
            out.append([y, b - a])
    return [y for y, covered in out if covered >= 0.5 * (x1 - x0)]


def find_aligned_tables(words: list[tuple], exclude=(), page_width: float = 595.0,
                        drawings: list[dict] = (), precise: bool = True, page_foot: bool = False) -> list[GridTable]:
    """`precise`: the word boxes come from a text layer; OCR boxes are too rough to take a header's gaps for the
    table's gutters before the rows below confirm them. `page_foot`: the words' last line is the foot of the page
    (one column of text), where a table's header may stand alone, its rows on the next page."""
    words = [w for w in words if not any(b[0] - 1 <= (w[0] + w[2]) / 2 <= b[2] + 1
                                         and b[1] - 1 <= (w[1] + w[3]) / 2 <= b[3] + 1 for b in exclude)]
    if len(words) < 4:
        return []
    width = max(page_width, max(w[2] for w in words)) + 2
    lines = visual_lines(words)
    heights = [max(w[3] - w[1] for w in ln) for ln in lines]
    seeds = [_is_seed(ln, h) for ln, h in zip(lines, heights)]
    # the cell gaps of row-like lines: evidence for a gutter where the lines below have no words
    cell_gaps = [_wide_gaps(ln, _cell_gap(h)) if seed else [] for ln, h, seed in zip(lines, heights, seeds)]
    edges: Optional[list] = None
    tables: list[GridTable] = []
    i = start = 0  # `start`: the first line no table has taken
    while i < len(lines):
        if not seeds[i]:
            i += 1
            continue
        j, gutters, across = _grow(lines, heights, seeds, cell_gaps, i, width, 0.45 if precise else None)
        top = _rows_above(lines, heights, i, gutters, start)
        region = lines[top:j]
        n_seeds = sum(seeds[i:j])
        # (one row-like line may be a table's header at the foot of the page, its rows on the next)
        foot = page_foot and j >= len(lines) - 1 and len(HEADER_WORDS.findall(" ".join(w[4] for w in lines[i]))) >= 2
        if (n_seeds >= 2 or foot) and gutters and not _prose_columns(region, gutters, page_width):
            if edges is None:
                edges = _horizontal_edges(list(drawings))
            table = _assemble(region, gutters, edges, {k - top for k in across})
            if table is not None and len(table.rows) == 1 and len(lines) - j > 1:
                table = None  # a header alone is kept only at the foot of the page (a footer line may follow)
            if table is not None and not _marker_column(table):
                tables.append(table)
                i = start = j
                continue
        i += 1
    return tables


def _grow(lines, heights, seeds, cell_gaps, i: int, width: float, header_gap: Optional[float] = 0.45
          ) -> tuple[int, list[tuple[float, float]], set[int]]:
    """Extend a table down from seed line i while its gutters survive; the first line may cross gutters, and so
    may a row across the table (a goal or group line) between rows that keep them. Returns the end, the gutters
    and the lines that run across."""
    body = _Mask(width)
    # the first line's own gaps between cells, which may stand only a little further apart than its words
    # (narrow columns, a centred header), are the table's gutters to begin with (a row across the table may come
    # right under the header)
    head = _wide_gaps(lines[i], max(header_gap * heights[i], MIN_GUTTER)) if header_gap else []
    if header_gap:  # (the line right below may be the wrapped end of a header cell: look one further)
        for below in lines[i + 1:i + 3]:
            head = sorted(head + _aligned_below(lines[i], below, head))
        head = sorted(head + _kinds_apart(lines[i], head))
    gutters: list[tuple[float, float]] = list(head)
    across: set[int] = set()
    # a header set smaller than the rows under it (its cells' names, perhaps over a line of years): a row-like
    # line in a larger font right under it is the table's first row, no heading
    header_lines = 2 if len(HEADER_WORDS.findall(" ".join(w[4] for w in lines[i]))) >= 2 else 0
    j = i + 1
    while j < len(lines):
        gap = min(w[1] for w in lines[j]) - max(w[3] for w in lines[j - 1])
        if j > i + header_lines:
            sizes = heights[i + header_lines:j]  # the rows' own size, the header's left out
        else:  # right under the header: a row-like line may be set larger, anything else may not
            sizes = [heights[j]] if seeds[j] else heights[i:j]
        if gap > 1.6 * max(heights[j], heights[j - 1]) or heights[j] > 1.1 * min(sizes):
            break  # far below, or in a larger font (a heading, running text after a table set smaller)
        trial = body.copy()
        # a line without a wide gap is running text or a wrapped cell: its word spaces are no gutters
        trial.add(lines[j], 0.0 if seeds[j] else 0.5 * heights[j])
        mask = trial
        if j - i < 2:  # two lines: the first counts too (later it may cross a gutter: a spanning header cell)
            mask = trial.copy()
            mask.add(lines[i])
        lo = min(w[0] for ln in lines[i:j + 1] for w in ln)
        hi = max(w[2] for ln in lines[i:j + 1] for w in ln)
        free = _free(mask, lo, hi)
        # a gutter found stays, narrowed to what is still free (a longer cell line), unless a line crosses it
        kept = []
        for g0, g1 in gutters:
            rest = [(max(g0, f0), min(g1, f1)) for f0, f1 in free if min(g1, f1) - max(g0, f0) >= 1.0]
            if not rest:
                break
            kept.append(max(rest, key=lambda r: r[1] - r[0]))
        if not free or len(kept) < len(gutters):
            if gutters and _row_across(lines, heights, seeds, j, gutters):
                across.add(j)
                j += 1
                continue
            break  # prose crosses every gap; a line crossing one of the table's gutters is not a row of it
        wide = head + [g for k in range(i, j + 1) for g in cell_gaps[k]]
        # a new gutter lies inside the table's extent, at least MIN_GUTTER wide, apart from the ones kept
        inner = [f for f in free if f[1] - f[0] >= MIN_GUTTER and f[0] > lo and f[1] <= hi
                 and not any(f[0] < g1 and f[1] > g0 for g0, g1 in kept)]
        new = _supported(inner, lines[i:j + 1], wide)
        body, gutters = trial, sorted(kept + new)
        j += 1
    return j, gutters, across


def _rows_above(lines, heights, i: int, gutters: list[tuple[float, float]], start: int) -> int:
    """The first line of the table found from seed line `i`. The lines right above it in the same font that keep
    clear of every gutter belong to it up to the highest that fills two columns or more (a table going on
    without its header, its first row's cells set close: "Genomlys kostnaderna … IFN, Pågår Arbetet beräknas";
    a row whose cells are centred vertically, one cell's lines above and below the others')."""
    if not gutters or len(HEADER_WORDS.findall(" ".join(w[4] for w in lines[i]))) >= 2:
        return i  # a table that starts with its header has no rows above it
    bounds = [(a + b) / 2 for a, b in gutters]
    top = k = i
    while k - 1 >= start and i - k < 4:
        above = lines[k - 1]
        gap = min(w[1] for w in lines[k]) - max(w[3] for w in above)
        if gap > 1.6 * heights[k] or abs(heights[k - 1] - heights[k]) > 0.1 * heights[k]:
            break
        if not all(_free_stretch(g, above) >= 2.0 for g in gutters) \
                or any(w[0] < b < w[2] for w in above for b in bounds):
            break
        k -= 1
        if len({column_of(w[0], bounds) for w in above}) >= 2 or k + 1 == top and gap < -0.25 * heights[k]:
            top = k  # a row, or the first line of a cell centred against the row below it
    return top


def _aligned_below(first: list[tuple], below: list[tuple], head: list[tuple[float, float]]
                   ) -> list[tuple[float, float]]:
    """A header's gap only a little wider than a word space, confirmed as a gutter by the row below: a cell of it
    starts where the word after the gap starts (left edges aligned within a point and a half), and none of its
    words covers the gap ("Indikator Nuvärde" over "Totalt Kvinnor", the indicator's own cell empty)."""
    out = []
    for g0, g1 in _wide_gaps(first, MIN_GUTTER):
        if any(g0 < h1 and g1 > h0 for h0, h1 in head):
            continue
        if any(abs(w[0] - g1) <= 1.5 for w in below) and not any(w[0] < g1 - 1.5 and w[2] > g0 for w in below):
            out.append((g0, g1))
    # a header set so tight that its cells stand a word space apart ("Utfall Målvärde Status" in a narrow
    # column): a gap is a gutter when a cell of the row below starts exactly where the next header word does,
    # after a gap of its own far wider than a word space (centred lines of a wrapped cell have none such)
    ordered = sorted(below, key=lambda w: w[0])
    for g0, g1 in _wide_gaps(first, 1.0):
        if g1 - g0 >= MIN_GUTTER or any(g0 < h1 and g1 > h0 for h0, h1 in head + out):
            continue
        for k, w in enumerate(ordered):
            if k and abs(w[0] - g1) <= 1.0 and ordered[k - 1][2] <= g0 + 0.5 \
                    and g1 - ordered[k - 1][2] >= max(MIN_GUTTER, 0.8 * (w[3] - w[1])):
                out.append((g0, g1))
                break
    return out


# the words that each name a column of values: two of them side by side are two columns' names
_VALUE_KIND = re.compile(r"(?:utfall|målvärde|målsättning|målnivå|nuvärde|jämförelsevärde|jämförvärde|trend|status|"
                         r"prognos|budget|bokslut)", re.I)


def _kinds_apart(first: list[tuple], head: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """A header set so tight in a narrow column that two value columns' names stand a word space apart
    ("Utfall Målvärde" over rows whose target cell is empty): the space between two such names is a gutter."""
    words = sorted(first, key=lambda w: w[0])
    out = []
    for a, b in zip(words, words[1:]):
        if _VALUE_KIND.fullmatch(a[4].strip(".:,")) and _VALUE_KIND.fullmatch(b[4].strip(".:,")) and b[0] > a[2] \
                and not any(a[2] < h1 and b[0] > h0 for h0, h1 in head):
            out.append((a[2], b[0]))
    return out


def _row_across(lines, heights, seeds, j: int, gutters: list[tuple[float, float]]) -> bool:
    """Line j, crossing the gutters, is a row across the table: one run of words from the first column's edge,
    and the next line is a row that keeps every gutter."""
    if j + 1 >= len(lines) or not seeds[j + 1] or len(_segments(lines[j], _cell_gap(heights[j]))) > 1:
        return False
    if lines[j][0][0] > gutters[0][0]:
        return False
    gap = min(w[1] for w in lines[j + 1]) - max(w[3] for w in lines[j])
    # the next line keeps a gutter when some of it (a point or more) is still free of its words
    keeps = all(_still_free(g, lines[j + 1]) for g in gutters)
    return gap <= 1.6 * max(heights[j], heights[j + 1]) and keeps


def _free_stretch(gutter: tuple[float, float], line: list[tuple]) -> float:
    """The widest part of the gutter no word of the line covers."""
    spans = sorted((max(w[0], gutter[0]), min(w[2], gutter[1])) for w in line if w[0] < gutter[1] and w[2] > gutter[0])
    best, x = 0.0, gutter[0]
    for a, b in spans:
        best = max(best, a - x)
        x = max(x, b)
    return max(best, gutter[1] - x)


def _still_free(gutter: tuple[float, float], line: list[tuple]) -> bool:
    return _free_stretch(gutter, line) >= 1.0


def _marker_column(table: GridTable) -> bool:
    """A first column of bullets, list letters or a decision's "att" only: a list with hanging indents (at a
    tab stop), not a table."""
    if max(len(row) for row in table.rows) > 2:
        return False  # a number column before several others is a table's ("Nr")
    first = [row[0] for row in table.rows if row and row[0]]
    return bool(first) and all(len(c) <= 2 or _LIST_MARK.match(c) or c.lower() == "att" for c in first)


def _prose_columns(region, gutters, page_width: float) -> bool:
    """Two columns of running text, not a table: one gutter and both sides wide."""
    if len(gutters) != 1:
        return False
    g0, g1 = gutters[0]
    left = max((w[2] for ln in region for w in ln if w[2] <= g0 + 0.5), default=0) - min(w[0] for ln in region for w in ln)
    right = max(w[2] for ln in region for w in ln) - g1
    return left > 0.3 * page_width and right > 0.3 * page_width


def column_of(x0: float, bounds: list[float]) -> int:
    """The column an x falls in, given the (sorted) x where columns meet."""
    col = 0
    for k, b in enumerate(bounds):
        if x0 >= b:
            col = k + 1
    return col


def _assemble(region, gutters, edges, across: set[int] = frozenset(), min_rows: int = 2) -> Optional[GridTable]:
    bounds = [(a + b) / 2 for a, b in gutters]
    n = len(bounds) + 1
    box = (min(w[0] for ln in region for w in ln), min(w[1] for w in region[0]),
           max(w[2] for ln in region for w in ln), max(w[3] for w in region[-1]))
    cuts = _separators(edges, box)
    # clusters: lines whose boxes overlap by more than tight leading does (cells set vertically centred
    # interleave their lines)
    clusters: list[list] = []  # [top, bottom, lines, runs across the table]
    for k, ln in enumerate(region):
        top, bottom = min(w[1] for w in ln), max(w[3] for w in ln)
        overlap = clusters[-1][1] - top if clusters else 0.0
        if overlap > 0.25 * (bottom - top) and not any(clusters[-1][1] - 0.5 > c > top for c in cuts) \
                and k not in across and not clusters[-1][3]:
            clusters[-1][1] = max(clusters[-1][1], bottom)
            clusters[-1][2].append(ln)
        else:
            clusters.append([top, bottom, [ln], k in across])
    gaps = [b[0] - a[1] for a, b in zip(clusters, clusters[1:])]
    base = min(gaps) if gaps else 0.0
    h = max(w[3] - w[1] for ln in region for w in ln)
    spacing = max(1.5, 0.2 * h)
    padded = any(g > base + spacing for g in gaps)  # rows set apart by more space than a cell's lines
    rows: list[list] = []  # [top, bottom, [words], across]
    for k, (top, bottom, lns, runs_across) in enumerate(clusters):
        ws = [w for ln in lns for w in ln]
        new = not rows or runs_across or rows[-1][3]
        if not new:
            prev_bottom = rows[-1][1]
            cut = any(prev_bottom - 1 <= c <= top + 1 for c in cuts)
            if padded:
                new = cut or top - prev_bottom > base + spacing
            else:  # no spacing to go by: a line whose first cell is empty or goes on in lower case continues,
                # unless it fills columns the row above left empty (a header's second row: "Totalt Kvinnor Män")
                first = [w for w in sorted(ws, key=lambda w: (w[1], w[0])) if column_of(w[0], bounds) == 0]
                above = {column_of(w[0], bounds) for w in rows[-1][2]}
                fills = {column_of(w[0], bounds) for w in ws} - above
                # (figures again in two columns that already hold the row above's figures: the next row, its first
                # cell left empty under a merged one, "Mål | Indikator | Utfall …", no cell broken over lines)
                again = _figure_columns(ws, bounds) & _figure_columns(rows[-1][2], bounds)
                new = cut or bool(first) and not first[0][4][:1].islower() or not first and len(fills) >= 2 \
                    or len(again) >= 2
        if new:
            rows.append([top, bottom, ws, runs_across])
        else:
            rows[-1][1] = max(rows[-1][1], bottom)
            rows[-1][2] += ws
    word_x: list[float] = []
    if len(rows) < min_rows:
        alone = _header_alone(rows[0][2], bounds, n) if rows else None
        if alone is None:
            return None
        bounds, n, word_x = alone, len(alone) + 1, sorted(w[0] for w in rows[0][2])
    table = GridTable(bbox=box, bounds=bounds, word_x=word_x)
    for top, bottom, ws, runs_across in rows:
        cells: list[list[tuple]] = [[] for _ in range(n)]
        for w in ws:
            cells[0 if runs_across else column_of(w[0], bounds)].append(w)
        table.rows.append([_cell_text(c) for c in cells])
        table.cell_x.append([min(w[0] for w in c) if c else None for c in cells])
        table.row_boxes.append((min(w[0] for w in ws), top, max(w[2] for w in ws), bottom))
        table.spans.append([1] * n)
    filled = sum(1 for r in table.rows for c in r if c)
    table.quality = round(0.8 * filled / (len(table.rows) * n), 3)  # alignment-only tables are less certain
    return table


_FIGURE = re.compile(r"[-−–+]?\d[\d\s]*(?:[,.]\d+)?\s?%?")


def _figure_columns(ws: list[tuple], bounds: list[float]) -> set[int]:
    """The columns (not the first) whose words are one figure ("4,1", "78 %")."""
    cols: dict[int, list[str]] = {}
    for w in sorted(ws, key=lambda w: w[0]):
        cols.setdefault(column_of(w[0], bounds), []).append(w[4])
    return {c for c, words in cols.items() if c > 0 and _FIGURE.fullmatch(" ".join(words))}


def _header_alone(ws: list[tuple], bounds: list[float], n: int) -> Optional[list[float]]:
    """One row of column headers over two or more columns ("Utfall" over "2023" …): a table whose rows follow
    on the next page (its header set at the foot of this one), kept so that they can take its columns. Returns
    its column boundaries: those found, and one in any cell whose words stand a cell gap apart (a first column's
    title set at the middle height of a two-line header has no line of its own to show its gutter)."""
    h = max(w[3] - w[1] for w in ws)
    bounds = list(bounds)
    for k in range(n):
        cell = sorted((w for w in ws if column_of(w[0], bounds) == k), key=lambda w: w[0])
        right = cell[0][2] if cell else 0.0
        for w in cell[1:]:
            if w[0] - right > _cell_gap(h):
                bounds.append((right + w[0]) / 2)
            right = max(right, w[2])
    bounds.sort()
    cells = [[] for _ in range(len(bounds) + 1)]
    for w in ws:
        cells[column_of(w[0], bounds)].append(w)
    texts = [_cell_text(c) for c in cells]
    if sum(1 for t in texts if t) < 2 or not is_header_row(texts):
        return None
    # without rows to show how wide the cells run, a column starts where its title does (the names under the first
    # column's title run wider than it)
    return [min(w[0] for w in c) - TITLE_LEAD if c else b for b, c in zip(bounds, cells[1:])]


def continued_table(words: list[tuple], bounds: list[float], extent: tuple[float, float],
                    drawings: list[dict] = (), header_x: list[float] = ()) -> Optional[GridTable]:
    """The rows at the top of a page under the columns of a table whose header stood alone at the foot of the page
    before: read under those columns (the rows alone may leave most of them empty, and their own alignment says too
    little to find the table). They end at a line in a larger font, after a wide space, or at a line with a word
    across one of the columns' boundaries (running text) or outside the header's `extent` (x from, x to: a column
    of text beside the table). Header words a word space apart (`Utfall Målvärde Status` over narrow columns) read
    as one cell; where a word of the rows starts under one of them (`header_x`), a column starts there."""
    lines = visual_lines(words)
    if not lines or not bounds:
        return None
    region: list[list[tuple]] = []
    for ln in lines:
        h = max(w[3] - w[1] for w in ln)
        if region:
            above = region[-1]
            gap = min(w[1] for w in ln) - max(w[3] for w in above)
            if gap > 1.6 * h or h > 1.1 * min(max(w[3] - w[1] for w in r) for r in region):
                break
        elif column_of(ln[0][0], bounds) != 0:
            return None
        if any(w[0] < b - 1 < w[2] or w[0] < b + 1 < w[2] for w in ln for b in bounds) \
                or any(w[0] < extent[0] - 3 or w[2] > extent[1] + 3 for w in ln):
            break
        region.append(ln)
    if not any(column_of(w[0], bounds) > 0 for ln in region for w in ln):
        return None  # no cell beyond the first column: running text at the top of the page, not rows
    below = [w for ln in region for w in ln]
    for x in header_x:
        start = x - TITLE_LEAD
        if x > bounds[0] and all(abs(start - b) > 2 for b in bounds) \
                and any(abs(w[0] - x) <= 2 for w in below) and not any(w[0] < start < w[2] for w in below):
            bounds = sorted([*bounds, start])
    return _assemble(region, [(b - 0.5, b + 0.5) for b in bounds], _horizontal_edges(list(drawings)), min_rows=1)


def _cell_text(ws: list[tuple]) -> str:
    if not ws:
        return ""
    return join_wrapped([" ".join(w[4] for w in ln) for ln in visual_lines(ws)])
