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

from ..data.concepts_en import (CONCEPT_WORDS, CUMULATIVE_WORDS, HEAD_SYNONYMS, MOVED_PEOPLE_HEADS, NOT_PARTIES,
                                REPLACEABLE_HEADS, SHARE_WORDS_AFTER, SUBSET_BEFORE, SUBSET_PHRASES,
                                TAKING_PART_WORDS, TURNOUT_SHARE_HEADS, WORDS_AFTER, WORDS_BEFORE)

if TYPE_CHECKING:
    from ..records import Claim

_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
# Units a concept never replaces the head of: a distance or a sum of money counts no people.
_COUNTED_UNITS = frozenset({None, "percent"})
_CONCEPT_OF = {word: concept for concept, words in CONCEPT_WORDS.items() for word in words}


def names_concept(word: str) -> bool:
    """Whether a lower-case word names a concept ("turnout", "deaths"): a common noun, even capitalised."""
    return word in _CONCEPT_OF


def concept_of(claim: "Claim") -> str | None:
    """The concept a claim counts when its head may be replaced and a concept word stands near it."""
    if claim.unit not in _COUNTED_UNITS:
        return None
    if claim.head in _CONCEPT_OF:
        return _CONCEPT_OF[claim.head]  # "nine detentions", "another 23 bodies"
    if claim.unit == "percent" and claim.head in TURNOUT_SHARE_HEADS:
        following = [w.lower() for w in _WORD.findall(_around(claim)[1])][:SHARE_WORDS_AFTER]
        return "turnout" if TAKING_PART_WORDS & set(following) else None  # "one in five voters took part"
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


def synonym_of(head: str | None) -> str | None:
    """The head a synonym's series takes ("ballot" -> "vote"), else the head itself."""
    return HEAD_SYNONYMS.get(head, head)


# The class of the heads that name people on the move: moved-people heads and nationality nouns.
MOVED_PEOPLE = "moved people"


def head_class(head: str | None) -> str | None:
    """The class of heads whose series may join across documents (`series._join_nationalities`):
    MOVED_PEOPLE for a moved-people head or a nationality noun (a head kept capitalised), else the
    head itself.  Series, checks and the update's relink all take a class as one scope."""
    if head and (head in MOVED_PEOPLE_HEADS or head[:1].isupper()):
        return MOVED_PEOPLE
    return head


def counted_head(claim: "Claim", doc_claims: list["Claim"]) -> str | None:
    """The head a claim's series takes, from its own head: a synonym's ("ballot" -> "vote",
    data/concepts_en.py), and for a nationality noun ("Burundian": the only heads kept capitalised)
    the moved-people head of the nearest figure of its document in the same place and unit
    ("refugee"), same sentence first, then before it, then after.

    A reading within one document: claims whose series take one head, resolved among themselves,
    take it again (the update relinks a head from its own claims)."""
    head = synonym_of(claim.head)
    if not head or not head[:1].isupper():
        return head
    moved = [c for c in doc_claims if c.head in MOVED_PEOPLE_HEADS and c.unit == claim.unit
             and c.location == claim.location]
    if not moved:
        return head
    nearest = min(moved, key=lambda c: (c.sentence_start != claim.sentence_start, c.start > claim.start,
                                        abs(c.start - claim.start)))
    return nearest.head


# How near a figure a running-total word stands, in words, with no other figure between: six
# before ("detentions since May 8 to 87"), six after ("61 the number of people detained since").
CUMULATIVE_BEFORE = 6
CUMULATIVE_AFTER = 6
# A share's party is named at most this many words before it ("gave Rakotomalala 49.6%") or
# after "for" just behind it ("38.61% for Lalao Rakotomalala").
PARTY_WORDS_BEFORE = 3
PARTY_WORDS_AFTER = 4
_NAME = re.compile(r"[A-Za-z][\w'-]*")


def _around(claim: "Claim") -> tuple[str, str]:
    """The sentence before the figure and after it."""
    offset = max(claim.start - claim.sentence_start, 0)
    sentence = claim.sentence or ""
    return sentence[:offset], sentence[offset + len(claim.text):]


def is_cumulative(claim: "Claim") -> bool:
    """Whether a running-total word ("since", "so far") stands just before or after the figure."""
    before, after = _around(claim)
    # a cue belongs to the nearest figure: stop at another number (a date's day is no figure)
    # (a date's day before a comma ends its clause: "since May 2, the monitors 12")
    figures_before = [m for m in _NUMERAL.finditer(before) if not _MONTH_BEFORE.search(before[:m.start()])
                      or before[m.end():m.end() + 1] in {",", ";"}]
    figures_after = [m for m in _NUMERAL.finditer(after) if not _MONTH_BEFORE.search(after[:m.start()])]
    before = before[figures_before[-1].end():] if figures_before else before
    after = after[:figures_after[0].start()] if figures_after else after
    words = " ".join([w.lower() for w in _WORD.findall(before)][-CUMULATIVE_BEFORE:] + ["#"] +
                     [w.lower() for w in _WORD.findall(after)][:CUMULATIVE_AFTER])
    return any(re.search(rf"\b{phrase}\b", words) for phrase in CUMULATIVE_WORDS)


def is_subset(claim: "Claim") -> bool:
    """Whether the figure is given as a part of a whole: "eight of them", "including 13", "the remaining 40"."""
    before, after = _around(claim)
    return before.lower().rstrip().endswith(SUBSET_BEFORE) or \
        any(after.lower().lstrip().startswith(p) for p in SUBSET_PHRASES)


def party(claim: "Claim") -> str | None:
    """Whose share a percentage is, when a name stands beside it: "Rakotomalala" in "gave
    Rakotomalala 49.6%" and in "38.61% for Lalao Rakotomalala"; None otherwise."""
    if claim.unit != "percent":
        return None
    before, after = _around(claim)
    names = _NAME.findall(before)[-PARTY_WORDS_BEFORE:]
    for word in reversed(names):
        if word[:1].isupper() and word not in NOT_PARTIES:
            return word.removesuffix("'s")
    following = _NAME.findall(after)[:PARTY_WORDS_AFTER + 1]
    if "for" in following:
        named = [w for w in following[following.index("for") + 1:] if w[:1].isupper() and w not in NOT_PARTIES]
        return named[-1] if named else None
    return None


_NUMERAL = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w])|\b(one|two|three|four|five|six|seven|"
                      r"eight|nine|ten|eleven|twelve)\b", re.IGNORECASE)
_SMALL = {w: n for n, w in enumerate("one two three four five six seven eight nine ten eleven twelve".split(), 1)}
_MONTH_BEFORE = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+$")
# Two figures of a list stand at most this many characters apart: "71 deaths, Bajura 18" is
# a list, and so is "120 instructors are assigned to the armed forces (FACA), 50 to the police"
# (70 characters); two clauses of a long sentence (above 80) are not one list.
LIST_GAP_CHARS = 80


def listed_with(claim: "Claim") -> list[float]:
    """The numerals of the list the figure stands in within its sentence (itself included): those
    chained to it by gaps of at most LIST_GAP_CHARS; [] when it stands alone."""
    sentence = claim.sentence or ""
    found = [(m.start(), m.end(), float(m.group(1).replace(",", "")) if m.group(1) else float(_SMALL[m.group(2).lower()]))
             for m in _NUMERAL.finditer(sentence) if not _MONTH_BEFORE.search(sentence[:m.start()])]
    offset = claim.start - claim.sentence_start
    mine = next((i for i, (start, end, _v) in enumerate(found) if start <= offset + len(claim.text) and end >= offset), None)
    if mine is None or len(found) < 2:
        return []
    first = last = mine
    while first > 0 and found[first][0] - found[first - 1][1] <= LIST_GAP_CHARS:
        first -= 1
    while last + 1 < len(found) and found[last + 1][0] - found[last][1] <= LIST_GAP_CHARS:
        last += 1
    chain = [value for _s, _e, value in found[first:last + 1]]
    return chain if len(chain) > 1 else []
