"""Opening a PDF: every way a file can be a bad PDF becomes an `InputError` naming the file and the reason.

What pymupdf 2.0 does with bad files, and what that becomes here:

* empty file: `pymupdf.EmptyFileError` → "empty file" (caught earlier, from the first bytes).
* not a PDF (text, PNG, a .docx named .pdf): pymupdf raises `FileDataError` ("Failed to open file") → caught
  earlier from the missing `%PDF-` magic, so the reason can say what the file is instead.
* truncated: pymupdf either raises `FileDataError` or *repairs* the file silently (`is_repaired`): a cut
  that only loses the xref keeps every page; a cut through the objects (with object streams, as Word writes
  them, any cut in the middle) leaves 0 pages. Both become "damaged PDF"; a repaired file with pages is read.
* user password: opens with `needs_pass` true and `page_count` usable but pages unreadable → "encrypted PDF".
* owner password only: pymupdf authenticates with the empty password by itself; `needs_pass` is false and
  the document reads normally.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Optional

import pymupdf

from plantrace.errors import InputError, reading

PDF_TIME_LIMIT = 120.0  # seconds per document; PLANTRACE_PDF_TIME_LIMIT overrides
OCR_PAGE_SECONDS = 5.0  # added to the limit for each page read by OCR (Tesseract takes ~2.4 s a page)
# called as (seconds the document's limit grew by, page, pages) for each OCR page: a worker process tells the
# writer, which then kills it later and shows the page on its progress bar
ON_EXTEND: list = []
MAX_PAGES = 3000
OCR_MISSING_REASON = ("scanned page needs OCR: install Tesseract with Swedish data "
                      "(Debian: apt install tesseract-ocr tesseract-ocr-swe)")

# what a file named .pdf often really is; the reason then says so
_MAGIC = [
    (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"), (b"MM\x00*", "a TIFF image"),
    (b"PK\x03\x04", "a ZIP archive, e.g. a Word .docx"), (b"\xd0\xcf\x11\xe0", "an old Office file, e.g. a Word .doc"),
    (b"{\\rtf", "an RTF document"),
]


def time_limit() -> float:
    try:
        return float(os.environ.get("PLANTRACE_PDF_TIME_LIMIT", PDF_TIME_LIMIT))
    except ValueError:
        return PDF_TIME_LIMIT


class Deadline:
    """A per-document time limit, checked between pages, so one pathological file cannot stall a corpus.

    Each page read by OCR adds `OCR_PAGE_SECONDS`: a 51-page scan is slow by nature, not pathological."""

    def __init__(self, seconds: Optional[float] = None):
        self.seconds = time_limit() if seconds is None else seconds
        self.ocr_pages = 0
        self.start = time.monotonic()

    def ocr_page(self, page: int = 0, pages: int = 0) -> None:
        self.ocr_pages += 1
        for tell in ON_EXTEND:
            tell(OCR_PAGE_SECONDS, page, pages)

    @property
    def limit(self) -> float:
        return self.seconds + self.ocr_pages * OCR_PAGE_SECONDS

    def check(self, source: str) -> None:
        if time.monotonic() - self.start > self.limit:
            raise InputError(source, too_slow(self.seconds, self.ocr_pages))


def too_slow(seconds: float, ocr_pages: int = 0) -> str:
    """The reason of a document stopped by its time limit, saying how to allow more."""
    allowed = f"{seconds:g} s" + (f" + {ocr_pages} OCR pages × {OCR_PAGE_SECONDS:g} s" if ocr_pages else "")
    return f"took longer than {allowed}; stopped (allow more with --time-limit SECONDS)"


def open_pdf(path, max_pages: int = MAX_PAGES, password: Optional[str] = None) -> pymupdf.Document:
    """The open document, or `InputError` with one short reason; the caller closes the document.

    The magic bytes are checked first because pymupdf's own error for a non-PDF ("Failed to open file") does not
    tell the user what the file is. A document pymupdf repaired is returned as it is when it still has pages.
    """
    source = str(path)
    head = _head(path, source)
    if not head.strip() and len(head) < 1024:
        raise InputError(source, "empty file")
    if b"%PDF-" not in head:
        raise InputError(source, f"not a PDF ({_what(head)}, not %PDF-)")
    pymupdf.TOOLS.reset_mupdf_warnings()  # MuPDF keeps every warning in a global list; a batch would grow it
    try:
        doc = pymupdf.open(Path(path), filetype="pdf")
    except pymupdf.EmptyFileError:
        raise InputError(source, "empty file") from None
    except (RuntimeError, ValueError) as e:  # FileDataError is a RuntimeError
        detail = _short(e)  # pymupdf's usual message names the file again and says nothing more
        if detail.startswith("Failed to open file"):
            detail = "truncated or corrupt file"
        raise InputError(source, f"damaged PDF that cannot be repaired ({detail})") from None
    try:
        if doc.needs_pass:  # pymupdf has already tried the empty password, so only a given one can help
            if not password:
                raise InputError(source, "encrypted PDF: a password is required to open it")
            if not doc.authenticate(password):
                raise InputError(source, "encrypted PDF: the given password is wrong")
        n = doc.page_count
        if n == 0:
            if doc.is_repaired:
                raise InputError(source, "damaged PDF: no pages could be recovered (truncated or corrupt file)")
            raise InputError(source, "PDF has no pages")
        if n > max_pages:
            raise InputError(source, f"PDF has {n} pages, more than the limit of {max_pages}")
    except InputError:
        doc.close()
        raise
    except Exception as e:  # pymupdf raises plain exceptions for broken page trees
        doc.close()
        raise InputError(source, f"damaged PDF ({_short(e)})") from None
    return doc


@contextmanager
def damaged(source: str):
    """While reading pages: MuPDF's errors on broken page trees, content streams and objects (a cycle in the
    page tree, graphics states nested too deeply) become "damaged PDF (...)" for the file instead of a crash."""
    try:
        yield
    except RecursionError:  # plantrace's own limit, reported as such by the caller
        raise
    except (RuntimeError, pymupdf.mupdf.FzErrorBase) as e:
        raise InputError(source, f"damaged PDF ({_short(e)})") from None


def _head(path, source: str) -> bytes:
    with reading(source), open(path, "rb") as fh:
        return fh.read(1024)


def _what(head: bytes) -> str:
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return f"the file is {name}"
    start = head.lstrip()[:200].lower()
    if start.startswith((b"<!doctype html", b"<html")) or b"<html" in start:
        return "the file is a web page (HTML)"
    if b"\x00" not in head and sum(b < 32 and b not in b"\t\n\r\f" for b in head) <= 0.02 * len(head):
        return "the file starts with text"
    return "the file starts with binary data"


def _short(e: Exception) -> str:
    text = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
    return text[:120]


_JUNK = re.compile("[\ufffd\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f\ue000-\uf8ff]")
_BULLETS = set("\uf0b7\uf0a7\uf02d\uf0a8\uf0d8\uf0fc")  # Symbol/Wingdings bullets Word puts in the private-use area
_VOWELS = set("aeiouyåäöéAEIOUYÅÄÖÉ")
_COMMON_WORDS = {"och", "att", "som", "för", "på", "är", "med", "av", "till", "den", "det", "ska", "har", "en", "ett",
                 "the", "and", "of", "to", "in", "is", "for"}


def text_is_garbled(text: str) -> bool:
    """True for text from fonts without a Unicode mapping, which no amount of cleaning makes readable.

    Two symptoms: many replacement characters, private-use or control codes (glyph ids passed through); or the
    glyph ids of a subset TrueType font, which are the character codes minus 29 ("7KH GDQFHUV" for "The
    dancers"): capitals with few vowels that, shifted back, contain everyday words ("och", "att", "the"). A
    page of acronyms does not shift back into words, and real text in another script (Greek, Arabic) is not
    garbled.
    """
    chars = [c for c in text if not c.isspace()]
    if len(chars) < 20:
        return False
    junk = sum(1 for c in chars if c not in _BULLETS and _JUNK.match(c))
    if junk > 0.3 * len(chars):
        return True
    letters = [c for c in chars if c.isalpha()]
    if len(letters) < 20:
        return False
    return _looks_shifted(text, letters)


def _looks_shifted(text: str, letters: list[str]) -> bool:
    if sum(c.islower() for c in letters) > 0.05 * len(letters) or _vowel_share(letters) >= 0.25:
        return False
    back = "".join(chr(ord(c) + 29) if "!" <= c <= "]" or "\u00a3" <= c <= "\u00e2" else c for c in text)
    words = back.lower().split()
    common = sum(w.strip(".,:;") in _COMMON_WORDS for w in words)
    return common >= 2 and common >= 0.05 * len(words)


def _vowel_share(letters: list[str]) -> float:
    return sum(c in _VOWELS for c in letters) / max(len(letters), 1)


def needs_ocr(page: pymupdf.Page) -> bool:
    """A page with (almost) no text layer that shows an image: a scan. Images first: listing them is cheap."""
    if not page.get_images(full=False):
        return False
    return len(page.get_text("text").strip()) < 20


@lru_cache(maxsize=1)
def tessdata_dir() -> Optional[str]:
    """Tesseract's language folder, found the way pymupdf's OCR finds it: TESSDATA_PREFIX, else the binary."""
    if os.environ.get("TESSDATA_PREFIX"):
        return os.environ["TESSDATA_PREFIX"]
    exe = shutil.which("tesseract")
    if not exe:
        return None
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return None
    m = re.search(r'List of available languages in "([^"]+)"', out.stdout + out.stderr)
    return m.group(1) if m else None


@lru_cache(maxsize=4)
def tesseract_available(language: str = "swe") -> bool:
    """Whether pymupdf can OCR in `language`: its tessdata folder holds `<language>.traineddata` (cached)."""
    folder = tessdata_dir()
    return bool(folder) and Path(folder, f"{language}.traineddata").is_file()
