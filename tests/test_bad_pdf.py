"""Bad PDFs, generated here: each gets one clear reason, the batch goes on, the store keeps what it had."""

import shutil
from pathlib import Path

import pymupdf
import pytest

import plantrace
from plantrace.corpus.store import Store
from plantrace.errors import InputError
from plantrace.extract import pdf_open
from plantrace.extract.api import extract_file

SAMPLE = Path(__file__).resolve().parents[1] / "corpus" / "sample" / "text"


def _good(path: Path, pages: int = 2) -> Path:
    doc = pymupdf.open()
    for k in range(pages):
        page = doc.new_page()
        page.insert_text((72, 72), f"Verksamhetsplan 2024 för Socialnämnden, sida {k + 1}", fontsize=14)
        page.insert_text((72, 110), "1.1 Barn och unga ska ha trygga uppväxtvillkor", fontsize=11)
    doc.save(path)
    return path


@pytest.fixture()
def bad(tmp_path):
    d = tmp_path / "bad"
    d.mkdir()
    files = {}
    good = _good(tmp_path / "good.pdf")
    doc = pymupdf.open(good)
    doc.save(d / "user_pw.pdf", encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="hemligt", owner_pw="ägare")
    files["user_pw"] = d / "user_pw.pdf"
    doc.save(tmp_path / "owner_only.pdf", encryption=pymupdf.PDF_ENCRYPT_AES_256, owner_pw="ägare",
             permissions=pymupdf.PDF_PERM_PRINT)
    data = good.read_bytes()
    (d / "truncated.pdf").write_bytes(data[:200])
    files["truncated"] = d / "truncated.pdf"
    (d / "zero_pages.pdf").write_bytes(
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
        b"trailer<</Root 1 0 R/Size 3>>\n%%EOF\n")
    files["zero_pages"] = d / "zero_pages.pdf"
    (d / "not_pdf.pdf").write_text("Det här är ingen PDF utan vanlig text.\n", encoding="utf-8")
    files["not_pdf"] = d / "not_pdf.pdf"
    (d / "png.pdf").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    files["png"] = d / "png.pdf"
    (d / "empty.pdf").write_bytes(b"")
    files["empty"] = d / "empty.pdf"
    return tmp_path, files


@pytest.mark.parametrize("kind,reason", [
    ("user_pw", "encrypted PDF: a password is required"),
    ("truncated", "PDF"),
    ("zero_pages", "no pages"),
    ("not_pdf", "not a PDF"),
    ("png", "not a PDF"),
    ("empty", "empty file"),
])
def test_each_bad_pdf_has_a_clear_reason(bad, kind, reason):
    _, files = bad
    with pytest.raises(InputError) as e:
        extract_file(files[kind])
    assert e.value.source == str(files[kind]) and reason in e.value.reason
    assert "\n" not in e.value.reason


def test_owner_password_only_opens(bad):
    tmp, _ = bad
    doc = extract_file(tmp / "owner_only.pdf")
    assert doc.pages == 2 and "Verksamhetsplan 2024" in doc.text


def test_page_limit(tmp_path):
    path = _good(tmp_path / "many.pdf", pages=30)
    with pytest.raises(InputError, match="30 pages, more than the limit of 10"):
        pdf_open.open_pdf(path, max_pages=10)


def test_huge_image_page_is_read_without_rendering(tmp_path):
    doc = pymupdf.open()
    page = doc.new_page()
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 6000, 6000), False)
    pix.clear_with(255)
    page.insert_image(page.rect, pixmap=pix)
    page.insert_text((72, 72), "Verksamhetsplan 2024 för Socialnämnden med en stor bild", fontsize=12)
    path = tmp_path / "huge_image.pdf"
    doc.save(path, deflate=True)
    assert "stor bild" in extract_file(path).text


def test_time_limit(tmp_path, monkeypatch):
    path = _good(tmp_path / "slow.pdf", pages=3)
    monkeypatch.setenv("PLANTRACE_PDF_TIME_LIMIT", "0")
    with pytest.raises(InputError, match="took longer than 0 s"):
        extract_file(path)


def test_garbled_text_detection():
    assert pdf_open.text_is_garbled("\ufffd" * 40 + " abc")
    assert not pdf_open.text_is_garbled("Socialnämnden ska stärka det förebyggande arbetet ..........  7")


def test_scan_without_tesseract_says_what_to_install(tmp_path, monkeypatch):
    doc = pymupdf.open()
    page = doc.new_page()
    pix = pymupdf.Pixmap(pymupdf.csGRAY, pymupdf.IRect(0, 0, 200, 200), False)
    pix.clear_with(200)
    page.insert_image(page.rect, pixmap=pix)
    path = tmp_path / "scan.pdf"
    doc.save(path)
    monkeypatch.setattr(pdf_open, "tesseract_available", lambda language="swe": False)
    with pytest.raises(InputError) as e:
        extract_file(path)
    assert "tesseract-ocr tesseract-ocr-swe" in e.value.reason


def test_batch_goes_on_and_store_keeps_its_contents(bad, tmp_path):
    tmp, files = bad
    db = tmp_path / "store.duckdb"
    first = tmp_path / "first"
    first.mkdir()
    (src,) = SAMPLE.glob("001_*.txt")
    shutil.copy(src, first / src.name)
    assert plantrace.ingest([first], db=db).ok
    folder = tmp / "bad"
    shutil.copy(_good(tmp / "ok.pdf"), folder / "ok.pdf")
    report = plantrace.ingest([folder], db=db)
    failed = {Path(s).name: r for s, r in report.failed}
    assert set(failed) == {p.name for p in files.values()}
    assert [Path(s).name for s in report.added] == ["ok.pdf"]
    with Store(db, read_only=True) as store:
        sources = {Path(d["source"]).name: d for d in store.documents()}
        assert src.name in sources and sources[src.name]["counts"]["goals"] == 43
        assert "ok.pdf" in sources
        assert {Path(f["source"]).name for f in store.failures()} == set(failed)
