"""The ledger's schema: named migrations, each self-contained SQL, applied once in its own transaction.

A migration is the SQL both databases run (PostgreSQL through `postgres.translate`), or a
dialect's own where they differ: SQLite's full-text index is FTS5 with triggers (0003),
PostgreSQL's a GIN index over word vectors (0005, 0009).  None calls application code, so a
ledger of any age is brought up to date by SQL alone; where a migration cannot derive a value
in SQL it leaves the documents pending and the next update derives it (0007).  Applied
migrations are recorded in `_migrations`; docs/schema.md describes the resulting tables.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

from .postgres import FOLD_FUNCTION_SQL, WORD_INDEX_SQL
from .sql import execute_script, is_sqlite, now, transaction


@dataclass(frozen=True)
class Migration:
    """One schema change: `sql` for both databases, or `postgresql` for PostgreSQL's own."""

    name: str
    sql: str
    postgresql: str | None = None

    def script(self, con: Any) -> str:
        return self.sql if is_sqlite(con) or self.postgresql is None else self.postgresql


DOCUMENTS_AND_CLAIMS_SQL = """
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
    """

# Migration 0002: each claim's as-of day, resolved head and canonical place, as `store` derives
# them for new claims.  For claims stored before it: the middle of the period its time_end, else
# time_start, else its document's publication date names ("2021" -> 2021-07-01, "2020-12" ->
# 2020-12-15, as `TimeSpan.middle`), the head as written and the place as stored.
CLAIM_KEYS_SQL = """
    ALTER TABLE claims ADD COLUMN as_of TEXT;
    ALTER TABLE claims ADD COLUMN series_head TEXT;
    ALTER TABLE claims ADD COLUMN place TEXT;
    CREATE INDEX claims_as_of ON claims(as_of);
    CREATE INDEX claims_series_head ON claims(series_head, unit);
    CREATE INDEX claims_place ON claims(place);
    CREATE INDEX claims_kind ON claims(kind);
    CREATE INDEX claims_value ON claims(value);
    UPDATE claims SET series_head = head, place = location,
        as_of = (SELECT CASE WHEN length(t) >= 10 THEN substr(t, 1, 10) WHEN length(t) = 7 THEN t || '-15'
                             WHEN length(t) = 4 THEN t || '-07-01' END
                 FROM (SELECT substr(COALESCE(claims.time_end, claims.time_start,
                       (SELECT published FROM documents WHERE documents.id = claims.doc)), 1, 10) AS t) AS dated);
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


# Series and findings as last linked and checked (see analyse/update.py), and the
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



# Migration 0007: each document's shingle hashes as one packed row (read whole to compare two
# documents), and the postings (hash -> documents, to find candidates) as one clustered index
# with no separate rowid table and no index by document: a third of the rows 0004 wrote.  The
# packed sets are written by the update (`shingles.pack_hashes`), so 0007 leaves every document
# pending: the next update summarises each again and fills both tables.
SHINGLE_SETS_SQL = """
    DROP TABLE document_shingles;
    CREATE TABLE document_shingle_sets (doc TEXT PRIMARY KEY, hashes BLOB NOT NULL);
    CREATE TABLE document_shingles (hash INTEGER NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (hash, doc)) WITHOUT ROWID;
    DELETE FROM document_facts;
    INSERT INTO pending_documents (doc) SELECT id FROM documents WHERE id NOT IN (SELECT doc FROM pending_documents);
"""

# Migration 0010: the postings keyed by level first (see shingles.ShingleChanges), and how many each
# level holds.  An older ledger's postings go to level 0, counted; the next write settles them into
# the level that may hold them (`shingles.settle_levels`).  The new index is built under another name
# and renamed once the old one is dropped: a table renamed on PostgreSQL keeps its primary key's
# index name, which the new table's would clash with.
LEVELED_SHINGLES_SQL = """
    CREATE TABLE document_shingles_leveled (
        level INTEGER NOT NULL DEFAULT 0, hash INTEGER NOT NULL, doc TEXT NOT NULL,
        PRIMARY KEY (level, hash, doc)
    ) WITHOUT ROWID;
    CREATE TABLE shingle_levels (level INTEGER PRIMARY KEY, postings INTEGER NOT NULL);
    INSERT INTO document_shingles_leveled (level, hash, doc) SELECT 0, hash, doc FROM document_shingles ORDER BY hash, doc;
    INSERT INTO shingle_levels (level, postings) SELECT 0, COUNT(*) FROM document_shingles HAVING COUNT(*) > 0;
    DROP TABLE document_shingles;
    ALTER TABLE document_shingles_leveled RENAME TO document_shingles;
"""

WORD_INDEX = f"{FOLD_FUNCTION_SQL};\n{WORD_INDEX_SQL};"

# Migration 0012: a copy is reported once, against its original, and a rewrite sharing a quote
# and a run of figures is one report too (analyse/documents.py); the summaries gain the quote
# and figure-run rows that screening reads.  The pairwise duplicate findings go, and every
# document is pending again, so that the next update (`add`, `claimledger update`) writes the
# summaries and the findings anew; the shingle sets and postings stay as they are.
ONE_REPORT_PER_COPY_SQL = """
    DELETE FROM finding_claims WHERE finding_id IN (SELECT id FROM findings WHERE type = 'duplicate_report');
    DELETE FROM finding_docs WHERE finding_id IN (SELECT id FROM findings WHERE type = 'duplicate_report');
    DELETE FROM findings WHERE type = 'duplicate_report';
    INSERT INTO pending_documents (doc) SELECT id FROM documents WHERE id NOT IN (SELECT doc FROM pending_documents);
"""

# Migration 0013: reports that share two quotes are one report too, and each duplicate_report
# names its relation (analyse/documents.py `dependence`); the summaries keep each quote apart
# (`quoted` rows with its opening words, `quote` rows numbered by quote).  The duplicate findings
# go and every document is pending again, so that the next update writes both anew (as 0012).
QUOTES_APART_SQL = ONE_REPORT_PER_COPY_SQL


MIGRATIONS: list[Migration] = [
    Migration("0001_documents_and_claims", DOCUMENTS_AND_CLAIMS_SQL),
    Migration("0002_claim_as_of_and_quantity_key", CLAIM_KEYS_SQL),
    Migration("0003_claims_full_text", FULL_TEXT_SQL, postgresql=""),
    Migration("0004_series_findings_and_document_facts", LINKED_SQL),
    # PostgreSQL's counterpart of 0003's FTS5 index (see postgres.py); 0009 builds it again over
    # the words with diacritics folded, as FTS5 folds them.
    Migration("0005_claims_word_index_postgresql", "", postgresql=WORD_INDEX),
    Migration("0006_pending_heads", "CREATE TABLE pending_heads (head TEXT PRIMARY KEY, new_claims INTEGER NOT NULL);"),
    Migration("0007_shingle_sets", SHINGLE_SETS_SQL),
    Migration("0008_shingle_counts", """
        CREATE TABLE shingle_counts (hash INTEGER PRIMARY KEY, docs INTEGER NOT NULL);
        INSERT INTO shingle_counts (hash, docs) SELECT hash, COUNT(*) FROM document_shingles GROUP BY hash;
    """),
    Migration("0009_claims_word_index_folds_diacritics", "", postgresql="DROP INDEX IF EXISTS claims_words;\n" + WORD_INDEX),
    Migration("0010_shingle_postings_in_levels", LEVELED_SHINGLES_SQL),
    # How each claim's as-of time was read (anchoring.TIME_RULES); the claims of an older
    # ledger keep NULL until their document is read again.
    Migration("0011_claim_time_rule", "ALTER TABLE claims ADD COLUMN time_rule TEXT;"),
    Migration("0012_one_duplicate_report_per_copy", ONE_REPORT_PER_COPY_SQL),
    Migration("0013_quotes_apart_and_dependence_named", QUOTES_APART_SQL),
]


def pending(con: Any, migrations: Sequence[Migration] = MIGRATIONS) -> list[str]:
    """The names of the migrations this ledger has not had (all of them for a new one)."""
    try:
        done = {row[0] for row in con.execute("SELECT name FROM _migrations")}
    except Exception:  # no _migrations table yet: sqlite3.OperationalError or psycopg's UndefinedTable
        if con.in_transaction:
            con.execute("ROLLBACK")
        done = set()
    return [m.name for m in migrations if m.name not in done]


def migrate(con: Any, migrations: Sequence[Migration] = MIGRATIONS) -> list[str]:
    """Apply the migrations not yet applied, each in its own transaction; return their names."""
    con.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    done = {row[0] for row in con.execute("SELECT name FROM _migrations")}
    applied = []
    for migration in migrations:
        if migration.name in done:
            continue
        with transaction(con):
            # Another process may have applied it since we looked.
            if con.execute("SELECT 1 FROM _migrations WHERE name = ?", (migration.name,)).fetchone():
                continue
            execute_script(con, migration.script(con))
            con.execute("INSERT INTO _migrations VALUES (?, ?)", (migration.name, now()))
        applied.append(migration.name)
    return applied
