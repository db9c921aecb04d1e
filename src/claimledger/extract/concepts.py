"""What a figure with a generic head counts, read from the words beside it (data/concepts_en.py).

"killing at least 38 people", "another 23 bodies were recovered" and "the death toll rose to
94" have the heads person, body and none; all three count deaths.  `counted_as` gives each
such claim the concept it counts as its head, so that the resolution of generic heads, the
series and the checks see one quantity.  A claim-local reading: it depends on the claim's own
sentence only, so a document's claims resolve the same whichever batch they are stored in.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from ..data.concepts_en import CONCEPT_WORDS, REPLACEABLE_HEADS, WORDS_AFTER, WORDS_BEFORE

if TYPE_CHECKING:
    from ..records import Claim

_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
# Units a concept never replaces the head of: a distance or a sum of money counts no people.
_COUNTED_UNITS = frozenset({None, "percent"})
_CONCEPT_OF = {word: concept for concept, words in CONCEPT_WORDS.items() for word in words}


def concept_of(claim: "Claim") -> str | None:
    """The concept a claim counts when its head may be replaced and a concept word stands near it."""
    if claim.unit not in _COUNTED_UNITS:
        return None
    if claim.head in _CONCEPT_OF:
        return _CONCEPT_OF[claim.head]  # "nine detentions", "another 23 bodies"
    if claim.head is not None and claim.head not in REPLACEABLE_HEADS:
        return None
    offset = claim.start - claim.sentence_start
    sentence = claim.sentence or ""
    if not 0 <= offset <= len(sentence):
        return None
    before = [w.lower() for w in _WORD.findall(sentence[:offset])][-WORDS_BEFORE:]
    after = [w.lower() for w in _WORD.findall(sentence[offset + len(claim.text):])][:WORDS_AFTER]
    near = [(len(before) - i, w) for i, w in enumerate(before)] + [(i + 1, w) for i, w in enumerate(after)]
    found = sorted((distance, _CONCEPT_OF[w]) for distance, w in near if w in _CONCEPT_OF)
    return found[0][1] if found else None


def counted_as(claims: list["Claim"]) -> list["Claim"]:
    """The claims, each whose concept `concept_of` reads with that concept as its head."""
    out = []
    for claim in claims:
        concept = concept_of(claim)
        out.append(claim if concept is None or concept == claim.head else replace(claim, head=concept))
    return out
