"""The web UI and JSON API over a ledger file (FastAPI + Jinja2, served by uvicorn).

Pages: `/` (search claims), `/series`, `/series/{id}`, `/findings`, `/documents`,
`/documents/{id}` (the text with every figure marked), `/docs` (an offline list of
the endpoints; the schema is at `/openapi.json`).  JSON: `GET /api/claims`,
`/api/series`, `/api/findings`, `/api/documents` return lists, paged by `limit`
(default 50, at most 500) and `offset`.  Every error, page or API, has one shape,
`{"error": {"status": int, "message": str}}`, made in `error_response`.

Read-only unless `writable=True`, which adds `POST /api/documents`.  Nothing is
loaded from a CDN; a Content-Security-Policy allows only this server's own
scripts and styles.  Article text is untrusted and reaches pages only through
Jinja autoescape or `report`'s escaping helpers.
"""
from __future__ import annotations

import calendar
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import Any, Callable
from urllib.parse import quote, urlencode

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from . import storage
from .errors import BadInput
from .report import (STATIC, as_of, claim_review, document_html, ledger_context, parse_partial_date, review_rating,
                     template_environment)

MAX_LIMIT = 500
DEFAULT_LIMIT = 50
MAX_QUERY = 200
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
STATIC_FILES = {"claimledger.css": "text/css", "claims-filter.js": "text/javascript"}
CONTENT_SECURITY_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                           "img-src 'self' data:; connect-src 'self'; form-action 'self'; "
                           "base-uri 'none'; frame-ancestors 'none'")


# ---------------------------------------------------------------- the ledger (the seam)

def load_ledger(db_path: str | Path) -> dict[str, list[dict]]:
    """Claims, series, findings and documents (without text) of the ledger at `db_path`."""
    from .api import ledger

    rows = ledger(db_path)
    rows["documents"] = [{k: v for k, v in d.items() if k != "text"} for d in rows["documents"]]
    return rows


def _row(record: Any) -> dict:
    return record.to_dict() if hasattr(record, "to_dict") else dict(record)


def read_document(db_path: str | Path, doc_id: str) -> dict | None:
    """One document with its text, looked up by parameterised SQL; None when unknown."""
    with closing(storage.connect(db_path)) as con:
        row = con.execute("SELECT id, sha, path, published, publisher, title, url, text FROM documents WHERE id = ?",
                          (doc_id,)).fetchone()
        return dict(row) if row else None


# ---------------------------------------------------------------- filters

def period_bounds(start: str | None, end: str | None) -> tuple[date | None, date | None]:
    """`from`/`to` as dates: from "2021" is 2021-01-01, to "2021" is 2021-12-31, to "2021-02" 2021-02-28."""
    first = last = None
    if start and parse_partial_date(start):
        year, month, day = (start.split("-") + ["1", "1"])[:3]
        first = date(int(year), int(month), int(day))
    if end and parse_partial_date(end):
        parts = [int(part) for part in end.split("-")]
        year, month = parts[0], parts[1] if len(parts) > 1 else 12
        last = date(year, month, parts[2] if len(parts) > 2 else calendar.monthrange(year, month)[1])
    return first, last


def filter_claims(ledger: dict, *, q: str | None = None, source: str | None = None, series: str | None = None,
                  doc: str | None = None, head: str | None = None, kind: str | None = None,
                  date_from: str | None = None, date_to: str | None = None) -> list[dict]:
    """Claims matching every filter given (text and source match case-insensitively, as substrings)."""
    published = {d["id"]: d.get("published") for d in ledger["documents"]}
    in_series = None
    if series is not None:
        in_series = {cid for s in ledger["series"] if s["id"] == series for cid in s["claims"]}
    first, last = period_bounds(date_from, date_to)
    needle = q.lower() if q else None

    def keep(claim: dict) -> bool:
        text = " ".join(str(claim.get(f) or "") for f in ("text", "measure", "source", "sentence")).lower()
        when = as_of(claim, published.get(claim["doc"]))
        return ((needle is None or needle in text)
                and (source is None or source.lower() in (claim.get("source") or "").lower())
                and (in_series is None or claim["id"] in in_series)
                and all(value is None or claim.get(field) == value
                        for field, value in (("doc", doc), ("head", head), ("kind", kind)))
                and (first is None or (when is not None and when >= first))
                and (last is None or (when is not None and when <= last)))
    return [claim for claim in ledger["claims"] if keep(claim)]


def page(rows: list, limit: int, offset: int) -> list:
    return rows[offset:offset + limit]


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
    if not writable and not Path(db_path).exists():
        raise BadInput(f"no ledger at {db_path}: run `claimledger add PATH...` first, or pass --db.")
    app = FastAPI(title="claimledger", summary="Who said which figure, for when.",
                  docs_url=None, redoc_url=None, openapi_url="/openapi.json")
    install_error_handler(app)

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


def add_api_routes(app: FastAPI, db_path: str) -> None:
    """GET /api/claims, /api/series, /api/findings, /api/documents: paged JSON lists."""
    Limit = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"at most {MAX_LIMIT}")
    Offset = Query(0, ge=0)

    @app.get("/api/claims", summary="Claims (INTERFACE.md rows), filtered and paged")
    def api_claims(response: Response, q: str | None = Query(None, max_length=MAX_QUERY),
                   source: str | None = Query(None, max_length=MAX_QUERY), series: str | None = None,
                   doc: str | None = None, head: str | None = None, kind: str | None = None,
                   date_from: str | None = Query(None, alias="from", pattern=DATE_PATTERN),
                   date_to: str | None = Query(None, alias="to", pattern=DATE_PATTERN),
                   limit: int = Limit, offset: int = Offset) -> list[dict]:
        rows = filter_claims(load_ledger(db_path), q=q, source=source, series=series, doc=doc, head=head,
                             kind=kind, date_from=date_from, date_to=date_to)
        response.headers["X-Total-Count"] = str(len(rows))
        return page(rows, limit, offset)

    @app.get("/api/series", summary="Series: figures about the same thing, in time order")
    def api_series(response: Response, head: str | None = None, location: str | None = None,
                   limit: int = Limit, offset: int = Offset) -> list[dict]:
        rows = [s for s in load_ledger(db_path)["series"]
                if (head is None or s.get("head") == head) and (location is None or s.get("location") == location)]
        response.headers["X-Total-Count"] = str(len(rows))
        return page(rows, limit, offset)

    @app.get("/api/findings", summary="Findings of the checks")
    def api_findings(response: Response, type: str | None = None, doc: str | None = None,
                     limit: int = Limit, offset: int = Offset) -> list[dict]:
        rows = [f for f in load_ledger(db_path)["findings"]
                if (type is None or f.get("type") == type) and (doc is None or doc in f.get("docs", []))]
        response.headers["X-Total-Count"] = str(len(rows))
        return page(rows, limit, offset)

    @app.get("/api/findings/{finding_id}/claimreview", summary="One finding as schema.org ClaimReview JSON-LD")
    def api_claim_review(finding_id: str) -> dict:
        ledger = load_ledger(db_path)
        finding = next((f for f in ledger["findings"] if f.get("id") == finding_id), None)
        if finding is None:
            raise HTTPException(404, f"no finding {finding_id!r} in the ledger")
        if review_rating(finding) is None:
            raise HTTPException(404, f"finding {finding_id!r} ({finding.get('type')}) rates no claim, so has no ClaimReview")
        return claim_review(finding, {c["id"]: c for c in ledger["claims"]}, {d["id"]: d for d in ledger["documents"]})

    @app.get("/api/documents", summary="Documents (without their text) with their number of claims")
    def api_documents(response: Response, publisher: str | None = None,
                      limit: int = Limit, offset: int = Offset) -> list[dict]:
        rows = [d for d in load_ledger(db_path)["documents"] if publisher is None or d.get("publisher") == publisher]
        response.headers["X-Total-Count"] = str(len(rows))
        return page(rows, limit, offset)

    @app.get("/api/documents/{doc_id}", summary="One document with its text")
    def api_document(doc_id: str) -> dict:
        document = read_document(db_path, doc_id)
        if document is None:
            raise HTTPException(404, f"no document {doc_id!r} in the ledger")
        return document


def add_write_routes(app: FastAPI, db_path: str) -> None:
    """POST /api/documents: extract claims from one text and store it (writable apps only)."""
    @app.post("/api/documents", status_code=201, summary="Add one document (writable servers only)")
    def api_add_document(body: NewDocument) -> dict:
        from .ingest import make_document
        from .pipeline import extract

        document = make_document(body.id, body.text, None, body.published, body.publisher, body.title, body.url)
        extracted = next(extract([document]))
        with closing(storage.connect(db_path)) as con:
            changed = storage.store(con, extracted.document, extracted.claims)
        return {"id": document.id, "claims": len(extracted.claims), "changed": changed}


# ---------------------------------------------------------------- pages

def document_href(doc_id: str) -> str:
    return "/documents/" + quote(doc_id, safe="")


def claim_href(claim: dict) -> str:
    return f"{document_href(claim['doc'])}#claim-{quote(claim['id'], safe='')}"


def render_page(name: str, nav: str, ledger: dict, **extra: Any) -> HTMLResponse:
    """A page template with the shared ledger context (charts drawn only when the page shows series)."""
    series = extra.pop("series_shown", [])
    context = ledger_context(ledger["claims"], series, ledger["findings"], ledger["documents"], claim_href)
    context.update(all_series=ledger["series"], document_href=document_href, nav=nav, **extra)
    return HTMLResponse(template_environment().get_template(name).render(**context))


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
                    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT), offset: int = Query(0, ge=0)):
        ledger = load_ledger(db_path)
        params = {"q": q, "source": source, "series": series, "from": date_from, "to": date_to}
        rows = filter_claims(ledger, q=q or None, source=source or None, series=series or None,
                             date_from=date_from or None, date_to=date_to or None)
        return render_page("claims.html", "claims", ledger, rows=page(rows, limit, offset), params=params,
                           pages=pager("/", params, len(rows), limit, offset), row_prefix="claim-")

    @app.get("/series", response_class=HTMLResponse, include_in_schema=False)
    def series_page():
        ledger = load_ledger(db_path)
        return render_page("series.html", "series", ledger, series_shown=ledger["series"])

    @app.get("/series/{series_id}", response_class=HTMLResponse, include_in_schema=False)
    def one_series_page(series_id: str):
        ledger = load_ledger(db_path)
        shown = [s for s in ledger["series"] if s["id"] == series_id]
        if not shown:
            raise HTTPException(404, f"no series {series_id!r} in the ledger")
        return render_page("series.html", "series", ledger, series_shown=shown)

    @app.get("/findings", response_class=HTMLResponse, include_in_schema=False)
    def findings_page():
        return render_page("findings.html", "findings", load_ledger(db_path))

    @app.get("/documents", response_class=HTMLResponse, include_in_schema=False)
    def documents_page():
        return render_page("documents.html", "documents", load_ledger(db_path))

    @app.get("/documents/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(doc_id: str):
        document = read_document(db_path, doc_id)
        if document is None:
            raise HTTPException(404, f"no document {doc_id!r} in the ledger")
        ledger = load_ledger(db_path)
        claims = [c for c in ledger["claims"] if c["doc"] == doc_id]
        return render_page("document.html", "documents", ledger, document=document, rows=claims,
                           text_html=document_html(document["text"], claims), row_prefix="row-",
                           doc_findings=[f for f in ledger["findings"] if doc_id in f.get("docs", [])])

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


def serve(db_path: str, host: str = "127.0.0.1", port: int = 8000, writable: bool = False) -> None:
    """Run the web UI and API with uvicorn until interrupted."""
    import uvicorn

    uvicorn.run(create_app(db_path, writable=writable), host=host, port=port, log_level="info")
