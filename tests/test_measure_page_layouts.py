"""Layouts of goal pages and measure tables that held-out real openings (r46xx, r47xx) showed plantrace missing,
each with variants in different wordings and a case where the same shape means something else. All text is
invented."""

from __future__ import annotations

import pytest

from plantrace.extract import extract_text


def _goals(text: str) -> list[str]:
    return [g.text.rstrip(".") for g in extract_text(text).goals]


def _values_by_name(text: str) -> dict[str, list[tuple]]:
    return {i.name: [(v.kind, v.year, v.value) for v in i.values] for i in extract_text(text).indicators}


# --- a goal worded as what to do, right over the table of its measures (a goal system's web page) ---------------

GOAL_OVER_TABLE = [
    ("Öka andelen resor med kollektivtrafik",
     "Mått Utfall Målvärde\nResor per invånare 112 130\nNöjda resenärer 71 % 75 %\n"),
    ("Minska energianvändningen i kommunens lokaler",
     "Indikator Utfall 2024 Målvärde 2025\nKilowattimmar per kvadratmeter 148 140\nAndel förnybar el 88 % 100 %\n"),
    ("Utveckla dialogen med kommunens företagare",
     "Mätetal Resultat Mål\nFöretagarträffar per år 6 8\nNöjd-kund-index företag 68 72\n"),
]


@pytest.mark.parametrize("goal,table", GOAL_OVER_TABLE)
def test_a_goal_worded_as_what_to_do_over_its_measures_table(goal, table):
    doc = extract_text(f"{goal}\n\n{table}")
    assert [g.text for g in doc.goals] == [goal]
    names = [i.name for i in doc.indicators]
    assert len(names) == 2 and goal not in names


def test_a_table_title_that_names_the_table_is_no_goal():
    doc = extract_text("Nyckeltal för kollektivtrafiken\n\nMått Utfall Målvärde\nResor per invånare 112 130\n"
                       "Nöjda resenärer 71 % 75 %\n")
    assert doc.goals == [] and len(doc.indicators) == 2


# --- one word after the values on several rows is an unnamed column, not each name's rest -----------------------

def test_a_repeated_word_after_the_values_is_no_part_of_the_names():
    doc = extract_text("Mått Utfall Målvärde\nResor per invånare 112 130 visa\nNöjda resenärer 71 % 75 % visa\n"
                       "Antal pendlarparkeringar 240 300\n")
    assert [i.name for i in doc.indicators] == ["Resor per invånare", "Nöjda resenärer", "Antal pendlarparkeringar"]


def test_a_name_wrapped_after_its_values_keeps_its_rest():
    doc = extract_text("Mått Utfall Målvärde\nAndel elever som har 64 % 70 % behörighet till gymnasiet\n"
                       "Andel nöjda vårdnadshavare 81 % 85 %\n")
    assert [i.name for i in doc.indicators][0] == "Andel elever som har behörighet till gymnasiet"


# --- an environmental programme's numbered goals ("Miljömål 2 <statement>") -------------------------------------

@pytest.mark.parametrize("text,goal", [
    ("Miljömål 2 Luften i kommunen ska vara så ren att den inte skadar människor eller natur.\n\nIndikatorer\n",
     "Luften i kommunen ska vara så ren att den inte skadar människor eller natur"),
    ("Miljömål 4: Sjöar och vattendrag ska ha god ekologisk status\n\nUtvecklingen följs med provtagning.\n",
     "Sjöar och vattendrag ska ha god ekologisk status"),
])
def test_a_numbered_environmental_goal_is_a_council_goal(text, goal):
    goals = extract_text(text).goals
    assert [g.text.rstrip(".") for g in goals] == [goal] and goals[0].level == "council"


def test_a_title_on_environmental_goals_and_more_is_no_goal():
    assert _goals("Miljömål och miljöarbete\n\nKommunen redovisar här arbetet under året med fokus på energi.\n") == []


# --- the goals a list of indicators follows up, listed after "Indikatorerna följer upp de två målen:" -------------

def test_the_goals_indicators_follow_up_are_goals():
    text = ("Det här är våra mål\n\nRent vatten\n\nVattnet i sjöarna ska hålla god kvalitet.\n\n"
            "Indikatorerna följer upp de två målen:\n\n  • Minska utsläppen av fosfor till sjöarna\n"
            "  • Alla enskilda avlopp ska vara godkända år 2030\n\nIndikatorer:\n\nAndel godkända avlopp\n")
    goals = _goals(text)
    assert "Minska utsläppen av fosfor till sjöarna" in goals
    assert "Alla enskilda avlopp ska vara godkända år 2030" in goals
    assert "Andel godkända avlopp" not in goals


def test_indicators_listed_for_a_goal_are_no_goals():
    text = ("Rent vatten\n\nVattnet i sjöarna ska hålla god kvalitet.\n\nIndikatorer för målet:\n\n"
            "  • Andel godkända avlopp\n  • Fosforhalt i sjöarna\n")
    assert _goals(text) == ["Vattnet i sjöarna ska hålla god kvalitet"]


def test_a_goal_said_with_the_verb_first():
    text = ("Kommentar\n\nAndelen har ökat under flera år. Från och med 2026 är målsättningen att minst hälften av "
            "maten i skolorna ska vara ekologisk.\n")
    assert _goals(text) == ["minst hälften av maten i skolorna ska vara ekologisk"]


# --- a survey's measures asked as questions, in the shapes web pages flatten them to -----------------------------

def test_questions_over_a_line_of_their_figures():
    text = ("Samhällsutveckling\n\nMått Resultat 2019 Medelvärde 2019 Bästa/sämsta\nresultat i undersökningen\n"
            "Resultat 2018\n\n"
            "Hur många nya företag har startats per 1000 invånare i kommunen? (antal nya företag)\n\n"
            "5,1 6,0  12,9/1,7 4,4\n\n"
            "Hur högt är sjukpenningtalet bland kommunens invånare?\n\n6,1 6,6  3,9/10,4 -\n\n"
            "Hur stor är andelen inköpta ekologiska livsmedel? (%)\n\n21 25  44/3 18\n")
    assert _values_by_name(text) == {
        "Hur många nya företag har startats per 1000 invånare i kommunen":
            [("actual", 2019, 5.1), ("comparison", 2019, 6.0), ("actual", 2018, 4.4)],
        "Hur högt är sjukpenningtalet bland kommunens invånare": [("actual", 2019, 6.1), ("comparison", 2019, 6.6)],
        "Hur stor är andelen inköpta ekologiska livsmedel":
            [("actual", 2019, 21.0), ("comparison", 2019, 25.0), ("actual", 2018, 18.0)],
    }


def test_numbered_questions_with_their_figures_one_a_paragraph():
    text = ("Delaktighet (KKiK)\n\nMått delaktighet\n\nNorrby\n\n 2023\n\nMedel\n2023\n\n\nNorrby\n\n 2022\n\n"
            "Nr 4, Hur god är kommunens information på webben (andel av maxpoäng, i %)?\n\n88\n\n81\n\n\n85\n\n"
            "Nr 5, Hur väl kan invånarna delta i kommunens utveckling (andel av maxpoäng, i %)?\n\n64\n\n58\n\n\n60\n")
    assert _values_by_name(text) == {
        "Hur god är kommunens information på webben":
            [("actual", 2023, 88.0), ("comparison", 2023, 81.0), ("actual", 2022, 85.0)],
        "Hur väl kan invånarna delta i kommunens utveckling":
            [("actual", 2023, 64.0), ("comparison", 2023, 58.0), ("actual", 2022, 60.0)],
    }


def test_numbered_rows_glued_to_their_names_and_figures():
    text = ("Arbete och företagande:\nMåttÅr20222023\n"
            "41Andelen av kommunens invånare 20-64 år som har arbete.(%)78,479,0\n"
            "42Hur många nya företag har startats per 1000 invånare? (Antal)6,26,8\n"
            "43Hur stor andel av företagen är nöjda med kommunens service? (%)7174\n")
    inds = extract_text(text).indicators
    assert [i.name for i in inds] == ["Andelen av kommunens invånare 20-64 år som har arbete",
                                      "Hur många nya företag har startats per 1000 invånare",
                                      "Hur stor andel av företagen är nöjda med kommunens service"]
    assert all(i.values == [] for i in inds)  # figures run together past telling apart


def test_a_measure_coded_in_several_parts_is_read_once_without_its_code():
    text = ("Indikatorer\n\nValdeltagande\n\nIndikator ABC.DE.4 Andel röstande av de röstberättigade\n"
            "Trend: Utvecklingen går åt rätt hållförbättring sedan 2010\nSenaste värdet: 81 %2022\n\n"
            "Tillit\n\nIndikator ABC.DE.5 Andel invånare som har tillit till andra\n"
            "Trend: Ingen förändringIngen förändring sedan 2012\nSenaste värdet: 70 %2022\n")
    assert [(i.name, [(v.year, v.value) for v in i.values]) for i in extract_text(text).indicators] == [
        ("Andel röstande av de röstberättigade", [(2022, 81.0)]),
        ("Andel invånare som har tillit till andra", [(2022, 70.0)])]


def test_a_wrapped_sentences_last_word_is_no_label():
    text = ("Nämndens åtgärd\tKoppling till styrdokument\nMinska energianvändningen\tHandlingsplan för kommunens\n\n"
            "miljömål.\n\nNämndens grunduppdrag\n\nNämnden ansvarar för individ- och familjeomsorgen.\n")
    assert _goals(text) == []
