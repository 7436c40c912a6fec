"""The periods the performance report groups by: calendar month, school term, academic year and
calendar year. This is the one place that says which months make each period
(docs/decisions/0120-performance-periods.md).

A period is a set of whole calendar months, so grouping needs only a date's year and month, which
the database extracts; nothing here counts days or weeks, and whether a step was in time is the
statutory engine's answer stored on the `Deadline` row.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

BY_CHOICES = (
    ("month", "Month"),
    ("term", "School term"),
    ("academic_year", "Academic year (September to August)"),
    ("calendar_year", "Calendar year"),
)
BY_KEYS = tuple(key for key, _ in BY_CHOICES)

# The three school terms by calendar month: autumn September to December, spring January to
# March (Easter moves, so it is not a boundary), summer April to August (the summer holiday is
# counted with the summer term, so every month belongs to one term).
TERMS = (
    ("autumn", "Autumn term", (9, 10, 11, 12)),
    ("spring", "Spring term", (1, 2, 3)),
    ("summer", "Summer term", (4, 5, 6, 7, 8)),
)
_TERM_OF_MONTH = {month: (key, label, months) for key, label, months in TERMS for month in months}


@dataclass(frozen=True, order=True)
class Period:
    """A period: `key` sorts them in time, `label` names it, `last_day` ends it."""

    key: str
    label: str
    last_day: date


def _academic_start(year: int, month: int) -> int:
    return year if month >= 9 else year - 1


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def period_of(year: int, month: int, by: str) -> Period:
    """The period of `by` that the calendar month `year`-`month` belongs to."""
    if by == "month":
        return Period(f"{year:04d}-{month:02d}", date(year, month, 1).strftime("%B %Y"),
                      _month_end(year, month))  # fmt: skip
    if by == "term":
        start = _academic_start(year, month)
        key, label, months = _TERM_OF_MONTH[month]
        order = [k for k, _, _ in TERMS].index(key)
        last_month = months[-1]
        last_year = start if last_month >= 9 else start + 1
        return Period(
            f"{start:04d}-{order}",
            f"{label} {start}/{(start + 1) % 100:02d}",
            _month_end(last_year, last_month),
        )
    if by == "calendar_year":
        return Period(f"{year:04d}", str(year), date(year, 12, 31))
    start = _academic_start(year, month)
    return Period(f"{start:04d}/{(start + 1) % 100:02d}", f"{start}/{(start + 1) % 100:02d}",
                  date(start + 1, 8, 31))  # fmt: skip


def by_label(by: str) -> str:
    return dict(BY_CHOICES).get(by, "")
