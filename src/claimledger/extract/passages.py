"""Stage 1's selection: which sentences of a document the parse needs.

A figure's claim reads its own sentence and a little context (attribution and
narrative time reach back a sentence or two, a quotation to its speaker), so the
selective parse blanks every other sentence before spaCy sees the text:
offsets stay as they are, and what is blanked costs next to nothing to tag.
Sentences are found here by regex, before any parse (`sentence_ranges`).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import Iterable, NamedTuple, Sequence

from ..data.reporting_en import REPORTING_VERBS

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


# A dateline opening a paragraph: the place in capitals, perhaps a region or a date, perhaps the
# agency in brackets, then a dash: "KASULU, Tanzania - ", "ANTANANARIVO, Nov 22 (Lakeside Wire) - ".
DATELINE = re.compile(r"^[A-Z][A-Z'’.]+(?:[ /-][A-Z][A-Z'’.]+)*(?:,[ \t]*[A-Z][A-Za-z'’.]*(?:[ \t]+\d{1,2})?(?:,?[ \t]+\d{4})?)?"
                      r"(?:[ \t]*\([^()\n]{2,40}\))?[ \t]+[-–—][ \t]+", re.MULTILINE)


def without_datelines(text: str) -> str:
    """`text` with its datelines blanked (offsets kept): the parser would read the place as the
    subject of the lead ("ANTANANARIVO ... confirmed"), and a dateline says nothing of a figure."""
    return DATELINE.sub(lambda m: " " * len(m.group(0)), text)


# Texts whose sentence ranges are remembered: one document's text is split by the selection, the
# time windows, the place names' sentences and the update's summaries (once per year-like number),
# one document after another, so a few suffice.
SENTENCE_MEMO_TEXTS = 8


def sentence_ranges(text: str) -> tuple[Sentence, ...]:
    """Cheap sentence ranges of `text`, by regex: a line break always ends a sentence.

    Remembered for the last few texts (`SENTENCE_MEMO_TEXTS`): the result is a tuple, never changed.
    """
    return _sentence_ranges(text)


@lru_cache(maxsize=SENTENCE_MEMO_TEXTS)
def _sentence_ranges(text: str) -> tuple[Sentence, ...]:
    sents: list[Sentence] = []
    start, paragraph = 0, 0
    for match in _SENTENCE_END.finditer(text):
        _append(sents, text, start, match.start(), paragraph)
        paragraph += "\n" in match.group()
        start = match.end()
    _append(sents, text, start, len(text), paragraph)
    return tuple(sents)


def _append(sents: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    chunk = text[start:end].rstrip()
    if chunk.strip():
        sents.append(Sentence(start, end, paragraph, chunk.endswith(":")))


def passages_text(text: str, spans: Iterable[tuple[int, int]], regions: Iterable[tuple[int, int]] = ()) -> str:
    """`text` with the sentences no figure needs blanked out, offsets unchanged.

    Kept: every sentence holding one of `spans` (the figures), `CONTEXT_BEFORE`
    sentences before it and `CONTEXT_AFTER` after it in its paragraph, a
    colon-ended sentence closing the paragraph before; for each quotation
    `region` touching a kept sentence, every sentence from the opening quote to
    the one after the closing quote in its paragraph; and the first sentence
    writing out in full a name that a kept sentence gives a speaker by its
    last word ("Alexander Bikantov" for "Mr Bikantov said"), where
    attribution's document memory learns a source's full name and title.  The rest become
    spaces (line breaks and quote marks stay), which spaCy tokenises and tags
    for next to nothing.
    """
    sents, keep = _kept(text, spans, regions)
    return _blanked(text, sents, keep)


def passage_paragraphs(text: str, spans: Iterable[tuple[int, int]],
                       regions: Iterable[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """The (start, end) ranges of the paragraphs that hold a sentence `passages_text` keeps, runs joined.

    A range runs to the start of the next paragraph left out, line breaks
    included, so nothing written across two kept paragraphs is cut.
    """
    sents, keep = _kept(text, spans, regions)
    wanted = {sent.paragraph for sent, kept in zip(sents, keep) if kept}
    firsts: dict[int, int] = {}  # paragraph -> where its first sentence starts
    for sent in sents:
        firsts.setdefault(sent.paragraph, sent.start)
    order = list(firsts)
    ranges: list[tuple[int, int]] = []
    for n, paragraph in enumerate(order):
        if paragraph in wanted:
            start, end = firsts[paragraph], firsts[order[n + 1]] if n + 1 < len(order) else len(text)
            if ranges and ranges[-1][1] == start:
                start = ranges.pop()[0]
            ranges.append((start, end))
    return ranges


def _kept(text: str, spans: Iterable[tuple[int, int]],
          regions: Iterable[tuple[int, int]] = ()) -> tuple[tuple[Sentence, ...], list[bool]]:
    """The regex sentences of `text` and which of them `passages_text` keeps."""
    sents = sentence_ranges(text)
    starts = [s.start for s in sents]
    keep = [False] * len(sents)

    def index(at: int) -> int:
        return max(bisect_right(starts, at) - 1, 0)

    for start, end in spans:
        for n in range(index(start), index(max(end - 1, start)) + 1):
            _keep_around(sents, keep, n)
    for start, end in regions:
        a, b = index(start), index(max(end - 1, start))
        if any(keep[a:b + 1]):
            # the sentence after the quote names its speaker ("“...,” she said.") only in its paragraph
            last = b + 1 if b + 1 < len(sents) and sents[b + 1].paragraph == sents[b].paragraph else b
            keep[a:last + 1] = [True] * (last + 1 - a)
    if any(keep):
        for at in _full_names_first_written(text, sents, keep):
            keep[index(at)] = True
    return sents, keep


# A run of capitalised words on one line; a name written out in full is such a run of two or more
# ending in a word (group 1) a later mention may use alone ("Alexander Bikantov" ... "Mr Bikantov said").
_CAPITALISED = r"[A-Z][\w'’.-]*"
_CAPITALISED_RUN = re.compile(rf"\b{_CAPITALISED}(?:[ \t]+{_CAPITALISED})*")
_FULL_NAME = re.compile(rf"\b{_CAPITALISED}(?:[ \t]+{_CAPITALISED})*[ \t]+([A-Z][a-z][\w'’-]+)\b")
_WORD = re.compile(r"[\w'’]+")
# Titles that stand before a surname used alone ("Mr Bikantov", "Senator Roe").
TITLES = frozenset({"Mr", "Mrs", "Ms", "Dr", "Prof", "Sen", "Rep", "Gov", "Gen", "Col", "Lt", "Capt", "President",
                    "Senator", "Governor", "Minister", "Prime", "Mayor", "Judge", "Ambassador", "Secretary",
                    "Chancellor", "General", "Justice", "Chairman", "Chairwoman", "Professor", "Speaker"})
# Words of speech within three words of a surname used alone ("Roe said", "said Roe", "according to Roe").
_SPEECH_WORDS = frozenset({"said", "told", "wrote", "written", "found", "spoke", "according"} | {
    form for lemma in REPORTING_VERBS
    for form in (lemma, lemma + "s", lemma + "es", lemma + "d", lemma + "ed", lemma[:-1] + "ied", lemma[:-1] + "ies")})


def _full_names_first_written(text: str, sents: Sequence[Sentence], keep: list[bool]) -> list[int]:
    """Where the names that kept sentences give a speaker by the last word alone are first written in full.

    A surname alone (after a title or none: "Mr Bikantov", "Roe") within three
    words of a word of speech ("said", "according") names a source; the first
    sentence writing the name out ("Alexander Bikantov") is where attribution's
    memory learns the full name and the title.
    """
    used: set[str] = set()
    for sent, kept in zip(sents, keep):
        if kept:
            for run in _CAPITALISED_RUN.finditer(text, sent.start, sent.end):
                *titles, last = run.group().split()
                if not re.match(r"[A-Z][a-z]", last) or any(t.rstrip(".") not in TITLES for t in titles):
                    continue
                near = _WORD.findall(text, max(sent.start, run.start() - 30), run.start())[-3:] + \
                    _WORD.findall(text, run.end(), min(sent.end, run.end() + 40))[:3]
                if titles or any(word.lower() in _SPEECH_WORDS for word in near):
                    used.add(last)
    first: dict[str, int] = {}
    for match in _FULL_NAME.finditer(text):
        if match.group(1) in used:
            first.setdefault(match.group(1), match.start())
    return list(first.values())


def _blanked(text: str, sents: Sequence[Sentence], keep: list[bool]) -> str:
    """`text` with the sentences not kept turned to spaces (line breaks and quote marks stay)."""
    if not sents or all(keep):
        return text
    chars = list(text)
    for sent, kept in zip(sents, keep):
        if not kept:
            chars[sent.start:sent.end] = [c if c in _KEPT_CHARS else " " for c in text[sent.start:sent.end]]
    return "".join(chars)


def names_text(text: str, parsed: str, names: Iterable[tuple[int, int]]) -> str | None:
    """The sentences holding one of `names` that `parsed` blanked, the rest blanked; None if there are none.

    Place names weigh in the document's main place through spaCy's entities
    only, so these sentences need the entity recogniser and not the parse:
    `entities_only` reads them for a third of a full parse's cost.
    """
    sents = sentence_ranges(text)
    starts = [s.start for s in sents]
    keep = [False] * len(sents)
    for start, _ in names:
        n = max(bisect_right(starts, start) - 1, 0)
        keep[n] = keep[n] or (bool(sents) and not parsed[sents[n].start:sents[n].end].strip())
    return _blanked(text, sents, keep) if any(keep) else None


def _keep_around(sents: Sequence[Sentence], keep: list[bool], n: int) -> None:
    paragraph = sents[n].paragraph
    for m in range(max(n - CONTEXT_BEFORE, 0), min(n + CONTEXT_AFTER + 1, len(sents))):
        keep[m] = keep[m] or sents[m].paragraph == paragraph
    first = n
    while first > 0 and sents[first - 1].paragraph == paragraph:
        first -= 1
    if first > 0 and sents[first - 1].colon:
        keep[first - 1] = True
