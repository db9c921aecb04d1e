"""The number and quantity layer: find every figure in a text and normalise it.

Pure Python (regular expressions and the word tables in
`claimledger.data.numbers_en`); no parser model is needed.

A figure is read in three steps:

1. *atoms*: a run of digits or number words with what is glued to it
   (a currency before, a scale, a percent sign or a unit after):
   "$5 million", "2.5bn", "one hundred and twelve", "95.21%", "hundreds".
2. *phrases*: two atoms joined into a range ("between 800 and 2,000",
   "10 to 13 percent"), or one atom with a bound word before it ("up to",
   "more than"), an approximation ("about"), an increment ("another"), or a
   distributive "each" after it.
3. *claim filter* (default ``mode="claim"``): years, dates, times, ordinals,
   identifiers ("Resolution 2127", "MH17") and the pronoun "one" are dropped.
   ``mode="all"`` keeps them as plain numbers (used to score against
   general-purpose number recognisers).
   Mode all also reads spoken ratios ("one over three", "2 out of 5") as
   one fraction; claim mode keeps their two figures.

Conventions (see the data module for the tables):

* A plain figure has value = low = high.
* Bounds keep value = N and open the other end: "up to 2,100" -> low None,
  high 2100; "more than 95 percent" -> low 95, high None.  Strict words
  ("less than") still give the bound N; `rule` keeps the word.
* Approximations ("about 300") keep value = low = high = N, approximate=True,
  rule "approx:about"; "nearly"/"almost" give high N only.
* Vague amounts ("hundreds") follow ACLED: value = low = the floor the word
  stands for, high None, approximate=True, rule "vague:hundreds=100".
* Bare "one" is not a claim figure by default: it is a pronoun or a
  determiner far more often ("one of the poorest countries"); "one million",
  "one percent" and "twenty-one" are kept.
* Claim mode reads a fraction below one with no scale as a share in percent
  ("a third" -> 33.3, "one in four" -> 25, unit "percent", rule "fraction" or
  "ratio"), so it meets the percentages of the same thing in one series;
  mode all keeps the fraction (0.333).  "half a million" stays 500,000.
* Multiplier verbs are figures in claim mode: "has tripled" -> 3, unit "times".
* `find_numbers` is the number recogniser: each number's own span, without
  bound words, currency or unit (what Recognizers-Text's NumberModel reports).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Iterator, NamedTuple

from ..data import numbers_en as en
from ..data.places_en import CAPITALS, PLACE_ALIASES
from ..records import Quantity

__all__ = ["find_quantities", "find_numbers", "parse_number", "find_year_like"]

# --------------------------------------------------------------------------- tokens

_DIGITS = (r"\d{1,3}(?:,\d{3})+(?:\.\d+)?"
           r"|\d{1,3}(?:[ \u202f\u00a0]\d{3}(?!\d))+(?:\.\d+)?"
           r"|(?<![\d,])\d{1,3},\d{1,2}(?![\d,]|\.\d)"
           r"|\d+(?:\.\d+)?|\.\d+")
_TOKEN = re.compile(rf"(?P<num>{_DIGITS})|(?P<word>[A-Za-z]+)|(?P<sym>\S)")

_NUMERAL_WORDS = {**en.UNIT_WORDS, **en.TENS_WORDS}


class _Token(NamedTuple):
    # A named tuple, not a frozen dataclass: one is made per word of every
    # document, and a frozen dataclass's __init__ cost a tenth of this stage.
    kind: str
    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower()


def _tokens(text: str) -> list[_Token]:
    return [_Token(m.lastgroup or "sym", m.group(), m.start(), m.end())
            for m in _TOKEN.finditer(text)]


@dataclass
class _Atom:
    """A figure before phrase building (mutable while it grows)."""

    start: int
    end: int
    value: float
    kind: str                      # digits | words | fraction | vague
    unit: str | None = None
    scale: float | None = None     # scale word or suffix, for range spreading
    rule: str | None = None
    approximate: bool = False
    vague_high: bool = False       # vague: high stays open
    year_like: bool = False
    bare_one: bool = False
    weak_fraction: bool = False    # "a third", "half" without a scale
    # The number's own extent, sign and scale included, currency and unit left
    # out ("$5 million dollars" -> "5 million"); None: the same as start/end.
    own: tuple[int, int] | None = None
    glued_unit: bool = False       # "180ml", "29km": a measurement, not a number


# --------------------------------------------------------------------------- words


def _word_kind(tok: _Token) -> str | None:
    """Grammar class of a token inside a spelled number."""
    w = tok.low
    if tok.kind == "num":
        return "num"
    if tok.text == "-":
        return "hyphen"
    if w in en.UNIT_WORDS:
        return "unit"
    if w in en.TENS_WORDS:
        return "tens"
    if w == "hundred":
        return "hundred"
    if w in en.SCALE_WORDS:
        return "scale"
    if w in en.DOZEN_WORDS:
        return "dozen"
    if w in en.FRACTION_WORDS:
        return "frac"
    if w in ("a", "an"):
        return "a"
    if w in ("and", "point", "of"):
        return w
    return None


_FOLLOWS = {
    # kind of the previous item -> kinds allowed next
    None: {"num", "unit", "tens", "a", "frac"},
    "num": {"hundred", "scale", "dozen", "and", "frac"},
    "unit": {"hundred", "scale", "dozen", "and", "frac", "point", "unit", "tens", "hyphen"},
    "tens": {"unit", "hyphen", "hundred", "scale", "dozen", "and", "frac", "point", "tens"},
    "hundred": {"unit", "tens", "num", "scale", "and", "dozen", "frac", "point", "a", "hyphen"},
    "scale": {"unit", "tens", "num", "scale", "and", "frac", "a", "point"},
    "dozen": {"and"},
    "and": {"unit", "tens", "num", "a"},
    "hyphen": {"unit", "frac"},
    "a": {"hundred", "scale", "dozen", "frac"},
    "frac": {"scale", "a", "dozen", "and", "of"},
    "of": {"a", "scale"},          # "two thirds of a million"
    "point": {"unit", "tens"},
}


def _run(tokens: list[_Token], i: int, text: str) -> int:
    """End index (exclusive) of the longest spelled-number run from i."""
    prev: str | None = None
    j = i
    while j < len(tokens):
        kind = _word_kind(tokens[j])
        if kind is None or kind not in _FOLLOWS[prev]:
            break
        if j > i and text[tokens[j - 1].end:tokens[j].start].count("\n") > 0:
            break
        if kind == "unit" and prev in ("unit", "tens") and not _joins(tokens, j, prev):
            break
        if kind == "and" and not _and_joins(tokens, i, j, prev):
            break
        if kind == "hyphen" and prev != "tens" and not _next_is_fraction(tokens, j):
            break
        prev = kind
        j += 1
    return j


def _and_joins(tokens: list[_Token], i: int, j: int, prev: str | None) -> bool:
    """"and" joins "hundred and twelve" and "one and a half", not "800 and 2,000"."""
    ahead = [_word_kind(t) for t in tokens[j + 1:j + 4]]
    if j + 1 < len(tokens) and tokens[j + 1].low in ("0", "zero"):
        return False  # "3 hundred and 0": nobody adds nought; two numbers
    if "frac" in ahead and (ahead[0] == "a" or ahead[0] == "unit"):
        return True
    if i > 0 and tokens[i - 1].low == "between":
        return False
    return prev in ("hundred", "scale")


def _next_is_fraction(tokens: list[_Token], j: int) -> bool:
    """After a unit or "hundred" a dash only joins a denominator: "one-eighth", "five - eighths"."""
    return j + 1 < len(tokens) and _word_kind(tokens[j + 1]) == "frac"


def _joins(tokens: list[_Token], j: int, prev: str) -> bool:
    """Two numerals in a row only join as tens+unit ("fifty two") or after point."""
    if prev == "tens":
        return tokens[j].low in en.UNIT_WORDS and en.UNIT_WORDS[tokens[j].low] < 10
    return any(t.low == "point" for t in tokens[max(0, j - 8):j])


def _items(tokens: list[_Token]) -> list[tuple[str, float, str]]:
    """(kind, value, word) triples for a run, hyphens dropped."""
    out = []
    for tok in tokens:
        kind = _word_kind(tok)
        if kind == "hyphen" or kind is None:
            continue
        out.append((kind, _item_value(tok, kind), tok.low))
    return out


def _item_value(tok: _Token, kind: str) -> float:
    w = tok.low
    table = {"unit": en.UNIT_WORDS, "tens": en.TENS_WORDS, "scale": en.SCALE_WORDS,
             "dozen": en.DOZEN_WORDS, "frac": en.FRACTION_WORDS}
    if kind == "num":
        return _digits_value(tok.text)
    if kind == "hundred":
        return 100.0
    if kind == "a":
        return 1.0
    return float(table[kind][w]) if kind in table else 0.0


def _integer(items: list[tuple[str, float, str]]) -> float | None:
    """Value of an integer word sequence ("two hundred and two thousand")."""
    total, group, last_numeral, last = 0.0, 0.0, 0.0, None
    for kind, value, _ in items:
        if kind in ("unit", "tens", "num", "a"):
            group += value
            last_numeral = value
        elif kind == "hundred":
            group = (group or 1.0) * 100
        elif kind == "scale":
            if group == 0 and last == "scale":
                total *= value
            else:
                total += (group or 1.0) * value
            group = 0.0
        elif kind == "dozen":
            group = group - last_numeral + (last_numeral or 1.0) * 12
        elif kind != "and":
            return None
        last = kind
    if last in ("and", None) or (last == "a" and len(items) == 1):
        return None
    return total + group


def _decimal(items: list[tuple[str, float, str]]) -> float | None:
    """"two hundred point zero three" -> 200.03."""
    at = [k for k, _, _ in items].index("point")
    whole = _integer(items[:at]) if at else 0.0
    tail = items[at + 1:]
    if whole is None or not tail:
        return None
    if all(k == "unit" and v < 10 for k, v, _ in tail):
        digits = "".join(str(int(v)) for _, v, _ in tail)
    else:
        rest = _integer(tail)
        if rest is None:
            return None
        digits = str(int(rest))
    return whole + float("0." + digits)


def _fraction(items: list[tuple[str, float, str]]) -> float | None:
    """Spelled fractions: "two thirds", "one and a half", "half a million"."""
    at = [k for k, _, _ in items].index("frac")
    before, denominator, after = items[:at], items[at][1], items[at + 1:]
    multiplier = 1.0
    after = [it for it in after if it[0] not in ("a", "of")]
    if after:
        if len(after) != 1 or after[0][0] not in ("scale", "dozen"):
            return None
        multiplier = after[0][1]
    whole, numerator = _split_whole(before, denominator)
    if numerator is None:
        return None
    if whole and before and _last_scale(before) and multiplier == 1.0:
        multiplier = _last_scale(before)
        whole_value = _integer(whole)
        return None if whole_value is None else whole_value + numerator / denominator * multiplier
    if not whole and len(before) >= 2 and before[-1][0] == "tens" \
            and items[at][2].rstrip("s") in en.ORDINAL_UNITS:
        denominator += before[-1][1]
        numerator_value = _integer(before[:-1])
        if numerator_value is not None:  # else "one hundred and thirty fifths" = 130/5
            return numerator_value / denominator * multiplier
        denominator = items[at][1]
    whole_value = _integer(whole) if whole else 0.0
    if whole_value is None:
        return None
    return whole_value + numerator / denominator * multiplier


def _split_whole(before: list[tuple[str, float, str]], denominator: float) -> tuple[list, float | None]:
    """Split "one hundred and three" + quarters into whole 100 and numerator 3.

    After "and" a numerator smaller than its denominator makes a mixed number
    ("two hundred and fifty-four hundredths" = 200.54); a larger one is part of
    the whole ("one hundred and thirty fifths" = 130/5).  "a half" has numerator 1.
    """
    if not before or [k for k, _, _ in before] == ["a"]:
        return [], 1.0
    ands = [n for n, (k, _, _) in enumerate(before) if k == "and"]
    if ands:
        tail = before[ands[-1] + 1:]
        numerator = 1.0 if [k for k, _, _ in tail] == ["a"] else _integer(tail)
        if numerator is not None and numerator < denominator:
            return before[:ands[-1]], numerator
    return [], _integer(before)


def _last_scale(items: list[tuple[str, float, str]]) -> float | None:
    ands = [n for n, (k, _, _) in enumerate(items) if k == "and"]
    head = items[:ands[-1]] if ands else items
    return head[-1][1] if head and head[-1][0] == "scale" else None


def _words_value(items: list[tuple[str, float, str]]) -> float | None:
    kinds = [k for k, _, _ in items]
    if "point" in kinds:
        return _decimal(items)
    if "frac" in kinds:
        if kinds.count("frac") > 1:
            return None
        return _fraction(items)
    return _integer(items)


# --------------------------------------------------------------------------- digits


def _digits_value(raw: str) -> float:
    if _DECIMAL_COMMA.fullmatch(raw):
        return float(raw.replace(",", "."))
    cleaned = raw.replace(",", "").replace("\u202f", "").replace("\u00a0", "").replace(" ", "")
    return float(cleaned)


_DECIMAL_COMMA = re.compile(r"\d{1,3},\d{1,2}")  # continental "1,3": one or two digits after
_SUFFIX_LETTERS = re.compile(r"[A-Za-z²]+")
_ORDINAL_SUFFIX = frozenset({"st", "nd", "rd", "th", "s"})
_EXPONENT = re.compile(r"[eE]([+-]?\d+)\b|\^([+-]*)(\d+)")
_COUNTED_AFTER_SCALE = re.compile(en.COUNTED_AFTER_SCALE)
_SPACED_SCALE = re.compile(r"[ \t]+(k|K|M|G|T|B|bn|mn|MM|mil|mln|bln|tn|tln|trn)\b")


def _glued_suffix(text: str, end: int, currency: bool) -> tuple[str, float | None, str | None, int]:
    """What is glued to the digits: ("scale", factor) / ("unit", name) / ("ordinal"|"id") / ("", None)."""
    m = _SUFFIX_LETTERS.match(text, end)
    if not m:
        return "", None, None, end
    letters = m.group()
    if letters in en.DIGIT_SCALES:
        return "scale", en.DIGIT_SCALES[letters], None, m.end()
    if letters in en.CURRENCY_ONLY_SCALES and (currency or _COUNTED_AFTER_SCALE.match(text, m.end())):
        return "scale", en.CURRENCY_ONLY_SCALES[letters], None, m.end()  # "$5m", "1.2m people"
    if letters.lower() in en.GLUED_PERCENT:
        return "unit", None, en.GLUED_PERCENT[letters.lower()], m.end()  # "0.5pc"
    if letters.lower() in _ORDINAL_SUFFIX:
        return "ordinal", None, None, m.end()
    if letters.lower() in en.PHYSICAL_UNITS:
        return "unit", None, en.PHYSICAL_UNITS[letters.lower()], m.end()
    if letters.upper() in en.CURRENCY_CODES:
        return "unit", None, letters.upper(), m.end()
    return "id", None, None, m.end()


# --------------------------------------------------------------------------- glue


def _alternation(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_CURRENCY_BEFORE = re.compile(
    rf"(?:(?<![A-Za-z])({_alternation(en.CURRENCY_SYMBOLS)})|\b({_alternation(en.CURRENCY_CODES)}))\s?$")
_UNIT_AFTER = re.compile(
    rf"\s?(%|(?:{_alternation(k for k in en.PERCENT_WORDS if k != '%')})\b"
    rf"|(?:{_alternation(en.CURRENCY_WORDS)}|{_alternation(en.CURRENCY_CODES)})\b"
    rf"|(?:{_alternation(en.PHYSICAL_UNITS)})(?![\w])|€|£)", re.IGNORECASE)


def _unit_after(text: str, end: int) -> tuple[str | None, int]:
    m = _UNIT_AFTER.match(text, end)
    if not m:
        return None, end
    found = re.sub(r"\s+", " ", m.group(1)).lower()
    if found in en.PERCENT_WORDS:
        return en.PERCENT_WORDS[found], m.end()
    if found in en.CURRENCY_WORDS:
        return en.CURRENCY_WORDS[found], m.end()
    if found.upper() in en.CURRENCY_CODES:
        if m.group(1) != m.group(1).upper():  # "usd" lower case is not a code
            return None, end
        return found.upper(), m.end()
    if found in ("€", "£"):
        return en.CURRENCY_SYMBOLS[found], m.end()
    return en.PHYSICAL_UNITS.get(found), m.end()


def _currency_before(text: str, start: int) -> tuple[str | None, int]:
    m = _CURRENCY_BEFORE.search(text[max(0, start - 6):start])
    if not m:
        return None, start
    found = m.group(1) or m.group(2)
    code = en.CURRENCY_SYMBOLS.get(found, found)
    return code, start - (len(m.group()))


# --------------------------------------------------------------------------- atoms


def _atoms(text: str, mode: str, vague: dict[str, float]) -> list[_Atom]:
    tokens = _tokens(text)
    atoms: list[_Atom] = []
    i = 0
    # Only a number or a word in `_STARTS` can begin a figure (`_atom_at` passes
    # over the rest): visit those alone instead of calling it on every word.
    for n in [n for n, t in enumerate(tokens) if t.kind == "num" or (t.kind == "word" and t.low in _STARTS)]:
        if n < i:
            continue
        atom, nxt = _atom_at(text, tokens, n, mode, vague)
        if atom is not None:
            atoms.append(atom)
        i = max(nxt, n + 1)
    return atoms


def _atom_at(text: str, tokens: list[_Token], i: int, mode: str,
             vague: dict[str, float]) -> tuple[_Atom | None, int]:
    tok = tokens[i]
    if tok.kind == "num":
        return _digit_atom(text, tokens, i, mode)
    if tok.kind == "word":
        if tok.low not in _STARTS:  # most words: neither a spelled number nor a vague amount
            return None, i + 1
        found = _vague_atom(text, tokens, i, vague)
        if found[0] is not None:
            return found
        return _word_atom(text, tokens, i, mode)
    return None, i + 1


def _skip_to(tokens: list[_Token], i: int, end: int) -> int:
    while i < len(tokens) and tokens[i].start < end:
        i += 1
    return i


def _digit_atom(text: str, tokens: list[_Token], i: int, mode: str) -> tuple[_Atom | None, int]:
    tok = tokens[i]
    start, end, value = tok.start, tok.end, _digits_value(tok.text)
    currency, cur_start = _currency_before(text, start)
    if _EXPONENT.match(text, end):
        value, end, _ = _digit_extensions(text, tokens, i, value, mode)
        return _finish_digit(text, tokens, i, start, end, value, None, None, currency, cur_start, mode, tok)
    kind, factor, unit, glued_end = _glued_suffix(text, end, currency is not None)
    if kind in ("ordinal", "id"):
        return None, _skip_to(tokens, i, glued_end)
    if _dotted_chain(text, tok):
        return (None, _skip_to(tokens, i, _dotted_end(text, tok))) if mode == "claim" \
            else (_Atom(start, end, value, "digits"), i + 1)
    glued = kind == "unit"
    scale = factor
    if kind == "scale":
        value *= factor
        end = glued_end
    elif kind == "unit":
        unit, end = unit, glued_end
    else:
        value, end, scale = _digit_extensions(text, tokens, i, value, mode)
    atom, nxt = _finish_digit(text, tokens, i, start, end, value, scale, unit, currency, cur_start, mode, tok)
    atom.glued_unit = glued
    return atom, nxt


def _finish_digit(text, tokens, i, start, end, value, scale, unit, currency, cur_start, mode, tok):
    fraction = re.match(r"\s?/\s?(\d+)(?![\d/])", text[end:])
    if fraction and scale is None and "/" not in text[max(0, start - 1):start] and int(fraction.group(1)):
        value = value / int(fraction.group(1))
        end += fraction.end()
        mixed = re.search(r"(?<![\d.,])(\d+)\s+$", text[:start])
        if mixed and value < 1:
            start, value = mixed.start(1), value + int(mixed.group(1))
    own_end = end
    if unit is None:
        unit, end = _unit_after(text, end)
    start, own_start, value, unit = _signed(text, start, value, unit, currency, cur_start)
    year_like = bool(re.fullmatch(r"\d{4}", tok.text)) and en.YEAR_MIN <= value <= en.YEAR_MAX
    atom = _Atom(start, end, value, "digits", unit=unit, scale=scale, year_like=year_like,
                 own=(own_start, own_end))
    return atom, _skip_to(tokens, i, end)


def _digit_extensions(text: str, tokens: list[_Token], i: int, value: float,
                      mode: str) -> tuple[float, int, float | None]:
    """Scale words, exponents and (mode all) spaced scale letters after digits."""
    end = tokens[i].end
    exp = _EXPONENT.match(text, end)
    if exp:
        power = int(exp.group(1)) if exp.group(1) else int(exp.group(3))
        if exp.group(2) and exp.group(2).count("-") % 2:
            power = -power
        base = abs(value)
        return (value * 10 ** power if exp.group(1) else base ** power), exp.end(), None
    spaced = _SPACED_SCALE.match(text, end) if mode == "all" else None
    if spaced:
        return value * en.DIGIT_SCALES[spaced.group(1)], spaced.end(), en.DIGIT_SCALES[spaced.group(1)]
    j = _run(tokens, i, text)
    while j > i + 1:
        items = _items(tokens[i:j])
        words_value = _words_value(items)
        if words_value is not None and items[-1][0] not in ("and", "a", "of"):
            scale = items[-1][1] if items[-1][0] in ("scale", "hundred") else None
            return words_value, tokens[j - 1].end, scale
        j -= 1
    return value, end, None


def _dotted_chain(text: str, tok: _Token) -> bool:
    """192.168.1.2 or 1.2.3: an address or a version, not a figure."""
    return bool(re.match(r"\.\d", text[tok.end:tok.end + 2])) and "." in tok.text


def _dotted_end(text: str, tok: _Token) -> int:
    m = re.match(r"(?:\.\d+)+", text[tok.end:])
    return tok.end + (m.end() if m else 0)


def _ends_with_sign(text: str, start: int) -> bool:
    """Whether `text[:start]`, trailing spaces aside, ends with a sign: what `_sign`'s regex needs.

    The regex reads the whole text before the figure; this look at its last
    few characters spares that scan for the figures with no sign.
    """
    end = start
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return text[max(0, end - 8):end].lower().endswith(("-", "\u2212", "minus", "negative"))


def _signed(text: str, start: int, value: float, unit: str | None, currency: str | None,
            cur_start: int) -> tuple[int, int, float, str | None]:
    """(start, the number's own start, value, unit): a sign and a currency before the digits.

    A sign between currency and digits ("$-5") is the number's own; one before
    the currency ("-$5") opens the whole figure.
    """
    own_start, signed = _sign(text, start, value)
    if not currency or unit is not None:
        return own_start, own_start, signed, unit
    if own_start != start:
        return cur_start, own_start, signed, currency
    outer, signed = _sign(text, cur_start, value)
    return outer, start, signed, currency


def _sign(text: str, start: int, value: float) -> tuple[int, float]:
    # Within text a minus sign touches its digits ("-30", "< -30"); a dash with
    # spaces round it opens an aside ("175 instructors - 5 military and 170
    # civilian").  Only at the very start or after a comparison may a space follow.
    if not _ends_with_sign(text, start):
        return start, value
    m = re.search(r"(?:(?<=[<>=(])|^)\s*([-\u2212])\s?$|(?<=\s)([-\u2212])$|\b(minus|negative)\s+$",
                  text[:start], re.IGNORECASE)
    if not m or re.search(r"\d\s*$", text[:m.start()]) and (m.group(1) or m.group(2)):
        return start, value
    return m.start(m.lastindex), -value


def _word_atom(text: str, tokens: list[_Token], i: int, mode: str) -> tuple[_Atom | None, int]:
    j = _run(tokens, i, text)
    while j > i:
        items = _items(tokens[i:j])
        value = _words_value(items) if items and items[-1][0] not in ("and", "a", "point", "of") else None
        if value is not None:
            return _word_atom_from(text, tokens, i, j, items, value, mode)
        j -= 1
    return None, i + 1


def _word_atom_from(text, tokens, i, j, items, value, mode) -> tuple[_Atom, int]:
    start, end = tokens[i].start, tokens[j - 1].end
    own_end = end
    kinds = [k for k, _, _ in items]
    unit, end = _unit_after(text, end)
    currency, cur_start = _currency_before(text, start)
    start, own_start, value, unit = _signed(text, start, value, unit, currency, cur_start)
    scale = items[-1][1] if kinds[-1] in ("scale", "hundred") else None
    atom = _Atom(start, end, value, "fraction" if "frac" in kinds else "words", unit=unit, scale=scale,
                 own=(own_start, own_end))
    atom.bare_one = [w for _, _, w in items] == ["one"] and unit is None
    atom.weak_fraction = "frac" in kinds and not any(k in ("scale", "dozen") for k in kinds) \
        and kinds[0] in ("a", "frac") and len(kinds) <= 2
    return atom, _skip_to(tokens, i, end)


# --------------------------------------------------------------------------- vague

_VAGUE = re.compile(
    r"(?:(?P<mult>" + "|".join(r"(?:a\s+)?" + word if word == "few" else word for word in sorted(en.VAGUE_MULTIPLIERS)) + ")"
    r"\s+(?P<base>hundred|thousand|million|billion|dozen)"
    r"|(?P<plural>tens|dozens|scores|hundreds|thousands|millions|billions)"
    r"(?:\s+of\s+(?P<of>thousands|millions|billions)|(?=\s+of\b))?"
    r"|(?P<plural2>dozens|hundreds|thousands|millions|billions))\b",
    re.IGNORECASE)


# The words a figure in words can start with: the first word of a spelled
# number (`_FOLLOWS[None]`: a digit-free unit, tens, "a"/"an" or a fraction) or
# of a `_VAGUE` amount.  `_atom_at` skips every other word without a look.
_STARTS = frozenset(set(en.UNIT_WORDS) | set(en.TENS_WORDS) | set(en.FRACTION_WORDS) | {"a", "an"}
                    | {"several", "few", "tens", "dozens", "scores", "hundreds", "thousands", "millions", "billions"})


def _vague_atom(text: str, tokens: list[_Token], i: int,
                vague: dict[str, float]) -> tuple[_Atom | None, int]:
    tok = tokens[i]
    m = _VAGUE.match(text, tok.start)
    if not m:
        return None, i
    if i > 0 and _word_kind(tokens[i - 1]) in ("num", "unit", "tens", "a", "hundred"):
        return None, i  # "three dozens", "a few" handled as words
    value, label = _vague_value(m, vague)
    if value is None:
        return None, i
    unit, end = _unit_after(text, m.end())
    rule = f"vague:{label}={value:g}" if value < 1e6 else f"vague:{label}={value:.0f}"
    atom = _Atom(tok.start, end, value, "vague", unit=unit, rule=rule,
                 approximate=True, vague_high=True)
    return atom, _skip_to(tokens, i, end)


def _vague_value(m: re.Match, vague: dict[str, float]) -> tuple[float | None, str]:
    if m.group("mult"):
        mult = m.group("mult").lower().split()[-1]
        base = m.group("base").lower()
        base_value = 12.0 if base == "dozen" else (100.0 if base == "hundred" else en.SCALE_WORDS[base])
        return vague[mult] * base_value, re.sub(r"\s+", " ", m.group().lower())
    word = (m.group("plural") or m.group("plural2")).lower()
    if word in en.VAGUE_NEED_OF and not re.match(r"\s+of\b", m.string[m.end():]) and not m.group("of"):
        return None, word
    value = vague.get(word)
    if value is None:
        return None, word
    if m.group("of"):
        value *= vague.get(m.group("of").lower(), 0.0)
        return value, f"{word} of {m.group('of').lower()}"
    return value, word


# --------------------------------------------------------------------------- claim filter

_MONTH = r"(?:" + "|".join(sorted(en.MONTHS, key=len, reverse=True)) + r")\.?"
_DATE_TIME = re.compile(
    r"\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b"
    r"|\b\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?|\b\d{1,2}(?:\.\d{2})?\s*[ap]\.?m\.?(?![A-Za-z])"
    r"|\b\d{4}[-\u2013/]\d{2}\b(?!\d)|\+\d[\d\s()\-/]{7,}\d|\b\d{3,4}[-\s]\d{3}[-\s]\d{4}\b|\b\d{3,4}-\d{3}-\d{3}\b|\b0\d{2,4}[-\s]\d{3}[-\s]\d{3,4}\b",
    re.IGNORECASE)


# Text that is not prose, so that a number in it is no quantity: a URL, or a markup tag left in
# plain text (`<tweet id="6721..." author="...">`, as some news exports embed posts), on one
# line and opening with a letter or "/", so that "<5%" or "a < b" is not one.
_NOT_PROSE = re.compile(r"\b(?:https?://|www\.)\S+|<[A-Za-z/][^<>\n]*>", re.IGNORECASE)


def _masked(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _DATE_TIME.finditer(text)]


def _in_spans(atom: _Atom, spans: list[tuple[int, int]]) -> bool:
    return any(s < atom.end and atom.start < e for s, e in spans)


def _word_before(text: str, start: int) -> str:
    m = re.search(r"([A-Za-z]+)\.?\s*$", text[max(0, start - 40):start])
    return m.group(1) if m else ""


def _is_year(text: str, atom: _Atom) -> bool:
    if not atom.year_like or atom.unit is not None:
        return False
    before = text[max(0, atom.start - 40):atom.start]
    if re.search(rf"\b{_MONTH}\s*(?:\d{{1,2}}(?:st|nd|rd|th)?)?,?\s*$", before, re.IGNORECASE):
        return True
    if re.search(r"'s\s*$|\bmid-$", before):
        return True
    if _word_before(text, atom.start).lower() in en.YEAR_PREPOSITIONS:
        return True
    after = text[atom.end:atom.end + 20]
    if re.match(rf"\s*(?:{_MONTH}\b|[-\u2013/]\d|s\b|'s\b|\s*(?:election|census|budget|season|war|level|levels|figures?)\b)", after, re.IGNORECASE):
        return True
    bare = en.BARE_YEAR_MIN <= atom.value <= en.BARE_YEAR_MAX
    follower = re.match(r"\s+([a-z]+)", after)
    return bare and (not follower or follower.group(1) in en.YEAR_FOLLOWERS)


def _is_date_day(text: str, atom: _Atom) -> bool:
    if atom.kind != "digits" or atom.unit or atom.value != int(atom.value) or not 1 <= atom.value <= 31:
        return False
    after = text[atom.end:atom.end + 16]
    before = text[max(0, atom.start - 16):atom.start]
    return bool(re.match(rf"\s*(?:of\s+)?{_MONTH}\b", after, re.IGNORECASE)
                or re.search(rf"\b{_MONTH}\s*$", before, re.IGNORECASE))


def _is_identifier(text: str, atom: _Atom) -> bool:
    if atom.kind not in ("digits",) or atom.unit:
        return False
    if re.search(r"[A-Za-z][-/]?$|#\s*$", text[max(0, atom.start - 2):atom.start]):
        return True
    if re.match(r"0\d", text[atom.start:atom.end]) or _in_name(text, atom):
        return True
    before = _word_before(text, atom.start)
    if not text[max(0, atom.start - 1):atom.start].isspace() and text[max(0, atom.start - 1):atom.start] not in (".", ""):
        return False
    if before.lower() in en.IDENTIFIER_WORDS:
        return not _word_before_is_article(text, atom.start, before)
    return len(before) >= 2 and before.isupper() and before not in en.CURRENCY_CODES


_NAME_BEFORE = re.compile(r"(?:^|(?<=[^\w\s]))?\s*\b([A-Z][A-Za-z]+)(\s+of)?[ \t]+$")
_PLACES = frozenset(PLACE_ALIASES) | frozenset(k.lower() for k in CAPITALS) | frozenset(v.lower() for v in CAPITALS.values())
_LABEL_AFTER = re.compile(r"[ \t]+([A-Z][a-z]+)\b")


def _in_name(text: str, atom: _Atom) -> bool:
    """"Boeing 737", "Vision 2030", "Group of 77", "the 1267 Committee": a number in a name.

    A capitalised word right before the number, inside a sentence (a sentence's
    first word is capitalised anyway: "Some 300"), and not in a title-case line
    ("Quake Kills 38"); or a capitalised label noun right after it.
    """
    after = _LABEL_AFTER.match(text, atom.end)
    if after and after.group(1).lower() in en.IDENTIFIER_WORDS | en.NAME_LABELS_AFTER:
        return True
    m = _NAME_BEFORE.search(text, max(0, atom.start - 40), atom.start)
    if not m or m.group(1).lower() in en.NOT_NAME_WORDS or m.group(1).lower() in _PLACES:
        return False
    if _word_before(text, m.start(1)).lower() in ("in", "at", "on", "across"):
        return False  # "In Kabul 30 people died": a place, then the figure
    if _in_list(text, m.start(1), atom.end):
        return False  # "Bajura 18, Achham 12 and Doti seven": counts by place
    lead = text[max(0, m.start(1) - 3):m.start(1)].rstrip(" \t")
    if not lead or lead[-1] in ".!?\n\"'\u201c\u2018(:\u2014-":
        return False  # the sentence's (or clause's) first word
    return not _title_case_line(text, atom.start)


def _in_list(text: str, name_start: int, end: int) -> bool:
    """A "Name N" item of a list: a comma or "and" before the name and after the number."""
    before = re.search(r"(?:,|;|\band|\bor)\s*$", text[max(0, name_start - 6):name_start])
    after = re.match(r"\s*(?:,|;|\.(?!\d)|\band\b|\bor\b|$)", text[end:end + 6])
    return bool(before and after)


def _title_case_line(text: str, at: int) -> bool:
    line_start = text.rfind("\n", 0, at) + 1
    line_end = text.find("\n", at)
    words = re.findall(r"[A-Za-z]{4,}", text[line_start:line_end if line_end >= 0 else len(text)])
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= TITLE_CASE_SHARE * len(words)


# A line whose long words are mostly capitalised is a headline ("Quake Kills 38 In
# Valley"): a capital there names nothing.  Six in ten: running prose with several
# names stays far below it, headlines in title case are above.
TITLE_CASE_SHARE = 0.6


def _word_before_is_article(text: str, start: int, word: str) -> bool:
    """'the number 5' is still a label; 'a total 5' never happens: keep simple."""
    return word.lower() in ("number", "day", "week", "round") and \
        bool(re.search(r"\b(?:a|the)\s+(?:total\s+)?(?:number|day|week|round)s?\s*$", text[max(0, start - 30):start], re.IGNORECASE)) \
        and word.lower() != "number"


# "a third of voters", "half the seats", "less than half full": a bare fraction
# stands for a share only before what it is a share of.
_WEAK_FRACTION_AFTER = re.compile(r"\s+(?:of|the|its|their|his|her|our|all|full|empty)\b", re.IGNORECASE)


def _keep(text: str, atom: _Atom, spans: list[tuple[int, int]]) -> bool:
    """Claim mode: is this atom a figure someone could claim?"""
    if atom.kind == "digits" and (_in_spans(atom, spans) or _is_date_day(text, atom)
                                  or _is_identifier(text, atom) or _is_year(text, atom)):
        return False
    if atom.bare_one or atom.weak_fraction and not _WEAK_FRACTION_AFTER.match(text, atom.end):
        return False
    if atom.kind == "fraction" and _word_before(text, atom.start).lower() in en.ORDINAL_BEFORE_FRACTION:
        return False  # "the first half of the year": a time, not a share
    if _word_before(text, atom.start).lower() in en.DEFINITE_BEFORE:
        return False
    return True


def _keep_all(text: str, atom: _Atom) -> bool:
    """Mode all: drop only the pronoun "one"."""
    if not atom.bare_one:
        return True
    before = _word_before(text, atom.start).lower()
    after = re.match(r"\s*([A-Za-z']+)", text[atom.end:])
    return before not in en.ONE_PRONOUN_BEFORE and not (after and after.group(1).lower() in ("you", "do", "is", "of"))


# --------------------------------------------------------------------------- phrases


def _phrase_regex(words) -> re.Pattern:
    return re.compile(rf"(?:^|(?<=[^\w<>=]))({_alternation(words)})\s*$", re.IGNORECASE)


_BOUND_TABLES = (
    ("bound", "high", _phrase_regex(en.UPPER_BOUNDS + ("<", "<=", "< =", "≤"))),
    ("bound", "low", _phrase_regex(en.LOWER_BOUNDS + (">", ">=", "≥"))),
    ("approx", "high", _phrase_regex(en.APPROX_UPPER)),
    ("approx", "low", _phrase_regex(en.APPROX_LOWER)),
    ("approx", "both", _phrase_regex(en.APPROXIMATIONS)),
    ("increment", "both", _phrase_regex(en.INCREMENTS)),
    ("exact", "both", _phrase_regex(en.EXACTS)),
)
# What can open a figure: "or less than 6000", "or more than two" (not "or more than that").
_NUMBER_START = rf"(?:[-+\u2212$€£]?\d|(?:{_alternation(list(_NUMERAL_WORDS) + ['a', 'an', 'half'])})\b)"
_TRAILING = re.compile(rf"\s+(?:(?P<low>{_alternation(en.TRAILING_LOWER)})|(?P<high>{_alternation(en.TRAILING_UPPER)}))\b(?!\s+than\s+{_NUMBER_START})",
                       re.IGNORECASE)
_RANGE_GAP = re.compile(rf"\s*(?:{_alternation(en.RANGE_DASHES)})\s*|\s+(?:{_alternation(en.RANGE_WORDS)})\s+", re.IGNORECASE)
_EACH = re.compile(r"\s+(?:each|apiece|a\s+piece)\b", re.IGNORECASE)


def _quantity(text: str, start: int, end: int, **fields) -> Quantity:
    return Quantity(text=text[start:end], start=start, end=end, **fields)


def _plain(text: str, atom: _Atom) -> Quantity:
    high = None if atom.vague_high else atom.value
    return _quantity(text, atom.start, atom.end, value=atom.value, low=atom.value, high=high,
                     unit=atom.unit, rule=atom.rule, approximate=atom.approximate,
                     alt_year=atom.year_like)


def _range(text: str, a: _Atom, b: _Atom) -> Quantity | None:
    gap = _RANGE_GAP.fullmatch(text, a.end, b.start)
    if not gap or {a.kind, b.kind} & {"vague", "multiplier"}:
        return None
    if a.unit is not None and b.unit is not None and a.unit != b.unit:
        return None
    word = gap.group().strip().lower()
    opener = re.search(r"\b(between|from)\s+$", text[max(0, a.start - 12):a.start], re.IGNORECASE)
    if word in ("and", "or") and not (opener and opener.group(1).lower() == "between"):
        return None
    if word in ("through", "till", "until", "to") and opener and opener.group(1).lower() == "between":
        return None
    if not opener and (a.value > b.value and word in ("to", "through", "till", "until")
                       or re.search(r"\bby\s+$", text[max(0, a.start - 4):a.start], re.IGNORECASE)):
        return None  # "lent $3 billion to 14 countries", "grew by 1.2 million to 48 million": two figures
    low = a.value * b.scale if (b.scale and not a.scale and a.value < b.scale and b.scale >= 1e3) else a.value
    high = b.value
    if a.year_like and b.year_like or re.match(r"0\d", text[b.start:b.end]):
        return None  # "2013-2014", "1995-01": dates
    low, high = min(low, high), max(low, high)
    start = a.start - len(opener.group()) if opener else a.start
    return _quantity(text, start, b.end, value=None, low=low, high=high,
                     unit=b.unit or a.unit, rule="range", approximate=a.approximate or b.approximate)


def _with_prefix(text: str, atom: _Atom, base: Quantity) -> Quantity:
    window = text[max(0, atom.start - 40):atom.start]
    found = [(m.start(1), family, side, m) for family, side, regex in _BOUND_TABLES
             for m in [regex.search(window)] if m]
    if not found:
        return base
    at, family, side, m = min(found, key=lambda f: f[0])  # longest phrase wins
    word = re.sub(r"\s+", " ", m.group(1).lower())
    start = atom.start - (len(window) - at)
    return _bounded(text, start, base, family, side, word)


def _bounded(text: str, start: int, q: Quantity, family: str, side: str, word: str) -> Quantity:
    v = q.value
    low, high = q.low, q.high
    if side == "high":
        low, high = None, v
    elif side == "low":
        low, high = v, None
    approx = q.approximate or family == "approx"
    rule = q.rule if family == "exact" else f"{family}:{word}"
    return replace(q, text=text[start:q.end], start=start, low=low, high=high,
                   rule=rule, approximate=approx)


def _with_suffix(text: str, q: Quantity) -> Quantity:
    trailing = _TRAILING.match(text, q.end)
    if trailing and (q.rule is None or q.rule.startswith("approx:")) and q.value is not None:
        side = "low" if trailing.group("low") else "high"
        word = re.sub(r"\s+", " ", trailing.group().strip().lower())
        low, high = (q.value, None) if side == "low" else (None, q.value)
        return replace(q, text=text[q.start:trailing.end()], end=trailing.end(),
                       low=low, high=high, rule=f"bound:{word}")
    each = _EACH.match(text, q.end)
    if each and q.value is not None:
        end = each.end()
        return replace(q, text=text[q.start:end], end=end, rule="distributive",
                       parts=_list_parts(text, end))
    return q


def _list_parts(text: str, end: int) -> int:
    """Items in a "for A, B and C" list after "each" (1 when there is none)."""
    m = re.match(r"\s+(?:for|to|from)\s+([^.;:()\n]*)", text[end:])
    if not m:
        return 1
    items = [p for p in re.split(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", m.group(1)) if p.strip()]
    return max(1, len(items))


def _merge_bounds(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """"more than 10 and less than 20" -> one range (10, 20)."""
    out: list[Quantity] = []
    for q in quantities:
        prev = out[-1] if out else None
        if prev and _closes(text, prev, q):
            low, high = (prev.low, q.high) if prev.high is None else (q.low, prev.high)
            out[-1] = _quantity(text, prev.start, q.end, value=None, low=low, high=high,
                                unit=q.unit or prev.unit, rule=f"{prev.rule}+{q.rule}")
            continue
        out.append(q)
    return out


def _closes(text: str, a: Quantity, b: Quantity) -> bool:
    if not (a.rule or "").startswith("bound:") or not (b.rule or "").startswith("bound:"):
        return False
    if not re.fullmatch(r"\s*(?:,|and|but|,\s*and|,\s*but)?\s*", text[a.end:b.start]):
        return False
    if a.high is None and b.low is None and a.low is not None and b.high is not None:
        return a.low < b.high
    if a.low is None and b.high is None and b.low is not None and a.high is not None:
        return b.low < a.high
    return False


def _phrases(text: str, atoms: list[_Atom]) -> list[Quantity]:
    out: list[Quantity] = []
    j = 0
    while j < len(atoms):
        a = atoms[j]
        joined = _range(text, a, atoms[j + 1]) if j + 1 < len(atoms) else None
        if joined is not None:
            out.append(joined)
            j += 2
            continue
        q = _with_prefix(text, a, _plain(text, a))
        out.append(_with_suffix(text, q))
        j += 1
    return _merge_bounds(text, out)


# --------------------------------------------------------------------------- API


def find_quantities(text: str, *, vague: dict[str, float] | None = None,
                    mode: str = "claim") -> list[Quantity]:
    """Every quantity in `text` (offsets into `text`, text[start:end] == q.text), left to right, non-overlapping.

    `vague` overrides entries of the default vague-amount convention
    (`numbers_en.VAGUE_AMOUNTS`).  `mode="claim"` (default) drops years,
    dates, times, ordinals, identifiers and pronoun "one"; `mode="all"`
    keeps every number (for scoring against general number recognisers).
    """
    if mode not in ("claim", "all"):
        raise ValueError(f"mode must be 'claim' or 'all', not {mode!r}")
    table = {**en.VAGUE_AMOUNTS, **(vague or {})}
    not_prose = [m.span() for m in _NOT_PROSE.finditer(text)]
    atoms = [a for a in _atoms(text, mode, table) if not _in_spans(a, not_prose)]
    if mode == "claim":
        spans = _masked(text)
        atoms = [_as_share(a) for a in _ratios(text, atoms, _IN_RATIO_GAP, _news_ratio) if _keep(text, a, spans)]
        atoms = sorted(atoms + _multipliers(text, not_prose), key=lambda a: a.start)
    else:
        atoms = _ratios(text, [a for a in atoms if _keep_all(text, a)])
    return _non_overlapping(_phrases(text, atoms))


# "one over three", "1 out of 3": a spoken fraction (mode all only: in news
# "over" is mostly a bound or a duration, "2,000 over 3 years").  "one in
# five", "nine in ten" are ratios in claim mode too, as news writes shares;
# there only with a part of one or in words both ("12 in 3 raids" is two counts).
_RATIO_GAP = re.compile(r"\s+(?:over|out\s+of|in)\s+", re.IGNORECASE)
_IN_RATIO_GAP = re.compile(r"\s+in\s+", re.IGNORECASE)
# "3 in 10 days" is a count and a duration, not a ratio.
_TIME_AFTER = re.compile(r"\s*(?:-\s*)?(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?)\b",
                         re.IGNORECASE)


def _ratios(text: str, atoms: list[_Atom], gap: re.Pattern = _RATIO_GAP,
            allowed=lambda text, a, b: True) -> list[_Atom]:
    out: list[_Atom] = []
    for b in atoms:
        a = out[-1] if out else None
        if a and _is_ratio(text, a, b, gap) and allowed(text, a, b):
            own = ((a.own or (a.start, a.end))[0], (b.own or (b.start, b.end))[1])
            out[-1] = replace(a, end=b.end, value=a.value / b.value, kind="fraction", scale=None,
                              year_like=False, bare_one=False, rule="ratio", own=own)
            continue
        out.append(b)
    return out


# A share from a fraction is given to three significant digits, as a percent is
# written ("one in three" = 33.3 percent): the closest a text could say it.
SHARE_DIGITS = 3


def _as_share(atom: _Atom) -> _Atom:
    """Claim mode: a fraction below one with no scale ("a third", "one in four") is a share in percent.

    So it sits in one series with the percentages of the same thing ("25%").
    "half a million" (a scale) and "two and a half" (above one) stay numbers.
    """
    if atom.kind != "fraction" or atom.unit is not None or atom.scale or not 0 < atom.value < 1:
        return atom
    share = float(f"{atom.value * 100:.{SHARE_DIGITS}g}")
    return replace(atom, value=share, unit="percent", rule=atom.rule or "fraction")


_MULTIPLIER = re.compile(rf"\b({_alternation(en.MULTIPLIER_VERBS)})\b", re.IGNORECASE)


def _multipliers(text: str, not_prose: list[tuple[int, int]]) -> list[_Atom]:
    """Claim mode: "turnout has tripled" is a figure, 3 times, unit "times"."""
    out = []
    for m in _MULTIPLIER.finditer(text):
        atom = _Atom(m.start(), m.end(), float(en.MULTIPLIER_VERBS[m.group(1).lower()]), "multiplier",
                     unit="times", rule=f"multiplier:{m.group(1).lower()}")
        if not _in_spans(atom, not_prose):
            out.append(atom)
    return out


def _news_ratio(text: str, a: _Atom, b: _Atom) -> bool:
    """"one in five", "nine in ten" -- not "Uranium One in three deals" (a name's "One")."""
    named = text[a.start:a.start + 1].isupper() and bool(re.search(r"[A-Za-z]\s+$", text[max(0, a.start - 3):a.start]))
    return not named and (a.value == 1 or a.kind == b.kind == "words")


def _is_ratio(text: str, a: _Atom, b: _Atom, gap: re.Pattern) -> bool:
    """"9 over 4"; "1 in 5", "2 out of 7" (a part no larger than its whole); the whole no year or duration."""
    if not (b.value and a.unit is None and b.unit is None and "vague" not in (a.kind, b.kind)
            and a.kind != "fraction" and not b.year_like and not _TIME_AFTER.match(text, b.end)):
        return False
    found = gap.fullmatch(text, a.end, b.start)
    return bool(found) and ("over" in found.group().lower() or 0 <= a.value <= b.value)


def find_numbers(text: str) -> list[Quantity]:
    """Every number in `text` as a general number recogniser reads it (Recognizers-Text's NumberModel).

    The number alone: its span leaves out a bound word, a currency and a unit
    ("more than $5 million dollars" -> "5 million", value 5e6, unit None); a
    range gives its two ends; a figure glued to a physical unit ("180ml") is a
    measurement and no number; the parts of a dotted address ("192.168.1.2")
    are four numbers.  Years, identifiers and "one" are kept, as in mode all.
    """
    not_prose = [m.span() for m in _NOT_PROSE.finditer(text)]
    atoms = [a for a in _atoms(text, "all", dict(en.VAGUE_AMOUNTS))
             if not _in_spans(a, not_prose) and not a.glued_unit and a.kind != "vague"]
    out: list[Quantity] = []
    chain_end = -1
    for atom in _ratios(text, [a for a in atoms if _keep_all(text, a)]):
        start, end = atom.own or (atom.start, atom.end)
        if start < chain_end:
            continue
        token = _Token("num", text[start:end], start, end)
        if _dotted_chain(text, token):
            chain_end = _dotted_end(text, token)
            out += [_number(text, m.start(), m.end(), float(m.group()))
                    for m in re.compile(r"\d+").finditer(text, start, chain_end)]
            continue
        out.append(_number(text, start, end, atom.value))
    return _non_overlapping(out)


def _number(text: str, start: int, end: int, value: float) -> Quantity:
    return _quantity(text, start, end, value=value, low=value, high=value)


def _non_overlapping(quantities: list[Quantity]) -> list[Quantity]:
    out: list[Quantity] = []
    for q in sorted(quantities, key=lambda q: (q.start, -q.end)):
        if out and q.start < out[-1].end:
            continue
        out.append(q)
    return out


def parse_number(text: str) -> float | None:
    """Parse a whole string that is a number ("1,135", "Six hundred", "2.5bn", "a dozen") or None."""
    stripped = text.strip()
    if not stripped:
        return None
    found = find_quantities(stripped, mode="all")
    if len(found) != 1 or found[0].text != stripped:
        return None
    q = found[0]
    return q.value


_YEAR_LIKE = re.compile(r"(?<![\w.,])(\d{4})(?![\w,]|\.\d)")


def find_year_like(text: str) -> list[Quantity]:
    """Four-digit numbers that could be years (1000..2100), flagged alt_year=True.

    Claim mode drops years; a later stage uses this to see the other reading
    ("an increase in numbers since 1890").
    """
    out = []
    for m in _YEAR_LIKE.finditer(text):
        value = float(m.group(1))
        if en.YEAR_MIN <= value <= en.YEAR_MAX:
            out.append(Quantity(text=m.group(1), start=m.start(1), end=m.end(1), value=value,
                                low=value, high=value, rule="year_like", alt_year=True))
    return out

