"""Complying with an order: the steps it needs, their evidence, and the deadlines they meet."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from redress.appeals import services
from redress.appeals.models import Order
from redress.appeals.tests.helpers import (
    World,
    certificate,
    deadline_row,
    error_text,
    plan_appeal,
)

pytestmark = pytest.mark.django_db


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
    row = deadline_row(world, "order.amended_plan")
    assert (row.due, row.status) == (date(2026, 11, 5), "overdue")
    services.compliance_step_record(
        actor=world.caseworker,
        order=order,
        step="amended_plan",
        done_on=date(2026, 11, 9),
        note="Amended plan sent by email and post.",
    )
    row = deadline_row(world, "order.amended_plan")
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
    row = deadline_row(world, "order.plan_decision")
    assert (row.due, row.status) == (date(2026, 12, 10), "pending")  # reg 44(2)(b)
    services.compliance_step_record(
        actor=world.caseworker,
        order=order,
        step="plan_decision",
        done_on=date(2026, 11, 20),
        note="Decided to make a plan; the letter went to the family.",
    )
    row = deadline_row(world, "order.plan_decision")
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
    assert "issued the amended plan" in error_text(excinfo, "step")


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
    assert "how it can be checked" in error_text(excinfo, "note")
