"""Running mediation day to day: warnings when arranging a meeting, cancelling it, changing its
time or place, the family's consent to short notice, reminders and cancellation notices, the
mediator's availability and meetings, and sending a certificate to the family.

Working days and bank holidays come from the engine's calendar with the administrator's
overrides (`redress.bankholidays.selectors.working_day_calendar`); nothing here counts days.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse

from redress.audit.services import audit_record
from redress.bankholidays.selectors import working_day_calendar
from redress.casework.deadlines import deadlines_recompute
from redress.casework.models import Deadline
from redress.core.service_checks import require_perm as _require
from redress.core.versions import claim_version
from redress.mediation.messages import (
    CERTIFICATE_SENT,
    MEETING_CANCELLED,
    MEETING_REMINDER,
)
from redress.mediation.models import (
    AgendaItem,
    MediationAttendee,
    MediationCase,
    MediationCertificate,
    MediationMeeting,
    MediatorAvailability,
    MeetingConfirmation,
    PreMediationCall,
    SharedDocument,
)
from redress.notifications.calendar_feed import CalendarEvent
from redress.notifications.recipients import Contact, family_contacts
from redress.notifications.services import absolute_url, message_enqueue
from redress.statutory.calendar import format_long_date
from redress.statutory.engine import LONDON, today_in_london

# Office hours the provider works; a meeting starting before or ending after is warned about.
WORKING_HOURS = (time(9, 0), time(17, 0))
# A date further ahead than this is almost always a typing slip (the wrong year).
FAR_AHEAD_DAYS = 366
# The case prompts "cannot be arranged in time" this many working days before the engine's
# mediation.held due date, counted on the engine's calendar.
NOT_ARRANGED_PROMPT_WORKING_DAYS = 5
# A child under this age receives no letter unless the mediator decided the child attends.
CHILD_LETTER_AGE = 16


# -- What a confirmation says -------------------------------------------------------------------


def initials(case: MediationCase) -> str:
    child = case.child
    return f"{child.first_name[:1]}{child.last_name[:1]}".upper()


def reference(case: MediationCase) -> str:
    """The provider's reference for the case, as on every letter and certificate."""
    return f"MED-{case.pk:05d}"


def case_name(case: MediationCase) -> str:
    """How letters and messages name a case without the child's full name."""
    return f"{initials(case)}, reference {reference(case)}"


def end_time_text(meeting: MediationMeeting) -> str:
    return meeting.end_time.strftime("%H:%M") if meeting.end_time else "not set"


def place_text(meeting: MediationMeeting) -> str:
    if meeting.place and meeting.video_link:
        return f"{meeting.place}, or by video: {meeting.video_link}"
    return meeting.place or f"By video: {meeting.video_link}"


def access_needs_for(meeting: MediationMeeting, attendee: MediationAttendee) -> str:
    """Attendees' access needs go only to those who must act on them: the mediator (who runs
    the meeting and the room). Everyone else is told whom to ask."""
    if attendee.role == MediationAttendee.Role.MEDIATOR:
        return meeting.accessibility_needs or "None recorded"
    return "Tell the mediation provider about any adjustments you need."


def documents_for(attendee: MediationAttendee) -> list[tuple[str, str]]:
    """The documents shared with this attendee, each with the address to open it."""
    return [
        (
            doc.title,
            absolute_url(reverse("mediation:shared-document", args=[attendee.case_id, doc.pk])),
        )
        for doc in attendee.documents_shared.exclude(document="")
    ]


def may_receive_letter(case: MediationCase, attendee: MediationAttendee, on: date) -> bool:
    """No letter is addressed to a child under 16 unless the mediator decided the child
    attends."""
    if attendee.role != MediationAttendee.Role.CHILD:
        return True
    if case.child_attends_mediator_agrees:
        return True
    return case.child.age_on(on) >= CHILD_LETTER_AGE


# -- Warnings when arranging -------------------------------------------------------------------


def meeting_warnings(
    case: MediationCase,
    meeting_date: date,
    start_time: time,
    end_time: time | None = None,
    *,
    today: date | None = None,
) -> list[str]:
    """What to check before confirming a meeting; none of these refuses it."""
    today = today or today_in_london()
    calendar = working_day_calendar()
    warnings: list[str] = []
    holiday = calendar.holiday_name(meeting_date)
    if holiday:
        warnings.append(f"{format_long_date(meeting_date)} is a bank holiday ({holiday}).")
    elif not calendar.is_working_day(meeting_date):
        warnings.append(f"{format_long_date(meeting_date)} is a weekend.")
    if start_time < WORKING_HOURS[0] or (end_time or start_time) > WORKING_HOURS[1]:
        warnings.append("The meeting is outside working hours (09:00 to 17:00).")
    if meeting_date > today + timedelta(days=FAR_AHEAD_DAYS):
        warnings.append("The meeting is more than a year ahead: check the year.")
    mediator = case.mediator
    if mediator is not None:
        slots = list(MediatorAvailability.objects.filter(mediator=mediator))
        if slots and not any(
            s.weekday == meeting_date.weekday()
            and s.start_time <= start_time
            and (end_time or start_time) <= s.end_time
            for s in slots
        ):
            warnings.append(
                f"{mediator.display_name} is not available then (see their availability)."
            )
    return warnings


def not_arranged_prompt(case: MediationCase, *, today: date | None = None) -> Deadline | None:
    """The engine's "mediation held" row when its 30 days are about to pass (or have) and no
    meeting is held: the case then offers "cannot be arranged in time" and its certificate."""
    if case.not_arranged_on or case.concluded_on:
        return None
    if case.meetings.filter(status=MediationMeeting.Status.HELD).exists():
        return None
    row = (
        Deadline.objects.filter(child=case.child, rule="mediation.held", met_on__isnull=True)
        .order_by("due")
        .first()
    )
    if row is None:
        return None
    today = today or today_in_london()
    prompt_from = working_day_calendar().working_days_before(
        row.due, NOT_ARRANGED_PROMPT_WORKING_DAYS
    )
    return row if today >= prompt_from else None


# -- Changing a meeting ------------------------------------------------------------------------


def _current_scheduled(case: MediationCase, field: str) -> MediationMeeting:
    meeting = case.current_meeting
    if meeting is None or meeting.status != MediationMeeting.Status.SCHEDULED:
        raise ValidationError({field: ["There is no arranged meeting."]})
    return meeting


def _finish(
    actor: Any, case: MediationCase, obj: Any, summary: str, action: str = "update"
) -> None:
    audit_record(actor=actor, action=action, obj=obj, child=case.child, summary=summary)
    deadlines_recompute(child=case.child)


def _attendee_contact(attendee: MediationAttendee) -> Contact | None:
    email = attendee.email or getattr(attendee.user, "email", "")
    return Contact(email=email, name=attendee.name, user=attendee.user) if email else None


def _notice_to_confirmed(
    *,
    actor: Any,
    meeting: MediationMeeting,
    kind: str,
    template: str,
    personalisation: dict[str, Any],
    today: date,
) -> list[MeetingConfirmation]:
    """A notice to everyone who had the meeting's confirmation, once per kind and day."""
    sent = []
    attendee_ids = set(
        meeting.confirmations.exclude(kind=kind).values_list("attendee_id", flat=True)
    ) - set(meeting.confirmations.filter(kind=kind).values_list("attendee_id", flat=True))
    for attendee in meeting.case.attendees.filter(pk__in=attendee_ids, withdrawn_on__isnull=True):
        contact = _attendee_contact(attendee)
        if contact is not None:
            message_enqueue(
                key=f"mediation-{kind}:{meeting.pk}:{attendee.pk}",
                template=template,
                contact=contact,
                personalisation={"name": attendee.name, **personalisation},
                child=meeting.case.child,
                digestible=False,
            )
        row = MeetingConfirmation(
            meeting=meeting,
            attendee=attendee,
            kind=kind,
            channel=MeetingConfirmation.Channel.NOTIFICATION
            if contact
            else MeetingConfirmation.Channel.LETTER,
            sent_on=today,
            sent_by=actor,
        )
        row.full_clean(exclude=["sent_by"])
        row.save()
        sent.append(row)
    return sent


def cancellation_notices_send(
    *, actor: Any, meeting: MediationMeeting, moved_to: date | None = None
) -> list[MeetingConfirmation]:
    """Tell everyone who had the confirmation that the meeting is cancelled or moved."""
    case = meeting.case
    what = (
        f"It has moved to {format_long_date(moved_to)}; a new confirmation will follow."
        if moved_to
        else "It is cancelled."
    )
    return _notice_to_confirmed(
        actor=actor,
        meeting=meeting,
        kind=MeetingConfirmation.Kind.CANCELLATION,
        template=MEETING_CANCELLED,
        personalisation={
            "provider_name": case.provider.name,
            "case_name": case_name(case),
            "meeting_date": format_long_date(meeting.meeting_date),
            "start_time": meeting.start_time.strftime("%H:%M"),
            "what_happens": what,
        },
        today=today_in_london(),
    )


@transaction.atomic
def mediation_meeting_cancel(
    *, actor: Any, case: MediationCase, reason: str, expected_version: int | None = None
) -> MediationMeeting:
    """Cancel the arranged meeting without moving it; everyone confirmed is told."""
    _require(actor, "mediation.change_case", case)
    meeting = _current_scheduled(case, "reason")
    if not reason.strip():
        raise ValidationError({"reason": ["Say why the meeting is cancelled."]})
    claim_version(case, expected_version)
    meeting.status = MediationMeeting.Status.CANCELLED
    meeting.reschedule_reason = reason.strip()
    meeting.cancelled_on = today_in_london()
    meeting.version += 1
    meeting.full_clean(exclude=["created_by"])
    meeting.save()
    cancellation_notices_send(actor=actor, meeting=meeting)
    _finish(
        actor, case, meeting, f"Cancelled the meeting of {format_long_date(meeting.meeting_date)}"
    )
    return meeting


@transaction.atomic
def mediation_meeting_details_change(
    *,
    actor: Any,
    case: MediationCase,
    start_time: time,
    end_time: time | None,
    place: str,
    video_link: str,
    accessibility_needs: str = "",
    expected_version: int | None = None,
) -> MediationMeeting:
    """Change the time, place or link of the arranged meeting (a new date is a move). The
    confirmation goes again to everyone, and the details count as confirmed only then."""
    from redress.mediation.services import mediation_confirmation_send

    _require(actor, "mediation.change_case", case)
    meeting = _current_scheduled(case, "start_time")
    errors: dict[str, list[str]] = {}
    if not place.strip() and not video_link.strip():
        errors["place"] = ["Enter the place of the meeting or its video link."]
    if end_time is not None and end_time <= start_time:
        errors["end_time"] = ["The end time must be after the start time."]
    if errors:
        raise ValidationError(errors)
    claim_version(case, expected_version)
    meeting.start_time, meeting.end_time = start_time, end_time
    meeting.place, meeting.video_link = place.strip(), video_link.strip()
    meeting.accessibility_needs = accessibility_needs.strip()
    meeting.details_changed_on = today_in_london()
    meeting.confirmation_sent_on = None
    meeting.version += 1
    meeting.full_clean(exclude=["created_by"])
    meeting.save()
    case.refresh_from_db()
    audit_record(
        actor=actor,
        action="update",
        obj=meeting,
        child=case.child,
        summary="Changed the meeting's details",
    )
    if meeting.confirmations.exists():
        mediation_confirmation_send(actor=actor, case=case, resend=True)
    else:
        deadlines_recompute(child=case.child)
    return meeting


@transaction.atomic
def short_notice_consent_record(
    *,
    actor: Any,
    case: MediationCase,
    on: date,
    given_by: str,
    expected_version: int | None = None,
) -> MediationMeeting:
    """The parent or young person agreed to less than 5 working days' notice of the meeting.
    The notice duty is owed to them, so their consent counts as the notice given on that day
    (fed to the engine as `meeting_details_confirmed`; docs/mediation.md)."""
    _require(actor, "mediation.change_case", case)
    meeting = _current_scheduled(case, "on")
    errors: dict[str, list[str]] = {}
    if not given_by.strip():
        errors["given_by"] = ["Enter the name of the parent or young person who agreed."]
    if on > today_in_london():
        errors["on"] = ["The date must be today or in the past."]
    elif on < meeting.scheduled_on:
        errors["on"] = [
            "The family agree to short notice of an arranged meeting: the date cannot be "
            f"before it was arranged ({format_long_date(meeting.scheduled_on)})."
        ]
    if errors:
        raise ValidationError(errors)
    claim_version(case, expected_version)
    meeting.short_notice_consent_on, meeting.short_notice_consent_by = on, given_by.strip()
    meeting.version += 1
    meeting.full_clean(exclude=["created_by"])
    meeting.save()
    _finish(actor, case, meeting, "Recorded the family's consent to short notice of the meeting")
    return meeting


def notice_confirmed_on(meeting: MediationMeeting) -> date | None:
    """The day the notice counts as given: the confirmation to every attendee, or the
    family's consent to shorter notice, whichever came first."""
    days = [d for d in (meeting.confirmation_sent_on, meeting.short_notice_consent_on) if d]
    return min(days) if days else None


# -- Reminders ---------------------------------------------------------------------------------


@dataclass
class ReminderResult:
    meetings: int = 0
    notices: int = 0


def mediation_reminders_send(*, today: date) -> ReminderResult:
    """The day before a meeting, everyone who had its confirmation is reminded."""
    result = ReminderResult()
    tomorrow = today + timedelta(days=1)
    meetings = MediationMeeting.objects.filter(
        status=MediationMeeting.Status.SCHEDULED,
        meeting_date=tomorrow,
        reminder_sent_on__isnull=True,
        # No reminder of a meeting, or a case, withdrawn as recorded in error.
        withdrawn_at__isnull=True,
        case__withdrawn_at__isnull=True,
    ).select_related("case", "case__child", "case__provider")
    for meeting in meetings.iterator():
        with transaction.atomic():
            case = meeting.case
            sent = _notice_to_confirmed(
                actor=None,
                meeting=meeting,
                kind=MeetingConfirmation.Kind.REMINDER,
                template=MEETING_REMINDER,
                personalisation={
                    "provider_name": case.provider.name,
                    "case_name": case_name(case),
                    "meeting_date": format_long_date(meeting.meeting_date),
                    "start_time": meeting.start_time.strftime("%H:%M"),
                    "end_time": end_time_text(meeting),
                    "place": place_text(meeting),
                },
                today=today,
            )
            meeting.reminder_sent_on = today
            meeting.save(update_fields=["reminder_sent_on", "updated_at"])
            result.meetings += 1
            result.notices += len(sent)
    return result


# -- The mediator's meetings -------------------------------------------------------------------


def meetings_for_mediator(user: Any, start: date, end: date) -> QuerySet[MediationMeeting]:
    """The signed-in mediator's own meetings (cases assigned to them) between two days."""
    if not getattr(user, "is_authenticated", False):
        return MediationMeeting.objects.none()
    return (
        MediationMeeting.objects.filter(
            case__mediator=user,
            case__withdrawn_at__isnull=True,
            withdrawn_at__isnull=True,
            meeting_date__gte=start,
            meeting_date__lte=end,
            status__in=[MediationMeeting.Status.SCHEDULED, MediationMeeting.Status.HELD],
        )
        .select_related("case", "case__child", "case__provider")
        .order_by("meeting_date", "start_time", "id")
    )


@dataclass(frozen=True)
class ChecklistItem:
    label: str
    done: bool


_LA_AND_HEALTH = [MediationAttendee.Role.LA_OFFICER, MediationAttendee.Role.HEALTH_COMMISSIONER]


def with_preparation(meetings: QuerySet[MediationMeeting]) -> QuerySet[MediationMeeting]:
    """The meetings with what `preparation_checklist` asks of each case, read in the same
    query: a page of meetings costs one query, not five a meeting."""
    case = OuterRef("case_id")
    la_health = MediationAttendee.objects.filter(
        case=case, withdrawn_on__isnull=True, role__in=_LA_AND_HEALTH
    )
    return meetings.annotate(
        prep_calls=Exists(PreMediationCall.objects.filter(case=case)),
        prep_calls_not_held=Exists(
            PreMediationCall.objects.filter(case=case, held_on__isnull=True)
        ),
        prep_agenda=Exists(AgendaItem.objects.filter(case=case)),
        prep_la_health=Exists(la_health),
        prep_la_health_unconfirmed=Exists(la_health.filter(authority_confirmation="")),
        prep_documents=Exists(SharedDocument.objects.filter(case=case)),
    )


def preparation_checklist(meeting: MediationMeeting) -> list[ChecklistItem]:
    """What the mediator checks before the meeting (from `with_preparation`'s answers when the
    meeting was read with them, else asked of the case here)."""
    if not hasattr(meeting, "prep_calls"):
        meeting = with_preparation(MediationMeeting.objects.filter(pk=meeting.pk)).get()
    facts: Any = meeting
    return [
        ChecklistItem(
            "Pre-mediation calls held", facts.prep_calls and not facts.prep_calls_not_held
        ),
        ChecklistItem("Agenda built", facts.prep_agenda),
        ChecklistItem(
            "Confirmation sent to every attendee", meeting.confirmation_sent_on is not None
        ),
        ChecklistItem(
            "Authority to settle confirmed",
            facts.prep_la_health and not facts.prep_la_health_unconfirmed,
        ),
        ChecklistItem("Documents shared", facts.prep_documents),
    ]


def mediator_meeting_events(user: Any) -> list[Any]:
    """Calendar feed source: the mediator's arranged meetings (case initials, never the name)."""
    today = today_in_london()
    events = []
    for meeting in meetings_for_mediator(
        user, today - timedelta(days=90), today + timedelta(days=400)
    ):
        if meeting.status != MediationMeeting.Status.SCHEDULED:
            continue
        case = meeting.case
        start = datetime.combine(meeting.meeting_date, meeting.start_time, tzinfo=LONDON)
        end = (
            datetime.combine(meeting.meeting_date, meeting.end_time, tzinfo=LONDON)
            if meeting.end_time
            else start + timedelta(hours=3)
        )
        events.append(
            CalendarEvent(
                uid=f"mediation-meeting-{meeting.pk}@redress",
                summary=f"Mediation {case_name(case)}",
                description=f"Mediation meeting arranged by {case.provider.name}.",
                start=start,
                end=end,
                location=place_text(meeting),
                url=absolute_url(reverse("mediation:case-detail", args=[case.pk])),
            )
        )
    return events


# -- Sending a certificate ---------------------------------------------------------------------


@transaction.atomic
def certificate_send(*, actor: Any, certificate: MediationCertificate) -> MediationCertificate:
    """Send the certificate to the family: by email through the outbox (with the address to
    download it) to each family member with one, otherwise as a printed letter to the first
    address on record. The sending is recorded on the certificate and in the audit log."""
    case = certificate.case
    _require(actor, "mediation.issue_certificate", case)
    if certificate.sent_on is not None:
        raise ValidationError(
            {"certificate": [f"Already sent on {format_long_date(certificate.sent_on)}."]}
        )
    contacts = family_contacts(case.child)
    today = today_in_london()
    if contacts:
        url = absolute_url(
            reverse("mediation:certificate-document", args=[case.pk, certificate.pk])
        )
        for contact in contacts:
            message_enqueue(
                key=f"mediation-certificate:{certificate.pk}:{contact.key}",
                template=CERTIFICATE_SENT,
                contact=contact,
                personalisation={
                    "name": contact.name,
                    "provider_name": case.provider.name,
                    "case_name": case_name(case),
                    "reason": certificate.get_reason_display(),
                    "issued_on": format_long_date(certificate.issued_on),
                    "certificate_url": url,
                },
                child=case.child,
                digestible=False,
            )
        certificate.sent_channel = "notification"
        certificate.sent_to = ", ".join(c.name for c in contacts)[:300]
    else:
        member = case.child.family.exclude(address="").first()
        if member is None:
            raise ValidationError(
                {
                    "certificate": [
                        "The family has no email address or postal address on record: add one "
                        "on the child's record first."
                    ]
                }
            )
        certificate.sent_channel = "letter"
        certificate.sent_to = member.name[:300]
    certificate.sent_on, certificate.sent_by = today, actor
    certificate.save(update_fields=["sent_on", "sent_channel", "sent_to", "sent_by"])
    audit_record(
        actor=actor,
        action="update",
        obj=certificate,
        child=case.child,
        summary="Sent the mediation certificate to the family "
        f"({certificate.get_sent_channel_display()})",
    )
    return certificate


# -- Availability ------------------------------------------------------------------------------


@transaction.atomic
def availability_add(
    *, actor: Any, weekday: int, start_time: time, end_time: time
) -> MediatorAvailability:
    """A mediator records when they are free to hold meetings."""
    errors: dict[str, list[str]] = {}
    if weekday not in MediatorAvailability.Weekday.values:
        errors["weekday"] = ["Choose a day of the week."]
    if end_time <= start_time:
        errors["end_time"] = ["The end time must be after the start time."]
    if errors:
        raise ValidationError(errors)
    slot = MediatorAvailability(
        mediator=actor, weekday=weekday, start_time=start_time, end_time=end_time
    )
    slot.full_clean()
    slot.save()
    audit_record(actor=actor, action="create", obj=slot, summary="Added mediation availability")
    return slot
