"""Stage 8: the ledger in SQLite.

The file opens in Datasette, pandas (`pd.read_sql("select * from claims", con)`)
or the sqlite3 shell; docs/schema.md describes every table and column.
Schema changes are named migrations, each applied once in its own
transaction and recorded in `_migrations`.  Rows are keyed by
content-derived ids, so adding the same content twice changes nothing.

Several processes may write one file at once: WAL lets readers go on during
a write, writers wait on the busy timeout, and `store` retries a write that
still finds the database locked, with a bounded backoff.  Each document is
one transaction, so a killed `add` leaves whole documents or none.
"""
from __future__ import annotations

import random
import sqlite3
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence, TypeVar

from .errors import StorageError
from .records import CLAIM_FIELDS, Claim, Document

T = TypeVar("T")

# Retries of a write that finds the database locked even after the 30 s busy
# timeout: 5 tries with 0.1, 0.2, 0.4, 0.8 s (plus jitter) between them.
LOCKED_RETRIES = 5
LOCKED_BACKOFF = 0.1

DOCUMENT_FIELDS = ("id", "sha", "path", "published", "publisher", "title", "url", "text")

MIGRATIONS: list[tuple[str, str]] = [
    ("0001_documents_and_claims", """
        CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            sha TEXT NOT NULL,
            path TEXT,
            published TEXT,
            publisher TEXT,
            title TEXT,
            url TEXT,
            text TEXT NOT NULL,
            added_at TEXT NOT NULL
        );
        CREATE TABLE claims (
            id TEXT PRIMARY KEY,
            doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            text TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            value REAL, low REAL, high REAL, unit TEXT,
            measure TEXT, head TEXT, qualifier TEXT,
            kind TEXT NOT NULL, modality TEXT NOT NULL,
            source TEXT, source_text TEXT, source_start INTEGER, source_end INTEGER, cue TEXT,
            time_start TEXT, time_end TEXT, time_text TEXT,
            location TEXT,
            sentence TEXT NOT NULL, sentence_start INTEGER NOT NULL,
            source_kind TEXT, relayed_by TEXT, rule TEXT,
            parts INTEGER NOT NULL DEFAULT 1,
            alt_year INTEGER NOT NULL DEFAULT 0,
            approximate INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX claims_doc ON claims(doc, start);
        CREATE INDEX claims_head ON claims(head, location);
        CREATE INDEX claims_source ON claims(source);
    """),
]


def connect(path: str | Path) -> sqlite3.Connection:
    """Open (creating if need be) the ledger at `path` and bring its schema up to date."""
    try:
        con = sqlite3.connect(str(path), timeout=30, isolation_level=None)
    except sqlite3.Error as exc:
        raise StorageError(f"cannot open the ledger {path}: {exc}. Check the path and its permissions.") from exc
    con.row_factory = sqlite3.Row
    con.execute("PRAGMA foreign_keys = ON")
    con.execute("PRAGMA busy_timeout = 30000")
    try:
        retry_locked(lambda: con.execute("PRAGMA journal_mode = WAL"))
        retry_locked(lambda: migrate(con))
    except sqlite3.DatabaseError as exc:
        raise StorageError(f"{path} is not a claimledger database ({exc}). Use another --db path.") from exc
    return con


def migrate(con: sqlite3.Connection, migrations: Sequence[tuple[str, str]] = MIGRATIONS) -> list[str]:
    """Apply the migrations not yet applied, each in its own transaction; return their names."""
    con.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    done = {row[0] for row in con.execute("SELECT name FROM _migrations")}
    applied = []
    for name, sql in migrations:
        if name in done:
            continue
        with transaction(con):
            # Another process may have applied it since we looked.
            if con.execute("SELECT 1 FROM _migrations WHERE name = ?", (name,)).fetchone():
                continue
            for statement in sql.split(";"):
                if statement.strip():
                    con.execute(statement)
            con.execute("INSERT INTO _migrations VALUES (?, ?)", (name, _now()))
        applied.append(name)
    return applied


@contextmanager
def transaction(con: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any error (a failed COMMIT included)."""
    con.execute("BEGIN IMMEDIATE")
    try:
        yield con
        con.execute("COMMIT")
    except BaseException:
        if con.in_transaction:
            con.execute("ROLLBACK")
        raise


def retry_locked(write: Callable[[], T], retries: int = LOCKED_RETRIES) -> T:
    """Run `write`, retrying with a bounded backoff while SQLite says the database is locked."""
    for attempt in range(retries):
        try:
            return write()
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc) or attempt == retries - 1:
                raise
            time.sleep(LOCKED_BACKOFF * 2 ** attempt * (1 + random.random() / 2))
    raise AssertionError("unreachable")


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
            [row[f] for f in DOCUMENT_FIELDS] + [_now()],
        )
        columns = ", ".join(f'"{f}"' for f in CLAIM_FIELDS)
        con.executemany(
            f"INSERT INTO claims ({columns}) VALUES ({', '.join('?' * len(CLAIM_FIELDS))})",
            [[_sql_value(claim.to_dict()[f]) for f in CLAIM_FIELDS] for claim in claims],
        )
    return True


def read_claims(con: sqlite3.Connection, *, doc: str | None = None, source: str | None = None,
                head: str | None = None, query: str | None = None,
                limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
    """Claims as INTERFACE.md rows, in document and text order, filtered."""
    where, params = [], []
    for column, value in (("doc", doc), ("head", head)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    if source is not None:
        where.append("source LIKE ?")
        params.append(f"%{source}%")
    if query is not None:
        where.append("(sentence LIKE ? OR measure LIKE ? OR source LIKE ?)")
        params += [f"%{query}%"] * 3
    sql = "SELECT * FROM claims" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY doc, start"
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [limit, offset]
    return [claim_row(row) for row in con.execute(sql, params)]


def claim_row(row: sqlite3.Row) -> dict[str, Any]:
    out = {field: row[field] for field in CLAIM_FIELDS}
    for flag in ("alt_year", "approximate"):
        out[flag] = bool(out[flag])
    for number in ("value", "low", "high"):
        if out[number] is not None and float(out[number]).is_integer():
            out[number] = int(out[number])
    return out


def read_documents(con: sqlite3.Connection, *, with_text: bool = False) -> list[dict[str, Any]]:
    fields = [f for f in DOCUMENT_FIELDS if with_text or f != "text"]
    sql = f"SELECT {', '.join(fields)}, (SELECT COUNT(*) FROM claims WHERE claims.doc = documents.id) AS claims FROM documents ORDER BY id"
    return [dict(row) for row in con.execute(sql)]


def _sql_value(value: Any) -> Any:
    return int(value) if isinstance(value, bool) else value


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
