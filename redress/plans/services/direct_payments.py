"""Reviewing direct payments (Personal Budgets Regulations 2014 reg 11)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from redress.audit.services import audit_record
from redress.core.corrections import (
    WITHDRAWN_MESSAGE,
    history_reason,
    mark_corrected,
    mark_withdrawn,
)
from redress.core.service_checks import not_in_future as _not_in_future
from redress.core.versions import claim_version
from redress.plans.models import DirectPaymentReview, PersonalBudget
from redress.plans.services._common import _may_record, _raise
from redress.statutory.calendar import format_date


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
