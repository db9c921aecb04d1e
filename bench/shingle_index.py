"""What writing the duplicate screen's shingle index costs as a ledger of distinct texts grows (issue #7).

    python bench/shingle_index.py [--docs 30000] [--shingles 300] [--every 1000] [--way both]
    python bench/shingle_index.py --copies K [--stories 10] [--every 100]

Real news shares few five-word shingles between articles, so nearly every posting
an update writes lands at its own place in the (hash, doc) index; bench/scale.py's
template stories share many, which hides that.  This script writes `--docs`
documents of `--shingles` random distinct hashes each (ids shaped like the scale
ledger's), `--every` documents per transaction, into a fresh ledger through
`linked.replace_facts`, and prints what the batches took:
"each" writes every document's postings at once (the code before
`shingle_index.ShingleChanges`), "sorted" records them and writes the batch's together,
sorted by hash, as an update now does (into level 0 of the leveled index since
migration 0010; see `shingle_index.ShingleChanges`).  Per tenth of the documents: the
last batch's seconds, and the mean and the largest over the tenth's batches (a
batch that moves a level is the largest).  Wall seconds, this machine, one run.

With `--copies K` it times the duplicate screen instead: `--stories` stories of 600 random
words each (four passages of 15 words in quotation marks, so that the quote index is read too), K copies of each (a line of its own on top of every copy), shuffled, stored `--every`
documents at a time, each batch followed by the update (`api.update`, which screens the new
documents for duplicates); it prints the update's CPU seconds per document and the duplicate
findings.  Run with K = 10, 20, 40, 80: a screen whose cost grows with the copies before a
document shows it per document.

Run it with PYTHONPATH pointing at an older checkout's src to time that code.
"""
from __future__ import annotations

import argparse
import random
import tempfile
import time
from contextlib import closing
from pathlib import Path

from claimledger.ledger import linked, store as storage
from claimledger.ledger import shingles as shingle_index, sql


def run(way: str, docs: int, shingles: int, every: int, folder: Path, seed: int = 0) -> None:
    rng = random.Random(seed)
    tenth: list[float] = []
    with closing(storage.connect(folder / f"{way}.db")) as con:
        for first in range(0, docs, every):
            batch = [(f"story{n}", {rng.getrandbits(31) for _ in range(shingles)})
                     for n in range(first, min(first + every, docs))]
            began = time.perf_counter()
            with sql.transaction(con):
                changes = shingle_index.ShingleChanges() if way == "sorted" else None
                for doc, hashes in batch:
                    linked.replace_facts(con, doc, [], sorted(hashes), changes)
                if changes is not None:
                    changes.write(con)
            tenth.append(time.perf_counter() - began)
            done = first + len(batch)
            if done % max(docs // 10, every) == 0 or done == docs:
                print(f"{way:>6} {done:>8} docs  {done * shingles:>11,} postings  "
                      f"per {every} docs: last {tenth[-1]:6.2f} s, mean {sum(tenth) / len(tenth):6.2f} s, "
                      f"max {max(tenth):6.2f} s", flush=True)
                tenth = []


def run_copies(copies: int, stories: int, every: int, folder: Path, seed: int = 0) -> None:
    """Store `stories` x `copies` near-copies in batches, each followed by an update; print the cost."""
    from claimledger import api
    from claimledger.read.ingest import make_document

    rng = random.Random(seed)
    vocabulary = [f"w{n}" for n in range(5000)]
    bodies = [_quoted(" ".join(rng.choice(vocabulary) for _ in range(600))) for _ in range(stories)]
    documents = [(f"s{s}c{c}", f"Carried by outlet {c} for story {s}.\n\n{body}")
                 for s, body in enumerate(bodies) for c in range(copies)]
    rng.shuffle(documents)
    cpu = 0.0
    with closing(storage.connect(folder / f"copies{copies}.db")) as con:
        for first in range(0, len(documents), every):
            for doc, text in documents[first:first + every]:
                storage.store(con, make_document(doc, text, None, "2024-01-01", None, None, None), [])
            began = time.process_time()
            api.update(con)
            cpu += time.process_time() - began
        [(found,)] = con.execute("SELECT COUNT(*) FROM findings WHERE type = 'duplicate_report'").fetchall()
    print(f"{stories} stories x {copies} copies ({len(documents)} documents): update {cpu:.2f} s CPU in all, "
          f"{1000 * cpu / len(documents):.1f} ms a document; {found} duplicate_report findings", flush=True)


def _quoted(body: str, starts: tuple[int, ...] = (100, 250, 400, 500), words: int = 15) -> str:
    """The body with the passages of `words` words at these word offsets in quotation marks."""
    split = body.split()
    for start in starts:
        split[start] = '"' + split[start]
        split[start + words - 1] += '"'
    return " ".join(split)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=30_000)
    parser.add_argument("--shingles", type=int, default=300)
    parser.add_argument("--every", type=int, help="documents per transaction (default 1,000; with --copies, 100)")
    parser.add_argument("--way", choices=("each", "sorted", "both"), default="both")
    parser.add_argument("--level-postings", type=int, help="shingle_index.LEVEL_POSTINGS (level 0's capacity)")
    parser.add_argument("--level-ratio", type=int, help="shingle_index.LEVEL_RATIO (each level's capacity over the last)")
    parser.add_argument("--copies", type=int, help="time the duplicate screen over this many copies of each story")
    parser.add_argument("--stories", type=int, default=10, help="with --copies: how many stories")
    args = parser.parse_args()
    if args.copies:
        with tempfile.TemporaryDirectory() as tmp:
            run_copies(args.copies, args.stories, args.every or 100, Path(tmp))
        return
    if args.level_postings:
        shingle_index.LEVEL_POSTINGS = args.level_postings
    if args.level_ratio:
        shingle_index.LEVEL_RATIO = args.level_ratio
    with tempfile.TemporaryDirectory() as tmp:
        for way in (("each", "sorted") if args.way == "both" else (args.way,)):
            run(way, args.docs, args.shingles, args.every or 1_000, Path(tmp))


if __name__ == "__main__":
    main()
