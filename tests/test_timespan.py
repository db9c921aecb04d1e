"""TimeSpan: the one reading of the partial ISO dates claims and documents carry."""
from datetime import date

import pytest

from claimledger.timespan import TimeSpan, as_of_day, bounds, claim_time


@pytest.mark.parametrize("text, first, last", [
    ("2021", "2021-01-01", "2021-12-31"), ("2020-02", "2020-02-01", "2020-02-29"), ("2021-02", "2021-02-01", "2021-02-28"),
    ("2021-06-10", "2021-06-10", "2021-06-10"), ("2018-03-22T16:17", "2018-03-22", "2018-03-22"),
])
def test_a_partial_date_is_the_period_it_names(text, first, last):
    span = TimeSpan.parse(text)
    assert (span.first.isoformat(), span.last.isoformat()) == (first, last)


@pytest.mark.parametrize("text", ["", None, "June", "20x1", "2021-13", "2021-02-30"])
def test_what_names_no_period_is_none(text):
    assert TimeSpan.parse(text) is None


def test_overlaps_and_bounds():
    assert TimeSpan.parse("2021").overlaps(TimeSpan.parse("2021-06-10"))
    assert not TimeSpan.parse("2020-12").overlaps(TimeSpan.parse("2021-01"))
    assert bounds("2021", "2021-02") == (date(2021, 1, 1), date(2021, 2, 28))
    assert bounds(None, "x") == (None, None)


def test_a_claim_is_dated_by_its_end_then_start_then_publication():
    assert claim_time("2020-12", "2020-11", "2021-06-10T08:00") == "2020-12"
    assert claim_time(None, None, "2021-06-10T08:00") == "2021-06-10"
    assert claim_time(None, None, None) is None
    assert as_of_day("bad", "2020-12", None) == date(2020, 12, 15)
