"""Follow-ups in reports: each section that accounts for a goal or an assignment, with its status normalised.

Evidence is weighed in a fixed order, so that the decision can be explained: an explicit status sentence
("Ej genomfört.", "Målet är inte uppnått …", "Måluppfyllelse har skett.", a colour word) beats the Status cell of
the section's indicator table, which beats the indicators' outcome against their target, which beats the same
goal's follow-up elsewhere in the report, which beats weak narrative verbs ("har tagits fram", "saknas")."""

from __future__ import annotations

import re
from typing import Optional

from plantrace.extract.context import Context, fold
from plantrace.extract.vocabulary import ASSIGNMENT_REGION, COMMENT_TITLE, GOAL_REGION
from plantrace.nlp_models.status import read_status, status_match
from plantrace.numbers import count_of
from plantrace.schema import FollowUp


_SENTENCE_GAP = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ\"”])")


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_GAP.split(text) if s.strip()]


def _section_blocks(ctx: Context, hi: int, kind: Optional[str] = None) -> list[int]:
    """A numbered section's blocks: up to the next numbered heading, or (for a goal's section) an unnumbered one
    that names the report's part about assignments ("Uppföljning av uppdrag" after the last goal), whatever its
    font says of its rank."""
    start = ctx.headings[hi].block
    end = len(ctx.blocks)
    for h in ctx.headings[hi + 1:]:
        if h.number is not None or kind == "goal" and _names_assignments(h.title):
            end = h.block
            break
    if kind == "goal":  # (… set as a line of its own, no heading at all)
        end = next((b for b in range(start + 1, end) if ctx.blocks[b].kind == "para"
                    and _names_assignments(ctx.blocks[b].text) and not ctx.blocks[b].text.rstrip().endswith(".")), end)
    return list(range(start + 1, end))


def _names_assignments(title: str) -> bool:
    """A short title of the part about assignments ("Uppföljning av uppdrag", "Politiska uppdrag")."""
    return len(title.split()) <= 5 and bool(ASSIGNMENT_REGION.search(title)) and not GOAL_REGION.search(title)


# a sentence that states the aim is no account of it: "Målet 2030 är att folkmängden uppnår 37 600"
_AIM = re.compile(r"(?:målsättningen|målet|ambitionen|visionen|syftet)(?:\s+\S+){0,3}?\s+är\s+att\b", re.I)


def decide_status(ctx: Context, blocks: list[int], inds: list) -> tuple[str, Optional[str], str]:
    """Return (status, raw phrase, evidence tier) for a section's blocks and the indicators in them."""
    paras = [ctx.blocks[b] for b in blocks if ctx.blocks[b].kind in ("para", "bullet") and b not in ctx.table_blocks]
    matches = [(ctx.status(s), s) for b in paras for s in _sentences(b.text) if not _AIM.match(s)]
    # 1. explicit status sentences, cells and colours: the earliest of the strongest rule (min is stable)
    strong = [(m, s) for m, s in matches if m.strength not in ("weak", "none")]
    if strong:
        m, s = min(strong, key=lambda ms: ms[0].rank)
        return m.status, s, "explicit"
    # 2. Status cell / 3. indicator outcome vs target
    cells = [i.status_raw for i in inds if i.status_raw]
    if cells:
        statuses = {read_status(c).status for c in cells}
        if len(statuses) == 1:
            return statuses.pop(), cells[0], "status cell"
        if "not_done" in statuses or "partial" in statuses:
            return "partial", "; ".join(cells), "status cell"
    weak = [(m, s) for m, s in matches if m.strength == "weak"]
    outcome = _outcome(inds)
    if outcome is not None:
        status, raw = outcome
        agreeing = [(m, s) for m, s in weak if m.status == status]  # cite the narrative that agrees, if any
        if agreeing:
            m, s = min(agreeing, key=lambda ms: ms[0].rank)
            return status, _short(s, m.evidence), "indicator outcome"
        return status, raw, "indicator outcome"
    if weak:
        m, s = min(weak, key=lambda ms: ms[0].rank)
        return m.status, _short(s, m.evidence), "narrative"
    return "unknown", None, "none"


def _short(sentence: str, evidence: str) -> str:
    """A long narrative sentence is cited up to the end of its status phrase."""
    if len(sentence) < 160:
        return sentence
    at = sentence.find(evidence)
    return sentence[: at + len(evidence)] if at >= 0 else sentence[:160]


def _outcome(inds) -> Optional[tuple[str, str]]:
    pairs = []
    for ind in inds:
        actual = next((v.raw for v in ind.values if v.kind == "actual"), None)
        target = next((v.raw for v in ind.values if v.kind == "target"), None)
        if actual and target:
            pairs.append((actual.strip().lower(), target.strip().lower()))
    if not pairs:
        return None
    verdicts = []
    for a, t in pairs:
        if a == t or (a == "ja" and t in ("ja", "")):
            verdicts.append("done")
        elif a == "delvis":
            verdicts.append("partial")
        elif a == "nej" and t == "ja":
            verdicts.append("not_done")
        else:
            verdicts.append("unknown")
    raw = "; ".join(f"Utfall {a} / Målvärde {t}" for a, t in pairs)
    if all(v == "done" for v in verdicts):
        return "done", raw
    if all(v == "not_done" for v in verdicts):
        return "not_done", raw
    if any(v in ("done", "partial") for v in verdicts):
        return "partial", raw
    if "not_done" in verdicts:
        return "not_done", raw
    return None


_FOLLOWUP_ROOT = re.compile(r"uppföljning|analys", re.I)


def extract_followups(ctx: Context) -> None:
    decided: list[tuple[FollowUp, str]] = []
    if ctx.is_report or ctx.item_status or any(_FOLLOWUP_ROOT.search(h.title) for h in ctx.headings if h.level == 1):
        block_at_line = {b.first_line: bi for bi, b in enumerate(ctx.blocks)}
        ind_block = [(block_at_line.get(i.provenance.lines[0]), i) for i in ctx.get("indicators") if i.provenance]
        decided = _section_followups(ctx, ind_block) + _line_followups(ctx, block_at_line, ind_block)
    # in any document (a report's type is not always told): goals assessed in the past tense in its prose
    decided.extend(_goals_assessed_in_prose(ctx, {fold(fu.refers_to) for fu, _ in decided}))
    # in any document, plans and minutes included: a matter that reports back on an assignment
    decided.extend(_report_back_items(ctx, {fu.refers_to for fu, _ in decided}))
    decided.extend(_report_back_decisions(ctx, decided))
    decided = _resolved(ctx, decided)
    for k, (fu, _) in enumerate(decided):
        fu.id = f"f{k + 1}"
        ctx.add("followups", fu)


# "De verksamhetsmässiga målen uppfylldes till stor del, medan det ekonomiska målet inte uppnåddes": a report's
# prose naming a kind of goal and its outcome, past or perfect ("uppnåddes", "har uppfyllts", "är uppnått"; a
# plan's present "uppnås genom …" is no outcome); "Målet uppnåddes" alone names none, so a determiner or
# genitive with a word before "mål", or "mål för …", is required
_ASSESSED_GOAL = re.compile(
    r"(?:^|(?<=\s))(?P<goal>(?:[Dd]e|[Dd]et|[Kk]ommunens|[Nn]ämndens|[Rr]egionens|[Ff]ullmäktiges|[Kk]ommunfullmäktiges)"
    r"\s+(?:(?:[\wåäö-]+\s+){1,3}?(?:mål(?:en|et)?|målsättning(?:en|arna)?)"
    # "Det övergripande målet för infrastruktur är uppnått"
    r"(?:\s+för\s+(?![^,;.]*?\b(?:år|året|årets|månad\w*|period\w*|halvår\w*|tertial\w*)\b)"
    r"(?:[\wåäö-]+\s+){0,2}?[\wåäö-]+(?=\s+{aux}{done}))?|"
    r"mål(?:en|et)?\s+för\s+(?:[\wåäö-]+\s+){0,4}?[\wåäö-]+(?=\s+{aux}{done}))|"
    # a goal named by a compound at the sentence's start: "Boendemiljömålet är uppnått", "Trygghetsmålet visar gult"
    r"(?<![\wåäö\s])[A-ZÅÄÖ][a-zåäö]{3,}mål(?:et|en))"
    r"\s+(?P<rest>{aux}{done}[^,;.]*|visar\s+(?:grönt|gult|rött|grön|gul|röd)\b[^,;.]*)"
    .replace("{aux}", r"(?:(?:inte|ej)\s+)?(?:(?:har|är|blev)\s+)?(?:(?:helt|delvis|inte|ej)\s+)?")
    .replace("{done}", r"(?:uppfylldes|uppnåddes|nåddes|uppfyllts|uppnåtts|nåtts|uppfyllt|uppnått|nått|uppfyllda|"
                       r"uppnådda|uppfylld|uppnådd)\b"))


# "Målet för nettokoncernskulden per invånare nås inte enligt prognosen": a goal named by what it is about, said
# in the present not to be reached (a forecast or an outcome; a plan's "uppnås genom …" is neither)
_GOAL_NOT_REACHED = re.compile(r"(?:^|(?<=\s))(?P<goal>Målet\s+(?:för|om)\s+[^,;.]{3,80}?)\s+"
                               r"(?P<rest>(?:nås|uppnås|uppfylls|klaras)\s+(?:inte|ej)\b[^,;.]*|"
                               # … or reached: "Målet om företagarnas nöjdhet har uppnåtts"
                               r"(?:har|hade|är|blev)\s+(?:(?:helt|delvis|inte|ej)\s+)?(?:uppnåtts|uppfyllts|nåtts|uppnått|"
                               r"uppfyllt|nått)\b[^,;.]*)")
_CONDITION = re.compile(r"\b(?:när|om|ifall)\s+$", re.I)
# a second goal named after a met one, not met: "Resultatmålet har uppnåtts under året, däremot inte finansieringsmålet"
_BUT_NOT_GOAL = re.compile(r"[^,;.]*,\s*(?:däremot|men)\s+(?:inte|ej)\s+(?P<goal>[a-zåäö]{3,}mål(?:et|en))\s*[.;]?$")
# "… att målen för A och målet för B har uppnåtts", "målet för C ej har uppnåtts": goals named by what they are for
# (not a year's or a period's), judged together
_GOALS_FOR_JUDGED = re.compile(r"(?<![\wåäö])(?P<goals>[Mm]ål(?:en|et)\s+för\s+(?!(?:år|året|årets|perioden|\d)\b)[^.;:]{3,200}?)"
                               r"\s+(?P<rest>(?:(?:inte|ej)\s+)?(?:har|är|blev)\s+(?:(?:helt|delvis|inte|ej)\s+)?"
                               r"(?:uppnåtts|uppfyllts|nåtts|uppnått|uppfyllt|nått|uppnådda|uppfyllda)\b[^,;.]*)")
_AND_GOAL_FOR = re.compile(r"\s+(?:och|samt)\s+(?=mål(?:en|et)\s+för\b)|,\s+(?=mål(?:en|et)\s+för\b)")
# "Hållbar miljö är detta år ett nästan uppnått mål": a goal by its name, said to be a (nearly) met one
_IS_A_GOAL_MET = re.compile(r"^(?P<goal>[A-ZÅÄÖ][\wåäö-]*(?:\s+[\wåäö-]+){0,5}?)\s+är\s+(?:(?:detta|i)\s+år\s+|fortsatt\s+)?"
                            r"ett\s+(?P<rest>(?:(?:nästan|delvis|inte|helt)\s+)?(?:uppnått|uppfyllt|nått)\s+mål)\b")
# "De flesta övergripande målen nåddes": how many goals, no goal named
_HOW_MANY = re.compile(r"(?:allra\s+)?(?:flesta|flera|några|många|övriga|samtliga|alla)\b", re.I)
# a goal named and defined in one sentence, judged as "målet" in the next (`_goals_assessed_in_prose`)
_GOAL_DEFINED = re.compile(r"^[A-ZÅÄÖ][\wåäö]{3,}mål(?:et)?\s+innebär\s+att\s+(?P<goal>[^.;]{10,300}?\b(?:ska|skall)\b[^.;]+?)"
                           r"\s*\.?$")
_THE_GOAL_VERDICT = re.compile(r"\bmålet\s+(?:har\s+|är\s+)?(?:därmed\s+|därför\s+|alltså\s+)?(?:(?:inte|ej|helt|delvis)\s+)?"
                               r"(?:uppnåtts|uppfyllts|nåtts|uppnått|uppfyllt|nått|uppnåddes|uppfylldes|nåddes)\b")
# "målen inte nåtts", "målen har uppfyllts delvis": the goals of the list right above, judged together
_THE_GOALS_JUDGED = re.compile(r"\b(?:att\s+)?målen\s+(?P<rest>(?:(?:inte|ej)\s+)?(?:har\s+|är\s+|blev\s+)?(?:(?:inte|ej|helt|"
                               r"delvis)\s+)?(?:nåtts|uppnåtts|uppfyllts|nåddes|uppnåddes|uppfylldes|uppfyllda|uppnådda)\b[^,;.]*|"
                               # a report's present with its degree: "… vart och ett av de fem målen uppnås delvis"
                               r"(?:(?:inte|ej|helt|delvis)\s+)?(?:uppnås|uppfylls|nås)\s+(?:inte|ej|helt|delvis)\b[^,;.]*|"
                               r"(?:inte|ej|helt|delvis)\s+(?:uppnås|uppfylls|nås)\b[^,;.]*)")


def _listed_above(ctx: Context, bi: int) -> list:
    """The goals read from the list (bullets or items) that ends right above block `bi`."""
    k = bi - 1
    while k >= 0 and ctx.blocks[k].kind in ("bullet", "item"):
        k -= 1
    if k == bi - 1:
        return []
    lines = {ln for b in ctx.blocks[k + 1:bi] for ln in b.lines}
    goals = [g for g in ctx.get("goals") if g.provenance and g.provenance.lines and g.provenance.lines[0] in lines]
    return goals if len(goals) >= 2 else []


# "… de två sista målen uppnåtts delvis": goals pointed at by their place in the list above
_POINTED = re.compile(r"^(?:de|dom)\s+(?P<n>två|tre|fyra|fem|\d)\s+(?P<which>sista|första|senare|förra)\s+målen$", re.I)


def _goal_told_by(ctx: Context, fu: FollowUp) -> list[str]:
    """The goals a prose follow-up names by their place ("de två sista målen") or by what they are about ("Målet om
    företagarnas nöjdhet"): their own wording, from the goals read before it; [] when it names none of them."""
    line = fu.provenance.lines[0] if fu.provenance and fu.provenance.lines else None
    before = [g for g in ctx.get("goals") if g.provenance and g.provenance.lines and line is not None
              and g.provenance.lines[0] < line]
    m = _POINTED.match(fu.refers_to.strip())
    if m:
        n = int(count_of(m.group("n")))
        picked = before[-n:] if m.group("which").lower() in ("sista", "senare") else before[:n]
        return [g.text for g in picked] if len(picked) == n else []
    about = re.match(r"^Målet\s+(?:för|om)\s+(?P<x>.+)$", fu.refers_to.strip())
    if about:
        words = [w for w in fold(about.group("x")).split() if len(w) > 3]
        hits = [g.text for g in before if words and all(w in fold(g.text) for w in words)]
        return hits if len(hits) == 1 else []
    return []


def _resolved(ctx: Context, decided: list[tuple[FollowUp, str]]) -> list[tuple[FollowUp, str]]:
    out: list[tuple[FollowUp, str]] = []
    seen: dict[str, set] = {}  # folded text → where its status cells stand
    for fu, tier in decided:
        told = _goal_told_by(ctx, fu) if fu.kind == "goal" and tier == "prose" else []
        for item in [(fu.model_copy(update={"refers_to": text}), tier) for text in told] or [(fu, tier)]:
            key = fold(item[0].refers_to)
            at = item[0].provenance.lines if item[1] == "status cell" and item[0].provenance else None
            # (a goal also accounted for where it stands keeps that account; two goals worded alike, each with
            # its own status cell — the council's and the committee's in one table — are two)
            if key not in seen or at is not None and seen[key] and at not in seen[key]:
                seen.setdefault(key, set()).update([at] if at is not None else [])
                out.append(item)
    return out


# "Målet att fler barn ska växa upp i trygga familjer bedöms vara uppfyllt", "Det fjärde målet, att …, har uppnåtts",
# "Uppdraget att införa … pågår": the goal or assignment told by its content, then the verdict on it
_TOLD_THAT = re.compile(r"^(?:[^.;]{0,100}?\batt\s+)?(?:(?:det|vårt|detta)\s+)?(?:[\wåäö]+\s+){0,2}?(?P<what>mål(?:et)?|uppdrag(?:et)?)\s*,?\s+"
                        # ("målet om 300 nya bostäder uppnåddes": the goal named by a noun after "om")
                        r"(?:(?:om\s+|med\s+)?att\s+|om\s+(?!att\b))(?P<rest>\S.{10,400})$", re.I)
_GOAL_ABOUT = re.compile(r"(?<=\s)målet\s+om\s+(?!att\b)", re.I)
_VERDICT_AT = re.compile(r"(?:,\s*)?\b(?:bedöms|bedömdes|anses|ansågs|har|hade|är|var|blev|pågår|nåddes|uppnåddes|"
                         r"uppfylldes|genomfördes|slutfördes|avslutades|fullföljdes|uppnås|nås|uppfylls|klaras|"
                         # "… att göra en riskanalys inte genomförts": the verdict is the negated participle
                         r"(?:inte|ej)(?=\s+(?:genomför|slutför|påbörja|verkställ|uppfyll|uppnå|nått|klar)))\b", re.I)
_TOLD_STATUSES = ("done", "partial", "not_done", "ongoing")


# "Målet om att bli X, samt målet om att bli Y, har uppnåtts": two goals judged together
_AND_THE_GOAL = re.compile(r"\s*,?\s*(?:samt|och)\s+(?:även\s+)?(?:målet|uppdraget)\s*,?\s+(?:om\s+)?att\s+", re.I)


def told_items(what: str) -> list[str]:
    return [part.strip(" ,") for part in _AND_THE_GOAL.split(what) if len(part.split()) >= 2]


def told_that(sentence: str) -> Optional[tuple[str, str, str, str]]:
    """(kind, what, verdict, status) of a sentence that names a goal or an assignment by its content and judges it: the
    verdict starts at the first verb whose next few words are a status as such."""
    m = _TOLD_THAT.match(sentence)
    if not m:  # inside a longer run ("… stod i fokus under Året då målet om 300 nya bostäder uppnåddes …")
        inner = _GOAL_ABOUT.search(sentence, 1)
        m = _TOLD_THAT.match(sentence[inner.start():]) if inner else None
    if not m:
        return None
    rest = m.group("rest")
    for v in _VERDICT_AT.finditer(rest):
        verdict = " ".join(rest[v.start():].strip(" ,").split()[:5])
        assessed = status_match(verdict)
        what = rest[:v.start()].strip(" ,")
        if assessed.status in _TOLD_STATUSES and assessed.strength not in ("weak", "none", "model") \
                and 3 <= len(what.split()) <= 40:
            return ("goal" if m.group("what").lower().startswith("mål") else "assignment"), what, \
                rest[v.start():].strip(" ,."), assessed.status
    return None


def _goals_assessed_in_prose(ctx: Context, known: set[str]) -> list[tuple[FollowUp, str]]:
    out: list[tuple[FollowUp, str]] = []
    for bi, b in enumerate(ctx.blocks):
        if not (b.kind in ("para", "item") or b.kind == "heading" and len(b.text) > 200) or bi in ctx.table_blocks \
                or "mål" not in b.text and "Mål" not in b.text and "ppdrag" not in b.text:
            continue  # (a transcript's numbered page runs its prose into one item, or one long "heading")
        defined = None
        for sentence in _sentences(b.text):
            if defined and "målet" in sentence:
                verdict = _THE_GOAL_VERDICT.search(sentence)
                assessed = status_match(verdict.group()) if verdict else None
                if assessed and assessed.status in _TOLD_STATUSES and fold(defined) not in known:
                    known.add(fold(defined))  # "Resultatmålet innebär att X ska …. Utfallet …, och målet har uppnåtts."
                    out.append((FollowUp(id="", refers_to=defined, kind="goal", status=assessed.status,
                                         status_raw=verdict.group(), narrative=sentence, provenance=ctx.provenance(bi)),
                                "prose"))
            m = _GOAL_DEFINED.match(sentence) if "innebär" in sentence else None
            defined = m.group("goal").strip() if m else None
            told = told_that(sentence) if " att " in sentence or "ålet om " in sentence else None
            if told:
                for what in told_items(told[1]):
                    if fold(what) not in known:
                        known.add(fold(what))
                        out.append((FollowUp(id="", refers_to=what, kind=told[0], status=told[3], status_raw=told[2],
                                             narrative=sentence, provenance=ctx.provenance(bi)), "prose"))
                continue
            listed = _listed_above(ctx, bi) if "målen" in sentence else []
            m = _THE_GOALS_JUDGED.search(sentence) if listed else None
            assessed = status_match(m.group("rest")) if m else None
            if assessed and assessed.strength not in ("weak", "none"):
                # "… bedömningen är att målen inte nåtts under året" right under the list of them: each listed goal
                for g in listed:
                    if fold(g.text) not in known:
                        known.add(fold(g.text))
                        out.append((FollowUp(id="", refers_to=g.text, kind="goal", status=assessed.status,
                                             status_raw=m.group("rest").strip(), narrative=sentence,
                                             provenance=ctx.provenance(bi)), "prose"))
                continue
            found = [*_ASSESSED_GOAL.finditer(sentence)]
            if "Målet " in sentence:
                found += _GOAL_NOT_REACHED.finditer(sentence)
            judged = [(m.group("goal"), m.group("rest"), m.start(), m.end()) for m in found]
            if " för " in sentence and ("ålen " in sentence or "ålet " in sentence):
                # "… att målen för A och målet för B har uppnåtts": goals named by what they are for, one verdict
                for m in _GOALS_FOR_JUDGED.finditer(sentence):
                    if not any(a < m.end() and m.start() < b for _, _, a, b in judged):
                        judged += [(part, m.group("rest"), m.start(), m.end())
                                   for part in _AND_GOAL_FOR.split(m.group("goals"))]
            met = _IS_A_GOAL_MET.match(sentence) if " ett " in sentence else None
            if met:  # "Hållbar miljö är detta år ett nästan uppnått mål."
                judged.append((met.group("goal"), met.group("rest"), met.start(), met.end()))
            for goal, rest, start, end in judged:
                if _CONDITION.search(sentence[max(0, start - 12):start]):
                    continue  # "… anses uppfylld när de finansiella målen är uppfyllda": a condition, no outcome
                # "Det övergripande målet för …": the goal is named without the article before it
                goal = re.sub(r"^(?:[Dd]e|[Dd]et)\s+", "", goal)
                assessed = status_match(rest)
                if assessed.strength in ("weak", "none") or fold(goal) in known or _HOW_MANY.match(goal):
                    continue
                known.add(fold(goal))
                out.append((FollowUp(id="", refers_to=goal, kind="goal", status=assessed.status,
                                     status_raw=rest.strip(), narrative=sentence,
                                     provenance=ctx.provenance(bi)), "prose"))
                other = _BUT_NOT_GOAL.match(sentence, end) if assessed.status == "done" else None
                if other and fold(other.group("goal")) not in known:  # "…, däremot inte finansieringsmålet"
                    known.add(fold(other.group("goal")))
                    out.append((FollowUp(id="", refers_to=other.group("goal"), kind="goal", status="not_done",
                                         status_raw=other.group().strip(" ,."), narrative=sentence,
                                         provenance=ctx.provenance(bi)), "prose"))
    return out


def _section_followups(ctx: Context, ind_block) -> list[tuple[FollowUp, str]]:
    """Each leaf section whose heading is a goal or assignment, in a report or under a follow-up chapter."""
    goals = {g.id: g for g in ctx.get("goals")}
    decided: list[tuple[FollowUp, str]] = []
    for hi, item_id in ctx.heading_item.items():
        if item_id is None:
            continue
        h = ctx.headings[hi]
        root = hi
        while ctx.headings[root].parent is not None:
            root = ctx.headings[root].parent
        if not (ctx.is_report or _FOLLOWUP_ROOT.search(ctx.headings[root].title)):
            continue
        kind = "goal" if item_id in goals else "assignment"
        # only leaf sections account for something
        if any(ctx.heading_item.get(c) for c in h.children):
            continue
        blocks = _section_blocks(ctx, hi, kind)
        in_section = set(blocks)
        status, raw, tier = decide_status(ctx, blocks, [i for b, i in ind_block if b in in_section])
        narrative = " ".join(ctx.blocks[b].text for b in blocks if ctx.blocks[b].kind == "para")[:2000] or None
        fu = FollowUp(id="", number=h.number, refers_to=h.title, kind=kind, status=status, status_raw=raw,
                      narrative=narrative, provenance=ctx.provenance(h.block))
        decided.append((fu, tier))
    # 4. a follow-up with only narrative evidence takes the status of a closely matching follow-up with better evidence
    from rapidfuzz import fuzz

    strong = [(fu, tier) for fu, tier in decided if tier in ("explicit", "status cell", "indicator outcome")]
    for fu, tier in decided:
        if tier in ("narrative", "none") and strong:
            best = max(strong, key=lambda s: fuzz.token_set_ratio(_core(fu.refers_to), _core(s[0].refers_to)))
            if fuzz.token_set_ratio(_core(fu.refers_to), _core(best[0].refers_to)) >= 85 and best[0].kind != fu.kind:
                if fu.status == "unknown" or fu.status == best[0].status:
                    fu.status = best[0].status
                    fu.status_raw = fu.status_raw or best[0].status_raw
    return decided


# an agenda item or heading that reports back on an assignment: "Återrapportering av uppdraget om …",
# "Återrapport från socialnämnden om …", "Redovisning av uppdrag att …", "Uppföljning av uppdraget …"
_REPORT_BACK = re.compile(r"^(?:återrapport(?:ering)?\b|(?:redovisning|rapportering|uppföljning)\s+(?:av|om)\s+"
                          r"(?:\w+\s+){0,2}?uppdrag(?:et|en)?\b)(?:\s+\S+){3,}", re.I)  # … naming which one


def _report_back_items(ctx: Context, seen: set) -> list[tuple[FollowUp, str]]:
    """A matter titled as the report on an assignment accounts for that assignment, whatever its status says."""
    out = []
    for hi, h in enumerate(ctx.headings):
        title = h.title.strip()
        if len(title) > 250 or title in seen or not _REPORT_BACK.match(title):
            continue
        blocks = _section_blocks(ctx, hi)
        status, raw, tier = decide_status(ctx, blocks, [])
        out.append((FollowUp(id="", number=h.number, refers_to=title, kind="assignment", status=status,
                             status_raw=raw, narrative=None, provenance=ctx.provenance(h.block)), tier))
    return out


# a decision that receives the report on an assignment: "Återrapportering av uppdraget att vidta åtgärder …
# (KF § 89, 2023-06-19) tas emot." — the assignment is accounted for; the decision alone says nothing of how it went
_REPORT_BACK_DECISION = re.compile(
    r"^(?:återrapport(?:ering)?(?:en)?|redovisning(?:en)?|rapportering(?:en)?|uppföljning(?:en)?)\s+(?:av|om)\s+"
    r"(?:\w+\s+){0,2}?uppdrag(?:et|en)?\s+(?:att|om|gällande|kring|avseende)\s+(?P<what>.{10,400}?)"
    r"(?:\s*\([^()]*\))?\s+(?:tas\s+emot|godkänns|läggs\s+till\s+handlingarna|noteras|antecknas)\b", re.I)


# the same as a plain title line: "Återrapportering av uppdrag att utreda möjligheten att …"
_REPORT_BACK_TITLE = re.compile(r"^(?:(?:[\wåäö-]+\s+){0,2}?[\wåäö-]+s\s+)?"  # "Kulturnämndens avrapportering av …"
                                r"(?:återrapport(?:ering)?|avrapport(?:ering)?|redovisning|rapportering|avslut|uppföljning)\s+(?:av|om)\s+"
                                r"(?:\w+\s+){0,2}?uppdrag(?:et|en)?\s+att\s+(?P<what>[^.]{10,300})$", re.I)


_AGENDA_NUMBER = re.compile(r"\s\d{1,2}\.\s+(?=[A-ZÅÄÖ][a-zåäö])")


def _report_back_decisions(ctx: Context, decided: list[tuple[FollowUp, str]]) -> list[tuple[FollowUp, str]]:
    from rapidfuzz import fuzz

    heading_blocks = {h.block for h in ctx.headings}
    known = [fold(fu.refers_to) for fu, _ in decided]
    out = []
    for bi, b in enumerate(ctx.blocks):
        if (bi in heading_blocks or b.kind not in ("para", "bullet", "item")) and len(b.text) <= 200 \
                or "uppdrag" not in b.text.lower():
            continue  # (a "heading" that runs on is a transcript's paragraph)
        text = b.text.strip()
        title = _REPORT_BACK_TITLE.match(text) if len(text) < 320 else None
        found = [title] if title else [m for m in map(_REPORT_BACK_DECISION.match, _sentences(text)) if m]
        if not found and len(_AGENDA_NUMBER.findall(text)) >= 3:
            # an agenda run into one paragraph: "… 9. Riktlinjer för … 10. Redovisning av uppdrag att … 11. …"
            found = [m for piece in _AGENDA_NUMBER.split(text)[1:-1]
                     for m in [_REPORT_BACK_TITLE.match(piece.strip())] if m and len(piece) < 320]
        for m in found:
            what = m.group("what").strip(" ,;")
            if any(fuzz.token_set_ratio(fold(what), k) >= 90 for k in known):
                continue  # already accounted for where the decision closes it
            known.append(fold(what))
            out.append((FollowUp(id="", number=b.number, refers_to=what, kind="assignment", status="unknown",
                                 status_raw=None, narrative=None, provenance=ctx.provenance(bi)), "none"))
    return out


def _line_followups(ctx: Context, block_at_line: dict[int, int], ind_block) -> list[tuple[FollowUp, str]]:
    """Goals and assignments a report lists without numbered sections ("Utred … (KS)" ⏎ "Uppdraget är genomfört
    under året." ⏎ comment; "Mål: …" ⏎ "Bedömning: Delvis uppfyllt"): each accounts for itself in the lines up to
    the next listed item or heading."""
    in_sections = set(ctx.heading_item.values())
    if not ctx.is_report:  # a plan restates its items; only the ones given an assessment are followed up
        in_sections |= {it.id for kind in ("goals", "assignments") for it in ctx.get(kind)
                        if it.id not in ctx.item_status}
    # in text order; items of one block (goals named in one sentence) in the order they were read
    # (an item stated again — a summary table's goal, then its chapter — is listed at each place it stands)
    listed = sorted(((bi, kind, it)
                     for kind, pool in (("goal", ctx.get("goals")), ("assignment", ctx.get("assignments")))
                     for it in pool if it.id not in in_sections and it.provenance
                     and it.provenance.lines[0] in block_at_line
                     for bi in sorted({block_at_line[it.provenance.lines[0]], *ctx.restated.get(it.id, [])})),
                    key=lambda entry: entry[:2])
    # a heading that only labels the comment on the item above ("Kommentar", "Analys") does not end its account
    heading_blocks = sorted(h.block for h in ctx.headings if not COMMENT_TITLE.match(h.title or ""))
    out, done = [], set()
    for k, (bi, kind, item) in enumerate(listed):
        if item.id in done:
            continue
        # (up to the next other item: the item's own restatement goes on with its account)
        end = next((e[0] for e in listed[k + 1:] if e[2].id != item.id), len(ctx.blocks))
        end = min([end] + [hb for hb in heading_blocks if hb > bi])
        blocks = list(range(bi + 1, end))
        if ctx.blocks[bi].kind in ("bullet", "item"):  # the list's last item: a paragraph judging all of them is not its own
            blocks = next((blocks[:j] for j, b in enumerate(blocks) if "målen" in ctx.blocks[b].text
                           and _THE_GOALS_JUDGED.search(ctx.blocks[b].text) and _listed_above(ctx, b)), blocks)
        in_span = set(blocks)
        if item.id in ctx.item_status:  # assessed where it stands: a Status cell, "Bedömning: …", its list's intro
            cell, comment = ctx.item_status[item.id]
            out.append((FollowUp(id="", number=item.number, refers_to=item.text, kind=kind,
                                 status=read_status(cell).status, status_raw=cell, narrative=comment,
                                 provenance=item.provenance), "status cell"))
            done.add(item.id)
            continue
        if item.id in ctx.no_account:
            continue
        # (a goal in a scorecard's row: the measures and their assessment on its own row count too)
        own = {bi} if ctx.blocks[bi].kind == "row" else set()
        status, raw, tier = decide_status(ctx, blocks, [i for b, i in ind_block if b in in_span | own])
        if tier == "none":
            continue  # an item restated, listed or decided, without any account of it
        done.add(item.id)
        narrative = " ".join(ctx.blocks[b].text for b in blocks if ctx.blocks[b].kind == "para")[:2000] or None
        out.append((FollowUp(id="", number=item.number, refers_to=item.text, kind=kind, status=status,
                             status_raw=raw, narrative=narrative, provenance=item.provenance), tier))
    return out


def _core(text: str) -> str:
    t = fold(text)
    t = re.sub(r"^.*?\b(nämnden|socialnämnden)\b", "", t)
    return re.sub(r"\b(uppdras|ska|att)\b", " ", t)
