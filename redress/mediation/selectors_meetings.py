"""Reads about a meeting's confirmation: who is sent it, who has had it as the meeting now stands,
and what it says to each of them. The confirmation is sent and its date recorded by
`services.mediation_confirmation_send`."""

from __future__ import annotations

from datetime import date
from typing import Any

from redress.mediation import legal, schedule
from redress.mediation.models import (
    MediationAttendee,
    MediationCase,
    MediationMeeting,
    MeetingConfirmation,
)
from redress.mediation.selectors import attendance
from redress.statutory.calendar import format_long_date
from redress.statutory.engine import today_in_london

CONFIRMING_KINDS = (MeetingConfirmation.Kind.CONFIRMATION, MeetingConfirmation.Kind.RESENT)


def confirmation_recipients(case: MediationCase) -> list[MediationAttendee]:
    """Everyone who will attend (reg 38) gets the confirmation; a child under 16 only when the
    mediator decided the child attends."""
    today = today_in_london()
    return [
        a
        for a in case.attendees.prefetch_related("consents")
        if attendance(case, a).may_attend and schedule.may_receive_letter(case, a, today)
    ]


def attendees_confirmed_on(meeting: MediationMeeting) -> dict[int, date]:
    """Per attendee, the first day they had the meeting's details as they now stand (a change
    of time, place or link makes earlier confirmations out of date)."""
    sent: dict[int, date] = {}
    for c in meeting.confirmations.filter(kind__in=CONFIRMING_KINDS).order_by("sent_on", "id"):
        if meeting.details_changed_on and c.sent_on < meeting.details_changed_on:
            continue
        sent.setdefault(c.attendee_id, c.sent_on)
    return sent


def confirmation_personalisation(
    case: MediationCase, meeting: MediationMeeting, attendee: MediationAttendee
) -> dict[str, Any]:
    recipients = confirmation_recipients(case)
    documents = schedule.documents_for(attendee)
    return {
        "name": attendee.name,
        "provider_name": case.provider.name,
        "case_name": schedule.case_name(case),
        "meeting_date": format_long_date(meeting.meeting_date),
        "start_time": meeting.start_time.strftime("%H:%M"),
        "end_time": schedule.end_time_text(meeting),
        "place": schedule.place_text(meeting),
        "attendees": "\n".join(f"- {a.name}, {a.get_role_display()}" for a in recipients),
        "experts_statement": legal.EXPERTS_NOT_WITNESSES,
        "accessibility": schedule.access_needs_for(meeting, attendee),
        "documents": "\n".join(f"- {title}: {url}" for title, url in documents)
        or "None shared with you",
        "notice_citation": f"{legal.MEETING_NOTICE.text} ({legal.MEETING_NOTICE.short})",
    }
