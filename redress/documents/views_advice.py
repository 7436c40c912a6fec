"""Overdue health advice, counted by commissioner and listed 50 a page (with its CSV), and the
escalation letter to each commissioner: the advice pages
(`/advice/`, casework's) link here; the letter is made by documents' services."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET, require_http_methods

from redress.accounts.models import HEALTH_AND_CARE_ROLES, LA_ROLES, Organisation
from redress.audit.services import audit_record
from redress.casework import selectors
from redress.casework.advice_rule import ADVICE_RULE, advice_exceptions
from redress.casework.forms_advice import EscalationLetterForm
from redress.core.downloads import content_disposition
from redress.core.listing import csv_child_name, csv_date, csv_response, page_of, query_without
from redress.core.versions import call_service
from redress.documents.forms_advice import OverdueAdviceListForm
from redress.documents.services import escalation_letter_generate, overdue_rows
from redress.documents.views import DOCX
from redress.statutory.calendar import days_overdue
from redress.statutory.engine import today_in_london


def _overdue_form(request: HttpRequest, counts: list[dict[str, Any]]) -> OverdueAdviceListForm:
    return OverdueAdviceListForm(
        request.GET, commissioners=[(str(c["commissioner"]), c["name"]) for c in counts]
    )


@login_required
@require_GET
def health_overdue(request: HttpRequest) -> HttpResponse:
    """Overdue health advice: how much each commissioner owes (with the letter to each), then
    the requests themselves, filtered and sorted in the database, 50 a page."""
    today = today_in_london()
    counts = selectors.overdue_health_advice_counts(user=request.user, today=today)
    form = _overdue_form(request, counts)
    page = page_of(
        selectors.overdue_health_advice(user=request.user, filters=form.filters(), today=today),
        request.GET.get("page"),
    )
    rows = list(page.object_list)
    openable = selectors.children_openable(
        user=request.user, children=[advice.child for advice in rows]
    )
    for advice in rows:
        advice.days_overdue = days_overdue(advice.due, today)
        advice.child_openable = advice.child_id in openable
    return render(
        request,
        "advice/health_overdue.html",
        {
            "counts": counts,
            "total": sum(c["overdue"] for c in counts),
            "form": form,
            "page": page,
            "rows": rows,
            "query": query_without(request, "page"),
            "rule": ADVICE_RULE,
            "exceptions": advice_exceptions(),
        },
    )


OVERDUE_COLUMNS = (
    "Case number",
    "Child or young person",
    "Local authority",
    "Commissioner",
    "Requested on",
    "Due",
    "Days overdue",
    "Requested by",
)


def overdue_csv_rows(items: Any, today: date) -> Iterator[list[Any]]:
    for advice in items.iterator(chunk_size=2000):
        yield [
            advice.child_id,
            csv_child_name(advice.child),
            advice.child.local_authority.name,
            advice.recipient_organisation.name if advice.recipient_organisation else "",
            csv_date(advice.date_sent),
            csv_date(advice.due),
            days_overdue(advice.due, today),
            advice.commissioned_by.name if advice.commissioned_by else "",
        ]


@login_required
@require_GET
def health_overdue_export(request: HttpRequest) -> StreamingHttpResponse:
    """Every overdue request the user sees, as filtered, as CSV (audited as one download). For
    the professionals who see the list; a family sees their own advice on the case instead."""
    roles = request.user.roles()  # type: ignore[union-attr]
    if not roles & (set(LA_ROLES) | set(HEALTH_AND_CARE_ROLES)):
        raise PermissionDenied
    today = today_in_london()
    counts = selectors.overdue_health_advice_counts(user=request.user, today=today)
    form = _overdue_form(request, counts)
    items = selectors.overdue_health_advice(user=request.user, filters=form.filters(), today=today)
    audit_record(
        actor=request.user,
        action="download",
        object_type="casework.AdviceRequest",
        summary="Exported the overdue health advice as CSV",
    )
    return csv_response(
        header=OVERDUE_COLUMNS,
        rows=overdue_csv_rows(items, today),
        filename="overdue-health-advice.csv",
    )


@login_required
@require_http_methods(["GET", "POST"])
def escalation_letter(request: HttpRequest, org_pk: int) -> HttpResponse:
    """A small form (the date to ask for the advice by), then the Word letter."""
    commissioner = get_object_or_404(Organisation, pk=org_pk)
    pairs = selectors.overdue_health_advice_by_commissioner(
        user=request.user, commissioner=commissioner
    ).get(commissioner, [])
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
