"""What the JSON API answers, as pydantic models: its OpenAPI description is made from these.

The rows are the public ones (`claimledger claims --format jsonl` gives the same claim rows);
each model allows more fields than it names, so a field added to a record reaches the API
before it is described here.  Every error, whatever the route, is `ErrorBody`; FastAPI's own
422 validation answer is never sent (bad parameters are 400 in this shape), so
`describe_errors` takes it out of the schema.
"""
from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ...analyse.checks import FINDING_ORDER

# The values of a claim's `kind` (a level, or a change up or down).
ClaimKind = Literal["level", "increase", "decrease", "other"]
# The types of finding the checks make (`checks.FINDING_ORDER`, the one list of them).
FindingType = Literal[FINDING_ORDER]

Number = int | float | None


class Row(BaseModel):
    model_config = ConfigDict(extra="allow")


class ClaimRow(Row):
    """One claim: a figure, what it counts, who puts it forward, when and where it holds."""

    id: str
    doc: str = Field(description="the id of the document it stands in")
    text: str = Field(description='the figure as written, e.g. "up to 2,100"')
    start: int = Field(description="character offset of `text` in the document's text")
    end: int
    value: Number = Field(description="the best number, null for a bare range")
    low: Number = Field(description="the interval's low end, null where open")
    high: Number = Field(description="the interval's high end, null where open")
    unit: str | None = Field(description='"percent", an ISO 4217 code, a physical unit, or null for counts')
    measure: str | None = Field(description="what is counted, as written")
    head: str | None = Field(description="the singular lemma of the measure's head noun")
    qualifier: str | None
    kind: str = Field(description="level, increase, decrease or other")
    modality: str = Field(description="asserted, estimated, projected, denied or disputed")
    source: str | None = Field(description="the canonical name of who puts it forward, null if nobody")
    source_text: str | None
    source_start: int | None
    source_end: int | None
    cue: str | None = Field(description='the reporting verb or phrase: "said", "according to"')
    time_start: str | None = Field(description="ISO 8601 date: when the figure starts to hold")
    time_end: str | None = Field(description="ISO 8601 date: when the figure holds until")
    time_text: str | None
    location: str | None
    sentence: str


class SeriesRow(Row):
    """Figures about the same thing, linked across documents, in time order."""

    id: str
    label: str
    head: str | None
    location: str | None
    claims: list[str] = Field(description="claim ids in time order")
    low: Number = None
    best: Number = None
    high: Number = None
    rule: str | None = None


class FindingRow(Row):
    """What a check found: what adds up, what does not, who disagrees, what looks wrong."""

    id: str
    type: str = Field(description="parts_sum, stock_flow, source_disagreement, revision, suspicious_number, "
                                   "suspicious_entity, duplicate_report ...")
    holds: bool | None = Field(description="true or false for arithmetic checks, null otherwise")
    claims: list[str]
    docs: list[str]
    message: str


class DocumentRow(Row):
    """A document's metadata with its number of claims (its text at /api/documents/{id})."""

    id: str
    sha: str = Field(description="SHA-256 of the text as ingested")
    path: str | None
    published: str | None
    publisher: str | None
    title: str | None
    url: str | None
    claims: int | None = None


class DocumentText(Row):
    """A document's metadata and its text as ingested (claim offsets point into it)."""

    id: str
    sha: str
    path: str | None
    published: str | None
    publisher: str | None
    title: str | None
    url: str | None
    text: str


class Added(BaseModel):
    """What POST /api/documents did: the document's id, its claims, and whether it was new or changed."""

    id: str
    claims: int
    changed: bool


class ErrorDetail(BaseModel):
    status: int = Field(description="the HTTP status, again")
    message: str = Field(description="what went wrong, in one line")


class ErrorBody(BaseModel):
    """The one error shape of every route."""

    error: ErrorDetail


BAD_REQUEST = {400: {"model": ErrorBody, "description": "a parameter is missing, of the wrong type or out of range"}}
NOT_FOUND = {404: {"model": ErrorBody, "description": "no such item in the ledger"}}


def describe_errors(schema: dict[str, Any]) -> dict[str, Any]:
    """`schema` (FastAPI's OpenAPI) without the 422 answers it never gives, with every operation that
    takes parameters or a body answering 400 in the error shape instead."""
    error = {"description": BAD_REQUEST[400]["description"],
             "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}}
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            if responses.pop("422", None) is not None or operation.get("parameters") or "requestBody" in operation:
                responses.setdefault("400", error)
    for name in ("HTTPValidationError", "ValidationError"):
        schema.get("components", {}).get("schemas", {}).pop(name, None)
    return schema
