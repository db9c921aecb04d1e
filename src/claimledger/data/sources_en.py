"""Source kinds and canonical source names for English.

`KIND_WORDS` maps a lower-case word (lemma or name token) to the kind of
source a mention containing it denotes.  The first match in `KIND_ORDER`
wins, so "UN diplomatic sources" is anonymous (sources) before
intergovernmental (UN), and "Wagner" is an armed group before anything else.
Extend by adding words; no code change is needed.

`ALIASES` maps a normalised mention (lower case, leading "the" dropped,
possessive "'s" dropped, whitespace collapsed) to a canonical name.  Mentions
that are not in the table keep their own (normalised-case) text, and a
cluster of mentions of one source takes its longest, most specific mention
(see `claimledger.attribution`).
"""

KIND_ORDER: tuple[str, ...] = (
    "anonymous", "armed_group", "media", "intergovernmental", "expert", "government",
)

KIND_WORDS: dict[str, frozenset[str]] = {
    # nobody named: "sources", "officials who asked not to be named"
    "anonymous": frozenset({
        "source", "sources", "insider", "insiders", "unnamed", "anonymous",
        "diplomatic", "informed", "aide", "aides",
    }),
    # non-state armed actors
    "armed_group": frozenset({
        "rebel", "rebels", "militia", "militias", "wagner", "insurgent", "insurgents",
        "mercenary", "mercenaries", "fighters", "jihadist", "jihadists", "coalition",
        "armed group", "armed groups", "faction", "factions", "militants",
    }),
    # news organisations and their staff
    "media": frozenset({
        "afp", "reuters", "ap", "tass", "ria", "novosti", "interfax", "wire", "newspaper",
        "agency", "broadcaster", "television", "tv", "radio", "magazine", "journal",
        "times", "post", "bbc", "cnn", "reporter", "reporters", "correspondent",
        "media", "outlet", "daily", "herald", "gazette", "tribune", "chronicle", "news",
        "bloomberg", "politico", "axios", "npr", "pbs", "abc", "cbs", "nbc", "msnbc", "cnbc",
        "fox news", "huffpost", "buzzfeed", "guardian", "telegraph", "xinhua", "al jazeera",
        "associated press", "usa today", "politifact", "factcheck.org",
    }),
    # the UN family and regional bodies
    "intergovernmental": frozenset({
        "un", "u.n.", "united nations", "nations", "security council", "minusca",
        "minurca", "african union", "au", "eu", "european union", "nato", "imf",
        "who", "unhcr", "unicef", "ocha", "envoy", "peacekeepers", "peacekeeping",
        # UN agencies and programmes that publish tolls and counts
        "wfp", "world food programme", "unfpa", "iom", "fao", "undp", "unesco", "ohchr", "unocha",
        "world health organization", "world bank", "european commission",
    }),
    # independent analysts and NGOs
    "expert": frozenset({
        "expert", "experts", "analyst", "analysts", "researcher", "researchers",
        "scholar", "professor", "economist", "economists", "human rights watch",
        "amnesty", "ngo", "institute", "think", "tank", "pollster", "poll", "survey",
        "study", "report",
    }),
    # states, their organs and their people
    "government": frozenset({
        "ministry", "minister", "government", "president", "presidency", "spokesman",
        "spokeswoman", "spokesperson", "ambassador", "embassy", "diplomat", "kremlin",
        "authorities", "official",
        "officials", "department", "army", "military", "police", "governor", "mayor",
        "senator", "prime", "cabinet", "state", "secretary", "director", "deputy",
        "commander", "general", "white house", "pentagon",
        "judge", "court", "prosecutor", "prosecutors", "sheriff", "congress",
        # election authorities and tribunals: "the electoral commission", "the constitutional court"
        "electoral", "commission", "tribunal", "ministries", "authority",
    }),
}

# Words that, as the head of a subject, stand for a person already named in
# the document ("the diplomat added" -> the last named person).
PERSON_DESCRIPTIONS = frozenset({
    "diplomat", "ambassador", "spokesman", "spokeswoman", "spokesperson", "minister",
    "official", "director", "envoy", "president", "senator", "governor", "candidate",
    "nominee", "congressman", "congresswoman", "lawmaker", "mayor", "chief", "head",
    "commander", "general", "officer", "analyst", "expert", "professor", "researcher",
    "man", "woman", "secretary", "deputy", "adviser", "advisor", "aide",
})

# Words that, as the head of a subject, stand for an organisation already
# named ("the ministry added" -> the last named ministry).
ORG_DESCRIPTIONS = frozenset({
    "ministry", "government", "embassy", "department", "agency", "office", "mission",
    "organisation", "organization", "group", "campaign", "committee", "council",
    "company", "firm", "statement", "report", "kremlin", "administration",
    # courts and election authorities speak through their rulings and tallies ("the court said")
    "court", "tribunal", "commission", "authority", "bureau", "board",
})

# Capitals and seats of power that speak for a government when they are the
# subject of a reporting verb ("Moscow said"): resolved to the last named
# government source when there is one.
# Besides the capitals of the place table (`places_en.CAPITALS`), every one of which is such a seat.
SEATS_OF_POWER = frozenset({"kremlin", "white house", "elysee", "downing street", "pentagon"})

# Canonical names.  Keys are normalised mentions (see module docstring).
RUSSIAN_MFA = "Russian Ministry of Foreign Affairs"
ALIASES: dict[str, str] = {
    "russian foreign ministry": RUSSIAN_MFA,
    "foreign ministry in moscow": RUSSIAN_MFA,
    "russia foreign ministry": RUSSIAN_MFA,
    "russia ministry of foreign affairs": RUSSIAN_MFA,
    "russian ministry of foreign affairs": RUSSIAN_MFA,
    "ministry of foreign affairs of russia": RUSSIAN_MFA,
    "ministry of foreign affairs of the russian federation": RUSSIAN_MFA,
    "russian mfa": RUSSIAN_MFA,
    "foreign ministry department of africa director andrei kemarsky": "Andrei Kemarsky",
    "un experts": "UN experts",
    "united nations experts": "UN experts",
    "experts of the un": "UN experts",
    "un security council": "UN Security Council",
    "united nations security council": "UN Security Council",
}

# Mentions that become canonical through the most recent alias in the
# document ("the ministry", "the foreign ministry" after "the Russian foreign
# ministry"): the part that must be shared with the antecedent.
GENERIC_HEADS = frozenset({"ministry", "foreign ministry", "government", "embassy"})

# Words of a source's name that do not tell two sources apart ("the ministry" and "its ministry").
SOURCE_NOISE_WORDS = frozenset({"the", "of", "its", "a", "an", "said"})
