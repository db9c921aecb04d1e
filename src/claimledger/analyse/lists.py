"""Check stage, within one document: listed figures against their total, shares against 100%,
and two sources giving different figures for one thing side by side.

"Bajhang has recorded 71 deaths, Bajura 18, Achham 12, Doti seven and Darchula three" is a
list: figures of one unit in one sentence with little text between them.  Its total is a
figure the list itself ends with ("..., a total of 47,500"), or one in the same sentence or
the sentences around it; shares ("56 percent ..., 26 percent ... and 21 percent") are set
against 100%.  These checks read a document's own claims only (`document_findings`), so the
full run and the update (which re-checks each new document) give the same findings; they
read every claim whatever its head, as a list's parts often have none ("Bajura 18").
Each finding carries IN_DOCUMENT as its first piece of evidence, then the sentences it cites.
"""
from __future__ import annotations

import re
from collections import defaultdict
from itertools import combinations

from .. import names
from ..extract.concepts import LIST_GAP_CHARS, is_cumulative, is_subset, listed_with, party
from ..extract.measure import GENERIC_HEADS, resolve_heads
from ..records import Claim, Finding
from .figures import RIVAL_RATIO, disagree, significant_digits
from .series import plural
from .wording import capital, figure_text, make_finding, number, who

# The evidence marker of a finding made from one document's claims (update.py scopes it to the document).
IN_DOCUMENT = "in one document"
# A total outside the list is looked for this many sentences before it and after it: a
# breakdown follows its total ("The Home Ministry said 119 died ... But the district offices ...
# Bajhang 71, Bajura 18") or precedes it by one sentence.
TOTAL_SENTENCES_BEFORE = 2
TOTAL_SENTENCES_AFTER = 1
# Words that mark the last figure of a list as its sum ("..., a total of 47,500", "105,000 in all").
TOTAL_WORDS = frozenset({"total", "all", "altogether", "combined", "overall", "sum", "totalling", "totaling"})
# A figure below this share of the largest of its list is no part of it ("the other three" beside
# crowds of 47,000 and 26,000): a thousandth is below any district, candidate or branch.
TINY_PART = 0.001
# A total below this is not checked: with small counts (2 + 3 = 5) a sum is a coincidence.
SMALLEST_TOTAL = 10
# A breakdown is reported as failing against a total outside it only when it covers at least
# this share of it: below, the figures are more likely a part of something else.
LEAST_SHARE_OF_TOTAL = 0.25
# Shares that are meant to cover a whole (three or more) are reported as failing when they sum
# to between these bounds but not to 100: further off, they are shares of different things.
SHARES_NEAR = (90.0, 110.0)
# Two figures of one thing from two sources are compared within this many sentences.
RIVAL_SENTENCES = 1
# Shares of one whole are looked for among this many consecutive percentages over at most this
# many sentences: a result's four candidates over three sentences, with a restated share between.
SHARE_WINDOW = 8
SHARE_SENTENCES = 3
# Two figures with no head of their own in two sentences side by side are compared when each is
# the only figure of its sentence and at least this large ("The police put the crowd at 8,000
# people. The unions said 25,000 had taken part."): a crowd, not a count of injured or arrested.
LONE_RIVAL_SMALLEST = 1000
_WORD = re.compile(r"[a-z]+")
_TOTAL_AFTER = re.compile(r"\s*(?:\w+\s+)?(?:in all|in total|altogether|combined|overall)\b")


def document_findings(claims: list[Claim], originals: dict[str, str] | None = None) -> list[Finding]:
    """parts_sum (lists and shares) and source_disagreement (side by side) in each document; of a
    copy (`originals`: copy -> the document it repeats) only what its original does not hold."""
    by_doc: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_doc[claim.doc].append(claim)
    of_doc: dict[str, list[Finding]] = {}

    def findings_of(doc: str) -> list[Finding]:  # an original's findings, read once for it and its copies
        if doc not in of_doc:
            of_doc[doc] = findings_in(by_doc.get(doc, []))
        return of_doc[doc]

    found: dict[str, Finding] = {}
    for doc, doc_claims in by_doc.items():
        original = (originals or {}).get(doc)
        mine = findings_of(doc)
        if original is not None:
            mine = not_repeated(mine, doc_claims, findings_of(original), by_doc.get(original, []))
        for finding in mine:
            found.setdefault(finding.id, finding)
    return list(found.values())


def not_repeated(found: list[Finding], claims: list[Claim], original: list[Finding],
                 original_claims: list[Claim]) -> list[Finding]:
    """A copy's in-document findings less those its original already holds (same type, verdict and
    figures): a republished story's sum is the original's, listed once; a rewrite's garbled
    figures make findings of their own."""
    held = {_figures_key(f, original_claims) for f in original}
    return [f for f in found if _figures_key(f, claims) not in held]


def _figures_key(finding: Finding, claims: list[Claim]) -> tuple:
    rows = {c.id: c for c in claims}
    figures = sorted((str(c.low), str(c.value), str(c.high)) for c in (rows.get(i) for i in finding.claims) if c)
    return finding.type, finding.holds, tuple(figures)


def findings_in(doc_claims: list[Claim]) -> list[Finding]:
    """The findings of one document's claims."""
    heads = resolve_heads(doc_claims)
    sentences = _sentences(doc_claims)
    found = []
    for index, members in enumerate(sentences):
        for run in _lists(members):
            finding = _list_finding(run, index, sentences, heads)
            if finding is not None:
                found.append(finding)
    found.extend(_shares(sentences))
    found.extend(_exact_sums(sentences, found))
    found.extend(_multipliers(doc_claims))
    listed = {c.id for members in sentences for run in _lists(members) if len(run) >= 3 for c in run}
    found.extend(_side_by_side([[c for c in members if c.id not in listed] for members in sentences], heads))
    return found


def _sentences(doc_claims: list[Claim]) -> list[list[Claim]]:
    """The document's claims with a figure, by sentence, in text order."""
    by_start: dict[int, list[Claim]] = defaultdict(list)
    for claim in doc_claims:
        # a range ("between 31,000 and 34,000") is kept so that a list holding one is not summed without it
        if (claim.value is not None or None not in (claim.low, claim.high)) and not claim.alt_year \
                and (claim.parts or 1) == 1:
            by_start[claim.sentence_start].append(claim)
    return [sorted(by_start[s], key=lambda c: c.start) for s in sorted(by_start)]


def _lists(members: list[Claim]) -> list[list[Claim]]:
    """Runs of two or more figures of one unit, each at most LIST_GAP_CHARS after the one before."""
    runs: list[list[Claim]] = []
    for claim in members:
        last = runs[-1][-1] if runs else None
        if last is not None and last.unit == claim.unit and claim.start - last.end <= LIST_GAP_CHARS \
                and claim.start >= last.end:
            runs[-1].append(claim)
        else:
            runs.append([claim])
    return [run for run in runs if len(run) >= 2]


def _gap(first: Claim, second: Claim) -> str:
    """The text of the sentence between two claims of it."""
    sentence = first.sentence or ""
    return sentence[first.end - first.sentence_start:second.start - second.sentence_start]


def _list_finding(run: list[Claim], index: int, sentences: list[list[Claim]], heads: dict) -> Finding | None:
    """The list against the total it ends with, else one nearby, else (shares) against 100%."""
    if any(c.value is None for c in run):
        return None  # a list holding a range: its sum is a range too, not checked here
    largest = max(c.value for c in run)
    run = [c for c in run if c.value >= TINY_PART * largest]  # "the other three" in a list of crowds
    if len(run) < 2:
        return None
    *rest, last = run
    after_last = (last.sentence or "")[last.end - last.sentence_start:].lower()
    if len(rest) >= 2 and (TOTAL_WORDS & set(_WORD.findall(_gap(rest[-1], last).lower()))
                           or _TOTAL_AFTER.match(after_last)):
        return _parts_finding(rest, last, abs(sum(c.value for c in rest) - last.value) < 0.5, _counted(run, heads))
    if run[0].unit == "percent":
        return None  # shares are read across sentences (`_shares`)
    for whole in run if len(run) >= 3 else []:  # "of the 5,236,918 cast, 5,027,804 valid and 209,114 blank"
        parts = [c for c in run if c.id != whole.id]
        if abs(sum(c.value for c in parts) - whole.value) < 0.5:
            return _parts_finding(parts, whole, True, _counted(run, heads))
    total = sum(c.value for c in run)
    wholes = _wholes_near(run, index, sentences, heads)
    # An exact total stated anywhere in the document for the same thing ("152 people killed" three
    # sentences before "Bajhang accounts for 96 of the dead, Bajura 23, ...").
    equal = [w for w in wholes if abs(w.value - total) < 0.5] or [
        w for w in _same_thing_anywhere(run, sentences, heads) if abs(w.value - total) < 0.5
        and w.value >= SMALLEST_TOTAL]  # "six arrested and three hurt" beside nine detentions is chance
    if equal:
        return _parts_finding(run, equal[0], True, _counted([*run, equal[0]], heads))
    short = [w for w in wholes if w.value > total >= LEAST_SHARE_OF_TOTAL * w.value]
    if len(run) >= 3 and short and all(_same_thing(c, short[0], heads) for c in run) \
            and len({_own_head(c, heads) for c in run} - {None}) <= 1:
        return _parts_finding(run, short[0], False, _counted([*run, short[0]], heads))
    return None


def _wholes_near(run: list[Claim], index: int, sentences: list[list[Claim]], heads: dict) -> list[Claim]:
    """Figures that could be the list's total: same unit, larger than each part, not a change,
    in the list's sentence or the ones around it; the list's own sentence first, then the nearest."""
    largest = max(c.value for c in run)
    order = [index] + [i for step in range(1, TOTAL_SENTENCES_BEFORE + 1) for i in (index - step,
             *((index + step,) if step <= TOTAL_SENTENCES_AFTER else ()))]
    ids = {c.id for c in run}
    found = []
    for i in order:
        if 0 <= i < len(sentences):
            found += [c for c in sentences[i] if c.id not in ids and c.unit == run[0].unit and c.value is not None
                      and c.kind == "level" and c.modality != "projected" and c.value > largest and c.value >= SMALLEST_TOTAL
                      and _same_thing(run[0], c, heads)]
    return found


def _same_thing_anywhere(run: list[Claim], sentences: list[list[Claim]], heads: dict) -> list[Claim]:
    """Levels of the document with the head of one of the list's parts (a head of its own, not a
    generic one), in text order."""
    listed = {heads.get(c.id) for c in run} - GENERIC_HEADS - {None}
    ids = {c.id for c in run}
    return [c for members in sentences for c in members if c.id not in ids and c.kind == "level"
            and c.value is not None and c.unit == run[0].unit and heads.get(c.id) in listed]


def _counted(claims: list[Claim], heads: dict) -> str | None:
    """What the figures count, when the one of them with a head of its own says so."""
    own = [h for c in claims if (h := _own_head(c, heads))]
    return own[-1] if own and len(set(own)) == 1 else None


def _own_head(claim: Claim, heads: dict) -> str | None:
    """The head a figure counts, None when it has none of its own: a generic one, or a name read as
    its head ("Bajura 18": the district, not what is counted)."""
    head = heads.get(claim.id)
    if head in GENERIC_HEADS or (claim.measure or "")[:1].isupper() and (claim.measure or "").lower() == head:
        return None
    return head


def _same_thing(part: Claim, whole: Claim, heads: dict) -> bool:
    """No sign that a part and a total count different things: their heads agree, or one has none."""
    a, b = _own_head(part, heads), _own_head(whole, heads)
    return a is None or b is None or a == b or a in GENERIC_HEADS or b in GENERIC_HEADS


def _parts_finding(parts: list[Claim], whole: Claim, holds: bool, head: str | None = None) -> Finding:
    total = sum(c.value for c in parts)
    listed = " + ".join(number(c.value) for c in parts)
    counted = f" {plural(head)}" if head else ""
    where = "in the same sentence" if whole.sentence_start == parts[0].sentence_start else "nearby"
    if holds:
        message = f"The {listed}{counted} listed by {who(parts[0])} add up to the {number(whole.value)} given {where}."
    else:
        gap = whole.value - total
        message = (f"The {listed}{counted} listed by {who(parts[0])} add up to {number(total)}, "
                   f"{number(abs(gap))} {'short of' if gap > 0 else 'more than'} the {number(whole.value)} given {where}.")
    return _finding("parts_sum", holds, [*parts, whole], message, "low" if holds else "medium")


def _shares(sentences: list[list[Claim]]) -> list[Finding]:
    """Shares of one whole: in each window of SHARE_WINDOW consecutive percentages over at most
    SHARE_SENTENCES sentences, the largest set of three or more (two in one sentence) that adds up
    to 100% within its rounding ("51.36% ... came second with 38.12%, ... 6.87% and 3.65%"); else a
    list of one sentence that nearly does, or would with a digit put back."""
    shares = [(i, c) for i, members in enumerate(sentences) for c in members
              if c.unit == "percent" and c.kind == "level" and _part_of_split(c)]
    found, used = [], set()
    for start in range(len(shares)):
        if shares[start][1].id in used:
            continue
        window = [c for i, c in shares[start:start + SHARE_WINDOW] if i - shares[start][0] < SHARE_SENTENCES]
        best = _hundred(window)
        if best:
            used.update(c.id for c in best)
            found.append(_shares_finding(best))
    for members in sentences:
        for run in _lists(members):
            if run[0].unit == "percent" and not used & {c.id for c in run} and all(_part_of_split(c) for c in run) \
                    and not all(_of_a_place(c) for c in run):
                finding = _shares_finding(run)
                if finding is not None:
                    found.append(finding)
    return found


def _part_of_split(share: Claim) -> bool:
    """Whether a percentage can be a part of a split of 100%: a figure with both bounds ("about
    14%", "86.4%"), never an open bound ("more than three in four", "below 20 percent"), whose
    sum says nothing exact."""
    return share.value is not None and share.low is not None and share.high is not None


# "76.2% in the Far North": a rate of one place, not a part of a split.
_IN_A_PLACE = re.compile(r"\s*(?:of the vote\s*)?in (?:the )?[A-Z]")


def _of_a_place(share: Claim) -> bool:
    """Whether a share is given for a place named just after it ("reached 76.2% in the Far North")."""
    after = (share.sentence or "")[share.end - share.sentence_start:]
    return bool(_IN_A_PLACE.match(after))


# Two precise counts of nearby sentences that add up exactly to a third are one whole's parts
# ("Of the 4,112,084 valid votes ..." and "A further 96,382 ballots were declared invalid" against
# 4,208,466 cast): each of at least EXACT_SUM_DIGITS significant digits, the whole of
# EXACT_SUM_SMALLEST or more, so that a sum by chance is out of the question.
EXACT_SUM_DIGITS = 3
EXACT_SUM_SMALLEST = 1000


def _exact_sums(sentences: list[list[Claim]], found: list[Finding]) -> list[Finding]:
    """Two precise counts adding up exactly to a third of the same or a nearby sentence (within
    SHARE_SENTENCES), where no finding of the document holds them already."""
    counts = [(i, c) for i, members in enumerate(sentences) for c in members
              if c.unit is None and c.kind == "level" and c.modality != "projected" and c.value is not None
              and c.low == c.value == c.high and significant_digits(c.value) >= EXACT_SUM_DIGITS]
    held = [set(f.claims) for f in found if f.type == "parts_sum"]
    sums = []
    for (i, whole) in counts:
        if whole.value < EXACT_SUM_SMALLEST:
            continue
        near = [(j, c) for j, c in counts
                if c.id != whole.id and abs(j - i) < SHARE_SENTENCES and c.value < whole.value]
        by_value: dict[int, list[tuple[int, Claim]]] = defaultdict(list)
        for pos, (j, c) in enumerate(near):
            by_value[round(c.value)].append((pos, (j, c)))
        # each part looks up its complement (whole - part), so a dense table costs pairs, not triples
        pairs = [((j, a), (k, b)) for pos, (j, a) in enumerate(near)
                 for other, (k, b) in by_value.get(round(whole.value - a.value), ()) if other > pos]
        for (j, a), (k, b) in pairs:
            ids = {a.id, b.id, whole.id}
            if abs(a.value + b.value - whole.value) < 0.5 and abs(j - k) < SHARE_SENTENCES \
                    and not any(ids <= h for h in held):
                held.append(ids)
                parts = sorted((a, b), key=lambda c: c.start)
                where = "in the same sentence" if i == j == k else "nearby"
                message = (f"The {number(parts[0].value)} and {number(parts[1].value)} {who(parts[0])} gives add up "
                           f"to the {number(whole.value)} given {where}.")
                sums.append(_finding("parts_sum", True, [*parts, whole], message, "low"))
    return sums


def _hundred(window: list[Claim]) -> list[Claim] | None:
    """The largest set of `window` (the first of them in it) adding up to 100: three or more, or two
    of one sentence, or two given to the decimal."""
    first, rest = window[0], window[1:]
    for size in range(len(rest), 0, -1):
        for others in combinations(rest, size):
            parts = [first, *others]
            if len(parts) == 2 and parts[0].sentence_start != parts[1].sentence_start \
                    and not all("." in _digits(c.text) for c in parts):
                continue  # two shares of two sentences make 100 by chance, unless to the decimal (85.87%, 14.13%)
            if abs(sum(c.value for c in parts) - 100) <= _rounding(parts) and not all(_of_a_place(c) for c in parts):
                return parts  # rates of places each named beside it (76.2%, 9.8%, 14.1%) sum to 100 by chance
    return None


def _rounding(parts: list[Claim]) -> float:
    """How far from 100 rounded shares may add up: half a unit of their last decimal each."""
    decimals = max(len(t.split(".")[1]) if "." in t else 0 for t in (_digits(c.text) for c in parts))
    return 0.5 * len(parts) * 10 ** -decimals


def _shares_finding(run: list[Claim]) -> Finding | None:
    """Shares that add to 100% (within their rounding), or three or more that nearly do, or that
    would with one digit put back (a dropped digit: 8.12% for 38.12%)."""
    total = sum(c.value for c in run)
    rounding = _rounding(run)
    listed = " + ".join(f"{number(c.value)}%" for c in run)
    if abs(total - 100) <= rounding:
        return _finding("parts_sum", True, run, f"The shares {listed} given by {who(run[0])} add up to 100%.", "low")
    # two shares far from 100% are rarely one split ("15 percent of revenue ... about 5 percent")
    dropped = dropped_digit(run, 100.0, rounding) if len(run) >= 3 else None
    if dropped is not None:
        claim, meant = dropped
        message = (f"The shares {listed} given by {who(run[0])} add up to {number(round(total, 2))}%, not 100%: "
                   f"{number(claim.value)}% reads like {number(meant)}% with a digit dropped.")
        return _finding("parts_sum", False, run, message, "high")
    if len(run) >= 3 and SHARES_NEAR[0] <= total <= SHARES_NEAR[1]:
        message = f"The shares {listed} given by {who(run[0])} add up to {number(round(total, 2))}%, not 100%."
        return _finding("parts_sum", False, run, message)
    return None


def dropped_digit(parts: list[Claim], whole: float, rounding: float) -> tuple[Claim, float] | None:
    """(the part, the figure meant) when one leading digit put back in front of one part makes
    the parts add up to the whole: 51.36 + 8.12 + 6.87 + 3.65 = 70, and 38.12 makes it 100."""
    missing = whole - sum(c.value for c in parts)
    for claim in parts:
        for digit in range(1, 10):
            for power in range(0, 7):
                place = 10 ** power
                if claim.value < place and abs(digit * place - missing) <= rounding:
                    return claim, claim.value + digit * place
    return None


def _digits(text: str) -> str:
    found = re.search(r"\d[\d,]*(?:\.\d+)?", text or "")
    return found.group(0).replace(",", "") if found else ""


# -- two sources side by side ------------------------------------------------------------------

def _side_by_side(sentences: list[list[Claim]], heads: dict) -> list[Finding]:
    """Figures of one thing from two or more sources within RIVAL_SENTENCES of each other that
    cannot all hold: one finding for each group of such figures."""
    levels = [(i, c) for i, members in enumerate(sentences) for c in members
              if c.kind == "level" and c.source and c.modality not in {"denied", "disputed", "projected"}]
    loose = GENERIC_HEADS | {None}
    # (its own head, not one borrowed from a neighbour: "8,000 people" after "Thousands march")
    lone = {c.id for members in sentences if len(members) == 1 for c in members
            if _middle(c) >= LONE_RIVAL_SMALLEST and c.head in loose}
    pairs = [(a, b) for (i, a), (j, b) in combinations(levels, 2) if abs(i - j) <= RIVAL_SENTENCES and (
        _rivals(a, b, i == j, heads) or {a.id, b.id} <= lone and _rivals(a, b, True, {}))]
    groups: list[list[Claim]] = []
    for a, b in pairs:
        group = next((g for g in groups if a in g or b in g), None)
        if group is None:
            groups.append([a, b])
        else:
            group.extend(c for c in (a, b) if c not in group)
    return [_rivals_finding(sorted(g, key=lambda c: c.start)) for g in groups]


def _middle(claim: Claim) -> float:
    """The figure, or the middle of its range."""
    if claim.value is not None:
        return claim.value
    return (claim.low + claim.high) / 2 if None not in (claim.low, claim.high) else 0.0


def _rivals(a: Claim, b: Claim, same_sentence: bool, heads: dict) -> bool:
    """Two figures of one thing (same head, or no head in one sentence, or each the only figure of
    two sentences side by side) from different sources that cannot both hold."""
    head_a, head_b = heads.get(a.id), heads.get(b.id)
    if a.unit != b.unit or names.same_source(a.source, b.source) or a.qualifier != b.qualifier:
        return False
    if "publisher" in (a.source_kind, b.source_kind):
        return False  # a story does not dispute itself unsaid (as checks._comparable): its own figure counts another thing
    if a.location and b.location and names.canonical_place(a.location) != names.canonical_place(b.location):
        return False  # "1,500 in the country ... about 1,000 in Mali"
    loose = GENERIC_HEADS | {None}
    if head_a in loose or head_b in loose:
        # a figure with no head of its own is compared only within its sentence, where it counts
        # what the other figure counts ("20,000 without shelter, ... between 48,000 and 55,000")
        if not same_sentence:
            return False
    else:
        return False  # figures with a head of their own are the series check's (checks.check_disagreements)
    smaller, larger = sorted(abs(_middle(x)) for x in (a, b))
    return smaller > 0 and larger <= RIVAL_RATIO * smaller and _disjoint(a, b) and not not_rivals(a, b)


def not_rivals(a: Claim, b: Claim) -> bool:
    """Signs that two figures of one head are not rival counts of one thing: one is a part of a
    list of three or more the other totals exactly ("200 in all ... 120 to the army, 50 to the
    police and 30 to the gendarmerie"), or of four or more short of it (two or three figures that
    fall short are as often a coincidence: "six arrested and three hurt" beside nine detentions), one is a running total and the other
    one day's count ("61 since May 8" and "41 on Thursday"), one is given as a part of another
    ("eight of them"), or they are two candidates' shares."""
    smaller, larger = sorted((a, b), key=lambda c: c.value if c.value is not None else c.high or 0)
    chain = listed_with(smaller)
    if larger.value in chain and larger.sentence == smaller.sentence:
        chain.remove(larger.value)  # "75 dead; the districts report 40, 22, 9 and 4"
    if larger.value is not None and len(chain) >= 3 and (abs(sum(chain) - larger.value) < 0.5
                                                         or len(chain) >= 4 and sum(chain) <= larger.value):
        return True
    if is_cumulative(a) != is_cumulative(b) or is_subset(a) or is_subset(b):
        return True
    if min(len(a.head or "xxx"), len(b.head or "xxx")) < 3:
        return True  # "41m" read as 41 of a thing called "m"
    # Shares: comparable when both name the same party, or neither names one (a turnout).
    parties = party(a), party(b)
    return parties[0] != parties[1]


def _disjoint(a: Claim, b: Claim) -> bool:
    """Intervals that do not meet, or an "up to" far above a definite figure (figures.disagree)."""
    return disagree(a, b)


def _rivals_finding(group: list[Claim]) -> Finding:
    told = [f"{figure_text(c)} according to {who(c)}" for c in group]
    message = capital(f"{', '.join(told[:-1])} and {told[-1]}: the sources disagree on the same figure.")
    return _finding("source_disagreement", None, group, message)




def _finding(kind: str, holds: bool | None, claims: list[Claim], message: str, severity: str = "medium") -> Finding:
    sentences = tuple(dict.fromkeys(c.sentence for c in claims))
    return make_finding(kind, holds, claims, [claims[0].doc], message, severity, (IN_DOCUMENT, *sentences))


# -- multipliers: "tripled" against the figures it describes ------------------------------

# A multiplier ("doubled", "tripled") describes the two figures its own sentence gives after it
# ("doubled, from 85 to 120"), else the last two a story gave of one thing before it, within this
# many characters (a paragraph or two of wire copy).
MULTIPLIER_WINDOW_CHARS = 600
# ... and contradicts them when the factor they give is this far from it, relative: x2.4 for
# "tripled" is off by a fifth; x2.8 is a fair "tripled" in news copy.
MULTIPLIER_TOLERANCE = 0.15


def _multipliers(doc_claims: list[Claim]) -> list[Finding]:
    """A multiplier ("we tripled") whose factor the figures it describes do not give."""
    found = []
    ordered = sorted(doc_claims, key=lambda c: c.start)
    for claim in ordered:
        if claim.unit != "times" or not claim.value or claim.value < 2:
            continue
        counts = [c for c in ordered if c.unit is None and c.kind == "level" and c.value and c.value > 0]
        # "doubled during the month, from 85 in the first two weeks to 120": its own sentence's figures
        after = [c for c in counts if c.start > claim.start and c.sentence_start == claim.sentence_start]
        before = [c for c in counts if c.start < claim.start and claim.start - c.start <= MULTIPLIER_WINDOW_CHARS]
        if len(after) >= 2:
            first, second = after[0], after[1]
        elif len(before) >= 2:
            first, second = before[-2], before[-1]
        else:
            continue
        if first.head and second.head and first.head != second.head:
            continue
        factor = second.value / first.value
        if factor <= 1 or abs(factor - claim.value) / claim.value <= MULTIPLIER_TOLERANCE:
            continue
        message = (f"{capital(who(claim))} says it {claim.text} (x{number(claim.value)}), but the figures it "
                   f"describes, {number(first.value)} and then {number(second.value)}, make a factor of {factor:.1f}.")
        found.append(make_finding("suspicious_number", None, [first, second, claim], [claim.doc], message,
                                  "medium", (claim.sentence, first.sentence, second.sentence)))
    return found
