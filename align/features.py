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
    from plantrace.identify import kommuner

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


# ------------------------------------------------------------------ the same features for a list of pairs
# Related items across hundreds of municipalities cannot be scored as full matrices; their candidates are
# scored pair by pair instead. The values equal the block matrices' at the same pairs (tests/test_align_scale.py).


class SetColumn:
    """One set-valued column of a frame as sorted (row, member) codes, so that the intersection of any list
    of row pairs is a vectorised lookup instead of a Python set operation per pair."""

    def __init__(self, sets, weight: Callable[[str], float] | None = None):
        sets = list(sets)
        vocab: dict[str, int] = {}
        for s in sets:
            for t in s:
                vocab.setdefault(t, len(vocab))
        self.vocab = vocab
        self.size = np.array([len(s) for s in sets], dtype=np.int64)
        self.indptr = np.concatenate([[0], np.cumsum(self.size)])
        self.members = np.array([c for s in sets for c in sorted(vocab[t] for t in s)], dtype=np.int64)
        self.rows = np.repeat(np.arange(len(sets), dtype=np.int64), self.size)
        self.codes = self.rows * max(len(vocab), 1) + self.members  # sorted: rows ascending, members sorted
        self.weights = None
        if weight is not None:
            w = np.array([weight(t) for t in vocab], dtype=np.float32)
            self.weights = w
            self.total = np.bincount(self.rows, weights=w[self.members], minlength=len(sets)).astype(np.float32)

    def intersect(self, i: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
        """|A_i ∩ B_j| per pair (and its weight, for a weighted column)."""
        n = len(i)
        lens = self.size[i]
        pair = np.repeat(np.arange(n, dtype=np.int64), lens)
        starts = np.repeat(self.indptr[i] - np.concatenate([[0], np.cumsum(lens)[:-1]]), lens)
        member = self.members[starts + np.arange(len(pair), dtype=np.int64)] if len(pair) else self.members[:0]
        query = j[pair] * max(len(self.vocab), 1) + member
        at = np.minimum(np.searchsorted(self.codes, query), max(len(self.codes) - 1, 0))
        hit = self.codes[at] == query if len(self.codes) else np.zeros(len(query), dtype=bool)
        count = np.bincount(pair[hit], minlength=n).astype(np.float32)
        weight = None
        if self.weights is not None:
            weight = np.bincount(pair[hit], weights=self.weights[member[hit]], minlength=n).astype(np.float32)
        return count, weight


def _cpdist(a: np.ndarray, b: np.ndarray, scorer) -> np.ndarray:
    if not len(a):
        return np.zeros(0, dtype=np.float32)
    workers = WORKERS if len(a) >= PARALLEL_PAIRS else 1
    return process.cpdist(list(a), list(b), scorer=scorer, dtype=np.uint8, workers=workers).astype(np.float32) / 100.0


class PairScorer:
    """Every feature of `FEATURES` for row pairs (i, j) of one prepared frame."""

    def __init__(self, items: pd.DataFrame, ctx: Context):
        self.content = items["content"].to_numpy(dtype=object)
        self.key = items["key"].to_numpy(dtype=object)
        self.terms = SetColumn(items["terms"], ctx.weight)
        self.numbers = SetColumn(items["numbers"])
        self.themes = SetColumn(items["themes"])
        lv = items["level"].to_numpy(dtype=object) if "level" in items else np.full(len(items), None, dtype=object)
        self.level = np.array([x if isinstance(x, str) else "" for x in lv], dtype=object)

    def features(self, i: np.ndarray, j: np.ndarray) -> dict[str, np.ndarray]:
        i, j = np.asarray(i, dtype=np.int64), np.asarray(j, dtype=np.int64)
        t_n, t_w = self.terms.intersect(i, j)
        n_n, _ = self.numbers.intersect(i, j)
        h_n, _ = self.themes.intersect(i, j)
        ts, ns, hs = self.terms.size, self.numbers.size, self.themes.size
        known = (self.level[i] != "") & (self.level[j] != "")
        return {
            "token_set": _cpdist(self.content[i], self.content[j], fuzz.token_set_ratio),
            "ratio": _cpdist(self.key[i], self.key[j], fuzz.ratio),
            "containment": _ratio(t_n, np.minimum(ts[i], ts[j]).astype(np.float32), 0.0),
            "rare_terms": _ratio(2 * t_w, self.terms.total[i] + self.terms.total[j], 0.0),
            "numbers": _ratio(n_n, (ns[i] + ns[j]).astype(np.float32) - n_n, np.nan),
            "themes": _ratio(h_n, (hs[i] + hs[j]).astype(np.float32) - h_n, np.nan),
            "theme_overlap": _ratio(h_n, np.minimum(hs[i], hs[j]).astype(np.float32), np.nan),
            "level": np.where(known, (self.level[i] == self.level[j]).astype(np.float32), np.nan).astype(np.float32),
        }


def features_of(feats: dict[str, np.ndarray], k: int) -> dict:
    """One pair's evidence from pairwise feature arrays (as `features_at` for matrices)."""
    return {name: (None if np.isnan(v[k]) else round(float(v[k]), 3)) for name, v in feats.items()}
