"""Normalised texts kept in the store between runs, so that adding documents to a corpus normalises only the
new ones (normalisation is most of an alignment run's cost; scoring blocks is vectorised and cheap).

The cache is one table of the store, keyed by item ref (document hash and item id) and a version that changes
with the NLP model, the boilerplate list and the theme list; rows of documents no longer stored are dropped.
"""

from __future__ import annotations

import hashlib
import json

import pandas as pd

from plantrace.align.normalise import BOILERPLATE, Normalised, normalise_many
from plantrace.align.themes import assign_themes

TABLE = "align_normalised"
FORMAT = "2"  # of the rows' data; part of the version


def _has_table(con) -> bool:
    return con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [TABLE]).fetchone()[0] > 0


def cache_version() -> str:
    """Changes with the format, the model (its version and the data it was built from), boilerplate and themes."""
    from plantrace.align.themes import THEMES
    from plantrace.nlp_models import MODEL_DIR, MODEL_VERSION

    try:  # read the file, not the pipeline: a run with nothing new must not have to load spaCy
        built = json.loads((MODEL_DIR / "meta.json").read_text(encoding="utf-8")).get("plantrace", {}).get("data_sha256")
    except (OSError, ValueError):
        built = None
    data = json.dumps([FORMAT, MODEL_VERSION, built, BOILERPLATE, THEMES], ensure_ascii=False, sort_keys=True,
                      default=str)
    return hashlib.sha1(data.encode()).hexdigest()[:12]


def normalised_items(con, items: pd.DataFrame, writable: bool) -> tuple[list[Normalised], list, int]:
    """(normalised texts, theme matches, rows done now): one of each per row of `items`, from the cache where
    it holds the same text. A run with nothing new does not load the NLP pipeline at all."""
    version = cache_version()
    cached: dict[str, Normalised] = {}
    if _has_table(con):
        for ref, text, data in con.execute(f"SELECT ref, text, data FROM {TABLE} WHERE version = ?", [version]).fetchall():
            (key, numbers, years, lemmas, removed), themes = json.loads(data)
            cached[ref] = (text, Normalised(key, tuple(numbers), tuple(years), tuple(lemmas), tuple(removed)),
                           [(t, s, tuple(c)) for t, s, c in themes])
    refs, texts = items["ref"].tolist(), items["text"].fillna("").tolist()
    todo = [k for k, (r, t) in enumerate(zip(refs, texts)) if r not in cached or cached[r][0] != t]
    fresh = dict(zip(todo, normalise_many([texts[k] for k in todo]))) if todo else {}
    out = [fresh[k] if k in fresh else cached[refs[k]][1] for k in range(len(refs))]
    themes = [assign_themes(fresh[k]) if k in fresh else cached[refs[k]][2] for k in range(len(refs))]
    if writable and (todo or len(cached) != len(refs)):
        rows = pd.DataFrame({"ref": refs, "version": version, "text": texts,
                             "data": [json.dumps([list(n), t], ensure_ascii=False) for n, t in zip(out, themes)]})
        con.begin()
        try:
            con.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} (ref VARCHAR, version VARCHAR, text VARCHAR, data VARCHAR)")
            con.execute(f"DELETE FROM {TABLE}")
            con.register("_norm_rows", rows)
            try:
                con.execute(f"INSERT INTO {TABLE} SELECT ref, version, text, data FROM _norm_rows")
            finally:
                con.unregister("_norm_rows")
            con.commit()
        except BaseException:
            con.rollback()
            raise
    return out, themes, len(todo)


def stored_themes(con) -> dict[str, tuple[str, ...]]:
    """ref → theme ids as the last alignment run found them (for reports, which read and never compute)."""
    if not _has_table(con):
        return {}
    out = {}
    for ref, data in con.execute(f"SELECT ref, data FROM {TABLE}").fetchall():
        try:
            _norm, themes = json.loads(data)
        except (ValueError, TypeError):
            continue
        out[ref] = tuple(t for t, _s, _c in themes)
    return out
