"""The `plantrace` command: the same operations as the Python API, with the same names.

One set of options on every command: `--db FILE` (the store), `--format table|json|…` (`-f`; `--json` is short
for `--format json`) and `--out FILE` (`-o`; default standard output). A bad input or an output that cannot be
written ends in one line, `error FILE: reason`, and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import functools
import json
import sys
import tempfile
from collections import Counter
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import List, Optional

import typer
import typer.core
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from plantrace.errors import InputError, check_writable

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Extract goals, indicators, assignments, follow-ups and tables from Swedish municipal plans "
                       "and reports, link them across documents, and report on them.")
out = Console()
err = Console(stderr=True)

DEFAULT_DB = Path("plantrace.duckdb")
DB_HELP = "the plantrace store: a DuckDB file written by `plantrace ingest`"


def _db(default: Optional[Path] = DEFAULT_DB, help: str = DB_HELP):
    return typer.Option(default, "--db", metavar="FILE", help=help)


def _format(choices: str = "table | json", default: str = "table"):
    return typer.Option(default, "--format", "-f", metavar="FORMAT", help=choices)


def _out(help: str = "write to FILE instead of standard output"):
    return typer.Option(None, "--out", "-o", metavar="FILE", help=help)


def _flag(name: str, help: str, *short: str):
    return typer.Option(False, name, *short, metavar="", help=help)


def _json_flag():
    return _flag("--json", "the same as --format json")


def _argument_type(self, ctx):
    """typer shows an argument's Python type ("<list[Path]>") beside its metavar; the metavar says enough."""
    return None if self.metavar else _typer_argument_type(self, ctx)


def _option_type(self, ctx):
    """…and "<bool>" beside a flag, which takes no value."""
    return "" if self.is_flag and self.metavar is None else _typer_option_type(self, ctx)


_typer_argument_type = typer.core.TyperArgument.display_type_rich
_typer_option_type = typer.core.TyperOption.display_type_rich
typer.core.TyperArgument.display_type_rich = _argument_type
typer.core.TyperOption.display_type_rich = _option_type


def _fail_line(source: str, reason: str) -> None:
    """`error FILE: reason` (file names and reasons are text, never markup: "[dask]" stays)."""
    err.print(f"[red]error[/] {escape(str(source))}: {escape(str(reason))}", highlight=False, soft_wrap=True)


def command(*args, **kwargs):
    """`app.command`, with bad input and unwritable output as one line (`error FILE: reason`) and exit 1."""
    def wrap(fn):
        @functools.wraps(fn)
        def run(*a, **k):
            try:
                return fn(*a, **k)
            except InputError as e:
                _fail_line(e.source, e.reason)
                raise typer.Exit(1)
            except OSError as e:  # a write that failed after the checks (disk full, a file removed meanwhile)
                _fail_line(str(e.filename or "plantrace"), e.strerror or str(e))
                raise typer.Exit(1)
        return app.command(*args, **kwargs)(run)
    return wrap


def _version_callback(value: bool) -> None:
    if value:
        import plantrace
        from plantrace.corpus.store import SCHEMA_VERSION as STORE_VERSION
        from plantrace.schema import SCHEMA_VERSION

        out.print(f"plantrace {plantrace.__version__} (JSON schema {SCHEMA_VERSION}, store version {STORE_VERSION})",
                  highlight=False)
        raise typer.Exit()


@app.callback()
def main(version: bool = typer.Option(False, "--version", metavar="", callback=_version_callback, is_eager=True,
                                      help="print plantrace's version (and its JSON schema and store versions)")):
    """Extract goals, indicators, assignments, follow-ups and tables from Swedish municipal plans and reports,
    link them across documents, and report on them."""


def _resolve_format(fmt: str, as_json: bool, allowed: tuple[str, ...]) -> str:
    fmt = "json" if as_json else fmt
    if fmt not in allowed:
        raise typer.BadParameter(f"{fmt!r} is not one of {', '.join(allowed)}", param_hint="--format")
    return fmt


def _check_out(out_file: Optional[Path], what: str = "file") -> Optional[Path]:
    """`--out -` is standard output; any other --out is checked before the work starts."""
    if out_file is None or str(out_file) == "-":
        return None
    check_writable(out_file, what)
    return out_file


def _emit_json(data, out_file: Optional[Path]) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"
    if out_file is None:
        sys.stdout.write(text)
    else:
        out_file.write_text(text, encoding="utf-8")


@contextmanager
def _console(out_file: Optional[Path]):
    """The terminal, or a plain 120-column console writing to FILE."""
    if out_file is None:
        yield out
        return
    with open(out_file, "w", encoding="utf-8") as fh:
        yield Console(file=fh, width=120, force_terminal=False, color_system=None)


def _need_store(db: Path) -> None:
    if not db.exists():
        raise InputError(str(db), "no such store (run `plantrace ingest` first)")


def sample_corpus() -> Path:
    """The bundled sample corpus (five Socialnämnden documents as text, with manifest.csv)."""
    return Path(str(resources.files("plantrace.corpus").joinpath("sample")))


PATHS = dict(metavar="PATH")


@command()
def extract(paths: List[Path] = typer.Argument(..., help="files or folders (recursive)", **PATHS),
            fmt: str = _format(), out_file: Optional[Path] = _out(), as_json: bool = _json_flag()):
    """Extract documents and print a summary table per document, or the JSON contract (`plantrace schema`),
    without storing anything. A manifest.csv is found as by `ingest`."""
    from rich.progress import track

    from plantrace.corpus.files import find_files
    from plantrace.corpus.manifest import load_manifests, manifest_meta
    from plantrace.errors import reason_of
    from plantrace.extract import extract_file
    from plantrace.schema import Extraction

    fmt = _resolve_format(fmt, as_json, ("table", "json"))
    out_file = _check_out(out_file)
    files, missing = find_files(paths)
    warnings: list[str] = []
    manifests = load_manifests(files, roots=paths, warnings=warnings)
    result = Extraction()
    for source, reason in missing:
        result.failures.append({"source": source, "reason": reason})
    for f in track(files, description="Extracting", transient=True, console=err, disable=len(files) < 2):
        try:
            result.documents.append(extract_file(f, manifest_meta(manifests.get(Path(_key(f))), warnings)))
        except Exception as e:  # one bad document must not stop the batch
            result.failures.append({"source": str(f), "reason": reason_of(e)})
    for fl in result.failures:
        _fail_line(fl["source"], fl["reason"])
    for w in warnings:
        err.print(f"[yellow]warning[/] {escape(w)}", highlight=False, soft_wrap=True)
    if fmt == "json":
        text = result.model_dump_json(indent=2) + "\n"
        if out_file is None:
            sys.stdout.write(text)
        else:
            out_file.write_text(text, encoding="utf-8")
    else:
        with _console(out_file) as console:
            _summary(result.documents, console)
    if result.failures:
        raise typer.Exit(1)


def _key(path: Path) -> str:
    from plantrace.corpus.files import safe_key

    return safe_key(path)


def _summary(docs, console: Console) -> None:
    t = Table(title="Extracted")
    for c in ("source", "municipality", "type", "period", "goals", "assignments", "indicators", "follow-ups", "tables"):
        t.add_column(c, overflow="fold")
    for d in docs:
        m = d.meta
        t.add_row(Path(d.source).name, m.municipality or "", m.doc_type or "", "–".join(map(str, m.period or ())),
                  str(len(d.goals)), str(len(d.assignments)), str(len(d.indicators)), str(len(d.followups)), str(len(d.tables)))
    console.print(t)


@command()
def ingest(paths: List[Path] = typer.Argument(..., help="files or folders (recursive)", **PATHS),
           db: Path = _db(help="the plantrace store to write: a DuckDB file, created when missing"),
           workers: Optional[int] = typer.Option(None, "--workers", "-w", min=0, show_default="all cores",
                                                 metavar="N", help="extraction processes (0 = in this process)"),
           dask: Optional[str] = typer.Option(None, "--dask", metavar="ADDRESS",
                                              help="extract on a Dask cluster: tcp://scheduler:8786, or 'local'"),
           time_limit: Optional[float] = typer.Option(None, "--time-limit", min=0, metavar="SECONDS",
                                                      help="per document (default 120, and 5 s per scanned page "
                                                           "read by OCR beyond that; PLANTRACE_PDF_TIME_LIMIT)"),
           memory_limit: Optional[float] = typer.Option(None, "--memory-limit", min=1, metavar="MB",
                                                        help="memory a worker may use per document (default 4096)"),
           verbose: bool = _flag("--verbose", "a line for each document as it is stored", "-v"),
           fmt: str = _format("table (one summary line) | json (what was stored, unchanged and failed)"),
           out_file: Optional[Path] = _out("write the summary to FILE instead of standard output"),
           as_json: bool = _json_flag()):
    """Identify, extract and store documents in parallel; unchanged files are skipped, changed files replaced.
    Ctrl-C stops the run and sums up what was stored; the next run does the rest."""
    from plantrace.corpus.ingest import Interrupted
    from plantrace.corpus.ingest import ingest as run

    fmt = _resolve_format(fmt, as_json, ("table", "json"))
    out_file = _check_out(out_file)
    check_writable(db, "store file")

    def stored(source: str, status: str) -> None:
        err.print(f"{status} {escape(source)}", highlight=False, soft_wrap=True)

    interrupted = False
    try:
        report = run(paths, db=db, progress=err, on_failure=_fail_line, workers=workers, dask=dask,
                     time_limit=time_limit, memory_limit=memory_limit, on_stored=stored if verbose else None)
    except ConnectionError as e:  # --dask: no scheduler there; nothing was extracted
        _fail_line("--dask", str(e))
        raise typer.Exit(2)
    except Interrupted as e:  # Ctrl-C: what was committed stays; say what that is
        report, interrupted = e.report, True
    if fmt == "json":
        _emit_json({**report.to_json(), "db": str(db), "interrupted": interrupted}, out_file)
    else:
        rate = len(report.stored)
        speed = f", {rate / report.elapsed:.1f} documents/s" if rate and report.elapsed else ""
        where = f" → {db}" if db.exists() else " (no store written)"
        with _console(out_file) as console:
            console.print(f"{report.summary()} in {report.elapsed:.1f} s{speed}{where}", highlight=False, soft_wrap=True,
                          markup=False)
    for w in report.warnings:
        err.print(f"[yellow]warning[/] {escape(w)}", highlight=False, soft_wrap=True)
    if interrupted:
        err.print("interrupted: the documents counted above are stored; run the same ingest again to do the rest",
                  highlight=False, soft_wrap=True)
        raise typer.Exit(130)
    if not report.ok:
        raise typer.Exit(1)


@command()
def show(db: Path = _db(), fmt: str = _format(), out_file: Optional[Path] = _out(), as_json: bool = _json_flag()):
    """What the store holds: documents with meta, counts per kind and extractor/model version, and failures."""
    from plantrace.corpus.ingest import extractor_version
    from plantrace.corpus.store import Store

    fmt = _resolve_format(fmt, as_json, ("table", "json"))
    out_file = _check_out(out_file)
    _need_store(db)
    with Store(db, read_only=True) as store:
        docs, failures = store.documents(), store.failures()
    current = extractor_version()
    if fmt == "json":
        _emit_json({"extractor_version": current, "documents": docs, "failures": failures}, out_file)
        return
    t = Table(title=f"Documents in {db}")
    for c in ("source", "sha256", "municipality", "committee", "type", "period", "goals", "assign.", "indic.",
              "follow-ups", "tables", "version"):
        t.add_column(c, overflow="fold")
    for d in docs:
        m, c = d["meta"], d["counts"]
        t.add_row(d["source"], d["sha256"][:12], m.get("municipality") or "", m.get("committee") or "", m.get("doc_type") or "",
                  "–".join(map(str, m.get("period") or [])), str(c["goals"]), str(c["assignments"]), str(c["indicators"]),
                  str(c["followups"]), str(c["tables"]), d["extractor_version"] or "")
    with _console(out_file) as console:
        console.print(t)
        if not docs:
            console.print("no documents stored yet", highlight=False)
        by_version = Counter(d["extractor_version"] or "unknown" for d in docs)
        for version, n in sorted(by_version.items()):
            note = "current" if version == current else f"re-extracted on the next ingest (current {current})"
            console.print(f"extractor/model version {version}: {n} document{'s' * (n != 1)}, {note}",
                          highlight=False, soft_wrap=True)
        for f in failures:
            console.print(f"[red]failed[/] {escape(f['source'])}: {escape(f['reason'])}", highlight=False)


@command()
def align(db: Path = _db(),
          overrides: Optional[Path] = typer.Option(None, "--overrides", metavar="FILE",
                                                   help="review CSV (decision,a,b,relation,note): accept, reject "
                                                        "or add links; honoured on every run"),
          fmt: str = _format("table (counts) | json (links, threads and follow-ups)"),
          out_file: Optional[Path] = _out(), as_json: bool = _json_flag(),
          dask: Optional[str] = typer.Option(None, "--dask", metavar="ADDRESS",
                                             help="align on a Dask cluster: tcp://scheduler:8786, or 'local'"),
          workers: Optional[int] = typer.Option(None, "--workers", "-w", min=1, show_default="all cores",
                                                help="worker processes of --dask local"),
          incremental: bool = typer.Option(False, "--incremental", help="re-align only the series of documents "
                                                                        "added since the last run")):
    """Link items across documents (lineage, follow-up verdicts, related items) and store the links."""
    from plantrace.align import align as run

    fmt = _resolve_format(fmt, as_json, ("table", "json"))
    out_file = _check_out(out_file)
    _need_store(db)
    try:
        result = run(db, overrides=overrides, dask=dask, workers=workers, incremental=incremental)
    except ConnectionError as e:  # --dask: no scheduler there; the stored alignment is as it was
        _fail_line("--dask", str(e))
        raise typer.Exit(1)
    for w in result.warnings:
        err.print(f"[yellow]warning[/] {escape(w)}", highlight=False, soft_wrap=True)
    if fmt == "json":
        _emit_json(result.to_json(), out_file)
        return
    t = Table(title=f"Alignment of {db}")
    t.add_column("what")
    t.add_column("count", justify="right")
    for relation, n in result.links["relation"].value_counts().sort_index().items():
        t.add_row(f"links: {relation}", str(n))
    t.add_row("lineage threads (2+ documents)", str(sum(len(i) > 1 for i in result.threads["items"])))
    for verdict, n in result.followups["verdict"].value_counts().sort_index().items():
        t.add_row(f"plan items: {verdict}", str(n))
    with _console(out_file) as console:
        console.print(t)


@command()
def explain(link: str = typer.Argument(..., metavar="LINK", help="a link id (L…) or a plan item's ref"),
            db: Path = _db(), fmt: str = _format(), out_file: Optional[Path] = _out(), as_json: bool = _json_flag()):
    """Why two items were linked: both texts, the relation, and every feature with its weight and share."""
    from plantrace.align import explain as run

    fmt = _resolve_format(fmt, as_json, ("table", "json"))
    out_file = _check_out(out_file)
    _need_store(db)
    try:
        e = run(db, link)
    except KeyError as exc:
        raise InputError(str(db), exc.args[0]) from None
    if fmt == "json":
        _emit_json(e, out_file)
        return
    with _console(out_file) as console:
        for side in ("a", "b"):
            ref = e[side] or {}
            console.print(f"[bold]{side}[/] {ref.get('document')} {ref.get('kind')} {ref.get('number') or ref.get('id')}: "
                          f"{ref.get('text')}", highlight=False, soft_wrap=True)
        verdict = f" — {e['verdict']} ({e.get('status') or 'no status'})" if e.get("verdict") else ""
        console.print(f"relation [bold]{e['relation']}[/]{verdict}, score {e['score']}", highlight=False)
        t = Table(title="evidence")
        for c in ("feature", "value", "weight", "share of score"):
            t.add_column(c)
        for row in e["evidence"]:
            t.add_row(row["feature"], "" if row["value"] is None else str(row["value"]),
                      "" if row["weight"] is None else str(row["weight"]),
                      "" if row["contribution"] is None else str(row["contribution"]))
        console.print(t)
        console.print("thresholds: " + ", ".join(f"{k} {v}" for k, v in e["thresholds"].items()), highlight=False)


REPORT_NAMES = ("overview", "unreported", "evolution", "indicators", "compare", "document", "html")


@command()
def report(name: str = typer.Argument(..., metavar="NAME", help="overview | unreported | evolution | indicators | "
                                                                 "compare | document PATH | html"),
           target: Optional[str] = typer.Argument(None, metavar="PATH",
                                                  help="for `document`: the document's path, file name or sha256"),
           db: Path = _db(),
           fmt: str = _format("table | csv | xlsx | parquet | json | md | html"),
           out_file: Optional[Path] = _out("write to FILE instead of standard output (xlsx and parquet need it; "
                                           "`report html` default plantrace-report.html)"),
           as_json: bool = _json_flag(),
           municipality: Optional[str] = typer.Option(None, "--municipality", metavar="NAME",
                                                      help="only this municipality, e.g. Gävle"),
           committee: Optional[str] = typer.Option(None, "--committee", metavar="NAME",
                                                   help="only this committee, e.g. Socialnämnden"),
           theme: Optional[str] = typer.Option(None, "--theme", metavar="THEME",
                                               help="a theme id, e.g. external_placements"),
           year_from: Optional[int] = typer.Option(None, "--from", metavar="YEAR", help="first year"),
           year_to: Optional[int] = typer.Option(None, "--to", metavar="YEAR", help="last year"),
           kind: Optional[str] = typer.Option(None, "--kind", metavar="KIND", help="goal | assignment | indicator"),
           goals: bool = _flag("--goals", "unreported: plan goals too, not only assignments")):
    """The comparisons: goal evolution, unreported assignments, indicator targets vs outcomes, municipalities
    by theme, one document; or the offline HTML report (`report html --out report.html`)."""
    from plantrace.corpus.store import Store
    from plantrace.reports.data import NoAlignment, run_report
    from plantrace.reports.formats import FORMATS, write

    if name not in REPORT_NAMES:
        _fail_line(name, f"unknown report; one of {', '.join(REPORT_NAMES)}")
        raise typer.Exit(2)
    fmt = _resolve_format(fmt, as_json, FORMATS)
    if name == "html":
        out_file = out_file or Path("plantrace-report.html")
    out_file = _check_out(out_file)
    _need_store(db)
    filters = dict(municipality=municipality, committee=committee, theme=theme, year_from=year_from,
                   year_to=year_to, kind=kind)
    with Store(db, read_only=True) as store:
        if name == "html":
            from plantrace.reports.html import write_html

            write_html(store, out_file, municipality=municipality, year_from=year_from, year_to=year_to)
            err.print(f"wrote {out_file}", highlight=False)
            return
        try:
            result = run_report(store, name, **filters, goals=goals, path=target)
            empty = all(df.empty for _, df in result.items())
            # nothing to show: the terminal gets the one line below; files still get their (empty) tables
            text = None if empty and fmt == "table" else write(result, fmt, out_file, console=out)
        except (NoAlignment, LookupError, ValueError) as e:
            _fail_line(str(db) if isinstance(e, NoAlignment) else name, str(e).split(": ", 1)[-1])
            raise typer.Exit(1)
        known = _known_values(store, filters) if empty else ""
    if text is not None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    if empty:
        given = " ".join(f"--{_FILTER_FLAGS[k]} {v}" for k, v in filters.items() if v is not None)
        _fail_line(name, f"no rows{' for ' + given if given else ' (is the store empty?)'}{known}")
        raise typer.Exit(1)


_FILTER_FLAGS = {"municipality": "municipality", "committee": "committee", "theme": "theme", "year_from": "from",
                 "year_to": "to", "kind": "kind"}


def _known_values(store, filters: dict) -> str:
    """"; known municipalities: Gävle, Ronneby" for each filter given, so an empty result says what exists."""
    docs = store.documents()
    known = {
        "municipality": sorted({d["meta"].get("municipality") for d in docs} - {None}),
        "committee": sorted({d["meta"].get("committee") for d in docs} - {None}),
        "kind": ["goal", "assignment", "indicator"],
    }
    years = sorted({y for d in docs for y in (d["meta"].get("period") or [])})
    if years:
        known["year_from"] = known["year_to"] = [f"{years[0]}–{years[-1]}"]
    if filters.get("theme") is not None:
        from plantrace.align.themes import THEMES

        known["theme"] = sorted(t["id"] for t in THEMES)
    parts = [f"known {_FILTER_FLAGS[k]}: {', '.join(map(str, known.get(k, [])))}"
             for k, v in filters.items() if v is not None and known.get(k)]
    return "; " + "; ".join(parts) if parts else ""


@command()
def train(seed: int = typer.Option(0, "--seed", metavar="N", help="random seed of the split and the training"),
          output: Optional[str] = typer.Option(None, "--output", show_default=False, metavar="FOLDER",
                                               help="where to save the pipeline (default: the shipped model, "
                                                    "nlp_models/model/); - = do not save"),
          fmt: str = _format("table | json (the metrics)"), out_file: Optional[Path] = _out(),
          as_json: bool = _json_flag(),
          errors: bool = _flag("--errors", "list the held-out errors too")):
    """Rebuild the NLP pipeline from its data (fixed seed, no network) and print its held-out metrics."""
    import plantrace.nlp_models as nlp_models

    fmt = _resolve_format(fmt, as_json, ("table", "json"))
    out_file = _check_out(out_file)
    target = None if output == "-" else Path(output) if output else nlp_models.MODEL_DIR
    metrics = nlp_models.train(seed, output=target)
    held = metrics.get("held_out", {})
    mistakes = held.get("errors", [])
    if not errors:
        metrics = {**metrics, "held_out": {k: v for k, v in held.items() if k != "errors"}}
    if fmt == "json":
        _emit_json(metrics, out_file)
    else:
        with _console(out_file) as console:
            _train_tables(metrics, mistakes if errors else [], console)
    if target is not None:
        err.print(f"saved {metrics.get('model_version', 'the pipeline')} → {target}", highlight=False, soft_wrap=True)


def _train_tables(metrics: dict, mistakes: list[dict], out: Console = out) -> None:
    held, seen = metrics.get("held_out", {}), metrics.get("train", {})
    t = Table(title=f"{metrics.get('model_version', 'pipeline')} seed {metrics.get('seed')}")
    for c in ("split", "n", "macro-F1", "accuracy"):
        t.add_column(c, justify="right" if c != "split" else "left")
    t.add_row("held-out", str(held.get("n", metrics.get("n_test", ""))), _fmt(held.get("macro_f1")), _fmt(held.get("accuracy")))
    if seen:
        t.add_row("train", str(metrics.get("n_train", "")), _fmt(seen.get("macro_f1")), _fmt(seen.get("accuracy")))
    out.print(t)
    if held.get("per_role"):
        t = Table(title="held-out, per role")
        for c in ("role", "n", "P", "R", "F1"):
            t.add_column(c, justify="right" if c != "role" else "left")
        for role, m in held["per_role"].items():
            t.add_row(role, str(m.get("n", "")), _fmt(m.get("p")), _fmt(m.get("r")), _fmt(m.get("f1")))
        out.print(t)
    lemmas = {k: v for k, v in metrics.items() if "lemma" in k.lower()}
    if lemmas:
        t = Table(title="lemmas")
        t.add_column("figure")
        t.add_column("value", justify="right")
        for name, value in _flat(lemmas):
            t.add_row(name, _fmt(value))
        out.print(t)
    for e in mistakes:
        out.print(f"gold {e.get('gold')}, predicted {e.get('predicted')}: {e.get('text')}", highlight=False, soft_wrap=True)


def _flat(d: dict, prefix: str = ""):
    """(dotted name, value) of the scalars in a nested dict; lists are shown by their length."""
    for k, v in d.items():
        name = f"{prefix}{k}"
        if isinstance(v, dict):
            yield from _flat(v, name + ".")
        elif isinstance(v, (list, tuple)):
            yield name, len(v)
        else:
            yield name, v


def _fmt(value) -> str:
    if value is None:
        return ""
    return f"{value:.3f}" if isinstance(value, float) else str(value)


@command()
def demo(db: Optional[Path] = _db(None, "store to use (default: a temporary one)"),
         html: Path = typer.Option(Path("plantrace-demo.html"), "--out", "-o", "--html", metavar="FILE",
                                   help="where to write the HTML report")):
    """Ingest the bundled sample corpus, align it, print the main reports and write the HTML report."""
    from plantrace.align import align as run_align
    from plantrace.corpus.ingest import ingest as run
    from plantrace.corpus.store import Store
    from plantrace.reports.data import Report, run_report
    from plantrace.reports.formats import write
    from plantrace.reports.html import write_html

    check_writable(html, "HTML file")  # before the work: the reports are not printed for nothing
    if db is not None:
        check_writable(db, "store file")
    with tempfile.TemporaryDirectory() as tmp:
        path = db or Path(tmp) / "demo.duckdb"
        report = run([sample_corpus()], db=path, progress=True, on_failure=_fail_line)
        run_align(path)
        with Store(path, read_only=True) as store:
            write(run_report(store, "overview"), "table", None, console=out)
            write(run_report(store, "unreported"), "table", None, console=out)
            evolution = run_report(store, "evolution")
            threads = evolution["threads"]
            evolution["threads"] = threads[threads["documents"] >= 2]
            write(evolution, "table", None, console=out)
            compare = run_report(store, "compare")
            write(Report(compare.name, compare.title, {"matrix": compare["matrix"]}), "table", None, console=out)
            write_html(store, html)
        out.print(f"HTML report: {html}", highlight=False)
    if not report.ok:
        raise typer.Exit(1)


@command(name="eval")
def eval_(paths: List[Path] = typer.Argument(None, metavar="PATH",
                                            help="documents or folders (default: the bundled sample corpus)"),
          gold: Path = typer.Option(..., "--gold", metavar="FOLDER", help="folder of answer keys (*.json)"),
          details: bool = _flag("--details", "list missed and spurious items"),
          fmt: str = _format("table | json (one row per document and kind)"), out_file: Optional[Path] = _out(),
          as_json: bool = _json_flag()):
    """Precision, recall and F1 per kind against answer keys; exits 1 when no document has a key."""
    from plantrace.evaluate import evaluate_paths, load_gold, render
    from plantrace.extract import extract_file

    fmt = _resolve_format(fmt, as_json, ("table", "json"))
    out_file = _check_out(out_file)
    if not gold.is_dir():
        raise InputError(str(gold), "no such folder of answer keys")
    keys = sorted({k.get("_key", "") for k in load_gold(gold).values()})
    if not keys:
        raise InputError(str(gold), "no answer keys (*.json with a \"file\" field) in this folder")
    result = evaluate_paths(paths or [sample_corpus()], gold, extract_file)
    if not result.documents:
        shown = ", ".join(keys[:5]) + (", …" if len(keys) > 5 else "")
        raise InputError(", ".join(map(str, paths or [sample_corpus()])),
                         f"no document matches an answer key in {gold} (keys: {shown})")
    if fmt == "json":
        _emit_json(json.loads(result.to_dataframe().to_json(orient="records")), out_file)
    else:
        with _console(out_file) as console:
            render(result, console, details=details)


@command()
def schema(out_file: Optional[Path] = _out()):
    """Print the JSON Schema of the extraction output (versioned: its `$id` names the version)."""
    from plantrace.schema import json_schema

    out_file = _check_out(out_file)
    _emit_json(json_schema(), out_file)


if __name__ == "__main__":  # pragma: no cover
    app()
