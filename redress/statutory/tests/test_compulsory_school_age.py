"""When compulsory school age ends: the last Friday in June of the school year in which a person
turns 16 (Education Act 1996 s.8; Education (School Leaving Date) Order 1997)."""

from __future__ import annotations

from datetime import date

import pytest

from redress.statutory.calendar import (
    compulsory_school_age_ends,
    is_over_compulsory_school_age,
    last_friday_of_june,
)


@pytest.mark.parametrize(
    ("year", "expected"),
    [(2026, date(2026, 6, 26)), (2027, date(2027, 6, 25)), (2028, date(2028, 6, 30))],
)
def test_the_school_leaving_date_is_the_last_friday_in_june(year: int, expected: date) -> None:
    assert last_friday_of_june(year) == expected
    assert expected.weekday() == 4


@pytest.mark.parametrize(
    ("born", "ends"),
    [
        # Turns 16 in the spring: leaves that June.
        (date(2010, 3, 14), date(2026, 6, 26)),
        # Turns 16 on 31 August, after the leaving date: still leaves that June, before 16.
        (date(2010, 8, 31), date(2026, 6, 26)),
        # Turns 16 on 1 September: the youngest of the next school year, leaves the June after.
        (date(2010, 9, 1), date(2027, 6, 25)),
        (date(2010, 12, 31), date(2027, 6, 25)),
        (date(2012, 2, 29), date(2028, 6, 30)),
    ],
)
def test_compulsory_school_age_ends_in_the_school_year_they_turn_16(born: date, ends: date) -> None:
    assert compulsory_school_age_ends(born) == ends


def test_a_young_person_from_the_day_after_the_leaving_date() -> None:
    born = date(2010, 3, 14)
    assert not is_over_compulsory_school_age(born, date(2026, 3, 14))  # 16, still at school age
    assert not is_over_compulsory_school_age(born, date(2026, 6, 26))
    assert is_over_compulsory_school_age(born, date(2026, 6, 27))
