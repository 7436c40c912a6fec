"""A decision not to amend after the amendment notice (reg 22(4)), a move between post-16
institutions with its own date (reg 18(2)), and a review's decision to keep the plan as it is
satisfying a phase transfer: the forms, their refusals and the engine's rows."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from redress.audit.models import AuditEntry
from redress.casework.models import Deadline
from redress.documents.decision_letters import appealable_decisions
from redress.plans import services
from redress.plans.models import PhaseTransfer, Plan
from redress.plans.tests.helpers import ChildFactory, caseworker_for, issued_plan

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 30)


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _date(day: int, month: int, year: int, name: str = "date") -> dict[str, str]:
    return {f"{name}_day": str(day), f"{name}_month": str(month), f"{name}_year": str(year)}


def _refused(response: Any, message: str) -> str:
    html: str = response.content.decode()
    assert response.status_code == 200
    title = re.search(r"<title>\s*(.*?)\s*</title>", html, re.S)
    assert title is not None and title.group(1).startswith("Error: ")
    assert "govuk-error-summary" in html
    assert message in html, re.findall(
        r"govuk-error-message\">(.*?)</p>|<li><a href=\"#[^\"]*\">(.*?)</a>", html, re.S
    )
    return html


def _proposed(child: Any, actor: Any) -> Plan:
    """An issued plan and a proposed amendment with its notice sent on 2 October 2026."""
    plan = issued_plan(child, actor, draft=date(2025, 9, 1), final=date(2025, 10, 1))
    amendment = services.plan_amend(actor=actor, plan=plan, expected_version=None)
    services.plan_issue_draft(
        actor=actor, plan=amendment, when=date(2026, 10, 2), expected_version=None
    )
    child.refresh_from_db()
    amendment.refresh_from_db()
    return amendment


# -- A decision not to amend -------------------------------------------------------------------


@time_machine.travel(TODAY)
def test_a_decision_not_to_amend_stops_the_eight_weeks_and_opens_its_own_appeal_window() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    amendment = _proposed(child, actor)
    detail = _client(actor).get(reverse("plans:detail", args=[amendment.pk])).content.decode()
    assert "Decide not to amend" in detail
    response = _client(actor).post(
        reverse("plans:not-amended", args=[amendment.pk]),
        {"version": child.version, "reasons": "The school can meet the need.",
         **_date(20, 11, 2026)},
    )  # fmt: skip
    assert response.status_code == 302
    amendment.refresh_from_db()
    assert amendment.status == Plan.Status.NOT_AMENDED
    assert amendment.not_amended_on == date(2026, 11, 20)
    # Notice 2 Oct 2026 + 8 weeks = 27 Nov 2026, met by the decision (reg 22(4)).
    row = Deadline.objects.get(child=child, rule="review.amended_plan")
    assert (row.due, row.met_on) == (date(2026, 11, 27), date(2026, 11, 20))
    ref = f"plan-{amendment.pk}"
    assert Deadline.objects.get(child=child, rule="appeal.lodge", ref=ref).due == date(2027, 1, 20)
    decisions = appealable_decisions(user=actor, child=child)
    assert [d.kind.key for d in decisions if d.key == ref] == ["amendment_not_made"]
    assert AuditEntry.objects.filter(child=child, summary__contains="not to amend").exists()
    # The plan it would have amended is still the plan in force, and may be amended again.
    again = services.plan_amend(actor=actor, plan=amendment.supersedes, expected_version=None)
    assert again.supersedes_id == amendment.supersedes_id


@time_machine.travel(TODAY)
def test_a_decision_not_to_amend_in_the_future_or_before_the_notice_is_refused() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    amendment = _proposed(child, actor)
    url = reverse("plans:not-amended", args=[amendment.pk])
    future = _client(actor).post(
        url, {"version": child.version, "reasons": "No.", **_date(1, 12, 2026)}
    )
    _refused(future, "The date must be today or in the past.")
    early = _client(actor).post(
        url, {"version": child.version, "reasons": "No.", **_date(1, 10, 2026)}
    )
    _refused(early, "The decision cannot be before the amendment notice (Fri 2 Oct 2026).")
    no_reasons = _client(actor).post(url, {"version": child.version, **_date(20, 11, 2026)})
    _refused(no_reasons, "Give the reasons")
    amendment.refresh_from_db()
    assert amendment.status == Plan.Status.DRAFT and amendment.not_amended_on is None


@time_machine.travel(TODAY)
def test_a_stale_decision_not_to_amend_is_refused_and_the_input_kept() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    amendment = _proposed(child, actor)
    opened_at = child.version
    services.plan_section_update(
        actor=actor, plan=amendment, code="A", text="Changed meanwhile.", expected_version=None
    )
    response = _client(actor).post(
        reverse("plans:not-amended", args=[amendment.pk]),
        {"version": opened_at, "reasons": "The school can meet the need.", **_date(20, 11, 2026)},
    )
    html = _refused(response, "Someone else changed this case after you opened it.")
    assert "The school can meet the need." in html
    amendment.refresh_from_db()
    assert amendment.status == Plan.Status.DRAFT


@time_machine.travel(TODAY)
def test_only_the_childs_authority_decides_not_to_amend() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    amendment = _proposed(child, actor)
    stranger = caseworker_for(ChildFactory())
    response = _client(stranger).post(
        reverse("plans:not-amended", args=[amendment.pk]),
        {"version": child.version, "reasons": "No.", **_date(20, 11, 2026)},
    )
    assert response.status_code in (403, 404)


# -- A move between post-16 institutions -------------------------------------------------------


@time_machine.travel(TODAY)
def test_a_post16_move_is_due_five_months_before_the_move_and_listed_in_its_year() -> None:
    child = ChildFactory(date_of_birth=date(2009, 10, 10))
    actor = caseworker_for(child)
    issued_plan(child, actor, draft=date(2025, 9, 1), final=date(2025, 10, 1))
    response = _client(actor).post(
        reverse("plans:cohort-add"),
        {"child": child.pk, "kind": "post16_move", **_date(1, 2, 2027, "move_date"),
         **_date(2, 11, 2026, "identified_on")},
    )  # fmt: skip
    assert response.status_code == 302
    transfer = PhaseTransfer.objects.get(child=child)
    assert (transfer.year, transfer.move_date) == (2027, date(2027, 2, 1))
    row = Deadline.objects.get(child=child, rule="phase_transfer.amend")
    assert row.due == date(2026, 9, 1)  # at least 5 months before Mon 1 Feb 2027
    page = _client(actor).get(reverse("plans:cohort") + "?year=2027").content.decode()
    assert child.full_name in page and "1 September 2026" in page


@time_machine.travel(TODAY)
def test_a_post16_move_without_a_date_or_in_the_future_or_before_identified_is_refused() -> None:
    child = ChildFactory(date_of_birth=date(2009, 10, 10))
    actor = caseworker_for(child)
    issued_plan(child, actor, draft=date(2025, 9, 1), final=date(2025, 10, 1))
    url = reverse("plans:cohort-add")
    no_date = _client(actor).post(
        url, {"child": child.pk, "kind": "post16_move", **_date(2, 11, 2026, "identified_on")}
    )
    _refused(no_date, "Enter the date of the move")
    future = _client(actor).post(
        url,
        {"child": child.pk, "kind": "post16_move", **_date(1, 2, 2027, "move_date"),
         **_date(1, 12, 2026, "identified_on")},
    )  # fmt: skip
    _refused(future, "The date must be today or in the past.")
    before = _client(actor).post(
        url,
        {"child": child.pk, "kind": "post16_move", **_date(1, 10, 2026, "move_date"),
         **_date(2, 11, 2026, "identified_on")},
    )  # fmt: skip
    _refused(before, "The move cannot be before the day it was identified.")
    assert not PhaseTransfer.objects.filter(child=child).exists()


# -- A review's decision to keep the plan as it is ------------------------------------------


@time_machine.travel(date(2027, 3, 1))
def test_a_review_decision_to_maintain_satisfies_the_phase_transfer() -> None:
    child = ChildFactory(date_of_birth=date(2015, 10, 10))
    actor = caseworker_for(child)
    plan = issued_plan(child, actor, draft=date(2025, 9, 1), final=date(2025, 10, 1))
    services.phase_transfer_add(
        actor=actor, child=child, kind="primary_secondary", year=2027,
        identified_on=date(2026, 9, 1), expected_version=None,
    )  # fmt: skip
    cycle = services.review_start(actor=actor, plan=plan, expected_version=None)
    services.review_step_record(
        actor=actor, cycle=cycle, kind="meeting_held", when=date(2027, 1, 11),
        expected_version=None,
    )  # fmt: skip
    services.review_step_record(
        actor=actor, cycle=cycle, kind="decision", when=date(2027, 1, 25), decision="maintain",
        expected_version=None,
    )  # fmt: skip
    row = Deadline.objects.get(child=child, rule="phase_transfer.amend")
    assert (row.due, row.status, row.met_on) == (date(2027, 2, 14), "met", date(2027, 1, 25))
    page = _client(actor).get(reverse("plans:cohort") + "?year=2027").content.decode()
    assert 'data-state="done"' in page


@time_machine.travel(TODAY)
def test_the_missing_move_date_message_takes_its_period_from_the_rule_catalogue() -> None:
    from django.core.exceptions import ValidationError

    from redress.statutory import rule_row

    child = ChildFactory(date_of_birth=date(2009, 10, 10))
    actor = caseworker_for(child)
    with pytest.raises(ValidationError) as raised:
        services.phase_transfer_add(
            actor=actor, child=child, kind="post16_move", year=2027,
            identified_on=date(2026, 11, 2), expected_version=None,
        )  # fmt: skip
    period = rule_row("phase_transfer.amend", "post16_move").period
    assert raised.value.message_dict["move_date"] == [
        f"Enter the date the young person moves: the amended plan is due {period}."
    ]
