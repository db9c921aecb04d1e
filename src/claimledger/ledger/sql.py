"""SQL both ledgers run: transactions, retries while the database is locked, scripts, and the
small helpers every read and write uses (chunked IN lists, LIKE escaping, equality filters)."""
from __future__ import annotations

import logging
import random
import sqlite3
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Any, Callable, Iterable, Iterator, Sequence, TypeVar

T = TypeVar("T")


# Retries of a write that finds the database locked even after the 30 s busy
# timeout: 5 tries with 0.1, 0.2, 0.4, 0.8 s (plus jitter) between them.
LOCKED_RETRIES = 5


LOCKED_BACKOFF = 0.1


def split_statements(sql: str) -> list[str]:
    """The statements of a script, whole: a trigger body's inner ";" does not end its CREATE TRIGGER."""
    statements, current = [], ""
    for line in sql.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    if current.strip():
        statements.append(current.strip())
    return [statement for statement in statements if statement.rstrip(";").strip()]


def execute_script(con: Any, sql: str) -> None:
    """Run each statement of `sql` on `con` (inside the caller's transaction)."""
    for statement in split_statements(sql):
        con.execute(statement)


def is_sqlite(con: Any) -> bool:
    """Whether `con` is SQLite (FTS5, PRAGMAs) rather than another dialect (see postgres.py)."""
    return getattr(con, "dialect", "sqlite") == "sqlite"


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
            logging.getLogger("claimledger").warning(
                f"the ledger is locked by another writer; trying again ({attempt + 2} of {retries})")
            time.sleep(LOCKED_BACKOFF * 2 ** attempt * (1 + random.random() / 2))
    raise AssertionError("unreachable")


def like_escape(text: str) -> str:
    """`text` with LIKE's wildcards taken literally (used with ESCAPE '\\')."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def sql_value(value: Any) -> Any:
    return int(value) if isinstance(value, bool) else value


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def equal_conditions(pairs: Sequence[tuple[str, Any]]) -> tuple[str, list[Any]]:
    where = [(f"{column} = ?", value) for column, value in pairs if value is not None]
    return (" WHERE " + " AND ".join(sql for sql, _v in where) if where else ""), [v for _s, v in where]


# Ids bound in one IN (...) list: SQLite's default limit on bound parameters is 999 (32,766 since
# 3.32); 500 stays under both and under PostgreSQL's, with a few more parameters beside them.
IN_CHUNK = 500


def in_chunks(con: Any, sql: str, ids: Sequence[Any], *params: Any) -> Iterator[Any]:
    """The rows of `sql`, whose `{}` is an IN list, for every id of `ids`, in chunks of IN_CHUNK ids;
    `params` are bound after each chunk's ids."""
    ids = list(ids)
    for first in range(0, len(ids), IN_CHUNK):
        chunk = ids[first:first + IN_CHUNK]
        yield from con.execute(sql.format(", ".join("?" * len(chunk))), [*chunk, *params])


def grouped(con: Any, sql: str, ids: Sequence[Any]) -> dict[Any, list[Any]]:
    """{id: [values]} from a two-column query with an IN ({}) list (see `in_chunks`)."""
    found: dict[Any, list[Any]] = {}
    for key, value in in_chunks(con, sql, ids):
        found.setdefault(key, []).append(value)
    return found
