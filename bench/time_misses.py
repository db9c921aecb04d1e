"""Break the stories bench's time accuracy down by time_rule and by kind of miss (a-h only).

    python bench/time_misses.py --db PATH [--add] [--misses]

Reads a ledger that bench/stories.py filled (`--db`, the same file), or with `--add`
first adds the tuning stories' articles (a-h only) to it, and, for the matched claims of the tuning stories (a-h), counts how many are right under each
`time_rule`, and sorts each miss into one kind:

- undated:      the document has no publication date and the claim no time
- no time:      a dated document, but the claim has no as-of time
- wrong day:    the expected date and ours are in the same month, another day
- wrong period: any other disagreement (another month or year, or another precision)

`--misses` lists every time miss with its rule, our time, the expected one and the sentence.
Held-out stories (f-h, i-l) are never read here.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

import claimledger  # noqa: E402
from claimledger.evaluate import time_matches  # noqa: E402
from stories import STORIES, TUNING, load_stories, matched_claims  # noqa: E402


def miss_kind(claim: dict, gold_time: str | None, published: str | None) -> str:
    """Which kind of time miss this is (see the module docstring)."""
    ours = claim.get("time_end") or claim.get("time_start")
    if ours is None:
        return "undated" if not published else "no time"
    if gold_time and ours[:7] == gold_time[:7] and len(ours) == len(gold_time) == 10:
        return "wrong day"
    return "wrong period"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="a ledger bench/stories.py filled")
    parser.add_argument("--add", action="store_true", help="first add the a-h articles to --db")
    parser.add_argument("--misses", action="store_true", help="list each time miss of a-h")
    args = parser.parse_args()
    if args.add:
        claimledger.add(sorted(p for d in STORIES.iterdir() if d.name[0] in TUNING for p in d.glob("*.txt")), db=args.db)
    rows = claimledger.ledger(args.db)
    published = {d["id"]: d.get("published") for d in rows["documents"]}
    by_rule: Counter = Counter()
    right_by_rule: Counter = Counter()
    kinds: Counter = Counter()
    lines = []
    for name, expected in load_stories().items():
        if name[0] not in TUNING:
            continue
        in_story = [c for c in rows["claims"] if c["doc"] in set(expected["documents"])]
        for gold, ours in matched_claims(in_story, expected):
            if ours is None:
                continue
            rule = ours.get("time_rule") or "-"
            by_rule[rule] += 1
            if time_matches(ours, gold.get("time")):
                right_by_rule[rule] += 1
                continue
            kind = miss_kind(ours, gold.get("time"), published.get(ours["doc"]))
            kinds[rule, kind] += 1
            lines.append(f"{rule:<11} {kind:<12} {ours['doc']}: {gold['text']!r} -> "
                         f"{ours.get('time_start')}..{ours.get('time_end')} (expected {gold.get('time')}) "
                         f"| {ours.get('sentence', '')[:160]!r}")
    total, right = sum(by_rule.values()), sum(right_by_rule.values())
    print(f"a-h time: {right}/{total} = {right / total:.3f}")
    for rule, count in by_rule.most_common():
        misses = ", ".join(f"{k} {n}" for (r, k), n in sorted(kinds.items()) if r == rule)
        print(f"  {rule:<11} {right_by_rule[rule]:>3}/{count:<3} right  misses: {misses or '-'}")
    if args.misses:
        print("\n".join(sorted(lines)))


if __name__ == "__main__":
    main()
