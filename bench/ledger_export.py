"""The ledger of tests/stories as JSON lines, to hold a speed change to the same ledger.

    python bench/ledger_export.py --out FILE            # write the export
    python bench/ledger_export.py --against FILE        # export again and compare with FILE
    python bench/ledger_export.py --against FILE --by-paragraph   # the same, each paragraph parsed alone

Adds every story article into a fresh ledger (as bench/stories.py does) and writes its claims,
series and findings, each row as one JSON line, sorted, ids included.  `--against` compares the
new export with an earlier one and exits 1 when they differ; it names the differing rows of the
tuning stories (a-h) only, and counts the others (the held-out stories' rows are never printed).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

import claimledger
from claimledger.options import Options
from stories import STORIES, TUNING


def export_lines(db: str) -> list[str]:
    """Every claim, series and finding of the ledger at `db`, one sorted JSON line each."""
    rows = claimledger.ledger(db)
    return sorted(json.dumps({"table": table, **row}, sort_keys=True, default=str)
                  for table in ("claims", "series", "findings") for row in rows[table])


def stories_export(options: Options = Options()) -> list[str]:
    """`export_lines` of a fresh ledger of every article in tests/stories."""
    articles = sorted(STORIES.glob("*/*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "stories.db")
        claimledger.add(articles, db=db, options=options)
        return export_lines(db)


def is_tuning(line: str) -> bool:
    """Whether a row belongs to the tuning stories only (every document it names starts a-h)."""
    row = json.loads(line)
    docs = [v for k, v in row.items() if k in ("doc", "doc_id", "document")]
    docs += [d for k, v in row.items() if k in ("docs", "documents") and isinstance(v, list) for d in v]
    return bool(docs) and all(str(d)[:1] in TUNING for d in docs)


def compare(old: list[str], new: list[str]) -> int:
    """Print how `new` differs from `old` (tuning rows by name, the others counted); 0 when equal."""
    gone, came = sorted(set(old) - set(new)), sorted(set(new) - set(old))
    print(f"{len(new)} rows now, {len(old)} before: {len(gone)} gone, {len(came)} new")
    for sign, lines in (("-", gone), ("+", came)):
        shown = [line for line in lines if is_tuning(line)]
        for line in shown:
            print(sign, line)
        if len(lines) > len(shown):
            print(f"{sign} {len(lines) - len(shown)} rows outside the tuning stories (not printed)")
    return int(bool(gone or came))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="write the export here")
    parser.add_argument("--against", type=Path, help="compare with this earlier export")
    parser.add_argument("--by-paragraph", action="store_true", help="parse each paragraph alone (Options.parse_by_paragraph)")
    args = parser.parse_args()
    lines = stories_export(Options(parse_by_paragraph=args.by_paragraph))
    if args.out:
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{len(lines)} rows written to {args.out}")
    if args.against:
        old = args.against.read_text(encoding="utf-8").splitlines()
        sys.exit(compare(old, lines))


if __name__ == "__main__":
    main()
