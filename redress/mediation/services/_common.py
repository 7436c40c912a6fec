"""Checks and steps every section of the mediation services shares."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError

from redress.audit.services import audit_record
from redress.casework.deadlines import deadlines_recompute
from redress.core.corrections import history_reason
from redress.mediation.models import MediationCase, MediationMeeting
from redress.mediation.selectors_meetings import attendees_confirmed_on, confirmation_recipients
from redress.statutory.calendar import FIRST_YEAR, LAST_YEAR, format_long_date
from redress.statutory.engine import today_in_london

Errors = dict[str, list[str]]


def _raise(errors: Errors) -> None:
    if errors:
        raise ValidationError(errors)


def _add(errors: Errors, field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def _in_engine_years(when: date | None, field: str, errors: Errors) -> None:
    """The engine counts periods only within the years its calendar knows; a date outside them
    is a typing slip, refused on the form rather than left to fail the deadline recompute."""
    if when is not None and not FIRST_YEAR <= when.year <= LAST_YEAR:
        _add(errors, field, f"Enter a date in the years {FIRST_YEAR} to {LAST_YEAR}.")


def _not_future(when: date | None, field: str, errors: Errors) -> None:
    if when is not None and when > today_in_london():
        _add(errors, field, "The date must be today or in the past.")
    elif when is not None:
        _in_engine_years(when, field, errors)


def _not_before(when: date | None, earlier: date | None, field: str, what: str, e: Errors) -> None:
    if when is not None and earlier is not None and when < earlier:
        _add(e, field, f"The date cannot be before {what} ({format_long_date(earlier)}).")


def _finish(*, actor: Any, case: MediationCase, action: str, obj: Any, summary: str) -> None:
    audit_record(actor=actor, action=action, obj=obj, child=case.child, summary=summary)
    deadlines_recompute(child=case.child)


# Who recorded a step is kept where known; records made outside a service may lack it.
_WHO_FIELDS = ["created_by", "issued_by", "decided_by", "sent_by", "shared_by", "author"]


def _clean_save(obj: Any) -> None:
    obj.full_clean(exclude=_WHO_FIELDS)
    obj.save()


def _save_with_reason(obj: Any, *, actor: Any, reason: str) -> None:
    history_reason(obj, actor=actor, reason=reason)
    _clean_save(obj)


def _refresh_confirmation(case: MediationCase) -> None:
    """The details count as confirmed on the day the last attendee's confirmation went; a new
    attendee without one reopens it."""
    meeting = case.current_meeting
    if meeting is None or meeting.status != MediationMeeting.Status.SCHEDULED:
        return
    recipients = confirmation_recipients(case)
    sent = attendees_confirmed_on(meeting)
    confirmed = (
        max(sent[a.pk] for a in recipients)
        if recipients and all(a.pk in sent for a in recipients)
        else None
    )
    if meeting.confirmation_sent_on != confirmed:
        meeting.confirmation_sent_on = confirmed
        meeting.save(update_fields=["confirmation_sent_on", "updated_at"])
