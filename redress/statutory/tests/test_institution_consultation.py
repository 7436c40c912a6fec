"""A rule Redress adds to the contract: the school or college consulted about being named in a
plan (CFA 2014 s.39(2)) replies within the Code of Practice's 15 days. Dates worked out by hand:
calendar days, the consultation day is day 0, never moved for a holiday."""

from __future__ import annotations

import pytest

from redress.statutory import InputError, compute
from redress.statutory.rules import rule_row

from .conftest import assert_absent, ev, of_rule, pick, run

RULE = "plan.institution_consultation"


def _consulted(on: str, ref: str = "consultation-1") -> dict:
    return ev("institution_consulted", on, ref=ref)


def test_a_consultation_before_christmas_is_due_on_new_years_day_not_moved():
    # Thu 17 Dec 2026 + 15 days: 31 Dec is +14, so Fri 1 Jan 2027 (a bank holiday, not moved).
    row = pick(run([_consulted("2026-12-17")], today="2026-12-30"), RULE, ref="consultation-1")
    assert (row["due"], row["status"], row["kind"]) == ("2027-01-01", "pending", "by")
    assert row["actor"] == "institution"
    assert row["evidence"] == "unverified"
    assert row["citation"].startswith("Children and Families Act 2014 s.39(2)")
    assert row["ref"] == "consultation-1"
    assert "15 days from" in row["explanation"]


def test_a_consultation_in_february_of_a_leap_year_is_due_on_the_29th():
    # Mon 14 Feb 2028 + 15 days: 28 Feb is +14, Tue 29 Feb 2028 is +15.
    row = pick(run([_consulted("2028-02-14")], today="2028-03-01"), RULE, ref="consultation-1")
    assert (row["due"], row["status"]) == ("2028-02-29", "overdue")


def test_the_reply_with_the_same_ref_stops_only_its_own_clock():
    events = [
        _consulted("2027-01-29", "consultation-1"),
        _consulted("2027-02-01", "consultation-2"),
        ev("institution_responded", "2027-02-13", ref="consultation-1"),
    ]
    out = run(events, today="2027-02-20")
    first, second = pick(out, RULE, ref="consultation-1"), pick(out, RULE, ref="consultation-2")
    # Fri 29 Jan + 15 = Sat 13 Feb 2027 (met on the day); Mon 1 Feb + 15 = Tue 16 Feb, overdue.
    assert (first["due"], first["status"], first["met_on"]) == ("2027-02-13", "met", "2027-02-13")
    assert (second["due"], second["status"]) == ("2027-02-16", "overdue")
    assert len(of_rule(out, RULE)) == 2


def test_a_reply_naming_no_consultation_or_before_it_is_refused():
    with pytest.raises(InputError) as unknown:
        compute({"events": [ev("institution_responded", "2027-02-01", ref="nobody")]})
    assert "stops a clock that no institution_consulted event starts" in str(unknown.value)
    with pytest.raises(InputError) as early:
        compute({"events": [
            _consulted("2027-02-01"), ev("institution_responded", "2027-01-30", ref="consultation-1"),
        ]})  # fmt: skip
    assert "before institution_consulted" in str(early.value)


def test_no_consultation_no_reminder_and_the_rule_says_it_is_guidance():
    assert_absent(run([ev("draft_plan_issued", "2027-01-04")], today="2027-01-05"), RULE)
    row = rule_row(RULE)
    assert row.extension and "Added to the contract" in row.notes
    assert "not a time limit" in row.caveat
