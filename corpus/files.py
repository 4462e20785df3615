"""Finding source files; every error is an `InputError` that names the file (reading them: `plantrace.files`)."""

from __future__ import annotations

import os
from pathlib import Path


SUPPORTED = {".txt", ".md", ".pdf"}
TEXT_SUFFIXES = {".txt", ".md"}
SKIP_NAMES = {"manifest.csv"}
# a corpus folder's own notes (README.md, LICENSE.txt…) are about the corpus, not documents of it
SKIP_STEMS = {"readme", "license", "licence", "changelog", "changes", "contributing", "notice", "copying", "authors"}

def find_files(paths) -> tuple[list[Path], list[tuple[str, str]]]:
    """(files, failures): supported files under the given files or folders, recursive and sorted.

    Folders skip hidden entries, manifest.csv and the folder's own notes (README, LICENSE, CHANGELOG… with any
    suffix). A file given by name is kept whatever its suffix, so that
    extracting it fails with a reason rather than being skipped silently. Paths that do not exist and
    folders that cannot be listed come back as (path, reason) failures instead of exceptions.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    found: list[Path] = []
    failures: list[tuple[str, str]] = []
    for p in map(Path, paths):
        if p.is_dir():
            found.extend(_walk(p, failures))
        elif p.exists():
            found.append(p)
        else:
            failures.append((str(p), "file not found"))
    seen: set[Path] = set()
    files = []
    for f in found:  # a file given twice (or inside two given folders) is one file
        key = f.absolute()
        if key not in seen:
            seen.add(key)
            files.append(f)
    return files, failures


def _walk(root: Path, failures) -> list[Path]:
    def onerror(e: OSError):
        failures.append((str(e.filename or root), f"cannot read folder: {e.strerror or e}"))

    out = []
    for folder, dirs, names in os.walk(root, onerror=onerror):  # does not follow symlinked folders (no loops)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in names:
            if name.startswith(".") or name.lower() in SKIP_NAMES or Path(name).stem.lower() in SKIP_STEMS:
                continue
            if Path(name).suffix.lower() in SUPPORTED:
                out.append(Path(folder, name))
    return sorted(out)


def safe_key(path) -> str:
    """The resolved absolute path, or the absolute one when it cannot be resolved (a symlink loop)."""
    try:
        return str(Path(path).resolve())
    except (RuntimeError, OSError):  # Python 3.11-3.12 raise RuntimeError for a loop, later ones OSError
        return os.path.abspath(path)
