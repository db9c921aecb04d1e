"""Stage 4: what a figure counts, and whether it is a level or a change.

For each quantity, from the dependency parse: the counted noun (`head`,
its singular lemma), the phrase as written (`measure`), a `qualifier`
("military", "civilian"), the `kind` (level, increase, decrease, other) and, for a
share of a list ("200 instructors for each" of three services), its `parts`.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Mapping

from ..data.measures_en import (
    CHANGE_NOUNS, COUNT_NOUNS, CURRENCY_LEMMAS, DECREASE_VERBS, EACH_WORDS, HEAD_SYNONYMS,
    INCREASE_VERBS, INCREMENT_WORDS, LEVEL_AFTER_TO_VERBS, LEVEL_AT_PREPOSITIONS, LEVEL_AT_VERBS,
    LEVEL_CHANGE_VERBS, LEVEL_OBJECT_VERBS, LEVEL_STAND_VERBS, MEASURED_PROPERTIES, MONEY_NOUNS,
    MONEY_VERB_HEADS, MULTIPLIER_KINDS, NATIONALITIES, NOT_HEADS, PARTICIPLE_HEADS, QUALIFIED_HEADS, QUALIFIERS,
    RATE_DETERMINERS, REFERRING_HEADS, REMAINDER_VERBS, SHARE_VERBS, TIME_NOUNS, TOLL_HEAD,
    TURNOUT_WORDS, UNIT_NOUNS, VERB_HEADS, VOTER_HEADS, VOTE_CHOICE_VERBS, VOTE_HEAD,
    VOTE_TAKING_VERBS, VOTE_WORDS,
)

from .concepts import counted_as, counted_head, names_concept

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
    figure: str = "count"  # count | percent | money: an earlier head is inherited only by its like


def read_measure(span: "Span", previous: Measure | None = None,
                 earlier: "Mapping[str, Measure] | None" = None) -> Measure:
    """The counted thing and kind of the figure whose tokens are `span` (see `_read_measure`); a
    measured property ("magnitude 6.3", "a depth of 12 km") is of kind other: nothing is counted."""
    measure = _read_measure(span, previous, earlier)
    if measure.head in MEASURED_PROPERTIES and measure.kind != "other":
        return replace(measure, kind="other")
    return measure


def _read_measure(span: "Span", previous: Measure | None = None,
                  earlier: "Mapping[str, Measure] | None" = None) -> Measure:
    """The counted thing and kind of the figure whose tokens are `span`.

    `previous` is the reading of the figure before it in the same sentence,
    inherited by figures with no noun of their own ("200 each" after "600 people").
    `earlier` holds the last reading in the document with a head, by figure type
    (`figure_type`: count, percent, money), inherited by an elliptical increment
    ("Moscow sent 300 more.") and by a figure standing for a noun said before
    ("we were 25,000", "puts the number at 45,000", "$164m" after an appeal).
    """
    figure = figure_type(span)
    earlier = (earlier or {}).get(figure)
    noun = counted_noun(span)
    if previous is not None and previous.head and is_compared(span, own_noun=noun is not None):
        # "14.5 million euros ..., up from 9.8 million": the figure it is compared with
        return Measure(previous.measure, previous.head, previous.qualifier, read_kind(span), 1, previous.figure)
    qualifier = find_qualifier(span, noun)
    parts = distributive_parts(span)
    if noun is None and previous is None and is_elliptical_increment(span):
        previous = earlier
    head = head_lemma(noun) if noun is not None else implied_head(span, figure)
    if head in VOTER_HEADS and figure == "percent" and _chosen_by(span):
        head = VOTE_HEAD  # "backed by 86.4 percent of voters": a share of the vote
    if head is None or head in REFERRING_HEADS:
        # "Bajura 18", "we were 25,000", "puts the number at 45,000": the noun said before;
        # "3,508,480 votes, or 85.87% of those cast": a share of the count said before
        source = next((m for m in (previous, earlier) if m is not None and m.head and m.head not in REFERRING_HEADS
                       and (m.figure == figure or (m is previous and _share_of_said(span)))), None)
        if source is not None and (head is not None or source is previous or _refers_back(span)):
            return Measure(source.measure, source.head, qualifier or source.qualifier,
                           read_kind(span, previous.kind if source is previous else "level"), parts, figure)
    if noun is None:
        return Measure(None, head, qualifier, read_kind(span), parts, figure)
    return Measure(measure_text(span, noun), head, qualifier, read_kind(span), parts, figure)


def _chosen_by(span: "Span") -> bool:
    """Whether the clause of a share is a choice voters make: "backed by 86.4 percent of voters",
    "58% of voters rejected it" (not "58% of voters turned out")."""
    verb = governing_verb(span.root)
    return verb is not None and verb.lemma_.lower() in VOTE_CHOICE_VERBS


def _voters_choose(span: "Span") -> bool:
    """"Voters approved the charter by 61% to 39%": a share in a clause where voters make a choice."""
    verb = governing_verb(span.root)
    return _chosen_by(span) and any(c.dep_ == "nsubj" and c.lemma_.lower() in VOTER_HEADS for c in verb.children)


def _share_of_said(span: "Span") -> bool:
    """A percentage of a pronoun or "those": "85.87% of those validly cast", "40 percent of them"."""
    if figure_type(span) != "percent":
        return False
    figure = _figure_token(span)
    unit = figure.head if figure.dep_ == "nummod" and figure.head.lower_ in UNIT_NOUNS else figure
    whole = of_object(unit, nominal=True) or of_object(span.root, nominal=True)
    return whole is not None and (whole.lower_ in REFERRING_PRONOUNS or _described_those(whole) is not None)


def is_compared(span: "Span", own_noun: bool = False) -> bool:
    """"up from 9.8 million", "down from 48.1%", "fell to 18,000 from 25,000": another level of the same thing.

    A bare "from N" compares only a figure with no noun of its own ("300
    people from 12 villages" counts villages).
    """
    figure = _figure_token(span)
    figure = figure if figure.dep_ == "pobj" else span.root  # "from 18.5 million": the scale word is the object
    prep = figure.head if figure.dep_ == "pobj" else None
    if prep is not None and _margin_to(prep):
        return True  # "backed it by 163 votes to 11", "by 86.4% to 13.6%": the other side of one count
    if prep is None or prep.lower_ not in {"from", "against", "than"}:
        return False
    if not own_noun and prep.lower_ == "from":
        return True
    before = span.doc[max(prep.i - 2, 0):prep.i]
    return any(t.lower_ in {"up", "down", "compared", "than", "against"} for t in before) or prep.lower_ == "against"


def _margin_to(prep: "Token") -> bool:
    """The "to" of a result "by N to M": on "by" itself, or beside a "by" that stands before it."""
    if prep.lower_ != "to":
        return False
    by = prep.head if prep.head.lower_ == "by" else next(
        (c for c in prep.head.children if c.lower_ == "by" and c.i < prep.i), None)
    return by is not None and any(t.like_num for t in by.subtree)


def figure_type(span: "Span") -> str:
    """percent, money or count: what kind of figure the span holds."""
    words = {t.lower_ for t in span}
    if words & {"%", "percent", "per", "pct"}:
        return "percent"
    after = span.doc[span.end] if span.end < len(span.doc) else None
    before = span.doc[span.start - 1] if span.start > 0 else None
    if before is not None and (before.is_currency or before.lower_ in {"rs", "usd", "eur", "gbp"}):
        return "money"  # "Rs 1.2 billion" read as the figure "1.2 billion"
    if any(t.is_currency or t.lower_ in {"rs", "usd", "eur", "gbp"} for t in span) \
            or any(not t.like_num and t.lemma_.lower() in CURRENCY_LEMMAS for t in span) \
            or (after is not None and after.lemma_.lower() in CURRENCY_LEMMAS):  # "900,000 pesos"
        return "money"
    return "count"


def _refers_back(span: "Span") -> bool:
    """A figure with no noun that stands for one said before: no other noun follows it."""
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    return after is None or after.pos_ in {"PUNCT", "CCONJ", "VERB", "AUX", "ADP", "PART"} or after.is_space \
        or after.lower_ in RATE_DETERMINERS


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
    """The noun a figure counts, or None (never a number word, a unit, a place or a date)."""
    if span.root.pos_ == "VERB" and not any(t.like_num for t in span):
        # "prices have doubled": a multiplier counts its subject (not "$164m", whose "m" may be tagged a verb)
        subject = subject_of_multiple(span)
        return subject if subject is not None and usable_head(subject) else None
    for find in (gapped_subject, named_measure):
        found = find(span)
        if found is not None and usable_head(found):
            return found
    sharer = share_of(span) if figure_type(span) == "percent" else None
    if sharer is not None and usable_head(sharer):
        return sharer  # "women make up 58% of the arrivals": the share counts the women
    noun = _counted_noun(span)
    figure = _figure_token(span)
    if noun is not None and noun.lemma_.lower() in TIME_NOUNS and not (figure.head == noun and figure.dep_ == "nummod"):
        noun = None  # "9.8 million this year": the year is when, not what
    if noun is not None and not usable_head(noun):
        unit = noun
        noun = of_object(unit) if unit.lemma_.lower() in NOT_HEADS else None
        if noun is None and unit.lemma_.lower() in NOT_HEADS and unit.dep_ == "compound" and unit.head.pos_ == "NOUN":
            noun = unit.head  # "the 800-acre property": the thing the unit measures
        noun = noun if noun is not None and usable_head(noun) else None
    if noun is not None:
        return noun
    for find in (partitive, owner_of, named_before, share_of, level_subject, count_noun_before, subject_of_multiple, next_noun):
        found = find(span)
        if found is not None and found.lemma_.lower() not in TIME_NOUNS \
                and (usable_head(found) or found.lemma_.lower() in COUNT_NOUNS):
            return found
    return None


def owner_of(span: "Span") -> "Token | None":
    """"a depth of 12 km", "the payment of Rs 15,000": the noun the figure is "of"."""
    figure = _figure_token(span)
    target = figure.head if figure.head.pos_ in NOUNS and figure.dep_ == "nummod" and (
        figure.head not in span or figure.dep_ != "pobj") else figure  # "of 12 km": the unit is the "of" object
    prep = target.head
    if target.dep_ == "pobj" and prep.lower_ == "of" and prep.head.pos_ in NOUNS and prep.head.lemma_.lower() not in NOT_HEADS:
        return prep.head
    return None


def gapped_subject(span: "Span") -> "Token | None":
    """"children account for 56 percent, women for 26 percent and men for 21 percent", "and men 42%":
    in a clause whose verb is left out after a comma or "and", the noun just before the figure (or
    before its "for") is what it counts.  Read from the words, as the parse of such clauses is poor."""
    doc, i = span.doc, span.start - 1
    if i > span.sent.start and doc[i].lower_ in {"for", "with", "at"}:
        i -= 1
    if i <= span.sent.start:
        return None
    noun, before = doc[i], doc[i - 1]
    if noun.pos_ == "NOUN" and noun.tag_ == "NNS" and (before.lower_ in {",", "and", "while", "but"}):
        return noun
    return None


def named_measure(span: "Span") -> "Token | None":
    """"a magnitude 7.8 quake", "a category 4 storm": a singular noun between an article and the
    number names the measure.  Read from the words: the parse of such phrases varies."""
    doc, i = span.doc, span.start - 1
    after = doc[span.end] if span.end < len(doc) else None
    if i - 1 < span.sent.start or len(span) != 1 or after is None or after.pos_ != "NOUN":
        return None  # a bare number before the measured noun, not "the town 40 km" or "the party 31 percent"
    before, article = doc[i], doc[i - 1]
    if before.pos_ == "NOUN" and before.tag_ == "NN" and article.lower_ in {"a", "an", "the"} \
            and before.lemma_.lower() not in TIME_NOUNS:
        return before
    return None


def named_before(span: "Span") -> "Token | None":
    """"boys make up 52% and girls 48%", "Kenya sent 300 and Uganda 200": in a clause whose verb is
    left out, the noun right before the figure is what it counts (its appositive)."""
    figure = _figure_token(span)
    unit = figure.head if figure.dep_ == "nummod" and figure.head.lower_ in UNIT_NOUNS else figure
    before = span.doc[span.start - 1] if span.start > span.sent.start else None
    if before is not None and unit.dep_ in {"appos", "npadvmod"} and unit.head == before and before.pos_ in NOUNS:
        return before
    return None


def share_of(span: "Span") -> "Token | None":
    """"Women make up 58%", "children account for 56 percent", "61 percent were women": who the share is of."""
    figure = _figure_token(span)
    unit = figure.head if figure.head.lower_ in UNIT_NOUNS else figure
    verb = unit.head.head if unit.dep_ == "pobj" else unit.head
    if verb.lemma_.lower() in SHARE_VERBS | INCREASE_VERBS | DECREASE_VERBS and unit.dep_ in {"dobj", "pobj", "npadvmod"}:
        # "women make up 58%", "exports fell 12 percent": the subject
        return next((c for c in verb.children if c.dep_ == "nsubj" and c.pos_ in NOUNS), None)
    if unit.dep_ == "nsubj" and verb.lemma_ == "be":
        return next((c for c in verb.children if c.dep_ == "attr" and c.pos_ in NOUNS), None)
    return None


def count_noun_before(span: "Span") -> "Token | None":
    """"the number of people displaced at 21,000", "the toll rose from 38 to 139": the nearest count noun before.

    Only a count noun in the figure's own clause (it or its verb above the
    figure), and not for money: "refugee total reaches 36,600 as UN seeks $120m".
    """
    if figure_type(span) == "money":
        return None
    sentence = span.sent
    above = set(_figure_token(span).ancestors)
    for token in reversed(span.doc[sentence.start:span.start]):
        if token.lemma_.lower() in COUNT_NOUNS and token.pos_ in NOUNS and (token in above or token.head in above):
            counted = what_is_counted(token)
            return counted if counted is not token or token.lower_ == "toll" else None
    return None


def subject_of_multiple(span: "Span") -> "Token | None":
    """"The numbers have tripled": the subject of a multiplier verb."""
    verb = span.root
    if verb.pos_ != "VERB":
        return None
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is not None and subject.lower_ in {"that", "which"} and verb.dep_ == "relcl":
        subject = verb.head  # "a figure that has doubled in the last decade"
    if subject is not None and subject.lemma_.lower() in COUNT_NOUNS and subject.dep_ == "appos":
        # "10 percent of the world's electricity, a figure that has doubled": the figure it stands beside
        named = subject.head
        named = (of_object(named) or named) if named.lemma_.lower() in UNIT_NOUNS else named
        subject = named if named.pos_ in NOUNS and usable_head(named) else subject
    return what_is_counted(subject) if subject is not None and subject.pos_ in NOUNS else None


def _figure_token(span: "Span") -> "Token":
    return next((t for t in span if t.like_num), span.root)


def usable_head(noun: "Token") -> bool:
    """A noun that can be the counted thing: no number or unit word, no name but a people's, no rate's divisor."""
    lemma = noun.lemma_.lower().rstrip(".")  # "$40m." at a sentence's end: the tokenizer keeps the full stop
    if lemma in NOT_HEADS or noun.lower_.rstrip(".") in NOT_HEADS or not any(ch.isalpha() for ch in lemma):
        return False
    if noun.pos_ == "PROPN" and noun.text[:1].isupper() and not is_people(noun) and not _capital_by_position(noun) \
            and not (noun.i == noun.sent.start and names_concept(noun.lower_)):  # "Turnout was revised down to 47.4%"
        return False  # "Bajura 18": a place's count of something said before
    return not any(c.dep_ == "det" and c.lower_ in RATE_DETERMINERS and c.i > 0 and noun.doc[c.i - 1].like_num
                   for c in noun.children)  # "900 a day": the day divides, it is not counted


def _capital_by_position(noun: "Token") -> bool:
    """"Arrivals slowed to 250 a day": a plural word capitalised only because it opens the sentence.

    Plural only: a singular one is as often a place opening a list ("Bajura 18, Achham 12")."""
    return noun.i == noun.sent.start and not noun.ent_type_ and noun.tag_ == "NNPS" and noun.text[1:].islower() \
        and noun.lower_.endswith("s")


def is_people(noun: "Token") -> bool:
    """A demonym counts people: "12,000 Burundians", "28 million Malagasy" (a nationality entity)."""
    if noun.ent_type_ == "NORP" and noun.pos_ in NOUNS:
        return True  # "28 million Malagasy"
    return noun.lower_.rstrip("s") in NATIONALITIES or noun.lower_.endswith(("ians", "ans", "ese", "is")) \
        and noun.tag_ in {"NNPS", "NNS"}


def partitive(span: "Span") -> "Token | None":
    """"49 of the dead", "38 of the 61 health posts", "Of the dead, 29 were": the whole a part is taken from."""
    root = span.root
    whole = next((w for t in (*span, root.head if root.dep_ == "conj" else root)
                  for w in [of_object(t, nominal=True)] if w is not None), None)
    if whole is None:
        sentence = span.sent
        first = sentence[0] if len(sentence) else None
        if first is not None and first.lower_ == "of" and first.i < span.start:
            whole = next((t for t in first.subtree if t.dep_ == "pobj"), None)
    if whole is None:
        return None
    described = _described_those(whole)
    if described is not None and described.lower_ in PARTICIPLE_HEADS:
        return described  # "Of those evacuated, 140": a participle that says who
    if described is not None or whole.lower_ in REFERRING_PRONOUNS:
        # "nine of them", "287 of those released", "85.87% of those validly cast": a part of what was
        # counted before, through the inherited reading
        return None
    return whole if usable_head(whole) else None


# Words standing for a whole counted before: "nine of them", "most of those".
REFERRING_PRONOUNS = frozenset({"them", "those", "these", "us", "which", "whom"})


def _described_those(whole: "Token") -> "Token | None":
    """The participle of "those released" and "those validly cast", also where the tagger reads it as a
    singular noun under "those" (a plural determiner never stands before a singular noun); None otherwise."""
    if whole.lower_ in {"those", "these"}:
        return next((c for c in whole.children if c.dep_ in {"acl", "amod"} and c.tag_ == "VBN"), None)
    if whole.tag_ == "NN" and any(c.dep_ == "det" and c.lower_ in {"those", "these"} for c in whole.children):
        return whole
    return None


def implied_head(span: "Span", figure: str) -> str | None:
    """A head with no noun for it: "killed 38", "22 detained", "came second with 38.12%", "cost 9.8 million euros"."""
    doc, root = span.doc, span.root
    if figure == "money":
        return money_head(span)
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.lower_ in PARTICIPLE_HEADS:
        return after.lower_
    figure_token = next((t for t in span if t.like_num), root)
    for token in (figure_token, root):
        verb = token.head
        role = "nsubjpass" if token.dep_ == "nsubjpass" else token.dep_
        found = VERB_HEADS.get((verb.lemma_.lower(), role))
        if found:
            return found
    if figure == "percent":
        unit = figure_token.head if figure_token.head.lower_ in UNIT_NOUNS else figure_token
        done = unit.head if unit.dep_ in {"npadvmod", "advmod", "attr"} else None
        if done is not None and done.tag_ == "VBN" and done.lemma_.lower() in MONEY_VERB_HEADS:
            return MONEY_VERB_HEADS[done.lemma_.lower()]  # "is only 19 percent funded"
        before = {t.lower_ for t in doc[max(span.sent.start, span.start - 4):span.start]}
        if before & TURNOUT_WORDS:
            return "turnout"
        if {t.lower_ for t in span.sent} & VOTE_WORDS or _voters_choose(span):
            return VOTE_HEAD
        named = doc[span.start - 1] if span.start > span.sent.start else None
        if named is not None and named.ent_type_ == "PERSON":
            return VOTE_HEAD  # "gave Andrianasolo 51.36%": a candidate's share
        if _candidate_with(span):
            return VOTE_HEAD
    return None


def _candidate_with(span: "Span") -> bool:
    """"shows Rakotomalala ahead with 49.6%", "Smith won with 52%", "Lula took 48.4%": a person's share."""
    unit = _figure_token(span)
    unit = unit.head if unit.dep_ == "nummod" else unit
    prep = unit.head
    if unit.dep_ == "dobj" and unit.head.lemma_.lower() in VOTE_TAKING_VERBS:
        return any(c.ent_type_ == "PERSON" and c.dep_ == "nsubj" for c in unit.head.children)  # "Lula took 48.4%"
    if unit.dep_ != "pobj" or prep.lower_ != "with":
        return False
    return any(c.ent_type_ == "PERSON" and c.dep_ in {"nsubj", "dobj"} for c in prep.head.children)


def money_head(span: "Span") -> str | None:
    """What a sum is for, from the verb that spends, costs or asks for it ("appealed for $120m" -> appeal)."""
    purpose = _money_noun_before(span)
    if purpose is not None:
        return head_lemma(purpose)  # "a joint appeal for $160 million"
    figure = _figure_token(span)
    tokens = [figure, *figure.ancestors][:4]
    verb = next((i for i, t in enumerate(tokens) if t.pos_ == "VERB"), len(tokens))
    for token in tokens[:verb + 1]:  # up to the verb that moves the sum, not the verb beside it
        for candidate in (token, *[c for c in token.children if c.dep_ in {"acl", "relcl"}]):
            found = _money_verb_head(candidate) if candidate.pos_ == "VERB" else None
            if found:
                return found
    return None


def _money_noun_before(span: "Span") -> "Token | None":
    """The noun for a sum that a sum is "for" or "of": "an appeal for $160 million", "a fine of $5,000",
    whether the parse hangs the preposition on the noun or on the verb before it."""
    obj = span.root if span.root.dep_ == "pobj" else next((t for t in span if t.dep_ == "pobj"), None)
    if obj is None or obj.head.lower_ not in {"for", "of"}:
        return None
    prep, doc = obj.head, span.doc
    noun = prep.head if prep.head.pos_ == "NOUN" else (doc[prep.i - 1] if prep.i > span.sent.start else None)
    return noun if noun is not None and noun.pos_ == "NOUN" and noun.lemma_.lower() in MONEY_NOUNS else None


def _money_verb_head(verb: "Token") -> str | None:
    """The head a verb gives the sum it moves, its particle included ("set aside" -> budget)."""
    lemma = verb.lemma_.lower()
    phrasal = (MONEY_VERB_HEADS.get(f"{lemma} {c.lower_}") for c in verb.children if c.dep_ in {"prt", "advmod"})
    return next((found for found in phrasal if found), None) or MONEY_VERB_HEADS.get(lemma)


def _counted_noun(span: "Span") -> "Token | None":
    root = span.root
    if root.pos_ in {"DET", "ADJ", "ADV", "ADP"} and not root.like_num:
        root = _figure_token(span)  # "A further 150 instructors": the span's root is a bound word
    noun = root.head if root.dep_ in {"nummod", "quantmod", "compound", "amod", "nmod"} and root.head not in span else None
    if noun is None and root.pos_ in NOUNS:
        noun = root  # "hundreds of people" and "95 percent of voters" read as nouns themselves
    if noun is not None and noun.lemma_.lower() in UNIT_NOUNS | NUMBER_NOUNS:
        noun = of_object(noun)  # "95 percent of voters", "hundreds of people"
        if noun is not None and _described_those(noun) is not None:
            return None  # "85.87% of those validly cast": see partitive
    if noun is not None and noun.lemma_.lower() in NOT_COUNTED - UNIT_NOUNS \
            and not (noun.tag_ == "NNS" and noun.lemma_.lower() in QUALIFIERS):  # "22 civilians" counts civilians
        # "300 more instructors", "a total of 175 instructors": the noun comes later
        noun = next_noun(span) or (what_is_counted(noun) if noun.lemma_.lower() in COUNT_NOUNS else None)
    if noun is None:
        noun = level_subject(span) or owner_of(span) or next_noun(span)  # "turnout of 58.3%"
    return noun


def of_object(token: "Token", nominal: bool = False) -> "Token | None":
    """The object of "of" under `token`; with `nominal`, also "the dead", "the injured", "them"."""
    kinds = NOUNS | ({"ADJ", "VERB", "PRON"} if nominal else set())
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for grand in child.children:
                if grand.dep_ == "pobj" and grand.pos_ in kinds:
                    return grand
    return None


# Words that may stand between a figure and its noun without naming what is
# counted: "300 more instructors", "175 Russian military instructors".
NOT_COUNTED = QUALIFIERS | NATIONALITIES | UNIT_NOUNS | INCREMENT_WORDS | COUNT_NOUNS


def next_noun(span: "Span") -> "Token | None":
    """A noun shortly after the figure in its sentence, before any verb or punctuation."""
    doc = span.doc
    for token in doc[span.end: min(span.end + NOUN_WINDOW, span.sent.end)]:
        if token.is_space or (token.pos_ in {"VERB", "AUX", "PUNCT", "ADP", "SCONJ"} and token.lower_ != "-"):
            return None  # "with turnout of 58.3% despite an opposition boycott": a new phrase
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
        if verb.dep_ in {"relcl", "acl", "ccomp"} and not any(c.dep_ == "dobj" for c in verb.children) and verb.head.pos_ in NOUNS:
            return what_is_counted(verb.head)  # "a crowd the presidency put at 40,000"
    elif root.dep_ == "pobj" and root.head.lower_ == "at" and root.head.head.lemma_.lower() in LEVEL_STAND_VERBS:
        verb, roles = root.head.head, {"nsubj"}  # "unemployment stood at 6.9 percent"
    elif root.dep_ == "dobj" and root.head.lemma_.lower() in LEVEL_OBJECT_VERBS:
        verb, roles = root.head, {"nsubj"}  # "the number of displaced people reached 722,000"
    elif root.dep_ == "pobj" and root.head.lower_ == "to" or (
            root.dep_ == "pobj" and root.head.lower_ == "by"
            and root.head.head.lemma_.lower() in LEVEL_AFTER_TO_VERBS | INCREASE_VERBS | DECREASE_VERBS):
        verb, roles = root.head.head, {"nsubj", "nsubjpass", "dobj"}  # "grew to 48 million", "grew by 1.2 million"
        if verb.pos_ in {"ADV", "ADP"} and verb.dep_ in {"advmod", "prt", "prep"}:
            verb = verb.head  # "was revised down to 47.4%"
        if root.head.lower_ == "to":
            verb = _verb_reaching(verb)
    elif root.dep_ in {"attr", "acomp"} and root.head.lemma_ == "be":
        verb, roles = root.head, {"nsubj"}
    elif root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in COUNT_NOUNS:
        total = root.head.head  # "a total of 175": the total stands for what it totals
        return total.head if total.dep_ == "appos" and total.head.pos_ in NOUNS else None
    else:
        return None
    for role in ("dobj", "nsubjpass", "nsubj"):  # "the ministry raised the toll to 131": the object
        if role not in roles:
            continue
        subject = next((c for c in verb.children if c.dep_ == role), None)
        if subject is not None and subject.lower_ in {"which", "that"} and verb.dep_ == "relcl":
            subject = verb.head  # "the toll, which the ministry raised to 131"
        if subject is not None and subject.pos_ in NOUNS:
            return what_is_counted(subject)
    subject = _clause_subject(verb) if "nsubj" in roles else None
    return what_is_counted(subject) if subject is not None else None


# How many verbs up the parse the verb that brings a count "to" a level may stand from the clause
# the parse hangs "to" on: "bringing the number of detainees [it has moved [since the exchange
# began]] to 1,163" and "taking the tally [each party says [it has freed]] to 600" are two;
# three leaves room for one more clause, and a clause further out is another statement.
REACHING_VERB_STEPS = 3


def _verb_reaching(verb: "Token") -> "Token":
    """The verb whose "to" a figure is: `verb` itself, or, when the parse hangs "to" on a clause
    inside the counted noun's phrase, the level verb above it ("bringing the number ... to 1,163")."""
    if verb.lemma_.lower() in LEVEL_AFTER_TO_VERBS | INCREASE_VERBS | DECREASE_VERBS \
            or verb.dep_ not in {"advcl", "relcl", "acl", "ccomp"} or any(c.dep_ == "dobj" for c in verb.children):
        return verb  # "allows the governor to cut the minimum wage to $4.25": the wage is cut to it
    above = [t for t in verb.ancestors if t.pos_ == "VERB"][:REACHING_VERB_STEPS]
    return next((t for t in above if t.lemma_.lower() in LEVEL_AFTER_TO_VERBS), verb)


def _clause_subject(verb: "Token") -> "Token | None":
    """The subject of a participle clause without its own: "Participation differed, reaching 76.2
    percent" (the main clause's), "with participation reaching 58.3 percent" (the noun it qualifies)."""
    if verb.tag_ not in {"VBG", "VBN"}:
        return None
    if verb.dep_ == "acl" and verb.head.pos_ in NOUNS:
        return verb.head
    if verb.dep_ in {"advcl", "xcomp"}:
        return next((c for c in verb.head.children if c.dep_ in {"nsubj", "nsubjpass"} and c.pos_ in NOUNS), None)
    return None


def _level_at(root: "Token") -> bool:
    """"put turnout at 61 percent", "gave their number as 1,135": a level set by the verb's object."""
    return (root.dep_ == "pobj" and root.head.lower_ in LEVEL_AT_PREPOSITIONS
            and root.head.head.lemma_.lower() in LEVEL_AT_VERBS)


def what_is_counted(noun: "Token") -> "Token":
    """For a count noun ("number", "count", "total"), the noun it counts, if written."""
    if noun.lemma_.lower() not in COUNT_NOUNS or noun.lower_ == "toll":
        return noun  # a toll counts deaths whatever its modifier ("quake toll"): see head_lemma
    named = of_object(noun, nominal=True) or next((c for c in noun.children if c.dep_ == "compound" and c.pos_ in NOUNS), None)
    if named is not None and named.pos_ == "PRON":
        named = None
    return named or noun


def head_lemma(noun: "Token") -> str:
    """The counted noun's lemma, made specific by a modifier ("armed group") and folded to its synonym."""
    lemma = noun.lemma_.lower() if noun.pos_ in NOUNS else noun.lower_
    lemma = "person" if lemma == "people" else lemma
    if noun.pos_ == "PROPN" and _capital_by_position(noun):
        lemma = _singular(noun.lower_)  # "Arrivals slowed to 250 a day": a common noun opening the sentence
    elif noun.pos_ == "PROPN" and is_people(noun):
        return _singular(noun.text)  # "Burundians" -> "Burundian": a people keeps its capital
    modifiers = [child.lower_ for child in noun.children if child.dep_ in {"amod", "compound"}]
    lemma = next((QUALIFIED_HEADS[(m, lemma)] for m in modifiers if (m, lemma) in QUALIFIED_HEADS), lemma)
    if lemma == "toll":
        return TOLL_HEAD
    return HEAD_SYNONYMS.get(lemma, lemma)


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


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
    written = _change_written(span)
    if written is not None:
        return written
    root = span.root
    # the figure's phrase: the noun it counts when it has one ("reduced to 25 ministers from 32")
    phrase = root.head if root.dep_ == "nummod" and root.head.pos_ in NOUNS and root.head not in span else root
    if phrase.dep_ == "pobj" and phrase.head.lower_ in {"to", "from"} and _level_after_to(phrase.head):
        return "level"  # "grew to 235", "fell to 2.5 million from 2.6 million": levels before and after
    if _level_at(root):
        return "level"
    verb = governing_verb(root)
    if verb is None:
        return default
    lemma = verb.lemma_.lower()
    if lemma in LEVEL_CHANGE_VERBS and phrase.dep_ in {"nsubj", "nsubjpass"} and phrase.head == verb:
        return "level"  # "the 14.5 million euros budgeted will rise by 4 million": the level that changes
    if lemma in REMAINDER_VERBS and phrase.dep_ == "dobj" and phrase.head == verb:
        return "level"  # "leaving 210 in the country": what remains
    if lemma in INCREASE_VERBS:
        return "increase"
    if lemma in DECREASE_VERBS:
        return "decrease"
    if lemma == "total" or verb.lower_ == "totalling":
        return governing_kind(verb) or default
    return default


def _change_written(span: "Span") -> str | None:
    """A change the words name: "a 40% increase", "up 40% from a week earlier", "tripled", "halved"."""
    doc = span.doc
    if span.root.pos_ == "VERB" and not any(t.like_num for t in span):
        return MULTIPLIER_KINDS.get(span.root.lemma_.lower())  # "the numbers have tripled"
    figure = _figure_token(span)
    unit = figure.head if figure.dep_ == "nummod" and figure.head.lower_ in UNIT_NOUNS else figure
    noun = unit.head if unit.dep_ in {"nummod", "compound", "amod"} and unit.head.pos_ == "NOUN" else None
    if noun is not None and noun.i >= span.end and noun.lemma_.lower() in CHANGE_NOUNS:
        return CHANGE_NOUNS[noun.lemma_.lower()]  # "a 40% increase on its estimate"
    before = doc[span.start - 1] if span.start > span.sent.start else None
    after = doc[span.end] if span.end < len(doc) else None
    if before is not None and before.lower_ in {"up", "down"} and (after is None or after.lower_ != "to"):
        return "increase" if before.lower_ == "up" else "decrease"  # "up 40% from a week earlier"
    return None


def _level_after_to(to: "Token") -> bool:
    """"grew to 235", and "bringing the number registered since January to 36,600", where the
    parse hangs "to" on the participle that qualifies the number rather than on "bringing"."""
    for verb in [to.head, *to.head.ancestors][:3]:
        if verb.lemma_.lower() in LEVEL_AFTER_TO_VERBS:
            return True
        if verb.pos_ in {"VERB", "AUX"} and verb.dep_ not in {"acl", "relcl"}:
            return False
    return False


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


def headline_heads(claims: list[Claim], lead: int | None) -> list[Claim]:
    """Each headline figure (before `lead`, where the body's prose starts) with no head or a word for a
    count or a group ("enlarge training mission to 350") takes the head the body gives the same figure
    ("raising the contingent there to 350", read as instructors)."""
    if lead is None:
        return claims
    body = [c for c in claims if c.start >= lead and c.head and c.head not in REFERRING_HEADS]
    out = []
    for claim in claims:
        if claim.start < lead and claim.value is not None and (claim.head is None or claim.head in REFERRING_HEADS):
            same = next((c for c in body if c.value == claim.value and c.unit == claim.unit), None)
            if same is not None:
                claim = replace(claim, head=same.head)
        out.append(claim)
    return out


def resolve_heads(claims: list[Claim]) -> dict[str, str | None]:
    """Claim id -> the head it counts, generic heads replaced by a specific one nearby
    (after `concepts.counted_as` has named what a generic figure beside "killed" or "toll" counts,
    and each head read as `concepts.counted_head` reads it: "ballots" count votes)."""
    by_doc: dict[str, list[Claim]] = defaultdict(list)
    for claim in counted_as(claims):
        by_doc[claim.doc].append(claim)
    resolved: dict[str, str | None] = {}
    for doc_claims in by_doc.values():
        doc_claims.sort(key=lambda c: c.start)
        counted = {c.id: counted_head(c, doc_claims) for c in doc_claims}
        for claim in doc_claims:
            resolved[claim.id] = _specific_head(claim, doc_claims, counted)
    return resolved


def _specific_head(claim: Claim, doc_claims: list[Claim], counted: dict[str, str | None]) -> str | None:
    """The head the claim counts, or for a generic one that of the nearest specific head: same
    sentence first, then before it."""
    head = claim.head
    if head not in GENERIC_HEADS:
        return counted[claim.id]
    specific = [c for c in doc_claims if c.head and c.head not in GENERIC_HEADS and c.unit == claim.unit]
    same_sentence = [c for c in specific if c.sentence_start == claim.sentence_start]
    earlier = [c for c in specific if c.start < claim.start]
    if same_sentence:
        return counted[min(same_sentence, key=lambda c: abs(c.start - claim.start)).id]
    return counted[earlier[-1].id] if earlier else head
