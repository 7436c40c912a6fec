"""A review meeting moved after the invitations went out: the move is saved, the invitations for
the earlier date no longer meet the new date's two weeks' notice, and the new invitations can be
recorded (SEND Regulations 2014 reg 20(3), reg 21(3))."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from redress.casework.models import Deadline
from redress.plans import services
from redress.plans.models import ReviewStep
from redress.plans.tests.helpers import ChildFactory, caseworker_for, issued_plan

pytestmark = pytest.mark.django_db


def _notice(child: object) -> list[tuple[date, str, date | None]]:
    return [
        (d.due, d.status, d.met_on)
        for d in Deadline.objects.filter(child=child, rule="review.meeting_notice")
    ]


def test_a_meeting_moved_after_the_invitations_needs_and_records_new_invitations() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    with time_machine.travel(date(2026, 11, 2)):
        plan = issued_plan(child, actor, draft=date(2025, 12, 1), final=date(2026, 1, 5))
        cycle = services.review_start(
            actor=actor, plan=plan, meeting_planned_for=date(2026, 12, 4), expected_version=None
        )
        services.review_step_record(
            actor=actor, cycle=cycle, kind="invitations_sent", when=date(2026, 11, 2),
            expected_version=None,
        )  # fmt: skip
        assert _notice(child) == [(date(2026, 11, 20), "met", date(2026, 11, 2))]
    with time_machine.travel(date(2026, 12, 1)):
        # The meeting moves to Fri 8 Jan 2027: notice due Fri 25 Dec 2026, Christmas Day.
        services.review_meeting_arrange(
            actor=actor, cycle=cycle, meeting_planned_for=date(2027, 1, 8),
            meeting_arranged_on=date(2026, 12, 1), expected_version=None,
        )  # fmt: skip
        assert _notice(child) == [(date(2026, 12, 25), "pending", None)]
        client = Client()
        client.force_login(actor)
        page = client.get(reverse("plans:review", args=[cycle.pk])).content.decode()
        assert "for the earlier meeting date" in page
        assert reverse("plans:review-step", args=[cycle.pk, "invitations_sent"]) in page
        with pytest.raises(ValidationError) as too_early:
            services.review_step_record(
                actor=actor, cycle=cycle, kind="invitations_sent", when=date(2026, 11, 30),
                expected_version=None,
            )  # fmt: skip
        assert "before the meeting was arranged" in str(too_early.value)
        services.review_step_record(
            actor=actor, cycle=cycle, kind="invitations_sent", when=date(2026, 12, 1),
            expected_version=None,
        )  # fmt: skip
        assert _notice(child) == [(date(2026, 12, 25), "met", date(2026, 12, 1))]
        assert ReviewStep.objects.filter(cycle=cycle, kind="invitations_sent").count() == 1
        with pytest.raises(ValidationError) as twice:
            services.review_step_record(
                actor=actor, cycle=cycle, kind="invitations_sent", when=date(2026, 12, 1),
                expected_version=None,
            )  # fmt: skip
        assert "already recorded" in str(twice.value)
