"""A family's request becomes a task for the person who must act, with a day to answer by, on
their dashboard and in an email; the family sees where it has got to and the reply."""

from __future__ import annotations

from datetime import date
from io import StringIO
from typing import Any

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client

from redress.accounts.models import Organisation, Role
from redress.family.models import FamilyRequest
from redress.notifications.tests.conftest import Cases, Inbox, make_user, staff

pytestmark = pytest.mark.django_db

MONDAY = date(2026, 3, 2)


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_new_contact_details_are_a_task_for_the_caseworker_and_the_family_sees_the_reply(
    cases: Cases, smtp_server: Inbox
) -> None:
    with time_machine.travel(MONDAY):
        family = signed_in(cases.parent)
        response = family.post(
            f"/family/cases/{cases.family.pk}/ask/contact-details/",
            {"text": "We have moved to 4 New Road, Northtown, from 1 March."},
        )
        assert response.status_code == 302
        request = FamilyRequest.objects.get(child=cases.family)
        assert request.kind == FamilyRequest.Kind.CONTACT_DETAILS
        assert request.assignee == cases.caseworker
        assert request.answer_by == date(2026, 3, 9)  # 5 working days
        assert request.status == FamilyRequest.Status.RECEIVED
        # The caseworker is told, by email (the outbox, delivered every few minutes), with the day.
        call_command("send_reminders", "--deliver-only", stdout=StringIO())
        with smtp_server.lock:
            sent = [(m["To"], m["Subject"]) for m in smtp_server.messages]
        assert ("casey@example.invalid", "A family's request to answer by 9 March 2026") in sent
        # ... and sees it on their dashboard.
        caseworker = signed_in(cases.caseworker)
        board = caseworker.get("/dashboard/").content.decode()
        assert "requests to answer (1)" in board
        assert f"/family/requests/{request.pk}/" in board

        page = family.get(f"/family/cases/{cases.family.pk}/").content.decode()
        assert "New contact details" in page and "Received" in page
        assert "Monday 9 March 2026" in page

        caseworker.post(f"/family/requests/{request.pk}/", {"status": "in_progress", "reply": ""})
        assert (
            "Being dealt with" in family.get(f"/family/cases/{cases.family.pk}/").content.decode()
        )

        refused = caseworker.post(
            f"/family/requests/{request.pk}/", {"status": "done", "reply": ""}
        )
        assert "Write a reply to the family" in refused.content.decode()
        caseworker.post(
            f"/family/requests/{request.pk}/",
            {"status": "done", "reply": "Thank you. We have changed your address."},
        )
        page = family.get(f"/family/cases/{cases.family.pk}/").content.decode()
        assert "Done" in page and "Thank you. We have changed your address." in page
        assert "requests to answer" not in caseworker.get("/dashboard/").content.decode()


def test_a_document_sent_is_a_task_for_the_caseworker(cases: Cases) -> None:
    family = signed_in(cases.parent)
    upload = SimpleUploadedFile("letter.txt", b"A letter from the speech therapist.\n")
    response = family.post(
        f"/family/cases/{cases.family.pk}/documents/new/",
        {"document": upload, "description": "Speech therapy letter"},
    )
    assert response.status_code == 302
    task = FamilyRequest.objects.get(child=cases.family, kind=FamilyRequest.Kind.DOCUMENT)
    assert task.assignee == cases.caseworker
    assert "Speech therapy letter" in task.text


def test_nobody_else_can_open_or_answer_a_task(cases: Cases) -> None:
    signed_in(cases.parent).post(
        f"/family/cases/{cases.family.pk}/ask/contact-details/", {"text": "New phone: 0700"}
    )
    task = FamilyRequest.objects.get()
    other_la = Organisation.objects.create(name="Southshire", kind="local_authority")
    outsider = staff("sally", Role.LA_CASEWORKER, other_la)
    for person in (outsider, cases.parent, make_user("nobody")):
        client = signed_in(person)
        assert client.get(f"/family/requests/{task.pk}/").status_code == 403
        assert (
            client.post(
                f"/family/requests/{task.pk}/", {"status": "done", "reply": "x"}
            ).status_code
            == 403
        )
    task.refresh_from_db()
    assert task.status == FamilyRequest.Status.RECEIVED
    # The council's manager sees the council's requests too.
    assert signed_in(cases.manager).get(f"/family/requests/{task.pk}/").status_code == 200


def test_an_agreed_action_not_done_is_a_task_for_the_providers_case_manager(db: None) -> None:
    from redress.agreements import services as agreement_services
    from redress.agreements.tests import test_services as agreement_tests
    from redress.mediation.models import MediationPolicy

    with time_machine.travel(agreement_tests.TODAY, tick=False):
        world = agreement_tests.build_world()
        agreement = agreement_tests._agreement(world)
        action = agreement_tests._action(world, agreement, kind="amend_school", plan_section="I")
        agreement_tests._accept_all(world, agreement)
        report = agreement_services.action_not_done_report(
            actor=world.users["parent"], action=action, text="No new school named yet."
        )
    task = FamilyRequest.objects.get(pk=report.family_request_id)
    assert task.assignee == world.users["case_manager"]
    assert task.organisation == world.provider
    assert task.answer_by is not None

    # A provider that does not follow up agreements leaves it to the caseworker.
    MediationPolicy.objects.filter(provider=world.provider).update(follows_up_agreements=False)
    with time_machine.travel(agreement_tests.TODAY, tick=False):
        report = agreement_services.action_not_done_report(
            actor=world.users["parent"], action=action, text="Still nothing, a week on."
        )
    task = FamilyRequest.objects.get(pk=report.family_request_id)
    assert task.organisation == task.child.local_authority
    assert task.assignee == task.child.caseworker
