"""Correcting and withdrawing recorded plan steps (decision 0100)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from redress.core.corrections import (
    WITHDRAWN_MESSAGE,
    history_reason,
    mark_corrected,
    mark_withdrawn,
    withdrawal_reason,
)
from redress.core.service_checks import not_in_future as _not_in_future
from redress.core.versions import claim_version
from redress.plans.legal import CessationGround
from redress.plans.models import Cessation, PhaseTransfer, Plan, ReviewStep
from redress.plans.selectors import final_withdrawal_blockers, plan_stage_label
from redress.plans.services._common import (
    _draft_date_errors,
    _final_date_errors,
    _ground_errors,
    _may_record,
    _raise,
    _save_corrected,
    _step_plausibility,
)
from redress.statutory import rule_row
from redress.statutory.calendar import format_date

PLAN_STAGES = ("draft", "final", "not_made")


def _stage_date(plan: Plan, stage: str) -> date | None:
    return {
        "draft": plan.draft_issued_on,
        "final": plan.issued_on,
        "not_made": plan.not_amended_on,
    }[stage]


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
