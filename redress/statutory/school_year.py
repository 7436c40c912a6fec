"""School years and national curriculum year groups in England, by date of birth.

A child's year group is worked out from their age, as schools and the school census place
children: the school year starts on 1 September, and a child is in reception in the school year
in which they turn 5, year 1 in the next, and so on. The rules and their sources are data
(`SCHOOL_YEAR`); the functions only read them. A child taught out of their age group is recorded
on the plan, not here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from redress.statutory.rules import Evidence


@dataclass(frozen=True)
class Source:
    """A statement Redress relies on, where it comes from, and how well that was checked (as in
    the rule catalogue: `primary`, the legislation's own text; `secondary`, a reputable source
    quoting it; `unverified`, neither)."""

    statement: str
    citation: str
    evidence: Evidence


@dataclass(frozen=True)
class SchoolYearRules:
    starts: tuple[int, int]  # (month, day) of the first day of every school year
    reception_turns: int  # the age a child reaches during their reception year
    sources: tuple[Source, ...]


SCHOOL_YEAR = SchoolYearRules(
    starts=(9, 1),
    reception_turns=5,
    sources=(
        Source(
            statement=(
                "The school year begins with the first term to begin after July; in England it "
                "is counted from 1 September to 31 August."
            ),
            citation="Education Act 1996 s.579(1) ('school year'); 1 September by convention",
            evidence="secondary",
        ),
        Source(
            statement=(
                "A child reaches compulsory school age in the term after their fifth birthday "
                "and is placed with the children who turn 5 in the same school year: reception "
                "is the school year in which they turn 5, year 1 the next."
            ),
            citation=(
                "Education Act 1996 s.8 (compulsory school age); DfE school census guidance "
                "(national curriculum year group by age on 31 August)"
            ),
            evidence="secondary",
        ),
    ),
)


def _school_year_of(year: int, month: int, day: int) -> int:
    """The calendar year in which the school year holding this day began."""
    return year if (month, day) >= SCHOOL_YEAR.starts else year - 1


def school_year_start(on: date) -> date:
    """The first day of the school year `on` falls in (the 1 September on or before it)."""
    return date(_school_year_of(on.year, on.month, on.day), *SCHOOL_YEAR.starts)


def national_curriculum_year(date_of_birth: date, on: date) -> int:
    """The child's national curriculum year group on `on`, by age.

    Reception is 0 (the school year in which they turn 5); negative numbers are early years;
    12 and 13 are the sixth-form years; higher numbers are young people beyond school age (up
    to 25). Month and day are compared, not dates built, so 29 February needs no special case:
    it falls before 1 September in every year."""
    turns_reception_age = _school_year_of(
        date_of_birth.year + SCHOOL_YEAR.reception_turns, date_of_birth.month, date_of_birth.day
    )
    return _school_year_of(on.year, on.month, on.day) - turns_reception_age


def school_year_last_day(on: date) -> date:
    """The last day of the school year `on` falls in (the 31 August after it)."""
    following = date(_school_year_of(on.year, on.month, on.day) + 1, *SCHOOL_YEAR.starts)
    return following - timedelta(days=1)


def born_in_year_group(nc_year: int, on: date) -> tuple[date, date]:
    """The first and last dates of birth of the children in year group `nc_year` on `on`, by
    age (`national_curriculum_year` turned round, so a list can be filtered in the database)."""
    reception_began = school_year_start(on).year - nc_year
    first_born = reception_began - SCHOOL_YEAR.reception_turns
    first = date(first_born, *SCHOOL_YEAR.starts)
    return first, date(first_born + 1, *SCHOOL_YEAR.starts) - timedelta(days=1)


def next_school_year(on: date) -> int:
    """The calendar year in which the school year after the one `on` falls in begins (the
    September a phase transfer this school year moves the child in)."""
    return school_year_start(on).year + 1


__all__ = [
    "SCHOOL_YEAR",
    "SchoolYearRules",
    "Source",
    "born_in_year_group",
    "national_curriculum_year",
    "next_school_year",
    "school_year_start",
]
