"""When a figure holds, as the ledger writes it: partial ISO dates read as periods.

A claim's `time_start` / `time_end` and a document's `published` are ISO dates at
the precision the text allows: "2021" (a year), "2020-12" (a month), "2021-06-10"
(a day; a date-time is read as its day).  `TimeSpan` is the one reading of them
every stage uses: its first and last day, and its middle (the day a year or a
month is dated to when one day must stand for it: 1 July, the 15th).
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

_PARTIAL = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(frozen=True)
class TimeSpan:
    """A year, a month or a day: `first` and `last` day, and the `text` it was read from (cut to 10)."""

    first: date
    last: date
    text: str

    @classmethod
    def parse(cls, text: str | None) -> "TimeSpan | None":
        """The period a partial ISO date names ("2021", "2020-12", "2021-06-10T08:00"); None if it names none."""
        m = _PARTIAL.match((text or "")[:10])
        if m is None:
            return None
        year, month, day = (int(part) if part else None for part in m.groups())
        try:
            if month is None:
                return cls(date(year, 1, 1), date(year, 12, 31), m.group(0))
            if day is None:
                return cls(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]), m.group(0))
            return cls(date(year, month, day), date(year, month, day), m.group(0))
        except ValueError:
            return None

    @property
    def middle(self) -> date:
        """The day standing for the period: a day itself, a month's 15th, a year's 1 July."""
        if self.first == self.last:
            return self.first
        if self.first.month == self.last.month:
            return self.first.replace(day=15)
        return self.first.replace(month=7)

    def overlaps(self, other: "TimeSpan") -> bool:
        """Whether the two periods share a day."""
        return self.first <= other.last and other.first <= self.last


def claim_time(time_end: str | None, time_start: str | None, published: str | None) -> str | None:
    """What dates a figure, as written: its time_end, else time_start, else its document's
    publication date, cut to the day (None when nothing dates it).  Sorting these texts puts
    claims in as-of order ("2021" before "2021-06-10")."""
    when = time_end or time_start or published
    return when[:10] if when else None


def as_of_day(time_end: str | None, time_start: str | None, published: str | None) -> date | None:
    """The day a figure is dated to: the middle of the first of time_end, time_start and
    publication that names a period ("2021" -> 2021-07-01, "2020-12" -> 2020-12-15)."""
    for text in (time_end, time_start, published):
        span = TimeSpan.parse(text)
        if span is not None:
            return span.middle
    return None


def bounds(start: str | None, end: str | None) -> tuple[date | None, date | None]:
    """The first day of `start`'s period and the last of `end`'s: from "2021" to "2021-02" is
    2021-01-01 .. 2021-02-28 (None for a bound not given or not a date)."""
    first, last = TimeSpan.parse(start), TimeSpan.parse(end)
    return (first.first if first else None), (last.last if last else None)


# A sentinel for "no number of days": a date that does not parse is never within any window.
NO_DAYS = 10 ** 6


@lru_cache(maxsize=1 << 14)  # the checks ask for a few hundred report days, over and over
def first_day(text: str | None) -> date | None:
    """The first day of the period a partial ISO date names (None if it names none)."""
    span = TimeSpan.parse(text)
    return span.first if span else None


def days_between(first: str | None, second: str | None) -> int:
    """Days from the first day of one partial ISO date (a day, a month, a year) to the first day
    of another; NO_DAYS when either does not parse."""
    a, b = first_day(first), first_day(second)
    return (b - a).days if a and b else NO_DAYS
