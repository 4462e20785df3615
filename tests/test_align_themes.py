"""Themes beyond social services: goals, assignments and indicators of other committees (utbildning, kultur och
fritid, teknik, miljö och bygg, äldreomsorg, arbetsmarknad, kommunstyrelsen) get the theme a reader would give
them, and everyday words of those documents do not pull in a social-services theme.

Every sentence here is invented for the test, in the wording such documents use.
"""

from __future__ import annotations

import pytest

from plantrace.align import cache
from plantrace.align import themes as themes_module
from plantrace.align.themes import THEMES, assign_themes, assign_themes_many, theme_label


def _themes(text: str) -> list[str]:
    return [t for t, _, _ in assign_themes(text)]


# (text, the theme that must come first) — at least three per theme, from more than one committee
FIRST = [
    ("Andelen invånare som bedömer sitt allmänna hälsotillstånd som gott ska öka.", "public_health"),
    ("Andelen elever som är fysiskt aktiva minst en timme om dagen ska öka.", "public_health"),
    ("Skillnaderna i medellivslängd mellan kommundelarna ska minska.", "public_health"),
    ("Folkhälsoarbetet ska inriktas på goda levnadsvanor.", "public_health"),
    ("Kommunen ska förbättra sin placering i rankingen av företagsklimat.", "business"),
    ("Antalet nystartade företag per 1 000 invånare ska öka.", "business"),
    ("Besöksnäringen ska växa med fler gästnätter.", "business"),
    ("Fler arbetstillfällen ska skapas i det privata näringslivet.", "business"),
    # förskola och skola (barn- och utbildningsnämnd)
    ("Alla barn ska erbjudas plats i förskolan inom fyra månader från ansökan.", "education"),
    ("Andelen legitimerade förskollärare ska öka.", "education"),
    ("Meritvärdet i årskurs 9 ska förbättras jämfört med föregående läsår.", "education"),
    ("Fler elever ska ta examen från gymnasieskolan inom fyra år.", "education"),
    ("Vuxenutbildningen ska erbjuda fler yrkesutbildningar inom bristyrken.", "education"),
    ("Andelen elever med godkända betyg i alla ämnen ska öka.", "education"),
    # kultur och fritid
    ("Kulturskolan ska nå fler barn i alla kommundelar.", "culture_leisure"),
    ("Biblioteken ska utöka sina öppettider och stärka det läsfrämjande arbetet.", "culture_leisure"),
    ("Föreningslivet ska ha goda förutsättningar och ändamålsenliga idrottsanläggningar.", "culture_leisure"),
    ("Antalet besök på fritidsgårdarna ska öka.", "culture_leisure"),
    ("Ett nytt badhus ska stå klart under planperioden.", "culture_leisure"),
    ("Kulturlivet ska vara tillgängligt för invånare i hela kommunen.", "culture_leisure"),
    # samhällsbyggnad, teknik och trafik (bygg- och miljönämnd, tekniska nämnden, kommunstyrelsen)
    ("Planberedskapen ska motsvara minst tre års bostadsbyggande.", "community_planning"),
    ("Handläggningstiden för bygglov ska vara högst tio veckor.", "community_planning"),
    ("Fler detaljplaner ska antas för verksamhetsmark.", "community_planning"),
    ("Andelen resor med kollektivtrafik och cykel ska öka.", "community_planning"),
    ("Underhållet av gator och vägnät ska säkerställas.", "community_planning"),
    ("Utbyggnaden av vatten och avlopp ska ske enligt plan.", "community_planning"),
    ("Fler ska känna sig trygga i sitt bostadsområde.", "community_planning"),
    # klimat och miljö
    ("Kommunens utsläpp av växthusgaser ska minska med hälften.", "climate_environment"),
    ("Mängden hushållsavfall per invånare ska minska.", "climate_environment"),
    ("Andelen förnybar energi i kommunens fastigheter ska öka.", "climate_environment"),
    ("Andelen ekologiska livsmedel i måltidsverksamheten ska öka.", "climate_environment"),
    ("Miljötillsynen ska bedrivas enligt en behovsutredning.", "climate_environment"),
    # äldreomsorg
    ("Brukarnas nöjdhet med hemtjänsten ska öka.", "elderly_care"),
    ("Väntetiden till vård- och omsorgsboende ska minska.", "elderly_care"),
    ("Antalet fallskador bland äldre ska minska.", "elderly_care"),
    ("Personer med demenssjukdom ska erbjudas dagverksamhet.", "elderly_care"),
    # funktionsstöd (LSS)
    ("Fler personer med insats enligt LSS ska få arbete eller praktik.", "disability"),
    ("Andelen brukare i daglig verksamhet som går vidare till anställning ska öka.", "disability"),
    ("Kön till servicebostad ska vara kortare än sex månader.", "disability"),
    # arbetsmarknad, integration och egen försörjning
    ("Andelen deltagare i arbetsmarknadsinsatser som går till arbete eller studier ska öka.", "income_support"),
    ("Antalet hushåll med långvarigt ekonomiskt bistånd ska minska.", "income_support"),
    ("Nyanlända ska snabbare komma i arbete eller studier.", "income_support"),
    ("Fler ungdomar ska erbjudas feriearbete under sommaren.", "income_support"),
    ("Fler nystartsjobb och extratjänster ska tillsättas i samverkan med Arbetsförmedlingen.", "income_support"),
    # placeringar (individ- och familjeomsorg), in other words than the sample plans
    ("Antalet placerade barn och unga ska minska.", "external_placements"),
    ("Kostnaderna för placeringar av barn ska minska.", "external_placements"),
    ("Antal placeringar enligt LVU och SoL ska följas upp varje kvartal.", "external_placements"),
    # bostäder för utsatta
    ("Fler hushåll ska få ett eget hyreskontrakt efter ett socialt kontrakt.", "homelessness"),
    ("Inga barnfamiljer ska vräkas från sin bostad.", "homelessness"),
    ("Antalet personer i akut hemlöshet ska minska.", "homelessness"),
    # trygghet, brottsförebyggande arbete och beredskap
    ("Antalet anmälda brott i centrum ska minska.", "crime_prevention"),
    ("Räddningstjänsten ska nå de flesta olyckor inom tio minuter.", "crime_prevention"),
    ("Kommunens krisberedskap ska stärkas inför höjd beredskap.", "crime_prevention"),
    ("Andelen invånare som känner otrygghet utomhus på kvällen ska minska.", "crime_prevention"),
    # barnets rättigheter
    ("Barnkonventionen ska tillämpas i alla beslut som rör barn.", "children_youth"),
    ("Barnets bästa ska utredas inför varje beslut om nedläggning av en verksamhet.", "children_youth"),
    ("Ett barnrättsperspektiv ska genomsyra budgetarbetet.", "children_youth"),
    # sjukfrånvaro och arbetsmiljö
    ("Sjukfrånvaron bland medarbetarna ska minska.", "sick_leave"),
    ("Det systematiska arbetsmiljöarbetet ska stärkas på alla arbetsplatser.", "sick_leave"),
    ("Kommunen ska ha ett hållbart arbetsliv med färre arbetsskador.", "sick_leave"),
    # kompetensförsörjning och medarbetare
    ("Kommunen ska säkra kompetensförsörjningen genom fler heltidsanställningar.", "staff_competence"),
    ("Andelen chefer med högst 30 underställda ska öka.", "staff_competence"),
    ("Medarbetarengagemanget (HME) ska öka.", "staff_competence"),
    ("Personalomsättningen bland socialsekreterare ska minska.", "staff_competence"),
    # ekonomi
    ("Resultatet ska uppgå till minst två procent av skatteintäkter och generella statsbidrag.", "economy"),
    ("Nämnden ska bedriva verksamheten inom tilldelad budgetram.", "economy"),
    ("Soliditeten ska förbättras under planperioden.", "economy"),
    # digitalisering
    ("Fler e-tjänster ska införas så att invånarna kan sköta sina ärenden digitalt.", "digitalisation"),
    ("Informationssäkerheten ska stärkas i samtliga verksamhetssystem.", "digitalisation"),
    ("Digitaliseringen av ärendehanteringen ska slutföras.", "digitalisation"),
    # kvalitet, nöjdhet och inflytande (medborgardialog och demokrati)
    ("Medborgardialoger ska genomföras inför större beslut.", "quality_satisfaction"),
    ("Valdeltagandet ska öka i alla valdistrikt.", "quality_satisfaction"),
    ("Invånarnas möjlighet till inflytande ska öka.", "quality_satisfaction"),
    ("Nöjd-Medborgar-Index (NMI) ska ligga över rikets genomsnitt.", "quality_satisfaction"),
]


@pytest.mark.parametrize("text,theme", FIRST, ids=[t[:40] for t, _ in FIRST])
def test_other_committees_get_their_theme_first(text, theme):
    result = assign_themes(text)
    assert result, text
    assert result[0][0] == theme, result
    assert result[0][2], "every match is explained by the cues that fired"


def test_each_theme_above_has_at_least_three_sentences():
    counts = {}
    for _text, theme in FIRST:
        counts[theme] = counts.get(theme, 0) + 1
    assert {"community_planning", "culture_leisure"} <= set(counts)
    assert min(counts.values()) >= 3, counts


def test_a_goal_spanning_two_areas_gets_both():
    assert {"education", "community_planning"} <= set(_themes("Trafiksäkerheten vid skolorna ska förbättras."))
    assert {"education", "staff_competence"} <= set(
        _themes("Rekryteringen av lärare och förskollärare ska underlättas."))
    assert {"elderly_care", "digitalisation"} <= set(_themes("Välfärdsteknik ska användas i hemtjänsten."))
    assert {"psychiatry", "disability"} <= set(
        _themes("Personer med psykiatrisk funktionsnedsättning ska erbjudas boendestöd."))
    assert {"culture_leisure", "quality_satisfaction"} <= set(
        _themes("Andelen invånare som är nöjda med kultur- och fritidsutbudet ska öka."))


# Everyday words of other committees' documents that look like a social-services cue.
NOT = [
    ("Kostnaderna kan variera beroende på volym.", "addiction"),  # "beroende på" is not dependence
    ("Resultatet är oberoende av volymen.", "addiction"),
    ("Hemtjänsten i egen regi ska ha samma kvalitet som hos privata utförare.", "external_placements"),
    ("Måltidsverksamheten i egen regi ska öka andelen närproducerade råvaror.", "external_placements"),
    ("Alla barn ska erbjudas förskoleplacering inom fyra månader.", "external_placements"),
    ("Skolplaceringen ska vara klar före terminsstart.", "external_placements"),
    ("Kommunens placering i rankingen av företagsklimatet ska förbättras.", "external_placements"),
    ("Placeringar av överskottslikviditet ska följa finanspolicyn.", "external_placements"),
    ("Vård och omsorg i hemmet ska prioriteras före särskilt boende.", "external_placements"),
    ("Kommunen ska bygga upp ett gemensamt arbetssätt för uppföljning.", "community_planning"),
    ("Antalet anmälda våldsbrott ska minska.", "violence"),  # violent crime is not violence in close relationships
    ("Kontroll av behörigheter i verksamhetssystemen ska göras två gånger per år.", "education"),
    ("Kommunen ska vara en lärande organisation.", "education"),
    ("Driftavbrott i vattenförsörjningen ska minimeras.", "crime_prevention"),
    ("Enligt gängse rutiner ska avvikelser rapporteras.", "crime_prevention"),
    ("Verksamheten ska bedrivas i en trygg och stimulerande miljö.", "climate_environment"),
    ("Det goda företagsklimatet ska behållas.", "climate_environment"),
    ("Vi ska ha ett gott arbetsklimat.", "climate_environment"),
    ("Vi jobbar vidare med att förenkla rutinerna för attestering.", "income_support"),
    ("Biståndshandläggningen inom äldreomsorgen ska bli mer enhetlig.", "income_support"),
    ("Kulturbärande ledarskap ska genomsyra organisationen.", "culture_leisure"),
    ("Fler ska känna sig trygga i sitt bostadsområde.", "homelessness"),
    ("Bostadsbyggandet ska öka i alla kommundelar.", "homelessness"),
]


@pytest.mark.parametrize("text,theme", NOT, ids=[t[:40] for t, _ in NOT])
def test_false_friends_do_not_pull_in_a_theme(text, theme):
    assert theme not in _themes(text)


@pytest.mark.parametrize("text", [
    "Nämnden konstaterar att målet är delvis uppfyllt.",
    "Vägledningen i kontaktcenter ska förbättras.",
    "Antalet motioner som besvaras inom ett år ska öka.",
    "Handlingsplanen ska revideras under året.",
    "Nämnden ska redovisa resultatet av planerade aktiviteter.",
])
def test_general_administrative_text_gets_no_theme(text):
    assert assign_themes(text) == []


def test_batch_and_single_agree_on_other_committees_texts():
    texts = [t for t, _ in FIRST[:12]] + [NOT[0][0]]
    assert assign_themes_many(texts) == [assign_themes(t) for t in texts]


def test_new_themes_have_swedish_labels():
    assert theme_label("culture_leisure") == "Kultur och fritid"
    assert "Samhällsplanering" in theme_label("community_planning")
    assert all(t["label"][0].isupper() for t in THEMES)


def test_changed_themes_invalidate_the_normalisation_cache(monkeypatch):
    """Cached theme matches are only reused while the theme list is the one they were computed with."""
    before = cache.cache_version()
    changed = THEMES + ({"id": "test_only", "label": "Test", "cues": ("provtema",)},)
    monkeypatch.setattr(themes_module, "THEMES", changed)
    assert cache.cache_version() != before
