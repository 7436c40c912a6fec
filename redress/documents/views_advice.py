"""Overdue health advice, by commissioner, and the escalation letter to each: the advice pages
(`/advice/`, casework's) link here; the letter is made by documents' services."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET, require_http_methods

from redress.accounts.models import Organisation
from redress.casework import selectors
from redress.casework.advice_rule import ADVICE_RULE, advice_exceptions
from redress.casework.forms_advice import EscalationLetterForm
from redress.core.downloads import content_disposition
from redress.core.versions import call_service
from redress.documents.services import escalation_letter_generate, overdue_rows
from redress.documents.views import DOCX


@login_required
@require_GET
def health_overdue(request: HttpRequest) -> HttpResponse:
    grouped = selectors.overdue_health_advice_by_commissioner(user=request.user)
    groups: list[dict[str, Any]] = [
        {
            "commissioner": commissioner,
            "rows": overdue_rows(pairs),
            "can_escalate": any(
                request.user.has_perm("casework.escalate_advicerequest", advice)
                for advice, _ in pairs
            ),
        }
        for commissioner, pairs in grouped.items()
    ]
    return render(
        request,
        "advice/health_overdue.html",
        {
            "groups": groups,
            "total": sum(len(g["rows"]) for g in groups),
            "rule": ADVICE_RULE,
            "exceptions": advice_exceptions(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def escalation_letter(request: HttpRequest, org_pk: int) -> HttpResponse:
    """A small form (the date to ask for the advice by), then the Word letter."""
    commissioner = get_object_or_404(Organisation, pk=org_pk)
    pairs = selectors.overdue_health_advice_by_commissioner(user=request.user).get(commissioner, [])
    allowed = [
        (advice, deadline)
        for advice, deadline in pairs
        if request.user.has_perm("casework.escalate_advicerequest", advice)
    ]
    if not allowed:
        if pairs:
            raise PermissionDenied
        raise Http404("No overdue health advice from this commissioner")
    local_authorities = Organisation.objects.filter(
        pk__in={advice.child.local_authority_id for advice, _ in allowed}
    ).order_by("name")
    data = request.POST if request.method == "POST" else None
    form = EscalationLetterForm(data, local_authorities=local_authorities)
    if request.method == "POST" and form.is_valid():
        local_authority = form.cleaned_data["local_authority"]
        chosen = [(a, d) for a, d in allowed if a.child.local_authority_id == local_authority.pk]
        large_print = request.POST.get("format") == "large_print"
        content = call_service(
            form,
            lambda: escalation_letter_generate(
                actor=request.user,
                local_authority=local_authority,
                commissioner=commissioner,
                advice_requests=chosen,
                respond_by=form.cleaned_data["respond_by"],
                large_print=large_print,
            ),
        )
        if content is not None:
            response = HttpResponse(content, content_type=DOCX)
            suffix = "-large-print" if large_print else ""
            response["Content-Disposition"] = content_disposition(
                f"overdue-advice-letter-{commissioner.pk}{suffix}.docx"
            )
            return response
    return render(
        request,
        "advice/letter_form.html",
        {"form": form, "commissioner": commissioner, "rows": overdue_rows(allowed)},
    )
