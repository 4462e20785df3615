"""Reports on the sample corpus: what each shows, every format read back, the CLI and the Python API."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

import plantrace
from plantrace.cli import app

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpus" / "sample"
runner = CliRunner()


@pytest.fixture(scope="module")
def db(aligned_sample_db):
    return aligned_sample_db


@pytest.fixture(scope="module")
def corpus(db):
    return plantrace.open(db)


def test_unreported_shows_gavle_plan_against_the_2023_report_and_the_reports_own_assignments(corpus):
    r = corpus.report("unreported")
    audit = r["audit"]
    plan = audit[audit["plan"] == "000_fe8b30e72cf9500a.txt"]
    assert len(plan) == 2 and set(plan["verdict"]) == {"not_reported"}
    assert set(plan["report"]) == {"002_899627d34187ce61.txt"}  # the nearest candidate comes from the 2023 report
    assert (plan["score"] > 0).all() and plan["number"].tolist() == ["1", "2"] and (plan["where"] != "").all()
    own = audit[audit["plan"] == "002_899627d34187ce61.txt"]
    assert own["verdict"].tolist() == ["reported"] * 6
    assert own["status"].value_counts().to_dict() == {"done": 4, "not_done": 1, "ongoing": 1}
    assert own["report_number"].tolist() == ["4.1", "4.2", "4.3", "4.4", "4.5", "4.6"]
    uppsala = audit[audit["municipality"] == "Uppsala"]
    assert len(uppsala) > 0 and set(uppsala["verdict"]) == {"no_covering_report"}
    summary = r["summary"].set_index("plan")
    assert summary.at["002_899627d34187ce61.txt", "statuses"] == "done 4, not_done 1, ongoing 1"
    assert summary.at["000_fe8b30e72cf9500a.txt", "not_reported"] == 2
    with_goals = corpus.report("unreported", goals=True)["audit"]
    assert (with_goals["kind"] == "goal").sum() > 0 and len(with_goals) > len(audit)


def test_evolution_shows_external_placements_to_own_open_care_across_2021_2023_2025(corpus):
    r = corpus.report("evolution", municipality="Gävle", theme="external_placements")
    threads = r["threads"]
    spans = threads.groupby("thread")["year"].apply(list)
    long = [t for t, years in spans.items() if years == [2021, 2023, 2025]]
    assert long, spans
    texts = threads[threads["thread"] == long[0]]["text"].tolist()
    assert "placering" in texts[0].lower() and "öppenvård" in texts[-1].lower()
    assert threads[threads["thread"] == long[0]]["change"].tolist()[0] == "new"
    per_year = r["per_year"]
    assert set(per_year["year"]) >= {2021, 2023, 2025}
    assert (per_year["items"] == per_year["new"] + per_year["carried"]).all()
    assert set(corpus.report("evolution", kind="indicator")["threads"]["kind"]) == {"indicator"}
    assert corpus.report("evolution", year_from=2024)["threads"]["year"].min() >= 2024


def test_indicators_side_by_side_with_target_met(corpus):
    r = corpus.report("indicators")
    values = r["targets_and_outcomes"]
    met = values.dropna(subset=["met"])
    assert set(met["met"]) == {True, False}  # the sample has targets met and targets missed
    assert (met["target"] != "").all() and (met["outcome"] != "").all()  # judged only where both are written
    row = values[(values["outcome"] == "Nej") & (values["target"] == "Ja")]
    assert len(row) and not row["met"].iloc[0]
    assert (r["placeholders"]["value"].str.contains("Uppdateras", case=False)).any()
    churn = r["churn"].set_index(["from", "to"])
    gavle = churn.loc[("000_fe8b30e72cf9500a.txt", "001_ded986b2b83926f4.txt")]  # the two Gävle plans
    indicators = corpus.items("indicators")
    n_2021 = (indicators["source"].str.endswith("000_fe8b30e72cf9500a.txt")).sum()
    n_2025 = (indicators["source"].str.endswith("001_ded986b2b83926f4.txt")).sum()
    assert gavle["kept"] >= 1  # the external placements indicator carried from 2021 to 2025
    assert gavle["kept"] + gavle["dropped"] == n_2021 and gavle["kept"] + gavle["new"] == n_2025


@pytest.mark.parametrize("actual, target, target_raw, direction, name, met", [
    (7.2, 6.5, "6,5 %", None, "Sjukfrånvaro bland medarbetare", False),  # less is better for what is measured
    (5.9, 6.5, "6,5 %", None, "Sjukfrånvaro bland medarbetare", True),
    (88, 90, "90 %", None, "Andel nöjda brukare", False),
    (12, 10, "Högst 10 dagar", None, "Handläggning av ansökningar", False),  # the bound decides
    (12, 10, "Minst 10 dagar", None, "Väntetid till första besök", True),  # the bound outranks the name
    (40, 45, "Minska", "decrease", "Andel", True),
])
def test_target_met_reads_bounds_directions_and_what_is_measured(actual, target, target_raw, direction, name, met):
    from plantrace.reports.data import _met

    assert _met({"raw": str(actual), "value": actual}, {"raw": target_raw, "value": target}, direction, name) is met


def test_compare_puts_the_three_municipalities_side_by_side(corpus):
    r = corpus.report("compare")
    matrix = r["matrix"]
    assert {"Gävle", "Uppsala", "Ronneby"} <= set(matrix.columns)
    themes = matrix.set_index("theme")
    assert themes.loc["external_placements", "Gävle"] > 0 and themes.loc["external_placements", "Uppsala"] > 0
    assert themes.loc["violence", "Ronneby"] > 0
    cp = corpus.report("compare", municipality="Uppsala")["counterparts"]
    assert set(cp["municipality"]) == {"Uppsala"} and (cp["other_municipality"] != "Uppsala").all()


def test_document_report(corpus):
    r = corpus.report("document", path="002_899627d34187ce61.txt")
    assert r["meta"].set_index("field").at["doc_type", "value"] == "report"
    assert len(r["followups"]) == 17 and len(r["goals"]) == 11
    with pytest.raises(LookupError):
        corpus.report("document", path="nothing.txt")


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "parquet", "json", "md", "html", "table"])
def test_every_format_is_written_and_reads_back(db, tmp_path, fmt):
    out = tmp_path / f"unreported.{fmt}"
    r = runner.invoke(app, ["report", "unreported", "--db", str(db), "--format", fmt, "--out", str(out)])
    assert r.exit_code == 0, r.output
    expected = plantrace.open(db).report("unreported")
    audit = expected["audit"]
    if fmt == "csv":
        back = pd.read_csv(out)
        assert back["verdict"].tolist() == audit["verdict"].tolist()
        assert len(pd.read_csv(tmp_path / "unreported.summary.csv")) == len(expected["summary"])
    elif fmt == "xlsx":
        sheets = pd.read_excel(out, sheet_name=None)
        assert list(sheets) == ["audit", "summary"] and len(sheets["audit"]) == len(audit)
        ws = load_workbook(out)["audit"]
        assert ws.freeze_panes == "A2" and ws["A1"].font.bold and ws.column_dimensions["H"].width > 10
    elif fmt == "parquet":
        back = pd.read_parquet(out)
        assert back["text"].tolist() == audit["text"].tolist()
    elif fmt == "json":
        data = json.loads(out.read_text(encoding="utf-8"))
        assert len(data["tables"]["audit"]) == len(audit) and data["report"] == "unreported"
    elif fmt == "md":
        text = out.read_text(encoding="utf-8")
        assert "## audit" in text and text.count("\n|") >= len(audit)
    elif fmt == "html":
        text = out.read_text(encoding="utf-8")
        assert text.startswith("<!doctype html>") and text.count("<tr>") >= len(audit)
    else:
        assert "NOT reported" in out.read_text(encoding="utf-8")


def test_stdout_formats_pipe(db):
    r = runner.invoke(app, ["report", "unreported", "--db", str(db), "--format", "csv"])
    assert r.exit_code == 0 and r.stdout.splitlines()[0].startswith("plan,municipality")
    r = runner.invoke(app, ["report", "compare", "--db", str(db), "--format", "json"])
    assert r.exit_code == 0 and "matrix" in json.loads(r.stdout)["tables"]
    r = runner.invoke(app, ["report", "unreported", "--db", str(db), "--format", "xlsx"])
    assert r.exit_code == 1 and "--out" in r.output


def test_terminal_tables_fit_80_columns(db):
    from rich.console import Console

    from plantrace.reports.formats import write

    for name in ("unreported", "evolution", "indicators", "compare", "overview"):
        console = Console(width=80, record=True, file=open("/dev/null", "w"))
        write(plantrace.open(db).report(name), "table", None, console=console)
        lines = console.export_text().splitlines()
        assert lines and max(len(line) for line in lines) <= 80, name


def test_document_text_is_escaped_in_html_and_terminal(tmp_path):
    plan = tmp_path / "corpus"
    plan.mkdir()
    (plan / "plan.txt").write_text(
        "Verksamhetsplan 2024 för Socialnämnden i Gävle kommun\n\nSocialnämndens mål:\n\n"
        "• Alla barn ska <script>alert(1)</script> få stöd [bold]inom[/bold] en vecka.\n", encoding="utf-8")
    db = tmp_path / "s.duckdb"
    assert plantrace.ingest([plan], db=db).ok
    r = runner.invoke(app, ["report", "document", "plan.txt", "--db", str(db), "--format", "html"])
    assert r.exit_code == 0 and "<script>alert" not in r.stdout and "&lt;script&gt;" in r.stdout
    r = runner.invoke(app, ["report", "document", "plan.txt", "--db", str(db)])
    assert "[bold]inom[/bold]" in r.stdout.replace("\n", " ") or "[bold]inom" in r.stdout


def test_reports_without_alignment_say_how_to_get_one(tmp_path):
    db = tmp_path / "s.duckdb"
    assert plantrace.ingest([SAMPLE / "text" / "003_1c9c55b9aa0a6401.txt"], db=db).ok
    r = runner.invoke(app, ["report", "unreported", "--db", str(db)])
    assert r.exit_code == 1 and "plantrace align" in r.output
    assert len(plantrace.open(db).report("overview")["documents"]) == 1
