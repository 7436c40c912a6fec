"""Reviewing direct payments (Personal Budgets Regulations 2014 reg 11; decision 0171): each
review and the authority's own date for the next, and the list of those whose date has come."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from redress.accounts.models import Role
from redress.casework.models import Child, Deadline
from redress.casework.tests.factories import FamilyMemberFactory, user_with_role
from redress.plans import services
from redress.plans.models import PersonalBudget
from redress.plans.tests.helpers import ChildFactory, caseworker_for, issued_plan

pytestmark = pytest.mark.django_db

TODAY = date(2027, 5, 3)


@pytest.fixture(autouse=True)
def _today() -> Any:
    with time_machine.travel(TODAY, tick=False):
        yield


def _paid(child: Child, actor: Any, review_on: date = date(2027, 4, 20)) -> PersonalBudget:
    plan = issued_plan(child, actor, draft=date(2025, 9, 1), final=date(2025, 10, 1))
    budget = services.personal_budget_request(
        actor=actor, plan=plan, requested_on=date(2026, 10, 1), requested_by="parent",
        expected_version=None,
    )  # fmt: skip
    return services.personal_budget_decide(
        actor=actor, budget=budget, decision="agreed", decided_on=date(2026, 10, 20),
        education_amount=Decimal("1250.00"), direct_payments=True,
        direct_payments_provision="Speech and language therapy chosen by the family.",
        direct_payments_review_on=review_on, expected_version=None,
    )  # fmt: skip


def _signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _version(child: Child) -> int:
    child.refresh_from_db(fields=["version"])
    return child.version


def test_a_review_sets_the_next_date_and_leaves_the_list_of_those_due() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    budget = _paid(child, actor)
    later = _paid(ChildFactory(local_authority=child.local_authority), actor, date(2027, 9, 1))
    elsewhere = ChildFactory()
    _paid(elsewhere, caseworker_for(elsewhere))
    client = _signed_in(actor)
    due = client.get(reverse("plans:direct-payments-due")).content.decode()
    assert f'data-dp-budget="{budget.pk}"' in due
    assert f'data-dp-budget="{later.pk}"' not in due  # its date has not come
    assert 'data-dp-count="1"' in due  # another authority's is not listed
    every = client.get(reverse("plans:direct-payments-due"), {"show": "all"}).content.decode()
    assert f'data-dp-budget="{later.pk}"' in every
    page_url = reverse("plans:budget", args=[budget.plan.pk])
    assert "data-dp-review-due" in client.get(page_url).content.decode()

    response = client.post(
        page_url,
        {"action": "dp_review", "version": _version(child),
         "reviewed_on_day": "28", "reviewed_on_month": "4", "reviewed_on_year": "2027",
         "outcome": "continue", "notes": "Used for the agreed therapy.",
         "next_review_on_day": "20", "next_review_on_month": "4", "next_review_on_year": "2028"},
    )  # fmt: skip
    assert response.status_code == 302
    budget.refresh_from_db()
    assert budget.direct_payments_review_on == date(2028, 4, 20)
    assert "data-dp-review-due" not in client.get(page_url).content.decode()
    due = client.get(reverse("plans:direct-payments-due")).content.decode()
    assert f'data-dp-budget="{budget.pk}"' not in due
    # The authority's own date: no deadline row, no engine rule.
    assert not Deadline.objects.filter(child=child, rule__icontains="direct").exists()

    # Withdrawn as recorded in error: the date set before it is the budget's again.
    review = budget.direct_payment_reviews.get()
    services.direct_payment_review_withdraw(
        actor=actor, review=review, reason="Recorded on the wrong child", expected_version=None
    )
    budget.refresh_from_db()
    assert budget.direct_payments_review_on == date(2027, 4, 20)


def test_a_review_needs_a_next_date_unless_the_payments_stop() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    budget = _paid(child, actor)
    with pytest.raises(ValidationError) as no_date:
        services.direct_payment_review_record(
            actor=actor, budget=budget, reviewed_on=date(2027, 4, 28), outcome="continue",
            expected_version=None,
        )  # fmt: skip
    assert "next_review_on" in no_date.value.message_dict
    with pytest.raises(ValidationError) as before_agreed:
        services.direct_payment_review_record(
            actor=actor, budget=budget, reviewed_on=date(2026, 10, 1), outcome="stopped",
            expected_version=None,
        )  # fmt: skip
    assert "reviewed_on" in before_agreed.value.message_dict
    services.direct_payment_review_record(
        actor=actor, budget=budget, reviewed_on=date(2027, 4, 28), outcome="stopped",
        notes="Not used for the agreed provision.", expected_version=None,
    )  # fmt: skip
    budget.refresh_from_db()
    assert budget.direct_payments_review_on is None


@pytest.mark.parametrize(
    ("who", "allowed"),
    [("caseworker", True), ("manager", True), ("other_caseworker", False), ("parent", False)],
)
def test_who_may_record_a_review_and_see_the_list(who: str, allowed: bool) -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    budget = _paid(child, actor)
    parent = user_with_role(Role.PARENT_CARER)
    FamilyMemberFactory(child=child, user=parent)
    users = {
        "caseworker": actor,
        "manager": user_with_role(Role.LA_MANAGER, child.local_authority),
        "other_caseworker": caseworker_for(ChildFactory()),
        "parent": parent,
    }
    client = _signed_in(users[who])
    listing = client.get(reverse("plans:direct-payments-due"))
    if who == "other_caseworker":
        assert f'data-dp-budget="{budget.pk}"' not in listing.content.decode()
    else:
        assert listing.status_code == (200 if allowed else 403)
    response = client.post(
        reverse("plans:budget", args=[budget.plan.pk]),
        {"action": "dp_review", "version": _version(child), "outcome": "stopped",
         "reviewed_on_day": "28", "reviewed_on_month": "4", "reviewed_on_year": "2027"},
    )  # fmt: skip
    assert response.status_code == (302 if allowed else 403)
    assert budget.direct_payment_reviews.exists() == allowed


def test_the_list_downloads_as_csv_as_filtered_for_the_authority_only() -> None:
    from redress.audit.models import AuditEntry

    child = ChildFactory(first_name="Amara", last_name="Example")
    actor = caseworker_for(child)
    _paid(child, actor)
    later = ChildFactory(first_name="Ben", last_name="Later", local_authority=child.local_authority)
    _paid(later, actor, date(2027, 9, 1))
    elsewhere = ChildFactory(first_name="Carl", last_name="Elsewhere")
    _paid(elsewhere, caseworker_for(elsewhere))
    url = reverse("plans:direct-payments-due-export")

    response = _signed_in(actor).get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    text = b"".join(response.streaming_content).decode()  # type: ignore[attr-defined]
    assert "Amara" in text and "2027-04-20" in text
    assert "Ben" not in text  # not yet due, as the page shows by default
    assert "Carl" not in text  # another authority's
    every = b"".join(
        _signed_in(actor).get(url, {"show": "all"}).streaming_content  # type: ignore[attr-defined]
    ).decode()
    assert "Ben" in every and "Carl" not in every
    assert AuditEntry.objects.filter(
        actor=actor, action="download", summary__contains="direct payments"
    ).exists()
    parent = user_with_role(Role.PARENT_CARER)
    assert _signed_in(parent).get(url).status_code == 403
