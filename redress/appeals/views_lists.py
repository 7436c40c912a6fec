"""The appeals boards: responses to the Tribunal's health and social care recommendations (for
the authority, the health commissioner and social care) and the authority's compliance with the
Tribunal's orders. Each is filtered and sorted by a GET form, most overdue first, 50 a page,
and downloads every row as filtered as a CSV (recorded in the audit log)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from redress.accounts.models import HEALTH_AND_CARE_ROLES, LA_ROLES
from redress.appeals import selectors
from redress.appeals import selectors_lists as lists
from redress.appeals.forms_lists import ComplianceListForm, RecommendationListForm
from redress.appeals.models import RESPONSE_CITATION
from redress.audit.services import audit_record
from redress.core.listing import csv_child_name, csv_date, csv_response, page_of, query_without
from redress.statutory.calendar import days_overdue
from redress.statutory.engine import today_in_london

#: The query parameter of the page of directions on the recommendations board.
DIRECTIONS_PAGE = "dpage"

#: How many live appeals the compliance board lists; the download has them all.
LIVE_APPEALS_PER_PAGE = 50


def _download(request: HttpRequest, *, object_type: str, what: str) -> None:
    audit_record(
        actor=request.user, action="download", object_type=object_type,
        summary=f"Exported {what} as CSV",
    )  # fmt: skip


# -- Responses to recommendations ------------------------------------------------------------


def _may_see_recommendations(request: HttpRequest) -> None:
    roles = request.user.roles()  # type: ignore[union-attr]
    if not roles & (set(LA_ROLES) | set(HEALTH_AND_CARE_ROLES)):
        raise PermissionDenied


def _recommendation_form(request: HttpRequest) -> RecommendationListForm:
    return RecommendationListForm(
        request.GET, organisations=lists.recommendation_organisations(request.user)
    )


@require_GET
@login_required
def recommendation_board(request: HttpRequest) -> HttpResponse:
    """Responses to recommendations, most overdue first, and the evidence directed."""
    _may_see_recommendations(request)
    today = today_in_london()
    form = _recommendation_form(request)
    page = page_of(
        lists.recommendation_list(request.user, form.filters(), today), request.GET.get("page")
    )
    directions = selectors.directions_outstanding_for(request.user)
    return render(
        request,
        "appeals/recommendation_board.html",
        {
            "form": form,
            "page": page,
            "rows": lists.with_respond(
                lists.with_days_overdue(page.object_list, today), request.user
            ),
            "counts": lists.recommendation_counts(request.user, today),
            "today": today,
            "query": query_without(request, "page"),
            "citation": RESPONSE_CITATION,
            # The directions page on their own (`dpage`), counted in the database.
            "directions": page_of(directions, request.GET.get(DIRECTIONS_PAGE)),
            "directions_query": query_without(request, DIRECTIONS_PAGE),
            "directions_param": DIRECTIONS_PAGE,
        },
    )


RECOMMENDATION_COLUMNS = (
    "Appeal number",
    "Child or young person",
    "Local authority",
    "Section",
    "Made on",
    "Must respond",
    "Response due",
    "Days overdue",
    "Response sent on",
)


def recommendation_rows(items: Any, today: Any) -> Iterator[list[Any]]:
    for item in items.iterator(chunk_size=2000):
        child = item.appeal.child
        late = item.response_sent_on is None and item.deadline_status == "overdue"
        yield [
            item.appeal_id,
            csv_child_name(child),
            child.local_authority.name,
            item.get_section_display(),
            csv_date(item.made_on),
            item.organisation.name if item.organisation else "",
            csv_date(item.due),
            days_overdue(item.due, today) if late else 0,
            csv_date(item.response_sent_on),
        ]


@require_GET
@login_required
def recommendation_board_export(request: HttpRequest) -> StreamingHttpResponse:
    _may_see_recommendations(request)
    today = today_in_london()
    items = lists.recommendation_list(request.user, _recommendation_form(request).filters(), today)
    _download(
        request, object_type="appeals.Recommendation", what="the responses to recommendations"
    )
    return csv_response(
        header=RECOMMENDATION_COLUMNS,
        rows=recommendation_rows(items, today),
        filename="recommendation-responses.csv",
    )


DIRECTION_COLUMNS = ("Appeal number", "Child or young person", "What", "Description", "From",
                     "By (the Tribunal's date)", "Past the date")  # fmt: skip


def direction_rows(directions: Any) -> Iterator[list[Any]]:
    for direction in directions.iterator(chunk_size=2000):
        yield [
            direction.appeal_id,
            csv_child_name(direction.appeal.child),
            direction.get_kind_display(),
            direction.description,
            direction.get_body_display(),
            csv_date(direction.directed_by),
            "yes" if direction.is_past else "no",
        ]


@require_GET
@login_required
def directions_export(request: HttpRequest) -> StreamingHttpResponse:
    """Every direction for evidence or witnesses not yet provided, as the board lists them."""
    _may_see_recommendations(request)
    _download(
        request,
        object_type="appeals.EvidenceDirection",
        what="the evidence and witnesses directed",
    )
    return csv_response(
        header=DIRECTION_COLUMNS,
        rows=direction_rows(selectors.directions_outstanding_for(request.user)),
        filename="evidence-and-witnesses-directed.csv",
    )


# -- Compliance with orders ------------------------------------------------------------------


def _may_see_compliance(request: HttpRequest) -> None:
    if not request.user.roles() & set(LA_ROLES):  # type: ignore[union-attr]
        raise PermissionDenied


def _compliance_form(request: HttpRequest) -> ComplianceListForm:
    return ComplianceListForm(request.GET, authorities=lists.la_choices(request.user))


@require_GET
@login_required
def compliance_board(request: HttpRequest) -> HttpResponse:
    """The local authority's open compliance steps, most overdue first, and its live appeals."""
    _may_see_compliance(request)
    today = today_in_london()
    form = _compliance_form(request)
    page = page_of(
        lists.compliance_list(request.user, form.filters(), today), request.GET.get("page")
    )
    live_page = page_of(
        selectors.live_appeals_for_la(request.user),
        request.GET.get("live-page"),
        per_page=LIVE_APPEALS_PER_PAGE,
    )
    return render(
        request,
        "appeals/compliance_board.html",
        {
            "form": form,
            "page": page,
            "rows": lists.with_days_overdue(page.object_list, today),
            "counts": lists.compliance_counts(request.user, today),
            "query": query_without(request, "page"),
            "live": live_page,
            "live_query": query_without(request, "live-page"),
        },
    )


COMPLIANCE_COLUMNS = (
    "Case number",
    "Child or young person",
    "Local authority",
    "What must happen",
    "Due",
    "Days overdue",
    "Status",
    "Law",
)


def compliance_rows(deadlines: Any, today: Any) -> Iterator[list[Any]]:
    for deadline in deadlines.iterator(chunk_size=2000):
        yield [
            deadline.child_id,
            csv_child_name(deadline.child),
            deadline.child.local_authority.name,
            deadline.title,
            csv_date(deadline.due),
            days_overdue(deadline.due, today) if deadline.status == "overdue" else 0,
            deadline.status,
            deadline.citation,
        ]


@require_GET
@login_required
def compliance_board_export(request: HttpRequest) -> StreamingHttpResponse:
    _may_see_compliance(request)
    today = today_in_london()
    deadlines = lists.compliance_list(request.user, _compliance_form(request).filters(), today)
    _download(request, object_type="casework.Deadline", what="the compliance with orders")
    return csv_response(
        header=COMPLIANCE_COLUMNS,
        rows=compliance_rows(deadlines, today),
        filename="compliance-with-orders.csv",
    )


LIVE_COLUMNS = ("Appeal number", "Child or young person", "Local authority", "Decision appealed",
                "Lodged on", "Tribunal reference")  # fmt: skip


def live_rows(appeals: Any) -> Iterator[list[Any]]:
    for appeal in appeals.iterator(chunk_size=2000):
        yield [
            appeal.pk,
            csv_child_name(appeal.child),
            appeal.child.local_authority.name,
            appeal.get_decision_display(),
            csv_date(appeal.lodged_on),
            appeal.tribunal_reference,
        ]


@require_GET
@login_required
def live_appeals_export(request: HttpRequest) -> StreamingHttpResponse:
    """Every live appeal of the person's authorities, as CSV (the authority's staff)."""
    _may_see_compliance(request)
    _download(request, object_type="appeals.Appeal", what="the live appeals")
    appeals = selectors.live_appeals_for_la(request.user).select_related("child__local_authority")
    return csv_response(header=LIVE_COLUMNS, rows=live_rows(appeals), filename="live-appeals.csv")
