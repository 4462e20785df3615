"""Goals and assignments from the document's structure: a walk over the blocks in which named rules
(`goal_rules`, `assessment_rules`, `assignment_rules`) each read one signal, then tables of goals and
assignments read by header (`item_tables`), then the role classifier where the structure is silent.

The rules and their order are data (`STRUCTURE_RULES`); a new layout is a new rule, not a new branch."""

from __future__ import annotations

from typing import Optional

from plantrace.extract import assessment_rules, assignment_rules, goal_rules  # noqa: F401  (registers the rules)
from plantrace.extract.context import Context
from plantrace.extract.flattened import ends_in_value
from plantrace.extract.item_tables import item_tables
from plantrace.extract.roles import is_statement
from plantrace.extract.silent import where_structure_is_silent
from plantrace.extract.vocabulary import ASSIGNMENT_REGION, GOAL_REGION
from plantrace.extract.walk import Walk, rules_by_kind
from plantrace.nlp_models.status import status_match
from plantrace.schema import Section

STRUCTURE_RULES: list[str] = [
    "assignments_to_committees",  # "… uppdrag till nämnderna": "X har som särskilt uppdrag att …", "X ska …"
    "inline_assignment_list",  # "… följande uppdrag till nämnden: Utreda … . Ta fram … ." run into one paragraph
    "inline_dash_goal_list",  # "… De övergripande målen är: - X - Y - Z Styrmodellen …" (does not claim)
    "inline_goal_list",  # "… Svalövs kommun ska: vara en … . verka för … ." run into one paragraph (does not claim)
    "goal_pointed_at",  # "… bedöms ett av målen vara uppnått. Det gäller målet att …" (does not claim)
    "quoted_goal_names",  # "Visionsmålen är ”A”, ”B” samt ”C”": goals named in quotes (does not claim)
    "goals_judged_in_prose",  # "Målet om att bli X har uppnåtts": the goal named where it is judged (does not claim)
    "coded_goals_run_on",  # "… KF 1: <goal> Mått 1:1 <measure> …" run into one paragraph (does not claim)
    "goal_sentences_run_on",  # "Prioriterade KF-mål" ⏎ "<area> Befolkningen ska öka … . Kommunen ska … ." in one paragraph
    "goals_named_above",  # "<state>." ⏎ "<state>." ⏎ "… de föreslagna målformuleringarna …" (does not claim)
    "numbered_heading",  # numbered section headings: goal trees, assignment lists, other chapters
    "table_row",  # rows belong to tables; only stamped
    "status_line",  # a bare status line read with the statement above it ("Uppnås ej"): claimed, nothing more
    "announced_goal_line",  # a goal's name on its own line, one of those a sentence above counted: claimed
    "goal_over_its_measures",  # "<goal>" ⏎ "Indikatorer:" ⏎ <measures>: the line over the label is their goal
    "statement_heading_over_measures",  # a heading "X ska …" over a table of its measures (a comment between)
    "pending_label",  # the text after a label alone on its line ("Nämndmål" ⏎ "Alla barn ska …")
    "labelled_run_on",  # "MÅL: Alla ska …" ⏎ "Alla ska …": a statement on the line below a labelled goal
    "area_then_goal_line",  # "Prioriterat område: <area> Mål 12 <goal>": the goal after its area's field
    "labelled_line",  # "Nämndmål: …", "Mål 2: …", "Uppdrag: …", "Kommunfullmäktiges inriktningsmål 2 …"
    "goal_assessment_rows",  # a flattened "Mål | Bedömning" table and its rows
    "status_column_rows",  # a flattened "Uppdrag | Status | Kommentar" table: item, status cell, comment per row
    "assessed_statement",  # a statement followed by "Måluppfyllelse: …" / "Bedömning: …" / "Når vi målet?"
    "verdict_line",  # "Mål 8: …" ⏎ <what it means> ⏎ "Måluppfyllelse är på rätt väg": the goal in force, assessed
    "goal_heading_assessed",  # "Fler i jobb" ⏎ "Det strategiska målet Fler i jobb bedöms vara delvis uppfyllt. …"
    "mandate_intro",  # "… uppdrag är att:" over a list of what a committee or working group shall do
    "status_suffix",  # "Revidera lokalförsörjningsplanen PÅGÅENDE": an item with its status glued on
    "activities_told_with_status",  # "… följande aktiviteter:" ⏎ "• Framtagande av X pågår …": task and status
    "named_goal_list",  # "Våra övergripande mål är:" ⏎ "<name>" ⏎ <what it means> ⏎ "<name>" ⏎ …
    "goal_under_perspective",  # "… mål som formuleras utifrån fyra perspektiv … Dessa är följande:" ⏎ <name> ⏎ <goal> …
    "named_statement_lists",  # "<name>" ⏎ • "… ska öka" …, twice or more: names and bullets are goals
    "assigned_below",  # "• <goal>" ⏎ "Uppdrag till kommunstyrelsen.": the item is also an assignment to that body
    "title_line",  # a short plain line that names what follows ("Politiska uppdrag", "Våra mål")
    "experienced_effect_goal",  # "Attraktivt utbud" ⏎ "Våra besökare upplever att …" where effect goals are spoken of
    "goal_statement_under_heading",  # "Socialnämnden ska …" right under a top-level goal heading
    "goal_list",  # "Socialnämndens mål:" and the bullets or items after it
    "decided_goal_paragraphs",  # "… besluta om följande finansiella mål" ⏎ a paragraph per goal
    "target_sentence",  # "Målsättningen är att … 75 %" under a goal (does not claim)
    "goal_said_in_prose",  # "Kommunens mål är att X ska … och att Y ska …" in running text (does not claim)
    "uppdras_sentence",  # "Socialnämnden uppdras att …" wherever it stands
    "tasks_beside_an_assignment",  # "1. X får i uppdrag att …" ⏎ "2. X tar fram en kalkyl" ⏎ "3. Att … återrapporteras …"
    "closed_assignment",  # "Att uppdraget att utreda … därmed är slutfört": the assignment, done
    "att_uppdra",  # protocol decisions "att uppdra åt … att …"
    "decided_targets",  # "att resultatet … ska vara minst 1,5 % …" among a council's decisions: a goal
    "agenda_assignment",  # "7. Förslag om uppdrag till X att …", "Utredningsuppdrag 19/04 – Utreda …"
    "assignment_source_note",  # "<ärende> (Uppdrag från kommunfullmäktige …)" in an agenda or a list (does not claim)
    "record_statement",  # a record page's action: "<name>" ⏎ "<the action>" ⏎ … "Ansvarig organisation: …"
    "responsible_line",  # "Ansvar: SON, VON" under an assignment
    "assignment_list_item",  # items, bullets and imperative lines under an assignment title
    "responsibility_marker",  # "Utred … (KS)": an imperative carrying its responsible committee
    "goal_title_statements",  # statements and list items under a title about goals
    "decided_shall",  # "KS beslutade även att <förvaltning> ska …" in running text (does not claim)
    "decided_tasks",  # under "Beslut": "<nämnden> ska …:" ⏎ • <task> …, "<kontoret> ska också utreda …" (does not claim)
    "assignment_in_text",  # "… beslutade att ge X i uppdrag att …" in running text
    "directives_listed",  # "Direktiven som prioriteras är bland annat att A, att B … samt C" (does not claim)
    "goals_by_year",  # "• Minst 90 % av eleverna är nöjda (2026)": a run of bullets closed by the year to reach them
    "population_target",  # "Kommunen ska växa till 35 000 invånare år 2025" where no rule read it (does not claim)
]


def extract_structure(ctx: Context, rules: Optional[list[str]] = None) -> None:
    n = len(ctx.blocks)
    ctx.block_goal = [None] * n
    ctx.block_target = [None] * n
    ctx.block_group = [None] * n
    walk = Walk(ctx=ctx, head_at={h.block: hi for hi, h in enumerate(ctx.headings)})
    _sections(ctx)
    _regions(walk)
    steps = rules_by_kind(rules or STRUCTURE_RULES)
    # a flattened indicator table's rows are read by the table step (its goal rows stay outside its blocks)
    rows = {bi for t in ctx.tables if t.kind == "indicator" for bi in t.blocks if ctx.blocks[bi].kind == "para"}
    # … and so do its numbered rows that hold their values ("1.1 <name> (%) 1 1,4"), unlike a numbered name whose
    # values follow on lines of their own ("1. Tid till insats (1)"), which the walk still numbers
    rows |= {bi for t in ctx.tables if t.kind == "indicator" for bi in t.row_blocks
             if ctx.blocks[bi].kind in ("item", "heading") and ends_in_value(ctx.blocks[bi].text)}
    for bi, b in enumerate(ctx.blocks):
        if b.kind == "toc":
            continue
        if bi in rows:
            walk.stamp(bi)
            continue
        for step in steps(b.kind):
            if step(walk, bi, b):
                break
        walk.stamp(bi)
    item_tables(ctx, walk)
    goal_rules.goals_named_in_contents(walk)
    where_structure_is_silent(ctx, walk)


def _sections(ctx: Context) -> None:
    for hi, h in enumerate(ctx.headings):
        parent = f"s{h.parent + 1}" if h.parent is not None else None
        ctx.add("sections", Section(id=f"s{hi + 1}", number=h.number, title=h.title, level=h.level, parent=parent,
                                    level_source=h.source, provenance=ctx.provenance(h.block)))


def _category_title(title: str) -> bool:
    """A heading that names a category of goals ("Strategiskt nämndmål", "Målanalys"), not a goal itself."""
    return len(title.split()) <= 5 and bool(GOAL_REGION.search(title) or ASSIGNMENT_REGION.search(title))


def _statement_tree(walk: Walk, hi: int) -> bool:
    """A chapter whose heading and sub-headings state goals ("2 Alla barn ska …", "2.1 Förskolan ska …"):
    the numbering is the goal tree, with no title naming it."""
    heads = walk.heads
    kids = heads[hi].children
    if not is_statement(heads[hi].title):
        return False
    if kids:
        return sum(is_statement(heads[k].title) for k in kids) * 2 >= len(kids)
    nxt = heads[hi].block + 1  # a goal followed up right under its heading ("Målet är uppnått.")
    return nxt < len(walk.blocks) and status_match(walk.blocks[nxt].text).strength not in ("weak", "none")


def _regions(walk: Walk) -> None:
    """The role of each numbered heading from its top-level ancestor, and the goal level of each depth."""
    heads, blocks = walk.heads, walk.blocks

    def root(hi: int) -> int:
        while heads[hi].parent is not None:
            hi = heads[hi].parent
        return hi

    # a numbered tree under a plain title that names it ("Mål" ⏎ "1 …" ⏎ "1.1 …" ⏎ "2 …"): the title stands right
    # above the first top-level heading, and no other plain title stands between it and the next ones
    titled_roots: dict[int, str] = {}
    prev: Optional[int] = None
    for r, h in enumerate(heads):
        if h.number is None or h.parent is not None or h.level != 1:
            continue
        k = h.block - 1
        if k >= 0 and goal_rules.title_like(blocks[k]) and walk.head_at.get(k) is None:
            above = blocks[k].text.strip()  # (a list that starts at 1; "Mål och budget 2024" names a document)
            if _category_title(above) and h.number.rstrip(".") == "1" and not goal_rules.BUDGET_TITLE.search(above):
                titled_roots[r] = above
        elif prev in titled_roots and not any(goal_rules.title_like(blocks[j]) and walk.head_at.get(j) is None
                                              for j in range(heads[prev].block + 1, h.block)):
            titled_roots[r] = titled_roots[prev]
        prev = r
    # (a top-level heading that is itself a category's title, "1 Mål", keeps the usual reading)
    titled = {r: t for r, t in titled_roots.items() if not _category_title(heads[r].title)}
    walk.titled_roots = set(titled)

    for hi, h in enumerate(heads):
        if h.number is None:
            continue
        r = root(hi)
        title = heads[r].title
        if r in titled:  # its headings are the items, from the top level down
            walk.region_of[hi] = "assignment" if ASSIGNMENT_REGION.search(titled[r]) else "goal"
        elif ASSIGNMENT_REGION.search(title) and _category_title(title):
            walk.region_of[hi] = "assignment"
        elif GOAL_REGION.search(title) and _category_title(title):
            walk.region_of[hi] = "goal"
        elif r == hi and (goal_rules.statement_after(blocks, h.block) or _statement_tree(walk, hi)):
            walk.region_of[hi] = "goal"
            walk.statement_roots.add(hi)
        elif r in walk.statement_roots:
            walk.region_of[hi] = "goal"
        else:
            walk.region_of[hi] = "other"

    def rel_depth(hi: int) -> int:
        return heads[hi].level - (0 if root(hi) in walk.statement_roots or root(hi) in titled else 1)

    depth_span: dict[int, int] = {}
    for hi, role in walk.region_of.items():
        if role == "goal":
            depth_span[root(hi)] = max(depth_span.get(root(hi), 0), rel_depth(hi))

    def level_for(hi: int) -> Optional[str]:
        rel = rel_depth(hi)
        if rel <= 0:
            return None
        if root(hi) in titled and max(depth_span.get(r, 1) for r in titled) == 1:
            return "council" if goal_rules.COUNCIL_WORDS.search(titled[root(hi)]) else "committee"
        if root(hi) not in walk.statement_roots and root(hi) not in titled and depth_span.get(root(hi), 1) == 1:
            return "committee"
        return ["council", "committee"][rel - 1] if rel <= 2 else "sub"

    walk.level_for = level_for
    walk.ctx.heading_region = walk.region_of

