"""Reads for the SEN2 pages. Managers build the return for their own authority; caseworkers and
managers see which of their authority's children lack an item the return needs."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Concat

from redress.accounts.models import LA_ROLES, Organisation, Role
from redress.casework.models import CaseEvent, Child
from redress.casework.permissions import organisation_ids
from redress.casework.selectors_caseload import search_q
from redress.core.listing import sorted_by
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


#: What a child may lack, as the list's filter offers it (key, label).
MISSING_ITEMS: tuple[tuple[str, str], ...] = (
    ("sex", "Sex"),
    ("ethnicity", "Ethnicity"),
    ("upn", "UPN, ULN or the reason neither is available"),
    ("need", "Primary type of need"),
    ("placement", "Placement, or its URN, UKPRN or kind of setting"),
    ("cessation", "Why a plan ceased"),
    ("request", "Who made a request for an assessment"),
    ("transfer", "Where a transferred plan came from, or when"),
)

#: The list's sorts (the first is the default); each ends with the id so pages never overlap.
MISSING_SORTS: dict[str, tuple[str, ...]] = {
    "name": ("last_name", "first_name", "id"),
    "caseworker": ("caseworker__last_name", "caseworker__first_name", "last_name", "id"),
    "born": ("date_of_birth", "last_name", "id"),
}

UNALLOCATED = "none"


def _lacking() -> dict[str, Q]:
    """Each item a child may lack (`MISSING_ITEMS`), as a condition on the child."""
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
    return {
        "sex": Q(sen2_items__isnull=True) | Q(sen2_items__sex=""),
        "ethnicity": Q(sen2_items__isnull=True) | Q(sen2_items__ethnicity=""),
        "upn": Q(upn="") & Q(uln="") & (Q(sen2_items__isnull=True) | Q(sen2_items__upn_unknown="")),
        "need": Exists(issued_plan)
        & (Q(sen2_items__isnull=True) | Q(sen2_items__sen_type_primary="")),
        "placement": Q(Exists(placement_unidentified)),
        "cessation": Q(Exists(ceased_without_reason)),
        "request": Q(Exists(request_without_source)),
        "transfer": Q(Exists(transfer_unrecorded)),
    }


def _lacking_q() -> Q:
    """A child lacking any item the return needs."""
    found = Q()
    for condition in _lacking().values():
        found |= condition
    return found


def children_lacking_items(user: Any, filters: dict[str, Any] | None = None) -> QuerySet[Child]:
    """The user's authority's children with an EHC needs assessment request or a plan who lack
    an item the SEN2 return needs, filtered (`item`, `caseworker`, `team`, `q`) and sorted
    (`MISSING_SORTS`, by name unless asked otherwise), all in the database."""
    authorities = organisation_ids(user, LA_ROLES)
    if not authorities:
        raise PermissionDenied
    filters = filters or {}
    # Only steps that stand: a request or plan withdrawn as recorded in error puts no child in
    # the return (decision 0100). Conditions on subqueries, so no join repeats a child.
    in_process = Exists(
        CaseEvent.objects.filter(
            child=OuterRef("pk"),
            type__in=(CaseEvent.Type.ASSESSMENT_REQUESTED, CaseEvent.Type.PLAN_TRANSFERRED_IN),
            withdrawn_at__isnull=True,
        )
    ) | Exists(
        Plan.objects.filter(
            child=OuterRef("pk"), issued_on__isnull=False, withdrawn_at__isnull=True
        )
    )
    lacking = _lacking()
    item = filters.get("item")
    children = (
        Child.objects.filter(local_authority_id__in=authorities)
        .filter(in_process)
        .filter(lacking[item] if item in lacking else _lacking_q())
        .select_related("sen2_items", "caseworker")
    )
    caseworker = str(filters.get("caseworker") or "")
    if caseworker == UNALLOCATED:
        children = children.filter(caseworker__isnull=True)
    elif caseworker.isdigit():
        children = children.filter(caseworker_id=int(caseworker))
    if filters.get("team"):
        children = children.filter(team=filters["team"])
    query = str(filters.get("q") or "").strip()
    if query:
        children = children.annotate(full=Concat("first_name", Value(" "), "last_name")).filter(
            search_q(query)
        )
    ordered, _ = sorted_by(children, filters.get("sort"), MISSING_SORTS, default="name")
    return ordered  # type: ignore[no-any-return]


def team_choices(user: Any) -> list[tuple[str, str]]:
    """The teams of the user's authorities' children (one indexed query), for the filter."""
    teams = (
        Child.objects.filter(local_authority_id__in=organisation_ids(user, LA_ROLES))
        .exclude(team="")
        .order_by("team")
        .values_list("team", flat=True)
        .distinct()
    )
    return [(team, team) for team in teams]


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
