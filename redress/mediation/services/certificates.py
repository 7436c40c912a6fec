"""Issuing a mediation certificate."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from redress.core.service_checks import require_perm as _require
from redress.core.versions import claim_version
from redress.mediation import selectors
from redress.mediation.models import MediationCase, MediationCertificate
from redress.mediation.services._common import (
    Errors,
    _add,
    _clean_save,
    _finish,
    _not_before,
    _not_future,
    _raise,
)


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
        start, what = selectors.certificate_start(case, reason)
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
