"""Stage 4: what a figure counts, and whether it is a level or a change.

For each quantity, from the dependency parse: the counted noun (`head`,
its singular lemma), the phrase as written (`measure`), a `qualifier`
("military", "civilian"), the `kind` (level, increase, decrease, other) and, for a
share of a list ("200 instructors for each" of three services), its `parts`.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..data.measures_en import (
    COUNT_NOUNS, DECREASE_VERBS, EACH_WORDS, HEAD_SYNONYMS, INCREASE_VERBS, INCREMENT_WORDS,
    LEVEL_AFTER_TO_VERBS, LEVEL_AT_PREPOSITIONS, LEVEL_AT_VERBS, LEVEL_OBJECT_VERBS, NATIONALITIES,
    QUALIFIED_HEADS, QUALIFIERS, UNIT_NOUNS,
)

from .concepts import counted_as

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from ..records import Claim

NOUNS = {"NOUN", "PROPN"}
# Number words the tagger may read as nouns ("thousands of people").
NUMBER_NOUNS = frozenset({"hundred", "thousand", "million", "billion", "dozen", "ten", "score"})
# How far right of a figure a counted noun may stand when the parse does not
# link them ("5 military and 170 civilian instructors"): six tokens covers a
# figure, a coordinated qualifier and the noun, and stops short of the next clause.
NOUN_WINDOW = 6


@dataclass(frozen=True)
class Measure:
    """What a figure counts."""

    measure: str | None
    head: str | None
    qualifier: str | None
    kind: str
    parts: int = 1  # > 1 for a share of a list: "200 for each" of three services


def read_measure(span: "Span", previous: Measure | None = None, earlier: Measure | None = None) -> Measure:
    """The counted thing and kind of the figure whose tokens are `span`.

    `previous` is the reading of the figure before it in the same sentence,
    inherited by figures with no noun of their own ("200 each" after "600 people").
    `earlier` is the last reading in the document with a head, inherited by an
    elliptical increment ("Moscow sent 300 more.").
    """
    noun = counted_noun(span)
    qualifier = find_qualifier(span, noun)
    parts = distributive_parts(span)
    if noun is None and previous is None and is_elliptical_increment(span):
        previous = earlier
    if noun is None:
        if previous is not None and previous.head:
            return Measure(previous.measure, previous.head, qualifier or previous.qualifier,
                           read_kind(span, previous.kind), parts)
        return Measure(None, None, qualifier, read_kind(span), parts)
    return Measure(measure_text(span, noun), head_lemma(noun), qualifier, read_kind(span), parts)


def distributive_parts(span: "Span") -> int:
    """How many shares a figure is one of: "200 instructors for each" after a list of three -> 3.

    "each" must follow the figure closely, with no other figure between; the
    count is the longest coordinated list of nouns in the sentence ("the army,
    the police and the gendarmerie").  1 when either is missing: a share whose
    list is not written cannot be multiplied out.
    """
    doc, sentence = span.doc, span.sent
    after = doc[span.end: min(span.end + NOUN_WINDOW, sentence.end)]
    each = next((t for t in after if t.lower_ in EACH_WORDS), None)
    if each is None or any(t.like_num and t.i < each.i for t in after) or not _shares_out(span, each):
        return 1
    phrase = range(span.start, each.i + 1)
    lists = [len(t.conjuncts) + 1 for t in sentence if t.pos_ in NOUNS and t.conjuncts
             and all(c.i not in phrase for c in (t, *t.conjuncts))]
    return max(lists) if lists and max(lists) > 1 else 1


def _shares_out(span: "Span", each: "Token") -> bool:
    """"200 each", "200 instructors each", "200 for each", "200 assigned to each" -- not "each of them"."""
    doc = span.doc
    right_after = each.i == span.end or (each.i == span.end + 1 and doc[span.end].pos_ in NOUNS)
    return right_after or (each.dep_ == "pobj" and each.head.lower_ in {"for", "to", "per"})


def counted_noun(span: "Span") -> "Token | None":
    """The noun a figure counts, or None."""
    root = span.root
    noun = root.head if root.dep_ in {"nummod", "quantmod", "compound", "amod", "nmod"} and root.head not in span else None
    if noun is None and root.pos_ in NOUNS:
        noun = root  # "hundreds of people" and "95 percent of voters" read as nouns themselves
    if noun is not None and noun.lemma_.lower() in UNIT_NOUNS | NUMBER_NOUNS:
        noun = of_object(noun)  # "95 percent of voters", "hundreds of people"
    if noun is not None and noun.lemma_.lower() in NOT_COUNTED - UNIT_NOUNS:
        # "300 more instructors", "a total of 175 instructors": the noun comes later
        noun = next_noun(span) or (what_is_counted(noun) if noun.lemma_.lower() in COUNT_NOUNS else None)
    if noun is None:
        noun = level_subject(span) or next_noun(span)
    return noun


def of_object(token: "Token") -> "Token | None":
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for grand in child.children:
                if grand.dep_ == "pobj" and grand.pos_ in NOUNS:
                    return grand
    return None


# Words that may stand between a figure and its noun without naming what is
# counted: "300 more instructors", "175 Russian military instructors".
NOT_COUNTED = QUALIFIERS | NATIONALITIES | UNIT_NOUNS | INCREMENT_WORDS | COUNT_NOUNS


def next_noun(span: "Span") -> "Token | None":
    """A noun shortly after the figure in its sentence, before any verb or punctuation."""
    doc = span.doc
    for token in doc[span.end: min(span.end + NOUN_WINDOW, span.sent.end)]:
        if token.is_space or (token.pos_ in {"VERB", "AUX", "PUNCT", "ADP"} and token.lower_ != "-"):
            return None
        if token.pos_ in NOUNS and token.lemma_.lower() not in NOT_COUNTED:
            return token
    return None


def is_elliptical_increment(span: "Span") -> bool:
    """"300 more." / "another 300": an addition whose noun is left understood."""
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    return (span[0].lower_ in INCREMENT_WORDS) or (after is not None and after.lower_ == "more")


def level_subject(span: "Span") -> "Token | None":
    """The subject whose level the figure states.

    "that number grew to 235" -> number; "bringing the total to 1,135" -> total;
    "the figure was about 1,890" -> figure.  A count noun with an "of" object
    or a compound gives that noun: "the number of Russian trainers" -> trainer,
    "the trainer count" -> trainer.
    """
    root = span.root
    if _level_at(root):
        verb, roles = root.head.head, {"dobj"}  # "put turnout at 61 percent"
    elif root.dep_ == "dobj" and root.head.lemma_.lower() in LEVEL_OBJECT_VERBS:
        verb, roles = root.head, {"nsubj"}  # "the number of displaced people reached 722,000"
    elif root.dep_ == "pobj" and root.head.lower_ == "to":
        verb, roles = root.head.head, {"nsubj", "nsubjpass", "dobj"}
    elif root.dep_ in {"attr", "acomp"} and root.head.lemma_ == "be":
        verb, roles = root.head, {"nsubj"}
    elif root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in COUNT_NOUNS:
        total = root.head.head  # "a total of 175": the total stands for what it totals
        return total.head if total.dep_ == "appos" and total.head.pos_ in NOUNS else None
    else:
        return None
    subject = next((c for c in verb.children if c.dep_ in roles and c.pos_ in NOUNS), None)
    return what_is_counted(subject) if subject is not None else None


def _level_at(root: "Token") -> bool:
    """"put turnout at 61 percent", "gave their number as 1,135": a level set by the verb's object."""
    return (root.dep_ == "pobj" and root.head.lower_ in LEVEL_AT_PREPOSITIONS
            and root.head.head.lemma_.lower() in LEVEL_AT_VERBS)


def what_is_counted(noun: "Token") -> "Token":
    """For a count noun ("number", "count", "total"), the noun it counts, if written."""
    if noun.lemma_.lower() not in COUNT_NOUNS:
        return noun
    named = of_object(noun) or next((c for c in noun.children if c.dep_ == "compound" and c.pos_ in NOUNS), None)
    return named or noun


def head_lemma(noun: "Token") -> str:
    """The counted noun's lemma, made specific by a modifier ("armed group") and folded to its synonym."""
    lemma = noun.lemma_.lower()
    lemma = "person" if lemma == "people" else lemma
    modifiers = (child.lower_ for child in noun.children if child.dep_ in {"amod", "compound"})
    lemma = next((QUALIFIED_HEADS[(m, lemma)] for m in modifiers if (m, lemma) in QUALIFIED_HEADS), lemma)
    return HEAD_SYNONYMS.get(lemma, lemma)


def measure_text(span: "Span", noun: "Token") -> str:
    """The phrase as written from after the figure to its noun ("Russian security instructors")."""
    doc = span.doc
    if noun.i >= span.end:
        words = doc[span.end: noun.i + 1]
        start = next((t.i for t in words if t.pos_ not in {"DET", "ADP", "CCONJ", "PUNCT"}), noun.i)
        return doc[start: noun.i + 1].text
    left = min((t.i for t in noun.lefts if t.dep_ in {"amod", "compound"}), default=noun.i)
    return doc[left: noun.i + 1].text


def find_qualifier(span: "Span", noun: "Token | None") -> str | None:
    """A qualifying word between the figure and its noun, or modifying the noun."""
    doc = span.doc
    stop = noun.i if noun is not None and noun.i >= span.end else min(span.end + 2, len(doc))
    for token in doc[span.end: stop]:
        if token.lower_ in QUALIFIERS and token.lower_ not in {"additional", "new", "security"}:
            return token.lower_
    return None


def read_kind(span: "Span", default: str = "level") -> str:
    """level, increase or decrease, from the words and verb around the figure."""
    doc = span.doc
    before = doc[max(span.start - 2, 0): span.start]
    if span[0].lower_ in INCREMENT_WORDS - {"more"} or any(t.lower_ in INCREMENT_WORDS - {"more"} for t in before):
        return "increase"
    if span.end < len(doc) and doc[span.end].lower_ == "more":
        return "increase"
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ == "to" and root.head.head.lemma_.lower() in LEVEL_AFTER_TO_VERBS:
        return "level"
    if _level_at(root):
        return "level"
    verb = governing_verb(root)
    if verb is None:
        return default
    lemma = verb.lemma_.lower()
    if lemma in INCREASE_VERBS:
        return "increase"
    if lemma in DECREASE_VERBS:
        return "decrease"
    if lemma == "total" or verb.lower_ == "totalling":
        return governing_kind(verb) or default
    return default


def governing_kind(verb: "Token") -> str | None:
    """For "a group totalling 600 people has arrived": the kind of the clause's verb."""
    outer = governing_verb(verb.head) if verb.head.i != verb.i else None
    if outer is None:
        return None
    lemma = outer.lemma_.lower()
    return "increase" if lemma in INCREASE_VERBS else "decrease" if lemma in DECREASE_VERBS else None


def governing_verb(token: "Token") -> "Token | None":
    """The nearest verb above `token` in the parse, itself included."""
    for candidate in [token, *token.ancestors]:
        if candidate.pos_ in {"VERB", "AUX"}:
            return candidate
    return None


# ---------------------------------------------------------------- heads across a document

# Heads that name the count or a group rather than the thing counted: they take
# the head of a figure beside them ("600 people" = the instructors just named).
GENERIC_HEADS = frozenset({
    "person", "people", "group", "number", "total", "count", "figure", "tally",
    "member", "personnel", "strength", "level",
})


def resolve_heads(claims: list[Claim]) -> dict[str, str | None]:
    """Claim id -> the head it counts, generic heads replaced by a specific one nearby
    (after `concepts.counted_as` has named what a generic figure beside "killed" or "toll" counts)."""
    by_doc: dict[str, list[Claim]] = defaultdict(list)
    for claim in counted_as(claims):
        by_doc[claim.doc].append(claim)
    resolved: dict[str, str | None] = {}
    for doc_claims in by_doc.values():
        doc_claims.sort(key=lambda c: c.start)
        for claim in doc_claims:
            resolved[claim.id] = _specific_head(claim, doc_claims)
    return resolved


def _specific_head(claim: Claim, doc_claims: list[Claim]) -> str | None:
    """The claim's head, or for a generic one the nearest specific head: same sentence first, then before it."""
    head = claim.head
    if head not in GENERIC_HEADS:
        return head
    specific = [c for c in doc_claims if c.head and c.head not in GENERIC_HEADS and c.unit == claim.unit]
    same_sentence = [c for c in specific if c.sentence_start == claim.sentence_start]
    earlier = [c for c in specific if c.start < claim.start]
    if same_sentence:
        return min(same_sentence, key=lambda c: abs(c.start - claim.start)).head
    return earlier[-1].head if earlier else head
