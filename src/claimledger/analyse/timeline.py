"""Check stage, across documents in time order: stock + flow = stock, revisions, re-reports and
announced plans against what came of them.

Claims of one counted thing (resolved head and unit, `series.quantity_key` less the place,
which news copy names at every level from village to country) are read in the order of their
documents' dates: a document's publication date, else the claim's own time (`series.dated_by`).

- stock_flow: a level in one report, a change ("another 23", "33 more", "77,515 cancelled")
  and a level in a later report, where the first plus the change is the second exactly
  (holds), or, for one source's own running total, nearly but not exactly (does not hold).
- revision: a figure called final, definitive or revised against the earlier figure of the same
  thing nearest to it.
- re_report: a figure said to be "still" what an earlier report gave.
- projection: a figure planned or expected by a date against the first figure reported for it.

These run over the claims of a head class (`checks.head_findings`), as the update does.
"""
from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from datetime import timedelta
from collections import defaultdict
from itertools import combinations

from .. import names
from ..records import Claim, Finding, StoredDocument
from ..timespan import TimeSpan, days_between
from ..extract.concepts import is_cumulative, is_subset, listed_with, party
from .figures import same_share, significant_digits
from .series import FLOW_KINDS, by_rounding, dated_by, distinct_flows, plural, resolve_heads, signed
from .wording import capital, figure_text, make_finding, number, who

# Two reports are steps of one running count only within this many days: a toll climbs over
# weeks, a deployment over months; a year and more apart, an equal sum is a coincidence.
STEP_WINDOW_DAYS = 400
# A later figure revises an earlier one within this many days (final results come weeks, at most
# months, after the provisional ones).
REVISION_WINDOW_DAYS = 120
# A final figure (or a running total) is set against at most this many figures of the thing
# reported before it, the latest: a revision replaces a recent figure, a running total sums recent events, and a head of a large corpus (people) costs in
# proportion to its claims, not to their square.  200 is weeks of a busy story's reports.
REVISION_SCAN = 200
# A final figure revises the earlier figure of the same thing nearest to it, within this factor:
# a toll revised from 340 to 611 injured is 1.8 times; further apart, it is another figure.
REVISION_RATIO = 2.0


def within_revision(early: Claim, late: Claim) -> bool:
    """Whether `late` is near enough `early` to revise it (REVISION_RATIO either way)."""
    return bool(early.value and late.value) and 1 / REVISION_RATIO <= late.value / early.value <= REVISION_RATIO


# A final result moves a provisional one by a few percent: figures this close are preferred as
# the one revised (51.36% -> 50.74%), before the provisional cue and the nearest value.
CLOSE_REVISION = 0.05
# A figure of a list this long is a part of a breakdown, not a total revised on its own.
LONG_LIST = 4
# A running total that misses the sum of its last level and the change since by more than this
# share is not a slip of arithmetic but two different counts.
NEAR_MISS_SHARE = 0.10
# Levels below this are not chained: 3 + 2 = 5 is a coincidence, not a running total.
SMALLEST_LEVEL = 10
# A report with no date takes its start from anywhere, so only from figures this large.
UNDATED_SMALLEST_LEVEL = 50
# A running total is checked against the figures of at most this many reports (the latest): four
# events' counts, each in its report.
MOST_RUNNING_REPORTS = 4
# At most this many changes of one report are combined to bridge two levels.
MOST_STEPS = 3
# A plan is judged against the first figure reported after its date, or one reported before it
# that already meets it, within this many days of the date (a month and a half: the reports of
# the weeks after a deadline, not those of another season).
PROJECTION_GRACE_DAYS = 45
FINAL_WORDS = frozenset({"final", "definitive", "certified", "revised", "corrected", "amended"})
# A report that names what it gives the final results (or figures, count, tally, toll) once.
FINAL_RESULTS = re.compile(r"\bfinal (?:official )?(?:results?|figures?|count|tally|toll)\b", re.IGNORECASE)
SAME_DOCUMENT_REVISION_WORDS = frozenset({"revised", "corrected", "amended"})
INCREMENT_WORDS = frozenset({"further", "another", "more", "additional", "extra"})
PROVISIONAL_WORDS = frozenset({"provisional", "provisionally", "preliminary", "initial", "partial"})
STILL_WORDS = frozenset({"still", "unchanged", "remains", "remained", "currently"})
# How near a figure a cue word of revision or re-report must stand, in words.
CUE_WINDOW_WORDS = 8
# A report that places none of its figures of a thing is read with each story of that thing
# when there are at most this many (a desk's few stories of a week: the exact sum or the "still"
# then says which one it belongs to); with more it stands alone, so that the cost follows the
# claims, not claims x stories.  Five leaves room for the stories of one head in the tuning
# corpus (a-e: tolls in one country, refugees counted in two) and is far below a large corpus's.
UNPLACED_STORIES = 5
# A figure shared by two reports ties them to one story only with this many significant digits:
# "4 deaths" or "50,000 displaced" recur across stories, "131" or "6.87%" of one thing hardly.
TELLING_DIGITS = 3
_WORD = re.compile(r"[a-z]+")
# A figure written in digits ("410,000", "1.1"), where a cue word's reach ends.
_FIGURE = re.compile(r"\d[\d,.]*")


def timeline_findings(claims: list[Claim], documents: list[StoredDocument]) -> list[Finding]:
    """stock_flow across reports, revision, re_report and projection over these claims."""
    published = {doc.id: doc.published for doc in documents}
    heads = resolve_heads(claims)
    groups: dict[tuple, list[Claim]] = defaultdict(list)
    for claim in claims:
        head = heads.get(claim.id)
        if head and claim.value is not None and claim.modality not in {"denied", "disputed"}:
            groups[(head, claim.unit)].append(claim)
    # the reports of final results, by head: a head's checks read its own claims only (as the update does)
    final_report: dict[str, set[str]] = defaultdict(set)
    for (head, _unit), members in groups.items():
        final_report[head].update(c.doc for c in members if FINAL_RESULTS.search(c.sentence or ""))
    found: list[Finding] = []
    for (head, _unit), members in sorted(groups.items(), key=lambda item: (str(item[0][0]), str(item[0][1]))):
        dated, undated = _in_report_order(members, published)
        # An exact stock + flow = stock across three figures, or a digit slip between reports sharing
        # figures, is its own evidence of one story; a revision, a "still" or a plan met pairs two
        # figures only, so those are looked for within one story (`stories`) at a time.
        found += _steps(dated, undated, head) + _slips([c for _d, c in dated + undated], head, published)
        for story in stories(members):
            dated, _undated = _in_report_order(story, published)
            found += _running_totals(dated, head) + _revisions(dated, head, final_report[head]) \
                + _re_reports(dated, head) + _projections(dated, head)
    return found


def _in_report_order(members: list[Claim], published: dict) -> tuple[list[tuple[str, Claim]], list[tuple[None, Claim]]]:
    """The dated claims as (report day, claim) in report order, and the undated ones."""
    days = [(report_day(c, published), c) for c in members]
    dated = sorted(((day, c) for day, c in days if day is not None), key=lambda pair: (pair[0], pair[1].doc, pair[1].start))
    return dated, [(None, c) for day, c in days if day is None]


def _telling(claim: Claim) -> bool:
    """A figure precise enough that two reports giving it tell one story: exact, of TELLING_DIGITS
    significant digits or more ("131", "27,500", "6.87%"; not "4", "50,000")."""
    return _exact(claim) and bool(claim.value) and _telling_value(claim.value)


def _telling_value(value: float) -> bool:
    """A number of TELLING_DIGITS significant digits or more (see `_telling`)."""
    return significant_digits(value) >= TELLING_DIGITS


def stories(claims: list[Claim]) -> list[list[Claim]]:
    """The claims of one counted thing split by story: reports joined when they name a place in
    common among these claims (a district's report and the national one both name the district,
    or the country) or give a figure in common precise enough not to be chance (`_telling`:
    "51.36%", "27,500"), so that a toll in one country is never a step of a toll in another.

    A report that places none of its figures is read with every story, when there are at most
    UNPLACED_STORIES of them; with more (a corpus of many stories) it is a story of its own."""
    places: dict[str, set[str]] = defaultdict(set)
    for claim in claims:
        places[claim.doc]  # every report, placed or not
        if claim.location:
            places[claim.doc].add(names.canonical_place(claim.location))
    figures: dict[str, set[str]] = defaultdict(set)
    for claim in claims:
        if _telling(claim):
            figures[claim.doc].add(f"{claim.value:g}")
    root = {doc: doc for doc in places}

    def find(doc: str) -> str:
        while root[doc] != doc:
            root[doc] = root[root[doc]]
            doc = root[doc]
        return doc

    first_with: dict[tuple[str, str], str] = {}
    for doc in sorted(places):
        if not places[doc]:
            continue
        for mark in sorted({("place", p) for p in places[doc]} | {("figure", f) for f in figures[doc]}):
            other = first_with.setdefault(mark, doc)
            root[find(doc)] = find(other)
    story_of = {doc: find(doc) for doc in places if places[doc]}
    unplaced = [c for c in claims if c.doc not in story_of]
    by_story: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        if claim.doc in story_of:
            by_story[story_of[claim.doc]].append(claim)
    if not by_story:
        return [claims]
    if len(by_story) > UNPLACED_STORIES:
        return [*by_story.values(), unplaced]
    return [[*members, *unplaced] for members in by_story.values()]


def report_day(claim: Claim, published: dict) -> str | None:
    """The day a claim's report is dated: its document's publication date, else its own time."""
    when = published.get(claim.doc) or dated_by(claim, published)
    return when[:10] if when else None


def _day_of(pair: tuple) -> tuple[str]:
    """The bisect key of a (day, claim) pair: its day alone."""
    return (pair[0],)


def _day_before(day: str, days: int) -> str:
    """The ISO day `days` before `day` (a partial date read from its first day)."""
    span = TimeSpan.parse(day)
    return (span.first - timedelta(days=days)).isoformat() if span else day


def _is_level(claim: Claim) -> bool:
    return claim.kind == "level" and claim.modality != "projected"


def _exact(claim: Claim) -> bool:
    return claim.low == claim.value == claim.high


# -- stock_flow ------------------------------------------------------------------------------

def _steps(dated: list[tuple[str, Claim]], undated: list[tuple[None, Claim]], head: str) -> list[Finding]:
    """Each later report's level reached from an earlier report's level by the changes it gives.

    A report with no date at all (an undated rewrite) may take its start from any dated report:
    the exact sum is the evidence, and the start is the latest report giving that figure.  Starts
    are looked up by value and by source (`_Starts`), so a long series costs in proportion to its
    claims, not to their square."""
    by_doc: dict[str, list[tuple[str | None, Claim]]] = defaultdict(list)
    for day, claim in [*dated, *undated]:
        by_doc[claim.doc].append((day, claim))
    undated_docs = {c.doc for _d, c in undated} - {c.doc for _d, c in dated}
    starts = _Starts(dated)
    found = []
    for doc, members in by_doc.items():
        day = members[0][0]
        if day is None and doc not in undated_docs:
            continue
        flows = distinct_flows([c for _d, c in members if c.kind in FLOW_KINDS and _exact(c)])
        # a part given as such ("ten of them", "including 13") is no level of the running count
        levels = [c for _d, c in members if _is_level(c) and _exact(c) and c.value >= SMALLEST_LEVEL
                  and not is_subset(c)]
        told: set[tuple] = set()
        for later in levels if flows else []:
            finding = _step_to(later, flows, starts, None if doc in undated_docs else day, head)
            # one report restating its new level ("94, the ministry said" ... "the toll of 94") is one step
            if finding is not None and (key := (finding.claims[:-1], later.value)) not in told:
                told.add(key)
                found.append(finding)
    return found


class _Starts:
    """The levels a step may start from, by value and by source, each list in report order.

    A start may be "at least 38" or "the first 120 ... arrived" (a first deployment is a level too)."""

    def __init__(self, dated: list[tuple[str, Claim]]) -> None:
        self.by_value: dict[int, list[tuple[str, Claim]]] = defaultdict(list)
        self.by_source: dict[str, list[tuple[str, Claim]]] = defaultdict(list)
        for day, claim in dated:
            if claim.kind in ("level", "increase") and claim.modality != "projected" and claim.low == claim.value \
                    and claim.value >= SMALLEST_LEVEL:
                self.by_value[round(claim.value)].append((day, claim))
                if claim.source:
                    self.by_source[names.name_key(claim.source)].append((day, claim))

    def before(self, pool: list[tuple[str, Claim]], doc: str, day: str | None) -> list[Claim]:
        """The starts of `pool` (in report order) another report gave before `day` within
        STEP_WINDOW_DAYS (any dated report, and only large figures, for a report with no date)."""
        if day is None:
            return [c for _d, c in pool if c.doc != doc and c.value >= UNDATED_SMALLEST_LEVEL]
        window = pool[bisect_left(pool, (_day_before(day, STEP_WINDOW_DAYS),), key=_day_of):
                      bisect_left(pool, (day,), key=_day_of)]
        return [c for d, c in window if c.doc != doc and days_between(d, day) <= STEP_WINDOW_DAYS]

    def valued(self, value: float, doc: str, day: str | None) -> list[Claim]:
        pool = [pair for key in (math.floor(value), math.ceil(value)) for pair in self.by_value.get(key, ())]
        pool.sort(key=lambda pair: (pair[0], pair[1].doc, pair[1].start))
        return [c for c in self.before(pool, doc, day) if abs(c.value - value) < 0.5]

    def of_source(self, source: str | None, doc: str, day: str | None) -> list[Claim]:
        """The latest start this source gave in another report before `day` (a list of one, or none)."""
        if not source:
            return []
        pool = self.by_source.get(names.name_key(source), [])
        if day is not None:
            pool = pool[bisect_left(pool, (_day_before(day, STEP_WINDOW_DAYS),), key=_day_of):
                        bisect_left(pool, (day,), key=_day_of)]
        for _d, claim in reversed(pool):
            if claim.doc != doc and names.same_source(claim.source, source) \
                    and (day is not None or claim.value >= UNDATED_SMALLEST_LEVEL):
                return [claim]
        return []


def _step_to(later: Claim, flows: list[Claim], starts: _Starts, day: str | None, head: str) -> Finding | None:
    """The finding of the latest earlier level that this report's changes take to `later`, or of
    the same source's last level nearly but not exactly taken there by its one change."""
    for size in range(1, min(MOST_STEPS, len(flows)) + 1):
        for steps in combinations(flows, size):
            start = later.value - sum(signed(s) for s in steps)
            match = [c for c in starts.valued(start, later.doc, day) if c.value != later.value
                     and not by_rounding(c, list(steps))]
            if match:
                return _step_finding(match[-1], list(steps), later, True, head)
    if len(flows) == 1 and names.same_source(flows[0].source, later.source):
        own = starts.of_source(later.source, later.doc, day)
        reached = own[-1].value + signed(flows[0]) if own else None
        if reached is not None and 0 < abs(reached - later.value) <= NEAR_MISS_SHARE * later.value:
            return _step_finding(own[-1], flows, later, False, head)
    return None


def _running_totals(dated: list[tuple[str, Claim]], head: str) -> list[Finding]:
    """A running total ("61 detained since the marches began") that is the sum of one figure from
    each of two to four reports of the events it covers (6 on the first day, 14 on the second, 41
    on the third): each figure first reported, the reports at most STEP_WINDOW_DAYS before it."""
    found = []
    days = [d for d, _c in dated]
    for day, total in dated:
        # a rounded total ("roughly 105,000") is met by many sums of round figures: none is evidence
        if not (_is_level(total) and _exact(total) and total.value >= SMALLEST_LEVEL and is_cumulative(total)) \
                or total.approximate:
            continue
        upto = bisect_right(days, day)
        window = dated[max(bisect_left(days, _day_before(day, STEP_WINDOW_DAYS)), upto - REVISION_SCAN):upto]
        first_told: dict[float, Claim] = {}
        told_on: dict[str, str] = {}
        for d, c in window:
            told_on.setdefault(c.doc, d)
            if c.id != total.id and _is_level(c) and _exact(c) and 0 < c.value < total.value \
                    and not is_cumulative(c) and not (c.doc == total.doc and c.start > total.start):
                first_told.setdefault(c.value, c)
        by_doc: dict[str, list[Claim]] = defaultdict(list)
        for claim in first_told.values():
            by_doc[claim.doc].append(claim)
        reports = sorted(by_doc, key=lambda doc: (told_on[doc], doc))[-MOST_RUNNING_REPORTS:]
        parts = _one_each([by_doc[doc] for doc in reports], total.value)
        if parts:
            listed = " + ".join(f"{number(c.value)} ({c.doc})" for c in parts)
            message = (f"The {number(total.value)} {_plural(head)} {who(total)} gives as a running total in "
                       f"{total.doc} are the sum of the figures reported for each event: {listed}.")
            found.append(make_finding("stock_flow", True, [*parts, total], [*(c.doc for c in parts), total.doc],
                                      message, "low", _sentences(*parts, total)))
    return found


def _one_each(groups: list[list[Claim]], total: float) -> list[Claim] | None:
    """At most one figure of each group, from two groups or more, adding up to `total` exactly."""
    best: list[Claim] | None = None

    def walk(i: int, chosen: list[Claim], sum_: float) -> None:
        nonlocal best
        if best is not None or sum_ > total + 0.5:
            return
        if i == len(groups):
            if len(chosen) >= 2 and abs(sum_ - total) < 0.5:
                best = list(chosen)
            return
        for claim in groups[i]:
            walk(i + 1, [*chosen, claim], sum_ + claim.value)
        walk(i + 1, chosen, sum_)

    walk(0, [], 0.0)
    return best


def _step_finding(first: Claim, steps: list[Claim], later: Claim, holds: bool, head: str) -> Finding:
    changes = " and ".join(f"{number(s.value)} {'fewer' if s.kind == 'decrease' else 'more'} ({s.doc})" for s in steps)
    reached = first.value + sum(signed(s) for s in steps)
    start = f"The {number(first.value)} {_plural(head)} {who(first)} gave in {first.doc} plus {changes} make {number(reached)}"
    if holds:
        message = f"{start}: the {number(later.value)} {who(later)} gives in {later.doc}."
    else:
        message = (f"{start}, not the {number(later.value)} {who(later)} gives in {later.doc} "
                   f"({number(abs(later.value - reached))} {'more' if later.value > reached else 'fewer'}).")
    return make_finding("stock_flow", holds, [first, *steps, later], [first.doc, *(s.doc for s in steps), later.doc],
                        message, "low" if holds else "medium", _sentences(first, *steps, later))


# -- revision ---------------------------------------------------------------------------------

def _cued(claim: Claim, words: frozenset[str], window: int | None = CUE_WINDOW_WORDS) -> bool:
    """Whether one of `words` stands within `window` words of the figure in its sentence (None:
    anywhere in it); a cue within the window belongs to the nearest figure, so another figure
    between it and this one ("1.1 million people were still in need ... and 410,000 had yet to
    return") takes it."""
    offset = claim.start - claim.sentence_start
    sentence = (claim.sentence or "").lower()
    before_text, after_text = sentence[:max(offset, 0)], sentence[max(offset, 0) + len(claim.text):]
    if window is None:
        return bool(words & set(_WORD.findall(before_text) + _WORD.findall(after_text)))
    before_parts, after_parts = _FIGURE.split(before_text), _FIGURE.split(after_text)
    before, after = _WORD.findall(before_parts[-1]), _WORD.findall(after_parts[0])
    # the words nearer this figure than the figure before it (or after it), within the window
    nearer_before = before[len(before) // 2:] if len(before_parts) > 1 else before
    nearer_after = after[:(len(after) + 1) // 2] if len(after_parts) > 1 else after
    return bool(words & set(nearer_before[-window:] + nearer_after[:window]))


def _revisions(dated: list[tuple[str, Claim]], head: str, final_report: set[str] = frozenset()) -> list[Finding]:
    """A figure cued final or revised against the nearest earlier figure of the same thing.

    A report of final results says so once ("proclaimed the final results ... 85.87%"): its other
    figures of the thing ("Of the 4,085,818 valid votes") are final unless called provisional, and
    revise only a figure close to them (`final_report`: those reports)."""
    found, revised = [], set()
    days = [d for d, _c in dated]  # `dated` is in day order: the window before a figure is a slice
    # a report of provisional results says so once, not at every figure it gives
    provisional = {c.doc for _d, c in dated if _cued(c, PROVISIONAL_WORDS, None) and not _cued(c, FINAL_WORDS, None)}
    for day, late in dated:
        final = _cued(late, FINAL_WORDS, None)
        by_report = not final and late.doc in final_report and not _cued(late, PROVISIONAL_WORDS, None)
        final = final or by_report
        firmed = not final and _cued(late, PROVISIONAL_WORDS, None)  # "about 45%" became a provisional 48.1%
        if not (_is_level(late) and (final or firmed)) or _is_old_figure(late) \
                or len(listed_with(late)) >= LONG_LIST or _cued(late, STILL_WORDS):
            continue  # a breakdown's parts ("Bajhang 96, Bajura 23, ...") are checked as parts; a
            # figure "still" claimed is a re-report, never the final figure
        same_doc = _cued(late, SAME_DOCUMENT_REVISION_WORDS)
        upto = bisect_right(days, day)
        window = dated[max(bisect_left(days, _day_before(day, REVISION_WINDOW_DAYS)), upto - REVISION_SCAN):upto]
        earlier = [(d, c) for d, c in window if _is_level(c) and c.value != late.value and within_revision(c, late)
                   and (c.modality != "estimated" or names.same_source(c.source, late.source))
                   and ((c.doc != late.doc and d < day and days_between(d, day) <= REVISION_WINDOW_DAYS)
                        or (same_doc and c.doc == late.doc and c.sentence_start < late.sentence_start))]
        if firmed:
            earlier = [(d, c) for d, c in earlier if c.approximate or c.modality == "estimated"]
        if final:
            earlier = [(d, c) for d, c in earlier if not _cued(c, FINAL_WORDS, None)]
        earlier = [(d, c) for d, c in earlier
                   if (late.unit == "percent" and (same_share(c, late) or _maybe_share(c, late)))
                   or (late.unit != "percent" and min(c.value, late.value) >= SMALLEST_LEVEL)]
        close = [(d, c) for d, c in earlier if abs(c.value - late.value) <= CLOSE_REVISION * late.value]
        if by_report:
            earlier = close  # a figure final by its report alone revises only a figure close to it
        if final and late.unit == "percent":
            # a final result moves a provisional share by a few percent: a share further off (an
            # opposition's own tally, 49.6% against a final 38.61%) is a rival count, unless it
            # calls itself provisional
            earlier = [(d, c) for d, c in earlier if (d, c) in close or _cued(c, PROVISIONAL_WORDS, None)]
        if earlier:
            # among close figures (a final result moves a provisional one a little) the one calling
            # itself provisional (or told in a report of provisional figures), then the same party's;
            # then the nearest, the first reported
            early = min(close or earlier, key=lambda pair: (not (_cued(pair[1], PROVISIONAL_WORDS, None)
                                                                 or pair[1].doc in provisional),
                                                            party(pair[1]) != party(late),
                                                            abs(pair[1].value - late.value), pair[0]))[1]
            early = _first_told(early, earlier)
            if (early.low, early.value, early.high, late.value) in revised:
                continue  # a later report restating the final figure revises nothing more
            revised.add((early.low, early.value, early.high, late.value))
            message = (f"The {_figure_of(early, head)} {who(early)} gave in {early.doc} was replaced by a "
                       f"{'final' if final else 'provisional'} {figure_text(late)} from {who(late)} in {late.doc}.")
            found.append(make_finding("revision", None, [early, late], [early.doc, late.doc], message,
                                      "medium", _sentences(early, late)))
    return found


def _maybe_share(early: Claim, late: Claim) -> bool:
    """A share whose party one of the two does not name ("came second with 38.12%" and "Rakotomalala
    received 38.61%"), close enough (CLOSE_REVISION) to be that share revised."""
    return None in (party(early), party(late)) and abs(early.value - late.value) <= CLOSE_REVISION * late.value


def _first_told(early: Claim, earlier: list[tuple[str, Claim]]) -> Claim:
    """The first report of the figure a revision replaces: a later story restating the provisional
    results ("which gave Andrianasolo 51.36%") is not where they were put forward."""
    same = [c for _d, c in earlier if c.low == early.low and c.value == early.value and c.high == early.high
            and (party(c) == party(early) or None in (party(c), party(early)))]
    return same[0] if same else early


def _is_old_figure(claim: Claim) -> bool:
    """A figure given as what a later one replaced: "down from 51.36%", "up from 131"."""
    offset = claim.start - claim.sentence_start
    return bool(re.search(r"\b(?:from|of)\s*$", (claim.sentence or "")[:max(offset, 0)].lower()[-12:])) \
        and bool(re.search(r"\b(?:down|up|revised|raised|lowered|cut|from)\b", (claim.sentence or "").lower()))


# -- re_report --------------------------------------------------------------------------------

def _re_reports(dated: list[tuple[str, Claim]], head: str) -> list[Finding]:
    """A figure said to be still what an earlier report gave: the first report of it by the same
    source ("unchanged since April"), else the latest report of it."""
    found = []
    told: dict[tuple, list[tuple[str, Claim]]] = defaultdict(list)
    for day, claim in dated:
        if _is_level(claim):
            told[(claim.low, claim.value, claim.high)].append((day, claim))
    for day, late in dated:
        if not (_is_level(late) and _cued(late, STILL_WORDS)):
            continue
        pool = told[(late.low, late.value, late.high)]
        upto = bisect_left(pool, (day,), key=_day_of)
        before = [c for _d, c in pool[:upto] if c.doc != late.doc]
        # "still" points back to when the source first gave the figure; else to the last report of it
        own = [c for c in before if names.same_source(c.source, late.source)]
        if before:
            early = own[0] if own else before[-1]
            message = (f"{capital(who(late))} still gives {_with_article(_figure_of(late, head))} in {late.doc}, "
                       f"the figure {who(early)} gave in {early.doc}: a re-report, not new information.")
            found.append(make_finding("re_report", None, [early, late], [early.doc, late.doc], message,
                                      "low", _sentences(early, late)))
    return found


# -- projection -------------------------------------------------------------------------------

def _projections(dated: list[tuple[str, Claim]], head: str) -> list[Finding]:
    """A planned figure with a date, as first announced, against the first report that meets it
    by then, else the first on or after the date."""
    found = []
    days = [d for d, _c in dated]
    announced: dict[tuple, str] = {}
    for day, plan in dated:
        target = TimeSpan.parse(plan.time_end)
        if plan.modality != "projected" or target is None or target.last.isoformat() <= day \
                or _cued(plan, INCREMENT_WORDS, 2) or INCREMENT_WORDS & set(_WORD.findall(plan.text.lower())):
            # "a further 150 by June" plans a change, not the level it is judged against; a plan
            # told on or after its own date ("the promise of shelters for 50,000 by Thursday has
            # not been met") looks back at it
            continue
        due = target.last.isoformat()
        if announced.setdefault((plan.value, due), plan.doc) != plan.doc:
            continue  # one plan restated by later reports before its date is judged once, as first told
        window = dated[bisect_right(days, day):bisect_right(days, _day_before(due, -PROJECTION_GRACE_DAYS))]
        later = [(d, c) for d, c in window if c.doc != plan.doc and _is_level(c)
                 and days_between(due, d) <= PROJECTION_GRACE_DAYS]
        # only against a figure within REVISION_RATIO of the plan: plans met or missed land within a
        # factor of 1.5 (shelters for 50,000, 34,000 ready; 2,000 prisoners agreed, 1,925 freed), while
        # a figure six times the plan ("shelters for 50,000", 300,000 displaced) counts another thing
        later = [(d, c) for d, c in later if (c.head is None or plan.head is None or c.head == plan.head)
                 and within_revision(plan, c) and not _restates(plan, c)]
        met = [c for d, c in later if d <= due and abs(c.value - plan.value) < 0.5]
        after = [c for d, c in later if d >= due]
        outcome = met[0] if met else (after[0] if after else None)
        if outcome is None:
            continue
        holds = outcome.value >= plan.value
        verdict = "met" if holds else "not met"
        message = (f"{capital(who(plan))} planned {_figure_of(plan, head)} by {due} ({plan.doc}); "
                   f"{who(outcome)} reports {figure_text(outcome)} in {outcome.doc}: the plan was {verdict}.")
        found.append(make_finding("projection", holds, [plan, outcome], [plan.doc, outcome.doc], message,
                                  "low" if holds else "medium", _sentences(plan, outcome)))
    return found


def _restates(plan: Claim, other: Claim) -> bool:
    """Whether `other` is the plan told again (the same figure, bound and all, from the same
    source, as a forecast: "he had predicted that participation would exceed 70%"), not what came
    of it (the agency "has housed 500 families")."""
    return (plan.low, plan.value, plan.high) == (other.low, other.value, other.high) \
        and names.same_source(plan.source, other.source) and other.modality != "asserted"


# -- suspicious_number: a digit dropped or moved in a retelling --------------------------------

# The evidence marker of a slip: a suspicious_number made over a head's claims (update.py scopes it so).
SLIP = "digit slip across reports"
# Two reports retell one another when they share at least this many other figures of the thing
# (each of SMALLEST_LEVEL or more: small counts are shared by chance).
SHARED_FIGURES = 2
# A figure held by more reports than this is common (a round 100, a year's total quoted everywhere)
# and is not counted as shared: it links a story's reports to each other no more than to others.
COMMON_FIGURE_DOCS = 25
# A retelling that garbles a figure comes out within days of its original (a rewrite, a story
# restating the results of the week); reports further apart give a figure of their own time.
RETELLING_DAYS = 7


def _slips(members: list[Claim], head: str, published: dict) -> list[Finding]:
    """A figure of one report that is another report's figure with a digit dropped or moved ("7"
    for "71", "2018" for "2,180"), where the two reports share SHARED_FIGURES other figures."""
    by_doc: dict[str, list[Claim]] = defaultdict(list)
    values: dict[str, set[float]] = defaultdict(set)
    for claim in members:
        if _exact(claim):
            values[claim.doc].add(claim.value)
            if claim.kind == "level":
                by_doc[claim.doc].append(claim)
    holders: dict[float, list[str]] = defaultdict(list)
    for doc in sorted(values):
        for value in values[doc]:
            if value >= SMALLEST_LEVEL or _telling_value(value):  # "6.87%" is shared by retelling, not by chance
                holders[value].append(doc)
    shared_by: dict[tuple[str, str], int] = defaultdict(int)
    for docs in holders.values():
        if len(docs) <= COMMON_FIGURE_DOCS:  # a figure many reports give says nothing of who retells whom
            for pair in combinations(docs, 2):
                shared_by[pair] += 1
    found = []
    for (first, second), count in sorted(shared_by.items()):
        if count < SHARED_FIGURES or first not in by_doc or second not in by_doc:
            continue
        shared = values[first] & values[second]
        for x in by_doc[first]:
            for y in by_doc[second]:
                if x.value in shared or y.value in shared or not _same_time(x, y, published):
                    continue  # a retelling gives the figure for the time its original does
                for slipped, meant in ((x, y), (y, x)):
                    how = slip(_digits_of(slipped.value), _digits_of(meant.value))
                    if how and meant.value in values[meant.doc] - values[slipped.doc]:
                        message = (f"{slipped.doc} retells {meant.doc} (they share other figures of {_plural(head)}) "
                                   f"but gives {number(slipped.value)} where {meant.doc} has {number(meant.value)}: "
                                   f"a digit {how}.")
                        found.append(make_finding("suspicious_number", None, [slipped, meant], [slipped.doc, meant.doc],
                                                  message, "high", (SLIP, *_sentences(slipped, meant))))
    return found


def _digits_of(value: float) -> str:
    """A figure as its digits are written, without grouping: "71", "38.12"."""
    return f"{value:.6f}".rstrip("0").rstrip(".")


def _same_time(first: Claim, second: Claim, published: dict) -> bool:
    """Whether two figures can be one figure told twice: their reports are undated or dated within
    RETELLING_DAYS of each other, or else their own times meet (a provincial toll of July and one
    of September are two counts, not a retelling)."""
    days = [published.get(c.doc) for c in (first, second)]
    if not all(days) or abs(days_between(days[0][:10], days[1][:10])) <= RETELLING_DAYS:
        return True
    when = [(TimeSpan.parse(c.time_start or c.time_end), TimeSpan.parse(c.time_end or c.time_start))
            for c in (first, second)]
    if any(start is None or end is None for start, end in when):
        return True
    (a_start, a_end), (b_start, b_end) = when
    return a_start.first <= b_end.last and b_start.first <= a_end.last


def slip(written: str, meant: str) -> str | None:
    """"dropped" when `written` is `meant` less one digit ("7" for "71", "8.12" for "38.12"),
    "moved" when it is `meant` with one digit moved ("2018" for "2180"); None otherwise (and for
    one-digit figures).  A decimal point is never the digit dropped or moved."""
    if len(meant) < 2 or not written or not meant:
        return None
    if len(written) == len(meant) - 1 and any(meant[:i] + meant[i + 1:] == written
                                              for i in range(len(meant)) if meant[i] != "."):
        return "dropped"
    if len(written) == len(meant) and written != meant and sorted(written) == sorted(meant):
        for i in range(len(meant)):
            if meant[i] == ".":
                continue
            rest = meant[:i] + meant[i + 1:]
            if any(rest[:j] + meant[i] + rest[j:] == written for j in range(len(rest) + 1)):
                return "moved"
    return None


# -- wording ----------------------------------------------------------------------------------



def _with_article(text: str) -> str:
    """"a 49.6% share", but "about 6,000 displaced" as it is."""
    return f"a {text}" if text.endswith("share") or " share of " in text else text


def _figure_of(claim: Claim, head: str) -> str:
    """"52.41% share of Okafor", "about 6,000 displaced", "140 deaths": the figure with what it counts."""
    if claim.unit == "percent":
        named = party(claim)
        return f"{figure_text(claim)} share" + (f" of {named}" if named else "") if head != "turnout" else f"{figure_text(claim)} turnout"
    return f"{figure_text(claim)} {_plural(head)}"


def _plural(head: str) -> str:
    return {"death": "deaths", "arrest": "arrests", "turnout": "turnout"}.get(head) or plural(head)


def _sentences(*claims: Claim) -> tuple[str, ...]:
    """The evidence of a finding: each document with the sentence of each figure it cites."""
    return tuple(dict.fromkeys(f"{c.doc}: {c.sentence}" for c in claims))
