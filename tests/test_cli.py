"""The command line, run in-process with typer's runner on copies of the sample documents."""

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plantrace.cli import app

SAMPLE = Path(__file__).resolve().parents[1] / "corpus" / "sample"
_SHARED = Path(__file__).resolve().parents[2] / "shared" / "gold"
GOLD = _SHARED if _SHARED.is_dir() else Path(__file__).resolve().parent / "gold"
runner = CliRunner()


@pytest.fixture()
def corpus(tmp_path):
    dest = tmp_path / "corpus"
    shutil.copytree(SAMPLE, dest)
    return dest


def test_schema_is_json_schema():
    r = runner.invoke(app, ["schema"])
    assert r.exit_code == 0
    schema = json.loads(r.stdout)
    assert {"Goal", "Indicator", "Assignment", "FollowUp", "Table", "Provenance"} <= set(schema["$defs"])


def test_extract_json_contract(corpus):
    (path,) = (corpus / "text").glob("002_*.txt")
    r = runner.invoke(app, ["extract", str(path), "--json", "-"])
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)["documents"][0]
    assert doc["meta"]["doc_type"] == "report" and doc["meta"]["period"] == [2023, 2023]
    assert {"sections", "goals", "assignments", "indicators", "followups", "actions", "tables"} <= set(doc)
    f = doc["followups"][0]
    assert {"id", "number", "refers_to", "kind", "status", "status_raw", "provenance"} <= set(f)
    t = doc["tables"][0]
    assert {"id", "kind", "title", "header", "rows", "n_rows", "n_cols", "pages"} <= set(t)


def test_extract_reports_bad_file_and_goes_on(corpus, tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_text("")
    (good,) = (corpus / "text").glob("001_*.txt")
    out = tmp_path / "out.json"
    r = runner.invoke(app, ["extract", str(bad), str(good), "--json", str(out)])
    assert r.exit_code == 1
    assert "empty.txt" in r.stderr and "empty" in r.stderr
    data = json.loads(out.read_text())
    assert len(data["documents"]) == 1 and len(data["documents"][0]["goals"]) == 43


def test_ingest_show_and_reingest(corpus, tmp_path):
    db = tmp_path / "s.duckdb"
    r = runner.invoke(app, ["ingest", str(corpus), "--db", str(db)])
    assert r.exit_code == 0, r.output
    assert "added 5" in r.stdout
    r = runner.invoke(app, ["show", "--db", str(db), "--json"])
    shown = json.loads(r.stdout)
    assert len(shown["documents"]) == 5 and shown["failures"] == []
    ronneby = next(d for d in shown["documents"] if "003_" in d["source"])
    assert ronneby["meta"]["municipality"] == "Ronneby" and ronneby["meta"]["how"]["municipality"] == "manifest"
    r = runner.invoke(app, ["ingest", str(corpus), "--db", str(db)])
    assert "unchanged 5" in r.stdout


def test_show_without_store_fails(tmp_path):
    r = runner.invoke(app, ["show", "--db", str(tmp_path / "none.duckdb")])
    assert r.exit_code == 1 and "none.duckdb" in r.stderr


def test_demo_prints_goals_assignments_and_status():
    r = runner.invoke(app, ["demo"])
    assert r.exit_code == 0, r.output
    for words in ("Goals per document", "Political assignments", "Follow-up status", "not_done"):
        assert words in r.stdout


def test_eval_prints_scores():
    r = runner.invoke(app, ["eval", str(SAMPLE), "--gold", str(GOLD), "--json"])
    assert r.exit_code == 0, r.output
    rows = json.loads(r.stdout)
    overall = {x["kind"]: x["f1"] for x in rows if x["document"] == "all"}
    assert overall["goals"] >= 0.95 and overall["indicators"] >= 0.90
