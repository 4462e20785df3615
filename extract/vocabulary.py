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

# status phrases, strongest first within each tier; (pattern, status)
STATUS_EXPLICIT: list[tuple[re.Pattern, str]] = [
    (re.compile(r"^(?:status\s*:\s*)?(ej påbörjad|ej påbörjat|ej genomförd|ej genomfört|ej uppnått|inte uppnått|ingen måluppfyllelse|röd)\.?$", re.I), "not_done"),
    (re.compile(r"^(?:status\s*:\s*)?(delvis uppnått|delvis genomförd|delvis genomfört|delvis|viss måluppfyllelse|gul)\.?$", re.I), "partial"),
    (re.compile(r"^(?:status\s*:\s*)?(påbörjad|påbörjat|pågår|pågående|försenad|försenat)\.?$", re.I), "ongoing"),
    (re.compile(r"^(?:status\s*:\s*)?(avförd|avfört|avslutad utan genomförande)\.?$", re.I), "cancelled"),
    (re.compile(r"^(?:status\s*:\s*)?(genomförd|genomfört|uppnått|uppfyllt|klar|klart|god måluppfyllelse|grön)\.?$", re.I), "done"),
    (re.compile(r"\bbedöms\s+(inte|ej)\s+(bli|kunna bli|kunna)\s+(genomfört|genomförd|uppnått|uppfyllt)", re.I), "not_done"),
    (re.compile(r"\bbedöms\s+(bli|kunna bli)\s+(genomfört|genomförd|uppnått|uppfyllt)", re.I), "ongoing"),
    (re.compile(r"\bingen\s+måls?(?:upp|opp)fyllelse\b", re.I), "not_done"),
    (re.compile(r"\bviss\s+måls?(?:upp|opp)fyllelse\b|\bdelvis\s+(uppnått|uppfyllt|genomfört)\b", re.I), "partial"),
    (re.compile(r"\b(ej|inte|icke)\s+(genomfört|genomförd|genomförts|uppnått|uppnåtts|uppfyllt|påbörjat|påbörjats)\b", re.I), "not_done"),
    (re.compile(r"\b(målet|uppdraget|målen)\s+(är|har)\s+(inte|ej)\b", re.I), "not_done"),
    (re.compile(r"\bdelvis\s+(genomfört|genomförd|uppnått|uppfyllt|måluppfyllelse)\b", re.I), "partial"),
    (re.compile(r"\b(avförd|avfört|avförs|utgår|har avslutats utan)\b", re.I), "cancelled"),
    (re.compile(r"\bmåluppfyllelse har skett\b|\b(målet|uppdraget)\s+(är|har)\s+(uppnått|genomfört|uppfyllt|slutfört)\b|\bgod\s+måls?(?:upp|opp)fyllelse\b", re.I), "done"),
    (re.compile(r"\b(uppdraget|arbetet)\s+(pågår|är påbörjat)\b|\bpågår\s+enligt plan\b", re.I), "ongoing"),
]
COLOUR = re.compile(r"^(grön|gul|röd|lila)\b", re.I)
COLOUR_STATUS = {"grön": "done", "gul": "partial", "röd": "not_done", "lila": "unknown"}
STATUS_CELL = {
    "ja": "done", "uppnått": "done", "genomförd": "done", "genomfört": "done", "klar": "done", "grön": "done",
    "delvis": "partial", "delvis uppnått": "partial", "gul": "partial", "påbörjad": "ongoing", "pågår": "ongoing",
    "nej": "not_done", "ej uppnått": "not_done", "ej genomförd": "not_done", "röd": "not_done", "ej påbörjad": "not_done",
    "försenad": "ongoing", "avförd": "cancelled",
}
STATUS_WEAK: list[tuple[re.Pattern, str]] = [
    (re.compile(r"\b(har|är)\s+(tagits fram|tagit fram|framtagen|framtaget|framtagna|genomförts|genomförd|införts|infört|implementerats|startat|startats|inrättats)\b", re.I), "done"),
    (re.compile(r"\bsaknas\b|\bhar uteblivit\b|\binte (nåtts|uppnåtts)\b", re.I), "not_done"),
    (re.compile(r"\b(pågår|påbörjats|har påbörjat)\b", re.I), "ongoing"),
]
