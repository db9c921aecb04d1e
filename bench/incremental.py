"""Adding 100 documents to a ledger of 10,000 costs about what it costs on a ledger of 1,000.

    python bench/incremental.py [--sizes 1000 10000] [--new 100] [--seed S] [--no-pipeline]

For each base size, builds a ledger of synthetic documents (about 80 words each, five claims
each, claims made here rather than by spaCy) with `storage.store`, links and checks it with one
`incremental.update`, then adds `--new` more documents through the real path:

- ledger update: `storage.store` of each new document with claims made in advance, then
  `api.update` (series relinked for the heads they touch, findings re-checked, duplicates
  looked up in the shingle index); the figure that must not grow with the base (wall clock
  and CPU time: on a shared machine the CPU time is the steadier of the two);
- end to end: `claimledger.add` of the same number of other new documents from a JSONL file,
  spaCy included (skipped with --no-pipeline or without the model).

The synthetic corpus grows as news does: the things counted come from a vocabulary that grows
with the number of documents (one head per two documents), so a head class holds about ten
claims at any size, and one document in a hundred republishes another.  The update reads every
claim of each head it touches, so on a corpus where the new documents count things that already
have large series it costs in proportion to those series (printed as "claims read").
"""
from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from contextlib import closing
from pathlib import Path

import claimledger
from claimledger import api, storage
from claimledger.ingest import make_document
from claimledger.records import Claim

WORDS = 5_000           # vocabulary of the filler text: five-word sequences rarely repeat by chance
CLAIMS_PER_DOC = 5
DOCS_PER_HEAD = 2
COPY_SHARE = 100        # one document in a hundred republishes an earlier one
ACRONYMS = ["UNHCR", "MINUSCA", "ACLED", "UNICEF", "WFP", "OCHA", "FACA", "CPC", "MPC", "FPRC"]
TOWNS = ["Bangui", "Bria", "Bambari", "Berberati", "Ndele", "Obo", "Bossangoa", "Kaga-Bandoro"]


def synthetic_document(n: int, base: int, rng: random.Random, copies: dict[int, str]) -> tuple:
    """(document, claims) number `n` of a corpus of about `base` documents."""
    heads = [f"item{rng.randrange(max(base // DOCS_PER_HEAD, 1))}" for _ in range(2)]
    words = [f"w{rng.randrange(WORDS)}" for _ in range(70)]
    town, acronym = rng.choice(TOWNS), rng.choice(ACRONYMS)
    sentences = [f"{acronym} said {100 + n % 900} {heads[0]}s were counted in {town}.",
                 " ".join(words[:35]) + ".", f"The total of {heads[1]}s reached {200 + n % 700}.",
                 " ".join(words[35:]) + "."]
    text = " ".join(sentences)
    if n in copies:
        text = copies[n] + " Republished."
    published = f"{2015 + n % 9}-{1 + n % 12:02d}-{1 + n % 28:02d}"
    document = make_document(f"doc{n:06d}", text, None, published, None, None, None)
    claims = [synthetic_claim(document, k, heads[k % 2], town, rng) for k in range(CLAIMS_PER_DOC)]
    return document, claims


def synthetic_claim(document, k: int, head: str, town: str, rng: random.Random) -> Claim:
    value = rng.randint(5, 5000)
    year = document.published[:4]
    return Claim(id=f"{document.id}-{k}", doc=document.id, text=str(value), start=k * 20, end=k * 20 + 4,
                 value=value, low=value, high=value, unit=None, measure=f"{head}s", head=head, qualifier=None,
                 kind=rng.choice(["level", "level", "increase"]), modality="asserted",
                 source=rng.choice(ACRONYMS), source_text=None, source_start=None, source_end=None, cue="said",
                 time_start=year, time_end=year, time_text=year, location=town, sentence=document.text[:80],
                 sentence_start=0)


def corpus(first: int, count: int, base: int, seed: int) -> list[tuple]:
    """Documents first..first+count-1, a share of them copies of earlier ones in the range."""
    rng = random.Random(seed * 1_000_003 + first)
    made, texts = [], {}
    for n in range(first, first + count):
        copies = {n: texts[n - 7]} if n % COPY_SHARE == 0 and n - 7 in texts else {}
        document, claims = synthetic_document(n, base, rng, copies)
        texts[n] = document.text
        made.append((document, claims))
    return made


def build_base(db: Path, size: int, seed: int) -> float:
    """Store `size` documents and link them with one update; seconds taken."""
    began = time.perf_counter()
    with closing(storage.connect(db)) as con:
        # One fsync per checkpoint rather than per document: still safe in WAL mode, and the
        # base is scaffolding, not what is measured.
        con.execute("PRAGMA synchronous = NORMAL")
        for document, claims in corpus(0, size, size, seed):
            storage.store(con, document, claims)
        api.update(con)
    return time.perf_counter() - began


def add_new(db: Path, size: int, new: int, seed: int) -> dict:
    """Store `new` documents with their claims, then update; the timings and what was touched."""
    batch = corpus(size, new, size, seed)
    with closing(storage.connect(db)) as con:
        began = time.perf_counter()
        for document, claims in batch:
            storage.store(con, document, claims)
        stored = time.perf_counter() - began
        began, cpu = time.perf_counter(), time.process_time()
        result = api.update(con)
        updated, used = time.perf_counter() - began, time.process_time() - cpu
    return {"store": stored, "update": updated, "cpu": used, "heads": result.heads,
            "claims_read": result.claims_read, "rechecked": result.rechecked}


def add_end_to_end(db: Path, size: int, new: int, seed: int, folder: Path) -> float | None:
    """`claimledger.add` of `new` other documents from JSONL, spaCy included; None without the model."""
    path = folder / f"new-{size}.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for document, _claims in corpus(size + new, new, size, seed + 1):
            out.write(json.dumps({"id": document.id, "text": document.text, "published": document.published}) + "\n")
    began = time.perf_counter()
    try:
        claimledger.add([path], db=db)
    except claimledger.ModelNotInstalled:
        return None
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument("--new", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-pipeline", action="store_true", help="skip the end-to-end add (spaCy)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            db = Path(tmp) / f"base-{size}.db"
            base = build_base(db, size, args.seed)
            figures = add_new(db, size, args.new, args.seed)
            print(f"base {size:>6,} documents: built and linked in {base:6.1f} s; +{args.new} documents: "
                  f"store {figures['store']:5.2f} s, ledger update {figures['update']:5.2f} s "
                  f"(CPU {figures['cpu']:5.2f} s; "
                  f"{figures['heads']} heads relinked, {figures['claims_read']} claims read, "
                  f"{figures['rechecked']} documents re-checked)")
            if not args.no_pipeline:
                total = add_end_to_end(db, size, args.new, args.seed, Path(tmp))
                shown = f"{total:5.1f} s" if total is not None else "skipped (no spaCy model)"
                print(f"{'':21s}end to end: claimledger.add of {args.new} more JSONL documents {shown}")


if __name__ == "__main__":
    main()
