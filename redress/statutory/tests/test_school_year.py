"""The school year and the national curriculum year group by date of birth, at the awkward dates:
a birthday on 31 August or 1 September, 29 February, and the turn of the school year."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from redress.statutory.school_year import (
    SCHOOL_YEAR,
    born_in_year_group,
    national_curriculum_year,
    next_school_year,
    school_year_last_day,
    school_year_start,
)


def _age_on(day: date, date_of_birth: date) -> int:
    return (
        day.year
        - date_of_birth.year
        - ((day.month, day.day) < (date_of_birth.month, date_of_birth.day))
    )


def _by_age_on_31_august(date_of_birth: date, on: date) -> int:
    """The rule as docs/plans.md states it: the age on the 31 August before the school year,
    minus 4 (worked out by counting birthdays, not by the code under test)."""
    start_year = on.year if on.month >= 9 else on.year - 1
    return _age_on(date(start_year, 8, 31), date_of_birth) - 4


def test_national_curriculum_year_follows_the_school_year_starting_1_september() -> None:
    assert national_curriculum_year(date(2016, 5, 17), date(2026, 11, 29)) == 6
    assert national_curriculum_year(date(2016, 9, 1), date(2026, 11, 29)) == 5
    assert national_curriculum_year(date(2016, 8, 31), date(2026, 11, 29)) == 6
    assert national_curriculum_year(date(2012, 10, 1), date(2026, 8, 31)) == 8
    assert national_curriculum_year(date(2012, 10, 1), date(2026, 9, 1)) == 9


def test_born_in_year_group_turns_the_year_group_round() -> None:
    for year in (-1, 0, 2, 6, 11, 13):
        first, last = born_in_year_group(year, date(2027, 1, 1))
        assert national_curriculum_year(first, date(2027, 1, 1)) == year
        assert national_curriculum_year(last, date(2027, 1, 1)) == year
        assert national_curriculum_year(first - timedelta(days=1), date(2027, 1, 1)) == year + 1
        assert national_curriculum_year(last + timedelta(days=1), date(2027, 1, 1)) == year - 1


@pytest.mark.parametrize(
    ("on", "start"),
    [
        (date(2026, 8, 31), date(2025, 9, 1)),
        (date(2026, 9, 1), date(2026, 9, 1)),
        (date(2026, 12, 31), date(2026, 9, 1)),
        (date(2027, 1, 1), date(2026, 9, 1)),
        (date(2028, 2, 29), date(2027, 9, 1)),
    ],
)
def test_the_school_year_starts_on_1_september(on: date, start: date) -> None:
    assert school_year_start(on) == start
    assert next_school_year(on) == start.year + 1
    assert school_year_last_day(on) == date(start.year + 1, 8, 31)


def test_a_child_born_on_31_august_is_a_year_ahead_of_one_born_the_next_day() -> None:
    on = date(2026, 10, 1)
    assert national_curriculum_year(date(2022, 8, 31), on) == 0  # reception: turns 5 this year
    assert national_curriculum_year(date(2022, 9, 1), on) == -1  # turns 5 next school year
    assert national_curriculum_year(date(2012, 8, 31), on) == 10
    assert national_curriculum_year(date(2012, 9, 1), on) == 9


def test_the_year_group_moves_up_on_1_september_and_not_on_new_year() -> None:
    born = date(2016, 3, 10)
    assert national_curriculum_year(born, date(2026, 8, 31)) == 5
    assert national_curriculum_year(born, date(2026, 9, 1)) == 6
    assert national_curriculum_year(born, date(2026, 12, 31)) == 6
    assert national_curriculum_year(born, date(2027, 1, 1)) == 6
    assert national_curriculum_year(born, date(2027, 8, 31)) == 6


def test_a_child_born_on_29_february_is_with_the_others_born_that_spring() -> None:
    leap = date(2020, 2, 29)
    # They turn 5 in the school year 2024/25, with everyone born September 2019 to August 2020.
    assert national_curriculum_year(leap, date(2024, 8, 31)) == -1
    assert national_curriculum_year(leap, date(2024, 9, 1)) == 0
    assert national_curriculum_year(leap, date(2025, 2, 28)) == 0
    assert national_curriculum_year(leap, date(2025, 3, 1)) == 0
    assert national_curriculum_year(leap, date(2028, 2, 29)) == 3
    assert national_curriculum_year(leap, on=date(2024, 9, 1)) == national_curriculum_year(
        date(2020, 3, 1), date(2024, 9, 1)
    )
    first, last = born_in_year_group(0, date(2025, 2, 28))
    assert (first, last) == (date(2019, 9, 1), date(2020, 8, 31))
    assert first <= leap <= last


def test_the_year_group_range_always_runs_1_september_to_31_august() -> None:
    for on in (date(2024, 2, 29), date(2026, 8, 31), date(2026, 9, 1), date(2031, 1, 1)):
        for year in range(-2, 20):
            first, last = born_in_year_group(year, on)
            assert (first.month, first.day) == SCHOOL_YEAR.starts
            assert (last.month, last.day) == (8, 31)
            assert last.year == first.year + 1


def test_every_birthday_over_eight_years_agrees_with_counting_birthdays() -> None:
    days = [date(2012, 1, 1) + timedelta(days=n) for n in range(366 * 8)]
    for on in (date(2026, 8, 31), date(2026, 9, 1), date(2027, 2, 28), date(2028, 2, 29)):
        for born in days:
            year = national_curriculum_year(born, on)
            assert year == _by_age_on_31_august(born, on), (born, on)
            first, last = born_in_year_group(year, on)
            assert first <= born <= last, (born, on)


def test_the_rules_say_where_they_come_from() -> None:
    citations = " ".join(source.citation for source in SCHOOL_YEAR.sources)
    assert "Education Act 1996 s.8" in citations
    assert "s.579(1)" in citations
    assert all(s.evidence in ("primary", "secondary", "unverified") for s in SCHOOL_YEAR.sources)
