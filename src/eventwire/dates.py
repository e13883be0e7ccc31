"""Event dates as typed intervals: a TimeML DATE value is a span of days, not one day.

``2019-01-25`` is one day, ``2019-W04`` a Monday-to-Sunday ISO week, ``2019-01`` a month,
``2019-SU`` a (northern-hemisphere) season named by the year it starts in, ``2019`` a year. Date
filters compare intervals by overlap, so "since 2019-06-01" keeps an event dated ``2019``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Final

from eventwire.model import Granularity

#: First month of each season (winter 2018 = December 2018 to February 2019), as in timex.py.
_SEASON_START: Final = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_DAY = re.compile(r"^(\d{4})-(\d\d)-(\d\d)(?:T.*)?$")
_WEEK = re.compile(r"^(\d{4})-W(\d\d)$")
_MONTH = re.compile(r"^(\d{4})-(\d\d)$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_YEAR = re.compile(r"^(\d{4})$")


@dataclass(frozen=True, slots=True)
class DateInterval:
    """The days a date value covers: ``start`` to ``end``, both inclusive."""

    start: dt.date
    end: dt.date
    granularity: Granularity

    def overlaps(self, since: dt.date | None, until: dt.date | None) -> bool:
        return (since is None or self.end >= since) and (until is None or self.start <= until)


def interval_of(value: str | None) -> DateInterval | None:
    """The interval of a TimeML DATE value; ``None`` for anything else (or an impossible date)."""
    if not value:
        return None
    try:
        return _parse(value)
    except ValueError:  # "2019-02-30", "2019-W60": not a calendar date
        return None


def _parse(value: str) -> DateInterval | None:
    if found := _DAY.match(value):
        day = dt.date(*(int(g) for g in found.groups()))
        return DateInterval(day, day, "day")
    if found := _WEEK.match(value):
        year, week = int(found[1]), int(found[2])
        monday = dt.date.fromisocalendar(year, week, 1)
        return DateInterval(monday, monday + dt.timedelta(days=6), "week")
    if found := _MONTH.match(value):
        year, month = int(found[1]), int(found[2])
        last = calendar.monthrange(year, month)[1]
        return DateInterval(dt.date(year, month, 1), dt.date(year, month, last), "month")
    if found := _SEASON.match(value):
        year, first = int(found[1]), _SEASON_START[found[2]]
        start = dt.date(year, first, 1)
        end_year, end_month = (year + 1, 2) if first == 12 else (year, first + 2)
        last = calendar.monthrange(end_year, end_month)[1]
        return DateInterval(start, dt.date(end_year, end_month, last), "season")
    if found := _YEAR.match(value):
        year = int(found[1])
        return DateInterval(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")
    return None


def parse_bound(value: str, *, end: bool) -> dt.date:
    """A filter bound given as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (also a week or season):
    its first day for ``since`` (``end=False``), its last day for ``until``.

    Raises ``ValueError`` naming the accepted forms.
    """
    found = interval_of(value.strip())
    if found is None:
        raise ValueError(f"{value!r} is not a date like 2019-01-26, 2019-01 or 2019")
    return found.end if end else found.start
