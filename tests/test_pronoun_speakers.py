"""A pronoun that says something is not the person or place its content is about.

The sentences are our own, written for these tests.
"""
from __future__ import annotations

import pytest

from claimledger.extract.attribution.attribute import attribute


@pytest.mark.slow
def test_the_subject_of_what_is_said_is_not_the_speaker(nlp):
    text = ("Police spokesman Daniel Okafor said 40 people were arrested on Sunday. "
            "Margaret Ellison was among 12 released later, he said.")
    spans = [(text.index(f), text.index(f) + len(f)) for f in ("40", "12")]
    found = attribute(nlp(text), spans)
    assert found[1].source_text == "he"
    assert found[1].source is not None and "Okafor" in found[1].source
