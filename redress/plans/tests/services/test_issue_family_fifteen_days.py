"""A final plan is not issued before the family's 15 days on the draft are over (reg 13(1)(a)),
nor an amended plan before their 15 days on the proposed amendments (reg 22(2)(c)). The first
day allowed is the engine's `not_before` row; the plans app and the casework step form refuse
through the same check."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError

from redress.casework import services as casework
from redress.casework.models import CaseEvent
from redress.plans import services
from redress.plans.models import Plan
from redress.plans.tests.helpers import ChildFactory, caseworker_for, ready_plan

pytestmark = pytest.mark.django_db


@time_machine.travel(date(2026, 11, 29))
def test_a_final_plan_the_day_after_the_draft_is_refused_naming_the_first_day() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    plan = ready_plan(child, actor)
    services.plan_issue_draft(actor=actor, plan=plan, when=date(2026, 10, 1), expected_version=None)
    with pytest.raises(ValidationError) as refused:
        services.plan_issue_final(
            actor=actor, plan=plan, when=date(2026, 10, 2), expected_version=None
        )
    (message,) = refused.value.message_dict["date"]
    assert "15 days" in message and "reg 13(1)(a)" in message
    assert "The first day it may be issued is Fri 16 Oct 2026." in message
    plan.refresh_from_db()
    assert plan.issued_on is None and plan.status == Plan.Status.DRAFT
    # The last day of the family's 15 days is still too early; the day after is allowed.
    with pytest.raises(ValidationError):
        services.plan_issue_final(
            actor=actor, plan=plan, when=date(2026, 10, 15), expected_version=None
        )
    services.plan_issue_final(
        actor=actor, plan=plan, when=date(2026, 10, 16), expected_version=None
    )
    assert Plan.objects.get(pk=plan.pk).issued_on == date(2026, 10, 16)


@time_machine.travel(date(2026, 11, 29))
def test_the_casework_step_form_refuses_the_same_final_plan_through_the_same_check() -> None:
    child = ChildFactory(date_of_birth=date(2016, 5, 17))
    actor = caseworker_for(child)

    def record(event_type: str, when: date, **details: str) -> CaseEvent:
        return casework.case_event_record(
            actor=actor, child=child, event_type=event_type, when=when, details=details,
            expected_version=None,
        )  # fmt: skip

    record("assessment_requested", date(2026, 6, 1), requested_by="parent")
    record("assessment_decision", date(2026, 7, 1), decision="assess")
    record("draft_plan_issued", date(2026, 9, 1))
    with pytest.raises(ValidationError) as refused:
        record("final_plan_issued", date(2026, 9, 2))
    assert "The first day it may be issued is Wed 16 Sep 2026." in refused.value.messages[0]
    assert not child.events.filter(type="final_plan_issued").exists()
    record("final_plan_issued", date(2026, 9, 16))


@time_machine.travel(date(2026, 11, 29))
def test_an_amended_plan_waits_for_the_15_days_on_the_proposed_amendments() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    plan = ready_plan(child, actor)
    services.plan_issue_draft(actor=actor, plan=plan, when=date(2025, 9, 1), expected_version=None)
    services.plan_issue_final(actor=actor, plan=plan, when=date(2025, 10, 1), expected_version=None)
    amended = services.plan_amend(actor=actor, plan=plan, expected_version=None)
    services.plan_issue_draft(
        actor=actor, plan=amended, when=date(2026, 11, 2), expected_version=None
    )
    with pytest.raises(ValidationError) as refused:
        services.plan_issue_final(
            actor=actor, plan=amended, when=date(2026, 11, 10), expected_version=None
        )
    (message,) = refused.value.message_dict["date"]
    assert "amended plan" in message and "reg 22(2)(c)" in message
    assert "The first day it may be issued is Tue 17 Nov 2026." in message
    services.plan_issue_final(
        actor=actor, plan=amended, when=date(2026, 11, 17), expected_version=None
    )
