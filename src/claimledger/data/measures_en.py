"""Word tables for what a figure counts and whether it is a level or a change.

Keyed by language through the module name (`_en`).  Lemmas, lower case.
"""

# Words that qualify a counted group rather than name it: "5 military and 170
# civilian instructors" counts instructors, qualified as military / civilian.
QUALIFIERS = frozenset({
    "military", "civilian", "police", "gendarmerie", "army", "naval", "foreign",
    "local", "female", "male", "armed", "unarmed",
    "additional", "new", "former", "active", "regular", "special", "security",
})

# Nationality adjectives describe who is counted but are not a qualifier that
# splits a total into parts ("Russian instructors" are all the instructors).
NATIONALITIES = frozenset({"russian", "american", "french", "british", "chinese", "rwandan", "central", "african"})

# Head words that stand for the count itself ("the total number ... to 1,135").
COUNT_NOUNS = frozenset({"number", "total", "count", "figure", "tally", "toll", "level", "strength"})

# Units written as nouns: the counted thing is then the "of" object
# ("95 percent of voters" counts voters).
UNIT_NOUNS = frozenset({"percent", "%", "per", "cent", "percentage", "point", "share", "proportion"})

# Verbs whose object or subject figure is an arrival or addition (a flow in).
INCREASE_VERBS = frozenset({
    "send", "deploy", "arrive", "dispatch", "add", "reinforce", "bring", "recruit",
    "hire", "transfer", "fly", "land", "join", "rise", "increase", "grow", "boost",
})
# Verbs whose figure is a departure or removal (a flow out).
DECREASE_VERBS = frozenset({
    "withdraw", "leave", "remove", "cut", "reduce", "fall", "drop", "decline",
    "pull", "evacuate", "repatriate", "lose", "decrease",
})
# Words before a figure that make it an addition: "another 300", "300 more".
INCREMENT_WORDS = frozenset({"another", "additional", "further", "more", "extra", "new"})
# "grew to N", "bringing the total to N", "rose to N": the figure after "to"
# is the level reached, not the change.
LEVEL_AFTER_TO_VERBS = frozenset({
    "grow", "rise", "bring", "increase", "reach", "climb", "swell", "fall", "drop",
    "decline", "decrease", "total",
})

# "put turnout at 61 percent", "gave their number as 1,135", "puts the total
# at 1,500": the object of these verbs is what the figure after "at"/"as" counts,
# and the figure is its level.
LEVEL_AT_VERBS = frozenset({"put", "give", "estimate", "place", "set", "peg", "fix", "count"})
LEVEL_AT_PREPOSITIONS = frozenset({"at", "as"})
# "the number of displaced people reached 722,000": the object of these verbs
# is the level its subject reached.
LEVEL_OBJECT_VERBS = frozenset({"reach", "hit", "top", "exceed"})

# Two words for one counted thing: the series of one is the series of both.
# Only exact synonyms in this story's register ("Russian trainers" and
# "Russian instructors" are the same people in every source we read).
HEAD_SYNONYMS: dict[str, str] = {"trainer": "instructor"}
# A generic noun that a modifier makes specific: "fourteen armed groups" count
# armed groups, not the people of some other figure nearby.
QUALIFIED_HEADS: dict[tuple[str, str], str] = {
    ("armed", "group"): "armed group", ("rebel", "group"): "rebel group",
    ("polling", "station"): "polling station",
}
# Words after a figure that make it a share of a list: "200 instructors for
# each", "200 assigned to each", "200 each".
EACH_WORDS = frozenset({"each", "apiece"})

# Verbs that report speech: a time attached to one of these dates the
# statement ("said on Thursday"), not the figure reported.
REPORTING_LEMMAS = frozenset({
    "say", "tell", "add", "state", "announce", "report", "claim", "estimate", "note",
    "stress", "explain", "assert", "deny", "confirm", "insist", "write", "declare",
    "quote", "cite", "emphasize", "emphasise", "reiterate", "argue", "warn", "acknowledge",
})
