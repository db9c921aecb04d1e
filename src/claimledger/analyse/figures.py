"""When two figures cannot both hold: the one reading that every check of disagreement uses.

Two figures disagree when their intervals do not meet, an approximate figure ("about 250")
widened by APPROXIMATE_MARGIN, or when an "up to" ceiling stands far above a definite figure.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..extract.concepts import listed_with, party
from ..records import Claim

# An "up to" estimate whose ceiling is more than 25% above another source's
# level is read as a disagreement (official count against independent
# estimate), although the open interval technically contains that level.
# 25% is above the rounding of round numbers (1,000 vs 1,135 is 12%).
BOUND_FAR_ABOVE = 1.25
# "about 250" is read as 250 +/- 10% when comparing intervals.
APPROXIMATE_MARGIN = 0.10
# Two sources' figures are rivals for one thing only within this factor of each other: a ratio
# above it is two things side by side (2,300 families and 190,000 people; 24 injured officers
# and a crowd of 18,000), not a dispute.
RIVAL_RATIO = 10.0


@dataclass(frozen=True)
class Figure:
    """What `disagree` reads of a claim: two claims with the same figure never disagree."""

    low: float | None
    high: float | None
    value: float | None
    approximate: bool


def disagree(first: Claim | Figure, second: Claim | Figure) -> bool:
    """Whether two figures cannot both hold: disjoint intervals, or an "up to" far above the other figure."""
    (low_a, high_a), (low_b, high_b) = interval(first), interval(second)
    if (high_a is not None and low_b is not None and high_a < low_b) or \
            (high_b is not None and low_a is not None and high_b < low_a):
        return True
    return _bound_far_above(first, second) or _bound_far_above(second, first)


def _bound_far_above(bound: Claim | Figure, level: Claim | Figure) -> bool:
    """An "up to" figure (open low) whose ceiling is BOUND_FAR_ABOVE times a definite level or more."""
    return (bound.low is None and bound.high is not None and level.low is not None
            and level.value is not None and bound.high > BOUND_FAR_ABOVE * level.value)


def interval(claim: Claim | Figure) -> tuple[float | None, float | None]:
    """The claim's interval, an approximate figure widened by APPROXIMATE_MARGIN."""
    low, high = claim.low, claim.high
    if claim.approximate and claim.value is not None:
        margin = APPROXIMATE_MARGIN * claim.value
        low = None if low is None else low - margin
        high = None if high is None else high + margin
    return low, high


def same_share(one: Claim, other: Claim) -> bool:
    """Whether two percentages can be one share: of the same candidate, or, where neither names
    one, each standing alone rather than in a list of shares (a result's list is many shares).
    The one reading of it for revisions, re-reports and disagreements."""
    if party(one) or party(other):
        return party(one) == party(other)
    return len(listed_with(one)) <= 1 and len(listed_with(other)) <= 1


def significant_digits(value: float) -> int:
    """The significant digits a figure is given with: 7 for 4,208,466, 3 for 6.87, 1 for 50,000."""
    return len(f"{abs(value):.6f}".replace(".", "").strip("0"))
