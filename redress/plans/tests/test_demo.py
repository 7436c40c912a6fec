"""The plans demo loads on the demo's first load: plans with sections A to K, a therapy in G,
reviews at several stages, phase-transfer cohorts and a cessation, every date from the engine."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
import time_machine

from redress.casework.models import Deadline
from redress.plans.checks import section21_warnings
from redress.plans.models import Cessation, PhaseTransfer, Plan, ReviewCycle, ReviewStep
from redress.plans.sections import SECTIONS
from redress.plans.selectors import phase_transfer_cohort

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 25)


@pytest.fixture(scope="module")
def demo(demo_database: Any) -> Iterator[None]:
    with demo_database(children=200, today=TODAY):
        yield


@time_machine.travel(TODAY)
def test_the_demo_has_plans_reviews_transfers_and_a_cessation(demo: None) -> None:
    finals = Plan.objects.filter(supersedes__isnull=True, status__in=["final", "amended"])
    assert finals.count() >= 20
    plan = finals.first()
    assert plan is not None
    assert all(s.text for s in plan.sections.all())
    assert [s.code for s in plan.sections.order_by("id")] == [s.code for s in SECTIONS]
    assert any(section21_warnings(p) for p in Plan.objects.all())

    rules = set(Deadline.objects.values_list("rule", flat=True))
    assert {"review.meeting_notice", "review.advice_circulated"} <= rules
    assert "review.amendment_representations" in rules
    overdue = Deadline.objects.filter(rule="review.decision", status="overdue")
    assert overdue.exists()
    assert ReviewStep.objects.filter(decision="amend").exists()
    assert Plan.objects.filter(supersedes__isnull=False, status="draft").exists()
    assert ReviewCycle.objects.filter(meeting_planned_for__gt=TODAY).exists()

    assert PhaseTransfer.objects.filter(year=2027).count() >= 3
    coming = phase_transfer_cohort(user=_manager(), year=2027, today=TODAY)
    last = phase_transfer_cohort(user=_manager(), year=2026, today=TODAY)
    assert coming.done >= 1 and len(coming.rows) > coming.done
    assert last.late >= 1
    assert Cessation.objects.count() == 1
    assert Deadline.objects.filter(rule="appeal.lodge", due__gte=TODAY).exists()


def _manager():  # type: ignore[no-untyped-def]
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="manager")
