"""Series: claims about one quantity linked across documents in as-of order (hand-made rows)."""
from __future__ import annotations

import pytest

from claimledger import names as entities
from claimledger.analyse.checks import run_checks
from claimledger.analyse.series import breakdowns, by_place, link_series, plural, reconcile, resolve_heads, time_order
from claimledger.records import Claim, StoredDocument

SENT_A = "Four hundred Lorian advisers were flown to Centralia, the defence office said, taking the total number to 900."
SENT_B = "A group totalling 300 people (100 each for the army, police and border guard) arrived, it said."


def claim(id: str, doc: str, value: float | None, *, start: int, head: str | None = "adviser", kind: str = "level",
          sentence_start: int = 0, **fields) -> Claim:
    """A stored claim with the INTERFACE.md fields; unspecified fields take plain defaults."""
    row = {"id": id, "doc": doc, "text": str(value), "start": start, "end": start + 3, "value": value,
           "low": value, "high": value, "unit": None, "measure": "Lorian advisers", "head": head,
           "qualifier": None, "kind": kind, "modality": "asserted", "source": "defence office",
           "source_text": None, "source_start": None, "source_end": None, "cue": "said", "time_start": None,
           "time_end": None, "time_text": None, "location": "Centralia", "sentence": SENT_A,
           "sentence_start": sentence_start, "source_kind": "government", "relayed_by": None, "rule": None,
           "parts": 1, "alt_year": False, "approximate": False}
    row.update(fields)
    return Claim(**row)


def document(id: str, published: str | None = None, text: str = "") -> StoredDocument:
    return StoredDocument(id=id, sha=id, published=published, text=text)


def test_generic_head_takes_the_head_named_in_the_same_sentence():
    rows = [claim("a", "d1", 400, start=0, kind="increase"),
            claim("b", "d1", 900, start=90, head="number"),
            claim("c", "d1", 300, start=200, head="person", sentence_start=150, sentence=SENT_B, kind="increase")]
    assert resolve_heads(rows) == {"a": "adviser", "b": "adviser", "c": "adviser"}


@pytest.mark.parametrize("rows, expected", [
    # a synonym takes its series' head, and so does a generic head resolved to it
    ([claim("a", "d1", 5_314_433, start=0, head="ballot"), claim("b", "d1", 900, start=40, head="number")],
     {"a": "vote", "b": "vote"}),
    # a nationality noun counts the moved people its document places in the same place, the nearest first
    ([claim("r", "d1", 36_600, start=0, head="refugee"), claim("n", "d1", 12_000, start=50, head="Burundian"),
      claim("m", "d1", 300, start=200, head="arrival", sentence_start=150)],
     {"r": "refugee", "n": "refugee", "m": "arrival"}),
    # ... not those of another place, and not people who did not move
    ([claim("r", "d1", 412, start=0, head="refugee", location="Kibirizi"), claim("n", "d1", 41_200, start=50,
      head="Burundian"), claim("i", "d1", 80, start=90, head="instructor")],
     {"r": "refugee", "n": "Burundian", "i": "instructor"}),
])
def test_heads_read_as_the_thing_they_count(rows, expected):
    assert resolve_heads(rows) == expected


def test_a_head_class_resolves_alike_from_its_own_claims():
    """The update relinks a head from the claims stored under it: those resolve to it again."""
    rows = [claim("r", "d1", 36_600, start=0, head="refugee"), claim("n", "d1", 12_000, start=50, head="Burundian"),
            claim("p", "d1", 900, start=80, head="person"), claim("a", "d1", 300, start=120, head="arrival",
                                                                  sentence_start=110)]
    full = resolve_heads(rows)
    for head in set(full.values()):
        members = [c for c in rows if full[c.id] == head]
        assert resolve_heads(members) == {c.id: head for c in members}


def test_one_series_across_documents_in_as_of_order_undated_last():
    rows = [claim("late", "d2", 900, start=5),
            claim("mid", "d1", 700, start=5, time_start="2020-12-01", time_end="2020-12-31"),
            claim("early", "d1", 500, start=50, time_start="2018", time_end="2018")]
    [series] = link_series(rows, [document("d1"), document("d2")])
    assert series.claims == ("early", "mid", "late")
    assert series.label == "Lorian advisers in Centralia"
    assert (series.low, series.best, series.high) == (900, 900, 900)


def test_a_nationality_noun_names_its_series_once():
    rows = [claim("r", "d1", 36_600, start=0, head="refugee", measure="refugees"),
            claim("n", "d1", 12_000, start=50, head="Burundian", measure="Burundians"),
            claim("alone", "d2", 41_200, start=5, head="Burundian", measure="Burundians", location="Kigoma")]
    labels = sorted(s.label for s in link_series(rows, [document("d1"), document("d2")]))
    assert labels == ["Burundian refugees in Centralia", "Burundians in Kigoma"]


def test_a_nationality_series_joins_the_moved_people_a_document_counts_it_under():
    counted = [claim("r", "d1", 36_600, start=0, head="refugee"), claim("n", "d1", 12_000, start=50, head="Burundian")]
    alone = [claim("a", "d2", 41_200, start=5, head="Burundian"),
             claim("k", "d3", 9_000, start=5, head="Burundian", location="Kigoma")]
    docs = [document("d1"), document("d2"), document("d3")]
    found = {(s.head, s.location): set(s.claims) for s in link_series(counted + alone, docs)}
    assert found == {("refugee", "Centralia"): {"r", "n", "a"}, ("Burundian", "Kigoma"): {"k"}}
    # no document counts them as refugees: the Burundians stay a series of their own
    found = {(s.head, s.location): set(s.claims) for s in link_series([counted[0]] + alone, docs)}
    assert found[("Burundian", "Centralia")] == {"a"}


def test_series_placed_differently_that_share_a_precise_figure_are_one():
    rows = [claim("venue", "d1", 2620322, start=5, location="Alarobia"),
            claim("venue-2", "d1", 1944834, start=50, location="Alarobia"),
            claim("country", "d2", 2620322, start=5, location="Madagascar"),
            claim("country-2", "d2", 2551204, start=50, location="Madagascar"),
            claim("country-3", "d3", 2551204, start=5, location="Madagascar"),
            claim("other", "d4", 40000, start=5, location="Antsirabe")]
    found = link_series(rows, [document("d1", "2021-11-22"), document("d2", "2021-12-10"), document("d3", "2022-01-19"),
                               document("d4", "2022-01-19")])
    assert sorted((s.location, len(s.claims)) for s in found) == [("Antsirabe", 1), ("Madagascar", 5)]


def test_a_round_figure_in_common_joins_no_places():
    rows = [claim("a", "d1", 50000, start=5, location="Sindh"), claim("b", "d2", 50000, start=5, location="Punjab")]
    assert len(link_series(rows, [document("d1"), document("d2")])) == 2


def test_the_checks_compare_a_joined_series_place_by_place():
    rows = [claim("district", "d1", 263, start=5, location="Bajhang", source="district office"),
            claim("district-2", "d1", 152, start=50, location="Bajhang", source="district office"),
            claim("country", "d2", 152, start=5, location="Nepal", source="home ministry"),
            claim("country-2", "d2", 340, start=50, location="Nepal", source="home ministry", sentence_start=40)]
    [one] = link_series(rows, [document("d1", "2024-10-21"), document("d2", "2024-10-21")])
    assert sorted(sorted(c.id for c in part) for part in by_place(rows)) == [["country", "country-2"],
                                                                            ["district", "district-2"]]
    assert len(one.claims) == 4
    assert [f for f in run_checks(rows, [document("d1", "2024-10-21"), document("d2", "2024-10-21")])
            if f.type == "source_disagreement" and {"district", "country-2"} <= set(f.claims)] == []


def test_publication_date_dates_a_claim_without_time():
    rows = [claim("x", "d2", 900, start=5), claim("y", "d1", 600, start=5)]
    ordered = time_order(rows, {"d1": "2021-06-10", "d2": None})
    assert [c.id for c in ordered] == ["y", "x"]


def test_breakdown_belongs_to_its_total_and_is_no_figure_of_its_own():
    rows = [claim("whole", "d1", 300, start=20, head="person", kind="increase", sentence=SENT_B),
            claim("each", "d1", 100, start=40, head="person", kind="increase", parts=3, sentence=SENT_B),
            claim("m", "d2", 5, start=0, qualifier="military", kind="increase", sentence_start=0),
            claim("c", "d2", 170, start=20, qualifier="civilian", kind="increase", sentence_start=0)]
    groups = breakdowns(rows)
    assert sorted(tuple(c.id for c in g) for g in groups) == [("each",), ("m", "c")]


def test_latest_figures_reconciled_ucdp_range_with_conservative_best():
    rows = [claim("old", "d1", 175, start=0, time_start="2018", time_end="2018"),
            claim("official", "d2", 1135, start=10),
            claim("estimate", "d2", 2100, start=300, low=None, modality="estimated", source="UN experts")]
    [series] = link_series(rows, [document("d1", "2018-03-22"), document("d2")])
    assert (series.low, series.best, series.high) == (1135, 1135, 2100)
    assert series.rule == "ucdp-range+acled-conservative"


def test_an_earlier_level_balanced_by_flows_is_superseded():
    rows = [claim("total", "d1", 900, start=10), claim("sent", "d1", 400, start=50, kind="increase"),
            claim("before", "d1", 500, start=200)]
    [series] = link_series(rows, [document("d1")])
    assert (series.low, series.best, series.high) == (900, 900, 900)


def test_claims_without_head_or_of_other_kinds_make_no_series():
    rows = [claim("a", "d1", 3, start=0, head=None), claim("b", "d1", 4, start=9, kind="other")]
    assert link_series(rows, [document("d1")]) == []


def test_reconcile_nothing():
    assert reconcile([]) == (None, None, None)


@pytest.mark.parametrize("noun, expected", [("instructor", "instructors"), ("person", "people"),
                                            ("casualty", "casualties"), ("bus", "buses")])
def test_plural(noun, expected):
    assert plural(noun) == expected


@pytest.mark.parametrize("name, other, same", [
    ("Faustin-Archange Touadéra", "F.A. Touadera", True), ("Touadera", "Faustin-Archange Touadéra", True),
    ("Moscow", "Russian Ministry of Foreign Affairs", True), ("Russia", "the Russian embassy", True),
    ("Russia", "the French embassy", False), ("Somebody Else", "Touadera", False)])
def test_one_source_under_several_names(name, other, same):
    assert entities.same_source(name, other) is same


def test_places_and_aliases_declared_in_the_text():
    learned = entities.learn_aliases(["Aid reached the Republic of Centralia (ROC) last week."])
    assert learned == {"roc": "Republic of Centralia"}
    assert entities.canonical_place("roc", learned) == "Republic of Centralia"
    assert entities.canonical_place("C.A.R.") == "Central African Republic"


def test_edit_distance_and_similarity():
    assert entities.edit_distance("MINURCA", "MINUSCA") == 1
    assert entities.similarity("Touadéra", "touadera") == 1.0


def test_same_source_spelt_differently():
    assert entities.same_source("foreign ministry", "the Russian foreign ministry")
    assert not entities.same_source("UN experts", "foreign ministry")


@pytest.mark.parametrize("fields, published, expected", [
    ({"time_end": "2021"}, None, "2021-07-01"), ({"time_start": "2020-12"}, None, "2020-12-15"),
    ({}, "2018-03-22T16:17", "2018-03-22"), ({"time_end": "20x1"}, "2019-02-03", "2019-02-03"), ({}, None, None)])
def test_as_of_day_is_the_middle_of_the_period(fields, published, expected):
    from claimledger.timespan import as_of_day

    day = as_of_day(fields.get("time_end"), fields.get("time_start"), published)
    assert (day.isoformat() if day else None) == expected


def test_series_sort_keys_order_series_as_link_series_does():
    from claimledger.analyse.series import keyed_series, series_sort_key

    rows = [claim("a", "d1", 5, start=0, head="adviser", location="Centralia"),
            claim("b", "d1", 6, start=10, head="adviser", location="Centralia-North"),
            claim("c", "d1", 7, start=20, head="advisers", location=None),
            claim("d", "d1", 8, start=30, head="adviser", unit="percent", location="Centralia")]
    keyed = keyed_series(rows, [document("d1")])
    assert [s.id for _k, s in keyed] == [s.id for _k, s in sorted(keyed, key=lambda p: series_sort_key(p[0]))]
    assert [s.id for _k, s in keyed] == [s.id for s in link_series(rows, [document("d1")])]


def test_an_unplaced_figure_joins_the_series_its_own_report_places_and_no_other():
    """A report's unplaced "12,000" is its own place's figure; another report's unplaced figure
    does not join a series placed elsewhere just because that series is the only one placed."""
    rows = [claim("placed", "d1", 8000, start=5, location="Centralia"),
            claim("same-report", "d1", 12000, start=60, location=None),
            claim("other-report", "d2", 18000, start=5, location=None)]
    by_claims = {s.claims: s for s in link_series(rows, [document("d1"), document("d2")])}
    assert set(by_claims) == {("placed", "same-report"), ("other-report",)}
