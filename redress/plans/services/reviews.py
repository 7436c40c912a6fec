"""Annual reviews: beginning one, arranging the meeting and recording its dated steps."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from redress.audit.services import audit_record
from redress.core.service_checks import not_in_future as _not_in_future
from redress.core.versions import claim_version
from redress.plans.models import Cessation, Plan, ReviewCycle, ReviewStep
from redress.plans.selectors import review_in_progress
from redress.plans.services._common import _not_superseded, _raise, _recompute, _step_plausibility
from redress.statutory.calendar import format_date
from redress.statutory.engine import today_in_london


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
