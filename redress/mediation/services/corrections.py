"""Correcting or withdrawing a recorded step (decision 0100).

Each step is checked as it was when recorded, by someone who may record it; the earlier values
stay in the history with who changed them and why, and the deadlines are recomputed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from redress.core.corrections import mark_corrected, mark_withdrawn, withdrawal_reason
from redress.core.service_checks import require_perm as _require
from redress.core.versions import claim_version
from redress.mediation import selectors
from redress.mediation.models import MediationCase, MediationCertificate, MediationMeeting
from redress.mediation.services._common import (
    Errors,
    _add,
    _finish,
    _in_engine_years,
    _not_before,
    _not_future,
    _raise,
    _save_with_reason,
)
from redress.statutory.calendar import format_long_date


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

# The case step each certificate's reason starts from (`selectors.certificate_start`).
CERTIFICATE_STEP: dict[str, str] = {
    MediationCertificate.Reason.DECLINED.value: "family_choice_on",
    MediationCertificate.Reason.NOT_ARRANGED.value: "not_arranged_on",
    MediationCertificate.Reason.AFTER_MEDIATION.value: "concluded_on",
}


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
    for certificate in selectors.standing_certificates(case):
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
    for certificate in selectors.standing_certificates(case):
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
    start, what = selectors.certificate_start(case, certificate.reason)
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
