"""Correcting a recorded plan step, or withdrawing it as recorded in error (decision 0100): the
engine recomputes without a withdrawn step, the history keeps who, when and why, and only
someone who may record the step may correct it."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from redress.accounts.models import Role
from redress.audit.models import AuditEntry
from redress.casework.models import Child, Deadline
from redress.casework.tests.factories import FamilyMemberFactory, user_with_role
from redress.documents.decision_letters import decisions_for_child
from redress.plans import selectors, services
from redress.plans.models import Cessation, PhaseTransfer, ReviewStep
from redress.plans.tests.helpers import ChildFactory, caseworker_for, issued_plan

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 1)


def _signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _rows(child: Child, rule: str) -> list[tuple[date, str]]:
    return [(d.due, d.status) for d in Deadline.objects.filter(child=child, rule=rule)]


def _version(child: Child) -> int:
    child.refresh_from_db(fields=["version"])
    return child.version


def _cease_at_review(child: Child, actor: Any) -> tuple[Any, ReviewStep]:
    plan = issued_plan(child, actor, draft=date(2025, 9, 1), final=date(2025, 10, 1))
    cycle = services.review_start(actor=actor, plan=plan, expected_version=None)
    services.review_step_record(
        actor=actor, cycle=cycle, kind="meeting_held", when=date(2026, 9, 7), expected_version=None
    )
    decision = services.review_step_record(
        actor=actor, cycle=cycle, kind="decision", when=date(2026, 9, 8), decision="cease",
        ground="higher_education",
        reasons="The young person has left education.", expected_version=None,
    )  # fmt: skip
    return plan, decision


@time_machine.travel(TODAY)
def test_a_withdrawn_decision_to_cease_closes_the_familys_appeal_window() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    plan, decision = _cease_at_review(child, actor)
    ref = f"cessation-{Cessation.objects.get(review=decision.cycle).pk}"
    assert Deadline.objects.filter(child=child, rule="appeal.lodge", ref=ref).exists()
    with pytest.raises(ValidationError) as no_reason:
        services.review_step_withdraw(actor=actor, step=decision, reason=" ", expected_version=None)
    assert "reason" in no_reason.value.message_dict

    services.review_step_withdraw(
        actor=actor, step=decision, reason="Recorded on the wrong child.", expected_version=None
    )
    decision.refresh_from_db()
    assert decision.withdrawn and decision.withdrawn_by == actor
    # The cessation made at the review goes with it, and the plan is no longer being ceased.
    assert Cessation.objects.get(review=decision.cycle).withdrawn
    assert selectors.standing_cessation(plan) is None
    assert not Deadline.objects.filter(child=child, rule="appeal.lodge", ref=ref).exists()
    # Nothing is deleted: the row stays, and the review can take its real decision.
    assert ReviewStep.objects.filter(pk=decision.pk).exists()
    services.review_step_record(
        actor=actor, cycle=decision.cycle, kind="decision", when=date(2026, 9, 9),
        decision="maintain", expected_version=None,
    )  # fmt: skip
    assert decision.cycle.decision.decision == "maintain"


@time_machine.travel(TODAY)
def test_a_withdrawn_plan_version_no_longer_counts() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    plan = issued_plan(child, actor, draft=date(2025, 9, 1), final=date(2025, 10, 1))
    assert _rows(child, "review.annual") == [(date(2026, 9, 30), "overdue")]
    assert Deadline.objects.filter(child=child, ref=f"plan-{plan.pk}").exists()
    services.plan_withdraw(
        actor=actor, plan=plan, reason="Issued for the wrong child.", expected_version=None
    )
    assert _rows(child, "review.annual") == []
    assert not Deadline.objects.filter(child=child, ref=f"plan-{plan.pk}").exists()
    # Nor is it a decision the family is sent a letter about.
    assert not [d for d in decisions_for_child(child) if d.record == plan]
    assert selectors.current_plan(child) is None and not selectors.has_open_plan(child)
    with pytest.raises(ValidationError):
        services.plan_step_correct(
            actor=actor, plan=plan, stage="final", when=date(2025, 10, 2), reason="Typo",
            expected_version=None,
        )  # fmt: skip


@time_machine.travel(TODAY)
def test_a_corrected_issue_date_moves_the_review_and_keeps_the_earlier_date() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    plan = issued_plan(child, actor, draft=date(2025, 9, 1), final=date(2025, 10, 1))
    with pytest.raises(ValidationError) as before_draft:
        services.plan_step_correct(
            actor=actor, plan=plan, stage="final", when=date(2025, 8, 1), reason="Typo",
            expected_version=None,
        )  # fmt: skip
    assert "before its draft" in str(before_draft.value)
    services.plan_step_correct(
        actor=actor, plan=plan, stage="final", when=date(2025, 10, 20),
        reason="The letter went out on the 20th.", expected_version=None,
    )  # fmt: skip
    plan.refresh_from_db()
    assert plan.issued_on == date(2025, 10, 20) and plan.corrected_by == actor
    assert _rows(child, "review.annual") == [(date(2026, 10, 19), "overdue")]
    earlier = plan.history.filter(issued_on=date(2025, 10, 1)).exists()
    assert earlier
    latest = plan.history.order_by("-history_date").first()
    assert latest.history_change_reason == "The letter went out on the 20th."
    assert latest.history_user == actor
    assert AuditEntry.objects.filter(
        child=child, action="update", summary__contains="The letter went out"
    ).exists()


@time_machine.travel(TODAY)
def test_a_family_member_cannot_correct_a_step() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    plan = issued_plan(child, actor, draft=date(2025, 9, 1), final=date(2025, 10, 1))
    parent = user_with_role(Role.PARENT_CARER)
    FamilyMemberFactory(child=child, user=parent)
    with pytest.raises(PermissionDenied):
        services.plan_withdraw(actor=parent, plan=plan, reason="No", expected_version=None)
    url = reverse("plans:step-correct", args=["plan-final", plan.pk])
    assert _signed_in(parent).get(url).status_code == 403


@time_machine.travel(TODAY)
def test_a_withdrawn_phase_transfer_leaves_the_cohort_deadlines() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    issued_plan(child, actor, draft=date(2025, 9, 1), final=date(2025, 10, 1))
    transfer = services.phase_transfer_add(
        actor=actor, child=child, kind="primary_secondary", year=2027,
        identified_on=date(2026, 9, 1), expected_version=None,
    )  # fmt: skip
    assert _rows(child, "phase_transfer.amend")
    services.phase_transfer_withdraw_in_error(
        actor=actor, transfer=transfer, reason="Not moving school next year.",
        expected_version=None,
    )  # fmt: skip
    assert _rows(child, "phase_transfer.amend") == []
    # The child can be added to that cohort again, the withdrawn entry kept.
    services.phase_transfer_add(
        actor=actor, child=child, kind="primary_secondary", year=2027,
        identified_on=date(2026, 9, 2), expected_version=None,
    )  # fmt: skip
    assert PhaseTransfer.objects.filter(child=child, year=2027).count() == 2


@time_machine.travel(TODAY)
def test_the_correction_page_corrects_withdraws_and_shows_the_history() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    plan = issued_plan(child, actor, draft=date(2025, 9, 1), final=date(2025, 10, 1))
    cessation = services.cessation_record(
        ground="higher_education",
        actor=actor, plan=plan, decided_on=date(2026, 8, 28), notice_sent_on=date(2026, 8, 31),
        reasons="The young person has left education.", expected_version=None,
    )  # fmt: skip
    client = _signed_in(actor)
    url = reverse("plans:step-correct", args=["cessation", cessation.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    assert AuditEntry.objects.filter(child=child, action="view", page="plans:step-correct").exists()
    assert "stays sent" not in page.content.decode()

    refused = client.post(url, {
        "version": _version(child), "decided_on_day": "28", "decided_on_month": "8",
        "decided_on_year": "2026", "notice_sent_on_day": "27", "notice_sent_on_month": "8",
        "notice_sent_on_year": "2026", "reasons": "Left education.", "reason": "",
    })  # fmt: skip
    text = refused.content.decode()
    assert refused.status_code == 200 and "govuk-error-summary" in text
    assert "Enter why the step is being corrected" in text

    done = client.post(url, {
        "version": _version(child), "decided_on_day": "27", "decided_on_month": "8",
        "decided_on_year": "2026", "notice_sent_on_day": "31", "notice_sent_on_month": "8",
        "notice_sent_on_year": "2026", "reasons": "Left education.",
        "ground": "higher_education", "reason": "The panel met on the 27th.",
    })  # fmt: skip
    assert done.status_code == 302
    cessation.refresh_from_db()
    assert cessation.decided_on == date(2026, 8, 27)

    # The letter was produced: the page says it stays sent.
    AuditEntry.objects.create(
        actor=actor, action="generate", object_type="plans.Cessation",
        object_id=str(cessation.pk), child=child, summary="Generated the decision letter",
    )  # fmt: skip
    text = client.get(url).content.decode()
    assert "stays sent" in text
    assert "The panel met on the 27th." in text and "28 August 2026" in text

    withdrawn = client.post(
        reverse("plans:step-withdraw", args=["cessation", cessation.pk]),
        {"withdraw-version": _version(child), "withdraw-reason": "Wrong child."},
    )
    assert withdrawn.status_code == 302
    assert _rows(child, "review.annual") == [(date(2026, 9, 30), "overdue")]
    detail = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "<s>" in detail and "Withdrawn" in detail and "Wrong child." in detail


@time_machine.travel(TODAY)
def test_a_stale_correction_is_refused() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    plan = issued_plan(child, actor, draft=date(2025, 9, 1), final=date(2025, 10, 1))
    stale = _version(child)
    services.plan_section_update(
        actor=actor, plan=services.plan_amend(actor=actor, plan=plan, expected_version=None),
        code="A", text="Changed meanwhile.", expected_version=None,
    )  # fmt: skip
    response = _signed_in(actor).post(
        reverse("plans:step-correct", args=["plan-draft", plan.pk]),
        {
            "version": stale,
            "date_day": "2",
            "date_month": "9",
            "date_year": "2025",
            "reason": "Typo",
        },
    )
    assert response.status_code == 200 and "govuk-error-summary" in response.content.decode()
    plan.refresh_from_db()
    assert plan.draft_issued_on == date(2025, 9, 1)
