"""The provider's figures by authority and period, and its invoices to each authority."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from redress.accounts.models import Organisation
from redress.agreements import billing, figures, selectors
from redress.agreements.forms import ReportForm
from redress.casework.permissions import organisation_ids
from redress.statutory.engine import today_in_london

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _period(today: date) -> tuple[date, date]:
    """The current financial year to date (a display range, not a statutory period)."""
    start_year = today.year if today.month >= 4 else today.year - 1
    return date(start_year, 4, 1), today


def _attachment(content: str | bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, name) or "attachment"
    add_never_cache_headers(response)
    return response


@require_GET
@login_required
def provider_figures(request: HttpRequest) -> HttpResponse:
    if not selectors.is_provider_user(request.user):
        raise PermissionDenied
    start, end = _period(today_in_london())
    form = ReportForm(request.GET or None, initial={"start": start, "end": end})
    if request.GET and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    result = figures.provider_figures(request.user, start=start, end=end)
    if request.GET.get("format") == "csv":
        return _attachment(
            figures.figures_csv(result), "text/csv", f"mediation-figures-{start}-to-{end}.csv"
        )
    response = render(
        request,
        "agreements/figures.html",
        {"form": form, "figures": result, "query": request.GET.urlencode()},
    )
    add_never_cache_headers(response)
    return response


class BillingForm(ReportForm):
    provider = forms.ModelChoiceField(
        label="Provider", queryset=Organisation.objects.none(), empty_label=None
    )
    authority = forms.ModelChoiceField(
        label="Local authority",
        queryset=Organisation.objects.none(),
        error_messages={"required": "Choose the local authority"},
    )

    def __init__(self, *args: Any, providers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = providers  # type: ignore[attr-defined]
        self.fields["authority"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            kind=Organisation.Kind.LOCAL_AUTHORITY, served_by__in=providers
        ).distinct()


@require_GET
@login_required
def invoice(request: HttpRequest) -> HttpResponse:
    providers = Organisation.objects.filter(
        pk__in=organisation_ids(request.user, billing.BILLING_ROLES)
    )
    if not providers.exists():
        raise PermissionDenied
    start, end = _period(today_in_london())
    form = BillingForm(
        request.GET or None, providers=providers, initial={"start": start, "end": end}
    )
    result = None
    if request.GET and form.is_valid():
        d = form.cleaned_data
        result = billing.invoice_build(
            actor=request.user,
            provider=d["provider"],
            authority=d["authority"],
            start=d["start"],
            end=d["end"],
        )
        name = f"mediation-invoice-{d['authority'].pk}-{d['start']}-to-{d['end']}"
        if request.GET.get("format") == "csv":
            return _attachment(billing.invoice_csv(result), "text/csv", f"{name}.csv")
        if request.GET.get("format") == "docx":
            return _attachment(billing.invoice_docx(result), DOCX, f"{name}.docx")
    query = request.GET.copy()
    query.pop("format", None)
    response = render(
        request,
        "agreements/invoice.html",
        {"form": form, "invoice": result, "query": query.urlencode()},
    )
    add_never_cache_headers(response)
    return response
