"""Stage 8: the ledger, in SQLite (the default) or PostgreSQL (`postgres.py`).

The file opens in Datasette, pandas (`pd.read_sql("select * from claims", con)`)
or the sqlite3 shell; docs/schema.md describes every table and column.
Schema changes are named migrations (`migrations.py`), applied when a writer
opens the ledger; a reader never writes, and asks for an update instead when
the schema is older than this code.  Rows are keyed by content-derived ids, so
adding the same content twice changes nothing.

Several processes may write one file at once: WAL lets readers go on during
a write, writers wait on the busy timeout (`wait`, `--wait`; a writer that finds
the file locked when it opens it says that it waits), and `store` retries a write that
still finds the database locked, with a bounded backoff.  Each document is
one transaction, so a killed `add` leaves whole documents or none.  The log is
synced at checkpoints, not at every commit (synchronous=NORMAL, SQLite's advice
for WAL): a killed process loses nothing it committed; a power cut may lose the
last documents, never the file, and running the same `add` again stores them.
"""
from __future__ import annotations

import logging
import re
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Sequence

from ..errors import BadInput, StorageError
from ..extract.measure import resolve_heads
from ..names import canonical_place
from ..records import CLAIM_FIELDS, DOCUMENT_METADATA, Claim, Document, StoredDocument, whole_number
from ..timespan import as_of_day
from . import migrations
from .sql import equal_conditions, in_chunks, is_sqlite, like_escape, now, retry_locked, sql_value, transaction

DOCUMENT_FIELDS = (*DOCUMENT_METADATA, "text")

# Columns `store` derives for each claim, so that search and linking are indexed SQL:
# as_of (the middle of the period the figure holds for, as an ISO date), series_head
# (the head it counts once generic heads are resolved) and place (its canonical place).
DERIVED_CLAIM_FIELDS = ("as_of", "series_head", "place")


def is_url(path: str | Path) -> bool:
    """True when `path` names a PostgreSQL database rather than a SQLite file."""
    return str(path).startswith(("postgresql://", "postgres://"))


# How long a writer waits for another one to let go of the ledger before giving up (`--wait`):
# a document is one short transaction, but another add's update of series and findings can
# hold the file for some seconds (Options.wait, the same figure).
DEFAULT_WAIT = 30.0

log = logging.getLogger("claimledger")


def connect(path: str | Path, *, write: bool = True, wait: float = DEFAULT_WAIT) -> Any:
    """Open the ledger at `path`: a writer creates it if need be, makes sure it can write (waiting
    up to `wait` seconds, with a word, for another writer) and brings its schema up to date;
    a reader (`write=False`) changes nothing and refuses a schema older than this code.
    What SQLite refuses becomes a one-line `StorageError` (see `storage_error`)."""
    if is_url(path):
        from .postgres import open_database  # psycopg only loaded when asked for
        con = open_database(str(path))
    else:
        con = _open_sqlite(path, write, wait)
    try:
        if write:
            retry_locked(lambda: migrations.migrate(con))
        elif migrations.pending(con):
            raise StorageError(f"the ledger {path} was written by an older claimledger: run `claimledger update "
                               f"--db {path}` once to bring it up to date.")
    except sqlite3.Error as exc:
        con.close()
        raise storage_error(exc, path, wait) from exc
    except StorageError:
        con.close()
        raise
    except Exception as exc:
        con.close()
        if type(exc).__module__.startswith("psycopg"):
            from .postgres import redact
            raise StorageError(f"cannot set up the ledger schema in {redact(str(path))}: {exc}") from exc
        raise
    return con


def _open_sqlite(path: str | Path, write: bool, wait: float = DEFAULT_WAIT) -> sqlite3.Connection:
    try:
        con = sqlite3.connect(str(path), timeout=wait, isolation_level=None)
    except sqlite3.Error as exc:
        raise storage_error(exc, path, wait) from exc
    try:
        con.row_factory = sqlite3.Row
        con.execute("PRAGMA foreign_keys = ON")
        con.execute(f"PRAGMA busy_timeout = {int(wait * 1000)}")
        con.execute("SELECT 1 FROM sqlite_master LIMIT 1")  # a file that is no database says so here
        if write:
            check_writable(con, path, wait)
            retry_locked(lambda: con.execute("PRAGMA journal_mode = WAL"))
            con.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.Error as exc:
        con.close()
        raise storage_error(exc, path, wait) from exc
    return con


def check_writable(con: sqlite3.Connection, path: str | Path, wait: float) -> None:
    """Take the write lock and write nothing, once, before any document is read: a read-only
    ledger is refused at once, and a ledger another process is writing is waited for with a word."""
    con.execute("PRAGMA busy_timeout = 0")
    try:
        try:
            con.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if not is_locked(exc):
                raise
            log.warning(f"waiting for the ledger {path}: another process is writing to it "
                        f"(giving up after {wait:g} s; --wait SECONDS changes that)")
            con.execute(f"PRAGMA busy_timeout = {int(wait * 1000)}")
            con.execute("BEGIN IMMEDIATE")
        # A read-only file takes the lock all the same; a write (the header's own value, rolled
        # back: nothing reaches the file) is what it refuses.
        version = con.execute("PRAGMA user_version").fetchone()[0]
        con.execute(f"PRAGMA user_version = {int(version)}")
        con.execute("ROLLBACK")
    finally:
        con.execute(f"PRAGMA busy_timeout = {int(wait * 1000)}")


def is_locked(exc: sqlite3.Error) -> bool:
    return "locked" in str(exc) or "busy" in str(exc)


def storage_error(exc: sqlite3.Error, path: str | Path, wait: float = DEFAULT_WAIT) -> StorageError:
    """One line for what SQLite refused: read-only, locked, full, damaged or not a ledger at all."""
    said = str(exc).lower()
    if "readonly" in said or "read-only" in said:
        return StorageError(f"the ledger {path} is read-only: check the permissions of the file and its folder "
                            "(SQLite writes PATH-wal and PATH-shm beside it), or choose another --db")
    if is_locked(exc):
        return StorageError(f"the ledger {path} stayed locked by another writer for {wait:g} s: let that one "
                            "finish, or give more time with --wait SECONDS; what was stored before is kept")
    if "full" in said:
        return StorageError(f"the disk holding the ledger {path} is full: free some space and run the same "
                            "command again (the documents stored so far are kept and not read twice)")
    if "malformed" in said or "not a database" in said or "corrupt" in said:
        return StorageError(f"{path} is damaged or not a claimledger database ({exc}): restore it from a copy, "
                            "or choose another --db for a new ledger")
    if "unable to open" in said:
        return StorageError(f"cannot open the ledger {path}: check that its folder exists and can be written")
    return StorageError(f"the ledger {path} cannot be used: {exc}")


@contextmanager
def sqlite_errors(path: str | Path, wait: float = DEFAULT_WAIT) -> Iterator[None]:
    """Turn what SQLite refuses inside the block into a one-line `StorageError` (see `storage_error`)."""
    try:
        yield
    except sqlite3.Error as exc:
        raise storage_error(exc, path, wait) from exc


def derived_fields(claim: Claim, heads: dict[str, str | None], published: str | None) -> list[Any]:
    """as_of, series_head and place of one claim (see DERIVED_CLAIM_FIELDS)."""
    day = as_of_day(claim.time_end, claim.time_start, published)
    return [day.isoformat() if day else None, heads.get(claim.id, claim.head),
            canonical_place(claim.location) if claim.location else None]


def is_current(con: sqlite3.Connection, document: Document) -> bool:
    """True when the ledger already holds exactly this document's content."""
    row = con.execute("SELECT sha FROM documents WHERE id = ?", (document.id,)).fetchone()
    return row is not None and row[0] == document.sha


def store(con: sqlite3.Connection, document: Document, claims: Sequence[Claim]) -> bool:
    """Write a document and its claims in one transaction; False when nothing changed.

    A write that finds the database locked is retried (see `retry_locked`).
    """
    return retry_locked(lambda: _store_once(con, document, claims))


def _store_once(con: sqlite3.Connection, document: Document, claims: Sequence[Claim]) -> bool:
    if is_current(con, document):
        return False
    with transaction(con):
        con.execute("DELETE FROM claims WHERE doc = ?", (document.id,))
        con.execute("DELETE FROM documents WHERE id = ?", (document.id,))
        row = document.to_dict()
        con.execute(
            f"INSERT INTO documents ({', '.join(DOCUMENT_FIELDS)}, added_at) VALUES ({', '.join('?' * len(DOCUMENT_FIELDS))}, ?)",
            [row[f] for f in DOCUMENT_FIELDS] + [now()],
        )
        heads = resolve_heads(list(claims))
        fields = (*CLAIM_FIELDS, *DERIVED_CLAIM_FIELDS)
        columns = ", ".join(f'"{f}"' for f in fields)
        con.executemany(
            f"INSERT INTO claims ({columns}) VALUES ({', '.join('?' * len(fields))})",
            [[sql_value(getattr(claim, f)) for f in CLAIM_FIELDS] + derived_fields(claim, heads, document.published)
             for claim in claims],
        )
        # Series and findings are brought up to date for it by analyse.update.update.
        con.execute("DELETE FROM pending_documents WHERE doc = ?", (document.id,))
        con.execute("INSERT INTO pending_documents (doc) VALUES (?)", (document.id,))
    return True


@dataclass(frozen=True)
class ClaimFilter:
    """What `read_claims` and `count_claims` select: every field given must match.

    `query` is full text (each word a word prefix, in order) over the figure, measure,
    source and sentence; `source` a case-insensitive substring; `date_from`/`date_to`
    ISO dates bounding the claim's as-of day (the `as_of` column); `doc_type` "original" or "copy"
    (claims of documents that do or do not repeat another, see DOC_TYPES); the others exact.
    """

    doc: str | None = None
    source: str | None = None
    head: str | None = None
    query: str | None = None
    series: str | None = None
    kind: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    doc_type: str | None = None


# Documents that repeat an earlier one: the second document of each duplicate_report finding
# (read through the findings_scope index; linked.copied_documents reads the same).
COPIED_DOCUMENTS_SQL = ("SELECT fd.doc FROM findings AS f JOIN finding_docs AS fd ON fd.finding_id = f.id "
                        "AND fd.position = 1 WHERE f.scope = 'dup' AND f.type = 'duplicate_report'")
# ClaimFilter.doc_type: claims of original reports, or of copies of another report.
DOC_TYPES = {"original": "NOT IN", "copy": "IN"}


def read_claims(con: sqlite3.Connection, *, doc: str | None = None, source: str | None = None,
                head: str | None = None, query: str | None = None,
                limit: int | None = None, offset: int = 0, **more: str | None) -> list[Claim]:
    """Claims in document and text order, filtered (see ClaimFilter) and paged."""
    where, params = claim_conditions(con, ClaimFilter(doc=doc, source=source, head=head, query=query, **more))
    sql = f"SELECT * FROM claims{where} ORDER BY doc, start"
    if limit is not None:
        # Page the sort keys first, then read whole rows for that page only: sorting ten
        # thousand matches with their sentences costs several times more.
        sql = (f"SELECT * FROM claims WHERE id IN (SELECT id FROM claims{where} ORDER BY doc, start "
               "LIMIT ? OFFSET ?) ORDER BY doc, start")
        params += [limit, offset]
    return [claim_record(row) for row in con.execute(sql, params)]


def count_claims(con: sqlite3.Connection, **filters: str | None) -> int:
    """How many claims `read_claims` with these filters returns, unpaged."""
    wanted = ClaimFilter(**filters)
    if wanted == ClaimFilter(query=wanted.query) and wanted.query and is_sqlite(con):
        # The index holds one row per claim, so it counts a text-only search without the table.
        sql, params = text_condition(con, wanted.query)
        if sql.startswith("rowid IN"):
            return con.execute("SELECT COUNT(*) FROM claims_fts WHERE claims_fts MATCH ?", params).fetchone()[0]
    where, params = claim_conditions(con, wanted)
    return con.execute(f"SELECT COUNT(*) FROM claims{where}", params).fetchone()[0]


def claim_conditions(con: Any, wanted: ClaimFilter) -> tuple[str, list[Any]]:
    """The WHERE clause (with its leading space, or empty) and parameters selecting `wanted`."""
    where, params = [], []
    for column, value in (("doc", wanted.doc), ("head", wanted.head), ("kind", wanted.kind)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    if wanted.source is not None:
        where.append("source LIKE ? ESCAPE '\\'")
        params.append(f"%{like_escape(wanted.source)}%")
    if wanted.query is not None:
        sql, values = text_condition(con, wanted.query)
        where.append(sql)
        params += values
    if wanted.series is not None:
        where.append("id IN (SELECT claim_id FROM series_claims WHERE series_id = ?)")
        params.append(wanted.series)
    if wanted.doc_type is not None:
        if wanted.doc_type not in DOC_TYPES:
            raise BadInput(f"unknown document type {wanted.doc_type!r}: choose one of {', '.join(DOC_TYPES)}")
        where.append(f"doc {DOC_TYPES[wanted.doc_type]} ({COPIED_DOCUMENTS_SQL})")
    for bound, operator in ((wanted.date_from, ">="), (wanted.date_to, "<=")):
        if bound is not None:
            where.append(f"as_of {operator} ?")
            params.append(bound)
    return (" WHERE " + " AND ".join(where) if where else ""), params


def text_condition(con: Any, query: str) -> tuple[str, list[Any]]:
    """Full-text match on SQLite's FTS5 index or PostgreSQL's word index; a LIKE when there are no words."""
    words = re.findall(r"[^\W_]+", query)  # unicode61's tokens: "_" separates words, as punctuation does
    if is_sqlite(con) and words:
        phrase = '"' + " ".join(words) + '" *'  # the words hold no quote, so the phrase is safe
        return "rowid IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?)", [phrase]
    if words:
        from .postgres import search_condition
        return search_condition(words)
    needle = f"%{like_escape(query)}%"
    return ("(text LIKE ? ESCAPE '\\' OR measure LIKE ? ESCAPE '\\' OR source LIKE ? ESCAPE '\\' "
            "OR sentence LIKE ? ESCAPE '\\')"), [needle] * 4


def claim_record(row: Any) -> Claim:
    """A stored claim (a database row, or a mapping with the CLAIM_FIELDS) as a Claim: flags as
    booleans, whole numbers as ints (so that its INTERFACE.md row prints 1135, not 1135.0)."""
    fields = {field: row[field] for field in CLAIM_FIELDS}
    for flag in ("alt_year", "approximate"):
        fields[flag] = bool(fields[flag])
    for number in ("value", "low", "high"):
        fields[number] = whole_number(fields[number])
    return Claim(**fields)


def claim_row(row: Any) -> dict[str, Any]:
    """A stored claim as its INTERFACE.md row (see claim_record)."""
    return claim_record(row).to_dict()


def document_record(row: Any) -> StoredDocument:
    """A documents row, with whichever of text and the claim count it was read with."""
    return StoredDocument(**dict(row))


def read_documents(con: sqlite3.Connection, *, with_text: bool = False, publisher: str | None = None,
                   limit: int | None = None, offset: int = 0) -> list[StoredDocument]:
    """Documents in id order with their number of claims, filtered by publisher and paged."""
    fields = [f for f in DOCUMENT_FIELDS if with_text or f != "text"]
    where, params = equal_conditions((("publisher", publisher),))
    sql = (f"SELECT {', '.join(fields)}, (SELECT COUNT(*) FROM claims WHERE claims.doc = documents.id) AS claims "
           f"FROM documents{where} ORDER BY id")
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [limit, offset]
    return [document_record(row) for row in con.execute(sql, params)]


def count_documents(con: Any, *, publisher: str | None = None) -> int:
    """How many documents `read_documents` with this filter returns, unpaged."""
    where, params = equal_conditions((("publisher", publisher),))
    return con.execute(f"SELECT COUNT(*) FROM documents{where}", params).fetchone()[0]


def read_claims_by_id(con: Any, ids: Sequence[str]) -> list[Claim]:
    """These claims (those that exist), in document and text order."""
    found = [claim_record(row) for row in in_chunks(con, "SELECT * FROM claims WHERE id IN ({})", list(dict.fromkeys(ids)))]
    return sorted(found, key=lambda c: (c.doc, c.start))


def series_labels(con: Any, limit: int = 1000) -> list[dict[str, Any]]:
    """Id and label of the first `limit` series, for choosing one."""
    return [dict(row) for row in con.execute("SELECT id, label FROM series ORDER BY sort_key LIMIT ?", (limit,))]


def read_documents_by_id(con: Any, ids: Sequence[str], *, with_text: bool = False) -> list[StoredDocument]:
    """These documents (in id order), with or without their text."""
    fields = [f for f in DOCUMENT_FIELDS if with_text or f != "text"]
    found = []
    for doc in sorted(set(ids)):
        row = con.execute(f"SELECT {', '.join(fields)} FROM documents WHERE id = ?", (doc,)).fetchone()
        if row is not None:
            found.append(document_record(row))
    return found


def read_document(con: Any, doc_id: str) -> StoredDocument | None:
    """One document with its text; None when the ledger has no document of that id."""
    found = read_documents_by_id(con, [doc_id], with_text=True)
    return found[0] if found else None


def content_hashes(con: Any) -> dict[str, str]:
    """The content hash of every stored document, by id (about 100 bytes a document)."""
    return {row[0]: row[1] for row in con.execute("SELECT id, sha FROM documents")}


def claims_with_value_between(con: Any, low: float, high: float) -> list[Claim]:
    """Claims whose value lies in [low, high] (index claims_value)."""
    return [claim_record(row) for row in con.execute("SELECT * FROM claims WHERE value BETWEEN ? AND ?", (low, high))]

