"""The ledger in PostgreSQL: `--db postgresql://user@host:port/dbname`.

`open_database(url)` returns a `PostgresLedger`, an adapter with the part of the
sqlite3 connection surface that the ledger uses (`execute`, `executemany`,
`in_transaction`, `close`), so the same ledger and API code, and the same
named migrations, run on both databases.  SQL written for SQLite is
translated statement by statement (`translate`):

- `?` placeholders become `%s` (a `?` inside a quoted literal or identifier
  is left alone) and a literal `%` is doubled, as psycopg wants;
- `BEGIN IMMEDIATE` becomes `BEGIN` plus a transaction-scoped advisory lock,
  so writers take turns as they do on SQLite and two processes cannot both
  apply a migration or both store one document;
- `LIKE` becomes `ILIKE` (SQLite's LIKE ignores ASCII case);
- in DDL, `REAL` becomes `DOUBLE PRECISION` and `INTEGER` becomes `BIGINT`
  (PostgreSQL's are 4 bytes, SQLite's 8: shingle hashes need all 8), `BLOB`
  becomes `BYTEA`, `WITHOUT ROWID` (a SQLite storage hint) is dropped, and
  `TEXT` becomes `TEXT COLLATE "C"`, so text sorts and
  compares byte-wise as in SQLite whatever the server's locale;
- PRAGMAs and SQLite-only DDL (`CREATE VIRTUAL TABLE`, `CREATE TRIGGER`: the
  full-text index and its triggers) are skipped; `store` falls back to
  portable SQL when `con.dialect` is not "sqlite".

Full-text search has its own PostgreSQL index instead of FTS5
(`WORD_INDEX_SQL`, migration 0005): a GIN index over the `tsvector` of each
searchable column, its words' accents folded as FTS5 folds them
(`claimledger_fold`, migration 0009), and `search_condition` matches a query as
SQLite's `"w1 w2" *` phrase does, so that both give the same claims.

Needs the `postgres` extra: pip install 'claimledger[postgres]'.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Sequence

from ..data.diacritics import FOLD, FOLD_FROM, FOLD_TO
from ..errors import BadInput, StorageError

URL_PREFIXES = ("postgresql://", "postgres://")

# Key of the advisory lock that stands in for SQLite's write lock; any
# constant works as long as every claimledger process uses the same one
# (this one spells "cldg" in ASCII).
WRITE_LOCK_KEY = 0x636C6467

# Statements that only SQLite understands and that have no PostgreSQL
# counterpart the ledger needs; skipped (the portable fallback lives in `store`).
SKIPPED_PREFIXES = ("PRAGMA", "CREATE VIRTUAL TABLE", "CREATE TRIGGER", "DROP TRIGGER", "VACUUM")

DDL_PREFIXES = ("CREATE TABLE", "ALTER TABLE")

# Quoted literals and identifiers, kept as they are; `?`, `%` and LIKE are
# rewritten only in the text between them.
_QUOTED = re.compile(r"""'(?:[^']|'')*'|"(?:[^"]|"")*\"""")
_LIKE = re.compile(r"\bLIKE\b", re.IGNORECASE)
# A column type follows its column's name ("value REAL", "text TEXT"), or starts
# the text after a quoted name (`"end" INTEGER`, which `_rewrite` cuts in two).
# A column may be called text: the first word of a definition is never rewritten.
_REAL = re.compile(r"(?:(?<=[\w\"])|\A)(\s+)REAL\b", re.IGNORECASE)
_TEXT = re.compile(r"(?:(?<=[\w\"])|\A)(\s+)TEXT\b(?!\s+COLLATE)", re.IGNORECASE)
_INTEGER = re.compile(r"(?:(?<=[\w\"])|\A)(\s+)INTEGER\b", re.IGNORECASE)
_BLOB = re.compile(r"(?:(?<=[\w\"])|\A)(\s+)BLOB\b", re.IGNORECASE)
_WITHOUT_ROWID = re.compile(r"\s+WITHOUT\s+ROWID\b", re.IGNORECASE)


# The columns `--search` looks in, as in SQLite's claims_fts.
SEARCH_COLUMNS = ("text", "measure", "source", "sentence")

# A column's words as FTS5's unicode61 tokenizer cuts them: runs of letters and
# digits.  PostgreSQL's parser would keep "4.5", "1,135", "long-term" or
# "un.org" as single tokens, so ASCII punctuation (under the columns' "C"
# collation, [:punct:] is exactly that) becomes a space first.  The 'simple'
# configuration lowercases and neither stems nor drops stop words, as unicode61;
# diacritics (and the case of accented letters, Greek and Cyrillic, which the "C"
# ctype would not lower) are folded first as unicode61 folds them
# (`data.diacritics`, through FOLD_FUNCTION_SQL's function: the table written into
# the index expression itself would make a catalog row too big), so "Zurich" finds
# "Zürich" on both databases.
_WORDS = "to_tsvector('simple', regexp_replace(claimledger_fold(coalesce({}, '')), '[[:punct:][:space:]]+', ' ', 'g'))"

# Immutable, so an index may use it.
FOLD_FUNCTION_SQL = ("CREATE OR REPLACE FUNCTION claimledger_fold(words text) RETURNS text "
                     "LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE "
                     f"AS $$ SELECT translate(words, '{FOLD_FROM}', '{FOLD_TO}') $$")


def word_vector(column: str) -> str:
    """The SQL `tsvector` of `column`'s words (the indexed expression: queries must repeat it exactly)."""
    return _WORDS.format(f'"{column}"')


# One GIN index over the four vectors: a phrase must match inside one column,
# as in FTS5, so each column has its own vector and the search ORs them.
WORD_INDEX_SQL = (f"CREATE INDEX claims_words ON claims USING GIN "
                  f"({', '.join(word_vector(column) for column in SEARCH_COLUMNS)})")


def search_condition(words: Sequence[str]) -> tuple[str, list[Any]]:
    """SQL (with `?` placeholders) matching claims whose text has `words` in a row, the last as a prefix.

    The PostgreSQL side of `store.text_condition`: `"w1 w2" *` in FTS5 terms.
    """
    query = " <-> ".join(f"'{fold_word(word)}'" for word in words) + ":*"
    # `words` are runs of letters and digits (no quote): the tsquery text is safe.
    condition = " OR ".join(f"{word_vector(column)} @@ to_tsquery('simple', ?)" for column in SEARCH_COLUMNS)
    return f"({condition})", [query] * len(SEARCH_COLUMNS)


def fold_word(word: str) -> str:
    """A query word as the word index holds it: diacritics folded, lower case."""
    return word.translate(FOLD).lower()


def open_database(url: str) -> "PostgresLedger":
    """Open the PostgreSQL ledger at `url` (its schema is brought up to date by `store.connect`)."""
    psycopg = _import_psycopg()
    try:
        raw = psycopg.connect(url, autocommit=True, row_factory=_named_rows)
    except psycopg.Error as exc:
        raise StorageError(f"cannot open the ledger {redact(url)}: {_first_line(exc)}. "
                           "Check the URL, that the server is running and that the database exists.") from exc
    return PostgresLedger(raw)


def _import_psycopg():
    try:
        import psycopg
    except ImportError as exc:
        raise BadInput("a postgresql:// ledger needs the 'postgres' extra (psycopg is missing): "
                       "pip install 'claimledger[postgres]'") from exc
    return psycopg


class Row:
    """A result row read by column name or index, like `sqlite3.Row`; `dict(row)` works."""

    __slots__ = ("_values", "_index")

    def __init__(self, values: Sequence[Any], index: dict[str, int]) -> None:
        self._values = tuple(values)
        self._index = index

    def keys(self) -> list[str]:
        """The column names, in order."""
        return list(self._index)

    def __getitem__(self, key: int | str) -> Any:
        if isinstance(key, str):
            return self._values[self._index[key]]
        return self._values[key]

    def __iter__(self) -> Iterator[Any]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Row) and self._values == other._values and self._index == other._index

    def __repr__(self) -> str:
        return f"Row({dict(zip(self._index, self._values))!r})"


def _named_rows(cursor):
    """psycopg row factory making `Row`s (the column index is built once per result)."""
    if cursor.description is None:
        return tuple
    index = {column.name: position for position, column in enumerate(cursor.description)}
    return lambda values: Row(values, index)


class _NoRows:
    """The result of a skipped statement: no rows."""

    rowcount = -1
    description = None

    def fetchone(self) -> None:
        return None

    def fetchall(self) -> list:
        return []

    def __iter__(self) -> Iterator[Any]:
        return iter(())


@dataclass(frozen=True)
class Translated:
    """One SQLite statement as PostgreSQL runs it: a list of statements (none when skipped)."""

    statements: tuple[str, ...]


def translate(sql: str) -> Translated:
    """The PostgreSQL statements for one SQLite statement (see the module docstring)."""
    head = " ".join(sql.split()).upper()
    if head.startswith(SKIPPED_PREFIXES):
        return Translated(())
    if head.startswith("BEGIN"):
        return Translated(("BEGIN", f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})"))
    return Translated((_rewrite(sql, ddl=head.startswith(DDL_PREFIXES)),))


def _rewrite(sql: str, ddl: bool) -> str:
    out, last = [], 0
    for quoted in _QUOTED.finditer(sql):
        out.append(_rewrite_bare(sql[last:quoted.start()], ddl))
        out.append(quoted.group().replace("%", "%%"))
        last = quoted.end()
    out.append(_rewrite_bare(sql[last:], ddl))
    return "".join(out)


def _rewrite_bare(text: str, ddl: bool) -> str:
    text = text.replace("%", "%%").replace("?", "%s")
    text = _LIKE.sub("ILIKE", text)
    if ddl:
        text = _TEXT.sub(r'\1TEXT COLLATE "C"', _REAL.sub(r"\1DOUBLE PRECISION", text))
        text = _INTEGER.sub(r"\1BIGINT", text)
        text = _WITHOUT_ROWID.sub("", _BLOB.sub(r"\1BYTEA", text))
    return text


class PostgresLedger:
    """A psycopg connection with the sqlite3-like surface the ledger uses.

    Autocommit is on, as SQLite's `isolation_level=None`: `sql.transaction`
    opens and closes transactions itself.
    """

    dialect = "postgresql"

    def __init__(self, raw) -> None:
        self.raw = raw
        self.row_factory = None  # accepted and ignored: rows are always `Row`s

    @property
    def in_transaction(self) -> bool:
        """True inside BEGIN ... COMMIT, including a failed transaction awaiting ROLLBACK."""
        from psycopg.pq import TransactionStatus

        return self.raw.info.transaction_status in (TransactionStatus.INTRANS, TransactionStatus.INERROR)

    def execute(self, sql: str, params: Sequence[Any] | None = ()):
        """Run one SQLite-flavoured statement; returns a cursor (iterable, fetchone, fetchall)."""
        result: Any = _NoRows()
        for statement in translate(sql).statements:
            result = self.raw.execute(statement, _params(params))
        return result

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]):
        """Run one statement for each parameter row."""
        statements = translate(sql).statements
        rows = [list(row) for row in rows]
        with self.raw.cursor() as cursor:
            for statement in statements:
                if rows:
                    cursor.executemany(statement, rows)
        return _NoRows()

    def close(self) -> None:
        """Close the connection (an open transaction is rolled back)."""
        self.raw.close()

    def __enter__(self) -> "PostgresLedger":
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()


def _params(params: Sequence[Any] | None) -> list[Any]:
    # Always a list, never None: psycopg then parses the query, so the doubled
    # `%` of `_rewrite` reads back as one.
    return list(params or ())


def redact(url: str) -> str:
    """`url` with any password replaced by ***, for messages."""
    return re.sub(r"(://[^:/@]+:)[^@]*@", r"\1***@", url)


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]
