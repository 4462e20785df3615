"""The place names the pipeline and the extractors know: the 290 municipalities and the 21 regions, read once
from `data/` (one file each, so that a new municipality is a line of data, not code)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def rows(path: Path) -> list[list[str]]:
    """The tab-separated rows of a data file, without blank lines and `#` comments."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [ln.split("\t") for ln in lines if ln.strip() and not ln.startswith("#")]


@lru_cache(maxsize=4)
def municipalities(data: Path = DATA) -> tuple[str, ...]:
    """The municipalities in their usual spelling ("Upplands Väsby", "Malung-Sälen"), in file order."""
    return tuple(name.strip() for name in (data / "kommuner.txt").read_text(encoding="utf-8").split("\n") if name.strip())


@lru_cache(maxsize=4)
def regions(data: Path = DATA) -> tuple[tuple[str, str], ...]:
    """(region name after "Region", county name before "län") per region, in file order."""
    return tuple(((row + [""])[0], (row + [""])[1]) for row in rows(data / "regions.tsv"))
