"""Reminder preferences, calendar feeds, and the administrator's page of failed messages."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from redress.audit.services import audit_record
from redress.core.downloads import content_disposition
from redress.core.forms import add_service_errors
from redress.core.listing import csv_response, page_of, query_without
from redress.notifications import selectors, services
from redress.notifications.calendar_feed import (
    calendar_token_create,
    calendar_token_revoke,
    events_for,
    render_ics,
    user_for_token,
)
from redress.notifications.channels import sms_available
from redress.notifications.forms import FailuresFilterForm, FamilyPreferenceForm, PreferenceForm
from redress.notifications.models import CalendarToken, Message, NotificationPreference


@require_http_methods(["GET", "POST"])
@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    """A person's own reminder choices; a family member also chooses email or text messages
    and how early to hear. Only ever the signed-in person's own (there is no other to open)."""
    user: Any = request.user
    current = selectors.preference_for(user)
    family = selectors.is_family_member(user)
    initial: dict[str, Any] = {
        "delivery": current.delivery if current else NotificationPreference.Delivery.SINGLE
    }
    form: PreferenceForm
    if family:
        initial |= {
            "channels": current.channels if current else NotificationPreference.Channels.EMAIL,
            "mobile_number": current.mobile_number if current else "",
            "lead_weeks": str(current.lead_weeks) if current and current.lead_weeks else "",
        }
        form = FamilyPreferenceForm(request.POST or None, initial=initial)
    else:
        form = PreferenceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if family:
                services.preference_set(
                    user=user,
                    delivery=data["delivery"],
                    channels=data["channels"],
                    mobile_number=data["mobile_number"],
                    lead_weeks=data["lead_weeks"],
                )
            else:
                services.preference_set(user=user, delivery=data["delivery"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "We have saved how you want your reminders.")
            return redirect("notifications:preferences")
    if request.method == "GET" and current is not None and current.mobile_number:
        # The page shows the person's own mobile number: a read of personal data.
        audit_record(
            actor=user, action="view", obj=current, summary="Saw their own reminder choices"
        )
    return render(
        request,
        "notifications/preferences.html",
        {"form": form, "family": family, "sms_available": sms_available()},
    )


# -- Calendar feeds -------------------------------------------------------------------------


def _feed_url(request: HttpRequest, token: str) -> str:
    return request.build_absolute_uri(f"/calendar/{token}.ics")


@require_GET
@login_required
def calendar(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    tokens = CalendarToken.objects.filter(user=user, revoked_at__isnull=True)
    return render(request, "notifications/calendar.html", {"tokens": tokens})


@require_POST
@login_required
def calendar_new(request: HttpRequest) -> HttpResponse:
    token = calendar_token_create(user=request.user)
    return render(
        request,
        "notifications/calendar_new.html",
        {
            "feed_url": _feed_url(request, token),
            "webcal_url": _feed_url(request, token)
            .replace("https://", "webcal://")
            .replace("http://", "webcal://"),
        },
    )


@require_POST
@login_required
def calendar_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(CalendarToken, pk=pk, user=request.user)
    calendar_token_revoke(user=request.user, token=token)
    messages.success(request, "That calendar address no longer works.")
    return redirect("notifications:calendar")


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    user = user_for_token(token)
    if user is None:
        raise Http404("No such calendar")
    body = render_ics(
        events_for(user, base_url=settings.REDRESS_BASE_URL.rstrip("/")),
        name="Redress deadlines",
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = content_disposition("redress.ics", attachment=False)
    response["Cache-Control"] = "private, max-age=0, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


# -- The administrator's page ---------------------------------------------------------------


def _require_admin(request: HttpRequest) -> None:
    if not selectors.is_notifications_admin(request.user):
        raise PermissionDenied


@require_GET
@login_required
def failures(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    form, messages_found = _problems(request)
    page = page_of(messages_found, request.GET.get("page"))
    return render(
        request,
        "notifications/failures.html",
        {"form": form, "page": page, "query": query_without(request, "page")},
    )


def _problems(request: HttpRequest) -> tuple[FailuresFilterForm, Any]:
    form = FailuresFilterForm(request.GET)
    found = selectors.problem_messages(
        problem=form.value("problem"),
        channel=form.value("channel"),
        since=form.value("since"),
        until=form.value("until"),
        sort=form.sort_key,
    )
    return form, found


FAILURE_EXPORT_COLUMNS = (
    "Message",
    "Template",
    "Channel",
    "To",
    "Status",
    "Tries",
    "Next try",
    "Last error",
    "Made",
)


def _failure_rows(found: Any) -> Iterator[list[Any]]:
    words = {"sending": "Interrupted", "failed": "Failed", "pending": "Will try again"}
    for message in found.iterator(chunk_size=2000):
        yield [
            message.pk,
            message.template,
            message.get_channel_display(),
            message.to_address,
            words.get(message.status, message.status),
            message.attempts,
            (
                timezone.localtime(message.next_attempt_at).strftime("%Y-%m-%d %H:%M")
                if message.status == "pending"
                else ""
            ),
            message.last_error,
            timezone.localtime(message.created_at).strftime("%Y-%m-%d %H:%M"),
        ]


@require_GET
@login_required
def failures_export(request: HttpRequest) -> StreamingHttpResponse:
    """The messages that failed, as filtered, every one, as CSV (administrators)."""
    _require_admin(request)
    _, found = _problems(request)
    audit_record(
        actor=request.user,
        action="download",
        object_type="notifications.Message",
        summary="Exported the messages that failed as CSV",
    )
    return csv_response(
        header=FAILURE_EXPORT_COLUMNS, rows=_failure_rows(found), filename="messages-failed.csv"
    )


@require_POST
@login_required
def failure_retry(request: HttpRequest, pk: int) -> HttpResponse:
    _require_admin(request)
    message = get_object_or_404(Message, pk=pk)
    if services.message_retry(actor=request.user, message=message):
        messages.success(request, f"Message {message.pk} will be sent again on the next run.")
    else:
        messages.info(request, f"Message {message.pk} cannot be sent again from here.")
    return redirect("notifications:failures")
