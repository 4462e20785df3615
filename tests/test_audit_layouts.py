"""Audit verdicts on plan/report pairs in the plainest layouts, combined (issue 15): a plan whose goals and
assignments are written in one of the ways of tests/test_plain_layouts.py, and its annual report, which follows
up the goals in one of thirteen ways and the assignments in one of nine, in the plan's wording or reworded, in the
plan's order or not, with the status words of one of four vocabularies. No manifest: the documents say who wrote
them and for which year. Every plan item must get its verdict and status; the plan's third assignment is never
reported and must be found, with no other item accused.

All text is invented. Each combination takes a fraction of a second end to end (ingest, align, audit)."""

from __future__ import annotations

import itertools

import pytest
from rapidfuzz import fuzz

import plantrace
from test_plain_layouts import (ASSIGNMENT_STYLES, COMMENT, GOAL_FOLLOWUPS, GOAL_STYLES, GOALS, MEASURE_STYLES,
                                MEASURES, TASK_FOLLOWUPS, TASKS)

PLAN_HEADS = ["Tranemo kommun\nSocialnämnden\nVerksamhetsplan 2025\n\n",
              "Verksamhetsplan 2025 för socialnämnden i Tranemo kommun\n\n",
              "Mål och budget 2025\nSocialnämnden\nTranemo kommun\n\n",
              "Tranemo kommun\nSocialnämnden\nVerksamhetsplan 2025–2027\n\n"]  # (the report covers one year of three)
REPORT_HEADS = ["Tranemo kommun\nSocialnämnden\nVerksamhetsberättelse 2025\n\n",
                "Årsredovisning 2025 för socialnämnden i Tranemo kommun\n\n",
                "Tranemo kommun\nSocialnämnden\nUppföljning av verksamhetsplan 2025\n\n"]
INTRO = "Inledning\nNämnden ansvarar för individ- och familjeomsorgen och för stödet till personer med funktionsnedsättning.\n\n"
AFTER = "\nEkonomi\nNämndens budget för året uppgår till 812 miljoner kronor, en ökning med tre procent.\n"
REPORT_AFTER = "\nEkonomi\nNämnden redovisar ett underskott på 4 miljoner kronor för året.\n"

# the report's own wording of the same goals and tasks
GOALS_REWORDED = ["Fler invånare ska försörja sig själva", "Barn och unga ska växa upp under trygga förhållanden",
                  "Insatser av god kvalitet som är tillgängliga för alla"]
TASKS_REWORDED = ["Plan för färre externa placeringar", "Utredning av behovet av ett nytt korttidsboende"]
# (verdict word, status) per goal and (state word, status) per reported task, in four vocabularies
GOAL_WORDS = [[("Uppfyllt", "done"), ("Delvis uppfyllt", "partial"), ("Ej uppfyllt", "not_done")],
              [("Uppnått", "done"), ("Delvis uppnått", "partial"), ("Inte uppnått", "not_done")],
              [("Helt uppfyllt", "done"), ("Till viss del uppfyllt", "partial"), ("Inte alls uppfyllt", "not_done")],
              [("Uppnått", "done"), ("Delvis uppnått", "partial"), ("Ej uppnått", "not_done")]]
TASK_WORDS = [[("Klart", "done"), ("Pågår", "ongoing")], [("Genomfört", "done"), ("Pågående", "ongoing")],
              [("Avslutat", "done"), ("Pågår enligt plan", "ongoing")], [("Ej genomfört", "not_done"), ("Slutfört", "done")]]
TASK_SAID = {"Klart": "genomfört", "Pågår": "påbörjat men inte slutfört", "Genomfört": "genomfört",
             "Pågående": "påbörjat men inte slutfört", "Avslutat": "avslutat", "Pågår enligt plan": "under arbete",
             "Ej genomfört": "inte genomfört", "Slutfört": "slutfört"}
ACCOUNT = "Under året har arbetet fortsatt och flera insatser har genomförts i samverkan med andra aktörer."
MEASURED = "Indikator\tUtfall 2024\tUtfall 2025\tMålvärde 2025\nAndel nöjda brukare (%)\t80\t83\t85\n"

# a goal's follow-up: those of tests/test_plain_layouts.py, and more
GOAL_ACCOUNTS = {
    **GOAL_FOLLOWUPS,
    "account_then_verdict": lambda n, g, v: f"Mål {n + 1}: {g}\n{ACCOUNT}\nBedömning: {v}\n",
    "status_and_comment_labels": lambda n, g, v: f"{g}\nStatus: {v}\nKommentar: {COMMENT}\n",
    "measures_then_verdict": lambda n, g, v: f"Mål: {g}\n{MEASURED}Samlad bedömning: {v}\n{COMMENT}\n",
    "one_paragraph": lambda n, g, v: f"{g}. Målet är {v.lower()}. {ACCOUNT}\n",
    "analysis_label_then_verdict": lambda n, g, v: f"{g}\nAnalys\n{ACCOUNT}\nMåluppfyllelse: {v}\n",
    "numbered_heading": lambda n, g, v: f"2.{n + 1} {g}\n{ACCOUNT}\nBedömning: {v}\n",
    "table": None,
    "scorecard": None,  # a report's scorecard: goal, its measure, outcome, target and the assessment on one row
}
TASK_ACCOUNTS = {
    "label_then_status": TASK_FOLLOWUPS["label_then_status"],
    "numbered_then_status": TASK_FOLLOWUPS["numbered_then_status"],
    "marker_then_status": TASK_FOLLOWUPS["marker_then_status"],
    "numbered_then_sentence": lambda n, t, s: f"{n + 1}. {t}\nUppdraget är {TASK_SAID[s]}. {COMMENT}\n",
    "comment_then_status": lambda n, t, s: f"Uppdrag: {t}\nKommentar: {COMMENT}\nStatus: {s}\n",
    "bullet_then_status": lambda n, t, s: f"• {t}\nStatus: {s}. {COMMENT}\n",
    "one_paragraph": lambda n, t, s: f"{t}. Uppdraget är {TASK_SAID[s]}. {COMMENT}\n",
    "numbered_heading": lambda n, t, s: f"3.{n + 1} {t}\n{COMMENT}\nStatus: {s}\n",
    "table": None,
}
# a report numbers its chapters or its list items, not both
_NUMBERED_ITEMS = {"numbered_then_verdict_sentence", "label_alone", "numbered_then_status", "numbered_then_sentence"}


def _plan(k: int) -> tuple[str, list[str]]:
    goal_style = list(GOAL_STYLES)[k % len(GOAL_STYLES)]
    measure_style = ["none", "table", "label_lines"][k % 3]
    body, tasks = ASSIGNMENT_STYLES[[s for s in ASSIGNMENT_STYLES if s != "decision_clauses"][k % 5]]
    text = PLAN_HEADS[k % len(PLAN_HEADS)] + INTRO
    text += "Nämndens mål\n\n" if goal_style in ("list_item", "bullet") else "Mål och indikatorer\n\n"
    for n, (goal, rows) in enumerate(zip(GOALS, MEASURES)):
        measures = MEASURE_STYLES[measure_style](rows)
        text += GOAL_STYLES[goal_style](n, goal) + "\n" + (measures + "\n" if measures else "")
    return text + body + AFTER, tasks


def _report(k: int, goal_style: str, task_style: str) -> tuple[str, dict[int, str], dict[int, str]]:
    """The report, and the status it gives each goal and each task it follows up (by the plan's index)."""
    reword, shuffle = k % 2 == 1, k % 3 == 2
    goals, tasks = (GOALS_REWORDED, TASKS_REWORDED) if reword else (GOALS, TASKS)
    g_words, t_words = GOAL_WORDS[k % 4], TASK_WORDS[k % 4]
    g_order, t_order = ([2, 0, 1], [1, 0]) if shuffle else ([0, 1, 2], [0, 1])  # the third task goes unreported
    numbered = "numbered_heading" in (goal_style, task_style)
    chapter = (lambda n: f"{n} ") if numbered else (lambda n: "")
    text = REPORT_HEADS[k % len(REPORT_HEADS)] + chapter(1) + "Sammanfattning\nÅret präglades av ett högt tryck.\n\n"
    text += chapter(2) + "Uppföljning av nämndens mål\n\n"
    if goal_style == "table":
        text += "Mål\tBedömning\tKommentar\n" + "".join(f"{goals[i]}\t{g_words[i][0]}\t{COMMENT}\n" for i in g_order)
    elif goal_style == "scorecard":
        text += "Mål\tIndikator\tUtfall 2025\tMålvärde 2025\tBedömning\n" + "".join(
            f"{goals[i]}\t{MEASURES[i][0][0]}\t{MEASURES[i][0][1]}\t{MEASURES[i][0][2]}\t{g_words[i][0]}\n" for i in g_order)
    else:
        text += "".join(GOAL_ACCOUNTS[goal_style](n, goals[i], g_words[i][0]) + "\n" for n, i in enumerate(g_order))
    text += "\n" + chapter(3) + "Uppföljning av uppdrag\n\n"
    if task_style == "table":
        text += "Uppdrag\tStatus\tKommentar\n" + "".join(f"{tasks[i]}\t{t_words[i][0]}\t{COMMENT}\n" for i in t_order)
    else:
        text += "".join(TASK_ACCOUNTS[task_style](n, tasks[i], t_words[i][0]) + "\n" for n, i in enumerate(t_order))
    after = REPORT_AFTER.replace("\nEkonomi", f"\n{chapter(4)}Ekonomi")
    return text + after, {i: g_words[i][1] for i in range(3)}, {i: t_words[i][1] for i in range(2)}


CASES = [(g, t) for g, t in itertools.product(GOAL_ACCOUNTS, TASK_ACCOUNTS)
         if not ("numbered_heading" in (g, t) and _NUMBERED_ITEMS & {g, t})]
# every goal account with every task account would be 100 pairs; each pair of styles once in a while is enough:
# every goal account with three task accounts, each task account with at least four goal accounts
CASES = [c for k, c in enumerate(CASES) if k % 3 == 0]


def _verdicts(folder, db, plan: str) -> dict[str, list[tuple[str, str | None]]]:
    """Ingest, align and audit the folder: (verdict, status) per plan item, by its text."""
    assert plantrace.ingest([folder], db=db).ok
    plantrace.align(db)
    audit = plantrace.open(db).report("unreported", goals=True)["audit"]
    audit = audit[audit["plan"] == plan]
    got: dict[str, list] = {}
    for text, verdict, status in zip(audit["text"], audit["verdict"], audit["status"]):
        got.setdefault(text.rstrip("."), []).append((verdict, status or None))
    return got


def _expected(tasks: list[str], goal_status: dict, task_status: dict) -> dict[str, list[tuple[str, str | None]]]:
    expected = {GOALS[i]: ("reported", s) for i, s in goal_status.items()}
    expected |= {tasks[i]: ("reported", task_status[i]) if i in task_status else ("not_reported", None)
                 for i in range(3)}
    return {text: [v] for text, v in expected.items()}


def _by_expected(got: dict, expected: dict) -> dict:
    """The items found, keyed by the expected text they match (at the answer keys' fuzzy threshold)."""
    out: dict[str, list] = {}
    for text, verdicts in got.items():
        key = next((e for e in expected if fuzz.ratio(e.lower(), text.lower()) >= 90), text)
        out.setdefault(key, []).extend(verdicts)
    return out


@pytest.mark.parametrize("k,goal_style,task_style", [(k, g, t) for k, (g, t) in enumerate(CASES)])
def test_every_plan_item_of_a_plain_pair_gets_its_verdict_and_status(k, goal_style, task_style, tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    plan, tasks = _plan(k)
    report, goal_status, task_status = _report(k, goal_style, task_style)
    (folder / "plan.txt").write_text(plan, encoding="utf-8")
    (folder / "report.txt").write_text(report, encoding="utf-8")
    expected = _expected(tasks, goal_status, task_status)
    assert _by_expected(_verdicts(folder, tmp_path / "store.duckdb", "plan.txt"), expected) == expected


# the same pairs printed to PDF by a library without tagging (pymupdf's Story: always at hand); a report's
# numbered follow-ups may come out as headings there, under a title that is plain text
PDF_CASES = [(k, g, t) for k, (g, t) in enumerate(CASES) if k % 4 == 1]


@pytest.mark.parametrize("k,goal_style,task_style", PDF_CASES)
def test_the_same_pairs_printed_to_pdf(k, goal_style, task_style, tmp_path):
    import producers

    src, folder = tmp_path / "src", tmp_path / "corpus"
    src.mkdir()
    folder.mkdir()
    plan, tasks = _plan(k)
    report, goal_status, task_status = _report(k, goal_style, task_style)
    for name, text in (("plan", plan), ("report", report)):
        (src / f"{name}.txt").write_text(text, encoding="utf-8")
        producers.pymupdf_story(src / f"{name}.txt", folder / f"{name}.pdf")
    expected = _expected(tasks, goal_status, task_status)
    assert _by_expected(_verdicts(folder, tmp_path / "store.duckdb", "plan.pdf"), expected) == expected


def test_a_numbered_goals_section_ends_where_the_assignments_begin_in_a_word_processors_pdf(tmp_path):
    """LibreOffice sets the report's numbered goals as headings and "Uppföljning av uppdrag" as a plain line: the
    last goal's section ends at that line, so the tasks' statuses below it are not the goal's."""
    import producers

    if producers.unavailable("libreoffice-a"):
        pytest.skip(producers.unavailable("libreoffice-a"))
    k = 5  # reworded, shuffled, "Uppnått" / "Pågående"
    src, folder = tmp_path / "src", tmp_path / "corpus"
    src.mkdir()
    folder.mkdir()
    plan, tasks = _plan(k)
    report, goal_status, task_status = _report(k, "numbered_then_verdict_sentence", "numbered_then_status")
    for name, text in (("plan", plan), ("report", report)):
        (src / f"{name}.txt").write_text(text, encoding="utf-8")
        producers.libreoffice_a(src / f"{name}.txt", folder / f"{name}.pdf")
    expected = _expected(tasks, goal_status, task_status)
    assert _by_expected(_verdicts(folder, tmp_path / "store.duckdb", "plan.pdf"), expected) == expected
