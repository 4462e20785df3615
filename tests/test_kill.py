"""kill -9 of `plantrace ingest` mid-run, for real: the store opens, holds every document that was reported
stored, each with all its items, no item without its document; the next ingest stores the rest and does not
redo what was finished. Worker processes do not outlive the killed writer.

DuckDB lets no second process open the file, not even read-only, while the writer holds it, so the test follows
the writer's `--verbose` lines (printed after each commit) instead of looking into the store during the run.
"""

import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
import pytest

from plantrace.corpus.store import Store
from plantrace.extract import extract_file
from plantrace.schema import ITEM_KINDS

SAMPLE = Path(__file__).resolve().parents[1] / "corpus" / "sample" / "text"
N_DOCS = 50


def plantrace_cmd() -> list[str]:
    exe = Path(sys.executable).with_name("plantrace")
    return [str(exe)] if exe.exists() else [sys.executable, "-c", "from plantrace.cli import app; app()"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """N_DOCS copies of the sample documents, each made distinct, and their counts from a fresh extraction."""
    folder = tmp_path_factory.mktemp("kill") / "corpus"
    folder.mkdir()
    samples = sorted(SAMPLE.glob("*.txt"))
    expected = {}
    for i in range(N_DOCS):
        src = samples[i % len(samples)]
        text = src.read_text(encoding="utf-8") + f"\nDokument {i} i serien, diarienummer SN 2024/{i:04d}\n"
        path = folder / f"doc_{i:02d}_{src.stem[:3]}.txt"
        path.write_text(text, encoding="utf-8")
        doc = extract_file(path)
        expected[str(path.resolve())] = {kind: len(getattr(doc, kind)) for kind in ITEM_KINDS}
    return folder, expected


class Run:
    """`plantrace ingest -v` in the background, its stderr lines collected as they come."""

    def __init__(self, folder: Path, db: Path, workers: int):
        self.proc = subprocess.Popen([*plantrace_cmd(), "ingest", str(folder), "--db", str(db), "-v",
                                      "--workers", str(workers)],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
        self.lines: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for line in self.proc.stderr:
            self.lines.append(line.rstrip("\n"))

    def stored(self) -> list[str]:
        return [line.split(" ", 1)[1] for line in list(self.lines) if line.startswith(("added ", "replaced "))]

    def wait_for(self, n: int, timeout: float = 120) -> None:
        end = time.monotonic() + timeout
        while len(self.stored()) < n:
            assert self.proc.poll() is None, f"ingest ended before {n} documents: {self.lines[-5:]}"
            assert time.monotonic() < end, f"fewer than {n} documents in {timeout} s: {self.lines[-5:]}"
            time.sleep(0.005)

    def kill(self) -> None:
        family = psutil.Process(self.proc.pid).children(recursive=True)
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=30)
        self.reader.join(timeout=30)
        gone, alive = psutil.wait_procs(family, timeout=30)
        for p in alive:
            p.kill()
        assert not alive, f"processes outlived the killed ingest: {[p.pid for p in alive]}"

    def finish(self, timeout: float = 300) -> tuple[int, str]:
        out, _ = self.proc.communicate(timeout=timeout)
        self.reader.join(timeout=30)
        return self.proc.returncode, out


def check_consistent(db: Path, expected: dict) -> set[str]:
    """The store opens (read-only too), every document has exactly its items, nothing dangles; → its sources."""
    with Store(db) as store:  # the first open after a kill replays DuckDB's write-ahead log
        pass
    with Store(db, read_only=True) as store:
        docs = store.documents()
        for d in docs:
            assert d["counts"] == expected[d["source"]], d["source"]
        con = store.con
        assert con.execute("SELECT count(*) FROM items WHERE document NOT IN (SELECT sha256 FROM documents)"
                           ).fetchone() == (0,)
        assert con.execute("SELECT count(*) FROM sources WHERE sha256 NOT IN (SELECT sha256 FROM documents)"
                           ).fetchone() == (0,)
        assert {s for s in store.sources()} == {d["source"] for d in docs}
        assert store.failures() == []
        return {d["source"] for d in docs}


def test_kill_9_mid_run_then_resume(corpus, tmp_path):
    folder, expected = corpus
    db = tmp_path / "s.duckdb"
    seen: set[str] = set()
    for workers, kill_after in ((1, 3), (2, 8)):
        run = Run(folder, db, workers)
        run.wait_for(kill_after)
        run.kill()
        reported = {str(Path(s).resolve()) for s in run.stored()}
        stored = check_consistent(db, expected)
        assert reported <= stored  # everything reported as stored survived the kill
        assert seen < stored < set(expected), "the kill did not land mid-run"
        assert len(stored) - len(seen) >= kill_after
        seen = stored

    code, out = Run(folder, db, 2).finish()
    assert code == 0, out
    assert f"added {N_DOCS - len(seen)}," in out and f"unchanged {len(seen)}," in out  # nothing done twice
    assert check_consistent(db, expected) == set(expected)
