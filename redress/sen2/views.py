"""The SEN2 pages: a manager builds and checks the return; caseworkers see which children lack
an item and record it. Views are thin: reads through selectors, writes through services."""

from __future__ import annotations

from collections.abc import Iterator
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from redress.audit.services import audit_record
from redress.casework.models import CaseEvent
from redress.casework.selectors import child_get
from redress.casework.selectors_caseload import caseworker_choices
from redress.casework.views_caseload import stream_csv
from redress.core.listing import (
    csv_child_name,
    csv_date,
    csv_response,
    page_of,
    query_without,
)
from redress.plans.models import Cessation, Placement
from redress.sen2 import selectors, services
from redress.sen2.build import census_date, return_build
from redress.sen2.checks import CHECKS, CheckResult, Failure, return_check
from redress.sen2.forms import (
    AuthorityDetailsForm,
    CeaseReasonForm,
    ChildItemsForm,
    MissingListForm,
    PlacementItemsForm,
    RequestItemsForm,
    ReturnForm,
    TransferItemsForm,
)

FAILURES_PER_PAGE = 50

#: What `missing_items` reads of each child on a page (or in a chunk of the download).
MISSING_PREFETCH = (
    "plans__placement__sen2_items",
    "plans__cessations__sen2_items",
    "events__sen2_request",
    "events__sen2_transfer",
)


def _no_store(view: Any) -> Any:
    """Pages with children's personal data are never kept in a browser's or proxy's cache."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response: HttpResponse = view(request, *args, **kwargs)
        response["Cache-Control"] = "private, max-age=0, no-store"
        return response

    return wrapped


def _service_errors(form: Any, error: ValidationError) -> None:
    """A service's refusal on the form: on the field it names, or on the whole form."""
    if hasattr(error, "error_dict"):
        for name, problems in error.message_dict.items():
            form.add_error(name if name in form.fields else None, problems)
    else:
        form.add_error(None, error.messages)


def _authority(request: HttpRequest, value: str | None) -> Any:
    """The manager's authority: the one chosen (a manager at several), else their only one."""
    pk = None
    if value:
        try:
            pk = int(value)
        except ValueError:
            raise PermissionDenied from None
    return selectors.authority_for_manager(user=request.user, pk=pk)


def _chosen(request: HttpRequest) -> tuple[ReturnForm, int | None, Any]:
    form = ReturnForm(request.GET or None)
    if form.is_bound and form.is_valid():
        year = form.cleaned_data["year"]
        return form, year, form.cleaned_data["reference_date"] or census_date(year)
    return form, None, None


@login_required
@require_GET
@_no_store
def index(request: HttpRequest) -> HttpResponse:
    authority = _authority(request, request.GET.get("la"))
    form, year, reference = _chosen(request)
    context: dict[str, Any] = {
        "authority": authority,
        "form": form,
        "details_form": AuthorityDetailsForm(instance=getattr(authority, "sen2_details", None)),
        "checks": CHECKS,
        "authorities": selectors.authorities_managed_by(request.user).order_by("name"),
    }
    if year is not None:
        sen2 = return_build(authority=authority, year=year, reference_date=reference)
        result = return_check(sen2)
        audit_record(
            actor=request.user,
            action="generate",
            obj=authority,
            summary=f"Built and checked the SEN2 return {year} ({len(sen2.persons)} people)",
        )
        failures = _failures(result)
        context.update(
            {
                "year": year,
                "reference": reference,
                "sen2": sen2,
                "result": result,
                "page": page_of(failures, request.GET.get("page"), per_page=FAILURES_PER_PAGE),
                "query": f"la={authority.pk}&year={year}&reference_date_day={reference.day}"
                f"&reference_date_month={reference.month}&reference_date_year={reference.year}",
            }
        )
    return render(request, "sen2/index.html", context)


def _failures(result: CheckResult) -> list[Failure]:
    """What the checks found, errors first, then warnings."""
    return result.errors + result.warnings


FAILURE_COLUMNS = (
    "Kind",
    "Check",
    "Case number",
    "Child or young person",
    "Item",
    "What to fix",
)


def _failure_rows(failures: list[Failure]) -> Iterator[list[Any]]:
    for failure in failures:
        yield [
            "Error" if failure.is_error else "Warning",
            failure.code,
            failure.child_id or "",
            failure.child_name if failure.child_id else "The whole return",
            failure.item,
            failure.message,
        ]


@require_GET
@login_required
def failures_export(request: HttpRequest) -> HttpResponseBase:
    """Every error and warning in the return as checked, errors first, as CSV: the list a
    manager works through before the return is sent (the authority's managers)."""
    authority = _authority(request, request.GET.get("la"))
    _form, year, reference = _chosen(request)
    if year is None:
        return redirect("sen2:index")
    result = return_check(return_build(authority=authority, year=year, reference_date=reference))
    return stream_csv(
        request,
        header=FAILURE_COLUMNS,
        rows=_failure_rows(_failures(result)),
        filename=f"sen2-{year}-errors-and-warnings.csv",
        summary=f"Exported the errors and warnings in the SEN2 return {year} for "
        f"{authority.name} as CSV ({len(result.errors)} errors)",
        object_type="sen2.ChildReturnItems",
    )


@login_required
@require_GET
@_no_store
def download(request: HttpRequest) -> HttpResponse:
    authority = _authority(request, request.GET.get("la"))
    form, year, reference = _chosen(request)
    if year is None:
        return redirect("sen2:index")
    sen2 = return_build(authority=authority, year=year, reference_date=reference)
    result = return_check(sen2)
    audit_record(
        actor=request.user,
        action="download",
        obj=authority,
        summary=f"Downloaded the SEN2 return {year} ({len(sen2.persons)} people, "
        f"{len(result.errors)} errors)",
    )
    response = HttpResponse(result.xml, content_type="application/xml")
    code = sen2.la_code or "LA"
    response["Content-Disposition"] = f'attachment; filename="SEN2_{code}_{year}.xml"'
    return response


@login_required
@require_POST
def authority_details(request: HttpRequest) -> HttpResponse:
    authority = _authority(request, request.POST.get("la"))
    form = AuthorityDetailsForm(request.POST)
    if form.is_valid():
        try:
            services.authority_details_update(
                actor=request.user, authority=authority, la_code=form.cleaned_data["la_code"]
            )
        except ValidationError as error:
            _service_errors(form, error)
        else:
            messages.success(request, "The authority's code is saved.")
            return redirect(f"{reverse('sen2:index')}?la={authority.pk}")
    return render(
        request,
        "sen2/index.html",
        {
            "authority": authority,
            "form": ReturnForm(),
            "details_form": form,
            "checks": CHECKS,
            "authorities": selectors.authorities_managed_by(request.user).order_by("name"),
        },
        status=400,
    )


def _missing_form(request: HttpRequest) -> MissingListForm:
    selectors.children_lacking_items(request.user)  # refuses anyone not at an authority
    return MissingListForm(
        request.GET,
        caseworkers=caseworker_choices(request.user),
        teams=selectors.team_choices(request.user),
    )


@login_required
@require_GET
@_no_store
def missing(request: HttpRequest) -> HttpResponse:
    """The children lacking an item the return needs: filtered, sorted, 50 a page."""
    form = _missing_form(request)
    children = selectors.children_lacking_items(request.user, form.filters()).prefetch_related(
        *MISSING_PREFETCH
    )
    page = page_of(children, request.GET.get("page"))
    rows = [(child, selectors.missing_items(child)) for child in page.object_list]
    audit_record(
        actor=request.user,
        action="view",
        object_type="sen2.ChildReturnItems",
        summary=f"Viewed the children lacking SEN2 items (page {page.number})",
    )
    return render(
        request,
        "sen2/missing.html",
        {"page": page, "rows": rows, "form": form, "query": query_without(request, "page")},
    )


MISSING_COLUMNS = (
    "Case number",
    "Child or young person",
    "Date of birth",
    "UPN",
    "ULN",
    "Caseworker",
    "Team",
    "Lacks",
)


def missing_rows(children: Any) -> Iterator[list[Any]]:
    # Prefetching works chunk by chunk with iterator(chunk_size=...): never the whole list.
    for child in children.iterator(chunk_size=500):
        yield [
            child.pk,
            csv_child_name(child),
            csv_date(child.date_of_birth),
            child.upn,
            child.uln,
            child.caseworker.display_name if child.caseworker else "",
            child.team,
            "; ".join(selectors.missing_items(child)),
        ]


@login_required
@require_GET
def missing_export(request: HttpRequest) -> StreamingHttpResponse:
    """Every child lacking an item, as filtered, as CSV (audited as one download)."""
    form = _missing_form(request)
    children = selectors.children_lacking_items(request.user, form.filters()).prefetch_related(
        *MISSING_PREFETCH
    )
    audit_record(
        actor=request.user,
        action="download",
        object_type="sen2.ChildReturnItems",
        summary="Exported the children lacking SEN2 items as CSV",
    )
    return csv_response(
        header=MISSING_COLUMNS, rows=missing_rows(children), filename="sen2-missing-items.csv"
    )


def _changeable_child(request: HttpRequest, pk: int) -> Any:
    return child_get(user=request.user, pk=pk, perm="casework.change_child")


@login_required
@require_http_methods(["GET", "POST"])
@_no_store
def child_items(request: HttpRequest, pk: int) -> HttpResponse:
    child = _changeable_child(request, pk)
    items = getattr(child, "sen2_items", None)
    form = ChildItemsForm(request.POST or None, instance=items)
    if request.method == "POST" and form.is_valid():
        try:
            services.child_items_update(actor=request.user, child=child, values=form.cleaned_data)
        except ValidationError as error:
            _service_errors(form, error)
        else:
            messages.success(request, f"{child.full_name}'s SEN2 details are saved.")
            return redirect("sen2:child", pk=child.pk)
    if request.method == "GET":
        audit_record(
            actor=request.user,
            action="view",
            obj=child,
            child=child,
            summary="Viewed the SEN2 details",
        )
    # Only what stands: a step withdrawn as recorded in error is not in the return.
    plans = child.plans.filter(issued_on__isnull=False, withdrawn_at__isnull=True).select_related(
        "placement"
    )
    placements = [p.placement for p in plans if hasattr(p, "placement")]
    cessations = Cessation.objects.filter(
        plan__child=child,
        plan__withdrawn_at__isnull=True,
        ceased_on__isnull=False,
        withdrawn_at__isnull=True,
    )
    standing = child.events.standing()
    requests = standing.filter(type=CaseEvent.Type.ASSESSMENT_REQUESTED).select_related(
        "sen2_request"
    )
    transfers = standing.filter(type=CaseEvent.Type.PLAN_TRANSFERRED_IN).select_related(
        "sen2_transfer"
    )
    return render(
        request,
        "sen2/child.html",
        {
            "child": child,
            "form": form,
            "placements": placements,
            "cessations": cessations,
            "requests": requests,
            "transfers": transfers,
            "missing": selectors.missing_items(child),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
@_no_store
def placement_items(request: HttpRequest, pk: int) -> HttpResponse:
    placement = get_object_or_404(Placement.objects.select_related("plan__child"), pk=pk)
    child = _changeable_child(request, placement.plan.child_id)
    form = PlacementItemsForm(request.POST or None, instance=getattr(placement, "sen2_items", None))
    if request.method == "POST" and form.is_valid():
        try:
            services.placement_items_update(
                actor=request.user, placement=placement, values=form.cleaned_data
            )
        except ValidationError as error:
            _service_errors(form, error)
        else:
            messages.success(request, "The placement's SEN2 details are saved.")
            return redirect("sen2:child", pk=child.pk)
    return render(
        request,
        "sen2/placement.html",
        {"child": child, "placement": placement, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
@_no_store
def cease_reason(request: HttpRequest, pk: int) -> HttpResponse:
    cessation = get_object_or_404(Cessation.objects.select_related("plan__child"), pk=pk)
    child = _changeable_child(request, cessation.plan.child_id)
    if cessation.ceased_on is None:
        raise PermissionDenied
    form = CeaseReasonForm(request.POST or None, instance=getattr(cessation, "sen2_items", None))
    if request.method == "POST" and form.is_valid():
        services.cessation_reason_record(
            actor=request.user,
            cessation=cessation,
            cease_reason=form.cleaned_data["cease_reason"],
        )
        messages.success(request, "The reason the plan ceased is saved.")
        return redirect(reverse("sen2:child", kwargs={"pk": child.pk}))
    return render(
        request,
        "sen2/cease_reason.html",
        {"child": child, "cessation": cessation, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
@_no_store
def request_items(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(
        CaseEvent.objects.select_related("child"),
        pk=pk,
        type=CaseEvent.Type.ASSESSMENT_REQUESTED,
    )
    child = _changeable_child(request, event.child_id)
    form = RequestItemsForm(request.POST or None, instance=getattr(event, "sen2_request", None))
    if request.method == "POST" and form.is_valid():
        try:
            services.request_items_update(actor=request.user, event=event, values=form.cleaned_data)
        except ValidationError as error:
            _service_errors(form, error)
        else:
            messages.success(request, "The request's SEN2 details are saved.")
            return redirect("sen2:child", pk=child.pk)
    if request.method == "GET":
        audit_record(
            actor=request.user,
            action="view",
            obj=child,
            child=child,
            summary=f"Viewed the SEN2 details of the request of {event.date.day} "
            f"{event.date:%B %Y}",
        )
    return render(
        request,
        "sen2/request.html",
        {"child": child, "event": event, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
@_no_store
def transfer_items(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(
        CaseEvent.objects.select_related("child"),
        pk=pk,
        type=CaseEvent.Type.PLAN_TRANSFERRED_IN,
    )
    child = _changeable_child(request, event.child_id)
    form = TransferItemsForm(request.POST or None, instance=getattr(event, "sen2_transfer", None))
    if request.method == "POST" and form.is_valid():
        try:
            services.transfer_items_update(
                actor=request.user, event=event, values=form.cleaned_data
            )
        except ValidationError as error:
            _service_errors(form, error)
        else:
            messages.success(request, "The transferred plan's SEN2 details are saved.")
            return redirect("sen2:child", pk=child.pk)
    if request.method == "GET":
        audit_record(
            actor=request.user,
            action="view",
            obj=child,
            child=child,
            summary="Viewed the SEN2 details of the plan transferred in on "
            f"{event.date.day} {event.date:%B %Y}",
        )
    return render(
        request,
        "sen2/transfer.html",
        {"child": child, "event": event, "form": form},
        status=400 if form.errors else 200,
    )
