"""Alignment on a Dask cluster when one machine is not enough: the same result as a local run, the work split
where it is independent.

Lineage and follow-up verdicts never look outside one municipality and committee, so each (municipality,
committee) is a task with its own items and documents (the corpus-wide term weights, `Context`, are sent once to
every worker). Related links are chosen across the whole corpus, so only their costly part is spread: the
candidate pairs are scored in chunks on the workers, and the choice (top per municipality, at most 20 per
item) is made here on the gathered scores, exactly as locally.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from plantrace.align.features import Context, PairScorer
from plantrace.align.followup import followups as followup_verdicts
from plantrace.align.lineage import Thresholds, lineage

CHUNK_PAIRS = 250_000  # candidate pairs scored per task


def _series_key(docs: pd.DataFrame) -> pd.Series:
    return docs["municipality"].fillna("\x00").astype(str) + "\x01" + docs["committee"].fillna("\x00").astype(str)


def partitions(items: pd.DataFrame, docs: pd.DataFrame) -> list[tuple[pd.DataFrame, pd.DataFrame]]:
    """(items, documents) per municipality and committee, in the order a local run visits the series;
    documents without either form their own groups (they get verdicts, no lineage)."""
    out = []
    for _k, group in docs.groupby(_series_key(docs), sort=True):
        out.append((items[items["document"].isin(set(group["document"]))], group))
    return out


def _series_task(items: pd.DataFrame, docs: pd.DataFrame, all_docs: pd.DataFrame, ctx: Context, th: Thresholds,
                 weights, forced, rejected):
    links = lineage(items, docs, ctx, th, weights, forced, rejected)
    verdicts, fu_links = followup_verdicts(items, all_docs, ctx, th, None, forced, rejected)
    return links, verdicts, fu_links


def series_work(client, items, docs, ctx, th, weights, forced, rejected,
                all_docs: pd.DataFrame | None = None) -> tuple[list, list, list]:
    """Lineage links, verdicts and follow-up links of every series, computed on the cluster. `all_docs` holds every
    stored document (those without items too), for the follow-up verdicts' covering reports."""
    all_docs = docs if all_docs is None else all_docs
    by_key = {k: g for k, g in all_docs.groupby(_series_key(all_docs), sort=False)}
    parts = partitions(items, docs)
    shared = client.scatter([ctx, th, weights, forced, rejected], broadcast=True)
    futures = [client.submit(_series_task, i, d, by_key.get(_series_key(d).iloc[0], d), *shared, pure=False)
               for i, d in parts]
    links, verdicts, fu_links = [], [], []
    for a, b, c in client.gather(futures):
        links += a
        verdicts += b
        fu_links += c
    return links, verdicts, fu_links


def _score_chunk(scorer: PairScorer, i: np.ndarray, j: np.ndarray) -> dict[str, np.ndarray]:
    return scorer.features(i, j)


def pair_scorer(client):
    """A `related(score_pairs=...)` that scores candidate pairs in chunks on the cluster."""

    def score(scorer: PairScorer, i: np.ndarray, j: np.ndarray) -> dict[str, np.ndarray]:
        if len(i) <= CHUNK_PAIRS:
            return scorer.features(i, j)
        [remote] = client.scatter([scorer], broadcast=True)
        bounds = range(0, len(i), CHUNK_PAIRS)
        futures = [client.submit(_score_chunk, remote, i[s:s + CHUNK_PAIRS], j[s:s + CHUNK_PAIRS], pure=False)
                   for s in bounds]
        parts = client.gather(futures)
        return {name: np.concatenate([p[name] for p in parts]) for name in parts[0]}

    return score
