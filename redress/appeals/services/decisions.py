"""How an appeal ends: not opposed before the response (reg 45), or the Tribunal's decision or a
consent order with the orders made; and correcting or withdrawing a decision or an order recorded
in error."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from redress.appeals.models import Appeal, Order, first_lower
from redress.appeals.selectors import unopposed_order_kinds
from redress.appeals.services._common import (
    CONSENT_ORDER_CITATION,
    UNOPPOSED_CITATION,
    Errors,
    _add,
    _check_la_staff,
    _check_not_closed,
    _not_before,
    _raise,
    _recompute,
    _save_corrected,
    _sync_cessation,
    _when,
    _withdrawal_reason,
)
from redress.audit.services import audit_record
from redress.core.corrections import mark_corrected, mark_withdrawn
from redress.core.service_checks import not_in_future as _not_in_future
from redress.core.versions import claim_version


@transaction.atomic
def appeal_mark_not_opposed(
    *, actor: Any, appeal: Appeal, notified_on: date, expected_version: int | None
) -> Appeal:
    """The local authority tells the Tribunal it will not oppose the appeal. Before its response
    is sent the appeal is treated as decided for the family (reg 45) and the reg 45 periods run
    from this day; after it, the parties must ask for a consent order instead."""
    child = appeal.child
    _check_la_staff(actor, child)
    errors: Errors = {}
    _check_not_closed(appeal, errors, "notified_on")
    _not_in_future(notified_on, "notified_on", errors)
    _not_before(notified_on, appeal.lodged_on, "notified_on", errors, "the appeal was lodged")
    if appeal.la_response_sent_on and notified_on >= appeal.la_response_sent_on:
        _add(
            errors,
            "notified_on",
            f"The response was sent on {_when(appeal.la_response_sent_on)}: after the response "
            f"an appeal is not treated as unopposed ({UNOPPOSED_CITATION}). Record a settlement "
            f"and ask the Tribunal for a consent order ({CONSENT_ORDER_CITATION}).",
        )
    _raise(errors)
    claim_version(appeal, expected_version)
    appeal.not_opposed_on = notified_on
    appeal.la_response = Appeal.LaResponse.NOT_OPPOSE
    appeal.outcome = Appeal.Outcome.UNOPPOSED
    appeal.outcome_on = notified_on
    appeal.full_clean()
    appeal.save()
    for kind in unopposed_order_kinds(appeal):
        order = Order(
            appeal=appeal,
            kind=kind,
            source=Order.Source.UNOPPOSED,
            made_on=notified_on,
            recorded_by=actor,
        )
        order.full_clean()
        order.save()
    _sync_cessation(actor, appeal)
    _recompute(child, field="notified_on")
    audit_record(
        actor=actor,
        action="update",
        obj=appeal,
        child=child,
        summary=f"Told the Tribunal the appeal is not opposed ({_when(notified_on)})",
    )
    return appeal


DECIDED_OUTCOMES = {
    Appeal.Outcome.UPHELD,
    Appeal.Outcome.PARTLY_UPHELD,
    Appeal.Outcome.DISMISSED,
    Appeal.Outcome.CONSENT_ORDER,
    Appeal.Outcome.STRUCK_OUT,
    Appeal.Outcome.WITHDRAWN,
}


@transaction.atomic
def appeal_decide(
    *,
    actor: Any,
    appeal: Appeal,
    outcome: str,
    outcome_on: date,
    order_kinds: Iterable[str] = (),
    sent_on: date | None = None,
    notes: str = "",
    expected_version: int | None,
) -> Appeal:
    """The Tribunal's decision (or a consent order), with the orders it made."""
    child = appeal.child
    _check_la_staff(actor, child)
    kinds = list(dict.fromkeys(order_kinds))
    errors: Errors = {}
    _check_not_closed(appeal, errors, "outcome")
    if outcome not in DECIDED_OUTCOMES:
        _add(errors, "outcome", "Choose how the appeal ended.")
    _not_in_future(outcome_on, "outcome_on", errors)
    _not_in_future(sent_on, "sent_on", errors)
    _not_before(outcome_on, appeal.lodged_on, "outcome_on", errors, "the appeal was lodged")
    _not_before(sent_on, outcome_on, "sent_on", errors, "the decision")
    no_orders = {Appeal.Outcome.DISMISSED, Appeal.Outcome.STRUCK_OUT, Appeal.Outcome.WITHDRAWN}
    if outcome in no_orders and kinds:
        _add(
            errors,
            "order_kinds",
            "A dismissed, struck-out or withdrawn appeal has no orders for the local authority.",
        )
    if (
        outcome
        in {Appeal.Outcome.UPHELD, Appeal.Outcome.PARTLY_UPHELD, Appeal.Outcome.CONSENT_ORDER}
        and not kinds
    ):
        _add(errors, "order_kinds", "Choose what the Tribunal ordered the local authority to do.")
    if bad := set(kinds) - set(Order.Kind.values):
        _add(errors, "order_kinds", f"Unknown orders: {', '.join(sorted(bad))}.")
    _raise(errors)
    claim_version(appeal, expected_version)
    appeal.outcome = outcome
    appeal.outcome_on = outcome_on
    appeal.outcome_notes = notes.strip()
    appeal.full_clean()
    appeal.save()
    source = (
        Order.Source.CONSENT if outcome == Appeal.Outcome.CONSENT_ORDER else Order.Source.TRIBUNAL
    )
    for kind in kinds:
        order = Order(
            appeal=appeal,
            kind=kind,
            source=source,
            made_on=outcome_on,
            sent_on=sent_on,
            recorded_by=actor,
        )
        order.full_clean()
        order.save()
    _sync_cessation(actor, appeal)
    _recompute(child, field="outcome_on")
    audit_record(
        actor=actor,
        action="update",
        obj=appeal,
        child=child,
        summary=f"Decision recorded: {appeal.get_outcome_display()} on {_when(outcome_on)}",
    )
    return appeal


def _check_decision_recorded(appeal: Appeal) -> None:
    if appeal.withdrawn:
        raise ValidationError("This appeal was withdrawn as recorded in error.")
    if not appeal.outcome:
        raise ValidationError("No decision is recorded for this appeal.")


def _no_step_before(order: Order, when: date, field: str, errors: Errors) -> None:
    """A step taken to comply with `order` cannot come before the day it is now said to be made."""
    for step in order.steps.filter(withdrawn_at__isnull=True):
        if step.done_on < when:
            _add(
                errors,
                field,
                f"{step.get_step_display()} is recorded on {_when(step.done_on)}, before this "
                "date.",
            )


@transaction.atomic
def appeal_decision_correct(
    *,
    actor: Any,
    appeal: Appeal,
    outcome: str,
    outcome_on: date,
    notes: str,
    reason: str,
    expected_version: int | None,
) -> Appeal:
    """Correct how the appeal ended or the day it did. The orders made that day move with it,
    since the Regulations count from the order."""
    child = appeal.child
    _check_la_staff(actor, child)
    _check_decision_recorded(appeal)
    cleaned = mark_corrected(appeal, actor=actor, reason=reason)
    orders = list(appeal.orders.filter(withdrawn_at__isnull=True))
    errors: Errors = {}
    unopposed = appeal.outcome == Appeal.Outcome.UNOPPOSED
    if unopposed and outcome != Appeal.Outcome.UNOPPOSED:
        _add(
            errors,
            "outcome",
            "Not opposing the appeal cannot become another outcome: withdraw it as recorded in "
            "error and record how the appeal ended.",
        )
    elif not unopposed and outcome not in DECIDED_OUTCOMES:
        _add(errors, "outcome", "Choose how the appeal ended.")
    no_orders = {Appeal.Outcome.DISMISSED, Appeal.Outcome.STRUCK_OUT, Appeal.Outcome.WITHDRAWN}
    if outcome in no_orders and orders:
        _add(
            errors,
            "outcome",
            "A dismissed, struck-out or withdrawn appeal has no orders for the local authority: "
            "withdraw its orders as recorded in error first.",
        )
    if outcome in DECIDED_OUTCOMES - no_orders and not orders:
        _add(
            errors,
            "outcome",
            "No order is recorded: withdraw this decision as recorded in error and record it "
            "again with what the Tribunal ordered.",
        )
    _not_in_future(outcome_on, "outcome_on", errors)
    _not_before(outcome_on, appeal.lodged_on, "outcome_on", errors, "the appeal was lodged")
    if unopposed and appeal.la_response_sent_on and outcome_on >= appeal.la_response_sent_on:
        _add(
            errors,
            "outcome_on",
            f"The response was sent on {_when(appeal.la_response_sent_on)}: after the response "
            f"an appeal is not treated as unopposed ({UNOPPOSED_CITATION}).",
        )
    for order in orders:
        _no_step_before(order, outcome_on, "outcome_on", errors)
    _raise(errors)
    claim_version(appeal, expected_version)
    appeal.outcome = outcome
    appeal.outcome_on = outcome_on
    appeal.outcome_notes = notes.strip()
    if unopposed:
        appeal.not_opposed_on = outcome_on
    _save_corrected(appeal, actor=actor, reason=f"Decision corrected: {cleaned}")
    for order in orders:
        if order.made_on != outcome_on:
            order.made_on = outcome_on
            if order.sent_on is not None and order.sent_on < outcome_on:
                order.sent_on = outcome_on
            order.version += 1
            _save_corrected(order, actor=actor, reason=f"Decision corrected: {cleaned}")
    _sync_cessation(actor, appeal, corrected=True)
    _recompute(child, field="outcome_on")
    audit_record(
        actor=actor,
        action="update",
        obj=appeal,
        child=child,
        summary=(
            f"Corrected the decision: {appeal.get_outcome_display()} on {_when(outcome_on)}: "
            f"{cleaned}"
        ),
    )
    return appeal


@transaction.atomic
def appeal_decision_withdraw(
    *, actor: Any, appeal: Appeal, reason: str, expected_version: int | None
) -> Appeal:
    """Withdraw a decision recorded in error: the appeal is live again and the orders made with
    the decision are withdrawn too, so the engine stops counting their time limits."""
    child = appeal.child
    _check_la_staff(actor, child)
    _check_decision_recorded(appeal)
    cleaned = _withdrawal_reason(reason)
    claim_version(appeal, expected_version)
    if appeal.outcome == Appeal.Outcome.UNOPPOSED:
        appeal.not_opposed_on = None
        if appeal.la_response_sent_on is None:
            appeal.la_response = ""
    appeal.outcome = ""
    appeal.outcome_on = None
    appeal.outcome_notes = ""
    _save_corrected(appeal, actor=actor, reason=f"Decision withdrawn: {cleaned}")
    for order in appeal.orders.filter(withdrawn_at__isnull=True):
        mark_withdrawn(order, actor=actor, reason=f"The decision was withdrawn: {cleaned}")
        order.version += 1
        _save_corrected(order, actor=actor, reason=f"Decision withdrawn: {cleaned}")
    _sync_cessation(actor, appeal, corrected=True)
    _recompute(child)
    audit_record(
        actor=actor,
        action="update",
        obj=appeal,
        child=child,
        summary=f"Withdrew a decision recorded in error: {cleaned}",
    )
    return appeal


@transaction.atomic
def order_correct(
    *,
    actor: Any,
    order: Order,
    made_on: date,
    sent_on: date | None,
    details: str,
    reason: str,
    expected_version: int | None,
) -> Order:
    """Correct an order's dates or details; its time limits run from the corrected date."""
    appeal = order.appeal
    child = appeal.child
    _check_la_staff(actor, child)
    cleaned = mark_corrected(order, actor=actor, reason=reason)
    errors: Errors = {}
    _not_in_future(made_on, "made_on", errors)
    _not_in_future(sent_on, "sent_on", errors)
    _not_before(made_on, appeal.lodged_on, "made_on", errors, "the appeal was lodged")
    _not_before(sent_on, made_on, "sent_on", errors, "the order")
    _no_step_before(order, made_on, "made_on", errors)
    _raise(errors)
    claim_version(order, expected_version)
    order.made_on = made_on
    order.sent_on = sent_on
    order.details = details.strip()
    _save_corrected(order, actor=actor, reason=f"Corrected: {cleaned}")
    _recompute(child, field="made_on")
    audit_record(
        actor=actor,
        action="update",
        obj=order,
        child=child,
        summary=f"Corrected {first_lower(str(order))} (made {_when(made_on)}): {cleaned}",
    )
    return order


@transaction.atomic
def order_withdraw(*, actor: Any, order: Order, reason: str, expected_version: int | None) -> Order:
    """Withdraw an order recorded in error; the engine stops counting its time limits. Steps
    already taken to comply stay on the record."""
    child = order.appeal.child
    _check_la_staff(actor, child)
    cleaned = mark_withdrawn(order, actor=actor, reason=reason)
    claim_version(order, expected_version)
    _save_corrected(order, actor=actor, reason=f"Withdrawn: {cleaned}")
    _recompute(child)
    audit_record(
        actor=actor,
        action="update",
        obj=order,
        child=child,
        summary=f"Withdrew {first_lower(str(order))} recorded in error: {cleaned}",
    )
    return order
