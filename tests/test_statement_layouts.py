"""Goals and assignments written as sentences, in layouts a held-out set of real openings (r45xx) showed plantrace
missing: an activity's name over the goals set for it, list items that complete the sentence their list opens
with, a statement that opens on its year, goals named in a sentence that counts them, the body a goal is given to
on the line below it, and the words that announce a goal ("Målet är att …"). Each signal has variants in
different wordings and a case where the same shape means something else. All text is invented."""

from __future__ import annotations

import pytest

from plantrace.extract import extract_text
from plantrace.identify import identify


def _goals(text: str) -> list[str]:
    return [g.text.rstrip(".") for g in extract_text(text).goals]


def _assignments(text: str) -> dict[str, list[str]]:
    return {a.text.rstrip("."): a.responsible for a in extract_text(text).assignments}


# --- an activity's name over the goals set for it: each sentence a goal, the name none -------------------------

AREAS = [
    ("Mål för nämndens verksamheter", [
        ("Kultur", ["Biblioteken ska vara öppna för alla invånare sex dagar i veckan.",
                    "Kulturskolan ska nå fler barn i ytterområdena."]),
        ("Idrott och fritid", ["Idrottsanläggningarna ska hålla god standard."]),
        ("Turism", ["Besöksnäringen ska växa med fem procent om året.",
                    "Vandringslederna ska vara skyltade och underhållna.",
                    "Informationen till besökare ska finnas på tre språk."]),
    ]),
    ("Verksamhetens mål 2026", [
        ("Hemtjänst", ["Varje brukare ska möta högst tolv personal under två veckor."]),
        ("Särskilt boende", ["Väntetiden till ett boende ska vara kortare än 60 dagar.",
                             "Alla boende ska ha en aktuell genomförandeplan."]),
    ]),
]


@pytest.mark.parametrize("title,areas", AREAS, ids=["culture", "care"])
def test_activity_names_over_goal_sentences(title, areas):
    text = f"Kultur- och fritidsnämnden\n\nNämnden ansvarar för verksamheten.\n\n{title}\n\n"
    for name, said in areas:
        text += f"{name}\n\n{' '.join(said)}\n\n"
    text += "Kontakt\n\nKultur- och fritidsförvaltningen\n"
    goals = _goals(text)
    expected = [s.rstrip(".") for _, said in areas for s in said]
    assert goals == expected
    assert not {name for name, _ in areas} & set(goals)


def test_goal_names_over_their_explanation_stay_the_goals():
    """Names worded as goals ("En trygg kommun", "Bra service") over statements: the names are the goals."""
    text = ("Kommunfullmäktiges mål\n\nEn trygg kommun\n\nAlla ska kunna röra sig fritt i kommunen. Brotten ska minska.\n\n"
            "Bra service\n\nKommunen ska svara på frågor inom en dag.\n\nKontakt\n\nKommunstyrelsen\n")
    goals = _goals(text)
    assert goals[:2] == ["En trygg kommun", "Bra service"]
    assert "Brotten ska minska" not in goals


# --- list items that complete the sentence their list opens with ------------------------------------------------

@pytest.mark.parametrize("intro,marker", [
    ("Miljönämnden ska arbeta för att:", "•"),
    ("Under perioden ska vi:", "-"),
    ("Kommunstyrelsen ska under 2026 verka för att:", "–"),
])
def test_lower_case_items_complete_a_statement(intro, marker):
    items = ["minska utsläppen från kommunens fordon.", "skydda sjöarna mot övergödning.",
             "Kommunens egna byggnader ska bli fossilfria.", "göra det lätt att sortera avfall."]
    lines = [f"{marker} {item}" for item in items]
    text = "Nämndens mål\n\n" + intro + "\n\n" + "\n".join(lines) + "\n\nKontakt\n\nMiljöförvaltningen\n"
    assert _goals(text) == [i.rstrip(".") for i in items]


def test_lower_case_items_after_a_list_of_means_are_no_goals():
    text = ("Nämndens mål\n\nFler ska välja cykeln.\n\nDet gör vi genom:\n\n• nya cykelbanor längs infarterna.\n"
            "• cykelställ vid skolorna.\n\nKontakt\n\nTekniska förvaltningen\n")
    goals = _goals(text)
    assert "Fler ska välja cykeln" in goals
    assert not any(g.startswith(("nya cykelbanor", "cykelställ")) for g in goals)


# --- a statement that opens on its year --------------------------------------------------------------------------

def test_goal_statements_that_open_on_a_year():
    text = ("Fullmäktiges mål\n\n• 2028 ska alla skolor ha solpaneler på taket.\n• Vi ska bygga 80 nya bostäder om året.\n"
            "• 2030 skall kommunens fordon gå på förnybart bränsle.\n\nEkonomi\n\nBudgeten är i balans.\n")
    assert _goals(text) == ["2028 ska alla skolor ha solpaneler på taket", "Vi ska bygga 80 nya bostäder om året",
                            "2030 skall kommunens fordon gå på förnybart bränsle"]


# --- goals named in a sentence that counts them ------------------------------------------------------------------

@pytest.mark.parametrize("sentence,names", [
    ("Fullmäktige har fastställt fyra mål för hur kommunen ska utvecklas: en trygg kommun för alla åldrar, "
     "en kommun där företag växer, ett rikt kulturliv samt en hållbar kommun.",
     ["en trygg kommun för alla åldrar", "en kommun där företag växer", "ett rikt kulturliv", "en hållbar kommun"]),
    ("Det finns tre mål som styr arbetet under perioden: en skola i toppklass, en omsorg med hög kvalitet "
     "och en attraktiv kommun att bo i.",
     ["en skola i toppklass", "en omsorg med hög kvalitet", "en attraktiv kommun att bo i"]),
])
def test_goals_named_where_a_sentence_counts_them(sentence, names):
    text = f"Förord\n\nDen här planen visar hur pengarna ska användas. {sentence} Målen gäller alla nämnder.\n"
    goals = _goals(text)
    assert goals == names


def test_adjectives_sharing_one_noun_are_no_list_of_goals():
    text = ("Förord\n\nVi har två mål för perioden: en stark och en grön kommun. Målen gäller alla nämnder.\n")
    assert not {"en stark", "en grön kommun"} & set(_goals(text))


def test_areas_a_sentence_counts_are_no_goals():
    text = ("Förord\n\nDet finns tre mål som styr arbetet: barn och unga, arbete och näringsliv samt livsmiljö. "
            "Målen gäller alla nämnder.\n")
    assert _goals(text) == []


# --- the body a goal is given to, on the line below it -----------------------------------------------------------

@pytest.mark.parametrize("style", ["bullet_period", "numbered_no_period", "bullet_mixed"])
def test_goal_items_with_their_body_below_are_also_assignments(style):
    items = [("Fyra nya förskolor ska vara byggda 2027.", "kommunstyrelsen"),
             ("Alla elever ska ha tillgång till en egen dator.", "barn- och utbildningsnämnden"),
             ("Detaljplanen för hamnområdet ska vara antagen 2026.", "byggnadsnämnden")]
    lines = []
    for k, (item, body) in enumerate(items):
        lines.append(f"{k + 1}. {item}" if style == "numbered_no_period" else f"• {item}")
        end = "" if style == "numbered_no_period" or style == "bullet_mixed" and k == 0 else "."
        lines.append(f"Uppdrag till {body}{end}")
    text = ("Fullmäktiges mål 2026–2028\n\nUtvecklingsperspektiv\n\nKommunen ska växa. Detta gör vi genom att:\n\n"
            + "\n".join(lines) + "\n\nEkonomiskt perspektiv\n\nKommunen ska ha en god ekonomisk hushållning.\n")
    goals = _goals(text)
    assigned = _assignments(text)
    for item, body in items:
        assert item.rstrip(".") in goals
        assert item.rstrip(".") in assigned
        assert assigned[item.rstrip(".")], f"{item}: no body given"
    assert not any(g.startswith("Uppdrag till") for g in goals)


def test_a_title_over_assignments_after_goals_marks_no_goal():
    text = ("Nämndens mål\n\n• Alla barn ska lära sig simma.\n• Fler ska läsa böcker.\n\nUppdrag till förvaltningen\n\n"
            "• Utreda behovet av en ny simhall.\n• Ta fram en läsfrämjande plan.\n\nEkonomi\n\nBudgeten är i balans.\n")
    assigned = _assignments(text)
    assert set(assigned) == {"Utreda behovet av en ny simhall", "Ta fram en läsfrämjande plan"}
    assert {"Alla barn ska lära sig simma", "Fler ska läsa böcker"} <= set(_goals(text))


# --- the words that announce a goal are not its wording ----------------------------------------------------------

def test_goal_announced_by_malet_ar_att():
    text = ("Fullmäktiges mål\n\nKommunen ska växa.\n\nMålet är att vi 2030 ska vara 20 000 invånare.\n\n"
            "Ekonomi\n\nBudgeten är i balans.\n")
    goals = _goals(text)
    assert "vi 2030 ska vara 20 000 invånare" in goals
    assert not any(g.startswith("Målet är att") for g in goals)


def test_an_aim_in_the_infinitive_keeps_its_announcement():
    from plantrace.extract.walk import goal_wording
    assert goal_wording("Målsättningen är att minska kostnaderna med 3 mnkr.") == \
        "Målsättningen är att minska kostnaderna med 3 mnkr."
    assert goal_wording("Målet är att alla elever ska kunna simma.") == "alla elever ska kunna simma."


# --- a text that says what its municipality is ------------------------------------------------------------------

def test_municipality_said_of_itself():
    text = ("Strategisk plan 2026–2028\n\nFörord\n\nPlanen visar hur pengarna ska användas. Tranås är framtidens "
            "och möjligheternas kommun. Det är visionen som pekar ut riktningen.\n")
    assert identify(text).municipality == "Tranås"


def test_a_municipality_compared_with_is_not_the_text_s_own():
    text = ("Strategisk plan 2026–2028\n\nFörord\n\nPlanen visar hur pengarna ska användas. Vi jämför oss med "
            "Nässjö som är en större kommun.\n")
    assert identify(text).municipality is None


# --- a goal named after a colon in running text -----------------------------------------------------------------

@pytest.mark.parametrize("sentence,goal,level", [
    ("Måttet följs upp i fullmäktiges strategi och är kopplat till inriktningsmålet: Invånarna får snabba svar "
     "på sina frågor. Läs mer i strategin.", "Invånarna får snabba svar på sina frågor", "council"),
    ("Utfallet för året redovisas i nämndens plan under effektmålet: Alla barn lär sig simma före tio års ålder. "
     "Källa: egen mätning.",
     "Alla barn lär sig simma före tio års ålder", None),
])
def test_goal_named_after_a_colon_in_running_text(sentence, goal, level):
    text = f"Nyckeltal 2025\n\nAndel som får svar inom en dag\n\n{sentence}\n"
    goals = {g.text.rstrip("."): g.level for g in extract_text(text).goals}
    assert goal in goals
    if level:
        assert goals[goal] == level


def test_a_goal_label_line_is_not_read_twice():
    text = "Nämndens mål\n\nEffektmål: Alla barn lär sig simma före tio års ålder.\n\nEkonomi\n\nBudgeten är i balans.\n"
    goals = [g.text.rstrip(".") for g in extract_text(text).goals]
    assert goals.count("Alla barn lär sig simma före tio års ålder") == 1


def test_a_measure_s_field_naming_its_goal_gives_no_goal():
    text = ("Nämndens mål\n\nBesökarna ska vara nöjda med anläggningarna\n\nMått kopplat till målet: Andel nöjda "
            "besökare i simhallen.\n\nÖnskat läge: Över 80 procent.\n")
    goals = [g.text.rstrip(".") for g in extract_text(text).goals]
    assert "Andel nöjda besökare i simhallen" not in goals


# --- goals named only in a contents list run into one paragraph (a transcript's opening) -------------------------

def test_labelled_goals_in_a_run_on_contents_list():
    text = ("Mål och budget 2026\n\nInnehåll Förord 3 1 Styrmodell 4 2 Strategiska områden 6 2.1 Inriktningsmål Alla "
            "barn ska lyckas i skolan ... 7 2.2 Inriktningsmål Äldre ska kunna bo kvar hemma ... 9 2.2.1 Prioriterat mål "
            "Fler trygghetsboenden ... 10 3 Ekonomi 12\n\n1 Styrmodell\n\nKommunen styrs genom mål och budget.\n")
    goals = {g.text: g for g in extract_text(text).goals}
    assert set(goals) == {"Alla barn ska lyckas i skolan", "Äldre ska kunna bo kvar hemma", "Fler trygghetsboenden"}
    assert goals["Fler trygghetsboenden"].level == "sub"
    assert goals["Fler trygghetsboenden"].parent == goals["Äldre ska kunna bo kvar hemma"].id


def test_goal_statements_in_a_run_on_contents_list_across_paragraphs():
    text = ("Budget 2027 med plan 2028–2029\n\nInnehållsförteckning ORDFÖRANDENS ORD 2 INVÅNARE 5 Invånarna ska känna "
            "sig trygga i hela kommunen 5 Servicen ska vara lätt att nå ... 6 MEDARBETARE 8 Kommunen ska vara en\n\n"
            "attraktiv arbetsgivare ... 9 EKONOMI 12 Resultatbudget 13 Investeringar 15\n\nORDFÖRANDENS ORD\n\n"
            "Året blir ett år av stora investeringar.\n")
    assert sorted(_goals(text)) == sorted(["Invånarna ska känna sig trygga i hela kommunen",
                                           "Servicen ska vara lätt att nå", "Kommunen ska vara en attraktiv arbetsgivare"])


def test_a_contents_list_is_read_once_where_the_body_states_its_goals():
    text = ("Verksamhetsplan\n\nInnehåll Inledning 2 Nämndens mål 3 Alla elever ska nå målen i alla ämnen 3 Skolan ska "
            "vara trygg 4 Ekonomi 6\n\nNämndens mål\n\n• Alla elever ska nå målen i alla ämnen.\n• Skolan ska vara trygg.\n"
            "\nEkonomi\n\nBudgeten är i balans.\n")
    assert _goals(text) == ["Alla elever ska nå målen i alla ämnen", "Skolan ska vara trygg"]


@pytest.mark.parametrize("text", [
    # a five-year overview run together after the contents' title: figures, not entries
    "Årsredovisning 2025\n\nInnehåll Fem år i sammandrag Årets resultat, mkr 7,6 3,1 12,4 5,0 2 Soliditet, % 41,2 "
    "40,1 39,8 38,5 3 Nettokostnad, mkr 537,4 523,6 499,7 4 Invånare ska vara nöjda 5\n",
    # assignments listed in the contents are no goals
    "Verksamhetsplan 2026\n\nInnehåll Inledning 2 Uppdrag 3 Socialnämnden uppdras att ta fram en plan för hemlösheten "
    "... 3 Socialnämnden uppdras att minska placeringarna ... 4 Ekonomi 6\n",
])
def test_run_on_text_that_is_no_contents_of_goals(text):
    assert _goals(text) == []


# --- a measure table whose header cells wrap one a line (a web page's table flattened to text) -------------------

@pytest.mark.parametrize("first,groups", [("Prestationstal", True), ("Nyckeltal", False), ("Mått", True)])
def test_header_cells_one_a_line(first, groups):
    rows = [("Antal deltagare i simskolan", ["212", "198", "230", "240"]),
            ("Antal besök i sporthallen", ["41 300", "39 870", "45 000", "44 120"]),
            ("Andel nöjda besökare, procent", ["81,5", "79,0", "85,0", "83,2"])]
    text = "Fritidsverksamhet\n\nÅret präglades av renoveringen av badhuset.\n\n" \
           f"{first} Utfall\n2023\nUtfall\n2024\nBudget\n2025\nUtfall\n2025\n"
    for k, (name, values) in enumerate(rows):
        if groups and k in (0, 2):
            text += ("Badhuset\n" if k == 0 else "Övrigt\n")
        text += f"{name} {' '.join(values)}\n"
    doc = extract_text(text)
    got = {i.name: [(v.kind, v.year, v.raw) for v in i.values] for i in doc.indicators}
    assert set(got) == {name for name, _ in rows}
    assert got["Antal besök i sporthallen"] == [("actual", 2023, "41 300"), ("actual", 2024, "39 870"),
                                               ("target", 2025, "45 000"), ("actual", 2025, "44 120")]
    assert not {"Badhuset", "Övrigt"} & {g.text for g in doc.goals}


def test_a_kind_word_alone_under_a_header_is_a_group_not_a_column():
    text = ("Nyckeltal Utfall 2024 Målvärde 2025\nResultat\nAndel elever med godkända betyg 78 80\n"
            "Andel elever som känner sig trygga 88 90\n")
    got = {i.name: [(v.kind, v.year, v.raw) for v in i.values] for i in extract_text(text).indicators}
    assert got["Andel elever med godkända betyg"] == [("actual", 2024, "78"), ("target", 2025, "80")]


# --- a list the indicators follow up is a list of goals -------------------------------------------------------

def test_the_goals_indicators_follow_up_are_no_indicators():
    text = ("Våra mål\n\nRent vatten\n\nVattnet i sjöarna ska vara rent.\n\nIndikatorerna följer upp de två målen:\n\n"
            "• Uppnå god status i alla sjöar till år 2030\n• Minska utsläppen av fosfor\n\nIndikatorer:\n\n"
            "Andel sjöar med god ekologisk status\n")
    names = {i.name for i in extract_text(text).indicators}
    assert "Uppnå god status i alla sjöar till år 2030" not in names
    assert "Minska utsläppen av fosfor" not in names


# --- a goal-follow-up platform's pages: names over codes ------------------------------------------------------

def test_a_measure_named_over_its_code_with_a_description_below():
    text = ("Resultat\n\nCyklande skolbarn\n\nIndikator TR.2.1\n\nHär mäter vi hur stor andel av eleverna som cyklar "
            "till skolan minst tre dagar i veckan.\n\nTrend: Utvecklingen går åt rätt håll\n"
            "Senaste värdet: 34 %2024\n\n"
            "Andel resor med kollektivtrafik\n\nIndikator TR.2.2\n\nAndel av alla resor i kommunen som görs med buss "
            "eller tåg.\n\nSenaste värdet: 18 %2024\n")
    got = {i.name.rstrip("."): [(v.kind, v.raw) for v in i.values] for i in extract_text(text).indicators}
    assert "Cyklande skolbarn" in got and got["Cyklande skolbarn"] == [("actual", "34 %")]
    # a sentence that is the measure's definition stays its name
    assert "Andel av alla resor i kommunen som görs med buss eller tåg" in got


def test_a_label_alone_over_coded_goals_heads_the_section():
    text = ("Klimat och energi\n\nKommunen ska minska sina utsläpp.\n\nDelmål\n\nFossilfria transporter\n\n"
            "Delmål KE.1.1\n\nKommunens fordon ska gå på förnybara bränslen senast 2030.\n\nMåluppfyllelse: Delmålet "
            "kan uppnås\n\nEnergieffektiva lokaler\n\nDelmål KE.1.2\n\n"
            "Energianvändningen i kommunens lokaler ska minska "
            "med 20 procent.\n\nMåluppfyllelse: Delmålet är uppnått\n")
    goals = [g.text.rstrip(".") for g in extract_text(text).goals]
    assert "Kommunens fordon ska gå på förnybara bränslen senast 2030" in goals
    assert "Energianvändningen i kommunens lokaler ska minska med 20 procent" in goals
    assert not {"Fossilfria transporter", "Energieffektiva lokaler"} & set(goals)


# --- a status table a web page flattened one cell a line -------------------------------------------------------

@pytest.mark.parametrize("icons", [True, False])
def test_status_table_one_cell_a_line(icons):
    rows = [("Inventera kommunens våtmarker", "Pågår", "2027", "Miljö- och hälsoskyddsnämnden"),
            ("Ta fram en plan för dagvatten", "Avslutad", "2025", "Tekniska nämnden, Stadsbyggnadsnämnden"),
            ("Anlägg två nya fågelsjöar", "Ej påbörjad", "2028", "Kultur- och fritidsnämnden")]
    text = "Vatten och våtmarker\n\nKommunen ska värna sina vatten.\n\nUppdrag Status Slutår Ansvar\n\n"
    for k, (task, status, year, who) in enumerate(rows):
        cells = ([status, str(k)] if icons else []) + [task, status, year, who]
        text += "\n\n".join(cells) + "\n\n"
    text += "Miljömål VA.3\nSenast ändrad: 2025-03-01\n"
    doc = extract_text(text)
    got = {a.text: a.responsible for a in doc.assignments}
    assert set(got) == {r[0] for r in rows}
    assert got["Inventera kommunens våtmarker"] == ["Miljö- och hälsoskyddsnämnden"]
    assert got["Ta fram en plan för dagvatten"] == ["Tekniska nämnden", "Stadsbyggnadsnämnden"]
    status = {f.refers_to: f.status for f in doc.followups}
    assert status == {"Inventera kommunens våtmarker": "ongoing", "Ta fram en plan för dagvatten": "done",
                      "Anlägg två nya fågelsjöar": "not_done"}


def test_names_joined_by_a_hyphen_and_och_are_one_body():
    from plantrace.extract.walk import split_names
    from plantrace.extract.vocabulary import names_bodies
    assert split_names("Kultur- och fritidsnämnden, KS och TN") == ["Kultur- och fritidsnämnden", "KS", "TN"]
    assert names_bodies("Kultur- och fritidsnämnden, KS och TN")
    assert not names_bodies("alla") and not names_bodies("Park") and not names_bodies("Skogsvård och friluftsliv")


def test_intended_directions_under_a_goal_are_its_sub_goals():
    text = ("Avfall\n\nMål\n\nMindre avfall\n\nMål AV.2.1\n\nÅr 2030 har hushållens avfall minskat med en fjärdedel.\n\n"
            "Viljeinriktningar\n\nÅterbruk\n\nViljeinriktning AV.2.3\n\nUnderlätta återbruk av möbler och kläder.\n\n"
            "Matsvinn\n\nViljeinriktning AV.2.4\n\nMinska matsvinnet i kommunens kök.\n\nUppdaterad: 2025-02-01\n")
    goals = {g.text.rstrip("."): g.level for g in extract_text(text).goals}
    assert goals.get("År 2030 har hushållens avfall minskat med en fjärdedel")
    assert goals.get("Underlätta återbruk av möbler och kläder") == "sub"
    assert goals.get("Minska matsvinnet i kommunens kök") == "sub"
    assert not {"Återbruk", "Matsvinn", "Mindre avfall"} & set(goals)
