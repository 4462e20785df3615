"""Text files (.txt/.md as produced by PDF-to-text converters) → `Layout`.

Removes converter markup (`**`, `<b>`, `#`, `*…*`, rules), page furniture (letterheads, "Sida 3 av 15", lone page
numbers, lines repeated on many pages) and keeps markdown heading levels as hints. Form feeds start new pages.
"""

from __future__ import annotations

import re

from plantrace.extract.blocks import GLYPH_BULLETS, SHAPE_BULLETS
from plantrace.extract.layout import Layout, Line

_TAG = re.compile(r"</?(?:b|i|u|em|strong|sup|sub|span|br|p)\b[^>]*>", re.I)
_MD_HEADING = re.compile(r"^\s*(#{1,6})\s+")
_BOLD = re.compile(r"\*\*|__")
_ITALIC_LINE = re.compile(r"^\s*\*(?!\s)(.*?)(?<!\s)\*\s*$")
_RULE = re.compile(r"^\s*(?:-{3,}|_{3,}|\*{3,}|={3,})\s*$")
_PAGE_NO = re.compile(r"^\s*(?:(?:Sida|Page|s\.)\s*)?\d{1,3}\s*(?:\(\s*\d{1,3}\s*\)|(?:av|/|of)\s*\d{1,3})?\s*$", re.I)
_FURNITURE = re.compile(
    r"^\s*(?:Postadress|Besöksadress|Telefon(?:växel)?|Tel\.?|E-post|Fax|Org(?:anisations)?\.?\s*nr|"
    r"Bankgiro|Plusgiro|Webbplats|Hemsida)\s*[:.]|^\s*www\.\S+\s*$",
    re.I,
)
# what a web page or a document-sharing site wraps around the text it shows: navigation, viewer controls
_WEB_FURNITURE = re.compile(
    r"^\s*(?:transkript|download\b.*|save this pdf as:?|storlek:\s*px|starta visningen från sidan:?|relevanta dokument|"
    r"gå (?:direkt )?till (?:sidans )?innehåll(?:et)?|till startsidan|hoppa till innehåll|meny|stäng meddelande|"
    r"dela(?: sidan)?|skriv ut|lyssna|senast (?:uppdaterad|publicerad|ändrad):?.*|publicerad:?\s*\d.*|"
    r"kontakta oss|visa kontaktuppgifter|återställ|word\s+png\s+txt\s+jpg|läs\s+(?:mer|vidare)(?:\s+här)?\s*[»›>→]?)\s*$",
    re.I,
)
# several viewer controls on one line: "Skriv ut Lyssna", "Dela | Skriv ut"
_WEB_CONTROLS = re.compile(r"^\s*(?:(?:skriv\s+ut(?:\s+sidan)?|lyssna(?:\s+på\s+sidan)?|dela(?:\s+sidan)?|meny|sök|till\s+toppen|"
                           r"översätt|translate|läs\s+upp)\s*[|·•,]?\s*){2,}$", re.I)
# a web page's teaser: "<sentence>. <the next one, cut>... Läs mer": the link's label and the cut sentence go
_TEASER_END = re.compile(r"(?<=[.!?…])(?:\s+[^.!?…]{1,160}?(?:\.\.\.|…))?\s+Läs\s+(?:mer|vidare)(?:\s+här)?\s*[»›>→]?\s*$")
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb06": "st"})
_ODD_CHARS = re.compile("[\u00a0\u200b\ufb00-\ufb06]")  # (str.translate is slow on non-ASCII text: run it only when needed)
_SPACED_COLUMNS = re.compile(r"\S {3,}(?=\S)")
_SPACED_GAP = re.compile(r"(?<=\S) {3,}(?=\S)")
_GLYPH_BULLET = re.compile(f"^\\s*[{GLYPH_BULLETS}{SHAPE_BULLETS.replace('•', '')}]\\s*")
# "Sida 3 av 12", "Sida 3/12": page furniture wherever it stands, whatever the reader (the PDF reader's too)
PAGE_MARK = re.compile(r"^\s*Sida\s+\d+\s*(?:(?:av|/)\s*\d+)?\s*$", re.I)


def clean_line(raw: str) -> tuple[str, int | None]:
    """Strip converter markup from one line; return the text and a markdown heading level if any."""
    level = None
    m = _MD_HEADING.match(raw)
    if m:
        level = len(m.group(1))
        raw = raw[m.end():]
    text = _TAG.sub("", raw) if "<" in raw else raw
    if "*" in text or "_" in text:
        text = _BOLD.sub("", text)
        m = _ITALIC_LINE.match(text)
        if m and "*" not in m.group(1):
            text = m.group(1)
    if _ODD_CHARS.search(text):
        text = text.replace("\u00a0", " ").replace("\u200b", "").translate(_LIGATURES)
    stripped = text.strip()
    if stripped.endswith("|") and stripped.count("|") >= (3 if stripped.startswith("|") else 2):
        # a markdown table row: cells become tab-separated; the |---|---| rule line disappears (a converter may
        # leave out the row's opening pipe: "Mål 1. … | |", "---|---|")
        cells = [c.strip() for c in stripped[1 if stripped.startswith("|") else 0:-1].split("|")]
        if all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
            return "", level
        filled = [c for c in cells if c]
        # a row whose only cell is its first (a table of goals whose status icons did not survive) is a line
        text = filled[0] if len(filled) == 1 and cells[0] else "\t".join(cells)
    elif "\t" not in text and "   " in stripped and len(_SPACED_COLUMNS.findall(stripped)) >= 2:
        # columns laid out with runs of spaces (pdftotext -layout)
        text = _SPACED_GAP.sub("\t", stripped)
    # private-use bullet glyphs from Symbol fonts become a plain bullet
    text = _GLYPH_BULLET.sub("• ", text)
    text = text.rstrip(" \r\n")
    if text.endswith(("mer", "vidare", "här", "»", "›", ">", "→")) and "Läs " in text:
        text = _TEASER_END.sub("", text)
    if not text.strip():
        return "", level
    if "\t" not in text:
        text = text.strip()
    else:
        text = text.lstrip(" ")
    return text, level


def read_text(text: str, source: str = "<text>", fmt: str = "txt") -> Layout:
    """Build a Layout from decoded text."""
    lines: list[Line] = []
    page = 1
    pages_seen = False
    for i, raw in enumerate(text.split("\n")):
        if "\f" in raw:
            parts = raw.split("\f")
            page += len(parts) - 1
            pages_seen = True
            raw = parts[-1]
        if _RULE.match(raw):
            lines.append(Line("", page=page, source_line=i))
            continue
        cleaned, level = clean_line(raw.replace("\r", ""))
        lines.append(Line(cleaned, page=page, heading=level, source_line=i, heading_source="markup" if level else None))
    _letter_bullets(lines)
    furniture = drop_furniture(lines, multi_page=pages_seen)
    if not pages_seen:
        for line in lines:
            line.page = None
    layout = Layout(lines, source=source, format=fmt, pages=page if pages_seen else None, furniture=furniture)
    return layout


# a symbol font's bullet that a transcript wrote as the letter of its code ("p En bra start i livet.", Wingdings'
# "l" a dot, "n" a square, "q" a box, "v" a diamond, "ü" a tick, "Ø" an arrow): a letter that is no Swedish word
_LETTER_BULLET = re.compile(r"^([lnpqvuwüØ])\s+(?=[A-ZÅÄÖ])")


def _letter_bullets(lines: list[Line]) -> None:
    """The letter opening two lines or more becomes a bullet: one line alone may be an abbreviation's letter."""
    found: dict[str, list[Line]] = {}
    for line in lines:
        m = _LETTER_BULLET.match(line.text) if line.text[1:2] == " " else None
        if m:
            found.setdefault(m.group(1), []).append(line)
    for same in found.values():
        if len(same) >= 2:
            for line in same:
                line.text = "• " + line.text[2:].lstrip()


def drop_furniture(lines: list[Line], multi_page: bool) -> list[str]:
    """Blank out page furniture in place (so line numbers keep pointing at the source); returns what was blanked
    out, each text once."""
    dropped: dict[str, None] = {}
    for line in lines:
        t = line.text
        if not t:
            continue
        if _FURNITURE.search(t) or _WEB_FURNITURE.match(t) or _WEB_CONTROLS.match(t) or (multi_page and _PAGE_NO.match(t)) or PAGE_MARK.match(t):
            dropped[t.strip()] = None
            line.text = ""
    if multi_page:
        # a short line repeated on many pages is a running header/footer
        per_page: dict[str, set] = {}
        for line in lines:
            t = line.text.strip()
            if t and len(t) < 80 and "\t" not in t:
                per_page.setdefault(t, set()).add(line.page)
        n_pages = len({line.page for line in lines})
        repeated = {t for t, p in per_page.items() if n_pages >= 3 and len(p) >= max(3, n_pages // 2)}
        for line in lines:
            if line.text.strip() in repeated:
                dropped[line.text.strip()] = None
                line.text = ""
    return list(dropped)
