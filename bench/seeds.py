"""Score claimledger on the three seed documents against seeds-gold.json.

    python bench/seeds.py [--db PATH]

Adds ../shared/corpus/seeds/*.txt to a fresh ledger and prints recall,
precision and the share of found claims with the right head, source,
modality and time, then every miss.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import claimledger
from claimledger.evaluate import load_gold, score_claims

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def score_seeds(db: str | None = None) -> dict:
    """Add the seeds to `db` (a temporary ledger by default) and score them."""
    seeds = sorted((SHARED / "corpus" / "seeds").glob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        path = db or str(Path(tmp) / "seeds.db")
        claimledger.add(seeds, db=path)
        score = score_claims(claimledger.claims(path), load_gold(SHARED / "corpus" / "seeds-gold.json"))
    return {**score.figures(), "missed": score.missed, "wrong": score.wrong,
            "not_claims": score.not_claims_reported}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db")
    args = parser.parse_args()
    if not SHARED.is_dir():
        sys.exit(f"{SHARED} is not here: the seed corpus ships with the project's shared folder")
    result = score_seeds(args.db)
    for key in ("recall", "precision", "head", "source", "modality", "time", "not_claims_reported"):
        print(f"{key:>20}: {result[key]}")
    for line in result["missed"]:
        print(f"missed   {line}")
    for line in result["wrong"]:
        print(f"wrong    {line}")
    for line in result["not_claims"]:
        print(f"reported {line} (not a claim)")


if __name__ == "__main__":
    main()
