"""Bad input: every failing file gets one line naming it and the reason, the rest is processed and stored,
and nothing already in the store is lost."""

import os
import pathlib
import shutil
from pathlib import Path

import pytest

import plantrace.corpus.ingest as ingest_mod
from plantrace.corpus.files import find_files
from plantrace.files import decode_text, read_text, sha256_file
from plantrace.corpus.ingest import ingest
from plantrace.corpus.manifest import apply_manifest, load_manifests
from plantrace.corpus.store import Store
from plantrace.errors import InputError
from plantrace.schema import Meta

SWEDISH = "Mål för äldreomsorgen 2024–2026\r\nÖkad trygghet för brukare på särskilt boende.\r\n"


def stored_sources(db):
    with Store(db) as store:
        return sorted(pathlib.Path(d["source"]).name for d in store.documents())


# --- reading one file ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16"])
def test_encodings_decode_to_the_same_text(tmp_path, encoding):
    path = tmp_path / "doc.txt"
    path.write_bytes(SWEDISH.replace("–", "-" if encoding == "latin-1" else "–").encode(encoding))
    text, used = read_text(path)
    assert text == SWEDISH.replace("\r\n", "\n").replace("–", "-" if encoding == "latin-1" else "–")
    assert "\r" not in text and used in {encoding, "cp1252"}


@pytest.mark.parametrize("data, reason", [
    (b"", "empty file"),
    (b"  \n\r\n\t \n", "empty file"),
    (b"\xef\xbb\xbf\n", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 20, "binary file, not text"),
    (bytes(range(1, 32)) * 10 + b"text", "binary file, not text"),
    (b"Hej \x81\x8d\x8f\x90\x9d\x81\x8d\x8f\x90\x9d" * 20, "cannot decode text"),
])
def test_bad_text_raises_input_error_naming_the_file(tmp_path, data, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as e:
        read_text(path)
    assert e.value.source == str(path) and e.value.reason.startswith(reason)


def test_missing_file_raises_input_error(tmp_path):
    with pytest.raises(InputError, match="not found"):
        read_text(tmp_path / "gone.txt")
    with pytest.raises(InputError, match="not found"):
        sha256_file(tmp_path / "gone.txt")
    assert decode_text("Mål\r\n".encode(), "x") == ("Mål\n", "utf-8")


def test_find_files(tmp_path):
    (tmp_path / "a" / "deep").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    for name in ["a/1.txt", "a/deep/2.MD", "a/3.pdf", "a/manifest.csv", "a/notes.docx", "a/.4.txt", ".hidden/5.txt"]:
        (tmp_path / name).write_text("x")
    files, failures = find_files([tmp_path, tmp_path / "a" / "1.txt", tmp_path / "nope.txt"])
    assert [f.relative_to(tmp_path).as_posix() for f in files] == ["a/1.txt", "a/3.pdf", "a/deep/2.MD"]
    assert failures == [(str(tmp_path / "nope.txt"), "file not found")]
    files, _ = find_files(tmp_path / "a" / "notes.docx")  # named explicitly: kept, the extractor says why not
    assert [f.name for f in files] == ["notes.docx"]


# --- manifests ----------------------------------------------------------------------------------------------

def test_manifest_in_an_ancestor_folder_with_semicolons_and_cp1252(tmp_path):
    (tmp_path / "text").mkdir()
    doc = tmp_path / "text" / "a.txt"
    doc.write_text("x")
    (tmp_path / "manifest.csv").write_bytes(
        "file;municipality;committee;doc_type;period_start;period_end;title\n"
        "text/a.txt;Gävle;Socialnämnden;plan;2021;;Plan för året\n".encode("cp1252"))
    row = load_manifests([doc], roots=[tmp_path])[doc.resolve()]
    meta = apply_manifest(Meta(municipality="Sandviken", title="T", how={"municipality": "content"}), row)
    assert meta.municipality == "Gävle" and meta.period == (2021, 2021) and meta.title == "Plan för året"
    assert set(meta.how.values()) == {"manifest"} and set(meta.how) == {"municipality", "committee", "doc_type", "period", "title"}


def test_malformed_manifest_is_a_warning(sample_dir, tmp_path):
    (sample_dir / "manifest.csv").write_text("name,place\nx,y\n")
    report = ingest([sample_dir], db=tmp_path / "s.duckdb")
    assert report.ok and len(report.added) == 5
    assert any("manifest.csv" in w and "no 'file' column" in w for w in report.warnings)
    warnings = []
    row = {"file": "a.txt", "doc_type": "verksamhetsplan", "period_start": "tjugo", "municipality": "Gävle"}
    meta = apply_manifest(Meta(), row, warnings)
    assert meta.municipality == "Gävle" and meta.doc_type is None and meta.period is None and len(warnings) == 2


# --- ingest with bad files among good ones (real extractor) --------------------------------------------------

BAD_FILES = {
    "empty.txt": (b"", "empty file"),
    "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50, "binary file, not text"),
    "garbled.txt": (b"Hej \x81\x8d\x8f\x90\x9d\x81\x8d\x8f\x90\x9d" * 20, "cannot decode text"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_one_bad_file_among_good_ones(sample_dir, tmp_path, name):
    data, reason = BAD_FILES[name]
    bad = sample_dir / "text" / name
    bad.write_bytes(data)
    lines = []
    db = tmp_path / "s.duckdb"
    report = ingest([sample_dir], db=db, on_failure=lambda s, r: lines.append(f"{s}: {r}"))
    assert not report.ok and len(report.added) == 5
    assert len(report.failed) == 1 and report.failed[0][0] == str(bad) and report.failed[0][1].startswith(reason)
    assert lines == [f"{bad}: {report.failed[0][1]}"]
    assert len(stored_sources(db)) == 5
    with Store(db) as store:
        assert [(f["source"], f["reason"]) for f in store.failures()] == [(str(bad.resolve()), report.failed[0][1])]


def test_missing_path_and_crashing_extractor_are_failure_lines(sample_dir, tmp_path):
    from plantrace.extract import extract_file

    def extractor(path, meta):
        if path.name.startswith("002_"):
            raise ValueError("table parser broke")
        return extract_file(path, meta=meta)

    db = tmp_path / "s.duckdb"
    report = ingest([sample_dir, tmp_path / "nope.txt"], db=db, extractor=extractor)
    reasons = dict(report.failed)
    assert reasons[str(tmp_path / "nope.txt")] == "file not found"
    (crashed,) = [s for s in reasons if "002_" in s]
    assert reasons[crashed] == "ValueError: table parser broke"
    assert len(report.added) == 4 and len(stored_sources(db)) == 4


def test_file_vanishing_between_find_and_read(sample_dir, tmp_path, monkeypatch):
    real_find = ingest_mod.find_files
    (victim,) = (sample_dir / "text").glob("001_*.txt")

    def find_then_delete(paths):
        found = real_find(paths)
        victim.unlink()
        return found

    monkeypatch.setattr(ingest_mod, "find_files", find_then_delete)
    db = tmp_path / "s.duckdb"
    report = ingest([sample_dir], db=db)
    assert report.failed == [(str(victim), "file not found (missing or removed while running)")]
    assert len(report.added) == 4 and len(stored_sources(db)) == 4


def test_unreadable_file_simulated(sample_dir, tmp_path, monkeypatch):
    """Permission denied, simulated so that it runs as root too."""
    (victim,) = (sample_dir / "text").glob("004_*.txt")
    real_read = pathlib.Path.read_bytes

    def read_bytes(self):
        if self.name == victim.name:
            raise PermissionError(13, "Permission denied", str(self))
        return real_read(self)

    monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)
    report = ingest([sample_dir], db=tmp_path / "s.duckdb")
    assert report.failed == [(str(victim), "cannot read: Permission denied")]
    assert len(report.added) == 4


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can read a chmod 000 file")
def test_unreadable_file_chmod(sample_dir, tmp_path):
    (victim,) = (sample_dir / "text").glob("004_*.txt")
    victim.chmod(0)
    try:
        report = ingest([sample_dir], db=tmp_path / "s.duckdb")
    finally:
        victim.chmod(0o644)
    assert report.failed == [(str(victim), "cannot read: Permission denied")]
    assert len(report.added) == 4


def test_a_file_turning_bad_keeps_its_stored_document(sample_dir, tmp_path):
    db = tmp_path / "s.duckdb"
    assert ingest([sample_dir], db=db).ok
    with Store(db) as store:
        before = store.documents()
    (path,) = (sample_dir / "text").glob("003_*.txt")
    path.write_bytes(b"")
    report = ingest([sample_dir], db=db)
    assert report.failed == [(str(path), "empty file")] and len(report.unchanged) == 4
    with Store(db) as store:
        assert store.documents() == before
        assert len(store.failures()) == 1


def test_folder_with_two_thousand_small_files(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(2000):
        (folder / f"doc{i:04d}.txt").write_text(
            f"Verksamhetsplan {i}\n\nMål 1: Alla barn ska läsa {i} böcker.\nMål 2: Färre ska vara hemlösa.\n", encoding="utf-8")
    bad = [folder / f"doc{i:04d}.txt" for i in range(0, 2000, 250)]
    for b in bad:
        b.write_bytes(b"\x00\x01\x02binary")
    db = tmp_path / "s.duckdb"
    report = ingest([folder], db=db)
    assert not report.ok and len(report.added) == 2000 - len(bad)
    assert report.failed == [(str(b), "binary file, not text") for b in bad]
    again = ingest([folder], db=db)
    assert len(again.unchanged) == 2000 - len(bad) and len(again.failed) == len(bad)
    with Store(db) as store:
        assert len(store.documents()) == 2000 - len(bad) and len(store.failures()) == len(bad)


def test_manifest_paths_cannot_leave_the_manifest_folder(tmp_path):
    """A manifest names files relative to its folder: absolute paths and ".." that climb out are ignored."""
    corpus, outside = tmp_path / "corpus", tmp_path / "outside"
    (corpus / "sub").mkdir(parents=True)
    outside.mkdir()
    inside, deeper, secret = corpus / "a.txt", corpus / "sub" / "b.txt", outside / "secret.txt"
    for p in (inside, deeper, secret):
        p.write_text("x")
    (corpus / "manifest.csv").write_text(
        "file,municipality\n"
        "a.txt,Gävle\n"
        "sub/../sub/b.txt,Uppsala\n"
        "../outside/secret.txt,Ronneby\n"
        f"{secret},Ronneby\n"
        "sub/../../outside/secret.txt,Ronneby\n", encoding="utf-8")
    warnings = []
    rows = load_manifests([inside, deeper, secret], roots=[corpus, secret], warnings=warnings)
    assert {p: r["municipality"] for p, r in rows.items()} == {inside.resolve(): "Gävle", deeper.resolve(): "Uppsala"}
    assert len(warnings) == 3 and all("outside the manifest's folder; row ignored" in w for w in warnings)


# --- the bad-input corpus, through the command line, in one process and with two workers ----------------------

def _drop_file_permissions_override() -> list[str] | None:
    """A command prefix under which root obeys file permissions (setpriv drops CAP_DAC_OVERRIDE and
    CAP_DAC_READ_SEARCH), [] when not root, None when that is not possible here."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return []
    import subprocess
    import tempfile

    setpriv = shutil.which("setpriv")
    if not setpriv:
        return None
    prefix = [setpriv, "--bounding-set=-dac_override,-dac_read_search", "--"]
    with tempfile.NamedTemporaryFile() as f:
        os.chmod(f.name, 0)
        r = subprocess.run([*prefix, "cat", f.name], capture_output=True)
    return prefix if r.returncode != 0 and b"Permission denied" in r.stderr else None


@pytest.fixture(scope="module")
def bad_corpus(tmp_path_factory):
    """(folder, {file: reason}, good files, command prefix): every kind of bad input among good documents."""
    import random

    import pymupdf

    from test_bad_pdf import _good, deeply_nested_arrays, malformed

    root = tmp_path_factory.mktemp("badcorpus")
    folder = root / "corpus"
    shutil.copytree(Path(__file__).resolve().parents[1] / "corpus" / "sample", folder)
    text, pdf = folder / "text", folder / "pdf"
    pdf.mkdir()
    good = sorted(text.glob("*.txt"))
    good += [_good(pdf / "good.pdf"), pdf / "nested_arrays.pdf"]
    good[-1].write_bytes(deeply_nested_arrays())
    (dup := text / "copy_of_001.txt").write_bytes(good[1].read_bytes())  # a duplicate under another name
    good.append(dup)
    rng = random.Random(7)
    bad: dict[str, str] = {}

    def put(name: str, data: bytes, reason: str) -> None:
        (folder / name).write_bytes(data)
        bad[name] = reason

    doc = pymupdf.open(good[5])
    doc.save(folder / "pdf/encrypted.pdf", encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="x", owner_pw="y")
    doc.close()
    bad["pdf/encrypted.pdf"] = "encrypted PDF: a password is required to open it"
    put("pdf/truncated.pdf", _good(root / "packed.pdf", use_objstms=1).read_bytes()[:700], "damaged PDF")
    put("pdf/zero_bytes.pdf", b"", "empty file")
    put("text/zero_bytes.txt", b"", "empty file")
    put("pdf/random.pdf", bytes(rng.getrandbits(8) for _ in range(4000)), "not a PDF (the file starts with binary data")
    put("pdf/random_after_header.pdf", b"%PDF-1.5\n" + bytes(rng.getrandbits(8) for _ in range(4000)), "damaged PDF")
    for kind, data in malformed().items():
        put(f"pdf/{kind}.pdf", data, "damaged PDF (")
    many = pymupdf.open()
    for _ in range(3001):
        many.new_page()
    many.save(folder / "pdf/huge_page_count.pdf")
    many.close()
    bad["pdf/huge_page_count.pdf"] = "PDF has 3001 pages, more than the limit of 3000"
    put("text/undecodable.txt", b"Hej \x81\x8d\x8f\x90\x9d\x81\x8d\x8f\x90\x9d" * 20, "cannot decode text")
    put("text/binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50, "binary file, not text")
    (folder / "text/loop_a.txt").symlink_to(folder / "text/loop_b.txt")
    (folder / "text/loop_b.txt").symlink_to(folder / "text/loop_a.txt")
    bad["text/loop_a.txt"] = bad["text/loop_b.txt"] = "cannot read: Too many levels of symbolic links"
    (folder / "text/up").symlink_to(folder, target_is_directory=True)  # a folder loop: not followed
    os.mkfifo(folder / "text/pipe.txt")
    bad["text/pipe.txt"] = "not a regular file (a pipe, socket or device)"
    prefix = _drop_file_permissions_override()
    if prefix is not None:
        put("text/unreadable.txt", "Mål 1: Ingen får läsa detta.\n".encode(), "cannot read: Permission denied")
        (folder / "text/unreadable.txt").chmod(0)
    return folder, {str(folder / k): v for k, v in bad.items()}, [str(g) for g in good], prefix or []


@pytest.mark.parametrize("workers", [0, 2])
def test_bad_input_corpus_one_line_each_good_files_stored(bad_corpus, tmp_path, workers):
    import subprocess
    import sys

    folder, bad, good, prefix = bad_corpus
    db = tmp_path / "s.duckdb"
    exe = Path(sys.executable).with_name("plantrace")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-c", "from plantrace.cli import app; app()"]
    r = subprocess.run([*prefix, *cmd, "ingest", str(folder), "--db", str(db), "--workers", str(workers)],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 1, r.stdout + r.stderr
    errors = [line for line in r.stderr.splitlines() if line.startswith("error ")]
    lines = {}
    for line in errors:
        source, reason = line[len("error "):].split(": ", 1)
        assert source not in lines, f"two lines for {source}"
        lines[source] = reason
    assert set(lines) == set(bad), (set(lines) ^ set(bad))
    for source, reason in bad.items():
        assert lines[source].startswith(reason), (source, lines[source])
    assert f"failed {len(bad)} (" in r.stdout and f"stored {len(good) - 1} " in r.stdout

    with Store(db, read_only=True) as store:
        sources = store.sources()
        assert set(sources) == {str(Path(g).resolve()) for g in good}  # the duplicate too, sharing a document
        docs = store.documents()
        assert len(docs) == len(good) - 1 and len({s["sha256"] for s in sources.values()}) == len(good) - 1
        assert all(d["counts"]["goals"] > 0 for d in docs if d["format"] == "txt")
        assert len(store.failures()) == len(bad)
        con = store.con
        assert con.execute("SELECT count(*) FROM items WHERE document NOT IN (SELECT sha256 FROM documents)"
                           ).fetchone() == (0,)
