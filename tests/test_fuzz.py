"""Property-based tests (hypothesis): the number and status parsers, text decoding and extraction, and PDF opening
take anything without an exception other than plantrace's own `InputError`, and keep their promises.

Examples per test are fixed below (12,500 in all, run in CI); extraction and PDF opening are the slow ones and get fewer.
"""

import re
import string

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from plantrace.files import decode_text
from plantrace.errors import InputError
from plantrace.extract import extract_text
from plantrace.extract.numbers import parse_number
from plantrace.nlp_models.status import CELLS, COLOURS, STATUSES, SYMBOLS, normalise_status
from plantrace.schema import ITEM_KINDS

FAST = dict(deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])

SWEDISH = string.ascii_letters + "åäöÅÄÖéÉ" + string.digits + " .,:;–-%()/\t" + "\u00a0\u202f"
UNITS = ["", "%", " %", " procent", " mnkr", " tkr", " kr", " mkr", " st", " dagar", " år", " index"]

# characters that make text interesting to the readers: bullets, page breaks, private-use glyphs, combining
# marks, right-to-left text, surrogate-free emoji, control codes
ODD = "•\uf0b7\u2022\u25aa\x0c\u0301\u200b\u202e\u05d0🙂❌→\x00\x01\x1b\ufffd\ufeff"
anything = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=200)
plan_like = st.text(alphabet=SWEDISH + ODD + "\n", max_size=300)


# --- numbers -------------------------------------------------------------------------------------------------

@settings(max_examples=3000, **FAST)
@given(st.one_of(anything, st.text(alphabet=SWEDISH, max_size=40)))
def test_parse_number_takes_any_text(raw):
    value, unit = parse_number(raw)
    assert value is None or isinstance(value, float)
    assert unit is None or (isinstance(unit, str) and value is not None)


def swedish_number(n: int, decimals: str, sep: str) -> str:
    digits = f"{abs(n):,}".replace(",", sep)
    return ("-" if n < 0 else "") + digits + ("," + decimals if decimals else "")


@settings(max_examples=3000, **FAST)
@given(st.integers(-10**12, 10**12), st.text(alphabet=string.digits, max_size=3),
       st.sampled_from([" ", "\u00a0", "\u202f"]), st.sampled_from(UNITS), st.sampled_from(["", "−", "–"]),
       st.sampled_from(["", "ca ", "minst ", "högst ", "över "]))
def test_parse_number_reads_swedish_numbers(n, decimals, sep, unit, minus, prefix):
    raw = prefix + swedish_number(n, decimals, sep) + unit
    if minus and raw.startswith(prefix + "-"):
        raw = raw.replace("-", minus, 1)  # typographic minus signs and dashes
    value, got_unit = parse_number(raw)
    expected = float(("-" if n < 0 else "") + str(abs(n)) + ("." + decimals if decimals else ""))
    assert value == pytest.approx(expected), raw
    want = unit.strip() or None
    assert got_unit == ("%" if want == "procent" else want), raw


# --- statuses -------------------------------------------------------------------------------------------------

@settings(max_examples=2500, **FAST)
@given(st.one_of(st.none(), anything, plan_like))
def test_normalise_status_takes_any_text(text):
    status, evidence = normalise_status(text)
    assert status in STATUSES and isinstance(evidence, str)
    cleaned = " ".join(str(text or "").replace("\u00a0", " ").split())
    assert evidence in cleaned  # evidence is always a piece of the text it came from
    assert (status == "unknown") or evidence, (text, status)


VOCABULARY = sorted(CELLS.items()) + sorted(COLOURS.items()) + \
    [(ch, status) for status, chars in SYMBOLS.items() for ch in chars]


@settings(max_examples=1500, **FAST)
@given(st.sampled_from(VOCABULARY), st.sampled_from(["", "Status: ", "Bedömning: ", "status - ", "  "]),
       st.sampled_from(["", ".", "!", " ", ":", "  "]), st.booleans())
def test_status_cells_keep_their_status_whatever_the_dressing(entry, before, after, upper):
    word, status = entry
    cell = before + (word.upper() if upper else word) + after
    assert normalise_status(cell)[0] == status, cell


# --- decoding and extraction ----------------------------------------------------------------------------------

@settings(max_examples=1200, **FAST)
@given(st.one_of(st.binary(max_size=400), plan_like.map(lambda t: t.encode("utf-8")),
                 plan_like.map(lambda t: t.encode("cp1252", errors="replace")),
                 plan_like.map(lambda t: t.encode("utf-16"))))
def test_decode_text_gives_text_or_input_error(data):
    try:
        text, encoding = decode_text(data, "fuzz.txt")
    except InputError as e:
        assert e.source == "fuzz.txt" and e.reason and "\n" not in e.reason
        return
    assert text.strip() and "\r" not in text and isinstance(encoding, str)


LINES = st.sampled_from([
    "Nämndmål", "Mål 1: Fler i arbete", "1.1 Alla barn ska känna sig trygga i skolan", "Uppdrag",
    "Socialnämnden uppdras att utreda hemlösheten.", "Indikator\tUtfall 2023\tMål 2024", "Andel nöjda\t75 %\tMinst 80 %",
    "Status: Grön", "Kommentar: Uppdraget är genomfört.", "• Öka tryggheten", "\x0c", "Sida 3 av 12", "",
    "Verksamhetsplan 2024–2026 för Gävle kommun", "Ekonomi\t-357,5 mnkr\t12 345", "2. Ett jämlikt samhälle"])
DOCS = st.lists(st.one_of(LINES, plan_like.filter(lambda t: "\n" not in t)), max_size=25).map("\n".join)


@settings(max_examples=1000, **FAST)
@example("")
@example("\x00\x00\x00")
@example("Mål 1:\n" * 200)
@example("0\t")  # a table row that is only a page number once sent the table step round in a loop
@given(st.one_of(DOCS, plan_like, anything))
def test_extract_text_gives_a_document_or_input_error(text):
    try:
        doc = extract_text(text, source="fuzz.txt")
    except InputError as e:
        assert e.source == "fuzz.txt" and e.reason
        return
    n = len(doc.text or "")
    for kind in ITEM_KINDS:
        for item in getattr(doc, kind):
            span = item.provenance.span if item.provenance else None
            assert span is None or 0 <= span[0] <= span[1] <= n, (kind, item.id, span, n)
    doc.model_dump_json()  # and it can be stored: the JSON contract holds for whatever came out


@settings(max_examples=300, **FAST)
@given(st.binary(max_size=600), st.sampled_from([b"%PDF-1.4\n", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", b""]))
def test_random_bytes_named_pdf_fail_with_a_reason(tmp_path_factory, body, header):
    from plantrace.extract import extract_file

    path = tmp_path_factory.mktemp("pdf") / "fuzz.pdf"
    path.write_bytes(header + body)
    try:
        extract_file(path)
    except InputError as e:
        assert e.source == str(path) and e.reason and "\n" not in e.reason
        assert not re.search(r"Traceback|File \"", e.reason)
