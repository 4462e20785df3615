"""Assignments inside sentences: where the clause that gives one starts and ends, so that "… beslutade att ge
kommundirektören i uppdrag att …" yields "kommundirektören i uppdrag att …" and a sentence giving two
assignments yields two."""

from __future__ import annotations

import re
from typing import Optional

# "… beslutade att ge kommundirektören i uppdrag att …", "… föreslår att förvaltningen ska få i uppdrag att …",
# "Kommunstyrelsen får till exempel i uppdrag att …", "Uppdrag ges till kommunens nämnder att …": an
# assignment in running text, from its clause to the next clause that gives another one or the sentence's end
# a body an assignment goes to, named after "uppdrag till": "kommunstyrelsen", "socialförvaltningen", "arbetsgruppen"
BODY_END = r"[\wåäö-]*(?:nämnden|styrelsen|förvaltningen|kontoret|kansliet|utskottet|bolaget|gruppen|nämnderna|förvaltningarna)"
CLAUSE_CUE = re.compile(r"\b(?:(?P<verb>får|(?:ska|föreslås|bör|kommer\s+att)\s+få|fick|fått|ges|gavs|ger?|gav|gett|givit)"
                        r"(?P<between>\s+[\wåäö\- ]{2,60}?)?"
                        # "fick i samband med budgeten ett uppdrag att …": "ett uppdrag" after a verb of giving
                        # (or "ett fortsatt uppdrag att …", and the definite "ge X uppdraget att …")
                        r"\s+(?:i\s+(?:uppdrag|uppgift)|(?P<ett>ett)(?:\s+(?P<given>fortsatt|nytt|utökat))?\s+(?:uppdrag|uppgift)"
                        # "gav fullmäktige ett uppdrag till kommunstyrelsen att …": the body it went to between
                        r"(?:\s+(?:till|åt)\s+(?P<recipient>(?:[\wåäö-]+\s+){0,2}?" + BODY_END + r"))?|"
                        # "… föreslås få uppdrag att …": the bare noun right after "få"
                        r"uppdraget|(?<=\sfå\s)uppdrag|(?<=\sfår\s)uppdrag)\s+att|uppdras\s+att|"
                        # "… nämnder uppdras vidta åtgärder": the "att" left out before a verb of doing
                        r"(?:uppdras|uppmanas)\s+(?=(?:vidta|utreda|ta\s+fram|genomföra|återkomma|redovisa|säkerställa|arbeta|"
                        r"undersöka|utveckla|se\s+över|initiera|följa\s+upp|fortsätta)\b)|"
                        r"uppdrag\s+ges\s+till|"
                        # an agenda's "uppdrag till bildningsnämnden att …": the noun, to a named body
                        r"(?P<noun>(?<![\wåäö])(?<!ett\s)(?<!blir\s)uppdrag\s+(?:till|åt)\s+(?:[\wåäö-]+\s+){0,2}?"
                        r"(?:[\wåäö-]*(?:nämnden|styrelsen|förvaltningen|direktören|chefen|utskottet|bolaget|nämnderna|"
                        r"förvaltningarna)|[A-ZÅÄÖ][\wåäö]+(?:\s+AB)?)\s+att\s)|(?P<inf>(?<!att\s)uppdra\s+(?:åt|till)\s)|uppdra\s+åt|uppdrog\s+\w+\s+(?:till|åt)|(?P<to>(?:uppdrar|uppdrog|(?<=att\s)uppdra)\s+(?:till|åt)\s+)|(?:uppmanas|anmodas)\s+att|"
                        r"(?:uppmanar|anmodar)\s+[\wåäö\- ]{2,80}?\s+att|"
                        # a decision as an infinitive: "… beslutade även att uppmana tekniska nämnden att …"
                        r"(?P<urge>(?<=att\s)(?:uppmana|anmoda)\s+[\wåäö\- ]{2,80}?\s+att))\b", re.I)
# "… att ge Västerporten AB i uppdrag att …", "… gav i mars 2016 ledningskontoret i uppdrag att …", "… fick
# socialnämnden i uppdrag att …": the assignment is worded from whom it was given to (a present "X ger Y i uppdrag"
# keeps its giver)
_ADVERB = re.compile(r"\b(?:också|även|dessutom|därtill|nu)\s+", re.I)  # "gav kommunstyrelsen också X i uppdrag"
# (or a meeting: "gav vid sitt senaste sammanträde X i uppdrag att …")
_TIME_LEAD = re.compile(r"\s*(?:vid\s+(?:sitt|dess|nämndens|styrelsens)\s+(?:[\wåäö]+\s+)?(?:sammanträde|möte)\s+|"
                        r"(?:i|under|vid|den)\s+[\wåäö]+(?:\s+\d{4})?\s+)?")
# the last word of a committee, office or company that gives, carries or receives an assignment
BODY = r"[\wåäö-]*(?:nämnden|styrelsen|förvaltningen|chefen|direktören|ledningen|utskottet|utskott|sektorn|kontoret|kansliet|bolaget|" \
        r"kommunen|nämnderna|förvaltningarna|nämnder|förvaltningar|bolag|bolagen|styrelser)"
# … or a pronoun that stands for them ("Nu fick de i uppdrag att …")
_RECIPIENT_END = re.compile(rf"(?:[A-ZÅÄÖ][\wåäö\-]*|{BODY}|AB|(?<![\wåäö])(?:de|dem|han|hon))$")
_COMMITTEE_SKA = re.compile(r"\b(?:ska|skall)\b", re.I)
_CLAUSE_START = re.compile(r"\batt\s+", re.I)
_SUBJECT_WORD = re.compile(rf"^{BODY}$", re.I)
_ABBREVIATED_BODY = re.compile(r"[A-ZÅÄÖ]{2,6}")  # "KS", "BUN", "ÖSK"


# "… samt att uppföljningen sker …", "… och att medlen anvisas …": after the joining "att" a noun with its own
# verb starts another decision; an infinitive ("samt att redovisa …") continues the assignment
_NEW_DECISION = re.compile(r",?\s+(?:samt|och)\s+att\s+(?=[a-zåäö]+(?:ning\w*|het\w*|else\w*|[^aeiouyåäö\W]en|"
                           r"[^aeiouyåäö\W]et|rna|orna)\s)", re.I)


# "… i uppdrag att bygga ut X, att anta en ny taxa och att anta detaljplanen": what a council does itself, listed
# after the assignment, is a decision of its own
_COUNCIL_ACT = re.compile(r"(?:,\s*(?:och\s+|samt\s+)?|\s+(?:och|samt)\s+)att\s+(?=(?:anta|godkänna|fastställa|bevilja|"
                          r"avslå|bifalla|notera|välja|utse|återremittera|avskriva|revidera)\s)", re.I)


# "… i uppdrag att revidera policyn men föreslog avslag på motionen": the giver's next decision, after "men"
_BUT_DECIDED = re.compile(r",?\s+men\s+(?=(?:föreslog|föreslår|beslutade|beslutar|avslog|avslår|biföll|bifaller|valde|"
                          r"väljer)\b)", re.I)


_ITEM_NUMBER_END = re.compile(r"(?<!\bden)(?<!\bnr)(?<!§)(?<!\d)\s+\d{1,2}\.$", re.I)
_NEXT_ITEM = re.compile(r"\s\d{1,2}\.\s+(?=[A-ZÅÄÖ][a-zåäö])")


_DASH_ITEM = re.compile(r"(?<=\w)\s[-–]\s+(?=[^\W\d])")
# a protocol's part heading run into the sentence before it by a transcript
_GLUED_HEADING = re.compile(r"(?<=[a-zåäö\d])\s+(?=(?:Ärendebeskrivning|Beslutsunderlag|Sammanfattning\s+av\s+ärendet|"
                            r"Beskrivning\s+av\s+ärendet|Bakgrund|Yrkanden?|Beslutsgång|Propositionsordning|"
                            r"Reservation(?:er)?|Protokollsanteckning(?:ar)?|Justerandes\s+sign)\b)")
_DASHED_DECISION = re.compile(r"\s[-–]\s+(?=(?:i\s+övrigt|att|samt\s+att|därutöver)\s)", re.I)


def _subject_start(text: str, end: int) -> Optional[int]:
    """Where the committee or office that carries a clause is named, walking back from `end` over its words
    ("tekniska nämnden", "Barn- och utbildningsnämnden"); None when the word before is no such subject."""
    words = list(re.finditer(r"[\wåäö-]+", text[:end]))
    if not words:
        return None
    if _ABBREVIATED_BODY.fullmatch(words[-1].group()):
        return words[-1].start()  # "… med informationen och ÖSK får i uppdrag att …": a body by its letters
    if not _SUBJECT_WORD.match(words[-1].group()):
        return None
    k = len(words) - 1
    while k > 0:
        prev = words[k - 1].group()
        gap = text[words[k - 1].end():words[k].start()].strip()
        if prev.lower() in ("och", "samt") and words[k - 2].group().endswith("-") if k >= 2 else False:
            k -= 2  # "Barn- och utbildningsnämnden"
        elif prev.endswith("-") and gap == ",":
            k -= 1  # "teknik-, service- och fritidsförvaltningen"
        elif prev.lower() in ("och", "samt") and k >= 2 and gap == "" \
                and (_SUBJECT_WORD.match(words[k - 2].group()) or re.fullmatch(r"[A-ZÅÄÖ]{2,}", words[k - 2].group())):
            k -= 2  # "Kommunstyrelsen och tekniska nämnden", "BORAB och förvaltningen": several bodies
        elif (prev[:1].islower() or k == 1 and text[:words[0].start()].strip() == "" and prev.endswith(("a", "s"))) \
                and prev.lower() not in ("och", "samt", "att", "som", "där", "men") \
                and text[words[k - 1].end():words[k].start()].strip() == "" \
                and not (words[k].group()[:1].isupper() and _SUBJECT_WORD.match(words[k].group())):
            k -= 1  # "tekniska nämnden", "kommunens nämnder", "Tekniska nämnden" opening the sentence (a body's
            # own name in capitals opens it: "… senast juni Kommunkansliet och …" does not take "juni")
        else:
            break
    return words[k].start()


def assignment_clauses(sentence: str, committee_ska: bool = False) -> list[str]:
    """The assignments of one sentence: each clause with an assignment cue (or, where the title says the text
    lists assignments, a committee's "ska"), cut where the next one starts."""
    starts = []
    for m in CLAUSE_CUE.finditer(sentence):
        if m.group("to"):  # "… uppdrar till förvaltningen att …": worded from whom it is given to
            starts.append(m.end())
            continue
        if m.group("noun"):  # an agenda's "… underskott, uppdrag till nämnden att presentera …": from the noun
            starts.append(m.start())
            continue
        if m.group("inf"):  # a decision as an infinitive ("… Dnr 98/2005 uppdra till nämnden att …"): from its verb
            starts.append(m.start())
            continue
        if m.group("urge"):  # "… att uppmana X att …": from its verb
            starts.append(m.start())
            continue
        if m.group("recipient"):  # "… gav KF ett uppdrag till kommunstyrelsen att …": from whom it went to
            starts.append(m.start("recipient"))
            continue
        if m.group("ett") and m.group("verb").lower() in ("ge", "ger", "ges") and not m.group("given"):
            continue  # "Läroplanen ger skolan ett uppdrag att …": a standing mission, not one given
        if m.group("verb") and m.group("verb")[:1].isupper() and m.start() > 0 \
                and sentence[:m.start()].rstrip()[-1:].islower():
            starts.append(m.start())  # "… kommunfullmäktige Ge samtliga nämnder … i uppdrag att …": a decision list
            continue  # that lost its full stops, the capital verb opening the next point
        if m.group("verb") and re.search(r"\bför\s+att\s+$", sentence[max(0, m.start() - 12):m.start()], re.I):
            continue  # "… för att ge nämnderna uppdraget att …": a purpose, no assignment given
        between = (m.group("between") or "").strip()
        if not between and m.group("verb") and m.group("verb").lower() in ("ges", "gavs") \
                and _subject_start(sentence, m.start()) is None:
            starts.append(m.end())  # "… gavs ett nytt uppdrag att påbörja …": given to no one named, the task
            continue
        if between and _RECIPIENT_END.search(between) and (m.group("verb").lower() != "ger"
                                                           or _subject_start(sentence, m.start()) is None):
            start = _TIME_LEAD.match(sentence, m.end("verb")).end()
            adverbs = list(_ADVERB.finditer(sentence, start, m.start("between") + len(m.group("between"))))
            starts.append(adverbs[-1].end() if adverbs else start)
            continue
        subject = _subject_start(sentence, m.start())
        atts = [c.end() for c in _CLAUSE_START.finditer(sentence, 0, m.start())]
        starts.append(subject if subject is not None else (atts[-1] if atts else 0))
    if committee_ska:
        for m in _COMMITTEE_SKA.finditer(sentence):
            subject = _subject_start(sentence, m.start())
            if subject is not None:
                starts.append(subject)
    starts = sorted(set(starts))
    out = []
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(sentence)
        run_on = _NEXT_ITEM.search(sentence, start, end)
        if run_on:  # "… i balans 9. Beslut med anledning av …": an agenda run together, its next item
            end = run_on.start()
        dashed = _DASHED_DECISION.search(sentence, start, end)
        if dashed:  # "… redovisa orsakerna - i övrigt notera redovisningen": the next decision of a flattened list
            end = dashed.start()
        items = list(_DASH_ITEM.finditer(sentence))
        if len(items) >= 2:  # "besluta - … : - X uppmanas … - till kontaktman utses … - …": a dashed list run together
            end = next((m.start() for m in items if start < m.start() < end), end)
        heading = _GLUED_HEADING.search(sentence, start, end)
        if heading:  # "… senast den 30 april Ärendebeskrivning I samband med …": a transcript ran the next part in
            end = heading.start()
        joined = _NEW_DECISION.search(sentence, start, end) or _COUNCIL_ACT.search(sentence, start, end) \
            or _BUT_DECIDED.search(sentence, start, end)
        if joined:  # "… i uppdrag att ta fram planer samt att uppföljning sker årligen": a decision of its own
            end = joined.start()
        clause = re.sub(r"\s+(?:och|samt)\s*$", "", sentence[start:end].strip().rstrip(" ,;"))
        clause = _ITEM_NUMBER_END.sub("", clause)  # "… i balans 9." (the agenda's next number, split off with it)
        if len(clause) > 15:
            out.append(clause)
    return out
