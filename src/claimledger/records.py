"""Typed records that flow between the pipeline stages.

Every stage takes and returns these frozen dataclasses, never bare tuples.
Character offsets (`start`, `end`) are always into the text of the document
as ingested, so `doc.text[start:end] == text` holds for every record.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


def whole_number(value: Any) -> Any:
    """A whole float as an int (1135.0 -> 1135), as the ledger gives numbers back; anything else as it is."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


@dataclass(frozen=True)
class Quantity:
    """A number found in text, normalised.

    `value` is the best single number (None for a bare range), `low`/`high`
    the interval (None where open: "up to 2,100" has low None, high 2100).
    `rule` records how a vague or bounded reading was made, e.g.
    "vague:hundreds=100" or "bound:up to".  `parts` > 1 marks a distributive
    phrase ("200 each for A, B and C": parts=3, value 200 per part).
    `alt_year` is True when the number could also be read as a year and the
    parser chose the count reading (or vice versa, see `is_year`).
    """

    text: str
    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    unit: str | None = None
    rule: str | None = None
    approximate: bool = False
    parts: int = 1
    alt_year: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class TimeExpr:
    """A time expression with its TimeML TIMEX3 value.

    `type` is the TIMEX3 type (DATE, TIME, DURATION, SET).  `value` follows
    the TempEval-3 convention ("2021-05-10", "2021-05", "2021", "1998-W02",
    "1998-Q1", "P3Y", "PRESENT_REF", "PAST_REF", "FUTURE_REF", "XXXX-05").
    `time_start`/`time_end` are ISO dates bounding the period the value
    denotes ("2020-12" -> "2020-12-01", "2020-12-31"); None when the value is
    not a calendar period (durations, vague references).
    """

    text: str
    start: int
    end: int
    type: str
    value: str
    time_start: str | None = None
    time_end: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Attribution:
    """Who puts a figure forward, through which cue, and how sure they are.

    `source` is the canonical name (None when nobody is named: never guessed);
    `source_text`/`source_start`/`source_end` locate the mention in the
    figure's own context ("he", "the diplomat"); for such a pronoun or
    description `source` is the name it resolves to within the document.
    `source_kind` is one of government, intergovernmental, armed_group,
    media, expert, anonymous, publisher, other.  `relayed_by` keeps a chain:
    "UN diplomatic sources told AFP" -> source "UN diplomatic sources",
    relayed_by "AFP".  `modality` is asserted | estimated | projected |
    denied | disputed.
    """

    source: str | None = None
    source_text: str | None = None
    source_start: int | None = None
    source_end: int | None = None
    cue: str | None = None
    modality: str = "asserted"
    source_kind: str | None = None
    relayed_by: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Document:
    """An article as ingested.  `id` is the file stem or the row's `id`;
    `sha` is the SHA-256 of the text, so the same content gives the same rows."""

    id: str
    text: str
    sha: str
    path: str | None = None
    published: str | None = None
    publisher: str | None = None
    title: str | None = None
    url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# The metadata fields of a stored document, in the order its rows list them.
DOCUMENT_METADATA = ("id", "sha", "path", "published", "publisher", "title", "url")


@dataclass(frozen=True)
class StoredDocument:
    """A document as the ledger reads it back: its metadata, its text only when the read asked
    for it (None otherwise), and how many claims it holds when the read counted them (None otherwise)."""

    id: str
    sha: str
    path: str | None = None
    published: str | None = None
    publisher: str | None = None
    title: str | None = None
    url: str | None = None
    text: str | None = None
    claims: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """The document row: the metadata, then `text` and `claims` where the read gave them."""
        out = {name: getattr(self, name) for name in DOCUMENT_METADATA}
        for name in ("text", "claims"):
            if getattr(self, name) is not None:
                out[name] = getattr(self, name)
        return out


@dataclass(frozen=True)
class Unchanged:
    """A document the ledger already holds with the same content: not read again."""

    doc: str


# As-of readings (`time_rule`) that do not come from the figure's own words: the time is the story's
# or the publication's, so a headline's figure read so borrows the body's time, and two figures read
# so are not known to hold on the same day.
UNDATED_RULES = frozenset({"publication", "present", "event"})

# The fields of a claim row, in the order of INTERFACE.md, then our additions.
CLAIM_FIELDS = (
    "id", "doc", "text", "start", "end", "value", "low", "high", "unit",
    "measure", "head", "qualifier", "kind", "modality", "source",
    "source_text", "source_start", "source_end", "cue", "time_start",
    "time_end", "time_text", "location", "sentence",
    "sentence_start", "source_kind", "relayed_by", "rule", "parts",
    "alt_year", "approximate", "time_rule",
)


@dataclass(frozen=True)
class Claim:
    """A quantity a source puts forward, with what, who, when and where.

    Field meanings are those of INTERFACE.md's claim row.  `sentence_start`
    is the offset of `sentence` in the document text.
    """

    id: str
    doc: str
    text: str
    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    measure: str | None
    head: str | None
    qualifier: str | None
    kind: str
    modality: str
    source: str | None
    source_text: str | None
    source_start: int | None
    source_end: int | None
    cue: str | None
    time_start: str | None
    time_end: str | None
    time_text: str | None
    location: str | None
    sentence: str
    sentence_start: int
    source_kind: str | None = None
    relayed_by: str | None = None
    rule: str | None = None
    parts: int = 1
    alt_year: bool = False
    approximate: bool = False
    time_rule: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in CLAIM_FIELDS}


@dataclass(frozen=True)
class Series:
    """Claims about the same quantity, linked across documents in as-of order.

    `claims` are claim ids in time order; `low`/`best`/`high` reconcile the
    latest figure, and `rule` names how ("ucdp-range+acled-conservative").
    """

    id: str
    label: str
    head: str | None
    location: str | None
    claims: tuple[str, ...]
    low: float | None = None
    best: float | None = None
    high: float | None = None
    rule: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["claims"] = list(self.claims)
        return out


@dataclass(frozen=True)
class Finding:
    """Something a checker found: what adds up, what does not, who disagrees.

    `holds` is True/False for arithmetic checks and None otherwise; `message`
    is one sentence a journalist can read; `severity` is low | medium | high (None for a stored
    row made elsewhere without one).
    """

    id: str
    type: str
    holds: bool | None
    claims: tuple[str, ...]
    docs: tuple[str, ...]
    message: str
    severity: str | None = "medium"
    evidence: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        for key in ("claims", "docs", "evidence"):
            out[key] = list(out[key])
        return out


@dataclass(frozen=True)
class Extracted:
    """A document and the claims read from it (stages 1-7), ready to store."""

    document: Document
    claims: list[Claim]
