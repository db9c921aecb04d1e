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


@pytest.fixture()
def server(tmp_path, monkeypatch):
    """The web app on 127.0.0.1 and a free port, in a background thread; yields its base URL."""
    import uvicorn

    from claimledger.show.web import app as web

    db = tmp_path / "ledger.db"
    store_ledger(db)
    port = free_port()
    config = uvicorn.Config(web.create_app(str(db)), host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not running.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert running.started, "uvicorn did not start within 15 s"
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)


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
