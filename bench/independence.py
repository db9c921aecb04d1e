"""Which reports are not independent, scored on tests/independence.

    python bench/independence.py [--misses] [--db PATH]

tests/independence holds 30 invented articles on six events and, in `expected.json`, every pair of
articles within an event with its relation: verbatim_copy, paraphrase, shared_source,
same_interview (not independent) or independent.  All articles go into one fresh ledger; the
duplicate_report findings say which reports repeat which.  Two reports are predicted not
independent when findings join them, directly or through others (a copy of a story and a
paraphrase of that story are one report too: the set labels such pairs by what they share).

Recall of "not independent" is over the dependent pairs of each relation and in all; precision
over the pairs we join, of each relation we name (the `relation=` of the finding joining them
directly; `linked` when only a chain joins them) and in all.  Events fire, court, vacc and bridge
are the tuning part (`--misses` lists their misses and false pairs); farm and hostage are held
out: their figures only.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SET = ROOT / "tests" / "independence"
TUNING = ("fire", "court", "vacc", "bridge")
HELD_OUT = ("farm", "hostage")
PARTS = (("tuning (fire, court, vacc, bridge)", TUNING), ("held out (farm, hostage)", HELD_OUT))
RELATIONS = ("verbatim_copy", "paraphrase", "shared_source", "same_interview")

import claimledger  # noqa: E402
from claimledger.analyse.series import group_root  # noqa: E402


def event(doc: str) -> str:
    return doc.split("-")[0]


def predicted_pairs(findings: list[dict]) -> dict[frozenset, str]:
    """{pair of documents: relation} for every pair the duplicate findings join: the relation the
    finding joining them names, or "linked" for a pair joined only through other documents."""
    direct: dict[frozenset, str] = {}
    group: dict[str, str] = {}
    root = partial(group_root, group)

    for finding in findings:
        if finding["type"] != "duplicate_report" or len(finding["docs"]) < 2:
            continue
        first, second = finding["docs"][:2]
        relation = next((e.split("=", 1)[1] for e in finding.get("evidence", []) if e.startswith("relation=")),
                        "duplicate")
        direct[frozenset((first, second))] = relation
        group[root(first)] = root(second)
    members: dict[str, list[str]] = {}
    for doc in list(group):
        members.setdefault(root(doc), []).append(doc)
    joined = {frozenset((a, b)): "linked" for docs in members.values() for a in docs for b in docs if a < b}
    return {**joined, **direct}


def score(expected: list[dict], predicted: dict[frozenset, str], events: tuple[str, ...]) -> dict:
    """Counts for one part: dependent pairs found per relation, predicted pairs right per relation."""
    gold = {frozenset(p["docs"]): p for p in expected if event(p["docs"][0]) in events}
    mine = {pair: relation for pair, relation in predicted.items() if event(min(pair)) in events}
    found = Counter(p["relation"] for pair, p in gold.items() if not p["independent"] and pair in mine)
    dependent = Counter(p["relation"] for p in gold.values() if not p["independent"])
    named = Counter(mine.values())
    right = Counter(r for pair, r in mine.items() if pair in gold and not gold[pair]["independent"])
    return {"found": found, "dependent": dependent, "named": named, "right": right, "gold": gold, "mine": mine}


def ratio(part: int, whole: int) -> str:
    return f"{part / whole:.3f} ({part}/{whole})" if whole else "n/a (0/0)"


def print_part(label: str, counts: dict) -> None:
    found, dependent, named, right = counts["found"], counts["dependent"], counts["named"], counts["right"]
    print(f"{label}: not independent recall {ratio(sum(found.values()), sum(dependent.values()))}, "
          f"precision {ratio(sum(right.values()), sum(named.values()))}")
    for relation in RELATIONS:
        print(f"  {relation}: recall {ratio(found[relation], dependent[relation])}")
    for relation in sorted(named):
        print(f"  named {relation}: precision {ratio(right[relation], named[relation])}")


def misses(counts: dict) -> list[str]:
    """The tuning part's dependent pairs not joined and independent pairs joined."""
    lines = []
    for pair, gold in sorted(counts["gold"].items(), key=lambda item: sorted(item[0])):
        ours = counts["mine"].get(pair)
        if not gold["independent"] and ours is None:
            lines.append(f"missed {'/'.join(sorted(pair))} ({gold['relation']}): {gold['why']}")
        elif gold["independent"] and ours is not None:
            lines.append(f"false {'/'.join(sorted(pair))} (we say {ours}): {gold['why']}")
        elif ours is not None and ours not in (gold["relation"], "linked"):
            lines.append(f"named {'/'.join(sorted(pair))} {ours}, is {gold['relation']}")
    return lines


def run(db: Path) -> dict[str, dict]:
    """Add the set to the ledger at `db` (unless it exists) and score each part: {label: counts}."""
    if not db.exists():
        claimledger.add([SET], db=db)
    findings = claimledger.ledger(db)["findings"]
    expected = json.loads((SET / "expected.json").read_text(encoding="utf-8"))["pairs"]
    predicted = predicted_pairs(findings)
    return {label: score(expected, predicted, events) for label, events in PARTS}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list the misses of the tuning events only")
    parser.add_argument("--db", help="read this ledger of the set if it exists, else make it there")
    args = parser.parse_args()
    if not (SET / "expected.json").is_file():
        sys.exit(f"{SET} is not there: nothing to score")
    with tempfile.TemporaryDirectory() as tmp:
        parts = run(Path(args.db or Path(tmp) / "independence.db"))
    for label, counts in parts.items():
        print_part(label, counts)
    if args.misses:
        for line in misses(parts[PARTS[0][0]]):
            print(line)


if __name__ == "__main__":
    main()
