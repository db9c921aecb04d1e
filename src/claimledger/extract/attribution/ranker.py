"""A trained ranker over the candidate sources of one figure.

The rules of `attribute` each propose a frame for a figure (the cue that
governs it, the sentence's "..., X said", the quotation it sits in, "according
to X", a plan ...); they are tried in a fixed order, hand-set.  Here every
frame any rule proposes, every frame with a source in the figure's sentence
and the few sentences around it, and the writer's own voice (no source) are
*candidates*; each is described by features (which rules propose it, the cue
and its class, the dependency path from the figure to the cue, the distance
in sentences and tokens, quotation marks, what the mention is).  Two linear
models learnt on PolNeAR train (`bench/train_attribution.py`) decide: the
first ranks the frames (a conditional logit: a softmax over one figure's
frames), the second weighs the best frame against the writer's own voice.
Two stages, because one softmax over frames and the own voice together let
the many figures in the writer's voice pull sourced ones to "nobody"; apart,
the own-voice decision has a margin chosen so that neither kind of figure
ends up worse off than under the rules.

The weights are a small JSON table (`data/attribution_model_en.json`) read
once; scoring is a sum of weights, plain Python, the same on every machine.
When the table is absent the rules' own answer stands.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from .memory import GROUP_PRONOUNS, PERSON_PRONOUNS, Analysis, Frame, Memory, cluster_kind, mention_tokens

from ...data.reporting_en import INTERVIEW_CUE, SUBORDINATORS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

MODEL_FILE = "attribution_model_en.json"
# Sentences before the figure's whose frames are candidates: PolNeAR's sources
# sit at most this far back for almost all figures (a quotation running over
# sentences, "she added" two sentences on); further back adds noise, not hits.
SENTENCES_BACK = 3
# One sentence after: "“... 40 percent.” / The minister said so on Monday."
SENTENCES_AHEAD = 1
# Token distances and dependency-path lengths are bucketed at these bounds.
DISTANCE_BUCKETS = (0, 3, 8, 15, 30)
PATH_STEPS = 3
PATH_LIMIT = 30  # steps walked up a dependency tree at most (no parse is that deep)
# Links that open a clause: where a figure sits among them says whether a cue's content holds it.
CLAUSE_DEPS = frozenset({"relcl", "advcl", "acl", "appos", "ccomp", "xcomp", "conj", "parataxis",
                         "pcomp", "csubj", "ROOT"})
# Verbs walked up from the figure for subjects: a clause or two above it, as far as
# a figure's own verb and the one its clause hangs on.
ANCESTOR_STEPS = 6  # dependency labels kept of the path from the figure up to the cue
PRONOUNS = PERSON_PRONOUNS | GROUP_PRONOUNS | {"they", "i", "you"}
# Cues of frames that come from a document's layout, not from its sentences (quotations.py).
LAYOUT_CUES = frozenset({INTERVIEW_CUE, ":", "―"})
# Links up from the figure looked at for an owner ("X's count of 40"): the noun it counts, the
# noun that one hangs on, and the verb above (a phrase deeper than that is rarely the figure's frame).
OWNER_STEPS = 4
SUBJECT_DEPS = frozenset({"nsubj"})  # a passive's subject is what is done, not who says
# Subjects that never name a source: expletives and the figure's own pronoun of things.
NON_SOURCE_SUBJECTS = frozenset({"it", "there", "this", "that", "what", "which"})


@dataclass
class RuleTrace:
    """What each rule proposes for one figure, and the rules' own answer."""

    root: "Token"
    picks: dict[str, Frame] = field(default_factory=dict)  # rule name -> frame
    final: Frame | None = None


@dataclass(frozen=True)
class Candidate:
    """One possible source of a figure: a frame, or None for the writer's own voice."""

    frame: Frame | None
    features: frozenset[str]


BEST_PREFIX = "best:"  # marks the best frame's features in the own-voice model


@dataclass(frozen=True)
class RankerModel:
    """The two weight tables of `data/attribution_model_en.json` and the own-voice margin.

    Stage 1 ranks the frames (`frame_weights`); stage 2 weighs the best of them
    against the writer's own voice (`voice_weights`: the best frame's features
    marked `BEST_PREFIX`, the own-voice candidate's as they are), and the own
    voice wins when its score is above the frame's by more than `voice_margin`.
    """

    frame_weights: dict[str, float]
    voice_weights: dict[str, float]
    voice_margin: float
    meta: dict

    def pick(self, features: list[frozenset[str]]) -> int:
        """Index of the winning candidate; the last one is the own voice.  Ties go to the earlier frame."""
        frames = features[:-1]
        if not frames:
            return len(features) - 1
        scores = [_total(self.frame_weights, f) for f in frames]
        best = max(range(len(frames)), key=lambda k: (scores[k], -k))
        frame = _total(self.voice_weights, frozenset(BEST_PREFIX + f for f in frames[best]))
        voice = _total(self.voice_weights, features[-1])
        return len(features) - 1 if voice - frame > self.voice_margin else best


def _total(weights: dict[str, float], features: frozenset[str]) -> float:
    """Sum of the weights of `features` (unknown ones weigh nothing), in a fixed order."""
    return sum(weights.get(f, 0.0) for f in sorted(features))


def model_from_table(table: dict) -> RankerModel:
    """The model a weight table (as the training script writes it) describes."""
    return RankerModel(frame_weights={k: float(v) for k, v in table["frame_weights"].items()},
                       voice_weights={k: float(v) for k, v in table["voice_weights"].items()},
                       voice_margin=float(table["voice_margin"]), meta=table.get("meta", {}))


@lru_cache(maxsize=1)
def load_ranker() -> RankerModel | None:
    """The shipped model, or None when the data file is absent (the rules then decide alone)."""
    try:
        raw = resources.files("claimledger.data").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return None
    return model_from_table(json.loads(raw))


def choose(model: RankerModel, found: list[Candidate]) -> Candidate:
    """The winning candidate of one figure (the last of `found` is the own voice)."""
    return found[model.pick([c.features for c in found])]


# ---------------------------------------------------------------- candidates

def kept_by_rules(trace: RuleTrace) -> bool:
    """The rules' answer stands as it is: a layout PolNeAR has none of to learn from (a transcript's
    turn, a headline "Name: ...", a quote signed with a dash), a plan with no cue ("The government
    will send ..."), the figure's own phrase naming who gave it ("the 58.3% announced by the
    commission": PolNeAR annotates the outer speaker, a fact-checker wants the commission), or a
    relay chain ("Radio reported that the mayor said ...": the mayor, relayed by the radio), which
    one chosen mention cannot carry."""
    final = trace.final
    return final is not None and (final.cue in LAYOUT_CUES or final is trace.picks.get("plan")
                                  or final is trace.picks.get("own_phrase") or final.relayed_by is not None)


def candidates(doc: "Doc", analysis: Analysis, trace: RuleTrace, start: int, end: int) -> list[Candidate]:
    """The rules' answer first, then every other frame with a source near the figure, then no source."""
    frames: dict[tuple[int, int], list[str]] = {}
    chosen: dict[tuple[int, int], Frame] = {}

    def offer(frame: Frame | None, rule: str) -> None:
        if frame is None or frame.mention is None or frame.mention[0] <= start < frame.mention[1] \
                or _above_a_circumstance(doc, trace.final, frame):
            return
        frames.setdefault(frame.mention, []).append(rule)
        chosen.setdefault(frame.mention, frame)

    offer(trace.final, "final")
    for rule, frame in trace.picks.items():
        offer(frame, rule)
    for s, e, frame in analysis.regions:
        if s <= start and end <= e:
            offer(frame, "region_any")
    at = analysis.sent_of(trace.root.sent.start)
    for n in range(max(0, at - SENTENCES_BACK), min(len(analysis.sents), at + SENTENCES_AHEAD + 1)):
        for frame in _sentence_frames(analysis, n):
            offer(frame, "near")
    for frame in _ancestor_subjects(trace.root, analysis):
        offer(frame, "ancestor_subject")
    if trace.final is None or trace.final.mention is None:
        # only where the rules name nobody: above a cue, "Reporters checked the mayor's claim that
        # 4,000 ..." is the mayor's, as `_ancestor_subjects` stops at a cue
        for frame in _sentence_subjects(trace.root):
            offer(frame, "sentence_subject")
        for frame in _owners(trace.root):
            offer(frame, "owner")
    context = _Context(doc, analysis, trace, start, end, at)
    found = [Candidate(chosen[m], frozenset(_frame_features(context, chosen[m], rules))) for m, rules in frames.items()]
    return found + [Candidate(None, frozenset(_none_features(context, found)))]


def _ancestor_subjects(root: "Token", analysis: Analysis) -> list[Frame]:
    """The subjects of the verbs above the figure up to the first cue ("Sanders named five people to
    the panel"): PolNeAR counts a person's doings as theirs, and the model learns when the writer
    means them so.  Not above a cue: "Reporters checked the mayor's claim that 4,000 ..." is the
    mayor's.  Left unresolved (`cluster` None) so that looking at them changes nothing in the
    document memory; `resolved` names the one that wins."""
    found = []
    node = root
    for _ in range(ANCESTOR_STEPS):
        if node.i in analysis.verb_frames or node.head.i == node.i:
            break
        node = node.head
        if node.i in analysis.verb_frames:
            break
        if node.pos_ not in ("VERB", "AUX"):
            continue
        subject = next((c for c in node.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.pos_ not in ("VERB", "AUX") and not subject.like_num:
            a, b = mention_tokens(subject)
            span = root.doc[a:b]
            found.append(Frame(cue=node.text, modality="asserted", cue_token=node.i,
                               mention=(span.start_char, span.end_char)))
    return found


def _open_frame(cue: "Token", mention_head: "Token") -> Frame:
    """A frame on `mention_head`'s noun phrase with `cue` as its cue, left unresolved (as
    `_ancestor_subjects`' frames are: looking at a candidate changes nothing in the memory)."""
    a, b = mention_tokens(mention_head)
    span = cue.doc[a:b]
    return Frame(cue=cue.text, modality="asserted", cue_token=cue.i, mention=(span.start_char, span.end_char))


def _sentence_subjects(root: "Token") -> list[Frame]:
    """The subject of every verb of the figure's sentence ("the Daily News focuses on how many people
    ... were able to kill in a 30-minute spree"): PolNeAR's commonest source that no cue offers.
    Numbers are not subjects here ("Another 12,000 arrived, bringing the total to 36,600")."""
    found = []
    for token in root.sent:
        if token.dep_ not in SUBJECT_DEPS or token.head.pos_ not in ("VERB", "AUX") or token.like_num \
                or token.pos_ in ("VERB", "AUX", "NUM") or token.lower_ in NON_SOURCE_SUBJECTS:
            continue
        found.append(_open_frame(token.head, token))
    return found


def _owners(root: "Token") -> list[Frame]:
    """The owner of a noun the figure hangs on ("Mitt Romney's “47 percent” comment", "the bureau's
    count of 4,000"): what someone's comment, count or plan holds is theirs."""
    found = []
    node = root
    for _ in range(OWNER_STEPS):
        owner = next((c for c in node.children if c.dep_ == "poss" and not c.like_num), None)
        if owner is not None and node.i != root.i:
            found.append(_open_frame(node, owner))
        if node.head.i == node.i:
            break
        node = node.head
    return found


def resolved(frame: Frame, memory: Memory) -> Frame:
    """`frame` with its mention resolved in `memory`, when it was left open."""
    if frame.cluster is not None or frame.mention is None:
        return frame
    span = memory.doc.char_span(frame.mention[0], frame.mention[1], alignment_mode="expand")
    if span is None:
        return frame
    return replace(frame, cluster=memory.resolve(span.start, span.end))


def _above_a_circumstance(doc: "Doc", final: Frame | None, frame: Frame) -> bool:
    """`frame`'s cue sits above the rules' cue across a "when"/"because" clause: "Critics cite the
    census, when the county reported that 8,000 ...": the county's figure, a circumstance of the
    critics' citing (the rules' walk stops there for the same reason)."""
    if final is None or final.cue_token is None or frame.cue_token is None or frame.cue_token == final.cue_token:
        return False
    node = doc[final.cue_token]
    for _ in range(PATH_LIMIT):
        if node.head.i == node.i:
            return False
        if node.dep_ in ("advcl", "relcl") and any(c.dep_ in ("mark", "advmod") and c.lower_ in SUBORDINATORS
                                                   and c.i < node.i for c in node.children):
            return _is_ancestor(node.head, doc[frame.cue_token])
        node = node.head
    return False


def _is_ancestor(token: "Token", ancestor: "Token") -> bool:
    return token.i == ancestor.i or any(a.i == ancestor.i for a in token.ancestors)


def _sentence_frames(analysis: Analysis, n: int) -> list[Frame]:
    """Frames with a source whose cue (or, for a phrase, whose source) is in sentence `n` (cached)."""
    cache = analysis.frames_by_sentence
    if n not in cache:
        sent = analysis.sents[n]
        verbs = [analysis.verb_frames[t.i] for t in sent if t.i in analysis.verb_frames]
        cache[n] = [f for f in verbs + analysis.phrase_frames.get(sent.start, []) if f.mention is not None]
    return cache[n]


@dataclass
class _Context:
    doc: "Doc"
    analysis: Analysis
    trace: RuleTrace
    start: int
    end: int
    sent: int  # index of the figure's sentence


def _bucket(value: int) -> str:
    for bound in DISTANCE_BUCKETS:
        if value <= bound:
            return f"<={bound}"
    return f">{DISTANCE_BUCKETS[-1]}"


def _token_at(doc: "Doc", char: int) -> "Token | None":
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _mention_head(doc: "Doc", mention: tuple[int, int]) -> "Token | None":
    span = doc.char_span(mention[0], mention[1], alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _path_up(root: "Token", target: "Token") -> list[str] | None:
    """Dependency labels from `root` up to its ancestor `target`, or None when `target` is no ancestor."""
    labels: list[str] = []
    node = root
    for _ in range(PATH_LIMIT):
        if node.i == target.i:
            return labels
        if node.head.i == node.i:
            return None
        labels.append(node.dep_)
        node = node.head
    return None


def _cue_features(context: _Context, frame: Frame) -> list[str]:
    doc, root = context.doc, context.trace.root
    if frame.cue_token is None:
        cue = " ".join(frame.cue.lower().split())
        anchor = _token_at(doc, frame.mention[0]) if frame.mention is not None else None
        out = [f"cue={cue}", "cue_phrase"]
    else:
        token = doc[frame.cue_token]
        anchor = token
        out = [f"cue={token.lemma_.lower()}", f"cue_pos={token.pos_}", f"cue_dep={token.dep_}"]
        path = _path_up(root, token)
        if path is not None:
            out += ["cue_governs", f"cue_path_len={_bucket(len(path))}", "cue_path=" + "/".join(path[:PATH_STEPS])]
        if context.analysis.quote_at(token.idx) is not None:
            out.append("cue_in_quote")
        if token.left_edge.i <= root.i <= token.right_edge.i:
            out.append("fig_in_cue_subtree")
    if anchor is not None:
        out.append(f"cue_side={'after' if anchor.i > root.i else 'before'}")
        out.append(f"cue_tokens={_bucket(abs(anchor.i - root.i))}")
    return out


def _mention_features(context: _Context, frame: Frame) -> list[str]:
    doc, analysis = context.doc, context.analysis
    head = _mention_head(doc, frame.mention)
    out = [f"kind={cluster_kind(frame.cluster) or 'unresolved'}"]
    if head is not None:
        out += [f"ment_ent={head.ent_type_ or '-'}", f"ment_pos={head.pos_}", f"ment_dep={head.dep_}"]
        if head.lower_ in PRONOUNS:
            out.append("ment_pronoun")
        ment_sent = analysis.sent_of(head.i)
        distance = context.sent - ment_sent
        out.append(f"sent_dist={distance if -1 <= distance <= 2 else ('3+' if distance > 0 else 'ahead')}")
        if "\n" in analysis.text[min(frame.mention[0], context.start):max(frame.mention[1], context.start)]:
            out.append("other_paragraph")
    figure_quote = analysis.quote_at(context.start)
    mention_quote = analysis.quote_at(frame.mention[0])
    if figure_quote is not None:
        out.append("fig_in_quote&ment_" + ("same_quote" if mention_quote == figure_quote else
                                          "in_other_quote" if mention_quote else "outside"))
    elif mention_quote is not None:
        out.append("ment_in_quote")
    if frame.relayed_by:
        out.append("relayed")
    out += _mention_history(context, frame, head)
    return out


def _mention_history(context: _Context, frame: Frame, head: "Token | None") -> list[str]:
    """What the mention is besides: a phrase holding a number ("Another 12,000 Burundians": a count,
    rarely a source), a name already the source of a cue earlier in the document."""
    doc = context.doc
    span = doc.char_span(frame.mention[0], frame.mention[1], alignment_mode="expand")
    out = []
    if span is not None and any(t.like_num for t in span):
        out.append("ment_has_number")
    if head is not None and head.pos_ == "PROPN" and head.lower_ in _earlier_source_heads(context, head.i):
        out.append("ment_earlier_source")
    return out


def _earlier_source_heads(context: _Context, before: int) -> set[str]:
    """Last words of the source mentions of the cue frames before token `before`."""
    heads = set()
    for cue, frame in context.analysis.verb_frames.items():
        if cue < before and frame.mention is not None:
            head = _mention_head(context.doc, frame.mention)
            if head is not None and head.i < before:
                heads.add(head.lower_)
    return heads


def _frame_features(context: _Context, frame: Frame, rules: list[str]) -> list[str]:
    out = ["frame"] + [f"rule={r}" for r in sorted(set(rules))]
    out.append(f"rules={len(set(rules) - {'near'})}")
    out += [f"modality={frame.modality}"] + _cue_features(context, frame) + _mention_features(context, frame)
    final = "final" in rules
    for feature in list(out):
        if feature.startswith(("sent_dist", "fig_in_quote", "cue_path_len", "cue_side")):
            out.append(f"{feature}&final={final}")
    return out


def _figure_clause(root: "Token") -> str:
    """The link of the nearest clause above the figure ("relcl": "Trump, who won 45 percent, ...")."""
    node = root
    for _ in range(PATH_LIMIT):
        if node.dep_ in CLAUSE_DEPS or node.head.i == node.i:
            return node.dep_
        node = node.head
    return "deep"


def _none_features(context: _Context, found: list[Candidate]) -> list[str]:
    out = ["none"]
    final = context.trace.final
    rules = "nothing" if final is None else "sourceless" if final.mention is None else "source"
    clause = _figure_clause(context.trace.root)
    out += [f"none&rules_{rules}", f"none&fig_clause={clause}", f"none&fig_clause={clause}&rules_{rules}"]
    if context.analysis.quote_at(context.start) is not None:
        out.append("none&fig_in_quote")
    here = sum(1 for c in found if "sent_dist=0" in c.features)
    out.append(f"none&frames_here={min(here, 2)}")
    out.append(f"none&candidates={min(len(found), 3)}")
    governing = context.trace.picks.get("governing")
    if governing is not None and governing.mention is None:
        out.append("none&sourceless_cue")
    if context.sent == 0:
        out.append("none&first_sentence")
    return out
