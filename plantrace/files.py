"""Reading a file's bytes, hash and text, below the stages that read files (corpus and extract): every error is an
`InputError` that names the file."""

from __future__ import annotations

import hashlib
import unicodedata
from pathlib import Path

from plantrace.errors import InputError, reading

# bytes below 0x20 that plain text does contain: tab, line feed, form feed (page break), carriage return
_TEXT_CONTROLS = bytes([9, 10, 12, 13])
_CONTROL_BYTES = bytes(b for b in range(32) if b not in _TEXT_CONTROLS) + b"\x7f"
# punctuation that Swedish documents written in Word carry outside ASCII
_PUNCTUATION = set("–—‘’‚“”„…•·§°±½¼¾´¨€£×÷«»©®™¹²³µ\u00a0\u00ad\u2212\u2010\u2011\u2026\u25aa\u25cf\u25e6\uf0b7\uf02d\uf0a7")


def read_bytes(path: Path) -> bytes:
    with reading(path):
        return Path(path).read_bytes()


def sha256_file(path: Path) -> str:
    """Hash in chunks: PDFs can be large, and the hash alone decides whether a file needs work."""
    h = hashlib.sha256()
    with reading(path), open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def read_text(path: Path) -> tuple[str, str]:
    """(text, encoding name) of a text file; see `decode_text`."""
    return decode_text(read_bytes(path), str(path))


def decode_text(data: bytes, source: str) -> tuple[str, str]:
    """Bytes → (text with \\n line ends, encoding name).

    UTF-8 (with or without BOM) first, since it never decodes by accident; then cp1252, the usual encoding
    of older Swedish files, when the result looks like Latin text; charset-normalizer only as a last guess,
    and only accepted when it too gives Latin text (a Korean or Cyrillic reading of a Swedish file is wrong).
    """
    if not data.strip():
        raise InputError(source, "empty file")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        text, enc = _try(data, "utf-16"), "utf-16"
        if text is None:
            raise InputError(source, "cannot decode text (broken UTF-16)")
    else:
        _reject_binary(data, source)
        text, enc = _try(data, "utf-8-sig"), "utf-8"
        if text is not None and data.startswith(b"\xef\xbb\xbf"):
            enc = "utf-8-sig"
        if text is None:
            text, enc = _try(data, "cp1252"), "cp1252"
            if text is not None and not looks_latin(text):
                text = None
        if text is None:
            text, enc = _guess(data)
        if text is None:
            raise InputError(source, "cannot decode text (not UTF-8 or cp1252, and no other encoding gives readable text)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(source, "empty file")
    return text, enc


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _reject_binary(data: bytes, source: str) -> None:
    if b"\x00" in data:
        raise InputError(source, "binary file, not text")
    sample = data[: 1 << 16]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls > 0.02 * len(sample):
        raise InputError(source, "binary file, not text")


def _guess(data: bytes) -> tuple[str | None, str]:
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
    except Exception:  # pragma: no cover - a detector crash is just "no guess"
        best = None
    if best is None:
        return None, ""
    text = str(best)
    return (text, best.encoding) if looks_latin(text) else (None, "")


def looks_latin(text: str, sample: int = 200_000) -> bool:
    """True when the non-ASCII characters are (nearly all) Latin letters or common typographic punctuation."""
    odd = total = 0
    for ch in text[:sample]:
        if ch < "\x80":
            continue
        total += 1
        if ch in _PUNCTUATION:
            continue
        name = unicodedata.name(ch, "")
        if not name.startswith("LATIN "):
            odd += 1
    return total == 0 or odd <= 0.05 * total
