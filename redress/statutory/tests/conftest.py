"""Shared helpers for the independent deadline-engine test suite.

Everything here is written from the contract as docs/deadline-engine.md sets it out.
Expected dates in the tests are worked out by hand; the oracle below (a slow day-by-day walk
over the ``holidays`` package) is used only by the property tests, never by the engine.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

import pytest

D = dt.date.fromisoformat
ONE_DAY = dt.timedelta(days=1)

DEADLINE_KEYS = {
    "rule",
    "ref",
    "kind",
    "due",
    "status",
    "met_on",
    "actor",
    "citation",
    "evidence",
    "explanation",
}


def ev(type_: str, date: str, **fields) -> dict:
    """One input event."""
    return {"type": type_, "date": date, **fields}


def iso_plus(iso: str, days: int) -> str:
    """A trivial +/- n calendar days on an ISO string (used only for 'the day after due')."""
    return (D(iso) + dt.timedelta(days=days)).isoformat()


def run(events, today=None, calendar=None) -> list[dict]:
    from redress.statutory import compute

    doc: dict = {"events": events}
    if today is not None:
        doc["today"] = today
    if calendar is None:
        out = compute(doc)
    else:
        out = compute(doc, calendar=calendar)
    assert isinstance(out, dict) and set(out) == {"deadlines"}, out
    deadlines = out["deadlines"]
    assert isinstance(deadlines, list)
    for d in deadlines:
        assert set(d) == DEADLINE_KEYS, d
    return deadlines


def describe(deadlines) -> list:
    return [(d["rule"], d["ref"], d["due"], d["status"]) for d in deadlines]


def pick(deadlines, rule, ref=None, due=None) -> dict:
    """The single deadline with this rule and ref (and due, when given)."""
    found = [
        d
        for d in deadlines
        if d["rule"] == rule and d["ref"] == ref and (due is None or d["due"] == due)
    ]
    assert len(found) == 1, (
        f"expected exactly one {rule!r} ref={ref!r} due={due!r}; "
        f"got {len(found)} among {describe(deadlines)}"
    )
    return found[0]


def of_rule(deadlines, rule) -> list[dict]:
    return [d for d in deadlines if d["rule"] == rule]


def assert_absent(deadlines, rule):
    found = of_rule(deadlines, rule)
    assert not found, f"{rule} should produce nothing; got {describe(found)}"


# ---------------------------------------------------------------------------
# Independent oracle for the property tests (slow, obvious, day by day).
# ---------------------------------------------------------------------------


@cache
def oracle_holidays() -> frozenset:
    import holidays

    hol = holidays.country_holidays("GB", subdiv="ENG", years=range(1998, 2063))
    return frozenset(hol.keys())


def oracle_is_working_day(d: dt.date) -> bool:
    return d.weekday() < 5 and d not in oracle_holidays()


def oracle_is_tribunal_working_day(d: dt.date) -> bool:
    if d.month == 8:
        return False
    if (d.month == 12 and d.day >= 25) or (d.month == 1 and d.day == 1):
        return False
    return oracle_is_working_day(d)


def oracle_add_working_days(start: dt.date, n: int, pred=oracle_is_working_day) -> dt.date:
    d = start
    while n > 0:
        d += ONE_DAY
        if pred(d):
            n -= 1
    return d


def oracle_working_days_before(end: dt.date, n: int) -> dt.date:
    d = end
    while n > 0:
        d -= ONE_DAY
        if oracle_is_working_day(d):
            n -= 1
    return d


def oracle_add_months(d: dt.date, n: int) -> dt.date:
    import calendar

    m0 = d.month - 1 + n
    y, m = d.year + m0 // 12, m0 % 12 + 1
    last = calendar.monthrange(y, m)[1]
    return dt.date(y, m, min(d.day, last))


# ---------------------------------------------------------------------------
# Fixtures
# ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def cal():
    """The engine's default calendar (default_calendar may be an instance or a factory)."""
    from redress.statutory import WorkingDayCalendar, default_calendar

    if isinstance(default_calendar, WorkingDayCalendar):
        return default_calendar
    c = default_calendar()
    assert isinstance(c, WorkingDayCalendar)
    return c
