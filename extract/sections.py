"""The section tree: numbered headings checked for a plausible sequence, markdown headings, and the table of
contents, which is recognised so that its entries are not counted a second time."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from plantrace.extract.blocks import Block
from plantrace.extract.tables import page_furniture
from plantrace.extract.vocabulary import has_marker, imperative

_TOC_TITLE = re.compile(r"^(innehåll(sförteckning)?|innehåll|table of contents)\s*:?$", re.I)
_TOC_ENTRY = re.compile(r"(?:\.{3,}|…{2,}|\s\.\s\.\s\.|\t)\s*\d{1,3}\s*$")


@dataclass
class Heading:
    block: int  # index into blocks
    number: Optional[str]
    title: str
    level: int
    parent: Optional[int] = None  # index into the headings list
    children: list[int] = field(default_factory=list)
    source: Optional[str] = None  # what decided the level: outline | numbering | font | markup

    @property
    def parts(self) -> tuple[int, ...]:
        return tuple(int(p) for p in self.number.split(".")) if self.number else ()


_PAGE_CELL = re.compile(r"[1-9]\d{0,2}")
_NUMBER_CELL = re.compile(r"\d{1,2}(\.\d{1,2})*\.?")
_WORD3 = re.compile(r"[A-Za-zÅÄÖåäö]{3,}")


def _toc_like(block: Block) -> bool:
    """An entry "title …… 7" or "3.1<tab>title<tab>7"."""
    if block.kind == "row":
        cells = [c.strip() for c in block.cells if c.strip()]
        if not (2 <= len(cells) <= 3) or not _PAGE_CELL.fullmatch(cells[-1]):
            return False
        if len(cells) == 3 and not _NUMBER_CELL.fullmatch(cells[0]):
            return False
        return bool(_WORD3.search(cells[-2]))
    text = block.text
    return "....." in text or text.rstrip()[-1:].isdigit() and bool(_TOC_ENTRY.search(text))


_PLAIN_ENTRY = re.compile(r"^[A-ZÅÄÖ0-9][^\t.!?]{2,70}\s\d{1,3}$")


def _plain_entry(block: Block) -> bool:
    """Under a contents title, a short line that ends in its page number after a plain space ("Resultaträkning 18")."""
    return block.kind in ("para", "heading") and len(block.lines) == 1 and bool(_PLAIN_ENTRY.match(block.text.strip()))


# "10 familjer.", "3.3 5 familjestöd …", "… för 3.2 5 att fler …": a page number before the lower-case rest of an
# entry, after the entry's own section number where the producer put both there
_PAGE_FIRST = re.compile(r"^\d{1,3}\s+[a-zåäö(”\"]|(?:^|\s)\d{1,2}(?:\.\d{1,2})+\s+\d{1,3}\s+[a-zåäö(”\"]")


def _page_first(block: Block) -> bool:
    """The last line of a wrapped contents entry with the page number set before it: "10 familjer."."""
    return block.kind in ("para", "heading", "item") and len(block.text) < 300 and bool(_PAGE_FIRST.search(block.text))


def _strong_toc(block: Block) -> bool:
    return bool(re.search(r"\.{3,}|…", block.text)) or bool(re.match(r"\d{1,2}(\.\d{1,2})*\.?\s", block.text))


# a contents run into one paragraph, as a transcript gives it: "… Förord 4 1 Styrmodell 5 2 Vision … 7 3 …", an
# entry's page number (after dot leaders or a space), then the next entry's section number or its capital
# (anchored on the digits, looked behind for a word or dot leaders: a search tries only where a digit stands)
RUN_ON_PAGE = re.compile(r"(?=\d)(?:(?<=[^\d,.:/\s-]\s)|(?<=\.\.)|(?<=\.\.\s)|(?<=…)|(?<=…\s))(?P<page>\d{1,3})(?:\s+|$)"
                         r"(?=(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?[A-ZÅÄÖ]|$)")


# the label before a number that is its own, first in its entry ("Målområde 1 …", "4.1 Mål 2 …", "Bilaga 3 …"), not
# an entry's page ("Nämndens mål 3 …")
_NUMBERED_WORD = re.compile(r"(?:^|(?<![^\W\d_])\d[\d.]*\s+)[\wåäö]*(?:mål|område|bilaga|kapitel|del|uppdrag|nr|punkt|"
                            r"steg|etapp|fas|§)\s*$", re.I)


_DECIMAL = re.compile(r"\d,\d")  # (a decimal comma: "2.1" is a section's number)


def run_on_pages(text: str) -> list[re.Match]:
    """The page numbers that end the entries of a contents list run into one paragraph."""
    return [m for m in RUN_ON_PAGE.finditer(text) if not _NUMBERED_WORD.search(text, max(0, m.start() - 30), m.start())]


def _run_on_contents(blocks: list[Block]) -> None:
    """Paragraphs that are a contents list run together ("Innehåll Förord 4 Vision 5 …" or four or more entries
    with dot leaders), and the paragraphs that carry on such a run, one entry or more for every 150 characters,
    are contents too."""
    prev_toc = False
    for b in blocks:
        text = b.text
        entries = len(run_on_pages(text)) if b.kind in ("para", "heading", "item", "toc") else 0
        if entries and len(_DECIMAL.findall(text)) * 2 >= entries:
            entries = 0  # a table of figures run together ("Årets resultat, mkr 7,6 3,1 …"), whatever its title
        opens = entries >= 4 and (bool(re.match(r"\W*innehåll", text, re.I)) or len(re.findall(r"\.{2,}|…", text)) >= 2)
        if b.kind != "toc" and (opens or prev_toc and entries >= 1 and entries * 150 >= len(text)):
            b.kind = "toc"
        prev_toc = b.kind == "toc"


def mark_toc(blocks: list[Block]) -> None:
    """Mark table-of-contents blocks (kind "toc") in place."""
    n = len(blocks)
    i = 0
    while i < n:
        b = blocks[i]
        starts = bool(_TOC_TITLE.match(b.text.strip()))
        run_start = i
        if starts:
            b.kind = "toc"
            i += 1
        elif not _toc_like(b):
            i += 1
            continue
        j = i
        misses = 0
        count = 0
        # under a contents title an entry may wrap over two lines before its page number, and a producer may set the
        # page number at the start of the entry's last line ("4.2 Nämnden uppdras att …" ⏎ "10 familjer.")
        allowed = 2 if starts else 1

        def entry(k: int) -> bool:
            return _toc_like(blocks[k]) or starts and (_plain_entry(blocks[k]) or _page_first(blocks[k]))

        while j < n:
            if entry(j):
                count += 1
                misses = 0
            elif misses < allowed and len(blocks[j].text) < 300 \
                    and any(entry(k) for k in range(j + 1, min(n, j + 1 + allowed - misses))):
                misses += 1  # a wrapped entry without its page number
            else:
                break
            j += 1
        if starts or (count >= 3 and any(_strong_toc(blocks[k]) for k in range(run_start, j))):
            for k in range(run_start, j):
                blocks[k].kind = "toc"
            i = j
        else:
            i = max(i + 1, j)
    _run_on_contents(blocks)


_NOTE = re.compile(r"^\s*(\d{1,2})\)\s+\S")
_NOTE_MARK = re.compile(r"[\wåäö%]\s?\((\d{1,2})\)")
_NOTE_REACH = 120  # blocks back to the marker a note explains (a table and its notes under it)


def mark_notes(blocks: list[Block], lines: list) -> None:
    """Mark footnotes (kind "note") in place: "2) Ny indikator …" under a table whose cell says "… följ upp (2)"
    explains that cell; it is neither a heading nor an item, although it is numbered like one. `lines` are the
    layout's lines (a block's text has its number taken off)."""
    marks: dict[str, int] = {}  # marker number → the last block that carries it
    for bi, b in enumerate(blocks):
        m = _NOTE.match(lines[b.first_line].text) if b.kind in ("heading", "item", "para") else None
        if m and bi - marks.get(m.group(1), -10**9) <= _NOTE_REACH:
            b.kind = "note"
            continue
        text = b.text if b.kind != "row" else " ".join(b.cells)
        if "(" in text:
            for mark in _NOTE_MARK.finditer(text):
                marks[mark.group(1)] = bi


def _list_sentence(text: str) -> bool:
    """"1 Utred … (AIN och SN)": an imperative, or a line naming its responsible committee, is a list item."""
    return imperative(text) or has_marker(text)


def _title_like(text: str) -> bool:
    """A short line that names a section rather than says something: no sentence end, a few words."""
    return len(text) <= 90 and len(text.split()) <= 10 and not re.search(r"[.!?;:,]\s*$", text)


def _plausible(prev: Optional[tuple[int, ...]], cur: tuple[int, ...], title: str = "", has_children: bool = False) -> bool:
    if prev is None:
        # an excerpt, an annex or a chapter may start anywhere: a title-like line, or one whose sub-numbers
        # follow, is a heading wherever its numbering starts
        return (cur[-1] <= 2 and all(p <= 3 for p in cur)) or _title_like(title) or has_children
    if cur == prev + (1,):
        return True
    for k in range(len(prev)):
        if cur[:k] == prev[:k] and len(cur) == k + 1 and 1 <= cur[k] - prev[k] <= 2:
            return True
    return False


def build_headings(blocks: list[Block]) -> list[Heading]:
    """Accept numbered headings that continue the numbering; turn the others into list items or text."""
    headings: list[Heading] = []
    last: Optional[tuple[int, ...]] = None
    # "3." is a list item unless the document goes on with "3.1": then it is a chapter heading
    parents = {b.number.rsplit(".", 1)[0] for b in blocks if b.kind == "heading" and b.number and "." in b.number}
    stack: list[int] = []  # indices into headings of the current numbered path
    chapter: Optional[int] = None  # the last "4." heading whose document went on with "4.1"
    for bi, b in enumerate(blocks):
        if b.kind != "heading":
            continue
        if b.number is None:
            if b.level is None or page_furniture(b):
                b.kind = "para"  # (a running footer "Verksamhetsplan 2024 2" in a heading's font is no section)
                continue
            h = Heading(bi, None, b.text, level=b.level, source=b.heading_source)
            h.parent = stack[-1] if stack else None
            headings.append(h)
            continue
        if not re.search(r"[^\W\d_]", b.text):
            b.kind = "para"  # "3 (19)", "2 2023": a page number or a value, never a chapter
            continue
        parts = tuple(int(p) for p in b.number.split("."))
        if b.dotted and len(parts) == 1 and b.level is None and b.number not in parents \
                and not (chapter is not None and parts[0] == chapter + 1 and _title_like(b.text)):
            b.kind = "item"  # (a title numbered next after a chapter whose sections were numbered is one too)
            continue
        if not _plausible(last, parts, b.text, b.number in parents) or len(b.text) > 600 or _list_sentence(b.text):
            b.kind = "item"  # a numbered list item or statement ("4.11 Nämnden uppdras att …"), keeping its number
            continue
        last = parts
        chapter = parts[0] if len(parts) == 1 and b.dotted else chapter
        while stack and not (len(headings[stack[-1]].parts) < len(parts) and parts[: len(headings[stack[-1]].parts)] == headings[stack[-1]].parts):
            stack.pop()
        h = Heading(bi, b.number, b.text, level=len(parts), parent=stack[-1] if stack else None,
                    source="outline" if b.heading_source == "outline" else "numbering")
        headings.append(h)
        if h.parent is not None:
            headings[h.parent].children.append(len(headings) - 1)
        stack.append(len(headings) - 1)
    return headings
