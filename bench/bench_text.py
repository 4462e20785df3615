"""Text-extraction throughput, reported as a ratio against a baseline measured in the same run.

    python bench/bench_text.py [--mb 5] [--out bench/results/text.json]

Absolute speeds depend on the machine; the ratio extraction_time / baseline_time says how many times the
minimum unavoidable work (read, decode, split lines, scan words) the extractor costs, and that ratio can be
compared between machines and commits. See bench/README.md.
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import re
import resource
import shutil
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpus" / "sample" / "text"
WORD = re.compile(r"\w+")


def build_corpus(folder: Path, mb: float) -> list[Path]:
    """Copies of the sample texts under unique names until their total size reaches `mb` megabytes."""
    sources = sorted(SAMPLE.glob("*.txt"))
    if not sources:
        raise SystemExit(f"no sample texts in {SAMPLE}")
    files, total, n = [], 0, 0
    while total < mb * 1_000_000:
        src = sources[n % len(sources)]
        dst = folder / f"{n:05d}_{src.name}"
        shutil.copyfile(src, dst)
        files.append(dst)
        total += dst.stat().st_size
        n += 1
    return files


def baseline(files: list[Path]) -> int:
    """The least any text extractor must do: read, decode, split lines, scan every line once."""
    words = 0
    for f in files:
        for line in f.read_bytes().decode("utf-8").splitlines():
            words += len(WORD.findall(line))
    return words


def extract_all(files: list[Path], extract_file) -> tuple[int, list[str]]:
    """Extract every file; a failure is recorded, not fatal, so a half-done extractor can still be timed."""
    items, failures = 0, []
    for f in files:
        try:
            doc = extract_file(f)
        except Exception as e:  # noqa: BLE001 - the benchmark reports failures, it does not judge them
            failures.append(f"{f.name}: {type(e).__name__}: {e}")
            continue
        items += sum(len(getattr(doc, k)) for k in ("goals", "assignments", "indicators", "followups", "tables"))
    return items, failures


def timed(fn, *args):
    gc.collect()
    start = time.perf_counter()
    out = fn(*args)
    return time.perf_counter() - start, out


def maxrss_mb() -> float:
    """Peak resident memory of this process so far (ru_maxrss is KiB on Linux, bytes on macOS)."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024 if sys.platform == "darwin" else 1024)


def traced_peak_mb(path: Path, extract_file) -> float | None:
    """Peak Python allocation while extracting one document (separate, untimed: tracemalloc slows code down)."""
    tracemalloc.start()
    try:
        extract_file(path)
    except Exception:  # noqa: BLE001
        return None
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return peak / 1e6


def run(mb: float, repeat: int) -> dict:
    from plantrace.extract import EXTRACTOR_VERSION, extract_file

    with tempfile.TemporaryDirectory(prefix="plantrace-bench-") as tmp:
        files = build_corpus(Path(tmp), mb)
        n_bytes = sum(f.stat().st_size for f in files)
        n_chars = sum(len(f.read_text(encoding="utf-8")) for f in files)
        extract_all(files[:len(list(SAMPLE.glob("*.txt")))], extract_file)  # warm-up: imports, lazy tables
        base_s = min(timed(baseline, files)[0] for _ in range(repeat))  # cheap: best of n removes noise
        rss_before = maxrss_mb()
        extract_s, (items, failures) = timed(extract_all, files, extract_file)
        rss_after = maxrss_mb()
        largest = max(SAMPLE.glob("*.txt"), key=lambda p: p.stat().st_size)
        peak = traced_peak_mb(largest, extract_file)
    done = len(files) - len(failures)
    return {
        "files": len(files), "bytes": n_bytes, "chars": n_chars, "extracted": done, "failures": failures[:20],
        "n_failures": len(failures), "items": items,
        "baseline_s": base_s, "extract_s": extract_s, "ratio": extract_s / base_s if base_s else None,
        "baseline_chars_per_s": n_chars / base_s if base_s else None,
        "chars_per_s": n_chars / extract_s if extract_s else None,
        "docs_per_s": done / extract_s if extract_s else None,
        "maxrss_mb": rss_after, "maxrss_growth_mb": rss_after - rss_before,
        "tracemalloc_peak_mb": peak, "tracemalloc_file": largest.name,
        "extractor_version": EXTRACTOR_VERSION, "python": platform.python_version(), "machine": platform.machine(),
    }


def report(r: dict, console: Console) -> None:
    table = Table(title=f"Text extraction: {r['files']} files, {r['bytes'] / 1e6:.1f} MB, {r['chars']:,} characters")
    table.add_column("measure")
    table.add_column("value", justify="right")
    rows = [
        ("baseline time (read, decode, lines, \\w+)", f"{r['baseline_s']:.3f} s"),
        ("extraction time", f"{r['extract_s']:.3f} s"),
        ("ratio extraction / baseline", f"{r['ratio']:.1f}×" if r["ratio"] else "-"),
        ("extraction characters/s", f"{r['chars_per_s']:,.0f}" if r["chars_per_s"] else "-"),
        ("extraction documents/s", f"{r['docs_per_s']:,.1f}" if r["docs_per_s"] else "-"),
        ("baseline characters/s", f"{r['baseline_chars_per_s']:,.0f}" if r["baseline_chars_per_s"] else "-"),
        ("items extracted", f"{r['items']:,}"),
        ("peak RSS of the process", f"{r['maxrss_mb']:.0f} MB (+{r['maxrss_growth_mb']:.0f} MB while extracting)"),
        (f"peak Python allocation, {r['tracemalloc_file']}",
         f"{r['tracemalloc_peak_mb']:.1f} MB" if r["tracemalloc_peak_mb"] is not None else "-"),
        ("failures", f"{r['n_failures']} of {r['files']}"),
    ]
    for row in rows:
        table.add_row(*row)
    console.print(table)
    for f in r["failures"][:5]:
        console.print(f"[red]failed[/] {f}", highlight=False, markup=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=5.0, help="corpus size in megabytes (default 5)")
    ap.add_argument("--repeat", type=int, default=3, help="baseline runs; the fastest counts (default 3)")
    ap.add_argument("--out", type=Path, help="also write the numbers as JSON here")
    args = ap.parse_args(argv)
    result = run(args.mb, max(args.repeat, 1))
    report(result, Console())
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 1 if result["extracted"] == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
