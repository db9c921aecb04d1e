"""Throughput of `claimledger.add` against spaCy's pipeline alone (the scale issue).

    python bench/throughput.py [--docs N] [--seed S] [--repeat R] [--texts DIR] [--quick]

Builds N synthetic documents (default 2,000) by sampling and shuffling the
paragraph sentences of examples/car-instructors/*.txt, or with `--texts DIR`
reads the first N .txt files of DIR (real news, e.g. PolNeAR's texts).  It
prints how figure-dense the texts are (the share of regex sentences holding a
digit or a number word: selective parsing skips the rest), then times,
in the same run and interleaved R times: (1) spaCy alone, the model as shipped
(`spacy.load`, its default pipeline and batch size) over the whole texts,
`list(nlp.pipe(texts))`, warm; (2) `claimledger.add` of the same texts into a
fresh temporary ledger (extract and store, the link/check update included),
with --jobs 1 and 2, and with the full parse; and (3) extract and store alone,
`add` without the link/check update it runs at its end.  It prints docs/s, wall and CPU
seconds and the ratio to spaCy alone, the median ratios over the rounds, and the peak RSS.
`--quick` times spaCy alone and the whole add with --jobs 1 only (the README's speed table).
Last, it times spaCy alone and extract and store paired: over the same slices of 64
documents, one right after the other, so that the machine's drift over minutes moves
both sides alike (`time_paired`).  The 100,000-document
run is bench/scale.py.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import resource
import tempfile
import time
from pathlib import Path
from statistics import median
from typing import Iterator

import claimledger
from claimledger.extract import nlp, passages
from claimledger.data import numbers_en
from claimledger.errors import InputProblem
from claimledger.options import Options

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "car-instructors"
# Sentences per synthetic paragraph and paragraphs per document: the size of
# the short wire stories in the example corpus (about 4-8 paragraphs of 1-3).
SENTENCES_PER_PARAGRAPH = (1, 3)
PARAGRAPHS_PER_DOC = (4, 8)


def corpus_sentences() -> list[str]:
    """Every regex sentence of the example corpus, date lines and titles left out."""
    sentences = []
    for path in sorted(EXAMPLES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for sent in passages.sentence_ranges(text)[2:]:
            sentences.append(" ".join(text[sent.start:sent.end].split()))
    return sentences


def synthetic_texts(n: int, seed: int = 0) -> list[str]:
    """`n` documents of shuffled example sentences, grouped in paragraphs."""
    return list(iter_synthetic_texts(n, seed))


def iter_synthetic_texts(n: int, seed: int = 0) -> Iterator[str]:
    """The documents of `synthetic_texts`, one at a time (the scaling run never holds them all)."""
    rng = random.Random(seed)
    pool = corpus_sentences()
    for _ in range(n):
        paragraphs = [" ".join(rng.sample(pool, rng.randint(*SENTENCES_PER_PARAGRAPH)))
                      for _ in range(rng.randint(*PARAGRAPHS_PER_DOC))]
        yield "\n\n".join(paragraphs) + "\n"


def folder_texts(folder: Path, n: int) -> list[str]:
    """The first `n` .txt files of `folder` (sorted by name), as text."""
    paths = sorted(folder.glob("*.txt"))[:n]
    if not paths:
        raise SystemExit(f"no .txt files in {folder}")
    return [path.read_text(encoding="utf-8", errors="replace") for path in paths]


# A numeral, or a word that spells or scales one ("forty", "million", "dozen").
_NUMBER_WORDS = sorted({*numbers_en.UNIT_WORDS, *numbers_en.TENS_WORDS, *numbers_en.HUNDRED,
                        *numbers_en.SCALE_WORDS, *numbers_en.DOZEN_WORDS}, key=len, reverse=True)
FIGURE_HINT = re.compile(r"\d|\b(?:" + "|".join(map(re.escape, _NUMBER_WORDS)) + r")\b", re.IGNORECASE)


def figure_share(texts: list[str]) -> tuple[int, int]:
    """(regex sentences holding a digit or a number word, all regex sentences) over `texts`."""
    hits = total = 0
    for text in texts:
        for sent in passages.sentence_ranges(text):
            total += 1
            hits += FIGURE_HINT.search(text, sent.start, sent.end) is not None
    return hits, total


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident memory of this process (or of its largest finished child), in MB."""
    return resource.getrusage(who).ru_maxrss / 1024


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (the --jobs workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def time_spacy(texts: list[str], spacy_nlp) -> tuple[float, float]:
    """Wall and CPU seconds of the shipped pipeline over `texts`, as a user would run it."""
    start, cpu = time.perf_counter(), cpu_seconds()
    for _ in spacy_nlp.pipe(texts):
        pass
    return time.perf_counter() - start, cpu_seconds() - cpu


def write_rows(path: Path, texts) -> None:
    """The texts as a JSON-lines corpus, one document a line."""
    with path.open("w", encoding="utf-8") as out:
        for n, text in enumerate(texts):
            out.write(json.dumps({"id": f"doc{n}", "text": text}) + "\n")


def time_add(texts, options: Options) -> tuple[float, float, int]:
    """Wall and CPU seconds of `claimledger.add` of `texts` into a fresh ledger, and its claim count.

    The process's parse memo is emptied first: a round must not reuse the parses of the one before.
    """
    nlp.parse_memo.cache_clear()
    with tempfile.TemporaryDirectory() as tmp:
        rows = Path(tmp) / "corpus.jsonl"
        write_rows(rows, texts)
        start, cpu = time.perf_counter(), cpu_seconds()
        result = claimledger.add([rows], db=Path(tmp) / "bench.db", options=options)
        return time.perf_counter() - start, cpu_seconds() - cpu, result.claims


def time_extract_store(texts, options: Options) -> tuple[float, float, int]:
    """`time_add` without the link/check update `add` runs at its end: stages 0-8 only."""
    nlp.parse_memo.cache_clear()
    from contextlib import closing

    from claimledger.ledger import store as storage
    from claimledger.read.ingest import read_paths

    with tempfile.TemporaryDirectory() as tmp:
        rows = Path(tmp) / "corpus.jsonl"
        write_rows(rows, texts)
        start, cpu = time.perf_counter(), cpu_seconds()
        with closing(storage.connect(Path(tmp) / "bench.db")) as con:
            documents = (d for d in read_paths([rows], options) if not isinstance(d, InputProblem))
            claims = extract_and_store(con, documents, options)
        return time.perf_counter() - start, cpu_seconds() - cpu, claims


def extract_and_store(con, documents, options: Options) -> int:
    """Stages 1-8 for `documents` into the open ledger `con`; the number of claims stored."""
    from claimledger.ledger import store as storage
    from claimledger.pipeline import extract

    claims = 0
    for extracted in extract(documents, options):
        storage.store(con, extracted.document, extracted.claims)
        claims += len(extracted.claims)
    return claims


def time_paired(texts: list[str], spacy_nlp, options: Options, chunk: int = 64) -> tuple[float, float, int]:
    """Wall seconds of spaCy alone and of extract and store over the same `chunk`-document slices,
    one after the other slice by slice (which goes first alternates), and the claim count.

    The machine's speed drifts over minutes; timed seconds apart on the same texts, both sides
    see the same drift, so the ratio of the sums is steadier than that of two whole runs.
    """
    from contextlib import closing

    from claimledger.ledger import store as storage
    from claimledger.read.ingest import make_document

    seconds = [0.0, 0.0]  # spaCy alone, extract and store
    claims = 0
    with tempfile.TemporaryDirectory() as tmp, closing(storage.connect(Path(tmp) / "bench.db")) as con:
        for n, start in enumerate(range(0, len(texts), chunk)):
            part = texts[start:start + chunk]
            for side in ((0, 1) if n % 2 == 0 else (1, 0)):
                began = time.perf_counter()
                if side == 0:
                    for _ in spacy_nlp.pipe(part):
                        pass
                else:
                    documents = [make_document(f"doc{start + i}", text, None, None, None, None, None)
                                 for i, text in enumerate(part)]
                    claims += extract_and_store(con, documents, options)
                seconds[side] += time.perf_counter() - began
    spacy_s, ours_s = seconds
    return spacy_s, ours_s, claims


def compare(texts: list[str], repeat: int, quick: bool = False) -> None:
    """spaCy alone against `add`, interleaved `repeat` times."""
    import spacy

    model = Options().model
    shipped = spacy.load(model)
    shipped("warm up")
    nlp.load_model(model)("warm up")
    print(f"{len(texts)} documents, {sum(map(len, texts)) / len(texts):.0f} chars each on average")
    hits, total = figure_share(texts)
    print(f"{hits} of {total} regex sentences ({hits / max(total, 1):.0%}) hold a digit or a number word")
    # Extract and store (the 2x) runs right after spaCy alone: the machine's speed drifts
    # over minutes, and the nearer two timings are, the less the drift moves their ratio.
    runs = [("extract+store --jobs 1", Options(jobs=1)), ("add --jobs 1", Options(jobs=1)),
            ("add --jobs 2", Options(jobs=2)), ("add, full parse", Options(selective=False))]
    if quick:
        runs = [("add --jobs 1", Options(jobs=1))]
    ratios: dict[str, list[tuple[float, float]]] = {label: [] for label, _ in runs}
    for round_ in range(1, repeat + 1):
        spacy_s, spacy_cpu = time_spacy(texts, shipped)
        print(f"[{round_}] spaCy {model} alone:  {len(texts) / spacy_s:8.1f} docs/s  "
              f"({spacy_s:.1f}s wall, {spacy_cpu:.1f}s CPU)")
        for label, options in runs:
            timed = time_extract_store if label.startswith("extract") else time_add
            seconds, cpu, claims = timed(texts, options)
            ratios[label].append((spacy_s / seconds, spacy_cpu / cpu))
            print(f"[{round_}] claimledger {label:22s} {len(texts) / seconds:8.1f} docs/s  x{spacy_s / seconds:.2f} "
                  f"spaCy alone by wall time, x{spacy_cpu / cpu:.2f} by CPU  ({claims} claims)")
    if not quick:
        spacy_s, ours_s, claims = time_paired(texts, shipped, Options(jobs=1))
        print(f"paired, slices of 64 documents alternated: spaCy alone {spacy_s:.1f}s, extract+store --jobs 1 "
              f"{ours_s:.1f}s, x{spacy_s / ours_s:.2f} ({claims} claims)")
    if repeat > 1:
        for label, pairs in ratios.items():
            print(f"median of {repeat} rounds, claimledger {label:22s} x{median(p[0] for p in pairs):.2f} by wall time, "
                  f"x{median(p[1] for p in pairs):.2f} by CPU")
    print(f"peak RSS (this process, spaCy alone's batches of {shipped.batch_size} whole texts included): {peak_rss_mb():.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=1, help="interleaved rounds of the comparison")
    parser.add_argument("--texts", type=Path, help="a folder of .txt news files to time instead of the synthetic corpus")
    parser.add_argument("--quick", action="store_true", help="spaCy alone and the whole add --jobs 1 only")
    args = parser.parse_args()
    texts = folder_texts(args.texts, args.docs) if args.texts else synthetic_texts(args.docs, args.seed)
    compare(texts, args.repeat, args.quick)


if __name__ == "__main__":
    main()
