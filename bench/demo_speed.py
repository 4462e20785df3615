"""`plantrace demo` end to end: wall time of the command in a fresh process, and where the time goes.

    python bench/demo_speed.py [--repeat 3] [--out bench/results/demo.json]

The command (ingest the bundled sample corpus, align it, print the reports, write the HTML report) is run
`--repeat` times in fresh interpreters and the median taken; the baseline of the same run is the start-up of the
same interpreter importing the CLI (`python -c "import plantrace.cli"`), so the ratio says how many start-ups the
demo costs. Then the stages are timed one by one in this process (ingest, align, terminal reports, HTML).
Target: ≤ 10 s on the 2-core machine.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def wall(cmd: list[str], cwd: Path) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - t


def stages(tmp: Path) -> dict:
    import io

    from rich.console import Console

    import plantrace
    from plantrace.cli import sample_corpus
    from plantrace.corpus.store import Store
    from plantrace.reports.data import run_report
    from plantrace.reports.formats import write
    from plantrace.reports.html import write_html

    db = tmp / "stages.duckdb"
    out = {}
    t = time.perf_counter()
    plantrace.ingest([sample_corpus()], db=db)
    out["ingest_s"] = time.perf_counter() - t
    t = time.perf_counter()
    plantrace.align(db)
    out["align_s"] = time.perf_counter() - t
    console = Console(file=io.StringIO(), width=80)
    with Store(db, read_only=True) as store:
        t = time.perf_counter()
        for name in ("overview", "unreported", "evolution", "compare"):
            write(run_report(store, name), "table", None, console=console)
        out["reports_s"] = time.perf_counter() - t
        t = time.perf_counter()
        write_html(store, tmp / "stages.html")
        out["html_s"] = time.perf_counter() - t
    return {k: round(v, 3) for k, v in out.items()}


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--out", type=Path)
    args = p.parse_args(argv)
    exe = Path(sys.executable).with_name("plantrace")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        demo = [wall([str(exe), "demo", "--html", str(tmp / "demo.html")], tmp) for _ in range(args.repeat)]
        base = [wall([sys.executable, "-c", "import plantrace.cli"], tmp) for _ in range(args.repeat)]
        report = {"demo_s": round(statistics.median(demo), 3), "runs_s": [round(x, 3) for x in demo],
                  "baseline_import_s": round(statistics.median(base), 3),
                  "ratio_demo_to_baseline": round(statistics.median(demo) / statistics.median(base), 1),
                  "html_bytes": (tmp / "demo.html").stat().st_size, "stages_in_one_process": stages(tmp),
                  "target": "demo <= 10 s on the 2-core machine"}
    text = json.dumps(report, indent=2)
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
