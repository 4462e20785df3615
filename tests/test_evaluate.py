"""Tests of the scorer (plantrace.evaluate) itself, plus the acceptance test of the extractor.

The scorer tests build Documents from the answer keys (a perfect extractor), then damage them in known ways
and check the exact precision / recall / F1 and attribute numbers that must result. Predicted ids are renamed
so that links (parent, goal) can only be right when they go through the matching.

`test_acceptance_issue_thresholds` (class TestAcceptance) is THE ACCEPTANCE TEST of the issue: it runs the real
extractor on the three documents with answer keys. Run it alone with `pytest -k acceptance`.
"""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path

import pytest
from rich.console import Console

from plantrace.evaluate import (evaluate, fold, gold_files, gold_to_document, load_gold, match, match_gold,
                                render)
from plantrace.schema import Assignment, Document, Goal

ROOT = Path(__file__).resolve().parents[1]
# the shared answer keys when the checkout sits next to them, else the copy kept with the tests
_SHARED = ROOT.parent / "shared" / "gold"
GOLD = Path(os.environ.get("PLANTRACE_GOLD", _SHARED if _SHARED.is_dir() else ROOT / "tests" / "gold"))
SAMPLE = ROOT / "corpus" / "sample" / "text"
G001, G002, G004 = "001_ded986b2b83926f4", "002_899627d34187ce61", "004_c05418bab853fe72"

pytestmark = pytest.mark.skipif(not (GOLD / f"{G002}.json").exists(), reason=f"answer keys not found in {GOLD}")


@pytest.fixture(scope="module")
def golds() -> dict[str, dict]:
    return load_gold(GOLD)


def relabel(doc: Document) -> Document:
    """Rename every item id ("g1" -> "p_g_43") and its references, keeping document order."""
    doc = doc.model_copy(deep=True)
    new = {}
    for kind in ("sections", "goals", "assignments", "indicators", "followups", "actions", "controls", "tables"):
        items = getattr(doc, kind)
        for n, item in enumerate(items):
            new[item.id] = f"p_{kind[0]}_{len(items) - n}"
            item.id = new[item.id]
    for item in doc.goals:
        item.parent = new.get(item.parent, item.parent)
    for item in doc.indicators:
        item.goal, item.assignment = new.get(item.goal, item.goal), new.get(item.assignment, item.assignment)
    for item in doc.assignments:
        item.goal = new.get(item.goal, item.goal)
    return doc


def perfect(golds, key) -> Document:
    return relabel(gold_to_document(golds[key]))


def score(result, doc, kind):
    s = result.score(doc, kind)
    return s.tp, s.fp, s.fn, s.precision, s.recall, s.f1


# ------------------------------------------------------------------------------------------ small pieces

def test_fold_strips_markup_dashes_punctuation_and_case():
    assert fold("**1.2 Mål** – <b>Öka</b>  närvaron!\n## <i>nu</i>") == "1 2 mål öka närvaron nu"
    assert fold("barn 7–15 år") == fold("Barn 7-15 år") == fold("barn 7—15 år.")
    assert fold('metoden ”Bostad först”') == fold('metoden "Bostad först"')
    assert fold(None) == ""


def test_load_gold_keys_and_match_gold_by_stem(golds):
    assert {G001, G002, G004} <= set(golds)
    assert all("file" in g for g in golds.values())  # links.json is not an answer key
    assert match_gold(f"/x/text/{G001}.txt", golds) == G001
    assert match_gold(f"/x/pdf/{G001}.word.pdf", golds) == G001
    assert match_gold("/x/text/003_1c9c55b9aa0a6401.txt", golds) is None
    assert match_gold(f"/x/text/{G001}_copy.txt", golds) is None


def test_match_is_one_to_one_and_keeps_reading_order():
    a, b = "stark finansiell ställning", "mål formuleras till delår 1 2025"
    assert match([a], [a, a]) == [(0, 0, 100.0)]  # one prediction cannot fill two gold items
    assert sorted(match([a, b, a], [a, a, b])) == [(0, 0, 100.0), (1, 2, 100.0), (2, 1, 100.0)]
    assert [(i, j) for i, j, _ in match([b, b], [b, b])] in ([(0, 0), (1, 1)], [(1, 1), (0, 0)])
    assert match(["abc"], ["xyz"]) == [] and match([], [a]) == []
    # a repeated text pairs with the copy at the same place in the document (the first copy was not found)
    x, y = "hemlösheten ska minska", "fler barn i social utsatthet klarar sin utbildning"
    assert sorted(match([x, y, a], [a, x, y, a])) == [(0, 1, 100.0), (1, 2, 100.0), (2, 3, 100.0)]
    # best score first: the exact pair wins over a 92-point near-duplicate
    near = "mål formuleras till delår 1"
    assert sorted((i, j) for i, j, _ in match([b, near], [near, b])) == [(0, 1), (1, 0)]


def test_gold_files_picks_text_files_with_an_answer_key(golds):
    files = gold_files([SAMPLE], golds)
    assert sorted(f.name for f in files) == sorted(f"{k}.txt" for k in (G001, G002, G004))


def test_gold_files_in_a_folder_prefer_text_and_take_a_pdf_when_alone(golds, tmp_path):
    (tmp_path / f"{G001}.word.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / f"{G002}.word.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / f"{G002}.txt").write_text("x", encoding="utf-8")
    (tmp_path / "other.pdf").write_bytes(b"%PDF-1.4")
    assert sorted(f.name for f in gold_files([tmp_path], golds)) == [f"{G001}.word.pdf", f"{G002}.txt"]


# --------------------------------------------------------------------------------- perfect and damaged

def test_gold_as_prediction_scores_perfectly(golds):
    docs = [perfect(golds, k) for k in (G001, G002, G004)]
    result = evaluate(docs, GOLD)
    assert sorted(result.documents) == [G001, G002, G004]
    df = result.to_dataframe()
    assert list(df.columns) == ["document", "kind", "tp", "fp", "fn", "precision", "recall", "f1"]
    assert (df.f1 == 1.0).all() and (df.fp == 0).all() and (df.fn == 0).all()
    for key in (G001, G002, G004):
        for kind in ("goals", "assignments", "indicators", "followups", "actions", "controls", "tables"):
            items = golds[key].get(kind)
            s = result.score(key, kind)
            assert (s is None) == (items is None), (key, kind)
            if s is not None:
                assert s.tp == len(items)
    rates = result.attribute_rates()
    assert (rates.rate == 1.0).all(), rates[rates.rate < 1]
    assert {"level", "parent", "placeholder", "goal", "values", "status", "n_rows", "responsible", "title"} <= set(rates.attribute)
    assert result.status_accuracy == 1.0 and result.mismatches() == []
    assert result.score(G001, "assignments").f1 == 1.0  # 0 gold, 0 predicted
    assert result.micro("goals").tp == 43 + 11 + 15


def test_damaged_prediction_gives_exact_numbers(golds):
    doc = perfect(golds, G002)  # 11 goals, 13 indicators, 17 follow-ups
    goals = doc.goals
    g1, g3, g5, g9 = goals[0], goals[2], goals[4], goals[8]
    g3.text = g3.text.replace("familjestödsutbildningar", "familjestödsutbildnigar")  # 1-character typo
    g5.text = "Nämnden ska anlägga fler parkeringsplatser vid stadshuset."  # heavily changed
    doc.goals = [g for g in goals if g not in (g1, g9)] + [
        Goal(id="spurious", text="Kommunen ska bygga fler cykelbanor längs kusten.", level="committee")]
    f7 = next(f for f in doc.followups if f.refers_to.endswith("inför fritidspeng till barn i utsatthet."))
    assert f7.status == "not_done"
    f7.status = "done"

    result = evaluate([doc], GOLD)
    tp, fp, fn, p, r, f1 = score(result, G002, "goals")
    assert (tp, fp, fn) == (8, 2, 3)  # typo kept, 2 dropped + heavy change missed, spurious + heavy change extra
    assert p == pytest.approx(0.8) and r == pytest.approx(8 / 11) and f1 == pytest.approx(16 / 21)
    missed = {m["id"] for m in result.mismatches("goals") if m["type"] == "missed"}
    spurious = {m["id"] for m in result.mismatches("goals") if m["type"] == "spurious"}
    assert missed == {"g1", "g5", "g9"} and spurious == {"spurious", g5.id}
    # indicators are all found, but the links to g1, g5 and g9 (i1, i5, i10, i11) cannot be right any more
    assert score(result, G002, "indicators")[:3] == (13, 0, 0)
    assert result.attribute_rate("indicators", "goal") == pytest.approx(9 / 13)
    bad_links = {m["id"] for m in result.mismatches("indicators") if m.get("attribute") == "goal"}
    assert bad_links == {"i1", "i5", "i10", "i11"}
    # follow-ups are all found; one status is wrong
    assert score(result, G002, "followups")[:3] == (17, 0, 0)
    assert result.status_accuracy == pytest.approx(16 / 17)
    assert [m["id"] for m in result.mismatches("followups")] == ["f7"]
    # untouched kinds stay perfect
    assert score(result, G002, "assignments")[5] == 1.0 and score(result, G002, "tables")[5] == 1.0


def test_missing_followup_counts_against_status_accuracy(golds):
    doc = perfect(golds, G002)
    doc.followups = doc.followups[1:]
    result = evaluate([doc], GOLD)
    assert score(result, G002, "followups")[:3] == (16, 0, 1)
    assert result.status_accuracy == pytest.approx(16 / 17)


def test_parent_is_checked_through_the_goal_matching(golds):
    doc = perfect(golds, G001)
    by_number = {g.number: g for g in doc.goals}
    by_number["1.1.2.1"].parent = by_number["1.1.1"].id  # should be 1.1.2
    by_number["1.2"].parent = by_number["1.1"].id  # a council goal has no parent
    result = evaluate([doc], GOLD)
    assert score(result, G001, "goals")[5] == 1.0
    assert result.attribute_rate("goals", "parent") == pytest.approx(41 / 43)
    assert {m["id"] for m in result.mismatches("goals")} == {"g5", "g7"}


def test_level_placeholder_and_other_attributes(golds):
    doc = perfect(golds, G001)
    doc.goals[0].level = "committee"
    doc.goals[17].placeholder = False  # g18 "Mål formuleras till delår 1"
    ind = doc.indicators[0]
    ind.values[0].raw = "30%"  # same value written without the space
    doc.indicators[3].values[0].year = 2026  # a wrong year
    doc.tables[2].n_rows += 1
    result = evaluate([doc], GOLD)
    assert result.attribute_rate("goals", "level") == pytest.approx(42 / 43)
    assert result.attribute_rate("goals", "placeholder") == pytest.approx(42 / 43)
    assert result.attribute_rate("indicators", "values") == pytest.approx(3 / 4)
    assert result.attribute_rate("tables", "n_rows") == pytest.approx(3 / 4)


def test_assignment_attributes_and_spurious_kind_without_gold(golds):
    doc = perfect(golds, G004)
    doc.assignments[7].responsible = list(reversed(doc.assignments[7].responsible))  # a set: order is free
    doc.assignments[8].responsible = doc.assignments[8].responsible[:-1]
    doc.assignments[0].issuer = "KS"
    result = evaluate([doc], GOLD)
    assert result.attribute_rate("assignments", "responsible") == pytest.approx(10 / 11)
    assert result.attribute_rate("assignments", "issuer") == pytest.approx(10 / 11)

    doc = perfect(golds, G001)  # 001 has 0 assignments
    doc.assignments = [Assignment(id="x1", text="Socialnämnden uppdras att göra något."),
                       Assignment(id="x2", text="Socialnämnden uppdras att göra något annat.")]
    tp, fp, fn, p, r, f1 = score(evaluate([doc], GOLD), G001, "assignments")
    assert (tp, fp, fn, p, f1) == (0, 2, 0, 0.0, 0.0)


def test_kinds_absent_or_null_in_gold_are_not_scored(golds):
    gold = copy.deepcopy(golds[G002])
    gold["followups"] = None
    del gold["tables"]
    doc = relabel(gold_to_document(golds[G002]))
    result = evaluate([doc], {G002: gold})
    assert result.score(G002, "followups") is None and result.score(G002, "tables") is None
    assert result.score(G002, "actions") is None  # 002 has no actions key at all
    assert result.score(G002, "goals").f1 == 1.0


def test_meta_checks(golds):
    doc = perfect(golds, G004)
    doc.meta.title = "Verksamhetsplan och budget 2021-2023"  # dash and spacing differ: still the title
    doc.meta.municipality = "Gävle"
    doc.meta.diarienummer = None
    result = evaluate([doc], GOLD)
    meta = {c.attribute: c.ok for c in result.checks if c.kind == "meta"}
    assert meta == {"municipality": False, "committee": True, "doc_type": True, "period": True, "title": True,
                    "diarienummer": False}


def test_render_and_json_output(golds):
    doc = perfect(golds, G002)
    doc.goals = doc.goals[1:]
    result = evaluate([doc], GOLD)
    console = Console(record=True, width=200)
    render(result, console, details=True)
    text = console.export_text()
    assert "all" in text and "goals" in text and "missed" in text and "skolnärvaron" in text
    json.dumps(result.to_dict(), ensure_ascii=False, default=str)


# ------------------------------------------------------------------------------------------ acceptance

class TestAcceptance:
    """ACCEPTANCE TEST of the issue: the real extractor on the documents with answer keys."""

    def test_acceptance_issue_thresholds(self, golds):
        from plantrace.extract import extract_file

        docs = [extract_file(SAMPLE / f"{key}.txt") for key in (G001, G002, G004)]
        result = evaluate(docs, golds)
        f1 = {kind: result.micro(kind).f1 for kind in ("goals", "assignments", "followups", "indicators")}
        problems = [m for m in result.mismatches() if m["kind"] in f1 and m.get("attribute") in (None, "status")]
        detail = "\n".join(f"{m['document']} {m['kind']} {m['type']} {m.get('id')}: {m['text']}" for m in problems[:30])
        assert f1["goals"] >= 0.95, detail
        assert f1["assignments"] >= 0.95, detail
        assert f1["followups"] >= 0.95, detail
        assert f1["indicators"] >= 0.90, detail
        # one of 17: the key reads "… har startat upp en anonym chatt" as done, the normaliser as started (ongoing)
        assert result.status_accuracy >= 16 / 17, detail
