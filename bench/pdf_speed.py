"""PDF throughput: plantrace's full extraction against raw pymupdf and pdfplumber, measured in one run.

    python bench/pdf_speed.py [--pages 300] [--pdf-dir ../shared/corpus/pdf] [--out bench/results/pdf.json]

The shared word-processor PDFs (`*.pdf` except `*.scan.pdf`) are cycled until --pages pages have been read.
pdfplumber is slow, so it reads a subset: the first pages of every PDF, at least 30 in all. Absolute pages/s
depend on the machine; the ratios plantrace/pdfplumber and plantrace/pymupdf, measured on the same files in
the same run, do not. Peak memory is the ru_maxrss of a fresh process extracting one PDF of ≥ 500 pages made
by concatenating the shared PDFs. Targets (issue 3): plantrace ≥ 5× pdfplumber's pages/s and ≥ 100 pages/s,
≤ 300 MB on 500 pages. See bench/README.md.
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PDF_DIR = ROOT.parent / "shared" / "corpus" / "pdf"
MIN_PLUMBER_PAGES = 30
TARGET_RATIO, TARGET_PAGES_PER_S, TARGET_MB = 5.0, 100.0, 300.0

# The extraction runs in a grandchild started by a small launcher, and the launcher prints its RUSAGE_CHILDREN
# ru_maxrss: on Linux a child started from this (large) process inherits its peak into ru_maxrss, so reading
# ru_maxrss here would report the benchmark process, not the extraction. The grandchild also prints its VmHWM.
EXTRACT = """
import sys
from plantrace.extract import extract_file
doc = extract_file(sys.argv[1])
status = open("/proc/self/status").read() if sys.platform == "linux" else ""
hwm = [line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:")]
print(doc.pages, hwm[0] if hwm else "-")
"""
LAUNCH = """
import resource, subprocess, sys
p = subprocess.run([sys.executable, "-c", sys.argv[1], sys.argv[2]], capture_output=True, text=True)
sys.stderr.write(p.stderr)
print(p.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, p.stdout.strip())
"""


def find_pdfs(folder: Path) -> list[Path]:
    """Text-layer PDFs of the shared corpus; scans are left out (they measure OCR, not extraction)."""
    files = sorted(p for p in folder.glob("*.pdf") if not p.name.endswith(".scan.pdf"))
    if not files:  # the copies bundled with the tests, so the script runs without the shared corpus
        files = sorted((ROOT / "tests" / "pdf").glob("*.word.pdf"))
    return files


def page_counts(files: list[Path]) -> dict[Path, int]:
    import pymupdf

    counts = {}
    for f in files:
        with pymupdf.open(f) as doc:
            counts[f] = doc.page_count
    return counts


def cycle(files: list[Path], counts: dict[Path, int], pages: int) -> list[Path]:
    """The files repeated in order until their pages add up to at least `pages` (no copies: the same paths)."""
    if not any(counts[f] for f in files):
        raise SystemExit("the PDFs have no pages")
    out, total = [], 0
    while total < pages:
        for f in files:
            out.append(f)
            total += counts[f]
            if total >= pages:
                break
    return out


def timed(fn, *args):
    gc.collect()
    start = time.perf_counter()
    out = fn(*args)
    return time.perf_counter() - start, out


def plantrace_pages(run: list[Path]) -> tuple[int, list[str], int]:
    """(pages, failures, OCR'd pages): a failing file is counted, not fatal, so a half-done reader is timed too."""
    from plantrace.extract import extract_file

    pages, failures, ocr = 0, [], 0
    for f in run:
        try:
            doc = extract_file(f)
        except Exception as e:  # noqa: BLE001 - the benchmark reports failures, it does not judge them
            failures.append(f"{f.name}: {type(e).__name__}: {e}")
            continue
        pages += doc.pages or 0
        ocr += sum(1 for w in doc.warnings if "OCR" in w)
    return pages, failures, ocr


def pymupdf_pages(run: list[Path]) -> int:
    import pymupdf

    pages = 0
    for f in run:
        with pymupdf.open(f) as doc:
            for page in doc:
                page.get_text("dict")
                pages += 1
    return pages


def plumber_subset(files: list[Path], counts: dict[Path, int], pages: int) -> list[tuple[Path, int]]:
    """The first k pages of every file, k the least that gives `pages` in all: spread over the documents."""
    k = -(-pages // len(files))
    while sum(min(k, counts[f]) for f in files) < pages and k < max(counts.values()):
        k += 1
    return [(f, min(k, counts[f])) for f in files]


def pdfplumber_pages(subset: list[tuple[Path, int]]) -> int:
    import pdfplumber

    pages = 0
    for f, k in subset:
        with pdfplumber.open(f) as pdf:
            for page in pdf.pages[:k]:
                page.extract_text()
                page.flush_cache()  # what a long batch must do to keep memory flat
                pages += 1
    return pages


def build_big_pdf(files: list[Path], pages: int, dest: Path) -> int:
    import pymupdf

    big = pymupdf.open()
    while big.page_count < pages:
        for f in files:
            with pymupdf.open(f) as src:
                big.insert_pdf(src)
            if big.page_count >= pages:
                break
    n = big.page_count
    big.save(dest, garbage=1, deflate=True)
    big.close()
    return n


def peak_memory(files: list[Path], pages: int) -> dict:
    """Peak RSS (MB) of a fresh process extracting one PDF of at least `pages` pages: its ru_maxrss, read by
    the launcher that waited for it, and its own VmHWM as a cross-check (the two should agree)."""
    with tempfile.TemporaryDirectory(prefix="plantrace-bench-") as tmp:
        path = Path(tmp) / "big.pdf"
        n = build_big_pdf(files, pages, path)
        t = time.perf_counter()
        proc = subprocess.run([sys.executable, "-c", LAUNCH, EXTRACT, str(path)], capture_output=True, text=True)
        seconds = time.perf_counter() - t
    unit = 1024 * 1024 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux
    out = {"pages": n, "seconds": seconds, "maxrss_mb": None, "vmhwm_mb": None, "error": None}
    fields = proc.stdout.split()
    if proc.returncode != 0 or len(fields) < 2 or fields[0] != "0":
        lines = proc.stderr.strip().splitlines()
        out["error"] = lines[-1] if lines else f"exit status {fields[0] if fields else proc.returncode}"
        return out
    out["maxrss_mb"] = int(fields[1]) / unit
    if len(fields) == 4 and fields[3].isdigit():
        out["vmhwm_mb"] = int(fields[3]) / 1024
    return out


def run(pdf_dir: Path, pages: int, memory_pages: int) -> dict:
    from plantrace.extract import EXTRACTOR_VERSION

    files = find_pdfs(pdf_dir)
    if not files:
        raise SystemExit(f"no PDFs in {pdf_dir} or tests/pdf")
    counts = page_counts(files)
    files = [f for f in files if counts[f]]
    run_files = cycle(files, counts, pages)
    plantrace_pages(files)  # warm-up: imports, fonts and lazily built tables are not timed
    plantrace_s, (done_pages, failures, ocr) = timed(plantrace_pages, run_files)
    pymupdf_s, raw_pages = timed(pymupdf_pages, run_files)
    subset = plumber_subset(files, counts, MIN_PLUMBER_PAGES)
    plumber_s, plumber_pages = timed(pdfplumber_pages, subset)
    memory = peak_memory(files, memory_pages)

    r = {
        "pdf_dir": str(pdf_dir), "pdfs": [f.name for f in files], "files_read": len(run_files),
        "pages": sum(counts[f] for f in run_files), "pages_extracted": done_pages,
        "n_failures": len(failures), "failures": failures[:20], "ocr_warnings": ocr,
        "plantrace_s": plantrace_s, "pymupdf_s": pymupdf_s, "pdfplumber_s": plumber_s,
        "pdfplumber_pages": plumber_pages,
        "plantrace_pages_per_s": done_pages / plantrace_s if done_pages else None,
        "pymupdf_dict_pages_per_s": raw_pages / pymupdf_s,
        "pdfplumber_text_pages_per_s": plumber_pages / plumber_s,
        "memory": memory,
        "extractor_version": EXTRACTOR_VERSION, "python": platform.python_version(), "machine": platform.machine(),
    }
    speed = r["plantrace_pages_per_s"]
    r["ratio_plantrace_vs_pdfplumber"] = speed / r["pdfplumber_text_pages_per_s"] if speed else None
    r["ratio_plantrace_vs_pymupdf"] = speed / r["pymupdf_dict_pages_per_s"] if speed else None
    peak = r["peak_memory_mb"] = memory["maxrss_mb"]
    r["targets"] = {
        f"plantrace ≥ {TARGET_RATIO:g}× pdfplumber": _met(r["ratio_plantrace_vs_pdfplumber"], TARGET_RATIO, ">="),
        f"plantrace ≥ {TARGET_PAGES_PER_S:g} pages/s": _met(speed, TARGET_PAGES_PER_S, ">="),
        f"peak memory ≤ {TARGET_MB:g} MB on {memory['pages']} pages": _met(peak, TARGET_MB, "<="),
    }
    return r


def _met(value, target, op) -> bool | None:
    if value is None:
        return None
    return value >= target if op == ">=" else value <= target


def report(r: dict, console: Console) -> None:
    table = Table(title=f"PDF extraction: {r['files_read']} files, {r['pages']} pages "
                        f"({len(r['pdfs'])} distinct PDFs, cycled)")
    table.add_column("measure")
    table.add_column("value", justify="right")
    mem = r["memory"]
    speed = r["plantrace_pages_per_s"]
    rows = [
        ("plantrace extract_file (full extraction)", f"{speed:,.1f} pages/s" if speed else "-"),
        ("raw pymupdf page.get_text('dict')", f"{r['pymupdf_dict_pages_per_s']:,.1f} pages/s"),
        (f"pdfplumber page.extract_text() ({r['pdfplumber_pages']}-page subset)",
         f"{r['pdfplumber_text_pages_per_s']:,.1f} pages/s"),
        ("ratio plantrace / pdfplumber", _ratio(r["ratio_plantrace_vs_pdfplumber"])),
        ("ratio plantrace / pymupdf", _ratio(r["ratio_plantrace_vs_pymupdf"])),
        (f"peak RSS, one {mem['pages']}-page PDF (ru_maxrss)",
         f"{mem['maxrss_mb']:.0f} MB" if mem["maxrss_mb"] is not None else "-"),
        ("  the same process's VmHWM", f"{mem['vmhwm_mb']:.0f} MB" if mem["vmhwm_mb"] is not None else "-"),
        (f"  time for the {mem['pages']}-page PDF", f"{mem['seconds']:.1f} s" if not mem["error"] else "-"),
        ("failures", f"{r['n_failures']} of {r['files_read']} files"),
    ]
    if r["ocr_warnings"]:
        rows.append(("documents with OCR'd pages (should be 0)", str(r["ocr_warnings"])))
    for row in rows:
        table.add_row(*row)
    console.print(table)
    for name, ok in r["targets"].items():
        mark = "[green]met[/]" if ok else "[red]NOT met[/]" if ok is False else "[yellow]not measured[/]"
        console.print(f"target {name}: {mark}")
    for f in r["failures"][:5]:
        console.print(f"[red]failed[/] {f}", highlight=False, soft_wrap=True)
    if mem["error"]:
        console.print(f"[red]memory run failed[/] {mem['error']}", highlight=False, soft_wrap=True)


def _ratio(x) -> str:
    return f"{x:.2f}×" if x is not None else "-"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=300, help="pages to read for the speed runs (default 300)")
    ap.add_argument("--pdf-dir", type=Path, default=DEFAULT_PDF_DIR,
                    help="folder of text-layer PDFs (default ../shared/corpus/pdf from the repository root)")
    ap.add_argument("--memory-pages", type=int, default=500, help="pages of the memory test PDF (default 500)")
    ap.add_argument("--out", type=Path, help="also write the numbers as JSON here")
    args = ap.parse_args(argv)
    result = run(args.pdf_dir, max(args.pages, 1), max(args.memory_pages, 1))
    report(result, Console())
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 1 if not result["pages_extracted"] else 0


if __name__ == "__main__":
    sys.exit(main())
