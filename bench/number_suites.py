"""Score the number layer against public evaluation sets.

Run: ``PYTHONPATH=src python bench/number_suites.py``.  Reads ../shared/eval
(relative to the repo root); the sets are not bundled with the repo.

* Recognizers-Text NumberModel, the plain comparison: a case passes when
  every expected result is found with its value and its span (start and end)
  and we output nothing else, as a multiset; every figure we output counts,
  whatever its unit.  ``find_numbers`` (the number recogniser: the number's
  own span, without bound words, currency or unit), and for the record the
  quantity phrases of ``mode="all"`` and ``mode="claim"`` (what ``claimledger parse`` returns, which drops
  years, identifiers and bare "one" by design and so fails the cases that
  expect them: the spec marks none of its identifiers as skippable).  Scored
  on all 235 English cases, and on the 211 its Python port supports.  The
  cases are split by a fixed hash of their input (`split_of`) into a *read*
  half, whose misses ``--misses`` prints and rules were read from, and a
  *report* half, whose misses are never printed: only its figure.
* Recognizers-Text NumberModel + PercentModel, the cases its Python port
  supports (NotSupported / NotSupportedByDesign without "python"): a case
  passes when the set of values we output equals the expected set.  Scored
  with ``mode="all"`` because Recognizers counts years, bare "one" and
  identifiers as numbers, which the claim mode drops by design.  Figures
  glued to a physical unit ("180ml") are left out of our side: Recognizers'
  number model does not report them.
* Recognizers NumberRangeModel, all English cases: a case passes when the
  intervals (low, high) of our ranges and bounds equal the expected ones
  (open/closed ends are not compared).
* quantulum3 quantities.json: per case, the multiset of numeric values
  (a range is its midpoint, as quantulum3 reports it) equals the expected.
"""
from __future__ import annotations

import hashlib
import json
import math
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from claimledger.extract.quantities import find_numbers, find_quantities  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"
_NUMBER_UNITS = {None, "percent", "percentage_point"}


def eval_present() -> bool:
    return (EVAL / "recognizers").is_dir() and (EVAL / "quantulum3").is_dir()


def _python_supported(case: dict) -> bool:
    flags = f"{case.get('NotSupported', '')},{case.get('NotSupportedByDesign', '')}".lower()
    return "python" not in flags


def _key(value: float) -> float:
    return float(f"{value:.6g}")


def _expected_value(raw: str) -> float:
    return _key(float(raw.rstrip("%")))


def _our_values(text: str) -> Counter:
    values: Counter = Counter()
    for q in find_quantities(text, mode="all"):
        if q.unit not in _NUMBER_UNITS and not (q.unit or "").isupper():
            continue
        for v in ([q.value] if q.value is not None else [q.low, q.high]):
            if v is not None:
                values[_key(v)] += 1
    return values


def recognizer_cases() -> list[dict]:
    cases = []
    for name in ("Number_NumberModel.json", "Number_PercentModel.json"):
        data = json.loads((EVAL / "recognizers" / name).read_text(encoding="utf-8"))
        cases += [c for c in data if _python_supported(c)]
    return cases


def split_of(case: dict) -> str:
    """"read" or "report": a fixed hash of the input, so the halves never move between runs."""
    return "read" if hashlib.sha1(case["Input"].encode("utf-8")).digest()[0] % 2 == 0 else "report"


def _span_key(value: float | None) -> float | None:
    return None if value is None or math.isnan(value) else _key(value)


def _expected_results(case: dict) -> Counter:
    return Counter((_span_key(float(r["Resolution"]["value"].rstrip("%"))), r["Start"], r["End"] + 1)
                   for r in case["Results"])


def _our_results(text: str, mode: str) -> Counter:
    found = find_numbers(text) if mode == "numbers" else find_quantities(text, mode=mode)
    return Counter((_span_key(q.value), q.start, q.end) for q in found)


def number_model_cases(supported_only: bool = False) -> list[dict]:
    data = json.loads((EVAL / "recognizers" / "Number_NumberModel.json").read_text(encoding="utf-8"))
    return [c for c in data if _python_supported(c) or not supported_only]


def score_number_model(mode: str = "numbers", supported_only: bool = False, part: str | None = None,
                       show_failures: bool = False) -> dict:
    """NumberModel, plain comparison (values and spans, nothing extra); `part` "read"/"report"/None (both).

    Failures are printed for the read half only, whatever `part` asks.
    """
    cases = [c for c in number_model_cases(supported_only) if part is None or split_of(c) == part]
    passed = 0
    for case in cases:
        expected, ours = _expected_results(case), _our_results(case["Input"], mode)
        if ours == expected:
            passed += 1
        elif show_failures and split_of(case) == "read":
            print("  FAIL", repr(case["Input"][:90]), sorted(expected.elements(), key=str),
                  sorted(ours.elements(), key=str))
    return {"cases": len(cases), "passed": passed, "rate": passed / max(1, len(cases))}


def score_recognizers(show_failures: bool = False) -> dict:
    """Pass rate on NumberModel+PercentModel (python-supported cases)."""
    cases = recognizer_cases()
    passed = 0
    for case in cases:
        expected = {_expected_value(r["Resolution"]["value"]) for r in case["Results"]}
        ours = set(_our_values(case["Input"]))
        if ours == expected:
            passed += 1
        elif show_failures:
            print("  FAIL", repr(case["Input"][:80]), sorted(expected), sorted(ours))
    return {"cases": len(cases), "passed": passed, "rate": passed / len(cases)}


_INTERVAL = re.compile(r"[\[(]\s*([^,]*)\s*,\s*([^\])]*)\s*[\])]")


def _interval(raw: str) -> tuple[float | None, float | None]:
    m = _INTERVAL.fullmatch(raw.strip())
    if not m:
        return None, None
    low, high = (float(x) if x.strip() else None for x in m.groups())
    return low, high


def _our_intervals(text: str) -> Counter:
    out: Counter = Counter()
    for q in find_quantities(text, mode="all"):
        rule = q.rule or ""
        if rule.startswith(("bound", "range")) or re.match(r"equal", q.text, re.IGNORECASE):
            out[(q.low, q.high)] += 1
    return out


def score_ranges(show_failures: bool = False) -> dict:
    """Share of NumberRangeModel cases (all English) with the right intervals."""
    data = json.loads((EVAL / "recognizers" / "Number_NumberRangeModel.json").read_text(encoding="utf-8"))
    passed = 0
    for case in data:
        expected = Counter(_interval(r["Resolution"]["value"]) for r in case["Results"])
        ours = _our_intervals(case["Input"])
        if ours == expected:
            passed += 1
        elif show_failures:
            print("  FAIL", repr(case["Input"][:80]), dict(expected), dict(ours))
    return {"cases": len(data), "passed": passed, "rate": passed / len(data)}


def _quantulum_value(q) -> float | None:
    if q.value is not None:
        return q.value
    if q.low is not None and q.high is not None:
        return (q.low + q.high) / 2
    return None


def score_quantulum(show_failures: bool = False) -> dict:
    """quantulum3 quantities.json: cases whose value multiset matches, and item recall/precision."""
    data = json.loads((EVAL / "quantulum3" / "quantities.json").read_text(encoding="utf-8"))
    passed = found = expected_total = ours_total = 0
    for case in data:
        expected = Counter(_key(r["value"]) for r in case["res"])
        ours = Counter(_key(v) for v in (_quantulum_value(q) for q in find_quantities(case["req"], mode="all"))
                       if v is not None and not math.isnan(v))
        found += sum((expected & ours).values())
        expected_total += sum(expected.values())
        ours_total += sum(ours.values())
        if ours == expected:
            passed += 1
        elif show_failures:
            print("  FAIL", repr(case["req"][:80]), sorted(expected.elements()), sorted(ours.elements()))
    return {"cases": len(data), "passed": passed, "rate": passed / len(data),
            "recall": found / max(1, expected_total), "precision": found / max(1, ours_total)}


def main() -> int:
    if not eval_present():
        print(f"{EVAL} not present: public evaluation sets are not bundled")
        return 1
    verbose = "-v" in sys.argv
    if "--misses" in sys.argv:
        print("NumberModel misses, read half only (find_numbers):")
        score_number_model("numbers", show_failures=True)
        return 0
    print(f"{'Recognizers NumberModel, plain comparison':44} {'cases':>6} {'passed':>7} {'rate':>7}")
    for mode in ("numbers", "all", "claim"):
        for supported_only, label in ((False, "all English"), (True, "python port")):
            for part in ("read", "report", None):
                r = score_number_model(mode, supported_only, part)
                name = f"  {'find_numbers' if mode == 'numbers' else 'mode ' + mode}, {label}, {part or 'both halves'}"
                print(f"{name:44} {r['cases']:6d} {r['passed']:7d} {r['rate']:7.3f}")
    rec = score_recognizers(verbose)
    rng = score_ranges(verbose)
    qua = score_quantulum(verbose)
    print(f"{'set':44} {'cases':>6} {'passed':>7} {'rate':>7}")
    print(f"{'Recognizers Number+Percent (python port)':44} {rec['cases']:6d} {rec['passed']:7d} {rec['rate']:7.3f}")
    print(f"{'Recognizers NumberRange (all English)':44} {rng['cases']:6d} {rng['passed']:7d} {rng['rate']:7.3f}")
    print(f"{'quantulum3 quantities.json (value sets)':44} {qua['cases']:6d} {qua['passed']:7d} {qua['rate']:7.3f}")
    print(f"quantulum3 item recall {qua['recall']:.3f}, precision {qua['precision']:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
