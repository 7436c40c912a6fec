"""Recording an appeal: what the services accept and refuse, when the family may ask for
health and social care recommendations, and the local authority's response date."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from redress.appeals import selectors, services
from redress.appeals.models import Appeal
from redress.appeals.tests.helpers import (
    World,
    certificate,
    deadline_row,
    error_text,
    extended_appeal,
    make_world,
    plan_appeal,
)
from redress.casework.deadlines import events_for_child
from redress.casework.tests.factories import ChildFactory

pytestmark = pytest.mark.django_db


# -- Recording an appeal -----------------------------------------------------------------------


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
    assert "Choose the sections" in error_text(excinfo, "sections_challenged")
    assert not Appeal.objects.exists()


def test_no_certificate_only_when_the_appeal_is_only_about_section_i(world: World) -> None:
    with pytest.raises(ValidationError) as excinfo:
        plan_appeal(
            world,
            sections_challenged=["F", "I"],
            mediation_certificate=None,
            no_certificate_reason="section_i_only",
        )
    assert "only about the school" in error_text(excinfo, "no_certificate_reason")
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
    assert "mediation certificate" in error_text(excinfo, "mediation_certificate")


def test_certificate_of_another_child_or_decision_is_refused(world: World) -> None:
    other = ChildFactory(local_authority=world.la)
    with pytest.raises(ValidationError) as excinfo:
        plan_appeal(world, mediation_certificate=certificate(world, child=other))
    assert "not about this child" in error_text(excinfo, "mediation_certificate")
    with pytest.raises(ValidationError) as excinfo:
        plan_appeal(world, mediation_certificate=certificate(world, decision="cease"))
    assert "different decision" in error_text(excinfo, "mediation_certificate")


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
    window = deadline_row(world, "appeal.lodge", appeal.decision_ref)
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


# -- Eligibility for health and social care recommendations ------------------------------------


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
    message = error_text(excinfo, "recommendation_sections")
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
    assert "3 April 2018" in error_text(excinfo, "recommendation_sections")
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
    assert "social care" in error_text(excinfo, "social_care")


# -- The local authority's response ------------------------------------------------------------


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
    row = deadline_row(world, "appeal.la_response")
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
    row = deadline_row(world, "appeal.la_response")
    assert row.due == date(2026, 12, 7)
    assert row.status == "pending"
