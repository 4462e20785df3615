"""Swedish numbers in cells: "-357,5", "67 044", "12.5 mnkr", "30 %", "−1 200"."""

from __future__ import annotations

import re
from typing import Optional

_NUM = re.compile(
    r"^(?P<pre>(?:ca\.?|cirka|minst|max(?:imalt)?|högst|under|över|<|>|≤|≥)?\s*)"
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
