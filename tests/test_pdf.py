"""PDF input: the same extraction as the text version, page and box on every item, tables across pages,
reading order of two-column pages."""

import os
from pathlib import Path

import pymupdf
import pytest

from plantrace.evaluate import evaluate
from plantrace.extract import extract_file

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
_SHARED = ROOT.parent / "shared"
PDF = _SHARED / "corpus" / "pdf" if (_SHARED / "corpus" / "pdf").is_dir() else HERE / "pdf"
GOLD = _SHARED / "gold" if (_SHARED / "gold").is_dir() else HERE / "gold"
TEXT = ROOT / "corpus" / "sample" / "text"
KINDS = ("goals", "assignments", "indicators", "followups")


def _one(folder: Path, pattern: str) -> Path:
    (p,) = folder.glob(pattern)
    return p


@pytest.fixture(scope="module")
def pdf_docs():
    return {s: extract_file(_one(PDF, f"{s}_*.word.pdf")) for s in ("000", "001", "002", "003", "004")}


@pytest.mark.parametrize("stem", ["001", "002", "004"])
def test_pdf_scores_like_its_text(stem, pdf_docs):
    text_doc = extract_file(_one(TEXT, f"{stem}_*.txt"))
    from_pdf = evaluate([pdf_docs[stem]], GOLD)
    from_text = evaluate([text_doc], GOLD)
    for kind in KINDS:
        f_pdf, f_text = from_pdf.micro(kind).f1, from_text.micro(kind).f1
        assert f_pdf >= f_text - 0.03, (stem, kind, f_pdf, f_text)
    assert from_pdf.status_accuracy == from_text.status_accuracy


def test_every_pdf_item_has_page_and_box(pdf_docs):
    for doc in pdf_docs.values():
        assert doc.format == "pdf" and doc.pages
        for kind in ("sections", "goals", "assignments", "indicators", "followups", "actions", "controls", "tables"):
            for item in getattr(doc, kind):
                p = item.provenance
                assert p.page is not None and 1 <= p.page <= doc.pages, (doc.source, kind, item.id)
                assert p.bbox is not None and p.bbox[0] < p.bbox[2] and p.bbox[1] < p.bbox[3], (doc.source, kind, item.id)


def test_goal_box_holds_the_goal_words(pdf_docs):
    doc = pdf_docs["001"]
    pdf = pymupdf.open(doc.source)
    for goal in doc.goals[:10]:
        page = pdf[goal.provenance.page - 1]
        clip = pymupdf.Rect(goal.provenance.bbox) + (-2, -2, 2, 2)
        words = page.get_text("text", clip=clip)
        assert goal.text.split()[0] in words, (goal.id, goal.text)


def test_tables_across_pages_are_stitched(pdf_docs):
    doc = pdf_docs["004"]
    control = next(t for t in doc.tables if t.kind == "control")
    assert control.n_rows == 26 and len(control.pages) >= 2
    assert len(set(control.row_pages)) >= 2 and control.row_pages == sorted(control.row_pages)
    annex = next(t for t in doc.tables if (t.title or "").startswith("Bilaga 3"))
    assert annex.n_rows == 32 and len(annex.pages) >= 2


def test_cells_keep_spaces_and_decimal_commas(pdf_docs):
    result = next(t for t in pdf_docs["002"].tables if t.kind == "budget")
    assert result.header[1] == "Utfall 2023-12-31"
    row = next(r for r in result.rows if r[0] == "Personalkostnader")
    assert row[1] == "-357,5"
    ind = next(i for i in pdf_docs["002"].indicators if i.name.startswith("Resultat av planerade"))
    assert ind.name == "Resultat av planerade genomförda aktiviteter"


def test_headings_record_what_decided_their_level(pdf_docs):
    sections = pdf_docs["001"].sections
    assert {s.level_source for s in sections if s.number} <= {"outline", "numbering"}
    assert any(s.level_source == "outline" for s in sections)


def test_two_column_page_reads_left_column_first(tmp_path):
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((72, 80), "Verksamhetsplan 2024 för Socialnämnden", fontsize=16)
    left = [f"Vänster spalt, rad {n}, med löpande text som fyller" for n in ("ett", "två", "tre", "fyra", "fem")]
    right = [f"Höger spalt, rad {n}, med löpande text som fyller" for n in ("ett", "två", "tre", "fyra", "fem")]
    for k, (l, r) in enumerate(zip(left, right)):
        page.insert_text((72, 140 + 14 * k), l, fontsize=10)
        page.insert_text((320, 140 + 14 * k), r, fontsize=10)
    path = tmp_path / "two.pdf"
    doc.save(path)
    text = extract_file(path).text
    positions = [text.index(s) for s in left + right]
    assert positions == sorted(positions)


def test_page_furniture_is_not_content(pdf_docs):
    doc = pdf_docs["002"]
    assert "Verksamhetsrapport helår 2023 · Socialnämnden" not in doc.text
    assert doc.meta.title == "Verksamhetsrapport helår 2023"
