"""plantrace.nlp_models: the Swedish plan-language pipeline that plantrace trains, ships and measures.

    nlp = load()                      # cached spaCy pipeline from nlp_models/model/, no network
    doc = nlp(text)                   # doc.sents (items), token.lemma_, doc.ents (label, ent_id_)
    classify_roles(["Sida 3 av 15"])  # [("furniture", 0.97)]
    status.normalise_status("Ej genomfört.")  # ("not_done", "Ej genomfört")
    train(seed=0)                     # rebuild model/ from data/, returns held-out metrics
    training.evaluate_grouped("layout")  # leave one layout out: the honest figure (bench/role_eval.py)

Why a package-local model: extraction results record MODEL_VERSION, so a result can always be traced to the
exact pipeline that produced it; the model is rebuilt by `python -m plantrace.nlp_models.train`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

MODEL_VERSION = "sv_plantrace-0.1.0"
STATUS_MODEL_VERSION = MODEL_VERSION.replace("_plantrace-", "_plantrace_status-")  # built and shipped with it
MODEL_DIR = Path(__file__).resolve().parent / "model"

_cache: dict[str, object] = {}


def load(path: str | Path | None = None):
    """The trained pipeline (cached per path). Raises FileNotFoundError if it has not been built."""
    return load_model(path, MODEL_DIR, MODEL_VERSION, "pipeline")


def load_model(path: str | Path | None, default: Path, version: str, what: str):
    """A pipeline saved by `train` (cached per path); a shipped one (no path given) must be of `version`."""
    key = str(Path(path) if path else default)
    nlp = _cache.get(key)
    if nlp is None:
        import spacy

        from . import entities, lemmas, roles, segment  # noqa: F401  (register the factories and architecture)

        if not (Path(key) / "meta.json").exists():
            raise FileNotFoundError(f"no trained {what} in {key}: run `python -m plantrace.nlp_models.train`")
        nlp = spacy.load(key)
        built = f"{nlp.lang}_{nlp.meta.get('name')}-{nlp.meta.get('version')}"
        if path is None and built != version:
            raise RuntimeError(f"{what} in {key} is {built}, code expects {version}: retrain it")
        _cache[key] = nlp
        import gc

        # The pipeline lives as long as the process: move it (and the imports before it) out of the collector's
        # reach, so that the many short-lived objects of extraction do not make every full collection rescan it.
        gc.freeze()
    return nlp


def clear_cache() -> None:
    _cache.clear()


def classify_roles(texts: Iterable[str], *, nlp=None, batch_size: int = 256) -> list[tuple[str, float]]:
    """(role, probability) for each paragraph/bullet/line; roles are in `ROLES`."""
    from .roles import prepare

    nlp = nlp or load()
    textcat = nlp.get_pipe("textcat")
    docs = (nlp.make_doc(prepare(t)) for t in texts)
    out = []
    for doc in textcat.pipe(docs, batch_size=batch_size):
        role, score = max(doc.cats.items(), key=lambda kv: kv[1])
        out.append((role, float(score)))
    return out


def train(seed: int = 0, **kwargs) -> dict:
    """Rebuild the shipped pipeline from data/ (see training.train) and return its metrics."""
    from .training import train as _train

    return _train(seed, **kwargs)


def __getattr__(name: str):
    if name == "ROLES":
        from .roles import ROLES

        return ROLES
    raise AttributeError(name)
