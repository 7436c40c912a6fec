"""Checks and steps the plan services share: refusing a change to an issued or lapsed version,
recomputing the child's deadlines, and the date checks a correction repeats.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError

from redress.audit.services import audit_record
from redress.casework.deadlines import deadlines_recompute, validate_events
from redress.casework.models import Child
from redress.casework.plan_basis import check_plan_basis
from redress.casework.services import check_family_window, check_life_dates
from redress.core.corrections import history_reason
from redress.core.service_checks import not_in_future as _not_in_future
from redress.plans.events import plan_events
from redress.plans.legal import GROUNDS, CessationGround
from redress.plans.models import CessationConsultation, Plan, ReviewCycle, ReviewStep
from redress.plans.selectors import current_plan, standing_cessation
from redress.statutory import InputError
from redress.statutory.calendar import format_date


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


CHANGE_PERMISSION = "casework.change_child"


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
