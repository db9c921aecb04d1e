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

# Verbs that report speech: a time attached to one of these dates the
# statement ("said on Thursday"), not the figure reported.
REPORTING_LEMMAS = frozenset({
    "say", "tell", "add", "state", "announce", "report", "claim", "estimate", "note",
    "stress", "explain", "assert", "deny", "confirm", "insist", "write", "declare",
    "quote", "cite", "emphasize", "emphasise", "reiterate", "argue", "warn", "acknowledge",
})
