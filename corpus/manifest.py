"""A user's corpus spreadsheet (`manifest.csv`) overrides what the content says about a document.

Columns: file,municipality,committee,doc_type,period_start,period_end,title — `file` is relative to the
manifest's folder and must stay inside it: an absolute path or one that climbs out with ".." is ignored with a
warning. A broken manifest costs a warning, never the ingest.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Optional

from plantrace.errors import InputError
from plantrace.schema import Meta

MANIFEST = "manifest.csv"
TEXT_FIELDS = ("municipality", "committee", "doc_type", "title")
DOC_TYPES = {"plan", "report", "protocol", "budget", "internal_control", "other"}


def load_manifests(files, roots=None, warnings: list[str] | None = None) -> dict[Path, dict]:
    """Resolved file path → its manifest row.

    Looks for manifest.csv in the file's folder, then each folder above it up to the root it was found
    under (a given folder); files given directly look all the way up. The nearest manifest listing the file wins.
    """
    root_dirs = [Path(r).resolve() for r in (roots or []) if Path(r).is_dir()]
    cache: dict[Path, dict[Path, dict]] = {}
    out: dict[Path, dict] = {}
    from plantrace.corpus.files import safe_key

    for f in files:
        f = Path(safe_key(f))
        stop = _root_of(f, root_dirs)
        for folder in [f.parent, *f.parent.parents]:
            if folder not in cache:
                cache[folder] = read_manifest(folder / MANIFEST, warnings)
            row = cache[folder].get(f)
            if row is not None:
                out[f] = row
                break
            if folder == stop:
                break
    return out


def _root_of(f: Path, roots: list[Path]) -> Optional[Path]:
    inside = [r for r in roots if f.is_relative_to(r)]
    return max(inside, key=lambda r: len(r.parts)) if inside else None


def read_manifest(path: Path, warnings: list[str] | None = None) -> dict[Path, dict]:
    """Rows of one manifest keyed by the resolved path of their file; {} (and a warning) when unusable."""
    if not path.is_file():
        return {}
    warn = warnings.append if warnings is not None else (lambda _msg: None)
    try:
        from plantrace.files import read_text

        text, _ = read_text(path)  # Excel saves cp1252 as often as UTF-8
        reader = csv.DictReader(io.StringIO(text), dialect=_dialect(text))
        rows = list(reader)
    except (InputError, csv.Error) as e:
        warn(f"{path}: manifest ignored ({getattr(e, 'reason', e)})")
        return {}
    fields = [(f or "").strip().lower() for f in (reader.fieldnames or [])]
    if "file" not in fields:
        warn(f"{path}: manifest ignored (no 'file' column; columns are {', '.join(fields) or 'none'})")
        return {}
    out: dict[Path, dict] = {}
    for n, row in enumerate(rows, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() if isinstance(v, str) else "" for k, v in row.items()}
        name = row.get("file", "").replace("\\", "/")
        if not name:
            warn(f"{path}:{n}: row without a file name ignored")
            continue
        target = _inside(path.parent, name)
        if target is None:
            warn(f"{path}:{n}: file {name!r} is outside the manifest's folder; row ignored")
            continue
        out[target] = row
    return out


def _inside(folder: Path, name: str) -> Optional[Path]:
    """The resolved path of `name` under `folder`, or None when the name leaves the folder (absolute, drive,
    "..": judged on the name itself, so a symlinked corpus folder is still the corpus)."""
    import os.path

    from plantrace.corpus.files import safe_key

    if Path(name).is_absolute() or os.path.isabs(name) or Path(name).drive:
        return None
    joined = os.path.normpath(os.path.join(str(folder.absolute()), name))
    base = os.path.normpath(str(folder.absolute()))
    if os.path.commonpath([joined, base]) != base or joined == base:
        return None
    return Path(safe_key(joined))


def _dialect(text: str):
    header = text.split("\n", 1)[0]
    return "excel" if header.count(",") >= header.count(";") else _Semicolon  # Swedish Excel writes ';'


class _Semicolon(csv.excel):
    delimiter = ";"


def apply_manifest(meta: Meta, row: Optional[dict], warnings: list[str] | None = None) -> Meta:
    """A copy of `meta` with every non-empty manifest field set and marked how="manifest"."""
    if not row:
        return meta
    data = meta.model_dump()
    how = dict(meta.how)
    for field in TEXT_FIELDS:
        value = (row.get(field) or "").strip()
        if field == "doc_type" and value and value not in DOC_TYPES:
            if warnings is not None:
                warnings.append(f"{row.get('file')}: manifest doc_type {value!r} ignored (one of {', '.join(sorted(DOC_TYPES))})")
            continue
        if value:
            data[field] = value
            how[field] = "manifest"
    period = _period(row)
    if period is False:
        if warnings is not None:
            warnings.append(f"{row.get('file')}: manifest period {row.get('period_start')!r}–{row.get('period_end')!r} ignored")
    elif period:
        data["period"] = period
        how["period"] = "manifest"
    data["how"] = how
    return Meta(**data)


def _period(row: dict):
    """(start, end) years, None when not given, False when unreadable."""
    a, b = (row.get("period_start") or "").strip(), (row.get("period_end") or "").strip()
    if not a and not b:
        return None
    try:
        start, end = int(a or b), int(b or a)
    except ValueError:
        return False
    if not (1900 <= start <= 2200 and start <= end <= 2200):
        return False
    return start, end


def manifest_meta(row: Optional[dict], warnings: list[str] | None = None) -> Optional[Meta]:
    """The Meta a manifest row asserts (for the extractor to merge over detected values), or None."""
    if not row:
        return None
    return apply_manifest(Meta(), row, warnings)
