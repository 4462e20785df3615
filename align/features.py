"""Evidence columns for candidate pairs, computed a block at a time as matrices (never a Python loop over pairs).

Each feature is a function of two prepared item frames returning an (len(a), len(b)) float32 matrix in
[0, 1], or NaN where the feature has no evidence (neither text has a number). Features are registered by name,
like rapidfuzz scorers they are interchangeable, and every one is kept with the link it helped to make, so a
decision can always be explained (Splink-style).
"""

from __future__ import annotations

import math
from functools import lru_cache
from collections import Counter
from typing import Callable, Iterable

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

FEATURES: dict[str, Callable[[pd.DataFrame, pd.DataFrame, "Context"], np.ndarray]] = {}
WORKERS = -1  # rapidfuzz's cdist on every core, for blocks big enough to pay for the threads
PARALLEL_PAIRS = 250_000


def feature(name: str):
    def wrap(fn):
        FEATURES[name] = fn
        return fn

    return wrap


class Context:
    """What features need from the whole corpus: document frequencies of lemmas (for rarity weights)."""

    def __init__(self, lemma_sets: Iterable[frozenset[str]]):
        df = Counter()
        n = 0
        for s in lemma_sets:
            df.update(s)
            n += 1
        self.n = max(n, 1)
        self.idf = {t: math.log((1 + self.n) / (1 + c)) + 1.0 for t, c in df.items()}

    def weight(self, term: str) -> float:
        return self.idf.get(term, math.log(1 + self.n) + 1.0)


def compound_terms(lemmas: Iterable[str], vocabulary: set[str]) -> frozenset[str]:
    """Lemmas plus the compound heads they end in ("skolnärvaro" → "närvaro", "institutionsplacering" →
    "placering"), when the head is itself a word of the corpus: Swedish writes one concept as one word."""
    out = set()
    for lemma in lemmas:
        out.add(lemma)
        for k in range(3, len(lemma) - 3):  # head of at least 4 letters after a first part of at least 3
            head = lemma[k:]
            if head in vocabulary:
                out.add(head)
                # and the first part, with or without its linking s: "hemmaplansinsats" ~ "insats på hemmaplan"
                first = lemma[:k]
                for part in (first, first[:-1] if first.endswith("s") else None):
                    if part and len(part) >= 4 and part in vocabulary:
                        out.add(part)
                        break
                break  # the longest head is enough
    for words, canonical in domain_synonyms():
        if words <= out:
            out.add(canonical)
    return frozenset(out)


@lru_cache(maxsize=1)
def domain_synonyms() -> tuple[tuple[frozenset[str], str], ...]:
    """(lemmas of a synonym, the term its group is counted as), from nlp_models/data/synonyms.tsv, lemmatised on
    load; a multi-word synonym ("ekonomiskt bistånd") counts when all its lemmas are in the item."""
    from importlib.resources import files

    from plantrace.align.normalise import lemma_sequence

    out = []
    text = files("plantrace.nlp_models").joinpath("data/synonyms.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        groups = [lemma_sequence(w) or (w.lower(),) for w in line.split("\t") if w.strip()]
        canonical = "_".join(groups[0])
        for words in groups[1:]:
            out.append((frozenset(words), canonical))
        if len(groups[0]) > 1:  # a multi-word head term is itself counted as its joined form
            out.append((frozenset(groups[0]), canonical))
    return tuple(out)


def _cdist(a: pd.Series, b: pd.Series, scorer) -> np.ndarray:
    workers = WORKERS if len(a) * len(b) >= PARALLEL_PAIRS else 1
    m = process.cdist(list(a), list(b), scorer=scorer, dtype=np.uint8, workers=workers)
    return m.astype(np.float32) / 100.0


@feature("token_set")
def token_set(a, b, ctx):
    """Token-set similarity of the content lemmas: reordering and extra words do not count against a pair,
    and stop words, actors and places are left out so they cannot make it."""
    return _cdist(a["content"], b["content"], fuzz.token_set_ratio)


@feature("ratio")
def ratio(a, b, ctx):
    """Edit-distance similarity of the whole lemma key: high only for restatements and typos."""
    return _cdist(a["key"], b["key"], fuzz.ratio)


def _term_matrix(sets: list, vocab: dict[str, int]) -> np.ndarray:
    m = np.zeros((len(sets), len(vocab)), dtype=np.float32)
    for i, s in enumerate(sets):
        for t in s:
            m[i, vocab[t]] = 1.0
    return m


def set_matrices(a_sets, b_sets) -> tuple[np.ndarray, np.ndarray, dict[str, int]]:
    """Binary item × term matrices of two lists of sets over their joint vocabulary."""
    a_sets, b_sets = list(a_sets), list(b_sets)
    vocab: dict[str, int] = {}
    for s in a_sets + b_sets:
        for t in s:
            vocab.setdefault(t, len(vocab))
    return _term_matrix(a_sets, vocab), _term_matrix(b_sets, vocab), vocab


def _ratio(num: np.ndarray, den: np.ndarray, empty: float) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, num / den, empty).astype(np.float32)


def _overlap(ma: np.ndarray, mb: np.ndarray, empty: float) -> np.ndarray:
    """Overlap coefficient |A ∩ B| / min(|A|, |B|)."""
    return _ratio(ma @ mb.T, np.minimum(ma.sum(1)[:, None], mb.sum(1)[None, :]), empty)


def _jaccard(ma: np.ndarray, mb: np.ndarray, empty: float) -> np.ndarray:
    inter = ma @ mb.T
    return _ratio(inter, ma.sum(1)[:, None] + mb.sum(1)[None, :] - inter, empty)


@feature("containment")
def containment(a, b, ctx):
    """Share of the shorter item's content terms found in the other (overlap coefficient): a goal restated
    inside a longer report heading is contained in it. (rapidfuzz's partial_ratio says much the same on
    characters at a twentieth of the speed.)"""
    ma, mb, _ = set_matrices(a["terms"], b["terms"])
    return _overlap(ma, mb, 0.0)


@feature("rare_terms")
def rare_terms(a, b, ctx):
    """Weighted Dice overlap of content lemmas and compound heads, rare terms weighing more (idf)."""
    ma, mb, vocab = set_matrices(a["terms"], b["terms"])
    w = np.array([ctx.weight(t) for t in vocab], dtype=np.float32)
    return _ratio(2 * (ma * w) @ mb.T, (ma @ w)[:, None] + (mb @ w)[None, :], 0.0)


@feature("numbers")
def numbers(a, b, ctx):
    """Agreement of the numbers, amounts and percentages (masked out of the key); NaN when neither has any,
    0 when only one has: "minska med 5 %" and "minska med 30 %" share every word but not the target."""
    return _jaccard(*set_matrices(a["numbers"], b["numbers"])[:2], np.nan)


@feature("themes")
def themes(a, b, ctx):
    """Shared themes (Jaccard of theme sets); NaN when neither item has a theme."""
    return _jaccard(*set_matrices(a["themes"], b["themes"])[:2], np.nan)


@feature("theme_overlap")
def theme_overlap(a, b, ctx):
    """Share of the smaller theme set found in the other (overlap coefficient): an item about one theme is
    fully about a theme of a broader item; NaN when either has none."""
    return _overlap(*set_matrices(a["themes"], b["themes"])[:2], np.nan)


@feature("level")
def level(a, b, ctx):
    """Same goal level (council / committee / sub); NaN when either has none (assignments, indicators)."""
    la, lb = a["level"].to_numpy(dtype=object), b["level"].to_numpy(dtype=object)
    known = np.array([isinstance(x, str) for x in la])[:, None] & np.array([isinstance(x, str) for x in lb])[None, :]
    same = (la[:, None] == lb[None, :]).astype(np.float32)
    return np.where(known, same, np.nan).astype(np.float32)


def features_at(feats: dict[str, np.ndarray], i: int, j: int) -> dict:
    """One pair's evidence as kept with its link: rounded values, None where a feature had no evidence."""
    return {k: (None if np.isnan(v[i, j]) else round(float(v[i, j]), 3)) for k, v in feats.items()}


def pair_features(a: pd.DataFrame, b: pd.DataFrame, ctx: Context, names: Iterable[str] | None = None) -> dict[str, np.ndarray]:
    return {name: FEATURES[name](a, b, ctx) for name in (names or FEATURES)}


# Explicit weights of the combined score, chosen with the threshold on the labelled pairs (align/README.md).
# A NaN feature contributes nothing and its weight is left out of the denominator: no evidence is neutral.
# Features without a weight are still computed and kept with the link as evidence.
WEIGHTS: dict[str, float] = {  # lineage: one item carried from one document of a series into the next
    "token_set": 2.0,
    "ratio": 1.0,
    "rare_terms": 3.0,
    "numbers": 0.5,
    "themes": 2.0,
    "level": 0.5,
}
FOLLOWUP_WEIGHTS: dict[str, float] = {  # a report section restating a plan item, often inside a longer heading
    **WEIGHTS,
    "containment": 1.0,
    "kind": 0.5,  # a section about an assignment for an assignment (set by the follow-up step)
}


def combine(features: dict[str, np.ndarray], weights: dict[str, float] | None = None) -> np.ndarray:
    weights = weights or WEIGHTS
    num = None
    den = None
    for name, w in weights.items():
        f = features.get(name)
        if f is None:
            continue
        known = ~np.isnan(f)
        contrib = np.where(known, f * w, 0.0)
        wt = np.where(known, w, 0.0)
        num = contrib if num is None else num + contrib
        den = wt if den is None else den + wt
    if num is None:
        raise ValueError("no features to combine")
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, num / den, 0.0).astype(np.float32)


# Words that name who writes or where, not what: every goal of Gävle's social committee may say
# "Socialnämnden" and "Gävle", so they would make any two items of a series look alike.
ACTOR_TERMS = frozenset("socialnämnd nämnd nämnden kommun kommunen förvaltning socialförvaltning kommunstyrelse "
                        "kommunfullmäktige fullmäktige socialtjänst stadsdel".split())


def context_terms() -> frozenset[str]:
    from plantrace.corpus.identify import kommuner

    names = {n.lower() for n in kommuner()}
    return ACTOR_TERMS | names | {n + "s" for n in names}


def prepare(items: pd.DataFrame, normalised: list | None = None, themes: list | None = None) -> pd.DataFrame:
    """Add the columns features read: key, lemmas, numbers, years, terms (content lemmas with compound
    heads, without actor and place names), themes. `normalised` and `themes` (one per row, from the cache)
    skip the normalisation and the theme matching."""
    from plantrace.align.normalise import normalise_many
    from plantrace.align.themes import assign_themes

    norms = normalised if normalised is not None else normalise_many(items["text"].fillna("").tolist())
    out = items.copy()
    out["key"] = [n.key for n in norms]
    out["lemmas"] = [n.lemmas for n in norms]
    out["numbers"] = [n.numbers for n in norms]
    out["years"] = [n.years for n in norms]
    drop = context_terms()
    content = [tuple(t for t in n.lemmas if t not in drop) for n in norms]
    out["content"] = [" ".join(c) for c in content]
    vocabulary = {t for c in content for t in c}
    out["terms"] = [compound_terms(c, vocabulary) for c in content]
    matches = themes if themes is not None else [assign_themes(n) for n in norms]
    out["themes"] = [tuple(t for t, _s, _c in m) for m in matches]
    out["theme_cues"] = [{t: list(c) for t, _s, c in m} for m in matches]
    return out
