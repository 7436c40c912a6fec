"""Ceasing to maintain a plan (CFA 2014 s.45): the decision, its appeal and when it takes effect."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from redress.audit.services import audit_record
from redress.core.corrections import WITHDRAWN_MESSAGE
from redress.core.service_checks import not_in_future as _not_in_future
from redress.core.versions import claim_version
from redress.plans.models import Cessation, Plan
from redress.plans.selectors import appeal_window_open, standing_cessation
from redress.plans.services._common import (
    _ground_errors,
    _not_being_ceased,
    _not_superseded,
    _raise,
    _recompute,
)
from redress.statutory.calendar import format_date


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
