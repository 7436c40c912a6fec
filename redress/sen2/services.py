"""Writes of the SEN2 items: each checks, saves and is audited in one transaction."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from redress.accounts.models import Organisation
from redress.audit.services import audit_record
from redress.casework.models import CaseEvent, Child
from redress.plans.models import Cessation, Placement
from redress.sen2.models import (
    AuthorityReturnDetails,
    CessationReturnItems,
    ChildReturnItems,
    PlacementReturnItems,
    RequestReturnItems,
    TransferReturnItems,
)

CHILD_FIELDS = (
    "sex",
    "ethnicity",
    "postcode",
    "upn_unknown",
    "sen_type_primary",
    "sen_type_secondary",
)
REQUEST_FIELDS = ("request_source", "in_youth_accommodation")
TRANSFER_FIELDS = ("from_la_code", "request_received", "request_source")
PLACEMENT_FIELDS = (
    "urn",
    "ukprn",
    "sen_setting",
    "sen_unit",
    "resourced_provision",
    "entry_date",
    "leaving_date",
)


@transaction.atomic
def child_items_update(*, actor: Any, child: Child, values: dict[str, Any]) -> ChildReturnItems:
    items, _ = ChildReturnItems.objects.get_or_create(child=child)
    for name in CHILD_FIELDS:
        if name in values:
            setattr(items, name, values[name])
    items.postcode = items.postcode.strip().upper()
    items.full_clean()
    items.save()
    audit_record(
        actor=actor,
        action="update",
        obj=items,
        child=child,
        summary="Changed the SEN2 return's person details and types of need",
    )
    return items


@transaction.atomic
def placement_items_update(
    *, actor: Any, placement: Placement, values: dict[str, Any]
) -> PlacementReturnItems:
    items, _ = PlacementReturnItems.objects.get_or_create(placement=placement)
    for name in PLACEMENT_FIELDS:
        if name in values:
            setattr(items, name, values[name])
    items.full_clean()
    items.save()
    audit_record(
        actor=actor,
        action="update",
        obj=items,
        child=placement.plan.child,
        summary=f"Changed how the SEN2 return identifies the placement {placement.name}"[:300],
    )
    return items


@transaction.atomic
def cessation_reason_record(
    *, actor: Any, cessation: Cessation, cease_reason: str
) -> CessationReturnItems:
    items, _ = CessationReturnItems.objects.get_or_create(
        cessation=cessation, defaults={"cease_reason": cease_reason}
    )
    items.cease_reason = cease_reason
    items.full_clean()
    items.save()
    audit_record(
        actor=actor,
        action="update",
        obj=items,
        child=cessation.plan.child,
        summary="Recorded why the plan ceased, for the SEN2 return",
    )
    return items


@transaction.atomic
def authority_details_update(
    *, actor: Any, authority: Organisation, la_code: str
) -> AuthorityReturnDetails:
    details, _ = AuthorityReturnDetails.objects.get_or_create(
        authority=authority, defaults={"la_code": la_code}
    )
    details.la_code = la_code.strip()
    details.full_clean()
    details.save()
    audit_record(
        actor=actor,
        action="update",
        obj=details,
        summary=f"Set {authority.name}'s code for the SEN2 return to {details.la_code}",
    )
    return details


@transaction.atomic
def request_items_update(
    *, actor: Any, event: CaseEvent, values: dict[str, Any]
) -> RequestReturnItems:
    """The return's items about one request for an EHC needs assessment."""
    if event.type != CaseEvent.Type.ASSESSMENT_REQUESTED:
        raise ValueError("SEN2 request items belong to a request for an EHC needs assessment")
    items, _ = RequestReturnItems.objects.get_or_create(event=event)
    for name in REQUEST_FIELDS:
        if name in values:
            setattr(items, name, values[name])
    items.full_clean()
    items.save()
    audit_record(
        actor=actor,
        action="update",
        obj=items,
        child=event.child,
        summary="Changed the SEN2 return's details of the request of "
        f"{event.date.day} {event.date:%B %Y}",
    )
    return items


@transaction.atomic
def transfer_items_update(
    *, actor: Any, event: CaseEvent, values: dict[str, Any]
) -> TransferReturnItems:
    """The return's items about one plan transferred in from another authority."""
    if event.type != CaseEvent.Type.PLAN_TRANSFERRED_IN:
        raise ValueError("SEN2 transfer items belong to a plan transferred in")
    items, _ = TransferReturnItems.objects.get_or_create(event=event)
    for name in TRANSFER_FIELDS:
        if name in values:
            setattr(items, name, values[name])
    items.from_la_code = items.from_la_code.strip()
    items.full_clean()
    if items.request_received is not None and items.request_received > event.date:
        raise ValidationError(
            {"request_received": "The request cannot have been received after the transfer."}
        )
    items.save()
    audit_record(
        actor=actor,
        action="update",
        obj=items,
        child=event.child,
        summary="Changed the SEN2 return's details of the plan transferred in on "
        f"{event.date.day} {event.date:%B %Y}",
    )
    return items
