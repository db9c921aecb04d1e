"""schema.org ClaimReview JSON-LD for findings: its fields, its rating, and its script element kept shut."""
from __future__ import annotations

import json
import re
from datetime import date

import pytest
from fastapi.testclient import TestClient

from claimledger.records import Claim, Finding, StoredDocument
from claimledger.show.web import app as web
from claimledger.show.report import claim_review, json_ld_script, render_report, review_rating
from test_report import report_inputs, store_ledger
from test_series import claim as plain_claim

BREAKOUT = '</script><script>alert(1)</script><!-- & \u2028'
LD_SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def claim(**fields) -> Claim:
    return plain_claim("c1", "d1", 175, start=0, **{"sentence": "The ministry said 175 instructors were there.",
                                                     "source": "Russian Foreign Ministry", "source_kind": "government",
                                                     **fields})


def finding(type: str, holds: bool | None = None, claims: tuple[str, ...] = (), message: str = "m", **fields) -> Finding:
    return Finding(**{"id": "f1", "type": type, "holds": holds, "claims": claims, "docs": (), "message": message,
                      **fields})


DOCUMENTS = {"d1": StoredDocument(id="d1", sha="d1", url="https://example.org/a", title="Instructors",
                                  published="2018-03-22", publisher="Wire Agency")}


@pytest.mark.parametrize("finding, rating", [
    (finding("parts_sum", True), "Adds up"),
    (finding("stock_flow", False), "Does not add up"),
    (finding("source_disagreement", None), "Disputed"),
    (finding("revision", None), "Disputed"),
    (finding("suspicious_number", None), "Suspicious"),
    (finding("duplicate_report", None), None),
])
def test_rating_comes_from_type_and_holds(finding, rating):
    assert review_rating(finding) == rating


def test_claim_review_fields():
    sums = finding("parts_sum", False, ("c1",), "They do not add up.", docs=("d1",))
    review = claim_review(sums, {"c1": claim()}, DOCUMENTS, today=date(2026, 11, 22))
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == "The ministry said 175 instructors were there."
    assert review["reviewBody"] == "They do not add up."
    assert review["reviewRating"] == {"@type": "Rating", "alternateName": "Does not add up"}
    assert review["datePublished"] == "2026-11-22"
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"] == {"@type": "Organization", "name": "Russian Foreign Ministry"}
    assert item["appearance"]["url"] == "https://example.org/a"
    assert item["appearance"]["headline"] == "Instructors"
    assert item["appearance"]["datePublished"] == "2018-03-22"


def test_expert_is_a_person_and_unnamed_source_falls_back_to_publisher():
    revision = finding("revision", None, ("c1",))
    expert = claim_review(revision, {"c1": claim(source="Jane Analyst", source_kind="expert")}, DOCUMENTS)
    assert expert["itemReviewed"]["author"] == {"@type": "Person", "name": "Jane Analyst"}
    nobody = claim_review(revision, {"c1": claim(source=None, source_kind=None)}, DOCUMENTS)
    assert nobody["itemReviewed"]["author"] == {"@type": "Organization", "name": "Wire Agency"}


def test_finding_without_a_claim_under_review_is_refused():
    with pytest.raises(ValueError, match="rates no claim"):
        claim_review(finding("duplicate_report", None, id="f"), {}, {})


def test_hostile_text_cannot_leave_the_script_element():
    suspicious = finding("suspicious_number", None, ("c1",), BREAKOUT)
    script = str(json_ld_script(claim_review(suspicious, {"c1": claim(sentence=BREAKOUT)}, DOCUMENTS)))
    assert script.count("<") == 2 and script.count("</script>") == 1 and script.endswith("</script>")
    assert "&" not in script and "\u2028" not in script
    body = LD_SCRIPT.fullmatch(script).group(1)
    assert json.loads(body)["reviewBody"] == BREAKOUT


def test_report_embeds_one_json_ld_per_rated_finding(tmp_path):
    claims, series, findings, documents = report_inputs(tmp_path)
    findings = findings + [Finding(id="f-evil", type="suspicious_entity", holds=None, claims=(claims[0].id,),
                                   docs=(claims[0].doc,), message=BREAKOUT, severity="high")]
    html = render_report(claims, series, findings, documents)
    blocks = [json.loads(body) for body in LD_SCRIPT.findall(html)]
    assert len(blocks) == sum(review_rating(f) is not None for f in findings)
    assert all(b["@type"] == "ClaimReview" for b in blocks)
    assert BREAKOUT in [b["reviewBody"] for b in blocks]
    # The only script elements are the JSON-LD blocks and the report's own filter script.
    assert html.count("<script") == len(blocks) + 1


def test_claim_review_endpoint(tmp_path, monkeypatch):
    db = tmp_path / "ledger.db"
    series, findings = store_ledger(db)
    client = TestClient(web.create_app(str(db)))
    rated = next(f for f in findings if review_rating(Finding(**f)) is not None)
    response = client.get(f"/api/findings/{rated['id']}/claimreview")
    assert response.status_code == 200
    assert response.json()["@type"] == "ClaimReview"
    missing = client.get("/api/findings/nope/claimreview")
    assert missing.status_code == 404 and "error" in missing.json()
