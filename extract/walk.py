"""One walk over a document's blocks, shared by the structure rules.

Each rule reads one signal (a label, numbering depth, a list introduction, a responsibility marker, …) and is
registered by name; the walk offers every block to the rules in the order a list (plain data) gives, until one
claims it. The walk keeps what the rules need to know of the text above: the goal and assignment in force, the
latest title, an open list. It also records, per block, which goal or assignment the block belongs to, so that
tables, indicators and actions can be linked to it."""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, field
from typing import Callable, Optional

from plantrace.extract.blocks import Block
from plantrace.extract.context import Context, fold
from plantrace.extract.vocabulary import COMMITTEE_ABBR, NAME_SEPARATOR, PLACEHOLDER
from plantrace.schema import Assignment, Goal

FUNDING = re.compile(r"\b(\d+(?:[,.]\d+)?\s*(?:mnkr|miljoner kronor|mkr|tkr))", re.I)
DEADLINE = re.compile(r"\b(?:senast|till|före|klart?)\s+((?:den\s+)?\d{1,2}\s+\w+\s+\d{4}|\d{4}-\d{2}-\d{2}|(?:under|till)\s+\d{4}|(?:våren|hösten|årsskiftet|delår \d)\s*\d{4})", re.I)

_FUNDING_CLAUSE = re.compile(r"[,;(]\s*(?:finansiering|finansieras\s+med|budget|tilldelas|medel)\s*:?\s*\d+(?:[,.]\d+)?\s*"
                             r"(?:mnkr|mkr|tkr|miljoner kronor)\)?\.?\s*$", re.I)

# a baseline stated after a goal ("… år 2025 Utgångsläge: 10,4 %", "… Utgångsläge är 119 år 2020."): its
# starting point, not its wording
_BASELINE_TAIL = re.compile(r"(?<=\S)[\s,;]+(?=(?:Utgångsläge|Utgångsvärde|Nuläge|Basvärde|Basår|Ingångsvärde)"
                            r"(?:t|n)?\s*(?::|är|var|\d))", re.I)


# where an item was proposed or first given, in parentheses at its end: "(förslag 17)", "(från budget 2023)",
# "(KF § 89)" — a reference, not part of the wording
_REFERENCE_TAIL = re.compile(r"\.?\s*\((?:(?:förslag|yrkande|punkt|bilaga|från|enligt|se|dnr)\b|[A-ZÅÄÖ]{2,4}\s*§)[^()]{0,40}\)"
                             r"\.?\s*$", re.I)


# the name of a document's chapter, numbered like a goal under a title about goals ("1. Inledning")
_NO_STATEMENT = re.compile(r"^[^?]{0,300}\?\s*$|^(?:ja|nej)(?:\s+(?:ja|nej))*$", re.I)  # a question; "Ja Nej"
_DOCUMENT_PART = re.compile(r"^(?:inledning|bakgrund|sammanfattning|innehåll|innehållsförteckning|förord|uppföljning|"
                            r"bilagor|bilaga|omvärld|omvärldsanalys|budget|ekonomisk sammanfattning|"
                            r"begreppsförklaring(?:ar)?|ordlista|beslutad\s+av|beskrivning|kommentar(?:\s+\d{4})?|"
                            r"ansvarig|"
                            # a label of another item kind standing alone ("Delmål ÖM.11.2" ⏎ "Indikatorer"): the
                            # goal's own wording is not in the text, and the label is never it
                            r"indikator(?:er)?|nyckeltal|mått|mätetal|styrtal|resultatmått|aktivitet(?:er)?|åtgärd(?:er)?|"
                            r"uppdrag|målvärden?|utfall|trend)\s*$", re.I)
# "Ekonomi handlar om att kommunen ska …", "Medarbetare innebär att …": what a focus area means, not a goal of it
_AREA_DEFINED = re.compile(r"^[A-ZÅÄÖ][\wåäö-]*(?:\s+(?:och|&)\s+[\wåäö-]+)?\s+(?:handlar\s+om|innebär|betyder|omfattar)\s", re.I)
_TERMINATED = re.compile(r"[.!?:)]\s*$")
# a minutes' reference to a paragraph ("AU § 122", "Tekniska nämnden 2003-04-29, § 85"): where a matter was handled
MINUTES_REFERENCE = re.compile(r"^(?:[A-ZÅÄÖ][\wåäö-]*(?:\s+[\wåäö-]+){0,2}\s+)?(?:\d{4}-\d{2}-\d{2},?\s+)?§\s*\d+[a-z]?$")
_BODY_ONLY = re.compile(r"^(?:[\wåäö-]+\s+(?:och|&)\s+)?[\wåäö-]*(?:fullmäktige|nämnden|styrelsen|förvaltningen)\s*$",
                        re.I)


# the goal's measure named in parentheses at its end: "… jämställdhetsintegrerad (Indikator: andel beslut …)," —
# the indicator step reads it (indicator_lines.INLINE_LABEL); it is no part of the goal's wording
_MEASURE_TAIL = re.compile(r"\s*\((?:indikator|indikatorer|nyckeltal|mått|mätetal)\s*:[^()]*(?:\)|$)[\s.,;]*$", re.I)


# "Förbättrad livsmiljö (1,2)": a styrkort goal ends with the numbers of the key factors it serves
_SERVES_TAIL = re.compile(r"\s*\(\s*\d{1,2}(?:\s*[,;]\s*\d{1,2})+\s*\)[\s.]*$")


# "… attrahera kunskapsföretag (kommunstyrelsen)": the body whose goal it is, named after it
_BODY_TAIL = re.compile(r"\s*\((?:[\wåäö-]+\s+(?:och\s+)?){0,3}?[\wåäö-]*(?:nämnden|styrelsen|förvaltningen)\)[\s.]*$",
                        re.I)


# "… ska öka under mandatperioden. Mätning vartannat år genom medborgarundersökningen.": how and when the goal is
# measured, said after it (a note under each bullet), is no part of its wording
_MEASURED_TAIL = re.compile(r"(?<=[.!?])\s+(?:(?:årlig|attityd|löpande)\s*)?(?:mätning|mäts|utvärdering|utvärderas|"
                            r"uppföljning\s+sker|följs\s+upp|rapportering)\b[^!?]{0,160}$", re.I)


# "Målet är att vi 2020 ska vara 12 500 invånare.": the words that say a goal follows are not its wording
# (not before an aim in the infinitive, "Målsättningen är att minska kostnaderna …": that is how the goal is worded)
_AIM_OPENING = re.compile(r"^(?:målet|målsättningen|ambitionen)\s+är\s+att\s+(?=[^.]*?\b(?:ska|skall)\s)", re.I)


def goal_wording(text: str) -> str:
    text = _AIM_OPENING.sub("", _REFERENCE_TAIL.sub("", text))
    if "." in text[:-1]:
        text = _MEASURED_TAIL.sub("", text)
    if "(" in text:
        text = _BODY_TAIL.sub("", _SERVES_TAIL.sub("", _MEASURE_TAIL.sub("", text)))
    m = _BASELINE_TAIL.search(text)
    if m and m.start() >= 20:
        return text[: m.start()].rstrip(" ,;")
    return text


Rule = Callable[["Walk", int, Block], bool]
RULES: dict[str, Rule] = {}
# the block kinds a rule reads, where it reads only some and does nothing with the others (not even reset what it
# keeps): the walk offers it no other kind
RULE_KINDS: dict[str, tuple[str, ...]] = {}


def rule(name: str, kinds: Optional[tuple[str, ...]] = None):
    """Register a structure rule: `fn(walk, block_index, block) -> True` when it claimed the block."""

    def wrap(fn: Rule) -> Rule:
        RULES[name] = fn
        if kinds is not None:
            RULE_KINDS[name] = kinds
        return fn

    return wrap


def rules_by_kind(names: list[str]) -> Callable[[str], list[Rule]]:
    """The rules of `names`, in order, that read blocks of a kind (looked up once per kind)."""
    cache: dict[str, list[Rule]] = {}

    def steps(kind: str) -> list[Rule]:
        if kind not in cache:
            cache[kind] = [RULES[n] for n in names if n not in RULE_KINDS or kind in RULE_KINDS[n]]
        return cache[kind]

    return steps


def split_names(text: str) -> list[str]:
    """"UBN, SCN och OSN" → ["UBN", "SCN", "OSN"]: who is responsible, as a marker, a line or a cell names them."""
    return [n for n in NAME_SEPARATOR.split(text.strip()) if n]


def split_responsible(text: str) -> tuple[str, list[str]]:
    """"Utred … (UBN, SCN och OSN)" → ("Utred …", ["UBN", "SCN", "OSN"])."""
    m = COMMITTEE_ABBR.search(text)
    if not m:
        return text, []
    return text[: m.start()].rstrip(), split_names(m.group(1))


@dataclass
class Walk:
    ctx: Context
    region_of: dict[int, str] = field(default_factory=dict)  # numbered heading → goal | assignment | other
    statement_roots: set[int] = field(default_factory=set)
    titled_roots: set[int] = field(default_factory=set)  # top-level headings of a numbered list under a plain title
    level_for: Callable[[int], Optional[str]] = lambda hi: None
    head_at: dict[int, int] = field(default_factory=dict)  # block → heading index
    council: Optional[str] = None  # id of the council goal in force
    council_by_kf: bool = False
    target: Optional[str] = None  # id of the goal/assignment the text below belongs to
    group: Optional[str] = None  # indicator group ("Grunduppdrag: …")
    goal_stack: dict[int, str] = field(default_factory=dict)  # heading index → goal id
    current_head: Optional[int] = None  # the numbered heading in force
    title: Optional[str] = None  # the latest title of any kind (numbered, marked or a short plain line)
    title_block: Optional[int] = None
    area: Optional[str] = None  # a goal area under a title about goals, whose goals are listed below it
    labelled_since_title: bool = False  # a labelled goal or assignment stood under the title in force
    title_mode: Optional[str] = None  # "goals" / "assignments" / "goal_rows" under a plain title or header
    row_level: str = "committee"  # level of the goals in a flattened goal table
    row_pairs: bool = False  # the table has two goal columns (the council's, the committee's) before its assessment
    row_rest: Optional[str] = None  # a row's start run onto the line of the row above, waiting for its end
    record_fields: Optional[bool] = None  # whether the text is a record page (an action's fields), read once
    row_responsible: bool = False  # a flattened status table has a column of who is responsible
    cell_row: Optional[str] = None  # the item whose cells a status table flattened one a line is reading
    list_mode: Optional[str] = None  # "goals" / "council" after a list introduction
    list_parent: Optional[str] = None
    list_targets: bool = False  # each goal of the list is the target of what follows it (its measures)
    measure_marks: Optional[tuple] = None  # (blocks of a measures' label, blocks introducing measures), found once
    decided_level: Optional[str] = None  # the level of the goals a decision lists, paragraph by paragraph
    list_status: Optional[str] = None  # a status the list introduction gives its items ("… har delvis uppnåtts:")
    run_verdict: Optional[tuple] = None  # (block, verdict, level) of labelled goals run into a paragraph, judged as a list
    pending_label: Optional[tuple] = None  # (LabelMatch, block) of a label alone on its line
    label_run: Optional[tuple] = None  # (LabelMatch, block) of the labelled goal line just read
    heading_goal: Optional[int] = None  # block of a goal written as a heading over its prose
    explained_after: Optional[int] = None  # a named goal's statement: the paragraphs after it explain it
    statement_para: Optional[int] = None  # a paragraph of statements under an area's name: each sentence a goal
    status_lines: set[int] = field(default_factory=set)  # bare status lines ("Uppnås ej") read with the item above
    announced: set[int] = field(default_factory=set)  # lines read as the goals a sentence above counted
    listed: set[int] = field(default_factory=set)  # of `announced`, bullets read under their name: the title goes on
    areas_mode: Optional[tuple] = None  # (list mode, names in capitals) of goals an introduction announced under names
    next_group: Optional[tuple] = None  # (block, names are goals) where the next name over statement bullets may stand
    area_titles: set[str] = field(default_factory=set)  # folded names of the areas a sentence says goals are under
    perspective_pairs: bool = False  # a sentence said the goals are set out per perspective, and lists them below
    aim_block: Optional[int] = None  # the paragraph under a perspective's name: its goal
    seen_goals: dict[str, str] = field(default_factory=dict)
    seen_assign: dict[str, str] = field(default_factory=dict)
    label_of: dict[str, str] = field(default_factory=dict)  # goal id → the label it was written under
    parent_of: dict[str, Optional[str]] = field(default_factory=dict)  # goal id → parent goal id

    @property
    def blocks(self) -> list[Block]:
        return self.ctx.blocks

    @property
    def heads(self):
        return self.ctx.headings

    def region(self) -> str:
        return self.region_of.get(self.current_head, "other") if self.current_head is not None else "other"

    def level_of(self, gid: Optional[str]) -> Optional[str]:
        return self.ctx.goal_levels.get(gid) if gid else None

    def set_title(self, bi: int, text: str) -> None:
        self.title, self.title_block = text, bi
        self.labelled_since_title = False
        self.list_mode, self.list_targets = None, False

    def add_goal(self, text: str, level: str, parent: Optional[str], number: Optional[str], b0: int,
                 b1: Optional[int] = None, label: Optional[str] = None, dedupe: bool = True) -> Optional[str]:
        ctx = self.ctx
        text = goal_wording(text)
        if not re.search(r"[^\W\d_]{2}", text) or _DOCUMENT_PART.match(text) or _BODY_ONLY.match(text) \
                or _AREA_DEFINED.match(text) or _NO_STATEMENT.match(text) or MINUTES_REFERENCE.match(text):
            return None  # a header cell or a year under a label ("Mål" ⏎ "2019"), a chapter's name, a field's label,
            # the body a record names ("Beslutad av" ⏎ "1. Regionfullmäktige"), a question or a form's answers
            # ("Hjälpte informationen på sidan dig?" ⏎ "Ja Nej", a web page's furniture), a minutes' reference: not a goal
        if b0 == len(self.blocks) - 1 and self.blocks[b0].text.rstrip().endswith(text) \
                and self.cut_off(b0, text, self.ctx.get("goals")[-1].text if self.ctx.get("goals") else None):
            return None
        key = fold(text)
        if dedupe and key in self.seen_goals:
            return self._restated(self.seen_goals[key], b0)
        gid = ctx.next_id("goals", "g")
        section = f"s{self.current_head + 1}" if self.current_head is not None else None
        ctx.add("goals", Goal(id=gid, number=number, text=text, level=level, parent=parent,
                              placeholder=bool(PLACEHOLDER.search(text)), label=label, section=section,
                              provenance=ctx.provenance(b0, b1)))
        self.seen_goals[key] = gid
        self.parent_of[gid] = parent
        ctx.goal_levels[gid] = level
        return gid

    def add_assignment(self, text: str, number: Optional[str], b0: int, issuer: Optional[str] = None,
                       extra: str = "", goal: Optional[str] = None) -> Optional[str]:
        body, responsible = split_responsible(_REFERENCE_TAIL.sub("", text))
        funding_clause = _FUNDING_CLAUSE.search(body)
        if funding_clause:  # "Ta fram en plan för …, finansiering 2 mnkr."
            extra = f"{extra} {funding_clause.group(0)}"
            body = body[: funding_clause.start()].rstrip(" ,;")
        key = fold(body)
        if not key:
            return None
        if key in self.seen_assign:
            return self._restated(self.seen_assign[key], b0)
        funding = FUNDING.search(text + " " + extra)
        deadline = DEADLINE.search(text)
        aid = self.ctx.next_id("assignments", "a")
        self.ctx.add("assignments", Assignment(id=aid, number=number, text=body, issuer=issuer, responsible=responsible,
                                               funding=funding.group(1) if funding else None,
                                               deadline=deadline.group(1) if deadline else None, goal=goal,
                                               provenance=self.ctx.provenance(b0)))
        self.seen_assign[key] = aid
        return aid

    def _restated(self, item: str, bi: int) -> str:
        """An item read again at block `bi`: where it was first read stays its place, this one is remembered."""
        where = self.ctx.restated.setdefault(item, [])
        if bi not in where:
            where.append(bi)
        return item

    def cut_off(self, bi: int, text: str, sibling: Optional[str]) -> bool:
        """An item the text ends inside: the last block, unterminated, where the item before it ends its sentence
        (an opening cut at a length, a truncated file) — where it ends is not told, so it is left."""
        return bi == len(self.blocks) - 1 and not _TERMINATED.search(text) and bool(sibling) \
            and sibling.rstrip().endswith(".")

    def assess(self, item: Optional[str], status: Optional[str], comment: Optional[str] = None) -> None:
        """Keep the assessment read with an item (a Status cell, "Bedömning: …", a list's introduction) for the
        follow-up step; the first one read stands."""
        if item and status:
            self.ctx.item_status.setdefault(item, (status, comment))

    def set_responsible(self, aid: Optional[str], who: str) -> None:
        """Who carries out an assignment, as a line, a cell or a column names them: the first one read stands."""
        item = next((a for a in reversed(self.ctx.get("assignments")) if a.id == aid), None) if aid else None
        if item is not None and not item.responsible:
            item.responsible = split_names(who)

    def parent_for(self, level: str) -> Optional[str]:
        """A council goal stands alone; any other goal stands under the council goal in force."""
        return None if level == "council" else self.council

    def accounted_here(self, item: Optional[str]) -> None:
        """The item was decided or tabled where it stands: the lines after it are no account of it."""
        if item:
            self.ctx.no_account.add(item)

    def stamp(self, bi: int) -> None:
        self.ctx.block_goal[bi] = self.council
        self.ctx.block_target[bi] = self.target
        self.ctx.block_group[bi] = self.group


# abbreviations that end in a full stop inside a sentence ("baserad på bl.a. SALSA-värden")
_ABBREVIATION_END = re.compile(r"(?:^|[\s(])(?:bl\.\s?a|t\.\s?ex|m\.\s?fl|m\.\s?m|s\.\s?k|d\.\s?v\.\s?s|dvs|o\.\s?s\.\s?v|"
                               r"fr\.\s?o\.\s?m|t\.\s?o\.\s?m|ca|resp|enl|jfr|kap|nr|st|p|f\.\s?d|inkl|exkl)\.$", re.I)


_SENTENCE_GAP = re.compile(r"(?<=[.!?])\s+(?:[-–]\s+)?(?=[A-ZÅÄÖ])")  # ("… till Frome. - Liberalernas förslag …")


def opening_sentence(text: str) -> Optional[tuple[str, list[str]]]:
    """(first sentence, the rest) of a text that opens with a short sentence of its own, naming something the rest
    speaks of ("Plan för färre placeringar. Uppdraget är genomfört. …"); None for one sentence, a long one, a
    question or an introduction ("… följande:")."""
    sents = sentences(text)
    if len(sents) < 2 or len(sents[0].split()) > 25 or sents[0].endswith(("?", ":")):
        return None
    return sents[0].rstrip(" ."), sents[1:]


def sentences(text: str) -> list[str]:
    return list(_sentences(text))


@lru_cache(maxsize=4096)
def _sentences(text: str) -> tuple[str, ...]:
    """(cached: many rules split the same paragraph)"""
    parts = _SENTENCE_GAP.split(text)
    out: list[str] = []
    for p in parts:
        p = p.strip()
        if not p:
            continue
        if out and _ABBREVIATION_END.search(out[-1]):
            out[-1] = f"{out[-1]} {p}"  # the split came after an abbreviation, not a sentence's end
        else:
            out.append(p)
    return tuple(out)


def first_sentence(text: str) -> str:
    sents = sentences(text)
    return sents[0] if sents else text
