"""What a reader sees first (analyse.summary): honest labels, series by importance, findings worst
first, the same counts in SQL as from records, and the terminal's summary and fitted tables."""
from __future__ import annotations

from contextlib import closing

import pytest

from claimledger.analyse.summary import (FINDING_GROUPS, SeriesWeight, by_importance, counted_noun, display_label,
                                         group_findings, ordered_findings, read_summary, summarise, weigh_series)
from claimledger.data.labels_en import UNKNOWN_HEAD_LABEL
from claimledger.ledger import linked, store
from claimledger.records import Finding, Series
from claimledger.show.tables import fitted_columns, summary_text
from test_report import car_ledger, store_ledger
from test_series import claim


def measured(*measures: str, sentence: str = "") -> list:
    """Claims whose measures (and sentence) are these texts."""
    return [claim(f"c{n}", "d", 1, start=0, measure=m, sentence=sentence or m) for n, m in enumerate(measures)]


@pytest.mark.parametrize("head, measures, expected", [
    ("instructor", ["Russian instructors"], "instructors"),
    ("death", ["death toll"], "death"),                  # the plural no claim wrote is not invented
    (None, ["people"], None),
    ("", ["people"], None),
    ("dozen", ["dozens"], None),                        # a number word counts nothing
    ("thousand", ["as thousands"], None),
    ("third", ["more than a third"], None),
    ("thursdays", ["Thursdays"], None),                 # a weekday
    ("m", ["21m"], None),                               # a scale letter
    ("en", ["tens"], None),                             # a fragment
    ("total", ["total"], None),
    ("burundians", ["Burundians"], "Burundians"),       # a name, as written: no "burundianses"
    ("tojo", ["Tojo"], "Tojo"),
    ("march", ["protest marches"], "marches"),          # a month's name, and a counted thing here
    ("polling station", ["polling stations"], "polling stations"),
    ("2021", ["2021"], None),
])
def test_counted_noun(head, measures, expected):
    assert counted_noun(head, measured(*measures)) == expected


@pytest.mark.parametrize("label, head, location, unit, measures, expected", [
    ("Russian instructors in Centralia", "instructor", "Centralia", None, ["Russian instructors"],
     "Russian instructors in Centralia"),
    ("dozens in Mali", "dozen", "Mali", None, ["dozens"], f"{UNKNOWN_HEAD_LABEL} in Mali"),
    ("ms (USD) in Tanzania", "m", "Tanzania", "USD", ["21m"], f"{UNKNOWN_HEAD_LABEL} (USD) in Tanzania"),
    ("thursdayses", "thursdays", None, None, ["Thursdays"], UNKNOWN_HEAD_LABEL),
    ("burundianses in Tanzania", "burundians", "Tanzania", None, ["Burundians"], "Burundians in Tanzania"),
    ("ens in Centralia", "en", "Centralia", None, ["tens"], f"{UNKNOWN_HEAD_LABEL} in Centralia"),
])
def test_display_label_never_invents_a_noun(label, head, location, unit, measures, expected):
    claims = [claim(f"c{n}", "d", 1, start=0, measure=m, sentence=m, unit=unit) for n, m in enumerate(measures)]
    one = Series(id="s", label=label, head=head, location=location, claims=tuple(c.id for c in claims))
    assert display_label(one, claims) == expected


def weight(name: str, figures: int, sources: int, documents: int, findings: int) -> SeriesWeight:
    return SeriesWeight(name, name, figures, sources, documents, findings)


def test_series_that_matter_most_come_first():
    weights = [weight("one figure", 1, 1, 1, 0), weight("main story", 33, 10, 8, 8),
               weight("one document table", 12, 1, 1, 0), weight("questioned", 3, 3, 3, 6),
               weight("tie, fewer documents", 5, 2, 1, 0), weight("tie, more documents", 4, 2, 2, 0)]
    assert [w.series_id for w in by_importance(weights)] == [
        "main story", "questioned", "one document table", "tie, more documents", "tie, fewer documents", "one figure"]
    assert [w.charted for w in by_importance(weights)] == [True] * 5 + [False]


def finding(id: str, type: str, holds: bool | None = None, severity: str = "medium", docs: int = 1) -> Finding:
    return Finding(id=id, type=type, holds=holds, claims=("c",), docs=tuple(f"d{n}" for n in range(docs)),
                   message=f"{id} message", severity=severity)


def test_findings_come_by_what_to_do_worst_first():
    findings = [finding("sum ok", "parts_sum", True, "low"), finding("copy", "duplicate_report", severity="low"),
                finding("odd year", "suspicious_number"), finding("mild", "source_disagreement", severity="medium"),
                finding("sharp", "source_disagreement", severity="high"), finding("wide", "source_disagreement",
                                                                                 severity="high", docs=3),
                finding("stock off", "stock_flow", False), finding("changed", "revision"), finding("new", "novel_type"),
                finding("odd name", "suspicious_entity", False)]
    groups = group_findings(findings)
    assert [group.key for group, _ in groups] == [
        "does_not_add_up", "disagree", "garbled", "copies", "revised", "adds_up", "other"]
    assert [f.id for f in dict((g.key, m) for g, m in groups)["disagree"]] == ["wide", "sharp", "mild"]
    assert [f.id for f in ordered_findings(findings)][:2] == ["stock off", "wide"]
    assert [f.id for f in dict((g.key, m) for g, m in groups)["garbled"]] == ["odd name", "odd year"]
    assert [g.key for g in FINDING_GROUPS][-1] == "other"


def test_sql_weights_equal_record_weights(tmp_path):
    """linked.series_weights (the web UI, the terminal) counts what weigh_series (the report) counts."""
    documents, claims, series, findings = car_ledger()
    ids = [c.id for c in claims]
    series += [{"id": "s-two", "label": "two figures", "head": "instructor", "location": None,
                "claims": ids[-2:], "low": None, "best": None, "high": None, "rule": None},
               {"id": "s-one", "label": "one figure", "head": "instructor", "location": None,
                "claims": ids[:1], "low": None, "best": None, "high": None, "rule": None}]
    db = tmp_path / "ledger.db"
    with closing(store.connect(db)) as con:
        for document in documents:
            store.store(con, document, [c for c in claims if c.doc == document.id])
        linked.replace_linked_rows(con, series, findings)
        from_sql = sorted((SeriesWeight(**row) for row in linked.series_weights(con)), key=lambda w: w.series_id)
        records = store.read_claims(con), linked.read_series(con), linked.read_findings(con)
        summary = read_summary(con)
    from_records = weigh_series(records[1], {c.id: c for c in records[0]}, records[2])
    assert from_sql == sorted(from_records, key=lambda w: w.series_id)
    assert {w.series_id: (w.figures, w.sources, w.documents, w.findings) for w in from_sql}["s-car-instructors"] \
        == (8, 4, 6, 3)
    assert [w.series_id for w in summary.weights] == ["s-car-instructors", "s-two", "s-one"]
    assert (summary.documents, summary.claims, summary.series, summary.findings) == (6, 8, 3, 3)


def test_claims_of_original_reports_or_of_copies(tmp_path):
    db = tmp_path / "ledger.db"
    store_ledger(db)
    copy = {"id": "f-copy", "type": "duplicate_report", "holds": None, "claims": [],
            "docs": ["wire-2020-12", "wire-2021-05"], "message": "copy", "severity": "low", "evidence": []}
    with closing(store.connect(db)) as con:
        linked.write_findings(con, [("dup", "z", copy)])
        con.commit()
        copies = {c.doc for c in store.read_claims(con, doc_type="copy")}
        originals = {c.doc for c in store.read_claims(con, doc_type="original")}
        assert copies == {"wire-2021-05"}
        assert "wire-2021-05" not in originals and "wire-2020-12" in originals
        assert store.count_claims(con, doc_type="copy") + store.count_claims(con, doc_type="original") \
            == store.count_claims(con)
        with pytest.raises(Exception, match="unknown document type"):
            store.read_claims(con, doc_type="press release")


@pytest.mark.parametrize("width, expected", [
    (80, ["text", "head", "source", "time_end"]),
    (40, ["text", "head"]),                     # a name column needs three columns' room
    (13, ["text", "head"]),                     # never fewer than two
    (400, ["doc", "text", "head", "source", "time_end"]),
])
def test_tables_keep_the_columns_that_fit(width, expected):
    columns = ("doc", "text", "head", "source", "time_end")
    assert fitted_columns(columns, width, ("text", "head", "source", "time_end", "doc")) == expected


def test_terminal_summary_fits_80_columns_and_points_on():
    documents, claims, series, findings = car_ledger()
    records = [Series(**{**s, "claims": tuple(s["claims"])}) for s in series]
    finding_records = [Finding(**{**f, "claims": tuple(f["claims"]), "docs": tuple(f["docs"]),
                                  "evidence": ()}) for f in findings]
    summary = summarise(len(documents), len(claims), weigh_series(records, {c.id: c for c in claims},
                                                                  finding_records), finding_records)
    text = summary_text(summary, {"s-car-instructors": "Russian instructors in CAR"}, "my.db", width=80)
    lines = text.splitlines()
    assert lines[0] == "6 documents, 8 claims, 1 series, 3 findings in my.db"
    assert all(len(line) <= 80 for line in lines if not line.startswith("  claimledger")), text
    assert "1 disagreement between sources" in text and "For 2021 the UN experts" in text
    assert "1 figure or name that looks garbled" in text and "Also: 1 check that adds up." in text
    assert "Russian instructors in CAR: 8 figures, 4 sources, 6 documents, 3 findings" in " ".join(
        line.strip() for line in lines)
    assert "  claimledger report -o report.html --db my.db" in lines and "  claimledger serve --db my.db" in lines


def test_a_copy_is_no_second_document_behind_a_series(tmp_path):
    """A document whose figures in a series all repeat another report's (the claims a
    duplicate_report cites of its copy) does not count among the series' documents, in SQL
    (linked.series_weights) as in records (weigh_series)."""
    from claimledger.analyse import update
    from claimledger.analyse.wording import make_finding

    documents, claims, series, findings = car_ledger()
    in_series = [c for c in claims if c.id in series[0]["claims"]]
    original, copy = sorted({c.doc for c in in_series})[:2]
    cited = [c for c in in_series if c.doc in (original, copy)]
    repeat = make_finding("duplicate_report", None, cited, [original, copy], "Document repeats another.", "low",
                          ("relation=verbatim_copy", "jaccard=0.90"))
    with closing(store.connect(tmp_path / "ledger.db")) as con:
        for document in documents:
            store.store(con, document, [c for c in claims if c.doc == document.id])
        linked.replace_linked_rows(con, series, findings)
        linked.write_findings(con, [update._scoped(repeat, {})])
        from_sql = {row["series_id"]: row["documents"] for row in linked.series_weights(con)}
        records = store.read_claims(con), linked.read_series(con), linked.read_findings(con)
    from_records = {w.series_id: w.documents for w in weigh_series(records[1], {c.id: c for c in records[0]}, records[2])}
    assert from_sql["s-car-instructors"] == from_records["s-car-instructors"] == 5  # 6 documents, one a copy
