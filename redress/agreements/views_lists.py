"""The agreements lists: agreements, agreed actions overdue and expenses claims, each filtered
and sorted by a GET form, 50 a page, and downloaded whole as filtered as a CSV (recorded in the
audit log); and the provider dashboard's certificates due as a CSV. No list carries the
mediator's notes or what was said at the meeting."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from redress.agreements import selectors
from redress.agreements import selectors_lists as lists
from redress.agreements.forms_lists import AgreementListForm, ClaimListForm, OverdueListForm
from redress.agreements.legal import EXPENSES
from redress.audit.services import audit_record
from redress.core.listing import csv_child_name, csv_date, csv_response, page_of, query_without
from redress.statutory.calendar import days_overdue
from redress.statutory.engine import today_in_london


def _export(
    request: HttpRequest,
    *,
    object_type: str,
    what: str,
    may: Callable[[Any], bool] = lists.may_export,
) -> None:
    """Refuse the download to those who may not make it; record it for those who may."""
    if not may(request.user):
        raise PermissionDenied
    audit_record(
        actor=request.user,
        action="download",
        object_type=object_type,
        summary=f"Exported {what} as CSV",
    )


def _provider_export(request: HttpRequest, *, object_type: str, what: str) -> None:
    """A download of the provider's own lists: its staff only, recorded like every download."""
    _export(request, object_type=object_type, what=what, may=selectors.is_provider_user)


# -- Agreements ------------------------------------------------------------------------------


def _agreement_form(request: HttpRequest) -> AgreementListForm:
    providers, authorities = lists.agreement_choices(request.user)
    return AgreementListForm(request.GET, providers=providers, authorities=authorities)


@require_GET
@login_required
def agreement_list(request: HttpRequest) -> HttpResponse:
    today = today_in_london()
    form = _agreement_form(request)
    page = page_of(
        lists.agreement_list(request.user, form.filters(), today), request.GET.get("page")
    )
    return render(
        request,
        "agreements/agreement_list.html",
        {
            "form": form,
            "page": page,
            "query": query_without(request, "page"),
            "overdue_count": lists.overdue_actions(request.user, {}, today).count(),
            "is_provider": selectors.is_provider_user(request.user),
            "can_export": lists.may_export(request.user),
        },
    )


AGREEMENT_COLUMNS = (
    "Agreement number",
    "Mediation case number",
    "Child or young person",
    "Local authority",
    "Mediation provider",
    "Date of the agreement",
    "Local authority a party",
    "Health commissioner a party",
)


def agreement_rows(agreements: Any) -> Iterator[list[Any]]:
    for agreement in agreements.iterator(chunk_size=2000):
        yield [
            agreement.pk,
            agreement.case_id,
            csv_child_name(agreement.case.child),
            agreement.case.child.local_authority.name,
            agreement.case.provider.name,
            csv_date(agreement.made_on),
            "yes" if agreement.la_party else "no",
            agreement.health_commissioner.name if agreement.health_commissioner else "",
        ]


@require_GET
@login_required
def agreement_list_export(request: HttpRequest) -> StreamingHttpResponse:
    _export(request, object_type="agreements.MediationAgreement", what="the agreements list")
    agreements = lists.agreement_list(
        request.user, _agreement_form(request).filters(), today_in_london()
    )
    return csv_response(
        header=AGREEMENT_COLUMNS, rows=agreement_rows(agreements), filename="agreements.csv"
    )


# -- Agreed actions overdue ------------------------------------------------------------------


def _overdue_form(request: HttpRequest) -> OverdueListForm:
    providers, authorities = lists.overdue_choices(request.user)
    return OverdueListForm(request.GET, providers=providers, authorities=authorities)


@require_GET
@login_required
def overdue(request: HttpRequest) -> HttpResponse:
    today = today_in_london()
    form = _overdue_form(request)
    page = page_of(
        lists.overdue_actions(request.user, form.filters(), today), request.GET.get("page")
    )
    rows = lists.overdue_rows(page.object_list, today)
    return render(
        request,
        "agreements/overdue.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "today": today,
            "query": query_without(request, "page"),
            "can_export": lists.may_export(request.user),
        },
    )


OVERDUE_COLUMNS = (
    "Agreement number",
    "Child or young person",
    "Local authority",
    "Mediation provider",
    "Action",
    "Who",
    "Was due",
    "Days overdue",
)


def overdue_csv_rows(actions: Any, today: Any) -> Iterator[list[Any]]:
    for action in actions.iterator(chunk_size=2000):
        case = action.agreement.case
        yield [
            action.agreement_id,
            csv_child_name(case.child),
            case.child.local_authority.name,
            case.provider.name,
            action.what,
            action.who,
            csv_date(action.was_due),
            days_overdue(action.was_due, today),
        ]


@require_GET
@login_required
def overdue_export(request: HttpRequest) -> StreamingHttpResponse:
    _export(request, object_type="agreements.AgreedAction", what="the agreed actions overdue")
    today = today_in_london()
    actions = lists.overdue_actions(request.user, _overdue_form(request).filters(), today)
    return csv_response(
        header=OVERDUE_COLUMNS,
        rows=overdue_csv_rows(actions, today),
        filename="agreed-actions-overdue.csv",
    )


# -- Expenses claims -------------------------------------------------------------------------


def _claim_form(request: HttpRequest) -> ClaimListForm:
    providers, authorities = lists.claim_choices(request.user)
    return ClaimListForm(request.GET, providers=providers, authorities=authorities)


@require_GET
@login_required
def expenses_list(request: HttpRequest) -> HttpResponse:
    """Claims the user may see: the payer's queue to decide, the provider's record."""
    form = _claim_form(request)
    page = page_of(lists.claim_list(request.user, form.filters()), request.GET.get("page"))
    claims = list(page.object_list)
    decidable = {c.pk for c in claims if request.user.has_perm("agreements.decide_claim", c)}
    return render(
        request,
        "agreements/expenses_list.html",
        {
            "form": form,
            "page": page,
            "claims": claims,
            "decidable": decidable,
            "expenses_law": EXPENSES,
            "query": query_without(request, "page"),
            "can_export": lists.may_export(request.user),
        },
    )


CLAIM_COLUMNS = (
    "Claim number",
    "Mediation case number",
    "Child or young person",
    "Local authority",
    "Mediation provider",
    "Who incurred the expense",
    "Kind of expense",
    "What it was for",
    "Amount in pounds",
    "Spent on",
    "Who pays",
    "Decision",
    "Reasons for the decision",
    "Decided on",
)


def claim_rows(claims: Any) -> Iterator[list[Any]]:
    for claim in claims.iterator(chunk_size=2000):
        yield [
            claim.pk,
            claim.case_id,
            csv_child_name(claim.case.child),
            claim.case.child.local_authority.name,
            claim.case.provider.name,
            claim.claimant_name,
            claim.get_category_display(),
            claim.description,
            claim.amount,
            csv_date(claim.incurred_on),
            claim.get_payer_display(),
            claim.get_status_display(),
            claim.reasons,
            csv_date(claim.decided_on),
        ]


@require_GET
@login_required
def expenses_export(request: HttpRequest) -> StreamingHttpResponse:
    _export(request, object_type="agreements.ExpensesClaim", what="the expenses claims")
    claims = lists.claim_list(request.user, _claim_form(request).filters())
    return csv_response(
        header=CLAIM_COLUMNS, rows=claim_rows(claims), filename="expenses-claims.csv"
    )


# -- The provider dashboard ------------------------------------------------------------------


@require_GET
@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    board = selectors.provider_dashboard(request.user)
    return render(request, "agreements/dashboard.html", {"board": board})


CERTIFICATE_COLUMNS = ("Child or young person", "Local authority", "Certificate", "Due by",
                       "Overdue", "Law")  # fmt: skip


def certificate_rows(deadlines: Any) -> Iterator[list[Any]]:
    for deadline in deadlines.select_related("child__local_authority").iterator(chunk_size=2000):
        yield [
            csv_child_name(deadline.child),
            deadline.child.local_authority.name,
            deadline.title,
            csv_date(deadline.due),
            "yes" if deadline.status == "overdue" else "no",
            deadline.citation,
        ]


MEETING_COLUMNS = ("Case number", "Child or young person", "Date", "Start", "Place", "By video")


def meeting_rows(meetings: Any) -> Iterator[list[Any]]:
    for meeting in meetings.iterator(chunk_size=2000):
        yield [
            meeting.case.child_id,
            csv_child_name(meeting.case.child),
            csv_date(meeting.meeting_date),
            meeting.start_time.strftime("%H:%M") if meeting.start_time else "",
            meeting.place,
            "yes" if meeting.video_link else "no",
        ]


@require_GET
@login_required
def meetings_this_week_export(request: HttpRequest) -> StreamingHttpResponse:
    """Every meeting the provider has arranged from today to Sunday, as CSV (its staff)."""
    _provider_export(
        request, object_type="mediation.MediationMeeting", what="this week's mediation meetings"
    )
    return csv_response(
        header=MEETING_COLUMNS,
        rows=meeting_rows(selectors.provider_meetings_this_week(request.user, today_in_london())),
        filename="mediation-meetings-this-week.csv",
    )


@require_GET
@login_required
def certificates_due_export(request: HttpRequest) -> StreamingHttpResponse:
    """Every certificate the provider has still to issue, as CSV (the provider's staff)."""
    _provider_export(request, object_type="casework.Deadline", what="the certificates due")
    return csv_response(
        header=CERTIFICATE_COLUMNS,
        rows=certificate_rows(selectors.provider_certificates_due(request.user)),
        filename="certificates-due.csv",
    )
