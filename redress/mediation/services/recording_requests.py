"""Requests to record the meeting, and the mediator's decision."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from redress.core.service_checks import require_perm as _require
from redress.core.versions import claim_version
from redress.mediation.models import MediationCase, Party, RecordingRequest
from redress.mediation.services._common import (
    Errors,
    _add,
    _clean_save,
    _finish,
    _not_future,
    _raise,
)


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
