"""Values in table cells: a number behind a bound, a placeholder word, a direction. Numbers themselves are read by
plantrace.numbers (shared with the status reader and the reports)."""

from __future__ import annotations

import re
from typing import Optional

from plantrace.numbers import AMOUNT, BOUND, YEAR, parse_number  # noqa: F401  (the cell readers import them from here)

# One table cell as a value: a number (decimal comma, space thousands, sign, unit), optionally behind a bound
# ("Minst 60 %", "Högst 3", "Max 10 dagar", "Minst NKI 75"), or a word cells hold ("Uppdateras", "Ja", "-").
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
