"""Withdrawing a whole case opened in error (decision 0134)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from redress.core.corrections import WITHDRAWN_MESSAGE, mark_withdrawn, withdrawal_reason
from redress.core.service_checks import require_perm as _require
from redress.core.versions import claim_version
from redress.mediation.models import MediationCase, MediationMeeting, MeetingConfirmation
from redress.mediation.services._common import _finish, _save_with_reason, _standing_certificates
from redress.statutory.calendar import format_long_date


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
