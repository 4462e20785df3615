"""A researcher's decisions on links, kept in a small CSV that every `align` run honours.

    decision,a,b,relation,note
    reject,002_899627d34187ce61.txt:g6,001_ded986b2b83926f4.txt:g10,,different commitments
    accept,002_899627d34187ce61.txt:g1,001_ded986b2b83926f4.txt:g5,split,
    add,000_fe8b30e72cf9500a.txt:a2,002_899627d34187ce61.txt:f1,followup,reported under goal 3.1

`a` and `b` name an item as DOCUMENT:ID, where DOCUMENT is the source path, its file name, or the start of the
document's sha256 (as in the refs plantrace prints). `reject` keeps a pair from ever being linked; `accept`
and `add` make the link whatever the score (with `relation` if given). Lines that name an item the store does
not hold are reported, not silently dropped, so a review never disappears without a word.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from plantrace.errors import InputError, reading

DECISIONS = ("accept", "reject", "add")


@dataclass
class Overrides:
    forced: dict[tuple[str, str], str | None] = field(default_factory=dict)  # (ref, ref) → relation or None
    rejected: set[tuple[str, str]] = field(default_factory=set)
    unresolved: list[str] = field(default_factory=list)

    def both_ways(self) -> "Overrides":
        """The same decisions with each pair also in the other order (callers compare earlier → later)."""
        forced = dict(self.forced)
        forced.update({(b, a): r for (a, b), r in self.forced.items()})
        rejected = self.rejected | {(b, a) for a, b in self.rejected}
        return Overrides(forced, rejected, self.unresolved)


def apply_decisions(score: np.ndarray, refs_a: list[str], refs_b: list[str], forced=None, rejected=None) -> np.ndarray:
    """A block's scores with the researcher's decisions in: accepted pairs 1.0, rejected ones -1 (never linked)."""
    pos_a = {r: i for i, r in enumerate(refs_a)}
    pos_b = {r: j for j, r in enumerate(refs_b)}
    out = score.copy()
    for pairs, value in ((forced or {}, 1.0), (rejected or set(), -1.0)):
        for a, b in pairs:
            if a in pos_a and b in pos_b:
                out[pos_a[a], pos_b[b]] = value
    return out


def resolver(items: pd.DataFrame):
    """DOCUMENT:ID → item ref, DOCUMENT being a source path, a file name or a sha256 prefix."""
    by_source: dict[str, str] = {}
    for doc, src in items[["document", "source"]].drop_duplicates().itertuples(index=False):
        by_source[src] = doc
        by_source.setdefault(Path(src).name, doc)
    docs = list(dict.fromkeys(items["document"]))
    known = set(items["ref"])

    def resolve(name: str) -> str | None:
        if ":" not in name:
            return None
        document, item_id = name.rsplit(":", 1)
        document = document.strip()
        sha = by_source.get(document) or by_source.get(Path(document).name)
        if sha is None:
            matches = [d for d in docs if d.startswith(document)] if len(document) >= 6 else []
            sha = matches[0] if len(matches) == 1 else None
        if sha is None:
            return None
        ref = f"{sha[:16]}:{item_id.strip()}"
        return ref if ref in known else None

    return resolve


def load_overrides(path: str | Path | None, items: pd.DataFrame) -> Overrides:
    out = Overrides()
    if path is None:
        return out
    path = Path(path)
    with reading(path):
        text = path.read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(text.splitlines()))
    if rows and not {"decision", "a", "b"} <= set(rows[0]):
        raise InputError(str(path), "overrides need the columns decision,a,b (relation and note optional)")
    resolve = resolver(items)
    for n, row in enumerate(rows, start=2):
        decision = (row.get("decision") or "").strip().lower()
        if decision not in DECISIONS:
            out.unresolved.append(f"{path}:{n}: unknown decision {decision!r} (one of {', '.join(DECISIONS)})")
            continue
        a, b = resolve(row.get("a") or ""), resolve(row.get("b") or "")
        if a is None or b is None:
            missing = row.get("a") if a is None else row.get("b")
            out.unresolved.append(f"{path}:{n}: no item {missing!r} in the store")
            continue
        if decision == "reject":
            out.rejected.add((a, b))
        else:
            out.forced[(a, b)] = (row.get("relation") or "").strip() or None
    return out
