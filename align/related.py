"""Related items across municipalities: goals, assignments and indicators about the same thing.

Wording rarely carries over between municipalities, so only items that share a theme are ever compared, and
each item keeps its few best counterparts per other municipality (`TOP_K`) that score above the threshold.
Kinds may differ: an Uppsala indicator ("Andel öppenvård i egen regi") is related to a Gävle goal ("minska
antalet externa placeringar till förmån för öppenvårdsinsatser").

At scale the pairs are not all scored: a theme block small enough (`DENSE_PAIRS`) is compared in full, a
larger one through candidates — items sharing a rare content term (an inverted index, rarest terms first until
`TERM_PAIRS`) and neighbours in the block sorted by wording (`WINDOW`, which finds near-copies whose every term
is common). Candidates are then scored pair by pair with the same features, in one vectorised pass. Links stay
bounded: at most `MAX_LINKS` related links per item, direct ones first, so their number grows linearly with
the items rather than with the square of the municipalities.
"""

from __future__ import annotations


import numpy as np
import pandas as pd

from plantrace.align.features import Context, PairScorer, combine, features_of
from plantrace.align.lineage import Thresholds

RELATED_KINDS = ("goal", "assignment", "indicator")
TOP_K = 4  # counterparts kept per item (thread) and other municipality
MAX_LINKS = 20  # related links per item, spread ones included
DENSE_PAIRS = 50_000  # a theme block with at most this many pairs (about 300 items) is compared in full
TERM_PAIRS = 20  # pairs per item an inverted index of a larger block may propose (rarest terms first)
WINDOW = 12  # neighbours compared in a block sorted by wording
CHUNK_PAIRS = 250_000  # candidate pairs scored at a time
# Across municipalities the shared theme is the main evidence and wording the tie-breaker (align/README.md).
RELATED_WEIGHTS = {"theme_overlap": 3.0, "rare_terms": 2.0, "token_set": 1.0, "containment": 1.0}


def related_pool(items: pd.DataFrame) -> pd.DataFrame:
    pool = items[items["kind"].isin(RELATED_KINDS) & ~items["placeholder"] & items["municipality"].notna()]
    return pool[pool["themes"].map(len) > 0].reset_index(drop=True)


def related(items: pd.DataFrame, ctx: Context, th: Thresholds, weights=None, top_k: int | None = None,
            rejected: set | None = None, limit: int | None = None, score_pairs=None, focus: set | None = None,
            taken: list[dict] | None = None) -> list[dict]:
    """Direct related links (each pair once, best first): the `top_k` best per item and other municipality,
    and with `limit` no more than that many per item (the best first). `score_pairs(scorer, i, j)` computes
    the candidates' features elsewhere (align.distributed: on a Dask cluster). With `focus` (refs) only pairs
    with an end among them are scored, and `taken` (links kept from an earlier run) count against `limit`."""
    pool = related_pool(items)
    if pool.empty:
        return []
    muni = pd.factorize(pool["municipality"], sort=True)[0].astype(np.int64)
    i, j = candidate_pairs(pool, muni)
    refs = pool["ref"].to_numpy(dtype=object)
    if focus is not None:
        near = pool["ref"].isin(focus).to_numpy()
        on = near[i] | near[j]
        i, j = i[on], j[on]
    if not len(i):
        return []
    scorer = PairScorer(pool, ctx)
    feats = score_pairs(scorer, i, j) if score_pairs else score_in_chunks(scorer, i, j)
    score = combine(feats, weights or RELATED_WEIGHTS)
    if rejected:
        out = np.array([(a, b) in rejected for a, b in zip(refs[i], refs[j])], dtype=bool)
        score = np.where(out, -1.0, score).astype(np.float32)
    keep = np.nonzero(top_per_municipality(i, j, score, muni, top_k or TOP_K) & (score >= th.related))[0]
    keep = keep[np.lexsort((j[keep], i[keep], -score[keep]))]
    if limit is not None:
        degree = np.zeros(len(pool), dtype=np.int64)
        if taken:
            row = {r: k for k, r in enumerate(refs)}
            for link in taken:
                for r in (link["a"], link["b"]):
                    if r in row:
                        degree[row[r]] += 1
        keep = _bounded(i, j, keep, degree, limit)
    themes = pool["themes"].to_numpy(dtype=object)
    links = []
    for k in keep:
        a, b = int(i[k]), int(j[k])
        features = features_of(feats, k)
        features["shared_themes"] = sorted(set(themes[a]) & set(themes[b]))
        links.append({"a": refs[a], "b": refs[b], "relation": "related", "score": round(float(score[k]), 3),
                      "features": features})
    return links


def score_in_chunks(scorer: PairScorer, i: np.ndarray, j: np.ndarray) -> dict[str, np.ndarray]:
    """Candidate features a chunk at a time: a set intersection expands every pair into its terms, which for
    millions of pairs held more memory than everything else of a run."""
    parts = [scorer.features(i[s:s + CHUNK_PAIRS], j[s:s + CHUNK_PAIRS]) for s in range(0, len(i), CHUNK_PAIRS)]
    return {name: np.concatenate([p[name] for p in parts]) for name in parts[0]}


def _bounded(i: np.ndarray, j: np.ndarray, order: np.ndarray, degree: np.ndarray, limit: int) -> np.ndarray:
    """The pairs (taken in `order`, best first) such that no item is in more than `limit` (counting `degree`,
    the links it already has)."""
    out = []
    for k, a, b in zip(order.tolist(), i[order].tolist(), j[order].tolist()):
        if degree[a] < limit and degree[b] < limit:
            degree[a] += 1
            degree[b] += 1
            out.append(k)
    return np.array(out, dtype=np.int64)


def candidate_pairs(pool: pd.DataFrame, muni: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Row pairs (i < j) of different municipalities that share a theme and may be related."""
    found = []
    theme_codes = {}
    for row, ts in enumerate(pool["themes"]):
        for t in ts:
            theme_codes.setdefault(t, []).append(row)
    content = pool["content"].to_numpy(dtype=object)
    terms = pool["terms"].to_numpy(dtype=object)
    for theme in sorted(theme_codes):
        members = np.array(theme_codes[theme], dtype=np.int64)
        n = len(members)
        if n < 2:
            continue
        if n * (n - 1) // 2 <= DENSE_PAIRS:
            a, b = np.triu_indices(n, 1)
            found.append((members[a], members[b]))
            continue
        found.append(_term_pairs(members, terms))
        found.append(_neighbour_pairs(members, content, muni))
    if not found:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    i = np.concatenate([f[0] for f in found])
    j = np.concatenate([f[1] for f in found])
    lo, hi = np.minimum(i, j), np.maximum(i, j)
    keep = muni[lo] != muni[hi]
    code = np.unique(lo[keep] * len(pool) + hi[keep])
    return code // len(pool), code % len(pool)


def _term_pairs(members: np.ndarray, terms: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pairs sharing a content term, rarest terms first, until the block's budget of pairs (`TERM_PAIRS` per
    item) is spent: a term every item has proposes every pair and says nothing."""
    postings: dict[str, list[int]] = {}
    for m in members:
        for t in terms[m]:
            postings.setdefault(t, []).append(int(m))
    budget = TERM_PAIRS * len(members)
    a_parts, b_parts = [], []
    for t in sorted(postings, key=lambda t: (len(postings[t]), t)):
        p = np.array(postings[t], dtype=np.int64)
        cost = len(p) * (len(p) - 1) // 2
        if cost > budget:
            break
        if cost:
            x, y = np.triu_indices(len(p), 1)
            a_parts.append(p[x])
            b_parts.append(p[y])
            budget -= cost
    if not a_parts:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.concatenate(a_parts), np.concatenate(b_parts)


def _neighbour_pairs(members: np.ndarray, content: np.ndarray, muni: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted-neighbourhood pairs: the block sorted by its content terms (in order, and alphabetised), each
    item with its next `WINDOW`: near-copies sit side by side however common their words are. Copies of one
    wording are interleaved by municipality, so an item's neighbours are other municipalities' copies."""
    a_parts, b_parts = [], []
    for key in (lambda s: s, lambda s: " ".join(sorted(s.split()))):
        frame = pd.DataFrame({"key": [key(content[m]) for m in members], "muni": muni[members]})
        frame["copy"] = frame.groupby(["key", "muni"], sort=False).cumcount()
        order = members[np.lexsort((frame["muni"].to_numpy(), frame["copy"].to_numpy(),
                                    pd.factorize(frame["key"], sort=True)[0]))]
        for step in range(1, WINDOW + 1):
            a_parts.append(order[:-step])
            b_parts.append(order[step:])
    return np.concatenate(a_parts), np.concatenate(b_parts)


def top_per_municipality(i: np.ndarray, j: np.ndarray, score: np.ndarray, muni: np.ndarray, k: int) -> np.ndarray:
    """A pair is kept when it is among the `k` best of either item for the other's municipality (ties: the
    earlier item first)."""
    n_muni = int(muni.max()) + 1
    n = len(i)
    here, there = np.concatenate([i, j]), np.concatenate([j, i])  # each pair seen from both of its items
    group = here * n_muni + muni[there]
    order = np.lexsort((there, -np.concatenate([score, score]), group))
    g = group[order]
    start = np.r_[True, g[1:] != g[:-1]]
    first = np.maximum.accumulate(np.where(start, np.arange(len(g)), 0))
    chosen = order[(np.arange(len(g)) - first) < k]
    keep = np.zeros(n, dtype=bool)
    keep[chosen % n] = True
    return keep
