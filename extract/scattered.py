"""Indicator tables whose cells a PDF-to-text conversion scattered over lines.

    Indikator  Utfall          ← header words and years on separate lines
    2020
    Målvärde
    2021
    Orosanmälningar            ← a name over several lines, then its values
    barn, 1–6 år
     Uppdateras
    1. Tid till insats (1)
    UPPD / ATER / AS           ← a value broken into fragments

The header is rebuilt from its words and years, rows from name blocks followed by value blocks; a header
repeated after a page break is skipped and a name that goes on after it is joined to its row."""

from __future__ import annotations

import re
from typing import Optional

from plantrace.extract.blocks import Block
from plantrace.extract.tables import RawTable

_START = re.compile(r"^(Indikator|Indikatorer|Mått|Nyckeltal|Mätetal)\b\s*(.*)$", re.I)
_TOKEN = re.compile(r"\b(Utfall|Målvärde|Målsättning|Nuvärde|Jämförelsevärde|Jämförvärde|Utgångsläge|Basvärde|Riket|Trend|Status)\b(?:\s+((?:19|20)\d{2}))?", re.I)
_HEADER_PART = re.compile(r"^((Utfall|Målvärde|Målsättning|Nuvärde|Jämförelsevärde|Jämförvärde|Utgångsläge|Basvärde|Riket|Trend|Status)(\s+(19|20)\d{2})?|(19|20)\d{2})$", re.I)
_YEAR_THEN_TEXT = re.compile(r"^((?:19|20)\d{2})\s+(\S.*)$")
_VALUE = re.compile(r"^(uppdateras|data saknas|saknas|ej aktuellt|-+|–|—|ja|nej|delvis|öka|minska|[<>≤≥]?\s*-?\d[\d\s]*(?:[,.]\d+)?\s*%?(?:\s*(?:st|dagar|dygn|kr|mnkr))?)$", re.I)
_TRAILING_VALUE = re.compile(r"^(.*?\S)\s+(Uppdateras|-?\d[\d ]*(?:[,.]\d+)?\s*%)$", re.I)
_FOOTNOTE = re.compile(r"^\(?\d{0,2}\)\s*\S")
_STOP = re.compile(r"^(data uppdateras|källa|kommentar|not\b)", re.I)
_UPPDATERAS = "uppdateras"


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


def find_scattered_tables(blocks: list[Block]) -> list[RawTable]:
    tables: list[RawTable] = []
    n = len(blocks)
    i = 0
    while i < n:
        b = blocks[i]
        m = _START.match(b.text.strip()) if b.kind == "para" and len(b.text) < 80 else None
        if not m:
            i += 1
            continue
        parts = [m.group(2)] if m.group(2) else []
        j, carry = _header_tail(blocks, i + 1, parts)
        header_text = " ".join(parts)
        tokens = _TOKEN.findall(header_text)
        # years can sit on their own lines after their words: pair them up in order
        if not tokens or len(parts) < 2:
            i += 1
            continue
        header = [m.group(1)[:1].upper() + m.group(1)[1:].lower()] + _pair(parts)
        table = RawTable(title=None, title_block=None, header_rows=[header], header=header)
        table.blocks = list(range(i, j))
        table.kind = "indicator"
        j = _rows(blocks, j, table, carry)
        if table.rows:
            tables.append(table)
        i = max(j, i + 1)
    return tables


def _pair(parts: list[str]) -> list[str]:
    cells: list[str] = []
    for p in " ".join(parts).split():
        if re.fullmatch(r"(19|20)\d{2}", p) and cells and not re.search(r"\d{4}$", cells[-1]):
            cells[-1] = f"{cells[-1]} {p}"
        else:
            cells.append(p)
    return cells


def _rows(blocks: list[Block], j: int, table: RawTable, carry: Optional[str]) -> int:
    n = len(blocks)
    width = len(table.header)
    name_parts: list[str] = []
    values: list[str] = []
    first_block: Optional[int] = None
    fragment = ""

    def flush():
        nonlocal name_parts, values, first_block
        if name_parts:
            row = [" ".join(name_parts)] + values[: width - 1]
            row += [""] * (width - len(row))
            table.rows.append(row)
            table.row_blocks.append(first_block)
            table.row_groups.append(None)
            table.breakdowns.append([])
        name_parts, values, first_block = [], [], None

    while j < n:
        b = blocks[j]
        t = _block_text(b)
        if b.kind in ("row", "toc") or (b.kind == "heading" and not b.dotted) or len(t) > 160:
            break
        if _FOOTNOTE.match(t) or _STOP.match(t):
            break
        m = _START.match(t)
        if m and len(t) < 80:
            parts = [m.group(2)] if m.group(2) else []
            k, glued = _header_tail(blocks, j + 1, parts)
            if k > j + 1:  # the header again after a page break
                table.blocks.extend(range(j, k))
                j = k
                if glued:
                    _continue_name(table, name_parts, glued)
                continue
        table.blocks.append(j)
        flat = t.replace(" ", "").lower()
        if flat and _UPPDATERAS.startswith(fragment + flat) and len(flat) < len(_UPPDATERAS):
            fragment += flat
            if fragment == _UPPDATERAS:
                values.append("Uppdateras")
                fragment = ""
            j += 1
            continue
        fragment = ""
        if flat == _UPPDATERAS or _VALUE.match(t):
            values.append("Uppdateras" if flat == _UPPDATERAS else t)
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
    flush()
    return j


def _continue_name(table: RawTable, name_parts: list[str], text: str) -> None:
    if name_parts:
        name_parts.append(text)
    elif table.rows:
        table.rows[-1][0] = f"{table.rows[-1][0]} {text}"
