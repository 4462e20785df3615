"""Ruled tables from a page's vector drawings, without a layout model.

Word and LibreOffice draw table borders as thin lines or rectangles. Horizontal and vertical rules that touch
form a grid; a missing vertical rule inside a row means a cell spans columns. Cell text is rebuilt from the
page's words (so "Utfall 2023" keeps its space and "7,9" its comma), never from a table library's own text.
Pages without rules cost one `get_drawings()` call and nothing more. Tables without vertical rules (horizontal
rules only, shading, nothing) are read from the words' alignment by `pdf_aligned`."""

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
    bounds: list[float] = field(default_factory=list)  # x where one column ends and the next begins
    cell_x: list[list[Optional[float]]] = field(default_factory=list)  # per row: x of each cell's first word
    word_x: list[float] = field(default_factory=list)  # a header standing alone: where each of its words starts


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
                table.cell_x.append([min((w[0] for w in cell_words.get((ri, c), [])), default=None)
                                     for c in range(len(xs) - 1)])
        table.bounds = list(xs[1:-1])
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
