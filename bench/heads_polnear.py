"""Score what each figure counts (the head) on real news: 100 figures of PolNeAR train texts.

    python bench/heads_polnear.py [--misses]

tests/heads_polnear.json holds 100 figures sampled from PolNeAR train articles
(`random.Random(20)` over the articles in shuffled order, one quantity of
`find_quantities(mode="claim")` from each) with the heads a reader writes for
them by hand, written before this bench was first run; figures that count
nothing (a date, a street number, a list's numbering) have `heads: null` and
are left out.  Each article is read by `pipeline.extract_text` and its heads
resolved as the ledger stores them (`measure.resolve_heads`).  As in
bench/stories.py, the head is scored over the figures read as claims (a figure
is right when the claim over its offsets has one of the annotated heads); the
figures read as no claim (mostly durations, "eight years ago", which are times)
are counted on their own line.

The figures are split by a fixed hash of document and offset (`half_of`) into a
*read* half, whose misses `--misses` prints and rules may be read from, and a
*report* half, only ever scored.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from claimledger.evaluate import head_matches  # noqa: E402
from claimledger.extract.measure import resolve_heads  # noqa: E402
from claimledger.pipeline import extract_text  # noqa: E402

TEXTS = ROOT.parent / "shared" / "eval" / "polnear" / "data" / "train" / "text"
ANNOTATIONS = ROOT / "tests" / "heads_polnear.json"


def half_of(figure: dict) -> str:
    """read or report, fixed by the figure's document and offset."""
    digest = hashlib.sha256(f"{figure['doc']}:{figure['start']}".encode()).digest()
    return "read" if digest[0] % 2 == 0 else "report"


def our_heads(doc: str, figures: list[dict]) -> list[tuple[str | None, str | None]]:
    """For each figure of one article: (our resolved head, the claim's text), or (None, None) when no claim covers it."""
    text = (TEXTS / f"{doc}.txt").read_text(encoding="utf-8")
    claims = extract_text(text, doc_id=doc)
    heads = resolve_heads(claims)
    out = []
    for figure in figures:
        claim = next((c for c in claims if c.start <= figure["start"] < c.end or figure["start"] <= c.start < figure["end"]), None)
        out.append((heads.get(claim.id), claim.text) if claim is not None else (None, None))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list the read half's misses")
    args = parser.parse_args()
    if not TEXTS.is_dir():
        sys.exit(f"PolNeAR texts not found at {TEXTS}: the evaluation sets live in ../shared, not in the repository")
    figures = [f for f in json.loads(ANNOTATIONS.read_text(encoding="utf-8"))["figures"] if f["heads"] is not None]
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for figure in figures:
        by_doc[figure["doc"]].append(figure)
    score = {"read": [0, 0], "report": [0, 0]}
    misses, unclaimed = [], 0
    for doc, doc_figures in sorted(by_doc.items()):
        for figure, (head, text) in zip(doc_figures, our_heads(doc, doc_figures)):
            half = half_of(figure)
            if text is None:
                unclaimed += 1
                continue
            right = head_matches({"head": head}, figure["heads"])
            score[half][0] += right
            score[half][1] += 1
            if not right and half == "read":
                misses.append(f"  {doc} {figure['start']}: {text!r} -> {head!r} (expected {figure['heads']})")
    total = [sum(s[0] for s in score.values()), sum(s[1] for s in score.values())]
    print(f"PolNeAR heads ({total[1]} figures read as claims): {total[0] / total[1]:.3f}; read half {score['read'][0] / score['read'][1]:.3f} "
          f"({score['read'][0]}/{score['read'][1]}), report half {score['report'][0] / score['report'][1]:.3f} "
          f"({score['report'][0]}/{score['report'][1]}); {unclaimed} figures read as no claim, not scored")
    if args.misses:
        print("\n".join(misses))


if __name__ == "__main__":
    main()
