"""The DuckDB store and re-ingest behaviour: skip unchanged files, replace changed ones, never half-write."""

import hashlib
import os

import pytest

from plantrace.corpus.ingest import extractor_version, ingest
from plantrace.corpus.store import Store
from plantrace.schema import Document, Goal, Indicator, IndicatorValue, Meta, Provenance


def make_doc(source="/corpus/a.txt", text="Mål 1: Fler i arbete.\nMål 2: Färre hemlösa.\n", goals=("Fler i arbete", "Färre hemlösa")):
    sha = hashlib.sha256(text.encode()).hexdigest()
    return Document(
        source=source, sha256=sha, format="txt", meta=Meta(municipality="Gävle", how={"municipality": "content"}),
        goals=[Goal(id=f"g{i}", number=str(i), text=g, level="committee", provenance=Provenance(document=sha, page=1, span=(0, 5)))
               for i, g in enumerate(goals, 1)],
        indicators=[Indicator(id="i1", name="Andel i arbete", source="SCB",
                              values=[IndicatorValue(kind="actual", year=2023, raw="12,5 %", value=12.5, unit="%")])],
        text=text, warnings=["a warning"])


def counting_extractor(calls):
    """The real extractor, counting its calls: re-ingest must not extract again."""
    from plantrace.extract import extract_file

    def extract(path, meta=None):
        calls.append(path.name)
        return extract_file(path, meta=meta)

    return extract


# --- the store on its own --------------------------------------------------------------------------------------

def test_put_and_read_back(tmp_path):
    doc = make_doc()
    with Store(tmp_path / "s.duckdb") as store:
        assert store.put(doc, "v1") == "added"
        assert store.has(doc.sha256, "v1") and not store.has(doc.sha256, "v2")
        (d,) = store.documents()
        assert d["source"] == doc.source and d["meta"]["municipality"] == "Gävle"
        assert d["counts"]["goals"] == 2 and d["counts"]["indicators"] == 1 and d["counts"]["tables"] == 0
        again = store.get_document(doc.sha256)
        assert again.model_dump() == doc.model_dump() and again.text == doc.text
        assert store.get_document("0" * 64) is None
        goals = store.items("goals")
        assert list(goals.text) == ["Fler i arbete", "Färre hemlösa"] and set(goals.municipality) == {"Gävle"}
        ind = store.to_dataframe("indicators")
        assert ind.loc[0, "name"] == "Andel i arbete" and ind.loc[0, "item_source"] == "SCB"
        assert ind.loc[0, "source"] == doc.source
        assert store.items("followups").empty and "refers_to" in store.items("followups").columns
        assert len(store.items(document=doc.source)) == 3
        raw = store.con.execute("SELECT kind, text, page FROM items ORDER BY kind, seq").fetchall()
        assert raw == [("goals", "Fler i arbete", 1), ("goals", "Färre hemlösa", 1), ("indicators", "Andel i arbete", None)]


def test_put_replaces_the_old_version_of_a_source(tmp_path):
    old, new = make_doc(), make_doc(text="Mål 1: Alla i arbete.\n", goals=("Alla i arbete",))
    with Store(tmp_path / "s.duckdb") as store:
        store.put(old, "v1")
        assert store.put(new, "v1") == "replaced"
        assert [d["sha256"] for d in store.documents()] == [new.sha256]
        assert store.con.execute("SELECT count(*) FROM items WHERE document = ?", [old.sha256]).fetchone()[0] == 0
        assert list(store.items("goals").text) == ["Alla i arbete"]
        assert store.put(new, "v2") == "replaced"  # same content, new extractor: same key deleted and inserted
        assert store.has(new.sha256, "v2") and len(store.items("goals")) == 1


def test_error_inside_put_leaves_previous_contents(tmp_path, monkeypatch):
    old = make_doc()
    with Store(tmp_path / "s.duckdb") as store:
        store.put(old, "v1")
        real_drop = Store._drop

        def drop_then_fail(self, *a, **k):
            real_drop(self, *a, **k)  # the old rows are deleted inside the transaction ...
            raise RuntimeError("disk on fire")  # ... and then the write fails

        monkeypatch.setattr(Store, "_drop", drop_then_fail)
        with pytest.raises(RuntimeError):
            store.put(make_doc(text="Mål 1: Annat.\n", goals=("Annat",)), "v1")
        assert [d["sha256"] for d in store.documents()] == [old.sha256]
        assert list(store.items("goals").text) == ["Fler i arbete", "Färre hemlösa"]
        assert store.sources()[old.source]["sha256"] == old.sha256
    with Store(tmp_path / "s.duckdb") as store:  # and so it is on disk
        assert store.get_document(old.sha256).model_dump() == old.model_dump()


def test_failures_keep_latest_and_clear_on_success(tmp_path):
    doc = make_doc()
    with Store(tmp_path / "s.duckdb") as store:
        store.record_failure(doc.source, "empty file")
        store.record_failure(doc.source, "binary file, not text")
        assert [(f["source"], f["reason"]) for f in store.failures()] == [(doc.source, "binary file, not text")]
        store.put(doc, "v1")
        assert store.failures() == []


def test_schema_version_is_stored(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        from plantrace.corpus.store import SCHEMA_VERSION

        assert store.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == (SCHEMA_VERSION,)
    with Store(tmp_path / "s.duckdb", read_only=True) as store:
        assert store.documents() == []


# --- ingest with the real extractor ------------------------------------------------------------------------

def test_reingest_unchanged_does_no_work(sample_dir, tmp_path):
    db, calls = tmp_path / "s.duckdb", []
    first = ingest([sample_dir], db=db, extractor=counting_extractor(calls))
    assert first.ok and len(first.added) == 5 and len(calls) == 5
    second = ingest([sample_dir], db=db, extractor=counting_extractor(calls))
    assert second.ok and len(second.unchanged) == 5 and second.added == second.replaced == []
    assert len(calls) == 5  # no extraction the second time
    for f in (sample_dir / "text").iterdir():  # touched, not changed: hashed, still not extracted
        os.utime(f, (f.stat().st_atime, f.stat().st_mtime + 10))
    third = ingest([sample_dir], db=db, extractor=counting_extractor(calls))
    assert len(third.unchanged) == 5 and len(calls) == 5
    with Store(db) as store:
        assert len(store.documents()) == 5


def test_changed_file_replaces_its_items(sample_dir, tmp_path):
    db = tmp_path / "s.duckdb"
    ingest([sample_dir], db=db)
    (path,) = (sample_dir / "text").glob("001_*.txt")
    with Store(db) as store:
        old = next(d for d in store.documents() if "001_" in d["source"])
        assert old["counts"]["goals"] == 43
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "\nNämndmål\n9.9 Ett alldeles nytt mål om läsning för alla barn\n", encoding="utf-8")
    report = ingest([sample_dir], db=db)
    assert report.replaced == [str(path)] and len(report.unchanged) == 4
    with Store(db) as store:
        docs = store.documents()
        assert len(docs) == 5
        new = next(d for d in docs if "001_" in d["source"])
        assert new["sha256"] != old["sha256"]
        assert store.con.execute("SELECT count(*) FROM items WHERE document = ?", [old["sha256"]]).fetchone()[0] == 0
        assert len(store.items(document=new["sha256"])) == sum(new["counts"].values())


def test_new_extractor_version_reextracts(sample_dir, tmp_path, monkeypatch):
    import plantrace.extract

    db, calls = tmp_path / "s.duckdb", []
    ingest([sample_dir / "text"], db=db, extractor=counting_extractor(calls))
    monkeypatch.setattr(plantrace.extract, "EXTRACTOR_VERSION", "next", raising=False)
    report = ingest([sample_dir / "text"], db=db, extractor=counting_extractor(calls))
    assert len(report.replaced) == 5 and len(calls) == 10
    with Store(db) as store:
        assert {d["extractor_version"] for d in store.documents()} == {extractor_version()}


def test_manifest_overrides_detected_meta(sample_dir, tmp_path):
    db = tmp_path / "s.duckdb"
    assert ingest([sample_dir], db=db).ok
    with Store(db) as store:
        docs = {d["source"].rsplit("/", 1)[-1][:3]: d["meta"] for d in store.documents()}
    assert docs["003"]["municipality"] == "Ronneby" and docs["003"]["how"]["municipality"] == "manifest"
    assert docs["003"]["period"] == [2012, 2013] and docs["003"]["how"]["period"] == "manifest"
    assert docs["002"]["doc_type"] == "report" and docs["002"]["how"]["title"] == "manifest"


def test_edited_manifest_updates_meta_without_extraction(sample_dir, tmp_path):
    db, calls = tmp_path / "s.duckdb", []
    ingest([sample_dir], db=db, extractor=counting_extractor(calls))
    manifest = sample_dir / "manifest.csv"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("Ronneby", "Karlshamn"), encoding="utf-8")
    report = ingest([sample_dir], db=db, extractor=counting_extractor(calls))
    assert len(report.unchanged) == 5 and len(calls) == 5
    with Store(db) as store:
        meta = next(d["meta"] for d in store.documents() if "003_" in d["source"])
    assert meta["municipality"] == "Karlshamn" and meta["how"]["municipality"] == "manifest"


def test_copy_of_a_stored_file_is_not_extracted_again(sample_dir, tmp_path):
    db, calls = tmp_path / "s.duckdb", []
    ingest([sample_dir / "text"], db=db, extractor=counting_extractor(calls))
    (src,) = (sample_dir / "text").glob("000_*.txt")
    (tmp_path / "copy").mkdir()
    (tmp_path / "copy" / "same.txt").write_bytes(src.read_bytes())
    report = ingest([tmp_path / "copy"], db=db, extractor=counting_extractor(calls))
    assert report.ok and len(report.unchanged) == 1 and len(calls) == 5
    with Store(db) as store:
        assert len(store.documents()) == 5


def test_error_inside_put_during_ingest_is_a_failure_and_keeps_the_store(sample_dir, tmp_path, monkeypatch):
    db = tmp_path / "s.duckdb"
    ingest([sample_dir], db=db)
    with Store(db) as store:
        before = store.documents(), len(store.items())
    (path,) = (sample_dir / "text").glob("003_*.txt")
    path.write_text(path.read_text(encoding="utf-8") + "\nMål: ännu ett mål för nämnden\n", encoding="utf-8")
    real_drop = Store._drop

    def drop_then_fail(self, *a, **k):
        real_drop(self, *a, **k)
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(Store, "_drop", drop_then_fail)
    report = ingest([sample_dir], db=db)
    assert not report.ok and report.failed == [(str(path), "RuntimeError: disk on fire")]
    with Store(db) as store:
        assert (store.documents(), len(store.items())) == before
        assert [f["reason"] for f in store.failures()] == ["RuntimeError: disk on fire"]


def test_changed_nlp_model_version_reextracts(sample_dir, tmp_path, monkeypatch):
    import plantrace.nlp_models

    (path,) = (sample_dir / "text").glob("002_*.txt")
    db, calls = tmp_path / "s.duckdb", []
    assert ingest([path], db=db, extractor=counting_extractor(calls)).added == [str(path)]
    shipped = extractor_version()
    assert shipped.endswith("+" + plantrace.nlp_models.MODEL_VERSION)

    same = ingest([path], db=db, extractor=counting_extractor(calls))  # same model: nothing to do
    assert same.unchanged == [str(path)] and same.replaced == [] and len(calls) == 1

    monkeypatch.setattr(plantrace.nlp_models, "MODEL_VERSION", "sv_plantrace-9.9.9")
    assert extractor_version() != shipped and extractor_version().endswith("+sv_plantrace-9.9.9")
    changed = ingest([path], db=db, extractor=counting_extractor(calls))
    assert changed.replaced == [str(path)] and changed.unchanged == [] and len(calls) == 2
    with Store(db) as store:
        (doc,) = store.documents()
        assert doc["extractor_version"] == extractor_version()
        assert sum(doc["counts"].values()) > 0  # the items are stored again, not dropped
    again = ingest([path], db=db, extractor=counting_extractor(calls))  # and the new model is now current
    assert again.unchanged == [str(path)] and len(calls) == 2


def test_user_filters_are_parameters_not_sql(tmp_path):
    """`items(kind=, document=)` come from users (CLI, notebooks): quotes and SQL in them match nothing."""
    doc = make_doc()
    with Store(tmp_path / "s.duckdb") as store:
        store.put(doc, "v1")
        for evil in ("x' OR '1'='1", "'; DELETE FROM items; --", doc.source + "' OR 1=1 --"):
            assert store.items(document=evil).empty
        with pytest.raises(ValueError, match="unknown item kind"):
            store.items(kind="goals' OR '1'='1")
        assert len(store.items(document=doc.source)) == 3  # and nothing was deleted
        evil_source = make_doc(source="/corpus/'); DROP TABLE items; --.txt", text="Mål 1: Annat.\n", goals=("Annat",))
        store.put(evil_source, "v1")
        assert len(store.items(document=evil_source.source)) == 2 and len(store.documents()) == 2
