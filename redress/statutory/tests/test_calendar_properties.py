"""Properties of the working-day calendar (hypothesis), an exhaustive comparison with an
independent day-by-day oracle over the holidays package, and bank-holiday overrides."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redress.statutory.tests.conftest import (
    ONE_DAY,
    ev,
    oracle_add_months,
    oracle_add_working_days,
    oracle_holidays,
    oracle_is_tribunal_working_day,
    oracle_is_working_day,
    oracle_working_days_before,
    pick,
    run,
)

LO, HI = dt.date(2000, 1, 1), dt.date(2059, 12, 31)
# Leave room so that results of +-n working days stay inside the holidays table.
dates = st.dates(min_value=dt.date(2000, 3, 1), max_value=dt.date(2059, 9, 30))
counts = st.integers(min_value=1, max_value=60)
small = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(scope="module")
def c():
    from redress.statutory import WorkingDayCalendar, default_calendar

    cal = (
        default_calendar()
        if not isinstance(default_calendar, WorkingDayCalendar)
        else default_calendar
    )
    return cal


# ---------------------------------------------------------------------------
# Exhaustive: every day 2000-2059 against the oracle
# ---------------------------------------------------------------------------


def _all_days():
    d = LO
    while d <= HI:
        yield d
        d += ONE_DAY


def test_is_working_day_matches_holidays_package_2000_2059(c):
    wrong = [d for d in _all_days() if c.is_working_day(d) is not oracle_is_working_day(d)]
    assert not wrong[:20], wrong[:20]


def test_is_tribunal_working_day_2000_2059(c):
    wrong = [
        d
        for d in _all_days()
        if c.is_tribunal_working_day(d) is not oracle_is_tribunal_working_day(d)
    ]
    assert not wrong[:20], wrong[:20]


def test_every_package_holiday_has_a_name(c):
    missing = [d for d in oracle_holidays() if LO <= d <= HI and not c.holiday_name(d)]
    assert not missing[:20]


# ---------------------------------------------------------------------------
# hypothesis: working days
# ---------------------------------------------------------------------------


@small
@given(s=dates, n=counts)
def test_add_working_days_lands_on_a_working_day(c, s, n):
    r = c.add_working_days(s, n)
    assert r > s
    assert oracle_is_working_day(r)
    assert c.is_working_day(r)


@small
@given(s=dates, n=st.integers(min_value=0, max_value=60))
def test_add_working_days_matches_oracle(c, s, n):
    assert c.add_working_days(s, n) == oracle_add_working_days(s, n)


@small
@given(e=dates, n=counts)
def test_working_days_before_matches_oracle(c, e, n):
    r = c.working_days_before(e, n)
    assert r == oracle_working_days_before(e, n)
    assert r < e and c.is_working_day(r)


@small
@given(s=dates, n=counts)
def test_before_after_roundtrip_from_start(c, s, n):
    back = c.working_days_before(c.add_working_days(s, n), n)
    if oracle_is_working_day(s):
        assert back == s
    else:
        expected = s - ONE_DAY
        while not oracle_is_working_day(expected):
            expected -= ONE_DAY
        assert back == expected  # the last working day before s


@small
@given(e=dates, n=counts)
def test_after_before_roundtrip_from_end(c, e, n):
    forth = c.add_working_days(c.working_days_before(e, n), n)
    if oracle_is_working_day(e):
        assert forth == e
    else:
        expected = e + ONE_DAY
        while not oracle_is_working_day(expected):
            expected += ONE_DAY
        assert forth == expected  # the next working day after e


@small
@given(s=dates, n=st.integers(min_value=0, max_value=59))
def test_add_working_days_monotonic(c, s, n):
    assert c.add_working_days(s, n + 1) > c.add_working_days(s, n)


@small
@given(s=dates, n=counts, m=counts)
def test_add_working_days_composes(c, s, n, m):
    assert c.add_working_days(c.add_working_days(s, n), m) == c.add_working_days(s, n + m)


@small
@given(d=dates)
def test_next_working_day_is_strictly_after_and_working(c, d):
    r = c.next_working_day(d)
    assert r > d and oracle_is_working_day(r)
    x = d + ONE_DAY
    while x < r:
        assert not oracle_is_working_day(x)
        x += ONE_DAY


# ---------------------------------------------------------------------------
# hypothesis: tribunal working days
# ---------------------------------------------------------------------------


@small
@given(s=dates, n=counts)
def test_tribunal_working_days_land_on_tribunal_working_days(c, s, n):
    r = c.add_tribunal_working_days(s, n)
    assert r > s
    assert r.month != 8
    assert not ((r.month == 12 and r.day >= 25) or (r.month == 1 and r.day == 1))
    assert oracle_is_working_day(r)
    assert c.is_tribunal_working_day(r)


@small
@given(s=dates, n=st.integers(min_value=0, max_value=59))
def test_tribunal_working_days_monotonic(c, s, n):
    assert c.add_tribunal_working_days(s, n + 1) > c.add_tribunal_working_days(s, n)


@small
@given(s=dates, n=st.integers(min_value=0, max_value=60))
def test_tribunal_working_days_match_oracle(c, s, n):
    assert c.add_tribunal_working_days(s, n) == oracle_add_working_days(
        s, n, oracle_is_tribunal_working_day
    )


@small
@given(s=dates, n=counts)
def test_tribunal_days_never_earlier_than_working_days(c, s, n):
    assert c.add_tribunal_working_days(s, n) >= c.add_working_days(s, n)


# ---------------------------------------------------------------------------
# hypothesis: calendar units
# ---------------------------------------------------------------------------


@small
@given(s=dates, n=st.integers(min_value=0, max_value=600))
def test_add_months_matches_oracle(s, n):
    from redress.statutory.calendar import add_months

    r = add_months(s, n)
    assert r == oracle_add_months(s, n)


@small
@given(s=dates, n=st.integers(min_value=0, max_value=120))
def test_add_months_monotonic(s, n):
    from redress.statutory.calendar import add_months

    assert add_months(s, n + 1) > add_months(s, n)


@small
@given(s=dates, n=st.integers(min_value=0, max_value=60))
def test_add_weeks_same_weekday(s, n):
    from redress.statutory.calendar import add_days, add_weeks

    r = add_weeks(s, n)
    assert r.weekday() == s.weekday()
    assert (r - s).days == 7 * n
    assert add_days(s, 7 * n) == r


# ---------------------------------------------------------------------------
# Bank-holiday overrides
# ---------------------------------------------------------------------------


def test_added_day_is_not_a_working_day():
    from redress.statutory import WorkingDayCalendar

    # Mon 7 Jun 2027: an imaginary newly proclaimed one-off bank holiday.
    cal = WorkingDayCalendar(added=[dt.date(2027, 6, 7)])
    assert cal.is_working_day(dt.date(2027, 6, 7)) is False
    assert cal.is_tribunal_working_day(dt.date(2027, 6, 7)) is False
    assert cal.holiday_name(dt.date(2027, 6, 7))
    # Fri 4 Jun 2027 + 3 working days: Tue 8 (1), Wed 9 (2), Thu 10 (3) with Mon 7 off.
    assert cal.add_working_days(dt.date(2027, 6, 4), 3) == dt.date(2027, 6, 10)
    assert cal.next_working_day(dt.date(2027, 6, 4)) == dt.date(2027, 6, 8)
    # 2 working days before Wed 9 Jun 2027: Tue 8 (1), Mon 7 off, Fri 4 (2).
    assert cal.working_days_before(dt.date(2027, 6, 9), 2) == dt.date(2027, 6, 4)


def test_added_day_shifts_a_deadline():
    from redress.statutory import WorkingDayCalendar

    events = [ev("mediation_declined", "2027-06-04")]
    # Default: Mon 7 (1), Tue 8 (2), Wed 9 Jun 2027 (3).
    assert (
        pick(run(events, today="2027-06-04"), "mediation.certificate_declined")["due"]
        == "2027-06-09"
    )
    cal = WorkingDayCalendar(added=[dt.date(2027, 6, 7)])
    d = pick(run(events, today="2027-06-04", calendar=cal), "mediation.certificate_declined")
    assert d["due"] == "2027-06-10"
    # A tribunal period shifts too: appeal sent Fri 4 Jun 2027, directed response Mon 7 Jun -> Tue 8 Jun.
    events = [
        ev("appeal_sent_to_la", "2027-05-04"),
        ev("response_directed", "2027-05-10", due="2027-06-07"),
    ]
    assert pick(run(events, today="2027-05-10"), "appeal.la_response")["due"] == "2027-06-07"
    d = pick(run(events, today="2027-05-10", calendar=cal), "appeal.la_response")
    assert d["due"] == "2027-06-08"
    assert "r.12(2)" in d["explanation"]


def test_removed_holiday_becomes_a_working_day():
    from redress.statutory import WorkingDayCalendar

    cal = WorkingDayCalendar(removed=[dt.date(2025, 12, 26)])
    assert cal.is_working_day(dt.date(2025, 12, 26)) is True
    assert cal.holiday_name(dt.date(2025, 12, 26)) is None
    assert cal.is_working_day(dt.date(2025, 12, 25)) is False
    # Wed 24 Dec 2025 + 3 working days with Boxing Day worked: Fri 26 (1), Mon 29 (2), Tue 30 (3).
    assert cal.add_working_days(dt.date(2025, 12, 24), 3) == dt.date(2025, 12, 30)
    events = [ev("mediation_requested", "2025-12-24", health=True)]
    assert pick(run(events, today="2025-12-24"), "mediation.notify_health")["due"] == "2025-12-31"
    d = pick(run(events, today="2025-12-24", calendar=cal), "mediation.notify_health")
    assert d["due"] == "2025-12-30"


def test_overrides_do_not_touch_the_default_calendar(c):
    from redress.statutory import WorkingDayCalendar

    WorkingDayCalendar(added=[dt.date(2027, 6, 7)], removed=[dt.date(2025, 12, 26)])
    assert c.is_working_day(dt.date(2027, 6, 7)) is True
    assert c.is_working_day(dt.date(2025, 12, 26)) is False
    assert (
        pick(
            run([ev("mediation_declined", "2027-06-04")], today="2027-06-04"),
            "mediation.certificate_declined",
        )["due"]
        == "2027-06-09"
    )


def test_added_weekend_day_changes_nothing():
    from redress.statutory import WorkingDayCalendar

    # Added on a weekend: no effect on working-day arithmetic. Sat 5 Jun 2027.
    cal = WorkingDayCalendar(added=[dt.date(2027, 6, 5)])
    assert cal.add_working_days(dt.date(2027, 6, 4), 3) == dt.date(2027, 6, 9)


@settings(max_examples=50, deadline=None)
@given(
    extra=st.dates(min_value=dt.date(2001, 1, 1), max_value=dt.date(2058, 12, 31)),
    s=dates,
    n=counts,
)
def test_overrides_agree_with_oracle(extra, s, n):
    from redress.statutory import WorkingDayCalendar

    cal = WorkingDayCalendar(added=[extra])

    def pred(d):
        return d != extra and oracle_is_working_day(d)

    assert cal.add_working_days(s, n) == oracle_add_working_days(s, n, pred)
