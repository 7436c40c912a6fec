"""The conversation on a child's case: the family's page (`family:messages`) and the
professionals' page (`casework:messages`). Thin: the form checks input, services write,
selectors read; every read is audited and `Cache-Control: no-store` comes from
`PrivateResponseMiddleware`. Opening the page marks the other side's messages as seen."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from redress.audit.services import audit_record
from redress.casefile import selectors, services
from redress.casefile.forms import MessageForm
from redress.casefile.models import CaseMessage
from redress.casework.models import Child
from redress.casework.selectors import child_get
from redress.casework.views_caseload import stream_case_csv
from redress.core.listing import csv_moment, page_of
from redress.core.versions import call_service

FAMILY = "casefile.family_messages"
STAFF = "casefile.view_messages"


def _page_name(is_family: bool) -> str:
    return "family:messages" if is_family else "casework:messages"


def _conversation(request: HttpRequest, child: Child, *, is_family: bool) -> HttpResponse:
    user = request.user
    contacts = selectors.message_contacts(child) if is_family else []
    if is_family:
        found = selectors.messages_for_family(user=user, child=child)
        unseen = selectors.unseen_by_family(child)
        may_send = True
    else:
        found = selectors.messages_for_staff(user=user, child=child)
        unseen = selectors.unseen_by_staff(user=user, child=child)
        may_send = user.has_perm("casefile.send_message", child)
    recipients = [(c.organisation_id, c.body) for c in contacts]
    form = MessageForm(request.POST if request.method == "POST" else None, recipients=recipients)
    if request.method == "POST":
        if not may_send:
            raise PermissionDenied
        if form.is_valid():
            sent = call_service(
                form,
                lambda: services.case_message_send(
                    actor=user,
                    child=child,
                    text=form.cleaned_data["text"],
                    organisation_id=form.cleaned_data.get("to"),
                ),
            )
            if sent is not None:
                messages.success(request, "Your message has been sent.")
                return redirect(_page_name(is_family), pk=child.pk)
    else:
        services.case_messages_seen(actor=user, messages=unseen)
    page = page_of(found, request.GET.get("page"))
    audit_record(
        actor=user,
        action="view",
        obj=child,
        child=child,
        summary=f"Viewed the messages on the case (page {page.number})",
    )
    context: dict[str, Any] = {
        "back_url": _back_url(user, child, is_family=is_family),
        "child": child,
        "is_family": is_family,
        "contacts": contacts,
        "form": form,
        "may_send": may_send,
        "page": page,
        "withdraw_url": "family:message-withdraw" if is_family else "casework:message-withdraw",
    }
    return render(request, "casefile/messages.html", context)


def _back_url(user: Any, child: Child, *, is_family: bool) -> str:
    """The case page this person came from: the family's, the authority's, or (for a mediation
    provider's staff, who do not see the authority's case page) their mediation case."""
    if is_family:
        return reverse("family:case", args=[child.pk])
    if user.has_perm("casework.view_child", child):
        return reverse("casework:case-detail", args=[child.pk])
    case = (
        child.mediation_cases.filter(
            provider_id__in=selectors.message_organisations(user=user, child=child),
            withdrawn_at__isnull=True,
        )
        .order_by("-pk")
        .first()
    )
    return reverse("mediation:case-detail", args=[case.pk]) if case else reverse("core:home")


@require_http_methods(["GET", "POST"])
@login_required
def family_messages(request: HttpRequest, pk: int) -> HttpResponse:
    """The family (or a supporter with their consent) writes to the caseworker or provider."""
    child = child_get(user=request.user, pk=pk, perm=FAMILY)
    return _conversation(request, child, is_family=True)


@require_http_methods(["GET", "POST"])
@login_required
def staff_messages(request: HttpRequest, pk: int) -> HttpResponse:
    """The authority's staff, or a mediation provider's, read and answer the family."""
    child = child_get(user=request.user, pk=pk, perm=STAFF)
    return _conversation(request, child, is_family=False)


MESSAGE_EXPORT_COLUMNS = ("Sent", "From", "To", "Written by", "Message", "Seen", "Withdrawn")


def _message_rows(found: Any) -> Iterator[list[Any]]:
    for message in found.iterator(chunk_size=2000):
        family = "The family"
        organisation = message.organisation.name
        from_family = message.side == CaseMessage.Side.FAMILY
        yield [
            csv_moment(message.sent_at),
            family if from_family else organisation,
            organisation if from_family else family,
            message.sent_by.get_full_name() or message.sent_by.username,
            message.text,
            csv_moment(message.seen_at),
            csv_moment(message.withdrawn_at),
        ]


@require_GET
@login_required
def staff_messages_export(request: HttpRequest, pk: int) -> StreamingHttpResponse:
    """The conversation with the person's own authority or provider, every message (withdrawn
    ones marked), newest first, as CSV."""
    child = child_get(user=request.user, pk=pk, perm=STAFF)
    found = selectors.messages_for_staff(user=request.user, child=child)
    return stream_case_csv(
        request,
        child=child,
        header=MESSAGE_EXPORT_COLUMNS,
        rows=_message_rows(found),
        filename=f"case-messages-{child.pk}.csv",
        summary="Downloaded the messages on the case as CSV",
    )


def _withdraw(request: HttpRequest, pk: int, message_pk: int, *, is_family: bool) -> HttpResponse:
    child = child_get(user=request.user, pk=pk, perm=FAMILY if is_family else STAFF)
    message = selectors.message_get(user=request.user, child=child, pk=message_pk)
    try:
        services.case_message_withdraw(actor=request.user, message=message)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "You have withdrawn your message. We keep a record of it.")
    return redirect(_page_name(is_family), pk=child.pk)


@require_POST
@login_required
def family_message_withdraw(request: HttpRequest, pk: int, message_pk: int) -> HttpResponse:
    return _withdraw(request, pk, message_pk, is_family=True)


@require_POST
@login_required
def staff_message_withdraw(request: HttpRequest, pk: int, message_pk: int) -> HttpResponse:
    return _withdraw(request, pk, message_pk, is_family=False)
