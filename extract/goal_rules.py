"""Structure rules that find goals, one signal each: numbered goal trees, labels ("Nämndmål: …", "Mål 2 –",
"Målområde 1:"), a label alone over its text, list introductions ("Socialnämndens mål:"), statements right
under a goal heading, measurable target sentences, and statements or list items under a plain title about
goals ("Våra mål", "Prioriterade mål 2024")."""

from __future__ import annotations

import re
from typing import Optional

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from plantrace.extract.blocks import FIGURE_FIRST, Block, same_kind_run
from plantrace.extract.clauses import assignment_clauses
from plantrace.extract.flattened import NAME_BEFORE
from plantrace.extract.followups import told_items, told_that
from plantrace.extract.indicator_lines import LIST_INTRO as MEASURES_LABEL, NAMING_INTRO, USED_INTRO
from plantrace.extract.roles import is_statement
from plantrace.extract.sections import run_on_pages
from plantrace.extract.vocabulary import (
    aim_first,
    has_marker,
    ASSIGNMENT_CUE,
    ASSIGNMENT_TITLE,
    GOAL_REGION,
    GOAL_STATEMENT,
    MISSION_TITLE,
    PLACEHOLDER,
    TARGET_SENTENCE,
    UPPDRAS,
    LABELS,
    MEASURE_CODE,
    MEASURE_FIELD,
    MEASURES_WORD,
    LabelMatch,
    imperative,
    verb_first,
    match_label,
)
from plantrace.nlp_models.status import status_match
from plantrace.numbers import count_of
from plantrace.extract.context import fold
from plantrace.extract.walk import MINUTES_REFERENCE, Walk, first_sentence, rule, sentences

_LIST_INTRO = re.compile(r"(mål|fokusområden|målsättningar|inriktning|prioriterade\s+områden\w*|löften|ambitioner)[^.]*:\s*$"
                         # "Den nya koalitionen ska arbeta för:": what a majority or a body will work for, listed
                         r"|\b(?:ska|skall|vill|kommer\s+att)\s+(?:arbeta|verka)\s+för\s*:\s*$", re.I)
# a listed point that asks for a study ("Utreda byggnation av …"): a task to carry out, not a state to reach
_STUDY_ITEM = re.compile(r"^(?:utred|utreda|undersök|undersöka|kartlägg|kartlägga|se\s+över|ta\s+fram\s+(?:en\s+)?"
                         r"(?:utredning|förslag|plan))\b", re.I)
COUNCIL_WORDS = re.compile(r"(övergripande|kommungemensamma|kommunfullmäktiges|fullmäktiges|kommunens|"
                            r"strategiska|strategiskt|inriktnings)\s*mål|inriktningsmål|kommunmål|\bkf[\s-]mål|målområde",
                            re.I)
# a list about one goal, or of what serves it, is no list of goals: "Budgetprioriteringar som stödjer målet:",
# "Aktiviteter för att nå målet:"
_NOT_GOALS_LIST = re.compile(r"^(?:budget\w*|aktivitet\w*|åtgärd\w*|"
                             # ("Indikatorerna följer upp de två målen:" lists the goals followed up)
                             r"indikator\w*(?!\s+(?:följer\s+upp|mäter)\s+(?:\w+\s+){0,2}?mål(?:en)?\s*:)|"
                             r"insats\w*|nyckeltal|mått|mätetal|"
                             r"prioritering\w*|uppdrag\w*|strategi\w*)\b|\bmålet\b|"
                             # rules about goals ("Följande ska gälla för målen:"), the areas goals are grouped in
                             r"\b(?:för|om|kring|på)\s+(?:de\s+\w+\s+)?målen\b|\bmålområde\w*|\bperspektiv\w*|"
                             # what the list holds is measures: "Till målen hör följande indikatorer:"
                             r"\b(?:indikatorer(?:na)?|nyckeltal(?:en)?|mätetal(?:en)?)\s*:\s*$", re.I)
# a list of the areas goals are grouped in, or of values: its items are names, not goals
# ("… inom tre prioriterade områden:" lists what to reach: "Fler i arbete", "Minska arbetslösheten")
_AREAS_INTRO = re.compile(r"\b(?:mål|fokus)områden\w*\b|\bstrategiska\s+områden\w*|\bperspektiv\w*|"
                          # "… dessa omfattar fem områden:": a count of areas (or aspects) closing the lead-in
                          # ("… inom tre prioriterade områden:" names priorities, what the list holds are goals)
                          r"\b(?:två|tre|fyra|fem|sex|sju|åtta|nio|tio|\d{1,2})\s+(?!prioriterade\b)(?:\w+\s+)?"
                          r"(?:områden|aspekter)\s*:\s*$",
                          re.I)
_VALUES_INTRO = re.compile(r"\bvärde\s?ord\w*|\bvärdegrund\w*|\bvärderingar\w*|\bledord\w*|\bkärnvärden\w*", re.I)
_COMMITTEE_SUBJECT = re.compile(r"^([A-ZÅÄÖ][\wåäö\-]*nämnden|Nämnden|Styrelsen|Förvaltningen|Verksamheten)\s+(ska|skall)\b")
_SENT_END = re.compile(r"[.!?:;,]\s*$")
# a goal written as a noun phrase: "En attraktiv kommun", "Goda boendemiljöer", "Fler växande företag"
_GOAL_PHRASE = re.compile(r"^(?:en|ett|den|det|bra|fler|färre|ökad|ökat|ökade|minskad|minskat|minskade|bättre|god|goda|gott|"
                          r"hög|högre|hållbar|hållbart|trygg|tryggt|trygga|stärkt|stärkta|attraktiv|attraktivt|förbättrad|förbättrat|förbättrade|"
                          r"effektiv|effektivt|jämlik|jämställd|livslångt|säker|säkra)\s+\S", re.I)
_RELATIVE_START = re.compile(r"^(?:som|vilket|vilka|där|varav|genom att)\b", re.I)  # describes the line above
_PERSPECTIVE = re.compile(r"^[A-ZÅÄÖ][\wåäö]+(?:\s+[\wåäö]+)?\s*:\s+(?=\S)")
BUDGET_TITLE = re.compile(r"budget|fördelning|\bram(?:ar|en|arna)?\b|anslag", re.I)  # money, not a goal area
_INDICATORS_FOLLOW = re.compile(r"\b(?:indikatorer(?:na)?|nyckeltal(?:en)?|mätetal(?:en)?)\b[^.:!?]{0,40}[.:]\s*$", re.I)
_GRUNDUPPDRAG = re.compile(r"(nämndens\s+)?grunduppdrag", re.I)


def first_para_after(blocks: list[Block], bi: int) -> Optional[int]:
    for j in range(bi + 1, min(bi + 4, len(blocks))):
        if blocks[j].kind == "para" or (blocks[j].kind == "heading" and blocks[j].number is None):
            return j  # a bold statement line counts as text here
        if blocks[j].kind in ("heading", "row"):
            return None
    return None


def statement_after(blocks: list[Block], bi: int) -> bool:
    """A top-level heading followed by "Socialnämnden ska …" is a council goal with the committee's goal under it."""
    if len(blocks[bi].text.split()) < 3:
        return False
    j = first_para_after(blocks, bi)
    return j is not None and bool(_COMMITTEE_SUBJECT.match(blocks[j].text)) and len(blocks[j].text) < 300


def _measurable(text: str) -> bool:
    return bool(re.search(r"\d|\b(alla|samtliga|minst|högst|öka|minska)\b", text, re.I))


def _parent_goal(walk: Walk, hi: int) -> Optional[str]:
    p = walk.heads[hi].parent
    while p is not None:
        if p in walk.goal_stack:
            return walk.goal_stack[p]
        p = walk.heads[p].parent
    return None


@rule("numbered_heading")
def numbered_heading(walk: Walk, bi: int, b: Block) -> bool:
    hi = walk.head_at.get(bi)
    if hi is None:
        return False
    h = walk.heads[hi]
    if h.number is None:
        walk.set_title(bi, h.title)  # an unnumbered heading ends a list; its text may still be a label line
        return False
    ctx = walk.ctx
    walk.current_head = hi
    walk.set_title(bi, h.title)
    walk.title_mode = walk.areas_mode = None
    walk.group = None
    role = walk.region_of.get(hi, "other")
    if role == "goal":
        m = match_label(h.title)
        labelled = m is not None and m.kind == "goal" and bool(m.text)
        level = (m.level if labelled else None) or walk.level_for(hi)
        if level is None:
            walk.target = None
            return True
        text, label = (m.text, m.name) if labelled and m.colon else (h.title, None)  # "4 Inriktningsmål: …"
        gid = walk.add_goal(text, level, _parent_goal(walk, hi), h.number, bi, label=label, dedupe=False)
        walk.goal_stack[hi] = gid
        ctx.heading_item[hi] = gid
        walk.target = gid
        if level == "council" or hi in walk.statement_roots:
            walk.council = gid
    elif role == "assignment" and (h.level >= 2 or hi in walk.titled_roots):  # ("Uppdrag" ⏎ "1 Utred …" ⏎ …)
        walk.target = ctx.heading_item[hi] = walk.add_assignment(h.title, h.number, bi)
    else:
        walk.target = None
        walk.council = None if h.level == 1 else walk.council
        sentence = first_sentence(h.title)  # a numbered assignment outside any list ("4.11 Nämnden uppdras att …")
        clauses = [sentence] if UPPDRAS.match(h.title) else assignment_clauses(sentence)
        if clauses:
            walk.target = ctx.heading_item[hi] = walk.add_assignment(clauses[0], h.number, bi)
    return True


@rule("table_row")
def table_row(walk: Walk, bi: int, b: Block) -> bool:
    return b.kind == "row"


def _label_goal(walk: Walk, m: LabelMatch, text: str, b0: int, b1: Optional[int] = None) -> None:
    """A labelled goal: the label's level, or for a bare "Mål:" the level below the goal in force."""
    level = m.level
    parent = walk.council if level != "council" else None
    if not level:
        sibling = walk.label_of.get(walk.target) == m.label  # "Mål:" after "Mål:" is the next of a list
        target_level = walk.level_of(walk.target)
        if target_level == "committee" and walk.target != walk.council and not sibling:
            level, parent = "sub", walk.target
        elif sibling:
            level, parent = target_level, walk.parent_of.get(walk.target)
        else:
            level = "committee"
    gid = walk.add_goal(text, level, parent, m.number, b0, b1, label=m.name)
    walk.label_of[gid] = m.label
    walk.target, walk.group = gid, None
    if level == "council":
        walk.council = gid
        walk.council_by_kf = m.label.startswith("kommunfullmäktige")


def _label_assignment(walk: Walk, text: str, b0: int, number: Optional[str] = None) -> None:
    walk.target = walk.add_assignment(text, number, b0, "KF" if walk.council_by_kf else None, goal=walk.council)
    walk.group = None


@rule("pending_label")
def pending_label(walk: Walk, bi: int, b: Block) -> bool:
    if walk.pending_label is None:
        return False
    m, b0 = walk.pending_label
    walk.pending_label = None
    if bi - b0 > 2 or any(walk.blocks[k].kind != "para" or walk.head_at.get(k) is not None for k in range(b0 + 1, bi)):
        return False  # ("Mål" ⏎ <a numbered tree or a table> ⏎ "Ekonomi": what the label named came between)
    text = b.text.strip()
    means = _BY_MEANS.search(text) if m.kind == "goal" and b.kind == "para" else None
    if means:
        text = text[:means.start()].rstrip(" ,")  # "Vi ska … genom att:": the goal, its means listed below
    if b.kind not in ("para", "heading", "item", "bullet") or walk.head_at.get(bi) is not None and b.number \
            or len(text) > 400 or text.endswith(":") or match_label(text) or about_goals(text) \
            or has_marker(text) and not m.kind == "assignment":
        return False
    if m.kind == "goal":
        nxt = walk.blocks[bi + 1] if bi + 1 < len(walk.blocks) else None
        below = match_label(nxt.text.strip()) if nxt is not None and nxt.kind == "para" else None
        if below and below.label == m.label and below.number and not m.number and not below.text \
                and len(text.split()) <= 10 and not _SENT_END.search(text):
            return False  # "Delmål" ⏎ "<name>" ⏎ "Delmål 1.1" ⏎ <goal>: the label alone heads the section, each goal
            # is labelled with its code under its name
        if len(text.split()) <= 6 and not _SAID_MODAL.search(text) and not _SENT_END.search(text) \
                and not _GOAL_PHRASE.match(text) and nxt is not None and nxt.kind == "para" and _stated_below(nxt):
            walk.pending_label = (m, b0)  # "Övergripande mål" ⏎ "Kvalitet i framkant" ⏎ "Kommunen ska …": the name
            return True  # of the goal under the label; the statement below it is the goal
        text = goal_of_item(text)
        if b.kind == "para" and len(sentences(text)) > 2 and is_statement(sentences(text)[0]):
            text = sentences(text)[0]  # the goal, then what it means
        if b.kind == "para" and not (is_statement(text) or len(text) < 160):
            return False
        _label_goal(walk, m, text, b0, bi)
        if len(text.split()) <= 6 and not _SENT_END.search(text) and nxt is not None and nxt.kind == "para" \
                and len(nxt.text) > 2 * len(text) and not _MEASURE_LABEL_RUN.match(nxt.text):
            # a goal's name over the paragraph that explains it (not over its measures): its siblings are named so
            walk.heading_goal = bi
    else:
        if not assignment_like(text):
            return False  # "Uppdrag" over an introduction: a title, read by the list rules
        _label_assignment(walk, text, bi, m.number)
    return True


@rule("labelled_line", kinds=("para", "heading", "item", "bullet"))
def labelled_line(walk: Walk, bi: int, b: Block) -> bool:
    if b.kind not in ("para", "heading", "item", "bullet"):
        return False
    text = b.text.strip()
    m = match_label(text)
    if m is None or m.kind not in ("goal", "assignment", "group"):
        return False
    if not m.text and text[:1].islower() and text.endswith("."):
        return False  # "miljömål.": a sentence's last word wrapped onto a line of its own, no label
    if not m.text:
        nxt = walk.blocks[bi + 1] if bi + 1 < len(walk.blocks) else None
        if m.kind == "goal" and b.kind in ("para", "heading") and nxt is not None and nxt.kind == "item" \
                and nxt.number in ("1", "1.") and len(text) < 60 and not match_label(nxt.text.strip()):
            # "Nämndens mål" ⏎ "1. …" ⏎ "2. …": the label over a numbered list, each item a goal
            walk.set_title(bi, text)
            walk.title_mode = "goals"
            walk.list_mode, walk.list_parent, walk.list_status = "council" if m.level == "council" else "goals", None, None
            walk.list_targets = True
            return True
        if m.kind in ("goal", "assignment") and bi + 1 < len(walk.blocks) and len(text) < 60:
            walk.pending_label = (m, bi)  # "Nämndmål" ⏎ "Alla barn ska …": the label names the next block
            walk.set_title(bi, text)
            walk.title_mode = "goals" if m.kind == "goal" else "assignments"
            return True
        return False
    labelled = m.colon or (m.number is not None and m.text[:1].isupper())
    if not labelled and not (m.kind == "goal" and m.level == "council" and m.number):
        return False
    walk.labelled_since_title = True
    nxt = walk.blocks[bi + 1] if bi + 1 < len(walk.blocks) else None
    if m.kind == "goal" and len(m.text.split()) <= 5 and nxt is not None and nxt.kind == "para" \
            and _BY_MEANS.search(nxt.text) and is_statement(nxt.text):
        walk.pending_label = (m, bi)  # "Målområde 2. Rent vatten" ⏎ "Vi ska skydda … genom att:" ⏎ • …: the area's
        return True  # name over the goal, whose means the bullets list
    if m.kind == "goal" and not m.colon and len(m.text.split()) <= 4 and not _SAID_MODAL.search(m.text) \
            and not _SENT_END.search(m.text) and nxt is not None and nxt.kind == "para" \
            and not re.search(r":\s*[-−+]?\d", m.text) \
            and (_stated_below(nxt) or m.number and len(m.text.split()) <= 3 and _declared_below(nxt)):
        walk.pending_label = (m, bi)  # "Mål 1. Kvalitetsmål" ⏎ "Kommunens verksamheter ska …": the name of the
        return True  # goal stated below it (not a measure at its level: "Mål 2, Nöjd-Inflytande-Index: 55")
    if m.kind == "goal":
        _label_goal(walk, m, m.text, bi)
        walk.label_run = (m, bi) if m.colon else None
        if m.label in ("målområde", "fokusområde") and nxt is not None and nxt.kind in ("item", "bullet"):
            # "Målområde 1 - Attraktiv kommun" ⏎ "1. Ett gott bemötande …": the area's goals listed under it
            walk.list_mode, walk.list_parent, walk.list_status = "goals", walk.target, None
    elif m.kind == "assignment":
        _label_assignment(walk, m.text, bi, m.number)
    else:
        walk.group, walk.target = text, None
    return True


# "Prioriterat område: Stärkt näringsliv Mål 12 Andel företagsamma kvinnor": a field naming the goal's area, then
# the goal under its numbered label on the same line
_AREA_THEN_GOAL = re.compile(r"^[A-ZÅÄÖ][\wåäö ]{2,30}:\s+(?P<area>[A-ZÅÄÖ][^:]{2,80}?)\s+(?P<label>Mål|Delmål|Nämndmål|Effektmål)"
                             r"\s+(?P<number>\d{1,2}(?:\.\d{1,2})*)\s+(?P<goal>[A-ZÅÄÖ][^:]{2,200})$")


@rule("area_then_goal_line", kinds=("para",))
def area_then_goal_line(walk: Walk, bi: int, b: Block) -> bool:
    """A line that names a goal's area in a field and then the goal under its numbered label."""
    m = _AREA_THEN_GOAL.match(b.text.strip()) if b.kind == "para" and "ål " in b.text else None
    if not m:
        return False
    label = match_label(f"{m.group('label')} {m.group('number')} {m.group('goal')}")
    level = (label.level if label and label.level else "") or title_level(walk)
    walk.target = walk.add_goal(m.group("goal").strip(), level, walk.parent_for(level), m.group("number"), bi,
                                label=m.group("label")) or walk.target
    return True


@rule("labelled_run_on")
def labelled_run_on(walk: Walk, bi: int, b: Block) -> bool:
    """"MÅL: Alla elever ska …" ⏎ "Alla ska …" ⏎ "Alla ska …": short statements on the lines right below a
    labelled goal, with no label or bullet of their own, go on the label's list."""
    run, walk.label_run = walk.label_run, None
    if run is None or b.kind != "para":
        return False
    m, prev = run
    text = b.text.strip()
    if b.lines[0] != walk.blocks[prev].lines[-1] + 1 or len(text) > 150 or ":" in text \
            or not _MAIN_MODAL.match(text) or len(sentences(text)) > 1 or match_label(text):
        return False
    _label_goal(walk, m, text.rstrip("."), bi)
    walk.label_run = (m, bi)
    return True


def assignment_like(text: str) -> bool:
    return bool(imperative(text) or ASSIGNMENT_CUE.search(text) or UPPDRAS.match(text) or has_marker(text))


# (not a phrase about one: "En trygg och säker kommun" is a goal's name)
_ORG_LINE = re.compile(r"^(?!(?:en|ett|den|det|vår|vårt)\s)[\wåäöÅÄÖ\- ]{2,60}?(?:nämnden|styrelsen|förvaltningen|kommun|stad|region)(?:\s*[|,]\s*[\wåäöÅÄÖ\- ]+)?"
                       r"(?:\s+(?:\d{4}-\d{2}-\d{2}|\d+\s*(?:\(\d+\)|av\s+\d+)?))?$", re.I)


# a plan's own goal words ("nämndmål", "effektmålen", "delmål"), not a subject's ("kunskapsmålen", "ett attraktivt
# turistmål", "de nationella miljömålen"), which a goal may well name
_PLAN_GOAL_WORD = (r"(?:nämnd|nämnds|effekt|inriktnings|verksamhets|del|resultat|kommun|kommunfullmäktige|fullmäktige|"
                   r"kf-|styr|huvud|kvalitets|process|utvecklings|förbättrings|prioriterings|strategi|års|budget|"
                   r"övergripande|etapp|slut)?mål(?:en|et)?")
_PARENTHESIS = re.compile(r"\([^()]*\)")  # "(För 2011 ska målet vara 1,9 %)": a note on the goal, not about goals
_NAMES_PLAN_GOALS = re.compile(rf"\b{_PLAN_GOAL_WORD}\b", re.I)
# (what pupils shall reach, "Eleverna ska nå målen i alla ämnen", is a goal's content, not a word about goals)
_ABOUT_GOALS = re.compile(rf"(?<!\bnå\s)(?<!\bnår\s)\b(?:{_PLAN_GOAL_WORD}|målsättning\w*|målområde\w*|målstyrning\w*|styrmodell\w*)\b|^(?:dessa|detta|det(?=\s+(?:är|var|blir|blev|har|hade|handlar|gäller|innebär|betyder|kan|kommer|bör|måste|skulle|vill|visar|"
                          r"står|omfattar|rör|avser)\s)|det(?!\s+(?:ska|skall|finns)\s)(?!(?:\s+(?-i:[a-zåäö-]+)){1,8}\s+(?:ska|skall)\b)|"
                          r"här|nedan|ovan|följande|"
                          r"vi\s+har|nämnden\s+har|kommunen\s+har)\b", re.I)


# "Visionen ska uppnås genom att fem övergripande mål uppfylls:", "Utifrån visionen utgår tre mål:": what is meant
# to be reached or what the goals derive from, not an assessment
_INTENDED = re.compile(r"\b(?:genom|för|så)\s+att\b|\b(?:ska|skall|bör|måste)\b|\butifrån\b", re.I)


def about_goals(text: str) -> bool:
    """Text about the goals rather than a goal: it names goals ("… har antagit sex mål som ska …") or points at
    them ("Dessa ska …", "Här är …", "Det handlar om …"); "Det ska finnas …", "Det finns goda förutsättningar för …"
    are goals with a dummy subject, and "Det interna stödet ska …" one whose subject "det" only determines (a
    "Det sociala perspektivet" with no "ska" names a heading, no goal)."""
    return bool(_ABOUT_GOALS.search(text))


_NAMED_ITEM = re.compile(r"^(?P<name>[A-ZÅÄÖ0-9][^:.!?]{2,80}?)\s*:\s+(?P<rest>\S.{20,})$")


def goal_of_item(text: str) -> str:
    """A list item that names its goal and then explains it ("Sveriges tryggaste kommun: Kommunen ska …") is
    the name; an item that is the goal itself stays whole."""
    m = _NAMED_ITEM.match(text)
    if m and len(m.group("name").split()) <= 8 and not is_statement(m.group("name")):
        return m.group("name").strip()
    return text


def title_like(b: Block) -> bool:
    """A short unpunctuated line that names what follows rather than saying something."""
    text = b.text.strip()
    return b.kind == "para" and 3 <= len(text) <= 80 and len(text.split()) <= 8 and text[:1].isupper() \
        and not _SENT_END.search(text) and ": " not in text and not is_statement(text) and not imperative(text) \
        and not has_marker(text) and not re.search(r"\d\s*%|\d[\s,.]\d", text) and not WANTS_THAT.match(text)


# what a committee wants, said as its goal: "Vi vill att kunderna …" (a sentence, or the opening its bullets complete)
WANTS_THAT = re.compile(r"^(?:Vi|Nämnden|Kommunen|Styrelsen|[A-ZÅÄÖ][\wåäö-]*(?:\s+och\s+[\wåäö-]+)?(?:nämnden|styrelsen))"
                        r"\s+vill\s+att\s+(?P<rest>\S.*)$")


def title_level(walk: Walk) -> str:
    """Goals under a title that names the council's goals ("Kommunfullmäktiges mål") are the council's."""
    return "council" if walk.title and COUNCIL_WORDS.search(walk.title) else "committee"


# what a list of goals is followed by, under a title of its own: not a group of goals
_AREAS_TITLE = re.compile(r"\bmålområden\b", re.I)
_NOT_GOAL_GROUP = re.compile(r"aktivitet|åtgärd|insats|indikator|nyckeltal|mått|mätetal|uppdrag|strategi|resultat|"
                             r"uppföljning|budget|ekonomi|bakgrund|syfte|ansvar", re.I)
# a group's name that is a steering document's ("Skolprogram 2015-2020", "Program för äldreomsorg", "Kulturplanen"):
# the goals below it come from that document; its name is no goal (the word as written, or one letter off)
_DOCUMENT_WORD = re.compile(r"(?:plan|planen|strategi|strategin|policy|policyn|handlingsplan)$")


def _names_a_document(text: str) -> bool:
    words = [w.lower() for w in re.findall(r"[\wåäö]+", text)]
    return any(_DOCUMENT_WORD.search(w) or len(w) >= 6 and any(Levenshtein.distance(w[-k:], end) <= 1
                                                              for end in ("program", "programmet")
                                                              for k in (len(end) - 1, len(end), len(end) + 1))
               for w in words)


def _names_in_run(walk: Walk, bi: int) -> list[str]:
    """The short names of a run of name ⏎ paragraph pairs starting at block `bi`: named as goals ("En trygg
    kommun", "Hög kvalitet i omsorgen") they are the goals, named as activities ("Vatten och avlopp") they are not."""
    def named(k: int) -> bool:
        return 0 <= k and k + 1 < len(walk.blocks) and walk.blocks[k + 1].kind == "para" \
            and title_like(walk.blocks[k]) and len(walk.blocks[k].text.split()) <= 6

    first = bi
    while named(first - 2) and bi - first < 24:
        first -= 2
    names, k = [], first
    while named(k) and len(names) < 24:
        names.append(walk.blocks[k].text.strip())
        k += 2
    return names


def _area_over_statements(name: str, below: Optional[Block], last: bool = False) -> bool:
    """A short name without a verdict or a sentence of its own, over a paragraph of one to three short sentences
    that all state what shall be: the sentences are goals, the name the activity they are set for."""
    if below is None or below.kind != "para" or len(name.split()) > 4 or _SENT_END.search(name) \
            or GOAL_REGION.search(name) or ASSIGNMENT_TITLE.search(name) or _NOT_GOALS_HEAD.match(name):
        return False
    said = sentences(below.text.strip())
    if last and len(said) > 1 and not said[-1].endswith("."):
        said = said[:-1]  # the text ends inside the paragraph's next sentence: what is whole is read
    return 1 <= len(said) <= 3 and all(len(x) <= 250 and x.endswith(".") and is_statement(x) for x in said)


def _named_sibling(walk: Walk, k: int) -> bool:
    """Block `k` is another short name over a paragraph of statements: the names over paragraphs run as a list
    ("Utbildning i toppklass" ⏎ "Kommunen ska … . …" ⏎ "Hög kvalitet i omsorgen" ⏎ "Kommunen ska …")."""
    if k + 1 >= len(walk.blocks) or walk.head_at.get(k) is not None:
        return False
    name, below = walk.blocks[k], walk.blocks[k + 1]
    return title_like(name) and len(name.text.split()) <= 6 and not _SENT_END.search(name.text.strip()) \
        and not GOAL_REGION.search(name.text) and below.kind == "para" and len(below.text) > 2 * len(name.text) \
        and is_statement(sentences(below.text)[0])


def _measure_marks(walk: Walk) -> tuple[frozenset[int], list[int]]:
    """The blocks that are a measures' label alone on its line ("Indikatorer:"; without the colon, "Mätetal" may be
    a flattened table's header cell), and those that introduce a list of measures, found once per document."""
    if walk.measure_marks is None:
        labels, intros = set(), []
        for k, blk in enumerate(walk.blocks):
            t = blk.text.strip()
            if blk.kind not in ("para", "heading") or len(t) > 200:
                continue
            if t.endswith(":") and MEASURES_LABEL.match(t):
                labels.add(k)
            if MEASURES_LABEL.match(t) or USED_INTRO.match(t) or t.endswith(":") and NAMING_INTRO.match(t):
                intros.append(k)
        walk.measure_marks = (frozenset(labels), intros)
    return walk.measure_marks


def _goal_verb_first(text: str) -> bool:
    first = text.split(maxsplit=1)[0].lower().strip(":,") if text.strip() else ""
    return verb_first(text) or text[:1].isupper() and first in ("var", "säkra", "säkerställ")


def _in_measures_list(walk: Walk, bi: int) -> bool:
    """Whether the block stands in a list that a line above said holds measures (bullets and group names between)."""
    intros = set(_measure_marks(walk)[1])
    for k in range(bi - 1, max(-1, bi - 40), -1):
        if k in intros:
            return True
        if walk.blocks[k].kind != "bullet" and len(walk.blocks[k].text.split()) > 8:
            return False
    return False


# a sentence that names what stands right above it as goals: "… de föreslagna målformuleringarna …", "Dessa fyra mål …",
# "Ovanstående mål …", "Målen ovan …"
_GOALS_ABOVE = re.compile(r"\b(?:(?:de|dessa)(?:\s+[\wåäö]+){0,2}?\s+mål(?:formuleringarna|sättningarna|en)|dessa(?:\s+[\wåäö]+){0,2}?"
                          r"\s+mål|ovanstående(?:\s+[\wåäö]+){0,2}?\s+mål\w*|målen\s+ovan)\b", re.I)


def _short_statement(b: Block) -> bool:
    """One short sentence on its own line that says how things are or shall be ("Vännäs kommun är en attraktiv
    arbetsgivare.")."""
    text = b.text.strip()
    return b.kind == "para" and text.endswith(".") and 3 <= len(text.split()) <= 14 and len(sentences(text)) == 1 \
        and not any(c.isdigit() for c in text) and not text.endswith(":")


@rule("goals_named_above", kinds=("para",))
def goals_named_above(walk: Walk, bi: int, b: Block) -> bool:
    """"<state>." ⏎ "<state>." ⏎ "<state>." ⏎ "Jag inleder med de föreslagna målformuleringarna till …": short
    statements, each alone on its line, that the sentence right below them names as goals. Claims nothing."""
    if b.kind != "para" or bi < 2 or "mål" not in b.text or not _short_statement(walk.blocks[bi - 1]):
        return False  # (the cheap tests first: this runs on every paragraph that speaks of goals)
    first = sentences(b.text.strip())[0]
    if first.rstrip().endswith(":") or not _GOALS_ABOVE.search(first):
        return False
    k = bi
    while k > 0 and _short_statement(walk.blocks[k - 1]) and fold(walk.blocks[k - 1].text) not in walk.seen_goals:
        k -= 1
    if bi - k < 2:
        return False
    level = "council" if COUNCIL_WORDS.search(first) else title_level(walk)
    for j in range(k, bi):  # (what follows speaks of them all: no account of the last one)
        walk.accounted_here(walk.add_goal(walk.blocks[j].text.strip(), level, None, None, j))
    return False


@rule("goal_over_its_measures", kinds=("para", "heading"))
def goal_over_its_measures(walk: Walk, bi: int, b: Block) -> bool:
    """"Skola i toppklass" ⏎ "En skola i toppklass" ⏎ "Indikatorer:" ⏎ <measures>: the line right over the
    measures' label is the goal they measure; a name over that line, which the goal repeats, is its name only."""
    if b.kind not in ("para", "heading"):
        return False
    labels, intros = _measure_marks(walk)
    near_label = bi + 1 in labels or bi + 2 in labels
    nxt = walk.blocks[bi + 1] if bi + 1 < len(walk.blocks) else None
    group = b.kind == "para" and nxt is not None and nxt.kind == "bullet" and bool(intros) and intros[0] < bi \
        and len(b.text) < 100
    if not near_label and not group:
        return False  # (no measures' label near, no group over bullets in a list of measures: the cheap test)
    text = b.text.strip()
    if len(text) > 250 or len(text.split()) < 2 or match_label(text) or MEASURES_LABEL.match(text) \
            or _NOT_GOAL_GROUP.search(text):
        return False
    if group and len(text.rstrip(":").split()) <= 8 and _goal_verb_first(text) and _in_measures_list(walk, bi):
        # "Följande nyckeltal används" ⏎ "Minska klimatpåverkan:" ⏎ • <measure> …: a focus area's goal, worded as
        # what to do, over the measures that follow it up
        walk.target = walk.add_goal(text.rstrip(" :"), "sub" if walk.council else title_level(walk), walk.council,
                                    None, bi) or walk.target
        return True
    if text.endswith(":"):
        return False
    if bi + 1 in labels:
        walk.pending_label = None
        walk.target = walk.add_goal(text, title_level(walk), None, None, bi) or walk.target
        return True
    if bi + 2 in labels and set(fold(text).split()) <= set(fold(walk.blocks[bi + 1].text).split()):
        walk.pending_label = None
        return True
    return False


@rule("statement_heading_over_measures", kinds=("heading", "para"))
def statement_heading_over_measures(walk: Walk, bi: int, b: Block) -> bool:
    """A heading that states what shall be ("Fritidsgårdarna ska nå fler unga") over a table of its measures,
    at most a comment between: the goal the table follows up, as reports set their goals as headings. A web page
    may give the heading as a plain line, worded as what to do ("Öka antalet …"), right over the table's header."""
    if b.kind not in ("heading", "para") or b.number or len(b.text) > 250 or b.text.rstrip().endswith((":", "?")):
        return False
    if b.kind == "para":
        if len(b.text.split()) > 15 or b.text.rstrip().endswith(".") \
                or not (is_statement(b.text) or _goal_verb_first(b.text)):
            return False
        stop = min(len(walk.blocks), bi + 2)  # the table's header on the next line
    elif is_statement(b.text):
        stop = min(len(walk.blocks), bi + 4)
    else:
        return False
    end = next((k for k in range(bi + 1, stop) if walk.blocks[k].kind == "heading"), stop)
    if not any(t.kind == "indicator" and t.blocks and bi < min(t.blocks) < end for t in walk.ctx.tables):
        return False
    text = b.text.strip()
    if match_label(text) or about_goals(text):
        return False
    walk.target = walk.add_goal(text, title_level(walk), None, None, bi) or walk.target
    return True


# what a line names when it heads the means to a goal or its measures: the items under it are no goals
_NOT_GOALS_HEAD = re.compile(r"(?:strategier|aktiviteter|åtgärder|insatser|indikatorer|nyckeltal|mått|mätetal|"
                             r"bakgrund|sammanfattning)\b"
                             # "Fokus för att uppnå målsättningen", "Så ska vi nå målet": the means to a goal
                             r"|(?:[\wåäö]+\s+){1,3}för\s+att\s+(?:uppnå|nå)\s", re.I)
_PAST_ACCOUNT = re.compile(r"\b(?:ökade|minskade|steg|sjönk|uppgick|landade|hamnade|har\s+(?:ökat|minskat|stigit|sjunkit))\b",
                           re.I)
_BY_MEANS = re.compile(r"\s+genom\s+att\s*:\s*$", re.I)
_THESE_ARE = re.compile(r"^(?:dessa|de|målen)\s+(?:är|lyder)\s*(?:följande|nedan|som\s+följer)?\s*:$", re.I)
_DECISION_TITLE = re.compile(r"^(?:(?:nämndens|styrelsens|kommunstyrelsens|fullmäktiges|förslag\s+till)\s+)?"
                             r"(?:beslut(?:et)?|"
                             # "Kommunstyrelsens förslag till kommunfullmäktige": what a body proposes the council decide
                             r"förslag\s+till\s+[\wåäö-]*(?:fullmäktige|styrelsen|nämnden))\s*:?$", re.I)
_PERSPECTIVE_NAME = re.compile(r"perspektiv(?:et)?\s*$", re.I)
_VISION_TITLE = re.compile(r"^(?:vision(?:en)?|värdegrund(?:en)?|värdeord(?:en)?|ledord(?:en)?|kärnvärden(?:a)?)\b", re.I)


def _tasks_title(text: str, nxt: Optional[Block]) -> bool:
    """A title over assignments ("Uppdrag till förvaltningen"); "Nämndens uppdrag" only over tasks listed by their
    verbs (over prose it is the committee's mission)."""
    return bool(ASSIGNMENT_TITLE.search(text)) and (not MISSION_TITLE.search(text) or nxt is not None and nxt.kind in (
        "bullet", "item", "heading") and verb_first(nxt.text))


@rule("title_line")
def title_line(walk: Walk, bi: int, b: Block) -> bool:
    hi = walk.head_at.get(bi)
    text = b.text.strip()
    if _GRUNDUPPDRAG.fullmatch(text):
        walk.target, walk.group = walk.council, None
    if not (hi is not None and walk.heads[hi].number is None) and not title_like(b):
        return False
    if has_marker(text) and (imperative(text) or ASSIGNMENT_CUE.search(text)):
        return False  # "Inför en gemensam rutin … (KS)" set as a heading: an assignment naming who carries it out
    nxt = walk.blocks[bi + 1] if bi + 1 < len(walk.blocks) else None
    opens = walk.list_mode in ("goals", "council") and bi > 0 and walk.blocks[bi - 1].text.rstrip().endswith(":")
    mode = (walk.list_mode, text.isupper()) if opens else walk.areas_mode
    if mode and (opens or text.isupper() == mode[1]) and hi is None and len(text.split()) <= 4 and nxt is not None \
            and nxt.kind == "para" and is_statement(nxt.text) and len(sentences(nxt.text)) <= 2 \
            and not _NOT_GOALS_HEAD.match(text):
        # "Målen … ser ut så här:" ⏎ "SKOLAN" ⏎ "Vi ska ha en skola i världsklass …" ⏎ <means> ⏎ "VÅRD OCH OMSORG" ⏎
        # …: an area's name right under the introduction, over one of the goals it announced; the list goes on
        # under each next name set alike
        walk.areas_mode, walk.list_mode, walk.list_parent = mode, mode[0], None
        return True
    if _ORG_LINE.match(text) and not ASSIGNMENT_TITLE.search(text) and not GOAL_REGION.match(text):
        # ("Uppdrag till förvaltningen", "Mål för nämnden": titles)
        if walk.title_mode == "assignments" and nxt is not None and nxt.kind in ("bullet", "item") \
                and not (assignment_like(nxt.text) or verb_first(nxt.text)):
            # "Särskilda uppdrag" ⏎ • <tasks> ⏎ "Socialnämnden" ⏎ • <priorities, no tasks>: the committee's own
            # section begins, and the list of assignments has ended
            walk.title_mode = None
        return True  # a running header naming the committee or municipality: furniture, not a new section
    if _PERSPECTIVE_NAME.search(text) and len(text.split()) <= 4 and hi is None:
        walk.area = None  # "Det ekonomiska perspektivet": the scorecard's perspective over its goals, no goal itself
        return True
    if _VISION_TITLE.match(text) and not GOAL_REGION.search(text):
        walk.set_title(bi, text)  # "Vision för Åby – …" ⏎ "• …": the points of a vision or its values, no goals
        walk.title_mode, walk.area, walk.explained_after = None, None, None
        return True
    nxt = walk.blocks[bi + 1] if bi + 1 < len(walk.blocks) else None
    if walk.list_mode in ("areas", "area_items") and walk.title_mode != "goals" and hi is None and nxt is not None \
            and nxt.kind == "item" and len(text.split()) <= 8 and not _SENT_END.search(text) \
            and not _NOT_GOAL_GROUP.search(text):
        # "… inom tre strategiska områden:" ⏎ <area> ⏎ "1. <goal>" … ⏎ <area> ⏎ "6. <goal>": the areas' names
        # over numbered goals, no goals themselves and no new title (under a title about goals the areas are the
        # goals the numbered ones serve: read below)
        walk.list_mode = "area_items"
        return True
    if walk.title_mode == "goals" and fold(text) in walk.area_titles:
        return True  # one of the areas the goals are grouped under (named in a sentence above): no goal, no new title
    run = _names_in_run(walk, bi) if walk.title_mode == "goals" and hi is None \
        and _area_over_statements(text, nxt, bi + 2 == len(walk.blocks)) else []
    if len(run) >= 2 and not any(_GOAL_PHRASE.match(name) for name in run):
        # "Mål för nämndens verksamheter" ⏎ "Vatten och avlopp" ⏎ "Alla abonnenter ska … . Spillvattnet ska …": an
        # area's name over the goals set for it, each sentence one, name after name, paragraph after paragraph; the
        # list of areas goes on under the title
        walk.area, walk.explained_after, walk.statement_para = None, None, bi + 1
        return True
    if walk.title_mode == "goals" and hi is None and nxt is not None and nxt.kind == "para" \
            and (len(sentences(nxt.text)) >= 2
                 or walk.heading_goal is not None and walk.heading_goal > (walk.title_block or 0)) \
            and len(text.split()) <= 6 and not GOAL_REGION.search(text) \
            and not BUDGET_TITLE.search(text) and not about_goals(text) and not MISSION_TITLE.search(text) \
            and not ASSIGNMENT_TITLE.search(text) \
            and (walk.area_titles or walk.heading_goal is not None and walk.heading_goal > (walk.title_block or 0)
                 or _named_sibling(walk, bi + 2)):
        # a goal's short name over the paragraph that explains it, among areas a sentence named: the name is the goal
        # (and so are its siblings' names, whatever the length of their paragraphs)
        walk.add_goal(text, title_level(walk), None, None, bi)
        walk.heading_goal, walk.explained_after = bi, None
        return True
    if walk.list_mode in ("goals", "council") and hi is None and nxt is not None and nxt.kind in ("bullet", "item") \
            and len(text.split()) <= 8 and not _NOT_GOAL_GROUP.search(text):
        return True  # a group's name inside a list of goals ("Nämndens mål:" ⏎ "Trygg uppväxt" ⏎ "1. …"): the list goes on
    if walk.title_mode == "goals" and walk.title_block is not None and nxt is not None and hi is None \
            and not GOAL_REGION.search(text) and not BUDGET_TITLE.search(text) and not _NOT_GOALS_HEAD.match(text) \
            and not _DECISION_TITLE.match(text) and not MINUTES_REFERENCE.match(text) \
            and (nxt.kind in ("bullet", "item") or _GOAL_PHRASE.match(text)) and not _tasks_title(text, nxt):
        # a goal area under a title about goals, with its goals listed below it ("Attraktivt boende" ⏎ "• …")
        if _AREAS_TITLE.search(walk.title or ""):
            return True  # the title calls its groups areas ("Målområden och strategiska mål"): a heading, no goal
        if _names_a_document(text):
            return True  # "Skolprogram 2015-2020" ⏎ "• Alla elever ska …": the goal's source, no goal
        coded = match_label(nxt.text.strip()) if nxt.kind == "para" else None
        if coded and coded.kind == "goal" and coded.number and not coded.text:
            return True  # "Hållbar lärande i skolan" ⏎ "Delmål 1.2" ⏎ <goal>: the name over a coded goal, no area
        level = title_level(walk)
        council_title = level == "council"
        area = walk.add_goal(text, level, None if council_title else walk.council, None, bi)
        walk.area = area
        if council_title:
            walk.council = area
        walk.target = area
        return True
    if hi is None and nxt is not None and nxt.kind == "para" and _stated_below(nxt) and 2 <= len(text.split()) <= 6 \
            and not _GOAL_PHRASE.match(text) and not GOAL_REGION.search(text) and not about_goals(text) \
            and not MISSION_TITLE.search(text) and not ASSIGNMENT_TITLE.search(text) \
            and (walk.title_mode == "goals" or walk.target is not None and walk.target.startswith("g")):
        walk.title_mode = "goals"  # the name of the next goal ("Trygghet i livets alla skeden" ⏎ "… ska …")
        walk.explained_after = bi + 1
        return True
    walk.set_title(bi, text)
    walk.area = None
    walk.explained_after = None
    if _tasks_title(text, nxt):
        walk.title_mode = "assignments"  # ("Nämndens uppdrag" over tasks listed by their verbs, not its mission)
    elif _DECISION_TITLE.match(text):
        walk.title_mode = "decisions"  # "Beslut" ⏎ • …: what was decided, a body's "ska" an assignment
    elif GOAL_REGION.search(text) and not PLACEHOLDER.search(text) and not walk.ctx.is_report \
            and not _NOT_GOALS_HEAD.match(text):  # "Strategier för att nå målet", "Aktiviteter för målet": no goals
        walk.title_mode = "goals"
    else:
        walk.title_mode = None
    return True


@rule("goal_statement_under_heading", kinds=("para", "heading"))
def goal_statement_under_heading(walk: Walk, bi: int, b: Block) -> bool:
    """Plans without sub-numbering: the committee's goal is the statement right under a council goal heading."""
    head = walk.current_head
    if head is None or head not in walk.statement_roots or b.kind not in ("para", "heading") \
            or not is_statement(b.text) or first_para_after(walk.blocks, walk.heads[head].block) != bi:
        return False
    walk.target = walk.add_goal(b.text.strip(), "committee", walk.ctx.heading_item.get(head), None, bi)
    return True


# an effect goal worded as what someone experiences: "Våra besökare upplever att …", "Eleverna känner sig trygga …"
_EFFECT_GOALS = re.compile(r"effektmål", re.I)
_EXPERIENCED = re.compile(r"^(?:[A-ZÅÄÖ][\wåäö-]*\s+){1,4}?(?:upplever|känner\s+sig|känner|erfar)\s+\S", re.I)


@rule("experienced_effect_goal", kinds=("para",))
def experienced_effect_goal(walk: Walk, bi: int, b: Block) -> bool:
    """Where a document speaks of its effect goals ("effektmål"), a one-sentence paragraph that says what someone
    experiences, right under a goal's short name, is the goal."""
    if b.kind != "para" or bi == 0 or "upplever" not in b.text and "känner" not in b.text:
        return False
    text, above = b.text.strip(), walk.blocks[bi - 1].text.strip()
    if len(text) > 250 or len(sentences(text)) > 1 or not _EXPERIENCED.match(text) \
            or not (1 <= len(above.split()) <= 6 and above[:1].isupper() and not _SENT_END.search(above)):
        return False
    if not _EFFECT_GOALS.search(walk.ctx.layout.text):  # (rarely reached: the tests above fail first)
        return False
    walk.target = walk.add_goal(text.rstrip("."), "committee", walk.council, None, bi)
    walk.accounted_here(walk.target)  # the prose after it says what it means and how it is measured
    return True


# "Mål 1: …" ⏎ "Förväntat resultat:" ⏎ bullets: the results the goal is to bring about, each a sub-goal
_RESULTS_INTRO = re.compile(r"^(?:förvänta(?:t|de?)|önska(?:t|de?)|eftersträva(?:t|de?))\s+(?:resultat|effekter?|läge)"
                            r"(?:\s+\d{4}(?:[-–]\d{2,4})?)?\s*:$", re.I)


_GOALS_JUDGED = re.compile(r"\b(?:mål(?:en)?|[\wåäö]+målen)\b", re.I)


def _judged_list(text: str) -> bool:
    """A paragraph whose last sentence names goals in the plural and judges them ("… målen … kommer delvis att vara
    uppnådda."), standing right over bullets: the bullets are the goals it judges."""
    last = sentences(text)[-1]
    if len(last) > 250 or not _GOALS_JUDGED.search(last):
        return False
    assessed = status_match(last)
    return assessed.strength == "explicit" and assessed.status in ("done", "partial", "not_done")


def _without_verdict(item: str) -> str:
    """A judged list's item that adds its own qualifier after a comma ("X ska ha en stark ekonomi, ett av två delmål
    uppnås. …"): the goal is the part before it."""
    first = sentences(item)[0]
    head, sep, tail = first.partition(", ")
    if sep and len(head.split()) >= 4 and status_match(tail).strength in ("explicit", "value"):
        return head
    return item


def _named_over_explanation(walk: Walk, k: int) -> bool:
    """A goal's name alone on its line (a few words, no full stop) over the longer paragraph that explains it."""
    if k + 1 >= len(walk.blocks):
        return False
    b, nxt = walk.blocks[k], walk.blocks[k + 1]
    text = b.text.strip()
    return b.kind == "para" and nxt.kind == "para" and 2 <= len(text.split()) <= 8 and not _SENT_END.search(text) \
        and not text.endswith(":") and len(nxt.text) > 2 * len(text) and len(sentences(nxt.text)) >= 2


def _announce_goals(walk: Walk, ks, level: str, wording=lambda t: t) -> None:
    """The goals a line above announced, one a block: each read here, and its block claimed (`announced_goal_line`)."""
    for k in ks:
        walk.add_goal(wording(walk.blocks[k].text.strip()), level, None, None, k)
        walk.announced.add(k)


def _counted_names(walk: Walk, k: int, count: int) -> Optional[list[int]]:
    """As many names as counted, each over one paragraph that explains it. The count is the evidence that a name
    over a one-sentence paragraph is a goal (uncounted, the explanation must be longer: `_named_over_explanation`)."""
    blocks, names = walk.blocks, []
    while k + 1 < len(blocks) and len(names) <= count and title_like(blocks[k]) and walk.head_at.get(k) is None:
        nxt = blocks[k + 1]
        if nxt.kind != "para" or title_like(nxt) or len(nxt.text) < 1.5 * len(blocks[k].text):
            break
        names.append(k)
        k += 2
    return names if len(names) == count else None


@rule("named_goal_list")
def named_goal_list(walk: Walk, bi: int, b: Block) -> bool:
    """The goals a list introduction announced, each a name over the paragraphs that explain it."""
    if walk.list_mode not in ("council_named", "goals_named"):
        return False
    text = b.text.strip()
    if _named_over_explanation(walk, bi):
        walk.add_goal(text, "council" if walk.list_mode == "council_named" else title_level(walk), None, None, bi)
        return True
    if b.kind == "para" and (len(text) > 100 or len(sentences(text)) >= 2):
        return True  # what the goal above means
    walk.list_mode = None
    return False


# "I Åby ska:", "Åby kommun ska:", "Staden ska:" over a list: what the place or the municipality shall be (a body's
# standing duties, "Utskottet ska:", are no goals)
_PLACE_SHALL = re.compile(r"^(?:I\s+[A-ZÅÄÖ][\wåäö-]+|(?:[A-ZÅÄÖ][\wåäö-]+\s+)?(?:[Kk]ommun(?:en)?|[Ss]tad(?:en)?))\s+"
                          r"(?:ska|skall)\s*:$"
                          # … or the municipality's "we", for whom: "För alla som bor och verkar i Åby ska vi:" (what
                          # "we" shall do to reach something, "För att bli … ska vi:", are its strategies)
                          r"|^(?![Ff]ör\s+att\b)(?:[A-ZÅÄÖ][^.:!?]{0,100}\s)?(?:ska|skall)\s+vi\s*:$")


def _statement_group(walk: Walk, k: int, chained: bool = False) -> Optional[range]:
    """The bullets under a short name at block k when most of them state what shall be ("… ska öka"): an area or a
    goal's name over the goals it is broken into; None otherwise. A group in a chain of them may be one bullet, or
    half statements ("Invånarna bör få …")."""
    blocks = walk.blocks
    if k >= len(blocks) or not title_like(blocks[k]) or len(blocks[k].text.split()) > 6 or about_goals(blocks[k].text) \
            or walk.head_at.get(k) is not None and walk.heads[walk.head_at[k]].number:
        return None
    end = k + 1
    while end < len(blocks) and blocks[end].kind == "bullet":
        end += 1
    said = [blocks[j].text.strip() for j in range(k + 1, end)]
    # (in a chain, a goal worded as what to do counts: "Öka andelen kollektivtrafikresenärer")
    statements = sum(is_statement(t) or chained and bool(imperative(t) or _GOAL_PHRASE.match(t)) for t in said)
    least, share = (1, 0.5) if chained else (2, 0.6)
    if len(said) < least or statements < max(least, share * len(said)) or any(len(t) > 400 for t in said):
        return None
    return range(k + 1, end)


@rule("named_statement_lists", kinds=("para",))
def named_statement_lists(walk: Walk, bi: int, b: Block) -> bool:
    """"Förbättrade resultat" ⏎ • "<X> ska öka …" • … ⏎ "Ökad likvärdighet" ⏎ • …: where two or more short names
    each head bullets that state what shall be, the bullets are goals; names all worded as goals ("Förbättrade
    studieresultat", "Ökad likvärdighet") are goals too, over the goals they are broken into, areas' names
    ("Folkhälsa", "Kultur och fritid") are none."""
    if b.kind != "para" or walk.title_mode in ("decisions", "mandate", "mandate_bullets"):
        return False
    follows = walk.next_group is not None and walk.next_group[0] == bi
    group = _statement_group(walk, bi, chained=follows)
    if group is None:
        return False
    if follows:
        named_goals = walk.next_group[1]
    else:
        names, k, nxt = [b.text.strip()], group.stop, None
        while (nxt := _statement_group(walk, k, chained=True)) is not None:
            names.append(walk.blocks[k].text.strip())
            k = nxt.stop
        if len(names) < 2:
            return False  # (one name over statements may be any title over a list: a second is the evidence)
        named_goals = all(_GOAL_PHRASE.match(name) for name in names)
    level = title_level(walk)
    parent = walk.add_goal(b.text.strip(), level, None, None, bi) if named_goals else None
    below = level if not parent else "committee" if level == "council" else "sub"  # (one level under the name)
    for k in group:
        walk.add_goal(walk.blocks[k].text.strip(), below, parent, None, k)
        walk.announced.add(k)
        walk.listed.add(k)
    walk.next_group = (group.stop, named_goals)
    return True


# a decision's att-clause that sets a measurable level: "att resultatet … ska vara minst 1,5 % av skatter …",
# "att självfinansieringsgraden … ska vara minst 86 %", "att nettokostnaderna … årligen inte ökar mer än …"
_DECIDED_TARGET = re.compile(r"^att\s+(?P<goal>(?!uppdra|ge\b|godkänna|fastställa|anta|bevilja)[\wåäö-]+(?:\s+\S+){0,14}?\s+"
                             r"(?:(?:ska|skall)\s+(?:vara|uppgå\s+till|ligga\s+på|understiga|överstiga|överträffa|"
                             r"motsvara)\s+(?:minst|högst|lägst|max(?:imalt)?|mer\s+än|mindre\s+än|under|över)?\s*"
                             r"[-−]?\d[\d\s,.]*\s*(?:%|procent|mnkr|miljoner|kr)"
                             r"|(?:årligen\s+|årsvis\s+)?inte\s+(?:ökar|ska\s+öka|får\s+öka|överstiger)\s+(?:mer\s+än|snabbare\s+än)\s)"
                             r"[^;]{0,250}?)[.;,]?$", re.I)


@rule("decided_targets", kinds=("para", "bullet", "item"))
def decided_targets(walk: Walk, bi: int, b: Block) -> bool:
    """In what a council decides, an att-clause that sets a level to reach ("ska vara minst 1,5 % …", "inte ökar
    mer än …") is one of its goals (the financial goals of a budget decision); a rate or a fee decided is none."""
    if walk.title_mode != "decisions" or b.kind not in ("para", "bullet", "item") or not b.text.lstrip().lower().startswith("att "):
        return False
    m = _DECIDED_TARGET.match(b.text.strip())
    if not m:
        return False
    walk.add_goal(m.group("goal").strip(), "council", None, b.number, bi)
    return True


@rule("goal_list")
def goal_list(walk: Walk, bi: int, b: Block) -> bool:
    """"Socialnämndens mål:" / "… följande prioriterade fokusområden …:" and the list after it."""
    text = b.text.strip()
    head = walk.current_head
    last = sentences(text)[-1] if b.kind == "para" and text.endswith(":") else ""
    # ("… har formulerat fyra långsiktiga mål, ett i varje perspektiv:" counts goals, one an area: they are listed;
    # "Målen är indelade i fyra perspektiv:" counts the areas)
    if last and len(last) < 250 and (_AREAS_INTRO.search(last) and not _COUNTS_GOALS.search(last)
                                     or _VALUES_INTRO.search(last)) and not ASSIGNMENT_CUE.search(last):
        walk.list_mode = "areas"  # "Målområdena är följande:", "Kommunens värdeord är:": names, not goals
        return True
    nxt = walk.blocks[bi + 1] if bi + 1 < len(walk.blocks) else None
    if b.kind == "para" and nxt is not None and nxt.kind == "bullet" and _PLACE_SHALL.match(text):
        # "I Åby ska:" ⏎ • "alla känna sig trygga. …": each bullet finishes the sentence, a goal for the place
        k = bi + 1
        while k < len(walk.blocks) and walk.blocks[k].kind == "bullet":
            k += 1
        _announce_goals(walk, range(bi + 1, k), "council", lambda t: first_sentence(t).rstrip(" ."))
        return True
    if (walk.list_mode in ("areas", "area_goals") or walk.list_mode == "goals" and not is_statement(text)) \
            and b.kind == "para" and nxt is not None \
            and nxt.kind in ("bullet", "item") and len(text.split()) >= 6 and not text.endswith((":", "?")):
        # an area told in a sentence ("I X är det nära mellan människor …") over bullets: the bullets are its goals
        walk.list_mode, walk.list_parent, walk.list_status = "area_goals", None, None
        return True
    if walk.list_mode == "area_items":
        if b.kind == "item" and 2 <= len(text.split()) <= 25:
            walk.add_goal(text, "council" if walk.title and COUNCIL_WORDS.search(walk.title) else title_level(walk),
                          None, b.number, bi)
            return True
        walk.list_mode = None
        return False
    if walk.list_mode == "area_goals":
        if b.kind in ("bullet", "item"):
            walk.add_goal(text, title_level(walk), None, None, bi)
            return True
        walk.list_mode = None
        return False
    if walk.list_mode == "areas":
        if b.kind == "item" and walk.area is not None and walk.blocks[bi - 1].kind == "para":
            # "Målen delas in i dessa sex områden:" ⏎ <area> ⏎ "1. <goal>": the numbered items under an area's
            # name are its goals, the areas' list being told by the names over them
            area_level = walk.level_of(walk.area)
            walk.target = walk.add_goal(text, "committee" if area_level == "council" else "sub", walk.area,
                                        b.number, bi) or walk.target
            return True
        if b.kind in ("bullet", "item") and len(text.split()) <= 8 and not is_statement(text) \
                and not _SAID_MODAL.search(text) and not imperative(text):
            return True
        if b.kind in ("bullet", "item") and imperative(text):
            # "Minska arbetslösheten" under "de prioriterade områdena:" says what to reach: a list of goals
            walk.list_mode, walk.list_parent, walk.list_status = "goals", None, None
        else:
            walk.list_mode = None
            return False
    if b.kind == "para" and text.endswith(".") and nxt is not None and title_like(nxt) and "mål" in text:
        said = sentences(text)[-1]
        counted = _COUNTS_GOALS.search(said) if len(said) < 200 else None
        names = _counted_names(walk, bi + 1, int(count_of(counted.group("count")))) if counted else None
        if names:  # "Fullmäktige har beslutat om fyra övergripande mål." ⏎ four names, each over what it means
            _announce_goals(walk, names, _said_level(said))
            walk.announced.update(k + 1 for k in names)  # (what each means is no goal of its own)
            return True
    sents = sentences(text) if b.kind == "para" and text.endswith(":") else []
    if len(sents) >= 2 and _THESE_ARE.match(sents[-1]) and GOAL_REGION.search(sents[-2]):
        last = f"{sents[-2]} {sents[-1]}"  # "… de kommunmål som beslutades i juni. Dessa är följande:"
    judged = b.kind == "para" and not last and nxt is not None and nxt.kind == "bullet" and _judged_list(text)
    if judged:  # "De fem övriga målen som listas här kommer delvis att vara uppnådda." over the bullets it judges
        last = sentences(text)[-1]
    no_goals = _NOT_GOALS_LIST.search(last) if last else None
    if no_goals and no_goals.group().lower().startswith("perspektiv") and _COUNTS_GOALS.search(last):
        no_goals = None  # "… fyra mål, ett i varje perspektiv:": the goals are counted, the areas only named
    if b.kind == "para" and (_LIST_INTRO.search(last) or judged) and len(last) < 250 and not no_goals:
        if _PRIORITY_AREAS.search(last) and _bare_names_below(walk.blocks, bi + 1):
            walk.list_mode = "areas"  # "… prioriterade områden är:" ⏎ • Klimat ⏎ • Kultur och fritid: names of areas
            return True
        walk.list_mode = "council" if COUNCIL_WORDS.search(text) else "goals"
        walk.list_targets = False
        counted = _COUNTS_GOALS.search(last)
        names = _counted_names(walk, bi + 1, int(count_of(counted.group("count")))) if counted else None
        if names:  # "… våra fem övergripande mål:" ⏎ five names, each over the sentence that explains it
            _announce_goals(walk, names, _said_level(last))
            walk.list_mode = None
            return True
        if nxt is not None and _named_over_explanation(walk, bi + 1):
            # "Våra övergripande mål är:" ⏎ "<name>" ⏎ <what it means> ⏎ "<name>" ⏎ …: each name is a goal
            walk.list_mode += "_named"
            walk.list_status = walk.list_parent = None
            return True
        assessed = status_match(last)  # "Fyra av målen har delvis uppnåtts:": the items' follow-up status
        walk.list_status = assessed.evidence if assessed.strength != "none" and assessed.status != "unknown" \
            and not _INTENDED.search(last[:max(0, last.find(assessed.evidence))]) else None
        in_goals = walk.region() == "goal" or head in walk.statement_roots
        walk.list_parent = walk.target if in_goals else None
        if walk.list_mode == "goals" and head is not None and head in walk.statement_roots:
            walk.list_parent = walk.ctx.heading_item.get(head)
        return True
    goals = walk.ctx.get("goals")
    if b.kind == "para" and _RESULTS_INTRO.match(text) and goals:
        walk.list_mode, walk.list_parent, walk.list_status = "results", goals[-1].id, None  # (the goal just above)
        return True
    if walk.list_mode is None:
        return False
    if walk.list_mode in ("goals", "goals_measures") and b.kind == "para" and (MEASURES_LABEL.match(text)
                                                                           or _MEASURE_LABEL_RUN.match(text)):
        # "1. <goal>" ⏎ "Indikatorer:" ⏎ • <measure> … ⏎ "2. <goal>": the goal's measures, and the list goes on
        walk.list_mode = "goals_measures"
        return False
    if walk.list_mode == "goals_measures":
        if b.kind == "bullet":
            return False  # a measure of the goal above
        if b.kind != "item":
            walk.list_mode = None
            return False
        walk.list_mode = "goals"
    if walk.list_mode == "results" and b.kind in ("bullet", "item"):
        if b.kind == "bullet":  # what the goal above is to bring about: its sub-goals
            walk.add_goal(text, "sub", walk.list_parent, None, bi)
            return True
        walk.list_mode, walk.list_parent = "goals", None  # the numbered goals go on after one goal's results
    if b.kind in ("bullet", "item") and _PERSPECTIVE_NAME.search(text) and len(text.split()) <= 4:
        return True  # "1. Medarbetarperspektiv" ⏎ • goals: the scorecard's perspective, its goals listed under it
    if b.kind in ("bullet", "item") and _THESE_GOALS.match(text):
        walk.list_mode = None  # "– De här målen ser vi som avgörande …": a word on the goals listed, the list has ended
        return False
    if b.kind in ("bullet", "item") and walk.list_mode in ("goals", "council") and _STUDY_ITEM.match(text) \
            and not walk.list_status:
        walk.add_assignment(text.rstrip(" ."), None, bi)
        return True
    if b.kind in ("bullet", "item"):
        if walk.list_status:
            text = _without_verdict(text)
        if walk.list_targets:
            text = goal_of_item(text)  # "Ett tryggt Kalmar: Kommunen ska …": the item's name
        if walk.list_mode == "council":
            gid = walk.add_goal(text, "council", None, None, bi, label="övergripande mål")
        else:
            parent_level = walk.level_of(walk.list_parent)
            level = "committee" if parent_level in (None, "council") else "sub"
            if parent_level is None and _measurable(text):
                level = "sub" if walk.list_parent else "committee"
            gid = walk.add_goal(text, level, walk.list_parent, None, bi)
        walk.assess(gid, walk.list_status)
        if walk.list_targets:
            walk.target = gid or walk.target  # the measures set under the item are the goal's
        return True
    if b.kind == "para" and len(text) < 200 and len(sentences(text)) == 1 and not text.endswith(":") \
            and _PERSPECTIVE.match(text) and not walk.list_parent:
        # "Ekonomin: att ha en god ekonomisk hushållning": a goal per line, under its perspective's name
        level = "council" if walk.list_mode == "council" else "committee"
        walk.assess(walk.add_goal(_PERSPECTIVE.sub("", text), level, None, None, bi), walk.list_status)
        return True
    nxt = walk.blocks[bi + 1] if bi + 1 < len(walk.blocks) else None
    if b.kind == "para" and walk.list_mode == "goals" and _explains_item_above(walk, bi):
        # "• En trygg uppväxt." ⏎ <what it means> ⏎ "• Vägen till jobb." ⏎ …: each bullet stands alone over its
        # explanation, which is no goal; one that says "Målet är att …" names the bullet's aim
        aim = next((m for s in sentences(text) for m in [_AIM_SAID.match(s)] if m), None)
        if aim:
            parent = walk.ctx.get("goals")[-1].id if walk.ctx.get("goals") else None
            walk.add_goal(aim.group("aim").rstrip(" ."), "sub" if parent else "committee", parent, None, bi)
        return True
    if b.kind == "para" and walk.list_mode == "goals" and is_statement(text) and len(text) < 400 \
            and (len(sentences(text)) <= 2 or is_statement(sentences(text)[0])) \
            and (not walk.ctx.is_report or nxt is not None and nxt.kind in ("bullet", "item")):
        # (a report's prose after its list of goals tells what was done; only a plan states goals in prose)
        # prose goal between bullet groups (protocols): the bullets that follow are its targets
        if walk.level_of(walk.list_parent) == "council":
            walk.add_goal(text, "committee", walk.list_parent, None, bi)  # a focus area under the council goal
        else:
            walk.list_parent = walk.add_goal(text, "committee", None, None, bi)
        return True
    if b.kind == "para" and not is_statement(text):
        walk.list_mode = None
    return False


# priorities named as areas, with no word of goals ("Majoritetens prioriterade områden för mandatperioden är:")
_PRIORITY_AREAS = re.compile(r"^(?!.*\bmål).*\bprioriterade\s+områden", re.I)


def _bare_names_below(blocks: list[Block], k: int) -> bool:
    """The bullets from `k` on are bare names ("Klimat", "Trygghet och boende"): no article or adjective of a
    state to reach ("En bra start i livet", "Fler i arbete"), no verb, at most four words."""
    if k >= len(blocks) or blocks[k].kind != "bullet":
        return False
    names = [blocks[j].text.strip().rstrip(".") for j in range(k, same_kind_run(blocks, k)[1])]
    return len(names) >= 3 and all(len(n.split()) <= 4 and not _GOAL_PHRASE.match(n) and not is_statement(n)
                                   and not imperative(n) for n in names)


# "Målet är att barn och unga ska …": an explanation naming its item's aim
_AIM_SAID = re.compile(r"^(?:målet|syftet|ambitionen)\s+är\s+att\s+(?P<aim>.{10,})", re.I)


def _explains_item_above(walk: Walk, bi: int) -> bool:
    """A paragraph right under a bullet that names a goal and stands alone (no bullet above it) in a list of goals:
    that item's explanation — when another lone bullet follows, or the list ends with it. (Under a stated goal, "•
    Ånge ska ha 10 000 invånare.", a paragraph goes on with something else.)"""
    blocks = walk.blocks
    if bi < 2 or blocks[bi - 1].kind != "bullet" or blocks[bi - 2].kind == "bullet" \
            or len(blocks[bi - 1].text.split()) > 8 or is_statement(blocks[bi - 1].text):
        return False
    nxt = blocks[bi + 1] if bi + 1 < len(blocks) else None
    return nxt is None or nxt.kind != "bullet" or bi + 2 >= len(blocks) or blocks[bi + 2].kind != "bullet"


# a line that speaks of the goals just listed ("De här målen …", "Dessa tre mål …", "Målen ovan …")
_THESE_GOALS = re.compile(r"^(?:(?:de\s+här|dessa|de\s+ovan|ovanstående)\s+(?:[\wåäö]+\s+){0,2}?mål(?:en)?|målen\s+ovan)\b", re.I)


# a decision over goals whose list lost its bullets: "… föreslår kommunfullmäktige att besluta om följande finansiella
# mål" ⏎ "Resultatet ska …" ⏎ "Kommunens lån får högst …" — each paragraph after it a goal, up to the next decision
_DECIDED_GOALS_INTRO = re.compile(r"\b(?:besluta|beslutar|beslutade|anta|antar|antog|fastställa|fastställer|fastställde)"
                                  r"\s+(?:om\s+)?(?:följande|nedanstående)\s+(?:[\wåäö]+\s+){0,2}?mål\w*\s*:?\s*$", re.I)
_RULE_FOR = re.compile(r"\b(?:ska(?:ll)?|får\s+(?:\w+\s+){0,3}?(?:högst|inte|ej|max(?:imalt)?|som\s+mest))\b", re.I)
_FULLMAKTIGE = re.compile(r"fullmäktige", re.I)


@rule("decided_goal_paragraphs")
def decided_goal_paragraphs(walk: Walk, bi: int, b: Block) -> bool:
    text = b.text.strip()
    if b.kind in ("para", "item") and len(text) < 300 and ("öljande" in text or "edanstående" in text) \
            and _DECIDED_GOALS_INTRO.search(text):
        walk.decided_level = "council" if _FULLMAKTIGE.search(text) else title_level(walk)
        return True
    if walk.decided_level is None:
        return False
    sentence = first_sentence(text)
    if b.kind in ("para", "bullet") and len(sentence) < 300 and _RULE_FOR.search(sentence):
        walk.add_goal(sentence, walk.decided_level, None, None, bi)
        return True
    walk.decided_level = None
    return False


@rule("target_sentence", kinds=("para",))
def target_sentence(walk: Walk, bi: int, b: Block) -> bool:
    """"Målsättningen är att … 75 %" under a goal is a measurable sub-goal; the block may still hold more."""
    if b.kind == "para" and walk.target is not None and walk.level_of(walk.target) is not None \
            and ("mål" in b.text or "Mål" in b.text or "mbition" in b.text):
        for sent in sentences(b.text):
            if TARGET_SENTENCE.match(sent):
                walk.add_goal(sent, "sub", walk.target, None, bi)
                break
    return False


# "Kommunfullmäktiges finansiella mål är att överskottet ska vara 2 procent …", "Deras gemensamma målsättning
# är att X ska … och att Y ska …": a goal said in a sentence of prose, after what names it a goal
# The noun is in the form that follows an owner ("Kommunens mål", "Deras gemensamma målsättning"): a bare
# "Målsättningen är att …" in a paragraph about a unit's work explains it, it is no goal of its own.
# A definite noun whose compound names the level speaks for a goal all the same ("Under målområdet X är
# fullmäktigemålet att …").
_LEVEL_GOAL = r"(?:fullmäktige|kommunfullmäktige|nämnd|kommun|region|effekt|inriktnings|verksamhets)mål(?:et|(?P<plural>en))"
_SAID_GOAL = re.compile(rf"(?<=\S )(?:[\wåäö]*mål|[\wåäö]*målsättning(?:ar)?|ambition|{_LEVEL_GOAL})"
                        r"\s+(?:är|var|blir)\s+att\s+(?P<goal>.+)$", re.I)
# "De politiska målen för 2020 omfattar bland annat att X ska … och att Y ska …": what the goals take in
_GOALS_COVER = re.compile(r"\bmål(?:en|et)?(?:\s+för\s+(?:år\s+)?\d{4})?\s+omfattar(?:\s+bland\s+annat)?\s+att\s+"
                          r"(?P<goal>.+)$", re.I)
_SAID_GOAL_INVERTED = re.compile(rf"\b(?:är|var|blir)\s+{_LEVEL_GOAL}\s+att\s+(?P<goal>.+)$|"
                                 # "Från och med 2019 är målsättningen att halva tallriken ska …"
                                 r"\b(?:är|var|blir)\s+målsättningen\s+att\s+(?P<aim>.+)$|"
                                 # "Kommunen har bland annat som mål att 95 procent … ska …"
                                 r"\bhar\s+(?:\w+\s+){0,2}?som\s+(?:\w+\s+)?mål(?:sättning)?\s+att\s+(?P<had>.+)$|"
                                 # "Ett av målen är att antalet invånare ska öka …": one of the goals, said
                                 r"^(?:ett|ett\s+annat)\s+av\s+(?:de\s+)?(?:[\wåäö]+\s+)?målen\s+(?:är|var)\s+att\s+(?P<one>.+)$|"
                                 # "Skuldsättningsmålet innebär att nettolåneskulden ska …": a named goal defined
                                 r"^[A-ZÅÄÖ][\wåäö]{3,}mål(?:et)?\s+innebär\s+att\s+(?P<defined>.+)$",
                                 re.I)
# (these two and `_NAMING_WORDS` read the lower-cased text, case-sensitive: the same matches at a third of the
# cost of IGNORECASE, run as they are on every paragraph that speaks of goals)
_SAID_CHEAP = re.compile(r"(?:mål|målsättning|målsättningar|ambition)\w*(?:\s+för\s+(?:år\s+)?\d{4})?"
                         r"\s+(?:är|var|blir|innebär|omfattar(?:\s+bland\s+annat)?)\s*(?:att\s|:)")
# … and the verb first or "som mål" (looked for only where "målet", "målen" or " som " occurs)
_SAID_CHEAP_MORE = re.compile(r"\bsom\s+(?:\w+\s+)?mål(?:sättning)?\s+att\s|\b(?:är|var|blir)\s+\w*mål(?:et|en|sättningen)\s+att\s")
_QUOTES = "\"“”»«"
# "De långsiktiga målsättningarna är: "…"", "Bland de politiska målen finns att "X ska …" samt att "Y ska …""
_QUOTED_GOALS = re.compile(r"\b(?:mål|målsättning)\w*\b[^\"“”»«.:]{0,60}?(?:\s(?:är|var)\s*:\s*|\satt\s+)"
                           r"(?P<goals>[\"“”»«].+)$", re.I)
_SAID_MODAL = re.compile(r"\b(?:ska|skall|skulle)\b", re.I)
_AND_THAT = re.compile(r",?\s+(?:och|samt)\s+att\s+|"
                       # "… ska öka till 20 000 medan det kortsiktiga målet är att …": a second goal said beside it
                       r",?\s+(?:medan|samtidigt\s+som)\s+(?:det|ett)\s+(?:[\wåäö-]+\s+){0,2}?mål(?:et)?\s+är\s+att\s+")


def _said_cheap(t: str) -> bool:
    low = t.lower()
    return _said_at_noun(low) or any(w in t for w in ("målet", "målen", " som ", "målsättningen")) \
        and bool(_SAID_CHEAP_MORE.search(low))


def _said_at_noun(low: str) -> bool:
    """`_SAID_CHEAP` tried where its noun occurs (found by `str.find`), not at every letter m or a of the text."""
    for noun in ("mål", "ambition"):
        at = low.find(noun)
        while at >= 0:
            if _SAID_CHEAP.match(low, at):
                return True
            at = low.find(noun, at + 1)
    return False


def _said_level(sentence: str) -> str:
    """The council's goal when the sentence names the council ("Kommunfullmäktiges finansiella mål är att …")."""
    return "council" if COUNCIL_WORDS.search(sentence) or re.search(r"fullmäktige", sentence, re.I) else "committee"


@rule("goal_said_in_prose", kinds=("para", "item"))
def goal_said_in_prose(walk: Walk, bi: int, b: Block) -> bool:
    """A goal stated in running text: "<someone's> mål är att <statement with ska>", each "och att <statement>"
    a goal of its own. Claims nothing: the block may hold more."""
    t = b.text
    if b.kind == "para" and (("mål" in t or "Mål" in t) and _names_them(t.lower())
                             or ("mål" in t or "okusområd" in t) and (";" in t or ":" in t) and _COUNTED_LISTED.search(t)):
        _counted_goals(walk, bi, t)
    if b.kind == "para" and ("mål" in t or "Mål" in t):
        _counted_goal_lines(walk, bi, t)
        low = t.lower()
        named = _AREAS_NAMED.search(t) if any(w in t for w in ("delade", "ordnade", "grupperade", "samlade", "inom")) \
            and ("perspektiv" in low or "områden" in low) else None
        if named:  # "Målen är uppdelade under tre perspektiv; A, B och C": the titles A, B, C group goals
            # "kund och kvalitet, medarbetare och ekonomi": an "och" may join two areas or stand inside one
            names = named.group("names").rstrip(" .")
            walk.area_titles |= {fold(n) for n in re.split(r",\s*|\s+(?:och|samt)\s+", names)
                                 + re.split(r",\s*|\s+samt\s+", names)}
    if b.kind in ("para", "item") and _numbers_a_list(t) and ("mål" in t or "Mål" in t):
        _counted_inline_goals(walk, bi, t)
    if b.kind != "para" or not ("mål" in t or "Mål" in t or "mbition" in t) \
            or not (_said_cheap(t) or any(q in t for q in _QUOTES) and _QUOTED_GOALS.search(t)):
        return False
    said = sentences(b.text)
    for si, sent in enumerate(said):
        quoted = _QUOTED_GOALS.search(sent) if any(q in sent for q in _QUOTES) else None
        if quoted:  # "De långsiktiga målsättningarna är: "X ska …" och "Y ska …"."
            level = _said_level(sent)
            for part in re.findall(r"[\"“”»«]([^\"“”»«]{12,300})[\"“”»«]", quoted.group("goals")):
                if _SAID_MODAL.search(part):
                    walk.add_goal(part.strip(), level, None, None, bi)
            continue
        inverted = any(w in sent for w in ("målet", "målen", " som ", "innebär", "målsättningen"))
        m = _SAID_GOAL.search(sent) or "omfattar" in sent and _GOALS_COVER.search(sent) \
            or inverted and _SAID_GOAL_INVERTED.search(sent)
        if not m or len(sent) > 400 or walk.target is not None and TARGET_SENTENCE.match(sent):
            continue  # (a measurable sub-goal under a goal is `target_sentence`'s)
        level, parent = _said_level(sent), None
        if walk.heading_goal is not None and walk.heading_goal == bi - 1 and walk.seen_goals:
            level, parent = "sub", next(reversed(walk.seen_goals.values()))  # under a goal's name: a part of it
        said_goal = next(v for k, v in m.groupdict().items() if k in ("goal", "had", "one", "defined", "aim") and v)
        # "Gruppens mål är att göra X. Att skapa Y. Z ska …": an aim said as what to do, when the sentence after it
        # goes on with another ("Att <verb> …"): a list of goals written as sentences, the statements after it too
        listed = si + 1 < len(said) and bool(_ATT_AIM.match(said[si + 1])) and aim_first(said_goal)
        for part in _AND_THAT.split(said_goal.rstrip(" .")):
            if (_SAID_MODAL.search(part) or listed) and len(part.split()) >= 4:
                walk.add_goal(part, level, parent, None, bi)
        if m.groupdict().get("plural") or listed:  # "… är målen att X ska … . Y ska …": the statements after are goals
            for nxt in said[si + 1:si + 8]:
                aim = _ATT_AIM.match(nxt) if listed else None
                if not (aim or _MAIN_MODAL.match(nxt)) or _said_cheap(nxt) or len(nxt) > 300 \
                        or nxt.rstrip().endswith(":"):
                    break  # ("Detta skall göras genom att:": the means follow)
                walk.add_goal(aim.group(1).rstrip(" .") if aim else nxt.rstrip(" ."), level, None, None, bi)
    return False


_ATT_AIM = re.compile(r"^Att\s+((?:[a-zåäö]+)\s.{6,250})$")


_NAMING_WORDS = re.compile(r"\b(?:det\s+vill\s+säga|dvs\.?|nämligen)\s")  # (on the lower-cased text)


def _names_them(low: str) -> bool:
    """The lower-cased text names what it counted ("det vill säga", "dvs", "nämligen"): its words looked for first."""
    return ("vill" in low or "dvs" in low or "nämligen" in low) and bool(_NAMING_WORDS.search(low))


# a count of a few goals, as written: a word or a figure ("tre mål", "4 mål")
_FEW = r"två|tre|fyra|fem|sex|sju|åtta|nio|tio|[2-9]"


# "… de fyra övergripande målen …, det vill säga A, B, C och D, anses vara uppfyllda": the goals named in a
# sentence, as many as it counts
_COUNTED_GOALS = re.compile(rf"\b(?P<count>{_FEW})\s+(?:[\wåäö-]+\s+){{0,2}}?"
                            r"(?:mål(?:en)?|inriktningsmål(?:en)?|målområden(?:a)?)\b[^.;:]{0,80}?,?\s*"
                            r"(?:det\s+vill\s+säga|dvs\.?|nämligen)\s+(?P<names>[^.;:]+)", re.I)
# "… satsningar inom tre övergripande fokusområden; A, B samt C.": the count, then the names after a semicolon or colon
_COUNTED_LISTED = re.compile(rf"\b(?P<count>{_FEW})\s+(?:[\wåäö-]+\s+){{0,2}}?"
                             r"(?:mål(?:en)?|inriktningsmål(?:en)?|målområden(?:a)?|fokusområden(?:a)?)"
                             # "… fem mål för hur verksamheterna ska utvecklas: A, B …": what the goals are for
                             r"(?:\s+(?:för|som|att|kring)\s[^.;:]{0,160}?)?\s*[;:]\s*"
                             r"(?P<names>[^.;:]+)", re.I)


def _counted_goals(walk: Walk, bi: int, text: str) -> None:
    for sent in sentences(text):
        m = _COUNTED_GOALS.search(sent) or (";" in sent or ":" in sent) and _COUNTED_LISTED.search(sent)
        if not m:
            continue
        count = int(count_of(m.group("count")))
        chunks = re.split(r",\s*", m.group("names"))
        # "…, B och C, bedöms …", "…, B samt C"
        closing = next((k for k, c in enumerate(chunks) if " och " in c or " samt " in c), None)
        if closing is None:
            continue
        head, _, tail = chunks[closing].rpartition(" och " if " och " in chunks[closing] else " samt ")
        names = chunks[:closing] + [head, tail]
        if len(names) != count or any(not n.strip() or len(n.split()) > 8 or _SENT_END.search(n) for n in names):
            continue
        if m.re is _COUNTED_LISTED and 2 * sum(aim_first(n) for n in names) < len(names) \
                and not (all(_STATE_NAMED.match(n.strip()) for n in names)
                         # (not "en stark, en grön och en trygg kommun": adjectives that share the last one's noun)
                         and not all(len(n.split()) == 2 for n in names[:-1])):
            continue  # after a bare colon, aims ("förbättra resultaten i skolan") or states to be reached ("en
            # hållbar kommun") name goals; kinds or areas do not ("barn och unga, arbete och näringsliv")
        rest = sent[m.start("names"):]
        assessed = status_match(rest)
        level = _said_level(sent)
        for name in names:
            gid = walk.add_goal(name.strip(), level, None, None, bi)
            if assessed.strength != "none":
                walk.assess(gid, assessed.evidence)


_STATE_NAMED = re.compile(r"^(?:en|ett)\s+\S", re.I)


_AREAS_NAMED = re.compile(r"\b[\wåäö]*mål\w*\s+(?:(?:är\s+)?(?:uppdelade|indelade|grupperade|ordnade|samlade)\s+(?:under|i|efter)|"
                          # "Nämnden har effektmål inom tre områden: A, B och C"
                          r"inom)\s+(?:\w+\s+)?(?:perspektiv|områden|målområden|fokusområden)\w*\s*[;:,]\s*"
                          r"(?P<names>[^.;:]{3,200})", re.I)
# "… har beslutat om tre strategiska mål för perioden." (⏎ "Dessa är:") ⏎ three short lines: the goals' names
_COUNTS_GOALS = re.compile(rf"\b(?P<count>{_FEW})\s+(?:[\wåäö-]+\s+){{0,2}}?"
                           r"(?:[\wåäö]*mål|målsättningar)\b(?P<rest>[^.;]*)[.:]?\s*$", re.I)
_THESE_ARE = re.compile(r"^(?:dessa|de|målen|följande)\s+(?:\w+\s+)?(?:är|lyder)\s*:$", re.I)


def _last_clause(text: str) -> int:
    """Where a match of a pattern that runs to the text's end with no full stop or semicolon (but a last full stop)
    can start: searching from there finds what a search from the start finds, without trying every word before."""
    s = text.rstrip()
    end = len(s) - 1 if s.endswith(".") else len(s)
    return max(s.rfind(".", 0, end), s.rfind(";", 0, end)) + 1


def _counted_goal_lines(walk: Walk, bi: int, text: str) -> None:
    """A sentence that counts the goals, followed by exactly as many short lines: each line names one goal.
    The count is the evidence: a different number of lines (a list of areas, a heading) is left alone."""
    m = _COUNTS_GOALS.search(sentences(text)[-1]) if _COUNTS_GOALS.search(text, _last_clause(text)) else None
    if not m or _NOT_GOAL_GROUP.search(m.group("rest")) or walk.ctx.is_report:
        return
    count = int(count_of(m.group("count")))
    blocks, k = walk.blocks, bi + 1
    if k < len(blocks) and blocks[k].kind == "para" and _THESE_ARE.match(blocks[k].text.strip()):
        k += 1
    names = []
    while k < len(blocks) and title_like(blocks[k]) and walk.head_at.get(k) is None and len(names) <= count:
        names.append(k)
        k += 1
    if len(names) != count:
        return
    _announce_goals(walk, names, _said_level(text))


# "Kommunen har följande två finansiella mål: 1. … ska … 2. … ska …" run into one paragraph (a transcript, a
# flattened page): the numbers 1 … N after a colon that counts N goals
# "… Fastställa följande finansiella mål för god ekonomisk hushållning: a. … bör … b. … bör …": the same with
# "följande" for the count and letters for the numbers: as many items as follow each other
_COUNTS_INLINE = re.compile(rf"\b(?P<count>{_FEW}|följande(?!\s+(?:{_FEW})\s))\s+(?:[\wåäö-]+\s+){{0,2}}?"
                            r"(?:[\wåäö]*mål|målsättningar)\b(?P<rest>[^.;:]{0,60}):\s+(?=(?P<first>1|a)[.)]\s)", re.I)
_GOOD_HOUSEKEEPING = re.compile(r"god\s+ekonomisk\s+hushållning", re.I)
_INLINE_MODAL = re.compile(r"\b(?:ska|skall|skulle|bör)\b", re.I)
# "Det långsiktiga målet enligt punkt 1 är uppfyllt": an assessment that names the goal by its number
_GOAL_BY_NUMBER = re.compile(r"\bmål(?:et)?\s+(?:enligt|i|under)\s+punkt(?:en)?\s+(?P<n>[1-9])\b", re.I)


def _numbers_a_list(text: str) -> bool:
    """A colon followed by a list's first number or letter: the cheap test before `_COUNTS_INLINE`."""
    return ": 1" in text or ": a" in text


def _counted_inline_goals(walk: Walk, bi: int, text: str) -> None:
    m = _COUNTS_INLINE.search(text)
    if not m or _NOT_GOAL_GROUP.search(_GOOD_HOUSEKEEPING.sub("", m.group("rest"))):
        return  # "… mål för god ekonomisk hushållning:" is about goals; "… mål och indikatorer:" is not
    counted = m.group("count").lower() != "följande"
    count = int(count_of(m.group("count"))) if counted else 26
    labels = "123456789"[:count] if m.group("first") == "1" else "abcdefghijklmnopqrstuvwxyz"[:count]
    rest = text[m.end():]
    cuts = []
    for label in labels:
        c = re.search(rf"(?:^|(?<=[.!] )|(?<=[.!]  )){label}[.)]\s+(?=[A-ZÅÄÖ])", rest[cuts[-1] if cuts else 0:])
        if not c:
            if counted or len(cuts) < 2:
                return
            break  # "följande": the items are those that follow each other
        cuts.append((cuts[-1] if cuts else 0) + c.start())
    count = len(cuts)
    goals = []
    for k, start in enumerate(cuts):
        body = re.sub(r"^\w[.)]\s+", "", rest[start:cuts[k + 1] if k + 1 < count else len(rest)])
        if k + 1 == count:  # the last item ends where the list's own next point starts ("… medel. 3. Bemyndiga …")
            body = re.split(r"(?<=[.!])\s+\d{1,2}[.)]\s+(?=[A-ZÅÄÖ])", body, maxsplit=1)[0]
        goal = sentences(body)[0].strip() if body.strip() else ""
        if not (_SAID_MODAL if counted else _INLINE_MODAL).search(goal) or len(goal) > 300:
            return
        goals.append(goal)
    level = _said_level(text)
    gids = [walk.add_goal(g, level, None, None, bi) for g in goals]
    for sent in sentences(rest[cuts[-1]:]):
        n = _GOAL_BY_NUMBER.search(sent)
        if n and int(n.group("n")) <= count:
            assessed = status_match(re.split(r"[,;]\s", sent[n.start():])[0])  # its own clause
            if assessed.strength != "none":
                walk.assess(gids[int(n.group("n")) - 1], assessed.evidence)


# "Kommunfullmäktige beslutar om övergripande mål som formuleras utifrån fyra perspektiv. … Dessa är följande:" ⏎
# "Medborgarfokus" ⏎ "Erbjuda öppen kommunal demokrati …" ⏎ "Effektiva verksamheter" ⏎ "Arbeta för …": each
# perspective's name, then its goal
_PERSPECTIVES_ANNOUNCED = re.compile(r"\bmål\w*\s+(?:som\s+)?(?:formuleras|är\s+formulerade|utgår|tas\s+fram|är\s+indelade|"
                                     r"delas\s+in|är\s+uppdelade|är\s+grupperade)\s+(?:utifrån|efter|inom|i|under)\s+"
                                     r"(?:\w+\s+){0,2}?perspektiv\w*", re.I)


@rule("goal_under_perspective")
def goal_under_perspective(walk: Walk, bi: int, b: Block) -> bool:
    """Where a sentence said the goals are set out per perspective and a list follows, each short name is a
    perspective (no goal) and the paragraph right under it is that perspective's goal."""
    text = b.text.strip()
    if b.kind == "para" and text.endswith(":") and len(text) < 1500 and _PERSPECTIVES_ANNOUNCED.search(text):
        walk.perspective_pairs, walk.aim_block = True, None
        return False  # (the introduction is read by the other rules as well)
    if not walk.perspective_pairs:
        return False
    if bi == walk.aim_block:
        walk.aim_block = None
        said = sentences(text)  # (up to a sentence about the goals, which the text after them opens with)
        kept = said[:next((k for k, sent in enumerate(said) if k and about_goals(sent)), len(said))]
        walk.add_goal(" ".join(kept), title_level(walk), None, None, bi)
        return True
    nxt = walk.blocks[bi + 1] if bi + 1 < len(walk.blocks) else None
    if b.kind == "para" and len(text.split()) <= 4 and text[:1].isupper() and not _SENT_END.search(text) \
            and nxt is not None and nxt.kind == "para" and len(nxt.text) > 40 and not nxt.text.rstrip().endswith(":"):
        walk.aim_block = bi + 1
        return True
    walk.perspective_pairs = False
    return False


# a contents entry's page number, after dot leaders or spaces ("… egenförsörjning... 3", "… kommun ... 13")
_PAGE_NUMBER = re.compile(r"(?:\s*(?:\.{2,}|…)\s*|\s+)\d{1,3}\s*$")


def _run_on_entries(blocks: list[Block]) -> list[tuple[int, Optional[str], str]]:
    """(block, section number, title) of each entry of the contents lists run into paragraphs ("… Förord 4 5.1
    Inriktningsmål … 14 5.2 …"): split at the page numbers, an entry that wraps into the next paragraph joined."""
    found, carry, carry_at = [], "", None
    for bi, b in enumerate(blocks):
        if b.kind != "toc" or not run_on_pages(b.text):
            carry, carry_at = "", None
            continue
        text = f"{b.number} {b.text}" if b.number and not carry else b.text
        text = f"{carry} {text}" if carry else text
        at, start = carry_at if carry else bi, 0
        for m in run_on_pages(text):
            found.append((at, text[start: m.start()].strip()))
            start, at = m.end(), bi
        carry, carry_at = text[start:].strip(), at
    entries = []
    for bi, entry in found:
        n = _SECTION_NUMBER.match(entry)
        title = entry[n.end():].strip(" .–-…") if n else entry.strip(" .–-…")
        # "… KULTUR OCH FRITID - <goal> KULTUR - <goal>… 4": entries of one page, each after its area in capitals
        parts = _AREA_DASH.split(title)
        if len(parts) > 1:
            entries += [(bi, None, _without_titles_after(p).strip(" .–-…")) for p in parts[1:] if p.strip(" .–-…")]
            title = parts[0].strip(" .–-…")
        if title:
            entries.append((bi, n.group(1) if n else None, title))
    return entries


def _without_titles_after(entry: str) -> str:
    """The entry without the chapter titles run on after it, their pages lost ("… verksamhetsområde Ekonomi
    Kommentarer till investeringar Framtid"): cut at the first capitalised word after a small one when three or
    more capitalised words follow from there (one is a name inside the entry: "… utbud i Kulturskolan")."""
    words = list(re.finditer(r"\S+", entry))
    for k in range(1, len(words)):
        if words[k].group()[:1].isupper() and words[k - 1].group()[-1:].islower() \
                and sum(w.group()[:1].isupper() for w in words[k:]) >= 3:
            return entry[: words[k].start()].rstrip()
    return entry


_AREA_DASH = re.compile(r"(?:^|\s)(?:[A-ZÅÄÖ]{3,}(?:\s+(?:[A-ZÅÄÖ]{2,}|OCH|&))*)\s+[-–]\s+(?=[A-ZÅÄÖ][a-zåäö])")


_SECTION_NUMBER = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)\.?\s+")


def _area_led(text: str, title: str) -> bool:
    """The entry stands after an area's name in capitals and a dash in the contents' text."""
    at = text.find(title)
    return at > 0 and bool(re.search(r"[A-ZÅÄÖ]{3,}\s+[-–]\s+$", text[max(0, at - 40):at]))


def goals_named_in_contents(walk: Walk) -> None:
    """Goals the table of contents lists, where the text after it does not state them (an opening that ends before
    the chapters, a document whose chapters name them otherwise): the contents are then the only place they are
    written. An entry counts under a goal label ("KF målnr 1 – …", "5.1 Inriktningsmål …"), or, in a contents run
    into a paragraph, as a statement of what shall be ("… MEDARBETARE 15 Regionen ska vara en attraktiv
    arbetsgivare 16 …"); two or more of them, a numbered entry under another goal's number one level below it."""
    ctx = walk.ctx
    entries = []
    for bi, b in enumerate(ctx.blocks):
        if b.kind != "toc" or run_on_pages(b.text):
            continue
        m = match_label(b.text.strip())
        if m and m.kind == "goal" and m.number and m.text:
            entries.append((bi, None, _PAGE_NUMBER.sub("", m.text).strip(" .–-"), m.level or "council"))
    run_on = _run_on_entries(ctx.blocks)
    areas = {title for bi, number, title in run_on if number is None and _area_led(ctx.blocks[bi].text, title)}
    for bi, number, title in run_on:
        m = match_label(title)
        if m and m.kind == "goal" and m.text[:1].isupper() and (m.number or m.label != "mål"):
            entries.append((bi, number, m.text, m.level or "council"))  # (not "Mål och uppdrag", a chapter)
        elif (GOAL_STATEMENT.search(title) or aim_first(title) and title in areas) and 3 <= len(title.split()) <= 25 \
                and not title.isupper() and not about_goals(title) and not MISSION_TITLE.search(title) \
                and not ASSIGNMENT_CUE.search(title):
            entries.append((bi, number, title, "council"))  # (an aim said as what to do, after its area's name)
    if len(entries) < 2:
        return
    stated = [fold(g.text) for g in ctx.get("goals")]
    parents: list[tuple[str, str]] = []  # (section number, goal id) of the entries read
    for bi, number, text, level in entries:
        key = fold(text)
        if len(key) < 8 or any(key in s for s in stated) \
                or process.extractOne(key, stated, scorer=fuzz.ratio, score_cutoff=90) is not None:
            continue
        parent = next((gid for num, gid in reversed(parents) if number and number.startswith(num + ".")), None)
        gid = walk.add_goal(text, "sub" if parent else level, parent, number, bi)
        walk.accounted_here(gid)  # (the contents list it: what stands after the list is no account of it)
        if gid and number:
            parents.append((number, gid))


@rule("announced_goal_line")
def announced_goal_line(walk: Walk, bi: int, b: Block) -> bool:
    if bi not in walk.announced:
        return False
    if walk.title_mode != "decisions" and bi not in walk.listed:  # (tasks a decision listed, goals a name heads:
        # what follows is still decided, or under the title in force)
        walk.title_mode = None  # the counted goals are all named: what follows them is no list of goals
    return True


def _goal_heading(walk: Walk, bi: int, text: str) -> bool:
    """A goal written as a short heading over the prose that explains it ("En stark kommun – en stark ekonomi
    säkrar välfärden" ⏎ paragraph), as web pages and annual reports present their goals."""
    nxt = walk.blocks[bi + 1] if bi + 1 < len(walk.blocks) else None
    return len(text.split()) <= 14 and not _SENT_END.search(text) and bool(_GOAL_PHRASE.match(text)) \
        and nxt is not None and nxt.kind == "para" and len(nxt.text) > 2 * len(text) and not title_like(nxt)


def _declared_below(nxt: Block) -> bool:
    """One short sentence in the present tense under a numbered goal's name ("Mål 2 Infrastruktur" ⏎ "Länet har
    goda förbindelser med omvärlden."): the state the goal describes, worded as already true."""
    text = nxt.text.strip()
    return text.endswith(".") and text[:1].isupper() and 4 <= len(text.split()) <= 30 and len(sentences(text)) == 1 \
        and not about_goals(text)


def _stated_below(nxt: Block) -> bool:
    """The paragraph under a short name is one statement with "ska" ("Trygghet i livets alla skeden" ⏎ "I
    kommunen ska invånaren vara trygg i livets alla skeden."): the statement is the goal, the name is none (a
    name worded as a goal, "En trygg kommun – …", is the goal itself: `_goal_heading`)."""
    text = nxt.text.strip()
    if len(text) > 250:
        return False
    m = _MAIN_MODAL.match(text)  # the sentence's own "ska", not one in a clause ("Vår modell, som ska …, består")
    return bool(m) and " som " not in m.group(0) and len(sentences(text)) == 1 and is_statement(text)


# a title naming one goal: a singular adjective ("Finansiellt mål", "Strategiskt mål"), not "Övergripande mål"
_ONE_GOAL_TITLE = re.compile(r"^[\wåäö]+[^aeiouyåäö\W]t\s+mål$", re.I)
_MAIN_MODAL = re.compile(r"^(?:[\wåäöÅÄÖ-]+\s+){1,7}?(?:ska|skall)\s", re.I)


# "hur/vad/när … ska …": an indirect question, the "ska" of which states nothing to be reached
_ASKED_SHALL = re.compile(r"\b(?:hur|vad|när|varför|vilk(?:en|et|a))\b(?:\s+[\wåäö-]+){0,4}?\s+(?:ska|skall)\b", re.I)


def _shall_only_asked(text: str) -> bool:
    """Every "ska" of the text stands in an indirect question."""
    return len(_ASKED_SHALL.findall(text)) >= len(GOAL_STATEMENT.findall(text))


_VISION_SAID = re.compile(r"^(?:[\wåäö]+s\s+|vår\s+|den\s+)?vision(?:en)?\s+(?:\d{4}\s+)?(?:är|lyder)\b|"
                          r"^[^.]{0,80}?\bhar\s+(?:som\s+vision|visionen|en\s+vision)\s+(?:att|om)\b", re.I)
_GOAL_WORD_RE = re.compile(r"\bmål|målsättning", re.I)


_VERDICT_LINE = re.compile(r"^Målet\s+(?:är|har|blev)\s+(?:\w+\s+){0,2}?(?:uppnått|uppfyllt|nått|uppnåtts|uppfyllts|nåtts)\.?$")


def _completes_intro(walk: Walk, bi: int) -> bool:
    """A list item that completes the statement its list opens with ("Nämnden ska arbeta för att:" ⏎ "• skapa
    ett hållbart samhälle."): it is a goal though it starts in lower case."""
    if walk.blocks[bi].kind not in ("bullet", "item"):
        return False
    k = bi - 1
    while k >= 0 and walk.blocks[k].kind in ("bullet", "item") and bi - k < 30:
        k -= 1
    intro = walk.blocks[k].text.strip() if k >= 0 else ""
    return intro.endswith(":") and bool(GOAL_STATEMENT.search(sentences(intro)[-1]))


# a statement that opens on its year: "2030 ska kommunen vara fossilfri."
_YEAR_SHALL = re.compile(r"^(?:19|20)\d\d\s+(?:ska|skall)\s", re.I)


REPORTED_SPEECH = re.compile(r"[,.!?]\s*(?:säger|sa|berättar|menar|konstaterar|understryker|betonar)\s+"
                              r"(?:[A-ZÅÄÖ][a-zåäö]+|hon|han)\b")
_EXAMPLE_INTRO = re.compile(r"\b(?:till\s+exempel|exempelvis|som\s+exempel|ett\s+exempel(?:\s+är)?)\s*:\s*$", re.I)
# a list item that gives a measure by its code ("KKiK 2017 mått 16a: …", "Indikator 3.2: …")
_CODED_MEASURE_ITEM = re.compile(r"^[^:]{0,40}?\b(?:mått|indikator|nyckeltal|mätetal)\s+(?:[A-ZÅÄÖ]{1,4}\s?)?\d{1,3}"
                                 r"(?:\.\d{1,3})*[a-z]?\s*:\s*\S", re.I)


# "Organisationen utgörs av följande politiska organ:": a list of something named, no goal (the goal word tested apart)
# (what is to be reached, "följande inriktningar:", "… prioriteringar:", goes on)
_FOLLOWING_OTHER = re.compile(r"\bföljande\s+(?!(?:[\wåäö-]+\s+){0,2}?(?:inriktning|ambition|prioriter|fokus|löfte|"
                              r"strävan|ställningstagande)\w*\s*:)(?:[\wåäö-]+\s+){0,2}?[\wåäö-]+\s*:\s*$", re.I)
_FORM_FIELD_END = re.compile(r"\b(?:datum|d\.?nr|diarienummer|handläggare|ärende|mottagare)$", re.I)


@rule("goal_title_statements", kinds=("para", "bullet", "item"))
def goal_title_statements(walk: Walk, bi: int, b: Block) -> bool:
    """Under a plain title about goals ("Nämndens mål", "Prioriterade mål 2024"): its list items, and its
    statements one or two sentences long, until the next title."""
    if walk.title_mode != "goals" or b.kind not in ("para", "bullet", "item"):
        return False
    text = b.text.strip()
    if b.kind == "para" and _INDICATORS_FOLLOW.search(text[-120:]):
        walk.title_mode = None  # "Nedan presenteras … mål och indikatorer.": the list below measures, it is no goal
        return False
    if _VISION_SAID.match(text):
        return False  # "Kommunens vision är att …": the vision, whatever it says it shall be
    if REPORTED_SPEECH.search(text):
        return False  # "– Vi ska bli ännu bättre, säger Anna Berg": a quote in a news item, no goal set
    if b.kind == "para" and bi and _EXAMPLE_INTRO.search(walk.blocks[bi - 1].text[-30:]):
        return False  # "Alla målen sträcker sig över alla verksamheter. Till exempel:" ⏎ <an example, no goal>
    if b.kind != "para" and _CODED_MEASURE_ITEM.match(text):
        return False  # "KKiK 2017 mått 16a: <measure>, <place>: 79%": a measure the goal is followed with, no goal
    if b.kind == "para" and text.endswith(":") and (_NOT_GOAL_GROUP.search(sentences(text)[-1])
                                                    or _FOLLOWING_OTHER.search(sentences(text)[-1])) \
            and not _GOAL_WORD_RE.search(sentences(text)[-1]) and not _RESULTS_INTRO.match(text):
        walk.title_mode = None  # "Strategier:", "… följs upp med följande mått:": what serves the goals, no goals
        return False
    nxt = walk.blocks[bi + 1] if bi + 1 < len(walk.blocks) else None
    wants = WANTS_THAT.match(text) if b.kind == "para" else None
    if wants and text.endswith(".") and len(sentences(text)) == 1 and len(text) <= 300:
        _add_title_goal(walk, wants.group("rest").rstrip(" ."), None, bi)  # "Vi vill att kunderna erbjuds …."
        return True
    if b.kind == "para" and nxt is not None and nxt.kind in ("bullet", "item") and re.search(r"[^\W\d_]\s*$", text):
        # "… extra fokus riktas mot att skapa förutsättningar genom" ⏎ "• riktade insatser …": an open sentence
        # introduces the goals its list completes
        walk.list_mode, walk.list_parent, walk.list_status = "goals", None, None
        return True
    if b.kind != "para" or len(text) > 300:
        text = goal_of_item(text)  # "En tillitsbaserad styrning: Kommunen ska …" names the goal before the colon
        if _FORM_FIELD_END.search(text):
            return False  # "3 TJÄNSTESKRIVELSE Datum: … D.nr: …": a letterhead's fields run together, no goal
    if b.kind in ("bullet", "item") and len(sentences(text)) > 1 and is_statement(sentences(text)[0]):
        text = sentences(text)[0]  # "Soliditeten ska öka. Vid beräkning av soliditeten …": the goal, then its rule
    if bi == walk.statement_para:  # the goals set for the area named above, one a sentence
        for sentence in sentences(text):
            if bi == len(walk.blocks) - 1 and not sentence.endswith("."):
                break  # cut off by the text's end
            level = title_level(walk)
            walk.target = walk.add_goal(sentence, level, walk.parent_for(level), None, bi)
        return True
    if b.kind == "para" and len(text) > 300 or b.kind == "para" and len(sentences(text)) > 1:
        first = sentences(text)[0]  # a goal stated in prose: its first sentence, the rest explains it
        if walk.labelled_since_title or not is_statement(first) or len(first) > 200:
            return False  # where the section labels its goals, its prose is narrative
        text = first
    # "Finansiellt mål" ⏎ "Kommunen har en ekonomi i balans …": the one goal the title names, whatever its tense
    one_goal = b.kind == "para" and walk.title_block == bi - 1 and bool(_ONE_GOAL_TITLE.match(walk.title or "")) \
        and len(sentences(text)) == 1 and len(text) <= 250 and not _NAMES_PLAN_GOALS.search(text)
    if text.endswith(("?", ":")) or len(text) > 300 \
            or not (text[:1].isupper() or _YEAR_SHALL.match(text) or _completes_intro(walk, bi)
                    or b.kind == "item" and FIGURE_FIRST.match(text)) \
            or about_goals(_PARENTHESIS.sub("", text)) and not one_goal \
            or _RELATIVE_START.match(text):
        return False
    if not is_statement(text) and _PAST_ACCOUNT.search(text):
        return False  # "Antalet invånare ökade åter under 2023 …": what happened, told in the past, is no goal
    if b.kind == "para" and walk.heading_goal == bi - 1:
        return False  # the prose under a goal written as a heading explains it
    if b.kind == "para" and bi > 0 and _VERDICT_LINE.match(walk.blocks[bi - 1].text.strip()):
        return False  # "<goal>" ⏎ "Målet är delvis uppnått." ⏎ <prose>: the prose accounts for the goal judged
    as_heading = b.kind == "para" and not is_statement(text) and _goal_heading(walk, bi, text)
    as_heading = as_heading or one_goal and not is_statement(text)
    if b.kind == "para" and not as_heading and walk.explained_after is not None and bi > walk.explained_after:
        return False  # the prose after a named goal's statement explains it
    if b.kind == "para" and not as_heading and (not is_statement(text) or _shall_only_asked(text)):
        return False  # "… krav på hur kommunens ekonomi ska hanteras.": a "ska" that only asks how is no goal
    if as_heading:
        walk.heading_goal, walk.explained_after = bi, None
    _add_title_goal(walk, text, b.number, bi)
    return True


def _add_title_goal(walk: Walk, text: str, number: Optional[str], bi: int) -> None:
    """A goal under a title about goals: one level below the goal area in force, or at the title's level."""
    level = title_level(walk)
    council_title = level == "council"
    if walk.area is not None:  # under a goal area: one level below it
        area_level = walk.level_of(walk.area)
        walk.target = walk.add_goal(text, "committee" if area_level == "council" else "sub", walk.area, number, bi)
        return
    gid = walk.add_goal(text, level, None if council_title else walk.council, number, bi)
    walk.target = gid
    if council_title:
        walk.council = gid


# "… STRATEGISK INRIKTNING Svalövs kommun ska: vara en attraktiv kommun … . verka för att … ." — the items of a
# list under "<kommun> ska:", run by a transcript into one paragraph: each goes on the sentence "… ska", so it
# opens in lower case, which no sentence of prose does
_BODY_SHALL = re.compile(r"\b(?:[Kk]ommun(?:en)?|[Ss]tad(?:en)?|[Rr]egion(?:en)?)\s+(?:ska|skall)\s*:\s+(?=[a-zåäö])")
# "… De övergripande målen är: - Ökat arbetsdeltagande - Trygga uppväxtvillkor - Hållbar livsmiljö Styrmodellen
# innebär …": a list of goals run into a paragraph, each item after a dash; a committee's name between items heads the
# items after it, a capitalised word after a small letter (not after a preposition) leaves the list for the prose
_DASH_LIST_INTRO = re.compile(r"\b(?:mål(?:en)?|[\wåäö]+målen|målsättningar(?:na)?)\b[^.:]{0,60}?\b(?:är|följande|nedan)"
                              r"\s*:\s+(?=(?:[\d.]+\s+)?(?:[^\s\-–•]+\s+){0,6}?[-–•]\s)", re.I)  # (an area's code and name first)
_DASH_ITEM = re.compile(r"\s[-–•]\s+(?=[A-ZÅÄÖ])")
_BODY_IN_LIST = re.compile(r"(?:^|\s)(?:[A-ZÅÄÖ][\wåäö]*-?(?:\s+(?:och|samt)\s+[\wåäö]+)?(?:nämnden|styrelsen))(?:\s|$)")
_NEW_START = re.compile(r"(?<=[a-zåäö])\s+(?=[A-ZÅÄÖ][a-zåäö]{2,})")
_NAME_THEN_START = re.compile(r"[A-ZÅÄÖ][\wåäö-]*\s+[A-ZÅÄÖ][a-zåäö]")  # a name closing the item, the prose after it


def _dash_items(tail: str) -> list[str]:
    items = []
    for piece in _DASH_ITEM.split(" " + tail)[1:]:
        piece = sentences(piece.strip())[0].strip()
        body = _BODY_IN_LIST.search(piece)
        if body and body.start() > 0:
            items.append(piece[: body.start()].strip(" ,."))  # "Sjukfrånvaron ska minska Bildningsnämnden"
            continue
        if body:
            continue  # the committee whose goals follow
        cut = next((m for m in _NEW_START.finditer(piece) if not NAME_BEFORE.match(piece[: m.start()].split()[-1])
                    and not _NAME_THEN_START.match(piece, m.end())), None)  # ("… hållbart Åby Styrmodellen …")
        if cut:  # "Hållbar livsmiljö Styrmodellen innebär …": the last item, then the prose goes on
            items.append(piece[: cut.start()].strip(" ,."))
            break
        items.append(piece.strip(" ,."))
    return [i for i in items if len(i.split()) >= 2]


@rule("inline_dash_goal_list", kinds=("para", "heading", "item"))
def inline_dash_goal_list(walk: Walk, bi: int, b: Block) -> bool:
    """The items of a dash list of goals run into a paragraph after "… målen är:" / "… nämndmålen följande:", at
    the level the lead-in names. Claims nothing."""
    if b.kind not in ("para", "heading", "item") or " - " not in b.text and " – " not in b.text:
        return False
    for m in _DASH_LIST_INTRO.finditer(b.text):
        items = _dash_items(b.text[m.end():])
        if bi == len(walk.blocks) - 1 and items and not re.search(r"[.!?]\s*$", b.text) \
                and b.text.rstrip(" .").endswith(items[-1]):
            items.pop()  # the text ends inside the last item: where it ends cannot be told
        if len(items) < 2:
            continue
        lead = b.text[max(0, m.start() - 60): m.end()]
        level = "council" if COUNCIL_WORDS.search(lead) else "committee"
        for text in items:
            walk.add_goal(text, level, walk.parent_for(level), None, bi)
    return False


_LOWER_ITEM = re.compile(r"(?P<item>[a-zåäö][^.!?]{8,400}?[.!?])(?:\s+|$)")


@rule("inline_goal_list", kinds=("heading", "para"))
def inline_goal_list(walk: Walk, bi: int, b: Block) -> bool:
    """The goals a municipality sets itself, listed after "<kommun> ska:" and run into the paragraph: each item
    that ends its sentence is a council goal, until a sentence opens in upper case (an item cut off is left)."""
    if b.kind == "heading" and len(b.text) > 200 and _numbers_a_list(b.text) and "mål" in b.text:
        # a transcript's paragraph that opens with its page or section number is read as a numbered heading,
        # which the numbered-heading rule claims: its run-in list of goals is read here
        _counted_inline_goals(walk, bi, b.text)
        return False
    if b.kind != "para" or "ska" not in b.text or walk.region() == "assignment":
        return False
    m = _BODY_SHALL.search(b.text) if ":" in b.text and ("ommun" in b.text or "tad" in b.text or "egion" in b.text) \
        else None  # (the words the pattern needs, looked for first)
    if not m:
        return False
    items, at = [], m.end()
    while True:
        item = _LOWER_ITEM.match(b.text, at)
        if not item:
            break
        items.append(item.group("item"))
        at = item.end()
    lower_after = at < len(b.text) and b.text[at:at + 1].islower()  # the next item goes on (or is cut off)
    if not items or len(items) < 2 and not lower_after:
        return False
    for text in items:
        walk.add_goal(text.rstrip(" ."), "council", None, None, bi)
    return False  # the paragraph's other sentences are read by the rules after


# "… KF 1: Kommunen ska ha en stabil ekonomi Mått 1:1 <name> Måttansvarig: … KF 2: …", "EFFEKTMÅL 2. <goal>. <what
# it means> Indikatorer • …": a transcript runs goals, each after its code, and the measures under them into one paragraph
_GOAL_CODE = re.compile(r"(?<![\wåäö])(?P<code>KF|RF|KS|NF|NM|(?:[A-ZÅÄÖ][a-zåäö]*m|M)ål|[A-ZÅÄÖ]*MÅL)\s?"
                        r"\d{1,2}(?:[.:]\d{1,2})?\s*[:.]\s+(?=[A-ZÅÄÖ])")
_CODE_LEVEL = {"kf": "council", "rf": "council", "ks": "council", "nf": "committee", "nm": "committee"}
_MEASURES_HEAD = re.compile(rf"{MEASURES_WORD}(?=\s)")
# … or "Mål 1 Grundskola Åby ska vara … Indikator för uppföljning: …": the code bare, an area's name before the goal
_BARE_GOAL_CODE = re.compile(r"(?<![\wåäö])Mål\s\d{1,2}\s+(?=[A-ZÅÄÖ])")
_MEASURE_LABEL_RUN = re.compile(r"(?<![\wåäö])(?:Indikator|Mått|Nyckeltal|Mätetal)(?:er)?(?:\s+för\s+uppföljning)?\s*:")
# (a place after a preposition is inside the goal: "Alla barn i Åby ska …")
_CAPITAL_WORD = re.compile(r"(?<=\s)(?<!\bi\s)(?<!\bpå\s)(?<!\bav\s)(?<!\bför\s)(?<!\binom\s)(?<!\boch\s)[A-ZÅÄÖ][\wåäö-]*")


def _coded_segments(text: str, codes: list[re.Match], measures: list[int]):
    """(code, the text after it up to the next code or measure) for each goal code; the last, with nothing after it to
    end it, is left."""
    ends = sorted(measures + [c.start() for c in codes])
    for c in codes:
        end = next((e for e in ends if e > c.start()), None)
        if end is not None:
            yield c, text[c.end():end]


def _bare_coded_goals(walk: Walk, bi: int, b: Block, measures: list[int]) -> None:
    """"Mål 2 Äldre i kommunen Invånare över 65 år ska känna … Indikator för uppföljning: …": the goal starts at the
    last capital before its first "ska" but a place's (the area's name stands before it) and is its first sentence."""
    codes = list(_BARE_GOAL_CODE.finditer(b.text))
    if len(codes) < 2:
        return
    for _c, text in _coded_segments(b.text, codes, measures):
        shall = re.search(r"\s(?:ska|skall)\s", text)
        starts = [m.start() for m in _CAPITAL_WORD.finditer(text, 0, shall.start())] if shall else []
        if not starts:
            continue
        goal = sentences(text[starts[-1]:])[0].strip(" ,.;")
        if 3 <= len(goal.split()) <= 40:
            walk.target = walk.add_goal(goal, title_level(walk), None, None, bi) or walk.target


# "… Följande mål bedöms uppnås helt: Mål 2: <goal>. Mål 3: <goal>. …", "Kulturnämnden Mål 1: <goal>. Etappmål 2014:
# <sub-goal>. Fokusområde: …": a transcript runs labelled goals into one paragraph, without measures
_JUDGED_LIST_INTRO = re.compile(r"[Ff]öljande\s+(?:[\wåäö]+\s+){0,2}?mål\s+(?P<verdict>(?:bedöms|beräknas|har|är|blev|"
                                r"kommer)\s+[^:.]{3,60}?)\s*:\s*$")
_STAGE_GOAL = re.compile(r"\bEtappmål(?:\s+\d{4})?\s*:\s*(?P<sub>[A-ZÅÄÖ][^.:]{5,200})\.")


def _labelled_goals_run_on(walk: Walk, bi: int, b: Block) -> None:
    """Two or more "Mål N:" labels in one long paragraph: each opens a goal, its first sentence (the last one only
    where the paragraph goes on after it); an "Etappmål" after a goal is its sub-goal, and a list introduced as
    judged ("Följande mål bedöms uppnås helt:") passes its verdict to the goals after it."""
    t = b.text
    codes = [c for c in _GOAL_CODE.finditer(t) if c.group().rstrip().endswith(":")]
    # (one label: where a judged list introduces it, or the run of the paragraph before goes on past a page break)
    carried = walk.run_verdict if walk.run_verdict and walk.run_verdict[0] == bi - 1 else None
    if not codes or len(codes) < 2 and not (_JUDGED_LIST_INTRO.search(t[:codes[0].start()])
                                            or carried and not re.search(r"[.!?]\s+\S", t[:codes[0].start()])):
        return
    lead = t[max(0, codes[0].start() - 200):codes[0].start()]
    level = carried[2] if carried else \
        "council" if COUNCIL_WORDS.search(lead) or "fullmäktige" in lead else title_level(walk)
    verdict, done_at = carried[1] if carried else None, 0
    for k, c in enumerate(codes):
        gap = t[done_at:c.start()]
        intro = _JUDGED_LIST_INTRO.search(gap)
        if intro:
            verdict = intro.group("verdict")
        elif re.search(r"[.!?]\s+\S", gap):
            verdict = None  # prose between: the judged list has ended
        end = codes[k + 1].start() if k + 1 < len(codes) else len(t)
        segment = t[c.end():end]
        said = sentences(segment)
        if not said:
            continue  # a label with nothing after it
        first = said[0]
        done_at = c.end() + len(first)
        goal = first.strip(" ,.;")
        if k + 1 == len(codes) and not first.rstrip().endswith("."):
            continue  # the last goal, its end not told
        if not 3 <= len(goal.split()) <= 40:
            continue
        gid = walk.add_goal(goal, level, walk.parent_for(level), None, bi)
        walk.assess(gid, verdict)
        stage = _STAGE_GOAL.search(segment, len(first))
        if gid and stage and stage.start() - len(first) < 40:
            walk.add_goal(stage.group("sub").strip(), "sub", gid, None, bi)
    walk.run_verdict = (bi, verdict, level)


# "… Kommunfullmäktiges mål All vård ska vara god Målet är delvis uppnått Nybro kommunarkiv har …": a transcript
# runs a report's goal headings, their verdict lines and their prose into one paragraph
_RUN_ON_VERDICT = re.compile(r"(?<=[\wåäö.])\s+(?P<verdict>Målet\s+(?:är|har)\s+(?:(?:helt|delvis|inte|ej)\s+)?"
                             r"(?:uppnått|uppfyllt|nått|uppnåtts|uppfyllts|nåtts))\b")
_RUN_ON_LABEL = re.compile(r"(?:(?:Kommun)?[Ff]ullmäktiges|Nämndens|Kommunens|Styrelsens)\s+mål\s+(?=[A-ZÅÄÖ])")
# where a goal starts in such a run: after a sentence's end, or at a capital glued after a lower-case word
_RUN_ON_START = re.compile(r"(?:[.!?]\s+|(?<=[a-zåäö])\s+(?=[A-ZÅÄÖ][a-zåäö]))")


def _judged_statements_run_on(walk: Walk, bi: int, b: Block) -> None:
    """Each "Målet är (delvis) uppnått" glued after a statement of what shall be: the statement (from the label
    before it, a sentence's end or a capital glued on) is a goal, judged so."""
    t, after_last = b.text, 0
    for v in _RUN_ON_VERDICT.finditer(t):
        before = t[max(after_last, v.start() - 300):v.start()]  # (back to the verdict before, at most)
        after_last = v.end()
        labels = list(_RUN_ON_LABEL.finditer(before))
        label = labels[-1] if labels else None  # (the label nearest the verdict)
        if label is not None:
            goal = before[label.end():]
        else:
            starts = [m.end() for m in _RUN_ON_START.finditer(before)]
            goal = before[starts[-1]:] if starts else ""
        goal = goal.strip(" .")
        if not 4 <= len(goal.split()) <= 40 or not _SAID_MODAL.search(goal) or not is_statement(goal):
            continue
        level = "council" if label is not None and "ullmäktige" in label.group() else title_level(walk)
        walk.assess(walk.add_goal(goal, level, None, None, bi), v.group("verdict"))


# "Prioriterade KF-mål 2012–2015" ⏎ "Det goda boendet Befolkningen ska öka … . Kommunen ska … . Den goda miljön
# Utsläppen ska minska …": a slide's or web page's goals run into one paragraph under the heading that names them,
# each sentence one goal, an area's name glued before the sentence that opens a new area
_NAMES_GOALS = re.compile(r"(?<![\wåäö])(?:[\wåäö-]*mål(?:en)?|målsättningar(?:na)?)"
                          r"(?:\s+(?:för\s+)?\d{4}(?:\s*[-–]\s*\d{2,4})?)?\s*:?\s*$", re.I)
_AREA_GLUED = re.compile(r"^[A-ZÅÄÖ][a-zåäö]+(?:\s+[a-zåäö-]+){1,4}\s+(?=[A-ZÅÄÖ][a-zåäö])")
_NOT_IN_AREA = re.compile(r"\b(?:ska|skall|är|har|kan|bör|blir|och)\b")


def _area_stripped(sentence: str) -> str:
    m = _AREA_GLUED.match(sentence)
    if m and not _NOT_IN_AREA.search(m.group(0)):
        return sentence[m.end():]
    return sentence


def _area_under_goals(blocks: list[Block], k: int) -> bool:
    """"Så här ser fullmäktiges mål ut:" ⏎ <how they are grouped> ⏎ "Hållbarhet" ⏎ <its goals run together>: a
    bare name of one to three words under a line that introduces goals, with at most one paragraph between."""
    name = blocks[k].text.strip()
    if not 1 <= len(name.split()) <= 3 or not name[:1].isupper() or any(c.isdigit() or c in ".:;,?" for c in name) \
            or is_statement(name):
        return False
    return any(blocks[j].kind in ("heading", "para") and len(blocks[j].text) < 200 and len(blocks[j].text.split()) >= 3
               and (_NAMES_GOALS.search(blocks[j].text) or _LIST_INTRO.search(blocks[j].text))
               for j in range(max(0, k - 2), k))  # (a label "Mål" over the area before is no introduction)


@rule("goal_sentences_run_on", kinds=("para",))
def goal_sentences_run_on(walk: Walk, bi: int, b: Block) -> bool:
    """The paragraph right under a heading that names goals ("… KF-mål 2012–2015", "Nämndens mål"), three or
    more sentences of which at least three in four say what shall be: every sentence of it is a goal."""
    if b.kind != "para" or bi == 0 or " ska " not in b.text and " skall " not in b.text:
        return False
    head = walk.blocks[bi - 1]
    if head.kind not in ("heading", "para") or len(head.text) > 120 \
            or not (_NAMES_GOALS.search(head.text) or _area_under_goals(walk.blocks, bi - 1)) \
            or _NOT_GOAL_GROUP.search(head.text.lower().replace("mål", "")):
        return False
    goals = [_area_stripped(t.strip()) for t in sentences(b.text)]
    goals = [t.rstrip(" .") for t in goals if len(t.split()) >= 3 and t[:1].isupper() and not about_goals(t)]
    if len(goals) < 3 or sum(map(is_statement, goals)) * 4 < len(goals) * 3:
        return False
    said = " ".join(x.text for x in walk.blocks[max(0, bi - 3):bi])  # (the heading, or the introduction over the area)
    level = "council" if COUNCIL_WORDS.search(said) or "ullmäktige" in said else title_level(walk)
    for text in goals:
        walk.target = walk.add_goal(text, level, walk.parent_for(level), None, bi) or walk.target
    return True


# "Kopplat till visionen finns tre visionsmål som är delvis uppfyllda. Visionsmålen är ”Bästa kommun att växa i”,
# ”Livslångt lärande för alla” samt ”Vi skapar ett rikt liv”.": goals named in quotes after "<…mål(en)> är", judged
# in the same sentence or the one before that speaks of them
_QUOTED_INTRO = re.compile(r"\b[\wåäö-]*mål(?:en|sättningarna)?\s+(?:är|var|heter|lyder|blev)\s*:?\s*(?=[”\"“«])", re.I)
_QUOTED = re.compile(r"[”\"“«]([^”\"“«»]{3,150})[”\"»]")
# "Under målet ”Trygg och säker uppväxt” uppnås …": a goal named in quotes right after the noun (an area,
# "målområdet ”…”", is not one)
_NAMED_GOAL = re.compile(r"\b[\wåäö]*målet\s+[”\"“«](?P<name>[^”\"“«»]{3,120})[”\"»]", re.I)
# "Bland målen som mäts finns ”A” samt ”B”", "… mäts bland annat ”C ska bibehållas”": goals (a statement each)
# quoted where the text lists what is measured under a goal
_MEASURED_INTRO = re.compile(r"\b(?:finns|mäts)(?:\s+bland\s+annat)?\s*:?\s*(?=[”\"“«])", re.I)


@rule("quoted_goal_names", kinds=("para", "item", "bullet"))
def quoted_goal_names(walk: Walk, bi: int, b: Block) -> bool:
    """Claims nothing."""
    if b.kind not in ("para", "item", "bullet") or "ål" not in b.text or not _QUOTED.search(b.text):
        return False
    said = sentences(b.text)
    named: Optional[str] = None  # the goal the paragraph last named in quotes
    for si, sentence in enumerate(said):
        for g in _NAMED_GOAL.finditer(sentence):
            judged = [t for t in (sentence, said[si + 1] if si + 1 < len(said) else "") if "mål" in t.lower()]
            verdict = next((t for t in judged if status_match(t).strength in ("explicit", "value")), None)
            named = walk.add_goal(g.group("name").strip(" ,."), _said_level(sentence), None, None, bi)
            walk.assess(named, verdict)
        if "mål" in sentence.lower():
            for intro in _MEASURED_INTRO.finditer(sentence):
                for name in _QUOTED.findall(sentence[intro.end():]):
                    if _SAID_MODAL.search(name):
                        walk.add_goal(name.strip(" ,."), "sub" if named else _said_level(sentence), named, None, bi)
        m = _QUOTED_INTRO.search(sentence)
        if not m:
            continue
        names = _QUOTED.findall(sentence[m.end():])
        if len(names) < 2 or any(len(n.split()) > 20 for n in names):
            continue
        judged = [t for t in (sentence, said[si - 1] if si else "") if "mål" in t.lower()]
        verdict = next((t for t in judged if status_match(t).strength in ("explicit", "value")), None)
        level = _said_level(sentence) if "visionsmål" not in sentence.lower() else "council"
        for name in names:
            walk.assess(walk.add_goal(name.strip(" ,."), level, None, None, bi), verdict)
    return False


@rule("goals_judged_in_prose", kinds=("para", "item"))
def goals_judged_in_prose(walk: Walk, bi: int, b: Block) -> bool:
    """"Målet om att bli en mer attraktiv region har uppnåtts": a goal named by its content where it is judged is a
    goal of the document (its follow-up is read by extract/followups.py). Claims nothing. (A transcript's numbered
    page runs its prose into one long item: read too.)"""
    if not (b.kind == "para" or b.kind == "item" and len(b.text) > 200) or "ålet" not in b.text \
            or " att " not in b.text and "ålet om " not in b.text:
        return False
    for sentence in sentences(b.text):
        told = told_that(sentence) if "ålet" in sentence else None
        if told and told[0] == "goal":
            for what in told_items(told[1]):
                walk.assess(walk.add_goal(what, title_level(walk), None, None, bi), told[2])
    return False


@rule("coded_goals_run_on", kinds=("para", "heading", "item"))
def coded_goals_run_on(walk: Walk, bi: int, b: Block) -> bool:
    """Each goal code in a paragraph that also numbers or lists measures opens a goal: its first sentence, up to
    the next measure's or goal's code; a goal with nothing after it, whose end cannot be told, is left."""
    t = b.text
    if b.kind not in ("para", "heading", "item") or len(t) < 80:
        return False
    if not any(w in t for w in ("Mått ", "Indikator", "INDIKATOR", "Nyckeltal", "NYCKELTAL", "Mätetal", "MÄTETAL")):
        if "ål " in t:
            _labelled_goals_run_on(walk, bi, b)
        if len(t) >= 300 and "Målet " in t:
            _judged_statements_run_on(walk, bi, b)
        return False  # (no measure named: the cheap test before the regexes)
    measures = [m.start() for m in MEASURE_CODE.finditer(b.text)] + \
        [m.start() for m in _MEASURES_HEAD.finditer(b.text)]
    labelled = [m.start() for m in _MEASURE_LABEL_RUN.finditer(b.text)]
    if labelled and not measures:
        _bare_coded_goals(walk, bi, b, labelled)
        return False
    if not measures:
        _labelled_goals_run_on(walk, bi, b)
        return False
    codes = list(_GOAL_CODE.finditer(b.text))
    if not codes:
        return False
    for c, text in _coded_segments(b.text, codes, measures):
        field = MEASURE_FIELD.search(text)
        text = sentences(text[:field.start()] if field else text)[0].strip(" ,.;")
        if not 3 <= len(text.split()) <= 40:
            continue
        code = c.group("code").lower()
        level = _CODE_LEVEL.get(code) or LABELS.get(code, ("goal", ""))[1] or "council"
        gid = walk.add_goal(text, level, walk.parent_for(level), None, bi)
        if level == "council" and gid:
            walk.council = gid
        walk.target = gid or walk.target
    return False  # the measures and the paragraph's other sentences are read by the rules after


# a population target, wherever it is said — a vision's, a plan's or a news item's: "Kommunen ska växa till 35 000
# invånare år 2025", "År 2040 ska det bo 30 000 invånare i kommunen", "Piteå ska år 2020 ha 43 000 invånare"
_POPULATION = re.compile(r"(?P<figure>\d[\d\s]*?)\s*(?:invånare|kommuninvånare|innevånare)\b", re.I)
_MODAL = re.compile(r"\b(?:ska|skall)\b", re.I)
_TARGET_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
# what leads into the target in the same sentence: "Målet är att …", "… med ett visionsmål att …"
_VISION_WORD = re.compile(r"\bvision(?:en)?\b", re.I)  # (a vision's goal, "visionsmålet att …", is a goal)
_TARGET_LEAD = re.compile(r"^.{0,80}?\b(?:är|var|mål|målet|visionsmål|målsättningen)\s+att\s+", re.I)


@rule("population_target", kinds=("para", "bullet", "item", "heading"))
def population_target(walk: Walk, bi: int, b: Block) -> bool:
    """Claims nothing."""
    if "nvånare" not in b.text or not _MODAL.search(b.text):
        return False
    for sentence in sentences(b.text):
        pop = _POPULATION.search(sentence)
        modal = _MODAL.search(sentence)
        if not pop or not modal or not _TARGET_YEAR.search(sentence) or len(sentence) > 250 \
                or "?" in sentence or abs(pop.start() - modal.start()) > 80:
            continue
        if _VISION_WORD.search(sentence[:modal.start()]) and "mål" not in sentence[:modal.start()]:
            continue  # "Åby har som vision att Åby ska ha 30 000 invånare 2040": the vision's (its "visionsmål" a goal)
        lead = _TARGET_LEAD.match(sentence)
        goal = sentence[lead.end():] if lead and lead.end() <= modal.start() else sentence
        goal = goal.strip().rstrip(" .!")
        if any(pop.group("figure") in g.text for g in walk.ctx.get("goals")):
            continue  # read already, by the rule of its layout
        walk.add_goal(goal[:1].upper() + goal[1:] if not lead else goal, "council", None, None, bi)
    return False


# a list of measurable goals each closed by the year it is to be reached in brackets ("Årtalen inom parentes anger när
# målet ska vara uppnått"): "• Minst 90 % av eleverna är nöjda med sin skola (2026)"
_BY_YEAR = re.compile(r"\s*\((?:19|20)\d{2}\)\s*\.?\s*$")


@rule("goals_by_year", kinds=("bullet", "item"))
def goals_by_year(walk: Walk, bi: int, b: Block) -> bool:
    """A bullet of a run of three or more, at least half of them closed by a year in brackets: a goal (the year,
    when it is to be reached, left out of its wording)."""
    blocks = walk.blocks
    if b.kind not in ("bullet", "item") or not any(")" in blocks[k].text for k in range(max(0, bi - 1), min(len(blocks), bi + 2))):
        return False  # (a bullet with no year in brackets on it or beside it: the run is not scanned)
    lo, hi = same_kind_run(blocks, bi)
    dated = sum(1 for k in range(lo, hi) if _BY_YEAR.search(blocks[k].text))
    if hi - lo < 3 or dated * 2 < hi - lo or len(b.text) > 300:
        return False
    text = _BY_YEAR.sub("", b.text.strip()).rstrip(" .")
    if len(text.split()) < 3 or not (text[:1].isupper() or text[:1].isdigit()):
        return False  # ("minst 95 % av Göt": a bullet the excerpt's end cut, lower case where the others are not)
    level = title_level(walk)
    walk.add_goal(text, level, walk.parent_for(level), b.number, bi)
    return True
