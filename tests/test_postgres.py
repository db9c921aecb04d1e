"""The PostgreSQL ledger: SQL translation, and the same rows as SQLite on a real server.

The server tests need CLAIMLEDGER_TEST_POSTGRES, a URL of a database the
tests may create databases from (.ci/run starts Debian's PostgreSQL on
loopback and sets it).  Without it they skip, except under CI, where a
missing server is a failure.  Each test gets a database of its own.
"""
from __future__ import annotations

import os
import sys
import threading
import uuid
from contextlib import closing, contextmanager
from typing import Iterator
from urllib.parse import urlsplit, urlunsplit

import pytest

from claimledger import api
from claimledger.ledger import linked, store as storage
from claimledger.ledger import migrations as schema, shingles as shingle_index, sql
from claimledger.errors import BadInput, StorageError
from claimledger.ledger.postgres import Row, redact, translate
from claimledger.ledger.store import is_url
from claimledger.records import Claim, Document
from conftest import run_cli

URL_VARIABLE = "CLAIMLEDGER_TEST_POSTGRES"


def server_url() -> str:
    """The test server's URL; skip (fail under CI) when there is none or psycopg is missing."""
    url = os.environ.get(URL_VARIABLE)
    if os.environ.get("CI"):
        assert url, f"{URL_VARIABLE} is not set: .ci/run should start PostgreSQL and set it"
        import psycopg  # noqa: F401  (CI installs the postgres extra: a missing one fails here)
    elif not url:
        pytest.skip(f"no PostgreSQL server: set {URL_VARIABLE}=postgresql://user@127.0.0.1:PORT/postgres")
    else:
        pytest.importorskip("psycopg", reason="the postgres extra is not installed")
    return url


@pytest.fixture
def pg_url():
    """A fresh, empty database on the test server, dropped afterwards."""
    with fresh_database(server_url()) as url:
        yield url


@contextmanager
def fresh_database(base: str) -> Iterator[str]:
    """The URL of a new database on the server at `base`, dropped on leaving."""
    import psycopg

    name = f"claimledger_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as admin:
        try:
            # A locale that sorts "_z" before "B_1", unlike SQLite: the ledger
            # must still sort byte-wise (TEXT COLLATE "C").
            admin.execute(f'CREATE DATABASE "{name}" TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE \'en-US\'')
        except psycopg.Error:
            admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(urlsplit(base)._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(base, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --- translation (no server needed) -----------------------------------------

TRANSLATIONS = [
    ("SELECT * FROM claims WHERE doc = ? AND start > ?", ("SELECT * FROM claims WHERE doc = %s AND start > %s",)),
    ("SELECT 'why?' AS q, \"odd?name\" FROM t WHERE a = ?", ("SELECT 'why?' AS q, \"odd?name\" FROM t WHERE a = %s",)),
    ("SELECT * FROM t WHERE a LIKE ? AND b = '50%'", ("SELECT * FROM t WHERE a ILIKE %s AND b = '50%%'",)),
    ("SELECT 'it''s?' WHERE x = ?", ("SELECT 'it''s?' WHERE x = %s",)),
    ("BEGIN IMMEDIATE", ("BEGIN", "SELECT pg_advisory_xact_lock(1668047975)")),
    ("  PRAGMA foreign_keys = ON", ()),
    ("CREATE VIRTUAL TABLE claims_fts USING fts5(sentence)", ()),
    ("\n CREATE TRIGGER claims_ai AFTER INSERT ON claims BEGIN SELECT 1; END", ()),
    ("CREATE TABLE t (text TEXT NOT NULL, value REAL, \"end\" INTEGER)",
     ('CREATE TABLE t (text TEXT COLLATE "C" NOT NULL, value DOUBLE PRECISION, "end" BIGINT)',)),
    ("CREATE TABLE s (hash INTEGER NOT NULL, blob BLOB, PRIMARY KEY (hash)) WITHOUT ROWID",
     ("CREATE TABLE s (hash BIGINT NOT NULL, blob BYTEA, PRIMARY KEY (hash))",)),
    ("COMMIT", ("COMMIT",)),
]


@pytest.mark.parametrize("sql, expected", TRANSLATIONS)
def test_translate(sql, expected):
    assert translate(sql).statements == expected


def test_text_outside_ddl_is_not_retyped():
    assert translate("SELECT text FROM claims WHERE value = ?").statements == \
        ("SELECT text FROM claims WHERE value = %s",)


def test_row_reads_by_name_index_and_as_dict():
    row = Row(("a1", 3), {"id": 0, "start": 1})
    assert (row["id"], row[1], dict(row), list(row), len(row)) == ("a1", 3, {"id": "a1", "start": 3}, ["a1", 3], 2)


def test_urls_are_told_from_paths_and_passwords_hidden():
    assert is_url("postgresql://u@h/db") and is_url("postgres://u@h/db") and not is_url("ledger.db")
    assert redact("postgresql://user:s3cret@host:5432/db") == "postgresql://user:***@host:5432/db"


def test_the_diacritics_table_is_sqlite_full_text_folding():
    """`data.diacritics` holds, for every character of its ranges, what SQLite's unicode61 tokenizer
    (remove_diacritics 2) folds it to, when that is another single character: read again here."""
    import sqlite3

    from claimledger.data.diacritics import FOLD_FROM, FOLD_RANGES, FOLD_TO

    con = sqlite3.connect(":memory:")
    con.execute("CREATE VIRTUAL TABLE t USING fts5(w, tokenize='unicode61 remove_diacritics 2')")
    con.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")
    con.executemany("INSERT INTO t (rowid, w) VALUES (?, ?)",
                    [(c, chr(c)) for start, end in FOLD_RANGES for c in range(start, end)])
    folded = {chr(doc): term for term, doc in con.execute("SELECT term, doc FROM v")}
    table = {c: f for c, f in sorted(folded.items()) if f != c and len(f) == 1}
    assert (FOLD_FROM, FOLD_TO) == ("".join(table), "".join(table.values()))
    assert {"ü": "u", "Ü": "u", "ã": "a", "É": "e", "Ж": "ж"}.items() <= table.items()


def test_missing_psycopg_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)
    with pytest.raises(BadInput, match=r"pip install 'claimledger\[postgres\]'"):
        storage.connect("postgresql://nobody@127.0.0.1:1/none")


# --- on the server -----------------------------------------------------------

def claim(doc: str, start: int, **changes) -> Claim:
    fields = dict(id=f"{doc}-{start}", doc=doc, text="12", start=start, end=start + 2, value=12.0, low=12.0,
                  high=12.0, unit=None, measure="trucks", head="truck", qualifier=None, kind="level",
                  modality="asserted", source="Port Authority", source_text="the port authority",
                  source_start=0, source_end=18, cue="said", time_start="2024-05", time_end="2024-05",
                  time_text="in May", location=None, sentence="The port authority said 12 trucks waited.",
                  sentence_start=0)
    return Claim(**{**fields, **changes})


def document(doc_id: str, text: str = "The port authority said 12 trucks waited.") -> Document:
    from claimledger.read.ingest import make_document

    return make_document(doc_id, text, f"{doc_id}.txt", "2024-05-02", "Harbour Gazette", None, None)


# Ids whose byte order differs from a locale's: case, punctuation, digits.
LEDGER = {
    "b-2": [claim("b-2", 4, value=0.1, low=0.05, high=0.15, approximate=True),
            claim("b-2", 40, value=None, low=None, high=2100.0, source="ministry of ports")],
    "B_1": [claim("B_1", 7, value=123456789.123, alt_year=True, parts=3)],
    "a 3": [claim("a 3", 1, source=None, source_text=None, source_start=None, source_end=None, cue=None)],
    "_z": [],
}


def fill(con) -> None:
    for doc_id, claims in LEDGER.items():
        assert storage.store(con, document(doc_id), claims)


def test_same_rows_as_sqlite(pg_url, tmp_path):
    with closing(storage.connect(pg_url)) as pg, closing(storage.connect(tmp_path / "l.db")) as lite:
        fill(pg)
        fill(lite)
        for filters in ({}, {"source": "MINISTRY"}, {"query": "port"}, {"doc": "b-2"}, {"limit": 2, "offset": 1}):
            assert storage.read_claims(pg, **filters) == storage.read_claims(lite, **filters), filters
        assert storage.read_documents(pg, with_text=True) == storage.read_documents(lite, with_text=True)
        assert [r.doc for r in storage.read_claims(pg)] == ["B_1", "a 3", "b-2", "b-2"]


def test_the_shingle_index_reads_as_on_sqlite(pg_url, tmp_path):
    """Packed shingle sets (BYTEA), postings and per-shingle counts: what duplicate screening reads."""
    with closing(storage.connect(pg_url)) as pg, closing(storage.connect(tmp_path / "l.db")) as lite:
        for con in (pg, lite):
            fill(con)
            api.update(con)
        docs = sorted(LEDGER)
        hashes = sorted(set().union(*shingle_index.shingle_sets(lite, docs).values()))
        assert hashes and shingle_index.shingle_sets(pg, docs) == shingle_index.shingle_sets(lite, docs)
        assert shingle_index.shingle_postings(pg, hashes) == shingle_index.shingle_postings(lite, hashes)
        counts = shingle_index.shingle_counts(lite, hashes)
        assert shingle_index.shingle_counts(pg, hashes) == counts and max(counts.values()) > 1


def test_migrations_are_recorded_and_applied_once(pg_url):
    with closing(storage.connect(pg_url)) as con:
        names = [row["name"] for row in con.execute("SELECT name FROM _migrations ORDER BY name")]
        assert names == [m.name for m in schema.MIGRATIONS]
        assert schema.migrate(con) == []


def test_storing_again_changes_nothing_and_new_text_replaces(pg_url):
    with closing(storage.connect(pg_url)) as con:
        fill(con)
        assert not storage.store(con, document("b-2"), LEDGER["b-2"])
        changed = document("b-2", "The port authority said 12 trucks waited, then 12 more.")
        assert storage.store(con, changed, [claim("b-2", 9)])
        assert [r.start for r in storage.read_claims(con, doc="b-2")] == [9]


def test_a_failed_transaction_is_rolled_back(pg_url):
    with closing(storage.connect(pg_url)) as con:
        with pytest.raises(Exception):
            with sql.transaction(con):
                con.execute("INSERT INTO documents (id, sha, text, added_at) VALUES (?, ?, ?, ?)",
                            ("x", "s", "t", "now"))
                con.execute("INSERT INTO no_such_table VALUES (1)")
        assert not con.in_transaction
        assert con.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 0


def test_concurrent_writers_all_land(pg_url):
    storage.connect(pg_url).close()

    def write(n: int) -> None:
        with closing(storage.connect(pg_url)) as con:
            for i in range(5):
                storage.store(con, document(f"w{n}-{i}"), [claim(f"w{n}-{i}", 4)])

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(api.claims(pg_url)) == 20


def test_a_bad_url_is_one_clear_error(pg_url):
    parts = urlsplit(pg_url)
    wrong = f"postgresql://{parts.username}:pw@{parts.hostname}:{parts.port}/no_such_db"
    with pytest.raises(StorageError, match=r"cannot open the ledger .*:\*\*\*@.*no_such_db.*does not exist"):
        storage.connect(wrong)


@pytest.mark.slow
def test_the_commands_give_the_same_results_on_postgresql_and_sqlite(pg_url, tmp_path):
    corpus = str(api.demo_corpus())
    lite = tmp_path / "ledger.db"
    api.add([corpus], db=lite)
    run_cli("add", corpus, "--db", pg_url, "--quiet", check=True)
    for command in ("claims", "series", "check"):
        on_pg = run_cli(command, "--db", pg_url, "--format", "jsonl", check=True).stdout
        on_lite = run_cli(command, "--db", str(lite), "--format", "jsonl", check=True).stdout
        assert on_pg == on_lite and on_pg.strip(), command
    assert api.documents(pg_url) == api.documents(lite)


# Searches whose claims must be the same on both databases: one word, a word
# prefix, the inside of a word (no match: words are matched from their start),
# two words in a row (the last a prefix), a number written with a
# thousands separator, a phrase that does not occur in that order, a word
# cut by an underscore, and nothing at all.
SEARCHES = ["instructors", "instruct", "structors", "foreign min", "1,135", "ministry russian", "russian_instr", "zzyzx"]


@pytest.mark.slow
def test_full_text_search_finds_the_claims_sqlite_finds(pg_url, tmp_path):
    from claimledger.read.ingest import read_paths
    from claimledger.pipeline import extract

    with closing(storage.connect(pg_url)) as pg, closing(storage.connect(tmp_path / "l.db")) as lite:
        for extracted in extract(read_paths([api.demo_corpus()])):
            storage.store(pg, extracted.document, extracted.claims)
            storage.store(lite, extracted.document, extracted.claims)
        found = {}
        for query in SEARCHES:
            found[query] = [row.id for row in storage.read_claims(lite, query=query)]
            assert [row.id for row in storage.read_claims(pg, query=query)] == found[query], query
            assert storage.count_claims(pg, query=query) == len(found[query]), query
        assert found["instruct"] and found["foreign min"] and found["1,135"] and not found["zzyzx"]
        assert set(found["instructors"]) <= set(found["instruct"])
        assert not found["ministry russian"] and not found["structors"] and found["russian_instr"]


def test_search_folds_diacritics_as_sqlite_does(pg_url, tmp_path):
    """"Zurich" finds "Zürich" and "sao tome" finds "São Tomé" on both databases, whichever way the
    query or the text is written; the claims found are the same."""
    document = Document(id="accents", text="x", sha="s")
    claims = [claim("accents", 0, source="Zürich police", sentence="Zürich police said 12 trucks waited."),
              claim("accents", 10, source="Port of Sao Tome", sentence="The port of Sao Tome said 12."),
              claim("accents", 20, source="ÉLYSÉE", sentence="The Élysée said 12."),
              claim("accents", 30, source="Zurich office")]
    with closing(storage.connect(pg_url)) as pg, closing(storage.connect(tmp_path / "l.db")) as lite:
        storage.store(pg, document, claims)
        storage.store(lite, document, claims)
        for query, expected in (("zurich", 2), ("ZÜRICH police", 1), ("São Tomé", 1), ("sao tom", 1),
                                ("elysee", 1), ("Élysée", 1)):
            on_lite = [row.id for row in storage.read_claims(lite, query=query)]
            assert [row.id for row in storage.read_claims(pg, query=query)] == on_lite, query
            assert len(on_lite) == expected, query


def test_migration_0009_rebuilds_an_older_word_index_with_folding(pg_url, monkeypatch):
    """A PostgreSQL ledger made before 0009 (its word index kept diacritics) finds "Zurich" in
    "Zürich" once opened again."""
    import psycopg

    from claimledger.ledger.postgres import PostgresLedger

    older = PostgresLedger(psycopg.connect(pg_url, autocommit=True))
    schema.migrate(older, schema.MIGRATIONS[:8])
    older.execute("DROP INDEX claims_words")  # 0005's index as it was before 0009: no folding
    older.execute("CREATE INDEX claims_words ON claims USING GIN (to_tsvector('simple', coalesce(source, '')))")
    # written as a claimledger of before 0011 wrote claims: without their time_rule
    with monkeypatch.context() as before_0011:
        before_0011.setattr(storage, "CLAIM_FIELDS", tuple(f for f in storage.CLAIM_FIELDS if f != "time_rule"))
        storage.store(older, Document(id="accents", text="x", sha="s"), [claim("accents", 0, source="Zürich police")])
    older.close()
    with closing(storage.connect(pg_url)) as con:
        assert [row.id for row in storage.read_claims(con, query="zurich")] == ["accents-0"]
        definition = con.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'claims_words'").fetchone()[0]
        assert "claimledger_fold" in definition


def test_migration_0010_levels_the_postings_on_postgresql(pg_url, monkeypatch):
    """A PostgreSQL ledger indexed before 0010 keeps its postings, in level 0 until the next write
    settles them, and the leveled index takes its name (its primary key's index must not clash with
    the old table's)."""
    import psycopg

    from claimledger.ledger.postgres import PostgresLedger

    monkeypatch.setattr(shingle_index, "LEVEL_POSTINGS", 2)
    monkeypatch.setattr(shingle_index, "LEVEL_RATIO", 4)
    older = PostgresLedger(psycopg.connect(pg_url, autocommit=True))
    schema.migrate(older, schema.MIGRATIONS[:9])
    for doc, hashes in (("d1", [5, 9, 2**31 - 1]), ("d2", [9, 14]), ("d3", [9])):
        shingle_index.write_shingles(older, doc, hashes)
    older.close()
    with closing(storage.connect(pg_url)) as con:
        assert shingle_index.posting_levels(con) == {0: 6}
        linked.replace_facts(con, "d4", [], [14, 77])  # level 0 at 8 of 2 moves to level 1 (8 of 8)
        linked.replace_facts(con, "d5", [], [78])
        assert shingle_index.posting_levels(con) == {0: 1, 1: 8}
        assert shingle_index.shingle_postings(con, [9, 14, 77]) == {9: ["d1", "d2", "d3"], 14: ["d2", "d4"], 77: ["d4"]}
        tables = {row[0] for row in con.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}
        assert "document_shingles" in tables and "document_shingles_leveled" not in tables


def test_search_uses_the_word_index(pg_url):
    with closing(storage.connect(pg_url)) as con:
        sql, params = storage.text_condition(con, "foreign min")
        con.execute("SET enable_seqscan = off")  # an empty table would be scanned otherwise
        plan = " ".join(row[0] for row in con.execute(f"EXPLAIN SELECT id FROM claims WHERE {sql}", params))
        assert "claims_words" in plan, plan
