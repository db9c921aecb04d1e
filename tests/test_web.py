"""The web UI and JSON API, in-process (FastAPI's TestClient), over the hand-made CAR ledger."""
from __future__ import annotations

from contextlib import closing

import pytest
from fastapi.testclient import TestClient

from claimledger.show.web import app as web
from claimledger.errors import BadInput
from test_report import HOSTILE_IMG, HOSTILE_SCRIPT, assert_no_raw_hostile, store_ledger

HTML = {"accept": "text/html"}




@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "ledger.db"
    return path, *store_ledger(path)


@pytest.fixture()
def client(db, monkeypatch):
    """The app over the hand-made ledger; loading the whole ledger fails, as no route may need it."""
    from claimledger import api

    def refuse(*_args, **_kwargs):
        raise AssertionError("a route loaded the whole ledger")
    for module, name in ((api, "ledger"), (api, "series"), (api, "findings")):
        monkeypatch.setattr(module, name, refuse)
    return TestClient(web.create_app(str(db[0])))




def test_missing_database_is_a_clear_error(tmp_path):
    with pytest.raises(BadInput, match="no ledger"):
        web.create_app(str(tmp_path / "absent.db"))


def test_api_lists_are_json_lists(client):
    for path, count in (("/api/claims", 8), ("/api/series", 1), ("/api/findings", 3), ("/api/documents", 6)):
        response = client.get(path)
        assert response.status_code == 200, path
        assert isinstance(response.json(), list) and len(response.json()) == count
        assert response.headers["x-total-count"] == str(count)


def test_api_claim_rows_carry_interface_fields(client):
    row = client.get("/api/claims", params={"q": "2,100"}).json()[0]
    for field in ("id", "doc", "text", "start", "end", "value", "low", "high", "unit", "measure", "head",
                  "kind", "modality", "source", "source_text", "source_start", "source_end", "cue",
                  "time_start", "time_end", "time_text", "location", "sentence"):
        assert field in row
    assert row["low"] is None and row["high"] == 2100


@pytest.mark.parametrize("params, expected", [
    ({"q": "ambassador"}, ["About 1,890"]),
    ({"source": "un panel"}, ["up to 2,100"]),
    ({"from": "2021", "to": "2021"}, ["600", "1,135", "up to 2,100"]),
    ({"from": "2020-12", "to": "2020-12"}, ["235", "300"]),
    ({"to": "2018"}, ["175"]),
    ({"kind": "increase"}, ["300", "600"]),
    ({"doc": "hostile"}, ["5,000"]),
    ({"series": "s-car-instructors", "from": "2023"}, ["About 1,890"]),
    ({"series": "no-such-series"}, []),
])
def test_api_claim_filters(client, params, expected):
    assert sorted(r["text"] for r in client.get("/api/claims", params=params).json()) == sorted(expected)


def test_api_paging(client):
    first = client.get("/api/claims", params={"limit": 3}).json()
    second = client.get("/api/claims", params={"limit": 3, "offset": 3}).json()
    assert len(first) == 3 and len(second) == 3
    assert not {r["id"] for r in first} & {r["id"] for r in second}
    assert client.get("/api/claims", params={"limit": 500}).status_code == 200


@pytest.mark.parametrize("path, params", [
    ("/api/claims", {"limit": 501}),
    ("/api/claims", {"limit": 0}),
    ("/api/claims", {"offset": -1}),
    ("/api/claims", {"q": "x" * 201}),
    ("/api/claims", {"from": "last year"}),
    ("/api/documents", {"limit": "many"}),
    ("/api/series", {"limit": 1000}),
])
def test_bad_parameters_are_400_in_the_error_shape(client, path, params):
    response = client.get(path, params=params)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["status"] == 400 and isinstance(error["message"], str) and error["message"]


def test_unknown_things_are_404_in_the_error_shape(client):
    for path in ("/api/documents/nope", "/documents/nope", "/series/nope", "/no-such-page", "/static/../web.py"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.json()["error"]["status"] == 404


def test_error_page_for_browsers_escapes_the_id(client):
    response = client.get("/documents/" + "%3Cscript%3Ealert(1)%3C%2Fscript%3E", headers=HTML)
    assert response.status_code == 404
    assert "<h1>Error 404</h1>" in response.text
    assert HOSTILE_SCRIPT not in response.text


def test_document_ids_are_not_paths(client):
    for doc_id in ("..%2F..%2Fetc%2Fpasswd", "ministry-2018' OR '1'='1"):
        assert client.get(f"/documents/{doc_id}").status_code == 404


def test_read_only_by_default(client):
    response = client.post("/api/documents", json={"id": "x", "text": "y"})
    assert response.status_code == 405
    assert response.json()["error"]["status"] == 405


def test_pages_render(client):
    for path, needle in (("/", "Claims 1–8 of 8"), ("/series", '<svg class="chart"'), ("/findings", "235 + 300 + 600"),
                         ("/documents", "ambassador-2023"), ("/documents/wire-2021-05", '<mark class="num"'),
                         ("/series/s-car-instructors", "Russian instructors in Central African Republic"),
                         ("/docs", "/api/claims")):
        response = client.get(path, headers=HTML)
        assert response.status_code == 200, path
        assert needle in response.text, path
        assert "content-security-policy" in response.headers


def test_series_page_has_one_chart_per_series_linked_to_documents(client):
    html = client.get("/series").text
    assert html.count('<svg class="chart"') == 1
    assert 'href="/documents/wire-2021-05#claim-c5-wire-2021-05"' in html


def test_claims_page_search(client):
    html = client.get("/", params={"q": "UN experts", "from": "", "to": ""}).text
    assert "Claims 1–1 of 1" in html and "up to 2,100" in html


def test_document_page_marks_figures_and_evidence(client):
    html = client.get("/documents/wire-2021-05").text
    assert '<mark class="num" id="claim-c5-wire-2021-05"><a href="#row-c5-wire-2021-05">1,135</a></mark>' in html
    assert '<mark class="src">the Russian foreign ministry</mark>' in html


@pytest.mark.parametrize("path", ["/", "/overview", "/series", "/findings", "/documents", "/documents/hostile",
                                  "/api/claims?doc=hostile", "/api/documents/hostile", "/api/findings"])
def test_hostile_text_is_never_raw(client, path):
    response = client.get(path)
    assert response.status_code == 200
    if response.headers["content-type"].startswith("text/html"):
        assert_no_raw_hostile(response.text)
        assert "&lt;script&gt;" in response.text or "&lt;img" in response.text
    else:
        assert response.headers["content-type"].startswith("application/json")


def test_openapi_is_offline(client):
    schema = client.get("/openapi.json").json()
    assert {"/api/claims", "/api/series", "/api/findings", "/api/documents"} <= set(schema["paths"])
    docs = client.get("/docs").text
    assert "cdn" not in docs.lower() and "swagger" not in docs.lower()


def test_static_files_are_an_allow_list(client):
    assert client.get("/static/claimledger.css").headers["content-type"].startswith("text/css")
    assert client.get("/static/claims-filter.js").status_code == 200
    assert client.get("/static/report.py").status_code == 404


def test_writable_app_adds_documents(db, monkeypatch):
    from claimledger import pipeline
    from claimledger.pipeline import Extracted

    monkeypatch.setattr(pipeline, "extract", lambda documents, options=None: (Extracted(d, []) for d in documents))
    client = TestClient(web.create_app(str(db[0]), writable=True))
    response = client.post("/api/documents", json={"id": "new", "text": f"Nothing {HOSTILE_IMG}", "published": "2024-01-02"})
    assert response.status_code == 201 and response.json()["id"] == "new"
    assert client.get("/api/documents/new").json()["published"] == "2024-01-02"
    assert client.post("/api/documents", json={"id": ""}).status_code == 400


def test_totals_are_counted_in_sql_whatever_the_page(client):
    response = client.get("/api/claims", params={"limit": 3, "offset": 6})
    assert len(response.json()) == 2 and response.headers["x-total-count"] == "8"
    response = client.get("/api/claims", params={"q": "ministry", "limit": 1})
    assert len(response.json()) == 1 and response.headers["x-total-count"] == "5"
    response = client.get("/api/findings", params={"doc": "wire-2021-05", "limit": 1})
    assert len(response.json()) == 1 and response.headers["x-total-count"] == "2"


@pytest.mark.parametrize("q, expected", [
    ("instruct", 8),              # a word prefix
    ("AMBASSADOR", 1),            # case folded
    ("foreign ministry", 5),      # words in order
    ("ministry foreign", 0),
    ('"unbalanced', 0),           # query syntax is never passed through
    ("NEAR(a b) OR *", 0),
    ("%", 0),                     # no word: a literal LIKE
])
def test_full_text_search(client, q, expected):
    response = client.get("/api/claims", params={"q": q})
    assert response.status_code == 200
    assert len(response.json()) == expected


def test_lists_of_series_findings_and_documents_page(client):
    assert [f["id"] for f in client.get("/api/findings", params={"limit": 2, "offset": 1}).json()] == [
        "f-disagree", "f-hostile"]
    assert client.get("/api/series", params={"head": "instructor"}).json()[0]["id"] == "s-car-instructors"
    assert client.get("/api/series", params={"head": "pilot"}).json() == []
    documents = client.get("/api/documents", params={"limit": 4, "offset": 4})
    assert len(documents.json()) == 2 and documents.headers["x-total-count"] == "6"
    page = client.get("/documents", params={"limit": 4}).text
    assert "1–4 of 6" in page and "offset=4" in page
    assert "1–1 of 3" in client.get("/findings", params={"limit": 1}).text


def test_the_server_reads_what_was_last_linked(tmp_path):
    from test_report import car_ledger

    from claimledger import api
    from claimledger.ledger import store as storage
    documents, claims, _series, _findings = car_ledger()
    path = tmp_path / "ledger.db"
    with closing(storage.connect(path)) as con:
        for document in documents:
            storage.store(con, document, [c for c in claims if c.doc == document.id])
    client = TestClient(web.create_app(str(path)))
    assert client.get("/api/series").json() == []  # stored but not yet linked: a read-only server writes nothing
    assert api.series(path) == [] and api.pending(path)  # nor does a reader of the API
    api.update(path)  # the update links the pending documents
    assert api.series(path)
    assert client.get("/api/series").json() == api.series(path)
    assert client.get("/api/findings").json() == api.findings(path)


def test_overview_leads_with_what_to_check(client):
    html = client.get("/overview", headers=HTML).text
    assert html.index("What to check first") < html.index("Series that matter most") < html.index('<svg class="chart"')
    assert "1 disagreement between sources" in html and "1 figure or name that looks garbled" in html
    assert 'href="/findings?group=adds_up">1 check that adds up</a>' in html
    assert 'href="/series/s-car-instructors"' in html


@pytest.mark.parametrize("params, shown", [({}, 1), ({"q": "instructors"}, 1), ({"q": "Russian CENTRAL"}, 1),
                                           ({"q": "refugees"}, 0)])
def test_series_page_searches_labels(client, params, shown):
    html = client.get("/series", params=params, headers=HTML).text
    assert html.count('<section class="card series"') == shown
    assert ("No series matches" in html) == (shown == 0)


@pytest.mark.parametrize("group, types", [(None, ["source disagreement", "suspicious entity", "stock flow"]),
                                          ("disagree", ["source disagreement"]), ("adds_up", ["stock flow"]),
                                          ("copies", [])])
def test_findings_page_worst_first_and_by_group(client, group, types):
    html = client.get("/findings", params={"group": group} if group else {}, headers=HTML).text
    found = [row.split("</td>")[0] for row in html.split('<td class="nowrap" data-label="Type">')[1:]]
    assert found == types


@pytest.mark.parametrize("path, params", [("/findings", {"group": "worst"}), ("/", {"doc_type": "press"})])
def test_unknown_group_or_document_type_is_400(client, path, params):
    response = client.get(path, params=params)
    assert response.status_code == 400 and response.json()["error"]["status"] == 400


def test_claims_page_filters_by_document_type(db, client):
    from claimledger.ledger import linked, store

    copy = {"id": "f-copy", "type": "duplicate_report", "holds": None, "claims": [],
            "docs": ["wire-2020-12", "wire-2021-05"], "message": "copy", "severity": "low", "evidence": []}
    with closing(store.connect(db[0])) as con:
        linked.write_findings(con, [("dup", "z", copy)])
        con.commit()
    assert "Claims 1–2 of 2" in client.get("/", params={"doc_type": "copy"}).text
    assert "Claims 1–6 of 6" in client.get("/", params={"doc_type": "original"}).text
    assert "Claims 1–8 of 8" in client.get("/", params={"doc_type": ""}).text
