"""Ingest: find files, skip what is stored already, extract the rest, store each in its own transaction.

A file that fails gets one line (file and reason), its failure is remembered in the store, and the batch goes
on; what the store held before stays as it was.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from plantrace.corpus.files import TEXT_SUFFIXES, decode_text, find_files, read_bytes, sha256_file
from plantrace.corpus.manifest import apply_manifest, load_manifests, manifest_meta
from plantrace.corpus.store import DEFAULT_DB, Store
from plantrace.errors import InputError, reading
from plantrace.schema import Document, Meta

Extractor = Callable[[Path, Optional[Meta]], Document]


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """False when any file failed: the CLI exits non-zero."""
        return not self.failed

    def summary(self) -> str:
        return (f"added {len(self.added)}, replaced {len(self.replaced)}, unchanged {len(self.unchanged)}, "
                f"failed {len(self.failed)}")


def extractor_version() -> str:
    """Stored with each document: "<plantrace>+<extractor>+<NLP model>", e.g. "0.1.0+1+sv_plantrace-0.1.0".

    The one place that says which code produced a stored extraction: a new plantrace, extractor or NLP model
    version makes the next ingest re-extract files that are otherwise unchanged.
    """
    import plantrace
    import plantrace.nlp_models as nlp_models  # cheap: does not import spaCy

    try:
        import plantrace.extract as extract

        version = getattr(extract, "EXTRACTOR_VERSION", "0")
    except ImportError:  # an injected extractor does not need the real one
        version = "0"
    return f"{plantrace.__version__}+{version}+{nlp_models.MODEL_VERSION}"


def ingest(paths, db: str | Path = DEFAULT_DB, progress: bool = False, extractor: Optional[Extractor] = None,
           on_failure: Optional[Callable[[str, str], None]] = None) -> IngestReport:
    """Identify (by sha256), extract and store every supported file under `paths`.

    `extractor(path, meta) -> Document` defaults to `plantrace.extract.extract_file`; `meta` is what a
    manifest.csv says about the file (or None). `on_failure(source, reason)` is called as failures happen.
    """
    if extractor is None:
        from plantrace.extract import extract_file as extractor  # type: ignore[assignment]
    paths = [paths] if isinstance(paths, (str, Path)) else list(paths)
    report = IngestReport()
    files, missing = find_files(paths)
    manifests = load_manifests(files, roots=paths, warnings=report.warnings)
    version = extractor_version()

    with Store(db) as store:
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
        for path in _progress(files, progress):
            try:
                status = _ingest_one(path, store, known.get(_key(path)), stored, manifests.get(path.resolve()),
                                     extractor, version, report.warnings)
                getattr(report, status).append(str(path))
            except InputError as e:
                fail(str(path), e.reason)
            except Exception as e:  # one bad document must not stop the batch
                fail(str(path), f"{type(e).__name__}: {e}")
    return report


def _key(path: Path) -> str:
    """Sources are stored by absolute path, so a relative path from another folder is the same source."""
    return str(path.resolve())


def _ingest_one(path: Path, store: Store, known: Optional[dict], stored: dict[str, str], row: Optional[dict],
                extractor: Extractor, version: str, warnings: list[str]) -> str:
    """"added", "replaced" or "unchanged"; raises InputError (or anything else) for the caller to record."""
    source = _key(path)
    with reading(path):
        st = path.stat()
    current = known is not None and known["extractor_version"] == version
    if current and known["size"] == st.st_size and known["mtime"] == st.st_mtime_ns:
        _refresh_meta(store, known, row, warnings)
        return "unchanged"  # not even read

    if path.suffix.lower() in TEXT_SUFFIXES:
        data = read_bytes(path)
        sha = hashlib.sha256(data).hexdigest()
        decode_text(data, str(path))  # empty, binary and undecodable files fail here, whatever the extractor
    else:
        sha = sha256_file(path)

    if stored.get(sha) == version:  # touched, copied, or changed back to content already stored
        changed = store.link_source(source, sha, st.st_size, st.st_mtime_ns)
        _refresh_meta(store, store.sources(source).get(source), row, warnings)
        return "replaced" if changed else "unchanged"

    doc = extractor(path, manifest_meta(row, warnings))
    if doc.source != source:
        doc = doc.model_copy(update={"source": source})
    status = store.put(doc, version, size=st.st_size, mtime=st.st_mtime_ns)
    stored[doc.sha256] = version
    return status


def _refresh_meta(store: Store, known: Optional[dict], row: Optional[dict], warnings: list[str]) -> None:
    """An edited manifest.csv updates the stored meta of an unchanged file without a new extraction."""
    if not row or not known or not known.get("meta"):
        return
    stored = Meta(**known["meta"])
    updated = apply_manifest(stored, row)
    if updated != stored:
        store.set_meta(known["sha256"], updated)


def _progress(files: list[Path], show: bool):
    if not show or len(files) < 2:
        return files
    from rich.console import Console
    from rich.progress import track

    return track(files, description="Ingesting", transient=True, console=Console(stderr=True))
