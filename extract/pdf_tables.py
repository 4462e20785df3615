"""Ruled tables from a page's vector drawings, without a layout model.

Word and LibreOffice draw table borders as thin lines or rectangles. Horizontal and vertical rules that touch
form a grid; a missing vertical rule inside a row means a cell spans columns. Cell text is rebuilt from the
page's words (so "Utfall 2023" keeps its space and "7,9" its comma), never from a table library's own text.
Pages without rules cost one `get_drawings()` call and nothing more."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

TOL = 2.0  # points: rules closer than this are the same rule


@dataclass
class Rule:
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def horizontal(self) -> bool:
        return abs(self.y1 - self.y0) <= TOL


@dataclass
class GridTable:
    bbox: tuple[float, float, float, float]
    rows: list[list[str]] = field(default_factory=list)
    row_boxes: list[tuple[float, float, float, float]] = field(default_factory=list)
    spans: list[list[int]] = field(default_factory=list)  # per row: column span of each cell
    quality: float = 1.0


def rules_from_drawings(drawings: list[dict]) -> list[Rule]:
    rules: list[Rule] = []
    for d in drawings:
        for item in d.get("items", ()):
            op = item[0]
            if op == "l":
                p, q = item[1], item[2]
                x0, x1 = sorted((p.x, q.x))
                y0, y1 = sorted((p.y, q.y))
                if abs(y1 - y0) <= TOL or abs(x1 - x0) <= TOL:
                    rules.append(Rule(x0, y0, x1, y1))
            elif op == "re":
                r = item[1]
                if r.height <= TOL and r.width > TOL:
                    rules.append(Rule(r.x0, (r.y0 + r.y1) / 2, r.x1, (r.y0 + r.y1) / 2))
                elif r.width <= TOL and r.height > TOL:
                    rules.append(Rule((r.x0 + r.x1) / 2, r.y0, (r.x0 + r.x1) / 2, r.y1))
                elif d.get("type") in ("s", "fs") and r.width > TOL and r.height > TOL:
                    # a stroked rectangle: its four sides
                    rules += [Rule(r.x0, r.y0, r.x1, r.y0), Rule(r.x0, r.y1, r.x1, r.y1),
                              Rule(r.x0, r.y0, r.x0, r.y1), Rule(r.x1, r.y0, r.x1, r.y1)]
    return rules


def _touch(a: Rule, b: Rule) -> bool:
    return a.x0 - TOL <= b.x1 and b.x0 - TOL <= a.x1 and a.y0 - TOL <= b.y1 and b.y0 - TOL <= a.y1


def _clusters(rules: list[Rule]) -> list[list[Rule]]:
    parent = list(range(len(rules)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    hs = [i for i, r in enumerate(rules) if r.horizontal]
    vs = [i for i, r in enumerate(rules) if not r.horizontal]
    for i in hs:
        for j in vs:
            if _touch(rules[i], rules[j]):
                parent[find(i)] = find(j)
    groups: dict[int, list[Rule]] = {}
    for i in hs + vs:
        groups.setdefault(find(i), []).append(rules[i])
    return list(groups.values())


def _positions(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > TOL:
            out.append(v)
    return out


def _has_vertical(vs: list[Rule], x: float, y0: float, y1: float) -> bool:
    mid = (y0 + y1) / 2
    return any(abs(v.x0 - x) <= TOL and v.y0 - TOL <= mid <= v.y1 + TOL for v in vs)


def find_grid_tables(drawings: list[dict], words: list[tuple]) -> list[GridTable]:
    """Tables formed by ruling lines, with cell texts rebuilt from `page.get_text("words")` tuples."""
    rules = rules_from_drawings(drawings)
    if len(rules) < 4:
        return []
    tables = []
    for group in _clusters(rules):
        hs = [r for r in group if r.horizontal]
        vs = [r for r in group if not r.horizontal]
        ys = _positions([r.y0 for r in hs])
        xs = _positions([v.x0 for v in vs])
        if len(ys) < 2 or len(xs) < 2:
            continue
        table = GridTable(bbox=(xs[0], ys[0], xs[-1], ys[-1]))
        cell_words: dict[tuple[int, int], list[tuple]] = {}
        for w in words:
            cx, cy = (w[0] + w[2]) / 2, (w[1] + w[3]) / 2
            if not (xs[0] <= cx <= xs[-1] and ys[0] <= cy <= ys[-1]):
                continue
            ri = _band(ys, cy)
            ci = _band(xs, cx)
            if ri is not None and ci is not None:
                cell_words.setdefault((ri, ci), []).append(w)
        for ri in range(len(ys) - 1):
            y0, y1 = ys[ri], ys[ri + 1]
            if y1 - y0 < 3:
                continue
            cells: list[str] = []
            spans: list[int] = []
            ci = 0
            while ci < len(xs) - 1:
                span = 1
                while ci + span < len(xs) - 1 and not _has_vertical(vs, xs[ci + span], y0, y1):
                    span += 1
                ws = [w for c in range(ci, ci + span) for w in cell_words.get((ri, c), [])]
                cells.append(_cell_text(ws))
                spans.append(span)
                # a spanning cell keeps the grid: pad with empty cells so columns line up
                cells.extend([""] * (span - 1))
                ci += span
            if any(cells):
                table.rows.append(cells)
                table.row_boxes.append((xs[0], y0, xs[-1], y1))
                table.spans.append(spans)
        if table.rows and (len(xs) > 2 or len(table.rows) > 1):
            table.quality = _quality(table, cell_words)
            tables.append(table)
    tables.sort(key=lambda t: (t.bbox[1], t.bbox[0]))
    return tables


def _band(edges: list[float], v: float) -> Optional[int]:
    for i in range(len(edges) - 1):
        if edges[i] - TOL <= v <= edges[i + 1] + TOL:
            return i
    return None


def _cell_text(ws: list[tuple]) -> str:
    if not ws:
        return ""
    ws = sorted(ws, key=lambda w: (w[5], w[6], w[7]))  # block, line, word number: reading order
    lines: list[list[str]] = []
    last = None
    for w in ws:
        key = (w[5], w[6])
        if key != last:
            lines.append([])
            last = key
        lines[-1].append(w[4])
    from plantrace.extract.blocks import join_wrapped

    return join_wrapped([" ".join(l) for l in lines])


def _quality(table: GridTable, cell_words) -> float:
    """Share of non-empty cells whose words sit inside one cell (a crude parsing report, like Camelot's)."""
    n = sum(1 for r in table.rows for c in r if c)
    total = sum(len(r) for r in table.rows)
    return round(n / total, 3) if total else 0.0


# --- tables without ruling lines ------------------------------------------------------------------------------

def _visual_lines(words: list[tuple]) -> list[list[tuple]]:
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


_SECTION_NO = __import__("re").compile(r"^\d{1,2}(\.\d{1,2})*\.?$")
_LIST_MARK = __import__("re").compile(r"^([\W_]{1,2}|[a-z0-9]{1,2}[.:)]|\(?[a-z0-9]{1,2}\))$", __import__("re").I)


def find_whitespace_tables(words: list[tuple], exclude: list[tuple[float, float, float, float]] = (),
                           page_width: float = 595.0) -> list[GridTable]:
    """Tables whose columns are only aligned text: rows with wide gaps that share column starts."""
    words = [w for w in words if not any(b[0] - 1 <= (w[0] + w[2]) / 2 <= b[2] + 1 and b[1] - 1 <= (w[1] + w[3]) / 2 <= b[3] + 1
                                         for b in exclude)]
    if not words:
        return []
    lines = _visual_lines(words)
    info = []
    for ln in lines:
        h = max(w[3] - w[1] for w in ln)
        segs = _segments(ln, max(1.2 * h, 8.0))
        first = " ".join(w[4] for w in segs[0])
        # a bullet or a list number before its text is a list, not a table
        seed = len(segs) >= 2 and not _SECTION_NO.match(segs[0][0][4]) and not _SECTION_NO.match(first) \
            and not _LIST_MARK.match(first)
        info.append((ln, h, segs, seed))
    tables: list[GridTable] = []
    i = 0
    while i < len(info):
        if not info[i][3]:
            i += 1
            continue
        anchors = [seg[0][0] for seg in info[i][2]]
        region = [info[i]]
        seeds = 1
        j = i + 1
        while j < len(info):
            ln, h, segs, seed = info[j]
            gap = min(w[1] for w in ln) - max(w[3] for w in region[-1][0])
            if gap > 1.6 * max(h, region[-1][1]):
                break
            starts = [seg[0][0] for seg in segs]
            if seed and sum(1 for x in starts if any(abs(x - a) <= 3 for a in anchors)) >= 2:
                anchors = _anchors(anchors + starts)
                seeds += 1
            elif not _fits(ln, anchors) or gap > 0.8 * max(h, region[-1][1]):
                break  # a wrapped cell line sits tight under the line above; a heading or paragraph does not
            region.append(info[j])
            j += 1
        if seeds >= 2 and _two_text_columns(region, anchors, page_width):
            i = j  # a page set in two columns of running text, not a table
            continue
        if seeds >= 2:
            # header cells of narrow columns are only a little further apart than words: split the first row
            # at gaps clearly wider than a space
            head, hh = region[0][0], region[0][1]
            anchors += [b[0] for a, b in zip(head, head[1:]) if b[0] - a[2] >= 0.27 * hh]
            table = _assemble(region, _anchors(anchors))
            if table is not None:
                tables.append(table)
            i = j
        else:
            i += 1
    return tables


def _two_text_columns(region, anchors: list[float], page_width: float) -> bool:
    """Two columns of prose: both columns wide, so lines are sentences rather than cells."""
    anchors = _anchors(anchors)
    if len(anchors) != 2:
        return False
    widths: dict[int, float] = {0: 0.0, 1: 0.0}
    for ln, _, _, _ in region:
        for w in ln:
            col = _column(w[0], anchors)
            widths[col] = max(widths[col], w[2] - anchors[col])
    return widths[0] > 0.3 * page_width and widths[1] > 0.3 * page_width


def _fits(line: list[tuple], anchors: list[float]) -> bool:
    """A wrapped cell line: all its words inside one column."""
    anchors = sorted(anchors)
    col = _column(line[0][0], anchors)
    right = anchors[col + 1] - 2 if col + 1 < len(anchors) else float("inf")
    return all(w[2] <= right for w in line) and line[0][0] >= anchors[col] - 3


def _anchors(xs: list[float]) -> list[float]:
    out: list[list[float]] = []
    for x in sorted(xs):
        if out and x - out[-1][-1] <= 3:
            out[-1].append(x)
        else:
            out.append([x])
    return [min(c) for c in out]


def _column(x0: float, anchors: list[float]) -> int:
    col = 0
    for k, a in enumerate(anchors):
        if x0 >= a - 3:
            col = k
    return col


def _assemble(region, anchors: list[float]) -> GridTable | None:
    n = len(anchors)
    rows: list[list[list[str]]] = []
    boxes: list[list[float]] = []
    leads = [min(w[1] for w in b[0]) - max(w[3] for w in a[0]) for a, b in zip(region, region[1:])]
    base = min(leads) if leads else 0.0
    prev_bottom = None
    for ln, h, segs, seed in region:
        top = min(w[1] for w in ln)
        starts_in_first = _column(ln[0][0], anchors) == 0
        new_row = not rows or (prev_bottom is not None and top - prev_bottom > base + 1.5) or (seed and starts_in_first)
        if new_row:
            rows.append([[] for _ in range(n)])
            boxes.append([ln[0][0], top, ln[-1][2], max(w[3] for w in ln)])
        for w in ln:
            rows[-1][_column(w[0], anchors)].append(w[4])
        b = boxes[-1]
        b[0], b[2], b[3] = min(b[0], ln[0][0]), max(b[2], ln[-1][2]), max(b[3], max(w[3] for w in ln))
        prev_bottom = max(w[3] for w in ln)
    if len(rows) < 2:
        return None
    table = GridTable(bbox=(min(b[0] for b in boxes), boxes[0][1], max(b[2] for b in boxes), boxes[-1][3]))
    for cells, b in zip(rows, boxes):
        table.rows.append([" ".join(c) for c in cells])
        table.row_boxes.append(tuple(b))
        table.spans.append([1] * n)
    filled = sum(1 for r in table.rows for c in r if c)
    table.quality = round(0.8 * filled / (len(table.rows) * n), 3)  # alignment-only tables are less certain
    return table
