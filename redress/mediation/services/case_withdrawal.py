"""Withdrawing a whole case opened in error (decision 0134)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from redress.core.corrections import WITHDRAWN_MESSAGE, mark_withdrawn, withdrawal_reason
from redress.core.service_checks import require_perm as _require
from redress.core.versions import claim_version
from redress.mediation import selectors
from redress.mediation.models import MediationCase
from redress.mediation.services._common import _finish, _save_with_reason


@transaction.atomic
def mediation_case_withdraw(
    *, actor: Any, case: MediationCase, reason: str, expected_version: int | None
) -> MediationCase:
    """Withdraw a whole mediation case opened in error (the wrong child, a duplicate). It stays
    on record, marked withdrawn with who and why; every list, figure and the engine leave it out.
    Refused while anything the family may rely on stands (`selectors.case_withdrawal_blockers`)."""
    _require(actor, "mediation.withdraw_case", case)
    withdrawal_reason(reason)
    if case.withdrawn:
        raise ValidationError(WITHDRAWN_MESSAGE)
    # Lock the case so a certificate or meeting recorded meanwhile is seen below.
    MediationCase.objects.select_for_update().filter(pk=case.pk).first()
    blockers = selectors.case_withdrawal_blockers(case)
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
