"""Alignment at scale: link ids that cannot collide, the same pair never stored twice, related links scored
pair by pair with the same values as the block matrices, candidates found when a theme block is too large to
compare in full, and a bounded number of related links per item."""

from __future__ import annotations

import importlib.util
import shutil
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import plantrace
from plantrace.align import related as related_mod
from plantrace.align import run as run_mod
from plantrace.align.cache import normalised_items
from plantrace.align.features import Context, PairScorer, pair_features, prepare
from plantrace.align.items import load_items
from plantrace.align.lineage import Thresholds
from plantrace.corpus.store import Store

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpus" / "sample"


def _prepared(db):
    with Store(db) as store:
        items = load_items(store)
        norms, themes, _ = normalised_items(store.con, items, writable=True)
    items = prepare(items, norms, themes)
    return items, Context(items["terms"])


def _degrees(links: pd.DataFrame) -> Counter:
    rel = links[links["relation"] == "related"]
    return Counter(list(rel["a"]) + list(rel["b"]))


@pytest.fixture(scope="module")
def many_db(tmp_path_factory):
    """Twelve municipalities whose documents are all made from the same samples (bench/scale.py's corpus): the
    wording is shared, the worst case for related links."""
    spec = importlib.util.spec_from_file_location("scale_bench", ROOT / "bench" / "scale.py")
    scale = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scale)
    base = tmp_path_factory.mktemp("many")
    scale.build_corpus(base / "corpus", municipalities=12, years=2, pdf_share=0.0)
    db = base / "store.duckdb"
    report = plantrace.ingest([base / "corpus"], db=db, workers=1)
    assert report.ok, report.summary()
    return db


# ------------------------------------------------------------------------------------------ link ids

def test_the_same_pair_is_kept_once_first_relation_wins():
    links = [{"a": "x:1", "b": "y:1", "relation": "reworded"}, {"a": "y:1", "b": "x:1", "relation": "related"},
             {"a": "x:1", "b": "y:1", "relation": "reworded"}, {"a": "x:2", "b": "y:2", "relation": "related"}]
    out, warnings = run_mod.assign_ids(links)
    assert [(l["a"], l["b"], l["relation"]) for l in out] == [("x:1", "y:1", "reworded"), ("x:2", "y:2", "related")]
    assert len({l["id"] for l in out}) == 2 and not warnings


def test_colliding_ids_are_reported_as_a_bug_not_a_crash(monkeypatch, tmp_path):
    monkeypatch.setattr(run_mod, "ID_HEX", 1)  # sixteen possible ids: 40 links must collide
    links = [{"a": f"d:{k}", "b": f"e:{k}", "relation": "related", "score": 0.5, "features": {}} for k in range(40)]
    out, warnings = run_mod.assign_ids(links)
    assert len({l["id"] for l in out}) == 40
    assert warnings and all(w.startswith("bug: link id") for w in warnings)
    # and the store takes them: the ids are unique
    with Store(tmp_path / "s.duckdb") as store:
        store.put_alignment({"align_links": pd.DataFrame(out), "align_threads": pd.DataFrame(columns=["id"]),
                             "align_followups": pd.DataFrame(columns=["plan_item"])}, {"version": "test"})
        assert len(store.alignment()["align_links"]) == 40


def test_store_refuses_duplicate_link_ids_and_keeps_the_previous_alignment(tmp_path):
    empty = {"align_threads": pd.DataFrame(columns=["id"]), "align_followups": pd.DataFrame(columns=["plan_item"])}
    first = pd.DataFrame([{"id": "L1", "a": "a:1", "b": "b:1", "relation": "related", "score": 0.5, "features": {}}])
    twice = pd.concat([first, first.assign(b="b:2")], ignore_index=True)
    with Store(tmp_path / "s.duckdb") as store:
        store.put_alignment({"align_links": first, **empty}, {"version": "test"})
        with pytest.raises(ValueError, match="bug: align_links has duplicate ids"):
            store.put_alignment({"align_links": twice, **empty}, {"version": "test"})
        assert store.alignment()["align_links"]["b"].tolist() == ["b:1"]


def test_aligned_store_has_unique_ids_and_each_pair_once(aligned_sample_db):
    with Store(aligned_sample_db, read_only=True) as store:
        links = store.alignment()["align_links"]
    assert links["id"].is_unique
    pairs = Counter(frozenset(p) for p in zip(links["a"], links["b"]))
    assert max(pairs.values()) == 1


# ------------------------------------------------------------------------------------------ related links

def test_pairwise_features_equal_the_block_matrices(tmp_path):
    db = tmp_path / "s.duckdb"
    plantrace.ingest([SAMPLE], db=db)
    items, ctx = _prepared(db)
    a = items[items["municipality"] == "Gävle"].reset_index(drop=True)
    b = items[items["municipality"] == "Uppsala"].reset_index(drop=True)
    dense = pair_features(a, b, ctx)
    both = pd.concat([a, b], ignore_index=True)
    i, j = np.meshgrid(np.arange(len(a)), np.arange(len(b)), indexing="ij")
    pairwise = PairScorer(both, ctx).features(i.ravel(), j.ravel() + len(a))
    assert set(pairwise) == set(dense)
    for name, matrix in dense.items():
        np.testing.assert_allclose(pairwise[name], matrix.ravel(), atol=1e-6, err_msg=name)


def test_large_theme_blocks_find_their_candidates_without_comparing_everything(many_db, monkeypatch):
    items, ctx = _prepared(many_db)
    th = Thresholds()
    monkeypatch.setattr(related_mod, "DENSE_PAIRS", 10**9)  # every block compared in full
    full = related_mod.related(items, ctx, th)
    pool = related_mod.related_pool(items)
    muni = pd.factorize(pool["municipality"], sort=True)[0]
    all_pairs = len(related_mod.candidate_pairs(pool, muni)[0])
    monkeypatch.setattr(related_mod, "DENSE_PAIRS", 100)  # every block goes through candidates
    monkeypatch.setattr(related_mod, "TERM_PAIRS", 5)
    cand = len(related_mod.candidate_pairs(pool, muni)[0])
    sparse = related_mod.related(items, ctx, th)
    assert cand < all_pairs / 3, (cand, all_pairs)
    # each item's best counterpart in each other municipality is found (ties may pick another copy)
    munis = dict(zip(items["ref"], items["municipality"]))

    def best(links):
        out = {}
        for l in links:
            for here, there in ((l["a"], l["b"]), (l["b"], l["a"])):
                key = (here, munis[there])
                out[key] = max(out.get(key, 0.0), l["score"])
        return out

    b_full, b_sparse = best(full), best(sparse)
    strong = [k for k, s in b_full.items() if s >= 0.8]
    assert len(strong) > 100
    same = sum(abs(b_sparse.get(k, 0.0) - b_full[k]) < 1e-3 for k in strong)
    assert same >= 0.95 * len(strong), (same, len(strong))
    # and every item related to something in full is related to something through candidates
    covered = {r for l in sparse for r in (l["a"], l["b"])}
    assert {r for l in full for r in (l["a"], l["b"])} <= covered


def test_related_links_per_item_are_bounded(many_db, monkeypatch):
    monkeypatch.setattr(run_mod, "MAX_LINKS", 6)
    result = plantrace.align(many_db, save=False)
    degree = _degrees(result.links)
    assert degree and max(degree.values()) <= 6
    # every municipality's items still have related counterparts
    munis = dict(zip(result.items["ref"], result.items["municipality"]))
    assert len({munis[r] for r in degree}) == 12


def test_per_municipality_top_k_keeps_the_best_of_each_side():
    i = np.array([0, 0, 0, 1, 1])
    j = np.array([2, 3, 4, 2, 4])
    score = np.array([0.9, 0.8, 0.7, 0.6, 0.65], dtype=np.float32)
    muni = np.array([0, 0, 1, 1, 1])
    keep = related_mod.top_per_municipality(i, j, score, muni, 1)
    # items 2, 3 and 4 each keep item 0; item 1 keeps item 4; (1, 2) is the best of neither side
    assert keep.tolist() == [True, True, True, False, True]


# ------------------------------------------------------------------------------------------ on Dask

def _frozen(result):
    links = result.links.assign(features=result.links["features"].map(lambda f: sorted(f.items(), key=str)))
    links = sorted(map(repr, links[["id", "a", "b", "relation", "score", "features"]].itertuples(index=False)))
    threads = sorted(map(repr, result.threads.itertuples(index=False)))
    fus = sorted(map(repr, result.followups.itertuples(index=False)))
    return links, threads, fus


def test_align_on_dask_gives_the_local_result(many_db, monkeypatch):
    from distributed import Client, LocalCluster

    from plantrace.align import distributed

    local = plantrace.align(many_db, save=False)
    monkeypatch.setattr(distributed, "CHUNK_PAIRS", 5_000)  # candidate scoring in many chunks
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        remote = plantrace.align(many_db, save=False, dask=client)
    assert len(local.links) > 1000 and (local.links["relation"] == "related").sum() > 500
    assert _frozen(remote) == _frozen(local)


# ------------------------------------------------------------------------------------------ incremental

def test_adding_documents_realigns_only_their_series(tmp_path):
    spec = importlib.util.spec_from_file_location("scale_bench", ROOT / "bench" / "scale.py")
    scale = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scale)
    corpus, aside = tmp_path / "corpus", tmp_path / "aside"
    scale.build_corpus(corpus, municipalities=6, years=2, pdf_share=0.0)
    folders = sorted(p for p in corpus.iterdir() if p.is_dir())
    # later: one municipality's second year (an existing series grows) and a whole new municipality
    grown, new = folders[0], folders[1]
    later = sorted(grown.glob("*_2016.txt"))
    manifest = (grown / "manifest.csv").read_text(encoding="utf-8")
    aside.mkdir()
    for f in later:
        shutil.move(f, aside / f.name)
    (grown / "manifest.csv").write_text("\n".join(l for l in manifest.splitlines() if "_2016." not in l) + "\n",
                                        encoding="utf-8")
    shutil.move(new, aside / new.name)
    db = tmp_path / "store.duckdb"
    assert plantrace.ingest([corpus], db=db, workers=1).ok
    before = plantrace.align(db)
    for f in later:
        shutil.move(aside / f.name, f)
    (grown / "manifest.csv").write_text(manifest, encoding="utf-8")
    shutil.move(aside / new.name, new)
    report = plantrace.ingest([corpus], db=db, workers=1)
    assert report.ok and len(report.added) == len(later) + 8
    full = plantrace.align(db, save=False)
    inc = plantrace.align(db, incremental=True)
    with Store(db, read_only=True) as store:
        assert store.alignment_info()["incremental"] is True
        stored = store.alignment()
    # only the changed rows were written, and the store holds exactly the result
    assert sorted(stored["align_links"]["id"]) == sorted(inc.links["id"])
    assert sorted(stored["align_threads"]["id"]) == sorted(inc.threads["id"])
    assert sorted(stored["align_followups"]["plan_item"]) == sorted(inc.followups["plan_item"])
    by_id = dict(zip(stored["align_links"]["id"], stored["align_links"]["score"]))
    assert all(abs(by_id[i] - s) < 1e-9 for i, s in zip(inc.links["id"], inc.links["score"]))

    munis = dict(zip(full.items["ref"], full.items["municipality"]))
    names = {m for m in full.items["municipality"].dropna().unique()
             if m.lower().replace(" ", "_") in (grown.name, new.name)}
    assert len(names) == 2, names

    def series_links(result, inside: bool):
        l = result.links[result.links["relation"] != "related"]
        mask = l["a"].map(munis).isin(names)
        return sorted(map(tuple, l[mask == inside][["id", "relation", "score"]].to_numpy().tolist()))

    def verdicts(result, inside: bool):
        f = result.followups
        mask = f["plan_item"].map(munis).isin(names)
        return sorted(map(tuple, f[mask == inside][["plan_item", "verdict", "followup"]].astype(str).to_numpy().tolist()))

    # the touched series are aligned as a full run aligns them; the others are kept as they were
    assert series_links(inc, True) == series_links(full, True) and series_links(inc, True)
    assert verdicts(inc, True) == verdicts(full, True)
    assert series_links(inc, False) == series_links(before, False)
    assert verdicts(inc, False) == verdicts(before, False)
    # the new items have related links, no item more than the bound, no pair twice
    degree = _degrees(inc.links)
    assert max(degree.values()) <= related_mod.MAX_LINKS
    assert any(munis.get(r) in names for r in degree)
    assert inc.links["id"].is_unique
