"""Search speed over a large ledger: `GET /api/claims?q=` / `?source=` and `storage.read_claims`.

    python bench/search.py [--claims N] [--runs R] [--seed S]

Builds a ledger of N synthetic claims (default 100,000; 20 per document) by
inserting rows straight into the `claims` and `documents` tables after
`storage.connect` (executemany, one transaction per batch), then prints the
median of R runs (default 20) of: `storage.read_claims(query=WORD)`,
`storage.read_claims(source=NAME)`, and the same filters through FastAPI's
TestClient on `GET /api/claims` (one request first, to show what the web
layer adds; see the note printed with it).  Target: < 100 ms each.
"""
from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from contextlib import closing
from pathlib import Path

from claimledger import storage
from claimledger.records import CLAIM_FIELDS

SOURCES = ["Russian Ministry of Foreign Affairs", "UN Panel of Experts", "Meridian Wire", "Sahel Courier",
           "Human Rights Watch", "ACLED", "The Bangui Observer", "Wagner spokesman", "MINUSCA", "Reuters"]
MEASURES = ["Russian instructors", "peacekeepers", "displaced people", "refugees", "civilians killed",
            "troops", "tonnes of gold", "schools closed", "health workers", "armed fighters"]
PLACES = ["Bangui", "Bria", "Bambari", "Berberati", "Kaga-Bandoro", "Ndele", "Obo", "Bossangoa"]
FILLER = ["said on Tuesday", "according to a report", "estimated", "told reporters", "in a statement",
          "wrote in a letter", "confirmed", "denied that"]
BATCH = 5_000
CLAIMS_PER_DOC = 20
WORD = "peacekeepers"       # in a tenth of the claims
RARE_WORD = "Kaga-Bandoro"  # in an eighth of the sentences
SOURCE = "Meridian"


def claim_row(n: int, rng: random.Random) -> dict:
    source, measure, place = rng.choice(SOURCES), rng.choice(MEASURES), rng.choice(PLACES)
    value = rng.randint(5, 5000)
    sentence = f"{source} {rng.choice(FILLER)} that {value:,} {measure} were in {place} in {rng.randint(2014, 2024)}."
    row = {f: None for f in CLAIM_FIELDS}
    row.update(id=f"c{n}", doc=f"d{n // CLAIMS_PER_DOC}", text=f"{value:,}", start=0, end=len(f"{value:,}"),
               value=value, low=value, high=value, measure=measure, head=measure.split()[-1].rstrip("s"),
               kind="level", modality="asserted", source=source, location="Central African Republic",
               sentence=sentence, sentence_start=0, parts=1, alt_year=0, approximate=0)
    return row


def build(db: Path, claims: int, seed: int) -> None:
    rng = random.Random(seed)
    columns = ", ".join(f'"{f}"' for f in CLAIM_FIELDS)
    marks = ", ".join("?" * len(CLAIM_FIELDS))
    with closing(storage.connect(db)) as con:
        for first in range(0, claims, BATCH):
            rows = [claim_row(n, rng) for n in range(first, min(first + BATCH, claims))]
            docs = sorted({r["doc"] for r in rows})
            with storage.transaction(con):
                con.executemany("INSERT INTO documents (id, sha, text, added_at) VALUES (?, ?, ?, ?)",
                                [(d, d, "synthetic", "2026-01-01") for d in docs])
                con.executemany(f"INSERT INTO claims ({columns}) VALUES ({marks})",
                                [[r[f] for f in CLAIM_FIELDS] for r in rows])


def median_ms(call, runs: int) -> tuple[float, int]:
    times, size = [], 0
    for _ in range(runs):
        began = time.perf_counter()
        size = call()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--api-runs", type=int, default=1, help="runs of GET /api/claims (it links and checks the whole ledger)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "search.db"
        began = time.perf_counter()
        build(db, args.claims, args.seed)
        print(f"built {args.claims:,} claims in {time.perf_counter() - began:.1f} s")
        with closing(storage.connect(db)) as con:
            for label, filters in ((f"read_claims(query={WORD!r})", {"query": WORD}),
                                   (f"read_claims(query={RARE_WORD!r})", {"query": RARE_WORD}),
                                   (f"read_claims(source={SOURCE!r})", {"source": SOURCE}),
                                   (f"read_claims(query={WORD!r}, limit=50)", {"query": WORD, "limit": 50})):
                ms, size = median_ms(lambda: len(storage.read_claims(con, **filters)), args.runs)
                print(f"{label:45s} median {ms:8.1f} ms over {args.runs} runs ({size:,} rows)")
        from fastapi.testclient import TestClient

        from claimledger import web
        client = TestClient(web.create_app(str(db)))
        for path in (f"/api/claims?q={WORD}", f"/api/claims?source={SOURCE}") if args.api_runs else ():
            ms, size = median_ms(lambda: len(client.get(path).json()), args.api_runs)
            print(f"GET {path:41s} median {ms:8.1f} ms over {args.api_runs} runs ({size} rows on the page)")


if __name__ == "__main__":
    main()
