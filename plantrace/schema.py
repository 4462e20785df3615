"""The common schema every stage reads and writes.

Field names follow the answer keys (`shared/gold/FORMAT.md`) so that extraction output, the store and the
evaluation speak one language. Every item carries a `Provenance` so a reader can check it against the source.

Numbering: pages are 1-based as printed; character spans and line ranges are 0-based offsets into the
normalised text (`Document.text`), as Python slices them; reports show a line as a person counts it, 1-based
("line 245" is `lines[0] == 244`).

The JSON Schema (`plantrace schema`) is versioned by `SCHEMA_VERSION`, also in its `$id`: any change to the
published schema changes the version (`tests/test_schema_snapshot.py` holds the schema of each version).
"""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

DocType = Literal["plan", "report", "protocol", "budget", "internal_control", "other"]
GoalLevel = Literal["council", "committee", "sub"]
ValueKind = Literal["actual", "target", "comparison", "baseline"]
Direction = Literal["increase", "decrease"]
Status = Literal["done", "partial", "not_done", "ongoing", "cancelled", "unknown"]
FollowUpKind = Literal["goal", "assignment"]
TableKind = Literal["indicator", "budget", "action", "control", "definitions", "other"]
MetaSource = Literal["content", "manifest", "file name"]

SCHEMA_VERSION = "1.0.0"  # semantic: major = a field removed or changed, minor = a field added, patch = wording
SCHEMA_ID = f"urn:plantrace:schema:extraction:{SCHEMA_VERSION}"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Provenance(_Model):
    """Where an item comes from: enough to find it again in the source."""

    document: str = Field(description="sha256 of the source document")
    page: Optional[int] = Field(None, description="1-based page number, when known")
    span: Optional[tuple[int, int]] = Field(None, description="0-based character span [start, end) in the normalised text")
    lines: Optional[tuple[int, int]] = Field(None, description="0-based line range [first, last] in the normalised "
                                                               "text; reports print first + 1 (\"line 245\" is 244)")
    bbox: Optional[tuple[float, float, float, float]] = Field(None, description="x0, y0, x1, y1 in PDF points, when known")
    ocr: bool = Field(False, description="the text was read by OCR from a scanned page")


class Meta(_Model):
    municipality: Optional[str] = None
    committee: Optional[str] = None
    doc_type: Optional[DocType] = None
    period: Optional[tuple[int, int]] = None
    title: Optional[str] = None
    diarienummer: Optional[str] = None
    decision_date: Optional[str] = Field(None, description="ISO date of the decision or the document, when written")
    how: dict[str, MetaSource] = Field(default_factory=dict, description="per field: how its value was decided")


class Item(_Model):
    id: str
    provenance: Optional[Provenance] = None


class Section(Item):
    number: Optional[str] = None
    title: str
    level: int = 1
    parent: Optional[str] = None
    level_source: Optional[str] = Field(None, description="what decided the level: outline | numbering | font | markup")


class Goal(Item):
    number: Optional[str] = None
    text: str
    level: GoalLevel
    parent: Optional[str] = None
    placeholder: bool = False
    label: Optional[str] = Field(None, description='the label as written, e.g. "Nämndmål", "Inriktningsmål"')
    section: Optional[str] = None


class IndicatorValue(_Model):
    kind: ValueKind
    year: Optional[int] = None
    raw: str
    value: Optional[float] = None
    unit: Optional[str] = None
    column: Optional[str] = Field(None, description="the column header the value sits under")


class Indicator(Item):
    name: str
    goal: Optional[str] = None
    assignment: Optional[str] = None
    group: Optional[str] = None
    values: list[IndicatorValue] = Field(default_factory=list)
    breakdown: list[str] = Field(default_factory=list)
    direction: Optional[Direction] = None
    status_raw: Optional[str] = None
    source: Optional[str] = None
    footnote: Optional[str] = None
    table: Optional[str] = None


class Assignment(Item):
    number: Optional[str] = None
    text: str
    issuer: Optional[str] = None
    responsible: list[str] = Field(default_factory=list)
    funding: Optional[str] = None
    deadline: Optional[str] = None
    goal: Optional[str] = None


class FollowUp(Item):
    number: Optional[str] = None
    refers_to: str
    kind: FollowUpKind
    status: Status = "unknown"
    status_raw: Optional[str] = None
    narrative: Optional[str] = None


class Action(Item):
    text: str
    linked_document: Optional[str] = None
    expected_effect: Optional[str] = None
    goal_or_assignment: Optional[str] = None


class Control(Item):
    area: Optional[str] = None
    risk: Optional[str] = None
    control: Optional[str] = None
    method: Optional[str] = None
    reporting: Optional[str] = None


class Table(Item):
    kind: TableKind = "other"
    title: Optional[str] = None
    header: list[str] = Field(default_factory=list)
    header_rows: list[list[str]] = Field(default_factory=list, description="the header as written, one list per header line")
    rows: list[list[str]] = Field(default_factory=list)
    numbers: list[list[Optional[float]]] = Field(default_factory=list, description="rows with Swedish numbers parsed")
    n_rows: int = 0
    n_cols: int = 0
    pages: list[int] = Field(default_factory=list)
    row_pages: list[Optional[int]] = Field(default_factory=list, description="the page of each body row")
    quality: Optional[float] = Field(None, description="share of cells parsed cleanly (PDF ruled tables), 0–1")

    @property
    def row_labels(self) -> list[str]:
        return [r[0] if r else "" for r in self.rows]


class Document(_Model):
    """One source document and everything extracted from it."""

    source: str
    sha256: str
    format: str
    pages: Optional[int] = None
    meta: Meta = Field(default_factory=Meta)
    sections: list[Section] = Field(default_factory=list)
    goals: list[Goal] = Field(default_factory=list)
    assignments: list[Assignment] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)
    followups: list[FollowUp] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list)
    controls: list[Control] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)
    text: Optional[str] = Field(None, description="the normalised text all character spans refer to", exclude=True)
    warnings: list[str] = Field(default_factory=list)


ITEM_KINDS: dict[str, type[Item]] = {
    "sections": Section,
    "goals": Goal,
    "assignments": Assignment,
    "indicators": Indicator,
    "followups": FollowUp,
    "actions": Action,
    "controls": Control,
    "tables": Table,
}


class Extraction(_Model):
    """The JSON contract of `plantrace extract --json`."""

    documents: list[Document] = Field(default_factory=list)
    failures: list[dict[str, str]] = Field(default_factory=list)


def json_schema() -> dict:
    """The published JSON Schema of `plantrace extract --format json`, with its version in `$id`."""
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID,
            "version": SCHEMA_VERSION, **Extraction.model_json_schema()}
