"""What a PDF does to a document's structure, read from text that has the same shape (issue 14): a goal or an
assignment set in a heading's font, a table's merged goal cell on a row of its own, a running footer in bold,
a cell's wrapped line set apart as a paragraph of its own. Markdown headings stand for the PDF's font headings."""

from __future__ import annotations

from plantrace.extract import extract_text


def test_a_goal_set_as_a_heading_over_a_comment_and_its_measures():
    """"## <goal>" ⏎ a comment ⏎ a table of measures: the heading states the goal the table follows up; a heading
    over a table that says nothing of what shall be ("## Nyckeltal") is none, nor is a goal heading over prose."""
    text = ("# Årsrapport 2024\n\n## Biblioteken ska nå fler barn i alla kommundelar\n\n"
            "Besöken ökade under hösten efter att öppettiderna utökats.\n\n"
            "Mätetal\tUtfall 2023\tUtfall 2024\tMål 2024\n"
            "Antal utlån till barn per barn\t9\t11\t10\n"
            "Andel skolor med skolbibliotek (%)\t80 %\t85 %\t100 %\n\n"
            "## Nyckeltal\n\nMätetal\tUtfall 2023\tUtfall 2024\n"
            "Antal besök per invånare\t5\t6\n\n"
            "## Kulturskolan ska vara öppen för alla\n\nKulturskolan har haft kö hela året och fler lärare behövs.\n\n"
            "Lärarna har arbetat med nya former för undervisning i grupp.\n")
    d = extract_text(text, source="arsrapport.txt")
    assert [g.text for g in d.goals] == ["Biblioteken ska nå fler barn i alla kommundelar"]
    assert {i.name: i.goal for i in d.indicators}["Antal utlån till barn per barn"] == d.goals[0].id


def test_goal_cells_of_a_goal_first_scorecard_on_rows_of_their_own_are_goals():
    """"Nämndmål | Indikator | Utfall …" where each goal cell stands on a row of its own (a merged cell the PDF
    reader gave its own row): each is a goal, and the measures under it are linked to it."""
    text = ("Styrkort 2024\n\nNämndmål\tIndikator\tUtfall 2023\tUtfall 2024\tMålvärde 2024\n"
            "Fler unga ska delta i föreningslivet\t\t\t\t\n"
            "\tAndel unga i föreningsaktiviteter (%)\t41 %\t44 %\t45 %\n"
            "\tAntal föreningar med ungdomsverksamhet\t52\t55\t60\n"
            "Idrottsanläggningarna ska vara tillgängliga\t\t\t\t\n"
            "\tAndel bokningsbara timmar som används (%)\t71 %\t76 %\t80 %\n")
    d = extract_text(text, source="styrkort.txt")
    goals = {g.text: g.id for g in d.goals}
    assert list(goals) == ["Fler unga ska delta i föreningslivet", "Idrottsanläggningarna ska vara tillgängliga"]
    linked = {i.name: i.goal for i in d.indicators}
    assert linked == {"Andel unga i föreningsaktiviteter (%)": goals["Fler unga ska delta i föreningslivet"],
                      "Antal föreningar med ungdomsverksamhet": goals["Fler unga ska delta i föreningslivet"],
                      "Andel bokningsbara timmar som används (%)": goals["Idrottsanläggningarna ska vara tillgängliga"]}


def test_a_status_table_whose_wrapped_cells_and_footer_stand_apart():
    """"Uppdrag Status Ansvarig Kommentar" rows where the item cell's last words stand in a paragraph of their
    own below the row, and a running footer set as a heading between two pages' rows: every row is read whole."""
    text = ("Uppföljning av uppdrag\n\nUppdrag Status Ansvarig Kommentar\n\n"
            "Ta fram en plan för fler platser i Klart KFN Planen antogs i maj.\n\nfritidshemmen\n\n"
            "Utred hur simundervisningen kan nå alla elever i Pågår KFN, BUN Redovisas i höst.\n\nårskurs 4–6\n\n"
            "## Uppföljning 2024 3 (4)\n\n"
            "Inför lovaktiviteter i samtliga kommundelar Ej påbörjat KFN Saknar finansiering.\n\n"
            "## Ekonomi\n\nNämnden redovisar ett överskott.\n")
    d = extract_text(text, source="uppfoljning.txt")
    assert [a.text for a in d.assignments] == [
        "Ta fram en plan för fler platser i fritidshemmen",
        "Utred hur simundervisningen kan nå alla elever i årskurs 4–6",
        "Inför lovaktiviteter i samtliga kommundelar"]
    assert [f.status for f in d.followups] == ["done", "ongoing", "not_done"]


def test_an_assignment_set_as_a_heading_with_its_responsible_committee():
    """"## Inför … (KS)" over its status: an imperative naming who carries it out is an assignment, not a title;
    a heading that only names a topic stays a title."""
    text = ("Uppdrag 2024\n\n## Inför en gemensam rutin för synpunkter från invånare (KS)\n\n"
            "Uppdraget är delvis genomfört under året.\n\n## Personal och kompetens\n\n"
            "Rekryteringen av socionomer har gått bättre än väntat.\n")
    d = extract_text(text, source="uppdrag.txt")
    assert [(a.text, a.responsible) for a in d.assignments] == [
        ("Inför en gemensam rutin för synpunkter från invånare", ["KS"])]


def test_a_running_footer_in_a_headings_font_keeps_the_list_under_its_title():
    """Bullets under "Uppdrag från fullmäktige" broken by a page whose footer ("Verksamhetsplan 2025 4") the
    PDF set as a heading: the imperative bullets after it are still the title's assignments."""
    text = ("## Uppdrag från fullmäktige\n\n- Utveckla samarbetet med skolorna kring unga som far illa.\n"
            "- Ta fram en plan för fler trygghetsboenden.\n\n## Verksamhetsplan 2025 4\n\n"
            "- Utveckla uppföljningen av hemtjänstens kvalitet.\n")
    d = extract_text(text, source="vp.txt")
    assert [a.text for a in d.assignments] == ["Utveckla samarbetet med skolorna kring unga som far illa.",
                                               "Ta fram en plan för fler trygghetsboenden.",
                                               "Utveckla uppföljningen av hemtjänstens kvalitet."]


def test_a_title_numbered_next_after_a_numbered_chapter_is_a_chapter_too():
    """"5. Uppdrag" with "5.1." … items, then "6. Ekonomi" with no sub-numbers: a chapter heading after the last
    item, not one more assignment; a "6." that says something ("6. Utred …") stays an item."""
    text = ("4. Mål\n\n4.1. Fler ska cykla till jobbet\n4.2. Avfallet ska minska\n\n5. Uppdrag\n\n"
            "5.1. Utred en ny återvinningscentral.\n5.2. Ta fram en cykelplan.\n\n6. Ekonomi\n\n"
            "Nämnden har en budget i balans.\n")
    d = extract_text(text, source="plan.txt")
    assert [a.text for a in d.assignments] == ["Utred en ny återvinningscentral.", "Ta fram en cykelplan."]
    assert "Ekonomi" in [s.title for s in d.sections]


def test_a_label_word_in_a_title_with_another_kind_labels_nothing():
    """"Strategiska mål och mått" names a chapter of goals and measures; it is not a goal labelled "Strategiska
    mål", while "Strategiskt mål: Fler ska …" is."""
    from plantrace.extract.vocabulary import match_label
    assert match_label("Strategiska mål och mått") is None
    assert match_label("Nämndmål samt indikatorer") is None
    assert match_label("Målområde - Mål för att...") is None  # a template's column titles, its items below
    m = match_label("Strategiskt mål: Fler ska ha ett arbete")
    assert m is not None and m.kind == "goal" and m.text == "Fler ska ha ett arbete"


def test_key_figures_of_a_five_year_summary_whose_figures_the_transcript_lost():
    """"Fem år i sammandrag" run into one paragraph with group titles in capitals, units in parentheses and a
    footnote star between the names, figures only for some rows: each name is a key figure, the group titles
    and units are not part of any."""
    text = ("3 (88) Fem år i sammandrag BEFOLKNING Invånare Inflyttade Utflyttade SKATT Kommunal skattesats 21,5 "
            "21,5 21,9 21,9 21,9 EKONOMI Årets resultat (mnkr) * Nettokostnader (mnkr) Nettoinvesteringar (mnkr) "
            "Soliditet (%) Soliditet med pensionsåtagande (%) 12 9 *Se not i avsnittet om ekonomi\n")
    names = [i.name for i in extract_text(text, source="ar.txt").indicators]
    assert names == ["Invånare", "Inflyttade", "Utflyttade", "Kommunal skattesats", "Årets resultat",
                     "Nettokostnader", "Nettoinvesteringar", "Soliditet", "Soliditet med pensionsåtagande"]


def test_agenda_items_whose_source_note_marks_them_as_assignments():
    """A transcript's agenda run into one line: items separated by their "Dnr …" and labels; an item whose note
    says it is an assignment ("(Uppdrag från kommunfullmäktige …)", "(KF-uppdrag)") is one, the others are not."""
    text = ("Kallelse och föredragningslista. Följande ärenden ska behandlas: 1. Informationsärende: Lokalplan för "
            "förskolan Dnr UN 2023/101 Information: Översyn av skolskjutsreglerna (Uppdrag från kommunfullmäktige "
            "mars 2022 § 45) Dnr UN 2023/102 Information Kostnader för modersmålsundervisning (KF-uppdrag) Dnr UN "
            "2023/103 Delårsrapport per den 30 april Dnr UN 2023/104\n")
    d = extract_text(text, source="kallelse.txt")
    assert [a.text for a in d.assignments] == ["Översyn av skolskjutsreglerna", "Kostnader för modersmålsundervisning"]


def test_tasks_a_decision_gives_a_committee_in_bullets_and_in_a_sentence():
    """Under "Beslut": "<Nämnden> ska i samverkan med X:" ⏎ • <task>, … and "<Kontoret> ska också utreda …": each
    task is an assignment; the same bullets under a heading that decides nothing ("Bakgrund") are none."""
    decided = ("Beslut\n\nKultur- och fritidsnämnden får 2 miljoner kronor extra för 2024. Nämnden ska i samverkan "
               "med skolorna:\n\n • ordna fler lovaktiviteter för barn i familjer med låga inkomster,\n"
               " • förlänga öppettiderna på fritidsgårdarna under sommaren och\n"
               " • erbjuda simskola till alla sexåringar.\n\n"
               "Kommunledningskontoret ska också utreda hur föreningarna kan få del av pengarna.\n")
    d = extract_text(decided, source="beslut.txt")
    assert [a.text for a in d.assignments] == [
        "ordna fler lovaktiviteter för barn i familjer med låga inkomster",
        "förlänga öppettiderna på fritidsgårdarna under sommaren",
        "erbjuda simskola till alla sexåringar",
        "Kommunledningskontoret ska också utreda hur föreningarna kan få del av pengarna"]
    background = decided.replace("Beslut\n", "Bakgrund\n").replace("Kommunledningskontoret ska också utreda",
                                                                     "Kommunledningskontoret har tidigare utrett")
    assert not extract_text(background, source="bakgrund.txt").assignments
