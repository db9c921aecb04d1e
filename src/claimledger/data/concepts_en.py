"""What a casualty, displacement or vote figure counts, read from the words around it.

Keyed by language through the module name (`_en`).  Lower-case word forms as written (not
lemmas: the claim's sentence is read without a parse).  A figure whose head is missing or
generic ("38 people", "the number", "94") but stands beside one of these words counts that
concept: "killing 38 people" and "another 23 bodies" and "a toll of 94" are one series of
deaths, "the number of injured has risen to 312" a series of injuries.
"""

# Concept -> the words that name it next to a figure.
CONCEPT_WORDS = {
    "death": frozenset({
        "killed", "kill", "kills", "killing", "dead", "death", "deaths", "died", "die", "dying",
        "toll", "tolls", "bodies", "body", "fatalities", "fatality", "perished", "lives",
    }),
    "injury": frozenset({"injured", "injuries", "injury", "injuring", "wounded", "wounding", "hurt"}),
    "displaced": frozenset({"displaced", "homeless", "evacuated", "evacuees", "uprooted", "forced",
                            "shelter", "sheltering"}),
    # not "detainees": the people held, whom a swap frees, are a count of people, not of arrests
    "arrest": frozenset({"arrested", "arrests", "arrest", "detained", "detention", "detentions"}),
    "missing": frozenset({"missing"}),
    "turnout": frozenset({"turnout", "participation"}),
    # the people at a march or rally, whoever counts them; not "protesters", who are as often
    # the injured or the arrested among them ("37 injured protesters")
    "crowd": frozenset({"crowd", "crowds", "marched", "marching", "marcher", "marchers", "attendance", "attended",
                        "participated", "participants", "rallied", "demonstrated"}),
}

# A share of voters is turnout when a word of taking part follows it within SHARE_WORDS_AFTER words:
# "fewer than one in five voters took part", "more than 70 percent of registered voters to take part"
# (six words on).  Not "cast" or "voted": "55% of voters voted yes" is a share of the vote.
TURNOUT_SHARE_HEADS = frozenset({"voter", "elector", "electorate"})
TAKING_PART_WORDS = frozenset({"take", "took", "taking", "turn", "turned", "participate", "participated",
                               "participating"})
SHARE_WORDS_AFTER = 6

# How far from the figure a concept word may stand, in words: six before covers "the death
# toll from Tuesday's earthquake to 94" (five words back) and "the number of injured has risen
# to 312"; three after covers "38 people were killed".  Further out, a word belongs to another figure.
WORDS_BEFORE = 6
WORDS_AFTER = 3

# Heads a concept may replace: no head, a word for the count or for people in general, or a
# concept word itself ("bodies", "deaths").  A specific head ("houses", "soldiers") is kept.
REPLACEABLE_HEADS = frozenset({
    "person", "people", "number", "total", "count", "figure", "tally", "toll", "level",
    "resident", "villager", "civilian", "victim", "casualty", "member", "group",
    "body", "death", "fatality", "dead", "quake", "earthquake", "injured",
})

# Words that make a figure a running total rather than the count of one day or event
# ("61 since May 8", "104 so far"): a running total and one day's count never disagree.  Not
# "total", which names any level ("put the total at 1,135").
CUMULATIVE_WORDS = frozenset({"since", "overall", "altogether", "cumulative", "so far", "to date", "in all"})
# Capitalised words next to a share that are not whose share it is ("The", "Under", months).
NOT_PARTIES = frozenset({
    "The", "A", "An", "In", "On", "Under", "By", "Of", "At", "With", "And", "But", "For", "It", "He", "She",
    "They", "Its", "His", "Her", "Their", "This", "That", "Turnout", "Mr", "Ms", "Mrs", "Dr",
    "Preliminary", "Provisional", "Final", "Official", "Early", "Partial", "Results", "Some", "About",
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
})

# Words that make a figure a part of the one before it ("eight of them on June 5", "including 13",
# "among them six police officers"): a part and its whole never disagree.
SUBSET_PHRASES = ("of them", "of whom", "including", "among them", "of which")
# Words just before a figure that make it a part of a whole told elsewhere: "including 13", "among
# them six", "the remaining 40 have been held back" (what is left of a whole, not a rival count of it).
SUBSET_BEFORE = ("including", "among them", "remaining")

# Heads that name one counted thing under another word, -> the head their series takes: a vote is
# cast on a ballot, so "5,314,433 ballots cast" and "votes cast" are one count.  Only words that
# name the same thing in every story: "arrival" (refugees, troops, tourists) or "voter" (the
# registered, those who turned out) are not here.
HEAD_SYNONYMS = {
    "ballot": "vote",
}

# Heads naming people by what moved them, which a nationality noun ("12,000 Burundians") of the same
# document and place counts too: the Burundians a report counts in Tanzania beside its refugees there
# are those refugees.  A nationality noun counts them only within its own document (a desk's ledger
# holds Burundians of other stories), and only people on the move: "Russian instructors" keep their head.
MOVED_PEOPLE_HEADS = frozenset({
    "refugee", "migrant", "asylum seeker", "asylum-seeker", "returnee", "evacuee", "deportee", "arrival",
})
