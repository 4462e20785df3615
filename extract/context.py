"""What the extractors of one document share: the layout, its blocks, headings and tables, and the items found
so far. One per document; nothing survives between documents."""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, field
from typing import Optional

from plantrace.extract.blocks import Block
from plantrace.extract.layout import Layout
from plantrace.extract.sections import Heading
from plantrace.extract.tables import RawTable
from plantrace.nlp_models.status import StatusMatch, status_match
from plantrace.schema import Meta, Provenance


@dataclass
class Context:
    layout: Layout
    sha256: str
    meta: Meta
    blocks: list[Block] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    tables: list[RawTable] = field(default_factory=list)
    items: dict[str, list] = field(default_factory=dict)
    # per block: ids of the goal/assignment in force there and the indicator group ("Grunduppdrag: …")
    block_goal: list[Optional[str]] = field(default_factory=list)
    block_target: list[Optional[str]] = field(default_factory=list)
    block_group: list[Optional[str]] = field(default_factory=list)
    heading_item: dict[int, str] = field(default_factory=dict)  # heading index → goal/assignment id
    heading_region: dict[int, str] = field(default_factory=dict)  # heading index → goal|assignment|other
    table_blocks: set[int] = field(default_factory=set)
    goal_levels: dict[str, str] = field(default_factory=dict)  # goal id → level, for linking without a search
    block_role: list[Optional[tuple[str, float]]] = field(default_factory=list)  # classifier's (role, p) per block
    item_status: dict[str, tuple[str, Optional[str]]] = field(default_factory=dict)  # item id → (status, comment) read with it
    no_account: set[str] = field(default_factory=set)  # items decided or tabled where they stand (no follow-up below)
    restated: dict[str, list[int]] = field(default_factory=dict)  # item id → blocks that state it again (a summary
    # table's goal, then its chapter: the account stands under the second)
    warnings: list[str] = field(default_factory=list)
    _statuses: dict[str, StatusMatch] = field(default_factory=dict)

    def status(self, text: str) -> StatusMatch:
        """The status rules' reading of a sentence, read once per document (nested sections share sentences)."""
        m = self._statuses.get(text)
        if m is None:
            m = self._statuses[text] = status_match(text)
        return m

    def provenance(self, first_block: int, last_block: Optional[int] = None) -> Provenance:
        b0 = self.blocks[first_block]
        b1 = self.blocks[last_block if last_block is not None else first_block]
        bbox = None
        if b0.bbox and b1.bbox and b0.page == b1.page:
            bbox = (min(b0.bbox[0], b1.bbox[0]), min(b0.bbox[1], b1.bbox[1]), max(b0.bbox[2], b1.bbox[2]), max(b0.bbox[3], b1.bbox[3]))
        elif b0.bbox:
            bbox = b0.bbox
        return Provenance(
            document=self.sha256,
            page=b0.page,
            span=(b0.start, max(b0.end, b1.end)),
            lines=(b0.first_line, max(b0.last_line, b1.last_line)),
            bbox=bbox,
            ocr=b0.ocr or b1.ocr,
        )

    def add(self, kind: str, item) -> None:
        self.items.setdefault(kind, []).append(item)

    def get(self, kind: str) -> list:
        return self.items.setdefault(kind, [])

    def next_id(self, kind: str, prefix: str) -> str:
        return f"{prefix}{len(self.get(kind)) + 1}"

    @property
    def is_report(self) -> bool:
        return self.meta.doc_type == "report"


@lru_cache(maxsize=8192)
def fold(text: Optional[str]) -> str:
    """Compare texts after folding case, markup, dashes, punctuation and whitespace."""
    if not text:
        return ""
    t = text.casefold().replace("–", "-").replace("—", "-")
    t = re.sub(r"[^\w%]+", " ", t)
    return re.sub(r"\s+", " ", t).strip()
