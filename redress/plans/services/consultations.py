"""Consulting the school or institution the family asked for (CFA 2014 s.39)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from redress.accounts.models import Organisation
from redress.audit.services import audit_record
from redress.core.corrections import WITHDRAWN_MESSAGE, mark_corrected, mark_withdrawn
from redress.core.service_checks import not_in_future as _not_in_future
from redress.core.versions import claim_version
from redress.plans.models import Consultation, Plan
from redress.plans.services._common import _may_record, _raise, _recompute, _save_corrected
from redress.statutory.calendar import format_date


@transaction.atomic
def consultation_record(
    *,
    actor: Any,
    plan: Plan,
    consulted_on: date,
    institution: Organisation | None = None,
    institution_name: str = "",
    expected_version: int | None,
) -> Consultation:
    """The authority consults the governing body, proprietor or principal of the school or
    institution the family asked for (s.39(2)), sending the draft plan. The engine reminds
    when the reply is expected (`plan.institution_consultation`)."""
    _may_record(actor, plan.child)
    errors: dict[str, list[str]] = {}
    if plan.withdrawn:
        errors.setdefault("__all__", []).append(WITHDRAWN_MESSAGE)
    if institution is None and not institution_name.strip():
        errors.setdefault("institution", []).append(
            "Choose the school or institution consulted, or give its name."
        )
    _not_in_future(consulted_on, "consulted_on", errors)
    if plan.draft_issued_on is None:
        errors.setdefault("consulted_on", []).append(
            "Serve the draft plan first: the school or institution is consulted on it."
        )
    elif consulted_on < plan.draft_issued_on:
        errors.setdefault("consulted_on", []).append(
            f"The date is before the draft was served ({format_date(plan.draft_issued_on)})."
        )
    _raise(errors)
    claim_version(plan.child, expected_version)
    consultation = Consultation(
        plan=plan, institution=institution,
        institution_name="" if institution else institution_name.strip(),
        consulted_on=consulted_on, recorded_by=actor,
    )  # fmt: skip
    consultation.full_clean()
    consultation.save()
    _recompute(plan.child, field="consulted_on")
    audit_record(
        actor=actor, action="create", obj=consultation, child=plan.child,
        summary=f"{consultation} on {format_date(consulted_on)}",
    )  # fmt: skip
    return consultation


@transaction.atomic
def consultation_reply_record(
    *,
    actor: Any,
    consultation: Consultation,
    responded_on: date,
    response: str,
    response_details: str = "",
    expected_version: int | None,
) -> Consultation:
    """The school or institution's reply to the consultation, and its date."""
    child = consultation.plan.child
    _may_record(actor, child)
    errors: dict[str, list[str]] = {}
    if consultation.withdrawn:
        errors.setdefault("__all__", []).append(WITHDRAWN_MESSAGE)
    if response not in Consultation.Response.values:
        errors.setdefault("response", []).append("Choose the reply.")
    _not_in_future(responded_on, "responded_on", errors)
    if responded_on < consultation.consulted_on:
        errors.setdefault("responded_on", []).append(
            "The reply cannot be before the consultation "
            f"({format_date(consultation.consulted_on)})."
        )
    _raise(errors)
    claim_version(child, expected_version)
    consultation.responded_on = responded_on
    consultation.response = response
    consultation.response_details = response_details.strip()
    consultation.full_clean()
    consultation.save()
    _recompute(child, field="responded_on")
    audit_record(
        actor=actor, action="update", obj=consultation, child=child,
        summary=f"Reply from {consultation.name}: {consultation.get_response_display()}",
    )  # fmt: skip
    return consultation


@transaction.atomic
def consultation_correct(
    *,
    actor: Any,
    consultation: Consultation,
    consulted_on: date,
    reason: str,
    expected_version: int | None,
) -> Consultation:
    """Correct the day the school or institution was consulted, with the recording checks."""
    plan = consultation.plan
    _may_record(actor, plan.child)
    cleaned = mark_corrected(consultation, actor=actor, reason=reason)
    errors: dict[str, list[str]] = {}
    _not_in_future(consulted_on, "consulted_on", errors)
    if plan.draft_issued_on is not None and consulted_on < plan.draft_issued_on:
        errors.setdefault("consulted_on", []).append(
            f"The date is before the draft was served ({format_date(plan.draft_issued_on)})."
        )
    if consultation.responded_on is not None and consultation.responded_on < consulted_on:
        errors.setdefault("consulted_on", []).append(
            f"The reply is recorded on {format_date(consultation.responded_on)}, before this date."
        )
    _raise(errors)
    claim_version(plan.child, expected_version)
    consultation.consulted_on = consulted_on
    _save_corrected(
        consultation, actor=actor, reason=cleaned, child=plan.child,
        summary=f"Corrected: {consultation}: {cleaned}",
    )  # fmt: skip
    return consultation


@transaction.atomic
def consultation_withdraw(
    *, actor: Any, consultation: Consultation, reason: str, expected_version: int | None
) -> Consultation:
    """Withdraw a consultation recorded in error: its reminder no longer counts."""
    _may_record(actor, consultation.plan.child)
    cleaned = mark_withdrawn(consultation, actor=actor, reason=reason)
    claim_version(consultation.plan.child, expected_version)
    _save_corrected(
        consultation, actor=actor, reason=cleaned, child=consultation.plan.child,
        summary=f"Withdrawn as recorded in error: {consultation}: {cleaned}",
    )  # fmt: skip
    return consultation
