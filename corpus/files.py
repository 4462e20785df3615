"""Finding source files and reading them as text: one job each, errors that name the file."""

from __future__ import annotations

import hashlib
from pathlib import Path

from plantrace.errors import InputError

SUPPORTED = {".txt", ".md", ".pdf"}


def find_files(paths) -> tuple[list[Path], list[tuple[str, str]]]:
    """Files under the given files or folders (recursive, sorted); paths that do not exist are failures."""
    found: list[Path] = []
    missing: list[tuple[str, str]] = []
    for p in [Path(x) for x in ([paths] if isinstance(paths, (str, Path)) else paths)]:
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                rel = f.relative_to(p)
                if f.is_file() and f.suffix.lower() in SUPPORTED and not any(part.startswith(".") for part in rel.parts):
                    found.append(f)
        elif p.is_file():
            found.append(p)
        else:
            missing.append((str(p), "file not found"))
    return found, missing


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
    except FileNotFoundError:
        raise InputError(str(path), "file not found (it vanished)") from None
    except OSError as e:
        raise InputError(str(path), f"cannot read: {e.strerror or e}") from None
    return h.hexdigest()


def decode_text(data: bytes, source: str) -> tuple[str, str]:
    """Bytes → text: UTF-8 (with or without BOM), else cp1252; binary and empty files are errors."""
    if not data.strip():
        raise InputError(source, "empty file")
    sample = data[:65536]
    if b"\x00" in sample:
        raise InputError(source, "binary file, not text")
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    if controls > len(sample) * 0.05:
        raise InputError(source, "binary file, not text")
    try:
        text, enc = data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        try:
            text, enc = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            try:
                from charset_normalizer import from_bytes

                best = from_bytes(data).best()
            except Exception:  # pragma: no cover
                best = None
            if best is None:
                raise InputError(source, "cannot decode text (not UTF-8, cp1252 or another known encoding)") from None
            text, enc = str(best), best.encoding
    return text.replace("\r\n", "\n").replace("\r", "\n"), enc


def read_text(path: Path) -> tuple[str, str]:
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(str(path), "file not found") from None
    except OSError as e:
        raise InputError(str(path), f"cannot read: {e.strerror or e}") from None
    return decode_text(data, str(path))
