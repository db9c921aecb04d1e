"""English lexicon for the TIME layer (claimledger.timex), kept as data.

Every table maps surface words (lower case) to the piece of a TimeML TIMEX3
value they contribute.  The rules in timex.py only combine these tables.
"""
from __future__ import annotations

from .numbers_en import TENS_WORDS, UNIT_WORDS

# Month names and the abbreviations newswire uses ("Sept.", "Dec").
# A trailing period is optional and handled by the regex, not listed here.
MONTHS: dict[str, int] = {
    "january": 1, "jan": 1,
    "february": 2, "feb": 2,
    "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "may": 5,
    "june": 6, "jun": 6,
    "july": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}

# Abbreviations that are also common English words; they only count as a
# month when written with a capital and a period ("Mar." yes, "mar" no).
AMBIGUOUS_MONTHS: frozenset[str] = frozenset({"may", "march", "mar", "jan", "dec", "sep"})

# Weekday names (Monday = 0 as in datetime.date.weekday()).
WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1,
    "wednesday": 2, "wed": 2, "thursday": 3, "thu": 3, "thurs": 3,
    "friday": 4, "fri": 4, "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}
# Only full weekday names are matched in running text (abbreviations collide
# with words such as "sat", "sun", "wed").
WEEKDAY_FULL: tuple[str, ...] = (
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
)

# A bare month name this many months ahead of the publication month is read forward ("in September"
# written in August is this September, not last year's).  One month: on TimeBank's read half the
# next month was meant forward every time (2 of 2); two or three months ahead were meant back as often
# as forward (a past-tense "In January, ... brought" written in October), so they keep the tense rule.
MONTHS_AHEAD_READ_FORWARD: int = 1

# How far back (characters) "the previous Friday" / "the following Monday" look for the day they count
# from: a few paragraphs of wire copy (the day a story is about holds across its paragraphs; the one
# case on TimeBank's read half named its day 674 characters before), the same reach as the
# anaphoric years' 1500.  With no day named that far back they count from the publication date.
REFERENCE_DAY_WINDOW: int = 1500

# Seasons -> TIMEX3 season codes, and the month a season starts/ends in.
SEASONS: dict[str, str] = {
    "spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI",
}
SEASON_MONTHS: dict[str, tuple[int, int]] = {
    "SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2),
}

# Parts of the day -> TIMEX3 time-of-day codes ("this morning" -> TMO).
DAY_PARTS: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
}

# Vague references (TIMEX3 values without a calendar position).
PRESENT_REFS: tuple[str, ...] = (
    "right now", "at present", "currently", "nowadays",
    "these days", "now", "presently",
    "current",  # TimeBank tags the adjective too ("current realities"), ~half its uses
)
PAST_REFS: tuple[str, ...] = (
    # "previously"/"formerly" are not listed: TimeBank tags them in under a
    # fifth of their uses ("a previously announced plan").
    "recently", "in the past", "the past", "recent years", "then current",
    "recent days", "lately",
    "recent",  # the adjective before an event noun ("the recent sale"): TimeBank read half tags 3 of 5
)
FUTURE_REFS: tuple[str, ...] = (
    "in the future", "the near future", "the future", "soon",
    "in the coming years", "a later date", "the near term", "the short term",
)

# Number words used in durations and "N years ago": numbers_en's words from one to ninety and a
# hundred, with the forms durations use.  None = unknown count (several, few, couple of ...), which
# TIMEX3 writes as X ("PXY").
NUMBER_WORDS: dict[str, int | None] = {
    "a": 1, "an": 1,
    **{word: int(value) for word, value in {**UNIT_WORDS, **TENS_WORDS}.items() if value >= 1},
    "hundred": 100, "a hundred": 100, "a couple of": 2, "a couple": 2, "couple of": 2,
    "several": None, "a few": None, "few": None, "many": None, "some": None,
}

# Duration units -> TIMEX3 unit letter.  Decades and centuries follow the
# TimeBank convention ("a decade" -> P1E, "two decades" -> P20Y is also
# seen; we write DE/CE consistently for the unit and Y for "N-year").
UNITS: dict[str, str] = {
    "year": "Y", "month": "M", "week": "W", "day": "D", "quarter": "Q",
    "decade": "DE", "century": "CE", "hour": "H", "minute": "M", "second": "S",
    "weekend": "WE",
}
# Units written under the "T" (time) part of a duration (PT3H, PT10M).
TIME_UNITS: frozenset[str] = frozenset({"hour", "minute", "second"})

# Ordinals for quarters and halves.
ORDINALS: dict[str, int] = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
    "fourth": 4, "4th": 4,
}

# Words that, before a bare four-digit number, make it a year.
YEAR_CONTEXT: tuple[str, ...] = (
    "in", "since", "by", "until", "till", "of", "from", "during", "before",
    "after", "early", "late", "mid", "year", "the year", "fiscal", "to", "into",
    "for", "due", "both", "a", "an", "that", "this", "its", "his", "her", "their",
    "through", "and", "or", "between", "around", "circa", "spring", "summer",
    "fall", "autumn", "winter", "end", "beginning", "start",
)

# Cues in the same sentence that make an under-specified reference point
# forward ("will ... in May" -> next May).
FUTURE_CUES: tuple[str, ...] = (
    "will", "'ll", "shall", "going to", "plans", "plan to", "planned",
    "scheduled", "expected to", "expects", "is to", "are to", "due to",
    "due in", "due on", "due by", "due next", "due out",  # "results are due in April"
    "upcoming", "intends", "would",
)

# Irregular past-tense verbs news uses of counts and events ("the toll rose to 139 by October 25"):
# with a regular -ed form they mark a "by <date>" clause as looking back (extract/timex._is_future).
IRREGULAR_PAST: tuple[str, ...] = (
    "rose", "fell", "grew", "stood", "went", "came", "saw", "took", "gave", "made", "left",
    "found", "told", "said", "hit", "began", "sent", "brought", "fled", "won", "lost", "met",
    "struck", "broke", "held", "kept", "led", "paid", "spoke", "wrote", "drew", "sold", "bought",
    "built", "chose", "flew", "sank", "ran", "shot", "fought", "caught", "heard", "knew", "became",
)

# SET expressions (regular recurrence).
SETS: dict[str, str] = {
    "daily": "XXXX-XX-XX", "annually": "XXXX", "yearly": "P1Y",
    "hourly": "PT1H", "weekly": "P1W", "monthly": "P1M", "quarterly": "P1Q",
}

# A vote's results hold for the day of the vote, not the day they are announced: the nouns
# that name a vote ("Sunday's election", "the vote on 14 November"), and the heads of the
# figures that are its results (shares of the vote, ballots, turnout, seats).
VOTE_EVENTS: frozenset[str] = frozenset({
    "election", "elections", "vote", "voting", "referendum", "poll", "polls", "ballot", "runoff",
    "run-off", "plebiscite", "primary", "by-election",
})
# A vote's word that names who runs or watches it, not the vote: "published Thursday by the
# election authority" dates the publication.
VOTE_BODIES: frozenset[str] = frozenset({
    "authority", "authorities", "commission", "commissioner", "body", "board", "council", "agency",
    "official", "officials", "observer", "observers", "monitor", "monitors", "office", "tribunal", "court",
})
VOTE_RESULT_HEADS: frozenset[str] = frozenset({
    "vote", "ballot", "turnout", "participation", "voter", "seat", "electorate", "polling station",
})


# What a figure is attributed to when a dated document gives it ("according to a ministry bulletin
# issued at 7 a.m. on Wednesday", "its final report, dated December 4"): the figure holds on
# the day the document was issued (anchoring.report_date).
REPORT_NOUNS: frozenset[str] = frozenset({
    "report", "bulletin", "statement", "update", "communique", "communiqué", "release", "briefing",
    "figures", "data", "tally", "count", "situation report", "sitrep",
})


# "Another 12,000 crossed in March, bringing the total to 36,600": the verbs of a running total an
# increase brings to a new level, which then holds at the end of the increase's time.
RUNNING_TOTAL_VERBS: frozenset[str] = frozenset({"bring", "take", "raise", "push", "lift"})
