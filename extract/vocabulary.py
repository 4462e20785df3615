"""Document vocabulary as data: labels, region titles and status phrases. Swedish where it is the data."""

from __future__ import annotations

import re

# label written before a goal or assignment → (kind, level)
LABELS: dict[str, tuple[str, str]] = {
    "kommunfullmäktiges inriktningsmål": ("goal", "council"),
    "kommunfullmäktiges inriktningssmål": ("goal", "council"),
    "inriktningsmål": ("goal", "council"),
    "kommunövergripande mål": ("goal", "council"),
    "övergripande mål": ("goal", "council"),
    "strategiskt mål": ("goal", "council"),
    "målområde": ("goal", "council"),
    "nämndmål": ("goal", "committee"),
    "nämndsmål": ("goal", "committee"),
    "strategiskt nämndmål": ("goal", "committee"),
    "effektmål": ("goal", "committee"),
    "resultatmål": ("goal", "committee"),
    "verksamhetsmål": ("goal", "committee"),
    "fokusområde": ("goal", "committee"),
    "delmål": ("goal", "sub"),
    "uppdrag": ("assignment", ""),
    "politiskt uppdrag": ("assignment", ""),
    "särskilt uppdrag": ("assignment", ""),
    "grunduppdrag": ("group", ""),
}

_label_alt = "|".join(sorted((re.escape(k) for k in LABELS), key=len, reverse=True))
LABEL_LINE = re.compile(rf"^(?P<label>{_label_alt})(?:\s+(?P<num>\d{{1,2}}))?\s*[:.]?\s*(?P<text>.*)$", re.I)

# top-level section titles that hold goals / assignments
GOAL_REGION = re.compile(r"mål(?!gruppe)|målanalys|måluppfyllelse|fokusområden", re.I)
ASSIGNMENT_REGION = re.compile(r"uppdrag", re.I)

PLACEHOLDER = re.compile(
    r"^(mål(?:et)?\s+(formuleras|fastställs|tas fram|arbetas fram)|formuleras till|(fastställs|beslutas|kompletteras) senare|ej (fastställt|beslutat))",
    re.I,
)

TARGET_SENTENCE = re.compile(r"^(Målsättningen|Målet|Ambitionen)\s+är\s+att\b.*\d", re.I)

# words that make a sentence a goal statement or a political assignment
GOAL_STATEMENT = re.compile(r"\b(ska|skall)\b", re.I)
ASSIGNMENT_CUE = re.compile(r"\b(uppdras|uppdra|ges i uppdrag|får i uppdrag|i uppdrag att)\b", re.I)

# Follow-up statuses are normalised by plantrace.nlp_models.status (one vocabulary for extraction and users).
