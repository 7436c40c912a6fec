"""Correcting or withdrawing an order's compliance steps, the hearing and the Tribunal's
directions (decisions 0100 and 0110): the original stays in the history, the audit says who and
why, the deadlines follow what now stands, and a withdrawn item drops out of the engine and the
boards."""

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
from redress.appeals.models import Appeal, ComplianceStep, EvidenceDirection
from redress.appeals.selectors import directions_outstanding_for
from redress.appeals.selectors_lists import compliance_list
from redress.appeals.tests.helpers import World, extended_appeal, make_world, plan_appeal
from redress.audit.models import AuditEntry
from redress.casework.deadlines import events_for_child, events_for_children
from redress.casework.models import Deadline

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


def _step(world: World) -> ComplianceStep:
    """An order to amend the plan made on 1 October (due 5 November), met on 1 November."""
    appeal = plan_appeal(world)
    services.appeal_decide(
        actor=world.caseworker,
        appeal=appeal,
        outcome="upheld",
        outcome_on=date(2026, 10, 1),
        order_kinds=["amend_contents"],
        expected_version=appeal.version,
    )
    return services.compliance_step_record(
        actor=world.caseworker,
        order=appeal.orders.get(),
        step="amended_plan",
        done_on=date(2026, 11, 1),
        note="Amended plan issued by post.",
    )


def _order_row(world: World) -> Deadline:
    return Deadline.objects.get(child=world.child, rule="order.amended_plan")


def _steps_fed(world: World) -> tuple[list[Any], list[Any]]:
    def done(events: list[dict[str, Any]]) -> list[Any]:
        return [e["date"] for e in events if e["type"] == "order_step_done"]

    return done(events_for_child(world.child)), done(
        events_for_children([world.child])[world.child.pk]
    )


def _heard(world: World) -> Appeal:
    appeal = extended_appeal(world)
    return services.appeal_hearing_update(
        actor=world.caseworker,
        appeal=appeal,
        hearing_on=date(2026, 12, 14),
        hearing_format="video",
        hearing_venue="",
        hearing_arrangements="Interpreter booked.",
        expected_version=appeal.version,
    )


def _direction(world: World, appeal: Appeal | None = None) -> EvidenceDirection:
    return services.evidence_direction_record(
        actor=world.caseworker,
        appeal=appeal or extended_appeal(world),
        body="health",
        kind="evidence",
        description="Paediatric report",
        directed_by=date(2026, 12, 1),
    )


# -- Compliance steps --------------------------------------------------------------------------


def test_correcting_a_compliance_step_moves_when_the_order_was_met(world: World) -> None:
    step = _step(world)
    assert _order_row(world).met_on == date(2026, 11, 1)
    services.compliance_step_correct(
        actor=world.caseworker,
        compliance_step=step,
        done_on=date(2026, 11, 3),
        note="Amended plan issued by post.",
        reason="The letter went on 3 November",
        expected_version=step.version,
    )
    assert _order_row(world).met_on == date(2026, 11, 3)
    step.refresh_from_db()
    assert step.corrected and step.corrected_by == world.caseworker
    assert step.history.order_by("history_id").first().done_on == date(2026, 11, 1)
    latest = step.history.order_by("-history_id").first()
    assert latest.history_change_reason == "Corrected: The letter went on 3 November"
    entry = AuditEntry.objects.filter(action="update", object_id=str(step.pk)).order_by(
        "-at", "-pk"
    )[0]
    assert entry.actor == world.caseworker and "The letter went on 3 November" in entry.summary


def test_a_corrected_step_is_checked_as_a_new_one_is(world: World) -> None:
    step = _step(world)
    with pytest.raises(ValidationError) as excinfo:
        services.compliance_step_correct(
            actor=world.caseworker,
            compliance_step=step,
            done_on=date(2026, 9, 1),
            note="",
            reason="Typo",
            expected_version=step.version,
        )
    assert {"done_on", "note"} <= set(excinfo.value.message_dict)
    step.refresh_from_db()
    assert step.done_on == date(2026, 11, 1) and not step.corrected


def test_withdrawing_a_compliance_step_reopens_the_order_and_lets_the_real_one_be_recorded(
    world: World,
) -> None:
    step = _step(world)
    assert not compliance_list(world.caseworker, {}, TODAY).exists()
    services.compliance_step_withdraw(
        actor=world.caseworker,
        compliance_step=step,
        reason="That was the draft, not the amended plan",
        expected_version=step.version,
    )
    assert _steps_fed(world) == ([], [])
    row = _order_row(world)
    assert (row.met_on, row.status) == (None, "overdue")
    assert list(compliance_list(world.caseworker, {}, TODAY)) == [row]
    step.refresh_from_db()
    assert step.withdrawn and ComplianceStep.objects.filter(pk=step.pk).exists()
    # The order still needs its step, and the real one can be recorded beside the withdrawn one.
    real = services.compliance_step_record(
        actor=world.caseworker,
        order=step.order,
        step="amended_plan",
        done_on=date(2026, 11, 20),
        note="Amended plan issued.",
    )
    assert _order_row(world).met_on == date(2026, 11, 20)
    assert step.order.steps.count() == 2 and real.pk != step.pk


def test_a_withdrawn_step_no_longer_holds_its_order_to_an_earlier_date(world: World) -> None:
    step = _step(world)
    order = step.order
    services.compliance_step_withdraw(
        actor=world.caseworker, compliance_step=step, reason="Wrong order",
        expected_version=step.version,
    )  # fmt: skip
    services.order_correct(
        actor=world.caseworker, order=order, made_on=date(2026, 11, 10), sent_on=None,
        details="", reason="Made on 10 November", expected_version=order.version,
    )  # fmt: skip
    order.refresh_from_db()
    assert order.made_on == date(2026, 11, 10)


def test_only_the_local_authority_may_correct_a_compliance_step(world: World) -> None:
    step = _step(world)
    for stranger in (world.health, make_world("Southby").caseworker):
        with pytest.raises(ValidationError):
            services.compliance_step_withdraw(
                actor=stranger, compliance_step=step, reason="No", expected_version=step.version
            )
    step.refresh_from_db()
    assert not step.withdrawn


def test_the_compliance_step_page(world: World) -> None:
    step = _step(world)
    client = _client(world.manager)
    url = reverse("appeals:compliance-step-correct", args=[step.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert AuditEntry.objects.filter(action="view", actor=world.manager, child=world.child).exists()
    response = client.post(
        url, {"withdraw-reason": "Recorded in error", "withdraw-version": step.version}
    )
    assert response.status_code == 302
    page = client.get(reverse("appeals:detail", args=[step.order.appeal_id])).content.decode()
    assert f"<s>{step}: {step.note}</s>" in page
    assert "Still to do: issued the amended plan" in page
    assert _client(world.health).get(url).status_code == 403


# -- The hearing -------------------------------------------------------------------------------


def test_correcting_the_hearing_keeps_the_listing_in_the_history(world: World) -> None:
    appeal = _heard(world)
    services.appeal_hearing_correct(
        actor=world.caseworker,
        appeal=appeal,
        hearing_on=date(2026, 12, 15),
        hearing_format="in_person",
        hearing_venue="Tribunal hearing centre, Leeds",
        hearing_arrangements="Interpreter booked.",
        reason="The notice says 15 December, in person",
        expected_version=appeal.version,
    )
    appeal.refresh_from_db()
    assert appeal.hearing_on == date(2026, 12, 15) and appeal.corrected
    assert appeal.history.filter(hearing_on=date(2026, 12, 14)).exists()
    latest = appeal.history.order_by("-history_id").first()
    assert (
        latest.history_change_reason == "Hearing corrected: The notice says 15 December, in person"
    )
    assert latest.history_user == world.caseworker
    entry = AuditEntry.objects.filter(action="update", object_id=str(appeal.pk)).order_by(
        "-at", "-pk"
    )[0]
    assert "15 December" in entry.summary and entry.actor == world.caseworker


def test_a_corrected_hearing_is_checked_and_needs_a_reason(world: World) -> None:
    appeal = _heard(world)
    with pytest.raises(ValidationError) as excinfo:
        services.appeal_hearing_correct(
            actor=world.caseworker, appeal=appeal, hearing_on=date(2026, 12, 15),
            hearing_format="in_person", hearing_venue="", hearing_arrangements="",
            reason="In person", expected_version=appeal.version,
        )  # fmt: skip
    assert "hearing_venue" in excinfo.value.message_dict
    with pytest.raises(ValidationError) as excinfo:
        services.appeal_hearing_withdraw(
            actor=world.caseworker, appeal=appeal, reason=" ", expected_version=appeal.version
        )
    assert "reason" in excinfo.value.message_dict
    with pytest.raises(ValidationError):
        services.appeal_hearing_withdraw(
            actor=world.health, appeal=appeal, reason="No", expected_version=appeal.version
        )
    appeal.refresh_from_db()
    assert appeal.hearing_on == date(2026, 12, 14)


def test_withdrawing_the_hearing_clears_it_and_keeps_it_in_the_history(world: World) -> None:
    appeal = _heard(world)
    services.appeal_hearing_withdraw(
        actor=world.caseworker,
        appeal=appeal,
        reason="That listing was for another appeal",
        expected_version=appeal.version,
    )
    appeal.refresh_from_db()
    assert (appeal.hearing_on, appeal.hearing_format, appeal.hearing_arrangements) == (None, "", "")
    assert not appeal.withdrawn
    assert appeal.history.filter(hearing_on=date(2026, 12, 14)).exists()
    with pytest.raises(ValidationError):
        services.appeal_hearing_withdraw(
            actor=world.caseworker, appeal=appeal, reason="Again", expected_version=appeal.version
        )


def test_the_hearing_page(world: World) -> None:
    appeal = plan_appeal(world)
    url = reverse("appeals:hearing-correct", args=[appeal.pk])
    client = _client(world.caseworker)
    assert client.get(url).status_code == 404  # no hearing recorded yet
    services.appeal_hearing_update(
        actor=world.caseworker, appeal=appeal, hearing_on=date(2026, 12, 14),
        hearing_format="video", hearing_venue="", hearing_arrangements="",
        expected_version=appeal.version,
    )  # fmt: skip
    detail = client.get(reverse("appeals:detail", args=[appeal.pk])).content.decode()
    assert url in detail
    response = client.get(url)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert "14 December 2026" in response.content.decode()
    appeal.refresh_from_db()
    response = client.post(
        url,
        {
            "version": appeal.version,
            "hearing_on_day": "15",
            "hearing_on_month": "12",
            "hearing_on_year": "2026",
            "hearing_format": "video",
            "hearing_venue": "",
            "hearing_arrangements": "",
            "reason": "Listed for the 15th",
        },
    )
    assert response.status_code == 302
    appeal.refresh_from_db()
    assert appeal.hearing_on == date(2026, 12, 15)
    for outsider in (world.parent, world.health):
        assert _client(outsider).get(url).status_code == 403


# -- Directions --------------------------------------------------------------------------------


def test_correcting_a_direction_keeps_the_original(world: World) -> None:
    direction = _direction(world)
    services.evidence_direction_correct(
        actor=world.caseworker,
        direction=direction,
        description="Paediatric report",
        directed_by=date(2026, 12, 8),
        witness_name="",
        provided_on=None,
        reason="The Tribunal set 8 December",
        expected_version=direction.version,
    )
    direction.refresh_from_db()
    assert direction.directed_by == date(2026, 12, 8) and direction.corrected
    assert direction.history.order_by("history_id").first().directed_by == date(2026, 12, 1)
    assert [d.directed_by for d in directions_outstanding_for(world.health)] == [date(2026, 12, 8)]
    entry = AuditEntry.objects.filter(action="update", object_id=str(direction.pk)).order_by(
        "-at", "-pk"
    )[0]
    assert "The Tribunal set 8 December" in entry.summary


def test_withdrawing_a_direction_takes_it_off_the_board(world: World) -> None:
    direction = _direction(world)
    assert list(directions_outstanding_for(world.health)) == [direction]
    with pytest.raises(ValidationError):
        services.evidence_direction_withdraw(
            actor=world.health, direction=direction, reason="No", expected_version=direction.version
        )
    services.evidence_direction_withdraw(
        actor=world.caseworker,
        direction=direction,
        reason="Directed to social care, not health",
        expected_version=direction.version,
    )
    assert not directions_outstanding_for(world.health).exists()
    assert EvidenceDirection.objects.filter(pk=direction.pk).exists()
    with pytest.raises(ValidationError):
        services.evidence_direction_mark_provided(
            actor=world.health, direction=direction, provided_on=date(2026, 11, 20)
        )
    # The same direction, recorded again as it really was, is not refused as a repeat.
    again = _direction(world, appeal=direction.appeal)
    assert again.pk != direction.pk


def test_the_direction_page(world: World) -> None:
    direction = _direction(world)
    url = reverse("appeals:direction-correct", args=[direction.pk])
    client = _client(world.caseworker)
    response = client.get(url)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert AuditEntry.objects.filter(
        action="view", actor=world.caseworker, child=world.child
    ).exists()
    withdrawn = client.post(
        url, {"withdraw-reason": "Recorded in error", "withdraw-version": direction.version}
    )
    assert withdrawn.status_code == 302
    page = client.get(reverse("appeals:detail", args=[direction.appeal_id])).content.decode()
    assert "<s>Written evidence: Paediatric report</s>" in page
    assert reverse("appeals:direction-provided", args=[direction.pk]) not in page
    assert client.get(reverse("appeals:direction-provided", args=[direction.pk])).status_code == 404
    for outsider in (world.health, world.parent):
        assert _client(outsider).get(url).status_code == 403
