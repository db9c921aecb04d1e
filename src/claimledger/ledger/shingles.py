"""The shingle index that duplicate screening reads: each document's word 5-gram hashes packed in
one row (`document_shingle_sets`), the postings hash -> documents in levels (`document_shingles`,
see `ShingleChanges`), and how many documents hold each hash (`shingle_counts`)."""
from __future__ import annotations

import sys
from array import array
from collections import Counter
from operator import itemgetter
from typing import Any, Iterable, Sequence

import numpy as np

from .sql import grouped, in_chunks

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
    return {doc: unpack_hashes(packed) for doc, packed in
            in_chunks(con, "SELECT doc, hashes FROM document_shingle_sets WHERE doc IN ({})", docs)}


def shingle_counts(con: Any, hashes: Sequence[int]) -> dict[int, int]:
    """{hash: how many documents hold it} for these hashes (0 for one no document holds), read from
    the maintained `shingle_counts` table: one lookup a hash however common the shingle."""
    counts = dict.fromkeys(hashes, 0)
    counts.update(in_chunks(con, "SELECT hash, docs FROM shingle_counts WHERE hash IN ({})", hashes))
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
    return grouped(con, f"SELECT hash, doc FROM document_shingles WHERE level IN ({_levels_sql(con)}) "
                    "AND hash IN ({}) ORDER BY hash, doc", list(hashes))
