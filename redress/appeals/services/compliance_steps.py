"""The steps the local authority took to comply with an order, with their evidence."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from redress.appeals.models import ComplianceStep, Order, first_lower
from redress.appeals.services._common import (
    Errors,
    _add,
    _check_la_staff,
    _not_before,
    _raise,
    _recompute,
    _save_corrected,
)
from redress.audit.services import audit_record
from redress.casework.services import validate_upload
from redress.core.corrections import mark_corrected, mark_withdrawn
from redress.core.service_checks import not_in_future as _not_in_future
from redress.core.versions import claim_version


@transaction.atomic
def compliance_step_record(
    *,
    actor: Any,
    order: Order,
    step: str,
    done_on: date,
    note: str,
    document: UploadedFile | None = None,
) -> ComplianceStep:
    """A step the local authority took to comply with an order, with its evidence."""
    appeal = order.appeal
    child = appeal.child
    _check_la_staff(actor, child)
    errors: Errors = {}
    allowed = Order.STEPS_FOR_KIND[order.kind]
    if step not in allowed:
        words = ", ".join(first_lower(ComplianceStep.Step(s).label) for s in allowed) or "none"
        _add(errors, "step", f"This order needs these steps: {words}.")
    elif order.steps.filter(step=step, withdrawn_at__isnull=True).exists():
        _add(errors, "step", "This step is already recorded for the order.")
    _not_in_future(done_on, "done_on", errors)
    _not_before(done_on, order.made_on, "done_on", errors, "the order")
    if not note.strip():
        _add(errors, "note", "Say what was done and how it can be checked.")
    _raise(errors)
    if document is not None:
        validate_upload(document)
    compliance = ComplianceStep(
        order=order,
        step=step,
        done_on=done_on,
        note=note.strip(),
        recorded_by=actor,
        original_name=(document.name or "")[:255] if document is not None else "",
    )
    if document is not None:
        compliance.document = document
    compliance.full_clean()
    compliance.save()
    _recompute(child, field="done_on")
    audit_record(actor=actor, action="create", obj=compliance, child=child, summary=str(compliance))
    return compliance


@transaction.atomic
def compliance_step_correct(
    *,
    actor: Any,
    compliance_step: ComplianceStep,
    done_on: date,
    note: str,
    reason: str,
    expected_version: int | None,
) -> ComplianceStep:
    """Correct the day a compliance step was taken, or its evidence, checked as when it was
    recorded; the order's time limit is met on the corrected day."""
    order = compliance_step.order
    child = order.appeal.child
    _check_la_staff(actor, child)
    cleaned = mark_corrected(compliance_step, actor=actor, reason=reason)
    errors: Errors = {}
    _not_in_future(done_on, "done_on", errors)
    _not_before(done_on, order.made_on, "done_on", errors, "the order")
    if not note.strip():
        _add(errors, "note", "Say what was done and how it can be checked.")
    _raise(errors)
    claim_version(compliance_step, expected_version)
    before = str(compliance_step)
    compliance_step.done_on = done_on
    compliance_step.note = note.strip()
    _save_corrected(compliance_step, actor=actor, reason=f"Corrected: {cleaned}")
    _recompute(child, field="done_on")
    audit_record(
        actor=actor,
        action="update",
        obj=compliance_step,
        child=child,
        summary=f"Corrected the compliance step {before} (now {compliance_step}): {cleaned}",
    )
    return compliance_step


@transaction.atomic
def compliance_step_withdraw(
    *, actor: Any, compliance_step: ComplianceStep, reason: str, expected_version: int | None
) -> ComplianceStep:
    """Withdraw a compliance step recorded in error: the order's time limit for it is open again
    (or overdue). It stays on the record, and the real step can be recorded."""
    child = compliance_step.order.appeal.child
    _check_la_staff(actor, child)
    cleaned = mark_withdrawn(compliance_step, actor=actor, reason=reason)
    claim_version(compliance_step, expected_version)
    _save_corrected(compliance_step, actor=actor, reason=f"Withdrawn: {cleaned}")
    _recompute(child)
    audit_record(
        actor=actor,
        action="update",
        obj=compliance_step,
        child=child,
        summary=f"Withdrew the compliance step {compliance_step}, recorded in error: {cleaned}",
    )
    return compliance_step
