"""Reproducible build of the shipped pipeline from the repository's own data (no network, fixed seed).

Why a small loop of our own instead of `spacy train`: only the role classifier learns; the held-out split must
be grouped (a gold goal and its numbered copy in the text must land on the same side) and stratified per role,
and hand-written lines (data/roles_written.jsonl) may only ever be training data. Everything else — the
components, the classifier's architecture, the hyper-parameters — comes from config.cfg.

The held-out split draws units of the same documents as the training units, so its figure is in-sample for a
layout; `evaluate_grouped` (bench/role_eval.py) leaves whole documents or layouts out, the nearer figure for
documents of other municipalities and producers.
"""

from __future__ import annotations

import csv
import hashlib
import json
import platform
import random
from collections import defaultdict
from importlib import metadata
from pathlib import Path

import spacy
from spacy.training import Example
from spacy.util import compounding, fix_random_seed, load_config, load_model_from_config, minibatch, registry

from . import entities, lemmas, segment  # noqa: F401  (registers the factories)
from .roles import ROLES, prepare
from .status import STATUS_MODEL_DIR, STATUSES, classify_status, model_text, read_status, status_match

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
CONFIG = HERE / "config.cfg"
MODEL_DIR = HERE / "model"
STATUS_CONFIG = HERE / "status.cfg"  # the status model is saved inside the shipped model: STATUS_MODEL_DIR
# roles_fixtures.jsonl is generated from the development fixtures by fixtures.py
ROLE_FILES = ("roles.jsonl", "roles_written.jsonl", "roles_fixtures.jsonl")


def load_rows(data_dir: Path = DATA) -> list[dict]:
    """Labelled units, de-duplicated on their prepared text (first occurrence wins)."""
    rows, seen = [], set()
    for name in ROLE_FILES:
        path = data_dir / name
        if not path.exists() and name == "roles_fixtures.jsonl":
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            key = prepare(row["text"]).lower()
            if key and key not in seen and row["label"] in ROLES:
                seen.add(key)
                rows.append(row)
    return rows


def split(rows: list[dict], seed: int, test_fraction: float) -> tuple[list[dict], list[dict]]:
    """Held-out test rows: a seeded, per-role share of the *groups* of real rows; written rows always train."""
    groups: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        if row["source"] == "written":
            continue
        groups[row.get("group") or prepare(row["text"]).lower()].append(row)
    by_role: dict[str, list[str]] = defaultdict(list)
    for key, members in sorted(groups.items()):
        by_role[members[0]["label"]].append(key)
    rng = random.Random(seed)
    test_keys: set[str] = set()
    for role in ROLES:
        keys = by_role.get(role, [])
        rng.shuffle(keys)
        test_keys.update(keys[: max(1, round(len(keys) * test_fraction))] if len(keys) >= 3 else [])
    test = [r for k in sorted(test_keys) for r in groups[k]]
    test_ids = {id(r) for r in test}
    train_rows = [r for r in rows if id(r) not in test_ids]
    return train_rows, test


def load_status_rows(data_dir: Path = DATA) -> list[dict]:
    """Status phrases of every set (data/status_phrases*.tsv), each with its `set`; a text met twice counts once."""
    rows, seen = [], set()
    for path in sorted(data_dir.glob("status_phrases*.tsv")):
        with path.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
                key = " ".join(row["text"].split()).lower()
                if key and key not in seen and row["status"] in STATUSES:
                    seen.add(key)
                    rows.append({**row, "set": path.stem})
    return rows


def data_digest(data_dir: Path = DATA, pattern: str = "*") -> str:
    digest = hashlib.sha256()
    for path in sorted(data_dir.glob(pattern)):
        if path.is_file() and path.suffix != ".md":
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def build(config_path: Path = CONFIG, seed: int = 0) -> tuple[spacy.Language, dict]:
    """The untrained pipeline described by config.cfg, and its [plantrace_training] settings."""
    config = load_config(config_path, overrides={"system.seed": seed})
    nlp = load_model_from_config(config, auto_fill=True, validate=True)
    settings = registry.resolve(config["plantrace_training"])
    return nlp, settings


def examples(nlp: spacy.Language, rows: list[dict]) -> list[Example]:
    return [Example.from_dict(nlp.make_doc(prepare(r["text"])), {"cats": {role: float(role == r["label"]) for role in ROLES}})
            for r in rows]


def evaluate(nlp: spacy.Language, rows: list[dict]) -> dict:
    """Accuracy, macro-F1 and per-role precision/recall/F1 of the role classifier on `rows`."""
    return score(rows, predict(nlp, rows))


def predict(nlp: spacy.Language, rows: list[dict]) -> list[str]:
    from . import classify_roles

    return [role for role, _score in classify_roles([r["text"] for r in rows], nlp=nlp)]


def score(rows: list[dict], predicted: list[str]) -> dict:
    """The figures of `evaluate` for given predictions; macro-F1 averages the roles present in `rows`."""
    gold = [r["label"] for r in rows]
    per_role = {}
    for role in ROLES:
        tp = sum(p == g == role for p, g in zip(predicted, gold))
        fp = sum(p == role != g for p, g in zip(predicted, gold))
        fn = sum(g == role != p for p, g in zip(predicted, gold))
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per_role[role] = {"p": round(prec, 3), "r": round(rec, 3), "f1": round(f1, 3), "n": tp + fn}
    present = [m["f1"] for m in per_role.values() if m["n"]]
    return {
        "n": len(rows),
        "accuracy": round(sum(p == g for p, g in zip(predicted, gold)) / max(1, len(rows)), 3),
        "macro_f1": round(sum(present) / max(1, len(present)), 3),
        "per_role": per_role,
        "errors": [{"text": r["text"][:120], "gold": g, "predicted": p}
                   for r, g, p in zip(rows, gold, predicted) if g != p],
    }


def fit(nlp: spacy.Language, settings: dict, train_rows: list[dict], seed: int) -> spacy.Language:
    """Initialise every component from config.cfg's [initialize] and train the role classifier."""
    return _fit(nlp, settings, ROLES, lambda: examples(nlp, train_rows), seed)


def _fit(nlp: spacy.Language, settings: dict, labels, make_examples, seed: int) -> spacy.Language:
    fix_random_seed(seed)
    textcat = nlp.get_pipe("textcat")
    for label in labels:
        textcat.add_label(label)
    train_examples = make_examples()
    optimizer = settings["optimizer"]
    nlp.initialize(lambda: train_examples, sgd=optimizer)
    trained = set(settings["trained_components"])
    frozen = [name for name in nlp.pipe_names if name not in trained]
    rng = random.Random(seed)
    sizes = compounding(settings["batch_start"], settings["batch_stop"], settings["batch_compound"])
    for _epoch in range(settings["max_epochs"]):
        rng.shuffle(train_examples)
        for batch in minibatch(train_examples, size=sizes):
            nlp.update(batch, drop=settings["dropout"], sgd=optimizer, exclude=frozen)
    return nlp


def document_of(row: dict) -> str | None:
    """The document a labelled unit comes from ("sample/002", "<layout>/<fixture>"); None for written lines."""
    if row.get("doc"):
        return row["doc"]
    source = row["source"]
    if source.startswith(("corpus/", "pdf/")):
        return "sample/" + source.split("/", 1)[1]
    if source == "gold":  # an answer key's own text: the document the key is for ("002-g3")
        return "sample/" + row["group"].split("-", 1)[0]
    return None


def layout_of(row: dict) -> str | None:
    """The layout of a unit's document: the fixture's "layout" key; each sample document is its own layout."""
    return row.get("layout") or document_of(row)


GROUPINGS = {"document": document_of, "layout": layout_of}


def evaluate_grouped(by: str = "document", seed: int = 0, *, groups: list[str] | None = None,
                     config_path: Path = CONFIG, data_dir: Path = DATA) -> dict:
    """Leave one group out: for each document (by="document") or layout (by="layout"), train on every other
    group plus the written lines and score the held-out group's units. Unlike the held-out split of `train`,
    no unit of the scored document or layout is trained on, so this is the nearer figure for documents of
    other municipalities and producers. Pooled figures score all held-out predictions together.

    Returns {"by", "seed", "groups": [{"group", "n", "accuracy", "macro_f1", "per_role"}], "pooled", "mean",
    "subsets"}: subsets pools the held-out predictions of the sample documents and of the fixtures apart, and
    (by document) of each layout's documents.
    """
    key_of = GROUPINGS[by]
    rows = load_rows(data_dir)
    keys = [key_of(r) for r in rows]
    names = sorted({k for k in keys if k})
    if groups is not None:
        unknown = set(groups) - set(names)
        if unknown:
            raise ValueError(f"no units for {sorted(unknown)}; groups are {names}")
        names = [g for g in names if g in groups]
    figures = ("n", "accuracy", "macro_f1", "per_role")
    results, pooled_rows, pooled_pred = [], [], []
    for name in names:
        held = [r for r, k in zip(rows, keys) if k == name]
        rest = [r for r, k in zip(rows, keys) if k != name]
        nlp, settings = build(config_path, seed)
        fit(nlp, settings, rest, seed)
        predicted = predict(nlp, held)
        metrics = score(held, predicted)
        results.append({"group": name, **{k: metrics[k] for k in figures}})
        pooled_rows += held
        pooled_pred += predicted
    pooled = score(pooled_rows, pooled_pred)
    subsets: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(pooled_rows):
        subsets["fixtures" if row.get("doc") else "samples"].append(i)
        if by == "document" and row.get("layout"):
            subsets[f"layout {row['layout']}"].append(i)
    return {"by": by, "seed": seed, "groups": results,
            "pooled": {k: pooled[k] for k in figures},
            "mean": {"macro_f1": round(sum(g["macro_f1"] for g in results) / max(1, len(results)), 3),
                     "accuracy": round(sum(g["accuracy"] for g in results) / max(1, len(results)), 3)},
            "subsets": {name: {k: v for k, v in score([pooled_rows[i] for i in idx],
                                                      [pooled_pred[i] for i in idx]).items() if k in figures}
                        for name, idx in sorted(subsets.items())}}


def cross_validate(folds: int = 5, seed: int = 0, overrides: dict | None = None, config_path: Path = CONFIG,
                   data_dir: Path = DATA) -> dict:
    """Mean macro-F1 of grouped k-fold cross-validation on the *training* split only (the held-out split is
    never looked at), for choosing config.cfg's settings: `cross_validate(overrides={"plantrace_training.max_epochs": 30})`.
    """
    config = load_config(config_path, overrides={"system.seed": seed, **(overrides or {})})
    settings = registry.resolve(config["plantrace_training"])
    train_rows, _test = split(load_rows(data_dir), seed, settings["test_fraction"])
    real = [r for r in train_rows if r["source"] != "written"]
    written = [r for r in train_rows if r["source"] == "written"]
    keys = sorted({r.get("group") or prepare(r["text"]).lower() for r in real})
    random.Random(seed).shuffle(keys)
    fold_of = {k: i % folds for i, k in enumerate(keys)}
    scores = []
    for fold in range(folds):
        held = [r for r in real if fold_of[r.get("group") or prepare(r["text"]).lower()] == fold]
        rest = [r for r in real if fold_of[r.get("group") or prepare(r["text"]).lower()] != fold] + written
        nlp = load_model_from_config(config, auto_fill=True, validate=True)
        fit(nlp, registry.resolve(config["plantrace_training"]), rest, seed)
        scores.append(evaluate(nlp, held))
    return {"macro_f1": round(sum(s["macro_f1"] for s in scores) / folds, 3),
            "accuracy": round(sum(s["accuracy"] for s in scores) / folds, 3)}


def build_status(config_path: Path = STATUS_CONFIG, seed: int = 0, overrides: dict | None = None
                 ) -> tuple[spacy.Language, dict]:
    """The untrained status model described by status.cfg, its training settings and its [plantrace_status]."""
    config = load_config(config_path, overrides={"system.seed": seed, **(overrides or {})})
    nlp = load_model_from_config(config, auto_fill=True, validate=True)
    settings = registry.resolve(config["plantrace_training"])
    nlp.meta["plantrace"] = dict(config["plantrace_status"])
    return nlp, settings


def fit_status(nlp: spacy.Language, settings: dict, rows: list[dict], seed: int) -> spacy.Language:
    lemmatizer = nlp.get_pipe("plantrace_lemmatizer")

    def make():
        return [Example.from_dict(lemmatizer(nlp.make_doc(model_text(r["text"]))),
                                  {"cats": {s: float(s == r["status"]) for s in STATUSES}}) for r in rows]

    return _fit(nlp, settings, STATUSES, make, seed)


READERS = ("rules", "model", "rules+model")


def evaluate_status_grouped(by: str = "municipality", seed: int = 0, folds: int = 5, *,
                            config_path: Path = STATUS_CONFIG, data_dir: Path = DATA,
                            overrides: dict | None = None) -> dict:
    """Held-out status accuracy: the phrases of a group of municipalities (by="municipality", `folds` groups)
    or of one whole phrase set (by="set") are scored by a model trained on all the others. Reported for the
    rules alone, the model alone and both (read_status) — the rules' figure is in-sample, since they were
    written after reading these sets; the model's is not."""
    rows = load_status_rows(data_dir)
    names = sorted({r["municipality"] for r in rows})
    random.Random(seed).shuffle(names)
    fold_of = {name: f"fold {i % folds}" for i, name in enumerate(names)}
    group_of = [r["set"] if by == "set" else fold_of[r["municipality"]] for r in rows]
    right = {reader: 0 for reader in READERS}
    per_group = []
    for group in sorted(set(group_of)):
        held = [r for r, g in zip(rows, group_of) if g == group]
        nlp, settings = build_status(config_path, seed, overrides)
        fit_status(nlp, settings, [r for r, g in zip(rows, group_of) if g != group], seed)
        got = {"rules": [status_match(r["text"]).status for r in held],
               "model": [s for s, _p in classify_status([r["text"] for r in held], nlp=nlp)],
               "rules+model": [read_status(r["text"], nlp=nlp).status for r in held]}
        counts = {reader: sum(g == r["status"] for g, r in zip(got[reader], held)) for reader in READERS}
        for reader in READERS:
            right[reader] += counts[reader]
        per_group.append({"group": group, "n": len(held),
                          **{reader: round(counts[reader] / len(held), 3) for reader in READERS}})
    return {"by": by, "seed": seed, "n": len(rows), "groups": per_group,
            "accuracy": {reader: round(right[reader] / len(rows), 3) for reader in READERS}}


def train_status(seed: int = 0, *, output: Path | str | None = STATUS_MODEL_DIR,
                 config_path: Path = STATUS_CONFIG, data_dir: Path = DATA) -> dict:
    """Build the status model from every phrase set and (unless output is None) save it."""
    from . import STATUS_MODEL_VERSION, clear_cache

    rows = load_status_rows(data_dir)
    nlp, settings = build_status(config_path, seed)
    fit_status(nlp, settings, rows, seed)
    metrics = {"seed": seed, "data_sha256": data_digest(data_dir, "status_phrases*"), "n_train": len(rows),
               "sets": sorted({r["set"] for r in rows}), "environment": numeric_environment()}
    if output is not None:
        name, version = STATUS_MODEL_VERSION.split("-", 1)
        nlp.meta.update({"name": name.split("_", 1)[1], "version": version, "description":
                         "plantrace status model: follow-up status of a line the rules leave undecided"})
        nlp.meta["plantrace"].update(metrics)
        nlp.to_disk(output)
        clear_cache()
    return metrics


def numeric_environment() -> dict:
    """What a trained model's bytes depend on besides the data and the seed: the numeric libraries' versions and the
    processor family (blis picks its kernels by processor). The same data and seed rebuild the same bytes only here."""
    cpu = Path("/proc/cpuinfo")
    fields: dict[str, str] = {}
    for line in cpu.read_text().splitlines() if cpu.exists() else []:
        key, _, value = line.partition(":")
        if not line.strip():
            break  # the first processor tells for all
        fields.setdefault(key.strip(), value.strip())
    # a virtual machine's name says only "AMD EPYC": its family, model and vector units tell which kernels blis takes
    vector = sorted(f for f in fields.get("flags", "").split() if f.startswith(("avx", "fma", "sse4")))
    return {**{lib: metadata.version(lib) for lib in ("spacy", "thinc", "numpy", "blis")},
            "machine": platform.machine(), "processor": fields.get("model name") or platform.processor(),
            "cpu": f"{fields.get('cpu family', '?')}/{fields.get('model', '?')}", "vector": " ".join(vector)}


def train(seed: int = 0, *, output: Path | str | None = MODEL_DIR, config_path: Path = CONFIG,
          data_dir: Path = DATA) -> dict:
    """Build, train, evaluate on the held-out split and (unless output is None) save the pipeline.

    Returns the metrics dict (also stored in the model's meta.json under "plantrace"). The status model is
    built with it and saved in its `status/` folder.
    """
    from . import MODEL_VERSION, clear_cache

    rows = load_rows(data_dir)
    nlp, settings = build(config_path, seed)
    train_rows, test_rows = split(rows, seed, settings["test_fraction"])
    fit(nlp, settings, train_rows, seed)
    held_out = evaluate(nlp, test_rows)
    metrics = {
        "model_version": MODEL_VERSION,
        "seed": seed,
        "data_sha256": data_digest(data_dir),
        "n_train": len(train_rows),
        "n_test": len(test_rows),
        "held_out": held_out,
        "train": {k: v for k, v in evaluate(nlp, train_rows).items() if k in ("accuracy", "macro_f1")},
    }
    if output is not None:
        name, version = MODEL_VERSION.split("-", 1)
        nlp.meta.update({"name": name.split("_", 1)[1], "version": version, "description":
                         "plantrace Swedish plan-language pipeline: segmentation, lemmas, entities, roles",
                         "plantrace": {**metrics, "held_out": {k: v for k, v in held_out.items() if k != "errors"},
                                       "simplemma": metadata.version("simplemma"),
                                       "environment": numeric_environment()}})
        nlp.to_disk(output)
        clear_cache()
    metrics["status"] = train_status(seed, output=None if output is None else Path(output) / "status",
                                     data_dir=data_dir)
    return metrics
