"""Lines → blocks: paragraphs re-flowed from hard-wrapped lines, bullets, numbered headings, table rows.

A block remembers the lines it came from, so every item built from it has a character span and line range in
the normalised text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, field
from typing import Optional

from plantrace.extract.layout import Layout, Line
from plantrace.extract.numbers import is_cell_value
from plantrace.extract.vocabulary import DECISION_VERB

NUMBERED = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,5})(\.?|\))(?:\s+|\t+)(?=\S)(.*)$")  # "1", "1.2", "3.", "4)"
# list markers as word processors write them: shapes, and the private-use code points a Symbol or Wingdings font
# maps its bullets to (U+F0B7 dot, U+F0A7 square, U+F0D8 arrow, U+F076 diamond, U+F0FC tick …)
SHAPE_BULLETS = "•\u25aa\u25cf\u25e6\u25a0\u25a1\u25c6\u25ba\u25cb\u27a2\u2043\u2023\u2713\u2714"
GLYPH_BULLETS = "\uf0b7\uf0a7\uf02d\uf0d8\uf076\uf0fc\uf0a8\uf0e0\uf0d2"
BULLET = re.compile(rf"^\s*[{SHAPE_BULLETS}{GLYPH_BULLETS}\-–\*]\s+(?=\S)")
LABEL = re.compile(r"^(?P<label>[A-ZÅÄÖ][\wåäöÅÄÖ\- ]{1,40}?)\s*:\s*(?=\S)")
_SENT_END = re.compile(r"[.!?:;]\s*$")
HYPHENS = ("-", "\u00ad", "\u2010")  # a hyphen, a soft hyphen, Unicode's hyphen: a word hyphenated at a line's end
_HYPHEN_END = re.compile(rf"(\w)[{re.escape(''.join(HYPHENS))}]$")
_NUMBER_DASH_END = re.compile(r"\d[-–]$")
# a decision's att-clauses, one per line: "Socialnämnden beslutar" ⏎ "att godkänna …," ⏎ "att uppdra åt …"
ATT_SATS = re.compile(r"^\s*att\s+\w")
_DECISION_END = re.compile(rf"(?:[,;:]|\b{DECISION_VERB}|\b(?:och|samt))\s*$", re.I)
_KEEP_HYPHEN_NEXT = re.compile(r"^(och|eller|samt|som|till)\b")


@dataclass
class Block:
    kind: str  # heading | para | bullet | row | toc
    text: str
    lines: list[int]
    start: int
    end: int
    page: Optional[int] = None
    number: Optional[str] = None  # for numbered headings and list items
    dotted: bool = False  # "1." (list item style) rather than "1"
    level: Optional[int] = None  # heading level hint (markdown) or numbering depth
    cells: list[str] = field(default_factory=list)
    bbox: Optional[tuple[float, float, float, float]] = None
    heading_source: Optional[str] = None
    ocr: bool = False
    quality: Optional[float] = None
    aside: bool = False  # a PDF's fact box or call-out, apart from the running text

    @property
    def first_line(self) -> int:
        return self.lines[0]

    @property
    def last_line(self) -> int:
        return self.lines[-1]


def join_wrapped(parts: list[str]) -> str:
    """Join hard-wrapped lines, undoing end-of-line hyphenation ("verksamhets-" + "kunnande")."""
    out = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if not out:
            out = part
        elif part[:1].isdigit() and _NUMBER_DASH_END.search(out):
            out = out + part  # "2023-12-" + "31", "2021–" + "2024"
        elif _HYPHEN_END.search(out) and part[:1].islower() and not _KEEP_HYPHEN_NEXT.match(part):
            out = out[:-1] + part
        elif out.isupper() and out[-1:].isalpha() and len(part) <= 2 and part.isupper():
            out = out + part  # "INVESTERINGSBUDGE" + "T"
        else:
            out = out + " " + part
    return " ".join(out.replace("\u00ad", "").split())  # (a soft hyphen inside a line is invisible: no character)


FIGURE_FIRST = re.compile(r"^\d{1,6}(?:[ \u00a0]\d{3})*(?:,\d+)?\s*(?:%|procent)?\s+[a-zåäö]{2,}")


def same_kind_run(blocks: list[Block], bi: int) -> tuple[int, int]:
    """[lo, hi): the run of blocks of block bi's kind around it — a list's bullets or numbered points."""
    kind, lo, hi = blocks[bi].kind, bi, bi + 1
    while lo > 0 and blocks[lo - 1].kind == kind:
        lo -= 1
    while hi < len(blocks) and blocks[hi].kind == kind:
        hi += 1
    return lo, hi


def split_numbered(text: str) -> Optional[tuple[str, bool, str]]:
    m = NUMBERED.match(text.strip())
    if not m:
        return None
    number, dot, title = m.group(1), m.group(2), m.group(3).strip()
    if not title or not (title[0].isupper() or title[0] in "(\"”“'«" or dot and FIGURE_FIRST.match(title)):
        return None  # ("1. 2000 nya bostäder till 2025.": an item may open on a figure and the word it counts)
    first = int(number.split(".")[0])
    if first == 0 or first > 40:
        return None
    return number, bool(dot), title


def wrap_width(lines: list[Line]) -> Optional[int]:
    """The width a hard-wrapping converter used, or None when lines are whole paragraphs."""
    lengths = sorted(len(l.text) for l in lines if l.text and "\t" not in l.text)
    if len(lengths) < 20:
        return None
    p90 = lengths[int(len(lengths) * 0.9)]
    long_lines = sum(1 for n in lengths if n > 160)
    if p90 <= 140 and long_lines <= len(lengths) * 0.02:
        return p90
    return None


def _att_clause_starts(block_first: str, prev: str, width: Optional[int]) -> bool:
    """A line opening with "att" starts the next clause of a decision after the verb ("beslutar"), after a
    clause's comma, after another att-clause that did not wrap here, or wherever lines are whole paragraphs."""
    if width is None or _DECISION_END.search(prev):
        return True
    prev = prev.strip()
    return bool(ATT_SATS.match(block_first)) and (len(prev) + 4 <= width or prev[-1:].isdigit())


# the label of one item ("Uppdrag: …", "Nämndmål: …"): an item whose line ends a sentence ends there
ITEM_LABEL = re.compile(r"^(?:Uppdrag|Mål|Nämndmål|Verksamhetsmål|Effektmål|Inriktningsmål|Åtgärd|Aktivitet|Indikator)"
                        r"(?:\s+\d{1,2})?\s*:\s", re.I)


def item_ended(first: str, prev: str, nxt: str) -> bool:
    """A labelled item ("Uppdrag: …", starting at `first`) whose line `prev` ends a sentence, the next line
    starting anew: the item ends there ("… miljön." ⏎ "Resultatet redovisas …" is a note on it)."""
    return bool(nxt[:1].isupper() and prev.rstrip().endswith((".", "!", "?")) and ITEM_LABEL.match(first))


def line_ended(prev: str, nxt: str, width: int) -> bool:
    """A line followed by a capitalised line that does not continue it: the next line's first word would have
    fit (the converter did not wrap there), or it is no place name and follows a line that ends neither a
    sentence nor on a preposition (a goal line, then its comment)."""
    if not nxt[:1].isupper():
        return False
    first = nxt.split(maxsplit=1)[0]
    if len(prev) + 1 + len(first) <= width:
        return True
    word = first.strip(",.:;")
    low = word.lower()
    if _OPEN_END.search(prev):
        return False  # "… följande mål för" ⏎ "Kristianstads kommun:" goes on
    label = LABEL.match(nxt)
    if label and len(label.group("label").split()) <= 3:
        return True  # "Bedömning: Delvis uppfyllt", "Status: Pågår": a field of its own under the item
    if _SENT_END.search(prev) or word.isupper():
        return False
    if _MODAL.search(prev) and _MODAL.search(nxt):
        return True  # two statements, each with its own "ska": a list of goal lines without full stops
    # a capitalised word after a line that neither ends a sentence nor a preposition is a new start, unless it
    # is a place name (mid-sentence names mostly follow a preposition: "i samarbete med" ⏎ "Arbetsförmedlingen")
    return low not in _place_names()


_MODAL = re.compile(r"\b(?:ska|skall)\b", re.I)


# a line ending in a preposition, conjunction or article has not ended
_OPEN_END = re.compile(r"\b(?:för|av|till|i|på|med|och|att|som|om|en|ett|den|det|de|från|vid|under|mot|eller|samt|"
                       r"inom|utan|hos|genom|efter|enligt|mellan|både|vars|där|när|då|än|"
                       r"t\.?\s?ex|bl\.?\s?a|m\.?\s?fl|s\.?\s?k)\.?\s*$", re.I)  # … and "t ex", "bl a"


@lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    """Words of municipality and region names, lowercased, also in the genitive ("Kristianstads kommun")."""
    from plantrace.nlp_models.places import municipalities, regions

    names = {w.lower() for name in municipalities() for w in name.split()}
    names |= {w.lower() for pair in regions() for part in pair for w in part.split()}
    names |= {n + "s" for n in names if not n.endswith("s")}
    return frozenset(names | {"sverige", "sveriges", "norden", "europa", "eu"})


def _cell_line(t: str) -> bool:
    """A line that is one table cell's value (a lone year too): what a converter puts one a line for a table."""
    return bool(t.strip()) and is_cell_value(t)


def place_name(word: str) -> bool:
    """A word of a municipality's or region's name, also in the genitive ("Burlövs")."""
    return word.strip(",.:;()").lower() in _place_names()


def _is_row(line: Line) -> bool:
    return "\t" in line.text or bool(line.cells)


def segment(layout: Layout) -> list[Block]:
    lines = layout.lines
    # a PDF's lines are already whole: its reader joined what the program wrapped and kept the author's breaks
    width = None if layout.format == "pdf" else wrap_width(lines)
    blocks: list[Block] = []
    cur: list[int] = []
    cur_kind = "para"

    def flush():
        nonlocal cur, cur_kind
        if cur:
            blocks.append(_make_block(layout, cur, cur_kind))
        cur = []
        cur_kind = "para"

    for i, line in enumerate(lines):
        t = line.text
        if not t.strip():
            flush()
            continue
        if _is_row(line):
            flush()
            blocks.append(_make_block(layout, [i], "row"))
            continue
        bullet = bool(BULLET.match(t))
        heading_like = split_numbered(t) is not None or line.heading is not None
        starts_item = bullet or heading_like
        if cur and ATT_SATS.match(t) and _att_clause_starts(lines[cur[0]].text, lines[cur[-1]].text, width):
            starts_item = True  # each att-clause of a decision is a block of its own
        if cur:
            prev = lines[cur[-1]].text.strip()
            cont = t.strip()[:1].islower()
            if starts_item:
                flush()
            elif cur_kind in ("heading", "toc"):
                if cont and not _SENT_END.search(prev):
                    cur.append(i)
                    continue
                flush()
            elif width is None:
                # one line per paragraph: a new line is a new block unless it visibly continues the previous
                if cont or (prev.isupper() and len(t.strip()) <= 2) or (prev.endswith(HYPHENS) and not t.strip()[:1].isupper()):
                    cur.append(i)
                    continue
                flush()
            else:
                short = len(prev) < 0.6 * width
                nxt = lines[i + 1].text.strip() if i + 1 < len(lines) else ""
                if _cell_line(t) and not _OPEN_END.search(prev) and not prev.endswith(("-", "–")):
                    flush()  # a value alone on its line is a table's cell, not the end of a wrapped sentence
                elif _SENT_END.search(prev) and len(t.split()) <= 3 and _cell_line(nxt):
                    flush()  # a column's header word over its years or values ("Indikator" ⏎ "2021")
                elif _SENT_END.search(prev) and len(t.split()) <= 3 and t.strip()[:1].isupper() \
                        and not _SENT_END.search(t) and nxt[:1].isupper() and len(t.strip()) < 0.5 * width:
                    flush()  # a title between two paragraphs ("… i all planering." ⏎ "Samhällsutveckling" ⏎ "Arbeta …")
                elif short and (_SENT_END.search(prev) or not cont):
                    flush()
                elif line_ended(prev, t.strip(), width) or item_ended(lines[cur[0]].text.strip(), prev, t.strip()):
                    flush()
                else:
                    cur.append(i)
                    continue
        if not cur:
            if bullet:
                cur_kind = "bullet"
            elif heading_like:
                cur_kind = "heading"
            else:
                cur_kind = "para"
            cur = [i]
    flush()
    _join_across_blanks(layout, blocks)
    return blocks




_SHARE_LINE = re.compile(r"^(?:(?:facebook|twitter|linkedin|instagram|e-?post|e-?mail|email|dela|skriv\s+ut|tipsa)"
                         r"\b[\s,|·•]*){2,}$", re.I)


def _join_across_blanks(layout: Layout, blocks: list[Block]) -> None:
    """A bullet or paragraph that goes on after a blank line in lowercase is one block (PDF page/column breaks)."""
    i = 1
    while i < len(blocks):
        prev, cur = blocks[i - 1], blocks[i]
        if (
            cur.kind == "para"
            and (prev.kind in ("bullet", "para") or prev.kind == "heading")
            and cur.text[:1].islower()
            and not _SENT_END.search(prev.text)
            and not _SHARE_LINE.match(cur.text)  # "facebook Twitter Email": a web page's share buttons
            # an att-clause after a bullet, a decision verb or a block holding a clause of its own (behind a
            # running header, "Kommunen 2 (2)", perhaps) starts the next clause
            and not (ATT_SATS.match(cur.text) and (prev.kind == "bullet" or _DECISION_END.search(prev.text)
                                                    or any(ATT_SATS.match(layout.lines[k].text) for k in prev.lines)
                                                    or len(prev.text) < 40))  # a short line: a page header
        ):
            merged = _make_block(layout, prev.lines + cur.lines, prev.kind)
            if prev.kind == "heading" and merged.number is None:
                merged.number, merged.dotted = prev.number, prev.dotted
            blocks[i - 1] = merged
            del blocks[i]
            continue
        i += 1


def _make_block(layout: Layout, idx: list[int], kind: str) -> Block:
    lines = [layout.lines[i] for i in idx]
    first, last = lines[0], lines[-1]
    if kind == "row":
        text = first.text
        cells = first.cells if first.cells else first.text.split("\t")
    else:
        text = join_wrapped([l.text for l in lines])
        cells = []
    block = Block(kind=kind, text=text, lines=list(idx), start=first.start, end=last.end, page=first.page, cells=cells,
                  heading_source=first.heading_source, ocr=any(l.ocr for l in lines), quality=first.quality,
                  aside=any(l.aside for l in lines))
    boxes = [l.bbox for l in lines if l.bbox]
    if boxes:
        block.bbox = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
    if kind == "bullet":
        block.text = BULLET.sub("", text, count=1).strip()
    if kind == "heading":
        block.level = first.heading
        num = split_numbered(text)
        if num:
            block.number, block.dotted, block.text = num
    return block
