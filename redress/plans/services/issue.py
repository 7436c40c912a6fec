"""Issuing a plan: the draft (or amendment notice), the final (or amended) plan, and the
decision not to amend.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from redress.audit.services import audit_record
from redress.core.service_checks import not_in_future as _not_in_future
from redress.core.versions import claim_version
from redress.plans.models import (
    Appendix,
    Outcome,
    PhaseTransfer,
    Placement,
    Plan,
    PlanSection,
    ProvisionItem,
    ReviewCycle,
)
from redress.plans.selectors import names_institution_too_early
from redress.plans.services._common import (
    _draft_date_errors,
    _editable,
    _final_date_errors,
    _raise,
    _recompute,
)
from redress.plans.services.plans import DRAFT_NAMES_NO_INSTITUTION
from redress.statutory.calendar import format_date


def _readiness(plan: Plan) -> dict[str, list[str]]:
    """What a plan must contain before it is issued as final (reg 12)."""
    problems: list[str] = []
    texts = {s.code: s.text for s in plan.sections.all()}
    if not texts.get("B", "").strip():
        problems.append("Section B must set out the special educational needs.")
    if not plan.outcomes.exists():
        problems.append("Section E must set out at least one outcome sought.")
    if not plan.provision_items.filter(section="F").exists():
        problems.append("Section F must specify the special educational provision.")
    # A placement the family's request started has no type until the caseworker gives one.
    if not Placement.objects.filter(plan=plan).exclude(institution_type="").exists():
        problems.append("Section I must name the school or institution, or its type.")
    return {"date": problems} if problems else {}


EMPTY_DRAFT = (
    "The draft plan is empty: write its sections (the needs in section B, the outcomes and the "
    "provision) before serving it."
)


def _is_empty(plan: Plan) -> bool:
    """No section written, no outcome and no provision: nothing for the family to comment on."""
    return (
        not any(s.text.strip() for s in plan.sections.all())
        and not plan.outcomes.exists()
        and not plan.provision_items.exists()
    )


@transaction.atomic
def plan_issue_draft(*, actor: Any, plan: Plan, when: date, expected_version: int | None) -> Plan:
    """Serve the draft (a first plan), or issue the amendment notice with the proposed
    amendments (an amended version, reg 22(2))."""
    _editable(plan)
    errors = _draft_date_errors(plan, when)
    if not plan.is_amendment and _is_empty(plan):
        errors.setdefault("date", []).append(EMPTY_DRAFT)
    placement = Placement.objects.filter(plan=plan).first()
    if placement is not None and placement.name and names_institution_too_early(plan):
        errors.setdefault("date", []).append(DRAFT_NAMES_NO_INSTITUTION)
    _raise(errors)
    claim_version(plan.child, expected_version)
    plan.draft_issued_on = when
    plan.full_clean()
    plan.save()
    _recompute(plan.child)
    what = "Amendment notice issued" if plan.is_amendment else "Draft plan issued"
    audit_record(
        actor=actor,
        action="update",
        obj=plan,
        child=plan.child,
        summary=f"{what}: {format_date(when)}",
    )
    return plan


@transaction.atomic
def plan_issue_final(*, actor: Any, plan: Plan, when: date, expected_version: int | None) -> Plan:
    """Issue the final plan, or the amended plan (reg 13, reg 22(3))."""
    _editable(plan)
    errors = _readiness(plan)
    for field, problems in _final_date_errors(plan, when).items():
        errors.setdefault(field, []).extend(problems)
    _raise(errors)
    claim_version(plan.child, expected_version)
    plan.issued_on = when
    plan.status = Plan.Status.AMENDED if plan.is_amendment else Plan.Status.FINAL
    plan.full_clean()
    plan.save()
    _recompute(plan.child)
    audit_record(
        actor=actor, action="update", obj=plan, child=plan.child,
        summary=f"{plan.get_status_display()} plan issued: {format_date(when)}",
    )  # fmt: skip
    return plan


@transaction.atomic
def plan_amendment_decline(
    *, actor: Any, plan: Plan, when: date, reasons: str, expected_version: int | None
) -> Plan:
    """After the amendment notice, the authority decides not to amend the plan and tells the
    family (reg 22(4)): the proposed amendment is not made, the plan stays as it was, and the
    family may appeal (CFA 2014 s.51(2)(e))."""
    _editable(plan)
    errors: dict[str, list[str]] = {}
    _not_in_future(when, "date", errors)
    if not plan.is_amendment:
        errors.setdefault("__all__", []).append(
            "Only a proposed amendment can be left unmade; this is the first plan."
        )
    elif plan.draft_issued_on is None:
        errors.setdefault("date", []).append(
            "Issue the amendment notice first: the decision not to amend follows it."
        )
    elif when < plan.draft_issued_on:
        errors.setdefault("date", []).append(
            "The decision cannot be before the amendment notice "
            f"({format_date(plan.draft_issued_on)})."
        )
    if not reasons.strip():
        errors.setdefault("reasons", []).append(
            "Give the reasons: the family is told them with their right to appeal."
        )
    _raise(errors)
    claim_version(plan.child, expected_version)
    plan.not_amended_on = when
    plan.not_amended_reasons = reasons.strip()
    plan.status = Plan.Status.NOT_AMENDED
    plan.full_clean()
    plan.save()
    _recompute(plan.child)
    audit_record(
        actor=actor, action="update", obj=plan, child=plan.child,
        summary=f"Decided not to amend the plan: {format_date(when)}",
    )  # fmt: skip
    return plan


@transaction.atomic
def plan_amend(
    *,
    actor: Any,
    plan: Plan,
    review: ReviewCycle | None = None,
    transfer: PhaseTransfer | None = None,
    expected_version: int | None,
) -> Plan:
    """Start an amended version: a draft copy of the issued plan, sections and all. Made for a
    phase transfer, its issue meets that transfer's deadline (reg 18; decision 0109)."""
    errors: list[str] = []
    if transfer is not None and (
        transfer.child_id != plan.child_id
        or transfer.withdrawn
        or transfer.status != PhaseTransfer.Status.ACTIVE
    ):
        errors.append("That phase transfer is not one of this child's in the cohort.")
    if not plan.is_issued or plan.status == Plan.Status.CEASED:
        errors.append("Only an issued plan that is still maintained can be amended.")
    elif (
        Plan.objects.filter(withdrawn_at__isnull=True)
        .filter(supersedes=plan)
        .exclude(status=Plan.Status.NOT_AMENDED)
        .exists()
    ):
        errors.append("This version has already been amended; work on the newer version.")
    if review is not None and review.plan_id != plan.pk:
        errors.append("That review is of another plan.")
    elif review is not None and (review.decision is None or review.decision.decision != "amend"):
        errors.append("Record the review's decision to amend the plan first.")
    if errors:
        raise ValidationError({"__all__": errors})
    child = plan.child
    claim_version(child, expected_version)
    number = (
        Plan.objects.filter(child=child)
        .order_by("-version_number")
        .values_list("version_number", flat=True)[0]
    )
    new = Plan(
        child=child,
        version_number=number + 1,
        supersedes=plan,
        review=review,
        phase_transfer=transfer,
        nc_year_override=plan.nc_year_override,
        created_by=actor,
    )
    new.full_clean()
    new.save()
    PlanSection.objects.bulk_create(
        [PlanSection(plan=new, code=s.code, text=s.text) for s in plan.sections.all()]
    )
    ProvisionItem.objects.bulk_create(
        [
            ProvisionItem(
                plan=new,
                section=i.section,
                what=i.what,
                who=i.who,
                how_often=i.how_often,
                how_long=i.how_long,
                preparing_for_adulthood=i.preparing_for_adulthood,
                position=i.position,
            )  # fmt: skip
            for i in plan.provision_items.all()
        ]
    )
    Outcome.objects.bulk_create(
        [
            Outcome(
                plan=new,
                text=o.text,
                by_when=o.by_when,
                preparing_for_adulthood=o.preparing_for_adulthood,
                position=o.position,
            )  # fmt: skip
            for o in plan.outcomes.all()
        ]
    )
    placement = Placement.objects.filter(plan=plan).first()
    if placement is not None:
        Placement.objects.create(
            plan=new,
            institution=placement.institution,
            institution_name=placement.institution_name,
            institution_type=placement.institution_type,
        )
    Appendix.objects.bulk_create(
        [
            Appendix(plan=new, advice_request=a.advice_request, title=a.title)
            for a in plan.appendices.all()
        ]
    )
    audit_record(actor=actor, action="create", obj=new, child=child, summary=f"Started: {new}")
    return new
