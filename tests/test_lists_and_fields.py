"""Lists, fields and clauses in layouts the held-out sets r49xx and r50xx showed plantrace misreading: bullets a
transcript wrote as the letter of a symbol font, each bullet standing alone over its explanation, priorities named
as bare areas, an area's goals run together under a line that introduces the council's goals, a letterhead's fields
under a title about goals, and assignments to a body named by its letters or by its own name. Each signal has
variants and a case where the same shape means something else. All text is invented."""

from __future__ import annotations

import pytest

from plantrace.extract import extract_text
from plantrace.extract.text_reader import read_text


def _goals(text: str) -> list[str]:
    return [g.text.rstrip(".") for g in extract_text(text).goals]


def _assignments(text: str) -> list[str]:
    return [a.text.rstrip(".") for a in extract_text(text).assignments]


# --- a symbol font's bullet written as a letter; each bullet alone over its explanation ---------------------------

@pytest.mark.parametrize("mark", ["p", "l", "n", "v"])
def test_letter_bullets_each_over_its_explanation(mark):
    text = ("Nya mål för Åby\n\nMajoriteten har i sin plan för 2025–2028 valt tre prioriterade områden:\n"
            f"{mark} Ett rikt föreningsliv.\n"
            "Målet är att fler unga ska delta i en förening. Kommunen ser föreningarna som en nyckel.\n"
            f"{mark} Trygga bostadsområden.\n"
            "Ordföranden lyfter belysning och närvaro av vuxna, och varje stadsdel ska få en trygghetsvandring.\n"
            f"{mark} En stark skola.\n"
            "Skolan ska ha behöriga lärare i alla ämnen, enligt planen.\n\n"
            "Planen beslutas av fullmäktige i juni.\n")
    assert _goals(text) == ["Ett rikt föreningsliv", "fler unga ska delta i en förening", "Trygga bostadsområden",
                            "En stark skola"]


def test_a_letter_opening_one_line_only_stays_a_letter():
    # one line opening on "n" may be an abbreviation's letter: only a letter opening two lines or more is a bullet
    one = [line.text for line in read_text("Tabell 4\nn Antal svar 312\nKälla: enkäten\n").lines]
    two = [line.text for line in read_text("Tabell 4\nn Antal svar 312\nn Andel svar 64 %\n").lines]
    assert one[1] == "n Antal svar 312" and two[1:3] == ["• Antal svar 312", "• Andel svar 64 %"]


def test_a_stated_goal_over_a_paragraph_keeps_the_list_reading():
    # a bullet that states a goal ("… ska …"): the paragraph under it is no explanation of a name
    text = ("För målområde Tillväxt har fullmäktige antagit målet\n\n• Åby ska ha 12 000 invånare år 2030.\n\n"
            "Varje mål har två till fem mått som fullmäktige följer upp.\n\n"
            "Utöver dessa har fullmäktige antagit ett mål för god ekonomisk hushållning:\n\n"
            "• Sjukfrånvaron ska minska.\n")
    assert _goals(text) == ["Åby ska ha 12 000 invånare år 2030", "Sjukfrånvaron ska minska"]


# --- priorities named as bare areas are no goals; a list of states to reach under the same words is -----------------

def test_priority_areas_named_bare_are_no_goals():
    text = ("Detta vill majoriteten prioritera\n\nMajoritetens prioriterade områden för mandatperioden är:\n\n"
            "• Näringsliv och turism\n• Skola\n• Äldreomsorg\n• Klimat och miljö\n\n"
            "Hur går ni vidare med områdena?\n\n"
            "– Varje höst beslutar fullmäktige om uppdrag inom områdena, säger kommunalrådet Eva Ek (C).\n")
    assert _goals(text) == []


def test_priority_areas_worded_as_states_to_reach_are_goals():
    text = ("Detta vill majoriteten prioritera\n\nMajoritetens prioriterade områden för mandatperioden är:\n\n"
            "• Fler i arbete\n• En trygg äldreomsorg\n• Minska utsläppen från transporter\n")
    assert _goals(text) == ["Fler i arbete", "En trygg äldreomsorg", "Minska utsläppen från transporter"]


# --- an area's goals run together under a line that introduces the council's goals ---------------------------------

def test_an_areas_goals_run_together_under_an_introduction_of_goals():
    text = ("Budget 2026\n\nSå här ser kommunfullmäktiges mål ut:\n"
            "Målen är grupperade i två perspektiv; invånare och ekonomi.\n"
            "Invånare\n"
            "Åby är en kommun där alla ska känna sig välkomna. Barn och unga ska ha en trygg uppväxt. "
            "Äldre ska kunna bo kvar hemma så länge de vill.\n")
    goals = extract_text(text).goals
    assert [g.text for g in goals] == ["Åby är en kommun där alla ska känna sig välkomna",
                                       "Barn och unga ska ha en trygg uppväxt",
                                       "Äldre ska kunna bo kvar hemma så länge de vill"]
    assert {g.level for g in goals} == {"council"}


def test_an_areas_description_over_its_labelled_goal_is_no_goal():
    # the area's prose under the previous area's "Mål" label: the goals are the labelled lines, not the prose
    text = ("Målområden med gemensamma resultatmål\n\n"
            "Fullmäktige har beslutat om målområden med gemensamma resultatmål för 2024–2027.\n\n"
            "Barn och unga\n\nAlla barn ska ha goda uppväxtvillkor. Vi skapar förutsättningar för en aktiv fritid.\n\n"
            "Mål\n\nBarns psykiska hälsa ska förbättras.\n\n"
            "Samhällsbyggnad\n\nEn god planering är grunden för utveckling. I Åby ska planeringen bygga på hållbar "
            "tillväxt. Vi ska erbjuda varierade boendeformer. Planeringen ska vara rättvis.\n\n"
            "Mål\n\nFler ska vilja bo i Åby.\n")
    goals = _goals(text)
    assert "Fler ska vilja bo i Åby" in goals and "Barns psykiska hälsa ska förbättras" in goals
    assert not any("planeringen" in g.lower() or "boendeformer" in g for g in goals)


# --- a letterhead's fields under a title about goals -------------------------------------------------------------

@pytest.mark.parametrize("fields", ["3 TJÄNSTESKRIVELSE Datum: Kansliet Dnr: 2024/ Anna Berg",
                                    "2 Tjänsteskrivelse Dnr: KS 2023/114 Handläggare: Per Ek"])
def test_a_letterheads_fields_are_no_goal(fields):
    text = (f"Verksamhetsplan och mål 2025\n\n{fields} Till kommunstyrelsen Bakgrund Fullmäktige antog i mars en "
            "plan med mål för vad som ska uppnås under perioden.\n")
    assert not any("tjänsteskrivelse" in g.lower() for g in _goals(text))


# --- assignments to a body named by its letters, or by its own name ------------------------------------------------

@pytest.mark.parametrize("body", ["VGS", "ÖKF"])
def test_an_assignment_to_a_body_named_by_its_letters(body):
    text = ("Sammanträdesprotokoll 2 (20) Västra Gymnasieförbundet AU 12/2024 Lokaler för vuxenutbildning - hyror "
            f"Arbetsutskottet har tagit del av informationen och {body} får i uppdrag att bereda ärendet till budgeten.\n")
    assert _assignments(text) == [f"{body} får i uppdrag att bereda ärendet till budgeten"]


@pytest.mark.parametrize("company", ["ÅbyBostäder", "Åby Energi AB"])
def test_an_assignment_to_a_company_by_its_name(company):
    text = ("Kommunstyrelsen 3 maj\n\nHär är några av besluten:\n"
            f"§ 41 Nya lägenheter i Byn – uppdrag till {company} att ta fram underlag för nya hyresrätter i Byn.\n"
            "§ 42 Medlemskap i Stråkgruppen – kommunen ansöker om medlemskap\n")
    assert _assignments(text) == [f"uppdrag till {company} att ta fram underlag för nya hyresrätter i Byn"]


# --- a short title over a list of assignments ends a list of goals -------------------------------------------------

@pytest.mark.parametrize("title", ["Övergripande uppdrag:", "Politiska uppdrag 2026:"])
def test_a_short_title_of_assignments_under_an_empty_list_of_goals(title):
    text = ("Så arbetar Åby med Agenda 2030\n\nFullmäktige har valt tre av målen och gett fyra uppdrag.\n\n"
            f"Prioriterade mål:\n\n{title}\n\n • Alla elever ska nå målen i svenska.\n"
            " • Åby ska ha ett gott företagsklimat.\n\nHur ska arbetet mätas?\n")
    doc = extract_text(text)
    assert [a.text.rstrip(".") for a in doc.assignments] == ["Alla elever ska nå målen i svenska",
                                                             "Åby ska ha ett gott företagsklimat"]
    assert not doc.goals


# --- activities told with their status in a predicate ------------------------------------------------------------

def test_activities_told_with_their_status():
    text = ("Kommunstyrelsen i korthet\n\nRapport om målkortet\nStyrelsen fick en rapport om läget efter tertial 2. "
            "Bland annat rapporterades följande aktiviteter:\n\n"
            " • Framtagandet av en cykelplan är ej påbörjat\n"
            " • Revideringen av avfallsplanen pågår och ska antas i december\n"
            " • Upphandlingen av skolskjuts har genomförts. Avtalet gäller från juli.\n"
            " • Förslag till lokalförsörjningsplan är framtaget\n\nÖvriga ärenden\n")
    doc = extract_text(text)
    assert [a.text for a in doc.assignments] == ["Framtagandet av en cykelplan", "Revideringen av avfallsplanen",
                                                 "Upphandlingen av skolskjuts", "Förslag till lokalförsörjningsplan"]
    assert [(f.refers_to, f.status) for f in doc.followups] == [
        ("Framtagandet av en cykelplan", "not_done"), ("Revideringen av avfallsplanen", "ongoing"),
        ("Upphandlingen av skolskjuts", "done"), ("Förslag till lokalförsörjningsplan", "done")]


def test_bullets_with_status_words_under_another_introduction_are_no_activities():
    # the same predicates under an introduction of what happened in town: no list of tasks
    text = ("Nyheter från Åby\n\nHär är veckans händelser i korthet:\n\n"
            " • Ombyggnaden av torget pågår fram till maj\n • Isbanan vid skolan är klar\n")
    assert extract_text(text).assignments == []


# --- a list of something other than goals ends the section about goals ----------------------------------------------

def test_a_list_of_bodies_under_a_title_about_goals_is_no_goal():
    text = ("Övergripande ekonomiskt mål\n\nMedel är avsatta för att nå resultatmålen för budget 2026.\n\n"
            " • Årets resultat ska vara minst 2 procent av skatteintäkterna\n"
            " • Investeringarna ska till minst 70 procent finansieras med egna medel\n\n"
            "Driftbudgeten är 512 miljoner kronor för 2026.\n\n"
            "Från 2025 har Åby en ny politisk organisation med färre nämnder.\n\n"
            "Organisationen utgörs av följande politiska organ:\n\n"
            " • Kommunfullmäktige\n • Kommunstyrelse (11 procent av budgeten)\n • Omsorgsnämnd (44 procent av budgeten)\n")
    assert _goals(text) == ["Årets resultat ska vara minst 2 procent av skatteintäkterna",
                            "Investeringarna ska till minst 70 procent finansieras med egna medel"]


# --- a population target is a goal wherever it is said --------------------------------------------------------------

@pytest.mark.parametrize("said,goal", [
    ("År 2035 ska det bo 18 000 invånare i kommunen.", "År 2035 ska det bo 18 000 invånare i kommunen"),
    ("Målet är att Åby ska ha mer än 9 500 invånare till år 2030.", "Åby ska ha mer än 9 500 invånare till år 2030"),
    ("Kommunen ska växa till 22 000 invånare år 2040!", "Kommunen ska växa till 22 000 invånare år 2040")])
def test_a_population_target_in_a_web_pages_prose(said, goal):
    text = (f"Bo och leva i Åby\n\nÅby ligger vid sjön och har nära till stan. {said} Vi bygger därför nya "
            "bostäder i alla tätorter.\n\nKontakta oss\n")
    assert goal in _goals(text)


@pytest.mark.parametrize("said", ["Kommunen hade 12 400 invånare år 2020 och växer långsamt.",
                                  "Visionen är att Åby ska ha 9 500 invånare år 2030, ett tryggt och grönt Åby.",
                                  "Hur många invånare ska Åby ha år 2030? Det frågar sig många.",
                                  "Nya bostäder ska byggas i alla tätorter, där 3 000 invånare bor idag."])
def test_a_population_figure_that_sets_no_target(said):
    assert _goals(f"Bo och leva i Åby\n\n{said}\n") == []


# --- goals counted in a sentence, then named one by one over what each means ---------------------------------------

@pytest.mark.parametrize("count,names", [("tre", ["Trygg uppväxt", "Växande näringsliv", "Klimatsmart kommun"]),
                                         ("två", ["Nöjda invånare", "Hållbar ekonomi"])])
def test_goals_counted_in_a_sentence_then_named_over_their_meaning(count, names):
    parts = "".join(f"{n}\n\nÅby arbetar för att {n.lower()} ska prägla allt kommunen gör, i varje verksamhet och "
                    "i samarbete med andra.\n\n" for n in names)
    text = (f"Mål och budget\n\nVi arbetar mot fullmäktiges mål\n\nKommunfullmäktige har beslutat om {count} "
            f"övergripande utvecklingsmål.\n\n{parts}När nämnderna gör sina budgetar beslutar de egna mål i linje "
            "med fullmäktiges.\n")
    goals = extract_text(text).goals
    assert [(g.text, g.level) for g in goals] == [(n, "council") for n in names]


# --- measurable goals each closed by the year to reach them ---------------------------------------------------------

def test_bullets_closed_by_the_year_to_reach_them_are_goals():
    text = ("Praktiska lösningar för Åby\n\nHär nedan anger vi de mätbara mål vi arbetar för under mandatperioden. "
            "Årtalen inom parentes anger när målet senast ska vara nått.\n\nSkolan\n\n"
            " • Minst 90 % av eleverna i Åby är behöriga till gymnasiet (2027)\n"
            " • Alla skolor har en fritidsgård i närheten (2026)\n"
            " • Minst 80 % av föräldrarna är nöjda med informationen från skolan\n\n"
            "Äldre\n\n • Alla på särskilt boende har en egen kontaktperson (2026).\n"
            " • Väntetiden till särskilt boende är kortare än 60 dagar (2027)\n • minst 70 % av de äldre\n")
    assert _goals(text) == ["Minst 90 % av eleverna i Åby är behöriga till gymnasiet",
                            "Alla skolor har en fritidsgård i närheten",
                            "Minst 80 % av föräldrarna är nöjda med informationen från skolan",
                            "Alla på särskilt boende har en egen kontaktperson",
                            "Väntetiden till särskilt boende är kortare än 60 dagar"]


def test_a_list_with_a_year_here_and_there_is_no_list_of_goals():
    text = ("Historik\n\n • Skolan byggdes om efter branden (1998)\n • Biblioteket flyttade till torget\n"
            " • Simhallen fick en ny bassäng\n • Idrottshallen renoverades\n")
    assert _goals(text) == []


def test_a_plans_tasks_that_name_a_status_word_are_no_activities_told():
    # "Utreda hur … genomförs": a task opening on its verb, the status word inside it no status told
    text = ("Nämndens uppdrag 2026\n\nNämnden har fått följande uppdrag:\n\n • Utreda hur skolskjutsen genomförs\n"
            " • Se över hur arbetet med lokalerna påbörjas\n • Ta fram en plan för fler bostäder\n")
    assert [a.text for a in extract_text(text).assignments] == ["Utreda hur skolskjutsen genomförs",
                                                                "Se över hur arbetet med lokalerna påbörjas",
                                                                "Ta fram en plan för fler bostäder"]
    assert extract_text(text).followups == []
