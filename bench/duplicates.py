"""Duplicate screening scored on the test stories: duplicate_report findings alone.

    python bench/duplicates.py [--misses] [--db PATH]

Adds every story of tests/stories into one ledger (as bench/stories.py does) and scores the
duplicate_report findings against the expected ones of type duplicate_report, matched as
tests/test_corpus.py matches findings (the documents, and the figures the finding cites).
Recall is over the expected duplicate findings; precision over our duplicate findings naming a
document of the story, less those matching an expected or allowed entry.  Stories a-h are the
tuning part (`--misses` lists their misses); i-l and m-p are held out: their figures only.
"""
from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from stories import STORIES, TUNING, add, by_part, load_stories, score_findings

import claimledger

KIND = "duplicate_report"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list the misses of the tuning stories (a-h)")
    parser.add_argument("--db", help="read this ledger of the stories if it exists, else make it there")
    args = parser.parse_args()
    stories = load_stories()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.db or Path(tmp) / "stories.db")
        if not db.exists():
            claimledger.add(sorted(p for name in stories for p in (STORIES / name).glob("*.txt")), db=db)
        rows = claimledger.ledger(db)
    scored = {name: score_findings(rows["findings"], rows["claims"], expected, kind=KIND)
              for name, expected in stories.items()}
    for part, names in by_part(scored):
        total = add([scored[n] for n in names])
        recall = total["found"] / total["expected"] if total["expected"] else float("nan")
        precision = (total["reported"] - total["false"]) / total["reported"] if total["reported"] else float("nan")
        print(f"{part}: duplicate_report recall {recall:.3f} ({total['found']}/{total['expected']}), "
              f"precision {precision:.3f} ({total['reported']} reported)")
    if args.misses:
        for name in (n for n in scored if n[0] in TUNING):
            for line in scored[name]["misses"]:
                print(f"{name}: {line}")


if __name__ == "__main__":
    main()
