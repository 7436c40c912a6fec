"""Arranging the mediation: the local authority and the health commissioner told, the
mediator assigned, the meeting arranged and confirmed, held and concluded."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from django.db import transaction

from redress.accounts.models import Organisation, Role
from redress.accounts.selectors import has_role_at as _works_at
from redress.core.service_checks import require_perm as _require
from redress.core.versions import claim_version
from redress.mediation.messages import MEETING_CONFIRMATION
from redress.mediation.models import (
    FamilyChoice,
    MediationCase,
    MediationMeeting,
    MeetingConfirmation,
    Outcome,
)
from redress.mediation.selectors_meetings import (
    attendees_confirmed_on,
    confirmation_personalisation,
    confirmation_recipients,
)
from redress.mediation.services._common import (
    Errors,
    _add,
    _clean_save,
    _finish,
    _in_engine_years,
    _not_before,
    _not_future,
    _raise,
    _refresh_confirmation,
)
from redress.notifications.recipients import Contact
from redress.notifications.services import message_enqueue
from redress.statutory.calendar import format_long_date
from redress.statutory.engine import today_in_london


def _require_wishes(case: MediationCase, field: str, errors: Errors) -> None:
    if case.family_choice != FamilyChoice.WISHES:
        _add(errors, field, "Record first that the family wishes to mediate.")


@transaction.atomic
def mediation_la_told_record(
    *, actor: Any, case: MediationCase, on: date, expected_version: int | None = None
) -> MediationCase:
    """The family told the local authority they wish to mediate: the 30 days start here."""
    _require(actor, "mediation.change_case", case)
    errors: Errors = {}
    _require_wishes(case, "on", errors)
    _not_future(on, "on", errors)
    _not_before(on, case.decision_notice_date, "on", "the decision notice", errors)
    _raise(errors)
    claim_version(case, expected_version)
    case.la_told_on = on
    _clean_save(case)
    _finish(
        actor=actor,
        case=case,
        action="update",
        obj=case,
        summary="Recorded that the local authority was told the family wish to mediate",
    )
    return case


@transaction.atomic
def mediation_health_notified_record(
    *,
    actor: Any,
    case: MediationCase,
    commissioner: Organisation,
    on: date,
    expected_version: int | None = None,
) -> MediationCase:
    _require(actor, "mediation.change_case", case)
    errors: Errors = {}
    if not case.has_health_issues:
        _add(errors, "commissioner", "The mediation issues include no health care provision.")
    if commissioner.kind != Organisation.Kind.HEALTH_COMMISSIONER:
        _add(errors, "commissioner", "Choose a health commissioner (ICB).")
    if case.la_told_on is None:
        _add(errors, "on", "Record first the day the local authority was told.")
    _not_future(on, "on", errors)
    _not_before(on, case.la_told_on, "on", "the day the local authority was told", errors)
    _raise(errors)
    claim_version(case, expected_version)
    case.health_commissioner, case.health_notified_on = commissioner, on
    _clean_save(case)
    _finish(
        actor=actor,
        case=case,
        action="update",
        obj=case,
        summary=f"Recorded that {commissioner} was told of the mediation",
    )
    return case


@transaction.atomic
def mediation_not_arranged_record(
    *,
    actor: Any,
    case: MediationCase,
    on: date,
    reason: str,
    expected_version: int | None = None,
) -> MediationCase:
    _require(actor, "mediation.change_case", case)
    errors: Errors = {}
    _require_wishes(case, "on", errors)
    _not_future(on, "on", errors)
    _not_before(on, case.family_choice_on, "on", "the family's choice", errors)
    if case.meetings.filter(status=MediationMeeting.Status.HELD).exists():
        _add(errors, "on", "The mediation has already been held.")
    _raise(errors)
    claim_version(case, expected_version)
    case.not_arranged_on, case.not_arranged_reason = on, reason.strip()
    _clean_save(case)
    _finish(
        actor=actor,
        case=case,
        action="update",
        obj=case,
        summary="Recorded that mediation cannot be arranged in time",
    )
    return case


@transaction.atomic
def mediation_assign(
    *,
    actor: Any,
    case: MediationCase,
    mediator: Any,
    case_manager: Any = None,
    expected_version: int | None = None,
) -> MediationCase:
    _require(actor, "mediation.change_case", case)
    errors: Errors = {}
    if mediator is not None and not _works_at(mediator, case.provider_id, (Role.MEDIATOR,)):
        _add(errors, "mediator", "Choose a mediator who works at this provider.")
    if case_manager is not None and not _works_at(
        case_manager, case.provider_id, (Role.MEDIATION_CASE_MANAGER,)
    ):
        _add(errors, "case_manager", "Choose a case manager who works at this provider.")
    _raise(errors)
    claim_version(case, expected_version)
    case.mediator, case.case_manager = mediator, case_manager
    _clean_save(case)
    who = mediator.display_name if mediator else "nobody"
    _finish(
        actor=actor, case=case, action="update", obj=case, summary=f"Assigned the mediator: {who}"
    )
    return case


@transaction.atomic
def mediation_meeting_schedule(
    *,
    actor: Any,
    case: MediationCase,
    meeting_date: date,
    start_time: time,
    end_time: time | None = None,
    place: str = "",
    video_link: str = "",
    accessibility_needs: str = "",
    reschedule_reason: str = "",
    expected_version: int | None = None,
) -> MediationMeeting:
    """Arrange the meeting, or move it: the earlier date stays on record as moved, and those
    who had its confirmation are told it has moved."""
    _require(actor, "mediation.change_case", case)
    today = today_in_london()
    errors: Errors = {}
    _require_wishes(case, "meeting_date", errors)
    # A meeting already held may be recorded afterwards (arranged by phone, entered later); it
    # cannot be before the family's first contact with the adviser.
    _not_before(
        meeting_date, case.adviser_contacted_on, "meeting_date", "the first contact", errors
    )
    if end_time is not None and end_time <= start_time:
        _add(errors, "end_time", "The end time must be after the start time.")
    _in_engine_years(meeting_date, "meeting_date", errors)
    if not place.strip() and not video_link.strip():
        _add(errors, "place", "Enter the place of the meeting or its video link.")
    current = case.current_meeting
    if current is not None and current.status == MediationMeeting.Status.HELD:
        _add(errors, "meeting_date", "The mediation has already been held.")
    if current is not None and not reschedule_reason.strip():
        _add(errors, "reschedule_reason", "Say why the meeting is moving to another date.")
    _raise(errors)
    claim_version(case, expected_version)
    if current is not None:
        current.status = MediationMeeting.Status.RESCHEDULED
        current.reschedule_reason = reschedule_reason.strip()
        current.version += 1
        _clean_save(current)
        from redress.mediation.schedule import cancellation_notices_send

        cancellation_notices_send(actor=actor, meeting=current, moved_to=meeting_date)
    meeting = MediationMeeting(
        case=case,
        meeting_date=meeting_date,
        start_time=start_time,
        end_time=end_time,
        place=place.strip(),
        video_link=video_link.strip(),
        accessibility_needs=accessibility_needs.strip(),
        # A meeting recorded after it happened was arranged by its day at the latest.
        scheduled_on=min(today, meeting_date),
        created_by=actor,
    )
    _clean_save(meeting)
    verb = "Moved the meeting to" if current else "Arranged the meeting on"
    _finish(
        actor=actor,
        case=case,
        action="create",
        obj=meeting,
        summary=f"{verb} {format_long_date(meeting_date)}",
    )
    return meeting


@transaction.atomic
def mediation_confirmation_send(
    *,
    actor: Any,
    case: MediationCase,
    resend: bool = False,
    expected_version: int | None = None,
) -> list[MeetingConfirmation]:
    """Send the confirmation of date, time, place and attendees to every attendee who has not had
    it, or to everyone again (`resend`, after an attendee is added or a detail changes): by email
    through the outbox when they have an address, otherwise marked as a printed letter (the
    letter is the generated document)."""
    _require(actor, "mediation.change_case", case)
    errors: Errors = {}
    meeting = case.current_meeting
    if meeting is None or meeting.status != MediationMeeting.Status.SCHEDULED:
        _add(errors, "meeting", "Arrange the meeting first.")
        _raise(errors)
    assert meeting is not None
    recipients = confirmation_recipients(case)
    if not recipients:
        _add(errors, "meeting", "Add the people who will attend first.")
    _raise(errors)
    claim_version(case, expected_version)
    today = today_in_london()
    first = set(
        meeting.confirmations.filter(kind=MeetingConfirmation.Kind.CONFIRMATION).values_list(
            "attendee_id", flat=True
        )
    )
    already = set(attendees_confirmed_on(meeting))
    sent = []
    for attendee in recipients:
        if attendee.pk in already and not resend:
            continue
        kind = (
            MeetingConfirmation.Kind.RESENT
            if attendee.pk in first
            else MeetingConfirmation.Kind.CONFIRMATION
        )
        email = attendee.email or getattr(attendee.user, "email", "")
        if email:
            message_enqueue(
                key=f"mediation-confirmation:{meeting.pk}:{attendee.pk}"
                + (f":{today.isoformat()}:{meeting.version}" if kind != "confirmation" else ""),
                template=MEETING_CONFIRMATION,
                contact=Contact(email=email, name=attendee.name, user=attendee.user),
                personalisation=confirmation_personalisation(case, meeting, attendee),
                child=case.child,
                digestible=False,
            )
            channel = MeetingConfirmation.Channel.NOTIFICATION
        else:
            channel = MeetingConfirmation.Channel.LETTER
        confirmation = MeetingConfirmation(
            meeting=meeting,
            attendee=attendee,
            channel=channel,
            kind=kind,
            sent_on=today,
            sent_by=actor,
        )
        _clean_save(confirmation)
        sent.append(confirmation)
    _refresh_confirmation(case)
    _finish(
        actor=actor,
        case=case,
        action="create",
        obj=meeting,
        summary=f"Sent the meeting confirmation to {len(sent)} attendee(s)",
    )
    return sent


@transaction.atomic
def mediation_held_record(
    *,
    actor: Any,
    case: MediationCase,
    held_on: date,
    start_time: time | None = None,
    place: str = "",
    expected_version: int | None = None,
) -> MediationMeeting:
    """The mediation took place. A meeting arranged outside Redress (by phone, on the day) is
    recorded afterwards with its time and place; one held earlier than arranged is moved."""
    _require(actor, "mediation.change_case", case)
    errors: Errors = {}
    meeting = case.current_meeting
    if meeting is not None and meeting.status == MediationMeeting.Status.HELD:
        _add(errors, "held_on", "The mediation has already been recorded as held.")
        _raise(errors)
    if meeting is None:
        _require_wishes(case, "held_on", errors)
        if start_time is None:
            _add(errors, "start_time", "Enter the time the meeting started.")
        if not place.strip():
            _add(errors, "place", "Enter where the meeting was held, or its video link.")
        _not_future(held_on, "held_on", errors)
        _raise(errors)
        assert start_time is not None
        video = place.strip() if place.strip().startswith(("http://", "https://")) else ""
        meeting = MediationMeeting(
            case=case,
            meeting_date=held_on,
            start_time=start_time,
            place="" if video else place.strip(),
            video_link=video,
            scheduled_on=held_on,
            created_by=actor,
        )
        _clean_save(meeting)
    _not_future(held_on, "held_on", errors)
    _not_before(held_on, case.adviser_contacted_on, "held_on", "the first contact", errors)
    _raise(errors)
    claim_version(case, expected_version)
    if held_on < meeting.meeting_date:
        # Held earlier than arranged: the arranged date stays on record as moved, and the
        # meeting as held is a new row on the day it took place.
        meeting.status = MediationMeeting.Status.RESCHEDULED
        meeting.reschedule_reason = "Held earlier than arranged"
        meeting.version += 1
        _clean_save(meeting)
        meeting.pk = None
        meeting.id = None
        meeting.meeting_date = held_on
        meeting.reschedule_reason = ""
        meeting.version = 1
        meeting.created_by = actor
        _clean_save(meeting)
    meeting.status, meeting.held_on = MediationMeeting.Status.HELD, held_on
    meeting.version += 1
    _clean_save(meeting)
    _finish(
        actor=actor,
        case=case,
        action="update",
        obj=meeting,
        summary=f"Recorded the mediation as held on {format_long_date(held_on)}",
    )
    return meeting


@transaction.atomic
def mediation_conclude(
    *,
    actor: Any,
    case: MediationCase,
    concluded_on: date,
    outcome: str,
    expected_version: int | None = None,
) -> MediationCase:
    """The mediation has concluded: the adviser's 3 working days for the certificate start."""
    _require(actor, "mediation.change_case", case)
    errors: Errors = {}
    meeting = case.current_meeting
    if meeting is None or meeting.status != MediationMeeting.Status.HELD:
        _add(errors, "concluded_on", "Record first that the mediation was held.")
    elif meeting.held_on:
        _not_before(concluded_on, meeting.held_on, "concluded_on", "the meeting", errors)
    if outcome not in Outcome.values:
        _add(errors, "outcome", "Choose the outcome.")
    _not_future(concluded_on, "concluded_on", errors)
    if case.concluded_on is not None:
        _add(errors, "concluded_on", "The mediation has already concluded.")
    if outcome == Outcome.NO_AGREEMENT and hasattr(case, "agreement"):
        # The written agreement (agreements app) would stay on record beside an outcome that
        # says there is none, and the family would be shown both.
        _add(errors, "outcome", "A written agreement is recorded for this mediation.")
    _raise(errors)
    claim_version(case, expected_version)
    case.concluded_on, case.outcome = concluded_on, outcome
    _clean_save(case)
    _finish(
        actor=actor,
        case=case,
        action="update",
        obj=case,
        summary=f"Recorded the mediation's conclusion: {case.get_outcome_display()}",
    )
    return case
