"""Terminal tables read from the store (reports never parse documents)."""

from __future__ import annotations

from pathlib import Path

from rich.table import Table

from plantrace.corpus.store import Store

STATUS_STYLE = {"done": "green", "partial": "yellow", "not_done": "red", "ongoing": "cyan", "cancelled": "magenta", "unknown": "dim"}


def _short(text, n=90):
    text = text or ""
    return text if len(text) <= n else text[: n - 1] + "…"


def _table(title: str, columns: tuple[str, ...], rows) -> Table:
    t = Table(title=title)
    for c in columns:
        t.add_column(c)
    for row in rows:
        t.add_row(*row)
    return t


def goals_table(store: Store) -> Table:
    return _table("Goals per document", ("document", "municipality", "period", "number", "level", "goal"), (
        (Path(r.source).name[:12], r.municipality or "", "–".join(map(str, r.period or [])), r.number or "", r.level,
         _short(r.text) + (" [dim](placeholder)[/]" if r.placeholder else ""))
        for _, r in store.items("goals").iterrows()))


def assignments_table(store: Store) -> Table:
    return _table("Political assignments (uppdrag)", ("document", "number", "issuer", "responsible", "funding", "assignment"), (
        (Path(r.source).name[:12], r.number or "", r.issuer or "", ", ".join(r.responsible or []), r.funding or "",
         _short(r.text))
        for _, r in store.items("assignments").iterrows()))


def followups_table(store: Store) -> Table:
    return _table("Follow-up status", ("document", "number", "kind", "status", "evidence", "refers to"), (
        (Path(r.source).name[:12], r.number or "", r.kind, f"[{STATUS_STYLE.get(r.status, '')}]{r.status}[/]",
         _short(r.status_raw, 50), _short(r.refers_to, 70))
        for _, r in store.items("followups").iterrows()))


def demo_tables(store: Store) -> list[Table]:
    return [goals_table(store), assignments_table(store), followups_table(store)]
