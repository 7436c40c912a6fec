"""Advice request pages. Views are thin: forms check input, services
write, selectors read. Every due date shown comes from the deadline table the engine fills."""

from __future__ import annotations

import mimetypes
from collections.abc import Iterator
from itertools import groupby
from pathlib import PurePath
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from redress.accounts.models import LA_ROLES, Organisation
from redress.audit.services import audit_record
from redress.casework import selectors, services
from redress.casework.advice_rule import ADVICE_RULE, advice_exceptions
from redress.casework.forms_advice import (
    AdviceFilterForm,
    AdviceReceivedForm,
    AdviceRequestForm,
)
from redress.casework.models import AdviceRequest, Deadline
from redress.casework.views_caseload import stream_csv
from redress.core.downloads import safe_filename
from redress.core.listing import page_of, query_without
from redress.core.status_words import status_words
from redress.core.versions import call_service
from redress.statutory.engine import today_in_london

Row = tuple[AdviceRequest, Deadline | None]


def _deadline_for(advice: AdviceRequest) -> Deadline | None:
    return Deadline.objects.filter(
        child_id=advice.child_id, rule=ADVICE_RULE.id, ref=advice.ref
    ).first()


# -- Lists ------------------------------------------------------------------------------------


def _advice_list(request: HttpRequest, *, mine: bool) -> tuple[AdviceFilterForm, Any]:
    """The list's filter form and the requests it leaves: every request the person may see, or
    those sent to them (`mine`, due soonest first unless another sort is asked for)."""
    data = request.GET.copy()
    if not data.get("sort") and (mine or not _works_for_an_authority(request.user)):
        # The requests someone must answer come most urgent first (decision 0174).
        data["sort"] = "urgency"
    form = AdviceFilterForm(data, organisations=selectors.advice_organisations(user=request.user))
    filters = form.filters()
    requests = selectors.advice_list(
        user=request.user, person=request.user if mine else None, **filters
    )
    return form, requests


def _works_for_an_authority(user: Any) -> bool:
    return bool(user.roles() & set(LA_ROLES))


def _rows(request: HttpRequest, requests: Any) -> list[Row]:
    """A page's rows with their deadlines, how many days overdue, whether to respond and
    whether the child's case opens for this person (decided for the page at once)."""
    rows = selectors.with_urgency(
        selectors.advice_with_deadlines(requests), user=request.user, today=today_in_london()
    )
    openable = selectors.children_openable(
        user=request.user, children=[advice.child for advice, _ in rows]
    )
    for advice, _ in rows:
        advice.child_openable = advice.child_id in openable  # type: ignore[attr-defined]
    return rows


def _grouped(rows: list[Row]) -> list[tuple[Organisation, list[Row]]]:
    """A page's rows under the organisation asked (the rows come sorted by it)."""
    return [
        (organisation, list(group))
        for organisation, group in groupby(rows, key=lambda row: row[0].recipient_organisation)
    ]


@login_required
@require_GET
def by_recipient(request: HttpRequest) -> HttpResponse:
    """Advice requests the user may see, filtered, 50 a page, grouped by the organisation
    asked (or in the order asked for)."""
    form, requests = _advice_list(request, mine=False)
    page = page_of(requests, request.GET.get("page"))
    rows = _rows(request, page.object_list)
    return render(
        request,
        "advice/by_recipient.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "groups": _grouped(rows),
            "by_organisation": form.sort_key == "organisation",
            "filtered": form.active,
            "total": page.paginator.count,
            "query": query_without(request, "page"),
        },
    )


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    """The advice requests sent to this person, due soonest first, 50 a page."""
    form, requests = _advice_list(request, mine=True)
    page = page_of(requests, request.GET.get("page"))
    return render(
        request,
        "advice/mine.html",
        {
            "form": form,
            "page": page,
            "rows": _rows(request, page.object_list),
            "filtered": form.active,
            "query": query_without(request, "page"),
        },
    )


EXPORT_COLUMNS = (
    "Child or young person",
    "Case number",
    "Type of advice",
    "Organisation asked",
    "Person asked",
    "Requested by",
    "Sent",
    "Due",
    "Received",
    "Status",
    "Legal source",
)


def _export_rows(requests: Any) -> Iterator[list[Any]]:
    """The requests as CSV rows, a chunk at a time, each with its clock's due date and status
    (the status read today, as the list shows it)."""
    today = today_in_london()
    for advice in requests.iterator(chunk_size=2000):
        status = advice.advice_status or ""
        if status in ("pending", "overdue"):
            status = "pending" if advice.advice_due >= today else "overdue"
        yield [
            advice.child.full_name,
            advice.child_id,
            advice.get_advice_type_display(),
            advice.recipient_organisation.name,
            advice.recipient_person.display_name if advice.recipient_person else "",
            advice.commissioned_by.name,
            advice.date_sent.isoformat(),
            advice.advice_due.isoformat() if advice.advice_due else "",
            advice.date_received.isoformat() if advice.date_received else "",
            status_words(status) if status else "Not calculated",
            ADVICE_RULE.citation,
        ]


@login_required
@require_GET
def export(request: HttpRequest) -> StreamingHttpResponse:
    """Every advice request the list shows (as filtered), as CSV; `?mine=1` for the requests
    sent to the person. Only what the person may see is in it."""
    mine = request.GET.get("mine") == "1"
    _, requests = _advice_list(request, mine=mine)
    return stream_csv(
        request,
        header=EXPORT_COLUMNS,
        rows=_export_rows(requests),
        filename="advice-requests.csv",
        summary="Exported the advice requests" + (" sent to them" if mine else "") + " as CSV",
        object_type="casework.AdviceRequest",
    )


# -- Asking for advice ------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def new(request: HttpRequest, child_pk: int) -> HttpResponse:
    child = selectors.child_get(user=request.user, pk=child_pk, perm="casework.change_child")
    if request.method == "POST":
        form = AdviceRequestForm(request.POST, child=child)
        if form.is_valid():
            data = form.cleaned_data
            advice = call_service(
                form,
                lambda: services.advice_request_create(
                    actor=request.user,
                    child=child,
                    advice_type=data["advice_type"],
                    recipient_organisation=data["recipient_organisation"],
                    recipient_person=data["recipient_person"],
                    commissioned_by=data["commissioned_by"],
                    date_sent=data["date_sent"],
                    employed_by_setting=data["employed_by_setting"],
                    paid_by=data["paid_by"],
                    would_deliver_provision=data["would_deliver_provision"],
                    relationship_notes=data["relationship_notes"],
                    conflict_reason=data["conflict_reason"],
                    expected_version=data["version"],
                ),
                child=child,
            )
            if advice is not None:
                messages.success(request, f"{advice} requested.")
                return redirect("advice:detail", pk=advice.pk)
    else:
        form = AdviceRequestForm(
            initial={"commissioned_by": child.local_authority_id, "version": child.version},
            child=child,
        )
    return render(request, "advice/new.html", {"form": form, "child": child})


# -- One request ------------------------------------------------------------------------------


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    advice = selectors.advice_request_get(user=request.user, pk=pk)
    child = advice.child
    conflicts = [
        c
        for c in selectors.conflicts_for_child(user=request.user, child=child)
        if c.advice_request.pk == advice.pk
    ]
    can_respond = request.user.has_perm("casework.respond_advicerequest", advice)
    can_except = (
        not advice.withdrawn
        and advice.date_received is None
        and request.user.has_perm(services.ADVICE_EXCEPTION_PERMISSION, advice)
    )
    audit_record(
        actor=request.user,
        action="view",
        obj=advice,
        child=child,
        summary=f"Viewed the advice request: {advice}",
    )
    received_form = None
    if can_respond:
        received_form = AdviceReceivedForm(
            initial={"date_received": advice.date_received, "version": child.version}
        )
    return render(
        request,
        "advice/detail.html",
        {
            "advice": advice,
            "child": child,
            "deadline": _deadline_for(advice),
            "rule": ADVICE_RULE,
            "conflicts": conflicts,
            "can_respond": can_respond,
            "received_form": received_form,
            "exceptions": advice_exceptions(),
            "can_except": can_except,
            "advice_exceptions_recorded": services.advice_exception_events(advice).select_related(
                "recorded_by", "withdrawn_by"
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def received(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark the advice received, with the document if there is one."""
    advice = selectors.advice_request_get(
        user=request.user, pk=pk, perm="casework.respond_advicerequest"
    )
    child = advice.child
    if request.method == "POST":
        form = AdviceReceivedForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            saved = call_service(
                form,
                lambda: services.advice_request_mark_received(
                    actor=request.user,
                    advice_request=advice,
                    date_received=data["date_received"],
                    document=data["document"] or None,
                    expected_version=data["version"],
                ),
                child=child,
            )
            if saved is not None:
                messages.success(request, "The advice is marked as received.")
                return redirect("advice:detail", pk=advice.pk)
        if form.errors and request.FILES:
            form.add_error(None, "Nothing was saved. If you chose a file, choose it again.")
    else:
        form = AdviceReceivedForm(
            initial={"date_received": advice.date_received, "version": child.version}
        )
    advice.refresh_from_db()
    return render(
        request,
        "advice/received.html",
        {"form": form, "advice": advice, "child": child, "deadline": _deadline_for(advice)},
    )


@login_required
@require_GET
def document(request: HttpRequest, pk: int) -> FileResponse:
    """The uploaded advice, read from MEDIA_ROOT for those allowed to see the request."""
    advice = selectors.advice_request_get(user=request.user, pk=pk)
    if not advice.document:
        raise Http404("No document has been uploaded for this advice request")
    name = PurePath(advice.document.name).name
    try:
        handle = advice.document.open("rb")
    except FileNotFoundError:
        raise Http404("The document is missing from storage") from None
    audit_record(
        actor=request.user,
        action="view",
        obj=advice,
        child=advice.child,
        summary=f"Downloaded the advice document {name}: {advice}",
    )
    extension = PurePath(name).suffix.lower()
    content_type = services.ALLOWED_UPLOADS.get(extension) or (
        mimetypes.guess_type(name)[0] or "application/octet-stream"
    )
    return FileResponse(
        handle, as_attachment=True, filename=safe_filename(name), content_type=content_type
    )
