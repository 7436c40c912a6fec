"""Reads for the agreements lists: agreements, agreed actions overdue and expenses claims,
filtered and sorted in the database. Each starts from what the user may see (the selectors in
`selectors.py`); the filters' choices come from the same rows by indexed queries.

An action is overdue as the engine's row says it: not met and due before today (decision
0077), read from the deadline table by the child and the action's ref.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet, Subquery

from redress.accounts.models import LA_ROLES, Organisation, Role
from redress.agreements.models import AgreedAction, ExpensesClaim, MediationAgreement
from redress.agreements.permissions import PROVIDER_ROLES
from redress.agreements.selectors import agreements_visible_to, claims_visible_to
from redress.casework.models import Deadline
from redress.casework.permissions import organisation_ids
from redress.core.listing import date_range_q, sorted_by
from redress.statutory.calendar import days_overdue

OverdueRow = tuple[MediationAgreement, AgreedAction, Deadline]


def may_export(user: Any) -> bool:
    """The professionals who work on agreements and claims (the provider's staff, the
    authority's staff and the health commissioner's officers) download the lists."""
    roles = (*PROVIDER_ROLES, *LA_ROLES, Role.HEALTH_OFFICER)
    return bool(getattr(user, "is_authenticated", False) and organisation_ids(user, roles))


def _choices(ids: Any) -> list[tuple[str, str]]:
    return [(str(o.pk), o.name) for o in Organisation.objects.filter(pk__in=ids).order_by("name")]


def organisation_choices(
    cases: QuerySet[Any], prefix: str
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The providers and local authorities of the rows (through `prefix`, the path to the
    mediation case), for the filters."""
    rows = cases.order_by()
    return (
        _choices(rows.values(f"{prefix}provider_id")),
        _choices(rows.values(f"{prefix}child__local_authority_id")),
    )


def _by_organisation(rows: QuerySet[Any], filters: dict[str, Any], prefix: str) -> Any:
    if str(filters.get("provider") or "").isdigit():
        rows = rows.filter(**{f"{prefix}provider_id": int(filters["provider"])})
    if str(filters.get("local_authority") or "").isdigit():
        rows = rows.filter(
            **{f"{prefix}child__local_authority_id": int(filters["local_authority"])}
        )
    return rows


def _action_deadlines(today: date) -> QuerySet[Deadline]:
    """An action's open engine row, due before today (the child's rows, by the action's ref)."""
    return Deadline.objects.filter(
        child_id=OuterRef("agreement__case__child_id"),
        ref=OuterRef("ref"),
        rule="agreement.action",
        met_on__isnull=True,
        due__lt=today,
        status__in=("pending", "overdue"),
    )


# -- Agreements ------------------------------------------------------------------------------

AGREEMENT_SORTS: dict[str, tuple[str, ...]] = {
    "newest": ("-made_on", "-id"),
    "oldest": ("made_on", "id"),
    "name": ("case__child__last_name", "case__child__first_name", "id"),
    "provider": ("case__provider__name", "-made_on", "id"),
}


def agreement_list(user: Any, filters: dict[str, Any], today: date) -> QuerySet[MediationAgreement]:
    """The agreements the user may see, filtered and sorted."""
    agreements = MediationAgreement.objects.filter(
        pk__in=agreements_visible_to(user).values("pk")
    ).select_related("case", "case__child", "case__child__local_authority", "case__provider",
                     "health_commissioner")  # fmt: skip
    agreements = _by_organisation(agreements, filters, "case__")
    agreements = agreements.filter(
        date_range_q("made_on", filters.get("made_from"), filters.get("made_to"))
    )
    if filters.get("overdue"):
        late = AgreedAction.objects.filter(agreement=OuterRef("pk"), done_on__isnull=True).filter(
            Exists(_action_deadlines(today))
        )
        agreements = agreements.filter(Exists(late))
    ordered, _ = sorted_by(agreements, filters.get("sort"), AGREEMENT_SORTS, default="newest")
    return ordered  # type: ignore[no-any-return]


def agreement_choices(user: Any) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    return organisation_choices(
        MediationAgreement.objects.filter(pk__in=agreements_visible_to(user).values("pk")),
        "case__",
    )


# -- Agreed actions overdue ------------------------------------------------------------------

OVERDUE_SORTS: dict[str, tuple[str, ...]] = {
    "overdue": ("was_due", "id"),
    "name": (
        "agreement__case__child__last_name",
        "agreement__case__child__first_name",
        "was_due",
        "id",
    ),
}


def overdue_actions(user: Any, filters: dict[str, Any], today: date) -> QuerySet[AgreedAction]:
    """Agreed actions not done whose engine row is overdue, on agreements the user may see,
    each with `was_due` and `deadline_id`."""
    late = _action_deadlines(today).order_by("due")
    actions = (
        AgreedAction.objects.filter(
            agreement_id__in=agreements_visible_to(user).values("pk"), done_on__isnull=True
        )
        .annotate(
            was_due=Subquery(late.values("due")[:1]), deadline_id=Subquery(late.values("pk")[:1])
        )  # fmt: skip
        .filter(was_due__isnull=False)
        .select_related(
            "agreement",
            "agreement__case",
            "agreement__case__child",
            "agreement__case__child__local_authority",
            "agreement__case__provider",
        )  # fmt: skip
    )
    actions = _by_organisation(actions, filters, "agreement__case__")
    ordered, _ = sorted_by(actions, filters.get("sort"), OVERDUE_SORTS, default="overdue")
    return ordered  # type: ignore[no-any-return]


def overdue_choices(user: Any) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    return agreement_choices(user)


def overdue_rows(actions: Iterable[AgreedAction], today: date) -> list[OverdueRow]:
    """A page of overdue actions as rows (agreement, action, the engine's row), each action
    with `days_overdue`: the days since its due date, counted to today."""
    items = list(actions)
    deadlines = Deadline.objects.in_bulk([a.deadline_id for a in items])  # type: ignore[attr-defined]
    rows = []
    for action in items:
        deadline = deadlines[action.deadline_id]  # type: ignore[attr-defined]
        action.days_overdue = days_overdue(deadline.due, today)  # type: ignore[attr-defined]
        rows.append((action.agreement, action, deadline))
    return rows


# -- Expenses claims -------------------------------------------------------------------------

CLAIM_SORTS: dict[str, tuple[Any, ...]] = {
    # "submitted" sorts before "approved" and "refused" only by accident of the alphabet, so
    # the claims waiting for a decision are put first explicitly.
    "to_decide": ("-waiting", "-incurred_on", "-id"),
    "newest": ("-incurred_on", "-id"),
    "amount": ("-amount", "-id"),
    "name": ("case__child__last_name", "case__child__first_name", "-incurred_on", "id"),
}


def claim_list(user: Any, filters: dict[str, Any]) -> QuerySet[ExpensesClaim]:
    """The claims the user may see, filtered and sorted."""
    from django.db.models import BooleanField, Case, Value, When

    claims = (
        ExpensesClaim.objects.filter(pk__in=claims_visible_to(user).values("pk"))
        .select_related("case", "case__child", "case__child__local_authority", "case__provider")
        .annotate(
            waiting=Case(
                When(status=ExpensesClaim.Status.SUBMITTED, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
    )
    claims = _by_organisation(claims, filters, "case__")
    if filters.get("status"):
        claims = claims.filter(status=filters["status"])
    if filters.get("payer"):
        claims = claims.filter(payer=filters["payer"])
    claims = claims.filter(
        date_range_q("incurred_on", filters.get("spent_from"), filters.get("spent_to"))
    )
    ordered, _ = sorted_by(claims, filters.get("sort"), CLAIM_SORTS, default="to_decide")
    return ordered  # type: ignore[no-any-return]


def claim_choices(user: Any) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    return organisation_choices(
        ExpensesClaim.objects.filter(pk__in=claims_visible_to(user).values("pk")), "case__"
    )
