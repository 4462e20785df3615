"""Goals and assignments listed as table rows, read by column header, not by position: "Uppdrag | Ansvarig |
Status | Kommentar" in a tertial report, "Nämndmål | Bedömning | Analys" in an annual report. The row's status
and comment are kept for the follow-up step."""

from __future__ import annotations

import re
from typing import Optional

from plantrace.extract.context import Context
from plantrace.extract.goal_rules import COUNCIL_WORDS, about_goals
from plantrace.extract.flattened import overview_title
from plantrace.extract.tables import NAME_COLUMN, goal_first
from plantrace.extract.vocabulary import match_label
from plantrace.extract.walk import Walk, split_names

_ASSIGNMENT_COL = re.compile(r"^(?:(?:politisk[at]?|särskild[a]?|särskilt|kf:s|ks:s)\s+)?uppdrag(?:et|en)?\b|^uppdragsbeskrivning",
                             re.I)  # ("Politiskt uppdrag", "Särskilt uppdrag": a column of one each)
_GOAL_COL = re.compile(r"^(?:(?:kommunfullmäktiges|nämndens|strategiska?|övergripande|prioriterade?)\s+)?"
                       r"(?:mål|nämnds?mål|effektmål|resultatmål|verksamhetsmål|inriktningsmål|delmål)\b", re.I)
_STATUS_COL = re.compile(r"status|bedömning|måluppfyllelse|uppfyll|läge|prognos", re.I)
_RESPONSIBLE_COL = re.compile(r"ansvar|nämnd|utförare", re.I)
_COMMENT_COL = re.compile(r"kommentar|redovisning|analys|beskrivning|åtgärd|aktivitet", re.I)
_COUNCIL_COL = re.compile(r"kommunfullmäktiges|strategiska?|övergripande|inriktningsmål", re.I)


def _column(header: list[str], pattern: re.Pattern, skip: set[int]) -> Optional[int]:
    return next((j for j, h in enumerate(header) if j not in skip and pattern.search(h.strip())), None)


def item_tables(ctx: Context, walk: Walk) -> None:
    for t in ctx.tables:
        if t.kind == "indicator":
            _goal_rows(ctx, walk, t)  # "Mål och indikatorer | Utfall …": the goal rows that group its indicators
            continue
        header = t.header or []
        item_col = _column(header, _ASSIGNMENT_COL, set())
        kind = "assignment"
        if item_col is None:
            item_col, kind = _column(header, _GOAL_COL, set()), "goal"
        if item_col is None:
            continue
        status_col = _column(header, _STATUS_COL, {item_col})
        resp_col = _column(header, _RESPONSIBLE_COL, {item_col, status_col})
        comment_col = _column(header, _COMMENT_COL, {item_col, status_col, resp_col})
        sub_col = _column(header, _GOAL_COL, {item_col}) if kind == "goal" else None
        if sub_col is not None and sub_col > item_col and _COUNCIL_COL.search(header[item_col]) \
                and not _COUNCIL_COL.search(header[sub_col]) and not any(NAME_COLUMN.search(h) for h in header):
            _goal_tree_rows(walk, t, item_col, sub_col)  # "Kommunfullmäktiges mål | Nämndens mål"
            continue
        if status_col is None and resp_col is None and kind == "goal":
            continue  # a goal column alone is an indicator table's grouping, read by the table step
        level = "council" if _COUNCIL_COL.search(header[item_col]) else "committee"
        for row, bi in zip(t.rows, t.row_blocks):
            text = row[item_col].strip() if item_col < len(row) else ""
            if len(text) < 8:
                continue
            cell = lambda j: row[j].strip() if j is not None and j < len(row) and row[j].strip() else None  # noqa: E731
            if kind == "assignment":
                item = walk.add_assignment(text, None, bi, goal=ctx.block_goal[bi] if bi < len(ctx.block_goal) else None)
                if item and cell(resp_col):
                    found = ctx.get("assignments")[-1]
                    if found.id == item and not found.responsible:
                        found.responsible = split_names(cell(resp_col))
            else:
                item = walk.add_goal(text, level, None, None, bi)
            walk.assess(item, cell(status_col), cell(comment_col))
            walk.accounted_here(item)  # its row is all the table says of it


def _goal_tree_rows(walk: Walk, t, council_col: int, committee_col: int) -> None:
    """A council's goals in one column (a merged cell: written on its first row only) and the committee's goals
    in the next: each committee goal under the council goal in force."""
    council = None
    for row, bi in zip(t.rows, t.row_blocks):
        cell = lambda j: row[j].strip() if j < len(row) else ""  # noqa: E731
        if len(cell(council_col)) >= 8:
            council = walk.add_goal(cell(council_col), "council", None, None, bi)
        if len(cell(committee_col)) >= 8:
            walk.add_goal(cell(committee_col), "committee", council, None, bi)


# a scorecard's column of key factors right before its measures' ("Perspektiv Kritisk framgångsfaktor Mått …")
_FACTOR_COLUMN = re.compile(r"framgångsfaktor\w*\s+(?:indikator\w*|mått|mätetal|nyckeltal)\b", re.I)
# a goal column that names the committee's (or a lower) level after another goal column
_COMMITTEE_COLUMN = re.compile(r"\bmål\w*\s+.*\b(?:nämndens\s+mål|nämndsmål|nämndmål|förvaltningens\s+mål|effektmål|"
                               r"verksamhetsmål|resultatmål|delmål)\b", re.I)


def _groups(t) -> list[Optional[str]]:
    """The goal over each row: its group line, or in a "Nämndmål | Indikator | …" table the goal cell in force
    (a merged cell, filled on the first row it spans or on a row of its own)."""
    if not goal_first(t.header or []):
        return t.row_groups
    groups, cell = [], None
    for row, group in zip(t.rows, t.row_groups):
        cell = row[0].strip() if row and row[0].strip() else cell
        groups.append(group or cell)
    return groups


def _goal_rows(ctx: Context, walk: Walk, t) -> None:
    """The goals an indicator table groups its rows under ("Mål: Fler ska …" rows, a "Målformulering" column):
    each is a goal once, at the first row it heads; an area column's cell ("Målområde") is a goal over them."""
    # "Strategiskt mål | Mått | …", "KF mål", a council's goals under their title: the goal cells are the council's
    said = " ".join(t.header_rows[0]) if t.row_areas and t.header_rows else ""
    level = "council" if said and (COUNCIL_WORDS.search(said) or walk.title and COUNCIL_WORDS.search(walk.title)) \
        else "committee"
    if _COMMITTEE_COLUMN.search(said):  # "Kommunfullmäktiges mål | Nämndens mål | Indikator": the council's goals
        level = "committee"  # are the area cells over the committee's
    factors = bool(_FACTOR_COLUMN.search(said)) or bool(t.header) and overview_title(t.header[0])
    areas: dict[str, Optional[str]] = {}
    for k, (group, bi) in enumerate(zip(_groups(t), t.row_blocks)):
        parent = ctx.block_goal[bi] if bi < len(ctx.block_goal) else None
        area = t.row_areas[k] if k < len(t.row_areas) else None
        if area:
            if area not in areas:
                areas[area] = walk.add_goal(area.strip(), "council", parent, None, bi)
            parent = areas[area] or parent
        if not group or len(group) < 12 or len(group) > 300 or factors or " " not in group.strip():
            continue  # (a key factor's cell names what a perspective depends on: no goal; nor does one word, the
            # activity a group of measures is about, "Kulturskolan")
        label = match_label(group)
        text = label.text if label and label.kind == "goal" and label.text else group
        if label and label.kind != "goal" or not text[:1].isupper() or about_goals(text):
            continue
        walk.add_goal(text.strip(), level, parent, None, bi)
