"""Swedish numbers in cells: "-357,5", "67 044", "12.5 mnkr", "30 %", "−1 200"."""

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


YEAR = r"(?:19|20)\d{2}"  # a year as documents write it

# One table cell as a value: a number (decimal comma, space thousands, sign, unit), optionally behind a bound
# ("Minst 60 %", "Högst 3", "Max 10 dagar", "Minst NKI 75"), or a word cells hold ("Uppdateras", "Ja", "-").
AMOUNT = (r"[-−–+]?(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:[,.]\d+)?"
           r"(?:\s?(?:%|procent|mnkr|tkr|mkr|kr|st|dagar|dygn|veckor|timmar)(?![\wåäö]))?")
BOUND = r"(?:minst|högst|max(?:imalt)?|min(?:imum)?|lägst|över|under|ca\.?|cirka|[<>≤≥=])"
VALUE_WORDS = ("uppdateras", "saknas", "data saknas", "ej aktuellt", "ej mätt", "ja", "nej", "delvis", "öka", "minska",
               "ökar", "minskar", "oförändrat", "bibehålla", "behålla", "uppfyllt", "delvis uppfyllt", "ej uppfyllt",
               "uppnått", "delvis uppnått", "ej uppnått", "inte uppnått", "grön", "gul", "röd")
CELL_VALUE = re.compile(
    rf"(?:{BOUND}\s*(?:[A-ZÅÄÖ]{{2,5}}\s+)?{AMOUNT}|{AMOUNT}|-{{1,2}}|–|—|\.\.|…|[↑↓→↗↘]|"
    rf"(?:{'|'.join(sorted(VALUE_WORDS, key=len, reverse=True))})(?![\wåäö]))",
    re.I,
)


def is_cell_value(text: str) -> bool:
    """A whole cell that holds a value (a number, a bound, a placeholder word), not a name."""
    return bool(CELL_VALUE.fullmatch(text.strip()))


def stated_direction(raw: str) -> Optional[str]:
    """A target that is a direction ("Öka", "Minska", an arrow), not a bound: "Minst 60 %" states a level."""
    s = raw.strip().lower()
    if re.fullmatch(r"(öka|ökar|ökning|↑|↗)", s):
        return "increase"
    if re.fullmatch(r"(minska|minskar|minskning|↓|↘)", s):
        return "decrease"
    return None
