"""Tests for the number/quantity layer (claimledger.extract.quantities).

Sentences are written for these tests.  The gate tests at the end score the
public evaluation sets in ../shared/eval (not bundled) via bench/number_suites.py
and compare with the minimums stored in tests/eval_minimums.json.
"""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from claimledger.extract.quantities import find_numbers, find_quantities, find_year_like, parse_number

REPO = Path(__file__).resolve().parents[1]
EVAL = REPO.parent / "shared" / "eval"
MINIMUMS = Path(__file__).resolve().parent / "eval_minimums.json"

# (sentence, [(text, value, low, high, unit), ...])
CASES = [
    ("The ministry put the toll at 1,135 on Monday.", [("1,135", 1135, 1135, 1135, None)]),
    ("About 1.2 million people were displaced.", [("About 1.2 million", 1.2e6, 1.2e6, 1.2e6, None)]),
    ("The fund raised 2.5bn last year.", [("2.5bn", 2.5e9, 2.5e9, 2.5e9, None)]),
    ("Turnout reached 95.21% in the capital.", [("95.21%", 95.21, 95.21, 95.21, "percent")]),
    ("Donors pledged $5 million and €3bn.", [("$5 million", 5e6, 5e6, 5e6, "USD"), ("€3bn", 3e9, 3e9, 3e9, "EUR")]),
    ("The club paid £40 for it.", [("£40", 40, 40, 40, "GBP")]),
    ("A loan of 5 million dollars was agreed.", [("5 million dollars", 5e6, 5e6, 5e6, "USD")]),
    ("Six hundred soldiers crossed the river.", [("Six hundred", 600, 600, 600, None)]),
    ("They counted one hundred and twelve boats.", [("one hundred and twelve", 112, 112, 112, None)]),
    ("A dozen villages were burned.", [("A dozen", 12, 12, 12, None)]),
    ("Five aid workers and twenty-one pupils were freed.",
     [("Five", 5, 5, 5, None), ("twenty-one", 21, 21, 21, None)]),
    ("Three quarters of the voters stayed home.", [("Three quarters", 75, 75, 75, "percent")]),
    ("Half a million people live in the valley.", [("Half a million", 5e5, 5e5, 5e5, None)]),
    ("Hundreds of families fled the shelling.", [("Hundreds", 100, 100, None, None)]),
    ("Dozens were hurt and tens of thousands left.",
     [("Dozens", 12, 12, None, None), ("tens of thousands", 1e4, 1e4, None, None)]),
    ("Several hundred protesters gathered.", [("Several hundred", 300, 300, None, None)]),
    ("The plan sends up to 2,100 troops.", [("up to 2,100", 2100, None, 2100, None)]),
    ("More than 95 percent of the ballots were counted.",
     [("More than 95 percent", 95, 95, None, "percent")]),
    ("At least 300 homes and nearly 400 shops were damaged.",
     [("At least 300", 300, 300, None, None), ("nearly 400", 400, None, 400, None)]),
    ("Officials said about 500 people attended.", [("about 500", 500, 500, 500, None)]),
    ("Another 300 instructors arrived in March.", [("Another 300", 300, 300, 300, None)]),
    ("Estimates range between 800 and 2,000 fighters.",
     [("between 800 and 2,000", None, 800, 2000, None)]),
    ("The unit has 800-1,200 members.", [("800-1,200", None, 800, 1200, None)]),
    ("Prices rose 10 to 13 percent.", [("10 to 13 percent", None, 10, 13, "percent")]),
    ("Numbers grew from 5 to 10 and then 5,000-6,000.",
     [("from 5 to 10", None, 5, 10, None), ("5,000-6,000", None, 5000, 6000, None)]),
    ("Support fell 3 percentage points to 40 per cent.",
     [("3 percentage points", 3, 3, 3, "percentage_point"), ("40 per cent", 40, 40, 40, "percent")]),
    ("The road is 45 km long.", [("45 km", 45, 45, 45, "km")]),
    # not quantities
    ("The law was passed in 2018 and amended since 1960.", []),
    ("2016 was a hard year.", []),
    ("He was born on December 7, 1960, and left in December, 2020.", []),
    ("The blast came at 16:17 on 22 March 2018, logged as 2021-05-10.", []),
    ("In his third term, the 1st brigade of the 21st century came second.", []),
    ("UNSC Resolution 2127 and Committee 2127 cite Article 5 and Chapter 7.", []),
    ("Flight 370, page 4 and No. 5 were discussed.", []),
    ("COVID-19, G7, F-16, MH17, A320 and en-GB1 are labels.", []),
    ("Call +1 202 555 0147 for help.", []),
    ("One of the world's poorest countries.", []),
    ("One more group of instructors totalling 600 people came.", [("600", 600, 600, 600, None)]),
    ("There was an increase in numbers since 1890.", []),
]


# Written for these tests: numbers as news writes them (claim mode).  A
# fraction below one is a share in percent, so that "a third of voters" and
# "33.3% of voters" are one quantity.
NEWS_CASES = [
    ("The race drew 10k runners.", [("10k", 1e4, 1e4, 1e4, None)]),
    ("The port lost $2bn in a year.", [("$2bn", 2e9, 2e9, 2e9, "USD")]),
    ("The model counts 1.3e6 cells.", [("1.3e6", 1.3e6, 1.3e6, 1.3e6, None)]),
    ("The census found 1 414 021 100 people.", [("1 414 021 100", 1414021100, 1414021100, 1414021100, None)]),
    ("Half of the seats changed hands.", [("Half", 50, 50, 50, "percent")]),
    ("A third of voters stayed home.", [("A third", 33.3, 33.3, 33.3, "percent")]),
    ("Two-thirds of the budget is spent.", [("Two-thirds", 66.7, 66.7, 66.7, "percent")]),
    ("One in five adults smokes.", [("One in five", 20, 20, 20, "percent")]),
    ("Nearly one in three women said so.", [("Nearly one in three", 33.3, None, 33.3, "percent")]),
    ("Nine in ten shops were shut.", [("Nine in ten", 90, 90, 90, "percent")]),
    ("More than a fifth of the funds arrived.", [("More than a fifth", 20, 20, None, "percent")]),
    ("Nights fell to minus 5 degrees.", [("minus 5", -5, -5, -5, None)]),
    ("The stadium was less than half full.", [("less than half", 50, None, 50, "percent")]),
    ("Half a million people live there.", [("Half a million", 5e5, 5e5, 5e5, None)]),
    ("Turnout has tripled since May.", [("tripled", 3, 3, 3, "times")]),
    # counts and durations around "in" stay two figures
    ("They scored 3 in 10 minutes.", [("3", 3, 3, 3, None), ("10", 10, 10, 10, None)]),
    ("Police arrested 12 in 3 raids.", [("12", 12, 12, 12, None), ("3", 3, 3, 3, None)]),
    # "to" between a sum and a count, or after "by", joins no range
    ("The fund lent $3 billion to 14 countries.", [("$3 billion", 3e9, 3e9, 3e9, "USD"), ("14", 14, 14, 14, None)]),
    ("It grew by 1.2 million to 48 million.",
     [("1.2 million", 1.2e6, 1.2e6, 1.2e6, None), ("48 million", 4.8e7, 4.8e7, 4.8e7, None)]),
    # counts by place in a list are counts, not names
    ("Bajhang has 71 deaths, Bajura 18, Achham 12 and Doti seven.",
     [("71", 71, 71, 71, None), ("18", 18, 18, 18, None), ("12", 12, 12, 12, None), ("seven", 7, 7, 7, None)]),
    ("In Kabul 30 people died.", [("30", 30, 30, 30, None)]),
]

# Identifiers, names and periods: no claim (claim mode).
NOT_FIGURES = [
    "The council adopted resolution 2127 and Resolution 2448.",
    "The 1267 Committee met under Article 51.",
    "The kingdom's Vision 2030 plan and the African Union's Agenda 2063 were cited.",
    "Leaders of the G20 and G7 discussed Covid-19.",
    "Flight 447 and flight MH370 were lost.",
    "Call 0800 123 456 or +44 20 7946 0958 for details.",
    "The airline grounded its Boeing 737 jets.",
    "Delegates of the Group of 77 spoke first.",
    "Sales rose in the first half of the year.",
]


@pytest.mark.parametrize("sentence,expected", NEWS_CASES)
def test_numbers_as_news_writes_them(sentence: str, expected: list[tuple]) -> None:
    got = [(q.text, q.value, q.low, q.high, q.unit) for q in find_quantities(sentence)]
    assert got == [tuple(e) for e in expected]


@pytest.mark.parametrize("sentence", NOT_FIGURES)
def test_identifiers_are_not_figures(sentence: str) -> None:
    assert [q.text for q in find_quantities(sentence)] == []


def test_a_name_s_one_is_no_ratio() -> None:
    assert [q.text for q in find_quantities("Uranium One in three deals was sold.")] == ["three"]


# Written for these tests: the number alone, as a number recogniser reads it.
NUMBER_CASES = [
    ("more than $5 million dollars", [("5 million", 5e6)]),
    ("a half", [("a half", 0.5)]),
    ("two hundred and fifty-four hundredths", [("two hundred and fifty-four hundredths", 200.54)]),
    ("the 180ml bottle", []),
    ("192.168.1.2", [("192", 192), ("168", 168), ("1", 1), ("2", 2)]),
    (" -1", [("-1", -1)]),
    ("1 in twenty-one", [("1 in twenty-one", 1 / 21)]),
    ("there are 12 out of 10", [("12", 12), ("10", 10)]),
    ("9 over 4", [("9 over 4", 2.25)]),
    ("4 thousand 3 hundred and 0 are two numbers", [("4 thousand 3 hundred", 4300), ("0", 0), ("two", 2)]),
    ("US$ 1MM", [("1MM", 1e6)]),
    ("in 2018 one of them", [("2018", 2018)]),
]


@pytest.mark.parametrize("text,expected", NUMBER_CASES)
def test_find_numbers(text: str, expected: list[tuple]) -> None:
    got = [(q.text, q.value) for q in find_numbers(text)]
    assert [t for t, _ in got] == [t for t, _ in expected]
    assert [v for _, v in got] == pytest.approx([v for _, v in expected])


@pytest.mark.parametrize("sentence,expected", CASES)
def test_find_quantities(sentence: str, expected: list[tuple]) -> None:
    found = find_quantities(sentence)
    got = [(q.text, q.value, q.low, q.high, q.unit) for q in found]
    assert got == [tuple(e) for e in expected]
    for q in found:
        assert sentence[q.start:q.end] == q.text


def test_rules_and_flags() -> None:
    [q] = find_quantities("Hundreds were hurt.")
    assert q.rule == "vague:hundreds=100" and q.approximate
    [q] = find_quantities("Up to 2,100 may come.")
    assert q.rule == "bound:up to"
    [q] = find_quantities("Fewer than 50 remain.")
    assert (q.rule, q.low, q.high) == ("bound:fewer than", None, 50)
    [q] = find_quantities("Roughly 40 died.")
    assert q.rule == "approx:roughly" and q.approximate
    [q] = find_quantities("Another 300 came.")
    assert q.rule == "increment:another"


def test_distributive_parts() -> None:
    [q] = find_quantities("They gave 200 each for the military, police and the national gendarmerie.")
    assert (q.text, q.value, q.low, q.high, q.rule, q.parts) == ("200 each", 200, 200, 200, "distributive", 3)


def test_vague_override() -> None:
    [q] = find_quantities("Hundreds fled.", vague={"hundreds": 200})
    assert (q.value, q.rule) == (200, "vague:hundreds=200")


def test_year_like_and_alt_year() -> None:
    years = find_year_like("an increase in numbers since 1890")
    assert [(y.text, y.value, y.alt_year) for y in years] == [("1890", 1890, True)]
    [q] = find_quantities("Police detained 1500 people.")
    assert q.value == 1500 and q.alt_year


def test_mode_all_keeps_years_and_one() -> None:
    values = [q.value for q in find_quantities("Let's try one last time in 2018", mode="all")]
    assert values == [1, 2018]


# Written for these tests: spaced thousands, decimal comma, dashed and
# "of a" fractions, spaced scale letters, spoken ratios (mode all only).
@pytest.mark.parametrize("text,value", [
    ("1 250 000", 1.25e6), ("3,7", 3.7), ("two-fifths", 0.4), ("seven - tenths", 0.7),
    ("three quarters of a billion", 7.5e8), ("4 bln", 4e9), ("two out of seven", 2 / 7),
    ("9 over 4", 2.25),
])
def test_parse_number_written_forms(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("sentence,expected", [
    ("Prices moved 300 - 700 points.", [(300, 700)]),         # spaced dash is no minus sign
    ("Keep 40 or less than 90 of them.", [(40, 40), (None, 90)]),  # "or less" + "than N"
    ("Keep 40 or less than that.", [(None, 40)]),
    ("Readings stay <-5 overnight.", [(None, -5)]),
    ("Use =>7 here.", [(7, 7)]),                                # glued signs are no bound
])
def test_bounds_written_forms(sentence: str, expected: list[tuple]) -> None:
    got = [(q.low, q.high) for q in find_quantities(sentence, mode="all")]
    assert got == expected


def test_claim_mode_keeps_ratio_parts_and_skips_urls() -> None:
    found = find_quantities("Only 4 out of 9 see https://ex.org/2021/55 today.")
    assert [q.value for q in found] == [4, 9]


@pytest.mark.parametrize("text,value", [
    ("1,135", 1135), ("Six hundred", 600), ("2.5bn", 2.5e9), ("a dozen", 12),
    ("one hundred and twelve", 112), ("twenty-one", 21), ("three quarters", 0.75),
    ("half a million", 5e5), ("one and a half", 1.5), ("two thirds", 2 / 3),
])
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "foo", "1,135 and 2", "the"])
def test_parse_number_rejects(text: str) -> None:
    assert parse_number(text) is None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("0123456789,.-%$€ aothundremilsbkMpcf/:") + [
    " hundred", " million", " up to ", " between ", " and ", " each", " percent", "twenty", "-one",
    " dozens", " 2018", " about ", " or more", " a half", " thirds"]), max_size=30).map("".join))
def test_property_never_raises(text: str) -> None:
    for mode in ("claim", "all"):
        found = find_quantities(text, mode=mode)
        ends = [q.end for q in found]
        for q in found:
            assert text[q.start:q.end] == q.text
            assert q.low is None or q.high is None or q.low <= q.high
        assert all(a.start >= b for a, b in zip(found[1:], ends))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_property_arbitrary_text(text: str) -> None:
    for q in find_quantities(text):
        assert text[q.start:q.end] == q.text
        assert q.low is None or q.high is None or q.low <= q.high


# --------------------------------------------------------------------------- eval gates


def _bench():
    if not EVAL.is_dir():
        pytest.skip("../shared/eval not present: public evaluation sets are not bundled")
    spec = importlib.util.spec_from_file_location("bench_numbers", REPO / "bench" / "number_suites.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _minimum(key: str) -> float:
    return float(json.loads(MINIMUMS.read_text(encoding="utf-8"))[key])


@pytest.mark.slow
def test_gate_recognizers_number_percent() -> None:
    result = _bench().score_recognizers()
    assert result["cases"] == 228
    assert result["rate"] >= _minimum("recognizers_number_percent")


@pytest.mark.slow
def test_gate_recognizers_number_model_plain() -> None:
    """NumberModel, all English cases, values and spans, nothing extra (find_numbers)."""
    result = _bench().score_number_model("numbers")
    assert result["cases"] == 235
    assert result["rate"] >= _minimum("recognizers_number_model_plain")


@pytest.mark.slow
def test_gate_recognizers_number_range() -> None:
    assert _bench().score_ranges()["rate"] >= _minimum("recognizers_number_range")


@pytest.mark.slow
def test_gate_quantulum3_value() -> None:
    assert _bench().score_quantulum()["rate"] >= _minimum("quantulum3_value")


def test_a_dash_opening_an_aside_is_not_a_minus_sign():
    found = find_quantities("In 2018 it sent 175 instructors - 5 military and 170 civilian - to the capital.")
    assert [(q.text, q.value) for q in found] == [("175", 175), ("5", 5), ("170", 170)]
    assert [q.value for q in find_quantities("Nights fell to -30 degrees.")] == [-30]


def _atoms_visiting_every_token(text: str, mode: str, vague: dict[str, float]) -> list:
    """The atom walk as it was before it skipped words: `_atom_at` on every token."""
    from claimledger.extract import quantities

    tokens, atoms, i = quantities._tokens(text), [], 0
    while i < len(tokens):
        atom, nxt = quantities._atom_at(text, tokens, i, mode, vague)
        if atom is not None:
            atoms.append(atom)
        i = max(nxt, i + 1)
    return atoms


# Written for this test: spelled, vague, ranged and glued figures among plain words.
ATOM_TEXTS = [
    "Some forty-two crews and a dozen vans left; several hundred more stayed for 3 to 5 days.",
    "An estimated 1.5 million tonnes, up from a few thousand in 2019, cost $4bn or about a third of it.",
    "Between two and three hundred and fifty people, tens of thousands online, 7,300-7,900 at most.",
    "A an the and of. One. Nineteen eighty-four had 12 months; a quarter of them were wet (25%).",
]


@pytest.mark.parametrize("mode", ["claim", "all"])
def test_atoms_skipping_plain_words_finds_what_visiting_every_token_finds(mode: str) -> None:
    from claimledger.extract import quantities
    from claimledger.data.numbers_en import VAGUE_AMOUNTS

    for text in ATOM_TEXTS:
        ours = quantities._atoms(text, mode, dict(VAGUE_AMOUNTS))
        assert ours == _atoms_visiting_every_token(text, mode, dict(VAGUE_AMOUNTS)), text
        assert ours, text
