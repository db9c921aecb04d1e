"""Rules as data for reading English numbers and quantities.

Used by `claimledger.quantities`.  Every table here is a convention; the
comment next to it says why it was chosen.  Lower case unless noted.
"""

# --- number words -----------------------------------------------------------

UNIT_WORDS = {
    "zero": 0, "nought": 0, "naught": 0, "nil": 0,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
}
TENS_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
# "hundred" multiplies the group it ends; the others close a group.
HUNDRED = {"hundred": 100}
SCALE_WORDS = {
    "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    # South Asian scales appear in Indian and Pakistani outlets.
    "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7,
}
# A dozen multiplies the number before it like a unit: "three dozen" = 36.
DOZEN_WORDS = {"dozen": 12, "dozens": 12, "dz": 12, "dzs": 12, "doz": 12, "dozs": 12}

# Denominators of spelled fractions ("two thirds", "a quarter").  Singular and
# plural forms; "second(s)" is left out on purpose: "a second" is an ordinal
# or a unit of time far more often than one half.
ORDINAL_UNITS = {
    "first": 1, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9,
}
FRACTION_WORDS = {
    "half": 2, "halves": 2, "quarter": 4, "quarters": 4,
    "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17,
    "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
    "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70,
    "eightieth": 80, "ninetieth": 90, "hundredth": 100, "thousandth": 1e3,
    "millionth": 1e6, "billionth": 1e9, "trillionth": 1e12,
}
FRACTION_WORDS.update({w + "s": v for w, v in list(FRACTION_WORDS.items())
                       if not w.endswith("s") and w != "half"})
FRACTION_WORDS.update({"firsts": 1})

# Scale suffixes written on digits ("2.5bn", "10k").  Case matters: "m" is
# metres on its own ("1m") and only means million after a currency ("$5m"),
# which is how business news writes it.
DIGIT_SCALES = {
    "k": 1e3, "K": 1e3, "M": 1e6, "MM": 1e6, "mn": 1e6, "mln": 1e6, "mil": 1e6,
    "b": 1e9, "B": 1e9, "bn": 1e9, "bln": 1e9, "G": 1e9,
    "T": 1e12, "tn": 1e12, "tln": 1e12, "trn": 1e12,
}
CURRENCY_ONLY_SCALES = {"m": 1e6}
# ... and before a plural count noun ("1.2m people", "2m visitors", "3bn"-style headlines): metres
# measure one thing ("a 1.2m wall", "the 100m sprint"), a plural noun is what millions count.
COUNTED_AFTER_SCALE = r"\s+(?:people|[a-z]+[^s\W]s)\b"
# Percent written glued to the digits in British papers ("0.5pc", "12pct").
GLUED_PERCENT = {"pc": "percent", "pct": "percent"}

# --- vague amounts ----------------------------------------------------------

# ACLED's convention for vague fatality counts: a plural scale word stands
# for the smallest number it can mean ("hundreds" -> 100, "dozens" -> 12,
# "tens" -> 10).  The value is a floor, so `low` = value, `high` = None and
# `approximate` is True.  Callers can override any of these with `vague=`.
VAGUE_AMOUNTS = {
    "tens": 10.0, "dozens": 12.0, "scores": 20.0, "hundreds": 100.0,
    "thousands": 1000.0, "millions": 1e6, "billions": 1e9,
    # "several hundred": several is at least three by the same floor logic
    # (two would be "a couple"); "a few hundred" floors at two.
    "several": 3.0, "few": 2.0,
}
# "scores" and "tens" are ordinary nouns ("test scores") unless "of" follows.
VAGUE_NEED_OF = frozenset({"tens", "scores"})
# Multipliers that only count in front of a scale word ("several hundred").
VAGUE_MULTIPLIERS = frozenset({"several", "few"})

# --- words around a number ---------------------------------------------------

# Upper bounds: the figure is a ceiling.  Strict words ("less than") still
# give high = N; the rule keeps the word so the strictness is not lost.
UPPER_BOUNDS = (
    "up to", "at most", "no more than", "not more than", "fewer than",
    "less than", "under", "below", "a maximum of", "as many as", "as much as",
    "smaller than", "lower than", "no greater than", "a max of",
    # inclusive forms: still high = N
    "less than or equal to", "smaller or equal than", "lower or equal than",
    "less or equal than", "equal to or less than", "at most or equal to",
)
# Lower bounds: the figure is a floor.
LOWER_BOUNDS = (
    "more than", "at least", "over", "above", "in excess of", "upwards of",
    "no fewer than", "no less than", "not less than", "a minimum of",
    "greater than", "higher than", "larger than", "bigger than", "exceeding",
    "exceeds", "exceed", "surpass", "surpassing", "well over", "over and above",
    # inclusive forms: still low = N
    "greater than or equal to", "bigger or equal than", "higher or equal than",
    "larger or equal than", "more or equal than", "equal to or more than",
    "equal to or greater than", "at least or equal to",
)
# Approximations: value = low = high = N with approximate=True, because the
# source gives N as its figure and only hedges its precision.
APPROXIMATIONS = (
    "about", "around", "some", "roughly", "approximately", "an estimated",
    "estimated", "close to", "circa", "approx.", "c.", "~", "more or less",
    "in the region of", "on the order of", "somewhere around",
)
# Approximations from below: the figure is a ceiling the count nearly
# reaches, so high = N, low = None, approximate=True.
APPROX_UPPER = ("nearly", "almost", "just under", "just below", "close on")
# Approximations from above: a floor the count just passes.
APPROX_LOWER = ("just over", "just above", "slightly more than", "a little over")
# Exact markers: kept in the text, nothing changes ("equal to 20").
EXACTS = ("equal to", "equaling to", "equalling to", "equals", "equals to", "exactly", "precisely", "a total of")
# Increments: "another 300" is a new amount on top of an earlier one.
INCREMENTS = ("another", "an additional", "a further", "an extra", "additional", "a fresh")

# Trailing bounds: "500 or more", "30 or less".
TRAILING_LOWER = ("or more", "and more", "or greater", "or above", "or over", "plus")
TRAILING_UPPER = ("or less", "or fewer", "and less", "or below", "or under", "or lower")

# Range connectors between two numbers.  "and" only after "between".
RANGE_DASHES = ("-", "\u2013", "\u2014", "~")
RANGE_WORDS = ("to", "through", "till", "until", "and", "or")

# --- currencies ---------------------------------------------------------------

# Symbols before the number.  "$" alone is USD: the usual reading in
# English-language wire copy; other dollars carry a prefix.
CURRENCY_SYMBOLS = {
    "US$": "USD", "A$": "AUD", "C$": "CAD", "NZ$": "NZD", "HK$": "HKD",
    "S$": "SGD", "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR",
    "₦": "NGN", "₽": "RUB", "₩": "KRW", "₺": "TRY", "₴": "UAH", "R$": "BRL",
}
CURRENCY_CODES = frozenset({
    "USD", "EUR", "GBP", "JPY", "CNY", "RMB", "INR", "CHF", "CAD", "AUD", "NZD",
    "RUB", "NGN", "ZAR", "KES", "BRL", "MXN", "SEK", "NOK", "DKK", "TRY",
    "UAH", "PKR", "EGP", "XOF", "XAF", "HKD", "SGD", "KRW", "SAR", "AED",
})
CURRENCY_WORDS = {
    "dollars": "USD", "dollar": "USD", "us dollars": "USD", "euros": "EUR",
    "euro": "EUR", "pounds sterling": "GBP", "sterling": "GBP", "yen": "JPY",
    "yuan": "CNY", "renminbi": "CNY", "rupees": "INR", "naira": "NGN",
    "rubles": "RUB", "roubles": "RUB", "francs": "CHF", "shillings": "KES",
    "rand": "ZAR",
}

# --- units ------------------------------------------------------------------

PERCENT_WORDS = {
    "percentage points": "percentage_point", "percentage point": "percentage_point",
    "points": None, "per cent": "percent", "percent": "percent",
    "percents": "percent", "percentage": "percent", "pct": "percent",
    "%": "percent",
}
PERCENT_WORDS.pop("points")  # "points" alone is a score, not a percentage.

# Physical units, written form -> canonical name.  Only forms that are not
# also common English words ("in", "am", "m" are left out).
PHYSICAL_UNITS = {
    "km": "km", "kms": "km", "kilometres": "km", "kilometers": "km",
    "kilometre": "km", "kilometer": "km", "square kilometres": "km2",
    "square kilometers": "km2", "sq km": "km2", "km2": "km2", "km²": "km2",
    "metres": "m", "meters": "m", "metre": "m", "meter": "m",
    "cm": "cm", "centimetres": "cm", "centimeters": "cm", "mm": "mm",
    "millimetres": "mm", "millimeters": "mm", "miles": "mile", "mile": "mile",
    "mi": "mile", "sq mi": "mile2", "square miles": "mile2",
    "kg": "kg", "kgs": "kg", "kilograms": "kg", "kilogrammes": "kg",
    "kilogram": "kg", "g": "g", "grams": "g", "grammes": "g", "mg": "mg",
    "milligrams": "mg", "tonnes": "tonne", "tonne": "tonne", "tons": "tonne",
    "ton": "tonne", "metric tons": "tonne", "lbs": "lb", "lb": "lb",
    "hectares": "hectare", "hectare": "hectare", "ha": "hectare",
    "acres": "acre", "acre": "acre", "litres": "litre", "liters": "litre",
    "litre": "litre", "liter": "litre", "ml": "ml", "cl": "cl",
    "gallons": "gallon", "gallon": "gallon", "barrels": "barrel",
    "barrel": "barrel", "bpd": "barrel_per_day",
    "degrees celsius": "celsius", "°c": "celsius", "degrees fahrenheit": "fahrenheit",
    "°f": "fahrenheit", "mw": "MW", "gw": "GW", "kw": "kW", "kwh": "kWh",
    "mwh": "MWh", "gwh": "GWh", "km/h": "km/h", "mph": "mph",
}

# --- what is not a quantity -----------------------------------------------------

MONTHS = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
})
# A bare four-digit number in this range after one of these words is a year
# ("since 1960").  1000 is the floor because older dates rarely appear in
# news; 2100 the ceiling because projections ("by 2050") stop around there.
YEAR_MIN, YEAR_MAX = 1000, 2100
YEAR_PREPOSITIONS = frozenset({
    "in", "since", "of", "by", "until", "till", "before", "after", "from",
    "during", "between", "year", "early", "late", "mid", "fiscal", "fy",
    "through", "and", "to", "circa", "summer", "winter", "spring", "autumn",
    "fall", "the", "around", "than",
})
# A bare four-digit number 1900..2100 with no noun after it reads as a year
# ("2016 was violent"); outside that range it is a count.
BARE_YEAR_MIN, BARE_YEAR_MAX = 1900, 2100

# Verbs after a bare 1900..2100 number that make it a year ("2016 was hard"),
# where a count would be followed by its noun ("1500 people").
YEAR_FOLLOWERS = frozenset({
    "was", "is", "saw", "has", "had", "will", "marked", "brought", "began",
    "ended", "were", "became", "proved", "remains", "remained", "and", "or",
})

# Words before a number that make it a label, not an amount.
IDENTIFIER_WORDS = frozenset({
    "resolution", "resolutions", "article", "articles", "chapter", "chapters",
    "committee", "no", "nos", "number", "flight", "page", "pages", "section",
    "paragraph", "para", "clause", "rule", "room", "route", "highway", "road",
    "grade", "level", "phase", "class", "volume", "vol", "item", "annex",
    "protocol", "amendment", "version", "v", "line", "platform", "gate",
    "district", "zone", "sector", "block", "unit", "ward", "category", "cat",
    "stage", "act", "bill", "law", "decree", "order", "case", "file",
    "episode", "season", "series", "model", "type", "mark", "mk", "division",
    "brigade", "battalion", "regiment", "corps", "squadron", "tel", "phone",
    "fax", "ext", "extension", "box", "apt", "suite", "exit", "channel",
    "figure", "fig", "table", "appendix", "part", "verse", "psalm", "term",
    "nr", "nrs", "id", "code", "pt", "vs", "versus", "round", "week", "day",
})
# Verbs that state a change as a multiple: "turnout has tripled" is a figure
# (3, unit "times").  Only the verb forms: "a double room", "triple A" are no claims.
MULTIPLIER_VERBS = {
    "doubled": 2, "doubling": 2, "trebled": 3, "tripled": 3, "tripling": 3, "trebling": 3,
    "quadrupled": 4, "quadrupling": 4, "quintupled": 5, "tenfold": 10,
}

# Words before a fraction that make it a part of a period, not a share:
# "the first half of the year", "the last quarter".
ORDINAL_BEFORE_FRACTION = frozenset({"first", "second", "third", "fourth", "last", "final", "latter", "former", "next", "previous"})

# Capitalised words after a figure that make it part of a name: "the 1267
# Committee", "the 2030 Agenda" (and every IDENTIFIER_WORDS word, capitalised).
NAME_LABELS_AFTER = frozenset({"agenda", "plan", "strategy", "summit", "declaration", "accord", "goals"})
# Capitalised words before a figure that do not name it: a date's month or
# weekday ("Monday 300 people"), a bound or approximation's first word written
# in capitals mid-sentence, a currency ("Rs 500" is money, handled elsewhere).
NOT_NAME_WORDS = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "about", "some", "around", "nearly", "almost", "over",
    "under", "more", "less", "than", "least", "only", "just", "rs", "inr",
})

# Words after "one" that make it a pronoun or determiner, never an amount.
# Bare "one" is not a claim at all by default (see quantities.py); this list
# is used by mode="all", which returns "one" unless a pronoun reading is clear.
ONE_PRONOUN_BEFORE = frozenset({"the", "this", "that", "which", "each", "any", "every", "no", "no.", "another", "some", "someone", "anyone"})
ONE_PRONOUN_AFTER = frozenset({"of", "another", "day", "you", "another's"})


# A number after a possessive refers to a known set, it does not put a figure
# forward: "our two countries", "their three children".  (A figure after "the"
# can still be a claim: "the 600 instructors sent in May".)
DEFINITE_BEFORE = frozenset({"our", "their", "his", "her", "its", "my", "your"})
