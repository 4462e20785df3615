"""Goals and assignments in layouts a held-out set of real openings (r47xx) showed plantrace missing or misreading:
a minutes' references and decision titles under a title about goals, what a majority will work for listed with
studies among the points, assignments announced and then named in the next sentence, short statements that the
sentence below names as goals, a goal heading its own assessment table, coded measures under a goal, and what a
committee wants ("Vi vill att …"). Each signal has variants in different wordings and a case where the same shape
means something else. All text is invented."""

from __future__ import annotations

import pytest

from plantrace.extract import extract_text


def _goals(text: str) -> list[str]:
    return [g.text.rstrip(".") for g in extract_text(text).goals]


def _assignments(text: str) -> list[str]:
    return [a.text.rstrip(".") for a in extract_text(text).assignments]


# --- a protocol's references and decision titles under a title about goals are no goals --------------------------

@pytest.mark.parametrize("reference,earlier", [("AU § 88", "Barn- och utbildningsnämnden 2019-03-12, § 41"),
                                               ("KSAU § 231", "Miljönämnden 2021-11-02, § 7")])
def test_a_minutes_reference_is_no_goal(reference, earlier):
    text = (f"KS § 64\nRevidering av verksamhetsmål\n\n{reference}\n- {earlier}\n"
            "Nämnden har sett över sina verksamhetsmål inför nästa år och föreslår två ändringar.\n\n"
            "Kommunstyrelsens beslut\n"
            "• Förvaltningen får i uppdrag att ta fram reviderade mål till budgetberedningen.\n\n"
            "Kommunstyrelsens förslag till kommunfullmäktige\n• De föreslagna målen godkänns.\n")
    doc = extract_text(text)
    assert reference not in [g.text for g in doc.goals] and earlier not in [g.text for g in doc.goals]
    assert not any("beslut" in g.text or "förslag till" in g.text for g in doc.goals)
    assert [a.text.rstrip(".") for a in doc.assignments] == [
        "Förvaltningen får i uppdrag att ta fram reviderade mål till budgetberedningen"]


# --- what a majority will work for: the points are goals, a point asking for a study is an assignment ------------

MAJORITY = [
    ("Det nya styret ska arbeta för:",
     ["En stabil ekonomi med oförändrad skattesats", "Vi ska ha förskolor med små barngrupper",
      "Fortsätta utbyggnaden av gång- och cykelvägar"],
     ["Utreda en ny simhall i centralorten"]),
    ("Majoriteten vill verka för:",
     ["Trygga och välskötta parker i alla tätorter", "Fler lägenheter för unga vuxna"],
     ["Se över avgifterna inom kulturskolan", "Undersöka möjligheten till fri kollektivtrafik för pensionärer"]),
]


@pytest.mark.parametrize("intro,goals,studies", MAJORITY)
def test_points_a_majority_works_for(intro, goals, studies):
    bullets = "\n".join(f"• {t}" for t in goals[:1] + studies + goals[1:])
    doc = extract_text(f"Politisk plattform\n\n{intro}\n\n{bullets}\n")
    assert sorted(g.text for g in doc.goals) == sorted(goals)
    assert sorted(a.text for a in doc.assignments) == sorted(studies)


def test_a_list_of_what_was_done_is_no_list_of_goals():
    doc = extract_text("Året i korthet\n\nUnder året har vi bland annat arbetat med:\n\n"
                       "• Ombyggnaden av simhallen\n• Utreda behovet av fler förskoleplatser\n")
    assert doc.goals == [] and doc.assignments == []


# --- assignments announced, then named as what to do in the next sentence ----------------------------------------

@pytest.mark.parametrize("text,tasks", [
    ("I budgeten ges ett antal uppdrag till förvaltningen. Det handlar bland annat om att stärka samarbetet med "
     "skolorna, minska matsvinnet och att utveckla e-tjänsterna.",
     ["stärka samarbetet med skolorna", "minska matsvinnet", "utveckla e-tjänsterna"]),
    ("Nämnden fick tre nya uppdrag under våren. Det gäller om att ta fram en lokalplan, att se över taxorna samt "
     "att utreda ett nytt äldreboende.",
     ["ta fram en lokalplan", "se över taxorna", "utreda ett nytt äldreboende"]),
])
def test_assignments_named_after_they_are_announced(text, tasks):
    assert sorted(_assignments(text)) == sorted(tasks)


def test_a_sentence_about_work_without_assignments_announced_names_none():
    text = ("I budgeten finns stora satsningar på skolan. Det handlar bland annat om att anställa fler lärare, "
            "rusta upp skolgårdar och att köpa in nya läromedel.")
    assert _assignments(text) == []


# --- short statements that the sentence right below names as goals ------------------------------------------------

@pytest.mark.parametrize("statements,naming", [
    (["I Norrby är invånarna trygga.", "Norrby kommun är en attraktiv arbetsgivare.", "Ekonomin är i balans."],
     "Så lyder de föreslagna målformuleringarna till kommunfullmäktiges övergripande mål."),
    (["Alla elever lämnar grundskolan med godkända betyg.", "Barngrupperna i förskolan är små."],
     "Dessa två mål har nämnden arbetat med under året, och arbetet fortsätter."),
])
def test_statements_named_as_goals_below_them(statements, naming):
    text = "Förord\n\n" + "\n\n".join(statements) + f"\n\n{naming}\n\nÅret har präglats av stora förändringar.\n"
    doc = extract_text(text)
    assert [g.text for g in doc.goals] == statements
    assert doc.followups == []


def test_short_statements_without_a_naming_sentence_are_no_goals():
    text = ("Förord\n\nI Norrby är invånarna trygga.\n\nEkonomin är i balans.\n\n"
            "Året har präglats av stora förändringar för kommunen.\n")
    assert _goals(text) == []


# --- a goal that heads its own assessment table: the rows are its parts --------------------------------------------

def test_a_goal_heading_its_assessment_table():
    text = ("Här redovisas bedömningen av kommunfullmäktiges mål.\n\n"
            "I Norrby ska alla kunna leva ett gott liv  Bedömning utifrån indikatorer Bedömning utifrån nyckeltal  "
            "Sammanvägd bedömning\nInvånarna har god hälsa\nÄldre känner sig trygga\n\nSymbolförklaring:\n\n"
            "Uppfyllt\nDelvis uppfyllt\n")
    goals = extract_text(text).goals
    assert [g.text for g in goals] == ["I Norrby ska alla kunna leva ett gott liv", "Invånarna har god hälsa",
                                       "Äldre känner sig trygga"]
    assert goals[1].parent == goals[0].id and goals[1].level == "sub"


# --- coded measures under a goal are measures, not goals ----------------------------------------------------------

def test_coded_measures_under_a_goal():
    text = ("Kommunfullmäktiges mål\n\nBarn och unga ska ha en god utbildning\n\n"
            "Nämnderna följer målet med flera indikatorer och bedömer det som delvis uppfyllt.\n\n"
            " • KKiK 2019 mått 12a: Elever i åk 3 som klarat alla delprov i matematik, Norrby: 71%, riksmedel: 74%\n"
            " • KKiK 2019 mått 12b: Resultat på nationella prov i svenska i åk 6, Norrby: 58, riksmedel: 62\n")
    doc = extract_text(text)
    assert [g.text for g in doc.goals] == ["Barn och unga ska ha en god utbildning"]
    assert [i.name for i in doc.indicators] == ["Elever i åk 3 som klarat alla delprov i matematik",
                                               "Resultat på nationella prov i svenska i åk 6"]


# --- what a committee wants ("Vi vill att …"): the goal is what it wants ------------------------------------------

def test_what_a_committee_wants_under_its_goals_title():
    text = ("Mål för nämnden\n\nOmsorgsnämnden har effektmål inom två områden: kund och kvalitet samt ekonomi.\n\n"
            "Kund och kvalitet\n\nVi vill att brukarna inom hemtjänsten upplever\n\n"
            "  • stor delaktighet i planeringen av sina insatser.\n  • ett respektfullt bemötande.\n\n"
            "Vi vill att alla boenden erbjuder minst en aktivitet varje dag.\n\n"
            "Ekonomi\n\nNämnden vill att verksamheterna håller sin budget.\n")
    assert _goals(text) == ["stor delaktighet i planeringen av sina insatser", "ett respektfullt bemötande",
                            "alla boenden erbjuder minst en aktivitet varje dag", "verksamheterna håller sin budget"]


def test_what_a_committee_wants_right_under_its_goals_title():
    text = ("Nämndens mål 2026\n\nVi vill att alla barn i förskolan\n\n  • möter utbildad personal varje dag.\n"
            "  • får vistas utomhus minst en timme om dagen.\n\n"
            "Vi vill att fritidsgårdarna når fler flickor än i dag.\n")
    assert _goals(text) == ["möter utbildad personal varje dag", "får vistas utomhus minst en timme om dagen",
                            "fritidsgårdarna når fler flickor än i dag"]


def test_what_someone_wants_outside_goals_is_no_goal():
    text = "Nyheter\n\nVi vill att du hör av dig med synpunkter på parkerna.\n"
    assert _goals(text) == []


# --- a record page of an action: its name, the action below it, then its fields ----------------------------------

RECORD_PAGES = [
    ("Laddplatser – kommunkoncernen",
     "Kommunen ska tillsammans med de kommunala bolagen senast 2026 bygga 40 publika laddplatser.",
     "Beskrivning av arbetsgång:\nLaddplatser planeras vid nya parkeringar.\n\nKommentar\n\n"
     "Arbetet har påbörjats men går långsammare än planerat.\n\nUppdrag KLM.2.1.4\nSenast ändrad: 2025-03-01\n"
     "Ansvarig organisation:\n  • Tekniska nämnden\n  • Norrby Energi AB\nKontakt:\n",
     ["Tekniska nämnden", "Norrby Energi AB"]),
    ("Energieffektivisering av skolor",
     "Energieffektivisering av skolor, med fokus på ventilation och belysning",
     "Åtgärdsstatus:Pågår Pågår\n\nResultat\n\nTre skolor har fått ny belysning under året.\n\n"
     "Ansvarig organisation: Fastighetsnämnden\n",
     ["Fastighetsnämnden"]),
]


@pytest.mark.parametrize("name,action,fields,bodies", RECORD_PAGES)
def test_a_record_page_gives_its_action_and_who_carries_it_out(name, action, fields, bodies):
    doc = extract_text(f"Sök\n\n{name}\n\n{action}\n\n{fields}")
    assert [(a.text.rstrip("."), a.responsible) for a in doc.assignments] == [(action.rstrip("."), bodies)]


def test_a_page_without_record_fields_gives_no_action():
    doc = extract_text("Nyheter\n\nLaddplatser i centrum\n\nKommunen ska bygga fler laddplatser i centrum nästa år.\n\n"
                       "Kontakt: Tekniska kontoret\n")
    assert doc.assignments == []


# --- a measure's own page asks it as a question, its values one a line under a glued header --------------------

def test_a_measure_asked_as_a_question_over_its_values():
    text = ("Hur många bostäder har färdigställts per 1 000 invånare i kommunen?\n\n"
            "Norrby 2024Snitt KKiKSämsta värdeBästa värdeUtveckling\n\n4,2\n\n3,1\n\n0,4\n\n12,8\n\n»\n\n"
            "Kommentar\n\nResultatet har förbättrats.\n")
    inds = extract_text(text).indicators
    assert [i.name for i in inds] == ["Hur många bostäder har färdigställts per 1 000 invånare i kommunen"]
    assert [(v.kind, v.year, v.value) for v in inds[0].values][:2] == [("actual", 2024, 4.2), ("comparison", None, 3.1)]


# --- the paragraph after "Till exempel:" is an example, no goal ---------------------------------------------------

def test_an_example_under_goals_is_no_goal():
    text = ("Kommunens mål\n\nDessa mål är\n\n  • En trygg uppväxt\n  • Ett växande näringsliv\n\n"
            "Målen gäller alla verksamheter. Till exempel:\n\n"
            "Vi behöver bra skolor för att familjer ska vilja flytta hit. Det kräver att vi bygger nya förskolor.\n")
    assert _goals(text) == ["En trygg uppväxt", "Ett växande näringsliv"]


# --- a decision told with its date, to a body named "X- och Ynämnden"; a decision told as a study to make ----------

@pytest.mark.parametrize("text,task", [
    ("Kommunstyrelsens arbetsutskott beslutade den 3 mars att kultur- och fritidsnämnden ska redovisa en plan för "
     "hur besöken på biblioteken kan öka.",
     "kultur- och fritidsnämnden ska redovisa en plan för hur besöken på biblioteken kan öka"),
    ("Fullmäktige behandlade utredningen om en ny brandstation. Beslutet blev att gå vidare med en fördjupad "
     "utredning av två tänkbara tomter.",
     "gå vidare med en fördjupad utredning av två tänkbara tomter"),
])
def test_decisions_told_in_news(text, task):
    assert _assignments(text) == [task]


def test_a_decision_that_approves_is_no_assignment():
    text = ("Fullmäktige behandlade budgeten. Beslutet blev att anta budgeten med oförändrad skattesats. "
            "Bakgrunden till beslutet är att nämnderna har utrett sina kostnader.")
    assert _assignments(text) == []


# --- a goal's account that ends by summing up its assessment --------------------------------------------------

@pytest.mark.parametrize("verdict,status", [
    ("Den sammanvägda bedömningen blir därmed att målet är delvis uppfyllt.", "partial"),
    ("Den samlade bedömningen är att målet är uppfyllt.", "done"),
])
def test_a_goal_account_summed_up_in_its_last_sentence(verdict, status):
    text = ("Barn och äldre\n\nHär redovisas bedömningen av kommunfullmäktiges mål.\n\n"
            "Äldre ska känna sig trygga i sitt boende\n\nTre nämnder följer målet med egna indikatorer. De flesta "
            f"målnivåer har nåtts under året, men trygghetsmätningen visar sämre resultat än tidigare. {verdict}\n")
    fus = extract_text(text).followups
    assert [(f.refers_to, f.status) for f in fus] == [("Äldre ska känna sig trygga i sitt boende", status)]


def test_a_summing_up_of_something_else_is_no_goal_verdict():
    text = ("Barn och äldre\n\nHär redovisas bedömningen av kommunfullmäktiges mål.\n\n"
            "Äldre ska känna sig trygga i sitt boende\n\nNämnden har granskat boendena. Den samlade bedömningen är "
            "att lokalerna behöver renoveras.\n")
    assert extract_text(text).followups == []


# --- a decision run together by a transcript: the bodies named first, a part heading run into its end ------------

@pytest.mark.parametrize("text,task", [
    ("Rapporten godkänns och åtgärderna fortsätter under hösten Kommunkansliet och berörda nämnder får i uppdrag att "
     "redovisa vidtagna åtgärder senast den 15 mars Ärendebeskrivning Under året har kontrollerna visat brister.",
     "Kommunkansliet och berörda nämnder får i uppdrag att redovisa vidtagna åtgärder senast den 15 mars"),
    ("Styrelsen beslutar att ge ekonomikontoret i uppdrag att ta fram en ny modell för internhyror Beslutsunderlag "
     "Tjänsteskrivelse daterad 2024-02-01.",
     "ekonomikontoret i uppdrag att ta fram en ny modell för internhyror"),
])
def test_a_transcript_run_decision(text, task):
    assert _assignments(text) == [task]


def test_a_dashed_decision_list_run_together():
    text = ("Förslag till beslut Kommunstyrelsen föreslår kommunfullmäktige besluta - motionen anses besvarad med "
            "följande: - tekniska kontoret uppmanas fortsätta dialogen med Trafikverket om en gång- och cykelväg - "
            "till kontaktperson utses gatuchefen - kommunen är positiv till att dela kostnaden")
    assert _assignments(text) == ["tekniska kontoret uppmanas fortsätta dialogen med Trafikverket om en gång- och "
                                  "cykelväg"]


# --- a goal table with the council's and the committee's goal columns before the assessment, flattened ------------

def test_council_and_committee_goal_columns_flattened():
    text = ("Medborgare\n\nKommungemensamma mål Nämndens mål Måluppfyllelse\n\n"
            "Trygga invånare Delvis uppnått\n\nTrygga invånare Uppnått\n\n"
            "Goda skolresultat Avser ej nämnd\n\n"
            "Aktiv fritid Delvis uppnått\n\nFler besökare i simhallen Uppnått\n\n"
            "Hållbar omsorg Delvis uppnått Bättre stöd i hemmet genom tidiga\n\ninsatser Ej uppnått\n\n"
            "Sammanfattning\n\nArbetet har påbörjats inom alla områden.\n")
    doc = extract_text(text)
    goals = [(g.text, g.level) for g in doc.goals]
    assert goals == [("Trygga invånare", "council"), ("Trygga invånare", "committee"),
                     ("Goda skolresultat", "council"), ("Aktiv fritid", "council"),
                     ("Fler besökare i simhallen", "council"), ("Hållbar omsorg", "council"),
                     ("Bättre stöd i hemmet genom tidiga insatser", "council")]
    assert doc.goals[1].parent == doc.goals[0].id
    fus = [(f.refers_to, f.status) for f in doc.followups]
    assert fus == [("Trygga invånare", "partial"), ("Trygga invånare", "done"), ("Aktiv fritid", "partial"),
                   ("Fler besökare i simhallen", "done"), ("Hållbar omsorg", "partial"),
                   ("Bättre stöd i hemmet genom tidiga insatser", "not_done")]


# --- goals said as sentences after "<someone's> mål är att <aim>", the next ones opening "Att …" or with "ska" --------

def test_goals_said_as_a_run_of_sentences():
    text = ("Plattform 2027-2030\n\nStyrets mål är att göra kommunen till en bättre plats för barnfamiljer. Att "
            "hålla skatten oförändrad. Skolorna ska ha behöriga lärare i alla ämnen. Äldreomsorgen ska ge trygghet. "
            "Detta ska göras genom att:\n • Bygga två nya förskolor.\n • Anställa fler lärare.\n")
    assert _goals(text)[:4] == ["göra kommunen till en bättre plats för barnfamiljer", "hålla skatten oförändrad",
                                "Skolorna ska ha behöriga lärare i alla ämnen", "Äldreomsorgen ska ge trygghet"]
    assert "Detta ska göras genom att:" not in _goals(text)


def test_an_aim_said_without_a_list_after_it_stays_prose():
    text = "Bakgrund\n\nProjektets mål är att göra ansökan enklare. Det startade i fjol och har gått bra.\n"
    assert _goals(text) == []


# --- a report's contents run into one paragraph, its goals each after its area's name in capitals ---------------

def test_goals_in_a_run_on_contents_after_their_areas():
    text = ("Bokslut 2024 FRITIDSVERKSAMHET\n\n"
            "Innehållsförteckning 1 Verksamhet Driftredovisning Årets händelser Mål och måluppfyllelse... 3 FRITID - "
            "Besökarna ska vara nöjda med anläggningarnas öppettider FRITID OCH KULTUR - Fler unga ska delta i "
            "föreningslivet... 4 KULTUR - Utveckla bibliotekens programverksamhet för äldre... 5 FRITID - "
            "Anläggningarna ska drivas med förnybar energi Ekonomi Kommentarer till investeringar Framtid "
            "Verksamhetsmått... 7\n\n"
            "1 Verksamhet Året har präglats av stora besöksökningar i simhallen och nya öppettider på helgerna.\n")
    doc = extract_text(text)
    assert [g.text for g in doc.goals] == [
        "Besökarna ska vara nöjda med anläggningarnas öppettider", "Fler unga ska delta i föreningslivet",
        "Utveckla bibliotekens programverksamhet för äldre", "Anläggningarna ska drivas med förnybar energi"]
    assert doc.followups == []  # the contents name them; nothing after the list accounts for them


def test_chapter_titles_run_on_after_a_contents_goal_are_cut_however_many():
    chapters = " ".join(["Ekonomi", "Kommentarer till investeringar", "Driftredovisning", "Personal", "Sjukfrånvaro",
                         "Miljöarbete", "Framtid", "Verksamhetsmått", "Jämförelser", "Nyckeltal", "Ordlista"])
    text = ("Bokslut 2024\n\nInnehållsförteckning Mål och måluppfyllelse... 3 FRITID - Besökarna ska vara nöjda "
            f"med öppettiderna... 4 FRITID - Fler unga ska delta i föreningslivet {chapters}... 9 Bilagor... 12 "
            "Register... 14\n\nVerksamhet Året har präglats av många besök.\n")
    assert _goals(text) == ["Besökarna ska vara nöjda med öppettiderna", "Fler unga ska delta i föreningslivet"]


def test_a_run_on_contents_of_chapters_gives_no_goals():
    text = ("Årsredovisning 2024\n\nInnehåll Förord... 3 EKONOMI - Resultaträkning Balansräkning... 12 PERSONAL - "
            "Sjukfrånvaro och hälsa... 20 Bilagor... 30\n\nFörord Året har varit händelserikt.\n")
    assert _goals(text) == []


# --- a numbered goal that opens on the figure it counts -----------------------------------------------------------

def test_numbered_goals_opening_on_a_figure():
    text = ("Mål för 2026\n\n  1. 1500 nya bostäder till 2030.\n  2. 800 nya arbetstillfällen till år 2030.\n"
            "  3. Sänkt arbetslöshet bland unga.\n")
    assert _goals(text) == ["1500 nya bostäder till 2030", "800 nya arbetstillfällen till år 2030",
                            "Sänkt arbetslöshet bland unga"]


def test_a_numbered_line_of_figures_is_no_item():
    from plantrace.extract.blocks import split_numbered
    assert split_numbered("1. 2000 nya bostäder") == ("1", True, "2000 nya bostäder")
    assert split_numbered("3 250 000") is None and split_numbered("12 2023") is None


# --- a news item on a committee's goals: the goals said in prose, a politician's quote no goal --------------------

def test_goals_a_news_item_says_and_a_quote():
    text = ("Så ser nämndens mål ut för 2026\n\nMål för 2026\n\nDe politiska målen för 2026 omfattar bland annat "
            "att fler elever ska nå gymnasiebehörighet och att frånvaron i grundskolan ska minska. Verksamheten ska "
            "arbeta för goda förutsättningar.\n\n– Vi har länge haft goda resultat och det ska vi fortsätta med. Nu ska vi bli "
            "ännu bättre, säger Karin Lund, ordförande.\n")
    assert _goals(text) == ["fler elever ska nå gymnasiebehörighet", "frånvaron i grundskolan ska minska"]


# --- the other points of a decision list beside a point that gives an assignment -------------------------------

def test_tasks_beside_an_assignment_in_a_decision_list():
    text = ("Nattfasta i äldreomsorgen\n\nI går beslutade nämnden att utreda nattfastan.\n\n"
            "  1. Omsorgsförvaltningen får i uppdrag att ta fram förslag på hur nattfastan kan kortas.\n\n"
            "  2. Omsorgsförvaltningen tar fram en kostnadsberäkning för förslagen\n\n"
            "  3. Att utredningen återrapporteras till nämnden i maj 2026\n\nfacebook Twitter Email\n")
    assert _assignments(text) == [
        "Omsorgsförvaltningen får i uppdrag att ta fram förslag på hur nattfastan kan kortas",
        "Omsorgsförvaltningen tar fram en kostnadsberäkning för förslagen",
        "utredningen återrapporteras till nämnden i maj 2026"]


def test_a_list_of_what_bodies_do_without_an_assignment_gives_none():
    text = ("Så arbetar vi\n\n  1. Omsorgsförvaltningen tar fram en årlig verksamhetsberättelse\n\n"
            "  2. Utredningen redovisas på nämndens webbplats\n")
    assert _assignments(text) == []


# --- a goal's area named in a field, then the goal under its numbered label on the same line ----------------------

def test_area_field_then_numbered_goal_on_one_line():
    text = ("Vilka mål kan du se?\n\nPrioriterat område: Trygg uppväxt Mål 3 Fler barn i förskolan\n\n"
            "Fokusområde: Hållbar miljö Mål 17 Minskade utsläpp från transporter\n")
    goals = extract_text(text).goals
    assert [(g.number, g.text) for g in goals] == [("3", "Fler barn i förskolan"),
                                                  ("17", "Minskade utsläpp från transporter")]


def test_a_field_line_naming_a_goal_count_is_no_goal():
    assert _goals("Område: Trygg uppväxt mål 3 av 10 uppnådda enligt årets uppföljning\n") == []
