"""Reads for the mediation lists: the case list and the mediator's meetings, filtered and sorted
in the database. Each selector takes the acting user and starts from what they may see; the
filter choices are read from the same visible cases (indexed queries), never by loading them.

Nothing here reads the mediator's notes: no list, page or CSV of cases carries them.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db.models import Q, QuerySet

from redress.accounts.models import LA_ROLES, Organisation, Role
from redress.casework.permissions import organisation_ids
from redress.core.listing import date_range_q, sorted_by
from redress.mediation.models import Exemption, FamilyChoice, MediationCase, MediationMeeting
from redress.mediation.permissions import PROVIDER_ROLES
from redress.mediation.selectors import mediation_cases_visible_to

CASE_SORTS: dict[str, tuple[str, ...]] = {
    "updated": ("-updated_at", "-id"),
    "notice": ("-decision_notice_date", "-id"),
    "name": ("child__last_name", "child__first_name", "id"),
    "provider": ("provider__name", "-decision_notice_date", "id"),
}

_STAGE_Q = {
    "undecided": Q(outcome="", exemption=Exemption.NONE, family_choice=FamilyChoice.UNDECIDED),
    "wishes": Q(outcome="", exemption=Exemption.NONE, family_choice=FamilyChoice.WISHES),
    "declined": Q(outcome="", exemption=Exemption.NONE, family_choice=FamilyChoice.DECLINED),
    "exempt": Q(outcome="") & ~Q(exemption=Exemption.NONE),
    "concluded": ~Q(outcome=""),
}


def mediation_case_list(
    user: Any, filters: dict[str, Any], *, child_id: int | None = None
) -> QuerySet[MediationCase]:
    """The mediation cases the user may see, filtered and sorted (`filters` from the list's
    form; `child_id` from a child's page)."""
    cases = mediation_cases_visible_to(user)
    if child_id is not None:
        cases = cases.filter(child_id=child_id)
    stage = _STAGE_Q.get(filters.get("stage") or "")
    if stage is not None:
        cases = cases.filter(stage)
    if filters.get("decision"):
        cases = cases.filter(decision=filters["decision"])
    if str(filters.get("provider") or "").isdigit():
        cases = cases.filter(provider_id=int(filters["provider"]))
    if str(filters.get("local_authority") or "").isdigit():
        cases = cases.filter(child__local_authority_id=int(filters["local_authority"]))
    cases = cases.filter(
        date_range_q("decision_notice_date", filters.get("notice_from"), filters.get("notice_to"))
    )
    ordered, _ = sorted_by(cases, filters.get("sort"), CASE_SORTS, default="updated")
    return ordered  # type: ignore[no-any-return]


def case_list_choices(user: Any) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The providers and local authorities of the cases the user may see, for the filters."""
    visible = mediation_cases_visible_to(user).order_by()
    providers = Organisation.objects.filter(pk__in=visible.values("provider_id")).order_by("name")
    authorities = Organisation.objects.filter(
        pk__in=visible.values("child__local_authority_id")
    ).order_by("name")
    return (
        [(str(o.pk), o.name) for o in providers],
        [(str(o.pk), o.name) for o in authorities],
    )


def may_export_cases(user: Any) -> bool:
    """The professionals who work on mediation cases (the provider's staff, the authority's
    staff, the health commissioner's officers) may download the list; a family or supporter
    sees their own case on the page."""
    roles = (*PROVIDER_ROLES, *LA_ROLES, Role.HEALTH_OFFICER)
    return bool(getattr(user, "is_authenticated", False) and organisation_ids(user, roles))


def meetings_for_mediator_list(
    user: Any, filters: dict[str, Any], today: date
) -> tuple[QuerySet[MediationMeeting], date | None, date | None]:
    """The signed-in mediator's own meetings (cases assigned to them) in the period chosen,
    arranged or held, with the first and last day of the period (None when open)."""
    period = filters.get("period") or "week"
    start: date | None
    end: date | None
    if period == "day":
        start = end = today
    elif period == "upcoming":
        start, end = today, None
    elif period == "earlier":
        start, end = None, today - timedelta(days=1)
    else:
        # The calendar week, Monday to Sunday: a display range, not a statutory period.
        start = today - timedelta(days=today.weekday())
        end = start + timedelta(days=6)
    statuses = [MediationMeeting.Status.SCHEDULED, MediationMeeting.Status.HELD]
    if filters.get("status") in statuses:
        statuses = [filters["status"]]
    if not getattr(user, "is_authenticated", False):
        return MediationMeeting.objects.none(), start, end
    meetings = MediationMeeting.objects.filter(
        date_range_q("meeting_date", start, end), case__mediator=user, status__in=statuses
    ).select_related("case", "case__child", "case__provider")
    sorts = {
        "soonest": ("meeting_date", "start_time", "id"),
        "latest": ("-meeting_date", "-start_time", "-id"),
    }
    ordered, _ = sorted_by(meetings, filters.get("sort"), sorts, default="soonest")
    return ordered, start, end
