"""Place names and their canonical forms.

A small table, extended by the corpus itself later (aliases declared in text
such as "the Central African Republic (CAR)").  Cities map to the country a
figure about them is about: a deployment "in Bangui" is one in the Central
African Republic.  Keys are lower case, without a leading "the".
"""

PLACE_ALIASES: dict[str, str] = {
    "central african republic": "Central African Republic",
    "car": "Central African Republic",
    "c.a.r.": "Central African Republic",
    "c.a.r": "Central African Republic",
    "centrafrique": "Central African Republic",
    "bangui": "Central African Republic",
    "russia": "Russia",
    "russian federation": "Russia",
    "moscow": "Russia",
    "france": "France",
    "paris": "France",
    "united states": "United States",
    "us": "United States",
    "u.s.": "United States",
    "usa": "United States",
    "washington": "United States",
    "democratic republic of the congo": "Democratic Republic of the Congo",
    "drc": "Democratic Republic of the Congo",
    "kinshasa": "Democratic Republic of the Congo",
    "republic of the congo": "Republic of the Congo",
    "brazzaville": "Republic of the Congo",
    "chad": "Chad",
    "n'djamena": "Chad",
    "sudan": "Sudan",
    "khartoum": "Sudan",
    "south sudan": "South Sudan",
    "cameroon": "Cameroon",
    "yaounde": "Cameroon",
    "mali": "Mali",
    "bamako": "Mali",
    "libya": "Libya",
    "syria": "Syria",
    "ukraine": "Ukraine",
    "kyiv": "Ukraine",
    "united kingdom": "United Kingdom",
    "uk": "United Kingdom",
    "britain": "United Kingdom",
    "london": "United Kingdom",
    "china": "China",
    "beijing": "China",
}

# Capitals, for the check that flags a capital of an uninvolved country.
CAPITALS: dict[str, str] = {
    "bangui": "Central African Republic", "moscow": "Russia", "paris": "France",
    "kinshasa": "Democratic Republic of the Congo", "brazzaville": "Republic of the Congo",
    "n'djamena": "Chad", "khartoum": "Sudan", "yaounde": "Cameroon", "bamako": "Mali",
    "washington": "United States", "kyiv": "Ukraine", "london": "United Kingdom", "beijing": "China",
}
