"""A plan form posted without the version it was opened at is refused, not saved over
whatever another person saved meanwhile."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from redress.plans.tests.helpers import ChildFactory, caseworker_for, ready_plan

pytestmark = pytest.mark.django_db


@time_machine.travel(date(2026, 11, 29))
def test_a_section_posted_without_its_version_is_refused_and_keeps_the_text() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    plan = ready_plan(child, actor)
    before = plan.sections.get(code="A").text
    client = Client()
    client.force_login(actor)
    url = reverse("plans:section", args=[plan.pk, "A"])
    refused = client.post(url, {"text": "Overwrites someone's change."})
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "Someone else changed this case after you opened it" in page
    assert "Overwrites someone&#x27;s change." in page  # the person's words are kept
    assert plan.sections.get(code="A").text == before
    child.refresh_from_db()
    # The page now carries the current version: sending again saves.
    again = client.post(url, {"text": "Checked and saved.", "version": child.version})
    assert again.status_code == 302
    assert plan.sections.get(code="A").text == "Checked and saved."
