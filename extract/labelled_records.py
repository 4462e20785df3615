"""Actions and internal controls written as labelled records instead of table rows.

    Åtgärd: Införa digital signering av beslut              Kontrollmoment: Kontroll av behörigheter
    Förväntad effekt: Kortare ledtider                      Kontrollområde: Informationssäkerhet
    Styrdokument: Digitaliseringsstrategi                   Riskbeskrivning: Risk att obehöriga …
                                                            Metod: Logguppföljning
                                                            Tidpunkt för rapportering: Tertial 1

Each label is read by what it says (the column vocabulary of `tables.ACTION_COLUMNS` / `CONTROL_COLUMNS`), so
any order works; a label seen again starts the next record. Lines are read one by one because a hard-wrapping
converter glues such lines into one paragraph; a line that does not start with a capital goes on with the value
above it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from plantrace.extract.blocks import join_wrapped
from plantrace.extract.context import Context
from plantrace.extract.items import line_provenance
from plantrace.extract.tables import ACTION_COLUMNS, CONTROL_COLUMNS, column_roles
from plantrace.schema import Action, Control

_LABEL = re.compile(r"^(?P<label>[A-ZÅÄÖ][\wåäöÅÄÖ\- ]{1,40}?)\s*:\s*(?P<value>\S.*)$")
_IGNORED = re.compile(r"^(ansvarig|ansvar|status|kommentar)\b", re.I)  # labels of a record with no field of ours


@dataclass
class Record:
    block: int
    action: dict[str, str] = field(default_factory=dict)
    control: dict[str, str] = field(default_factory=dict)
    lines: list[int] = field(default_factory=list)
    last: Optional[tuple[dict[str, str], str]] = None  # the value a continuation line goes on with


def _field(label: str, roles) -> Optional[str]:
    return next(iter(column_roles([label], roles)), None)


def read_records(ctx: Context) -> list[Record]:
    records: list[Record] = []
    current: Optional[Record] = None
    for bi, b in enumerate(ctx.blocks):
        if bi in ctx.table_blocks or b.kind not in ("para", "bullet", "heading"):
            current = None
            continue
        for li in b.lines:
            line = ctx.layout.lines[li].text.strip()
            m = _LABEL.match(line)
            if m and len(m.group("label").split()) <= 4:
                label, value = m.group("label"), m.group("value").strip()
                action, control = _field(label, ACTION_COLUMNS), _field(label, CONTROL_COLUMNS)
                if action is None and control is None:
                    if current is not None and _IGNORED.match(label):
                        current.lines.append(li)
                        current.last = None
                    else:
                        current = None
                    continue
                other_kind = (action is None and current is not None and current.action and not current.control) or \
                    (control is None and current is not None and current.control and not current.action)
                if current is None or other_kind or (action and action in current.action) \
                        or (control and control in current.control):
                    current = Record(block=bi)
                    records.append(current)
                if action:
                    current.action[action] = value
                    current.last = (current.action, action)
                if control:
                    current.control[control] = value
                    current.last = (current.control, control)
                current.lines.append(li)
            elif current is not None and current.last is not None and line and not line[:1].isupper():
                values, name = current.last
                values[name] = join_wrapped([values[name], line])
                current.lines.append(li)
            else:
                current = None
    return records


def labelled_records(ctx: Context) -> None:
    """An action needs its text and one more field; a control three fields, so a stray "Risk: …" is no control."""
    for r in read_records(ctx):
        if "text" in r.action and len(r.action) >= 2 and len(r.action) >= len(r.control):
            target = ctx.block_target[r.block] if r.block < len(ctx.block_target) else None
            ctx.add("actions", Action(id=ctx.next_id("actions", "act"), text=r.action["text"],
                                      linked_document=r.action.get("linked_document"),
                                      expected_effect=r.action.get("expected_effect"), goal_or_assignment=target,
                                      provenance=line_provenance(ctx, r.lines)))
        elif len(r.control) >= 3:
            ctx.add("controls", Control(id=ctx.next_id("controls", "c"), area=r.control.get("area"),
                                        risk=r.control.get("risk"), control=r.control.get("control"),
                                        method=r.control.get("method"), reporting=r.control.get("reporting"),
                                        provenance=line_provenance(ctx, r.lines)))
