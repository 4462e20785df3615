"""Entry points of the extract stage: file or text in, `Document` out."""

from __future__ import annotations

import hashlib
from pathlib import Path

from plantrace.errors import InputError
from plantrace.extract.context import Context
from plantrace.extract.layout import Layout
from plantrace.extract.pipeline import run
from plantrace.extract.text_reader import read_text
from plantrace.files import decode_text, read_bytes, sha256_file
from plantrace.identify import identify
from plantrace.schema import ITEM_KINDS, Document, Meta

EXTRACTOR_VERSION = "7"  # bump when extraction output changes, so stored documents are re-extracted
TEXT_SUFFIXES = {".txt", ".md", ".text", ".markdown"}


def merge_meta(detected: Meta, override: Meta | None) -> Meta:
    """Fields given by the caller (e.g. from a manifest) win over detected ones."""
    if override is None:
        return detected
    data = detected.model_dump()
    how = dict(detected.how)
    for field, value in override.model_dump(exclude={"how"}).items():
        if value not in (None, "", []):
            data[field] = value
            how[field] = override.how.get(field, "manifest")
    data["how"] = how
    return Meta(**data)


def extract_layout(layout: Layout, sha256: str, meta: Meta | None = None, pipeline: list[str] | None = None) -> Document:
    text = layout.text
    detected = identify(text, layout.source, "\n".join(layout.furniture))
    ctx = Context(layout=layout, sha256=sha256, meta=merge_meta(detected, meta))
    run(ctx, pipeline)
    doc = Document(source=layout.source, sha256=sha256, format=layout.format, pages=layout.pages, meta=ctx.meta,
                   text=text, warnings=layout.warnings + ctx.warnings)
    for kind in ITEM_KINDS:
        setattr(doc, kind, ctx.get(kind))
    return doc


def extract_text(text: str, source: str = "<text>", sha256: str | None = None, fmt: str = "txt",
                 meta: Meta | None = None) -> Document:
    sha = sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest()
    return extract_layout(read_text(text, source=source, fmt=fmt), sha, meta)


def extract_file(path: str | Path, meta: Meta | None = None) -> Document:
    """Read one file and extract it. Raises `InputError` naming the file and the reason for bad input."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".pdf" or (suffix not in TEXT_SUFFIXES and _is_pdf(path)):
        return extract_pdf(path, meta)
    if suffix not in TEXT_SUFFIXES:
        raise InputError(str(path), f"unsupported file type {suffix or '(none)'}")
    data = read_bytes(path)
    text, _encoding = decode_text(data, str(path))
    sha = hashlib.sha256(data).hexdigest()
    return extract_layout(read_text(text, source=str(path), fmt=suffix.lstrip(".")), sha, meta)


def _is_pdf(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(5) == b"%PDF-"
    except OSError:
        return False


def extract_pdf(path: str | Path, meta: Meta | None = None, ocr: str = "auto") -> Document:
    """A PDF through the same extractors as text; one time limit for the whole document."""
    from plantrace.extract import pdf_open
    from plantrace.extract.pdf_reader import read_pdf

    path = Path(path)
    deadline = pdf_open.Deadline()
    doc = pdf_open.open_pdf(path)
    try:
        with pdf_open.damaged(str(path)):
            layout = read_pdf(path, doc=doc, deadline=deadline, ocr=ocr)
    finally:
        doc.close()
    result = extract_layout(layout, sha256_file(path), meta)
    deadline.check(str(path))
    return result
