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
    "decline", "decrease", "total", "raise", "take", "push", "lift", "revise", "reduce", "cut", "lower",
})

# Verbs of a level that changes: their subject is the level before the change ("the 14.5 million
# euros budgeted will rise by 4 million"), their "by" figure the change, their "to" figure the level after.
LEVEL_CHANGE_VERBS = frozenset({
    "rise", "fall", "grow", "climb", "drop", "decline", "increase", "decrease", "swell", "jump", "soar",
    "plunge", "shrink",
})
# Verbs whose object is what remains: "leaving 210 in the country", "left 18 million in need".
REMAINDER_VERBS = frozenset({"leave"})
# Nouns that name a change, and verbs that state it as a multiple: "a 40% increase", "tripled".
CHANGE_NOUNS = {"increase": "increase", "rise": "increase", "jump": "increase", "growth": "increase",
                "gain": "increase", "decrease": "decrease", "drop": "decrease", "fall": "decrease",
                "decline": "decrease", "cut": "decrease", "reduction": "decrease", "loss": "decrease"}
MULTIPLIER_KINDS = {"double": "increase", "triple": "increase", "treble": "increase", "quadruple": "increase",
                    "halve": "decrease"}
# Heads of a measured property rather than a count ("magnitude 6.3", "a depth of 12 km"): kind other,
# as a property neither stands at a level of a stock nor moves one.
MEASURED_PROPERTIES = frozenset({"magnitude", "depth", "height", "length", "width", "altitude", "elevation",
                                 "speed", "temperature", "intensity"})
# "put turnout at 61 percent", "gave their number as 1,135", "puts the total
# at 1,500": the object of these verbs is what the figure after "at"/"as" counts,
# and the figure is its level.
LEVEL_AT_VERBS = frozenset({"put", "give", "estimate", "place", "set", "peg", "fix", "count"})
LEVEL_AT_PREPOSITIONS = frozenset({"at", "as"})
# "the number of displaced people reached 722,000": the object of these verbs
# is the level its subject reached.
LEVEL_OBJECT_VERBS = frozenset({"reach", "hit", "top", "exceed", "pass", "surpass"})
# "unemployment stood at 6.9 percent", "inflation remained at 4%": the subject of these verbs is
# what the figure after "at" counts, at the level it states.
LEVEL_STAND_VERBS = frozenset({"stand", "remain", "stay", "sit", "hover", "hold", "peak", "settle", "be"})

# Words that are never the counted thing, whatever the tagger says: number and
# scale words ("dozens", "thousand", a glued "m" or "bn"), units and currencies
# (the head of "$5m" is what the money is for, not the money), fractions, and
# tagger slips seen on number phrases ("ens", "halfs", "marks").  An unknown
# head is left empty rather than filled with one of these.
NOT_HEADS = frozenset({
    "hundred", "hundreds", "thousand", "thousands", "million", "millions", "billion", "billions",
    "trillion", "dozen", "dozens", "score", "scores", "ten", "tens", "lakh", "crore",
    "m", "bn", "mn", "k", "b", "tn", "mln", "bln", "ens", "halfs", "marks", "mark",
    "half", "halves", "quarter", "quarters", "third", "thirds", "fifth", "fifths", "tenth", "tenths",
    "percent", "%", "cent", "percentage", "point", "times", "time",
    "rs", "rupee", "peso", "dollar", "euro", "pound", "yen", "yuan", "franc", "shilling", "naira",
    "rand", "ruble", "rouble", "usd", "eur", "gbp", "inr", "km", "kilometre", "kilometer", "mile",
    "metre", "meter", "kg", "tonne", "ton", "hectare", "acre", "litre",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "top", "more", "less", "all", "other", "others", "lot",
})
# A toll counts deaths unless its modifier says otherwise ("the injury toll").
TOLL_HEAD = "death"
# Count nouns and words for a reported figure that stand for a noun said
# elsewhere: "puts the number at 45,000", "their figure of about 14,000".
REFERRING_HEADS = frozenset({"number", "total", "count", "figure", "tally", "estimate", "strength", "level",
                             # a group that stands for its members when they were named before
                             "contingent", "mission", "force", "deployment", "delegation", "team"})
# Time nouns are a head only when the figure counts them ("three weeks"), not
# when a fallback lands on one ("9.8 million from last year").
TIME_NOUNS = frozenset({"year", "month", "week", "day", "hour", "minute", "decade", "night", "morning", "season", "quarter"})
# Verbs whose figure counts people that the verb names: "killed 38" and "27
# died" count deaths; the role is the figure's dependency.
VERB_HEADS: dict[tuple[str, str], str] = {
    ("kill", "dobj"): "death", ("kill", "nsubjpass"): "death", ("die", "nsubj"): "death",
    ("injure", "dobj"): "injured", ("injure", "nsubjpass"): "injured", ("injure", "nsubj"): "injured",
    ("wound", "dobj"): "injured", ("wound", "nsubjpass"): "injured",
    ("detain", "dobj"): "detained", ("detain", "nsubjpass"): "detained",
    ("arrest", "dobj"): "arrest", ("arrest", "nsubjpass"): "arrest",
    ("displace", "nsubjpass"): "displaced", ("displace", "dobj"): "displaced",
    ("flee", "nsubj"): "person", ("march", "nsubj"): "person", ("vote", "nsubj"): "vote",
}
# Words right after a figure that name what it counts when no noun follows:
# "22 detained and 17 injured", "49 dead".
PARTICIPLE_HEADS = frozenset({"dead", "injured", "wounded", "detained", "missing", "displaced",
                              "killed", "arrested", "hurt", "homeless", "evacuated"})
# Verbs that spend, cost or ask for a sum, and the noun for what the sum is:
# "is expected to cost 9.8 million euros" -> cost, "appealed for $120m" -> appeal.
MONEY_VERB_HEADS: dict[str, str] = {
    "cost": "cost", "budget": "budget", "allocate": "budget", "spend": "spending",
    "pledge": "pledge", "donate": "donation", "earn": "earning", "pay": "payment",
    "owe": "debt", "fund": "funding", "appeal": "appeal", "request": "appeal",
    "borrow": "loan", "lend": "loan", "invest": "investment", "raise": "funding",
    "receive": "funding", "seek": "appeal", "ask": "appeal", "set aside": "budget", "earmark": "budget",
    "buy": "purchase", "purchase": "purchase", "promise": "pledge", "generate": "revenue", "collect": "revenue",
}
# Nouns for a sum that a sum is "for" or "of" ("an appeal for $160 million", "a fine of $5,000"):
# what the verbs above make of a sum, and the nouns news gives a sum by itself.
MONEY_NOUNS = frozenset(MONEY_VERB_HEADS.values()) | frozenset({
    "fund", "grant", "aid", "fine", "package", "compensation", "salary", "wage", "contract", "deal", "bill",
})
# Currency words written after a sum ("900,000 pesos"): the figure is money even when the number
# layer does not take the word into the figure.
CURRENCY_LEMMAS = frozenset({"dollar", "euro", "rupee", "peso", "pound", "shilling", "franc", "naira", "rand",
                             "ruble", "rouble", "yen", "yuan", "real", "lira", "dinar", "kwacha", "cedi"})
# Verbs whose subject is what a share is of: "women make up 58%", "children account for 56 percent".
SHARE_VERBS = frozenset({"make", "account", "represent", "comprise", "constitute", "form"})
# A share of a vote: percentages in a sentence about an election result count votes.
VOTE_WORDS = frozenset({"vote", "votes", "voted", "ballot", "ballots", "election", "referendum", "runoff", "won", "polled",
                        "candidate", "results", "result"})
VOTE_HEAD = "vote"
# A share "of voters" in a clause of these verbs is a share of the vote ("backed by 86.4 percent of
# voters", "58% of voters rejected it"); with any other verb it may be a turnout ("58% of voters turned out").
VOTER_HEADS = frozenset({"voter", "elector"})
VOTE_CHOICE_VERBS = frozenset({"back", "approve", "support", "reject", "oppose", "favour", "favor", "choose",
                               "endorse", "elect", "prefer", "vote"})
# Words for the share of voters who voted, just before a percentage ("turnout of 58.3%",
# "participation reached 58.3 percent"): the share is a turnout, not a share of the vote.
TURNOUT_WORDS = frozenset({"turnout", "participation"})
# Verbs by which a named person takes a share ("Lula took 48.4%", "she won 52 percent"): with a
# person as subject and a percentage as object, the share is of the vote.
VOTE_TAKING_VERBS = frozenset({"win", "take", "get", "receive", "secure", "poll", "garner", "capture", "score"})
# Heads of a rate ("900 a day", "15,000 per family"): the noun after "a"/"per" is the divisor.
RATE_DETERMINERS = frozenset({"a", "an", "per", "each", "every"})

# Two words for one counted thing: the series of one is the series of both.
# Only exact synonyms in this story's register ("Russian trainers" and
# "Russian instructors" are the same people in every source we read; an election's
# "participation" is its turnout; "576 individuals" are 576 people).
HEAD_SYNONYMS: dict[str, str] = {"trainer": "instructor", "participation": "turnout", "individual": "person"}
# A generic noun that a modifier makes specific: "fourteen armed groups" count
# armed groups, not the people of some other figure nearby.
QUALIFIED_HEADS: dict[tuple[str, str], str] = {
    ("armed", "group"): "armed group", ("rebel", "group"): "rebel group",
    ("polling", "station"): "polling station", ("health", "post"): "health post",
    ("entry", "point"): "entry point", ("border", "post"): "border post",
    ("food", "basket"): "food basket", ("death", "toll"): "death",
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
