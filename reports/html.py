"""The HTML report: one self-contained file (inline CSS, static inline SVG charts, no script, no external fetch)
with the corpus overview, the audit of plan items against their follow-up, goal and indicator threads as
timelines, indicator targets against outcomes, and the municipality × theme heatmap. Every item links to its
source file (`file://`, with `#page=N` for PDFs) and cites where in it (line or page).

Everything shown comes from the reports of reports/data.py, run on one `StoreView` of the store; all of it is escaped by Jinja's autoescape,
SVG text included — documents are untrusted input.
"""

from __future__ import annotations

import difflib
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Optional

import jinja2
import pandas as pd

from plantrace.corpus.store import Store
from plantrace.reports.data import _YES, REPORTS, NoAlignment, StoreView
from plantrace.reports.formats import _cell

TEMPLATES = Path(__file__).parent / "templates"

VERDICT_LABELS = {"reported": "reported", "not_reported": "not reported", "no_covering_report": "no covering report",
                  "report_without_followups": "no follow-ups read"}
KIND_LABELS = {"goal": "goals", "indicator": "indicators", "assignment": "assignments"}
DOC_TYPE_COLOURS = {"plan": "#3b6fd4", "report": "#1a7f37", "protocol": "#a0309b", "budget": "#b58900"}

_env: Optional[jinja2.Environment] = None


@dataclass(frozen=True)
class Limits:
    """How much of each section one page shows, so its size is bounded whatever the corpus (a browser opens
    10 MB, not 160): the rest is named in a notice and reached with --municipality / --from / --to or the
    terminal and file reports."""

    documents: int = 300  # rows of the document table
    chart_municipalities: int = 60  # rows of the documents-per-year chart (most documents first)
    plans: int = 200  # plan summaries in the audit
    audit_rows: int = 1500  # item rows of the audit table
    threads: int = 100  # threads across two or more documents (longest first)
    single: int = 300  # items found in one document only
    rows: int = 300  # rows of each smaller table (per year, splits, placeholders, churn)
    charts: int = 60  # indicator charts


@dataclass(frozen=True)
class Filters:
    municipality: Optional[str] = None
    year_from: Optional[int] = None
    year_to: Optional[int] = None

    def documents(self, docs: pd.DataFrame) -> pd.DataFrame:
        """The documents of the municipality whose period meets [from, to]."""
        if docs.empty:
            return docs
        keep = pd.Series(True, index=docs.index)
        if self.municipality:
            keep &= docs["municipality"].fillna("").str.casefold() == self.municipality.casefold()
        start = pd.to_numeric(docs["period_start"], errors="coerce")
        end = pd.to_numeric(docs["period_end"], errors="coerce").fillna(start)
        if self.year_from is not None:
            keep &= end.fillna(-1) >= self.year_from
        if self.year_to is not None:
            keep &= start.fillna(10 ** 6) <= self.year_to
        return docs[keep]

    def options(self) -> dict:
        return {"municipality": self.municipality, "year_from": self.year_from, "year_to": self.year_to}

    def describe(self) -> str:
        parts = [f"--municipality {self.municipality}"] if self.municipality else []
        parts += [f"--from {self.year_from}"] if self.year_from is not None else []
        parts += [f"--to {self.year_to}"] if self.year_to is not None else []
        return " ".join(parts)


def _shown(what: str, shown: int, total: int, hint: str) -> list[str]:
    """The notice of a cut list (empty when nothing was cut)."""
    if shown >= total:
        return []
    return [f"Showing {shown:,} of {total:,} {what}. {hint}"]


_NARROW = "Narrow the report with --municipality, --from and --to"


def _environment() -> jinja2.Environment:
    global _env
    if _env is None:
        _env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                                  trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    return _env


# ------------------------------------------------------------------------------------------------ helpers


def _blank(v) -> bool:
    if v is None or v is pd.NA:
        return True
    try:
        return bool(isinstance(v, float) and math.isnan(v))
    except TypeError:
        return False


def _year(v) -> Optional[int]:
    return None if _blank(v) else int(v)


class Sources:
    """A file and where in it → link to the source: a `file://` URI, with `#page=N` for a PDF page. The source
    is the table's own `source` column where it has one; `by_file` (file name → source) serves the tables that
    name files only."""

    def __init__(self, view: StoreView):
        self.by_file: dict[str, str] = {}
        if not view.docs.empty:
            for file, source in zip(view.docs["file"], view.docs["source"]):
                self.by_file.setdefault(file, source)

    def link(self, file: str, where: str = "", source: Optional[str] = None) -> dict[str, str]:
        file = _cell(file)
        where = _cell(where)
        source = _cell(source) or self.by_file.get(file)
        href = ""
        if source:
            try:
                href = Path(source).resolve().as_uri()
            except ValueError:
                href = ""
            m = re.match(r"p\.\s*(\d+)", where)
            if href and m:
                href += f"#page={m.group(1)}"
        short = file if len(file) <= 20 else file[:9] + "…" + file[-6:]
        return {"file": file, "short": short, "where": where, "href": href, "source": source or file}


def _word_diff(before: str, after: str) -> Optional[list[dict[str, str]]]:
    """`after` as runs of kept and inserted words against `before` (the previous wording, shown beside it);
    None where the two share too little for a word diff to help."""
    a, b = before.split(), after.split()
    matcher = difflib.SequenceMatcher(a=[w.casefold() for w in a], b=[w.casefold() for w in b], autojunk=False)
    if matcher.ratio() < 0.3:
        return None
    out = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if j2 > j1:
            out.append({"op": "same" if op == "equal" else "ins", "text": " ".join(b[j1:j2])})
    return out


def _value(v) -> Optional[float]:
    return None if _blank(v) else float(v)


_YESNO = {**_YES, "delvis": None}


# ------------------------------------------------------------------------------------------------ sections


def _overview(view: StoreView, sources: Sources, filters: Filters = Filters(), limits: Limits = Limits()) -> dict[str, Any]:
    rep = REPORTS["overview"](view)
    docs = rep["documents"]
    if docs.empty:
        return {"empty": True, "title": rep.title}
    docs = docs[docs["source"].isin(set(filters.documents(view.docs)["source"]))]
    per = rep["documents_per_year"]
    if filters.municipality and not per.empty:
        per = per[per["municipality"].fillna("").str.casefold() == filters.municipality.casefold()]
    if filters.year_from is not None and not per.empty:
        per = per[per["year"].fillna(-1) >= filters.year_from]
    if filters.year_to is not None and not per.empty:
        per = per[per["year"].fillna(10 ** 6) <= filters.year_to]
    if docs.empty:
        return {"empty": True, "title": rep.title}
    rows = []
    counts = {"documents": len(docs)}
    for k in ("goals", "assignments", "indicators", "followups", "tables"):
        counts[k] = int(docs[k].fillna(0).sum())
    truncated = _shown("documents in the table", min(len(docs), limits.documents), len(docs),
                       f"{_NARROW}, or list them all with `plantrace report overview --format csv`.")
    for r in docs.head(limits.documents).itertuples(index=False):
        rows.append({"link": sources.link(r.file, source=r.source), "municipality": _cell(r.municipality), "committee": _cell(r.committee),
                     "doc_type": _cell(r.doc_type), "period": _cell(r.period), "title": _cell(r.title),
                     "goals": _cell(r.goals), "assignments": _cell(r.assignments), "indicators": _cell(r.indicators),
                     "followups": _cell(r.followups), "tables": _cell(r.tables)})
    # documents per municipality and year, one mark per document coloured by type (the municipalities with
    # the most documents when there are more than a chart can show)
    all_munis = sorted({_cell(m) or "(unknown)" for m in docs["municipality"]})
    sizes = docs["municipality"].fillna("(unknown)").map(_cell).value_counts()
    munis = sorted(sorted(all_munis, key=lambda m: (-int(sizes.get(m, 0)), m))[:limits.chart_municipalities])
    truncated += _shown("municipalities in the chart", len(munis), len(all_munis), _NARROW + ".")
    if not per.empty:
        per = per[per["municipality"].fillna("(unknown)").map(_cell).isin(munis)]
    years = sorted({y for y in (_year(v) for v in per.get("year", [])) if y is not None})
    chart = None
    if years:
        y0, y1 = years[0], years[-1]
        span = list(range(y0, y1 + 1))
        step = 36 if len(span) <= 20 else max(14, 720 // len(span))
        left, top, row_h = 110, 26, 30
        width = left + step * len(span) + 20
        marks = []
        for r in per.itertuples(index=False):
            y = _year(r.year)
            if y is None:
                continue
            m = _cell(r.municipality) or "(unknown)"
            for k in range(int(r.documents)):
                marks.append({"x": left + step * (y - y0) + step / 2 + (k - (r.documents - 1) / 2) * 9,
                              "y": top + row_h * munis.index(m) + row_h / 2, "type": _cell(r.doc_type) or "other",
                              "colour": DOC_TYPE_COLOURS.get(_cell(r.doc_type), "#6e7781"),
                              "label": f"{m} {y}: {_cell(r.doc_type) or 'document'}"})
        labelled = span if len(span) <= 16 else [y for y in span if y % 2 == 0]
        chart = {"width": width, "height": top + row_h * len(munis) + 8, "left": left, "top": top, "row_h": row_h,
                 "rows": [{"label": m, "y": top + row_h * i + row_h / 2} for i, m in enumerate(munis)],
                 "years": [{"label": y, "x": left + step * (y - y0) + step / 2} for y in labelled],
                 "grid": [left + step * i for i in range(len(span) + 1)], "marks": marks,
                 "types": [{"type": t, "colour": DOC_TYPE_COLOURS.get(t, "#6e7781")}
                           for t in sorted({m["type"] for m in marks})]}
    return {"empty": False, "title": rep.title, "counts": counts, "rows": rows, "chart": chart,
            "municipalities": all_munis if len(all_munis) <= 12 else all_munis[:12] + [f"{len(all_munis) - 12} more"],
            "truncated": truncated}


def _unreported(view: StoreView, sources: Sources, filters: Filters = Filters(), limits: Limits = Limits()) -> dict[str, Any]:
    rep = REPORTS["unreported"](view, municipality=filters.municipality)
    audit, summary = rep["audit"], rep["summary"]
    if filters.year_from is not None or filters.year_to is not None:
        files = set(filters.documents(view.docs)["file"])
        audit, summary = audit[audit["plan"].isin(files)], summary[summary["plan"].isin(files)]
    truncated = _shown("plans", min(len(summary), limits.plans), len(summary), _NARROW + ".")
    budget = limits.audit_rows
    plans = []
    for s in summary.head(limits.plans).itertuples(index=False):
        total = max(int(s.items), 1)
        bar, x = [], 0.0
        for key, colour in (("reported", "#1a7f37"), ("not_reported", "#cf222e"), ("report_without_followups", "#bf8700"),
                            ("no_covering_report", "#8c959f")):
            n = int(getattr(s, key))
            if n:
                w = 240 * n / total
                bar.append({"x": x, "w": w, "colour": colour, "n": n, "label": f"{VERDICT_LABELS[key]}: {n}"})
                x += w
        rows = []
        mine = audit[(audit["plan"] == s.plan)]
        for r in mine.head(max(budget, 0)).itertuples(index=False):
            rows.append({
                "plan": sources.link(r.plan, r.where, r.source), "period": _cell(r.period), "kind": _cell(r.kind),
                "number": _cell(r.number), "text": _cell(r.text), "verdict": _cell(r.verdict),
                "verdict_label": VERDICT_LABELS.get(_cell(r.verdict), _cell(r.verdict)), "status": _cell(r.status),
                "band": _cell(r.band), "reason": _cell(r.reason),
                "report": sources.link(r.report, r.report_where, r.report_source) if _cell(r.report) else None,
                "report_number": _cell(r.report_number), "candidate": _cell(r.candidate), "score": _cell(r.score),
                "self_report": _cell(r.report) == _cell(r.plan)})
        budget -= len(rows)
        plans.append({"plan": sources.link(s.plan), "municipality": _cell(s.municipality), "period": _cell(s.period),
                      "n_items": int(s.items), "reported": int(s.reported), "not_reported": int(s.not_reported),
                      "no_covering_report": int(s.no_covering_report),
                      "report_without_followups": int(s.report_without_followups), "check": int(s.check),
                      "coverage": _cell(s.coverage), "statuses": _cell(s.statuses),
                      "reports": [sources.link(f.strip()) for f in _cell(s.reports).split(",") if f.strip()],
                      "bar": bar, "rows": rows})
    shown = sum(len(p["rows"]) for p in plans)
    truncated += _shown("plan items in the table", shown, len(audit),
                        f"{_NARROW}, or export them all with `plantrace report unreported --format csv`.")
    return {"title": rep.title, "notes": rep.notes, "plans": plans, "n": len(audit), "truncated": truncated}


def _evolution(view: StoreView, sources: Sources, filters: Filters = Filters(), limits: Limits = Limits()) -> dict[str, Any]:
    rep = REPORTS["evolution"](view, **filters.options())
    df = rep["threads"]
    # the longest threads (most documents) are drawn; the rest is counted
    sizes = df.drop_duplicates("thread")
    sizes = sizes.sort_values(["documents", "municipality", "thread"], ascending=[False, True, True], kind="stable")
    multi = sizes[sizes["documents"] >= 2]
    one = sizes[sizes["documents"] < 2]
    keep = set(multi["thread"].head(limits.threads)) | set(one["thread"].head(limits.single))
    truncated = _shown("threads across documents", min(len(multi), limits.threads), len(multi), _NARROW + ".")
    truncated += _shown("items found in one document", min(len(one), limits.single), len(one), _NARROW + ".")
    df = df[df["thread"].isin(keep)]
    years_of: dict[str, list[int]] = defaultdict(list)
    for (muni, com), g in df.groupby(["municipality", "committee"], dropna=False, sort=False):
        years_of[(_cell(muni), _cell(com))] = sorted({y for y in (_year(v) for v in g["year"]) if y is not None})
    long, single = [], []
    for tid, g in df.groupby("thread", sort=False):
        first = g.iloc[0]
        key = (_cell(first["municipality"]), _cell(first["committee"]))
        entries, prev = [], None
        for r in g.itertuples(index=False):
            text = _cell(r.text)
            change = _cell(r.change)
            diff = _word_diff(prev, text) if prev is not None and change == "reworded" else None
            entries.append({"year": _year(r.year), "change": change, "label": change,
                            "text": text, "diff": diff, "number": _cell(r.number),
                            "link": sources.link(r.file, r.where, r.source)})
            prev = text
        thread = {"id": _cell(tid), "municipality": key[0], "committee": key[1], "kind": _cell(first["kind"]),
                  "theme": _cell(first["theme"]).replace("_", " "), "documents": int(first["documents"]),
                  "entries": entries}
        if thread["documents"] >= 2:
            by_year = {e["year"]: e for e in entries}
            thread["columns"] = [{"year": y, "entry": by_year.get(y)} for y in years_of[key]]
            long.append(thread)
        else:
            single.append(thread)
    long.sort(key=lambda t: (t["municipality"], -t["documents"], ["indicator", "goal", "assignment"].index(t["kind"])
                             if t["kind"] in ("indicator", "goal", "assignment") else 9, t["id"]))
    groups = defaultdict(list)
    for t in single:
        groups[(t["municipality"], t["kind"])].append(t)
    single_groups = [{"municipality": m, "kind": k, "label": KIND_LABELS.get(k, k), "threads": ts}
                     for (m, k), ts in sorted(groups.items())]
    kinds = sorted({t["kind"] for t in long + single}, key=lambda k: ["goal", "indicator", "assignment"].index(k)
                   if k in ("goal", "indicator", "assignment") else 9)
    truncated += _shown("rows of new / carried / dropped", min(len(rep["per_year"]), limits.rows),
                        len(rep["per_year"]), _NARROW + ".")
    truncated += _shown("splits and merges", min(len(rep["splits_and_merges"]), limits.rows),
                        len(rep["splits_and_merges"]), _NARROW + ".")
    per_year = [{k: _cell(v) for k, v in r._asdict().items()}
                for r in rep["per_year"].head(limits.rows).itertuples(index=False)]
    splits = [{"change": _cell(r.change), "from": sources.link(r.from_file), "from_number": _cell(r.from_number),
               "from_text": _cell(getattr(r, "_3")), "to": sources.link(r.to_file), "to_number": _cell(r.to_number),
               "to_text": _cell(r.to), "score": _cell(r.score)}
              for r in rep["splits_and_merges"].head(limits.rows).itertuples(index=False)]
    return {"title": rep.title, "long": long, "single_groups": single_groups, "n_single": len(single),
            "truncated": truncated,
            "kinds": [{"kind": k, "label": KIND_LABELS.get(k, k)} for k in kinds], "per_year": per_year,
            "splits": splits}


def _indicators(view: StoreView, sources: Sources, filters: Filters = Filters(), limits: Limits = Limits()) -> dict[str, Any]:
    rep = REPORTS["indicators"](view, **filters.options())
    values = rep["targets_and_outcomes"]
    charts, without = [], []
    # the indicators followed over the most years are drawn; the rest is counted
    years = values.dropna(subset=["year"]).groupby("thread", sort=False)["year"].nunique()
    drawn = set(years.sort_values(ascending=False, kind="stable").head(limits.charts).index)
    n_threads = values["thread"].nunique()
    truncated = _shown("indicators", min(n_threads, limits.charts), n_threads,
                       f"{_NARROW}, or export them all with `plantrace report indicators --format csv`.")
    values = values[values["thread"].isin(drawn)]
    for tid, g in values.groupby("thread", sort=False):
        first = g.iloc[0]
        points = []
        for r in g.itertuples(index=False):
            year = _year(r.year)
            t_raw, o_raw = _cell(r.target), _cell(r.outcome)
            if year is None or not (t_raw or o_raw):
                continue
            met = None if _blank(r.met) else bool(r.met)
            points.append({"year": year, "target": t_raw, "outcome": o_raw, "met": met,
                           "t_num": _value(r.target_value), "o_num": _value(r.outcome_value),
                           "t_yes": _YESNO.get(t_raw.strip().lower(), "x") if t_raw else "x",
                           "o_yes": _YESNO.get(o_raw.strip().lower(), "x") if o_raw else "x",
                           "link": sources.link(r.file, r.where, r.source), "as_written": _cell(r.as_written)})
        entry = {"id": _cell(tid), "municipality": _cell(first["municipality"]), "indicator": _cell(first["indicator"]),
                 "link": sources.link(g.iloc[-1]["file"], g.iloc[-1]["where"], g.iloc[-1]["source"])}
        if not points:
            without.append(entry)
            continue
        entry["chart"] = _indicator_chart(points)
        entry["points"] = points
        charts.append(entry)
    charts.sort(key=lambda c: (c["municipality"], -len({p["year"] for p in c["points"]}), c["indicator"]))
    placeholders = [{"municipality": _cell(r.municipality), "link": sources.link(r.file, r.where, r.source),
                     "indicator": _cell(r.indicator), "column": _cell(r.column), "value": _cell(r.value)}
                    for r in rep["placeholders"].head(limits.rows).itertuples(index=False)]
    churn = [{"municipality": _cell(r.municipality), "committee": _cell(r.committee), "from": sources.link(r[2]),
              "to": sources.link(r.to), "kept": _cell(r.kept), "new": _cell(r.new), "dropped": _cell(r.dropped)}
             for r in rep["churn"].head(limits.rows).itertuples(index=False)]
    for name in ("placeholders", "churn"):
        truncated += _shown(f"rows of {name}", min(len(rep[name]), limits.rows), len(rep[name]), _NARROW + ".")
    return {"title": rep.title, "charts": charts, "without": without[:limits.rows], "placeholders": placeholders,
            "churn": churn, "truncated": truncated}


def _indicator_chart(points: list[dict]) -> dict[str, Any]:
    """A small chart: one column per year; numbers as bars (target outlined, outcome filled), yes/no as marks,
    placeholders as a dashed ring."""
    years = sorted({p["year"] for p in points})
    col_w, left, top, plot_h = 92, 8, 14, 64
    width = max(250, left * 2 + col_w * len(years))
    left = (width - col_w * len(years)) / 2
    nums = [v for p in points for v in (p["t_num"], p["o_num"]) if v is not None]
    top_value = max(nums) if nums else 1.0
    top_value = top_value if top_value > 0 else 1.0
    base = top + plot_h
    shapes = []
    for p in points:
        cx = left + col_w * years.index(p["year"]) + col_w / 2
        for which, raw, num, yes, dx in (("target", p["target"], p["t_num"], p["t_yes"], -15),
                                          ("outcome", p["outcome"], p["o_num"], p["o_yes"], 15)):
            if not raw:
                continue
            title = f"{p['year']} {which}: {raw}"
            if num is not None:
                h = max(2.0, plot_h * min(num, top_value) / top_value) if num > 0 else 2.0
                shapes.append({"shape": "bar", "which": which, "x": cx + dx - 11, "y": base - h, "w": 22, "h": h,
                               "title": title, "label": raw, "ly": base - h - 3, "lx": cx + dx})
            else:
                # yes/no/partial marks; anything else (the "x" sentinel) a placeholder ring
                shape = {True: "yes", False: "no", None: "partial"}.get(yes, "placeholder")
                shapes.append({"shape": shape, "which": which, "cx": cx + dx, "cy": base - 24, "title": title,
                               "label": raw[:12] if shape == "placeholder" else raw, "lx": cx + dx, "ly": base - 40})
    met = []
    for p in points:
        if p["met"] is True or p["met"] is False:
            met.append({"x": left + col_w * years.index(p["year"]) + col_w / 2, "met": bool(p["met"])})
    return {"width": width, "height": base + 34, "base": base, "left": 8,
            "years": [{"label": y, "x": left + col_w * i + col_w / 2} for i, y in enumerate(years)],
            "shapes": shapes, "met": met}


def _compare(view: StoreView, sources: Sources, filters: Filters = Filters(), limits: Limits = Limits(),
             top: int = 12) -> dict[str, Any]:
    rep = REPORTS["compare"](view, **filters.options(), best=top * 40)  # enough left after one per item
    matrix = rep["matrix"]
    # the municipality columns are the numeric ones (beside "theme" and, where given, its readable "label")
    munis = [c for c in matrix.columns if c not in ("theme", "label") and pd.api.types.is_numeric_dtype(matrix[c])]
    peak = max([int(matrix[m].max()) for m in munis] + [1]) if not matrix.empty else 1
    rows = []
    for _, r in matrix.iterrows():
        theme = _cell(r["theme"])
        label = _cell(r["label"])
        cells = []
        for m in munis:
            v = r[m]
            n = 0 if _blank(v) else int(v)
            share = n / peak
            # white → deep blue; dark cells get white text
            light = 97 - 57 * share
            cells.append({"n": n, "bg": f"hsl(215, 70%, {light:.0f}%)", "fg": "#fff" if share > 0.55 else "#1f2328",
                          "label": f"{m} · {label}: {n}"})
        rows.append({"theme": label, "code": theme, "cells": cells, "total": sum(c["n"] for c in cells)})
    labels = {row["code"]: row["theme"] for row in rows}
    cp = rep["counterparts"]
    best = []
    if not cp.empty:
        b = cp.sort_values("score", ascending=False, kind="stable")
        # a related pair is listed from both sides: keep it once, and one counterpart per item and municipality
        pair = [tuple(sorted(((m, i), (om, o)))) for m, i, om, o in
                zip(b["municipality"], b["item"], b["other_municipality"], b["counterpart"])]
        b = b.assign(_pair=pair).drop_duplicates("_pair").drop_duplicates(["item", "other_municipality"]).head(top)
        for r in b.itertuples(index=False):
            best.append({"municipality": _cell(r.municipality), "link": sources.link(r.file, source=r.source),
                         "number": _cell(r.number), "item": _cell(r.item),
                         "other_municipality": _cell(r.other_municipality), "other_link": sources.link(r.other_file, source=r.other_source),
                         "other_number": _cell(r.other_number), "counterpart": _cell(r.counterpart),
                         "score": _cell(round(float(r.score), 3)), "themes": ", ".join(labels.get(t.strip(), t.strip().replace("_", " "))
                                                   for t in _cell(r.shared_themes).split(",") if t.strip())})
    return {"title": rep.title, "municipalities": munis, "rows": rows, "peak": peak, "counterparts": best,
            "n_counterparts": len(cp), "truncated": []}


def _section(fn, view: StoreView, sources: Sources, filters: Filters, limits: Limits) -> dict[str, Any]:
    try:
        return {"ok": True, **fn(view, sources, filters, limits)}
    except NoAlignment:
        return {"ok": False, "no_alignment": True, "truncated": []}


# ------------------------------------------------------------------------------------------------ entry points


def render_html(store: Store, municipality: Optional[str] = None, year_from: Optional[int] = None,
                year_to: Optional[int] = None, limits: Optional[Limits] = None) -> str:
    """The report for `store` (one municipality's documents, those whose period meets [year_from, year_to])
    as one self-contained HTML page of bounded size."""
    view = StoreView(store)  # every store read once for all sections
    sources = Sources(view)
    filters = Filters(municipality, year_from, year_to)
    limits = limits or Limits()
    ctx = {
        "db": str(store.path),
        "generated": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "filters": filters.describe(),
        "overview": _overview(view, sources, filters, limits),
        "unreported": _section(_unreported, view, sources, filters, limits),
        "evolution": _section(_evolution, view, sources, filters, limits),
        "indicators": _section(_indicators, view, sources, filters, limits),
        "compare": _section(_compare, view, sources, filters, limits),
    }
    return _environment().get_template("report.html.j2").render(**ctx)


def write_html(store: Store, path: str | Path, **options) -> Path:
    """Write the report (options as `render_html`'s: municipality, year_from, year_to, limits)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(store, **options), encoding="utf-8")
    return path
