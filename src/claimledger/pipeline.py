"""The claimledger pipeline, stage by stage.

0. `ingest`      files, folders and rows -> `Document`
1. `nlp`         sentences, tokens, parse and entities (spaCy, loaded once)
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

Stages 9-11 read the stored ledger; `api.ledger` runs them.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator

from . import nlp
from .attribution import attribute
from .assemble import build_claims
from .options import Options
from .quantities import find_quantities
from .records import Claim, Document, Quantity, TimeExpr
from .timex import find_times


@dataclass(frozen=True)
class Extracted:
    """A document and the claims read from it."""

    document: Document
    claims: list[Claim]


def extract(documents: Iterable[Document], options: Options = Options()) -> Iterator[Extracted]:
    """Run stages 1-7 over `documents`, parsing in batches."""
    pending = iter(documents)
    pairs = ((document, document.text) for document in pending)
    model = nlp.load_model(options.model)
    for doc, document in model.pipe(((text, document) for document, text in pairs), as_tuples=True,
                                    batch_size=options.batch_size):
        yield Extracted(document, claims_of(document, doc, options))


def claims_of(document: Document, doc, options: Options = Options()) -> list[Claim]:
    """Stages 2-7 for one parsed document."""
    times = find_times(document.text, anchor=document.published)
    quantities = figures(document.text, times, options)
    attributions = attribute(doc, [(q.start, q.end) for q in quantities], publisher=document.publisher)
    return build_claims(document, doc, quantities, attributions, times)


def figures(text: str, times: list[TimeExpr], options: Options = Options()) -> list[Quantity]:
    """The quantities of `text` that are not part of a date, a time or the date line."""
    taken = [(t.start, t.end) for t in times]
    skip = date_line_end(text)
    return [q for q in find_quantities(text, vague=options.vague)
            if q.start >= skip and not any(q.start < end and start < q.end for start, end in taken)]


def date_line_end(text: str) -> int:
    """Where a date line at the top of the text ends (0 when there is none)."""
    from .ingest import date_line

    if date_line(text) is None:
        return 0
    first = len(text) - len(text.lstrip())
    newline = text.find("\n", first)
    return len(text) if newline < 0 else newline


def extract_text(text: str, options: Options = Options(), *, doc_id: str = "text",
                 published: str | None = None) -> list[Claim]:
    """The claims in one text: a convenience for notebooks and tests."""
    from .ingest import make_document

    document = make_document(doc_id, text, None, published, options.publisher, options.title, options.url)
    return next(extract([document], options)).claims
