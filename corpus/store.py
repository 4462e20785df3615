"""The corpus store: one embedded DuckDB file with documents, their items, sources and failures.

A document is keyed by the sha256 of its bytes; `sources` maps a file path to the document it last held, so a
changed file replaces its old document and an unchanged one (same size and mtime) is not even read again.
Every write of a document is one transaction: a crash or error leaves the previous contents as they were.

The store's layout has a version (`meta.schema_version`): an older store is migrated when opened (each step
in `MIGRATIONS`, in one transaction), a newer one is refused, and so is any DuckDB file that is not a plantrace
store — before anything is written to it.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Optional

import duckdb
import pandas as pd
import pyarrow as pa

from plantrace.errors import StoreError
from plantrace.schema import ITEM_KINDS, Document, Meta

SCHEMA_VERSION = "3"
DEFAULT_DB = "plantrace.duckdb"

# the field that says what an item is, shown as `items.text`
MAIN_TEXT = {
    "sections": "title",
    "goals": "text",
    "assignments": "text",
    "indicators": "name",
    "followups": "refers_to",
    "actions": "text",
    "tables": "title",
    "controls": "area",
}

DDL = [
    "CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)",
    """CREATE TABLE IF NOT EXISTS documents (
        sha256 VARCHAR PRIMARY KEY, source VARCHAR NOT NULL, format VARCHAR, pages INTEGER, meta JSON,
        text VARCHAR, n_chars BIGINT, warnings JSON, extractor_version VARCHAR, ingested_at TIMESTAMP)""",
    """CREATE TABLE IF NOT EXISTS items (
        document VARCHAR NOT NULL, kind VARCHAR NOT NULL, seq INTEGER NOT NULL, id VARCHAR, number VARCHAR,
        text VARCHAR, page INTEGER, data JSON)""",
    'CREATE TABLE IF NOT EXISTS failures (source VARCHAR PRIMARY KEY, reason VARCHAR, "at" TIMESTAMP)',
    "CREATE TABLE IF NOT EXISTS sources (source VARCHAR PRIMARY KEY, sha256 VARCHAR, mtime BIGINT, size BIGINT)",
    # the align stage's output, replaced whole by each run (items are referred to as "<sha256[:16]>:<id>")
    """CREATE TABLE IF NOT EXISTS align_links (id VARCHAR PRIMARY KEY, a VARCHAR, b VARCHAR, relation VARCHAR,
        score DOUBLE, features JSON)""",
    """CREATE TABLE IF NOT EXISTS align_threads (id VARCHAR PRIMARY KEY, municipality VARCHAR, committee VARCHAR,
        kind VARCHAR, theme VARCHAR, items JSON)""",
    """CREATE TABLE IF NOT EXISTS align_followups (plan_item VARCHAR PRIMARY KEY, verdict VARCHAR, followup VARCHAR,
        status VARCHAR, score DOUBLE, nearest VARCHAR, features JSON, band VARCHAR, confidence DOUBLE,
        evidence JSON)""",
]

# version → (the version it becomes, statements): a store is brought up to date one step at a time
MIGRATIONS: dict[str, tuple[str, list[str]]] = {
    "1": ("2", DDL[5:8]),  # version 1 had no align stage, or created its tables without a version change
    # verdicts carry their review band, confidence and evidence (filled by the next `plantrace align`)
    "2": ("3", ["ALTER TABLE align_followups ADD COLUMN IF NOT EXISTS band VARCHAR",
                "ALTER TABLE align_followups ADD COLUMN IF NOT EXISTS confidence DOUBLE",
                "ALTER TABLE align_followups ADD COLUMN IF NOT EXISTS evidence JSON"]),
}

# table → its columns, and which of them hold JSON
ALIGN_TABLES = {
    "align_links": (("id", "a", "b", "relation", "score", "features"), ("features",)),
    "align_threads": (("id", "municipality", "committee", "kind", "theme", "items"), ("items",)),
    "align_followups": (("plan_item", "verdict", "followup", "status", "score", "nearest", "features", "band",
                         "confidence", "evidence"), ("features", "evidence")),
}

ALIGN_KEYS = {"align_links": "id", "align_threads": "id", "align_followups": "plan_item"}

# document columns added to every row of `Store.items`
_CONTEXT = ("source", "document", "item_kind", "municipality", "committee", "doc_type", "period")

_ITEM_SCHEMA = pa.schema([
    ("document", pa.string()), ("kind", pa.string()), ("seq", pa.int32()), ("id", pa.string()),
    ("number", pa.string()), ("text", pa.string()), ("page", pa.int32()), ("data", pa.string()),
])


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def _connect(path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    """A connection, or `StoreError` with one line: not a DuckDB file, in use by another process, unreadable."""
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.Error as e:
        text = str(e).split("\n", 1)[0]
        if "not a valid DuckDB database" in text:
            reason = "not a DuckDB database file (not a plantrace store); nothing was written"
        elif "lock" in text.lower():
            reason = "in use by another process (a running ingest or align?); try again when it has finished"
        else:
            reason = f"cannot open: {text.removeprefix('IO Error: ')}"
        raise StoreError(str(path), reason) from None


def item_rows(doc: Document) -> pa.Table:
    """All items of a document as one Arrow table: a single bulk insert instead of one statement per item."""
    cols: dict[str, list] = {name: [] for name in _ITEM_SCHEMA.names}
    for kind in ITEM_KINDS:
        for seq, item in enumerate(getattr(doc, kind)):
            data = item.model_dump(mode="json")
            cols["document"].append(doc.sha256)
            cols["kind"].append(kind)
            cols["seq"].append(seq)
            cols["id"].append(item.id)
            number = getattr(item, "number", None)
            cols["number"].append(None if number is None else str(number))
            cols["text"].append(data.get(MAIN_TEXT[kind]))
            cols["page"].append(item.provenance.page if item.provenance else None)
            cols["data"].append(json.dumps(data, ensure_ascii=False))
    return pa.table(cols, schema=_ITEM_SCHEMA)


class Store:
    """A DuckDB corpus file. Use as a context manager so the file is closed (and unlocked) afterwards."""

    def __init__(self, path: str | Path = DEFAULT_DB, read_only: bool = False):
        self.path = Path(path)
        if self.path.is_dir():
            raise StoreError(str(self.path), "is a folder, not a store file")
        if not read_only:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise StoreError(str(self.path), f"cannot create its folder: {e.strerror or e}") from None
        self.con = _connect(self.path, read_only)
        try:
            version = self._version()
            if version is None and read_only:
                raise StoreError(str(self.path), "an empty DuckDB database, not a plantrace store "
                                                 "(run `plantrace ingest` with this --db first)")
            if version is not None and version != SCHEMA_VERSION:
                self._upgrade(version, read_only)
            if not read_only:
                self._create()
        except BaseException:
            self.con.close()
            raise

    def _version(self) -> Optional[str]:
        """The store's schema version; None for an empty database; refuses another application's database."""
        tables = {r[0] for r in self.con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()").fetchall()}
        if not tables:
            return None
        row = None
        if {"meta", "documents"} <= tables:
            try:
                row = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            except duckdb.Error:
                row = None
        if row is None:
            shown = ", ".join(sorted(tables)[:5]) + (", …" if len(tables) > 5 else "")
            raise StoreError(str(self.path), f"a DuckDB database of another application (tables {shown}), not a "
                                             "plantrace store; nothing was written: give --db a new file")
        return str(row[0])

    def _upgrade(self, version: str, read_only: bool) -> None:
        """Migrate an older store step by step in one transaction; refuse a newer or unknown version."""
        if version not in MIGRATIONS:
            newer = version.isdigit() and int(version) > int(SCHEMA_VERSION)
            raise StoreError(str(self.path), (f"store version {version} is newer than this plantrace reads "
                                              f"({SCHEMA_VERSION}): upgrade plantrace (pip install -U plantrace)")
                             if newer else f"unknown store version {version!r} (this plantrace reads {SCHEMA_VERSION})")
        if read_only:  # a reader migrates too, through a short writing connection
            self.con.close()
            try:
                with Store(self.path):
                    pass
            except StoreError as e:
                raise StoreError(str(self.path), f"store version {version} must be migrated to {SCHEMA_VERSION} "
                                                 f"and cannot be: {e.reason}; run `plantrace ingest --db "
                                                 f"{self.path}` where the file is writable") from None
            self.con = _connect(self.path, read_only=True)
            return
        con = self.con
        con.begin()
        try:
            while version != SCHEMA_VERSION:
                version, statements = MIGRATIONS[version]
                for sql in statements:
                    con.execute(sql)
            con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [SCHEMA_VERSION])
            con.commit()
        except BaseException:
            con.rollback()
            raise

    def _create(self) -> None:
        for ddl in DDL:
            self.con.execute(ddl)
        self.con.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", [SCHEMA_VERSION])

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------------------------

    def has(self, sha256: str, extractor_version: Optional[str] = None) -> bool:
        """Is this content stored (by this extractor version, when given)?"""
        row = self.con.execute("SELECT extractor_version FROM documents WHERE sha256 = ?", [sha256]).fetchone()
        return row is not None and (extractor_version is None or row[0] == extractor_version)

    def versions(self) -> dict[str, str]:
        """sha256 → extractor version of every stored document: one query instead of one per file."""
        return dict(self.con.execute("SELECT sha256, extractor_version FROM documents").fetchall())

    def put(self, document: Document, extractor_version: str, size: Optional[int] = None,
            mtime: Optional[int] = None, items: Optional[pa.Table] = None) -> str:
        """Store a document and its items in one transaction; returns "added" or "replaced".

        Replaces the document the same source held before (a changed file) and any earlier extraction of the
        same content. On any error the transaction is rolled back and the store is as it was.
        `items` is `item_rows(document)` when a worker has already serialised them (then the document's own
        item lists are not read).
        (Few statements on purpose: each DuckDB statement costs ~0.5 ms, which adds up over thousands of files.)
        """
        if items is None:
            items = item_rows(document)  # serialise first: a document that cannot be stored fails before the write
        elif items.schema != _ITEM_SCHEMA:
            raise ValueError(f"items of {document.source} do not have the store's item columns")
        meta = document.meta.model_dump_json()
        src, sha = document.source, document.sha256
        con = self.con
        con.begin()
        try:
            state = con.execute(
                "SELECT 'document', sha256 FROM documents WHERE source = $src OR sha256 = $sha "
                "UNION ALL SELECT 'source', sha256 FROM sources WHERE source = $src "
                "UNION ALL SELECT 'failure', NULL FROM failures WHERE source = $src", {"src": src, "sha": sha}).fetchall()
            old = {s for what, s in state if what != "failure"}
            if old:
                self._drop(old, keep_for_others=src, replacing=sha)
            con.execute(
                "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [sha, src, document.format, document.pages, meta, document.text, len(document.text or ""),
                 json.dumps(document.warnings, ensure_ascii=False), extractor_version, _now()])
            if items.num_rows:
                con.register("_new_items", items)
                try:
                    con.execute("INSERT INTO items (document, kind, seq, id, number, text, page, data) "
                                "SELECT document, kind, seq, id, number, text, page, data::JSON FROM _new_items")
                finally:
                    con.unregister("_new_items")
            self._set_source(src, sha, size, mtime, exists=any(what == "source" for what, _ in state))
            if any(what == "failure" for what, _ in state):
                con.execute("DELETE FROM failures WHERE source = ?", [src])
            con.commit()
        except BaseException:
            con.rollback()
            raise
        return "replaced" if old else "added"

    def _set_source(self, source: str, sha256: str, size, mtime, exists: bool = True) -> None:
        # DELETE + INSERT: several times faster in DuckDB than INSERT OR REPLACE on a primary key
        if exists:
            self.con.execute("DELETE FROM sources WHERE source = ?", [source])
        self.con.execute("INSERT INTO sources VALUES (?, ?, ?, ?)", [source, sha256, mtime, size])

    def _drop(self, shas: set[str], keep_for_others: str, replacing: str) -> None:
        """Delete documents and their items, except those another source still holds (a copy of the file)."""
        for sha in shas:
            other = None
            if sha != replacing:
                other = self.con.execute(
                    "SELECT source FROM sources WHERE sha256 = ? AND source <> ? ORDER BY source LIMIT 1",
                    [sha, keep_for_others]).fetchone()
            if other:
                self.con.execute("UPDATE documents SET source = ? WHERE sha256 = ?", [other[0], sha])
                continue
            self.con.execute("DELETE FROM items WHERE document = ?", [sha])
            self.con.execute("DELETE FROM documents WHERE sha256 = ?", [sha])

    def link_source(self, source: str, sha256: str, size: Optional[int], mtime: Optional[int]) -> bool:
        """Point a source at content already stored (a touched or copied file); True if it held other content."""
        con = self.con
        con.begin()
        try:
            row = con.execute("SELECT sha256 FROM sources WHERE source = ?", [source]).fetchone()
            self._set_source(source, sha256, size, mtime, exists=row is not None)
            changed = row is not None and row[0] != sha256
            if changed:
                self._drop({row[0]}, keep_for_others=source, replacing="")
            con.execute("DELETE FROM failures WHERE source = ?", [source])
            con.commit()
        except BaseException:
            con.rollback()
            raise
        return changed

    def set_meta(self, sha256: str, meta: Meta) -> None:
        """Replace only the metadata (an edited manifest does not need a new extraction)."""
        self.con.execute("UPDATE documents SET meta = ? WHERE sha256 = ?", [meta.model_dump_json(), sha256])

    def record_failure(self, source: str, reason: str) -> None:
        """Remember the latest failure of a source; the documents already stored stay as they are."""
        con = self.con
        con.begin()
        try:
            con.execute("DELETE FROM failures WHERE source = ?", [str(source)])
            con.execute("INSERT INTO failures VALUES (?, ?, ?)", [str(source), reason, _now()])
            con.commit()
        except BaseException:
            con.rollback()
            raise

    def put_alignment(self, tables: dict[str, pd.DataFrame], info: dict,
                      drop: Optional[dict[str, list[str]]] = None) -> None:
        """Replace the align stage's tables in one transaction: a failed run leaves the previous alignment.
        Duplicate keys are refused before anything is written (a bug of the caller, named, not a constraint
        error halfway through). With `drop` (table → keys) only those rows and the rows of `tables`' keys are
        replaced, the rest kept: an incremental run writes what changed, not a million unchanged links."""
        con = self.con
        for name, key in ALIGN_KEYS.items():
            df = tables[name]
            if len(df) and df[key].duplicated().any():
                dup = df.loc[df[key].duplicated(), key].head(3).tolist()
                raise ValueError(f"bug: {name} has duplicate {key}s ({', '.join(map(str, dup))}); "
                                 f"the previous alignment is kept")
        frames = {}
        for name, (cols, json_cols) in ALIGN_TABLES.items():
            df = tables[name].reindex(columns=list(cols)).copy()
            for c in json_cols:
                df[c] = [None if v is None else json.dumps(v, ensure_ascii=False) for v in df[c]]
            frames[name] = pa.Table.from_pandas(df, preserve_index=False)
        con.begin()
        try:
            for name, (cols, json_cols) in ALIGN_TABLES.items():
                if drop is None:
                    con.execute(f"DELETE FROM {name}")
                else:
                    key = ALIGN_KEYS[name]
                    keys = pa.table({"k": pa.array(list(drop.get(name, [])) + tables[name][key].tolist(),
                                                   type=pa.string())})
                    con.register("_drop_keys", keys)
                    try:
                        con.execute(f"DELETE FROM {name} WHERE {key} IN (SELECT k FROM _drop_keys)")
                    finally:
                        con.unregister("_drop_keys")
                if frames[name].num_rows:
                    con.register("_new_rows", frames[name])
                    try:
                        select = ", ".join(f"{c}::JSON" if c in json_cols else c for c in cols)
                        con.execute(f"INSERT INTO {name} ({', '.join(cols)}) SELECT {select} FROM _new_rows")
                    finally:
                        con.unregister("_new_rows")
            con.execute("DELETE FROM meta WHERE key = 'alignment'")
            con.execute("INSERT INTO meta VALUES ('alignment', ?)", [json.dumps(info, ensure_ascii=False)])
            con.commit()
        except BaseException:
            con.rollback()
            raise

    # -- reading ---------------------------------------------------------------------------------------

    def alignment(self, related_evidence: bool = True) -> dict[str, pd.DataFrame]:
        """The last alignment: align_links, align_threads and align_followups as DataFrames (JSON decoded).
        Without `related_evidence` a related link's features are only its shared themes (and `via`, the item it
        was spread from, or None): reports over hundreds
        of thousands of related links need no more, and decoding all of it doubled their memory."""
        out = {}
        for name, (cols, json_cols) in ALIGN_TABLES.items():
            select = ", ".join(cols)
            brief = name == "align_links" and not related_evidence
            if brief:  # DuckDB takes the two fields out; Python decodes only the (few) other links' JSON
                select = select.replace("features", "CASE WHEN relation = 'related' THEN NULL ELSE features END "
                                                    "AS features, from_json(features->'shared_themes', '[\"VARCHAR\"]') "
                                                    "AS _themes, features->>'via' AS _via")
            try:
                df = self.con.execute(f"SELECT {select} FROM {name}").df()
            except duckdb.CatalogException:  # a store written before the align stage existed
                df = pd.DataFrame(columns=list(cols))
                brief = False
            for c in json_cols:
                df[c] = [json.loads(v) if isinstance(v, str) else v for v in df[c]]
            if brief:
                related = (df["relation"] == "related").to_numpy()
                df["features"] = [{"shared_themes": [] if t is None else list(t), "via": v} if r else f
                                  for r, f, t, v in zip(related, df["features"], df["_themes"], df["_via"])]
                df = df.drop(columns=["_themes", "_via"])
            out[name] = df
        return out

    def alignment_info(self) -> Optional[dict]:
        row = self.con.execute("SELECT value FROM meta WHERE key = 'alignment'").fetchone()
        return json.loads(row[0]) if row else None

    def sources(self, source: Optional[str] = None) -> dict[str, dict]:
        """source → {sha256, size, mtime, extractor_version, meta}; all at once for an ingest run, or one."""
        sql = ("SELECT s.source, s.sha256, s.size, s.mtime, d.extractor_version, d.meta "
               "FROM sources s LEFT JOIN documents d ON d.sha256 = s.sha256")
        rows = self.con.execute(sql + " WHERE s.source = ?", [source]).fetchall() if source else \
            self.con.execute(sql).fetchall()
        return {r[0]: {"sha256": r[1], "size": r[2], "mtime": r[3], "extractor_version": r[4],
                       "meta": json.loads(r[5]) if r[5] else None} for r in rows}

    def documents(self) -> list[dict]:
        """One JSON-ready dict per document: source, sha256, format, pages, meta, n_chars, counts per kind."""
        counts: dict[str, dict[str, int]] = {}
        for sha, kind, n in self.con.execute("SELECT document, kind, count(*) FROM items GROUP BY ALL").fetchall():
            counts.setdefault(sha, {})[kind] = n
        rows = self.con.execute(
            "SELECT sha256, source, format, pages, meta, n_chars, extractor_version, ingested_at "
            "FROM documents ORDER BY source, sha256").fetchall()
        out = []
        for sha, source, fmt, pages, meta, n_chars, version, at in rows:
            c = counts.get(sha, {})
            out.append({"source": source, "sha256": sha, "format": fmt, "pages": pages,
                        "meta": json.loads(meta) if meta else {}, "n_chars": n_chars,
                        "extractor_version": version, "ingested_at": at.isoformat() if at else None,
                        "counts": {kind: c.get(kind, 0) for kind in ITEM_KINDS}})
        return out

    def items(self, kind: Optional[str] = None, document: Optional[str] = None) -> pd.DataFrame:
        """Items as a DataFrame: one row per item, the model's fields as columns, plus the document's
        source, sha256 (`document`), municipality, committee, doc_type and period and the `item_kind`.

        `document` is a sha256 or a source path. An item field that clashes with those columns (an
        indicator's `source`) is kept as `item_<field>`.
        """
        where, params = [], []
        if kind is not None:
            if kind not in ITEM_KINDS:
                raise ValueError(f"unknown item kind {kind!r} (one of {', '.join(ITEM_KINDS)})")
            where.append("i.kind = ?")
            params.append(kind)
        if document is not None:
            where.append("(d.sha256 = ? OR d.source = ?)")
            params += [str(document), str(document)]
        sql = ("SELECT d.source, d.meta, i.document, i.kind, i.data FROM items i JOIN documents d ON d.sha256 = i.document"
               + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY d.source, i.kind, i.seq")
        records = []
        for source, meta, sha, k, data in self.con.execute(sql, params).fetchall():
            rec = {(f"item_{f}" if f in _CONTEXT else f): v for f, v in json.loads(data).items()}
            m = json.loads(meta) if meta else {}
            rec.update({"source": source, "document": sha, "item_kind": k, "municipality": m.get("municipality"),
                        "committee": m.get("committee"), "doc_type": m.get("doc_type"), "period": m.get("period")})
            records.append(rec)
        kinds = [kind] if kind else list(ITEM_KINDS)
        fields = [f"item_{f}" if f in _CONTEXT else f for k in kinds for f in ITEM_KINDS[k].model_fields]
        columns = list(dict.fromkeys([*_CONTEXT, *fields]))  # the columns exist even when there are no rows
        return pd.DataFrame.from_records(records, columns=columns)

    def to_dataframe(self, kind: str) -> pd.DataFrame:
        """All items of one kind (see `items`)."""
        return self.items(kind)

    def get_document(self, sha256: str) -> Optional[Document]:
        """Rebuild the pydantic `Document` (with its text) from the store; None if it is not stored."""
        row = self.con.execute(
            "SELECT source, format, pages, meta, text, warnings FROM documents WHERE sha256 = ?", [sha256]).fetchone()
        if row is None:
            return None
        source, fmt, pages, meta, text, warnings = row
        kinds: dict[str, list] = {kind: [] for kind in ITEM_KINDS}
        for kind, data in self.con.execute(
                "SELECT kind, data FROM items WHERE document = ? ORDER BY kind, seq", [sha256]).fetchall():
            kinds[kind].append(ITEM_KINDS[kind].model_validate_json(data))
        return Document(source=source, sha256=sha256, format=fmt, pages=pages,
                        meta=Meta.model_validate_json(meta) if meta else Meta(), text=text,
                        warnings=json.loads(warnings) if warnings else [], **kinds)

    def failures(self) -> list[dict]:
        """The latest failure of each source that has not succeeded since."""
        rows = self.con.execute('SELECT source, reason, "at" FROM failures ORDER BY source').fetchall()
        return [{"source": s, "reason": r, "at": at.isoformat() if at else None} for s, r, at in rows]
