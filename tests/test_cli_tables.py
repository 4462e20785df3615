"""Terminal tables a person can read: short unique document labels, 80 columns without clipped headers, the
audit's follow-up naming its report; one manifest rule for extract and ingest; empty frames keep columns."""

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import plantrace
from plantrace.cli import app
from plantrace.reports.labels import document_labels, period_short

SAMPLE = Path(__file__).resolve().parents[1] / "corpus" / "sample"
runner = CliRunner()


def report80(db, *args):
    r = runner.invoke(app, ["report", *args, "--db", str(db)], env={"COLUMNS": "80"})
    assert r.exit_code == 0, r.output
    return r.stdout


def test_labels_are_short_unique_and_say_municipality_type_and_period():
    docs = pd.DataFrame([
        {"file": "Socialnämnden Gävle verksamhetsplan 2021-2024.txt", "municipality": "Gävle", "committee":
            "Socialnämnden", "doc_type": "plan", "period_start": 2021, "period_end": 2024},
        {"file": "Kultur Gävle vp 2021-2024.txt", "municipality": "Gävle", "committee": "Kulturnämnden",
         "doc_type": "plan", "period_start": 2021, "period_end": 2024},
        {"file": "copy-a.txt", "municipality": "Ronneby", "committee": None, "doc_type": "report",
         "period_start": 2023, "period_end": 2023},
        {"file": "copy-b.txt", "municipality": "Ronneby", "committee": None, "doc_type": "report",
         "period_start": 2023, "period_end": 2023},
        {"file": "unknown_scan_0042.pdf", "municipality": None, "committee": None, "doc_type": None,
         "period_start": None, "period_end": None},
    ])
    labels = document_labels(docs)
    assert labels["Socialnämnden Gävle verksamhetsplan 2021-2024.txt"] == "Gävle plan 2021–24 Socialnämnden"
    assert labels["Kultur Gävle vp 2021-2024.txt"] == "Gävle plan 2021–24 Kulturnämnden"
    assert labels["copy-a.txt"] == "Ronneby report 2023 (a)" and labels["copy-b.txt"] == "Ronneby report 2023 (b)"
    assert labels["unknown_scan_0042.pdf"] == "unknown_scan_0042"
    assert len(set(labels.values())) == len(docs)
    assert period_short(1999, 2002) == "1999–2002" and period_short(2023, None) == "2023"


def test_terminal_reports_fit_80_columns_with_labels_and_readable_file_names(aligned_sample_db):
    for name in ("overview", "unreported", "evolution", "indicators", "compare"):
        text = report80(aligned_sample_db, name)
        too_wide = [line for line in text.splitlines() if len(line) > 80]
        assert not too_wide, (name, too_wide[:2])
    overview = report80(aligned_sample_db, "overview")
    assert "Gävle plan 2021–24" in overview and "Ronneby protocol" in overview
    for f in (SAMPLE / "text").glob("*.txt"):
        assert f.name in overview  # the file name whole, not "000_fe8b30e7…"


def test_audit_follow_up_names_the_report_and_statuses_are_not_clipped(aligned_sample_db):
    text = report80(aligned_sample_db, "unreported")
    audit, summary = text.split("— summary")
    rows = [line for line in audit.splitlines() if "NOT reported" in line]
    assert rows and all("Gävle report" in line for line in rows)  # the follow-up column starts with its report
    assert "statuses" in summary and "done 4" in summary and "ongoing 1" in summary.replace("\n", " ")


def test_one_manifest_rule_for_extract_and_ingest(tmp_path):
    """A manifest.csv above the folder given is not read by either command; one inside it is, by both."""
    corpus = tmp_path / "corpus"
    (corpus / "docs").mkdir(parents=True)
    source = next((SAMPLE / "text").glob("000_*.txt"))
    shutil.copy(source, corpus / "docs" / source.name)
    (corpus / "manifest.csv").write_text(f"file,municipality\ndocs/{source.name},Ankeborg\n", encoding="utf-8")

    def extracted(folder):
        r = runner.invoke(app, ["extract", str(folder), "--json"])
        assert r.exit_code == 0, r.output
        return json.loads(r.stdout)["documents"][0]["meta"]["municipality"]

    def ingested(folder, db):
        r = runner.invoke(app, ["ingest", str(folder), "--db", str(db)])
        assert r.exit_code == 0, r.output
        r = runner.invoke(app, ["show", "--db", str(db), "--json"])
        return json.loads(r.stdout)["documents"][0]["meta"]["municipality"]

    assert extracted(corpus / "docs") == ingested(corpus / "docs", tmp_path / "a.duckdb") == "Gävle"
    assert extracted(corpus) == ingested(corpus, tmp_path / "b.duckdb") == "Ankeborg"


def test_to_dataframe_keeps_its_columns_when_there_are_no_items():
    doc = plantrace.extract(next((SAMPLE / "text").glob("001_*.txt")))
    assert doc.followups == []
    empty = plantrace.to_dataframe(doc, "followups")
    assert empty.shape == (0, len(empty.columns)) and {"id", "refers_to", "status", "document"} <= set(empty.columns)
    goals = plantrace.to_dataframe(doc, "goals")
    assert list(goals.columns) == [*plantrace.schema.Goal.model_fields, "document"] and len(goals) == 43
    with pytest.raises(ValueError, match="unknown item kind"):
        plantrace.to_dataframe(doc, "goal")
