"""The role of each paragraph and bullet (goal, measurable_target, assignment, narrative, …) from the trained
classifier in `plantrace.nlp_models`.

Why a separate step: the rules in structure.py decide wherever the document says what a block is (numbering,
labels, a list introduced by "Socialnämndens mål:"); the classifier's role is consulted only where that
structure is silent — unnumbered bullets and prose — so it can add items but never overrides a rule. Without a
trained model the step records a warning and extraction goes on with the rules alone.
"""

from __future__ import annotations

import re
from typing import Optional

from plantrace.extract.blocks import Block
from plantrace.extract.context import Context
from plantrace.extract.vocabulary import ASSIGNMENT_CUE, GOAL_REGION, GOAL_STATEMENT

CLASSIFIED_KINDS = ("para", "bullet")
_SENT_END = re.compile(r"[.!?;]\s*$")


def heading_candidate(block: Block) -> bool:
    """A short unpunctuated line about goals ("Nämndens mål 2020"): a section title plain text does not mark."""
    return block.kind == "para" and len(block.text) < 80 and not _SENT_END.search(block.text) \
        and bool(GOAL_REGION.search(block.text))


def is_statement(text: str) -> bool:
    """A sentence that states something to be done ("… ska …"), short enough to be one goal."""
    return len(text) < 400 and bool(GOAL_STATEMENT.search(text))


def candidate(block: Block) -> bool:
    """Only blocks whose role can change the extraction are classified (the classifier is the costly part)."""
    text = block.text
    return heading_candidate(block) or is_statement(text) or (len(text) < 400 and bool(ASSIGNMENT_CUE.search(text)))


def unit_text(kind: str, text: str) -> str:
    """The block as the classifier was trained on it: bullets keep their marker (see nlp_models/labelling.py)."""
    return f"• {text}" if kind == "bullet" else text


def classify_blocks(ctx: Context) -> None:
    in_tables = {bi for t in ctx.tables for bi in t.blocks}
    todo = [bi for bi, b in enumerate(ctx.blocks)
            if b.kind in CLASSIFIED_KINDS and bi not in in_tables and candidate(b)]
    ctx.block_role = [None] * len(ctx.blocks)
    if not todo:
        return
    try:
        from plantrace.nlp_models import classify_roles

        roles = classify_roles(unit_text(ctx.blocks[bi].kind, ctx.blocks[bi].text) for bi in todo)
    except (OSError, RuntimeError, ImportError, ValueError) as exc:
        ctx.warnings.append(f"role classifier unavailable ({exc}); goals and assignments from rules only")
        return
    for bi, role in zip(todo, roles):
        ctx.block_role[bi] = role


def role_of(ctx: Context, bi: int, min_prob: float) -> Optional[str]:
    """The classifier's role for a block when it is at least `min_prob` sure, else None."""
    roles = ctx.block_role
    if not roles or roles[bi] is None:
        return None
    role, prob = roles[bi]
    return role if prob >= min_prob else None
