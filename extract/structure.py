"""Goals and assignments: numbered goal trees, labelled lines ("Nämndmål: …", "Uppdrag: …",
"Kommunfullmäktiges inriktningsmål 2 …"), goal statements under numbered headings, bullet goals in protocols,
measurable target sentences, and "… uppdras att …" items under a heading about political assignments.

One walk over the blocks also records, for every block, which goal or assignment it belongs to, so that tables,
indicators and actions can be linked to it."""

from __future__ import annotations

import re
from typing import Optional

from plantrace.extract.blocks import Block
from plantrace.extract.context import Context, fold
from plantrace.extract.roles import heading_candidate, is_statement, role_of
from plantrace.extract.vocabulary import (
    ASSIGNMENT_CUE,
    ASSIGNMENT_REGION,
    GOAL_REGION,
    LABEL_LINE,
    LABELS,
    PLACEHOLDER,
    TARGET_SENTENCE,
)
from plantrace.schema import Assignment, Goal, Section

COMMITTEE_ABBR = re.compile(r"\(\s*((?:[A-ZÅÄÖ]{2,5})(?:\s*(?:,|och|samt|&)\s*[A-ZÅÄÖ]{2,5})*)\s*\)\s*\.?\s*$")
FUNDING = re.compile(r"\b(\d+(?:[,.]\d+)?\s*(?:mnkr|miljoner kronor|mkr|tkr))", re.I)
DEADLINE = re.compile(r"\b(?:senast|till|före|klart?)\s+((?:den\s+)?\d{1,2}\s+\w+\s+\d{4}|\d{4}-\d{2}-\d{2}|(?:under|till)\s+\d{4}|(?:våren|hösten|årsskiftet|delår \d)\s*\d{4})", re.I)
UPPDRAS = re.compile(r"^(?:[A-ZÅÄÖ][\wåäö\-]*nämnden|[A-ZÅÄÖ][\wåäö\-]*styrelsen|Nämnden|Styrelsen|Kommunstyrelsen)\s+(?:uppdras|ges i uppdrag|får i uppdrag)\b")
_LIST_INTRO = re.compile(r"(mål|fokusområden|målsättningar|inriktning)[^.]*:\s*$", re.I)
_COUNCIL_INTRO = re.compile(r"(övergripande|kommungemensamma|kommunfullmäktiges)\s+mål\b", re.I)


def _category_title(title: str) -> bool:
    """A heading that names a category of goals ("Strategiskt nämndmål", "Målanalys"), not a goal itself."""
    return len(title.split()) <= 5 and bool(GOAL_REGION.search(title) or ASSIGNMENT_REGION.search(title))


def split_responsible(text: str) -> tuple[str, list[str]]:
    m = COMMITTEE_ABBR.search(text)
    if not m:
        return text, []
    names = [n for n in re.split(r"\s*(?:,|och|samt|&)\s*", m.group(1)) if n]
    rest = text[: m.start()].rstrip()
    return rest, names


def extract_structure(ctx: Context) -> None:
    blocks = ctx.blocks
    heads = ctx.headings
    n = len(blocks)
    ctx.block_goal = [None] * n
    ctx.block_target = [None] * n
    ctx.block_group = [None] * n
    head_at = {h.block: hi for hi, h in enumerate(heads)}

    # sections
    for hi, h in enumerate(heads):
        parent = f"s{h.parent + 1}" if h.parent is not None else None
        ctx.add("sections", Section(id=f"s{hi + 1}", number=h.number, title=h.title, level=h.level, parent=parent,
                                    level_source=h.source, provenance=ctx.provenance(h.block)))

    # role of each numbered heading from its top-level ancestor
    def root(hi: int) -> int:
        while heads[hi].parent is not None:
            hi = heads[hi].parent
        return hi

    region_of: dict[int, str] = {}
    statement_roots: set[int] = set()
    for hi, h in enumerate(heads):
        if h.number is None:
            continue
        r = root(hi)
        title = heads[r].title
        if ASSIGNMENT_REGION.search(title) and _category_title(title):
            region_of[hi] = "assignment"
        elif GOAL_REGION.search(title) and _category_title(title):
            region_of[hi] = "goal"
        elif r == hi and _statement_after(blocks, h.block):
            region_of[hi] = "goal"
            statement_roots.add(hi)
        elif r in statement_roots:
            region_of[hi] = "goal"
        else:
            region_of[hi] = "other"
    ctx.heading_region = region_of

    # depth of the goal levels inside each region
    depth_span: dict[int, int] = {}
    for hi, role in region_of.items():
        if role != "goal":
            continue
        r = root(hi)
        rel = heads[hi].level - (0 if r in statement_roots else 1)
        depth_span[r] = max(depth_span.get(r, 0), rel)

    def level_for(hi: int) -> Optional[str]:
        r = root(hi)
        rel = heads[hi].level - (0 if r in statement_roots else 1)
        if rel <= 0:
            return None
        if r in statement_roots:
            return ["council", "committee"][rel - 1] if rel <= 2 else "sub"
        k = depth_span.get(r, 1)
        if k == 1:
            return "committee"
        return ["council", "committee"][rel - 1] if rel <= 2 else "sub"

    council: Optional[str] = None  # id of the council goal in force
    council_by_kf = False
    target: Optional[str] = None  # id of the goal/assignment the text below belongs to
    group: Optional[str] = None
    goal_stack: dict[int, str] = {}  # heading index → goal id
    current_head: Optional[int] = None
    seen_goals: dict[str, str] = {}
    seen_assign: dict[str, str] = {}
    list_mode: Optional[str] = None  # "goals" after "Socialnämndens mål:", "council" after "övergripande mål …:"
    list_parent: Optional[str] = None
    pending_council_number: Optional[tuple[str, int, str]] = None

    def add_goal(text: str, level: str, parent: Optional[str], number: Optional[str], b0: int, b1: Optional[int] = None,
                 label: Optional[str] = None, dedupe: bool = True) -> str:
        key = fold(text)
        if dedupe and key in seen_goals:
            return seen_goals[key]
        gid = ctx.next_id("goals", "g")
        ctx.add("goals", Goal(id=gid, number=number, text=text, level=level, parent=parent,
                              placeholder=bool(PLACEHOLDER.search(text)), label=label,
                              section=_section_id(ctx, current_head), provenance=ctx.provenance(b0, b1)))
        seen_goals[key] = gid
        ctx.goal_levels[gid] = level
        return gid

    def add_assignment(text: str, number: Optional[str], b0: int, issuer: Optional[str], extra: str = "",
                       goal: Optional[str] = None) -> Optional[str]:
        body, responsible = split_responsible(text)
        key = fold(body)
        if not key:
            return None
        if key in seen_assign:
            return seen_assign[key]
        funding = FUNDING.search(text + " " + extra)
        deadline = DEADLINE.search(text)
        aid = ctx.next_id("assignments", "a")
        ctx.add("assignments", Assignment(id=aid, number=number, text=body, issuer=issuer, responsible=responsible,
                                          funding=funding.group(1) if funding else None,
                                          deadline=deadline.group(1) if deadline else None, goal=goal,
                                          provenance=ctx.provenance(b0)))
        seen_assign[key] = aid
        return aid

    for bi, b in enumerate(blocks):
        if b.kind == "toc":
            continue
        hi = head_at.get(bi)
        if hi is not None and heads[hi].number is None:
            list_mode = None  # an unnumbered heading ends a list; its text may still be a label line
        if hi is not None and heads[hi].number is not None:
            h = heads[hi]
            current_head = hi
            list_mode = None
            group = None
            role = region_of.get(hi, "other")
            if h.number is not None and role == "goal":
                level = _label_level(h.title) or level_for(hi)
                if level is not None:
                    parent = _parent_goal(heads, hi, goal_stack)
                    gid = add_goal(h.title, level, parent, h.number, bi, dedupe=False)
                    goal_stack[hi] = gid
                    ctx.heading_item[hi] = gid
                    target = gid
                    if level == "council":
                        council = gid
                    if hi in statement_roots:
                        council = gid
                else:
                    target = None
            elif h.number is not None and role == "assignment" and h.level >= 2:
                aid = add_assignment(h.title, h.number, bi, None)
                ctx.heading_item[hi] = aid
                target = aid
            elif h.number is not None:
                target = None
                council = None if h.level == 1 else council
            _stamp(ctx, bi, council, target, group)
            continue

        text = b.text.strip()
        role = region_of.get(current_head, "other") if current_head is not None else "other"

        if b.kind == "row":
            _stamp(ctx, bi, council, target, group)
            continue

        # labelled lines: "Nämndmål: …", "Uppdrag: …", "Kommunfullmäktiges inriktningsmål 2 …"
        m = LABEL_LINE.match(text) if b.kind in ("para", "heading", "item") else None
        if m and (m.group("text") or m.group("num")):
            label = m.group("label")
            kind, level = LABELS[label.lower()]
            body = m.group("text").strip()
            has_colon = bool(re.match(rf"^{re.escape(label)}(?:\s+\d+)?\s*:", text, re.I))
            if kind == "goal" and level == "council" and m.group("num"):
                if not body and bi + 1 < n and blocks[bi + 1].kind == "para":
                    pending_council_number = (m.group("num"), bi, label)
                    _stamp(ctx, bi, council, target, group)
                    continue
                council = add_goal(body, "council", None, m.group("num"), bi, label=_label_name(label))
                council_by_kf = label.lower().startswith("kommunfullmäktige")
                target, group = council, None
                _stamp(ctx, bi, council, target, group)
                continue
            if has_colon and body:
                if kind == "goal":
                    parent = council if level != "council" else None
                    gid = add_goal(body, level, parent, None, bi, label=_label_name(label))
                    target, group = gid, None
                    if level == "council":
                        council = gid
                elif kind == "assignment":
                    target = add_assignment(body, None, bi, "KF" if council_by_kf else None, goal=council)
                    group = None
                elif kind == "group":
                    group, target = text, None
                _stamp(ctx, bi, council, target, group)
                continue
        if pending_council_number is not None:
            num, b0, label = pending_council_number
            pending_council_number = None
            council = add_goal(text, "council", None, num, b0, bi, label=_label_name(label))
            council_by_kf = label.lower().startswith("kommunfullmäktige")
            target, group = council, None
            _stamp(ctx, bi, council, target, group)
            continue
        if re.fullmatch(r"(nämndens\s+)?grunduppdrag", text, re.I):
            target, group = council, None

        # goal statement right under a top-level goal heading (plans without sub-numbering)
        if current_head is not None and current_head in statement_roots and b.kind in ("para", "heading") and is_statement(text) \
                and _first_para_after(blocks, heads[current_head].block) == bi:
            gid = add_goal(text, "committee", ctx.heading_item.get(current_head), None, bi)
            target = gid
        # lists of goals: "Socialnämndens mål:" / "… följande prioriterade fokusområden …:"
        elif b.kind == "para" and _LIST_INTRO.search(text) and len(text) < 250:
            list_mode = "council" if _COUNCIL_INTRO.search(text) else "goals"
            list_parent = target if (role == "goal" or current_head in statement_roots) else None
            if list_mode == "goals" and current_head is not None and current_head in statement_roots:
                list_parent = ctx.heading_item.get(current_head)
        elif b.kind == "bullet" and list_mode is not None:
            if list_mode == "council":
                add_goal(text, "council", None, None, bi, label="övergripande mål")
            else:
                parent_level = _level_of(ctx, list_parent)
                level = "committee" if parent_level in (None, "council") else "sub"
                if parent_level is None and _measurable(text):
                    level = "sub" if list_parent else "committee"
                add_goal(text, level, list_parent, None, bi)
        elif b.kind == "para" and list_mode == "goals" and is_statement(text) and len(text) < 400:
            # prose goal between bullet groups (protocols): the bullets that follow are its targets
            if _level_of(ctx, list_parent) == "council":
                add_goal(text, "committee", list_parent, None, bi)  # a focus area under the council goal
            else:
                list_parent = add_goal(text, "committee", None, None, bi)
        elif b.kind == "para" and list_mode is not None and not is_statement(text):
            list_mode = None
        # measurable target sentence under a goal
        if b.kind == "para" and target is not None and _level_of(ctx, target) is not None:
            for sent in _sentences(text):
                if TARGET_SENTENCE.match(sent):
                    add_goal(sent, "sub", target, None, bi)
                    break
        # "1. Socialnämnden uppdras att …" under a heading about political assignments
        if b.kind == "item" and (role == "assignment" or (current_head is not None and ASSIGNMENT_REGION.search(heads[current_head].title))):
            aid = add_assignment(text, b.number, bi, None, extra="")
            target = aid
        elif b.kind in ("para", "bullet") and UPPDRAS.match(text) and role != "goal" and not ctx.is_report:
            add_assignment(_first_sentences(text), None, bi, None)
        _stamp(ctx, bi, council, target, group)

    _where_structure_is_silent(ctx, add_goal, add_assignment)


# How sure the role classifier must be before it adds an item where no rule spoke: in a section whose heading
# is about goals but where the rules found none, and anywhere in a document where they found no goal at all.
MIN_GOAL_PROB_SECTION = 0.5
MIN_GOAL_PROB_DOCUMENT = 0.75
MIN_ASSIGNMENT_PROB = 0.6
MIN_HEADING_PROB = 0.5


def _where_structure_is_silent(ctx: Context, add_goal, add_assignment) -> None:
    """Goals and assignments the rules could not see (unnumbered bullets and prose with no list introduction),
    taken from the role classifier — only in blocks no rule claimed, and only as statements ("… ska …").

    Sections start at the document's headings and at lines the classifier calls a heading (plain text marks
    none: "Nämndens mål 2020" is just a short line); a section is about goals when its title says so."""
    if not any(ctx.block_role or []):
        return
    blocks = ctx.blocks
    block_at_line = {b.first_line: bi for bi, b in enumerate(blocks)}
    claimed = {block_at_line.get(it.provenance.lines[0]) for kind in ("goals", "assignments", "indicators", "actions")
               for it in ctx.get(kind) if it.provenance and it.provenance.lines}
    titles = {h.block: h.title for h in ctx.headings}
    for bi, b in enumerate(blocks):
        if bi not in titles and role_of(ctx, bi, MIN_HEADING_PROB) == "heading" and heading_candidate(b):
            titles[bi] = b.text
    section: list[Optional[int]] = []  # per block: the block that starts its section
    cur = None
    for bi in range(len(blocks)):
        cur = bi if bi in titles else cur
        section.append(cur)
    goal_sections = {bi for bi, t in titles.items() if GOAL_REGION.search(t) and not PLACEHOLDER.search(t)}
    claimed_sections = {section[bi] for bi in claimed if bi is not None}
    no_goals = not ctx.get("goals")
    for bi, b in enumerate(blocks):
        if bi in claimed or bi in titles or b.kind not in ("para", "bullet"):
            continue
        text = b.text.strip()
        if role_of(ctx, bi, MIN_ASSIGNMENT_PROB) == "assignment" and ASSIGNMENT_CUE.search(text) \
                and not ctx.is_report and len(text) < 400:
            add_assignment(_first_sentences(text), None, bi, None)
            continue
        if not is_statement(text) or text.endswith(("?", ":")):
            continue
        if section[bi] in goal_sections and section[bi] not in claimed_sections:
            min_prob = MIN_GOAL_PROB_SECTION
        elif no_goals:
            min_prob = MIN_GOAL_PROB_DOCUMENT
        else:
            continue
        role = role_of(ctx, bi, min_prob)
        if role in ("goal", "measurable_target"):
            add_goal(text, "committee", ctx.block_goal[bi], None, bi)  # under the council goal in force, if any


def _stamp(ctx: Context, bi: int, council, target, group) -> None:
    ctx.block_goal[bi] = council
    ctx.block_target[bi] = target
    ctx.block_group[bi] = group


def _label_name(label: str) -> str:
    return label[:1].upper() + label[1:].lower()


def _label_level(title: str) -> Optional[str]:
    m = LABEL_LINE.match(title)
    if m and m.group("text"):
        kind, level = LABELS[m.group("label").lower()]
        if kind == "goal" and level:
            return level
    return None


def _parent_goal(heads, hi: int, goal_stack: dict[int, str]) -> Optional[str]:
    p = heads[hi].parent
    while p is not None:
        if p in goal_stack:
            return goal_stack[p]
        p = heads[p].parent
    return None


def _section_id(ctx: Context, hi: Optional[int]) -> Optional[str]:
    return f"s{hi + 1}" if hi is not None else None


def _level_of(ctx: Context, gid: Optional[str]) -> Optional[str]:
    return ctx.goal_levels.get(gid) if gid else None


def _first_para_after(blocks: list[Block], bi: int) -> Optional[int]:
    for j in range(bi + 1, min(bi + 4, len(blocks))):
        if blocks[j].kind == "para" or (blocks[j].kind == "heading" and blocks[j].number is None):
            return j  # a bold statement line counts as text here
        if blocks[j].kind in ("heading", "row"):
            return None
    return None


_COMMITTEE_SUBJECT = re.compile(r"^([A-ZÅÄÖ][\wåäö\-]*nämnden|Nämnden|Styrelsen|Förvaltningen|Verksamheten)\s+(ska|skall)\b")


def _statement_after(blocks: list[Block], bi: int) -> bool:
    """A top-level heading followed by "Socialnämnden ska …" is a council goal with the committee's goal under it."""
    if len(blocks[bi].text.split()) < 3:
        return False
    j = _first_para_after(blocks, bi)
    return j is not None and bool(_COMMITTEE_SUBJECT.match(blocks[j].text)) and len(blocks[j].text) < 300


def _measurable(text: str) -> bool:
    return bool(re.search(r"\d|\b(alla|samtliga|minst|högst|öka|minska)\b", text, re.I))


def _sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ])", text)
    return [p.strip() for p in parts if p.strip()]


def _first_sentences(text: str) -> str:
    sents = _sentences(text)
    return sents[0] if sents else text
