"""Canonical entities for English: UN missions, people, organisations, states.

Places and capitals live in `places_en.py` (`PLACE_ALIASES`, `CAPITALS`); this
table adds what the checks need beyond them.  Keys are folded (lower case,
accents stripped, leading "the" dropped; see `claimledger.entities.fold`).
Extend by adding rows; no code change is needed.
"""
from __future__ import annotations

from typing import NamedTuple


class Mission(NamedTuple):
    """A UN mission: its acronym, full name, country and years of operation."""

    acronym: str
    name: str
    country: str
    began: int
    ended: int | None  # None while the mission is running


UN_MISSIONS: tuple[Mission, ...] = (
    Mission("MINUSCA", "United Nations Multidimensional Integrated Stabilization Mission in the Central African Republic",
            "Central African Republic", 2014, None),
    Mission("MINURCA", "United Nations Mission in the Central African Republic",
            "Central African Republic", 1998, 2000),
    Mission("MINURCAT", "United Nations Mission in the Central African Republic and Chad",
            "Central African Republic", 2007, 2010),
    Mission("MONUSCO", "United Nations Organization Stabilization Mission in the Democratic Republic of the Congo",
            "Democratic Republic of the Congo", 2010, None),
    Mission("MONUC", "United Nations Organization Mission in the Democratic Republic of the Congo",
            "Democratic Republic of the Congo", 1999, 2010),
    Mission("MINUSMA", "United Nations Multidimensional Integrated Stabilization Mission in Mali",
            "Mali", 2013, 2023),
)

# Organisations the checks alone need to know, beyond the source names attribution canonicalises
# (`sources_en.ALIASES`, which `entities` merges these into and which wins on a shared key):
# folded mention -> canonical name, the canonical names being sources_en's where it has one.
CHECK_ALIASES: dict[str, str] = {
    "un": "United Nations",
    "u.n.": "United Nations",
    "united nations": "United Nations",
    "un panel of experts": "UN experts",
    "panel of experts": "UN experts",
    "security council": "UN Security Council",
    "unsc": "UN Security Council",
    "wagner": "Wagner Group",
    "wagner group": "Wagner Group",
}

# Years states came into being in their present form, for the check that
# flags a "year" earlier than the country it speaks of.  The corpus can add to
# this ("independence from France in 1960"), see `analyse.documents.learn_founding_years`.
FOUNDED: dict[str, int] = {
    "Central African Republic": 1960,
    "Democratic Republic of the Congo": 1960,
    "Republic of the Congo": 1960,
    "Chad": 1960,
    "Cameroon": 1960,
    "Mali": 1960,
    "Sudan": 1956,
    "South Sudan": 2011,
    "Libya": 1951,
    "Ukraine": 1991,
}

# Demonyms: "Russian instructors" involve Russia as much as "Russia" does.
# "Congolese" is left out: it names people of two countries.
DEMONYMS: dict[str, str] = {
    "russian": "Russia", "french": "France", "american": "United States", "british": "United Kingdom",
    "chinese": "China", "chadian": "Chad", "sudanese": "Sudan", "malian": "Mali", "cameroonian": "Cameroon",
    "ukrainian": "Ukraine", "libyan": "Libya", "syrian": "Syria", "central african": "Central African Republic",
    "rwandan": "Rwanda", "kenyan": "Kenya", "ghanaian": "Ghana", "nigerian": "Nigeria", "gabonese": "Gabon",
    "angolan": "Angola", "ugandan": "Uganda",
}
