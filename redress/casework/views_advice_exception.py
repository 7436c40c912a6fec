"""The body asked for health or social care advice records its own exception to the time limit
(SEND Regulations 2014 reg 8(2), decision 0172), and may withdraw it. The step is the same case
step the authority records; the authority's case page shows who recorded it.
`Cache-Control: no-store` comes from `PrivateResponseMiddleware`."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from redress.audit.services import audit_record
from redress.casework import selectors, services
from redress.casework.advice_rule import ADVICE_RULE
from redress.casework.forms_advice import AdviceExceptionForm
from redress.casework.models import AdviceRequest, CaseEvent, Deadline
from redress.core.corrections import StepWithdrawForm
from redress.core.versions import call_service, withdraw_step
from redress.statutory.engine import today_in_london

PERM = services.ADVICE_EXCEPTION_PERMISSION


def _page(
    request: HttpRequest,
    advice: AdviceRequest,
    form: AdviceExceptionForm,
    withdraw: StepWithdrawForm | None = None,
) -> HttpResponse:
    child = advice.child
    recorded = list(
        services.advice_exception_events(advice).select_related("recorded_by", "withdrawn_by")
    )
    standing = next((e for e in recorded if not e.withdrawn), None)
    if withdraw is None and standing is not None:
        withdraw = StepWithdrawForm(initial={"version": standing.version}, prefix="withdraw")
    audit_record(
        actor=request.user,
        action="view",
        obj=advice,
        child=child,
        summary=f"Viewed the exceptions to the advice time limit: {advice}",
    )
    return render(
        request,
        "advice/exception.html",
        {
            "advice": advice,
            "child": child,
            "form": form,
            "recorded": recorded,
            "standing": standing,
            "withdraw": withdraw,
            "deadline": Deadline.objects.filter(
                child_id=child.pk, rule=ADVICE_RULE.id, ref=advice.ref
            ).first(),
            "rule": ADVICE_RULE,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def exception(request: HttpRequest, pk: int) -> HttpResponse:
    """Record why the advice cannot be given within the time limit, on a reg 8(2) ground."""
    advice = selectors.advice_request_get(user=request.user, pk=pk, perm=PERM)
    child = advice.child
    if request.method == "POST":
        form = AdviceExceptionForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            event = call_service(
                form,
                lambda: services.advice_exception_record(
                    actor=request.user,
                    advice_request=advice,
                    ground=data["ground"],
                    when=data["date"],
                    reasons=data["reasons"],
                    expected_version=data["version"],
                ),
                child=child,
            )
            if event is not None:
                messages.success(
                    request,
                    "The exception is recorded. The local authority sees it on the case, "
                    "with your name.",
                )
                return redirect("advice:detail", pk=advice.pk)
    else:
        form = AdviceExceptionForm(initial={"date": today_in_london(), "version": child.version})
    return _page(request, advice, form)


@login_required
@require_http_methods(["POST"])
def exception_withdraw(request: HttpRequest, pk: int, event_pk: int) -> HttpResponse:
    """Withdraw the exception as recorded in error: it stays on the case, marked withdrawn."""
    advice = selectors.advice_request_get(user=request.user, pk=pk, perm=PERM)
    try:
        event = services.advice_exception_events(advice).get(pk=event_pk)
    except CaseEvent.DoesNotExist:
        raise Http404("No such exception") from None
    withdraw = StepWithdrawForm(request.POST, prefix="withdraw")
    withdrawn = withdraw_step(
        request, withdraw, event, partial(services.case_event_withdraw, event=event)
    )
    if withdrawn is not None:
        messages.success(request, "The exception is withdrawn. It stays on the case, marked so.")
        return redirect("advice:detail", pk=advice.pk)
    form = AdviceExceptionForm(initial={"date": today_in_london(), "version": advice.child.version})
    return _page(request, advice, form, withdraw)
