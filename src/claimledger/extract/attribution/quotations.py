"""Quotations and speaker labels: which region of the text a frame speaks for.

Quotations are paired paragraph by paragraph (curly, straight, doubled
apostrophes); a quote with no cue of its own takes the speaker of the quote
before it (or the next one in its paragraph), or of a label right before it
("Jane Roe: “...”").
Interview transcripts ("Q:" and "Name:" label lines) give each answer to the
named speaker; a paragraph after "the ministry said:" belongs to that cue.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...data import reporting_en as cues
from ...data import sources_en as kinds
from ...names import place_mentions
from .memory import DETERMINERS, Analysis, Frame, Memory, frame_over, mention_kind

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

# A label line: a name and a colon opening a line, perhaps inside the quote mark
# that opens a quoted transcript ('"WALLACE: ...').
LABEL_LINE = re.compile(r"^[ \t]*[\"“]?([A-Z][\w.'’\- ]{0,60}?)[ \t]*:[ \t]+(?=\S)", re.MULTILINE)
OPEN_QUOTES = ("“", "«", "``")
CLOSE_QUOTES = ("”", "»")
# What may stand before a speaker label on its line: "- Name:", "More from Name:"
LABEL_SEPARATOR = re.compile(r"\s[-–—]\s|\bfrom\s")
# A quote signed at the end of its line: '“...” ― Jane A. Roe.' (group 1: the name)
SIGNATURE = re.compile(r"[^\S\n]*[-–—―]{1,2}[^\S\n]*([A-Z][\w.'’\-]*(?:[^\S\n]+[A-Z][\w.'’\-]*){0,4}?)[^\S\n]*\.?[^\S\n]*(?=\n|$)")
QUOTE_MARK = re.compile("|".join(re.escape(m) for m in (*OPEN_QUOTES, *CLOSE_QUOTES, *cues.TOGGLE_QUOTES)))


# ---------------------------------------------------------------- quote marks

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


# ---------------------------------------------------------------- speakers of quotes

def _sentence_frames(analysis: Analysis, sent: "Span") -> list[Frame]:
    found = [analysis.verb_frames[t.i] for t in sent if t.i in analysis.verb_frames]
    return found + analysis.phrase_frames.get(sent.start, [])


def _quote_frame(doc: "Doc", analysis: Analysis, start: int, end: int, previous: Frame | None) -> Frame | None:
    first = doc.char_span(start, start + 1, alignment_mode="expand")
    last = doc.char_span(max(end - 1, start), end, alignment_mode="expand")
    if first is None or last is None:
        return None
    sents = analysis.sents
    a, b = analysis.sent_of(first.start), analysis.sent_of(last.start)
    candidates = list(range(b, a - 1, -1))
    if b + 1 < len(sents) and "\n" not in analysis.text[end:sents[b + 1].start_char]:
        # "“...?” Trump said." may split after the quote; a cue in the next paragraph is another matter
        candidates.insert(1, b + 1)
    for n in candidates:
        # a quote's speaker is named outside it: a cue with no source, or one inside the quote, is not it
        # (nor one named inside another quotation of the sentence: "“... we do not want ...,” X said,
        # going on to say that “...”" is X's)
        frames = [f for f in _sentence_frames(analysis, sents[n])
                  if f.mention is not None and analysis.quote_at(f.mention[0]) is None]
        if frames:
            return frames[0]
    if a > 0 and sents[a].start_char >= start - 1:
        frames = [f for f in _sentence_frames(analysis, sents[a - 1])
                  if f.mention is None or analysis.quote_at(f.mention[0]) is None]
        if frames:
            return frames[-1]
    return previous


def quote_frames(doc: "Doc", analysis: Analysis) -> None:
    """Give every quotation its speaker; a quote with no cue of its own takes a neighbour's.

    The neighbour is the quote just before it (within `cues.QUOTE_CARRY_CHARS`,
    or any distance when that quote ran on to this paragraph), else the next
    quote of the same paragraph ("'...,' he said. '...'" keeps one speaker).
    """
    text = analysis.text
    quotes = quotations(text)
    analysis.quotes = [(q.start, q.end) for q in quotes]
    own = [_signature_frame(doc, analysis, q) or _quote_frame(doc, analysis, q.start, q.end, None)
           or _label_frame(doc, analysis, q) for q in quotes]
    previous: Frame | None = None
    for n, quote in enumerate(quotes):
        frame = own[n]
        if frame is None and n > 0:
            before = quotes[n - 1]
            continued = before.open_ended and "\n" in text[before.end:quote.start] \
                and not text[before.end:quote.start].strip()
            if continued or quote.start - before.end < cues.QUOTE_CARRY_CHARS:
                frame = previous
        if frame is None and n + 1 < len(quotes) and "\n" not in text[quote.end:quotes[n + 1].start]:
            frame = own[n + 1]
        if frame is not None:
            analysis.regions.append((quote.start, quote.end, frame))
        previous = frame


def _label_frame(doc: "Doc", analysis: Analysis, quote: Quote) -> Frame | None:
    """A quote right after a name and a colon ("Jane Roe: “...”", "More from Roe: “...”")."""
    text = analysis.text
    line_start = text.rfind("\n", 0, quote.start) + 1
    before = text[line_start:quote.start].rstrip()
    if not before.endswith(":"):
        return None
    label = LABEL_SEPARATOR.split(before[:-1])[-1]
    if not _is_label(label.strip()):
        return None
    begin = line_start + len(before) - 1 - len(label) + (len(label) - len(label.lstrip()))
    span = doc.char_span(begin, begin + len(label.strip()), alignment_mode="expand")
    if span is None or analysis.memory is None:
        return None
    return frame_over(doc, span.start, span.end, analysis.memory, ":", "asserted")


def _signature_frame(doc: "Doc", analysis: Analysis, quote: Quote) -> Frame | None:
    """A quote signed after a dash at the end of its line ('“...” ― Jane A. Roe.')."""
    match = SIGNATURE.match(analysis.text, quote.end)
    if match is None or analysis.memory is None:
        return None
    span = doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
    if span is None:
        return None
    name = match.group(1)
    cluster = analysis.memory.person(name, span) if len(name.split()) >= 2 else analysis.memory.resolve(span.start, span.end)
    return Frame(cue="―", modality="asserted", mention=(match.start(1), match.end(1)), cluster=cluster)


def colon_paragraphs(doc: "Doc", analysis: Analysis) -> None:
    """A paragraph after "the ministry said:" belongs to that frame."""
    text = analysis.text
    for sent in analysis.sents:
        if not text[sent.start_char:sent.end_char].rstrip().endswith(":"):
            continue
        frames = [analysis.verb_frames[t.i] for t in sent if t.i in analysis.verb_frames]
        if not frames:
            continue
        start = sent.end_char
        newline = text.find("\n", start + 1)
        while newline >= 0 and not text[start:newline].strip():
            newline = text.find("\n", newline + 1)
        analysis.regions.append((start, newline if newline >= 0 else len(text), frames[-1]))


# ---------------------------------------------------------------- speaker labels

def speaker_labels(text: str) -> list[re.Match]:
    """The label lines of a transcript, in order, or [] when `text` is not one.

    A transcript has a question label ("Q:") and another label, or turns of
    at least two speakers named in capitals ("WALLACE: ...", "PENCE: ..."),
    as broadcast transcripts print them; then only the capital labels are
    turns, and "Note:" or "UPDATE:" lines are not speakers.
    """
    labels = [m for m in LABEL_LINE.finditer(text) if _is_label(m.group(1))]
    if any(m.group(1).strip().lower() in cues.QUESTION_LABELS for m in labels) and len(labels) >= 2:
        return labels
    turns = [m for m in labels if _is_capital_name(m.group(1).strip())]
    return turns if len({m.group(1).strip() for m in turns}) >= 2 else []


def _is_capital_name(label: str) -> bool:
    """"WALLACE", "CHRIS WALLACE": a name set in capitals, not a heading such as "UPDATE"."""
    words = label.split()
    return 1 <= len(words) <= 3 and all(len(w) >= 2 and w.isupper() for w in words) \
        and label.lower() not in cues.NOT_SPEAKER_LABELS


def interview_regions(doc: "Doc", analysis: Analysis, memory: Memory) -> None:
    """Each turn of a transcript (`speaker_labels`) up to the next label belongs to its speaker."""
    text = analysis.text
    labels = speaker_labels(text)
    for n, match in enumerate(labels):
        name = match.group(1).strip()
        if name.lower() in cues.QUESTION_LABELS:
            continue
        end = labels[n + 1].start() if n + 1 < len(labels) else len(text)
        span = doc.char_span(match.start(1), match.start(1) + len(name), alignment_mode="expand")
        if span is None:
            continue
        frame = Frame(cue=cues.INTERVIEW_CUE, modality="asserted", mention=(match.start(1), match.start(1) + len(name)))
        frame.cluster = memory.person(name, span) if len(name.split()) >= 2 else memory.resolve(span.start, span.end)
        analysis.regions.append((match.end(), end, frame))


def headline_regions(doc: "Doc", analysis: Analysis, memory: Memory) -> None:
    """"Gingrich: Trump must decide ...", "Ambassador: no new arrivals": a person or a body and a colon
    open a line that is not a transcript turn; the statement after the colon, to the end of its
    sentence, is theirs.

    A place before the colon is the story's subject ("Syria: 20 killed"), and a bare tally after
    it ("Clinton: 2,316.") is a table row, not a statement: neither names a source.
    """
    text = analysis.text
    if speaker_labels(text):
        return  # a transcript: interview_regions gave each turn its speaker
    for match in LABEL_LINE.finditer(text):
        name = match.group(1).strip()
        if not _is_label(name) or len(name.split()) > 3 or name.lower() in cues.QUESTION_LABELS | cues.NOT_SPEAKER_LABELS:
            continue
        span = doc.char_span(match.start(1), match.start(1) + len(name), alignment_mode="expand")
        said = doc.char_span(match.end(), match.end() + 1, alignment_mode="expand")
        if span is None or said is None or not _names_source(span):
            continue
        line_end = text.find("\n", match.end())
        end = min(said[0].sent.end_char, line_end if line_end >= 0 else len(text))
        statement = doc.char_span(match.end(), end, alignment_mode="contract")
        if statement is None or sum(not t.is_punct and not t.is_space for t in statement) < 3:
            continue
        title = name.lower()
        cluster = memory.titled(title) if title in kinds.PERSON_DESCRIPTIONS else None
        frame = Frame(cue=":", modality="asserted", mention=(span.start_char, span.end_char),
                      cluster=cluster or memory.resolve(span.start, span.end))
        analysis.regions.append((match.end(), end, frame))


def _names_source(span: "Span") -> bool:
    """A person or a body the tagger names, or a proper name it did not type ("Gingrich"); not a place."""
    if any(t.ent_type_ in ("GPE", "LOC", "FAC", "DATE", "TIME", "EVENT", "WORK_OF_ART") for t in span):
        return False
    if any(surface == span.text for surface, _start, _end, _place in place_mentions(span.text)):
        return False  # a country or city of our table the tagger did not type
    return any(t.ent_type_ in ("PERSON", "ORG", "NORP") for t in span) or all(t.pos_ == "PROPN" for t in span) \
        or mention_kind(span.text) is not None


def _is_label(label: str) -> bool:
    words = label.split()
    if label.lower().strip() in cues.QUESTION_LABELS:
        return True
    if not words or words[0].lower() in DETERMINERS:
        return False
    return len(words) <= 4 and all(w[:1].isupper() for w in words)
