"""Extractors registered by name and run in the order a pipeline (plain data) lists them."""

from __future__ import annotations

import re
from typing import Callable

from plantrace.extract.blocks import segment
from plantrace.extract.context import Context, fold
from plantrace.extract.flattened import split_rows
from plantrace.extract.followups import extract_followups
from plantrace.extract.indicator_cards import indicator_cards
from plantrace.extract.indicator_lines import (compared_figures, glued_measure_rows, indicator_lines, inline_measure_bullets,
                                               key_figure_runs, measure_lines_under_header, measure_records, question_rows,
                                               status_first_rows, result_bullets, result_cards, run_on_measure_labels,
                                               target_then_outcome)
from plantrace.extract.items import table_items
from plantrace.extract.labelled_records import labelled_records
from plantrace.extract.roles import classify_blocks
from plantrace.extract.sections import build_headings, mark_notes, mark_toc
from plantrace.extract.structure import extract_structure
from plantrace.extract.tables import build_tables

EXTRACTORS: dict[str, Callable[[Context], None]] = {}


def register(name: str):
    def wrap(fn: Callable[[Context], None]) -> Callable[[Context], None]:
        EXTRACTORS[name] = fn
        return fn

    return wrap


@register("blocks")
def _blocks(ctx: Context) -> None:
    ctx.blocks = split_rows(ctx.layout, segment(ctx.layout))  # flattened table rows become blocks of their own


@register("toc")
def _toc(ctx: Context) -> None:
    mark_toc(ctx.blocks)
    mark_notes(ctx.blocks, ctx.layout.lines)


@register("headings")
def _headings(ctx: Context) -> None:
    ctx.headings = build_headings(ctx.blocks)


@register("tables")
def _tables(ctx: Context) -> None:
    ctx.tables = build_tables(ctx.blocks, ctx.layout)


register("roles")(classify_blocks)
register("structure")(extract_structure)
register("table_items")(table_items)
register("indicator_lines")(indicator_lines)
register("result_cards")(result_cards)
register("result_bullets")(result_bullets)
register("target_then_outcome")(target_then_outcome)
register("question_rows")(question_rows)
register("status_first_rows")(status_first_rows)
register("glued_measure_rows")(glued_measure_rows)
register("key_figure_runs")(key_figure_runs)
register("compared_figures")(compared_figures)
register("measure_records")(measure_records)
register("measure_lines_under_header")(measure_lines_under_header)
register("inline_measure_bullets")(inline_measure_bullets)
register("run_on_measure_labels")(run_on_measure_labels)
register("indicator_cards")(indicator_cards)
register("labelled_records")(labelled_records)
register("followups")(extract_followups)

_MARK = re.compile(r"\s*\(\d{1,2}\)\s*$")


@register("goals_not_indicators")
def goals_not_indicators(ctx: Context) -> None:
    """A line that is an indicator's name in its table ("Tid till insats (1)" over its values) is not also a
    goal, however it is numbered: the goal goes, and what pointed to it points to its parent."""
    names = [(fold(_MARK.sub("", i.name)), i.provenance.lines) for i in ctx.get("indicators")
             if i.provenance and i.provenance.lines]
    if not names:
        return
    dropped: dict[str, str | None] = {}
    keep = []
    for g in ctx.get("goals"):
        lines = g.provenance.lines if g.provenance else None
        key = fold(_MARK.sub("", g.text))
        if lines and any(key == n and l[0] <= lines[1] and lines[0] <= l[1] for n, l in names):
            dropped[g.id] = g.parent
            continue
        keep.append(g)
    if not dropped:
        return
    ctx.items["goals"] = keep
    for kind, attr in (("goals", "parent"), ("indicators", "goal"), ("assignments", "goal")):
        for it in ctx.get(kind):
            while getattr(it, attr) in dropped:
                setattr(it, attr, dropped[getattr(it, attr)])
    for table in (ctx.block_goal, ctx.block_target):
        for k, v in enumerate(table):
            while v in dropped:
                v = table[k] = dropped[v]

# a table's header cells read as a row ("Uppfyllelsetid Ansvarig", "Utfall Målnivå"), or a breakdown's labels alone
# ("Totalt", "Kvinnor Män"): no measure's name
_HEADER_WORDS = re.compile(r"^(?:(?:uppfyllelsetid|ansvarig|ansvar|utfall|målnivå|målvärde|beskrivning|kommentar|"
                           r"trend|status|indikator(?:er)?|nyckeltal|mått|enhet|period|källa|bedömning|"
                           r"totalt|kvinnor|män|flickor|pojkar)\s*[/,]?\s*)+$", re.I)


@register("header_cells_not_indicators")
def header_cells_not_indicators(ctx: Context) -> None:
    kept = [i for i in ctx.get("indicators") if not _HEADER_WORDS.match(i.name.strip())]
    if len(kept) != len(ctx.get("indicators")):
        ctx.items["indicators"] = kept


DEFAULT_PIPELINE: list[str] = ["blocks", "toc", "headings", "tables", "roles", "structure", "compared_figures", "table_items", "indicator_lines",
                               "result_cards", "result_bullets", "target_then_outcome", "question_rows", "status_first_rows", "glued_measure_rows",
                               "key_figure_runs", "measure_records",
                               "measure_lines_under_header", "inline_measure_bullets",
                               "run_on_measure_labels", "indicator_cards",
                               "labelled_records", "header_cells_not_indicators", "goals_not_indicators", "followups"]


def run(ctx: Context, pipeline: list[str] | None = None) -> Context:
    for name in pipeline or DEFAULT_PIPELINE:
        try:
            step = EXTRACTORS[name]
        except KeyError:
            raise ValueError(f"unknown extractor {name!r}; known: {', '.join(sorted(EXTRACTORS))}") from None
        step(ctx)
    return ctx
