"""The periods the performance report groups by: calendar month, school term, academic year and
calendar year (docs/decisions/0120-performance-periods.md).

Months and years need only a date's year and month, which the database extracts. A school term
is the school census term, the same the caseload's "reviews due next term" uses, as the
statutory calendar defines it (`school_term`, decision 0117): its spring term ends on Easter
Sunday, so terms are grouped by the day. Whether a step was in time is the statutory engine's
answer stored on the `Deadline` row.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from redress.statutory.calendar import school_term
from redress.statutory.school_year import school_year_last_day, school_year_start

BY_CHOICES = (
    ("month", "Month"),
    ("term", "School term"),
    ("academic_year", "Academic year (September to August)"),
    ("calendar_year", "Calendar year"),
)
BY_KEYS = tuple(key for key, _ in BY_CHOICES)


@dataclass(frozen=True, order=True)
class Period:
    """A period: `key` sorts them in time, `label` names it, `last_day` ends it."""

    key: str
    label: str
    last_day: date


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def period_of(day: date, by: str) -> Period:
    """The period of `by` that `day` falls in (a school term as the statutory calendar has it)."""
    year, month = day.year, day.month
    if by == "month":
        return Period(f"{year:04d}-{month:02d}", day.strftime("%B %Y"), _month_end(year, month))
    if by == "term":
        term = school_term(day)
        return Period(term.first.isoformat(), term.name, term.last)
    if by == "calendar_year":
        return Period(f"{year:04d}", str(year), date(year, 12, 31))
    start = school_year_start(day).year
    return Period(f"{start:04d}/{(start + 1) % 100:02d}", f"{start}/{(start + 1) % 100:02d}",
                  school_year_last_day(day))  # fmt: skip


def term_of(day: date) -> Period:
    """The school census term that `day` falls in."""
    return period_of(day, "term")


def by_label(by: str) -> str:
    return dict(BY_CHOICES).get(by, "")
