"""Stage 1: sentences, tokens, parse and entities from spaCy.

The model is a setting (`Options.model`), loaded once per process and only
when first needed.  Nothing is ever downloaded: a missing model is a clear
error naming how to install it.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable, NamedTuple

from .errors import ModelNotInstalled

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


@lru_cache(maxsize=4)
def load_model(name: str) -> "Language":
    """Load spaCy model `name` once per process, with our components added."""
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelNotInstalled(name) from exc
    register_components()
    if "parser" in nlp.pipe_names and "paragraph_breaks" not in nlp.pipe_names:
        nlp.add_pipe("paragraph_breaks", before="parser")
    return nlp


@lru_cache(maxsize=1)
def register_components() -> None:
    """Register claimledger's spaCy components (once; the registry is global)."""
    from spacy.language import Language

    Language.component("paragraph_breaks", func=paragraph_breaks,
                       assigns=["token.is_sent_start"], retokenizes=False)


def paragraph_breaks(doc: "Doc") -> "Doc":
    """A line break ends a sentence: titles, date lines and paragraphs never run together.

    The parser respects boundaries set before it runs, so sentences still split
    inside a paragraph as the model sees fit.
    """
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if previous.is_space and "\n" in previous.text and not token.is_space:
            token.is_sent_start = True
    return doc


# ---------------------------------------------------------------- selective parsing

# A sentence ends at . ! ? (optionally closed by a quote or bracket) before
# whitespace and a capital, digit or opening quote; a line break always ends one.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*[ \t]+(?=[A-Z0-9\"“‘(])|\n+")
# Sentences kept before a figure's sentence in its paragraph: cross-sentence
# attribution ("X said. According to him, ...") and narrative time reach back
# one sentence; two leaves a margin for a sentence the regex splits too early.
CONTEXT_BEFORE = 2
# And after it: a trailing cue ("..., the ministry said.") in the next sentence.
CONTEXT_AFTER = 1
# Characters a blanked sentence keeps, so quotation regions, paragraph breaks
# and every character offset stay as they are in the document.
_KEPT_CHARS = frozenset("\n“”«»\"")


class Sentence(NamedTuple):
    """A sentence found by regex before any parse."""

    start: int
    end: int
    paragraph: int
    colon: bool  # ends with ":" ("the ministry said:") and may introduce the next paragraph


def sentence_ranges(text: str) -> list[Sentence]:
    """Cheap sentence ranges of `text`, by regex: a line break always ends a sentence."""
    sents: list[Sentence] = []
    start, paragraph = 0, 0
    for match in _SENTENCE_END.finditer(text):
        _append(sents, text, start, match.start(), paragraph)
        paragraph += "\n" in match.group()
        start = match.end()
    _append(sents, text, start, len(text), paragraph)
    return sents


def _append(sents: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    chunk = text[start:end].rstrip()
    if chunk.strip():
        sents.append(Sentence(start, end, paragraph, chunk.endswith(":")))


def passages_text(text: str, spans: Iterable[tuple[int, int]],
                  regions: Iterable[tuple[int, int]] = (), alone: Iterable[tuple[int, int]] = ()) -> str:
    """`text` with the sentences no figure needs blanked out, offsets unchanged.

    Kept: every sentence holding one of `spans` (the figures), `CONTEXT_BEFORE`
    sentences before it and `CONTEXT_AFTER` after it in its paragraph, a
    colon-ended sentence closing the paragraph before, and for each quotation
    `region` touching a kept sentence, every sentence from the opening quote to
    the one after the closing quote; sentences holding one of `alone` (place
    names, which weigh in the document's main place) without context.  The rest become spaces (line breaks and
    quote marks stay), which spaCy tokenises and tags for next to nothing.
    """
    sents = sentence_ranges(text)
    if not sents:
        return text
    starts = [s.start for s in sents]
    keep = [False] * len(sents)

    def index(at: int) -> int:
        return max(bisect_right(starts, at) - 1, 0)

    for start, end in spans:
        for n in range(index(start), index(max(end - 1, start)) + 1):
            _keep_around(sents, keep, n)
    for start, _ in alone:
        keep[index(start)] = True
    for start, end in regions:
        a, b = index(start), index(max(end - 1, start))
        if any(keep[a:b + 1]):
            keep[a:min(b + 2, len(sents))] = [True] * (min(b + 2, len(sents)) - a)
    if all(keep):
        return text
    chars = list(text)
    for sent, kept in zip(sents, keep):
        if not kept:
            chars[sent.start:sent.end] = [c if c in _KEPT_CHARS else " " for c in text[sent.start:sent.end]]
    return "".join(chars)


def _keep_around(sents: list[Sentence], keep: list[bool], n: int) -> None:
    paragraph = sents[n].paragraph
    for m in range(max(n - CONTEXT_BEFORE, 0), min(n + CONTEXT_AFTER + 1, len(sents))):
        keep[m] = keep[m] or sents[m].paragraph == paragraph
    first = n
    while first > 0 and sents[first - 1].paragraph == paragraph:
        first -= 1
    if first > 0 and sents[first - 1].colon:
        keep[first - 1] = True
