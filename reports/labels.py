"""Short document labels for terminal tables: "Gävle plan 2021–24" says more in 18 characters than a file name
cut to 12 ("Socialnämnde…"). Every label is unique within a store; the full file name stays in the other formats."""

from __future__ import annotations

import pandas as pd

TYPE_WORD = {"plan": "plan", "report": "report", "protocol": "protocol", "budget": "budget",
             "internal_control": "control plan", "other": "document"}


def period_short(start, end) -> str:
    """2021–2024 → "2021–24"; one year → "2023"; none → ""."""
    if start is None or pd.isna(start):
        return ""
    start = int(start)
    end = start if end is None or pd.isna(end) else int(end)
    if end == start:
        return str(start)
    return f"{start}–{end % 100:02d}" if end // 100 == start // 100 else f"{start}–{end}"


def base_label(row) -> str:
    words = [row.get("municipality") or "", TYPE_WORD.get(row.get("doc_type") or "", "") if row.get("municipality")
             or row.get("doc_type") else "", period_short(row.get("period_start"), row.get("period_end"))]
    label = " ".join(w for w in words if w)
    if not row.get("municipality"):  # nothing says whose it is: the file name, shortened, says most
        stem = str(row.get("file") or "").rsplit(".", 1)[0]
        label = " ".join(w for w in (stem if len(stem) <= 24 else stem[:23] + "…", label) if w)
    return label or str(row.get("file") or "")


def document_labels(docs: pd.DataFrame) -> dict[str, str]:
    """file name → a short unique label (municipality, type, period). Documents that would share a label are
    told apart by their committee, then by a letter in file-name order."""
    if docs.empty:
        return {}
    rows = docs.sort_values("file").to_dict("records")
    labels = {r["file"]: base_label(r) for r in rows}
    for label in {v for v in labels.values() if list(labels.values()).count(v) > 1}:
        same = [r for r in rows if labels[r["file"]] == label]
        committees = {r.get("committee") for r in same}
        if len(committees) > 1:
            for r in same:
                if r.get("committee"):
                    labels[r["file"]] = f"{label} {r['committee'].split()[0]}"
    for label in {v for v in labels.values() if list(labels.values()).count(v) > 1}:
        for k, r in enumerate(r for r in rows if labels[r["file"]] == label):
            labels[r["file"]] = f"{label} ({chr(ord('a') + k % 26)}{k // 26 or ''})"
    return labels
