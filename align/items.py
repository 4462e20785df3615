"""The items alignment works on, read from the store as one DataFrame: goals, assignments, indicators and
follow-ups, each with its document's municipality, committee, type and period and a stable reference."""

from __future__ import annotations

import pandas as pd

from plantrace.corpus.store import MAIN_TEXT, Store

# store kind → the singular used in links, threads and references
KINDS = {"goals": "goal", "assignments": "assignment", "indicators": "indicator", "followups": "followup"}
COLUMNS = ["ref", "document", "source", "municipality", "committee", "doc_type", "period_start", "period_end",
           "kind", "id", "number", "text", "level", "placeholder", "status", "status_raw", "followup_kind", "page"]


def ref_of(document: str, item_id: str) -> str:
    """A reference that survives re-runs: the document's content hash (short) and the item's id in it."""
    return f"{document[:16]}:{item_id}"


def load_items(store: Store) -> pd.DataFrame:
    frames = []
    for store_kind, kind in KINDS.items():
        df = store.items(store_kind)
        if df.empty:
            continue
        text_col = MAIN_TEXT[store_kind]
        period = df["period"].apply(lambda p: tuple(p) if isinstance(p, (list, tuple)) and len(p) == 2 else (None, None))
        out = pd.DataFrame({
            "document": df["document"], "source": df["source"], "municipality": df["municipality"],
            "committee": df["committee"], "doc_type": df["doc_type"],
            "period_start": period.str[0], "period_end": period.str[1],
            "kind": kind, "id": df["id"], "number": df.get("number"), "text": df[text_col].fillna(""),
            "level": df.get("level"), "placeholder": df.get("placeholder", False),
            "status": df.get("status"), "status_raw": df.get("status_raw"),
            "followup_kind": df["kind"] if store_kind == "followups" else None,
            "page": df["provenance"].apply(lambda p: p.get("page") if isinstance(p, dict) else None),
        })
        frames.append(out)
    if not frames:
        return pd.DataFrame(columns=COLUMNS)
    items = pd.concat(frames, ignore_index=True)
    items["ref"] = [ref_of(d, i) for d, i in zip(items["document"], items["id"])]
    items["placeholder"] = items["placeholder"].fillna(False).astype(bool)
    for col in ("period_start", "period_end"):
        items[col] = pd.to_numeric(items[col], errors="coerce").astype("Int64")
    return items[COLUMNS]


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
