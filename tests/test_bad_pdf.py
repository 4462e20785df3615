"""Bad PDFs, generated here with pymupdf: each gets one clear reason, the batch goes on, the store keeps what it had."""

import shutil
import time
from pathlib import Path

import pymupdf
import pytest

import plantrace
from plantrace.corpus.store import Store
from plantrace.errors import InputError
from plantrace.extract import pdf_open
from plantrace.extract.api import extract_file
from plantrace.extract.pdf_open import open_pdf

SAMPLE = Path(__file__).resolve().parents[1] / "corpus" / "sample" / "text"


def _good(path: Path, pages: int = 2, **save) -> Path:
    doc = pymupdf.open()
    for k in range(pages):
        page = doc.new_page()
        page.insert_text((72, 72), f"Verksamhetsplan 2024 för Socialnämnden, sida {k + 1}", fontsize=14)
        page.insert_text((72, 110), "1.1 Barn och unga ska ha trygga uppväxtvillkor", fontsize=11)
    doc.save(path, **save)
    doc.close()
    return path


def pdf_of(objs: list[bytes]) -> bytes:
    """A PDF of these objects (1 0 obj is the catalog) with a correct xref, so pymupdf reads it as written."""
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (i, obj)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def _zero_pages() -> bytes:
    """A well-formed PDF (correct xref, so pymupdf does not repair it) whose page tree is empty."""
    return pdf_of([b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[]/Count 0>>"])


def one_page(page: bytes, *more: bytes) -> bytes:
    """A PDF whose single page (object 3) is `page`; `more` are objects 4, 5, ..."""
    return pdf_of([b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[3 0 R]/Count 1>>", page, *more])


def malformed() -> dict[str, bytes]:
    """Malformed structures MuPDF stops at, each a "damaged PDF" with MuPDF's own words for what is wrong."""
    q = b"q " * 100_000 + b"Q " * 100_000
    return {
        "page_tree_cycle": pdf_of([b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[2 0 R]/Count 1>>"]),
        "page_count_lies": pdf_of([b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[3 0 R]/Count 1000000>>",
                                   b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>"]),
        "nested_graphics_states": one_page(b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R>>",
                                           b"<</Length %d>>stream\n%s\nendstream" % (len(q), q)),
    }


def deeply_nested_arrays() -> bytes:
    """100,000 nested arrays in a page's resources: MuPDF gives up on the object and reads the page."""
    return one_page(b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Resources<</X " + b"[" * 100_000 +
                    b"]" * 100_000 + b">>>>")


# kind → the words its reason must contain
REASONS = {
    "user_pw": "encrypted PDF: a password is required to open it",
    "truncated_half": "damaged PDF",
    "truncated_200": "damaged PDF",
    "zero_pages": "PDF has no pages",
    "text": "not a PDF (the file starts with text",
    "png": "not a PDF (the file is a PNG image",
    "docx": "not a PDF (the file is a ZIP archive, e.g. a Word .docx",
    "html": "not a PDF (the file is a web page",
    "empty": "empty file",
}


@pytest.fixture()
def bad(tmp_path):
    """(tmp_path, {kind: path}): one bad PDF of each kind in tmp_path/bad, plus good ones outside it."""
    d = tmp_path / "bad"
    d.mkdir()
    good = _good(tmp_path / "good.pdf")
    # object streams, as Word and most modern writers use: a cut file loses its objects, not just the xref
    packed = _good(tmp_path / "packed.pdf", use_objstms=1).read_bytes()
    doc = pymupdf.open(good)
    doc.save(d / "user_pw.pdf", encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="x", owner_pw="y")
    doc.save(tmp_path / "owner_only.pdf", encryption=pymupdf.PDF_ENCRYPT_AES_256, owner_pw="y",
             permissions=pymupdf.PDF_PERM_PRINT)
    doc.close()
    (d / "truncated_half.pdf").write_bytes(packed[: len(packed) // 2])
    (d / "truncated_200.pdf").write_bytes(good.read_bytes()[:200])
    (d / "zero_pages.pdf").write_bytes(_zero_pages())
    (d / "text.pdf").write_text("Det här är ingen PDF utan vanlig text.\n", encoding="utf-8")
    (d / "png.pdf").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64)
    (d / "docx.pdf").write_bytes(b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 64)
    (d / "html.pdf").write_text("<!DOCTYPE html><html><body>404 Not Found</body></html>", encoding="utf-8")
    (d / "empty.pdf").write_bytes(b"")
    files = {kind: d / f"{kind}.pdf" for kind in REASONS}
    assert set(files.values()) == set(d.iterdir())
    return tmp_path, files


# ------------------------------------------------------------------------------------------------ open_pdf


@pytest.mark.parametrize("kind", sorted(REASONS))
def test_open_pdf_gives_each_bad_kind_one_clear_reason(bad, kind):
    _, files = bad
    with pytest.raises(InputError) as e:
        open_pdf(files[kind])
    assert e.value.source == str(files[kind])
    assert REASONS[kind] in e.value.reason
    assert "\n" not in e.value.reason and len(e.value.reason) < 200


@pytest.mark.parametrize("kind", sorted(malformed()))
def test_malformed_structure_is_a_damaged_pdf(tmp_path, kind):
    path = tmp_path / f"{kind}.pdf"
    path.write_bytes(malformed()[kind])
    with pytest.raises(InputError) as e:
        extract_file(path)
    assert e.value.source == str(path) and e.value.reason.startswith("damaged PDF (")


def test_deeply_nested_objects_are_read(tmp_path):
    path = tmp_path / "nested.pdf"
    path.write_bytes(deeply_nested_arrays())
    doc = extract_file(path)
    assert doc.pages == 1 and doc.goals == []


def test_good_pdf_opens(bad):
    tmp, _ = bad
    doc = open_pdf(tmp / "good.pdf")
    try:
        assert doc.page_count == 2 and "Socialnämnden" in doc[0].get_text()
    finally:
        doc.close()


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(InputError, match="file not found"):
        open_pdf(tmp_path / "finns_inte.pdf")
    with pytest.raises(InputError, match="is a folder, not a file"):
        open_pdf(tmp_path)


def test_owner_password_only_opens_normally(bad):
    tmp, _ = bad
    doc = open_pdf(tmp / "owner_only.pdf")  # pymupdf authenticates with the empty user password by itself
    try:
        assert not doc.needs_pass and doc.page_count == 2 and "Verksamhetsplan 2024" in doc[0].get_text()
    finally:
        doc.close()
    assert "Verksamhetsplan 2024" in extract_file(tmp / "owner_only.pdf").text


def test_user_password_given(bad):
    _, files = bad
    doc = open_pdf(files["user_pw"], password="x")
    try:
        assert "Socialnämnden" in doc[0].get_text()
    finally:
        doc.close()
    with pytest.raises(InputError, match="encrypted PDF: the given password is wrong"):
        open_pdf(files["user_pw"], password="fel")


def test_repairable_damage_is_repaired(tmp_path):
    """A file cut just before its end (xref and trailer lost) is rebuilt by pymupdf and read as usual."""
    data = _good(tmp_path / "good.pdf").read_bytes()
    path = tmp_path / "cut_tail.pdf"
    path.write_bytes(data[:-40])
    doc = open_pdf(path)
    try:
        assert doc.is_repaired and doc.page_count == 2 and "Socialnämnden" in doc[1].get_text()
    finally:
        doc.close()


def test_junk_before_the_header_is_accepted(tmp_path):
    """The %PDF- magic may come after a few bytes of junk (mail gateways, old writers); readers accept that."""
    path = tmp_path / "prefixed.pdf"
    path.write_bytes(b"\r\n\r\n" + _good(tmp_path / "good.pdf").read_bytes())
    open_pdf(path).close()


def test_page_limit(tmp_path):
    path = _good(tmp_path / "many.pdf", pages=50)
    with pytest.raises(InputError) as e:
        open_pdf(path, max_pages=10)
    assert e.value.reason == "PDF has 50 pages, more than the limit of 10"
    open_pdf(path, max_pages=50).close()


def _image_pdf(path: Path, pixels: int, grey: int, text: str | None = None) -> Path:
    """One page covered by a uniform grey image (it deflates to a few kB), with or without a text layer."""
    doc = pymupdf.open()
    page = doc.new_page()
    pix = pymupdf.Pixmap(pymupdf.csGRAY, pymupdf.IRect(0, 0, pixels, pixels), False)
    pix.clear_with(grey)
    page.insert_image(page.rect, pixmap=pix)
    if text:
        page.insert_text((72, 72), text, fontsize=12)
    doc.save(path, deflate=True)
    doc.close()
    return path


def _huge_image_pdf(path: Path) -> Path:
    return _image_pdf(path, 6000, 255, "Verksamhetsplan 2024 för Socialnämnden med en stor bild")


def test_huge_image_opens_and_is_not_a_scan(tmp_path):
    path = _huge_image_pdf(tmp_path / "huge_image.pdf")
    assert path.stat().st_size < 1_000_000
    doc = open_pdf(path)
    try:
        assert doc.page_count == 1 and not pdf_open.needs_ocr(doc[0])  # it has a text layer
    finally:
        doc.close()


def test_huge_image_page_is_extracted(tmp_path):
    # the reader's behaviour (extract/pdf_reader.py): text is read without rendering the image
    assert "stor bild" in extract_file(_huge_image_pdf(tmp_path / "huge_image.pdf")).text


# ------------------------------------------------------------------------------------------------ time limit


def test_deadline():
    slow = pdf_open.Deadline(0.01)
    time.sleep(0.03)
    with pytest.raises(InputError) as e:
        slow.check("plan.pdf")
    assert e.value.source == "plan.pdf" and e.value.reason == "took longer than 0.01 s; stopped (allow more with --time-limit SECONDS)"
    pdf_open.Deadline(60).check("plan.pdf")


def test_deadline_default_and_env(monkeypatch):
    monkeypatch.delenv("PLANTRACE_PDF_TIME_LIMIT", raising=False)
    assert pdf_open.Deadline().seconds == pdf_open.PDF_TIME_LIMIT == 120
    monkeypatch.setenv("PLANTRACE_PDF_TIME_LIMIT", "2.5")
    assert pdf_open.Deadline().seconds == 2.5
    monkeypatch.setenv("PLANTRACE_PDF_TIME_LIMIT", "snart")
    assert pdf_open.Deadline().seconds == 120


def test_time_limit_stops_extraction(tmp_path, monkeypatch):
    path = _good(tmp_path / "slow.pdf", pages=3)
    monkeypatch.setenv("PLANTRACE_PDF_TIME_LIMIT", "0")
    with pytest.raises(InputError, match="took longer than 0 s; stopped"):
        extract_file(path)


# ------------------------------------------------------------------------------------------------ text layer


def test_garbled_text_detection():
    assert pdf_open.text_is_garbled("\ufffd" * 50)
    assert pdf_open.text_is_garbled("\ufffd" * 40 + " abc")
    assert pdf_open.text_is_garbled("\x03\x11\x05\x08\x0f" * 10)  # glyph ids passed through as codes
    assert pdf_open.text_is_garbled("\ue012\ue044\ue101\ue0ff" * 10)  # private-use glyphs
    # glyph ids = character codes − 29 (subset TrueType without ToUnicode): "Barn och unga ska ha …"
    shifted = "".join(c if c == " " else chr(ord(c) - 29) for c in
                      "Barn och unga ska ha trygga uppväxtvillkor och nämnden ska följa upp målen varje år")
    assert pdf_open.text_is_garbled(shifted)
    for ok in ["Socialnämnden ska stärka det förebyggande arbetet ..........  7",
               "\uf0b7 Barn och unga \uf0b7 Äldre \uf0b7 Funktionsnedsättning \uf0b7 Ekonomi",
               "VERKSAMHETSPLAN 2024 FÖR SOCIALNÄMNDEN MED BUDGET OCH MÅL FÖR KOMMUNFULLMÄKTIGE",
               "KPI SCB LSS HVB NKI SKR KF KS MSEK TKR LVU LVM HSL BBIC BRÅ 2024 2025 2026 " * 2,
               "2024 2025 2026 12 345 678 90,5 % 100 % 3,2 mnkr 4,5 mnkr " * 3,
               "Λόγος και πράξη στην πόλη είναι σημαντικά για όλους τους πολίτες",
               "\ufffd kort"]:
        assert not pdf_open.text_is_garbled(ok), ok


def _scan(path: Path) -> Path:
    return _image_pdf(path, 200, 200)


def test_needs_ocr(tmp_path):
    with pymupdf.open(_scan(tmp_path / "scan.pdf")) as doc:
        assert pdf_open.needs_ocr(doc[0])
    with pymupdf.open(_good(tmp_path / "good.pdf")) as doc:
        assert not pdf_open.needs_ocr(doc[0])  # text, no image
    with pymupdf.open() as doc:
        assert not pdf_open.needs_ocr(doc.new_page())  # blank page: nothing to read


def test_ocr_missing_reason():
    assert pdf_open.OCR_MISSING_REASON == ("scanned page needs OCR: install Tesseract with Swedish data "
                                           "(Debian: apt install tesseract-ocr tesseract-ocr-swe)")


def test_tesseract_available_follows_tessdata(tmp_path, monkeypatch):
    pdf_open.tessdata_dir.cache_clear()
    pdf_open.tesseract_available.cache_clear()
    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path))
    try:
        assert pdf_open.tesseract_available() is False
        (tmp_path / "swe.traineddata").write_bytes(b"")
        pdf_open.tesseract_available.cache_clear()
        assert pdf_open.tesseract_available() is True
        assert pdf_open.tesseract_available("eng") is False
    finally:
        pdf_open.tessdata_dir.cache_clear()
        pdf_open.tesseract_available.cache_clear()


def test_scan_without_tesseract_says_what_to_install(tmp_path, monkeypatch):
    # unit test of the message path only; when and how the reader OCRs is extract/pdf_reader.py's business
    monkeypatch.setattr(pdf_open, "tesseract_available", lambda language="swe": False)
    with pytest.raises(InputError) as e:
        extract_file(_scan(tmp_path / "scan.pdf"))
    assert e.value.reason == pdf_open.OCR_MISSING_REASON


# ------------------------------------------------------------------------------------------------ batch


def test_batch_goes_on_and_store_keeps_its_contents(bad, tmp_path):
    """One good text among the bad PDFs: it is stored, each PDF fails with its reason, earlier documents stay.

    Depends on extract/api.py routing .pdf files through extract_pdf → pdf_open.open_pdf (the lead's wiring);
    before that, every PDF fails with "PDF input is not supported yet" and the reason checks below fail.
    """
    tmp, files = bad
    db = tmp_path / "store.duckdb"
    earlier = tmp_path / "earlier"
    earlier.mkdir()
    (old_txt,) = SAMPLE.glob("002_*.txt")
    shutil.copy(old_txt, earlier / old_txt.name)
    shutil.copy(tmp / "good.pdf", earlier / "good.pdf")
    first = plantrace.ingest([earlier], db=db)
    assert first.ok, first.failed
    with Store(db, read_only=True) as store:
        before = {Path(d["source"]).name: d for d in store.documents()}
    assert set(before) == {old_txt.name, "good.pdf"}

    folder = tmp / "bad"
    (new_txt,) = SAMPLE.glob("001_*.txt")
    shutil.copy(new_txt, folder / new_txt.name)
    report = plantrace.ingest([folder], db=db)
    assert not report.ok
    assert [Path(s).name for s in report.added] == [new_txt.name]
    failed = {Path(s).name: reason for s, reason in report.failed}
    assert set(failed) == {p.name for p in files.values()}
    for kind, path in files.items():
        assert REASONS[kind] in failed[path.name], (kind, failed[path.name])

    with Store(db, read_only=True) as store:
        after = {Path(d["source"]).name: d for d in store.documents()}
        assert set(after) == set(before) | {new_txt.name}
        for name, d in before.items():
            assert after[name]["sha256"] == d["sha256"] and after[name]["counts"] == d["counts"]
        assert after[new_txt.name]["counts"]["goals"] > 0
        assert {Path(f["source"]).name for f in store.failures()} == set(failed)
