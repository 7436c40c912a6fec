"""Recording appeals, their responses, orders, recommendations and settlements: what the
services accept and refuse, and the deadlines the engine then gives the case."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError

from redress.appeals import selectors, services
from redress.appeals.models import Appeal, Order, Recommendation
from redress.appeals.selectors import live_appeal_for_child
from redress.appeals.selectors_lists import recommendation_counts
from redress.appeals.tests.helpers import (
    World,
    certificate,
    extended_appeal,
    make_world,
    plan_appeal,
)
from redress.casework.deadlines import deadlines_recompute, events_for_child
from redress.casework.models import Deadline
from redress.casework.tests.factories import ChildFactory
from redress.core.versions import ConcurrentEditError
from redress.statutory.engine import today_in_london

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 25)


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def world() -> World:
    return make_world()


def _row(world: World, rule: str, ref: str = "") -> Deadline:
    return Deadline.objects.get(child=world.child, rule=rule, ref=ref)


def _messages(excinfo: pytest.ExceptionInfo[ValidationError], field: str) -> str:
    return " ".join(excinfo.value.message_dict.get(field, []))


# -- Recording an appeal ----------------------------------------------------------------------


def test_refusal_to_assess_uses_send35a_and_plan_appeal_send35(world: World) -> None:
    refusal = services.appeal_record(
        actor=world.caseworker,
        child=world.child,
        decision="not_assess",
        decision_notice_date=date(2026, 6, 1),
        lodged_on=date(2026, 7, 1),
        mediation_certificate=certificate(world, decision="not_assess"),
    )
    assert refusal.form_name == "SEND35a"
    assert plan_appeal(world).form_name == "SEND35"


def test_plan_contents_appeal_must_name_sections(world: World) -> None:
    with pytest.raises(ValidationError) as excinfo:
        plan_appeal(world, sections_challenged=[])
    assert "Choose the sections" in _messages(excinfo, "sections_challenged")
    assert not Appeal.objects.exists()


def test_no_certificate_only_when_the_appeal_is_only_about_section_i(world: World) -> None:
    with pytest.raises(ValidationError) as excinfo:
        plan_appeal(
            world,
            sections_challenged=["F", "I"],
            mediation_certificate=None,
            no_certificate_reason="section_i_only",
        )
    assert "only about the school" in _messages(excinfo, "no_certificate_reason")
    appeal = plan_appeal(
        world,
        sections_challenged=["I"],
        mediation_certificate=None,
        no_certificate_reason="section_i_only",
    )
    assert appeal.sections_challenged == ["I"]


def test_appeal_needs_a_certificate_or_a_reason(world: World) -> None:
    with pytest.raises(ValidationError) as excinfo:
        plan_appeal(world, mediation_certificate=None)
    assert "mediation certificate" in _messages(excinfo, "mediation_certificate")


def test_certificate_of_another_child_or_decision_is_refused(world: World) -> None:
    other = ChildFactory(local_authority=world.la)
    with pytest.raises(ValidationError) as excinfo:
        plan_appeal(world, mediation_certificate=certificate(world, child=other))
    assert "not about this child" in _messages(excinfo, "mediation_certificate")
    with pytest.raises(ValidationError) as excinfo:
        plan_appeal(world, mediation_certificate=certificate(world, decision="cease"))
    assert "different decision" in _messages(excinfo, "mediation_certificate")


def test_only_staff_of_the_childs_authority_may_record(world: World) -> None:
    stranger = make_world("Southby").caseworker
    with pytest.raises(ValidationError):
        plan_appeal(world, actor=stranger)
    assert not Appeal.objects.exists()


def test_lodging_stops_the_family_appeal_window(world: World) -> None:
    appeal = plan_appeal(world)
    # The decision is not recorded in Redress: the appeal is about the one its certificate's
    # mediation case is about, and stops that decision's window.
    assert appeal.decision_ref == f"mediation_case-{appeal.mediation_certificate.case_id}"
    window = _row(world, "appeal.lodge", appeal.decision_ref)
    assert window.met_on == date(2026, 7, 10)


def test_an_appeal_against_cessation_tells_the_plans_record(world: World) -> None:
    from redress.plans.models import Cessation, Plan

    plan = Plan.objects.create(child=world.child)
    cessation = Cessation.objects.create(
        plan=plan,
        decided_on=date(2026, 6, 1),
        notice_sent_on=date(2026, 6, 1),
        reasons="Moved to higher education.",
        recorded_by=world.caseworker,
    )
    appeal = services.appeal_record(
        actor=world.caseworker,
        child=world.child,
        decision="cease",
        decision_notice_date=date(2026, 6, 1),
        lodged_on=date(2026, 7, 10),
        mediation_certificate=certificate(world, decision="cease"),
        cessation=cessation,
    )
    cessation.refresh_from_db()
    assert cessation.appeal_lodged_on == date(2026, 7, 10)
    lodged = [e for e in events_for_child(world.child) if e["type"] == "appeal_lodged"]
    assert len(lodged) == 1
    services.appeal_decide(
        actor=world.caseworker,
        appeal=Appeal.objects.get(pk=appeal.pk),
        outcome="dismissed",
        outcome_on=date(2026, 11, 2),
        expected_version=None,
    )
    cessation.refresh_from_db()
    assert (cessation.appeal_concluded_on, cessation.appeal_outcome) == (
        date(2026, 11, 2),
        "dismissed",
    )


def test_appeal_against_cessation_fed_by_plans_is_not_fed_twice(world: World) -> None:
    from redress.plans.models import Cessation, Plan

    plan = Plan.objects.create(child=world.child)
    cessation = Cessation.objects.create(
        plan=plan,
        decided_on=date(2026, 6, 1),
        notice_sent_on=date(2026, 6, 1),
        reasons="Moved to higher education.",
        appeal_lodged_on=date(2026, 7, 10),
    )
    services.appeal_record(
        actor=world.caseworker,
        child=world.child,
        decision="cease",
        decision_notice_date=date(2026, 6, 1),
        lodged_on=date(2026, 7, 10),
        mediation_certificate=certificate(world, decision="cease"),
        cessation=cessation,
    )
    lodged = [e for e in events_for_child(world.child) if e["type"] == "appeal_lodged"]
    assert len(lodged) == 1


# -- Eligibility for health and social care recommendations ----------------------------------


def test_no_recommendations_in_a_refusal_to_assess_appeal(world: World) -> None:
    with pytest.raises(ValidationError) as excinfo:
        services.appeal_record(
            actor=world.caseworker,
            child=world.child,
            decision="not_assess",
            decision_notice_date=date(2026, 6, 1),
            lodged_on=date(2026, 7, 1),
            mediation_certificate=certificate(world, decision="not_assess"),
            recommendation_sections=["C"],
            health_commissioner=world.icb,
        )
    message = _messages(excinfo, "recommendation_sections")
    assert "refusal to assess" in message
    assert "SI 2017/1306" in message


def test_no_recommendations_about_decisions_before_the_trial(world: World) -> None:
    with pytest.raises(ValidationError) as excinfo:
        extended_appeal(
            world,
            decision_notice_date=date(2018, 4, 2),
            lodged_on=date(2018, 5, 1),
            mediation_certificate=certificate(
                world, notice=date(2018, 4, 2), issued=date(2018, 4, 20)
            ),
        )
    assert "3 April 2018" in _messages(excinfo, "recommendation_sections")
    appeal = extended_appeal(
        world,
        decision_notice_date=date(2018, 4, 3),
        lodged_on=date(2018, 5, 1),
        mediation_certificate=certificate(world, notice=date(2018, 4, 3), issued=date(2018, 4, 20)),
    )
    assert appeal.is_extended


def test_recommendations_need_an_education_issue() -> None:
    reasons = selectors.recommendations_refusals(
        decision="plan_contents", decision_notice_date=date(2026, 6, 1), sections_challenged=[]
    )
    assert any("education issue" in r for r in reasons)
    assert not selectors.recommendations_refusals(
        decision="not_issue", decision_notice_date=date(2026, 6, 1), sections_challenged=[]
    )


def test_extended_appeal_needs_the_bodies_asked(world: World) -> None:
    with pytest.raises(ValidationError) as excinfo:
        extended_appeal(world, social_care=None)
    assert "social care" in _messages(excinfo, "social_care")


# -- Response, unopposed appeals and consent orders ------------------------------------------


def test_la_response_due_30_tribunal_working_days_skipping_august(world: World) -> None:
    appeal = plan_appeal(world)
    services.appeal_progress_update(
        actor=world.caseworker,
        appeal=appeal,
        sent_to_la_on=date(2026, 7, 15),
        response_directed_on=None,
        response_directed_due=None,
        la_response="",
        la_response_sent_on=None,
        tribunal_reference="EH123/26/00001",
        expected_version=appeal.version,
    )
    row = _row(world, "appeal.la_response")
    # Wed 15 Jul: 12 working days to the end of July, August not counted, then 18 in September.
    assert row.due == date(2026, 9, 24)
    assert row.status == "overdue"


def test_directed_response_date_replaces_the_default(world: World) -> None:
    appeal = plan_appeal(world)
    services.appeal_progress_update(
        actor=world.caseworker,
        appeal=appeal,
        sent_to_la_on=date(2026, 7, 15),
        response_directed_on=date(2026, 7, 20),
        response_directed_due=date(2026, 12, 5),  # a Saturday: moved to Monday (r.12(2))
        la_response="",
        la_response_sent_on=None,
        tribunal_reference="",
        expected_version=appeal.version,
    )
    row = _row(world, "appeal.la_response")
    assert row.due == date(2026, 12, 7)
    assert row.status == "pending"


def test_stale_form_is_refused_and_nothing_changes(world: World) -> None:
    appeal = plan_appeal(world)
    stale = appeal.version
    services.appeal_hearing_update(
        actor=world.caseworker,
        appeal=appeal,
        hearing_on=date(2027, 1, 20),
        hearing_format="video",
        hearing_venue="",
        hearing_arrangements="",
        expected_version=stale,
    )
    with pytest.raises(ConcurrentEditError):
        services.appeal_hearing_update(
            actor=world.manager,
            appeal=Appeal.objects.get(pk=appeal.pk),
            hearing_on=date(2027, 2, 1),
            hearing_format="video",
            hearing_venue="",
            hearing_arrangements="",
            expected_version=stale,
        )
    assert Appeal.objects.get(pk=appeal.pk).hearing_on == date(2027, 1, 20)


def test_not_opposing_before_the_response_is_an_unopposed_appeal(world: World) -> None:
    appeal = services.appeal_record(
        actor=world.caseworker,
        child=world.child,
        decision="not_assess",
        decision_notice_date=date(2026, 6, 1),
        lodged_on=date(2026, 7, 1),
        mediation_certificate=certificate(world, decision="not_assess"),
    )
    services.appeal_mark_not_opposed(
        actor=world.caseworker,
        appeal=appeal,
        notified_on=date(2026, 9, 1),
        expected_version=appeal.version,
    )
    appeal.refresh_from_db()
    assert appeal.outcome == Appeal.Outcome.UNOPPOSED
    order = appeal.orders.get()
    assert (order.kind, order.source) == ("assess", "unopposed")
    # reg 45: tell the family within 2 weeks, the final plan within 14 weeks.
    assert _row(world, "order.assess_notice").due == date(2026, 9, 15)
    assert _row(world, "order.final_plan").due == date(2026, 12, 8)
    assert live_appeal_for_child(world.child) is None


def test_after_the_response_not_opposing_needs_a_consent_order(world: World) -> None:
    appeal = plan_appeal(world)
    services.appeal_progress_update(
        actor=world.caseworker,
        appeal=appeal,
        sent_to_la_on=date(2026, 7, 15),
        response_directed_on=None,
        response_directed_due=None,
        la_response="oppose",
        la_response_sent_on=date(2026, 9, 20),
        tribunal_reference="",
        expected_version=appeal.version,
    )
    appeal.refresh_from_db()
    with pytest.raises(ValidationError) as excinfo:
        services.appeal_mark_not_opposed(
            actor=world.caseworker,
            appeal=appeal,
            notified_on=date(2026, 10, 1),
            expected_version=appeal.version,
        )
    assert "consent order" in _messages(excinfo, "notified_on")
    assert Appeal.objects.get(pk=appeal.pk).outcome == ""
    assert not Order.objects.exists()


# -- Orders and compliance -------------------------------------------------------------------


def _amend_order(world: World) -> Order:
    appeal = plan_appeal(world)
    services.appeal_decide(
        actor=world.caseworker,
        appeal=appeal,
        outcome="upheld",
        outcome_on=date(2026, 10, 1),
        order_kinds=["amend_contents"],
        expected_version=appeal.version,
    )
    return appeal.orders.get()


def test_order_to_amend_is_due_in_5_weeks_and_overdue_until_done(world: World) -> None:
    order = _amend_order(world)
    row = _row(world, "order.amended_plan")
    assert (row.due, row.status) == (date(2026, 11, 5), "overdue")
    services.compliance_step_record(
        actor=world.caseworker,
        order=order,
        step="amended_plan",
        done_on=date(2026, 11, 9),
        note="Amended plan sent by email and post.",
    )
    row = _row(world, "order.amended_plan")
    assert (row.met_on, row.status) == (date(2026, 11, 9), "late")


def test_after_an_order_to_assess_the_decision_whether_to_make_a_plan_is_due_in_10_weeks(
    world: World,
) -> None:
    appeal = plan_appeal(
        world,
        decision="not_assess",
        sections_challenged=[],
        mediation_certificate=certificate(world, decision="not_assess"),
    )
    services.appeal_decide(
        actor=world.caseworker,
        appeal=appeal,
        outcome="upheld",
        outcome_on=date(2026, 10, 1),
        order_kinds=["assess"],
        expected_version=appeal.version,
    )
    order = appeal.orders.get()
    row = _row(world, "order.plan_decision")
    assert (row.due, row.status) == (date(2026, 12, 10), "pending")  # reg 44(2)(b)
    services.compliance_step_record(
        actor=world.caseworker,
        order=order,
        step="plan_decision",
        done_on=date(2026, 11, 20),
        note="Decided to make a plan; the letter went to the family.",
    )
    row = _row(world, "order.plan_decision")
    assert (row.met_on, row.status) == (date(2026, 11, 20), "met")


def test_a_step_the_order_does_not_need_is_refused(world: World) -> None:
    order = _amend_order(world)
    with pytest.raises(ValidationError) as excinfo:
        services.compliance_step_record(
            actor=world.caseworker,
            order=order,
            step="draft_plan",
            done_on=date(2026, 10, 20),
            note="Draft sent.",
        )
    assert "issued the amended plan" in _messages(excinfo, "step")


def test_compliance_step_needs_evidence(world: World) -> None:
    order = _amend_order(world)
    with pytest.raises(ValidationError) as excinfo:
        services.compliance_step_record(
            actor=world.caseworker,
            order=order,
            step="amended_plan",
            done_on=date(2026, 10, 20),
            note="  ",
        )
    assert "how it can be checked" in _messages(excinfo, "note")


def test_an_upheld_appeal_needs_its_orders(world: World) -> None:
    appeal = plan_appeal(world)
    with pytest.raises(ValidationError) as excinfo:
        services.appeal_decide(
            actor=world.caseworker,
            appeal=appeal,
            outcome="upheld",
            outcome_on=date(2026, 10, 1),
            order_kinds=[],
            expected_version=appeal.version,
        )
    assert "ordered" in _messages(excinfo, "order_kinds")


# -- Recommendations -------------------------------------------------------------------------


def _recommendation(world: World, section: str = "G") -> Recommendation:
    appeal = extended_appeal(world)
    return services.recommendation_record(
        actor=world.caseworker,
        appeal=appeal,
        section=section,
        made_on=date(2026, 10, 1),
        text="Speech and language therapy assessment by the community team.",
    )


def test_recommendation_response_is_due_in_5_weeks_from_the_body_asked(world: World) -> None:
    recommendation = _recommendation(world)
    assert recommendation.body == "health"
    assert recommendation.organisation == world.icb
    row = _row(world, "recommendation.response", recommendation.engine_ref)
    assert row.due == date(2026, 11, 5)
    assert row.actor == "health_commissioner"
    assert row.organisation_id == world.icb.pk


def test_social_care_sections_go_to_social_care(world: World) -> None:
    recommendation = _recommendation(world, "H2")
    assert (recommendation.body, recommendation.organisation) == ("social_care", world.social_care)


def test_a_section_the_family_did_not_ask_about_is_refused(world: World) -> None:
    appeal = extended_appeal(world)
    with pytest.raises(ValidationError) as excinfo:
        services.recommendation_record(
            actor=world.caseworker,
            appeal=appeal,
            section="D",
            made_on=date(2026, 10, 1),
            text="Short breaks.",
        )
    assert "C, G, H2" in _messages(excinfo, "section")


@pytest.mark.parametrize("decision", ["declines", "follows_in_part"])
def test_a_response_that_declines_without_reasons_is_refused(world: World, decision: str) -> None:
    recommendation = _recommendation(world)
    with pytest.raises(ValidationError) as excinfo:
        services.recommendation_respond(
            actor=world.health,
            recommendation=recommendation,
            response_sent_on=date(2026, 11, 2),
            decision=decision,
            steps="We will fund part of the therapy.",
            reasons="   ",
            expected_version=recommendation.version,
        )
    assert "reasons" in _messages(excinfo, "reasons")
    recommendation.refresh_from_db()
    assert recommendation.response_sent_on is None
    row = _row(world, "recommendation.response", recommendation.engine_ref)
    assert row.met_on is None


def test_a_declining_response_with_reasons_meets_the_deadline(world: World) -> None:
    recommendation = _recommendation(world)
    services.recommendation_respond(
        actor=world.health,
        recommendation=recommendation,
        response_sent_on=date(2026, 11, 2),
        decision="declines",
        steps="",
        reasons="The child already receives this therapy through school.",
        expected_version=recommendation.version,
    )
    row = _row(world, "recommendation.response", recommendation.engine_ref)
    assert (row.met_on, row.status) == (date(2026, 11, 2), "met")


def test_another_body_cannot_respond(world: World) -> None:
    recommendation = _recommendation(world)  # for the ICB
    with pytest.raises(ValidationError):
        services.recommendation_respond(
            actor=world.socialcare,
            recommendation=recommendation,
            response_sent_on=date(2026, 11, 2),
            decision="follows",
            steps="We will do it.",
            reasons="",
            expected_version=recommendation.version,
        )


def test_overdue_responses_show_to_the_body_and_the_la_but_not_others(world: World) -> None:
    _recommendation(world)

    def overdue(user: Any) -> int:
        return recommendation_counts(user, today_in_london())["overdue"]

    assert overdue(world.health) == 1
    assert overdue(world.caseworker) == 1
    assert overdue(world.socialcare) == 0
    assert overdue(make_world("Southby").health) == 0


def test_recompute_keeps_the_body_as_the_organisation(world: World) -> None:
    recommendation = _recommendation(world)
    deadlines_recompute(child=world.child)
    row = _row(world, "recommendation.response", recommendation.engine_ref)
    assert row.organisation_id == world.icb.pk


# -- Settlement ------------------------------------------------------------------------------


def test_withdrawal_after_settlement_ends_the_appeal(world: World) -> None:
    appeal = plan_appeal(world)
    assert live_appeal_for_child(world.child) == appeal
    settlement = services.settlement_record(
        actor=world.caseworker,
        appeal=appeal,
        agreed_on=date(2026, 10, 1),
        route="mediation",
        ending="withdraw",
        terms="Extra speech and language therapy named in section F.",
    )
    services.settlement_mark_sent(
        actor=world.caseworker,
        settlement=settlement,
        sent_on=date(2026, 10, 3),
        expected_version=settlement.version,
    )
    appeal.refresh_from_db()
    assert (appeal.outcome, appeal.outcome_on) == ("withdrawn", date(2026, 10, 3))
    assert live_appeal_for_child(world.child) is None


def test_consent_order_before_the_response_is_steered_to_not_opposing(world: World) -> None:
    appeal = plan_appeal(world)
    with pytest.raises(ValidationError) as excinfo:
        services.settlement_record(
            actor=world.caseworker,
            appeal=appeal,
            agreed_on=date(2026, 10, 1),
            route="direct",
            ending="consent_order",
            terms="Section F amended.",
        )
    assert "does not oppose" in _messages(excinfo, "ending")


def test_reminders_for_a_response_go_to_the_body_asked(world: World) -> None:
    from redress.notifications.recipients import responsible_contacts

    recommendation = _recommendation(world, "H2")
    row = _row(world, "recommendation.response", recommendation.engine_ref)
    contacts = responsible_contacts(row, world.child)
    assert [c.user for c in contacts] == [world.socialcare]


def test_evidence_already_provided_keeps_its_date_when_the_form_is_sent_again(
    world: World,
) -> None:
    appeal = extended_appeal(world)
    direction = services.evidence_direction_record(
        actor=world.caseworker, appeal=appeal, body="health", kind="evidence",
        description="Health report", directed_by=date(2026, 9, 1),
    )  # fmt: skip
    services.evidence_direction_mark_provided(
        actor=world.health, direction=direction, provided_on=date(2026, 8, 28)
    )
    with pytest.raises(ValidationError) as excinfo:
        services.evidence_direction_mark_provided(
            actor=world.health, direction=direction, provided_on=date(2026, 11, 20)
        )
    assert "already recorded as provided on 28 August 2026" in _messages(excinfo, "provided_on")
    direction.refresh_from_db()
    assert direction.provided_on == date(2026, 8, 28)
