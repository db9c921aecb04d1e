"""Stage 6: where a figure is about, as a canonical place.

Place mentions come from the gazetteer in `data/places_en.py` (matched on
words, so "CAR", tagged an organisation by the small model, still counts) and
from spaCy's GPE/LOC entities.  A figure's place is, in order: a place after
"in", "to" or "into" in its sentence; another place in its sentence that is
neither the origin ("from Russia") nor the actor ("Russia sent"); the
document's most mentioned place.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

from ..names import PLACE_PATTERN, canonical_place
from .nlp import words_end

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span



@dataclass(frozen=True)
class PlaceMention:
    text: str
    start: int
    end: int
    place: str




def find_places(doc: "Doc", text: str | None = None, names: "Doc | None" = None) -> list[PlaceMention]:
    """Every place mention in the document, from the gazetteer and the entities.

    The gazetteer reads `text` (the document as written, default `doc.text`);
    the entities come from `doc` and from `names`, the sentences naming a place
    that a selective parse left to the entity recogniser alone.
    """
    found: dict[int, PlaceMention] = {}
    for match in PLACE_PATTERN.finditer(doc.text if text is None else text):
        if match.group(0) in {"us", "Us"}:  # the pronoun, not the country
            continue
        found[match.start()] = PlaceMention(match.group(0), match.start(), match.end(), canonical_place(match.group(0)))
    for ent in [*doc.ents, *(names.ents if names is not None else ())]:
        if ent.label_ in {"GPE", "LOC"} and not any(m.start <= ent.start_char < m.end for m in found.values()):
            found[ent.start_char] = PlaceMention(ent.text, ent.start_char, ent.end_char, canonical_place(ent.text))
    return sorted(found.values(), key=lambda m: m.start)


def main_place(places: list[PlaceMention], doc: "Doc | None" = None,
               figures: Sequence[tuple[int, int]] = ()) -> str | None:
    """The document's most mentioned place; of places mentioned equally often, the one most of the
    document's figures (character offsets in `doc`) are about by their own sentence (`place_of`),
    then the first mentioned."""
    if not places:
        return None
    counts = Counter(m.place for m in places)
    best = max(counts.values())
    tied = list(dict.fromkeys(m.place for m in places if counts[m.place] == best))
    if len(tied) > 1 and doc is not None:
        # A story naming the sending country and the receiving one twice each: its figures are
        # about where the people went ("flown into X"), so the figures' own places decide.
        votes = Counter(place for place in _figure_places(doc, places, figures) if place in tied)
        if votes:
            most = max(votes.values())
            return next(place for place in tied if votes[place] == most)
    return tied[0]


def _figure_places(doc: "Doc", places: list[PlaceMention], figures: Sequence[tuple[int, int]]) -> list[str | None]:
    """The place each figure's own sentence names it to be about (no fallback)."""
    found = []
    for start, end in figures:
        span = doc.char_span(start, end, alignment_mode="expand")
        found.append(place_of(span.sent, places, None) if span is not None else None)
    return found


def place_of(sentence: "Span", places: list[PlaceMention], fallback: str | None,
             exclude: tuple[tuple[int, int], ...] = ()) -> str | None:
    """The place a figure in `sentence` is about.

    Mentions inside `exclude` (the source's own mention: "the foreign ministry
    in Moscow") say who speaks, not where the figure is.
    """
    doc = sentence.doc
    end = words_end(sentence)
    inside = [m for m in places if sentence.start_char <= m.start < end
              and not any(lo <= m.start < hi for lo, hi in exclude)]
    ranked: list[tuple[int, PlaceMention]] = []
    for mention in inside:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        before = doc[span.start - 1].lower_ if span.start > 0 else ""
        if before == "the" and span.start > 1:
            before = doc[span.start - 2].lower_
        role = span.root.dep_
        if before in {"in", "to", "into", "inside", "across", "throughout"}:
            ranked.append((0, mention))
        elif before != "from" and role not in {"nsubj", "nsubjpass", "poss"}:
            ranked.append((1, mention))
    if ranked:
        return min(ranked, key=lambda pair: (pair[0], pair[1].start))[1].place
    return fallback
