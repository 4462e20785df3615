"""Identify a document's metadata (municipality, committee, type, period, title, case number, date).

`identify(text, source)` reads the normalised text of a Swedish municipal planning / follow-up document and
returns a `Meta`. Every field comes from the content when the content tells; only when it does not, the file
name (`source`) is consulted. A field that neither can justify stays None: no guessing.
`meta.how[field]` records "content" or "file name" for every field that was filled.

Signals, most telling first:
- municipality: "<Name> kommun/stad" (any case, genitive "Kils kommun", "Borås Stads") as a letterhead line at the
  top or in the title; a web or e-mail domain ("@kalmar.se", "www.upplands-bro.se", data/domains.tsv for the
  exceptions); a postal address ("391 51 Kalmar", data/towns.tsv for offices in another town); then the name
  most often written as "<Name> kommun", "Socialnämnden i <Name>"; a bare name only when it is the only one or
  clearly dominates. A name after a comparison or cooperation cue ("jämfört med Kalmar kommun") or in a list of
  names hardly counts; a region or a county is never the municipality (Region Gotland is).
- committee: the one the title names, else one standing alone at the top (letterhead, breadcrumb trail), else
  the one named most near the top; none for a document of the whole municipality; the case-number prefix
  ("SN 2021/0045") as a last resort.
- type: protocol markers at the top, a covering letter with nothing after it ("other"), else the title's words.
- period: the years the title names ("Budget 2020 med plan 2021-2022", "Delårsrapport per augusti 2019"); a
  protocol covers its meeting's year unless its matter is a plan for a later period, a covering letter the year
  of its date.

Speed: the title, type, case number and date are looked for in the first `HEAD_LINES` lines only, and the
municipality / committee counts run over the first `WINDOW_CHARS` characters, so a 5 MB text identifies in a
few milliseconds. All patterns are compiled once, at import.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path, PurePath
from typing import Optional

from plantrace.schema import Meta

__all__ = ["identify", "kommuner", "normalise_committee"]

HEAD_LINES = 200  # lines searched for title, type, diarienummer, date
HEAD_NEAR = 40  # "near the top": occurrences here weigh more
WINDOW_CHARS = 400_000  # characters searched for municipality / committee mentions

_DATA = Path(__file__).resolve().parent / "data" / "kommuner.txt"

# --------------------------------------------------------------------------------------------- municipalities

# Municipality names that are also ordinary Swedish words or common surnames / place-name parts: they count only
# in an explicit "<Name> kommun" context, never as a bare word.
COMMON_WORD_NAMES = frozenset(
    {
        "Ale", "Berg", "Bjuv", "Boden", "Dorotea", "Eda", "Höör", "Kil", "Klippan", "Lund", "Mark", "Mora", "Nora",
        "Norberg", "Sala", "Salem", "Säter", "Tranås", "Vara", "Åre",
    }
)
# Forms used before "kommun" that differ from the usual name.
_ALIASES = {"Falu": "Falun"}

_FOLD = str.maketrans("åäöÅÄÖéÉüÜ", "aaoAAOeEuU")


def _fold(s: str) -> str:
    return s.translate(_FOLD).lower()


@lru_cache(maxsize=1)
def kommuner() -> tuple[str, ...]:
    """The 290 Swedish municipalities, in their usual spelling (from `data/kommuner.txt`)."""
    names = [ln.strip() for ln in _DATA.read_text(encoding="utf-8").splitlines()]
    return tuple(n for n in names if n and not n.startswith("#"))


_KOMMUN_BY_LOWER = {n.lower(): n for n in kommuner()}
_KOMMUN_BY_LOWER.update({a.lower(): c for a, c in _ALIASES.items()})
_ALIAS_LOWER = frozenset(a.lower() for a in _ALIASES)
_alternatives = sorted(
    {n for n in _KOMMUN_BY_LOWER.values()} | set(_ALIASES), key=len, reverse=True
)
_alternatives += [a.upper() for a in _alternatives]
# Case-sensitive (a mention is "Gävle" or "GÄVLE", never "gävle"), and without a leading look-behind so that the
# regex engine can skip ahead on the first letter; the word boundary before the name is checked by hand.
_KOMMUN_RE = re.compile(
    r"("
    + "|".join(r"[ \t\u00a0]+".join(re.escape(p) for p in a.split(" ")) for a in _alternatives)
    + r")((?i:s)|s?[ae]?bor(?:na)?|s?bon)?(?![\w-])"  # genitive, or the inhabitants ("Luleåbor", "Lundabor", "Salemsborna")
    r"(?:[ \t\u00a0]+((?i:kommun(?:s|koncern(?:s|en)?|fullmäktige(?:s)?|styrelse(?:n|ns)?)?|stad|stads|län(?:s)?))(?![\w-]))?"
)
_REGION_RE = re.compile(r"(?i:region)[ \t]+$")
# "Socialnämnden i Kalmar", "kommunfullmäktige i Borås": the name is the body's own municipality
_BODY_IN_RE = re.compile(r"(?i:fullmäktige|styrelsen|nämnden|förvaltningen)[ \t]+i[ \t]+$")
# A mention after a comparison or cooperation cue is about another municipality ("jämfört med Kalmar").
_PASSING_RE = re.compile(
    r"(?<!\w)(?i:jämför\w*(?:[ \t]+(?:sig|oss|vi\s+oss))?[ \t]+med|jämförelse med|jfr\.?|jmf\.?|liksom|i likhet med|till skillnad från"
    r"|samverkan med|samverkar med|samarbete med|samarbetar med|tillsammans med|såsom|exempelvis|t\.\s?ex\.?|bland annat|grannkommunen"
    r"|grannkommunerna|än i|än)[ \t]+(?:(?:i|med|och|både)[ \t]+)?$"
)
# "<Name> är … kommun." opening a sentence: what the text says its municipality is
_IS_A_MUNICIPALITY_RE = re.compile(r"[ \t]+är[ \t]+[^.!?\n]{0,80}?(?<![\w-])kommun(?:en)?[ \t]*[.!]")
_SENTENCE_OPENS_RE = re.compile(r"(?:^|[.!?\n])[ \t]*$")
# a list of municipalities ("Kalmar, Växjö och Nybro kommuner") names none of them as the document's own
_LIST_NEXT_RE = re.compile(r"[ \t]*(?:,|och|samt)[ \t]+[A-ZÅÄÖ]")
# File-name lookup: folded names of at least 4 letters that are not ordinary words.
_KOMMUN_BY_FOLDED = {
    _fold(n): n for n in kommuner() if n not in COMMON_WORD_NAMES and len(n) >= 4
}


def _rows(name: str) -> list[list[str]]:
    path = _DATA.parent / name
    lines = path.read_text(encoding="utf-8").splitlines()
    return [ln.split("\t") for ln in lines if ln.strip() and not ln.startswith("#")]


def _domain_map() -> dict[str, str]:
    """Domain label -> municipality: kalmar, boras, upplandsvasby, upplands-bro, alekommun, ... plus exceptions."""
    out: dict[str, str] = {}
    taken: Counter[str] = Counter()
    for n in kommuner():
        f = _fold(n)
        for base in {f.replace(" ", "").replace("-", ""), f.replace(" ", "-"), f.replace(" ", "")}:
            for label in (base, base + "kommun", base + "stad", base + "skommun", base + "sstad"):
                taken[label] += 1
                out[label] = n
    out = {k: v for k, v in out.items() if taken[k] == 1}
    for label, name in _rows("domains.tsv"):
        out[label.strip().lower()] = name.strip()
    return out


_KOMMUN_BY_DOMAIN = _domain_map()
# "@kalmar.se", "www.boras.se", "https://kommun.kalmar.se/": only the label right before ".se" counts
_DOMAIN_RE = re.compile(r"\.se(?![\w-]|\.[A-Za-z])")  # starts with a literal: scanned fast
_LABEL_RE = re.compile(r"(?<![A-Za-z0-9-])([A-Za-z0-9-]{2,40})$")


def _town_map() -> dict[str, str]:
    out = {n.lower(): n for n in kommuner()}
    for name, towns in _rows("towns.tsv"):
        for t in towns.split(","):
            out.setdefault(t.strip().lower(), name.strip())
    return out


_KOMMUN_BY_TOWN = _town_map()
# "391 51 Kalmar", "SE-391 26 KALMAR", "Box 1, 194 80 Upplands Väsby"
_ADDRESS_RE = re.compile(
    r"(?<![\d,.-])(?:SE-?[ \t]?)?\d{3}[ \t]?\d{2}[ \t]+([A-ZÅÄÖ][A-Za-zÅÄÖåäöé]+(?:[ -][A-ZÅÄÖ][A-Za-zÅÄÖåäöé]+)?)"
    r"(?![\w-])"
)

# weights of the signals (see _municipality)
_W_BARE, _W_CONTEXT, _W_NEAR, _W_PASSING = 1, 4, 3, 0.25
_W_LETTERHEAD, _W_TITLE, _W_DOMAIN, _W_ADDRESS = 12, 8, 5, 6


def _line_around(text: str, start: int, end: int) -> str:
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    return text[a : b if b >= 0 else len(text)]


def _municipality(
    window: str, near_end: int, top_end: int, title_span: Optional[tuple[int, int]], edges: tuple[str, str]
) -> Optional[str]:
    """The document's own municipality: the one in the letterhead, the title, the web / e-mail domain or the
    postal address, else the one named most often as "<Name> kommun/stad"; a bare name wins only when it
    clearly dominates. Mentions after a comparison cue ("jämfört med Kalmar") hardly count."""
    strong: Counter[str] = Counter()  # "<Name> kommun", letterhead, domain, address: the name is an owner
    owner: Counter[str] = Counter()  # letterhead, title, domain, address: the sender, whatever the body says
    bare: Counter[str] = Counter()
    bare_near: Counter[str] = Counter()
    demonyms: Counter[str] = Counter()
    genitives: Counter[str] = Counter()
    score: Counter[str] = Counter()
    for m in _KOMMUN_RE.finditer(window):
        token, _gen, suffix = m.groups()
        s = m.start()
        if s and (window[s - 1].isalnum() or window[s - 1] in "-_@./"):
            continue  # inside another word or an address
        before = window[max(0, s - 40) : s]
        region = _REGION_RE.search(before)
        name = _KOMMUN_BY_LOWER[re.sub(r"[ \t\u00a0]+", " ", token.lower())]
        near = s < near_end
        suffix_l = (suffix or "").lower()
        if region and name != "Gotland":  # a region is not the municipality, but Region Gotland is
            continue
        if suffix_l.startswith("län"):
            continue
        if _PASSING_RE.search(before) or (not suffix_l and _LIST_NEXT_RE.match(window, m.end())
                                          and not region and "bo" not in (_gen or "")):  # (a list goes on after a
            # name, not after its inhabitants: "Kävlingebon, ung som gammal")
            score[name] += _W_PASSING
            continue
        if suffix_l or region or _BODY_IN_RE.search(before):
            strong[name] += 1
            score[name] += _W_CONTEXT + (_W_NEAR if near else 0)
            in_title = title_span is not None and title_span[0] <= s < title_span[1]
            if s < top_end or in_title:
                line = _line_around(window, s, m.end())
                if in_title:
                    owner[name] += _W_TITLE
                elif len(line.split()) <= 6:
                    owner[name] += _W_LETTERHEAD
                elif near and _ANY_KW_RE.search(line) and len(line.split()) <= 16:
                    owner[name] += _W_TITLE
            continue
        if not _gen and _IS_A_MUNICIPALITY_RE.match(window, m.end()) and _SENTENCE_OPENS_RE.search(before):
            strong[name] += 1  # "Ludvika är framtidens, tillväxtens och möjligheternas kommun": said of itself
            score[name] += _W_CONTEXT + (_W_NEAR if near else 0)
            continue
        demonym = bool(_gen) and "bo" in _gen
        demonyms[name] += demonym
        genitives[name] += (_gen or "").lower() == "s"
        if (name in COMMON_WORD_NAMES and not demonym) or token.lower() in _ALIAS_LOWER:
            continue
        bare[name] += 1
        score[name] += _W_BARE + (1 if near or demonym else 0)
        if near or demonym:
            bare_near[name] += 1
    for k, part in enumerate(edges):
        for m in _DOMAIN_RE.finditer(part):
            lm = _LABEL_RE.search(part, max(0, m.start() - 41), m.start())
            name = _KOMMUN_BY_DOMAIN.get(lm.group(1).lower()) if lm else None
            if name:
                owner[name] += _W_DOMAIN if not owner[name] else 1
                strong[name] += 1
        for m in _ADDRESS_RE.finditer(part, 0, near_end if k == 0 else len(part)):
            town = m.group(1)
            name = _KOMMUN_BY_TOWN.get(town.lower())
            if name is None and (" " in town or "-" in town):
                name = _KOMMUN_BY_TOWN.get(re.split(r"[ -]", town)[0].lower())
            if name:
                owner[name] += _W_ADDRESS
                strong[name] += 1
    if owner:
        return max(owner, key=lambda n: (owner[n], score[n]))
    if not score:
        return None
    ranked = sorted(score, key=lambda n: (-score[n], -strong[n]))
    best = ranked[0]
    if strong[best]:
        return best
    if strong:  # the leader is only named bare: an owner-form mention of another one is stronger evidence
        return max(strong, key=lambda n: (score[n], strong[n]))
    if len(score) == 1 and bare_near[best] and (demonyms[best] or bare[best] >= 2 or len(window) <= 5_000):
        return best  # the only municipality a short text names, or one it names twice or by its inhabitants
    if len(score) == 1 and len(window) <= 5_000 and (demonyms[best] or genitives[best]):
        return best  # the only one a short text names, as an owner ("Falkenbergs kvalitet") or by its inhabitants
    if len(score) == 1 and bare[best] >= 3 and len(window) <= 5_000:
        return best  # the only one a short text names, and again and again ("bodde i X", "flyttade till X")
    if bare[best] >= 3 and bare_near[best] >= 1:
        runner_up = score[ranked[1]] if len(ranked) > 1 else 0
        if score[best] >= 2 * runner_up:
            return best
    return None


def _region_names() -> dict[str, str]:
    from plantrace.nlp_models.places import regions

    # "Region Örebro län" is the region's name; "Region Örebro" is how a text may shorten it
    names = {r.replace(" län", ""): f"Region {r}" for r, _ in regions() if r}
    names.update({r: f"Region {r}" for r, _ in regions() if r and r.endswith(" län")})
    names["Västra Götaland"] = "Västra Götalandsregionen"
    return names


_REGION_NAMES = _region_names()
_REGION_OWNER_RE = re.compile(r"(?<![\w-])(?:Region(?:en)?[ \t\u00a0]+(?P<a>" + "|".join(
    re.escape(n) for n in sorted(_REGION_NAMES, key=len, reverse=True)) + r")(?:s)?(?![\w-])|(?P<b>Västra[ \t\u00a0]+Götaland)sregionens?)")


# the deciding bodies say whose document it is: a region's board and assembly, not a municipality's
_REGION_BODIES = re.compile(r"\bregion(?:styrelse|fullmäktige|direktör)\w*", re.I)
_MUNICIPAL_BODIES = re.compile(r"\bkommun(?:styrelse|fullmäktige|direktör)\w*", re.I)


def _only_inside(window: str, name: str, region: str) -> bool:
    """The municipality is named only as a part of the region's name."""
    bare = region.removeprefix("Region ")
    if name == bare or name not in bare:
        return False  # (Uppsala's own documents name Region Uppsala too)
    inside = len(re.findall(re.escape(bare), window))
    return inside > 0 and len(re.findall(rf"(?<![\w-]){re.escape(name)}", window)) <= inside


def _region(window: str, near_end: int) -> Optional[str]:
    """A region's own document: "Region Skåne", "Region Jämtland Härjedalens", "Västra Götalandsregionen" named
    in the head or at least twice, not after a cooperation or comparison cue ("i samverkan med Region …")."""
    if "Region" not in window and "Götaland" not in window:
        return None  # (the pattern names neither without these words: skip the scan)
    found: Counter[str] = Counter()
    near: Counter[str] = Counter()
    for m in _REGION_OWNER_RE.finditer(window):
        if _PASSING_RE.search(window[max(0, m.start() - 40): m.start()]):
            continue
        key = re.sub(r"[ \t\u00a0]+", " ", m.group("a") or m.group("b"))
        name = _REGION_NAMES.get(key)
        if name:
            found[name] += 1
            near[name] += m.start() < near_end
    if not found:
        return None
    best, n = found.most_common(1)[0]
    return best if near[best] or n >= 2 else None


# ------------------------------------------------------------------------------------------------ committees

_COMMITTEE_RE = re.compile(
    r"(?<![\w-])("
    r"(?:[A-Za-zÅÄÖåäöÉé]+-[ \t]*\n?[ \t]*(?:och|samt)[ \t\n]+)?[A-Za-zÅÄÖåäöÉé]+nämnd(?:en|ens)"
    r"|[Tt]ekniska[ \t]+nämnden?s?"
    r")(?![\w-])"
)
# Generic words, not committee names.
_COMMITTEE_STOP = {"fack", "huvud", "beställar", "utförar", "styr", "kommun", "moder", "uppdrags", "ansvarig",
                   "ansvariga", "berörd", "berörda", "respektive"}
# Abbreviations (DOMAIN.md) used as a last resort, from the prefix of the case number only.
_COMMITTEE_ABBR = {
    "SCN": "Socialnämnden", "SN": "Socialnämnden", "UBN": "Utbildningsnämnden", "KTN": "Kulturnämnden",
    "IFN": "Idrotts- och fritidsnämnden", "AMN": "Arbetsmarknadsnämnden", "OSN": "Omsorgsnämnden",
    "ÄLN": "Äldrenämnden", "VON": "Vård- och omsorgsnämnden", "MSN": "Miljö- och samhällsbyggnadsnämnden",
    "KFN": "Kultur- och fritidsnämnden", "SBN": "Samhällsbyggnadsnämnden",
    "TN": "Tekniska nämnden", "BN": "Byggnadsnämnden", "PBN": "Plan- och byggnadsnämnden",
    "ÖFN": "Överförmyndarnämnden", "OVN": "Omvårdnadsnämnden", "AFN": "Arbetsmarknads- och funktionsrättsnämnden",
}  # "BUN" is left out: barn- och ungdomsnämnden in some municipalities, barn- och utbildningsnämnden in others
# Committee words in ASCII file names.
_COMMITTEE_FILE = {
    "social": "Socialnämnden", "utbildnings": "Utbildningsnämnden", "kultur": "Kulturnämnden",
    "byggnads": "Byggnadsnämnden", "aldre": "Äldrenämnden", "omsorgs": "Omsorgsnämnden",
    "valfards": "Välfärdsnämnden", "gymnasie": "Gymnasienämnden", "samhallsbyggnads": "Samhällsbyggnadsnämnden",
    "arbetsmarknads": "Arbetsmarknadsnämnden", "miljo": "Miljönämnden",
}


def normalise_committee(raw: str) -> Optional[str]:
    """'socialnämndens' -> 'Socialnämnden'; 'vård- och\\nomsorgsnämnden' -> 'Vård- och omsorgsnämnden'."""
    s = re.sub(r"\s+", " ", raw).strip().lower()
    s = re.sub(r"-\s+(och|samt)\s+", r"- \1 ", s)
    if s.endswith("nämndens"):
        s = s[:-1]
    elif s.endswith("nämnds"):
        s = s[:-1] + "en"
    elif s.endswith("nämnd"):
        s += "en"
    head = s.split("nämnd")[0].rstrip()
    if not head or head in _COMMITTEE_STOP:
        return None
    return s[:1].upper() + s[1:]


# a title owned by the whole municipality ("Kalmar kommuns årsredovisning", "Budget 2023 för Borås Stad")
_OWNER_TITLE_RE = re.compile(r"(?<![\w-])(?:kommun|kommuns|stad|stads|kommunkoncern|kommunkoncernens)(?![\w-])",
                             re.IGNORECASE)


_SEGMENT_SPLIT_RE = re.compile(r"[ \t\u00a0]*(?:>|\||/|,|\t|[ \t\u00a0]{2,}|[ \t][–—][ \t])[ \t\u00a0]*")
_TRAILING_DATE_RE = re.compile(r"[ \t]+(?:den[ \t]+)?\d[\d \t./:–-]*(?:[a-zåäö]+[ \t]+\d{4})?$", re.IGNORECASE)
_BOARD_RE = re.compile(r"(kommunstyrelsen|kommunfullmäktige)", re.IGNORECASE)


_MINUTES_OF = re.compile(r"^(?:sammanträdes)?protokoll(?:\s+(?:för|från))?\s+(?=\S)|(?<=n)s\s+(?:sammanträdes)?protokoll$")


_IN_PLACE_RE = re.compile(r"\s+i\s+([a-zåäöé][a-zåäöé -]{1,30})$")


def _top_committee(head: str) -> Optional[str]:
    """A committee standing alone in the letterhead or a web page's breadcrumb trail ("Socialnämnden",
    "Hem > Kalmar kommun > Kommunstyrelsen > Sammanträde"): the first one at the top is the sender."""
    for line in head.splitlines():
        line = _HEADING_RE.sub("", _MARKUP_RE.sub("", line))
        if _TOC_RE.search(line.strip()):
            continue  # a table of contents lists committees it does not come from
        for seg in _SEGMENT_SPLIT_RE.split(line):
            seg = _TRAILING_DATE_RE.sub("", seg.strip(" .,:;*#\u00a0")).lower()  # "SOCIALNÄMNDEN 2019-03-14"
            seg = _MINUTES_OF.sub("", seg)  # "Kommunstyrelsens protokoll", "Sammanträdesprotokoll Socialnämnden"
            place = _IN_PLACE_RE.search(seg)  # "Kommunstyrelsen i Skövde": the committee of that municipality
            if place and place.group(1) in _KOMMUN_BY_LOWER:
                seg = seg[:place.start()]
            if not seg or len(seg) > 60:
                continue
            m = _BOARD_RE.fullmatch(seg)
            if m:
                return m.group(1).capitalize()
            m = _COMMITTEE_RE.fullmatch(seg)
            if m and not seg.endswith("s"):
                name = normalise_committee(m.group(1))
                if name:
                    return name
    return None


# the decision a covering letter proposes names its committee: "Kommunstyrelsen föreslås besluta", "Socialnämnden
# beslutar", "Kommunstyrelsen föreslår kommunfullmäktige besluta"
_DECIDER_RE = re.compile(
    r"^(kommunstyrelsen|kommunfullmäktige|(?:[a-zåäöé]+-\s(?:och|samt)\s)?[a-zåäöé]+nämnden|tekniska nämnden)"
    r"\s+(?:föreslås\s+besluta|föreslår|beslutar|besluta)\b",
    re.IGNORECASE,
)


def _decider(lines: list[str]) -> Optional[str]:
    for s in lines:
        m = _DECIDER_RE.match(s)
        if m:
            name = m.group(1)
            return name.capitalize() if _BOARD_RE.fullmatch(name) else normalise_committee(name)
    return None


def _committee(
    window: str,
    near_end: int,
    title_span: Optional[tuple[int, int]],
    title: Optional[str] = None,
    top_end: int = 0,
) -> Optional[str]:
    """The committee named most, weighted by nearness to the top and the title. A document whose title is the
    whole municipality's (an annual report, the council's budget) names many committees in its body and
    belongs to none of them, unless one is named at its very top."""
    if title and re.search(r"\bkommunstyrelsens?\b", title, re.IGNORECASE) and not _COMMITTEE_RE.search(title):
        return "Kommunstyrelsen"  # the executive board's own plan / report: not a nämnd, but its committee
    named = _COMMITTEE_RE.search(title) if title else None
    own = normalise_committee(named.group(1)) if named else None
    if own:
        return own  # "Socialnämndens verksamhetsplan", "Mål för kulturnämnden"
    head = _top_committee(window[:top_end])
    if head:
        return head
    score: Counter[str] = Counter()
    top: dict[str, None] = {}  # in the order named: a tie goes to the first (a set's order changes between runs)
    for m in _COMMITTEE_RE.finditer(window):
        name = normalise_committee(m.group(1))
        if not name:
            continue
        w = 1
        if m.start() < near_end:
            w += 2
        if title_span and title_span[0] - 300 <= m.start() <= title_span[1] + 300:
            w += 3
        if m.start() < top_end:
            line = _line_around(window, m.start(), m.end())
            if len(line.split()) <= 8 and not _TOC_RE.search(line):
                top[name] = None  # a short line at the top (a letterhead, "Tjänsteskrivelse till socialnämnden")
        score[name] += w
    if not score:
        return None
    ranked = sorted(score, key=lambda n: -score[n])
    best = ranked[0]
    if best in top:
        return best
    if top:
        return max(top, key=lambda n: score[n])
    if title and _OWNER_TITLE_RE.search(title):
        return None
    runner_up = score[ranked[1]] if len(ranked) > 1 else 0
    return best if score[best] >= 2 * runner_up else None  # several committees, none leading: the whole municipality's


# ------------------------------------------------------------------------------------------- head / markup

_MARKUP_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>\n]{0,80})?/?>|\*\*|__|`")
_HEADING_RE = re.compile(r"^\s{0,3}#{1,6}\s+")
_EMPH_RE = re.compile(r"^\*(?=\S)|(?<=\S)\*$")
_WS_RE = re.compile(r"[ \t\u00a0]+")


_MARKUP_CHARS = re.compile(r"[<*_`#\t\u00a0]|  ")  # (most lines have none: skip the substitutions)


def _clean(line: str) -> str:
    if not _MARKUP_CHARS.search(line):
        return line.strip()
    line = _MARKUP_RE.sub("", line)
    line = _HEADING_RE.sub("", line)
    line = _WS_RE.sub(" ", line).strip()
    return _EMPH_RE.sub("", line).strip()


def _head(text: str, n: int = HEAD_LINES) -> tuple[list[str], list[int]]:
    """The first n lines (cleaned) and their character offsets."""
    lines, offsets = [], []
    pos = 0
    for _ in range(n):
        if pos > len(text):
            break
        end = text.find("\n", pos)
        if end < 0:
            end = len(text)
        lines.append(_clean(text[pos:end]))
        offsets.append(pos)
        pos = end + 1
    return lines, offsets


# --------------------------------------------------------------------------------------------- years, dates

_ISO_DATE_RE = re.compile(r"(?<!\d)((?:19|20)\d\d)-(\d\d)-(\d\d)(?!\d)")
_SV_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        "januari februari mars april maj juni juli augusti september oktober november december".split()
    )
}
_SV_DATE_RE = re.compile(
    r"(?<!\d)(\d{1,2})(?::e|:a)?\s+(" + "|".join(_SV_MONTHS) + r")\s+((?:19|20)\d\d)(?!\d)", re.IGNORECASE
)
_YEAR_RE = re.compile(r"(?<![\d,.])((?:19[5-9]|20\d)\d)(?![\d,])")
_SHORT_RANGE_RE = re.compile(r"(?<![\d,.])((?:19[5-9]|20\d)\d)\s*[-–—/]\s*(\d\d)(?![\d,])")


def _years(s: str) -> list[int]:
    s = _ISO_DATE_RE.sub(" ", s)
    s = _SV_DATE_RE.sub(" ", s)
    years = [int(y) for y in _YEAR_RE.findall(s)]
    for a, b in _SHORT_RANGE_RE.findall(s):
        full = int(a[:2] + b)
        if int(a) < full <= int(a) + 10:
            years.append(full)
    return years


def _period_from(s: str) -> Optional[tuple[int, int]]:
    """First and last year a title names; a title naming only a date ("Delårsrapport per 2019-08-31",
    "Protokoll 2021-05-12") covers that date's year."""
    years = _years(s)
    if not years:
        d = _find_date(s)
        return (int(d[:4]), int(d[:4])) if d else None
    lo, hi = min(years), max(years)
    if hi - lo > 10:  # not one planning period: keep the first year mentioned
        return (years[0], years[0])
    return (lo, hi)


def _find_date(s: str) -> Optional[str]:
    best = None
    m = _ISO_DATE_RE.search(s)
    if m:
        try:
            best = (m.start(), _dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat())
        except ValueError:
            pass
    m = _SV_DATE_RE.search(s)
    if m:
        try:
            d = _dt.date(int(m[3]), _SV_MONTHS[m[2].lower()], int(m[1])).isoformat()
            if best is None or m.start() < best[0]:
                best = (m.start(), d)
        except ValueError:
            pass
    return best[1] if best else None


# -------------------------------------------------------------------------------------------- document type

_KW_REPORT = (
    r"verksamhetsrapport|verksamhetsberättelse|delårsrapport|delårsbokslut|tertialrapport|årsredovisning"
    r"|årsrapport|årsberättelse|årsbokslut|bokslut|uppföljning|månadsrapport|målanalys|måluppfyllelse|\brapport"
)
_KW_PLAN = (
    r"verksamhetsplan|uppdragsplan|internbudget|detaljbudget|budgetunderlag|mål och budget|plan och budget"
    r"|plan med budget|budget \d{4} med plan|verksamhetsmål|handlingsplan|nämndsplan|nämndplan|förvaltningsplan"
)
# weak plan words: a plan or a page of goals, unless another word says more ("Plan för intern kontroll")
_KW_GOALS = r"\bplan\b|\bmål(?:en)?\b|\b\w{3,}mål(?:en)?\b|\b(?:politiska\s+)?uppdrag(?:en)?\b"
_KW_IC = r"internkontrollplan|intern kontroll|internkontroll"
_KW_BUDGET = r"budget"
_KW_PROTOCOL = r"sammanträdesprotokoll|protokollsutdrag|protokoll|^sammanträde\b|^kallelse\b|föredragningslista"


def _kw(pattern: str, folded: bool) -> re.Pattern[str]:
    return re.compile(_fold(pattern) if folded else pattern, re.IGNORECASE)


_CLASSIFIERS = {
    folded: (
        _kw(_KW_REPORT, folded), _kw(_KW_PLAN, folded), _kw(_KW_IC, folded), _kw(_KW_BUDGET, folded),
        _kw(_KW_PROTOCOL, folded), _kw(_KW_GOALS if not folded else r"\bplan\b", folded),
    )
    for folded in (False, True)
}
_ANY_KW_RE = re.compile("|".join((_KW_REPORT, _KW_PLAN, _KW_IC, _KW_BUDGET, _KW_PROTOCOL, _KW_GOALS)),
                        re.IGNORECASE)


def _classify(s: str, folded: bool = False) -> Optional[str]:
    """Document type from a title-like string: report vs plan by whichever comes first, plan beats
    internal control and budget ("Verksamhetsplan, budget och internkontrollplan" is a plan); the weak plan
    words ("plan", "mål", "uppdrag") only when nothing else is named."""
    rep, plan, ic, bud, prot, goals = _CLASSIFIERS[folded]
    if folded:
        s = _fold(s)
    mr, mp = rep.search(s), plan.search(s)
    if mr and mp:
        return "report" if mr.start() < mp.start() else "plan"
    if mr:
        return "report"
    if mp:
        return "plan"
    if ic.search(s):
        return "internal_control"
    if prot.search(s):
        return "protocol"
    if bud.search(s):
        return "budget"
    if goals.search(s):
        return "plan"
    return None


_PARAGRAPH_RE = re.compile(r"^(?:[A-ZÅÄÖ]{1,6}\s*)?§§?\s*\d+[a-z]?(?:\s*[-–]\s*\d+)?\b\.?\s*(.*)$")
# a meeting's routine items, never the matter a protocol extract is about
_PROCEDURAL_RE = re.compile(
    r"^(?:val av justerare?|justering|upprop|godkännande av dagordning(?:en)?|fastställande av dagordning(?:en)?"
    r"|dagordning|sammanträdets öppnande|(?:anmälan av )?delegationsbeslut|meddelanden|informationsärenden?"
    r"|information|övriga frågor)\b",
    re.IGNORECASE,
)
_PROTOCOL_HEAD_RE = re.compile(
    r"^(?:(?:sammanträdes)?protokoll(?:sutdrag)?\b|utdrag ur (?:sammanträdes)?protokoll|sammanträdesdatum\b"
    r"|justerandes? signatur|justering\b|justerare\b|plats och tid\b|beslutande(?: ledamöter)?\s*:?$"
    r"|närvarande ersättare|sammanträde\s+(?:\d|den\b)|kallelse\b|föredragningslista\b|dagordning\b)",
    re.IGNORECASE,
)

# ----------------------------------------------------------------------------------------------------- title

_TOC_RE = re.compile(r"\.{4,}|…{2,}|(?:\t| {2,})\d{1,3}\s*$|\s\d{1,3}$")
# a running page header or footer: "1(3)", "2 (14)", "Sida 3 av 15"
_PAGE_MARK_RE = re.compile(r"(?:\b\d{1,3}[ \t]?\(\d{1,3}\)|\b(?:sida[ \t]+)?\d{1,3}[ \t]+av[ \t]+\d{1,3})\s*$", re.IGNORECASE)
_LIST_RE = re.compile(r"^(?:[-•*–·▪]\s|\d+(?:\.\d+)*\.?\s|[a-z]\)\s)")
_SENTENCE_RE = re.compile(
    r"\b(?:ska|skall|är|har|beslutar|beskriver|anta|kommer|enligt|avser|innebär|visar|syftar)\b", re.IGNORECASE
)
# the letter's name can share a line with the sender ("Socialförvaltningen  Tjänsteskrivelse till …")
_LETTER_RE = re.compile(r"(?:^|\s)(?:tjänsteskrivelse|tjänsteutlåtande|missiv|följebrev|ärendeskrivelse)\b", re.IGNORECASE)
_ATTACHMENTS_RE = re.compile(r"^(?:bilagor|bilaga|bilagt|handlingar)\s*:?$", re.IGNORECASE)
_HEADER_LABEL_RE = re.compile(r"^(?:diarienummer|diarienr|dnr|datum)\b", re.IGNORECASE)
_ENDS_DASH_RE = re.compile(r"[-–—]$")
_ONLY_YEARS_RE = re.compile(r"^(?:19|20)\d\d(?:\s*[-–—]\s*(?:19|20)?\d\d)?$")


# a table's column header flattened to a line ("Mål Indikator Utfall 2015 Utfall 2016 Målvärde 2016")
_COLUMN_HEAD_RE = re.compile(r"\b(?:utfall|målvärde|nuvärde|målnivå|jämförvärde)\b", re.IGNORECASE)


def _title_ok(s: str) -> bool:
    if not (6 <= len(s) <= 150) or not s[:1].isupper() or " > " in s:  # " > ": a web page's breadcrumb trail
        return False
    if _TOC_RE.search(s) or _LIST_RE.match(s) or s.endswith(":") or _PAGE_MARK_RE.search(s):
        return False
    if len(s.split()) > 16 or _SENTENCE_RE.search(s) or _COLUMN_HEAD_RE.search(s):
        return False
    return bool(_ANY_KW_RE.search(s))


def _matter_ok(s: str) -> bool:
    """A protocol paragraph's matter: title-like, but it need not name a document type."""
    return 6 <= len(s) <= 150 and s[:1].isupper() and not s.endswith(":") and len(s.split()) <= 16 \
        and not _TOC_RE.search(s) and not _SENTENCE_RE.search(s)


def _join_next(lines: list[str], i: int) -> tuple[str, int]:
    """A title broken over two lines: 'Förslag Verksamhetsplan 2021–' + '2024', or 'Verksamhetsplan' + '2021'."""
    s = lines[i]
    j = i + 1
    while j < len(lines) and j <= i + 3 and not lines[j]:
        j += 1
    if j >= len(lines) or j > i + 3:
        return s, i
    nxt = lines[j]
    if _ENDS_DASH_RE.search(s) and re.match(r"^(?:19|20)?\d\d\b", nxt) and len(nxt) <= 40:
        sep = " " if s[-2:-1] == " " else ""
        return s + sep + nxt, j
    if not _years(s) and _ONLY_YEARS_RE.match(nxt):
        return s + " " + nxt, j
    return s, i


def _main_start(lines: list[str]) -> int:
    """Index where the document proper starts, past a covering letter (tjänsteskrivelse) if there is one."""
    nonempty = [i for i, s in enumerate(lines) if s][:10]
    if not any(_LETTER_RE.search(lines[i]) for i in nonempty):
        return 0
    for i, s in enumerate(lines):
        if i > nonempty[0] and _ATTACHMENTS_RE.match(s):
            j = i + 1
            while j < len(lines) and (not lines[j] or _LIST_RE.match(lines[j])):
                j += 1
            return j
    # no list of attachments: the second document header (a second "Diarienummer"/"Datum" label)
    labels = [i for i, s in enumerate(lines) if _HEADER_LABEL_RE.match(s)]
    later = [i for i in labels if i > labels[0] + 5]
    return later[0] if later else 0


def _without_case_number(text: str) -> str:
    """A paragraph heading's text without the case number it may start with ("Dnr SN 2019/0055 …")."""
    m = _DNR_LABEL_RE.match(text)
    if m:
        v = _DNR_VALUE_RE.match(m.group(1).strip())
        return m.group(1).strip()[v.end():].strip(" .,–-") if v else text
    v = _DNR_PREFIXED_RE.match(text) or _DNR_ALONE_RE.match(text)
    return text[v.end():].strip(" .,–-") if v else text


def _find_title(lines: list[str], start: int) -> Optional[tuple[str, int]]:
    """(title, line index) of the document's own title."""
    # a protocol extract's paragraph heading "§ 64 Verksamhetsmål ..." names the matter (not so in full
    # minutes, whose many paragraphs each have their own heading)
    seen = 0
    n_paragraphs = sum(1 for s in lines if _PARAGRAPH_RE.match(s))
    for i in range(start, len(lines) if n_paragraphs <= 3 else start):
        if not lines[i]:
            continue
        seen += 1
        if seen > 15:
            break
        m = _PARAGRAPH_RE.match(lines[i])
        rest = _without_case_number(m.group(1)) if m else ""
        if rest and _PROCEDURAL_RE.match(rest):
            continue
        if m and not rest:  # "§ 23 Dnr SN 2019/0055": the matter is named on the next line
            nxt = next((j for j in range(i + 1, min(len(lines), i + 4)) if lines[j]), None)
            if nxt is not None and _PROCEDURAL_RE.match(lines[nxt]):
                continue
            if nxt is not None and _matter_ok(lines[nxt]) and not _PARAGRAPH_RE.match(lines[nxt]):
                t, _ = _join_next(lines, nxt)
                return t.rstrip(" .").strip(), nxt
        if m and len(rest.split()) >= 2:
            t, _ = _join_next([rest] + lines[i + 1 :], 0)
            return t.rstrip(" .").strip(), i
    best_no_year = None
    seen = 0
    for i in range(start, len(lines)):
        if not lines[i]:
            continue
        seen += 1
        if seen > 60 or (n_paragraphs > 3 and _PARAGRAPH_RE.match(lines[i])):
            break  # full minutes: the paragraphs' headings name their matters, not the document
        if not _title_ok(lines[i]):
            continue
        t, _ = _join_next(lines, i)
        t = t.rstrip(" .").strip()
        if _years(t):
            return t, i
        if best_no_year is None and seen <= 15:
            best_no_year = (t, i)
    return best_no_year


# -------------------------------------------------------------------------------------- diarienummer, dates

_DNR_VALUE = r"((?:[A-ZÅÄÖ]{1,6}[ -]?)?(?:19|20)\d\d[/-]\d{1,6}(?:[-.:/]\d{1,4})?)(?![\w/])"
_DNR_LABEL_RE = re.compile(
    r"\b(?:diarienummer|diarienr|dnr|ärendenummer|ärendenr|ärende nr|vårt dnr)\b\.?\s*:?\s*(.*)$", re.IGNORECASE
)
_DNR_VALUE_RE = re.compile(r"^" + _DNR_VALUE)
_DNR_ALONE_RE = re.compile(r"^((?:[A-ZÅÄÖ]{1,6}[ -])?(?:19|20)\d\d/\d{1,6})$")
_DNR_PREFIXED_RE = re.compile(r"(?<![\w/-])([A-ZÅÄÖ]{2,6} (?:19|20)\d\d/\d{2,6})(?![\w/])")

_DATE_LABEL_RE = re.compile(
    r"^(?:sammanträdesdatum|sammanträdesdag|beslutsdatum|beslutsdag|datum|daterad|fastställd|fastställt"
    r"|antagen|antaget|antagna|beslutad|beslutat|beslutade)\b\.?\s*:?\s*(.*)$",
    re.IGNORECASE,
)


def _next_nonempty(lines: list[str], i: int, limit: int = 3) -> Optional[str]:
    for j in range(i + 1, min(len(lines), i + 1 + limit)):
        if lines[j]:
            return lines[j]
    return None


def _labelled(lines: list[str], start: int, label, value) -> Optional[str]:
    """The value a label gives ("Dnr: …", "Datum: …"), on its line or, after a label alone, on the next: the first
    at or after where the document's own text starts, else the first anywhere (a letterhead above it)."""
    found: list[tuple[int, str]] = []
    for i, s in enumerate(lines):
        m = label(s)
        if not m:
            continue
        rest = m.group(1).strip()
        v = value(rest) if rest else value(_next_nonempty(lines, i) or "", True)
        if v:
            found.append((i, v))
    if not found:
        return None
    after = [v for i, v in found if i >= start]
    return (after or [found[0][1]])[0]


def _dnr_value(text: str, next_line: bool = False) -> Optional[str]:
    v = _DNR_VALUE_RE.match(text)
    return v.group(1) if v else None


def _date_value(text: str, next_line: bool = False) -> Optional[str]:
    return _find_date(text[:60] if next_line else text[:100])


def _diarienummer(lines: list[str], start: int) -> Optional[str]:
    found = _labelled(lines, start, _DNR_LABEL_RE.search, _dnr_value)
    if found:
        return found
    nonempty = [s for s in lines if s]
    for s in nonempty[:15]:
        m = _DNR_ALONE_RE.match(s)
        if m:
            return m.group(1)
    for s in nonempty[:HEAD_NEAR]:
        m = _DNR_PREFIXED_RE.search(s)
        if m:
            return m.group(1)
    return None


def _decision_date(lines: list[str], start: int) -> Optional[str]:
    return _labelled(lines, start, _DATE_LABEL_RE.match, _date_value)


# ------------------------------------------------------------------------------------------------ file name

_HASHLIKE_RE = re.compile(r"^(?=.*\d)(?=.*[a-f])[0-9a-f]{8,}$", re.IGNORECASE)


def _file_tokens(source: str) -> list[str]:
    stem = PurePath(source).name
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", stem)
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", stem)  # foo.word.pdf
    return [t for t in re.split(r"[\s_.,;()\[\]+-]+", stem) if t and not _HASHLIKE_RE.match(t)]


def _from_file_name(source: str) -> dict[str, object]:
    tokens = _file_tokens(source)
    if not tokens:
        return {}
    joined = " ".join(tokens)
    out: dict[str, object] = {}
    years = [int(t) for t in tokens if re.fullmatch(r"(?:19[5-9]|20\d)\d", t)]
    if years:
        lo, hi = min(years), max(years)
        out["period"] = (lo, hi) if hi - lo <= 10 else (years[0], years[0])
    doc_type = _classify(joined, folded=True)
    if doc_type is None and re.search(r"(?:^|\s)vp(?:\s|$)", joined, re.IGNORECASE):
        doc_type = "plan"
    if doc_type:
        out["doc_type"] = doc_type
    folded = [_fold(t) for t in tokens]
    for k in range(len(folded)):
        for n in (3, 2, 1):
            for sep in (" ", "-"):
                cand = sep.join(folded[k : k + n])
                if len(folded[k : k + n]) == n and cand in _KOMMUN_BY_FOLDED:
                    out.setdefault("municipality", _KOMMUN_BY_FOLDED[cand])
    for t in tokens:
        low = t.lower()
        if "nämnd" in low:
            name = normalise_committee(t)
        else:
            m = re.fullmatch(r"([a-z]+)namnd(?:en)?s?", _fold(t))
            name = _COMMITTEE_FILE.get(m.group(1)) if m else None
        if name:
            out["committee"] = name
            break
    return out


# ------------------------------------------------------------------------------------------------- identify


def _meeting_year(lines: list[str], decision_date: Optional[str]) -> Optional[int]:
    """A protocol's meeting year or a letter's year: its labelled date ("Sammanträdesdatum 2021-05-12"), else the
    first date on a short line of its head ("Socialnämnden 2019-03-14", "Tjänsteskrivelse 2023-02-21") or in its
    "Plats och tid"."""
    if decision_date:
        return int(decision_date[:4])
    for s in [s for s in lines if s][:15]:
        if len(s.split()) <= 6 or _PROTOCOL_HEAD_RE.match(s):
            d = _find_date(s)
            if d:
                return int(d[:4])
    return None


def identify(text: str, source: str | None = None, furniture: str = "") -> Meta:
    """Metadata of a Swedish municipal planning / follow-up document from its normalised text.

    `source` (a file name or path) is only a fallback for fields the content does not give. `furniture`: the
    lines a reader left out of the text as page furniture (contact lines, running headers and footers), read
    for the sender's web or e-mail domain and postal address only.
    """
    text = text or ""
    meta = Meta()
    how: dict[str, str] = {}
    lines, offsets = _head(text)
    near_end = offsets[min(HEAD_NEAR, len(offsets) - 1)] if offsets else 0
    nonempty_idx = [i for i, s in enumerate(lines) if s]

    def past_nonempty(n: int) -> int:
        """Offset just past the start of the n-th non-empty line (or of the last one)."""
        return offsets[nonempty_idx[min(n, len(nonempty_idx)) - 1]] + 1 if nonempty_idx else 0

    top_end = past_nonempty(15)
    window = text[:WINDOW_CHARS]
    start = _main_start(lines)

    # title
    own = _find_title(lines, start)  # past a covering letter, if there is one
    found = own or (_find_title(lines, 0) if start else None)
    title_span = None
    if found:
        meta.title, ti = found
        how["title"] = "content"
        title_span = (offsets[ti], offsets[ti] + len(meta.title) + 10)

    # document type: protocol markers at the top, then the title, then heading-like lines near the top;
    # a covering letter with no document of its own after it is "other"
    nonempty = [lines[i] for i in nonempty_idx]
    letter_at = next((i for i in nonempty_idx[:10] if _LETTER_RE.search(lines[i])), None)
    letter = letter_at is not None and not (found and found[1] < letter_at)  # a title above it is the document's
    if any(_PARAGRAPH_RE.match(s) or _PROTOCOL_HEAD_RE.match(s) for s in nonempty[:15]):
        meta.doc_type = "protocol"
    elif letter and (start == 0 or own is None):
        meta.doc_type = "other"
    elif meta.title:
        meta.doc_type = _classify(meta.title)
    if meta.doc_type is None:
        for s in [lines[i] for i in range(start, len(lines)) if lines[i]][:HEAD_NEAR]:
            if len(s.split()) <= 12 and not _TOC_RE.search(s) and not _SENTENCE_RE.search(s):
                meta.doc_type = _classify(s)
                if meta.doc_type:
                    break
    if meta.doc_type:
        how["doc_type"] = "content"

    # case number, date
    meta.diarienummer = _diarienummer(lines, start)
    if meta.diarienummer:
        how["diarienummer"] = "content"
    meta.decision_date = _decision_date(lines, start)
    if meta.decision_date:
        how["decision_date"] = "content"

    # period: the years the title names. A protocol covers the year of its meeting unless its matter is a plan
    # for a later period ("Verksamhetsplan 2016" adopted in November 2015); a letter covers the year of its date.
    # Other documents without years in the title: a heading-like line near the top naming a kind and years.
    titled = _period_from(meta.title) if meta.title else None
    dated = _meeting_year(lines, meta.decision_date) if meta.doc_type in ("protocol", "other") else None
    if dated and not (meta.doc_type == "protocol" and titled and titled[0] >= dated):
        meta.period = (dated, dated)
    else:
        meta.period = titled
    if meta.period is None and meta.doc_type not in ("protocol", "other"):
        for s in [lines[i] for i in range(start, len(lines)) if lines[i]][:HEAD_NEAR]:
            if _title_ok(s) and _years(s):
                meta.period = _period_from(s)
                break
    if meta.period:
        how["period"] = "content"

    # municipality, committee
    # web / e-mail domains and postal addresses: letterhead and footers of the first pages, end of the text
    head_end = min(offsets[-1] if offsets else 0, 30_000)
    # (and the page furniture a reader left out of the text: contact lines, running footers)
    edges = (text[:head_end], text[max(head_end, len(text) - 4_000) :] + ("\n" + furniture if furniture else ""))
    meta.municipality = _municipality(window, near_end, top_end, title_span, edges)
    region = _region(window, near_end)
    if region and region != "Region Gotland" and (meta.municipality is None or _only_inside(window, meta.municipality, region)
                                                  or _REGION_BODIES.search(window) and not _MUNICIPAL_BODIES.search(window)):
        meta.municipality = region  # a region's own document ("Härjedalen" named only in "Region Jämtland Härjedalen")
    if meta.municipality:
        how["municipality"] = "content"
    meta.committee = _decider(lines[start:]) if meta.doc_type == "other" else None
    meta.committee = meta.committee or _committee(window, near_end, title_span, meta.title, past_nonempty(10))
    if meta.committee is None and meta.diarienummer:
        prefix = re.match(r"([A-ZÅÄÖ]{2,6})[ -]", meta.diarienummer)
        if prefix and prefix.group(1) in _COMMITTEE_ABBR:
            meta.committee = _COMMITTEE_ABBR[prefix.group(1)]
    if meta.committee:
        how["committee"] = "content"

    # file name fallback, only for what the content did not give
    if source:
        for field, value in _from_file_name(source).items():
            if getattr(meta, field) is None:
                setattr(meta, field, value)
                how[field] = "file name"

    meta.how = how
    return meta


municipalities = kommuner  # older name
