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
A valuation verb with a speaking subject and a number after at/as/with is a
cue ("Forbes puts his fortune at $45 billion": `VALUATION_VERBS`), and a
reporting verb the tagger read as a plural noun ("The campaign projects
that ...") still speaks.

Anything else is unattributed: source None.  The journalist's own framing is
never attributed to the publisher (the `publisher` argument is accepted for
the pipeline's sake and not used to invent a source).

Relays.  A news outlet is `relayed_by` only when it is the object of "told"
or the agent of "quoted by" ("UN diplomatic sources told AFP");
"said in a statement to AFP" names a recipient and leaves relayed_by None.

The trained ranker.  The order above is the rules' answer; `rule_trace` keeps
what each rule proposes, and `ranker` weighs those frames, the frames of the
sentences around the figure, the subjects of the verbs above it and the
writer's own voice with weights learnt on PolNeAR train
(`bench/train_attribution.py`, `data/attribution_model_en.json`).  The rules
stay as the ranker's strongest features and decide alone when the weights
are absent or `use_model=False`.

Continuation.  A figure left with no source and no cue that goes on with
the account of the sourced figure before it, in its paragraph or the one
before ("..., the commission said.  Fidy Ramanantsoa took 6.87%"), takes that
source (`continuation`), after the ranker: PolNeAR leaves such sentences
unannotated, so no weight can learn it.

Modules.  This one holds the cues and the lookup; `quotations` pairs quote
marks and reads speaker labels (interview answers, "Name: “...”"); `memory`
holds the records (Frame, Cluster, Analysis) and the document memory that
resolves a mention to its named source; `ranker` the candidates, their
features and the trained choice; `continuation` the figures that go on with an account.
"""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Sequence

from ...data import reporting_en as cues
from ...data import sources_en as kinds
from ...names import name_key
from .memory import (PERSON_PRONOUNS, Analysis, Frame, Memory, cluster_kind,
                     cluster_name, frame_over, mention_kind, mention_tokens, source_like)
from .quotations import (CLOSE_QUOTES, OPEN_QUOTES, colon_paragraphs, headline_regions, interview_regions,
                         quotations, quote_frames, quote_regions)
from .continuation import carried
from .ranker import RankerModel, RuleTrace, candidates, choose, kept_by_rules, load_ranker, resolved
from ...records import Attribution

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Names other modules import from here (the pipeline, assemble, tests).
__all__ = ["attribute", "analyse", "quotations", "quote_regions"]

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
PLACE_ENTITIES = frozenset({"GPE", "LOC", "FAC"})
# A cue with no subject of its own inherits one up these links: "said and
# added", "before saying", "went from saying that ... to ...".
SUBJECT_CHAIN = ("conj", "advcl", "xcomp", "pcomp", "prep")


# ---------------------------------------------------------------- cues

def _subject(verb: "Token") -> "Token | None":
    """The subject of a reporting verb, inherited through conj/advcl/xcomp chains.

    Of two subjects the parser hangs on one verb ("The four loopholes ... are
    “...,” The Hill reported"), the one nearer the verb is its own.
    """
    if verb.dep_ == "acl" and _is_evidence(verb.head) and not any(c.dep_ in SUBJECT_DEPS for c in verb.children) \
            and (verb.tag_ == "VBG" or any(c.dep_ == "ccomp" for c in verb.children)):
        return verb.head  # "a new poll showing his support down to 14 percent", "a poll found last week that"
    token = verb
    lead = _participle_lead(verb)
    if lead is not None:
        token = lead
    for _ in range(4):
        subjects = [child for child in token.children if child.dep_ in SUBJECT_DEPS]
        if subjects:
            return min(subjects, key=lambda child: abs(child.i - token.i))
        if token.dep_ in SUBJECT_CHAIN and token.head.i != token.i:
            token = token.head
        else:
            return _name_after_quote(verb)
    return None


def _name_after_quote(verb: "Token") -> "Token | None":
    """"“...,” Bozell answers.": the name between a closing quote and the cue, when the parser
    made it a compound rather than the subject."""
    return verb.doc[verb.i - 1] if _names_after_quote(verb) is not None else None


def _names_start(token: "Token") -> int:
    """Where the run of proper-name compounds right before `token` begins (`token.i` when none)."""
    doc, start = token.doc, token.i
    while start - 1 >= token.sent.start and doc[start - 1].dep_ == "compound" and doc[start - 1].pos_ == "PROPN":
        start -= 1
    return start


def _names_after_quote(token: "Token") -> int | None:
    """The start of the proper names between a closing quote and `token` ("“...,” Bozell answers"), else None."""
    start = _names_start(token)
    if start == token.i or start == token.sent.start:
        return None
    before = token.doc[start - 1]
    return start if before.is_quote and before.text not in OPEN_QUOTES else None


def _participle_lead(verb: "Token") -> "Token | None":
    """"Sanders said, going on to say that ...": a subjectless cue in a participle clause right after
    "X said," speaks for X, however the parser hung the participle (often on a later verb)."""
    doc, token = verb.doc, verb
    for _ in range(3):
        if any(c.dep_ in SUBJECT_DEPS for c in token.children):
            return None
        if token.tag_ == "VBG" and token.i - 2 >= token.sent.start and doc[token.i - 1].text == ",":
            before = doc[token.i - 2]
            if before.pos_ == "VERB" and before.tag_ in ("VBD", "VBZ", "VBP") \
                    and any(c.dep_ in ("nsubj",) for c in before.children):
                return before
            return None
        if token.dep_ != "xcomp" or token.head.i == token.i:
            return None
        token = token.head
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


def _cue_lemma(verb: "Token") -> str:
    """The verb's lemma, mended where the lemmatizer is known to slip ("hoping" -> "hop")."""
    return cues.LEMMA_FIXES.get(verb.lower_, verb.lemma_.lower())


# Lemmas some cue test below can accept: any other verb is passed over at once (most verbs are none).
_CUE_LEMMAS = frozenset(cues.REPORTING_VERBS) | frozenset(cues.STANCE_VERBS) | frozenset(cues.EVIDENCE_VERBS) \
    | frozenset(cues.VALUATION_VERBS) | frozenset(cues.CLASSING_VERBS) | cues.EXPECTING_VERBS | cues.LIGHT_VERBS \
    | cues.COUNTING_VERBS


def _verb_cue(verb: "Token") -> bool:
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    lemma = _cue_lemma(verb)
    if lemma not in _CUE_LEMMAS and verb.lemma_.lower() not in _CUE_LEMMAS or _supposes(verb):
        return False
    if (_values_a_figure(verb) or _classes_a_figure(verb) or _expects_a_figure(verb) or _counts_a_figure(verb)
            or _speech_object(verb) is not None) and _speaker_subject(_subject(verb)):
        return True
    if lemma in cues.EVIDENCE_VERBS and (_is_evidence(subject := _subject(verb)) or _is_material(subject)):
        return True
    if lemma in cues.STANCE_VERBS and _speaker_subject(_subject(verb)):
        return True
    if lemma not in cues.REPORTING_VERBS or _other_sense(verb, lemma):
        return False
    if lemma in cues.NEEDS_CLAUSE:
        clause = lemma not in cues.QUOTE_ONLY and any(c.dep_ in ("ccomp", "xcomp") for c in verb.children)
        clause = clause or any(c.dep_ == "prt" and c.lower_ in cues.REPORTING_PARTICLES for c in verb.children)
        following = verb.doc[verb.i + 1:verb.i + 3]
        colon = bool(len(following)) and (following[0].text == ":" or _opens_quote(following[0])
                                          or (following[0].text == "," and _opens_quote(following[-1])))
        aside = any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children) and _closes_aside(verb)
        prepositions = cues.CUE_PREPOSITIONS.get(lemma, frozenset())
        cited = any(c.dep_ == "prep" and c.lower_ in prepositions for c in verb.children)
        return clause or colon or aside or cited or _is_parenthetical(verb, _subject(verb))
    return True


def _other_sense(verb: "Token", lemma: str) -> bool:
    """"Trump claimed a loss of $916 million": an object that gives the verb a sense other than speech."""
    objects = cues.NOT_SPEECH_OBJECTS.get(lemma)
    return objects is not None and any(c.dep_ == "dobj" and c.lemma_.lower() in objects for c in verb.children)


def _supposes(verb: "Token") -> bool:
    """"Let's say you ...": a supposition the writer sets up, not a statement."""
    return verb.head.lower_ == "let" and any(c.dep_ == "nsubj" and c.lower_ in ("'s", "’s", "us") for c in verb.children)


def _values_a_figure(verb: "Token") -> bool:
    """"Forbes put his fortune at $45 billion", "the agency lists it as 21,090": a valuation verb and a number."""
    if _cue_lemma(verb) not in cues.VALUATION_VERBS:
        return False
    return any(c.dep_ == "prep" and c.lower_ in cues.VALUATION_PREPOSITIONS and any(t.like_num for t in c.subtree)
               for c in verb.children)


def _expects_a_figure(verb: "Token") -> bool:
    """"Officials are expecting a turnout of more than 4 million": a verb of expecting, a number in its object."""
    return _cue_lemma(verb) in cues.EXPECTING_VERBS and \
        any(c.dep_ == "dobj" and any(t.like_num for t in c.subtree) for c in verb.children)


def _counts_a_figure(verb: "Token") -> bool:
    """"The city police counted 8,000", "her office has registered 18,600 people": a counting verb
    with a number in its object."""
    if _cue_lemma(verb) not in cues.COUNTING_VERBS:
        return False
    subject = _subject(verb)
    if subject is not None and subject.ent_type_ in PLACE_ENTITIES:
        return False  # "Bajhang has recorded 71 deaths": a place where they were counted, not a counter
    return any(c.dep_ == "dobj" and any(t.like_num for t in c.subtree) for c in verb.children)


def _speech_object(verb: "Token") -> "Token | None":
    """"Sanders made the following comment:", "issued a statement": the speech noun a light verb takes."""
    if verb.lemma_.lower() not in cues.LIGHT_VERBS:
        return None
    if verb.lemma_.lower() == "make":  # "made it clear he had misgivings", "made clear that ..."
        clear = next((c for c in verb.children if c.lower_ == "clear" and c.dep_ in ("ccomp", "oprd", "acomp", "advmod", "dobj")), None)
        if clear is not None:
            return clear
    return next((c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in cues.SPEECH_NOUNS
                 and c.tag_ != "NNS" and not any(n.dep_ == "nummod" for n in c.children)), None)


def _classes_a_figure(verb: "Token") -> bool:
    """"PolitiFact rated 32% of the claims as false": a classing verb, a number in its object, an "as"."""
    if _cue_lemma(verb) not in cues.CLASSING_VERBS:
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj" and any(t.like_num for t in c.subtree)]
    return bool(objects) and any(c.dep_ == "prep" and c.lower_ == "as"
                                 for c in [*verb.children, *(t for o in objects for t in o.subtree)])


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


def _is_material(token: "Token | None") -> bool:
    """An ad or a video: as a subject it "cites" or "features" figures like a study."""
    return token is not None and token.lemma_.lower() in cues.MATERIAL_NOUNS


def _speaker_subject(token: "Token | None") -> bool:
    """A subject that can hold a position: a named person or body, a personal pronoun, a title."""
    if token is None or token.dep_ == "nsubjpass":
        return False
    if token.lower_ in ("who", "that") and token.head.dep_ == "relcl":
        token = token.head.head  # "Graham, who has called for ...": the noun the clause hangs on
    return token.lower_ in PERSON_PRONOUNS | {"they", "we"} or source_like(token)


def _cue_modality(verb: "Token") -> str:
    lemma = _cue_lemma(verb)
    if _values_a_figure(verb):
        return cues.VALUATION_VERBS[lemma]
    if _classes_a_figure(verb):
        return cues.CLASSING_VERBS[lemma]
    if _expects_a_figure(verb):
        return "projected"
    if _counts_a_figure(verb):
        return cues.REPORTING_VERBS.get(lemma, "asserted")
    if (speech := _speech_object(verb)) is not None:
        return cues.NOMINAL_CUES.get(speech.lemma_.lower(), "asserted")
    if lemma in cues.EVIDENCE_VERBS and (_is_evidence(subject := _subject(verb)) or _is_material(subject)):
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
            start, end = mention_tokens(target)
            text = verb.doc[start:end].text
            if memory_kind(text) == "media" and name_key(text) not in cues.AUDIENCE_WORDS:
                return text
    return None


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
        start, end = mention_tokens(subject)
        span = verb.doc[start:end]
        frame.mention = (span.start_char, span.end_char)
        frame.cluster = memory.resolve(start, end)
    frame.relayed_by = _relay(verb, mention_kind)
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
    start, end = mention_tokens(owner)
    if owner.dep_ == "compound":
        start, end = min(c.i for c in noun.lefts if c.dep_ == "compound"), noun.i
    return frame_over(noun.doc, start, end, memory, noun.text, cues.NOMINAL_CUES[noun.lemma_.lower()], noun.i)


def _revision_frame(verb: "Token", memory: Memory) -> Frame | None:
    """"It raised its forecast by 0.1 points to 4.2 percent", "held the IMF's estimate at 3.1 percent":
    a verb whose object is an owned estimate speaks for its owner (a possessive pronoun: the verb's subject)."""
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    for noun in verb.children:
        if noun.dep_ == "dobj" and noun.lemma_.lower() in cues.COUNT_NOUNS \
                and verb.lemma_.lower() in cues.REVISING_VERBS and _speaker_subject(subject := _subject(verb)):
            # "the agency raised the death toll to 267"
            return frame_over(verb.doc, *mention_tokens(subject), memory, verb.text, "asserted", verb.i)
        if noun.dep_ != "dobj" or noun.lower_ not in cues.REVISED_NOUNS and noun.lemma_.lower() not in cues.REVISED_NOUNS:
            continue
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if owner is not None and owner.tag_ == "PRP$":
            owner = _subject(verb)
        if owner is None or owner.pos_ in ("VERB", "AUX") or owner.dep_ == "nsubjpass":
            return None
        lemma = noun.lower_ if noun.lower_ in cues.NOMINAL_CUES else noun.lemma_.lower()
        return frame_over(verb.doc, *mention_tokens(owner), memory, noun.text,
                          cues.NOMINAL_CUES.get(lemma, "estimated"), noun.i)
    return None


def _verb_as_noun_frame(noun: "Token", memory: Memory) -> Frame | None:
    """"Trump estimates that ...": a reporting verb the tagger read as a plural noun heading the sentence.

    Only with a that-clause hanging from it and a noun phrase before it, the
    shape of "X says that ..."; the words before it are the source.  Or right
    after a closing quote, ending the sentence: "“...,” Bozell answers."
    """
    if noun.pos_ == "NOUN" and noun.lemma_.lower() in cues.EVIDENCE_VERBS and noun.i > noun.sent.start:
        frame = _evidence_as_noun_frame(noun, memory)
        if frame is not None:
            return frame
    if noun.pos_ != "NOUN" or noun.dep_ != "ROOT" or not noun.lower_.endswith("s"):
        return None
    lemma = noun.lower_[:-1]
    if lemma not in cues.REPORTING_VERBS or not any(c.dep_ == "compound" for c in noun.lefts):
        return None
    start = noun.left_edge.i
    if not any(m.dep_ == "mark" and m.lower_ == "that" for c in noun.rights for m in c.children):
        start = _names_after_quote(noun)
        after = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
        if start is None or (after is not None and after.text not in (".", ",", ";")):
            return None
    return frame_over(noun.doc, start, noun.i, memory, noun.text, cues.REPORTING_VERBS[lemma], noun.i)


def _relative_noun_cue(noun: "Token", memory: Memory) -> Frame | None:
    """"credits, which the Tax Foundation estimates would cost $170 billion": a reporting verb read as
    the plural noun subject of the clause it governs, a name before it and a relative pronoun before
    that.  The frame speaks for that clause (it is stored at the clause's verb)."""
    if noun.pos_ != "NOUN" or noun.dep_ != "nsubj" or not noun.lower_.endswith("s") \
            or noun.lower_[:-1] not in cues.REPORTING_VERBS or noun.head.pos_ not in ("VERB", "AUX"):
        return None
    doc, start = noun.doc, _names_start(noun)
    if start - 1 >= noun.sent.start and doc[start - 1].lower_ == "the":
        start -= 1
    if start == noun.i or start == noun.sent.start or doc[start - 1].tag_ not in ("WDT", "WP"):
        return None
    return frame_over(doc, start, noun.i, memory, noun.text, cues.REPORTING_VERBS[noun.lower_[:-1]], noun.i)


def _evidence_as_noun_frame(verb: "Token", memory: Memory) -> Frame | None:
    """"... after leaked documents from his tax return show he took a $916 million loss": an evidence
    verb the tagger read as a noun, with the clause it governs, right after a noun phrase led by
    evidence ("documents", "records", "polls"); that phrase is the source."""
    doc = verb.doc
    last = verb.i + 1 < len(doc) and doc[verb.i + 1].text in (".", "!") and verb.i + 2 >= verb.sent.end
    if not (any(c.dep_ == "ccomp" for c in verb.children) or last) or doc[verb.i - 1].pos_ not in ("NOUN", "PROPN"):
        return None
    lead = next((t for t in doc[max(verb.sent.start, verb.i - 8):verb.i] if _is_evidence(t)), None)
    if lead is None or any(t.is_punct for t in doc[lead.i:verb.i]):
        return None
    start = mention_tokens(lead)[0]
    if last and (start == verb.sent.start or doc[start - 1].text != ","):
        return None  # "..., records compiled by X show.": an aside closing the sentence
    return frame_over(doc, start, verb.i, memory, verb.text, cues.EVIDENCE_VERBS[verb.lemma_.lower()], verb.i)


def _evidence_frames(sent: "Span", memory: Memory) -> list[Frame]:
    """"In the latest Fox poll, ...", "... in a survey by Gallup": the poll is the source."""
    frames = []
    for token in sent:
        if token.dep_ == "pobj" and token.head.lower_ in cues.EVIDENCE_PREPOSITIONS and _is_evidence(token):
            frames.append(frame_over(sent.doc, *mention_tokens(token), memory, token.head.text, "asserted"))
    return frames


def _phrase_frames(sent: "Span", memory: Memory) -> list[Frame]:
    """"according to X" and "citing X" frames of one sentence, then polls and studies named in a phrase."""
    frames = []
    words = [t.lower_ for t in sent]
    present = set(words)
    for phrase, modality in cues.PHRASE_CUES.items():
        if phrase[0] not in present:
            continue  # most sentences hold no cue phrase: skip the scan
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
                start, end = mention_tokens(_behind_conduit(target))
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
            if agent is not None and source_like(agent):
                return agent
    return target


# ---------------------------------------------------------------- document analysis

def analyse(doc: "Doc") -> Analysis:
    """Find every attribution frame of `doc` in one pass over its sentences."""
    memory = Memory(doc)
    analysis = Analysis(memory=memory, sents=list(doc.sents), text=doc.text)
    analysis.sent_starts = [s.start for s in analysis.sents]
    interview_regions(doc, analysis, memory)
    headline_regions(doc, analysis, memory)
    for sent in analysis.sents:
        for token in sent:
            if token.is_space:
                continue  # blanked sentences (selective parse) are long runs of space tokens
            if _verb_cue(token):
                analysis.verb_frames[token.i] = _frame_for(token, memory)
            elif (relative := _relative_noun_cue(token, memory)) is not None:
                analysis.verb_frames.setdefault(token.head.i, relative)
            elif (noun := _noun_frame(token, memory) or _verb_as_noun_frame(token, memory)
                  or _revision_frame(token, memory)) is not None:
                analysis.verb_frames[token.i] = noun
        phrases = _phrase_frames(sent, memory)
        if phrases:
            analysis.phrase_frames[sent.start] = phrases
    quote_frames(doc, analysis)
    colon_paragraphs(doc, analysis)
    return analysis


# ---------------------------------------------------------------- lookup

def _local_modality(token: "Token", stop: "Token | None") -> str | None:
    """Modality from the figure's own "estimated", or modal auxiliaries or plan verbs between the figure and its cue."""
    if _marked_estimate(token):
        return "estimated"
    node = token
    for _ in range(12):
        if stop is not None and node.i == stop.i:
            return None
        for child in node.children:
            if child.dep_ == "aux" and child.lower_ in cues.MODAL_AUX:
                return cues.MODAL_AUX[child.lower_]
        if node.lemma_.lower() in cues.PROJECTING_VERBS and node.pos_ == "VERB":
            return "projected"
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def _marked_estimate(token: "Token") -> bool:
    """"an estimated 11,000", "losses estimated at $30 billion", "the estimate of about 32,000": the
    figure's own phrase calls it an estimate."""
    doc, sentence = token.doc, token.sent
    number = next((t for t in doc[token.i:min(token.i + 4, sentence.end)] if t.like_num), token)  # past "an estimated"
    before = doc[max(min(token.i, number.left_edge.i) - 1, sentence.start):number.i]
    if any(t.lower_ in cues.ESTIMATE_WORDS and t.dep_ in {"amod", "quantmod", "advmod"} for t in before):
        return True  # "an estimated 11,000 children"
    holder = number.head if number.dep_ == "nummod" else number
    prep = holder.head if holder.dep_ == "pobj" else None
    return prep is not None and prep.lower_ in {"at", "of"} and prep.head.lower_ in cues.ESTIMATE_WORDS


def _in_mention(frame: Frame, start: int, end: int) -> bool:
    return frame.mention is not None and frame.mention[0] <= start < frame.mention[1]


def _governing_frame(root: "Token", analysis: Analysis, start: int, end: int) -> Frame | None:
    """The nearest cue above the figure that names a source, else the nearest cue with none.

    A cue with no source ("is projected to", an imperative "show me") lets
    an outer cue speak ("the office said the deficit is projected to ...").
    """
    node = root
    sourceless = None
    found: list[Frame] = [f for f in [_relative_cue(root, analysis) or _owned_figure(root, analysis)]
                          if f is not None and not _in_mention(f, start, end)]
    own = bool(found)  # a cue on the figure's own noun phrase
    for _ in range(30):
        frame = analysis.verb_frames.get(node.i)
        if frame is not None and not _in_mention(frame, start, end):
            if frame.mention is not None:
                found.append(frame)
            sourceless = sourceless or frame
        if node.head.i == node.i:
            break
        if node.dep_ in ("conj", "parataxis") and node.head.i in analysis.verb_frames:
            break  # "Rubio said A, and he railed against B": B is not what was said
        if found and node.dep_ in ("advcl", "relcl") and _subordinated(node):
            break  # "They cite the election, when the state stated that 12,000 ...": the state's figure
        if found and node.dep_ == "prep" and node.head.pos_ in ("VERB", "AUX") \
                and (own or _evidence_mention(found[0], root.doc)):
            break  # "X, in the wake of a poll showing him at 14 percent, told ...": the poll's figure
        node = node.head
    found += [f for f in _as_asides(node, analysis) if f not in found]
    return _nested(found, root, analysis.text) if found else sourceless


def _evidence_mention(frame: Frame, doc: "Doc") -> bool:
    """The frame's source is a poll, record or study ("a new poll showing ...")."""
    return frame.mention is not None and _is_evidence(_mention_head(doc, frame.mention))


def _mention_head(doc: "Doc", mention: tuple[int, int]) -> "Token | None":
    """The head token of a source mention given as char offsets."""
    span = doc.char_span(mention[0], mention[1], alignment_mode="expand")
    return span.root if span is not None else None


def _relative_cue(root: "Token", analysis: Analysis) -> Frame | None:
    """"the $18 million he says he raised", "the top 33 percent rate he has proposed": a cue in a
    relative clause on the figure (or on the noun it counts) names the figure's source."""
    for noun in _figure_nouns(root):
        for child in noun.rights:
            frame = analysis.verb_frames.get(child.i)
            if child.dep_ == "relcl" and frame is not None and frame.mention is not None \
                    and not any(t.tag_ in ("WDT", "WP", "WP$", "WRB") for t in child.lefts for t in t.subtree):
                return frame  # not "four cases in which Kaine defended ...": those describe the cases
    return None


def _owned_figure(root: "Token", analysis: Analysis) -> Frame | None:
    """"the alliance's recommended 2 percent", "the CBO's projected 3 percent growth": a participle
    of proposing or estimating on the figure's noun, and an owner of that noun, who is the source."""
    for noun in _figure_nouns(root):
        participle = next((c for c in noun.lefts if c.dep_ == "amod" and c.lower_ in cues.OWNED_FIGURE_PARTICIPLES), None)
        owner = next((c for c in noun.lefts if c.dep_ == "poss"), None)
        if participle is not None and owner is not None and owner.tag_ != "PRP$":
            return frame_over(root.doc, *mention_tokens(owner), analysis.memory, participle.text,
                              cues.OWNED_FIGURE_PARTICIPLES[participle.lower_], participle.i)
    return None


# Participles by which someone gives a figure: "announced by", "counted by", "estimated by", "put by".
GIVING_LEMMAS = frozenset(cues.REPORTING_VERBS) | cues.COUNTING_VERBS | frozenset(cues.VALUATION_VERBS)


def _agent_of_figure(root: "Token", analysis: Analysis) -> Frame | None:
    """"the 58.3% announced by the commission", "the 36,600 counted by UNHCR", "an estimate of about
    32,000 given by a university team": a participle of giving a figure (`GIVING_LEMMAS`) on the
    figure, on the noun it counts or on the noun that holds it, whose "by" names the figure's source."""
    for noun in _figure_nouns(root) + _holding_nouns(root):
        for child in noun.rights:
            if child.dep_ != "acl" or child.tag_ != "VBN" or _cue_lemma(child) not in GIVING_LEMMAS:
                continue  # not "987 released by the government": prisoners set free, not a count given
            agent = next((c for c in child.children if c.dep_ == "agent"), None)
            author = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            if author is not None and source_like(author):
                return frame_over(root.doc, *mention_tokens(author), analysis.memory, child.text,
                                  cues.REPORTING_VERBS.get(_cue_lemma(child), "asserted"), child.i)
    return None


def _owned_count(root: "Token", analysis: Analysis) -> Frame | None:
    """"the NDMA's figure of 610,000", "the ministry's count of 4,000": a count noun with an owner,
    the figure its "of" or its apposition ("his government's own count, 310")."""
    for noun in _holding_nouns(root):
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if noun.lemma_.lower() in cues.COUNT_NOUNS | cues.REVISED_NOUNS and owner is not None \
                and owner.tag_ != "PRP$" and source_like(owner):
            return frame_over(root.doc, *mention_tokens(owner), analysis.memory, noun.text,
                              cues.NOMINAL_CUES.get(noun.lemma_.lower(), "asserted"), noun.i)
    return None


def _holding_nouns(root: "Token") -> list["Token"]:
    """The noun whose "of" holds the figure ("the estimate of 32,000") or that the figure stands in
    apposition to ("the count, 310")."""
    node = root.head if root.dep_ in ("nummod", "compound", "quantmod") else root
    if node.dep_ == "appos":
        return [node.head]
    if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.pos_ == "NOUN":
        return [node.head.head]
    return []


def _figure_nouns(root: "Token") -> list["Token"]:
    """The figure's root token, and the noun it counts when the root is a number modifier ("$18 million")."""
    return [root, root.head] if root.dep_ in ("nummod", "compound", "quantmod") else [root]


def _subordinated(clause: "Token") -> bool:
    """An adverbial clause opened by "when", "after", "because" ...: a circumstance, not the content."""
    return any(c.dep_ in ("mark", "advmod") and c.lower_ in cues.SUBORDINATORS and c.i < clause.i
               for c in clause.children)


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


def _is_speaker_count(root: "Token", analysis: Analysis, start: int, end: int) -> bool:
    """"Seventy-two percent now believe ...": the figure is in the subject of a cue of its sentence."""
    return any(frame.mention is not None and _in_mention(frame, start, end)
               for token in root.sent if (frame := analysis.verb_frames.get(token.i)) is not None)


def _poll_frame(root: "Token", analysis: Analysis, start: int, end: int) -> Frame | None:
    """"According to X" or a poll named in the figure's sentence, else in the sentence before it
    in the same paragraph ("..., according to a new poll.  Seventy percent now believe ...")."""
    phrases = _sentence_phrases(root, analysis, start, end)
    if phrases:
        return phrases[0]
    at = analysis.sent_of(root.sent.start)
    if at > 0:
        before = analysis.sents[at - 1]
        if "\n" not in analysis.text[before.end_char:root.sent.start_char]:
            phrases = [f for f in analysis.phrase_frames.get(before.start, []) if f.mention is not None
                       and (head := _mention_head(root.doc, f.mention)) is not None
                       and head.lemma_.lower() in cues.POLL_NOUNS]
            return phrases[-1] if phrases else None
    return None


def _relayed_source(frame: Frame | None, root: "Token", analysis: Analysis, start: int, end: int) -> Frame | None:
    """"Bloomberg reports that ... voters making $100,000 or more, according to the Roper Center": a news
    outlet's report that names its own source gives that source, relayed by the outlet.  So do records
    and data that show a figure "according to" someone: they are that someone's."""
    if frame is None or frame.mention is None:
        return frame
    media = cluster_kind(frame.cluster) == "media"
    if not media and not _evidence_mention(frame, root.doc):
        return frame
    for phrase in _sentence_phrases(root, analysis, start, end):
        if phrase.cue.lower().startswith("according") and phrase.mention is not None \
                and cluster_kind(phrase.cluster) != "media" and not _in_mention(frame, *phrase.mention) \
                and _names_a_source(root.doc, phrase.mention):
            outlet = analysis.text[frame.mention[0]:frame.mention[1]] if media else None
            return replace(phrase, relayed_by=phrase.relayed_by or outlet)
    return frame


def _names_a_source(doc: "Doc", mention: tuple[int, int]) -> bool:
    """The mention is headed by a name or a body that speaks, not by "its own website" or "data"."""
    head = _mention_head(doc, mention)
    return head is not None and source_like(head) and not _is_evidence(head)


def _sentence_phrases(root: "Token", analysis: Analysis, start: int, end: int) -> list[Frame]:
    """The phrase frames ("according to X", a poll) of the figure's sentence that can speak for it:
    not one inside a quotation the figure is outside of ('... 537 of which are offshore, according
    to its own website.'' is the quoted report's source, not the writer's).  A semicolon does not
    part them: "A was paid $29,715; B was paid $35,845, according to FEC records" is all the records'."""
    found = []
    for frame in analysis.phrase_frames.get(root.sent.start, []):
        if _in_mention(frame, start, end):
            continue
        quote = analysis.quote_at(frame.mention[0]) if frame.mention is not None else None
        if quote is not None and not quote[0] <= start < quote[1]:
            continue
        found.append(frame)
    return found


def _series_lead(root: "Token", analysis: Analysis, start: int, end: int) -> Frame | None:
    """"The researchers reported that A holds $214 billion; B holds $10.7 billion; ...": a figure after
    a semicolon belongs to the cue that opens the sentence when that cue's content runs to the first
    semicolon (the list goes on under it, however the parser hangs the later clauses)."""
    sent = root.sent
    first = next((t for t in sent if t.text == ";"), None)
    if first is None or first.i > root.i:
        return None
    for token in sent[:first.i - sent.start]:
        frame = analysis.verb_frames.get(token.i)
        if frame is not None and frame.mention is not None and not _in_mention(frame, start, end) \
                and token.right_edge.i == first.i - 1:
            return frame
    return None


def _nested(frames: list[Frame], figure: "Token", text: str) -> Frame:
    """Of cues nested in one another, the outermost speaker answers for the figure.

    "Trump said Clinton claimed 5 million": Trump is the source (PolNeAR
    annotates the outermost too).  A news outlet on the outside only relays:
    "Turkish media reported that the president said ..." keeps the president,
    relayed by the outlet.  A cue after a semicolon that follows the figure
    opens a clause of its own ("A estimates that ... $1.1 trillion; B puts
    the figure at ...") even where the parser hangs the first clause on it.
    """
    doc = figure.doc
    inner = frames[0]
    outer = next((f for f in reversed(frames[1:]) if doc[f.cue_token].pos_ in ("VERB", "AUX")
                  and not _semicolon_between(figure, doc[f.cue_token])), None)
    if outer is None:
        return inner
    if cluster_kind(outer.cluster) == "media":
        outlet = text[outer.mention[0]:outer.mention[1]]
        return replace(inner, relayed_by=inner.relayed_by or outlet)
    modality = outer.modality if outer.modality != "asserted" else inner.modality
    return replace(outer, modality=modality)


def _semicolon_between(figure: "Token", cue: "Token") -> bool:
    """A cue to the right of the figure, with a semicolon between them."""
    return cue.i > figure.i and any(t.text == ";" for t in figure.doc[figure.i + 1:cue.i])


def _sentence_frame(root: "Token", analysis: Analysis, start: int, end: int) -> Frame | None:
    sent = root.sent
    phrases = _sentence_phrases(root, analysis, start, end)
    according = [f for f in phrases if f.cue.lower().startswith("according")]
    if according:
        return according[0]
    lead = _series_lead(root, analysis, start, end)
    if lead is not None:
        return lead
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
        if frame.mention is not None and token.pos_ == "NOUN" and _closes_aside(token) \
                and analysis.text[:frame.mention[0]].rstrip().endswith(","):
            return frame  # "..., records compiled by the center show." (the cue read as a noun)
    return phrases[0] if phrases else None


def _region_frame(analysis: Analysis, start: int, end: int) -> Frame | None:
    inside = [(e - s, f) for s, e, f in analysis.regions if s <= start and end <= e and not _in_mention(f, start, end)]
    return min(inside, key=lambda pair: pair[0])[1] if inside else None


def _outer_quote_frame(doc: "Doc", analysis: Analysis, frame: Frame | None, start: int, end: int) -> Frame | None:
    """A cue inside a quotation ("I say", "you say" within the quote) yields to the quote's speaker."""
    if frame is None or (frame.cue_token is None and frame.mention is None):
        return frame
    # a phrase ("according to X" inside the quote) is placed by its source, and yields to quotations only
    phrase = frame.cue_token is None
    cue_at = frame.mention[0] if phrase else doc[frame.cue_token].idx
    for s, e, outer in analysis.regions:
        if s <= start and end <= e and s < cue_at < e and outer is not frame and outer.mention is not None \
                and not s <= outer.mention[0] < e and (not phrase or (s, e) in analysis.quotes):
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
                if subject is not None and source_like(subject):
                    return frame_over(root.doc, *mention_tokens(subject), memory, cue.text, "projected")
            return None
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def _record(text: str, frame: Frame, modality: str) -> Attribution:
    if frame.mention is None:
        return Attribution(cue=frame.cue, modality=modality)
    start, end = frame.mention
    return Attribution(source=cluster_name(frame.cluster), source_text=text[start:end], source_start=start,
                       source_end=end, cue=frame.cue, modality=modality,
                       source_kind=cluster_kind(frame.cluster), relayed_by=frame.relayed_by)


def rule_trace(doc: "Doc", analysis: Analysis, memory: Memory, start: int, end: int) -> RuleTrace | None:
    """What each rule proposes for the figure at [start, end), and the rules' own answer (`final`).

    The rules' order: the figure's own phrase naming who gave it ("the 58.3% announced by the
    commission", "the NDMA's figure of 610,000"), else a cue governing the figure (a poll for counted speakers,
    the source a news outlet relays), else the sentence's frame, else the
    quotation or region around the figure; a cue inside a quotation yields to
    the quote's speaker; with no frame at all, a plan ("will", "plans to").
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    root = span.root
    trace = RuleTrace(root=root)
    named = _agent_of_figure(root, analysis) or _owned_count(root, analysis)
    if named is not None and not _in_mention(named, start, end):
        # the figure's own phrase names who gave it, whoever cites it above
        trace.final = _note(trace, "own_phrase", named)
        return trace
    governing = _governing_frame(root, analysis, start, end)
    _note(trace, "governing", governing)
    if _counted_speakers(governing, doc) or (governing is None and _is_speaker_count(root, analysis, start, end)):
        governing = _note(trace, "poll", _poll_frame(root, analysis, start, end)) or governing
    governing = _note(trace, "relayed", _relayed_source(governing, root, analysis, start, end))
    sentence = _note(trace, "sentence", _sentence_frame(root, analysis, start, end))
    region = _note(trace, "region", _region_frame(analysis, start, end))
    frame = governing if governing is not None and governing.mention is not None else sentence or region or governing
    frame = _note(trace, "outer_quote", _outer_quote_frame(doc, analysis, frame, start, end))
    if frame is None:
        frame = _note(trace, "plan", _plan_frame(root, memory))
    trace.final = frame
    return trace


def _note(trace: RuleTrace, rule: str, frame: Frame | None) -> Frame | None:
    """Keep `frame` as what `rule` proposes; hand it back."""
    if frame is not None:
        trace.picks.setdefault(rule, frame)
    return frame


def _attribution_of(analysis: Analysis, root: "Token", frame: Frame | None) -> Attribution:
    """The Attribution a frame gives the figure at `root` (None: no source, a modal verb's modality)."""
    stop = root.doc[frame.cue_token] if frame is not None and frame.cue_token is not None else None
    local = _local_modality(root, stop)
    if frame is None:
        return Attribution(modality=local or "asserted")
    modality = frame.modality if frame.modality != "asserted" or local is None else local
    return _record(analysis.text, frame, modality)


def _attribute_one(doc: "Doc", analysis: Analysis, memory: Memory, start: int, end: int,
                   model: RankerModel | None) -> Attribution:
    trace = rule_trace(doc, analysis, memory, start, end)
    if trace is None:
        return Attribution()
    ruled = _attribution_of(analysis, trace.root, trace.final)
    if model is None or kept_by_rules(trace):
        return ruled
    found = candidates(doc, analysis, trace, start, end)
    best = choose(model, found)
    if best.frame is None:
        # the writer's own voice: a sourceless cue of the rules ("is projected to") keeps its modality
        return ruled if ruled.source_start is None else _attribution_of(analysis, trace.root, None)
    if trace.final is not None and best.frame.mention == trace.final.mention:
        return ruled
    return _attribution_of(analysis, trace.root, resolved(best.frame, memory))


def attribute(doc: "Doc", spans: Sequence[tuple[int, int]], *, publisher: str | None = None,
              use_model: bool = True) -> list[Attribution]:
    """One Attribution per (start_char, end_char) span of a figure in doc.text, same order.

    The trained ranker (`ranker.py`) picks among the candidates the rules and
    the figure's neighbourhood offer; `use_model=False` gives the rules' answer.

    `publisher` is accepted but never used as a source: a figure with no cue
    is unattributed (source None, source_kind None).
    """
    if not spans:
        return []
    analysis = analyse(doc)
    memory = analysis.memory or Memory(doc)
    model = load_ranker() if use_model else None
    found = [_attribute_one(doc, analysis, memory, start, end, model) for start, end in spans]
    return carried(doc, spans, found)
