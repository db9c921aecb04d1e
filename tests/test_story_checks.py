"""Findings within one story: what the checks may pair across reports, and what a copy adds."""
from __future__ import annotations

import pytest

from claimledger.analyse.checks import _one_counter_twice, as_of_period, run_checks
from claimledger.analyse.lists import not_repeated
from claimledger.analyse.timeline import stories
from claimledger.analyse.wording import make_finding
from test_series import claim, document


def of_type(findings, kind):
    return [f for f in findings if f.type == kind]


# (places of the reports' claims, the stories they make: sets of report ids)
STORY_CASES = [
    ({"d1": ["Bajhang"], "d2": ["Bajhang", "Nepal"], "d3": ["Nepal"]}, [{"d1", "d2", "d3"}]),
    ({"d1": ["Bajhang"], "d2": ["Sindh"]}, [{"d1"}, {"d2"}]),
    ({"d1": ["Bajhang"], "d2": ["Sindh"], "d3": [None]}, [{"d1", "d3"}, {"d2", "d3"}]),
    ({"d1": [None], "d2": [None]}, [{"d1", "d2"}]),
]


@pytest.mark.parametrize("places, expected", STORY_CASES)
def test_reports_are_one_story_when_they_share_a_place(places, expected):
    rows = [claim(f"{doc}-{i}", doc, 4 + i, start=10 * i, location=place)
            for doc, named in places.items() for i, place in enumerate(named)]
    found = [{c.doc for c in story} for story in stories(rows)]
    assert sorted(found, key=sorted) == sorted(expected, key=sorted)


def test_a_precise_figure_in_common_joins_two_reports_placed_differently():
    rows = [claim("a", "d1", 5314433, start=0, location="Alarobia"),
            claim("b", "d2", 5314433, start=0, location="Ambohidahy")]
    assert [{c.doc for c in story} for story in stories(rows)] == [{"d1", "d2"}]
    rows = [claim("a", "d1", 4, start=0, location="Bajhang"), claim("b", "d2", 4, start=0, location="Taiz")]
    assert len(stories(rows)) == 2  # "4 deaths" in two countries is chance


def test_a_toll_in_another_country_is_not_re_reported():
    # "40" stands at offset 18 of its sentence
    rows = [claim("early", "d1", 40, start=0, head="death", location="Taiz", source="monitors"),
            claim("late", "d2", 40, start=18, head="death", location="Bajhang", source="ministry",
                  sentence="The toll is still 40, the ministry said.")]
    docs = [document("d1", "2024-10-08"), document("d2", "2024-11-27")]
    assert of_type(run_checks(rows, docs), "re_report") == []
    same_place = [rows[0], claim("late", "d2", 40, start=18, head="death", location="Taiz", source="ministry",
                                 sentence="The toll is still 40, the ministry said.")]
    assert len(of_type(run_checks(same_place, docs), "re_report")) == 1


# (time_rule, start, end of each running count): whether the two counts are for the same time
SINCE_CASES = [
    (("since", "2022-04", "2023-02-08"), ("stated", "2022-10", "2022-10"), False),
    (("since", "2025-05-08", "2025-05-22"), ("since", "2025-05-08", "2025-05-22"), True),
    (("stated", "2021", "2021"), ("stated", "2021-06-10", "2021-06-10"), True),
]


@pytest.mark.parametrize("first, second, meet", SINCE_CASES)
def test_running_counts_are_compared_at_the_day_counted_to(first, second, meet):
    from claimledger.analyse.checks import overlaps
    a = claim("a", "d1", 1150, start=0, time_rule=first[0], time_start=first[1], time_end=first[2])
    b = claim("b", "d2", 2000, start=0, time_rule=second[0], time_start=second[1], time_end=second[2])
    assert overlaps(as_of_period(a, {}), as_of_period(b, {})) is meet


def test_one_source_giving_two_figures_that_cannot_both_hold_is_no_dispute():
    asked = claim("asked", "d1", 120, start=0, source="Coastline Post")
    needed = claim("needed", "d1", 18, start=50, source="Coastline Post")
    other = claim("other", "d2", 41, start=0, source="Hofstad")
    rows = {c.id: c for c in (asked, needed, other)}
    assert _one_counter_twice(make_finding("source_disagreement", None, [asked, needed, other], ["d1", "d2"], "x"), rows)
    ranged = claim("range", "d1", None, start=0, low=1890, high=2100, source="panel")
    bound = claim("bound", "d1", None, start=40, low=None, high=2100, source="panel")
    rows = {c.id: c for c in (ranged, bound, other)}
    assert not _one_counter_twice(make_finding("source_disagreement", None, [ranged, bound, other], ["d1"], "x"), rows)


def test_three_figures_of_one_source_in_one_sentence_are_a_breakdown_not_rivals():
    sentence = "According to the ministry, 190 work with the army, 70 with the police and 40 with the gendarmerie."
    rows = [claim(f"p{i}", "d1", v, start=30 + 20 * i, source="ministry", sentence=sentence)
            for i, v in enumerate((190, 70, 40))]
    rows.append(claim("whole", "d2", 350, start=0, source="spokesman", sentence="The mission has 350."))
    docs = [document("d1", "2024-03-12"), document("d2", "2024-03-12")]
    assert of_type(run_checks(rows, docs), "source_disagreement") == []


def test_a_copy_keeps_only_the_findings_its_original_does_not_hold():
    original = [claim("o1", "orig", 71, start=0), claim("o2", "orig", 119, start=20)]
    copy = [claim("c1", "copy", 71, start=0), claim("c2", "copy", 119, start=20), claim("c3", "copy", 7, start=40)]
    held = [make_finding("parts_sum", True, original, ["orig"], "same")]
    same = make_finding("parts_sum", True, copy[:2], ["copy"], "same")
    garbled = make_finding("parts_sum", False, [copy[2], copy[1]], ["copy"], "garbled")
    assert not_repeated([same, garbled], copy, held, original) == [garbled]
