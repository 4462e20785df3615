"""Structure rules that find political assignments, one signal each: "… uppdras att …" sentences, protocol
decisions "att uppdra åt … att …", the items and imperative lines under a title about assignments, and an
imperative line that names its responsible committee in parentheses ("Utred … (KS)")."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from plantrace.extract.blocks import Block, same_kind_run
from plantrace.extract.clauses import BODY, CLAUSE_CUE, assignment_clauses
from plantrace.extract.goal_rules import assignment_like
from plantrace.extract.roles import is_statement
from plantrace.extract.tables import FINITE
from plantrace.extract.vocabulary import (
    ASSIGNMENT_CUE,
    ASSIGNMENT_REGION,
    ATT_UPPDRA,
    DECISION_VERB,
    UPPDRAS,
    aim_first,
    has_marker,
    imperative,
    names_bodies,
    verb_first,
)
from plantrace.extract.context import fold
from plantrace.extract.walk import Walk, first_sentence, opening_sentence, rule, sentences
from plantrace.nlp_models.status import REPORT_BACK_APPROVED, status_match

_TEXT_KINDS = ("para", "bullet", "item")


def _status_line(text: str) -> bool:
    """A follow-up's status ("Uppdraget är genomfört.", "Status: Pågår"), which is not an assignment itself."""
    return len(text) < 200 and status_match(text).strength not in ("weak", "none")


def _task_then_status(text: str) -> Optional[tuple[str, str]]:
    """(task, account) of a paragraph that names a task in a short sentence of its own and says its status in the
    next ("Utred behovet av … . Uppdraget är påbörjat men inte slutfört. …"), as a report's list of assignments
    run into paragraphs does."""
    opening = opening_sentence(text)
    if opening is None:
        return None
    task, rest = opening
    first, second = status_match(task), status_match(rest[0])
    if first.strength not in ("weak", "none") or second.strength != "explicit" or second.status == "unknown" \
            or not _ACCOUNT_SUBJECT.match(rest[0]):
        return None
    if not verb_first(task) and (FINITE.search(task) or CLAUSE_CUE.search(task) or _GIVEN_BEFORE.search(task)):
        return None  # "Kommunstyrelsen gav förvaltningen i uppdrag att … . Uppdraget är genomfört.": a story, no list
    return task, " ".join(rest)


# whose status a follow-up sentence tells: the assignment's or the work's ("Uppdraget är genomfört", "Arbetet pågår")
_ACCOUNT_SUBJECT = re.compile(r"^(?:uppdraget|arbetet|utredningen|planen|åtgärden|insatsen|projektet|status|statusen)\b",
                              re.I)


def _bullet_assignment(text: str) -> str:
    """A bullet is one assignment with its reasons: its sentences up to the one that gives it ("Det är viktigt att
    … . Nämnden får i uppdrag att …"), and a short fragment that qualifies it ("Gärna i samverkan med …"); a
    sentence that says something of its own ("Kostnaderna har ökat …", a status) is a comment."""
    sents = sentences(text)
    kept = []
    for k, sentence in enumerate(sents):
        kept.append(sentence)
        if assignment_like(sentence) or is_statement(sentence):
            for rest in sents[k + 1:]:
                if len(rest) > 60 or FINITE.search(rest) or _status_line(rest):
                    break
                kept.append(rest)
            return " ".join(kept)
    return first_sentence(text)


def under_assignment_title(walk: Walk) -> bool:
    if walk.title_mode == "assignments" or walk.region() == "assignment":
        return True
    head = walk.current_head
    return head is not None and walk.title_block == walk.heads[head].block \
        and bool(ASSIGNMENT_REGION.search(walk.heads[head].title))


# "… har kommunfullmäktige gett följande uppdrag till nämnden: 1.2 Uppdrag till BUN Utreda … . Ta fram … ." — a
# transcript has run the list into the paragraph that introduces it
_ANNOUNCES_ASSIGNMENTS = re.compile(r"\bföljande\s+(?:\w+\s+)?uppdrag\b[^:.]{0,80}:\s*", re.I)
_SECTION_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\s+\S")
_PAGE_END = re.compile(r"\s+\d{1,3}\s*$")


def _split_at_verbs(sentence: str) -> list[str]:
    """A full stop left out between two items ("… fritidsaktiviteter Utreda start …"): a capitalised verb after
    a word in lower case starts the next item."""
    words = sentence.split(" ")
    out, cur = [], []
    for k, w in enumerate(words):
        if cur and w[:1].isupper() and cur[-1][-1:].islower() and verb_first(" ".join(words[k:k + 2])):
            out.append(" ".join(cur))
            cur = []
        cur.append(w)
    return out + [" ".join(cur)] if cur else out


@rule("inline_assignment_list", kinds=("para", "item", "heading"))
def inline_assignment_list(walk: Walk, bi: int, b: Block) -> bool:
    """The items of an announced list of assignments run into one paragraph: each sentence that opens with a
    verb (and one that names a short measure) is an assignment, until a sentence that is neither."""
    if "följande" not in b.text or b.kind not in ("para", "item", "heading") or "uppdrag" not in b.text:
        return False
    m = _ANNOUNCES_ASSIGNMENTS.search(b.text)
    if not m or m.end() >= len(b.text) - 10:
        return False
    rest = _PAGE_END.sub("", b.text[m.end():])
    if _SECTION_NUMBER.match(rest):  # the list's own numbered heading ("1.2 Uppdrag till BUN"), up to the first verb
        words = rest.split(" ")
        k = next((k for k in range(1, min(len(words), 9)) if verb_first(" ".join(words[k:k + 2]))), None)
        if k is not None:
            rest = " ".join(words[k:])
    pieces = [p for sent in sentences(rest) for p in _split_at_verbs(sent)]
    items = []
    for piece in pieces:
        piece = piece.strip()
        if verb_first(piece) or len(piece.split()) <= 4 and piece.endswith("."):
            items.append(piece)
        else:
            break
    if len([p for p in items if verb_first(p)]) < 2:
        return False
    for item in items:
        walk.add_assignment(item.rstrip(" ."), None, bi)
    return b.kind != "heading"  # a chapter's number glued on ("1 Beslut … följande uppdrag: …"): still a chapter


# "Direktiven som prioriteras inför 2017 är bland annat att A, att B … samt C.": a council's budget directives (or
# "Uppdragen till nämnderna är att …") listed as att-clauses in one sentence, each an assignment. The singular
# "Nämndens uppdrag är att …" states a mission, not tasks given
_DIRECTIVES_ARE = re.compile(r"\b(?:[\wåäö]*[Dd]irektiv(?:en)?|[Uu]ppdragen)\b[^.:;]{0,80}?\s(?:är|blir|var)\s+"
                             r"(?:bland\s+annat\s+|bl\.\s?a\.\s+|främst\s+|framför\s+allt\s+|bland\s+andra\s+)?"
                             r"att\s+(?P<list>\S.*)$")
_NEXT_DIRECTIVE = re.compile(r",\s*(?:och\s+|samt\s+)?att\s+|\s+(?:och|samt)\s+att\s+|,?\s+samt\s+")


# "I budgeten ges ett antal uppdrag …. Det handlar bland annat om att A, B och att C.": assignments announced,
# then named as what to do in the next sentence
_TASKS_ANNOUNCED = re.compile(r"\b(?:ett\s+antal|flera|några|två|tre|fyra|fem|sex|sju|åtta|nio|tio|\d{1,2}|nya)\s+"
                              r"(?:nya\s+|särskilda\s+|politiska\s+)?uppdrag\b", re.I)
_IT_IS_ABOUT = re.compile(r"^(?:Det|De)\s+(?:handlar|gäller)\s+(?:bland\s+annat\s+|bl\.\s?a\.\s+|främst\s+|"
                          r"framför\s+allt\s+)?om\s+att\s+(?P<list>\S.*)$")


def _tasks_named(said: list[str], k: int) -> Optional[str]:
    """The list of tasks sentence `k` names, when the sentence before it announced assignments."""
    if k == 0 or not said[k].startswith("De") or not _TASKS_ANNOUNCED.search(said[k - 1]):
        return None
    m = _IT_IS_ABOUT.match(said[k].rstrip(" ."))
    return m.group("list") if m else None


@rule("directives_listed", kinds=_TEXT_KINDS)
def directives_listed(walk: Walk, bi: int, b: Block) -> bool:
    """Budget directives (or the assignments) said in one sentence as att-clauses: each clause an assignment.
    Claims nothing: the paragraph may say more."""
    if b.kind not in _TEXT_KINDS or ("irektiv" not in b.text and "ppdrag" not in b.text):
        return False
    said = sentences(b.text)
    for k, sentence in enumerate(said):
        m = _DIRECTIVES_ARE.search(sentence.rstrip(" ."))
        listed = m.group("list") if m else _tasks_named(said, k)
        if not listed:
            continue
        pieces = [p.strip(" ,;") for p in _NEXT_DIRECTIVE.split(listed)]
        if not m:  # "… om att stärka X, öka Y och att skapa Z": a comma also parts tasks that each open on their verb
            split = [q.strip() for p in pieces for q in p.split(", ")]
            pieces = split if all(aim_first(q) for q in split) else pieces
        if len(pieces) < 2 or any(len(p.split()) < 2 or len(p) > 250 for p in pieces):
            continue  # one clause is a definition ("Direktiven är att betrakta som …"), no list
        for piece in pieces:
            walk.accounted_here(walk.add_assignment(piece, None, bi))
    return False


# what a decision list's other points give to do, beside a point that gives an assignment: "Socialförvaltningen
# tar fram en kostnadskalkyl …", "Att utredningen återrapporteras till nämnden i februari"
_TASK_BESIDE = re.compile(rf"^(?:[Aa]tt\s+)?(?P<task>(?:{BODY}|[A-ZÅÄÖ][\wåäö-]*(?:förvaltningen|nämnden|styrelsen|kontoret)|"
                          r"[Uu]tredningen|[Pp]lanen|[Ff]örslaget|[Rr]edovisningen|[Uu]ppdraget)\s+"
                          r"(?:tar\s+fram|utreder|redovisar|återrapporterar|återkommer|(?:åter)?rapporteras|redovisas|"
                          r"återredovisas|tas\s+fram|utreds|genomförs)\b.{5,300}?)\.?$")


@rule("tasks_beside_an_assignment", kinds=("item",))
def tasks_beside_an_assignment(walk: Walk, bi: int, b: Block) -> bool:
    """A numbered point of a decision list that says what a body does or what shall be reported, where another
    point of the same list gives an assignment ("1. Förvaltningen får i uppdrag att …" ⏎ "2. Förvaltningen tar fram
    en kalkyl" ⏎ "3. Att utredningen återrapporteras …"): the point is a task given with it."""
    m = _TASK_BESIDE.match(b.text.strip()) if b.kind == "item" else None
    if not m:
        return False
    lo, hi = same_kind_run(walk.blocks, bi)
    if not any(ASSIGNMENT_CUE.search(walk.blocks[k].text) for k in range(lo, hi) if k != bi):
        return False
    walk.add_assignment(m.group("task").strip(), b.number, bi)
    return True


@rule("uppdras_sentence", kinds=_TEXT_KINDS)
def uppdras_sentence(walk: Walk, bi: int, b: Block) -> bool:
    """"Socialnämnden uppdras att …" — a plan's assignment wherever it stands; in a report it is quoted."""
    if b.kind not in _TEXT_KINDS or not UPPDRAS.match(b.text) or walk.region() == "goal":
        return False
    if walk.ctx.is_report and not under_assignment_title(walk):
        return False
    if b.kind == "item" or under_assignment_title(walk):
        walk.target = walk.add_assignment(b.text.strip() if b.kind == "item" else first_sentence(b.text), b.number, bi)
    else:
        walk.add_assignment(first_sentence(b.text), None, bi)
    return True


# "… ska redovisa", not "… ska vara oförändrad": what someone shall do, not what shall hold
_STATE_VERB = r"(?:vara|ha|gälla|bli|kunna|få)\b"
_SHALL = re.compile(rf"\b(?:ska|skall)\b(?!\s+{_STATE_VERB})", re.I)
# "Kommunstyrelsen beslutar att:", "… föreslår fullmäktige besluta", "… beslutade följande:" (not "… och
# beslutade exploateringsobjekt", a participle before its noun)
_DECISION_INTRO = re.compile(rf"\b{DECISION_VERB}(?:(?:\s+\w+){{0,3}}?\s*(?:att\s*:?|:)|\s+(?:följande|enligt\s+nedan))?\s*$",
                             re.I)


@rule("att_uppdra", kinds=_TEXT_KINDS)
def att_uppdra(walk: Walk, bi: int, b: Block) -> bool:
    """A protocol's decision "att uppdra åt socialnämnden att …": the clause after "att" is the assignment; so is
    a clause of a decision list ("Kommunfullmäktige beslutar att:" ⏎ "• förvaltningen får i uppdrag att …")."""
    text = b.text.strip()
    low = text[-60:].lower()
    if b.kind == "para" and ("beslut" in low or "föresl" in low or "yrkar" in low or "bifall" in low or "biföll" in low) \
            and _DECISION_INTRO.search(text):
        walk.title_mode = "decisions"
        return False
    # a decided list item that gives an assignment, or says what someone shall do ("Kommunstyrelsen ska kvartalsvis
    # redovisa …", "Möjligheten att … ska utredas")
    in_decisions = walk.title_mode == "decisions" and b.kind in ("bullet", "item") \
        and (ASSIGNMENT_CUE.search(text) or len(text) >= 30 and _SHALL.search(text) and text[:4].lower() != "att ")
    if b.kind not in _TEXT_KINDS or not (in_decisions or text[:3].lower() == "att" and ATT_UPPDRA.match(text)):
        return False
    if in_decisions and CLAUSE_CUE.search(text):
        # "Återrapporteringen … tas emot. Samtliga nämnder får i uppdrag att …": the clause that gives it
        clauses = [c for sentence in sentences(text) for c in assignment_clauses(sentence)]
    else:
        clauses = [re.sub(r"^att\s+(?:ge\s+(?=\S+(?:\s+\S+){0,6}?\s+i\s+uppdrag\s+att))?", "", first_sentence(text),
                          flags=re.I)]
    for clause in clauses:  # (a list's joining word goes: "… för laddinfrastruktur, samt")
        walk.add_assignment(re.sub(r"(?:[,;]?\s+(?:samt|och))?[\s,;]*$", "", clause), b.number, bi)
    return bool(clauses)


# "Beredningens uppdragsbeskrivning är att", "Utskottet har i uppdrag att:": the list below is its mandate
# "Det här ska beredningen göra:", "Nämnden har följande uppdrag:" likewise
_MANDATE_INTRO = re.compile(r"\buppdrag\w*(?:\s+\w+){0,3}?\s+(?:är\s+att|att)\s*:?\s*$|\bi\s+uppdrag\s+att\s*:\s*$|"
                            # under a body's name in an instruction: "Ska bland annat:", "Ska verka för … genom:"
                            r"^(?:ska|skall)\s+[^.:]{0,100}:\s*$|"
                            # a body's standing duties: "Utskottet ska på kommunstyrelsens vägnar:", "Rådet ska:"
                            r"^[\wåäö-]*(?:nämnden|styrelsen|utskottet|beredningen|rådet|presidiet|gruppen)\s+"
                            r"(?:ska|skall)(?:\s+(?![^:]*\bmål)[^.:]{0,60})?:\s*$|"
                            r"\bföljande\s+(?:\w+\s+)?uppdrag\s*:\s*$|\b(?:ska|skall)\s+(?:\w+\s+){1,3}?göra\s*:\s*$|"
                            # a list's own short title: "Övergripande uppdrag:", "Politiska uppdrag 2025:"
                            r"^(?:[\wåäö-]+\s+){0,2}uppdrag(?:en)?(?:\s+\d{4}(?:\s*[-–]\s*\d{2,4})?)?\s*:\s*$|"
                            # "Följande uppdrag kopplades till investeringsbudgeten för 2022:"
                            r"^följande\s+(?:\w+\s+)?uppdrag\s+(?:[^.:]{0,80}\s)?(?:kopplades|kopplas|ges|gavs|lämnades|lämnas|"
                            r"beslutades|beslutas|fastställdes|fastställs|tillkom|tillkommer)\b[^.:]{0,80}:\s*$|"
                            # a report on given assignments: "Delrapportering ges om … status … gällande uppdragen:"
                            r"\b(?:gällande|avseende|angående|rörande|kring|om|för)\s+(?:de\s+)?(?:[\wåäö-]+\s+)?"
                            r"uppdragen\s*:\s*$", re.I)


_BODY_SHALL_INTRO = re.compile(r"^(?:[\wåäö-]+\s+)?[\wåäö-]*(?:nämnden|styrelsen|utskottet|beredningen)\s+(?:ska|skall)\b", re.I)


@rule("mandate_intro", kinds=("para", "item"))
def mandate_intro(walk: Walk, bi: int, b: Block) -> bool:
    text = b.text.strip()
    if b.kind not in ("para", "item") or not (text.endswith(":") or text[-3:].lower() == "att" and "uppdrag" in text.lower()) \
            or not _MANDATE_INTRO.search(text) or b.kind == "item" and not text.endswith(":"):
        return False
    if walk.title_mode == "goals" and _BODY_SHALL_INTRO.match(text):
        return False  # "Nämndens mål" ⏎ "Miljönämnden ska arbeta för att:" ⏎ • …: the goals the title names
    walk.title_mode = "mandate" if b.kind == "para" else "mandate_bullets"  # (an item's list ends at its sibling)
    walk.list_mode = None  # ("Prioriterade mål:" ⏎ "Övergripande uppdrag:" ⏎ • …: the empty list of goals has ended)
    return True


@rule("assignment_list_item")
def assignment_list_item(walk: Walk, bi: int, b: Block) -> bool:
    """Under a title about assignments: every numbered item, and bullets and lines that read as assignments;
    under a mandate's introduction, its list items until the next paragraph."""
    if walk.title_mode in ("mandate", "mandate_bullets"):
        kinds = ("bullet", "item") if walk.title_mode == "mandate" else ("bullet",)
        if b.kind in kinds and 15 < len(b.text) < 300:
            if walk.cut_off(bi, b.text, walk.blocks[bi - 1].text if walk.blocks[bi - 1].kind == b.kind else None):
                return True
            walk.add_assignment(re.sub(r"^[Aa]tt\s+", "", b.text.strip()).rstrip("."), b.number, bi)
            return True
        walk.title_mode = None
        return False
    # (a numbered task short enough to pass for a heading, but none the outline knows: "1. Ta fram …")
    listed = b.kind == "item" or b.kind == "heading" and b.number is not None and walk.head_at.get(bi) is None \
        and verb_first(b.text)
    if not (b.kind in _TEXT_KINDS or listed) or not under_assignment_title(walk):
        return False
    text = b.text.strip()
    if b.kind == "para" and len(text) >= 200:
        # a paragraph under the title: each clause that gives an assignment or says what a committee shall do
        found = [c for sentence in sentences(text) for c in assignment_clauses(sentence, committee_ska=True)]
        for clause in found:
            walk.target = walk.add_assignment(clause, None, bi)
        return bool(found)
    if not listed:
        told = _task_then_status(text) if b.kind in ("para", "bullet") else None
        if told:  # "Plan för färre placeringar. Uppdraget är genomfört. …": the task, then its account
            walk.target = walk.add_assignment(told[0], b.number, bi)
            walk.assess(walk.target, told[1])
            return True
        if len(text) > 400 or _status_line(text):
            return False
        if not (assignment_like(text) or (b.kind == "bullet" and len(text) < 300)):
            return False
        if CLAUSE_CUE.search(text) and not has_marker(text) and (b.kind == "para" or _EARLIER.search(text)):
            # "… men de gav också nämnder och bolag i uppdrag att …", "X har sedan tidigare uppdrag att … . Nu fick
            # de i uppdrag att …": the clause (a bullet otherwise keeps the reason it gives before it)
            found = [c.rstrip(" :") for sentence in sentences(text) if not _EARLIER.search(sentence)
                     for c in assignment_clauses(sentence)]
            for clause in found:
                walk.target = walk.add_assignment(clause, b.number, bi)
            if found:
                return True
        if not has_marker(text):
            text = _bullet_assignment(text) if b.kind == "bullet" else first_sentence(text)
    walk.target = walk.add_assignment(text, b.number, bi)
    return True


@rule("responsibility_marker", kinds=_TEXT_KINDS + ("heading",))
def responsibility_marker(walk: Walk, bi: int, b: Block) -> bool:
    """"Utred möjligheten att … (KS)": an imperative that names who is responsible is an assignment anywhere."""
    text = b.text.strip()
    if b.kind not in _TEXT_KINDS + ("heading",) or len(text) > 400 or not has_marker(text):
        return False
    if not (imperative(text) or ASSIGNMENT_CUE.search(text)):
        return False
    walk.target = walk.add_assignment(text, b.number, bi)
    return True


_RESPONSIBLE_LABEL = r"(?:ansvar(?:ig|iga)?(?:\s+(?:nämnd|organisation|förvaltning|enhet))?|ansvarig\s+för\s+genomförande)"
_RESPONSIBLE_LINE = re.compile(rf"^{_RESPONSIBLE_LABEL}\s*:\s*(?P<who>[A-ZÅÄÖ][^:]{{1,80}}?)"
                               r"(?:\s{2,}|\s+(?=[A-ZÅÄÖ][a-zåäö]+\s*:)|$)", re.I)
_RESPONSIBLE_ALONE = re.compile(rf"^{_RESPONSIBLE_LABEL}\s*:$", re.I)


@rule("responsible_line", kinds=("para",))
def responsible_line(walk: Walk, bi: int, b: Block) -> bool:
    """"Ansvar: SON, VON" under an assignment names who carries it out; so does the label alone over a bullet
    per body ("Ansvarig organisation:" ⏎ • "Tekniska nämnden" ⏎ • …), which are bodies, never tasks."""
    text = b.text.strip()
    if b.kind == "para" and _RESPONSIBLE_ALONE.match(text):
        k = bi + 1
        while k < len(walk.blocks) and walk.blocks[k].kind == "bullet" and len(walk.blocks[k].text.split()) <= 6:
            walk.announced.add(k)
            walk.listed.add(k)  # (claimed by `announced_goal_line`, the title in force kept)
            k += 1
        if walk.target and walk.target.startswith("a") and k > bi + 1:
            walk.set_responsible(walk.target, ", ".join(walk.blocks[j].text.strip() for j in range(bi + 1, k)))
        return True
    m = _RESPONSIBLE_LINE.match(text) if b.kind == "para" else None
    if not m or not walk.target or not walk.target.startswith("a"):
        return False
    walk.set_responsible(walk.target, m.group("who"))
    return True


# the fields of a record page of an action (a goal system's page of one measure to take): "Ansvarig organisation:",
# "Åtgärdsstatus:", or its code under its kind ("Uppdrag PHU.1.1.2", "Åtgärd KL.3")
_RECORD_FIELD = re.compile(r"^(?:ansvarig\s+organisation\s*:|åtgärdsstatus\s*:|(?:uppdrag|åtgärd)\s+[A-ZÅÄÖ]{1,6}\.\d)",
                           re.I | re.M)


def _record_page(walk: Walk) -> bool:
    if walk.record_fields is None:
        walk.record_fields = any(_RECORD_FIELD.match(b.text.strip()) for b in walk.blocks)
    return walk.record_fields


@rule("record_statement", kinds=("para",))
def record_statement(walk: Walk, bi: int, b: Block) -> bool:
    """A record page of an action: its name as the title ("Solceller – kommunkoncernen"), the action itself in
    the first paragraph below it ("Kommunen ska senast 2020 installera …", "Utbyggnad av X, fokus på …"), its
    fields after. The paragraph is the assignment the page follows up."""
    if b.kind != "para" or bi == 0 or walk.title_block != bi - 1 or walk.ctx.get("assignments") \
            or not _record_page(walk):
        return False
    first = sentences(b.text.strip())[0]
    title_words = fold(walk.title or "").split()[:2]
    if len(first) > 400 or first.rstrip().endswith(":") or _RECORD_FIELD.match(first) \
            or not (_SHALL.search(first) or title_words and fold(first).split()[:2] == title_words):
        return False
    walk.target = walk.add_assignment(first.rstrip(" ."), None, bi)
    status = next((m.group(1).strip() for k in range(bi + 1, len(walk.blocks))
                   if (m := _RECORD_STATUS.match(walk.blocks[k].text.strip()))), None)
    if status:  # "Åtgärdsstatus:Genomförs kontinuerligt Genomförs kontinuerligt" (a web page's label and tooltip)
        half = status[: len(status) // 2].strip()
        walk.assess(walk.target, half if status == f"{half} {half}" else status)
    return True


_RECORD_STATUS = re.compile(r"^(?:åtgärdsstatus|uppdragsstatus|status)\s*:\s*(\S[^:]{0,80})$", re.I)


# "Uppdrag till kommunstyrelsen." on its own line: who is given the statement above it to carry out
_ASSIGNED_TO = re.compile(r"^uppdrag\s+(?:till|åt)\s+(?P<who>(?:[\wåäö-]+\s*){1,6}?)\s*\.?$", re.I)


@rule("assigned_below", kinds=("para",))
def assigned_below(walk: Walk, bi: int, b: Block) -> bool:
    """A list item with the body it is given to on the line below ("• Detaljplanerna ska vara klara 2018." ⏎
    "Uppdrag till byggnadsnämnden."): the item is an assignment to that body, and whatever else it is (a goal of
    the list it stands in) it stays; the line is no title, the list goes on. A title over assignments stands over
    something it lists: a line that ends its sentence, or has no task under it, marks the item above."""
    m = _ASSIGNED_TO.match(b.text.strip()) if b.kind == "para" and bi else None
    prev = walk.blocks[bi - 1] if m else None
    if prev is None or prev.kind not in ("bullet", "item") or not names_bodies(m.group("who")):
        return False
    nxt = walk.blocks[bi + 1] if bi + 1 < len(walk.blocks) else None
    alternating = any(0 <= k < len(walk.blocks) and _ASSIGNED_TO.match(walk.blocks[k].text.strip())
                      for k in (bi - 2, bi + 2))  # item, its body, item, its body …
    if not b.text.rstrip().endswith(".") and not alternating and nxt is not None and (
            nxt.kind in ("bullet", "item") or verb_first(nxt.text) or assignment_like(nxt.text)):
        return False
    aid = walk.add_assignment(prev.text.strip(), prev.number, bi - 1)
    walk.set_responsible(aid, m.group("who"))
    return True


_COUNCIL_GIVES = re.compile(r"\b(?:KF|KS|RF|RS|(?:kommun|region)?fullmäktige|kommunstyrelsen|regionstyrelsen)\b", re.I)
_GIVEN_BEFORE = re.compile(r"\b(?:fick|fått|gavs|gav|gett|givit)\b", re.I)
_EARLIER = re.compile(r"\b(?:sedan\s+tidigare|tidigare|redan)\b", re.I)


# an agenda's or a decision list's item that names an assignment: "7. Förslag om uppdrag till X att utreda …",
# "Förslag till uppdrag om att ta fram …", "Utredningsuppdrag 19/04 – Utreda …" (the text after the code)
_AGENDA_ASSIGNMENT = re.compile(r"^(?:förslag\s+(?:om|till)\s+)?(?P<what>uppdrag\s+(?:till\s+\S[^,;]{1,80}?\s+)?"
                                r"(?:om\s+(?:att\s+)?|att\s+)\S.{8,})$|"
                                r"^[\wåäö]*uppdrag\s+\d[\d/.:-]*\s*[-–]\s*(?P<coded>[A-ZÅÄÖ].{8,})$", re.I)


_FINAL_REPORT_APPROVED = re.compile(r"\b(?:godkänn\w*|godkänd\w*|lägg\w*\s+till\s+handlingarna)\b[^.]{0,60}?\bslut(?:redovisning|"
                                    r"rapport)\w*|\bslut(?:redovisning|rapport)\w*[^.]{0,60}?\bgodkän\w*", re.I)


def _first_number(number: str) -> int:
    digits = re.match(r"\d+", number)
    return int(digits.group()) if digits else 0


@rule("agenda_assignment", kinds=("item", "heading"))
def agenda_assignment(walk: Walk, bi: int, b: Block) -> bool:
    """A numbered agenda item or heading that names an assignment is one (its decision may follow below)."""
    text = b.text.strip()
    m = _AGENDA_ASSIGNMENT.match(text) if b.kind in ("item", "heading") and b.number and len(text) < 300 else None
    if not m:
        return False
    aid = walk.target = walk.add_assignment((m.group("what") or m.group("coded")).rstrip(" ."), b.number, bi)
    for nxt in walk.blocks[bi + 1: bi + 12]:
        if nxt.kind == "heading" or nxt.number and _first_number(nxt.number) > _first_number(b.number):
            break  # the agenda's next item (a decision's own "1.", "2." below it are not)
        done = _FINAL_REPORT_APPROVED.search(nxt.text)
        if done:  # "Styrelsen godkänner slutredovisningen av uppdraget": the decision below closes it
            walk.assess(aid, done.group(0))
            break
    return True


# "<ärende> (Uppdrag från kommunfullmäktige juni 2016 …)", "(KF-uppdrag)": an item whose source note says it is an
# assignment, as agendas and report lists mark them; the title runs back to the item's start, its "Dnr …" or label
_SOURCE_NOTE = re.compile(r"\s*\((?:(?:KF|KS|RF)[-:]?s?\s*)?uppdrag(?:et)?(?:\s+(?:från|av|enligt|i|givet\s+av)\b[^()]{0,120})?\)",
                          re.I)
_ITEM_START = re.compile(r"(?:^|\bDnr\s+[\w./-]+|\b(?:Information|Informationsärende|Beslutsärende|Ärende|Beslut)(?:\s*:|\s+(?=[A-ZÅÄÖ]))|"
                         r"(?<![\w,])\d{1,2}\.\s|[.;]\s|\)\s|\n)\s*", re.I)


@rule("assignment_source_note", kinds=_TEXT_KINDS + ("heading",))
def assignment_source_note(walk: Walk, bi: int, b: Block) -> bool:
    """An agenda or list item marked by its source note as an assignment ("Organisation av särskolan (Uppdrag
    från kommunfullmäktige …)"): the item's title is the assignment. Claims nothing."""
    if "ppdrag" not in b.text or b.kind not in _TEXT_KINDS + ("heading",):
        return False
    last = 0
    for m in _SOURCE_NOTE.finditer(b.text):
        head = b.text[last:m.start()]
        last = m.end()
        starts = [s.end() for s in _ITEM_START.finditer(head)]
        title = head[starts[-1] if starts else 0:].strip(" -–:")
        if 2 <= len(title.split()) <= 25 and title[:1].isupper() and not _SOURCE_NOTE.match(title):
            walk.add_assignment(title, None, bi)
    return False


@rule("assignment_in_text", kinds=_TEXT_KINDS)
def assignment_in_text(walk: Walk, bi: int, b: Block) -> bool:
    """An assignment decided in running text (minutes, agendas, press summaries, a report's decisions): the clause
    that carries "… får i uppdrag att …"; told in the past ("fick", "har fått", "gav X i uppdrag") it is still one,
    unless the sentence calls it an earlier one or a report tells its outcome in the same sentence."""
    low = b.text.lower()
    if b.kind not in _TEXT_KINDS or "uppdr" not in low and "uppman" not in low and "i uppgift" not in low \
            and "anmod" not in low \
            or not CLAUSE_CUE.search(b.text):
        return False
    found = False
    decided = walk.title_mode == "decisions" or walk.ctx.meta.doc_type == "protocol"
    for sentence in sentences(b.text):
        cues = list(CLAUSE_CUE.finditer(sentence))
        if cues and all(c.group("to") for c in cues) and not decided and not _COUNCIL_GIVES.search(sentence):
            continue  # "Nämnden uppdrar åt förvaltningen att utse …" in a plan: a standing instruction, not a decision
        if _GIVEN_BEFORE.search(sentence) and (_EARLIER.search(sentence) or walk.ctx.is_report
                                               and status_match(sentence).status != "unknown"):
            continue  # "Nämnden fick i uppdrag att … och utredningen är klar", "… har sedan tidigare fått i uppdrag
            # att …": an account of an earlier assignment, not a new one
        for clause in assignment_clauses(sentence):
            limit = 400
            if len(clause) >= limit:
                clause, limit = _unpunctuated_end(clause), 500  # (a decision that lost its full stops may be long)
            if len(clause) < limit:
                aid = walk.add_assignment(clause, b.number, bi)
                walk.accounted_here(aid)  # decided here, followed up elsewhere
                if decided and _GIVEN_BEFORE.search(sentence):
                    walk.assess(aid, _report_approved(walk, bi, sentence))
                found = True
    return found


# "KS beslutade även att Samhällsbyggnad ska göra en ansökan …": a decision that a named body shall do something
# (or proposed it: "KS föreslår efter en motion att kommunen ska utreda …"; a time may stand before "ska": "att
# utbildningsnämnden senast 31 mars ska inkomma med …")
# (or granted a motion's proposal: "Motionen bifölls till den delen, att kommunen skall söka samarbete …"; or
# decided that a report shall be given: "RS beslutade att en återrapport ska lämnas till RS under våren …")
_DECIDED_SHALL = re.compile(rf"\b(?:beslut(?:ade|ar|at|a)\s+(?:den\s+\d{{1,2}}\s+[a-zåäö]+\s+(?:\d{{4}}\s+)?)?|(?:föreslår|föreslog)\s+(?:(?:(?!mål|syfte)[^.;:]){{0,120}}?\s)?|"
                            rf"bifölls\s+(?:[^.;:,]{{0,40}}?\s)?(?:delen|del)\s*,?\s+)"
                            rf"(?:även\s+|också\s+|dessutom\s+)?att\s+"
                            rf"(?P<clause>(?P<who>[\wåäö]+-\s+och\s+{BODY}|{BODY}|[A-ZÅÄÖ][\wåäö-]+(?:\s+och\s+[\wåäö-]+)?|kommunen|"
                            rf"(?:en|ett)\s+(?:ny\s+|fördjupad\s+)?(?:åter)?(?:rapport|redovisning|utredning|översyn|"
                            rf"förstudie|kartläggning|handlingsplan|analys))"
                            rf"(?:\s+(?:senast|före|under|innan|till|i|den|efter)(?:\s+[\wåäö\d]+){{1,4}}?)?\s+(?:ska|skall)\s+"
                            rf"(?!{_STATE_VERB})(?P<verb>\S+).{{8,300}})$", re.I)
_PROPOSER = re.compile(r"\b(?:motionär\w*|förslagsställ\w*|medborgare[nt]?|initiativtagar\w*|motionen|"
                       r"medborgarförslaget)\s+(?:\w+\s+)?(?:föreslår|föreslog)\b", re.I)
# … or decided on a task named as a noun: "Nämnden beslutade om fortsatt utredningsuppdrag kring en resursskola"
_DECIDED_ON_TASK = re.compile(r"\bbeslut(?:ade|ar|at)\s+(?:även\s+|också\s+)?om\s+(?P<clause>(?:ett\s+)?(?:nytt\s+|"
                              r"fortsatt\s+|vidare\s+)?[\wåäö]*uppdrag\s+(?:kring|om|gällande|avseende|rörande)\s+\S.{8,300})$",
                              re.I)
# "Beslutet blev att gå vidare med en fördjupad utredning …": a decision told as what to do, a study to make
_DECISION_WAS = re.compile(r"^(?:Beslutet|Nämndens\s+beslut|Styrelsens\s+beslut)\s+(?:blev|var)\s+att\s+"
                           r"(?P<clause>[a-zåäö]+\s.{8,300})$")
_STUDY_WORDS = re.compile(r"\b(?:utred\w*|ta\s+fram|se\s+över|översyn|kartlägg\w*|undersök\w*|förstudie)\b", re.I)
# a municipality's own "ska" states a goal, unless what it shall do is a task ("kommunen ska utreda …")
_TASK_VERB = re.compile(r"^(?:utreda|ta|se|undersöka|kartlägga|analysera|pröva|återkomma|redovisa|inkomma|lämna|söka|"
                        r"ansöka|inleda|påbörja|upprätta|tillsätta)$", re.I)


@rule("decided_shall", kinds=_TEXT_KINDS)
def decided_shall(walk: Walk, bi: int, b: Block) -> bool:
    """A decision told in running text that a committee or office shall do something is an assignment to it, the
    clause from its name (a municipality's own "ska ha …", "ska vara …" states a goal, no task). Claims nothing:
    the paragraph may give assignments in other words too."""
    if b.kind not in _TEXT_KINDS or "eslut" not in b.text and "öreslå" not in b.text and "bifölls" not in b.text \
            or " ska" not in b.text and "uppdrag" not in b.text and "eslutet" not in b.text:
        return False
    for sentence in sentences(b.text):
        was = _DECISION_WAS.match(sentence.strip().rstrip(".")) if "eslut" in sentence[:20] else None
        if was and _STUDY_WORDS.search(was.group("clause")):
            walk.accounted_here(walk.add_assignment(was.group("clause"), b.number, bi))
            continue
        if " ska" not in sentence and "uppdrag" not in sentence:
            continue
        task = _DECIDED_ON_TASK.search(sentence.rstrip(" .")) if "uppdrag" in sentence else None
        if task:
            walk.accounted_here(walk.add_assignment(task.group("clause"), b.number, bi))
            continue
        m = _DECIDED_SHALL.search(sentence.rstrip(" ."))
        if m and _PROPOSER.search(sentence, 0, m.start("clause")):
            continue  # "Motionärerna föreslår att KS ska utreda …": what a motion asks for, nothing decided yet
        if m and (not re.search(r"\b(?:kommun|kommunen|stad|region)\b", m.group("who"), re.I)
                  or _TASK_VERB.match(m.group("verb"))):
            walk.accounted_here(walk.add_assignment(m.group("clause"), b.number, bi))
    return False


# under "Beslut": "<body> ska (i samverkan med X):" ⏎ • <task> …, or "<body> ska (också) utreda …" in a sentence
_BODY_WORD = r"(?:(?:[A-ZÅÄÖ][\wåäö-]*)?(?:nämnden|nämnderna|styrelsen|kontoret|förvaltningen|utskottet|bolaget|enheten)|" \
             r"(?:Nämnden|Nämnderna|Styrelsen|Förvaltningen|Utskottet|Bolaget)|" \
             rf"{BODY})"
_BODY_SHALL = re.compile(rf"^(?P<clause>{_BODY_WORD}\s+(?:ska|skall)\s+(?:också\s+|även\s+|dessutom\s+)?"
                         rf"(?!{_STATE_VERB})(?P<rest>[^:]{{8,300}}?))\s*(?P<colon>:)?$")


@rule("decided_tasks", kinds=_TEXT_KINDS)
def decided_tasks(walk: Walk, bi: int, b: Block) -> bool:
    """In what was decided (under "Beslut"), a committee or office that shall do something has an assignment: the
    sentence, or each bullet that finishes a sentence ending in "ska …:". Claims the bullets it read."""
    if walk.title_mode != "decisions" or b.kind not in _TEXT_KINDS or " ska" not in b.text and " skall" not in b.text:
        return False
    said = sentences(b.text.strip())
    for k, sentence in enumerate(said):
        m = _BODY_SHALL.match(sentence.rstrip(" ."))
        if not m:
            continue
        if not m.group("colon"):
            walk.add_assignment(m.group("clause"), b.number, bi)
            continue
        j = bi + 1
        while k == len(said) - 1 and j < len(walk.blocks) and walk.blocks[j].kind == "bullet" \
                and walk.blocks[j].text[:1].islower():
            walk.add_assignment(re.sub(r"(?:[,;]?\s+(?:samt|och))?[\s,;.]*$", "", walk.blocks[j].text.strip()), None, j)
            walk.announced.add(j)
            j += 1
    return False


# a text that announces assignments to the committees ("Mål och budget 2013, uppdrag till nämnderna"): each sentence
# in which a committee "har (som särskilt / även) (i) uppdrag att …" or "ska <do> …" is one
_TO_COMMITTEES_TITLE = re.compile(r"\buppdrag\s+(?:till|åt)\s+(?:\w+\s+)?(?:nämnd\w*|styrelse\w*|förvaltning\w*)", re.I)
# a committee by its name ("Barn- och utbildningsnämnden", "Nämnderna", "tekniska nämnden")
_COMMITTEE = rf"(?:{BODY}|[A-ZÅÄÖ][\wåäö-]*(?:\s+och\s+[\wåäö-]+)?(?:nämnden|nämnderna|styrelsen))"
_HAS_ASSIGNMENT = re.compile(rf"^(?P<clause>{_COMMITTEE}\s+(?:har|får)\s+(?:även\s+|också\s+|dessutom\s+)?(?:som\s+(?:\w+\s+)?)?"
                             rf"(?:i\s+)?uppdrag(?:et)?\s+att\s+\S.{{8,400}})$", re.I)


@lru_cache(maxsize=256)
def _to_committees(title: str) -> bool:
    return bool(_TO_COMMITTEES_TITLE.search(title))


@rule("assignments_to_committees", kinds=("para", "heading", "item"))
def assignments_to_committees(walk: Walk, bi: int, b: Block) -> bool:
    """Under a title that gives assignments to the committees, a committee's "har (som särskilt) uppdrag att …" and
    "ska <do> …" sentences are the assignments. Claims the paragraph when it found one."""
    if b.kind not in ("para", "heading", "item") or len(b.text) < 120:
        return False
    if not _to_committees(walk.ctx.meta.title or "") and not (walk.title and _to_committees(walk.title)):
        return False
    found = False
    for sentence in sentences(b.text):
        m = _HAS_ASSIGNMENT.match(sentence.strip())
        clauses = [m.group("clause")] if m else \
            [c for c in assignment_clauses(sentence, committee_ska=True) if _SUBJECT_SHALL.match(c)]
        for clause in clauses:
            walk.target = walk.add_assignment(clause.strip(), b.number, bi)
            found = True
    return found


_SUBJECT_SHALL = re.compile(rf"^{_COMMITTEE}\s+(?:ska|skall)\s+(?:även\s+|också\s+)?(?!vara\b|ha\b)[a-zåäö]", re.I)


_ITEM_WINDOW = 6


def _report_approved(walk: Walk, bi: int, told: str) -> Optional[str]:
    """In minutes, an assignment told as given before ("X har fått i uppdrag att …") is followed up where the same
    agenda item approves its report, before or after the telling: the item runs from its heading (or a few blocks
    back) to the next heading or the next assignment told."""
    blocks = walk.ctx.blocks
    head = walk.current_head
    start = walk.heads[head].block if head is not None and bi - walk.heads[head].block <= 3 * _ITEM_WINDOW \
        else max(0, bi - _ITEM_WINDOW)
    end = min(len(blocks), bi + _ITEM_WINDOW)
    for k in range(start, end):
        if k > bi and (blocks[k].kind == "heading" or k in walk.head_at):
            break
        for sent in sentences(blocks[k].text):
            if sent != told and REPORT_BACK_APPROVED.search(sent):
                return sent
    return None


_RUN_ON = re.compile(r"(?<=[a-zåäö]) (?=(?:Kommun|Region|Nämnd|Styrels|Förvaltning|Beslut|Ärend|Bakgrund|Yrkande|"
                     r"Protokoll|Paragraf|Justering|Sammanfattning)[\wåäö]* )")


def _unpunctuated_end(clause: str) -> str:
    """A clause that runs on because the text lost its full stops (a transcript of a protocol page): it ends
    where a capitalised word that opens the protocol's next part follows a small letter ("… under åren
    Kommunstyrelsen föreslår …")."""
    m = _RUN_ON.search(clause, 40)
    return clause[: m.start()].rstrip(" ,;") if m else clause


# a decision that closes an assignment: "Att utredningsuppdraget i strategisk plan 2019–2022: att utreda … därmed är
# slutfört.", "Att uppdraget att utreda … är utfört."
_CLOSED = re.compile(r"uppdrag(?:et)?\s+(?:i\s+[^:]{1,80}:\s*)?att\s+(?P<what>.{10,300}?)\s+(?:därmed\s+)?"
                     r"(?:är|anses|förklaras)\s+(?:därmed\s+)?(?P<status>slutfört|utfört|genomfört|avslutat|fullgjort|"
                     r"färdigt|redovisat)\b", re.I)
_CLOSED_WORDS = ("slutfört", "utfört", "genomfört", "avslutat", "fullgjort", "färdigt", "redovisat")  # one is in every match
# "… och servicenämnden har på uppdrag av kommunstyrelsen tagit fram en programhandling för …": an assignment told
# as carried out, by whom, for whom, and what was done (a supine after the giver): the assignment, done
# (an auditor's report opens "Vi har på uppdrag av de förtroendevalda revisorerna genomfört en granskning …": the
# writer's own engagement, no assignment of the municipality's)
_DONE_ON_BEHALF = re.compile(r"(?:^|(?<=\boch\s)|(?<=[.;:]\s))(?P<what>(?P<who>(?![Vv]i\s|[Jj]ag\s)[\wåäö-]+(?:\s+[\wåäö-]+){0,2}?)"
                             r"\s+har\s+på\s+uppdrag\s+av\s+(?![^,.;:]{0,40}\brevisor)[^,.;:]{3,60}?\s+"
                             r"(?P<done>[a-zåäö]{2,}(?:it|at|t|tt))\s+[^,.;:]{5,200})")


@rule("closed_assignment", kinds=_TEXT_KINDS)
def closed_assignment(walk: Walk, bi: int, b: Block) -> bool:
    """A decision that an assignment is done names the assignment and its status: both are kept."""
    low = b.text.lower()
    if b.kind not in _TEXT_KINDS or "uppdrag" not in low:
        return False
    found = False
    if "på uppdrag av" in low:
        for sentence in sentences(b.text):
            m = _DONE_ON_BEHALF.search(sentence)
            if m:
                item = walk.add_assignment(m.group("what").strip(), b.number, bi)
                walk.assess(item, status_match(m.group("what")).evidence or m.group("done"))
                found = True
    if not any(w in low for w in _CLOSED_WORDS):
        return found
    for sentence in sentences(b.text):
        m = _CLOSED.search(sentence)
        if m:
            item = walk.add_assignment(m.group("what").strip(" ,;"), b.number, bi)
            walk.assess(item, m.group("status"))
            found = True
    return found
