"""The self-contained HTML report: charts, findings, claims, and untrusted text kept inert.

The ledger here is built by hand (no spaCy): the Russian instructors in the
Central African Republic, 2018-2023, plus one hostile article.  test_web.py
and test_browser.py reuse `car_ledger` and `store_ledger`.
"""
from __future__ import annotations

import re
from contextlib import closing
from pathlib import Path

import pytest

from claimledger.ledger import linked, store as storage
from claimledger.read.ingest import make_document
from claimledger.records import Claim, Document, Finding, Series, StoredDocument
from claimledger.show.report import (chart_day, document_html, evidence_html, format_number,
                                render_report, timeline_svg, write_html as write_report)
from test_series import claim as plain_claim

HOSTILE_SCRIPT = "<script>alert(1)</script>"
HOSTILE_IMG = "<img src=x onerror=alert(1)>"

ARTICLES = [
    ("ministry-2018", "2018-03-22", "Russian Foreign Ministry", "Russia sends instructors",
     "MOSCOW, 22 March 2018. The Russian foreign ministry said on Thursday that 175 Russian instructors "
     "were working in the Central African Republic in 2018."),
    ("wire-2020-12", "2020-12-22", "Wire Agency", "Reinforcements before the election",
     "Moscow said 300 more instructors had been sent to the Central African Republic in December 2020, "
     "adding to the 235 already there."),
    ("wire-2021-05", "2021-05-10", "Wire Agency", "600 more arrive",
     "Another 600 instructors arrived, bringing the total to 1,135, the Russian foreign ministry said in May 2021."),
    ("un-panel-2021", "2021-06-25", "UN News", "UN panel summary",
     "UN experts estimated that up to 2,100 Russian instructors were present in the Central African Republic in 2021."),
    ("ambassador-2023", "2023-02-14", "Daily Courier", "Interview with the ambassador",
     "About 1,890 Russian instructors are in the Central African Republic, the Russian ambassador told "
     "reporters in February 2023."),
    ("hostile", "2022-01-05", "Blog " + HOSTILE_IMG, "Title " + HOSTILE_SCRIPT,
     f"A blogger {HOSTILE_SCRIPT} wrote that 5,000 {HOSTILE_IMG} instructors were there in 2022."),
]

# (doc, figure as written, fields): offsets are found in the text, so the records stay consistent.
CLAIMS = [
    ("ministry-2018", "175", dict(value=175, low=175, high=175, kind="level", source="Russian Foreign Ministry",
                                  source_text="The Russian foreign ministry", source_kind="government",
                                  time_text="2018", time_start="2018", time_end="2018")),
    ("wire-2020-12", "235", dict(value=235, low=235, high=235, kind="level", source="Russian Foreign Ministry",
                                 source_text="Moscow", source_kind="government",
                                 time_text="December 2020", time_start="2020-12", time_end="2020-12")),
    ("wire-2020-12", "300", dict(value=300, low=300, high=300, kind="increase", source="Russian Foreign Ministry",
                                 source_text="Moscow", source_kind="government",
                                 time_text="December 2020", time_start="2020-12", time_end="2020-12")),
    ("wire-2021-05", "600", dict(value=600, low=600, high=600, kind="increase", source="Russian Foreign Ministry",
                                 source_text="the Russian foreign ministry", source_kind="government",
                                 time_text="May 2021", time_start="2021-05", time_end="2021-05")),
    ("wire-2021-05", "1,135", dict(value=1135, low=1135, high=1135, kind="level", source="Russian Foreign Ministry",
                                   source_text="the Russian foreign ministry", source_kind="government",
                                   time_text="May 2021", time_start="2021-05", time_end="2021-05")),
    ("un-panel-2021", "up to 2,100", dict(value=None, low=None, high=2100, kind="level", modality="estimated",
                                          source="UN Panel of Experts", source_text="UN experts",
                                          source_kind="intergovernmental", cue="estimated",
                                          time_text="2021", time_start="2021", time_end="2021")),
    ("ambassador-2023", "About 1,890", dict(value=1890, low=1890, high=1890, kind="level", approximate=True,
                                            source="Russian ambassador", source_text="the Russian ambassador",
                                            source_kind="government", cue="told",
                                            time_text="February 2023", time_start="2023-02", time_end="2023-02")),
    ("hostile", "5,000", dict(value=5000, low=5000, high=5000, kind="level", source=f"blogger {HOSTILE_SCRIPT}",
                              source_text="A blogger", source_kind="media", measure=f"instructors {HOSTILE_IMG}",
                              time_text="2022", time_start="2022", time_end="2022")),
]


def sentence_bounds(text: str, start: int) -> tuple[int, int]:
    """The sentence around `start`: from after the previous ". " to the next "." at a sentence end."""
    begin = text.rfind(". ", 0, start)
    begin = 0 if begin < 0 else begin + 2
    end = text.find(".", start)
    while 0 <= end < len(text) - 1 and text[end + 1] != " ":
        end = text.find(".", end + 1)
    return begin, (len(text) if end < 0 else end + 1)


def make_claim(document: Document, figure: str, number: int, fields: dict) -> Claim:
    """A Claim whose offsets, sentence and source mention are found in the document's text."""
    start = document.text.index(figure)
    sentence_start, sentence_end = sentence_bounds(document.text, start)
    source_text = fields.pop("source_text", None)
    source_start = document.text.index(source_text) if source_text else None
    base = dict(id=f"c{number}-{document.id}", doc=document.id, text=figure, start=start, end=start + len(figure),
                unit=None, measure="Russian instructors", head="instructor", qualifier=None, modality="asserted",
                source_text=source_text, source_start=source_start,
                source_end=source_start + len(source_text) if source_text else None, cue="said",
                location="Central African Republic", sentence=document.text[sentence_start:sentence_end],
                sentence_start=sentence_start)
    return Claim(**{**base, **fields})


def car_ledger() -> tuple[list[Document], list[Claim], list[dict], list[dict]]:
    """Documents, claims, one series and three findings about Russian instructors in CAR."""
    documents = [make_document(doc_id, text, f"{doc_id}.txt", published, publisher, title, None)
                 for doc_id, published, publisher, title, text in ARTICLES]
    by_id = {d.id: d for d in documents}
    claims = [make_claim(by_id[doc], figure, n, dict(fields)) for n, (doc, figure, fields) in enumerate(CLAIMS, 1)]
    ids = {c.text: c.id for c in claims}
    series = [{"id": "s-car-instructors", "label": "Russian instructors in Central African Republic",
               "head": "instructor", "location": "Central African Republic",
               "claims": [ids[t] for t in ("175", "235", "300", "600", "1,135", "up to 2,100", "5,000", "About 1,890")],
               "low": 1890, "best": 1890, "high": 2100, "rule": "latest+open-estimate"}]
    findings = [
        {"id": "f-stock", "type": "stock_flow", "holds": True, "claims": [ids["235"], ids["300"], ids["600"], ids["1,135"]],
         "docs": ["wire-2020-12", "wire-2021-05"], "message": "235 + 300 + 600 = 1,135: the ministry's figures add up.",
         "severity": "low", "evidence": []},
        {"id": "f-disagree", "type": "source_disagreement", "holds": None, "claims": [ids["1,135"], ids["up to 2,100"]],
         "docs": ["wire-2021-05", "un-panel-2021"],
         "message": "For 2021 the UN experts (up to 2,100) and the ministry (1,135) disagree.", "severity": "high",
         "evidence": []},
        {"id": "f-hostile", "type": "suspicious_entity", "holds": False, "claims": [ids["5,000"]], "docs": ["hostile"],
         "message": f"The source {HOSTILE_SCRIPT} looks wrong {HOSTILE_IMG}", "severity": "medium", "evidence": []},
    ]
    return documents, claims, series, findings


def store_ledger(db: Path) -> tuple[list[dict], list[dict]]:
    """Write the CAR ledger to `db`, its hand-made series and findings as the stored ones; return those."""
    documents, claims, series, findings = car_ledger()
    with closing(storage.connect(db)) as con:
        for document in documents:
            storage.store(con, document, [c for c in claims if c.doc == document.id])
        linked.replace_linked_rows(con, series, findings)
    return series, findings


def report_inputs(tmp_path: Path) -> tuple[list[Claim], list[Series], list[Finding], list[StoredDocument]]:
    """(claims, series, findings, documents) records as the storage layer returns them."""
    db = tmp_path / "ledger.db"
    store_ledger(db)
    with closing(storage.connect(db)) as con:
        return (storage.read_claims(con), linked.read_series(con), linked.read_findings(con),
                storage.read_documents(con, with_text=True))


@pytest.fixture()
def report_html(tmp_path) -> str:
    return render_report(*report_inputs(tmp_path))


def assert_no_raw_hostile(html: str) -> None:
    assert HOSTILE_SCRIPT not in html
    assert HOSTILE_IMG not in html
    # Escaped forms are inert: HTML-escaped in markup, JSON-escaped in the ClaimReview JSON-LD.
    assert "onerror=" not in html.replace("onerror=alert(1)&gt;", "").replace("onerror=alert(1)\\u003e", "")


@pytest.mark.parametrize("text, expected", [
    ("2021", "2021-07-01"), ("2020-12", "2020-12-15"), ("2020-12-31", "2020-12-31"),
    ("2018-03-22T16:17", "2018-03-22"), ("", None), (None, None), ("20x1", None), ("2021-13", None),
])
def test_a_partial_date_is_dated_to_the_middle_of_its_period(text, expected):
    from claimledger.timespan import TimeSpan

    span = TimeSpan.parse(text)
    assert (span.middle.isoformat() if span else None) == expected


@pytest.mark.parametrize("value, expected", [(1135, "1,135"), (12.5, "12.5"), (2100.0, "2,100"), (None, "")])
def test_format_number(value, expected):
    assert format_number(value) == expected


def test_as_of_falls_back_to_publication_date():
    assert chart_day(plain_claim("a", "d", 1, start=0), "2021-06-10").isoformat() == "2021-06-10"
    assert chart_day(plain_claim("a", "d", 1, start=0, time_start="2019"), "2021-06-10").year == 2019


def test_report_is_self_contained(report_html):
    assert report_html.startswith("<!doctype html>")
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", report_html)
    assert "<link" not in report_html
    assert "default-src 'none'" in report_html


def test_one_chart_per_series(report_html):
    assert report_html.count('<svg class="chart"') == 1
    assert 'data-series="s-car-instructors"' in report_html
    for label in ("175", "1,135", "up to 2,100", "+300", "+600", "About 1,890"):
        assert f">{label}</text>" in report_html


def test_open_range_runs_to_the_axis(report_html):
    chart = report_html[report_html.index('<svg class="chart"'):report_html.index("</svg>")]
    assert chart.count('class="open-end"') == 1


def test_legend_names_source_kinds(report_html):
    legend = report_html[report_html.index('<g class="legend">'):]
    for kind in ("government", "intergovernmental", "media"):
        assert f">{kind}</text>" in legend


def test_findings_show_holds_and_link_claims(report_html):
    assert "✓" in report_html and "✗" in report_html
    assert "235 + 300 + 600 = 1,135" in report_html
    assert 'href="#claim-c5-wire-2021-05"' in report_html


def test_evidence_marks_number_source_and_time(tmp_path):
    claims = report_inputs(tmp_path)[0]
    claim = next(c for c in claims if c.text == "1,135")
    html = str(evidence_html(claim))
    assert '<mark class="num">1,135</mark>' in html
    assert '<mark class="src">the Russian foreign ministry</mark>' in html
    assert '<mark class="time">May 2021</mark>' in html


def test_hostile_text_is_escaped_everywhere(report_html):
    assert_no_raw_hostile(report_html)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in report_html
    assert "&lt;img src=x onerror=alert(1)&gt;" in report_html


def test_hostile_text_in_chart_and_document_is_escaped(tmp_path):
    claims, series, _, documents = report_inputs(tmp_path)
    by_id = {c.id: c for c in claims}
    svg = str(timeline_svg(series[0], by_id, {d.id: d.published for d in documents}, lambda c: "#x"))
    assert_no_raw_hostile(svg)
    hostile = next(d for d in documents if d.id == "hostile")
    html = str(document_html(hostile.text, [c for c in claims if c.doc == "hostile"]))
    assert_no_raw_hostile(html)
    assert '<mark class="num" id="claim-c8-hostile">' in html


def test_empty_ledger_renders():
    html = render_report([], [], [], [])
    assert "No series." in html and "No findings." in html and "No claims." in html


def test_series_without_dates_says_so():
    svg = str(timeline_svg(Series(id="s", label="x", head=None, location=None, claims=("a",)),
                           {"a": plain_claim("a", "d", 1, start=0)}, {"d": None}, lambda c: "#"))
    assert "No figure in this series has a date" in svg


def test_write_report(tmp_path):
    path = write_report(tmp_path / "report.html", *report_inputs(tmp_path))
    assert path.read_text(encoding="utf-8").startswith("<!doctype html>")
