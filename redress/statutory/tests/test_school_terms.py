"""Terms as the school census counts them: the caseload's "reviews due next term"."""

from __future__ import annotations

from datetime import date

import pytest

from redress.statutory.calendar import easter_sunday, next_school_term, school_term


@pytest.mark.parametrize(
    ("year", "easter"),
    [(2024, date(2024, 3, 31)), (2025, date(2025, 4, 20)), (2026, date(2026, 4, 5)),
     (2027, date(2027, 3, 28)), (2038, date(2038, 4, 25))],
)  # fmt: skip
def test_easter_sunday(year: int, easter: date) -> None:
    assert easter_sunday(year) == easter


def test_the_terms_of_a_school_year() -> None:
    assert school_term(date(2026, 11, 25)) == (
        "Autumn term 2026",
        date(2026, 8, 1),
        date(2026, 12, 31),
    )
    assert school_term(date(2027, 3, 28)).name == "Spring term 2027"  # Easter Sunday
    assert school_term(date(2027, 3, 29)) == (
        "Summer term 2027",
        date(2027, 3, 29),
        date(2027, 7, 31),
    )
    assert school_term(date(2027, 7, 31)).name == "Summer term 2027"
    assert school_term(date(2027, 8, 1)).name == "Autumn term 2027"


def test_the_next_term() -> None:
    assert next_school_term(date(2026, 11, 25)) == (
        "Spring term 2027",
        date(2027, 1, 1),
        date(2027, 3, 28),
    )
    assert next_school_term(date(2027, 2, 1)).first == date(2027, 3, 29)
    assert next_school_term(date(2027, 5, 1)) == (
        "Autumn term 2027",
        date(2027, 8, 1),
        date(2027, 12, 31),
    )


def test_a_week_ends_on_its_sunday_across_a_month_and_a_year_end() -> None:
    from redress.statutory.calendar import end_of_week

    assert end_of_week(date(2026, 12, 28)) == date(2027, 1, 3)  # a Monday: the next Sunday
    assert end_of_week(date(2027, 1, 3)) == date(2027, 1, 3)  # a Sunday ends its own week
    assert end_of_week(date(2028, 2, 26)) == date(2028, 2, 27)  # a leap-year February
