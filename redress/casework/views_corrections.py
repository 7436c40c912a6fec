"""Correcting or withdrawing a recorded step of a case (decision 0100).

Whoever may record a step may correct or withdraw it. The page shows the step's history (every
earlier value, who changed it, when and why) and what already followed from it: a letter already
generated for it stays as it is, and the page says what to do if it was wrong.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from redress.audit.services import audit_record
from redress.casework import selectors, services
from redress.casework.forms import EventForm, correction_form_class, event_initial
from redress.casework.forms_advice import (
    AdviceCorrectionForm,
    AdviceRecipientCorrectionForm,
    advice_correction_initial,
    advice_recipient_initial,
)
from redress.casework.models import AdviceRequest, CaseEvent, Child
from redress.core.corrections import StepWithdrawForm
from redress.core.versions import call_service, withdraw_step

PERM = "casework.change_child"


def _event(request: HttpRequest, pk: int, event_pk: int) -> tuple[Child, CaseEvent]:
    child = selectors.child_get(user=request.user, pk=pk, perm=PERM)
    return child, selectors.case_event_get(user=request.user, child=child, pk=event_pk)


def _event_page(
    request: HttpRequest,
    child: Child,
    event: CaseEvent,
    form: EventForm,
    withdraw: StepWithdrawForm,
) -> HttpResponse:
    audit_record(
        actor=request.user,
        action="view",
        obj=event,
        child=child,
        summary=f"Viewed the step to correct or withdraw it: {event}",
    )
    return render(
        request,
        "casework/event_correct.html",
        {
            "child": child,
            "step": event,
            "form": form,
            "withdraw": withdraw,
            "history": selectors.step_history(event),
            "letters": selectors.letters_for_step(event),
            "weighings": list(event.weighings.select_related("advice_request")),
        },
    )


def _withdraw_form(step: Any, data: Any = None) -> StepWithdrawForm:
    return StepWithdrawForm(data, initial={"version": step.version}, prefix="withdraw")


@require_http_methods(["GET", "POST"])
@login_required
def event_correct(request: HttpRequest, pk: int, event_pk: int) -> HttpResponse:
    """The step's own form, filled in as recorded, with why it is being corrected."""
    child, event = _event(request, pk, event_pk)
    form_class = correction_form_class(event.type)
    if request.method == "POST" and not event.withdrawn:
        form = form_class(request.POST, child=child)
        if form.is_valid():
            corrected = call_service(
                form,
                lambda: services.case_event_correct(
                    actor=request.user,
                    event=event,
                    date=form.cleaned_data["date"],
                    details=form.details(),
                    reasons=form.reasons_text(),
                    reason=form.cleaned_data["reason"],
                    expected_version=form.cleaned_data.get("version"),
                ),
                record=event,
            )
            if corrected is not None:
                messages.success(
                    request,
                    f"Step corrected: {corrected}. The earlier values are kept in its history.",
                )
                return redirect("casework:case-detail", pk=child.pk)
        event.refresh_from_db()
    else:
        form = form_class(initial=event_initial(event), child=child)
    return _event_page(request, child, event, form, _withdraw_form(event))


@require_http_methods(["POST"])
@login_required
def event_withdraw(request: HttpRequest, pk: int, event_pk: int) -> HttpResponse:
    child, event = _event(request, pk, event_pk)
    withdraw = _withdraw_form(event, request.POST)
    service = partial(services.case_event_withdraw, event=event)
    withdrawn = withdraw_step(request, withdraw, event, service)
    if withdrawn is not None:
        messages.success(
            request,
            f"Step withdrawn as recorded in error: {withdrawn}. It stays on the case, "
            "and its deadlines were worked out again without it.",
        )
        return redirect("casework:case-detail", pk=child.pk)
    form = correction_form_class(event.type)(initial=event_initial(event), child=child)
    return _event_page(request, child, event, form, withdraw)


# -- Advice requests -------------------------------------------------------------------------


def _advice(request: HttpRequest, pk: int, advice_pk: int) -> tuple[Child, AdviceRequest]:
    child = selectors.child_get(user=request.user, pk=pk, perm=PERM)
    return child, selectors.case_advice_request_get(user=request.user, child=child, pk=advice_pk)


def _advice_page(
    request: HttpRequest,
    child: Child,
    advice: AdviceRequest,
    form: AdviceCorrectionForm,
    withdraw: StepWithdrawForm,
) -> HttpResponse:
    audit_record(
        actor=request.user,
        action="view",
        obj=advice,
        child=child,
        summary=f"Viewed the advice request to correct or withdraw it: {advice}",
    )
    return render(
        request,
        "casework/advice_correct.html",
        {
            "child": child,
            "step": advice,
            "form": form,
            "withdraw": withdraw,
            "history": selectors.step_history(advice),
            "letters": selectors.letters_for_step(advice),
            "weighings": list(advice.weighings.select_related("decision")),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def advice_correct(request: HttpRequest, pk: int, advice_pk: int) -> HttpResponse:
    child, advice = _advice(request, pk, advice_pk)
    if request.method == "POST" and not advice.withdrawn:
        form = AdviceCorrectionForm(request.POST, child=child)
        if form.is_valid():
            data = form.cleaned_data
            corrected = call_service(
                form,
                lambda: services.advice_request_correct(
                    actor=request.user,
                    advice_request=advice,
                    date_sent=data["date_sent"],
                    date_received=data["date_received"],
                    employed_by_setting=data["employed_by_setting"],
                    paid_by=data["paid_by"],
                    would_deliver_provision=data["would_deliver_provision"],
                    relationship_notes=data["relationship_notes"],
                    reason=data["reason"],
                    expected_version=data["version"],
                ),
                record=advice,
            )
            if corrected is not None:
                messages.success(
                    request,
                    f"Advice request corrected: {corrected}. The earlier values are kept in its "
                    "history.",
                )
                return redirect("casework:case-detail", pk=child.pk)
        advice.refresh_from_db()
    else:
        form = AdviceCorrectionForm(initial=advice_correction_initial(advice), child=child)
    return _advice_page(request, child, advice, form, _withdraw_form(advice))


@require_http_methods(["POST"])
@login_required
def advice_withdraw(request: HttpRequest, pk: int, advice_pk: int) -> HttpResponse:
    child, advice = _advice(request, pk, advice_pk)
    withdraw = _withdraw_form(advice, request.POST)
    service = partial(services.advice_request_withdraw, advice_request=advice)
    withdrawn = withdraw_step(request, withdraw, advice, service)
    if withdrawn is not None:
        messages.success(
            request,
            f"Advice request withdrawn as made in error: {withdrawn}. It stays on the case, "
            "and the time for the advice is no longer counted.",
        )
        return redirect("casework:case-detail", pk=child.pk)
    form = AdviceCorrectionForm(initial=advice_correction_initial(advice), child=child)
    return _advice_page(request, child, advice, form, withdraw)


@require_http_methods(["GET", "POST"])
@login_required
def advice_recipient_correct(request: HttpRequest, pk: int, advice_pk: int) -> HttpResponse:
    """Correct who the advice request was sent to (decision 0131)."""
    child, advice = _advice(request, pk, advice_pk)
    if request.method == "POST" and not advice.withdrawn:
        form = AdviceRecipientCorrectionForm(request.POST, child=child)
        if form.is_valid():
            data = form.cleaned_data
            corrected = call_service(
                form,
                lambda: services.advice_request_recipient_correct(
                    actor=request.user,
                    advice_request=advice,
                    recipient_organisation=data["recipient_organisation"],
                    recipient_person=data["recipient_person"],
                    conflict_reason=data["conflict_reason"],
                    reason=data["reason"],
                    expected_version=data["version"],
                ),
                record=advice,
            )
            if corrected is not None:
                messages.success(
                    request,
                    f"Corrected who the advice request was sent to: {corrected}. The earlier "
                    "recipient is kept in its history and no longer sees the request.",
                )
                return redirect("casework:case-detail", pk=child.pk)
        advice.refresh_from_db()
    else:
        form = AdviceRecipientCorrectionForm(initial=advice_recipient_initial(advice), child=child)
    audit_record(
        actor=request.user,
        action="view",
        obj=advice,
        child=child,
        summary=f"Viewed the advice request to correct who it was sent to: {advice}",
    )
    return render(
        request,
        "casework/advice_recipient_correct.html",
        {
            "child": child,
            "step": advice,
            "form": form,
            "withdraw": _withdraw_form(advice),
            "history": selectors.step_history(advice),
            "letters": selectors.letters_for_step(advice),
            "weighings": list(advice.weighings.select_related("decision")),
        },
    )
