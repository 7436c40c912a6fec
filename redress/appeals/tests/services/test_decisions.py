"""How an appeal ends: not opposed before the response, a consent order after it, and the
orders an upheld appeal needs."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from redress.appeals import services
from redress.appeals.models import Appeal, Order
from redress.appeals.selectors import live_appeal_for_child
from redress.appeals.tests.helpers import (
    World,
    certificate,
    deadline_row,
    error_text,
    plan_appeal,
)

pytestmark = pytest.mark.django_db


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
    assert deadline_row(world, "order.assess_notice").due == date(2026, 9, 15)
    assert deadline_row(world, "order.final_plan").due == date(2026, 12, 8)
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
    assert "consent order" in error_text(excinfo, "notified_on")
    assert Appeal.objects.get(pk=appeal.pk).outcome == ""
    assert not Order.objects.exists()


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
    assert "ordered" in error_text(excinfo, "order_kinds")
