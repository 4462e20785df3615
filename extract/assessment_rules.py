"""Structure rules for goals that a document assesses where it states them: a statement followed by its
assessment ("Måluppfyllelse: Medel", "Bedömning: Delvis uppfyllt", "Når vi målet?"), and the rows of a
flattened goal table with the assessment glued on ("Invånarna känner sig trygga Delvis uppfyllt"). The
assessment is kept with the goal, for the follow-up step."""

from __future__ import annotations

import re
from typing import Optional

from plantrace.extract.blocks import Block, same_kind_run
from plantrace.extract.assignment_rules import under_assignment_title
from plantrace.extract.goal_rules import COUNCIL_WORDS, about_goals, assignment_like, title_level
from plantrace.extract.roles import is_statement
from plantrace.extract.tables import FINITE, page_furniture
from plantrace.extract.vocabulary import BODIES, COMMENT_TITLE, GOAL_REGION, names_bodies, verb_first
from plantrace.extract.walk import Walk, first_sentence, opening_sentence, rule, sentences
from plantrace.nlp_models.status import status_match

_ASSESSMENT = re.compile(r"^(?:måluppfyllelse|måluppfyllnad|bedömning|status|uppfyllelse|målbedömning|"
                         r"bedömd\s+måluppfyllelse|når\s+vi\s+målet\s*\??)\s*[:\-–]", re.I)
_FIELD = re.compile(r"^[\wåäöÅÄÖ ]{2,30}:\s")  # "Ansvarig nämnd: BUN" is a field of the item above, not an item
_ABOUT_THE_GOAL = re.compile(r"^(?:målet|syftet|målets\s+syfte)\b", re.I)
_AIM = re.compile(r"^målet(?:\s+\S+){0,3}?\s+är\s+att\b", re.I)


@rule("assessed_statement", kinds=("para", "bullet", "item", "heading"))
def assessed_statement(walk: Walk, bi: int, b: Block) -> bool:
    """A statement directly followed by its assessment ("Måluppfyllelse: Medel", "Bedömning: Delvis uppfyllt")
    is a goal being followed up, whatever title it stands under (set as a heading of its own too, unnumbered)."""
    text = b.text.strip()
    # (a paragraph right under a goal's own line is its account, not the next goal)
    told = _goal_then_verdict(walk, text) if b.kind == "para" and not (
        _goal_read_at(walk, bi - 1) and len(sentences(walk.blocks[bi - 1].text)) == 1) else None
    if told:  # "Fler i arbete. Målet är delvis uppfyllt. <what was done>": the goal, then its verdict, in one paragraph
        level = title_level(walk)
        walk.target = walk.add_goal(told[0], level, walk.parent_for(level), b.number, bi)
        walk.assess(walk.target, told[1])
        return True
    if b.kind not in ("para", "bullet", "item", "heading") or len(text) > 300 or text.endswith(":") \
            or b.kind == "heading" and (b.number is not None or walk.head_at.get(bi) is not None
                                        and walk.heads[walk.head_at[bi]].number is not None or len(text.split()) < 3):
        return False
    j = bi + 1
    said = _verdict_said(walk.blocks[j].text) if j < len(walk.blocks) and walk.blocks[j].kind == "para" else None
    if said and j + 1 < len(walk.blocks) and _verdict_said(walk.blocks[j + 1].text):
        said = None  # "Målet har uppnåtts" ⏎ "Målet har delvis uppnåtts" ⏎ …: a legend of the report's symbols
    if said is None and j + 1 < len(walk.blocks) and _ABOUT_THE_GOAL.match(walk.blocks[j].text) \
            and len(walk.blocks[j].text) < 400:
        j += 1  # "Målet syftar till …" between the goal and its assessment
    nxt = walk.blocks[j] if j < len(walk.blocks) else None
    if nxt is None:
        return False
    below = said or nxt.text.strip()
    bare = j == bi + 1 and len(below.split()) <= 4 and (is_statement(text) or walk.list_mode in ("goals", "council")) \
        and _bare_status(below)  # (in a list of goals, any item; elsewhere a statement with "ska")
    if not (_ASSESSMENT.match(below) or bare or said) or _ASSESSMENT.match(text) or assignment_like(text) \
            or _ABOUT_THE_GOAL.match(text) or about_goals(text) or _FIELD.match(text):
        return False
    number = b.number
    if b.kind == "para" and not is_statement(text):
        # "Mål 3: …" ⏎ [“Analys”] ⏎ <what was done> ⏎ "Bedömning: …": the account of the goal above, no goal itself
        labelled = bi >= 2 and bool(COMMENT_TITLE.match(walk.blocks[bi - 1].text.strip()))
        if _goal_read_at(walk, bi - 1) or labelled and _goal_read_at(walk, bi - 2):
            walk.assess(walk.target, _ASSESSMENT.sub("", below).strip())
            return True
        if labelled:  # … where the goal's own line was read as no goal yet: it is the line over the label
            bi, text, number = bi - 2, walk.blocks[bi - 2].text.strip(), walk.blocks[bi - 2].number
            if walk.blocks[bi].kind not in ("para", "heading") or len(text.split()) > 30 \
                    or text.endswith((":", ".")) or number is not None or COMMENT_TITLE.match(text) \
                    or _ASSESSMENT.match(text) or assignment_like(text) or _FIELD.match(text):
                return False
    if under_assignment_title(walk) and not is_statement(text):
        return False  # "Uppföljning av uppdrag" ⏎ "Plan för färre placeringar" ⏎ "Status: Klart": a task named, no goal
    level = title_level(walk)  # "Måluppfyllelse för fullmäktiges mål": the council's
    walk.target = walk.add_goal(text, level, walk.parent_for(level), number, bi)
    walk.assess(walk.target, _ASSESSMENT.sub("", below).strip())
    if bare:
        walk.status_lines.add(j)  # "Uppnås ej" under the goal: read here, no title of what follows
    return True


def _goal_then_verdict(walk: Walk, text: str) -> Optional[tuple[str, str]]:
    """(goal, verdict) of a paragraph whose first sentence states a goal, in a sentence of its own with no status,
    and whose next one opens with the verdict on it ("Målet är delvis uppfyllt."): under a title about goals, or a
    goal's "ska" where no title says so."""
    opening = opening_sentence(text)
    if opening is None:
        return None
    first, rest = opening
    said = _verdict_said(" ".join(rest))
    if not said or status_match(first).strength not in ("weak", "none") or _ASSESSMENT.match(first) \
            or assignment_like(first) or about_goals(first) or _ABOUT_THE_GOAL.match(first) \
            or not (is_statement(first) or GOAL_REGION.search(walk.title or "")):
        return None
    return first, said


def _goal_read_at(walk: Walk, bi: int) -> bool:
    """The goal in force was read from block `bi`."""
    if bi < 0 or not walk.target or not walk.target.startswith("g"):
        return False
    goal = next((g for g in reversed(walk.ctx.get("goals")) if g.id == walk.target), None)
    return bool(goal and goal.provenance and goal.provenance.lines) \
        and walk.blocks[bi].first_line == goal.provenance.lines[0]


def _verdict_said(text: str) -> Optional[str]:
    """"Målet är delvis uppfyllt. <what was done> …": a paragraph that opens with its verdict on the goal above,
    in a short sentence of its own: that sentence."""
    if not _ABOUT_THE_GOAL.match(text) or not text.startswith(("Målet ", "MÅLET ")):
        return None
    first = sentences(text.strip())[0]
    if len(first.split()) > 8 or re.search(r"\b(?:när|om|då|ifall|under\s+förutsättning)\b", first) \
            or _AIM.match(first):
        return None  # ("Målet är uppnått när …": what it takes; "Målet 2030 är att …": the aim; no verdict)
    m = status_match(first)
    return first.rstrip(" .") if m.strength == "explicit" and m.status != "unknown" else None


def _bare_status(text: str) -> bool:
    """A status alone on its line ("Uppnås", "Uppnås ej", "Delvis uppfyllt", "Pågår"), no label before it."""
    if len(text.split()) > 4 or text.endswith(":"):
        return False
    m = status_match(text)
    return m.strength in ("cell", "explicit") and m.status != "unknown"


@rule("status_line")
def status_line(walk: Walk, bi: int, b: Block) -> bool:
    return bi in walk.status_lines


# "Måluppfyllelse är på rätt väg", "Bedömning: delvis uppfyllt": a verdict standing on its own line
_VERDICT_LINE = re.compile(r"^(?:samlad\s+)?(?:måluppfyllelse|måluppfyllnad|bedömning|bedömd\s+måluppfyllelse)\b\s*(?::|är|blir)?\s*\S",
                           re.I)


@rule("verdict_line", kinds=("para",))
def verdict_line(walk: Walk, bi: int, b: Block) -> bool:
    """A goal's verdict on a line of its own a paragraph or two below it ("Mål 8: …" ⏎ <what it means> ⏎
    "Måluppfyllelse är på rätt väg"): the goal in force is followed up with it, as web pages of goals set it."""
    text = b.text.strip()
    if b.kind != "para" or len(text) > 120 or not _VERDICT_LINE.match(text) or not walk.target \
            or not walk.target.startswith("g"):
        return False
    verdict = status_match(text)
    if verdict.strength not in ("explicit", "cell") or verdict.status == "unknown":
        return False
    near = [k for k in range(max(0, bi - 3), bi) if _goal_read_at(walk, k)]
    if not near or any(walk.blocks[k].kind == "heading" for k in range(near[0] + 1, bi)):
        return False  # (the goal stands within three blocks above, no heading between)
    walk.assess(walk.target, verdict.evidence)
    return True


# "Det strategiska målet Fler i jobb bedöms vara delvis uppfyllt.", "Målet är uppnått.": a sentence that assesses
# the goal named just above it
_GOAL_ASSESSED = re.compile(r"^(?:det\s+|vårt\s+|detta\s+)?(?:[\wåäö]+\s+){0,2}?(?:mål(?:et)?|målområdet)\b", re.I)
_ASSESSED = ("done", "partial", "not_done")
_SUMMED_VERDICT = re.compile(r"(?:^|(?<=[.!?]\s))(?:Den\s+)?(?:sammanvägda\s+|samlade\s+|övergripande\s+|totala\s+)?"
                             r"[Bb]edömningen\s+(?:blir|är)\s+(?:därmed\s+|således\s+|därför\s+)?att\s+målet\s[^.!?]{3,120}"
                             r"[.!]?$")


@rule("goal_heading_assessed", kinds=("para", "heading"))
def goal_heading_assessed(walk: Walk, bi: int, b: Block) -> bool:
    """A goal written as a short heading whose paragraph opens by assessing it ("Fler i jobb" ⏎ "Det strategiska
    målet Fler i jobb bedöms vara delvis uppfyllt. …"), as annual reports follow up their goals in prose."""
    nxt = walk.blocks[bi + 1] if bi + 1 < len(walk.blocks) else None
    if b.kind not in ("para", "heading") or b.number or nxt is None or nxt.kind != "para":
        return False
    summed = "edömningen" in nxt.text[-200:] and _SUMMED_VERDICT.search(nxt.text.rstrip())
    if not _GOAL_ASSESSED.match(nxt.text.lstrip()) and not summed:
        return False  # (the anchored test of the paragraph below first: most blocks fail there)
    text = b.text.strip()
    if len(text.split()) > 14 or text.endswith((".", ":", "?")) or not text[:1].isupper() or about_goals(text) \
            or _FIELD.match(text + " "):
        return False
    # (or its account ends by summing up: "… Den sammanvägda bedömningen blir därmed att målet är delvis uppfyllt.")
    first = summed.group(0) if summed else first_sentence(nxt.text.strip())
    if len(first) > 250:
        return False
    assessed = status_match(first)
    if assessed.strength != "explicit" or assessed.status not in _ASSESSED:
        return False
    council = bool(walk.title and COUNCIL_WORDS.search(walk.title) or COUNCIL_WORDS.search(first))
    walk.target = walk.add_goal(text, "council" if council else "committee", None if council else walk.council, None, bi)
    walk.assess(walk.target, assessed.evidence)
    return True


# "… bedöms ett av målen att vara uppnått. Det gäller målet att <kommun> ska vara …": the goal a judgement points at
_POINTED_GOAL = re.compile(r"^(?:det|detta)\s+(?:gäller|är)\s+(?:det\s+)?mål(?:et)?\s+(?:om\s+)?att\s+"
                           r"(?P<goal>[^.]{2,300}?\b(?:ska|skall)\s[^.]{3,300}?)\.?$", re.I)


# "… kopplat till inriktningsmålet: Medborgarna upplever bra service med kvalitet.": the goal named after a colon
_GOAL_AFTER_COLON = re.compile(r"\b(?P<label>(?:inriktnings|effekt|nämnd|kommun|fullmäktige|resultat)?målet)\s*:\s*"
                               r"(?P<goal>[A-ZÅÄÖ][^.:;!?]{8,200})\.?$", re.I)
_COUNCIL_LABEL = re.compile(r"^(?:inriktnings|kommun|fullmäktige)", re.I)


@rule("goal_pointed_at", kinds=("para",))
def goal_pointed_at(walk: Walk, bi: int, b: Block) -> bool:
    """A sentence that points at the goal a judgement just above was about ("Det gäller målet att …"): the goal,
    with the judgement's status; a sentence that names the goal it relates to after a colon ("… kopplat till
    inriktningsmålet: …"). Claims nothing."""
    if b.kind == "para" and ("ålet:" in b.text or "ålet :" in b.text):
        for sentence in sentences(b.text):
            m = _GOAL_AFTER_COLON.search(sentence.strip())
            if m and len(sentence[: m.start()].split()) >= 6:  # in a sentence, not a field's label ("Mått kopplat
                # till målet: <the measure>")
                level = "council" if _COUNCIL_LABEL.match(m.group("label")) else title_level(walk)
                walk.add_goal(m.group("goal"), level, walk.parent_for(level), None, bi)
    if b.kind != "para" or "ålet att" not in b.text and "ålet om att" not in b.text:
        return False
    said = sentences(b.text)
    for k, sentence in enumerate(said):
        m = _POINTED_GOAL.match(sentence.strip())
        if not m:
            continue
        level = title_level(walk)
        gid = walk.add_goal(m.group("goal"), level, walk.parent_for(level), None, bi)
        judged = status_match(said[k - 1]) if k else None
        if judged and judged.strength == "explicit" and judged.status in _ASSESSED and "mål" in said[k - 1]:
            walk.assess(gid, judged.evidence)
    return False


# a flattened "Mål | Bedömning" table: "MÅL FASTSTÄLLDA AV KOMMUNFULLMÄKTIGE MÅLBEDÖMNING", "Nämndmål Status"
_GOAL_ROWS_HEADER = re.compile(r"^(?=.*\b[\wåäö]*mål(?:en)?\b)(?=.*\b(?:mål)?(?:bedömning|uppfyllelse|status)\s*$)"
                               r"(?!.*\b(?:utfall|målvärde|indikator\w*|nyckeltal)\b)"
                               # "Mål och måluppfyllelse" joins two words into a title, no two column heads
                               r"(?!.*\boch\s+(?:mål)?(?:bedömning|uppfyllelse|status)\s*$)[^.!?,;:]{4,90}$", re.I)
_ROW_ASSESSMENT = re.compile(r"(?:^|\s)(?P<status>(?:(?:helt|delvis|i\s+hög\s+grad|i\s+låg\s+grad|i\s+viss\s+grad|"
                             r"till\s+viss\s+del|inte|ej|ännu\s+inte)\s+)?(?:uppfyllt|uppfylld|uppnått|uppnådd|"
                             r"genomfört|genomförd)|ej\s+bedömt|ej\s+bedömd)\s*\.?$", re.I)


# a goal's own statement in the first cell of its assessment table's header: "I X ska … Bedömning utifrån
# nämndernas indikatorer Bedömning utifrån relevanta nyckeltal Sammanvägd bedömning"
_GOAL_OVER_ASSESSMENTS = re.compile(r"^(?P<goal>[^.!?:;]{10,250}?)\s+(?P<columns>Bedömning\b[^.!?:;]{0,120}\b"
                                    r"[Bb]edömning)\s*$")


_INNER_ASSESSMENT = re.compile(r"\s(?P<status>(?:[Hh]elt\s+|[Dd]elvis\s+|[Ii]nte\s+|[Ee]j\s+)?[Uu]pp(?:nått|fyllt|nådd|fylld))"
                               r"\s+(?=[A-ZÅÄÖ][a-zåäö])")
_NOT_ITS_GOAL = re.compile(r"\s+(?:avser\s+ej\s+nämnd(?:en)?|ej\s+aktuellt?|ej\s+tillämpligt)\s*$", re.I)


@rule("goal_assessment_rows")
def goal_assessment_rows(walk: Walk, bi: int, b: Block) -> bool:
    """Rows of a flattened goal table with its assessment glued on ("Invånarna känner sig trygga Delvis
    uppfyllt"), or on the next line when the goal wraps."""
    text = b.text.strip()
    if b.kind == "para" and len(text) <= 90 and "mål" in text.lower() and _GOAL_ROWS_HEADER.match(text) \
            and not is_statement(text):
        walk.set_title(bi, text)
        walk.title_mode = "goal_rows"
        walk.row_level = "council" if COUNCIL_WORDS.search(text) or re.search(r"fullmäktige|övergripande", text, re.I) \
            else "committee"
        # "Kommungemensamma mål Nämndens mål Måluppfyllelse": the council's goal, then the committee's, each a row
        walk.row_pairs, walk.row_rest = len(re.findall(r"mål\b", text.lower())) >= 2, None
        return True
    over = _GOAL_OVER_ASSESSMENTS.match(text) if b.kind == "para" and "edömning" in text[-12:] else None
    if over and is_statement(over.group("goal")) and len(re.findall(r"\b[Bb]edömning\b", over.group("columns"))) >= 2:
        # the goal heads its own table, each row one of its parts (their assessment drawn as symbols, lost)
        level = title_level(walk)
        gid = walk.add_goal(over.group("goal"), level, walk.parent_for(level), None, bi)
        if gid and walk.level_of(gid) == "council":
            walk.council = gid
        walk.set_title(bi, text)
        walk.title_mode, walk.row_level, walk.target = "goal_rows", "sub", gid
        walk.row_pairs, walk.row_rest = False, None
        return True
    if walk.title_mode != "goal_rows" or b.kind not in ("para", "bullet"):
        return False
    m = _ROW_ASSESSMENT.search(text)
    if m and m.start() == 0:  # the assessment of the goal on the line above
        if walk.target and walk.target.startswith("g"):
            walk.assess(walk.target, m.group("status"))
        return True
    nxt = walk.blocks[bi + 1] if bi + 1 < len(walk.blocks) else None
    if len(text) > 250 or text.endswith(":") or not m and not walk.row_rest and (
            text.endswith(".") or nxt is not None and nxt.kind == "para" and len(nxt.text) > 120):
        walk.title_mode = None  # (a sentence, or a heading over prose — "Sammanfattning" ⏎ <text>: the table ended)
        return False
    if walk.row_rest and text[:1].islower():  # "… Stärkt förmåga genom förebyggande" ⏎ "arbete Delvis uppnått"
        text = f"{walk.row_rest} {text}"
        m = _ROW_ASSESSMENT.search(text)
    walk.row_rest = None
    inner = _INNER_ASSESSMENT.search(text) if m else None
    if inner:  # two rows on one line: "<goal> Delvis uppnått <the next goal's start>" (and its end, when there)
        _goal_row(walk, text[: inner.start()].strip(), inner.group("status"), b.number, bi)
        if m.start() > inner.end():
            _goal_row(walk, text[inner.end(): m.start()].strip(), m.group("status"), None, bi)
        else:
            walk.row_rest = text[inner.end():].strip()
        return True
    _goal_row(walk, text[: m.start()].strip() if m else text, m.group("status") if m else None, b.number, bi)
    return True


def _goal_row(walk: Walk, goal: str, status: Optional[str], number: Optional[str], bi: int) -> None:
    """One row of a flattened goal table: the goal and its assessment cell. "Avser ej nämnd" says the goal is not
    the committee's to follow: the goal, and no account of it."""
    na = _NOT_ITS_GOAL.search(goal)
    if na:
        goal, status = goal[: na.start()].strip(), None
    previous = walk.ctx.get("goals")[-1] if walk.ctx.get("goals") else None
    if walk.row_pairs and previous is not None and previous.text == goal and walk.level_of(previous.id) == "council":
        # the committee's goal worded as the council's in the column beside it: a goal of its own under that one
        gid = walk.add_goal(goal, "committee", previous.id, number, bi, dedupe=False)
    else:
        parent = walk.target if walk.row_level == "sub" else None if walk.row_level == "council" else walk.council
        gid = walk.add_goal(goal, walk.row_level, parent, number, bi)
        if walk.row_level != "sub":
            walk.target = gid
    if na:
        walk.accounted_here(gid)
    else:
        walk.assess(gid, status)


# a flattened "Uppdrag | Status | Kommentar" table: each row runs its item, its status cell and a comment together
# ("Ta fram en plan för … Pågår Förslaget går till nämnden i maj."), a responsible column ("Ansvarig") its bodies
_STATUS_ROWS_HEADER = re.compile(r"^(?P<item>[\wåäö]*(?:uppdrag|mål)(?:et|en)?)\b(?:\s+[\wåäö]+){0,2}?\s+"
                                 r"(?:status|bedömning|måluppfyllelse|prognos)(?:\s+(?:helår|\d{4}))?(?P<after>(?:\s+(?:kommentar\w*|analys|åtgärd\w*|"
                                 r"ansvar\w*|beskrivning|redovisning|datum|klart|slutår|startår|klart\s+år))+)\s*$", re.I)
_CELL_STRENGTHS = ("cell", "explicit", "colour", "symbol")
_BODIES_CELL = re.compile(rf"^\s*(?P<who>{BODIES})(?=\s|$)")
_PAGE_FURNITURE = re.compile(r"\S {3,}\S")  # a running header or footer laid out by position ("<kommun>    2 (2)")
_CELL_AFTER_COMMENT = re.compile(r"[.!?]\s+((?:[a-zåäö]|\d)[^.!?]{0,60})$")
_ROW_GOES_ON = re.compile(r"^(?:[a-zåäö]|\d)[^.!?]{0,60}$")  # the item's cell wrapped: "år", "7–9", "norra delarna"


def _status_cell(text: str) -> Optional[tuple[int, int]]:
    """Where the status cell sits in a row run together: the first capitalised run of at most four words after a
    small letter or a full stop that is, as a whole, a status ("Pågår", "Ej påbörjat", "Delvis genomfört")."""
    words = list(re.finditer(r"\S+", text))
    for k in range(1, len(words)):
        prev = words[k - 1].group()
        if not words[k].group()[:1].isupper() or not (prev[-1:].islower() or prev[-1:] in ".)"):
            continue
        j = k + 1
        while j < len(words) and j - k < 4 and not words[j].group()[:1].isupper():
            j += 1
        cell = text[words[k].start():words[j - 1].end()].rstrip(".")
        m = status_match(cell)
        if m.status != "unknown" and m.strength in _CELL_STRENGTHS and len(m.evidence) >= len(cell) - 2:
            return words[k].start(), words[j - 1].end()
    return None


@rule("status_column_rows")
def status_column_rows(walk: Walk, bi: int, b: Block) -> bool:
    """Under a header "Uppdrag Status Kommentar" (or "Mål Bedömning Analys"), each row is an item with its status
    cell, the bodies responsible where a column says so, and its comment; a short line in lower case below a row
    is its item's cell wrapped, a running footer is skipped, any other line ends the table."""
    text = b.text.strip()
    if b.kind in ("para", "heading") and len(text) <= 120:
        m = _STATUS_ROWS_HEADER.match(text)
        if m:
            walk.set_title(bi, text)
            walk.title_mode = "status_rows"
            walk.row_level = "assignment" if "uppdrag" in m.group("item").lower() else \
                title_level(walk)  # (the header is the title in force now)
            walk.row_responsible = bool(re.search(r"ansvar", m.group("after"), re.I))
            walk.cell_row = None
            return True
    if walk.title_mode != "status_rows":
        return False
    if b.kind in ("heading", "para") and page_furniture(b):
        return True  # a page's running footer between rows (a PDF may set it in a heading's font)
    if b.kind == "para" and len(b.lines) == 1 and (walk.cell_row and _cell_kind(text) != "item" or _cells_a_line(walk, bi)):
        return _cell_line(walk, bi, b)
    if b.kind not in ("para", "bullet", "item"):
        walk.title_mode = None
        return False
    if b.kind == "para" and _wrapped_cell(walk, bi):
        return True  # read with the row above (a PDF sets a cell's wrapped line apart)
    rows: list[list[str]] = []  # item, status, rest
    for i in b.lines:  # (a row's cells wrapped over lines are joined into one block: read it line by line)
        line = walk.ctx.layout.lines[i].text.strip()
        cell = _status_cell(line)
        if cell:
            rows.append([line[: cell[0]].strip(), line[cell[0]:cell[1]].rstrip("."), line[cell[1]:]])
            tail = _CELL_AFTER_COMMENT.search(rows[-1][2])
            if tail:  # "… Redovisat i maj. norra kommundelarna": the item's wrapped cell, set on the comment's line
                rows[-1][0], rows[-1][2] = f"{rows[-1][0]} {tail.group(1)}", rows[-1][2][: tail.start(1)].rstrip()
        elif rows and _ROW_GOES_ON.match(line):
            rows[-1][0] = f"{rows[-1][0]} {line}"  # the item's cell wrapped: "år", "7–9", "norra delarna"
        elif rows:
            rows[-1][2] = f"{rows[-1][2]} {line}"  # the comment wrapped
        elif not (line[:1].islower() or _PAGE_FURNITURE.search(line) and len(line) < 80):
            walk.title_mode = None
            return False
    k = bi + 1
    while rows and k < len(walk.blocks) and _wrapped_cell(walk, k):
        for i in walk.blocks[k].lines:  # (the item's cell and the comment's, wrapped below the row)
            line = walk.ctx.layout.lines[i].text.strip()
            cell = 0 if _ROW_GOES_ON.match(line) else 2
            rows[-1][cell] = f"{rows[-1][cell]} {line}"
        k += 1
    for item, status, rest in rows:
        _status_row(walk, bi, b, item, status, rest)
    return True  # (a line in lower case or a page's footer between rows is read with them)


def _cell_kind(text: str) -> str:
    """What one cell on a line of its own holds: a status, a figure (a year, a row's number), the bodies
    responsible, or else an item."""
    if re.fullmatch(r"[\d\s./–-]{1,12}", text):
        return "figure"
    m = status_match(text)
    if m.status != "unknown" and m.strength in _CELL_STRENGTHS and (
            len(m.evidence) >= len(text.rstrip(".")) - 2
            or len(text.split()) <= 4 and text.lower().startswith(m.evidence.lower())):  # "Pågående enligt plan"
        return "status"
    if names_bodies(text):
        return "bodies"
    return "item"


def _cells_a_line(walk: Walk, bi: int) -> bool:
    """A status table a web page flattened one cell a line ("Uppdrag Status Slutår Ansvar" ⏎ "Pågår" ⏎ "<task>" ⏎
    "Pågår" ⏎ "2028" ⏎ "<nämnden>"): among the lines from here, short single lines, statuses and items alternate."""
    kinds = []
    for k in range(bi, min(len(walk.blocks), bi + 6)):
        nb = walk.blocks[k]
        if nb.kind != "para" or len(nb.lines) != 1 or len(nb.text) > 200:
            break
        kinds.append(_cell_kind(nb.text.strip()))
    return "status" in kinds and ("item" in kinds or kinds[:1] == ["status"]) and len(kinds) >= 3


def _cell_line(walk: Walk, bi: int, b: Block) -> bool:
    """One cell of such a table: an item opens its row (it has a status within the next three lines, or the table
    has ended), the status and bodies after it are its own."""
    text = b.text.strip()
    kind = _cell_kind(text)
    if kind == "item":
        ahead = [walk.blocks[k] for k in range(bi + 1, min(len(walk.blocks), bi + 4))]
        if not any(nb.kind == "para" and _cell_kind(nb.text.strip()) == "status" for nb in ahead) \
                or text.endswith(":") or ":" in text[:40]:
            walk.title_mode = None
            return False
        if walk.row_level == "assignment":
            walk.target = walk.add_assignment(text, None, bi)
        else:
            walk.target = walk.add_goal(text.rstrip("."), walk.row_level, walk.parent_for(walk.row_level), None, bi)
        walk.accounted_here(walk.target)
        walk.cell_row = walk.target
    elif kind == "status" and walk.cell_row:
        walk.assess(walk.cell_row, text)
    elif kind == "bodies" and walk.cell_row and walk.row_responsible and walk.row_level == "assignment":
        walk.set_responsible(walk.cell_row, text)
    return True


def _wrapped_cell(walk: Walk, k: int) -> bool:
    """A paragraph of a few short lines that go on with a row's cells: the item's ("år", "7–9", "norra delarna"),
    and maybe the comment's ("Första delen är klar." ⏎ "storlek i förskolan"), a PDF having set them apart."""
    b = walk.blocks[k]
    lines = [walk.ctx.layout.lines[i].text.strip() for i in b.lines]
    return b.kind == "para" and len(lines) <= 3 and all(len(x) <= 70 and not _status_cell(x) for x in lines) \
        and any(_ROW_GOES_ON.match(x) for x in lines)


def _status_row(walk: Walk, bi: int, b: Block, item: str, status: str, rest: str) -> None:
    who = _BODIES_CELL.match(rest) if walk.row_responsible else None
    comment = (rest[who.end():] if who else rest).strip() or None
    if walk.row_level == "assignment":
        walk.target = walk.add_assignment(item, b.number, bi)
        if who:
            walk.set_responsible(walk.target, who.group("who"))
    else:
        walk.target = walk.add_goal(item.rstrip("."), walk.row_level, walk.parent_for(walk.row_level), b.number, bi)
    walk.assess(walk.target, status, comment)
    walk.accounted_here(walk.target)  # its row is all the table says of it


# an item with its status glued on, as a goal-management system's list prints it: "Revidera
# lokalförsörjningsplanen PÅGÅENDE", "Översyn av taxorna (från budget 2023) AVSLUTAT", "Fler ska cykla Uppfyllt"
_STATUS_SUFFIX = re.compile(r"\s+(?P<status>(?:(?:ej|inte|delvis|ännu\s+ej|ännu\s+inte)\s+)?(?:avslutat|avslutad|pågående|"
                            r"pågår|genomfört|genomförd|klart|klar|påbörjat|påbörjad|startat|uppfyllt|uppfylld|uppnått|"
                            r"vilande|inaktuellt|slutfört|verkställt))\s*\.?$", re.I)
# "Uppdraget bedöms bli genomfört", "Målet anses vara uppfyllt": a sentence about an item's status
_STATUS_SENTENCE = re.compile(r"^(?:uppdraget|målet|arbetet|projektet|åtgärden|aktiviteten)\b|"
                              # ("… och bedömer det som delvis uppfyllt.": the status is the sentence's own word)
                              r"\b(?:bli|blir|blev|blivit|vara|varit|bedöms|anses|beräknas|är|som)$", re.I)


@rule("status_suffix", kinds=("para", "bullet", "item"))
def status_suffix(walk: Walk, bi: int, b: Block) -> bool:
    """An assignment or goal line that ends in its status: the status in capitals marks such a list anywhere; a
    status in ordinary letters counts under a title about assignments or goals."""
    text = b.text.strip()
    if b.kind not in ("para", "bullet", "item") or len(text) > 300:
        return False
    tail = len(text) - 40 if len(text) > 40 else 0
    m = _STATUS_SUFFIX.search(text, tail)  # the status stands in the line's last words
    if not m:
        return False
    status = m.group("status")
    item = text[: m.start()].rstrip(" -–:|").strip()  # a reference "(från budget 2023)" is dropped when it is added
    assignments = under_assignment_title(walk)
    goals = walk.title_mode == "goals" or walk.region() == "goal"
    capitals = status.isupper() and len(status) > 3
    if len(item) < 8 or len(item.split()) < 2 and not capitals or not item[:1].isupper() or _FIELD.match(item + " ") \
            or ": " in item or _STATUS_SENTENCE.search(item):
        return False  # "Kommentar: arbetet pågår" is a field of the item above
    if not capitals and (not (assignments or goals) or FINITE.search(item)):
        return False  # "Arbetet pågår", "Målet är uppfyllt": a status line, not an item
    if assignments or not goals and (assignment_like(item) or not is_statement(item)):
        gid = walk.add_assignment(item, b.number, bi)
    else:
        level = title_level(walk)
        gid = walk.add_goal(item, level, walk.parent_for(level), b.number, bi)
    walk.assess(gid, status)
    walk.target = gid
    return True


# a report's list of activities or tasks, each told with its status in its own words, as a news item or a summary
# prints a goal card's follow-up: "Bland annat rapporterades följande aktiviteter:" ⏎ "• Framtagande av en
# bostadsförsörjningsplan pågår och …" ⏎ "• Förslag till policy är framtaget" ⏎ "• Arbetet med X har påbörjats"
_ACTIVITIES_INTRO = re.compile(r"\b(?:aktiviteter(?:na)?|uppdrag(?:en)?|åtgärder(?:na)?|insatser(?:na)?)\b[^.:]{0,60}:\s*$",
                               re.I)
_TOLD_STATUS = re.compile(r"\s+(?:(?:är|har)\s+(?:nu\s+|ännu\s+)?(?:ej\s+|inte\s+)?(?:påbörja(?:t|ts|d)|genomför(?:ts|t|d)|"
                          r"framtag(?:en|et|na)|tagits\s+fram|klar|klart|avslutat|avslutats|slutfört|slutförts|"
                          r"starta(?:t|ts)|under\s+(?:framtagning|arbete|utredning))|pågår|genomförs|påbörjas)\b", re.I)


def _told_status(text: str) -> Optional[re.Match]:
    """The predicate that tells a task's status, after a subject of two words or more that names the task (a
    plan's "Utreda hur skolskjutsen genomförs" opens on its verb: a task to do, no status told)."""
    m = _TOLD_STATUS.search(text)
    if not m or len(text[:m.start()].split()) < 2 or not text[:1].isupper() or verb_first(text):
        return None
    return m


@rule("activities_told_with_status", kinds=("bullet",))
def activities_told_with_status(walk: Walk, bi: int, b: Block) -> bool:
    """The bullets under an introduction of activities or tasks, two or more of them saying their status in a
    predicate: each bullet's subject is the task, its predicate the status."""
    m = _told_status(b.text.strip()) if b.kind == "bullet" else None
    if not m:
        return False
    blocks = walk.blocks
    k, end = same_kind_run(blocks, bi)
    if k == 0 or blocks[k - 1].kind != "para" or not _ACTIVITIES_INTRO.search(blocks[k - 1].text[-120:]):
        return False
    told = (j for j in range(k, end) if _told_status(blocks[j].text.strip()))
    if next(told, None) is None or next(told, None) is None:
        return False  # (two that tell their status are enough to stop at)
    text = b.text.strip()
    aid = walk.add_assignment(text[:m.start()].strip(" ,"), None, bi)
    walk.assess(aid, first_sentence(text[m.start():].strip()))
    walk.target = aid
    return True
