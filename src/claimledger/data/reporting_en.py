"""Reporting cues for English: which words introduce what someone puts forward.

Rules as data, read by `claimledger.attribution`.  Keys are lemmas (lower
case); values are the modality the cue lends to every figure in its content:

    asserted   the source states the figure as fact
    estimated  the source gives the figure as a guess or an approximation
    projected  the figure is a plan, an intention or a forecast
    denied     the source says the figure is not so
    disputed   the source contests a figure put forward by someone else

A modal verb next to the figure ("could be", "will send") can still turn an
asserted frame into estimated or projected (see MODAL_AUX below).
"""

# Verbs of saying whose subject is the source and whose clause (or the
# sentence around a parenthetical "..., X said") is the content.
REPORTING_VERBS: dict[str, str] = {
    # plain statements
    "say": "asserted", "tell": "asserted", "add": "asserted", "stress": "asserted",
    "note": "asserted", "announce": "asserted", "claim": "asserted", "report": "asserted",
    "cite": "asserted", "quote": "asserted", "explain": "asserted", "assert": "asserted",
    "state": "asserted", "confirm": "asserted", "declare": "asserted", "write": "asserted",
    "emphasize": "asserted", "emphasise": "asserted", "insist": "asserted",
    "reveal": "asserted", "disclose": "asserted", "reiterate": "asserted",
    "point": "asserted", "answer": "asserted", "reply": "asserted", "respond": "asserted",
    "argue": "asserted", "acknowledge": "asserted", "admit": "asserted", "tweet": "asserted",
    "show": "asserted", "indicate": "asserted", "find": "asserted", "conclude": "asserted",
    "warn": "asserted", "testify": "asserted", "boast": "asserted", "mention": "asserted",
    "document": "asserted", "record": "asserted", "count": "asserted", "list": "asserted",
    # what election authorities, courts and auditors do with a figure: "the commission validated
    # 1,204 candidacies", "the court certified the count"
    "validate": "asserted", "certify": "asserted",
    # guesses and approximations
    "estimate": "estimated", "believe": "estimated", "suggest": "estimated",
    "think": "estimated", "guess": "estimated", "calculate": "estimated",
    "predict": "projected", "suspect": "estimated", "assess": "estimated",
    # plans, intentions, forecasts
    "plan": "projected", "intend": "projected", "expect": "projected",
    "request": "projected", "pledge": "projected", "promise": "projected",
    "vow": "projected", "propose": "projected", "forecast": "projected",
    "project": "projected", "aim": "projected",
    # wishes and commitments (PolNeAR annotates intentions as attributions)
    "want": "projected", "agree": "projected", "seek": "projected",
    "demand": "projected", "unveil": "projected",
    # accusations, judgements and other speech acts
    "charge": "asserted", "accuse": "asserted", "rate": "asserted", "joke": "asserted",
    "publish": "asserted", "repeat": "asserted", "complain": "asserted",
    "allege": "asserted", "contend": "asserted", "maintain": "asserted",
    "recall": "asserted", "observe": "asserted", "remark": "asserted",
    "concede": "asserted", "realize": "asserted", "realise": "asserted",
    "recognize": "asserted", "understand": "estimated", "continue": "asserted",
    "read": "asserted",
    # negation of a figure
    "deny": "denied", "reject": "denied", "dismiss": "denied", "refute": "denied",
    # contesting a figure
    "dispute": "disputed", "contest": "disputed", "challenge": "disputed",
    "question": "disputed",
}

# Reporting verbs that need a clause or quote to count as a cue: "show",
# "find", "document", "record", "count", "list", "point", "question",
# "challenge" also have ordinary non-reporting uses ("the army counts 300
# men"), so they are cues only with a clausal complement or a quote.
NEEDS_CLAUSE = frozenset({
    "show", "find", "document", "record", "count", "list", "point", "question",
    "challenge", "aim", "project", "plan", "expect", "request", "add", "note",
    # "want a wall", "agree on a deal", "charge a fee", "rate a film": only
    # with a clause ("wants to make tuition free") are they attributions
    "want", "agree", "seek", "demand", "charge", "rate", "publish",
    "repeat", "maintain", "recall", "observe", "realize", "realise", "recognize",
    "understand", "continue", "read",
})
# Objects that make a reporting verb mean something else: one "claims a loss"
# on a tax return, "claims 300 lives" or "claims responsibility" without
# stating a figure.  Verb lemma -> object lemmas.
NOT_SPEECH_OBJECTS: dict[str, frozenset[str]] = {
    "claim": frozenset({
        "loss", "deduction", "credit", "exemption", "refund", "benefit", "allowance", "life",
        "victory", "responsibility", "title", "seat", "prize", "crown", "asylum", "compensation",
        "damage", "ownership", "land", "territory", "spot", "place", "share", "reward",
    }),
}

# Of those, verbs that are cues only next to a quote or a colon ("He
# continued: “...”", "“...,” the letter read"), never with a clause ("prices
# continued to rise", "he read that ...").
QUOTE_ONLY = frozenset({"continue", "read"})

# Words opening an adverbial clause that is a circumstance of the main verb,
# not its content: a cue inside such a clause speaks alone ("They cite the
# election, when the state stated that 12,000 ...": the state's figure).
SUBORDINATORS = frozenset({
    "when", "while", "after", "before", "because", "since", "although", "though", "if", "unless",
    "whereas", "once", "until",
})

# Particles that make a clause-needing verb a cue with a plain object:
# "she pointed out the 30 closures", "he laid out a $2 billion plan".
REPORTING_PARTICLES = frozenset({"out"})

# Nouns that carry someone's statement or plan when they have an owner:
# "Trump's claim that ...", "a New York Times report that ...", "her plan
# would cap ...", "an estimate by the CBO".  The owner (possessive, a proper
# noun compound, or the "by" agent) is the source.
NOMINAL_CUES: dict[str, str] = {
    "claim": "asserted", "report": "asserted", "statement": "asserted",
    "assertion": "asserted", "allegation": "asserted", "argument": "asserted",
    "charge": "asserted", "words": "asserted", "finding": "asserted",
    "estimate": "estimated", "forecast": "projected", "projection": "projected",
    "plan": "projected", "proposal": "projected", "promise": "projected",
    "emphasis": "asserted", "insistence": "asserted", "assurance": "asserted", "admission": "asserted",
    "contention": "asserted", "suggestion": "estimated", "boast": "asserted", "warning": "asserted",
    "pledge": "projected", "outlook": "projected", "prediction": "projected", "guidance": "projected",
}

# Verbs of expecting that project a figure in their object, with a subject
# that can speak: "officials expect a turnout of more than 4 million".
EXPECTING_VERBS = frozenset({"expect", "anticipate", "predict", "forecast", "project", "foresee"})

# Counts a speaker revises: "the agency raised the death toll to 267".
COUNT_NOUNS = frozenset({"toll", "tally", "count", "total", "figure", "number"})
REVISING_VERBS = frozenset({"raise", "increase", "lower", "cut", "revise", "put", "bring", "update", "reduce",
                            "lift", "boost"})

# Clause-needing verbs that are cues with one preposition instead: "the
# lawyers pointed to two earlier cases" cites them.
CUE_PREPOSITIONS: dict[str, frozenset[str]] = {"point": frozenset({"to"})}

# Light verbs that, with a speech noun as object, make a cue of their own:
# "Sanders made the following comment:", "the council issued a statement
# calling ...", "she gave a speech in which ...".  Lemmas.
# Not when the noun is counted ("delivered 51 speeches", "made three comments"):
# a tally of statements is no statement.
LIGHT_VERBS = frozenset({"make", "issue", "give", "offer", "release", "post", "publish", "put"})
SPEECH_NOUNS = frozenset({
    "comment", "remark", "statement", "claim", "assertion", "argument", "announcement",
    "observation", "point", "case", "prediction", "estimate", "forecast", "promise", "pledge",
})

# Participles that make the noun they modify someone's figure when the noun
# has an owner: "the alliance's recommended 2 percent", "the CBO's projected
# 3 percent growth".  Lower-case forms.
OWNED_FIGURE_PARTICIPLES: dict[str, str] = {
    "recommended": "asserted", "proposed": "projected", "projected": "projected", "estimated": "estimated",
    "reported": "asserted", "claimed": "asserted", "stated": "asserted", "announced": "asserted",
    "planned": "projected", "promised": "projected", "forecast": "projected", "predicted": "projected",
}

# Of NOMINAL_CUES, those an owner revises or holds: "the fund raised its
# forecast by 0.1 points to 4.2 percent", "kept the bank's estimate at 3
# percent": the owner is the source of the figures the verb takes.
REVISED_NOUNS = frozenset({"estimate", "forecast", "projection", "outlook", "prediction", "guidance"})

# Multi-word cues whose object is the source ("according to the ministry",
# "citing diplomats"): lower-case words, value the modality.  "citing" inside
# a clause that already has a reporting verb ("the experts, citing sources,
# estimated ...") yields to that verb: the figure is the experts'.
PHRASE_CUES: dict[tuple[str, ...], str] = {
    ("according", "to"): "asserted",
    ("citing",): "asserted",
}

# Verbs of stance, demand and judgement: cues only when their subject can
# speak (a named person or body, "he", "they", "the senator"), since they
# report a position ("Sanders supports a $15 minimum wage", "the judge
# ruled", "she called for 500 more officers").  PolNeAR annotates these as
# attributions; with an inanimate subject ("the law requires 30 days") they
# are no one's claim.
STANCE_VERBS: dict[str, str] = {
    "call": "projected", "ask": "projected", "urge": "projected", "order": "projected",
    "support": "projected", "endorse": "projected", "hope": "projected", "offer": "projected",
    "threaten": "projected", "decide": "projected", "favor": "projected", "favour": "projected",
    "oppose": "asserted", "criticize": "asserted", "criticise": "asserted", "blame": "asserted",
    "describe": "asserted", "mock": "asserted", "protest": "asserted", "assure": "asserted",
    "rule": "asserted", "know": "asserted", "see": "asserted", "express": "asserted",
    "attribute": "asserted", "refer": "asserted", "talk": "asserted", "identify": "asserted",
    "praise": "asserted", "attack": "asserted", "slam": "asserted", "defend": "asserted",
    "rail": "asserted",
    "brag": "asserted", "recount": "asserted", "predict": "projected", "feel": "estimated",
    "worry": "estimated", "fear": "estimated", "doubt": "disputed", "label": "asserted",
}

# Polls, studies, records and estimates: as the subject of one of
# EVIDENCE_VERBS they are a source even without a that-clause ("a Fox poll
# puts Trump at 30 percent", "records show $2 million raised"); as the object
# of one of EVIDENCE_PREPOSITIONS they are the source of the sentence ("In
# the latest CNN poll, 40 percent ...").  Lemmas.
EVIDENCE_NOUNS = frozenset({
    "poll", "survey", "study", "report", "analysis", "data", "figure", "record",
    "document", "estimate", "tally", "count", "census", "audit", "calculation",
    "projection", "forecast", "tracker", "research", "statistic", "filing",
    "review", "investigation", "assessment", "email", "memo", "letter", "file",
    "average", "model", "index", "ranking", "database",
    # "the results show", "the findings put", "his tax returns show"
    "result", "finding", "return",
})
# Evidence that speaks for the sentence after the one naming it: "...,
# according to a new poll.  Seventy percent now believe ..." (lemmas).
POLL_NOUNS = frozenset({"poll", "survey"})

# Campaign material that puts figures forward as the subject of an evidence
# verb ("the ad cites 20,000 jobs"), but is no source of a sentence it is
# merely named in ("in a new commercial, the senator says ...").
MATERIAL_NOUNS = frozenset({
    "ad", "advert", "advertisement", "commercial", "spot", "video", "clip", "footage", "documentary",
})
EVIDENCE_VERBS: dict[str, str] = {
    "show": "asserted", "find": "asserted", "put": "estimated", "give": "asserted",
    "indicate": "asserted", "suggest": "estimated", "estimate": "estimated",
    "place": "estimated", "reveal": "asserted", "have": "asserted", "rank": "asserted",
    "project": "projected", "predict": "projected", "count": "asserted",
    "list": "asserted", "record": "asserted", "document": "asserted", "identify": "asserted",
    "cite": "asserted", "reference": "asserted", "feature": "asserted", "highlight": "asserted",
    "mention": "asserted", "tout": "asserted", "claim": "asserted", "say": "asserted",
}
EVIDENCE_PREPOSITIONS = frozenset({"in", "by"})
# Prepositions naming who wrote a piece of evidence ("a report by the panel", "a study from Yale"):
# the evidence speaks for them (attribution/memory.py).
AUTHOR_PREPOSITIONS = frozenset({"by", "from"})

# Verbs that set a value on something: with a subject that can speak and a
# number after one of VALUATION_PREPOSITIONS they attribute that number
# ("Forbes put his fortune at $45 billion", "the agency lists the town's
# population as 21,090", "one ranking pegs him at $42 billion").  Lemmas;
# the value is the modality.
VALUATION_VERBS: dict[str, str] = {
    "put": "estimated", "peg": "estimated", "place": "estimated", "list": "asserted",
    "value": "estimated", "rank": "asserted",
    # "which the centre measured at magnitude 6.3", "officials fixed the toll at 152"
    "measure": "asserted", "fix": "asserted",
}
VALUATION_PREPOSITIONS = frozenset({"at", "as", "with"})

# Verbs by which a body that keeps count gives a figure as its object: with a subject that can
# speak and a number in the object, the subject is the source ("the city police counted 8,000",
# "her office has registered 18,600 displaced people", "the group recorded 1,240 violations",
# "its researchers documented 63 cases").  Without a number they keep needing a clause
# (NEEDS_CLAUSE: "the army counts on its allies").  Lemmas; all assert.
COUNTING_VERBS = frozenset({"count", "record", "register", "document", "tally", "log", "tabulate"})

# Verbs that class counted things "as" something: with a subject that can
# speak, a number in the object and an "as" complement, the subject is the
# source of the number ("the fact-checker rated 40% of her statements as
# false").  Lemmas; the value is the modality.
CLASSING_VERBS: dict[str, str] = {
    "rate": "asserted", "classify": "asserted", "class": "asserted", "grade": "asserted",
    "score": "asserted", "label": "asserted", "categorize": "asserted", "categorise": "asserted",
}

# Nouns that only carry someone else's figures: after "according to" the
# person or body behind them ("calculations by X", "interviews with X",
# "data from X") is the source.
CONDUIT_NOUNS = frozenset({
    "calculation", "interview", "data", "figure", "estimate", "analysis", "document",
    "record", "filing", "statement", "tally", "count", "projection", "report",
})
CONDUIT_PREPOSITIONS = frozenset({"by", "from", "with", "of"})

# Phrases that name the RECIPIENT of a statement, not a relay: "the ministry
# said in a statement to AFP" keeps relayed_by None (AFP only received it).
# A news outlet becomes `relayed_by` when it is the object of "told" ("UN
# diplomatic sources told AFP") or the agent of "quoted by".
RECIPIENT_PHRASES: tuple[tuple[str, ...], ...] = (
    ("in", "a", "statement", "to"), ("in", "an", "interview", "with"), ("speaking", "to"),
)
RELAY_VERBS = frozenset({"tell", "quote"})
# Audiences, not outlets: "told reporters" relays nothing (normalised mentions).
AUDIENCE_WORDS = frozenset({"reporters", "journalists", "correspondents", "the press", "press", "media"})

# Word forms the English model lemmatizes wrongly ("hoping" -> "hop",
# "rated" -> "rat"), mapped to the cue lemma they stand for.  Keyed on the
# form so the real "hop" and "rat" stay what they are.
LEMMA_FIXES: dict[str, str] = {
    "hope": "hope", "hopes": "hope", "hoped": "hope", "hoping": "hope",
    "rates": "rate", "rated": "rate", "rating": "rate",
}

# Modal auxiliaries near a figure that change an asserted reading.
# "could" by a figure says what a count could become ("could grow to 200 by the end of the year",
# "could be reduced to 25"): a forecast, as "will" is (the tuning stories' writers read it so in
# each of their five cases); "may" and "might" more often hedge a present count ("may have been").
MODAL_AUX: dict[str, str] = {
    "will": "projected", "shall": "projected", "'ll": "projected",
    "could": "projected", "may": "estimated", "might": "estimated",
    "would": "projected",
}

# Lemmas of the figure's own verb that mark a plan without a reporting verb
# ("the government plans to send 500").
PROJECTING_VERBS = frozenset({"plan", "intend", "expect", "aim", "pledge", "promise", "vow", "want"})
# Words that mark the figure itself as a guess, whoever gives it: "an estimated 11,000", "losses
# estimated at $30 billion", "the estimate of about 32,000".
# ("about 15,000" is not one: the stories' writers read a rounded figure as stated).
ESTIMATE_WORDS = frozenset({"estimated", "estimate", "estimates"})

# Labels that open a question line in an interview transcript ("Question:
# ...", "Q: ..."): the lines after them are the interviewer's, not a source.
QUESTION_LABELS = frozenset({"question", "q", "interviewer", "journalist"})
# Labels before a colon that name no speaker ("UPDATE: ...", "Photo: ..."):
# a transcript's turns are the other capital labels, and a line opened by
# any other named source and a colon ("Gingrich: ...") is that source's.
NOT_SPEAKER_LABELS = frozenset({
    "update", "updated", "note", "editor's note", "editor’s note", "watch", "breaking", "read more", "related",
    "correction", "photo", "video", "source", "sources", "advertisement", "transcript", "clarification",
    "live", "audio", "warning", "ps", "p.s.", "caption", "credit", "full text", "byline", "tags", "posted",
    "image", "share", "topics", "author", "email", "contact", "follow", "published", "date", "twitter",
    "facebook", "instagram", "dateline", "headline", "subject", "via",
})

# Quote marks that open and close alike: the straight double quote and the
# doubled apostrophe some newspapers print (''like this'').
TOGGLE_QUOTES: tuple[str, ...] = ("\"", "''")

# A quote with no cue of its own keeps the speaker of a quote that ended at
# most this many characters before it: about one short sentence of narration,
# the distance over which readers still take the same speaker (chosen on the
# seed corpus and PolNeAR train).
QUOTE_CARRY_CHARS = 80

# The cue recorded for a figure inside an interview answer ("Name: ...").
INTERVIEW_CUE = "interview answer"

# Verbs by which a place or body holds a figure as a standing fact ("The town has 9,000
# inhabitants", "Nduta now houses about 96,000", "MINUSCA has about 14,400 personnel"): background
# the writer states, not a source's account going on (`attribution.continuation`).  A first-person
# subject is the speaker's own ("We have 1,400 marshals").
HOLDING_VERBS = frozenset({"have", "house", "host", "hold", "contain", "employ", "number", "shelter"})
FIRST_PERSON = frozenset({"i", "we"})
