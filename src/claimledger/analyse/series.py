"""Link stage: claims about the same quantity, linked across documents in as-of order.

A series is one quantity (a counted thing, in one place, in one unit) and
holds its levels and its flows.  Claims join a series by their head noun,
after a generic head ("600 people", "the total number") is resolved to the
thing another figure in the same sentence or document counts ("instructors").
A breakdown ("5 military and 170 civilian", "200 each for A, B and C") stays
with its total: its claims are listed in the series but never stand as a
figure of their own when the series is reconciled.  Series of one thing placed
differently that give a precise figure in common are one series (`_join_places`:
the count read out in the capital's suburb and the country's are one count); the
checks still compare its figures place by place (`by_place`).

Pure functions over stored claims and documents (records.Claim, records.StoredDocument);
nothing here reads the database.
"""
from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from functools import partial
from itertools import combinations
from typing import Iterable

from ..extract.concepts import head_class
from ..extract.measure import resolve_heads
from .figures import significant_digits
from ..names import canonical_place
from ..records import Claim, Series, StoredDocument
from ..timespan import claim_time

LEVEL_KINDS = frozenset({"level"})
FLOW_KINDS = frozenset({"increase", "decrease"})
SERIES_KINDS = LEVEL_KINDS | FLOW_KINDS
# Figures that nobody stands behind do not enter the reconciled range.
NOT_CREDIBLE = frozenset({"denied", "disputed"})
# Largest number of flows searched for a subset that balances two levels:
# 2**12 subsets is instant, and no story we have seen chains more steps.
MAX_FLOWS = 12
RECONCILE_RULE = "ucdp-range+acled-conservative"
# Two series of one thing placed differently are one when they share a figure of PRECISE_DIGITS
# significant digits or more ("51.36%", "2,620,322", "152"): a precise figure of one thing in
# common is the same count reported (at the venue, "Alarobia", and for the country), not chance.
# (Tried on stories a-h: sharing one such figure holds 0.588 of the series' figures together,
# sharing two 0.523; the checks compare figures place by place either way, `by_place`.)
PRECISE_DIGITS = 3


def link_series(claims: list[Claim], documents: list[StoredDocument]) -> list[Series]:
    """Series of claims about the same quantity, each in as-of order, reconciled for its latest figure."""
    return [series for _key, series in keyed_series(claims, documents)]


def keyed_series(claims: list[Claim], documents: list[StoredDocument]) -> list[tuple[tuple, Series]]:
    """`link_series` with each series' quantity key (head, place, unit), in the same order."""
    published = {doc.id: doc.published for doc in documents}
    heads = resolve_heads(claims)
    groups = _group(claims, heads)
    parts = part_ids(claims, heads)
    return [(key, _series(key, members, published, parts)) for key, members in sorted(groups.items(), key=_key_order)]


def quantity_key(claim: Claim, heads: dict[str, str | None]) -> tuple[str | None, str | None, str | None]:
    """(head, canonical place, unit): what makes two claims figures of the same quantity."""
    location = canonical_place(claim.location) if claim.location else None
    return heads.get(claim.id, claim.head), location, claim.unit


def _group(claims: list[Claim], heads: dict[str, str | None]) -> dict[tuple, list[Claim]]:
    """Series members by quantity key; a claim with no place joins the one located series of its head
    that its own document places a figure in (a report's unplaced "18,000 people" is its own city's
    crowd, never a crowd elsewhere in the ledger just because that is the only one placed)."""
    groups: dict[tuple, list[tuple]] = defaultdict(list)
    unplaced = []
    for claim in claims:
        if claim.kind not in SERIES_KINDS or not heads.get(claim.id):
            continue
        key = quantity_key(claim, heads)
        (unplaced if key[1] is None else groups[key]).append((key, claim))
    docs_of = {key: {claim.doc for _k, claim in members} for key, members in groups.items()}
    for key, claim in unplaced:
        located = [k for k in groups if k[0] == key[0] and k[2] == key[2] and claim.doc in docs_of.get(k, ())]
        groups[located[0] if len(located) == 1 else key].append((key, claim))
    joined = _join_nationalities({key: [claim for _k, claim in members] for key, members in groups.items()}, heads)
    return _join_places(joined)


def _join_nationalities(groups: dict[tuple, list[Claim]], heads: dict[str, str | None]) -> dict[tuple, list[Claim]]:
    """A series of a nationality noun ("Burundians" in Tanzania) joins the one series of moved people
    of its place and unit that a document of the ledger counts that noun under ("refugees": see
    `concepts.counted_head`): the ledger's own reading says they are one people there.  The evidence
    and both series are of one head class (`concepts.head_class`), which the update relinks together."""
    counted_under: dict[tuple, set[str]] = defaultdict(set)
    for key, members in groups.items():
        for claim in members:
            if claim.head and claim.head[:1].isupper() and heads.get(claim.id) != claim.head:
                counted_under[(claim.head, key[1], key[2])].add(key[0])
    joined = dict(groups)
    for key in sorted(groups, key=lambda k: _key_order((k,))):
        under = counted_under.get(key, set())
        target = (next(iter(under)), key[1], key[2]) if len(under) == 1 else None
        if key[0] and key[0][:1].isupper() and target in joined and head_class(target[0]) == head_class(key[0]):
            joined[target] = joined[target] + joined.pop(key)
    return joined


def group_root(parent: dict, item):
    """The representative of `item`'s group in the disjoint sets `parent` (item -> parent; an item
    met for the first time is a group of its own): the union-find of joined series and disputes."""
    while parent.setdefault(item, item) != item:
        item = parent[item]
    return item


def _join_places(groups: dict[tuple, list[Claim]]) -> dict[tuple, list[Claim]]:
    """Series of one head and unit placed differently that share a figure (exact, of
    PRECISE_DIGITS significant digits) are one quantity whose reports were placed at the venue
    ("Alarobia", where the results were read out) or the country: joined, under the place of the
    larger (the one with more claims)."""
    by_kind: dict[tuple, list[tuple]] = defaultdict(list)
    for key in groups:
        by_kind[(key[0], key[2])].append(key)
    joined = dict(groups)
    for keys in by_kind.values():
        if len(keys) < 2:
            continue
        parent: dict[tuple, tuple] = {}
        root = partial(group_root, parent)

        # each precise figure joins the series that give it (by an index of figures, so that a head
        # placed in many places costs in proportion to its claims, not to its places squared)
        holders: dict[float, list[tuple]] = defaultdict(list)
        for key in sorted(keys, key=_key_order):
            for value in sorted(_precise_figures(groups[key])):
                holders[value].append(key)
        for value in sorted(holders):
            first, *others = holders[value]
            for other in others:
                ra, rb = root(first), root(other)
                if ra != rb:
                    big, small = sorted((ra, rb), key=lambda k: (-len(groups[k]), _key_order((k,))))
                    parent[small] = big
        for key in keys:
            if root(key) != key:
                joined[root(key)] = joined[root(key)] + joined.pop(key)
    return joined


def by_place(members: list[Claim]) -> list[list[Claim]]:
    """A series' claims split by the place each is about, in series order: what the checks compare
    (a series joined across places by `_join_places` is one quantity to read, but a district's
    figure is no rival of the country's).  A claim with no place goes with the one place its
    document gives the series' other figures, else stands with the unplaced."""
    places: dict[str, set[str]] = defaultdict(set)
    for claim in members:
        if claim.location:
            places[claim.doc].add(canonical_place(claim.location))
    split: dict[str | None, list[Claim]] = defaultdict(list)
    for claim in members:
        if claim.location:
            split[canonical_place(claim.location)].append(claim)
        else:
            own = places.get(claim.doc, set())
            split[next(iter(own)) if len(own) == 1 else None].append(claim)
    return list(split.values())


def _precise_figures(claims: list[Claim]) -> set[float]:
    """The exact figures of `claims` given with PRECISE_DIGITS significant digits or more."""
    return {c.value for c in claims if c.value is not None and c.low == c.value == c.high
            and significant_digits(c.value) >= PRECISE_DIGITS}


def part_ids(claims: list[Claim], heads: dict[str, str | None] | None = None) -> set[str]:
    """Ids of claims that are parts of a breakdown rather than figures of their own."""
    return {claim.id for group in breakdowns(claims, heads) for claim in group}


def breakdowns(claims: list[Claim], heads: dict[str, str | None] | None = None) -> list[list[Claim]]:
    """Breakdowns: a distributive claim ("200 each", parts > 1) alone, or two or more claims of one
    sentence with the same head and kind and different qualifiers ("5 military and 170 civilian")."""
    heads = heads if heads is not None else resolve_heads(claims)
    found = [[c] for c in claims if (c.parts or 1) > 1]
    by_sentence: dict[tuple, list[Claim]] = defaultdict(list)
    for claim in claims:
        if (claim.parts or 1) == 1 and claim.qualifier and claim.value is not None:
            by_sentence[(claim.doc, claim.sentence_start, heads.get(claim.id), claim.kind, claim.unit)].append(claim)
    for members in by_sentence.values():
        if len(members) > 1 and len({m.qualifier for m in members}) == len(members):
            found.append(sorted(members, key=lambda c: c.start))
    return found


def breakdown_total(parts: list[Claim]) -> float:
    """What a breakdown adds up to: value x parts for "200 each", the sum of the parts otherwise."""
    return sum(c.value * (c.parts or 1) for c in parts)


def dated_by(claim: Claim, published: dict[str, str | None]) -> str | None:
    """When a figure holds: its own time (end, else start), else its document's publication date."""
    return claim_time(claim.time_end, claim.time_start, published.get(claim.doc))


def time_order(claims: Iterable[Claim], published: dict[str, str | None]) -> list[Claim]:
    """Claims in as-of order; undated ones last, each group in document and text order (stable)."""
    return sorted(claims, key=lambda c: (dated_by(c, published) is None, dated_by(c, published) or "", c.doc, c.start))


def _series(key: tuple, members: list[Claim], published: dict[str, str | None], parts: set[str]) -> Series:
    head, location, unit = key
    ordered = time_order(members, published)
    low, best, high = reconcile(latest_levels(ordered, published, parts))
    return Series(id=_series_id(key), label=series_label(ordered, head, location, unit), head=head,
                  location=location, claims=tuple(c.id for c in ordered),
                  low=low, best=best, high=high, rule=RECONCILE_RULE)


def latest_levels(ordered: list[Claim], published: dict[str, str | None], parts: set[str]) -> list[Claim]:
    """The levels of the latest as-of period, less those a later level of the same document supersedes."""
    levels = [c for c in ordered if c.kind in LEVEL_KINDS and c.id not in parts and c.modality not in NOT_CREDIBLE]
    if not levels:
        return []
    latest = dated_by(levels[-1], published)
    period = [c for c in levels if dated_by(c, published) == latest]
    flows = [c for c in ordered if c.kind in FLOW_KINDS and c.id not in parts]
    superseded = {pair[0].id for pair in balanced_pairs(period, flows)}
    return [c for c in period if c.id not in superseded] or period


def balanced_pairs(levels: list[Claim], flows: list[Claim]) -> list[tuple[Claim, Claim, list[Claim]]]:
    """(earlier level, later level, flows) where, within one document, earlier + flows = later."""
    found = []
    flows_of: dict[str, list[Claim]] = defaultdict(list)
    for flow in flows:
        flows_of[flow.doc].append(flow)
    for first, second in _same_document_pairs(levels):
        if first.value is None or second.value is None:
            continue
        doc_flows = flows_of[first.doc]
        for earlier, later in ((first, second), (second, first)):  # undated levels may come in either order
            steps = balancing_flows(earlier, later, doc_flows)
            if steps is not None:
                found.append((earlier, later, steps))
                break
    return found


def _same_document_pairs(claims: list[Claim]) -> list[tuple[Claim, Claim]]:
    """The pairs of `claims` from one document, in the order `combinations` gives (without trying
    every pair of a long series)."""
    by_doc: dict[str, list[int]] = defaultdict(list)
    for i, claim in enumerate(claims):
        by_doc[claim.doc].append(i)
    pairs = sorted(pair for members in by_doc.values() for pair in combinations(members, 2))
    return [(claims[i], claims[j]) for i, j in pairs]


def balancing_flows(earlier: Claim, later: Claim, flows: list[Claim]) -> list[Claim] | None:
    """The smallest set of distinct flows taking `earlier` to `later` exactly, or None."""
    candidates = distinct_flows(flows)[:MAX_FLOWS]
    gap = later.value - earlier.value
    for size in range(1, len(candidates) + 1):
        for subset in combinations(candidates, size):
            if abs(sum(signed(f) for f in subset) - gap) < 0.5:
                return list(subset)
    return None


def distinct_flows(flows: list[Claim]) -> list[Claim]:
    """Flows with restatements dropped: one document giving the same change twice for the same time
    ("Six hundred ... sent" and "a group totalling 600 ... has arrived") counts it once."""
    seen: set[tuple] = set()
    kept = []
    for flow in sorted(flows, key=lambda c: c.start):
        mark = (flow.doc, flow.kind, flow.value, flow.time_start, flow.time_end)
        if flow.value is not None and mark not in seen:
            seen.add(mark)
            kept.append(flow)
    return kept


def by_rounding(start: Claim, steps: list[Claim]) -> bool:
    """Whether a level and changes are all approximations ("around 74,000" less "about 14,000"): their
    sum meets a round figure by rounding, not by arithmetic, so it shows no stock and flow."""
    return start.approximate and any(step.approximate for step in steps)


def signed(flow: Claim) -> float:
    """A flow's value, negative for a decrease."""
    return -flow.value if flow.kind == "decrease" else flow.value


def reconcile(figures: list[Claim]) -> tuple[float | None, float | None, float | None]:
    """UCDP-style low/high over the latest figures, and ACLED's most conservative best (the lowest credible)."""
    lows = [c.low if c.low is not None else c.value for c in figures if _is_floor(c)]
    highs = [c.high if c.high is not None else c.value for c in figures]
    bests = [c.value for c in figures if c.value is not None and _is_floor(c)]
    lows, highs = [x for x in lows if x is not None], [x for x in highs if x is not None]
    return (min(lows) if lows else None, min(bests) if bests else None, max(highs) if highs else None)


def _is_floor(claim: Claim) -> bool:
    """Whether a figure can stand as a low: not an "up to" bound, whose value is only a ceiling."""
    return not (claim.low is None and claim.high is not None)


def series_label(claims: list[Claim], head: str | None, location: str | None, unit: str | None) -> str:
    """"Russian instructors in Central African Republic": the commonest capitalised word of the
    measures (not the head itself), the head in the plural, the place."""
    # a nationality noun counted under a moved-people head is named as its adjective ("Burundian refugees")
    nouns = {plural(c.head): c.head for c in claims if c.head and c.head[:1].isupper()}
    words = Counter(nouns.get(word, word) for c in claims for word in (c.measure or "").split() if word[:1].isupper())
    words = Counter({word: n for word, n in words.items() if word.lower() not in {(head or "").lower(), plural(head or "").lower()}})
    label = " ".join(filter(None, [words.most_common(1)[0][0] if words else None, plural(head or "figure")]))
    if unit:
        label = f"{label} ({unit})"
    return f"{label} in {location}" if location else label


def plural(noun: str) -> str:
    """The plural of an English head noun, for labels."""
    irregular = {"person": "people", "child": "children", "man": "men", "woman": "women", "crowd": "people in the crowd"}
    if noun in irregular:
        return irregular[noun]
    if noun.endswith("ed"):
        return noun  # "displaced", "injured": already a plural
    if noun == "injury":
        return "injured"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + ("es" if noun.endswith(("s", "x", "ch", "sh")) else "s")


def _series_id(key: tuple) -> str:
    return "s_" + hashlib.sha1("|".join(str(part) for part in key).encode()).hexdigest()[:12]


def _key_order(item: tuple) -> tuple:
    return tuple(str(part) for part in item[0])


def series_sort_key(key: tuple) -> str:
    """A text that sorts quantity keys as `link_series` orders its series, for SQL ORDER BY."""
    # \x01 sorts below every printable character, so joined keys sort as the tuples do.
    return "\x01".join(_key_order((key,)))
