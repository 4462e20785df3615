"""The command line, run in-process with typer's runner on copies of the sample documents."""

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plantrace.cli import app

SAMPLE = Path(__file__).resolve().parents[1] / "corpus" / "sample"
GOLD = Path(__file__).resolve().parent / "gold"  # the repository's answer keys, wherever it is checked out
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
    r = runner.invoke(app, ["extract", str(path), "--json"])
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
    r = runner.invoke(app, ["extract", str(bad), str(good), "--json", "--out", str(out)])
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


def test_demo_prints_the_reports_and_writes_the_html_report(tmp_path):
    html = tmp_path / "demo.html"
    r = runner.invoke(app, ["demo", "--html", str(html)])
    assert r.exit_code == 0, r.output
    for words in ("Corpus overview", "Plan items and their follow-up", "NOT reported", "not_done",
                  "across years", "Municipalities compared by theme", "Ronneby"):
        assert words in r.stdout, words
    page = html.read_text(encoding="utf-8")
    assert 'id="unreported"' in page and 'id="evolution"' in page


def test_eval_prints_scores():
    r = runner.invoke(app, ["eval", str(SAMPLE), "--gold", str(GOLD), "--json"])
    assert r.exit_code == 0, r.output
    rows = json.loads(r.stdout)
    overall = {x["kind"]: x["f1"] for x in rows if x["document"] == "all"}
    assert overall["goals"] >= 0.95 and overall["indicators"] >= 0.90


def test_show_displays_the_extractor_and_model_version(corpus, tmp_path):
    from plantrace.corpus.ingest import extractor_version
    from plantrace.nlp_models import MODEL_VERSION

    db = tmp_path / "s.duckdb"
    assert runner.invoke(app, ["ingest", str(corpus / "text"), "--db", str(db)]).exit_code == 0
    shown = json.loads(runner.invoke(app, ["show", "--db", str(db), "--json"]).stdout)
    assert shown["extractor_version"] == extractor_version() and MODEL_VERSION in shown["extractor_version"]
    assert {d["extractor_version"] for d in shown["documents"]} == {extractor_version()}
    r = runner.invoke(app, ["show", "--db", str(db)])
    assert r.exit_code == 0, r.output
    assert f"extractor/model version {extractor_version()}: 5 documents, current" in r.stdout


# --- plantrace train: one real training through the CLI, one through the Python API -------------------------

@pytest.fixture(scope="module")
def api_metrics():
    import plantrace.nlp_models as nm

    return nm.train(seed=0, output=None)


def _model_files():
    import plantrace.nlp_models as nm

    return {p: p.stat().st_mtime_ns for p in nm.MODEL_DIR.rglob("*") if p.is_file()}


def test_train_json_equals_the_python_api(api_metrics, tmp_path):
    shipped = _model_files()
    out = tmp_path / "model"
    r = runner.invoke(app, ["train", "--seed", "0", "--output", str(out), "--json"])
    assert r.exit_code == 0, r.output
    metrics = json.loads(r.stdout)
    macro_f1 = metrics["held_out"]["macro_f1"]
    assert isinstance(macro_f1, float) and 0.0 < macro_f1 <= 1.0
    assert macro_f1 == api_metrics["held_out"]["macro_f1"]
    expected = {**api_metrics, "held_out": {k: v for k, v in api_metrics["held_out"].items() if k != "errors"}}
    assert metrics == expected  # the same numbers, errors left out unless --errors
    saved = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    assert saved["plantrace"]["held_out"]["macro_f1"] == macro_f1
    assert _model_files() == shipped  # the shipped model is not touched


def test_train_tables_and_dash_does_not_save(api_metrics, monkeypatch):
    import plantrace.nlp_models as nm
    import plantrace.nlp_models.train  # noqa: F401  (imported now, so no later import can undo the patch below)

    seen = []

    def fake_train(seed=0, **kwargs):  # the numbers of the real run, without training again
        seen.append((seed, kwargs))
        return {**api_metrics, "lemmas": {"n": 120, "accuracy": 0.975}}

    monkeypatch.setattr(nm, "train", fake_train)
    r = runner.invoke(app, ["train", "--seed", "3", "--output", "-"])
    assert r.exit_code == 0, r.output
    assert seen == [(3, {"output": None})]
    held = api_metrics["held_out"]
    assert f"{held['macro_f1']:.3f}" in r.stdout and f"{held['accuracy']:.3f}" in r.stdout
    for role, m in held["per_role"].items():
        assert role in r.stdout and f"{m['f1']:.3f}" in r.stdout
    assert "lemmas.accuracy" in r.stdout and "0.975" in r.stdout
    r = runner.invoke(app, ["train"])  # no --output: the shipped model directory
    assert r.exit_code == 0 and seen[-1] == (0, {"output": nm.MODEL_DIR})
