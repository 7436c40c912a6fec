"""Calendar arithmetic for statutory periods in England.

Working days are days other than Saturday, Sunday, Christmas Day, Good Friday and bank holidays
in England and Wales (substitute and one-off days included). Bank holidays come from the
`holidays` package (GB, subdivision ENG) for the years Redress supports; an administrator's
overrides add or remove days without a code change.

Tribunal working days (HESC Rules r.12(3)(b)) also leave out every day of August and
25 December to 1 January.
"""

from __future__ import annotations

import calendar as _stdlib_calendar
import functools
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import NamedTuple

import holidays as _holidays

FIRST_YEAR = 1990
LAST_YEAR = 2099

_DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTH_NAMES = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)

_ONE_DAY = timedelta(days=1)


def format_date(d: date) -> str:
    """A date as a caseworker reads it: 'Wed 3 Sep 2025' (independent of the locale)."""
    return f"{_DAY_NAMES[d.weekday()]} {d.day} {_MONTH_NAMES[d.month - 1]} {d.year}"


_LONG_MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def format_long_date(d: date) -> str:
    """A date as a letter writes it: '3 September 2025' (independent of the locale)."""
    return f"{d.day} {_LONG_MONTH_NAMES[d.month - 1]} {d.year}"


def add_days(d: date, n: int) -> date:
    """n calendar days after d; d itself is day 0."""
    return d + timedelta(days=n)


def add_weeks(d: date, n: int) -> date:
    """n weeks of 7 days after d; the result falls on the same weekday."""
    return d + timedelta(days=7 * n)


def end_of_week(d: date) -> date:
    """The Sunday that ends d's week (Monday to Sunday): the dashboard's "this week"."""
    return d + timedelta(days=6 - d.weekday())


def days_overdue(due: date | None, today: date) -> int:
    """Calendar days from a due date to today (0 when not yet past, or with no due date): how
    late an open step is, shown beside the engine's date."""
    return max((today - due).days, 0) if due else 0


def add_months(d: date, n: int) -> date:
    """The corresponding date n calendar months later, or that month's last day."""
    month_index = d.month - 1 + n
    year = d.year + month_index // 12
    month = month_index % 12 + 1
    last = _stdlib_calendar.monthrange(year, month)[1]
    return date(year, month, min(d.day, last))


def month_end_clamped(d: date, n: int) -> bool:
    """True when add_months(d, n) had no corresponding date and took the month's last day."""
    return add_months(d, n).day != d.day


def is_tribunal_closed_day(d: date) -> bool:
    """August, or 25 December to 1 January: not counted for Tribunal periods (r.12(3))."""
    return d.month == 8 or (d.month == 12 and d.day >= 25) or (d.month == 1 and d.day == 1)


@functools.cache
def _package_holidays() -> tuple[tuple[date, str], ...]:
    source = _holidays.country_holidays(
        "GB", subdiv="ENG", years=range(FIRST_YEAR, LAST_YEAR + 1), language="en_GB"
    )
    return tuple(sorted((d, str(name)) for d, name in source.items()))


class WorkingDayCalendar:
    """The England and Wales working-day calendar, with an administrator's overrides.

    `added` days become holidays (a newly proclaimed one-off bank holiday); `removed` days stop
    being holidays. `names` labels added days in explanations.
    """

    def __init__(
        self,
        *,
        added: Iterable[date] = (),
        removed: Iterable[date] = (),
        names: Mapping[date, str] | None = None,
    ) -> None:
        names = dict(names or {})
        table: dict[date, str] = dict(_package_holidays())
        self.removed: frozenset[date] = frozenset(removed)
        self.added: frozenset[date] = frozenset(added)
        for d in self.removed:
            table.pop(d, None)
        for d in self.added:
            table[d] = names.get(d) or "Bank holiday (added by an administrator)"
        self._names = table
        # Holidays on weekdays are the only ones that change working-day arithmetic.
        self.weekday_holidays: tuple[date, ...] = tuple(sorted(d for d in table if d.weekday() < 5))
        self._weekday_holiday_set = frozenset(self.weekday_holidays)

    # -- queries ---------------------------------------------------------------------------

    def holiday_name(self, d: date) -> str | None:
        return self._names.get(d)

    def is_working_day(self, d: date) -> bool:
        return d.weekday() < 5 and d not in self._weekday_holiday_set

    def is_tribunal_working_day(self, d: date) -> bool:
        return self.is_working_day(d) and not is_tribunal_closed_day(d)

    def holidays_between(self, start: date, end: date) -> list[date]:
        """Weekday holidays strictly after start and up to end inclusive."""
        lo, hi = (start, end) if start <= end else (end, start)
        i = bisect_right(self.weekday_holidays, lo)
        j = bisect_right(self.weekday_holidays, hi)
        return list(self.weekday_holidays[i:j])

    # -- arithmetic ------------------------------------------------------------------------

    def add_working_days(self, start: date, n: int) -> date:
        """The nth working day after start (start is never counted); n == 0 gives start."""
        if n < 0:
            raise ValueError("n must not be negative")
        d = start
        while n:
            d += _ONE_DAY
            if self.is_working_day(d):
                n -= 1
        return d

    def working_days_before(self, end: date, n: int) -> date:
        """The nth working day before end (end is never counted); n == 0 gives end."""
        if n < 0:
            raise ValueError("n must not be negative")
        d = end
        while n:
            d -= _ONE_DAY
            if self.is_working_day(d):
                n -= 1
        return d

    def add_tribunal_working_days(self, start: date, n: int) -> date:
        """The nth tribunal working day after start (August and 25 Dec-1 Jan not counted)."""
        if n < 0:
            raise ValueError("n must not be negative")
        d = start
        while n:
            d += _ONE_DAY
            if self.is_tribunal_working_day(d):
                n -= 1
        return d

    def next_working_day(self, d: date) -> date:
        """The first working day strictly after d."""
        d += _ONE_DAY
        while not self.is_working_day(d):
            d += _ONE_DAY
        return d

    def on_or_next_working_day(self, d: date) -> date:
        return d if self.is_working_day(d) else self.next_working_day(d)


@functools.cache
def default_calendar() -> WorkingDayCalendar:
    """The calendar with no overrides (the package's bank holidays alone)."""
    return WorkingDayCalendar()


# -- School terms ------------------------------------------------------------------------------
# Term dates differ between authorities and schools; Redress counts terms as the DfE's school
# census does (autumn 1 August to 31 December, spring 1 January to Easter Sunday, summer Easter
# Monday to 31 July), so every authority's "next term" is the same and needs no set-up
# (docs/decisions/0117-terms-as-the-school-census-counts-them.md).


class SchoolTerm(NamedTuple):
    """A school term: its name ('Spring term 2027'), first day and last day."""

    name: str
    first: date
    last: date


def easter_sunday(year: int) -> date:
    """Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return date(year, month, day + 1)


def school_term(d: date) -> SchoolTerm:
    """The school term (as the school census counts terms) that d falls in."""
    if d.month >= 8:
        return SchoolTerm(f"Autumn term {d.year}", date(d.year, 8, 1), date(d.year, 12, 31))
    easter = easter_sunday(d.year)
    if d <= easter:
        return SchoolTerm(f"Spring term {d.year}", date(d.year, 1, 1), easter)
    return SchoolTerm(f"Summer term {d.year}", easter + _ONE_DAY, date(d.year, 7, 31))


def next_school_term(d: date) -> SchoolTerm:
    """The term after the one d falls in."""
    return school_term(school_term(d).last + _ONE_DAY)


# -- Compulsory school age ---------------------------------------------------------------------
# A "young person" in Part 3 of the Children and Families Act 2014 is over compulsory school age
# (s.83(2)). Compulsory school age ends on the school leaving date of the school year in which
# the person turns 16 (Education Act 1996 s.8(3) and (4)); the school leaving date is the last
# Friday in June (Education (School Leaving Date) Order 1997, art 2). A school year runs from
# 1 September to 31 August.


def last_friday_of_june(year: int) -> date:
    """The school leaving date in England for a year (the last Friday in June)."""
    last = date(year, 6, 30)
    return last - timedelta(days=(last.weekday() - 4) % 7)


def compulsory_school_age_ends(date_of_birth: date) -> date:
    """The last day of compulsory school age for someone born on date_of_birth.

    The school leaving date of the school year in which they turn 16: someone whose 16th
    birthday falls from 1 September to 31 December leaves in the following June; anyone else
    in the June of the year they turn 16 (even when the birthday comes later that summer).
    """
    sixteenth_year = date_of_birth.year + 16
    if date_of_birth.month >= 9:
        return last_friday_of_june(sixteenth_year + 1)
    return last_friday_of_june(sixteenth_year)


def is_over_compulsory_school_age(date_of_birth: date, day: date) -> bool:
    """Whether, on day, the person is a young person (compulsory school age ended before it)."""
    return day > compulsory_school_age_ends(date_of_birth)
