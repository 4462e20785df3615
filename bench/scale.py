"""Scale benchmark of the whole job: ingest throughput with 1 and 2 worker processes and on Dask (a
LocalCluster), the unchanged re-ingest, then `align` and `report html` on the same stores (time, peak memory,
related links per item, report size), and how each grows from 100 to 1,000 documents.

    .venv/bin/python bench/scale.py                       # 25 municipalities x 10 years x 4 documents = 1,000
    .venv/bin/python bench/scale.py --municipalities 5 --out bench/results/scale.json
    .venv/bin/python bench/scale.py --quick               # ingest once (2 workers), then align and report only
    .venv/bin/python bench/scale.py --municipalities 125  # 5,000 documents

The corpus is built from the five sample documents (corpus/sample/text): each municipality, year and document
type gets a copy of a sample of that type with the municipality's name (and genitive), the committee, the years
shifted to the document's year, the amounts and percentages changed and some wording varied, plus a
manifest.csv; a share of the documents (--pdf-share, default 0.1) is rendered to PDF with pymupdf instead.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpus" / "sample" / "text"
KOMMUNER = ROOT / "plantrace" / "data" / "kommuner.txt"
LINES_PER_PAGE = 55

TEMPLATES = {  # document type → sample (stem prefix), the year its text speaks of, its period length
    "plan": ("001", 2025, 4),
    "report": ("002", 2023, 1),
    "protocol": ("003", 2012, 2),
    "budget": ("004", 2021, 3),
}
COMMITTEES = ["Socialnämnden", "Omsorgsnämnden", "Vård- och omsorgsnämnden", "Individ- och familjenämnden"]
WORDING = [("öka", "höja"), ("minska", "sänka"), ("trygghet", "säkerhet"), ("utveckla", "förbättra"),
           ("verksamheten", "organisationen"), ("särskilt", "i synnerhet")]
_YEAR = re.compile(r"(?<!\d)(20[0-3]\d|19[89]\d)(?!\d)")
_AMOUNT = re.compile(r"(?<![\d.,])(\d{1,3}(?:[ \u00a0]\d{3})*|\d+)(,\d+)?(?=\s?(?:%|procent|mnkr|tkr|kr|st\b|personer))")
_PLACES = re.compile(r"\b(Gävle|Uppsala|Ronneby)(s?)\b")


def build_corpus(folder: Path, municipalities: int, years: int, pdf_share: float, seed: int = 0) -> list[Path]:
    """municipalities x years x 4 documents under folder/<municipality>/, with a manifest.csv per folder."""
    rng = random.Random(seed)
    names = [n.strip() for n in KOMMUNER.read_text(encoding="utf-8").splitlines() if n.strip()]
    names = rng.sample(names, municipalities)
    samples = {stem[:3]: p.read_text(encoding="utf-8") for p in SAMPLE.glob("*.txt") for stem in [p.stem]}
    files = []
    for m, name in enumerate(names):
        sub = folder / re.sub(r"\W+", "_", name.lower())
        sub.mkdir(parents=True)
        committee = COMMITTEES[m % len(COMMITTEES)]
        rows = ["file,municipality,committee,doc_type,period_start,period_end,title"]
        for y in range(years):
            year = 2015 + y
            for doc_type, (stem, base, length) in TEMPLATES.items():
                text = vary(samples[stem], name, committee, year - base, rng)
                if doc_type == "protocol":
                    text = f"{name} kommun\n{committee}\nProtokoll {year}\n" + text
                as_pdf = rng.random() < pdf_share
                path = sub / f"{doc_type}_{year}.{'pdf' if as_pdf else 'txt'}"
                if as_pdf:
                    render_pdf(text, path)
                else:
                    path.write_text(text, encoding="utf-8")
                kind = {"budget": "plan"}.get(doc_type, doc_type)
                rows.append(f"{path.name},{name},{committee},{kind},{year},{year + length - 1},"
                            f"\"{doc_type.capitalize()} {year} för {committee}\"")
                files.append(path)
        (sub / "manifest.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return files


def vary(text: str, municipality: str, committee: str, shift: int, rng: random.Random) -> str:
    text = _PLACES.sub(lambda m: municipality + ("s" if m.group(2) and not municipality.endswith("s") else ""), text)
    text = text.replace("Socialnämnden", committee).replace("socialnämnden", committee.lower())
    text = _YEAR.sub(lambda m: str(int(m.group(1)) + shift), text)

    def amount(m: re.Match) -> str:
        digits = m.group(1).replace(" ", "").replace("\u00a0", "")
        value = max(1, round(int(digits) * rng.uniform(0.8, 1.2)))
        return (f"{value:,}".replace(",", " ") if len(digits) > 3 else str(value)) + (m.group(2) or "")

    text = _AMOUNT.sub(amount, text)
    for a, b in rng.sample(WORDING, 3):
        text = re.sub(rf"\b{a}\b", b, text)
    return text + f"\nDiarienummer {committee[:3].upper()} {2015 + shift}/{rng.randrange(10000):04d}\n"


def render_pdf(text: str, path: Path) -> None:
    """Text to a plain PDF (Helvetica 10 pt, LINES_PER_PAGE lines a page, long lines wrapped)."""
    import pymupdf

    lines = []
    for line in text.replace("\t", "    ").splitlines():
        lines.extend(textwrap.wrap(line, 95) or [""])
    doc = pymupdf.open()
    for start in range(0, max(len(lines), 1), LINES_PER_PAGE):
        page = doc.new_page()
        y = 60
        for line in lines[start:start + LINES_PER_PAGE]:
            if line.strip():
                page.insert_text((56, y), line, fontsize=10, fontname="helv")
            y += 13
    doc.save(path, deflate=True)
    doc.close()


def text_pages(path: Path) -> int:
    lines = sum(max(1, math.ceil(len(line) / 95)) for line in path.read_text(encoding="utf-8").splitlines())
    return max(1, math.ceil(lines / LINES_PER_PAGE))


def pages_of(files: list[Path]) -> int:
    import pymupdf

    total = 0
    for f in files:
        if f.suffix == ".pdf":
            with pymupdf.open(f) as doc:
                total += doc.page_count
        else:
            total += text_pages(f)
    return total


def timed_ingest(folder: Path, db: Path, **options) -> tuple[float, object]:
    from plantrace.corpus.ingest import ingest

    for p in (db, Path(str(db) + ".wal")):
        p.unlink(missing_ok=True)
    start = time.perf_counter()
    report = ingest([folder], db=db, **options)
    return time.perf_counter() - start, report


def _peak_mb() -> float:
    """This process's peak resident memory (VmHWM: reset by exec, unlike a forked child's ru_maxrss)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_stage(stage: str, db: Path, out: Path | None) -> dict:
    """One stage in this (fresh) process: imports are not timed, memory is the process's peak."""
    if stage == "align":
        from collections import Counter

        from plantrace.align.run import align

        t = time.perf_counter()
        result = align(db)
        seconds = time.perf_counter() - t
        rel = result.links[result.links["relation"] == "related"]
        degree = Counter(list(rel["a"]) + list(rel["b"]))
        return {"seconds": round(seconds, 2), "peak_mb": round(_peak_mb()), "items": len(result.items),
                "links": len(result.links), "related": len(rel),
                "related_per_item": round(len(rel) / max(len(result.items), 1), 2),
                "max_related_per_item": max(degree.values()) if degree else 0}
    if stage == "incremental":
        from plantrace.align.run import align

        t = time.perf_counter()
        result = align(db, incremental=True)
        return {"seconds": round(time.perf_counter() - t, 2), "peak_mb": round(_peak_mb()), "links": len(result.links)}
    if stage == "html":
        from plantrace.corpus.store import Store
        from plantrace.reports.html import write_html

        t = time.perf_counter()
        with Store(db, read_only=True) as store:
            write_html(store, out)
        return {"seconds": round(time.perf_counter() - t, 2), "peak_mb": round(_peak_mb()),
                "mb": round(out.stat().st_size / 1e6, 2)}
    raise ValueError(stage)


def stage(name: str, db: Path, out: Path | None = None) -> dict:
    """Run a stage in a child process and return its figures."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--stage", name, "--db", str(db)]
    if out is not None:
        cmd += ["--html", str(out)]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode:
        raise RuntimeError(f"{name} on {db} failed:\n{r.stderr[-3000:]}")
    return json.loads(r.stdout.strip().splitlines()[-1])


def align_and_report(stores: dict[str, tuple[Path, int]], tmp: Path) -> dict:
    """align, then the unchanged re-align (normalisation cached), then report html, per store; and the growth."""
    rows = {}
    for size, (db, n_docs) in stores.items():
        first = stage("align", db)
        again = stage("align", db)
        html = stage("html", db, tmp / f"{size}.html")
        rows[size] = {"documents": n_docs, "align": first, "realign": again, "html": html}
        print(f"{n_docs:5d} documents  align {first['seconds']:6.1f} s {first['peak_mb']:5d} MB "
              f"(again {again['seconds']:5.1f} s)  {first['items']:6d} items  {first['related_per_item']:5.2f} related "
              f"links per item (max {first['max_related_per_item']})  report html {html['seconds']:5.1f} s "
              f"{html['peak_mb']:5d} MB {html['mb']:6.2f} MB", flush=True)
        if size == "large":  # ten documents more (a new year of other municipalities), then `align --incremental`
            from plantrace.corpus.ingest import ingest

            extra = tmp / "extra"
            build_corpus(extra, 3, 1, 0.0, seed=7)
            for f in sorted(extra.rglob("*.txt"))[10:]:
                f.unlink()
            ingest([extra], db=db, workers=2)
            rows[size]["incremental_10"] = inc = stage("incremental", db)
            print(f"      + 10 documents: align --incremental {inc['seconds']:5.1f} s {inc['peak_mb']:5d} MB", flush=True)
    if "small" in rows and "large" in rows:
        s, l = rows["small"], rows["large"]
        growth = {"documents": round(l["documents"] / s["documents"], 1),
                  "align_seconds": round(l["align"]["seconds"] / s["align"]["seconds"], 1),
                  "align_memory": round(l["align"]["peak_mb"] / s["align"]["peak_mb"], 1),
                  "related_links": round(l["align"]["related"] / max(s["align"]["related"], 1), 1),
                  "html_seconds": round(l["html"]["seconds"] / s["html"]["seconds"], 1),
                  "html_size": round(l["html"]["mb"] / s["html"]["mb"], 1)}
        rows["growth"] = growth
        print("growth small -> large: " + ", ".join(f"{k} {v}x" for k, v in growth.items()))
    return rows


def main() -> None:
    if "--stage" in sys.argv:  # a child process of `stage`
        ap = argparse.ArgumentParser()
        ap.add_argument("--stage", required=True)
        ap.add_argument("--db", type=Path, required=True)
        ap.add_argument("--html", type=Path)
        a = ap.parse_args()
        print(json.dumps(run_stage(a.stage, a.db, a.html)))
        return
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--municipalities", type=int, default=25)
    ap.add_argument("--years", type=int, default=10)
    ap.add_argument("--pdf-share", type=float, default=0.1)
    ap.add_argument("--small", type=int, default=100, help="documents in the small corpus (growth is measured from it)")
    ap.add_argument("--out", type=Path)
    ap.add_argument("--keep", type=Path, help="build the corpus here and keep it")
    ap.add_argument("--quick", action="store_true", help="ingest each corpus once (2 workers); skip the ingest "
                                                          "throughput modes and the re-ingest")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="plantrace-scale-"))
    base = args.keep or tmp
    big = base / "corpus"
    if big.exists():
        shutil.rmtree(big)
    t = time.perf_counter()
    files = build_corpus(big, args.municipalities, args.years, args.pdf_share)
    built = time.perf_counter() - t
    # the small corpus: the four documents of every tenth municipality-year (types, years, municipalities and
    # formats in proportion)
    small = base / "small"
    if small.exists():
        shutil.rmtree(small)
    groups = [files[i:i + len(TEMPLATES)] for i in range(0, len(files), len(TEMPLATES))]
    step = max(1, len(files) // args.small)
    small_files = []
    for f in [f for g in groups[::step] for f in g][:args.small]:
        dest = small / f.parent.name / f.name
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(f, dest)
        shutil.copy(f.parent / "manifest.csv", dest.parent / "manifest.csv")
        small_files.append(dest)
    corpora = {"small": (small, small_files), "large": (big, files)}
    pages = {k: pages_of(fs) for k, (_, fs) in corpora.items()}
    n_pdf = sum(f.suffix == ".pdf" for f in files)
    print(f"corpus: {len(files)} documents ({n_pdf} PDF), {pages['large']} pages, built in {built:.1f} s; "
          f"small corpus {len(small_files)} documents, {pages['small']} pages", flush=True)

    if args.quick:
        stores = {}
        for size, (folder, fs) in corpora.items():
            seconds, report = timed_ingest(folder, tmp / f"{size}.duckdb", workers=2)
            assert not report.failed, report.failed[:3]
            print(f"ingest {len(fs)} documents (2 workers): {seconds:.1f} s", flush=True)
            stores[size] = (tmp / f"{size}.duckdb", len(fs))
        out = {"corpus": {"documents": len(files), "small_documents": len(small_files)},
               "align_and_report": align_and_report(stores, tmp)}
        if args.out:
            args.out.parent.mkdir(parents=True, exist_ok=True)
            args.out.write_text(json.dumps(out, indent=2), encoding="utf-8")
        shutil.rmtree(tmp, ignore_errors=True)
        return

    # warm-up: imports, the NLP model and the workers' fork server are not what is measured
    timed_ingest(small, tmp / "warm.duckdb", workers=2)

    from distributed import Client, LocalCluster

    t = time.perf_counter()
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    client = Client(cluster)
    cluster_start = time.perf_counter() - t
    timed_ingest(small, tmp / "warm_dask.duckdb", dask=client)

    modes = {"1 worker": dict(workers=1), "2 workers": dict(workers=2), "Dask local (2 processes)": dict(dask=client)}
    results = {}
    for mode, options in modes.items():
        row = {}
        for size, (folder, fs) in corpora.items():
            load = os.getloadavg()[0]  # other work on the machine shows here and spoils the figures
            seconds, report = timed_ingest(folder, tmp / f"{size}.duckdb", **options)
            assert not report.failed, report.failed[:3]
            row[size] = {"documents": len(fs), "seconds": round(seconds, 2), "load_before": round(load, 2),
                         "documents_per_s": round(len(fs) / seconds, 1), "pages_per_s": round(pages[size] / seconds, 1)}
            print(f"{mode:26s} {len(fs):5d} documents  {seconds:7.1f} s  {len(fs) / seconds:6.1f} documents/s  "
                  f"{pages[size] / seconds:7.1f} pages/s  (load average before: {load:.2f})", flush=True)
        row["growth"] = round(row["large"]["seconds"] / row["small"]["seconds"], 2)
        results[mode] = row
    client.close()
    cluster.close()

    # unchanged re-ingest of the large corpus: in this process, and the whole command (interpreter start included)
    db = tmp / "large.duckdb"
    from plantrace.corpus.ingest import ingest

    t = time.perf_counter()
    again = ingest([big], db=db, workers=2)
    unchanged_api = time.perf_counter() - t
    assert len(again.unchanged) == len(files), again.summary()
    exe = Path(sys.executable).with_name("plantrace")
    t = time.perf_counter()
    r = subprocess.run([str(exe), "ingest", str(big), "--db", str(db)], capture_output=True, text=True)
    unchanged_cli = time.perf_counter() - t
    assert r.returncode == 0 and f"unchanged {len(files)}," in r.stdout, r.stdout + r.stderr

    print()
    print(f"{'mode':26s} {'docs/s 100':>11s} {'docs/s 1000':>12s} {'pages/s 1000':>13s} {'time 1000/100':>14s}")
    for mode, row in results.items():
        print(f"{mode:26s} {row['small']['documents_per_s']:11.1f} {row['large']['documents_per_s']:12.1f} "
              f"{row['large']['pages_per_s']:13.1f} {row['growth']:13.2f}x")
    ratio = len(files) / len(small_files)
    print(f"\ndocuments grow {ratio:.0f}x from the small to the large corpus; linear cost means time grows ~{ratio:.0f}x "
          f"(less when fixed costs count)")
    print(f"unchanged re-ingest of {len(files)} documents: {unchanged_api:.2f} s in-process, "
          f"{unchanged_cli:.2f} s for the whole `plantrace ingest` command (target <= 5 s)")
    print(f"LocalCluster start (2 worker processes): {cluster_start:.1f} s, not in the figures above")
    print()
    later = align_and_report({"small": (tmp / "small.duckdb", len(small_files)), "large": (db, len(files))}, tmp)
    out = {"machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
           "corpus": {"documents": len(files), "pdf": n_pdf, "pages": pages["large"], "small_documents": len(small_files),
                      "small_pages": pages["small"], "build_seconds": round(built, 1)},
           "modes": results, "unchanged_reingest_seconds": {"in_process": round(unchanged_api, 2),
                                                            "command": round(unchanged_cli, 2)},
           "dask_cluster_start_seconds": round(cluster_start, 1), "align_and_report": later}
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(out, indent=2), encoding="utf-8")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
