"""The case list (search, filters, sort, CSV) and allocating children to caseworkers.

Lists are querysets cut into pages or streamed; no caseload is loaded whole. Dates shown are
the deadline table's rows, which the engine fills.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from redress.accounts.models import LA_ROLES, Organisation
from redress.audit.services import audit_record
from redress.casework import selectors_caseload as caseload
from redress.casework import services
from redress.casework.forms import la_staff
from redress.casework.forms_caseload import SORT_LABELS, AllocationForm, CaseListForm
from redress.casework.models import Child
from redress.core.listing import csv_response, page_of, query_without
from redress.core.versions import ConcurrentEditError, call_service
from redress.statutory.engine import today_in_london

CASES_PER_PAGE = 50


def _is_la_staff(request: HttpRequest) -> bool:
    return bool(request.user.roles() & set(LA_ROLES))  # type: ignore[union-attr]


def _list_form(request: HttpRequest) -> CaseListForm:
    return CaseListForm(request.GET or None, caseworkers=caseload.caseworker_choices(request.user))


def _page(children: Any, count: int, number: Any) -> Any:
    """One page of a list counted separately (without each child's next-deadline lookups)."""
    return page_of(children, number, per_page=CASES_PER_PAGE, count=count)


@require_GET
@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    """Every child the person may see: searched, filtered, sorted, 50 a page."""
    form = _list_form(request)
    filters = form.filters()
    today = today_in_london()
    page = _page(
        caseload.case_list(request.user, filters, today),
        caseload.case_list_count(request.user, filters, today),
        request.GET.get("page"),
    )
    la_staff_member = _is_la_staff(request)
    return render(
        request,
        "casework/case_list.html",
        {
            "form": form,
            "filters": filters,
            "page": page,
            "today": today,
            "sorts": SORT_LABELS.items(),
            "query": query_without(request, "page"),
            "query_without_sort": query_without(request, "page", "sort"),
            "can_create": la_staff_member,
            "can_export": la_staff_member,
            "can_allocate": bool(caseload.allocating_authorities(request.user)),
        },
    )


CASE_EXPORT_COLUMNS = (
    "Child or young person",
    "Case number",
    "Date of birth",
    "UPN",
    "ULN",
    "Local authority",
    "Setting",
    "Team",
    "Caseworker",
    "What is due next",
    "Due",
)


def case_rows(children: Any) -> Iterator[list[Any]]:
    """A list of children as CSV rows, read from the database a chunk at a time."""
    for child in children.iterator(chunk_size=2000):
        yield [
            f"{child.first_name} {child.last_name}",
            child.pk,
            child.date_of_birth.isoformat(),
            child.upn,
            child.uln,
            child.local_authority.name,
            child.setting.name if child.setting else "",
            child.team,
            child.caseworker.display_name if child.caseworker else "",
            child.next_title or "",
            child.next_due.isoformat() if child.next_due else "",
        ]


def stream_csv(
    request: HttpRequest, *, header: Any, rows: Any, filename: str, summary: str, object_type: str
) -> StreamingHttpResponse:
    """A list as CSV, streamed (cells a spreadsheet would run are made text), recorded in the
    audit log as a download and never cached."""
    audit_record(actor=request.user, action="download", object_type=object_type, summary=summary)
    return csv_response(header=header, rows=rows, filename=filename)


def stream_case_csv(
    request: HttpRequest, *, child: Any, header: Any, rows: Any, filename: str, summary: str
) -> StreamingHttpResponse:
    """One case's list as CSV, streamed and never cached, recorded as a download on the child's
    own audit trail (where a subject access request finds it)."""
    audit_record(actor=request.user, action="download", obj=child, child=child, summary=summary)
    return csv_response(header=header, rows=rows, filename=filename)


@require_GET
@login_required
def case_list_export(request: HttpRequest) -> StreamingHttpResponse:
    """The case list as searched and filtered, every row, as CSV (the authority's staff)."""
    if not _is_la_staff(request):
        raise PermissionDenied
    filters = _list_form(request).filters()
    children = caseload.case_list(request.user, filters, today_in_london())
    return stream_csv(
        request,
        header=CASE_EXPORT_COLUMNS,
        rows=case_rows(children),
        filename="cases.csv",
        summary="Exported the case list as CSV",
        object_type="casework.Child",
    )


# -- Allocation -------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def allocate(request: HttpRequest) -> HttpResponse:
    """A manager ticks children on a (filtered, paged) list and allocates them to a caseworker
    at their authority, with an optional reason."""
    authorities = caseload.allocating_authorities(request.user)
    if not authorities:
        raise PermissionDenied
    list_form = _list_form(request)
    filters = list_form.filters()
    today = today_in_london()
    allocatable = caseload.children_to_allocate(request.user, filters, today)
    caseworkers = la_staff(Organisation.objects.filter(pk__in=authorities))
    form = AllocationForm(request.POST or None, caseworkers=caseworkers)
    if request.method == "POST" and form.is_valid():
        wanted = form.cleaned_data["children"]
        children = list(
            Child.objects.filter(pk__in=wanted, local_authority_id__in=authorities).select_related(
                "caseworker", "local_authority"
            )
        )
        caseworker = form.cleaned_data["caseworker"]
        if len(children) != len(set(wanted)):
            form.add_error(
                "children",
                "Some of the children you selected are not yours to allocate. "
                "Check the list and select them again.",
            )
        elif None in form.versions().values():
            form.add_error(None, ConcurrentEditError.message)
        else:
            allocations = call_service(
                form,
                lambda: services.child_allocate(
                    actor=request.user,
                    children=children,
                    caseworker=caseworker,
                    reason=form.cleaned_data["reason"],
                    expected_versions=form.versions(),
                ),
            )
            if allocations is not None:
                moved = len(allocations)
                messages.success(
                    request,
                    f"{moved} {'child' if moved == 1 else 'children'} allocated to "
                    f"{caseworker.display_name}."
                    + (
                        f" {len(children) - moved} already had {caseworker.display_name} "
                        "as their caseworker."
                        if moved < len(children)
                        else ""
                    ),
                )
                query = request.GET.urlencode()
                return redirect(request.path + (f"?{query}" if query else ""))
    page = _page(
        allocatable,
        caseload.children_to_allocate(request.user, filters, today, with_next=False).count(),
        request.GET.get("page"),
    )
    ticked = {str(v) for v in request.POST.getlist("children")}
    return render(
        request,
        "casework/allocate.html",
        {
            "list_form": list_form,
            "form": form,
            "page": page,
            "ticked": ticked,
            "today": today,
            "query": query_without(request, "page"),
        },
    )


@require_GET
@login_required
def allocate_export(request: HttpRequest) -> StreamingHttpResponse:
    """The children a manager may allocate, as searched and filtered, every row, as CSV."""
    if not caseload.allocating_authorities(request.user):
        raise PermissionDenied
    filters = _list_form(request).filters()
    children = caseload.children_to_allocate(request.user, filters, today_in_london())
    return stream_csv(
        request,
        header=CASE_EXPORT_COLUMNS,
        rows=case_rows(children),
        filename="cases-to-allocate.csv",
        summary="Exported the cases to allocate as CSV",
        object_type="casework.Child",
    )
