"""What one update costs on a large ledger, by stage (issue #7): does it grow with the ledger?

    python bench/update_cost.py LEDGER [--docs 1000] [--start N] [--seed 0] [--copy] [--profile FILE]

LEDGER is a ledger written by `bench/scale.py --keep DIR` (DIR/scale.db) from
the first N stories of `scale.news_stories(seed)` (N: its document count by
default).  This script extracts and stores the next `--docs` stories of the
same generator (so some republish stories the ledger holds, as wire copy
does), then runs the one non-final update `claimledger add` would run after
them under cProfile, and prints its wall and CPU seconds and the cumulative
seconds of its parts: duplicate screening (with the index reads inside it),
summaries, per-document rechecks and relinking.  Run it on ledgers of
different sizes to see which part grows.

`--copy` works on a copy of LEDGER (in the same folder), so the ledger can be
measured again, by another version of the code for instance; migrations the
ledger lacks are applied first and timed separately.
"""
from __future__ import annotations

import argparse
import cProfile
import itertools
import pstats
import shutil
import sys
import time
from contextlib import closing
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale import news_stories  # noqa: E402  (bench/scale.py, beside this file)

from claimledger import api
from claimledger.ledger import store as storage
from claimledger.read.ingest import make_document  # noqa: E402
from claimledger.options import Options  # noqa: E402
from claimledger.pipeline import extract  # noqa: E402

# Functions whose cumulative time is printed: (label, module file suffix, function name).
PARTS = (
    ("duplicate screening", "incremental.py", "_update_duplicates"),
    ("  candidate probe (docs_holding)", "linked.py", "docs_holding"),
    ("  shingle counts", "linked.py", "shingle_counts"),
    ("  packed set compare", "linked.py", "shingle_overlaps"),
    ("summaries (facts, shingles)", "incremental.py", "_summarise_stored"),
    ("postings and counts written", "linked.py", "write"),
    ("per-document rechecks", "incremental.py", "_recheck_documents"),
    ("relinking heads", "incremental.py", "_relink_head"),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ledger", type=Path)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--start", type=int, help="stories the ledger holds (default: its document count)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--copy", action="store_true", help="measure on a copy of the ledger")
    parser.add_argument("--profile", type=Path, help="also write the update's whole profile here (pstats)")
    args = parser.parse_args()
    path = args.ledger
    if args.copy:
        path = path.with_name(path.stem + ".measured.db")
        shutil.copyfile(args.ledger, path)
    began = time.perf_counter()
    with closing(storage.connect(path)) as con:
        print(f"open and migrate: {time.perf_counter() - began:.1f} s")
        start = args.start if args.start is not None else con.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        stories = itertools.islice(news_stories(start + args.docs, args.seed), start, None)
        documents = [make_document(s.id, s.text, None, s.published, s.publisher, s.title, None) for s in stories]
        began = time.perf_counter()
        for extracted in extract(iter(documents), Options()):
            storage.store(con, extracted.document, extracted.claims)
        print(f"extract and store {len(documents)} documents: {time.perf_counter() - began:.1f} s "
              f"(ledger held {start})")
        profile = cProfile.Profile()
        wall, cpu = time.perf_counter(), time.process_time()
        profile.enable()
        result = api.update(con, final=False)
        profile.disable()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        copies = con.execute("SELECT COUNT(*) FROM findings WHERE type = 'duplicate_report'").fetchone()[0]
    print(f"update: {wall:.1f} s wall, {cpu:.1f} s CPU  {result}; duplicate_report findings in the ledger: {copies}")
    if args.profile:
        profile.dump_stats(args.profile)
    stats = pstats.Stats(profile).stats
    for label, module, name in PARTS:
        seconds = sum(row[3] for (file, _line, function), row in stats.items()
                      if function == name and file.endswith(module))
        print(f"  {label:34s} {seconds:7.2f} s (cumulative, under the profiler)")


if __name__ == "__main__":
    main()
