"""A `Report` (named DataFrames) out as a terminal table, CSV, Excel, Parquet, JSON, Markdown or HTML.

Formats that hold one table per file (CSV, Parquet) write the main table to `--out` and each other table beside
it as `<stem>.<table>.<ext>`; to standard output they write the main table only, so they pipe. Excel writes one
sheet per table; JSON, Markdown, HTML and the terminal show every table.
"""

from __future__ import annotations

import json
import math
from html import escape
from pathlib import Path
from typing import Callable, Optional

import pandas as pd
from rich.console import Console
from rich.table import Table

from plantrace.reports.data import Report

FORMATS = ("table", "csv", "xlsx", "parquet", "json", "md", "html")
BINARY = {"xlsx", "parquet"}  # need --out
STATUS_STYLE = {"done": "green", "partial": "yellow", "not_done": "red", "ongoing": "cyan", "cancelled": "magenta",
                "unknown": "dim", "reported": "green", "not_reported": "red", "no_covering_report": "dim",
                "report_without_followups": "yellow"}
# columns that hold running text: they wrap, the others keep their width
TEXT_COLUMNS = {"text", "candidate", "item", "counterpart", "title", "as_written", "indicator", "label",
                "refers_to", "name", "value", "status_raw", "values", "risk", "control", "expected_effect", "statuses",
                "file", "cite", "follow-up", "coverage", "reason"}


def _cell(v) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    if isinstance(v, float):
        return f"{v:.3f}".rstrip("0").rstrip(".") if not v.is_integer() else str(int(v))
    if isinstance(v, (list, tuple)):
        return ", ".join(map(str, v))
    if v is pd.NA:
        return ""
    return str(v)


def _plain(df: pd.DataFrame) -> pd.DataFrame:
    """Cells as text where they are lists or dicts (CSV, Excel, Parquet want scalars)."""
    out = df.copy()
    for c in out.columns:
        if out[c].map(lambda v: isinstance(v, (list, tuple, dict))).any():
            out[c] = out[c].map(lambda v: json.dumps(v, ensure_ascii=False) if isinstance(v, dict) else _cell(v))
    return out


def _short_file(name, labels: Optional[dict] = None) -> str:
    """A document as a terminal cell: its short label ("Gävle plan 2021–24"), else its file name."""
    name = _cell(name)
    return (labels or {}).get(name) or name


def _cite(df: pd.DataFrame, labels: dict, file="file", number="number", where="where") -> pd.Series:
    """Where to check an item, compactly: "Gävle plan 2021–24 · 1.2 line 245"."""
    return pd.Series([" · ".join(x for x in (_short_file(f, labels), " ".join(y for y in (_cell(n), _cell(w)) if y))
                                 if x) for f, n, w in zip(df[file], df[number], df[where])],
                     index=df.index, dtype=object)


def _view(columns: list[str], rename: Optional[dict[str, str]] = None, **computed):
    """A terminal view: the columns kept (some computed from the row and the document labels), renamed short."""
    def make(df: pd.DataFrame, labels: dict) -> pd.DataFrame:
        out = pd.DataFrame(index=df.index)
        for c in columns:
            out[c] = computed[c](df, labels) if c in computed else df[c]
        return out.rename(columns=rename or {})

    return make


def _label(column: str):
    return lambda d, labels: d[column].map(lambda f: _short_file(f, labels))


def _followup(d: pd.DataFrame, labels: dict) -> pd.Series:
    """The follow-up a plan item was matched to (or the nearest candidate): the report, section, line, score."""
    cells = []
    for r, n, w, s in zip(d["report"], d["report_number"], d["report_where"], d["score"]):
        where = " ".join(x for x in (_cell(n), _cell(w), f"({_cell(s)})" if _cell(s) else "") if x)
        cells.append(" · ".join(x for x in (_short_file(r, labels) if _cell(r) else "", where) if x))
    return pd.Series(cells, index=d.index, dtype=object)


def _verdict(d: pd.DataFrame, labels: dict) -> pd.Series:
    """The verdict as a reader says it, with "check" when the audit asks for a look by hand."""
    return pd.Series([VERDICT_SHORT.get(_cell(v), _cell(v)) + (" · check" if b == "check" else "")
                      for v, b in zip(d["verdict"], d["band"])], index=d.index, dtype=object)


TERMINAL_TEXT = 160  # characters of running text in a terminal cell; the other formats keep it whole
VERDICT_SHORT = {"no_covering_report": "no report", "not_reported": "NOT reported", "reported": "reported",
                 "report_without_followups": "no follow-ups read"}
_VERDICT_OF_SHORT = {v: k for k, v in VERDICT_SHORT.items()}

# What the terminal shows of each table, so that it fits 80 columns; the other formats keep every column.
TERMINAL: dict[str, Callable[[pd.DataFrame, dict], pd.DataFrame]] = {
    "documents": _view(["document", "file", "goals", "assignments", "indicators"], document=_label("file"),
                       rename={"assignments": "assign.", "indicators": "indic."}),
    "audit": _view(["cite", "text", "verdict", "status", "follow-up"],
                   cite=lambda d, labels: _cite(d, labels, file="plan"), verdict=_verdict, **{"follow-up": _followup}),
    # (report_without_followups and the count to check are in every other format and in the audit rows)
    "summary": _view(["plan", "coverage", "items", "reported", "not_reported", "statuses"],
                     plan=_label("plan"), rename={"not_reported": "not rep.", "reported": "rep."}),
    "threads": _view(["thread", "year", "change", "cite", "text"], cite=lambda d, labels: _cite(d, labels),
                     thread=lambda d, labels: d["thread"].str[:7] + " " + d["theme"].fillna("")),
    "per_year": _view(["municipality", "kind", "year", "items", "new", "carried", "dropped"]),
    "splits_and_merges": _view(["change", "from", "to", "score"]),
    "targets_and_outcomes": _view(["indicator", "year", "target", "outcome", "met"]),
    "placeholders": _view(["cite", "indicator", "value"], cite=lambda d, labels: _cite(d, labels, number="column")),
    "churn": _view(["municipality", "from", "to", "kept", "new", "dropped"],
                   **{"from": _label("from"), "to": _label("to")}),
    "counts": _view(["municipality", "theme", "kind", "year", "items"]),
    "counterparts": _view(["municipality", "item", "other_municipality", "counterpart", "score"]),
}


def rich_tables(report: Report) -> list:
    """Terminal tables that fit 80 columns: a compact view of each table, running text wraps; an empty table
    is one line saying so (not a grid of one-letter headers)."""
    from rich.text import Text

    out = []
    labels = getattr(report, "labels", {}) or {}
    for name, df in report.items():
        title = f"{report.title} — {name}" if len(report) > 1 else report.title
        if df.empty:
            out.append(Text(f"{title}: no rows", style="dim"))
            continue
        view = TERMINAL.get(name)
        if view is not None:
            df = view(df, labels)
        has_text = any(c in TEXT_COLUMNS for c in df.columns)
        t = Table(title=title, show_lines=has_text, title_justify="left", expand=has_text)
        for c in df.columns:
            if c in TEXT_COLUMNS:
                t.add_column(c, overflow="fold", ratio=1, min_width=16)
            else:
                t.add_column(c, overflow="fold", max_width=20)
        for row in df.itertuples(index=False):
            cells = []
            for c, v in zip(df.columns, row):
                s = _cell(v)
                if c in TEXT_COLUMNS and len(s) > TERMINAL_TEXT:
                    s = s[: TERMINAL_TEXT - 1] + "…"
                if c == "verdict":
                    s = VERDICT_SHORT.get(s, s)
                s = escape_markup(s)
                key = _cell(v).split(" · ")[0]
                style = STATUS_STYLE.get(_VERDICT_OF_SHORT.get(key, key)) if c in ("status", "verdict") else None
                cells.append(f"[{style}]{s}[/]" if style else s)
            t.add_row(*cells)
        out.append(t)
    return out


def escape_markup(s: str) -> str:
    from rich.markup import escape as rich_escape

    return rich_escape(s)


def to_table(report: Report, out: Optional[Path], console: Optional[Console] = None) -> None:
    console = console or Console(width=None)
    if out is not None:
        with open(out, "w", encoding="utf-8") as fh:
            console = Console(file=fh, width=120, force_terminal=False, color_system=None)
            _print_tables(report, console)
        return
    _print_tables(report, console)


def _print_tables(report: Report, console: Console) -> None:
    for t in rich_tables(report):
        console.print(t)
    for note in report.notes:
        console.print(f"[dim]{escape_markup(note)}[/]", highlight=False)


def _beside(out: Path, name: str, ext: str) -> Path:
    return out.with_name(f"{out.stem}.{name}.{ext}")


def to_csv(report: Report, out: Optional[Path]) -> Optional[str]:
    tables = list(report.items())
    if out is None:
        return _plain(tables[0][1]).to_csv(index=False)
    _plain(tables[0][1]).to_csv(out, index=False)
    for name, df in tables[1:]:
        _plain(df).to_csv(_beside(out, name, "csv"), index=False)
    return None


def to_parquet(report: Report, out: Path) -> None:
    tables = list(report.items())
    _plain(tables[0][1]).to_parquet(out, index=False)
    for name, df in tables[1:]:
        _plain(df).to_parquet(_beside(out, name, "parquet"), index=False)


def to_xlsx(report: Report, out: Path) -> None:
    """One sheet per table: bold filled header, frozen, columns as wide as their content (capped)."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        for name, df in report.items():
            sheet = name[:31]
            _plain(df).to_excel(writer, sheet_name=sheet, index=False)
            ws = writer.sheets[sheet]
            ws.freeze_panes = "A2"
            for cell in ws[1]:
                cell.font = Font(bold=True, color="FFFFFF")
                cell.fill = PatternFill("solid", fgColor="305496")
                cell.alignment = Alignment(vertical="top", wrap_text=True)
            for k, col in enumerate(df.columns, start=1):
                longest = max([len(str(col))] + [len(_cell(v)) for v in df[col].head(500)])
                width = min(max(8, longest + 2), 60)
                ws.column_dimensions[get_column_letter(k)].width = width
                if width == 60:
                    for cell in ws[get_column_letter(k)][1:]:
                        cell.alignment = Alignment(wrap_text=True, vertical="top")


def to_json(report: Report) -> str:
    data = {"report": report.name, "title": report.title, "notes": report.notes,
            "tables": {name: json.loads(df.to_json(orient="records", force_ascii=False)) for name, df in report.items()}}
    return json.dumps(data, ensure_ascii=False, indent=2)


def to_md(report: Report) -> str:
    parts = [f"# {report.title}"]
    for name, df in report.items():
        parts.append(f"## {name}")
        if df.empty:
            parts.append("(none)")
            continue
        text = df.map(_cell) if hasattr(df, "map") else df.applymap(_cell)
        text = text.map(lambda s: s.replace("|", "\\|").replace("\n", " "))
        parts.append(text.to_markdown(index=False))
    parts += [f"_{n}_" for n in report.notes]
    return "\n\n".join(parts) + "\n"


def to_html(report: Report) -> str:
    """One report as a small self-contained page (the full dashboard is `plantrace report html`)."""
    body = [f"<h1>{escape(report.title)}</h1>"]
    for name, df in report.items():
        body.append(f'<h2 id="{escape(name)}">{escape(name)}</h2>')
        body.append(df.map(_cell).to_html(index=False, escape=True, border=0, classes="report") if not df.empty
                    else "<p>(none)</p>")
    body += [f"<p><em>{escape(n)}</em></p>" for n in report.notes]
    style = ("body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse}"
             "td,th{border-bottom:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}"
             "th{background:#305496;color:#fff}")
    return (f"<!doctype html><html lang=\"sv\"><head><meta charset=\"utf-8\"><title>{escape(report.title)}</title>"
            f"<style>{style}</style></head><body>{''.join(body)}</body></html>\n")


WRITERS: dict[str, Callable] = {"csv": to_csv, "json": to_json, "md": to_md, "html": to_html}


def write(report: Report, fmt: str, out: Optional[Path], console: Optional[Console] = None) -> Optional[str]:
    """Write a report; returns text for standard output when there is no `out` (None when written)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    if fmt in BINARY and out is None:
        raise ValueError(f"--format {fmt} needs --out FILE")
    if fmt == "table":
        to_table(report, out, console)
        return None
    if fmt == "xlsx":
        to_xlsx(report, out)
        return None
    if fmt == "parquet":
        to_parquet(report, out)
        return None
    if fmt == "csv":
        return to_csv(report, out)
    text = WRITERS[fmt](report)
    if out is None:
        return text
    Path(out).write_text(text, encoding="utf-8")
    return None


__all__ = ["FORMATS", "write", "rich_tables", "to_xlsx", "to_csv", "to_json", "to_md", "to_html", "to_parquet"]
