"""plantrace.nlp_models: status normaliser, lemmas, entities, segmentation, role classifier, offline loading.

The status test set below was written from the vocabularies listed in issue 4 and extract/vocabulary.py — not
taken from the classifier's training lines (a test checks that none of them occurs in nlp_models/data).
"""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

spacy = pytest.importorskip("spacy")
pytest.importorskip("simplemma")

import plantrace.nlp_models as nm  # noqa: E402
from plantrace.nlp_models.status import STATUSES, normalise_status  # noqa: E402

DATA = Path(nm.__file__).resolve().parent / "data"

# (text, expected status) — grouped by the vocabulary they exercise
STATUS_CASES: list[tuple[str, str]] = [
    # free text of Gävle-style reports
    ("Ej genomfört.", "not_done"),
    ("Ej genomfört", "not_done"),
    ("Ej genomförd.", "not_done"),
    ("Uppdraget är genomfört under året.", "done"),
    ("Uppdraget är inte genomfört under året.", "not_done"),
    ("Uppdraget har genomförts under 2023.", "done"),
    ("Uppdraget har inte genomförts under 2023.", "not_done"),
    ("Uppdraget bedöms bli genomfört.", "ongoing"),
    ("Uppdraget bedöms bli genomfört under 2025.", "ongoing"),
    ("Uppdraget bedöms inte bli genomfört.", "not_done"),
    ("Uppdraget bedöms inte bli genomfört under planperioden.", "not_done"),
    ("Uppdraget bedöms kunna bli genomfört under hösten.", "ongoing"),
    ("Måluppfyllelse har skett.", "done"),
    ("Måluppfyllelse har skett under året", "done"),
    ("Målet är inte uppnått", "not_done"),
    ("Målet är inte uppnått under 2023.", "not_done"),
    ("Målet är uppnått.", "done"),
    ("Målet har uppnåtts under perioden.", "done"),
    ("Målet uppnåddes inte.", "not_done"),
    ("Målet nåddes inte under året", "not_done"),
    ("Målet bedöms vara uppnått.", "done"),
    ("Målet bedöms inte kunna uppnås.", "not_done"),
    ("Målen är delvis uppnådda.", "partial"),
    ("Målet är inte helt uppnått.", "partial"),
    ("Uppdraget är inte fullt ut genomfört.", "partial"),
    ("Delvis", "partial"),
    ("Delvis.", "partial"),
    ("Delvis genomfört, resterande del sker 2024.", "partial"),
    ("pågår", "ongoing"),
    ("Pågår", "ongoing"),
    ("Arbetet pågår.", "ongoing"),
    ("Arbete pågår enligt plan.", "ongoing"),
    ("Uppdraget pågår och redovisas i nästa rapport.", "ongoing"),
    ("Avförd", "cancelled"),
    ("Avförd.", "cancelled"),
    ("Uppdraget avförs.", "cancelled"),
    ("Uppdraget är avfört av kommunfullmäktige.", "cancelled"),
    ("Uppdraget utgår.", "cancelled"),
    ("Åtgärden har avslutats utan genomförande.", "cancelled"),
    # negation cues
    ("Uppdraget är ännu inte genomfört.", "not_done"),
    ("Ännu inte påbörjat.", "not_done"),
    ("Icke genomfört", "not_done"),
    ("Inte genomfört", "not_done"),
    ("Ej uppfyllt.", "not_done"),
    ("Åtgärden har ännu inte påbörjats.", "not_done"),
    ("Uppdraget har inte kunnat genomföras.", "not_done"),
    ("Arbetet har påbörjats men är ännu inte slutfört.", "ongoing"),
    ("Påbörjat men inte klart.", "ongoing"),
    # colours (+ lila = svårbedömt)
    ("Grön", "done"),
    ("grön", "done"),
    ("Grönt", "done"),
    ("Gul", "partial"),
    ("gult", "partial"),
    ("Röd", "not_done"),
    ("rött", "not_done"),
    ("Lila", "unknown"),
    ("lila", "unknown"),
    ("Status: Grön", "done"),
    ("Status: gul", "partial"),
    ("Status: Röd", "not_done"),
    ("Grön – målet är uppnått", "done"),
    ("Gul: arbetet är försenat", "partial"),
    ("Röd, inga aktiviteter genomförda", "not_done"),
    ("Lila – svårbedömt", "unknown"),
    ("Målet bedöms som gult.", "partial"),
    ("Svårbedömt", "unknown"),
    ("Svårbedömt då underlag saknas.", "unknown"),
    ("Måluppfyllelsen kan inte bedömas.", "unknown"),
    # God / Viss / Ingen (måluppfyllelse)
    ("God", "done"),
    ("God måluppfyllelse", "done"),
    ("God måluppfyllelse.", "done"),
    ("Verksamheten har bidragit till god måluppfyllelse.", "done"),
    ("Viss", "partial"),
    ("Viss måluppfyllelse", "partial"),
    ("Viss måluppfyllelse har skett.", "partial"),
    ("Ingen", "not_done"),
    ("Ingen måluppfyllelse", "not_done"),
    ("Ingen måluppfyllelse under perioden.", "not_done"),
    ("Måluppfyllelse: God", "done"),
    ("Måluppfyllelse: Viss", "partial"),
    ("Måluppfyllelse: Ingen", "not_done"),
    # uppnått / delvis uppnått / ej uppnått
    ("uppnått", "done"),
    ("Uppnått", "done"),
    ("Uppnått.", "done"),
    ("delvis uppnått", "partial"),
    ("Delvis uppnått", "partial"),
    ("ej uppnått", "not_done"),
    ("Ej uppnått", "not_done"),
    ("Inte uppnått", "not_done"),
    ("Helt uppnått", "done"),
    # Genomförd / Påbörjad / Ej påbörjad / Försenad (+ Avförd)
    ("Genomförd", "done"),
    ("Genomfört", "done"),
    ("genomförd", "done"),
    ("Påbörjad", "ongoing"),
    ("Påbörjat", "ongoing"),
    ("påbörjad", "ongoing"),
    ("Ej påbörjad", "not_done"),
    ("Ej påbörjat", "not_done"),
    ("ej påbörjad", "not_done"),
    ("Försenad", "ongoing"),
    ("Försenat", "ongoing"),
    ("Status: Genomförd", "done"),
    ("Status: Påbörjad", "ongoing"),
    ("Status: Ej påbörjad", "not_done"),
    ("Status: Försenad", "ongoing"),
    ("Status: Avförd", "cancelled"),
    ("Aktiviteten är försenad på grund av vakanser.", "ongoing"),
    # smileys
    ("🙂", "done"),
    ("😐", "partial"),
    ("🙁", "not_done"),
    ("☺", "done"),
    ("☹", "not_done"),
    ("😊", "done"),
    ("😞", "not_done"),
    ("Status: 🙂", "done"),
    ("🙂 Målet är nått", "done"),
    # arrows
    ("↑", "done"),
    ("→", "partial"),
    ("↓", "not_done"),
    ("Trend: ↑", "done"),
    ("Trend: ↓", "not_done"),
    # status cells and system symbols
    ("Ja", "done"),
    ("Nej", "not_done"),
    ("Klar", "done"),
    ("Klart.", "done"),
    ("✅", "done"),
    ("❌", "not_done"),
    ("🟢", "done"),
    ("🟡", "partial"),
    ("🔴", "not_done"),
    # the phrasings issue 15 found failing (in-sample: written after them): pauses, cancellations without action,
    # negated completion of a noun-phrase verb, forecasts of failure
    ("Målet uppnås ej.", "not_done"),
    ("Svårt att uppnå.", "not_done"),
    ("Uppdraget avslutas utan åtgärd.", "cancelled"),
    ("Handlingsplanen har ännu inte tagits fram.", "not_done"),
    ("Uppdraget är vilande.", "not_done"),
    ("Arbetet har startat men är inte slutfört.", "ongoing"),
    ("Projektet har pausats i väntan på finansiering.", "not_done"),
    ("Uppdraget är inte längre aktuellt.", "cancelled"),
    ("Det finns en risk att målet inte nås under året.", "not_done"),
    # further report phrasings
    ("Uppdraget är slutfört och redovisat till kommunstyrelsen.", "done"),
    ("Uppdraget är redovisat.", "done"),
    ("Handlingsplanen har tagits fram och antagits av nämnden.", "done"),
    ("En ny rutin har införts.", "done"),
    ("Uppdraget är delvis genomfört.", "partial"),
    ("Målet är till viss del uppnått.", "partial"),
    ("Arbetet fortgår under 2025.", "ongoing"),
    ("Uppdraget beräknas vara klart i juni.", "ongoing"),
    ("Uppdraget kommer att genomföras under 2025.", "ongoing"),
    ("Målet kommer inte att nås.", "not_done"),
    ("Aktiviteter saknas.", "not_done"),
    ("Önskade effekter har uteblivit.", "not_done"),
    ("", "unknown"),
    ("Se bilaga 2.", "unknown"),
    ("Redovisas muntligt på sammanträdet.", "unknown"),
]


def test_status_accuracy_over_every_vocabulary():
    results = [(text, want, normalise_status(text)[0]) for text, want in STATUS_CASES]
    wrong = [(t, w, got) for t, w, got in results if got != w]
    accuracy = 1 - len(wrong) / len(results)
    assert accuracy >= 0.95, f"accuracy {accuracy:.3f}; wrong: {wrong}"
    assert {want for _t, want in STATUS_CASES} == set(STATUSES)


@pytest.mark.parametrize("text,status,evidence", [
    ("Ej genomfört.", "not_done", "Ej genomfört"),
    ("Målet är inte uppnått under 2023.", "not_done", "Målet är inte uppnått"),
    ("Uppdraget bedöms bli genomfört.", "ongoing", "Uppdraget bedöms bli genomfört"),
    ("Sammantaget har verksamheten bidragit till god måloppfyllelse.", "done", "god måloppfyllelse"),
    ("Lila", "unknown", "Lila"),
    ("😐", "partial", "😐"),
])
def test_status_evidence_is_the_matched_phrase(text, status, evidence):
    assert normalise_status(text) == (status, evidence)


# quoted in issue 4 and DOMAIN.md as the vocabulary itself, and also lines of the corpus the classifier learns from
ISSUE_QUOTED = {"Ej genomfört.", "Måluppfyllelse har skett.", "Målet är inte uppnått under 2023."}


def test_status_test_set_is_not_training_data():
    # the lines labelled from the sample documents and written for training; the fixture-derived lines
    # (roles_fixtures.jsonl) are left out: the fixtures were written later in the same standard vocabulary
    # ("Ej genomfört", "Pågår"), so sharing these phrases with them says nothing about where the cases came from
    lines = set()
    for path in (DATA / "roles.jsonl", DATA / "roles_written.jsonl"):
        lines |= {json.loads(ln)["text"].strip().lower() for ln in path.read_text(encoding="utf-8").splitlines() if ln}
    overlap = [t for t, _ in STATUS_CASES if t and t.strip().lower() in lines and t not in ISSUE_QUOTED]
    assert overlap == [], overlap


# ---------------------------------------------------------------- the trained pipeline

@pytest.fixture(scope="module")
def nlp():
    try:
        return nm.load()
    except FileNotFoundError:
        pytest.skip("no trained model: run python -m plantrace.nlp_models.train")


def test_model_version_is_stored_with_the_model(nlp):
    assert nm.MODEL_VERSION == f"{nlp.lang}_{nlp.meta['name']}-{nlp.meta['version']}"
    assert nlp.meta["plantrace"]["held_out"]["macro_f1"] > 0
    assert nlp.pipe_names == ["plantrace_segmenter", "entity_ruler", "plantrace_shapes", "plantrace_lemmatizer",
                              "textcat"]


@pytest.mark.parametrize("form,lemma", [
    ("uppdrag", "uppdrag"), ("uppdraget", "uppdrag"), ("uppdragen", "uppdrag"), ("grunduppdrag", "grunduppdrag"),
    ("minska", "minska"), ("minskar", "minska"), ("med", "med"), ("Socialnämnden", "socialnämnd"),
    ("nämndens", "nämnd"), ("insatser", "insats"), ("öppenvårdsinsatser", "öppenvårdsinsats"),
    ("placeringar", "placering"), ("indikatorer", "indikator"), ("målvärden", "målvärde"),
    ("orosanmälningar", "orosanmälan"), ("handlingsplanen", "handlingsplan"), ("utfall", "utfall"),
    ("kommunfullmäktiges", "kommunfullmäktige"), ("genomfört", "genomföra"), ("arbetar", "arbeta"),
    ("åtgärder", "åtgärd"), ("verksamheterna", "verksamhet"), ("KS", "KS"), ("mnkr", "mnkr"),
])
def test_lemmas_of_domain_words(nlp, form, lemma):
    assert nlp(f"Detta gäller {form} i år.")[2].lemma_ == lemma


def _ents(nlp, text):
    return [(e.text, e.label_, e.ent_id_) for e in nlp(text).ents]


@pytest.mark.parametrize("text,entity", [
    ("Beslut fattades av Socialnämnden i maj.", ("Socialnämnden", "COMMITTEE", "Socialnämnden")),
    ("Rapporten lämnas till socialnämndens presidium.", ("socialnämndens", "COMMITTEE", "Socialnämnden")),
    ("Uppdraget ges till (UBN, SCN och OSN).", ("SCN", "COMMITTEE", "Socialnämnden")),
    ("Stärk samverkan (KTN, IFN, AMN, ÄLN och VON).", ("ÄLN", "COMMITTEE", "Äldrenämnden")),
    ("Beslut i KS och KF.", ("KF", "COMMITTEE", "Kommunfullmäktige")),
    ("Samråd med kultur- och fritidsnämnden.", ("kultur- och fritidsnämnden", "COMMITTEE", "Kultur- och fritidsnämnden")),
    ("Tillsammans med Brottsofferjoursnämnden.", ("Brottsofferjoursnämnden", "COMMITTEE", "Brottsofferjoursnämnden")),
    ("Kraftigt förbättrade resultat i Gävles skolor.", ("Gävles", "MUNICIPALITY", "Gävle")),
    ("Uppsalas invånare ska ha bostad.", ("Uppsalas", "MUNICIPALITY", "Uppsala")),
    ("Arbetet sker i Gävle kommun och i Ronneby.", ("Gävle kommun", "MUNICIPALITY", "Gävle")),
    ("Ett möte i Upplands Väsby.", ("Upplands Väsby", "MUNICIPALITY", "Upplands Väsby")),
    ("Samverkan med Region Gävleborg.", ("Region Gävleborg", "REGION", "Region Gävleborg")),
    ("För uppdraget kommer 1,0 mnkr att tillföras.", ("1,0 mnkr", "AMOUNT", "")),
    ("Resultatet är -357,5 mnkr.", ("-357,5 mnkr", "AMOUNT", "")),
    ("Kostnaden var 67 044 kr per år.", ("67 044 kr", "AMOUNT", "")),
    ("Ramen är 250 tkr.", ("250 tkr", "AMOUNT", "")),
    ("Nämnden erhåller 811 miljoner kronor.", ("811 miljoner kronor", "AMOUNT", "")),
    ("Verksamhetsplan 2021–2024 för nämnden.", ("2021–2024", "PERIOD", "2021-2024")),
    ("Verksamhetsplan 2025-2028", ("2025-2028", "PERIOD", "2025-2028")),
    ("Mål och budget 2021 – 2023 gäller.", ("Mål och budget 2021 – 2023", "PERIOD", "2021-2023")),
    ("Verksamhetsrapport helår 2023", ("helår 2023", "PERIOD", "")),
    ("Mål formuleras till delår 1", ("delår 1", "PERIOD", "")),
    ("Läsåret 2022/23 var bättre.", ("2022/23", "PERIOD", "2022-2023")),
    ("Statistik sedan 2008 visar en ökning.", ("2008", "YEAR", "")),
    ("Utfall 2023-12-31", ("2023-12-31", "DATE", "")),
    ("Minst 75 % av alla barn ska erbjudas samtal.", ("Minst 75 %", "TARGET", "")),
    ("Andelen var 54 % år 2019.", ("54 %", "PERCENT", "")),
    ("Minst NKI 75 i undersökningen.", ("Minst NKI 75", "TARGET", "")),
    ("Antal orosanmälningar: barn 0–12 år.", ("barn 0–12 år", "AGE_GROUP", "")),
    ("Fler insatser för barn 7-15 år.", ("barn 7-15 år", "AGE_GROUP", "")),
    ("Ungdomar i åldern 13–20 år ska bli drogfria.", ("Ungdomar i åldern 13–20 år", "AGE_GROUP", "")),
    ("Vuxna missbrukare, 21 år och äldre.", ("21 år och äldre", "AGE_GROUP", "")),
    ("Källa: Kolada N17473 och U00405.", ("N17473", "KPI", "")),
    ("Diarienummer: SCN-2020-00608", ("SCN-2020-00608", "DIARIENUMMER", "")),
    ("2012/36 § 64 Verksamhetsmål", ("2012/36", "DIARIENUMMER", "")),
    ("Ärende SN 2019/0055 behandlades.", ("SN 2019/0055", "DIARIENUMMER", "")),
    ("Dnr VON 2021/0930", ("Dnr VON 2021/0930", "DIARIENUMMER", "")),
])
def test_entity_kinds(nlp, text, entity):
    assert entity in _ents(nlp, text)


def test_entities_do_not_fire_on_common_words(nlp):
    labels = {e.label_ for e in nlp("Det ska vara lätt att få mark för bostäder, och nämnden beslutar.").ents}
    assert labels == set()
    assert ("Vara kommun", "MUNICIPALITY", "Vara") in _ents(nlp, "Ett samarbete med Vara kommun.")


def _sents(nlp, text):
    return [s.text.strip() for s in nlp(text).sents if s.text.strip()]


def test_segmentation_bullets_and_wrapped_lines(nlp):
    text = ("Socialnämndens mål: \n• Barn och ungdomars behov av stöd sätts i centrum vid alla insatser som \n\n"
            "genomförs i socialtjänsten. \n• Minst 75 % av alla barn ska erbjudas samtal inom 14 \ndagar. \n")
    sents = _sents(nlp, text)
    assert sents[0] == "Socialnämndens mål:"
    assert sents[1].startswith("• Barn och ungdomars") and sents[1].endswith("socialtjänsten.")
    assert sents[2].startswith("• Minst 75 %") and sents[2].endswith("dagar.")


def test_segmentation_numbered_items_and_headings(nlp):
    text = ("3 Politiska uppdrag 2021\n1. Socialnämnden uppdras att fördjupa analysarbetet och identifiera\n"
            "framgångsfaktorer. Nämnden ska utreda detta bl. a. i samverkan med andra.\n"
            "2. Socialnämnden uppdras att främja barn och ungas hälsa.\n"
            "1.2.1 Barn och ungas livssituation ska förbättras\n1.2.1.1 Socialnämnden arbetar för en förbättrad livssituation.")
    sents = _sents(nlp, text)
    assert sents[0] == "3 Politiska uppdrag 2021"
    assert sents[1].startswith("1. Socialnämnden uppdras") and "framgångsfaktorer." in sents[1]
    assert sents[2] == "Nämnden ska utreda detta bl. a. i samverkan med andra."
    assert sents[3].startswith("2. Socialnämnden")
    assert sents[4] == "1.2.1 Barn och ungas livssituation ska förbättras"
    assert sents[5].startswith("1.2.1.1")


def test_segmentation_att_clause_lists(nlp):
    text = ("Socialnämnden beslutar\n\n1. **att** anta verksamhetsplan för 2021, samt\n"
            "2. **att** överlämna planen till kommunstyrelsen.\n\nKommunstyrelsen beslutar\natt uppdra till "
            "socialnämnden att utreda frågan,\natt återrapportera i juni.")
    sents = _sents(nlp, text)
    assert "1. **att** anta verksamhetsplan för 2021, samt" in sents
    assert "2. **att** överlämna planen till kommunstyrelsen." in sents
    assert "att uppdra till socialnämnden att utreda frågan," in sents
    assert "att återrapportera i juni." in sents


# Unseen lines, written for this test (not in nlp_models/data), a few per role.
ROLE_CASES: dict[str, list[str]] = {
    "goal": ["Nämndmål: Alla barn i Sundsvall ska ha en trygg uppväxt",
             "1.3.2 Invånarna ska uppleva att socialtjänsten är tillgänglig",
             "Kommunfullmäktiges inriktningsmål 4 Örebro ska vara en hållbar kommun"],
    "measurable_target": ["• Minst 85 % av de placerade barnen ska ha en aktuell vårdplan.",
                          "Minst 70 % av hushållen ska vara självförsörjande efter ett år."],
    "assignment": ["Uppdrag: Utveckla samverkan med civilsamhället kring våld i nära relationer. (SCN, KTN)",
                   "Socialnämnden uppdras att utreda behovet av ett nytt skyddat boende."],
    "indicator": ["Antal barn som placerats i familjehem under året",
                  "Andel brukare som är nöjda med bemötandet, andel (%)"],
    "action": ["Genomföra en översyn av rutinerna för orosanmälningar.",
               "Fortsätta arbetet med att rekrytera fler familjehem."],
    "followup_status": ["Uppdraget är genomfört och redovisat till nämnden.",
                        "Målet är inte uppnått under året."],
    "narrative": ["Under året har förvaltningen arbetat intensivt med att minska antalet externa placeringar, vilket "
                  "har gett effekt under hösten. Samtidigt har kostnaderna för konsulter ökat."],
    "heading": ["Uppföljning av politiska uppdrag", "5 Investeringar"],
    "furniture": ["Sida 7 av 22", "Telefon: 026-17 80 00"],
}


def test_classifier_on_unseen_lines(nlp):
    texts = [t for ts in ROLE_CASES.values() for t in ts]
    gold = [role for role, ts in ROLE_CASES.items() for _ in ts]
    predicted = nm.classify_roles(texts)
    assert all(0.0 <= score <= 1.0 for _role, score in predicted)
    right = sum(p == g for (p, _s), g in zip(predicted, gold))
    wrong = [(t, g, p) for t, g, (p, _s) in zip(texts, gold, predicted) if p != g]
    assert right / len(texts) >= 0.75, wrong
    assert {p for p, _ in predicted} >= {"goal", "assignment", "heading", "furniture", "narrative"}


def test_load_is_cached_and_works_without_network(monkeypatch):
    def no_network(*args, **kwargs):
        raise OSError("network access attempted")

    nm.clear_cache()
    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    try:
        nlp = nm.load()
    except FileNotFoundError:
        pytest.skip("no trained model")
    assert nm.load() is nlp
    doc = nlp("Socialnämnden uppdras att minska kostnaderna med 5 mnkr under 2024.")
    assert any(e.label_ == "AMOUNT" for e in doc.ents)
    assert nm.classify_roles(["Sida 2 av 9"])[0][0] == "furniture"


def test_train_rebuilds_the_shipped_model(tmp_path):
    """Byte for byte where the numeric libraries and the processor are those the shipped model was built with;
    elsewhere (blis picks its kernels by processor, a new thinc or numpy rounds differently) the rebuilt model
    must read the data as the shipped one does: same files, same data, the same role for nearly every unit and
    the same status for nearly every phrase."""
    if not (nm.MODEL_DIR / "meta.json").exists():
        pytest.skip("no shipped model")
    from plantrace.nlp_models.status import classify_status, load_status_model
    from plantrace.nlp_models.training import DATA, load_rows, load_status_rows, numeric_environment

    metrics = nm.train(seed=0, output=tmp_path / "model")
    assert metrics["n_test"] > 100 and 0.0 < metrics["held_out"]["macro_f1"] <= 1.0
    built = {p.relative_to(tmp_path / "model"): p.read_bytes() for p in (tmp_path / "model").rglob("*") if p.is_file()}
    shipped = {p.relative_to(nm.MODEL_DIR): p.read_bytes() for p in nm.MODEL_DIR.rglob("*") if p.is_file()}
    assert sorted(built) == sorted(shipped)
    meta = json.loads(shipped[Path("meta.json")])["plantrace"]
    assert json.loads(built[Path("meta.json")])["plantrace"]["data_sha256"] == meta["data_sha256"], \
        "the shipped model was built from other data (run plantrace train)"
    if meta.get("environment") == numeric_environment():
        differ = [str(p) for p in built if built[p] != shipped[p]]
        assert differ == [], f"the shipped model is not what the data builds: {differ} (run plantrace train)"
        return
    assert abs(metrics["held_out"]["macro_f1"] - meta["held_out"]["macro_f1"]) <= 0.03
    texts = [r["text"] for r in load_rows(DATA)]
    rebuilt = nm.load(tmp_path / "model")
    same = sum(a[0] == b[0] for a, b in zip(nm.classify_roles(texts, nlp=rebuilt), nm.classify_roles(texts)))
    assert same / len(texts) >= 0.97
    phrases = [r["text"] for r in load_status_rows(DATA)]
    status_built = load_status_model(tmp_path / "model" / "status")
    same = sum(a[0] == b[0] for a, b in zip(classify_status(phrases, nlp=status_built), classify_status(phrases)))
    assert same / len(phrases) >= 0.97


# ---------------------------------------------------------------- started is not finished

@pytest.mark.parametrize("text,status", [
    ("Arbetet har startat.", "ongoing"),
    ("Projektet har startat upp under hösten.", "ongoing"),
    ("Förvaltningen har startat upp en mottagning för unga vuxna.", "ongoing"),
    ("Satsningen startade i mars och fortsätter nästa år.", "ongoing"),
    ("En samverkansgrupp har startats.", "ongoing"),
    ("Startad", "ongoing"),
    ("Arbetet har startat men är ännu inte slutfört.", "ongoing"),
    # a completion cue decides over the start
    ("Uppdraget har startats och är nu genomfört.", "done"),
    ("Insatsen startades under våren och är slutförd.", "done"),
    # a negated start is not done
    ("Ej startat.", "not_done"),
    ("Arbetet har ännu inte startat.", "not_done"),
])
def test_started_is_ongoing_unless_completed(text, status):
    assert normalise_status(text)[0] == status


# ---------------------------------------------------------------- a verdict that opens the account

@pytest.mark.parametrize("text,status", [
    # the verdict in a short sentence of its own; what follows tells what was done, and judges nothing
    ("Målet är uppnått. Arbetet har följts upp i nämnden under hösten.", "done"),
    ("Bedömning: Målet är uppnått. Arbetet har följts upp i nämnden under hösten.", "done"),
    ("Målet är delvis uppnått. Arbetet fortsätter under nästa år.", "partial"),
    ("Uppdraget är genomfört. Utredningen redovisades för nämnden i oktober.", "done"),
    ("Uppdraget är avslutat. Arbetet har följts upp i nämnden under hösten.", "done"),
    # closed without being carried out is no completion; a pupil who finished a school year is no status
    ("Uppdraget avslutas utan åtgärd.", "cancelled"),
    ("Avslutat utan genomförande.", "cancelled"),
])
def test_a_verdict_that_opens_the_account_decides(text, status):
    assert normalise_status(text)[0] == status


def test_finishing_a_school_year_is_no_status_cue():
    from plantrace.nlp_models.status import status_match

    assert status_match("Måttet är meritvärdet hos de elever som avslutat årskurs 9.").strength == "none"


# ---------------------------------------------------------------- status strength (how extraction weighs sentences)

@pytest.mark.parametrize("text,status,strength", [
    ("Grön handlingsplan är framtagen", "done", "explicit"),  # an adjective, not the colour of a status
    ("Grön.", "done", "colour"),
    ("Röd (ej uppnått)", "not_done", "colour"),
    ("Uppdraget är genomfört.", "done", "explicit"),  # names its subject
    ("Under året har en kartläggning av placeringarna i familjehem och på institution genomförts.", "done", "weak"),
    ("Måttet har delvis relevans för nämndens mål och redovisas därför inom Livsmiljö Gävle.", "partial", "weak"),
    ("Målet är delvis uppnått.", "partial", "explicit"),
    ("Arbetet med den nya modellen fortsätter under hela nästa år i samtliga enheter.", "ongoing", "weak"),
    ("Pågår.", "ongoing", "cell"),
    ("Pågår enligt plan.", "ongoing", "explicit"),
    ("Svårbedömt", "unknown", "cell"),
])
def test_status_strength_separates_status_lines_from_narrative(text, status, strength):
    from plantrace.nlp_models.status import status_match

    m = status_match(text)
    assert (m.status, m.strength) == (status, strength)


# ---------------------------------------------------------------- fixtures as training data, grouped evaluation

def _fixture(root: Path, layout: str, name: str, text: str, key: dict) -> None:
    (root / layout).mkdir(parents=True, exist_ok=True)
    (root / layout / f"{name}.txt").write_text(text, encoding="utf-8")
    (root / layout / f"{name}.json").write_text(json.dumps({"layout": layout, "file": f"{name}.txt", **key}), encoding="utf-8")


PLAIN = ("Verksamhetsplan för kulturnämnden\n\nMål: Fler invånare ska delta i kulturlivet.\n"
         "Indikator: Antal besök på biblioteken, målvärde minst 90 000\n"
         "Uppdrag: Kulturnämnden ska utreda öppettiderna på landsbygdens bibliotek.\n\n"
         "Under året har nämnden haft ett större antal arrangemang än tidigare, och publiken har ökat.\n\n"
         "Sida 2 av 7\n")
PLAIN_KEY = {"goals": [{"id": "g1", "text": "Fler invånare ska delta i kulturlivet.", "level": "committee"}],
             "assignments": [{"id": "a1", "text": "Kulturnämnden ska utreda öppettiderna på landsbygdens bibliotek."}],
             "indicators": [{"id": "i1", "name": "Antal besök på biblioteken"}]}
FOLLOWUP = ("Utred formerna för ett gemensamt bokningssystem för idrottshallar (FRN)\n"
            "Uppdraget är inte genomfört under året.\n"
            "Kommentar: upphandlingen har skjutits till nästa år på grund av resursbrist.\n")
FOLLOWUP_KEY = {"assignments": [{"id": "a1", "text": "Utred formerna för ett gemensamt bokningssystem för idrottshallar (FRN)"}],
                "followups": [{"id": "f1", "kind": "assignment", "status": "not_done",
                               "status_raw": "Uppdraget är inte genomfört under året."}]}


def test_fixture_units_take_the_roles_of_their_keys(tmp_path):
    from plantrace.nlp_models.fixtures import build

    _fixture(tmp_path, "plain-labels", "kultur", PLAIN, PLAIN_KEY)
    _fixture(tmp_path, "stratsys", "fritid", FOLLOWUP, FOLLOWUP_KEY)
    rows = build(tmp_path)
    label = {r["text"]: r["label"] for r in rows}
    assert label["Mål: Fler invånare ska delta i kulturlivet."] == "goal"  # the label word stays in the unit
    assert label["Indikator: Antal besök på biblioteken, målvärde minst 90 000"] == "indicator"
    assert label["Uppdrag: Kulturnämnden ska utreda öppettiderna på landsbygdens bibliotek."] == "assignment"
    assert label["Verksamhetsplan för kulturnämnden"] == "heading"
    assert label["Sida 2 av 7"] == "furniture"
    assert label[next(t for t in label if t.startswith("Under året"))] == "narrative"
    # lines glued into one unit are split where keyed items start and end
    assert label["Utred formerna för ett gemensamt bokningssystem för idrottshallar (FRN)"] == "assignment"
    assert label["Uppdraget är inte genomfört under året."] == "followup_status"
    # the key leaves goals and indicators out: an unkeyed sentence may be one of them, so it is not labelled
    assert not any(t.startswith("Kommentar") for t in label)
    assert {(r["doc"], r["layout"]) for r in rows} == {("plain-labels/kultur", "plain-labels"), ("stratsys/fritid", "stratsys")}


def test_fixture_labelling_never_reads_the_holdout(tmp_path):
    from plantrace.nlp_models.fixtures import fixture_pairs

    _fixture(tmp_path / "holdout", "plain-labels", "x", PLAIN, PLAIN_KEY)
    with pytest.raises(ValueError):
        fixture_pairs(tmp_path / "holdout")


def test_fixture_training_data_is_rebuilt_from_the_fixtures():
    from plantrace.nlp_models import fixtures

    if not fixtures.ROOT.exists():
        pytest.skip("no development fixtures")
    committed = [json.loads(ln) for ln in fixtures.OUT.read_text(encoding="utf-8").splitlines() if ln]
    assert committed == fixtures.build(), "run python -m plantrace.nlp_models.fixtures, then plantrace train"


def test_every_real_unit_has_a_document_and_a_layout():
    from plantrace.nlp_models.training import document_of, layout_of, load_rows

    rows = load_rows()
    assert all(document_of(r) and layout_of(r) for r in rows if r["source"] != "written")
    assert not any(document_of(r) for r in rows if r["source"] == "written")
    assert {document_of(r) for r in rows if r["source"] == "gold"} <= {document_of(r) for r in rows if r["source"].startswith("corpus/")}


def test_leave_one_document_out_never_trains_on_the_held_out_document(monkeypatch):
    from plantrace.nlp_models import training

    trained_on = []
    real_fit = training.fit
    monkeypatch.setattr(training, "fit", lambda nlp, settings, rows, seed: trained_on.append(rows) or real_fit(nlp, settings, rows, seed))
    result = training.evaluate_grouped("document", groups=["sample/003"])
    held = [r for r in training.load_rows() if training.document_of(r) == "sample/003"]
    assert [g["group"] for g in result["groups"]] == ["sample/003"] and result["groups"][0]["n"] == len(held) > 0
    assert not any(training.document_of(r) == "sample/003" for r in trained_on[0])
    assert any(r["source"] == "written" for r in trained_on[0])
    assert result["pooled"]["n"] == len(held) and 0.0 <= result["pooled"]["macro_f1"] <= 1.0


@pytest.mark.parametrize("phrase,status", [
    ("Målet uppnås ej.", "not_done"), ("Målet uppfylls inte under året.", "not_done"),
    ("Målet uppnås.", "done"), ("Av målen är det tre som uppfylls och de är:", "done"),
    ("Målet kommer att uppnås under nästa år.", "ongoing"),
])
def test_present_passive_reads_as_an_outcome(phrase, status):
    """"uppnås"/"uppfylls" state an outcome, negated or not; "kommer att uppnås" is a forecast. (The rules' reading:
    the model may weigh a count of goals met, "tre som uppfylls", as partial.)"""
    from plantrace.nlp_models.status import status_match

    assert status_match(phrase).status == status


@pytest.mark.parametrize("text, status", [
    ("Målen utgår ifrån visionen och fullmäktiges budget.", None),  # "are based on": no status at all
    ("Arbetet utgår från nämndens handlingsplan.", None),
    ("Uppdraget utgår.", "cancelled"),
    ("Åtgärden utgår från och med nästa år.", "cancelled"),
])
def test_utgar_is_cancelled_only_when_nothing_it_is_based_on_follows(text, status):
    from plantrace.nlp_models.status import status_match

    m = status_match(text)
    assert (m.status if m.strength != "none" else None) == status


@pytest.mark.parametrize("text, status", [
    # motions and citizens' proposals: what the council did with them
    ("Medborgarförslaget om fler papperskorgar anses besvarat.", "done"),
    ("Motionen om gratis kollektivtrafik avslogs.", "cancelled"),
    ("Förslaget avvisas eftersom det gäller ett enskilt ärende.", "cancelled"),
    ("Motionen är remitterad till tekniska nämnden.", "ongoing"),
    ("Ärendet återremitteras för vidare beredning.", "ongoing"),
    ("Bifallen motion – arbetet har ännu inte startat.", "not_done"),  # the decision, then its status
    ("Bifallen.", "done"),
    # outcome against the target
    ("Utfallet 14 dagar överträffar målvärdet.", "done"),
    ("Andelen understiger målvärdet för året.", "not_done"),
    ("Ingen åtgärd vidtagen.", "not_done"),
    ("Åtgärd vidtagen.", "done"),
    # some of several, assessed as reached (a participle), too early to say
    ("Tre av sju nyckeltal når sina målvärden.", "partial"),
    ("Brister noterades i två av tio granskade akter.", "not_done"),
    ("Sammantaget bedöms målet uppnått.", "done"),
    ("Målet bedöms bli uppfyllt vid årets slut.", "ongoing"),
    ("Det är för tidigt att bedöma om målet nås.", "unknown"),
    ("Utfall saknas eftersom enkäten inte genomfördes.", "unknown"),
])
def test_status_of_decisions_outcomes_and_counts(text, status):
    from plantrace.nlp_models.status import status_match

    assert status_match(text).status == status


@pytest.mark.parametrize("text, status", [
    # an outcome beside its target: the figures decide, above the verb around them
    ("Andel nöjda brukare i hemtjänsten: 84 % (mål 90 %)", "not_done"),
    ("Antal nya förskoleplatser: 120 mot målet 100", "done"),
    ("Inflyttade hushåll 2024: 310, målvärde 2024: 400", "not_done"),  # the years are no figures
    ("Sjukfrånvaron blev 7,2 % och målet är högst 6,5 %", "not_done"),  # a bound says less is better
    ("Sjukfrånvaro: 5,9 % (mål 6,5 %)", "done"),  # what is measured says so when no bound does
    ("Nöjd-medborgar-index 62, målet är minst 60", "done"),
    ("Byggda hyresrätter: 45 färdigställda mot målet 80", "not_done"),  # "färdigställda" is no verdict here
    ("Handläggningstiden kortades med 12 procent, bättre än målet på 5 procent", "done"),  # a change, compared in words
])
def test_an_outcome_is_read_against_the_target_beside_it(text, status):
    from plantrace.nlp_models.status import read_status

    m = read_status(text)
    assert m.status == status, m


@pytest.mark.parametrize("text, status", [
    ("Nämnden klarar tidsgränsen i 88 procent av ärendena, mot målet 95 procent", "not_done"),  # a share: more is better
    ("Bytet till LED-belysning pågår, andelen är nu 40 procent mot målet 60 procent", "ongoing"),
    ("Investeringarna motsvarade 120 procent av avskrivningarna", "unknown"),  # depreciation, nothing written off
    ("Motionen avskrivs eftersom förslagsställaren har flyttat", "cancelled"),
    ("Begäran om ett högre bidrag bifölls inte", "cancelled"),
    ("Utskottet föreslår fullmäktige att motionen om en ny badplats ska anses besvarad", "ongoing"),
    ("Målet följs inte upp i delårsrapporten", "unknown"),
])
def test_shares_work_going_on_write_offs_refusals_proposals_and_no_follow_up(text, status):
    from plantrace.nlp_models.status import status_match

    m = status_match(text)
    assert (m.status if m.strength != "none" else "unknown") == status, m


@pytest.mark.parametrize("text", [
    "Andel elever med gymnasiebehörighet i åk 9 (mål 92 %)",  # "9" is a school year, no outcome
    "Prognosen pekar på 86 % mot målet 90 %",  # a forecast is not an outcome
    "Andel hushåll med bredband: 71 % (mål 2030: 95 %)",  # a far target without the outcome's year: a way to go
])
def test_figures_that_are_no_outcome_against_a_target_decide_nothing(text):
    from plantrace.nlp_models.status import against_target

    assert against_target(text) is None


@pytest.mark.parametrize("text, status", [
    ("Bytet av larmsystem avslutades i mars som planerat", "done"),
    ("Den nya mötesplatsen kom aldrig i gång under året", "not_done"),
    ("Flera brister är ännu inte helt åtgärdade", "partial"),
])
def test_finished_never_started_and_not_wholly_done(text, status):
    from plantrace.nlp_models.status import status_match

    assert status_match(text).status == status


# ---------------------------------------------------------------- the status model (rules first, model where they are silent)

def test_a_status_cell_is_read_as_the_system_writes_it():
    from plantrace.nlp_models.status import CELLS, read_status

    for cell, status in CELLS.items():
        assert read_status(cell).status == status, cell
        assert read_status(f"Status: {cell.capitalize()}").status == status, cell


def test_status_model_reads_wordings_no_rule_has_and_leaves_narrative_alone():
    from plantrace.nlp_models.status import read_status, status_match

    silent = "Vi har inte kommit någon vart med uppdraget."  # no rule's cue: a negated "come anywhere"
    assert status_match(silent).strength == "none"
    assert read_status(silent)[::2] == ("not_done", "model")
    assert read_status("Nämnden har arbetat med frågan under året.").status == "unknown"


def test_status_model_adds_to_the_rules_on_phrase_sets_it_never_saw():
    """Leave one phrase set out: the third to thirteenth sets (other municipalities or documents, written later) read by a
    model trained on the other sets. The rules were tuned after reading the third set (not the later ones)."""
    from plantrace.nlp_models.training import evaluate_status_grouped

    groups = {g["group"]: g for g in evaluate_status_grouped("set")["groups"]}
    for name in ("status_phrases_3", "status_phrases_4", "status_phrases_5", "status_phrases_6", "status_phrases_7",
                 "status_phrases_8", "status_phrases_9", "status_phrases_10", "status_phrases_11", "status_phrases_12",
                 "status_phrases_13"):
        assert groups[name]["rules+model"] > groups[name]["rules"] + 0.05, groups[name]


def test_the_stems_found_by_their_heads_are_the_stems_in_the_text():
    """The literal test looks stems up by their first three letters; it must find what testing every stem finds."""
    from plantrace.nlp_models.status import _ALL_STEMS, _stems_in

    texts = [line.split("\t")[0].lower() for path in sorted(DATA.glob("status_phrases*.tsv"))
             for line in path.read_text(encoding="utf-8").splitlines()[1:]]
    assert len(texts) > 3000
    for low in texts:
        assert _stems_in(low) == {stem for stem in _ALL_STEMS if stem in low}, low


def test_every_status_familys_match_holds_one_of_its_necessary_literals():
    """The prefilter skips a status family when the text holds none of its literals: on every phrase of every
    set and each sample's sentences, a family that matches must hold one (else a status would be lost)."""
    import csv
    import re

    from plantrace.nlp_models.prefilter import necessary_literals
    from plantrace.nlp_models.status import _LOWER_RULES

    texts = []
    for path in sorted(DATA.glob("status_phrases*.tsv")):
        with path.open(encoding="utf-8") as f:
            texts += [r["text"].lower() for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)]
    for path in sorted((DATA.parents[1] / "corpus" / "sample" / "text").glob("*.txt")):
        texts += [s.lower() for s in re.split(r"(?<=[.!?])\s+|\n", path.read_text(encoding="utf-8"))]
    checked = 0
    for pattern in _LOWER_RULES:
        stems = necessary_literals(pattern.pattern, pattern.flags)
        assert stems, pattern.pattern[:60]
        for text in texts:
            if pattern.search(text):
                checked += 1
                assert any(s in text for s in stems), (pattern.pattern[:60], text)
    assert checked > 1000
    assert necessary_literals(r"\bdelvis\s+(?:\w+\s+)?(?:klar|nått)\b|\bviss\s+x") == {"delvis", "viss"}
    assert necessary_literals(r"(?:a|\w+)b?") is None


def test_status_verbs_of_the_late_families_are_read():
    """Forms only the late families know ("biföll", "saknades", "beslutas i") were once skipped by a hand-written
    list of cue stems that lacked them."""
    from plantrace.nlp_models.status import status_match

    assert status_match("Kommunfullmäktige biföll motionen om fria resor.").status == "done"
    assert status_match("Vid kontrollen saknades attest i två fall.").status == "not_done"
    assert status_match("Den nya taxan beslutas i fullmäktige i höst.").status == "ongoing"


def test_the_report_back_on_an_assignment_approved_is_done_a_years_report_approved_is_no_status():
    from plantrace.nlp_models.status import status_match

    assert status_match("Återrapporten om parkeringsnormen godkänns.").status == "done"
    assert status_match("Redovisning av uppdraget om skolskjutsar läggs till handlingarna.").status == "done"
    assert status_match("Nämnden godkänner delårsrapporten för tertial 2.").status == "unknown"


@pytest.mark.parametrize("text, status", [
    ("Kulturförvaltningen: −2,4 mnkr mot budget", "not_done"),
    ("Fritidsnämnden gick 1,3 mnkr över budget under året.", "not_done"),
    ("Helårsprognosen visar ett resultat som är 3 mnkr bättre än budget.", "ongoing"),
    ("Resultatet blev 6 mnkr bättre än budget.", "done"),
    ("Investeringarna upparbetades till 45 procent.", "partial"),
    ("Av de åtta kontrollerna i planen har sex genomförts.", "partial"),
    ("Åtgärder klara: 4 av 4", "done"),
    ("Alla skolor utom en nådde målet för läsförståelse.", "partial"),
    ("Fritidsnämnden överskred sin budget med 2,2 mnkr.", "not_done"),
    ("Lokalkostnaderna blev 3 mnkr högre än budgeterat.", "not_done"),
    ("Räntekostnaderna blev 1,1 mnkr lägre än budget.", "done"),
    ("Ombyggnaden av simhallen är klar till 60 procent.", "partial"),
    ("Av de 30 planerade platserna har 18 färdigställts.", "partial"),
])
def test_status_read_from_a_budget_deviation_a_share_done_and_all_but_some(text, status):
    from plantrace.nlp_models.status import read_status

    assert read_status(text).status == status


@pytest.mark.parametrize("text", [
    "Resultatet är sämre än budget men målet för soliditet nås ändå.",  # the "men" turns it: the words decide
    "Etapp två av fyra är klar.",  # an ordinal, no share
    "Avvikelse i 3 av 15 stickprov.",  # a share of faults: the words decide
    "Kommunen hamnade på plats 40 av 290.",
    "Ingen nämnd överskred sin budgetram.",  # negated: the words decide
    "Arbetet är påbörjat men inte genomfört till hälften.",
])
def test_figures_that_give_no_status_of_their_own(text):
    from plantrace.nlp_models.status import figures_read

    assert figures_read(text) is None


@pytest.mark.parametrize("text, status", [
    # not to the full: some of it was done
    ("Ombyggnaden av fritidsgården har inte kunnat slutföras fullt ut under året.", "partial"),
    ("Nämnden har inte kunnat korta väntetiderna till boende i den omfattning som planerats.", "partial"),
    # an outcome and a target as labelled cells, each its own sentence
    ("Mått: Andel digitala ansökningar. Utfall: 64 %. Målvärde: 70 %.", "not_done"),
    ("Mått: Antal besök på biblioteket per invånare. Utfall: 7,2. Målvärde: 6,5.", "done"),
    # work going on as it should
    ("Pågår, inga avvikelser", "ongoing"),
])
def test_status_of_work_not_done_in_full_labelled_figures_and_work_going_on(text, status):
    from plantrace.nlp_models.status import against_target, status_match

    match = status_match(text)  # the rules, not the model (which has seen such phrases)
    assert (match if match.strength != "none" else against_target(text)).status == status
