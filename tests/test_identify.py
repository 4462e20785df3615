"""identify(): document metadata from content, file name as fallback, None rather than a guess."""

from __future__ import annotations

import csv
import re
import time
from pathlib import Path

import pytest

from plantrace.corpus.identify import identify, kommuner, normalise_committee
from plantrace.schema import Meta

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpus" / "sample"
TEXTS = SAMPLE / "text"


def _ws(s: str | None) -> str | None:
    return None if s is None else re.sub(r"\s+", " ", s).strip()


def _manifest() -> dict[str, dict[str, str]]:
    with (SAMPLE / "manifest.csv").open(encoding="utf-8", newline="") as f:
        return {Path(r["file"]).name: r for r in csv.DictReader(f)}


MANIFEST = _manifest()
FILES = sorted(MANIFEST)


@pytest.fixture(scope="module")
def metas() -> dict[str, Meta]:
    return {name: identify((TEXTS / name).read_text(encoding="utf-8"), str(TEXTS / name)) for name in FILES}


# ------------------------------------------------------------------------------------------- municipality list


def test_kommuner_list_has_all_290():
    names = kommuner()
    assert len(names) == 290
    assert len(set(names)) == 290
    for n in ("Gävle", "Uppsala", "Ronneby", "Upplands Väsby", "Upplands-Bro", "Malung-Sälen", "Falun",
              "Östra Göinge", "Lilla Edet", "Dals-Ed", "Gotland", "Vara", "Åre"):
        assert n in names
    assert "Falu" not in names
    assert all(n == n.strip() and n[0].isupper() for n in names)


# ---------------------------------------------------------------------------------------- the five real texts


@pytest.mark.parametrize("name", FILES)
def test_sample_against_manifest(metas, name):
    row, meta = MANIFEST[name], metas[name]
    expected_municipality = None if name.startswith("003") else row["municipality"]
    assert meta.municipality == expected_municipality
    assert meta.committee == row["committee"]
    assert meta.doc_type == row["doc_type"]
    assert _ws(meta.title) == _ws(row["title"])
    if name.startswith("003"):
        # the title says 2012; the text says the goals are prepared "för 2013" (manifest: 2012–2013)
        assert meta.period in {(2012, 2012), (2012, 2013)}
    else:
        assert meta.period == (int(row["period_start"]), int(row["period_end"]))
    for field in ("committee", "doc_type", "period", "title"):
        assert meta.how[field] == "content"
    if meta.municipality:
        assert meta.how["municipality"] == "content"
    assert set(meta.how) == {f for f in Meta.model_fields if f != "how" and getattr(meta, f) is not None}


def test_003_never_names_its_municipality(metas):
    meta = metas["003_1c9c55b9aa0a6401.txt"]
    assert meta.municipality is None
    assert "municipality" not in meta.how


def test_diarienummer(metas):
    assert metas["003_1c9c55b9aa0a6401.txt"].diarienummer == "2012/36"
    assert metas["004_c05418bab853fe72.txt"].diarienummer == "SCN-2020-00608"
    assert metas["000_fe8b30e72cf9500a.txt"].diarienummer is None


def test_004_title_is_the_plan_not_the_covering_letter(metas):
    meta = metas["004_c05418bab853fe72.txt"]
    assert meta.title == "Verksamhetsplan och budget 2021 – 2023"
    assert meta.decision_date == "2020-12-08"  # the plan's own header, not the letter's 2020-12-04


def test_000_title_broken_over_two_lines_is_joined(metas):
    assert metas["000_fe8b30e72cf9500a.txt"].title == "Förslag Verksamhetsplan 2021–2024"


def test_gold_meta_agrees():
    import json

    gold_dir = Path("/work/shared/gold")
    golds = sorted(gold_dir.glob("*.json")) if gold_dir.is_dir() else []
    for g in golds:
        data = json.loads(g.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or "meta" not in data or not (TEXTS / f"{g.stem}.txt").exists():
            continue
        gm = data["meta"]
        meta = identify((TEXTS / f"{g.stem}.txt").read_text(encoding="utf-8"))
        assert meta.municipality == gm["municipality"]
        assert meta.committee == gm["committee"]
        assert meta.doc_type == gm["doc_type"]
        assert list(meta.period) == gm["period"]
        assert _ws(meta.title) == _ws(gm["title"])
        if gm.get("diarienummer"):
            assert meta.diarienummer == gm["diarienummer"]
    if not golds:
        pytest.skip("no shared gold")


# ------------------------------------------------------------------------------------------------- synthetic


def test_vara_as_a_word_is_not_a_municipality():
    text = "Vara eller inte vara.\nDet ska vara enkelt att vara delaktig. Mora, Åre, Sala och Höör nämns.\n"
    assert identify(text).municipality is None


def test_common_word_name_in_kommun_context_is_a_municipality():
    assert identify("Verksamhetsplan 2024\nVara kommun\nVara kommuns socialnämnd\n").municipality == "Vara"


def test_municipality_forms():
    assert identify("Budget 2023\nFalu kommun\n").municipality == "Falun"
    assert identify("Årsredovisning 2022\nGöteborgs Stad\n").municipality == "Göteborg"
    assert identify("Verksamhetsplan 2024\nUpplands Väsby kommun\n").municipality == "Upplands Väsby"
    assert identify("Verksamhetsplan 2024\nMalung-Sälens kommun\n").municipality == "Malung-Sälen"
    assert identify("Verksamhetsplan 2024\nRegion Gotland\n").municipality == "Gotland"
    # a region or a county is not the municipality
    assert identify("Verksamhetsplan 2024\nI samverkan med Region Uppsala och Uppsala län.\n").municipality is None


def test_report_title():
    text = "\n\n**Delårsrapport 2023**\n\nVård- och omsorgsnämnden\n\nVård- och omsorgsnämndens arbete.\n"
    meta = identify(text)
    assert meta.title == "Delårsrapport 2023"
    assert meta.doc_type == "report"
    assert meta.period == (2023, 2023)
    assert meta.committee == "Vård- och omsorgsnämnden"


def test_plan_with_budget_and_period():
    meta = identify("# Budget 2020 med plan 2021-2022\n\nBarn- och ungdomsnämnden\n")
    assert meta.doc_type == "plan"
    assert meta.period == (2020, 2022)
    assert meta.committee == "Barn- och ungdomsnämnden"


@pytest.mark.parametrize(
    "title, doc_type",
    [
        ("Verksamhetsplan, budget och internkontrollplan 2021", "plan"),
        ("Internkontrollplan 2024", "internal_control"),
        ("Budget 2022", "budget"),
        ("Mål och budget 2021–2023", "plan"),
        ("Uppföljning av verksamhetsplan 2023", "report"),
        ("Verksamhetsberättelse 2019", "report"),
    ],
)
def test_doc_type_from_title(title, doc_type):
    assert identify(f"{title}\n\nSocialnämnden\n").doc_type == doc_type


def test_protocol_case_number_and_date():
    text = ("Sammanträdesprotokoll\nSammanträdesdatum 2021-05-12\n\n§ 12 Budget 2022\n\nSN 2019/0055\n"
            "Socialnämnden beslutar att anta budgeten.\n")
    meta = identify(text)
    assert meta.doc_type == "protocol"
    assert meta.diarienummer == "SN 2019/0055"
    assert meta.decision_date == "2021-05-12"
    assert meta.title == "Budget 2022"


def test_labelled_case_number_and_swedish_date():
    meta = identify("Verksamhetsplan 2022\nDnr: KS 2021/123\nFastställd av kommunfullmäktige den 12 maj 2021\n")
    assert meta.diarienummer == "KS 2021/123"
    assert meta.decision_date == "2021-05-12"
    assert meta.how["decision_date"] == "content"


def test_file_name_fallback_only_when_content_is_silent():
    meta = identify("Lite text utan rubrik.\n", "/data/gavle_socialnamnden_verksamhetsplan_2021-2024.pdf")
    assert meta.period == (2021, 2024)
    assert meta.doc_type == "plan"
    assert meta.municipality == "Gävle"
    assert meta.committee == "Socialnämnden"
    assert meta.title is None
    for field in ("period", "doc_type", "municipality", "committee"):
        assert meta.how[field] == "file name"
    # content wins over the file name
    meta = identify("Verksamhetsrapport helår 2023\nSocialnämnden\n", "verksamhetsplan_2021-2024.pdf")
    assert (meta.doc_type, meta.period) == ("report", (2023, 2023))
    assert meta.how["period"] == "content"


def test_empty_text_gives_empty_meta():
    meta = identify("")
    assert meta.model_dump(exclude={"how"}) == Meta().model_dump(exclude={"how"})
    assert meta.how == {}


@pytest.mark.parametrize(
    "raw, name",
    [
        ("socialnämnden", "Socialnämnden"),
        ("Socialnämndens", "Socialnämnden"),
        ("Vård- och\nomsorgsnämndens", "Vård- och omsorgsnämnden"),
        ("tekniska nämndens", "Tekniska nämnden"),
        ("facknämnden", None),
    ],
)
def test_normalise_committee(raw, name):
    assert normalise_committee(raw) == name


def test_committee_dominant_not_in_passing():
    text = ("Verksamhetsplan 2024\nKultur- och fritidsnämnden\n\n"
            + "Kultur- och fritidsnämnden ska verka. " * 5
            + "\nSamverkan med socialnämnden och kommunfullmäktige.\n")
    assert identify(text).committee == "Kultur- och fritidsnämnden"


def test_large_text_is_fast():
    base = (TEXTS / "004_c05418bab853fe72.txt").read_text(encoding="utf-8")
    big = base * (5_000_000 // len(base) + 1)
    t0 = time.perf_counter()
    meta = identify(big)
    elapsed = time.perf_counter() - t0
    assert meta.municipality == "Uppsala"
    assert elapsed < 0.5


def test_protocol_paragraph_with_only_a_case_number_takes_its_matter_from_the_next_line():
    text = ("SAMMANTRÄDESPROTOKOLL\nSocialnämnden 2019-03-14\n\n§ 23 Dnr SN 2019/0055\n\n"
            "Mål och inriktning för socialnämnden 2020\n\nBeslutsunderlag\nTjänsteskrivelse 2019-02-28\n")
    meta = identify(text, "protokoll.txt")
    assert meta.title == "Mål och inriktning för socialnämnden 2020"
    assert meta.diarienummer == "SN 2019/0055" and meta.doc_type == "protocol"
    same_line = identify("§ 12 Dnr: 2012/36 Budget för 2013\n\nText.\n", "p.txt")
    assert same_line.title == "Budget för 2013"
