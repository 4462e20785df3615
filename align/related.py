"""Related items across municipalities: goals, assignments and indicators about the same thing.

Wording rarely carries over between municipalities, so candidates are blocked by shared theme (only items that
share a theme are ever compared) and each item keeps its few best counterparts per other municipality that
score above the threshold. Kinds may differ: an Uppsala indicator ("Andel öppenvård i egen regi") is related to
a Gävle goal ("minska antalet externa placeringar till förmån för öppenvårdsinsatser").
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from plantrace.align.features import Context, combine, features_at, pair_features, set_matrices
from plantrace.align.overrides import apply_decisions
from plantrace.align.lineage import Thresholds

RELATED_KINDS = ("goal", "assignment", "indicator")
TOP_K = 4  # counterparts kept per item (thread) and other municipality
# Across municipalities the shared theme is the main evidence and wording the tie-breaker (align/README.md).
RELATED_WEIGHTS = {"theme_overlap": 3.0, "rare_terms": 2.0, "token_set": 1.0, "containment": 1.0}


def related(items: pd.DataFrame, ctx: Context, th: Thresholds, weights=None, top_k: int | None = None,
            rejected: set | None = None) -> list[dict]:
    pool = items[items["kind"].isin(RELATED_KINDS) & ~items["placeholder"] & items["municipality"].notna()]
    pool = pool[pool["themes"].map(len) > 0].reset_index(drop=True)
    munis = sorted(pool["municipality"].unique())
    seen: dict[frozenset, dict] = {}
    rejected = rejected or set()
    for x, m1 in enumerate(munis):
        for m2 in munis[x + 1:]:
            a = pool[pool["municipality"] == m1].reset_index(drop=True)
            b = pool[pool["municipality"] == m2].reset_index(drop=True)
            shared = _shared_theme(a["themes"], b["themes"])
            if not shared.any():
                continue
            feats = pair_features(a, b, ctx)
            score = np.where(shared, combine(feats, weights or RELATED_WEIGHTS), -1.0)
            score = apply_decisions(score, a["ref"].tolist(), b["ref"].tolist(), rejected=rejected)
            keep = np.zeros(score.shape, dtype=bool)
            top_k = top_k or TOP_K
            k = min(top_k, score.shape[1])
            rows = np.argsort(-score, axis=1, kind="stable")[:, :k]
            keep[np.arange(score.shape[0])[:, None], rows] = True
            k = min(top_k, score.shape[0])
            cols = np.argsort(-score, axis=0, kind="stable")[:k, :]
            keep[cols, np.arange(score.shape[1])[None, :]] = True
            keep &= score >= th.related
            for i, j in zip(*np.nonzero(keep)):
                key = frozenset((a["ref"].iloc[i], b["ref"].iloc[j]))
                features = features_at(feats, i, j)
                themes = sorted(set(a["themes"].iloc[i]) & set(b["themes"].iloc[j]))
                features["shared_themes"] = themes
                seen[key] = {"a": a["ref"].iloc[i], "b": b["ref"].iloc[j], "relation": "related",
                             "score": round(float(score[i, j]), 3), "features": features}
    return list(seen.values())


def _shared_theme(ta: pd.Series, tb: pd.Series) -> np.ndarray:
    ma, mb, _ = set_matrices(ta, tb)
    return (ma @ mb.T) > 0
