"""Which reports are not independent, on tests/independence (bench/independence.py): the tuning
events' recall and precision of "not independent" pairs against the stored minimums, and the
scoring itself on hand-made findings."""
from __future__ import annotations

import json
import sys
from contextlib import closing
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import independence  # noqa: E402  (bench/independence.py)

from claimledger.analyse import update  # noqa: E402
from claimledger.ledger import linked, store  # noqa: E402

MINIMUMS = json.loads((ROOT / "tests" / "eval_minimums.json").read_text(encoding="utf-8"))


def dup(first: str, second: str, relation: str) -> dict:
    return {"type": "duplicate_report", "docs": [first, second], "evidence": [f"relation={relation}"]}


def test_pairs_joined_through_another_report_are_not_independent():
    """A copy of a story and a paraphrase of that story are joined too, named "linked"."""
    found = independence.predicted_pairs([dup("a-1", "a-2", "verbatim_copy"), dup("a-1", "a-3", "paraphrase"),
                                          {"type": "revision", "docs": ["a-4", "a-5"], "evidence": []}])
    assert found == {frozenset(("a-1", "a-2")): "verbatim_copy", frozenset(("a-1", "a-3")): "paraphrase",
                     frozenset(("a-2", "a-3")): "linked"}


def test_scoring_counts_misses_and_false_pairs():
    expected = [{"docs": ["fire-1", "fire-2"], "relation": "verbatim_copy", "independent": False, "why": ""},
                {"docs": ["fire-1", "fire-3"], "relation": "independent", "independent": True, "why": ""},
                {"docs": ["fire-2", "fire-3"], "relation": "paraphrase", "independent": False, "why": ""}]
    counts = independence.score(expected, {frozenset(("fire-1", "fire-3")): "shared_source"}, ("fire",))
    assert sum(counts["found"].values()) == 0 and sum(counts["dependent"].values()) == 2
    assert counts["named"] == {"shared_source": 1} and not counts["right"]
    assert [line.split(" (")[0] for line in independence.misses(counts)] == ["missed fire-1/fire-2", "false fire-1/fire-3",
                                                                             "missed fire-2/fire-3"]


def test_the_tuning_events_reach_the_stored_minimums(tmp_path):
    if not (independence.SET / "expected.json").is_file():
        pytest.skip("tests/independence is absent: the independence set is not in this checkout")
    counts = independence.run(tmp_path / "independence.db")[independence.PARTS[0][0]]
    recall = sum(counts["found"].values()) / sum(counts["dependent"].values())
    precision = sum(counts["right"].values()) / sum(counts["named"].values())
    report = "\n".join(independence.misses(counts))
    assert recall >= MINIMUMS["independence_recall_tuning"], report
    assert precision >= MINIMUMS["independence_precision_tuning"], report
    with closing(store.connect(tmp_path / "independence.db")) as con:  # the add's update gave the full run's findings
        assert linked.read_findings(con) == update.full_recompute(con)[1]
