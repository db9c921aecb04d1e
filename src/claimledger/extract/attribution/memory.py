"""Attribution records and the memory that names sources.

A `Frame` is one attribution found in a document (cue, source mention,
modality); an `Analysis` holds all frames of one document; `Memory`
resolves each source mention to a `Cluster`, the entity it refers to.

Naming rule.  `source_text`/`source_start`/`source_end` locate the mention in
the frame itself ("the ministry", "he", "the diplomat").  `source` is the
canonical name of the entity the mention refers to: mentions are clustered
through the document (same surname for people; one mention's words a subset
of another's for organisations; pronouns and descriptions such as "the
diplomat" to the most recent compatible named source; "Moscow" as a speaker
to the most recent government source).  A cluster is named by the alias table
(`data/sources_en.py`) when one of its mentions is listed there, otherwise by
its longest mention (a person: the longest PERSON entity text).  A pronoun
with no antecedent gets source None (never guessed) but keeps its mention.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Sequence

from ...data import sources_en as kinds
from ...data.reporting_en import AUTHOR_PREPOSITIONS, EVIDENCE_NOUNS
from ...data.places_en import CAPITALS
from ...names import COUNTRY_OR_CAPITAL_WORDS, DETERMINERS, fold, name_key, source_alias

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "i", "me"})
GROUP_PRONOUNS = frozenset({"they", "them", "it", "we", "us"})
# A possessive's pronoun, as `Memory` resolves it ("its report": what "it" names).
POSSESSIVE_PRONOUNS = {"its": "it", "their": "they", "his": "he", "her": "she", "our": "we", "my": "i"}
# Relative pronouns and the like, never the author in "figures that show ...".
NOT_AUTHORS = frozenset({"that", "which", "who", "what", "it"})
# Pronouns that point back to someone named before, not to the speaker of a quote.
THIRD_PERSON = frozenset({"he", "she", "him", "her"})

RIGHT_DEPS = frozenset({"prep", "pobj", "compound", "flat", "nmod", "cc", "conj", "case", "poss"})
# A mention stretched to a name in apposition stays a noun phrase, not a clause.
MAX_MENTION_TOKENS = 16


@dataclass
class Cluster:
    """One source entity in the document and its mentions so far."""

    words: set[str]
    is_person: bool
    mentions: list[str] = field(default_factory=list)
    persons: list[str] = field(default_factory=list)
    titles: set[str] = field(default_factory=set)


@dataclass
class Frame:
    """An attribution: cue, source mention (char offsets), modality."""

    cue: str
    modality: str
    cue_token: int | None = None
    mention: tuple[int, int] | None = None
    cluster: Cluster | None = None
    relayed_by: str | None = None


@dataclass
class Analysis:
    """All frames of one document, indexed for lookup."""

    verb_frames: dict[int, Frame] = field(default_factory=dict)     # cue token index -> frame
    phrase_frames: dict[int, list[Frame]] = field(default_factory=dict)  # sentence start -> frames
    regions: list[tuple[int, int, Frame]] = field(default_factory=list)  # char start, end, frame
    quotes: list[tuple[int, int]] = field(default_factory=list)  # char ranges of quotations
    memory: Memory | None = None
    sents: list = field(default_factory=list)
    sent_starts: list[int] = field(default_factory=list)  # token starts of `sents`, for bisect
    text: str = ""  # doc.text, which spaCy rebuilds from every token on each access
    frames_by_sentence: dict[int, list[Frame]] = field(default_factory=dict)  # sentence index -> frames with a source

    def quote_at(self, at: int) -> tuple[int, int] | None:
        """The quotation holding char offset `at`, if any."""
        return next(((s, e) for s, e in self.quotes if s <= at < e), None)

    def sent_of(self, token_i: int) -> int:
        """Index in `sents` of the sentence holding token `token_i` (no walk over doc.sents)."""
        return bisect_right(self.sent_starts, token_i) - 1


# ---------------------------------------------------------------- mentions

def frame_over(doc: "Doc", start: int, end: int, memory: "Memory | None", cue: str, modality: str,
               cue_token: int | None = None) -> Frame:
    """A frame whose source mention is tokens [start, end) of `doc`, resolved in `memory`."""
    span = doc[start:end]
    return Frame(cue=cue, modality=modality, cue_token=cue_token, mention=(span.start_char, span.end_char),
                 cluster=memory.resolve(start, end) if memory is not None else None)


def mention_tokens(head: "Token") -> tuple[int, int]:
    """Token range [start, end) of the noun phrase headed by `head`, trimmed at punctuation and clauses."""
    start = head.i
    subtree = {t.i for t in head.subtree}
    while start - 1 in subtree and head.doc[start - 1].dep_ not in ("relcl", "acl") \
            and (not head.doc[start - 1].is_punct or _inside_word(head.doc[start - 1])):
        start -= 1
    end = head.i + 1
    for child in head.rights:
        if child.dep_ not in RIGHT_DEPS or child.i != end:
            break
        right = [t.i for t in child.subtree]
        if any(head.doc[i].is_punct or head.doc[i].pos_ == "VERB" for i in right) or len(right) > 7:
            break
        end = max(right) + 1
    while end - 1 > start and head.doc[end - 1].dep_ in ("cc", "case"):
        end -= 1  # "Forbes and" when the second name was cut off; "the IMF's" estimate names the IMF
    return start, _with_named_apposition(head, start, end)


def _inside_word(token: "Token") -> bool:
    """A hyphen with no space on either side: "Seventy-two", "Associated Press-GfK"."""
    return token.text == "-" and not token.whitespace_ and token.i > 0 and not token.doc[token.i - 1].whitespace_


def _with_named_apposition(head: "Token", start: int, end: int) -> int:
    """"One pastor, Dana Whit of Marion, said": the mention runs on to the name in apposition."""
    if any(t.ent_type_ == "PERSON" for t in head.doc[start:end]):
        return end
    for child in head.rights:
        if child.dep_ == "appos" and child.ent_type_ == "PERSON":
            names = [t.i for t in child.subtree]
            if max(names) + 1 - start <= MAX_MENTION_TOKENS:
                return mention_tokens(child)[1]
    return end



def _strip_determiner(text: str) -> str:
    words = text.split(" ", 1)
    return words[1] if len(words) == 2 and words[0].lower() in DETERMINERS else text


def _ents_within(ents: Sequence["Span"], starts: list[int], span: "Span") -> list["Span"]:
    """`span.ents` without walking `doc.ents` again: `starts` are the entities' token starts.

    Same rule as spaCy's: the entities from the first one starting inside the
    span, up to (not including) the first that runs past its end.
    """
    found = []
    for ent in ents[bisect_left(starts, span.start):]:
        if ent.end > span.end:
            break
        found.append(ent)
    return found


def _person_text(span: "Span", ents: list["Span"]) -> str | None:
    """The person's name in a mention: a PERSON entity, or bare proper names outside other entities."""
    persons = [e for e in ents if e.label_ == "PERSON"]
    if persons:
        return max((e.text for e in persons), key=len)
    names = [t for t in span if t.lower_ not in DETERMINERS]
    if names and all(t.pos_ == "PROPN" and not t.ent_type_ for t in names) and len(names) <= 3:
        if not any(t.lower_ in kinds.ORG_DESCRIPTIONS or (t.lower_ in kinds.SEATS_OF_POWER or t.lower_ in CAPITALS) for t in names):
            return " ".join(t.text for t in names)
    return None


def _titles_before(ent: "Span") -> set[str]:
    """Lower-case words of the title written just before a person's name."""
    words: set[str] = set()
    i = ent.start - 1
    while i >= ent.sent.start and ent.start - i <= 12:
        token = ent.doc[i]
        if token.is_punct or token.pos_ in ("VERB", "AUX", "PRON"):
            break
        words.add(token.lower_)
        i -= 1
    if ent.root.dep_ == "appos":
        words |= {t.lower_ for t in ent.root.head.subtree if t.i < ent.start}
    return words


def source_like(token: "Token") -> bool:
    """A word that can name a source: a named person, body or place, or a description of one
    ("the spokesman", "the ministry")."""
    if token.ent_type_ in ("ORG", "GPE", "PERSON", "NORP") or token.pos_ == "PROPN":
        return True
    lower = token.lower_
    return lower in kinds.PERSON_DESCRIPTIONS or lower in kinds.ORG_DESCRIPTIONS or mention_kind(lower) is not None


def kind_of(words: set[str], text: str) -> str | None:
    """Source kind from the words of all mentions of one source; a country or a capital speaking is
    its government ("Russia said", "Moscow said")."""
    for kind in kinds.KIND_ORDER:
        table = kinds.KIND_WORDS[kind]
        if words & table or any(" " in w and w in text for w in table):
            return kind
        if kind == "government" and (words & COUNTRY_OR_CAPITAL_WORDS or fold(text) in COUNTRY_OR_CAPITAL_WORDS):
            return kind
    return None


def mention_kind(text: str) -> str | None:
    """Source kind of one mention as written ("AFP": media), None when its words say nothing."""
    lower = name_key(text)
    return kind_of(set(lower.split()), lower)


# ---------------------------------------------------------------- memory

class Memory:
    """Document-level memory of named sources, most recent last."""

    def __init__(self, doc: "Doc") -> None:
        self.doc = doc
        self.clusters: list[Cluster] = []
        # doc.ents and doc.text are rebuilt by spaCy on each access: read them once
        self.ents = list(doc.ents)
        self.ent_starts = [e.start for e in self.ents]
        self.person_ents = [e for e in self.ents if e.label_ == "PERSON"]
        self.sent_starts: list[int] | None = None  # token index of each sentence's start, read when needed
        self.authors: dict[str, Cluster] = {}  # evidence noun lemma ("report") -> who wrote the last one named

    def resolve(self, start: int, end: int) -> Cluster | None:
        """The cluster for the mention doc[start:end], creating one for a new name.

        A report, study or count speaks for whoever wrote it: "its final report", "a report by the
        panel" and then "the report" resolve to the author, when the text names one."""
        head = self.doc[start:end].root
        author = self._author(head, start)
        return author if author is not None else self._resolve_name(start, end)

    def _author(self, head: "Token", start: int) -> Cluster | None:
        lemma = head.lemma_.lower()
        if lemma not in EVIDENCE_NOUNS or head.pos_ != "NOUN":
            return None
        owner = _evidence_owner(head)
        if owner is not None:
            if owner.lower_ in POSSESSIVE_PRONOUNS:
                author = self._pronoun(POSSESSIVE_PRONOUNS[owner.lower_], owner.idx)
            else:
                a, b = mention_tokens(owner)
                author = self._resolve_name(a, b)
            if author is not None:
                self.authors[lemma] = author
            return author
        if self.doc[start].lower_ == "the" and not any(t.pos_ == "PROPN" for t in self.doc[start:head.i]):
            return self.authors.get(lemma)
        return None

    def _resolve_name(self, start: int, end: int) -> Cluster | None:
        """The cluster for the mention doc[start:end], creating one for a new name."""
        span = self.doc[start:end]
        head = span.root
        lower = head.lower_
        if len(span) == 1 and lower in PERSON_PRONOUNS | GROUP_PRONOUNS:
            return self._pronoun(lower, span.start_char)
        if len(span) == 1 and lower in POSSESSIVE_PRONOUNS:  # "its" as a source: what "it" names
            return self._pronoun(POSSESSIVE_PRONOUNS[lower], span.start_char)
        if (lower in kinds.SEATS_OF_POWER or lower in CAPITALS) and len(span) <= 2:
            found = self._latest(lambda c: not c.is_person and kind_of(c.words, " ".join(c.mentions)) == "government")
            if found:
                return found
        has_name = any(t.pos_ == "PROPN" for t in span)
        if span[0].lower_ in POSSESSIVE_PRONOUNS and not has_name and len(span) > 1 and _describes_a_source(head):
            # "its spokesman", "her office", "their researchers": the body or person they belong to
            owner = self._pronoun(POSSESSIVE_PRONOUNS[span[0].lower_], span.start_char)
            if owner is not None:
                return owner
        if head.lemma_.lower() in kinds.PERSON_DESCRIPTIONS and not has_name and span[0].lower_ in DETERMINERS - {"a", "an"}:
            cluster = self._latest(_person_like) or self._person_before(span.start_char)
            if cluster is not None:
                cluster.titles.add(head.lemma_.lower())
            return cluster
        person = _person_text(span, _ents_within(self.ents, self.ent_starts, span))
        if person:
            return self.person(person, span)
        return self._organisation(span)

    def _latest(self, test) -> Cluster | None:
        for cluster in reversed(self.clusters):
            if test(cluster):
                return cluster
        return None

    def _touch(self, cluster: Cluster) -> Cluster:
        self.clusters.remove(cluster)
        self.clusters.append(cluster)
        return cluster

    def _pronoun(self, lower: str, at: int) -> Cluster | None:
        if lower in THIRD_PERSON:
            near = self._subject_before(at)
            if near is not None:
                return self.person(near.text, near)
        if lower in PERSON_PRONOUNS:
            return self._latest(_person_like) or self._person_before(at)
        return self._latest(lambda c: not c.is_person)

    def _subject_before(self, at: int) -> "Span | None":
        """The last named person before `at` who is a subject, in the pronoun's sentence or the one before.

        "McCaskill scolded him: “...,” she said": she is McCaskill even when
        an earlier speaker is the last source on record.
        """
        token = self.doc.char_span(at, at + 1, alignment_mode="expand")
        if token is None:
            return None
        if self.sent_starts is None:
            self.sent_starts = [sent.start for sent in self.doc.sents]
        n = bisect_right(self.sent_starts, token.start) - 1
        floor = self.sent_starts[max(n - 1, 0)]
        cue = token[0].head
        for ent in reversed(self.person_ents):
            if ent.start < floor:
                return None
            if ent.end_char <= at and ent.root.dep_ in ("nsubj", "nsubjpass") and not _said_by(ent, cue):
                return ent
        return None

    def titled(self, title: str) -> Cluster | None:
        """The first person named with `title` ("ambassador") anywhere in the document, for a headline
        that names them by title before the text names them ("Ambassador: ...")."""
        for ent in self.person_ents:
            near = {t.lower_ for t in self.doc[max(ent.sent.start, ent.start - 8):ent.start]}
            if title in _titles_before(ent) or title in near:  # "Russia's ambassador to X, Alexander Bikantov"
                cluster = self.person(ent.text, ent)
                cluster.titles.add(title)
                return cluster
        return None

    def _person_before(self, at: int) -> Cluster | None:
        before = [e for e in self.person_ents if e.end_char <= at]
        return self.person(before[-1].text, before[-1]) if before else None

    def person(self, name: str, span: "Span") -> Cluster:
        """The cluster of the person `name` (mentioned as `span`): same surname, else a new one."""
        surname = name.split()[-1].lower()
        cluster = self._latest(lambda c: c.is_person and surname in c.words)
        if cluster is None:
            cluster = Cluster(words={surname}, is_person=True)
            for ent in self.person_ents:
                if ent.text.split()[-1].lower() == surname:
                    cluster.persons.append(ent.text)
                    cluster.titles |= _titles_before(ent)
            self.clusters.append(cluster)
        cluster.persons.append(name)
        cluster.mentions.append(span.text)
        cluster.titles |= {t.lower_ for t in span}
        return self._touch(cluster)

    def _organisation(self, span: "Span") -> Cluster:
        words = set(name_key(span.text).split()) - DETERMINERS
        head = span.root.lower_

        def compatible(c: Cluster) -> bool:
            return not c.is_person and head in c.words and (words <= c.words or c.words <= words)
        cluster = self._latest(compatible)
        if cluster is None:
            cluster = Cluster(words=set(), is_person=False)
            self.clusters.append(cluster)
        cluster.words |= words
        cluster.mentions.append(span.text)
        return self._touch(cluster)


def _describes_a_source(head: "Token") -> bool:
    """A common noun that describes a person or body that can speak ("spokesman", "office")."""
    lower, lemma = head.lower_, head.lemma_.lower()
    return any(w in kinds.PERSON_DESCRIPTIONS or w in kinds.ORG_DESCRIPTIONS for w in (lower, lemma))


def _said_by(ent: "Span", cue: "Token") -> bool:
    """`ent` is the subject of a clause that the pronoun's own verb governs: what is said, not who
    says it ("Bajhang accounted for 49 of the dead, he said": "he" is not Bajhang).  Not when a
    quotation opens after `ent`: "Holt questioned him: “...,” she said" is Holt introducing her
    own words, however the parser hangs "questioned" on "said"."""
    if ent.root.head.i == cue.i or not any(a.i == cue.i for a in ent.root.ancestors):
        return False
    return not any(t.is_quote for t in ent.doc[ent.end:cue.i])


def _evidence_owner(head: "Token") -> "Token | None":
    """Who a report, count or set of figures belongs to: its owner ("its report", "the ministry's
    count"), its author after "by"/"from" ("a study by Yale") or after a participle's "by" ("results
    published on Monday by the commission"), or the subject of a clause on it ("figures the
    district offices gave")."""
    owner = next((c for c in head.children if c.dep_ == "poss" and c.i < head.i), None)
    if owner is not None:
        return owner
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in AUTHOR_PREPOSITIONS:
            return next((g for g in child.children if g.dep_ == "pobj"), None)
        if child.dep_ == "acl" and child.i > head.i:  # "results published on Monday by the commission"
            agent = next((g for g in child.children if g.dep_ == "agent"), None)
            author = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
            if author is not None:
                return author
        if child.dep_ == "relcl" and child.i > head.i:
            subject = next((g for g in child.children if g.dep_ == "nsubj"), None)
            if subject is not None and subject.i > head.i and subject.lower_ not in NOT_AUTHORS:
                return subject
    return None


def _person_like(cluster: Cluster) -> bool:
    """A person, or a bare surname the tagger took for an organisation ("Bikantov said")."""
    if cluster.is_person:
        return True
    names = {name_key(m) for m in cluster.mentions}
    return all(len(m.split()) == 1 for m in names) and all(m[:1].isupper() for m in cluster.mentions) \
        and kind_of(set(names), " ".join(names)) is None




def cluster_name(cluster: Cluster | None) -> str | None:
    """Canonical name of a source: its alias, else the longest person name or mention."""
    if cluster is None:
        return None
    for mention in cluster.mentions:
        alias = source_alias(mention)
        if alias:
            return alias
    if cluster.is_person and cluster.persons:
        return max(cluster.persons, key=len)
    return _strip_determiner(max(cluster.mentions, key=len)) if cluster.mentions else None


def cluster_kind(cluster: Cluster | None) -> str | None:
    """Source kind from all mentions and titles of a cluster ("other" when none fits)."""
    if cluster is None:
        return None
    words = set(cluster.words) | cluster.titles
    text = " ".join(cluster.mentions).lower()
    for mention in cluster.mentions:
        words |= set(name_key(mention).split())
    return kind_of(words, text) or "other"
