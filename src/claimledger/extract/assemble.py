"""Stage 7: assemble `Claim` records from a parsed document and its stages.

A claim is a quantity with what it counts (`measure`), who puts it forward
(`attribution`), when it holds (`anchoring`) and where (`location`).
Claim ids are derived from the document's content hash and the figure's
offsets, so the same article added twice gives the same rows.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from typing import TYPE_CHECKING, Sequence

from .anchoring import TimeIndex, figure_time, first_prose_line, headline_times, report_times
from ..names import canonical_source
from .nlp import words_end
from .location import find_places, main_place, place_of
from .measure import Measure, headline_heads, read_measure
from ..records import Attribution, Claim, Document, Quantity, TimeExpr

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


def claim_id(document: Document, quantity: Quantity) -> str:
    """A stable id from the document's content and the figure's place in it."""
    key = f"{document.id}\0{document.sha}\0{quantity.start}\0{quantity.end}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def settled_source(attribution: Attribution, document: Document) -> Attribution:
    """Name the source where the attribution stage found a mention but no name.

    A description with no named antecedent ("the analyst told ...") is its own
    name.  A figure with no cue at all stands in the writer's own voice and is
    the publisher's, when the document names one; otherwise it stays
    unattributed (never guessed).
    """
    if attribution.source is not None:
        return attribution
    if attribution.source_text:
        name = re.sub(r"^(the|a|an)\s+", "", " ".join(attribution.source_text.split()), flags=re.IGNORECASE)
        return replace(attribution, source=name)
    if attribution.cue is None and document.publisher:
        return replace(attribution, source=canonical_source(document.publisher), source_kind="publisher")
    return attribution


def sentence_as_written(sentence: "Span", text: str) -> str:
    """A claim's sentence as the document writes it: its words, then the line breaks after it.

    spaCy ends a sentence with the whitespace tokens that follow it.  A whole
    parse keeps them when they hold a line break (the end of a paragraph) and
    otherwise only the words; a selective parse gives a sentence the blanked
    sentences after it too, which are not part of it.  Cut at the words and
    keep the whitespace that follows them in `text` only when it breaks a
    line, so both parses store the same sentence.
    """
    start, end = sentence.start_char, words_end(sentence)
    gap = text[end:sentence.end_char]
    tail = gap[:len(gap) - len(gap.lstrip())]
    return text[start:end] + (tail if "\n" in tail else "")


def build_claims(document: Document, doc: "Doc", quantities: Sequence[Quantity],
                 attributions: Sequence[Attribution], times: Sequence[TimeExpr],
                 names: "Doc | None" = None) -> list[Claim]:
    """One `Claim` per quantity, in document order (`names`: more entities, for the main place only)."""
    spans = [(q.start, q.end) for q in quantities]
    index = TimeIndex(doc, list(times), document.text, document.published, spans)
    places = find_places(doc, document.text, names)
    fallback_place = main_place(places, doc, spans)
    claims: list[Claim] = []
    previous: tuple[int, Measure] | None = None
    earlier: dict[str, Measure] = {}  # the last reading with a head, by figure type
    for quantity, attribution in zip(quantities, attributions):
        span = doc.char_span(quantity.start, quantity.end, alignment_mode="expand")
        if span is None:
            continue
        sentence = span.sent
        inherited = previous[1] if previous and previous[0] == sentence.start else None
        measure = read_measure(span, inherited, earlier)
        previous = (sentence.start, measure)
        if measure.head:
            earlier[measure.figure] = measure
        when = figure_time(span, index, document.published, measure.head)
        attribution = settled_source(attribution, document)
        source_span = ((attribution.source_start, attribution.source_end),) if attribution.source_start is not None else ()
        claims.append(Claim(
            id=claim_id(document, quantity), doc=document.id, text=quantity.text,
            start=quantity.start, end=quantity.end, value=quantity.value,
            low=quantity.low, high=quantity.high, unit=quantity.unit,
            measure=measure.measure, head=measure.head, qualifier=measure.qualifier,
            kind=measure.kind, modality=attribution.modality, source=attribution.source,
            source_text=attribution.source_text, source_start=attribution.source_start,
            source_end=attribution.source_end, cue=attribution.cue,
            time_start=when.time_start, time_end=when.time_end, time_text=when.time_text,
            time_rule=when.rule,
            location=place_of(sentence, places, fallback_place, source_span),
            sentence=sentence_as_written(sentence, document.text), sentence_start=sentence.start_char,
            source_kind=attribution.source_kind, relayed_by=attribution.relayed_by,
            rule=quantity.rule, parts=max(quantity.parts, measure.parts), alt_year=quantity.alt_year,
            approximate=quantity.approximate,
        ))
    return headline_heads(headline_times(report_times(claims), document.text), first_prose_line(document.text))
