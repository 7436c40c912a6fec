"""Writes to plans, reviews, phase transfers and cessations.

Each service checks plausibility (raising `ValidationError` keyed by form field), claims the
case's version (a save from a stale form is refused), saves with `full_clean()`, recomputes the
child's deadlines through the engine and writes the audit log, all in one transaction. No service
does statutory date arithmetic: due dates are the engine's, read back from the Deadline table.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef

from redress.accounts.models import Organisation
from redress.audit.services import audit_record
from redress.casework.deadlines import deadlines_recompute, decision_ref, validate_events
from redress.casework.models import AdviceRequest, Child, Deadline
from redress.casework.plan_basis import check_plan_basis
from redress.casework.services import check_family_window, check_life_dates
from redress.core.corrections import (
    WITHDRAWN_MESSAGE,
    history_reason,
    mark_corrected,
    mark_withdrawn,
    withdrawal_reason,
)
from redress.core.service_checks import not_in_future as _not_in_future
from redress.core.versions import ConcurrentEditError, claim_version
from redress.plans.events import plan_events
from redress.plans.legal import GROUNDS, CessationGround
from redress.plans.models import (
    Appendix,
    Cessation,
    CessationConsultation,
    Consultation,
    DirectPaymentReview,
    Outcome,
    PersonalBudget,
    PhaseTransfer,
    Placement,
    Plan,
    PlanSection,
    ProvisionItem,
    ReviewCycle,
    ReviewStep,
)
from redress.plans.sections import PROVISION_SECTIONS, SECTION_CODES
from redress.statutory import InputError, rule_row
from redress.statutory.calendar import format_date
from redress.statutory.engine import today_in_london

__all__ = ["ConcurrentEditError"]


def _raise(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError(errors)


def _recompute(child: Child, field: str = "date") -> None:
    """Check the plans app's events make a valid engine document, then refresh the deadlines."""
    try:
        validate_events(plan_events(child))
    except InputError as exc:
        raise ValidationError({field: exc.problems}) from exc
    deadlines_recompute(child=child)


LAPSED_MESSAGE = (
    "This draft amendment lapsed when the plan it amends ceased: it cannot be changed or issued."
)
NOT_MADE_MESSAGE = (
    "The local authority decided not to make this amendment: it cannot be changed or issued."
)


def _editable(plan: Plan) -> None:
    if plan.status == Plan.Status.NOT_AMENDED:
        raise ValidationError({"__all__": [NOT_MADE_MESSAGE]})
    if plan.status == Plan.Status.LAPSED or (
        plan.is_editable
        and plan.supersedes is not None
        and plan.supersedes.status == Plan.Status.CEASED
    ):
        raise ValidationError({"__all__": [LAPSED_MESSAGE]})
    if not plan.is_editable:
        raise ValidationError(
            {"__all__": ["This version has been issued and cannot be changed. Amend the plan."]}
        )


def current_plan(child: Child) -> Plan | None:
    """The issued version in force: the latest issued version (it may have ceased)."""
    return (
        Plan.objects.filter(withdrawn_at__isnull=True)
        .filter(child=child, issued_on__isnull=False)
        .order_by("-version_number")
        .first()
    )


def has_open_plan(child: Child) -> bool:
    """Whether the child's latest version is a draft or a plan still maintained (so a new plan
    cannot be started). Older versions keep the status they were issued with."""
    latest = (
        Plan.objects.filter(withdrawn_at__isnull=True)
        .filter(child=child)
        .exclude(status=Plan.Status.NOT_AMENDED)
        .order_by("-version_number")
        .first()
    )
    return latest is not None and latest.status not in (Plan.Status.CEASED, Plan.Status.LAPSED)


def standing_cessation(plan: Plan) -> Cessation | None:
    """A decision to cease this plan that still stands (not overturned on appeal)."""
    return (
        Cessation.objects.filter(withdrawn_at__isnull=True)
        .filter(plan=plan)
        .exclude(appeal_outcome=Cessation.AppealOutcome.UPHELD)
        .order_by("-decided_on", "-id")
        .first()
    )


def _not_being_ceased(plan: Plan, errors: dict[str, list[str]], field: str) -> None:
    standing = standing_cessation(plan)
    if standing is not None:
        errors.setdefault(field, []).append(
            f"A decision to cease this plan was made on {format_date(standing.decided_on)} and "
            "still stands: a plan is ceased once."
        )


def _not_superseded(plan: Plan, errors: dict[str, list[str]], field: str) -> None:
    current = current_plan(plan.child)
    if plan.is_issued and current is not None and current.pk != plan.pk:
        errors.setdefault(field, []).append(
            f"Version {plan.version_number} has been amended: use version "
            f"{current.version_number}, the plan in force."
        )


# -- Plans and their content -------------------------------------------------------------------


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


def names_institution_too_early(plan: Plan) -> bool:
    """A first plan's draft not yet served: its section I holds only the type (s.38(5))."""
    return not plan.is_amendment and plan.draft_issued_on is None


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


# -- Issuing: draft, final, amendment notice, amended plan --------------------------------------


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


def _draft_date_errors(plan: Plan, when: date) -> dict[str, list[str]]:
    """The checks on a draft's (or amendment notice's) date, when recorded or corrected."""
    errors: dict[str, list[str]] = {}
    _not_in_future(when, "date", errors)
    check_life_dates(plan.child, when, errors, plan=True)
    if not plan.is_amendment:
        # The assessment screens' own check: a request and a decision to assess on record.
        check_plan_basis("draft_plan_issued", when, plan.child.events.standing(), errors)
    if plan.is_amendment:
        assert plan.supersedes is not None
        if plan.supersedes.issued_on and when < plan.supersedes.issued_on:
            errors.setdefault("date", []).append(
                "The amendment notice cannot be before the plan it amends was issued "
                f"({format_date(plan.supersedes.issued_on)})."
            )
        decision = plan.review.decision if plan.review else None
        if plan.review is not None and (decision is None or decision.decision != "amend"):
            errors.setdefault("date", []).append(
                "Record the review's decision to amend the plan first."
            )
        elif decision is not None and when < decision.date:
            errors.setdefault("date", []).append(
                f"The notice cannot be before the decision to amend ({format_date(decision.date)})."
            )
    for later, what in ((plan.issued_on, "the plan was issued"),
                        (plan.not_amended_on, "the decision not to amend")):  # fmt: skip
        if later is not None and when > later:
            errors.setdefault("date", []).append(
                f"The date is after {what} ({format_date(later)})."
            )
    return errors


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


def _final_date_errors(plan: Plan, when: date) -> dict[str, list[str]]:
    """The checks on a final (or amended) plan's issue date, when recorded or corrected."""
    errors: dict[str, list[str]] = {}
    _not_in_future(when, "date", errors)
    if plan.draft_issued_on is None:
        word = "amendment notice" if plan.is_amendment else "draft plan"
        errors.setdefault("date", []).append(f"Issue the {word} first.")
    elif when < plan.draft_issued_on:
        errors.setdefault("date", []).append(
            "The plan cannot be issued before its draft or notice "
            f"({format_date(plan.draft_issued_on)})."
        )
    check_life_dates(plan.child, when, errors, plan=True)
    if not plan.is_amendment and plan.draft_issued_on is not None:
        check_plan_basis("final_plan_issued", when, plan.child.events.standing(), errors)
    if not errors.get("date"):
        event_type = "amended_plan_issued" if plan.is_amendment else "final_plan_issued"
        check_family_window(plan.child, event_type, when, errors)
    return errors


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
def plan_not_amended(
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


# -- Annual reviews ----------------------------------------------------------------------------


def review_in_progress(plan: Plan) -> ReviewCycle | None:
    """A review of this plan begun and not yet decided (a withdrawn decision does not count)."""
    decided = ReviewStep.objects.filter(
        withdrawn_at__isnull=True, cycle=OuterRef("pk"), kind=ReviewStep.Kind.DECISION
    )
    return ReviewCycle.objects.filter(plan=plan).exclude(Exists(decided)).first()


def _meeting_plausibility(
    plan: Plan, meeting_planned_for: date | None, arranged_on: date, errors: dict[str, list[str]]
) -> None:
    _not_in_future(arranged_on, "meeting_arranged_on", errors)
    if meeting_planned_for is not None and meeting_planned_for < arranged_on:
        errors.setdefault("meeting_planned_for", []).append(
            "The meeting cannot be planned for a day before it was arranged "
            f"({format_date(arranged_on)})."
        )
    if plan.issued_on is not None and arranged_on < plan.issued_on:
        errors.setdefault("meeting_arranged_on", []).append(
            f"The date is before the plan under review was issued ({format_date(plan.issued_on)})."
        )


@transaction.atomic
def review_start(
    *,
    actor: Any,
    plan: Plan,
    meeting_planned_for: date | None = None,
    meeting_arranged_on: date | None = None,
    expected_version: int | None,
) -> ReviewCycle:
    """Begin a review; a planned meeting date starts the engine's notice and advice clocks."""
    if not plan.is_issued or plan.status == Plan.Status.CEASED:
        raise ValidationError({"__all__": ["Only an issued plan that is maintained is reviewed."]})
    errors: dict[str, list[str]] = {}
    _not_superseded(plan, errors, "__all__")
    if meeting_planned_for is not None:
        meeting_arranged_on = meeting_arranged_on or today_in_london()
        _meeting_plausibility(plan, meeting_planned_for, meeting_arranged_on, errors)
    else:
        meeting_arranged_on = None
    _raise(errors)
    if review_in_progress(plan) is not None:
        raise ValidationError({"__all__": ["A review of this plan is already in progress."]})
    claim_version(plan.child, expected_version)
    cycle = ReviewCycle(
        child=plan.child,
        plan=plan,
        meeting_planned_for=meeting_planned_for,
        meeting_arranged_on=meeting_arranged_on,
        created_by=actor,
    )
    cycle.full_clean()
    cycle.save()
    _recompute(plan.child, field="meeting_planned_for")
    audit_record(actor=actor, action="create", obj=cycle, child=plan.child, summary="Review begun")
    return cycle


@transaction.atomic
def review_meeting_arrange(
    *,
    actor: Any,
    cycle: ReviewCycle,
    meeting_planned_for: date,
    meeting_arranged_on: date,
    expected_version: int | None,
) -> ReviewCycle:
    """Set or move the review meeting's date. A new date needs its own two weeks' notice and
    advice (regs 20(3)-(4), 21(3)-(4)): the engine counts them back from it."""
    errors: dict[str, list[str]] = {}
    if cycle.step(ReviewStep.Kind.MEETING_HELD) is not None:
        errors.setdefault("meeting_planned_for", []).append(
            "The review meeting has been held: its date cannot be moved."
        )
    _meeting_plausibility(cycle.plan, meeting_planned_for, meeting_arranged_on, errors)
    for step in cycle.steps.filter(withdrawn_at__isnull=True):
        # Invitations and advice sent for the earlier date stay on record; the new date needs its
        # own, recorded again once sent.
        if step.date < meeting_arranged_on and step.kind not in ReviewStep.FOR_THE_MEETING_DATE:
            errors.setdefault("meeting_arranged_on", []).append(
                f"{step.get_kind_display()} is recorded on {format_date(step.date)}, before this "
                "date: the meeting was arranged by then."
            )
    _raise(errors)
    claim_version(cycle.child, expected_version)
    moved = cycle.meeting_planned_for is not None
    cycle.meeting_planned_for = meeting_planned_for
    cycle.meeting_arranged_on = meeting_arranged_on
    cycle.full_clean()
    cycle.save()
    _recompute(cycle.child, field="meeting_planned_for")
    audit_record(
        actor=actor, action="update", obj=cycle, child=cycle.child,
        summary=f"Review meeting {'moved to' if moved else 'arranged for'} "
        f"{format_date(meeting_planned_for)}",
    )  # fmt: skip
    return cycle


def _step_plausibility(
    cycle: ReviewCycle,
    kind: str,
    when: date,
    decision: str,
    amendments: str,
    reasons: str,
    correcting: ReviewStep | None = None,
    ground: str | None = None,
) -> dict[str, list[str]]:
    """`ground` is the s.45 ground of a decision to cease (None: keep the recorded one, on a
    correction of a decision recorded before grounds were asked at a review)."""
    errors: dict[str, list[str]] = {}
    _not_in_future(when, "date", errors)
    earlier = cycle.step(kind)
    if earlier is not None and earlier != correcting and not earlier.for_an_earlier_meeting_date:
        errors.setdefault("date", []).append("This step is already recorded for this review.")
    issued = cycle.plan.issued_on
    if issued is not None and when < issued:
        errors.setdefault("date", []).append(
            f"The date is before the plan under review was issued ({format_date(issued)})."
        )
    arranged = cycle.meeting_arranged_on
    if (
        arranged is not None
        and kind != ReviewStep.Kind.REPORT_SENT
        and kind != ReviewStep.Kind.DECISION
        and when < arranged
    ):
        errors.setdefault("date", []).append(
            f"The date is before the meeting was arranged ({format_date(arranged)})."
        )
    meeting = cycle.step(ReviewStep.Kind.MEETING_HELD)
    if kind in (ReviewStep.Kind.REPORT_SENT, ReviewStep.Kind.DECISION):
        if meeting is None:
            errors.setdefault("date", []).append("Record the review meeting first.")
        elif when < meeting.date:
            errors.setdefault("date", []).append(
                f"The date is before the review meeting ({format_date(meeting.date)})."
            )
    if kind == ReviewStep.Kind.DECISION:
        if decision not in ReviewStep.Decision.values:
            errors.setdefault("decision", []).append("Choose the decision.")
        if decision == ReviewStep.Decision.AMEND and not amendments.strip():
            errors.setdefault("proposed_amendments", []).append(
                "Set out the proposed amendments: they must go with the decision to amend "
                "(R (L, M, P) v Devon CC [2022] EWHC 493 (Admin))."
            )
        if decision == ReviewStep.Decision.CEASE and not reasons.strip():
            errors.setdefault("reasons", []).append(
                "Give the reasons for ceasing the plan: the family is told them with their "
                "right to appeal."
            )
        if decision == ReviewStep.Decision.CEASE and correcting is None:
            _not_being_ceased(cycle.plan, errors, "decision")
        if decision == ReviewStep.Decision.CEASE and ground is not None:
            # The same ground and reg 31 consultation as a decision outside a review (0149).
            _ground_errors(cycle.plan, ground, when, errors)
    if kind == ReviewStep.Kind.MEETING_HELD and correcting is not None:
        for later in (cycle.step(ReviewStep.Kind.REPORT_SENT), cycle.decision):
            if later is not None and later.date < when:
                errors.setdefault("date", []).append(
                    f"{later.get_kind_display()} is recorded on {format_date(later.date)}, "
                    "before this date."
                )
    return errors


@transaction.atomic
def review_step_record(
    *,
    actor: Any,
    cycle: ReviewCycle,
    kind: str,
    when: date,
    decision: str = "",
    proposed_amendments: str = "",
    reasons: str = "",
    ground: str = "",
    expected_version: int | None,
) -> ReviewStep:
    """Record a dated step of a review; a decision to cease also records the cessation, on the
    ground of CFA 2014 s.45(1) it rests on (after the reg 31 consultation the ground needs)."""
    if kind not in ReviewStep.Kind.values:
        raise ValidationError({"kind": ["No such step."]})
    _raise(
        _step_plausibility(cycle, kind, when, decision, proposed_amendments, reasons, ground=ground)
    )
    child = cycle.child
    claim_version(child, expected_version)
    # Invitations or advice sent again after the meeting moved replace the earlier record (its
    # date stays in the history).
    step = cycle.step(kind) or ReviewStep(cycle=cycle, kind=kind)
    step.date = when
    step.decision = decision if kind == ReviewStep.Kind.DECISION else ""
    step.proposed_amendments = proposed_amendments.strip()
    step.reasons = reasons.strip()
    step.recorded_by = actor
    step.full_clean()
    step.save()
    if step.decision == ReviewStep.Decision.CEASE:
        cessation = Cessation(
            plan=cycle.plan, review=cycle, decided_on=when, notice_sent_on=when,
            ground=ground, reasons=step.reasons, recorded_by=actor,
        )  # fmt: skip
        cessation.full_clean()
        cessation.save()
    _recompute(child)
    audit_record(actor=actor, action="create", obj=step, child=child, summary=f"Review: {step}")
    return step


# -- Phase transfers ----------------------------------------------------------------------------


@transaction.atomic
def phase_transfer_add(
    *,
    actor: Any,
    child: Child,
    kind: str,
    year: int,
    identified_on: date,
    expected_version: int | None,
    move_date: date | None = None,
) -> PhaseTransfer:
    errors: dict[str, list[str]] = {}
    _not_in_future(identified_on, "identified_on", errors)
    if kind == PhaseTransfer.Kind.POST16_MOVE:
        # A move between post-16 institutions happens on its own date (reg 18(2)): the cohort
        # year is the year of the move.
        if move_date is None:
            errors.setdefault("move_date", []).append(
                "Enter the date the young person moves: the amended plan is due "
                f"{rule_row('phase_transfer.amend', 'post16_move').period}."
            )
        else:
            year = move_date.year
            if move_date < identified_on:
                errors.setdefault("move_date", []).append(
                    "The move cannot be before the day it was identified."
                )
    else:
        move_date = None
    current = current_plan(child)
    if current is None or current.status == Plan.Status.CEASED:
        errors.setdefault("child", []).append(
            "Only a child or young person whose EHC plan is issued and maintained joins the phase "
            "transfer cohort."
        )
    if PhaseTransfer.objects.filter(withdrawn_at__isnull=True, child=child, year=year).exists():
        errors.setdefault("year", []).append(f"{child} is already in the {year} cohort.")
    if identified_on.year > year:
        errors.setdefault("identified_on", []).append(
            "The transfer must be identified before the year of transfer ends."
        )
    _raise(errors)
    claim_version(child, expected_version)
    transfer = PhaseTransfer(
        child=child, kind=kind, year=year, identified_on=identified_on, move_date=move_date,
        created_by=actor,
    )  # fmt: skip
    transfer.full_clean()
    transfer.save()
    _recompute(child, field="year")
    audit_record(actor=actor, action="create", obj=transfer, child=child, summary=str(transfer))
    return transfer


@transaction.atomic
def phase_transfer_add_suggested(
    *,
    actor: Any,
    chosen: Sequence[tuple[Child, str, int | None]],
    year: int,
    identified_on: date,
) -> list[PhaseTransfer]:
    """Add several suggested children to the year's cohort in one step: (child, kind, the
    child's version on the page). All or none: one refusal adds nobody."""
    if not chosen:
        raise ValidationError({"child": ["Choose at least one child to add to the cohort."]})
    added = []
    for child, kind, version in chosen:
        try:
            added.append(
                phase_transfer_add(
                    actor=actor,
                    child=child,
                    kind=kind,
                    year=year,
                    identified_on=identified_on,
                    expected_version=version,
                )  # fmt: skip
            )
        except ValidationError as error:
            raise ValidationError(
                {"child": [f"{child.full_name}: {m}" for m in error.messages]}
            ) from error
    return added


@transaction.atomic
def phase_transfer_withdraw(
    *, actor: Any, transfer: PhaseTransfer, expected_version: int | None
) -> PhaseTransfer:
    claim_version(transfer.child, expected_version)
    transfer.status = PhaseTransfer.Status.WITHDRAWN
    transfer.full_clean()
    transfer.save()
    _recompute(transfer.child)
    audit_record(
        actor=actor, action="update", obj=transfer, child=transfer.child,
        summary=f"Withdrawn from the cohort: {transfer}",
    )  # fmt: skip
    return transfer


# -- Cessation ----------------------------------------------------------------------------------


GROUND_REQUIRED = "Choose the ground in section 45 the decision rests on."


def _ground_errors(plan: Plan, ground: str, decided_on: date, errors: dict[str, list[str]]) -> None:
    """A decision names a ground of CFA 2014 s.45(1); on a ground that needs it, the parent or
    young person and the institution were consulted first (reg 31(1); decision 0149)."""
    if ground not in GROUNDS or ground == CessationGround.NOT_RECORDED:
        errors.setdefault("ground", []).append(GROUND_REQUIRED)
        return
    if not GROUNDS[ground].consultation_required:
        return
    consulted = set(
        CessationConsultation.objects.filter(withdrawn_at__isnull=True)
        .filter(plan=plan, consulted_on__lte=decided_on)
        .values_list("consultee", flat=True)
    )
    missing = [
        str(label)
        for value, label in CessationConsultation.Consultee.choices
        if value not in consulted
    ]
    if missing:
        errors.setdefault("ground", []).append(
            "Before deciding to cease on this ground, consult "
            + " and ".join(m[0].lower() + m[1:] for m in missing)
            + " (SEND Regulations 2014 reg 31(1)). Record the consultation on the plan first."
        )


@transaction.atomic
def cessation_record(
    *,
    actor: Any,
    plan: Plan,
    decided_on: date,
    notice_sent_on: date,
    ground: str,
    reasons: str,
    expected_version: int | None,
) -> Cessation:
    """A decision to cease to maintain a plan outside a review (for example the young person
    has started higher education), on a ground of CFA 2014 s.45(1). The plan is maintained
    until any appeal is over."""
    errors: dict[str, list[str]] = {}
    _ground_errors(plan, ground, decided_on, errors)
    _not_in_future(decided_on, "decided_on", errors)
    _not_in_future(notice_sent_on, "notice_sent_on", errors)
    if notice_sent_on < decided_on:
        errors.setdefault("notice_sent_on", []).append(
            "The notice cannot be sent before the decision."
        )
    if not reasons.strip():
        errors.setdefault("reasons", []).append(
            "Give the reasons: the family is told them with their right to appeal."
        )
    if not plan.is_issued or plan.status == Plan.Status.CEASED:
        errors.setdefault("decided_on", []).append("Only a maintained, issued plan can be ceased.")
    else:
        _not_being_ceased(plan, errors, "decided_on")
    _not_superseded(plan, errors, "decided_on")
    _raise(errors)
    claim_version(plan.child, expected_version)
    cessation = Cessation(
        plan=plan, decided_on=decided_on, notice_sent_on=notice_sent_on, ground=ground,
        reasons=reasons.strip(), recorded_by=actor,
    )  # fmt: skip
    cessation.full_clean()
    cessation.save()
    _recompute(plan.child, field="notice_sent_on")
    audit_record(
        actor=actor, action="create", obj=cessation, child=plan.child, summary=str(cessation)
    )
    return cessation


@transaction.atomic
def cessation_appeal_update(
    *,
    actor: Any,
    cessation: Cessation,
    appeal_lodged_on: date | None,
    appeal_concluded_on: date | None,
    appeal_outcome: str = "",
    expected_version: int | None,
) -> Cessation:
    """The family's appeal against the decision to cease: lodged, concluded and its outcome.
    Upheld, the plan is maintained (the engine's annual review clock runs again); dismissed or
    withdrawn, the plan may cease."""
    if cessation.withdrawn:
        raise ValidationError({"__all__": [WITHDRAWN_MESSAGE]})
    errors: dict[str, list[str]] = {}
    if cessation.ceased_on is not None:
        errors.setdefault("appeal_lodged_on", []).append(
            f"The plan ceased on {format_date(cessation.ceased_on)}: the appeal can no longer be "
            "changed here."
        )
    if appeal_outcome and appeal_outcome not in Cessation.AppealOutcome.values:
        errors.setdefault("appeal_outcome", []).append("Choose the outcome of the appeal.")
    if appeal_concluded_on and not appeal_outcome:
        errors.setdefault("appeal_outcome", []).append(
            "Say how the appeal ended: upheld, dismissed or withdrawn."
        )
    if appeal_outcome and not appeal_concluded_on:
        errors.setdefault("appeal_concluded_on", []).append("Give the date the appeal ended.")
    if appeal_concluded_on:
        _not_in_future(appeal_concluded_on, "appeal_concluded_on", errors)
    if appeal_outcome == Cessation.AppealOutcome.UPHELD and not cessation.overturned:
        other = standing_cessation(cessation.plan)
        if other is not None and other.pk != cessation.pk:
            errors.setdefault("appeal_outcome", []).append(
                "Another decision to cease this plan stands."
            )
    if appeal_lodged_on:
        _not_in_future(appeal_lodged_on, "appeal_lodged_on", errors)
        if appeal_lodged_on < cessation.notice_sent_on:
            errors.setdefault("appeal_lodged_on", []).append(
                "The appeal cannot be lodged before the decision notice was sent."
            )
    if appeal_concluded_on and not appeal_lodged_on:
        errors.setdefault("appeal_concluded_on", []).append("Record when the appeal was lodged.")
    elif appeal_concluded_on and appeal_lodged_on and appeal_concluded_on < appeal_lodged_on:
        errors.setdefault("appeal_concluded_on", []).append(
            "The appeal cannot end before it was lodged."
        )
    _raise(errors)
    child = cessation.plan.child
    claim_version(child, expected_version)
    cessation.appeal_lodged_on = appeal_lodged_on
    cessation.appeal_concluded_on = appeal_concluded_on
    cessation.appeal_outcome = appeal_outcome if appeal_concluded_on else ""
    cessation.full_clean()
    cessation.save()
    _recompute(child, field="appeal_lodged_on")
    summary = "Appeal dates"
    if cessation.appeal_outcome:
        summary += f": {cessation.get_appeal_outcome_display()}"
    audit_record(actor=actor, action="update", obj=cessation, child=child, summary=summary)
    return cessation


def appeal_window_open(cessation: Cessation, on: date) -> Deadline | None:
    """The engine's open appeal window for the family against this decision (appeal.lodge not
    met, due on or after `on`), read from the Deadline table: another decision's window does
    not hold this plan open."""
    return (
        Deadline.objects.filter(
            child=cessation.plan.child,
            rule="appeal.lodge",
            ref=decision_ref("cessation", cessation.pk),
            met_on__isnull=True,
            due__gte=on,
        )
        .order_by("-due")
        .first()
    )


@transaction.atomic
def cessation_make_effective(
    *, actor: Any, cessation: Cessation, when: date, expected_version: int | None
) -> Cessation:
    """Stop maintaining the plan. Refused while an appeal is live or the family can still
    appeal (the plan is maintained meanwhile: CFA 2014 s.45; SEND Regulations 2014 reg 31)."""
    if cessation.withdrawn:
        raise ValidationError({"__all__": [WITHDRAWN_MESSAGE]})
    errors: dict[str, list[str]] = {}
    _not_in_future(when, "date", errors)
    if cessation.ceased_on is not None:
        errors.setdefault("date", []).append("The plan has already ceased.")
    if when < cessation.notice_sent_on:
        errors.setdefault("date", []).append(
            "The plan cannot cease before the decision notice was sent "
            f"({format_date(cessation.notice_sent_on)})."
        )
    if cessation.overturned:
        errors.setdefault("date", []).append(
            "The family's appeal was upheld: the plan is maintained and cannot cease on this "
            "decision."
        )
    elif cessation.appeal_live:
        errors.setdefault("date", []).append(
            "The family's appeal is live: the plan is maintained until it is concluded."
        )
    elif cessation.appeal_concluded_on is not None and when < cessation.appeal_concluded_on:
        errors.setdefault("date", []).append(
            "The plan was maintained while the family's appeal was live: it can cease from "
            f"the day the appeal ended ({format_date(cessation.appeal_concluded_on)})."
        )
    elif cessation.appeal_lodged_on is None:
        window = appeal_window_open(cessation, when)
        if window is not None:
            errors.setdefault("date", []).append(
                f"The family can still appeal (until {format_date(window.due)}): the plan is "
                "maintained until then."
            )
    _raise(errors)
    child = cessation.plan.child
    claim_version(child, expected_version)
    cessation.ceased_on = when
    cessation.full_clean()
    cessation.save()
    plan = cessation.plan
    plan.status = Plan.Status.CEASED
    plan.save(update_fields=["status", "updated_at"])
    # A draft amendment of the ceased plan can no longer be issued: it lapses with it.
    for draft in Plan.objects.filter(supersedes=plan, status=Plan.Status.DRAFT):
        draft.status = Plan.Status.LAPSED
        draft.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor, action="update", obj=draft, child=child,
            summary=f"Lapsed with the plan it amends: {draft}",
        )  # fmt: skip
    _recompute(child)
    audit_record(
        actor=actor,
        action="update",
        obj=cessation,
        child=child,
        summary=f"Plan ceased {format_date(when)}",
    )
    return cessation


# -- Correcting and withdrawing recorded steps (decision 0100) ----------------------------------

CHANGE_PERMISSION = "casework.change_child"
PLAN_STAGES = ("draft", "final", "not_made")


def _may_record(actor: Any, child: Child) -> None:
    """Whoever may record a plan step may correct or withdraw it."""
    if not actor.has_perm(CHANGE_PERMISSION, child):
        raise PermissionDenied


def _save_corrected(step: Any, *, actor: Any, reason: str, child: Child, summary: str) -> None:
    step.full_clean()
    history_reason(step, actor=actor, reason=reason)
    step.save()
    _recompute(child)
    audit_record(actor=actor, action="update", obj=step, child=child, summary=summary)


def _stage_date(plan: Plan, stage: str) -> date | None:
    return {
        "draft": plan.draft_issued_on,
        "final": plan.issued_on,
        "not_made": plan.not_amended_on,
    }[stage]


def plan_stage_label(plan: Plan, stage: str) -> str:
    if stage == "draft":
        return "Amendment notice issued" if plan.is_amendment else "Draft plan served"
    if stage == "final":
        return "Amended plan issued" if plan.is_amendment else "Final plan issued"
    return "Decided not to amend the plan"


@transaction.atomic
def plan_step_correct(
    *, actor: Any, plan: Plan, stage: str, when: date, reason: str, expected_version: int | None
) -> Plan:
    """Correct the date of a version's draft, issue or decision not to amend, with the checks
    that recording it made. The earlier date stays in the version's history."""
    _may_record(actor, plan.child)
    if stage not in PLAN_STAGES or _stage_date(plan, stage) is None:
        raise ValidationError({"date": ["That step is not recorded on this version."]})
    cleaned = mark_corrected(plan, actor=actor, reason=reason)
    if stage == "draft":
        errors = _draft_date_errors(plan, when)
    elif stage == "final":
        errors = _final_date_errors(plan, when)
    else:
        errors = {}
        _not_in_future(when, "date", errors)
        if plan.draft_issued_on is not None and when < plan.draft_issued_on:
            errors.setdefault("date", []).append(
                "The decision cannot be before the amendment notice "
                f"({format_date(plan.draft_issued_on)})."
            )
    if stage in ("draft", "final"):
        for later in plan.reviews.all():
            if stage == "final" and later.meeting_arranged_on and later.meeting_arranged_on < when:
                errors.setdefault("date", []).append(
                    "A review of this version was arranged on "
                    f"{format_date(later.meeting_arranged_on)}, before this date."
                )
    _raise(errors)
    claim_version(plan.child, expected_version)
    before = _stage_date(plan, stage)
    assert before is not None
    setattr(plan, {"draft": "draft_issued_on", "final": "issued_on",
                   "not_made": "not_amended_on"}[stage], when)  # fmt: skip
    _save_corrected(
        plan, actor=actor, reason=cleaned, child=plan.child,
        summary=f"Corrected: {plan_stage_label(plan, stage).lower()} "
        f"{format_date(before)} to {format_date(when)}: {cleaned}",
    )  # fmt: skip
    return plan


@transaction.atomic
def plan_withdraw(*, actor: Any, plan: Plan, reason: str, expected_version: int | None) -> Plan:
    """Withdraw a version recorded in error: its draft, issue and decisions no longer count,
    and the version it amended is the plan in force again."""
    _may_record(actor, plan.child)
    cleaned = mark_withdrawn(plan, actor=actor, reason=reason)
    errors: list[str] = []
    if Plan.objects.filter(withdrawn_at__isnull=True, supersedes=plan).exists():
        errors.append("A later version amends this one: withdraw that version first.")
    if ReviewStep.objects.filter(withdrawn_at__isnull=True, cycle__plan=plan).exists():
        errors.append("Steps of a review of this version are recorded: withdraw them first.")
    if Cessation.objects.filter(withdrawn_at__isnull=True, plan=plan).exists():
        errors.append("A decision to cease this version is recorded: withdraw it first.")
    if errors:
        raise ValidationError({"reason": errors})
    claim_version(plan.child, expected_version)
    _save_corrected(
        plan, actor=actor, reason=cleaned, child=plan.child,
        summary=f"Withdrawn as recorded in error: {plan}: {cleaned}",
    )  # fmt: skip
    return plan


def final_withdrawal_blockers(plan: Plan) -> list[str]:
    """What rests on a version's final issue and must be withdrawn first (decision 0135): a
    later version, a review or decision to cease, or a mediation or appeal about the issued
    plan, each of which would otherwise point at a plan that was never issued."""
    from django.apps import apps

    # Looked up by name, as decision refs are: the plans app does not depend on those apps.
    mediation_case = apps.get_model("mediation", "MediationCase")
    appeal = apps.get_model("appeals", "Appeal")
    errors: list[str] = []
    if Plan.objects.filter(withdrawn_at__isnull=True, supersedes=plan).exists():
        errors.append("A later version amends this one: withdraw that version first.")
    if ReviewStep.objects.filter(withdrawn_at__isnull=True, cycle__plan=plan).exists():
        errors.append("Steps of a review of this version are recorded: withdraw them first.")
    if Cessation.objects.filter(withdrawn_at__isnull=True, plan=plan).exists():
        errors.append("A decision to cease this version is recorded: withdraw it first.")
    ref = decision_ref("plan", plan.pk)
    if mediation_case.objects.filter(withdrawn_at__isnull=True, decision_ref=ref).exists():
        errors.append(
            "A mediation case about the issued plan is recorded: withdraw the case first."
        )
    if appeal.objects.filter(withdrawn_at__isnull=True, decision_ref=ref).exists():
        errors.append("An appeal against the issued plan is recorded: withdraw it first.")
    return errors


@transaction.atomic
def plan_final_withdraw(
    *, actor: Any, plan: Plan, reason: str, expected_version: int | None
) -> Plan:
    """Withdraw only a version's final (or amended) issue, recorded in error, keeping its draft
    or amendment notice: the version is a draft again, the engine's final-plan deadline and the
    family's time to comment on the draft count again, and the plan can be issued later. The
    issue date stays in the version's history; a plan or letter already sent stays sent."""
    _may_record(actor, plan.child)
    cleaned = withdrawal_reason(reason)
    if plan.withdrawn:
        raise ValidationError({"reason": [WITHDRAWN_MESSAGE]})
    if plan.issued_on is None:
        raise ValidationError({"reason": ["No issue of the plan is recorded on this version."]})
    if plan.draft_issued_on is None:
        raise ValidationError(
            {"reason": ["No draft is recorded on this version: withdraw the whole version."]}
        )
    blockers = final_withdrawal_blockers(plan)
    if blockers:
        raise ValidationError({"reason": blockers})
    claim_version(plan.child, expected_version)
    label, before = plan_stage_label(plan, "final"), plan.issued_on
    plan.issued_on = None
    plan.status = Plan.Status.DRAFT
    _save_corrected(
        plan, actor=actor, reason=f"Issue withdrawn: {cleaned}", child=plan.child,
        summary=f"Withdrawn as recorded in error: {label.lower()} {format_date(before)} "
        f"(version {plan.version_number}); the version is a draft again: {cleaned}",
    )  # fmt: skip
    return plan


@transaction.atomic
def review_step_correct(
    *,
    actor: Any,
    step: ReviewStep,
    when: date,
    decision: str = "",
    proposed_amendments: str = "",
    reasons: str = "",
    ground: str | None = None,
    reason: str,
    expected_version: int | None,
) -> ReviewStep:
    """Correct a review step's date or details, with the checks that recording it made. A
    decision to cease keeps its ground when `ground` is None; one recorded before the ground was
    asked may stay "not recorded" until one is given (decision 0149)."""
    cycle = step.cycle
    _may_record(actor, cycle.child)
    cleaned = mark_corrected(step, actor=actor, reason=reason)
    if step.kind != ReviewStep.Kind.DECISION:
        decision = proposed_amendments = reasons = ""
    cessation = getattr(cycle, "cessation", None) if step.kind == ReviewStep.Kind.DECISION else None
    if cessation is None or cessation.withdrawn:
        ground = None
    else:
        ground = cessation.ground if ground is None else ground
        if ground == CessationGround.NOT_RECORDED == cessation.ground:
            ground = None  # kept as recorded: no check
    errors = _step_plausibility(
        cycle, step.kind, when, decision, proposed_amendments, reasons, correcting=step,
        ground=ground,
    )  # fmt: skip
    if step.kind == ReviewStep.Kind.DECISION and decision != step.decision:
        if ReviewStep.Decision.CEASE in (decision, step.decision):
            errors.setdefault("decision", []).append(
                "A decision to cease cannot be corrected into another decision, nor another "
                "into one: withdraw this decision as recorded in error and record the decision "
                "made."
            )
        elif cycle.amended_plans.filter(withdrawn_at__isnull=True).exists():
            errors.setdefault("decision", []).append(
                "An amended version was started on this decision: withdraw it first."
            )
    _raise(errors)
    claim_version(cycle.child, expected_version)
    step.date = when
    step.decision = decision
    step.proposed_amendments = proposed_amendments.strip()
    step.reasons = reasons.strip()
    if cessation is not None and not cessation.withdrawn:
        # The decision to cease made at the review is the same step: it moves with it.
        cessation.decided_on = cessation.notice_sent_on = when
        cessation.reasons = step.reasons
        if ground is not None:
            cessation.ground = ground
        mark_corrected(cessation, actor=actor, reason=cleaned)
        cessation.full_clean()
        history_reason(cessation, actor=actor, reason=cleaned)
        cessation.save()
    _save_corrected(
        step, actor=actor, reason=cleaned, child=cycle.child,
        summary=f"Corrected the review step: {step}: {cleaned}",
    )  # fmt: skip
    return step


@transaction.atomic
def review_step_withdraw(
    *, actor: Any, step: ReviewStep, reason: str, expected_version: int | None
) -> ReviewStep:
    """Withdraw a review step recorded in error; a decision to cease takes its cessation with it,
    so the annual review deadline it had stopped comes back."""
    cycle = step.cycle
    _may_record(actor, cycle.child)
    cleaned = mark_withdrawn(step, actor=actor, reason=reason)
    errors: list[str] = []
    cessation = getattr(cycle, "cessation", None) if step.kind == ReviewStep.Kind.DECISION else None
    if cessation is not None and cessation.ceased_on is not None:
        errors.append(
            f"The plan ceased on this decision on {format_date(cessation.ceased_on)}: it "
            "cannot be withdrawn."
        )
    if (
        step.kind == ReviewStep.Kind.DECISION
        and cycle.amended_plans.filter(withdrawn_at__isnull=True).exists()
    ):
        errors.append("An amended version was started on this decision: withdraw it first.")
    if step.kind == ReviewStep.Kind.MEETING_HELD and any(
        cycle.step(k) for k in (ReviewStep.Kind.REPORT_SENT, ReviewStep.Kind.DECISION)
    ):
        errors.append("The report or decision after the meeting is recorded: withdraw it first.")
    if errors:
        raise ValidationError({"reason": errors})
    claim_version(cycle.child, expected_version)
    if cessation is not None and not cessation.withdrawn:
        mark_withdrawn(cessation, actor=actor, reason=cleaned)
        cessation.full_clean()
        history_reason(cessation, actor=actor, reason=cleaned)
        cessation.save()
    _save_corrected(
        step, actor=actor, reason=cleaned, child=cycle.child,
        summary=f"Withdrawn as recorded in error: {step}: {cleaned}",
    )  # fmt: skip
    return step


@transaction.atomic
def cessation_correct(
    *,
    actor: Any,
    cessation: Cessation,
    decided_on: date,
    notice_sent_on: date,
    reasons: str,
    reason: str,
    expected_version: int | None,
    ground: str | None = None,
) -> Cessation:
    """Correct a decision to cease made outside a review, with the checks recording it made.
    `ground` None keeps the recorded ground; a decision recorded before grounds were kept may
    stay "not recorded" until one is given."""
    child = cessation.plan.child
    _may_record(actor, child)
    cleaned = mark_corrected(cessation, actor=actor, reason=reason)
    _cessation_changeable(cessation)
    errors: dict[str, list[str]] = {}
    ground = cessation.ground if ground is None else ground
    if ground != CessationGround.NOT_RECORDED or cessation.ground != CessationGround.NOT_RECORDED:
        _ground_errors(cessation.plan, ground, decided_on, errors)
    _not_in_future(decided_on, "decided_on", errors)
    _not_in_future(notice_sent_on, "notice_sent_on", errors)
    if notice_sent_on < decided_on:
        errors.setdefault("notice_sent_on", []).append(
            "The notice cannot be sent before the decision."
        )
    if cessation.appeal_lodged_on and cessation.appeal_lodged_on < notice_sent_on:
        errors.setdefault("notice_sent_on", []).append(
            "The family's appeal was lodged on "
            f"{format_date(cessation.appeal_lodged_on)}, before this date."
        )
    if not reasons.strip():
        errors.setdefault("reasons", []).append(
            "Give the reasons: the family is told them with their right to appeal."
        )
    _raise(errors)
    claim_version(child, expected_version)
    cessation.decided_on = decided_on
    cessation.notice_sent_on = notice_sent_on
    cessation.ground = ground
    cessation.reasons = reasons.strip()
    _save_corrected(
        cessation, actor=actor, reason=cleaned, child=child,
        summary=f"Corrected: {cessation}: {cleaned}",
    )  # fmt: skip
    return cessation


def _cessation_changeable(cessation: Cessation) -> None:
    if cessation.review_id is not None:
        raise ValidationError(
            {"reason": ["This decision was made at the annual review: correct or withdraw the "
                        "review's decision."]}
        )  # fmt: skip
    if cessation.ceased_on is not None:
        raise ValidationError(
            {"reason": [f"The plan ceased on this decision on {format_date(cessation.ceased_on)}: "
                        "it can no longer be changed."]}
        )  # fmt: skip


@transaction.atomic
def cessation_withdraw(
    *, actor: Any, cessation: Cessation, reason: str, expected_version: int | None
) -> Cessation:
    """Withdraw a decision to cease recorded in error: the plan's annual review is due again."""
    child = cessation.plan.child
    _may_record(actor, child)
    cleaned = mark_withdrawn(cessation, actor=actor, reason=reason)
    _cessation_changeable(cessation)
    claim_version(child, expected_version)
    _save_corrected(
        cessation, actor=actor, reason=cleaned, child=child,
        summary=f"Withdrawn as recorded in error: {cessation}: {cleaned}",
    )  # fmt: skip
    return cessation


@transaction.atomic
def phase_transfer_correct(
    *,
    actor: Any,
    transfer: PhaseTransfer,
    identified_on: date,
    move_date: date | None = None,
    reason: str,
    expected_version: int | None,
) -> PhaseTransfer:
    """Correct the day a transfer was identified (and a post-16 move's date)."""
    child = transfer.child
    _may_record(actor, child)
    cleaned = mark_corrected(transfer, actor=actor, reason=reason)
    errors: dict[str, list[str]] = {}
    _not_in_future(identified_on, "identified_on", errors)
    year = transfer.year
    if transfer.kind == PhaseTransfer.Kind.POST16_MOVE:
        if move_date is None:
            errors.setdefault("move_date", []).append(
                "Enter the date the young person moves: the amended plan is due "
                f"{rule_row('phase_transfer.amend', 'post16_move').period}."
            )
        else:
            year = move_date.year
            if move_date < identified_on:
                errors.setdefault("move_date", []).append(
                    "The move cannot be before the day it was identified."
                )
    else:
        move_date = None
    if (
        PhaseTransfer.objects.filter(withdrawn_at__isnull=True)
        .filter(child=child, year=year)
        .exclude(pk=transfer.pk)
        .exists()
    ):
        errors.setdefault("move_date", []).append(f"{child} is already in the {year} cohort.")
    if identified_on.year > year:
        errors.setdefault("identified_on", []).append(
            "The transfer must be identified before the year of transfer ends."
        )
    _raise(errors)
    claim_version(child, expected_version)
    transfer.identified_on = identified_on
    transfer.move_date = move_date
    transfer.year = year
    _save_corrected(
        transfer, actor=actor, reason=cleaned, child=child,
        summary=f"Corrected: {transfer}: {cleaned}",
    )  # fmt: skip
    return transfer


@transaction.atomic
def phase_transfer_withdraw_in_error(
    *, actor: Any, transfer: PhaseTransfer, reason: str, expected_version: int | None
) -> PhaseTransfer:
    """Withdraw a transfer recorded in error (not a child leaving the cohort, which is
    `phase_transfer_withdraw`): its deadline no longer counts."""
    _may_record(actor, transfer.child)
    cleaned = mark_withdrawn(transfer, actor=actor, reason=reason)
    claim_version(transfer.child, expected_version)
    _save_corrected(
        transfer, actor=actor, reason=cleaned, child=transfer.child,
        summary=f"Withdrawn as recorded in error: {transfer}: {cleaned}",
    )  # fmt: skip
    return transfer


# -- Consulting the school or institution the family asked for (CFA 2014 s.39) -------------------


@transaction.atomic
def consultation_record(
    *,
    actor: Any,
    plan: Plan,
    consulted_on: date,
    institution: Organisation | None = None,
    institution_name: str = "",
    expected_version: int | None,
) -> Consultation:
    """The authority consults the governing body, proprietor or principal of the school or
    institution the family asked for (s.39(2)), sending the draft plan. The engine reminds
    when the reply is expected (`plan.institution_consultation`)."""
    _may_record(actor, plan.child)
    errors: dict[str, list[str]] = {}
    if plan.withdrawn:
        errors.setdefault("__all__", []).append(WITHDRAWN_MESSAGE)
    if institution is None and not institution_name.strip():
        errors.setdefault("institution", []).append(
            "Choose the school or institution consulted, or give its name."
        )
    _not_in_future(consulted_on, "consulted_on", errors)
    if plan.draft_issued_on is None:
        errors.setdefault("consulted_on", []).append(
            "Serve the draft plan first: the school or institution is consulted on it."
        )
    elif consulted_on < plan.draft_issued_on:
        errors.setdefault("consulted_on", []).append(
            f"The date is before the draft was served ({format_date(plan.draft_issued_on)})."
        )
    _raise(errors)
    claim_version(plan.child, expected_version)
    consultation = Consultation(
        plan=plan, institution=institution,
        institution_name="" if institution else institution_name.strip(),
        consulted_on=consulted_on, recorded_by=actor,
    )  # fmt: skip
    consultation.full_clean()
    consultation.save()
    _recompute(plan.child, field="consulted_on")
    audit_record(
        actor=actor, action="create", obj=consultation, child=plan.child,
        summary=f"{consultation} on {format_date(consulted_on)}",
    )  # fmt: skip
    return consultation


@transaction.atomic
def consultation_reply_record(
    *,
    actor: Any,
    consultation: Consultation,
    responded_on: date,
    response: str,
    response_details: str = "",
    expected_version: int | None,
) -> Consultation:
    """The school or institution's reply to the consultation, and its date."""
    child = consultation.plan.child
    _may_record(actor, child)
    errors: dict[str, list[str]] = {}
    if consultation.withdrawn:
        errors.setdefault("__all__", []).append(WITHDRAWN_MESSAGE)
    if response not in Consultation.Response.values:
        errors.setdefault("response", []).append("Choose the reply.")
    _not_in_future(responded_on, "responded_on", errors)
    if responded_on < consultation.consulted_on:
        errors.setdefault("responded_on", []).append(
            "The reply cannot be before the consultation "
            f"({format_date(consultation.consulted_on)})."
        )
    _raise(errors)
    claim_version(child, expected_version)
    consultation.responded_on = responded_on
    consultation.response = response
    consultation.response_details = response_details.strip()
    consultation.full_clean()
    consultation.save()
    _recompute(child, field="responded_on")
    audit_record(
        actor=actor, action="update", obj=consultation, child=child,
        summary=f"Reply from {consultation.name}: {consultation.get_response_display()}",
    )  # fmt: skip
    return consultation


@transaction.atomic
def consultation_correct(
    *,
    actor: Any,
    consultation: Consultation,
    consulted_on: date,
    reason: str,
    expected_version: int | None,
) -> Consultation:
    """Correct the day the school or institution was consulted, with the recording checks."""
    plan = consultation.plan
    _may_record(actor, plan.child)
    cleaned = mark_corrected(consultation, actor=actor, reason=reason)
    errors: dict[str, list[str]] = {}
    _not_in_future(consulted_on, "consulted_on", errors)
    if plan.draft_issued_on is not None and consulted_on < plan.draft_issued_on:
        errors.setdefault("consulted_on", []).append(
            f"The date is before the draft was served ({format_date(plan.draft_issued_on)})."
        )
    if consultation.responded_on is not None and consultation.responded_on < consulted_on:
        errors.setdefault("consulted_on", []).append(
            f"The reply is recorded on {format_date(consultation.responded_on)}, before this date."
        )
    _raise(errors)
    claim_version(plan.child, expected_version)
    consultation.consulted_on = consulted_on
    _save_corrected(
        consultation, actor=actor, reason=cleaned, child=plan.child,
        summary=f"Corrected: {consultation}: {cleaned}",
    )  # fmt: skip
    return consultation


@transaction.atomic
def consultation_withdraw(
    *, actor: Any, consultation: Consultation, reason: str, expected_version: int | None
) -> Consultation:
    """Withdraw a consultation recorded in error: its reminder no longer counts."""
    _may_record(actor, consultation.plan.child)
    cleaned = mark_withdrawn(consultation, actor=actor, reason=reason)
    claim_version(consultation.plan.child, expected_version)
    _save_corrected(
        consultation, actor=actor, reason=cleaned, child=consultation.plan.child,
        summary=f"Withdrawn as recorded in error: {consultation}: {cleaned}",
    )  # fmt: skip
    return consultation


# -- Consulting before deciding to cease (SEND Regulations 2014 reg 31(1)) -----------------------


def _reply_errors(
    consulted_on: date, responded_on: date | None, response: str, errors: dict[str, list[str]]
) -> None:
    if responded_on is None:
        if response.strip():
            errors.setdefault("responded_on", []).append("Give the date of the reply.")
        return
    _not_in_future(responded_on, "responded_on", errors)
    if responded_on < consulted_on:
        errors.setdefault("responded_on", []).append(
            f"The reply cannot be before the consultation ({format_date(consulted_on)})."
        )
    if not response.strip():
        errors.setdefault("response", []).append("Say what they replied.")


@transaction.atomic
def cessation_consultation_record(
    *,
    actor: Any,
    plan: Plan,
    consultee: str,
    name: str,
    consulted_on: date,
    responded_on: date | None = None,
    response: str = "",
    expected_version: int | None,
) -> CessationConsultation:
    """The authority, considering ceasing the plan, told and consulted the parent or young
    person, or the head teacher or principal of the institution named in the plan (reg 31(1)).
    A decision to cease on a ground that needs it is refused until both were consulted."""
    _may_record(actor, plan.child)
    errors: dict[str, list[str]] = {}
    if plan.withdrawn:
        errors.setdefault("__all__", []).append(WITHDRAWN_MESSAGE)
    if consultee not in CessationConsultation.Consultee.values:
        errors.setdefault("consultee", []).append("Choose who was consulted.")
    if not name.strip():
        errors.setdefault("name", []).append("Give the name of the person consulted.")
    _not_in_future(consulted_on, "consulted_on", errors)
    if not plan.is_issued or plan.status == Plan.Status.CEASED:
        errors.setdefault("consulted_on", []).append(
            "Only a maintained, issued plan can be ceased, so only then is anyone consulted."
        )
    elif plan.issued_on and consulted_on < plan.issued_on:
        errors.setdefault("consulted_on", []).append(
            f"The date is before the plan was issued ({format_date(plan.issued_on)})."
        )
    _reply_errors(consulted_on, responded_on, response, errors)
    _raise(errors)
    claim_version(plan.child, expected_version)
    consultation = CessationConsultation(
        plan=plan, consultee=consultee, name=name.strip(), consulted_on=consulted_on,
        responded_on=responded_on, response=response.strip(), recorded_by=actor,
    )  # fmt: skip
    consultation.full_clean()
    consultation.save()
    audit_record(
        actor=actor, action="create", obj=consultation, child=plan.child,
        summary=f"{consultation} on {format_date(consulted_on)}",
    )  # fmt: skip
    return consultation


@transaction.atomic
def cessation_consultation_reply(
    *,
    actor: Any,
    consultation: CessationConsultation,
    responded_on: date,
    response: str,
    expected_version: int | None,
) -> CessationConsultation:
    """Their reply to the consultation about ceasing the plan, and its date."""
    child = consultation.plan.child
    _may_record(actor, child)
    errors: dict[str, list[str]] = {}
    if consultation.withdrawn:
        errors.setdefault("__all__", []).append(WITHDRAWN_MESSAGE)
    _reply_errors(consultation.consulted_on, responded_on, response, errors)
    _raise(errors)
    claim_version(child, expected_version)
    consultation.responded_on = responded_on
    consultation.response = response.strip()
    consultation.full_clean()
    consultation.save()
    audit_record(
        actor=actor, action="update", obj=consultation, child=child,
        summary=f"Reply from {consultation.name} on {format_date(responded_on)}",
    )  # fmt: skip
    return consultation


def _relied_on(
    consultation: CessationConsultation, consulted_on: date | None, errors: dict[str, list[str]]
) -> None:
    """A standing decision to cease that needed this consultation keeps it: the consultation
    cannot be withdrawn (None) or moved after the decision."""
    needing = [code for code, g in GROUNDS.items() if g.consultation_required]
    for cessation in Cessation.objects.filter(
        plan=consultation.plan, withdrawn_at__isnull=True, ground__in=needing,
        decided_on__gte=consultation.consulted_on,
    ):  # fmt: skip
        if consulted_on is None or consulted_on > cessation.decided_on:
            errors.setdefault("reason", []).append(
                f"The decision to cease of {format_date(cessation.decided_on)} rests on this "
                "consultation: correct or withdraw that decision first."
            )


@transaction.atomic
def cessation_consultation_correct(
    *,
    actor: Any,
    consultation: CessationConsultation,
    name: str,
    consulted_on: date,
    reason: str,
    expected_version: int | None,
) -> CessationConsultation:
    """Correct who was consulted about ceasing the plan, or when; the history keeps the
    earlier values."""
    plan = consultation.plan
    _may_record(actor, plan.child)
    cleaned = mark_corrected(consultation, actor=actor, reason=reason)
    errors: dict[str, list[str]] = {}
    if not name.strip():
        errors.setdefault("name", []).append("Give the name of the person consulted.")
    _not_in_future(consulted_on, "consulted_on", errors)
    if plan.issued_on and consulted_on < plan.issued_on:
        errors.setdefault("consulted_on", []).append(
            f"The date is before the plan was issued ({format_date(plan.issued_on)})."
        )
    if consultation.responded_on is not None and consultation.responded_on < consulted_on:
        errors.setdefault("consulted_on", []).append(
            f"The reply is recorded on {format_date(consultation.responded_on)}, before this date."
        )
    _relied_on(consultation, consulted_on, errors)
    _raise(errors)
    claim_version(plan.child, expected_version)
    consultation.name = name.strip()
    consultation.consulted_on = consulted_on
    consultation.full_clean()
    history_reason(consultation, actor=actor, reason=cleaned)
    consultation.save()
    audit_record(
        actor=actor, action="update", obj=consultation, child=plan.child,
        summary=f"Corrected: {consultation}: {cleaned}",
    )  # fmt: skip
    return consultation


@transaction.atomic
def cessation_consultation_withdraw(
    *,
    actor: Any,
    consultation: CessationConsultation,
    reason: str,
    expected_version: int | None,
) -> CessationConsultation:
    """Withdraw a consultation recorded in error: it stays, marked, and no longer counts."""
    plan = consultation.plan
    _may_record(actor, plan.child)
    errors: dict[str, list[str]] = {}
    _relied_on(consultation, None, errors)
    _raise(errors)
    cleaned = mark_withdrawn(consultation, actor=actor, reason=reason)
    claim_version(plan.child, expected_version)
    consultation.full_clean()
    history_reason(consultation, actor=actor, reason=cleaned)
    consultation.save()
    audit_record(
        actor=actor, action="update", obj=consultation, child=plan.child,
        summary=f"Withdrawn as recorded in error: {consultation}: {cleaned}",
    )  # fmt: skip
    return consultation


# -- Personal budgets (Section J; CFA 2014 s.49) --------------------------------------------------

BUDGET_PARTS = ("education_amount", "health_amount", "social_care_amount")


def _request_errors(
    plan: Plan, requested_on: date, requested_by: str, errors: dict[str, list[str]]
) -> None:
    _not_in_future(requested_on, "requested_on", errors)
    if requested_by not in PersonalBudget.RequestedBy.values:
        errors.setdefault("requested_by", []).append("Choose who asked for the personal budget.")
    if plan.withdrawn:
        errors.setdefault("__all__", []).append(WITHDRAWN_MESSAGE)


def _decision_errors(
    budget: PersonalBudget, values: dict[str, Any], errors: dict[str, list[str]]
) -> None:
    """A refusal gives its reasons; an agreed budget gives its amount; direct payments say what
    they are for and when they are next reviewed (Personal Budgets Regulations 2014 regs 4A,
    5 to 7; SEND Regulations 2014 reg 12(1)(j))."""
    decision = values["decision"]
    decided_on = values["decided_on"]
    if decision not in (PersonalBudget.Decision.AGREED, PersonalBudget.Decision.REFUSED):
        errors.setdefault("decision", []).append("Choose whether the budget is agreed or refused.")
        return
    if decided_on is None:
        errors.setdefault("decided_on", []).append("Give the date of the decision.")
    else:
        _not_in_future(decided_on, "decided_on", errors)
        if decided_on < budget.requested_on:
            errors.setdefault("decided_on", []).append(
                f"The decision cannot be before the request ({format_date(budget.requested_on)})."
            )
    if decision == PersonalBudget.Decision.REFUSED:
        if not values["decision_reasons"].strip():
            errors.setdefault("decision_reasons", []).append(
                "Give the reasons for refusing: the family is told them in writing."
            )
        for part in BUDGET_PARTS:
            if values[part] is not None:
                errors.setdefault(part, []).append("A refused budget has no amount.")
        if values["direct_payments"]:
            errors.setdefault("direct_payments", []).append(
                "Direct payments are made only from an agreed budget."
            )
        return
    amounts = [values[p] for p in BUDGET_PARTS]
    for part, amount in zip(BUDGET_PARTS, amounts, strict=True):
        if amount is not None and amount < 0:
            errors.setdefault(part, []).append("An amount cannot be less than nothing.")
    if all(a is None for a in amounts):
        errors.setdefault("education_amount", []).append(
            "Give the amount of the budget: at least one of its parts."
        )
    if values["direct_payments"]:
        if not values["direct_payments_provision"].strip():
            errors.setdefault("direct_payments_provision", []).append(
                "Say which needs and outcomes the direct payments are to meet (Section J)."
            )
        review_on = values["direct_payments_review_on"]
        if review_on is None:
            errors.setdefault("direct_payments_review_on", []).append(
                "Give the date the direct payments are next reviewed."
            )
        elif decided_on is not None and review_on < decided_on:
            errors.setdefault("direct_payments_review_on", []).append(
                "The review cannot be before the decision."
            )


def _apply_decision(budget: PersonalBudget, values: dict[str, Any]) -> None:
    budget.decision = values["decision"]
    budget.decided_on = values["decided_on"]
    budget.decision_reasons = values["decision_reasons"].strip()
    for part in BUDGET_PARTS:
        setattr(budget, part, values[part])
    budget.direct_payments = bool(values["direct_payments"])
    budget.direct_payments_provision = (
        values["direct_payments_provision"].strip() if budget.direct_payments else ""
    )
    budget.direct_payments_review_on = (
        values["direct_payments_review_on"] if budget.direct_payments else None
    )


@transaction.atomic
def personal_budget_request(
    *,
    actor: Any,
    plan: Plan,
    requested_on: date,
    requested_by: str,
    requested_by_name: str = "",
    expected_version: int | None,
) -> PersonalBudget:
    """The parent or young person asked for a personal budget (CFA 2014 s.49(1); Personal
    Budgets Regulations 2014 reg 4)."""
    _may_record(actor, plan.child)
    errors: dict[str, list[str]] = {}
    _request_errors(plan, requested_on, requested_by, errors)
    if plan.status in (Plan.Status.CEASED, Plan.Status.LAPSED, Plan.Status.NOT_AMENDED):
        errors.setdefault("__all__", []).append(
            f"This plan is {plan.get_status_display().lower()}: a personal budget is asked for "
            "on a plan being prepared or maintained."
        )
    _raise(errors)
    claim_version(plan.child, expected_version)
    budget = PersonalBudget(
        plan=plan, requested_on=requested_on, requested_by=requested_by,
        requested_by_name=requested_by_name.strip(), recorded_by=actor,
    )  # fmt: skip
    budget.full_clean()
    budget.save()
    audit_record(actor=actor, action="create", obj=budget, child=plan.child, summary=str(budget))
    return budget


@transaction.atomic
def personal_budget_decide(
    *,
    actor: Any,
    budget: PersonalBudget,
    decision: str,
    decided_on: date | None,
    decision_reasons: str = "",
    education_amount: Any = None,
    health_amount: Any = None,
    social_care_amount: Any = None,
    direct_payments: bool = False,
    direct_payments_provision: str = "",
    direct_payments_review_on: date | None = None,
    expected_version: int | None,
) -> PersonalBudget:
    """The authority's decision on the request: agreed with its amount and parts (and any
    direct payments), or refused with reasons. A decision already recorded is changed by a
    correction, which says why."""
    child = budget.plan.child
    _may_record(actor, child)
    if budget.withdrawn:
        raise ValidationError({"__all__": [WITHDRAWN_MESSAGE]})
    if budget.decision:
        raise ValidationError(
            {"__all__": ["The decision is already recorded: correct it, saying why."]}
        )
    values = {
        "decision": decision, "decided_on": decided_on, "decision_reasons": decision_reasons,
        "education_amount": education_amount, "health_amount": health_amount,
        "social_care_amount": social_care_amount, "direct_payments": direct_payments,
        "direct_payments_provision": direct_payments_provision,
        "direct_payments_review_on": direct_payments_review_on,
    }  # fmt: skip
    errors: dict[str, list[str]] = {}
    _decision_errors(budget, values, errors)
    _raise(errors)
    claim_version(child, expected_version)
    _apply_decision(budget, values)
    budget.full_clean()
    budget.save()
    audit_record(
        actor=actor, action="update", obj=budget, child=child,
        summary=f"Personal budget {budget.get_decision_display().lower()}",
    )  # fmt: skip
    return budget


@transaction.atomic
def personal_budget_correct(
    *,
    actor: Any,
    budget: PersonalBudget,
    requested_on: date,
    requested_by: str,
    requested_by_name: str = "",
    decision: str = "",
    decided_on: date | None = None,
    decision_reasons: str = "",
    education_amount: Any = None,
    health_amount: Any = None,
    social_care_amount: Any = None,
    direct_payments: bool = False,
    direct_payments_provision: str = "",
    direct_payments_review_on: date | None = None,
    reason: str,
    expected_version: int | None,
) -> PersonalBudget:
    """Correct the request or the decision (a new amount, say): the earlier values stay in the
    history with who changed them and why (decision 0100)."""
    child = budget.plan.child
    _may_record(actor, child)
    cleaned = mark_corrected(budget, actor=actor, reason=reason)
    values = {
        "decision": decision, "decided_on": decided_on, "decision_reasons": decision_reasons,
        "education_amount": education_amount, "health_amount": health_amount,
        "social_care_amount": social_care_amount, "direct_payments": direct_payments,
        "direct_payments_provision": direct_payments_provision,
        "direct_payments_review_on": direct_payments_review_on,
    }  # fmt: skip
    errors: dict[str, list[str]] = {}
    _request_errors(budget.plan, requested_on, requested_by, errors)
    budget.requested_on = requested_on
    if budget.decision and not decision:
        errors.setdefault("decision", []).append(
            "A recorded decision cannot be undone: withdraw the record if it was made in error."
        )
    if decision:
        _decision_errors(budget, values, errors)
    _raise(errors)
    claim_version(child, expected_version)
    budget.requested_by = requested_by
    budget.requested_by_name = requested_by_name.strip()
    if decision:
        _apply_decision(budget, values)
    budget.full_clean()
    history_reason(budget, actor=actor, reason=cleaned)
    budget.save()
    audit_record(
        actor=actor, action="update", obj=budget, child=child,
        summary=f"Corrected: {budget}: {cleaned}",
    )  # fmt: skip
    return budget


@transaction.atomic
def personal_budget_withdraw(
    *, actor: Any, budget: PersonalBudget, reason: str, expected_version: int | None
) -> PersonalBudget:
    """Withdraw a personal budget recorded in error: it stays, marked, out of Section J."""
    child = budget.plan.child
    _may_record(actor, child)
    cleaned = mark_withdrawn(budget, actor=actor, reason=reason)
    claim_version(child, expected_version)
    budget.full_clean()
    history_reason(budget, actor=actor, reason=cleaned)
    budget.save()
    audit_record(
        actor=actor, action="update", obj=budget, child=child,
        summary=f"Withdrawn as recorded in error: {budget}: {cleaned}",
    )  # fmt: skip
    return budget


# -- Reviewing direct payments (Personal Budgets Regulations 2014 reg 11) -------------------------


def _direct_payment_review_errors(
    budget: PersonalBudget, reviewed_on: date, outcome: str, next_review_on: date | None
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if budget.withdrawn:
        errors.setdefault("__all__", []).append(WITHDRAWN_MESSAGE)
    if budget.decision != PersonalBudget.Decision.AGREED or not budget.direct_payments:
        errors.setdefault("__all__", []).append(
            "Only a personal budget agreed with direct payments has direct payments to review."
        )
    _not_in_future(reviewed_on, "reviewed_on", errors)
    if budget.decided_on is not None and reviewed_on < budget.decided_on:
        errors.setdefault("reviewed_on", []).append(
            f"The review cannot be before the direct payments were agreed "
            f"({format_date(budget.decided_on)})."
        )
    if outcome not in DirectPaymentReview.Outcome.values:
        errors.setdefault("outcome", []).append("Choose what the review decided.")
    if outcome == DirectPaymentReview.Outcome.STOPPED:
        if next_review_on is not None:
            errors.setdefault("next_review_on", []).append(
                "Direct payments that stop are not reviewed again: leave the date empty."
            )
    elif next_review_on is None:
        errors.setdefault("next_review_on", []).append(
            "Give the date the direct payments are next reviewed."
        )
    elif next_review_on <= reviewed_on:
        errors.setdefault("next_review_on", []).append("The next review must be after this one.")
    return errors


def _latest_review(budget: PersonalBudget) -> DirectPaymentReview | None:
    return (
        budget.direct_payment_reviews.filter(withdrawn_at__isnull=True)
        .order_by("-reviewed_on", "-pk")
        .first()
    )


def _save_budget_review_date(
    budget: PersonalBudget, *, actor: Any, on: date | None, why: str
) -> None:
    budget.direct_payments_review_on = on
    budget.full_clean()
    history_reason(budget, actor=actor, reason=why)
    budget.save()


@transaction.atomic
def direct_payment_review_record(
    *,
    actor: Any,
    budget: PersonalBudget,
    reviewed_on: date,
    outcome: str,
    notes: str = "",
    next_review_on: date | None = None,
    expected_version: int | None,
) -> DirectPaymentReview:
    """The authority reviewed the making and use of the direct payments (Personal Budgets
    Regulations 2014 reg 11). The budget's next review date becomes the one set here: the
    authority's own date, with no period computed (decision 0171)."""
    child = budget.plan.child
    _may_record(actor, child)
    errors = _direct_payment_review_errors(budget, reviewed_on, outcome, next_review_on)
    latest = _latest_review(budget)
    if latest is not None and reviewed_on < latest.reviewed_on:
        errors.setdefault("reviewed_on", []).append(
            f"A later review is recorded ({format_date(latest.reviewed_on)})."
        )
    _raise(errors)
    claim_version(child, expected_version)
    review = DirectPaymentReview(
        budget=budget, reviewed_on=reviewed_on, outcome=outcome, notes=notes.strip(),
        was_due_on=budget.direct_payments_review_on, next_review_on=next_review_on,
        recorded_by=actor,
    )  # fmt: skip
    review.full_clean()
    review.save()
    _save_budget_review_date(budget, actor=actor, on=next_review_on, why=str(review))
    audit_record(
        actor=actor, action="create", obj=review, child=child,
        summary=f"{review}: {review.get_outcome_display().lower()}",
    )  # fmt: skip
    return review


@transaction.atomic
def direct_payment_review_correct(
    *,
    actor: Any,
    review: DirectPaymentReview,
    reviewed_on: date,
    outcome: str,
    notes: str,
    next_review_on: date | None,
    reason: str,
    expected_version: int | None,
) -> DirectPaymentReview:
    """Correct a recorded review; the latest review's next date is the budget's."""
    budget = review.budget
    child = budget.plan.child
    _may_record(actor, child)
    cleaned = mark_corrected(review, actor=actor, reason=reason)
    _raise(_direct_payment_review_errors(budget, reviewed_on, outcome, next_review_on))
    claim_version(child, expected_version)
    review.reviewed_on, review.outcome = reviewed_on, outcome
    review.notes, review.next_review_on = notes.strip(), next_review_on
    review.full_clean()
    history_reason(review, actor=actor, reason=cleaned)
    review.save()
    if _latest_review(budget) == review:
        _save_budget_review_date(budget, actor=actor, on=next_review_on, why=cleaned)
    audit_record(
        actor=actor, action="update", obj=review, child=child,
        summary=f"Corrected: {review}: {cleaned}",
    )  # fmt: skip
    return review


@transaction.atomic
def direct_payment_review_withdraw(
    *, actor: Any, review: DirectPaymentReview, reason: str, expected_version: int | None
) -> DirectPaymentReview:
    """Withdraw a review recorded in error: the budget's review date goes back to the one the
    latest standing review set (or the one set before this review)."""
    budget = review.budget
    child = budget.plan.child
    _may_record(actor, child)
    cleaned = mark_withdrawn(review, actor=actor, reason=reason)
    claim_version(child, expected_version)
    was_latest = _latest_review(budget) == review
    review.full_clean()
    history_reason(review, actor=actor, reason=cleaned)
    review.save()
    if was_latest and not budget.withdrawn:
        latest = _latest_review(budget)
        back_to = latest.next_review_on if latest is not None else review.was_due_on
        _save_budget_review_date(budget, actor=actor, on=back_to, why=cleaned)
    audit_record(
        actor=actor, action="update", obj=review, child=child,
        summary=f"Withdrawn as recorded in error: {review}: {cleaned}",
    )  # fmt: skip
    return review
