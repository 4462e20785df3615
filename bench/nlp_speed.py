"""Speed of the shipped NLP pipeline: words/s of nlp.pipe over the corpus texts, load time, role lines/s.

    python bench/nlp_speed.py [--mb 5] [--texts DIR] [--n-process 1] [--out bench/results/nlp.json]

Words are `\\w+` runs (what a reader would count), so the figure does not depend on spaCy's tokenization.
The texts are the shared corpus (../shared/corpus/text, else corpus/sample/text) repeated to --mb megabytes.
One warm-up document is processed before timing, so the one-off cost of simplemma's dictionary (decoded on the
first lemma) is reported separately as "first document", as is load() in a fresh interpreter.
The status normaliser is timed against bare tokenization (nlp.make_doc), the least a spaCy Matcher would need.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORD = re.compile(r"\w+")


def find_texts(arg: str | None) -> list[Path]:
    for folder in ([Path(arg)] if arg else [ROOT.parent / "shared" / "corpus" / "text", ROOT / "corpus" / "sample" / "text"]):
        files = sorted(folder.glob("*.txt"))
        if files:
            return files
    raise SystemExit("no corpus texts found (use --texts DIR)")


def fresh_load_times() -> dict:
    code = ("import time; t0 = time.perf_counter(); import spacy; t1 = time.perf_counter(); "
            "import plantrace.nlp_models as nm; nlp = nm.load(); t2 = time.perf_counter(); "
            "nlp('Socialnämnden uppdras att minska kostnaderna med 5 mnkr.'); t3 = time.perf_counter(); "
            "print(t1 - t0, t2 - t1, t3 - t2)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    spacy_import, load, first_doc = map(float, out)
    return {"import_spacy_s": round(spacy_import, 3), "load_s": round(load, 3), "first_document_s": round(first_doc, 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=5.0)
    parser.add_argument("--texts")
    parser.add_argument("--n-process", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs; the best is reported")
    parser.add_argument("--out")
    args = parser.parse_args()

    import plantrace.nlp_models as nm
    from plantrace.nlp_models.status import normalise_status

    files = find_texts(args.texts)
    sources = [f.read_text(encoding="utf-8") for f in files]
    texts, size = [], 0
    while size < args.mb * 1_000_000:
        texts.append(sources[len(texts) % len(sources)])
        size += len(texts[-1].encode("utf-8"))
    words = sum(len(WORD.findall(t)) for t in texts)

    loads = fresh_load_times()
    nlp = nm.load()
    nlp(sources[0])  # warm-up: lemma dictionary, caches
    best = float("inf")
    for _ in range(args.repeat):
        start = time.perf_counter()
        n_ents = sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=32, n_process=args.n_process))
        best = min(best, time.perf_counter() - start)

    lines = [ln.strip() for t in sources for ln in t.splitlines() if ln.strip()] * 20
    start = time.perf_counter()
    nm.classify_roles(lines)
    roles_s = time.perf_counter() - start

    phrases = ["Ej genomfört.", "Uppdraget bedöms inte bli genomfört.", "Grön", "Delvis uppnått", "🙂",
               "Målet är inte uppnått under 2023.", "Arbetet har påbörjats men är ännu inte slutfört."] * 2000
    start = time.perf_counter()
    for p in phrases:
        normalise_status(p)
    status_us = (time.perf_counter() - start) / len(phrases) * 1e6
    start = time.perf_counter()
    for p in phrases:
        nlp.make_doc(p)
    tokenize_us = (time.perf_counter() - start) / len(phrases) * 1e6

    model_bytes = sum(f.stat().st_size for f in nm.MODEL_DIR.rglob("*") if f.is_file())
    result = {
        "machine": {"python": platform.python_version(), "cpus": __import__("os").cpu_count()},
        "model_version": nm.MODEL_VERSION,
        "corpus": {"files": len(files), "documents": len(texts), "megabytes": round(size / 1e6, 2), "words": words},
        "pipeline": {"seconds": round(best, 3), "words_per_s": round(words / best), "entities": n_ents,
                     "n_process": args.n_process, "components": nlp.pipe_names},
        "load": loads,
        "roles": {"lines": len(lines), "lines_per_s": round(len(lines) / roles_s)},
        "status": {"us_per_call": round(status_us, 1), "tokenize_only_us_per_call": round(tokenize_us, 1)},
        "model_megabytes": round(model_bytes / 1e6, 2),
    }
    print(json.dumps(result, indent=2, ensure_ascii=False))
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
