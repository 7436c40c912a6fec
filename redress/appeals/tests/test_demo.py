"""The demo's appeals: each stage the issue asks for is there, with the engine's dates."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
import time_machine

from redress.appeals.models import Appeal, Recommendation
from redress.casework.models import Deadline

TODAY = date(2026, 11, 25)


@pytest.fixture(scope="module")
def demo(demo_database: Any) -> Iterator[None]:
    with demo_database(children=200, today=TODAY):
        yield


@pytest.mark.django_db
@time_machine.travel(TODAY, tick=False)
def test_demo_has_appeals_at_every_stage(demo: None) -> None:
    ada = Appeal.objects.get(child__first_name="Ada", child__last_name="Okafor")
    response = Deadline.objects.get(child=ada.child, rule="appeal.la_response")
    assert (ada.outcome, response.status) == ("", "pending")

    extended = Appeal.objects.get(recommendations_section_g=True)
    statuses = {
        r.section: Deadline.objects.get(
            child=extended.child, rule="recommendation.response", ref=r.engine_ref
        ).status
        for r in extended.recommendations.all()
    }
    assert statuses == {"G": "met", "C": "met", "H2": "late"}
    declined = extended.recommendations.get(section="C")
    assert declined.response_decision == Recommendation.ResponseDecision.DECLINES
    assert declined.response_reasons

    assess = Appeal.objects.get(orders__kind="assess", orders__source="tribunal")
    rows = {
        d.rule: d.status
        for d in Deadline.objects.filter(child=assess.child, rule__startswith="order.")
    }
    assert rows == {
        "order.assess_notice": "met",
        "order.plan_decision": "overdue",  # 10 weeks for the decision whether to make a plan
        "order.final_plan": "overdue",
    }

    assert Appeal.objects.filter(outcome="unopposed", orders__source="unopposed").exists()
    assert Appeal.objects.filter(settlement__ending="withdraw", outcome="").exists()
