"""Reads for the appeals boards: responses to the Tribunal's recommendations and the local
authority's compliance with its orders, filtered and sorted in the database, most overdue first.
Each starts from what the user may see (`selectors.py`); dates are the engine's rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Concat

from redress.accounts.models import HEALTH_AND_CARE_ROLES, LA_ROLES, Organisation
from redress.appeals.models import Recommendation
from redress.appeals.selectors import (
    ORDER_RULE_PREFIX,
    RECOMMENDATION_RULE,
    recommendations_visible_to,
)
from redress.casework.models import PROFESSIONALS_OPEN_ROWS, Deadline, DeadlineQuerySet
from redress.casework.permissions import organisation_ids
from redress.core.listing import date_range_q, sorted_by
from redress.statutory.calendar import days_overdue


def with_days_overdue(rows: Iterable[Any], today: date, *, due: str = "due") -> list[Any]:
    """The rows of a page, each with `days_overdue` (0 when not yet due)."""
    items = list(rows)
    for row in items:
        row.days_overdue = days_overdue(getattr(row, due), today)
    return items


def with_respond(rows: list[Any], user: Any) -> list[Any]:
    """Recommendations on a page, each with `can_respond`: not yet answered, and the user is an
    officer of the body that must respond (the respond button, decision 0174)."""
    bodies = set(organisation_ids(user, HEALTH_AND_CARE_ROLES))
    for row in rows:
        row.can_respond = row.response_sent_on is None and row.organisation_id in bodies
    return rows


# -- Responses to recommendations ------------------------------------------------------------

RECOMMENDATION_SORTS: dict[str, tuple[Any, ...]] = {
    # Unanswered first, the longest overdue at the top; answered last, newest first.
    "urgency": (
        "answered",
        F("due").asc(nulls_last=True),
        "id",
    ),
    "made": ("-made_on", "-id"),
    "name": ("appeal__child__last_name", "appeal__child__first_name", "made_on", "id"),
}


def response_deadline() -> DeadlineQuerySet:
    """The recommendation's response row: the child's row whose ref is the recommendation's
    `engine_ref` (appeal<id>-<ref>), for a subquery over recommendations."""
    return Deadline.objects.filter(
        child_id=OuterRef("appeal__child_id"),
        rule=RECOMMENDATION_RULE,
        ref=Concat(
            Value("appeal"),
            Cast(OuterRef("appeal_id"), CharField()),
            Value("-"),
            OuterRef("ref"),
            output_field=CharField(),
        ),
    )


def recommendation_list(user: Any, filters: dict[str, Any], today: date) -> QuerySet[Any]:
    """The recommendations the user may see (not withdrawn as recorded in error), each with its
    response's `due` and `deadline_status` (pending or overdue as of today: decision 0077) from
    the engine, filtered and sorted."""
    row = response_deadline().with_current_status(today)
    items = (
        Recommendation.objects.filter(
            pk__in=recommendations_visible_to(user).values("pk"),
            withdrawn_at__isnull=True,
            appeal__withdrawn_at__isnull=True,
        )
        .select_related("appeal", "appeal__child", "appeal__child__local_authority", "organisation")
        .annotate(
            due=Subquery(row.values("due")[:1]),
            # `current_status` is an annotation (DeadlineQuerySet.with_current_status).
            deadline_status=Subquery(row.values("current_status")[:1]),  # type: ignore[misc]
            answered=Case(
                When(response_sent_on__isnull=False, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
        )
    )
    overdue = Q(response_sent_on__isnull=True, deadline_status="overdue")
    state = filters.get("state")
    if state == "overdue":
        items = items.filter(overdue)
    elif state == "open":
        items = items.filter(response_sent_on__isnull=True).exclude(overdue)
    elif state == "answered":
        items = items.filter(response_sent_on__isnull=False)
    if str(filters.get("organisation") or "").isdigit():
        items = items.filter(organisation_id=int(filters["organisation"]))
    items = items.filter(date_range_q("made_on", filters.get("made_from"), filters.get("made_to")))
    ordered, _ = sorted_by(items, filters.get("sort"), RECOMMENDATION_SORTS, default="urgency")
    return ordered  # type: ignore[no-any-return]


def recommendation_counts(user: Any, today: date) -> dict[str, int]:
    """How many responses are overdue, waiting and answered (three counts, no rows loaded)."""
    return {
        state: recommendation_list(user, {"state": state}, today).order_by().count()
        for state in ("overdue", "open", "answered")
    }


def recommendation_organisations(user: Any) -> list[tuple[str, str]]:
    """The bodies asked to respond on the recommendations the user sees, for the filter."""
    ids = recommendations_visible_to(user).order_by().values("organisation_id")
    return [(str(o.pk), o.name) for o in Organisation.objects.filter(pk__in=ids).order_by("name")]


# -- Compliance with the Tribunal's orders ---------------------------------------------------

COMPLIANCE_SORTS: dict[str, tuple[str, ...]] = {
    "urgency": ("due", "rule", "id"),
    "latest": ("-due", "rule", "id"),
    "name": ("child__last_name", "child__first_name", "due", "id"),
}


def compliance_list(user: Any, filters: dict[str, Any], today: date) -> QuerySet[Deadline]:
    """Open order-compliance deadlines on children of the user's local authorities, filtered
    and sorted (most overdue first unless asked otherwise)."""
    # The row's own copy of the child's authority, and the open rows professionals act on: the
    # authority's open-deadline index, in due order (decision 0207).
    rows = Deadline.objects.filter(
        PROFESSIONALS_OPEN_ROWS,
        local_authority_id__in=organisation_ids(user, LA_ROLES),
        rule__startswith=ORDER_RULE_PREFIX,
    ).select_related("child", "child__local_authority", "organisation")
    if filters.get("state") == "overdue":
        # Overdue as of today, not as of the last nightly recompute (decisions/0077).
        rows = rows.overdue_on(today)
    elif filters.get("state") == "due":
        rows = rows.exclude(pk__in=rows.overdue_on(today).values("pk"))
    if str(filters.get("local_authority") or "").isdigit():
        rows = rows.filter(local_authority_id=int(filters["local_authority"]))
    rows = rows.filter(date_range_q("due", filters.get("due_from"), filters.get("due_to")))
    ordered, _ = sorted_by(rows, filters.get("sort"), COMPLIANCE_SORTS, default="urgency")
    return ordered  # type: ignore[no-any-return]


def compliance_counts(user: Any, today: date) -> dict[str, int]:
    return {
        state: compliance_list(user, {"state": state}, today).order_by().count()
        for state in ("overdue", "due")
    }


def la_choices(user: Any) -> list[tuple[str, str]]:
    ids = organisation_ids(user, LA_ROLES)
    return [(str(o.pk), o.name) for o in Organisation.objects.filter(pk__in=ids).order_by("name")]
