"""Reports pages: the authority's appeal figures beside imported published statistics, their
CSV download, the import of published statistics, and the authority's performance report with
its CSV. Views are thin."""

from __future__ import annotations

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from redress.accounts.models import Organisation
from redress.audit.services import audit_record
from redress.core import csv as safe_csv
from redress.core.downloads import content_disposition
from redress.core.forms import add_service_errors
from redress.core.listing import page_of, query_without
from redress.reports import performance, selectors, services
from redress.reports.forms import FiguresFilterForm, PerformanceFilterForm, StatisticsUploadForm
from redress.reports.models import StatisticsBatch
from redress.reports.periods import by_label
from redress.reports.permissions import IMPORT_PERMISSION, PERFORMANCE_PERMISSION
from redress.reports.selectors import RESPONSE_STATUSES
from redress.reports.statistics_format import (
    COLUMN_NAMES,
    COLUMNS,
    COMPARABLE_MEASURES,
    MAX_BYTES,
)
from redress.sen2.selectors import authorities_managed_by


def _chosen_authority(request: HttpRequest, value: str | None) -> int | None:
    if not value:
        return None
    try:
        return int(value)
    except ValueError:
        return -1  # no such authority: a 404


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    authority = selectors.authority_get(
        user=request.user, pk=_chosen_authority(request, request.GET.get("la"))
    )
    regions = selectors.regions()
    form = FiguresFilterForm(
        request.GET or None,
        authorities=selectors.authorities_for(request.user),
        regions=regions,
        initial={"by": "year", "la": authority.pk},
    )
    by, region = "year", ""
    if form.is_bound and form.is_valid():
        by = form.cleaned_data["by"] or "year"
        region = form.cleaned_data["region"] or ""
    figures = selectors.authority_figures(user=request.user, authority=authority, by=by)
    rows, sources = selectors.comparison(user=request.user, figures=figures, region=region)
    return render(
        request,
        "reports/index.html",
        {
            "authority": authority,
            "form": form,
            "figures": figures,
            "comparison": rows,
            "sources": sources,
            "region": region,
            "statuses": RESPONSE_STATUSES,
            "measures": COMPARABLE_MEASURES,
            "can_import": request.user.has_perm(IMPORT_PERMISSION),
            # The SEN2 return is built by the authority's managers, not the national data role.
            "can_build_sen2": authorities_managed_by(request.user).exists(),
            "several_authorities": selectors.authorities_for(request.user).count() > 1,
        },
    )


@login_required
@require_GET
def figures_csv(request: HttpRequest) -> HttpResponse:
    authority = selectors.authority_get(
        user=request.user, pk=_chosen_authority(request, request.GET.get("la"))
    )
    rows = selectors.authority_figures_rows(user=request.user, authority=authority)
    buffer = io.StringIO()
    writer = safe_csv.dict_writer(buffer, COLUMN_NAMES, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    audit_record(
        actor=request.user,
        action="download",
        obj=authority,
        summary=f"Downloaded the appeal figures of {authority.name} (no child named)",
    )
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition(f"appeal-figures-{authority.pk}.csv")
    return response


@login_required
@require_http_methods(["GET", "POST"])
def statistics_import(request: HttpRequest) -> HttpResponse:
    """The national data role uploads a file; it is checked and kept for a preview before
    anything is published."""
    if not request.user.has_perm(IMPORT_PERMISSION):
        raise PermissionDenied
    if request.method == "POST":
        form = StatisticsUploadForm(request.POST, request.FILES)
    else:
        form = StatisticsUploadForm()
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            form.add_error("file", f"The file is larger than {MAX_BYTES // 1_000_000} MB.")
        else:
            try:
                batch = services.statistics_batch_stage(
                    actor=request.user, content=upload.read(), filename=upload.name
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect("reports:statistics-batch", pk=batch.pk)
    return render(
        request,
        "reports/statistics_import.html",
        {
            "form": form,
            "columns": COLUMNS,
            "measures": COMPARABLE_MEASURES,
            "summary": selectors.published_summary(),
            "batches": page_of(selectors.statistics_batches(), request.GET.get("page")),
            "max_mb": MAX_BYTES // 1_000_000,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def statistics_batch(request: HttpRequest, pk: int) -> HttpResponse:
    """One import: its preview with publish or discard, or, once published, a roll-back to it."""
    if not request.user.has_perm(IMPORT_PERMISSION):
        raise PermissionDenied
    batch = get_object_or_404(StatisticsBatch, pk=pk)
    error = ""
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "publish":
                result = services.statistics_batch_publish(actor=request.user, batch=batch)
                messages.success(
                    request,
                    f"Published {result.total} figures from {batch.filename}: {result.created} "
                    f"new, {result.updated} changed, {result.unchanged} already here.",
                )
                return redirect("reports:statistics-import")
            if action == "discard":
                services.statistics_batch_discard(actor=request.user, batch=batch)
                messages.success(request, f"Discarded the import from {batch.filename}.")
                return redirect("reports:statistics-import")
            if action == "rollback":
                undone = services.statistics_rollback_to(actor=request.user, batch=batch)
                messages.success(
                    request,
                    f"The figures are back as published from {batch.filename}; "
                    f"{len(undone)} later imports were rolled back.",
                )
                return redirect("reports:statistics-import")
            error = "Choose what to do with this import."
        except ValidationError as refusal:
            error = " ".join(refusal.messages)
        batch.refresh_from_db()
    rows = selectors.statistics_batch_preview(batch)
    return render(
        request,
        "reports/statistics_batch.html",
        {
            "batch": batch,
            "rows": rows,
            "error": error,
            "counts": {
                change: sum(1 for r in rows if r.change == change)
                for change in ("new", "changed", "unchanged")
            },
        },
        status=400 if error else 200,
    )


def _performance_authority(request: HttpRequest) -> Organisation:
    """The authority asked for (`la`), or the manager's first; refused for anyone else."""
    chosen = _chosen_authority(request, request.GET.get("la"))
    authorities = performance.authorities_for(request.user)
    if chosen is None:
        authority = authorities.first()
        if authority is None:
            raise PermissionDenied("The performance report is for local authority managers.")
        return authority
    authority = get_object_or_404(Organisation, pk=chosen, kind=Organisation.Kind.LOCAL_AUTHORITY)
    if not request.user.has_perm(PERFORMANCE_PERMISSION, authority):
        raise PermissionDenied
    return authority


@login_required
@require_GET
def performance_index(request: HttpRequest) -> HttpResponse:
    """The rates the authority is judged on, a compact table per measure, a page of periods."""
    authority = _performance_authority(request)
    form = PerformanceFilterForm(
        request.GET or None,
        authorities=performance.authorities_for(request.user),
        initial={"by": "month", "la": authority.pk},
    )
    by = "month"
    if form.is_bound and form.is_valid():
        by = form.cleaned_data["by"] or "month"
    report = performance.performance_report(
        user=request.user, authority=authority, by=by, page_number=request.GET.get("page")
    )
    audit_record(
        actor=request.user,
        action="view",
        obj=authority,
        summary=f"Viewed the performance report of {authority.name} (no child named)",
    )
    return render(
        request,
        "reports/performance.html",
        {
            "authority": authority,
            "form": form,
            "report": report,
            "query": query_without(request, "page"),
            "by_label": by_label(report.by),
            "several_authorities": performance.authorities_for(request.user).count() > 1,
        },
    )


@login_required
@require_GET
def performance_csv(request: HttpRequest) -> HttpResponse:
    authority = _performance_authority(request)
    by = request.GET.get("by") or "month"
    rows = performance.performance_csv_rows(user=request.user, authority=authority, by=by)
    buffer = io.StringIO()
    writer = safe_csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(performance.CSV_HEADER)
    writer.writerows(rows)
    audit_record(
        actor=request.user,
        action="download",
        obj=authority,
        summary=f"Downloaded the performance report of {authority.name} (no child named)",
    )
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition(f"performance-{authority.pk}.csv")
    response["Cache-Control"] = "private, no-store"
    return response
