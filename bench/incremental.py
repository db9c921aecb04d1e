"""Adding 100 documents to a ledger of 10,000 costs about what it costs on a ledger of 1,000.

    python bench/incremental.py [--sizes 1000 10000] [--new 100] [--seed S] [--no-pipeline] [--big-head]
                                [--batches B] [--relink-share S]

For each base size, builds a ledger of synthetic documents (about 80 words each, five claims
each, claims made here rather than by spaCy) with `storage.store`, links and checks it with one
`incremental.update`, then adds `--new` more documents through the real path:

- ledger update: `storage.store` of each new document with claims made in advance, then
  `api.update(final=False)`, as a long add runs between batches (findings re-checked,
  duplicates looked up in the shingle index, series relinked only for the heads grown by
  incremental.RELINK_SHARE, the others left pending): the figure that must not grow with the
  base (wall clock and CPU time: on a shared machine the CPU time is the steadier of the two);
  then the final `api.update`, which relinks the heads left pending;
- end to end: `claimledger.add` of the same number of other new documents from a JSONL file,
  spaCy included (skipped with --no-pipeline or without the model).

The synthetic corpus grows as news does: the things counted come from a vocabulary that grows
with the number of documents (one head per two documents), so a head class holds about ten
claims at any size, and one document in a hundred republishes another.  Relinking a head reads
every claim of it, so the final update, on a corpus where the new documents count things that
already have large series, costs in proportion to those series (printed as "claims read").

With --batches B, a long add follows instead of the single batch: B batches of --new documents,
each stored then updated with `api.update(final=False)` as `api.add` does every UPDATE_EVERY
documents, then the final update; one line per batch (CPU seconds, claims read, heads relinked
and left pending) shows whether the cost per batch stays flat as the ledger grows (the things
counted keep the base's vocabulary, so every head grows with the ledger).  --relink-share 0
relinks every touched head at every update, as `add` did before heads were deferred.

With --big-head, the first thing every document counts is the same ("item0", in one of eight
towns), so one head holds three claims per document and grows with the ledger: the case of
"people" or "troops" in real news, and the one that must not make an update cost grow with
the ledger (the size of that head is printed).
"""
from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from contextlib import closing
from dataclasses import replace
from pathlib import Path

import claimledger
from claimledger import api
from claimledger.analyse import update as incremental
from claimledger.ledger import store as storage
from claimledger.read.ingest import make_document
from claimledger.records import Claim

WORDS = 5_000           # vocabulary of the filler text: five-word sequences rarely repeat by chance
CLAIMS_PER_DOC = 5
DOCS_PER_HEAD = 2
COPY_SHARE = 100        # one document in a hundred republishes an earlier one
ACRONYMS = ["UNHCR", "MINUSCA", "ACLED", "UNICEF", "WFP", "OCHA", "FACA", "CPC", "MPC", "FPRC"]
TOWNS = ["Bangui", "Bria", "Bambari", "Berberati", "Ndele", "Obo", "Bossangoa", "Kaga-Bandoro"]


def synthetic_document(n: int, base: int, rng: random.Random, copies: dict[int, str], big_head: bool = False) -> tuple:
    """(document, claims) number `n` of a corpus of about `base` documents (the first head "item0"
    in every document when `big_head`)."""
    heads = [f"item{rng.randrange(max(base // DOCS_PER_HEAD, 1))}" for _ in range(2)]
    if big_head:
        heads[0] = "item0"
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
    if big_head:
        claims = [agreeing(c) if c.head == "item0" else c for c in claims]
    return document, claims


def agreeing(claim: Claim) -> Claim:
    """The big head's figure for a year, the same in every document that gives it (outlets repeating
    one count; the towns are all places of one country, so they make one series), so that head's
    series grows without a flood of genuine disagreements."""
    value = 1_000 + int(claim.time_start) % 100
    return replace(claim, value=value, low=value, high=value, text=str(value))


def synthetic_claim(document, k: int, head: str, town: str, rng: random.Random) -> Claim:
    value = rng.randint(5, 5000)
    year = document.published[:4]
    return Claim(id=f"{document.id}-{k}", doc=document.id, text=str(value), start=k * 20, end=k * 20 + 4,
                 value=value, low=value, high=value, unit=None, measure=f"{head}s", head=head, qualifier=None,
                 kind=rng.choice(["level", "level", "increase"]), modality="asserted",
                 source=rng.choice(ACRONYMS), source_text=None, source_start=None, source_end=None, cue="said",
                 time_start=year, time_end=year, time_text=year, location=town, sentence=document.text[:80],
                 sentence_start=0)


def corpus(first: int, count: int, base: int, seed: int, big_head: bool = False) -> list[tuple]:
    """Documents first..first+count-1, a share of them copies of earlier ones in the range."""
    rng = random.Random(seed * 1_000_003 + first)
    made, texts = [], {}
    for n in range(first, first + count):
        copies = {n: texts[n - 7]} if n % COPY_SHARE == 0 and n - 7 in texts else {}
        document, claims = synthetic_document(n, base, rng, copies, big_head)
        texts[n] = document.text
        made.append((document, claims))
    return made


def build_base(db: Path, size: int, seed: int, big_head: bool = False) -> float:
    """Store `size` documents and link them with one update; seconds taken."""
    began = time.perf_counter()
    with closing(storage.connect(db)) as con:
        # One fsync per checkpoint rather than per document: still safe in WAL mode, and the
        # base is scaffolding, not what is measured.
        con.execute("PRAGMA synchronous = NORMAL")
        for document, claims in corpus(0, size, size, seed, big_head):
            storage.store(con, document, claims)
        api.update(con)
    return time.perf_counter() - began


def add_new(db: Path, size: int, new: int, seed: int, big_head: bool = False) -> dict:
    """Store `new` documents with their claims, then update; the timings and what was touched."""
    batch = corpus(size, new, size, seed, big_head)
    with closing(storage.connect(db)) as con:
        began = time.perf_counter()
        for document, claims in batch:
            storage.store(con, document, claims)
        stored = time.perf_counter() - began
        began, cpu = time.perf_counter(), time.process_time()
        result = api.update(con, final=False)
        updated, used = time.perf_counter() - began, time.process_time() - cpu
        began, cpu = time.perf_counter(), time.process_time()
        last = api.update(con)
        final, final_cpu = time.perf_counter() - began, time.process_time() - cpu
        biggest = con.execute("SELECT COUNT(*) FROM claims GROUP BY series_head ORDER BY 1 DESC LIMIT 1").fetchone()
    return {"biggest_head": biggest[0] if biggest else 0,
            "store": stored, "update": updated, "cpu": used, "heads": result.heads,
            "claims_read": result.claims_read, "rechecked": result.rechecked, "deferred": result.deferred,
            "final": final, "final_cpu": final_cpu, "final_heads": last.heads, "final_read": last.claims_read}


def add_batches(db: Path, size: int, new: int, batches: int, seed: int, big_head: bool = False) -> None:
    """A long add after the base: `batches` batches of `new` documents, each stored and given a
    non-final update, then the final update; prints one line per update."""
    with closing(storage.connect(db)) as con:
        con.execute("PRAGMA synchronous = NORMAL")
        for b in range(batches + 1):
            if b < batches:
                for document, claims in corpus(size + b * new, new, size, seed, big_head):
                    storage.store(con, document, claims)
            cpu = time.process_time()
            result = api.update(con, final=b == batches)
            label = f"batch {b + 1:3d}" if b < batches else "final    "
            print(f"  {label} ledger {storage.count_claims(con):8,} claims: update CPU "
                  f"{time.process_time() - cpu:6.2f} s, {result.claims_read:7,} claims read, "
                  f"{result.heads} heads relinked, {result.deferred} left pending", flush=True)


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
    parser.add_argument("--big-head", action="store_true", help="one head counted by every document")
    parser.add_argument("--batches", type=int, default=0, help="a long add of this many batches of --new")
    parser.add_argument("--relink-share", type=float, default=incremental.RELINK_SHARE,
                        help="incremental.RELINK_SHARE for this run (0: relink every touched head every update)")
    args = parser.parse_args()
    incremental.RELINK_SHARE = args.relink_share
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            db = Path(tmp) / f"base-{size}.db"
            base = build_base(db, size, args.seed, args.big_head)
            if args.batches:
                print(f"base {size:>6,} documents: built and linked in {base:6.1f} s; "
                      f"{args.batches} batches of {args.new} documents:")
                add_batches(db, size, args.new, args.batches, args.seed, args.big_head)
                continue
            figures = add_new(db, size, args.new, args.seed, args.big_head)
            print(f"base {size:>6,} documents: built and linked in {base:6.1f} s; +{args.new} documents: "
                  f"store {figures['store']:5.2f} s, ledger update {figures['update']:5.2f} s "
                  f"(CPU {figures['cpu']:5.2f} s; "
                  f"{figures['heads']} heads relinked, {figures['claims_read']} claims read, "
                  f"{figures['rechecked']} documents re-checked, {figures['deferred']} heads left pending; "
                  f"largest head {figures['biggest_head']:,} claims)")
            print(f"{'':21s}final update {figures['final']:5.2f} s (CPU {figures['final_cpu']:5.2f} s; "
                  f"{figures['final_heads']} heads relinked, {figures['final_read']} claims read)")
            if not args.no_pipeline:
                total = add_end_to_end(db, size, args.new, args.seed, Path(tmp))
                shown = f"{total:5.1f} s" if total is not None else "skipped (no spaCy model)"
                print(f"{'':21s}end to end: claimledger.add of {args.new} more JSONL documents {shown}")


if __name__ == "__main__":
    main()
