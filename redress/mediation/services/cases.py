"""Opening a case: first contact, issues, the family's choice, exemptions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction

from redress.accounts.models import Organisation, Role
from redress.accounts.selectors import has_role_at as _works_at
from redress.casework.models import Child
from redress.core.service_checks import require_perm as _require
from redress.core.versions import claim_version
from redress.documents.decision_letters import decision_for_notice
from redress.mediation.models import Exemption, FamilyChoice, MediationCase, MediationIssue
from redress.mediation.services._common import (
    Errors,
    _add,
    _clean_save,
    _finish,
    _not_before,
    _not_future,
    _raise,
)
from redress.statutory.engine import today_in_london


@dataclass(frozen=True)
class IssueInput:
    kind: str
    description: str
    health_provision_wanted: str = ""


def _check_issue(issue: IssueInput, errors: Errors, field: str = "issues") -> None:
    if issue.kind not in MediationIssue.Kind.values:
        _add(errors, field, "Choose education, social care or health care provision.")
    if not issue.description.strip():
        _add(
            errors,
            "description" if field != "issues" else field,
            "Describe what is in disagreement.",
        )
    if issue.kind == MediationIssue.Kind.HEALTH and not issue.health_provision_wanted.strip():
        _add(
            errors,
            "health_provision_wanted",
            "Say which health care provision the family want (the commissioner is told it).",
        )


@transaction.atomic
def mediation_case_open(
    *,
    actor: Any,
    child: Child,
    provider: Organisation,
    decision: str,
    decision_notice_date: date,
    adviser_contacted_on: date,
    issues: list[IssueInput],
    family_request: Any = None,
) -> MediationCase:
    """The family's first contact with the mediation adviser about a decision they may appeal."""
    _require(actor, "mediation.open_case_for_child", child)
    errors: Errors = {}
    if not _works_at(actor, provider.pk, (Role.MEDIATION_ADVISER, Role.MEDIATION_CASE_MANAGER)):
        _add(errors, "provider", "Choose the mediation provider you work for.")
    elif not provider.serves.filter(pk=child.local_authority_id).exists():
        _add(errors, "child", f"{provider} does not serve the child's local authority.")
    _not_future(decision_notice_date, "decision_notice_date", errors)
    _not_future(adviser_contacted_on, "adviser_contacted_on", errors)
    _not_before(
        adviser_contacted_on,
        decision_notice_date,
        "adviser_contacted_on",
        "the decision notice",
        errors,
    )
    if not issues:
        _add(errors, "issues", "Choose at least one matter in disagreement.")
    for issue in issues:
        _check_issue(issue, errors)
    if family_request is not None and family_request.child_id != child.pk:
        _add(errors, "family_request", "That request is about another child.")
    # One case per decision: a second submission of the same first contact (a double click, a
    # resent form) would otherwise open a duplicate case. The lock on the child makes two
    # submissions at once wait for each other.
    Child.objects.select_for_update().filter(pk=child.pk).first()
    if MediationCase.objects.filter(
        child=child,
        decision=decision,
        decision_notice_date=decision_notice_date,
        withdrawn_at__isnull=True,
    ).exists():
        _add(
            errors,
            "decision_notice_date",
            "A mediation case for this decision is already recorded for the child.",
        )
    _raise(errors)
    adviser = actor if _works_at(actor, provider.pk, (Role.MEDIATION_ADVISER,)) else None

    case = MediationCase(
        child=child,
        provider=provider,
        decision=decision,
        decision_notice_date=decision_notice_date,
        # The authority's recorded decision this case is about (its notice that day), so the
        # family's windows for it are the ones this case closes.
        decision_ref=decision_for_notice(child, decision, decision_notice_date),
        adviser_contacted_on=adviser_contacted_on,
        adviser=adviser,
        created_by=actor,
        family_request=family_request,
    )
    _clean_save(case)
    for issue in issues:
        _clean_save(
            MediationIssue(
                case=case,
                kind=issue.kind,
                description=issue.description.strip(),
                health_provision_wanted=issue.health_provision_wanted.strip(),
            )
        )
    _finish(
        actor=actor,
        case=case,
        action="create",
        obj=case,
        summary="Recorded first contact with the mediation adviser "
        f"({case.get_decision_display()})",
    )
    return case


@transaction.atomic
def mediation_case_open_by_family(
    *,
    actor: Any,
    family_request: Any,
    provider: Organisation,
    decision: str,
    decision_notice_date: date,
    issues: list[IssueInput],
) -> MediationCase:
    """A family asks for mediation from their own page: their first contact with the provider's
    mediation adviser, on the day they asked (CFA 2014 s.55(2); SEND Regulations 2014 reg 33).

    The case waits in the provider's queue with no adviser until one takes it on. The family
    member's own permission to act for the child was checked by the caller."""
    child = family_request.child
    errors: Errors = {}
    today = today_in_london()
    if not provider.serves.filter(pk=child.local_authority_id).exists():
        _add(errors, "provider", f"{provider} does not serve the child's council.")
    if decision not in MediationCase.Decision.values:
        _add(errors, "decision", "Choose the decision you do not agree with.")
    _not_future(decision_notice_date, "decision_notice_date", errors)
    if not issues:
        _add(errors, "issues", "Choose at least one: education, health care or social care.")
    for issue in issues:
        _check_issue(issue, errors)
    Child.objects.select_for_update().filter(pk=child.pk).first()
    if MediationCase.objects.filter(
        child=child,
        decision=decision,
        decision_notice_date=decision_notice_date,
        withdrawn_at__isnull=True,
    ).exists():
        _add(
            errors,
            "decision_notice_date",
            "You have already asked for mediation about this decision. The mediation adviser "
            "will contact you.",
        )
    _raise(errors)
    case = MediationCase(
        child=child,
        provider=provider,
        decision=decision,
        decision_notice_date=decision_notice_date,
        adviser_contacted_on=today,
        created_by=actor,
        family_request=family_request,
    )
    _clean_save(case)
    for issue in issues:
        _clean_save(
            MediationIssue(
                case=case,
                kind=issue.kind,
                description=issue.description.strip(),
                health_provision_wanted=issue.health_provision_wanted.strip(),
            )
        )
    _finish(
        actor=actor,
        case=case,
        action="create",
        obj=case,
        summary="The family asked for mediation: first contact with the mediation adviser "
        f"({case.get_decision_display()})",
    )
    return case


@transaction.atomic
def mediation_issue_add(
    *, actor: Any, case: MediationCase, issue: IssueInput, expected_version: int | None = None
) -> MediationIssue:
    _require(actor, "mediation.change_case", case)
    errors: Errors = {}
    _check_issue(issue, errors, field="kind")
    _raise(errors)
    claim_version(case, expected_version)
    row = MediationIssue(
        case=case,
        kind=issue.kind,
        description=issue.description.strip(),
        health_provision_wanted=issue.health_provision_wanted.strip(),
    )
    _clean_save(row)
    _finish(
        actor=actor,
        case=case,
        action="create",
        obj=row,
        summary=f"Added a mediation issue: {row.get_kind_display()}",
    )
    return row


@transaction.atomic
def mediation_choice_record(
    *, actor: Any, case: MediationCase, choice: str, on: date, expected_version: int | None = None
) -> MediationCase:
    """Whether the family wishes to mediate, as they told the adviser."""
    _require(actor, "mediation.change_case", case)
    errors: Errors = {}
    if choice not in (FamilyChoice.WISHES, FamilyChoice.DECLINED):
        _add(errors, "choice", "Choose whether the family wishes to mediate.")
    _not_future(on, "on", errors)
    _not_before(on, case.adviser_contacted_on, "on", "the first contact with the adviser", errors)
    if case.certificates.filter(withdrawn_at__isnull=True).exists():
        _add(errors, "choice", "A certificate has already been issued on this case.")
    _raise(errors)
    claim_version(case, expected_version)
    case.family_choice, case.family_choice_on = choice, on
    _clean_save(case)
    _finish(
        actor=actor,
        case=case,
        action="update",
        obj=case,
        summary=f"Recorded the family's choice: {case.get_family_choice_display()}",
    )
    return case


@transaction.atomic
def mediation_exemption_record(
    *,
    actor: Any,
    case: MediationCase,
    exemption: str,
    on: date,
    expected_version: int | None = None,
) -> MediationCase:
    """An appeal that needs no certificate: Redress says so instead of issuing one."""
    _require(actor, "mediation.issue_certificate", case)
    errors: Errors = {}
    if exemption not in Exemption.values:
        _add(errors, "exemption", "Choose the reason no certificate is needed.")
    _not_future(on, "on", errors)
    if exemption and case.certificates.filter(withdrawn_at__isnull=True).exists():
        _add(errors, "exemption", "A certificate has already been issued on this case.")
    _raise(errors)
    claim_version(case, expected_version)
    case.exemption = exemption
    case.exemption_recorded_on = on if exemption else None
    _clean_save(case)
    _finish(
        actor=actor,
        case=case,
        action="update",
        obj=case,
        summary=f"Recorded: {case.get_exemption_display()}",
    )
    return case
