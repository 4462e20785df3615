"""The structure rules' registration: a rule that says which block kinds it reads is offered no other kind, so
what it says must hold — given a block of another kind it claims nothing and changes nothing."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

from plantrace.extract import structure
from plantrace.identify import identify
from plantrace.extract.context import Context
from plantrace.extract.pipeline import DEFAULT_PIPELINE, run
from plantrace.extract.text_reader import read_text
from plantrace.extract.walk import RULE_KINDS, RULES, Walk, rules_by_kind

FIXTURES = Path(__file__).parent / "fixtures"
KINDS = ("heading", "para", "bullet", "item", "row", "note")


def _walk(path: Path) -> Walk:
    """A document read up to the structure step, and the walk that step would start with."""
    text = path.read_text(encoding="utf-8")
    layout = read_text(text, source=path.name)
    ctx = Context(layout=layout, sha256=hashlib.sha256(text.encode()).hexdigest(), meta=identify(text, path.name))
    run(ctx, DEFAULT_PIPELINE[: DEFAULT_PIPELINE.index("structure")])
    n = len(ctx.blocks)
    ctx.block_goal, ctx.block_target, ctx.block_group = [None] * n, [None] * n, [None] * n
    walk = Walk(ctx=ctx, head_at={h.block: hi for hi, h in enumerate(ctx.headings)})
    structure._regions(walk)
    return walk


def _state(walk: Walk) -> str:
    ctx = walk.ctx
    kept = {k: v for k, v in vars(walk).items() if k != "ctx" and not callable(v)}
    return repr((sorted(kept.items(), key=lambda kv: kv[0]), {k: len(v) for k, v in ctx.items.items()},
                 sorted(ctx.item_status.items()), sorted(ctx.no_account)))


def test_a_rule_given_a_kind_it_does_not_read_does_nothing():
    paths = sorted((FIXTURES / "layouts").rglob("*.txt")) + sorted((FIXTURES / "holdout").rglob("*.txt"))
    assert len(paths) >= 40 and len(RULE_KINDS) >= 20
    steps = rules_by_kind(structure.STRUCTURE_RULES)
    tried = 0
    for path in paths:
        walk = _walk(path)
        for bi, b in enumerate(walk.blocks):
            # probed in the state the walk is in at this block (a list open, a label pending, …), then walked on
            for name, kinds in RULE_KINDS.items():
                for kind in KINDS:
                    if kind in kinds:
                        continue
                    before = _state(walk)
                    claimed = RULES[name](walk, bi, replace(b, kind=kind))
                    assert not claimed and _state(walk) == before, (path.name, bi, name, kind)
                    tried += 1
            if b.kind != "toc":
                any(step(walk, bi, b) for step in steps(b.kind))
            walk.stamp(bi)
    assert tried > 10_000


def test_every_listed_rule_is_offered_for_a_kind_blocks_have_in_the_listed_order():
    """A kind misspelt when a rule is registered ("paragraph") would leave the rule never run: every rule of the
    list must be offered for some block kind, and each kind's rules keep the list's order."""
    names = structure.STRUCTURE_RULES
    assert all(set(kinds) <= set(KINDS) for kinds in RULE_KINDS.values())
    steps = rules_by_kind(names)
    place = {RULES[n]: k for k, n in enumerate(names)}
    offered = set()
    for kind in KINDS:
        order = [place[step] for step in steps(kind)]
        assert order == sorted(order), kind
        offered |= set(steps(kind))
    assert offered == {RULES[n] for n in names}
    assert len(steps("row")) < len(steps("para"))  # (the kind-dispatch does spare rows most rules)
