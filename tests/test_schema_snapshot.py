"""The published JSON Schema changes only with its version: each version's schema is kept in tests/schema/."""

import json
from pathlib import Path

from typer.testing import CliRunner

from plantrace.cli import app
from plantrace.schema import SCHEMA_ID, SCHEMA_VERSION, json_schema

SNAPSHOTS = Path(__file__).resolve().parent / "schema"


def test_the_schema_names_its_version():
    schema = json_schema()
    assert schema["$id"] == SCHEMA_ID and SCHEMA_VERSION in schema["$id"] and schema["version"] == SCHEMA_VERSION
    assert schema["$schema"].startswith("https://json-schema.org/")


def test_the_schema_is_the_snapshot_of_its_version():
    snapshot = SNAPSHOTS / f"extraction-{SCHEMA_VERSION}.json"
    assert snapshot.exists(), (f"schema version {SCHEMA_VERSION} has no snapshot: after a deliberate change run "
                               f"`plantrace schema --out tests/schema/extraction-{SCHEMA_VERSION}.json`")
    kept = json.loads(snapshot.read_text(encoding="utf-8"))
    assert json_schema() == kept, ("the JSON Schema changed without a new version: raise SCHEMA_VERSION in "
                                   "plantrace/schema.py and add its snapshot (plantrace schema --out …)")


def test_older_snapshots_are_older_versions():
    versions = sorted(tuple(map(int, p.stem.removeprefix("extraction-").split("."))) for p in SNAPSHOTS.glob("*.json"))
    assert versions and versions[-1] == tuple(map(int, SCHEMA_VERSION.split(".")))


def test_the_cli_prints_the_same_schema():
    r = CliRunner().invoke(app, ["schema"])
    assert r.exit_code == 0 and json.loads(r.stdout) == json_schema()


def test_the_lines_convention_is_stated_and_holds():
    """`lines` are 0-based in JSON; a report's "line N" is lines[0] + 1."""
    import plantrace

    desc = json_schema()["$defs"]["Provenance"]["properties"]["lines"]["description"]
    assert "0-based" in desc and "first + 1" in desc
    sample = Path(__file__).resolve().parents[1] / "corpus" / "sample" / "text"
    doc = plantrace.extract(next(sample.glob("000_*.txt")))
    text_lines = doc.text.split("\n")
    a = doc.assignments[0]
    first, _ = a.provenance.lines
    assert a.text.split()[0] in text_lines[first]  # 0-based: index `first` of the text's lines holds it
