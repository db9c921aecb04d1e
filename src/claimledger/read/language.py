"""Stage 0: the language a document is written in, offline and deterministic.

A text mostly in one non-Latin script is told by its script (Cyrillic by the
letters that tell its languages apart); a Latin-script text by which language's
function words make up the largest share of its words, against English's.  A
text too short to tell, or with no clear winner, is taken to be English.  The
scripts, word lists and thresholds are data (`data/languages.py`).
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from ..data.languages import (CYRILLIC_LETTERS, FUNCTION_WORDS, MIN_SHARE, MIN_WORDS, OVER_ENGLISH,
                              SAMPLE_CHARS, SCRIPT_RANGES, SCRIPT_SHARE, SUPPORTED_LANGUAGES)

WORD = re.compile(r"[^\W\d_]+")


def is_supported(text: str) -> bool:
    """True when `text` is in a language the extractors read (English)."""
    return detect_language(text) in SUPPORTED_LANGUAGES


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the language of `text` ("en" when it cannot be told)."""
    return _detect(text[:SAMPLE_CHARS])


@lru_cache(maxsize=256)
def _detect(sample: str) -> str:
    return script_language(sample) or word_language(sample)


def script_language(sample: str) -> str | None:
    """The language a non-Latin script names, when most letters of `sample` are in it."""
    if sample.isascii():
        return None  # every ASCII letter is Latin (and reading it so costs a tenth of the loop below)
    scripts = script_counts(sample)
    letters = sum(scripts.values())
    if not letters:
        return None
    script, count = max(scripts.items(), key=lambda item: item[1])
    if script == "latin" or count < SCRIPT_SHARE * letters:
        return None
    if script == "ru":
        found = Counter(CYRILLIC_LETTERS[char] for char in sample.lower() if char in CYRILLIC_LETTERS)
        return found.most_common(1)[0][0] if found else "ru"
    if script == "zh" and scripts["ja"]:
        return "ja"  # Japanese writes Chinese characters among its kana
    return script


# Each script's range as a character class, for counting its characters without a loop in Python.
_SCRIPT_CLASSES = tuple((re.compile(f"[{chr(first)}-{chr(last)}]+"), language)
                        for first, last, language in SCRIPT_RANGES)


def script_counts(sample: str) -> Counter[str]:
    """The letters of `sample` by script ("latin" for those outside SCRIPT_RANGES), keyed in the
    order each script first appears: `max` over them breaks a tie as a reading left to right would.

    Counted a script at a time (a news text in English has a few letters of others at most), and
    read character by character (`_counts_in_order`) only when two scripts tie for the most letters.
    """
    letters = _letters(_NOT_LETTERS.sub("", sample))
    scripts: Counter[str] = Counter()
    for pattern, language in _SCRIPT_CLASSES:
        count = sum(_letters(run) for run in pattern.findall(sample))
        if count:
            scripts[language] += count
    if letters > sum(scripts.values()):
        scripts["latin"] = letters - sum(scripts.values())
    top = sorted(scripts.values(), reverse=True)
    if len(top) > 1 and top[0] == top[1]:
        return _counts_in_order(sample)
    return scripts


# What can never be a letter (str.isalpha): every letter is a word character, and none is a digit or "_".
_NOT_LETTERS = re.compile(r"[\W\d_]+")


def _letters(chars: str) -> int:
    """How many of `chars` are letters."""
    return len(chars) if chars.isalpha() else sum(map(str.isalpha, chars))


def _counts_in_order(sample: str) -> Counter[str]:
    scripts: Counter[str] = Counter()
    for char in sample:
        if char.isalpha():
            scripts[script_of(ord(char))] += 1
    return scripts


def script_of(code: int) -> str:
    for first, last, language in SCRIPT_RANGES:
        if first <= code <= last:
            return language
    return "latin"


def word_language(sample: str) -> str:
    """The language whose function words are the largest share of the words of `sample`, if
    clearly ahead of English (see MIN_SHARE, OVER_ENGLISH); else "en"."""
    words = WORD.findall(sample.lower())
    if len(words) < MIN_WORDS:
        return "en"
    counts = Counter(words)
    shares = {language: sum(counts[word] for word in listed) / len(words)
              for language, listed in FUNCTION_WORDS.items()}
    best = max(shares, key=lambda language: (shares[language], language == "en"))
    if best != "en" and shares[best] >= MIN_SHARE and shares[best] >= OVER_ENGLISH * shares["en"]:
        return best
    return "en"
