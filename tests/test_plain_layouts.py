"""The plainest layouts, combined (issues 13 and 15): a plan's goals written in one of six ways, each followed by
its measures written in one of seven ways, and assignment lists in six ways; a report's follow-ups of goals in six
ways and of assignments in five; a measure's values in eight layouts; a tree of council and committee goals in
five. Every combination must give every goal,
every measure linked to the goal it stands under, every assignment, every follow-up with its status, and every
value typed by its kind and year, every goal at its level under its parent; a rule that holds for one combination and
not another is fitted to a sample, not to the signal.

All text is invented. The one combination left out, goals as bullets each followed by its measures as bullets
under "Indikatorer:", cannot be told apart in plain text (two lists of bullets, one after the other)."""

from __future__ import annotations

import itertools

import pytest
from rapidfuzz import fuzz

from plantrace.extract import extract_text

GOALS = ["Fler invånare försörjer sig själva", "Barn och unga växer upp under trygga förhållanden",
         "Insatserna håller god kvalitet och är tillgängliga"]
MEASURES = [[("Andel hushåll med långvarigt ekonomiskt bistånd", "34", "30"),
             ("Antal personer i arbetsmarknadsinsats", "210", "250")],
            [("Andel orosanmälningar som leder till utredning (%)", "41", "45"),
             ("Antal placerade barn i familjehem", "55", "60")],
            [("Andel nöjda brukare i hemtjänsten (%)", "82", "85"),
             ("Väntetid till särskilt boende (dagar)", "64", "50")]]
INTRO = ("Verksamhetsplan 2025 för socialnämnden\n\nInledning\nNämnden ansvarar för individ- och familjeomsorgen och "
         "för stödet till personer med funktionsnedsättning.\n\n")
AFTER = "\nEkonomi\nNämndens budget för året uppgår till 812 miljoner kronor, en ökning med tre procent.\n"

GOAL_STYLES = {
    "label": lambda k, g: f"Mål: {g}\n",
    "numbered_label": lambda k, g: f"Nämndmål {k + 1}: {g}\n",
    "list_item": lambda k, g: f"{k + 1}. {g}\n",
    "label_alone": lambda k, g: f"Mål {k + 1}\n{g}\n",
    "strategic": lambda k, g: f"Strategiskt mål: {g}\n",
    "bullet": lambda k, g: f"• {g}\n",
}
MEASURE_STYLES = {
    "none": lambda rows: "",
    "table": lambda rows: "Indikator\tUtfall 2024\tMålvärde 2025\n" + "".join(f"{n}\t{a}\t{b}\n" for n, a, b in rows),
    "table_not_filled_in": lambda rows: "Indikator\tUtfall 2024\tMålvärde 2025\n" + "".join(f"{n}\t\t\n" for n, _, _ in rows),
    "label_lines": lambda rows: "".join(f"Indikator: {n}, målvärde {b}\n" for n, _, b in rows),
    "field_lines": lambda rows: "".join(f"Mått: {n}. Utfall 2024: {a}. Målvärde 2025: {b}.\n" for n, a, b in rows),
    "flattened": lambda rows: "Indikator Utfall 2024 Målvärde 2025\n" + "".join(f"{n} {a} {b}\n" for n, a, b in rows),
    "bullets": lambda rows: "Indikatorer:\n" + "".join(f"• {n}\n" for n, _, _ in rows),
}


def _plan(goal_style: str, measure_style: str, gap: str) -> str:
    # the goals' own title: a list of bare items needs one that names them
    text = INTRO + ("Nämndens mål\n\n" if goal_style in ("list_item", "bullet") else "Mål och indikatorer\n\n")
    for k, (goal, rows) in enumerate(zip(GOALS, MEASURES)):
        text += GOAL_STYLES[goal_style](k, goal) + gap
        measures = MEASURE_STYLES[measure_style](rows)
        text += measures + gap if measures else ""
    return text + AFTER


def _found(expected: list[str], got: list[str]) -> tuple[list[str], list[str]]:
    """(missed, spurious) at the scorers' fuzzy threshold."""
    same = lambda a, b: fuzz.ratio(a.lower(), b.lower()) >= 90
    return [e for e in expected if not any(same(e, x) for x in got)], [x for x in got if not any(same(e, x) for e in expected)]


COMBINATIONS = [(g, m, gap) for g, m, gap in itertools.product(GOAL_STYLES, MEASURE_STYLES, ["\n", ""])
                if (g, m) != ("bullet", "bullets")]


@pytest.mark.parametrize("goal_style,measure_style,gap", COMBINATIONS)
def test_every_goal_and_measure_of_a_plain_plan_whatever_its_layout(goal_style, measure_style, gap):
    doc = extract_text(_plan(goal_style, measure_style, gap))
    assert _found(GOALS, [g.text for g in doc.goals]) == ([], [])
    names = [n for rows in MEASURES for n, _, _ in rows] if measure_style != "none" else []
    assert _found(names, [i.name for i in doc.indicators]) == ([], [])
    goal_of = {g.id: g.text for g in doc.goals}
    under = {n: goal for goal, rows in zip(GOALS, MEASURES) for n, _, _ in rows}
    assert {i.name: goal_of.get(i.goal) for i in doc.indicators} == {n: under[n] for n in names}


TASKS = ["Ta fram en plan för färre externa placeringar", "Utred behovet av ett nytt korttidsboende",
         "Utveckla samverkan med skolan kring elever med hög frånvaro"]
TASKS_TO = ["ta fram en plan för färre externa placeringar", "utreda behovet av ett nytt korttidsboende",
            "utveckla samverkan med skolan kring elever med hög frånvaro"]  # the same, after "i uppdrag att"
ASSIGNMENT_STYLES = {
    "label": ("Uppdrag\n\n" + "".join(f"Uppdrag: {t}.\n" for t in TASKS), TASKS),
    "bullets_under_title": ("Nämndens uppdrag 2025\n\n" + "".join(f"• {t}\n" for t in TASKS), TASKS),
    "numbered_under_title": ("Uppdrag till förvaltningen\n\n" + "".join(f"{k + 1}. {t}\n" for k, t in enumerate(TASKS)),
                             TASKS),
    "given_in_sentences": ("Särskilda uppdrag\n\n" + "".join(f"Socialnämnden får i uppdrag att {t}.\n\n" for t in TASKS_TO),
                           [f"Socialnämnden får i uppdrag att {t}" for t in TASKS_TO]),
    "decision_clauses": ("Beslut\n\nKommunstyrelsen beslutar\n\n" + ",\n\n".join(
        f"att ge socialnämnden i uppdrag att {t}" for t in TASKS_TO[:2]) + ".\n",
        [f"ge socialnämnden i uppdrag att {t}" for t in TASKS_TO[:2]]),
    "responsible_marker": ("Uppdrag\n\n" + "".join(f"{t} (SN)\n" for t in TASKS), TASKS),
}


@pytest.mark.parametrize("style", ASSIGNMENT_STYLES)
def test_every_assignment_of_a_plain_plan_whatever_its_layout(style):
    body, expected = ASSIGNMENT_STYLES[style]
    doc = extract_text(INTRO + body + AFTER)
    assert _found(expected, [a.text for a in doc.assignments]) == ([], [])


# ------------------------------------------------------------------------------------------------ reports

VERDICTS = [("Uppfyllt", "done"), ("Delvis uppfyllt", "partial"), ("Ej uppfyllt", "not_done")]
TASK_STATES = [("Klart", "done"), ("Pågår", "ongoing"), ("Ej påbörjat", "not_done")]
TASK_SAID = {"Klart": "genomfört", "Pågår": "påbörjat men inte slutfört", "Ej påbörjat": "inte påbörjat"}
COMMENT = "Arbetet har följts upp i nämnden under hösten."
REPORT_INTRO = ("Verksamhetsberättelse 2024 för socialnämnden\n\nInledning\nÅret präglades av ett fortsatt högt tryck "
                "på verksamheterna.\n\n")
REPORT_AFTER = "\nEkonomi\nNämnden redovisar ett underskott på 4 miljoner kronor för året.\n"
GOAL_FOLLOWUPS = {
    "assessment_label": lambda k, g, v: f"Mål: {g}\nBedömning: {v}\n{COMMENT}\n",
    "fulfilment_label": lambda k, g, v: f"Mål: {g}\nMåluppfyllelse: {v}\n{COMMENT}\n",
    "numbered_then_verdict_sentence": lambda k, g, v: f"{k + 1}. {g}\nMålet är {v.lower()}. {COMMENT}\n",
    "title_then_assessment_sentence": lambda k, g, v: f"{g}\nBedömning: Målet är {v.lower()}. {COMMENT}\n",
    "label_alone": lambda k, g, v: f"Mål {k + 1}\n{g}\nBedömning: {v}\n{COMMENT}\n",
}
TASK_FOLLOWUPS = {
    "label_then_status": lambda k, t, s: f"Uppdrag: {t}\nStatus: {s}\n{COMMENT}\n",
    "numbered_then_status": lambda k, t, s: f"{k + 1}. {t}\nStatus: {s}\n{COMMENT}\n",
    "marker_then_status": lambda k, t, s: f"{t} (SN)\nStatus: {s}\n{COMMENT}\n",
    "numbered_then_sentence": lambda k, t, s: f"{k + 1}. {t}\nUppdraget är {TASK_SAID[s]}. {COMMENT}\n",
}


def _report(kind: str, style: str, gap: str) -> tuple[str, list[tuple[str, str]]]:
    if kind == "goal":
        body = "Uppföljning av nämndens mål\n\n" + "".join(GOAL_FOLLOWUPS[style](k, g, v) + gap
                                                        for k, (g, (v, _)) in enumerate(zip(GOALS, VERDICTS)))
        return body, [(g, s) for g, (_, s) in zip(GOALS, VERDICTS)]
    body = "Uppföljning av uppdrag\n\n" + "".join(TASK_FOLLOWUPS[style](k, t, w) + gap
                                                 for k, (t, (w, _)) in enumerate(zip(TASKS, TASK_STATES)))
    return body, [(t, s) for t, (_, s) in zip(TASKS, TASK_STATES)]


TABLES = {"goal": ("Uppföljning av nämndens mål\n\nMål\tBedömning\tKommentar\n" + "".join(
              f"{g}\t{v}\t{COMMENT}\n" for g, (v, _) in zip(GOALS, VERDICTS)), [(g, s) for g, (_, s) in zip(GOALS, VERDICTS)]),
          "task": ("Uppföljning av uppdrag\n\nUppdrag\tStatus\tKommentar\n" + "".join(
              f"{t}\t{w}\t{COMMENT}\n" for t, (w, _) in zip(TASKS, TASK_STATES)), [(t, s) for t, (_, s) in zip(TASKS, TASK_STATES)])}
REPORT_CASES = [("goal", s, gap) for s in GOAL_FOLLOWUPS for gap in ("\n", "")] \
    + [("task", s, gap) for s in TASK_FOLLOWUPS for gap in ("\n", "")] + [(kind, "table", "") for kind in TABLES]


@pytest.mark.parametrize("kind,style,gap", REPORT_CASES)
def test_every_follow_up_of_a_plain_report_with_its_status(kind, style, gap):
    body, expected = TABLES[kind] if style == "table" else _report(kind, style, gap)
    doc = extract_text(REPORT_INTRO + body + REPORT_AFTER)
    got = [(f.refers_to or "", f.status) for f in doc.followups]
    assert _found([t for t, _ in expected], [t for t, _ in got]) == ([], [])
    status = {t: s for t, s in got}
    assert [(t, next(s for g, s in status.items() if fuzz.ratio(g.lower(), t.lower()) >= 90)) for t, _ in expected] \
        == expected
    assert {f.kind for f in doc.followups} == {"goal" if kind == "goal" else "assignment"}


# ------------------------------------------------------------------------------------------------ typed values

MEASURE_ROWS = [("Andel elever med godkända betyg i alla ämnen (%)", "78", "81", "85"),
                ("Antal besök på biblioteken per invånare", "4,1", "4,3", "5,0"),
                ("Sjukfrånvaro bland medarbetarna (%)", "7,9", "7,2", "6,5")]
VALUE_STYLES = {
    "table": lambda: "Indikator\tUtfall 2022\tUtfall 2023\tMålvärde 2024\n"
                     + "".join(f"{n}\t{a}\t{b}\t{t}\n" for n, a, b, t in MEASURE_ROWS),
    "table_years_under_kinds": lambda: "Indikator\tUtfall\t\tMålvärde\n\t2022\t2023\t2024\n"
                                       + "".join(f"{n}\t{a}\t{b}\t{t}\n" for n, a, b, t in MEASURE_ROWS),
    "table_target_first": lambda: "Indikator\tMålvärde 2024\tUtfall 2022\tUtfall 2023\n"
                                  + "".join(f"{n}\t{t}\t{a}\t{b}\n" for n, a, b, t in MEASURE_ROWS),
    "table_goal_column_first": lambda: "Mål\tIndikator\tUtfall 2022\tUtfall 2023\tMålvärde 2024\n" + "".join(
        f"{'Alla elever når målen' if k == 0 else ''}\t{n}\t{a}\t{b}\t{t}\n" for k, (n, a, b, t) in enumerate(MEASURE_ROWS)),
    "flattened": lambda: "Indikator Utfall 2022 Utfall 2023 Målvärde 2024\n"
                         + "".join(f"{n} {a} {b} {t}\n" for n, a, b, t in MEASURE_ROWS),
    "label_line": lambda: "".join(f"Indikator: {n}. Utfall 2022: {a}. Utfall 2023: {b}. Målvärde 2024: {t}.\n"
                                  for n, a, b, t in MEASURE_ROWS),
    "record_a_field_a_line": lambda: "".join(f"Indikator: {n}\nUtfall 2022: {a}\nUtfall 2023: {b}\nMålvärde 2024: {t}\n\n"
                                             for n, a, b, t in MEASURE_ROWS),
    "name_then_values": lambda: "".join(f"{n}: utfall 2022 {a}, utfall 2023 {b}, målvärde 2024 {t}.\n"
                                        for n, a, b, t in MEASURE_ROWS),
}


@pytest.mark.parametrize("style", VALUE_STYLES)
def test_every_value_of_a_measure_typed_by_its_kind_and_year_whatever_the_layout(style):
    text = ("Verksamhetsberättelse 2023 för barn- och utbildningsnämnden\n\nNyckeltal\n\n" + VALUE_STYLES[style]()
            + "\nEkonomi\nNämnden redovisar ett överskott på 2 miljoner kronor.\n")
    doc = extract_text(text)
    assert {i.name: {(v.kind, v.year, v.raw) for v in i.values} for i in doc.indicators} == {
        n: {("actual", 2022, a), ("actual", 2023, b), ("target", 2024, t)} for n, a, b, t in MEASURE_ROWS}


# ------------------------------------------------------------------------------------------------ goal trees

TREE = [("Kommunen är en attraktiv och trygg plats för alla",
         ["Fler invånare är nöjda med sitt boende", "Kulturutbudet når alla delar av kommunen"]),
        ("Barn och unga får en god start i livet",
         ["Alla elever når kunskapskraven i årskurs 9", "Andelen barn i förskola ökar"])]
TREE_STYLES = {
    "labels": lambda: "".join(f"Kommunfullmäktiges mål: {c}\n" + "".join(f"Nämndmål: {s}\n" for s in subs) + "\n"
                              for c, subs in TREE),
    "numbered_labels": lambda: "".join(f"Inriktningsmål {k + 1}: {c}\n" + "".join(
        f"Nämndmål {k + 1}.{j + 1}: {s}\n" for j, s in enumerate(subs)) + "\n" for k, (c, subs) in enumerate(TREE)),
    "numbered_headings_under_a_title": lambda: "".join(f"{k + 1} {c}\n\n" + "".join(
        f"{k + 1}.{j + 1} {s}\n\n" for j, s in enumerate(subs)) for k, (c, subs) in enumerate(TREE)),
    "label_over_bullets": lambda: "".join(f"Kommunfullmäktiges mål: {c}\nNämndens mål:\n" + "".join(
        f"• {s}\n" for s in subs) + "\n" for c, subs in TREE),
    "table_of_two_levels": lambda: "Kommunfullmäktiges mål\tNämndens mål\n" + "".join(
        f"{c if j == 0 else ''}\t{s}\n" for c, subs in TREE for j, s in enumerate(subs)),
}


@pytest.mark.parametrize("style", TREE_STYLES)
def test_every_goal_at_its_level_under_its_council_goal_whatever_the_layout(style):
    text = ("Nämndplan 2025 för kultur- och utbildningsnämnden\n\nInledning\nNämnden ansvarar för skola, kultur och "
            "fritid.\n\nMål\n\n" + TREE_STYLES[style]() + "\nEkonomi\nNämndens budget för året uppgår till 640 "
            "miljoner kronor.\n")
    doc = extract_text(text)
    text_of = {g.id: g.text for g in doc.goals}
    assert {g.text: (g.level, text_of.get(g.parent)) for g in doc.goals} == {
        **{c: ("council", None) for c, _ in TREE}, **{s: ("committee", c) for c, subs in TREE for s in subs}}


# ------------------------------------------------------------------------------------------------ follow-up tables

FOLLOW_UP_TASKS = TASKS + ["Inför digital ansökan om försörjningsstöd"]
TABLE_STATUSES = [[("Genomfört", "done"), ("Pågår", "ongoing"), ("Ej påbörjat", "not_done"), ("Avslutat", "done")],
                  [("Klart", "done"), ("Pågående", "ongoing"), ("Inte startat", "not_done"), ("Delvis genomfört", "partial")],
                  [("Uppdraget är slutfört", "done"), ("Arbete pågår", "ongoing"), ("Har inte påbörjats", "not_done"),
                   ("Avbrutet", "cancelled")]]
TABLE_HEADS = {"task": ["Uppdrag", "Politiskt uppdrag", "Uppdragsbeskrivning"], "resp": ["Ansvarig", "Ansvar", "Ansvarig nämnd"],
               "status": ["Status", "Bedömning", "Läge"], "comment": ["Kommentar", "Redovisning", "Kommentar/åtgärd"]}
COLUMN_ORDERS = [("task", "resp", "status", "comment"), ("task", "status", "comment", "resp"),
                 ("resp", "task", "status", "comment"), ("status", "task", "comment", "resp")]


@pytest.mark.parametrize("order", COLUMN_ORDERS)
@pytest.mark.parametrize("words", range(3))
def test_an_assignment_follow_up_table_read_by_its_header_whatever_the_order_and_words(order, words):
    cells = [{"task": t, "resp": "SN", "status": w, "comment": "Arbetet redovisas för nämnden i december."}
             for t, (w, _) in zip(FOLLOW_UP_TASKS, TABLE_STATUSES[words])]
    text = ("Delårsrapport augusti 2024\nSocialnämnden\n\nUppföljning av uppdrag\n\n"
            + "\t".join(TABLE_HEADS[c][words] for c in order) + "\n"
            + "".join("\t".join(row[c] for c in order) + "\n" for row in cells)
            + "\nEkonomi\nPrognosen visar ett underskott.\n")
    doc = extract_text(text)
    assert [a.text for a in doc.assignments] == FOLLOW_UP_TASKS
    assert [(f.refers_to, f.status) for f in doc.followups] == [(t, s) for t, (_, s) in zip(FOLLOW_UP_TASKS,
                                                                                           TABLE_STATUSES[words])]


# ------------------------------------------------------------------------------------------------ list markers

@pytest.mark.parametrize("marker", ["•", "▪", "■", "◆", "►", "➢", "○", "✓", "⁃",
                                    "\uf0b7", "\uf0a7", "\uf0d8", "\uf076", "\uf0fc"])
def test_goals_listed_with_any_word_processors_bullet(marker):
    """A word processor's list marker: a shape, or the private-use code point a Symbol or Wingdings font maps its
    bullet to (a PDF's text gives it as is)."""
    text = INTRO + "Nämndens mål\n\n" + "".join(f"{marker} {g}\n" for g in GOALS) + AFTER
    assert _found(GOALS, [g.text for g in extract_text(text).goals]) == ([], [])
