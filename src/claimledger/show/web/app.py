"""The web UI and JSON API over a ledger file (FastAPI + Jinja2, served by uvicorn).

Pages: `/overview` (what to check first, the series that matter most), `/` (search and
filter claims), `/series` (by importance, searchable), `/series/{id}`, `/findings` (worst
first, by group), `/documents`,
`/documents/{id}` (the text with every figure marked), `/docs` (an offline list of
the endpoints; the schema is at `/openapi.json`).  A document id may hold anything
a file name or URL does ("/", "?", spaces, non-ASCII): links quote it and the
routes take the rest of the path as the id.  Every GET answers HEAD too.  JSON: `GET /api/claims`,
`/api/series`, `/api/findings`, `/api/documents` return lists, paged by `limit`
(default 50, at most 500) and `offset`, with the unpaged total in `X-Total-Count`.
Every route filters, counts and pages in SQL (store.read_claims and friends, the
FTS5 index for `q`) and reads only the rows it shows: the stored series and
findings, never the whole ledger.  Every error, page or API, has one shape,
`{"error": {"status": int, "message": str}}`, made in `error_response`: a bad
parameter (of the wrong type, out of range, an unknown `kind`, `from` after `to`)
is a 400 in that shape, and the OpenAPI schema (models.py) says so.

Read-only unless `writable=True`, which adds `POST /api/documents`.  Nothing is
loaded from a CDN; a Content-Security-Policy allows only this server's own
scripts and styles.  Article text is untrusted and reaches pages only through
Jinja autoescape or `report`'s escaping helpers.
"""
from __future__ import annotations

from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator
from urllib.parse import quote, unquote, urlencode

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.openapi.utils import get_openapi
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from ... import api
from ...errors import BadInput
from ...ledger import linked, store
from ...read.ingest import make_document
from ...records import Claim, Finding, Series, StoredDocument
from ...timespan import bounds
from ...analyse.summary import FINDING_GROUPS, LedgerSummary, group_of, ordered_findings, read_summary
from ..report import STATIC, claim_review, document_html, ledger_context, review_rating, template_environment
from .models import (BAD_REQUEST, NOT_FOUND, Added, ClaimKind, FindingType, ClaimRow, DocumentRow, DocumentText, FindingRow,
                     SeriesRow, describe_errors)

MAX_LIMIT = 500
DEFAULT_LIMIT = 50
MAX_QUERY = 200
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
STATIC_FILES = {"claimledger.css": "text/css", "claims-filter.js": "text/javascript"}
CONTENT_SECURITY_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                           "img-src 'self' data:; connect-src 'self'; form-action 'self'; "
                           "base-uri 'none'; frame-ancestors 'none'")


# ---------------------------------------------------------------- the ledger (the seam)


@contextmanager
def ledger_connection(db_path: str | Path) -> Iterator[Any]:
    """A connection to the ledger for one request, closed after it."""
    with closing(store.connect(db_path, write=False)) as con:
        yield con


def read_document(db_path: str | Path, doc_id: str) -> StoredDocument | None:
    """One document with its text; None when unknown."""
    with ledger_connection(db_path) as con:
        return store.read_document(con, doc_id)


# ---------------------------------------------------------------- filters



def claim_filters(*, q: str | None = None, source: str | None = None, series: str | None = None,
                  doc: str | None = None, head: str | None = None, kind: str | None = None,
                  date_from: str | None = None, date_to: str | None = None) -> dict[str, str | None]:
    """The query parameters as store.ClaimFilter fields; empty values mean no filter, dates become days.

    `from` after `to` selects nothing and is surely a slip: it is refused (400), not answered with [].
    """
    first, last = bounds(date_from or None, date_to or None)
    if first and last and first > last:
        raise HTTPException(400, f"from: {date_from} is after to: {date_to}")
    return {"query": q or None, "source": source or None, "series": series or None, "doc": doc or None,
            "head": head or None, "kind": kind or None, "date_from": first.isoformat() if first else None,
            "date_to": last.isoformat() if last else None}


def claims_page_rows(con: Any, filters: dict, limit: int, offset: int) -> tuple[list[Claim], int]:
    """One page of the claims matching `filters`, and how many match in all (both by SQL)."""
    return store.read_claims(con, limit=limit, offset=offset, **filters), store.count_claims(con, **filters)


# ---------------------------------------------------------------- errors

def error_response(request: Request, status: int, message: str) -> Response:
    """The one error shape: JSON for the API and non-browser clients, the same fields in a page otherwise."""
    body = {"error": {"status": status, "message": message}}
    wants_page = not request.url.path.startswith("/api") and "text/html" in request.headers.get("accept", "")
    if wants_page:
        html = template_environment().get_template("error.html").render(error=body["error"], nav=None)
        return HTMLResponse(html, status_code=status)
    return JSONResponse(body, status_code=status)


def validation_message(exc: RequestValidationError) -> str:
    """The first validation problem as "limit: Input should be less than or equal to 500"."""
    problems = exc.errors()
    if not problems:
        return "invalid request"
    first = problems[0]
    where = ".".join(str(part) for part in first.get("loc", ()) if part not in ("query", "path", "body"))
    return f"{where}: {first.get('msg', 'invalid value')}" if where else first.get("msg", "invalid value")


def install_error_handler(app: FastAPI) -> None:
    """Route HTTP errors and validation errors (as 400) through `error_response`."""
    async def handle(request: Request, exc: Exception) -> Response:
        if isinstance(exc, RequestValidationError):
            return error_response(request, 400, validation_message(exc))
        return error_response(request, exc.status_code, str(exc.detail))

    app.add_exception_handler(StarletteHTTPException, handle)
    app.add_exception_handler(RequestValidationError, handle)


# ---------------------------------------------------------------- the app

class NewDocument(BaseModel):
    """The body of POST /api/documents (only when the app is writable)."""

    id: str = Field(min_length=1, max_length=200)
    text: str = Field(min_length=1, max_length=2_000_000)
    published: str | None = Field(default=None, max_length=40)
    publisher: str | None = Field(default=None, max_length=200)
    title: str | None = Field(default=None, max_length=500)
    url: str | None = Field(default=None, max_length=2000)


def create_app(db_path: str, *, writable: bool = False) -> FastAPI:
    """The FastAPI app over the ledger at `db_path` (which must exist unless `writable`)."""
    if not writable and not store.is_url(db_path) and not Path(db_path).exists():
        raise BadInput(f"no ledger at {db_path}: run `claimledger add PATH...` first, or pass --db.")
    # A writable server may start on a new ledger (made here); any server refuses an outdated one at once.
    store.connect(db_path, write=writable).close()
    app = FastAPI(title="claimledger", summary="Who said which figure, for when.",
                  description="Every error has one shape, `ErrorBody`; lists are paged by `limit` and `offset` "
                              "with the unpaged total in `X-Total-Count`; every GET answers HEAD too.",
                  docs_url=None, redoc_url=None, openapi_url="/openapi.json")
    install_error_handler(app)
    app.openapi = lambda: app.openapi_schema or _described(app)
    app.add_middleware(HeadAsGet)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable) -> Response:
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    add_api_routes(app, db_path)
    add_page_routes(app, db_path)
    if writable:
        add_write_routes(app, db_path)
    return app


def _described(app: FastAPI) -> dict:
    """The app's OpenAPI schema, made once, with the errors it really gives (models.describe_errors)."""
    app.openapi_schema = describe_errors(get_openapi(title=app.title, version=app.version, summary=app.summary,
                                                     description=app.description, routes=app.routes))
    return app.openapi_schema


class HeadAsGet:
    """ASGI middleware: a HEAD request is answered as its GET would be, without the body."""

    def __init__(self, app: Callable) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: dict) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)


def add_api_routes(app: FastAPI, db_path: str) -> None:
    """GET /api/claims, /api/series, /api/findings, /api/documents: paged JSON lists."""
    Limit = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"at most {MAX_LIMIT}")
    Offset = Query(0, ge=0)

    @app.get("/api/claims", summary="Claims, filtered and paged", response_model=list[ClaimRow],
             responses=BAD_REQUEST)
    def api_claims(response: Response, q: str | None = Query(None, max_length=MAX_QUERY),
                   source: str | None = Query(None, max_length=MAX_QUERY), series: str | None = None,
                   doc: str | None = None, head: str | None = None, kind: ClaimKind | None = None,
                   date_from: str | None = Query(None, alias="from", pattern=DATE_PATTERN),
                   date_to: str | None = Query(None, alias="to", pattern=DATE_PATTERN),
                   limit: int = Limit, offset: int = Offset) -> list[dict]:
        filters = claim_filters(q=q, source=source, series=series, doc=doc, head=head, kind=kind,
                                date_from=date_from, date_to=date_to)
        with ledger_connection(db_path) as con:
            rows, total = claims_page_rows(con, filters, limit, offset)
        response.headers["X-Total-Count"] = str(total)
        return [claim.to_dict() for claim in rows]

    @app.get("/api/series", summary="Series: figures about the same thing, in time order",
             response_model=list[SeriesRow], responses=BAD_REQUEST)
    def api_series(response: Response, head: str | None = None, location: str | None = None,
                   limit: int = Limit, offset: int = Offset) -> list[dict]:
        with ledger_connection(db_path) as con:
            rows = linked.read_series(con, head=head, location=location, limit=limit, offset=offset)
            response.headers["X-Total-Count"] = str(linked.count_series(con, head=head, location=location))
        return [one.to_dict() for one in rows]

    @app.get("/api/findings", summary="Findings of the checks", response_model=list[FindingRow],
             responses=BAD_REQUEST)
    def api_findings(response: Response, type: FindingType | None = None, doc: str | None = None,
                     limit: int = Limit, offset: int = Offset) -> list[dict]:
        with ledger_connection(db_path) as con:
            rows = linked.read_findings(con, type=type, doc=doc, limit=limit, offset=offset)
            response.headers["X-Total-Count"] = str(linked.count_findings(con, type=type, doc=doc))
        return [finding.to_dict() for finding in rows]

    @app.get("/api/findings/{finding_id:path}/claimreview", summary="One finding as schema.org ClaimReview JSON-LD",
             responses=NOT_FOUND)
    def api_claim_review(finding_id: str) -> dict:
        with ledger_connection(db_path) as con:
            found = linked.read_findings(con, finding_id=finding_id)
            if not found:
                raise HTTPException(404, f"no finding {finding_id!r} in the ledger")
            finding = found[0]
            if review_rating(finding) is None:
                raise HTTPException(404, f"finding {finding_id!r} ({finding.type}) rates no claim, "
                                         "so has no ClaimReview")
            claims = store.read_claims_by_id(con, finding.claims)
            documents = store.read_documents_by_id(con, {c.doc for c in claims} | set(finding.docs))
        return claim_review(finding, {c.id: c for c in claims}, {d.id: d for d in documents})

    @app.get("/api/documents", summary="Documents (without their text) with their number of claims",
             response_model=list[DocumentRow], responses=BAD_REQUEST)
    def api_documents(response: Response, publisher: str | None = None,
                      limit: int = Limit, offset: int = Offset) -> list[dict]:
        with ledger_connection(db_path) as con:
            rows = store.read_documents(con, publisher=publisher, limit=limit, offset=offset)
            response.headers["X-Total-Count"] = str(store.count_documents(con, publisher=publisher))
        return [document.to_dict() for document in rows]

    @app.get("/api/documents/{doc_id:path}", summary="One document with its text (any id: quote it in the path)",
             response_model=DocumentText, responses=NOT_FOUND)
    def api_document(doc_id: str, request: Request) -> dict:
        doc_id = path_id(request, "/api/documents/", doc_id)
        document = read_document(db_path, doc_id)
        if document is None:
            raise HTTPException(404, f"no document {doc_id!r} in the ledger")
        return document.to_dict()


def add_write_routes(app: FastAPI, db_path: str) -> None:
    """POST /api/documents: extract claims from one text and store it (writable apps only)."""
    @app.post("/api/documents", status_code=201, summary="Add one document (writable servers only)",
              response_model=Added, responses=BAD_REQUEST)
    def api_add_document(body: NewDocument) -> dict:
        document = make_document(body.id, body.text, None, body.published, body.publisher, body.title, body.url)
        result = api.add_documents([document], db_path)
        # The claims of the document as stored, whether this request stored it or it was already there.
        claims = result.claims if result.added else len(api.claims(db_path, doc=document.id))
        return {"id": document.id, "claims": claims, "changed": bool(result.added)}


# ---------------------------------------------------------------- pages

def path_id(request: Request, prefix: str, decoded: str) -> str:
    """The id at the end of the request's path after `prefix`, percent-decoded exactly once.

    An id may itself hold "%" (a URL's "%20"): `document_href` quotes it to "%2520", the server
    decodes that once; the raw path is read so that no layer decodes it a second time (Starlette's
    test client does).  `decoded` (the route's parameter) when there is no raw path.
    """
    raw = request.scope.get("raw_path")
    if not raw:
        return decoded
    path = raw.decode("latin-1").split("?", 1)[0]
    return unquote(path[len(prefix):]) if path.startswith(prefix) else decoded


def document_href(doc_id: str) -> str:
    return "/documents/" + quote(doc_id, safe="")


def claim_href(claim: Claim) -> str:
    return f"{document_href(claim.doc)}#claim-{quote(claim.id, safe='')}"


def series_href(series_id: str) -> str:
    return "/series/" + quote(series_id, safe="")


def findings_href(group: str) -> str:
    return "/findings?" + urlencode({"group": group})


def render_page(name: str, nav: str, con: Any, shown: Rows, summary: LedgerSummary | None = None,
                **extra: Any) -> HTMLResponse:
    """A page template with the context shared with the report, built from the rows the page shows
    and the summary of the whole ledger (series in importance order, findings worst first)."""
    series = extra.pop("series_shown", [])
    summary = summary or read_summary(con)
    context = ledger_context(shown.claims, series, shown.findings, shown.documents, claim_href, summary)
    context.update(all_series=summary.weights, document_href=document_href, series_href=series_href,
                   findings_href=findings_href, nav=nav, **extra)
    return HTMLResponse(template_environment().get_template(name).render(**context))


def series_in_order(con: Any, ids: list[str]) -> list[Series]:
    """These stored series, in the order given."""
    return [one for series_id in ids for one in linked.read_series(con, series_id=series_id)]


def matching_series(summary: LedgerSummary, q: str | None) -> list[Any]:
    """The series weights (importance order) whose label holds every word of `q`."""
    words = (q or "").lower().split()
    return [w for w in summary.weights if all(word in w.label.lower() for word in words)]


# The overview charts the few series that matter most; the rest are one line each in the index.
OVERVIEW_CHARTS = 3


@dataclass
class Rows:
    """What one page shows: the claims, findings and documents its tables and charts need."""

    claims: list[Claim] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    documents: list[StoredDocument] = field(default_factory=list)


def rows_for(con: Any, claims: list[Claim], findings: list[Finding] = (), series: list[Series] = (),
             documents: list[StoredDocument] = ()) -> Rows:
    """`claims` plus those the findings and series name, and the documents of all of them."""
    named = {cid for f in findings for cid in f.claims} | {cid for s in series for cid in s.claims}
    shown = {c.id for c in claims}
    claims = claims + store.read_claims_by_id(con, sorted(named - shown))
    wanted = {c.doc for c in claims} - {d.id for d in documents}
    return Rows(claims, list(findings), list(documents) + store.read_documents_by_id(con, wanted))


def pager(path: str, params: dict, total: int, limit: int, offset: int) -> dict:
    """Links to the previous and next pages, keeping the other query parameters."""
    def link(start: int) -> str:
        return path + "?" + urlencode({**{k: v for k, v in params.items() if v}, "limit": limit, "offset": start})
    return {"total": total, "first": offset + 1 if total else 0, "last": min(total, offset + limit),
            "previous": link(max(0, offset - limit)) if offset > 0 else None,
            "next": link(offset + limit) if offset + limit < total else None}


def add_page_routes(app: FastAPI, db_path: str) -> None:
    """The HTML pages and the two static files they use."""
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def claims_page(q: str | None = Query(None, max_length=MAX_QUERY),
                    source: str | None = Query(None, max_length=MAX_QUERY), series: str | None = None,
                    date_from: str | None = Query(None, alias="from", pattern=DATE_PATTERN + "|^$"),
                    date_to: str | None = Query(None, alias="to", pattern=DATE_PATTERN + "|^$"),
                    doc_type: str | None = Query(None, pattern="^(" + "|".join(store.DOC_TYPES) + ")?$"),
                    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT), offset: int = Query(0, ge=0)):
        params = {"q": q, "source": source, "series": series, "from": date_from, "to": date_to, "doc_type": doc_type}
        filters = claim_filters(q=q, source=source, series=series, date_from=date_from, date_to=date_to)
        filters["doc_type"] = doc_type or None
        with ledger_connection(db_path) as con:
            claims, total = claims_page_rows(con, filters, limit, offset)
            return render_page("claims.html", "claims", con, rows_for(con, claims), rows=claims, params=params,
                               pages=pager("/", params, total, limit, offset), row_prefix="claim-")

    @app.get("/overview", response_class=HTMLResponse, include_in_schema=False)
    def overview_page():
        with ledger_connection(db_path) as con:
            summary = read_summary(con)
            top = [w.series_id for w in summary.charted[:OVERVIEW_CHARTS]]
            shown = series_in_order(con, top)
            on_screen = [f for _group, members in summary.action_groups for f in members[:5]]
            return render_page("overview.html", "overview", con, rows_for(con, [], findings=on_screen, series=shown),
                               summary, series_shown=shown, index=summary.charted)

    @app.get("/series", response_class=HTMLResponse, include_in_schema=False)
    def series_page(q: str | None = Query(None, max_length=MAX_QUERY),
                    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT), offset: int = Query(0, ge=0)):
        with ledger_connection(db_path) as con:
            summary = read_summary(con)
            matching = matching_series(summary, q)
            shown = series_in_order(con, [w.series_id for w in matching[offset:offset + limit]])
            pages = pager("/series", {"q": q}, len(matching), limit, offset)
            return render_page("series.html", "series", con, rows_for(con, [], series=shown), summary,
                               series_shown=shown, pages=pages, params={"q": q})

    @app.get("/series/{series_id:path}", response_class=HTMLResponse, include_in_schema=False)
    def one_series_page(series_id: str):
        with ledger_connection(db_path) as con:
            shown = linked.read_series(con, series_id=series_id)
            if not shown:
                raise HTTPException(404, f"no series {series_id!r} in the ledger")
            return render_page("series.html", "series", con, rows_for(con, [], series=shown), series_shown=shown,
                               pages=None)

    @app.get("/findings", response_class=HTMLResponse, include_in_schema=False)
    def findings_page(group: str | None = Query(None, pattern="^(" + "|".join(g.key for g in FINDING_GROUPS) + ")?$"),
                      limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT), offset: int = Query(0, ge=0)):
        with ledger_connection(db_path) as con:
            summary = read_summary(con)
            matching = [f for f in ordered_findings(linked.read_findings(con)) if not group or group_of(f).key == group]
            shown = matching[offset:offset + limit]
            pages = pager("/findings", {"group": group}, len(matching), limit, offset)
            return render_page("findings.html", "findings", con, rows_for(con, [], findings=shown), summary,
                               pages=pages, groups=FINDING_GROUPS, params={"group": group})

    @app.get("/documents", response_class=HTMLResponse, include_in_schema=False)
    def documents_page(limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT), offset: int = Query(0, ge=0)):
        with ledger_connection(db_path) as con:
            shown = store.read_documents(con, limit=limit, offset=offset)
            pages = pager("/documents", {}, store.count_documents(con), limit, offset)
            return render_page("documents.html", "documents", con, Rows(documents=shown), pages=pages)

    @app.get("/documents/{doc_id:path}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(doc_id: str, request: Request):
        doc_id = path_id(request, "/documents/", doc_id)
        document = read_document(db_path, doc_id)
        if document is None:
            raise HTTPException(404, f"no document {doc_id!r} in the ledger")
        with ledger_connection(db_path) as con:
            claims = store.read_claims(con, doc=doc_id)
            doc_findings = linked.read_findings(con, doc=doc_id)
            rows = rows_for(con, claims, findings=doc_findings)
            return render_page("document.html", "documents", con, rows, document=document, rows=claims,
                               text_html=document_html(document.text, claims), row_prefix="row-",
                               doc_findings=doc_findings)

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def api_docs_page():
        routes = [r for r in app.routes if getattr(r, "include_in_schema", False) and hasattr(r, "methods")]
        html = template_environment().get_template("api_docs.html").render(routes=routes, nav="docs")
        return HTMLResponse(html)

    @app.get("/static/{name}", include_in_schema=False)
    def static_file(name: str):
        if name not in STATIC_FILES:  # a fixed allow-list: the name never becomes a path otherwise
            raise HTTPException(404, f"no static file {name!r}")
        return Response((STATIC / name).read_bytes(), media_type=STATIC_FILES[name],
                        headers={"Cache-Control": "max-age=300"})

