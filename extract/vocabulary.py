"""Document vocabulary as data: labels, region titles and status phrases. Swedish where it is the data."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

# label written before a goal or assignment → (kind, level); level "" = from the context
LABELS: dict[str, tuple[str, str]] = {
    "kommunfullmäktiges inriktningsmål": ("goal", "council"),
    "kommunfullmäktiges mål": ("goal", "council"),
    "inriktningsmål": ("goal", "council"),
    "kommunövergripande mål": ("goal", "council"),
    "övergripande mål": ("goal", "council"),
    "kommungemensamt mål": ("goal", "council"),
    "kommunmål": ("goal", "council"),
    "kf-mål": ("goal", "council"),
    "kf mål": ("goal", "council"),
    "kf målnr": ("goal", "council"),  # "KF målnr 3 – …": the council's goals by number
    "målnr": ("goal", ""),
    "strategiskt mål": ("goal", "council"),
    "långsiktigt mål": ("goal", "council"),
    "målområde": ("goal", "council"),
    "nämndmål": ("goal", "committee"),
    "nämndsmål": ("goal", "committee"),
    "nämndens mål": ("goal", "committee"),
    "strategiskt nämndmål": ("goal", "committee"),
    "prioriterat mål": ("goal", "committee"),
    "effektmål": ("goal", "committee"),
    "resultatmål": ("goal", "committee"),
    "verksamhetsmål": ("goal", "committee"),
    "kvalitetsmål": ("goal", "committee"),
    "fokusområde": ("goal", "committee"),
    "mål": ("goal", ""),
    "miljömål": ("goal", "council"),  # an environmental programme's goals, set by the council ("Miljömål 3 …")
    "delmål": ("goal", "sub"),
    "viljeinriktning": ("goal", "sub"),  # a programme's intended direction under its goal ("Viljeinriktning 4.2")
    "uppdrag": ("assignment", ""),
    "politiskt uppdrag": ("assignment", ""),
    "särskilt uppdrag": ("assignment", ""),
    "grunduppdrag": ("group", ""),
}

_label_alt = "|".join(sorted((re.escape(k) for k in LABELS), key=len, reverse=True))
# the label's number, plain ("Mål 2", "Delmål 1.3") or behind a code in capitals ("Mål MM.1", "Mål KF 2", "Mål NM2")
_NUM = r"(?:\s+(?P<num>(?:(?-i:[A-ZÅÄÖ]{1,4})(?:\.|\s)?)?\d{1,2}(?:[.:]\d{1,2})*[a-z]?)(?![\d.:]\d))?"
# (a comma after a number separates too: "Mål 1, Antal invånare: 37 600")
LABEL_LINE = re.compile(rf"^(?P<label>{_label_alt})(?!\w){_NUM}\s*(?P<sep>(?<=\d),|[:.–-]?)\s*(?P<text>.*)$", re.I)


_QUALIFIER = re.compile(r"^(?:(?:[a-zåäö]+|\d{4}(?:[–-]\d{2,4})?)\s*){1,3}:\s*(?=[A-ZÅÄÖ\d])")


@dataclass(frozen=True)
class LabelMatch:
    label: str  # the vocabulary's spelling
    written: str  # as written in the document
    kind: str
    level: str
    number: Optional[str]
    text: str
    colon: bool  # "Nämndmål: …" or "Nämndmål – …" rather than "Nämndmål …"

    @property
    def name(self) -> str:
        return self.written[:1].upper() + self.written[1:].lower()


def match_label(line: str) -> Optional[LabelMatch]:
    """A goal or assignment label at the start of a line, spelt as in the vocabulary or one letter off
    ("inriktningssmål"): typos are part of the data, so labels of nine letters or more match by edit distance."""
    first = line[:40].split(maxsplit=1)[0].lower().rstrip(":.–-") if line[:1].isalpha() else ""
    if first not in _FIRST_WORDS and (len(first) < 9 or first[:3] not in _FUZZY_PREFIXES):
        return None  # most lines: no label starts them, not even one letter off (a cheap test before the regexes)
    m = LABEL_LINE.match(line)
    written = m.group("label") if m else None
    if m is None:
        words = line.split(maxsplit=4)[:4]
        for k in range(len(words), 0, -1):
            head = " ".join(words[:k])
            bare = head.rstrip(":.").lower()
            if len(bare) < 9:
                break
            hit = process.extractOne(bare, _LONG_LABELS, scorer=Levenshtein.distance, score_cutoff=1)
            if hit and bare.startswith(hit[0]):
                break  # "målområden", "nämndmålen": the label inflected (a heading over many), not misspelt
            if hit:
                written = head.rstrip(":.")
                m = LABEL_LINE.match(hit[0] + line[len(written):])
                break
        if m is None:
            return None
    key = m.group("label").lower()
    kind, level = LABELS[key]
    text, sep = m.group("text").strip(), m.group("sep")
    colon = sep == ":" or (sep in ("–", "-") and text[:1].isupper())  # "Nämndsmål – Avfallet ska minska"
    qualified = None if colon else _QUALIFIER.match(text)
    if qualified:  # "Mål för att: Ökat byggande …", "Nämndmål 2024: …"
        text, colon = text[qualified.end():].strip(), True
    if not colon and re.match(r"(?:och|samt|eller|&)(?!\w)", text, re.I):
        return None  # "Strategiska mål och mått": a title naming the label's kind with another, no labelled item
    if len(text) < 40 and text.endswith(("...", "…")):
        return None  # "Målområde - Mål för att...": a template's column titles, whose items follow
    return LabelMatch(label=key, written=written, kind=kind, level=level, number=m.group("num"), text=text,
                      colon=colon)


_LONG_LABELS = [k for k in LABELS if len(k) >= 9]
_FIRST_WORDS = frozenset(k.split()[0] for k in LABELS)
_FUZZY_PREFIXES = frozenset(k[:3] for k in _LONG_LABELS)

# the word that heads a list of measures run into a paragraph ("… Indikatorer • …", "EFFEKTMÅL 2. … Indikatorer …")
MEASURES_WORD = r"(?<![\wåäö])(?:Indikatorer|INDIKATORER|Nyckeltal|NYCKELTAL|Mätetal|MÄTETAL)(?![\wåäö])"
# a measure's numbered label inside running text ("Mått 1:1 Andel …", "Indikator 2 Antal …")
MEASURE_CODE = re.compile(r"\b(?:Mått|Indikator|Nyckeltal|Mätetal)\s+\d{1,2}(?:[:.]\d{1,2})?\s+(?=[A-ZÅÄÖ])")
# … and the fields that follow its name there ("Måttansvarig:", "Adressering:", "Målvärde:")
MEASURE_FIELD = re.compile(r"\s(?:[A-ZÅÄÖ][a-zåäö]*(?:ansvar(?:ig)?|ering|källa)|Källa|Ansvar|Ansvarig|Målvärde|Utfall|"
                           r"Kommentar)\s*:")

# top-level section titles that hold goals / assignments
# "mål" in a compound names a goal ("nämndmål", "inriktningsmål"), but not in the words where it means something
# else: "ändamål" (purpose), "målgrupp", "målning", a court's "tvistemål"/"brottmål"
GOAL_REGION = re.compile(r"(?<!ända)(?<!tviste)(?<!brott)mål(?!grupp|ning)|målanalys|måluppfyllelse|fokusområden",
                         re.I)
ASSIGNMENT_REGION = re.compile(r"uppdrag", re.I)

PLACEHOLDER = re.compile(
    r"^(mål(?:et)?\s+(formuleras|fastställs|tas fram|arbetas fram)|formuleras till|(fastställs|beslutas|kompletteras) senare|ej (fastställt|beslutat))",
    re.I,
)

TARGET_SENTENCE = re.compile(r"^(Målsättningen|Målet|Ambitionen)\s+är\s+att\b.*\d", re.I)

# words that make a sentence a goal statement or a political assignment
GOAL_STATEMENT = re.compile(r"\b(ska|skall)\b", re.I)
ASSIGNMENT_CUE = re.compile(r"\b(uppdras|uppdra|uppdrog|ges i uppdrag|får i uppdrag|i uppdrag att|uppmanas att|"
                            r"(?:fick|får|har fått)\s+(?:ett|i)\s+uppdrag\s+att)\b", re.I)

# Follow-up statuses are normalised by plantrace.nlp_models.status (one vocabulary for extraction and users).

# who is responsible, in parentheses at the end: "(KS)", "(UBN, SCN och OSN)", "(Socialnämnden)"
_WHO = r"(?:[A-ZÅÄÖ]{2,5}|[A-ZÅÄÖ][a-zåäö]+(?:nämnden|styrelsen|förvaltningen)|(?:[Ss]ektor|[Ff]örvaltning|[Aa]vdelning)\s+[\wåäö-]+(?:\s+[\wåäö-]+)?)"
# … and several of them: "UBN, SCN och OSN"
BODIES = rf"{_WHO}(?:\s*(?:,|och|samt|&)\s*{_WHO})*"
COMMITTEE_ABBR = re.compile(
    rf"\.?\s*\(\s*({BODIES})\s*\)\s*\.?(?:\s*\d+(?:[,.]\d+)?\s*(?:mnkr|mkr|tkr)\.?)?\s*$"
)

# between the names of bodies: "UBN, SCN och OSN", "KS/TN" (not inside a name: "Kultur- och fritidsnämnden" is one)
NAME_SEPARATOR = re.compile(r"\s*[,/&]\s*|(?<!-)\s+(?:och|samt)\s+")
# a body by its name's last word, or by its abbreviation: "Tekniska nämnden", "Stadsbyggnadskontoret", "KS"
# (an abbreviation in capitals only: "Park" or "alla" is none)
_BODY_NAME = re.compile(r"(?:nämnd|styrelse|förvaltning|kontor|bolag|utskott|enhet|fullmäktige|sektor|avdelning)"
                        r"(?:en|et|n)?$|(?-i:^[A-ZÅÄÖ]{2,5}$)", re.I)


def names_bodies(text: str) -> bool:
    """The text is nothing but the names of bodies ("Miljö- och hälsoskyddsnämnden, Tekniska nämnden", "KS")."""
    parts = [p.strip() for p in NAME_SEPARATOR.split(text.strip().rstrip(".")) if p.strip()]
    return bool(parts) and all(len(p.split()) <= 5 and _BODY_NAME.search(p) for p in parts)


def has_marker(text: str) -> bool:
    """A responsible committee in parentheses at the end (the cheap test first: a ")" near the end)."""
    return ")" in text[-40:] and COMMITTEE_ABBR.search(text) is not None


# the verb that opens a decision's att-clauses: "Socialnämnden beslutar att …", "Kommunstyrelsen föreslår …"
DECISION_VERB = r"(?:beslutar|beslutade|beslutat|besluta|föreslår|föreslås|yrkar|hemställer|bifaller|biföll|bifallit)"

# A title over a list of political assignments ("Politiska uppdrag 2021", "Uppdrag från kommunfullmäktige",
# "Uppföljning av uppdrag"), not over the committee's mission ("Nämndens uppdrag", "Grunduppdrag").
ASSIGNMENT_TITLE = re.compile(r"\buppdrag\b(?!\s+(?:är|och\s+ansvar|enligt\s+reglementet))", re.I)
MISSION_TITLE = re.compile(r"^(?:vårt|vårat|nämndens|förvaltningens|verksamhetens|styrelsens)\s+uppdrag\b|grunduppdrag", re.I)

# "Socialnämnden uppdras att …", "Kommunstyrelsen ges i uppdrag att …", "Nämnden får i uppdrag att …"
UPPDRAS = re.compile(r"^(?:[A-ZÅÄÖ][\wåäö]*(?:-(?:\s+(?:och|&)\s+[\wåäö]+|[\wåäö]+))*(?:nämnden|styrelsen|förvaltningen)|Nämnden|Styrelsen|Förvaltningen|Kommunstyrelsen)"
                     r"(?:\s*\([A-ZÅÄÖ]{2,5}\))?\s+(?:uppdras|ges i uppdrag|får i uppdrag|ges uppdraget)\b")
# protocol decisions: "att uppdra åt socialnämnden att …", "att ge kommunstyrelsen i uppdrag att …"
ATT_UPPDRA = re.compile(r"^att\s+(?:uppdra\s+(?:åt|till|till\s+)?|ge\s+[\wåäö\- ]{3,60}?\s+i\s+uppdrag\s+att|"
                        r"[\wåäö\- ]{3,60}?\s+(?:uppdras|ges i uppdrag)\s+att)", re.I)

# The imperative forms assignments open with ("Utred …", "Ta fram …", "Säkerställ …"): data, not a rule per verb.
IMPERATIVES = frozenset("""
analysera arbeta anpassa anställ avveckla begränsa bereda besluta beskriv bevaka bidra bilda bjud bygg
definiera delta digitalisera dokumentera effektivisera erbjud etablera fastställ fatta fokusera fortsätt
frigör främja fullfölj färdigställ följ förankra förbered förbättra förenkla förstärk förtydliga förverkliga
genomför genomlys gör granska handla hitta höj implementera informera initiera inför inled integrera intensifiera
inventera involvera kartlägg klargör komplettera konkretisera kommunicera korta lyft lägg minska motverka
möjliggör normera omarbeta omfördela optimera organisera paketera pröva planera presentera prioritera påbörja
påskynda realisera redovisa reducera revidera sammanställ samordna samla samverka se skapa sprid starta stimulera
stärk stöd säkerställ sänk ta tillgängliggör tillsätt tillse tydliggör undersök upphandla upprätta uppdatera
utarbeta utforma utred utveckla utöka utvärdera verka verkställ vidareutveckla vidta välj värna växla åtgärda
återrapportera öka öppna överväg
""".split())


def imperative(text: str) -> bool:
    """The line opens with an imperative verb, as assignments and actions do ("Utred …", "Ta fram …")."""
    first = text.split(maxsplit=1)[0].lower() if text.strip() else ""
    return first.strip(",.:") in IMPERATIVES and text[:1].isupper()


def aim_first(text: str) -> bool:
    """The text opens with what shall be done, in any case ("förbättra resultaten", "öka inkluderingen"): a named
    aim or task inside a sentence."""
    first = text.split(maxsplit=1)[0].lower() if text.strip() else ""
    return first in IMPERATIVES or first.endswith("a") and first[:-1] in IMPERATIVES


def verb_first(text: str) -> bool:
    """An imperative or an infinitive opens the text ("Utred …", "Utreda …", "Ta fram …"), as the items of an
    assignment list do."""
    first = text.split(maxsplit=1)[0].lower().strip(",.:") if text.strip() else ""
    return text[:1].isupper() and (first in IMPERATIVES or first.endswith("a") and first[:-1] in IMPERATIVES)


# a heading or line that only labels what is said about the item above ("Analys", "Kommentar"): no new item, no title
COMMENT_TITLE = re.compile(r"^(?:kommentar(?:er)?|analys|kommentar\s+och\s+analys|analys\s+och\s+kommentar|"
                           r"bedömning|måluppfyllelse|status|uppföljning)\s*:?$", re.I)
