"""Withdrawing only a version's final issue, recorded in error, while its draft stands (decision
0135): the version is a draft again, the engine's final-plan deadline is open again, the
family's 15 days on the draft apply again to a re-issue, and the issue stays in the history."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from redress.accounts.models import Organisation, Role
from redress.audit.models import AuditEntry
from redress.casework.models import Child, Deadline
from redress.casework.tests.factories import (
    FamilyMemberFactory,
    OrganisationFactory,
    user_with_role,
)
from redress.mediation.models import MediationCase
from redress.plans import selectors, services
from redress.plans.models import Plan
from redress.plans.tests.helpers import ChildFactory, caseworker_for, issued_plan, ready_plan

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 1)
DRAFT, FINAL = date(2025, 9, 1), date(2025, 10, 1)
REASON = "Issued by mistake: the family had not yet had the draft"


def _final(child: Child) -> list[tuple[date, str, date | None]]:
    return [
        (d.due, d.status, d.met_on) for d in Deadline.objects.filter(child=child, rule="plan.final")
    ]


def _signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@time_machine.travel(TODAY)
def test_withdrawing_the_final_issue_keeps_the_draft_and_opens_the_final_deadline_again() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    plan = issued_plan(child, actor, draft=DRAFT, final=FINAL)
    ((due, _, met_on),) = _final(child)
    assert met_on == FINAL
    assert Deadline.objects.filter(child=child, rule="review.annual").exists()

    services.plan_final_withdraw(actor=actor, plan=plan, reason=REASON, expected_version=None)

    plan.refresh_from_db()
    assert plan.status == Plan.Status.DRAFT and plan.issued_on is None
    assert plan.draft_issued_on == DRAFT and not plan.withdrawn
    # The engine's final-plan deadline is open again (overdue by now); the annual review and
    # the family's windows on the issued plan are gone.
    assert _final(child) == [(due, "overdue", None)]
    assert not Deadline.objects.filter(child=child, rule="review.annual").exists()
    assert not Deadline.objects.filter(child=child, ref=f"plan-{plan.pk}").exists()
    assert selectors.current_plan(child) is None and selectors.has_open_plan(child)
    # Nothing is lost: the issue date is in the history, with who and why; the audit says so.
    issued = plan.history.filter(issued_on=FINAL).exists()
    latest = plan.history.order_by("-history_date", "-history_id").first()
    assert issued and latest.history_user == actor and REASON in latest.history_change_reason
    entry = AuditEntry.objects.filter(child=child, action="update").latest("at", "pk")
    assert entry.actor == actor and REASON in entry.summary


@time_machine.travel(TODAY)
def test_a_re_issue_is_possible_and_waits_for_the_familys_15_days_again() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    draft = date(2026, 11, 2)
    plan = issued_plan(child, actor, draft=draft, final=date(2026, 11, 20))
    services.plan_final_withdraw(actor=actor, plan=plan, reason=REASON, expected_version=None)
    plan.refresh_from_db()
    # The family's time to comment on the draft is their own again, and counts.
    assert Deadline.objects.filter(child=child, rule="plan.draft_comments").exists()
    with pytest.raises(ValidationError, match="15 days"):
        services.plan_issue_final(
            actor=actor, plan=plan, when=date(2026, 11, 10), expected_version=None
        )
    services.plan_issue_final(actor=actor, plan=plan, when=TODAY, expected_version=None)
    plan.refresh_from_db()
    assert plan.issued_on == TODAY and plan.status == Plan.Status.FINAL
    ((_, _, met_on),) = _final(child)
    assert met_on == TODAY


@time_machine.travel(TODAY)
def test_refused_while_something_rests_on_the_issued_plan() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    plan = issued_plan(child, actor, draft=DRAFT, final=FINAL)
    cycle = services.review_start(actor=actor, plan=plan, expected_version=None)
    step = services.review_step_record(
        actor=actor, cycle=cycle, kind="meeting_held", when=date(2026, 9, 7), expected_version=None
    )
    with pytest.raises(ValidationError, match="Steps of a review"):
        services.plan_final_withdraw(actor=actor, plan=plan, reason=REASON, expected_version=None)
    services.review_step_withdraw(
        actor=actor, step=step, reason="Wrong child", expected_version=None
    )
    amendment = services.plan_amend(actor=actor, plan=plan, expected_version=None)
    with pytest.raises(ValidationError, match="A later version amends this one"):
        services.plan_final_withdraw(actor=actor, plan=plan, reason=REASON, expected_version=None)
    services.plan_withdraw(actor=actor, plan=amendment, reason="Not meant", expected_version=None)
    # A mediation about the issued plan rests on it too.
    provider = OrganisationFactory(kind=Organisation.Kind.MEDIATION_PROVIDER)
    mediation = MediationCase.objects.create(
        child=child, provider=provider, decision="plan_contents", decision_notice_date=FINAL,
        decision_ref=f"plan-{plan.pk}",
    )  # fmt: skip
    with pytest.raises(ValidationError, match="A mediation case about the issued plan"):
        services.plan_final_withdraw(actor=actor, plan=plan, reason=REASON, expected_version=None)
    MediationCase.objects.filter(pk=mediation.pk).update(withdrawn_at=timezone.now())
    services.plan_final_withdraw(actor=actor, plan=plan, reason=REASON, expected_version=None)
    plan.refresh_from_db()
    assert plan.issued_on is None


@time_machine.travel(TODAY)
def test_refused_to_the_family_and_needs_a_reason() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    plan = issued_plan(child, actor, draft=DRAFT, final=FINAL)
    parent = user_with_role(Role.PARENT_CARER)
    FamilyMemberFactory(child=child, user=parent)
    with pytest.raises(PermissionDenied):
        services.plan_final_withdraw(actor=parent, plan=plan, reason=REASON, expected_version=None)
    with pytest.raises(ValidationError, match="recorded in error"):
        services.plan_final_withdraw(actor=actor, plan=plan, reason=" ", expected_version=None)
    url = reverse("plans:step-withdraw", args=["plan-final", plan.pk])
    assert _signed_in(parent).post(url, {"withdraw-reason": REASON}).status_code == 403
    plan.refresh_from_db()
    assert plan.issued_on == FINAL


@time_machine.travel(TODAY)
def test_the_final_issue_page_withdraws_only_the_issue() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    plan = issued_plan(child, actor, draft=DRAFT, final=FINAL)
    client = _signed_in(actor)
    page = client.get(reverse("plans:step-correct", args=["plan-final", plan.pk]))
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    assert "only this issue of version 1" in page.content.decode()
    assert AuditEntry.objects.filter(
        child=child, action="view", actor=actor, page="plans:step-correct"
    ).exists()
    child.refresh_from_db()
    stale = client.post(
        reverse("plans:step-withdraw", args=["plan-final", plan.pk]),
        {"withdraw-reason": REASON, "withdraw-version": child.version - 1},
    )
    assert stale.status_code == 200 and REASON in stale.content.decode()
    plan.refresh_from_db()
    assert plan.issued_on == FINAL
    done = client.post(
        reverse("plans:step-withdraw", args=["plan-final", plan.pk]),
        {"withdraw-reason": REASON, "withdraw-version": child.version},
    )
    assert done.status_code == 302
    plan.refresh_from_db()
    assert plan.status == Plan.Status.DRAFT and plan.draft_issued_on == DRAFT
    assert not plan.withdrawn
    # The draft's page still offers withdrawing the whole version.
    draft_page = client.get(reverse("plans:step-correct", args=["plan-draft", plan.pk]))
    assert "version 1 of the plan: its draft, its issue" in draft_page.content.decode()


@time_machine.travel(TODAY)
def test_an_issue_with_no_draft_recorded_withdraws_the_whole_version() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    # A plan brought in already issued: no draft on record.
    plan = ready_plan(child, actor)
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.FINAL, issued_on=FINAL)
    plan.refresh_from_db()
    with pytest.raises(ValidationError, match="withdraw the whole version"):
        services.plan_final_withdraw(actor=actor, plan=plan, reason=REASON, expected_version=None)
    child.refresh_from_db()
    response = _signed_in(actor).post(
        reverse("plans:step-withdraw", args=["plan-final", plan.pk]),
        {"withdraw-reason": REASON, "withdraw-version": child.version},
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.withdrawn and plan.issued_on == FINAL
