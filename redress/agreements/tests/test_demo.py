"""The demo loads an agreement with an overdue, a done and an agreed-date action, the family's
report and two expenses claims, and the engine tracks each action."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from redress.agreements.models import ActionReport, ExpensesClaim, MediationAgreement
from redress.casework.demo import demo_load
from redress.casework.models import Deadline
from redress.conftest import DemoDatabase

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 25)


@pytest.fixture(scope="class")
def demo(demo_database: DemoDatabase) -> Iterator[None]:
    # Class-scoped: the demo is gone again before the test without the cohort. The block keeps
    # the clock on TODAY.
    with demo_database(children=12, today=TODAY):
        yield


class TestTheTwelveChildDemo:
    def test_demo_has_an_agreement_followed_up(self, demo: None) -> None:
        agreement = MediationAgreement.objects.get()
        statuses = {
            d.ref: d.status
            for d in Deadline.objects.filter(child=agreement.case.child, rule="agreement.action")
        }
        actions = list(agreement.actions.order_by("id"))
        assert len(actions) == 3
        assert statuses[actions[0].ref] == "overdue"
        assert statuses[actions[1].ref] == "met"
        assert actions[2].timing == "agreed" and statuses[actions[2].ref] == "pending"
        assert ActionReport.objects.filter(action=actions[0]).count() == 1
        assert sorted(ExpensesClaim.objects.values_list("status", flat=True)) == [
            "approved",
            "submitted",
        ]


def test_the_demo_loads_an_agreement_without_the_cohort() -> None:
    assert not MediationAgreement.objects.exists()
    demo_load(password="demo-password-for-tests", children=0)
    agreement = MediationAgreement.objects.get()
    assert agreement.actions.count() == 3
    assert ActionReport.objects.filter(action__agreement=agreement).count() == 1
