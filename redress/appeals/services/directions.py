"""Evidence or witnesses the Tribunal directed health or social care to provide in an extended
appeal."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from redress.appeals.models import Appeal, Body, EvidenceDirection
from redress.appeals.services._common import (
    Errors,
    _add,
    _check_la_staff,
    _check_not_closed,
    _not_before,
    _raise,
    _recompute,
    _save_corrected,
    _when,
)
from redress.audit.services import audit_record
from redress.core.corrections import WITHDRAWN_MESSAGE, mark_corrected, mark_withdrawn
from redress.core.service_checks import not_in_future as _not_in_future
from redress.core.versions import claim_version


@transaction.atomic
def evidence_direction_record(
    *,
    actor: Any,
    appeal: Appeal,
    body: str,
    kind: str,
    description: str,
    directed_by: date,
    witness_name: str = "",
) -> EvidenceDirection:
    """Evidence or a witness the Tribunal directed a body to provide, by the date it set."""
    _check_la_staff(actor, appeal.child)
    errors: Errors = {}
    _check_not_closed(appeal, errors)
    organisation_id = (
        appeal.health_commissioner_id if body == Body.HEALTH else appeal.social_care_id
    )
    if organisation_id is None:
        _add(errors, "body", "The family did not ask for recommendations from that body.")
    _not_before(directed_by, appeal.lodged_on, "directed_by", errors, "the appeal was lodged")
    if not description.strip():
        _add(errors, "description", "Say what the Tribunal directed.")
    elif appeal.directions.filter(
        body=body,
        kind=kind,
        description=description.strip(),
        directed_by=directed_by,
        withdrawn_at__isnull=True,
    ).exists():
        # The same form sent twice would list the evidence twice, one copy never provided.
        _add(errors, "description", "This direction is already recorded.")
    if kind == EvidenceDirection.Kind.WITNESS and not witness_name.strip():
        _add(errors, "witness_name", "Enter the witness's name, or ‘not yet known’.")
    _raise(errors)
    direction = EvidenceDirection(
        appeal=appeal,
        body=body,
        kind=kind,
        description=description.strip(),
        directed_by=directed_by,
        witness_name=witness_name.strip(),
    )
    direction.full_clean()
    direction.save()
    audit_record(
        actor=actor, action="create", obj=direction, child=appeal.child, summary=str(direction)
    )
    return direction


@transaction.atomic
def evidence_direction_mark_provided(
    *, actor: Any, direction: EvidenceDirection, provided_on: date
) -> EvidenceDirection:
    if direction.withdrawn:
        raise ValidationError({"provided_on": [WITHDRAWN_MESSAGE]})
    errors: Errors = {}
    if direction.provided_on is not None:
        # Sending the form again must not overwrite the date already recorded.
        _add(
            errors,
            "provided_on",
            f"This is already recorded as provided on {_when(direction.provided_on)}.",
        )
    _not_in_future(provided_on, "provided_on", errors)
    _not_before(
        provided_on, direction.appeal.lodged_on, "provided_on", errors, "the appeal was lodged"
    )
    _raise(errors)
    direction.provided_on = provided_on
    direction.full_clean()
    direction.save()
    audit_record(
        actor=actor,
        action="update",
        obj=direction,
        child=direction.appeal.child,
        summary=f"Provided on {_when(provided_on)}: {direction}",
    )
    return direction


@transaction.atomic
def evidence_direction_correct(
    *,
    actor: Any,
    direction: EvidenceDirection,
    description: str,
    directed_by: date,
    witness_name: str,
    provided_on: date | None,
    reason: str,
    expected_version: int | None,
) -> EvidenceDirection:
    """Correct a Tribunal direction as recorded: what it directed, the date it set, the witness,
    or the day the evidence was provided. Checked as when each was recorded."""
    appeal = direction.appeal
    child = appeal.child
    _check_la_staff(actor, child)
    cleaned = mark_corrected(direction, actor=actor, reason=reason)
    errors: Errors = {}
    _not_before(directed_by, appeal.lodged_on, "directed_by", errors, "the appeal was lodged")
    if not description.strip():
        _add(errors, "description", "Say what the Tribunal directed.")
    if direction.kind == EvidenceDirection.Kind.WITNESS and not witness_name.strip():
        _add(errors, "witness_name", "Enter the witness's name, or ‘not yet known’.")
    _not_in_future(provided_on, "provided_on", errors)
    _not_before(provided_on, appeal.lodged_on, "provided_on", errors, "the appeal was lodged")
    _raise(errors)
    claim_version(direction, expected_version)
    direction.description = description.strip()
    direction.directed_by = directed_by
    direction.witness_name = witness_name.strip()
    direction.provided_on = provided_on
    _save_corrected(direction, actor=actor, reason=f"Corrected: {cleaned}")
    _recompute(child, field="directed_by")
    audit_record(
        actor=actor,
        action="update",
        obj=direction,
        child=child,
        summary=f"Corrected the direction {direction} (by {_when(directed_by)}): {cleaned}",
    )
    return direction


@transaction.atomic
def evidence_direction_withdraw(
    *, actor: Any, direction: EvidenceDirection, reason: str, expected_version: int | None
) -> EvidenceDirection:
    """Withdraw a direction recorded in error: the body no longer has it to provide. It stays on
    the record, struck through."""
    child = direction.appeal.child
    _check_la_staff(actor, child)
    cleaned = mark_withdrawn(direction, actor=actor, reason=reason)
    claim_version(direction, expected_version)
    _save_corrected(direction, actor=actor, reason=f"Withdrawn: {cleaned}")
    _recompute(child)
    audit_record(
        actor=actor,
        action="update",
        obj=direction,
        child=child,
        summary=f"Withdrew the direction {direction}, recorded in error: {cleaned}",
    )
    return direction
