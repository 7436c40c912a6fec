"""A plan and its content: sections, provision, outcomes, the placement in section I and the
appendices.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from redress.accounts.models import Organisation
from redress.audit.services import audit_record
from redress.casework.models import AdviceRequest, Child
from redress.core.service_checks import not_in_future as _not_in_future
from redress.core.versions import claim_version
from redress.plans.models import Appendix, Outcome, Placement, Plan, PlanSection, ProvisionItem
from redress.plans.sections import PROVISION_SECTIONS, SECTION_CODES
from redress.plans.selectors import has_open_plan, names_institution_too_early
from redress.plans.services._common import _editable, _raise


@transaction.atomic
def plan_create(*, actor: Any, child: Child, expected_version: int | None) -> Plan:
    """Start a child's first plan (or a new plan after one ceased) as a draft, sections A to K."""
    if has_open_plan(child):
        raise ValidationError(
            {"__all__": ["This child already has a plan. Amend it instead of starting another."]}
        )
    claim_version(child, expected_version)
    latest = Plan.objects.filter(child=child).order_by("-version_number").first()
    number = latest.version_number + 1 if latest else 1
    plan = Plan(child=child, version_number=number, created_by=actor)
    plan.full_clean()
    plan.save()
    PlanSection.objects.bulk_create([PlanSection(plan=plan, code=c) for c in SECTION_CODES])
    audit_record(actor=actor, action="create", obj=plan, child=child, summary=f"Started: {plan}")
    return plan


@transaction.atomic
def plan_section_update(
    *, actor: Any, plan: Plan, code: str, text: str, expected_version: int | None
) -> PlanSection:
    _editable(plan)
    section = plan.sections.get(code=code)
    claim_version(plan.child, expected_version)
    section.text = text.strip()
    section.full_clean()
    section.save()
    audit_record(
        actor=actor, action="update", obj=section, child=plan.child, summary=f"Edited: {section}"
    )
    return section


@transaction.atomic
def plan_details_update(
    *, actor: Any, plan: Plan, nc_year_override: int | None, expected_version: int | None
) -> Plan:
    _editable(plan)
    claim_version(plan.child, expected_version)
    plan.nc_year_override = nc_year_override
    plan.full_clean()
    plan.save()
    audit_record(actor=actor, action="update", obj=plan, child=plan.child, summary=f"Edited {plan}")
    return plan


@transaction.atomic
def provision_item_add(
    *,
    actor: Any,
    plan: Plan,
    section: str,
    what: str,
    who: str,
    how_often: str,
    how_long: str,
    preparing_for_adulthood: bool = False,
    expected_version: int | None,
) -> ProvisionItem:
    _editable(plan)
    if section not in PROVISION_SECTIONS:
        raise ValidationError({"section": ["Provision goes in section F, G, H1 or H2."]})
    errors: dict[str, list[str]] = {}
    for name, value, message in (
        ("what", what, "Say what the provision is."),
        ("who", who, "Say who provides it."),
        ("how_often", how_often, "Say how often it is provided."),
        ("how_long", how_long, "Say for how long it is provided."),
    ):
        if not value.strip():
            errors.setdefault(name, []).append(message)
    _raise(errors)
    claim_version(plan.child, expected_version)
    item = ProvisionItem(
        plan=plan,
        section=section,
        what=what.strip(),
        who=who.strip(),
        how_often=how_often.strip(),
        how_long=how_long.strip(),
        preparing_for_adulthood=preparing_for_adulthood,
        position=plan.provision_items.filter(section=section).count(),
    )
    item.full_clean()
    item.save()
    audit_record(
        actor=actor, action="create", obj=item, child=plan.child, summary=f"Provision {item}"
    )
    return item


@transaction.atomic
def provision_item_remove(*, actor: Any, item: ProvisionItem, expected_version: int | None) -> None:
    _editable(item.plan)
    claim_version(item.plan.child, expected_version)
    audit_record(
        actor=actor, action="delete", obj=item, child=item.plan.child, summary=f"Removed {item}"
    )
    item.delete()


@transaction.atomic
def outcome_add(
    *,
    actor: Any,
    plan: Plan,
    text: str,
    by_when: str = "",
    preparing_for_adulthood: str = "",
    expected_version: int | None,
) -> Outcome:
    _editable(plan)
    if not text.strip():
        raise ValidationError({"text": ["Describe the outcome sought."]})
    claim_version(plan.child, expected_version)
    outcome = Outcome(
        plan=plan,
        text=text.strip(),
        by_when=by_when.strip(),
        preparing_for_adulthood=preparing_for_adulthood,
        position=plan.outcomes.count(),
    )
    outcome.full_clean()
    outcome.save()
    audit_record(
        actor=actor, action="create", obj=outcome, child=plan.child, summary=f"Outcome {outcome}"
    )
    return outcome


@transaction.atomic
def outcome_remove(*, actor: Any, outcome: Outcome, expected_version: int | None) -> None:
    _editable(outcome.plan)
    claim_version(outcome.plan.child, expected_version)
    audit_record(
        actor=actor, action="delete", obj=outcome, child=outcome.plan.child, summary="Removed"
    )
    outcome.delete()


DRAFT_NAMES_NO_INSTITUTION = (
    "The draft plan must not name a school or other institution (Children and Families Act "
    "2014 s.38(5)): give the type of institution in section I, and record the school the family "
    "asked for as their preference. Name it once the draft has been served, for the final plan."
)


@transaction.atomic
def placement_set(
    *,
    actor: Any,
    plan: Plan,
    institution_type: str,
    institution: Organisation | None = None,
    institution_name: str = "",
    family_preference: str = "",
    preference_requested_on: date | None = None,
    expected_version: int | None,
) -> Placement:
    _editable(plan)
    errors: dict[str, list[str]] = {}
    if not institution_type.strip():
        errors.setdefault("institution_type", []).append("Give the type of school or institution.")
    if (institution is not None or institution_name.strip()) and names_institution_too_early(plan):
        field = "institution" if institution is not None else "institution_name"
        errors.setdefault(field, []).append(DRAFT_NAMES_NO_INSTITUTION)
    if preference_requested_on is not None:
        _not_in_future(preference_requested_on, "preference_requested_on", errors)
        if not family_preference.strip():
            errors.setdefault("family_preference", []).append(
                "Give the school or institution the family asked for."
            )
    _raise(errors)
    claim_version(plan.child, expected_version)
    placement, _ = Placement.objects.get_or_create(
        plan=plan, defaults={"institution_type": institution_type.strip()}
    )
    placement.institution = institution
    placement.institution_name = "" if institution else institution_name.strip()
    placement.institution_type = institution_type.strip()
    placement.family_preference = family_preference.strip()
    placement.preference_requested_on = preference_requested_on
    placement.full_clean()
    placement.save()
    audit_record(
        actor=actor,
        action="update",
        obj=placement,
        child=plan.child,
        summary=f"Placement: {placement}",
    )
    return placement


@transaction.atomic
def placement_family_preference_record(
    *, actor: Any, plan: Plan, family_preference: str, requested_on: date
) -> Placement:
    """The family's own request for a school or college to be named (CFA 2014 s.38(2)(b)),
    made on the family's pages while they comment on the draft (decision 0106).

    Only the preference and its day change; the type and any name stay the caseworker's. A
    placement made here has no type yet, so the plan is not ready to finalise until the
    caseworker gives one. The child's version moves on, so a caseworker's open section I form
    is refused rather than overwriting the family's request unseen."""
    _editable(plan)
    errors: dict[str, list[str]] = {}
    if not family_preference.strip():
        errors.setdefault("family_preference", []).append(
            "Give the school or institution the family asked for."
        )
    _not_in_future(requested_on, "preference_requested_on", errors)
    _raise(errors)
    claim_version(plan.child, None)
    placement = Placement.objects.filter(plan=plan).first() or Placement(
        plan=plan, institution_type=""
    )
    placement.family_preference = family_preference.strip()[:200]
    placement.preference_requested_on = requested_on
    placement.full_clean(exclude=["institution_type"] if not placement.institution_type else None)
    placement.save()
    audit_record(
        actor=actor,
        action="update",
        obj=placement,
        child=plan.child,
        summary=f"The family asked for {placement.family_preference} to be named in section I",
    )
    return placement


@transaction.atomic
def appendix_add(
    *,
    actor: Any,
    plan: Plan,
    advice_request: AdviceRequest | None = None,
    title: str = "",
    expected_version: int | None,
) -> Appendix:
    _editable(plan)
    if advice_request is None and not title.strip():
        raise ValidationError({"advice_request": ["Choose the advice, or give the title."]})
    if advice_request is not None and advice_request.child_id != plan.child_id:
        raise ValidationError({"advice_request": ["That advice is about another child."]})
    claim_version(plan.child, expected_version)
    appendix = Appendix(plan=plan, advice_request=advice_request, title=title.strip())
    appendix.full_clean()
    appendix.save()
    audit_record(
        actor=actor, action="create", obj=appendix, child=plan.child, summary=f"Appended {appendix}"
    )
    return appendix
