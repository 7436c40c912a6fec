"""Phase transfers: the moves between phases a plan must be reviewed and amended for."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from redress.audit.services import audit_record
from redress.casework.models import Child
from redress.core.service_checks import not_in_future as _not_in_future
from redress.core.versions import claim_version
from redress.plans.models import PhaseTransfer, Plan
from redress.plans.selectors import current_plan
from redress.plans.services._common import _raise, _recompute
from redress.statutory import rule_row


@transaction.atomic
def phase_transfer_add(
    *,
    actor: Any,
    child: Child,
    kind: str,
    year: int,
    identified_on: date,
    expected_version: int | None,
    move_date: date | None = None,
) -> PhaseTransfer:
    errors: dict[str, list[str]] = {}
    _not_in_future(identified_on, "identified_on", errors)
    if kind == PhaseTransfer.Kind.POST16_MOVE:
        # A move between post-16 institutions happens on its own date (reg 18(2)): the cohort
        # year is the year of the move.
        if move_date is None:
            errors.setdefault("move_date", []).append(
                "Enter the date the young person moves: the amended plan is due "
                f"{rule_row('phase_transfer.amend', 'post16_move').period}."
            )
        else:
            year = move_date.year
            if move_date < identified_on:
                errors.setdefault("move_date", []).append(
                    "The move cannot be before the day it was identified."
                )
    else:
        move_date = None
    current = current_plan(child)
    if current is None or current.status == Plan.Status.CEASED:
        errors.setdefault("child", []).append(
            "Only a child or young person whose EHC plan is issued and maintained joins the phase "
            "transfer cohort."
        )
    if PhaseTransfer.objects.filter(withdrawn_at__isnull=True, child=child, year=year).exists():
        errors.setdefault("year", []).append(f"{child} is already in the {year} cohort.")
    if identified_on.year > year:
        errors.setdefault("identified_on", []).append(
            "The transfer must be identified before the year of transfer ends."
        )
    _raise(errors)
    claim_version(child, expected_version)
    transfer = PhaseTransfer(
        child=child, kind=kind, year=year, identified_on=identified_on, move_date=move_date,
        created_by=actor,
    )  # fmt: skip
    transfer.full_clean()
    transfer.save()
    _recompute(child, field="year")
    audit_record(actor=actor, action="create", obj=transfer, child=child, summary=str(transfer))
    return transfer


@transaction.atomic
def phase_transfer_add_suggested(
    *,
    actor: Any,
    chosen: Sequence[tuple[Child, str, int | None]],
    year: int,
    identified_on: date,
) -> list[PhaseTransfer]:
    """Add several suggested children to the year's cohort in one step: (child, kind, the
    child's version on the page). All or none: one refusal adds nobody."""
    if not chosen:
        raise ValidationError({"child": ["Choose at least one child to add to the cohort."]})
    added = []
    for child, kind, version in chosen:
        try:
            added.append(
                phase_transfer_add(
                    actor=actor,
                    child=child,
                    kind=kind,
                    year=year,
                    identified_on=identified_on,
                    expected_version=version,
                )  # fmt: skip
            )
        except ValidationError as error:
            raise ValidationError(
                {"child": [f"{child.full_name}: {m}" for m in error.messages]}
            ) from error
    return added


@transaction.atomic
def phase_transfer_withdraw(
    *, actor: Any, transfer: PhaseTransfer, expected_version: int | None
) -> PhaseTransfer:
    claim_version(transfer.child, expected_version)
    transfer.status = PhaseTransfer.Status.WITHDRAWN
    transfer.full_clean()
    transfer.save()
    _recompute(transfer.child)
    audit_record(
        actor=actor, action="update", obj=transfer, child=transfer.child,
        summary=f"Withdrawn from the cohort: {transfer}",
    )  # fmt: skip
    return transfer
