"""Ingest on a Dask cluster: a small LocalCluster here (two workers), the same store as a local run, failures per
document. A watchdog ends the test run with a traceback instead of letting a stuck cluster hang CI."""

import faulthandler
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from plantrace.corpus.ingest import ingest
from plantrace.corpus.store import Store
from plantrace.extract import extract_file

distributed = pytest.importorskip("distributed")

WATCHDOG_S = 240


def failing(path, meta=None):
    if "broken" in path.name:
        raise ValueError("table parser broke")
    return extract_file(path, meta)


@pytest.fixture(scope="module")
def client():
    faulthandler.dump_traceback_later(WATCHDOG_S, exit=True)
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None)
    client = distributed.Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()
        faulthandler.cancel_dump_traceback_later()


def snapshot(db: Path):
    with Store(db, read_only=True) as store:
        docs = [{k: v for k, v in d.items() if k != "ingested_at"} for d in store.documents()]
        items = store.con.execute("SELECT document, kind, seq, data::VARCHAR FROM items ORDER BY ALL").fetchall()
        return docs, items, store.failures()


def test_dask_stores_what_a_local_run_stores(sample_dir, tmp_path, client):
    local = ingest([sample_dir], db=tmp_path / "local.duckdb", workers=0)
    on_dask = ingest([sample_dir], db=tmp_path / "dask.duckdb", dask=client)
    assert local.ok and on_dask.ok and on_dask.added == local.added and len(on_dask.added) == 5
    assert snapshot(tmp_path / "dask.duckdb") == snapshot(tmp_path / "local.duckdb")
    before = client.run_on_scheduler(lambda dask_scheduler: dask_scheduler.transition_counter)
    again = ingest([sample_dir], db=tmp_path / "dask.duckdb", dask=client)
    assert len(again.unchanged) == 5 and again.added == []
    after = client.run_on_scheduler(lambda dask_scheduler: dask_scheduler.transition_counter)
    assert after == before  # nothing was sent to the cluster


def test_dask_failures_are_one_line_per_document(sample_dir, tmp_path, client):
    text = sample_dir / "text"
    (broken,) = text.glob("002_*.txt")
    broken = broken.rename(text / "broken.txt")
    (text / "empty.txt").write_bytes(b"")
    shutil.copy(broken, text / "broken_copy.txt")
    lines = []
    report = ingest([sample_dir], db=tmp_path / "s.duckdb", dask=client, extractor=failing,
                    on_failure=lambda s, r: lines.append((Path(s).name, r)))
    assert sorted(lines) == [("broken.txt", "ValueError: table parser broke"),
                             ("broken_copy.txt", "ValueError: table parser broke"), ("empty.txt", "empty file")]
    assert len(report.added) == 4
    docs, _, failures = snapshot(tmp_path / "s.duckdb")
    assert len(docs) == 4 and len(failures) == 3


def test_cli_dask_local(sample_dir, tmp_path):
    """`plantrace ingest --dask local`: a LocalCluster of worker processes, started and stopped by the command."""
    db = tmp_path / "s.duckdb"
    exe = Path(sys.executable).with_name("plantrace")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-c", "from plantrace.cli import app; app()"]
    r = subprocess.run([*cmd, "ingest", str(sample_dir), "--db", str(db), "--dask", "local", "--workers", "2"],
                       capture_output=True, text=True, timeout=WATCHDOG_S)
    assert r.returncode == 0, r.stderr[-2000:]
    assert "added 5," in r.stdout
    docs, items, failures = snapshot(db)
    assert len(docs) == 5 and len(items) > 100 and failures == []


def test_unreachable_scheduler_is_one_clear_error_and_writes_nothing(sample_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("PLANTRACE_DASK_TIMEOUT", "1s")
    db = tmp_path / "s.duckdb"
    with pytest.raises(ConnectionError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:9 "):
        ingest([sample_dir], db=db, dask="tcp://127.0.0.1:9")
    assert not db.exists()


def crashing(path, meta=None):
    if "crash" in path.name:
        import os

        os._exit(3)
    return extract_file(path, meta)


@pytest.mark.filterwarnings("ignore:Port 8787 is already in use")  # the module's cluster has it
def test_dask_worker_crash_costs_one_document(sample_dir, tmp_path):
    """A document that kills its Dask worker process: the nanny restarts the worker, the document is reported
    (KilledWorker, after the retries allowed here: none), the rest is stored."""
    import dask

    (victim,) = (sample_dir / "text").glob("003_*.txt")
    victim.rename(victim.with_name("crash.txt"))
    faulthandler.dump_traceback_later(WATCHDOG_S, exit=True)
    try:
        with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
            with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                          dashboard_address=None) as cluster, distributed.Client(cluster) as client:
                report = ingest([sample_dir], db=tmp_path / "s.duckdb", dask=client, extractor=crashing)
    finally:
        faulthandler.cancel_dump_traceback_later()
    assert [(Path(s).name, r) for s, r in report.failed] == [
        ("crash.txt", "Dask worker process died while reading it (KilledWorker)")]
    assert len(report.added) == 4
