"""Suggested phase transfers are suggestions: none ticked, and the phase comes from the year
group and the school (a primary school has no infant-to-junior move). The annual review is not
begun twice."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from redress.casework.models import Child, Deadline
from redress.plans import services
from redress.plans.models import Placement, Plan
from redress.plans.tests.helpers import (
    ChildFactory,
    LocalAuthorityFactory,
    caseworker_for,
    issued_plan,
)

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 1)
# Born 1 March 2020: year 2 in the school year 2026/27, moving to year 3 in September 2027.
YEAR_2 = date(2020, 3, 1)


def _with_plan(la: Any, actor: Any, born: date, last_name: str, school: str) -> Child:
    child = ChildFactory(local_authority=la, date_of_birth=born, last_name=last_name)
    plan = issued_plan(child, actor, draft=date(2025, 9, 1), final=date(2025, 10, 1))
    Placement.objects.filter(plan=plan).update(institution_type=school, institution_name="")
    child.refresh_from_db()
    return child


def _signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@time_machine.travel(TODAY)
def test_a_primary_pupil_in_year_2_has_no_infant_to_junior_transfer_and_none_is_ticked() -> None:
    la = LocalAuthorityFactory()
    actor = caseworker_for(ChildFactory(local_authority=la))
    _with_plan(la, actor, YEAR_2, "Primaryson", "Maintained mainstream primary school")
    _with_plan(la, actor, YEAR_2, "Infantson", "Maintained infant school")
    _with_plan(la, actor, date(2016, 8, 31), "Sixer", "Maintained mainstream primary school")
    page = _signed_in(actor).get(reverse("plans:cohort-suggest") + "?year=2027").content.decode()
    assert "Primaryson" not in page
    assert "Infantson" in page and "Infant to junior school" in page
    assert "Sixer" in page
    boxes = re.findall(r'<input class="govuk-checkboxes__input"[^>]*>', page)
    assert len(boxes) == 2
    assert not any("checked" in box for box in boxes)


@time_machine.travel(TODAY)
def test_begin_the_annual_review_is_not_offered_while_one_is_in_progress() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    plan = issued_plan(child, actor, draft=date(2025, 9, 1), final=date(2025, 10, 1))
    client = _signed_in(actor)
    url = reverse("plans:detail", args=[plan.pk])
    assert "Begin the annual review" in client.get(url).content.decode()
    cycle = services.review_start(actor=actor, plan=plan, expected_version=None)
    page = client.get(url).content.decode()
    assert "Begin the annual review" not in page
    assert reverse("plans:review", args=[cycle.pk]) in page and "Continue the annual review" in page
    services.review_step_record(
        actor=actor, cycle=cycle, kind="meeting_held", when=date(2026, 9, 7), expected_version=None
    )
    services.review_step_record(
        actor=actor, cycle=cycle, kind="decision", when=date(2026, 9, 8), decision="maintain",
        expected_version=None,
    )  # fmt: skip
    assert "Begin the annual review" in client.get(url).content.decode()


@time_machine.travel(date(2027, 3, 1))
def test_only_an_amendment_made_for_the_transfer_marks_it_done() -> None:
    child = ChildFactory(date_of_birth=date(2015, 10, 10))
    actor = caseworker_for(child)
    plan = issued_plan(child, actor, draft=date(2025, 9, 1), final=date(2025, 10, 1))
    transfer = services.phase_transfer_add(
        actor=actor, child=child, kind="primary_secondary", year=2027,
        identified_on=date(2026, 9, 1), expected_version=None,
    )  # fmt: skip
    # An amendment for something else, issued after the transfer was identified.
    other = services.plan_amend(actor=actor, plan=plan, expected_version=None)
    services.plan_issue_draft(
        actor=actor, plan=other, when=date(2026, 10, 1), expected_version=None
    )
    services.plan_issue_final(
        actor=actor, plan=other, when=date(2026, 11, 2), expected_version=None
    )
    row = Deadline.objects.get(child=child, rule="phase_transfer.amend")
    assert (row.status, row.met_on) == ("overdue", None)

    client = _signed_in(actor)
    child.refresh_from_db()
    made = client.post(
        reverse("plans:amend", args=[other.pk]),
        {"version": child.version, "transfer": transfer.pk},
    )
    assert made.status_code == 302
    for_transfer = Plan.objects.get(phase_transfer=transfer)
    services.plan_issue_draft(
        actor=actor, plan=for_transfer, when=date(2027, 1, 5), expected_version=None
    )
    services.plan_issue_final(
        actor=actor, plan=for_transfer, when=date(2027, 2, 1), expected_version=None
    )
    row = Deadline.objects.get(child=child, rule="phase_transfer.amend")
    assert (row.status, row.met_on) == ("met", date(2027, 2, 1))
