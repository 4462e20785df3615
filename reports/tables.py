"""Terminal tables read from the store (reports never parse documents)."""

from __future__ import annotations

from pathlib import Path

from rich.table import Table

from plantrace.corpus.store import Store

STATUS_STYLE = {"done": "green", "partial": "yellow", "not_done": "red", "ongoing": "cyan", "cancelled": "magenta", "unknown": "dim"}


def _short(text, n=90):
    text = text or ""
    return text if len(text) <= n else text[: n - 1] + "…"


def goals_table(store: Store) -> Table:
    t = Table(title="Goals per document", show_lines=False)
    for c in ("document", "municipality", "period", "number", "level", "goal"):
        t.add_column(c)
    df = store.items("goals")
    for _, r in df.iterrows():
        period = "–".join(map(str, r.period or []))
        t.add_row(Path(r.source).name[:12], r.municipality or "", period, r.number or "", r.level,
                  _short(r.text) + (" [dim](placeholder)[/]" if r.placeholder else ""))
    return t


def assignments_table(store: Store) -> Table:
    t = Table(title="Political assignments (uppdrag)")
    for c in ("document", "number", "issuer", "responsible", "funding", "assignment"):
        t.add_column(c)
    for _, r in store.items("assignments").iterrows():
        t.add_row(Path(r.source).name[:12], r.number or "", r.issuer or "", ", ".join(r.responsible or []), r.funding or "",
                  _short(r.text))
    return t


def followups_table(store: Store) -> Table:
    t = Table(title="Follow-up status")
    for c in ("document", "number", "kind", "status", "evidence", "refers to"):
        t.add_column(c)
    for _, r in store.items("followups").iterrows():
        style = STATUS_STYLE.get(r.status, "")
        t.add_row(Path(r.source).name[:12], r.number or "", r.kind, f"[{style}]{r.status}[/]", _short(r.status_raw, 50),
                  _short(r.refers_to, 70))
    return t


def demo_tables(store: Store) -> list[Table]:
    return [goals_table(store), assignments_table(store), followups_table(store)]
