"""Writes to mediation cases. Each service checks who may act and whether the step is plausible,
saves, recomputes the child's deadlines through the engine and writes the audit log, all in one
transaction. Refusals a user can cause are `ValidationError`s keyed by form field; a refused step
changes nothing already saved.

Every write to a case claims the case's version, so a form opened before someone else's change
is refused (`ConcurrentEditError`) and the person's answers are kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from redress.accounts.models import LA_ROLES, Membership, Organisation, Role
from redress.accounts.selectors import has_role_at as _works_at
from redress.audit.services import audit_record
from redress.casework.deadlines import deadlines_recompute
from redress.casework.models import Child
from redress.casework.services import validate_upload
from redress.core.corrections import (
    WITHDRAWN_MESSAGE,
    history_reason,
    mark_corrected,
    mark_withdrawn,
    withdrawal_reason,
)
from redress.core.dedupe import lock, recent_duplicate
from redress.core.service_checks import require_perm as _require
from redress.core.versions import ConcurrentEditError, claim_version
from redress.documents.decision_letters import decision_for_notice
from redress.mediation import legal, selectors
from redress.mediation.messages import (
    FAMILY_LAWYER_NOTICE,
    MEETING_CONFIRMATION,
    NOTES_POLICY_CHANGED,
    NOTES_POLICY_WORDS,
)
from redress.mediation.models import (
    AgendaItem,
    AttendeeConsent,
    Exemption,
    FamilyChoice,
    MediationAttendee,
    MediationCase,
    MediationCaseEntry,
    MediationCertificate,
    MediationIssue,
    MediationMeeting,
    MediationPolicy,
    MediatorNote,
    MeetingConfirmation,
    NotesPolicyNotice,
    Outcome,
    Party,
    PreMediationCall,
    RecordingRequest,
    SharedDocument,
)
from redress.notifications.recipients import Contact
from redress.notifications.services import absolute_url, enqueue
from redress.statutory.calendar import FIRST_YEAR, LAST_YEAR, format_long_date
from redress.statutory.engine import today_in_london

Errors = dict[str, list[str]]

__all__ = ["ConcurrentEditError"]


# -- Shared checks ----------------------------------------------------------------------------


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


# -- The provider's policy --------------------------------------------------------------------


@transaction.atomic
def mediation_policy_update(
    *,
    actor: Any,
    provider: Organisation,
    follows_up_agreements: bool,
    pre_mediation_call_required: bool,
    attendee_agreement: str,
    case_manager_sees_notes: bool,
    recording_wording: str,
    confidentiality_wording: str,
    expected_version: int | None = None,
) -> MediationPolicy:
    """The provider's case manager sets how the provider works."""
    _require(actor, "mediation.change_policy", provider)
    policy, created = MediationPolicy.objects.select_for_update().get_or_create(provider=provider)
    if not created and expected_version is not None and policy.version != expected_version:
        raise ConcurrentEditError
    notes_policy_changed = created or policy.case_manager_sees_notes != case_manager_sees_notes
    policy.follows_up_agreements = follows_up_agreements
    policy.pre_mediation_call_required = pre_mediation_call_required
    policy.attendee_agreement = attendee_agreement
    policy.case_manager_sees_notes = case_manager_sees_notes
    policy.recording_wording = recording_wording.strip()
    policy.confidentiality_wording = confidentiality_wording.strip()
    if not created:
        policy.version += 1
    if notes_policy_changed:
        policy.notes_policy_since = timezone.now()
    _clean_save(policy)
    audit_record(
        actor=actor,
        action="update",
        obj=policy,
        summary=f"Changed the mediation policy of {provider}",
    )
    if notes_policy_changed:
        _notes_policy_announce(actor=actor, policy=policy)
    return policy


def _notes_policy_announce(*, actor: Any, policy: MediationPolicy) -> None:
    """Who may read the mediators' notes changed: audited, and every mediator of the provider
    is told through the notifications outbox. The case manager reads a mediator's notes only
    once that mediator was told (`selectors.mediator_notes_visible_to`)."""
    provider = policy.provider
    allowed = policy.case_manager_sees_notes
    audit_record(
        actor=actor,
        action="update",
        obj=policy,
        summary=(
            f"Changed who may read the mediators' notes at {provider}: the case manager "
            + ("may now read them" if allowed else "may no longer read them")
        ),
    )
    mediators = get_user_model().objects.filter(
        pk__in=Membership.objects.filter(
            organisation=provider, role=Role.MEDIATOR, active=True
        ).values("user_id"),
        is_active=True,
    )
    told_at = policy.notes_policy_since or timezone.now()
    for mediator in mediators.order_by("pk"):
        if mediator.email:
            enqueue(
                key=f"mediation-notes-policy:{policy.pk}:{policy.version}:{mediator.pk}",
                template=NOTES_POLICY_CHANGED,
                contact=Contact(
                    email=mediator.email,
                    name=mediator.get_full_name() or mediator.username,
                    user=mediator,
                ),
                personalisation={
                    "name": mediator.get_full_name() or mediator.username,
                    "provider_name": provider.name,
                    "who_reads": NOTES_POLICY_WORDS[allowed],
                },
                digestible=False,
            )
            NotesPolicyNotice.objects.create(
                provider=provider,
                mediator=mediator,
                case_manager_sees_notes=allowed,
                told_at=told_at,
                how="message",
            )


@transaction.atomic
def notes_policy_shown(*, mediator: Any, provider: Organisation) -> None:
    """The notes page shows the mediator the provider's current policy: from now on they have
    been told it, if no message told them already."""
    if selectors.notes_policy_told(mediator=mediator, provider_id=provider.pk):
        return
    policy = selectors.policy_for(provider)
    NotesPolicyNotice.objects.create(
        provider=provider,
        mediator=mediator,
        case_manager_sees_notes=policy.case_manager_sees_notes,
        told_at=timezone.now(),
        how="notes_page",
    )


# -- First contact, issues, the family's choice, exemptions --------------------------------------


@dataclass(frozen=True)
class IssueInput:
    kind: str
    description: str
    health_provision_wanted: str = ""


def _check_issue(issue: IssueInput, errors: Errors, field: str = "issues") -> None:
    if issue.kind not in MediationIssue.Kind.values:
        _add(errors, field, "Choose education, social care or health care provision.")
    if not issue.description.strip():
        _add(
            errors,
            "description" if field != "issues" else field,
            "Describe what is in disagreement.",
        )
    if issue.kind == MediationIssue.Kind.HEALTH and not issue.health_provision_wanted.strip():
        _add(
            errors,
            "health_provision_wanted",
            "Say which health care provision the family want (the commissioner is told it).",
        )


@transaction.atomic
def mediation_case_open(
    *,
    actor: Any,
    child: Child,
    provider: Organisation,
    decision: str,
    decision_notice_date: date,
    adviser_contacted_on: date,
    issues: list[IssueInput],
    family_request: Any = None,
) -> MediationCase:
    """The family's first contact with the mediation adviser about a decision they may appeal."""
    _require(actor, "mediation.open_case_for_child", child)
    errors: Errors = {}
    if not _works_at(actor, provider.pk, (Role.MEDIATION_ADVISER, Role.MEDIATION_CASE_MANAGER)):
        _add(errors, "provider", "Choose the mediation provider you work for.")
    elif not provider.serves.filter(pk=child.local_authority_id).exists():
        _add(errors, "child", f"{provider} does not serve the child's local authority.")
    _not_future(decision_notice_date, "decision_notice_date", errors)
    _not_future(adviser_contacted_on, "adviser_contacted_on", errors)
    _not_before(
        adviser_contacted_on,
        decision_notice_date,
        "adviser_contacted_on",
        "the decision notice",
        errors,
    )
    if not issues:
        _add(errors, "issues", "Choose at least one matter in disagreement.")
    for issue in issues:
        _check_issue(issue, errors)
    if family_request is not None and family_request.child_id != child.pk:
        _add(errors, "family_request", "That request is about another child.")
    # One case per decision: a second submission of the same first contact (a double click, a
    # resent form) would otherwise open a duplicate case. The lock on the child makes two
    # submissions at once wait for each other.
    Child.objects.select_for_update().filter(pk=child.pk).first()
    if MediationCase.objects.filter(
        child=child,
        decision=decision,
        decision_notice_date=decision_notice_date,
        withdrawn_at__isnull=True,
    ).exists():
        _add(
            errors,
            "decision_notice_date",
            "A mediation case for this decision is already recorded for the child.",
        )
    _raise(errors)
    adviser = actor if _works_at(actor, provider.pk, (Role.MEDIATION_ADVISER,)) else None

    case = MediationCase(
        child=child,
        provider=provider,
        decision=decision,
        decision_notice_date=decision_notice_date,
        # The authority's recorded decision this case is about (its notice that day), so the
        # family's windows for it are the ones this case closes.
        decision_ref=decision_for_notice(child, decision, decision_notice_date),
        adviser_contacted_on=adviser_contacted_on,
        adviser=adviser,
        created_by=actor,
        family_request=family_request,
    )
    _clean_save(case)
    for issue in issues:
        _clean_save(
            MediationIssue(
                case=case,
                kind=issue.kind,
                description=issue.description.strip(),
                health_provision_wanted=issue.health_provision_wanted.strip(),
            )
        )
    _finish(
        actor=actor,
        case=case,
        action="create",
        obj=case,
        summary="Recorded first contact with the mediation adviser "
        f"({case.get_decision_display()})",
    )
    return case


@transaction.atomic
def mediation_first_contact_from_family(
    *,
    actor: Any,
    family_request: Any,
    provider: Organisation,
    decision: str,
    decision_notice_date: date,
    issues: list[IssueInput],
) -> MediationCase:
    """A family asks for mediation from their own page: their first contact with the provider's
    mediation adviser, on the day they asked (CFA 2014 s.55(2); SEND Regulations 2014 reg 33).

    The case waits in the provider's queue with no adviser until one takes it on. The family
    member's own permission to act for the child was checked by the caller."""
    child = family_request.child
    errors: Errors = {}
    today = today_in_london()
    if not provider.serves.filter(pk=child.local_authority_id).exists():
        _add(errors, "provider", f"{provider} does not serve the child's council.")
    if decision not in MediationCase.Decision.values:
        _add(errors, "decision", "Choose the decision you do not agree with.")
    _not_future(decision_notice_date, "decision_notice_date", errors)
    if not issues:
        _add(errors, "issues", "Choose at least one: education, health care or social care.")
    for issue in issues:
        _check_issue(issue, errors)
    Child.objects.select_for_update().filter(pk=child.pk).first()
    if MediationCase.objects.filter(
        child=child,
        decision=decision,
        decision_notice_date=decision_notice_date,
        withdrawn_at__isnull=True,
    ).exists():
        _add(
            errors,
            "decision_notice_date",
            "You have already asked for mediation about this decision. The mediation adviser "
            "will contact you.",
        )
    _raise(errors)
    case = MediationCase(
        child=child,
        provider=provider,
        decision=decision,
        decision_notice_date=decision_notice_date,
        adviser_contacted_on=today,
        created_by=actor,
        family_request=family_request,
    )
    _clean_save(case)
    for issue in issues:
        _clean_save(
            MediationIssue(
                case=case,
                kind=issue.kind,
                description=issue.description.strip(),
                health_provision_wanted=issue.health_provision_wanted.strip(),
            )
        )
    _finish(
        actor=actor,
        case=case,
        action="create",
        obj=case,
        summary="The family asked for mediation: first contact with the mediation adviser "
        f"({case.get_decision_display()})",
    )
    return case


@transaction.atomic
def mediation_issue_add(
    *, actor: Any, case: MediationCase, issue: IssueInput, expected_version: int | None = None
) -> MediationIssue:
    _require(actor, "mediation.change_case", case)
    errors: Errors = {}
    _check_issue(issue, errors, field="kind")
    _raise(errors)
    claim_version(case, expected_version)
    row = MediationIssue(
        case=case,
        kind=issue.kind,
        description=issue.description.strip(),
        health_provision_wanted=issue.health_provision_wanted.strip(),
    )
    _clean_save(row)
    _finish(
        actor=actor,
        case=case,
        action="create",
        obj=row,
        summary=f"Added a mediation issue: {row.get_kind_display()}",
    )
    return row


@transaction.atomic
def mediation_choice_record(
    *, actor: Any, case: MediationCase, choice: str, on: date, expected_version: int | None = None
) -> MediationCase:
    """Whether the family wishes to mediate, as they told the adviser."""
    _require(actor, "mediation.change_case", case)
    errors: Errors = {}
    if choice not in (FamilyChoice.WISHES, FamilyChoice.DECLINED):
        _add(errors, "choice", "Choose whether the family wishes to mediate.")
    _not_future(on, "on", errors)
    _not_before(on, case.adviser_contacted_on, "on", "the first contact with the adviser", errors)
    if case.certificates.filter(withdrawn_at__isnull=True).exists():
        _add(errors, "choice", "A certificate has already been issued on this case.")
    _raise(errors)
    claim_version(case, expected_version)
    case.family_choice, case.family_choice_on = choice, on
    _clean_save(case)
    _finish(
        actor=actor,
        case=case,
        action="update",
        obj=case,
        summary=f"Recorded the family's choice: {case.get_family_choice_display()}",
    )
    return case


@transaction.atomic
def mediation_exemption_record(
    *,
    actor: Any,
    case: MediationCase,
    exemption: str,
    on: date,
    expected_version: int | None = None,
) -> MediationCase:
    """An appeal that needs no certificate: Redress says so instead of issuing one."""
    _require(actor, "mediation.issue_certificate", case)
    errors: Errors = {}
    if exemption not in Exemption.values:
        _add(errors, "exemption", "Choose the reason no certificate is needed.")
    _not_future(on, "on", errors)
    if exemption and case.certificates.filter(withdrawn_at__isnull=True).exists():
        _add(errors, "exemption", "A certificate has already been issued on this case.")
    _raise(errors)
    claim_version(case, expected_version)
    case.exemption = exemption
    case.exemption_recorded_on = on if exemption else None
    _clean_save(case)
    _finish(
        actor=actor,
        case=case,
        action="update",
        obj=case,
        summary=f"Recorded: {case.get_exemption_display()}",
    )
    return case


# -- Certificates -----------------------------------------------------------------------------


def certificate_start(case: MediationCase, reason: str) -> tuple[date | None, str]:
    """The day the certificate's 3 working days start for this reason, and what it is."""
    if reason == MediationCertificate.Reason.DECLINED:
        declined = case.family_choice == FamilyChoice.DECLINED
        return (case.family_choice_on if declined else None), "the family declined mediation"
    if reason == MediationCertificate.Reason.NOT_ARRANGED:
        return case.not_arranged_on, "the local authority said it cannot arrange mediation"
    return case.concluded_on, "the mediation concluded"


@transaction.atomic
def mediation_certificate_issue(
    *,
    actor: Any,
    case: MediationCase,
    reason: str,
    issued_on: date,
    expected_version: int | None = None,
) -> MediationCertificate:
    _require(actor, "mediation.issue_certificate", case)
    errors: Errors = {}
    if not case.certificate_required:
        _add(errors, "reason", f"No certificate is needed: {case.get_exemption_display()}.")
    if reason not in MediationCertificate.Reason.values:
        _add(errors, "reason", "Choose why the certificate is issued.")
    else:
        start, what = certificate_start(case, reason)
        if start is None:
            _add(errors, "reason", f"Record first that {what}.")
        _not_before(issued_on, start, "issued_on", f"the day {what}", errors)
        if case.certificates.filter(reason=reason, withdrawn_at__isnull=True).exists():
            _add(errors, "reason", "A certificate for this reason has already been issued.")
    _not_future(issued_on, "issued_on", errors)
    _raise(errors)
    claim_version(case, expected_version)
    certificate = MediationCertificate(
        case=case, reason=reason, issued_on=issued_on, issued_by=actor
    )
    _clean_save(certificate)
    _finish(
        actor=actor,
        case=case,
        action="create",
        obj=certificate,
        summary=f"Issued a mediation certificate: {certificate.get_reason_display()}",
    )
    return certificate


# -- Arranging ----------------------------------------------------------------------------------


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


def confirmation_recipients(case: MediationCase) -> list[MediationAttendee]:
    """Everyone who will attend (reg 38) gets the confirmation; a child under 16 only when the
    mediator decided the child attends."""
    from redress.mediation.schedule import may_receive_letter

    today = today_in_london()
    return [
        a
        for a in case.attendees.prefetch_related("consents")
        if selectors.attendance(case, a).may_attend and may_receive_letter(case, a, today)
    ]


CONFIRMING_KINDS = (MeetingConfirmation.Kind.CONFIRMATION, MeetingConfirmation.Kind.RESENT)


def _confirmed_on(meeting: MediationMeeting) -> dict[int, date]:
    """Per attendee, the first day they had the meeting's details as they now stand (a change
    of time, place or link makes earlier confirmations out of date)."""
    sent: dict[int, date] = {}
    for c in meeting.confirmations.filter(kind__in=CONFIRMING_KINDS).order_by("sent_on", "id"):
        if meeting.details_changed_on and c.sent_on < meeting.details_changed_on:
            continue
        sent.setdefault(c.attendee_id, c.sent_on)
    return sent


def _refresh_confirmation(case: MediationCase) -> None:
    """The details count as confirmed on the day the last attendee's confirmation went; a new
    attendee without one reopens it."""
    meeting = case.current_meeting
    if meeting is None or meeting.status != MediationMeeting.Status.SCHEDULED:
        return
    recipients = confirmation_recipients(case)
    sent = _confirmed_on(meeting)
    confirmed = (
        max(sent[a.pk] for a in recipients)
        if recipients and all(a.pk in sent for a in recipients)
        else None
    )
    if meeting.confirmation_sent_on != confirmed:
        meeting.confirmation_sent_on = confirmed
        meeting.save(update_fields=["confirmation_sent_on", "updated_at"])


def confirmation_personalisation(
    case: MediationCase, meeting: MediationMeeting, attendee: MediationAttendee
) -> dict[str, Any]:
    from redress.mediation import schedule

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
    already = set(_confirmed_on(meeting))
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
            enqueue(
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


# -- Attendees ---------------------------------------------------------------------------------

# The party a role attends for, where the role decides it.
_ROLE_PARTY = {
    MediationAttendee.Role.PARENT_OR_YOUNG_PERSON: Party.FAMILY,
    MediationAttendee.Role.LA_OFFICER: Party.LOCAL_AUTHORITY,
    MediationAttendee.Role.HEALTH_COMMISSIONER: Party.HEALTH_COMMISSIONER,
    MediationAttendee.Role.MEDIATOR: Party.NONE,
    MediationAttendee.Role.CHILD: Party.NONE,
}


def _tell_la_of_family_lawyer(actor: Any, case: MediationCase, lawyer: MediationAttendee) -> None:
    """The family is bringing a lawyer: the local authority is told so it may bring one too, the
    case shows it, and the mediator's call with the lawyer goes on the checklist."""
    child = case.child
    caseworker = child.caseworker
    if caseworker is not None and caseworker.is_active and caseworker.email:
        contact = Contact(email=caseworker.email, name=caseworker.display_name, user=caseworker)
    elif child.local_authority.email:
        contact = Contact(email=child.local_authority.email, name=child.local_authority.name)
    else:
        contact = None
    told = "no email address is recorded for the caseworker or the authority: tell them by phone"
    if contact is not None:
        enqueue(
            key=f"mediation-family-lawyer:{case.pk}:{lawyer.pk}",
            template=FAMILY_LAWYER_NOTICE,
            contact=contact,
            personalisation={
                "name": contact.name,
                "case_number": str(case.pk),
                "provider_name": case.provider.name,
                "case_url": absolute_url(reverse("mediation:case-detail", args=[case.pk])),
            },
            child=child,
            digestible=False,
        )
        told = f"a message was sent to {contact.name}"
    MediationCaseEntry.objects.create(
        case=case,
        happened_on=today_in_london(),
        recorded_by=actor,
        text=f"The family will bring a lawyer. The local authority was told it may bring one "
        f"too: {told}.",
    )
    PreMediationCall.objects.create(
        case=case,
        call_with=PreMediationCall.With.FAMILY_LAWYER,
        attendee=lawyer,
        added_on=today_in_london(),
    )


@transaction.atomic
def mediation_attendee_add(
    *,
    actor: Any,
    case: MediationCase,
    role: str,
    name: str,
    proposed_by: str,
    party: str = "",
    organisation: Organisation | None = None,
    organisation_name: str = "",
    user: Any = None,
    email: str = "",
    address: str = "",
    expected_version: int | None = None,
) -> MediationAttendee:
    _require(actor, "mediation.change_case", case)
    errors: Errors = {}
    if role not in MediationAttendee.Role.values:
        _add(errors, "role", "Choose the attendee's role.")
    if not name.strip():
        _add(errors, "name", "Enter the attendee's name.")
    if proposed_by not in Party.values:
        _add(errors, "proposed_by", "Choose who proposes them.")
    # The parties' own people attend for them; anyone else for whoever proposed them.
    party = _ROLE_PARTY.get(role, party or proposed_by)  # type: ignore[call-overload]
    la_officer = role == MediationAttendee.Role.LA_OFFICER
    if la_officer and not _works_at(user, case.child.local_authority_id, LA_ROLES) and user:
        _add(errors, "user", "Choose someone who works at the child's local authority.")
    if role == MediationAttendee.Role.HEALTH_COMMISSIONER:
        if not case.has_health_issues:
            _add(errors, "role", "The mediation issues include no health care provision.")
        if user is not None and not _works_at(
            user, case.health_commissioner_id, (Role.HEALTH_OFFICER,)
        ):
            _add(errors, "user", "Choose someone who works at the health commissioner.")
    mediator = role == MediationAttendee.Role.MEDIATOR
    if mediator and user is not None and not _works_at(user, case.provider_id, (Role.MEDIATOR,)):
        _add(errors, "user", "Choose a mediator who works at this provider.")
    _raise(errors)
    claim_version(case, expected_version)
    attendee = MediationAttendee(
        case=case,
        role=role,
        name=name.strip(),
        organisation=organisation,
        organisation_name=organisation_name.strip(),
        user=user,
        email=email.strip() or getattr(user, "email", ""),
        address=address.strip(),
        party=party,
        proposed_by=proposed_by,
        proposed_on=today_in_london(),
    )
    _clean_save(attendee)
    if role == MediationAttendee.Role.LAWYER and party == Party.FAMILY:
        _tell_la_of_family_lawyer(actor, case, attendee)
    _refresh_confirmation(case)
    _finish(
        actor=actor,
        case=case,
        action="create",
        obj=attendee,
        summary=f"Proposed an attendee: {attendee.get_role_display()}",
    )
    return attendee


@transaction.atomic
def mediation_attendee_withdraw(
    *, actor: Any, attendee: MediationAttendee, expected_version: int | None = None
) -> MediationAttendee:
    case = attendee.case
    _require(actor, "mediation.change_case", case)
    claim_version(case, expected_version)
    attendee.withdrawn_on = today_in_london()
    attendee.version += 1
    _clean_save(attendee)
    _refresh_confirmation(case)
    _finish(
        actor=actor,
        case=case,
        action="update",
        obj=attendee,
        summary=f"Withdrew an attendee: {attendee.get_role_display()}",
    )
    return attendee


@transaction.atomic
def attendee_consent_record(
    *,
    actor: Any,
    attendee: MediationAttendee,
    party: str,
    answer: str,
    reason: str = "",
    on: date,
    expected_version: int | None = None,
) -> AttendeeConsent:
    """One party's consent to, or objection to, a proposed attendee (reg 38(1)(e))."""
    case = attendee.case
    _require(actor, "mediation.change_case", case)
    errors: Errors = {}
    if party not in selectors.parties_to(case):
        _add(errors, "party", "Choose a party to this mediation.")
    if answer not in AttendeeConsent.Answer.values:
        _add(errors, "answer", "Choose whether they agree.")
    _not_future(on, "on", errors)
    _raise(errors)
    claim_version(case, expected_version)
    consent, _ = AttendeeConsent.objects.update_or_create(
        attendee=attendee,
        party=party,
        defaults={
            "answer": answer,
            "reason": reason.strip(),
            "recorded_on": on,
            "recorded_by": actor,
        },
    )
    _refresh_confirmation(case)
    _finish(
        actor=actor,
        case=case,
        action="update",
        obj=consent,
        summary=f"Recorded {consent.get_party_display().lower()}'s answer on {attendee}",
    )
    return consent


@transaction.atomic
def attendee_mediator_decide(
    *,
    actor: Any,
    attendee: MediationAttendee,
    decision: str,
    reasons: str,
    on: date,
    expected_version: int | None = None,
) -> MediationAttendee:
    """Where the parties do not all consent, the mediator decides, with reasons (reg 38(1)(e))."""
    case = attendee.case
    _require(actor, "mediation.decide_attendance", case)
    errors: Errors = {}
    if decision not in (
        MediationAttendee.MediatorDecision.MAY_ATTEND,
        MediationAttendee.MediatorDecision.MAY_NOT_ATTEND,
    ):
        _add(errors, "decision", "Choose whether they may attend.")
    if not reasons.strip():
        _add(errors, "reasons", "Give the reasons for the decision.")
    if not attendee.consents.filter(answer=AttendeeConsent.Answer.OBJECTS).exists():
        _add(errors, "decision", "The mediator decides only where a party objects.")
    _not_future(on, "on", errors)
    _raise(errors)
    claim_version(case, expected_version)
    attendee.mediator_decision, attendee.mediator_decision_reasons = decision, reasons.strip()
    attendee.mediator_decided_on = on
    attendee.version += 1
    _clean_save(attendee)
    _refresh_confirmation(case)
    _finish(
        actor=actor,
        case=case,
        action="update",
        obj=attendee,
        summary=f"Mediator's decision on {attendee}: {attendee.get_mediator_decision_display()}",
    )
    return attendee


@transaction.atomic
def attendee_authority_confirm(
    *,
    actor: Any,
    attendee: MediationAttendee,
    how: str,
    on: date,
    detail: str = "",
    expected_version: int | None = None,
) -> MediationAttendee:
    case = attendee.case
    _require(actor, "mediation.change_case", case)
    errors: Errors = {}
    if attendee.role not in (
        MediationAttendee.Role.LA_OFFICER,
        MediationAttendee.Role.HEALTH_COMMISSIONER,
    ):
        _add(errors, "how", "Authority to settle is confirmed for LA and health attendees.")
    if how not in MediationAttendee.AuthorityConfirmation.values or not how:
        _add(errors, "how", "Choose how their authority was confirmed.")
    if how == MediationAttendee.AuthorityConfirmation.DECISION_MAKER_BY_PHONE and not detail:
        _add(errors, "detail", "Enter the decision maker's name and phone number.")
    _not_future(on, "on", errors)
    _raise(errors)
    claim_version(case, expected_version)
    attendee.authority_confirmation, attendee.authority_confirmed_on = how, on
    attendee.authority_detail = detail.strip()
    attendee.version += 1
    _clean_save(attendee)
    _finish(
        actor=actor,
        case=case,
        action="update",
        obj=attendee,
        summary=f"Confirmed {attendee}'s authority to settle",
    )
    return attendee


@transaction.atomic
def mediation_child_views_record(
    *,
    actor: Any,
    case: MediationCase,
    views: str,
    gathered_on: date | None,
    parent_agrees: bool,
    mediator_agrees: bool,
    expected_version: int | None = None,
) -> MediationCase:
    """The child's views (reg 38(2)); the child attends only with the parent's and the
    mediator's agreement, and only the mediator gives theirs."""
    _require(actor, "mediation.change_case", case)
    errors: Errors = {}
    if mediator_agrees != case.child_attends_mediator_agrees and not actor.has_perm(
        "mediation.decide_attendance", case
    ):
        _add(errors, "mediator_agrees", "Only the assigned mediator can give this agreement.")
    if views.strip() and gathered_on is None:
        _add(errors, "gathered_on", "Enter the date the child's views were gathered.")
    _not_future(gathered_on, "gathered_on", errors)
    _raise(errors)
    claim_version(case, expected_version)
    case.child_views, case.child_views_gathered_on = views.strip(), gathered_on
    case.child_attends_parent_agrees = parent_agrees
    case.child_attends_mediator_agrees = mediator_agrees
    _clean_save(case)
    _refresh_confirmation(case)
    _finish(
        actor=actor,
        case=case,
        action="update",
        obj=case,
        summary="Recorded the child's views and agreement to the child attending",
    )
    return case


# -- Preparation -------------------------------------------------------------------------------


CHECKLIST_FIELDS = (
    "introductions",
    "view_of_disagreement",
    "who_will_attend",
    "authority",
    "reasonable_adjustments",
)


def _standard_calls(case: MediationCase) -> list[str]:
    calls = [PreMediationCall.With.FAMILY.value]
    if not case.health_only:
        calls.append(PreMediationCall.With.LOCAL_AUTHORITY.value)
    if case.has_health_issues:
        calls.append(PreMediationCall.With.HEALTH_COMMISSIONER.value)
    return calls


@transaction.atomic
def pre_mediation_calls_prepare(
    *, actor: Any, case: MediationCase, expected_version: int | None = None
) -> list[PreMediationCall]:
    """Put one call per party on the checklist (the family's lawyer is added with the lawyer)."""
    _require(actor, "mediation.change_case", case)
    claim_version(case, expected_version)
    existing = set(case.pre_mediation_calls.values_list("call_with", flat=True))
    created = [
        PreMediationCall.objects.create(case=case, call_with=w, added_on=today_in_london())
        for w in _standard_calls(case)
        if w not in existing
    ]
    _finish(
        actor=actor,
        case=case,
        action="create",
        obj=case,
        summary=f"Added {len(created)} pre-mediation call(s) to the checklist",
    )
    return created


@transaction.atomic
def pre_mediation_call_update(
    *,
    actor: Any,
    call: PreMediationCall,
    held_on: date | None,
    checklist: dict[str, bool],
    adjustments_needed: str = "",
    expected_version: int | None = None,
) -> PreMediationCall:
    case = call.case
    _require(actor, "mediation.change_case", case)
    errors: Errors = {}
    _not_future(held_on, "held_on", errors)
    if any(checklist.values()) and held_on is None:
        _add(errors, "held_on", "Enter the date of the call.")
    _raise(errors)
    claim_version(case, expected_version)
    for name in CHECKLIST_FIELDS:
        setattr(call, name, bool(checklist.get(name)))
    call.held_on, call.adjustments_needed = held_on, adjustments_needed.strip()
    call.version += 1
    _clean_save(call)
    _finish(actor=actor, case=case, action="update", obj=call, summary=f"Updated the {call}")
    return call


@transaction.atomic
def agenda_build(
    *, actor: Any, case: MediationCase, expected_version: int | None = None
) -> list[AgendaItem]:
    """One agenda item per mediation issue not yet on the agenda."""
    _require(actor, "mediation.change_case", case)
    claim_version(case, expected_version)
    on_agenda = set(case.agenda_items.values_list("issue_id", flat=True))
    position = case.agenda_items.count()
    created = []
    for issue in case.issues.all():
        if issue.pk in on_agenda:
            continue
        position += 1
        title = f"{issue.get_kind_display()}: {issue.description}"
        if issue.health_provision_wanted:
            title += f" (the family want: {issue.health_provision_wanted})"
        created.append(
            AgendaItem.objects.create(case=case, issue=issue, title=title[:300], position=position)
        )
    _finish(
        actor=actor,
        case=case,
        action="create",
        obj=case,
        summary=f"Built the agenda from the issues ({len(created)} item(s) added)",
    )
    return created


@transaction.atomic
def agenda_item_add(
    *, actor: Any, case: MediationCase, title: str, expected_version: int | None = None
) -> AgendaItem:
    _require(actor, "mediation.change_case", case)
    if not title.strip():
        raise ValidationError({"title": ["Enter the agenda item."]})
    claim_version(case, expected_version)
    item = AgendaItem(case=case, title=title.strip(), position=case.agenda_items.count() + 1)
    _clean_save(item)
    _finish(actor=actor, case=case, action="create", obj=item, summary="Added an agenda item")
    return item


def _check_upload(document: UploadedFile | None, errors: Errors) -> None:
    """The same type, size and real-file checks as every other upload (casework's)."""
    if document is None:
        return
    try:
        validate_upload(document)
    except ValidationError as error:
        for message in error.message_dict.get("document", error.messages):
            _add(errors, "document", message)


@transaction.atomic
def shared_document_add(
    *,
    actor: Any,
    case: MediationCase,
    title: str,
    shared_on: date,
    shared_with: list[MediationAttendee],
    document: UploadedFile | None = None,
    expected_version: int | None = None,
) -> SharedDocument:
    """A document shared with attendees before the meeting."""
    _require(actor, "mediation.change_case", case)
    errors: Errors = {}
    if not title.strip():
        _add(errors, "title", "Enter the document's title.")
    if not shared_with:
        _add(errors, "shared_with", "Choose who it was shared with.")
    if any(a.case_id != case.pk for a in shared_with):
        _add(errors, "shared_with", "Choose attendees of this mediation.")
    _not_future(shared_on, "shared_on", errors)
    _check_upload(document, errors)
    _raise(errors)
    claim_version(case, expected_version)
    shared = SharedDocument(case=case, title=title.strip(), shared_on=shared_on, shared_by=actor)
    if document is not None:
        shared.document = document
    _clean_save(shared)
    shared.shared_with.set(shared_with)
    _finish(
        actor=actor,
        case=case,
        action="upload" if document else "create",
        obj=shared,
        summary=f"Shared a document with {len(shared_with)} attendee(s)",
    )
    return shared


# -- Recording requests -----------------------------------------------------------------------


@transaction.atomic
def recording_request_record(
    *,
    actor: Any,
    case: MediationCase,
    requested_by: str,
    requested_on: date,
    reasonable_adjustment: bool,
    adjustment_reason: str = "",
    purpose: str = "",
    who_may_access: str = "",
    retention: str = "",
    expected_version: int | None = None,
) -> RecordingRequest:
    """A request to record the meeting; refused until every condition is met."""
    _require(actor, "mediation.change_case", case)
    errors: Errors = {}
    if requested_by not in (Party.FAMILY, Party.LOCAL_AUTHORITY, Party.HEALTH_COMMISSIONER):
        _add(errors, "requested_by", "Choose the party asking.")
    if reasonable_adjustment and not adjustment_reason.strip():
        _add(errors, "adjustment_reason", "Say why a recording is needed as an adjustment.")
    _not_future(requested_on, "requested_on", errors)
    _raise(errors)
    claim_version(case, expected_version)
    request = RecordingRequest(
        case=case,
        requested_by=requested_by,
        requested_on=requested_on,
        reasonable_adjustment=reasonable_adjustment,
        adjustment_reason=adjustment_reason.strip(),
        purpose=purpose.strip(),
        who_may_access=who_may_access.strip(),
        retention=retention.strip(),
    )
    _clean_save(request)
    _finish(
        actor=actor,
        case=case,
        action="create",
        obj=request,
        summary="Recorded a request to record the mediation (refused until approved)",
    )
    return request


@transaction.atomic
def recording_request_decide(
    *,
    actor: Any,
    request: RecordingRequest,
    other_party_consents: bool,
    mediator_approves: bool,
    purpose: str,
    who_may_access: str,
    retention: str,
    expected_version: int | None = None,
) -> RecordingRequest:
    """The mediator's decision. Allowed only as a reasonable adjustment with the other party's
    consent and the mediator's approval, with its purpose, access and retention written down."""
    case = request.case
    _require(actor, "mediation.decide_attendance", case)
    errors: Errors = {}
    if mediator_approves:
        if not request.reasonable_adjustment:
            _add(
                errors,
                "mediator_approves",
                "A recording is allowed only as a reasonable adjustment.",
            )
        if not other_party_consents:
            _add(
                errors,
                "other_party_consents",
                "A recording is allowed only with the other party's consent.",
            )
        for field, value, what in (
            ("purpose", purpose, "what the recording is for"),
            ("who_may_access", who_may_access, "who may access it"),
            ("retention", retention, "how long it is kept"),
        ):
            if not value.strip():
                _add(errors, field, f"Enter {what}: it goes into the agreement to mediate.")
    _raise(errors)
    claim_version(case, expected_version)
    request.other_party_consents, request.mediator_approves = (
        other_party_consents,
        mediator_approves,
    )
    request.purpose, request.who_may_access = purpose.strip(), who_may_access.strip()
    request.retention = retention.strip()
    request.status = (
        RecordingRequest.Status.ALLOWED if mediator_approves else RecordingRequest.Status.REFUSED
    )
    request.decided_by = actor
    request.version += 1
    _clean_save(request)
    _finish(
        actor=actor,
        case=case,
        action="update",
        obj=request,
        summary=f"Decided the recording request: {request.get_status_display()}",
    )
    return request


# -- The mediator's notes ---------------------------------------------------------------------


@transaction.atomic
def mediator_note_add(*, actor: Any, case: MediationCase, text: str) -> MediatorNote:
    """A confidential note by the assigned mediator. The audit log names the act, never the text."""
    _require(actor, "mediation.write_note", case)
    if not text.strip():
        raise ValidationError({"text": ["Enter the note."]})
    lock(case)
    again = recent_duplicate(
        MediatorNote.objects.all(),
        created_field="written_at",
        case=case,
        author=actor,
        text=text.strip(),
    )
    if again is not None:  # the same note sent twice (docs/decisions/0066-double-submit.md)
        return again
    note = MediatorNote(case=case, author=actor, text=text.strip())
    _clean_save(note)
    # Kept out of the child's audit trail that the authority reads: only the provider and the
    # system see that a note exists.
    audit_record(
        actor=actor,
        action="create",
        obj=note,
        child=case.child,
        confidential_to=case.provider,
        summary="Wrote a mediator's note",
    )
    return note


# -- Correcting or withdrawing a recorded step (decision 0100) ----------------------------------
#
# Each step is checked as it was when recorded, by someone who may record it; the earlier values
# stay in the history with who changed them and why, and the deadlines are recomputed.


@dataclass(frozen=True)
class CaseStep:
    """A dated step recorded on the case itself."""

    field: str
    label: str
    # Fields holding earlier steps this one cannot precede, with their words.
    after: tuple[tuple[str, str], ...] = ()
    # Fields cleared with the date when the step is withdrawn.
    with_it: tuple[str, ...] = ()
    perm: str = "mediation.change_case"


CASE_STEPS: dict[str, CaseStep] = {
    "first-contact": CaseStep(
        "adviser_contacted_on",
        "the family's first contact with the mediation adviser",
        after=(("decision_notice_date", "the decision notice"),),
    ),
    "choice": CaseStep(
        "family_choice_on",
        "the family's choice whether to mediate",
        after=(("adviser_contacted_on", "the first contact with the adviser"),),
        with_it=("family_choice",),
    ),
    "la-told": CaseStep(
        "la_told_on",
        "the day the local authority was told the family wish to mediate",
        after=(("decision_notice_date", "the decision notice"),),
    ),
    "health-notified": CaseStep(
        "health_notified_on",
        "the day the health commissioner was told",
        after=(("la_told_on", "the day the local authority was told"),),
    ),
    "not-arranged": CaseStep(
        "not_arranged_on",
        "the day the local authority said mediation cannot be arranged in time",
        after=(("family_choice_on", "the family's choice"),),
        with_it=("not_arranged_reason",),
    ),
    "concluded": CaseStep(
        "concluded_on",
        "the day the mediation concluded",
        with_it=("outcome",),
    ),
}

# The case step each certificate's reason starts from (`certificate_start`).
CERTIFICATE_STEP: dict[str, str] = {
    MediationCertificate.Reason.DECLINED.value: "family_choice_on",
    MediationCertificate.Reason.NOT_ARRANGED.value: "not_arranged_on",
    MediationCertificate.Reason.AFTER_MEDIATION.value: "concluded_on",
}


def _save_with_reason(obj: Any, *, actor: Any, reason: str) -> None:
    history_reason(obj, actor=actor, reason=reason)
    _clean_save(obj)


def _standing_certificates(case: MediationCase) -> list[MediationCertificate]:
    return list(case.certificates.filter(withdrawn_at__isnull=True))


@transaction.atomic
def case_step_correct(
    *,
    actor: Any,
    case: MediationCase,
    step: str,
    on: date,
    reason: str,
    expected_version: int | None,
) -> MediationCase:
    """Correct the date of a step recorded on the case."""
    spec = CASE_STEPS[step]
    _require(actor, spec.perm, case)
    cleaned = mark_corrected(case, actor=actor, reason=reason)
    if getattr(case, spec.field) is None:
        raise ValidationError({"on": [f"No date is recorded for {spec.label}."]})
    errors: Errors = {}
    _not_future(on, "on", errors)
    for earlier, what in spec.after:
        _not_before(on, getattr(case, earlier), "on", what, errors)
    for later_step in CASE_STEPS.values():
        later = getattr(case, later_step.field)
        if any(f == spec.field for f, _ in later_step.after) and later and on > later:
            _add(
                errors,
                "on",
                f"The date cannot be after {later_step.label} ({format_long_date(later)}).",
            )
    if step == "concluded":
        meeting = case.current_meeting
        if meeting is not None and meeting.held_on:
            _not_before(on, meeting.held_on, "on", "the meeting", errors)
    for certificate in _standing_certificates(case):
        if CERTIFICATE_STEP.get(certificate.reason) == spec.field and on > certificate.issued_on:
            _add(
                errors,
                "on",
                f"The certificate was issued on {format_long_date(certificate.issued_on)}, "
                "before this date: correct the certificate first.",
            )
    _raise(errors)
    claim_version(case, expected_version)
    before = getattr(case, spec.field)
    setattr(case, spec.field, on)
    _save_with_reason(case, actor=actor, reason=f"Corrected: {cleaned}")
    _finish(
        actor=actor,
        case=case,
        action="update",
        obj=case,
        summary=f"Corrected {spec.label} from {format_long_date(before)} to "
        f"{format_long_date(on)}: {cleaned}",
    )
    return case


@transaction.atomic
def case_step_withdraw(
    *, actor: Any, case: MediationCase, step: str, reason: str, expected_version: int | None
) -> MediationCase:
    """Withdraw a step recorded on the case in error: its date is cleared (kept in the history)
    and the engine counts as if it had not been recorded. A certificate issued because of the
    step must be withdrawn first, since the family may already rely on it."""
    spec = CASE_STEPS[step]
    _require(actor, spec.perm, case)
    cleaned = withdrawal_reason(reason)
    if case.withdrawn:
        raise ValidationError("This case was withdrawn as recorded in error.")
    if getattr(case, spec.field) is None:
        raise ValidationError({"reason": [f"No date is recorded for {spec.label}."]})
    errors: Errors = {}
    for certificate in _standing_certificates(case):
        if CERTIFICATE_STEP.get(certificate.reason) == spec.field:
            _add(
                errors,
                "reason",
                f"{certificate} rests on this step: withdraw the certificate first.",
            )
    agreement = getattr(case, "agreement", None)
    if step == "concluded" and agreement is not None and not agreement.withdrawn:
        # Clearing the outcome would leave the written agreement standing on a mediation
        # that, as recorded, never concluded.
        _add(
            errors,
            "reason",
            "A written agreement is recorded for this mediation: withdraw the agreement first.",
        )
    _raise(errors)
    claim_version(case, expected_version)
    setattr(case, spec.field, None)
    for field in spec.with_it:
        setattr(case, field, "")
    _save_with_reason(case, actor=actor, reason=f"Withdrawn: {cleaned}")
    _finish(
        actor=actor,
        case=case,
        action="update",
        obj=case,
        summary=f"Withdrew {spec.label}, recorded in error: {cleaned}",
    )
    return case


@transaction.atomic
def certificate_correct(
    *,
    actor: Any,
    certificate: MediationCertificate,
    issued_on: date,
    reason: str,
    expected_version: int | None,
) -> MediationCertificate:
    """Correct the day a certificate was issued; the family's appeal window follows it."""
    case = certificate.case
    _require(actor, "mediation.issue_certificate", case)
    cleaned = mark_corrected(certificate, actor=actor, reason=reason)
    errors: Errors = {}
    start, what = certificate_start(case, certificate.reason)
    _not_before(issued_on, start, "issued_on", f"the day {what}", errors)
    _not_future(issued_on, "issued_on", errors)
    _raise(errors)
    claim_version(certificate, expected_version)
    certificate.issued_on = issued_on
    _save_with_reason(certificate, actor=actor, reason=f"Corrected: {cleaned}")
    _finish(
        actor=actor,
        case=case,
        action="update",
        obj=certificate,
        summary=f"Corrected the certificate: issued {format_long_date(issued_on)}: {cleaned}",
    )
    return certificate


@transaction.atomic
def certificate_withdraw(
    *, actor: Any, certificate: MediationCertificate, reason: str, expected_version: int | None
) -> MediationCertificate:
    """Withdraw a certificate issued in error. If it was sent, it stays sent: the family must be
    told it is withdrawn."""
    case = certificate.case
    _require(actor, "mediation.issue_certificate", case)
    cleaned = mark_withdrawn(certificate, actor=actor, reason=reason)
    claim_version(certificate, expected_version)
    _save_with_reason(certificate, actor=actor, reason=f"Withdrawn: {cleaned}")
    _finish(
        actor=actor,
        case=case,
        action="update",
        obj=certificate,
        summary=f"Withdrew {certificate}, issued in error: {cleaned}",
    )
    return certificate


@transaction.atomic
def meeting_correct(
    *,
    actor: Any,
    meeting: MediationMeeting,
    meeting_date: date,
    scheduled_on: date,
    held_on: date | None,
    reason: str,
    expected_version: int | None,
) -> MediationMeeting:
    """Correct the day a meeting was arranged, its date, or the day it was held."""
    case = meeting.case
    _require(actor, "mediation.change_case", case)
    cleaned = mark_corrected(meeting, actor=actor, reason=reason)
    errors: Errors = {}
    _not_before(
        meeting_date, case.adviser_contacted_on, "meeting_date", "the first contact", errors
    )
    _in_engine_years(meeting_date, "meeting_date", errors)
    _not_future(scheduled_on, "scheduled_on", errors)
    if scheduled_on > meeting_date:
        _add(errors, "scheduled_on", "A meeting is arranged on or before its day.")
    held = meeting.status == MediationMeeting.Status.HELD
    if held and held_on is None:
        _add(errors, "held_on", "Enter the day the mediation was held.")
    if not held and held_on is not None:
        _add(errors, "held_on", "This meeting is not recorded as held.")
    _not_future(held_on, "held_on", errors)
    _not_before(held_on, case.adviser_contacted_on, "held_on", "the first contact", errors)
    if held_on is not None and case.concluded_on and held_on > case.concluded_on:
        _add(
            errors,
            "held_on",
            f"The mediation concluded on {format_long_date(case.concluded_on)}, before this date.",
        )
    _raise(errors)
    claim_version(meeting, expected_version)
    meeting.meeting_date, meeting.scheduled_on = meeting_date, scheduled_on
    if held:
        meeting.held_on = held_on
    _save_with_reason(meeting, actor=actor, reason=f"Corrected: {cleaned}")
    _finish(
        actor=actor,
        case=case,
        action="update",
        obj=meeting,
        summary=f"Corrected the meeting of {format_long_date(meeting_date)}: {cleaned}",
    )
    return meeting


@transaction.atomic
def meeting_withdraw(
    *, actor: Any, meeting: MediationMeeting, reason: str, expected_version: int | None
) -> MediationMeeting:
    """Withdraw a meeting recorded in error (arranged or held on the wrong case, say). The
    confirmations already sent stay sent; the engine no longer counts the meeting."""
    case = meeting.case
    _require(actor, "mediation.change_case", case)
    cleaned = mark_withdrawn(meeting, actor=actor, reason=reason)
    if case.concluded_on and meeting.status == MediationMeeting.Status.HELD:
        raise ValidationError(
            {"reason": ["The mediation is recorded as concluded: withdraw the conclusion first."]}
        )
    claim_version(meeting, expected_version)
    _save_with_reason(meeting, actor=actor, reason=f"Withdrawn: {cleaned}")
    _finish(
        actor=actor,
        case=case,
        action="update",
        obj=meeting,
        summary=f"Withdrew the meeting of {format_long_date(meeting.meeting_date)}, recorded in "
        f"error: {cleaned}",
    )
    return meeting


# -- Withdrawing a whole case opened in error (decision 0134) ------------------------------------


def case_withdrawal_blockers(case: MediationCase) -> list[str]:
    """What must be withdrawn, cancelled or decided before the case can be withdrawn: each is
    something the family or another party may rely on, so it is undone on its own page first."""
    blockers = [
        f"{certificate} ({certificate.get_reason_display().lower()}): the family may rely on "
        "it to appeal. Withdraw the certificate first."
        for certificate in _standing_certificates(case)
    ]
    agreement = getattr(case, "agreement", None)
    if agreement is not None and not agreement.withdrawn:
        blockers.append(
            "A written agreement is recorded for this mediation. Withdraw the agreement first."
        )
    for meeting in case.meetings.filter(
        status=MediationMeeting.Status.SCHEDULED, withdrawn_at__isnull=True
    ):
        blockers.append(
            f"A meeting is arranged for {format_long_date(meeting.meeting_date)}. Cancel it first, "
            "so everyone who had the confirmation is told, or withdraw it if it was recorded in "
            "error."
        )
    if case.expenses_claims.filter(status="submitted").exists():
        blockers.append("A claim for expenses is waiting for a decision. Decide it first.")
    return blockers


def case_withdrawal_followed(case: MediationCase) -> list[str]:
    """What already followed from the case and stays as it is when the case is withdrawn."""
    followed = []
    for certificate in case.certificates.all():
        if certificate.sent_on:
            followed.append(
                f"{certificate} was sent to {certificate.sent_to or 'the family'} on "
                f"{format_long_date(certificate.sent_on)}. It stays sent: tell the family it is "
                "withdrawn."
            )
    for meeting in case.meetings.filter(status=MediationMeeting.Status.HELD):
        followed.append(
            f"The meeting held on {format_long_date(meeting.held_on or meeting.meeting_date)} "
            "stays on the case's record but no longer counts."
        )
    sent = MeetingConfirmation.objects.filter(meeting__case=case).count()
    if sent:
        followed.append(
            f"{sent} confirmation{'s' if sent != 1 else ''}, reminder{'s' if sent != 1 else ''} "
            "or notice of the meeting already went to attendees. They stay sent."
        )
    if case.family_request_id is not None:
        followed.append(
            "The family asked for this mediation from their own page. Tell them it was recorded "
            "in error."
        )
    return followed


@transaction.atomic
def mediation_case_withdraw(
    *, actor: Any, case: MediationCase, reason: str, expected_version: int | None
) -> MediationCase:
    """Withdraw a whole mediation case opened in error (the wrong child, a duplicate). It stays
    on record, marked withdrawn with who and why; every list, figure and the engine leave it out.
    Refused while anything the family may rely on stands (`case_withdrawal_blockers`)."""
    _require(actor, "mediation.withdraw_case", case)
    withdrawal_reason(reason)
    if case.withdrawn:
        raise ValidationError(WITHDRAWN_MESSAGE)
    # Lock the case so a certificate or meeting recorded meanwhile is seen below.
    MediationCase.objects.select_for_update().filter(pk=case.pk).first()
    blockers = case_withdrawal_blockers(case)
    if blockers:
        raise ValidationError({"reason": blockers})
    claim_version(case, expected_version)
    # Marked only once nothing refuses it, so a refused page still offers the form.
    cleaned = mark_withdrawn(case, actor=actor, reason=reason)
    _save_with_reason(case, actor=actor, reason=f"Withdrawn: {cleaned}")
    _finish(
        actor=actor,
        case=case,
        action="update",
        obj=case,
        summary=f"Withdrew the mediation case ({case.get_decision_display()}), opened in error: "
        f"{cleaned}",
    )
    return case
