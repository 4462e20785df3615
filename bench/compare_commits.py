"""Text-extraction time of two commits, measured in one run, round by round in turn.

    python bench/compare_commits.py 9c1bb62              # that commit against the working tree
    python bench/compare_commits.py 9c1bb62 HEAD --rounds 40

Why: on a shared machine the speed drifts by a third within minutes, so two runs of `bench_text.py` one after the
other can differ more than two commits do. Here each side is a warm worker process (imports done, lazy tables
built) that extracts the five sample texts once per round; the rounds alternate A B, B A, … and the figure is the
median of the per-round ratios B / A, so both sides see the same machine. Each commit is checked out into a
temporary git worktree and imported from there (the folders mapped to `plantrace.*` as pyproject.toml maps them),
never through the editable install, so the two sides run the same way. Caches keyed by a text are emptied before
each round, so a cache cannot turn the same five texts read again into a speed-up no corpus would see.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STAGES = ("extract", "align", "corpus", "reports", "nlp_models")  # pyproject.toml: plantrace.<stage> = <stage>/

WORKER = r"""
import sys, time
sys.path[:0] = [sys.argv[1], sys.argv[2]]  # the commit's package first, then the venv's libraries
from pathlib import Path
from plantrace.extract import extract_file
files = sorted(Path(sys.argv[3]).glob("*.txt"))
for f in files:
    extract_file(f)
# caches keyed by a text (bounded lru_caches of plantrace's own) are emptied before every round: each round reads its
# texts as if for the first time, as a corpus's documents are; loaded models and built tables (maxsize 1–8) stay
import functools, gc
per_text = [o for o in gc.get_objects() if isinstance(o, functools._lru_cache_wrapper)
            and getattr(o, "__module__", "").startswith("plantrace") and (o.cache_info().maxsize or 0) > 8]
print("ready", flush=True)
for _ in sys.stdin:
    for cached in per_text:
        cached.cache_clear()
    start = time.perf_counter()
    for f in files:
        extract_file(f)
    print(time.perf_counter() - start, flush=True)
"""


def package_of(tree: Path, into: Path) -> Path:
    """A folder holding `plantrace` as the install maps it: the shared package with the stage folders inside."""
    pkg = into / "plantrace"
    pkg.mkdir(parents=True)
    for item in (tree / "plantrace").iterdir():
        (pkg / item.name).symlink_to(item)
    for stage in STAGES:
        (pkg / stage).symlink_to(tree / stage, target_is_directory=True)
    return into


def worktree(rev: str, into: Path) -> Path:
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-f", "-q", str(into), rev], check=True)
    return into


class Worker:
    def __init__(self, package_root: Path, samples: Path):
        site = sysconfig.get_paths()["purelib"]
        self.proc = subprocess.Popen([sys.executable, "-S", "-c", WORKER, str(package_root), site, str(samples)],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=package_root)
        if self.proc.stdout.readline().strip() != "ready":
            raise SystemExit(f"worker for {package_root} did not start")

    def round(self) -> float:
        self.proc.stdin.write("go\n")
        self.proc.stdin.flush()
        return float(self.proc.stdout.readline())

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait()


def compare(a: Worker, b: Worker, rounds: int) -> dict:
    ta, tb = [], []
    for i in range(rounds):
        for w in ((a, b) if i % 2 == 0 else (b, a)):
            (ta if w is a else tb).append(w.round())
    ratios = [y / x for x, y in zip(ta, tb)]
    return {"a_median_s": statistics.median(ta), "b_median_s": statistics.median(tb),
            "ratio": statistics.median(ratios), "ratio_min": min(ratios), "ratio_max": max(ratios), "rounds": rounds}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("base", help="the commit to compare against (A)")
    ap.add_argument("other", nargs="?", help="the commit measured (B); default: the working tree")
    ap.add_argument("--rounds", type=int, default=30)
    args = ap.parse_args(argv)
    samples = ROOT / "corpus" / "sample" / "text"
    with tempfile.TemporaryDirectory(prefix="plantrace-compare-") as tmp:
        tmp_path = Path(tmp)
        trees = []
        try:
            a_tree = worktree(args.base, tmp_path / "a")
            trees.append(a_tree)
            if args.other:
                b_tree = worktree(args.other, tmp_path / "b")
                trees.append(b_tree)
            else:
                b_tree = ROOT
            a = Worker(package_of(a_tree, tmp_path / "pkg_a"), samples)
            b = Worker(package_of(b_tree, tmp_path / "pkg_b"), samples)
            try:
                r = compare(a, b, max(args.rounds, 2))
            finally:
                a.close()
                b.close()
        finally:
            for t in trees:
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(t)], check=False)
    other = args.other or "working tree"
    print(f"A {args.base}: {r['a_median_s'] * 1000:.0f} ms a round (median)")
    print(f"B {other}: {r['b_median_s'] * 1000:.0f} ms a round (median)")
    print(f"B / A: {r['ratio']:.3f} (median of {r['rounds']} alternated rounds; range {r['ratio_min']:.2f}–"
          f"{r['ratio_max']:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
