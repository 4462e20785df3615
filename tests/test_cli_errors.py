"""A newcomer's mistakes through the command line: each ends in one line naming the file and the reason, a
non-zero exit code, no traceback, and nothing written where it should not be."""

import json
import os
import shutil
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from plantrace.cli import app
from plantrace.corpus.store import DDL, SCHEMA_VERSION, Store

SAMPLE = Path(__file__).resolve().parents[1] / "corpus" / "sample"
TEXT = sorted((SAMPLE / "text").glob("*.txt"))
runner = CliRunner()


def one_error_line(r, *words):
    """The run failed with exactly one `error …` line on stderr that contains every word, and no traceback."""
    assert r.exit_code not in (0, None), r.output
    assert "Traceback" not in r.output, r.output
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    lines = [line for line in r.stderr.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("error ")]
    assert len(errors) == 1, r.stderr
    for word in words:
        assert word in errors[0], (word, errors[0])
    return errors[0]


# --- outputs that cannot be written ------------------------------------------------------------------------

def _unwritable(tmp_path, how):
    """A path no writer can create: inside a read-only folder, or 'inside' a regular file."""
    if how == "read-only folder":
        if os.geteuid() == 0:
            pytest.skip("root writes into a read-only folder; the file-as-folder case covers root")
        folder = tmp_path / "ro"
        folder.mkdir()
        folder.chmod(0o555)
        return folder
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    return blocker


WRITERS = {
    "report html": lambda db, out: ["report", "html", "--db", str(db), "--out", str(out / "r.html")],
    "report xlsx": lambda db, out: ["report", "unreported", "--db", str(db), "--format", "xlsx", "--out",
                                    str(out / "r.xlsx")],
    "report csv": lambda db, out: ["report", "unreported", "--db", str(db), "--format", "csv", "--out",
                                   str(out / "r.csv")],
    "extract json": lambda db, out: ["extract", str(TEXT[0]), "--json", "--out", str(out / "x.json")],
    "align json": lambda db, out: ["align", "--db", str(db), "--json", "--out", str(out / "a.json")],
    "ingest db": lambda db, out: ["ingest", str(TEXT[0]), "--db", str(out / "s.duckdb")],
    "demo html": lambda db, out: ["demo", "--out", str(out / "demo.html")],
    "show out": lambda db, out: ["show", "--db", str(db), "--out", str(out / "show.txt")],
}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    import plantrace

    path = tmp_path_factory.mktemp("store") / "s.duckdb"
    assert plantrace.ingest([SAMPLE], db=path).ok
    plantrace.align(path)
    return path


@pytest.mark.parametrize("how", ["read-only folder", "file as folder"])
@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_every_writer_refuses_an_unwritable_output_in_one_line(store, tmp_path, writer, how):
    out = _unwritable(tmp_path, how)
    before = store.stat().st_mtime_ns
    r = runner.invoke(app, WRITERS[writer](store, out))
    one_error_line(r, str(out), "cannot write")
    assert r.stdout == ""  # refused before any work: the demo does not print its reports first
    assert store.stat().st_mtime_ns == before


# --- --db files that are not plantrace stores -------------------------------------------------------------

COMMANDS_ON_DB = {
    "ingest": lambda db: ["ingest", str(TEXT[0]), "--db", str(db)],
    "show": lambda db: ["show", "--db", str(db)],
    "align": lambda db: ["align", "--db", str(db)],
    "report": lambda db: ["report", "overview", "--db", str(db)],
}


@pytest.mark.parametrize("command", sorted(COMMANDS_ON_DB))
def test_db_that_is_not_duckdb_is_refused_and_left_as_it_was(tmp_path, command):
    db = tmp_path / "notes.duckdb"
    db.write_bytes(b"a spreadsheet, not a database\n" * 50)
    before = db.read_bytes()
    r = runner.invoke(app, COMMANDS_ON_DB[command](db))
    one_error_line(r, str(db), "not a DuckDB database file")
    assert db.read_bytes() == before


@pytest.mark.parametrize("command", sorted(COMMANDS_ON_DB))
def test_another_applications_duckdb_is_refused_before_anything_is_written(tmp_path, command):
    db = tmp_path / "sales.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE orders (id INTEGER, amount DOUBLE)")
    con.execute("INSERT INTO orders VALUES (1, 9.5)")
    con.close()
    r = runner.invoke(app, COMMANDS_ON_DB[command](db))
    one_error_line(r, str(db), "another application", "orders")
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT table_name FROM duckdb_tables()").fetchall() == [("orders",)]
    assert con.execute("SELECT * FROM orders").fetchall() == [(1, 9.5)]
    con.close()


def _store_of_version(path: Path, version: str, tables=DDL[:5]) -> None:
    con = duckdb.connect(str(path))
    for ddl in tables:
        con.execute(ddl)
    con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [version])
    con.close()


@pytest.mark.parametrize("command", sorted(COMMANDS_ON_DB))
def test_a_newer_store_is_refused_with_what_to_do(tmp_path, command):
    db = tmp_path / "new.duckdb"
    newer = str(int(SCHEMA_VERSION) + 1)
    _store_of_version(db, newer, DDL)
    r = runner.invoke(app, COMMANDS_ON_DB[command](db))
    one_error_line(r, str(db), f"store version {newer} is newer", "upgrade plantrace")
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == (newer,)
    assert con.execute("SELECT count(*) FROM documents").fetchone() == (0,)
    con.close()


def test_an_older_store_is_migrated_and_keeps_its_documents(tmp_path):
    db = tmp_path / "old.duckdb"
    _store_of_version(db, "1")  # version 1: the corpus tables, no align tables
    con = duckdb.connect(str(db))
    con.execute("INSERT INTO documents (sha256, source, format, meta) VALUES ('ab12', '/x/plan.txt', 'txt', '{}')")
    con.close()
    r = runner.invoke(app, ["show", "--db", str(db), "--json"])  # a reader migrates too
    assert r.exit_code == 0, r.output
    assert [d["source"] for d in json.loads(r.stdout)["documents"]] == ["/x/plan.txt"]
    with Store(db, read_only=True) as store:
        assert store.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == (SCHEMA_VERSION,)
        assert all(df.empty for df in store.alignment().values())
    r = runner.invoke(app, ["align", "--db", str(db)])
    assert r.exit_code == 0, r.output


def test_unknown_store_version_is_refused(tmp_path):
    db = tmp_path / "odd.duckdb"
    _store_of_version(db, "beta", DDL)
    one_error_line(runner.invoke(app, ["show", "--db", str(db)]), str(db), "unknown store version 'beta'")


# --- ingest -----------------------------------------------------------------------------------------------

def test_ingest_of_a_missing_folder_creates_no_store(tmp_path):
    db = tmp_path / "s.duckdb"
    r = runner.invoke(app, ["ingest", str(tmp_path / "nope"), "--db", str(db)])
    one_error_line(r, str(tmp_path / "nope"), "file not found")
    assert r.exit_code == 1 and not db.exists()
    assert "no store written" in r.stdout


def test_a_readme_in_the_corpus_folder_is_not_a_document(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SAMPLE, corpus)
    (corpus / "README.md").write_text("# Corpus\n\nSocialnämnden Gävle: downloaded 2024 from the municipality's site.\n")
    (corpus / "text" / "LICENSE.txt").write_text("CC BY 4.0\n")
    db = tmp_path / "s.duckdb"
    r = runner.invoke(app, ["ingest", str(corpus), "--db", str(db), "--json"])
    assert r.exit_code == 0, r.output
    summary = json.loads(r.stdout)
    assert len(summary["added"]) == 5 and not any("README" in s or "LICENSE" in s for s in summary["added"])
    # named on the command line, it is read like any file
    r = runner.invoke(app, ["ingest", str(corpus / "README.md"), "--db", str(db), "--json"])
    assert json.loads(r.stdout)["added"] == [str(corpus / "README.md")]


def test_ctrl_c_sums_up_what_was_stored(tmp_path, monkeypatch):
    import plantrace.extract as extract

    real, calls = extract.extract_file, []

    def interrupted_on_the_third(path, meta=None):
        calls.append(path)
        if len(calls) == 3:
            raise KeyboardInterrupt  # what Ctrl-C raises in the writer's process
        return real(path, meta)

    monkeypatch.setattr(extract, "extract_file", interrupted_on_the_third)
    db = tmp_path / "s.duckdb"
    r = runner.invoke(app, ["ingest", str(SAMPLE), "--db", str(db), "--workers", "0"])
    assert r.exit_code == 130, r.output
    assert "stored 2 (added 2, replaced 0), unchanged 0, failed 0" in r.stdout
    assert "interrupted" in r.stderr and "run the same ingest again" in r.stderr
    with Store(db, read_only=True) as store:
        assert len(store.documents()) == 2
    monkeypatch.setattr(extract, "extract_file", real)
    r = runner.invoke(app, ["ingest", str(SAMPLE), "--db", str(db), "--workers", "0"])
    assert r.exit_code == 0 and "added 3" in r.stdout and "unchanged 2" in r.stdout


def test_time_limit_message_says_how_to_allow_more(tmp_path):
    pdf = sorted((Path(__file__).resolve().parent / "pdf").glob("*.word.pdf"))[0]
    r = runner.invoke(app, ["ingest", str(pdf), "--db", str(tmp_path / "s.duckdb"), "--workers", "0",
                            "--time-limit", "0"])
    one_error_line(r, pdf.name, "took longer than 0 s", "--time-limit")


def test_the_time_limit_grows_with_each_ocr_page():
    import time

    from plantrace.errors import InputError
    from plantrace.extract.pdf_open import OCR_PAGE_SECONDS, Deadline

    deadline = Deadline(0.05)
    time.sleep(0.1)
    with pytest.raises(InputError, match=r"0.05 s; stopped \(allow more with --time-limit"):
        deadline.check("scan.pdf")
    deadline.ocr_page()
    deadline.ocr_page()
    assert deadline.limit == pytest.approx(0.05 + 2 * OCR_PAGE_SECONDS)
    deadline.check("scan.pdf")  # two OCR pages allow ten more seconds


# --- eval, filters, versions ------------------------------------------------------------------------------

def test_eval_without_a_matching_answer_key_fails(tmp_path):
    gold = Path(__file__).resolve().parent / "gold"
    other = tmp_path / "other.txt"
    other.write_text("Verksamhetsplan 2024\n\nMål 1: Fler ska få stöd.\n", encoding="utf-8")
    r = runner.invoke(app, ["eval", str(other), "--gold", str(gold)])
    one_error_line(r, str(other), "no document matches an answer key")
    r = runner.invoke(app, ["eval", str(other), "--gold", str(tmp_path / "none")])
    one_error_line(r, "none", "no such folder of answer keys")


@pytest.mark.parametrize("option, value, known", [
    ("--municipality", "Gavle", "known municipality: Gävle, Ronneby, Uppsala"),
    ("--theme", "placements", "external_placements"),
])
def test_a_filter_without_rows_says_so_and_lists_known_values(store, option, value, known):
    r = runner.invoke(app, ["report", "evolution", "--db", str(store), option, value])
    line = one_error_line(r, f"no rows for {option} {value}", known)
    assert "known" in line


def test_version():
    from plantrace import __version__

    r = runner.invoke(app, ["--version"])
    assert r.exit_code == 0 and r.stdout.startswith(f"plantrace {__version__}")


@pytest.mark.parametrize("command", ["extract", "ingest", "show", "align", "explain", "report", "train", "demo",
                                     "eval", "schema"])
def test_every_option_is_described_without_python_types(command):
    r = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"})
    assert r.exit_code == 0
    assert "<bool>" not in r.stdout and "list[" not in r.stdout and "<path>" not in r.stdout
    from plantrace.cli import app as cli

    import typer.main

    click_command = typer.main.get_command(cli).commands[command]
    for param in click_command.params:
        assert param.help, f"{command} {param.name} has no help"
    if any(p.name == "db" for p in click_command.params):
        assert "DuckDB" in next(p.help for p in click_command.params if p.name == "db") or command == "demo"


def test_dask_without_the_extra_says_which_extra(tmp_path, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "distributed", None)  # as in a core install: `import distributed` fails
    db = tmp_path / "s.duckdb"
    r = runner.invoke(app, ["ingest", str(TEXT[0]), "--db", str(db), "--dask", "local"])
    one_error_line(r, "--dask", "plantrace[dask]")
    assert not db.exists()


def test_a_scan_gets_time_per_ocr_page_and_shows_its_pages(tmp_path):
    """A 3-page scan under a 1 s limit: OCR takes seconds a page, so it is only read because each OCR page adds
    time, in the worker (the reader's own check) and in the writer (which would kill the worker otherwise)."""
    from plantrace.corpus import workers as pool
    from plantrace.extract import extract_file
    from plantrace.extract.pdf_open import tesseract_available

    if not tesseract_available():
        pytest.skip("Tesseract with Swedish data is not installed (apt install tesseract-ocr tesseract-ocr-swe)")
    scan = Path(__file__).resolve().parent / "pdf" / "003_1c9c55b9aa0a6401.scan.pdf"
    pages = []
    task = pool.Task(0, str(scan), str(scan), None)
    (result,) = pool.process_results(iter([task]), 1, extract_file, 1.0, None,
                                     on_page=lambda t, page, n: pages.append((t.index, page, n)))
    assert result.reason is None, result.reason
    assert pages == [(0, 1, 3), (0, 2, 3), (0, 3, 3)]
    assert result.items.num_rows > 0


def test_a_version_2_alignment_is_migrated_and_kept(tmp_path):
    db = tmp_path / "v2.duckdb"
    v2_followups = ("CREATE TABLE align_followups (plan_item VARCHAR PRIMARY KEY, verdict VARCHAR, followup VARCHAR, "
                    "status VARCHAR, score DOUBLE, nearest VARCHAR, features JSON)")
    _store_of_version(db, "2", DDL[:7] + [v2_followups])  # verdicts without band, confidence and evidence
    con = duckdb.connect(str(db))
    con.execute("INSERT INTO align_followups (plan_item, verdict) VALUES ('ab12:a1', 'not_reported')")
    con.close()
    with Store(db, read_only=True) as store:
        fus = store.alignment()["align_followups"]
        assert store.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == (SCHEMA_VERSION,)
    assert fus[["plan_item", "verdict"]].values.tolist() == [["ab12:a1", "not_reported"]]
    assert {"band", "confidence", "evidence"} <= set(fus.columns) and fus["band"].isna().all()
