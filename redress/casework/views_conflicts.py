"""The register of advice givers' declared conflicts of interest, for the authority's staff.

A declaration is with a child or with an organisation; asking the adviser for advice on that
child (or a child at that setting) then needs a recorded reason (`advice_request_create`), which
the decision-maker sees where the advice is weighed.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from redress.accounts.models import LA_ROLES, Organisation
from redress.audit.services import audit_record
from redress.casework import selectors, services
from redress.casework.forms_advice import DeclaredConflictForm
from redress.core.corrections import StepWithdrawForm
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
    page = Paginator(selectors.conflict_register(user=request.user), PER_PAGE).get_page(
        request.GET.get("page")
    )
    audit_record(
        actor=request.user,
        action="view",
        object_type="casework.DeclaredConflict",
        summary="Viewed the register of declared conflicts of interest",
    )
    return render(
        request,
        "casework/conflict_register.html",
        {"form": form, "page": page, "withdraw": StepWithdrawForm(prefix="withdraw")},
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
