"""Which language a document is written in, as data: scripts and function words (read/language.py).

The extractors' word lists (numbers, reporting verbs, time words) are English, so a
document in another language is stored without claims rather than read as English.
The detector is deterministic and offline: a text mostly in a non-Latin script is
told by its script; a Latin-script text by the share of its words that are the
commonest function words of each language below.  Only words that are rare in
English text are listed for the other languages ("a", "on", "die" are left out).
"""
from __future__ import annotations

# The languages the extractors read.
SUPPORTED_LANGUAGES = frozenset({"en"})

# Letter ranges of the scripts that name a language (or a family, the first listed) outright.
# (first code point, last code point, language); Cyrillic and CJK are told apart further below.
SCRIPT_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0370, 0x03FF, "el"),
    (0x0400, 0x04FF, "ru"),
    (0x0590, 0x05FF, "he"),
    (0x0600, 0x06FF, "ar"),
    (0x0900, 0x097F, "hi"),
    (0x0E00, 0x0E7F, "th"),
    (0x3040, 0x30FF, "ja"),
    (0x4E00, 0x9FFF, "zh"),
    (0xAC00, 0xD7AF, "ko"),
)

# Letters of the Cyrillic script found in one of its languages and not in Russian.
CYRILLIC_LETTERS: dict[str, str] = {"і": "uk", "ї": "uk", "є": "uk", "ґ": "uk", "ў": "be", "ђ": "sr", "ћ": "sr",
                                    "џ": "sr", "ј": "sr", "љ": "sr", "њ": "sr", "ѓ": "mk", "ќ": "mk"}

# Function words, lower case: the commonest words of running text in each language.
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "the of and to in is that for with as was by at it from are were has have had said this which be "
        "not an or but its their they he she his her been will would who than after about".split()),
    "fr": frozenset(
        "le la les des du et est une un que qui dans pour pas sur au aux avec ce cette sont ont été par "
        "plus ses leur mais ou il elle nous vous à été selon depuis aussi entre".split()),
    "es": frozenset(
        "el los las del y en que por una con para es se su al como más pero fue este esta han sus "
        "según también entre desde muy".split()),
    "de": frozenset(
        "der das und ist nicht mit von den dem ein eine zu auf sich auch für im wurde sind bei aus "
        "nach wie noch nur oder werden hat".split()),
    "it": frozenset(
        "il lo gli della di e che non per una è sono con del nel alla anche più ha le dei delle nella "
        "secondo stato".split()),
    "pt": frozenset(
        "o os da do dos das e que não uma um para com em no na por mais foi são como ao pelo pela "
        "segundo também".split()),
    "nl": frozenset(
        "de het een en van niet dat op te zijn met voor ook aan wordt bij maar er om werd volgens "
        "naar heeft".split()),
}

# Too few words to tell one language from another: such a text is taken to be English,
# as a caption or a unit test's sentence would be.  Under 8 words, one stray letter
# ("e" of "1e-3") is already an eighth of them; 8 words of running text hold two or
# three function words in any of the languages above.
MIN_WORDS = 8

# A Latin-script text is in another language when that language's function words are at
# least this share of its words (English news runs at 30-40% of its own list, another
# language's text at 25-45% of its own) ...
MIN_SHARE = 0.15
# ... and at least this many times the share of English function words (a quoted French
# phrase in an English article leaves English far ahead).
OVER_ENGLISH = 2.0

# A text is told by its script when this share of its letters is in a non-Latin script.
SCRIPT_SHARE = 0.5

# Characters of a long text looked at: plenty to tell a language, and quick on any size.
SAMPLE_CHARS = 20_000
