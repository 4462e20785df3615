"""PDF throughput: plantrace's full extraction against raw pymupdf and pdfplumber text, in one run.

    .venv/bin/python bench/pdf_speed.py [--pages 300] [--pdf-dir ../shared/corpus/pdf] [--out bench/results/pdf.json]

The shared word-processor PDFs are cycled until --pages pages have been read. pdfplumber is slow, so it reads a
subset (at least 30 pages). Peak memory is measured in a child process extracting one ≥ 500-page PDF built by
concatenating the shared PDFs. Targets (issue 3): plantrace ≥ 5× pdfplumber's pages/s, ≥ 100 pages/s, and
≤ 300 MB peak memory on a 500-page PDF."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _pdfs(folder: Path) -> list[Path]:
    files = sorted(p for p in folder.glob("*.pdf") if ".scan." not in p.name)
    if not files:
        files = sorted(p for p in (ROOT / "tests" / "pdf").glob("*.word.pdf"))
    return files


def _cycle(files: list[Path], pages_wanted: int, count) -> list[Path]:
    out, total = [], 0
    while total < pages_wanted:
        for f in files:
            out.append(f)
            total += count(f)
            if total >= pages_wanted:
                break
    return out


def main() -> int:
    import pymupdf
    import pdfplumber

    from plantrace.extract.api import extract_pdf

    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=300)
    ap.add_argument("--pdf-dir", type=Path, default=ROOT.parent / "shared" / "corpus" / "pdf")
    ap.add_argument("--out", type=Path)
    ap.add_argument("--memory-pages", type=int, default=500)
    args = ap.parse_args()

    files = _pdfs(args.pdf_dir)
    counts = {f: pymupdf.open(f).page_count for f in files}
    run = _cycle(files, args.pages, counts.get)
    extract_pdf(files[0], ocr="never")  # warm-up: imports and caches are not timed

    t = time.perf_counter()
    pages = failures = 0
    for f in run:
        try:
            pages += extract_pdf(f, ocr="never").pages
        except Exception as e:  # a failing file is counted, not fatal
            failures += 1
            print(f"failed: {f.name}: {e}", file=sys.stderr)
    plantrace_s = time.perf_counter() - t

    t = time.perf_counter()
    raw_pages = 0
    for f in run:
        with pymupdf.open(f) as doc:
            for page in doc:
                page.get_text("dict")
                raw_pages += 1
    pymupdf_s = time.perf_counter() - t

    sub = _cycle(files, 30, counts.get)
    t = time.perf_counter()
    plumber_pages = 0
    for f in sub:
        with pdfplumber.open(f) as pdf:
            for page in pdf.pages:
                page.extract_text()
                plumber_pages += 1
    plumber_s = time.perf_counter() - t

    peak_mb = _peak_memory(files, args.memory_pages)
    r = {
        "pages": pages, "failures": failures,
        "plantrace_pages_per_s": pages / plantrace_s if plantrace_s else 0.0,
        "pymupdf_dict_pages_per_s": raw_pages / pymupdf_s,
        "pdfplumber_text_pages_per_s": plumber_pages / plumber_s,
        "peak_memory_mb_500_pages": peak_mb,
    }
    r["ratio_plantrace_vs_pdfplumber"] = r["plantrace_pages_per_s"] / r["pdfplumber_text_pages_per_s"]
    r["ratio_plantrace_vs_pymupdf"] = r["plantrace_pages_per_s"] / r["pymupdf_dict_pages_per_s"]
    _print(r)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(r, indent=2))
    return 0


def _peak_memory(files: list[Path], pages: int) -> float:
    """Peak RSS (MB) of a child process extracting one PDF of at least `pages` pages."""
    import pymupdf

    with tempfile.TemporaryDirectory() as tmp:
        big = pymupdf.open()
        while big.page_count < pages:
            for f in files:
                with pymupdf.open(f) as src:
                    big.insert_pdf(src)
                if big.page_count >= pages:
                    break
        path = Path(tmp) / "big.pdf"
        big.save(path)
        # VmHWM of the child's own address space: ru_maxrss would carry the (large) parent's size over exec
        code = ("import sys, re; from plantrace.extract.api import extract_pdf; "
                "d = extract_pdf(sys.argv[1], ocr='never'); "
                "print(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1))")
        out = subprocess.run([sys.executable, "-c", code, str(path)], check=True, capture_output=True, text=True)
    return int(out.stdout.strip().splitlines()[-1]) / 1024


def _print(r: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    t = Table(title=f"PDF extraction speed ({r['pages']} pages)")
    t.add_column("measure")
    t.add_column("value", justify="right")
    t.add_row("plantrace full extraction", f"{r['plantrace_pages_per_s']:.1f} pages/s")
    t.add_row("raw pymupdf get_text('dict')", f"{r['pymupdf_dict_pages_per_s']:.1f} pages/s")
    t.add_row("pdfplumber extract_text()", f"{r['pdfplumber_text_pages_per_s']:.1f} pages/s")
    t.add_row("ratio plantrace / pdfplumber", f"{r['ratio_plantrace_vs_pdfplumber']:.1f}× (target ≥ 5×)")
    t.add_row("ratio plantrace / pymupdf", f"{r['ratio_plantrace_vs_pymupdf']:.2f}×")
    t.add_row("peak memory, 500-page PDF", f"{r['peak_memory_mb_500_pages']:.0f} MB (target ≤ 300 MB)")
    t.add_row("failures", str(r["failures"]))
    Console().print(t)


if __name__ == "__main__":
    raise SystemExit(main())
