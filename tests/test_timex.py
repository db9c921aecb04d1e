"""Tests for the TIME layer (claimledger.extract.timex): table cases, properties, accuracy gate."""
from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimledger.extract.timex import find_times, period
from claimledger.read.dates import parse_published

ROOT = Path(__file__).resolve().parents[1]
EVAL_DIR = ROOT.parent / "shared" / "eval"
MINIMUMS = ROOT / "tests" / "eval_minimums.json"

# (sentence, anchor, expected [(text, value)]) -- every expected pair must be found.
CASES = [
    ("Two patrol boats were moved in late January - early February.", "2018-03-22",
     [("late January - early February", "2018-02")]),
    ("The depot opened in 2018 after long delays.", "2018-03-22", [("2018", "2018")]),
    ("Turnout dropped sharply in December, 2020, officials said.", "2021-06-10", [("December, 2020", "2020-12")]),
    ("The board voted on Thursday to close the mill.", "2021-06-10", [("Thursday", "2021-06-10")]),
    ("The board voted on Monday to close the mill.", "2021-06-10", [("Monday", "2021-06-07")]),
    # an expectation looks ahead to its weekday
    ("The union expects 5,000 people to join Sunday's march.", "2021-06-10", [("Sunday", "2021-06-13")]),
    ("Exports fell in May, the ministry said.", "2021-06-10", [("May", "2021-05")]),
    ("The ferry service will restart in May.", "2021-06-10", [("May", "2022-05")]),
    ("The treaty was signed on December 7, 1960 in a small town.", "2021-06-10", [("December 7, 1960", "1960-12-07")]),
    ("Rents rose last December and again last year.", "2021-06-10",
     [("last December", "2020-12"), ("last year", "2020")]),
    ("The fund will be audited next month.", "2021-06-10", [("next month", "2021-07")]),
    ("Officials met yesterday and will meet again tomorrow; today nothing happened.", "2021-06-10",
     [("yesterday", "2021-06-09"), ("tomorrow", "2021-06-11"), ("today", "2021-06-10")]),
    ("Markets were calm this week.", "2021-06-10", [("this week", "2021-W23")]),
    ("Prices are currently high but were lower recently.", "2021-06-10",
     [("currently", "PRESENT_REF"), ("recently", "PAST_REF")]),
    # "previously" is not a time expression in TimeBank's usage.
    ("It was previously announced.", "2021-06-10", []),
    ("One person is killed.  January nineteen ninety-seven. Atlanta again.", "1998-02-27",
     [("January nineteen ninety-seven", "1997-01")]),
    ("Oil hit the level we saw in the winter of nineteen ninety-four.", "1998-02-23",
     [("the winter of nineteen ninety-four", "1994-WI")]),
    ("Orangemen march each July; a flight departs every Thursday.", "1998-03-22",
     [("each July", "XXXX-07"), ("every Thursday", "XXXX-WXX-4")]),
    ("A minute and a half later the pilot called; they lived there for 2 1/2 years.", "1998-01-14",
     [("A minute and a half", "PT1M30S"), ("for 2 1/2 years", "P2Y6M")]),
    ("Profit fell through Sept. 29, and has been weak since March.", "1989-10-30",
     [("Sept. 29", "1989-09-29"), ("March", "1989-03")]),
    ("Mr. Smith, 52, will succeed Daniel P. Davison Feb. 1.", "1989-11-02", [("Feb. 1", "1990-02-01")]),
    ("The offer had been due to expire Friday evening.", "1989-11-01", [("Friday evening", "1989-10-27TEV")]),
    ("In 1995 he was promoted, and the following year he moved; exports rose that year.", "1998-04-18",
     [("the following year", "1996"), ("that year", "1995")]),
    ("In March it sought a buyer. The following month, the company put itself up for sale.", "1989-10-31",
     [("The following month", "1989-04")]),
    ("Shares were up at mid-afternoon yesterday; later in the day they fell.", "1989-11-02",
     [("mid-afternoon yesterday", "1989-11-01TAF"), ("the day", "1989-11-02")]),
    ("Weak sales in the last half of 1989 and the first two quarters of 1990.", "1989-10-31",
     [("the last half of 1989", "1989-H2"), ("the first two quarters of 1990", "1990-H1")]),
    ("In the quarter ended July 31, sales rose. Iraq imports about three-quarters of its food.", "1989-10-31",
     [("the quarter", "1989-Q2")]),
    ("The plant was closed last June; the dividend is payable Jan. 2.", "1989-10-31",
     [("last June", "1989-06"), ("Jan. 2", "1990-01-02")]),
    ("It was the company's 1989 results, after its 1990 invasion plan.", "1991-01-10",
     [("1989", "1989"), ("1990", "1990")]),
    ("Prices reflect current realities, at the then current market price; by year end.", "1989-10-31",
     [("current", "PRESENT_REF"), ("then current", "PAST_REF"), ("year end", "1989")]),
    ("For the week, the index fell; at the time, Islam will one day grow in a year or two.", "1989-10-31",
     [("the week", "1989-WXX"), ("the time", "PAST_REF"), ("one day", "FUTURE_REF"), ("a year or two", "FUTURE_REF")]),
    ("The plan may change in the future.", None, [("in the future", "FUTURE_REF")]),
    ("She led the lab for three years, then six months abroad and two weeks off.", "2021-06-10",
     [("three years", "P3Y"), ("six months", "P6M"), ("two weeks", "P2W")]),
    ("Profit grew in the first quarter and in the third quarter of 1997.", "1998-05-02",
     [("the first quarter", "1998-Q1"), ("the third quarter of 1997", "1997-Q3")]),
    ("The bridge closed two years ago.", "2021-06-10", [("two years ago", "2019")]),
    ("Output peaked in mid-2021 after a slump in early 2020.", "2022-01-05",
     [("mid-2021", "2021"), ("early 2020", "2020")]),
    ("Fashion of the 1990s returned.", "2021-06-10", [("1990s", "199")]),
    ("Sales fell in May.", None, [("May", "XXXX-05")]),
    ("The vote is at 3 p.m. and results by 16:17.", "2018-03-22",
     [("3 p.m.", "2018-03-22T15:00"), ("16:17", "2018-03-22T16:17")]),
    ("The figure is 2021-05-10 in the log.", None, [("2021-05-10", "2021-05-10")]),
]

# Written for these tests (December 2026): the conventions of issue 20, each case with an anchor.
NEWS_CASES = [
    # "by <date>" looks ahead, unless its clause is told in the past tense
    ("The toll climbed from 38 to 139 by October 25, officials said.", "2024-11-27", [("October 25", "2024-10-25")]),
    ("The toll rose to 139 by October 25.", "2024-11-27", [("October 25", "2024-10-25")]),
    # an irregular past tense looks back as a regular one does
    ("The storm struck the coast and 40 boats sank by October 25.", "2024-11-27", [("October 25", "2024-10-25")]),
    ("The ministry aims to register 5,000 people by October 25.", "2024-11-27", [("October 25", "2025-10-25")]),
    ("The talks are supposed to conclude by October 25.", "2024-11-27", [("October 25", "2025-10-25")]),
    # a bare month one month ahead is the coming one; "since" keeps it past; two months ahead keeps the tense rule
    ("Output will be cut by a fifth in September, the ministry said.", "1990-08-16", [("September", "1990-09")]),
    ("Japan was told of a cut in its oil supply in September.", "1990-08-16", [("September", "1990-09")]),
    ("Prices have fallen since September.", "1990-08-16", [("September", "1989-09")]),
    ("In October, the firm hired a new chief.", "1990-08-16", [("October", "1989-10")]),
    ("Results are due in April.", "2021-03-10", [("April", "2021-04")]),
    # halves, quarter and fiscal-year codes
    # a half keeps the year's value while extract/anchoring reads no H values (see _MODS in timex)
    ("The first half of 2020 was hard; in the second half of the year output rose.", "2021-03-10",
     [("The first half of 2020", "2020"), ("the second half of the year", "2021")]),
    ("Q3 2020 revenue fell, 2019 Q4 rose, and Q1'21 was flat.", "2021-03-10",
     [("Q3 2020", "2020-Q3"), ("2019 Q4", "2019-Q4"), ("Q1'21", "2021-Q1")]),
    ("In H1 2021 output rose; FY2022 and FY 2023 targets stand, FY21 did not.", "2021-03-10",
     [("H1 2021", "2021-H1"), ("FY2022", "2022"), ("FY 2023", "2023"), ("FY21", "2021")]),
    ("The law takes effect at the end of the month.", "2021-03-10", [("the end of the month", "2021-03")]),
    # "the previous Friday" counts from the day the story tells, not from the publication date
    ("London shares closed lower Friday. The index fell 4.5% from the previous Friday.", "1989-10-30",
     [("the previous Friday", "1989-10-20")]),
    ("The talks began on March 3. The following Monday, they broke down.", "1989-10-30",
     [("The following Monday", "1989-03-06")]),
    ("He resigned on the previous Friday.", "1989-10-30", [("the previous Friday", "1989-10-27")]),
    # days counted from the last day named (with its year when written), or that day itself in apposition
    ("The talks began on March 3. The next day, they broke down.", "2021-06-10", [("The next day", "2021-03-04")]),
    ("The deal was signed on May 4, 2019. The day before, shares rose.", "2021-06-10",
     [("The day before", "2019-05-03")]),
    ("Eight trading days after Oct. 12, the day before the plunge, the index fell.", "1989-10-30",
     [("the day", "1989-10-12")]),
    # a part of the day is that part of the last day named
    ("Tokyo shares fell Friday. Dealers placed buy orders in the morning.", "1989-10-30",
     [("the morning", "1989-10-27TMO")]),
    # seasons after "of/since/by the", fuzzy plurals, an anaphoric "then"
    ("Orders rose from the low levels of the early summer.", "1989-10-30", [("the early summer", "1989-SU")]),
    ("By the spring the war will end.", "1989-10-30", [("the spring", "1990-SP")]),
    ("It bodes ill for coming quarters and will cut taxes in future quarters.", "1989-10-30",
     [("coming quarters", "FUTURE_REF"), ("future quarters", "FUTURE_REF")]),
    ("The offer was triggered by the recent sale of a unit.", "1989-10-30", [("recent", "PAST_REF")]),
    ("The rights terminate on Nov. 30. Until then, the stock is convertible.", "1989-10-30",
     [("Nov. 30", "1989-11-30"), ("then", "1989-11-30")]),
    ("The war began in 2014. Since then, 3,000 people have died.", "2021-03-10", [("then", "2014")]),
    ("The strike lasted three years; the city has grown in recent years.", "2021-03-10",
     [("three years", "P3Y"), ("recent years", "PAST_REF")]),
]

# Written for these tests: words that must not become a time expression.
NOT_TIMES = [
    ("The rise and fall of the empire.", "fall"),
    ("He met the then president.", "then"),
    ("Since then, prices fell.", "then"),           # no date before it to take the value of
    ("Violence flared for the past three summers.", "the past"),
    ("Trains run in the morning.", "morning"),       # no day named: a habit
    ("The next day, talks resumed.", "The next day"),  # no day named before it
    ("The H1N1 virus and the Q7 model.", "H1"),
]

# Sentences where a 4-digit number must NOT be read as a year.
NOT_YEARS = [
    "The shelter housed 1,135 people, and up to 2,100 more arrived.",
    "The council adopted Resolution 2127 without a vote.",
    "A crowd of 2000 people marched.",
]


def _found(text: str, anchor) -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in find_times(text, anchor)]


@pytest.mark.parametrize("sentence,anchor,expected", CASES)
def test_cases(sentence: str, anchor, expected) -> None:
    found = _found(sentence, anchor)
    for text, value in expected:
        assert any(text in t and v == value for t, v in found), (text, value, found)


@pytest.mark.parametrize("sentence,anchor,expected", NEWS_CASES)
def test_news_cases(sentence: str, anchor, expected) -> None:
    found = _found(sentence, anchor)
    for text, value in expected:
        assert (text, value) in found, (text, value, found)


@pytest.mark.parametrize("sentence,word", NOT_TIMES)
def test_not_times(sentence: str, word: str) -> None:
    found = _found(sentence, "1989-10-30")
    assert not [t for t, _ in found if t == word or t.endswith(" " + word)], found


def test_timebank_bench_prints_no_misses_of_the_report_half() -> None:
    import subprocess

    for part in (["--part", "report"], []):
        run = subprocess.run([sys.executable, str(ROOT / "bench" / "timebank.py"), "--misses", *part],
                             capture_output=True, text=True)
        assert run.returncode == 2 and "read half only" in run.stderr and not run.stdout


@pytest.mark.parametrize("sentence", NOT_YEARS)
def test_counts_are_not_years(sentence: str) -> None:
    assert not [t for t in find_times(sentence, "2021-06-10") if t.type == "DATE" and t.value[:1].isdigit()]


def test_range_bounds() -> None:
    [t] = find_times("Ships sailed in late January - early February.", "2018-03-22")
    assert (t.value, t.time_start, t.time_end) == ("2018-02", "2018-01-21", "2018-02-10")


def test_period() -> None:
    assert period("2020-12") == ("2020-12-01", "2020-12-31")
    assert period("1998-Q1") == ("1998-01-01", "1998-03-31")
    assert period("2021-W23") == ("2021-06-07", "2021-06-13")
    assert period("P3Y") == (None, None)


@pytest.mark.parametrize("raw,expected", [
    ("22 March 201816:17", dt.datetime(2018, 3, 22, 16, 17)),
    ("2018-03-22", dt.date(2018, 3, 22)),
    ("22 March 2018", dt.date(2018, 3, 22)),
    ("March 22, 2018 16:17", dt.datetime(2018, 3, 22, 16, 17)),
    ("2021-06-10T08:00:00Z", dt.datetime(2021, 6, 10, 8, 0)),
    ("no date here", None),
])
def test_parse_published(raw: str, expected) -> None:
    assert parse_published(raw) == expected


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200), st.one_of(st.none(), st.dates(), st.text(max_size=30)))
def test_find_times_never_raises(text: str, anchor) -> None:
    for t in find_times(text, anchor):
        assert text[t.start:t.end] == t.text and 0 <= t.start < t.end <= len(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789 -/:,.TZMarchMayJuneSept")), max_size=60))
def test_find_times_dateish_never_raises(text: str) -> None:
    for t in find_times(text, dt.date(2000, 2, 29)):
        assert text[t.start:t.end] == t.text


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_parse_published_never_raises(raw: str) -> None:
    parse_published(raw)


def test_timebank_gate() -> None:
    if not EVAL_DIR.is_dir():
        pytest.skip("../shared/eval not present: public evaluation sets are not bundled")
    sys.path.insert(0, str(ROOT / "bench"))
    from timebank import score_timebank

    minimum = json.loads(MINIMUMS.read_text())["timebank_value_f1"] if MINIMUMS.exists() else 0.0
    assert score_timebank()["value_f1"] >= minimum


# Written for this test: three paragraphs; the middle one is searched alone, and its
# "following year" must still read the year written in the paragraph before it.
WINDOWED = ("The plant opened in 1995 and hired 40 people in March.\n\n"
            "The following year it doubled its staff, and two weeks ago it announced 300 more.\n\n"
            "On Friday, May 5, the union met.\n")


def test_times_within_ranges_are_the_whole_texts_times_there() -> None:
    start, end = WINDOWED.index("The following"), WINDOWED.index("On Friday")
    whole = find_times(WINDOWED, anchor="2021-06-10")
    inside = find_times(WINDOWED, anchor="2021-06-10", within=[(start, end)])
    assert len(whole) == 5
    assert inside == [t for t in whole if start <= t.start and t.end <= end]
    assert [(t.text, t.value) for t in inside] == [("The following year", "1996"), ("two weeks ago", "2021-W21")]
    assert find_times(WINDOWED, anchor="2021-06-10", within=[]) == []
    assert find_times(WINDOWED, anchor="2021-06-10", within=[(0, len(WINDOWED))]) == whole
