"""The demo loads an agreement with an overdue, a done and an agreed-date action, the family's
report and two expenses claims, and the engine tracks each action."""

from __future__ import annotations

import pytest

from redress.agreements.models import ActionReport, ExpensesClaim, MediationAgreement
from redress.casework.demo import demo_load
from redress.casework.models import Deadline

pytestmark = pytest.mark.django_db


def test_demo_has_an_agreement_followed_up() -> None:
    demo_load(password="demo-password-for-tests", children=12)
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
    demo_load(password="demo-password-for-tests", children=0)
    agreement = MediationAgreement.objects.get()
    assert agreement.actions.count() == 3
    assert ActionReport.objects.filter(action__agreement=agreement).count() == 1
