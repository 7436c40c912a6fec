"""A review decision's letter gives the family the dates of that decision's appeal window only,
not those of a later decision or of an earlier plan's notice that are still running."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from redress.plans import services
from redress.plans.models import ReviewCycle
from redress.plans.tests.helpers import ChildFactory, caseworker_for, issued_plan

pytestmark = pytest.mark.django_db


def _maintained_at(cycle: ReviewCycle, actor: object, meeting: date, decided: date) -> None:
    services.review_step_record(
        actor=actor, cycle=cycle, kind="meeting_held", when=meeting, expected_version=None
    )
    services.review_step_record(
        actor=actor, cycle=cycle, kind="decision", when=decided, decision="maintain",
        expected_version=None,
    )  # fmt: skip


@time_machine.travel(date(2026, 12, 1))
def test_each_review_letter_shows_its_own_decisions_dates() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    plan = issued_plan(child, actor, draft=date(2025, 9, 1), final=date(2025, 10, 1))
    first = services.review_start(actor=actor, plan=plan, expected_version=None)
    # Decision Mon 28 Sep 2026: its mediation adviser window runs to Sat 28 Nov 2026.
    _maintained_at(first, actor, date(2026, 9, 7), date(2026, 9, 28))
    second = services.review_start(actor=actor, plan=plan, expected_version=None)
    # Decision Mon 30 Nov 2026: windows to Sat 30 Jan 2027 (appeal moved to Mon 1 Feb 2027).
    _maintained_at(second, actor, date(2026, 11, 16), date(2026, 11, 30))
    client = Client()
    client.force_login(actor)

    first_letter = client.get(reverse("plans:decision-letter", args=[first.pk])).content.decode()
    assert "28 November 2026" in first_letter
    assert "30 January 2027" not in first_letter
    assert "1 February 2027" not in first_letter

    second_letter = client.get(reverse("plans:decision-letter", args=[second.pk])).content.decode()
    assert "30 January 2027" in second_letter
    assert "1 February 2027" in second_letter
    assert "28 November 2026" not in second_letter
