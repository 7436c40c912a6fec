"""Correcting or withdrawing a recorded agreement step (decision 0100): the agreement's date, the
agreement recorded in error, and the day an action was done (taking a "done" back is the undo
the app already had, reached from the same page)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from redress.agreements import services
from redress.agreements.events import agreement_in_force
from redress.agreements.models import ActionDoneUndo, MediationAgreement
from redress.agreements.tests.helpers import World, build_world
from redress.audit.models import AuditEntry
from redress.casework.deadlines import events_for_child, events_for_children
from redress.casework.models import Deadline
from redress.core.versions import ConcurrentEditError
from redress.mediation import services as mediation_services
from redress.mediation.models import Outcome

pytestmark = pytest.mark.django_db

AGREED = date(2026, 12, 23)
TODAY = date(2027, 1, 20)


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def world() -> World:
    return build_world(held_on=AGREED)


def _in_force(world: World) -> tuple[MediationAgreement, Any]:
    mediator = world.users["mediator"]
    agreement = services.agreement_create(
        actor=mediator, case=world.case, made_on=AGREED, la_party=True, health_party=True
    )
    action = services.action_add(
        actor=mediator, agreement=agreement, expected_version=agreement.version,
        what="Add speech and language therapy to section F", who="Northwick SEND team",
        measure="The amended plan shows it", kind="amend_contents", timing="statutory",
        agreed_due=None, plan_section="F",
    )  # fmt: skip
    for party in agreement.parties():
        agreement.refresh_from_db()
        services.acceptance_record(
            actor=mediator, agreement=agreement, expected_version=agreement.version,
            party=party, accepted_by_name=f"Someone for {party}", accepted_on=AGREED,
        )  # fmt: skip
    agreement.refresh_from_db()
    action.refresh_from_db()
    return agreement, action


def _row(action: Any) -> Deadline:
    return Deadline.objects.get(rule="agreement.action", ref=action.ref)


def _types(world: World) -> list[str]:
    return [e["type"] for e in events_for_child(world.case.child)]


def _batch_types(world: World) -> list[str]:
    child = world.case.child
    return [e["type"] for e in events_for_children([child])[child.pk]]


def test_correcting_the_agreement_date_moves_the_actions_and_keeps_it_in_force(
    world: World,
) -> None:
    agreement, action = _in_force(world)
    assert _row(action).due == date(2027, 1, 27)
    services.agreement_correct(
        actor=world.users["case_manager"], agreement=agreement, made_on=date(2026, 12, 30),
        reason="Signed on the 30th", expected_version=agreement.correction_version,
    )  # fmt: skip
    assert _row(action).due == date(2027, 2, 3)
    agreement.refresh_from_db()
    assert agreement_in_force(agreement)
    assert agreement.history.filter(made_on=AGREED).exists()
    latest = agreement.history.order_by("-history_id").first()
    assert latest.history_change_reason == "Corrected: Signed on the 30th"
    entry = AuditEntry.objects.filter(object_id=str(agreement.pk), action="update").latest(
        "at", "pk"
    )
    assert "Signed on the 30th" in entry.summary and entry.actor == world.users["case_manager"]


def test_a_withdrawn_agreement_is_left_out_of_the_engine(world: World) -> None:
    agreement, action = _in_force(world)
    services.agreement_withdraw(
        actor=world.users["mediator"], agreement=agreement, reason="Wrong mediation",
        expected_version=agreement.correction_version,
    )  # fmt: skip
    assert "mediation_agreement" not in _types(world)
    assert "mediation_agreement" not in _batch_types(world)
    assert not Deadline.objects.filter(rule="agreement.action").exists()
    assert MediationAgreement.objects.filter(pk=agreement.pk).exists()


def test_correcting_the_day_an_action_was_done(world: World) -> None:
    agreement, action = _in_force(world)
    caseworker = world.users["caseworker"]
    services.action_done_record(actor=caseworker, action=action, done_on=date(2027, 1, 15))
    action.refresh_from_db()
    services.action_done_correct(
        actor=caseworker, action=action, done_on=date(2027, 1, 14),
        reason="Sent on the 14th", expected_version=action.version,
    )  # fmt: skip
    assert _row(action).met_on == date(2027, 1, 14)
    assert action.history.filter(done_on=date(2027, 1, 15)).exists()


def test_taking_back_done_from_the_correction_page_uses_the_undo(world: World) -> None:
    agreement, action = _in_force(world)
    caseworker = world.users["caseworker"]
    services.action_done_record(actor=caseworker, action=action, done_on=date(2027, 1, 15))
    action.refresh_from_db()
    client = Client()
    client.force_login(caseworker)
    url = reverse("agreements:action-done-correct", args=[agreement.pk, action.pk])
    response = client.post(url, {"withdraw-reason": "Not sent yet", "withdraw-version": 0})
    assert response.status_code == 200
    assert "Someone else changed" in response.content.decode()
    response = client.post(
        url, {"withdraw-reason": "Not sent yet", "withdraw-version": action.version}
    )
    assert response.status_code == 302
    assert "agreement_action_done" not in _types(world)
    undo = ActionDoneUndo.objects.get(action=action)
    assert (undo.was_done_on, undo.reason) == (date(2027, 1, 15), "Not sent yet")
    assert action.history.order_by("-history_id").first().history_change_reason == (
        "Done taken back: Not sent yet"
    )


def test_a_reason_is_required_and_a_stale_form_is_refused(world: World) -> None:
    agreement, _action = _in_force(world)
    manager = world.users["case_manager"]
    with pytest.raises(ValidationError) as refused:
        services.agreement_withdraw(
            actor=manager, agreement=agreement, reason="", expected_version=1
        )
    assert "reason" in refused.value.message_dict
    with pytest.raises(ConcurrentEditError):
        services.agreement_correct(
            actor=manager, agreement=agreement, made_on=date(2026, 12, 30), reason="Why",
            expected_version=agreement.correction_version + 1,
        )  # fmt: skip
    agreement.refresh_from_db()
    assert agreement.made_on == AGREED and not agreement.withdrawn


def test_someone_who_may_not_record_the_step_is_refused(world: World) -> None:
    agreement, action = _in_force(world)
    with pytest.raises(PermissionDenied):
        services.agreement_withdraw(
            actor=world.users["caseworker"], agreement=agreement, reason="No",
            expected_version=agreement.correction_version,
        )  # fmt: skip
    services.action_done_record(
        actor=world.users["caseworker"], action=action, done_on=date(2027, 1, 15)
    )
    action.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.action_done_correct(
            actor=world.users["parent"], action=action, done_on=date(2027, 1, 14),
            reason="No", expected_version=action.version,
        )  # fmt: skip


def test_the_correction_page_shows_the_history_audited_and_not_stored(world: World) -> None:
    agreement, _action = _in_force(world)
    manager = world.users["case_manager"]
    services.agreement_correct(
        actor=manager, agreement=agreement, made_on=date(2026, 12, 30),
        reason="Signed on the 30th", expected_version=agreement.correction_version,
    )  # fmt: skip
    client = Client()
    client.force_login(manager)
    response = client.get(reverse("agreements:agreement-correct", args=[agreement.pk]))
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert "23 December 2026" in page and "Signed on the 30th" in page
    assert AuditEntry.objects.filter(action="view", actor=manager).exists()
    detail = client.get(reverse("agreements:detail", args=[agreement.pk])).content.decode()
    assert reverse("agreements:agreement-correct", args=[agreement.pk]) in detail
    assert "Corrected" in detail


def test_the_conclusion_cannot_be_withdrawn_under_a_written_agreement(world: World) -> None:
    agreement, _ = _in_force(world)
    case = world.case
    mediation_services.mediation_conclude(
        actor=world.users["adviser"], case=case, concluded_on=AGREED, outcome=Outcome.AGREEMENT,
        expected_version=case.version,
    )  # fmt: skip
    case.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        mediation_services.case_step_withdraw(
            actor=world.users["adviser"], case=case, step="concluded", reason="Wrong case",
            expected_version=case.version,
        )  # fmt: skip
    assert "withdraw the agreement first" in str(refused.value)
    case.refresh_from_db()
    assert case.outcome == Outcome.AGREEMENT


def test_the_not_done_after_all_page_refuses_a_stale_form(world: World) -> None:
    agreement, action = _in_force(world)
    caseworker = world.users["caseworker"]
    services.action_done_record(actor=caseworker, action=action, done_on=date(2027, 1, 15))
    action.refresh_from_db()
    client = Client()
    client.force_login(caseworker)
    url = reverse("agreements:action-undo-done", args=[agreement.pk, action.pk])
    assert f'value="{action.version}"' in client.get(url).content.decode()
    response = client.post(url, {"reason": "Not sent yet", "version": action.version - 1})
    assert response.status_code == 200
    assert "Someone else changed" in response.content.decode()
    response = client.post(url, {"reason": "Not sent yet", "version": action.version})
    assert response.status_code == 302
    assert ActionDoneUndo.objects.filter(action=action).exists()
