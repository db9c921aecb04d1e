"""Throughput of `claimledger add` on syndicated copies, against spaCy's pipeline alone.

    python bench/syndicated.py [--texts DIR] [--articles N] [--copies K] [--jobs J] [--by-paragraph] [--profile FILE]

Wire copy is republished many times, nearly word for word.  This bench makes such a corpus at
run time (no news text is stored in the repository): it takes N articles (the first N .txt files
of DIR, e.g. PolNeAR's texts; by default the example corpus's stories) and makes K copies of each,
every copy with one line of its own added at the top (an outlet's credit line naming the copy),
so that no two documents are the same text and each copy is a near-copy of the others (word
5-gram Jaccard about 0.95-0.99).  The N x K documents are shuffled (copies of one article arrive
spread over the add, as they would from a feed).

It times, in one run as bench/throughput.py does: spaCy alone (the shipped model, `nlp.pipe` over
the texts, warm), then `claimledger.add` of the same texts into a fresh ledger (extract, store
and the series/findings update), and prints both, their ratio, the duplicate findings the add
made and the peak RSS.  `--by-paragraph` parses each paragraph alone and reuses the paragraphs
a copy shares with one parsed before (`Options.parse_by_paragraph`).  `--profile FILE` writes a cProfile of the add (`python -m pstats FILE`).
"""
from __future__ import annotations

import argparse
import cProfile
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import throughput  # noqa: E402  (bench/throughput.py, beside this file)

from claimledger.options import Options  # noqa: E402

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "car-instructors"


def articles(folder: Path, n: int) -> list[str]:
    """The first `n` .txt texts of `folder` (sorted by name)."""
    return throughput.folder_texts(folder, n)


def syndicate(texts: list[str], copies: int, seed: int = 0) -> list[str]:
    """`copies` copies of each text, each with a credit line of its own on top, shuffled."""
    made = [f"Carried by partner outlet {k + 1} of {copies} (item {n + 1}).\n\n{text}"
            for n, text in enumerate(texts) for k in range(copies)]
    random.Random(seed).shuffle(made)
    return made


def run(texts: list[str], options: Options, profile: Path | None) -> None:
    """spaCy alone, then the whole add, over `texts`; print both and their ratio."""
    import spacy

    model = Options().model
    shipped = spacy.load(model)
    shipped("warm up")
    print(f"{len(texts)} documents, {sum(map(len, texts)) / len(texts):.0f} chars each on average")
    spacy_s, spacy_cpu = throughput.time_spacy(texts, shipped)
    print(f"spaCy {model} alone: {len(texts) / spacy_s:8.1f} docs/s ({spacy_s:.1f}s wall, {spacy_cpu:.1f}s CPU)")
    profiler = cProfile.Profile() if profile else None
    if profiler:
        profiler.enable()
    began = time.perf_counter()
    seconds, cpu, claims, duplicates = time_add(texts, options)
    if profiler:
        profiler.disable()
        profiler.dump_stats(str(profile))
    print(f"claimledger add --jobs {options.jobs}{' by paragraph' if options.parse_by_paragraph else ''}: {len(texts) / seconds:8.1f} docs/s ({seconds:.1f}s wall, {cpu:.1f}s CPU), "
          f"x{spacy_s / seconds:.2f} spaCy alone by wall time, x{spacy_cpu / cpu:.2f} by CPU "
          f"({claims} claims, {duplicates} duplicate_report findings)")
    print(f"peak RSS: {throughput.peak_rss_mb():.0f} MB; whole run {time.perf_counter() - began:.1f}s")


def time_add(texts: list[str], options: Options) -> tuple[float, float, int, int]:
    """`throughput.time_add`, counting the duplicate findings the add stored."""
    import tempfile
    from contextlib import closing

    import claimledger
    from claimledger.ledger import store

    throughput.nlp.parse_memo.cache_clear()  # a fresh process's memo: nothing parsed before
    with tempfile.TemporaryDirectory() as tmp:
        rows = Path(tmp) / "corpus.jsonl"
        throughput.write_rows(rows, texts)
        start, cpu = time.perf_counter(), throughput.cpu_seconds()
        result = claimledger.add([rows], db=Path(tmp) / "bench.db", options=options)
        seconds, cpu = time.perf_counter() - start, throughput.cpu_seconds() - cpu
        with closing(store.connect(Path(tmp) / "bench.db")) as con:
            [(duplicates,)] = con.execute(
                "SELECT COUNT(*) FROM findings WHERE type = 'duplicate_report'").fetchall()
        return seconds, cpu, result.claims, duplicates


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=Path, default=EXAMPLES, help="a folder of .txt articles to copy")
    parser.add_argument("--articles", type=int, default=26)
    parser.add_argument("--copies", type=int, default=40)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--by-paragraph", action="store_true", help="Options.parse_by_paragraph")
    parser.add_argument("--profile", type=Path, help="write a cProfile of the add here")
    args = parser.parse_args()
    run(syndicate(articles(args.texts, args.articles), args.copies, args.seed),
        Options(jobs=args.jobs, parse_by_paragraph=args.by_paragraph), args.profile)


if __name__ == "__main__":
    main()
