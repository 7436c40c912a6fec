"""Settling before the hearing, and telling the Tribunal (a withdrawal or a consent order)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import F

from redress.appeals.models import Appeal, Settlement
from redress.appeals.services._common import (
    UNOPPOSED_CITATION,
    Errors,
    _add,
    _check_la_staff,
    _check_not_closed,
    _not_before,
    _raise,
    _recompute,
    _sync_cessation,
    _when,
)
from redress.audit.services import audit_record
from redress.core.service_checks import not_in_future as _not_in_future
from redress.core.versions import claim_version


@transaction.atomic
def settlement_record(
    *,
    actor: Any,
    appeal: Appeal,
    agreed_on: date,
    route: str,
    ending: str,
    terms: str,
    agreement_id: int | None = None,
) -> Settlement:
    """The parties agree before the hearing; the page then shows the steps to tell the
    Tribunal (a withdrawal, or a consent order request on form SEND46)."""
    child = appeal.child
    _check_la_staff(actor, child)
    errors: Errors = {}
    _check_not_closed(appeal, errors, "agreed_on")
    if Settlement.objects.filter(appeal=appeal).exists():
        _add(errors, "agreed_on", "A settlement is already recorded for this appeal.")
    _not_in_future(agreed_on, "agreed_on", errors)
    _not_before(agreed_on, appeal.lodged_on, "agreed_on", errors, "the appeal was lodged")
    if not terms.strip():
        _add(errors, "terms", "Say what the parties agreed.")
    if ending == Settlement.Ending.CONSENT_ORDER and not appeal.la_response_sent_on:
        _add(
            errors,
            "ending",
            "The local authority has not sent its response yet: it can tell the Tribunal it "
            f"does not oppose the appeal instead ({UNOPPOSED_CITATION}).",
        )
    _raise(errors)
    settlement = Settlement(
        appeal=appeal,
        agreed_on=agreed_on,
        route=route,
        ending=ending,
        terms=terms.strip(),
        agreement_id=agreement_id,
        recorded_by=actor,
    )
    settlement.full_clean()
    settlement.save()
    audit_record(actor=actor, action="create", obj=settlement, child=child, summary=str(settlement))
    return settlement


@transaction.atomic
def settlement_mark_sent(
    *, actor: Any, settlement: Settlement, sent_on: date, expected_version: int | None
) -> Settlement:
    """The withdrawal or the consent order request reached the Tribunal. A withdrawal ends the
    appeal; a consent order ends it when the Tribunal makes the order (record the decision)."""
    appeal = settlement.appeal
    child = appeal.child
    _check_la_staff(actor, child)
    errors: Errors = {}
    _not_in_future(sent_on, "sent_on", errors)
    _not_before(sent_on, settlement.agreed_on, "sent_on", errors, "the agreement")
    if settlement.ending == Settlement.Ending.WITHDRAW:
        _check_not_closed(appeal, errors, "sent_on")
    _raise(errors)
    claim_version(settlement, expected_version)
    settlement.sent_to_tribunal_on = sent_on
    settlement.full_clean()
    settlement.save()
    if settlement.ending == Settlement.Ending.WITHDRAW:
        appeal.outcome = Appeal.Outcome.WITHDRAWN
        appeal.outcome_on = sent_on
        appeal.full_clean()
        appeal.save()
        Appeal.objects.filter(pk=appeal.pk).update(version=F("version") + 1)
        _sync_cessation(actor, appeal)
    _recompute(child, field="sent_on")
    audit_record(
        actor=actor,
        action="update",
        obj=settlement,
        child=child,
        summary=f"Sent to the Tribunal on {_when(sent_on)}: {settlement.get_ending_display()}",
    )
    return settlement
