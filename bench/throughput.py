"""Throughput of `claimledger.add` against spaCy's pipeline alone (the scale issue).

    python bench/throughput.py [--docs N] [--seed S]

Builds N synthetic documents (default 2,000) by sampling and shuffling the
paragraph sentences of examples/car-instructors/*.txt, then times, in the same
run: (1) the spaCy model alone, `list(nlp.pipe(texts))`; (2) `claimledger.add`
of the same texts into a fresh temporary ledger, with --jobs 1 and 2.  Prints
docs/s for each, the ratio to spaCy alone and the peak RSS.
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import tempfile
import time
from pathlib import Path

import claimledger
from claimledger import nlp
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
        for sent in nlp.sentence_ranges(text)[2:]:
            sentences.append(" ".join(text[sent.start:sent.end].split()))
    return sentences


def synthetic_texts(n: int, seed: int = 0) -> list[str]:
    """`n` documents of shuffled example sentences, grouped in paragraphs."""
    rng = random.Random(seed)
    pool = corpus_sentences()
    texts = []
    for _ in range(n):
        paragraphs = [" ".join(rng.sample(pool, rng.randint(*SENTENCES_PER_PARAGRAPH)))
                      for _ in range(rng.randint(*PARAGRAPHS_PER_DOC))]
        texts.append("\n\n".join(paragraphs) + "\n")
    return texts


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def time_spacy(texts: list[str], model: str) -> float:
    spacy_nlp = nlp.load_model(model)
    start = time.perf_counter()
    list(spacy_nlp.pipe(texts, batch_size=Options().batch_size))
    return time.perf_counter() - start


def time_add(texts: list[str], options: Options) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as tmp:
        rows = Path(tmp) / "corpus.jsonl"
        rows.write_text("".join(json.dumps({"id": f"doc{n}", "text": t}) + "\n" for n, t in enumerate(texts)),
                        encoding="utf-8")
        start = time.perf_counter()
        result = claimledger.add([rows], db=Path(tmp) / "bench.db", options=options)
        return time.perf_counter() - start, result.claims


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    texts = synthetic_texts(args.docs, args.seed)
    model = Options().model
    nlp.load_model(model)("warm up")
    spacy_s = time_spacy(texts, model)
    print(f"{len(texts)} documents, {sum(map(len, texts)) / len(texts):.0f} chars each on average")
    print(f"spaCy {model} alone:       {len(texts) / spacy_s:8.1f} docs/s")
    for label, options in [("add --jobs 1", Options(jobs=1)), ("add --jobs 2", Options(jobs=2)),
                           ("add, full parse", Options(selective=False))]:
        seconds, claims = time_add(texts, options)
        print(f"claimledger {label:16s} {len(texts) / seconds:8.1f} docs/s  "
              f"x{spacy_s / seconds:.2f} spaCy alone  ({claims} claims)")
    print(f"peak RSS (this process): {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
