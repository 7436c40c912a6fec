"""The administrator's page for bringing a caseload in, one CSV file at a time."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from redress.accounts.models import Role
from redress.casework.permissions import organisation_ids
from redress.imports.forms import ImportForm
from redress.imports.layout import FILES
from redress.imports.services import caseload_import


def _require_administrator(request: HttpRequest) -> None:
    # An administrator holds the role, at an organisation or on their own.
    if not organisation_ids(request.user, (Role.ADMINISTRATOR,)):
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def import_caseload(request: HttpRequest) -> HttpResponse:
    _require_administrator(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        report = caseload_import(
            files={data["kind"]: data["file"]},
            authority=data["authority"],
            source=data["source"],
            actor=request.user,
            dry_run=data["dry_run"],
        )
    response = render(
        request,
        "imports/import.html",
        {"form": form, "report": report, "files": FILES},
        status=400 if form.errors else 200,
    )
    response["Cache-Control"] = "private, max-age=0, no-store"
    return response
