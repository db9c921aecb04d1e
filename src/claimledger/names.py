"""Canonical entities: places, people and organisations, folded and matched, in one place.

Every stage that names a place or a source goes through here.  A name is folded
(`fold`: accents stripped, case folded, a possessive "'s" and a leading "the"
dropped) and, as a key for the alias tables (`name_key`), loses any leading
determiner too; the keys of `data/places_en.py`, `data/sources_en.py` and
`data/entities_en.py` are read through the same key.  The corpus adds aliases of
its own: "the Central African Republic (CAR)" teaches that CAR is that country.
Near spellings are matched by Levenshtein distance (rapidfuzz), which is also how
the checks spot "MINURCA" for "MINUSCA".
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Iterable, Iterator

from rapidfuzz.distance import Levenshtein

from .data.entities_en import CHECK_ALIASES, DEMONYMS, FOUNDED, UN_MISSIONS, Mission
from .data.places_en import CAPITALS, PLACE_ALIASES
from .data.sources_en import ALIASES as SOURCE_ALIASES, KIND_WORDS, SOURCE_NOISE_WORDS

GOVERNMENT_WORDS = KIND_WORDS["government"]

# Every name of the place table, longest first, as a whole word (case-insensitive).
PLACE_PATTERN = re.compile(
    r"(?<![\w.])(?:" + "|".join(sorted((re.escape(k) for k in PLACE_ALIASES), key=len, reverse=True)) + r")(?![\w])",
    re.IGNORECASE,
)
# Words that may open a mention without being part of the name ("the ministry", "a spokesman").
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})

# "Long Name (ACRONYM)": the acronym is declared as an alias of the long name.
_DECLARED_ALIAS = re.compile(r"((?:the\s+)?(?:[A-Z][\w'’-]*\s+)*(?:of\s+the\s+|of\s+)?(?:[A-Z][\w'’-]*\s*)+)\(([A-Z][A-Z.]{1,9})\)")
_ACRONYM = re.compile(r"\b[A-Z]{3,10}\b")


# The combining-mark blocks NFKD leaves after a letter ("é" -> "e" + U+0301): removed by one regex,
# not a per-character `unicodedata.combining` loop (folding a whole article is on the add path).
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(name: str) -> str:
    """`name` with accents stripped, case folded, "the" and "'s" dropped, spaces collapsed."""
    text = name if name.isascii() else _COMBINING.sub("", unicodedata.normalize("NFKD", name))
    text = text.replace("’", "'")
    text = re.sub(r"'s\b", "", text.casefold())
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"^the\s+", "", text)


# Names are folded again and again (every pair of claims a check compares): remember them.
# 65,536 names is far more than a corpus has sources and places, and a few MB at most.
fold_name = lru_cache(maxsize=1 << 16)(fold)

# Countries and capitals as the place table writes them (folded): as a source, a government.
COUNTRY_OR_CAPITAL_WORDS = frozenset(key for key, place in PLACE_ALIASES.items() if key in CAPITALS or fold(place) == key)


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance between `a` and `b` (insertions, deletions, substitutions)."""
    return Levenshtein.distance(a, b)


def name_key(name: str) -> str:
    """The key a name is looked up by in the alias tables: folded, a leading determiner dropped."""
    words = fold(name).split()
    if words and words[0] in DETERMINERS:
        words = words[1:]
    return " ".join(words)


def source_alias(name: str) -> str | None:
    """The canonical name the source alias table gives this mention ("the Kremlin" -> "Russian
    Government"), or None."""
    return SOURCE_ALIASES_BY_KEY.get(name_key(name))


# One table of organisation names for the checks: attribution's source aliases, which decide the
# names claims carry, and the few the checks add; read folded, as `canonical_source` looks them up.
ORGANISATION_ALIASES: dict[str, str] = {name_key(key): name for key, name in {**CHECK_ALIASES, **SOURCE_ALIASES}.items()}
SOURCE_ALIASES_BY_KEY: dict[str, str] = {name_key(key): name for key, name in SOURCE_ALIASES.items()}


def similarity(a: str, b: str) -> float:
    """1.0 for the same folded name, down to 0.0: one minus the normalised edit distance."""
    a, b = fold(a), fold(b)
    longest = max(len(a), len(b)) or 1
    return 1.0 - edit_distance(a, b) / longest


def learn_aliases(texts: Iterable[str]) -> dict[str, str]:
    """Aliases the texts declare: "the Central African Republic (CAR)" -> {"car": "Central African Republic"}."""
    learned: dict[str, str] = {}
    for text in texts:
        for match in _DECLARED_ALIAS.finditer(text):
            long_name = re.sub(r"^the\s+", "", match.group(1).strip(), flags=re.IGNORECASE)
            learned[fold(match.group(2))] = PLACE_ALIASES.get(fold(long_name), long_name)
    return learned


def canonical_place(name: str, learned: dict[str, str] | None = None) -> str:
    """The canonical name of a place ("CAR", "C.A.R.", "Bangui" -> "Central African Republic"), else
    the name as written less a leading "the"."""
    key = fold_name(name)
    return PLACE_ALIASES.get(key) or (learned or {}).get(key) or re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE)


def canonical_source(name: str | None) -> str | None:
    """The canonical name of who puts a figure forward: the alias table's, a capital speaking for its
    country ("Moscow said" -> Russia), else the name tidied."""
    if not name:
        return None
    key = name_key(name)
    if key in ORGANISATION_ALIASES:
        return ORGANISATION_ALIASES[key]
    if key in CAPITALS:
        return CAPITALS[key]
    return name.strip()


@lru_cache(maxsize=1 << 16)  # a long series compares the same few sources pair after pair
def same_source(a: str | None, b: str | None) -> bool:
    """Whether two source names denote one source: same canonical name, or one's words within the other's."""
    if not a or not b:
        return False
    if canonical_source(a) == canonical_source(b):
        return True
    words_a, words_b = _source_words(a), _source_words(b)
    if words_a and words_b and (words_a <= words_b or words_b <= words_a):
        return True
    return _speaks_for(canonical_source(a), words_b) or _speaks_for(canonical_source(b), words_a)


def _speaks_for(country: str | None, words: frozenset[str]) -> bool:
    """Whether a source of these words is a government body of `country` ("Russia" and "the Russian
    Ministry of Foreign Affairs"): a country stands for its government, as its capital does."""
    if country is None or fold_name(country) not in PLACE_ALIASES or not words & GOVERNMENT_WORDS:
        return False
    return any(DEMONYMS.get(word) == country or PLACE_ALIASES.get(word) == country for word in words)


def _source_words(name: str) -> frozenset[str]:
    """The words telling a source apart: not noise, and not initials ("F.A." stands for given names)."""
    return frozenset(word for word in re.findall(r"[\w.]+", fold_name(name))
                     if word not in SOURCE_NOISE_WORDS and not _INITIALS.fullmatch(word))


_INITIALS = re.compile(r"(?:\w\.)+")


def place_mentions(text: str) -> Iterator[tuple[str, int, int, str]]:
    """(surface, start, end, canonical place) for every place of the table written in `text`.

    Matches must start with a capital, and short keys ("us", "car") must be
    written in capitals, so the pronoun "us" and the noun "car" are not places.
    """
    for match in PLACE_PATTERN.finditer(text):
        surface = match.group(0)
        if surface[0].isupper() and (len(surface) > 3 or surface.upper() == surface):
            yield surface, match.start(), match.end(), PLACE_ALIASES[fold(surface)]


def capital_mentions(text: str) -> Iterator[tuple[str, int, int, str]]:
    """(surface, start, end, country) for every capital city of `CAPITALS` written in `text`."""
    for surface, start, end, _place in place_mentions(text):
        if fold(surface) in CAPITALS:
            yield surface, start, end, CAPITALS[fold(surface)]


def acronyms(text: str) -> set[str]:
    """Upper-case words of three letters or more: candidate acronyms ("MINUSCA", "UNSC")."""
    return set(_ACRONYM.findall(text))


def mission(acronym: str) -> Mission | None:
    """The UN mission of the table with this acronym, if any."""
    return next((m for m in UN_MISSIONS if m.acronym == acronym.upper()), None)


def countries_named(text: str) -> set[str]:
    """Countries `text` names, by place or by demonym ("Russian" -> Russia)."""
    found = {place for _s, _b, _e, place in place_mentions(text)}
    found.update(DEMONYMS[fold(m.group(1))] for m in _demonym_pattern().finditer(text) if m.group(1)[0].isupper())
    return found


@lru_cache(maxsize=1)
def _demonym_pattern() -> re.Pattern:
    """Every demonym of the table, longest first, as one case-blind pattern (built once)."""
    return re.compile(r"\b(" + "|".join(sorted(map(re.escape, DEMONYMS), key=len, reverse=True)) + r")\b",
                      re.IGNORECASE)
