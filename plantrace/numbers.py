"""Swedish numbers as documents write them ("-357,5", "67 044", "12.5 mnkr", "30 %", "−1 200") and whether an
outcome meets its target. Shared by extraction (table cells), the status reader ("88 % (mål 90 %)") and the
reports (target met), so that all three read a number and a bound the same way."""

from __future__ import annotations

import re
from typing import Optional

_NUM = re.compile(
    r"^(?P<pre>(?:ca\.?|cirka|minst|max(?:imalt)?|högst|lägst|under|över|<|>|≤|≥|=)?\s*)"
    r"(?P<num>[-−–+]?\s?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[,.]\d+)?|[-−–+]?\s?\d+(?:[,.]\d+)?)"
    r"\s*(?P<unit>%|procent|mnkr|tkr|kr|mkr|miljoner kronor|st|dagar|dygn|år|index)?\.?$",
    re.I,
)


def parse_number(raw: str) -> tuple[Optional[float], Optional[str]]:
    """Return (value, unit) for a cell holding one number, else (None, None)."""
    if raw is None:
        return None, None
    s = raw.strip()
    if not s:
        return None, None
    m = _NUM.match(s)
    if not m:
        return None, None
    num = m.group("num")
    num = num.replace("−", "-").replace("–", "-").replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
    num = num.replace(",", ".")
    try:
        value = float(num)
    except ValueError:
        return None, None
    unit = m.group("unit")
    if unit:
        unit = unit.lower()
        if unit == "procent":
            unit = "%"
    return value, unit


# a count written as a word ("tre av fem", "de två sista målen", "Av de tolv …")
NUMBER_WORDS = {"ingen": 0, "inget": 0, "inga": 0, "noll": 0, "en": 1, "ett": 1, "två": 2, "tre": 3, "fyra": 4,
                "fem": 5, "sex": 6, "sju": 7, "åtta": 8, "nio": 9, "tio": 10, "elva": 11, "tolv": 12}


def count_of(word: str) -> Optional[float]:
    """A count written as a word or in figures ("tolv", "12", "3,5"); None when it is neither."""
    low = word.strip().lower()
    return NUMBER_WORDS[low] if low in NUMBER_WORDS else parse_number(word)[0]


YEAR = r"(?:19|20)\d{2}"  # a year as documents write it
# a number in running text or a cell (decimal comma, space thousands, sign, unit) and a bound before it
AMOUNT = (r"[-−–+]?(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:[,.]\d+)?"
           r"(?:\s?(?:%|procent|mnkr|tkr|mkr|kr|st|dagar|dygn|veckor|timmar)(?![\wåäö]))?")
BOUND = r"(?:minst|högst|max(?:imalt)?|min(?:imum)?|lägst|över|under|ca\.?|cirka|[<>≤≥=])"


# Indicators where less is better when no bound or direction says so: sick leave, costs, waiting times, emissions.
_LESS_IS_BETTER = re.compile(
    r"(?:sjukfrånvaro|frånvaro|kostnad|väntetid|kötid|ledtid|handläggningstid|arbetslöshet|utsläpp|avvikelse|"
    r"klagomål|olyck|skador\b|ohälsotal|personalomsättning|energianvändning|energiförbrukning|matsvinn|"
    r"koldioxid|sjuktal|vakans|överbeläggning|utbetald\w* försörjningsstöd|försörjningsstöd)", re.I)
_AT_MOST = re.compile(r"\b(?:högst|max(?:imalt)?|under|mindre\s+än|lägre\s+än|minska\w*)\b|[<≤]", re.I)


def less_is_better(target_raw: str | None = None, direction: str | None = None, name: str | None = None) -> bool:
    """Whether an outcome at or below the target meets it: a bound ("Högst 5 %", "< 10"), a direction ("Minska"),
    else what the indicator measures ("Sjukfrånvaro", "Väntetid"); more is better otherwise."""
    if direction:
        return direction == "decrease"
    if target_raw and _AT_MOST.search(target_raw):
        return True
    if target_raw and re.search(r"\b(?:minst|lägst|över|mer\s+än|öka\w*)\b|[>≥]", target_raw, re.I):
        return False
    return bool(name and _LESS_IS_BETTER.search(name))


def target_met(actual: float, target: float, target_raw: str | None = None, direction: str | None = None,
               name: str | None = None) -> bool:
    return actual <= target if less_is_better(target_raw, direction, name) else actual >= target
