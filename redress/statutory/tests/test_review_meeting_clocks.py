"""Rules Redress adds to the contract: the review meeting's notice and advice (regs 20(3)-(4),
21(3)-(4)), the family's 15 days after an amendment notice (reg 22(2)(c)), and a decision to
cease outside a review stopping the annual review clock. Dates worked out by hand."""

from __future__ import annotations

import pytest

from redress.statutory import InputError, compute
from redress.statutory.rules import RULES, is_family_deadline, rule_row

from .conftest import assert_absent, ev, of_rule, pick, run


def _arranged(on: str, meeting: str) -> dict:
    return ev("review_meeting_scheduled", on, meeting_date=meeting)


# -- review.meeting_notice and review.advice_circulated -------------------------------------------


def test_notice_over_christmas_is_not_moved_off_the_holiday():
    # Meeting Fri 8 Jan 2027: 2 weeks before is Fri 25 Dec 2026 (Christmas Day). SEND
    # Regulations periods are not moved for holidays, so invitations sent on Christmas Eve meet
    # it and those sent on 29 December do not.
    events = [_arranged("2026-12-01", "2027-01-08"), ev("review_invitations_sent", "2026-12-24")]
    notice = pick(run(events, today="2026-12-28"), "review.meeting_notice")
    assert notice["due"] == "2026-12-25"
    assert notice["status"] == "met"
    assert notice["kind"] == "by"
    assert notice["citation"] == "SEND Regulations 2014 reg 20(3); reg 21(3)"
    assert notice["evidence"] == "primary"
    assert "2 weeks before the meeting on Fri 8 Jan 2027" in notice["explanation"]

    late = [_arranged("2026-12-01", "2027-01-08"), ev("review_invitations_sent", "2026-12-29")]
    assert pick(run(late, today="2027-01-04"), "review.meeting_notice")["status"] == "late"


def test_advice_over_easter_is_due_on_good_friday():
    # Meeting Fri 9 Apr 2027: 2 weeks before is Fri 26 Mar 2027 (Good Friday is 26 Mar 2027).
    events = [_arranged("2027-02-15", "2027-04-09")]
    out = run(events, today="2027-03-25")
    advice = pick(out, "review.advice_circulated")
    assert (advice["due"], advice["status"]) == ("2027-03-26", "pending")
    assert advice["citation"] == "SEND Regulations 2014 reg 20(2), (4); reg 21(2), (4)"
    assert pick(run(events, today="2027-03-27"), "review.advice_circulated")["status"] == (
        "overdue"
    )


def test_advice_circulated_stops_only_its_own_clock():
    events = [
        _arranged("2027-07-01", "2027-09-03"),  # a meeting straight after the August holiday
        ev("review_advice_circulated", "2027-08-20"),
    ]
    out = run(events, today="2027-08-25")
    assert pick(out, "review.advice_circulated")["status"] == "met"
    notice = pick(out, "review.meeting_notice")
    assert (notice["due"], notice["status"]) == ("2027-08-20", "overdue")


def test_meeting_arranged_less_than_two_weeks_ahead_is_already_overdue():
    events = [_arranged("2026-12-01", "2026-12-10")]
    notice = pick(run(events, today="2026-12-01"), "review.meeting_notice")
    assert (notice["due"], notice["status"]) == ("2026-11-26", "overdue")


def test_rearranged_meeting_replaces_the_earlier_notice():
    events = [
        _arranged("2027-01-04", "2027-02-26"),
        _arranged("2027-02-01", "2027-03-12"),  # moved before the first date came
        ev("review_invitations_sent", "2027-02-02"),
    ]
    out = run(events, today="2027-02-10")
    notices = of_rule(out, "review.meeting_notice")
    assert [(d["due"], d["status"]) for d in notices] == [("2027-02-26", "met")]


def test_next_years_meeting_opens_its_own_clocks():
    events = [
        _arranged("2026-01-05", "2026-02-27"),
        ev("review_invitations_sent", "2026-01-06"),
        _arranged("2027-01-04", "2027-02-26"),
    ]
    out = run(events, today="2027-01-10")
    notices = of_rule(out, "review.meeting_notice")
    assert [(d["due"], d["status"]) for d in notices] == [
        ("2026-02-13", "met"),
        ("2027-02-12", "pending"),
    ]


def test_meeting_date_before_it_was_arranged_is_refused():
    with pytest.raises(InputError) as caught:
        compute({"events": [_arranged("2027-03-01", "2027-02-26")]})
    assert caught.value.problems == [
        "event 1 (review_meeting_scheduled): the meeting date is before the day it was scheduled"
    ]


def test_meeting_date_is_required():
    with pytest.raises(InputError) as caught:
        compute({"events": [ev("review_meeting_scheduled", "2027-03-01")]})
    assert caught.value.problems == ["event 1 (review_meeting_scheduled): missing 'meeting_date'"]


# -- review.amendment_representations ---------------------------------------------------------------


def test_fifteen_days_after_an_amendment_notice_served_on_christmas_eve():
    # Served Thu 24 Dec 2026: the 15 days are 24 Dec to 7 Jan; the amended plan may be issued
    # from Fri 8 Jan 2027.
    notice = [ev("amendment_notice_issued", "2026-12-24")]
    pending = pick(run(notice, today="2027-01-02"), "review.amendment_representations")
    assert (pending["due"], pending["status"], pending["kind"]) == (
        "2027-01-08",
        "pending",
        "not_before",
    )
    assert pending["citation"] == "SEND Regulations 2014 reg 22(2)(c)"
    assert (
        "run to Thu 7 Jan 2027, so the amended plan may be issued from Fri 8 Jan 2027"
        in (pending["explanation"])
    )
    too_soon = notice + [ev("amended_plan_issued", "2027-01-07")]
    assert pick(run(too_soon), "review.amendment_representations")["status"] == "breached"
    on_time = notice + [ev("amended_plan_issued", "2027-01-08")]
    out = run(on_time)
    assert pick(out, "review.amendment_representations")["status"] == "ok"
    assert pick(out, "review.amended_plan")["status"] == "met"


def test_a_second_notice_restarts_the_fifteen_days():
    events = [
        ev("amendment_notice_issued", "2027-03-01"),
        ev("amendment_notice_issued", "2027-03-20"),
        ev("amended_plan_issued", "2027-03-30"),
    ]
    rows = of_rule(run(events), "review.amendment_representations")
    assert [(d["due"], d["status"]) for d in rows] == [
        ("2027-03-16", "pending"),
        ("2027-04-04", "breached"),
    ]


def test_the_fifteen_days_are_the_familys_window():
    assert is_family_deadline("review.amendment_representations", "local_authority")
    assert not is_family_deadline("review.meeting_notice", "local_authority")


# -- A decision to cease outside a review stops the annual review clock ----------------------------


def test_cessation_outside_a_review_stops_the_annual_review():
    events = [
        ev("final_plan_issued", "2026-02-28"),
        ev("cessation_decided", "2026-08-31"),
    ]
    assert_absent(run(events, today="2027-03-15"), "review.annual")


def test_cessation_before_the_latest_plan_does_not_stop_its_review():
    events = [
        ev("final_plan_issued", "2025-01-31"),
        ev("cessation_decided", "2025-06-02"),
        ev("final_plan_issued", "2026-01-30"),  # a new plan after the first one ceased
    ]
    # A new plan first made Fri 30 Jan 2026: its 12 months end Fri 29 Jan 2027.
    annual = pick(run(events, today="2026-02-01"), "review.annual")
    assert (annual["due"], annual["status"]) == ("2027-01-29", "pending")


def test_appeal_upheld_restarts_the_annual_review_from_the_last_review():
    # The review decided to cease on Mon 31 Aug 2026; the Tribunal ordered the plan to be
    # maintained. The next review is due within the 12 months starting with that review
    # decision: by Mon 30 Aug 2027.
    events = [
        ev("final_plan_issued", "2025-09-01"),
        ev("review_meeting_held", "2026-08-10"),
        ev("review_decision", "2026-08-31", decision="cease"),
        ev("tribunal_order", "2027-01-15", order="continue"),
    ]
    out = run(events, today="2027-02-01")
    annual = [d for d in of_rule(out, "review.annual") if d["met_on"] is None]
    assert [(d["due"], d["status"]) for d in annual] == [("2027-08-30", "pending")]
    without_order = events[:-1]
    assert [d for d in of_rule(run(without_order), "review.annual") if d["met_on"] is None] == []


def test_unopposed_cessation_appeal_restarts_the_review_after_a_cessation_outside_review():
    events = [
        ev("final_plan_issued", "2026-01-30"),
        ev("cessation_decided", "2026-03-02"),
        ev("appeal_unopposed", "2026-06-01", order="continue"),
    ]
    # The 12 months starting with Fri 30 Jan 2026 end Fri 29 Jan 2027.
    annual = pick(run(events, today="2026-06-02"), "review.annual")
    assert (annual["due"], annual["status"]) == ("2027-01-29", "pending")


def test_new_rules_are_in_the_catalogue_with_their_evidence():
    for rule_id in (
        "review.meeting_notice",
        "review.advice_circulated",
        "review.amendment_representations",
    ):
        row = rule_row(rule_id)
        assert row.evidence == "primary"
        assert "Added to the contract" in row.notes
        assert row.extension
    others = {"plan.institution_consultation"}  # docs/decisions/0106
    assert not any(
        r.extension for r in RULES if not r.id.startswith("review.") and r.id not in others
    )
    assert not rule_row("review.annual").extension


def test_command_line_reads_the_new_events():
    import io
    import json

    from redress.statutory.cli import main

    document = {
        "today": "2026-12-01",
        "events": [
            _arranged("2026-11-02", "2026-12-04"),
            ev("review_invitations_sent", "2026-11-03"),
            ev("amendment_notice_issued", "2026-11-30"),
        ],
    }
    out, err = io.StringIO(), io.StringIO()
    code = main(["-"], stdin=io.StringIO(json.dumps(document)), stdout=out, stderr=err)
    assert (code, err.getvalue()) == (0, "")
    rows = {d["rule"]: (d["due"], d["status"]) for d in json.loads(out.getvalue())["deadlines"]}
    assert rows["review.meeting_notice"] == ("2026-11-20", "met")
    assert rows["review.advice_circulated"] == ("2026-11-20", "overdue")
    assert rows["review.amendment_representations"] == ("2026-12-15", "pending")
