"""PDF → `Layout`, the same representation the text reader produces, so all extractors are shared.

Per page: words and lines with fonts and boxes from pymupdf; list bullets drawn as small shapes read as "•";
two columns found by the gutter fewest lines cross; ruled tables from the vector drawings and tables without
vertical rules from the words' alignment (inside each column), their rows becoming lines with cells; running
headers/footers removed; lines joined into paragraphs by spacing and style, and kept as separate lines where the
author broke them (the next line's first word would have fitted, a label such as "Status:" starts it, an
att-clause follows one); heading hints from the outline, else from font size and weight (numbering is judged
later, for both formats). Scanned pages are OCR'd with Tesseract (Swedish) when it is installed. Nothing here
knows which program made the PDF."""

from __future__ import annotations

import re
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple, Optional

import numpy as np
import pymupdf

from plantrace.errors import InputError
from plantrace.extract.blocks import (ATT_SATS, BULLET, GLYPH_BULLETS, HYPHENS, SHAPE_BULLETS, item_ended,
                                      join_wrapped, line_ended)
from plantrace.extract.layout import Layout, Line
from plantrace.extract.pdf_aligned import column_of, continued_table, find_aligned_tables, spread_words
from plantrace.extract.pdf_tables import GridTable, find_grid_tables
from plantrace.extract.tables import HEADER_WORDS, is_header_row
from plantrace.extract.text_reader import PAGE_MARK, clean_line

_NUMBER_ONLY = re.compile(r"^\d{1,2}(\.\d{1,2}){0,5}\.?$")
_PAGE_NO = re.compile(r"^(sida\s*)?\d{1,4}(\s*(av|/|\()\s*\d{1,4}\)?)?$", re.I)
_SENT_END = re.compile(r"[.!?:;]$")
_LABEL_START = re.compile(r"^[A-ZÅÄÖ][\wåäöÅÄÖ/-]{1,24}(?: [\wåäö/-]{1,15})?:\s+\S")
_BULLET_GLYPH = re.compile(f"^[{SHAPE_BULLETS}{GLYPH_BULLETS}–-]$")


@dataclass
class VLine:
    """One visual line: the pymupdf lines on the same baseline, left to right."""

    text: str
    bbox: tuple[float, float, float, float]
    size: float
    bold: bool
    page: int
    ocr: bool = False
    cells: Optional[list[str]] = None
    table: Optional[int] = None  # index of the grid table this row belongs to
    quality: Optional[float] = None
    right: Optional[float] = None  # right edge of the column the line stands in (two-column pages)
    cell_x: Optional[list] = None  # a table row's: x of each cell's first word (None: empty)
    bounds: Optional[list] = None  # a table row's: where its table's columns meet
    aside: bool = False  # set in a shaded box apart from the running text (a fact box, a call-out)
    word_x: Optional[list] = None  # a table's header standing alone: where each of its words starts
    base: Optional[float] = None  # the baseline its glyphs stand on

    @property
    def y0(self) -> float:
        return self.bbox[1]

    @property
    def y1(self) -> float:
        return self.bbox[3]


@dataclass
class PageText:
    number: int
    width: float
    height: float
    lines: list[VLine] = field(default_factory=list)


def _is_bold(span: dict) -> bool:
    return bool(span["flags"] & 16) or "bold" in span["font"].lower()


def _merge_baseline(raw: list[VLine]) -> list[VLine]:
    """pymupdf lines that share a baseline become one line; a wide gap between them becomes a cell break."""
    tops = {id(ln): ln.y0 for ln in raw}
    for ln in raw:
        if ln.base is not None and _BULLET_GLYPH.match(ln.text.strip()):
            # a list marker in a font of its own gets that font's box, which a producer embedding the font anew
            # (Ghostscript, cairo) may set lower or higher than its text's: it goes with the text on its baseline
            text = min((t for t in raw if t is not ln and t.base is not None and t.bbox[0] >= ln.bbox[2] - 1
                        and abs(t.base - ln.base) <= 0.25 * max(t.size, ln.size)),
                       key=lambda t: t.bbox[0], default=None)
            if text is not None:
                tops[id(ln)] = text.y0
    raw.sort(key=lambda l: (round(tops[id(l)]), l.bbox[0]))
    out: list[VLine] = []
    pieces: dict[int, list] = {}  # per merged line: its pieces' texts and the gaps between them
    for ln in raw:
        if out:
            prev = out[-1]
            h = min(prev.y1 - prev.y0, ln.y1 - ln.y0)
            overlap = min(prev.y1, ln.y1) - max(prev.y0, ln.y0)
            if h > 0 and overlap > 0.6 * h and ln.bbox[0] >= prev.bbox[2] - 1:
                gap = ln.bbox[0] - prev.bbox[2]
                sep = " "
                # a lone number after more than an em (a page number beside a wrapped table-of-contents entry, a
                # value beside its name in a narrow column) is a cell of its own, like any text after a wide gap
                wide = (1.0 if _NUMBER_ONLY.match(ln.text.strip()) else 2.5) * max(prev.size, ln.size)
                if gap > wide and not _NUMBER_ONLY.match(prev.text.split("\t")[-1].strip()) \
                        and not _BULLET_GLYPH.match(prev.text.strip()):
                    sep = "\t"
                prev.text = prev.text + sep + ln.text
                prev.bbox = (prev.bbox[0], min(prev.y0, ln.y0), ln.bbox[2], max(prev.y1, ln.y1))
                prev.size = max(prev.size, ln.size)
                prev.bold = prev.bold and ln.bold
                texts, gaps = pieces[id(prev)]
                texts.append(ln.text)
                gaps.append(gap)
                continue
        out.append(ln)
        pieces[id(ln)] = ([ln.text], [])
    for ln in out:
        texts, gaps = pieces[id(ln)]
        if "\t" in ln.text and spread_words(texts, gaps):
            ln.text = " ".join(texts)
    return out


def _drawn_markers(drawings: list[dict]) -> list[tuple[float, float, float, float]]:
    """Small dark shapes, the list bullets a browser or a layout program draws instead of printing a glyph.
    Coloured ones are left out: a red or green dot is a status, not a bullet."""
    out = []
    for d in drawings:
        r = d["rect"]
        w, h = r.width, r.height
        if not (1.5 <= w <= 7 and 1.5 <= h <= 7 and 0.6 <= w / h <= 1.6):
            continue
        colour = d.get("fill") if "f" in (d.get("type") or "") else d.get("color")
        if colour is None or len(colour) < 3 or max(colour[:3]) - min(colour[:3]) > 0.15 or min(colour[:3]) > 0.6:
            continue
        out.append((r.x0, r.y0, r.x1, r.y1))
    return out


# a traffic light's colours as the status vocabulary reads them in a cell
_LIGHTS = (("Grön", lambda r, g, b: g > r + 0.15 and g > b + 0.15),
           ("Röd", lambda r, g, b: r > g + 0.3 and r > b + 0.3 and g < 0.45),
           ("Gul", lambda r, g, b: r > 0.6 and g > 0.45 and b < 0.45))


def status_lights(drawings: list[dict], words: list[tuple]) -> list[tuple]:
    """Coloured dots and squares standing where no text is (a scorecard's status column: green, yellow, red),
    as words ("Grön", "Gul", "Röd") at their place, so that the cell they fill reads as the status they show."""
    out = []
    for d in drawings:
        r = d["rect"]
        if not (3 <= r.width <= 18 and 3 <= r.height <= 18 and 0.6 <= r.width / r.height <= 1.6):
            continue
        colour = d.get("fill") if "f" in (d.get("type") or "") else None
        if colour is None or len(colour) < 3 or max(colour[:3]) - min(colour[:3]) < 0.25:
            continue
        word = next((w for w, test in _LIGHTS if test(*colour[:3])), None)
        if word is None or any(w[0] < r.x1 and r.x0 < w[2] and w[1] < r.y1 and r.y0 < w[3] for w in words):
            continue  # (a colour behind text is a highlight, not a light)
        if any(abs(o[0] - r.x0) < 1 and abs(o[1] - r.y0) < 1 for o in out):
            continue  # the same light drawn twice (fill, then outline)
        out.append((r.x0, r.y0, r.x1, r.y1, word, -1, -1, -1))
    return out


def _has_marker(markers, bbox, size: float) -> bool:
    """A marker just left of the line's start, at the height of its first row."""
    x0, y0 = bbox[0], bbox[1]
    for mx0, my0, mx1, my1 in markers:
        cy = (my0 + my1) / 2
        if x0 - 3 * size <= mx1 <= x0 + 0.5 and y0 <= cy <= y0 + 1.3 * size:
            return True
    return False


def read_page(page: pymupdf.Page, ocr_dict: Optional[dict] = None,
              carry: Optional[tuple[list[float], tuple[float, float], list[float]]] = None) -> PageText:
    """One page; `ocr_dict` is the page's text as OCR read it (same shape as get_text("dict")); `carry`: the
    column boundaries, x extent and words' starts of a table whose header stood alone at the foot of the page
    before."""
    pt = PageText(page.number + 1, page.rect.width, page.rect.height)
    ocr = ocr_dict is not None
    markers: list[tuple[float, float, float, float]] = []
    drawings: list[dict] = []
    if not ocr:
        drawings = page.get_drawings()
        markers = _drawn_markers(drawings)
    data = ocr_dict if ocr else page.get_text("dict", flags=pymupdf.TEXTFLAGS_DICT & ~pymupdf.TEXT_PRESERVE_IMAGES)
    every: list[VLine] = []
    for block in data["blocks"]:
        for line in block.get("lines", ()):
            spans = [s for s in line["spans"] if s["text"].strip()]
            if not spans:
                continue
            x0, y0, x1, y1 = line["bbox"]
            if line.get("dir", (1, 0))[0] < 0.9:
                continue  # rotated text (margin notes, stamps)
            text = "".join(s["text"] for s in line["spans"]).strip()
            # the text's size, not a bullet glyph's set larger or smaller than it
            sized = [s for s in spans if not _BULLET_GLYPH.fullmatch(s["text"].strip())] or spans
            size = max(s["size"] for s in sized)
            bold = all(_is_bold(s) for s in spans)
            if markers and not BULLET.match(text) and _has_marker(markers, (x0, y0, x1, y1), size):
                text = "• " + text
            base = spans[0]["origin"][1] if "origin" in spans[0] else None
            every.append(VLine(text, (x0, y0, x1, y1), round(size, 1), bold, pt.number, ocr=ocr, base=base))
    band = _column_band(every, pt.width)
    tables: list[GridTable] = []
    if ocr:  # the words OCR read, with their boxes: a scanned table's columns show in their alignment too
        words = [w for block in data["blocks"] for line in block.get("lines", ()) for w in line.get("words", ())]
    else:
        words = page.get_text("words")
        words += status_lights(drawings, words)
        tables = find_grid_tables(drawings, words) if drawings else []
    if carry and not tables:
        head_rows = continued_table(words, carry[0], carry[1], drawings, carry[2])
        tables = [head_rows] if head_rows is not None else []
    # tables of aligned text are looked for inside each column of running text, so that the gutter between two
    # columns of prose is never taken for a column of a table
    for region, width in _regions(words, band, pt.width):
        tables += find_aligned_tables(region, [t.bbox for t in tables], width, drawings, precise=not ocr,
                                      page_foot=band is None)
    boxes = [t.bbox for t in tables]
    raw = [ln for ln in every if not any(b[0] - 1 <= (ln.bbox[0] + ln.bbox[2]) / 2 <= b[2] + 1
                                         and b[1] - 1 <= (ln.y0 + ln.y1) / 2 <= b[3] + 1 for b in boxes)]
    aside = _in_side_boxes(raw, drawings, boxes, pt.width) if band is not None else set()
    if aside:
        raw = [ln for ln in raw if id(ln) not in aside]
    rows = [VLine("\t".join(row), box, 0.0, False, pt.number, cells=list(row), table=ti, quality=t.quality, ocr=ocr,
                  cell_x=xs, bounds=t.bounds, word_x=t.word_x or None)
            for ti, t in enumerate(tables) for row, box, xs in zip(t.rows, t.row_boxes, t.cell_x or [None] * len(t.rows))]
    ordered = _reading_order(raw + rows, band)
    if ordered is None:  # one column: lines on a baseline are one line
        lines = _merge_baseline(raw) + rows
        lines.sort(key=lambda l: (l.y0, l.bbox[0]))
        _column_edges(lines, pt.width)
        pt.lines = lines
    else:
        parts = [_merge_baseline([l for l in part if l.cells is None]) + [l for l in part if l.cells is not None]
                 for part in ordered]
        for part in parts[2:4]:  # the two columns: a line wraps at its column's edge
            part.sort(key=lambda l: (l.y0, l.bbox[0]))
            edge = max((ln.bbox[2] for ln in part if ln.cells is None), default=None)
            for ln in part:
                ln.right = edge
        pt.lines = [ln for part in parts for ln in part]
    if aside:  # a side box is read after the page's running text, apart from it: it interrupts no column
        boxed = sorted(_merge_baseline([ln for ln in every if id(ln) in aside]), key=lambda l: (l.y0, l.bbox[0]))
        for ln in boxed:
            ln.aside = True
        pt.lines += boxed
    return pt


def _in_side_boxes(lines: list[VLine], drawings: list[dict], tables: list, width: float) -> set[int]:
    """The lines (by id) set inside a shaded box beside the running text of a page in columns (a fact box, a
    call-out): filled rectangles narrower than the page, three lines high or more, holding two lines or more, none
    crossing their edges, with text beside them."""
    found: set[int] = set()
    for d in drawings:
        if "f" not in (d.get("type") or "") or not d.get("fill") or min(d["fill"]) > 0.98:
            continue
        r = d.get("rect")
        if r is None or r.width > 0.6 * width or any(not (r.x1 < t[0] or t[2] < r.x0 or r.y1 < t[1] or t[3] < r.y0)
                                                      for t in tables):
            continue
        inside = [ln for ln in lines if r.x0 - 1 <= ln.bbox[0] and ln.bbox[2] <= r.x1 + 1
                  and r.y0 - 1 <= ln.y0 and ln.y1 <= r.y1 + 1]
        crossing = [ln for ln in lines if ln not in inside and ln.bbox[0] < r.x1 and ln.bbox[2] > r.x0
                    and ln.y0 < r.y1 and ln.y1 > r.y0]
        beside = any(ln.y0 < r.y1 and ln.y1 > r.y0 and (ln.bbox[2] < r.x0 or ln.bbox[0] > r.x1) for ln in lines)
        if len(inside) >= 2 and not crossing and beside and r.height >= 3 * max(ln.y1 - ln.y0 for ln in inside):
            found.update(id(ln) for ln in inside)
    return found


def _column_edges(lines: list[VLine], width: float) -> None:
    """On a page too short to show its two columns as a band, text on both sides of the middle and none across
    it still wraps at its column's edge."""
    text = [l for l in lines if l.cells is None]
    mid = width / 2
    left = [l for l in text if l.bbox[2] <= mid]
    right = [l for l in text if l.bbox[0] >= mid]
    if len(left) + len(right) < len(text):
        return
    for side in (left, right):
        if len(side) < 2:
            continue
        edge = max(l.bbox[2] for l in side)
        # a column's lines wrap at one edge (justified or nearly); a list of short lines ends anywhere
        if sum(1 for l in side if l.bbox[2] > edge - 8) >= max(2, 0.3 * len(side)):
            for l in side:
                l.right = edge


def _regions(words: list[tuple], band: Optional[tuple[float, float, float, float]], width: float):
    """(words, width) of each area a table may lie in: the whole page, or each column and what is outside them."""
    if band is None:
        yield words, width
        return
    mid, top, _, bottom = band  # down to where the longer column ends
    inside = [w for w in words if top <= (w[1] + w[3]) / 2 <= bottom]
    yield [w for w in inside if (w[0] + w[2]) / 2 < mid], width / 2
    yield [w for w in inside if (w[0] + w[2]) / 2 >= mid], width / 2
    yield [w for w in words if not top <= (w[1] + w[3]) / 2 <= bottom], width


def _header_at_foot(pt: PageText) -> Optional[tuple[list[float], tuple[float, float], list[float]]]:
    """The column boundaries, x extent and words' starts of a table that is only its header, among the page's last
    two lines."""
    for ln in pt.lines[-2:]:
        if ln.cells is not None and ln.bounds and is_header_row(ln.cells) \
                and sum(1 for other in pt.lines if other.table == ln.table and other.cells is not None) == 1:
            return list(ln.bounds), (ln.bbox[0], ln.bbox[2]), list(ln.word_x or [])
    return None


class _Side(NamedTuple):
    """One side of a page's middle, as `_column_band` sees it."""
    top: float
    bottom: float
    wide: int  # rows of prose width and words
    gapped: int  # rows with a cell gap between their pieces
    rows: int
    width: float  # from the side's margin to its furthest right edge
    flush: int  # rows that start at the margin
    tops: list[float]


def _column_band(lines: list[VLine], width: float) -> Optional[tuple[float, float, float, float]]:
    """(gutter x, top, bottom, bottom of the longer column) of the part of a page set in two columns of running
    text, else None.

    The gutter is the x near the middle that the fewest lines cross; both sides must hold lines of prose width
    (pieces on one baseline counted together: justified text comes in pieces) over a common height."""
    text = [l for l in lines if l.cells is None]
    if len(text) < 8:
        return None
    xs = np.arange(int(0.35 * width), int(0.65 * width) + 1, 2)
    x0s = np.array([l.bbox[0] for l in text])[:, None]
    x1s = np.array([l.bbox[2] for l in text])[:, None]
    crossing = ((x0s < xs - 1) & (x1s > xs + 1)).sum(axis=0)
    order = np.lexsort((np.abs(xs - width / 2), crossing))  # fewest crossings, then nearest the middle
    mid = int(xs[order[0]])
    if crossing[order[0]] > 0.15 * len(text):
        return None
    sides = []
    for on_side in (lambda l: l.bbox[2] <= mid + 1, lambda l: l.bbox[0] >= mid - 1):
        rows: dict[int, list] = {}
        for l in sorted(text, key=lambda l: l.bbox[0]):
            if on_side(l):
                r = rows.setdefault(round(l.y0 / 3), [l.bbox[0], l.bbox[2], l.y0, l.y1, 0, 0.0])
                r[5] = max(r[5], l.bbox[0] - r[1])  # widest gap between the pieces of the row
                r[0], r[1], r[2], r[3] = min(r[0], l.bbox[0]), max(r[1], l.bbox[2]), min(r[2], l.y0), max(r[3], l.y1)
                r[4] += len(l.text.split())
        if not rows:
            return None
        # prose: wide rows of many words without a cell gap (the halves of a table's rows are wide too, but
        # hold few words or cells apart)
        wide = sum(1 for r in rows.values() if r[1] - r[0] > 0.3 * width and r[4] >= 5)
        gapped = sum(1 for r in rows.values() if r[5] > 1.2 * (r[3] - r[2]))
        starts = [round(r[0]) for r in rows.values()]
        x0 = max(set(starts), key=starts.count)  # the column's margin: where most of its lines start
        sides.append(_Side(top=min(r[2] for r in rows.values()), bottom=max(r[3] for r in rows.values()), wide=wide,
                           gapped=gapped, rows=len(rows), width=max(r[1] for r in rows.values()) - x0,
                           flush=sum(1 for r in rows.values() if abs(r[0] - x0) < 2),
                           tops=[r[2] for r in rows.values()]))
    # (a column of running text stands flush at its margin on a third of its lines at least; the right part of a
    # table of centred cells, wide and with few gaps, does not)
    if not all(side.wide >= 4 and side.wide >= 0.3 * side.rows and side.gapped <= 0.4 * side.rows
               and side.flush >= 0.3 * side.rows for side in sides):
        # a column's short end (the last page's right column, a few lines over) or columns of short lines (a list
        # of assignments): each side's lines flush at their margin, the two as wide as each other, no cell gaps,
        # and the shorter side's lines not on the other's baselines -- a table's cells start their rows together
        few, more = sorted(sides, key=lambda side: side.rows)
        aligned = sum(1 for y in few.tops if any(abs(y - other) < 1.0 for other in more.tops))
        if not all(side.wide >= 1 and side.gapped <= 0.15 * side.rows and side.flush >= 0.8 * side.rows for side in sides) \
                or abs(few.width - more.width) > 0.04 * max(few.width, more.width) or aligned >= 0.5 * few.rows:
            return None
    (l0, l1), (r0, r1) = ((side.top, side.bottom) for side in sides)
    if min(l1, r1) - max(l0, r0) < 0.5 * min(l1 - l0, r1 - r0):
        return None
    return float(mid), max(l0, r0) - 2, min(l1, r1) + 2, max(l1, r1) + 2


def _reading_order(lines: list[VLine], band: Optional[tuple[float, float, float, float]]
                   ) -> Optional[list[list[VLine]]]:
    """None for a one-column page (no `band`); else the parts in reading order: above, left column, right
    column, below."""
    if band is None:
        return None
    lines = sorted(lines, key=lambda l: (l.y0, l.bbox[0]))
    mid, band_top, band_bottom, longer_bottom = band
    # (a table inside a column goes with it, down to where the longer column ends: below the shorter one's end it
    # is no table under both)
    left = [l for l in lines if l.bbox[2] <= mid + 1 and (l.cells is None or l.y0 < longer_bottom)]
    right = [l for l in lines if l.bbox[0] >= mid - 1 and (l.cells is None or l.y0 < longer_bottom)]
    in_cols = {id(l) for l in left} | {id(l) for l in right}
    above = [l for l in lines if l.y1 <= band_top or (id(l) not in in_cols and l.y0 < band_top)]
    taken = {id(l) for l in above}
    below = [l for l in lines if id(l) not in taken and l.y0 >= band_bottom and id(l) not in in_cols]
    taken |= {id(l) for l in below}
    rest = [l for l in lines if id(l) not in taken]
    # a table inside a column is read with its column; one across both after them
    inside = lambda l: l.cells is None or l.bbox[2] <= mid + 1 or l.bbox[0] >= mid - 1
    col_left = [l for l in rest if (l.bbox[0] + l.bbox[2]) / 2 < mid and inside(l)]
    col_right = [l for l in rest if (l.bbox[0] + l.bbox[2]) / 2 >= mid and inside(l)]
    tables = [l for l in rest if not inside(l)]
    split = lambda ls: [[l for l in ls if l.cells is None], [l for l in ls if l.cells is not None]]
    return [*split(above), col_left, col_right, tables, *split(below)]


def _furniture(pages: list[PageText]) -> set[tuple[int, int]]:
    """(page, line index) of running headers/footers: same text (digits aside) near the same place on many pages."""
    seen: dict[tuple[str, int], set[int]] = defaultdict(set)
    for p in pages:
        for ln in p.lines:
            if ln.cells is not None:
                continue
            if ln.y1 < 0.12 * p.height or ln.y0 > 0.88 * p.height:
                key = (re.sub(r"\d+", "#", ln.text.strip().lower()), round(ln.y0 / 6))
                seen[key].add(p.number)
    repeated = {k for k, v in seen.items() if len(pages) >= 3 and len(v) >= max(2, len(pages) * 0.4)}
    drop: set[tuple[int, int]] = set()
    for p in pages:
        for i, ln in enumerate(p.lines):
            if ln.cells is not None:
                continue
            in_margin = ln.y1 < 0.12 * p.height or ln.y0 > 0.88 * p.height
            key = (re.sub(r"\d+", "#", ln.text.strip().lower()), round(ln.y0 / 6))
            if in_margin and (key in repeated or _PAGE_NO.match(ln.text.strip())) or PAGE_MARK.match(ln.text):
                drop.add((p.number, i))
    return drop


def _text_edge(pages: list[PageText]) -> float:
    """Where body text wraps: the right edge full lines reach (outside the page margins, where a right-aligned
    date sits, and a high percentile, so one stray line does not move it). Too far right only leaves a wrapped
    line unjoined, which the text rules handle as in hard-wrapped text; too far left joins separate lines."""
    body = [(ln, p.width) for p in pages for ln in p.lines
            if ln.cells is None and ln.right is None and 0.12 * p.height < ln.y0 < 0.88 * p.height]
    if not body:
        return max((p.width for p in pages), default=600.0)
    ends = sorted(ln.bbox[2] for ln, _ in body)
    starts = sorted(ln.bbox[0] for ln, _ in body)
    # a document of short lines never reaches its edge: margins are about as wide on the right as on the left
    mirrored = statistics.median(w for _, w in body) - starts[int(0.05 * (len(starts) - 1))]
    return max(ends[int(0.99 * (len(ends) - 1))], mirrored - 6)


def _body_size(pages: list[PageText]) -> float:
    sizes: Counter = Counter()
    for p in pages:
        for ln in p.lines:
            if ln.cells is None and ln.size:
                sizes[ln.size] += len(ln.text)
    return sizes.most_common(1)[0][0] if sizes else 11.0


@dataclass
class _Para:
    lines: list[VLine]

    @property
    def text(self) -> str:
        return join_wrapped([l.text.replace("\t", " ") for l in self.lines])

    def text_lines(self, edge: float, body: float, justified: bool = False) -> list["_Para"]:
        """The paragraph cut where a line ended by choice, not by wrapping: as the text version has its lines.
        In justified text a line that stops short of the edge, after one that reached it or with a full stop or a
        colon, ends its paragraph (`justified`: the document sets its body text so)."""
        out = [[self.lines[0]]]
        for prev, ln in zip(self.lines, self.lines[1:]):
            # (a paragraph's first line stopping short ended it too when it closed a sentence or opened a list)
            short = justified and not _reaches(prev, edge) and ln.text[:1].isupper() and ln.page == prev.page and (
                len(out[-1]) >= 2 and _reaches(out[-1][-2], edge) and not prev.text.rstrip().endswith((*HYPHENS, ","))
                or prev.text.rstrip().endswith((":", ".", "!", "?")))
            if short or _hard_break(prev, ln, prev.right or edge, body if len(out[-1]) == 1 else None) \
                    or _next_att_clause(out[-1][0], prev, ln, justified and not _reaches(prev, prev.right or edge)) \
                    or item_ended(out[-1][0].text, prev.text, ln.text):
                out.append([ln])
            else:
                out[-1].append(ln)
        return [_Para(group) for group in out]


def _reaches(ln: VLine, edge: float) -> bool:
    """The line runs to its column's right edge (within a third of a character)."""
    return (ln.right or edge) - ln.bbox[2] <= 0.3 * max(ln.size, 1.0)


def _justified(pages: list["PageText"], edge: float) -> bool:
    """Whether the document justifies its body text: of the lines that a lower-case line continues (a wrap, so
    not a paragraph's last), nearly all reach the edge; in ragged text only some do."""
    wrapped = [a for p in pages for a, b in zip(p.lines, p.lines[1:])
               if a.cells is None and b.cells is None and a.page == b.page and b.text[:1].islower()
               and -0.5 * a.size <= b.y0 - a.y1 < a.size and abs(a.bbox[0] - b.bbox[0]) < 2 and len(a.text) > 30]
    return len(wrapped) >= 10 and sum(_reaches(a, edge) for a in wrapped) >= 0.9 * len(wrapped)


def _next_att_clause(first: VLine, prev: VLine, ln: VLine, short: bool = False) -> bool:
    """In a list of att-satser (a decision: "att ge …, att uppdra …"), each clause starts a line of its own: after
    one that ended with a comma or a full stop, or without one in justified text (`short`: `prev` stops short of
    the edge, so it ended its clause)."""
    return bool(ATT_SATS.match(first.text) and ATT_SATS.match(ln.text)) \
        and (short or prev.text.rstrip().endswith((",", ";", ".")))


def _hard_break(prev: VLine, ln: VLine, edge: float, body: Optional[float] = None) -> bool:
    """True when `ln`'s first word would have fitted at the end of `prev`: a wrapping program would have put it
    there, so the line break is the author's (a list of short lines, "Status: …" under an item)."""
    if prev.text.endswith(HYPHENS) or ln.page != prev.page:
        return False
    if _LABEL_START.match(ln.text):
        return True  # "Status: …", "Kommentar: …" under a full line: a label starts a line of its own
    first = ln.text.split(None, 1)[0] if ln.text.strip() else ""
    if not first:
        return False
    if body is not None and prev.size <= body + 0.5 and not prev.bold and prev.text.rstrip().endswith(":") \
            and prev.text.count(":") == 1 and first[:1].isupper() and len(ln.text.split()) >= 4:
        # "… kopplar nämnden följande mål:" ⏎ "Dricksvattnet ska hålla …": a one-line introduction, then its list
        # (not a field's label and its value, "Mätetal: … målvärde 2019:" ⏎ "Minska")
        return True
    char = (prev.bbox[2] - prev.bbox[0]) / max(len(prev.text), 1)
    room = edge - prev.bbox[2]
    if room > (len(first) + 2) * char + 0.5 * max(prev.size, 1.0):
        return True
    # one full line of body text: the text reader's judgement of a capitalised start (a goal line, then its
    # comment). Not inside a paragraph (`body` None), where a name such as "Bostad Först" may wrap; not in a
    # heading, which wraps wherever its words fall; not in a table header flattened to a line ("Indikator Utfall
    # 2021" ⏎ "Målvärde 2021")
    if body is None or len(HEADER_WORDS.findall(prev.text)) >= 3 and HEADER_WORDS.match(first):
        return False
    return prev.size <= body + 0.5 and line_ended(prev.text.strip(), ln.text.strip(), 0)


def _line_lead(pages: list[PageText]) -> float:
    """The usual space between two lines of one paragraph: a low percentile of the small leads (in a document of
    one-line paragraphs most small leads are the space between paragraphs). Set tight, a line's box overlaps the
    next one's, so the usual lead can be below zero; the space between paragraphs is then measured from there."""
    leads = sorted(b.y0 - a.y1 for p in pages for a, b in zip(p.lines, p.lines[1:])
                   if a.cells is None and b.cells is None and abs(a.size - b.size) < 0.6 and -0.4 * a.size <= b.y0 - a.y1 < a.size)
    return leads[int(0.1 * (len(leads) - 1))] if leads else 0.0


def _paragraphs(lines: list[VLine], body: float, usual: float = 0.0) -> list:
    """Consecutive lines of one paragraph are joined; rows of tables stay rows. `usual`: the usual lead."""
    out: list = []
    cur: list[VLine] = []
    for ln in lines:
        if ln.cells is not None or "\t" in ln.text:
            if cur:
                out.append(_Para(cur))
                cur = []
            out.append(ln)
            continue
        if cur:
            prev = cur[-1]
            lead = ln.y0 - prev.y1
            same_style = abs(prev.size - ln.size) < 0.6 and prev.bold == ln.bold
            starts_new = bool(BULLET.match(ln.text)) or _BULLET_GLYPH.match(ln.text.split(" ")[0] or "") is not None \
                or bool(re.match(r"^\d{1,2}(\.\d{1,2})*\.?\s+[A-ZÅÄÖ(]", ln.text))
            size = max(ln.size, prev.size)
            # (a line going back up is another column; one that only overlaps a taller line above, whose bullet
            # glyph is set larger than its text, goes on below it)
            gap_break = lead > min(0.55 * size, usual + 0.3 * size) \
                or lead < -0.6 * size and ln.y0 < prev.y0 + 0.5 * size
            if ln.page != prev.page:
                gap_break = _SENT_END.search(prev.text) is not None or ln.text[:1].isupper() and not prev.text.endswith(HYPHENS)
            short_prev = prev.bbox[2] < ln.bbox[2] - 0.25 * max(1.0, ln.bbox[2] - ln.bbox[0]) and _SENT_END.search(prev.text) \
                and lead > 0.3 * max(ln.size, prev.size)
            back_to_margin = (BULLET.match(cur[0].text) is not None or _BULLET_GLYPH.match(cur[0].text.split(" ")[0] or "")) \
                and ln.bbox[0] <= cur[0].bbox[0] + 2 and ln.page == prev.page
            if starts_new or gap_break or not same_style or short_prev or back_to_margin:
                out.append(_Para(cur))
                cur = []
        cur.append(ln)
    if cur:
        out.append(_Para(cur))
    return out


def _continued_line(out: list[Line], first: VLine, text: str, page: int) -> Optional[Line]:
    """The last line of the previous page, or of the previous column on this page, when `text`, the first paragraph
    there, goes on from it: same font, the line above not ended, this one in lower case. A running footer in a
    smaller font may stand between them."""
    if not text[:1].islower():
        return None
    k, footers = len(out) - 1, 0
    while k >= 0 and (not out[k].text or footers < 2 and out[k].size is not None and out[k].size < first.size - 1
                      and len(out[k].text) < 60 and not out[k].cells):
        footers += bool(out[k].text)
        k -= 1
    if k < 0:
        return None
    last = out[k]
    next_column = last.page == page and last.bbox is not None and first.bbox[0] > last.bbox[0] + 0.25 * (
        last.bbox[2] - last.bbox[0]) and first.bbox[3] < last.bbox[1]  # (up and to the right: the next column's top)
    if not (last.page == page - 1 or next_column) or last.cells or last.size is None \
            or abs(last.size - first.size) > 0.6 or bool(last.bold) != first.bold or _SENT_END.search(last.text):
        return None
    return last


def _carry_columns(pages: list[PageText], drop: set[tuple[int, int]]) -> None:
    """A table that goes on at the top of the next page, without its header: its columns are the ones of the
    table it continues. Read on its own, a column the rows there leave empty does not exist and the cells shift
    left ("Minska" in the trend column read as the outcome); each cell goes back under the column its x says."""
    for prev, cur in zip(pages, pages[1:]):
        last = next((ln for i, ln in reversed(list(enumerate(prev.lines))) if (prev.number, i) not in drop), None)
        first = next((i for i, ln in enumerate(cur.lines) if (cur.number, i) not in drop), None)
        if last is None or first is None or last.cells is None or not last.bounds:
            continue
        head = cur.lines[first]
        if head.cells is None or head.table is None or head.cell_x is None or len(head.cells) >= len(last.cells):
            continue
        rows = [ln for ln in cur.lines if ln.table == head.table and ln.cells is not None]
        moved = [_under_columns(ln, last.bounds, len(last.cells)) for ln in rows]
        if all(m is not None for m in moved):
            for ln, cells in zip(rows, moved):
                ln.cells, ln.text, ln.bounds = cells, "\t".join(cells), last.bounds


def _under_columns(ln: VLine, bounds: list[float], n: int) -> Optional[list[str]]:
    """The row's cells under the columns `bounds` draws; None when two cells fall under one column or the
    first cell leaves the first column."""
    cells = [""] * n
    for k, (text, x) in enumerate(zip(ln.cells or [], ln.cell_x or [])):
        if not text:
            continue
        if x is None:
            return None
        col = column_of(x, bounds)
        if cells[col] or (k == 0) != (col == 0):
            return None
        cells[col] = text
    return cells


def _outline_titles(doc: pymupdf.Document) -> dict[int, list[tuple[str, int]]]:
    from plantrace.extract.context import fold

    by_page: dict[int, list[tuple[str, int]]] = defaultdict(list)
    try:
        toc = doc.get_toc(simple=True)
    except Exception:  # a broken outline is no reason to fail the document
        return {}
    for level, title, page in toc:
        if title and page and page > 0:
            by_page[page].append((fold(title)[:60], level))
    return by_page


MAX_OCR_PIXELS = 40_000_000  # a huge page is rendered at a lower resolution rather than exhausting memory


def _ocr(page: pymupdf.Page) -> dict:
    """The page's text by OCR, as a get_text("dict") structure in page coordinates."""
    inches = (page.rect.width / 72) * (page.rect.height / 72)
    dpi = int(min(300, (MAX_OCR_PIXELS / max(inches, 1e-6)) ** 0.5))
    try:
        from plantrace.extract.ocr import ocr_page
    except ImportError:  # pragma: no cover - plain pymupdf OCR when the cleaning pipeline is absent
        tp = page.get_textpage_ocr(language="swe", dpi=dpi, full=True)
        return page.get_text("dict", textpage=tp)
    from plantrace.extract.ocr import OCRError

    try:
        return ocr_page(page, dpi=dpi)
    except OCRError as e:
        raise InputError(page.parent.name, f"OCR failed on page {page.number + 1}: {e}") from None


def read_pdf(path: str | Path, doc: Optional[pymupdf.Document] = None, deadline=None, ocr: str = "auto") -> Layout:
    """Read a PDF into a Layout. `ocr`: "auto" (pages without a text layer), "never"."""
    from plantrace.extract.context import fold
    from plantrace.extract import pdf_open

    source = str(path)
    own = doc is None
    if doc is None:
        doc = pdf_open.open_pdf(path)
    warnings: list[str] = []
    pages: list[PageText] = []
    ocr_pages = 0
    try:
        for page in doc:
            if deadline is not None:
                deadline.check(source)
            ocr_dict = None
            if ocr != "never" and pdf_open.needs_ocr(page):
                if not pdf_open.tesseract_available():
                    raise InputError(source, pdf_open.OCR_MISSING_REASON)
                if deadline is not None:
                    deadline.ocr_page(page.number + 1, doc.page_count)
                ocr_dict = _ocr(page)
                ocr_pages += 1
            pt = read_page(page, ocr_dict, _header_at_foot(pages[-1]) if pages else None)
            sample = " ".join(l.text for l in pt.lines[:40])
            if sample and ocr_dict is None and pdf_open.text_is_garbled(sample):
                if ocr != "never" and pdf_open.tesseract_available():
                    if deadline is not None:
                        deadline.ocr_page(page.number + 1, doc.page_count)
                    pt = read_page(page, _ocr(page))
                    ocr_pages += 1
                else:
                    raise InputError(source, "fonts without Unicode mapping: text cannot be extracted "
                                             "(install Tesseract with Swedish data to OCR it)")
            pages.append(pt)
        outline = _outline_titles(doc)
        n_pages = doc.page_count
    finally:
        if own:
            doc.close()
    if ocr_pages:
        warnings.append(f"{source}: {ocr_pages} page(s) read by OCR")
    drop = _furniture(pages)
    _carry_columns(pages, drop)
    body = _body_size(pages)
    edge = _text_edge(pages)
    usual = _line_lead(pages)
    justified = _justified(pages, edge)
    big_sizes = sorted({ln.size for p in pages for ln in p.lines if ln.size >= body + 1.5 and ln.cells is None}, reverse=True)
    out: list[Line] = []
    for p in pages:
        kept = [ln for i, ln in enumerate(p.lines) if (p.number, i) not in drop]
        titles = outline.get(p.number, [])
        items = [piece for item in _paragraphs(kept, body, usual)
                 for piece in ([item] if isinstance(item, VLine) else [*item.text_lines(edge, body, justified), None])]
        for item in items:
            if item is None:  # end of a paragraph
                if out and out[-1].text:
                    out.append(Line("", page=p.number))
                continue
            if isinstance(item, VLine):
                cells = [clean_line(c)[0] if c else "" for c in (item.cells or item.text.split("\t"))]
                out.append(Line("\t".join(cells), page=p.number, bbox=item.bbox, size=item.size or None,
                                cells=cells, ocr=item.ocr, quality=item.quality, table_id=item.table))
                continue
            text, _ = clean_line(item.text)
            if not text:
                continue
            first = item.lines[0]
            last = _continued_line(out, first, text, p.number)
            if last is not None:  # a paragraph or heading going on from the previous page
                while not out[-1].text:
                    out.pop()
                last.text = join_wrapped([last.text, text])
                if last.heading is None and len(last.text) < 300 and first.size >= body + 1.5 and first.size in big_sizes:
                    last.heading, last.heading_source = big_sizes.index(first.size) + 1, "font"
                continue
            bbox = (min(l.bbox[0] for l in item.lines), min(l.y0 for l in item.lines),
                    max(l.bbox[2] for l in item.lines), max(l.y1 for l in item.lines))
            heading, source_of_level = None, None
            key = fold(text)[:60]
            for title, level in titles:
                # (a short title is the whole line, not its first word: "Socialnämnden" is no heading of
                # "Socialnämnden ska möta …"; a long one may have been cut, or the heading broken over lines)
                if title and (key.startswith(title[:40]) and (len(title) >= 40 or len(key) <= len(title) + 4)
                              or title.startswith(key[:40])) and len(key) >= min(8, len(title)):
                    heading, source_of_level = level, "outline"
                    break
            if heading is None and len(text) < 300 and not BULLET.match(text):
                if first.size >= body + 1.5 and first.size in big_sizes:
                    heading, source_of_level = big_sizes.index(first.size) + 1, "font"
                elif first.bold and first.size >= body - 0.1 and len(text) < 120 and not _SENT_END.search(text):
                    heading, source_of_level = len(big_sizes) + 1, "font"
            if out and out[-1].text and (out[-1].cells or heading or out[-1].heading):
                out.append(Line("", page=p.number))
            out.append(Line(text, page=p.number, bbox=bbox, size=first.size, bold=first.bold, heading=heading,
                            heading_source=source_of_level, ocr=first.ocr, aside=first.aside))
    by_number = {p.number: p for p in pages}
    furniture = list(dict.fromkeys(t for pno, i in sorted(drop) if (t := by_number[pno].lines[i].text.strip())))
    return Layout(out, source=source, format="pdf", pages=n_pages, warnings=warnings, furniture=furniture)
