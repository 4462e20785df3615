"""Render one plain-text source document to PDF the way different programs would (issue 14).

Real municipal PDFs come from word processors with many templates, browsers printing web exports, PDF
libraries, desktop publishing (two columns, side boxes) and scanners; each breaks a different assumption of a
PDF reader. The same source rendered by several producers must extract to the same items as its text, so this
module turns a text (a sample document or a layout fixture) into PDFs made by really different engines:

1. `read_blocks` recovers the structure the text shows (headings, numbered and bulleted items, paragraphs,
   tables from tab-separated or aligned-column lines) as plain `Block`s; `to_html` writes them as HTML with a
   producer's stylesheet. Recovery is conservative: where the text does not say that two lines belong together
   they stay apart (a line break), because wrongly joined items would be lost by every producer alike.
2. Each producer is a function (source text path, output PDF path) registered by name in `PRODUCERS`. One
   whose tool is missing raises `ProducerUnavailable` ("producer unavailable: ..."), which callers turn into a
   skip or a note. `render` caches a rendering by the source's sha256, the producer and this file's contents.
3. `agreement` scores the items extracted from a rendering against those extracted from the text itself
   (`plantrace.evaluate` with the text's items as the key); used by bench/pdf_agreement.py and the tests.
"""

from __future__ import annotations

import atexit
import hashlib
import html
import io
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pymupdf

TIMEOUT = 180  # seconds for one external conversion

# A note that is not part of any source: the two-column producer prints it in a side box, so an extraction
# that reads the box as body text shows it as spurious items (or as words glued into a neighbouring item).
SIDE_NOTE = ("I korthet",
             "Antal besök i verksamheten under året: 1 180",
             "Andel nöjda brukare 2023: 86 %",
             "Nämnden ska fortsätta utveckla den digitala servicen till invånarna.")


class ProducerUnavailable(RuntimeError):
    """The tool a producer needs is not installed; the message starts with "producer unavailable:"."""

    def __init__(self, reason: str):
        super().__init__(f"producer unavailable: {reason}")


# ------------------------------------------------------------------------------------------ text → blocks

@dataclass
class Block:
    """One unit of the recovered structure.

    kind: heading (level 1-4) | para (lines, each rendered on its own line unless joined) | bullet | number
    (an item with its marker apart) | table (rows of cells)."""

    kind: str
    lines: list[str] = field(default_factory=list)
    level: int = 0
    marker: str = ""
    indent: int = 0
    bold: bool = False
    rows: list[list[str]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(self.lines)


BULLET = re.compile(r"^(\s*)([•▪◦●■‣∙·\-–—*\uf0b7\uf0a7\uf0d8\uf076])\s+(\S.*)$")
NUMBER = re.compile(r"^(\s*)(\d{1,2}(?:\.\d{1,2})*)([.)]?)\s+([A-ZÅÄÖ(\"”\u201c].*)$")
MD_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
ALIGNED_GAP = re.compile(r"(?<=\S) {3,}(?=\S)")
LABEL = re.compile(r"^[A-ZÅÄÖ][\w\-/ ]{0,30}:(\s|$)")
MARKUP = re.compile(r"</?(?:b|i|u|em|strong|sup|sub)>|\*\*")
ENDS_SENTENCE = (".", ":", ";", "!", "?")
# Words a line-end hyphen is followed by when it is a Swedish compound ellipsis ("Arbetsmarknads- och ..."),
# not a word broken at the line end.
KEEP_HYPHEN_BEFORE = {"och", "eller", "samt", "till", "som", "men"}
TRAILING_WORD = re.compile(r"\b(och|eller|samt|i|av|för|till|med|att|på|om|som|den|det|de|en|ett|senast|från|under|"
                           r"vid|mot|inom|per|än|ska|kan|har|är)$")


def _clean(line: str) -> tuple[str, bool]:
    """Converter markup (<b>, **) out of a line; whether the line was marked bold as a whole."""
    s = line.strip()
    bold = bool(re.match(r"^(<b>|\*\*)", s))
    return " ".join(MARKUP.sub("", s).split()), bold


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _wrap_width(lines: list[str]) -> int:
    """The width the text was wrapped at: a high percentile of the prose lines' lengths."""
    lengths = sorted(len(ln.rstrip()) for ln in lines if "\t" not in ln and len(ln.strip()) >= 20)
    return max(40, lengths[int(0.9 * (len(lengths) - 1))]) if lengths else 80


def _continues(last: str, nxt: str, width: int = 0) -> bool:
    """Whether `nxt` carries on the line `last` (a wrap in the original): it starts in lower case, or `last`
    stops on a hyphen, a comma or a word that cannot end a sentence, or a full-width line stops mid-sentence and
    the next opens with a year ("… – målvärde" ⏎ "2019: Minska"). A full-width line followed by a capital is not
    enough: label lines ("Nämndmål: ...") are often the longest of their block. A line opening with ")" goes on
    only from a line that left a parenthesis open (a footnote that lost its number, ") Definition …", is a line
    of its own)."""
    end = last.rstrip()
    if nxt.lstrip().startswith(")") and end.count("(") <= end.count(")"):
        return False
    # a sentence that ended is no wrap, even where the next line opens in lower case: that is a table's cell
    # that broke ("… Redovisat i maj." ⏎ "år" under the row's first cell), unless the end was an abbreviation
    if end.endswith((".", "!", "?")) and not _abbreviation(end.split()[-1]) and nxt.strip()[:1].isalpha():
        return False
    # (a dash alone is an empty cell, "-" under "Utfall 2023", no broken word)
    return _starts_lower(nxt) or len(end) > 1 and end.endswith(("-", "–", ",")) or bool(TRAILING_WORD.search(end)) \
        or bool(width) and len(end) >= 0.85 * width and not end.endswith(ENDS_SENTENCE) \
        and bool(re.match(r"\s*(?:19|20)\d\d\b(?![.)])", nxt))


ABBREVIATIONS = {"ca", "kl", "inkl", "exkl", "resp", "enl", "jfr", "dvs", "nr", "st", "tel", "mfl", "osv", "etc", "ang",
                 "avd", "fig", "tab", "s", "kap", "ff", "bl", "m", "t", "f", "p"}


def _abbreviation(word: str) -> bool:
    """"t.ex.", "bl.a.", "ca.": a word whose full stop does not end the sentence."""
    w = word.strip("()[]\"'”").lower()
    return "." in w[:-1] or w[:-1] in ABBREVIATIONS


def _starts_lower(line: str) -> bool:
    s = line.lstrip()
    return bool(s) and (s[0].islower() or s[0] in ",;)–%")


def _join(a: str, b: str) -> str:
    """Join a wrapped line to the next, undoing a hyphenation at the line end."""
    if a.endswith("-") and len(a) > 1 and a[-2].isalpha() and b[:1].islower():
        first = b.split()[0].strip(",.;") if b.split() else ""
        if first not in KEEP_HYPHEN_BEFORE:
            return a[:-1] + b
    return f"{a} {b}"


def _kind(line: str) -> str:
    if not line.strip():
        return "blank"
    if "\t" in line.strip(" "):
        return "tab"
    s = line.strip()
    if MD_HEADING.match(s):
        return "md"
    if BULLET.match(line):
        return "bullet"
    if NUMBER.match(line) and not re.match(r"^\s*\d{1,2}(\.\d{1,2})*[.)]?\s+(%|kr|st|mnkr|tkr|år|dagar)\b", line):
        return "number"
    if ALIGNED_GAP.search(s):
        return "aligned"
    return "text"


def read_blocks(text: str) -> list[Block]:
    """The structure a plain text shows, as blocks (see `Block`)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kinds = [_kind(ln) for ln in lines]
    width = _wrap_width(lines)
    blocks: list[Block] = []
    i, n = 0, len(lines)

    def next_nonblank(j: int) -> int:
        while j < n and kinds[j] == "blank":
            j += 1
        return j

    def continuation(j: int, last: str, across_blank: bool) -> int | None:
        """Index of the line that continues an item whose last line is `last`, or None."""
        if j >= n:
            return None
        if kinds[j] == "blank":
            if not across_blank:
                return None
            k = next_nonblank(j)
            # an item broken by an empty line mid-sentence (a page break in the original): its line ran to
            # the full width and the next goes on in lower case
            if k < n and k - j <= 2 and kinds[k] == "text" and _starts_lower(lines[k]) \
                    and len(last.rstrip()) >= 0.8 * width and not last.rstrip().endswith(ENDS_SENTENCE):
                return k
            return None
        if kinds[j] != "text":
            return None
        return j if _continues(last, lines[j]) else None

    def introduces(j: int) -> bool:
        """Whether what follows line j-1 (after at most two empty lines) is running text, a list or a table."""
        k = next_nonblank(j)
        if k >= n or k - j > 2:
            return False
        if kinds[k] == "text":
            # running text: a long line that ends a sentence or goes on to the next line (a long name standing
            # alone, "Andel medarbetare som … (6 eller fler)", is one of a list of names, and the short line above
            # it is another, no heading)
            line = lines[k].rstrip()
            return len(line.strip()) >= 40 and (line.endswith(ENDS_SENTENCE) or k + 1 < n and kinds[k + 1] != "blank")
        return kinds[k] in ("bullet", "tab", "md")

    while i < n:
        k = kinds[i]
        line = lines[i]
        if k == "blank":
            i += 1
            continue
        if k == "md":
            m = MD_HEADING.match(line.strip())
            title, _ = _clean(m.group(2))
            j = i + 1
            # a heading the converter broke over lines ("INVESTERINGSBUDGE" / "T**")
            while j < n and kinds[j] == "text" and len(lines[j].strip()) <= 3:
                title += _clean(lines[j])[0]
                j += 1
            if title:
                blocks.append(Block("heading", [title], level=min(len(m.group(1)), 4)))
            i = j
            continue
        if k == "tab":
            rows = []
            while i < n and kinds[i] == "tab":
                rows.append([_clean(c)[0] for c in lines[i].strip(" \n").split("\t")])
                i += 1
                # a goal or group line between rows ("Nämndmål 2: …") is a row of the same table, across it
                if i + 1 < n and kinds[i] == "text" and kinds[i + 1] == "tab":
                    rows.append([_clean(lines[i])[0]])
                    i += 1
            blocks.append(Block("table", rows=rows))
            continue
        if k == "aligned" and i + 1 < n and kinds[i + 1] == "aligned":
            rows = []
            while i < n and kinds[i] == "aligned":
                rows.append([_clean(c)[0] for c in ALIGNED_GAP.split(lines[i].strip())])
                i += 1
            blocks.append(Block("table", rows=rows))
            continue
        if k in ("bullet", "number"):
            m = (BULLET if k == "bullet" else NUMBER).match(line)
            indent = len(m.group(1))
            marker = m.group(2) if k == "bullet" else m.group(2) + m.group(3)
            body, bold = _clean(m.group(3) if k == "bullet" else m.group(4))
            last = line
            j = i + 1
            while (c := continuation(j, last, across_blank=(k == "bullet"))) is not None:
                body = _join(body, _clean(lines[c])[0])
                last = lines[c]
                j = c + 1
            if k == "number":
                depth = marker.rstrip(".)").count(".") + 1
                # a numbered line followed by another one of its level (or higher) is a list item; one that
                # opens text or deeper levels is a heading
                after = next_nonblank(j)
                # (… and so is the last item of a list: the one after an item numbered one less)
                prev = blocks[-1] if blocks else None
                last_of_list = prev is not None and prev.kind == "number" and depth == 1 \
                    and prev.marker.rstrip(".)").isdigit() and marker.rstrip(".)").isdigit() \
                    and int(marker.rstrip(".)")) == int(prev.marker.rstrip(".)")) + 1 and marker[-1] == prev.marker[-1]
                if last_of_list or after < n and after - j <= 3 and kinds[after] == "number" \
                        and NUMBER.match(lines[after]).group(2).count(".") + 1 <= depth:
                    blocks.append(Block("number", [body], marker=marker, indent=indent, bold=bold))
                else:
                    blocks.append(Block("heading", [f"{marker} {body}"], level=min(depth, 4), indent=indent))
            else:
                blocks.append(Block("bullet", [body], marker=marker, indent=indent, bold=bold))
            i = j
            continue
        # plain lines: a heading when a short line stands first in its block and the next line starts anew
        text_line, bold = _clean(line)
        nxt = i + 1
        prev_blank = i == 0 or kinds[i - 1] == "blank"
        if (prev_blank and len(text_line) <= 70 and text_line[:1].isupper()
                and not text_line.endswith(ENDS_SENTENCE + (",", "-", "–")) and not LABEL.match(text_line)
                and (nxt >= n or kinds[nxt] != "text" or not _starts_lower(lines[nxt])) and introduces(nxt)):
            blocks.append(Block("heading", [text_line], level=2 if text_line.isupper() else 3, indent=_indent(line)))
            i += 1
            continue
        # a paragraph: lines joined where the text was wrapped, kept apart otherwise
        para = Block("para", [], indent=_indent(line), bold=bold)
        current = ALIGNED_GAP.sub(" \u2003 ", text_line) if k == "aligned" else text_line
        last = line
        i += 1
        while i < n and kinds[i] in ("text", "aligned"):
            nxt_text = _clean(lines[i])[0]
            if kinds[i] == "aligned":
                nxt_text = ALIGNED_GAP.sub(" \u2003 ", lines[i].strip())
            # a line that opens with the lower-case word its unit opened with starts a unit of the same kind
            # ("att ..." clauses of a decision), even after a comma
            first = current.split()[0] if current.split() else ""
            parallel = first[:1].islower() and nxt_text.split()[:1] == [first]
            # (a deeper indent is a hanging indent when the line goes on in lower case, a sub-line otherwise)
            if _continues(last, lines[i], width) and not parallel and kinds[i] == "text" \
                    and (_indent(lines[i]) <= para.indent + 2 or _starts_lower(lines[i])):
                current = _join(current, nxt_text)
            else:
                para.lines.append(current)
                current = nxt_text
            last = lines[i]
            i += 1
        para.lines.append(current)
        blocks.append(para)
    return blocks


# ------------------------------------------------------------------------------------------ blocks → HTML

def _esc(s: str) -> str:
    return html.escape(s, quote=False)


def _table_html(rows: list[list[str]]) -> str:
    width = max(len(r) for r in rows)
    out = ["<table>"]
    for r, row in enumerate(rows):
        tag = "th" if r == 0 else "td"
        if len(row) == 1 and width > 1:  # a row across the table (a goal or group line)
            out.append(f'<tr><{tag} colspan="{width}">{_esc(row[0])}</{tag}></tr>')
            continue
        cells = row + [""] * (width - len(row))
        out.append("<tr>" + "".join(f"<{tag}>{_esc(c)}</{tag}>" for c in cells) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


def to_html(blocks: list[Block], css: str = "", engine_lists: bool = False, bullet: str = "•",
            title: str = "") -> str:
    """Blocks as an HTML document. `engine_lists`: bullets and plain integer numbers become <ul>/<ol> whose
    markers the engine draws; otherwise the marker is text at the start of a hanging-indent paragraph."""
    body: list[str] = []
    i = 0
    while i < len(blocks):
        b = blocks[i]
        style = f' style="margin-left:{b.indent * 0.45:.1f}em"' if b.indent else ""
        if b.kind == "heading":
            body.append(f"<h{b.level}{style}>{_esc(b.text)}</h{b.level}>")
        elif b.kind == "table":
            body.append(_table_html(b.rows))
        elif b.kind in ("bullet", "number") and engine_lists and (
                b.kind == "bullet" or re.fullmatch(r"\d+[.)]?", b.marker)):
            run = [b]
            while i + 1 < len(blocks) and blocks[i + 1].kind == b.kind and (
                    b.kind == "bullet" or re.fullmatch(r"\d+[.)]?", blocks[i + 1].marker)):
                i += 1
                run.append(blocks[i])
            if b.kind == "bullet":
                body.append(f"<ul{style}>" + "".join(f"<li>{_esc(x.text)}</li>" for x in run) + "</ul>")
            else:
                start = int(re.match(r"\d+", b.marker).group())
                body.append(f'<ol start="{start}"{style}>' + "".join(f"<li>{_esc(x.text)}</li>" for x in run) + "</ol>")
        elif b.kind in ("bullet", "number"):
            marker = bullet if b.kind == "bullet" else b.marker
            cls = "item bold" if b.bold else "item"
            body.append(f'<p class="{cls}"{style}>{_esc(marker)}\u00a0\u00a0{_esc(b.text)}</p>')
        else:
            # lines the text keeps apart are paragraphs of their own; the template decides whether anything but
            # the line break tells them apart (p.ln spacing), as word-processor templates differ in that
            bold = " bold" if b.bold else ""
            body += [f'<p class="ln{" last" if k == len(b.lines) - 1 else ""}{bold}"{style}>{_esc(x)}</p>'
                     for k, x in enumerate(b.lines)]
        i += 1
    return (f'<!DOCTYPE html>\n<html lang="sv"><head><meta charset="utf-8"><title>{_esc(title)}</title>'
            f"<style>{css}</style></head>\n<body>\n" + "\n".join(body) + "\n</body></html>\n")


def source_html(src: Path, css: str = "", **options) -> str:
    text = Path(src).read_text(encoding="utf-8")
    return to_html(read_blocks(text), css, title=Path(src).stem, **options)


# ---------------------------------------------------------------------------------------------- templates

LO_A_CSS = """
body { font-family: 'Liberation Serif'; font-size: 11pt; }
h1 { font-family: 'Liberation Sans'; font-size: 16pt; font-weight: bold; }
h2 { font-family: 'Liberation Sans'; font-size: 13pt; font-weight: bold; }
h3, h4 { font-family: 'Liberation Sans'; font-size: 11pt; font-weight: bold; }
p { margin-top: 0; margin-bottom: 6pt; }
p.ln { margin-bottom: 3pt; } p.last { margin-bottom: 8pt; }
p.item { margin-left: 1.2em; text-indent: -1.2em; }
p.bold { font-weight: bold; }
td, th { font-size: 9.5pt; }
"""

LO_B_CSS = """
body { font-family: 'DejaVu Sans'; font-size: 9.5pt; }
h1 { font-family: 'Liberation Serif'; font-size: 18pt; font-weight: normal; color: #1f4e79; }
h2 { font-family: 'Liberation Serif'; font-size: 14pt; font-weight: normal; color: #1f4e79; }
h3, h4 { font-family: 'DejaVu Sans'; font-size: 10pt; font-weight: bold; font-style: italic; }
p { margin-top: 0; margin-bottom: 4pt; }
p.ln { margin-bottom: 0; } p.last { margin-bottom: 6pt; }
p.item { margin-left: 2em; text-indent: -1em; }
p.bold { font-weight: bold; }
td, th { font-size: 8.5pt; }
th { background: #d9e2f3; }
"""

BROWSER_LISTS_CSS = """
@page { size: A4; margin: 22mm 20mm; }
body { font-family: 'DejaVu Sans', sans-serif; font-size: 10pt; line-height: 1.35; }
h1 { font-size: 17pt; margin: 14pt 0 6pt; } h2 { font-size: 14pt; margin: 12pt 0 5pt; }
h3 { font-size: 11.5pt; margin: 10pt 0 4pt; } h4 { font-size: 10.5pt; margin: 8pt 0 3pt; }
p { margin: 0 0 6pt; } p.ln { margin-bottom: 2pt; } p.last { margin-bottom: 7pt; }
p.item { margin-left: 1.4em; text-indent: -1.4em; } p.bold { font-weight: bold; }
ul, ol { margin: 0 0 6pt; padding-left: 1.6em; } li { margin-bottom: 3pt; }
table { border-collapse: collapse; margin: 6pt 0 10pt; width: 100%; }
th, td { border: none; border-top: 0.6pt solid #444; border-bottom: 0.6pt solid #444; padding: 2pt 5pt;
         text-align: left; vertical-align: top; font-size: 9pt; }
th { border-bottom: 1.2pt solid #000; font-weight: bold; }
"""

BROWSER_RULES_CSS = """
@page { size: A4; margin: 18mm 16mm; }
body { font-family: 'Liberation Serif', serif; font-size: 11pt; line-height: 1.25; color: #222; }
h1, h2, h3, h4 { font-family: 'Liberation Sans', sans-serif; color: #0b5563; }
h1 { font-size: 16pt; } h2 { font-size: 13pt; } h3 { font-size: 11pt; } h4 { font-size: 10.5pt; }
p { margin: 0 0 5pt; } p.ln { margin-bottom: 0; } p.last { margin-bottom: 5pt; }
p.item { margin-left: 1.6em; text-indent: -1.1em; } p.bold { font-weight: bold; }
table { border-collapse: separate; border-spacing: 0; margin: 6pt 0 10pt; }
th, td { border: none; padding: 3pt 8pt; text-align: left; vertical-align: top; font-size: 9.5pt;
         font-family: 'Liberation Sans', sans-serif; }
th { font-weight: bold; background: #cfe3e6; }
tr:nth-child(even) td { background: #eef3f4; }
"""

STORY_CSS = """
body { font-family: sans-serif; font-size: 10pt; }
h1 { font-size: 15pt; } h2 { font-size: 13pt; } h3 { font-size: 11pt; } h4 { font-size: 10pt; }
p { margin-top: 0; margin-bottom: 5pt; } p.ln { margin-bottom: 2pt; } p.last { margin-bottom: 6pt; }
p.item { margin-left: 14pt; text-indent: -10pt; }
p.bold { font-weight: bold; }
table { border-collapse: collapse; } th, td { border: 0.5pt solid #555; padding: 2pt; font-size: 8.5pt; }
"""

TWO_COLUMN_CSS = """
body { font-family: serif; font-size: 9pt; }
h1 { font-family: sans-serif; font-size: 13pt; color: #7a1f3d; } h2 { font-family: sans-serif; font-size: 11.5pt; }
h3, h4 { font-family: sans-serif; font-size: 9.5pt; }
p { margin-top: 0; margin-bottom: 4pt; text-align: justify; } p.ln { margin-bottom: 0; } p.last { margin-bottom: 4pt; }
p.item { margin-left: 10pt; text-indent: -8pt; }
p.bold { font-weight: bold; }
table { border-collapse: collapse; width: 100%; } th, td { padding: 0.5pt 1pt; font-size: 6.5pt; text-align: left; }
th { border-bottom: 0.8pt solid #7a1f3d; }
"""


# ---------------------------------------------------------------------------------------------- producers

def _exe(*names: str) -> str:
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    raise ProducerUnavailable(f"none of {', '.join(names)} is installed")


_LO_PROFILE: Path | None = None


def _lo_profile() -> Path:
    """One LibreOffice user profile per process: parallel runs would lock each other's."""
    global _LO_PROFILE
    if _LO_PROFILE is None:
        _LO_PROFILE = Path(tempfile.mkdtemp(prefix="plantrace-lo-"))
        atexit.register(shutil.rmtree, _LO_PROFILE, True)
    return _LO_PROFILE


def _soffice(html_text: str, out: Path) -> None:
    exe = _exe("soffice", "libreoffice")
    with tempfile.TemporaryDirectory(prefix="plantrace-lo-in-") as tmp:
        src = Path(tmp) / (out.stem + ".html")
        src.write_text(html_text, encoding="utf-8")
        cmd = [exe, "--headless", "--norestore", f"-env:UserInstallation={_lo_profile().as_uri()}",
               "--infilter=HTML (StarWriter)", "--convert-to", "pdf:writer_pdf_Export", "--outdir", tmp, str(src)]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL, check=False)
        made = Path(tmp) / (out.stem + ".pdf")
        if not made.exists():
            raise RuntimeError(f"soffice made no PDF (exit {proc.returncode}): {proc.stderr.strip()[-300:]}")
        shutil.move(str(made), out)


def libreoffice_a(src: Path, out: Path) -> None:
    """Word processor, template A: serif body, sans bold headings, LibreOffice's own bullet lists, ruled grid
    tables (the HTML table border)."""
    page = source_html(src, LO_A_CSS, engine_lists=True).replace("<table>", '<table border="1" cellpadding="3">')
    _soffice(page, out)


def libreoffice_b(src: Path, out: Path) -> None:
    """Word processor, template B: sans body, coloured serif headings, dashes typed as text for bullets,
    tables with only a shaded header and no rules."""
    page = source_html(src, LO_B_CSS, engine_lists=False, bullet="–").replace("<table>", '<table border="0" cellpadding="2">')
    _soffice(page, out)


def ghostscript(src: Path, out: Path) -> None:
    """A print-to-PDF driver (PDFCreator and its kind print through Ghostscript): the template-A rendering
    distilled anew by Ghostscript's pdfwrite, which embeds every font again with its own metrics (a bullet glyph's
    box no longer matches its text's) and drops the tags."""
    exe = _exe("gs", "gswin64c")
    with tempfile.TemporaryDirectory(prefix="plantrace-gs-") as tmp:
        first = Path(tmp) / "first.pdf"
        libreoffice_a(src, first)
        subprocess.run([exe, "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pdfwrite", f"-sOutputFile={out}",
                        str(first)], capture_output=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL, check=True)


def cairo(src: Path, out: Path) -> None:
    """A desktop program printing through cairo (GTK print dialogs, Inkscape, Evince): the template-B rendering
    drawn anew by poppler's pdftocairo, glyph runs and font boxes as cairo writes them (taller than the word
    processor's), no tags, no outline."""
    exe = _exe("pdftocairo")
    with tempfile.TemporaryDirectory(prefix="plantrace-cairo-") as tmp:
        first = Path(tmp) / "first.pdf"
        libreoffice_b(src, first)
        subprocess.run([exe, "-pdf", str(first), str(out)], capture_output=True, timeout=TIMEOUT,
                       stdin=subprocess.DEVNULL, check=True)


def _chromium(html_text: str, out: Path) -> None:
    exe = _exe("chromium", "chromium-browser", "google-chrome")
    with tempfile.TemporaryDirectory(prefix="plantrace-chr-") as tmp:
        page = Path(tmp) / "page.html"
        page.write_text(html_text, encoding="utf-8")
        cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync",
               "--disable-background-networking", "--disable-component-update", "--disable-dev-shm-usage",
               f"--user-data-dir={Path(tmp) / 'profile'}", "--no-pdf-header-footer",
               f"--print-to-pdf={out}", page.as_uri()]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL, check=False,
                              errors="replace")
        if not out.exists() or out.stat().st_size == 0:
            raise RuntimeError(f"chromium made no PDF (exit {proc.returncode}): {proc.stderr.strip()[-300:]}")


def browser_lists(src: Path, out: Path) -> None:
    """A web export printed by a browser: list markers drawn by the engine (<ul>/<ol>), tables with
    horizontal rules only, no outline."""
    _chromium(source_html(src, BROWSER_LISTS_CSS, engine_lists=True), out)


def browser_rules(src: Path, out: Path) -> None:
    """The same browser with another stylesheet: tables with no rules at all and shaded rows, serif font."""
    _chromium(source_html(src, BROWSER_RULES_CSS, engine_lists=False, bullet="•"), out)


def _story_pdf(html_text: str, rectfn: Callable) -> bytes:
    story = pymupdf.Story(html_text)
    buf = io.BytesIO()
    writer = pymupdf.DocumentWriter(buf)
    story.write(writer, rectfn)
    writer.close()
    return buf.getvalue()


A4 = pymupdf.paper_rect("a4")


def pymupdf_story(src: Path, out: Path) -> None:
    """A PDF library without tagging or outline: pymupdf's Story lays out the HTML, text bullets, grid tables."""
    body = A4 + (56, 60, -56, -60)
    data = _story_pdf(source_html(src, STORY_CSS, engine_lists=False), lambda n, filled: (A4, body, None))
    Path(out).write_bytes(data)


def two_column(src: Path, out: Path) -> None:
    """An annual-report layout: two columns, a running footer, and on every third page a shaded side box at
    the top of the right column holding `SIDE_NOTE`, which is not part of the source."""
    margin, gap, top, bottom = 42, 18, 58, 60
    col_w = (A4.width - 2 * margin - gap) / 2
    box_h = 118

    def has_box(page: int) -> bool:
        return page % 3 == 1

    def rectfn(n: int, filled):
        page, right = divmod(n, 2)
        x0 = margin + (col_w + gap if right else 0)
        y0 = top + (box_h + 12 if right and has_box(page) else 0)
        return (A4 if not right else None), pymupdf.Rect(x0, y0, x0 + col_w, A4.height - bottom), None

    data = _story_pdf(source_html(src, TWO_COLUMN_CSS, engine_lists=False, bullet="▪"), rectfn)
    doc = pymupdf.open("pdf", data)
    for pno, page in enumerate(doc):
        if has_box(pno):
            box = pymupdf.Rect(margin + col_w + gap, top, A4.width - margin, top + box_h)
            page.draw_rect(box, color=None, fill=(0.87, 0.92, 0.95), overlay=False)
            note = "".join(f"<p><b>{_esc(t)}</b></p>" if k == 0 else f"<p>{_esc(t)}</p>"
                           for k, t in enumerate(SIDE_NOTE))
            page.insert_htmlbox(box + (8, 6, -8, -6), note,
                                css="p { font-family: sans-serif; font-size: 8.5pt; margin: 0 0 3pt; }")
        page.insert_text((margin, A4.height - 30), f"Årsredovisning    {pno + 1}", fontsize=7.5, fontname="helv")
    doc.save(out, garbage=3, deflate=True)
    doc.close()


def scan(src: Path, out: Path, dpi: int = 200, angle: float = 0.4, seed: int = 14) -> None:
    """A scanned copy: the pymupdf-story rendering rasterised at `dpi`, turned slightly and speckled, saved as
    an image-only PDF (no text layer), for the OCR path."""
    with tempfile.TemporaryDirectory(prefix="plantrace-scan-") as tmp:
        clean = Path(tmp) / "clean.pdf"
        pymupdf_story(src, clean)
        rng = np.random.default_rng(seed)
        noise = None  # one grain pattern for all pages (drawing it anew per page costs a second a page)
        with pymupdf.open(clean) as doc, pymupdf.open() as scanned:
            for pno, page in enumerate(doc):
                turn = angle if pno % 2 == 0 else -angle
                matrix = pymupdf.Matrix(dpi / 72, dpi / 72).prerotate(turn)
                pix = page.get_pixmap(matrix=matrix, colorspace=pymupdf.csGRAY, alpha=False)
                img = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.width)
                if noise is None or noise.shape != img.shape:
                    noise = rng.integers(-14, 15, img.shape, dtype=np.int16)
                    noise[rng.random(img.shape) < 0.0006] = -255  # dust
                grainy = np.clip(img + np.roll(noise, pno * 37, axis=1), 0, 255).astype(np.uint8)
                scanned_pix = pymupdf.Pixmap(pymupdf.csGRAY, pix.width, pix.height, grainy.tobytes(), False)
                target = scanned.new_page(width=page.rect.width, height=page.rect.height)
                target.insert_image(target.rect, stream=scanned_pix.tobytes("jpg", jpg_quality=75))
            scanned.save(out, garbage=3, deflate=True)


PRODUCERS: dict[str, Callable[[Path, Path], None]] = {
    "libreoffice-a": libreoffice_a,
    "libreoffice-b": libreoffice_b,
    "browser-lists": browser_lists,
    "browser-rules": browser_rules,
    "pymupdf-story": pymupdf_story,
    "two-column": two_column,
    "ghostscript": ghostscript,
    "cairo": cairo,
    "scan": scan,
}


def unavailable(name: str) -> str | None:
    """Why a producer cannot run here ("producer unavailable: ..."), or None when it can."""
    try:
        if name.startswith("libreoffice") or name in ("ghostscript", "cairo"):
            _exe("soffice", "libreoffice")  # (the two re-distillers start from a LibreOffice rendering)
        if name == "ghostscript":
            _exe("gs", "gswin64c")
        elif name == "cairo":
            _exe("pdftocairo")
        if name.startswith("browser"):
            _exe("chromium", "chromium-browser", "google-chrome")
        elif name not in PRODUCERS:
            raise ProducerUnavailable(f"no producer named {name!r}")
    except ProducerUnavailable as e:
        return str(e)
    return None


def ocr_reason() -> str | None:
    """Why scans cannot be read here, or None (the scan producer itself needs only pymupdf)."""
    from plantrace.extract.ocr import ocr_available

    return None if ocr_available("swe") else "OCR unavailable: tesseract with Swedish data (swe) is not installed"


_VERSION = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]


def cache_key(src: Path, name: str) -> str:
    """Source bytes + producer + this module's code: a changed template renders anew."""
    digest = hashlib.sha256(Path(src).read_bytes()).hexdigest()[:16]
    return f"{digest}-{name}-{_VERSION}"


def render(src: Path | str, name: str, cache_dir: Path | str) -> Path:
    """The PDF of `src` made by producer `name`, rendered once into `cache_dir` and reused after that."""
    reason = unavailable(name)
    if reason:
        raise ProducerUnavailable(reason.removeprefix("producer unavailable: "))
    src, cache_dir = Path(src), Path(cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    out = cache_dir / f"{Path(src).stem.split('.')[0]}.{cache_key(src, name)}.pdf"
    if not out.exists():
        part = out.with_suffix(f".{os.getpid()}.part")
        PRODUCERS[name](src, part)
        os.replace(part, out)
    return out


# ----------------------------------------------------------------------------------------------- agreement

AGREEMENT_KINDS = ("goals", "assignments", "followups", "indicators")


def agreement(pdf_doc, text_doc, name: str):
    """`EvalResult` of the PDF's items against the text's items of the same source.

    Items pair up as in `plantrace.evaluate` (folded text, fuzzy ratio >= 90). "indicators" counts an indicator
    as agreeing only when its typed values (kind, year, number as written) agree too; a pair whose values
    differ counts as one missed and one spurious item. "indicator_names" keeps the name-only score."""
    from plantrace.evaluate import KindScore, evaluate_document

    gold = text_doc.model_dump(mode="json")
    key = {kind: gold[kind] for kind in AGREEMENT_KINDS}
    key["_key"] = name
    result = evaluate_document(pdf_doc, key, name=name)
    typed = result.score(name, "indicators")
    result.scores.append(KindScore(name, "indicator_names", typed.tp, typed.fp, typed.fn, list(typed.pairs),
                                   list(typed.missed), list(typed.spurious)))
    wrong = [c for c in result.checks if c.kind == "indicators" and c.attribute == "values" and not c.ok]
    typed.tp -= len(wrong)
    typed.fp += len(wrong)
    typed.fn += len(wrong)
    typed.missed += [(c.gold_id, f"{c.text}  [values {_short_values(c.expected)} -> {_short_values(c.got)}]")
                     for c in wrong]
    return result


def _short_values(values) -> str:
    return ", ".join(f"{v.get('kind')}/{v.get('year')}={v.get('raw')}" for v in values or []) or "none"


def goals_with_box(doc) -> tuple[int, int]:
    """(goals that carry a page and a bounding box, goals)."""
    ok = sum(1 for g in doc.goals if g.provenance and g.provenance.page is not None and g.provenance.bbox is not None)
    return ok, len(doc.goals)
