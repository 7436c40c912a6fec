"""The mediation's Word documents: the certificate and the confirmation of the meeting, filled
from editable templates (docxtpl). Each checks the reader may see the case and is audited. The
mediator's notes are never part of any document."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from docxtpl import Listing  # type: ignore[import-untyped]

from redress.audit.services import audit_record
from redress.casework.models import Deadline
from redress.core.citations import Citation
from redress.core.word import docx_render
from redress.mediation import legal, schedule
from redress.mediation.build_templates import CERTIFICATE, CONFIRMATION
from redress.mediation.models import MediationAttendee, MediationCase, MediationCertificate
from redress.mediation.selectors import policy_for
from redress.mediation.selectors_meetings import confirmation_recipients
from redress.statutory.calendar import format_long_date
from redress.statutory.engine import today_in_london


def _citation(c: Citation) -> dict[str, str]:
    return {"title": c.title, "text": f"{c.text} ({c.short})"}


def appeal_sentence(case: MediationCase) -> str:
    """The family's last day to appeal against the decision this mediation is about, from the
    engine's deadline row for that decision (the engine keeps one appeal window per decision)."""
    from redress.mediation.events import case_ref

    row = (
        Deadline.objects.filter(child=case.child, rule="appeal.lodge", ref=case_ref(case))
        .order_by("-due")
        .first()
    )
    if row is None:
        return "Redress has not yet worked out your appeal deadline; ask the mediation adviser."
    return (
        "The last day to appeal against this decision: your appeal must reach the Tribunal "
        f"by {format_long_date(row.due)}."
    )


def _signatory(case: MediationCase, certificate: MediationCertificate) -> tuple[str, str]:
    """Who signs: the adviser who issued it, or the case's adviser, or after mediation the
    mediator."""
    for person, role in (
        (certificate.issued_by, "mediation adviser"),
        (case.adviser, "mediation adviser"),
        (case.mediator, "mediator"),
    ):
        name = getattr(person, "display_name", "")
        if name:
            if person is certificate.issued_by and person == case.mediator:
                role = "mediator"
            return name, role
    return "The mediation adviser", "mediation adviser"


def certificate_context(case: MediationCase, certificate: MediationCertificate) -> dict[str, Any]:
    issuer = certificate.issued_by
    signatory, signatory_role = _signatory(case, certificate)
    held = case.meetings.filter(status="held").order_by("-held_on").first()
    return {
        "provider_name": case.provider.name,
        "provider_address": Listing(case.provider.address.strip()),
        "reference": schedule.reference(case),
        "issued_on": format_long_date(certificate.issued_on),
        "issued_by": getattr(issuer, "display_name", "") or "the mediation adviser",
        "signatory": signatory,
        "signatory_role": signatory_role,
        "family_names": ", ".join(m.name for m in case.child.family.all()) or "The family",
        "date_of_birth": format_long_date(case.child.date_of_birth),
        "mediation_date": format_long_date(held.held_on)
        if held is not None and held.held_on
        else "No mediation was held",
        "child_name": case.child.full_name,
        "local_authority_name": case.child.local_authority.name,
        "decision": case.get_decision_display(),
        "notice_date": format_long_date(case.decision_notice_date),
        "contacted_on": format_long_date(case.adviser_contacted_on)
        if case.adviser_contacted_on
        else "(not recorded)",
        "reason": certificate.get_reason_display(),
        "appeal_sentence": appeal_sentence(case),
        "citations": [
            _citation(legal.SECTION_55),
            _citation(legal.CERTIFICATE_CITATIONS[certificate.reason]),
            _citation(legal.APPEAL_WINDOW),
        ],
    }


def certificate_generate(*, actor: Any, certificate: MediationCertificate) -> bytes:
    case = certificate.case
    if not actor.has_perm("mediation.view_case", case):
        raise PermissionDenied
    content = docx_render(
        CERTIFICATE,
        certificate_context(case, certificate),
        title=f"Mediation certificate: {case.child.full_name}",
    )
    audit_record(
        actor=actor,
        action="generate",
        obj=certificate,
        child=case.child,
        summary="Generated the mediation certificate",
    )
    return content


def _recording_terms(case: MediationCase) -> str:
    """The terms of an allowed recording, as the agreement to mediate states them."""
    allowed = case.recording_requests.filter(status="allowed").first()
    if allowed is None:
        return ""
    return (
        "The meeting will be recorded as a reasonable adjustment. "
        f"What the recording is for: {allowed.purpose}. Who may access it: "
        f"{allowed.who_may_access}. How long it is kept: {allowed.retention}."
    )


def _organisation_address(attendee: MediationAttendee) -> str:
    """Where a letter goes when no address is recorded for the person: their organisation's,
    or for the family the address on the child's record."""
    if attendee.organisation is not None and attendee.organisation.address.strip():
        return attendee.organisation.address.strip()
    if attendee.role == MediationAttendee.Role.PARENT_OR_YOUNG_PERSON:
        member = attendee.case.child.family.exclude(address="").first()
        if member is not None:
            return member.address.strip()
    return "(address not recorded: add it to the attendee before posting)"


def confirmation_context(case: MediationCase, attendee: MediationAttendee) -> dict[str, Any]:
    meeting = case.current_meeting
    assert meeting is not None
    policy = policy_for(case.provider)
    return {
        "provider_name": case.provider.name,
        "sent_on": format_long_date(today_in_london()),
        "recipient_name": attendee.name,
        "recipient_address": Listing(attendee.address.strip() or _organisation_address(attendee)),
        "case_name": schedule.case_name(case),
        "meeting_date": format_long_date(meeting.meeting_date),
        "start_time": meeting.start_time.strftime("%H:%M"),
        "end_time": schedule.end_time_text(meeting),
        "place": schedule.place_text(meeting),
        "documents": [f"{title}: {url}" for title, url in schedule.documents_for(attendee)],
        "accessibility": schedule.access_needs_for(meeting, attendee),
        "attendees": [f"{a.name}, {a.get_role_display()}" for a in confirmation_recipients(case)],
        "experts_statement": legal.EXPERTS_NOT_WITNESSES,
        "recording_wording": _recording_terms(case)
        or policy.recording_wording
        or legal.RECORDING.text,
        "confidentiality_wording": policy.confidentiality_wording or legal.CONFIDENTIALITY.text,
        "citations": [_citation(legal.MEETING_NOTICE), _citation(legal.ATTENDANCE)],
    }


def confirmation_generate(*, actor: Any, attendee: MediationAttendee) -> bytes:
    """The confirmation as a letter, for an attendee without email (or to print)."""
    case = attendee.case
    if not actor.has_perm("mediation.change_case", case):
        raise PermissionDenied
    if case.current_meeting is None:
        raise PermissionDenied("No meeting is arranged.")
    content = docx_render(
        CONFIRMATION,
        confirmation_context(case, attendee),
        title=f"Confirmation of the mediation meeting: {case.child.full_name}",
    )
    audit_record(
        actor=actor,
        action="generate",
        obj=attendee,
        child=case.child,
        summary="Generated the meeting confirmation letter",
    )
    return content
