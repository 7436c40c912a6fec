"""Reads for the case list, a caseworker's caseload and allocation. Every selector takes the
acting user and starts from `children_visible_to`, so who sees what is decided in one place.

Every list is a queryset the page cuts into pages (or the export streams): no caseload is ever
loaded whole into Python. What a child needs next is the earliest open row of the deadline
table the engine fills; nothing here computes a date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Concat

from redress.accounts.models import Role
from redress.casework.models import CaseAllocation, Child, Deadline
from redress.casework.permissions import organisation_ids
from redress.casework.selectors import visible_children_listed_q
from redress.statutory.rules import FAMILY_ACTOR

#: Where a child's open work is, by the rules of the deadlines open on the case (a child with a
#: review and a mediation open is at both). Rule ids are the engine's; the prefixes group them.
STAGES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("assessment", "Assessment", ("assessment.", "advice.", "reassessment.")),
    ("plan", "Draft and final plan", ("plan.",)),
    ("review", "Reviews and transfers", ("review.", "phase_transfer.", "transfer.")),
    ("mediation", "Mediation and agreements", ("mediation.", "agreement.")),
    ("appeal", "Appeals and the Tribunal's orders", ("appeal.", "order.", "recommendation.")),
)
_STAGE_PREFIXES = {slug: prefixes for slug, _, prefixes in STAGES}

CASE_SORTS: dict[str, tuple[Any, ...]] = {
    "name": ("last_name", "first_name", "id"),
    "born": ("date_of_birth", "last_name", "id"),
    "caseworker": ("caseworker__last_name", "caseworker__first_name", "last_name", "id"),
    "next": (F("next_due").asc(nulls_last=True), "last_name", "id"),
}

UNALLOCATED = "none"

_UPN = re.compile(r"[A-Z][0-9]{11}[0-9A-Z]")
_ULN = re.compile(r"[0-9]{10}")
#: A case number as people write it ("1042" or "#1042"): the child's id.
CASE_NUMBER = re.compile(r"#?([0-9]{1,9})")
_DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%d %B %Y", "%d %b %Y")


@dataclass
class CaseListFilters:
    query: str = ""
    caseworker: str = ""  # a person's id, or UNALLOCATED
    stage: str = ""
    overdue: bool = False
    sort: str = "name"


def _open_work() -> QuerySet[Deadline]:
    """A child's open deadlines that professionals act on (not the family's own windows): the
    rows `redress.casework.deadlines.next_due_of` reads for the child's `next_due`."""
    return (
        Deadline.objects.filter(
            child=OuterRef("pk"), met_on__isnull=True, kind="by", informational=False
        )
        .exclude(actor=FAMILY_ACTOR)
        .order_by("due", "rule")
    )


def search_q(query: str) -> Q:
    """Name, and when the words look like one: date of birth, UPN, ULN or case number. The
    children searched are annotated with `full` (first and last name); every list of children
    with a search box uses this."""
    found = Q(full__icontains=query) | Q(last_name__icontains=query)
    compact = re.sub(r"\s+", "", query).upper()
    if _UPN.fullmatch(compact):
        found |= Q(upn=compact)
    if _ULN.fullmatch(compact):
        found |= Q(uln=compact)
    number = CASE_NUMBER.fullmatch(compact)
    if number:
        found |= Q(pk=int(number.group(1)))
    for pattern in _DATE_FORMATS:
        try:
            born = datetime.strptime(query.strip(), pattern).date()
        except ValueError:
            continue
        found |= Q(date_of_birth=born)
        break
    return found


def case_list(
    user: Any, filters: CaseListFilters, today: date, *, with_next: bool = True
) -> QuerySet[Child]:
    """The children the user may see, searched, filtered and sorted, each with what they need
    next (`next_title`) and when (`next_due`). Without `with_next`, for counting: a whole
    authority is counted without looking up every child's next deadline."""
    if not getattr(user, "is_authenticated", False):
        return Child.objects.none()
    # The visibility condition itself, not children_visible_to's DISTINCT: nothing here joins a
    # child's many records, and without DISTINCT (or an OR of subqueries) the database reads a
    # page of the caseload from an index in the order asked for.
    children = Child.objects.filter(visible_children_listed_q(user)).select_related(
        "local_authority", "setting", "caseworker"
    )
    if filters.query:
        children = children.annotate(full=Concat("first_name", Value(" "), "last_name")).filter(
            search_q(filters.query)
        )
    if filters.caseworker == UNALLOCATED:
        children = children.filter(caseworker__isnull=True)
    elif filters.caseworker.isdigit():
        children = children.filter(caseworker_id=int(filters.caseworker))
    prefixes = _STAGE_PREFIXES.get(filters.stage)
    if prefixes:
        at_stage = Q()
        for prefix in prefixes:
            at_stage |= Q(rule__startswith=prefix)
        children = children.filter(Exists(_open_work().filter(at_stage)))
    if filters.overdue:
        # Overdue as the dashboard decides it: due before today, no exception recorded.
        children = children.filter(
            Exists(_open_work().filter(due__lt=today).exclude(status="excepted"))
        )
    if not with_next:
        return children.order_by()
    # When the next step is due is kept on the child (`next_due`, decision 0203), so a caseload
    # sorts by it from an index; what it is, only for the rows shown.
    children = children.annotate(next_title=Subquery(_open_work().values("title")[:1]))
    return children.order_by(*CASE_SORTS.get(filters.sort, CASE_SORTS["name"]))


def case_list_count(user: Any, filters: CaseListFilters, today: date) -> int:
    return case_list(user, filters, today, with_next=False).count()


def caseworker_choices(user: Any) -> list[tuple[str, str]]:
    """The caseworkers of the children the user sees, for the filter: the dashboard's own
    choices, kept a few minutes for the person (decision 0197). Worked out for every request,
    this was most of the case list's database time at a large authority."""
    from redress.casework.selectors import dashboard_filter_choices

    return list(dashboard_filter_choices(user)["caseworkers"])


# -- Allocation -------------------------------------------------------------------------------


def allocating_authorities(user: Any) -> list[int]:
    """The local authorities where the user may allocate children: where they are a manager."""
    return organisation_ids(user, (Role.LA_MANAGER,))


def children_to_allocate(
    user: Any, filters: CaseListFilters, today: date, *, with_next: bool = True
) -> QuerySet[Child]:
    """The case list, cut to the children the user may allocate (mirrors
    `casework.allocate_child`)."""
    return case_list(user, filters, today, with_next=with_next).filter(
        local_authority_id__in=allocating_authorities(user)
    )


def allocation_history(*, user: Any, child: Child) -> QuerySet[CaseAllocation] | None:
    """Who allocated the child to whom, newest first; None for those who may not see it (the
    authority's staff see it: it names the people who have held the case)."""
    if not user.has_perm("casework.change_child", child):
        return None
    return child.allocations.select_related("caseworker", "previous_caseworker", "allocated_by")
