"""The embedded DuckDB store: one row per document, one row per extracted item (its full data as JSON).

A document is written in one transaction, replacing any earlier version of the same source, so a failure
halfway leaves the store as it was."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Optional

import duckdb
import pandas as pd

from plantrace.schema import ITEM_KINDS, Document

SCHEMA_VERSION = "1"
_TEXT_FIELD = {"sections": "title", "goals": "text", "assignments": "text", "indicators": "name",
               "followups": "refers_to", "actions": "text", "controls": "area", "tables": "title"}

DDL = """
CREATE TABLE IF NOT EXISTS store_meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS documents (
    sha256 VARCHAR PRIMARY KEY, source VARCHAR, format VARCHAR, pages INTEGER, meta JSON, text VARCHAR,
    n_chars BIGINT, extractor_version VARCHAR, ingested_at TIMESTAMP);
CREATE TABLE IF NOT EXISTS items (
    document VARCHAR, kind VARCHAR, id VARCHAR, number VARCHAR, text VARCHAR, page INTEGER, data JSON);
CREATE TABLE IF NOT EXISTS sources (source VARCHAR PRIMARY KEY, sha256 VARCHAR, size BIGINT, mtime DOUBLE);
CREATE TABLE IF NOT EXISTS failures (source VARCHAR PRIMARY KEY, reason VARCHAR, failed_at TIMESTAMP);
"""


class Store:
    def __init__(self, path: str | Path = "plantrace.duckdb", read_only: bool = False):
        self.path = str(path)
        self.con = duckdb.connect(self.path, read_only=read_only)
        if not read_only:
            self.con.execute(DDL)
            self.con.execute("INSERT OR REPLACE INTO store_meta VALUES ('schema_version', ?)", [SCHEMA_VERSION])

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    # --- what is stored -------------------------------------------------------------------------------------
    def known_source(self, source: str) -> Optional[tuple[str, int, float]]:
        row = self.con.execute("SELECT sha256, size, mtime FROM sources WHERE source = ?", [source]).fetchone()
        return (row[0], row[1], row[2]) if row else None

    def has(self, sha256: str, extractor_version: str) -> bool:
        row = self.con.execute("SELECT 1 FROM documents WHERE sha256 = ? AND extractor_version = ?",
                               [sha256, extractor_version]).fetchone()
        return row is not None

    def touch_source(self, source: str, sha256: str, size: int, mtime: float) -> None:
        self.con.execute("INSERT OR REPLACE INTO sources VALUES (?, ?, ?, ?)", [source, sha256, size, mtime])
        self.con.execute("DELETE FROM failures WHERE source = ?", [source])

    def put(self, doc: Document, extractor_version: str, size: int = 0, mtime: float = 0.0) -> None:
        """Store a document and its items, replacing the previous version of the same source, atomically."""
        rows = []
        for kind in ITEM_KINDS:
            for item in getattr(doc, kind):
                data = item.model_dump(mode="json")
                prov = item.provenance
                rows.append((doc.sha256, kind, item.id, getattr(item, "number", None),
                             getattr(item, _TEXT_FIELD[kind], None), prov.page if prov else None, json.dumps(data, ensure_ascii=False)))
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            old = con.execute("SELECT sha256 FROM documents WHERE source = ? OR sha256 = ?", [doc.source, doc.sha256]).fetchall()
            for (sha,) in old:
                con.execute("DELETE FROM items WHERE document = ?", [sha])
                con.execute("DELETE FROM documents WHERE sha256 = ?", [sha])
            con.execute(
                "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [doc.sha256, doc.source, doc.format, doc.pages, doc.meta.model_dump_json(), doc.text or "",
                 len(doc.text or ""), extractor_version, datetime.now(timezone.utc).replace(tzinfo=None)],
            )
            if rows:
                frame = pd.DataFrame(rows, columns=["document", "kind", "id", "number", "text", "page", "data"])
                frame["page"] = frame["page"].astype("Int64")
                con.register("_new_items", frame)
                con.execute("INSERT INTO items SELECT document, kind, id, number, text, page, data FROM _new_items")
                con.unregister("_new_items")
            con.execute("INSERT OR REPLACE INTO sources VALUES (?, ?, ?, ?)", [doc.source, doc.sha256, size, mtime])
            con.execute("DELETE FROM failures WHERE source = ?", [doc.source])
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise

    def record_failure(self, source: str, reason: str) -> None:
        self.con.execute("INSERT OR REPLACE INTO failures VALUES (?, ?, ?)",
                         [source, reason, datetime.now(timezone.utc).replace(tzinfo=None)])

    # --- reading ------------------------------------------------------------------------------------------
    def documents(self) -> list[dict]:
        docs = self.con.execute("SELECT sha256, source, format, pages, meta FROM documents ORDER BY source").fetchall()
        counts: dict[str, dict[str, int]] = {}
        for sha, kind, n in self.con.execute("SELECT document, kind, count(*) FROM items GROUP BY 1, 2").fetchall():
            counts.setdefault(sha, {})[kind] = n
        return [{"source": s, "sha256": sha, "format": f, "pages": p, "meta": json.loads(m),
                 "counts": {k: counts.get(sha, {}).get(k, 0) for k in ITEM_KINDS}} for sha, s, f, p, m in docs]

    def failures(self) -> list[dict]:
        return [{"source": s, "reason": r, "at": str(a)} for s, r, a in
                self.con.execute("SELECT source, reason, failed_at FROM failures ORDER BY source").fetchall()]

    def items(self, kind: Optional[str] = None, document: Optional[str] = None) -> pd.DataFrame:
        """Items as a DataFrame: one row per item, its fields as columns, with the document's source and meta."""
        sql = ("SELECT d.source, d.meta, i.document, i.kind, i.data FROM items i JOIN documents d ON d.sha256 = i.document"
               " WHERE (? IS NULL OR i.kind = ?) AND (? IS NULL OR i.document = ?) ORDER BY d.source, i.rowid")
        rows = self.con.execute(sql, [kind, kind, document, document]).fetchall()
        records = []
        for source, meta, sha, k, data in rows:
            rec = json.loads(data)
            m = json.loads(meta)
            rec.update({"source": source, "document": sha, "item_kind": k, "municipality": m.get("municipality"),
                        "doc_type": m.get("doc_type"), "period": m.get("period")})
            records.append(rec)
        return pd.DataFrame.from_records(records)

    def get_document(self, sha256: str) -> Optional[Document]:
        row = self.con.execute("SELECT source, format, pages, meta, text FROM documents WHERE sha256 = ?", [sha256]).fetchone()
        if row is None:
            return None
        doc = Document(source=row[0], sha256=sha256, format=row[1], pages=row[2], meta=json.loads(row[3]), text=row[4])
        for kind, model in ITEM_KINDS.items():
            data = self.con.execute("SELECT data FROM items WHERE document = ? AND kind = ? ORDER BY rowid", [sha256, kind]).fetchall()
            setattr(doc, kind, [model.model_validate_json(d) for (d,) in data])
        return doc
