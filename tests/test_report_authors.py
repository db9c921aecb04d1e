"""A report, a count or a set of results speaks for whoever produced it.

The sentences are our own, written for these tests.
"""
from __future__ import annotations

import pytest

from claimledger.extract.attribution.attribute import attribute

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
    start = text.index(figure)
    found = attribute(nlp(text), [(start, start + len(figure))])[0]
    assert found.source is not None and source.lower() in found.source.lower()
