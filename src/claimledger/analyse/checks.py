"""Check stage: what adds up, what does not, who disagrees, what looks wrong.

`run_checks` reads stored claims and documents (records.Claim, records.StoredDocument) and returns
`Finding` records; every check is a pure function of them.  Arithmetic checks
(parts_sum, stock_flow) say whether they hold; the others have holds None.
A document that repeats another (duplicate_report) is left out of the
arithmetic and disagreement checks, and of its in-document findings only those
its original does not hold are kept (lists.not_repeated), so a copy is counted once.
This module holds the checks over series (parts_sum, stock_flow,
source_disagreement, revision); documents.py those that judge one
document (duplicate_report, suspicious_number, suspicious_entity), and
wording.py how a finding is made and worded.
Thresholds are data below, each with the reason for its value.
"""
from __future__ import annotations

import heapq
import math
import re
from collections import defaultdict
from functools import partial
from dataclasses import dataclass, replace
from itertools import combinations, islice

from .. import names
from .documents import check_duplicates, check_suspicious_entities, check_suspicious_numbers, not_independent
from .figures import BOUND_FAR_ABOVE, RIVAL_RATIO, Figure, disagree, same_share
from .lists import document_findings, not_rivals
from .timeline import LONG_LIST, NEAR_MISS_SHARE, SLIP, timeline_findings, within_revision
from ..extract.concepts import counted_as, listed_with, party, synonym_of
from ..extract.measure import GENERIC_HEADS
from ..data.measures_en import COUNT_NOUNS
from .wording import capital, make_finding, number, possessive, who
from .series import (FLOW_KINDS, LEVEL_KINDS, MAX_FLOWS, NOT_CREDIBLE, balanced_pairs, by_place, by_rounding, dated_by,
                   balancing_flows, breakdown_total, breakdowns, distinct_flows, group_root, link_series, part_ids,
                   plural, quantity_key, resolve_heads, signed)
from ..records import UNDATED_RULES, Claim, Finding, Series, StoredDocument
from ..timespan import TimeSpan, days_between

# A level is set against at most this many rival figures for the same time, the
# latest begun before it, found among the RIVAL_SCAN latest: one figure
# contradicted by a hundred sources is reported against the nearest three, and
# findings grow with a series' claims, not with their square.  Three leaves room
# for an official count, an independent estimate and a second official source.
RIVALS_PER_LEVEL = 3
RIVAL_SCAN = 64
# Parts within this many characters of a whole's sentence are "nearby"
# (about two sentences of news prose).
NEARBY_CHARS = 300
# A failing stock_flow is only reported with at most this many flows between
# the two levels; with more, some may be restatements and the miss is noise.
MAX_FLOWS_FOR_FAILURE = 4
# Cue words of a provisional and of a final figure, for revisions.
PROVISIONAL_WORDS = frozenset({"preliminary", "provisional", "initial", "early", "partial"})
FINAL_WORDS = frozenset({"final", "definitive", "confirmed", "revised", "official", "certified"})
# A change reported by two documents for months this close is one event told
# twice: a wire's "this month" and a later story's "in May" for one arrival.
SAME_FLOW_MONTHS = 1
# Heads that name people in general: a document's "690,000 people" join its
# instructors' series by proximity only, too loose to chain across documents.
LOOSE_HEADS = frozenset({"person", "people", "member", "personnel", "group"})
# A final figure from another body revises a provisional one only within this
# many days: electoral courts proclaim final results weeks after the count,
# not years (the next election's final figure revises nothing).
REVISION_WINDOW_DAYS = 90
# The checks over the claims of a head (see `head_findings`) and over one document at a time, and the
# order findings are listed in: the order `run_checks` makes them in.
HEAD_TYPES = ("parts_sum", "stock_flow", "source_disagreement", "revision", "re_report", "projection")
DOCUMENT_TYPES = ("suspicious_number", "suspicious_entity")
# The types a head's relink replaces in its scope: its checks, and the digit slips found among its claims.
HEAD_SCOPED_TYPES = (*HEAD_TYPES, "suspicious_number")
FINDING_ORDER = ("duplicate_report", *HEAD_TYPES, *DOCUMENT_TYPES)
SMALL_NUMBERS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine"}


def run_checks(claims: list[Claim], documents: list[StoredDocument], series: list[Series] | None = None) -> list[Finding]:
    """All findings over the ledger, each with a stable content-derived id and a one-sentence message.

    The full recompute; `update.update` runs the same checks (`head_findings` and the per-document
    ones of `documents`) over what new documents touch, and tests hold the two equal."""
    series = series if series is not None else link_series(claims, documents)
    duplicates = check_duplicates(documents, claims)
    repeated = not_independent(duplicates, claims)
    counted = [c for c in claims if c.id not in repeated]
    found = [*duplicates, *head_findings(counted, documents, series),
             *document_findings(claims, {f.docs[1]: f.docs[0] for f in duplicates if len(f.docs) > 1}),
             *check_suspicious_numbers(claims, documents), *check_suspicious_entities(claims, documents)]
    unique = {finding.id: finding for finding in found}
    return list(unique.values())


def head_findings(counted: list[Claim], documents: list[StoredDocument], series: list[Series]) -> list[Finding]:
    """parts_sum, stock_flow, source_disagreement and revision over the (counted) claims of some heads."""
    timeline = timeline_findings(counted, documents)
    across = [set(f.claims[1:]) for f in timeline if f.type == "stock_flow"]
    # A report's own "another 80 ... now 200" is the step from the earlier report that gave 120.
    later = {f.claims[-1] for f in timeline if f.type == "stock_flow"}
    within = [f for f in check_stock_flow(counted, documents, series)
              if not any(a <= set(f.claims) for a in across) and f.claims[-1] not in later]
    provisional = check_revisions(counted, documents)
    told = {frozenset(f.claims) for f in provisional}
    return [*check_parts(counted, documents), *within,
            *(f for f in timeline if f.type != "revision" or frozenset(f.claims) not in told),
            *_plausible(check_disagreements(counted, documents, series), counted), *provisional]


def _plausible(findings: list[Finding], claims: list[Claim]) -> list[Finding]:
    """The disagreements whose figures count the same thing by their own words (equal heads once a
    concept or a synonym is read, or one a word for the count itself: "put the total at 1,135"; never a head
    borrowed for "people" from a neighbour) within RIVAL_RATIO of each other."""
    rows = {c.id: c for c in counted_as([c for c in claims])}
    kept = []
    for finding in findings:
        first, second = (rows[i] for i in finding.claims[:2])
        values = sorted(abs(x) for x in (first.value or first.high or 0, second.value or second.high or 0))
        heads = {synonym_of(first.head), synonym_of(second.head)}  # "ballots" and "votes" count one thing
        same = len(heads) == 1 and not heads & (GENERIC_HEADS | {None}) or len(heads - COUNT_NOUNS) == 1 \
            and not heads & {None, "person", "people"}
        if same and values[0] > 0 and values[1] <= RIVAL_RATIO * values[0] and not not_rivals(first, second) \
                and not _one_counter_twice(finding, rows) \
                and (first.unit != "percent" or same_share(first, second)):
            kept.append(finding)
    return kept


# A sentence giving this many figures of one series from one source is a breakdown ("190 of the
# instructors work with the army, 70 with the police and 40 with the gendarmerie"): three is the
# shortest list that is not a before-and-after pair.
BREAKDOWN_FIGURES = 3


def _one_source_breakdowns(levels: list[Claim]) -> set[str]:
    """Ids of levels that are parts of one source's breakdown in one sentence: no rival figures
    of the whole (a range, "between 1,890 and 2,100", is one figure)."""
    by_sentence: dict[tuple, list[Claim]] = defaultdict(list)
    for claim in levels:
        by_sentence[(claim.doc, claim.sentence_start, names.canonical_source(claim.source))].append(claim)
    return {c.id for group in by_sentence.values() if len(group) >= BREAKDOWN_FIGURES for c in group}


def _one_counter_twice(finding: Finding, rows: dict[str, Claim]) -> bool:
    """A dispute in which one source gives two figures for the thing at that time that cannot both
    hold: a source does not dispute itself, so its figures count different things ("$120m" asked,
    "$18m" needed), and the dispute read from them is not one.  (One figure told two ways, "between
    1,890 and 2,100" and "up to 2,100", is one figure.)"""
    told: dict[str, list[Claim]] = defaultdict(list)
    for claim in (rows[i] for i in finding.claims if i in rows):
        if claim.source:
            told[names.canonical_source(claim.source) or claim.source].append(claim)
    return any(disagree(a, b) for figures in told.values() for a, b in combinations(figures, 2))


# -- parts_sum -----------------------------------------------------------------

def check_parts(claims: list[Claim], documents: list[StoredDocument]) -> list[Finding]:
    """Each breakdown against its whole: nearby in its own document first, else the same figure elsewhere."""
    heads = resolve_heads(claims)
    parts = part_ids(claims, heads)
    published = {doc.id: doc.published for doc in documents}
    wholes = [c for c in claims if c.id not in parts and c.value is not None]
    # Wholes by document and by quantity (each list in ledger order), so that a breakdown of a long
    # series looks only at the wholes it can belong to.
    by_doc: dict[str, list[Claim]] = defaultdict(list)
    by_quantity: dict[tuple, list[Claim]] = defaultdict(list)
    for whole in wholes:
        by_doc[whole.doc].append(whole)
        by_quantity[quantity_key(whole, heads)].append(whole)
    found = []
    for group in breakdowns(claims, heads):
        first = group[0]
        whole = (_whole_nearby(group, by_doc[first.doc], heads)
                 or _whole_elsewhere(group, by_quantity[quantity_key(first, heads)], heads, published))
        if whole is not None and not in_one_sentence(group, whole):
            found.append(_parts_finding(group, whole, heads))
    return found


def in_one_sentence(group: list[Claim], whole: Claim) -> bool:
    """A breakdown and its whole in one sentence: a list that `lists.document_findings` judges
    ("5 military and 170 civilian, 175 in all"); one finding of it, not two.  A distributive
    figure ("200 for each of three") is this check's alone."""
    return all(c.doc == whole.doc and c.sentence_start == whole.sentence_start and c.parts == 1 for c in group)


def _whole_nearby(group: list[Claim], wholes: list[Claim], heads: dict) -> Claim | None:
    """The whole a breakdown belongs to in its own document: an equal figure nearby, else the nearest."""
    first = group[0]
    nearby = [c for c in wholes if c.doc == first.doc and _same_quantity(c, first, heads)
              and abs(c.sentence_start - first.sentence_start) <= NEARBY_CHARS]
    total = breakdown_total(group)
    same_sentence = [c for c in nearby if c.sentence_start == first.sentence_start]
    for pool in (same_sentence, nearby):
        equal = [c for c in pool if abs(c.value - total) < 0.5]
        if equal:
            return equal[0]
    return min(same_sentence, key=lambda c: abs(c.start - first.start)) if same_sentence else None


def _whole_elsewhere(group: list[Claim], wholes: list[Claim], heads: dict, published: dict) -> Claim | None:
    """The same quantity for an overlapping time in another document: an equal figure, else the only one."""
    first, total = group[0], breakdown_total(group)
    same = [c for c in wholes if c.doc != first.doc and _same_quantity(c, first, heads)
            and quantity_key(c, heads)[1] == quantity_key(first, heads)[1]]
    # An equal total in the same year is the same figure (a deployment in February, the army's count
    # of it in April); a different one only when the periods meet and it is the only candidate.
    equal = [c for c in same if abs(c.value - total) < 0.5 and overlaps(year_period(c, published),
                                                                           year_period(first, published))]
    if equal:
        return equal[0]
    candidates = [c for c in same if overlaps(period(c, published), period(first, published))]
    return candidates[0] if len(candidates) == 1 else None


def _same_quantity(claim: Claim, other: Claim, heads: dict) -> bool:
    """Same counted thing and unit, and kinds that can describe one figure (a first deployment is both)."""
    kinds = {claim.kind, other.kind}
    return (heads.get(claim.id) == heads.get(other.id) and claim.unit == other.unit
            and (len(kinds) == 1 or kinds <= {"level", "increase"}))


def _parts_finding(group: list[Claim], whole: Claim, heads: dict) -> Finding:
    total, head = breakdown_total(group), heads.get(whole.id) or "figure"
    where = "in the same passage" if whole.doc == group[0].doc else f"in {whole.doc}"
    target = f"the {number(whole.value)} {plural(head)} {who(whole)} gives {where}"
    holds = abs(total - whole.value) < 0.5
    if holds:
        sums = f"add up to {target}"
    else:
        gap = whole.value - total
        sums = f"add up to {number(total)}, {number(abs(gap))} {'short of' if gap > 0 else 'more than'} {target}"
    message = f"{capital(describe_parts(group, head))} reported by {who(group[0])} {sums}."
    return make_finding("parts_sum", holds, [*group, whole], [group[0].doc, whole.doc], message,
                        "low" if holds else "medium")


def describe_parts(group: list[Claim], head: str) -> str:
    """"the 5 military and 170 civilian instructors", or "the 200 instructors each for three groups"."""
    if len(group) == 1:
        claim = group[0]
        groups = f" ({claim.qualifier})" if claim.qualifier else ""
        count = SMALL_NUMBERS.get(claim.parts or 1, str(claim.parts))
        return f"the {number(claim.value)} {plural(head)} each for {count} groups{groups}"
    named = [f"{number(c.value)} {c.qualifier}" for c in group]
    return f"the {', '.join(named[:-1])} and {named[-1]} {plural(head)}"


# -- stock_flow ------------------------------------------------------------------

def check_stock_flow(claims: list[Claim], documents: list[StoredDocument], series: list[Series]) -> list[Finding]:
    """Within each document and series: an earlier level plus the flows reported make a later level."""
    published = {doc.id: doc.published for doc in documents}
    parts = part_ids(claims, resolve_heads(claims))
    found = []
    for members in (part for whole in _series_members(claims, series).values() for part in by_place(whole)):
        by_doc: dict[str, list[Claim]] = defaultdict(list)
        for claim in members:
            if claim.id not in parts and (claim.value is not None or _is_move(claim)):
                by_doc[claim.doc].append(claim)
        head = _series_head(members, series)
        for doc_claims in by_doc.values():
            found.extend(_stock_flow_in(doc_claims, published, head))
            found.extend(_stock_flow_moves(doc_claims, head))
        # a district's figure ("Bajhang 49, Bajura 13, ...") is no station of the series' running total
        found.extend(_stock_flow_across([c for c in members if c.id not in parts and len(listed_with(c)) < LONG_LIST],
                                        published, head))
    return found


def _stock_flow_moves(doc_claims: list[Claim], head: str) -> list[Finding]:
    """"add 2,750 peacekeepers, raising the ceiling from 11,650 to 14,400": a move between two levels
    written as one range, against the changes the same document gives."""
    found = []
    for move in (c for c in doc_claims if _is_move(c)):
        flows = [c for c in doc_claims if c.kind in FLOW_KINDS and c.id != move.id and c.value is not None]
        before, after = (replace(move, value=end, low=end, high=end) for end in (move.low, move.high))
        steps = balancing_flows(before, after, flows)
        same_sentence = distinct_flows([f for f in flows if f.sentence_start == move.sentence_start])
        if steps is None and len(same_sentence) == 1:
            steps, holds = same_sentence, False  # "add N, raising it from A to B": the sentence's own sum
        elif steps is None:
            continue
        else:
            holds = True
        finding = _stock_flow_finding(before, after, steps, holds, head)
        found.append(make_finding("stock_flow", holds, [move, *steps], [move.doc], finding.message, finding.severity))
    return found


def _is_move(claim: Claim) -> bool:
    """A "from A to B" range read as a change: the two levels before and after it."""
    return (claim.rule == "range" and (claim.text or "").lower().startswith("from ")
            and claim.kind in FLOW_KINDS and claim.low is not None and claim.high is not None)


def _stock_flow_across(members: list[Claim], published: dict, head: str) -> list[Finding]:
    """Consecutive levels of a series told by different documents, with the flows reported between them.

    Only levels dated to the month or day take part: a level dated to a year
    cannot say whether a flow of that year came before or after it.  A flow
    reported by several documents counts once (`_flow_events`).
    """
    members = [c for c in members if c.head not in LOOSE_HEADS]
    stations = _stations(members, published)
    events = _flow_events([c for c in members if c.kind in FLOW_KINDS and c.value is not None], published)
    found = []
    for earlier, later in zip(stations, stations[1:]):
        if earlier.doc == later.doc:
            continue  # one document's own arithmetic is `_stock_flow_in`'s
        between = [f for f in events if _within(period(f, published), dated_by(earlier, published), dated_by(later, published))]
        if not between or len(between) > MAX_FLOWS:
            continue
        gap = abs(earlier.value + sum(signed(f) for f in between) - later.value)
        holds = gap < 0.5
        if holds and by_rounding(earlier, between) or not holds and _tells_own_step(earlier, later, members):
            continue
        # a sum far off (36,600 and 12,000 more against 13,000) is two counts, not a slip of arithmetic
        if holds or len(between) <= MAX_FLOWS_FOR_FAILURE and gap <= NEAR_MISS_SHARE * later.value:
            found.append(_stock_flow_across_finding(earlier, later, between, holds, head))
    return found


def _tells_own_step(earlier: Claim, later: Claim, members: list[Claim]) -> bool:
    """Whether the later report gives the earlier level too ("fell to 2,551,204 votes from 2,620,322"):
    it tells its own step from that start, so the changes it gives beside it are not that step and
    their sum missing the later level is no slip."""
    return any(c.doc == later.doc and c.id != later.id and c.kind in LEVEL_KINDS and c.value == earlier.value
               for c in members)


def _stations(members: list[Claim], published: dict) -> list[Claim]:
    """Exact, credible levels dated to the month or day, in as-of order, a restated figure kept once."""
    levels = [c for c in members if c.kind in LEVEL_KINDS and c.value is not None
              and c.low == c.value == c.high and c.modality not in NOT_CREDIBLE | {"estimated"}
              and len(dated_by(c, published) or "") >= len("2018-01")]
    stations: list[Claim] = []
    for level in sorted(levels, key=lambda c: (dated_by(c, published), c.doc, c.start)):
        if not stations or abs(stations[-1].value - level.value) >= 0.5:
            stations.append(level)
    return stations


def _flow_events(flows: list[Claim], published: dict) -> list[Claim]:
    """Flows with the same change reported by several documents for the same month kept once."""
    kept: list[Claim] = []
    # Kept flows by kind, whole part of their value (a flow within 0.5 of another is in its bucket or
    # a neighbouring one) and document or month, so a long series compares each flow with a few.
    index: dict[tuple, list[Claim]] = defaultdict(list)
    for flow in sorted(flows, key=lambda c: (dated_by(c, published) or "", c.doc, c.start)):
        bucket, month = math.floor(flow.value), _month(flow, published)
        places = [("doc", flow.doc)]
        if month is not None:
            places += [("month", month + step) for step in range(-SAME_FLOW_MONTHS, SAME_FLOW_MONTHS + 1)]
        near = (k for step in (-1, 0, 1) for place in places
                for k in index.get((flow.kind, bucket + step, place), ()))
        if not any(abs(k.value - flow.value) < 0.5
                   and (k.doc == flow.doc or _months_apart(k, flow, published) <= SAME_FLOW_MONTHS)
                   for k in near):
            kept.append(flow)
            index[(flow.kind, bucket, ("doc", flow.doc))].append(flow)
            if month is not None:
                index[(flow.kind, bucket, ("month", month))].append(flow)
    return kept


def _month(claim: Claim, published: dict) -> int | None:
    """The month count (year x 12 + month) of a claim's as-of date, None when not dated to the month."""
    when = dated_by(claim, published) or ""
    return int(when[:4]) * 12 + int(when[5:7]) if len(when) >= 7 else None


def _months_apart(first: Claim, second: Claim, published: dict) -> int:
    """Whole months between two claims' as-of dates (a large number when either is undated)."""
    dates = [dated_by(c, published) or "" for c in (first, second)]
    if not all(len(d) >= 7 for d in dates):
        return 10 ** 6
    months = [int(d[:4]) * 12 + int(d[5:7]) for d in dates]
    return abs(months[0] - months[1])


def _within(when: tuple[str, str] | None, after: str | None, until: str | None) -> bool:
    """Whether a flow's whole period falls after one level's date and on or before the next one's."""
    if not (when and after and until):
        return False
    after_span, until_span = TimeSpan.parse(after), TimeSpan.parse(until)
    return bool(after_span and until_span) and when[0] > after_span.last.isoformat() \
        and when[1] <= until_span.last.isoformat()


def _stock_flow_across_finding(earlier: Claim, later: Claim, steps: list[Claim], holds: bool, head: str) -> Finding:
    changes = " and ".join(f"{number(s.value)} {'fewer' if s.kind == 'decrease' else 'more'} ({s.doc})"
                           for s in steps)
    start = (f"Across documents, the {number(earlier.value)} {plural(head)} {who(earlier)} gives in {earlier.doc} "
             f"plus {changes}")
    message = _sum_message(start, earlier, steps, later, holds, f"{who(later)} gives in {later.doc}")
    return make_finding("stock_flow", holds, [earlier, *steps, later], [earlier.doc, *(s.doc for s in steps),
                        later.doc], message, "low" if holds else "medium")


def _series_head(members: list[Claim], series: list[Series]) -> str:
    """The head of the series these claims belong to."""
    ids = {c.id for c in members}
    return next((s.head for s in series if ids & set(s.claims) and s.head), "figure")


def _stock_flow_in(doc_claims: list[Claim], published: dict, head: str) -> list[Finding]:
    """Balanced level pairs of one document and series, or one failing pair when it is unambiguous."""
    levels = [c for c in doc_claims if c.kind in LEVEL_KINDS and c.modality not in NOT_CREDIBLE]
    flows = [c for c in doc_claims if c.kind in FLOW_KINDS]
    # Exact arithmetic in one document ties its figures together even when the writer's voice and the
    # ministry's alternate ("That number later grew to 235" between two quoted figures); an estimate does not.
    balanced = [(a, b, steps) for a, b, steps in balanced_pairs(levels, flows) if (names.same_source(
        a.source, b.source) or a.source == b.source
        or "estimated" not in {a.modality, b.modality}) and _before(a, b, steps, published)]
    if balanced:
        return [_stock_flow_finding(a, b, steps, True, head) for a, b, steps in balanced]
    steps = distinct_flows(flows)
    dated = sorted(levels, key=lambda c: dated_by(c, published) or "")
    # one figure given twice (headline and body, read for two dates) is no stock and a later stock
    if len(levels) == 2 and 0 < len(steps) <= MAX_FLOWS_FOR_FAILURE and all(dated_by(c, published) for c in levels) \
            and dated_by(dated[0], published) != dated_by(dated[1], published) and levels[0].value != levels[1].value:
        return [_stock_flow_finding(dated[0], dated[1], steps, False, head)]
    return []


def _before(earlier: Claim, later: Claim, steps: list[Claim], published: dict) -> bool:
    """Whether a stock can be the one its flows started from: held before the later stock, or
    undated; where only the story dates it, where some flow holds before the later stock ("that
    number later grew to 235", then "300 more in December 2020", then 600 now: 1,135). Two levels of
    one day with a flow of that day ("24 not handed over", "276 handed over", "300") are parts."""
    when = dated_by(earlier, published), dated_by(later, published)
    if None in when or when[0] < when[1]:
        return True
    if earlier.time_rule not in UNDATED_RULES:
        return False
    return any((dated_by(step, published) or when[1]) < when[1] for step in steps)


def _stock_flow_finding(earlier: Claim, later: Claim, steps: list[Claim], holds: bool, head: str) -> Finding:
    changes = " and ".join(f"{number(s.value)} {'fewer' if s.kind == 'decrease' else 'more'}" for s in steps)
    head = plural(head)
    start = f"{capital(possessive(later))} figures {'add up' if holds else 'do not add up'}: {number(earlier.value)} {head} plus {changes}"
    message = _sum_message(start, earlier, steps, later, holds, "reported")
    return make_finding("stock_flow", holds, [earlier, *steps, later], [earlier.doc], message,
                        "low" if holds else "medium")


def _sum_message(start: str, earlier: Claim, steps: list[Claim], later: Claim, holds: bool, where: str) -> str:
    """`start` ("... plus 300 more") ended by what the sum makes against the later level (`where` names it)."""
    if holds:
        return f"{start} make the {number(later.value)} {where}."
    reached = earlier.value + sum(signed(s) for s in steps)
    gap = later.value - reached
    return (f"{start} make {number(reached)}, {number(abs(gap))} {'short of' if gap > 0 else 'more than'} "
            f"the {number(later.value)} {where}.")


def _series_members(claims: list[Claim], series: list[Series]) -> dict[str, list[Claim]]:
    """Series id -> its claims (as rows), in the series' order."""
    rows = {c.id: c for c in claims}
    return {s.id: [rows[i] for i in s.claims if i in rows] for s in series}


# -- source_disagreement ------------------------------------------------------------

def check_disagreements(claims: list[Claim], documents: list[StoredDocument], series: list[Series]) -> list[Finding]:
    """Levels of one series from different sources, for the same time, whose intervals do not meet."""
    published = {doc.id: doc.published for doc in documents}
    parts = part_ids(claims, resolve_heads(claims))
    found = []
    for one, members in ((one, part) for one in series for part in by_place(_series_members(claims, [one])[one.id])):
        levels = [c for c in members if c.kind in LEVEL_KINDS and c.id not in parts
                  and c.source and c.modality not in NOT_RIVAL_MODALITIES]
        breakdown = _one_source_breakdowns(levels)
        levels = [c for c in levels if c.id not in breakdown]
        flows = [c for c in members if c.kind in FLOW_KINDS and c.id not in parts]
        superseded = {earlier.id for earlier, _later, _steps in balanced_pairs(levels, flows)}
        levels = [c for c in levels if c.id not in superseded]  # an older level is no rival figure
        # One figure relayed by several outlets is one conflict: cite its most precisely dated report.
        told: dict[tuple, list[tuple[Claim, Finding]]] = defaultdict(list)
        for first, second in _rival_pairs(levels, published):
            if _comparable(first, second, published) and disagree(first, second):
                finding = _disagreement_finding(first, second, one.label)
                official, estimate = (first, second) if finding.claims[0] == first.id else (second, first)
                told[(official.value, official.low, official.high, estimate.id)].append(
                    (official, finding))
        chosen = [min(pairs, key=lambda pair: _precision_rank(pair[0], published))[1] for pairs in told.values()]
        found.extend(_one_per_dispute(chosen, {c.id: c for c in members}, one.label))
    return found


# A forecast ("the government had forecast turnout of more than 70 percent") is judged against
# what came of it (projection), never a rival count of the thing.
NOT_RIVAL_MODALITIES = NOT_CREDIBLE | {"projected"}
# A dispute is told as one finding naming every figure put forward for the thing at that time,
# up to this many (police, organisers and an independent count of one march is three).
MOST_RIVALS = 5


def _one_per_dispute(pairs: list[Finding], by_id: dict[str, Claim], label: str) -> list[Finding]:
    """Pairwise disagreements that share a figure, joined into one finding per dispute: "police
    12,000, organisers 60,000, the university team between 31,000 and 34,000" is one dispute."""
    parent: dict[str, str] = {}
    root = partial(group_root, parent)

    for finding in pairs:
        first, second = finding.claims[:2]
        parent[root(first)] = root(second)
    groups: dict[str, list[Finding]] = defaultdict(list)
    for finding in pairs:
        groups[root(finding.claims[0])].append(finding)
    found = []
    for members in groups.values():
        ids = list(dict.fromkeys(i for f in members for i in f.claims[:2]))
        if len(members) == 1 or len(ids) > MOST_RIVALS:
            found.extend(members)
            continue
        claims = sorted((by_id[i] for i in ids), key=lambda c: (c.value if c.value is not None else c.high or 0))
        told = "; ".join(f"{who(c)} {estimate_text(c)}" for c in claims)
        what = label.split(" in ")[0]
        message = f"The sources disagree on the {what}: {told}."
        severity = "high" if any(f.severity == "high" for f in members) else "medium"
        found.append(make_finding("source_disagreement", None, claims, [c.doc for c in claims], message, severity))
    return found


def _rival_pairs(levels: list[Claim], published: dict) -> list[tuple[Claim, Claim]]:
    """The pairs of `levels` to test for a disagreement, in the order `combinations` gives.

    Found without trying every pair, and at most RIVALS_PER_LEVEL per level, so that a series of a
    head like "people", which grows with the corpus, yields findings in proportion to its claims,
    not to their square: dated levels by a sweep over their periods, each meeting the levels whose
    period it overlaps, latest started first, and keeping the first RIVALS_PER_LEVEL from another
    source whose figure (`_figure`) disagrees with its own (decided once per two figures), among
    the RIVAL_SCAN latest; undated ones within a document."""
    when = [period(c, published) for c in levels]
    found: set[tuple[int, int]] = set()
    by_doc: dict[str, list[int]] = defaultdict(list)
    for i, claim in enumerate(levels):
        if when[i] is None:
            by_doc[claim.doc].append(i)
    for members in by_doc.values():
        found.update(combinations(members, 2))
    verdicts: dict[tuple, bool] = {}
    started: list[int] = []  # dated levels in start order; those whose period has ended are in `ended`
    ended: set[int] = set()
    ending: list[tuple[str, int]] = []
    for i in sorted((i for i in range(len(levels)) if when[i] is not None), key=lambda i: when[i][0]):
        while ending and ending[0][0] < when[i][0]:
            ended.add(heapq.heappop(ending)[1])
        if len(ended) > len(started) // 2:
            started, ended = [j for j in started if j not in ended], set()
        mine, rivals = _figure(levels[i]), 0
        for j in islice((j for j in reversed(started) if j not in ended), RIVAL_SCAN):
            figure = _figure(levels[j])
            if figure != mine and _figures_disagree(verdicts, mine, figure) \
                    and not names.same_source(levels[i].source, levels[j].source):
                found.add((min(i, j), max(i, j)))
                rivals += 1
                if rivals == RIVALS_PER_LEVEL:
                    break
        started.append(i)
        heapq.heappush(ending, (when[i][1], i))
    return [(levels[i], levels[j]) for i, j in sorted(found)]


def _figure(claim: Claim) -> Figure:
    """The figure of a claim (see Figure)."""
    return Figure(claim.low, claim.high, claim.value, bool(claim.approximate))


def _figures_disagree(verdicts: dict, mine: Figure, other: Figure) -> bool:
    """disagree() for two figures, decided once."""
    if (mine, other) not in verdicts:
        verdicts[(mine, other)] = verdicts[(other, mine)] = disagree(mine, other)
    return verdicts[(mine, other)]


def _precision_rank(claim: Claim, published: dict) -> tuple:
    """Sort key: the most precisely dated claim first, then the earliest, then document order."""
    when = dated_by(claim, published) or ""
    return -len(when), when, claim.doc, claim.start


def _comparable(first: Claim, second: Claim, published: dict) -> bool:
    """Different sources speaking of the same time (or, undated, in the same document)."""
    if names.same_source(first.source, second.source):
        return False
    if first.doc == second.doc and "publisher" in (first.source_kind, second.source_kind):
        # a writer's own figure beside a source's in one story counts another thing (or the
        # source's figure restated), not a rival count: a story does not dispute itself unsaid
        return False
    if first.doc == second.doc and first.unit == "percent" and not party(first):
        # one story's shares are one result's, a share for each candidate or answer ("51.36%" and,
        # a sentence on, "came second with 38.12%"): rival shares in one story name their party
        return False
    when = as_of_period(first, published), as_of_period(second, published)
    if when[0] is None or when[1] is None:
        return when == (None, None) and first.doc == second.doc
    return overlaps(*when)


def as_of_period(claim: Claim, published: dict) -> tuple[str, str] | None:
    """The period a level is a count of: its `period`, but for a running count ("more than 2,000
    trained since last April") the day it is counted to, not the months it covers; two running
    counts meet only when they are counted to the same time."""
    when = period(claim, published)
    if when is None or claim.time_rule != "since":
        return when
    return when[1], when[1]


def _disagreement_finding(first: Claim, second: Claim, label: str) -> Finding:
    official, estimate = sorted((first, second), key=_independence)
    low_side = official.value if official.value is not None else official.high
    high_side = estimate.value if estimate.low is not None and estimate.value is not None \
        else estimate.high
    ratio = (high_side or 0) / low_side if low_side else 1.0
    relation = ("well below" if ratio > BOUND_FAR_ABOVE else "below" if ratio > 1
                else "well above" if ratio < 1 / BOUND_FAR_ABOVE else "above")
    what = label.split(" in ")[0]
    message = (f"{capital(possessive(official))} {_figure_noun(official)} of {number(official.value)} {what} is "
               f"{relation} {possessive(estimate)} {_figure_noun(estimate)} of {estimate_text(estimate)}.")
    return make_finding("source_disagreement", None, [official, estimate], [official.doc, estimate.doc],
                        message, "high" if relation.startswith("well") else "medium")


def _independence(claim: Claim) -> tuple[bool, bool]:
    """Sort key putting the official count before the independent estimate."""
    return claim.modality == "estimated", claim.source_kind in {"expert", "intergovernmental"}


def _figure_noun(claim: Claim) -> str:
    if claim.modality == "estimated":
        return "estimate"
    return "total" if "total" in (claim.sentence or "").lower() else "figure"


def estimate_text(claim: Claim) -> str:
    """"up to 2,100", "more than 95", "about 250" or "1,135": the figure with its bound."""
    if claim.low is None and claim.high is not None:
        return f"up to {number(claim.high)}"
    if claim.high is None and claim.low is not None:
        return f"more than {number(claim.low)}"
    if claim.value is None and claim.low is not None:
        return f"between {number(claim.low)} and {number(claim.high)}"
    unit = " percent" if claim.unit == "percent" else ""
    return ("about " if claim.approximate else "") + number(claim.value) + unit


# -- revision --------------------------------------------------------------------------

def check_revisions(claims: list[Claim], documents: list[StoredDocument]) -> list[Finding]:
    """A provisional figure followed by a different final one for the same quantity from the same source."""
    published = {doc.id: doc.published for doc in documents}
    heads = resolve_heads(claims)
    provisional = [c for c in claims if _cued(c, PROVISIONAL_WORDS)]
    final = [c for c in claims if _cued(c, FINAL_WORDS) and not _cued(c, PROVISIONAL_WORDS)]
    found = []
    for early in provisional:
        for late in final:
            if _revises(early, late, heads, published):
                by = "" if _same_speaker(early, late) else f" {who(late)}'s"
                message = (f"{capital(possessive(early))} provisional figure of {estimate_text(early)} was "
                           f"replaced by{by or ' a'} final figure of {estimate_text(late)}.")
                found.append(make_finding("revision", None, [early, late], [early.doc, late.doc], message))
    return found


def _same_speaker(early: Claim, late: Claim) -> bool:
    return early.source == late.source or names.same_source(early.source, late.source)


def _cued(claim: Claim, words: frozenset[str]) -> bool:
    return bool(words & set(re.findall(r"[a-z]+", (claim.sentence or "").lower())))


def _revises(early: Claim, late: Claim, heads: dict, published: dict) -> bool:
    """Same quantity and source, a different value, and the final one later (in time or in the text)."""
    if quantity_key(early, heads) != quantity_key(late, heads) or early.value == late.value \
            or not within_revision(early, late):
        return False  # further apart than a revision moves a figure, the two count different things
    if early.unit == "percent" and not same_share(early, late):
        return False  # two candidates' shares, or shares whose candidate is not known
    when = dated_by(early, published), dated_by(late, published)
    if not _same_speaker(early, late):
        # Final results often come from another body (a court after the electoral authority): both
        # figures must name themselves provisional and final, and come within one revision cycle.
        return bool(when[0] and when[1]) and 0 <= days_between(when[0], when[1]) <= REVISION_WINDOW_DAYS
    if early.doc == late.doc and when[0] == when[1]:
        return late.start > early.start
    return bool(when[0] and when[1] and when[1] >= when[0])


# -- shared wording and time ---------------------------------------------------------------------

def period(claim: Claim, published: dict) -> tuple[str, str] | None:
    """The (first day, last day) a figure holds for, ISO strings: from the first day of its time_start
    to the last of its time_end (either standing for both, else the publication date); None when
    nothing dates it."""
    first = TimeSpan.parse(claim.time_start or claim.time_end or published.get(claim.doc))
    last = TimeSpan.parse(claim.time_end or claim.time_start or published.get(claim.doc))
    return (first.first.isoformat(), last.last.isoformat()) if first and last else None


def year_period(claim: Claim, published: dict) -> tuple[str, str] | None:
    """The whole years a figure's period falls in: ("2018-01-01", "2018-12-31") for February 2018."""
    when = period(claim, published)
    return (when[0][:4] + "-01-01", when[1][:4] + "-12-31") if when else None


def overlaps(first: tuple[str, str] | None, second: tuple[str, str] | None) -> bool:
    """Whether two known periods share a day."""
    return bool(first and second) and first[0] <= second[1] and second[0] <= first[1]
