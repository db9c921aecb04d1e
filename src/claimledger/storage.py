"""Stage 8: the ledger in SQLite.

The file opens in Datasette, pandas (`pd.read_sql("select * from claims", con)`)
or the sqlite3 shell; docs/schema.md describes every table and column.
Schema changes are named migrations, each applied once in its own
transaction and recorded in `_migrations`.  Rows are keyed by
content-derived ids, so adding the same content twice changes nothing.

Several processes may write one file at once: WAL lets readers go on during
a write, writers wait on the busy timeout, and `store` retries a write that
still finds the database locked, with a bounded backoff.  Each document is
one transaction, so a killed `add` leaves whole documents or none.  The log is
synced at checkpoints, not at every commit (synchronous=NORMAL, SQLite's advice
for WAL): a killed process loses nothing it committed; a power cut may lose the
last documents, never the file, and running the same `add` again stores them.
"""
from __future__ import annotations

import random
import re
import sqlite3
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence, TypeVar

from .entities import canonical_place
from .errors import StorageError
from .link import as_of_date, resolve_heads
from .records import CLAIM_FIELDS, Claim, Document

T = TypeVar("T")

# Retries of a write that finds the database locked even after the 30 s busy
# timeout: 5 tries with 0.1, 0.2, 0.4, 0.8 s (plus jitter) between them.
LOCKED_RETRIES = 5
LOCKED_BACKOFF = 0.1

DOCUMENT_FIELDS = ("id", "sha", "path", "published", "publisher", "title", "url", "text")

MIGRATIONS: list[tuple[str, str | Callable[[Any], None]]] = [
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
    ("0002_claim_as_of_and_quantity_key", lambda con: _add_claim_keys(con)),
    ("0003_claims_full_text", lambda con: _add_full_text(con)),
    ("0004_series_findings_and_document_facts", lambda con: _add_linked_tables(con)),
    ("0005_claims_word_index_postgresql", lambda con: _add_word_index(con)),
    ("0006_pending_heads", """
        CREATE TABLE pending_heads (head TEXT PRIMARY KEY, new_claims INTEGER NOT NULL);
    """),
    ("0007_shingle_sets", lambda con: _split_shingle_index(con)),
    ("0008_shingle_counts", """
        CREATE TABLE shingle_counts (hash INTEGER PRIMARY KEY, docs INTEGER NOT NULL);
        INSERT INTO shingle_counts (hash, docs) SELECT hash, COUNT(*) FROM document_shingles GROUP BY hash;
    """),
    ("0009_claims_word_index_folds_diacritics", lambda con: _add_word_index(con, replace=True)),
    ("0010_shingle_postings_in_levels", lambda con: _level_shingle_index(con)),
]

# Columns `store` derives for each claim, so that search and linking are indexed SQL:
# as_of (the middle of the period the figure holds for, as an ISO date), series_head
# (the head it counts once generic heads are resolved) and place (its canonical place).
DERIVED_CLAIM_FIELDS = ("as_of", "series_head", "place")

CLAIM_KEYS_SQL = """
    ALTER TABLE claims ADD COLUMN as_of TEXT;
    ALTER TABLE claims ADD COLUMN series_head TEXT;
    ALTER TABLE claims ADD COLUMN place TEXT;
    CREATE INDEX claims_as_of ON claims(as_of);
    CREATE INDEX claims_series_head ON claims(series_head, unit);
    CREATE INDEX claims_place ON claims(place);
    CREATE INDEX claims_kind ON claims(kind);
    CREATE INDEX claims_value ON claims(value);
"""

# An external-content FTS5 index over the searchable text of each claim, kept
# in step with `claims` by triggers (SQLite only; other databases search with LIKE).
FULL_TEXT_SQL = """
    CREATE VIRTUAL TABLE claims_fts USING fts5(
        text, measure, source, sentence, content='claims', content_rowid='rowid',
        tokenize='unicode61 remove_diacritics 2');
    CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN
        INSERT INTO claims_fts(rowid, text, measure, source, sentence)
        VALUES (new.rowid, new.text, new.measure, new.source, new.sentence);
    END;
    CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims BEGIN
        INSERT INTO claims_fts(claims_fts, rowid, text, measure, source, sentence)
        VALUES ('delete', old.rowid, old.text, old.measure, old.source, old.sentence);
    END;
    CREATE TRIGGER claims_fts_update AFTER UPDATE OF text, measure, source, sentence ON claims BEGIN
        INSERT INTO claims_fts(claims_fts, rowid, text, measure, source, sentence)
        VALUES ('delete', old.rowid, old.text, old.measure, old.source, old.sentence);
        INSERT INTO claims_fts(rowid, text, measure, source, sentence)
        VALUES (new.rowid, new.text, new.measure, new.source, new.sentence);
    END;
    INSERT INTO claims_fts(claims_fts) VALUES ('rebuild');
"""

# Series and findings as last linked and checked (see incremental.py), and the
# small per-document summaries that let an update touch only what it must.
LINKED_SQL = """
    CREATE TABLE series (
        id TEXT PRIMARY KEY, label TEXT NOT NULL, head TEXT, location TEXT,
        low REAL, best REAL, high REAL, rule TEXT, sort_key TEXT NOT NULL
    );
    CREATE INDEX series_head ON series(head);
    CREATE INDEX series_order ON series(sort_key);
    CREATE TABLE series_claims (
        series_id TEXT NOT NULL, position INTEGER NOT NULL, claim_id TEXT NOT NULL, doc TEXT NOT NULL,
        PRIMARY KEY (series_id, position)
    );
    CREATE INDEX series_claims_claim ON series_claims(claim_id);
    CREATE INDEX series_claims_doc ON series_claims(doc);
    CREATE TABLE findings (
        id TEXT PRIMARY KEY, type TEXT NOT NULL, holds INTEGER, message TEXT NOT NULL,
        severity TEXT, evidence TEXT NOT NULL, scope TEXT NOT NULL, sort_key TEXT NOT NULL
    );
    CREATE INDEX findings_scope ON findings(scope, type);
    CREATE INDEX findings_order ON findings(sort_key);
    CREATE TABLE finding_claims (
        finding_id TEXT NOT NULL, position INTEGER NOT NULL, claim_id TEXT NOT NULL,
        PRIMARY KEY (finding_id, position)
    );
    CREATE TABLE finding_docs (
        finding_id TEXT NOT NULL, position INTEGER NOT NULL, doc TEXT NOT NULL,
        PRIMARY KEY (finding_id, position)
    );
    CREATE INDEX finding_docs_doc ON finding_docs(doc);
    CREATE TABLE pending_documents (doc TEXT PRIMARY KEY);
    CREATE TABLE document_facts (
        doc TEXT NOT NULL, kind TEXT NOT NULL, term TEXT NOT NULL, number REAL, extra TEXT
    );
    CREATE INDEX document_facts_doc ON document_facts(doc, kind);
    CREATE INDEX document_facts_term ON document_facts(kind, term);
    CREATE INDEX document_facts_number ON document_facts(kind, number);
    CREATE TABLE document_shingles (hash INTEGER NOT NULL, doc TEXT NOT NULL);
    CREATE INDEX document_shingles_hash ON document_shingles(hash, doc);
    CREATE INDEX document_shingles_doc ON document_shingles(doc);
    INSERT INTO pending_documents (doc) SELECT id FROM documents;
"""


def connect(path: str | Path) -> sqlite3.Connection:
    """Open (creating if need be) the ledger at `path` and bring its schema up to date."""
    if str(path).startswith(("postgresql://", "postgres://")):
        from .postgres import connect as connect_postgres  # psycopg only loaded when asked for
        return connect_postgres(str(path))
    try:
        con = sqlite3.connect(str(path), timeout=30, isolation_level=None)
    except sqlite3.Error as exc:
        raise StorageError(f"cannot open the ledger {path}: {exc}. Check the path and its permissions.") from exc
    con.row_factory = sqlite3.Row
    con.execute("PRAGMA foreign_keys = ON")
    con.execute("PRAGMA busy_timeout = 30000")
    try:
        retry_locked(lambda: con.execute("PRAGMA journal_mode = WAL"))
        con.execute("PRAGMA synchronous = NORMAL")
        retry_locked(lambda: migrate(con))
    except sqlite3.DatabaseError as exc:
        raise StorageError(f"{path} is not a claimledger database ({exc}). Use another --db path.") from exc
    return con


def migrate(con: sqlite3.Connection, migrations: Sequence[tuple[str, Any]] = MIGRATIONS) -> list[str]:
    """Apply the migrations not yet applied, each in its own transaction; return their names.

    A migration is SQL (run statement by statement) or a function of the connection.
    """
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
            if callable(sql):
                sql(con)
            else:
                execute_script(con, sql)
            con.execute("INSERT INTO _migrations VALUES (?, ?)", (name, _now()))
        applied.append(name)
    return applied


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


def _add_claim_keys(con: Any) -> None:
    """Migration 0002: derived columns of each claim, filled for the claims already stored."""
    execute_script(con, CLAIM_KEYS_SQL)
    published = {row[0]: row[1] for row in con.execute("SELECT id, published FROM documents")}
    by_doc: dict[str, list[dict]] = {}
    for row in con.execute("SELECT * FROM claims"):
        by_doc.setdefault(row["doc"], []).append(claim_row(row))
    for doc, rows in by_doc.items():
        con.executemany("UPDATE claims SET as_of = ?, series_head = ?, place = ? WHERE id = ?",
                        [[*derived_fields(row, heads, published.get(doc)), row["id"]]
                         for heads in [resolve_heads(rows)] for row in rows])


def _add_full_text(con: Any) -> None:
    """Migration 0003: the FTS5 index over claims (SQLite only)."""
    if is_sqlite(con):
        execute_script(con, FULL_TEXT_SQL)


def _add_word_index(con: Any, replace: bool = False) -> None:
    """Migration 0005: PostgreSQL's counterpart of 0003's FTS5 index (see postgres.py); nothing on SQLite.

    Migration 0009 (`replace`) builds it again over the words with diacritics folded, as FTS5 folds them.
    Both build today's index: 0005 on a new ledger, 0009 then rebuilds it, once."""
    if not is_sqlite(con):
        from .postgres import FOLD_FUNCTION_SQL, WORD_INDEX_SQL
        if replace:
            con.execute("DROP INDEX IF EXISTS claims_words")
        con.execute(FOLD_FUNCTION_SQL)
        con.execute(WORD_INDEX_SQL)


def _add_linked_tables(con: Any) -> None:
    """Migration 0004: stored series, findings and document summaries; every document is pending."""
    execute_script(con, LINKED_SQL)


# Migration 0007: each document's shingle hashes as one packed row (read whole to compare two
# documents), and the postings (hash -> documents, to find candidates) as one clustered index
# with no separate rowid table and no index by document: a third of the rows 0004 wrote.
SHINGLE_SETS_SQL = """
    CREATE TABLE document_shingle_sets (doc TEXT PRIMARY KEY, hashes BLOB NOT NULL);
    CREATE TABLE document_shingles (hash INTEGER NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (hash, doc)) WITHOUT ROWID;
"""


def _split_shingle_index(con: Any) -> None:
    """Migration 0007: the shingle rows of 0004 moved to the two tables of SHINGLE_SETS_SQL."""
    from . import linked  # linked reads through storage: imported when this migration runs

    con.execute("ALTER TABLE document_shingles RENAME TO document_shingles_0004")
    execute_script(con, SHINGLE_SETS_SQL)
    by_doc: dict[str, list[int]] = {}
    for doc, shingle in con.execute("SELECT doc, hash FROM document_shingles_0004"):
        by_doc.setdefault(doc, []).append(shingle)
    for doc, hashes in by_doc.items():
        linked.write_shingles(con, doc, hashes)
    con.execute("DROP TABLE document_shingles_0004")


# Migration 0010: the postings keyed by level first (see linked.ShingleChanges), and how many each level holds.
# The new index is built under another name and renamed once the old one is dropped: a table renamed
# on PostgreSQL keeps its primary key's index name, which the new table's would clash with.
LEVELED_SHINGLES_SQL = """
    CREATE TABLE document_shingles_leveled (
        level INTEGER NOT NULL DEFAULT 0, hash INTEGER NOT NULL, doc TEXT NOT NULL,
        PRIMARY KEY (level, hash, doc)
    ) WITHOUT ROWID;
    CREATE TABLE shingle_levels (level INTEGER PRIMARY KEY, postings INTEGER NOT NULL);
"""


def _level_shingle_index(con: Any) -> None:
    """Migration 0010: 0007's postings copied, in index order, into the one level that may hold them all."""
    from . import linked  # linked reads through storage: imported when this migration runs

    execute_script(con, LEVELED_SHINGLES_SQL)
    [(postings,)] = con.execute("SELECT COUNT(*) FROM document_shingles").fetchall()
    if postings:
        level = linked.level_for(postings)
        con.execute("INSERT INTO document_shingles_leveled (level, hash, doc) "
                    "SELECT ?, hash, doc FROM document_shingles ORDER BY hash, doc", (level,))
        con.execute("INSERT INTO shingle_levels (level, postings) VALUES (?, ?)", (level, postings))
    con.execute("DROP TABLE document_shingles")
    con.execute("ALTER TABLE document_shingles_leveled RENAME TO document_shingles")


def derived_fields(claim: dict, heads: dict[str, str | None], published: str | None) -> list[Any]:
    """as_of, series_head and place of one claim (see DERIVED_CLAIM_FIELDS)."""
    location = claim.get("location")
    return [as_of_date(claim, published), heads.get(claim["id"], claim.get("head")),
            canonical_place(location) if location else None]


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
        rows = [claim.to_dict() for claim in claims]
        heads = resolve_heads([dict(row) for row in rows])
        fields = (*CLAIM_FIELDS, *DERIVED_CLAIM_FIELDS)
        columns = ", ".join(f'"{f}"' for f in fields)
        con.executemany(
            f"INSERT INTO claims ({columns}) VALUES ({', '.join('?' * len(fields))})",
            [[sql_value(row[f]) for f in CLAIM_FIELDS] + derived_fields(row, heads, document.published)
             for row in rows],
        )
        # Series and findings are brought up to date for it by incremental.update.
        con.execute("DELETE FROM pending_documents WHERE doc = ?", (document.id,))
        con.execute("INSERT INTO pending_documents (doc) VALUES (?)", (document.id,))
    return True


@dataclass(frozen=True)
class ClaimFilter:
    """What `read_claims` and `count_claims` select: every field given must match.

    `query` is full text (each word a word prefix, in order) over the figure, measure,
    source and sentence; `source` a case-insensitive substring; `date_from`/`date_to`
    ISO dates bounding the claim's as-of date (`as_of_date`); the others exact.
    """

    doc: str | None = None
    source: str | None = None
    head: str | None = None
    query: str | None = None
    series: str | None = None
    kind: str | None = None
    date_from: str | None = None
    date_to: str | None = None


def read_claims(con: sqlite3.Connection, *, doc: str | None = None, source: str | None = None,
                head: str | None = None, query: str | None = None,
                limit: int | None = None, offset: int = 0, **more: str | None) -> list[dict[str, Any]]:
    """Claims as INTERFACE.md rows, in document and text order, filtered (see ClaimFilter) and paged."""
    where, params = claim_conditions(con, ClaimFilter(doc=doc, source=source, head=head, query=query, **more))
    sql = f"SELECT * FROM claims{where} ORDER BY doc, start"
    if limit is not None:
        # Page the sort keys first, then read whole rows for that page only: sorting ten
        # thousand matches with their sentences costs several times more.
        sql = (f"SELECT * FROM claims WHERE id IN (SELECT id FROM claims{where} ORDER BY doc, start "
               "LIMIT ? OFFSET ?) ORDER BY doc, start")
        params += [limit, offset]
    return [claim_row(row) for row in con.execute(sql, params)]


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


def like_escape(text: str) -> str:
    """`text` with LIKE's wildcards taken literally (used with ESCAPE '\\')."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def claim_row(row: sqlite3.Row) -> dict[str, Any]:
    out = {field: row[field] for field in CLAIM_FIELDS}
    for flag in ("alt_year", "approximate"):
        out[flag] = bool(out[flag])
    for number in ("value", "low", "high"):
        if out[number] is not None and float(out[number]).is_integer():
            out[number] = int(out[number])
    return out


def read_documents(con: sqlite3.Connection, *, with_text: bool = False, publisher: str | None = None,
                   limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
    """Document rows in id order with their number of claims, filtered by publisher and paged."""
    fields = [f for f in DOCUMENT_FIELDS if with_text or f != "text"]
    where, params = equal_conditions((("publisher", publisher),))
    sql = (f"SELECT {', '.join(fields)}, (SELECT COUNT(*) FROM claims WHERE claims.doc = documents.id) AS claims "
           f"FROM documents{where} ORDER BY id")
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [limit, offset]
    return [dict(row) for row in con.execute(sql, params)]


def count_documents(con: Any, *, publisher: str | None = None) -> int:
    """How many documents `read_documents` with this filter returns, unpaged."""
    where, params = equal_conditions((("publisher", publisher),))
    return con.execute(f"SELECT COUNT(*) FROM documents{where}", params).fetchone()[0]


def read_claims_by_id(con: Any, ids: Sequence[str]) -> list[dict[str, Any]]:
    """These claims (those that exist), in document and text order."""
    found = []
    unique = list(dict.fromkeys(ids))
    for first in range(0, len(unique), 500):
        chunk = unique[first:first + 500]
        found += [claim_row(row) for row in con.execute(
            f"SELECT * FROM claims WHERE id IN ({', '.join('?' * len(chunk))})", chunk)]
    return sorted(found, key=lambda c: (c["doc"], c["start"]))


def series_labels(con: Any, limit: int = 1000) -> list[dict[str, Any]]:
    """Id and label of the first `limit` series, for choosing one."""
    return [dict(row) for row in con.execute("SELECT id, label FROM series ORDER BY sort_key LIMIT ?", (limit,))]


def sql_value(value: Any) -> Any:
    return int(value) if isinstance(value, bool) else value


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def read_documents_by_id(con: Any, ids: Sequence[str], *, with_text: bool = False) -> list[dict[str, Any]]:
    """These documents (in id order), with or without their text."""
    fields = [f for f in DOCUMENT_FIELDS if with_text or f != "text"]
    found = []
    for doc in sorted(set(ids)):
        row = con.execute(f"SELECT {', '.join(fields)} FROM documents WHERE id = ?", (doc,)).fetchone()
        if row is not None:
            found.append(dict(row))
    return found


def equal_conditions(pairs: Sequence[tuple[str, Any]]) -> tuple[str, list[Any]]:
    where = [(f"{column} = ?", value) for column, value in pairs if value is not None]
    return (" WHERE " + " AND ".join(sql for sql, _v in where) if where else ""), [v for _s, v in where]
