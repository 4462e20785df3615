"""Opening a PDF: every way a file can be a bad PDF becomes an `InputError` naming the file and the reason."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from functools import lru_cache
from pathlib import Path
from typing import Optional

import pymupdf

from plantrace.errors import InputError

PDF_TIME_LIMIT = 120.0  # seconds per document; PLANTRACE_PDF_TIME_LIMIT overrides
MAX_PAGES = 3000
OCR_MISSING_REASON = ("scanned page needs OCR: install Tesseract with Swedish data "
                      "(Debian: apt install tesseract-ocr tesseract-ocr-swe)")


def time_limit() -> float:
    try:
        return float(os.environ.get("PLANTRACE_PDF_TIME_LIMIT", PDF_TIME_LIMIT))
    except ValueError:
        return PDF_TIME_LIMIT


class Deadline:
    """A per-document time limit, checked between pages, so one pathological file cannot stall a corpus."""

    def __init__(self, seconds: Optional[float] = None):
        self.seconds = time_limit() if seconds is None else seconds
        self.start = time.monotonic()

    def check(self, source: str) -> None:
        if time.monotonic() - self.start > self.seconds:
            raise InputError(source, f"took longer than {self.seconds:g} s; stopped")


def open_pdf(path, max_pages: int = MAX_PAGES, password: Optional[str] = None) -> pymupdf.Document:
    source = str(path)
    try:
        with open(path, "rb") as fh:
            head = fh.read(1024)
    except FileNotFoundError:
        raise InputError(source, "file not found") from None
    except OSError as e:
        raise InputError(source, f"cannot read: {e.strerror or e}") from None
    if not head.strip():
        raise InputError(source, "empty file")
    if b"%PDF-" not in head:
        kind = "text" if all(b in b"\t\n\r" or 32 <= b < 127 or b >= 128 for b in head[:256]) else "binary data"
        raise InputError(source, f"not a PDF (the file starts with {kind}, not %PDF-)")
    try:
        doc = pymupdf.open(Path(path), filetype="pdf")
    except pymupdf.EmptyFileError:
        raise InputError(source, "empty file") from None
    except (pymupdf.FileDataError, RuntimeError, ValueError) as e:
        raise InputError(source, f"damaged PDF that cannot be repaired ({_short(e)})") from None
    try:
        if doc.needs_pass:
            if not (password and doc.authenticate(password)) and not doc.authenticate(""):
                raise InputError(source, "encrypted PDF: a password is required to open it")
        n = doc.page_count
        if n == 0:
            raise InputError(source, "PDF has no pages (empty or truncated)")
        if n > max_pages:
            raise InputError(source, f"PDF has {n} pages, more than the limit of {max_pages}")
    except InputError:
        doc.close()
        raise
    except Exception as e:  # pymupdf raises plain exceptions for broken trees
        doc.close()
        raise InputError(source, f"damaged PDF ({_short(e)})") from None
    return doc


def _short(e: Exception) -> str:
    text = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
    return text[:120]


_JUNK = re.compile("[\ufffd\u0000-\u0008\u000e-\u001f\ue000-\uf8ff]")


def text_is_garbled(text: str) -> bool:
    """Text from fonts without a Unicode mapping: replacement characters, private-use glyphs, control codes."""
    chars = [c for c in text if not c.isspace()]
    if len(chars) < 20:
        return False
    junk = sum(1 for c in chars if _JUNK.match(c) and c not in "\uf0b7\uf0a7\uf02d")
    return junk > 0.3 * len(chars)


def needs_ocr(page: pymupdf.Page) -> bool:
    """A page with (almost) no text layer that shows an image: a scan."""
    if len(page.get_text("text").strip()) >= 20:
        return False
    return bool(page.get_images(full=False))


@lru_cache(maxsize=4)
def tesseract_available(language: str = "swe") -> bool:
    exe = shutil.which("tesseract")
    if not exe:
        return False
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return False
    langs = {line.strip() for line in (out.stdout + out.stderr).splitlines()}
    return language in langs


@lru_cache(maxsize=1)
def tessdata_dir() -> Optional[str]:
    if os.environ.get("TESSDATA_PREFIX"):
        return os.environ["TESSDATA_PREFIX"]
    exe = shutil.which("tesseract")
    if not exe:
        return None
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return None
    m = re.search(r'"([^"]+)"', out.stdout + out.stderr)
    return m.group(1) if m else None
