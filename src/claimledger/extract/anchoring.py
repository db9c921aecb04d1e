"""Stage 5: when a figure holds (its as-of time).

The time expressions come from `timex.find_times`, anchored to the
publication date.  A figure's as-of time is the expression that governs it:
one attached to the same clause as the figure, never one attached only to
the reporting verb ("said on Thursday" dates the statement, not the figure).
A past-tense sentence with no time of its own continues the time of the
sentence before it in the same paragraph (narrative time).  A present-tense
figure with no time holds at publication, and so does any other figure nothing
else dates: every claim of a dated document has an as-of time, and its
`time_rule` says which of these readings gave it (TIME_RULES).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..data.measures_en import REPORTING_LEMMAS
from ..data.time_en import REPORT_NOUNS, RUNNING_TOTAL_VERBS, VOTE_BODIES, VOTE_EVENTS, VOTE_RESULT_HEADS
from .measure import governing_verb
from ..read.dates import DATELINE
from ..records import UNDATED_RULES, Claim, TimeExpr
from ..timespan import TimeSpan, days_between

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Calendar values are stored as written at their own precision ("2020-12").
CALENDAR_VALUE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?|-W\d{2}|-Q\d)?$")
WEEK_OR_QUARTER = re.compile(r"-[WQ]\d")
DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# A named part of a day ("2024-10-17TMO" for "Thursday morning"): a figure it dates holds on that
# day, the grain the ledger keeps.  A bare clock time ("at 5 p.m.") is left out: it carries no day
# of its own, only the publication date's.
DAY_TIME_VALUE = re.compile(r"^(\d{4}-\d{2}-\d{2})T(?:MO|AF|EV|NI|DT)$")
# A date line, a headline or a byline stays under 80 characters; a paragraph of prose runs longer.
PROSE_MIN_CHARS = 80
# ... and prose ends its paragraph with a full stop or a closing quote, where a headline
# ("Buenos Aires brought to a standstill by general strike as clashes erupt") has none.
PROSE_ENDS = (".", "!", "?", '"', "”", "'", "’", ")")
# News reports the event of the day before or of the last days; an older date in the lead
# ("since the marches began on May 8") is background, not the event.
EVENT_DAYS = 3


# How a claim's as-of time was read, from the most to the least direct.
TIME_RULES = {
    "stated": "a time expression in the figure's own clause",
    "reported": "the date of the statement or the report (a bulletin issued on Wednesday) that gives the figure, or that its source's figures before it come from",
    "since": "a running count from a stated time (\"since January\", \"in the past week\") to when it is reported",
    "narrative": "the time of the sentence before, in the same paragraph, or the earlier time \"by then\" points back to",
    "event": "nothing in its sentence dates it: the day of the news the story reports, the last its opening names",
    "vote": "a vote's result: the day of the vote the text names",
    "present": "a present-tense figure: it holds when the text was published",
    "headline": "a figure of the headline the story's body restates: the time the body gives it",
    "publication": "nothing in the text dates it: as of the publication date",
}


@dataclass(frozen=True)
class AsOf:
    time_start: str | None
    time_end: str | None
    time_text: str | None
    rule: str | None = None


UNKNOWN = AsOf(None, None, None)


def calendar_bounds(expr: TimeExpr) -> tuple[str | None, str | None]:
    """ISO bounds at the expression's own precision (a part of a day: its day); None for
    non-calendar values."""
    day = DAY_TIME_VALUE.match(expr.value)
    if day:
        return day[1], day[1]
    if CALENDAR_VALUE.match(expr.value):
        start = expr.time_start or expr.value
        end = expr.time_end or expr.value
        # keep the precision of the value: "2020-12" not "2020-12-01"; a week or a
        # quarter has no such prefix and keeps its first and last days
        if len(expr.value) < len(start) and not WEEK_OR_QUARTER.search(expr.value):
            start, end = start[: len(expr.value)], end[: len(expr.value)]
        return start, end
    return None, None


class TimeIndex:
    """The time expressions of one parsed document, placed on its tokens."""

    def __init__(self, doc: "Doc", times: list[TimeExpr], text: str = "", published: str | None = None,
                 figures: Sequence[tuple[int, int]] = ()) -> None:
        self.doc = doc
        # where the document's figures stand (start offsets, in order): a time past another figure is its
        self.figure_starts = sorted(start for start, _ in figures)
        # `text` is the document's own (the parse blanks the sentences no figure needs)
        self.event = lead_event(text, times, published)
        self.vote = vote_day(text, times, published)
        self.report = issued_report(text, times, published)
        self.dispatch = dispatch_day(text, times, published)
        self.times = times
        self.source = text
        self.placed: list[tuple[TimeExpr, "Token"]] = []
        dateline = dateline_span(text)
        # spaCy joins every token of the doc to make `doc.text`: once per document, not per use.
        self.text = text = doc.text
        for expr in times:
            # A time in a sentence the selective parse blanked is not in `doc`.
            if text[expr.start:expr.end] != expr.text:
                continue
            # the dispatch's dateline ("KIGOMA, April 4 (Wire) - Another 12,000 ...") dates the
            # dispatch, not the figure beside it (`dispatch_day` reads it)
            if dateline is not None and dateline[0] <= expr.start < dateline[1]:
                continue
            # "by then" points back to a time named before in its paragraph (`anaphoric_time`), which
            # may be a part of a day the time expressions pass over when they fill it in
            if any(m.start() <= expr.start and expr.end <= m.end()
                   for m in ANAPHORIC_TIME.finditer(self.source, max(0, expr.start - 20), expr.end + 20)):
                continue
            span = doc.char_span(expr.start, expr.end, alignment_mode="expand")
            if span is not None:
                self.placed.append((expr, span.root))

    def in_sentence(self, sentence: "Span") -> list[tuple[TimeExpr, "Token"]]:
        return [(e, t) for e, t in self.placed if sentence.start <= t.i < sentence.end]

    def figure_between(self, figure: "Span", expr: TimeExpr) -> bool:
        """Whether another figure stands between `figure` and the time `expr` ("43,500, up from
        34,000 in mid-August": mid-August is the 34,000's time, not the 43,500's)."""
        left, right = (figure.end_char, expr.start) if expr.start >= figure.end_char else (expr.end, figure.start_char)
        # a figure inside the phrase of what ours counts is a part of it ("27 people, including 11
        # children, died between January and March")
        root = figure.root
        counted = root.head if root.dep_ == "nummod" and root.head.pos_ in {"NOUN", "PROPN"} else root
        phrase = (counted.left_edge.idx, counted.right_edge.idx + len(counted.right_edge))
        i = bisect_left(self.figure_starts, left)
        while i < len(self.figure_starts) and self.figure_starts[i] < right:
            if not phrase[0] <= self.figure_starts[i] < phrase[1]:
                return True
            i += 1
        return False


# The story's news is told in its opening, the lead and the paragraph after it ("The government said
# it had released 300 on Thursday and Friday" often stands second, under a lead with no day); the
# stories of the tuning part (a-h) read best with two (one: 0.556, two: 0.560, three: 0.556).
OPENING_PARAGRAPHS = 2


def lead_event(text: str, times: list[TimeExpr], published: str | None) -> AsOf | None:
    """The day of the news a story reports: the last day its opening names (the event or the
    statement of it: "struck late on Tuesday ... officials said on Wednesday" is news of Wednesday),
    run on to the end of a stretch ("on Thursday and Friday"), at most EVENT_DAYS before
    publication; not the dispatch's dateline ("KATHMANDU, Oct 16 (Wire) -") nor an event's name
    ("Tuesday's quake")."""
    opening = opening_span(text) if published and text else None
    if opening is None:
        return None
    start, end = opening
    dateline = dateline_span(text)
    after_dateline = dateline[1] if dateline else start
    latest: AsOf | None = None
    for expr in times:
        day = calendar_bounds(expr)[0]
        if not (after_dateline <= expr.start < end) or day is None or not DAY_VALUE.match(day):
            continue
        if text[expr.end:expr.end + 2] in ("'s", "’s"):
            continue
        as_of = stretch_end(AsOf(day, day, expr.text, "event"), expr, times, text)
        if 0 <= days_between(as_of.time_end, published[:10]) <= EVENT_DAYS and (latest is None or as_of.time_end > latest.time_end):
            latest = AsOf(as_of.time_end, as_of.time_end, as_of.time_text, "event")
    return latest


def lead_span(text: str) -> tuple[int, int] | None:
    """(start, end) of the story's lead, the first paragraph of prose; None if it has none."""
    start = first_prose_line(text)
    if start is None:
        return None
    end = text.find("\n", start)
    return start, len(text) if end < 0 else end


def opening_span(text: str) -> tuple[int, int] | None:
    """(start, end) of the story's opening: its lead and the paragraphs after it, OPENING_PARAGRAPHS
    in all; None if it has no prose."""
    lead = lead_span(text)
    if lead is None:
        return None
    start, end = lead
    for _ in range(OPENING_PARAGRAPHS - 1):
        following = re.search(r"\S[^\n]*", text[end:])
        if following is None:
            break
        end += following.end()
    return start, end


# "Sunday's presidential election", "the November 14 vote": a day, then at most two words, then the
# vote (not the body that runs it: "Thursday by the election authority").
VOTE_AFTER = re.compile(r"^(?:'s|’s)?(?:\s+[a-z-]+){0,2}?\s+(?:" + "|".join(sorted(VOTE_EVENTS, key=len, reverse=True))
                        + r")\b(?!\s+(?:" + "|".join(sorted(VOTE_BODIES)) + r")\b)")
# "the referendum on Sunday", "voted on 14 November", "went to the polls on Sunday".
VOTE_BEFORE = re.compile(r"\b(?:" + "|".join(sorted(VOTE_EVENTS, key=len, reverse=True)) + r"|voted|voters \w+)\s+(?:held\s+)?(?:on|of)\s+$")
# "the last presidential election", "the previous vote": a result of another vote than the text's.
OTHER_VOTE = re.compile(r"\b(?:last|previous|earlier|former|past|(?:19|20)\d\d)\s+(?:[a-z-]+\s+){0,2}?(?:"
                        + "|".join(sorted(VOTE_EVENTS, key=len, reverse=True)) + r")\b", re.IGNORECASE)
RELEASED_BEFORE = re.compile(r"\b(?:released|published|announced|issued|declared)\s+(?:\w+\s+){0,4}$")


def vote_day(text: str, times: list[TimeExpr], published: str | None) -> TimeExpr | None:
    """The day of the vote a text reports the results of, when it names it (not after publication)."""
    for expr in times:
        if not DAY_VALUE.match(expr.value) or (published and expr.value > published[:10]):
            continue
        after = text[expr.end:expr.end + 40].lower()
        before = text[max(0, expr.start - 30):expr.start].lower()
        if VOTE_AFTER.match(after) or VOTE_BEFORE.search(before):
            return expr
    return None


# Words that open another clause or another item: a time beyond them is not the figure's.
CLAUSE_BREAKS = frozenset({";", ":", "and", "but", "while", "whereas", "after", "before", "when", "as", "than"})
# "600 soldiers in July": a time this close in the same stretch of a sentence dates the figure
# even where the parse hangs it elsewhere.
NEAR_TOKENS = 8


def near_time(figure: "Span", index: TimeIndex) -> TimeExpr | None:
    """A dated time beside the figure in the same clause that the parse did not attach to it."""
    best: tuple[int, TimeExpr] | None = None
    for expr, token in index.in_sentence(figure.sent):
        if not calendar_bounds(expr)[0] or dates_a_thing(token):
            continue
        verb = governing_verb(token)
        if verb is not None and verb.lemma_.lower() in REPORTING_LEMMAS:
            continue
        if (apart(verb, token, governing_verb(figure.root), figure.root) or index.figure_between(figure, expr)
                or compared(figure, expr, index)):
            continue
        span = index.doc.char_span(expr.start, expr.end, alignment_mode="expand")
        if span is None:
            continue
        left, right = (figure.end, span.start) if span.start >= figure.end else (span.end, figure.start)
        between = index.doc[left:right]
        if right - left > NEAR_TOKENS or any(t.lower_ in CLAUSE_BREAKS or t.pos_ == "VERB" for t in between):
            continue
        if best is None or right - left < best[0]:
            best = (right - left, expr)
    return best[1] if best else None


# A clause that describes a noun: "the appeal, launched in August, is 36% funded".
NOUN_CLAUSES = frozenset({"acl", "relcl"})


def apart(time_verb: "Token | None", time_token: "Token", verb: "Token | None", figure: "Token") -> bool:
    """Whether a time and a figure stand in different clauses, one of them describing a noun ("the
    appeal, launched in August, is 36% funded"; "Nduta, designed for 50,000, held 74,000 in
    December"): the time of one is not the other's, however close they stand."""
    if time_verb is None or verb is None or time_verb == verb:
        return False
    return ((time_verb.dep_ in NOUN_CLAUSES and figure not in time_verb.subtree)
            or (verb.dep_ in NOUN_CLAUSES and time_token not in verb.subtree))


def antecedent_time(verb: "Token | None", index: TimeIndex, sentence: "Span") -> TimeExpr | None:
    """The time that dates the thing a relative clause describes ("a drone strike near the town on
    May 20, which killed nine": the nine were killed on May 20), the last one before the clause."""
    if verb is None or verb.dep_ != "relcl":
        return None
    thing = verb.head
    clause = {t.i for t in verb.subtree}
    dated = [e for e, t in index.in_sentence(sentence) if calendar_bounds(e)[0] and t.i < verb.i
             and t.i not in clause and (t.i == thing.i or thing in t.ancestors)]
    return dated[-1] if dated else None


def timed_clause(figure: "Span", index: TimeIndex) -> bool:
    """Whether a time of the figure's own, dated or not ("on Saturday night", "in the 2018
    election"), attaches to its clause or stands right beside it; the day results were released
    ("results released on Monday gave her 51%") is not the figure's own."""
    verb = governing_verb(figure.root)
    near = near_time(figure, index)
    return any((e is near or governs(t, verb)) and not dates_a_thing(t)
               and not RELEASED_BEFORE.search(index.text[max(0, e.start - 60):e.start])
               for e, t in index.in_sentence(figure.sent))


def figure_time(figure: "Span", index: TimeIndex, published: str | None, head: str | None = None) -> AsOf:
    """The as-of time of the figure whose tokens are `figure` (counting `head`): its own
    reading, else the publication date (UNKNOWN only in an undated document)."""
    found = own_time(figure, index, published)
    if (head in VOTE_RESULT_HEADS and index.vote is not None and not timed_clause(figure, index)
            and not OTHER_VOTE.search(figure.sent.text)):
        return from_expr(index.vote, "vote")
    if found.rule in (None, "present") and index.report is not None and REPORT_REFERENCE.search(figure.sent.text):
        # "the report said 61 percent ...": the figures of the report the story dated earlier
        return from_expr(index.report, "reported")
    if found is not UNKNOWN:
        return found
    earlier = anaphoric_time(figure.sent, index)
    if earlier is not None:
        return earlier
    verb = governing_verb(figure.root)
    issued = report_date(figure.sent, index)
    if issued is not None:
        return issued
    if is_simple_past(verb):
        # "said on Monday that 119 people were killed": the count as the statement gives it
        stated = reported_time(verb, index, figure.sent)
        if stated is not None:
            return stated
    if index.event is not None:
        # nothing in its sentence dates it: the day of the news the story reports
        return index.event
    now = index.dispatch or published
    if now:
        return AsOf(now[:10], now[:10], None, "publication")
    return found


def own_time(figure: "Span", index: TimeIndex, published: str | None) -> AsOf:
    """The time the figure's text gives it, or UNKNOWN."""
    sentence = figure.sent
    verb = governing_verb(figure.root)
    own = [(e, t) for e, t in index.in_sentence(sentence) if governs(t, verb) and not dates_a_thing(t)
           and (opens(t, sentence) or not index.figure_between(figure, e)) and not compared(figure, e, index)]
    dated = [e for e, _ in own if calendar_bounds(e)[0]]
    near = near_time(figure, index) or antecedent_time(verb, index, sentence)
    if near is not None:
        # the time right beside the figure first: "600 in July and 550 in October"
        dated = [near] + [e for e in dated if e is not near]
    total = running_total_time(verb, index, sentence)
    if total is not None and (not dated or is_since(dated[0], index.text) or dated[0].text == total.time_text):
        # the increase's time, not one of the total's own ("to 52,700 by April 30")
        return total
    if dated:
        if (is_since(dated[0], index.text) or is_trailing(dated[0], index.text)) and attaches_to(dated[0], verb, index):
            # "have left since January": a running count from then to when it is reported
            until = statement_time(verb, index, sentence, published)
            if until.time_end is not None:
                return AsOf(calendar_bounds(dated[0])[0], until.time_end, dated[0].text, "since")
        return through_next(from_expr(dated[0], "stated", index.text), dated[0], index)
    if (any(e.value == "PRESENT_REF" for e, _ in own) or is_present(verb) or is_backshifted_state(verb)
            or said_in_present(verb)):
        return statement_time(verb, index, sentence, index.dispatch or published)
    if not index.in_sentence(sentence) and is_past(verb) and not moves_time_on(sentence):
        return narrative_time(sentence, index)
    return UNKNOWN


# "380,000 more than for the 2020 election", "a 40% rise on its estimate of a week earlier": after
# these words stands the time of what the figure is compared with.
COMPARED_WITH = re.compile(r"\b(?:than|compared (?:with|to)|against|up from|down from|on (?:its|their|the) (?:\w+ )?(?:estimate|figure|count)s?)\b", re.IGNORECASE)


def compared(figure: "Span", expr: TimeExpr, index: TimeIndex) -> bool:
    """Whether the time `expr` after the figure dates what it is compared with, not the figure."""
    return expr.start >= figure.end_char and bool(COMPARED_WITH.search(index.text, figure.end_char, expr.start))


# "In 2022, floods that covered a third of the country killed 1,700": a time that opens the
# sentence ("In 2022", "Last year", "On Monday") sets the scene for all of it, figures between or not.
OPENING_TOKENS = 2


def opens(time_token: "Token", sentence: "Span") -> bool:
    return time_token.i - sentence.start <= OPENING_TOKENS


def running_total_time(verb: "Token | None", index: TimeIndex, sentence: "Span") -> AsOf | None:
    """"Another 12,000 crossed in March, bringing the total to 36,600": a total an increase over a
    period brings to a new level holds when the period ends (its last day: the end of March). The
    period is the last time the sentence names before the total that no reporting verb governs.
    An increase of a day ("on Monday, bringing the toll to 94") is left to the other readings:
    such a total is the news of the day it is reported."""
    total = next((v for v in [verb, *list(verb.ancestors)[:2]] if v.tag_ == "VBG"
                  and v.lemma_.lower() in RUNNING_TOTAL_VERBS), None) if verb is not None else None
    if total is None:
        return None
    earlier = [e for e, t in index.in_sentence(sentence) if t.i < total.i and calendar_bounds(e)[0]
               and not (governing_verb(t) is not None and governing_verb(t).lemma_.lower() in REPORTING_LEMMAS)]
    if not earlier or DAY_VALUE.match(calendar_bounds(earlier[-1])[1]):
        return None
    as_of = from_expr(earlier[-1], "stated")
    span = TimeSpan.parse(as_of.time_end)
    return AsOf(as_of.time_start, span.last.isoformat() if span is not None else as_of.time_end, as_of.time_text, "stated")


# "a ministry bulletin issued at 7 a.m. on", "its final report, dated": a document and the day it came out.
REPORT_ISSUED = re.compile(r"\b(?:" + "|".join(sorted(REPORT_NOUNS, key=len, reverse=True))
                           + r"),?\s+(?:issued|published|released|dated|put out)\s+(?:on\s+|at\s+)?$", re.IGNORECASE)


def report_date(sentence: "Span", index: TimeIndex) -> AsOf | None:
    """The day of the bulletin or report a sentence attributes its figures to ("according to a
    ministry bulletin issued on Wednesday"): its figures hold as that document gives them."""
    for expr, _ in index.in_sentence(sentence):
        day = expr.value[:10]
        if DAY_VALUE.match(day) and REPORT_ISSUED.search(index.text[max(0, expr.start - 60):expr.start]):
            return AsOf(day, day, expr.text, "reported")
    return None


# "The Home Ministry on Tuesday issued what it called its final figures": a day, then its document.
REPORT_ISSUED_AFTER = re.compile(r"^\s+(?:issued|released|published|put out)\s+(?:[\w']+\s+){0,5}?(?:"
                                 + "|".join(sorted(REPORT_NOUNS, key=len, reverse=True)) + r")\b", re.IGNORECASE)
# "the report said", "according to the ministry's final report": a sentence pointing back to a report.
REPORT_REFERENCE = re.compile(r"\b(?:the|its|their|this|that|[A-Za-z]+'s)\s+(?:[a-z-]+\s+)?(?:report|bulletin)\b", re.IGNORECASE)


def issued_report(text: str, times: list[TimeExpr], published: str | None) -> TimeExpr | None:
    """The day a report or bulletin the story is about was issued ("a report released on
    Thursday"), the first the text names, not after publication."""
    for expr in times:
        if not DAY_VALUE.match(expr.value) or (published and expr.value > published[:10]):
            continue
        if (REPORT_ISSUED.search(text[max(0, expr.start - 60):expr.start])
                or REPORT_ISSUED_AFTER.match(text[expr.end:expr.end + 80])):
            return expr
    return None


def dateline_span(text: str) -> tuple[int, int] | None:
    """(start, end) of the dateline opening the story's lead ("BANGUI, March 18 (Wire) -"), or None."""
    lead = lead_span(text) if text else None
    dateline = DATELINE.match(text[lead[0]:lead[1]]) if lead else None
    return (lead[0], lead[0] + dateline.end()) if dateline else None


def dispatch_day(text: str, times: list[TimeExpr], published: str | None) -> str | None:
    """The day in the dispatch's dateline ("BANGUI, March 18 (Wire) -") when it is a few days
    before the publication date: a dispatch republished later speaks as of its own day."""
    dateline = dateline_span(text) if published else None
    if dateline is None:
        return None
    for expr in times:
        if dateline[0] <= expr.start < dateline[1] and DAY_VALUE.match(expr.value):
            if 0 < days_between(expr.value, published[:10]) <= EVENT_DAYS:
                return expr.value
    return None


# "had registered 21,500 by then", "by that date it had reached 9,650": a time named earlier.
ANAPHORIC_TIME = re.compile(r"\b(?:by then|by that (?:date|time|day|point)|at that (?:time|point)|on that day)\b", re.IGNORECASE)


def anaphoric_time(sentence: "Span", index: TimeIndex) -> AsOf | None:
    """The time "by then" points back to: the last dated time before it in the same paragraph."""
    if not index.source:
        return None
    anaphor = ANAPHORIC_TIME.search(index.source, sentence.start_char, sentence.end_char)
    if anaphor is None:
        return None
    paragraph = index.source.rfind("\n", 0, anaphor.start()) + 1
    before = [e for e in index.times if paragraph <= e.start and e.end <= anaphor.start()
              and (calendar_bounds(e)[0] or DAY_VALUE.match(e.value[:10]))]
    if not before:
        return None
    if calendar_bounds(before[-1])[0]:
        return from_expr(before[-1], "narrative", index.source)
    day = before[-1].value[:10]  # "on Monday evening": the day of a part of a day
    return AsOf(day, day, before[-1].text, "narrative")


# "on Friday and Saturday", "from Monday to Wednesday": two times joined into one stretch.
TIMES_JOINED = re.compile(r"^\s*(?:and|to|through|until|-|\u2013)\s+(?:on\s+|in\s+)?$")


def through_next(as_of: AsOf, expr: TimeExpr, index: TimeIndex) -> AsOf:
    """`as_of` run on to the end of the time joined to `expr` ("recovered 23 bodies on Friday and
    Saturday": the count holds at the end of the stretch)."""
    return stretch_end(as_of, expr, [e for e, _ in index.placed], index.text)


def stretch_end(as_of: AsOf, expr: TimeExpr, times: list[TimeExpr], text: str) -> AsOf:
    """`as_of` run on to the end of the time of `times` joined to `expr` in `text`."""
    following = next((e for e in times if e.start >= expr.end and TIMES_JOINED.match(text[expr.end:e.start])), None)
    # at the joined time's own precision ("the end of March" stays "2024-03", as the figure's writers have it)
    end = calendar_bounds(following)[1] if following is not None else None
    if end is None or as_of.time_start is None or end < as_of.time_start:
        return as_of
    return AsOf(as_of.time_start, end, text[expr.start:following.end], as_of.rule)


def is_backshifted_state(verb: "Token | None") -> bool:
    """"X said the figure was 1,890": a past-tense state reported in past speech holds
    when the statement is made (English shifts the tense back, not the time)."""
    return (verb is not None and verb.lemma_ == "be" and verb.tag_ == "VBD" and verb.dep_ == "ccomp"
            and verb.head.lemma_.lower() in REPORTING_LEMMAS)


def said_in_present(verb: "Token | None") -> bool:
    """"The police say 21 officers were injured": a count a source gives in the present tense is
    its count as the text is published, whatever the tense of what it counts."""
    return (verb is not None and verb.dep_ == "ccomp" and verb.head.lemma_.lower() in REPORTING_LEMMAS
            and verb.head.tag_ in {"VBZ", "VBP"})


def statement_time(verb: "Token | None", index: TimeIndex, sentence: "Span", published: str | None) -> AsOf:
    """When the figure's statement was made: the reporting verb's own date, else publication."""
    stated = reported_time(verb, index, sentence)
    if stated is not None:
        return stated
    return AsOf(published[:10], published[:10], None, "present") if published else UNKNOWN


def reported_time(verb: "Token | None", index: TimeIndex, sentence: "Span") -> AsOf | None:
    """The date of the reporting verb that governs the figure's clause ("said on Monday that ...")."""
    if verb is None or verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in REPORTING_LEMMAS:
        return None
    dated = [e for e, t in index.in_sentence(sentence)
             if governing_verb(t) is not None and governing_verb(t).i == verb.head.i and calendar_bounds(e)[0]]
    return from_expr(dated[0], "reported") if dated else None


def attaches_to(expr: TimeExpr, verb: "Token | None", index: TimeIndex) -> bool:
    """Whether the expression hangs on `verb` itself ("sent 250 since mid-2021"), not on a clause
    above the figure's ("... since mid-2021, when it gave their number as 1,135")."""
    token = next((t for e, t in index.placed if e is expr), None)
    return token is not None and verb is not None and governing_verb(token) == verb


# "has risen by 55 in the past week to 241": a stretch that runs up to when it is told.
TRAILING = re.compile(r"^(?:the\s+)?(?:past|last)\s+(?:\w+\s+)?(?:days?|weeks?|months?|years?)$", re.IGNORECASE)


def is_trailing(expr: TimeExpr, text: str) -> bool:
    """"in the past week", "over the last two months": a running count up to its statement, like "since"."""
    before = text[max(0, expr.start - 8):expr.start].lower().split()
    return bool(TRAILING.match(expr.text)) and bool(before) and before[-1] in {"in", "over", "during", "within"}


def is_since(expr: TimeExpr, text: str) -> bool:
    return text[max(0, expr.start - 6):expr.start].lower().rstrip().endswith("since")


def dates_a_thing(time_token: "Token") -> bool:
    """"last Tuesday's earthquake", "the October 15 quake": the time names an event, it does
    not date a clause."""
    for token in (time_token, *list(time_token.ancestors)[:2]):
        if token.dep_ in {"poss", "compound", "nmod", "amod"} and token.head.pos_ in {"NOUN", "PROPN"}:
            return True
        if token.pos_ in {"VERB", "AUX"}:
            return False
    return False


def governs(time_token: "Token", verb: "Token | None") -> bool:
    """True when the time expression attaches to the figure's own clause."""
    if verb is None:
        return False
    time_verb = governing_verb(time_token)
    if time_verb is None:
        return False
    if time_verb == verb:
        return True
    if time_verb.lemma_.lower() in REPORTING_LEMMAS:
        return False
    if during(time_verb, verb):
        return True
    # the figure's clause sits under the time's verb, not as a coordinated clause nor as a relative
    # clause, which has a time of its own ("27 died since last week in Sindh, where the toll has reached 77")
    node = verb
    while node.head.i != node.i and node.i != time_verb.i:
        if node.dep_ == "conj" or (node.dep_ == "relcl" and not opens(time_token, time_token.sent)):
            return False
        node = node.head
    return node.i == time_verb.i


# The words that open a clause of another time than the one it hangs on: "killed after the
# floods began in March" does not date the deaths in March.
OTHER_TIME_MARKS = frozenset({"after", "before", "until", "till", "since", "once", "if", "unless", "because",
                              "although", "though", "whereas", "so"})


def during(clause: "Token", verb: "Token") -> bool:
    """Whether `clause` is a clause of `verb` that happens with it ("died while fleeing between
    January and March", "were wounded when gunmen fired on Sunday"): its time is `verb`'s too."""
    return (clause.dep_ == "advcl" and clause.head == verb
            and not any(c.dep_ == "mark" and c.lower_ in OTHER_TIME_MARKS for c in clause.children))


# Adverbs that move a narrative past the time of the sentence before:
# "It sent 175 in 2018. That number later grew to 235." (235 is not a 2018 figure).
SEQUENCE_ADVERBS = frozenset({"later", "subsequently", "afterwards", "afterward", "since", "then", "eventually", "now"})


def moves_time_on(sentence: "Span") -> bool:
    return any(token.lower_ in SEQUENCE_ADVERBS for token in sentence)


def narrative_time(sentence: "Span", index: TimeIndex) -> AsOf:
    """The time of the previous sentence, when both stand in one paragraph."""
    doc = sentence.doc
    if sentence.start == 0:
        return UNKNOWN
    previous = doc[sentence.start - 1].sent
    if "\n" in index.text[previous.start_char: sentence.start_char]:
        return UNKNOWN  # a paragraph break (or a title) stands between them
    dated = [e for e, _ in index.in_sentence(previous) if calendar_bounds(e)[0]]
    return from_expr(dated[-1], "narrative") if dated else UNKNOWN


def from_expr(expr: TimeExpr, rule: str, text: str = "") -> AsOf:
    start, end = calendar_bounds(expr)
    if text and is_period_end(expr, text):
        # "registered by the end of March": the count holds on the period's last day
        span = TimeSpan.parse(end)
        end = span.last.isoformat() if span is not None else end
    return AsOf(start, end, expr.text, rule)


def is_period_end(expr: TimeExpr, text: str) -> bool:
    """"by March", "(by|at) the end of March", "March's end": a figure reached when the period closes."""
    lowered = expr.text.lower()
    before = text[max(0, expr.start - 4):expr.start].lower()
    return lowered.startswith(("the end of", "end of")) or lowered.endswith("'s end") or before.endswith("by ")


def tensed(verb: "Token | None") -> "Token | None":
    """The word that carries the tense of `verb`'s clause: the copula of a participle it
    complements ("is 36% funded", "was 31 percent funded"), else the verb itself."""
    if verb is not None and verb.dep_ == "acomp" and verb.tag_ == "VBN" and verb.head.lemma_ == "be":
        return verb.head
    return verb


def is_present(verb: "Token | None") -> bool:
    verb = tensed(verb)
    if verb is None:
        return False
    tags = {verb.tag_} | {c.tag_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
    return bool(tags & {"VBZ", "VBP"}) and not tags & {"VBD", "VBN", "MD"}


def is_simple_past(verb: "Token | None") -> bool:
    """"were arrested", "killed": the simple past, not a perfect ("have left", "had taken")."""
    if verb is None:
        return False
    auxiliaries = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    tags = {verb.tag_} | {c.tag_ for c in auxiliaries}
    # "said it had released": a past perfect under a past statement is its present perfect
    perfect = any(c.lemma_ == "have" for c in auxiliaries)
    return is_past(verb) and not perfect and not tags & {"VBZ", "VBP", "MD"}


def is_past(verb: "Token | None") -> bool:
    verb = tensed(verb)
    if verb is None:
        return False
    tags = {verb.tag_} | {c.tag_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
    return "VBD" in tags or ("VBN" in tags and not tags & {"VBZ", "VBP", "MD"})




def headline_times(claims: list[Claim], text: str) -> list[Claim]:
    """Each headline figure the body restates ("Refugee total reaches 36,600" over "... to 36,600 at
    the end of March") takes the time the body gives the same figure, where the headline alone
    would leave it at publication."""
    lead = first_prose_line(text)
    if lead is None:
        return claims
    body = [c for c in claims if c.start >= lead and c.time_rule not in UNDATED_RULES and c.time_rule]
    out = []
    for claim in claims:
        same = next((c for c in body if c.value is not None and c.value == claim.value
                     and (not claim.head or not c.head or c.head == claim.head)), None)
        if claim.start < lead and claim.time_rule in UNDATED_RULES and same is not None:
            claim = replace(claim, time_start=same.time_start, time_end=same.time_end,
                            time_text=same.time_text, time_rule="headline")
        out.append(claim)
    return out


def report_times(claims: list[Claim]) -> list[Claim]:
    """A figure nothing in its sentence dates, from a source whose report the story dated earlier
    ("In its update issued on Wednesday, OCHA estimated 920,000 ... OCHA also said 41,200 houses
    had been damaged"), holds as of that report."""
    out: list[Claim] = []
    dated: dict[str, Claim] = {}  # the last claim of each source read from its report of a day
    for claim in claims:
        earlier = dated.get(claim.source) if claim.source else None
        if claim.time_rule in UNDATED_RULES and earlier is not None:
            claim = replace(claim, time_start=earlier.time_start, time_end=earlier.time_end,
                            time_text=earlier.time_text, time_rule="reported")
        elif claim.time_rule == "reported" and claim.source and DAY_VALUE.match(claim.time_end or ""):
            dated[claim.source] = claim
        out.append(claim)
    return out


def first_prose_line(text: str) -> int | None:
    """Where the first paragraph of prose starts: above it stand the date line, headline and byline."""
    start = 0
    for line in text.split("\n"):
        if len(line) >= PROSE_MIN_CHARS and line.rstrip().endswith(PROSE_ENDS):
            return start
        start += len(line) + 1
    return None
