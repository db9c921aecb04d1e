"""What writing the duplicate screen's shingle index costs as a ledger of distinct texts grows (issue #7).

    python bench/shingle_index.py [--docs 30000] [--shingles 300] [--every 1000] [--way both]

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=30_000)
    parser.add_argument("--shingles", type=int, default=300)
    parser.add_argument("--every", type=int, default=1_000)
    parser.add_argument("--way", choices=("each", "sorted", "both"), default="both")
    parser.add_argument("--level-postings", type=int, help="shingle_index.LEVEL_POSTINGS (level 0's capacity)")
    parser.add_argument("--level-ratio", type=int, help="shingle_index.LEVEL_RATIO (each level's capacity over the last)")
    args = parser.parse_args()
    if args.level_postings:
        shingle_index.LEVEL_POSTINGS = args.level_postings
    if args.level_ratio:
        shingle_index.LEVEL_RATIO = args.level_ratio
    with tempfile.TemporaryDirectory() as tmp:
        for way in (("each", "sorted") if args.way == "both" else (args.way,)):
            run(way, args.docs, args.shingles, args.every, Path(tmp))


if __name__ == "__main__":
    main()
