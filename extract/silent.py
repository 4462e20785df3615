"""Goals and assignments the rules could not see (unnumbered bullets and prose with no list introduction),
taken from the role classifier — only in blocks no rule claimed, and only as statements ("… ska …").

Sections start at the document's headings and at lines the classifier calls a heading (plain text marks
none: "Nämndens mål 2020" is just a short line); a section is about goals when its title says so."""

from __future__ import annotations

import re
from typing import Optional

from plantrace.extract.context import Context
from plantrace.extract.goal_rules import REPORTED_SPEECH, about_goals
from plantrace.extract.roles import heading_candidate, is_statement, role_of
from plantrace.extract.vocabulary import ASSIGNMENT_CUE, GOAL_REGION, PLACEHOLDER
from plantrace.extract.walk import Walk, first_sentence, sentences

# How sure the role classifier must be before it adds an item where no rule spoke: in a section whose heading
# is about goals but where the rules found none, and anywhere in a document where they found no goal at all.
MIN_GOAL_PROB_SECTION = 0.5
MIN_GOAL_PROB_DOCUMENT = 0.75
MIN_ASSIGNMENT_PROB = 0.6
MIN_HEADING_PROB = 0.5


_VISION_TITLE = re.compile(r"^(?:vår\s+|kommunens\s+|\w+s\s+)?vision(?:en)?(?:\s+\d{4})?$", re.I)
_PRINCIPLES = re.compile(r"\b(?:princip\w*|värdegrund\w*|värderingar\w*|förhållningssätt\w*|ledord\w*)\b[^.:]*:\s*$",
                         re.I)


def _under_principles(blocks, bi: int) -> bool:
    """A bullet of a list introduced as principles or values ("Till visionen hör fyra principer:")."""
    k = bi - 1
    while k >= 0 and blocks[k].kind == "bullet":
        k -= 1
    return k >= 0 and bool(_PRINCIPLES.search(blocks[k].text.strip()))


def where_structure_is_silent(ctx: Context, walk: Walk) -> None:
    if not any(ctx.block_role or []):
        return
    blocks = ctx.blocks
    block_at_line = {b.first_line: bi for bi, b in enumerate(blocks)}
    claimed = {block_at_line.get(it.provenance.lines[0]) for kind in ("goals", "assignments", "indicators", "actions")
               for it in ctx.get(kind) if it.provenance and it.provenance.lines}
    titles = {h.block: h.title for h in ctx.headings}
    for bi, b in enumerate(blocks):
        if bi not in titles and (role_of(ctx, bi, MIN_HEADING_PROB) == "heading" and heading_candidate(b)
                                 or _VISION_TITLE.match(b.text.strip())):  # ("Vision 2020" alone: a plain line)
            titles[bi] = b.text
    section: list[Optional[int]] = []  # per block: the block that starts its section
    cur = None
    for bi in range(len(blocks)):
        cur = bi if bi in titles else cur
        section.append(cur)
    goal_sections = {bi for bi, t in titles.items() if GOAL_REGION.search(t) and not PLACEHOLDER.search(t)}
    # a section under a heading about goals is about goals too ("Verksamhetsmål 2024" ⏎ "Sammanfattning"),
    # whether or not a layout gave its own title the size of a heading
    ranks: list[int] = []  # the headings in force, by rank (a smaller level number is a higher rank)
    for k, h in enumerate(ctx.headings):
        while ranks and ctx.headings[ranks[-1]].level >= h.level:
            ranks.pop()
        up = h.parent if h.parent is not None else (ranks[-1] if ranks else None)
        if up is not None and ctx.headings[up].block in goal_sections and not PLACEHOLDER.search(h.title):
            goal_sections.add(h.block)
        ranks.append(k)
    # a vision and its principles are what goals serve, not goals ("Vision" ⏎ "Kommunen ska …", "… principerna:")
    not_goals = {bi for bi, t in titles.items() if _VISION_TITLE.match(t.strip())}
    # a section where the rules found goals is read: the classifier adds none there (an assignment a rule found in
    # a decision under the same title leaves its goals unread, so it does not count)
    goal_blocks = {block_at_line.get(g.provenance.lines[0]) for g in ctx.get("goals") if g.provenance and g.provenance.lines}
    claimed_sections = {section[bi] for bi in goal_blocks if bi is not None}
    no_goals = not ctx.get("goals")
    for bi, b in enumerate(blocks):
        if bi in claimed or bi in titles or b.kind not in ("para", "bullet") or b.aside:
            continue  # (a fact box or call-out sums up or quotes: the classifier does not guess items in it)
        text = b.text.strip()
        if role_of(ctx, bi, MIN_ASSIGNMENT_PROB) == "assignment" and ASSIGNMENT_CUE.search(text) \
                and not ctx.is_report and len(text) < 400:
            # the sentence that gives it, not the paragraph's first ("Ärendet behandlades. X föreslås få i uppdrag …")
            walk.add_assignment(next((s for s in sentences(text) if ASSIGNMENT_CUE.search(s)), first_sentence(text)),
                                None, bi)
            continue
        if not is_statement(text) or text.endswith(("?", ":")) or about_goals(text) or section[bi] in not_goals \
                or REPORTED_SPEECH.search(text) \
                or bi > 0 and _VISION_TITLE.match(blocks[bi - 1].text.strip()) \
                or b.kind == "bullet" and _under_principles(blocks, bi):
            continue
        if section[bi] in goal_sections and section[bi] not in claimed_sections:
            min_prob = MIN_GOAL_PROB_SECTION
        elif no_goals:
            min_prob = MIN_GOAL_PROB_DOCUMENT
        else:
            continue
        if role_of(ctx, bi, min_prob) in ("goal", "measurable_target"):
            walk.add_goal(text, "committee", ctx.block_goal[bi], None, bi)  # under the council goal in force, if any
