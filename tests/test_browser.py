"""The report and the served pages in a real headless Chromium (Debian's /usr/bin/chromium).

Network is blocked except file:, data: and our own server; the hostile article
must run nothing (no dialog, no console error, no request out).  Skipped with a
reason when Chromium is absent, except under CI, where its absence fails.
Set CLAIMLEDGER_SCREENSHOTS=1 to write docs/screenshots/*.png.
"""
from __future__ import annotations

import os
import socket
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from test_report import report_inputs, store_ledger

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
SCREENSHOTS = Path(__file__).resolve().parents[1] / "docs" / "screenshots"

if not CHROMIUM.exists():
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} is missing under CI: install Debian's chromium (see the Makefile)", pytrace=False)
    pytest.skip(f"{CHROMIUM} is not installed: apt-get install chromium to run the browser tests",
                allow_module_level=True)

sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright


class Watch:
    """What a page did that it must not: dialogs, console errors, page errors, requests out."""

    def __init__(self, page, allowed_prefixes: tuple[str, ...]) -> None:
        self.dialogs, self.errors, self.blocked = [], [], []
        page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.add_init_script("window.__alerted = false; window.alert = function () { window.__alerted = true; };")
        page.route("**/*", lambda route: self._route(route, allowed_prefixes))

    def _route(self, route, allowed_prefixes) -> None:
        if route.request.url.startswith(allowed_prefixes):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def assert_clean(self, page) -> None:
        assert self.dialogs == [], self.dialogs
        assert self.errors == [], self.errors
        assert self.blocked == [], self.blocked
        assert page.evaluate("window.__alerted") is False


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


@pytest.fixture()
def page_in(browser):
    contexts = []

    def open_page(javascript: bool = True, width: int = 1280, height: int = 900):
        context = browser.new_context(java_script_enabled=javascript, viewport={"width": width, "height": height})
        contexts.append(context)
        return context.new_page()
    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture()
def report_file(tmp_path) -> Path:
    from claimledger.show.report import write_html as write_report

    return write_report(tmp_path / "report.html", *report_inputs(tmp_path))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serving(db: Path):
    """The web app over `db` on 127.0.0.1 and a free port, in a background thread; yields its base URL."""
    import uvicorn

    from claimledger.show.web import app as web

    port = free_port()
    config = uvicorn.Config(web.create_app(str(db)), host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not running.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert running.started, "uvicorn did not start within 15 s"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        running.should_exit = True
        thread.join(timeout=10)


@pytest.fixture()
def server(tmp_path):
    db = tmp_path / "ledger.db"
    store_ledger(db)
    with serving(db) as url:
        yield url


def test_report_offline_one_chart_per_series_and_inert(page_in, report_file):
    page = page_in()
    watch = Watch(page, ("file:", "data:"))
    page.goto(report_file.as_uri())
    assert page.locator("svg.chart").count() == 1
    assert page.locator("section.series").count() == 1
    assert page.locator("svg.chart .mark").count() == 8
    assert "<script>alert(1)</script>" in page.locator("table.claims").inner_text()
    assert page.locator("img").count() == 0
    watch.assert_clean(page)
    if os.environ.get("CLAIMLEDGER_SCREENSHOTS"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "report.png"), full_page=False)


def test_report_filters_with_javascript(page_in, report_file):
    page = page_in()
    watch = Watch(page, ("file:", "data:"))
    page.goto(report_file.as_uri())
    rows = page.locator("table.claims tbody tr")
    page.fill("input[name=filter-text]", "ambassador")
    assert rows.evaluate_all("rows => rows.filter(r => !r.hidden).length") == 1
    page.fill("input[name=filter-text]", "")
    page.select_option("select[data-field=source-kind]", "intergovernmental")
    assert rows.evaluate_all("rows => rows.filter(r => !r.hidden).length") == 1
    assert "1 of 8 claims shown" in page.locator(".filters .count").inner_text()
    watch.assert_clean(page)


def test_report_reads_without_javascript(page_in, report_file):
    page = page_in(javascript=False)
    page.goto(report_file.as_uri())
    assert page.locator("svg.chart").count() == 1
    assert page.locator("table.claims tbody tr:visible").count() == 8
    assert not page.locator(".filters").is_visible()


@pytest.mark.parametrize("path, charts", [("/", 0), ("/series", 1), ("/series/s-car-instructors", 1),
                                          ("/findings", 0), ("/documents", 0), ("/documents/hostile", 0),
                                          ("/docs", 0), ("/documents/missing", 0)])
def test_served_pages_are_inert(page_in, server, path, charts):
    page = page_in()
    watch = Watch(page, (server, "data:"))
    response = page.goto(server + path)
    assert response.status == (404 if path.endswith("missing") else 200)
    if path.endswith("missing"):
        watch.errors = [e for e in watch.errors if "404" not in e]  # the browser logs the 404 itself
    assert page.locator("svg.chart").count() == charts
    assert page.locator("img").count() == 0
    watch.assert_clean(page)


def test_served_search_and_screenshots(page_in, server):
    page = page_in(width=1280, height=860)
    watch = Watch(page, (server, "data:"))
    page.goto(server + "/")
    page.fill("form.search input[name=q]", "instructors")
    page.click("form.search button")
    page.wait_for_url("**/?q=instructors*")
    assert page.locator("table.claims tbody tr").count() >= 7
    watch.assert_clean(page)
    if os.environ.get("CLAIMLEDGER_SCREENSHOTS"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.goto(server + "/?series=s-car-instructors")
        page.screenshot(path=str(SCREENSHOTS / "ui-claims.png"))
        page.goto(server + "/series")
        page.screenshot(path=str(SCREENSHOTS / "ui-series.png"))
        page.goto(server + "/documents/wire-2021-05")
        page.screenshot(path=str(SCREENSHOTS / "ui-document.png"))


@pytest.fixture(scope="module")
def example_report(tmp_path_factory) -> tuple[Path, list[dict], list[dict]]:
    """The report of the real example corpus (the full pipeline, spaCy included: about 5 s)."""
    import claimledger

    tmp = tmp_path_factory.mktemp("example")
    db = tmp / "ledger.db"
    try:
        result = claimledger.add([claimledger.demo_corpus()], db=db)
    except claimledger.ModelNotInstalled as exc:
        pytest.skip(f"the example corpus needs the spaCy model: {exc}")
    assert result.claims > 0
    out = claimledger.write_report(db, tmp / "report.html")
    return out, claimledger.series(db), claimledger.findings(db)


def test_example_corpus_report_offline_one_chart_per_series_of_several_figures(page_in, example_report):
    from claimledger.records import Finding
    from claimledger.show.report import review_rating

    report, series, findings = example_report
    assert series, "the example corpus links no series"
    several = [s for s in series if len(set(s["claims"])) > 1]
    page = page_in()
    watch = Watch(page, ("file:", "data:"))
    page.goto(report.as_uri())
    assert page.locator("svg.chart").count() == len(several)
    assert page.locator("section.series").count() == len(several)
    assert page.locator("table.single-figures tbody tr").count() == len(series) - len(several)
    assert page.locator("table.findings tr.finding").count() == len(findings)
    assert page.locator('script[type="application/ld+json"]').count() == sum(
        review_rating(Finding(**{**f, "claims": tuple(f["claims"]), "docs": tuple(f["docs"]),
                                 "evidence": tuple(f["evidence"])})) is not None for f in findings)
    assert page.locator("img").count() == 0
    watch.assert_clean(page)
    if os.environ.get("CLAIMLEDGER_SCREENSHOTS"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.set_viewport_size({"width": 1280, "height": 1400})
        page.screenshot(path=str(SCREENSHOTS / "report-example.png"))


# ---------------------------------------------------------------- what a reader sees first (issue 23)

WIDTHS = (360, 1400, 1920)  # a small phone, the laptop of the issue, a desktop
STORIES = Path(__file__).resolve().parent / "stories"


@pytest.fixture(scope="module")
def story_ledger(tmp_path_factory) -> tuple[Path, Path]:
    """A realistic ledger: the example corpus and every test story (about 70 articles), and its report."""
    import claimledger

    tmp = tmp_path_factory.mktemp("stories")
    db = tmp / "ledger.db"
    try:
        claimledger.add([claimledger.demo_corpus(), *sorted(STORIES.glob("*/*.txt"))], db=db)
    except claimledger.ModelNotInstalled as exc:
        pytest.skip(f"the stories need the spaCy model: {exc}")
    return db, claimledger.write_report(db, tmp / "report.html")


@pytest.fixture(scope="module")
def story_server(story_ledger):
    with serving(story_ledger[0]) as url:
        yield url


def sideways_overflow(page) -> list[str]:
    """The elements reaching past the viewport's right edge (none when the page cannot scroll sideways)."""
    return page.evaluate("""() => {
        const width = document.documentElement.clientWidth;
        if (document.documentElement.scrollWidth <= width) { return []; }
        return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > width + 1)
            .slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));
    }""")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("which", ["hand-made", "stories"])
def test_report_never_scrolls_sideways(page_in, report_file, story_ledger, which, width):
    page = page_in(width=width)
    page.goto((report_file if which == "hand-made" else story_ledger[1]).as_uri())
    assert sideways_overflow(page) == []
    assert page.locator("header.top nav").bounding_box()["width"] <= width


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", ["/overview", "/", "/series", "/findings", "/documents", "/documents/04-wire-600-more-arrive"])
def test_served_pages_never_scroll_sideways(page_in, story_server, path, width):
    page = page_in(width=width)
    watch = Watch(page, (story_server, "data:"))
    assert page.goto(story_server + path).status == 200
    assert sideways_overflow(page) == []
    watch.assert_clean(page)


def test_report_leads_with_findings_then_series_by_importance(page_in, story_ledger):
    import claimledger

    db, report = story_ledger
    summary = claimledger.summary(db)
    page = page_in(width=1400)
    page.goto(report.as_uri())
    headings = page.locator("main h2").all_inner_texts()
    assert headings[0] == "What to check first" and headings[1].startswith("Series")
    assert page.locator(".to-check section.group h3").all_inner_texts() == [
        group.count_words(len(members)) for group, members in summary.action_groups]
    cards = page.locator("section.card.series").evaluate_all("cards => cards.map(c => c.id)")
    assert cards == [f"series-{w.series_id}" for w in summary.charted]
    assert page.locator("section.card.series svg.chart").count() == len(summary.charted)
    assert page.locator("table.single-figures tbody tr").count() == len(summary.single_figures)
    assert page.locator("table.single-figures svg").count() == 0
    first = page.locator("section.card.series").first.bounding_box()["y"]
    assert page.locator(".to-check").bounding_box()["y"] < first


def test_every_figure_in_the_report_links_to_its_highlighted_sentence(page_in, story_ledger):
    page = page_in(width=1400)
    page.goto(story_ledger[1].as_uri())
    broken = page.evaluate("""() => [...document.querySelectorAll('a[href^="#claim-"]')].filter(a => {
        const row = document.getElementById(decodeURIComponent(a.getAttribute('href').slice(1)));
        return !row || !row.closest('table.claims') || !row.querySelector('blockquote.evidence mark.num');
    }).map(a => a.getAttribute('href'))""")
    assert broken == []
    linked = page.locator('a[href^="#claim-"]')
    assert linked.count() >= page.locator("table.claims tbody tr").count()  # every claim is reachable
    first = page.locator(".to-check a.figure").first
    target = first.get_attribute("href")
    first.click()
    assert page.evaluate("document.querySelector(':target') && '#' + document.querySelector(':target').id") == target
    assert page.locator(target).is_visible()


@pytest.mark.parametrize("which", ["hand-made", "stories"])
def test_report_prints(page_in, report_file, story_ledger, which):
    page = page_in(width=794)  # A4 at 96 dpi
    page.goto((report_file if which == "hand-made" else story_ledger[1]).as_uri())
    page.emulate_media(media="print")
    assert not page.locator("header.top").is_visible()
    assert not page.locator(".filters").is_visible()
    assert page.locator("svg.chart").first.is_visible()
    assert sideways_overflow(page) == []
    assert page.pdf(format="A4").startswith(b"%PDF")


def test_overview_page_has_the_report_summary_and_order(page_in, story_server, story_ledger):
    import claimledger

    summary = claimledger.summary(story_ledger[0])
    page = page_in(width=1400)
    watch = Watch(page, (story_server, "data:"))
    page.goto(story_server + "/")
    page.click("header.top a.brand")
    page.wait_for_url("**/overview")
    assert page.locator(".summary.counts b").all_inner_texts() == [
        str(n) for n in (summary.documents, summary.claims, summary.series, summary.findings)]
    assert page.locator(".to-check section.group h3").all_inner_texts() == [
        group.count_words(len(members)) for group, members in summary.action_groups]
    cards = page.locator("section.card.series").evaluate_all("cards => cards.map(c => c.id)")
    assert cards == [f"series-{w.series_id}" for w in summary.charted[:len(cards)]] and cards
    index = page.locator("table.series-index a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert index == [f"/series/{w.series_id}" for w in summary.charted]
    watch.assert_clean(page)


def test_series_page_by_importance_and_search(page_in, story_server, story_ledger):
    import claimledger

    summary = claimledger.summary(story_ledger[0])
    page = page_in(width=1400)
    watch = Watch(page, (story_server, "data:"))
    page.goto(story_server + "/series")
    cards = page.locator("section.card.series").evaluate_all("cards => cards.map(c => c.id)")
    assert cards == [f"series-{w.series_id}" for w in summary.weights[:50] if w.charted]
    page.fill("form.search input[name=q]", "instructors")
    page.click("form.search button")
    page.wait_for_url("**/series?q=instructors*")
    labels = page.locator("section.card.series h3, table.single-figures td[data-label=What]").all_inner_texts()
    assert labels and all("instructor" in label.lower() for label in labels)
    watch.assert_clean(page)


def test_findings_page_filters_by_group(page_in, story_server, story_ledger):
    import claimledger

    groups = {group.key: members for group, members in claimledger.summary(story_ledger[0]).groups}
    page = page_in(width=1400)
    watch = Watch(page, (story_server, "data:"))
    page.goto(story_server + "/findings")
    first_group = page.locator("table.findings tr.group").first.inner_text()
    assert first_group == next(group.title for group, _ in claimledger.summary(story_ledger[0]).groups)
    page.click("nav.groups a[href='/findings?group=copies']")
    page.wait_for_url("**/findings?group=copies")
    types = page.locator("table.findings tr.finding td[data-label=Type]").all_inner_texts()
    assert types == ["duplicate report"] * min(50, len(groups["copies"]))
    watch.assert_clean(page)


def test_claims_filters_by_source_series_and_document_type(page_in, story_server, story_ledger):
    import claimledger

    db = story_ledger[0]
    copies = {f["docs"][1] for f in claimledger.findings(db) if f["type"] == "duplicate_report"}
    assert copies, "the stories hold copies of one report"
    page = page_in(width=1400)
    watch = Watch(page, (story_server, "data:"))
    page.goto(story_server + "/")
    page.select_option("form.search select[name=doc_type]", "copy")
    page.click("form.search button")
    page.wait_for_url("**doc_type=copy*")
    docs = set(page.locator("table.claims td[data-label=Document]").all_inner_texts())
    assert docs and docs <= copies
    page.select_option("form.search select[name=doc_type]", "")
    page.fill("form.search input[name=source]", "Meridian")
    page.click("form.search button")
    page.wait_for_url("**source=Meridian*")
    sources = page.locator("table.claims td[data-label=Source]").all_inner_texts()
    assert sources and all("meridian" in source.lower() for source in sources)
    main = claimledger.summary(db).weights[0]
    page.fill("form.search input[name=source]", "")
    page.select_option("form.search select[name=series]", main.series_id)
    page.click("form.search button")
    page.wait_for_url(f"**series={main.series_id}*")
    assert f"of {main.figures}." in page.locator("main p.muted").first.inner_text()
    watch.assert_clean(page)
