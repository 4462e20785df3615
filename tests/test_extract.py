"""Extraction on the real sample documents: behaviours the answer keys do not cover one by one."""

from pathlib import Path

import pytest

from plantrace.extract import extract_file, extract_text
from plantrace.extract.context import fold
from plantrace.extract.numbers import parse_number
from plantrace.extract.tables import merge_header

SAMPLE = Path(__file__).resolve().parents[1] / "corpus" / "sample" / "text"


def doc(prefix: str):
    (path,) = SAMPLE.glob(f"{prefix}_*.txt")
    return extract_file(path)


@pytest.fixture(scope="module")
def docs():
    return {p: doc(p) for p in ("000", "001", "002", "003", "004")}


def test_every_item_points_at_its_own_text(docs):
    """Provenance: the character span of an item holds the item's words in the normalised text."""
    for d in docs.values():
        for kind, field in (("goals", "text"), ("assignments", "text"), ("indicators", "name"), ("followups", "refers_to")):
            for item in getattr(d, kind):
                start, end = item.provenance.span
                window = fold(d.text[start:end])
                words = fold(getattr(item, field)).split()[:4]
                assert " ".join(words) in window, (d.source, kind, item.id)
                assert item.provenance.document == d.sha256
                first, last = item.provenance.lines
                assert d.text.split("\n")[first] and first <= last


def test_table_of_contents_is_not_content(docs):
    d = docs["002"]
    numbers = [g.number for g in d.goals]
    assert len(numbers) == len(set(numbers)) == 11
    assert not any("....." in g.text for d in docs.values() for g in d.goals)


def test_markup_is_stripped(docs):
    for g in docs["001"].goals:
        assert "**" not in g.text and "<b>" not in g.text and not g.text.startswith("#")
    titles = [t.title for t in docs["001"].tables]
    assert "INVESTERINGSBUDGET" in titles  # "INVESTERINGSBUDGE  \nT" joined


def test_goal_tree_levels_and_placeholders(docs):
    goals = {g.number: g for g in docs["001"].goals if g.number}
    assert goals["1.2"].level == "council" and goals["1.2"].parent is None
    assert goals["1.2.2"].level == "committee" and goals["1.2.2"].parent == goals["1.2"].id
    assert goals["1.2.2.2"].level == "sub"
    assert goals["1.3.1.1"].placeholder and not goals["1.3.2.1"].placeholder
    target = [g for g in docs["001"].goals if g.text.startswith("Målsättningen är att")]
    assert len(target) == 1 and target[0].parent == goals["1.2.2.2"].id


def test_labelled_goals_and_assignments_with_responsible_committees(docs):
    d = docs["004"]
    council = [g for g in d.goals if g.level == "council"]
    assert [g.number for g in council] == [str(i) for i in range(1, 10)]
    a = next(a for a in d.assignments if a.text.startswith("Stärk studiero"))
    assert a.responsible == ["UBN", "KTN", "SCN", "IFN", "AMN"] and a.issuer == "KF"
    assert "(" not in a.text


def test_numbered_political_assignments_with_funding(docs):
    d = docs["000"]
    assert [a.number for a in d.assignments] == ["1", "2"]
    assert d.assignments[0].funding == "1,0 mnkr"
    assert d.assignments[0].text.endswith("ansökan om tilläggsanslag.")  # continues after a blank line


def test_protocol_bullet_goals_have_targets_under_prose_goals(docs):
    d = docs["003"]
    prose = next(g for g in d.goals if g.text.startswith("Människor med behov av försörjningsstöd"))
    target = next(g for g in d.goals if g.text.startswith("Minst 50 % av hushållen"))
    assert prose.level == "committee" and target.level == "sub" and target.parent == prose.id
    assert not any(g.text.startswith("Ordförande") for g in d.goals)


def test_indicator_values_are_typed_by_column(docs):
    i = next(i for i in docs["001"].indicators if i.name.startswith("Expandera"))
    assert [(v.kind, v.year, v.raw, v.value, v.unit) for v in i.values] == [("target", 2025, "30 %", 30.0, "%")]
    i = next(i for i in docs["002"].indicators if i.name.startswith("Indikator 1"))
    assert {(v.kind, v.year, v.raw) for v in i.values} == {("actual", 2023, "Nej"), ("target", 2023, "Ja")}
    trend = {i.name: i.direction for i in docs["004"].indicators if i.direction}
    assert trend["Andel familjehem i egen regi"] == "increase"


def test_breakdowns_and_sources_are_split_from_names(docs):
    i = next(i for i in docs["004"].indicators if i.name.startswith("Andel aktualiserade"))
    assert i.breakdown == ["Barn 0–12 år", "Ungdomar 13–20 år", "Vuxna"]
    kolada = [i for i in docs["004"].indicators if i.source == "Kolada"]
    assert kolada and all("Kolada" not in i.name and not i.name.endswith(":") for i in kolada)


def test_tables_two_level_header_and_page_break(docs):
    tables = {t.title: t for t in docs["004"].tables}
    budget = tables["Budget 2021"]
    assert budget.header == ["Belopp i miljoner kronor", "Beslutad budget 2020", "Prognos 2020", "Budget 2021"]
    assert budget.numbers[budget.rows.index(next(r for r in budget.rows if r[0] == "Summa kostnader"))][1:] == [-902, -977, -899]
    result = next(t for t in docs["002"].tables if t.kind == "budget")
    assert result.n_rows == 12 and result.title == "Resultat"  # split by a repeated header, still one table
    control = next(t for t in docs["004"].tables if t.kind == "control")
    assert control.n_rows == 26
    assert len(docs["004"].controls) == 26 and len(docs["004"].actions) == 59


def test_followup_status_evidence_order(docs):
    f = {x.number: x for x in docs["002"].followups}
    assert f["3.7"].status == "not_done" and f["3.7"].status_raw == "Ej genomfört."  # beats Status cell "Ja"
    assert f["3.1"].status == "done" and f["3.1"].status_raw == "Ja"  # Status cell
    assert f["3.9"].status == "not_done"  # indicators Nej against target Ja
    assert f["4.1"].kind == "assignment" and f["3.1"].kind == "goal"


def test_swedish_numbers():
    assert parse_number("-357,5") == (-357.5, None)
    assert parse_number("67 044") == (67044.0, None)
    assert parse_number("12.5 mnkr") == (12.5, "mnkr")
    assert parse_number("−1 200") == (-1200.0, None)
    assert parse_number("Uppdateras") == (None, None)


def test_header_merge_spans_and_wraps():
    assert merge_header(["Indikator", "Nuvärde", "", "Jämförvärde"], ["", "Totalt", "Kvinnor", ""]) == [
        "Indikator", "Nuvärde Totalt", "Nuvärde Kvinnor", "Jämförvärde"]
    assert merge_header(["Belopp", "Beslutad", "", "Budget 2021"], ["", "budget 2020", "Prognos 2020", ""]) == [
        "Belopp", "Beslutad budget 2020", "Prognos 2020", "Budget 2021"]


def test_unknown_document_gives_empty_results_not_errors():
    d = extract_text("Detta är en vanlig text utan mål.\n\nInget mer.", source="x.txt")
    assert d.goals == [] and d.tables == [] and d.meta.municipality is None


def test_hard_wrapped_hyphenation_is_joined(docs):
    d = extract_text("1 Mål\n\n1.1 Alla barn ska ha en trygg upp-\nväxt i kommunen\n", source="y.txt")
    assert d.goals and d.goals[0].text == "Alla barn ska ha en trygg uppväxt i kommunen"


def test_scattered_indicator_tables_are_rebuilt(docs):
    """000: header words and years on separate lines, names over lines, "UPPD/ATER/AS", a page-break header."""
    d = docs["000"]
    tables = [t for t in d.tables if t.kind == "indicator"]
    assert [t.n_rows for t in tables] == [2, 1, 3]
    assert tables[0].header[:3] == ["Indikator", "Utfall 2020", "Målvärde 2021"]
    names = [i.name for i in d.indicators]
    assert "Orosanmälningar barn, 7–12 år" in names
    assert names[-1].endswith("ett år efter avslutad utredning eller insats")
    tid = next(i for i in d.indicators if i.name == "Tid till insats")
    assert tid.footnote == "1" and [(v.kind, v.year, v.raw) for v in tid.values] == [("actual", 2020, "Uppdateras")]


def test_markdown_and_space_aligned_tables():
    text = ("Indikatorer\n\n| Indikator | Utfall 2023 | Målvärde 2024 |\n|---|---|---|\n| Andel nöjda brukare | 81 % | 85 % |\n\n"
            "Resultat\n\nBelopp i mnkr     Budget 2024     Prognos 2024\nIntäkter     12,5     13,0\n")
    d = extract_text(text, source="md.txt")
    ind = d.indicators[0]
    assert ind.name == "Andel nöjda brukare"
    assert [(v.kind, v.year, v.value) for v in ind.values] == [("actual", 2023, 81.0), ("target", 2024, 85.0)]
    budget = next(t for t in d.tables if t.kind == "budget")
    assert budget.numbers == [[None, 12.5, 13.0]]


@pytest.mark.parametrize("phrase,status", [
    ("Uppdraget är genomfört under året.", "done"),
    ("Uppdraget bedöms inte bli genomfört.", "not_done"),
    ("Delvis uppnått", "partial"),
    ("Avförd", "cancelled"),
    ("Arbetet pågår enligt plan.", "ongoing"),
    ("Viss måluppfyllelse.", "partial"),
])
def test_status_phrases(phrase, status):
    text = f"Verksamhetsrapport 2024\n\n1 Uppföljning av politiska uppdrag\n\n1.1 Socialnämnden uppdras att införa X.\n\n{phrase}\n"
    d = extract_text(text, source="r.txt")
    assert [(f.kind, f.status) for f in d.followups] == [("assignment", status)]


def test_python_api_dataframe():
    import plantrace

    (path,) = SAMPLE.glob("002_*.txt")
    frame = plantrace.to_dataframe(plantrace.extract(path), "followups")
    # "Grunden har startat upp en anonym chatt" reads as started (ongoing): "startat" is no completion cue
    assert len(frame) == 17 and set(frame["status"]) == {"done", "not_done", "ongoing"}
