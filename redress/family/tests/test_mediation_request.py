"""Asking for mediation: told as the law has it (periods from the rule catalogue), the provider's
contact details for the council, and recorded as the first contact in the provider's queue."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import time_machine
from django.test import Client

from redress.accounts.models import Organisation, Role
from redress.casework.models import FamilyMember
from redress.family.models import FamilyRequest
from redress.family.tests.test_plain_truth import visible_text
from redress.mediation.models import MediationCase
from redress.notifications.tests.conftest import Cases, make_user, staff
from redress.statutory.rules import rule_row

pytestmark = pytest.mark.django_db

ASKED_ON = date(2026, 2, 2)


def provider_for(cases: Cases) -> tuple[Organisation, Any]:
    provider = Organisation.objects.create(
        name="Fairway Mediation",
        kind=Organisation.Kind.MEDIATION_PROVIDER,
        phone="0300 123 4567",
        email="hello@fairway.example",
    )
    provider.serves.add(cases.la)
    manager = staff("mina", Role.MEDIATION_CASE_MANAGER, provider)
    return provider, manager


def form(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "decision": "not_assess",
        "decision_notice_date_day": "12",
        "decision_notice_date_month": "1",
        "decision_notice_date_year": "2026",
        "issues": ["education", "health"],
        "text": "We want speech therapy in the plan.",
    }
    data.update(changes)
    return data


def test_the_page_says_what_the_law_says_with_the_providers_details(cases: Cases) -> None:
    provider_for(cases)
    client = Client()
    client.force_login(cases.parent)
    text = visible_text(
        client.get(f"/family/cases/{cases.family.pk}/ask/mediation/").content.decode()
    )
    contact = rule_row("mediation.contact_adviser").period
    assert f"within {contact} of the date on the decision letter" in text
    assert rule_row("mediation.certificate_declined").period in text
    assert "does not stop the time to appeal" in text
    assert "1 month after the certificate" in text
    assert "Fairway Mediation" in text and "0300 123 4567" in text
    assert "hello@fairway.example" in text
    assert "section I" in text and "Mediation certificate" in text  # the words explained


def test_a_request_is_the_first_contact_in_the_providers_queue(cases: Cases) -> None:
    provider, manager = provider_for(cases)
    client = Client()
    with time_machine.travel(ASKED_ON):
        client.force_login(cases.parent)
        url = f"/family/cases/{cases.family.pk}/ask/mediation/"
        refused = client.post(url, form(issues=[]))
        assert "Choose at least one" in refused.content.decode()
        assert client.post(url, form()).status_code == 302
        mediation = MediationCase.objects.get(child=cases.family)
        assert mediation.provider == provider
        assert mediation.adviser_contacted_on == ASKED_ON
        assert mediation.decision_notice_date == date(2026, 1, 12)
        assert set(mediation.issues.values_list("kind", flat=True)) == {"education", "health"}
        request = FamilyRequest.objects.get(child=cases.family)
        assert mediation.family_request == request
        assert request.assignee == manager and request.organisation == provider
        assert request.issue_list == ["education", "health care"]
        # The family's time to contact the adviser is met: the engine recorded the contact.
        contact = cases.family.deadlines.get(rule="mediation.contact_adviser", met_on__isnull=False)
        assert contact.met_on == ASKED_ON
        # The provider's queue and dashboard show it.
        provider_client = Client()
        provider_client.force_login(manager)
        queue = provider_client.get("/mediation/").content.decode()
        assert "Cara Fam" in queue
        board = provider_client.get("/agreements/dashboard/").content.decode()
        assert f"/family/requests/{request.pk}/" in board
        # Sent twice (the back button): one case.
        again = client.post(url, form())
        assert "already asked for mediation about this decision" in again.content.decode()
        assert MediationCase.objects.filter(child=cases.family).count() == 1


def test_a_young_person_asks_for_their_own_mediation(cases: Cases) -> None:
    provider_for(cases)
    child = cases.family
    child.date_of_birth = date(2008, 1, 10)
    child.save()
    young = make_user("yasmin", "Yasmin", "Fam")
    FamilyMember.objects.create(
        child=child, user=young, name="Yasmin Fam", relationship="young_person"
    )
    client = Client()
    with time_machine.travel(ASKED_ON):
        client.force_login(young)
        response = client.post(f"/family/cases/{child.pk}/ask/mediation/", form())
        assert response.status_code == 302
    assert MediationCase.objects.get(child=child).created_by == young
