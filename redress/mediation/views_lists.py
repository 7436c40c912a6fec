"""The mediation lists: every case the person may see, and the mediator's own meetings. Each is
filtered and sorted by a GET form, shown 50 a page, and downloads every row as filtered as a
CSV (recorded in the audit log). The mediator's notes are in neither."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from redress.audit.services import audit_record
from redress.core.listing import csv_child_name, csv_date, csv_response, page_of, query_without
from redress.mediation import schedule, selectors
from redress.mediation import selectors_lists as lists
from redress.mediation.forms_lists import CaseListForm, MeetingListForm
from redress.mediation.views import child_from_query
from redress.mediation.views_day import is_mediator
from redress.statutory.engine import today_in_london


def _case_form(request: HttpRequest) -> CaseListForm:
    providers, authorities = lists.case_list_choices(request.user)
    return CaseListForm(request.GET, providers=providers, authorities=authorities)


@require_GET
@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    """The mediation cases the person may see: filtered, sorted, 50 a page."""
    form = _case_form(request)
    child = child_from_query(request)
    cases = lists.mediation_case_list(request.user, form.filters(), child_id=child)
    page = page_of(cases, request.GET.get("page"))
    return render(
        request,
        "mediation/case_list.html",
        {
            "form": form,
            "page": page,
            "query": query_without(request, "page"),
            "child_filter": child is not None,
            "providers": list(selectors.providers_for(request.user)),
            "can_open": selectors.providers_for(request.user, selectors.CERTIFICATE_ROLES).exists(),
            "can_export": lists.may_export_cases(request.user),
            "warnings": selectors.attendees_without_confirmed_authority(request.user),
        },
    )


CASE_COLUMNS = (
    "Case number",
    "Provider's reference",
    "Child or young person",
    "Local authority",
    "Provider",
    "Decision",
    "Decision notice date",
    "Adviser contacted on",
    "Family's choice",
    "No certificate needed",
    "Mediator",
    "Outcome",
    "Concluded on",
)


def case_rows(cases: Any) -> Iterator[list[Any]]:
    """The cases as CSV rows, read a chunk at a time: the case's own steps, never the
    mediator's notes or the child's views."""
    for case in cases.iterator(chunk_size=2000):
        yield [
            case.pk,
            schedule.reference(case),
            csv_child_name(case.child),
            case.child.local_authority.name,
            case.provider.name,
            case.get_decision_display(),
            csv_date(case.decision_notice_date),
            csv_date(case.adviser_contacted_on),
            case.get_family_choice_display() if case.family_choice else "",
            case.get_exemption_display() if case.exemption else "",
            case.mediator.display_name if case.mediator else "",
            case.get_outcome_display() if case.outcome else "",
            csv_date(case.concluded_on),
        ]


@require_GET
@login_required
def case_list_export(request: HttpRequest) -> StreamingHttpResponse:
    """The case list as filtered, every row, as CSV (for the professionals who work on it)."""
    if not lists.may_export_cases(request.user):
        raise PermissionDenied
    cases = lists.mediation_case_list(
        request.user, _case_form(request).filters(), child_id=child_from_query(request)
    )
    audit_record(
        actor=request.user,
        action="download",
        object_type="mediation.MediationCase",
        summary="Exported the mediation case list as CSV",
    )
    return csv_response(header=CASE_COLUMNS, rows=case_rows(cases), filename="mediation-cases.csv")


# -- The mediator's meetings -----------------------------------------------------------------


@require_GET
@login_required
def my_meetings(request: HttpRequest) -> HttpResponse:
    """The mediator's meetings for the period chosen, each with its preparation checklist."""
    if not is_mediator(request.user):
        raise Http404("No such page")
    form = MeetingListForm(request.GET)
    filters = form.filters()
    meetings, start, end = lists.meetings_for_mediator_list(
        request.user, filters, today_in_london()
    )
    page = page_of(schedule.with_preparation(meetings), request.GET.get("page"))
    rows = [
        (m, schedule.case_name(m.case), schedule.preparation_checklist(m)) for m in page.object_list
    ]
    audit_record(actor=request.user, action="view", summary="Viewed my mediation meetings")
    return render(
        request,
        "mediation/my_meetings.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "period": filters.get("period") or "week",
            "start": start,
            "end": end,
            "query": query_without(request, "page"),
        },
    )


MEETING_COLUMNS = ("Date", "Start", "End", "Case", "Place", "By video", "Status")


def meeting_rows(meetings: Any) -> Iterator[list[Any]]:
    for meeting in meetings.iterator(chunk_size=2000):
        yield [
            meeting.meeting_date.isoformat(),
            meeting.start_time.strftime("%H:%M"),
            meeting.end_time.strftime("%H:%M") if meeting.end_time else "",
            schedule.case_name(meeting.case),
            meeting.place,
            "yes" if meeting.video_link else "no",
            meeting.get_status_display(),
        ]


@require_GET
@login_required
def my_meetings_export(request: HttpRequest) -> StreamingHttpResponse:
    """The mediator's meetings in the period chosen, as CSV (cases named as on letters)."""
    if not is_mediator(request.user):
        raise Http404("No such page")
    meetings, _, _ = lists.meetings_for_mediator_list(
        request.user, MeetingListForm(request.GET).filters(), today_in_london()
    )
    audit_record(
        actor=request.user,
        action="download",
        object_type="mediation.MediationMeeting",
        summary="Exported my mediation meetings as CSV",
    )
    return csv_response(
        header=MEETING_COLUMNS, rows=meeting_rows(meetings), filename="my-mediation-meetings.csv"
    )
