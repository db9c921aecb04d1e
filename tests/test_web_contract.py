"""The web app's contract: any document id opens through the real routes, and every answer,
good or bad, is what the app's own OpenAPI schema says it is (validated with jsonschema)."""
from __future__ import annotations

import re
from html import unescape
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from jsonschema import Draft202012Validator

import claimledger
from claimledger.show.web import app as web
from test_ingest import write_warc
from test_report import store_ledger

# Ids as a web archive gives them (the page's URL) and as file names and rows can hold them.
WARC_URLS = [
    "https://news.example/2021/05/convoy",
    "https://news.example/search?q=trucks&page=2",
    "https://news.example/a%20b/caf%C3%A9",
    "https://news.example/archive/",
    "https://news.example/brief#top",
]


def page(number: int) -> bytes:
    return (f"<html><head><title>Report {number}</title></head><body><article>"
            f"<p>A convoy of {40 + number} trucks reached the capital on Monday, the transport minister said.</p>"
            "<p>More are expected before the end of the month, officials added in a statement.</p>"
            "</article></body></html>").encode()


@pytest.fixture(scope="module")
def warc_client(tmp_path_factory):
    folder = tmp_path_factory.mktemp("warc")
    write_warc(folder / "crawl.warc.gz", [(url, "200 OK", "text/html", page(n), "2021-05-11T08:00:00Z")
                                          for n, url in enumerate(WARC_URLS)])
    (folder / "notes é, v2.txt").write_text("Some 17 boats were seen near the port on Tuesday, police said.",
                                            encoding="utf-8")
    db = folder / "ledger.db"
    result = claimledger.add([folder], db=db)
    assert result.ok and result.added == len(WARC_URLS) + 1, result.problems
    return TestClient(web.create_app(str(db)))


def test_warc_ids_are_what_was_stored(warc_client):
    ids = {row["id"] for row in warc_client.get("/api/documents").json()}
    assert ids == set(WARC_URLS) | {"notes é, v2"}


def test_every_document_link_of_the_ui_opens(warc_client):
    listing = warc_client.get("/documents", headers={"accept": "text/html"}).text
    links = sorted({unescape(href) for href in re.findall(r'href="(/documents/[^"#]+)', listing)})
    assert len(links) == len(WARC_URLS) + 1
    for link in links:
        response = warc_client.get(link, headers={"accept": "text/html"})
        assert response.status_code == 200, link
        assert "trucks" in response.text or "boats" in response.text


@pytest.mark.parametrize("doc_id", [*WARC_URLS, "notes é, v2"])
def test_every_id_opens_in_the_api(warc_client, doc_id):
    quoted = quote(doc_id, safe="")
    document = warc_client.get(f"/api/documents/{quoted}")
    assert document.status_code == 200, doc_id
    assert document.json()["id"] == doc_id
    claims = warc_client.get("/api/claims", params={"doc": doc_id}).json()
    assert claims and all(claim["doc"] == doc_id for claim in claims)
    assert warc_client.get(f"/documents/{quoted}").status_code == 200


# ---------------------------------------------------------------- the schema and the answers agree

@pytest.fixture()
def client(tmp_path):
    path = tmp_path / "ledger.db"
    store_ledger(path)
    return TestClient(web.create_app(str(path)))


def documented(schema: dict, path: str, method: str, status: int) -> dict:
    """The JSON schema the app's OpenAPI gives for this answer (fails when it documents none)."""
    operation = schema["paths"][path][method]
    assert str(status) in operation["responses"], f"{method.upper()} {path} answers {status}, which it does not document"
    body = operation["responses"][str(status)]["content"]["application/json"]["schema"]
    return {**body, "components": schema["components"]}


# (route template, URL, status the app must give)
ANSWERS = [
    ("/api/claims", "/api/claims", 200),
    ("/api/claims", "/api/claims?kind=increase&from=2020&to=2021", 200),
    ("/api/claims", "/api/claims?kind=growth", 400),
    ("/api/claims", "/api/claims?from=2022&to=2021", 400),
    ("/api/claims", "/api/claims?from=last+year", 400),
    ("/api/claims", "/api/claims?limit=501", 400),
    ("/api/series", "/api/series", 200),
    ("/api/series", "/api/series?offset=-1", 400),
    ("/api/findings", "/api/findings", 200),
    ("/api/findings", "/api/findings?limit=zero", 400),
    ("/api/findings", "/api/findings?type=source_disagreement", 200),
    ("/api/findings", "/api/findings?type=disagreement", 400),
    ("/api/documents", "/api/documents", 200),
    ("/api/documents/{doc_id}", "/api/documents/wire-2021-05", 200),
    ("/api/documents/{doc_id}", "/api/documents/no%2Fsuch", 404),
    ("/api/findings/{finding_id}/claimreview", "/api/findings/f-disagree/claimreview", 200),
    ("/api/findings/{finding_id}/claimreview", "/api/findings/nope/claimreview", 404),
]


@pytest.mark.parametrize("route, url, status", ANSWERS)
def test_answers_match_the_openapi_schema(client, route, url, status):
    schema = client.get("/openapi.json").json()
    response = client.get(url)
    assert response.status_code == status, response.text
    Draft202012Validator(documented(schema, route, "get", status)).validate(response.json())
    if status == 400:
        assert response.json()["error"]["status"] == 400


def test_the_schema_promises_no_422(client):
    text = client.get("/openapi.json").text
    assert '"422"' not in text and "HTTPValidationError" not in text and "INTERFACE.md" not in text
    kinds = client.get("/openapi.json").json()["paths"]["/api/claims"]["get"]["parameters"]
    kind = next(p for p in kinds if p["name"] == "kind")
    assert "increase" in str(kind["schema"])


def test_rows_are_checked_against_their_model(client):
    """The rows name their fields in the schema (not a bare object), so the validation above can fail."""
    schema = client.get("/openapi.json").json()
    claim = schema["components"]["schemas"]["ClaimRow"]
    assert {"id", "doc", "start", "end", "value", "low", "high", "sentence"} <= set(claim["required"])
    bad = [{**client.get("/api/claims").json()[0], "start": "zero"}]
    with pytest.raises(Exception, match="not of type"):
        Draft202012Validator(documented(schema, "/api/claims", "get", 200)).validate(bad)


@pytest.mark.parametrize("url", ["/api/claims", "/api/documents/wire-2021-05", "/", "/documents", "/openapi.json"])
def test_head_answers_as_get_without_a_body(client, url):
    got, head = client.get(url), client.head(url)
    assert head.status_code == got.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]
    assert head.headers.get("x-total-count") == got.headers.get("x-total-count")


def test_inverted_range_is_an_error_page_for_browsers(client):
    response = client.get("/", params={"from": "2023", "to": "2019"}, headers={"accept": "text/html"})
    assert response.status_code == 400 and "after" in response.text
