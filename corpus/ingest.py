"""Ingest: find files, skip what is stored already, extract the rest, store each in its own transaction.

A file that fails gets one line (file and reason) and the batch goes on."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from plantrace.corpus.files import find_files, sha256_file
from plantrace.corpus.manifest import load_manifests, manifest_meta
from plantrace.corpus.store import Store
from plantrace.errors import InputError
from plantrace.schema import Document, Meta


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed


def extractor_version() -> str:
    import plantrace
    from plantrace.extract import EXTRACTOR_VERSION

    return f"{plantrace.__version__}+{EXTRACTOR_VERSION}"


def ingest(paths, db: str | Path = "plantrace.duckdb", progress: bool = False,
           extractor: Optional[Callable[[Path, Optional[Meta]], Document]] = None, on_failure=None) -> IngestReport:
    if extractor is None:
        from plantrace.extract import extract_file as extractor  # type: ignore[assignment]
    report = IngestReport()
    files, missing = find_files(paths)
    for source, reason in missing:
        report.failed.append((source, reason))
    manifests = load_manifests(files, report.warnings)
    version = extractor_version()
    with Store(db) as store:
        for source, reason in missing:
            store.record_failure(source, reason)
            if on_failure:
                on_failure(source, reason)
        iterator = files
        if progress:
            from rich.progress import track

            iterator = track(files, description="Ingesting", transient=True)
        for path in iterator:
            source = str(path)
            try:
                st = path.stat()
                known = store.known_source(source)
                if known and known[1] == st.st_size and known[2] == st.st_mtime and store.has(known[0], version):
                    report.unchanged.append(source)
                    continue
                sha = sha256_file(path)
                if store.has(sha, version):
                    store.touch_source(source, sha, st.st_size, st.st_mtime)
                    report.unchanged.append(source)
                    continue
                meta = manifest_meta(manifests.get(path.resolve()))
                doc = extractor(path, meta)
                doc.source = source
                store.put(doc, version, st.st_size, st.st_mtime)
                (report.replaced if known else report.added).append(source)
            except InputError as e:
                _fail(store, report, source, e.reason, on_failure)
            except FileNotFoundError:
                _fail(store, report, source, "file not found (it vanished)", on_failure)
            except OSError as e:
                _fail(store, report, source, f"cannot read: {e.strerror or e}", on_failure)
            except Exception as e:  # one bad document must not stop the batch
                _fail(store, report, source, f"{type(e).__name__}: {e}", on_failure)
    return report


def _fail(store: Store, report: IngestReport, source: str, reason: str, on_failure) -> None:
    report.failed.append((source, reason))
    store.record_failure(source, reason)
    if on_failure:
        on_failure(source, reason)
