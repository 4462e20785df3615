"""Ingest with worker processes: the same store as in one process, and a crashing, stalling or memory-hungry
document costs only itself (one reason for it; the pool is replaced and the rest is stored)."""

import os
import signal
import time
from pathlib import Path

import pytest

from plantrace.corpus.ingest import ingest
from plantrace.corpus.store import Store
from plantrace.extract import extract_file


def small_corpus(folder: Path, n: int, names=()) -> list[Path]:
    """n small plans with different goals (and files named after `names`, for the misbehaving extractors)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        name = names[i] if i < len(names) else f"plan_{i:02d}"
        p = folder / f"{name}.txt"
        p.write_text(f"Verksamhetsplan {2020 + i % 5} för Socialnämnden\n\nNämndmål\n"
                     f"1.1 Minst {40 + i} procent av brukarna ska vara nöjda med stödet.\n"
                     f"1.2 Antalet hemlösa ska minska till {i + 3} personer.\n", encoding="utf-8")
        paths.append(p)
    return paths


# module-level, so worker processes can unpickle them by name; they misbehave on files named for it

def crashing(path, meta=None):
    if "segfault" in path.name:
        os.kill(os.getpid(), signal.SIGSEGV)
    if "exit" in path.name:
        os._exit(3)
    return extract_file(path, meta)


def stalling(path, meta=None):
    if "stall" in path.name:
        time.sleep(600)
    return extract_file(path, meta)


def hungry(path, meta=None):
    if "hog" in path.name:
        chunks = []
        while True:  # grows until the worker's limit stops it
            chunks.append(bytearray(64 << 20))
    if "huge" in path.name:
        bytearray(64 << 30)
    return extract_file(path, meta)


def reasons(report) -> dict[str, str]:
    return {Path(s).name: r for s, r in report.failed}


def stored_names(db) -> set[str]:
    with Store(db, read_only=True) as store:
        return {Path(d["source"]).name for d in store.documents()}


def test_two_workers_store_what_one_process_stores(sample_dir, tmp_path):
    serial = ingest([sample_dir], db=tmp_path / "serial.duckdb", workers=0)
    parallel = ingest([sample_dir], db=tmp_path / "parallel.duckdb", workers=2)
    assert serial.ok and parallel.ok and len(parallel.added) == 5
    assert parallel.added == serial.added  # in the order the files were found, not the order they finished
    with Store(tmp_path / "serial.duckdb", read_only=True) as a, Store(tmp_path / "parallel.duckdb", read_only=True) as b:
        strip = lambda docs: [{k: v for k, v in d.items() if k != "ingested_at"} for d in docs]  # noqa: E731
        assert strip(a.documents()) == strip(b.documents())
        sql = "SELECT document, kind, seq, id, number, text, page, data::VARCHAR FROM items ORDER BY ALL"
        assert a.con.execute(sql).fetchall() == b.con.execute(sql).fetchall()
        assert a.con.execute("SELECT * FROM sources ORDER BY ALL").fetchall() == \
            b.con.execute("SELECT * FROM sources ORDER BY ALL").fetchall()
    again = ingest([sample_dir], db=tmp_path / "parallel.duckdb", workers=2)
    assert len(again.unchanged) == 5 and again.added == again.replaced == []


def test_crashing_worker_costs_one_document(tmp_path):
    paths = small_corpus(tmp_path / "c", 8, names=["a_segfault", "plan_1", "plan_2", "b_exit", "plan_4"])
    db = tmp_path / "s.duckdb"
    report = ingest([tmp_path / "c"], db=db, workers=2, extractor=crashing)
    failed = reasons(report)
    assert set(failed) == {"a_segfault.txt", "b_exit.txt"}
    assert failed["a_segfault.txt"] == "worker process crashed while reading it (killed by SIGSEGV)"
    assert failed["b_exit.txt"] == "worker process crashed while reading it (exit code 3)"
    assert stored_names(db) == {p.name for p in paths} - set(failed)  # the replaced workers read the rest
    with Store(db, read_only=True) as store:
        assert {Path(f["source"]).name for f in store.failures()} == set(failed)


def test_time_limit_stops_a_stalled_document(tmp_path):
    paths = small_corpus(tmp_path / "c", 5, names=["plan_0", "stall"])
    db = tmp_path / "s.duckdb"
    report = ingest([tmp_path / "c"], db=db, workers=2, extractor=stalling, time_limit=3)
    assert report.failed == [(str(paths[1]), "took longer than 3 s; stopped (allow more with --time-limit SECONDS)")]
    assert stored_names(db) == {p.name for p in paths} - {"stall.txt"}


def test_memory_limit_stops_a_hungry_document(tmp_path):
    paths = small_corpus(tmp_path / "c", 5, names=["hog", "plan_1", "huge"])
    db = tmp_path / "s.duckdb"
    report = ingest([tmp_path / "c"], db=db, workers=2, extractor=hungry, memory_limit=300)
    assert reasons(report) == {"hog.txt": "ran out of memory (limit 300 MB per document)",
                               "huge.txt": "ran out of memory (limit 300 MB per document)"}
    assert stored_names(db) == {p.name for p in paths} - {"hog.txt", "huge.txt"}


def test_duplicates_under_other_names_are_extracted_once(tmp_path):
    import plantrace

    (a,) = small_corpus(tmp_path / "c", 1)
    for name in ("copy_1.txt", "copy_2.txt", "copy_3.txt"):
        (tmp_path / "c" / name).write_bytes(a.read_bytes())
    db = tmp_path / "s.duckdb"
    report = plantrace.ingest([tmp_path / "c"], db=db, workers=2)
    assert report.ok and len(report.added) == 1 and len(report.unchanged) == 3
    with Store(db, read_only=True) as store:
        assert len(store.documents()) == 1
        sources = store.sources()
        assert {Path(s).name for s in sources} == {"plan_00.txt", "copy_1.txt", "copy_2.txt", "copy_3.txt"}
        assert len({s["sha256"] for s in sources.values()}) == 1


def test_summary_counts_reasons(tmp_path):
    small_corpus(tmp_path / "c", 3)
    (tmp_path / "c" / "empty.txt").write_bytes(b"")
    (tmp_path / "c" / "blank.txt").write_bytes(b"\n\n")
    report = ingest([tmp_path / "c", tmp_path / "missing.txt"], db=tmp_path / "s.duckdb", workers=2)
    assert report.summary() == ("stored 3 (added 3, replaced 0), unchanged 0, failed 3 "
                                "(empty file: 2; file not found: 1)")
    assert report.failed[0] == (str(tmp_path / "missing.txt"), "file not found")


@pytest.mark.parametrize("workers", [0, 2])
def test_pipe_named_txt_does_not_hang(tmp_path, workers):
    small_corpus(tmp_path / "c", 2)
    os.mkfifo(tmp_path / "c" / "pipe.txt")  # reading it would wait for a writer forever
    report = ingest([tmp_path / "c"], db=tmp_path / "s.duckdb", workers=workers)
    assert reasons(report) == {"pipe.txt": "not a regular file (a pipe, socket or device)"}
    assert len(report.added) == 2


def test_a_worker_with_another_extractor_version_is_refused(tmp_path, monkeypatch):
    """A Dask worker may run another plantrace: its documents are refused, one line each, nothing stored."""
    import plantrace.corpus.workers as workers

    real = workers.run_task

    def other_version(task, extractor, memory_limit_mb=None):
        result = real(task, extractor, memory_limit_mb)
        result.version = "0.0.1+0+sv_plantrace-0.0.1"
        return result

    monkeypatch.setattr(workers, "run_task", other_version)
    small_corpus(tmp_path / "c", 2)
    report = ingest([tmp_path / "c"], db=tmp_path / "s.duckdb", workers=0)
    assert len(report.failed) == 2 and report.added == []
    assert all(r.startswith("worker runs extractor 0.0.1+0+sv_plantrace-0.0.1, this plantrace ")
               and r.endswith(": install the same on every worker") for _, r in report.failed)
    assert stored_names(tmp_path / "s.duckdb") == set()
