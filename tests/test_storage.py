"""The ledger file: migrations, round trips, idempotent writes."""
from __future__ import annotations

import sqlite3
from dataclasses import replace

from hypothesis import given, settings, strategies as st

import pytest

from claimledger.errors import StorageError
from claimledger.ledger import linked, store as storage
from claimledger.ledger import migrations as schema, shingles as shingle_index, sql
from claimledger.read.ingest import make_document
from claimledger.records import CLAIM_FIELDS, Claim


def a_claim(document, **changes) -> Claim:
    base = dict(id="c1", doc=document.id, text="up to 2,100", start=0, end=11, value=2100.0, low=None,
                high=2100.0, unit=None, measure="Russian instructors", head="instructor", qualifier=None,
                kind="level", modality="estimated", source="UN experts", source_text="The UN experts",
                source_start=20, source_end=34, cue="estimated", time_start="2021-06", time_end="2021-06",
                time_text="now", location="Central African Republic", sentence="up to 2,100 ...",
                sentence_start=0, source_kind="intergovernmental", relayed_by=None, rule="bound:up to",
                parts=1, alt_year=False, approximate=False)
    base.update(changes)
    return Claim(**base)


def test_migrations_are_named_and_applied_once(tmp_path):
    con = storage.connect(tmp_path / "l.db")
    names = [row[0] for row in con.execute("SELECT name FROM _migrations")]
    assert names == [m.name for m in schema.MIGRATIONS]
    assert schema.migrate(con) == []


def test_the_ledger_is_written_ahead_and_synced_at_checkpoints(tmp_path):
    """WAL with synchronous=NORMAL: a killed process loses no committed document (the log is
    written at each commit); only a power cut may lose the last ones, which a re-run adds again."""
    con = storage.connect(tmp_path / "l.db")
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert con.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL


def test_claim_round_trip(tmp_path):
    con = storage.connect(tmp_path / "l.db")
    document = make_document("d1", "up to 2,100 instructors", None, "2021-06-10", "Wire", "T", None)
    claim = a_claim(document)
    assert storage.store(con, document, [claim]) is True
    [row] = storage.read_claims(con)
    assert row.to_dict() == {**claim.to_dict(), "value": 2100, "high": 2100}
    assert list(row.to_dict()) == list(CLAIM_FIELDS)


def test_same_content_twice_changes_nothing(tmp_path):
    con = storage.connect(tmp_path / "l.db")
    document = make_document("d1", "some text", None, None, None, None, None)
    assert storage.store(con, document, [a_claim(document)]) is True
    before = con.execute("SELECT * FROM documents").fetchall()
    assert storage.store(con, document, [a_claim(document)]) is False
    assert con.execute("SELECT * FROM documents").fetchall() == before


def test_changed_content_replaces_the_documents_claims(tmp_path):
    con = storage.connect(tmp_path / "l.db")
    first = make_document("d1", "first text", None, None, None, None, None)
    storage.store(con, first, [a_claim(first, id="a"), a_claim(first, id="b")])
    second = make_document("d1", "second text", None, None, None, None, None)
    storage.store(con, second, [a_claim(second, id="c")])
    assert [r.id for r in storage.read_claims(con)] == ["c"]


def test_not_a_ledger_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    try:
        storage.connect(bad)
    except storage.StorageError as exc:
        assert "not a claimledger database" in str(exc)
    else:
        raise AssertionError("expected StorageError")


@settings(max_examples=40, deadline=None)
@given(
    value=st.one_of(st.none(), st.floats(allow_nan=False, allow_infinity=False, width=32)),
    text=st.text(min_size=1, max_size=40),
    source=st.one_of(st.none(), st.text(max_size=30)),
)
def test_any_claim_round_trips(tmp_path_factory, value, text, source):
    con = storage.connect(tmp_path_factory.mktemp("h") / "l.db")
    document = make_document("d", text, None, None, None, None, None)
    claim = a_claim(document, text=text, value=value, low=value, high=value, source=source)
    storage.store(con, document, [claim])
    [row] = storage.read_claims(con)
    for name in CLAIM_FIELDS:
        expected = getattr(claim, name)
        if isinstance(expected, float):
            assert getattr(row, name) == expected
        else:
            assert getattr(row, name) == expected, name


def test_scripts_split_into_whole_statements():
    script = """
        CREATE TABLE t (a TEXT);
        CREATE TRIGGER t_copy AFTER INSERT ON t BEGIN
            INSERT INTO t (a) SELECT 'x;y' WHERE new.a = 'first';
            SELECT 1;
        END;
        INSERT INTO t VALUES ('semi;colon');
    """
    statements = sql.split_statements(script)
    assert len(statements) == 3 and statements[1].startswith("CREATE TRIGGER") and statements[1].endswith("END;")


def ledger_at(path, migrations) -> sqlite3.Connection:
    """A new SQLite ledger at `path` with only these migrations applied, as an older version left it."""
    con = sqlite3.connect(path, isolation_level=None)
    con.row_factory = sqlite3.Row
    schema.migrate(con, migrations)
    return con


def shingles_indexed_before(path, migrations) -> None:
    """A ledger at `path` with only these migrations, three documents' shingles indexed in it."""
    con = ledger_at(path, migrations)
    for doc, hashes in (("d1", [5, 9, 2**31 - 1]), ("d2", [9, 14]), ("d3", [9])):
        shingle_index.write_shingles(con, doc, hashes)
    con.close()


def test_an_older_ledger_is_upgraded_and_linked(tmp_path):
    """A ledger written before migrations 0002-0004: a reader refuses it with the command to run; a
    writer's migrations (SQL alone) give its claims their derived columns and search index, and the
    update links its documents."""
    from claimledger import api

    path = tmp_path / "old.db"
    con = ledger_at(path, schema.MIGRATIONS[:1])
    document = make_document("d1", "up to 2,100 instructors", None, "2021-06-10", "Wire", "T", None)
    row = a_claim(document).to_dict()
    del row["time_rule"]  # added by migration 0011
    con.execute("INSERT INTO documents (id, sha, published, text, added_at) VALUES (?, ?, ?, ?, ?)",
                (document.id, document.sha, document.published, document.text, "2021-06-10"))
    con.execute(f"INSERT INTO claims ({', '.join(repr(f) for f in row)}) VALUES "
                f"({', '.join('?' * len(row))})", [int(v) if isinstance(v, bool) else v for v in row.values()])
    con.close()
    with pytest.raises(StorageError, match="claimledger update"):
        api.series(path)
    con = storage.connect(path)
    assert con.execute("SELECT as_of, series_head, place FROM claims").fetchone()[:] == (
        "2021-06-15", "instructor", "Central African Republic")
    assert linked.pending_documents(con) == ["d1"]
    assert [r.id for r in storage.read_claims(con, query="instructors")] == ["c1"]
    assert api.pending(path) == 1
    api.update(path)
    [series] = api.series(path)
    assert series["claims"] == ["c1"] and linked.pending_documents(con) == []


def test_migration_0007_leaves_every_document_to_be_summarised_again(tmp_path):
    """A ledger summarised under 0004's one-row-per-shingle table: 0007 (SQL alone) drops those rows
    and leaves every document pending, and the next update writes each document's packed set and
    postings from its text, as for a document just added."""
    from claimledger import api
    from claimledger.analyse.documents import shingles
    from claimledger.analyse.update import shingle_hash

    path = tmp_path / "old.db"
    con = ledger_at(path, schema.MIGRATIONS[:6])
    text = "Russia sent 175 instructors to the Central African Republic in 2018, the ministry said."
    con.execute("INSERT INTO documents (id, sha, text, added_at) VALUES ('d1', 'x', ?, '2021')", (text,))
    con.execute("DELETE FROM pending_documents")
    con.executemany("INSERT INTO document_shingles (hash, doc) VALUES (?, 'd1')", [[5], [9]])
    con.close()
    con = storage.connect(path)
    assert linked.pending_documents(con) == ["d1"] and shingle_index.shingle_sets(con, ["d1"]) == {}
    api.update(con)
    expected = {shingle_hash(s) for s in shingles(text)}
    assert shingle_index.shingle_sets(con, ["d1"]) == {"d1": expected}
    assert set(shingle_index.shingle_postings(con, sorted(expected))) == expected
    assert not con.execute("SELECT name FROM sqlite_master WHERE name LIKE '%0004%'").fetchall()


def test_migration_0008_counts_the_shingles_of_every_document(tmp_path):
    """A ledger indexed before 0008 gets its per-shingle document counts from its postings, and
    the next replaced document moves them."""
    path = tmp_path / "old.db"
    shingles_indexed_before(path, schema.MIGRATIONS[:7])
    con = storage.connect(path)
    assert shingle_index.shingle_counts(con, [5, 9, 14, 2**31 - 1, 77]) == {5: 1, 9: 3, 14: 1, 2**31 - 1: 1, 77: 0}
    linked.replace_facts(con, "d2", [], [14, 15])
    assert shingle_index.shingle_counts(con, [9, 14, 15]) == {9: 2, 14: 1, 15: 1}


def test_migration_0010_keeps_every_posting_and_the_next_write_settles_the_levels(tmp_path, monkeypatch):
    """A ledger indexed before 0010 keeps every posting, in level 0 and counted (SQL alone); the next
    write settles them into the lowest level that holds them all, and readers see every level."""
    monkeypatch.setattr(shingle_index, "LEVEL_POSTINGS", 2)
    monkeypatch.setattr(shingle_index, "LEVEL_RATIO", 4)
    path = tmp_path / "old.db"
    shingles_indexed_before(path, schema.MIGRATIONS[:9])
    con = storage.connect(path)
    assert shingle_index.posting_levels(con) == {0: 6}
    assert shingle_index.shingle_postings(con, [5, 9, 14]) == {5: ["d1"], 9: ["d1", "d2", "d3"], 14: ["d2"]}
    linked.replace_facts(con, "d4", [], [14, 77])
    levels = shingle_index.posting_levels(con)
    assert sum(levels.values()) == 8 and all(n <= shingle_index.level_capacity(k) for k, n in levels.items())
    assert shingle_index.shingle_postings(con, [5, 9, 14, 77, 78]) == {
        5: ["d1"], 9: ["d1", "d2", "d3"], 14: ["d2", "d4"], 77: ["d4"]}
    assert shingle_index.docs_holding(con, [9, 14], 2) == ["d2"]
    assert not con.execute("SELECT name FROM sqlite_master WHERE name LIKE 'document_shingles_%'").fetchall()


def test_read_claims_filters_in_sql(tmp_path):
    con = storage.connect(tmp_path / "l.db")
    first = make_document("d1", "text one", None, "2020-01-01", None, None, None)
    second = make_document("d2", "text two", None, "2022-05-01", None, None, None)
    storage.store(con, first, [a_claim(first, id="a", time_start=None, time_end=None, kind="increase")])
    storage.store(con, second, [a_claim(second, id="b", time_start="2021", time_end="2021", source="A_B%C")])
    assert [r.id for r in storage.read_claims(con, date_from="2020-01-01", date_to="2020-12-31")] == ["a"]
    assert [r.id for r in storage.read_claims(con, date_from="2021-07-01")] == ["b"]
    assert [r.id for r in storage.read_claims(con, kind="increase")] == ["a"]
    assert [r.id for r in storage.read_claims(con, source="_b%")] == ["b"]
    assert storage.read_claims(con, source="x_b") == []  # LIKE wildcards are literal
    assert storage.count_claims(con, query="instructors") == 2
    assert [r.id for r in storage.read_claims(con, limit=1, offset=1)] == ["b"]
    storage.store(con, make_document("d2", "changed", None, None, None, None, None), [])
    assert storage.count_claims(con, query="instructors") == 1  # the index follows the table


def test_pending_heads_add_up_until_cleared(tmp_path):
    """Heads touched by several updates keep the sum of the claims they gained; a relink clears one
    head, a full relink (write_linked) all of them."""
    con = storage.connect(tmp_path / "l.db")
    assert not linked.has_pending_work(con)
    with sql.transaction(con):
        linked.touch_heads(con, {"instructor": 3, "(none)": 1})
        linked.touch_heads(con, {"instructor": 2, "pilot": 4})
    assert linked.pending_heads(con) == {"(none)": 1, "instructor": 5, "pilot": 4}
    assert linked.has_pending_work(con)
    with sql.transaction(con):
        linked.clear_pending_head(con, "instructor")
    assert linked.pending_heads(con) == {"(none)": 1, "pilot": 4}
    with sql.transaction(con):
        linked.write_linked(con, [], [])
    assert linked.pending_heads(con) == {} and not linked.has_pending_work(con)
