"""Whether a figure is a level, a change or neither (claimledger.extract.measure.read_kind), and the
modality its own phrase gives it (attribution: "an estimated", "could").

Sentences written for these tests, each read through the whole extraction (`pipeline.extract_text`).
"""
from __future__ import annotations

import pytest

from claimledger.pipeline import extract_text

# (text, figure as written, expected kind)
KIND_CASES = [
    # the total a flow brings a count to is a level (the flow itself is read as the running-total check
    # reads it: an event's own count, a level)
    ("About 2,400 migrants landed in March, bringing the total this year to 19,000.", "19,000", "level"),
    # levels before and after a change, with or without a noun of their own
    ("The board was cut to nine members from 15.", "nine", "level"),
    ("The board was cut to nine members from 15.", "15", "level"),
    ("The garrison shrank to 800 soldiers.", "800", "level"),
    ("The 3.1 million euros set aside for repairs will rise by 600,000 euros.", "3.1 million euros", "level"),
    ("The 3.1 million euros set aside for repairs will rise by 600,000 euros.", "600,000 euros", "increase"),
    # what is left is a level; what leaves is a change
    ("The company laid off 40 staff, leaving 260 at the plant.", "260", "level"),
    # a change the words name
    ("Sales reached 12,000 units, a 15% increase on last year.", "15%", "increase"),
    ("Ridership was down 8% from a year earlier.", "8%", "decrease"),
    ("Rents have doubled since 2019.", "doubled", "increase"),
    # a measured property is neither a level nor a change (a rate, "600 a day", stays a level: the
    # multiplier check compares rates, and kind other makes no series)
    ("The ferry now carries about 600 passengers a day.", "about 600", "level"),
    ("The tremor had a magnitude of 5.4.", "5.4", "other"),
    ("The wreck lies at a depth of 60 metres.", "60 metres", "other"),
    # ... and a plain count stays a level
    ("The ferry carried 600 passengers on its first crossing.", "600", "level"),
    ("A week later, prices were up to 40% higher.", "up to 40%", "level"),
]

# (text, figure as written, expected modality)
MODALITY_CASES = [
    ("The survey found an estimated 7,500 households without power.", "7,500", "estimated"),
    ("Repairs are estimated at $12 million.", "$12 million", "estimated"),
    ("The fleet could grow to 90 ships by 2030, the navy said.", "90", "projected"),
    ("The mayor predicted that 50,000 visitors would come.", "50,000", "projected"),
    ("The ministry wants to raise the number of teachers to 4,000.", "4,000", "projected"),
    ("The navy said the fleet has 90 ships.", "90", "asserted"),
]


def _claim(text: str, figure: str):
    start = text.index(figure)
    [claim] = [c for c in extract_text(text) if c.start <= start < c.end]
    return claim


@pytest.mark.parametrize("text, figure, kind", KIND_CASES)
def test_kind_of_a_figure(nlp, text: str, figure: str, kind: str) -> None:
    assert _claim(text, figure).kind == kind


@pytest.mark.parametrize("text, figure, modality", MODALITY_CASES)
def test_modality_a_figure_carries(nlp, text: str, figure: str, modality: str) -> None:
    assert _claim(text, figure).modality == modality
