"""Reading PDF pages by geometry and fonts, whatever program laid them out (issue 14).

Each test lays out a small invented page with pymupdf's Story (HTML and CSS, as a web export or a word
processor would set it) and checks one reading rule: bullets drawn as shapes, lines the author broke against
lines the program wrapped, label lines, att-clauses, tables with horizontal rules only or none at all, and two
columns of justified text.
"""

from __future__ import annotations

import io
from pathlib import Path

import pymupdf
import pytest

from plantrace.extract import extract_file
from plantrace.extract.pdf_reader import PageText, VLine, _line_lead, _merge_baseline, _paragraphs, read_pdf

A4 = pymupdf.paper_rect("a4")


def _story_pdf(path: Path, html: str, css: str = "", columns: int = 1) -> Path:
    story = pymupdf.Story(html, user_css="body { font-family: sans-serif; font-size: 10pt; } " + css)
    buf = io.BytesIO()
    writer = pymupdf.DocumentWriter(buf)
    margin, gap = 56, 18
    width = (A4.width - 2 * margin - gap * (columns - 1)) / columns

    def rect(n, filled):
        page, col = divmod(n, columns)
        x0 = margin + col * (width + gap)
        return (A4 if col == 0 else None), pymupdf.Rect(x0, 60, x0 + width, A4.height - 60), None

    story.write(writer, rect)
    writer.close()
    path.write_bytes(buf.getvalue())
    return path


def _lines(path: Path) -> list[str]:
    return [ln.text for ln in read_pdf(path).lines if ln.text]


def test_wrapped_lines_join_and_broken_lines_stay(tmp_path):
    long = ("Nämnden ska under året utveckla samarbetet med skolan och civilsamhället så att fler barn och unga "
            "får stöd tidigt och att insatserna följs upp på ett likartat sätt i alla kommundelar.")
    html = (f"<p>{long}</p>"
            "<p style='margin:0'>Uppdrag: Ta fram en plan för fler feriejobb (KS)</p>"
            "<p style='margin:0'>Status: Pågår</p>"
            "<p style='margin:0'>Planen tas fram tillsammans med näringslivet.</p>")
    lines = _lines(_story_pdf(tmp_path / "p.pdf", html))
    assert long in lines  # one paragraph wrapped by the program: one line
    assert "Uppdrag: Ta fram en plan för fler feriejobb (KS)" in lines
    assert "Status: Pågår" in lines  # a short line the author ended is a line of its own


def test_label_line_after_a_full_line_is_its_own_line(tmp_path):
    # the item fills its line, so "Status:" would not have fitted after it; the label still starts a line
    item = "Uppdrag: Utred hur lokalerna för fritidsverksamheten kan samordnas med skolans lokaler i hela kommunen"
    html = f"<p style='margin:0'>{item}</p><p style='margin:0'>Status: Genomförd</p>"
    pdf = _story_pdf(tmp_path / "p.pdf", html, css="p { font-size: 10.4pt; }")
    assert "Status: Genomförd" in _lines(pdf)


def test_drawn_bullets_are_bullets(tmp_path):
    pdf = tmp_path / "b.pdf"
    doc = pymupdf.open()
    page = doc.new_page()
    items = ["Fler ska gå från bidrag till arbete", "Väntetiderna till boende ska minska",
             "Andelen nöjda brukare ska öka"]
    page.insert_text((72, 90), "Nämndens mål:", fontsize=10)
    for k, text in enumerate(items):
        y = 110 + 16 * k
        page.draw_rect(pymupdf.Rect(74, y - 5.5, 77, y - 2.5), color=None, fill=(0, 0, 0))  # the engine's dot
        page.insert_text((86, y), text, fontsize=10)
    page.draw_rect(pymupdf.Rect(74, 170 - 6, 80, 170), color=None, fill=(0.1, 0.7, 0.2))  # a green status dot
    page.insert_text((86, 170), "Målet är uppfyllt", fontsize=10)
    doc.save(pdf)
    lines = _lines(pdf)
    assert [f"• {t}" for t in items] == [l for l in lines if l.startswith("•")]
    assert "Målet är uppfyllt" in lines


def test_att_clauses_each_start_a_line(tmp_path):
    html = ("<p>Nämnden beslutar</p><p style='margin:0'>att ge förvaltningen i uppdrag att ta fram en plan för "
            "kortare handläggningstider,</p><p style='margin:0'>att uppdra åt förvaltningen att redovisa "
            "planen senast i juni,</p><p style='margin:0'>att i övrigt lägga informationen till handlingarna.</p>")
    lines = _lines(_story_pdf(tmp_path / "a.pdf", html, css="p { font-size: 13pt; }"))
    assert sum(1 for l in lines if l.startswith("att ")) == 3


TABLE = ("<p>Tabell över nämndens nyckeltal.</p><table><tr><th>Nyckeltal</th><th>Utfall 2023</th><th>Utfall 2024</th>"
         "<th>Målvärde 2025</th></tr>"
         "<tr><td>Andel elever som känner sig trygga i skolan under hela läsåret (%)</td><td>81 %</td><td>84 %</td>"
         "<td>Minst 90 %</td></tr>"
         "<tr><td>Antal besök på biblioteken per invånare</td><td>4,1</td><td>4,6</td><td>5,0</td></tr>"
         "<tr><td>Kostnad per elev i grundskolan, kronor</td><td>112 300</td><td>118 900</td><td>Max 120 000</td></tr>"
         "</table><p>Utfallen kommer från kommunens egen statistik och från Kolada.</p>")


@pytest.mark.parametrize("css", [
    "th, td { border-top: 0.6pt solid #444; border-bottom: 0.6pt solid #444; padding: 2pt 6pt; }",  # rules only
    "th, td { padding: 3pt 8pt; } th { background: #cfe3e6; }",  # no rules, a shaded header
    "th, td { padding: 1pt 2pt; font-size: 8pt; }",  # no rules, tight
], ids=["horizontal-rules", "shaded-header", "tight"])
def test_table_without_vertical_rules(tmp_path, css):
    doc = extract_file(_story_pdf(tmp_path / "t.pdf", TABLE, css="table { width: 100%; } th { text-align: left; } " + css))
    rows = {i.name: {(v.kind, v.year): v.raw for v in i.values} for i in doc.indicators}
    assert set(rows) == {"Andel elever som känner sig trygga i skolan under hela läsåret (%)",
                         "Antal besök på biblioteken per invånare", "Kostnad per elev i grundskolan, kronor"}
    assert rows["Antal besök på biblioteken per invånare"] == {
        ("actual", 2023): "4,1", ("actual", 2024): "4,6", ("target", 2025): "5,0"}
    assert rows["Kostnad per elev i grundskolan, kronor"][("target", 2025)] == "Max 120 000"


def test_two_justified_columns_are_read_in_order_and_are_no_table(tmp_path):
    para = ("Förvaltningen har under året arbetat vidare med att korta väntetiderna och att göra det enklare för "
            "invånarna att komma i kontakt med verksamheterna. ")
    html = "".join(f"<p>{k}. {para * 3}</p>" for k in range(1, 9))
    pdf = _story_pdf(tmp_path / "c.pdf", html, css="p { text-align: justify; font-size: 9pt; }", columns=2)
    layout = read_pdf(pdf)
    assert not any(ln.cells for ln in layout.lines)
    text = "\n".join(ln.text for ln in layout.lines)
    starts = [text.index(f"{k}. Förvaltningen") for k in range(1, 9)]
    assert starts == sorted(starts)


def test_table_with_vertically_centred_cells(tmp_path):
    """A word processor centres short cells beside a wrapped one: their words share no baseline with it."""
    css = ("table { width: 100%; } th { text-align: left; background: #dde; } th, td { padding: 1pt 2pt; "
           "vertical-align: middle; font-size: 8.5pt; }")
    doc = extract_file(_story_pdf(tmp_path / "v.pdf", TABLE, css=css))
    rows = {i.name: {(v.kind, v.year): v.raw for v in i.values} for i in doc.indicators}
    assert rows.get("Andel elever som känner sig trygga i skolan under hela läsåret (%)") == {
        ("actual", 2023): "81 %", ("actual", 2024): "84 %", ("target", 2025): "Minst 90 %"}


def test_two_columns_set_in_pieces(tmp_path):
    """Justified lines written word by word (wide spaces, so text extraction returns pieces of lines) are still
    two columns of prose, read left then right, and no table."""
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    words = ("Nämnden har under året arbetat med att korta väntetiderna och att göra det lättare för invånarna "
             "att nå verksamheterna utan att behöva vänta på besked").split()
    for col, x0 in (("V", 50), ("H", 310)):
        for k in range(24):
            line = [f"{col}{k:02d}"] + words[k % 9: k % 9 + 6 + k % 3]
            widths = [pymupdf.get_text_length(w, fontsize=9) for w in line]
            space = (235 - sum(widths)) / (len(line) - 1)  # justified to a 235-point column
            x = x0
            for w, width in zip(line, widths):
                page.insert_text((x, 80 + 13 * k), w, fontsize=9)
                x += width + space
    path = tmp_path / "pieces.pdf"
    doc.save(path)
    layout = read_pdf(path)
    assert not any(ln.cells for ln in layout.lines)
    order = [w for ln in layout.lines for w in ln.text.split() if w[:1] in "VH" and w[1:3].isdigit()]
    assert order == [f"V{k:02d}" for k in range(24)] + [f"H{k:02d}" for k in range(24)]


def test_att_clauses_at_a_tab_stop_are_no_table(tmp_path):
    """A protocol sets "att" at the margin and the clause at a tab stop: a list of clauses, not a table."""
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 90), "Nämnden beslutar", fontsize=10)
    clauses = ["uppdra åt förvaltningen att ta fram en plan för fler lärlingsplatser,",
               "uppdra åt förvaltningen att se över avgifterna för fritidsverksamheten,",
               "i övrigt lägga informationen till handlingarna."]
    for k, clause in enumerate(clauses):
        page.insert_text((72, 110 + 14 * k), "att", fontsize=10)
        page.insert_text((108, 110 + 14 * k), clause, fontsize=10)
    path = tmp_path / "att.pdf"
    doc.save(path)
    assert not any(ln.cells for ln in read_pdf(path).lines)
    assert len(extract_file(path).assignments) == 2


def test_a_page_number_beside_a_wrapped_contents_entry_is_a_cell(tmp_path):
    """A contents entry wrapped in a narrow column with its page number beside the first line, about an em away:
    the number is a cell of the line (a contents entry), not a word inside the entry ("… för barn 11 i åldern …")."""
    entry = "4.3 Nämnden uppdras att erbjuda fler förebyggande insatser för barn i åldern sju till tolv år."
    html = ("<h2>Innehåll</h2><table style='border-collapse: collapse'><tr><td>" + entry + "</td>"
            "<td style='text-align: right'>11</td></tr></table><h2>Inledning</h2>"
            "<p>Nämnden redovisar här sitt arbete under året med barn och unga i kommunen.</p>")
    lines = _lines(_story_pdf(tmp_path / "toc.pdf", html, css="td { font-size: 7pt; padding-left: 6pt; }", columns=3))
    assert not any(" 11 " in line for line in lines), lines
    assert any(line.endswith("\t11") for line in lines), lines


def test_a_second_header_row_with_an_empty_first_cell_is_no_indicator(tmp_path):
    """"Indikator | Nuvärde (three columns) | Målsättning" over "(empty) | Totalt | Kvinnor | Män": the second row
    fills columns the first left empty, so it is a header row of its own, and the measures below are the
    indicators, not "Totalt"."""
    html = ("<h2>Personal</h2><p>Nämndmål: Kommunen ska vara en attraktiv arbetsgivare.</p><table><tr>"
            "<th style='width:36pt'>Indikator</th><th colspan='3'>Nuvärde</th>"
            "<th style='width:80pt'>Målsättning</th><th style='width:40pt'>Trend</th></tr>"
            "<tr><td></td><td>Totalt</td><td>Kvinnor</td><td>Män</td><td></td>"
            "<td></td></tr></table><p>Andel medarbetare som rekommenderar sin arbetsplats.</p>"
            "<p>Antal timanställda inom omsorgen.</p><h2>Ekonomi</h2><p>Nämnden redovisar ett överskott.</p>")
    css = ("table { border-collapse: collapse; width: 80%; } th { text-align: left; } "
           "th, td { padding: 1pt 2pt; font-size: 8.5pt; }")
    doc = extract_file(_story_pdf(tmp_path / "h.pdf", html, css=css))
    assert [i.name for i in doc.indicators] == ["Andel medarbetare som rekommenderar sin arbetsplats.",
                                                "Antal timanställda inom omsorgen."]


def test_a_narrow_header_gap_is_a_gutter_when_the_row_below_starts_a_cell_there():
    """Two header cells only a little further apart than a word space ("Indikator" and "Nuvärde", 3.6 points):
    the row below starts its first cell exactly under "Nuvärde" and leaves the gap free, so the gap is a gutter
    (read as a word space, the first column swallowed the first value: "Andel sjuka 12")."""
    from plantrace.extract.pdf_aligned import find_aligned_tables

    def word(x0, x1, y, text, line):
        return (x0, y, x1, y + 8.5, text, 0, line, 0)

    words = [word(58.7, 102.4, 351.3, "Indikator", 0), word(106.0, 146.4, 351.3, "Nuvärde", 0),
             word(290.3, 347.3, 351.3, "Målsättning", 0), word(352.4, 380.3, 351.3, "Trend", 0),
             word(105.8, 130.4, 369.1, "Totalt", 1), word(149.6, 182.0, 369.1, "Kvinnor", 1),
             word(187.3, 205.2, 369.1, "Män", 1),
             word(58.7, 80.0, 387.0, "Andel", 2), word(83.0, 101.0, 387.0, "sjuka", 2),
             word(106.0, 116.0, 387.0, "12", 2), word(150.0, 160.0, 387.0, "14", 2), word(188.0, 198.0, 387.0, "10", 2),
             word(290.3, 300.0, 387.0, "8", 2)]
    assert find_aligned_tables(words)[0].rows == [["Indikator", "Nuvärde", "", "", "Målsättning", "Trend"],
                                                  ["", "Totalt", "Kvinnor", "Män", "", ""],
                                                  ["Andel sjuka", "12", "14", "10", "8", ""]]


def test_a_comment_heading_under_a_goal_keeps_the_comment_with_it(tmp_path):
    """A report's goal, then "Kommentar" set as a heading, then the comment: the comment is the goal's account
    (its status read from it), as in the text; "Sida 2 av 2" in the body is page furniture, no section."""
    html = ("<h1>Verksamhetsberättelse 2025</h1><p>Nämndmål: Fler elever ska nå målen i alla ämnen.</p>"
            "<p>Sida 2 av 2</p><h3>Kommentar</h3><p>Arbetet har försenats på grund av vakanser men beräknas komma "
            "i gång under nästa termin.</p><h2>Ekonomi</h2><p>Nämnden redovisar ett litet överskott.</p>")
    doc = extract_file(_story_pdf(tmp_path / "k.pdf", html))
    assert [(f.refers_to, f.status) for f in doc.followups] == [("Fler elever ska nå målen i alla ämnen.", "ongoing")]
    assert "Sida 2 av 2" not in {s.title for s in doc.sections}


def test_a_table_going_on_at_the_top_of_the_next_page_keeps_its_columns(tmp_path):
    """A table without rules breaks over a page, and the rows on the next page fill only the first and the last
    column: read on their own they have two columns, and the trend "Minska" would sit under "Utfall 2023". They
    keep the columns of the table they continue."""
    full = "".join(f"<tr><td>Antal besök i simhall {k} per invånare</td><td>{k}</td><td>{k + 1}</td><td>{k + 2}</td>"
                   "<td>Öka</td></tr>" for k in range(1, 21))
    sparse = "".join(f"<tr><td>Andel nöjda deltagare i kurs {k}</td><td></td><td></td><td></td><td>Minska</td></tr>"
                     for k in range(1, 21))
    html = ("<p>Nämndmål: Fler ska röra sig varje vecka.</p>"
            + "<p>Nämnden följer upp målet med mått ur egna mätningar.</p>" * 8
            + "<table><tr><th>Indikator</th><th>Utfall 2023</th><th>Utfall 2024</th><th>Målvärde 2025</th>"
            "<th>Trend</th></tr>" + full + sparse + "</table>")
    css = "table { width: 100%; } th { text-align: left; } th, td { padding: 3pt 8pt; }"
    lines = read_pdf(_story_pdf(tmp_path / "c.pdf", html, css=css)).lines
    top = [ln.cells for ln in lines if ln.page == 2 and ln.cells]
    assert top and top[0][0].startswith("Andel nöjda deltagare i kurs")  # the page breaks inside the sparse rows
    assert all(len(cells) == 5 and cells[1:] == ["", "", "", "Minska"] for cells in top)


INTRO = ("Socialnämnden ansvarar för individ- och familjeomsorgen, för stödet till personer med funktionsnedsättning "
         "och för det förebyggande arbetet med barn och unga. Nämnden följer upp sina mål två gånger om året och "
         "redovisar uppdragen från kommunfullmäktige i delårsrapporten och i verksamhetsberättelsen, där varje "
         "uppdrag får en bedömning och en kommentar om vad som återstår.")


def test_a_labelled_item_filling_its_line_ends_before_the_paragraph_set_close_under_it(tmp_path):
    """No space between paragraphs: "Uppdrag: … kriminalitet." ends a sentence at the end of its line and the
    next paragraph starts right under it; the item stops at its own sentence, however its words fall."""
    places = ["skolor", "fritidsgårdar", "bibliotek", "idrottshallar", "badhus", "parker", "torg", "busstationer",
              "köpcentrum", "ungdomsmottagningar", "kulturhus", "föreningslokaler", "simhallar", "skateparker",
              "lekplatser", "sporthallar"]
    after = ("<p style='margin:0'>Nämnden beslutade i mars om en ny inriktning för det förebyggande arbetet med unga "
             "som riskerar att dras in i kriminalitet.</p>")
    for k in range(2, len(places) + 1):  # one of these lengths fills the item's last line
        item = ("Uppdrag: Stärka arbetet mot ungdomsbrottslighet och utveckla samverkan med polisen kring "
                + ", ".join(places[:k]) + ".")
        pdf = _story_pdf(tmp_path / f"u{k}.pdf", f"<p>{INTRO}</p><p style='margin:0'>{item}</p>" + after)
        raw = [ln.text for ln in read_pdf(pdf).lines if ln.text]
        assert item in raw, (k, raw)


@pytest.mark.parametrize("glyph", [16, 24])
def test_a_bullet_set_larger_than_its_text_keeps_its_wrapped_line(tmp_path, glyph):
    """The bullet glyph is set in a larger size than its text, so the first line's box reaches down into the
    next line's: that line still goes on with the item (it is no column going back up), and the paragraph after
    the item stays a paragraph of its own."""
    item = ("Öka placerade barns känsla av sammanhang och förståelse för sin livssituation genom samtal med sina "
            "handläggare minst fyra gånger om året.")
    after = ("Människor med behov av försörjningsstöd ska ges det stöd som ökar deras möjlighet att nå egen "
             "försörjning inom ett år.")
    html = (f"<p style='margin:0 0 0 10pt; text-indent:-10pt; line-height:1.1'><span style='font-size:{glyph}pt'>▪</span>"
            f"&nbsp;&nbsp;{item}</p><p style='margin:0; line-height:1.1'>{after}</p>")
    lines = _lines(_story_pdf(tmp_path / "b.pdf", html, css="body { font-size: 9pt; }"))
    assert lines == [f"• {item}", after] or lines == [f"▪ {item}", after], lines


def test_header_cells_a_word_space_apart_split_where_the_row_below_starts_its_cells():
    """A narrow column's table: "Utfall", "Målvärde" and "Status" stand 2 points apart, no more than words do, but
    each value below ("Ja") starts exactly under a header word, after a wide gap: those gaps are gutters. A
    centred cell wrapped over two lines, whose second line happens to start under a word of the first, is no
    such evidence."""
    from plantrace.extract.pdf_aligned import find_aligned_tables

    def word(x0, x1, y, text, line):
        return (x0, y, x1, y + 9.6, text, 0, line, 0)

    words = [word(52.0, 81.0, 259.7, "Indikator", 0), word(209.2, 226.5, 259.7, "Utfall", 0),
             word(228.5, 257.6, 259.7, "Målvärde", 0), word(259.6, 278.5, 259.7, "Status", 0),
             word(52.0, 93.6, 269.3, "Handlingsplan", 1), word(95.5, 132.5, 269.3, "antagen", 1),
             word(209.2, 215.6, 269.3, "Ja", 1), word(228.5, 235.0, 269.3, "Ja", 1), word(259.6, 266.1, 269.3, "Ja", 1)]
    assert find_aligned_tables(words)[0].rows == [["Indikator", "Utfall", "Målvärde", "Status"],
                                                  ["Handlingsplan antagen", "Ja", "Ja", "Ja"]]
    centred = [word(78.8, 125.7, 365.9, "Genomlys", 0), word(128.7, 188.8, 365.9, "kostnaderna", 0),
               word(191.8, 205.6, 365.9, "för", 0), word(208.5, 230.1, 365.9, "köpt", 0),
               word(233.1, 254.6, 365.9, "vård", 0), word(340.7, 360.0, 365.9, "IFN", 0),
               word(129.7, 171.5, 375.8, "åtgärder", 1), word(174.5, 188.1, 375.8, "för", 1),
               word(191.1, 205.0, 375.8, "att", 1), word(207.9, 236.1, 375.8, "sänka", 1), word(344.0, 356.7, 375.8, "KS", 1)]
    assert all(len(row) == 2 for t in find_aligned_tables(centred) for row in t.rows)


def test_a_table_going_on_without_its_header_keeps_its_first_row():
    """Below a page mark a table goes on without its header, newly laid out; its first row's cells stand only a
    little apart (no seed of a table), the rows below it show the gutters, and the first row keeps clear of
    them: it is the table's first row, not a line of text. The page mark above it, in one column, is not."""
    from plantrace.extract.pdf_aligned import find_aligned_tables

    def line(y, *cells):
        return [(x0, y, x1, y + 9.8, text, 0, 0, 0) for x0, x1, text in cells]

    words = (line(436.7, (51.0, 100.1, "Sida"))
             + line(457.7, (52.0, 165.6, "Utred"), (172.0, 184.9, "KFN,"), (191.1, 208.7, "Pågår"),
                    (220.1, 273.0, "Klart"))
             + line(465.5, (52.0, 155.2, "lokalerna"), (172.0, 179.9, "KS"), (220.1, 262.2, "i höst."))
             + line(482.9, (52.0, 159.0, "Kultur-"), (172.0, 182.3, "KFN"), (191.1, 196.8, "Ej"),
                    (220.1, 254.7, "Startar"))
             + line(490.7, (52.0, 159.6, "nämnden"), (191.1, 215.1, "påbörjat"), (220.1, 251.8, "sedan.")))
    rows = find_aligned_tables(words)[0].rows
    assert rows[0] == ["Utred lokalerna", "KFN, KS", "Pågår", "Klart i höst."]
    assert len(rows) == 2 and rows[1][1:] == ["KFN", "Ej påbörjat", "Startar sedan."]


def test_a_row_with_cells_centred_vertically_at_the_top_of_a_table_going_on():
    """The table goes on at the top of a page without its header, its cells centred vertically: row 4's text
    cell has one line above and one below the line of its number and status. The whole row is the table's first
    row. Above a table that starts with its header, a goal line that happens to keep clear of its gutters stays
    out."""
    from plantrace.extract.pdf_aligned import find_aligned_tables

    def line(y, *cells, h=8.5):
        return [(x0, y, x1, y + h, text, 0, 0, 0) for x0, x1, text in cells]

    words = (line(384.5, (85.9, 316.4, "Nämnden uppdras att halvera"))
             + line(389.5, (59.6, 65.5, "4"), (344.4, 365.3, "VON"), (379.3, 419.2, "Avslutat"),
                    (424.9, 565.2, "Redovisat i maj."))
             + line(394.4, (152.8, 249.6, "de delade turerna"))
             + line(407.3, (335.7, 357.2, "VON,"), (424.6, 557.4, "Klart vid"))
             + line(412.3, (58.3, 63.7, "5"), (69.8, 321.0, "Ta fram en plan för undersköterskor"),
                    (377.1, 419.2, "Pågående"))
             + line(417.2, (335.7, 355.2, "AMN"), (424.6, 467.0, "årsskiftet."))
             + line(430.1, (58.5, 63.9, "6"), (69.8, 284.3, "Inför ett trygghetsteam"), (335.7, 355.0, "VON"),
                    (377.1, 419.2, "Pågående"), (424.6, 557.4, "Klart i juni.")))
    rows = find_aligned_tables(words)[0].rows
    assert rows[0] == ["4", "Nämnden uppdras att halvera de delade turerna", "VON", "Avslutat", "Redovisat i maj."]
    assert [r[0] for r in rows] == ["4", "5", "6"]
    headed = (line(100.0, (52.0, 154.5, "Nämndmål: Fler barn"), (160.0, 200.0, "klarar sig"), h=9.8)
              + line(112.0, (52.0, 81.0, "Indikator"), (160.0, 200.0, "Nuvärde"), (228.0, 280.0, "Målsättning"),
                     (300.0, 330.0, "Trend"), h=9.8)
              + line(124.0, (52.0, 150.0, "Antal anmälningar"), (160.0, 170.0, "12"), (228.0, 240.0, "10"),
                     (300.0, 330.0, "Minska"), h=9.8))
    assert find_aligned_tables(headed)[0].rows[0][0] == "Indikator"


def test_in_justified_text_a_line_short_of_the_edge_ends_its_paragraph(tmp_path):
    # paragraphs set without space between them, in justified columns: the last line of one stops short of the
    # edge (but the next paragraph's first word would not have fitted there) and the next starts in capitals
    filler = ("Förvaltningen har under året arbetat vidare med att korta väntetiderna och att göra det enklare för "
              "invånarna att komma i kontakt med verksamheterna i hela kommunen. ")
    goals = ["Nämnden ska erbjuda stöd tidigt till barn och unga i behov av hjälp i samverkan med andra",
             "Nämnden ska genom ett aktivt arbete säkerställa att fler vuxna får ett arbete",
             "Äldre ska kunna bo kvar hemma så länge de själva önskar med trygg omsorg"]
    html = "".join(f"<p style='margin:0'>{filler * 2}</p>" for _ in range(3)) \
        + "".join(f"<p style='margin:0'>{g}</p>" for g in goals) + f"<p>{filler * 4}</p>"
    pdf = _story_pdf(tmp_path / "j.pdf", html, css="p { text-align: justify; font-size: 9pt; }", columns=2)
    lines = _lines(pdf)
    assert all(g in lines for g in goals)


def test_a_shaded_box_beside_the_columns_is_read_apart_and_gives_no_item(tmp_path):
    para = ("Förvaltningen har under året arbetat vidare med att korta väntetiderna och att göra det enklare för "
            "invånarna att komma i kontakt med verksamheterna i hela kommunen. ")
    html = "".join(f"<p>{para * 3}</p>" for _ in range(8))
    pdf = _story_pdf(tmp_path / "b.pdf", html, css="p { text-align: justify; font-size: 9pt; }", columns=2)
    with pymupdf.open(pdf) as doc:  # a fact box at the top of the right column, as desktop publishing sets one
        page = doc[0]
        box = pymupdf.Rect(A4.width / 2 + 9, 60, A4.width - 56, 160)
        page.add_redact_annot(box)  # (the column's own text makes room for it)
        page.apply_redactions(images=0, graphics=0)
        page.draw_rect(box, color=None, fill=(0.88, 0.92, 0.95), overlay=False)
        page.insert_htmlbox(box + (6, 6, -6, -6), "<p><b>Kort om året</b></p><p>Besök under året: 2 400</p>"
                            "<p>Nämnden ska bli bättre på att svara i telefon.</p>",
                            css="p { font-family: sans-serif; font-size: 8.5pt; margin: 0 0 3pt; }")
        doc.save(tmp_path / "boxed.pdf")
    layout = read_pdf(tmp_path / "boxed.pdf")
    boxed = [ln for ln in layout.lines if "svara i telefon" in ln.text]
    assert boxed and all(ln.aside for ln in boxed)
    page_one = [ln.text for ln in layout.lines if ln.page == 1 and ln.text]
    assert page_one.index(boxed[0].text) > len(page_one) - 4  # after the page's running text
    doc = extract_file(tmp_path / "boxed.pdf")
    assert not any("telefon" in g.text for g in doc.goals)


def test_a_paragraph_gap_smaller_than_the_overlap_of_line_boxes_still_ends_the_paragraph():
    # set tight (9 pt type on 10.8 pt lines: each line's box, 13.2 pt tall, overlaps the next by 2.4 pt) with a
    # small space after each paragraph (4 pt): the gap between boxes is positive only between paragraphs
    lines, y = [], 100.0
    for para in range(12):
        for k in range(3):
            lines.append(VLine(f"rad {k} i stycke {para} med ord som fyller raden ut mot kanten", (72, y, 520, y + 13.2),
                               9.0, False, 1))
            y += 10.8
        y += 4.0
    page = PageText(1, 595, 842, lines)
    usual = _line_lead([page])
    assert usual < -2  # the lines of one paragraph overlap
    paras = [p for p in _paragraphs(lines, 9.0, usual) if not isinstance(p, VLine)]
    assert [len(p.lines) for p in paras] == [3] * 12


def test_two_value_columns_names_a_word_space_apart_are_two_columns_though_the_row_leaves_one_empty():
    """"Utfall Målvärde" set 2 points apart in a narrow column, and the row below leaves the target empty: its
    second "Ja" stands under "Status", so the row has no target (read as one header cell, the "Ja" would be)."""
    from plantrace.extract.pdf_aligned import find_aligned_tables

    def word(x0, x1, y, text, line):
        return (x0, y, x1, y + 9.6, text, 0, line, 0)

    words = [word(316.5, 345.5, 465.6, "Indikator", 0), word(473.7, 491.0, 465.6, "Utfall", 0),
             word(493.0, 522.1, 465.6, "Målvärde", 0), word(524.1, 543.0, 465.6, "Status", 0),
             word(316.5, 352.0, 475.2, "Är", 1), word(354.0, 400.0, 475.2, "planerade", 1),
             word(402.0, 440.0, 475.2, "aktiviteter", 1), word(473.7, 480.2, 475.2, "Ja", 1),
             word(524.1, 530.6, 475.2, "Ja", 1)]
    assert find_aligned_tables(words)[0].rows == [["Indikator", "Utfall", "Målvärde", "Status"],
                                                  ["Är planerade aktiviteter", "Ja", "", "Ja"]]


def test_a_bullet_glyph_whose_box_sits_lower_than_its_text_joins_the_text_on_its_baseline():
    # a producer embedding the fonts anew (Ghostscript's pdfwrite, cairo) gives the bullet glyph a tight box from
    # its own metrics: its top lies below the text's on the same baseline, and ordered by box it came after the text
    lines, base = [], 110.0
    for k in range(3):
        lines.append(VLine("•", (78, base - 5.3, 82, base + 2.5), 11.0, False, 1, base=base))
        lines.append(VLine(f"Mål {k + 1} för nämnden som fyller hela raden ut mot marginalen och går vidare",
                           (92, base - 8.0, 530, base + 2.4), 11.0, False, 1, base=base))
        lines.append(VLine("på nästa rad.", (92, base + 6.5, 160, base + 16.9), 11.0, False, 1, base=base + 14.5))
        base += 29.0
    texts = [ln.text for ln in _merge_baseline(lines)]
    assert [t for t in texts if t.startswith("•")] == [
        f"• Mål {k + 1} för nämnden som fyller hela raden ut mot marginalen och går vidare" for k in range(3)]
    assert "•" not in texts



def test_a_table_header_alone_at_the_foot_of_a_page_gives_its_columns_to_the_rows_on_the_next(tmp_path):
    """No rules, a two-line header ("Utfall" over "2023", the first column's title at mid height) set alone at the
    foot of a page, and its rows at the top of the next: names wrapped over two lines, one value in all. The
    rows take the header's columns, so the one value is the target for 2025, not an outcome."""
    doc = pymupdf.open()
    first = doc.new_page(width=595, height=842)
    for k in range(40):
        first.insert_text((62, 80 + 16 * k), f"Rad {k + 1} av nämndens beskrivning av verksamheten under året som gått.",
                          fontsize=11)
    columns = [("Utfall", "2023", 237), ("Utfall", "2024", 290), ("Målvärde", "2025", 343), ("Målvärde", "2026", 410)]
    first.insert_text((64, 765), "Mätetal", fontsize=9.5)
    for top, year, x in columns:
        first.insert_text((x, 760), top, fontsize=9.5)
        first.insert_text((x, 771), year, fontsize=9.5)
    second = doc.new_page(width=595, height=842)
    rows = [("Andel brukare som känner sig", "trygga i sitt boende", None), ("Antal personer i egen", "försörjning", None),
            ("Sjukfrånvaro bland medarbetarna", None, "5 %")]
    y = 66.0
    for name, wrapped, target in rows:
        second.insert_text((64, y), name, fontsize=9.5)
        if target:
            second.insert_text((343, y), target, fontsize=9.5)
        if wrapped:
            y += 10.5
            second.insert_text((64, y), wrapped, fontsize=9.5)
        y += 14.0
    second.insert_text((62, y + 16), "Nämnden följer upp måtten vid delåret och i årsredovisningen.", fontsize=11)
    path = tmp_path / "foot.pdf"
    doc.save(path)
    found = {i.name: [(v.kind, v.year, v.raw) for v in i.values] for i in extract_file(path).indicators}
    assert found == {"Andel brukare som känner sig trygga i sitt boende": [],
                     "Antal personer i egen försörjning": [],
                     "Sjukfrånvaro bland medarbetarna": [("target", 2025, "5 %")]}


def test_a_one_line_header_alone_at_the_foot_splits_where_the_row_on_the_next_page_starts_its_cells(tmp_path):
    """`Mätetal   Utfall Målvärde Status` alone at the foot of a page, its narrow column titles a word space apart,
    and one row at the top of the next page whose cells start under each title: the row's values are the outcome,
    the target and the status, not one cell."""
    doc = pymupdf.open()
    first = doc.new_page(width=595, height=842)
    for k in range(42):
        first.insert_text((62, 80 + 16 * k), f"Rad {k + 1} i nämndens redovisning av hur arbetet gick under året.",
                          fontsize=11)
    x = 237.0
    first.insert_text((64, 771), "Mätetal", fontsize=9.5)
    starts = []
    for title in ("Utfall", "Målvärde", "Status"):
        starts.append(x)
        first.insert_text((x, 771), title, fontsize=9.5)
        x = max(w[2] for w in first.get_text("words") if w[4] == title) + 3.0  # a word space after it
    second = doc.new_page(width=595, height=842)
    second.insert_text((64, 66), "Rutiner för uppföljning är införda", fontsize=9.5)
    for x, value in zip(starts, ("Ja", "Nej", "Grön")):
        second.insert_text((x, 66), value, fontsize=9.5)
    second.insert_text((62, 100), "Nämnden fortsätter arbetet under nästa år med samma inriktning.", fontsize=13)
    path = tmp_path / "narrow.pdf"
    doc.save(path)
    found = [(i.name, sorted((v.kind, v.raw) for v in i.values), i.status_raw) for i in extract_file(path).indicators]
    assert found == [("Rutiner för uppföljning är införda", [("actual", "Ja"), ("target", "Nej")], "Grön")]


def test_a_short_outline_title_is_no_heading_of_a_longer_line_it_begins(tmp_path):
    """A bookmark names the document's committee ("Kulturnämnden"); a body line that opens with the same word
    ("Kulturnämnden ska …") is a sentence of the text, not the bookmarked heading — so the goal under the numbered
    chapter is read as the statement it is."""
    html = ("<h1>Kulturnämnden</h1><p>Verksamhetsplan för året med nämndens mål.</p>"
            "<h1>1 Ett rikt kulturliv i hela kommunen</h1>"
            "<p>Kulturnämnden ska erbjuda kulturskola i alla kommundelar</p>"
            "<p>Kulturnämnden ska genom dialog med föreningarna bredda utbudet för unga vuxna.</p>")
    pdf = _story_pdf(tmp_path / "outline.pdf", html)
    doc = pymupdf.open(pdf)
    doc.set_toc([[1, "Kulturnämnden", 1], [1, "1 Ett rikt kulturliv i hela kommunen", 1]])
    doc.save(tmp_path / "outlined.pdf")
    layout = read_pdf(tmp_path / "outlined.pdf")
    headings = [ln.text for ln in layout.lines if ln.heading]
    assert "Kulturnämnden" in headings and not any(h.startswith("Kulturnämnden ska") for h in headings)
    goals = [g.text for g in extract_file(tmp_path / "outlined.pdf").goals]
    assert "Kulturnämnden ska erbjuda kulturskola i alla kommundelar" in goals


def test_columns_of_short_lines_are_still_columns(tmp_path):
    # an assignment follow-up list in two columns: mostly short lines (title, task, committee, status), too few of
    # prose width for the usual test, the right column a part of the left's length. Both sides' lines stand flush
    # at their margins, the columns are as wide as each other and the right one's lines are not on the left one's
    # baselines: the page is two columns (not a table of left and right lines) and each assignment stays whole
    verbs = ["Gör en översyn av", "Ta fram en plan för", "Utred behovet av", "Inför", "Utveckla", "Pröva", "Kartlägg",
             "Säkerställ", "Se över", "Planera"]
    objects = ["fritidsgårdarnas öppettider", "underhållet av idrottshallarna", "en gemensam bokningstjänst",
               "digital ansökan om bidrag", "samarbetet kring lovaktiviteter", "längre öppettider på biblioteket",
               "föreningarnas lokalbehov", "tillgängligheten i badhusen", "avgifterna för kulturskolan",
               "en ny konstgräsplan"]
    tasks = [f"{v} {o}" for v, o in zip(verbs, objects)]
    comment = "Arbetet är klart och har redovisats till nämnden i maj. Uppdraget är därmed avslutat."
    html = "<p>Uppföljning av uppdrag</p>" + "".join(
        f"<p style='margin:8pt 0 0 0'><b>Uppdrag</b></p><p style='margin:0'>{t}</p>"
        f"<p style='margin:0'>Ansvarig nämnd: KFN</p><p style='margin:0'>Status: Klart</p>"
        f"<p style='margin:0'>Kommentar</p><p style='margin:0'>{comment}</p>" for t in tasks)
    pdf = _story_pdf(tmp_path / "r.pdf", html, css="p { text-align: justify; font-size: 9pt; }", columns=2)
    layout = read_pdf(pdf)
    assert len({ln.page for ln in layout.lines}) == 1 and max(ln.bbox[0] for ln in layout.lines if ln.bbox) > 300
    assert not any(ln.cells for ln in layout.lines)
    assert {a.text for a in extract_file(pdf).assignments} == set(tasks)


def test_att_clauses_without_punctuation_in_justified_text_each_start_a_line(tmp_path):
    # a decision's att-clauses with no comma or full stop after them, lines of one paragraph set justified in a
    # narrow column: the first clause's last line stops short of the edge (though the next "att" would not have
    # fitted there), so it ended, and the next "att …" starts a line of its own
    filler = "Nämnden har behandlat ärendet vid flera tillfällen och förvaltningen har lämnat underlag till beslutet. "
    clauses = ["att uppdra åt förvaltningen att ta fram en plan för fler platser i förskolan och redovisa den till "
               "nämnden senast vid nämndens sammanträde i oktober 2024",
               "att uppdra åt förvaltningschefen att se över skolskjutsarna och redovisa till nämnden senast 2024-06-30"]
    html = f"<p>{filler * 4}</p><p>Beslut</p><p>Nämnden beslutar<br/>" + "<br/>".join(clauses) + f"</p><p>{filler * 6}</p>"
    pdf = _story_pdf(tmp_path / "d.pdf", html, css="p { text-align: justify; font-size: 9pt; }", columns=2)
    assert all(c in _lines(pdf) for c in clauses)


def test_a_justified_line_of_few_words_spread_wide_is_prose_not_cells(tmp_path):
    # a numbered assignment in a narrow justified column whose first line holds only a few short words before a
    # long one that did not fit: they stand apart by one and the same wide space, which is no cell gap
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)

    def put(y: float, words: list[str], x0: float = 60, right: float = 280, spread: bool = True) -> None:
        widths = [pymupdf.get_text_length(w, fontsize=9) for w in words]
        space = (right - x0 - sum(widths)) / (len(words) - 1) if spread else 3.0
        x = x0
        for w, width in zip(words, widths):
            page.insert_text((x, y), w, fontsize=9)
            x += width + space

    put(80, ["Uppdrag", "till", "nämnden", "under", "året"], spread=False)
    put(100, ["1"], x0=52, spread=False)
    put(100, "Utred en ny modell för".split())
    put(111, "arbetsmarknadsinsatser och försörjningsstöd".split(), spread=False)
    put(126, ["2"], x0=52, spread=False)
    put(126, "Ta fram en plan för".split())
    put(137, "sommarlovsaktiviteter i alla kommundelar".split(), spread=False)
    # and a table's row of one-word cells, apart by gaps that differ, stays a row of cells
    put(170, ["Mål"], x0=60, spread=False)
    put(170, ["Utfall"], x0=200, spread=False)
    put(170, ["Status"], x0=300, spread=False)
    put(170, ["Trend"], x0=420, spread=False)
    path = tmp_path / "spread.pdf"
    doc.save(path)
    texts = [ln.text for ln in read_pdf(path).lines if ln.text]
    assert "1 Utred en ny modell för arbetsmarknadsinsatser och försörjningsstöd" in texts
    assert "2 Ta fram en plan för sommarlovsaktiviteter i alla kommundelar" in texts
    assert "Mål\tUtfall\tStatus\tTrend" in texts


def test_in_justified_text_a_first_line_short_of_the_edge_with_a_colon_ends_its_paragraph(tmp_path):
    # a list's introduction over its items, lines of one paragraph broken by the author, in justified columns: it
    # stops short of the edge and ends in a colon, so the goal under it (which wraps) is a line of its own
    filler = ("Förvaltningen har under året arbetat vidare med att korta väntetiderna och att göra det enklare för "
              "invånarna att komma i kontakt med verksamheterna i hela kommunen. ")
    goals = ["Dricksvattenkvaliteten ska vara hög och leveranserna ska vara säkra året runt",
             "Gång- och cykelvägarna ska vara trygga och väl underhållna"]
    intro = "Till det första inriktningsmålet hör nämndens mål:"  # (the goal's long first word would not fit after)
    html = f"<p>{filler * 3}</p><p>{intro}<br/>" + "<br/>".join(goals) + f"</p><p>{filler * 6}</p>"
    pdf = _story_pdf(tmp_path / "c.pdf", html, css="p { text-align: justify; font-size: 9pt; }", columns=2)
    lines = _lines(pdf)
    assert intro in lines
    assert all(g in lines for g in goals)


def test_a_table_in_the_longer_column_below_the_shorter_ones_end_is_read_with_its_column(tmp_path):
    # two columns of prose, each with a table of measures: the left one's table stands lower than where the right
    # column ends. It is still the left column's (read before the right column), not a table under both columns
    filler = ("Förvaltningen har under året arbetat vidare med att korta väntetiderna och att göra det enklare för "
              "invånarna att komma i kontakt med verksamheterna i hela kommunen. ")

    def table(rows):
        body = "".join(f"<tr><td>{n}</td><td>{a}</td><td>{b}</td></tr>" for n, a, b in rows)
        return f"<table><tr><th>Indikator</th><th>Utfall 2023</th><th>Målvärde 2024</th></tr>{body}</table>"

    first = [("Andel nöjda brukare i hemtjänsten (%)", "81", "85"), ("Antal dagar till beslut om bistånd", "21", "14")]
    second = [("Antal besök på biblioteken per invånare", "4,1", "5,0"), ("Andel återvunnet avfall (%)", "52", "60")]
    html = f"<p>{filler * 8}</p>" + table(first) + f"<p>{filler * 8}</p>" + table(second) + f"<p>{filler * 2}</p>"
    pdf = _story_pdf(tmp_path / "t.pdf", html, css="p { text-align: justify; font-size: 9pt; } "
                     "td, th { font-size: 8pt; padding: 1pt 3pt; } th { text-align: left; }", columns=2)
    layout = read_pdf(pdf)
    rows = [ln for ln in layout.lines if ln.cells]
    assert rows[0].bbox[0] < 300 < rows[-1].bbox[0]  # the left column's table before the right one's
    assert [ln.cells[0] for ln in rows if ln.cells[0] != "Indikator"] == [n for n, _, _ in first + second]


def test_a_column_holding_a_small_table_of_measures_not_yet_filled_in_is_still_a_column(tmp_path):
    # a plan's appendix in two columns: the left column holds small-print tables of measures whose value columns
    # are still empty, each measure's name wrapping over lines in the narrow first column (few lines of prose width,
    # header rows with cells apart); the right column is prose. Both columns stand flush at their margins and are
    # as wide as each other: the page is two columns, each measure one row under its goal, its name whole
    subjects = ["ärenden om ekonomiskt bistånd som avslutats med egen försörjning",
                "unga vuxna med insats som fått praktik eller studier inom sex månader",
                "personer i kommunens arbetsmarknadsinsatser under året",
                "deltagare som är nöjda med insatsens innehåll och bemötande",
                "hushåll med långvarigt ekonomiskt bistånd (tio månader eller mer)",
                "elever i vuxenutbildningen som fullföljt sin kurs med godkänt betyg",
                "nyanlända som deltar i samhällsorientering inom ett år från ankomst",
                "ungdomar som tagit del av sommarjobb i kommunens egna verksamheter",
                "arbetsgivare som tagit emot en praktikant från arbetsmarknadsenheten",
                "deltagare i språkpraktik som gått vidare till arbete eller studier",
                "personer med funktionsnedsättning i lönebidragsanställning",
                "sökande som fått beslut om bistånd inom tio arbetsdagar"]
    names = [f"{kind} {s}" for s in subjects for kind in ("Andel", "Antal")]
    goals = ["Fler invånare är självförsörjande", "Insatserna håller god kvalitet",
             "Fler vuxna studerar och fullföljer sina studier", "Nyanlända kommer snabbt in i samhället",
             "Unga får en första kontakt med arbetslivet", "Fler arbetsgivare tar emot praktikanter",
             "Alla har rätt till stöd efter behov", "Handläggningen är snabb och rättssäker"]
    filler = ("Nämnden har under året fortsatt arbetet med att fler invånare ska kunna försörja sig själva genom "
              "arbete eller studier, och samverkan med näringslivet har utvecklats vidare i alla delar av kommunen. ")

    def table(rows):
        body = "".join(f"<tr><td>{n}</td><td></td><td></td><td></td><td></td></tr>" for n in rows)
        return ("<table><tr><th>Indikator</th><th>Utfall</th><th>Jämförelse</th><th>Målvärde</th><th>Trend</th>"
                f"</tr>{body}</table>")

    html = "".join(f"<p>Mål: {g}</p>{table(names[3 * k:3 * k + 3])}" for k, g in enumerate(goals))
    pdf = _story_pdf(tmp_path / "m.pdf", html + f"<p>{filler * 6}</p>", columns=2,
                     css="p { text-align: justify; font-size: 9pt; } table { border-collapse: collapse; width: 100%; } "
                         "td, th { font-size: 6.5pt; padding: 0.5pt 1pt; text-align: left; }")
    layout = read_pdf(pdf)
    assert len({ln.page for ln in layout.lines}) == 1 and max(ln.bbox[0] for ln in layout.lines if ln.bbox) > 300
    assert {i.name for i in extract_file(pdf).indicators} == set(names)


def test_rows_under_a_merged_goal_cell_are_rows_of_their_own(tmp_path):
    # "Mål | Indikator | Utfall … | Målvärde …": the goal written in the first row only (a merged cell), the rows
    # under it with an empty first cell and figures of their own in the value columns. Figures again under figures
    # start a row (no cell broken over lines carries a new figure in every value column)
    rows = [("Alla elever når målen", "Andel elever med godkända betyg i alla ämnen, flickor och pojkar "
             "tillsammans (%)", "78", "81", "85"),
            ("", "Antal besök på biblioteken per invånare", "4,1", "4,3", "5,0"),
            ("", "Andel elever som känner sig trygga i skolan (%)", "88", "86", "95")]
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    html = ("<p>Nyckeltal</p><table><tr><th>Mål</th><th>Indikator</th><th>Utfall 2022</th><th>Utfall 2023</th>"
            f"<th>Målvärde 2024</th></tr>{body}</table><p>Nämnden redovisar ett överskott för året.</p>")
    pdf = _story_pdf(tmp_path / "g.pdf", html, css="table { border-collapse: collapse; width: 100%; } "
                     "td, th { padding: 0 4pt 0 0; font-size: 9pt; text-align: left; } th { font-size: 7pt; }")
    values = {i.name: [v.raw for v in i.values] for i in extract_file(pdf).indicators}
    assert values == {r[1]: list(r[2:]) for r in rows}


def test_a_goal_set_as_a_heading_over_its_assessment_is_followed_up(tmp_path):
    # an annual report: each goal a bold heading of its own (no number), the paragraph under it opening with its
    # assessment ("Bedömning: Målet är delvis uppfyllt. …"): each goal is followed up with that status
    goals = [("Fler invånare försörjer sig själva", "uppfyllt", "done"),
             ("Barn och unga växer upp under trygga förhållanden", "delvis uppfyllt", "partial"),
             ("Insatserna håller god kvalitet och är tillgängliga", "ej uppfyllt", "not_done")]
    html = "<p>Verksamhetsberättelse 2024</p><p>Uppföljning av nämndens mål</p>" + "".join(
        f"<h3>{g}</h3><p>Bedömning: Målet är {v}. Arbetet har följts upp i nämnden under hösten.</p>"
        for g, v, _ in goals)
    pdf = _story_pdf(tmp_path / "r.pdf", html, css="h3 { font-size: 11pt; font-weight: bold; }")
    doc = extract_file(pdf)
    assert [(f.refers_to, f.status) for f in doc.followups] == [(g, s) for g, _, s in goals]


def test_a_word_hyphenated_with_a_soft_or_unicode_hyphen_is_joined(tmp_path):
    """A word processor that hyphenates may write the hyphen at a line's end as a soft hyphen (U+00AD) or as
    Unicode's hyphen (U+2010, in a text: the base-14 font here has no glyph for it): the word is one word again,
    as after "-"."""
    from plantrace.extract import extract_file, extract_text

    pdf = tmp_path / "h.pdf"
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 90), "Nämndens mål", fontsize=10)
    lines = ["Nämnden ska utveckla samverkan med civilsamhällets organisa\u00ad",
             "tioner i alla kommundelar.", "", "Fler ungdomar ska ha en meningsfull fritid med verksam\u2010",
             "heter nära hemmet."]
    for k, text in enumerate(lines):
        page.insert_text((72, 110 + 12 * k), text, fontsize=10)
    doc.save(pdf)
    goals = [g.text for g in extract_file(pdf).goals]
    assert "Nämnden ska utveckla samverkan med civilsamhällets organisationer i alla kommundelar." in goals
    text = "Nämndens mål\n\n" + "\n".join(lines[3:]) + "\n"
    assert [g.text for g in extract_text(text).goals] == [
        "Fler ungdomar ska ha en meningsfull fritid med verksamheter nära hemmet."]


@pytest.mark.parametrize("ruled", [True, False])
def test_a_scorecards_traffic_lights_are_its_statuses(tmp_path, ruled):
    """A report's table of goals with a status column of coloured dots (green, yellow, red) and no words: each dot
    is its row's status, in a table with rules and in one without."""
    from plantrace.extract import extract_file

    pdf = tmp_path / "lights.pdf"
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 80), "Verksamhetsberättelse 2025", fontsize=14)
    page.insert_text((72, 110), "Uppföljning av nämndens mål", fontsize=12)
    rows = [("Fler invånare försörjer sig själva", (0.1, 0.65, 0.2), "done"),
            ("Barn och unga växer upp under trygga förhållanden", (0.95, 0.8, 0.1), "partial"),
            ("Insatserna håller god kvalitet och är tillgängliga", (0.85, 0.1, 0.1), "not_done")]
    y = 140
    page.insert_text((76, y), "Mål", fontsize=10)
    page.insert_text((376, y), "Bedömning", fontsize=10)
    for text, colour, _ in rows:
        y += 20
        page.insert_text((76, y), text, fontsize=10)
        page.draw_circle((400, y - 3.5), 4.5, color=None, fill=colour)
        if ruled:
            page.draw_rect(pymupdf.Rect(72, y - 12, 370, y + 6), color=(0, 0, 0), width=0.5)
            page.draw_rect(pymupdf.Rect(370, y - 12, 460, y + 6), color=(0, 0, 0), width=0.5)
    page.draw_rect(pymupdf.Rect(72, y + 30, 300, y + 44), color=None, fill=(0.6, 0.9, 0.6))  # a highlight behind text
    page.insert_text((76, y + 40), "Ekonomi i balans", fontsize=10)
    doc.save(pdf)
    got = [(f.refers_to, f.status) for f in extract_file(pdf).followups]
    assert got == [(text, status) for text, _, status in rows]
