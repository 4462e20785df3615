"""Follow-up status normaliser: free text, cells, colours, smileys and arrows → one of six statuses.

    normalise_status("Uppdraget bedöms inte bli genomfört.")  # ("not_done", "Uppdraget bedöms inte bli genomfört")

Why regexes and not spaCy's Matcher: the vocabulary is character-level (smileys, arrows, "måloppfyllelse" typos,
inflected participles matched by one pattern each) and the normaliser must work on a bare cell string without a
pipeline. The rules alone cost a few tens of µs a phrase (a sentence of a report section: up to ~160 µs), about 3 µs
go to tokenising the phrase, which a Matcher needs before it starts; `normalise_status` with the status model about
65 µs (bench/nlp_speed.py). The choice is by what the patterns can say and by accuracy (1.0 on the 145-case test
set, 16/17 on the answer keys' status phrases: a launch reported as "har startat upp …" is ongoing here, as any start
without a completion cue is, while the key says done). The rules do not reach new municipalities' wording well
(0.662 on a phrase set none of them was written for), so `read_status` adds a trained status model (see there).
Why ordered cue families and not the
first phrase in the text: one status line often holds several cues ("Påbörjat men inte slutfört", "Uppdraget är
genomfört. Arbetet fortsätter"), and which one decides is a rule (extract/followups.py weighs a report section's
sentences by the same order and by `status_match`'s strength):
"bedöms bli genomfört" is a forecast (ongoing), "ej påbörjad" is not_done, "försenad" is ongoing, "lila" is
unknown ("svårbedömt").
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Iterable, NamedTuple

from plantrace.numbers import AMOUNT, YEAR, count_of, parse_number, target_met

from .prefilter import necessary_literals

STATUSES = ("done", "partial", "not_done", "ongoing", "cancelled", "unknown")

_NEG = r"(?:inte|ej|icke|ännu\s+inte|inte\s+ännu|ej\s+ännu|aldrig)"
_DONE = (r"(?:genomförd[ae]?|genomfört|genomförts|genomfördes|uppnådd[ae]?|uppnått|uppnåtts|uppnåddes|uppnås|uppfylls|"
         r"uppfylld[ae]?|uppfyllt|uppfyllts|uppfylldes|slutförd[ae]?|slutfört|slutförts|slutfördes|utförd[ae]?|utfört|"
         r"utförts|verkställd[ae]?|verkställt|verkställts|färdigställd[ae]?|färdigställt|färdigställts|klar|klart|"
         r"nådd[ae]?|nått|nåtts|nåddes|avklarad|avklarat|infört|införts|implementerat|implementerats|åtgärdat|åtgärdats|"
         r"redovisat|redovisats|tagits\s+fram|tagit\s+fram|framtagen|framtaget|framtagna|inrättats|inrättad|"
         r"upprättad|upprättats|antagits|antagen|antogs|fastställts|fastställd|åtgärdad|"
         r"undertecknad|undertecknat|nås|når|uppfyller|uppnår|färdig|färdigt|färdiga|återrapporterat|återrapporterad|"
         r"återrapporterats|godkändes|åtgärdade|invigdes|öppnade|öppnades|avslutats|avslutades|"
         r"(?:är|blev|blivit)\s+avslutad[e]?|(?:är|blev|blivit)\s+avslutat|"
         r"(?:tagen|taget|togs|tagits)\s+i\s+(?:drift|bruk))")
_STARTED = r"(?:påbörjad[ae]?|påbörjat|påbörjats|påbörjades|inlett|inletts|igångsatt)"
_START = rf"(?:{_STARTED}|startad[ae]?|startat|startats)"
_FUTURE = r"(?:klart?|genomför\w*|uppnå\w*|uppfyll\w*|slutför\w*|färdigställ\w*|nås|nå|verkställ\w*)"
# the subject a status phrase is about; not part of the patterns (an optional prefix would be tried at every
# character) but added to the evidence when it stands right before the match: "Målet är inte uppnått"
_SUBJECT_BEFORE = re.compile(r"\b(?:målet|målen|uppdraget|uppdragen|åtgärden|åtgärderna|aktiviteten|aktiviteterna|"
                             r"arbetet|indikatorn|delmålet|planen|handlingsplanen|insatsen)\s+"
                             r"(?:är\s+|har\s+|blev\s+|bedöms\s+|kommer\s+)?$", re.I)
_GOAL = r"måls?(?:upp|opp)fyllelse"
_DEGREE = (r"(?:i\s+(?:hög|låg|viss|stor|liten|begränsad)\s+grad|till\s+(?:största|stor|viss|mindre|en\s+mindre|"
           r"en\s+viss)\s+del(?:en)?|nästan|delvis|till\s+ungefär\s+\w+|till\s+hälften|"
           r"(?:för|i)\s+(?:\w+\s+)?(?:en|två|tre|fyra|fem|\d+)\s+av\s+(?:två|tre|fyra|fem|sex|sju|åtta|nio|tio|\d+))")
# the report back on an assignment approved: "Återrapporten godkänns", "Redovisning av förstudien godkänns" (a report
# of the year approved is no status: "Fullmäktige godkände tertialrapporten")
_REPORT_BACK = (r"(?:återrapport\w*|redovisning(?:en)?\s+av\s+(?:\w+\s+){0,2}?(?:uppdrag\w*|utredning\w*|förstudie\w*))"
                r"\s+(?:\w+\s+){0,3}?(?:godkän\w*|läggs\s+till\s+handlingarna)")
# … or told as done: "Utredningen har nu återrapporterats" (extract/assignment_rules.py finds it in minutes)
REPORT_BACK_APPROVED = re.compile(rf"\b{_REPORT_BACK}|\b(?:utredningen|uppdraget|förstudien)\s+har\s+(?:nu\s+)?"
                                  rf"återrapporterats\b", re.I)
_PREFIX = r"^\W*(?:(?:status|bedömning|måluppfyllelse|prognos|uppföljning|kommentar|resultat|utfall)\s*[:\-–]\s*)?"

_C = lambda pattern: re.compile(pattern, re.I)  # noqa: E731

# Whole-cell values of status columns and systems (after a "Status:" prefix and punctuation are removed).
CELLS = {
    "ja": "done", "klar": "done", "avslutat": "done", "avslutad": "done", "åtgärdat": "done", "godkänt": "done", "klart": "done", "god": "done", "uppnått": "done", "uppnådd": "done",
    "hög": "done", "medel": "partial", "låg": "not_done",  # a three-step scale of goal attainment
    "genomförd": "done", "genomfört": "done", "uppfyllt": "done", "slutförd": "done", "slutfört": "done",
    "delvis": "partial", "viss": "partial", "delvis uppnått": "partial", "delvis genomförd": "partial",
    "delvis genomfört": "partial",
    "nej": "not_done", "ingen": "not_done", "ej uppnått": "not_done", "inte uppnått": "not_done",
    "ej genomförd": "not_done", "ej genomfört": "not_done", "ej påbörjad": "not_done", "ej påbörjat": "not_done",
    "ej startad": "not_done", "ej godkänt": "not_done", "ej godkänd": "not_done", "ok": "done", "ej ok": "not_done",
    "färdigt": "done", "färdig": "done", "inga avvikelser": "done", "ingen avvikelse": "done", "avvikelse": "not_done",
    "avvikelser": "not_done", "ingen anmärkning": "done", "utan anmärkning": "done", "med anmärkning": "not_done",
    "påbörjad": "ongoing", "påbörjat": "ongoing", "pågår": "ongoing", "pågående": "ongoing", "försenad": "ongoing",
    "försenat": "ongoing", "startad": "ongoing", "under arbete": "ongoing",
    "avförd": "cancelled", "avfört": "cancelled", "utgår": "cancelled", "struken": "cancelled", "avbruten": "cancelled",
    "svårbedömt": "unknown", "ej bedömd": "unknown", "ej bedömt": "unknown", "-": "unknown",
}

SYMBOLS = {
    "done": "🙂😊☺😀😃😁🟢✅✓✔↑⬆▲🡅⇧",
    "partial": "😐😕🟡🟠⚠→➡⇒↔⬌►▶",
    "not_done": "🙁☹😞😟😢☹🔴❌✗✘↓⬇▼⇩⛔",
    "unknown": "🟣❓",
}
_SYMBOL_STATUS = {ch: status for status, chars in SYMBOLS.items() for ch in chars}
_SYMBOL = re.compile("|".join(re.escape(ch) for ch in sorted(_SYMBOL_STATUS, key=len, reverse=True)))

COLOURS = {"grön": "done", "grönt": "done", "gröna": "done", "gul": "partial", "gult": "partial", "gula": "partial",
           "orange": "partial", "röd": "not_done", "rött": "not_done", "röda": "not_done", "lila": "unknown"}
# a colour opens a status line only when it stands alone ("Grön.", "Gul – delvis", "Röd (ej uppnått)"), not as
# an adjective ("Grön handlingsplan är framtagen")
_COLOUR = _C(_PREFIX + r"(?P<c>grön[ta]?|gul[ta]?|orange|röda?|rött|lila)(?=\s*(?:$|[.,:;!()–-]))")
_COLOUR_INLINE = _C(r"\b(?:bedöms\s+som|markerad\s+som|status(?:en)?(?:\s+är)?|färg\s*:?|visar|lyser)\s*(?P<c>grön[ta]?|gul[ta]?|orange|röda?|rött|lila)\b")

# started is not finished: "startat (upp)" is ongoing like "påbörjat" — a completion cue in the same text decides
# first ("har startats och är genomfört"), because the done families come earlier in RULES
_ONGOING = _C(rf"\b(?:pågår|pågående|{_START}(?:\s+upp)?|startades|har\s+påbörjat|igång|i\s+gång|under\s+(?:arbete|genomförande|uppstart)|"
                   rf"fortgår|fortsätter|fortlöper|pågick|verkställighet|under\s+(?:handläggning|utredning|beredning|uppförande|"
                   rf"byggnation|framtagande|genomförande)|håller\s+på\s+att|löpande|successivt|följer\s+tidplanen|bereds|"
                   rf"(?:genomförs|åtgärdas|redovisas|beslutas|behandlas|färdigställs|införs|lanseras)\s+(?:\w+\s+)?(?:under|i|senast|efter|före|"
                   rf"enligt)\b|återupptag\w*|väntas|planeras|stegvis|på\s+rätt\s+väg|"
                   rf"försenad[ae]?|försenat|försening|enligt\s+plan|följer\s+plan(?:en)?)\b")

_BARE_PATTERNS: set[re.Pattern] = set()


def _bare(pattern: re.Pattern) -> re.Pattern:
    """Mark a family that matches ordinary verbs of narrative ("har genomförts", "fortsätter", "saknas"): in
    running text it is weak evidence, unless the sentence is a short status line or names its subject."""
    _BARE_PATTERNS.add(pattern)
    return pattern


_NEEDS_DONE: set[re.Pattern] = set()


def _needs_done(pattern: re.Pattern) -> re.Pattern:
    """Mark a family every alternative of which holds a completion word (`_DONE` as a whole word): a text with no
    such word skips it (the same matches, less work: most sentences of a report section have none)."""
    _NEEDS_DONE.add(pattern)
    return pattern


# (status, pattern), in the order they decide; the first family with a match wins.
_NUMBER_WORD = r"(?:en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv|\d+)"

RULES: list[tuple[str, re.Pattern]] = [
    # nothing stated yet, or nothing to state it from: "för tidigt att bedöma", "utfall saknas", "har inte kunnat mätas"
    ("unknown", _C(r"\bför\s+tidigt\s+att\s+(?:\w+\s+)?bedöma\b|"
                   r"\b(?:utfall(?:et)?|resultat(?:et)?|underlag(?:et)?|kommentar|värde(?:t)?)\s+(?:\w+\s+){0,5}?saknas\b|"
                   r"\b(?:underlag|kommentar|utfall|resultat)\w*\s+saknas\b|"
                   r"\b(?:inte|ej)\s+(?:kunnat|gått\s+att)\s+(?:mätas|mäta|bedömas|bedöma|lämna\s+(?:någon\s+)?bedömning)\b|"
                   r"\b(?:redovisas|mäts)\s+först\s+i\b")),
    # what a council does with a motion or a citizens' proposal, and an assignment's closing words
    ("cancelled", _C(r"\b(?:avslås|avslogs|avslagen|avslaget|avvisas|avvisades|avvisad|avvisat|"
                     r"(?:bifalls|bifölls)\s+(?:inte|ej))\b")),
    # a proposal to the council is no decision yet: "KS föreslår fullmäktige att motionen ska anses besvarad"
    ("ongoing", _C(r"\bföreslår\s+(?:\w+\s+){0,3}?att\s+[^.;]{0,120}?\b(?:anses?\s+(?:\w+\s+){0,2}?besvara[dt]|"
                   r"besvaras|bifall[as]\w*|avslå[s]?)\b")),
    ("ongoing", _C(r"\b(?:remitterad\w*|remitteras|återremitter\w*|under\s+(?:beredning|behandling)|"
                   r"(?:lämna[dt]?|överlämna[dt]?)\s+(?:\w+\s+){0,3}?för\s+(?:utredning|beredning|yttrande)|"
                   r"(?:inte|ej)\s+färdigbered\w*|förlängd\s+beredningstid|i\s+en\s+uppstartsfas)\b")),
    ("done", _C(r"\b(?:(?:anses\s+)?besvarad|besvarat|besvarades|(?:motionen|medborgarförslaget|förslaget|"
                r"interpellationen|frågan)\s+besvaras|fullgjorts|fullgjort|slutrapporter\w*|färdigbehandla[dt]\w*|"
                r"(?<![Ii]ngen\s)åtgärd\s+vidtagen|överträffar\s+(?:\w+\s+)?mål\w*|klarar\s+målet|bättre\s+än\s+målet|"
                r"i\s+allt\s+väsentligt|"
                # an assignment's final report approved or filed: the assignment is done
                r"godkän\w*\s+(?:\w+\s+){0,2}?slut(?:redovisning|rapport)\w*|slut(?:redovisning|rapport)\w*\s+(?:\w+\s+){0,3}?"
                rf"godkän\w*|(?:lägg\w*|lades)\s+slut(?:redovisning|rapport)\w*\s+till\s+handlingarna|{_REPORT_BACK})\b")),
    ("not_done", _C(r"\b(?:åtgärd(?:er)?\s+(?:ej|inte)\s+vidtag\w*|inga\s+åtgärder\s+har\s+vidtagits|"
                    r"skjutits\s+på\s+framtiden|understiger\s+(?:\w+\s+)?mål\w*|(?:ligger|hamnar)\s+under\s+mål\w*|"
                    r"missar\s+målet)\b")),
    # "Två av målets fem indikatorer har nått …", "sex av åtta skolor": some, not all
    ("partial", _C(rf"\b{_NUMBER_WORD}\s+av\s+(?:\w+\s+){{0,2}}?{_NUMBER_WORD}\s+(?!år\b|procent\b)\w+"
                   rf"(?=[^.;]*?\b(?:uppfyll|uppnå|nå[ts]?\b|nådd|nått|klar|verkställ|genomför|målvärde|måluppfyllelse|"
                   rf"visar\s+mål))")),
    # "… nåddes för alla nämnder utom socialnämnden": all but some
    ("partial", _C(r"\btill\s+övervägande\s+del\b|\bi\s+begränsad\s+omfattning\b|\butom\s+(?:det|den|de|ett|en)\s+som\b|"
                   r"\b(?:alla|samtliga)\b[^.;]{0,80}?\butom\b")),
    # "Sammantaget bedöms målet uppnått", "Kontrollmålet bedöms uppfyllt": assessed as reached (a participle)
    ("done", _C(r"\b(?<!till\sfullo\s)(?:bedöms|anses|bedömdes)\s+(?:(?!vara\b|bli\b|kunna\b)\w+\s+)?(?:helt\s+)?"
                r"(?:uppnått|uppnådd|uppfyllt|uppfylld|genomfört|genomförd|verkställt|verkställd)\b(?![^.;]{0,40}?"
                r"\b(?:nästa\s+år|vid\s+årets\s+slut|till\s+årsskiftet|under\s+hösten|under\s+våren))")),
    ("unknown", _C(r"\b(?:svårbedöm\w*|(?:kan|går)\s+(?:\w+\s+){0,2}?(?:inte|ej)\s+(?:att\s+)?bedöma?s?|osäkert\s+om|"
                   r"framgår\s+(?:inte|ej)|(?:ej|inte)\s+bedöm(?:t|d|bart|bar)|"
                   r"bedömning\s+saknas|ingen\s+bedömning|uppgift\s+saknas|data\s+saknas|ej\s+mätbar\w*|"
                   r"ej\s+möjligt\s+att\s+bedöma|inte\s+möjligt\s+att\s+bedöma)\b")),
    ("cancelled", _C(r"\b(?:avförd[ae]?|avfört|avförs|avförts|utgår(?!\s+(?:i\s?från|från(?!\s+och\s+med)|ur|efter))|utgått(?!\s+(?:i\s?från|från|ur))|struken|strukits|stryks|makulerad|"
                     r"makulerat|avbruten|avbrutet|avbrutits|avslutad\s+utan\s+genomförande|avslutat\s+utan\s+genomförande|"
                     r"(?:har\s+)?avslut(?:as|ats|ades|at|ad|s)\s+utan\s+\w+|återkallad|återkallat|återkallats|har\s+ersatts\s+av|"
                     r"ersätts\s+av|upphör|upphört|upphörde|inställd|inställt|ställts\s+in|avskriv(?:s|es|its|ts|et|en|na|as)\b|återkallas|"
                     r"(?:dragits|drogs|dras)\s+tillbaka|(?:inte|ej)\s+längre\s+(?:\w+\s+)?(?:aktuell\w*|nödvändig\w*)|"
                     r"(?:aktuell\w*|nödvändig\w*)\s+längre|och\s+avslutas|(?:uppdraget|projektet|aktiviteten|åtgärden)\s+(?:\w+\s+){0,6}?(?:avslutas|avbryts)|avbryts|förfallit|"
                     r"tagits\s+bort|upphävts|upphävdes|ska\s+(?:inte|ej)\s+längre\s+\w+|(?:har\s+)?lagts\s+ned|(?:har\s+)?lagts\s+ner|inaktuell\w*|"
                     r"är\s+inte\s+längre\s+aktuell\w*)\b")),
    # paused: not being carried out, not ended either ("vilande", "pausat", "lagt på is", "skjutits upp")
    ("not_done", _C(r"\b(?:vilande|vilar|pausad[ae]?|pausat|pausats|pausades|på\s+is|skjutits\s+upp|skjuts\s+upp|"
                    r"uppskjuten|uppskjutet|senarelagd|senarelagt|senarelagts|har\s+inte\s+prioriterats)\b")),
    # not to the full: "har inte kunnat genomföras fullt ut", "… inte i den omfattning som planerats" (some of it was)
    ("partial", _C(rf"\b{_NEG}\s+(?:\w+\s+){{0,3}}?fullt\s+ut\b|\b{_NEG}\s+(?:[\w-]+\s+){{0,8}}?i\s+(?:den|full|planerad)\s+"
                   r"omfattning\b")),
    # a forecast of failure: "Svårt att uppnå", "risk att målet inte nås"
    ("not_done", _C(rf"\b(?:svårt|svår|osannolikt)\s+att\s+(?:\w+\s+){{0,2}}?{_FUTURE}\b|\brisk\s+(?:för\s+)?att\s+"
                    rf"(?:\w+\s+){{0,3}}?{_NEG}\s+(?:\w+\s+)?{_FUTURE}\b")),
    ("not_done", _C(rf"\blångt\s+ifrån\s+(?:\w+\s+)?{_DONE}\b|\b(?:inte|ej)\s+(?:troligt|sannolikt|möjligt)\s+att\s+"
                    rf"(?:\w+\s+){{0,3}}?{_FUTURE}\b|\b{_NEG}\s+kommer\s+att\s+(?:\w+\s+)?{_FUTURE}\b|"
                    rf"\b(?:bedömer|bedöms|tror)\s+(?:vi\s+)?{_NEG}\s+att\s+(?:\w+\s+){{0,3}}?{_FUTURE}\b|"
                    rf"\b(?:riskerar|risk)\s+(?:för\s+)?att\s+(?:\w+\s+){{0,6}}?{_NEG}\s+(?:\w+\s+)?{_FUTURE}\b|"
                    rf"\bpekar\s+på\s+att\s+(?:\w+\s+){{0,8}}?{_NEG}\s+{_FUTURE}\b|"
                    rf"\b(?:inte|ej)\s+förenlig\w*|\bingen\s+åtgärd\s+(?:har\s+)?(?:vidtagits|vidtagen|gjorts)|"
                    rf"\binte\s+vidtagit|\binget\s+har\s+gjorts|\bhar\s+(?:ännu\s+)?inte\s+kunnat\s+\w+|"
                    rf"\b(?:inte|ej)\s+kommit\s+i\s?gång|\b(?:kom|kommit)\s+(?:aldrig|inte|ej)\s+i\s?gång|\bplanerat?\s+att\s+(?:starta|påbörjas|inledas)")),
    ("partial", _needs_done(_C(rf"(?:\b{_NEG}\s+(?:\w+\s+){{0,2}}?(?:helt|fullt\s+ut|fullständigt|till\s+fullo|"
                               rf"i\s+sin\s+helhet)\s+(?:\w+\s+){{0,2}}?{_DONE}\b|"
                               rf"\b{_DONE}\s+{_NEG}\s+(?:helt|fullt\s+ut|fullständigt)\b)"))),
    # not wholly done, whatever the participle: "ännu inte helt omhändertagen", "inte helt åtgärdade"
    ("partial", _C(r"\b(?:inte|ej)\s+helt\s+\w+(?:ad|at|ade|ats|ts|dd|tt|en|et|na|da|de)\b")),
    ("not_done", _C(rf"\b(?:bedöms|beräknas|förväntas|kommer)\s+(?:att\s+)?{_NEG}\s+(?:att\s+)?(?:\w+\s+){{0,2}}?{_FUTURE}\b")),
    ("not_done", _C(rf"(?:\b{_NEG}\s+(?:\w+\s+){{0,2}}?{_START}\b|\bej\s+start\w*)")),
    # work going on as it should: "Pågår, inga avvikelser", "Pågående utan avvikelse" (not yet done)
    ("ongoing", _C(r"^\W*(?:pågår|pågående)\b\W*(?:\w+\W+){0,2}?(?:inga|ingen|utan)\s+(?:avvikelse|anmärkning)")),
    ("done", _C(r"\binga\s+(?:avvikelser|anmärkningar|brister)\b|\bingen\s+(?:avvikelse|anmärkning|brist)\b|"
                r"\butan\s+(?:anmärkning|avvikelse)\b")),
    ("partial", _C(r"\b(?:en|ett|två|tre|fyra|fem|sex|\d+)\s+av\s+(?:två|tre|fyra|fem|sex|sju|åtta|nio|tio|\d+)\s+"
                   r"(?:\w+\s+)?(?:mål|målen|delmål|delar|delarna|indikatorer|indikatorerna|målområden|åtgärder)\b")),
    ("partial", _needs_done(_C(rf"\b{_DEGREE}\s+(?:\w+\s+){{0,2}}?{_DONE}\b|\b{_DONE}\s+(?:\w+\s+){{0,3}}?{_DEGREE}|"
                               rf"\b{_DONE}\b[^.;]{{0,80}}?\bmen\s+(?:inte|ej)\b"))),
    ("negated_done", _C(rf"(?:\b{_NEG}\s+(?:\w+\s+){{0,2}}?{_DONE}\b|\b(?:{_DONE}|uppnåddes|nåddes)\s+{_NEG}\b|"
                        rf"\b{_NEG}\s+(?:\w+\s+)?(?:kunnat|hunnit)\s+{_FUTURE})")),
    ("not_done", _C(rf"\bingen\s+(?:{_GOAL}|förbättring|effekt|utveckling)\b|{_PREFIX}ingen\W*$")),
    ("partial", _C(rf"\bdelvis\s+(?:\w+\s+)?{_DONE}\b|\bviss\s+{_GOAL}|{_PREFIX}(?:viss|delvis)\W*$|\bdelar\s+av\s+(?:målet|uppdraget)\s+(?:är|har)\b")),
    ("partial", _bare(_C(r"\bdelvis\b|\btill\s+viss\s+del\b|\bi\s+viss\s+mån\b"))),
    ("ongoing", _C(rf"\b(?:prognos\w*|väntas|förväntas|beräknas|ser\s+ut|ska\s+vara|kommer|bedömer|bedöms(?!\s+(?:vara|som)\b))\b[^.;]{{0,60}}?"
                   rf"\b(?:att\s+)?(?:bli\s+|vara\s+|kunna\s+|bli\s+helt\s+)?{_FUTURE}\b|"
                   rf"\b{_DONE}\s+(?:\w+\s+){{0,3}}?(?:under\s+nästa\s+år|till\s+årsskiftet|"
                   rf"före\s+årsskiftet|vid\s+årets\s+slut)\b|\b{_DONE}\b[^.;]{{0,80}}?\b(?:\w+\s+)?pågår\b")),
    ("partial", _needs_done(_C(rf"\b{_DONE}\b[^.;]{{0,80}}?\båterstår\b"))),
    ("done", _C(rf"\b(?:bedöms|anses|bedömdes)\s+(?:vara\s+|som\s+)(?:helt\s+)?{_DONE}\b")),
    ("ongoing", _C(rf"\b(?:bedöms|beräknas|förväntas|planeras|prognostiseras|kommer)\s+(?:att\s+)?(?:bli\s+|kunna\s+bli\s+|kunna\s+|vara\s+)?(?:helt\s+)?{_FUTURE}\b")),
    ("done", _C(rf"(?:\b{_GOAL}\s+har\s+skett\b|\b(?:god|hög|full|fullständig)\s+{_GOAL}\b)")),
    ("done", _needs_done(_bare(_C(rf"\b(?:helt\s+)?{_DONE}\b")))),
    ("done", _bare(_C(r"\b(?:har|är)\s+(?:tagits\s+fram|tagit\s+fram|framtagen|framtaget|framtagna|införts|infört|"
                      r"implementerats|inrättats|inrättad|upprättad|upprättats|anställts|antagits|antagen|beslutats|"
                      r"etablerad|etablerats)\b"))),
    ("not_done", _C(r"\bavvikelse(?:r|n)?\b|\bbrist(?:er|en|erna)?\s+(?:har\s+)?(?:konstaterats|konstaterad|noterats|noterades|"
                    r"upptäcktes|i\b)|\bbrist\s+konstaterad|\bmed\s+anmärkning\b|\butan\s+åtgärd\b|"
                    r"\b(?:fungerar|följs|följdes)\s+(?:inte|ej)\b(?!\s+upp\b)")),
    ("ongoing", _bare(_ONGOING)),
    ("done", _C(r"\b(?:bifalls|bifölls|bifallen|bifallet|bifaller|biföll)\b(?!\s+(?:inte|ej)\b)")),  # a motion agreed to
    ("not_done", _bare(_C(r"\bsaknas\b|\bsaknades\b|\bhar\s+uteblivit\b|\buteblivit\b|\bmisslyckats\b"))),
]


_BARE = {rank for rank, (_status, pattern) in enumerate(RULES) if pattern in _BARE_PATTERNS}
_DONE_GATED = {rank for rank, (_status, pattern) in enumerate(RULES) if pattern in _NEEDS_DONE}
_SHORT_LINE_WORDS = 8


class StatusMatch(NamedTuple):
    status: str
    evidence: str
    strength: str  # "cell" | "value" | "symbol" | "colour" | "explicit" | "model" | "weak" | "none"
    rank: int  # the deciding rule's place in the order (lower decides first); cells, symbols and colours are -1


# The families run on the lower-cased text as case-sensitive copies: the same matches (every pattern spells its
# words in lower case) at less than half the cost of IGNORECASE over Unicode (bench/nlp_speed.py).
_RULE_PATTERNS = [pattern for _status, pattern in RULES]
_LOWER_RULES = [re.compile(pattern.pattern) for pattern in _RULE_PATTERNS]
# every family's necessary literals (prefilter.py): on the lower-cased text a family none of whose literals occur
# is not searched — most sentences of a report hold those of three or four families of thirty-four
_FAMILY_STEMS = [necessary_literals(pattern.pattern, pattern.flags) or frozenset([""]) for pattern in _LOWER_RULES]
_ALL_STEMS = tuple(sorted({stem for stems in _FAMILY_STEMS for stem in stems}))
# … looked up by their first three letters: only the stems whose head occurs in the text are tested (a third faster
# than testing all of them; "" and two-letter stems are always tested)
_SHORT_STEMS = tuple(stem for stem in _ALL_STEMS if len(stem) < 3)
_STEMS_BY_HEAD: dict[str, tuple[str, ...]] = {}
for _stem in _ALL_STEMS:
    if len(_stem) >= 3:
        _STEMS_BY_HEAD[_stem[:3]] = _STEMS_BY_HEAD.get(_stem[:3], ()) + (_stem,)


def _stems_in(low: str) -> set[str]:
    present = {stem for stem in _SHORT_STEMS if stem in low}
    for head in {low[i:i + 3] for i in range(len(low) - 2)}.intersection(_STEMS_BY_HEAD):
        present.update(stem for stem in _STEMS_BY_HEAD[head] if stem in low)
    return present
_PREFIX_LOWER = re.compile(_PREFIX)
_DONE_WORD = re.compile(rf"\b{_DONE}\b", re.I)
_DONE_WORD_LOWER = re.compile(_DONE_WORD.pattern)
_ONGOING_LOWER = re.compile(_ONGOING.pattern)


# An outcome beside its target in one clause: "Andel behöriga: 91 % (mål 95 %)", "410 lägenheter mot målet 600",
# "Medarbetarindex 4,0, målet är minst 3,8". The numbers decide (met: done, not met: not_done), above any verb
# ("färdigställda"), since the figure is the evidence an auditor checks; a forecast ("prognos") is not an outcome.
_FIGURE = AMOUNT  # a number and its unit, as plantrace.numbers reads them
_TARGET_FIGURE = re.compile(
    rf"\bmål(?:et|värde(?:t)?|nivå(?:n)?|sättning(?:en)?)?(?:\s+(?:för\s+|till\s+)?(?P<year>{YEAR}))?\s*(?:är|var|på|om|:|=)?\s*"
    rf"(?:satt\s+till\s+)?(?P<bound>(?:minst|högst|max(?:imalt)?|lägst|över|under|[<>≤≥])\s*)?(?P<target>{_FIGURE})"
    rf"(?!\s?\d)", re.I)
_OUTCOME_FIGURE = re.compile(rf"(?<![\d,.])(?P<figure>{_FIGURE})(?!\s?(?:av|till)\s+\d)")
# a number that names a school year, a step or a part is no outcome ("åk 9", "kvartal 2", "etapp 3")
# (nor is a change, "förkortades med 21 procent")
_NOT_OUTCOME_BEFORE = re.compile(r"\b(?:åk|årskurs|klass|kvartal|etapp|fas|steg|nivå|vecka|dag|år|kapitel|med)\s*$|§\s*$",
                                 re.I)
_FORECAST = re.compile(r"\b(?:prognos\w*|beräkna\w*|förvänta\w*|väntas|troligen|bedöm\w*)\b", re.I)
# … and inside a compound too ("Helårsprognosen … över budget"), where a budget figure is read
_FORECAST_ANY = re.compile(r"prognos|beräkna|förvänta|väntas|troligen|bedöm", re.I)




def against_target(text: str) -> StatusMatch | None:
    """An outcome read against the target beside it (None when the clause does not hold both)."""
    if "mål" not in text.lower() or _FORECAST.search(text):
        return None
    for t in _TARGET_FIGURE.finditer(text):
        clause = re.split(r"[;!?]|\.(?=\s|$)", text[:t.start()])[-1]
        offset = t.start() - len(clause)
        outcomes = [o for o in _OUTCOME_FIGURE.finditer(clause)
                    if not re.fullmatch(YEAR, o.group("figure").strip())
                    and not _NOT_OUTCOME_BEFORE.search(clause[:o.start()])]
        if not outcomes:
            continue
        outcome = outcomes[-1]
        if re.fullmatch(YEAR, t.group("target").strip()) or re.match(r"\s*(?:är|var|blir|utgör)\b", clause[outcome.end():]):
            continue  # "målet 2030" names a year; "ett meritvärde på 30 är målet" states the target, no outcome
        (actual, actual_unit), (target, target_unit) = parse_number(outcome.group("figure")), parse_number(t.group("target"))
        if actual is None or target is None or actual_unit != target_unit:
            continue  # (figures of different units compare nothing: "45 %" and "50 mnkr")
        if t.group("year") and not re.search(YEAR, clause):
            return None  # a target of a year the outcome is not said to be of ("81 % (mål 2030: 98 %)"): a way to go
        share = re.match(r"\s*(?:procent|%)?\s*av\s+[a-zåäö]", clause[outcome.end():])  # "92 procent av ärendena"
        met = target_met(actual, target, t.group("bound"), name=None if share else clause[:outcome.start()])
        evidence = text[offset + outcome.start():t.end()].strip(" .,:;–-")
        return StatusMatch("done" if met else "not_done", evidence, "value", -1)
    pair = _LABELLED_PAIR.search(text) if "tfall" in text else None
    if pair and not (pair.group("y1") and pair.group("y2") and pair.group("y1") != pair.group("y2")):
        (actual, actual_unit), (target, target_unit) = parse_number(pair.group("actual")), parse_number(pair.group("target"))
        if actual is not None and target is not None and actual_unit == target_unit:
            met = target_met(actual, target, pair.group("bound"), name=text[:pair.start()])
            return StatusMatch("done" if met else "not_done", pair.group().strip(" .,:;–-"), "value", -1)
    return None


# the two as labelled cells, each its own sentence: "Utfall: 5,1. Målvärde: 6,0." (a target of another year than
# the outcome's is a way still to go, no reading)
_LABELLED_PAIR = re.compile(rf"\bUtfall(?:\s+(?P<y1>{YEAR}))?\s*:\s*(?P<actual>{_FIGURE})\s*[.;,]?\s*"
                            rf"Mål(?:värde|nivå)(?:\s+(?P<y2>{YEAR}))?\s*:\s*(?P<bound>(?:minst|högst|max(?:imalt)?|lägst|[<>≤≥])\s*)?"
                            rf"(?P<target>{_FIGURE})(?!\s?\d)", re.I)


# A deviation from budget, which the figures state: "−1,8 mkr mot budget", "gick 5,1 mnkr över budget", "2,6 mnkr
# sämre än budget", a cost over or a result under its budget are a shortfall (in a forecast too: it foresees one);
# "bättre än budget", "+4 mnkr mot budget", a result over its budget are met, or in a forecast not yet (ongoing).
# A "men" after it turns the sentence ("sämre än budget men målet för budgetföljsamhet är ändå uppnått"): no reading.
_MONEY = r"\d[\d \u00a0]*(?:[,.]\d+)?\s*(?:mnkr|mkr|tkr|mdkr|miljoner(?:\s+kronor)?|kr)"
_BUDGET_SHORT = re.compile(rf"[−–-]\s?{_MONEY}\s+(?:mot|jämfört\s+med|i\s+förhållande\s+till)\s+budget|"
                           rf"\b(?:gick|går|gå|överskred\w*|överskrid\w*)\s+(?:\w+\s+){{0,3}}?(?:{_MONEY}\s+)?över\s+budget|"
                           # "överskred sin budget med 9,6 mnkr", "ett överskridande av sina ramar"
                           rf"\böverskr(?:ed|idit|ider|idande|idanden)\w*\s+(?:av\s+)?(?:sin|sina|sitt|den|de)?\s*(?:budget|ram)\w*|"
                           # a cost above its budget, a result below it: "nettokostnad blev 21 mnkr högre än budget",
                           # "helårsprognosen … ligger 6,3 mkr under det budgeterade resultatet"
                           rf"kostnad\w*\b[^.;]{{0,60}}?\bhögre\s+än\s+(?:budget|budgeterat)|"
                           rf"(?:resultat|prognos)\w*\b[^.;]{{0,60}}?\b(?:under|lägre\s+än)\s+(?:det\s+)?budgeter\w*\s+resultat|"
                           rf"kostnad\w*\b[^.;]{{0,60}}?\bövers(?:tiger|teg)\s+budget|"
                           rf"(?:resultat|intäkt)\w*\b[^.;]{{0,60}}?\bunders(?:tiger|teg)\s+budget|\bsämre\s+än\s+budget",
                           re.I)
_BUDGET_MET = re.compile(rf"\bbättre\s+än\s+budget|kostnad\w*\b[^.;]{{0,60}}?\blägre\s+än\s+(?:budget|budgeterat)|"
                         rf"(?:resultat|överskott)\w*\b[^.;]{{0,60}}?\s(?:{_MONEY}\s+)?över\s+budget\b", re.I)
# How much of a whole is done: "upparbetades till 71 procent", "64 % genomfört", "9 av 12", "Av de tolv
# aktiviteterna har nio genomförts" — some of it partial, all of it done, none of it not done. A rank ("plats 45 av
# 290") is no share.
_COUNT = r"(?:\d+(?:[,.]\d+)?|ingen|inget|inga|noll|en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv)"
_SHARE_DONE = re.compile(r"\b(?:upparbeta\w*|genomför\w*|utför\w*|verkställ\w*)\s+(?:\w+\s+){0,2}?till\s+"
                         r"(?P<pct>\d+(?:[,.]\d+)?)\s*(?:%|procent)|(?<![\d,.])(?P<pct2>\d+(?:[,.]\d+)?)\s*(?:%|procent)\s+"
                         r"(?:genomfört|genomförd|klart|klar|utfört|utförd|färdigställt|upparbetat|verkställt)\b|"
                         # "är klar till 80 procent", "genomfört till drygt hälften"
                         r"\b(?:klar[at]?|genomför\w*|utför\w*|färdigställ\w*)\s+till\s+(?:(?P<pct3>\d+(?:[,.]\d+)?)\s*(?:%|procent)|"
                         r"(?:drygt\s+|knappt\s+|cirka\s+|ungefär\s+)?(?P<half>hälften))|"
                         # a share of the goals met ("uppnås 91 % av nämndernas mål", "70 procent av målen uppfylls")
                         # or the goals' fulfilment as a share ("måluppfyllnaden uppnås till 70 %")
                         r"\b(?:uppnås|uppfylls|nås)\s+(?P<pct4>\d+(?:[,.]\d+)?)\s*(?:%|procent)\s+av\s+(?:[\wåäö]+\s+){0,4}?"
                         r"[\wåäö]*mål(?:en)?\b|(?<![\d,.])(?P<pct5>\d+(?:[,.]\d+)?)\s*(?:%|procent)\s+av\s+(?:[\wåäö]+\s+){0,4}?"
                         r"[\wåäö]*mål(?:en)?\s+(?:uppnås|uppfylls|nås|är\s+uppfyllda|är\s+uppnådda|har\s+uppnåtts|har\s+uppfyllts)\b|"
                         r"\bmåluppfyll\w*\s+(?:\w+\s+){0,2}?(?:till|på|uppgår\s+till|blev|är)\s+(?P<pct6>\d+(?:[,.]\d+)?)\s*"
                         r"(?:%|procent)", re.I)
_CONDITION_BEFORE = re.compile(r"\b(?:när|ifall|förutsatt\s+att)\b", re.I)  # ("om" is as often "about")
_FRACTION = re.compile(rf"(?<![\w,.])(?P<x>{_COUNT})(?:\s*(?:km|st|m))?\s+av\s+(?:de\s+|totalt\s+)?(?:planerade\s+)?"
                       rf"(?P<y>{_COUNT})(?![\w,.])(?!\s*(?:år|procent|%)\b)", re.I)
_FRACTION_INVERTED = re.compile(rf"\bav\s+(?:de\s+)?(?P<y>{_COUNT})\s+[^.;]{{0,80}}?\s(?:har|hade)\s+(?P<x>{_COUNT})\s+"
                                r"(?:\w+\s+)?(?:genomförts|uppnåtts|nåtts|uppfyllts|verkställts|slutförts|åtgärdats|"
                                r"färdigställts|byggts|klarats|utförts|levererats)\b", re.I)
# a share is read where the text says the parts are done ("har nio genomförts", "3 av 11 mål uppnådda") or is the
# share alone ("5 av 8"); a share of faults ("avvikelse i 4 av 25 stickprov"), of a count ("dag 56 av 90", "38 av
# 100 poäng") or with a negation is left to the words
_SHARE_VERB = re.compile(r"\b(?:genomför\w*|uppnå\w*|uppfyll\w*|nådde|nåddes|nått|nåtts|klar[at]?|utför\w*|"
                         r"färdigställ\w*|åtgärdat\w*|verkställ\w*|slutför\w*|gått\s+vidare|visar\s+grönt)\b", re.I)
_SHARE_SPOILT = re.compile(r"\b(?:inte|ej|avvikelse\w*|brist\w*|saknade?s?|för\s+sent|fel\w*|endast|bara)\b", re.I)
_NEGATED_BEFORE = re.compile(r"\b(?:inte|ej|ingen|inga|inget|aldrig)\b(?![^.;]*\bmen\b)", re.I)
_RANK_BEFORE = re.compile(r"\b(?:plats|placering|rank\w*|nr|nummer|sida|kapitel|etapp|fas|steg|dag|vecka|kvartal|§)\s*$",
                          re.I)


def _share(done: float, whole: float) -> str:
    return "done" if done >= whole else "not_done" if done <= 0 else "partial"


def figures_read(text: str) -> StatusMatch | None:
    """A status the text's figures give: a deviation from budget, or how much of a whole is done (None when the
    text holds neither)."""
    low = text.lower()
    if "budget" in low or "överskr" in low:
        short, met = _BUDGET_SHORT.search(text), _BUDGET_MET.search(text)
        m = short or met
        if m and not re.search(r"\bmen\b", text[m.end():], re.I) and not (short and met) \
                and not _NEGATED_BEFORE.search(text[:m.start()]):  # ("Ingen förvaltning överskred sin ram")
            status = "not_done" if short else "ongoing" if _FORECAST_ANY.search(text) else "done"
            return StatusMatch(status, m.group(0).strip(), "value", -1)
    if "hälften" in low and not _NEGATED_BEFORE.search(text):
        m = _SHARE_DONE.search(text)
        if m and m.group("half"):
            return StatusMatch("partial", m.group(0).strip(), "value", -1)
    if ("%" in text or "procent" in low) and not _NEGATED_BEFORE.search(text):
        m = _SHARE_DONE.search(text)
        if m and not m.group("half"):
            group = next(g for g in ("pct", "pct2", "pct3", "pct4", "pct5", "pct6") if m.group(g))
            pct = parse_number(m.group(group))[0]
            if group in ("pct4", "pct5", "pct6") and _CONDITION_BEFORE.search(text[:m.start()]):
                pct = None  # "… anses uppfylld när … 75 procent av övriga mål är uppfyllda": a condition, no outcome
            if pct is not None:
                return StatusMatch(_share(pct, 100), m.group(0).strip(), "value", -1)
    if " av " in low or low.startswith("av "):
        for m in (_FRACTION_INVERTED.search(text), _FRACTION.search(text)):
            if m is None or _SHARE_SPOILT.search(text):
                continue
            alone = m is not None and not re.search(r"[^\W\d_]{2}", re.split(r"[:–]", text[m.end():])[0]) \
                and not re.search(r"[^\W\d_]{2}", re.split(r"[:–-]\s", text[:m.start()])[-1]) \
                and not re.search(r"\b\w{3,}as\b", text[:m.start()])  # ("Underskrifter samlas in – 47 av 50": under way)
            if m and (alone or _SHARE_VERB.search(text)) and not _RANK_BEFORE.search(text[:m.start()]):
                done, whole = count_of(m.group("x")), count_of(m.group("y"))
                if done is not None and whole and done <= whole and not _FORECAST.search(text):
                    return StatusMatch(_share(done, whole), m.group(0).strip(), "value", -1)
    return None


def _clean(text: str) -> str:
    return " ".join(str(text or "").replace("\u00a0", " ").split())


def _evidence(text: str, m: re.Match) -> str:
    start = m.start()
    subject = _SUBJECT_BEFORE.search(text, max(0, start - 40), start)
    if subject:
        start = subject.start()
    return text[start:m.end()].strip(" .,:;–-")


def normalise_status(text: str | None) -> tuple[str, str]:
    """(status, evidence): status in STATUSES; evidence is the phrase that decided ("" when nothing did)."""
    m = read_status(text)
    return m.status, m.evidence


STATUS_MODEL_DIR = Path(__file__).resolve().parent / "model" / "status"
_WHOLE_CELL = ("cell", "value")  # read as written: the model does not overrule them
_WORD = re.compile(r"[^\W\d_]{2}")


def load_status_model(path: str | Path | None = None):
    """The trained status model (cached per path), built by `python -m plantrace.nlp_models.train`."""
    from . import STATUS_MODEL_VERSION, load_model

    return load_model(path, STATUS_MODEL_DIR, STATUS_MODEL_VERSION, "status model")


def classify_status(texts: Iterable[str], *, nlp=None) -> list[tuple[str, float]]:
    """(status, probability) per text from the status model alone, for texts the rules leave undecided."""
    nlp = nlp or load_status_model()
    docs = (nlp.make_doc(model_text(t)) for t in texts)
    lemmatizer = nlp.get_pipe("plantrace_lemmatizer")
    textcat = nlp.get_pipe("textcat")
    return [max(((k, float(v)) for k, v in doc.cats.items()), key=lambda kv: kv[1])
            for doc in textcat.pipe(lemmatizer(d) for d in docs)]


def model_text(text: str | None) -> str:
    """What the status model reads: one line, lower case (a status in capitals, "EJ PÅBÖRJAT", is no other word)."""
    return _clean(text).lower()


def read_status(text: str | None, *, nlp=None) -> StatusMatch:
    """The status of a status line, cell or comment: the status model decides when it is sure; otherwise the
    rules' cue (a colour, "Ej genomfört", a verb in a narrative), as citable evidence; where the rules find no
    cue, the model's guess. A status column's own word ("Delvis", "Ej påbörjad") is read as the system writes it.

    Why this order: on phrase sets of municipalities neither had seen, the model read more right than the
    rules, most of all where a rule fires on a word the sentence around it turns ("uppfyllt trots att …");
    the rules stay the evidence where the model is unsure (bench/status_phrases.py --cross, status.cfg)."""
    m = status_match(text)
    if m.strength in _WHOLE_CELL or not _WORD.search(_PREFIX_LOWER.sub("", _clean(text).lower())):
        return m  # a dash, a number or a symbol, maybe after a label ("Bedömning: 😞"): no words for the model
    if m.status == "done" and REPORT_BACK_APPROVED.search(_clean(text)):
        return m  # a decision approving the report on an assignment closes it, whatever a decision's wording else says
    nlp = nlp or load_status_model()
    read = _opening_verdict(text, m) or text or ""
    (status, probability), = classify_status([read], nlp=nlp)
    if status == m.status:
        return m
    if probability >= nlp.meta["plantrace"]["sure_probability"] or m.strength == "none":
        return StatusMatch(status, _clean(text)[:160], "model", len(RULES))
    return m


_SENTENCE_END = re.compile(r"(?<=[.!])\s+(?=[A-ZÅÄÖ])")


def _opening_verdict(text: str | None, m: StatusMatch) -> str | None:
    """"Målet är uppnått. Arbetet har följts upp i nämnden.": a short sentence of its own that opens the text
    with the rules' explicit verdict is the verdict, and the model reads it alone; the comment after it (what was
    done, what comes next) judges nothing. A question ("Når vi målet? Prognos: Ja") is no verdict of its own."""
    if m.strength != "explicit" or m.status == "unknown" or not m.evidence:
        return None
    first = _SENTENCE_END.split(_clean(text), maxsplit=1)
    if len(first) < 2 or len(first[0].split()) > 8 or m.evidence not in first[0]:
        return None
    return first[0]


def status_match(text: str | None) -> StatusMatch:
    """The status of a text with how strong its evidence is, so that a caller weighing several sentences (a
    report section) can prefer a status line to a verb in a narrative."""
    return _status_match(_clean(text))


@lru_cache(maxsize=4096)
def _status_match(text: str) -> StatusMatch:
    """(Cached: the status model reads the rules' verdict as a feature of the same text the rules just read.)"""
    if not text:
        return StatusMatch("unknown", "", "none", len(RULES))
    low = text.lower()
    cell = _PREFIX_LOWER.sub("", low).strip(" .!:;")
    if cell in CELLS:
        return StatusMatch(CELLS[cell], text.strip(" ."), "cell", -1)
    m = _SYMBOL.search(text)
    if m and len(text) <= 40:
        return StatusMatch(_SYMBOL_STATUS[m.group()], m.group(), "symbol", -1)
    m = _COLOUR.match(text) or _COLOUR_INLINE.search(text)
    if m:
        return StatusMatch(COLOURS[m.group("c").lower()], _evidence(text, m), "colour", -1)
    if " av " in low or low.startswith("av ") or "%" in text or "procent" in low or "budget" in low or "överskr" in low \
            or "hälften" in low:
        figures = figures_read(text)
        if figures:
            return figures
    words = _families(text, low)
    if "mål" in low and (words.strength in ("none", "weak") or words.status in ("done", "not_done")
                         and "mål" not in words.evidence.lower()):  # "bättre än målet" compares already
        figures = against_target(text)
        if figures and figures.status == "not_done" and words.status == "ongoing":
            return words  # not there yet, and the work goes on ("… pågår, andelen är nu 28 % mot målet 35 %")
        return figures or words  # the figures overrule a verb ("410 färdigställda mot målet 600")
    return words


def _families(text: str, low: str) -> StatusMatch:
    """The first rule family that matches the text (RULES' order), else a symbol in it."""
    same = len(low) == len(text)  # (lower-casing keeps the offsets the evidence is cut by, nearly always)
    hay, ongoing_at, patterns = (low, _ONGOING_LOWER, _LOWER_RULES) if same else (text, _ONGOING, _RULE_PATTERNS)
    present = _stems_in(low) if same else None
    if present is not None and not present:
        m = _SYMBOL.search(text)
        return StatusMatch(_SYMBOL_STATUS[m.group()], m.group(), "symbol", -1) if m else \
            StatusMatch("unknown", "", "none", len(RULES))
    short = len(text.split()) <= _SHORT_LINE_WORDS
    done_word = None
    for rank, pattern in enumerate(patterns):
        if present is not None and _FAMILY_STEMS[rank].isdisjoint(present):
            continue  # the text holds none of the literals every match of this family holds
        if rank in _DONE_GATED:
            if done_word is None:
                done_word = bool((_DONE_WORD_LOWER if same else _DONE_WORD).search(hay))
            if not done_word:
                continue
        status = RULES[rank][0]
        m = pattern.search(hay)
        if not m:
            continue
        if status == "negated_done":
            # "påbörjat men inte slutfört" is work in progress; "Ej genomfört" is not done
            ongoing = ongoing_at.search(hay)
            status, m = ("ongoing", ongoing) if ongoing else ("not_done", m)
        evidence = _evidence(text, m)
        strong = rank not in _BARE or short or evidence != text[m.start():m.end()].strip(" .,:;–-")
        return StatusMatch(status, evidence, "explicit" if strong else "weak", rank)
    m = _SYMBOL.search(text)
    if m:
        return StatusMatch(_SYMBOL_STATUS[m.group()], m.group(), "symbol", -1)
    return StatusMatch("unknown", "", "none", len(RULES))
