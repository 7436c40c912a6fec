"""The register of advice givers' declared conflicts of interest, for the authority's staff.

A declaration is with a child or with an organisation; asking the adviser for advice on that
child (or a child at that setting) then needs a recorded reason (`advice_request_create`), which
the decision-maker sees where the advice is weighed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from redress.accounts.models import LA_ROLES, Organisation
from redress.audit.services import audit_record
from redress.casework import selectors, services
from redress.casework.forms_advice import ConflictRegisterFilterForm, DeclaredConflictForm
from redress.casework.views_caseload import stream_csv
from redress.core.corrections import StepWithdrawForm
from redress.core.listing import page_of, query_without
from redress.core.versions import call_service

PER_PAGE = 50


def _authorities(request: HttpRequest) -> list[Organisation]:
    authorities = list(request.user.organisations_with_role(*LA_ROLES))  # type: ignore[union-attr]
    if not authorities:
        raise PermissionDenied
    return authorities


@require_http_methods(["GET", "POST"])
@login_required
def register(request: HttpRequest) -> HttpResponse:
    authorities = _authorities(request)
    queryset = Organisation.objects.filter(pk__in=[a.pk for a in authorities])
    form = DeclaredConflictForm(request.POST or None, local_authorities=queryset)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        child = data["child"]
        authority = next(
            (a for a in authorities if child is not None and a.pk == child.local_authority_id),
            authorities[0],
        )
        conflict = call_service(
            form,
            lambda: services.declared_conflict_record(
                actor=request.user,
                local_authority=authority,
                adviser=data["adviser"],
                child=child,
                organisation=data["organisation"],
                description=data["description"],
                declared_on=data["declared_on"],
            ),
        )
        if conflict is not None:
            messages.success(request, "Declared conflict added to the register.")
            return redirect("casework:conflict-register")
    filters = _filters(request)
    page = page_of(_register(request, filters), request.GET.get("page"), per_page=PER_PAGE)
    audit_record(
        actor=request.user,
        action="view",
        object_type="casework.DeclaredConflict",
        summary="Viewed the register of declared conflicts of interest",
    )
    return render(
        request,
        "casework/conflict_register.html",
        {
            "form": form,
            "filters": filters,
            "page": page,
            "query": query_without(request, "page"),
            "withdraw": StepWithdrawForm(prefix="withdraw"),
        },
    )


def _filters(request: HttpRequest) -> ConflictRegisterFilterForm:
    # Its own ids: the register's form on the same page has an `adviser` field too.
    return ConflictRegisterFilterForm(
        request.GET, advisers=selectors.conflict_advisers(user=request.user), auto_id="filter-%s"
    )


def _register(request: HttpRequest, filters: ConflictRegisterFilterForm) -> Any:
    return selectors.conflict_register(
        user=request.user,
        adviser=filters.value("adviser"),
        standing=filters.value("standing"),
        since=filters.value("since"),
        until=filters.value("until"),
        sort=filters.sort_key,
    )


EXPORT_COLUMNS = (
    "Advice giver",
    "Child or young person",
    "Case number",
    "Organisation",
    "The conflict",
    "Declared",
    "Recorded by",
    "Withdrawn as recorded in error",
    "Why withdrawn",
)


def _rows(conflicts: Any) -> Iterator[list[Any]]:
    for conflict in conflicts.iterator(chunk_size=2000):
        yield [
            conflict.adviser.display_name,
            conflict.child.full_name if conflict.child else "",
            conflict.child_id or "",
            conflict.organisation.name if conflict.organisation else "",
            conflict.description,
            conflict.declared_on.isoformat(),
            conflict.recorded_by.display_name if conflict.recorded_by else "",
            conflict.withdrawn_at.date().isoformat() if conflict.withdrawn_at else "",
            conflict.withdrawn_reason,
        ]


@require_GET
@login_required
def export(request: HttpRequest) -> StreamingHttpResponse:
    """The register as filtered, every row, as CSV (the authority's staff)."""
    _authorities(request)
    return stream_csv(
        request,
        header=EXPORT_COLUMNS,
        rows=_rows(_register(request, _filters(request))),
        filename="declared-conflicts.csv",
        summary="Exported the register of declared conflicts of interest as CSV",
        object_type="casework.DeclaredConflict",
    )


@require_http_methods(["POST"])
@login_required
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    _authorities(request)
    conflict = selectors.conflict_register(user=request.user).filter(pk=pk).first()
    if conflict is None:
        raise Http404("No such declaration in your register")
    form = StepWithdrawForm(request.POST, prefix="withdraw")
    if form.is_valid():
        done = call_service(
            form,
            lambda: services.declared_conflict_withdraw(
                actor=request.user,
                conflict=conflict,
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            ),
            record=conflict,
        )
        if done is not None:
            messages.success(
                request, "Declaration withdrawn as recorded in error. It stays listed."
            )
            return redirect("casework:conflict-register")
    for message in [e for errors in form.errors.values() for e in errors]:
        messages.error(request, str(message))
    return redirect("casework:conflict-register")
