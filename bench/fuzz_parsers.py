"""Fuzz the number and time parsers for a bounded time.

Run: ``.venv/bin/python bench/fuzz_parsers.py --seconds 60`` (default 60).

Targets `claimledger.extract.quantities.find_quantities`, `claimledger.extract.timex.find_times`
and `claimledger.read.dates.parse_published` on arbitrary Unicode text.  Each must
return without raising, and every quantity and time expression must point at
its own text (`text[start:end] == found.text`).

With atheris installed (``.venv/bin/pip install atheris``; it is not a project
dependency and is not part of the test run) this is coverage-guided libFuzzer
fuzzing, stopped by ``-max_total_time``; a crash prints the input and exits
non-zero.  Without atheris it falls back to a Hypothesis-driven loop over
random and news-like text for the same time, and says so.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

# Fragments news text is made of, to steer random text towards the parsers' rules.
FRAGMENTS = ("300", "1,135", "six hundred", "between 1,890 and 2,100", "up to", "about", "%", "per cent",
             "$4.5m", "10 June 2021", "22 March 201816:17", "2021-06-10T08:00:00Z", "last year",
             "in 2019", "Thursday", "-", ".", ",", " ", "\n", "½", "١٢٣", "1e309", "９９")


def check(text: str) -> None:
    """Run the three parsers on `text`; raise AssertionError when an offset is wrong."""
    from claimledger.extract.quantities import find_quantities
    from claimledger.extract.timex import find_times
    from claimledger.read.dates import parse_published

    for found in [*find_quantities(text), *find_times(text, anchor="2021-06-10")]:
        assert text[found.start:found.end] == found.text, (text, found)
    parse_published(text)


def fuzz_with_atheris(seconds: int) -> None:
    import atheris

    with atheris.instrument_imports():
        import claimledger.extract.quantities  # noqa: F401
        import claimledger.extract.timex  # noqa: F401

    def one_input(data: bytes) -> None:
        provider = atheris.FuzzedDataProvider(data)
        pieces = [FRAGMENTS[provider.ConsumeIntInRange(0, len(FRAGMENTS) - 1)] if provider.ConsumeBool()
                  else provider.ConsumeUnicodeNoSurrogates(12) for _ in range(provider.ConsumeIntInRange(0, 12))]
        check("".join(pieces))

    atheris.Setup([sys.argv[0], f"-max_total_time={seconds}", "-rss_limit_mb=4096"], one_input)
    atheris.Fuzz()


def fuzz_with_hypothesis(seconds: int) -> int:
    """The fallback: Hypothesis rounds of random text until `seconds` have passed; the number of rounds."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    texts = st.lists(st.one_of(st.text(max_size=12), st.sampled_from(FRAGMENTS)), max_size=12).map("".join)

    @settings(max_examples=500, deadline=None, database=None)
    @given(texts)
    def round_of(text: str) -> None:
        check(text)

    end, rounds = time.monotonic() + seconds, 0
    while time.monotonic() < end:
        round_of()
        rounds += 1
    return rounds


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60, help="how long to fuzz (default 60)")
    args = parser.parse_args(argv)
    try:
        import atheris  # noqa: F401
    except ImportError:
        print("atheris is not installed: falling back to a Hypothesis loop", file=sys.stderr)
        rounds = fuzz_with_hypothesis(args.seconds)
        print(f"{rounds} rounds of 500 examples, no failure", file=sys.stderr)
        return
    fuzz_with_atheris(args.seconds)


if __name__ == "__main__":
    main()
