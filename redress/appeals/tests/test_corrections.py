"""Correcting or withdrawing a recorded appeal step (decision 0100): the appeal as lodged, how
it ended, an order, and a body's response to a recommendation. The original stays in the
history, the deadlines follow what now stands, and nobody who could not record the step may
change it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from redress.appeals import services
from redress.appeals.models import Appeal, Order, Recommendation
from redress.appeals.selectors_lists import recommendation_counts
from redress.appeals.tests.helpers import World, extended_appeal, make_world, plan_appeal
from redress.audit.models import AuditEntry
from redress.casework.deadlines import events_for_child, events_for_children
from redress.casework.models import Deadline
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


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _decided(world: World) -> Appeal:
    appeal = plan_appeal(world)
    services.appeal_decide(
        actor=world.caseworker,
        appeal=appeal,
        outcome="upheld",
        outcome_on=date(2026, 10, 1),
        order_kinds=["amend_contents"],
        expected_version=appeal.version,
    )
    return appeal


def _answered(world: World) -> Recommendation:
    appeal = extended_appeal(world)
    recommendation = services.recommendation_record(
        actor=world.caseworker,
        appeal=appeal,
        section="G",
        made_on=date(2026, 10, 1),
        text="Speech and language therapy assessment.",
    )
    return services.recommendation_respond(
        actor=world.health,
        recommendation=recommendation,
        response_sent_on=date(2026, 10, 20),
        decision="follows",
        steps="Assessment booked.",
        reasons="",
        expected_version=recommendation.version,
    )


def _types(world: World) -> list[str]:
    return [event["type"] for event in events_for_child(world.child)]


def _batch_types(world: World) -> list[str]:
    return [event["type"] for event in events_for_children([world.child])[world.child.pk]]


def _row(world: World, rule: str, ref: str = "") -> Deadline:
    return Deadline.objects.get(child=world.child, rule=rule, ref=ref)


# -- Orders and the decision -------------------------------------------------------------------


def test_correcting_an_order_date_moves_its_deadline_and_keeps_the_original(world: World) -> None:
    order = _decided(world).orders.get()
    assert _row(world, "order.amended_plan").due == date(2026, 11, 5)
    services.order_correct(
        actor=world.caseworker,
        order=order,
        made_on=date(2026, 10, 8),
        sent_on=None,
        details="",
        reason="The order is dated 8 October",
        expected_version=order.version,
    )
    assert _row(world, "order.amended_plan").due == date(2026, 11, 12)
    order.refresh_from_db()
    assert order.corrected and order.corrected_by == world.caseworker
    earliest = order.history.order_by("history_id").first()
    assert earliest.made_on == date(2026, 10, 1)
    latest = order.history.order_by("-history_id").first()
    assert latest.history_change_reason == "Corrected: The order is dated 8 October"
    assert latest.history_user == world.caseworker
    entry = AuditEntry.objects.filter(action="update", object_id=str(order.pk)).order_by(
        "-at", "-pk"
    )[0]
    assert "The order is dated 8 October" in entry.summary
    assert entry.actor == world.caseworker


def test_withdrawing_an_order_leaves_it_out_of_the_engine(world: World) -> None:
    order = _decided(world).orders.get()
    assert "tribunal_order" in _types(world)
    services.order_withdraw(
        actor=world.caseworker,
        order=order,
        reason="Recorded on the wrong appeal",
        expected_version=order.version,
    )
    assert "tribunal_order" not in _types(world)
    assert "tribunal_order" not in _batch_types(world)
    assert not Deadline.objects.filter(child=world.child, rule="order.amended_plan").exists()
    order.refresh_from_db()
    assert order.withdrawn and order.withdrawn_reason == "Recorded on the wrong appeal"
    assert Order.objects.filter(pk=order.pk).exists()


def test_correcting_the_decision_date_moves_its_orders(world: World) -> None:
    appeal = _decided(world)
    services.appeal_decision_correct(
        actor=world.caseworker,
        appeal=appeal,
        outcome="upheld",
        outcome_on=date(2026, 10, 8),
        notes="",
        reason="Decision dated 8 October",
        expected_version=appeal.version,
    )
    assert appeal.orders.get().made_on == date(2026, 10, 8)
    assert _row(world, "order.amended_plan").due == date(2026, 11, 12)
    assert appeal.history.order_by("history_id").first().outcome == ""


def test_withdrawing_the_decision_makes_the_appeal_live_and_withdraws_its_orders(
    world: World,
) -> None:
    appeal = _decided(world)
    services.appeal_decision_withdraw(
        actor=world.caseworker,
        appeal=appeal,
        reason="The decision was on another child's appeal",
        expected_version=appeal.version,
    )
    appeal.refresh_from_db()
    assert (appeal.outcome, appeal.outcome_on) == ("", None)
    assert appeal.orders.get().withdrawn
    assert "tribunal_order" not in _types(world)


# -- The appeal as recorded --------------------------------------------------------------------


def test_correcting_the_lodging_date_moves_the_stopped_appeal_window(world: World) -> None:
    appeal = plan_appeal(world)
    assert _row(world, "appeal.lodge", appeal.decision_ref).met_on == date(2026, 7, 10)
    services.appeal_correct(
        actor=world.caseworker,
        appeal=appeal,
        decision_notice_date=date(2026, 6, 1),
        lodged_on=date(2026, 7, 24),
        tribunal_reference="",
        reason="Lodged on 24 July",
        expected_version=appeal.version,
    )
    assert _row(world, "appeal.lodge", appeal.decision_ref).met_on == date(2026, 7, 24)


def test_a_withdrawn_appeal_no_longer_stops_the_window(world: World) -> None:
    appeal = plan_appeal(world)
    services.appeal_withdraw(
        actor=world.caseworker,
        appeal=appeal,
        reason="Recorded on the wrong child",
        expected_version=appeal.version,
    )
    assert "appeal_lodged" not in _types(world)
    assert "appeal_lodged" not in _batch_types(world)
    assert _row(world, "appeal.lodge", appeal.decision_ref).met_on is None
    # A withdrawn appeal does not block recording the real one.
    assert plan_appeal(world).pk != appeal.pk


# -- A response to a recommendation -------------------------------------------------------------


def test_correcting_the_response_date_moves_when_it_was_met(world: World) -> None:
    recommendation = _answered(world)
    ref = recommendation.engine_ref
    assert _row(world, "recommendation.response", ref).met_on == date(2026, 10, 20)
    services.recommendation_response_correct(
        actor=world.health,
        recommendation=recommendation,
        response_sent_on=date(2026, 10, 27),
        decision="follows",
        steps="Assessment booked.",
        reasons="",
        reason="Sent a week later",
        expected_version=recommendation.version,
    )
    assert _row(world, "recommendation.response", ref).met_on == date(2026, 10, 27)


def test_a_corrected_response_is_checked_as_a_new_one_is(world: World) -> None:
    recommendation = _answered(world)
    with pytest.raises(ValidationError) as excinfo:
        services.recommendation_response_correct(
            actor=world.health,
            recommendation=recommendation,
            response_sent_on=date(2026, 10, 27),
            decision="declines",
            steps="",
            reasons="",
            reason="It declined",
            expected_version=recommendation.version,
        )
    assert "reasons" in excinfo.value.message_dict


def test_withdrawing_the_response_reopens_the_recommendation(world: World) -> None:
    recommendation = _answered(world)
    services.recommendation_response_withdraw(
        actor=world.caseworker,
        recommendation=recommendation,
        reason="That response was to another recommendation",
        expected_version=recommendation.version,
    )
    assert "recommendation_response_sent" not in _types(world)
    row = _row(world, "recommendation.response", recommendation.engine_ref)
    assert (row.met_on, row.status) == (None, "overdue")
    assert recommendation.history.filter(response_sent_on=date(2026, 10, 20)).exists()


def test_correcting_or_withdrawing_a_recommendation(world: World) -> None:
    appeal = extended_appeal(world)
    recommendation = services.recommendation_record(
        actor=world.caseworker, appeal=appeal, section="G", made_on=date(2026, 10, 1),
        text="Speech and language therapy assessment.",
    )  # fmt: skip
    ref = recommendation.engine_ref
    assert _row(world, "recommendation.response", ref).due == date(2026, 11, 5)
    services.recommendation_correct(
        actor=world.caseworker, recommendation=recommendation, made_on=date(2026, 10, 8),
        text="Speech and language therapy assessment.", reason="Made on 8 October",
        expected_version=recommendation.version,
    )  # fmt: skip
    assert _row(world, "recommendation.response", ref).due == date(2026, 11, 12)
    assert recommendation_counts(world.health, today_in_london())["overdue"] == 1
    with pytest.raises(ValidationError):
        services.recommendation_withdraw(
            actor=world.health, recommendation=recommendation, reason="No",
            expected_version=recommendation.version,
        )  # fmt: skip
    services.recommendation_withdraw(
        actor=world.caseworker, recommendation=recommendation, reason="Not in the decision",
        expected_version=recommendation.version,
    )  # fmt: skip
    assert "recommendations_made" not in _types(world)
    assert "recommendations_made" not in _batch_types(world)
    counts = recommendation_counts(world.health, today_in_london())
    assert counts["overdue"] == 0 and counts["open"] == 0
    assert Recommendation.objects.filter(pk=recommendation.pk).exists()


# -- Refusals ----------------------------------------------------------------------------------


def test_a_reason_is_required(world: World) -> None:
    order = _decided(world).orders.get()
    for write in (services.order_correct, services.order_withdraw):
        extra: dict[str, Any] = (
            {"made_on": date(2026, 10, 8), "sent_on": None, "details": ""}
            if write is services.order_correct
            else {}
        )
        with pytest.raises(ValidationError) as excinfo:
            write(
                actor=world.caseworker,
                order=order,
                reason="  ",
                expected_version=order.version,
                **extra,
            )
        assert "reason" in excinfo.value.message_dict
    order.refresh_from_db()
    assert order.made_on == date(2026, 10, 1) and not order.withdrawn


def test_a_stale_version_is_refused(world: World) -> None:
    appeal = plan_appeal(world)
    with pytest.raises(ConcurrentEditError):
        services.appeal_correct(
            actor=world.caseworker,
            appeal=appeal,
            decision_notice_date=date(2026, 6, 1),
            lodged_on=date(2026, 7, 24),
            tribunal_reference="",
            reason="Lodged on 24 July",
            expected_version=appeal.version - 1,
        )
    appeal.refresh_from_db()
    assert appeal.lodged_on == date(2026, 7, 10)


def test_someone_who_may_not_record_the_step_is_refused(world: World) -> None:
    appeal = _decided(world)
    stranger = make_world("Southby").caseworker
    with pytest.raises(ValidationError):
        services.appeal_withdraw(
            actor=stranger, appeal=appeal, reason="No", expected_version=appeal.version
        )
    with pytest.raises(ValidationError):
        services.order_withdraw(
            actor=world.health,
            order=appeal.orders.get(),
            reason="No",
            expected_version=appeal.orders.get().version,
        )
    recommendation = _answered(make_world("Eastry"))
    with pytest.raises(ValidationError):
        services.recommendation_response_withdraw(
            actor=world.health,
            recommendation=recommendation,
            reason="No",
            expected_version=recommendation.version,
        )
    appeal.refresh_from_db()
    assert not appeal.withdrawn and not appeal.orders.get().withdrawn


# -- Pages -------------------------------------------------------------------------------------


def test_the_correction_page_shows_the_history_and_is_audited_and_not_stored(
    world: World,
) -> None:
    order = _decided(world).orders.get()
    services.order_correct(
        actor=world.caseworker,
        order=order,
        made_on=date(2026, 10, 8),
        sent_on=None,
        details="",
        reason="The order is dated 8 October",
        expected_version=order.version,
    )
    response = _client(world.manager).get(reverse("appeals:order-correct", args=[order.pk]))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert "1 October 2026" in page and "8 October 2026" in page
    assert "The order is dated 8 October" in page
    assert AuditEntry.objects.filter(action="view", actor=world.manager, child=world.child).exists()


def test_a_stale_correction_form_says_so_and_keeps_what_was_typed(world: World) -> None:
    appeal = plan_appeal(world)
    url = reverse("appeals:step-correct", args=[appeal.pk, "appeal"])
    response = _client(world.caseworker).post(
        url,
        {
            "version": appeal.version - 1,
            "decision_notice_date_day": "1",
            "decision_notice_date_month": "6",
            "decision_notice_date_year": "2026",
            "lodged_on_day": "24",
            "lodged_on_month": "7",
            "lodged_on_year": "2026",
            "tribunal_reference": "EH1/26/1",
            "reason": "Lodged on 24 July",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert ConcurrentEditError.message.split(".")[0] in page
    assert "Lodged on 24 July" in page
    appeal.refresh_from_db()
    assert appeal.lodged_on == date(2026, 7, 10)


def test_withdrawing_through_the_page_strikes_the_step_through(world: World) -> None:
    appeal = _decided(world)
    order = appeal.orders.get()
    client = _client(world.caseworker)
    response = client.post(
        reverse("appeals:order-correct", args=[order.pk]),
        {"withdraw-reason": "Recorded in error", "withdraw-version": order.version},
    )
    assert response.status_code == 302
    page = client.get(reverse("appeals:detail", args=[appeal.pk])).content.decode()
    assert f"<s>{order}</s>" in page
    assert "Withdrawn" in page and "Recorded in error" in page
    assert reverse("appeals:step-correct", args=[appeal.pk, "decision"]) in page


def test_a_withdrawal_without_a_reason_is_a_form_error(world: World) -> None:
    appeal = plan_appeal(world)
    response = _client(world.caseworker).post(
        reverse("appeals:step-correct", args=[appeal.pk, "appeal"]),
        {"withdraw-reason": "", "withdraw-version": appeal.version},
    )
    assert response.status_code == 200
    assert "Enter why the step was recorded in error" in response.content.decode()
    appeal.refresh_from_db()
    assert not appeal.withdrawn
