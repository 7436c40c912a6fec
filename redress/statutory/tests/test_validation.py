"""Validation (contract §2 and docs "Validation beyond the contract's list"): every bad input is
rejected with InputError, one problem per fault, each naming the event's 1-based position, and
nothing is computed."""

from __future__ import annotations

import pytest

from redress.statutory.tests.conftest import ev

GOOD = [
    ev("assessment_requested", "2025-09-03"),
    ev("assessment_decision", "2025-10-08", decision="assess"),
]


def problems_of(document) -> list[str]:
    from redress.statutory import InputError, compute

    with pytest.raises(InputError) as info:
        compute(document)
    problems = info.value.problems
    assert isinstance(problems, list) and problems
    for p in problems:
        assert isinstance(p, str) and p.strip()
        assert "\n" not in p, p
    return problems


def one_bad(event, position=3):
    """Put `event` at `position` (1-based) after good events; return the problems."""
    events = list(GOOD)
    while len(events) < position - 1:
        events.append(ev("review_meeting_held", "2025-01-06"))
    events.insert(position - 1, event)
    return problems_of({"today": "2026-01-01", "events": events})


def assert_names_event(problems, position):
    assert any(f"event {position}" in p for p in problems), problems


# ---------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "bad",
    ["2026-02-30", "2025-02-29", "2025-13-01", "2025-04-31", "2025-00-10"],
)
def test_impossible_date(bad):
    p = one_bad(ev("advice_requested", bad, ref="h", advice="health"))
    assert_names_event(p, 3)
    assert any(bad in x for x in p), p


@pytest.mark.parametrize(
    "bad",
    ["03/09/2025", "2025-9-3", "2025/09/03", "yesterday", "", "2025-09-03T10:00:00", " 2025-09-03"],
)
def test_malformed_date(bad):
    p = one_bad(ev("assessment_requested", bad), position=1)
    assert_names_event(p, 1)


@pytest.mark.parametrize("bad", [20250903, None, ["2025-09-03"], 2025.0])
def test_date_of_wrong_type(bad):
    p = one_bad({"type": "assessment_requested", "date": bad}, position=1)
    assert_names_event(p, 1)


def test_missing_date():
    p = one_bad({"type": "assessment_requested"}, position=1)
    assert_names_event(p, 1)
    assert any("date" in x for x in p), p


def test_impossible_today():
    p = problems_of({"today": "2026-02-30", "events": GOOD})
    assert any("today" in x for x in p), p


def test_malformed_today():
    p = problems_of({"today": "2 March 2026", "events": GOOD})
    assert any("today" in x for x in p), p


def test_impossible_meeting_date():
    p = one_bad(ev("mediation_scheduled", "2025-11-01", meeting_date="2025-11-31"))
    assert_names_event(p, 3)


def test_impossible_directed_due():
    p = problems_of(
        {
            "today": "2026-01-01",
            "events": [
                ev("appeal_sent_to_la", "2025-10-01"),
                ev("response_directed", "2025-11-01", due="2026-02-29"),
            ],
        }
    )
    assert_names_event(p, 2)


# ---------------------------------------------------------------------------
# Types and fields
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["assesment_requested", "appeal", "ASSESSMENT_REQUESTED", ""])
def test_unknown_event_type(bad):
    p = one_bad(ev(bad, "2025-10-20"))
    assert_names_event(p, 3)


def test_missing_type():
    p = one_bad({"date": "2025-10-20"})
    assert_names_event(p, 3)


@pytest.mark.parametrize(
    "event,field",
    [
        (ev("assessment_decision", "2025-10-08"), "decision"),
        (ev("advice_requested", "2025-10-20", advice="health"), "ref"),
        (ev("advice_requested", "2025-10-20", ref="h"), "advice"),
        (ev("advice_received", "2025-10-20"), "ref"),
        (ev("plan_decision", "2025-12-01"), "decision"),
        (ev("review_decision", "2025-12-01"), "decision"),
        (ev("phase_transfer_due", "2025-09-01", year=2026), "transfer"),
        (ev("phase_transfer_due", "2025-09-01", transfer="school"), "year"),
        (ev("mediation_scheduled", "2025-10-20"), "meeting_date"),
        (ev("mediation_agreement", "2025-10-20"), "actions"),
        (ev("response_directed", "2025-10-20"), "due"),
        (ev("tribunal_order", "2025-10-20"), "order"),
        (ev("appeal_unopposed", "2025-10-20"), "order"),
        (ev("order_step_done", "2025-10-20"), "step"),
        (ev("recommendations_made", "2025-10-20", body="health"), "ref"),
        (ev("recommendations_made", "2025-10-20", ref="r"), "body"),
        (ev("recommendation_response_sent", "2025-10-20"), "ref"),
        (ev("agreement_action_done", "2025-10-20"), "ref"),
        (ev("exception_recorded", "2025-10-20", ground="reg_5_4_c"), "rule"),
        (ev("exception_recorded", "2025-10-20", rule="assessment.decision"), "ground"),
    ],
)
def test_missing_required_field(event, field):
    p = one_bad(event)
    assert_names_event(p, 3)
    assert any(field in x for x in p), p


@pytest.mark.parametrize(
    "event,value",
    [
        (ev("assessment_decision", "2025-10-08", decision="maybe"), "maybe"),
        (ev("plan_decision", "2025-12-01", decision="assess"), "assess"),
        (ev("advice_requested", "2025-10-20", ref="h", advice="dental"), "dental"),
        (ev("review_decision", "2025-12-01", decision="keep"), "keep"),
        (ev("phase_transfer_due", "2025-09-01", transfer="college", year=2026), "college"),
        (ev("tribunal_order", "2025-10-20", order="reassess"), "reassess"),
        (ev("appeal_unopposed", "2025-10-20", order="cease"), "cease"),
        (ev("order_step_done", "2025-10-20", step="review"), "review"),
        (ev("recommendations_made", "2025-10-20", ref="r", body="education"), "education"),
        # The message for a bad action kind need only name the field; see the test below.
        (
            ev("mediation_agreement", "2025-10-20", actions=[{"ref": "a", "kind": "apologise"}]),
            "kind",
        ),
        (
            ev("exception_recorded", "2025-10-20", rule="no.such.rule", ground="reg_5_4_c"),
            "no.such.rule",
        ),
    ],
)
def test_bad_enum_value(event, value):
    p = one_bad(event)
    assert_names_event(p, 3)
    assert any(value in x for x in p), p


@pytest.mark.parametrize(
    "event",
    [
        ev("decision_notice_sent", "2025-10-20", certificate_required="yes"),
        ev("mediation_requested", "2025-10-20", health="true"),
        ev("mediation_requested", "2025-10-20", health_only=1),
        ev(
            "mediation_agreement",
            "2025-10-20",
            la_party="false",
            actions=[{"ref": "a", "kind": "other"}],
        ),
    ],
)
def test_optional_booleans_must_be_booleans(event):
    p = one_bad(event)
    assert_names_event(p, 3)


@pytest.mark.parametrize(
    "actions",
    [
        "assess",
        [{"kind": "assess"}],  # missing ref
        [{"ref": "a"}],  # missing kind
        [{"ref": "a", "kind": "assess"}, {"ref": "a", "kind": "other"}],  # duplicate ref
        [{"ref": "a", "kind": "assess", "agreed_due": "2025-10-19"}],  # before the agreement
        [{"ref": "a", "kind": "assess", "agreed_due": "2025-11-31"}],  # impossible
    ],
)
def test_bad_agreement_actions(actions):
    p = one_bad(ev("mediation_agreement", "2025-10-20", actions=actions))
    assert_names_event(p, 3)


@pytest.mark.parametrize("year", ["2026x", None, 20.5])
def test_bad_phase_transfer_year(year):
    p = one_bad(ev("phase_transfer_due", "2025-09-01", transfer="school", year=year))
    assert_names_event(p, 3)


# ---------------------------------------------------------------------------
# Refs and ordering constraints
# ---------------------------------------------------------------------------


def test_ref_stops_a_clock_never_started():
    p = one_bad(ev("advice_received", "2025-11-20", ref="health"))
    assert_names_event(p, 3)
    assert any("health" in x for x in p), p


def test_ref_stops_a_clock_of_a_different_ref():
    events = GOOD + [
        ev("advice_requested", "2025-10-20", ref="health", advice="health"),
        ev("advice_received", "2025-11-20", ref="ep"),
    ]
    p = problems_of({"today": "2026-01-01", "events": events})
    assert_names_event(p, 4)


@pytest.mark.parametrize(
    "start,stop",
    [
        (
            ev("recommendations_made", "2026-03-02", ref="r1", body="health"),
            ev("recommendation_response_sent", "2026-03-03", ref="r9"),
        ),
        (
            ev("mediation_agreement", "2026-03-02", actions=[{"ref": "a1", "kind": "other"}]),
            ev("agreement_action_done", "2026-03-03", ref="a9"),
        ),
    ],
)
def test_unmatched_stop_refs_for_other_rules(start, stop):
    p = problems_of({"today": "2026-04-01", "events": [start, stop]})
    assert_names_event(p, 2)


def test_stop_ref_dated_before_its_start():
    events = GOOD + [
        ev("advice_requested", "2025-10-20", ref="health", advice="health"),
        ev("advice_received", "2025-10-10", ref="health"),
    ]
    p = problems_of({"today": "2026-01-01", "events": events})
    assert_names_event(p, 4)


def test_stop_ref_dated_before_its_start_listed_first():
    # Order does not matter: the stop event is listed before its start.
    events = [
        ev("recommendation_response_sent", "2026-03-01", ref="r1"),
        ev("recommendations_made", "2026-03-02", ref="r1", body="health"),
    ]
    p = problems_of({"today": "2026-04-01", "events": events})
    assert_names_event(p, 1)


def test_start_ref_used_twice():
    events = GOOD + [
        ev("advice_requested", "2025-10-20", ref="health", advice="health"),
        ev("advice_requested", "2025-10-22", ref="health", advice="health"),
    ]
    p = problems_of({"today": "2026-01-01", "events": events})
    assert any("event 4" in x for x in p), p


def test_meeting_date_before_scheduling():
    p = one_bad(ev("mediation_scheduled", "2025-11-10", meeting_date="2025-11-07"))
    assert_names_event(p, 3)


def test_directed_date_before_direction():
    events = [
        ev("appeal_sent_to_la", "2025-10-01"),
        ev("response_directed", "2025-11-10", due="2025-11-09"),
    ]
    p = problems_of({"today": "2026-01-01", "events": events})
    assert_names_event(p, 2)


@pytest.mark.parametrize(
    "rule,ground",
    [
        ("mediation.held", "reg_5_4_c"),  # a rule without statutory exceptions
        ("appeal.lodge", "reg_5_4_c"),
        ("plan.final", "reg_8_2_c"),  # a missed appointment excuses only the advice giver
        ("assessment.decision", "reg_10_4_a"),
        ("advice.response", "reg_5_4_a"),
        ("assessment.decision", "reg_5_4_e"),
        ("order.final_plan", "reg_5_4_a"),
    ],
)
def test_exception_must_match_rule_and_ground(rule, ground):
    p = one_bad(ev("exception_recorded", "2025-10-01", rule=rule, ground=ground))
    assert_names_event(p, 3)


@pytest.mark.parametrize(
    "rule,ground",
    [
        ("assessment.decision", "reg_5_4_a"),
        ("assessment.decision", "reg_5_4_d"),
        ("advice.response", "reg_8_2_c"),
        ("assessment.no_plan_notice", "reg_10_4_d"),
        ("plan.final", "reg_10_4_a"),
        ("order.assess_notice", "reg_44_3_a"),
        ("order.final_plan", "reg_44_3_d"),
        ("order.draft_plan", "reg_44_3_b"),
        ("order.amended_plan", "reg_44_3_c"),
    ],
)
def test_accepted_exception_grounds(rule, ground):
    from redress.statutory import compute

    compute(
        {
            "today": "2026-01-01",
            "events": GOOD + [ev("exception_recorded", "2025-10-01", rule=rule, ground=ground)],
        }
    )


# ---------------------------------------------------------------------------
# Document shape
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "document",
    [
        {"events": "assessment_requested"},
        {"events": [["assessment_requested", "2025-09-03"]]},
        {"events": ["assessment_requested"]},
        {"events": [None]},
    ],
)
def test_bad_document_shape(document):
    problems_of(document)


def test_not_a_mapping_event_is_named():
    p = problems_of({"events": [ev("assessment_requested", "2025-09-03"), "oops"]})
    assert_names_event(p, 2)


# ---------------------------------------------------------------------------
# Several problems at once; nothing computed
# ---------------------------------------------------------------------------


def test_several_problems_reported_at_once():
    events = [
        ev("assessment_requested", "2025-09-03"),  # 1 fine
        ev("assessment_decision", "2025-10-08"),  # 2 missing decision
        ev("advice_requested", "2026-02-30", ref="h", advice="health"),  # 3 impossible date
        ev("teleport_requested", "2025-10-20"),  # 4 unknown type
        ev("advice_received", "2025-11-01", ref="nobody"),  # 5 stops a clock never started
        ev("review_decision", "2025-12-01", decision="shrug"),  # 6 bad enum
        ev("final_plan_issued", "20/01/2026"),  # 7 malformed date
    ]
    p = problems_of({"today": "2026-01-01", "events": events})
    for position in (2, 3, 4, 5, 6, 7):
        assert_names_event(p, position)
    assert not any("event 1 " in x or "event 1(" in x or x.startswith("event 1:") for x in p), p
    assert len(p) >= 6, p


def test_problems_mention_event_type():
    p = one_bad(ev("assessment_decision", "2025-10-08", decision="maybe"))
    assert any("event 3 (assessment_decision)" in x for x in p), p


def test_nothing_computed_on_failure():
    from redress.statutory import InputError, compute

    out = None
    with pytest.raises(InputError):
        out = compute({"today": "2026-01-01", "events": GOOD + [ev("mystery", "2025-10-01")]})
    assert out is None


def test_input_error_is_an_exception_with_problems():
    from redress.statutory import InputError

    assert issubclass(InputError, Exception)


def test_document_is_not_mutated():
    import copy

    from redress.statutory import compute

    doc = {
        "today": "2026-01-01",
        "events": GOOD + [ev("advice_requested", "2025-10-20", ref="h", advice="health")],
    }
    snapshot = copy.deepcopy(doc)
    compute(doc)
    assert doc == snapshot


# ---------------------------------------------------------------------------
# Robustness: odd input is either computed or rejected with InputError, never a crash
# ---------------------------------------------------------------------------

ODD = [
    [ev("decision_notice_sent", "9999-12-31")],  # + 2 months would overflow date
    [ev("mediation_declined", "9999-12-30")],
    [ev("appeal_sent_to_la", "9999-12-01")],
    [ev("assessment_requested", "0001-01-01")],
    [ev("phase_transfer_due", "2025-09-01", transfer="school", year=99999)],
    [ev("phase_transfer_due", "2025-09-01", transfer="school", year=0)],
    [
        ev(
            "mediation_agreement",
            "2025-10-20",
            actions=[{"ref": "a", "kind": "other", "agreed_due": "9999-12-31"}],
        )
    ],
    [
        ev("appeal_sent_to_la", "2025-10-01"),
        ev("response_directed", "2025-10-02", due="9999-12-31"),
    ],
    [ev("mediation_scheduled", "2025-10-01", meeting_date="9999-12-31")],
    [{"type": 5, "date": "2025-01-01"}],
    [{"type": None, "date": None}],
    [ev("advice_requested", "2025-10-20", ref=1, advice="health")],
    [ev("advice_requested", "2025-10-20", ref=["a"], advice="health")],
    [ev("assessment_decision", "2025-10-20", decision=True)],
    [ev("mediation_agreement", "2025-10-20", actions=[None])],
    [
        ev(
            "mediation_agreement",
            "2025-10-20",
            actions=[{"ref": "a", "kind": "other", "agreed_due": 5}],
        )
    ],
    [ev("order_step_done", "2025-10-20", step="final_plan")],
    [
        ev("assessment_decision", "2025-10-01", decision="assess"),
        ev("assessment_requested", "2025-10-20"),
    ],
]


@pytest.mark.parametrize("events", ODD)
def test_odd_input_never_crashes(events):
    from redress.statutory import InputError, compute

    try:
        out = compute({"today": "2026-01-01", "events": events})
    except InputError as exc:
        assert exc.problems
        assert all(isinstance(p, str) and p for p in exc.problems)
    else:
        assert isinstance(out["deadlines"], list)


def test_year_true_is_not_a_year():
    p = one_bad(ev("phase_transfer_due", "2025-09-01", transfer="school", year=True))
    assert_names_event(p, 3)


def test_today_far_outside_the_calendar():
    from redress.statutory import InputError, compute

    try:
        compute({"today": "9999-12-31", "events": GOOD})
    except InputError as exc:
        assert any("today" in p for p in exc.problems)
