"""TIME layer: find English time expressions and normalise them to TIMEX3.

`find_times(text, anchor)` returns TimeExpr records (see records.py) whose
`value` follows the TimeML / TempEval-3 conventions; relative expressions
("last year", "on Thursday", "two weeks ago") are resolved against `anchor`,
the document's publication date.  Without an anchor they keep X
placeholders ("XXXX-05") or become PAST_REF / PRESENT_REF / FUTURE_REF.

Pure standard library: regular expressions plus the word tables in
claimledger.data.time_en.  The rules are ordered families of patterns; every
family proposes candidates, and the longest leftmost non-overlapping ones
win.

Documented choices:
* A bare month or month-day ("in May", "Sept. 30") is the latest such date
  not after the anchor, unless the sentence has a future cue (will, plans,
  next, ...), in which case it is the next one on or after the anchor.
* A weekday is the latest one on or before the anchor (future cue: the next
  one on or after).
* A range "late January - early February" is one DATE expression whose
  value is the later end ("2018-02": the period the event is reported in),
  with time_start/time_end bounding the whole range (late = day 21 on,
  early = days 1-10, mid = days 11-20).
* Modifiers (early/late/mid-/the end of ...) are part of the span but do not
  change the value ("mid-2021" -> "2021"), as in TimeBank.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Callable, Iterator, Sequence

from ..data import time_en as lex
from ..read.dates import parse_published, safe_date as _safe_date
from ..records import TimeExpr
from ..timespan import TimeSpan

AnchorLike = dt.date | dt.datetime | str | None


@dataclass(frozen=True)
class _Cand:
    """A candidate expression before overlap resolution."""

    start: int
    end: int
    type: str
    value: str
    time_start: str | None = None
    time_end: str | None = None


@dataclass(frozen=True)
class _Ctx:
    """What the rules need besides the match: the text and the anchor."""

    text: str
    anchor: dt.date | None
    anchor_time: dt.datetime | None
    windows: tuple[tuple[int, int], ...]  # the (start, end) ranges of `text` the rules search


# ---------------------------------------------------------------- regex parts

def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_MON = (rf"(?:{_alt(k for k in lex.MONTHS if len(k) > 4 or k in ('may', 'june', 'july'))}|"
        rf"(?:{_alt(k for k in lex.MONTHS if len(k) <= 4 and k not in ('may', 'june', 'july'))})\.?)")
_WD = rf"(?:{_alt(lex.WEEKDAY_FULL)})"
_SEASON = rf"(?:{_alt(lex.SEASONS)})"
_NUMWORD = rf"(?:{_alt(k for k in lex.NUMBER_WORDS if ' ' not in k)})"
_NUMWORD2 = rf"(?:{_alt(k for k in lex.NUMBER_WORDS if ' ' not in k and k not in ('a', 'an'))})"
_NUM = (rf"(?:\d+(?:\.\d+)?(?:\s+1/2)?|a\s+couple\s+of|a\s+few|a\s+hundred|"
        rf"{_NUMWORD}(?:[\s-]{_NUMWORD2})?(?:\s+(?:hundred|thousand))?)")
_UNIT = r"(?:year|month|week|day|quarter|decade|century|centuries|hour|minute|weekend)"
_YEAR = r"(?:1[0-9]{3}|20[0-9]{2})"
_ORD = rf"(?:{_alt(lex.ORDINALS)})"
_F = re.IGNORECASE
# "the first half of 2020" stays the year 2020 here, not TimeML's 2020-H1: extract/anchoring.py
# reads years, months, days, weeks and quarters only, and a claim dated "2020-H1" would lose its time.
_MODS = (r"(?:(?:the\s+)?(?:very\s+)?(?:end|beginning|start|middle|close|rest|"
         r"first\s+half|second\s+half|last\s+half)\s+of\s+|early[\s-]+|late[\s-]+|mid[\s-]*|"
         r"earlier\s+|later\s+|until\s+)")


def _ix(ctx: _Ctx, pattern: str, flags: int = _F) -> Iterator[re.Match[str]]:
    """The matches of `pattern` in the text's windows, left to right (context outside them stays readable)."""
    compiled = re.compile(pattern, flags)
    for start, end in ctx.windows:
        yield from compiled.finditer(ctx.text, start, end)


# ---------------------------------------------------------------- calendar

def _month_end(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _iso_week(day: dt.date) -> str:
    y, w, _ = day.isocalendar()
    return f"{y}-W{w:02d}"


def _quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def _add_months(day: dt.date, months: int) -> dt.date:
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    return dt.date(year, month + 1, min(day.day, _month_end(year, month + 1)))



def period(value: str) -> tuple[str | None, str | None]:
    """ISO start/end dates of the period a TIMEX3 value denotes, else (None, None)."""
    try:
        return _period(value)
    except (ValueError, OverflowError):
        return None, None


def _period(value: str) -> tuple[str | None, str | None]:
    if re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2}(?:T.*)?)?)?", value):  # a calendar year, month or day
        span = TimeSpan.parse(value)
        if span is None:
            raise ValueError(value)
        return span.first.isoformat(), span.last.isoformat()
    m = re.fullmatch(r"(\d{4})-Q([1-4])", value)
    if m:
        y, q = int(m[1]), int(m[2])
        return dt.date(y, 3 * q - 2, 1).isoformat(), dt.date(y, 3 * q, _month_end(y, 3 * q)).isoformat()
    m = re.fullmatch(r"(\d{4})-H([12])", value)
    if m:
        return (f"{m[1]}-01-01", f"{m[1]}-06-30") if m[2] == "1" else (f"{m[1]}-07-01", f"{m[1]}-12-31")
    m = re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", value)
    if m:
        monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
        first = monday + dt.timedelta(days=5) if m[3] else monday
        return first.isoformat(), (monday + dt.timedelta(days=6)).isoformat()
    return _period_coarse(value)


def _period_coarse(value: str) -> tuple[str | None, str | None]:
    m = re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value)
    if m:
        y = int(m[1])
        first, last = lex.SEASON_MONTHS[m[2]]
        ey = y + 1 if last < first else y
        return dt.date(y, first, 1).isoformat(), dt.date(ey, last, _month_end(ey, last)).isoformat()
    m = re.fullmatch(r"(\d{3})", value)
    if m:
        return f"{m[1]}0-01-01", f"{m[1]}9-12-31"
    m = re.fullmatch(r"(\d{2})", value)
    if m:
        return f"{m[1]}00-01-01", f"{m[1]}99-12-31"
    return None, None


# ---------------------------------------------------------------- context cues

# A sentence break: ". ", "? " or a newline, but not after an initial or a
# common abbreviation ("Daniel P. Davison", "Mr. Smith", "Sept. 30").
_BREAK = re.compile(r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!Mrs)(?<!Gen)(?<!Sen)(?<!Rep)"
                    r"(?<!Inc)(?<!Corp)(?<!\bCo)(?<!Jan)(?<!Feb)(?<!Aug)(?<!Sept)(?<!Oct)(?<!Nov)(?<!Dec)"
                    r"[.?]\s|\n")


def _sentence(text: str, start: int, end: int) -> str:
    lefts = [m.end() for m in _BREAK.finditer(text, max(0, start - 600), start)]
    left = lefts[-1] if lefts else 0
    m = _BREAK.search(text, end)
    right = m.start() if m else len(text)
    return text[left:right].lower()


def _is_future(ctx: _Ctx, start: int, end: int) -> bool:
    """Simple tense heuristic: a future cue in the sentence, or 'next'/'coming' just before."""
    before = ctx.text[max(0, start - 20):start].lower()
    if re.search(r"\b(?:next|coming|this coming|upcoming|until|effective|payable)\s+(?:(?:early|mid|late)[\s-]*)?$", before):
        return True
    if re.search(r"\b(?:since|through)\s+(?:(?:early|mid|late)[\s-]*)?$", before):
        return False  # "since March", "through Sept. 29": up to now
    if re.search(r"\bby\s+(?:the\s+(?:end|middle|start|beginning)\s+of\s+)?(?:(?:early|mid|late)[\s-]*)?$",
                 ctx.text[max(0, start - 40):start].lower()):
        # "to conclude by May" looks ahead; "had been registered by March" and "rose to 139 by
        # October 25" look back: a clause in the past tense, unless it names the future too
        clause = re.split(r"[.;:!?]\s", ctx.text[max(0, start - 80):start].lower())[-1]
        if _PAST_AUXILIARY.search(clause):
            return False
        return bool(_FUTURE_CUE.search(clause) or _MODAL.search(clause)) or not _PAST_VERB.search(clause)
    return bool(_FUTURE_CUE.search(_sentence(ctx.text, start, end)))


_PAST_AUXILIARY = re.compile(r"\b(?:had|was|were|did)\b|\b(?:has|have) been\b")
_MODAL = re.compile(r"\b(?:could|may|might|should|must)\b")  # "could have arrived by June" looks ahead
# A verb in the past tense: a regular -ed form or an irregular one. An -ed form before "to <verb>"
# ("supposed to conclude", "scheduled to end") looks ahead, unlike "climbed to 139".
_PAST_VERB = re.compile(r"\b(?:[a-z]{3,}ed(?!\s+to\s+[a-z])|" + "|".join(lex.IRREGULAR_PAST) + r")\b")

# Any future cue as a word of its own (the sentence is lower-cased): one pass, not one per cue.
_FUTURE_CUE = re.compile(r"(?<![a-z])(?:" + "|".join(re.escape(cue) for cue in lex.FUTURE_CUES) + r")\b")


def _quarter_context(ctx: _Ctx, start: int) -> bool:
    """Whether the expression sits in quarterly-results talk (TimeBank: 'a year ago' -> the quarter)."""
    sent = _sentence(ctx.text, start, start)
    window = ctx.text[max(0, start - 400):start].lower()
    return "quarter" in sent or ("quarter" in window and "period" not in sent and "year" not in window[-40:])


# ---------------------------------------------------------------- resolution

def _resolve_month(ctx: _Ctx, month: int, start: int, end: int, shift: int = 0) -> str:
    if ctx.anchor is None:
        return f"XXXX-{month:02d}"
    a = ctx.anchor
    if shift < 0:
        year = a.year if month < a.month else a.year - 1
    elif shift > 0 or _is_future(ctx, start, end) or _is_next_month(ctx, month, start):
        year = a.year if month >= a.month else a.year + 1
    else:
        year = a.year if month <= a.month else a.year - 1
    return f"{year:04d}-{month:02d}"


def _is_next_month(ctx: _Ctx, month: int, start: int) -> bool:
    """A bare month name just ahead of the anchor's month is the coming one ("in September", written
    in August), unless "since" makes it past: news names the same month of the year before with its year."""
    ahead = (month - ctx.anchor.month) % 12
    if not 0 < ahead <= lex.MONTHS_AHEAD_READ_FORWARD:
        return False
    return not re.search(r"\bsince\s+(?:(?:early|mid|late)[\s-]*)?$", ctx.text[max(0, start - 20):start], _F)


def _resolve_month_day(ctx: _Ctx, month: int, day: int, start: int, end: int) -> str:
    if ctx.anchor is None:
        return f"XXXX-{month:02d}-{day:02d}"
    a = ctx.anchor
    this = _safe_date(a.year, month, day) or dt.date(a.year, month, min(day, 28))
    if _is_future(ctx, start, end):
        year = a.year if this >= a or (a - this).days < 30 else a.year + 1
    else:
        year = a.year if this <= a or (this - a).days < 60 else a.year - 1
    return f"{year:04d}-{month:02d}-{day:02d}"


def _resolve_weekday(ctx: _Ctx, wd: int, start: int, end: int, mode: str = "") -> str:
    if ctx.anchor is None:
        return f"XXXX-WXX-{wd + 1}"
    a = ctx.anchor
    back = (a.weekday() - wd) % 7
    fwd = (wd - a.weekday()) % 7
    if mode == "next":
        day = a + dt.timedelta(days=fwd or 7)
    elif mode == "last":
        day = a - dt.timedelta(days=back or 7)
    elif mode == "this" or _strong_future(ctx, start):
        day = a + dt.timedelta(days=fwd)
    else:
        day = a - dt.timedelta(days=back)
    return day.isoformat()


def _strong_future(ctx: _Ctx, start: int) -> bool:
    """A future auxiliary shortly before the expression, within its clause."""
    left = ctx.text[max(0, start - 70):start].lower()
    left = re.split(r"[.;:!?]\s", left)[-1]
    # "had been due to expire Friday" is a past plan, not a future one
    return bool(re.search(r"(?<!had been )(?<!had been\s)\b(?:will|'ll|shall|set to|scheduled to|is to|are to|"
                          r"to resume|due to|expects?\b(?:[^,;.]|[,.]\d)*\bto)\b", left))


def _year_value(ctx: _Ctx, offset: int) -> str:
    return "XXXX" if ctx.anchor is None else f"{ctx.anchor.year + offset:04d}"


def _shift_value(ctx: _Ctx, unit: str, n: int, sign: int) -> str:
    """Anchor moved by n units, written at the unit's granularity."""
    a = ctx.anchor
    if a is None:
        return "PAST_REF" if sign < 0 else "FUTURE_REF"
    if unit == "year":
        return f"{a.year + sign * n:04d}"
    if unit == "decade":
        return f"{(a.year + sign * 10 * n) // 10:03d}"
    if unit == "month":
        return _add_months(a, sign * n).strftime("%Y-%m")
    if unit == "quarter":
        d = _add_months(a, sign * 3 * n)
        return f"{d.year}-Q{_quarter_of(d)}"
    if unit == "week":
        return _iso_week(a + dt.timedelta(weeks=sign * n))
    if unit == "day":
        return (a + dt.timedelta(days=sign * n)).isoformat()
    return "PAST_REF" if sign < 0 else "FUTURE_REF"


def _last_quarter(ctx: _Ctx, years_back: int = 0) -> str:
    if ctx.anchor is None:
        return "XXXX-QX"
    d = _add_months(ctx.anchor, -3)
    return f"{d.year - years_back}-Q{_quarter_of(d)}"


def _num(word: str) -> int | None:
    """Number from digits or English number words; None for vague counts."""
    w = re.sub(r"\s+", " ", word.lower().strip())
    if re.fullmatch(r"\d+", w):
        return int(w)
    if w in lex.NUMBER_WORDS:
        return lex.NUMBER_WORDS[w]
    total = 0
    for part in re.split(r"[\s-]+", w):
        if part in ("hundred", "thousand"):
            total = max(total, 1) * (100 if part == "hundred" else 1000)
        elif part in lex.NUMBER_WORDS and lex.NUMBER_WORDS[part] is not None:
            total += lex.NUMBER_WORDS[part]
        else:
            return None
    return total


# Half of a unit written in the next smaller unit ("2 1/2 years" -> P2Y6M,
# "a minute and a half" -> PT1M30S).
_HALVES: dict[str, tuple[str, str]] = {"year": ("Y", "6M"), "hour": ("H", "30M"), "minute": ("M", "30S")}


def _half_duration(n: int, unit: str) -> str | None:
    if unit not in _HALVES:
        return None
    letter, half = _HALVES[unit]
    return f"P{'T' if unit in lex.TIME_UNITS else ''}{n}{letter}{half}"


def _duration(n_text: str, unit: str, half: bool = False) -> str:
    unit = unit.lower().rstrip("s")
    unit = "century" if unit.startswith("centur") else unit
    whole = re.fullmatch(r"\s*(\d+)\s+1/2\s*", n_text)
    if half or whole:
        n = int(whole[1]) if whole else _num(n_text)
        value = _half_duration(n, unit) if n is not None else None
        if value:
            return value
    n = _num(n_text) if not re.search(r"\d\.\d|1/2", n_text) else None
    count = "X" if n is None else str(n)
    if re.search(r"\d", n_text) and n is None:
        count = n_text.replace(" 1/2", ".5").strip()
    if unit in lex.TIME_UNITS:
        return f"PT{count}{lex.UNITS[unit]}"
    if unit == "decade" and n is not None:
        return f"P{10 * n}Y" if n > 1 else "P1E"  # TimeBank: "about a decade" -> P1E
    if unit == "century":
        return f"P{count}CE"
    return f"P{count}{lex.UNITS.get(unit, 'Y')}"


# ---------------------------------------------------------------- rule families

def _c(m: re.Match[str] | tuple[int, int], type_: str, value: str, group: int = 0) -> _Cand:
    start, end = m if isinstance(m, tuple) else m.span(group)
    return _Cand(start, end, type_, value)


def _month_ok(text: str, m: re.Match[str], group: str = "mon") -> bool:
    """Ambiguous month words (May, March) need a capital and date-like context."""
    word = m.group(group)
    if word is None:
        return True
    key = word.lower().rstrip(".")
    if key not in lex.MONTHS:
        return False
    if not word[0].isupper() and key in lex.AMBIGUOUS_MONTHS:
        return False
    return True


def _rule_numeric(ctx: _Ctx) -> Iterator[_Cand]:
    for m in _ix(ctx, r"\b(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b"):
        if _safe_date(int(m[1]), int(m[2]), int(m[3])):
            if m[4]:
                yield _c(m, "TIME", f"{m[1]}-{m[2]}-{m[3]}T{m[4]}:{m[5]}")
            else:
                yield _c(m, "DATE", f"{m[1]}-{m[2]}-{m[3]}")
    for m in _ix(ctx, r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?![\d/])"):
        year = int(m[3]) + (1900 if len(m[3]) == 2 and int(m[3]) > 30 else 2000 if len(m[3]) == 2 else 0)
        if _safe_date(year, int(m[1]), int(m[2])):
            yield _c(m, "DATE", f"{year:04d}-{int(m[1]):02d}-{int(m[2]):02d}")
    for m in _ix(ctx, r"(?<![\d,.])((?:19|20)\d{2})(\d{2})(\d{2})(?![\d,])"):
        if _safe_date(int(m[1]), int(m[2]), int(m[3])):
            yield _c(m, "DATE", f"{m[1]}-{m[2]}-{m[3]}")


def _rule_month_dates(ctx: _Ctx) -> Iterator[_Cand]:
    t = ctx.text
    pat = (rf"\b(?P<mon>{_MON})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*(?:%|percent|,\d|\.\d))"
           rf"(?:,?\s+(?P<year>{_YEAR})\b)?")
    for m in _ix(ctx, pat):
        if _month_ok(t, m):
            yield from _month_date_cand(ctx, m)
    pat2 = rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MON})(?![a-z])(?:,?\s+(?P<year>{_YEAR})(?!\d\d[^:]))?"
    for m in _ix(ctx, pat2):
        if _month_ok(t, m):
            yield from _month_date_cand(ctx, m)


def _month_date_cand(ctx: _Ctx, m: re.Match[str]) -> Iterator[_Cand]:
    month = lex.MONTHS[m["mon"].lower().rstrip(".")]
    day = int(m["day"])
    if not 1 <= day <= 31:
        return
    if m["year"]:
        if _safe_date(int(m["year"]), month, day):
            yield _c(m, "DATE", f"{m['year']}-{month:02d}-{day:02d}")
    elif day <= 29 or (_safe_date(2000, month, day)):
        yield _c(m, "DATE", _resolve_month_day(ctx, month, day, m.start(), m.end()))


def _rule_months(ctx: _Ctx) -> Iterator[_Cand]:
    t = ctx.text
    pat = (rf"(?:\b(?P<rel>this|last|next|this\s+past|this\s+coming|the\s+previous|the\s+following|"
           rf"(?:mid|early|late)[\s-]*|the\s+(?:end|beginning|start|middle)\s+of)\s+|(?<=mid-)|\b)"
           rf"(?P<mon>{_MON})(?![a-z])(?:(?:,\s*|\s+(?:of\s+)?)(?P<year>{_YEAR})\b|\s+(?P<ry>last|this|next)\s+year\b)?")
    for m in _ix(ctx, pat):
        if not _month_ok(t, m) or not _bare_month_ok(t, m):
            continue
        month = lex.MONTHS[m["mon"].lower().rstrip(".")]
        if m["year"]:
            value = f"{m['year']}-{month:02d}"
        else:
            rel = (m["rel"] or "").lower()
            value = _relative_month(ctx, month, rel, (m["ry"] or "").lower(), m.start(), m.end())
        yield _c(m, "DATE", value)


def _relative_month(ctx: _Ctx, month: int, rel: str, rel_year: str, start: int, end: int) -> str:
    a = ctx.anchor
    if a is None:
        return f"XXXX-{month:02d}"
    if rel_year:
        return f"{a.year + {'last': -1, 'next': 1}.get(rel_year, 0)}-{month:02d}"
    if rel == "this":
        return f"{a.year}-{month:02d}"
    if rel.startswith("last") or "previous" in rel or "past" in rel:
        # TimeBank: "last June" (said in October) is this year's June; only the
        # current or the just-ended month goes back a year ("last February" in March)
        year = a.year - 1 if 0 <= a.month - month < 2 or month > a.month else a.year
        return f"{year}-{month:02d}"
    shift = 1 if rel in ("next", "this coming", "the following") else 0
    return _resolve_month(ctx, month, start, end, shift)


def _bare_month_ok(text: str, m: re.Match[str]) -> bool:
    word = m["mon"].lower().rstrip(".")
    if m["year"] or m["rel"] or word not in lex.AMBIGUOUS_MONTHS:
        return True
    before = text[max(0, m.start() - 12):m.start()].lower()
    return bool(re.search(r"\b(?:in|since|until|by|from|of|during|through|to|before|after|early|late|mid)\s*-?\s*$", before))


def _rule_month_range(ctx: _Ctx) -> Iterator[_Cand]:
    """'late January - early February': one expression valued at the later month."""
    part = rf"(?:(early|late|mid)[\s-]+)?({_MON})"
    for m in _ix(ctx, rf"\b{part}\s*(?:-|–|—|to|until|through)\s*{part}(?![a-z])"):
        if not (m[1] or m[3]) or not all(w[0].isupper() for w in (m[2], m[4])):
            continue
        m1, m2 = (lex.MONTHS.get(g.lower().rstrip(".")) for g in (m[2], m[4]))
        if not m1 or not m2:
            continue
        value = _resolve_month(ctx, m2, m.start(), m.end())
        yield _range_cand(m, value, m1, m2, (m[1] or "").lower(), (m[3] or "").lower())


def _range_cand(m: re.Match[str], value: str, m1: int, m2: int, mod1: str, mod2: str) -> _Cand:
    if value.startswith("X"):
        return _Cand(m.start(), m.end(), "DATE", value)
    y2 = int(value[:4])
    y1 = y2 if m1 <= m2 else y2 - 1
    d1 = {"late": 21, "mid": 11}.get(mod1, 1)
    d2 = {"early": 10, "mid": 20}.get(mod2, _month_end(y2, m2))
    return _Cand(m.start(), m.end(), "DATE", value, dt.date(y1, m1, d1).isoformat(), dt.date(y2, m2, d2).isoformat())


def _rule_years(ctx: _Ctx) -> Iterator[_Cand]:
    t = ctx.text
    ctxw = _alt(lex.YEAR_CONTEXT)
    for m in _ix(ctx, rf"(?<![\d,.$£€#/])(?<!\d-)(?P<year>{_YEAR})(?!\d|,\d|\.\d|%|-(?:year|month))(?P<s>'?s)?"):
        before = t[max(0, m.start() - 25):m.start()]
        if m["s"]:
            yield _decade(m, m["year"])
            continue
        if _year_context(t, m, before, ctxw):
            yield _c(m, "DATE", m["year"], "year")
    for m in _ix(ctx, r"(?<![\w$])'(\d)0s\b"):
        yield _c(m, "DATE", f"19{m[1]}")
    for m in _ix(ctx, r"\b(?:the\s+)?(twentieth|nineteenth|twenty-first|21st|20th|19th)\s+century\b"):
        code = {"twentieth": "19", "20th": "19", "nineteenth": "18", "19th": "18"}.get(m[1].lower(), "20")
        yield _c(m, "DATE", code)


def _decade(m: re.Match[str], year: str) -> _Cand:
    return _Cand(m.start(), m.end(), "DATE", year[:3])


def _year_context(text: str, m: re.Match[str], before: str, ctxw: str) -> bool:
    if re.search(r"\b(?:resolution|no\.|number|article|section|flight|route|room|page|model|chapter|law|code)\s*$", before, _F):
        return False
    after = text[m.end():m.end() + 20]
    # "its 1990 invasion", "the company's 1989 results": a possessive before a
    # plausible modern year (counts this size are written "1,990")
    if re.search(r"(?:'s|\b(?:its|his|her|their|that))\s+$", before, _F) and 1950 <= int(m["year"]) <= 2030:
        return True
    weak = re.search(r"\b(?:of|to|and|or|from|between|around|about|a|an|that|this|its|his|her|their|for|both)\s+$", before, _F)
    if weak and re.search(r"\b(?:a|an|that|this|its|his|her|their)\s+$", before, _F) and not 1800 <= int(m["year"]) <= 2049:
        return False
    if weak and re.match(r"\s+(?!(?:results|levels|figures|earnings|sales|and|or|to|was|were|is|when|in|on|at|with|for|but|as|the)\b)[a-z]+\b", after):
        return False
    if re.search(rf"\b(?:{ctxw})[\s-]+(?:the\s+)?(?:year\s+)?(?:of\s+)?(?:(?:unsuccessful|successful|first|last|disputed|historic|failed|landmark|previous)\s+)?$", before, _F):
        return True
    if re.search(rf"{_MON}\s*,?\s*$", before, _F) or re.search(r"\bthe\s+$", before, _F):
        return True
    after = text[m.end():m.end() + 20]
    if re.match(r"\s+(?:or\s+(?:later|earlier|before|after)|levels?|results|period|figures|season|budget|election|quarter|first|second|third|fourth|fiscal)", after, _F):
        return True
    return bool(re.search(r"(?:^|[,;(]\s*)$", before)) and bool(re.match(r"\s*[,;)]", after))


def _rule_decades(ctx: _Ctx) -> Iterator[_Cand]:
    words = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
             "seventies": 7, "eighties": 8, "nineties": 9}
    for m in _ix(ctx, rf"\bthe\s+(?:(?:early|late|mid)[\s-]*)?({_alt(words)})\b"):
        yield _c(m, "DATE", f"19{words[m[1].lower()]}")


def _rule_spelled_years(ctx: _Ctx) -> Iterator[_Cand]:
    tens = {"ten": 10, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
            "seventy": 70, "eighty": 80, "ninety": 90}
    units = {w: n for w, n in lex.NUMBER_WORDS.items() if isinstance(n, int) and 1 <= n <= 9 and len(w) > 2}
    pat = rf"\bnineteen\s+({_alt(tens)})(?:[\s-]({_alt(units)}))?\b"
    for m in _ix(ctx, pat):
        yield _c(m, "DATE", str(1900 + tens[m[1].lower()] + (units[m[2].lower()] if m[2] else 0)))
    for m in _ix(ctx, r"\b(?:the\s+year\s+)?two\s+thousand(?:\s+and\s+(\w+))?\b"):
        extra = _num(m[1]) if m[1] else 0
        if m[0].lower().startswith("the year") or extra:
            yield _c(m, "DATE", str(2000 + (extra or 0)))


def _rule_days(ctx: _Ctx) -> Iterator[_Cand]:
    a = ctx.anchor
    offsets = {"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0}
    # the day part may come first: "mid-afternoon yesterday"
    pat = (r"\b(?:(?:mid[\s-]*)?(?P<pre>morning|afternoon|evening)\s+)?(?:(?:late|early|earlier|later)\s+)?"
           r"(yesterday|today|tomorrow|tonight)(?:\s+(morning|afternoon|evening|night))?\b")
    for m in _ix(ctx, pat):
        word = m[2].lower()
        if re.search(r"\b[A-Z][A-Za-z]*\s+$", ctx.text[max(0, m.start() - 20):m.start()]) and m[0] == "Today":
            continue  # part of a name: "USA Today", "VOA Today"
        if a is None:
            value = {"yesterday": "PAST_REF", "tomorrow": "FUTURE_REF"}.get(word, "PRESENT_REF")
        else:
            value = (a + dt.timedelta(days=offsets[word])).isoformat()
        part = (m[3] or m["pre"] or ("night" if word == "tonight" else "")).lower() or None
        if part and a is not None:
            yield _c(m, "TIME", f"{value}T{lex.DAY_PARTS[part]}")
        else:
            yield _c(m, "DATE", value)
    for m in _ix(ctx, r"\b(?:(this|last|later\s+this|earlier\s+this)\s+)(morning|afternoon|evening|night)\b"):
        day = a - dt.timedelta(days=1) if a and m[1].lower() == "last" else a
        if day is not None:
            yield _c(m, "TIME", f"{day.isoformat()}T{lex.DAY_PARTS[m[2].lower()]}")


def _rule_weekdays(ctx: _Ctx) -> Iterator[_Cand]:
    pat = (rf"\b(?:(?P<rel>this\s+coming|this\s+past|this|last|next|coming|past|the\s+previous|"
           rf"the\s+following|early|late|earlier|later)\s+)?(?P<wd>{_WD})(?:'s)?"
           rf"(?:\s+(?P<part>morning|afternoon|evening|night))?(?P<s>s)?\b"
           rf"(?:,?\s+(?P<mon>{_MON})\s+(?P<day>\d{{1,2}})\b(?:,?\s+(?P<year>{_YEAR})\b)?)?")
    for m in _ix(ctx, pat):
        if not m["wd"][0].isupper():
            continue
        wd = lex.WEEKDAYS[m["wd"].lower()]
        if m["s"]:
            yield _c(m, "SET", f"XXXX-WXX-{wd + 1}")
            continue
        rel = (m["rel"] or "").lower()
        mode = "next" if rel in ("next", "coming", "this coming", "the following") else \
            "last" if rel in ("last", "past", "this past", "the previous") else "this" if rel == "this" else ""
        value = _resolve_weekday(ctx, wd, m.start(), m.end(), mode)
        if rel in ("the previous", "the following"):
            value = _weekday_after_reference(ctx, wd, m.start(), rel == "the following") or value
        if m["mon"] and _month_ok(ctx.text, m):
            value = next((c.value for c in _month_date_cand(ctx, m)), value)
        if m["part"] and not value.startswith("X"):
            yield _c(m, "TIME", f"{value}T{lex.DAY_PARTS[m['part'].lower()]}")
        else:
            yield _c(m, "DATE", value)


def _weekday_after_reference(ctx: _Ctx, wd: int, start: int, forward: bool) -> str | None:
    """'the previous Friday', 'the following Monday' count from the last day the text named
    before them (a weekday or a month-day), not from the publication date."""
    ref = _reference_day(ctx, start)
    if ref is None:
        return None
    step = ((wd - ref.weekday()) % 7 or 7) if forward else -((ref.weekday() - wd) % 7 or 7)
    return (ref + dt.timedelta(days=step)).isoformat()


_DAY_OFFSETS: dict[str, int] = {"yesterday": -1, "today": 0, "tomorrow": 1}


def _reference_day(ctx: _Ctx, start: int) -> dt.date | None:
    """The last day the text names before `start` (within REFERENCE_DAY_WINDOW): a weekday, a
    month-day or yesterday/today/tomorrow, resolved against the anchor; None if there is none."""
    if ctx.anchor is None:
        return None
    window_start = max(0, start - lex.REFERENCE_DAY_WINDOW)
    pat = (rf"\b(?:(?P<wd>{_WD})|(?P<mon>{_MON})\s+(?P<day>\d{{1,2}})\b(?:,?\s+(?P<year>{_YEAR})\b)?"
           rf"|(?P<rel>{_alt(_DAY_OFFSETS)}))")
    named = [n for n in re.finditer(pat, ctx.text[window_start:start], _F) if n["rel"] or n[0][0].isupper()]
    if not named:
        return None
    last = named[-1]
    at = window_start + last.start()
    if last["rel"]:
        return ctx.anchor + dt.timedelta(days=_DAY_OFFSETS[last["rel"].lower()])
    if last["wd"]:
        value = _resolve_weekday(ctx, lex.WEEKDAYS[last["wd"].lower()], at, at + len(last[0]))
    else:
        month = lex.MONTHS[last["mon"].lower().rstrip(".")]
        value = f"{last['year']}-{month:02d}-{int(last['day']):02d}" if last["year"] else \
            _resolve_month_day(ctx, month, int(last["day"]), at, at)
    return dt.date.fromisoformat(value) if _safe_date(*map(int, value.split("-"))) else None


# Days counted from the day the text is telling: "the next day" is the day after the last day named.
_DAYS_FROM_REFERENCE: dict[str, int] = {
    "the next day": 1, "the following day": 1, "the day after": 1,
    "the previous day": -1, "the preceding day": -1, "the day before": -1,
}


def _rule_days_from_reference(ctx: _Ctx) -> Iterator[_Cand]:
    """'The next day', 'the day before' (said alone) are a day from the last day the text named;
    'Oct. 12, the day before the plunge' is that day itself (TimeML tags 'the day' with its value)."""
    for m in _ix(ctx, rf"\b({_alt(_DAYS_FROM_REFERENCE)})\b"):
        ref = _reference_day(ctx, m.start())
        if ref is None:
            continue
        words = " ".join(m[1].lower().split())
        if words in ("the day after", "the day before") and not re.match(r"\s*(?:[,.;:]|$)", ctx.text[m.end():]):
            if re.search(r"\d,\s*$", ctx.text[max(0, m.start() - 4):m.start()]):
                yield _c((m.start(), m.start() + len("the day")), "DATE", ref.isoformat())
            continue
        yield _c(m, "DATE", (ref + dt.timedelta(days=_DAYS_FROM_REFERENCE[words])).isoformat())


def _rule_day_parts(ctx: _Ctx) -> Iterator[_Cand]:
    """'in the morning' is the morning of the day the text is telling (the last day it named);
    with no day named it is a habit ('trains run in the morning') and is left alone."""
    for m in _ix(ctx, r"\bin\s+(the\s+(morning|afternoon|evening))\b"):
        ref = _reference_day(ctx, m.start())
        if ref is not None:
            yield _c(m, "TIME", f"{ref.isoformat()}T{lex.DAY_PARTS[m[2].lower()]}", 1)


_REL_UNITS = r"(week|month|year|quarter|weekend|decade|century|spring|summer|fall|autumn|winter)"


def _rule_relative_periods(ctx: _Ctx) -> Iterator[_Cand]:
    pat = (r"\b(?:(?:early|late|earlier|later)\s+)?(this|last|next|the\s+past|the\s+previous|the\s+coming|"
           r"the\s+current|the\s+following|this\s+past|this\s+coming|the\s+latest|the\s+most\s+recent|"
           rf"the\s+same|the\s+prior|current|past|previous|coming)\s+(?:fiscal\s+)?{_REL_UNITS}\b(?!-)")
    for m in _ix(ctx, pat):
        if m[0] == "This Week":
            continue  # the broadcast programme title
        rel = re.sub(r"\s+", " ", m[1].lower())
        unit = m[2].lower()
        value = _relative_value(ctx, rel, unit, m.start())
        if value:
            yield _c(m, "DATE", value)


def _relative_value(ctx: _Ctx, rel: str, unit: str, start: int) -> str | None:
    sign = {"last": -1, "the past": -1, "the previous": -1, "this past": -1, "the latest": -1,
            "the most recent": -1, "the prior": -1, "past": -1, "previous": -1,
            "next": 1, "the coming": 1, "the following": 1, "this coming": 1, "coming": 1}.get(rel, 0)
    if unit in lex.SEASONS:
        return _season_value(ctx, lex.SEASONS[unit], sign)
    if unit in ("quarter",) and sign == -1 and rel in ("the latest", "the most recent", "the past"):
        return _last_quarter(ctx)
    if rel == "the same":
        return None
    if unit == "weekend":
        return _weekend_value(ctx, sign)
    if ctx.anchor is None:
        return {-1: "PAST_REF", 1: "FUTURE_REF"}.get(sign, "PRESENT_REF")
    return _shift_value(ctx, unit, 1 if sign else 0, sign or 1)


def _weekend_value(ctx: _Ctx, sign: int) -> str:
    if ctx.anchor is None:
        return "XXXX-WXX-WE"
    a = ctx.anchor
    if sign == 0 and a.weekday() < 5:
        sign = -1 if a.weekday() < 2 else 0
    return _iso_week(a + dt.timedelta(weeks=sign)) + "-WE"


def _season_value(ctx: _Ctx, code: str, sign: int) -> str:
    if ctx.anchor is None:
        return f"XXXX-{code}"
    a = ctx.anchor
    first = lex.SEASON_MONTHS[code][0]
    year = a.year
    if sign < 0:
        year = a.year if first + 2 < a.month else a.year - 1
    elif sign > 0:
        year = a.year if first > a.month else a.year + 1
    return f"{year}-{code}"


def _rule_year_refs(ctx: _Ctx) -> Iterator[_Cand]:
    t = ctx.text
    for m in _ix(ctx, r"\b(?:(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?year|year[\s-]end|year's\s+end)\b"):
        yield _c(m, "DATE", _year_end(ctx, m))
    pat = (r"\b(?:the\s+)?(?:corresponding|comparable|same)\s+(?:period|quarter)\s+(?:of\s+)?(?:a\s+year\s+ago|last\s+year)"
           r"|\blast\s+year's\s+(?:\w+\s+)?quarter\b")
    for m in _ix(ctx, pat):
        yield _c(m, "DATE", _last_quarter(ctx, 1) if ctx.anchor else "PAST_REF")
    for m in _ix(ctx, rf"\bthe\s+({_YEAR})\s+(quarter|period)\b"):
        lastq = _last_quarter(ctx)
        yield _c(m, "DATE", f"{m[1]}-{lastq[-2:]}" if not lastq.startswith("X") else m[1])
    pat = r"\b(?:(?:the|a)\s+)?(?:year[\s-](?:ago|earlier)(?:\s+(?:\w+\s+)?(?:quarter|period))?|year\s+ago|year\s+earlier)\b"
    for m in _ix(ctx, pat):
        quarterly = "quarter" in m[0].lower() or ("period" in m[0].lower()) or _quarter_context(ctx, m.start())
        if ctx.anchor is None:
            yield _c(m, "DATE", "PAST_REF")
        else:
            yield _c(m, "DATE", _last_quarter(ctx, 1) if quarterly else _year_value(ctx, -1))
    for m in _ix(ctx, r"\bthe\s+(?:current|latest)\s+(?:fiscal\s+)?(year|quarter|month)\b"):
        unit = m[1].lower()
        if unit == "quarter":
            value = _last_quarter(ctx) if "latest" in m[0].lower() else _shift_value(ctx, "quarter", 0, 1)
        else:
            value = _shift_value(ctx, unit, 0, 1)
        yield _c(m, "DATE", value)
    for m in _ix(ctx, r"\bthe\s+(?:(?:latest|recent|most\s+recent|fiscal)\s+)?quarter\b(?![\s-]*(?:of|to)\b)|\bthe\s+latest\s+period\b"):
        yield _c(m, "DATE", _last_quarter(ctx))
    for m in _ix(ctx, r"\b(?:the|this)\s+(?:full\s+|fiscal\s+|current\s+)?year\b(?!-|'s)(?P<ended>\s+(?:ended|ending|to))?"):
        if m["ended"]:
            yield _c((m.start(), m.start("ended")), "DURATION", "P1Y")
        elif re.search(r"\b(?:for|of|in|during|through)\s+$", t[max(0, m.start() - 10):m.start()], _F) or "full" in m[0].lower():
            yield _c(m, "DATE", _year_value(ctx, 0))
    # "at the end of the month": the anchor's month or week (the modifier does not change the value)
    for m in _ix(ctx, r"\b(?:the\s+)?(?:end|beginning|start|middle)\s+of\s+the\s+(month|week)\b"):
        yield _c(m, "DATE", _shift_value(ctx, m[1].lower(), 0, 1) if ctx.anchor else "PRESENT_REF")
    for m in _ix(ctx, r"\b(?:over\s+)?the\s+weekend\b"):
        yield _c(m, "DATE", _weekend_value(ctx, 0))


def _year_end(ctx: _Ctx, m: re.Match[str]) -> str:
    if ctx.anchor is None:
        return "XXXX-12-31"
    since = re.search(r"\bsince\s+$", ctx.text[max(0, m.start() - 8):m.start()], _F)
    year = ctx.anchor.year - (1 if since else 0)
    # TimeBank: "the end of the year", "by year end", "year's end" -> the year;
    # the hyphenated adjective "year-end" -> Dec. 31
    return f"{year}-12-31" if "year-end" in m[0].lower() else str(year)


def _rule_quarters(ctx: _Ctx) -> Iterator[_Cand]:
    pre = (rf"(?:(?:the\s+)?(?:(?P<py>{_YEAR})\s+|(?P<rel>this|last|next)\s+year's\s+|(?:company's\s+|"
           rf"fiscal[\s-]+))?)")
    pat = (rf"\b{pre}(?:fiscal[\s-]+)?(?P<ord>{_ORD})[\s-]+(?:fiscal[\s-]+)?(?P<kind>quarter|half)s?\b"
           rf"(?:\s+of\s+(?:fiscal\s+)?(?:(?P<y1>{_YEAR})\b|(?P<rel2>this|last|next)\s+year)|,?\s+(?P<y2>{_YEAR})\b(?!,\d))?")
    for m in _ix(ctx, pat):
        n = lex.ORDINALS[m["ord"].lower()]
        kind = "Q" if m["kind"].lower() == "quarter" else "H"
        if kind == "H" and n > 2:
            continue
        year = m["py"] or m["y1"] or m["y2"]
        rel = (m["rel"] or m["rel2"] or "").lower()
        if not year:
            year = _quarter_year(ctx, kind, n, rel, m.start(), m.end())
        yield _c(m, "DATE", f"{year}-{kind}{n}")


def _rule_period_codes(ctx: _Ctx) -> Iterator[_Cand]:
    """Quarters, halves and fiscal years in the codes business news writes: "Q3 2020", "2020 Q3",
    "Q3'20", "H1", "FY2021", "FY 2021", "FY21" (a code without a year takes the anchor's reading)."""
    year2 = r"(?:'|\s+|-)?(?P<y>(?:19|20)\d\d|'\d\d)"
    pat = rf"\b(?:(?P<y0>{_YEAR})\s+)?(?P<kind>[QH])(?P<n>[1-4])(?:{year2})?(?![\w-])"
    for m in _ix(ctx, pat, 0):
        n, kind = int(m["n"]), m["kind"]
        if kind == "H" and n > 2:
            continue
        year = _code_year(m["y0"] or m["y"])
        yield _c(m, "DATE", f"{year or _quarter_year(ctx, kind, n, '', m.start(), m.end())}-{kind}{n}")
    for m in _ix(ctx, r"\bFY\s?(?P<y>(?:19|20)\d\d|'?\d\d)(?:/\d\d)?(?![\w-])", 0):
        yield _c(m, "DATE", _code_year(m["y"]) or "XXXX")


def _code_year(text: str | None) -> str | None:
    """"2020", "'20" or "20" as a four-digit year (two digits: 19xx above 30, else 20xx)."""
    if not text:
        return None
    digits = text.lstrip("'").strip()
    if len(digits) == 4:
        return digits
    return f"{19 if int(digits) > 30 else 20}{digits}"


# Halves named another way: "the last half of 1989" -> 1989-H2,
# "the first two quarters of 1990" -> 1990-H1.
_HALF_NAMES: dict[str, int] = {"last half": 2, "latter half": 2, "first two quarters": 1,
                               "last two quarters": 2, "final two quarters": 2}


def _rule_halves(ctx: _Ctx) -> Iterator[_Cand]:
    pat = rf"\b(?:at\s+least\s+)?(?:the\s+)?({_alt(_HALF_NAMES)})\s+of\s+({_YEAR})\b"
    for m in _ix(ctx, pat):
        half = _HALF_NAMES[" ".join(m[1].lower().split())]
        yield _c(m, "DATE", f"{m[2]}-H{half}")


def _rule_quarter_ended(ctx: _Ctx) -> Iterator[_Cand]:
    """'the quarter ended July 31' -> the calendar quarter holding most of it (1989-Q2)."""
    pat = rf"\b(the\s+quarter)\s+end(?:ed|ing)\s+(?P<mon>{_MON})\s+(?P<day>\d{{1,2}})\b"
    for m in _ix(ctx, pat):
        if ctx.anchor is None:
            continue
        end = _resolve_month_day(ctx, lex.MONTHS[m["mon"].lower().rstrip(".")], int(m["day"]), m.start(), m.end())
        end_day = dt.date.fromisoformat(end) if _safe_date(*map(int, end.split("-"))) else None
        if end_day:
            mid = end_day - dt.timedelta(days=45)
            yield _c(m, "DATE", f"{mid.year}-Q{_quarter_of(mid)}", 1)


def _quarter_year(ctx: _Ctx, kind: str, n: int, rel: str, start: int, end: int) -> str:
    if ctx.anchor is None:
        return "XXXX"
    a = ctx.anchor
    if rel:
        return str(a.year + {"last": -1, "next": 1}.get(rel, 0))
    first_month = 3 * n - 2 if kind == "Q" else 6 * n - 5
    if first_month > a.month and not _is_future(ctx, start, end):
        return str(a.year - 1)
    return str(a.year)


def _rule_fiscal(ctx: _Ctx) -> Iterator[_Cand]:
    for m in _ix(ctx, rf"\bfiscal(?:\s+year)?\s+({_YEAR}|'\d\d)\b"):
        y = m[1]
        yield _c(m, "DATE", y if len(y) == 4 else f"19{y[1:]}")
    for m in _ix(ctx, r"\b(this|last|next)\s+fiscal\s+year\b"):
        yield _c(m, "DATE", _year_value(ctx, {"this": 0, "last": -1, "next": 1}[m[1].lower()]))


def _rule_ago(ctx: _Ctx) -> Iterator[_Cand]:
    pat = (rf"\b(?:(?:about|almost|nearly|some|more\s+than|just|only|roughly|around|over)\s+)?"
           rf"(?P<n>{_NUM})[\s-]+(?P<unit>{_UNIT})s?\s+(?P<dir>ago|earlier|before|later|from\s+now|hence)\b")
    for m in _ix(ctx, pat):
        n = _num(m["n"])
        unit = m["unit"].lower().rstrip("s")
        sign = 1 if m["dir"].lower() in ("later", "from now", "hence") else -1
        if m["dir"].lower() in ("earlier", "before", "later"):
            if not (unit == "year" and n == 1):
                yield _Cand(m.start(), m.end(), "DURATION", _duration(m["n"], unit))
                continue
            if not _bare_earlier(ctx, m):
                continue
        if n is None:
            yield _c(m, "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")
        elif unit == "year" and n == 1 and sign < 0 and _quarter_context(ctx, m.start()):
            yield _c(m, "DATE", _last_quarter(ctx, 1))
        else:
            yield _c(m, "DATE", _shift_value(ctx, unit, n, sign))


def _bare_earlier(ctx: _Ctx, m: re.Match[str]) -> bool:
    """'two years earlier' is anchored on the DCT only when no other date is near."""
    window = ctx.text[max(0, m.start() - 150):m.start()]
    return not re.search(rf"\b{_YEAR}\b|{_MON}\s+\d", window)


def _rule_durations(ctx: _Ctx) -> Iterator[_Cand]:
    pre = (r"(?:(?:the|a|an|for|each\s+of\s+the)\s+)?(?:(?:past|last|next|coming|first|latest|previous|final|"
           r"following|additional|more\s+than|nearly|almost|about|at\s+least|over|up\s+to|within|less\s+than|"
           r"only|just|another|roughly|around|some|the)\s+)*")
    pat = rf"\b{pre}(?P<n>{_NUM})(?:\s+(?:to|or)\s+(?:{_NUM}))?[\s-]+(?:more\s+|full\s+|trading\s+|straight\s+)?(?P<unit>{_UNIT})s?\b(?P<tail>-old|\s+(?:period|term)|\s+and\s+a\s+half\b)?"
    for m in _ix(ctx, pat):
        if _is_count_not_time(ctx.text, m):
            continue
        unit = m["unit"].lower()
        if unit == "weekend":
            continue
        half = bool(m["tail"]) and "half" in m["tail"].lower()
        yield _Cand(m.start(), m.end(), "DURATION", _duration(m["n"], unit, half))
    vague = r"\b(?:(?:the\s+)?(?:past|last|next|coming|recent)\s+(?:few\s+|several\s+)?|recent\s+|future\s+|the\s+(?:early\s+)?|for\s+|(?:several|many|few)\s+)?(years|months|weeks|days|decades|hours|minutes|quarters)\b(?:\s+ahead)?"
    for m in _ix(ctx, vague):
        if m[0].lower() == m[1].lower() and not re.search(r"\b(?:for|in|over|within|take|took|last|lasted)\s+$", ctx.text[max(0, m.start() - 10):m.start()], _F):
            continue
        unit = m[1].lower()
        yield _Cand(m.start(), m.end(), *_vague_plural(m[0].lower(), unit))


def _vague_plural(phrase: str, unit: str) -> tuple[str, str]:
    """TimeBank: 'recent years' -> PAST_REF, 'coming months' -> FUTURE_REF, else PXY-style."""
    if re.search(r"\b(?:recent|past|last)\b", phrase) and unit in ("years", "days", "decades"):
        return "DATE", "PAST_REF"
    if re.search(r"\b(?:last\s+few)\b", phrase):
        return "DATE", "PAST_REF"
    if re.search(r"\bcoming\b", phrase) and unit in ("months", "years", "quarters") or phrase.startswith("future"):
        return "DATE", "FUTURE_REF"
    return "DURATION", _duration("several", unit)


def _is_count_not_time(text: str, m: re.Match[str]) -> bool:
    """'two quarter-point cuts', 'a day-care center': not durations."""
    after = text[m.end():m.end() + 12]
    if "half" in (m["tail"] or "").lower():
        return False  # "a minute and a half (later)": the ago rule does not take halves
    if m["unit"].lower() == "quarter" and "-" in m[0] and re.match(r"s?\s+of\b", text[m.end():m.end() + 5]):
        return True  # "three-quarters of its food": a fraction
    if re.match(r"[\s-]*(?:point|care|trip|ahead|ago|earlier|later|from\s+now|old\b)", after, _F):
        return True
    before = text[max(0, m.start() - 30):m.start()]
    if m["n"].lower() in ("a", "an") and re.search(r"(?:\d[\d,.]*|cents?|dollars?)(?:\s+[a-z]+){0,2}\s+$", before):
        return True
    if re.fullmatch(r"\d{4}", m["n"]) and 1000 <= int(m["n"]) <= 2100:
        return True
    return m["n"].lower() in ("a", "an") and m["unit"].lower() == "quarter"


def _rule_sets(ctx: _Ctx) -> Iterator[_Cand]:
    for m in _ix(ctx, rf"\b({_alt(lex.SETS)})\b"):
        if not re.match(r"\s+(?!(?:and|or|in|on|at|for|since|to|by|as|from|until)\b)[a-z]", ctx.text[m.end():m.end() + 3]):
            yield _c(m, "SET", lex.SETS[m[1].lower()])
    for m in _ix(ctx, r"\b(?:each|every|per)\s+(year|month|week|day|quarter)\b"):
        unit = m[1].lower()
        yield _c(m, "SET", f"P1{lex.UNITS[unit]}")
    # "each July" -> XXXX-07, "every Thursday" -> XXXX-WXX-4 (TimeBank SET values)
    for m in _ix(ctx, rf"\b(?:each|every)\s+(?:(?P<mon>{_MON})|(?P<wd>{_alt(lex.WEEKDAY_FULL)}))\b"):
        if m["mon"]:
            yield _c(m, "SET", f"XXXX-{lex.MONTHS[m['mon'].lower().rstrip('.')]:02d}")
        else:
            yield _c(m, "SET", f"XXXX-WXX-{lex.WEEKDAYS[m['wd'].lower()] + 1}")


def _rule_vague(ctx: _Ctx) -> Iterator[_Cand]:
    groups = ((lex.PRESENT_REFS, "PRESENT_REF"), (lex.PAST_REFS, "PAST_REF"), (lex.FUTURE_REFS, "FUTURE_REF"))
    for words, value in groups:
        for m in _ix(ctx, rf"\b(?:{_alt(words)})\b"):
            if _vague_ok(ctx.text, m):
                yield _c(m, "DATE", value)


def _vague_ok(text: str, m: re.Match[str]) -> bool:
    word = m[0].lower()
    after = text[m.end():m.end() + 15].lower()
    if word in ("recent years", "recent days"):
        return True
    if word == "now" and re.match(r"\s+(?:that)\b", after):
        return True
    if word in ("current", "recent", "future") and re.match(r"\s+(?:account|accounts|contracts?|events|price|prices|rate|rates|market|markets|months|weeks|years|days|quarters|sessions|trading|issue|carrier|production|level|levels|deal|crisis)\b", after):
        return word != "recent" or not re.match(r"\s+(?:months|weeks|years|days|quarters)", after)
    if re.match(rf"\s+(?:{_NUM}\s+|few\s+|several\s+)?(?:{_UNIT}|{_SEASON})s?\b", after + text[m.end() + 15:m.end() + 40].lower()):
        return False
    before = text[max(0, m.start() - 4):m.start()].lower()
    if word == "soon" and (before.endswith("as ") or after.startswith(" after")):
        return False
    return True


def _rule_clock(ctx: _Ctx) -> Iterator[_Cand]:
    pat = (r"\b(?:(?:around|about)\s+)?(?P<h>\d{1,2})(?::(?P<mi>\d{2}))?\s*(?P<ap>a\.m\.|p\.m\.|am\b|pm\b)"
           r"(?:\s+(?-i:(?P<tz>[A-Z]{2,4}))\b)?|\b(?P<h2>[01]?\d|2[0-3]):(?P<mi2>[0-5]\d)(?![\d:])(?:\s+(?-i:(?P<tz2>[A-Z]{2,4}))\b)?"
           r"|\b(?P<word>noon|midnight)\b")
    for m in _ix(ctx, pat):
        hour, minute = _clock(m)
        if hour is None:
            continue
        day, end = _clock_day(ctx, m.end())
        clock = "24" if m["word"] and m["word"].lower() == "midnight" else f"{hour:02d}:{minute:02d}"
        value = f"{day}T{clock}" if day else f"XXXX-XX-XXT{clock}"
        yield _Cand(m.start(), end, "TIME", value)


def _clock(m: re.Match[str]) -> tuple[int | None, int]:
    if m["word"]:
        return (12 if m["word"].lower() == "noon" else 0), 0
    if m["h2"]:
        return int(m["h2"]), int(m["mi2"])
    hour, minute = int(m["h"]), int(m["mi"] or 0)
    if hour > 12 or minute > 59:
        return None, 0
    pm = m["ap"].lower().startswith("p")
    return (hour % 12) + (12 if pm else 0), minute


def _clock_day(ctx: _Ctx, end: int) -> tuple[str | None, int]:
    """The day a clock time belongs to: a following weekday/date, else the anchor."""
    tail = ctx.text[end:end + 40]
    m = re.match(rf",?\s+(?:on\s+)?(?:({_WD})|(yesterday|today|tomorrow)|({_MON})\s+(\d{{1,2}})\b)", tail, _F)
    if m and ctx.anchor is not None:
        if m[1] and m[1][0].isupper():
            return _resolve_weekday(ctx, lex.WEEKDAYS[m[1].lower()], end, end), end + m.end()
        if m[2]:
            off = {"yesterday": -1, "today": 0, "tomorrow": 1}[m[2].lower()]
            return (ctx.anchor + dt.timedelta(days=off)).isoformat(), end + m.end()
        if m[3] and m[3].lower().rstrip(".") in lex.MONTHS and 1 <= int(m[4]) <= 31:
            month = lex.MONTHS[m[3].lower().rstrip(".")]
            return _resolve_month_day(ctx, month, int(m[4]), end, end), end + m.end()
    return (ctx.anchor.isoformat() if ctx.anchor else None), end


def _rule_seasons(ctx: _Ctx) -> Iterator[_Cand]:
    pat = rf"\b(?:the\s+)?(?:(?:early|late|mid)[\s-]*)?({_SEASON})(?:\s+of)?\s+({_YEAR})\b"
    for m in _ix(ctx, pat):
        yield _c(m, "DATE", f"{m[2]}-{lex.SEASONS[m[1].lower()]}")
    # "in the summer", and "since/by/of the (early) summer" ("fall" there is too often the noun)
    pat = (rf"\b(?:(?:in|during|this|over|through)\s+(?:the\s+)?|(?:of|from|since|until|by)\s+the\s+(?!(?:early\s+|late\s+)?fall\b))"
           rf"(?:(?:early|late)\s+)?({_SEASON})\b")
    for m in _ix(ctx, pat):
        code = lex.SEASONS[m[1].lower()]
        sign = 1 if _is_future(ctx, m.start(), m.end()) else 0
        start = m.start() + len(m[0]) - len(m[0].lstrip()) if not m[0].lower().startswith("this") else m.start()
        if not m[0].lower().startswith("this"):
            start = m.start(0) + m[0].lower().index(" ") + 1
        yield _Cand(start, m.end(), "DATE", _season_value(ctx, code, sign))


# Year phrases that point back to the last year written out in the text
# ("In 1995 ... the following year" -> 1996), with their offset from it.
_ANAPHORIC_YEARS: dict[str, int] = {"that year": 0, "the same year": 0, "the following year": 1}


def _rule_anaphoric_years(ctx: _Ctx) -> Iterator[_Cand]:
    for m in _ix(ctx, rf"\b(?:{_alt(_ANAPHORIC_YEARS)})\b"):
        years = re.findall(rf"(?<![\d$#.,]){_YEAR}(?![\d%])", ctx.text[max(0, m.start() - 1500):m.start()])
        if years:
            offset = _ANAPHORIC_YEARS[re.sub(r"\s+", " ", m[0].lower())]
            yield _c(m, "DATE", f"{int(years[-1]) + offset:04d}")


# Fixed phrases: (pattern, group holding the span, type, value).  "the week"
# is a week of the anchor year not pinned down ("For the week, the index
# dropped"); "XXXX" there is filled with the anchor year.
_PHRASES: tuple[tuple[str, int, str, str], ...] = (
    (r"\b(the\s+week)\b(?!\s+(?:of|before|after|ended|ending)\b)", 1, "DATE", "XXXX-WXX"),
    (r"\bat\s+(the\s+time)\b(?!\s+of\b)", 1, "DATE", "PAST_REF"),
    (r"\bfor\s+(a\s+while)\b", 1, "DURATION", "PXX"),
    (r"\bfor\s+(some\s+time)\b", 1, "DURATION", "PXM"),
    # the anchor day itself ("{date}" is replaced by it; skipped without anchor)
    (r"\blater\s+in\s+(the\s+day)\b", 1, "DATE", "{date}"),
    (r"\b(?:by|in\s+the)\s+(mid[\s-]*afternoon|mid[\s-]*morning)\b", 1, "TIME", "{date}T{part}"),
    (r"\bin\s+(a\s+(?:year|month|week|day)\s+or\s+two)\b", 1, "DATE", "FUTURE_REF"),
    # "Islam will one day be ...": an unspecified future time, not P1D
    (r"\b(?:will|would|could|may|might|can)\s+(one\s+day)\b(?!\s+(?:after|before|later|earlier|ago)\b)", 1,
     "DATE", "FUTURE_REF"),
)


def _rule_phrases(ctx: _Ctx) -> Iterator[_Cand]:
    year = f"{ctx.anchor.year:04d}" if ctx.anchor else "XXXX"
    for pat, group, type_, value in _PHRASES:
        for m in _ix(ctx, pat):
            if "{" in value and ctx.anchor is None:
                continue
            if "{" in value:
                part = "AF" if "afternoon" in m[group].lower() else "MO"
                value_ = value.format(date=ctx.anchor.isoformat(), part=part)
            else:
                value_ = value.replace("XXXX-W", f"{year}-W")
            yield _c(m, type_, value_, group)


# Month phrases that point back to the last month named in the text.
_ANAPHORIC_MONTHS: dict[str, int] = {"that month": 0, "the same month": 0, "the following month": 1}


def _rule_anaphoric_months(ctx: _Ctx) -> Iterator[_Cand]:
    for m in _ix(ctx, rf"\b(?:{_alt(_ANAPHORIC_MONTHS)})\b"):
        window = ctx.text[max(0, m.start() - 800):m.start()]
        named = [n for n in re.finditer(rf"\b(?P<mon>{_MON})(?![a-z])", window, _F) if n[0][0].isupper()]  # not "may"
        if not named or ctx.anchor is None:
            continue
        month = lex.MONTHS[named[-1]["mon"].lower().rstrip(".")]
        year = ctx.anchor.year if month <= ctx.anchor.month else ctx.anchor.year - 1
        day = _add_months(dt.date(year, month, 1), _ANAPHORIC_MONTHS[" ".join(m[0].lower().split())])
        yield _c(m, "DATE", day.strftime("%Y-%m"))


# The value of an anaphoric "then" ("until then", "since then"), filled in from the date before it.
_PREVIOUS_DATE = "{previous date}"


def _rule_then(ctx: _Ctx) -> Iterator[_Cand]:
    """'Until then', 'since then', 'by then': the time of the last calendar date written before."""
    for m in _ix(ctx, r"\b(?:since|until|till|by|before|after)\s+(then)\b(?!\s+(?:current|president|chairman|chief)\b)"):
        yield _c(m, "DATE", _PREVIOUS_DATE, 1)


_RULES: tuple[Callable[[_Ctx], Iterator[_Cand]], ...] = (
    _rule_anaphoric_years, _rule_anaphoric_months, _rule_phrases, _rule_halves, _rule_quarter_ended,
    _rule_numeric, _rule_month_dates, _rule_months, _rule_month_range, _rule_years,
    _rule_decades, _rule_spelled_years, _rule_days, _rule_weekdays, _rule_day_parts, _rule_days_from_reference, _rule_relative_periods,
    _rule_year_refs, _rule_quarters, _rule_period_codes, _rule_fiscal, _rule_ago, _rule_durations, _rule_sets,
    _rule_vague, _rule_clock, _rule_seasons, _rule_then,
)


# ---------------------------------------------------------------- public API

def _extend_modifiers(text: str, cand: _Cand) -> _Cand:
    """Pull 'early', 'the end of', 'mid-' into the span of a calendar DATE."""
    if cand.type != "DATE" or not re.match(r"\d", cand.value):
        return cand
    m = re.search(rf"{_MODS}+$", text[max(0, cand.start - 40):cand.start], _F)
    if not m or not m.group(0):
        return cand
    start = cand.start - len(m.group(0))
    if text[start:cand.start].lower().startswith("until"):
        return cand
    return _Cand(start, cand.end, cand.type, cand.value, cand.time_start, cand.time_end)


def _select(cands: list[_Cand]) -> list[_Cand]:
    chosen: list[_Cand] = []
    for c in sorted(cands, key=lambda c: (c.start, -(c.end - c.start))):
        if c.end <= c.start:
            continue
        if chosen and c.start < chosen[-1].end:
            continue
        chosen.append(c)
    return chosen


def _to_anchor(anchor: AnchorLike) -> tuple[dt.date | None, dt.datetime | None]:
    if isinstance(anchor, str):
        anchor = parse_published(anchor)
    if isinstance(anchor, dt.datetime):
        return anchor.date(), anchor
    if isinstance(anchor, dt.date):
        return anchor, None
    return None, None


def find_times(text: str, anchor: AnchorLike = None,
               within: Sequence[tuple[int, int]] | None = None) -> list[TimeExpr]:
    """Every time expression in `text`, left to right, non-overlapping.

    `text[t.start:t.end] == t.text` for each result.  Relative expressions
    are resolved against `anchor` (the publication date); without one they
    keep X placeholders ("XXXX-05") or become PAST_REF / FUTURE_REF.

    `within`: sorted (start, end) ranges to search, for a caller that needs
    the times of some paragraphs only; an expression is found there as in the
    whole text (the rules still read the words around it, "the following
    year" still finds the year before it), unless it runs across a range's edge.
    """
    if not text:
        return []
    day, moment = _to_anchor(anchor)
    windows = ((0, len(text)),) if within is None else tuple((max(a, 0), min(b, len(text))) for a, b in within if a < b)
    ctx = _Ctx(text, day, moment, windows)
    cands: list[_Cand] = []
    for rule in _RULES:
        cands.extend(_extend_modifiers(text, c) for c in rule(ctx))
    return [_record(text, c) for c in _resolve_then(_merge_years(text, _select(cands)))]


def _resolve_then(cands: list[_Cand]) -> list[_Cand]:
    """Give each anaphoric 'then' the value of the calendar date found before it (drop it if none)."""
    out: list[_Cand] = []
    for c in cands:
        if c.value != _PREVIOUS_DATE:
            out.append(c)
            continue
        previous = next((p for p in reversed(out) if p.type == "DATE" and re.match(r"\d{4}", p.value)), None)
        if previous is not None:
            out.append(_Cand(c.start, c.end, "DATE", previous.value, previous.time_start, previous.time_end))
    return out


# A month or season value followed by a separate year expression
# ("January nineteen ninety-seven", "the winter of nineteen ninety-four"):
# the joiner allowed between them, and how the month/season part is read.
_YEAR_JOIN = re.compile(r"(?:,\s*|\s+of\s+|\s+)$")
_MONTH_OR_SEASON = re.compile(r"(?:\d{4}|XXXX)-(\d\d|SP|SU|FA|WI)$")


def _merge_years(text: str, cands: list[_Cand]) -> list[_Cand]:
    """Join a month/season candidate with the year candidate right after it."""
    out: list[_Cand] = []
    for c in cands:
        prev = out[-1] if out else None
        if prev and c.type == "DATE" and re.fullmatch(r"\d{4}", c.value) \
                and _MONTH_OR_SEASON.match(prev.value) and _YEAR_JOIN.fullmatch(text[prev.end:c.start]):
            value = f"{c.value}-{_MONTH_OR_SEASON.match(prev.value)[1]}"
            out[-1] = _Cand(prev.start, c.end, "DATE", value)
            continue
        out.append(c)
    return out


def _record(text: str, c: _Cand) -> TimeExpr:
    start, end = c.time_start, c.time_end
    if start is None and end is None:
        start, end = period(c.value)
    return TimeExpr(text=text[c.start:c.end], start=c.start, end=c.end, type=c.type,
                    value=c.value, time_start=start, time_end=end)
