"""An annual review's record (who was invited and came, the documents circulated, the child's
views, progress towards each outcome) and the review schedule by school and term. Views are
thin: forms check input, services write, selectors read; every read of a child is audited by
the selectors and `Cache-Control: no-store` comes from `PrivateResponseMiddleware`."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from redress.accounts.models import LA_ROLES
from redress.audit.reads import record_reads
from redress.casework.views_caseload import stream_csv
from redress.core.form_page import form_page
from redress.core.listing import csv_child_name, csv_date, page_of, query_without
from redress.plans import selectors, selectors_review, services
from redress.plans.forms_review import (
    AttendanceForm,
    DirectPaymentDueForm,
    OutcomeProgressForm,
    ParticipantForm,
    ReviewDocumentForm,
    ReviewScheduleForm,
    ReviewViewForm,
)
from redress.plans.legal import REG_11_DP_REVIEW
from redress.plans.models import ReviewCycle
from redress.plans.views import CHANGE, _save
from redress.statutory.engine import today_in_london
from redress.statutory.rules import rule_row

PARTS = {
    "attendance": ("Who was invited and who attended", "plans/review_attendance.html"),
    "documents": ("Review report and advice circulated", "plans/review_documents.html"),
    "views": ("The child's or young person's views", "plans/review_views.html"),
    "outcomes": ("Progress towards the outcomes", "plans/review_outcomes.html"),
}


def _part_page(
    request: HttpRequest,
    pk: int,
    part: str,
    make_form: Callable[[ReviewCycle, Any], forms.Form],
    write: Callable[[ReviewCycle, dict[str, Any]], Any],
    done: str,
) -> HttpResponse:
    """One part of the review's record: what is recorded, and (for those who may record) a
    form to add to it."""
    cycle = selectors.review_get(user=request.user, pk=pk)
    can_change = request.user.has_perm(CHANGE, cycle.child)
    if request.method == "POST" and not can_change:
        raise PermissionDenied
    form = make_form(cycle, request.POST or None) if can_change else None
    if (
        request.method == "POST"
        and form is not None
        and _save(request, form, cycle.child, lambda d: write(cycle, d))
    ):
        messages.success(request, done)
        return redirect(request.path)
    heading, template = PARTS[part]
    return render(
        request,
        template,
        {
            "cycle": cycle,
            "child": cycle.child,
            "plan": cycle.plan,
            "record": selectors_review.review_record(user=request.user, cycle=cycle),
            "form": form,
            "heading": heading,
            "can_change": can_change,
            "version": cycle.child.version,
        },
    )


def _initial(cycle: ReviewCycle) -> dict[str, Any]:
    return {"version": cycle.child.version}


@require_http_methods(["GET", "POST"])
@login_required
def review_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    return _part_page(
        request, pk, "attendance",
        lambda cycle, data: ParticipantForm(data, initial=_initial(cycle)),
        lambda cycle, d: services.review_participant_add(
            actor=request.user, cycle=cycle, **d),
        "Saved who was invited.",
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@login_required
def review_attendance_record(request: HttpRequest, pk: int) -> HttpResponse:
    """Whether one person invited attended the meeting."""
    participant = selectors_review.participant_get(user=request.user, pk=pk)
    cycle = participant.cycle
    form = AttendanceForm(request.POST or None, initial=_initial(cycle))
    if request.method == "POST" and _save(
        request, form, cycle.child,
        lambda d: services.review_attendance_record(
            actor=request.user, participant=participant, **d),
    ):  # fmt: skip
        messages.success(request, f"Saved whether {participant.name} attended.")
        return redirect("plans:review-attendance", pk=cycle.pk)
    return form_page(
        request,
        form=form,
        title=f"Did {participant.name} attend the review meeting?",
        caption=cycle.child.full_name,
        child=cycle.child,
        back=reverse("plans:review-attendance", args=[cycle.pk]),
    )


@require_http_methods(["GET", "POST"])
@login_required
def review_documents(request: HttpRequest, pk: int) -> HttpResponse:
    return _part_page(
        request, pk, "documents",
        lambda cycle, data: ReviewDocumentForm(
            data, initial=_initial(cycle),
            documents=selectors_review.documents_to_link(cycle)),
        lambda cycle, d: services.review_document_add(
            actor=request.user, cycle=cycle, **d),
        "Document linked to the review.",
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@login_required
def review_views(request: HttpRequest, pk: int) -> HttpResponse:
    return _part_page(
        request, pk, "views",
        lambda cycle, data: ReviewViewForm(data, initial=_initial(cycle)),
        lambda cycle, d: services.review_view_add(actor=request.user, cycle=cycle, **d),
        "Views saved.",
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@login_required
def review_outcomes(request: HttpRequest, pk: int) -> HttpResponse:
    return _part_page(
        request, pk, "outcomes",
        lambda cycle, data: OutcomeProgressForm(
            data, initial=_initial(cycle), outcomes=cycle.plan.outcomes.all()),
        lambda cycle, d: services.outcome_progress_record(
            actor=request.user, cycle=cycle, **d),
        "Progress saved.",
    )  # fmt: skip


# -- The review schedule -----------------------------------------------------------------------


def _schedule_form(request: HttpRequest) -> tuple[ReviewScheduleForm, Any]:
    if not request.user.roles() & set(LA_ROLES):  # type: ignore[union-attr]
        raise PermissionDenied
    today = today_in_london()
    form = ReviewScheduleForm(
        request.GET,
        terms=selectors_review.schedule_terms(today),
        schools=selectors_review.schedule_schools(request.user),
    )
    rows = selectors_review.review_schedule(
        user=request.user, today=today, term=form.chosen_term(), school=form.value("school"),
        sort=form.sort_key,
    )  # fmt: skip
    return form, rows


@require_GET
@login_required
def review_schedule(request: HttpRequest) -> HttpResponse:
    """The annual reviews due by school and term, so that meetings are arranged in good time
    for the notice and the advice (reg 20(3)-(4)); the authority's staff only."""
    form, rows = _schedule_form(request)
    page = page_of(rows, request.GET.get("page"))
    record_reads(d.child_id for d in page.object_list)
    return render(
        request,
        "plans/review_schedule.html",
        {
            "form": form,
            "page": page,
            "rows": [(d, selectors_review.term_of(d.due)) for d in page.object_list],
            "query": query_without(request, "page"),
            "last_term": list(form.terms.values())[-1],
            "annual": rule_row("review.annual"),
            "notice": rule_row("review.meeting_notice"),
        },
    )


SCHEDULE_COLUMNS = (
    "Child or young person",
    "Case number",
    "School or setting",
    "Review due",
    "Term",
    "State",
    "Meeting planned for",
    "Invitations due by",
)


def _schedule_rows(rows: Any) -> Iterator[list[Any]]:
    for d in rows.iterator(chunk_size=2000):
        yield [
            csv_child_name(d.child),
            d.child_id,
            d.child.setting.name if d.child.setting else "",
            csv_date(d.due),
            selectors_review.term_of(d.due),
            d.current_status,
            csv_date(d.meeting_on),
            csv_date(d.invitations_due),
        ]


@require_GET
@login_required
def review_schedule_export(request: HttpRequest) -> StreamingHttpResponse:
    """The review schedule as filtered, every row, as CSV."""
    form, rows = _schedule_form(request)
    return stream_csv(
        request,
        header=SCHEDULE_COLUMNS,
        rows=_schedule_rows(rows),
        filename="annual-review-schedule.csv",
        summary="Exported the annual review schedule as CSV",
        object_type="casework.Deadline",
    )


def _direct_payments(request: HttpRequest) -> tuple[DirectPaymentDueForm, bool, Any]:
    if not request.user.roles() & set(LA_ROLES):  # type: ignore[union-attr]
        raise PermissionDenied
    form = DirectPaymentDueForm(request.GET)
    due_only = form.value("show") != "all"
    budgets = selectors_review.direct_payments_to_review(
        user=request.user, today=today_in_london(), due_only=due_only, sort=form.sort_key
    )
    return form, due_only, budgets


@require_GET
@login_required
def direct_payments_due(request: HttpRequest) -> HttpResponse:
    """Direct payments whose review date (the authority's own) has come, or every one set: the
    reminder to review them (Personal Budgets Regulations 2014 reg 11; decision 0171)."""
    form, due_only, budgets = _direct_payments(request)
    today = today_in_london()
    page = page_of(budgets, request.GET.get("page"))
    record_reads(b.plan.child_id for b in page.object_list)
    return render(
        request,
        "plans/direct_payments_due.html",
        {
            "form": form,
            "page": page,
            "query": query_without(request, "page"),
            "today": today,
            "due_only": due_only,
            "citation": REG_11_DP_REVIEW,
        },
    )


DIRECT_PAYMENT_COLUMNS = ("Child or young person", "Case number", "Review date set")


@require_GET
@login_required
def direct_payments_due_export(request: HttpRequest) -> StreamingHttpResponse:
    """The direct payments list as filtered and sorted, every row, as CSV."""
    _form, _due_only, budgets = _direct_payments(request)
    rows = (
        [csv_child_name(b.plan.child), b.plan.child_id, csv_date(b.direct_payments_review_on)]
        for b in budgets.iterator(chunk_size=2000)
    )
    return stream_csv(
        request,
        header=DIRECT_PAYMENT_COLUMNS,
        rows=rows,
        filename="direct-payments-to-review.csv",
        summary="Exported the direct payments to review as CSV",
        object_type="plans.PersonalBudget",
    )
