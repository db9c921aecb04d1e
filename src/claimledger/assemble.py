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

from .anchoring import TimeIndex, as_of
from .location import find_places, main_place, place_of
from .measure import Measure, read_measure
from .records import Attribution, Claim, Document, Quantity, TimeExpr

if TYPE_CHECKING:
    from spacy.tokens import Doc


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
        return replace(attribution, source=document.publisher, source_kind="publisher")
    return attribution


def build_claims(document: Document, doc: "Doc", quantities: Sequence[Quantity],
                 attributions: Sequence[Attribution], times: Sequence[TimeExpr]) -> list[Claim]:
    """One `Claim` per quantity, in document order."""
    index = TimeIndex(doc, list(times))
    places = find_places(doc)
    fallback_place = main_place(places)
    claims: list[Claim] = []
    previous: tuple[int, Measure] | None = None
    earlier: Measure | None = None
    for quantity, attribution in zip(quantities, attributions):
        span = doc.char_span(quantity.start, quantity.end, alignment_mode="expand")
        if span is None:
            continue
        sentence = span.sent
        inherited = previous[1] if previous and previous[0] == sentence.start else None
        measure = read_measure(span, inherited, earlier)
        previous = (sentence.start, measure)
        earlier = measure if measure.head else earlier
        when = as_of(span, index, document.published)
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
            location=place_of(sentence, places, fallback_place, source_span),
            sentence=document.text[sentence.start_char:sentence.end_char], sentence_start=sentence.start_char,
            source_kind=attribution.source_kind, relayed_by=attribution.relayed_by,
            rule=quantity.rule, parts=quantity.parts, alt_year=quantity.alt_year,
            approximate=quantity.approximate,
        ))
    return claims
