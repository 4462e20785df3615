"""The HTML report stays bounded: every section shows at most its limit and says what it left out, and the
report can be narrowed to one municipality and a span of years (`report html --municipality --from --to`)."""

from __future__ import annotations

import re

from typer.testing import CliRunner

from plantrace.cli import app
from plantrace.corpus.store import Store
from plantrace.reports.html import Limits, render_html


def _section(html: str, name: str) -> str:
    m = re.search(rf'<section id="{name}">(.*?)</section>', html, re.S)
    assert m, name
    return m.group(1)


def test_small_limits_cut_every_list_and_say_so(aligned_sample_db):
    with Store(aligned_sample_db, read_only=True) as store:
        full = render_html(store)
        small = render_html(store, limits=Limits(documents=1, chart_municipalities=1, plans=1, audit_rows=2,
                                                 threads=1, single=1, rows=1, charts=1))
    assert len(small) < len(full) / 2
    assert "Showing 1 of 5 documents in the table" in _section(small, "overview")
    assert "Showing 1 of" in _section(small, "evolution")
    assert "Showing 1 of" in _section(small, "indicators")
    assert "notice cut" not in full  # the sample fits: nothing cut at the default limits
    overview = _section(small, "overview")
    assert len(re.findall(r'class="rowlabel"', overview)) == 1  # one municipality in the chart
    audit = _section(small, "unreported")
    assert len(re.findall(r"<tr class=\"row-", audit)) == 2


def test_municipality_and_years_filter_the_report(aligned_sample_db):
    with Store(aligned_sample_db, read_only=True) as store:
        full = render_html(store)
        gavle = render_html(store, municipality="gävle", year_from=2023, year_to=2025)
    overview = _section(gavle, "overview")
    assert "Ronneby" not in overview and "Uppsala" not in overview
    assert "Gävle" in overview
    assert len(gavle) < len(full)
    # threads shown are Gävle's only, and only years inside the span
    evo = _section(gavle, "evolution")
    assert 'data-municipality="Ronneby"' not in evo and 'data-municipality="Uppsala"' not in evo
    years = {int(y) for ys in re.findall(r'data-years="([^"]*)"', evo) for y in ys.split()}
    assert years and years <= {2023, 2024, 2025}
    assert "--municipality gävle --from 2023 --to 2025" in gavle


def test_cli_report_html_takes_the_filters(aligned_sample_db, tmp_path):
    out = tmp_path / "r.html"
    result = CliRunner().invoke(app, ["report", "html", "--db", str(aligned_sample_db), "--out", str(out),
                                      "--municipality", "Uppsala"])
    assert result.exit_code == 0, result.output
    overview = _section(out.read_text(encoding="utf-8"), "overview")
    assert "Uppsala" in overview and "Gävle" not in overview
