"""Train the attribution ranker on PolNeAR train and write its weights.

    python bench/train_attribution.py [--cache DIR] [--out PATH] [--folds 5] [--report-dev]

Reproducible from ../shared/eval/polnear (no other input, no randomness but a
fixed fold assignment):

1. parse every PolNeAR train article as `claimledger add` does (the sentences no
   figure needs blanked; bench/polnear.py's cache is shared);
2. for every figure the quantity stage finds, build the ranker's candidates and
   features (`claimledger.extract.attribution.ranker`, the code `add` runs) and
   its label: the candidate(s) whose mention is the annotated Source (as
   bench/polnear.py scores it) when the figure is inside an attribution's
   Content with a Source; the writer's own voice (no source) when the figure
   is inside no Content at all; figures in a Content with no Source are left out;
3. fit a conditional logit (a softmax over each figure's candidates, L2 penalty)
   by full-batch Adam in numpy: the learner is a linear model because the
   features are sparse indicator strings, a few thousand of them for ~10,000
   figures, and its weights ship as a plain table scored in plain Python;
4. choose the L2 strength and the feature groups by cross-validation on train,
   folds grouped by article (an article annotated twice stays in one fold);
5. refit on all of train with the chosen setting and write the weights
   (`src/claimledger/data/attribution_model_en.json`).

PolNeAR dev is never read here unless `--report-dev` is given, and then only
to print its score at the end (nothing is chosen on it).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

import polnear  # noqa: E402
from claimledger.extract.attribution import ranker  # noqa: E402

OUT = ROOT / "src" / "claimledger" / "data" / "attribution_model_en.json"
FOLDS = 5
L2_GRID = (1.0, 3.0, 10.0)
# Feature groups that cross-validation may leave out (prefixes of the feature strings).
FEATURE_GROUPS = {
    "all": (),
    "no_cue_words": ("cue=",),
    "no_conjunctions": ("&final=",),
}
ITERATIONS = 400  # full-batch Adam steps at LEARNING_RATE; a fixed count, so a rerun gives the same weights
LEARNING_RATE = 0.05
WEIGHT_DIGITS = 4  # decimals kept in the shipped table
# Own-voice margins tried (score of no source less that of the best frame, in logits).
MARGINS = tuple(x / 4 for x in range(-8, 17))


@dataclass
class Figure:
    """One labelled figure: its candidates' features, which are right, and what kind of label it has."""

    article: str
    features: list[frozenset[str]]
    gold: list[int]
    sourced: bool  # True: an annotated Source; False: the writer's own voice
    rules_right: bool
    kept: bool = False  # the rules' answer stands (`ranker.kept_by_rules`): not a training example


def article_names(split: str) -> list[str]:
    """Article names in bench/polnear.py's order (sorted .ann files with a text)."""
    folder = polnear.POLNEAR / split
    names = []
    for ann in sorted((folder / "attributions").glob("*.ann")):
        name = ann.stem.rsplit("_", 1)[0]
        if (folder / "text" / f"{name}.txt").exists():
            names.append(name)
    return names


def labelled_figures(split: str, cache: Path | None, skip: int = 0) -> list[Figure]:
    """Parse `split` as `add` does and label every figure's candidates."""
    from claimledger.extract.attribution.attribute import _attribution_of, analyse, rule_trace
    from claimledger.extract.attribution.ranker import candidates, kept_by_rules
    from claimledger.extract.nlp import load_model
    from claimledger.pipeline import selected_text

    nlp = load_model(polnear.MODEL)
    docs = polnear.documents(split, None, skip)
    names = article_names(split)[skip:]
    spans = [polnear.figures(text) for text, _ in docs]
    texts = [selected_text(text, found) if found else text for (text, _), found in zip(docs, spans)]
    parsed = polnear._parsed(nlp, texts, cache, f"{split}-{skip}-None-selective")
    out: list[Figure] = []
    for name, doc, (text, relations), found in zip(names, parsed, docs, spans):
        analysis = analyse(doc)
        for start, end in found:
            trace = rule_trace(doc, analysis, analysis.memory, start, end)
            if trace is None:
                continue
            relation = polnear._innermost((start, end), relations)
            if relation is not None and not relation.source:
                continue
            found_candidates = candidates(doc, analysis, trace, start, end)
            if relation is None:
                gold = [len(found_candidates) - 1]
                ruled = _attribution_of(analysis, trace.root, trace.final)
                rules_right = ruled.source_start is None
            else:
                gold = [n for n, c in enumerate(found_candidates) if c.frame is not None and polnear._source_hit(
                    _attribution_of(analysis, trace.root, c.frame), relation, text)]
                rules_right = polnear._source_hit(_attribution_of(analysis, trace.root, trace.final), relation, text)
            out.append(Figure(name, [c.features for c in found_candidates], gold, relation is not None, rules_right,
                              kept_by_rules(trace)))
    return out


# ---------------------------------------------------------------- the conditional logit

@dataclass
class Matrix:
    """Candidates as sparse rows: entry k is feature cols[k] of candidate rows[k]."""

    rows: np.ndarray
    cols: np.ndarray
    group: np.ndarray  # figure index of each candidate
    gold: np.ndarray  # 1.0 where the candidate is right
    sourced: np.ndarray  # 1.0 where the candidate's figure has an annotated source
    starts: np.ndarray  # first candidate of each figure
    n_candidates: int
    n_features: int


def build_matrix(figures: list[Figure], vocabulary: dict[str, int], drop: tuple[str, ...]) -> Matrix:
    """Figures -> sparse candidate rows over `vocabulary` (features starting with `drop` left out)."""
    rows, cols, group, gold, starts, sourced = [], [], [], [], [], []
    candidate = 0
    for n, figure in enumerate(figures):
        starts.append(candidate)
        for k, features in enumerate(figure.features):
            for feature in sorted(features):
                if feature in vocabulary and not any(d in feature for d in drop):
                    rows.append(candidate)
                    cols.append(vocabulary[feature])
            group.append(n)
            gold.append(1.0 if k in figure.gold else 0.0)
            sourced.append(1.0 if figure.sourced else 0.0)
            candidate += 1
    return Matrix(np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64), np.array(group, dtype=np.int64),
                  np.array(gold), np.array(sourced), np.array(starts, dtype=np.int64), candidate, len(vocabulary))


def _scores(m: Matrix, w: np.ndarray) -> np.ndarray:
    return np.bincount(m.rows, weights=w[m.cols], minlength=m.n_candidates)


def _group_softmax(m: Matrix, scores: np.ndarray) -> np.ndarray:
    top = np.maximum.reduceat(scores, m.starts)
    exp = np.exp(scores - top[m.group])
    return exp / np.add.reduceat(exp, m.starts)[m.group]


def fit(m: Matrix, l2: float, sourced_weight: float) -> np.ndarray:
    """Weights maximising the weighted sum over figures of log P(a right candidate), less l2/2 |w|^2
    (Adam, full batch); a figure with an annotated source counts `sourced_weight` times."""
    reachable = np.add.reduceat(m.gold, m.starts) > 0
    # figures with no right candidate teach nothing
    keep = np.where(reachable[m.group], np.where(m.sourced > 0, sourced_weight, 1.0), 0.0)
    w = np.zeros(m.n_features)
    first, second = np.zeros_like(w), np.zeros_like(w)
    beta1, beta2 = 0.9, 0.999
    for step in range(1, ITERATIONS + 1):
        p = _group_softmax(m, _scores(m, w))
        p_gold = p * m.gold
        p_gold_sum = np.add.reduceat(p_gold, m.starts)[m.group]
        posterior = np.divide(p_gold, p_gold_sum, out=np.zeros_like(p_gold), where=p_gold_sum > 0)
        residual = keep * (p - posterior)  # d(-log likelihood)/d(score)
        grad = np.bincount(m.cols, weights=residual[m.rows], minlength=m.n_features) + l2 * w
        first = beta1 * first + (1 - beta1) * grad
        second = beta2 * second + (1 - beta2) * grad * grad
        w -= LEARNING_RATE * (first / (1 - beta1 ** step)) / (np.sqrt(second / (1 - beta2 ** step)) + 1e-8)
    return w


def predict(m: Matrix, w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each figure's best candidate (index within the figure; ties to the first, as `ranker.choose`)
    and the scores of all candidates."""
    scores = _scores(m, w)
    bounds = list(m.starts) + [m.n_candidates]
    return np.array([int(np.argmax(scores[a:b])) for a, b in zip(bounds, bounds[1:])]), scores


@dataclass
class Accuracy:
    """Shares right: figures with an annotated source, figures in the writer's voice, both."""

    sourced: float
    voice: float
    overall: float
    n_sourced: int
    n_voice: int

    def line(self) -> str:
        return (f"sourced {self.sourced:.3f} (n={self.n_sourced}), own voice {self.voice:.3f} (n={self.n_voice}), "
                f"all {self.overall:.3f}")


def accuracy(figures: list[Figure], right: list[bool]) -> Accuracy:
    """Accuracy of `right` (one bool per figure) on each kind of figure."""
    sourced = [r for f, r in zip(figures, right) if f.sourced]
    voice = [r for f, r in zip(figures, right) if not f.sourced]
    share = (lambda xs: sum(xs) / len(xs) if xs else 0.0)
    return Accuracy(share(sourced), share(voice), share(sourced + voice), len(sourced), len(voice))


def vocabulary_of(figures: list[Figure], drop: tuple[str, ...] = ()) -> dict[str, int]:
    """Every feature seen at least twice (a feature seen once only memorises), in sorted order."""
    counts: dict[str, int] = {}
    for figure in figures:
        for features in figure.features:
            for feature in features:
                counts[feature] = counts.get(feature, 0) + 1
    kept = sorted(f for f, c in counts.items() if c >= 2 and not any(d in f for d in drop))
    return {f: n for n, f in enumerate(kept)}


def fold_of(article: str, folds: int) -> int:
    """A fixed fold per article, from a hash of its name (no random state)."""
    return int(hashlib.sha256(article.encode()).hexdigest(), 16) % folds


# ---------------------------------------------------------------- the two stages

def frames_only(figure: Figure) -> Figure:
    """The figure without its last candidate (the writer's own voice): what the frame ranker sees."""
    return replace(figure, features=figure.features[:-1])


@dataclass
class Stage:
    """A fitted linear model: its feature table and weights."""

    vocabulary: dict[str, int]
    weights: np.ndarray

    def table(self) -> dict[str, float]:
        return {f: round(float(self.weights[i]), WEIGHT_DIGITS) for f, i in sorted(self.vocabulary.items())
                if round(float(self.weights[i]), WEIGHT_DIGITS) != 0.0}


def fit_frames(figures: list[Figure], l2: float, drop: tuple[str, ...]) -> Stage:
    """Stage 1, which frame: a conditional logit over the frames of the figures with a source."""
    train = [frames_only(f) for f in figures if f.sourced and len(f.features) > 1 and not f.kept]
    vocabulary = vocabulary_of(train, drop)
    return Stage(vocabulary, fit(build_matrix(train, vocabulary, drop), l2, 1.0))


def best_frames(stage: Stage, figures: list[Figure]) -> list[int | None]:
    """Each figure's best frame under `stage` (None: it has no frame)."""
    with_frames = [n for n, f in enumerate(figures) if len(f.features) > 1]
    best: list[int | None] = [None] * len(figures)
    if with_frames:
        picks, _ = predict(build_matrix([frames_only(figures[n]) for n in with_frames], stage.vocabulary, ()),
                           stage.weights)
        for n, k in zip(with_frames, picks):
            best[n] = int(k)
    return best


def voice_figure(figure: Figure, best: int) -> Figure:
    """Stage 2's view of a figure: its best frame (features marked "best:") against its own voice."""
    frame = frozenset(ranker.BEST_PREFIX + f for f in figure.features[best])
    return replace(figure, features=[frame, figure.features[-1]], gold=[0] if figure.sourced else [1])


def fit_voice(figures: list[Figure], best: list[int | None], l2: float) -> Stage:
    """Stage 2, a source or the writer's own voice: a logistic model, as a logit over those two."""
    train = [voice_figure(f, b) for f, b in zip(figures, best) if b is not None and not f.kept]
    vocabulary = vocabulary_of(train)
    return Stage(vocabulary, fit(build_matrix(train, vocabulary, ()), l2, 1.0))


def voice_margins(stage: Stage, figures: list[Figure], best: list[int | None]) -> list[float | None]:
    """Score of the own voice less that of the best frame, per figure (None: no frame, own voice)."""
    index = [n for n, b in enumerate(best) if b is not None]
    margins: list[float | None] = [None] * len(figures)
    if index:
        m = build_matrix([voice_figure(figures[n], best[n]) for n in index], stage.vocabulary, ())
        scores = _scores(m, stage.weights)
        for k, n in enumerate(index):
            margins[n] = float(scores[m.starts[k] + 1] - scores[m.starts[k]])
    return margins


def outcomes(figures: list[Figure], best: list[int | None], margins: list[float | None], margin: float) -> list[bool]:
    """Right or wrong per figure when the own voice wins above `margin`."""
    right = []
    for figure, b, score in zip(figures, best, margins):
        if figure.kept:
            right.append(figure.rules_right)
            continue
        voice = b is None or (score is not None and score > margin)
        right.append(not figure.sourced if voice else figure.sourced and b in figure.gold)
    return right


@dataclass
class OutOfFold:
    """Cross-validated best frames and own-voice margins for every figure."""

    best: list[int | None]
    margins: list[float | None]


def out_of_fold(figures: list[Figure], folds: int, frame_l2: float, drop: tuple[str, ...],
                voice_l2: float) -> OutOfFold:
    """Both stages fitted without the fold, applied to it.  Stage 2 learns from the best frames
    stage 1 picks out of fold (inner folds), as it will see them on unseen text."""
    best: list[int | None] = [None] * len(figures)
    margins: list[float | None] = [None] * len(figures)
    for k in range(folds):
        train = [f for f in figures if fold_of(f.article, folds) != k]
        test_index = [n for n, f in enumerate(figures) if fold_of(f.article, folds) == k]
        test = [figures[n] for n in test_index]
        inner = _inner_best(train, folds, frame_l2, drop, skip=k)
        frames = fit_frames(train, frame_l2, drop)
        voice = fit_voice(train, inner, voice_l2)
        picks = best_frames(frames, test)
        for n, b, score in zip(test_index, picks, voice_margins(voice, test, picks)):
            best[n], margins[n] = b, score
    return OutOfFold(best, margins)


def _inner_best(figures: list[Figure], folds: int, l2: float, drop: tuple[str, ...], skip: int) -> list[int | None]:
    best: list[int | None] = [None] * len(figures)
    for k in range(folds):
        if k == skip:
            continue
        index = [n for n, f in enumerate(figures) if fold_of(f.article, folds) == k]
        stage = fit_frames([f for f in figures if fold_of(f.article, folds) != k], l2, drop)
        for n, b in zip(index, best_frames(stage, [figures[n] for n in index])):
            best[n] = b
    return best


def choose_margin(figures: list[Figure], oof: OutOfFold, rules: Accuracy) -> tuple[float, Accuracy]:
    """The own-voice margin: the most figures with a source right, among the margins that leave the
    writer's own figures at least as right as the rules leave them (else the best mean of the two)."""
    tried = []
    for margin in MARGINS:
        score = accuracy(figures, outcomes(figures, oof.best, oof.margins, margin))
        keeps = score.voice >= rules.voice
        tried.append(((keeps, score.sourced if keeps else (score.sourced + score.voice) / 2), margin, score))
    _, margin, score = max(tried, key=lambda t: (t[0], t[1]))
    return margin, score


def frame_cv(figures: list[Figure], folds: int, l2: float, drop: tuple[str, ...]) -> float:
    """Stage 1 alone: the share of figures with a source whose best frame is right, out of fold."""
    sourced = [f for f in figures if f.sourced]
    right = 0
    for k in range(folds):
        stage = fit_frames([f for f in sourced if fold_of(f.article, folds) != k], l2, drop)
        test = [f for f in sourced if fold_of(f.article, folds) == k]
        right += sum(f.rules_right if f.kept else b is not None and b in f.gold
                     for f, b in zip(test, best_frames(stage, test)))
    return right / len(sourced)


def train(figures: list[Figure], folds: int) -> tuple[dict, Accuracy]:
    """Choose both stages' settings by cross-validation, refit on all figures; the table and its CV score."""
    rules = accuracy(figures, [f.rules_right for f in figures])
    print("rules alone:        " + rules.line())
    frame_scores = []
    for group, drop in FEATURE_GROUPS.items():
        for l2 in L2_GRID:
            score = frame_cv(figures, folds, l2, drop)
            frame_scores.append((score, -l2, group))
            print(f"CV frames {group:16} l2={l2:<5} sourced, best frame right {score:.3f}", flush=True)
    _, minus_l2, group = max(frame_scores)
    frame_l2, drop = -minus_l2, FEATURE_GROUPS[group]
    voice_scores = []
    for voice_l2 in L2_GRID:
        oof = out_of_fold(figures, folds, frame_l2, drop, voice_l2)
        margin, score = choose_margin(figures, oof, rules)
        voice_scores.append((score.sourced if score.voice >= rules.voice else 0.0, -voice_l2, margin, score))
        print(f"CV both stages, voice l2={voice_l2:<5} margin {margin:+.2f}: " + score.line(), flush=True)
    _, minus_voice_l2, margin, score = max(voice_scores, key=lambda t: (t[0], t[1]))
    voice_l2 = -minus_voice_l2
    print(f"chosen: frames {group} l2={frame_l2}, voice l2={voice_l2}, margin {margin:+.2f}: CV " + score.line())
    frames = fit_frames(figures, frame_l2, drop)
    voice = fit_voice(figures, _inner_best(figures, folds, frame_l2, drop, skip=-1), voice_l2)
    meta = {"trained_on": "PolNeAR train (all articles), parsed as `add` parses", "learner":
            "stage 1 conditional logit over frames, stage 2 logistic source-or-own-voice, L2",
            "frame_l2": frame_l2, "frame_features": group, "voice_l2": voice_l2, "cv_folds": folds,
            "cv_sourced": round(score.sourced, 4), "cv_own_voice": round(score.voice, 4),
            "cv_all": round(score.overall, 4), "rules_sourced": round(rules.sourced, 4),
            "rules_own_voice": round(rules.voice, 4)}
    table = {"meta": meta, "voice_margin": margin, "frame_weights": frames.table(), "voice_weights": voice.table()}
    return table, score


def model_outcomes(model: "ranker.RankerModel", figures: list[Figure]) -> list[bool]:
    """Right or wrong per figure under the shipped model, scored as `ranker.choose` scores."""
    right = []
    for figure in figures:
        if figure.kept:
            right.append(figure.rules_right)
            continue
        pick = model.pick(figure.features)
        right.append(not figure.sourced if pick == len(figure.features) - 1 else figure.sourced and pick in figure.gold)
    return right


def main() -> None:
    parser = argparse.ArgumentParser(description="Train the attribution ranker on PolNeAR train.")
    parser.add_argument("--cache", type=Path, default=None, help="folder for parsed articles (DocBin)")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--folds", type=int, default=FOLDS)
    parser.add_argument("--report-dev", action="store_true", help="print the dev score of the written model")
    args = parser.parse_args()
    began = time.perf_counter()
    figures = labelled_figures("train", args.cache)
    reachable = sum(bool(f.gold) for f in figures if f.sourced) / max(1, sum(f.sourced for f in figures))
    print(f"train: {len(figures)} labelled figures from {len({f.article for f in figures})} articles; "
          f"a right candidate exists for {reachable:.3f} of the sourced ones ({time.perf_counter() - began:.0f} s)")
    table, _ = train(figures, args.folds)
    args.out.write_text(json.dumps(table, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    model = ranker.model_from_table(table)
    print("refit, on train:    " + accuracy(figures, model_outcomes(model, figures)).line())
    print(f"wrote {args.out} in {time.perf_counter() - began:.0f} s")
    if args.report_dev:
        dev = labelled_figures("dev", args.cache)
        print("dev, rules alone:   " + accuracy(dev, [f.rules_right for f in dev]).line())
        print("dev, ranker:        " + accuracy(dev, model_outcomes(model, dev)).line())


if __name__ == "__main__":
    main()
