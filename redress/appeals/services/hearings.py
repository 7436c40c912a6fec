"""The hearing the Tribunal listed: recorded, moved, corrected or withdrawn as recorded in error."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from redress.appeals.models import Appeal
from redress.appeals.services._common import (
    Errors,
    _add,
    _check_la_staff,
    _not_before,
    _raise,
    _recompute,
    _save_corrected,
    _when,
)
from redress.audit.services import audit_record
from redress.core.corrections import WITHDRAWN_MESSAGE, mark_corrected, withdrawal_reason
from redress.core.versions import claim_version


def _set_hearing(
    appeal: Appeal,
    *,
    hearing_on: date | None,
    hearing_format: str,
    hearing_venue: str,
    hearing_arrangements: str,
    expected_version: int | None,
) -> None:
    """Check a hearing (not before the appeal was lodged; an in-person hearing says where) and
    put it on the appeal, as recorded or as corrected."""
    errors: Errors = {}
    _not_before(hearing_on, appeal.lodged_on, "hearing_on", errors, "the appeal was lodged")
    if (
        hearing_format == Appeal.HearingFormat.IN_PERSON
        and hearing_on
        and not hearing_venue.strip()
    ):
        _add(errors, "hearing_venue", "Enter where the hearing takes place.")
    _raise(errors)
    claim_version(appeal, expected_version)
    appeal.hearing_on = hearing_on
    appeal.hearing_format = hearing_format
    appeal.hearing_venue = hearing_venue.strip()
    appeal.hearing_arrangements = hearing_arrangements.strip()


@transaction.atomic
def appeal_hearing_update(
    *,
    actor: Any,
    appeal: Appeal,
    hearing_on: date | None,
    hearing_format: str,
    hearing_venue: str,
    hearing_arrangements: str,
    expected_version: int | None,
) -> Appeal:
    child = appeal.child
    _check_la_staff(actor, child)
    _set_hearing(
        appeal,
        hearing_on=hearing_on,
        hearing_format=hearing_format,
        hearing_venue=hearing_venue,
        hearing_arrangements=hearing_arrangements,
        expected_version=expected_version,
    )
    appeal.full_clean()
    appeal.save()
    _recompute(child)
    audit_record(
        actor=actor, action="update", obj=appeal, child=child, summary="Updated the hearing"
    )
    return appeal


def _check_hearing_recorded(appeal: Appeal) -> None:
    if appeal.withdrawn:
        raise ValidationError(WITHDRAWN_MESSAGE)
    if not (appeal.hearing_on or appeal.hearing_format):
        raise ValidationError("No hearing is recorded for this appeal.")


@transaction.atomic
def appeal_hearing_correct(
    *,
    actor: Any,
    appeal: Appeal,
    hearing_on: date | None,
    hearing_format: str,
    hearing_venue: str,
    hearing_arrangements: str,
    reason: str,
    expected_version: int | None,
) -> Appeal:
    """Correct the hearing as recorded (a mistyped date, the wrong venue), checked as when it
    was recorded. A hearing the Tribunal moved is a new listing (`appeal_hearing_update`); this
    is for what was recorded wrongly, and says why."""
    child = appeal.child
    _check_la_staff(actor, child)
    _check_hearing_recorded(appeal)
    cleaned = mark_corrected(appeal, actor=actor, reason=reason)
    _set_hearing(
        appeal,
        hearing_on=hearing_on,
        hearing_format=hearing_format,
        hearing_venue=hearing_venue,
        hearing_arrangements=hearing_arrangements,
        expected_version=expected_version,
    )
    _save_corrected(appeal, actor=actor, reason=f"Hearing corrected: {cleaned}")
    _recompute(child, field="hearing_on")
    when = _when(hearing_on) if hearing_on else "no date"
    audit_record(
        actor=actor,
        action="update",
        obj=appeal,
        child=child,
        summary=f"Corrected the hearing ({when}): {cleaned}",
    )
    return appeal


@transaction.atomic
def appeal_hearing_withdraw(
    *, actor: Any, appeal: Appeal, reason: str, expected_version: int | None
) -> Appeal:
    """Withdraw a hearing recorded in error (on the wrong appeal, or never listed): the appeal
    has no hearing recorded again. The listing stays in the appeal's history."""
    child = appeal.child
    _check_la_staff(actor, child)
    _check_hearing_recorded(appeal)
    cleaned = withdrawal_reason(reason)
    claim_version(appeal, expected_version)
    appeal.hearing_on = None
    appeal.hearing_format = ""
    appeal.hearing_venue = ""
    appeal.hearing_arrangements = ""
    _save_corrected(appeal, actor=actor, reason=f"Hearing withdrawn: {cleaned}")
    _recompute(child)
    audit_record(
        actor=actor,
        action="update",
        obj=appeal,
        child=child,
        summary=f"Withdrew a hearing recorded in error: {cleaned}",
    )
    return appeal
