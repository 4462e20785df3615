"""The document representation every reader produces and every extractor consumes.

A text file and a PDF both become a `Layout`: an ordered list of `Line`s with their page, and, when the reader
knows them, font size, weight and bounding box. Extractors never see raw files, so a new input format only
needs a reader.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional


@dataclass
class Line:
    text: str  # cleaned text (markup removed), tabs kept as cell separators
    page: Optional[int] = None
    bbox: Optional[tuple[float, float, float, float]] = None
    size: Optional[float] = None
    bold: bool = False
    heading: Optional[int] = None  # markdown/style heading level hint, when the source says so
    cells: Optional[list[str]] = None  # table cells when the reader knows them (PDF tables)
    source_line: Optional[int] = None  # index of the line in the original file
    heading_source: Optional[str] = None  # what decided `heading`: markup | outline | font
    ocr: bool = False  # the text came from OCR
    quality: Optional[float] = None  # for table rows: the table's parsing quality
    table_id: Optional[int] = None  # for table rows from a PDF: which ruled table on the page
    aside: bool = False  # from a PDF: set in a shaded box apart from the running text (a fact box, a call-out)
    start: int = 0  # character offset of this line in the normalised text (set by Layout)

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass
class Layout:
    lines: list[Line]
    source: str = "<text>"
    format: str = "txt"
    pages: Optional[int] = None
    warnings: list[str] = field(default_factory=list)
    # page furniture left out of the lines (contact lines, running headers and footers), each text once:
    # identification still reads it (an e-mail domain, a postal address, the municipality in a footer)
    furniture: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        pos = 0
        for line in self.lines:
            line.start = pos
            pos += len(line.text) + 1

    @property
    def text(self) -> str:
        """The normalised text: cleaned lines joined by newlines; all spans point into it."""
        return "\n".join(line.text for line in self.lines)
