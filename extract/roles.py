"""The role of each paragraph and bullet (goal, measurable_target, assignment, narrative, …) from the trained
classifier in `plantrace.nlp_models`.

Why a separate step: the rules in structure.py decide wherever the document says what a block is (numbering,
labels, a list introduced by "Socialnämndens mål:"); the classifier's role is consulted only where that
structure is silent — unnumbered bullets and prose — so it can add items but never overrides a rule. Without a
trained model the step records a warning and extraction goes on with the rules alone.
"""

from __future__ import annotations

from typing import Optional

from plantrace.extract.context import Context

CLASSIFIED_KINDS = ("para", "bullet")


def unit_text(kind: str, text: str) -> str:
    """The block as the classifier was trained on it: bullets keep their marker (see nlp_models/labelling.py)."""
    return f"• {text}" if kind == "bullet" else text


def classify_blocks(ctx: Context) -> None:
    in_tables = {bi for t in ctx.tables for bi in t.blocks}
    todo = [bi for bi, b in enumerate(ctx.blocks)
            if b.kind in CLASSIFIED_KINDS and bi not in in_tables and b.text.strip()]
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
    roles = getattr(ctx, "block_role", None)
    if not roles or roles[bi] is None:
        return None
    role, prob = roles[bi]
    return role if prob >= min_prob else None
