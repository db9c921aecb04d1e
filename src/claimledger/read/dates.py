"""Publication dates: what a file, a row, a page or an option says about when a document appeared.

`parse_published` reads the forms news metadata and the first line of a plain
text use ("2018-03-22", "22 March 2018", "March 22, 2018 16:17",
"2021-06-10T08:00:00Z", the glued "22 March 201816:17"); `normalise_published`
falls back to dateparser for other written dates in metadata ("Thursday, 10 June
2021"); `text_date` reads a date standing alone on one of a text's first lines or
opening its dateline ("KYIV, March 5, 2021 (Reuters) -"), and `url_date` the date
that news sites write into their article addresses (".../2021/03/05/slug").
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from ..data import time_en as lex

# A date line at the top of a plain text is short: "22 March 2018 16:17" is
# 19 characters; 40 leaves room for weekday names and time zones while never
# mistaking an opening sentence for a date line.
DATE_LINE_MAX = 40


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_MON = (rf"(?:{_alt(k for k in lex.MONTHS if len(k) > 4 or k in ('may', 'june', 'july'))}|"
        rf"(?:{_alt(k for k in lex.MONTHS if len(k) <= 4 and k not in ('may', 'june', 'july'))})\.?)")
_PATTERNS: tuple[str, ...] = (
    rf"(?P<y>\d{{4}})-(?P<mo>\d{{1,2}})-(?P<d>\d{{1,2}})",
    rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon>{_MON}),?\s+(?P<y>\d{{4}})",
    rf"(?P<mon>{_MON})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})",
    r"(?P<d>\d{1,2})/(?P<mo>\d{1,2})/(?P<y>\d{4})",
)
_TIME = r"(?:\s*(?:T|,|\bat\b)?\s*(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?::(?P<s>[0-5]\d))?)?"


def parse_published(text: str) -> dt.datetime | dt.date | None:
    """Publication date/time from a short string, or None.

    Accepts "2018-03-22", "22 March 2018", "March 22, 2018 16:17",
    "2021-06-10T08:00:00Z" and the glued form "22 March 201816:17".
    """
    if not isinstance(text, str) or not text.strip():
        return None
    s = text.strip()[:200]
    for pattern in _PATTERNS:
        m = re.search(pattern + _TIME, s, re.IGNORECASE)
        if m:
            found = _from_match(m)
            if found is not None:
                return found
    return None


def _from_match(m: re.Match[str]) -> dt.datetime | dt.date | None:
    parts = m.groupdict()
    month = lex.MONTHS.get((parts.get("mon") or "").lower().rstrip(".")) or int(parts.get("mo") or 0)
    day = safe_date(int(parts["y"]), month, int(parts["d"])) if 1 <= month <= 12 else None
    if day is None:
        return None
    if parts.get("h") is None:
        return day
    return dt.datetime(day.year, day.month, day.day, int(parts["h"]), int(parts["mi"]), int(parts.get("s") or 0))


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None where it does not exist (30 February)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def normalise_published(value: str | None) -> str | None:
    """An ISO date or date-time from what a file, row or option says; None if unreadable.

    The forms of `parse_published` first; any other written date through dateparser,
    which must find a day, a month and a year (a bare "June" or "2021" is no date).
    """
    if not value:
        return None
    found = parse_published(value.strip()) or _dateparser_date(value.strip()[:100])
    if found is None:
        return None
    text = found.isoformat()
    return text[:16] if "T" in text else text


@lru_cache(maxsize=4096)
def _dateparser_date(text: str) -> dt.datetime | dt.date | None:
    if not re.search(r"\d", text):
        return None
    import dateparser

    settings = {"REQUIRE_PARTS": ["day", "month", "year"], "RETURN_AS_TIMEZONE_AWARE": False,
                "PREFER_DAY_OF_MONTH": "first", "STRICT_PARSING": True}
    found = dateparser.parse(text, languages=["en"], settings=settings)
    if found is None:
        return None
    return found.date() if (found.hour, found.minute, found.second) == (0, 0, 0) else found.replace(microsecond=0)


def date_line(text: str) -> str | None:
    """The publication date on the first non-blank line, if that line is a date."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if not first or len(first) > DATE_LINE_MAX:
        return None
    found = parse_published(first)
    return found.isoformat() if found else None


# Wire copy puts the date on a line of its own above or below the headline and the
# byline: the first four non-blank lines cover "headline / By X / date / dateline".
HEAD_LINES = 4
# A dateline: place in capitals, then the date, then the agency: "KYIV, March 5, 2021 (Reuters) -".
DATELINE = re.compile(r"^[A-Z][A-Z .'’-]{1,40}(?:,\s*[A-Z][A-Za-z .'’-]{1,30})?,\s+(?P<date>[^(\n–—-]{6,40}?)\s*(?:\(|[-–—])")


def text_date(text: str) -> str | None:
    """The publication date a text gives itself: a date line among its first lines, or the
    full date (with the year) of its dateline; None when it gives none."""
    lines = [line.strip() for line in text.splitlines() if line.strip()][:HEAD_LINES]
    for line in lines:
        if len(line) <= DATE_LINE_MAX:
            found = parse_published(line)
            if found is not None:
                return found.isoformat()
    for line in lines:
        m = DATELINE.match(line)
        found = parse_published(m["date"]) if m else None
        if found is not None:
            return found.isoformat()
    return None


# ".../2021/03/05/slug", ".../2021-03-05-slug", ".../20210305/slug": a year from 1990 on,
# a month and a day, as separate path parts or as one.
URL_DATE = re.compile(r"/(?P<y>(?:19|20)\d\d)(?P<sep>[/-]?)(?P<mo>0[1-9]|1[0-2])(?P=sep)(?P<d>0[1-9]|[12]\d|3[01])(?:[/_.-]|$)")


def url_date(url: str | None) -> str | None:
    """The date written into an article's address, or None."""
    m = URL_DATE.search(url or "")
    if m is None:
        return None
    day = safe_date(int(m["y"]), int(m["mo"]), int(m["d"]))
    return day.isoformat() if day else None
