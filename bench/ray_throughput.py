"""The Ray path against the local add on the same texts: throughput, and the same ledger row for row.

    python bench/ray_throughput.py [--texts DIR] [--docs N] [--jobs J]

Writes the first N .txt files of DIR (default: 100 PolNeAR train texts) as one JSONL file, then
adds it three times into fresh ledgers, one after the other: `add --jobs 1` (local), `add --engine
ray --jobs J` (J extractor actors; Ray is started here with J + 1 CPUs, since `engines/ray.pool_size`
leaves one for reading and writing), and the local add again, so that the machine's drift shows.
It prints docs/s and wall seconds of each (Ray's start and its Data plan included: the time a user
waits), and compares the ledgers' claims, series and findings row for row (as bench/ledger_export.py
exports them); it exits 1 when they differ.  Wall time only: Ray's workers are not this process's
children, so their CPU time is not counted here; on a shared machine, read the two local runs as
the bounds of the noise.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import claimledger
from claimledger.extract import nlp
from claimledger.options import Options
from ledger_export import export_lines
from throughput import folder_texts, write_rows

POLNEAR_TRAIN = Path(__file__).resolve().parents[2] / "shared" / "eval" / "polnear" / "data" / "train" / "text"


def timed_add(rows: Path, db: Path, options: Options, engine: str) -> tuple[float, int, list[str]]:
    """Wall seconds of one `claimledger.add` of `rows` into the fresh ledger `db`, its claims, its export."""
    nlp.parse_memo.cache_clear()  # a run must not reuse the parses of the one before
    start = time.perf_counter()
    result = claimledger.add([rows], db=db, options=options, engine=engine)
    return time.perf_counter() - start, result.claims, export_lines(str(db))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=Path, default=POLNEAR_TRAIN)
    parser.add_argument("--docs", type=int, default=100)
    parser.add_argument("--jobs", type=int, default=2, help="Ray extractor actors")
    args = parser.parse_args()
    import ray

    texts = folder_texts(args.texts, args.docs)
    nlp.load_model(Options().model)("warm up")
    with tempfile.TemporaryDirectory() as tmp:
        rows = Path(tmp) / "corpus.jsonl"
        write_rows(rows, texts)
        runs = []
        for n, (label, engine, jobs) in enumerate([("local --jobs 1", "local", 1),
                                                   (f"ray --jobs {args.jobs}", "ray", args.jobs),
                                                   ("local --jobs 1, again", "local", 1)]):
            if engine == "ray":
                ray.init(num_cpus=jobs + 1, include_dashboard=False, log_to_driver=False)
            try:
                seconds, claims, lines = timed_add(rows, Path(tmp) / f"run{n}.db", Options(jobs=jobs), engine)
            finally:
                if engine == "ray":
                    ray.shutdown()
            runs.append((label, seconds, claims, lines))
            print(f"{label:22s} {len(texts) / seconds:6.2f} docs/s  ({seconds:.1f}s wall, {claims} claims)")
    reference = runs[0][3]
    tables = {table: sum(f'"table": "{table}"' in line for line in reference) for table in ("claims", "series", "findings")}
    print(f"ledger: {tables['claims']} claims, {tables['series']} series, {tables['findings']} findings")
    same = all(lines == reference for _label, _s, _c, lines in runs[1:])
    print("the same ledger row for row" if same else "the ledgers DIFFER")
    sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
