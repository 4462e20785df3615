"""OCR of scanned pages (extract/ocr.py): image cleaning, junk filter, bullets, coordinates, and the degraded scan
of 003 read well enough that its goals come out as from the text version.

Thresholds are from measurements on tests/pdf/003_1c9c55b9aa0a6401.scan.pdf (3 pages, Tesseract 5.3, swe):
word accuracy (share of the true words ≥ 3 letters found, per page)
    cleaned (this module)            1.00 1.00 1.00   junk 0.003 0.008 0.024 (the "Sida n (3)" footers)
    same Tesseract, uncleaned image  0.98 0.97 0.96   junk 0.03  0.04  0.07
    page.get_textpage_ocr(dpi=300)   0.80 0.85 0.67   junk 0.12  0.10  0.13
goals of the scan against the text version's: F1 0.94 (the word PDF gets the same 0.94).
"""

import re
import time
from pathlib import Path

import numpy as np
import pymupdf
import pytest
from rapidfuzz import fuzz

from plantrace.extract import ocr
from plantrace.extract.ocr import (
    _Line, _Word, clean_line, median3, ocr_available, ocr_page, page_text, skew_angle, word_accuracy, junk_share,
)

HERE = Path(__file__).resolve().parent
SCAN = HERE / "pdf" / "003_1c9c55b9aa0a6401.scan.pdf"
WORD = HERE / "pdf" / "003_1c9c55b9aa0a6401.word.pdf"
TRUE = HERE.parent / "corpus" / "sample" / "text" / "003_1c9c55b9aa0a6401.txt"

needs_tesseract = pytest.mark.skipif(not ocr_available(),
                                     reason="Tesseract with Swedish data (tesseract-ocr-swe) is not installed")


def _true_pages() -> list[str]:
    """The text version cut where the scan's pages end."""
    text = TRUE.read_text(encoding="utf-8")
    a = text.index("\n", text.index("organisationer.", text.index("dels mellan olika kommunala")))
    b = text.index("\n", text.index("ett tillfälligt boende."))
    return [text[:a], text[a:b], text[b:]]


def _fold(s: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s%]", " ", s.casefold())).strip()


def _lines(d: dict):
    return [ln for b in d["blocks"] for ln in b.get("lines", ())]


# ------------------------------------------------------------------------------------------------ the degraded scan


@pytest.fixture(scope="module")
def scan():
    with pymupdf.open(SCAN) as doc:
        yield doc


@pytest.fixture(scope="module")
def cleaned(scan):
    """(dicts, seconds) per page, through the whole pipeline."""
    out = []
    for page in scan:
        t = time.monotonic()
        d = ocr_page(page)
        out.append((d, time.monotonic() - t))
    return out


@needs_tesseract
def test_cleaned_pipeline_reads_every_word(cleaned):
    for (d, _), truth in zip(cleaned, _true_pages()):
        text = page_text(d)
        assert word_accuracy(text, truth) >= 0.97, text[:500]  # measured 1.00 on each page
        assert junk_share(text, truth) <= 0.05  # measured ≤ 0.024: page footers only


@needs_tesseract
def test_cleaning_beats_the_same_tesseract_on_the_raw_image(scan, cleaned):
    truths = _true_pages()
    raw = [page_text(ocr_page(page, clean=False)) for page in scan]
    ours = [page_text(d) for d, _ in cleaned]
    for r, o, t in zip(raw, ours, truths):
        assert word_accuracy(o, t) >= word_accuracy(r, t)
        assert junk_share(o, t) < junk_share(r, t)  # raw: speckles read as "|", "SS", "E" …
    all_true = "\n".join(truths)
    assert word_accuracy("\n".join(ours), all_true) > word_accuracy("\n".join(raw), all_true)


@needs_tesseract
def test_cleaning_beats_plain_pymupdf_ocr(scan, cleaned):
    # page 3 only: plain get_textpage_ocr takes 8-20 s a page
    page, truth = scan[2], _true_pages()[2]
    plain = page.get_text(textpage=page.get_textpage_ocr(language="swe", dpi=300, full=True))
    ours = page_text(cleaned[2][0])
    assert word_accuracy(ours, truth) >= word_accuracy(plain, truth) + 0.1  # measured 1.00 against 0.67
    assert junk_share(ours, truth) < junk_share(plain, truth)


@needs_tesseract
def test_builtin_engine_reads_as_well(scan, cleaned):
    # pymupdf's own Tesseract, the fallback without the command: 8.5 s for page 3 (the command: 1.2 s)
    d = ocr_page(scan[2], engine="builtin")
    truth = _true_pages()[2]
    assert word_accuracy(page_text(d), truth) >= 0.97  # measured 1.00
    bullets = [ln["spans"][0]["text"] for ln in _lines(d) if ln["spans"][0]["text"].startswith("• ")]
    assert len(bullets) == 8  # the bullet is a line of its own in its text layer: joined again
    sizes = {ln["spans"][0]["size"] for ln in _lines(d) if ln["spans"][0]["text"] in ("nämnden.", "diskussion.")}
    assert sizes == {11.0}  # short lines are sized like the body


@needs_tesseract
def test_time_per_page(cleaned):
    # measured 1.2-2.1 s a page on 2 cores (the built-in engine of pymupdf: 8-17 s); generous for slow machines
    assert max(t for _, t in cleaned) < 15


@needs_tesseract
def test_dict_shape_and_coordinates(scan, cleaned):
    for page, (d, _) in zip(scan, cleaned):
        rect = page.rect
        assert (d["width"], d["height"]) == (rect.width, rect.height)
        lines = _lines(d)
        assert len(lines) > 10
        for ln in lines:
            x0, y0, x1, y1 = ln["bbox"]
            assert rect.x0 <= x0 < x1 <= rect.x1 and rect.y0 <= y0 < y1 <= rect.y1
            assert ln["dir"] == (1.0, 0.0)
            for span in ln["spans"]:
                assert span["font"] == "OCR" and span["text"].strip()
                assert {"size", "flags", "bbox", "origin", "color"} <= set(span)
                assert 0 <= span.get("confidence", 1) <= 1


@needs_tesseract
def test_lines_lie_where_the_word_pdf_has_them(cleaned):
    """The scan is a print of the word PDF: the same lines at the same places, give or take the scanner's skew."""
    with pymupdf.open(WORD) as doc:
        for page, (d, _) in zip(doc, cleaned):
            ref = [("".join(s["text"] for s in ln["spans"]).strip(), ln["bbox"]) for ln in _lines(page.get_text("dict"))]
            ref = [(t, b) for t, b in ref if len(t) > 3]
            dy, dx = [], []
            for ln in _lines(d):
                text = ln["spans"][0]["text"].removeprefix("• ")
                t, box = max(ref, key=lambda r: fuzz.ratio(r[0], text))
                if fuzz.ratio(t, text) < 90 or ln["spans"][0]["text"].startswith("•"):
                    continue
                dy += [ln["bbox"][1] - box[1], ln["bbox"][3] - box[3]]
                dx += [ln["bbox"][0] - box[0], ln["bbox"][2] - box[2]]
            assert len(dy) > 20
            # measured: median ≤ 1.1 pt, worst 6.1 pt
            assert abs(float(np.median(dy))) < 2 and max(map(abs, dy)) < 9
            assert abs(float(np.median(dx))) < 2 and max(map(abs, dx)) < 9


@needs_tesseract
def test_bullets_headings_and_signs(cleaned):
    texts = [[ln["spans"][0]["text"] for ln in _lines(d)] for d, _ in cleaned]
    # the word PDF has 0, 11 and 8 bullets on its pages; Tesseract reads them as "e", "e —", "+", "e«"
    assert [sum(t.startswith("• ") for t in page) for page in texts] == [0, 11, 8]
    assert "• Minst 75 % av alla barn och ungdomar under 18 år där anmälan från sjukvård eller polis inkommer" \
        in texts[1]  # "%" was read as "26"
    assert any(t.startswith("§ 64 Verksamhetsmål") for t in texts[0])  # "§" was read as "8"
    sizes = {ln["spans"][0]["text"]: (ln["spans"][0]["size"], ln["spans"][0]["flags"]) for ln in _lines(cleaned[0][0])}
    body = sizes["vidare i ärendet."]
    assert body[0] == 11.0 and not body[1] & 16
    assert sizes["Sammanfattning"][0] > body[0] and sizes["Sammanfattning"][1] & 16  # bold headings, by stroke width


@needs_tesseract
def test_goal_sentences_of_the_text_version_are_in_the_ocr_text(cleaned):
    from plantrace.extract import extract_file

    goals = [_fold(g.text) for g in extract_file(TRUE).goals]
    assert len(goals) >= 20
    ocr_text = _fold("\n".join(page_text(d) for d, _ in cleaned))
    found = [g for g in goals if fuzz.partial_ratio(g, ocr_text) >= 90]
    assert len(found) / len(goals) >= 0.9, set(goals) - set(found)  # measured 24 of 24


@needs_tesseract
def test_goals_of_the_scan_match_the_text_version():
    """The acceptance criterion: extraction on the scan finds the text version's goals (F1 ≥ 0.85)."""
    from plantrace.extract import extract_file

    ref = [_fold(g.text) for g in extract_file(TRUE).goals]
    got = [_fold(g.text) for g in extract_file(SCAN).goals]
    used, hits = set(), 0
    for r in ref:
        scores = [(fuzz.ratio(r, g), j) for j, g in enumerate(got) if j not in used]
        best = max(scores, default=(0, None))
        if best[0] >= 90:
            hits += 1
            used.add(best[1])
    p, r = hits / max(1, len(got)), hits / len(ref)
    f1 = 2 * p * r / (p + r) if hits else 0.0
    assert f1 >= 0.85, (f1, got)  # measured 0.94, as for the word PDF


# ------------------------------------------------------------------------------------------------ synthetic scans


def _scan_of(lines: list[str], rotate: int = 0, noise: float = 0.02) -> pymupdf.Document:
    """An image-only page of the lines at 200 dpi with speckles; "* " lines get a drawn bullet and an indent."""
    src = pymupdf.open()
    page = src.new_page(width=595, height=842)
    y = 100
    for t in lines:
        if t.startswith("* "):
            page.draw_circle((74, y - 3.6), 1.8, color=None, fill=(0, 0, 0))
            page.insert_text((89, y), t[2:], fontsize=11, fontname="tiro")
        else:
            page.insert_text((71, y), t, fontsize=11, fontname="tiro")
        y += 16
    pix = page.get_pixmap(dpi=200, colorspace=pymupdf.csGRAY)
    img = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.h, pix.w).copy()
    img[np.random.default_rng(1).random(img.shape) < noise] = 60
    if rotate:
        img = np.rot90(img, k=rotate // 90).copy()  # the page's /Rotate turns it upright again
    h, w = img.shape
    out = pymupdf.open()
    q = out.new_page(width=w * 72 / 200, height=h * 72 / 200)
    q.insert_image(q.rect, pixmap=pymupdf.Pixmap(pymupdf.csGRAY, w, h, img.tobytes(), False))
    q.set_rotation(rotate)
    return out


LIST = ["Socialnämndens mål:", "* Minst 75 % av alla barn ska erbjudas stöd inom 14 dagar.",
        "* Alla hemlösa ska erbjudas ett tillfälligt boende.", "Nämnden ska följa upp arbetet varje månad."]


@needs_tesseract
@pytest.mark.parametrize("rotate", [0, 90])
def test_synthetic_list_page(rotate):
    with _scan_of(LIST, rotate=rotate) as doc:
        page = doc[0]
        d = ocr_page(page)
        lines = _lines(d)
        texts = [ln["spans"][0]["text"] for ln in lines]
        assert texts[0] == "Socialnämndens mål:"
        assert [t[:2] for t in texts[1:3]] == ["• ", "• "] and texts[3].startswith("Nämnden")
        assert "Minst 75 % av alla barn" in texts[1]
        # page coordinates of the page as shown (page.rect), as get_text("dict") gives for an unrotated page
        first = lines[0]["bbox"]
        assert abs(first[0] - 71) < 4 and abs(first[3] - 102) < 4
        assert abs(lines[1]["bbox"][0] - 72) < 4  # the bullet's line starts at the bullet


@needs_tesseract
def test_blank_page_has_no_text():
    with pymupdf.open() as doc:
        page = doc.new_page()
        white = pymupdf.Pixmap(pymupdf.csGRAY, pymupdf.IRect(0, 0, 100, 140), False)
        white.clear_with(255)
        page.insert_image(page.rect, pixmap=white)
        assert ocr_page(page)["blocks"] == []


# ------------------------------------------------------------------------------------------------ units, no Tesseract


def _line(tokens: list, x_size: float = 30.0) -> _Line:
    """A line of words on a baseline at y=100; a token is text or (text, conf) or (text, conf, bbox)."""
    words, x = [], 200.0
    for tok in tokens:
        text, conf, box = (tok, 95.0, None) if isinstance(tok, str) else (tuple(tok) + (None,))[:3]
        w = 14.0 * len(text)
        words.append(_Word(text, box or (x, 79.0, x + w, 100.0), conf))
        x = words[-1].bbox[2] + 8
    box = (words[0].bbox[0], min(w.bbox[1] for w in words), words[-1].bbox[2], max(w.bbox[3] for w in words))
    return _Line(words, box, (0.0, 100.0 - box[3]), x_size, 1)


def _bullet(text: str = "e", conf: float = 80.0):
    # small, raised above the baseline: where a "•" sits
    return (text, conf, (200.0, 84.0, 210.0, 94.0))


def _after_gap(text: str):
    return (text, 95.0, (252.0, 79.0, 252.0 + 14 * len(text), 100.0))


@pytest.mark.parametrize("tokens", [
    ["=", "=="],
    [("|", 30), ("&", 40), ("zz", 45), ("SS", 50), ("3", 60), ("SR", 40)],
    [";", ":"],
    [("ee", 20), ("E", 30)],
])
def test_junk_lines_are_dropped(tokens):
    assert clean_line(_line(tokens)) is None


def test_junk_at_line_ends_is_stripped_and_words_kept():
    assert clean_line(_line([("|", 40), "Socialnämnden.", ("|", 30)])) == "Socialnämnden."
    assert clean_line(_line(["vidare", "i", "ärendet.", ("|", 30), ("SS", 20), ("|", 20)])) == "vidare i ärendet."
    assert clean_line(_line(["för", "2013.", ("E", 30)])) == "för 2013."
    assert clean_line(_line(["Kristian", "Valtersson,", "C,"])) == "Kristian Valtersson, C,"
    assert clean_line(_line(["Sida", "1", "(3)"])) == "Sida 1 (3)"
    assert clean_line(_line(["2012/36"])) == "2012/36"
    assert clean_line(_line(["Missbruk"])) == "Missbruk"


@pytest.mark.parametrize("first", ["e", "«", "+", "°", "ee", "e«", "*", "•"])
def test_bullet_misreads_become_bullets(first):
    line = _line([_bullet(first), ("—", 15, (228.0, 70.0, 239.0, 112.0)), _after_gap("Minst"), "50", "26", "av",
                  "hushållen"])
    assert clean_line(line) == "• Minst 50 % av hushållen"


def test_glued_bullet():
    assert clean_line(_line([("«Alla", 80), "hemlösa", "ska"])) == "• Alla hemlösa ska"


def test_no_bullet_without_the_look_of_one():
    # an "e" on the baseline, a normal space after it: a letter
    assert clean_line(_line(["e", "Minst", "två"])) == "e Minst två"
    # a dash at the start of a wrapped line, a normal space after it: text
    assert clean_line(_line([("–", 90, (200.0, 88.0, 214.0, 91.0)), "och", "missbruk"])) == "– och missbruk"
    assert clean_line(_line(["Minst", "50", "26", "år"])) == "Minst 50 % år"  # the rule is textual
    assert clean_line(_line(["Totalt", "26", "Av"])) == "Totalt 26 Av"


def test_section_sign_read_as_eight():
    sign = ("8", 94, (200.0, 74.0, 214.0, 105.0))  # hangs below the baseline, taller than the digits
    assert clean_line(_line([sign, ("64", 96, (222.0, 79.0, 250.0, 100.0)), "Verksamhetsmål"])) == "§ 64 Verksamhetsmål"
    assert clean_line(_line(["8", "64", "platser"])) == "8 64 platser"


def test_median3_is_the_median():
    img = np.random.default_rng(0).integers(0, 256, (37, 53), dtype=np.uint8)
    p = np.pad(img, 1, mode="edge")
    stack = np.stack([p[i:i + 37, j:j + 53] for i in range(3) for j in range(3)])
    assert (median3(img) == np.median(stack, axis=0).astype(np.uint8)).all()


def test_median3_removes_specks_and_keeps_strokes():
    img = np.full((60, 60), 230, np.uint8)
    img[10, 10] = img[30, 40] = 20  # specks
    img[40:44, 5:55] = 20  # a stroke 4 px thick
    out = median3(img)
    assert out[10, 10] == 230 and out[30, 40] == 230 and (out[41:43, 6:54] == 20).all()


def test_skew_angle_finds_a_tilted_page():
    h, w = 800, 1000
    img = np.full((h, w), 240, np.uint8)
    for y0 in range(60, 740, 40):  # text-like lines falling 1° to the right
        for x in range(100, 900, 3):
            y = int(y0 + (x - w / 2) * np.tan(np.radians(1.0)))
            img[y:y + 12, x] = 30
    assert abs(skew_angle(img) - 1.0) <= 0.15
    assert skew_angle(np.full((h, w), 240, np.uint8)) == 0.0


def test_word_accuracy():
    truth = "Alla hemlösa ska erbjudas ett tillfälligt boende."
    assert word_accuracy(truth, truth) == 1.0
    assert word_accuracy("Alla hemlösa skaerbjudas ett tillfälligt boende", truth) == pytest.approx(5 / 7)
    assert word_accuracy("", truth) == 0.0
    assert junk_share("Alla SS hemlösa zzz", truth) == pytest.approx(1 / 3)


def test_tessdata_dir_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path))
    assert ocr.tessdata_dir() == str(tmp_path)
