"""Stage 3: who puts each figure forward, through which cue, how surely.

`attribute(doc, spans)` reads the already parsed spaCy `Doc` once (no extra
spaCy passes) and finds every attribution *frame*: a cue (a reporting verb
such as "said", "estimated", "denied", or a phrase such as "according to"),
the mention naming the source, and the content the source puts forward.
Each figure span is then looked up, in this order:

1. a reporting verb that governs the figure in the dependency tree;
2. "according to X" / "citing X" in the figure's sentence;
3. a parenthetical or sentence-level reporting verb ("..., the ministry said");
4. a region frame: a quotation whose cue sits in the sentence holding the
   quote, the sentence after it, or the sentence before it (so quotes running
   over several sentences or paragraphs, and a paragraph after "the ministry
   said:", keep their speaker); an interview answer ("Name: ..." up to the
   next label line, cue "interview answer");
5. a plan with no reporting verb, when the figure's verb has "will"/"plans
   to" and a source-like subject ("The government will send 500 troops").

A nominal cue with an owner ("Trump's claim that ...", "a Times report
that ...", "her plan would cap ...") is a frame like a verb (data:
`NOMINAL_CUES`).  A cue inside a quotation ("I say", "people say" within
the quote) yields to the speaker of the quotation.  Polls, studies and
records are sources as subjects of "show"/"put"/"find" or in "In the latest
CNN poll, ..." (`EVIDENCE_*`); stance verbs ("supports", "called for",
"ruled") are cues only with a subject that can speak (`STANCE_VERBS`).
Nested cues give the outermost speaker ("X said Y claimed 5": X), except
that a news outlet outside only relays ("Radio reported that Y said 5": Y,
relayed by the radio).  A passive cue with no agent names nobody.

Quotations are paired paragraph by paragraph (curly, straight, doubled
apostrophes); a quote with no cue of its own takes the speaker of the quote
before it (or the next one in its paragraph), or of a label right before it
("Jane Roe: “...”").

Anything else is unattributed: source None.  The journalist's own framing is
never attributed to the publisher (the `publisher` argument is accepted for
the pipeline's sake and not used to invent a source).

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

Relays.  A news outlet is `relayed_by` only when it is the object of "told"
or the agent of "quoted by" ("UN diplomatic sources told AFP");
"said in a statement to AFP" names a recipient and leaves relayed_by None.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Sequence

from .data import reporting_en as cues
from .data import sources_en as kinds
from .records import Attribution

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
# A cue with no subject of its own inherits one up these links: "said and
# added", "before saying", "went from saying that ... to ...".
SUBJECT_CHAIN = ("conj", "advcl", "xcomp", "pcomp", "prep")
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "i", "me"})
GROUP_PRONOUNS = frozenset({"they", "them", "it", "we", "us"})
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
RIGHT_DEPS = frozenset({"prep", "pobj", "compound", "flat", "nmod", "cc", "conj", "case", "poss"})
# A mention stretched to a name in apposition stays a noun phrase, not a clause.
MAX_MENTION_TOKENS = 16
LABEL_LINE = re.compile(r"^[ \t]*([A-Z][\w.'’\- ]{0,60}?)[ \t]*:[ \t]+(?=\S)", re.MULTILINE)
OPEN_QUOTES = ("“", "«", "``")
CLOSE_QUOTES = ("”", "»")
# What may stand before a speaker label on its line: "- Name:", "More from Name:"
LABEL_SEPARATOR = re.compile(r"\s[-–—]\s|\bfrom\s")
QUOTE_MARK = re.compile("|".join(re.escape(m) for m in (*OPEN_QUOTES, *CLOSE_QUOTES, *cues.TOGGLE_QUOTES)))


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


# ---------------------------------------------------------------- mentions

def _mention_tokens(head: "Token") -> tuple[int, int]:
    """Token range [start, end) of the noun phrase headed by `head`, trimmed at punctuation and clauses."""
    start = head.i
    subtree = {t.i for t in head.subtree}
    while start - 1 in subtree and not head.doc[start - 1].is_punct and head.doc[start - 1].dep_ not in ("relcl", "acl"):
        start -= 1
    end = head.i + 1
    for child in head.rights:
        if child.dep_ not in RIGHT_DEPS or child.i != end:
            break
        right = [t.i for t in child.subtree]
        if any(head.doc[i].is_punct or head.doc[i].pos_ == "VERB" for i in right) or len(right) > 7:
            break
        end = max(right) + 1
    while end - 1 > start and head.doc[end - 1].dep_ == "cc":
        end -= 1  # "Forbes and" when the second name was cut off
    return start, _with_named_apposition(head, start, end)


def _with_named_apposition(head: "Token", start: int, end: int) -> int:
    """"One pastor, Dana Whit of Marion, said": the mention runs on to the name in apposition."""
    if any(t.ent_type_ == "PERSON" for t in head.doc[start:end]):
        return end
    for child in head.rights:
        if child.dep_ == "appos" and child.ent_type_ == "PERSON":
            names = [t.i for t in child.subtree]
            if max(names) + 1 - start <= MAX_MENTION_TOKENS:
                return _mention_tokens(child)[1]
    return end


def _normalise(text: str) -> str:
    """Lower case, possessives and a leading determiner dropped, spaces collapsed."""
    text = re.sub(r"[’']s\b", "", text.lower())
    words = text.split()
    if words and words[0] in DETERMINERS:
        words = words[1:]
    return " ".join(words)


def _strip_determiner(text: str) -> str:
    words = text.split(" ", 1)
    return words[1] if len(words) == 2 and words[0].lower() in DETERMINERS else text


def _person_text(span: "Span") -> str | None:
    """The person's name in a mention: a PERSON entity, or bare proper names outside other entities."""
    persons = [e for e in span.ents if e.label_ == "PERSON"]
    if persons:
        return max((e.text for e in persons), key=len)
    names = [t for t in span if t.lower_ not in DETERMINERS]
    if names and all(t.pos_ == "PROPN" and not t.ent_type_ for t in names) and len(names) <= 3:
        if not any(t.lower_ in kinds.ORG_DESCRIPTIONS or t.lower_ in kinds.SEATS_OF_POWER for t in names):
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


def _kind_of(words: set[str], text: str) -> str | None:
    """Source kind from the words of all mentions of one source."""
    for kind in kinds.KIND_ORDER:
        table = kinds.KIND_WORDS[kind]
        if words & table or any(" " in w and w in text for w in table):
            return kind
    return None


# ---------------------------------------------------------------- memory

class Memory:
    """Document-level memory of named sources, most recent last."""

    def __init__(self, doc: "Doc") -> None:
        self.doc = doc
        self.clusters: list[Cluster] = []
        self.person_ents = [e for e in doc.ents if e.label_ == "PERSON"]

    def resolve(self, start: int, end: int) -> Cluster | None:
        """The cluster for the mention doc[start:end], creating one for a new name."""
        span = self.doc[start:end]
        head = span.root
        lower = head.lower_
        if len(span) == 1 and lower in PERSON_PRONOUNS | GROUP_PRONOUNS:
            return self._pronoun(lower, span.start_char)
        if lower in kinds.SEATS_OF_POWER and len(span) <= 2:
            found = self._latest(lambda c: not c.is_person and _kind_of(c.words, " ".join(c.mentions)) == "government")
            if found:
                return found
        has_name = any(t.pos_ == "PROPN" for t in span)
        if head.lemma_.lower() in kinds.PERSON_DESCRIPTIONS and not has_name and span[0].lower_ in DETERMINERS - {"a", "an"}:
            cluster = self._latest(_person_like) or self._person_before(span.start_char)
            if cluster is not None:
                cluster.titles.add(head.lemma_.lower())
            return cluster
        person = _person_text(span)
        if person:
            return self._person(person, span)
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
        if lower in PERSON_PRONOUNS:
            return self._latest(_person_like) or self._person_before(at)
        return self._latest(lambda c: not c.is_person)

    def _person_before(self, at: int) -> Cluster | None:
        before = [e for e in self.person_ents if e.end_char <= at]
        return self._person(before[-1].text, before[-1]) if before else None

    def _person(self, name: str, span: "Span") -> Cluster:
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
        words = set(_normalise(span.text).split()) - DETERMINERS
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


def _person_like(cluster: Cluster) -> bool:
    """A person, or a bare surname the tagger took for an organisation ("Bikantov said")."""
    if cluster.is_person:
        return True
    names = {_normalise(m) for m in cluster.mentions}
    return all(len(m.split()) == 1 for m in names) and all(m[:1].isupper() for m in cluster.mentions) \
        and _kind_of(set(names), " ".join(names)) is None


def canonical_source(name: str) -> str:
    """The canonical name of a source named as written (a publisher, say), through the alias table."""
    return kinds.ALIASES.get(_normalise(name), name)


def _canonical(cluster: Cluster | None) -> str | None:
    if cluster is None:
        return None
    for mention in cluster.mentions:
        alias = kinds.ALIASES.get(_normalise(mention))
        if alias:
            return alias
    if cluster.is_person and cluster.persons:
        return max(cluster.persons, key=len)
    return _strip_determiner(max(cluster.mentions, key=len)) if cluster.mentions else None


def _cluster_kind(cluster: Cluster | None) -> str | None:
    if cluster is None:
        return None
    words = set(cluster.words) | cluster.titles
    text = " ".join(cluster.mentions).lower()
    for mention in cluster.mentions:
        words |= set(_normalise(mention).split())
    return _kind_of(words, text) or "other"


# ---------------------------------------------------------------- cues

def _subject(verb: "Token") -> "Token | None":
    """The subject of a reporting verb, inherited through conj/advcl/xcomp chains."""
    token = verb
    for _ in range(4):
        for child in token.children:
            if child.dep_ in SUBJECT_DEPS:
                return child
        if token.dep_ in SUBJECT_CHAIN and token.head is not token:
            token = token.head
        else:
            return None
    return None


def _is_parenthetical(verb: "Token", subject: "Token | None") -> bool:
    """"..., the ministry added." or a quote before the cue."""
    first = subject.left_edge.i if subject is not None else verb.i
    if first == verb.sent.start:
        return False
    before = verb.doc[first - 1]
    if before.is_quote:
        # a closing quote follows the quote's last punctuation (',”'); an opening one starts the quote
        return before.text in CLOSE_QUOTES or (first - 2 >= verb.sent.start and verb.doc[first - 2].is_punct)
    return before.is_punct and before.text not in "([{"


def _verb_cue(verb: "Token") -> bool:
    lemma = verb.lemma_.lower()
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    if lemma in cues.EVIDENCE_VERBS and _is_evidence(_subject(verb)):
        return True
    if lemma in cues.STANCE_VERBS and _speaker_subject(_subject(verb)):
        return True
    if lemma not in cues.REPORTING_VERBS:
        return False
    if lemma in cues.NEEDS_CLAUSE:
        clause = lemma not in cues.QUOTE_ONLY and any(c.dep_ in ("ccomp", "xcomp") for c in verb.children)
        clause = clause or any(c.dep_ == "prt" and c.lower_ in cues.REPORTING_PARTICLES for c in verb.children)
        following = verb.doc[verb.i + 1:verb.i + 3]
        colon = bool(len(following)) and (following[0].text == ":" or _opens_quote(following[0])
                                          or (following[0].text == "," and _opens_quote(following[-1])))
        return clause or colon or _is_parenthetical(verb, _subject(verb))
    return True


def _opens_quote(token: "Token") -> bool:
    """An opening quote mark: a curly one, or a straight one after a space."""
    if token.text in OPEN_QUOTES:
        return True
    previous = token.doc[token.i - 1] if token.i > 0 else None
    return token.is_quote and token.text not in CLOSE_QUOTES and previous is not None and bool(previous.whitespace_)


def _closes_aside(verb: "Token") -> bool:
    """The cue ends its aside: a comma, a dash or the sentence's end follows it."""
    after = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    return after is None or after.is_sent_start or after.text in (",", ".", ";", "—", "–", "-")


def _is_evidence(token: "Token | None") -> bool:
    """A poll, survey, study, record or estimate: it "shows" or "puts" figures without a clause."""
    return token is not None and token.lemma_.lower() in cues.EVIDENCE_NOUNS


def _speaker_subject(token: "Token | None") -> bool:
    """A subject that can hold a position: a named person or body, a personal pronoun, a title."""
    if token is None or token.dep_ == "nsubjpass":
        return False
    if token.lower_ in ("who", "that") and token.head.dep_ == "relcl":
        token = token.head.head  # "Graham, who has called for ...": the noun the clause hangs on
    return token.lower_ in PERSON_PRONOUNS | {"they", "we"} or _source_like(token)


def _cue_modality(verb: "Token") -> str:
    lemma = verb.lemma_.lower()
    if lemma in cues.EVIDENCE_VERBS and _is_evidence(_subject(verb)):
        return cues.EVIDENCE_VERBS[lemma]
    if lemma in cues.REPORTING_VERBS:
        return cues.REPORTING_VERBS[lemma]
    return cues.STANCE_VERBS[lemma]


def _relay(verb: "Token", memory_kind) -> str | None:
    if verb.lemma_.lower() not in cues.RELAY_VERBS:
        return None
    for child in verb.children:
        target = child
        if child.dep_ == "agent":
            target = next((c for c in child.children if c.dep_ == "pobj"), None)
        elif child.dep_ not in ("dobj", "dative", "iobj"):
            continue
        if target is not None:
            start, end = _mention_tokens(target)
            text = verb.doc[start:end].text
            if memory_kind(text) == "media" and _normalise(text) not in cues.AUDIENCE_WORDS:
                return text
    return None


def _mention_kind(text: str) -> str | None:
    lower = _normalise(text)
    return _kind_of(set(lower.split()), lower)


def _frame_for(verb: "Token", memory: Memory) -> Frame:
    subject = _subject(verb)
    if subject is not None and subject.dep_ == "nsubjpass":
        # "the deficit is projected to ...": the passive subject is the content, the agent (if any) the source
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        subject = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        if subject is None:
            return Frame(cue=verb.text, modality=_cue_modality(verb), cue_token=verb.i)
    if subject is None:
        # "as reported by Western Journalism": a passive cue with only an agent
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        subject = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    if subject is not None and subject.lower_ in ("who", "that", "which") and verb.dep_ == "relcl":
        subject = verb.head
    frame = Frame(cue=verb.text, modality=_cue_modality(verb), cue_token=verb.i)
    if subject is not None and subject.pos_ not in ("VERB", "AUX"):
        start, end = _mention_tokens(subject)
        span = verb.doc[start:end]
        frame.mention = (span.start_char, span.end_char)
        frame.cluster = memory.resolve(start, end)
    frame.relayed_by = _relay(verb, _mention_kind)
    return frame


def _owner(noun: "Token") -> "Token | None":
    """Who owns a nominal cue: "Trump's claim", "a Times report", "an estimate by the CBO"."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "by":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    names = [c for c in noun.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
    return names[-1] if names else None


def _noun_frame(noun: "Token", memory: Memory) -> Frame | None:
    """A frame for a nominal cue with an owner, else None."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in cues.NOMINAL_CUES:
        return None
    owner = _owner(noun)
    if owner is None:
        return None
    start, end = _mention_tokens(owner)
    if owner.dep_ == "compound":
        start, end = min(c.i for c in noun.lefts if c.dep_ == "compound"), noun.i
    span = noun.doc[start:end]
    return Frame(cue=noun.text, modality=cues.NOMINAL_CUES[noun.lemma_.lower()], cue_token=noun.i,
                 mention=(span.start_char, span.end_char), cluster=memory.resolve(start, end))


def _evidence_frames(sent: "Span", memory: Memory) -> list[Frame]:
    """"In the latest Fox poll, ...", "... in a survey by Gallup": the poll is the source."""
    frames = []
    for token in sent:
        if token.dep_ == "pobj" and token.head.lower_ in cues.EVIDENCE_PREPOSITIONS and _is_evidence(token):
            start, end = _mention_tokens(token)
            span = sent.doc[start:end]
            frames.append(Frame(cue=token.head.text, modality="asserted", mention=(span.start_char, span.end_char),
                                cluster=memory.resolve(start, end)))
    return frames


def _phrase_frames(sent: "Span", memory: Memory) -> list[Frame]:
    """"according to X" and "citing X" frames of one sentence, then polls and studies named in a phrase."""
    frames = []
    words = [t.lower_ for t in sent]
    for phrase, modality in cues.PHRASE_CUES.items():
        for k in range(len(words) - len(phrase) + 1):
            if tuple(words[k:k + len(phrase)]) != phrase:
                continue
            last = sent[k + len(phrase) - 1]
            target = next((c for c in last.children if c.dep_ in ("pobj", "dobj")), None)
            if target is None and last.i + 1 < sent.end:
                target = last.doc[last.i + 1]
            cue = sent.doc[sent[k].i:last.i + 1]
            frame = Frame(cue=cue.text, modality=modality, cue_token=None)
            if target is not None and not target.is_punct:
                start, end = _mention_tokens(_behind_conduit(target))
                frame.mention = (sent.doc[start].idx, sent.doc[end - 1].idx + len(sent.doc[end - 1]))
                frame.cluster = memory.resolve(start, end)
            frames.append(frame)
    return frames + _evidence_frames(sent, memory)


def _behind_conduit(target: "Token") -> "Token":
    """"according to calculations by X", "interviews with X": X is the source, not the calculations."""
    if target.lemma_.lower() not in cues.CONDUIT_NOUNS:
        return target
    for prep in target.children:
        if prep.dep_ == "prep" and prep.lower_ in cues.CONDUIT_PREPOSITIONS:
            agent = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if agent is not None and _source_like(agent):
                return agent
    return target


# ---------------------------------------------------------------- document analysis

@dataclass
class Analysis:
    """All frames of one document, indexed for lookup."""

    verb_frames: dict[int, Frame] = field(default_factory=dict)     # cue token index -> frame
    phrase_frames: dict[int, list[Frame]] = field(default_factory=dict)  # sentence start -> frames
    regions: list[tuple[int, int, Frame]] = field(default_factory=list)  # char start, end, frame
    memory: Memory | None = None
    sents: list = field(default_factory=list)
    sent_index: dict[int, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Quote:
    """A quotation's char range; `open_ended` when it runs to the end of its paragraph unclosed."""

    start: int
    end: int
    open_ended: bool = False


def quotations(text: str) -> list[Quote]:
    """Quotations paragraph by paragraph, so one unpaired mark cannot shift every later pair.

    A quote left open at a paragraph's end stops there (`open_ended`): by
    print convention a quotation running over paragraphs reopens each one.
    """
    found: list[Quote] = []
    offset = 0
    for paragraph in text.split("\n"):
        found += _paragraph_quotes(paragraph, offset)
        offset += len(paragraph) + 1
    return found


def _paragraph_quotes(paragraph: str, offset: int) -> list[Quote]:
    found: list[Quote] = []
    opened: int | None = None
    for mark in QUOTE_MARK.finditer(paragraph):
        symbol, at = mark.group(), offset + mark.start()
        if symbol in OPEN_QUOTES or (symbol in cues.TOGGLE_QUOTES and opened is None):
            opened = at if opened is None else opened
        elif opened is not None:
            found.append(Quote(opened, offset + mark.end()))
            opened = None
        elif symbol in CLOSE_QUOTES and paragraph[:mark.start()].strip():
            # a closing mark with no opening: the quote began with the paragraph
            found.append(Quote(offset + len(paragraph) - len(paragraph.lstrip()), offset + mark.end()))
    if opened is not None and paragraph[opened - offset + 1:].strip():
        found.append(Quote(opened, offset + len(paragraph.rstrip()), open_ended=True))
    return found


def quote_regions(text: str) -> list[tuple[int, int]]:
    """Char ranges of quotations (curly, straight or doubled apostrophes), paragraph by paragraph."""
    return [(q.start, q.end) for q in quotations(text)]


def _sentence_frames(analysis: Analysis, sent: "Span") -> list[Frame]:
    found = [analysis.verb_frames[t.i] for t in sent if t.i in analysis.verb_frames]
    return found + analysis.phrase_frames.get(sent.start, [])


def _quote_frame(doc: "Doc", analysis: Analysis, start: int, end: int, previous: Frame | None) -> Frame | None:
    first = doc.char_span(start, start + 1, alignment_mode="expand")
    last = doc.char_span(max(end - 1, start), end, alignment_mode="expand")
    if first is None or last is None:
        return None
    sents = analysis.sents
    index = analysis.sent_index
    a, b = index[first.sent.start], index[last.sent.start]
    candidates = list(range(b, a - 1, -1))
    if b + 1 < len(sents):
        candidates.insert(1, b + 1)
    for n in candidates:
        # a quote's speaker is named outside it: a cue with no source, or one inside the quote, is not it
        frames = [f for f in _sentence_frames(analysis, sents[n]) if f.mention is not None and not start <= f.mention[0] < end]
        if frames:
            return frames[0]
    if a > 0 and first.sent.start_char >= start - 1:
        frames = _sentence_frames(analysis, sents[a - 1])
        if frames:
            return frames[-1]
    return previous


def _interview_regions(doc: "Doc", analysis: Analysis, memory: Memory) -> None:
    """Answers in a transcript; only when the text has a question label and a speaker label."""
    labels = [m for m in LABEL_LINE.finditer(doc.text) if _is_label(m.group(1))]
    if not any(m.group(1).strip().lower() in cues.QUESTION_LABELS for m in labels) or len(labels) < 2:
        return
    for n, match in enumerate(labels):
        name = match.group(1).strip()
        if name.lower() in cues.QUESTION_LABELS:
            continue
        end = labels[n + 1].start() if n + 1 < len(labels) else len(doc.text)
        span = doc.char_span(match.start(1), match.start(1) + len(name), alignment_mode="expand")
        if span is None:
            continue
        frame = Frame(cue=cues.INTERVIEW_CUE, modality="asserted", mention=(match.start(1), match.start(1) + len(name)))
        frame.cluster = memory._person(name, span) if len(name.split()) >= 2 else memory.resolve(span.start, span.end)
        analysis.regions.append((match.end(), end, frame))


def _is_label(label: str) -> bool:
    words = label.split()
    if label.lower().strip() in cues.QUESTION_LABELS:
        return True
    if not words or words[0].lower() in DETERMINERS:
        return False
    return len(words) <= 4 and all(w[:1].isupper() for w in words)


def analyse(doc: "Doc") -> Analysis:
    """Find every attribution frame of `doc` in one pass over its sentences."""
    memory = Memory(doc)
    analysis = Analysis(memory=memory, sents=list(doc.sents))
    analysis.sent_index = {s.start: n for n, s in enumerate(analysis.sents)}
    _interview_regions(doc, analysis, memory)
    for sent in analysis.sents:
        for token in sent:
            if _verb_cue(token):
                analysis.verb_frames[token.i] = _frame_for(token, memory)
            elif (noun := _noun_frame(token, memory)) is not None:
                analysis.verb_frames[token.i] = noun
        phrases = _phrase_frames(sent, memory)
        if phrases:
            analysis.phrase_frames[sent.start] = phrases
    _quote_frames(doc, analysis)
    _colon_paragraphs(doc, analysis)
    return analysis


def _label_frame(doc: "Doc", analysis: Analysis, quote: Quote) -> Frame | None:
    """A quote right after a name and a colon ("Jane Roe: “...”", "More from Roe: “...”")."""
    line_start = doc.text.rfind("\n", 0, quote.start) + 1
    before = doc.text[line_start:quote.start].rstrip()
    if not before.endswith(":"):
        return None
    label = LABEL_SEPARATOR.split(before[:-1])[-1]
    if not _is_label(label.strip()):
        return None
    begin = line_start + len(before) - 1 - len(label) + (len(label) - len(label.lstrip()))
    span = doc.char_span(begin, begin + len(label.strip()), alignment_mode="expand")
    if span is None or analysis.memory is None:
        return None
    return Frame(cue=":", modality="asserted", mention=(span.start_char, span.end_char),
                 cluster=analysis.memory.resolve(span.start, span.end))


def _quote_frames(doc: "Doc", analysis: Analysis) -> None:
    """Give every quotation its speaker; a quote with no cue of its own takes a neighbour's.

    The neighbour is the quote just before it (within `cues.QUOTE_CARRY_CHARS`,
    or any distance when that quote ran on to this paragraph), else the next
    quote of the same paragraph ("'...,' he said. '...'" keeps one speaker).
    """
    quotes = quotations(doc.text)
    own = [_quote_frame(doc, analysis, q.start, q.end, None) or _label_frame(doc, analysis, q) for q in quotes]
    previous: Frame | None = None
    for n, quote in enumerate(quotes):
        frame = own[n]
        if frame is None and n > 0:
            before = quotes[n - 1]
            continued = before.open_ended and "\n" in doc.text[before.end:quote.start] \
                and not doc.text[before.end:quote.start].strip()
            if continued or quote.start - before.end < cues.QUOTE_CARRY_CHARS:
                frame = previous
        if frame is None and n + 1 < len(quotes) and "\n" not in doc.text[quote.end:quotes[n + 1].start]:
            frame = own[n + 1]
        if frame is not None:
            analysis.regions.append((quote.start, quote.end, frame))
        previous = frame


def _colon_paragraphs(doc: "Doc", analysis: Analysis) -> None:
    """A paragraph after "the ministry said:" belongs to that frame."""
    for sent in doc.sents:
        text = sent.text.rstrip()
        if not text.endswith(":"):
            continue
        frames = [analysis.verb_frames[t.i] for t in sent if t.i in analysis.verb_frames]
        if not frames:
            continue
        start = sent.end_char
        newline = doc.text.find("\n", start + 1)
        while newline >= 0 and not doc.text[start:newline].strip():
            newline = doc.text.find("\n", newline + 1)
        analysis.regions.append((start, newline if newline >= 0 else len(doc.text), frames[-1]))


# ---------------------------------------------------------------- lookup

def _local_modality(token: "Token", stop: "Token | None") -> str | None:
    """Modality from modal auxiliaries or plan verbs between the figure and its cue."""
    node = token
    for _ in range(12):
        if stop is not None and node.i == stop.i:
            return None
        for child in node.children:
            if child.dep_ == "aux" and child.lower_ in cues.MODAL_AUX:
                return cues.MODAL_AUX[child.lower_]
        if node.lemma_.lower() in cues.PROJECTING_VERBS and node.pos_ == "VERB":
            return "projected"
        if node.head is node:
            return None
        node = node.head
    return None


def _in_mention(frame: Frame, start: int, end: int) -> bool:
    return frame.mention is not None and frame.mention[0] <= start < frame.mention[1]


def _governing_frame(root: "Token", analysis: Analysis, start: int, end: int) -> Frame | None:
    """The nearest cue above the figure that names a source, else the nearest cue with none.

    A cue with no source ("is projected to", an imperative "show me") lets
    an outer cue speak ("the office said the deficit is projected to ...").
    """
    node = root
    sourceless = None
    found: list[Frame] = []
    for _ in range(30):
        frame = analysis.verb_frames.get(node.i)
        if frame is not None and not _in_mention(frame, start, end):
            if frame.mention is not None:
                found.append(frame)
            sourceless = sourceless or frame
        if node.head is node:
            break
        if node.dep_ in ("conj", "parataxis") and node.head.i in analysis.verb_frames:
            break  # "Rubio said A, and he railed against B": B is not what was said
        node = node.head
    found += [f for f in _as_asides(node, analysis) if f not in found]
    return _nested(found, root.doc) if found else sourceless


def _as_asides(top: "Token", analysis: Analysis) -> list[Frame]:
    """Frames of "As X reported, ..." asides hanging from the sentence's main verb."""
    asides = []
    for child in top.children:
        frame = analysis.verb_frames.get(child.i)
        if frame is not None and frame.mention is not None and child.dep_ == "advcl" \
                and any(c.dep_ == "mark" and c.lower_ == "as" for c in child.children):
            asides.append(frame)
    return asides


def _counted_speakers(frame: Frame | None, doc: "Doc") -> bool:
    """"51 percent of respondents said": the speakers are a count, so a poll named nearby is the source."""
    if frame is None or frame.mention is None:
        return False
    span = doc.char_span(frame.mention[0], frame.mention[1], alignment_mode="expand")
    return span is not None and any(t.like_num for t in span)


def _poll_frame(root: "Token", analysis: Analysis, start: int, end: int) -> Frame | None:
    """"According to X" or a poll named in the figure's sentence."""
    phrases = [f for f in analysis.phrase_frames.get(root.sent.start, []) if not _in_mention(f, start, end)]
    return phrases[0] if phrases else None


def _nested(frames: list[Frame], doc: "Doc") -> Frame:
    """Of cues nested in one another, the outermost speaker answers for the figure.

    "Trump said Clinton claimed 5 million": Trump is the source (PolNeAR
    annotates the outermost too).  A news outlet on the outside only relays:
    "Turkish media reported that the president said ..." keeps the president,
    relayed by the outlet.
    """
    inner = frames[0]
    outer = next((f for f in reversed(frames[1:]) if doc[f.cue_token].pos_ in ("VERB", "AUX")), None)
    if outer is None:
        return inner
    if _cluster_kind(outer.cluster) == "media":
        text = doc.text[outer.mention[0]:outer.mention[1]]
        return Frame(cue=inner.cue, modality=inner.modality, cue_token=inner.cue_token, mention=inner.mention,
                     cluster=inner.cluster, relayed_by=inner.relayed_by or text)
    modality = outer.modality if outer.modality != "asserted" else inner.modality
    return Frame(cue=outer.cue, modality=modality, cue_token=outer.cue_token, mention=outer.mention,
                 cluster=outer.cluster, relayed_by=outer.relayed_by)


def _sentence_frame(root: "Token", analysis: Analysis, start: int, end: int) -> Frame | None:
    sent = root.sent
    phrases = [f for f in analysis.phrase_frames.get(sent.start, []) if not _in_mention(f, start, end)]
    according = [f for f in phrases if f.cue.lower().startswith("according")]
    if according:
        return according[0]
    for token in sent:
        frame = analysis.verb_frames.get(token.i)
        if frame is None or _in_mention(frame, start, end):
            continue
        if token.dep_ == "ROOT" or (token.head.dep_ == "ROOT" and token.dep_ in ("ccomp", "parataxis", "nsubj")):
            return frame
        if token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in token.children):
            return frame  # "As the senator explained, ..." speaks for the main clause
        if frame.mention is not None and _is_parenthetical(token, _subject(token)) and _closes_aside(token):
            return frame  # "It is an investment, they say, that ..."
    return phrases[0] if phrases else None


def _region_frame(analysis: Analysis, start: int, end: int) -> Frame | None:
    inside = [(e - s, f) for s, e, f in analysis.regions if s <= start and end <= e and not _in_mention(f, start, end)]
    return min(inside, key=lambda pair: pair[0])[1] if inside else None


def _outer_quote_frame(doc: "Doc", analysis: Analysis, frame: Frame | None, start: int, end: int) -> Frame | None:
    """A cue inside a quotation ("I say", "you say" within the quote) yields to the quote's speaker."""
    if frame is None or frame.cue_token is None:
        return frame
    cue_at = doc[frame.cue_token].idx
    for s, e, outer in analysis.regions:
        if s <= start and end <= e and s < cue_at < e and outer is not frame and outer.mention is not None \
                and not s <= outer.mention[0] < e:
            return outer
    return frame


def _plan_frame(root: "Token", memory: Memory) -> Frame | None:
    """"The government will send 500 troops": a source-like subject with will / plans to."""
    node = root
    for _ in range(8):
        if node.pos_ in ("VERB", "AUX"):
            will = next((c for c in node.children if c.dep_ == "aux" and cues.MODAL_AUX.get(c.lower_) == "projected"), None)
            subject = _subject(node)
            plan = node.head if node.dep_ == "xcomp" and node.head.lemma_.lower() in cues.PROJECTING_VERBS else None
            cue = will if will is not None else plan
            if cue is not None:
                subject = subject or (_subject(plan) if plan is not None else None)
                if subject is not None and _source_like(subject):
                    start, end = _mention_tokens(subject)
                    span = root.doc[start:end]
                    return Frame(cue=cue.text, modality="projected", mention=(span.start_char, span.end_char),
                                 cluster=memory.resolve(start, end))
            return None
        if node.head is node:
            return None
        node = node.head
    return None


def _source_like(token: "Token") -> bool:
    if token.ent_type_ in ("ORG", "GPE", "PERSON", "NORP") or token.pos_ == "PROPN":
        return True
    lower = token.lower_
    return lower in kinds.PERSON_DESCRIPTIONS or lower in kinds.ORG_DESCRIPTIONS or _mention_kind(lower) is not None


def _record(doc: "Doc", frame: Frame, modality: str) -> Attribution:
    if frame.mention is None:
        return Attribution(cue=frame.cue, modality=modality)
    start, end = frame.mention
    return Attribution(source=_canonical(frame.cluster), source_text=doc.text[start:end], source_start=start,
                       source_end=end, cue=frame.cue, modality=modality,
                       source_kind=_cluster_kind(frame.cluster), relayed_by=frame.relayed_by)


def _attribute_one(doc: "Doc", analysis: Analysis, memory: Memory, start: int, end: int) -> Attribution:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return Attribution()
    root = span.root
    governing = _governing_frame(root, analysis, start, end)
    if _counted_speakers(governing, doc):
        governing = _poll_frame(root, analysis, start, end) or governing
    if governing is not None and governing.mention is not None:
        frame = governing
    else:
        frame = _sentence_frame(root, analysis, start, end) or _region_frame(analysis, start, end) or governing
    frame = _outer_quote_frame(doc, analysis, frame, start, end)
    stop = doc[frame.cue_token] if frame is not None and frame.cue_token is not None else None
    local = _local_modality(root, stop)
    if frame is None:
        frame = _plan_frame(root, memory)
        if frame is None:
            return Attribution(modality=local or "asserted")
    modality = frame.modality if frame.modality != "asserted" or local is None else local
    return _record(doc, frame, modality)


def attribute(doc: "Doc", spans: Sequence[tuple[int, int]], *, publisher: str | None = None) -> list[Attribution]:
    """One Attribution per (start_char, end_char) span of a figure in doc.text, same order.

    `publisher` is accepted but never used as a source: a figure with no cue
    is unattributed (source None, source_kind None).
    """
    if not spans:
        return []
    analysis = analyse(doc)
    memory = analysis.memory or Memory(doc)
    return [_attribute_one(doc, analysis, memory, start, end) for start, end in spans]
