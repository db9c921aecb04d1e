"""A report, a count or a set of results speaks for whoever produced it.

The sentences are our own, written for these tests.
"""
from __future__ import annotations

import pytest

from test_attribution import run

# (text, figure, canonical source expected)
CASES = [
    ("The governor won 62% of the vote, according to results released on Tuesday by the state election board.",
     "62%", "state election board"),
    ("At least 80 fishermen drowned last year, according to a survey published by the Coastal Safety Institute.",
     "80", "Coastal Safety Institute"),
]


@pytest.mark.slow
@pytest.mark.parametrize("text,figure,source", CASES)
def test_a_participle_by_names_the_author_of_the_evidence(nlp, text, figure, source):
    found = run(nlp, text, [figure])[0]
    assert found.source is not None and source.lower() in found.source.lower()


# (text, figure, canonical source expected, or None for nobody)
COUNT_CASES = [
    # a body that keeps count gives the figure as the object of its counting verb
    ("The harbour police counted 3,200 spectators along the quay.", "3,200", "harbour police"),
    ("The observer mission recorded 57 violations during the vote.", "57", "observer mission"),
    # a place where things were counted counts nothing itself
    ("Kenya recorded 57 cases, the health ministry said.", "57", "health ministry"),
    # a description owned by a body speaks for that body
    ("The Coastal Safety Institute said on Monday that 12 ports were closed. Its researchers said 80 boats sank.",
     "80", "Coastal Safety Institute"),
]


@pytest.mark.slow
@pytest.mark.parametrize("text,figure,source", COUNT_CASES)
def test_counters_and_their_staff_are_sources(nlp, text, figure, source):
    found = run(nlp, text, [figure])[0]
    assert found.source is not None and source.lower() in found.source.lower()


# the figure's own phrase names who gave it, whoever cites it in the sentence
OWN_PHRASE_CASES = [
    ("The observers put turnout at 44%, against the 51% announced by the election board.", "51%",
     "election board"),
    ("Aid groups estimate that 90,000 people fled, twice the ministry's figure of 45,000.", "45,000", "ministry"),
]


@pytest.mark.slow
@pytest.mark.parametrize("text,figure,source", OWN_PHRASE_CASES)
def test_the_figures_own_phrase_names_its_source(nlp, text, figure, source):
    found = run(nlp, text, [figure])[0]
    assert found.source is not None and source.lower() in found.source.lower()


@pytest.mark.slow
def test_prisoners_released_by_a_side_are_no_count_of_that_side(nlp):
    text = "The Red Cross said it had flown home 900 detainees, 500 released by the army and 400 by the rebels."
    found = run(nlp, text, ["500"])[0]
    assert found.source is not None and "Red Cross" in found.source
