"""Ingest: find files, skip what is stored already, extract the rest, store each in its own transaction.

Extraction runs in worker processes (`workers`), on a Dask cluster (`dask`) or in this process (`workers=0`);
this process is the store's one writer either way, and writes each document with all its items in one
transaction as its result arrives, so a run killed at any moment leaves every document it finished and no part
of any other, and the next run does only what is left. A file that fails gets one line (file and reason), its
failure is remembered in the store, and the batch goes on; what the store held before stays as it was.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from collections import Counter
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Optional

from plantrace.corpus.files import TEXT_SUFFIXES, find_files, safe_key
from plantrace.files import decode_text, read_bytes, sha256_file
from plantrace.corpus.manifest import apply_manifest, load_manifests, manifest_meta
from plantrace.corpus.store import DEFAULT_DB, Store
from plantrace.errors import InputError, reading, reason_of
from plantrace.schema import Document, Meta

Extractor = Callable[[Path, Optional[Meta]], Document]


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    elapsed: float = 0.0

    @property
    def ok(self) -> bool:
        """False when any file failed: the CLI exits non-zero."""
        return not self.failed

    @property
    def stored(self) -> list[str]:
        """Files whose document was written by this run (added or replaced)."""
        return self.added + self.replaced

    def summary(self) -> str:
        """One line: stored (added, replaced), unchanged, failed with the count of each reason."""
        line = (f"stored {len(self.stored)} (added {len(self.added)}, replaced "
                f"{len(self.replaced)}), unchanged {len(self.unchanged)}, failed {len(self.failed)}")
        if self.failed:
            reasons = Counter(_reason_kind(r) for _, r in self.failed)
            line += " (" + "; ".join(f"{r}: {n}" for r, n in reasons.most_common()) + ")"
        return line

    def to_json(self) -> dict:
        """What `plantrace ingest --format json` prints: the files by outcome, failures with their reason."""
        return {"summary": self.summary(), "added": self.added, "replaced": self.replaced,
                "unchanged": self.unchanged, "failed": [{"source": s, "reason": r} for s, r in self.failed],
                "warnings": self.warnings, "elapsed": round(self.elapsed, 3)}

    def sort(self, order: dict[str, int]) -> None:
        """Lists in the order the files were found (results arrive in the order workers finish them)."""
        def key(name: str) -> int:
            return order.get(name, -1)  # paths that do not exist come first, as they were reported

        for name in ("added", "replaced", "unchanged"):
            getattr(self, name).sort(key=key)
        self.failed.sort(key=lambda f: key(f[0]))


class Interrupted(KeyboardInterrupt):
    """Ctrl-C during an ingest: `report` says what was committed before it (all of it stays stored)."""

    def __init__(self, report: IngestReport):
        super().__init__("ingest interrupted")
        self.report = report


def _reason_kind(reason: str) -> str:
    """A reason without what is particular to the file, so a summary can count alike failures together."""
    return reason.split(" (", 1)[0].split(": ", 1)[0][:80]


def extractor_version() -> str:
    """Stored with each document: "<plantrace>+<extractor>+<NLP model>", e.g. "0.1.0+1+sv_plantrace-0.1.0".

    The one place that says which code produced a stored extraction: a new plantrace, extractor or NLP model
    version makes the next ingest re-extract files that are otherwise unchanged.
    """
    import plantrace.nlp_models as nlp_models  # cheap: does not import spaCy
    from plantrace.version import __version__

    try:
        import plantrace.extract as extract

        version = getattr(extract, "EXTRACTOR_VERSION", "0")
    except ImportError:  # an injected extractor does not need the real one
        version = "0"
    return f"{__version__}+{version}+{nlp_models.MODEL_VERSION}"


def ingest(paths, db: str | Path = DEFAULT_DB, progress=False, extractor: Optional[Extractor] = None,
           on_failure: Optional[Callable[[str, str], None]] = None, workers: Optional[int] = 0, dask=None,
           time_limit: Optional[float] = None, memory_limit: Optional[float] = None,
           on_stored: Optional[Callable[[str, str], None]] = None) -> IngestReport:
    """Identify (by sha256), extract and store every supported file under `paths`.

    `workers`: 0 extracts in this process; N ≥ 1 in N worker processes, each document under a time limit
    (`time_limit` seconds, default the PDF limit, 120 s) and a memory limit (`memory_limit` MB of address space,
    default 4096), a crashed worker costing only its document; None uses one process per core.
    `dask`: "local" (a LocalCluster of `workers` processes), a scheduler address ("tcp://host:8786") or a
    `distributed.Client`: the cluster's workers read the files (same paths) and send the documents back here.
    `extractor(path, meta) -> Document` defaults to `plantrace.extract.extract_file` (with worker processes or
    Dask it must be picklable: a module-level function); `meta` is what a manifest.csv says about the file (or
    None). `on_failure(source, reason)` is called as failures happen, `on_stored(source, "added"|"replaced")`
    after each document is committed. `progress`: True or a rich Console shows a progress bar.
    When no path holds a file, no store is created. Ctrl-C raises `Interrupted` (a KeyboardInterrupt) with
    the report of what was stored before it.
    """
    from plantrace.corpus import workers as pool
    from plantrace.extract import pdf_open

    if extractor is None:
        from plantrace.extract import extract_file as extractor  # type: ignore[assignment]
    paths = [paths] if isinstance(paths, (str, Path)) else list(paths)
    started = time.monotonic()
    report = IngestReport()
    files, missing = find_files(paths)
    manifests = load_manifests(files, roots=paths, warnings=report.warnings)
    version = extractor_version()
    order = {str(f): i for i, f in enumerate(files)}
    n_workers = (os.cpu_count() or 1) if workers is None else max(0, int(workers))
    seconds = float(time_limit) if time_limit is not None else pdf_open.time_limit()
    memory = float(memory_limit) if memory_limit is not None else pool.DEFAULT_MEMORY_LIMIT_MB

    if not files and not Path(db).exists():  # e.g. a mistyped folder: nothing to store, no empty store either
        for source, reason in missing:
            report.failed.append((source, reason))
            if on_failure:
                on_failure(source, reason)
        report.elapsed = time.monotonic() - started
        return report
    try:
        _run(report, files, missing, manifests, paths, db, progress, extractor, on_failure, n_workers, workers, dask,
             time_limit, memory_limit, seconds, memory, version, on_stored)
    except KeyboardInterrupt:
        report.sort(order)
        report.elapsed = time.monotonic() - started
        raise Interrupted(report) from None
    report.sort(order)
    report.elapsed = time.monotonic() - started
    return report


def _run(report: IngestReport, files, missing, manifests, paths, db, progress, extractor, on_failure, n_workers,
         workers, dask, time_limit, memory_limit, seconds, memory, version, on_stored) -> None:
    """The writer's loop (`ingest` minus its set-up), filling `report` as documents are committed."""
    from plantrace.corpus import workers as pool

    with ExitStack() as stack:
        client = None
        if dask is not None:  # the cluster first: when its scheduler cannot be reached, nothing is written
            client, close = pool.dask_client(dask, workers, memory_limit)
            stack.callback(close)
        store = stack.enter_context(Store(db))
        bar = stack.enter_context(_Progress(progress, len(files)))

        def fail(source: str, reason: str) -> None:
            report.failed.append((source, reason))
            try:
                store.record_failure(_key(Path(source)), reason)
            except Exception as e:  # the report still has it; a broken store shows on the next write
                report.warnings.append(f"{source}: failure not recorded in the store ({type(e).__name__}: {e})")
            if on_failure:
                on_failure(source, reason)

        for source, reason in missing:
            fail(source, reason)
        known, stored = store.sources(), store.versions()
        waiting: dict[int, _Pending] = {}      # task index → what the writer needs when its result comes
        in_flight: dict[str, int] = {}        # sha256 → task index: a duplicate waits for the first copy

        def done(path: Path, status: str) -> None:
            getattr(report, status).append(str(path))
            bar.advance()
            if on_stored and status in ("added", "replaced"):
                on_stored(str(path), status)

        def failed(path: Path, reason: str) -> None:
            fail(str(path), reason)
            bar.advance()

        def plan() -> Iterator[pool.Task]:
            """Decide file by file (stat, then hash) and yield only what must be extracted."""
            for index, path in enumerate(files):
                try:
                    step = _plan_one(path, store, known, stored, manifests, version, report.warnings)
                except Exception as e:  # one bad file must not stop the batch
                    failed(path, reason_of(e))
                    continue
                if isinstance(step, str):
                    done(path, step)
                    continue
                first = in_flight.get(step.sha)
                if first is not None:  # the same content under another name: stored once, linked after
                    waiting[first].copies.append(step)
                    continue
                in_flight[step.sha] = index
                waiting[index] = step
                where = str(path.absolute()) if dask is not None else str(path)
                yield pool.Task(index, where, step.source, step.meta)

        if client is not None:
            results = pool.dask_results(plan(), client, extractor, time_limit)
        elif n_workers == 0:
            results = pool.inline_results(plan(), extractor, time_limit, on_page=bar.ocr_page)
        else:
            results = pool.process_results(plan(), n_workers, extractor, seconds, memory, on_page=bar.ocr_page)
        try:
            for result in results:
                step = waiting.pop(result.index)
                in_flight.pop(step.sha, None)
                status, reason = _write(result, step, store, version, stored)
                if reason is not None:
                    failed(step.path, reason)
                else:
                    done(step.path, status)
                for copy in step.copies:  # duplicates of it: the same reason, or linked to what was stored
                    if reason is not None:
                        failed(copy.path, reason)
                        continue
                    try:
                        done(copy.path, _link(copy, store, stored, version, report.warnings))
                    except Exception as e:
                        failed(copy.path, reason_of(e))
        finally:
            results.close()  # stops the workers now, also when the writer fails or is interrupted


def _key(path: Path) -> str:
    """Sources are stored by absolute path, so a relative path from another folder is the same source."""
    return safe_key(path)


@dataclass
class _Pending:
    """A file that needs extraction, with what planning learnt about it."""
    path: Path
    source: str  # the path as stored (absolute, resolved once)
    sha: str
    size: int
    mtime: int
    row: Optional[dict]
    meta: Optional[Meta]
    copies: list["_Pending"] = field(default_factory=list)


def _plan_one(path: Path, store: Store, known: dict, stored: dict[str, str], manifests: dict, version: str,
              warnings: list[str]):
    """"unchanged" / "replaced" (nothing to extract), or a `_Pending` to extract; raises InputError."""
    source = _key(path)
    with reading(path):
        st = path.stat()
    if not _is_regular(st):
        raise InputError(str(path), "not a regular file (a pipe, socket or device)")
    row = manifests.get(Path(source))
    old = known.get(source)
    current = old is not None and old["extractor_version"] == version
    if current and old["size"] == st.st_size and old["mtime"] == st.st_mtime_ns:
        _refresh_meta(store, old, row, warnings)
        return "unchanged"  # not even read

    if path.suffix.lower() in TEXT_SUFFIXES:
        data = read_bytes(path)
        sha = hashlib.sha256(data).hexdigest()
        decode_text(data, str(path))  # empty, binary and undecodable files fail here, whatever the extractor
    else:
        sha = sha256_file(path)
    pending = _Pending(path, source, sha, st.st_size, st.st_mtime_ns, row, None)
    if stored.get(sha) == version:  # touched, copied, or changed back to content already stored
        return _link(pending, store, stored, version, warnings)
    pending.meta = manifest_meta(row, warnings)
    return pending


def _is_regular(st) -> bool:
    return stat.S_ISREG(st.st_mode)


def _link(p: _Pending, store: Store, stored: dict[str, str], version: str, warnings: list[str]) -> str:
    """Point a file at content already stored: "replaced" if it held other content, else "unchanged"."""
    source = p.source
    if stored.get(p.sha) != version:  # its twin failed to store after all, or changed while being read
        raise InputError(str(p.path), "its content changed while it was read; run ingest again")
    changed = store.link_source(source, p.sha, p.size, p.mtime)
    _refresh_meta(store, store.sources(source).get(source), p.row, warnings)
    return "replaced" if changed else "unchanged"


def _write(result, step: _Pending, store: Store, version: str, stored: dict[str, str]):
    """(status, None) once the document is committed, or (None, reason)."""
    if result.reason is not None:
        return None, result.reason
    if result.version is not None and result.version != version:
        return None, f"worker runs extractor {result.version}, this plantrace {version}: install the same on every worker"
    doc = result.document
    try:
        status = store.put(doc, version, size=step.size, mtime=step.mtime, items=result.items)
    except Exception as e:  # e.g. a document the store cannot hold; the transaction was rolled back
        return None, reason_of(e)
    stored[doc.sha256] = version
    return status, None


def _refresh_meta(store: Store, known: Optional[dict], row: Optional[dict], warnings: list[str]) -> None:
    """An edited manifest.csv updates the stored meta of an unchanged file without a new extraction."""
    if not row or not known or not known.get("meta"):
        return
    stored = Meta(**known["meta"])
    updated = apply_manifest(stored, row)
    if updated != stored:
        store.set_meta(known["sha256"], updated)


class _Progress:
    """A rich progress bar (documents/s and time left) on stderr, or nothing; a single file gets one only when
    it is read by OCR (slow enough to need it)."""

    def __init__(self, show, total: int):
        self.bar = None
        self.show, self.total = show, total
        self.done = 0

    def _start(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, \
            TimeElapsedColumn, TimeRemainingColumn
        from rich.text import Text

        class RateColumn(ProgressColumn):
            def render(self, task):
                speed = task.finished_speed or task.speed
                return Text(f"{speed:.1f} docs/s" if speed else "– docs/s")

        console = self.show if isinstance(self.show, Console) else Console(stderr=True)
        self.bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), RateColumn(),
                            TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(), console=console,
                            transient=True)
        self.task = self.bar.add_task("Ingesting", total=self.total, completed=self.done)
        self.bar.start()

    def advance(self) -> None:
        self.done += 1
        if self.bar is not None:
            self.bar.update(self.task, advance=1, description="Ingesting")

    def ocr_page(self, task, page: int, pages: int) -> None:
        """A scan is slow: the bar names it and the page OCR has reached, so it does not look stuck."""
        if self.bar is None and self.show:
            self._start()
        if self.bar is not None:
            name = Path(task.source).name
            name = name if len(name) <= 24 else name[:23] + "…"
            self.bar.update(self.task, description=f"OCR {name} p. {page}/{pages}")

    def __enter__(self) -> "_Progress":
        if self.show and self.total >= 2:
            self._start()
        return self

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()
