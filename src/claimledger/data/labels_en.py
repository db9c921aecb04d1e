"""Rules as data for labelling series in the report, the web UI and the terminal.

Used by `claimledger.analyse.summary`.  A series is labelled by its head (what
is counted); when the head is no counted thing, the label says so instead of
inventing a plural ("dozens", "thursdayses").  Lower case.
"""
from .numbers_en import DOZEN_WORDS, FRACTION_WORDS, HUNDRED, ORDINAL_UNITS, SCALE_WORDS, TENS_WORDS, \
    UNIT_WORDS, VAGUE_AMOUNTS

# What a label says when the counted thing is unknown.
UNKNOWN_HEAD_LABEL = "figures without a counted noun"

# No counted noun in the news this tool reads is shorter: one- and two-letter heads
# are scale letters or fragments of a word ("m" of "$21m", "en").
MIN_HEAD_LETTERS = 3

WEEKDAYS = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
})

# Heads that name no counted thing: number and scale words ("dozens", "thousands"),
# fractions ("a third"), weekdays, and the words for a figure itself ("the number",
# "the total").  Months are left out: "march" is a counted thing in protest news.
NOT_COUNTED_HEADS = frozenset(
    set(UNIT_WORDS) | set(TENS_WORDS) | set(HUNDRED) | set(SCALE_WORDS) | set(DOZEN_WORDS)
    | set(FRACTION_WORDS) | set(ORDINAL_UNITS) | set(VAGUE_AMOUNTS)
    | WEEKDAYS | {day + "s" for day in WEEKDAYS}
    | {"figure", "number", "total", "count", "tally", "level", "amount", "sum", "top", "rest",
       "majority", "minority", "percent", "percentage", "share", "proportion", "per", "cent",
       "other", "others", "those", "these", "them", "some", "many", "most", "all", "each", "both"}
)
