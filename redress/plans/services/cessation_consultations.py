"""Consulting before deciding to cease (SEND Regulations 2014 reg 31(1))."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from redress.audit.services import audit_record
from redress.core.corrections import (
    WITHDRAWN_MESSAGE,
    history_reason,
    mark_corrected,
    mark_withdrawn,
)
from redress.core.service_checks import not_in_future as _not_in_future
from redress.core.versions import claim_version
from redress.plans.legal import GROUNDS
from redress.plans.models import Cessation, CessationConsultation, Plan
from redress.plans.services._common import _may_record, _raise
from redress.statutory.calendar import format_date


def _reply_errors(
    consulted_on: date, responded_on: date | None, response: str, errors: dict[str, list[str]]
) -> None:
    if responded_on is None:
        if response.strip():
            errors.setdefault("responded_on", []).append("Give the date of the reply.")
        return
    _not_in_future(responded_on, "responded_on", errors)
    if responded_on < consulted_on:
        errors.setdefault("responded_on", []).append(
            f"The reply cannot be before the consultation ({format_date(consulted_on)})."
        )
    if not response.strip():
        errors.setdefault("response", []).append("Say what they replied.")


@transaction.atomic
def cessation_consultation_record(
    *,
    actor: Any,
    plan: Plan,
    consultee: str,
    name: str,
    consulted_on: date,
    responded_on: date | None = None,
    response: str = "",
    expected_version: int | None,
) -> CessationConsultation:
    """The authority, considering ceasing the plan, told and consulted the parent or young
    person, or the head teacher or principal of the institution named in the plan (reg 31(1)).
    A decision to cease on a ground that needs it is refused until both were consulted."""
    _may_record(actor, plan.child)
    errors: dict[str, list[str]] = {}
    if plan.withdrawn:
        errors.setdefault("__all__", []).append(WITHDRAWN_MESSAGE)
    if consultee not in CessationConsultation.Consultee.values:
        errors.setdefault("consultee", []).append("Choose who was consulted.")
    if not name.strip():
        errors.setdefault("name", []).append("Give the name of the person consulted.")
    _not_in_future(consulted_on, "consulted_on", errors)
    if not plan.is_issued or plan.status == Plan.Status.CEASED:
        errors.setdefault("consulted_on", []).append(
            "Only a maintained, issued plan can be ceased, so only then is anyone consulted."
        )
    elif plan.issued_on and consulted_on < plan.issued_on:
        errors.setdefault("consulted_on", []).append(
            f"The date is before the plan was issued ({format_date(plan.issued_on)})."
        )
    _reply_errors(consulted_on, responded_on, response, errors)
    _raise(errors)
    claim_version(plan.child, expected_version)
    consultation = CessationConsultation(
        plan=plan, consultee=consultee, name=name.strip(), consulted_on=consulted_on,
        responded_on=responded_on, response=response.strip(), recorded_by=actor,
    )  # fmt: skip
    consultation.full_clean()
    consultation.save()
    audit_record(
        actor=actor, action="create", obj=consultation, child=plan.child,
        summary=f"{consultation} on {format_date(consulted_on)}",
    )  # fmt: skip
    return consultation


@transaction.atomic
def cessation_consultation_reply(
    *,
    actor: Any,
    consultation: CessationConsultation,
    responded_on: date,
    response: str,
    expected_version: int | None,
) -> CessationConsultation:
    """Their reply to the consultation about ceasing the plan, and its date."""
    child = consultation.plan.child
    _may_record(actor, child)
    errors: dict[str, list[str]] = {}
    if consultation.withdrawn:
        errors.setdefault("__all__", []).append(WITHDRAWN_MESSAGE)
    _reply_errors(consultation.consulted_on, responded_on, response, errors)
    _raise(errors)
    claim_version(child, expected_version)
    consultation.responded_on = responded_on
    consultation.response = response.strip()
    consultation.full_clean()
    consultation.save()
    audit_record(
        actor=actor, action="update", obj=consultation, child=child,
        summary=f"Reply from {consultation.name} on {format_date(responded_on)}",
    )  # fmt: skip
    return consultation


def _relied_on(
    consultation: CessationConsultation, consulted_on: date | None, errors: dict[str, list[str]]
) -> None:
    """A standing decision to cease that needed this consultation keeps it: the consultation
    cannot be withdrawn (None) or moved after the decision."""
    needing = [code for code, g in GROUNDS.items() if g.consultation_required]
    for cessation in Cessation.objects.filter(
        plan=consultation.plan, withdrawn_at__isnull=True, ground__in=needing,
        decided_on__gte=consultation.consulted_on,
    ):  # fmt: skip
        if consulted_on is None or consulted_on > cessation.decided_on:
            errors.setdefault("reason", []).append(
                f"The decision to cease of {format_date(cessation.decided_on)} rests on this "
                "consultation: correct or withdraw that decision first."
            )


@transaction.atomic
def cessation_consultation_correct(
    *,
    actor: Any,
    consultation: CessationConsultation,
    name: str,
    consulted_on: date,
    reason: str,
    expected_version: int | None,
) -> CessationConsultation:
    """Correct who was consulted about ceasing the plan, or when; the history keeps the
    earlier values."""
    plan = consultation.plan
    _may_record(actor, plan.child)
    cleaned = mark_corrected(consultation, actor=actor, reason=reason)
    errors: dict[str, list[str]] = {}
    if not name.strip():
        errors.setdefault("name", []).append("Give the name of the person consulted.")
    _not_in_future(consulted_on, "consulted_on", errors)
    if plan.issued_on and consulted_on < plan.issued_on:
        errors.setdefault("consulted_on", []).append(
            f"The date is before the plan was issued ({format_date(plan.issued_on)})."
        )
    if consultation.responded_on is not None and consultation.responded_on < consulted_on:
        errors.setdefault("consulted_on", []).append(
            f"The reply is recorded on {format_date(consultation.responded_on)}, before this date."
        )
    _relied_on(consultation, consulted_on, errors)
    _raise(errors)
    claim_version(plan.child, expected_version)
    consultation.name = name.strip()
    consultation.consulted_on = consulted_on
    consultation.full_clean()
    history_reason(consultation, actor=actor, reason=cleaned)
    consultation.save()
    audit_record(
        actor=actor, action="update", obj=consultation, child=plan.child,
        summary=f"Corrected: {consultation}: {cleaned}",
    )  # fmt: skip
    return consultation


@transaction.atomic
def cessation_consultation_withdraw(
    *,
    actor: Any,
    consultation: CessationConsultation,
    reason: str,
    expected_version: int | None,
) -> CessationConsultation:
    """Withdraw a consultation recorded in error: it stays, marked, and no longer counts."""
    plan = consultation.plan
    _may_record(actor, plan.child)
    errors: dict[str, list[str]] = {}
    _relied_on(consultation, None, errors)
    _raise(errors)
    cleaned = mark_withdrawn(consultation, actor=actor, reason=reason)
    claim_version(plan.child, expected_version)
    consultation.full_clean()
    history_reason(consultation, actor=actor, reason=cleaned)
    consultation.save()
    audit_record(
        actor=actor, action="update", obj=consultation, child=plan.child,
        summary=f"Withdrawn as recorded in error: {consultation}: {cleaned}",
    )  # fmt: skip
    return consultation
