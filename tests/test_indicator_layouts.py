"""Indicators, actions and controls in layouts other municipalities' documents use (issue 13).

Every fixture here is invented (own goals, names and figures) in a real structure: styrkort rows flattened to
text with their cells run together, labelled indicator lines, values broken into fragments over short lines,
and action / internal-control tables whose columns come in any order, as tables, records or one cell a line."""

from __future__ import annotations

import pytest

from plantrace.extract import extract_text
from plantrace.extract.flattened import _row_values, parse_header, split_values


def _values(ind) -> list[tuple]:
    return [(v.kind, v.year, v.raw) for v in ind.values]


def _by_name(doc) -> dict:
    return {i.name: i for i in doc.indicators}


# ------------------------------------------------------------------------------------------------ flattened rows

FLAT_GLUED = """Verksamhetsplan 2017 för Kultur- och fritidsnämnden

Styrkort

Indikator Utfall 2014 Utfall 2015 Utfall 2016 Målvärde 2016
Mål: Alla barn ska kunna delta i en fritidsaktivitet
Andel barn som deltar i föreningsaktivitet-41 %44 %Minst 50 %
Andel elever i åk 4 som kan cykla säkert till
skolan 71 %69 %75 %Minst 80 %
Mål: Biblioteken ska nå fler unga läsare
Antal boklån per ung invånare3,23,43,1Minst 4,0
Källa: egen statistik

Texten efter tabellen handlar om något annat.
"""

FLAT_YEARS_BELOW = """Delårsrapport 2022 Tekniska nämnden

Utfall Utfall Målvärde
2021 2022 2022
Nöjd kundindex vatten71 72 Minst 75
Antal vattenläckor per år 31 27 Högst 25
Gatorna ska vara trygga att gå på även kvällstid.
Andel gatlampor som fungerar (%)96 %97 %Uppdateras
Nämnden följer utvecklingen.
"""

FLAT_BARE_YEARS = """Årsredovisning 2021 Omsorgsnämnden

Nyckeltal 2019 2020 2021 Mål 2022 Trend
Kostnad per brukare i hemtjänsten (kr)12 345 12 980 13 400 13 000 Minska
Andel brukare med fast omsorgskontakt (%)45,5 %47,0 %48,2 %50 %Öka
Antal fallolyckor per månad-1814-Minska
Kommentar: siffrorna för 2021 är preliminära.
"""


def test_flattened_rows_glued_percentages_and_goal_rows():
    d = extract_text(FLAT_GLUED, source="flat1.txt")
    ind = _by_name(d)
    assert set(ind) == {"Andel barn som deltar i föreningsaktivitet",
                        "Andel elever i åk 4 som kan cykla säkert till skolan",
                        "Antal boklån per ung invånare"}
    # "-" is an empty cell: no value; the others take the kind and year of their column, counted from the right
    assert _values(ind["Andel barn som deltar i föreningsaktivitet"]) == [
        ("actual", 2015, "41 %"), ("actual", 2016, "44 %"), ("target", 2016, "Minst 50 %")]
    assert [v.unit for v in ind["Andel barn som deltar i föreningsaktivitet"].values] == ["%", "%", "%"]
    assert _values(ind["Andel elever i åk 4 som kan cykla säkert till skolan"]) == [
        ("actual", 2014, "71 %"), ("actual", 2015, "69 %"), ("actual", 2016, "75 %"), ("target", 2016, "Minst 80 %")]
    # decimal commas glued together: "3,23,43,1" is three values of one size
    assert _values(ind["Antal boklån per ung invånare"]) == [
        ("actual", 2014, "3,2"), ("actual", 2015, "3,4"), ("actual", 2016, "3,1"), ("target", 2016, "Minst 4,0")]
    table = next(t for t in d.tables if t.kind == "indicator")
    assert table.header == ["Indikator", "Utfall 2014", "Utfall 2015", "Utfall 2016", "Målvärde 2016"]
    assert table.n_rows == 3  # goal rows, the header and the source note are no rows
    assert all(not i.name.startswith(("Mål", "Indikator", "Källa")) for i in d.indicators)


def test_flattened_header_with_years_on_the_next_line():
    d = extract_text(FLAT_YEARS_BELOW, source="flat2.txt")
    ind = _by_name(d)
    assert set(ind) == {"Nöjd kundindex vatten", "Antal vattenläckor per år", "Andel gatlampor som fungerar (%)"}
    assert _values(ind["Nöjd kundindex vatten"]) == [
        ("actual", 2021, "71"), ("actual", 2022, "72"), ("target", 2022, "Minst 75")]
    assert _values(ind["Antal vattenläckor per år"]) == [
        ("actual", 2021, "31"), ("actual", 2022, "27"), ("target", 2022, "Högst 25")]
    assert _values(ind["Andel gatlampor som fungerar (%)"]) == [
        ("actual", 2021, "96 %"), ("actual", 2022, "97 %"), ("target", 2022, "Uppdateras")]
    assert ind["Nöjd kundindex vatten"].direction is None  # a bound is a level, not a stated direction


def test_flattened_bare_years_space_thousands_and_trend():
    d = extract_text(FLAT_BARE_YEARS, source="flat3.txt")
    ind = _by_name(d)
    cost = ind["Kostnad per brukare i hemtjänsten (kr)"]
    assert _values(cost) == [("actual", 2019, "12 345"), ("actual", 2020, "12 980"), ("actual", 2021, "13 400"),
                             ("target", 2022, "13 000")]
    assert cost.values[0].value == 12345.0 and cost.direction == "decrease"
    share = ind["Andel brukare med fast omsorgskontakt (%)"]
    assert [v.value for v in share.values] == [45.5, 47.0, 48.2, 50.0] and share.direction == "increase"
    falls = ind["Antal fallolyckor per månad"]
    assert _values(falls) == [("actual", 2020, "18"), ("actual", 2021, "14")] and falls.direction == "decrease"
    assert len(d.indicators) == 3


def test_flattened_unit_column_with_the_name_on_the_line_above():
    text = ("Mått Enhet Utfall 2020 Utfall 2021 Medel Bäst\n"
            "Uppfyllt\n"
            "Väntetid till första besök i öppenvården\n"
            "Dagar, median Ned 14 12 18 6\n"
            "Delvis uppfyllt\n"
            "Besökare på badhuset per invånare\n"
            "Antal/inv Upp 3,1 3,4 2,9 5,0\n")
    d = extract_text(text, source="unit.txt")
    ind = _by_name(d)
    assert set(ind) == {"Väntetid till första besök i öppenvården", "Besökare på badhuset per invånare"}
    assert _values(ind["Besökare på badhuset per invånare"]) == [
        ("actual", 2020, "3,1"), ("actual", 2021, "3,4"), ("comparison", None, "2,9"), ("comparison", None, "5,0")]
    (table,) = [t for t in d.tables if t.kind == "indicator"]
    assert table.header == ["Mått", "Enhet", "Utfall 2020", "Utfall 2021", "Medel", "Bäst"]
    assert table.rows[0][:2] == ["Väntetid till första besök i öppenvården", "Dagar, median Ned"]


@pytest.mark.parametrize("text,n,name,values", [
    ("Antal deltagare i sommarlovsaktiviteter1 2041 3101 402", 3, "Antal deltagare i sommarlovsaktiviteter",
     ["1 204", "1 310", "1 402"]),
    ("Antal besök per öppetdag96118131", 3, "Antal besök per öppetdag", ["96", "118", "131"]),
    ("Andel elever i åk 9 88 %87 %", 3, "Andel elever i åk 9", ["88 %", "87 %"]),
    ("Budgetavvikelse (mnkr)-0,41,2-3,60", 4, "Budgetavvikelse (mnkr)", ["-0,4", "1,2", "-3,6", "0"]),
    ("Andel nöjda besökare (%)8891ÖkaDelvis uppfyllt", 4, "Andel nöjda besökare (%)",
     ["88", "91", "Öka", "Delvis uppfyllt"]),
    ("Antal barn 0–5 år i kö 42 38", 2, "Antal barn 0–5 år i kö", ["42", "38"]),
])
def test_glued_values_are_cut_by_column_count_and_shape(text, n, name, values):
    assert split_values(text, n) == (name, values)


@pytest.mark.parametrize("text,n,name,values", [
    # a PDF line that holds a wrapped name's rest after the values (a word processor set the row on one line)
    ("Andel hushåll som har7 %9 %Minst 10 % fått bostad inom ett år (%)", 3,
     "Andel hushåll som har fått bostad inom ett år (%)", ["7 %", "9 %", "Minst 10 %"]),
    ("Handläggningstid i veckor1211Max 10 för nya ansökningar", 3, "Handläggningstid i veckor för nya ansökningar",
     ["12", "11", "Max 10"]),
    # one number inside a sentence is no row
    ("Andel 7 år som börjar i skolan", 3, "Andel 7 år som börjar i skolan", []),
])
def test_name_rest_after_the_values(text, n, name, values):
    assert _row_values(text, n) == (name, values)


def test_header_lines():
    assert parse_header("Mått Utfall 2022 Utfall 2023 Jämförelse Riket 2023") is not None
    assert parse_header("Mål och nyckeltal Utfall 2022 Utfall 2023 Målvärde 2023 Status")[1] == [
        "Utfall 2022", "Utfall 2023", "Målvärde 2023", "Status"]
    assert parse_header("Mål: Alla ska ha en trygg uppväxt") is None
    assert parse_header("Resultat 2023 och 2024") is None
    assert parse_header("Utfall 2023") is None


def test_prose_with_numbers_is_no_flattened_table():
    text = "Nämndens budget\n\nUnder 2023 ökade antalet ärenden till 412 och kostnaderna till 12,5 mnkr.\n"
    assert extract_text(text, source="prose.txt").indicators == []


# ------------------------------------------------------------------------------------------------ tab tables with goal rows

TAB_GOAL_ROWS = (
    "Verksamhetsplan 2020 Utbildningsnämnden\n\nStyrkort\n\n"
    "Mål/Indikator\tUtfall 2018\tUtfall 2019\tMålvärde 2020\n"
    "Nämndmål 1: Alla elever ska nå kunskapskraven\t\t\t\n"
    "Andel elever med godkända betyg (%)\t81 %\t83 %\tMinst 85 %\n"
    "Nämndmål 2: Skolmiljön ska vara trygg\n"
    "Andel elever som känner sig trygga (%)\t88 %\t86 %\tMinst 90 %\n"
    "Skolan 2020            2\n"
    "Antal kränkningsanmälningar\t54\t61\tMinska\n"
)


def test_tab_table_goal_rows_and_page_furniture_between_rows():
    d = extract_text(TAB_GOAL_ROWS, source="tab.txt")
    ind = _by_name(d)
    assert set(ind) == {"Andel elever med godkända betyg (%)", "Andel elever som känner sig trygga (%)",
                        "Antal kränkningsanmälningar"}
    assert ind["Antal kränkningsanmälningar"].direction == "decrease"
    assert len([t for t in d.tables if t.kind == "indicator"]) == 1


def test_goal_column_before_the_indicator_column():
    text = ("Styrkort 2016\n\nNämndmål\tIndikator\tUtfall 2015\tMålvärde 2016\n"
            "Fler ska resa hållbart\tAndel resor med cykel (%)\t12 %\t15 %\n"
            "\tAntal nya laddplatser\t40\t60\n")
    ind = _by_name(extract_text(text, source="goalcol.txt"))
    assert set(ind) == {"Andel resor med cykel (%)", "Antal nya laddplatser"}
    assert _values(ind["Antal nya laddplatser"]) == [("actual", 2015, "40"), ("target", 2016, "60")]


# ------------------------------------------------------------------------------------------------ labelled lines

LABELLED = """Verksamhetsplan 2024 Vård- och omsorgsnämnden

Nämndmål: Äldre ska känna sig trygga med hemtjänsten
Indikator: Andel brukare nöjda med hemtjänsten, målvärde minst 70 %
Mätetal: Antal hushåll med långvarigt försörjningsstöd. Utfall 2023: 412. Målvärde 2025: högst 380
Nyckeltal Väntetid till särskilt boende i dagar (mål: max 60 dagar)

Indikatorer:
• Andel elever som når målen i alla ämnen (målvärde 85 %)
• Antal anmälda skadegörelser (målvärde Minska)

Vanlig text efter listan, inte en indikator.
"""


def test_labelled_indicator_lines():
    d = extract_text(LABELLED, source="labels.txt")
    ind = _by_name(d)
    assert set(ind) == {"Andel brukare nöjda med hemtjänsten", "Antal hushåll med långvarigt försörjningsstöd",
                        "Väntetid till särskilt boende i dagar", "Andel elever som når målen i alla ämnen",
                        "Antal anmälda skadegörelser"}
    # a value without a year belongs to the one year the plan covers
    assert _values(ind["Andel brukare nöjda med hemtjänsten"]) == [("target", 2024, "minst 70 %")]
    assert ind["Andel brukare nöjda med hemtjänsten"].values[0].unit == "%"
    assert _values(ind["Antal hushåll med långvarigt försörjningsstöd"]) == [
        ("actual", 2023, "412"), ("target", 2025, "högst 380")]
    assert ind["Väntetid till särskilt boende i dagar"].values[0].unit == "dagar"
    assert ind["Antal anmälda skadegörelser"].direction == "decrease"
    assert ind["Andel brukare nöjda med hemtjänsten"].direction is None
    goal = next(g for g in d.goals if "trygga med hemtjänsten" in g.text)
    assert ind["Andel brukare nöjda med hemtjänsten"].goal == goal.id


def test_labelled_lines_glued_into_one_paragraph_by_hard_wrapping():
    prose = ("Nämnden arbetar vidare med de prioriteringar som beslutades under föregående år och\n"
             "följer upp dem löpande i samband med varje delårsrapport under verksamhetsåret.\n\n") * 12
    lines = ("Indikator: Andel medarbetare som rekommenderar sin arbetsplats, målvärde 75 %\n"
             "Indikator: Sjukfrånvaro bland tillsvidareanställda medarbetare, målvärde högst 6 %\n"
             "Indikator: Antal genomförda medarbetarsamtal per chef och år, målvärde 20\n")
    d = extract_text("Verksamhetsplan 2023\n\n" + prose + lines, source="wrapped.txt")
    ind = _by_name(d)
    assert set(ind) == {"Andel medarbetare som rekommenderar sin arbetsplats",
                        "Sjukfrånvaro bland tillsvidareanställda medarbetare",
                        "Antal genomförda medarbetarsamtal per chef och år"}
    assert _values(ind["Sjukfrånvaro bland tillsvidareanställda medarbetare"]) == [("target", 2023, "högst 6 %")]
    for i in d.indicators:  # each indicator points at its own line, not at the glued paragraph
        first, last = i.provenance.lines
        assert first == last and d.text.split("\n")[first].startswith("Indikator: " + i.name[:10])


# ------------------------------------------------------------------------------------------------ scattered cells

@pytest.mark.parametrize("pieces,word", [
    (["UPPD", "ATER", "AS"], "Uppdateras"),
    (["SAK", "NAS"], "Saknas"),
    (["Del", "vis"], "Delvis"),
])
def test_value_broken_over_short_lines_is_rejoined(pieces, word):
    text = ("Indikator\nUtfall\n2022\n\nMålvärde\n2023\n\nAndel ärenden som avslutas i tid\n\n"
            + "\n".join(pieces) + "\n\n85 %\n\nKälla: eget ärendesystem\n")
    d = extract_text(text, source="frag.txt")
    (ind,) = d.indicators
    assert ind.name == "Andel ärenden som avslutas i tid"
    assert _values(ind) == [("actual", 2022, word), ("target", 2023, "85 %")]


@pytest.mark.parametrize("note", ["Källa: Kolada", "Kommentar: data för 2023 saknas", "1) Ny indikator från 2023",
                                  "Data redovisas i samband med bokslutet", "Jämförelsevärde avser riket."])
def test_scattered_table_ends_at_a_note_line(note):
    text = ("Indikator\nUtfall\n2023\n\nMålvärde\n2024\n\nAndel nöjda föräldrar\n\n78 %\n\n80 %\n\n"
            f"{note}\n\nNästa stycke handlar om annat.\n")
    d = extract_text(text, source="note.txt")
    assert [i.name for i in d.indicators] == ["Andel nöjda föräldrar"]


# ------------------------------------------------------------------------------------------------ actions and controls

@pytest.mark.parametrize("header,row", [
    ("Åtgärd\tKoppling till styrdokument\tFörväntad effekt", "Införa e-tjänst för bygglov\tDigital agenda\tKortare handläggning"),
    ("Förväntad effekt\tAktivitet\tStyrdokument", "Kortare handläggning\tInföra e-tjänst för bygglov\tDigital agenda"),
    ("Koppling\tÅtgärd\tAnsvarig\tEffekt", "Digital agenda\tInföra e-tjänst för bygglov\tEnhetschef\tKortare handläggning"),
])
def test_action_columns_are_read_by_their_header(header, row):
    d = extract_text(f"Handlingsplan 2022\n\nÅtgärder\n\n{header}\n{row}\n", source="act.txt")
    (a,) = d.actions
    assert (a.text, a.linked_document, a.expected_effect) == (
        "Införa e-tjänst för bygglov", "Digital agenda", "Kortare handläggning")


CONTROL = {"area": "Ekonomi", "risk": "Risk för felaktiga utbetalningar", "control": "Kontroll av leverantörsbyten",
           "method": "Stickprov", "reporting": "Delår 2"}


@pytest.mark.parametrize("columns", [
    [("Kontrollområde", "area"), ("Risk", "risk"), ("Kontrollmoment", "control"), ("Metod", "method"),
     ("Rapportering", "reporting")],
    [("Riskbeskrivning", "risk"), ("Kontroll", "control"), ("Process", "area"), ("Frekvens", "reporting"),
     ("Kontrollmetod", "method")],
    [("Kontrollmoment", "control"), ("Ansvarig", None), ("Tidpunkt för rapportering", "reporting"),
     ("Område", "area"), ("Metod", "method"), ("Risk", "risk")],
])
def test_control_columns_are_read_by_their_header(columns):
    header = "\t".join(h for h, _ in columns)
    row = "\t".join(CONTROL[f] if f else "Controller" for _, f in columns)
    d = extract_text(f"Internkontrollplan 2021\n\n{header}\n{row}\n", source="ic.txt")
    (c,) = d.controls
    assert {f: getattr(c, f) for f in CONTROL} == CONTROL


def test_labelled_action_and_control_records():
    text = ("Handlingsplan 2019\n\nNämndmål: Fler ska hitta till biblioteket\n"
            "Åtgärd: Förlänga öppettiderna på lördagar\nStyrdokument: Biblioteksplan\n"
            "Förväntad effekt: Fler besök under helger\n"
            "Åtgärd: Starta läsecirklar för unga\nFörväntad effekt: Fler unga läsare\n\n"
            "Kontrollmoment: Kontroll av avtalstrohet\nRiskbeskrivning: Risk för inköp utanför avtal\n"
            "Kontrollområde: Upphandling\nMetod: Genomgång av fakturor\nTidpunkt för rapportering: Bokslut\n")
    d = extract_text(text, source="records.txt")
    assert [(a.text, a.linked_document, a.expected_effect) for a in d.actions] == [
        ("Förlänga öppettiderna på lördagar", "Biblioteksplan", "Fler besök under helger"),
        ("Starta läsecirklar för unga", None, "Fler unga läsare")]
    (c,) = d.controls
    assert (c.area, c.risk, c.control, c.method, c.reporting) == (
        "Upphandling", "Risk för inköp utanför avtal", "Kontroll av avtalstrohet", "Genomgång av fakturor", "Bokslut")


def test_control_table_with_one_cell_a_line():
    text = ("Internkontrollplan 2020\n\nRisk\nKontrollområde\nKontrollmoment\nMetod\n"
            "Risk för jäv vid beslut\nMyndighetsutövning\nKontroll av jävsdeklarationer\nStickprov\n"
            "3\nSOCIALNÄMNDEN\n"
            "Risk för felaktig lön\nLöner\nKontroll av löneändringar\nAttestlista\n")
    d = extract_text(text, source="cells.txt")
    assert [(c.area, c.risk, c.control, c.method) for c in d.controls] == [
        ("Myndighetsutövning", "Risk för jäv vid beslut", "Kontroll av jävsdeklarationer", "Stickprov"),
        ("Löner", "Risk för felaktig lön", "Kontroll av löneändringar", "Attestlista")]


# ------------------------------------------------------------------------------------------------ cards and runs
# (real structures seen on goal portals and KPI pages of other municipalities; all wording invented)

CARD_GLUED = """Miljöförvaltningen

Delmål KS.4.2

Indikatorer

Rena sjöar

IndikatorKS.4.2.1

Andel badplatser med godkänd vattenkvalitet

Trend: Trenden är positivTrenden är positiv
Senaste värdet: 93 %2022

Cykelvägar

IndikatorKS.4.2.7

Kilometer gång- och cykelväg per tusen invånare

Trend: Trenden är oförändradTrenden är oförändrad

Buller

IndikatorKS.4.2.9

Andel"""

CARD_SPACED = """Indikatorer

Läsande barn

Indikator 2040.3.1.2 Antal utlånade barnböcker per barn 0-12 år
Trend: Trenden är negativTrenden är negativ sedan 2015
Senaste värdet: 7,4 st./barn2021

Simkunniga elever

Indikator 2040.3.1.5 Andel elever i åk 6 som kan simma 200 meter
Senaste värdet: 88 %2020
"""

CARD_TARGET = """Socialnämnden

Trygg vård

Mått SN.2.1 Andel brukare som känner sig trygga med hemtjänsten
Målvärde: 90 %
Senaste utfall: 84 %2023

Snabb handläggning

Mått SN.2.3
Genomsnittlig handläggningstid för bistånd, dagar
Senaste utfall: 21 dagar2023
"""


def test_indicator_cards_with_glued_code_and_cut_off_card():
    d = extract_text(CARD_GLUED, source="cards.txt")
    ind = _by_name(d)
    assert list(ind) == ["Andel badplatser med godkänd vattenkvalitet", "Kilometer gång- och cykelväg per tusen invånare"]
    assert _values(ind["Andel badplatser med godkänd vattenkvalitet"]) == [("actual", 2022, "93 %")]
    assert "Rena sjöar" not in ind and "Delmål KS.4.2" not in ind
    # the sub-goal is named only by its code here: the "Indikatorer" label under it is not its wording
    assert [g.text for g in d.goals] == []


def test_indicator_cards_with_the_name_after_a_spaced_code():
    d = extract_text(CARD_SPACED, source="cards2.txt")
    ind = _by_name(d)
    assert list(ind) == ["Antal utlånade barnböcker per barn 0-12 år", "Andel elever i åk 6 som kan simma 200 meter"]
    assert _values(ind["Antal utlånade barnböcker per barn 0-12 år"]) == [("actual", 2021, "7,4 st./barn")]
    assert _values(ind["Andel elever i åk 6 som kan simma 200 meter"]) == [("actual", 2020, "88 %")]


def test_measure_cards_with_target_and_latest_outcome():
    d = extract_text(CARD_TARGET, source="cards3.txt")
    ind = _by_name(d)
    assert list(ind) == ["Andel brukare som känner sig trygga med hemtjänsten",
                         "Genomsnittlig handläggningstid för bistånd, dagar"]
    assert _values(ind["Andel brukare som känner sig trygga med hemtjänsten"]) == [
        ("target", None, "90 %"), ("actual", 2023, "84 %")]


@pytest.mark.parametrize("text, names", [
    ("Bilaga 2 Bra Godkänt Brister Tekniska nämnden Resultat S T1. Vägarna ska vara säkra för alla trafikanter "
     "N Antal olyckor med personskada på kommunala vägar N Andel gator som plogas inom sex timmar, "
     "N Nöjd medborgarindex gator och vägar S T2. Vattnet ska hålla god kvalitet N Antal anmärkningar på "
     "dricksvattenprov N Andel av ledningsnätet som förnyats under året, procent B. EKONOMI S B1. Ekonomin ska vara i "
     "balans N Budgetavvikelse netto, mnkr\n\nSlut på bilagan.\n",
     ["Antal olyckor med personskada på kommunala vägar", "Andel gator som plogas inom sex timmar",
      "Nöjd medborgarindex gator och vägar", "Antal anmärkningar på dricksvattenprov",
      "Andel av ledningsnätet som förnyats under året, procent", "Budgetavvikelse netto, mnkr"]),
    ("Kulturnämnden S 3.1 Fler ska ta del av kulturlivet N Antal besök på konsthallen, N Antal deltagare i "
     "kulturskolan, N Andel barn som besökt en teaterföreställning, S 3.2 Biblioteken ska vara öppna N Öppettimmar "
     "per vecka N Antal e-boklån per invånare, N Besökare per dag",
     ["Antal besök på konsthallen", "Antal deltagare i kulturskolan",
      "Andel barn som besökt en teaterföreställning", "Öppettimmar per vecka", "Antal e-boklån per invånare"]),
    ("Styrkort S K1. Alla ska känna sig välkomna N Hur nöjd är du med bemötandet? N Andel ärenden som besvaras "
     "samma dag N Antal klagomål per månad S K2. Personalen ska trivas N Sjukfrånvaro, procent N Medarbetarindex\n"
     "\nKommentar: uppgifterna avser helåret.\n",
     ["Hur nöjd är du med bemötandet?", "Andel ärenden som besvaras samma dag", "Antal klagomål per månad",
      "Sjukfrånvaro, procent", "Medarbetarindex"]),
])
def test_scorecard_run_with_row_type_letters(text, names):
    d = extract_text(text, source="coded.txt")
    assert [i.name for i in d.indicators] == names


def test_prose_with_single_letters_is_no_coded_run():
    text = ("Nämnden S och nämnden N samarbetar. Enligt bilaga S 2. ska N vara klar innan N får svar från S om "
            "budgeten och planen som gäller för hela året.\n")
    assert extract_text(text, source="prose.txt").indicators == []


@pytest.mark.parametrize("text, expected", [
    ("Service\n\nSvarstid e-post, andel som får svar inom ett dygn:\nKommunen 81 och riksmedel 86\n\n"
     "Öppettider på biblioteket, timmar per vecka:\n\nKommunen 44 och riksmedel 47\n",
     [("Svarstid e-post, andel som får svar inom ett dygn", [("actual", None, "81"), ("comparison", None, "86")]),
      ("Öppettider på biblioteket, timmar per vecka", [("actual", None, "44"), ("comparison", None, "47")])]),
    ("Jämförelser\n\nKostnad per elev i grundskolan, kr:\nSkogsby 112 400, länet 108 900, riket 110 200\n",
     [("Kostnad per elev i grundskolan, kr",
       [("actual", None, "112 400"), ("comparison", None, "108 900"), ("comparison", None, "110 200")])]),
    ("Trygghet\n\nAndel invånare som känner sig trygga utomhus på kvällen:\nVi 64 %; snittet 70 %\n",
     [("Andel invånare som känner sig trygga utomhus på kvällen", [("actual", None, "64 %"), ("comparison", None, "70 %")])]),
])
def test_name_with_colon_over_a_line_of_labelled_values(text, expected):
    d = extract_text(text, source="colon.txt")
    assert [(i.name, _values(i)) for i in d.indicators] == expected


def test_colon_line_over_prose_is_no_indicator():
    text = "Nämnden vill särskilt lyfta följande:\nArbetet med 12 skolor och 3 förskolor har gått bra.\n"
    assert extract_text(text, source="colonprose.txt").indicators == []


@pytest.mark.parametrize("text, name, values", [
    ("Jämför din kommun\n\nAndel nöjda besökare på biblioteket. %\n\nSkogsby 2021Snitt landetLägsta värdeHögsta värdeTrend\n\n"
     "74\n\n70,5\n\n52\n\n91\n\n»\n\nKommentar\n\nBiblioteket har fått fler besökare.\n",
     "Andel nöjda besökare på biblioteket", [("actual", 2021, "74"), ("comparison", None, "70,5"),
                                             ("comparison", None, "52"), ("comparison", None, "91")]),
    ("Kostnad för hemtjänst per brukare, kr\nÅsa 2019Medel alla kommunerLägstHögst\n245 000\n262 100\n180 300\n",
     "Kostnad för hemtjänst per brukare", [("actual", 2019, "245 000"), ("comparison", None, "262 100"),
                                          ("comparison", None, "180 300")]),
    ("Väntetid till särskilt boende. dagar\n\nBergby 2022Snitt KKiKSämstBäst\n\n48\n\n60\n",
     "Väntetid till särskilt boende", [("actual", 2022, "48"), ("comparison", None, "60")]),
])
def test_kpi_page_with_unit_tailed_name_and_glued_header(text, name, values):
    d = extract_text(text, source="kpi.txt")
    (ind,) = d.indicators
    assert (ind.name, _values(ind)) == (name, values)


@pytest.mark.parametrize("line, name", [
    ("Mått kopplat till målet: Andel abonnenter nöjda med sophämtningen.", "Andel abonnenter nöjda med sophämtningen."),
    ("Indikator för målet: Antal nya företag per tusen invånare", "Antal nya företag per tusen invånare"),
    ("Nyckeltal som följs upp: Kostnad per hushåll för vatten och avlopp", "Kostnad per hushåll för vatten och avlopp"),
])
def test_label_with_a_short_qualifier(line, name):
    text = f"Tekniska nämnden\n\nNämndens mål ska följas upp varje år\n\n{line}\n\nÖnskat läge: Över 8.\n"
    assert [i.name for i in extract_text(text, source="qual.txt").indicators] == [name.rstrip(".")]


def test_numbered_label_behind_a_source_with_own_and_comparison_values():
    text = ("Målet om god service\n\n"
            " • Enkät 2020 mått 1: Svar på e-post inom ett dygn, Skogsby: 71%, riksmedel: 84%\n"
            " • Enkät 2020 mått 2: Gott bemötande i telefon, Skogsby 88%, riksmedel: 80%\n"
            " • Jämförelse mått 3: Väntetid till förskoleplats, dagar, Skogsby 30, riket: 25\n")
    d = extract_text(text, source="prefixed.txt")
    assert [(i.name, _values(i)) for i in d.indicators] == [
        ("Svar på e-post inom ett dygn", [("actual", None, "71%"), ("comparison", None, "84%")]),
        ("Gott bemötande i telefon", [("actual", None, "88%"), ("comparison", None, "80%")]),
        ("Väntetid till förskoleplats, dagar", [("actual", None, "30"), ("comparison", None, "25")])]


# ------------------------------------------------------------------------------------------------ table fixes

def test_flattened_unit_cell_in_lower_case_is_not_part_of_the_name():
    text = ("Mått Enhet Utfall 2021 Utfall 2020 Medel\nUppfyllt\nKostnad per elev i grundskolan, kr/elev\n"
            "kr/elev Ingen 98 400 101 200 99 000\nDelvis uppfyllt\nAndel elever med godkända betyg (%)\n"
            "Andel, % Upp 81% 79% 80%\n")
    d = extract_text(text, source="unit.txt")
    assert [i.name for i in d.indicators] == ["Kostnad per elev i grundskolan, kr/elev",
                                              "Andel elever med godkända betyg (%)"]


def test_flattened_header_repeated_under_each_goal_with_equal_sign_targets():
    text = ("Nämndens mål: Alla ska kunna rösta nära hemmet\n\nIndikatorer Utfall 2021 Utfall 2022 Mål 2022\n\n"
            "Andel vallokaler med ramp 80% 85% = 100%\n\nDen sista lokalen byggs om under våren.\n\n"
            "Nämndens mål: Valarbetarna ska vara väl förberedda\n\nIndikatorer Utfall 2021 Utfall 2022 Mål 2022\n\n"
            "Andel valarbetare som har gått utbildningen före\n\nvalet 90% 94% = 100%\n")
    d = extract_text(text, source="eq.txt")
    ind = _by_name(d)
    assert list(ind) == ["Andel vallokaler med ramp", "Andel valarbetare som har gått utbildningen före valet"]
    assert _values(ind["Andel vallokaler med ramp"])[-1] == ("target", 2022, "= 100%")


def test_cells_per_line_names_differing_in_a_number_and_a_cut_off_last_row():
    text = ("Indikator\n\nMål\n\nAndel elever i åk 3 som läser enligt plan\n\nMinst 80 %\n\n"
            "Andel elever i åk 6 som läser enligt plan\n\nMinst 85 %\n\nAndel elever i åk 9 som")
    d = extract_text(text, source="digits.txt")
    assert [i.name for i in d.indicators] == ["Andel elever i åk 3 som läser enligt plan",
                                              "Andel elever i åk 6 som läser enligt plan"]


@pytest.mark.parametrize("sep", ["\n", "\n\n"])
def test_year_columns_one_cell_a_line_with_a_statistics_header(sep):
    """A statistics table (years, then a comparison or a target) with every cell on a line of its own, with or
    without blank lines: the values are typed by their column and ".." is no value."""
    lines = ["Arbetslösheten ska minska i kommunen.", "Titel", "2022", "2023", "2024", "Senaste år",
             "Andel unga vuxna i arbete eller studier, procent som är inskrivna", "71", "..", "74", "70",
             "Antal deltagare i kommunens arbetsmarknadsinsatser", "118", "131", "142", "-"]
    d = extract_text(sep.join(lines) + "\n", source="stats.txt")
    got = [(i.name, [(v.kind, v.year, v.raw) for v in i.values]) for i in d.indicators]
    assert got == [("Andel unga vuxna i arbete eller studier, procent som är inskrivna",
                    [("actual", 2022, "71"), ("actual", 2024, "74"), ("comparison", None, "70")]),
                   ("Antal deltagare i kommunens arbetsmarknadsinsatser",
                    [("actual", 2022, "118"), ("actual", 2023, "131"), ("actual", 2024, "142")])]


@pytest.mark.parametrize("text, n, cells", [
    ("Levande centrum Handeln i centrum ska öka Antal besökare en vanlig lördag", 3,
     ["Levande centrum", "Handeln i centrum ska öka", "Antal besökare en vanlig lördag"]),
    ("Fler företag i Mora kommun ska anlita kommunens rådgivning Nöjdhet med rådgivningen, NKI", 3,
     ["Fler företag i Mora kommun ska anlita kommunens rådgivning", "Nöjdhet med rådgivningen, NKI"]),
    ("Andel lärare med legitimation (Skolverkets Statistik) i grundskolan", 3,
     ["Andel lärare med legitimation (Skolverkets Statistik) i grundskolan"]),
    ("Skolan ska vara trygg. Andel elever som känner sig trygga", 2, ["Skolan ska vara trygg.", "Andel elever som känner sig trygga"]),
])
def test_cells_of_a_row_whose_text_cells_ran_together(text, n, cells):
    from plantrace.extract.flattened import split_run_cells
    assert split_run_cells(text, n) == cells


def test_flattened_rows_with_goal_columns_before_the_indicator():
    """"Målområde Mål Indikator Målvärde": a row holds its area, goal and indicator cells run together, then the
    target; a row with only an indicator stays under the goal above."""
    text = ("Perspektiv Mål Mått Utfall 2023 Målvärde 2025\n"
            "Medborgare Invånarna ska få svar snabbt Andel e-postfrågor som besvaras inom ett dygn, %61 %80 %\n"
            "Andel som får svar på en enkel fråga i telefon, %48 %60 %\n"
            "Ekonomi Nämnden ska hålla sin budget Budgetavvikelse i procent av nettokostnaden-0,4 %0 %\n")
    d = extract_text(text, source="perspektiv.txt")
    goals = {g.id: g.text for g in d.goals}
    assert sorted(goals.values()) == ["Ekonomi", "Invånarna ska få svar snabbt", "Medborgare", "Nämnden ska hålla sin budget"]
    got = [(i.name, goals.get(i.goal), [(v.kind, v.year, v.raw) for v in i.values]) for i in d.indicators]
    assert got == [
        ("Andel e-postfrågor som besvaras inom ett dygn, %", "Invånarna ska få svar snabbt",
         [("actual", 2023, "61 %"), ("target", 2025, "80 %")]),
        ("Andel som får svar på en enkel fråga i telefon, %", "Invånarna ska få svar snabbt",
         [("actual", 2023, "48 %"), ("target", 2025, "60 %")]),
        ("Budgetavvikelse i procent av nettokostnaden", "Nämnden ska hålla sin budget",
         [("actual", 2023, "-0,4 %"), ("target", 2025, "0 %")])]


@pytest.mark.parametrize("header", ["Kommunfullmäktiges mål Nämndens mål Indikator Utfall 2023 Målvärde 2024",
                                    "KF:s mål Nämndmål Mått Utfall 2023 Målvärde 2024"])
def test_flattened_rows_under_a_council_and_a_committee_goal_column(header):
    """Whose goals a column holds ("Kommunfullmäktiges mål", "KF:s mål", "Nämndens mål") makes it a goal column:
    the first cell is the council's goal, the second the committee's under it; "nå målen" is a goal's content."""
    text = (f"Verksamhetsplan 2024\n\n{header}\n"
            "Ett lärande Åby Eleverna ska nå målen i alla ämnen Andel elever med godkänt i alla ämnen åk 9, % 71 80\n"
            "Fler elever ska känna sig trygga Andel elever som känner sig trygga i skolan, % 85 90\n"
            "En hållbar ekonomi Budgeten ska hållas Avvikelse mot budget, mnkr -2 0\n")
    d = extract_text(text)
    goals = {g.id: g for g in d.goals}
    assert [(g.text, g.level, goals[g.parent].text if g.parent else None) for g in d.goals] == [
        ("Ett lärande Åby", "council", None),
        ("Eleverna ska nå målen i alla ämnen", "committee", "Ett lärande Åby"),
        ("Fler elever ska känna sig trygga", "committee", "Ett lärande Åby"),
        ("En hållbar ekonomi", "council", None),
        ("Budgeten ska hållas", "committee", "En hållbar ekonomi")]
    assert [(i.name, goals[i.goal].text, _values(i)) for i in d.indicators] == [
        ("Andel elever med godkänt i alla ämnen åk 9, %", "Eleverna ska nå målen i alla ämnen",
         [("actual", 2023, "71"), ("target", 2024, "80")]),
        ("Andel elever som känner sig trygga i skolan, %", "Fler elever ska känna sig trygga",
         [("actual", 2023, "85"), ("target", 2024, "90")]),
        ("Avvikelse mot budget, mnkr", "Budgeten ska hållas", [("actual", 2023, "-2"), ("target", 2024, "0")])]


@pytest.mark.parametrize("title", ["Indikatorer", "Mått"])
def test_measure_records_with_labelled_value_lines(title):
    """A goal system's export: "Indikatorer" ⏎ <name> ⏎ "Utfall 2022: …" ⏎ "Målvärde 2023: …" ⏎ <name> ⏎ …: each
    line over a value field names a measure, the fields give its values typed by their labels."""
    text = (f"Mål och mått 2023\nFritidsnämnden\n\nMål\nFler unga ska hitta en fritidsaktivitet\n{title}\n"
            "Andel unga 13-17 år som deltar i en förening\nUtfall 2022: 48 %\nMålvärde 2023: 55 %\n"
            "Antal besök på fritidsgårdarna\nUtfall 2022: 21 400\nMålvärde 2023: 23 000\n\nMål\n"
            f"Anläggningarna ska vara tillgängliga\n{title}\nAndel anläggningar med ramp och hiss\nUtfall 2022: 70 %\n")
    d = extract_text(text)
    goals = {g.id: g.text for g in d.goals}
    assert [(i.name, goals.get(i.goal), _values(i)) for i in d.indicators] == [
        ("Andel unga 13-17 år som deltar i en förening", "Fler unga ska hitta en fritidsaktivitet",
         [("actual", 2022, "48 %"), ("target", 2023, "55 %")]),
        ("Antal besök på fritidsgårdarna", "Fler unga ska hitta en fritidsaktivitet",
         [("actual", 2022, "21 400"), ("target", 2023, "23 000")]),
        ("Andel anläggningar med ramp och hiss", "Anläggningarna ska vara tillgängliga", [("actual", 2022, "70 %")])]


def test_scorecard_with_key_factors_between_perspective_and_measure():
    """"Perspektiv Kritisk framgångsfaktor Mått Målvärde 2023" (one value column only): the header still heads a
    table; each row runs perspective, key factor and measure together, and the key factor is no goal."""
    text = ("Styrkort 2023 – Fritidsnämnden\n\nPerspektiv Kritisk framgångsfaktor Mått Målvärde 2023\n"
            "Invånare Trygga anläggningar Andel besökare som känner sig trygga i simhallen 92 %\n"
            "Medarbetare Friska medarbetare Sjukfrånvaro i procent 6 %\n")
    d = extract_text(text)
    assert [g.text for g in d.goals] == ["Invånare", "Medarbetare"]
    assert [(i.name, _values(i)) for i in d.indicators] == [
        ("Andel besökare som känner sig trygga i simhallen", [("target", 2023, "92 %")]),
        ("Sjukfrånvaro i procent", [("target", 2023, "6 %")])]


# ------------------------------------------------------------------------------------------------ one cell a paragraph

@pytest.mark.parametrize("text, expected", [
    ("Vi erbjuder en trygg äldreomsorg\n\nMålformulering\n\nMätning\n\nMål och jämförelser\n\n"
     "Öka andelen nöjda gäster på träffpunkterna.\n\nEnkät till besökarna två gånger per år\n\n90 index\n\n"
     "(2022: 86 index)\n(2021: 84 index)\n\n"
     "Minska väntetiden till korttidsboende.\n\nMedelvärde av väntetid i dagar per kvartal\n\nHögst 10 dagar\n\n"
     "Fler digitala tjänster för anhöriga.\n\nAntal tjänster räknas vid årets slut\n\nTre nya per år\n",
     [("Enkät till besökarna två gånger per år", "90 index"),
      ("Medelvärde av väntetid i dagar per kvartal", "Högst 10 dagar"),
      ("Antal tjänster räknas vid årets slut", "Tre nya per år")]),
    ("Nämndmål\n\nMått\n\nMålvärde 2024\n\nAlla barn ska ha en trygg skolväg.\n\nAndel skolvägar med gångbana\n\n"
     "Minst 75 %\n\nFler ska cykla till skolan.\n\nAndel elever som cyklar en vanlig dag\n\n40 %\n",
     [("Andel skolvägar med gångbana", "Minst 75 %"), ("Andel elever som cyklar en vanlig dag", "40 %")]),
    ("Delmål\n\nMätetal\n\nUtfall\n\nStarkare föreningsliv i byarna.\n\nAntal aktiva föreningar med bidrag\n\n57\n\n"
     "Bättre lokaler för kulturen.\n\nAndel lokaler som fått godkänd besiktning\n\n",
     [("Antal aktiva föreningar med bidrag", "57")]),
])
def test_goal_measure_value_columns_one_cell_a_paragraph(text, expected):
    d = extract_text(text, source="colcells.txt")
    got = [(i.name, i.values[0].raw if i.values else None) for i in d.indicators]
    assert got == expected


@pytest.mark.parametrize("text, names", [
    ("Resultatmål\nÅrets resultat ska uppgå till minst två procent av skatteintäkterna.\n\nResultat\n\n"
     "Prognos\n2024\n\nBudget\n2025\n\nPlan\n2026\n\nResultat i mnkr\n\n41,2\n\n18,0\n\n22,5\n\n"
     "Resultat i procent av skatteintäkter\n\n2,6\n\n1,1\n\n1,4\n",
     ["Resultat i mnkr", "Resultat i procent av skatteintäkter"]),
    ("Låneskulden ska inte öka under perioden.\n\n(mnkr)\n\nUtfall 2023\n\nBudget 2024\n\nLåneskuld\n\n820\n\n815\n",
     ["Låneskuld"]),
    ("Soliditet\nSoliditeten ska förbättras varje år.\nTabellen nedan\nProcent\nBokslut\n2022\nBudget\n2023\n"
     "Soliditet inklusive pensionsåtaganden\n31,5\n32,0\n", ["Soliditet inklusive pensionsåtaganden"]),
])
def test_value_columns_with_years_under_a_goal_statement(text, names):
    assert [i.name for i in extract_text(text, source="kindyear.txt").indicators] == names


def test_budget_table_one_cell_a_paragraph_without_a_goal_is_no_indicator_table():
    text = ("Driftbudget\n\nTabellen visar nämndernas ramar.\n\nNämnd\n\nBudget\n2024\n\nPlan\n2025\n\n"
            "Kulturnämnden\n\n41,2\n\n42,0\n\nTekniska nämnden\n\n88,1\n\n90,3\n")
    assert extract_text(text, source="budget.txt").indicators == []


@pytest.mark.parametrize("intro, bullets, names", [
    ("Fullmäktiges indikatorer och finansiella mål:",
     ["Andelen invånare som är nöjda med kollektivtrafiken ska öka", "Soliditeten ska vara minst 40 %",
      "Färre vräkningar av barnfamiljer", "Investeringar ska finansieras med egna medel"],
     ["Andelen invånare som är nöjda med kollektivtrafiken ska öka", "Färre vräkningar av barnfamiljer"]),
    ("Nämndens indikatorer för perioden:", ["Antal besök i simhallen", "Andel sålda säsongskort"],
     ["Antal besök i simhallen", "Andel sålda säsongskort"]),
    ("Målet följs upp med dessa nyckeltal och mål:",
     ["Kostnad per invånare för fritid", "Resultatet ska vara positivt", "Antal bokade tider i sporthallarna"],
     ["Kostnad per invånare för fritid", "Antal bokade tider i sporthallarna"]),
])
def test_lead_in_naming_indicators_over_bullets(intro, bullets, names):
    text = "Fritid och kultur\n\n" + intro + "\n\n" + "\n".join(f"  • {b}" for b in bullets) + "\n\nSlut.\n"
    assert [i.name for i in extract_text(text, source="intro.txt").indicators] == names


@pytest.mark.parametrize("text, expected", [
    ("4 GEMENSAMMA UPPDRAG Uppföljningsområde 1 Ny webbplats lanserad Ej klart Klart Klart 2 E-arkiv infört Ej klart "
     "Ej klart Klart 3 Lönesystem upphandlat Klart Klart Klart Under året har arbetet gått enligt plan.",
     [("Ny webbplats lanserad", "Ej klart Klart Klart"), ("E-arkiv infört", "Ej klart Ej klart Klart"),
      ("Lönesystem upphandlat", "Klart Klart Klart")]),
    ("Indikator 1 Handlingsplan 2030 genomförd Pågår Klart 2 Ny taxa beslutad Klart Klart",
     [("Handlingsplan 2030 genomförd", "Pågår Klart"), ("Ny taxa beslutad", "Klart Klart")]),
    ("Kontrollpunkt 1 Rutin för inköp uppdaterad Ja Nej Ja 2 Attestlistor kontrollerade Ja Ja Ja slut",
     [("Rutin för inköp uppdaterad", "Ja Nej Ja"), ("Attestlistor kontrollerade", "Ja Ja Ja")]),
])
def test_numbered_status_grid_flattened_into_one_line(text, expected):
    d = extract_text(text + "\n", source="grid.txt")
    assert [(i.name, i.status_raw) for i in d.indicators] == expected


def test_status_words_without_numbered_rows_are_no_grid():
    text = "Indikator 3 Arbetet är klart och nästa steg pågår. Klart Klart enligt plan, 4 Nya rutiner Ja Nej\n"
    assert extract_text(text, source="nogrid.txt").indicators == []


def test_indicator_card_with_a_colon_before_the_code():
    text = ("Indikatorer\n\nRena stränder\n\nIndikator: MI.3.1\n\nAntal strandstädningar per sommar\n\n"
            "Senaste värdet: 12 st2023\n\nSlut\n")
    d = extract_text(text, source="colon_card.txt")
    assert [(i.name, _values(i)) for i in d.indicators] == [("Antal strandstädningar per sommar", [("actual", 2023, "12 st")])]


@pytest.mark.parametrize("text", [
    # one row a line
    "Kommunens kvalitet i korthet 2023\n\nFråga Mått 2022 2023\n"
    "Hur stor andel av eleverna i årskurs 9 är behöriga till gymnasiet? Andel % 84,0 86,5\n"
    "Hur lång väntetid är det till särskilt boende? Medelvärde, dagar 61 54\n"
    "Vilken verksamhet gäller det?\n",
    # the cells of a row on short lines, the years under their words
    "Resultat i KKiK\n\nFråga\nMått\nKKiK\n2022\nKKiK\n2023\n"
    "Hur stor andel av eleverna i årskurs 9 är behöriga till gymnasiet? Andel\n%\n84,0 86,5\n"
    "Hur lång väntetid är det till särskilt boende? Medelvärde,\ndagar\n61\n54\n\nKontakt\n\nVilken verksamhet gäller det?\n",
])
def test_measures_asked_as_questions(text):
    d = extract_text(text, source="kkik.txt")
    got = [(i.name, [(v.year, v.raw) for v in i.values]) for i in d.indicators]
    assert got == [("Hur stor andel av eleverna i årskurs 9 är behöriga till gymnasiet", [(2022, "84,0"), (2023, "86,5")]),
                   ("Hur lång väntetid är det till särskilt boende", [(2022, "61"), (2023, "54")])]


def test_numbered_flattened_rows_and_an_agenda_2030_column():
    """A numbered row is a row, its number no part of the name; a column of global-goal icons holds no values."""
    text = ("Mål 1: En ekonomi i balans\n\nINDIKATOR Mål Värde Agenda 2030\n"
            "1.1 Resultat i procent av skatteintäkterna (%) 2 1,6\n"
            "1.2 Soliditet inklusive pensionsförpliktelser (%) 30 27,5\n\nMål 2: Fler i arbete\n")
    d = extract_text(text, source="agenda.txt")
    got = [(i.name, [(v.kind, v.raw) for v in i.values]) for i in d.indicators]
    assert got == [("Resultat i procent av skatteintäkterna (%)", [("target", "2"), ("actual", "1,6")]),
                   ("Soliditet inklusive pensionsförpliktelser (%)", [("target", "30"), ("actual", "27,5")])]
    assert not any(g.text.startswith(("Resultat i procent", "Soliditet")) for g in d.goals)


def test_key_figure_overview_with_years_one_a_line_and_a_second_overview_below():
    text = ("Fem år i sammandrag\n\nKommunkoncernen\n\n2023\n\n2022\n\n2021\n\n"
            "Årets resultat i miljoner kronor\n\n41,2\n\n-3,5\n\n18,0\n\nSoliditet i procent\n\n31,0\n\n29,5\n\n28,8\n\n"
            "Kommunens utveckling\n\nKommunen\n\n2023\n\n2022\n\n2021\n\nAntal invånare\n\n15 204\n\n15 118\n\n15 060\n")
    d = extract_text(text, source="overview.txt")
    got = [(i.name, [(v.kind, v.year, v.raw) for v in i.values]) for i in d.indicators]
    assert got == [
        ("Årets resultat i miljoner kronor", [("actual", 2023, "41,2"), ("actual", 2022, "-3,5"), ("actual", 2021, "18,0")]),
        ("Soliditet i procent", [("actual", 2023, "31,0"), ("actual", 2022, "29,5"), ("actual", 2021, "28,8")]),
        ("Antal invånare", [("actual", 2023, "15 204"), ("actual", 2022, "15 118"), ("actual", 2021, "15 060")])]


def test_indicators_listed_after_prose_that_names_them_and_under_group_labels():
    text = ("Jämförelser\n\nVi följer en rad nyckeltal som visar kvaliteten. Kommunen hör till de bästa inom följande "
            "områden:\n\nSkola:\n\n • Elever i årskurs 6 som är nöjda med skolan\n • Lärare med legitimation\n\n"
            "Omsorg:\n\n • Brukare som är nöjda med sin hemtjänst\n\nBudgetprioriteringar som stödjer målet:\n\n"
            " • Fler lärare i förskolan\n")
    d = extract_text(text, source="listed.txt")
    assert [i.name for i in d.indicators] == ["Elever i årskurs 6 som är nöjda med skolan", "Lärare med legitimation",
                                              "Brukare som är nöjda med sin hemtjänst"]


# ------------------------------------------------------------------------------------------------ commented rows

@pytest.mark.parametrize("head", [["2024", "2023", "2022", "Kommentar"], ["2021", "2022", "Kommentarer"]])
def test_measures_whose_values_were_lost_are_read_from_their_comment_rows(head):
    """A KKiK-style results page whose values were colours: lone years and "Kommentar" as the header, then each
    measure's name and a comment paragraph under it."""
    text = "\n\n".join(["Kommunens kvalitet i korthet, tillgänglighet", *head,
                        "Andel invånare som får svar på en e-postfråga inom en arbetsdag.",
                        "Resultatet är något sämre än förra året. Vi ser över rutinerna för funktionsbrevlådorna.",
                        "Väntetid till plats i förskola från önskat datum.",
                        "Väntetiden har minskat sedan två nya avdelningar öppnade.",
                        "Antal timmar per vecka som simhallen håller öppet utanför kontorstid.",
                        "Oförändrat."]) + "\n"
    d = extract_text(text, source="kkik.txt")
    assert [i.name for i in d.indicators] == ["Andel invånare som får svar på en e-postfråga inom en arbetsdag",
                                              "Väntetid till plats i förskola från önskat datum",
                                              "Antal timmar per vecka som simhallen håller öppet utanför kontorstid"]
    assert not d.goals


def test_paragraphs_under_years_without_a_comment_header_are_no_measures():
    text = "Utveckling\n\n2022\n\n2023\n\nBefolkningen ökade under året.\n\nSkatteintäkterna ökade mer än väntat.\n\n" \
           "Nettokostnaderna låg i nivå med budget.\n\nInvesteringarna blev lägre än planerat.\n"
    assert not extract_text(text, source="prose.txt").indicators


# ------------------------------------------------------------------------------------------------ headerless rows

def test_key_figure_rows_whose_header_was_cut_off():
    text = ("Ekonomisk översikt\n\nResultatet för året\n\nNettokostnadsandel av skatter och bidrag (%) 98,1 99,4 "
            "100,2 97,6\n\nSoliditet inklusive\n\npensionsåtaganden (%) 21,5 19,8 18,0 17,2\n\n"
            "Årets investeringar (mkr) 212,4 180,1 95,3 140,0\n\nResultatet beskrivs närmare nedan.\n")
    d = extract_text(text, source="ar.txt")
    assert {i.name: [v.raw for v in i.values] for i in d.indicators} == {
        "Nettokostnadsandel av skatter och bidrag (%)": ["98,1", "99,4", "100,2", "97,6"],
        "Soliditet inklusive pensionsåtaganden (%)": ["21,5", "19,8", "18,0", "17,2"],
        "Årets investeringar (mkr)": ["212,4", "180,1", "95,3", "140,0"]}
    assert {v.kind for i in d.indicators for v in i.values} == {"actual"}


def test_one_line_ending_in_figures_or_rows_of_unequal_width_make_no_table():
    one = "Översikt\n\nUnder året ökade antalet elever till 1 204 och lärarna till 96 av 101 tjänster 4 5 6.\n"
    assert not extract_text(one, source="a.txt").indicators
    uneven = "Fakta\n\nAntal invånare 19 481 8 229 27 451\n\nMedelålder 41,2 42,2 43,6\n"
    assert not extract_text(uneven, source="b.txt").indicators


# ------------------------------------------------------------------------------------------------ result cards

def test_measures_with_a_result_card_under_each():
    text = ("Kommunens kvalitet i korthet 2023\n\nTrygghet\n\nAndel invånare som känner sig trygga utomhus på kvällen\n\n"
            "  Kommunens resultat bästa gruppen 74,2 %. Medel för undersökningen 69,0 %\n\n"
            "      Källa: Medborgarundersökningen\n\nBibliotek\n\nHur många timmar i veckan har huvudbiblioteket öppet?\n\n"
            " Kommunens resultat mellangruppen 52. Medel för undersökningen 55\n\n"
            "Ekonomi\n\nKommunens resultat blev 12,4 mnkr bättre än budget, vilket förklaras av högre skatteintäkter.\n")
    d = extract_text(text, source="kkik.txt")
    got = {i.name: [(v.kind, v.value) for v in i.values] for i in d.indicators}
    assert got == {"Andel invånare som känner sig trygga utomhus på kvällen": [("actual", 74.2), ("comparison", 69.0)],
                   "Hur många timmar i veckan har huvudbiblioteket öppet": [("actual", 52.0), ("comparison", 55.0)]}


def test_a_table_of_measures_worded_as_questions_flattened_to_text():
    """"Mått Indikator Resultat 2024 Snitt 2024" ⏎ "Hur stor andel …? % 81 (79) 77 (76)": each question is a
    measure with its result (last year's in brackets is left out) and the comparison; a figure of the unit
    ("per 1000 invånare") is no result; one question with a number in prose is no table."""
    text = ("Kommunens kvalitet i korthet\n\nMått Indikator Resultat Åby 2024 Snitt riket 2024\n"
            "Hur stor andel av eleverna når behörighet till gymnasiet? % 81 (79) 77 (76)\n"
            "Hur många nya företag startas per 1000 invånare? antal per 1000 invånare 4.2 5.1\n"
            "Hur lång tid tar det att få svar på e-post? (andel inom en dag) % 88 (90) 83 (84)\n")
    d = extract_text(text, source="kkik.txt")
    assert [(i.name, [(v.kind, v.value, v.year) for v in i.values]) for i in d.indicators] == [
        ("Hur stor andel av eleverna når behörighet till gymnasiet",
         [("actual", 81.0, 2024), ("comparison", 77.0, 2024)]),
        ("Hur många nya företag startas per 1000 invånare", [("actual", 4.2, 2024), ("comparison", 5.1, 2024)]),
        ("Hur lång tid tar det att få svar på e-post", [("actual", 88.0, 2024), ("comparison", 83.0, 2024)])]
    prose = "Nämnden frågade sig: Hur många besökare kom till biblioteken? Svaret är 12 000 besök under året.\n"
    assert not extract_text(prose, source="p.txt").indicators


def test_a_key_figure_table_run_into_one_paragraph():
    """A transcript's key-figure overview on one line: a title, the header's years and periods, then each figure's
    name followed by its values (thousands with spaces, minus signs glued on, a unit after the name). Each name is
    an indicator; prose with numbers after such a title is none."""
    text = ("Delårsrapport 2022\n\nFINANSIELL ÖVERSIKT (mkr) 2022 2021 Delår 1/1-30/4 Prognos Helår Bokslut "
            "Årets resultat 41 22 -8 Verksamhetens nettokostnader -512-1 540-498 -1 490 Skatteintäkter 530 1 590 "
            "505 Finansnetto 1 3 2 Soliditet exkl. pensionsskuld % 38 36 35 Antal anställda 1 102 1 095 1 088 3\n\n"
            "EKONOMISK ÖVERSIKT (mkr) Nämnden redovisar ett överskott på 4 mnkr. Det beror främst på vakanser under "
            "våren och på att två projekt har skjutits till 2023. Prognosen för helåret är 6 mnkr.\n")
    names = [i.name for i in extract_text(text, source="delar.txt").indicators]
    assert names == ["Årets resultat", "Verksamhetens nettokostnader", "Skatteintäkter", "Finansnetto",
                     "Soliditet exkl. pensionsskuld", "Antal anställda"]


def test_an_overview_titled_with_a_compound_and_a_name_read_twice():
    """An annual report's "Tioårsöversikt" (the title a compound, said twice by a transcript, no line of years) run
    into one paragraph; "Per invånare, kr" under assets and again under debts are two rows, the title none."""
    text = ("Årsredovisning 2019\n\nInnehåll Tioårsöversikt Tioårsöversikt Skattesats 21,10 21,10 21,35 Antal "
            "anställda 640 652 661 Tillgångar, Mkr 410,2 422,9 450,3 Per invånare, kr 48,1 49,0 51,7 Skulder, Mkr "
            "201,4 215,0 230,8 Per invånare, kr 23,6 24,9 26,5 Soliditet, % 51 49 49\n")
    names = [i.name for i in extract_text(text, source="ar.txt").indicators]
    assert names == ["Skattesats", "Antal anställda", "Tillgångar, Mkr", "Per invånare, kr", "Skulder, Mkr",
                     "Per invånare, kr", "Soliditet"]


def test_rows_without_a_header_go_on_the_table_a_line_of_text_split_them_from():
    """A table whose first row's name was read as a line of text (it wrapped, or a page broke after the header):
    the rows after it have no header of their own but as many columns, so they go on the table above — the first
    of them, a name alone in its row, is a measure, not the title of a new table."""
    text = ("Personal\n\nNämndmål: Kommunen ska vara en attraktiv arbetsgivare.\n\n"
            "Indikator\tUtfall 2023\tUtfall 2024\tMålvärde 2025\n"
            "Medarbetarenkätens index för engagemang.\n"
            "\"Jag rekommenderar andra att arbeta här\"\t\t\t\n"
            "Korttidssjukfrånvaron ska minska\t\t\t5 %\n\n"
            "Målvärdena för de två första måtten beslutas i december.\n")
    indicators = {i.name: [(v.kind, v.year, v.raw) for v in i.values]
                  for i in extract_text(text, source="personal.txt").indicators}
    assert indicators == {"Medarbetarenkätens index för engagemang.": [],
                          "\"Jag rekommenderar andra att arbeta här\"": [],
                          "Korttidssjukfrånvaron ska minska": [("target", 2025, "5 %")]}


def test_measures_asked_as_questions_with_their_figures_one_a_paragraph():
    """A KKiK page: "Fråga" and the column heads, then each question over its figures, one a paragraph; the column of
    the country's average is a comparison."""
    text = ("Kvalitet i korthet\n\nFråga\n\nÅby\n2022\n\nÅby\n2023\n\nGenomsnitt\ni riket 2023\n\n"
            "Hur stor andel av eleverna i årskurs 9 är behöriga till gymnasiet? (%)  *\n\n81\n\n84\n\n86\n\n"
            "Hur många dagar tar det att få ett bygglov?\n\n30\n\n28\n\n35\n\n"
            "Hur stor andel av avfallet återvinns? (%)\n\n44\n\n47\n\n41\n\nSidan uppdaterades i mars\n")
    d = extract_text(text)
    assert [(i.name, [(v.kind, v.year, v.raw) for v in i.values]) for i in d.indicators] == [
        ("Hur stor andel av eleverna i årskurs 9 är behöriga till gymnasiet",
         [("actual", 2022, "81"), ("actual", 2023, "84"), ("comparison", 2023, "86")]),
        ("Hur många dagar tar det att få ett bygglov",
         [("actual", 2022, "30"), ("actual", 2023, "28"), ("comparison", 2023, "35")]),
        ("Hur stor andel av avfallet återvinns",
         [("actual", 2022, "44"), ("actual", 2023, "47"), ("comparison", 2023, "41")])]


def test_a_goal_systems_measure_rows_flattened_with_their_assessment_first():
    text = ("Mått Enhet   Utfall 2023 Utfall 2022 Medel\nUppfyllt\nAndel nöjda besökare på biblioteken, andel (%)\n"
            "Andel, % Upp 91 88 85\nIngen mätning har genomförts\nVäntetid till simskola, dagar\nDagar Ingen\n"
            "Delvis uppfyllt\nKostnad kultur och fritid, kr/inv\nKr/inv Ned 2 410 2 380 2 900\n")
    d = extract_text(text)
    assert [(i.name, i.status_raw) for i in d.indicators] == [
        ("Andel nöjda besökare på biblioteken, andel (%)", "Uppfyllt"),
        ("Väntetid till simskola, dagar", "Ingen mätning har genomförts"),
        ("Kostnad kultur och fritid, kr/inv", "Delvis uppfyllt")]


def test_a_tables_header_cells_read_as_a_row_are_no_measure():
    text = ("Resultatmål 2024\n\nIndikator\tUtfall\tMålnivå\n"
            "Andel nöjda besökare\t81 %\t85 %\nUppfyllelsetid Ansvarig\t2025\t2026\n")
    assert [i.name for i in extract_text(text, source="hdr.txt").indicators] == ["Andel nöjda besökare"]


def test_the_citizen_surveys_indices_with_their_result_on_the_line_or_below():
    text = ("Medborgarundersökningen 2023\n\n"
            "Nöjd-Region-Index - Hur är kommunen som en plats att bo på?Resultat 58. Förra mätningen 55\n\n"
            "Invånarna är mest nöjda med skolorna.\n\n"
            "Nöjd-Medborgar-Index - Hur bedöms verksamheterna?\nResultat 47. Förra mätningen 49\n\n"
            "Nöjd-Inflytande-Index mäts vartannat år.\n")
    d = extract_text(text, source="nri.txt")
    assert [(i.name, [v.value for v in i.values]) for i in d.indicators] == [
        ("Nöjd-Region-Index", [58.0]), ("Nöjd-Medborgar-Index", [47.0])]


def test_key_figure_rows_under_a_line_of_years_with_thousands_split_by_spaces():
    text = ("Fem år i sammandrag\n\n  2019 2020 2021\nAntal invånare 9 870 10 012 10 154\n"
            "Skattesats (%) 21,5 21,5 21,9\nNettoinvesteringar (mnkr) 45,2 61,0 38,7\n")
    ind = _by_name(extract_text(text, source="fem.txt"))
    assert list(ind) == ["Antal invånare", "Skattesats (%)", "Nettoinvesteringar (mnkr)"]
    assert [(v.year, v.value) for v in ind["Antal invånare"].values] == [(2019, 9870.0), (2020, 10012.0),
                                                                         (2021, 10154.0)]
    assert [v.year for v in ind["Skattesats (%)"].values] == [2019, 2020, 2021]


def test_key_figure_rows_one_a_paragraph_under_a_labelled_line_of_years_with_groups_between():
    """"År 2024 2023 2022 2021" over rows one a paragraph; a group's title ("Därav invånare i åldern:") and its
    breakdown by age between them leave the columns as they were; a percentage's sign after the name ("Soliditet %
    41% …") is part of the name; a lone 0 among thousands split by spaces is a value of its own."""
    text = ("Fyra år i siffror\n\nÅr 2024 2023 2022 2021\n\nAntal invånare 31 december 8 310 8 295 8 240 8 201\n\n"
            "Därav invånare i åldern:\n\n0-5 år 512 530 541 560\n\n80-w 701 688 670 652\n\n"
            "Skattesats 22,15 22,15 21,90 21,90\n\nNettokostnad kr/invånare 61 200 59 870 57 004 55 310\n\n"
            "Soliditet % 41% 43% 45% 44%\n\nLåneskuld kr/invånare 2 410 0 915 1 070\n")
    ind = _by_name(extract_text(text, source="fyra.txt"))
    assert list(ind) == ["Antal invånare 31 december", "Skattesats", "Nettokostnad kr/invånare", "Soliditet %",
                         "Låneskuld kr/invånare"]
    assert [(v.year, v.value) for v in ind["Antal invånare 31 december"].values] == [
        (2024, 8310.0), (2023, 8295.0), (2022, 8240.0), (2021, 8201.0)]
    assert [v.value for v in ind["Låneskuld kr/invånare"].values] == [2410.0, 0.0, 915.0, 1070.0]
    assert [v.value for v in ind["Soliditet %"].values] == [41.0, 43.0, 45.0, 44.0]


def test_questions_numbered_with_letters_and_figures_with_the_previous_measurement_in_brackets():
    """A KKiK page: "Siffrorna i parentes avser föregående mätning"; each question (numbered "3.", "4a.", "4b.")
    over its figures one a paragraph, "81 (77)", the previous measurement in brackets, "- (-)" for none."""
    text = ("Service\n\n(Siffrorna i parentes avser föregående mätning)\n\nKvalitetsmått\n\nÅbys resultat 2024\n\n"
            "Medel 2024\n\n3. Hur stor andel får svar på e-post inom två dagar? (%).\n\n81 (77)\n\n85 (83)\n\n"
            "4a. Hur många timmar i veckan har biblioteket öppet utöver kontorstid?\n\n9 (9)\n\n15 (14)\n\n"
            "4b. Hur många timmar i veckan har simhallen öppet utöver kontorstid?\n\n- (-)\n\n22 (21)\n")
    ind = _by_name(extract_text(text, source="service.txt"))
    assert [(k.split()[-1], [(v.kind, v.year, v.value) for v in i.values]) for k, i in ind.items()] == [
        ("dagar", [("actual", 2024, 81.0), ("comparison", 2024, 85.0)]),
        ("kontorstid", [("actual", 2024, 9.0), ("comparison", 2024, 15.0)]),
        ("kontorstid", [("comparison", 2024, 22.0)])]


# a comparison page of a municipality's web site: questions as rows, their figures one a paragraph, a header of
# two years and the country's average without a year; the survey is not named, one row is no question
QUESTION_ROWS_UNNAMED = """Skola och förskola

Färgen visar hur kommunen står sig mot andra kommuner.

Skola och förskola

Kommunen
2021

Kommunen
2022

Snitt riket

Hur stor andel av barnen börjar förskolan det datum familjen önskat? (%)

61

64

70

Hur stor andel av eleverna i årskurs 9 når målen i alla ämnen? (%)

74,5

76,0

73,9

Barn per heltid i förskolan (antal)

5,4

5,3

5,1

Vad kostar en plats i fritidshem per elev? (tkr)

38,2

39,9

41,0

Uppgifterna uppdateras en gång om året.
"""


def test_question_rows_with_their_figures_where_the_survey_is_not_named():
    doc = extract_text(QUESTION_ROWS_UNNAMED)
    got = _by_name(doc)
    assert set(got) == {"Hur stor andel av barnen börjar förskolan det datum familjen önskat",
                        "Hur stor andel av eleverna i årskurs 9 når målen i alla ämnen",
                        "Barn per heltid i förskolan", "Vad kostar en plats i fritidshem per elev"}
    # the average named without a year is the latest year's comparison
    assert _values(got["Barn per heltid i förskolan"]) == [
        ("actual", 2021, "5,4"), ("actual", 2022, "5,3"), ("comparison", 2022, "5,1")]


def test_two_questions_in_running_text_make_no_table():
    text = ("Hur stor andel av invånarna är nöjda med sin kommun? Det vet vi först i höst.\n\n"
            "Vad kostar det att ha en plats på förskolan? Avgiften finns på sidan om taxor.\n\n"
            "Hur många går i kommunens skolor? Svaret står i årsredovisningen.\n")
    assert extract_text(text).indicators == []


# a paragraph that counts the measures it adopts, the numbered list right below naming each (a sub-item lettered)
COUNTED_MEASURES = """Miljönyckeltal

Nätverket har kommit överens om sex nyckeltal för att följa hur arbetet med miljön går i medlemskommunerna.

 1. Utsläpp av växthusgaser, ton per invånare
 2. Andel kommunala bilar som drivs med förnybart bränsle, i procent
 3. Andel ekologiska livsmedel i kommunens kök, i procent
 4. A. Energianvändning i kommunens lokaler, kWh per kvadratmeter
  B. Andel förnybar el i kommunens lokaler, i procent
 5. Mängd matavfall som samlas in, kilo per invånare
 6. Andel skyddad natur av kommunens yta, i procent

Läs mer om hur nyckeltalen har utvecklats.
"""


def test_a_counted_list_of_measures_is_read_one_an_item():
    names = [i.name for i in extract_text(COUNTED_MEASURES).indicators]
    assert len(names) == 7 and names[3] == "Energianvändning i kommunens lokaler, kWh per kvadratmeter" \
        and names[4] == "Andel förnybar el i kommunens lokaler, i procent"


def test_a_count_the_list_does_not_match_reads_nothing():
    text = COUNTED_MEASURES.replace("sex nyckeltal", "tio nyckeltal")
    assert extract_text(text).indicators == []


# a development goal's table flattened with an empty line between its lines: an age group inside a name, names
# and the goal wrapped onto the next line
AGE_GROUPS_WRAPPED = """2.3 Unga i kommunen

Utvecklingsmål Indikator Utfall 2022 Utfall 2021 Utfall 2020

Alla unga i kommunen ska ha en meningsfull

fritid och en trygg väg in i arbetslivet.

Unga 18-24 år som varken arbetar eller studerar,

andel (%) 6,1 6,8 7,2

Deltagare i sommarjobb för unga 15-17 år,

antal 312 298 270

Analys

Texten efter tabellen handlar om något annat och är inte en del av tabellen.
"""


def test_an_age_group_stays_in_the_measures_name_and_wrapped_rows_are_joined():
    doc = extract_text(AGE_GROUPS_WRAPPED)
    got = _by_name(doc)
    assert set(got) == {"Unga 18-24 år som varken arbetar eller studerar, andel (%)",
                        "Deltagare i sommarjobb för unga 15-17 år, antal"}
    assert [v.raw for v in got["Unga 18-24 år som varken arbetar eller studerar, andel (%)"].values] == ["6,1", "6,8", "7,2"]
    assert [g.text for g in doc.goals] == ["Alla unga i kommunen ska ha en meningsfull fritid och en trygg väg in i arbetslivet."]


def test_a_measure_with_its_target_and_outcome_said_in_the_next_sentence():
    text = ("Kommunen redovisar sitt resultat för 2025\n\nMål: Fler väljer att bo i kommunen\n\n"
            " • Antalet nybyggda bostäder ökar. Målet var 120, utfallet blev 134.\n\n"
            "  Byggandet tog fart under hösten.\n\n"
            "Mål: Företagen är nöjda med kommunens service\n\n"
            " • Nöjd-Kund-Index för bygglov förbättras. Målet var minst 70 och utfallet blev 66.\n\n"
            "Resultatet för hela året blev bättre än väntat.\n")
    got = _by_name(extract_text(text))
    assert set(got) == {"Antalet nybyggda bostäder ökar", "Nöjd-Kund-Index för bygglov förbättras"}
    assert [(v.kind, v.raw) for v in got["Antalet nybyggda bostäder ökar"].values] == [("target", "120"),
                                                                                      ("actual", "134")]
    assert [(v.kind, v.raw) for v in got["Nöjd-Kund-Index för bygglov förbättras"].values] == [
        ("target", "minst 70"), ("actual", "66")]


# a comparison page's transcript: numbered questions, the row's figures glued onto its unit, one row no question
QUESTIONS_GLUED = """Kvalitet i korthet – vård och omsorg
Utfall 2021Utfall 2022Utfall 2023Jämförelse alla kommuner bäst/medel/sämst
31. Hur lång väntetid är det till särskilt boende? (dagar)4552619 : 60 : 210
32. Hur många olika personal möter en brukare i hemtjänsten? (antal)141613 6 : 15 : 28
33a. Andel brukare som får hjälp av samma personal varje vecka (%)787581 95 : 80 : 52
34. Vad kostar hemtjänsten per brukare? (kr/år)210 455198 320 : 250 000 : 400 100
"""


def test_numbered_questions_with_glued_figures_give_their_measures_without_values():
    got = _by_name(extract_text(QUESTIONS_GLUED))
    assert set(got) == {"Hur lång väntetid är det till särskilt boende",
                        "Hur många olika personal möter en brukare i hemtjänsten",
                        "Andel brukare som får hjälp av samma personal varje vecka",
                        "Vad kostar hemtjänsten per brukare"}
    assert all(i.values == [] for i in got.values())  # figures run together are not split by guess


# a ranking's measures listed after the line that says so, each after the area it stands for
AREA_MEASURES = """Så räknas rankingen

Placeringen vägs samman av följande nyckeltal:

 • Service: andel företag som är nöjda med kommunens service
 • Infrastruktur: restid till närmaste flygplats
 • Kompetens: andel invånare med högskoleutbildning
"""


def test_an_area_before_its_measure_is_not_part_of_the_name():
    assert [i.name for i in extract_text(AREA_MEASURES).indicators] == [
        "andel företag som är nöjda med kommunens service", "restid till närmaste flygplats",
        "andel invånare med högskoleutbildning"]


# a news item's results under a title line, each bullet a measure, its result and last year's in brackets
RESULTS_TITLED = """Nöjdare företagare i år

Resultat 2024 (inom parentes 2023)

 • Hemtjänst NKI 81 (79)
 • Bygglov NKI 70 (66)
 • Färdtjänst NKI 74 (ny fråga i år)
"""


def test_results_under_a_title_line_with_last_years_in_brackets():
    got = _by_name(extract_text(RESULTS_TITLED))
    assert set(got) == {"Hemtjänst NKI", "Bygglov NKI", "Färdtjänst NKI"}
    assert _values(got["Hemtjänst NKI"]) == [("actual", 2024, "81"), ("actual", 2023, "79")]
    assert _values(got["Färdtjänst NKI"]) == [("actual", 2024, "74")]


def test_a_bullet_of_another_shape_means_no_list_of_results():
    text = RESULTS_TITLED.replace(" • Bygglov NKI 70 (66)", " • Bygglovshandläggarna fick beröm i fritextsvaren")
    assert extract_text(text).indicators == []


# a key-figure overview one cell a line, its first year glued onto the question heading above in the transcript
KEY_FIGURES_GLUED_YEAR = """Nyckeltal i sammandrag
Hit går skattepengarna?2020
2021
2022
Antal invånare
12 400
12 510
12 633
Skattesats (kr)
21:90
21:90
22:10
Anställda i kommunen
1 105
1 120
1 098
"""


def test_a_year_glued_onto_the_line_above_starts_the_overview():
    got = _by_name(extract_text(KEY_FIGURES_GLUED_YEAR))
    assert set(got) == {"Antal invånare", "Skattesats (kr)", "Anställda i kommunen"}
    assert _values(got["Skattesats (kr)"]) == [("actual", 2020, "21:90"), ("actual", 2021, "21:90"),
                                               ("actual", 2022, "22:10")]


# a five-year overview run into one paragraph by a page's transcript, its years lost (", , mkr År"), the first rows'
# figures broken, two rows with no figures at all running into the next row's name
KEY_FIGURES_BROKEN_RUN = ("2 Fem år i sammandrag, , mkr År Bruttokostnader 2 114, , , ,2 1 980,4 Avgifter och "
                          "ersättningar 301, , , ,7 288,0 Skatteintäkter 1 211,5 1 180,2 1 150,9 1 120,4 1 101,3 "
                          "Finansnetto -4,1 -3,8 -5,0 -6,2 -5,5 Låneskuld kr per invånare Soliditet 38,1% 37,5% 36,9% "
                          "35,2% 34,8% Pensionsskuld kr per invånare Investeringar 180,2 150,0 131,7 122,4 140,9 "
                          "Antal invånare\n\n3 Innehåll Året i korthet 2 Ordförandens ord 4 Förvaltningsberättelse 6\n")


def test_a_run_on_overview_with_broken_figures_and_rows_without_any():
    names = [i.name for i in extract_text(KEY_FIGURES_BROKEN_RUN).indicators]
    assert names == ["Bruttokostnader", "Avgifter och ersättningar", "Skatteintäkter", "Finansnetto",
                     "Låneskuld kr per invånare", "Soliditet", "Pensionsskuld kr per invånare", "Investeringar"]


# a budget's key figures: the header one cell a line, the rows' thousands split by spaces
KEY_FIGURES_HEAD_A_LINE = """Nyckeltal

Bokslut 2025

Budget 2026

Budget 2027

Årets resultat, tkr -3 410 1 250 8 900

Skattesats 21,90 21,90 22,15

Nettoinvesteringar, tkr 120 400 98 000 131 700

Antal invånare 11 204 11 250 11 310
"""


def test_key_figure_rows_under_a_header_one_cell_a_line_join_their_thousands():
    got = _by_name(extract_text(KEY_FIGURES_HEAD_A_LINE))
    assert _values(got["Nettoinvesteringar, tkr"]) == [("actual", 2025, "120 400"), ("target", 2026, "98 000"),
                                                       ("target", 2027, "131 700")]
    assert _values(got["Antal invånare"]) == [("actual", 2025, "11 204"), ("target", 2026, "11 250"),
                                              ("target", 2027, "11 310")]


def test_without_a_header_rows_whose_thousands_may_be_split_make_no_table():
    text = KEY_FIGURES_HEAD_A_LINE.split("Budget 2027\n\n", 1)[1]
    values = [v.raw for i in extract_text(text).indicators for v in i.values]
    assert "120" not in values and "400" not in values  # "120 400 98 000 …" is not six values by guess


# a comparison table's transcript whose cells ran together: the header opens with "Mått", each row is a measure with
# its unit in brackets and its figures glued on
GLUED_COMPARISON = """Åby i jämförelse 2026

Trygghet och service

MåttFörändring mot 2025Jämfört med landetÅby 2025Åby 2026Landet 2026
Andel som får svar på ett mejl inom ett dygn (%)918877
Väntetid till plats på äldreboende (medel dagar)6441102
Antal elever per lärare i grundskolan (st)12,111,812,4

Kommentar

Siffrorna kommer från den nationella jämförelsen och uppdateras varje vår.
"""


def test_a_comparison_table_with_glued_cells_gives_its_measures_without_values():
    """The figures run together past telling apart (`918877` is 91, 88 and 77, or not): the measures are read,
    their units left out of their names, and no value is made up."""
    found = {i.name: i.values for i in extract_text(GLUED_COMPARISON).indicators}
    assert found == {"Andel som får svar på ett mejl inom ett dygn": [],
                     "Väntetid till plats på äldreboende": [],
                     "Antal elever per lärare i grundskolan": []}


def test_one_glued_row_under_a_measure_header_is_no_table():
    text = GLUED_COMPARISON.replace("Väntetid till plats på äldreboende (medel dagar)6441102\n", "").replace(
        "Antal elever per lärare i grundskolan (st)12,111,812,4\n", "")
    assert extract_text(text).indicators == []


def test_a_comparison_a_cell_a_line_under_the_places_year_and_the_networks_spread():
    """A web page's comparison table one cell a paragraph: the perspective, "<Ort> <year>", the network's average,
    its best and worst, then each measure over its four figures (units after them): the place's figure is the
    outcome of the year, the others comparisons. A measure cut off without figures is none."""
    text = ("Jämförelse med andra kommuner\n\nTillgänglighet\n\nÅby 2012\n\nGenomsnitt\n\n\"bäst\"\n\n\"sämst\"\n\n"
            "Andel av invånarna som får svar på en e-postfråga inom två dagar\n\n81 %\n\n74 %\n\n98 %\n\n30 %\n\n"
            "Antal timmar per vecka som biblioteket har öppet på kvällar och helger\n\n14 tim/v\n\n12 tim/v\n\n"
            "30 tim/v\n\n3 tim/v\n\nAndel som fått plats i förskolan på önskat datum\n")
    d = extract_text(text, source="jamforelse.txt")
    assert [(i.name, [(v.kind, v.year, v.raw) for v in i.values]) for i in d.indicators] == [
        ("Andel av invånarna som får svar på en e-postfråga inom två dagar",
         [("actual", 2012, "81 %"), ("comparison", None, "74 %"), ("comparison", None, "98 %"),
          ("comparison", None, "30 %")]),
        ("Antal timmar per vecka som biblioteket har öppet på kvällar och helger",
         [("actual", 2012, "14 tim/v"), ("comparison", None, "12 tim/v"), ("comparison", None, "30 tim/v"),
          ("comparison", None, "3 tim/v")])]


def test_a_five_year_overview_with_years_in_its_title_line_and_group_lines():
    """"Fem år i sammandrag 2019 … 2023" over rows of a name and its five figures (thousands with spaces, a
    footnote star on a figure) and group lines without figures: each row is a measure with an outcome per year;
    the group lines ("Skatt och invånare") are neither measures nor goals."""
    text = ("Fem år i sammandrag\n\nEn överblick över de senaste fem åren.\n\n"
            "Fem år i sammandrag 2019 2020 2021 2022 2023\nSkatt och invånare\n"
            "Kommunal skattesats, procent 21,10 21,10 20,90* 20,90 20,90\n"
            "Antal invånare 31 december 41 205 41 630 42 017 42 388 42 951\nResultat\n"
            "Årets resultat, miljoner kronor 48 -12 63 30 51\n\n* skatteväxling med regionen\n")
    d = extract_text(text, source="sammandrag.txt")
    rows = {i.name: [(v.year, v.raw) for v in i.values] for i in d.indicators}
    assert rows == {
        "Kommunal skattesats, procent": [(2019, "21,10"), (2020, "21,10"), (2021, "20,90"), (2022, "20,90"), (2023, "20,90")],
        "Antal invånare 31 december": [(2019, "41 205"), (2020, "41 630"), (2021, "42 017"), (2022, "42 388"), (2023, "42 951")],
        "Årets resultat, miljoner kronor": [(2019, "48"), (2020, "-12"), (2021, "63"), (2022, "30"), (2023, "51")]}
    assert not d.goals


def test_an_overview_a_figure_a_line_whose_years_the_transcript_ran_together():
    """A transcript of an overview: its title, the first row's name, then the header's years run together
    ("2023 2022202120202019") and each figure on a line; tax rates in kronor and öre run together too, the next
    row's name after them. Every row is read, the years as the header's."""
    text = ("Femårsöversikt\nInvånare den 31/12\n2023 2022202120202019\n12 410\n12 388\n12 305\n12 290\n12 207\n"
            "Skattesats*\n32:10 32:1032:1031:9531:95 varav kommunen**\n21:40 21:4021:4021:2021:20\n"
            "Nettoinvesteringar i mnkr\n88,1\n64,0\n71,5\n59,9\n102,3\n")
    d = extract_text(text, source="oversikt.txt")
    rows = {i.name: [(v.year, v.raw) for v in i.values] for i in d.indicators}
    assert rows["Invånare den 31/12"] == [(2023, "12 410"), (2022, "12 388"), (2021, "12 305"), (2020, "12 290"),
                                          (2019, "12 207")]
    assert [raw for _, raw in rows["varav kommunen"]] == ["21:40", "21:40", "21:40", "21:20", "21:20"]
    assert [raw for _, raw in rows["Nettoinvesteringar i mnkr"]] == ["88,1", "64,0", "71,5", "59,9", "102,3"]
    assert len(rows) == 4


def test_a_fact_box_comparing_the_municipality_with_the_country():
    """"Faktaruta": a header of the place and what it is compared with, then a line a measure: its name, the year,
    the place's figure and the comparison's (a name with its year may have its figures on the next line). The
    place's figure is the outcome, the other the comparison, each under its column."""
    text = ("Faktaruta\n\nNorrby Riket\n\nInvånare 2023 12.410 10.551.707\n\nMedelålder 2023 44,6 41,6\n\n"
            "Andel invånare över 80 år % 2023\n\n7,1 5,3\n\nSkattesats % 2024 33,20 32,37\n\n"
            "Vision\n\nNorrby ska vara en levande kommun.\n")
    d = extract_text(text, source="faktaruta.txt")
    rows = {i.name: [(v.kind, v.year, v.raw, v.column) for v in i.values] for i in d.indicators}
    assert rows == {
        "Invånare": [("actual", 2023, "12.410", "Norrby"), ("comparison", 2023, "10.551.707", "Riket")],
        "Medelålder": [("actual", 2023, "44,6", "Norrby"), ("comparison", 2023, "41,6", "Riket")],
        "Andel invånare över 80 år %": [("actual", 2023, "7,1", "Norrby"), ("comparison", 2023, "5,3", "Riket")],
        "Skattesats %": [("actual", 2024, "33,20", "Norrby"), ("comparison", 2024, "32,37", "Riket")]}


def test_a_fact_box_with_the_county_and_the_country_is_no_table_of_the_places_name():
    """"Kommunen i siffror" with three columns (the place, the county, the country) and the year in the header:
    read as the fact box, not as a table whose first column the place's name heads (its first figure then taken
    into the measure's name)."""
    text = ("Kommunen i siffror\n\nÅsby kommun 2023 Länet Riket\n\nBefolkningsökning % 0,8 0,5 0,6\n\n"
            "Förvärvsfrekvens 20–64 år % 81,2 79,5 78,1\n\nUtbildningsnivå eftergymnasial % 31 36 44\n")
    d = extract_text(text, source="siffror.txt")
    rows = {i.name: [(v.kind, v.year, v.raw) for v in i.values] for i in d.indicators}
    assert rows["Förvärvsfrekvens 20–64 år %"] == [("actual", 2023, "81,2"), ("comparison", 2023, "79,5"),
                                                  ("comparison", 2023, "78,1")]
    assert set(rows) == {"Befolkningsökning %", "Förvärvsfrekvens 20–64 år %", "Utbildningsnivå eftergymnasial %"}


def test_a_fact_box_row_whose_thousands_cannot_be_told_from_its_columns_keeps_its_name():
    """"Folkmängd 12 504 287 113 10 452 326" under three columns: seven pieces, and the spaces between thousands
    cannot be told from those between columns, so the measure is named without figures (none guessed) and the
    rows after it are still read."""
    text = ("Kommunen i siffror\n\nÅsby Länet Riket\n\nFolkmängd 12 504 287 113 10 452 326\n\n"
            "Medelålder 44,1 42,9 41,3\n\nSkattesats % 33,15 32,98 32,37\n")
    rows = {i.name: [v.raw for v in i.values] for i in extract_text(text, source="siffror.txt").indicators}
    assert rows == {"Folkmängd": [], "Medelålder": ["44,1", "42,9", "41,3"], "Skattesats %": ["33,15", "32,98", "32,37"]}


def test_a_breakdowns_labels_alone_are_no_measure():
    """A table whose breakdown rows (`Totalt`, `Kvinnor`, `Män`) were read apart from their measure: a label of a
    breakdown alone names no measure; the measure keeps its name."""
    text = ("Indikator\tUtfall 2023\tMålvärde 2024\nAndel medarbetare med friskvårdsbidrag (%)\t41\t50\n"
            "Totalt\t41\t50\nKvinnor\t45\t50\nMän\t33\t50\n")
    names = [i.name for i in extract_text(text, source="uppdelning.txt").indicators]
    assert "Andel medarbetare med friskvårdsbidrag (%)" in names
    assert not {"Totalt", "Kvinnor", "Män"} & set(names)


@pytest.mark.parametrize("label", ["Mål", "Nämndmål", "Mål 2"])
def test_a_goal_stated_over_its_table_of_measures_is_a_goal_and_names_the_rows(label):
    # a plan's goals, each stated on a line of its own ("Mål: …") over the table of the measures that follow it up,
    # the first table's values still empty: every goal is a goal (not only the table's title), every measure one
    # row under its own goal, the one before the next goal included (not taken for a title over the next header)
    text = "Nämndplan 2025 för arbetsmarknadsnämnden\n\nMål och mått\n\n" + "\n".join(
        f"{label}: {goal}\n\nIndikator\tUtfall 2024\tMålvärde 2025\n" + "".join(f"{n}\t{a}\t{b}\n" for n, a, b in rows)
        for goal, rows in [("Fler invånare försörjer sig själva", [("Andel avslutade ärenden med egen försörjning", "", ""),
                                                                   ("Antal personer i praktik", "", "")]),
                           ("Insatserna håller god kvalitet", [("Andel nöjda deltagare (%)", "81", "85"),
                                                              ("Väntetid till första besök (dagar)", "12", "10")])]
    ) + "\nNämnden följer upp målen i delårsrapporten och i verksamhetsberättelsen.\n"
    doc = extract_text(text)
    goals = {g.id: g.text for g in doc.goals}
    assert sorted(goals.values()) == ["Fler invånare försörjer sig själva", "Insatserna håller god kvalitet"]
    assert {i.name: goals.get(i.goal) for i in doc.indicators} == {
        "Andel avslutade ärenden med egen försörjning": "Fler invånare försörjer sig själva",
        "Antal personer i praktik": "Fler invånare försörjer sig själva",
        "Andel nöjda deltagare (%)": "Insatserna håller god kvalitet",
        "Väntetid till första besök (dagar)": "Insatserna håller god kvalitet"}


def test_a_unit_wrapped_onto_a_line_of_its_own_ends_the_name_above_and_the_list_goes_on():
    # a table of measures not yet filled in, read from a PDF: the header, then one name a line, a long name's
    # unit wrapped onto a line of its own ("(%)"); it ends that name, and the names after it are still measures
    text = ("Mål 2\nBarn och unga växer upp under trygga förhållanden\n\nIndikator\tUtfall 2024\tMålvärde 2025\n"
            "Andel orosanmälningar som leder till utredning inom fjorton dagar\n(%)\n"
            "Antal placerade barn i familjehem\nVäntetid till första samtal\n(dagar)\n\n"
            "Ekonomi\nNämndens budget uppgår till 640 miljoner kronor.\n")
    assert [i.name for i in extract_text(text).indicators] == [
        "Andel orosanmälningar som leder till utredning inom fjorton dagar (%)", "Antal placerade barn i familjehem",
        "Väntetid till första samtal (dagar)"]


def test_the_areas_measures_are_grouped_in_are_no_measures():
    """"De nyckeltal som mäts finns inom områdena:" lists the areas; "Följande nyckeltal mäts:" lists measures."""
    areas = ("Vad mäter undersökningen?\n\nDe nyckeltal som mäts och jämförs finns inom områdena:\n\n"
             " • barn och unga\n • vård och omsorg\n • miljö och samhälle\n")
    measures = ("Vad mäter undersökningen?\n\nDe nyckeltal som mäts och jämförs är bland annat:\n\n"
                " • andel elever som är behöriga till gymnasiet\n • väntetid till särskilt boende\n")
    assert extract_text(areas).indicators == []
    assert [i.name for i in extract_text(measures).indicators] == ["andel elever som är behöriga till gymnasiet",
                                                                   "väntetid till särskilt boende"]
