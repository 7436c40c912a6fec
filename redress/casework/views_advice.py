"""Advice request pages. Views are thin: forms check input, services
write, selectors read. Every due date shown comes from the deadline table the engine fills."""

from __future__ import annotations

import mimetypes
from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from redress.accounts.models import Organisation
from redress.audit.services import audit_record
from redress.casework import selectors, services
from redress.casework.advice_rule import ADVICE_RULE, advice_exceptions
from redress.casework.forms_advice import (
    AdviceFilterForm,
    AdviceReceivedForm,
    AdviceRequestForm,
)
from redress.casework.models import AdviceRequest, Deadline
from redress.core.downloads import safe_filename
from redress.core.versions import call_service

Row = tuple[AdviceRequest, Deadline | None]


def _deadline_for(advice: AdviceRequest) -> Deadline | None:
    return Deadline.objects.filter(
        child_id=advice.child_id, rule=ADVICE_RULE.id, ref=advice.ref
    ).first()


def _filtered(
    grouped: dict[Organisation, list[Row]], advice_type: str, status: str
) -> list[tuple[Organisation, list[Row]]]:
    result = []
    for organisation, rows in grouped.items():
        kept = [
            (advice, deadline)
            for advice, deadline in rows
            if (not advice_type or advice.advice_type == advice_type)
            and (not status or (deadline is not None and deadline.status == status))
        ]
        if kept:
            result.append((organisation, kept))
    return result


# -- Lists ------------------------------------------------------------------------------------


@login_required
@require_GET
def by_recipient(request: HttpRequest) -> HttpResponse:
    """Advice requests the user may see, grouped by the organisation asked."""
    form = AdviceFilterForm(request.GET or None)
    advice_type, status = form.values()
    groups = _filtered(selectors.advice_by_recipient(user=request.user), advice_type, status)
    return render(
        request,
        "advice/by_recipient.html",
        {
            "form": form,
            "groups": groups,
            "filtered": bool(advice_type or status),
            "total": sum(len(rows) for _, rows in groups),
        },
    )


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    """The advice requests sent to this person."""
    user_pk = request.user.pk
    rows = [
        row
        for rows in selectors.advice_by_recipient(user=request.user).values()
        for row in rows
        if row[0].recipient_person_id == user_pk
    ]
    rows.sort(key=lambda row: (row[1].due if row[1] else row[0].date_sent, row[0].pk))
    return render(request, "advice/mine.html", {"rows": rows})


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
