"""Correcting a recorded plan step, or withdrawing it as recorded in error (decision 0100).

One page for every kind of step: the form to correct it, the reason, the section to withdraw it,
and the step's history with who changed it, when and why. Who may record the step may correct
it (`casework.change_child`); the page is audited on read like the plan's other pages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from redress.casework.models import Child
from redress.core.corrections import StepWithdrawForm
from redress.core.forms import GovukDateField
from redress.core.versions import call_service
from redress.plans import selectors, selectors_review, services
from redress.plans.forms import (
    PersonalBudgetRequestForm,
    StepCorrectForm,
    budget_decision_fields,
    ground_field,
)
from redress.plans.forms_review import (
    direct_payment_review_fields,
    participant_fields,
    progress_fields,
    view_fields,
)
from redress.plans.legal import CessationGround
from redress.plans.models import ReviewStep

NOT_RECORDED = CessationGround.NOT_RECORDED

CHANGE = services.CHANGE_PERMISSION
PLAN_STAGES = {"plan-draft": "draft", "plan-final": "final", "plan-not-made": "not_made"}
KINDS = (
    *PLAN_STAGES,
    "review-step",
    "cessation",
    "phase-transfer",
    "consultation",
    "cessation-consultation",
    "personal-budget",
    "review-participant",
    "review-document",
    "review-view",
    "outcome-progress",
    "direct-payment-review",
)


@dataclass
class HistoryRow:
    when: Any
    who: str
    why: str
    value: str


@dataclass
class StepTarget:
    """What the page needs to know about one recorded step, whatever its kind."""

    child: Child
    step: Any
    title: str
    back: str
    fields: dict[str, forms.Field]
    initial: dict[str, Any]
    correct: Callable[[dict[str, Any]], Any]
    withdraw: Callable[[str, int | None], Any]
    withdraw_what: str
    shown: Callable[[Any], str]
    documents: list[Any] = field(default_factory=list)
    withdraw_note: str = "It stays on the record, struck through and marked as withdrawn."


def _date_field(label: str, required: bool = True) -> GovukDateField:
    return GovukDateField(label=label, required=required)


def _when(value: date | None) -> str:
    return f"{value:%-d %B %Y}" if value else "none"


def _budget_shown(h: Any) -> str:
    shown = f"asked for {_when(h.requested_on)}"
    if h.decision:
        shown += f"; {h.decision} {_when(h.decided_on)}"
    parts = (("education", h.education_amount), ("health", h.health_amount),
             ("social care", h.social_care_amount))  # fmt: skip
    amounts = ", ".join(f"{name} £{amount}" for name, amount in parts if amount is not None)
    if amounts:
        shown += f"; {amounts}"
    if h.direct_payments:
        shown += f"; direct payments, review {_when(h.direct_payments_review_on)}"
    return shown


def _target(request: HttpRequest, kind: str, pk: int) -> StepTarget:
    user = request.user
    if kind in PLAN_STAGES:
        stage = PLAN_STAGES[kind]
        plan = selectors.plan_get(user=user, pk=pk, perm=CHANGE)
        attr = {"draft": "draft_issued_on", "final": "issued_on", "not_made": "not_amended_on"}
        if getattr(plan, attr[stage]) is None:
            raise Http404("That step is not recorded")
        label = selectors.plan_stage_label(plan, stage)
        # The final issue alone is withdrawn when a draft stands under it (decision 0135); any
        # other stage of the version, or an issue with no draft, withdraws the whole version.
        final_only = stage == "final" and plan.draft_issued_on is not None
        return StepTarget(
            child=plan.child, step=plan,
            title=f"{label}: version {plan.version_number}",
            back=reverse("plans:detail", args=[plan.pk]),
            fields={"date": _date_field(f"Date: {label.lower()}")},
            initial={"date": getattr(plan, attr[stage])},
            correct=lambda d: services.plan_step_correct(
                actor=user, plan=plan, stage=stage, when=d["date"], reason=d["reason"],
                expected_version=d["expected_version"]),
            withdraw=lambda reason, version: (
                services.plan_final_withdraw if final_only else services.plan_withdraw
            )(actor=user, plan=plan, reason=reason, expected_version=version),
            withdraw_what=(
                f"only this issue of version {plan.version_number}: its "
                f"{selectors.plan_stage_label(plan, 'draft').lower()} on "
                f"{_when(plan.draft_issued_on)} stands, the version is a draft again and can be "
                "issued later"
                if final_only
                else f"version {plan.version_number} of the plan: its draft, its issue and any "
                "decision not to amend no longer count"
            ),
            withdraw_note=(
                "The issue date stays in the version's history with who withdrew it and why."
                if final_only
                else StepTarget.withdraw_note
            ),
            shown=lambda h: _when(getattr(h, attr[stage])),
            documents=[plan],
        )  # fmt: skip
    if kind == "review-step":
        step = selectors.review_step_get(user=user, pk=pk, perm=CHANGE)
        cycle = step.cycle
        fields: dict[str, forms.Field] = {"date": _date_field("Date")}
        initial: dict[str, Any] = {"date": step.date}
        if step.kind == ReviewStep.Kind.DECISION:
            fields["decision"] = forms.ChoiceField(
                label="Decision", choices=ReviewStep.Decision.choices, widget=forms.RadioSelect
            )
            fields["proposed_amendments"] = forms.CharField(
                label="Proposed amendments", widget=forms.Textarea, required=False
            )
            fields["reasons"] = forms.CharField(
                label="Reasons", widget=forms.Textarea, required=False
            )
            initial.update(
                decision=step.decision,
                proposed_amendments=step.proposed_amendments,
                reasons=step.reasons,
            )
        cessation = getattr(cycle, "cessation", None)
        if step.kind == ReviewStep.Kind.DECISION and cessation is not None:
            fields["ground"] = ground_field(not_recorded=cessation.ground == NOT_RECORDED)
            initial["ground"] = cessation.ground
        return StepTarget(
            child=cycle.child, step=step, title=str(step),
            back=reverse("plans:review", args=[cycle.pk]),
            fields=fields, initial=initial,
            correct=lambda d: services.review_step_correct(
                actor=user, step=step, when=d["date"], decision=d.get("decision", ""),
                proposed_amendments=d.get("proposed_amendments", ""),
                reasons=d.get("reasons", ""), ground=d.get("ground"), reason=d["reason"],
                expected_version=d["expected_version"]),
            withdraw=lambda reason, version: services.review_step_withdraw(
                actor=user, step=step, reason=reason, expected_version=version),
            withdraw_what="this step of the review"
            + (": a decision to cease takes the cessation with it" if step.decision else ""),
            shown=lambda h: _when(h.date) + (f": {h.decision}" if h.decision else ""),
            documents=[step, cessation if step.kind == ReviewStep.Kind.DECISION else None],
        )  # fmt: skip
    if kind == "cessation":
        cessation = selectors.cessation_get(user=user, pk=pk, perm=CHANGE)
        return StepTarget(
            child=cessation.plan.child, step=cessation, title=str(cessation),
            back=reverse("plans:cessation", args=[cessation.pk]),
            fields={
                "decided_on": _date_field("Date of the decision"),
                "notice_sent_on": _date_field("Date the decision notice was sent"),
                "ground": ground_field(not_recorded=cessation.ground == NOT_RECORDED),
                "reasons": forms.CharField(label="Reasons", widget=forms.Textarea),
            },
            initial={"decided_on": cessation.decided_on, "ground": cessation.ground,
                     "notice_sent_on": cessation.notice_sent_on, "reasons": cessation.reasons},
            correct=lambda d: services.cessation_correct(
                actor=user, cessation=cessation, decided_on=d["decided_on"],
                notice_sent_on=d["notice_sent_on"], reasons=d["reasons"], reason=d["reason"],
                ground=d["ground"], expected_version=d["expected_version"]),
            withdraw=lambda reason, version: services.cessation_withdraw(
                actor=user, cessation=cessation, reason=reason, expected_version=version),
            withdraw_what="the decision to cease: the plan is maintained and its annual review "
            "is due again",
            shown=lambda h: f"decided {_when(h.decided_on)}, notice {_when(h.notice_sent_on)}, "
            f"ground: {CessationGround(h.ground).label}",
            documents=[cessation],
        )  # fmt: skip
    if kind == "personal-budget":
        budget = selectors.personal_budget_get(user=user, pk=pk)
        fields = {
            name: field
            for name, field in PersonalBudgetRequestForm.base_fields.items()
            if name != "version"
        }
        initial = {
            n: getattr(budget, n) for n in ("requested_on", "requested_by", "requested_by_name")
        }
        if budget.decision:
            fields.update(budget_decision_fields())
            initial.update({n: getattr(budget, n) for n in budget_decision_fields()})
        return StepTarget(
            child=budget.plan.child, step=budget, title=str(budget),
            back=reverse("plans:budget", args=[budget.plan.pk]),
            fields=fields, initial=initial,
            correct=lambda d: services.personal_budget_correct(
                actor=user, budget=budget, **d),
            withdraw=lambda reason, version: services.personal_budget_withdraw(
                actor=user, budget=budget, reason=reason, expected_version=version),
            withdraw_what="this personal budget: it leaves Section J",
            shown=_budget_shown,
        )  # fmt: skip
    if kind == "phase-transfer":
        transfer = selectors.phase_transfer_get(user=user, pk=pk, perm=CHANGE)
        fields = {"identified_on": _date_field("Date the transfer was identified")}
        initial = {"identified_on": transfer.identified_on}
        if transfer.kind == transfer.Kind.POST16_MOVE:
            fields["move_date"] = _date_field("Date of the move")
            initial["move_date"] = transfer.move_date
        return StepTarget(
            child=transfer.child, step=transfer, title=str(transfer),
            back=reverse("plans:child", args=[transfer.child_id]),
            fields=fields, initial=initial,
            correct=lambda d: services.phase_transfer_correct(
                actor=user, transfer=transfer, identified_on=d["identified_on"],
                move_date=d.get("move_date"), reason=d["reason"],
                expected_version=d["expected_version"]),
            withdraw=lambda reason, version: services.phase_transfer_withdraw_in_error(
                actor=user, transfer=transfer, reason=reason, expected_version=version),
            withdraw_what="the phase transfer: its deadline no longer counts",
            shown=lambda h: f"identified {_when(h.identified_on)}",
            documents=[transfer],
        )  # fmt: skip
    if kind == "consultation":
        consultation = selectors.consultation_get(user=user, pk=pk, perm=CHANGE)
        plan = consultation.plan
        return StepTarget(
            child=plan.child, step=consultation, title=str(consultation),
            back=reverse("plans:detail", args=[plan.pk]) + "#section-I",
            fields={"consulted_on": _date_field("Date it was consulted")},
            initial={"consulted_on": consultation.consulted_on},
            correct=lambda d: services.consultation_correct(
                actor=user, consultation=consultation, consulted_on=d["consulted_on"],
                reason=d["reason"], expected_version=d["expected_version"]),
            withdraw=lambda reason, version: services.consultation_withdraw(
                actor=user, consultation=consultation, reason=reason, expected_version=version),
            withdraw_what="the consultation: its reminder no longer counts",
            shown=lambda h: f"consulted {_when(h.consulted_on)}",
            documents=[consultation],
        )  # fmt: skip
    if kind == "cessation-consultation":
        asked = selectors.cessation_consultation_get(user=user, pk=pk, perm=CHANGE)
        return StepTarget(
            child=asked.plan.child, step=asked, title=str(asked),
            back=reverse("plans:cessation-new", args=[asked.plan.pk]),
            fields={"name": forms.CharField(label="Their name", max_length=200),
                    "consulted_on": _date_field("Date they were told and consulted")},
            initial={"name": asked.name, "consulted_on": asked.consulted_on},
            correct=lambda d: services.cessation_consultation_correct(
                actor=user, consultation=asked, name=d["name"], consulted_on=d["consulted_on"],
                reason=d["reason"], expected_version=d["expected_version"]),
            withdraw=lambda reason, version: services.cessation_consultation_withdraw(
                actor=user, consultation=asked, reason=reason, expected_version=version),
            withdraw_what="the consultation: it no longer counts before a decision to cease",
            shown=lambda h: f"{h.name}, consulted {_when(h.consulted_on)}",
        )  # fmt: skip
    if kind == "direct-payment-review":
        review = selectors_review.direct_payment_review_get(user=user, pk=pk)
        dp_fields = direct_payment_review_fields()
        return StepTarget(
            child=review.budget.plan.child, step=review, title=str(review),
            back=reverse("plans:budget", args=[review.budget.plan_id]),
            fields=dp_fields, initial={n: getattr(review, n) for n in dp_fields},
            correct=lambda d: services.direct_payment_review_correct(
                actor=user, review=review, **d),
            withdraw=lambda reason, version: services.direct_payment_review_withdraw(
                actor=user, review=review, reason=reason, expected_version=version),
            withdraw_what="this review of the direct payments: the next review date goes back "
            "to the one set before it",
            shown=lambda h: f"reviewed {_when(h.reviewed_on)}: {h.outcome}, next "
            f"{_when(h.next_review_on)}",
        )  # fmt: skip
    if kind in ("review-participant", "review-document", "review-view", "outcome-progress"):
        return _review_record_target(user, kind, pk)
    raise Http404("No such step")


def _review_record_target(user: Any, kind: str, pk: int) -> StepTarget:
    """A record of an annual review beyond its dated steps: who was invited, a document
    circulated, views given, progress on an outcome."""
    record: Any
    if kind == "review-participant":
        record = selectors_review.participant_get(user=user, pk=pk)
        fields = participant_fields()
        return StepTarget(
            child=record.cycle.child, step=record, title=f"Invited to the review: {record}",
            back=reverse("plans:review-attendance", args=[record.cycle_id]),
            fields=fields, initial={n: getattr(record, n) for n in fields},
            correct=lambda d: services.review_participant_correct(
                actor=user, participant=record, **d),
            withdraw=lambda reason, version: services.review_participant_withdraw(
                actor=user, participant=record, reason=reason, expected_version=version),
            withdraw_what="this person from the review's invitations and attendance",
            shown=lambda h: f"{h.name}, invited {_when(h.invited_on)}, "
            f"attendance: {h.attendance or 'not recorded'}",
        )  # fmt: skip
    if kind == "review-document":
        record = selectors_review.review_document_get(user=user, pk=pk)
        return StepTarget(
            child=record.cycle.child, step=record, title=f"Circulated: {record.document}",
            back=reverse("plans:review-documents", args=[record.cycle_id]),
            fields={"circulated_on": _date_field("Date it was circulated")},
            initial={"circulated_on": record.circulated_on},
            correct=lambda d: services.review_document_correct(
                actor=user, link=record, **d),
            withdraw=lambda reason, version: services.review_document_withdraw(
                actor=user, link=record, reason=reason, expected_version=version),
            withdraw_what="the link between this review and the document: the document "
            "stays on the case",
            shown=lambda h: f"circulated {_when(h.circulated_on)}",
        )  # fmt: skip
    if kind == "review-view":
        record = selectors_review.review_view_get(user=user, pk=pk)
        fields = view_fields()
        return StepTarget(
            child=record.cycle.child, step=record, title=str(record),
            back=reverse("plans:review-views", args=[record.cycle_id]),
            fields=fields, initial={n: getattr(record, n) for n in fields},
            correct=lambda d: services.review_view_correct(
                actor=user, view=record, **d),
            withdraw=lambda reason, version: services.review_view_withdraw(
                actor=user, view=record, reason=reason, expected_version=version),
            withdraw_what="these views from the review",
            shown=lambda h: f"{h.whose}, {_when(h.gathered_on)}: {h.text[:80]}",
        )  # fmt: skip
    record = selectors_review.outcome_progress_get(user=user, pk=pk)
    fields = progress_fields()
    return StepTarget(
        child=record.cycle.child, step=record, title=f"Progress: {record.outcome}",
        back=reverse("plans:review-outcomes", args=[record.cycle_id]),
        fields=fields, initial={n: getattr(record, n) for n in fields},
        correct=lambda d: services.outcome_progress_correct(
            actor=user, record=record, **d),
        withdraw=lambda reason, version: services.outcome_progress_withdraw(
            actor=user, record=record, reason=reason, expected_version=version),
        withdraw_what="the progress recorded on this outcome at this review",
        shown=lambda h: h.progress,
    )  # fmt: skip


def _history(target: StepTarget) -> list[HistoryRow]:
    rows = []
    for entry in target.step.history.select_related("history_user").order_by("-history_date"):
        user = entry.history_user
        rows.append(
            HistoryRow(
                when=entry.history_date,
                who=(user.get_full_name() or user.username) if user else "",
                why=entry.history_change_reason or "",
                value=target.shown(entry),
            )
        )
    return rows


def _page(
    request: HttpRequest, target: StepTarget, form: StepCorrectForm, withdraw: StepWithdrawForm
) -> HttpResponse:
    return render(
        request,
        "plans/step_correct.html",
        {
            "child": target.child,
            "target": target,
            "step": target.step,
            "form": form,
            "withdraw": withdraw,
            "history": _history(target),
            "documents_produced": selectors.documents_produced(*target.documents),
            "kind": request.resolver_match.kwargs["kind"] if request.resolver_match else "",
            "pk": target.step.pk,
        },
    )


def _correct_form(target: StepTarget, data: Any = None) -> StepCorrectForm:
    return StepCorrectForm(
        data,
        fields=target.fields,
        initial={**target.initial, "version": target.child.version},
    )


@require_http_methods(["GET", "POST"])
@login_required
def step_correct(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    if kind not in KINDS:
        raise Http404("No such step")
    target = _target(request, kind, pk)
    form = _correct_form(target, request.POST if request.method == "POST" else None)
    withdraw = StepWithdrawForm(initial={"version": target.child.version}, prefix="withdraw")
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["expected_version"] = data.pop("version", None)
        done = call_service(form, lambda: target.correct(data), child=target.child)
        if done is not None:
            messages.success(request, "Step corrected. The earlier details are kept.")
            return redirect(target.back)
        target = _target(request, kind, pk)  # the page shows the step as saved
    return _page(request, target, form, withdraw)


@require_POST
@login_required
def step_withdraw(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    if kind not in KINDS:
        raise Http404("No such step")
    target = _target(request, kind, pk)
    withdraw = StepWithdrawForm(request.POST, prefix="withdraw")
    if withdraw.is_valid():
        data = withdraw.cleaned_data
        done = call_service(
            withdraw, lambda: target.withdraw(data["reason"], data["version"]), child=target.child
        )
        if done is not None:
            messages.success(request, "Withdrawn as recorded in error. It stays on record.")
            return redirect(target.back)
        target = _target(request, kind, pk)
    return _page(request, target, _correct_form(target), withdraw)
