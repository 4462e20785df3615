"""The items alignment works on, read from the store as one DataFrame: goals, assignments, indicators and
follow-ups, each with its document's municipality, committee, type and period and a stable reference."""

from __future__ import annotations

import pandas as pd

from plantrace.corpus.store import MAIN_TEXT, Store

# store kind → the singular used in links, threads and references
KINDS = {"goals": "goal", "assignments": "assignment", "indicators": "indicator", "followups": "followup"}
COLUMNS = ["ref", "document", "source", "municipality", "committee", "doc_type", "period_start", "period_end",
           "kind", "id", "number", "text", "level", "parent", "placeholder", "status", "status_raw", "followup_kind",
           "page"]


def ref_of(document: str, item_id: str) -> str:
    """A reference that survives re-runs: the document's content hash (short) and the item's id in it."""
    return f"{document[:16]}:{item_id}"


_SQL = """
SELECT i.document, d.source,
       json_extract_string(d.meta, '$.municipality') AS municipality,
       json_extract_string(d.meta, '$.committee') AS committee,
       json_extract_string(d.meta, '$.doc_type') AS doc_type,
       json_extract_string(d.meta, '$.period[0]') AS period_start,
       json_extract_string(d.meta, '$.period[1]') AS period_end,
       i.kind AS store_kind, i.id, json_extract_string(i.data, '$.number') AS number, i.text,
       json_extract_string(i.data, '$.level') AS level,
       json_extract_string(i.data, '$.parent') AS parent,
       json_extract_string(i.data, '$.placeholder') AS placeholder,
       json_extract_string(i.data, '$.status') AS status,
       json_extract_string(i.data, '$.status_raw') AS status_raw,
       CASE WHEN i.kind = 'followups' THEN json_extract_string(i.data, '$.kind') END AS followup_kind,
       i.page
FROM items i JOIN documents d ON d.sha256 = i.document
WHERE i.kind IN ('goals', 'assignments', 'indicators', 'followups')
ORDER BY CASE i.kind WHEN 'goals' THEN 0 WHEN 'assignments' THEN 1 WHEN 'indicators' THEN 2 ELSE 3 END,
         d.source, i.seq
"""


def load_items(store: Store) -> pd.DataFrame:
    """The fields alignment reads, taken out of the stored JSON by DuckDB: parsing every item's whole record in
    Python was most of the memory of an alignment run."""
    items = store.con.execute(_SQL).df()
    if items.empty:
        return pd.DataFrame(columns=COLUMNS)
    items["kind"] = items.pop("store_kind").map(KINDS)
    items["text"] = items["text"].fillna("")
    items = items.astype({c: object for c in items.columns if items[c].dtype != object})
    items = items.where(items.notna(), None)
    items["ref"] = [ref_of(d, i) for d, i in zip(items["document"], items["id"])]
    items["placeholder"] = (items["placeholder"] == "true").astype(bool)
    for col in ("period_start", "period_end"):
        items[col] = pd.to_numeric(items[col], errors="coerce").astype("Int64")
    items["page"] = pd.to_numeric(items["page"], errors="coerce")
    return items[COLUMNS].reset_index(drop=True)


DOCUMENT_COLUMNS = ["document", "source", "municipality", "committee", "doc_type", "period_start", "period_end"]


def documents_frame(items: pd.DataFrame) -> pd.DataFrame:
    """One row per document: what orders a series and decides which reports cover which plan."""
    return items[DOCUMENT_COLUMNS].drop_duplicates("document").reset_index(drop=True)


def load_documents(store: Store) -> pd.DataFrame:
    """Every stored document, those from which no item was read included: a report that yielded nothing still
    covers its plan's period, and a verdict must say so rather than call the plan's items unreported."""
    rows = []
    for d in store.documents():
        m = d.get("meta") or {}
        period = m.get("period") if isinstance(m.get("period"), (list, tuple)) and len(m.get("period")) == 2 \
            else (None, None)
        rows.append({"document": d["sha256"], "source": d["source"], "municipality": m.get("municipality"),
                     "committee": m.get("committee"), "doc_type": m.get("doc_type"),
                     "period_start": period[0], "period_end": period[1]})
    docs = pd.DataFrame(rows, columns=DOCUMENT_COLUMNS)
    for col in ("period_start", "period_end"):
        docs[col] = pd.to_numeric(docs[col], errors="coerce").astype("Int64")
    return docs.drop_duplicates("document").reset_index(drop=True)
