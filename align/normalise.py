"""Normalisation of goal, assignment and indicator texts for alignment across documents.

Why: the same commitment is restated from plan to report and from one year to the next with other numbering,
another opening formula ("Socialnämnden ska …", "Nämnden fortsätter arbetet med att …"), the council goal it
sits under as a prefix, other inflections and new years and amounts. Alignment compares what is left when
those are folded away (`key`), while the numbers and years that were folded are kept as evidence
(`numbers`, `years`) so that a later step can tell "minska med 5 %" from "minska med 30 %".

    normalise("1.2.1 Socialnämnden ska minska kostnaderna med 5 mnkr till 2025.")
    → Normalised(key="minska kostnad med <num> till <year>", numbers=("5 mnkr",), years=(2025,),
                 lemmas=("minska", "kostnad"), removed=("1.2.1", "Socialnämnden ska"))

Only the shipped pipeline's tokenizer and lemmatizer run (no entities, no classifier), so that ten thousand
texts (about 90 characters each) normalise in about 0.6 s on one core.
"""

from __future__ import annotations

import re
from typing import Iterable, NamedTuple

YEAR = "<year>"
NUM = "<num>"
DATE = "<date>"

# Sentinel words put in the text before tokenising: all capitals, so the lemmatizer leaves them as they are,
# and letters only, so the tokenizer keeps them whole. They become the placeholders above in `key`.
_SENTINELS = {"QQYEARQQ": YEAR, "QQNUMQQ": NUM, "QQDATEQQ": DATE}
_SENT_YEAR, _SENT_NUM, _SENT_DATE = (f" {s} " for s in _SENTINELS)

# --- Boilerplate openings, as data -------------------------------------------------------------------------
# Each is matched at the start of the (remaining) text, case-insensitively, repeatedly until none matches, so
# that "3.4 Barn och Unga i Gävle kommun har trygga uppväxtvillkor: Socialnämnden ska stärka …" loses its
# number, its council-goal prefix and its opening formula. A pattern is only applied when text remains after it.
_ACTOR = r"(?:[\wåäö]*nämnden|kommunstyrelsen|förvaltningen|sektorn|verksamheten|vi)"
_FORMULA = (
    r"(?:ska|skall|kommer\s+att|uppdras(?:\s+att)?|ges\s+i\s+uppdrag\s+att|får\s+i\s+uppdrag\s+att"
    r"|har\s+i\s+uppdrag\s+att|fortsätter\s+(?:arbetet\s+med(?:\s+att)?|att(?:\s+arbeta\s+med)?)"
    r"|arbetar\s+(?:för|med)\s+att|ansvarar\s+för\s+att|säkerställer\s+att|verkar\s+för\s+att)"
)
BOILERPLATE: tuple[tuple[str, str], ...] = (
    # list numbering and bullets: "1.2.1 ", "3.10\t", "4. ", "a) ", "• ", "- "; markdown emphasis and headings
    ("numbering", r"[#*\s]*(?:\d{1,2}(?:\.\d{1,2})*\.?(?=\s)|[a-zåäö]\)|[•\-–*·▪●○])\s*"),
    ("label", r"(?:nämndmål|inriktningsmål|verksamhetsmål|delmål|effektmål|mål|uppdrag|indikator)\s*\d*\s*:\s*"),
    # a council goal in parentheses before the committee's own text: "(Alla i Gävle kommun har trygga boendemiljöer) "
    ("council_goal", r"\([^()]{3,150}\)\s*"),
    # a council goal ending in a colon: "Barn och Unga i Gävle kommun har trygga uppväxtvillkor: "
    ("council_goal", r"[^:.;!?\n]{8,150}:\s+"),
    # the committee's opening formula: "Socialnämnden ska", "Nämnden fortsätter arbetet med att", "Vi ska"
    ("formula", _ACTOR + r"\s+" + _FORMULA + r"\s+"),
    ("formula", r"(?:målet|syftet|ambitionen)\s+är\s+att\s+"),
)
_BOILERPLATE = tuple((name, re.compile(p, re.IGNORECASE)) for name, p in BOILERPLATE)

# --- Numbers, amounts and years ----------------------------------------------------------------------------
# Units in the order they are tried (longest first), each with the one spelling kept as evidence.
UNITS: tuple[tuple[str, str], ...] = (
    (r"miljarder\s+kronor|miljarder|mdkr|mdr", "mdkr"),
    (r"miljoner\s+kronor|miljoner|mnkr|mkr|msek", "mnkr"),
    (r"tusen\s+kronor|tkr", "tkr"),
    (r"kronor|kr|sek", "kr"),
    (r"procentenheter|procentenhet|p\.e\.", "procentenheter"),
    (r"%|procent", "%"),
    (r"årsarbetare|åa", "årsarbetare"),
    (r"år", "år"),
    (r"månader|månaderna|månad|mån", "månader"),
    (r"veckor|vecka", "veckor"),
    (r"dagar|dag|dygn", "dagar"),
    (r"timmar|timme|tim", "timmar"),
    (r"personer|st|stycken", "st"),
)
_UNIT_CANON = [(re.compile(rf"(?:{p})$", re.IGNORECASE), c) for p, c in UNITS]
_NUMBER = r"\d{1,3}(?:[ \u00a0]\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?"
_RANGE = rf"(?:{_NUMBER})(?:\s*[-–]\s*(?:{_NUMBER}))?"
_UNIT = "|".join(p for p, _ in UNITS)
_YEAR = r"(?:19[5-9]\d|20\d\d)"
_DATE = (
    rf"\b{_YEAR}-\d\d-\d\d\b|\b\d{{1,2}}/\d{{1,2}}(?:[-/ ]{_YEAR})?\b"
    r"|\b\d{1,2}\s+(?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)\b"
)
# One pass, tried in this order at each place: a date, a year (four digits alone or in a period "2025-2028",
# never followed by a unit), then a number or range with its unit. One pass keeps the evidence in text order.
_MASK_RE = re.compile(
    rf"(?P<date>{_DATE})"
    rf"|(?<![\d,./])(?P<year>{_YEAR})(?![\d,.]\d)(?!\s*(?:{_UNIT})(?![\wåäö]))"
    rf"|(?<![\w,./])(?P<num>{_RANGE})(?:\s*(?P<unit>{_UNIT})(?![\wåäö]))?",
    re.IGNORECASE,
)
_SPACES = re.compile(r"[ \u00a0]")

# Words that spaCy's Swedish list does not stop but that carry nothing for rare-term overlap between goals
# (auxiliaries, light verbs, "per", "cirka"). They stay in `key`; they are left out of `lemmas`.
EXTRA_STOP: frozenset[str] = frozenset(
    "vara ha bli få ta göra kunna per cirka ca bl.a t.ex ex etc samt även genom där vilken".split()
)


class Normalised(NamedTuple):
    """A text folded for comparison, with what was folded kept as evidence."""

    key: str  # lemmas, lower case, no punctuation, no boilerplate; years/numbers as <year>/<num>
    numbers: tuple[str, ...]  # amounts, percentages and counts as found, normalised ("75 %", "12,5 mnkr")
    years: tuple[int, ...]  # the years mentioned, in order (dates give their year)
    lemmas: tuple[str, ...]  # content lemmas in text order (no stop words, numbers or punctuation)
    removed: tuple[str, ...] = ()  # the boilerplate taken off the start, in order (why the key is shorter)


def strip_boilerplate(text: str) -> tuple[str, tuple[str, ...]]:
    """(text without numbering, council-goal prefixes and opening formulas, the pieces removed)."""
    rest = text.strip()
    removed: list[str] = []
    changed = True
    while changed:
        changed = False
        for _name, pattern in _BOILERPLATE:
            m = pattern.match(rest)
            if m and m.end() > 0 and _has_words(rest[m.end():]):
                removed.append(m.group(0).strip())
                rest = rest[m.end():].lstrip()
                changed = True
                break
    return rest, tuple(removed)


def _has_words(text: str, n: int = 2) -> bool:
    return len(re.findall(r"[^\W\d_]{2,}", text)) >= n


def _number_string(raw: str) -> str:
    """'10 000' → '10000', '12.5' → '12,5' (Swedish decimal comma), '7-15' → '7–15'."""
    raw = _SPACES.sub("", raw)
    parts = re.split(r"[-–]", raw)
    out = []
    for p in parts:
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", p):  # 12.500 is a thousands separator
            p = p.replace(".", "")
        out.append(p.replace(".", ","))
    return "–".join(out)


def _unit(raw: str | None) -> str:
    if not raw:
        return ""
    raw = re.sub(r"\s+", " ", raw)
    for pattern, canon in _UNIT_CANON:
        if pattern.fullmatch(raw):
            return canon
    return raw.lower()


def mask_numbers(text: str) -> tuple[str, tuple[str, ...], tuple[int, ...]]:
    """Text with dates, years and numbers replaced by sentinels, and (numbers, years) found, in text order."""
    numbers: list[str] = []
    years: list[int] = []

    def sub(m: re.Match) -> str:
        if m.group("date"):
            y = re.search(_YEAR + r"$", m.group("date"))
            if y:
                years.append(int(y.group(0)))
            return _SENT_DATE
        if m.group("year"):
            years.append(int(m.group("year")))
            return _SENT_YEAR
        value, unit = _number_string(m.group("num")), _unit(m.group("unit"))
        numbers.append(f"{value} {unit}" if unit else value)
        return _SENT_NUM

    return _MASK_RE.sub(sub, text), tuple(numbers), tuple(years)


_nlp_state: dict[str, object] = {}


def _pipeline():
    """The shipped pipeline's tokenizer and lemmatizer, and its stop words (loaded once)."""
    if not _nlp_state:
        from plantrace.nlp_models import load

        nlp = load()
        _nlp_state["nlp"] = nlp
        _nlp_state["lemmatizer"] = nlp.get_pipe("plantrace_lemmatizer")
        _nlp_state["stop"] = frozenset(nlp.Defaults.stop_words)
    return _nlp_state["nlp"], _nlp_state["lemmatizer"], _nlp_state["stop"]


_WORD = re.compile(r"[\wåäö]")
_PUNCT_EDGES = re.compile(r"^[^\wåäö<>]+|[^\wåäö<>]+$")


def _fold(docs, stop: frozenset) -> Iterable[tuple[str, tuple[str, ...]]]:
    for doc in docs:
        key: list[str] = []
        content: list[str] = []
        for tok in doc:
            text = tok.text
            placeholder = _SENTINELS.get(text)
            if placeholder:
                key.append(placeholder)
                continue
            if not _WORD.search(text):
                continue  # punctuation
            low = tok.lower_
            if low in stop:
                key.append(low)  # the surface form: "ska" must not become "skola"
                continue
            lemma = _PUNCT_EDGES.sub("", tok.lemma_.lower()) or low
            key.append(lemma)
            if len(lemma) > 1 and not lemma.isdigit() and lemma not in EXTRA_STOP:
                content.append(lemma)
        yield " ".join(key), tuple(content)


def normalise_many(texts: Iterable[str], *, strip: bool = True) -> list[Normalised]:
    """Normalise many texts in one pass over the tokenizer and lemmatizer (the fast way)."""
    nlp, lemmatizer, stop = _pipeline()
    prepared = []
    for text in texts:
        body, removed = strip_boilerplate(text) if strip else (text.strip(), ())
        masked, numbers, years = mask_numbers(body)
        prepared.append((masked, numbers, years, removed))
    docs = (lemmatizer(nlp.make_doc(masked)) for masked, *_ in prepared)
    return [
        Normalised(key, numbers, years, lemmas, removed)
        for (key, lemmas), (_, numbers, years, removed) in zip(_fold(docs, stop), prepared)
    ]


def normalise(text: str, *, strip: bool = True) -> Normalised:
    """Normalise one text (see the module docstring); use `normalise_many` for batches."""
    return normalise_many([text], strip=strip)[0]


def lemma_sequence(text: str) -> tuple[str, ...]:
    """Content lemmas of a short phrase, no boilerplate stripping or masking: how cues are compared."""
    return normalise(text, strip=False).lemmas


def content_forms(text: str) -> tuple[tuple[str, ...], ...]:
    """For each content token of a short phrase, (lemma, lower-case form): how theme cues are compiled.

    Both forms are kept because the lemmatizer sometimes mangles a cue word on its own ("handikapp" →
    "handikappa") that inside a compound ("handikappomsorg") keeps its written form.
    """
    nlp, lemmatizer, stop = _pipeline()
    doc = lemmatizer(nlp.make_doc(text.strip()))
    out = []
    for tok in doc:
        low = tok.lower_
        if not _WORD.search(low) or low in stop:
            continue
        lemma = _PUNCT_EDGES.sub("", tok.lemma_.lower()) or low
        surface = _PUNCT_EDGES.sub("", low) or low
        if lemma in EXTRA_STOP:
            continue
        out.append(tuple(dict.fromkeys((lemma, surface))))
    return tuple(out)
