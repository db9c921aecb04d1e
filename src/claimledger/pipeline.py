"""The claimledger pipeline, stage by stage.

0. `ingest`      files, folders and rows -> `Document`
1. `nlp`         sentences, tokens, parse and entities (spaCy, loaded once); only
                 the sentences around a figure are parsed, the rest are blanked
2. `quantities`  every figure, normalised -> `Quantity`
3. `attribution` who puts it forward, the cue and the modality -> `Attribution`
4. `measure`     what it counts, and whether it is a level or a change
5. `anchoring`   when it holds (TIMEX3 values from `timex`, anchored to publication)
6. `location`    where it is about
7. `assemble`    all of the above -> `Claim`
8. `storage`     the ledger in SQLite, with named migrations
9. `link`        claims about the same quantity -> `Series`
10. `checks`     what adds up and what does not -> `Finding`
11. `report`     the self-contained HTML report (and `web` for the UI)

Stages 9-11 read the stored ledger; `api.ledger` runs them.  With `--jobs N`,
stages 1-7 run in N worker processes, each loading the model once, and only the
documents and their claims travel back (`extract`).
"""
from __future__ import annotations

import multiprocessing
from collections import deque
from dataclasses import dataclass, replace
from itertools import islice
from typing import TYPE_CHECKING, Iterable, Iterator

from .extract import nlp, passages
from .extract.attribution.attribute import attribute, quote_regions
from .extract.assemble import build_claims
from .names import PLACE_PATTERN
from .options import Options
from .extract.quantities import find_quantities
from .records import Claim, Document, Extracted, Quantity, TimeExpr
from .extract.attribution.quotations import speaker_labels
from .extract.timex import find_times
from .extract.anchoring import opening_span
from .read.language import is_supported

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass(frozen=True)
class Prepared:
    """What is read from a document's text before the parse (stages 2 and 5's times)."""

    document: Document
    times: list[TimeExpr]
    quantities: list[Quantity]


def extract(documents: Iterable[Document], options: Options = Options()) -> Iterator[Extracted]:
    """Run stages 1-7 over `documents`, in input order, parsing in batches (in `options.jobs` processes).

    Figures and times are found by regex first, so that the parse can skip the
    sentences that neither hold a figure nor give one its context
    (`passages.passages_text`); `options.selective=False` parses every sentence.
    """
    if options.jobs > 1:
        yield from _extract_in_workers(documents, options)
        return
    model, memo = nlp.load_model(options.model), nlp.parse_memo(options.model)
    for batch in minibatch((prepare(document, options) for document in documents), options.batch_size):
        texts = [parse_text(done, options) for done in batch]
        docs = memo.parse(texts, options.batch_size, options.parse_by_paragraph)
        names = nlp.entities_only(model, [place_text(done, parsed, options) for done, parsed in zip(batch, texts)],
                                  nlp.entity_memo(options.model))
        for done, doc, named in zip(batch, docs, names):
            yield Extracted(done.document, claims_from(done, doc, named))


# Chunks of documents each worker may have queued beyond the one it works on: enough that no worker
# waits while the main process stores, few enough that a stream of any length is read only that far
# ahead (memory stays bounded).
CHUNKS_AHEAD = 2


def _extract_in_workers(documents: Iterable[Document], options: Options) -> Iterator[Extracted]:
    """`extract` over chunks of `options.batch_size` documents in `options.jobs` processes, in order.

    Each worker runs the whole of stages 1-7 (regex, parse, attribution ...), not only spaCy's
    pipe, so the main process is left to store; workers are spawned (not forked), so none inherits
    the caller's threads or open ledger.
    """
    single = replace(options, jobs=1)
    context = multiprocessing.get_context("spawn")
    with context.Pool(options.jobs, initializer=_load_model, initargs=(single.model,)) as pool:
        queued: deque = deque()
        for chunk in minibatch(documents, options.batch_size):
            queued.append(pool.apply_async(_extract_chunk, (chunk, single)))
            while len(queued) > options.jobs * CHUNKS_AHEAD:
                yield from queued.popleft().get()
        while queued:
            yield from queued.popleft().get()


def _load_model(name: str) -> None:
    nlp.load_model(name)


def _extract_chunk(documents: list[Document], options: Options) -> list[Extracted]:
    return list(extract(documents, options))


def minibatch(items: Iterable, size: int) -> Iterator[list]:
    """`items` in lists of `size` (the last one shorter), read lazily."""
    items = iter(items)
    while batch := list(islice(items, size)):
        yield batch


def prepare(document: Document, options: Options = Options()) -> Prepared:
    """Stages 2 and 5's regex half: the times and figures of `document`, before any parse.

    Times are looked for only where the claims can read them: in the paragraphs
    the selective parse keeps for the figure candidates (a superset of what it
    keeps for the figures left once dates are taken out).  A document in a language
    the extractors do not read (`read.language`) has neither.
    """
    text = document.text
    if not is_supported(text):
        return Prepared(document, [], [])  # not read as English: stored without claims (ingest warns)
    candidates = find_quantities(text, vague=options.vague)
    times = find_times(text, anchor=document.published, within=time_windows(text, candidates, options))
    return Prepared(document, times, figures(text, times, candidates))


def time_windows(text: str, candidates: list[Quantity], options: Options = Options()) -> list[tuple[int, int]] | None:
    """Where `prepare` looks for times: None for the whole text, [] for nowhere (no figure, no claim)."""
    if not candidates:
        return []
    if not options.selective or is_interview(text):
        return None
    windows = passages.passage_paragraphs(text, [(q.start, q.end) for q in candidates], quote_regions(text))
    # the opening's times date the story's news and name its vote, figure or not (anchoring)
    opening = opening_span(text)
    return joined(windows + [opening]) if opening is not None else windows


def joined(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted (start, end) ranges with those that overlap or touch joined into one."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


def parse_text(prepared: Prepared, options: Options = Options()) -> str:
    """The text handed to spaCy: the document, with unneeded sentences blanked when selective.

    A document with no figure yields no claim, so nothing of it is parsed ("").
    """
    if not prepared.quantities:
        return ""
    text = passages.without_datelines(prepared.document.text)
    if not options.selective:
        return text
    return selected_text(text, [(q.start, q.end) for q in prepared.quantities])


def selected_text(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with the sentences the figures at `spans` do not need blanked; a transcript whole."""
    if is_interview(text):
        return text
    return passages.passages_text(text, spans, quote_regions(text))


def place_text(prepared: Prepared, parsed: str, options: Options = Options()) -> str | None:
    """The sentences naming a place that `parsed` left out, for the entity recogniser alone (None if none).

    spaCy's GPE/LOC entities there weigh in the document's main place, the
    fallback location of every figure; nothing else in them is read.
    """
    text = prepared.document.text
    if not options.selective or not prepared.quantities or parsed == text:
        return None
    return passages.names_text(text, parsed, [m.span() for m in PLACE_PATTERN.finditer(text)])


def is_interview(text: str) -> bool:
    """A transcript: its speaker labels attribute whole answers, so parse it all."""
    return bool(speaker_labels(text))


def claims_from(prepared: Prepared, doc, names: "Doc | None" = None) -> list[Claim]:
    """Stages 3-7 for one prepared, parsed document (`names`: entities of its `place_text`)."""
    quantities = prepared.quantities
    if not quantities:
        return []
    attributions = attribute(doc, [(q.start, q.end) for q in quantities], publisher=prepared.document.publisher)
    return build_claims(prepared.document, doc, quantities, attributions, prepared.times, names)


def figures(text: str, times: list[TimeExpr], candidates: list[Quantity]) -> list[Quantity]:
    """The `candidates` (quantities of `text`) that are not part of a date, a time or the date line."""
    taken = [(t.start, t.end) for t in times]
    skip = date_line_end(text)
    return [q for q in candidates
            if q.start >= skip and not any(q.start < end and start < q.end for start, end in taken)]


def date_line_end(text: str) -> int:
    """Where a date line at the top of the text ends (0 when there is none)."""
    from .read.dates import date_line

    if date_line(text) is None:
        return 0
    first = len(text) - len(text.lstrip())
    newline = text.find("\n", first)
    return len(text) if newline < 0 else newline


def extract_text(text: str, options: Options = Options(), *, doc_id: str = "text",
                 published: str | None = None) -> list[Claim]:
    """The claims in one text: a convenience for notebooks and tests."""
    from .read.ingest import make_document

    document = make_document(doc_id, text, None, published, options.publisher, options.title, options.url)
    return next(extract([document], options)).claims
