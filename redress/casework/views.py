"""Casework pages. Views are thin: forms check input, services write, selectors read.

Every date these pages show comes from the deadline table the engine fills; views never add or
subtract days.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.views.decorators.http import require_GET, require_http_methods

from redress.accounts.models import HEALTH_AND_CARE_ROLES, LA_ROLES, Role
from redress.audit.forms import filtered_trail
from redress.audit.services import audit_record
from redress.casework import case_page, selectors, services
from redress.casework import selectors_caseload as caseload
from redress.casework.forms import (
    EVENT_FORMS,
    ChildForm,
    DashboardFilterForm,
    EventForm,
    ProvisionForm,
)
from redress.casework.models import CaseEvent, Child, Deadline
from redress.casework.views_caseload import stream_csv
from redress.core import registry
from redress.core.listing import page_of, query_without
from redress.core.versions import call_service

# The guidance library's process steps (docs/guidance.md) shown beside each form.
GUIDANCE_STEPS = {
    "assessment_requested": "assessment.request",
    "assessment_decision": "assessment.decision",
    "plan_decision": "assessment.decision",
    "draft_plan_issued": "plan.draft",
    "final_plan_issued": "plan.final",
}


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Send each person to the page where their day starts."""
    roles = request.user.roles()  # type: ignore[union-attr]
    if roles & set(LA_ROLES):
        return redirect("casework:dashboard")
    if roles & set(HEALTH_AND_CARE_ROLES):
        return redirect("advice:by-recipient")
    if Role.ADVICE_GIVER in roles:
        return redirect("advice:mine")
    if roles & {Role.MEDIATION_ADVISER, Role.MEDIATION_CASE_MANAGER, Role.MEDIATOR}:
        return redirect("mediation:case-list")
    if Role.ADMINISTRATOR in roles and request.user.is_staff:
        return redirect("admin:index")
    family_roles = {Role.PARENT_CARER, Role.YOUNG_PERSON, Role.SUPPORTER}
    if roles & family_roles or request.user.family_links.exists():  # type: ignore[union-attr]
        return redirect("family:home")
    return redirect("casework:case-list")


def _require_la_staff(request: HttpRequest) -> None:
    if not request.user.roles() & set(LA_ROLES):  # type: ignore[union-attr]
        raise PermissionDenied


def _when(day: Any) -> str:
    return date_format(day, "j F Y")


# -- Dashboard and case list ----------------------------------------------------------------


DEADLINES_PER_PAGE = 50
_SCOPES = (("authority", "Whole authority"), ("team", "My team"), ("mine", "My caseload"))
_SORTS = (("due", "Due date"), ("-due", "Latest due first"), ("child", "Name"), ("rule", "What"))


def _without(query: Any, name: str) -> str:
    copy = query.copy()
    copy.pop(name, None)
    return str(copy.urlencode())


def default_scope(user: Any) -> str:
    """A caseworker's day starts with their own caseload; a manager's with the whole authority
    (docs/decisions/0116-the-dashboard-opens-on-my-caseload.md)."""
    roles = user.roles()
    return "mine" if Role.LA_CASEWORKER in roles and Role.LA_MANAGER not in roles else "authority"


def _dashboard_filters(
    request: HttpRequest, visible: Any = None
) -> tuple[Any, selectors.DeadlineFilters, str]:
    """The filter form, the filters it gives with the caseload switch applied, and the scope."""
    choices = selectors.dashboard_filter_choices(request.user, visible=visible)
    form = DashboardFilterForm(request.GET or None, choices=choices)
    filters = form.filters()
    scope = request.GET.get("scope") or default_scope(request.user)
    if scope == "mine":
        filters = dataclasses.replace(filters, caseworker=request.user.pk)
    elif scope == "team":
        team = (
            request.user.memberships.filter(  # type: ignore[union-attr]
                active=True, role__in=LA_ROLES
            )
            .exclude(team="")
            .values_list("team", flat=True)
            .first()
        )
        filters = dataclasses.replace(filters, team=team or filters.team)
    else:
        scope = "authority"
    return form, filters, scope


@require_GET
@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Overdue, this week's and the next four weeks' deadlines across the user's caseload.

    Each section shows its count and one page of its rows (50), sorted as asked; the export
    gives every row of a section as CSV.
    """
    _require_la_staff(request)
    # Who sees which children, read once for every query of the page.
    visible = selectors.visible_rows_q(request.user)
    form, filters, scope = _dashboard_filters(request, visible)
    dates = selectors.DashboardDates.on()
    sort = request.GET.get("sort", "due")
    if sort not in selectors.DASHBOARD_SORTS:
        sort = "due"
    counts = selectors.dashboard_counts(request.user, filters, dates, visible=visible)
    headings = {
        "overdue": "Overdue",
        "this-week": f"Due this week (to {_when(dates.week_ends)})",
        "next-four-weeks": f"Due in the next four weeks (to {_when(dates.four_weeks_end)})",
        "excepted": "Past due with a statutory exception recorded",
    }
    keep = request.GET.copy()
    for section in selectors.DASHBOARD_SECTIONS:
        keep.pop(f"{section}-page", None)
    sections = []
    for section in selectors.DASHBOARD_SECTIONS:
        page = page_of(
            selectors.dashboard_section(
                request.user, filters, section, dates, sort, visible=visible
            ),
            request.GET.get(f"{section}-page"),
            per_page=DEADLINES_PER_PAGE,
            count=counts[section],  # counted above, in one query for all
        )
        sections.append((section, headings[section], page, counts[section]))
    reviews = page_of(
        selectors.dashboard_section(
            request.user, filters, "reviews-next-term", dates, sort, visible=visible
        ),
        request.GET.get("reviews-next-term-page"),
        per_page=DEADLINES_PER_PAGE,
    )
    my_children = None
    if scope == "mine":
        mine = caseload.CaseListFilters(caseworker=str(request.user.pk), sort="next")
        my_children = page_of(
            caseload.case_list(request.user, mine, dates.today),
            request.GET.get("children-page"),
            per_page=DEADLINES_PER_PAGE,
        )
    # What the apps above add (the case file's tasks and new messages), by key in the context.
    parts = {
        key: part(user=request.user, today=dates.today, scope=scope)
        for key, part in registry.dashboard_parts.items()
    }
    return render(
        request,
        "casework/dashboard.html",
        {
            "my_tasks": None,
            "unseen_messages": 0,
            **parts,
            "form": form,
            "board": dates,
            "sections": sections,
            "scope": scope,
            "scopes": _SCOPES,
            "sort": sort,
            "sorts": _SORTS,
            "query": keep.urlencode(),
            "query_without_sort": _without(keep, "sort"),
            "reviews": reviews,
            "my_children": my_children,
            "query_without_children_page": _without(request.GET, "children-page"),
            "query_without_reviews_page": _without(request.GET, "reviews-next-term-page"),
        },
    )


_EXPORT_COLUMNS = (
    "Child or young person",
    "Case number",
    "Caseworker",
    "Team",
    "What must happen",
    "Due",
    "Status",
    "Who must act",
    "Legal source",
)


@require_GET
@login_required
def dashboard_export(request: HttpRequest) -> StreamingHttpResponse:
    """One dashboard section as CSV, streamed a chunk of rows at a time (a whole authority's
    list never sits in memory). Recorded in the audit log."""
    _require_la_staff(request)
    _, filters, _scope = _dashboard_filters(request)
    section = request.GET.get("section", "overdue")
    if section not in (*selectors.DASHBOARD_SECTIONS, "reviews-next-term"):
        raise Http404("No such section")
    dates = selectors.DashboardDates.on()
    rows = selectors.dashboard_section(
        request.user, filters, section, dates, request.GET.get("sort", "due")
    )

    def lines() -> Any:
        for d in rows.iterator(chunk_size=2000):
            yield [
                f"{d.child.first_name} {d.child.last_name}",
                d.child_id,
                d.child.caseworker.display_name if d.child.caseworker else "",
                d.child.team,
                d.title,
                d.due.isoformat(),
                d.status,
                d.organisation.name if d.organisation else "",
                d.citation,
            ]

    return stream_csv(
        request,
        header=_EXPORT_COLUMNS,
        rows=lines(),
        filename=f"deadlines-{section}.csv",
        summary=f"Exported the dashboard's {section} list as CSV",
        object_type="casework.Deadline",
    )


@require_http_methods(["GET", "POST"])
@login_required
def case_new(request: HttpRequest) -> HttpResponse:
    _require_la_staff(request)
    local_authorities = request.user.organisations_with_role(*LA_ROLES)  # type: ignore[union-attr]
    form = ChildForm(request.POST or None, local_authorities=local_authorities)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        child = call_service(
            form,
            lambda: services.child_create(
                actor=request.user,
                first_name=data["first_name"],
                last_name=data["last_name"],
                date_of_birth=data["date_of_birth"],
                local_authority=data["local_authority"],
                setting=data["setting"],
                team=data["team"],
                caseworker=data["caseworker"],
                upn=data["upn"],
                uln=data["uln"],
                different_child=data["different_child"],
            ),
        )
        if child is not None:
            messages.success(request, f"Case created for {child.full_name}.")
            return redirect("casework:case-detail", pk=child.pk)
    duplicates: list[Any] = []
    if form.is_bound and "different_child" in form.errors:
        data = form.cleaned_data
        duplicates = list(
            services.possible_duplicates(
                local_authority=data["local_authority"], first_name=data["first_name"],
                last_name=data["last_name"], date_of_birth=data["date_of_birth"],
                upn=data["upn"], uln=data["uln"],
            )
        )  # fmt: skip
    return render(request, "casework/case_new.html", {"form": form, "duplicates": duplicates})


# -- The case page ----------------------------------------------------------------------------


@require_GET
@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    child = selectors.child_get(user=request.user, pk=pk)
    audit_record(
        actor=request.user, action="view", obj=child, child=child, summary="Viewed the case"
    )
    user = request.user
    can_change = user.has_perm("casework.change_child", child)
    # Each panel is one query whatever the case holds; what several panels share (whether the
    # user sees the whole case, the deadlines, the provisions) is read once (decision 0194).
    whole_case = selectors.sees_whole_case(user, child)
    family = list(child.family.all())
    consents = list(
        child.consents.select_related("given_by", "supporter", "supporter_organisation")
    )
    advice_requests = list(
        child.advice_requests.select_related(
            "recipient_organisation", "recipient_person", "corrected_by", "withdrawn_by"
        )
    )
    # Only those who may open a request get a link to it.
    selectors.advice_openable(user=user, child=child, requests=advice_requests)
    if not whole_case:
        # An officer asked for advice sees only what the advice needs: their own organisation's
        # requests, not the family's contact details or other agencies' requests.
        family, consents = [], []
        advice_requests = [a for a in advice_requests if a.can_open]  # type: ignore[attr-defined]
    deadlines = selectors.case_deadlines_visible(user=user, child=child, whole_case=whole_case)
    next_steps = selectors.next_steps(user=user, child=child, deadlines=deadlines)
    _name_decisions(child, [*deadlines, *next_steps])
    provisions = list(child.provisions.select_related("provider_organisation", "provider_person"))
    context = {
        "child": child,
        "family": family,
        "consents": consents,
        "next_steps": next_steps,
        "timeline": selectors.case_timeline(
            user=user, child=child, whole_case=whole_case, deadlines=deadlines
        ),
        "deadlines": deadlines,
        "advice_requests": advice_requests,
        "provisions": provisions,
        "conflicts": selectors.conflicts_for_child(user=user, child=child, provisions=provisions),
        "can_change": can_change,
        "can_see_audit": user.has_perm("casework.view_audit_trail", child),
        "event_types": [(t.value, t.label) for t in CaseEvent.Type],
        "whole_case": whole_case,
    }
    for name, section in case_page.case_sections():
        context[name] = section(user=user, child=child) if whole_case else None
    return render(request, "casework/case_detail.html", context)


def _name_decisions(child: Child, deadlines: list[Any]) -> None:
    """Say which decision each of the family's windows belongs to: the engine keeps one appeal
    window and one mediation-adviser window per decision, named by the decision's ref."""
    if not any(getattr(d, "ref", "") for d in deadlines):
        return
    labels = case_page.decision_labels(child)
    for deadline in deadlines:
        deadline.about = labels.get(deadline.ref, "")


def _open_deadline_keys(child: Child) -> set[tuple[str, str, Any]]:
    return {(d.rule, d.ref, d.due) for d in child.deadlines.filter(met_on__isnull=True, kind="by")}


@require_http_methods(["GET", "POST"])
@login_required
def record_event(request: HttpRequest, pk: int, event_type: str) -> HttpResponse:
    """Record one dated step of the case, then show the deadlines it started."""
    form_class = EVENT_FORMS.get(event_type)
    if form_class is None:
        raise Http404("No such step")
    child = selectors.child_get(user=request.user, pk=pk, perm="casework.change_child")
    form: EventForm
    if request.method == "POST":
        form = form_class(request.POST, child=child)
        if form.is_valid():
            before = _open_deadline_keys(child)
            event = call_service(
                form,
                lambda: services.case_event_record(
                    actor=request.user,
                    child=child,
                    event_type=form.event_type,
                    when=form.cleaned_data["date"],
                    details=form.details(),
                    reasons=form.reasons_text(),
                    expected_version=form.cleaned_data.get("version"),
                    weighings=form.weighings() or None,
                ),
                child=child,
            )
            if event is not None:
                _announce(request, child, event, before)
                return redirect("casework:case-detail", pk=child.pk)
    else:
        form = form_class(initial={"version": child.version}, child=child)
    show_conflicts = form.has_weighings
    return render(
        request,
        "casework/record_event.html",
        {
            "child": child,
            "form": form,
            "guidance_step": GUIDANCE_STEPS.get(event_type, ""),
            "conflicts": (
                selectors.conflicts_for_child(user=request.user, child=child)
                if show_conflicts
                else []
            ),
        },
    )


def _announce(request: HttpRequest, child: Child, event: CaseEvent, before: set[Any]) -> None:
    """A success banner naming the deadlines the step started (as the engine computed them)."""
    messages.success(request, f"Recorded: {event.get_type_display()} on {_when(event.date)}.")
    started: list[Deadline] = [
        d
        for d in child.deadlines.filter(met_on__isnull=True, kind="by").order_by("due", "rule")
        if (d.rule, d.ref, d.due) not in before
    ]
    for deadline in started:
        messages.info(
            request,
            f"Now due: {deadline.title} by {_when(deadline.due)} ({deadline.citation}).",
            extra_tags="deadline",
        )


# -- Audit trail and provision ---------------------------------------------------------------


@require_GET
@login_required
def case_audit(request: HttpRequest, pk: int) -> HttpResponse:
    child = selectors.child_get(user=request.user, pk=pk, perm="casework.view_audit_trail")
    form, entries = filtered_trail(request.GET, user=request.user, child=child)
    return render(
        request,
        "casework/case_audit.html",
        {
            "child": child,
            "form": form,
            "page": page_of(entries, request.GET.get("page")),
            "query": query_without(request, "page"),
            "export_query": query_without(request, "page", "reads"),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def provision_new(request: HttpRequest, pk: int) -> HttpResponse:
    child = selectors.child_get(user=request.user, pk=pk, perm="casework.change_child")
    form = ProvisionForm(request.POST or None, child=child)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        provision = call_service(
            form,
            lambda: services.provision_record(
                actor=request.user,
                child=child,
                description=data["description"],
                provider_organisation=data["provider_organisation"],
                provider_person=data["provider_person"],
                status=data["status"],
            ),
        )
        if provision is not None:
            messages.success(request, f"Provision recorded: {provision.description}.")
            return redirect("casework:case-detail", pk=child.pk)
    return render(request, "casework/provision_new.html", {"child": child, "form": form})
