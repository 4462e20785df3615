"""Tables → schema items: every table as a `Table`, indicator rows as `Indicator`s with typed values, action rows
as `Action`s, internal-control rows as `Control`s."""

from __future__ import annotations

import re
from typing import Optional

from rapidfuzz.distance import Levenshtein

from plantrace.extract.context import Context, fold
from plantrace.extract.numbers import parse_number, stated_direction
from plantrace.extract.tables import ACTION_COLUMNS, CONTROL_COLUMNS, RawTable, column_roles, goal_first, table_width
from plantrace.extract.vocabulary import LABEL_LINE, LABELS
from plantrace.schema import Action, Control, Indicator, IndicatorValue, Provenance, Table

_YEAR = re.compile(r"\b(19\d{2}|20\d{2})\b")
_FOOTNOTE = re.compile(r"\s*(?:\(\d{1,2}\)|\d{1,2}\)|\*+)\s*$")
_KOLADA = re.compile(r"[,;]?\s*\(?\bKolada\b\)?\s*[:.]?", re.I)
_INLINE_BREAKDOWN = re.compile(r"(?:^|\s)-?\s*a\s*:\s+(?=\S)")
_BREAKDOWN_PART = re.compile(r"(?:^|\s)-?\s*[a-h]\s*:\s+")
_MISSING = re.compile(r"^(?:[-–—−]{1,3}|\.\.|…)$")  # a cell that says "no value" (".." in statistics exports)


def name_key(name: str) -> str:
    """An indicator name as compared for repeats across the line-reading finders: case and punctuation dropped."""
    return re.sub(r"\W+", "", name.casefold())


def stamped_links(ctx: Context, bi: Optional[int]) -> tuple[Optional[str], Optional[str], Optional[str]]:
    """(goal, assignment, group) in force at block bi by the structure step's stamps, for items read outside tables."""
    if bi is None:
        return None, None, None
    target = ctx.block_target[bi] if bi < len(ctx.block_target) else None
    goal = target if target and target.startswith("g") else (ctx.block_goal[bi] if bi < len(ctx.block_goal) else None)
    assignment = target if target and target.startswith("a") else None
    group = ctx.block_group[bi] if bi < len(ctx.block_group) else None
    return goal, assignment, group


def line_provenance(ctx: Context, lines: list[int]) -> Provenance:
    """Provenance of an item read line by line (a converter may glue its lines into a larger block)."""
    first, last = ctx.layout.lines[lines[0]], ctx.layout.lines[lines[-1]]
    return Provenance(document=ctx.sha256, page=first.page, span=(first.start, last.end), lines=(lines[0], lines[-1]),
                      ocr=first.ocr or last.ocr)


def value_kind(header: str) -> Optional[str]:
    h = header.lower()
    if re.match(r"mål(?:värde|nivå)?\s+och\s+jämför", h):
        return "target"  # "Mål och jämförelser": the target first, the comparisons under it
    if re.search(r"jämför|riket|riks|länet|snitt|medel|sämst|bäst|senaste år|alla kommuner|kommungrupp", h):
        return "comparison"
    if re.search(r"utgångsläge|basvärde|baslinje|referensvärde", h):
        return "baseline"
    if re.search(r"målvärde|målsättning|mål\b|målnivå|\bmål \d{4}", h):
        return "target"
    if re.match(r"budget\b|budget\s+(?:19|20)\d{2}|plan\s+(?:19|20)\d{2}", h):
        return "target"  # "Budget 2013" in a key-figure table: the figure planned for the year, no outcome
    if re.search(r"utfall|nuvärde|resultat|värde|bokslut|\b(19|20)\d{2}\b", h):
        return "actual"
    return None


def clean_name(raw: str) -> tuple[str, list[str], Optional[str], Optional[str]]:
    """Indicator name without footnote markers, source note and breakdown; returns (name, breakdown, source, footnote)."""
    name = re.sub(r"\s+", " ", raw.replace("*", "")).strip()
    name = re.sub(r"\s+([,.;:])", r"\1", name)
    breakdown: list[str] = []
    m = _INLINE_BREAKDOWN.search(name)
    if m:
        tail = name[m.start():]
        name = name[: m.start()]
        breakdown = [p.strip(" ;,") for p in _BREAKDOWN_PART.split(tail) if p.strip(" ;,")]
    source = None
    if _KOLADA.search(name):
        source = "Kolada"
        name = _KOLADA.sub("", name)
    footnote = None
    fm = _FOOTNOTE.search(name)
    if fm and fm.group(0).strip():
        footnote = re.sub(r"\D", "", fm.group(0)) or None
        name = name[: fm.start()]
    name = re.sub(r"^\d{1,2}\.\s+", "", name)
    name = name.strip().rstrip(":").strip()
    return name, breakdown, source, footnote


def table_items(ctx: Context) -> None:
    """Turn raw tables into Table, Indicator, Action and Control items."""
    seen_ind: set[tuple] = set()
    report_year = ctx.meta.period[1] if ctx.meta.period and ctx.is_report else None
    for t in ctx.tables:
        tid = ctx.next_id("tables", "t")
        first = t.first_block
        prov = ctx.provenance(first, t.last_block)
        n_cols = table_width(t)
        rows = [r[:n_cols] + [""] * (n_cols - len(r[:n_cols])) for r in t.rows]
        numbers = [[parse_number(c)[0] if j > 0 else None for j, c in enumerate(r)] for r in rows]
        qualities = [ctx.blocks[b].quality for b in t.row_blocks if ctx.blocks[b].quality is not None]
        ctx.add("tables", Table(id=tid, kind=t.kind, title=t.title, header=t.header, header_rows=t.header_rows,
                                rows=rows, numbers=numbers, n_rows=len(rows), n_cols=n_cols, pages=t.pages,
                                row_pages=[ctx.blocks[b].page for b in t.row_blocks],
                                quality=round(min(qualities), 3) if qualities else None, provenance=prov))
        ctx.table_blocks.update(t.blocks)
        if t.kind == "indicator":
            _indicators(ctx, t, tid, seen_ind, report_year)
        elif t.kind == "action":
            _actions(ctx, t)
        elif t.kind == "control":
            _controls(ctx, t)


def _link_from_title(ctx: Context, title: Optional[str]) -> tuple[Optional[str], Optional[str], Optional[str]]:
    """(goal, assignment, group) named by a table title such as "Nämndmål: …" or "Uppdrag: …"."""
    if not title:
        return None, None, None
    m = LABEL_LINE.match(title.strip())
    if not m or not m.group("text"):
        return None, None, None
    kind, _ = LABELS[m.group("label").lower()]
    key = fold(m.group("text"))
    if kind == "group":
        return None, None, title.strip()
    pool = ctx.get("goals") if kind == "goal" else ctx.get("assignments")
    for item in pool:
        if fold(item.text) == key or (key and fold(item.text).startswith(key[:60])):
            return (item.id, None, None) if kind == "goal" else (None, item.id, None)
    return None, None, None


def _goal_named(ctx: Context, text: str) -> Optional[str]:
    """The goal a goal row inside a table states ("Mål: Alla elever …"), found among the goals by its wording."""
    key = fold(text)
    for g in reversed(ctx.get("goals")):
        gk = fold(g.text)
        if gk and (gk == key or (len(gk) >= 15 and key.endswith(gk)) or (len(key) >= 15 and gk.endswith(key))):
            return g.id
    return None


def _indicators(ctx: Context, t: RawTable, tid: str, seen: set, report_year: Optional[int]) -> None:
    header = t.header
    name_col = 1 if goal_first(header) else 0  # "Nämndmål | Indikator | …": the goal cell names the rows below it
    goal_cell = None
    for r, (row, bi, grp, bd) in enumerate(zip(t.rows, t.row_blocks, t.row_groups, t.breakdowns)):
        if name_col and row and row[0].strip():
            goal_cell = row[0].strip()
        grp = grp or goal_cell
        if len(row) <= name_col or not row[name_col].strip():
            continue
        name, inline_bd, source, footnote = clean_name(row[name_col])
        if not name or re.fullmatch(r"kolada[.:]?", name, re.I):
            continue
        breakdown = inline_bd + [p.strip(" ;,") for x in bd for p in _BREAKDOWN_PART.split(" " + x) if p.strip(" ;,")]
        goal, assignment, group = _link_from_title(ctx, grp or t.title)
        if goal is None and assignment is None and grp:
            goal = _goal_named(ctx, grp)  # the goal row or goal cell over the row, read as a goal
        if goal is None and assignment is None and group is None:
            target = ctx.block_target[bi] if bi < len(ctx.block_target) else None
            if target and target.startswith("g"):
                goal = target
            elif target and target.startswith("a"):
                assignment = target
            group = ctx.block_group[bi] if bi < len(ctx.block_group) else None
        flat = fold(name).replace(" ", "")
        ctx_key = (goal, assignment, group)
        if any(k[1] == ctx_key and Levenshtein.distance(flat, k[0]) <= 1 and re.findall(r"\d+", flat) == re.findall(r"\d+", k[0])
               for k in seen):  # names that differ in a number ("åk 5", "åk 8") are different indicators
            continue  # the same indicator repeated (an annex that lists all indicators again)
        seen.add((flat, ctx_key))
        values: list[IndicatorValue] = []
        direction = None
        status_raw = None
        for j in range(name_col + 1, min(len(row), len(header))):
            cell = row[j].strip()
            if not cell or _MISSING.match(cell):
                continue
            h = header[j]
            if re.search(r"trend|riktning", h, re.I):
                if re.match(r"öka|↑|högre", cell, re.I):
                    direction = "increase"
                elif re.match(r"minska|↓|lägre", cell, re.I):
                    direction = "decrease"
                continue
            if re.search(r"status|bedömning", h, re.I):
                status_raw = cell
                continue
            kind = value_kind(h)
            if kind is None:
                continue
            ym = _YEAR.search(h)
            # a comparison or baseline without a year of its own is of no year the document states
            year = int(ym.group(1)) if ym else (None if kind in ("comparison", "baseline") else report_year)
            value, unit = parse_number(cell)
            values.append(IndicatorValue(kind=kind, year=year, raw=cell, value=value, unit=unit, column=h))
            if kind == "target" and direction is None:
                direction = stated_direction(cell)
        ctx.add("indicators", Indicator(id=ctx.next_id("indicators", "i"), name=name, goal=goal, assignment=assignment,
                                        group=group, values=values, breakdown=breakdown, direction=direction,
                                        status_raw=status_raw, source=source, footnote=footnote, table=tid,
                                        provenance=ctx.provenance(bi)))


def _columns(t: RawTable, roles, default: list[str]) -> dict[str, int]:
    """Where each field sits: by the header's words, else in the order most plans use."""
    found = column_roles(t.header, roles) if t.header else {}
    return found if found else {name: j for j, name in enumerate(default)}


def _cell(row: list[str], cols: dict[str, int], name: str) -> Optional[str]:
    j = cols.get(name)
    return (row[j].strip() or None) if j is not None and j < len(row) else None


def _actions(ctx: Context, t: RawTable) -> None:
    cols = _columns(t, ACTION_COLUMNS, ["text", "linked_document", "expected_effect"])
    for row, bi in zip(t.rows, t.row_blocks):
        text = _cell(row, cols, "text")
        if not text:
            continue
        target = ctx.block_target[bi] if bi < len(ctx.block_target) else None
        ctx.add("actions", Action(id=ctx.next_id("actions", "act"), text=text,
                                  linked_document=_cell(row, cols, "linked_document"),
                                  expected_effect=_cell(row, cols, "expected_effect"),
                                  goal_or_assignment=target, provenance=ctx.provenance(bi)))


def _controls(ctx: Context, t: RawTable) -> None:
    cols = _columns(t, CONTROL_COLUMNS, ["area", "risk", "control", "method", "reporting"])
    for row, bi in zip(t.rows, t.row_blocks):
        if not any(c.strip() for c in row):
            continue
        ctx.add("controls", Control(id=ctx.next_id("controls", "c"), area=_cell(row, cols, "area"),
                                    risk=_cell(row, cols, "risk"), control=_cell(row, cols, "control"),
                                    method=_cell(row, cols, "method"), reporting=_cell(row, cols, "reporting"),
                                    provenance=ctx.provenance(bi)))
