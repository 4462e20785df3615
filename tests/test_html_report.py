"""The HTML report on the sample corpus: sections, offline, escaping of untrusted document text, and the page in
headless Chromium (no console messages, a screenshot kept in tests/artifacts/)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

import plantrace
from plantrace.corpus.store import Store
from plantrace.reports.html import render_html, write_html

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpus" / "sample"
# the screenshot is kept for a person to look at, outside the checkout (PLANTRACE_TEST_ARTIFACTS to choose where)
ARTIFACTS = Path(os.environ.get("PLANTRACE_TEST_ARTIFACTS") or Path(tempfile.gettempdir()) / "plantrace-test-artifacts")
SECTIONS = ("overview", "unreported", "evolution", "indicators", "compare")
GAVLE_PLAN, GAVLE_REPORT = "000_fe8b30e72cf9500a.txt", "002_899627d34187ce61.txt"

EVIL_GOALS = ("<script>alert(1)</script>", "<img src=x onerror=alert(2)>")
EVIL_PLAN = f"""Verksamhetsplan 2024 för Socialnämnden i Testkommun

Mål

Mål 1: Alla barn ska ha {EVIL_GOALS[0]} trygga uppväxtvillkor
Mål 2: Fler ska få stöd {EVIL_GOALS[1]} i egen regi
"""

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="headless Chromium is not installed (Debian: apt install chromium; .ci/run installs it)")
BROWSER_TIMEOUT = 120
# Chromium logs every page console message (console.*, uncaught exceptions, CSP violations) at INFO as
# `[pid:tid:date:INFO:CONSOLE:12] "message", source: file:///... (12)` (older versions: `INFO:CONSOLE(12)]`)
CONSOLE = re.compile(r':CONSOLE[:(]\d+\)?\]\s*"(?P<message>.*)", source: (?P<source>.*)$', re.M)


@pytest.fixture(scope="module")
def db(aligned_sample_db):
    return aligned_sample_db


@pytest.fixture(scope="module")
def html(db):
    with Store(db, read_only=True) as store:
        return render_html(store)


@pytest.fixture(scope="module")
def evil_db(tmp_path_factory):
    """The sample corpus and one more plan whose goals carry markup."""
    root = tmp_path_factory.mktemp("evil")
    extra = root / "extra"
    extra.mkdir()
    (extra / "evil_plan.txt").write_text(EVIL_PLAN, encoding="utf-8")
    (extra / "manifest.csv").write_text(
        "file,municipality,committee,doc_type,period_start,period_end,title\n"
        "evil_plan.txt,Testkommun,Socialnämnden,plan,2024,2024,Verksamhetsplan 2024 <b>test</b>\n", encoding="utf-8")
    path = root / "store.duckdb"
    assert plantrace.ingest([SAMPLE, extra], db=path).ok
    plantrace.align(path)
    return path


class Page(HTMLParser):
    """Tags with their attributes, and the ids of the sections."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def find(self, tag=None, **attrs):
        return [a for t, a in self.tags if (tag is None or t == tag)
                and all(a.get(k.replace("_", "-")) == v for k, v in attrs.items())]


def section(html: str, name: str) -> str:
    m = re.search(rf'<section id="{name}">(.*?)</section>', html, re.S)
    assert m, f"no section {name}"
    return m.group(1)


# ------------------------------------------------------------------------------------------------ plain checks


def test_every_section_has_its_id_and_the_contents_link_to_them(html):
    page = Page(html)
    for name in SECTIONS:
        assert page.find("section", id=name), name
        assert page.find("a", href=f"#{name}"), f"table of contents has no link to {name}"


def test_the_page_is_offline_no_remote_resource_and_no_script(html):
    page = Page(html)
    for tag, attrs in page.tags:
        for attr in ("src", "href", "srcset", "data", "poster", "action", "xlink:href"):
            value = attrs.get(attr) or ""
            assert not re.match(r"\s*(https?:)?//", value), f"<{tag} {attr}={value!r}> fetches from the network"
    assert not page.find("script") and not page.find("link") and not page.find("iframe")
    assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", html)
    # the page forbids fetching anything itself
    csp = page.find("meta", http_equiv="Content-Security-Policy")
    assert csp and "default-src 'none'" in csp[0]["content"]


def test_every_item_links_to_its_source_file(html):
    links = [a["href"] for a in Page(html).find("a") if a.get("href", "").startswith("file://")]
    assert links
    for name in (GAVLE_PLAN, GAVLE_REPORT):
        uri = (SAMPLE / "text" / name).resolve().as_uri()
        assert uri in links, name
    for href in links:
        assert re.fullmatch(r"file:///[^\s\"<>]+?(#page=\d+)?", href), href


def test_the_audit_table_holds_gavles_plan_assignments_and_the_2023_reports_six(html):
    audit = section(html, "unreported")
    plan = re.search(rf'<tbody data-plan="{GAVLE_PLAN}">(.*?)</tbody>', audit, re.S).group(1)
    rows = re.findall(r'<tr class="row-[a-z_]+" data-verdict="([a-z_]+)" data-status="([a-z_]*)">(.*?)</tr>', plan, re.S)
    assert [v for v, _, _ in rows] == ["not_reported", "not_reported"]
    assert all(GAVLE_REPORT in body and "line " in body for _, _, body in rows)  # nearest candidate, cited
    assert "Socialnämnden uppdras att fördjupa analysarbetet" in plan and "2021–2024" in plan
    report = re.search(rf'<tbody data-plan="{GAVLE_REPORT}">(.*?)</tbody>', audit, re.S).group(1)
    rows = re.findall(r'data-verdict="([a-z_]+)" data-status="([a-z_]*)"', report)
    assert rows == [("reported", "done")] * 2 + [("reported", "ongoing"), ("reported", "done"),
                                                  ("reported", "not_done"), ("reported", "done")]
    assert report.count('class="badge st-not_done"') == 1 and report.count('class="badge st-done"') == 4
    for number in ("4.1", "4.2", "4.3", "4.4", "4.5", "4.6"):
        assert f'<b class="no">{number}</b>' in report
    # the per-plan summary
    assert "done 4, not_done 1, ongoing 1" in audit and "11 no covering report" in audit


def test_evolution_shows_the_gavle_external_placements_thread_across_2021_2023_2025(html):
    evo = section(html, "evolution")
    threads = Page(evo).find("article", data_kind="indicator", data_municipality="Gävle", data_years="2021 2023 2025")
    assert threads, "no Gävle indicator thread across 2021, 2023 and 2025"
    body = re.search(rf'<article[^>]*id="{threads[0]["id"]}".*?</article>', evo, re.S).group(0)
    assert "Externa placeringar" in body and "öppenvård" in body and "external placements" in body
    assert body.count('class="rel rel-reworded"') == 2 and body.count('class="rel rel-new"') == 1
    # threads over several documents come before the one-document items
    assert evo.index(threads[0]["id"]) < evo.index("Items found in one document only")


def test_indicators_heatmap_and_counterparts_are_drawn(html):
    ind = section(html, "indicators")
    assert ind.count('<figure class="ind">') >= 10 and "<svg" in ind
    assert "Uppdateras" in ind and "not met" in ind and "30 %" in ind
    cmp_ = section(html, "compare")
    for muni in ("Gävle", "Ronneby", "Uppsala"):
        assert f'<th class="n">{muni}</th>' in cmp_
    assert cmp_.count("<tr><th>") >= 10 and "Closest counterparts" in cmp_


def test_pdf_items_link_to_their_page(tmp_path):
    folder = tmp_path / "pdf"
    folder.mkdir()
    shutil.copy(ROOT / "tests" / "pdf" / "000_fe8b30e72cf9500a.word.pdf", folder / "plan 2021.pdf")
    path = tmp_path / "store.duckdb"
    assert plantrace.ingest([folder], db=path).ok
    plantrace.align(path)
    with Store(path, read_only=True) as store:
        text = render_html(store)
    uri = (folder / "plan 2021.pdf").resolve().as_uri()
    assert "%20" in uri
    pages = re.findall(rf'<a class="where" href="{re.escape(uri)}#page=(\d+)"[^>]*>p\. (\d+)</a>', text)
    assert pages and all(a == b for a, b in pages), pages


def test_without_an_alignment_the_overview_renders_and_the_rest_says_to_run_align(tmp_path):
    path = tmp_path / "store.duckdb"
    assert plantrace.ingest([SAMPLE], db=path).ok
    with Store(path) as store:
        out = write_html(store, tmp_path / "report.html")
    text = out.read_text(encoding="utf-8")
    assert GAVLE_PLAN in section(text, "overview")
    for name in SECTIONS[1:]:
        assert "<code>plantrace align</code> has not been run" in section(text, name), name


def test_an_empty_store_renders(tmp_path):
    with Store(tmp_path / "empty.duckdb") as store:
        text = render_html(store)
    assert "holds no documents" in section(text, "overview")


# ------------------------------------------------------------------------------------------------ escaping


def test_the_extra_plan_is_extracted_with_its_markup_goals(tmp_path):
    """The escaping test below relies on these being goals; if extraction changes, fix EVIL_PLAN."""
    f = tmp_path / "evil_plan.txt"
    f.write_text(EVIL_PLAN, encoding="utf-8")
    texts = [g.text for g in plantrace.extract(f).goals]
    assert any(EVIL_GOALS[0] in t for t in texts) and any(EVIL_GOALS[1] in t for t in texts), texts


def test_document_text_is_escaped(evil_db):
    with Store(evil_db, read_only=True) as store:
        text = render_html(store)
    for raw in EVIL_GOALS:
        assert raw not in text
        escaped = raw.replace("<", "&lt;").replace(">", "&gt;")
        assert escaped in text, raw
    assert "<b>test</b>" not in text and "&lt;b&gt;test&lt;/b&gt;" in text  # the manifest title too
    assert not Page(text).find("script") and not Page(text).find("img")


# ------------------------------------------------------------------------------------------------ Chromium


def chromium(page: Path, profile: Path, *args: str) -> subprocess.CompletedProcess:
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=1",
           *args, page.resolve().as_uri()]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=BROWSER_TIMEOUT,
                          stdin=subprocess.DEVNULL, errors="replace")


def console_messages(stderr: str) -> list[str]:
    return [m.group("message") for m in CONSOLE.finditer(stderr)]


@needs_chromium
def test_console_detection_sees_a_console_error(tmp_path):
    """The no-console-errors check below can fail: a page that logs is caught."""
    page = tmp_path / "noisy.html"
    page.write_text('<!DOCTYPE html><html><body><p>x</p><script>console.error("plantrace-detect-7");'
                    "undefinedFunction();</script></body></html>", encoding="utf-8")
    proc = chromium(page, tmp_path / "profile", "--dump-dom")
    assert proc.returncode == 0, proc.stderr[-2000:]
    messages = console_messages(proc.stderr)
    assert any("plantrace-detect-7" in m for m in messages), messages
    assert any("undefinedFunction" in m for m in messages), messages


@needs_chromium
def test_the_report_in_headless_chromium(db, tmp_path):
    ARTIFACTS.mkdir(exist_ok=True)
    with Store(db, read_only=True) as store:
        page = write_html(store, tmp_path / "report.html")
    shot = ARTIFACTS / "report.png"
    shot.unlink(missing_ok=True)
    start = time.monotonic()
    proc = chromium(page, tmp_path / "profile", f"--screenshot={shot}", "--window-size=1280,2400",
                    "--hide-scrollbars")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert console_messages(proc.stderr) == []
    assert shot.exists()
    png = shot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (1280, 2400)
    assert len(png) > 60_000, "the screenshot is nearly empty"  # a blank 1280×2400 page is a few kB

    proc = chromium(page, tmp_path / "profile", "--dump-dom")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert console_messages(proc.stderr) == []
    dom = proc.stdout
    for name in SECTIONS:
        assert f'<section id="{name}">' in dom, name
    assert "Socialnämnden uppdras att fördjupa analysarbetet" in dom
    assert time.monotonic() - start < BROWSER_TIMEOUT


@needs_chromium
def test_the_escaped_report_runs_no_script_in_chromium(evil_db, tmp_path):
    with Store(evil_db, read_only=True) as store:
        page = write_html(store, tmp_path / "evil.html")
    proc = chromium(page, tmp_path / "profile", "--dump-dom")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert console_messages(proc.stderr) == []
    dom = proc.stdout
    assert "<script" not in dom and "<img" not in dom
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom
