"""Personal budgets (section J; CFA 2014 s.49)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
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
from redress.plans.models import PersonalBudget, Plan
from redress.plans.services._common import _may_record, _raise
from redress.statutory.calendar import format_date

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
