"""Figures that go on with a source's account in the writer's voice take that source.

The sentences are our own, written for these tests.
"""
from __future__ import annotations

import pytest

from claimledger.extract.attribution.attribute import attribute
from claimledger.extract.attribution.continuation import carried
from claimledger.records import Attribution

# (text, figure, source mention expected for it or None)
CASES = [
    # the next sentence of the same paragraph goes on with the electoral board's count
    ("Ortega won 54.2% of the vote, the electoral board said on Friday. Mendes took 31.5% and Lima 9.8%.",
     "31.5%", "the electoral board"),
    ("Ortega won 54.2% of the vote, the electoral board said on Friday. Mendes took 31.5% and Lima 9.8%.",
     "9.8%", "the electoral board"),
    # the paragraph after: still the monitor's account
    ("At least 40 civilians were killed in March, the monitoring group said.\n\n"
     "A further 85 were wounded, most of them in the north.", "85", "the monitoring group"),
    # history with a year of its own is the writer's background
    ("At least 40 civilians were killed in March, the monitoring group said. "
     "In 2019 a similar offensive killed 300 people.", "300", None),
    # a standing fact about a place is the writer's too
    ("At least 40 civilians were killed in March, the monitoring group said. "
     "The valley has 12,000 inhabitants.", "12,000", None),
    # a forecast is no account of what happened: the results after it are the writer's
    ("Before the vote the minister said turnout would exceed 70 percent. In the north, 45 percent voted.",
     "45 percent", None),
    # two paragraphs on, the account is over
    ("At least 40 civilians were killed in March, the monitoring group said.\n\n"
     "The roads were closed.\n\nThe flooded bridge was 200 metres long.", "200 metres", None),
]


@pytest.mark.slow
@pytest.mark.parametrize("text,figure,mention", CASES)
def test_a_figure_in_the_writers_voice_goes_on_with_the_account(nlp, text, figure, mention):
    doc = nlp(text)
    spans = [(text.index(f), text.index(f) + len(f)) for f in ("40", "54.2%", "70 percent", figure) if f in text]
    found = attribute(doc, spans)[-1]
    assert (text[found.source_start:found.source_end] if found.source_start is not None else None) == mention


@pytest.mark.slow
def test_a_carried_figure_keeps_its_own_modality_and_takes_the_cue(nlp):
    text = "The ministry said 200 houses were destroyed. Another 500 may be damaged."
    doc = nlp(text)
    spans = [(text.index("200"), text.index("200") + 3), (text.index("500"), text.index("500") + 3)]
    own = Attribution(modality="projected")
    lender = Attribution(source="ministry", source_text="The ministry", source_start=0, source_end=12,
                         cue="said", source_kind="government")
    first, second = carried(doc, spans, [lender, own])
    assert first == lender
    assert (second.source, second.cue, second.modality, second.source_kind) == ("ministry", "said", "projected",
                                                                               "government")


@pytest.mark.slow
def test_a_figure_with_a_cue_of_its_own_and_the_first_figure_are_left_alone(nlp):
    text = "Exports fell 4 percent. The ministry said imports rose 2 percent. Prices rose 3 percent."
    doc = nlp(text)
    spans = [(text.index(f), text.index(f) + len(f)) for f in ("4 percent", "2 percent", "3 percent")]
    sourceless_cue = Attribution(cue="is projected", modality="projected")
    lender = Attribution(source="ministry", source_text="The ministry", source_start=24, source_end=36, cue="said")
    found = carried(doc, spans, [Attribution(), lender, sourceless_cue])
    assert found[0] == Attribution()  # nobody before it
    assert found[2] == sourceless_cue  # a cue of its own, even one naming nobody, is not continued
