"""Reads for the SEN2 pages. Managers build the return for their own authority; caseworkers and
managers see which of their authority's children lack an item the return needs."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet

from redress.accounts.models import LA_ROLES, Organisation, Role
from redress.casework.models import CaseEvent, Child
from redress.casework.permissions import organisation_ids
from redress.plans.models import Cessation, Plan


def authorities_managed_by(user: Any) -> QuerySet[Organisation]:
    return Organisation.objects.filter(
        pk__in=organisation_ids(user, (Role.LA_MANAGER,)),
        kind=Organisation.Kind.LOCAL_AUTHORITY,
    )


def authority_for_manager(*, user: Any, pk: int | None = None) -> Organisation:
    """The authority whose return the manager builds (their only one, or the one chosen)."""
    authorities = authorities_managed_by(user)
    if pk is not None:
        authorities = authorities.filter(pk=pk)
    authority = authorities.order_by("name").first()
    if authority is None:
        raise PermissionDenied
    return authority


def _lacking_q() -> Q:
    # What was withdrawn as recorded in error is not returned, so lacks nothing (decision 0100).
    issued_plan = Plan.objects.filter(
        child=OuterRef("pk"), issued_on__isnull=False, withdrawn_at__isnull=True
    )
    placement_unidentified = issued_plan.filter(
        Q(placement__isnull=True)
        | Q(placement__sen2_items__isnull=True)
        | Q(
            placement__sen2_items__urn="",
            placement__sen2_items__ukprn="",
            placement__sen2_items__sen_setting="",
        )
    )
    ceased_without_reason = Cessation.objects.filter(
        plan__child=OuterRef("pk"),
        ceased_on__isnull=False,
        sen2_items__isnull=True,
        withdrawn_at__isnull=True,
    )
    request_without_source = CaseEvent.objects.filter(
        child=OuterRef("pk"), type=CaseEvent.Type.ASSESSMENT_REQUESTED, withdrawn_at__isnull=True
    ).filter(Q(sen2_request__isnull=True) | Q(sen2_request__request_source=""))
    transfer_unrecorded = CaseEvent.objects.filter(
        child=OuterRef("pk"), type=CaseEvent.Type.PLAN_TRANSFERRED_IN, withdrawn_at__isnull=True
    ).filter(
        Q(sen2_transfer__isnull=True)
        | Q(sen2_transfer__from_la_code="")
        | Q(sen2_transfer__request_received__isnull=True)
    )
    return (
        Q(sen2_items__isnull=True)
        | Q(sen2_items__sex="")
        | Q(sen2_items__ethnicity="")
        | (Q(upn="") & Q(uln="") & Q(sen2_items__upn_unknown=""))
        | (Exists(issued_plan) & Q(sen2_items__sen_type_primary=""))
        | Exists(placement_unidentified)
        | Exists(ceased_without_reason)
        | Exists(request_without_source)
        | Exists(transfer_unrecorded)
    )


def children_lacking_items(user: Any) -> QuerySet[Child]:
    """The user's authority's children with an EHC needs assessment request or a plan who lack
    an item the SEN2 return needs, in name order."""
    authorities = organisation_ids(user, LA_ROLES)
    if not authorities:
        raise PermissionDenied
    # Only steps that stand: a request or plan withdrawn as recorded in error puts no child in
    # the return (decision 0100).
    in_process = (
        Q(events__type="assessment_requested", events__withdrawn_at__isnull=True)
        | Q(events__type="plan_transferred_in", events__withdrawn_at__isnull=True)
        | Q(plans__issued_on__isnull=False, plans__withdrawn_at__isnull=True)
    )
    return (
        Child.objects.filter(local_authority_id__in=authorities)
        .filter(in_process)
        .filter(_lacking_q())
        .select_related("sen2_items")
        .distinct()
        .order_by("last_name", "first_name", "id")
    )


def missing_items(child: Child) -> list[str]:
    """What one child lacks, in words (for one page of the list at a time)."""
    items = getattr(child, "sen2_items", None)
    missing = []
    if items is None or not items.sex:
        missing.append("sex")
    if items is None or not items.ethnicity:
        missing.append("ethnicity")
    if not child.upn and not child.uln and (items is None or not items.upn_unknown):
        missing.append("UPN, ULN or the reason neither is available")
    for event in child.events.all():
        if event.withdrawn_at is not None:
            continue
        if event.type == CaseEvent.Type.ASSESSMENT_REQUESTED:
            request_items = getattr(event, "sen2_request", None)
            if request_items is None or not request_items.request_source:
                missing.append(f"who made the request of {event.date.day} {event.date:%B %Y}")
        if event.type == CaseEvent.Type.PLAN_TRANSFERRED_IN:
            transfer = getattr(event, "sen2_transfer", None)
            when = f"{event.date.day} {event.date:%B %Y}"
            if transfer is None or not transfer.from_la_code:
                missing.append(f"the code of the authority the plan transferred from on {when}")
            if transfer is None or transfer.request_received is None:
                missing.append(f"when the old authority received the request (transfer of {when})")
    plans = [p for p in child.plans.all() if p.issued_on is not None and not p.withdrawn]
    if plans and (items is None or not items.sen_type_primary):
        missing.append("primary type of need")
    for plan in plans:
        placement = getattr(plan, "placement", None)
        placement_items = getattr(placement, "sen2_items", None) if placement else None
        if placement is None:
            missing.append(f"placement named in plan version {plan.version_number}")
        elif placement_items is None or not (
            placement_items.urn or placement_items.ukprn or placement_items.sen_setting
        ):
            missing.append(f"URN, UKPRN or kind of setting of {placement.name or 'placement'}")
        for cessation in plan.cessations.all():
            if (
                cessation.ceased_on
                and not cessation.withdrawn
                and getattr(cessation, "sen2_items", None) is None
            ):
                missing.append(f"why the plan ceased on {cessation.ceased_on:%d %B %Y}")
    return missing
