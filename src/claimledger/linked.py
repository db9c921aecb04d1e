"""What linking and checking leave in the ledger, and what an update reads and waits on.

- Stored series and findings (`series`, `series_claims`, `findings`, `finding_claims`,
  `finding_docs`): written by `incremental.update` and `incremental.relink`, read by the
  commands, the report and the web API.
- Pending work: documents stored since the last update (`pending_documents`) and heads whose
  series wait to be relinked (`pending_heads`, see incremental.RELINK_SHARE).
- Per-document summaries: `document_facts` rows, and the shingle index duplicate screening
  reads: each document's set packed in one row (`document_shingle_sets`) and the postings
  (`document_shingles`, hash -> documents, in levels: see `ShingleChanges`), with how many
  documents hold each hash (`shingle_counts`, kept in step by `replace_facts` and `ShingleChanges`).

The tables are created by storage's migrations (0004, 0006, 0007, 0008, 0010; docs/schema.md); this module
holds the reads and writes over them, `storage` the documents and claims.
"""
from __future__ import annotations

import json
import sys
from array import array
from collections import Counter
from operator import itemgetter
from typing import Any, Iterable, Sequence

import numpy as np

from . import storage


# ---------------------------------------------------------------- stored series and findings

def write_series(con: Any, keyed: Sequence[tuple[str, dict[str, Any]]]) -> None:
    """Insert (sort key, series row) pairs; the caller deletes what they replace (see delete_series)."""
    con.executemany("INSERT INTO series (id, label, head, location, low, best, high, rule, sort_key) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [[row["id"], row["label"], row["head"], row["location"], row["low"], row["best"], row["high"],
                      row["rule"], sort_key] for sort_key, row in keyed])
    con.executemany("INSERT INTO series_claims (series_id, position, claim_id, doc) "
                    "SELECT ?, ?, ?, doc FROM claims WHERE id = ?",
                    [[row["id"], n, claim_id, claim_id] for _key, row in keyed
                     for n, claim_id in enumerate(row["claims"])])


def delete_series(con: Any, heads: Sequence[str | None]) -> None:
    """Delete the stored series counting these heads (None: series without a head)."""
    for head in heads:
        match = "head IS NULL" if head is None else "head = ?"
        args = [] if head is None else [head]
        con.execute(f"DELETE FROM series_claims WHERE series_id IN (SELECT id FROM series WHERE {match})", args)
        con.execute(f"DELETE FROM series WHERE {match}", args)


def read_series(con: Any, *, head: str | None = None, location: str | None = None, series_id: str | None = None,
                limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
    """Stored series rows (INTERFACE.md), in quantity-key order, filtered and paged."""
    where, params = storage.equal_conditions((("head", head), ("location", location), ("id", series_id)))
    sql = f"SELECT * FROM series{where} ORDER BY sort_key"
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [limit, offset]
    rows = [dict(row) for row in con.execute(sql, params)]
    members = _grouped(con, "SELECT series_id, claim_id FROM series_claims WHERE series_id IN ({}) "
                            "ORDER BY series_id, position", [row["id"] for row in rows])
    return [{"id": row["id"], "label": row["label"], "head": row["head"], "location": row["location"],
             "claims": members.get(row["id"], []), "low": _number(row["low"]), "best": _number(row["best"]),
             "high": _number(row["high"]), "rule": row["rule"]} for row in rows]


def count_series(con: Any, *, head: str | None = None, location: str | None = None) -> int:
    """How many stored series `read_series` with these filters returns, unpaged."""
    where, params = storage.equal_conditions((("head", head), ("location", location)))
    return con.execute(f"SELECT COUNT(*) FROM series{where}", params).fetchone()[0]


def write_findings(con: Any, scoped: Sequence[tuple[str, str, dict[str, Any]]]) -> None:
    """Insert (scope, sort key, finding row) triples; the caller deletes what they replace."""
    con.executemany("INSERT INTO findings (id, type, holds, message, severity, evidence, scope, sort_key) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [[row["id"], row["type"], storage.sql_value(row["holds"]), row["message"], row.get("severity"),
                      json.dumps(list(row.get("evidence") or [])), scope, sort_key] for scope, sort_key, row in scoped])
    for table, field, column in (("finding_claims", "claims", "claim_id"), ("finding_docs", "docs", "doc")):
        con.executemany(f"INSERT INTO {table} (finding_id, position, {column}) VALUES (?, ?, ?)",
                        [[row["id"], n, value] for _s, _k, row in scoped for n, value in enumerate(row[field])])


def delete_findings(con: Any, ids: Sequence[str]) -> None:
    """Delete these stored findings with their claim and document lists."""
    for table, column in (("finding_claims", "finding_id"), ("finding_docs", "finding_id"), ("findings", "id")):
        con.executemany(f"DELETE FROM {table} WHERE {column} = ?", [[i] for i in ids])


def finding_ids(con: Any, scopes: Sequence[str], types: Sequence[str] | None = None) -> list[str]:
    """Ids of the stored findings in these scopes (and of these types)."""
    found = []
    for scope in scopes:
        rows = con.execute("SELECT id, type FROM findings WHERE scope = ?", (scope,))
        found += [row[0] for row in rows if types is None or row[1] in types]
    return found


def read_findings(con: Any, *, type: str | None = None, doc: str | None = None, finding_id: str | None = None,
                  limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
    """Stored finding rows (INTERFACE.md, plus severity and evidence), filtered and paged."""
    where, params = _finding_conditions(type, doc, finding_id)
    sql = f"SELECT * FROM findings{where} ORDER BY sort_key"
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [limit, offset]
    rows = [dict(row) for row in con.execute(sql, params)]
    ids = [row["id"] for row in rows]
    claims = _grouped(con, "SELECT finding_id, claim_id FROM finding_claims WHERE finding_id IN ({}) "
                           "ORDER BY finding_id, position", ids)
    docs = _grouped(con, "SELECT finding_id, doc FROM finding_docs WHERE finding_id IN ({}) "
                         "ORDER BY finding_id, position", ids)
    return [{"id": row["id"], "type": row["type"], "holds": None if row["holds"] is None else bool(row["holds"]),
             "claims": claims.get(row["id"], []), "docs": docs.get(row["id"], []), "message": row["message"],
             "severity": row["severity"], "evidence": json.loads(row["evidence"])} for row in rows]


def count_findings(con: Any, *, type: str | None = None, doc: str | None = None) -> int:
    """How many stored findings `read_findings` with these filters returns, unpaged."""
    where, params = _finding_conditions(type, doc, None)
    return con.execute(f"SELECT COUNT(*) FROM findings{where}", params).fetchone()[0]


def _finding_conditions(type: str | None, doc: str | None, finding_id: str | None) -> tuple[str, list[Any]]:
    where, params = storage.equal_conditions((("type", type), ("id", finding_id)))
    if doc is not None:
        where += (" AND " if where else " WHERE ") + "id IN (SELECT finding_id FROM finding_docs WHERE doc = ?)"
        params.append(doc)
    return where, params


def write_linked(con: Any, series: Sequence[tuple[str, dict]], findings: Sequence[tuple[str, str, dict]]) -> None:
    """Replace every stored series and finding (a full relink) and clear the pending documents and heads."""
    for table in ("series_claims", "series", "finding_claims", "finding_docs", "findings", "pending_documents",
                  "pending_heads"):
        con.execute(f"DELETE FROM {table}")
    write_series(con, series)
    write_findings(con, findings)


def replace_linked_rows(con: Any, series: Sequence[dict], findings: Sequence[dict]) -> None:
    """Store series and finding rows made elsewhere (a hand-made ledger, an import) as the linked
    state, in the order given; `incremental.relink` replaces them with computed ones."""
    with storage.transaction(con):
        write_linked(con, [(f"{n:08d}", row) for n, row in enumerate(series)],
                     [("stored", f"{n:08d}", row) for n, row in enumerate(findings)])


def pending_documents(con: Any) -> list[str]:
    """Documents stored since series and findings were last brought up to date."""
    return [row[0] for row in con.execute("SELECT doc FROM pending_documents ORDER BY doc")]


def clear_pending(con: Any, docs: Sequence[str]) -> None:
    """Mark these documents as linked and checked."""
    con.executemany("DELETE FROM pending_documents WHERE doc = ?", [[doc] for doc in docs])


def touch_heads(con: Any, new_claims: dict[str, int]) -> None:
    """Record heads to relink ({head term: claims it gained}), adding to what is already pending."""
    con.executemany("INSERT INTO pending_heads (head, new_claims) VALUES (?, ?) ON CONFLICT (head) "
                    "DO UPDATE SET new_claims = pending_heads.new_claims + excluded.new_claims",
                    [[head, count] for head, count in sorted(new_claims.items())])


def pending_heads(con: Any) -> dict[str, int]:
    """Heads whose series and findings are not yet relinked, with the claims each gained since."""
    return {row[0]: row[1] for row in con.execute("SELECT head, new_claims FROM pending_heads ORDER BY head")}


def clear_pending_head(con: Any, head: str) -> None:
    """Mark this head as relinked and re-checked."""
    con.execute("DELETE FROM pending_heads WHERE head = ?", (head,))


def has_pending_work(con: Any) -> bool:
    """Whether documents or heads wait for an update (a killed add, an older ledger, a deferred relink)."""
    return any(con.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone()
               for table in ("pending_documents", "pending_heads"))


def count_head_claims(con: Any, head: str | None) -> int:
    """How many claims count this resolved head (`series_head`; None: claims without a head)."""
    match = "series_head IS NULL" if head is None else "series_head = ?"
    return con.execute(f"SELECT COUNT(*) FROM claims WHERE {match}", [] if head is None else [head]).fetchone()[0]


def head_claim_counts(con: Any, doc: str) -> dict[str | None, int]:
    """{resolved head: claims of this document counting it}."""
    rows = con.execute("SELECT series_head, COUNT(*) FROM claims WHERE doc = ? GROUP BY series_head", (doc,))
    return {row[0]: row[1] for row in rows}


# ---------------------------------------------------------------- document summaries

def replace_facts(con: Any, doc: str, facts: Sequence[tuple[str, str, float | None, str | None]],
                  shingles: Sequence[int], changes: "ShingleChanges | None" = None) -> None:
    """A document's summary rows (kind, term, number, extra) and shingle hashes, replaced.

    The postings and the per-shingle document counts move with the packed set: written at once,
    or, when `changes` is given, recorded there for one `ShingleChanges.write` over many documents."""
    con.execute("DELETE FROM document_facts WHERE doc = ?", (doc,))
    con.executemany("INSERT INTO document_facts (doc, kind, term, number, extra) VALUES (?, ?, ?, ?, ?)",
                    [[doc, *fact] for fact in facts])
    old = shingle_sets(con, [doc]).get(doc, frozenset())
    new = frozenset(shingles)
    con.execute("DELETE FROM document_shingle_sets WHERE doc = ?", (doc,))
    con.execute("INSERT INTO document_shingle_sets (doc, hashes) VALUES (?, ?)", (doc, pack_hashes(new)))
    moved = changes if changes is not None else ShingleChanges()
    moved.move(doc, gained=new - old, lost=old - new)
    if changes is None:
        moved.write(con)


class ShingleChanges:
    """Shingle postings that documents gained and lost while their summaries were rewritten, written
    together by `write`.

    The postings index is leveled, as a log-structured merge tree (LevelDB's) is: `level` leads
    its key, so each level is one contiguous run of the (level, hash, doc) index.  An update's
    postings (a few hundred per document, a thousand documents) go to level 0, sorted by hash, and
    dirty only level 0's pages: in one flat (hash, doc) index they landed on nearly every page of
    an index as large as the ledger, so each update rewrote about all of it and its cost grew with
    the ledger.  A level holding more than its share (`level_capacity`) moves whole into the next,
    one sequential pass, so a posting is rewritten about once per level (a handful: level k holds
    up to LEVEL_POSTINGS * LEVEL_RATIO ** k) and what an update writes and commits stays flat.
    Readers look in every level (`posting_levels`), one index seek per level; a posting is in
    exactly one.  The per-shingle document counts move once per hash.  A posting gained and lost
    again before `write` cancels out."""

    def __init__(self) -> None:
        self.docs: dict[str, tuple[set[int], set[int]]] = {}  # doc -> (hashes gained, hashes lost)
        self.postings = 0  # to write: the sizes of those sets

    def __len__(self) -> int:
        return self.postings

    def move(self, doc: str, gained: Iterable[int], lost: Iterable[int]) -> None:
        """Record that `doc` gained and lost these hashes (after what was recorded for it already)."""
        gained, lost = set(gained), set(lost)
        before_gained, before_lost = self.docs.get(doc, (set(), set()))
        now = (before_gained - lost) | (gained - before_lost), (before_lost - gained) | (lost - before_gained)
        self.docs[doc] = now
        self.postings += len(now[0]) + len(now[1]) - len(before_gained) - len(before_lost)

    def write(self, con: Any) -> None:
        """Delete the lost postings (from whichever level holds them), insert the gained ones into
        level 0, settle the levels and move `shingle_counts`; then start afresh."""
        first = itemgetter(0)  # ties (one hash, several documents) need no order: sorting on the hash alone is cheaper
        gained = sorted(((h, doc) for doc, (hashes, _) in self.docs.items() for h in hashes), key=first)
        lost = sorted(((h, doc) for doc, (_, hashes) in self.docs.items() for h in hashes), key=first)
        if lost:
            con.executemany(f"DELETE FROM document_shingles WHERE level IN ({_levels_sql(con)}) "
                            "AND hash = ? AND doc = ?", lost)
        con.executemany("INSERT INTO document_shingles (level, hash, doc) VALUES (0, ?, ?)", gained)
        if gained:
            _count_level(con, 0, len(gained))
            settle_levels(con)
        delta = Counter(map(first, gained))
        delta.subtract(map(first, lost))
        count_shingles(con, delta)
        self.docs.clear()
        self.postings = 0


# Level 0 of the postings holds up to LEVEL_POSTINGS postings (a few updates' worth: its pages are
# the ones an update dirties), level k up to LEVEL_POSTINGS * LEVEL_RATIO ** k.  A larger ratio
# means fewer levels for a reader to look in (each level is one more index seek per probe hash:
# 1,000 documents' duplicate probes on the 100,000-story scale ledger took 0.7-1.1 s on the flat
# index, 0.9-1.7 s in ratio 4's three levels, 0.8-1.1 s in ratio 16's two) and each move
# rewriting more of the next level.
LEVEL_POSTINGS = 1_000_000
LEVEL_RATIO = 16


def level_capacity(level: int) -> int:
    """The postings `level` may hold before it moves whole into the next."""
    return LEVEL_POSTINGS * LEVEL_RATIO ** level


def level_for(postings: int) -> int:
    """The lowest level that may hold this many postings."""
    level = 0
    while postings > level_capacity(level):
        level += 1
    return level


def posting_levels(con: Any) -> dict[int, int]:
    """{level: postings counted in it} for the levels holding postings, from `shingle_levels`.
    A count includes the postings inserted and moved into the level, not those deleted since
    (a replaced document's), which `settle_levels` counts again before moving it."""
    return dict(con.execute("SELECT level, postings FROM shingle_levels ORDER BY level").fetchall())


def settle_levels(con: Any) -> None:
    """Move each level holding more than its capacity whole into the next, from level 0 up (a move
    may put the next level over its own capacity in turn)."""
    counted, level = posting_levels(con), 0
    while level <= max(counted, default=-1):
        held = _recount(con, level) if counted.get(level, 0) > level_capacity(level) else 0
        if held > level_capacity(level):
            con.execute("INSERT INTO document_shingles (level, hash, doc) SELECT ?, hash, doc "
                        "FROM document_shingles WHERE level = ? ORDER BY hash, doc", (level + 1, level))
            con.execute("DELETE FROM document_shingles WHERE level = ?", (level,))
            con.execute("DELETE FROM shingle_levels WHERE level = ?", (level,))
            _count_level(con, level + 1, held)
            counted = posting_levels(con)
        level += 1


def _recount(con: Any, level: int) -> int:
    """Count the postings `level` holds (its stored count may include some deleted since) and store the count."""
    [(held,)] = con.execute("SELECT COUNT(*) FROM document_shingles WHERE level = ?", (level,)).fetchall()
    con.execute("UPDATE shingle_levels SET postings = ? WHERE level = ?", (held, level))
    return held


def _count_level(con: Any, level: int, postings: int) -> None:
    con.execute("INSERT INTO shingle_levels (level, postings) VALUES (?, ?) ON CONFLICT (level) "
                "DO UPDATE SET postings = shingle_levels.postings + excluded.postings", (level, postings))


def _levels_sql(con: Any) -> str:
    """The levels holding postings, as an SQL list to look in ("0" when there are none): written
    out, so that both databases probe the (level, hash, doc) index once per level and hash."""
    return ", ".join(str(int(level)) for level in posting_levels(con)) or "0"


def count_shingles(con: Any, delta: Counter) -> None:
    """Move `shingle_counts` (hash -> documents holding it) by `delta` (hash -> documents gained,
    negative when lost); a count that reaches 0 is deleted."""
    gained = [[h, n] for h, n in sorted(delta.items()) if n > 0]
    lost = [[n, h] for h, n in sorted(delta.items()) if n < 0]
    con.executemany("INSERT INTO shingle_counts (hash, docs) VALUES (?, ?) "
                    "ON CONFLICT (hash) DO UPDATE SET docs = shingle_counts.docs + excluded.docs", gained)
    con.executemany("UPDATE shingle_counts SET docs = docs + ? WHERE hash = ?", lost)
    con.executemany("DELETE FROM shingle_counts WHERE hash = ? AND docs <= 0", [[h] for _n, h in lost])


def write_shingles(con: Any, doc: str, postings: Sequence[int], every: Iterable[int] | None = None) -> None:
    """Index `postings` under `doc` and store its whole set (`every`, by default the postings) packed,
    in the tables as migration 0007 made them (a posting's level, added by 0010, defaults to 0)."""
    con.executemany("INSERT INTO document_shingles (hash, doc) VALUES (?, ?)", [[h, doc] for h in postings])
    con.execute("INSERT INTO document_shingle_sets (doc, hashes) VALUES (?, ?)",
                (doc, pack_hashes(postings if every is None else every)))


def pack_hashes(hashes: Iterable[int]) -> bytes:
    """Shingle hashes (31-bit) as sorted 4-byte little-endian integers, the stored form."""
    packed = array("I", sorted(hashes))
    if sys.byteorder == "big":
        packed.byteswap()
    return packed.tobytes()


def unpack_hashes(packed: bytes) -> frozenset[int]:
    """The hashes `pack_hashes` stored."""
    hashes = array("I")
    hashes.frombytes(bytes(packed))
    if sys.byteorder == "big":
        hashes.byteswap()
    return frozenset(hashes)


def shingle_sets(con: Any, docs: Sequence[str]) -> dict[str, frozenset[int]]:
    """{document: its shingle hashes} for those of `docs` that have them."""
    found = {}
    for first in range(0, len(docs), 500):
        chunk = list(docs[first:first + 500])
        for doc, packed in con.execute(f"SELECT doc, hashes FROM document_shingle_sets WHERE doc IN "
                                       f"({', '.join('?' * len(chunk))})", chunk):
            found[doc] = unpack_hashes(packed)
    return found


def shingle_counts(con: Any, hashes: Sequence[int]) -> dict[int, int]:
    """{hash: how many documents hold it} for these hashes (0 for one no document holds), read from
    the maintained `shingle_counts` table: one lookup a hash however common the shingle."""
    counts = dict.fromkeys(hashes, 0)
    for first in range(0, len(hashes), 500):
        chunk = list(hashes[first:first + 500])
        counts.update(con.execute(f"SELECT hash, docs FROM shingle_counts WHERE hash IN "
                                  f"({', '.join('?' * len(chunk))})", chunk).fetchall())
    return counts


def docs_holding(con: Any, hashes: Sequence[int], at_least: int = 1) -> list[str]:
    """Documents holding at least `at_least` of these shingle hashes, in id order."""
    if not hashes:
        return []
    return [row[0] for row in con.execute(
        f"SELECT doc FROM document_shingles WHERE level IN ({_levels_sql(con)}) "
        f"AND hash IN ({', '.join('?' * len(hashes))}) GROUP BY doc HAVING COUNT(*) >= ? ORDER BY doc",
        [*hashes, at_least])]


def shingle_overlaps(con: Any, docs: Sequence[str], hashes: Iterable[int],
                     sizes: tuple[int, int]) -> dict[str, tuple[int, int]]:
    """{document: (its shingle count, how many of `hashes` it holds)} for those of `docs` holding
    between sizes[0] and sizes[1] shingles.  All the documents' packed sets are compared at once
    (numpy: each stored hash looked up in the sorted `hashes`), not one Python set per document."""
    mine = np.array(sorted(hashes), dtype="<u4")
    found: dict[str, tuple[int, int]] = {}
    for first in range(0, len(docs), 500):
        chunk = list(docs[first:first + 500])
        rows = con.execute(f"SELECT doc, hashes FROM document_shingle_sets WHERE doc IN "
                           f"({', '.join('?' * len(chunk))}) AND length(hashes) BETWEEN ? AND ?",
                           [*chunk, 4 * sizes[0], 4 * sizes[1]]).fetchall()
        if not rows or not len(mine):
            continue
        packed = [bytes(row[1]) for row in rows]
        theirs = np.frombuffer(b"".join(packed), dtype="<u4")
        at = np.minimum(np.searchsorted(mine, theirs), len(mine) - 1)
        held = (mine[at] == theirs).astype(np.int64)
        lengths = np.array([len(blob) // 4 for blob in packed])
        starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
        shared = np.add.reduceat(held, starts) if len(held) else np.zeros(len(rows), dtype=np.int64)
        found.update({row[0]: (int(n), int(k)) for row, n, k in zip(rows, lengths, shared)})
    return found


def shingle_postings(con: Any, hashes: Sequence[int]) -> dict[int, list[str]]:
    """{hash: every document holding it} for these hashes."""
    return _grouped(con, f"SELECT hash, doc FROM document_shingles WHERE level IN ({_levels_sql(con)}) "
                    "AND hash IN ({}) ORDER BY hash, doc", list(hashes))


def read_facts(con: Any, docs: Sequence[str], kinds: Sequence[str] | None = None) -> list[dict[str, Any]]:
    """Summary rows of these documents (of these kinds)."""
    found = []
    for doc in docs:
        rows = con.execute("SELECT doc, kind, term, number, extra FROM document_facts WHERE doc = ?", (doc,))
        found += [dict(row) for row in rows if kinds is None or row["kind"] in kinds]
    return found


def docs_with_fact(con: Any, kind: str, terms: Sequence[str]) -> set[str]:
    """Documents having a summary row of this kind for any of these terms."""
    found: set[str] = set()
    for term in terms:
        found.update(row[0] for row in con.execute(
            "SELECT doc FROM document_facts WHERE kind = ? AND term = ?", (kind, term)))
    return found


def claims_with_heads(con: Any, heads: Sequence[str | None]) -> list[dict[str, Any]]:
    """Every claim whose resolved head (`series_head`) is one of these, in document and text order."""
    rows = []
    for head in heads:
        match = "series_head IS NULL" if head is None else "series_head = ?"
        rows += [storage.claim_row(row) for row in con.execute(f"SELECT * FROM claims WHERE {match}",
                                                       [] if head is None else [head])]
    return sorted(rows, key=lambda c: (c["doc"], c["start"]))


def _grouped(con: Any, sql: str, ids: Sequence[str]) -> dict[str, list[str]]:
    """{id: [values]} from a two-column query with an IN ({}) list, run in chunks of 500 ids."""
    grouped: dict[str, list[str]] = {}
    for first in range(0, len(ids), 500):
        chunk = ids[first:first + 500]
        for key, value in con.execute(sql.format(", ".join("?" * len(chunk))), chunk):
            grouped.setdefault(key, []).append(value)
    return grouped


def _number(value: Any) -> Any:
    return int(value) if isinstance(value, float) and value.is_integer() else value
