"""What a document is, from its own content: municipality, committee, type, period, title, diarienummer, date.
A field the content cannot tell stays empty rather than guessed; the file name is the last resort."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Optional

from plantrace.schema import Meta

_MARKUP = re.compile(r"</?\w+[^>]*>|\*\*|^#+\s*", re.M)
_RANGE = re.compile(r"\b((?:19|20)\d{2})\s*[-–—]\s*\n?\s*((?:19|20)\d{2})\b")
_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")
_DNR = re.compile(
    r"(?:Diarienummer|Diarienr|Dnr|Ärendenr|Ärendenummer)\.?\s*:?\s*([A-ZÅÄÖ]{0,5}[- ]?\d{4}[-/]\d{1,5}(?:[-/]\d{1,5})?)"
    r"|^\s*([A-ZÅÄÖ]{2,5}[- ]\d{4}[-/]\d{2,5}|\d{4}/\d{1,5})\s*$",
    re.I | re.M,
)
_DATE = re.compile(r"(?:Datum|Sammanträdesdatum|Beslutsdatum)\s*:?\s*\n?\s*(\d{4}-\d{2}-\d{2})", re.I)
_COMMITTEE = re.compile(r"\b([A-ZÅÄÖa-zåäö][a-zåäö\-]*(?:- och [a-zåäö]+)?nämnd)(?:en|ens)\b")
_TYPES: list[tuple[str, re.Pattern]] = [
    ("report", re.compile(r"verksamhetsrapport|verksamhetsberättelse|delårsrapport|tertialrapport|årsredovisning|bokslut|uppföljning av", re.I)),
    ("plan", re.compile(r"verksamhetsplan|uppdragsplan|internbudget|mål och budget|budgetunderlag|plan och budget|verksamhetsmål", re.I)),
    ("internal_control", re.compile(r"internkontrollplan", re.I)),
    ("budget", re.compile(r"\bbudget\b", re.I)),
]
_PROTOCOL = re.compile(r"^\s*§\s*\d+|protokoll|sammanträdesdatum", re.I | re.M)
_TITLE_WORDS = re.compile(r"verksamhetsplan|verksamhetsrapport|verksamhetsberättelse|verksamhetsmål|budget|årsredovisning|delårsrapport|uppdragsplan|internkontrollplan", re.I)


@lru_cache(maxsize=1)
def municipalities() -> tuple[str, ...]:
    text = resources.files("plantrace.corpus").joinpath("data/kommuner.txt").read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip())


@lru_cache(maxsize=1)
def _kommun_pattern() -> re.Pattern:
    names = sorted(municipalities(), key=len, reverse=True)
    alt = "|".join(re.escape(n) for n in names)
    return re.compile(rf"\b({alt})s?\s+(?:kommun|kommuns|stad|stads|kommunkoncern)\b|\b(?:Region|kommun)\s+({alt})\b")


def _clean(text: str) -> str:
    return _MARKUP.sub("", text)


def find_municipality(text: str) -> Optional[str]:
    counts = Counter(m.group(1) or m.group(2) for m in _kommun_pattern().finditer(text))
    if not counts:
        return None
    name, n = counts.most_common(1)[0]
    for full in municipalities():
        if full.lower() == name.lower():
            return full
    return name


def find_committee(head: str, text: str) -> Optional[str]:
    counts: Counter = Counter()
    for m in _COMMITTEE.finditer(text):
        counts[m.group(1).lower()] += 1
    for m in _COMMITTEE.finditer(head):
        counts[m.group(1).lower()] += 5
    if not counts:
        return None
    name = counts.most_common(1)[0][0]
    return name[:1].upper() + name[1:] + "en"


def find_title(lines: list[str]) -> Optional[str]:
    """The first title-like line; one that names a period ("2021 – 2023") wins over one that does not."""
    found = _titles(lines)
    ranged = [t for t in found if _RANGE.search(t)]
    return (ranged or found or [None])[0]


def _titles(lines: list[str]) -> list[str]:
    out = []
    for i, line in enumerate(lines[:120]):
        t = line.strip().lstrip("§0123456789 ").strip()
        if not t or len(t) > 120 or "\t" in line or "....." in t:
            continue
        if _TITLE_WORDS.search(t) and not re.match(r"^(ärende|beslut|till|från)\b", t, re.I):
            if re.search(r"[-–]\s*$", t) and i + 1 < len(lines) and re.match(r"^\s*\d{4}", lines[i + 1]):
                t = t.rstrip() + lines[i + 1].strip()
            out.append(re.sub(r"\s+", " ", t).rstrip(". "))
    return out


def identify(text: str, source: Optional[str] = None) -> Meta:
    clean = _clean(text[:400_000])
    lines = [l for l in clean.split("\n") if l.strip()]
    head = "\n".join(lines[:60])
    meta = Meta()
    how: dict[str, str] = {}

    title = find_title(lines)
    if title:
        meta.title = title
        how["title"] = "content"
    muni = find_municipality(clean)
    if muni:
        meta.municipality = muni
        how["municipality"] = "content"
    committee = find_committee(head, clean)
    if committee:
        meta.committee = committee
        how["committee"] = "content"

    basis = title or head
    doc_type = None
    if _PROTOCOL.search("\n".join(lines[:15])):
        doc_type = "protocol"
    else:
        for kind, pattern in _TYPES:
            if pattern.search(basis):
                doc_type = kind
                break
    if doc_type:
        meta.doc_type = doc_type
        how["doc_type"] = "content"

    period = _period(title) if title else None
    if period is None:
        period = _period(head)
    if period:
        meta.period = period
        how["period"] = "content"

    m = _DNR.search(head)
    if m:
        meta.diarienummer = (m.group(1) or m.group(2)).strip()
        how["diarienummer"] = "content"
    m = _DATE.search(clean[:20000])
    if m:
        meta.decision_date = m.group(1)
        how["decision_date"] = "content"

    if source:
        name = Path(source).stem.replace("_", " ")
        if meta.period is None:
            p = _period(name)
            if p:
                meta.period = p
                how["period"] = "file name"
        if meta.doc_type is None:
            for kind, pattern in _TYPES:
                if pattern.search(name):
                    meta.doc_type = kind
                    how["doc_type"] = "file name"
                    break
    meta.how = how  # type: ignore[assignment]
    return meta


def _period(text: str) -> Optional[tuple[int, int]]:
    m = _RANGE.search(text)
    if m:
        a, b = int(m.group(1)), int(m.group(2))
        if a <= b <= a + 10:
            return a, b
    years = [int(y) for y in _YEAR.findall(text)]
    if years:
        return years[0], years[0]
    return None
