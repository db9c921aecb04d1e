"""Figures that go on with a source's account in the writer's voice.

Wire copy names its source once and then reports the figures in its own words:
"Andrianasolo won 51.36% of the vote, the electoral commission said.  Fidy
Ramanantsoa took 6.87% ..." or "the monitor said 47 civilians were killed.  A
further 112 were wounded: 48 in Taiz, ...".  The later figures have no cue of
their own, yet a fact-checker reads them as the commission's and the monitor's,
not as the news agency's.  PolNeAR's annotators mostly leave such sentences
outside any attribution, so the trained ranker cannot learn it; this is a rule,
applied after the ranker to figures left with no source and no cue.

A figure takes the source of the latest sourced figure before it when that one
stands in the same paragraph or the paragraph before, unless the figure's
sentence names a year: that is background, not the account ("In 2015 a
magnitude 7.8 quake killed nearly 9,000 people"), or the figure is what a
place or body holds as a standing fact ("The town has 9,000 inhabitants",
`HOLDING_VERBS`).  (Leaving out figures in a
describing clause, "a district of about 190,000 people", was tried and lost
more than it saved: the parser hangs a list after a colon as an apposition.)
A forecast or a plan ("the minister said turnout would exceed 70 percent")
lends nothing: what follows it is what happened, in the writer's words.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from typing import TYPE_CHECKING, Sequence

from ...data.reporting_en import FIRST_PERSON, HOLDING_VERBS
from ...records import Attribution

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# How far back the figure that lends its source may stand: the figure's own paragraph or the one
# before it, counted from the last figure that held the account (so a run of paragraphs going on
# with one source keeps it).  Chosen on stories a-h, source right 0.787, against 0.771 for the same
# paragraph only, 0.783 for two back and 0.778 for one back from the named figure alone; the
# held-out parts gain under every one of these settings.
PARAGRAPHS_BACK = 1
PARAGRAPH_BREAK = re.compile(r"\n\s*")
YEAR = re.compile(r"^(1[89]|20)\d\d$")
NOT_AN_ACCOUNT = frozenset({"projected"})
STEPS = 30  # links walked up from a figure to its verb at most (no parse is that deep)


def carried(doc: "Doc", spans: Sequence[tuple[int, int]], found: Sequence[Attribution]) -> list[Attribution]:
    """`found` (one Attribution per span of `spans`), each figure with no source and no cue given the
    source of the sourced figure before it in its paragraph or the one before, when it goes on
    with that account."""
    text = doc.text
    breaks = [m.start() for m in PARAGRAPH_BREAK.finditer(text)]
    out = list(found)
    lender: tuple[int, Attribution] | None = None  # (paragraph, attribution) of the last sourced figure
    for n in sorted(range(len(spans)), key=lambda k: spans[k][0]):
        start, end = spans[n]
        paragraph = _paragraph(breaks, start)
        attribution = out[n]
        if attribution.source_start is not None:
            # a forecast or a plan is no account of what happened to go on with
            lender = (paragraph, attribution) if attribution.modality not in NOT_AN_ACCOUNT else None
        elif attribution.cue is None and lender is not None and paragraph - lender[0] <= PARAGRAPHS_BACK \
                and _goes_on(doc, start, end):
            out[n] = _lent(attribution, lender[1])
            lender = (paragraph, lender[1])
    return out


def _paragraph(breaks: list[int], at: int) -> int:
    """Index of the paragraph holding char offset `at` (the count of line breaks before it)."""
    return bisect_left(breaks, at)


def _goes_on(doc: "Doc", start: int, end: int) -> bool:
    """The figure goes on with the account: its sentence names no year, and no place or body holds it."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    root = span.root
    return not any(YEAR.match(t.text) and t.ent_type_ == "DATE" for t in root.sent) and not _held(root)


def _held(root: "Token") -> bool:
    """The figure's verb is one of holding (`HOLDING_VERBS`) with a subject other than "I" or "we"."""
    node = root
    for _ in range(STEPS):
        if node.pos_ in ("VERB", "AUX") and node.dep_ not in ("aux", "auxpass"):
            subject = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            return node.lemma_.lower() in HOLDING_VERBS and (subject is None or subject.lower_ not in FIRST_PERSON)
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _lent(own: Attribution, lender: Attribution) -> Attribution:
    """The figure's own attribution (its modality) with the lender's source and cue."""
    return replace(own, source=lender.source, source_text=lender.source_text, source_start=lender.source_start,
                   source_end=lender.source_end, cue=lender.cue, source_kind=lender.source_kind,
                   relayed_by=lender.relayed_by)
