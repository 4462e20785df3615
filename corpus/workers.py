"""Extraction outside the writer: worker processes on this machine, or a Dask cluster.

The ingesting process is the one writer of the store. It hands `Task`s out and gets `Result`s back: a Document
without its items plus the items as one Arrow table (serialised where the CPU time is spent, not in the
writer), or a reason. A worker process reads one document at a time under a memory limit (RLIMIT_AS) and a
time limit; a worker that crashes (segfault, abort, `os._exit`), exhausts its memory or overruns its time costs
only the document it was reading: that document gets one reason and the worker is replaced by a fresh one.

Workers are forked from a fork server (`multiprocessing`'s "forkserver") that has imported the extractor and
loaded the NLP pipeline once, so a replacement starts in milliseconds and the writer, which holds the DuckDB
file and runs threads, is never forked.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from dataclasses import dataclass
from multiprocessing.connection import wait
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Optional

from plantrace.errors import reason_of
from plantrace.schema import ITEM_KINDS, Document, Meta

DEFAULT_MEMORY_LIMIT_MB = 4096  # address space a worker may add while reading one document
_PRELOAD = ["plantrace.corpus._preload"]


@dataclass
class Task:
    index: int                    # position in the run, so results can be put back in file order
    path: str                     # what the worker opens (absolute for Dask: it runs elsewhere)
    source: str                   # the key stored as the document's source
    meta: Optional[Meta] = None   # what a manifest says about the file


@dataclass
class Result:
    index: int
    document: Optional[Document] = None   # document-level fields; the items are in `items`
    items: Any = None                     # pyarrow.Table from `store.item_rows`
    reason: Optional[str] = None          # why there is no document
    version: Optional[str] = None         # the extractor version the worker ran (a Dask worker may differ)


def run_task(task: Task, extractor: Callable, memory_limit_mb: Optional[float] = None) -> Result:
    """Extract one document; never raises (an exception does not always survive pickling back)."""
    from plantrace.corpus.ingest import extractor_version
    from plantrace.corpus.store import item_rows

    try:
        doc = extractor(Path(task.path), task.meta)
        if doc.source != task.source:
            doc = doc.model_copy(update={"source": task.source})
        items = item_rows(doc)
        light = doc.model_copy(update={kind: [] for kind in ITEM_KINDS})
        return Result(task.index, document=light, items=items, version=extractor_version())
    except MemoryError:
        reason = _memory_reason(memory_limit_mb)
    except RecursionError:
        reason = "structure nested too deeply to read (RecursionError)"
    except Exception as e:  # one bad document must not stop the batch
        reason = reason_of(e)
    return Result(task.index, reason=reason)


def _memory_reason(limit_mb: Optional[float]) -> str:
    return f"ran out of memory (limit {limit_mb:g} MB per document)" if limit_mb else "ran out of memory"


def crash_reason(exitcode: Optional[int]) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        hint = ", e.g. by the system for lack of memory" if -exitcode == signal.SIGKILL else ""
        return f"worker process crashed while reading it (killed by {name}{hint})"
    return f"worker process crashed while reading it (exit code {exitcode})"


# -- worker processes on this machine ------------------------------------------------------------------------

def _die_with_parent() -> None:
    """Linux: the worker is killed when its parent goes (kill -9 of the ingest leaves no orphan reading on)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the worker still exits when its pipe closes
        pass


def _address_space() -> Optional[int]:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def limit_memory(extra_mb: float) -> bool:
    """Cap this process's address space at what it uses now plus `extra_mb`: an allocation beyond that fails
    (MemoryError in Python, an error in pymupdf) instead of exhausting the machine. False if not possible."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not POSIX
        return False
    now = _address_space()
    if now is None:
        return False
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = now + int(extra_mb * 1024 * 1024)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    return True


def set_time_limit(seconds: Optional[float]) -> Optional[str]:
    """Make the PDF reader's own limit (checked between pages) `seconds` for what this process extracts next;
    returns the setting it replaced, so the caller's process can have it back."""
    before = os.environ.get("PLANTRACE_PDF_TIME_LIMIT")
    if seconds is not None:
        os.environ["PLANTRACE_PDF_TIME_LIMIT"] = f"{seconds:g}"
    return before


def _worker_main(conn, extractor: Callable, memory_limit_mb: Optional[float], time_limit: Optional[float]) -> None:
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the writer's to handle
    set_time_limit(time_limit)  # the PDF reader's own limit fires before the writer's hard one
    _tell_extensions(conn)
    if memory_limit_mb:
        limit_memory(memory_limit_mb)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        result = run_task(task, extractor, memory_limit_mb)
        try:
            conn.send(result)
        except MemoryError:
            conn.send(Result(task.index, reason=_memory_reason(memory_limit_mb)))
        except (EOFError, OSError):
            return
        except Exception as e:  # e.g. an injected extractor's document that cannot be pickled
            conn.send(Result(task.index, reason=f"result cannot be sent back ({type(e).__name__}: {e})"))


def _tell_extensions(conn) -> None:
    """A document's limit that grows (OCR pages) moves the writer's hard limit too."""
    from plantrace.extract import pdf_open

    pdf_open.ON_EXTEND.append(lambda seconds, page, pages: conn.send(("extend", seconds, page, pages)))


class _Worker:
    def __init__(self, ctx, extractor, memory_limit_mb, time_limit):
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, extractor, memory_limit_mb, time_limit),
                                   daemon=True, name="plantrace-worker")
        self.process.start()
        child.close()
        self.task: Optional[Task] = None
        self.started = 0.0
        self.extra = 0.0  # seconds the document's limit grew by (OCR pages)

    def give(self, task: Task) -> None:
        self.task, self.started, self.extra = task, time.monotonic(), 0.0
        self.conn.send(task)

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            try:
                self.conn.send(None)
            except (OSError, ValueError):
                pass
        self.process.join(timeout=None if kill else 5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()
        self.process.close()


def _too_slow(seconds: float, extra: float) -> str:
    from plantrace.extract.pdf_open import OCR_PAGE_SECONDS, too_slow

    return too_slow(seconds, round(extra / OCR_PAGE_SECONDS))


def hard_time_limit(seconds: float) -> float:
    """When a worker is killed: a little after the document's time limit, so the reader's own check (which
    leaves the worker alive) gets the first chance."""
    return seconds + min(10.0, seconds / 4)


def _context():
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(_PRELOAD)  # ignored once the server runs; it then has them already
    return ctx


def process_results(tasks: Iterable[Task], workers: int, extractor: Callable, time_limit: float,
                    memory_limit_mb: Optional[float], on_page: Optional[Callable[[Task, int, int], None]] = None
                    ) -> Iterator[Result]:
    """Results of `tasks` from `workers` processes, as they finish. Tasks are drawn from the iterable only
    when a worker is free, so the caller may do its own work (hashing, writing) while the workers read.
    `on_page(task, page, pages)` hears of each page a worker reads by OCR (slow: a progress bar shows it)."""
    ctx = _context()
    tasks = iter(tasks)
    idle: list[_Worker] = []
    busy: list[_Worker] = []
    pending = True
    hard = hard_time_limit(time_limit)

    def start() -> _Worker:
        return _Worker(ctx, extractor, memory_limit_mb, time_limit)

    try:
        while True:
            while pending and (idle or len(busy) < workers):
                task = next(tasks, None)
                if task is None:
                    pending = False
                    break
                w = idle.pop() if idle else start()
                w.give(task)
                busy.append(w)
            if not busy:
                return
            now = time.monotonic()
            timeout = max(0.0, min(w.started + w.extra + hard for w in busy) - now)
            ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=timeout))
            for w in list(busy):
                task = w.task
                result = None
                if w.conn in ready or w.process.sentinel in ready:
                    try:
                        while result is None and w.conn.poll():
                            result = w.conn.recv()
                            if isinstance(result, tuple) and result[:1] == ("extend",):
                                w.extra += result[1]
                                if on_page is not None:
                                    on_page(task, result[2], result[3])
                                result = None
                    except (EOFError, OSError):
                        result = None
                    if result is None and w.process.sentinel not in ready and w.process.is_alive():
                        continue  # only news of a longer limit
                    if result is not None:
                        busy.remove(w)
                        idle.append(w)
                        yield result
                        continue
                    w.process.join(timeout=1)
                    code = w.process.exitcode
                    busy.remove(w)
                    w.stop(kill=True)
                    yield Result(task.index, reason=crash_reason(code))
                elif time.monotonic() - w.started > hard + w.extra:
                    busy.remove(w)
                    w.stop(kill=True)
                    yield Result(task.index, reason=_too_slow(time_limit, w.extra))
    finally:
        for w in idle:
            w.stop()
        for w in busy:
            w.stop(kill=True)


# -- in this process ---------------------------------------------------------------------------------------

def inline_results(tasks: Iterable[Task], extractor: Callable, time_limit: Optional[float] = None,
                   on_page: Optional[Callable[[Task, int, int], None]] = None) -> Iterator[Result]:
    """workers=0: extraction in the writer's own process (no isolation beyond the PDF reader's time limit; any
    extractor, picklable or not)."""
    from plantrace.extract import pdf_open

    before = set_time_limit(time_limit)
    current: list[Task] = []
    tell = (lambda _seconds, page, pages: on_page(current[-1], page, pages)) if on_page else None
    if tell:
        pdf_open.ON_EXTEND.append(tell)
    try:
        for task in tasks:
            current.append(task)
            yield run_task(task, extractor)
            current.pop()
    finally:
        if tell:
            pdf_open.ON_EXTEND.remove(tell)
        if before is None:
            os.environ.pop("PLANTRACE_PDF_TIME_LIMIT", None)
        else:
            os.environ["PLANTRACE_PDF_TIME_LIMIT"] = before


# -- Dask ------------------------------------------------------------------------------------------------

def dask_task(task: Task, extractor: Callable, time_limit: Optional[float]) -> Result:
    """What a Dask worker runs for one document: the same `run_task` as a local worker process."""
    set_time_limit(time_limit)
    return run_task(task, extractor)


def dask_client(dask, workers: Optional[int], memory_limit_mb: Optional[float]):
    """(client, close): "local" starts a LocalCluster of worker processes; an address ("tcp://host:8786")
    connects to a running scheduler; a `distributed.Client` is used as it is."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        from plantrace.errors import InputError

        raise InputError("--dask", "needs Dask, an optional extra: pip install 'plantrace[dask]'") from None

    if isinstance(dask, Client):
        return dask, lambda: None
    if dask == "local":
        options: dict[str, Any] = {}
        if memory_limit_mb:
            options["memory_limit"] = f"{int(memory_limit_mb)}MB"
        cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                               dashboard_address=None, **options)
        client = Client(cluster)

        def close():
            client.close()
            cluster.close()

        return client, close
    try:
        client = Client(str(dask), timeout=os.environ.get("PLANTRACE_DASK_TIMEOUT", "30s"))
    except (OSError, TimeoutError, ValueError) as e:
        raise ConnectionError(f"cannot reach the Dask scheduler at {dask} ({type(e).__name__}: {e})") from None
    return client, client.close


def dask_results(tasks: Iterable[Task], client, extractor: Callable, time_limit: Optional[float]) -> Iterator[Result]:
    """Results from a Dask cluster as they finish; at most a few tasks per worker thread are in flight, so the
    client hashes and writes while the cluster reads, and results do not pile up in the workers' memory."""
    from distributed import as_completed

    tasks = iter(tasks)
    threads = sum(client.nthreads().values()) or 1
    window = 4 * threads
    futures: dict[str, Task] = {}
    done = as_completed()
    run = f"plantrace-{os.getpid()}-{time.time_ns()}"

    def submit() -> bool:
        task = next(tasks, None)
        if task is None:
            return False
        future = client.submit(dask_task, task, extractor, time_limit, key=f"{run}-{task.index}", pure=False,
                               retries=0)
        futures[future.key] = task
        done.add(future)
        return True

    def outcome(future, task: Task) -> tuple[Result, bool]:
        """The task's result, and whether its worker died under it."""
        try:
            return future.result(), False
        except Exception as e:  # KilledWorker: the task's worker died (Dask retried it as configured)
            name = type(e).__name__
            if name == "KilledWorker":
                return Result(task.index, reason="Dask worker process died while reading it (KilledWorker)"), True
            return Result(task.index, reason=f"{name}: {e}"), False
        finally:
            future.release()

    for _ in range(window):
        if not submit():
            break
    # a worker that dies takes every task queued on it along: those are read again afterwards, one at a time, so
    # only the document that kills its worker is reported
    killed: list[Task] = []
    for future in done:
        task = futures.pop(future.key)
        result, died = outcome(future, task)
        if died:
            killed.append(task)
        else:
            yield result
        submit()
    for task in killed:
        future = client.submit(dask_task, task, extractor, time_limit, key=f"{run}-{task.index}-alone", pure=False,
                               retries=0)
        yield outcome(future, task)[0]
