"""What the appeals services share: collecting form errors, the checks every step makes
(who may record it, whether the appeal has ended), recomputing the child's deadlines, keeping the
plans app's record of an appeal against a cessation in step, and saving a correction with its
reason."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError

from redress.accounts.models import LA_ROLES
from redress.accounts.selectors import has_role_at
from redress.appeals.models import Appeal, first_lower
from redress.casework.deadlines import deadlines_recompute, events_for_child
from redress.casework.models import Child
from redress.core.corrections import WITHDRAWAL_REASON_REQUIRED, history_reason
from redress.plans.services import cessation_appeal_update
from redress.statutory import InputError, parse_document
from redress.statutory.calendar import format_long_date

Errors = dict[str, list[str]]


UNOPPOSED_CITATION = "SEND Regulations 2014 reg 45"


CONSENT_ORDER_CITATION = "HESC Rules r.35 (consent orders); Tribunal form SEND46"


def _add(errors: Errors, field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def _raise(errors: Errors) -> None:
    if errors:
        raise ValidationError(errors)


def _when(day: date) -> str:
    return format_long_date(day)


def _not_before(
    when: date | None, earlier: date | None, field: str, errors: Errors, what: str
) -> None:
    if when is not None and earlier is not None and when < earlier:
        _add(errors, field, f"The date cannot be before {what} ({_when(earlier)}).")


def _recompute(child: Child, field: str = "__all__") -> None:
    """Recompute the child's deadlines; an input the engine refuses is a form error."""
    try:
        parse_document({"events": events_for_child(child)})
    except InputError as exc:
        raise ValidationError({field: list(exc.problems)}) from exc
    deadlines_recompute(child=child)


def _check_la_staff(actor: Any, child: Child) -> None:
    if not has_role_at(actor, child.local_authority_id, LA_ROLES):
        raise ValidationError(
            {"__all__": ["Only staff of the child's local authority can record this."]}
        )


def _check_not_closed(appeal: Appeal, errors: Errors, field: str = "__all__") -> None:
    if appeal.outcome:
        _add(
            errors,
            field,
            f"The appeal has ended ({first_lower(appeal.get_outcome_display())}"
            f"{' on ' + _when(appeal.outcome_on) if appeal.outcome_on else ''}).",
        )


# The plans app's words for how an appeal against a cessation ended (it decides from them
# whether the plan is still maintained).
_CESSATION_OUTCOMES = {
    Appeal.Outcome.UPHELD: "upheld",
    Appeal.Outcome.PARTLY_UPHELD: "upheld",
    Appeal.Outcome.UNOPPOSED: "upheld",
    Appeal.Outcome.CONSENT_ORDER: "upheld",
    Appeal.Outcome.DISMISSED: "dismissed",
    Appeal.Outcome.STRUCK_OUT: "dismissed",
    Appeal.Outcome.WITHDRAWN: "withdrawn",
}


def _sync_cessation(actor: Any, appeal: Appeal, *, corrected: bool = False) -> None:
    """Keep the plans app's record of an appeal against a cessation in step with this one,
    through its own service: it feeds the lodging to the engine and keeps the plan maintained
    while the appeal runs (docs/decisions/0030-appeal-against-cessation.md). After a correction
    this appeal's dates win; a withdrawn appeal was never lodged."""
    cessation = appeal.cessation
    if cessation is None or cessation.ceased_on is not None:
        return

    outcome = _CESSATION_OUTCOMES.get(Appeal.Outcome(appeal.outcome), "") if appeal.outcome else ""
    lodged: date | None = appeal.lodged_on
    if not corrected:
        lodged = cessation.appeal_lodged_on or appeal.lodged_on
    concluded = appeal.outcome_on if outcome else None
    if appeal.withdrawn:
        lodged, concluded, outcome = None, None, ""
    if (cessation.appeal_lodged_on, cessation.appeal_concluded_on) == (lodged, concluded):
        return
    cessation_appeal_update(
        actor=actor,
        cessation=cessation,
        appeal_lodged_on=lodged,
        appeal_concluded_on=concluded,
        appeal_outcome=outcome,
        expected_version=None,
    )


# Corrections and withdrawals (decision 0100): each check is the one the step was recorded with;
# the earlier values stay in the history with who changed them and why, and the deadlines are
# recomputed from what now stands.


def _save_corrected(record: Any, *, actor: Any, reason: str) -> None:
    record.full_clean()
    history_reason(record, actor=actor, reason=reason)
    record.save()


def _withdrawal_reason(reason: str) -> str:
    if not (reason or "").strip():
        raise ValidationError({"reason": WITHDRAWAL_REASON_REQUIRED})
    return reason.strip()
