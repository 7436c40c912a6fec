"""Reads for casework screens. Every selector takes the acting user, so who sees what is decided
here (mirroring `permissions.py`) and nowhere else."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Concat
from django.http import Http404
from django.utils import timezone

from redress.accounts.models import HEALTH_AND_CARE_ROLES, LA_ROLES, Organisation
from redress.accounts.selectors import has_role_at
from redress.audit.models import AuditEntry
from redress.audit.reads import record_read
from redress.casework.models import (
    PROFESSIONALS_OPEN_ROWS,
    AdviceRequest,
    AdviceWeighing,
    CaseEvent,
    Child,
    Consent,
    Deadline,
    DeclaredConflict,
    FamilyMember,
    Provision,
)
from redress.casework.permissions import consent_in_force_q, organisation_ids
from redress.core.access import permitted_get
from redress.core.listing import sorted_by, within
from redress.statutory.calendar import (
    SchoolTerm,
    add_weeks,
    days_overdue,
    end_of_week,
    next_school_term,
)
from redress.statutory.engine import today_in_london
from redress.statutory.rules import RULES


def visible_children_q(user: Any, prefix: str = "") -> Q:
    """The children the user may open, as a condition on a child (`prefix` reaches the child
    from another model, e.g. "child__"). Every way in is its own indexed subquery on the child's
    own columns, so the condition never repeats a row and needs no DISTINCT."""
    la = organisation_ids(user, LA_ROLES)
    health = organisation_ids(user, HEALTH_AND_CARE_ROLES)
    pk = f"{prefix}pk__in" if prefix else "pk__in"
    return (
        Q(**{f"{prefix}local_authority_id__in": la})
        | Q(
            **{
                pk: AdviceRequest.objects.filter(recipient_organisation_id__in=health).values(
                    "child_id"
                )
            }
        )
        | Q(**{pk: FamilyMember.objects.filter(user=user).values("child_id")})
        | Q(**{pk: Consent.objects.filter(consent_in_force_q(), supporter=user).values("child_id")})
    )


def family_and_supported_children(user: Any) -> list[int]:
    """The children the user sees as family or as a supporter with consent (a handful)."""
    return sorted(
        FamilyMember.objects.filter(user=user)
        .order_by()
        .values_list("child_id", flat=True)
        .union(
            Consent.objects.filter(consent_in_force_q(), supporter=user)
            .order_by()
            .values_list("child_id", flat=True)
        )
    )


def visible_children_listed_q(user: Any) -> Q:
    """`visible_children_q` for a list of children sorted and cut to a page (the case list):
    the family's and a supporter's few children read first as ids, so that for the authority's
    staff the condition is the authority alone and the database reads a page of children from
    an index in the order asked for, not every child of the country."""
    la = organisation_ids(user, LA_ROLES)
    health = organisation_ids(user, HEALTH_AND_CARE_ROLES)
    condition = Q(local_authority_id__in=la)
    if health:
        asked = AdviceRequest.objects.filter(recipient_organisation_id__in=health)
        condition |= Q(pk__in=asked.values("child_id"))
    ids = family_and_supported_children(user)
    if ids:
        condition |= Q(pk__in=ids)
    return condition


def visible_rows_q(user: Any) -> Q:
    """`visible_children_q` for the deadline table, read once for a page whose several queries
    each need it (the dashboard's counts, sections and filter choices: decision 0194).

    The authority's children are a condition on the row's own copy of the child's authority
    (decision 0207), and the few children seen another way (advice asked of the user's
    organisation, the family's own, a supporter's) a list of ids read first. Without an OR of
    subqueries or a join to the child, the database reads the caseload's open rows from an
    index in due order (decisions 0181, 0207)."""
    la = organisation_ids(user, LA_ROLES)
    health = organisation_ids(user, HEALTH_AND_CARE_ROLES)
    others = (
        AdviceRequest.objects.filter(recipient_organisation_id__in=health)
        .order_by()
        .values_list("child_id", flat=True)
        .union(
            FamilyMember.objects.filter(user=user).order_by().values_list("child_id", flat=True),
            Consent.objects.filter(consent_in_force_q(), supporter=user)
            .order_by()
            .values_list("child_id", flat=True),
        )
    )
    ids = sorted(others)
    condition = Q(local_authority_id__in=la)
    if ids:
        condition |= Q(child_id__in=ids)
    return condition


def family_cases_for(user: Any) -> QuerySet[Child]:
    """The cases a person sees as family, or as a supporter with the family's consent (the
    family's pages, and the calendar feed of their own dates)."""
    if not getattr(user, "is_authenticated", False):
        return Child.objects.none()
    return (
        Child.objects.filter(
            Q(family__user=user) | (Q(consents__supporter=user) & consent_in_force_q("consents__"))
        )
        .distinct()
        .select_related("local_authority")
        .order_by("first_name", "last_name", "pk")
    )


def children_visible_to(user: Any) -> QuerySet[Child]:
    """Every child whose record the user may open."""
    if not getattr(user, "is_authenticated", False):
        return Child.objects.none()
    # Each way in is its own indexed subquery (no join across the child's records), so that a
    # national database answers as fast as a small one. DISTINCT stays for callers that go on
    # to join a child's many records.
    return Child.objects.filter(visible_children_q(user)).distinct()


def child_get(*, user: Any, pk: int, perm: str = "casework.view_child") -> Child:
    """One child's record, or 404 when it does not exist, or refusal when the user may not."""
    child = permitted_get(
        Child.objects.select_related("local_authority", "setting", "caseworker"),
        pk=pk,
        user=user,
        perm=perm,
        not_found="No such case",
    )
    record_read(child, summary="Viewed the child's record")
    return child


def sees_whole_case(user: Any, child: Child) -> bool:
    """The local authority's staff, the family and a supporter with consent see the whole case.
    A health or social care officer (or an advice giver) asked for advice sees only what the
    advice needs: the child's identifying details and their own organisation's requests, not
    the family's contact details, consents, the family's contributions or other agencies'
    requests (data minimisation, UK GDPR Art 5(1)(c); docs/security.md)."""
    return bool(
        has_role_at(user, child.local_authority_id, LA_ROLES)
        or child.family.filter(user=user).exists()
        or child.consents.filter(consent_in_force_q(), supporter=user).exists()
    )


def advice_requests_visible_to(user: Any) -> QuerySet[AdviceRequest]:
    if not getattr(user, "is_authenticated", False):
        return AdviceRequest.objects.none()
    la = organisation_ids(user, LA_ROLES)
    health = organisation_ids(user, HEALTH_AND_CARE_ROLES)
    # Only the ways in the person has: requests asked of them by name and their own family's
    # children are read first as ids (a few). For the authority's staff the condition is then
    # the authority alone, read from its children by index, not every request in the country
    # joined to its child (decision 0208). No request is repeated, so no DISTINCT.
    seen = Q(child__local_authority_id__in=la)
    if health:
        seen |= Q(recipient_organisation_id__in=health)
    asked_by_name = list(
        AdviceRequest.objects.filter(recipient_person=user).values_list("pk", flat=True)
    )
    if asked_by_name:
        seen |= Q(pk__in=asked_by_name)
    family = list(FamilyMember.objects.filter(user=user).values_list("child_id", flat=True))
    if family:
        seen |= Q(child_id__in=family)
    return AdviceRequest.objects.filter(seen).select_related(
        "child", "recipient_organisation", "recipient_person", "commissioned_by"
    )


def advice_request_get(
    *, user: Any, pk: int, perm: str = "casework.view_advicerequest"
) -> AdviceRequest:
    advice = permitted_get(
        AdviceRequest.objects.select_related(
            "child", "child__local_authority", "recipient_organisation", "recipient_person"
        ),
        pk=pk,
        user=user,
        perm=perm,
        not_found="No such advice request",
    )
    record_read(advice.child_id, obj=advice, summary="Viewed an advice request")
    return advice


# -- Deadlines ------------------------------------------------------------------------------


@dataclass
class DeadlineFilters:
    team: str = ""
    caseworker: int | None = None
    rule: str = ""
    organisation: int | None = None


@dataclass
class Dashboard:
    today: date
    overdue: list[Deadline]
    excepted: list[Deadline]  # past due, with a statutory exception recorded
    this_week: list[Deadline]
    next_four_weeks: list[Deadline]
    week_ends: date
    four_weeks_end: date


def open_deadlines_visible_to(
    user: Any, filters: DeadlineFilters | None = None, *, visible: Q | None = None
) -> QuerySet[Deadline]:
    """Deadlines not yet done (and not informational) on the cases the user may see."""
    filters = filters or DeadlineFilters()
    # The family's own windows (appeal, contacting the mediation adviser) are their rights, not
    # professionals' tasks: the family's pages and the case page show them.
    if not getattr(user, "is_authenticated", False):
        return Deadline.objects.none()
    # The visibility condition on the row itself (not `child IN (SELECT DISTINCT …)`), so the
    # database reads the caseload's open rows from an index in due order (decision 0207).
    queryset = Deadline.objects.filter(
        PROFESSIONALS_OPEN_ROWS, visible_rows_q(user) if visible is None else visible
    ).select_related("child", "child__caseworker", "organisation")
    # The row's own copies of the child's team and caseworker (decision 0207).
    if filters.team:
        queryset = queryset.filter(team=filters.team)
    if filters.caseworker:
        queryset = queryset.filter(caseworker_id=filters.caseworker)
    if filters.rule:
        queryset = queryset.filter(rule=filters.rule)
    if filters.organisation:
        queryset = queryset.filter(organisation_id=filters.organisation)
    return queryset.order_by("due", "rule", "child__last_name")


def dashboard_for(
    user: Any, filters: DeadlineFilters | None = None, today: date | None = None
) -> Dashboard:
    """Overdue, due this week (to Sunday) and due in the following four weeks, as lists.

    For a small set (a test, a filtered view); the dashboard page counts and pages the sections
    with `dashboard_counts` and `dashboard_section` instead.
    """
    dates = DashboardDates.on(today)
    today, week_ends, four_weeks_end = dates.today, dates.week_ends, dates.four_weeks_end
    open_items = list(open_deadlines_visible_to(user, filters).filter(due__lte=four_weeks_end))
    return Dashboard(
        today=today,
        overdue=[d for d in open_items if d.due < today and d.status != "excepted"],
        excepted=[d for d in open_items if d.due < today and d.status == "excepted"],
        this_week=[d for d in open_items if today <= d.due <= week_ends],
        next_four_weeks=[d for d in open_items if week_ends < d.due <= four_weeks_end],
        week_ends=week_ends,
        four_weeks_end=four_weeks_end,
    )


# -- The dashboard, paged ---------------------------------------------------------------------

DASHBOARD_SECTIONS = ("overdue", "this-week", "next-four-weeks", "excepted")
DASHBOARD_SORTS = {
    "due": ("due", "rule", "child__last_name", "id"),
    "-due": ("-due", "rule", "child__last_name", "id"),
    "child": ("child__last_name", "child__first_name", "due", "id"),
    "rule": ("title", "due", "id"),
}


@dataclass
class DashboardDates:
    today: date
    week_ends: date
    four_weeks_end: date
    next_term: SchoolTerm | None = None  # for the annual reviews due next term

    @classmethod
    def on(cls, today: date | None = None) -> DashboardDates:
        today = today or today_in_london()
        week_ends = end_of_week(today)
        return cls(today, week_ends, add_weeks(week_ends, 4), next_school_term(today))


def _section_q(section: str, dates: DashboardDates) -> Q:
    # Whether a deadline is overdue is decided by its due date and today, never by the stored
    # status (which changes only when the nightly job runs); "excepted" is not about time.
    if section == "overdue":
        return Q(due__lt=dates.today) & ~Q(status="excepted")
    if section == "excepted":
        return Q(due__lt=dates.today, status="excepted")
    if section == "this-week":
        return Q(due__gte=dates.today, due__lte=dates.week_ends)
    if section == "next-four-weeks":
        return Q(due__gt=dates.week_ends, due__lte=dates.four_weeks_end)
    if section == "reviews-next-term":
        # Annual reviews whose date falls in the next school term, so they can be planned now.
        term = dates.next_term or next_school_term(dates.today)
        return Q(rule="review.annual", due__gte=term.first, due__lte=term.last)
    raise ValueError(f"unknown dashboard section {section!r}")


def dashboard_counts(
    user: Any, filters: DeadlineFilters, dates: DashboardDates, *, visible: Q | None = None
) -> dict[str, int]:
    """How many deadlines each section holds, in one query."""
    counts = (
        open_deadlines_visible_to(user, filters, visible=visible)
        .filter(due__lte=dates.four_weeks_end)  # every section ends there: a range on the index
        .order_by()
        .aggregate(
            # Counting `due` (never null), not the id: every column the counts read (child,
            # due, status, actor, organisation) is in the open-deadline indexes, so PostgreSQL
            # counts from an index alone; the id would make it visit the table for each row.
            **{
                section: Count("due", filter=_section_q(section, dates))
                for section in DASHBOARD_SECTIONS
            }
        )
    )
    return {section: counts[section] or 0 for section in DASHBOARD_SECTIONS}


def dashboard_section(
    user: Any,
    filters: DeadlineFilters,
    section: str,
    dates: DashboardDates,
    sort: str = "due",
    *,
    visible: Q | None = None,
) -> QuerySet[Deadline]:
    """One section's deadlines in the order asked for (for a page of them, or the export)."""
    return (
        open_deadlines_visible_to(user, filters, visible=visible)
        .filter(_section_q(section, dates))
        .order_by(*DASHBOARD_SORTS.get(sort, DASHBOARD_SORTS["due"]))
    )


#: How long a person's dashboard filter choices are kept (seconds). Reading them touches every
#: open deadline of the caseload (the organisations that must act), the largest part of a
#: dashboard's time at a large authority; the choices change far more slowly than the page is
#: opened (decision 0197).
FILTER_CHOICES_SECONDS = 300


def dashboard_filter_choices(
    user: Any, *, visible: Q | None = None
) -> dict[str, list[tuple[str, str]]]:
    """The filters' choices, each from an indexed query (never a scan of every deadline), kept
    for FILTER_CHOICES_SECONDS for the person and the roles they hold now."""
    if not getattr(user, "is_authenticated", False):
        return {"teams": [], "caseworkers": [], "rules": [], "organisations": []}
    roles = hashlib.sha256(repr(sorted(user.active_memberships(), key=str)).encode()).hexdigest()
    key = f"dashboard-filter-choices:{user.pk}:{roles[:16]}"
    kept: dict[str, list[tuple[str, str]]] | None = cache.get(key)
    if kept is None:
        kept = _dashboard_filter_choices(user, visible=visible)
        cache.set(key, kept, FILTER_CHOICES_SECONDS)
    return kept


def _dashboard_filter_choices(
    user: Any, *, visible: Q | None = None
) -> dict[str, list[tuple[str, str]]]:
    from django.contrib.auth import get_user_model

    # The dashboard and the case list that offer these choices are the authority's staff's own:
    # their teams and caseworkers are those of the authority's children, read by index.
    children = Child.objects.filter(local_authority_id__in=organisation_ids(user, LA_ROLES))
    teams = list(
        children.exclude(team="").order_by("team").values_list("team", flat=True).distinct()
    )
    people = get_user_model().objects.filter(pk__in=children.values("caseworker_id"))
    caseworkers = sorted(((str(p.pk), p.display_name) for p in people), key=lambda c: c[1])
    # Every rule in the catalogue that professionals act on: the catalogue is the list, so no
    # query reads the deadline table for it.
    rules = sorted(
        {(rule.id, rule.title) for rule in RULES if not rule.informational},
    )
    # The organisations that must act on an open deadline (the only rows the dashboard shows):
    # the caseload's open rows, read from the authority's open-deadline index (which carries
    # the organisation), never a scan of the table.
    organisations = [
        (str(pk), name)
        for pk, name in Organisation.objects.filter(
            pk__in=Deadline.objects.filter(
                PROFESSIONALS_OPEN_ROWS, visible_rows_q(user) if visible is None else visible
            ).values("organisation_id")
        )
        .order_by("name")
        .values_list("pk", "name")
    ]
    return {
        "teams": [(t, t) for t in teams],
        "caseworkers": caseworkers,
        "rules": rules,
        "organisations": organisations,
    }


# -- The case page --------------------------------------------------------------------------


@dataclass
class TimelineItem:
    when: date
    kind: str  # "event" or "deadline"
    title: str
    detail: str
    deadline: Deadline | None = None
    event: CaseEvent | None = None
    advice: AdviceRequest | None = None


def case_timeline(
    *,
    user: Any,
    child: Child,
    whole_case: bool | None = None,
    deadlines: list[Deadline] | None = None,
) -> list[TimelineItem]:
    """Events and deadlines of one case, newest first. The caller has checked view_child; the
    case page passes what it has already read (whether the user sees the whole case, the
    deadlines they may see) so that each is read once."""
    if whole_case is None:
        whole_case = sees_whole_case(user, child)
    items = [
        TimelineItem(e.date, "event", e.get_type_display(), e.reasons, event=e)
        for e in child.events.select_related(
            "corrected_by", "withdrawn_by", "recorded_by"
        ).prefetch_related(
            Prefetch(
                "weighings",
                queryset=AdviceWeighing.objects.select_related(
                    "advice_request__recipient_organisation"
                ).order_by("pk"),
            )
        )
    ]
    advice_requests = child.advice_requests.select_related(
        "recipient_organisation", "corrected_by", "withdrawn_by"
    )
    if not whole_case:
        # Only what the advice needs: the officer's own organisations' requests and deadlines.
        own = organisation_ids(user, HEALTH_AND_CARE_ROLES)
        advice_requests = advice_requests.filter(
            Q(recipient_organisation_id__in=own) | Q(recipient_person=user)
        )
    if deadlines is None:
        deadlines = case_deadlines_visible(user=user, child=child, whole_case=whole_case)
    for advice in advice_requests:
        items.append(
            TimelineItem(
                advice.date_sent,
                "event",
                f"{advice.get_advice_type_display()} advice requested",
                f"From {advice.recipient_organisation}",
                advice=advice,
            )
        )
        if advice.date_received and not advice.withdrawn:
            items.append(
                TimelineItem(
                    advice.date_received,
                    "event",
                    f"{advice.get_advice_type_display()} advice received",
                    f"From {advice.recipient_organisation}",
                )
            )
    for deadline in deadlines:
        items.append(
            TimelineItem(deadline.due, "deadline", deadline.title, deadline.explanation, deadline)
        )
    items.sort(key=lambda i: (i.when, i.kind == "deadline"), reverse=True)
    return items


def next_steps(
    *, user: Any, child: Child, deadlines: list[Deadline] | None = None
) -> list[Deadline]:
    """What must happen next on the case and who must do it: open deadlines, soonest first
    (for an officer asked for advice, those with no organisation and their own). From
    `deadlines` when the caller has read the case's visible deadlines already."""
    if deadlines is None:
        deadlines = case_deadlines_visible(user=user, child=child)
    open_rows = [d for d in deadlines if d.met_on is None and d.kind == "by"]
    return sorted(open_rows, key=lambda d: (d.due, d.rule))


@dataclass
class Conflict:
    advice_request: AdviceRequest
    reasons: list[str]


def conflicts_for_child(
    *, user: Any, child: Child, provisions: list[Provision] | None = None
) -> list[Conflict]:
    """Advice givers who also provide, or are proposed to provide, provision for the child.
    Three queries whatever the case holds: the provisions (unless given), the standing
    requests, and the advisers' declared conflicts."""
    if provisions is None:
        provisions = list(
            child.provisions.select_related("provider_organisation", "provider_person")
        )
    standing = list(
        child.advice_requests.standing().select_related(
            "recipient_organisation", "recipient_person"
        )
    )
    declared_by_adviser = _declared_conflicts_by_adviser(
        child=child, adviser_ids={a.recipient_person_id for a in standing}
    )
    conflicts = []
    for advice in standing:
        reasons = []
        if advice.would_deliver_provision:
            reasons.append(
                "The advice giver declared that they or their organisation would deliver "
                "the provision."
            )
        for provision in provisions:
            verb = "provides" if provision.status == "current" else "is proposed to provide"
            if (
                advice.recipient_person_id
                and provision.provider_person_id == advice.recipient_person_id
            ):
                reasons.append(f"The advice giver {verb} “{provision.description}”.")
            elif provision.provider_organisation_id == advice.recipient_organisation_id:
                reasons.append(f"{advice.recipient_organisation} {verb} “{provision.description}”.")
        setting_provides = child.setting_id is not None and any(
            p.provider_organisation_id == child.setting_id for p in provisions
        )
        if advice.employed_by_setting and setting_provides:
            reasons.append(
                "The advice giver is employed or contracted by the setting, which provides "
                "provision for the child."
            )
        adviser = advice.recipient_person_id
        for declared in declared_by_adviser.get(adviser, []) if adviser is not None else []:
            reasons.append(
                f"The advice giver declared a conflict of interest on "
                f"{declared.declared_on:%-d %B %Y}: {declared.description}"
            )
        if advice.conflict_reason:
            reasons.append(f"Asked all the same, because: {advice.conflict_reason}")
        if reasons:
            conflicts.append(Conflict(advice, reasons))
    return conflicts


def _declared_conflicts_by_adviser(
    *, child: Child, adviser_ids: set[int | None]
) -> dict[int, list[DeclaredConflict]]:
    """`declared_conflicts_with` for several advisers at once (one query), by adviser."""
    ids = {pk for pk in adviser_ids if pk is not None}
    if not ids:
        return {}
    by_adviser: dict[int, list[DeclaredConflict]] = defaultdict(list)
    for declared in DeclaredConflict.objects.standing().filter(
        _with_child_q(child), adviser_id__in=ids
    ):
        by_adviser[declared.adviser_id].append(declared)
    return by_adviser


def _with_child_q(child: Child) -> Q:
    with_child = Q(child=child)
    if child.setting_id is not None:
        with_child |= Q(organisation_id=child.setting_id)
    return with_child


def declared_conflicts_with(*, child: Child, adviser_id: int | None) -> list[DeclaredConflict]:
    """The register's standing declarations of an adviser with this child or their setting."""
    if adviser_id is None:
        return []
    return list(
        DeclaredConflict.objects.standing().filter(_with_child_q(child), adviser_id=adviser_id)
    )


CONFLICT_SORTS = {
    "newest": ("-declared_on", "-id"),
    "oldest": ("declared_on", "id"),
    "adviser": ("adviser__last_name", "adviser__first_name", "-declared_on", "-id"),
}


def conflict_register(
    *,
    user: Any,
    adviser: str | None = None,
    standing: str | None = None,
    since: date | None = None,
    until: date | None = None,
    sort: str = "newest",
) -> QuerySet[DeclaredConflict]:
    """The declared conflicts in the registers of the user's local authorities, narrowed by
    adviser, whether they stand or were withdrawn, and the date declared."""
    conflicts = DeclaredConflict.objects.filter(
        local_authority_id__in=organisation_ids(user, LA_ROLES)
    )
    if adviser:
        conflicts = conflicts.filter(adviser_id=int(adviser))
    if standing == "standing":
        conflicts = conflicts.filter(withdrawn_at__isnull=True)
    elif standing == "withdrawn":
        conflicts = conflicts.filter(withdrawn_at__isnull=False)
    conflicts = within(conflicts, "declared_on", since, until)
    ordered, _ = sorted_by(conflicts, sort, CONFLICT_SORTS, default="newest")
    return ordered.select_related(  # type: ignore[no-any-return]
        "adviser", "child", "organisation", "recorded_by", "withdrawn_by"
    )


def conflict_advisers(*, user: Any) -> list[tuple[str, str]]:
    """The advisers named in the user's registers, for the register's filter."""
    from django.contrib.auth import get_user_model

    ids = DeclaredConflict.objects.filter(
        local_authority_id__in=organisation_ids(user, LA_ROLES)
    ).values("adviser_id")
    people = get_user_model().objects.filter(pk__in=ids)
    return sorted(((str(p.pk), p.display_name) for p in people), key=lambda p: p[1])


# -- Advice by organisation, and overdue health advice ----------------------------------------


ADVICE_SORTS = {
    "organisation": ("recipient_organisation__name", "date_sent", "id"),
    # Unanswered first, the longest overdue at the top; received last (decision 0174).
    "urgency": ("received", F("advice_due").asc(nulls_last=True), "date_sent", "id"),
    "due": (F("advice_due").asc(nulls_last=True), "date_sent", "id"),
    "sent": ("-date_sent", "-id"),
    "child": ("child__last_name", "child__first_name", "date_sent", "id"),
}


def advice_list(
    *,
    user: Any,
    advice_type: str | None = None,
    status: str | None = None,
    organisation: Any = None,
    since: date | None = None,
    until: date | None = None,
    person: Any = None,
    sort: str = "organisation",
    today: date | None = None,
) -> QuerySet[AdviceRequest]:
    """The advice requests the user may see (those sent to `person` only, when given), with
    their 6-week clock's due date and status from the deadline table, filtered in the database:
    by type, the clock's status today, the organisation asked and the date sent."""
    today = today or today_in_london()
    clock = Deadline.objects.filter(
        child_id=OuterRef("child_id"), rule="advice.response", ref=OuterRef("ref")
    )
    # A request withdrawn as made in error is nobody's to answer (decision 0100).
    requests = (
        advice_requests_visible_to(user)
        .filter(withdrawn_at__isnull=True)
        .annotate(
            advice_due=Subquery(clock.values("due")[:1]),
            advice_status=Subquery(clock.values("status")[:1]),
            received=Case(
                When(date_received__isnull=False, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
        )
    )
    if person is not None:
        requests = requests.filter(recipient_person=person)
    if advice_type:
        requests = requests.filter(advice_type=advice_type)
    if organisation:
        requests = requests.filter(recipient_organisation=organisation)
    requests = within(requests, "date_sent", since, until)
    # Pending or overdue is decided by today's date as the list is read (decision 0077).
    open_clock = Q(advice_status__in=("pending", "overdue"))
    if status == "overdue":
        requests = requests.filter(open_clock, advice_due__lt=today)
    elif status == "pending":
        requests = requests.filter(open_clock, advice_due__gte=today)
    elif status:
        requests = requests.filter(advice_status=status)
    ordered, _ = sorted_by(requests, sort, ADVICE_SORTS, default="organisation")
    return ordered  # type: ignore[no-any-return]


def advice_with_deadlines(
    requests: Any,
) -> list[tuple[AdviceRequest, Deadline | None]]:
    """A page of advice requests, each with its 6-week deadline (one query for the page)."""
    requests = list(requests)
    rows = Deadline.objects.filter(
        rule="advice.response", child_id__in={advice.child_id for advice in requests}
    )
    deadlines = {(d.child_id, d.ref): d for d in rows}
    return [(advice, deadlines.get((advice.child_id, advice.ref))) for advice in requests]


def with_urgency(
    rows: list[tuple[AdviceRequest, Deadline | None]], *, user: Any, today: date
) -> list[tuple[AdviceRequest, Deadline | None]]:
    """A page's rows, each request with `days_overdue` (0 unless its clock is open and past
    due, counted by the calendar's `days_overdue`) and `can_respond` (the user may answer it and
    it is not yet received): the officer's respond button (decision 0174). The authority's
    staff, who asked for the advice, get no button."""
    asks = bool(user.roles() & set(LA_ROLES))
    for advice, deadline in rows:
        open_clock = (
            advice.date_received is None
            and deadline is not None
            and (deadline.status in ("pending", "overdue"))
        )
        advice.days_overdue = (  # type: ignore[attr-defined]
            days_overdue(deadline.due, today) if open_clock and deadline is not None else 0
        )
        advice.can_respond = (  # type: ignore[attr-defined]
            not asks
            and advice.date_received is None
            and user.has_perm("casework.respond_advicerequest", advice)
        )
    return rows


def advice_organisations(*, user: Any) -> QuerySet[Organisation]:
    """The organisations asked for the advice the user may see, for the list's filter."""
    return Organisation.objects.filter(
        pk__in=advice_requests_visible_to(user).values("recipient_organisation_id")
    ).order_by("name")


def _advice_deadlines(
    requests: QuerySet[AdviceRequest], **conditions: Any
) -> dict[tuple[int, str], Deadline]:
    """The engine's advice.response deadline of each request, keyed by (child, ref)."""
    rows = Deadline.objects.filter(
        rule="advice.response",
        child_id__in=requests.values_list("child_id", flat=True),
        **conditions,
    )
    return {(d.child_id, d.ref): d for d in rows}


#: The overdue health advice list's sorts (the first is the default), each ending with the id.
OVERDUE_ADVICE_SORTS: dict[str, tuple[Any, ...]] = {
    "overdue": ("due", "recipient_organisation__name", "id"),
    "commissioner": ("recipient_organisation__name", "due", "id"),
    "name": ("child__last_name", "child__first_name", "due", "id"),
    "requested": ("-date_sent", "id"),
}


def _overdue_advice_deadline(today: date) -> QuerySet[Deadline]:
    """The request's engine row (advice.response) when it is open and past its due date, and
    not excused under reg 8(2) (an exception recorded)."""
    return Deadline.objects.filter(
        rule="advice.response",
        child_id=OuterRef("child_id"),
        ref=OuterRef("ref"),
        met_on__isnull=True,
        due__lt=today,
    ).exclude(status="excepted")


def overdue_health_advice(
    *, user: Any, filters: dict[str, Any] | None = None, today: date | None = None
) -> QuerySet[AdviceRequest]:
    """Health advice the user may see not received by its due date, each with the engine's
    `due`, filtered (`commissioner`, `due_from`, `due_to`, `q`: the child's name, UPN, ULN, date
    of birth or case number) and sorted (`OVERDUE_ADVICE_SORTS`, most overdue first), all in
    the database."""
    from redress.casework.selectors_caseload import search_q  # it reads this module

    today = today or today_in_london()
    filters = filters or {}
    row = _overdue_advice_deadline(today)
    items = (
        AdviceRequest.objects.filter(
            pk__in=advice_requests_visible_to(user).order_by().values("pk"),
            advice_type="health",
            date_received__isnull=True,
            withdrawn_at__isnull=True,
        )
        .filter(Exists(row))
        .annotate(due=Subquery(row.values("due")[:1]))
        .select_related(
            "child", "child__local_authority", "recipient_organisation", "commissioned_by"
        )
    )
    if str(filters.get("commissioner") or "").isdigit():
        items = items.filter(recipient_organisation_id=int(filters["commissioner"]))
    items = within(items, "due", filters.get("due_from"), filters.get("due_to"))
    query = str(filters.get("q") or "").strip()
    if query:
        children = Child.objects.annotate(full=Concat("first_name", Value(" "), "last_name"))
        items = items.filter(child_id__in=children.filter(search_q(query)).values("pk"))
    ordered, _ = sorted_by(items, filters.get("sort"), OVERDUE_ADVICE_SORTS, default="overdue")
    return ordered  # type: ignore[no-any-return]


def overdue_health_advice_counts(*, user: Any, today: date | None = None) -> list[dict[str, Any]]:
    """How much overdue health advice each commissioner owes (one aggregate query, no rows
    loaded): `commissioner` (id), `name`, `overdue`, and `escalate`, how many of them the user
    may write to the commissioner about (the children of their own local authorities)."""
    la = organisation_ids(user, LA_ROLES)
    return list(
        overdue_health_advice(user=user, today=today)
        .order_by()
        .values(commissioner=F("recipient_organisation_id"), name=F("recipient_organisation__name"))
        .annotate(
            overdue=Count("id"),
            escalate=Count("id", filter=Q(child__local_authority_id__in=la)),
        )
        .order_by("name", "commissioner")
    )


def overdue_health_advice_by_commissioner(
    *, user: Any, today: date | None = None, commissioner: Organisation | None = None
) -> dict[Organisation, list[tuple[AdviceRequest, Deadline]]]:
    """Health advice not received by its due date, grouped by commissioner, each with its
    deadline row: for the escalation letter to one commissioner (`commissioner`), which names
    every request it is about. Lists use `overdue_health_advice`, one page at a time."""
    today = today or today_in_london()
    filters = {"commissioner": commissioner.pk} if commissioner is not None else {}
    visible = overdue_health_advice(user=user, filters=filters, today=today).order_by(
        "recipient_organisation__name", "date_sent", "id"
    )
    by_key = _advice_deadlines(visible, met_on__isnull=True, due__lt=today)
    grouped: dict[Organisation, list[tuple[AdviceRequest, Deadline]]] = defaultdict(list)
    for advice in visible:
        grouped[advice.recipient_organisation].append(
            (advice, by_key[(advice.child_id, advice.ref)])
        )
    return dict(grouped)


def case_deadlines_visible(
    *, user: Any, child: Child, whole_case: bool | None = None
) -> list[Deadline]:
    """The case's deadlines as the case page lists them: all of them for whoever sees the whole
    case; an officer asked for advice sees those with no organisation and their own."""
    deadlines = child.deadlines.select_related("organisation")
    if whole_case is None:
        whole_case = sees_whole_case(user, child)
    if not whole_case:
        own = organisation_ids(user, HEALTH_AND_CARE_ROLES)
        deadlines = deadlines.filter(Q(organisation__isnull=True) | Q(organisation_id__in=own))
    return list(deadlines)


def advice_openable(*, user: Any, child: Child, requests: list[AdviceRequest]) -> None:
    """Set `can_open` on each of one child's advice requests: whether the user may open it
    (`casework.view_advicerequest`), decided in two queries for the whole list rather than a
    permission check per request. Mirrors the rule in permissions.py: the authority's staff
    and the family open every request of the child; an officer the requests to their
    organisation; an advice giver those sent to them."""
    if not requests:
        return
    # An active superuser holds every permission (Django's own rule, before any of ours).
    whole = bool(
        (user.is_active and user.is_superuser)
        or has_role_at(user, child.local_authority_id, LA_ROLES)
        or child.family.filter(user=user).exists()
    )
    own = set(organisation_ids(user, HEALTH_AND_CARE_ROLES))
    for advice in requests:
        advice.can_open = (  # type: ignore[attr-defined]
            whole
            or advice.recipient_organisation_id in own
            or advice.recipient_person_id == user.pk
        )


def children_openable(*, user: Any, children: Iterable[Child]) -> set[int]:
    """The ids of these children whose case the user may open (`casework.view_child`), for a
    whole page of a list in at most three queries rather than a permission check per row.

    Mirrors `can_view_child` in permissions.py: the authority's staff; an officer whose
    organisation was asked for advice on the child; the family; a supporter with consent in
    force. `test_children_openable_agrees_with_the_permission` holds both to the same answers.
    """
    children = list(children)
    if not children or not getattr(user, "is_authenticated", False):
        return set()
    # An active superuser holds every permission (Django's own rule, before any of ours).
    if user.is_active and user.is_superuser:
        return {child.pk for child in children}
    authorities = set(organisation_ids(user, LA_ROLES))
    openable = {child.pk for child in children if child.local_authority_id in authorities}
    rest = [child.pk for child in children if child.pk not in openable]
    if not rest:
        return openable
    asked = organisation_ids(user, HEALTH_AND_CARE_ROLES)
    if asked:
        openable.update(
            AdviceRequest.objects.filter(
                child_id__in=rest, recipient_organisation_id__in=asked
            ).values_list("child_id", flat=True)
        )
    openable.update(
        FamilyMember.objects.filter(user=user, child_id__in=rest).values_list("child_id", flat=True)
    )
    openable.update(
        Consent.objects.filter(consent_in_force_q(), supporter=user, child_id__in=rest).values_list(
            "child_id", flat=True
        )
    )
    return openable


# -- Correcting a recorded step (decision 0100) ----------------------------------------------


def case_event_get(*, user: Any, child: Child, pk: int) -> CaseEvent:
    """One step of a case the user may record steps on (the caller has checked the child)."""
    try:
        event = CaseEvent.objects.select_related("corrected_by", "withdrawn_by").get(
            pk=pk, child=child
        )
    except CaseEvent.DoesNotExist:
        raise Http404("No such step on this case") from None
    if not user.has_perm("casework.change_child", child):
        raise PermissionDenied
    event.child = child
    return event


def case_advice_request_get(*, user: Any, child: Child, pk: int) -> AdviceRequest:
    """One advice request of a case the user may record steps on."""
    try:
        advice = AdviceRequest.objects.select_related(
            "recipient_organisation", "recipient_person", "corrected_by", "withdrawn_by"
        ).get(pk=pk, child=child)
    except AdviceRequest.DoesNotExist:
        raise Http404("No such advice request on this case") from None
    if not user.has_perm("casework.change_child", child):
        raise PermissionDenied
    advice.child = child
    return advice


def step_history(step: Any) -> list[Any]:
    """Every recorded state of a step, newest first, with who changed it, when and why."""
    return list(step.history.select_related("history_user").order_by("-history_date", "-pk"))


@dataclass
class LetterGenerated:
    on: date
    by: str
    summary: str


def letters_for_step(step: Any) -> list[LetterGenerated]:
    """Letters Redress generated for the step (its decision letter), oldest first."""
    entries = AuditEntry.objects.filter(
        action="generate", object_type=step._meta.label, object_id=str(step.pk)
    ).select_related("actor")
    return [
        LetterGenerated(
            on=timezone.localtime(entry.at).date(),
            by=entry.actor.display_name if entry.actor else "",
            summary=entry.summary,
        )
        for entry in entries.order_by("at", "pk")
    ]
