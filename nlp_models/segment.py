"""Sentence and item segmentation for plan text: bullets, numbered items, att-clauses, headings, table rows.

Why rules and not a trained senter: the boundaries in these documents are layout, not syntax. A bullet or "1.2.1"
at the start of a line starts an item even without a full stop before it; an att-clause on its own line
("att anta …", "1. **att** överlämna …") is one decision; a short line without closing punctuation is a heading
even when the converter glued it to the paragraph below; a hard line break inside a paragraph ("… som\\ngenomförs")
is not a boundary, and neither is the full stop of "bl. a." or "t. ex.".
"""

from __future__ import annotations

import re

import numpy
from spacy.attrs import IDX, ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from .entities import doc_text

BULLETS = frozenset("•◦▪▫■□●○·‣⁃–-*►✓✔➢")
ITEM_NUMBER = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2}){0,4}\.?|\d{1,2}\)|[a-hA-H][):.]|[ivx]{1,4}\))$")
CLOSERS = frozenset(".!?")
ABBREVIATIONS = frozenset(
    "a bl t ex dvs d v s m fl o osv etc ca nr kap ang jfr resp st tel s k fr om tom inkl exkl bla mfl tex sk".split()
)


@Language.factory("plantrace_segmenter", default_config={"heading_max_chars": 60})
def make_segmenter(nlp: Language, name: str, heading_max_chars: int) -> "PlanSegmenter":
    return PlanSegmenter(heading_max_chars)


class PlanSegmenter:
    """Sets `token.is_sent_start` for every token (so `doc.sents` works without a parser)."""

    def __init__(self, heading_max_chars: int = 60):
        self.heading_max_chars = heading_max_chars

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if not n:
            return doc
        strings = doc.vocab.strings
        words = [strings[o] for o in doc.to_array([ORTH]).tolist()]  # plain strings: no Token objects
        idxs = doc.to_array([IDX]).tolist()
        full = doc_text(doc)
        starts = [False] * n
        starts[0] = True
        line_start = 0  # char offset where the current line begins
        line_first = 0  # index of the current line's first token
        prev_line = ""  # text of the previous non-blank line
        after_break = False  # the previous token ended a line
        blank_line = False  # ... and that break was a blank line
        for i in range(n):
            text = words[i]
            if text.isspace():
                if "\n" in text:
                    prev_line = full[line_start:idxs[i]].strip() or prev_line
                    after_break = True
                    blank_line = blank_line or text.count("\n") > 1
                    line_start = idxs[i] + len(text)
                continue
            if i == 0:
                after_break = blank_line = False
                continue
            first = text[:1]
            if after_break:
                line_first = i
                if first.islower() and not _is_att(words, i):
                    starts[i] = False  # a layout break inside a sentence
                elif blank_line or _is_item_marker(words, i) or "\t" in prev_line or self._heading_above(prev_line):
                    starts[i] = True
                elif prev_line[-1:] in CLOSERS and (first.isupper() or first.isdigit()):
                    starts[i] = True
                after_break = blank_line = False
                continue
            prev = words[i - 1]
            numbered = i - 2 == line_first and words[line_first].isdigit()  # the dot of "1. Socialnämnden …"
            if prev in CLOSERS and (first.isupper() or first in "\"”'(") and not numbered \
                    and not (i > 1 and words[i - 2].lower() in ABBREVIATIONS):
                starts[i] = True
            elif prev == ";" and _is_item_marker(words, i):
                starts[i] = True
        # one array write: setting token.is_sent_start one by one rescans the whole Doc each time (quadratic)
        flags = numpy.asarray([1 if st else -1 for st in starts], dtype="int64").astype("uint64").reshape(-1, 1)
        doc.from_array([SENT_START], flags)
        return doc

    def _heading_above(self, prev_line: str) -> bool:
        """A short line without closing punctuation is a heading: whatever follows starts anew."""
        return 0 < len(prev_line) <= self.heading_max_chars and prev_line[-1:] not in ".,:;-–" and prev_line[:1].isupper()


def _is_item_marker(words: list[str], i: int) -> bool:
    text = words[i]
    if text in BULLETS or "\uf000" <= text[:1] <= "\uf0ff" or text == "#":
        return True
    nxt = words[i + 1] if i + 1 < len(words) else ""
    if ITEM_NUMBER.match(text) or (text.isdigit() and len(text) <= 2 and nxt in {".", ")"}):
        return True
    return _is_att(words, i)


def _is_att(words: list[str], i: int) -> bool:
    """'att' opening a line (bare or in markup: '**att**') opens one clause of a decision list."""
    j = i
    while j < len(words) and words[j] in {"*", "_", "<b>", "**"}:
        j += 1
    return j < len(words) and words[j].lower() == "att"
