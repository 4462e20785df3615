"""Entry points of the extract stage (filled in by the extraction core)."""

from __future__ import annotations

from pathlib import Path

from plantrace.schema import Document, Meta


def extract_text(text: str, source: str = "<text>", sha256: str | None = None, fmt: str = "txt") -> Document:
    raise NotImplementedError


def extract_file(path: str | Path, meta: Meta | None = None) -> Document:
    """Read one file (text or, later, PDF) and extract it. Raises `InputError` for bad input."""
    raise NotImplementedError
