"""Extractors registered by name and run in the order a pipeline (plain data) lists them."""

from __future__ import annotations

from typing import Callable

from plantrace.extract.blocks import segment
from plantrace.extract.context import Context
from plantrace.extract.flattened import split_rows
from plantrace.extract.followups import extract_followups
from plantrace.extract.indicator_cards import indicator_cards
from plantrace.extract.indicator_lines import indicator_lines
from plantrace.extract.items import table_items
from plantrace.extract.labelled_records import labelled_records
from plantrace.extract.roles import classify_blocks
from plantrace.extract.sections import build_headings, mark_toc
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
register("indicator_cards")(indicator_cards)
register("labelled_records")(labelled_records)
register("followups")(extract_followups)

DEFAULT_PIPELINE: list[str] = ["blocks", "toc", "headings", "tables", "roles", "structure", "table_items", "indicator_lines",
                               "indicator_cards", "labelled_records", "followups"]


def run(ctx: Context, pipeline: list[str] | None = None) -> Context:
    for name in pipeline or DEFAULT_PIPELINE:
        try:
            step = EXTRACTORS[name]
        except KeyError:
            raise ValueError(f"unknown extractor {name!r}; known: {', '.join(sorted(EXTRACTORS))}") from None
        step(ctx)
    return ctx
