"""Lineage: within one municipality and committee, which item of a later document continues which item of an
earlier one, typed same / reworded / split / merged, and which items are new or dropped.

Documents of a series are ordered by period; each is compared with the next one and, for what found no
continuation there, with the one after (a gap year). Links are one-to-one best pairs above the threshold,
so a thread holds at most one item per document; a second strong partner on either side is kept as a
split or merged link beside the thread.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from plantrace.align.features import Context, combine, features_at, pair_features
from plantrace.align.overrides import apply_decisions

LINEAGE_KINDS = ("goal", "assignment", "indicator")
DOC_ORDER = {"plan": 0, "budget": 0, "protocol": 0, "internal_control": 1, "other": 1, "report": 2}


@dataclass
class Thresholds:
    """Chosen on labelled pairs (align/README.md, `plantrace.align.calibrate`), not guessed."""

    link: float = 0.48  # a mutual best pair at or above this continues
    same: float = 0.92  # ratio of the lemma keys at or above this: restated, not reworded
    split: float = 0.48  # a second partner at or above this (and best for it) makes a split / merge
    followup: float = 0.55
    related: float = 0.35


def series(docs: pd.DataFrame) -> dict[tuple, list[str]]:
    """(municipality, committee) → document hashes in period order (plans before reports of the same start)."""
    out: dict[tuple, list[str]] = {}
    known = docs.dropna(subset=["municipality", "committee", "period_start"])
    for key, group in known.groupby(["municipality", "committee"], sort=True):
        order = group.assign(_t=group["doc_type"].map(DOC_ORDER).fillna(1)).sort_values(
            ["period_start", "_t", "period_end", "source"])
        out[key] = order["document"].tolist()
    return out


def one_to_one(score: np.ndarray, threshold: float, blocked: np.ndarray | None = None) -> list[tuple[int, int]]:
    """Greedy best-first one-to-one pairs at or above the threshold (ties: earlier rows and columns first)."""
    s = score.copy()
    if blocked is not None:
        s[blocked] = -1.0
    ii, jj = np.nonzero(s >= threshold)
    order = np.lexsort((jj, ii, -s[ii, jj]))
    used_i, used_j, pairs = set(), set(), []
    for k in order:
        i, j = int(ii[k]), int(jj[k])
        if i not in used_i and j not in used_j:
            used_i.add(i)
            used_j.add(j)
            pairs.append((i, j))
    return pairs


def link_pair(a: pd.DataFrame, b: pd.DataFrame, ctx: Context, th: Thresholds, weights=None,
              forced: dict | None = None, rejected: set | None = None) -> list[dict]:
    """Links from items of an earlier document `a` to a later document `b` (both of one kind)."""
    if a.empty or b.empty:
        return []
    feats = pair_features(a, b, ctx)
    forced = forced or {}
    s = score = apply_decisions(combine(feats, weights), a["ref"].tolist(), b["ref"].tolist(), forced, rejected)
    # mutual best: a pair is a continuation only if neither side has a better partner in the other document
    best_a = s.max(axis=1, keepdims=True)
    best_b = s.max(axis=0, keepdims=True)
    mutual = (s >= best_a) & (s >= best_b)
    pairs = one_to_one(np.where(mutual, s, -1.0), th.link)
    links = []
    linked_a, linked_b = {i for i, _ in pairs}, {j for _, j in pairs}
    for i, j in pairs:
        relation = "same" if feats["ratio"][i, j] >= th.same else "reworded"
        links.append(_link(a, b, i, j, relation, score, feats, forced))
    # a second partner that is best for itself: the earlier item split, or earlier items merged
    for i, j in pairs:
        for j2 in np.nonzero((s[i] >= th.split) & (s[i] >= best_b[0] - 1e-6))[0]:
            if j2 != j and j2 not in linked_b:
                links.append(_link(a, b, i, int(j2), "split", score, feats, forced))
        for i2 in np.nonzero((s[:, j] >= th.split) & (s[:, j] >= best_a[:, 0] - 1e-6))[0]:
            if i2 != i and i2 not in linked_a:
                links.append(_link(a, b, int(i2), j, "merged", score, feats, forced))
    return links


def _link(a, b, i, j, relation, score, feats, forced) -> dict:
    ra, rb = a["ref"].iloc[i], b["ref"].iloc[j]
    features = features_at(feats, i, j)
    if (ra, rb) in forced:
        features["override"] = "accepted"
        relation = forced[(ra, rb)] or relation
    return {"a": ra, "b": rb, "relation": relation, "score": round(float(score[i, j]), 3), "features": features}


def lineage(items: pd.DataFrame, docs: pd.DataFrame, ctx: Context, th: Thresholds, weights=None,
            forced: dict | None = None, rejected: set | None = None, gap: int = 1) -> list[dict]:
    """Lineage links over every series: consecutive documents, then up to `gap` documents further for the
    items still without a continuation."""
    links: list[dict] = []
    pool = items[items["kind"].isin(LINEAGE_KINDS) & ~items["placeholder"]]
    # one frame per (document, kind), split once: filtering the whole pool per document pair is what made
    # lineage slow on thousands of documents
    blocks = {key: g.reset_index(drop=True) for key, g in pool.groupby(["document", "kind"], sort=False)}
    taken: set[str] = set()  # later items already continuing something
    for _key, order in series(docs).items():
        for k, earlier in enumerate(order):
            continued: set[str] = set()
            for step in range(1, gap + 2):
                if k + step >= len(order):
                    break
                later = order[k + step]
                for kind in LINEAGE_KINDS:
                    a, b = blocks.get((earlier, kind)), blocks.get((later, kind))
                    if a is None or b is None:
                        continue
                    if continued:
                        a = _without(a, continued)
                    if step > 1:
                        b = _without(b, taken)
                    new = link_pair(a, b, ctx, th, weights, forced, rejected)
                    links += new
                    continued |= {l["a"] for l in new}
                    taken |= {l["b"] for l in new}
    return links


def _without(frame: pd.DataFrame, refs: set[str]) -> pd.DataFrame:
    drop = frame["ref"].isin(refs).to_numpy()
    return frame[~drop].reset_index(drop=True) if drop.any() else frame
