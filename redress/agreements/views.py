"""Agreement, follow-up, expenses and dashboard pages. Views are thin: forms check input,
services write, selectors read. Every due date shown comes from the deadline table."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from redress.agreements import selectors, services
from redress.agreements.document import agreement_docx_generate
from redress.agreements.forms import (
    PARTY_LABELS,
    AcceptanceForm,
    ActionForm,
    AgreementCorrectForm,
    AgreementForm,
    ClaimForm,
    DecideForm,
    DoneCorrectForm,
    DoneForm,
    NotDoneForm,
    ReportForm,
    UndoDoneForm,
)
from redress.agreements.legal import AGREEMENT_CITATIONS, EXPENSES, TRIBUNAL_STEPS
from redress.agreements.models import MediationAgreement
from redress.audit.services import audit_record
from redress.core.downloads import content_disposition
from redress.core.step_history import correction_data, correction_page, step_history
from redress.core.versions import ConcurrentEditError, call_service
from redress.mediation.models import MediationCase, Outcome
from redress.statutory.calendar import format_long_date
from redress.statutory.engine import today_in_london

T = TypeVar("T")
CHANGE = "agreements.change_agreement"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _call(
    form: forms.Form,
    write: Callable[[], T],
    *,
    agreement: MediationAgreement | None = None,
    context: dict[str, Any] | None = None,
) -> T | None:
    """`write()`'s result, or None when the service refused and the form says why. A wording
    warning puts the flags in `context` and shows the choice to keep the words."""
    try:
        return call_service(form, write, record=agreement)
    except services.WordingNeedsDecision as warning:
        if context is not None:
            context["flags"] = warning.flags
    return None


def _detail(agreement: MediationAgreement) -> HttpResponse:
    return redirect("agreements:detail", agreement.pk)


# -- Agreements --------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def case_agreement(request: HttpRequest, case_pk: int) -> HttpResponse:
    """A mediation's written agreement: start it, open it, or (when the mediation ended without
    agreement) show the certificate and the family's appeal deadline instead."""
    try:
        case = MediationCase.objects.select_related("child", "provider").get(pk=case_pk)
    except MediationCase.DoesNotExist:
        raise Http404("No such mediation") from None
    agreement = MediationAgreement.objects.filter(case=case).first()
    if agreement is not None:
        if not request.user.has_perm("agreements.view_agreement", agreement):
            raise PermissionDenied
        return _detail(agreement)
    can_start = request.user.has_perm("agreements.add_agreement", case)
    may_see = can_start or request.user.has_perm("mediation.view_case", case)
    if not may_see:
        raise PermissionDenied
    if case.outcome == Outcome.NO_AGREEMENT:
        return render(
            request,
            "agreements/no_agreement.html",
            {"view": selectors.no_agreement_view(case), "case": case, "child": case.child},
        )
    if not can_start:
        raise PermissionDenied
    context: dict[str, Any] = {"case": case, "child": case.child}
    initial = {
        "la_party": not case.health_only,
        "health_party": case.health_commissioner_id is not None,
    }
    form = AgreementForm(request.POST or None, initial=initial)
    context["form"] = form
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        created = _call(
            form,
            lambda: services.agreement_create(
                actor=request.user,
                case=case,
                made_on=data["made_on"],
                la_party=data["la_party"],
                health_party=data["health_party"],
                future_disagreements=data["future_disagreements"],
                keep_flagged_words=data["keep_flagged_words"],
            ),
            context=context,
        )
        if created is not None:
            messages.success(request, "The agreement is started. Add each agreed action.")
            return _detail(created)
    return render(request, "agreements/agreement_form.html", context)


@require_GET
@login_required
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = selectors.agreement_get(user=request.user, pk=pk)
    view = selectors.agreement_view(agreement)
    user = request.user
    audit_record(
        actor=user,
        action="view",
        obj=agreement,
        child=agreement.case.child,
        summary="Viewed the mediation agreement",
    )
    missing = [PARTY_LABELS[p] for p in agreement.parties() if p not in view.acceptances]
    return render(
        request,
        "agreements/agreement_detail.html",
        {
            "view": view,
            "agreement": agreement,
            "child": agreement.case.child,
            "can_change": user.has_perm("agreements.change_agreement", agreement),
            "can_record_done": user.has_perm("agreements.record_action_done", agreement),
            "done_allowed": {
                row.action.pk
                for row in view.actions
                if user.has_perm("agreements.record_action_done", row.action)
            },
            "can_report": user.has_perm("agreements.report_action_not_done", agreement),
            "can_claim": user.has_perm("agreements.add_claim", agreement.case),
            "parties": [(p, PARTY_LABELS[p]) for p in agreement.parties()],
            "party_rows": [
                (p, PARTY_LABELS[p], view.acceptances.get(p)) for p in agreement.parties()
            ],
            "missing_acceptances": missing,
            "tribunal_steps": TRIBUNAL_STEPS,
            "citations": AGREEMENT_CITATIONS,
            "plan_url": selectors.plan_url_for(user, agreement.case.child),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def agreement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = selectors.agreement_get(
        user=request.user, pk=pk, perm="agreements.change_agreement"
    )
    case = agreement.case
    context: dict[str, Any] = {"case": case, "child": case.child, "agreement": agreement}
    initial = {
        "version": agreement.version,
        "made_on": agreement.made_on,
        "la_party": agreement.la_party,
        "health_party": agreement.health_commissioner_id is not None,
        "future_disagreements": agreement.future_disagreements,
    }
    form = AgreementForm(request.POST or None, initial=initial)
    context["form"] = form
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = _call(
            form,
            lambda: services.agreement_update(
                actor=request.user,
                agreement=agreement,
                expected_version=data["version"],
                made_on=data["made_on"],
                la_party=data["la_party"],
                health_party=data["health_party"],
                future_disagreements=data["future_disagreements"],
                keep_flagged_words=data["keep_flagged_words"],
            ),
            agreement=agreement,
            context=context,
        )
        if saved is not None:
            messages.success(request, "The agreement is saved.")
            return _detail(saved)
    return render(request, "agreements/agreement_form.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def action_new(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = selectors.agreement_get(
        user=request.user, pk=pk, perm="agreements.change_agreement"
    )
    context: dict[str, Any] = {"agreement": agreement, "child": agreement.case.child}
    form = ActionForm(request.POST or None, initial={"version": agreement.version})
    context["form"] = form
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        added = _call(
            form,
            lambda: services.action_add(
                actor=request.user,
                agreement=agreement,
                expected_version=data["version"],
                what=data["what"],
                who=data["who"],
                measure=data["measure"],
                kind=data["kind"],
                timing=data["timing"],
                agreed_due=data["agreed_due"],
                plan_section=data["plan_section"],
                owed_by=data.get("owed_by") or "",
                keep_flagged_words=data["keep_flagged_words"],
            ),
            agreement=agreement,
            context=context,
        )
        if added is not None:
            messages.success(request, "The action is added to the agreement.")
            return _detail(agreement)
    return render(request, "agreements/action_form.html", context)


@require_POST
@login_required
def action_remove(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    agreement = selectors.agreement_get(
        user=request.user, pk=pk, perm="agreements.change_agreement"
    )
    action = selectors.action_get(
        user=request.user, pk=action_pk, agreement=agreement, perm="agreements.change_agreement"
    )
    version = request.POST.get("version", "")
    try:
        if not (version.isascii() and version.isdigit()):
            raise ConcurrentEditError  # without the page's version it could undo another's change
        services.action_remove(actor=request.user, action=action, expected_version=int(version))
        messages.success(request, "The action is removed from the draft agreement.")
    except ConcurrentEditError:
        messages.error(request, ConcurrentEditError.message)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return _detail(agreement)


@require_http_methods(["GET", "POST"])
@login_required
def acceptance_new(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = selectors.agreement_get(
        user=request.user, pk=pk, perm="agreements.change_agreement"
    )
    view = selectors.agreement_view(agreement)
    parties = [(p, PARTY_LABELS[p]) for p in agreement.parties() if p not in view.acceptances]
    form = AcceptanceForm(
        request.POST or None,
        parties=parties,
        initial={"version": agreement.version, "accepted_on": today_in_london()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        recorded = _call(
            form,
            lambda: services.acceptance_record(
                actor=request.user,
                agreement=agreement,
                expected_version=data["version"],
                party=data["party"],
                accepted_by_name=data["accepted_by_name"],
                accepted_on=data["accepted_on"],
            ),
            agreement=agreement,
        )
        if recorded is not None:
            agreement.refresh_from_db()
            if selectors.agreement_view(agreement).in_force:
                messages.success(
                    request,
                    "Every party has accepted the agreement. Each action's deadline is now "
                    "tracked.",
                )
            else:
                messages.success(request, f"{recorded.get_party_display()}: acceptance recorded.")
            return _detail(agreement)
    return render(
        request,
        "agreements/acceptance_form.html",
        {"form": form, "agreement": agreement, "child": agreement.case.child, "view": view},
    )


@require_http_methods(["GET", "POST"])
@login_required
def action_done(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    agreement = selectors.agreement_get(user=request.user, pk=pk)
    action = selectors.action_get(
        user=request.user, pk=action_pk, agreement=agreement, perm="agreements.record_action_done"
    )
    form = DoneForm(request.POST or None, initial={"done_on": today_in_london()})
    if request.method == "POST" and form.is_valid():
        done = _call(
            form,
            lambda: services.action_done_record(
                actor=request.user, action=action, done_on=form.cleaned_data["done_on"]
            ),
        )
        if done is not None:
            messages.success(request, "The action is recorded as done.")
            return _detail(agreement)
    return render(
        request,
        "agreements/action_done.html",
        {"form": form, "agreement": agreement, "action": action, "child": agreement.case.child},
    )


@require_http_methods(["GET", "POST"])
@login_required
def action_undo_done(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    """Take back a "done" recorded by mistake, with the reason; the record keeps both."""
    agreement = selectors.agreement_get(user=request.user, pk=pk)
    action = selectors.action_get(
        user=request.user, pk=action_pk, agreement=agreement, perm="agreements.record_action_done"
    )
    form = UndoDoneForm(request.POST or None, initial={"version": action.version})
    if request.method == "POST" and form.is_valid():
        undone = call_service(
            form,
            lambda: services.action_done_undo(
                actor=request.user,
                action=action,
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            ),
            record=action,
        )
        if undone is not None:
            messages.success(request, "The action is no longer recorded as done.")
            return _detail(agreement)
    return render(
        request,
        "agreements/action_undo_done.html",
        {"form": form, "agreement": agreement, "action": action, "child": agreement.case.child},
    )


@require_http_methods(["GET", "POST"])
@login_required
def action_not_done(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    agreement = selectors.agreement_get(user=request.user, pk=pk)
    action = selectors.action_get(
        user=request.user,
        pk=action_pk,
        agreement=agreement,
        perm="agreements.report_action_not_done",
    )
    form = NotDoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        report = _call(
            form,
            lambda: services.action_not_done_report(
                actor=request.user, action=action, text=form.cleaned_data["text"]
            ),
        )
        if report is not None:
            if report.case_manager_alerted:
                messages.success(
                    request,
                    "Thank you. We have told the local authority and the mediation provider, "
                    "which follows up its agreements.",
                )
            else:
                messages.success(request, "Thank you. We have told the local authority.")
            return _detail(agreement)
    return render(
        request,
        "agreements/action_not_done.html",
        {"form": form, "agreement": agreement, "action": action, "child": agreement.case.child},
    )


@require_GET
@login_required
def agreement_document(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = selectors.agreement_get(user=request.user, pk=pk)
    content = agreement_docx_generate(actor=request.user, agreement=agreement)
    response = HttpResponse(content, content_type=DOCX)
    response["Content-Disposition"] = content_disposition(
        f"mediation-agreement-{agreement.pk}.docx"
    )
    return response


# -- Expenses ----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def case_expenses(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = selectors.case_get(user=request.user, pk=case_pk, perm="agreements.add_claim")
    claims = selectors.claims_visible_to(request.user).filter(case=case)
    form = ClaimForm(request.POST or None, health_payer=case.health_commissioner_id is not None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        claim = _call(
            form,
            lambda: services.expenses_claim_submit(
                actor=request.user,
                case=case,
                claimant_name=data["claimant_name"],
                category=data["category"],
                description=data["description"],
                amount=data["amount"],
                incurred_on=data["incurred_on"],
                payer=data["payer"],
            ),
        )
        if claim is not None:
            messages.success(request, f"The claim for £{claim.amount} is recorded.")
            return redirect("agreements:case-expenses", case.pk)
    return render(
        request,
        "agreements/expenses.html",
        {
            "case": case,
            "child": case.child,
            "claims": claims,
            "form": form,
            "expenses_law": EXPENSES,
            "agreement": MediationAgreement.objects.filter(case=case).first(),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def claim_decide(request: HttpRequest, pk: int) -> HttpResponse:
    claim = selectors.claim_get(user=request.user, pk=pk, perm="agreements.decide_claim")
    form = DecideForm(request.POST or None, initial={"version": claim.version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        approve = {"approve": True, "refuse": False}.get(data["decision"])
        decided = _call(
            form,
            lambda: services.expenses_claim_decide(
                actor=request.user,
                claim=claim,
                expected_version=data["version"],
                approve=approve,
                reasons=data["reasons"],
            ),
        )
        if decided is not None:
            messages.success(request, f"The claim is {decided.get_status_display().lower()}.")
            return redirect("agreements:expenses")
        claim.refresh_from_db()
    return render(
        request,
        "agreements/claim_decide.html",
        {"form": form, "claim": claim, "child": claim.case.child, "expenses_law": EXPENSES},
    )


# -- The provider's dashboard and report -------------------------------------------------------


def _default_period(today: date) -> tuple[date, date]:
    """The current financial year to date (a display range, not a statutory period)."""
    start_year = today.year if today.month >= 4 else today.year - 1
    return date(start_year, 4, 1), today


@require_GET
@login_required
def report(request: HttpRequest) -> HttpResponse:
    if not selectors.is_provider_user(request.user):
        raise PermissionDenied
    start, end = _default_period(today_in_london())
    form = ReportForm(request.GET or None, initial={"start": start, "end": end})
    if request.GET and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    elif request.GET:
        return render(request, "agreements/report.html", {"form": form, "report": None})
    result = selectors.provider_report(request.user, start=start, end=end)
    if request.GET.get("format") == "csv":
        response = HttpResponse(selectors.provider_report_csv(result), content_type="text/csv")
        response["Content-Disposition"] = content_disposition(
            f"mediations-{start.isoformat()}-to-{end.isoformat()}.csv"
        )
        return response
    csv_url = (
        reverse("agreements:report")
        + f"?start_day={start.day}&start_month={start.month}&start_year={start.year}"
        + f"&end_day={end.day}&end_month={end.month}&end_year={end.year}&format=csv"
    )
    return render(
        request, "agreements/report.html", {"form": form, "report": result, "csv_url": csv_url}
    )


# -- Correcting or withdrawing a recorded step (decision 0100) --------------------------------


def _correction(
    request: HttpRequest, *, agreement: MediationAgreement, **page: Any
) -> HttpResponse:
    """The shared correction page (`correction_page`) for a step of `agreement`."""
    return correction_page(
        request,
        done_url=reverse("agreements:detail", args=[agreement.pk]),
        back_text="Back to the agreement",
        caption=f"{agreement.case.child.full_name}: mediation agreement",
        child=agreement.case.child,
        refresh_stale=False,
        **page,
    )


@require_http_methods(["GET", "POST"])
@login_required
def agreement_correct(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = selectors.agreement_get(
        user=request.user, pk=pk, perm="agreements.change_agreement"
    )
    user = request.user
    followed = [
        f"“{action}” recorded as done on {format_long_date(action.done_on)}"
        for action in agreement.actions.all()
        if action.done_on
    ]
    if agreement.version and agreement.acceptances.exists():
        followed.append(
            "The parties' acceptances and any copy of the agreement already given to them stay "
            "as they are: tell them of the correction."
        )
    return _correction(
        request,
        agreement=agreement,
        record=agreement,
        version=agreement.correction_version,
        form=AgreementCorrectForm(
            correction_data(request),
            initial={"version": agreement.correction_version, "made_on": agreement.made_on},
        ),
        correct=lambda data: services.agreement_correct(
            actor=user,
            agreement=agreement,
            made_on=data["made_on"],
            reason=data["reason"],
            expected_version=data.get("version"),
        ),
        withdraw=lambda data: services.agreement_withdraw(
            actor=user,
            agreement=agreement,
            reason=data["reason"],
            expected_version=data.get("version"),
        ),
        history=step_history(agreement, ("made_on",)),
        title="Correct the date of the agreement",
        followed=followed,
        withdraw_intro="For an agreement recorded in error (on the wrong mediation, say). It "
        "stays on the record, marked withdrawn, and the time for its actions no longer counts.",
        withdraw_button="Withdraw the agreement",
        done=(
            "The date of the agreement is corrected. The earlier date is kept in its history.",
            "The agreement is withdrawn as recorded in error. It stays on the record.",
        ),
    )


@require_http_methods(["GET", "POST"])
@login_required
def action_done_correct(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    """Correct the day an action was done, or take the "done" back (`action_done_undo`)."""
    agreement = selectors.agreement_get(user=request.user, pk=pk)
    action = selectors.action_get(
        user=request.user, pk=action_pk, agreement=agreement, perm="agreements.record_action_done"
    )
    if action.done_on is None:
        raise Http404("The action is not recorded as done")
    user = request.user
    return _correction(
        request,
        agreement=agreement,
        record=action,
        version=action.version,
        form=DoneCorrectForm(
            correction_data(request), initial={"version": action.version, "done_on": action.done_on}
        ),
        correct=lambda data: services.action_done_correct(
            actor=user,
            action=action,
            done_on=data["done_on"],
            reason=data["reason"],
            expected_version=data.get("version"),
        ),
        withdraw=lambda data: services.action_done_undo(
            actor=user,
            action=action,
            reason=data["reason"],
            expected_version=data.get("version"),
        ),
        history=step_history(action, ("done_on",)),
        title="Correct the day the action was done",
        followed=[],
        withdraw_intro="For a “done” recorded in error: the action is open again and its "
        "deadline counts once more. Who recorded it and who took it back stay on record.",
        withdraw_button="Take back the “done”",
        done=(
            "The day the action was done is corrected. The earlier date is kept in its history.",
            "The action is no longer recorded as done.",
        ),
    )
