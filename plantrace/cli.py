"""The `plantrace` command: the same operations as the Python API, with the same names."""

from __future__ import annotations

import json
import sys
import tempfile
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Extract goals, indicators, assignments, follow-ups and tables from Swedish municipal plans and reports.")
out = Console()
err = Console(stderr=True)


def _fail_line(source: str, reason: str) -> None:
    err.print(f"[red]error[/] {source}: {reason}", highlight=False, soft_wrap=True)


def sample_corpus() -> Path:
    """The bundled sample corpus (five Socialnämnden documents as text, with manifest.csv)."""
    return Path(str(resources.files("plantrace.corpus").joinpath("sample")))


@app.command()
def extract(paths: List[Path] = typer.Argument(..., help="files or folders"),
            json_out: Optional[str] = typer.Option(None, "--json", help="write the JSON contract to FILE, or - for stdout")):
    """Extract documents and print summary tables (or JSON) without storing anything."""
    from plantrace.corpus.files import find_files
    from plantrace.corpus.manifest import load_manifests, manifest_meta
    from plantrace.errors import InputError
    from plantrace.extract import extract_file
    from plantrace.schema import Extraction

    files, missing = find_files(paths)
    manifests = load_manifests(files)
    result = Extraction()
    for source, reason in missing:
        result.failures.append({"source": source, "reason": reason})
    from rich.progress import track

    for f in track(files, description="Extracting", transient=True, console=err, disable=len(files) < 2):
        try:
            result.documents.append(extract_file(f, manifest_meta(manifests.get(f.resolve()))))
        except InputError as e:
            result.failures.append({"source": e.source, "reason": e.reason})
        except Exception as e:  # one bad document must not stop the batch
            result.failures.append({"source": str(f), "reason": f"{type(e).__name__}: {e}"})
    for fl in result.failures:
        _fail_line(fl["source"], fl["reason"])
    if json_out:
        text = result.model_dump_json(indent=2)
        if json_out == "-":
            sys.stdout.write(text + "\n")
        else:
            Path(json_out).write_text(text, encoding="utf-8")
    else:
        _summary(result.documents)
    if result.failures:
        raise typer.Exit(1)


def _summary(docs) -> None:
    t = Table(title="Extracted")
    for c in ("source", "municipality", "type", "period", "goals", "assignments", "indicators", "follow-ups", "tables"):
        t.add_column(c)
    for d in docs:
        m = d.meta
        t.add_row(Path(d.source).name, m.municipality or "", m.doc_type or "", "–".join(map(str, m.period or ())),
                  str(len(d.goals)), str(len(d.assignments)), str(len(d.indicators)), str(len(d.followups)), str(len(d.tables)))
    out.print(t)


@app.command()
def ingest(paths: List[Path] = typer.Argument(..., help="files or folders (recursive)"),
           db: Path = typer.Option(Path("plantrace.duckdb"), "--db", help="DuckDB store"),
           workers: Optional[int] = typer.Option(None, "--workers", "-w", min=0, show_default="all cores",
                                                 help="extraction processes (0 = in this process)"),
           dask: Optional[str] = typer.Option(None, "--dask", metavar="ADDRESS",
                                              help="extract on a Dask cluster: tcp://scheduler:8786, or 'local'"),
           time_limit: Optional[float] = typer.Option(None, "--time-limit", min=0, metavar="SECONDS",
                                                      help="per document (default 120, PLANTRACE_PDF_TIME_LIMIT)"),
           memory_limit: Optional[float] = typer.Option(None, "--memory-limit", min=1, metavar="MB",
                                                        help="memory a worker may use per document (default 4096)"),
           verbose: bool = typer.Option(False, "--verbose", "-v", help="a line for each document as it is stored")):
    """Identify, extract and store documents in parallel; unchanged files are skipped, changed files replaced."""
    from plantrace.corpus.ingest import ingest as run

    def stored(source: str, status: str) -> None:
        err.print(f"{status} {source}", highlight=False, soft_wrap=True)

    try:
        report = run(paths, db=db, progress=err, on_failure=_fail_line, workers=workers, dask=dask,
                     time_limit=time_limit, memory_limit=memory_limit, on_stored=stored if verbose else None)
    except ConnectionError as e:  # --dask: no scheduler there; nothing was extracted
        _fail_line("--dask", str(e))
        raise typer.Exit(2)
    rate = len(report.stored)
    speed = f", {rate / report.elapsed:.1f} documents/s" if rate and report.elapsed else ""
    out.print(f"{report.summary()} in {report.elapsed:.1f} s{speed} → {db}", highlight=False, soft_wrap=True)
    for w in report.warnings:
        err.print(f"[yellow]warning[/] {w}", highlight=False, soft_wrap=True)
    if not report.ok:
        raise typer.Exit(1)


@app.command()
def show(db: Path = typer.Option(Path("plantrace.duckdb"), "--db"),
         as_json: bool = typer.Option(False, "--json", help="print JSON instead of tables")):
    """What the store holds: documents with meta, counts per kind and extractor/model version, and failures."""
    from plantrace.corpus.ingest import extractor_version
    from plantrace.corpus.store import Store

    if not db.exists():
        _fail_line(str(db), "no such store (run `plantrace ingest` first)")
        raise typer.Exit(1)
    with Store(db, read_only=True) as store:
        docs, failures = store.documents(), store.failures()
    current = extractor_version()
    if as_json:
        sys.stdout.write(json.dumps({"extractor_version": current, "documents": docs, "failures": failures},
                                    ensure_ascii=False, indent=2) + "\n")
        return
    t = Table(title=f"Documents in {db}")
    for c in ("source", "sha256", "municipality", "committee", "type", "period", "goals", "assign.", "indic.",
              "follow-ups", "tables", "version"):
        t.add_column(c)
    for d in docs:
        m, c = d["meta"], d["counts"]
        t.add_row(d["source"], d["sha256"][:12], m.get("municipality") or "", m.get("committee") or "", m.get("doc_type") or "",
                  "–".join(map(str, m.get("period") or [])), str(c["goals"]), str(c["assignments"]), str(c["indicators"]),
                  str(c["followups"]), str(c["tables"]), d["extractor_version"] or "")
    out.print(t)
    by_version = Counter(d["extractor_version"] or "unknown" for d in docs)
    for version, n in sorted(by_version.items()):
        note = "current" if version == current else f"re-extracted on the next ingest (current {current})"
        out.print(f"extractor/model version {version}: {n} document{'s' * (n != 1)}, {note}",
                  highlight=False, soft_wrap=True)
    for f in failures:
        out.print(f"[red]failed[/] {f['source']}: {f['reason']}", highlight=False)


@app.command()
def align(db: Path = typer.Option(Path("plantrace.duckdb"), "--db", help="DuckDB store (from `plantrace ingest`)"),
          overrides: Optional[Path] = typer.Option(None, "--overrides", help="CSV of accepted/rejected/added links"),
          json_out: Optional[str] = typer.Option(None, "--json", help="write links, threads and follow-ups to FILE, or -"),
          dask: Optional[str] = typer.Option(None, "--dask", metavar="ADDRESS",
                                             help="align on a Dask cluster: tcp://scheduler:8786, or 'local'"),
          workers: Optional[int] = typer.Option(None, "--workers", "-w", min=1, show_default="all cores",
                                                help="worker processes of --dask local"),
          incremental: bool = typer.Option(False, "--incremental", help="re-align only the series of documents "
                                                                        "added since the last run")):
    """Link items across documents (lineage, follow-up verdicts, related items) and store the links."""
    from plantrace.align import align as run
    from plantrace.errors import InputError

    if not db.exists():
        _fail_line(str(db), "no such store (run `plantrace ingest` first)")
        raise typer.Exit(1)
    try:
        result = run(db, overrides=overrides, dask=dask, workers=workers, incremental=incremental)
    except InputError as e:
        _fail_line(e.source, e.reason)
        raise typer.Exit(1)
    except ConnectionError as e:  # --dask: no scheduler there; the stored alignment is as it was
        _fail_line("--dask", str(e))
        raise typer.Exit(1)
    for w in result.warnings:
        err.print(f"[yellow]warning[/] {w}", highlight=False, soft_wrap=True)
    if json_out:
        text = json.dumps(result.to_json(), ensure_ascii=False, indent=2, default=str)
        if json_out == "-":
            sys.stdout.write(text + "\n")
            return
        Path(json_out).write_text(text, encoding="utf-8")
    t = Table(title=f"Alignment of {db}")
    t.add_column("what")
    t.add_column("count", justify="right")
    for relation, n in result.links["relation"].value_counts().sort_index().items():
        t.add_row(f"links: {relation}", str(n))
    t.add_row("lineage threads (2+ documents)", str(sum(len(i) > 1 for i in result.threads["items"])))
    for verdict, n in result.followups["verdict"].value_counts().sort_index().items():
        t.add_row(f"plan items: {verdict}", str(n))
    out.print(t)


@app.command()
def explain(link: str = typer.Argument(..., help="a link id (L…) or a plan item's ref"),
            db: Path = typer.Option(Path("plantrace.duckdb"), "--db"),
            as_json: bool = typer.Option(False, "--json", help="print JSON")):
    """Why two items were linked: both texts, the relation, and every feature with its weight and share."""
    from plantrace.align import explain as run

    try:
        e = run(db, link)
    except KeyError as exc:
        _fail_line(str(db), exc.args[0])
        raise typer.Exit(1)
    if as_json:
        sys.stdout.write(json.dumps(e, ensure_ascii=False, indent=2, default=str) + "\n")
        return
    for side in ("a", "b"):
        ref = e[side] or {}
        out.print(f"[bold]{side}[/] {ref.get('document')} {ref.get('kind')} {ref.get('number') or ref.get('id')}: "
                  f"{ref.get('text')}", highlight=False, soft_wrap=True)
    verdict = f" — {e['verdict']} ({e.get('status') or 'no status'})" if e.get("verdict") else ""
    out.print(f"relation [bold]{e['relation']}[/]{verdict}, score {e['score']}", highlight=False)
    t = Table(title="evidence")
    for c in ("feature", "value", "weight", "share of score"):
        t.add_column(c)
    for row in e["evidence"]:
        t.add_row(row["feature"], "" if row["value"] is None else str(row["value"]),
                  "" if row["weight"] is None else str(row["weight"]),
                  "" if row["contribution"] is None else str(row["contribution"]))
    out.print(t)
    out.print("thresholds: " + ", ".join(f"{k} {v}" for k, v in e["thresholds"].items()), highlight=False)


REPORT_NAMES = ("overview", "unreported", "evolution", "indicators", "compare", "document", "html")


@app.command()
def report(name: str = typer.Argument(..., help="overview | unreported | evolution | indicators | compare | "
                                                "document PATH | html"),
           target: Optional[str] = typer.Argument(None, help="for `document`: the document's path, file name or sha256"),
           db: Path = typer.Option(Path("plantrace.duckdb"), "--db"),
           fmt: str = typer.Option("table", "--format", "-f", help="table | csv | xlsx | parquet | json | md | html"),
           out_file: Optional[Path] = typer.Option(None, "--out", "-o", help="file to write (default: standard output)"),
           municipality: Optional[str] = typer.Option(None, "--municipality"),
           committee: Optional[str] = typer.Option(None, "--committee"),
           theme: Optional[str] = typer.Option(None, "--theme", help="a theme id, e.g. external_placements"),
           year_from: Optional[int] = typer.Option(None, "--from", help="first year"),
           year_to: Optional[int] = typer.Option(None, "--to", help="last year"),
           kind: Optional[str] = typer.Option(None, "--kind", help="goal | assignment | indicator"),
           goals: bool = typer.Option(False, "--goals", help="unreported: plan goals too, not only assignments")):
    """The comparisons: goal evolution, unreported assignments, indicator targets vs outcomes, municipalities
    by theme, one document; or the offline HTML report (`report html --out report.html`)."""
    from plantrace.corpus.store import Store
    from plantrace.reports.data import NoAlignment, run_report
    from plantrace.reports.formats import write

    if name not in REPORT_NAMES:
        _fail_line(name, f"unknown report; one of {', '.join(REPORT_NAMES)}")
        raise typer.Exit(2)
    if not db.exists():
        _fail_line(str(db), "no such store (run `plantrace ingest` first)")
        raise typer.Exit(1)
    with Store(db, read_only=True) as store:
        if name == "html":
            from plantrace.reports.html import write_html

            target_path = out_file or Path("plantrace-report.html")
            write_html(store, target_path, municipality=municipality, year_from=year_from, year_to=year_to)
            err.print(f"wrote {target_path}", highlight=False)
            return
        options = dict(municipality=municipality, committee=committee, theme=theme, year_from=year_from,
                       year_to=year_to, kind=kind, goals=goals, path=target)
        try:
            result = run_report(store, name, **options)
            text = write(result, fmt, out_file, console=out)
        except (NoAlignment, LookupError, ValueError) as e:
            _fail_line(str(db) if isinstance(e, NoAlignment) else name, str(e).split(": ", 1)[-1])
            raise typer.Exit(1)
    if text is not None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")


@app.command()
def train(seed: int = typer.Option(0, "--seed", help="random seed of the split and the training"),
          output: Optional[str] = typer.Option(None, "--output", show_default=False,
                                               help="where to save the pipeline (default: the shipped model, "
                                                    "nlp_models/model/); - = do not save"),
          as_json: bool = typer.Option(False, "--json", help="print the metrics as JSON instead of tables"),
          errors: bool = typer.Option(False, "--errors", help="list the held-out errors too")):
    """Rebuild the NLP pipeline from its data (fixed seed, no network) and print its held-out metrics."""
    import plantrace.nlp_models as nlp_models

    target = None if output == "-" else Path(output) if output else nlp_models.MODEL_DIR
    metrics = nlp_models.train(seed, output=target)
    held = metrics.get("held_out", {})
    mistakes = held.get("errors", [])
    if not errors:
        metrics = {**metrics, "held_out": {k: v for k, v in held.items() if k != "errors"}}
    if as_json:
        sys.stdout.write(json.dumps(metrics, ensure_ascii=False, indent=2) + "\n")
    else:
        _train_tables(metrics, mistakes if errors else [])
    if target is not None:
        err.print(f"saved {metrics.get('model_version', 'the pipeline')} → {target}", highlight=False, soft_wrap=True)


def _train_tables(metrics: dict, mistakes: list[dict]) -> None:
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


@app.command()
def demo(db: Optional[Path] = typer.Option(None, "--db", help="store to use (default: a temporary one)"),
         html: Path = typer.Option(Path("plantrace-demo.html"), "--html", help="where to write the HTML report")):
    """Ingest the bundled sample corpus, align it, print the main reports and write the HTML report."""
    from plantrace.align import align as run_align
    from plantrace.corpus.ingest import ingest as run
    from plantrace.corpus.store import Store
    from plantrace.reports.data import Report, run_report
    from plantrace.reports.formats import write
    from plantrace.reports.html import write_html

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


@app.command(name="eval")
def eval_(paths: List[Path] = typer.Argument(None, help="documents (default: the bundled sample corpus)"),
          gold: Path = typer.Option(..., "--gold", help="folder of answer keys"),
          details: bool = typer.Option(False, "--details", help="list missed and spurious items"),
          as_json: bool = typer.Option(False, "--json")):
    """Precision, recall and F1 per kind against answer keys."""
    from plantrace.evaluate import evaluate_paths, render

    result = evaluate_paths(paths or [sample_corpus()], gold)
    if as_json:
        sys.stdout.write(result.to_dataframe().to_json(orient="records", indent=2) + "\n")
    else:
        render(result, out, details=details)


@app.command()
def schema():
    """Print the JSON Schema of the extraction output."""
    from plantrace.schema import json_schema

    sys.stdout.write(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n")


if __name__ == "__main__":  # pragma: no cover
    app()
