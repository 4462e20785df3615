"""`plantrace.open(db)`: one object for a store, with the reports by name, as the CLI has them.

    corpus = plantrace.open("plantrace.duckdb")
    corpus.report("unreported")["audit"]          # DataFrame; .main is the first table
    corpus.report("evolution", municipality="Gävle", kind="goal")
    corpus.report("unreported").to("xlsx", "audit.xlsx")
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import pandas as pd

from plantrace.corpus.store import Store
from plantrace.reports.data import REPORTS, Report, run_report


class Corpus:
    """A store opened for reading; each call opens and closes the file, so other processes can write between."""

    def __init__(self, db: str | Path):
        self.path = Path(db)
        if not self.path.exists():
            raise FileNotFoundError(f"{self.path}: no such store (run `plantrace ingest` first)")

    def report(self, name: str, **options) -> Report:
        with Store(self.path, read_only=True) as store:
            return run_report(store, name, **options)

    def documents(self) -> pd.DataFrame:
        return self.report("overview")["documents"]

    def items(self, kind: str = "goals") -> pd.DataFrame:
        with Store(self.path, read_only=True) as store:
            return store.items(kind)

    def align(self, overrides: Optional[str | Path] = None):
        from plantrace.align import align

        return align(self.path, overrides=overrides)

    def html(self, out: str | Path) -> Path:
        from plantrace.reports.html import write_html

        with Store(self.path, read_only=True) as store:
            write_html(store, out)
        return Path(out)

    @property
    def reports(self) -> tuple[str, ...]:
        return tuple(REPORTS)
