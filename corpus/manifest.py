"""A user's corpus spreadsheet (`manifest.csv`) overrides what the content says about a document."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Optional

from plantrace.schema import Meta

FIELDS = ("municipality", "committee", "doc_type", "title")
DOC_TYPES = {"plan", "report", "protocol", "budget", "internal_control", "other"}


def load_manifests(files: list[Path], warnings: list[str] | None = None) -> dict[Path, dict]:
    """Map each file to its manifest row, looking for manifest.csv in its folder and the folders above."""
    cache: dict[Path, dict[Path, dict]] = {}
    out: dict[Path, dict] = {}
    for f in files:
        f = f.resolve()
        for folder in [f.parent, *f.parent.parents]:
            if folder not in cache:
                cache[folder] = _read(folder / "manifest.csv", warnings)
            row = cache[folder].get(f)
            if row is not None:
                out[f] = row
                break
    return out


def _read(path: Path, warnings: list[str] | None) -> dict[Path, dict]:
    if not path.is_file():
        return {}
    rows: dict[Path, dict] = {}
    try:
        with open(path, newline="", encoding="utf-8-sig") as fh:
            for row in csv.DictReader(fh):
                name = (row.get("file") or "").strip()
                if name:
                    rows[(path.parent / name).resolve()] = row
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        if warnings is not None:
            warnings.append(f"{path}: manifest ignored ({e})")
    return rows


def manifest_meta(row: Optional[dict]) -> Optional[Meta]:
    if not row:
        return None
    meta = Meta()
    how = {}
    for field in FIELDS:
        value = (row.get(field) or "").strip()
        if field == "doc_type" and value not in DOC_TYPES:
            value = ""
        if value:
            setattr(meta, field, value)
            how[field] = "manifest"
    try:
        a, b = int(row.get("period_start") or 0), int(row.get("period_end") or row.get("period_start") or 0)
        if a:
            meta.period = (a, b or a)
            how["period"] = "manifest"
    except ValueError:
        pass
    meta.how = how  # type: ignore[assignment]
    return meta
