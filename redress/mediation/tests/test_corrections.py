"""Correcting or withdrawing a recorded mediation step (decision 0100): a date on the case (first
contact, the family's choice, the local authority told...), a certificate, a meeting arranged or
held. The original stays in the history, the deadlines follow, the mediator's notes never show."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, time

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from redress.audit.models import AuditEntry
from redress.casework.deadlines import events_for_child, events_for_children
from redress.casework.models import Deadline
from redress.core.versions import ConcurrentEditError
from redress.mediation import services
from redress.mediation.models import (
    FamilyChoice,
    MediationCase,
    MediationCertificate,
    MediatorNote,
    Outcome,
)
from redress.mediation.tests.factories import World, make_world, open_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return make_world()


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel(date(2027, 6, 1), tick=False):
        yield


def _deadline(world: World, rule: str) -> Deadline:
    return Deadline.objects.get(child=world.child, rule=rule)


def _types(world: World) -> list[str]:
    return [e["type"] for e in events_for_child(world.child)]


def _batch_types(world: World) -> list[str]:
    return [e["type"] for e in events_for_children([world.child])[world.child.pk]]


def _declined(world: World) -> tuple[MediationCase, MediationCertificate]:
    case = open_case(world, notice=date(2026, 12, 1), contacted=date(2026, 12, 10))
    services.mediation_choice_record(
        actor=world.adviser, case=case, choice=FamilyChoice.DECLINED, on=date(2026, 12, 23)
    )
    certificate = services.mediation_certificate_issue(
        actor=world.adviser, case=case, reason="declined", issued_on=date(2026, 12, 30)
    )
    case.refresh_from_db()
    return case, certificate


def _held(world: World) -> MediationCase:
    case = open_case(world, notice=date(2027, 3, 1), contacted=date(2027, 3, 10))
    services.mediation_choice_record(
        actor=world.adviser, case=case, choice=FamilyChoice.WISHES, on=date(2027, 3, 24)
    )
    services.mediation_la_told_record(actor=world.adviser, case=case, on=date(2027, 3, 24))
    services.mediation_meeting_schedule(
        actor=world.adviser, case=case, meeting_date=date(2027, 4, 20),
        start_time=time(10, 0), place="Northwick Library",
    )  # fmt: skip
    services.mediation_held_record(actor=world.adviser, case=case, held_on=date(2027, 4, 20))
    case.refresh_from_db()
    return case


def test_correcting_when_the_la_was_told_moves_the_meeting_deadline(world: World) -> None:
    case = _held(world)
    assert _deadline(world, "mediation.held").due == date(2027, 4, 23)
    services.case_step_correct(
        actor=world.adviser, case=case, step="la-told", on=date(2027, 3, 23),
        reason="The council's email is dated 23 March", expected_version=case.version,
    )  # fmt: skip
    assert _deadline(world, "mediation.held").due == date(2027, 4, 22)
    case.refresh_from_db()
    assert case.corrected_by == world.adviser
    assert case.history.filter(la_told_on=date(2027, 3, 24)).exists()
    entry = AuditEntry.objects.filter(child=world.child, action="update").latest("at", "pk")
    assert "The council's email is dated 23 March" in entry.summary
    assert entry.actor == world.adviser


def test_correcting_the_certificate_date_moves_when_it_was_met(world: World) -> None:
    case, certificate = _declined(world)
    assert _deadline(world, "mediation.certificate_declined").met_on == date(2026, 12, 30)
    services.certificate_correct(
        actor=world.adviser, certificate=certificate, issued_on=date(2026, 12, 29),
        reason="Issued the day before", expected_version=certificate.version,
    )  # fmt: skip
    assert _deadline(world, "mediation.certificate_declined").met_on == date(2026, 12, 29)
    earliest = certificate.history.order_by("history_id").first()
    assert earliest.issued_on == date(2026, 12, 30)


def test_a_withdrawn_certificate_is_left_out_of_the_engine(world: World) -> None:
    case, certificate = _declined(world)
    assert "certificate_issued" in _types(world)
    services.certificate_withdraw(
        actor=world.adviser, certificate=certificate, reason="Issued on the wrong case",
        expected_version=certificate.version,
    )  # fmt: skip
    assert "certificate_issued" not in _types(world)
    assert "certificate_issued" not in _batch_types(world)
    assert MediationCertificate.objects.filter(pk=certificate.pk).exists()
    assert _deadline(world, "mediation.certificate_declined").met_on is None


def test_the_choice_a_standing_certificate_rests_on_cannot_be_withdrawn(world: World) -> None:
    case, _certificate = _declined(world)
    with pytest.raises(ValidationError) as refused:
        services.case_step_withdraw(
            actor=world.adviser, case=case, step="choice", reason="Wrong",
            expected_version=case.version,
        )  # fmt: skip
    assert "withdraw the certificate first" in " ".join(refused.value.message_dict["reason"])


def test_a_meeting_recorded_as_held_is_corrected_or_withdrawn(world: World) -> None:
    case = _held(world)
    meeting = case.current_meeting
    assert _deadline(world, "mediation.held").met_on == date(2027, 4, 20)
    services.meeting_correct(
        actor=world.adviser, meeting=meeting, meeting_date=date(2027, 4, 21),
        scheduled_on=meeting.scheduled_on, held_on=date(2027, 4, 21),
        reason="Held a day later", expected_version=meeting.version,
    )  # fmt: skip
    assert _deadline(world, "mediation.held").met_on == date(2027, 4, 21)
    meeting.refresh_from_db()
    services.meeting_withdraw(
        actor=world.adviser, meeting=meeting, reason="Recorded on the wrong case",
        expected_version=meeting.version,
    )  # fmt: skip
    assert "mediation_held" not in _types(world)
    assert "mediation_scheduled" not in _batch_types(world)
    case.refresh_from_db()
    assert case.current_meeting is None


def test_a_concluded_mediation_keeps_its_held_meeting(world: World) -> None:
    case = _held(world)
    services.mediation_conclude(
        actor=world.adviser, case=case, concluded_on=date(2027, 4, 20), outcome=Outcome.NO_AGREEMENT
    )
    meeting = case.current_meeting
    with pytest.raises(ValidationError):
        services.meeting_withdraw(
            actor=world.adviser, meeting=meeting, reason="Wrong", expected_version=meeting.version
        )


def test_a_reason_is_required_and_a_stale_form_is_refused(world: World) -> None:
    case = open_case(world)
    with pytest.raises(ValidationError) as refused:
        services.case_step_correct(
            actor=world.adviser, case=case, step="first-contact", on=date(2026, 10, 6),
            reason=" ", expected_version=case.version,
        )  # fmt: skip
    assert "reason" in refused.value.message_dict
    with pytest.raises(ConcurrentEditError):
        services.case_step_correct(
            actor=world.adviser, case=case, step="first-contact", on=date(2026, 10, 6),
            reason="Rang on the 6th", expected_version=case.version - 1,
        )  # fmt: skip
    case.refresh_from_db()
    assert case.adviser_contacted_on == date(2026, 10, 5)


def test_someone_who_may_not_record_the_step_is_refused(world: World) -> None:
    case, certificate = _declined(world)
    for actor in (world.caseworker, make_world(name="Southby").adviser):
        with pytest.raises(PermissionDenied):
            services.case_step_withdraw(
                actor=actor, case=case, step="first-contact", reason="No",
                expected_version=case.version,
            )  # fmt: skip
    # The mediator may change the case but not issue certificates.
    with pytest.raises(PermissionDenied):
        services.certificate_withdraw(
            actor=world.mediator, certificate=certificate, reason="No",
            expected_version=certificate.version,
        )  # fmt: skip
    certificate.refresh_from_db()
    assert not certificate.withdrawn


def test_the_correction_page_shows_history_never_the_notes(world: World) -> None:
    case, certificate = _declined(world)
    case.mediator = world.mediator
    case.save()
    MediatorNote.objects.create(case=case, author=world.mediator, text="SECRET-NOTE-TEXT")
    services.case_step_correct(
        actor=world.adviser, case=case, step="first-contact", on=date(2026, 12, 9),
        reason="Rang on the 9th", expected_version=case.version,
    )  # fmt: skip
    for user in (world.adviser, world.mediator):
        client = Client()
        client.force_login(user)
        response = client.get(reverse("mediation:step-correct", args=[case.pk, "first-contact"]))
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
        page = response.content.decode()
        assert "10 December 2026" in page and "Rang on the 9th" in page
        assert "SECRET-NOTE" not in page
    assert AuditEntry.objects.filter(action="view", actor=world.mediator, child=world.child)


def test_the_certificate_page_says_a_sent_certificate_stays_sent(world: World) -> None:
    case, certificate = _declined(world)
    MediationCertificate.objects.filter(pk=certificate.pk).update(
        sent_on=date(2026, 12, 30), sent_to="Jo Example"
    )
    client = Client()
    client.force_login(world.adviser)
    url = reverse("mediation:certificate-correct", args=[case.pk, certificate.pk])
    assert "It stays sent" in client.get(url).content.decode()
    response = client.post(url, {"withdraw-reason": "Wrong case", "withdraw-version": 1})
    assert response.status_code == 302
    page = client.get(reverse("mediation:case-detail", args=[case.pk])).content.decode()
    assert "<s>The family does not wish to mediate" in page and "Wrong case" in page


def test_a_stale_page_keeps_what_was_typed(world: World) -> None:
    case = open_case(world)
    client = Client()
    client.force_login(world.adviser)
    response = client.post(
        reverse("mediation:step-correct", args=[case.pk, "first-contact"]),
        {"version": case.version - 1, "on_day": "6", "on_month": "10", "on_year": "2026",
         "reason": "Rang on the 6th"},
    )  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in page
    assert ConcurrentEditError.message.split(".")[0] in page and "Rang on the 6th" in page
