"""Search speed over a large ledger, through the real API routes (`GET /api/claims`, `/api/series`, ...).

    python bench/search.py [--claims N] [--runs R] [--seed S]

Builds a ledger of N synthetic claims (default 100,000; 20 per document) by
inserting rows straight into the tables after `storage.connect` (executemany,
one transaction per batch; the FTS5 index fills through its triggers), with one
stored series per counted thing, town and year, then times R runs (default 20) of each request
through FastAPI's TestClient (the whole HTTP stack, JSON included): a common word,
a rare word, a source, a series, a date range, a deep page, a word within a
date range, and the series, findings and documents lists.  Prints the p50 and
p95 of each and the total count the route reports.  Target: p50 < 100 ms.
"""
from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from contextlib import closing
from pathlib import Path

from claimledger.ledger import linked, store as storage
from claimledger.ledger import sql
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
RARE_WORD = "Zemio"         # in one sentence in a thousand
RARE_SHARE = 1_000
SOURCE = "Meridian"


def claim_row(n: int, rng: random.Random) -> dict:
    source, measure, place = rng.choice(SOURCES), rng.choice(MEASURES), rng.choice(PLACES)
    if n % RARE_SHARE == 0:
        place = RARE_WORD
    value, year, month = rng.randint(5, 5000), rng.randint(2014, 2024), rng.randint(1, 12)
    sentence = f"{source} {rng.choice(FILLER)} that {value:,} {measure} were in {place} in {year}."
    head = measure.split()[-1].rstrip("s")
    row = {f: None for f in CLAIM_FIELDS}
    row.update(id=f"c{n}", doc=f"d{n // CLAIMS_PER_DOC}", text=f"{value:,}", start=n % CLAIMS_PER_DOC * 100,
               end=n % CLAIMS_PER_DOC * 100 + len(f"{value:,}"), value=value, low=value, high=value,
               measure=measure, head=head, kind="level", modality="asserted", source=source,
               location="Central African Republic", sentence=sentence, sentence_start=0, parts=1, alt_year=0,
               approximate=0, time_start=f"{year}-{month:02d}", time_end=f"{year}-{month:02d}",
               as_of=f"{year}-{month:02d}-15", series_head=head, place="Central African Republic")
    return row


FIELDS = (*CLAIM_FIELDS, *storage.DERIVED_CLAIM_FIELDS)


def build(db: Path, claims: int, seed: int) -> None:
    """Documents, claims (and their FTS rows, by trigger) and the stored series."""
    rng = random.Random(seed)
    columns = ", ".join(f'"{f}"' for f in FIELDS)
    marks = ", ".join("?" * len(FIELDS))
    members: dict[str, list[str]] = {}
    with closing(storage.connect(db)) as con:
        for first in range(0, claims, BATCH):
            rows = [claim_row(n, rng) for n in range(first, min(first + BATCH, claims))]
            docs = sorted({r["doc"] for r in rows})
            for row in rows:  # a series per thing counted, town and year: about 110 claims each
                members.setdefault(series_id(row), []).append(row["id"])
            with sql.transaction(con):
                con.executemany("INSERT INTO documents (id, sha, text, published, added_at) VALUES (?, ?, ?, ?, ?)",
                                [(d, d, "synthetic", "2024-01-01", "2026-01-01") for d in docs])
                con.executemany(f"INSERT INTO claims ({columns}) VALUES ({marks})",
                                [[r[f] for f in FIELDS] for r in rows])
        series = [{"id": key, "label": key.replace("-", " "), "head": key.split("-")[1],
                   "location": "Central African Republic", "claims": ids, "low": None, "best": None, "high": None,
                   "rule": None} for key, ids in sorted(members.items())]
        linked.replace_linked_rows(con, series, [])


def series_id(row: dict) -> str:
    town = next(place for place in [*PLACES, RARE_WORD] if f" in {place} in " in row["sentence"])
    return f"s-{row['series_head']}-{town}-{row['time_start'][:4]}"


def timed(call, runs: int) -> tuple[float, float, str]:
    """p50 and p95 in ms of `runs` calls, and what the last call returned."""
    times, answer = [], ""
    for _ in range(runs):
        began = time.perf_counter()
        answer = call()
        times.append((time.perf_counter() - began) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, round(0.95 * (len(times) - 1)))], answer


REQUESTS = [
    ("common word", "/api/claims", {"q": WORD}),
    ("rare word", "/api/claims", {"q": RARE_WORD}),
    ("source", "/api/claims", {"source": SOURCE}),
    ("series", "/api/claims", {"series": "s-peacekeeper-Bangui-2020"}),
    ("date range", "/api/claims", {"from": "2019-03", "to": "2019-05"}),
    ("word + dates", "/api/claims", {"q": WORD, "from": "2020", "to": "2021"}),
    ("deep page", "/api/claims", {"offset": 90_000, "limit": 50}),
    ("deep page of a word", "/api/claims", {"q": WORD, "offset": 9_000, "limit": 50}),
    ("series list", "/api/series", {}),
    ("findings list", "/api/findings", {}),
    ("documents, deep", "/api/documents", {"offset": 4_000}),
    ("claims page (HTML)", "/", {"q": WORD}),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    from fastapi.testclient import TestClient

    from claimledger.show.web import app as web

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "search.db"
        began = time.perf_counter()
        build(db, args.claims, args.seed)
        print(f"built {args.claims:,} claims in {time.perf_counter() - began:.1f} s")
        client = TestClient(web.create_app(str(db)))
        for label, path, params in REQUESTS:
            def call() -> str:
                response = client.get(path, params=params)
                assert response.status_code == 200, (path, params, response.text[:200])
                return response.headers.get("x-total-count", "-")
            p50, p95, total = timed(call, args.runs)
            shown = "&".join(f"{k}={v}" for k, v in params.items())
            print(f"{label:20s} GET {path}?{shown:38s} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  (total {total})")


if __name__ == "__main__":
    main()
