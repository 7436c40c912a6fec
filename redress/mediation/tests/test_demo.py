"""The demo's mediation cases: one at each stage, with the engine's deadlines."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from redress.casework.models import Deadline
from redress.mediation import selectors
from redress.mediation.models import MediationCase, MediationCertificate

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 25)


@pytest.fixture(scope="module")
def demo(demo_database: Any) -> Iterator[None]:
    with demo_database(children=40, today=TODAY):
        yield


def test_the_demo_has_a_mediation_case_at_each_stage(demo: None) -> None:
    with time_machine.travel(TODAY, tick=False):
        cases = MediationCase.objects.filter(created_by__username="mediation-adviser")
        assert cases.count() == 6
        assert cases.filter(outcome="agreement").count() == 1  # for the agreements app
        assert cases.filter(outcome="no_agreement", certificates__reason="after_mediation")
        assert MediationCertificate.objects.filter(case__in=cases, reason="declined").count() == 1
        health = cases.get(health_notified_on__isnull=False)
        assert health.health_commissioner is not None and health.has_health_issues
        upcoming = cases.get(meetings__status="scheduled")
        assert upcoming.child.first_name == "Ada" and upcoming.mediator.username == "mediator"
        assert upcoming.attendees.filter(role="lawyer").exists()
        assert upcoming.entries.filter(text__contains="lawyer").exists()
        assert Deadline.objects.filter(child=upcoming.child, rule="mediation.meeting_notice",
                                       status="met").exists()  # fmt: skip
        # The LA officer without confirmed authority is flagged in the week of the meeting.

        adviser = upcoming.provider.memberships.get(user__username="mediation-adviser").user
        meeting_day = upcoming.current_meeting.meeting_date  # type: ignore[union-attr]
        warnings = selectors.attendees_without_confirmed_authority(adviser, meeting_day)
        assert [w.attendee.name for w in warnings] == ["Casey Worker"]
        # The demo parent sees their child's case page.
        client = Client()
        client.force_login(upcoming.child.family.get(user__username="parent").user)
        page = client.get(reverse("mediation:case-detail", args=[upcoming.pk]))
        assert page.status_code == 200 and b"Northwick Library" in page.content
