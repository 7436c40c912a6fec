"""Pages for running mediation day to day: the mediator's meetings and availability, opening a
document shared before the meeting, and what the case page adds (links to the agreement and
expenses, warnings about the meeting, the "cannot be arranged in time" prompt)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_http_methods

from redress.accounts.models import Role
from redress.audit.services import audit_record
from redress.casework.permissions import organisation_ids
from redress.core.forms import add_service_errors
from redress.mediation import schedule, selectors, selectors_meetings
from redress.mediation.forms import AvailabilityForm
from redress.mediation.models import (
    MediationCase,
    MediationMeeting,
    MediatorAvailability,
    Outcome,
    SharedDocument,
)


def may_open_document(user: Any, case: MediationCase, document: SharedDocument) -> bool:
    """The provider's staff, and the attendees it was shared with (by their sign-in)."""
    if user.has_perm("mediation.change_case", case):
        return True
    return document.shared_with.filter(user=user, withdrawn_on__isnull=True).exists()


def case_page_extras(
    user: Any, case: MediationCase, meeting: MediationMeeting | None, shared: Any
) -> dict[str, Any]:
    links: list[tuple[str, str]] = []
    agreement = getattr(case, "agreement", None) if hasattr(case, "agreement") else None
    if agreement is not None and user.has_perm("agreements.view_agreement", agreement):
        links.append(
            ("Open the written agreement", reverse("agreements:detail", args=[agreement.pk]))
        )
    elif case.outcome in (Outcome.AGREEMENT, Outcome.PARTIAL) and user.has_perm(
        "agreements.add_agreement", case
    ):
        links.append(("Write the agreement", reverse("agreements:case", args=[case.pk])))
    if case.family_choice == "wishes" and user.has_perm("agreements.add_claim", case):
        links.append(("Expenses claims", reverse("agreements:case-expenses", args=[case.pk])))
    can_change = user.has_perm("mediation.change_case", case)
    warnings: list[str] = []
    if can_change and meeting is not None and meeting.status == MediationMeeting.Status.SCHEDULED:
        warnings = schedule.meeting_warnings(
            case, meeting.meeting_date, meeting.start_time, meeting.end_time
        )
    unconfirmed: list[str] = []
    if can_change and meeting is not None and meeting.status == MediationMeeting.Status.SCHEDULED:
        confirmed = selectors_meetings.attendees_confirmed_on(meeting)
        if confirmed:
            recipients = selectors_meetings.confirmation_recipients(case)
            unconfirmed = [a.name for a in recipients if a.pk not in confirmed]
    return {
        "unconfirmed_attendees": unconfirmed,
        "agreement_links": links,
        "meeting_warnings": warnings,
        "not_arranged_prompt": schedule.not_arranged_prompt(case) if can_change else None,
        "openable_documents": {d.pk for d in shared if may_open_document(user, case, d)},
    }


def warn_about_meeting(request: HttpRequest, case: MediationCase, slug: str) -> None:
    """After arranging or changing a meeting, say what to check (nothing is refused)."""
    if slug not in ("schedule", "meeting-details"):
        return
    meeting = case.current_meeting
    if meeting is None:
        return
    for warning in schedule.meeting_warnings(
        case, meeting.meeting_date, meeting.start_time, meeting.end_time
    ):
        messages.warning(request, warning)


@require_GET
@login_required
def shared_document(request: HttpRequest, pk: int, document_pk: int) -> FileResponse:
    case = selectors.mediation_case_get(user=request.user, pk=pk)
    document = case.shared_documents.filter(pk=document_pk).exclude(document="").first()
    if document is None or not may_open_document(request.user, case, document):
        raise Http404("No such document")
    audit_record(
        actor=request.user,
        action="view",
        obj=document,
        child=case.child,
        summary="Opened a document shared before the mediation",
    )
    name = document.document.name.rsplit("/", 1)[-1]
    response = FileResponse(document.document.open("rb"), content_type="application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(True, name) or "attachment"
    add_never_cache_headers(response)
    return response


def is_mediator(user: Any) -> bool:
    return bool(organisation_ids(user, (Role.MEDIATOR,)))


@require_http_methods(["GET", "POST"])
@login_required
def availability(request: HttpRequest) -> HttpResponse:
    if not is_mediator(request.user):
        raise Http404("No such page")
    form = AvailabilityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            schedule.availability_add(
                actor=request.user,
                weekday=d["weekday"],
                start_time=d["start_time"],
                end_time=d["end_time"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Availability added.")
            return redirect("mediation:availability")
    return render(
        request,
        "mediation/availability.html",
        {
            "form": form,
            "slots": MediatorAvailability.objects.filter(mediator_id=request.user.pk),
        },
    )
