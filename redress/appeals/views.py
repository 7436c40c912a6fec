"""Appeals pages. Views are thin: forms check input, services write, selectors read.

Every due date these pages show comes from the deadline table the engine fills (or, on the
public appeal-window page, from the engine itself); views never add or subtract days.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Callable
from datetime import date
from pathlib import PurePath
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from redress.appeals import forms as appeal_forms
from redress.appeals import selectors, services
from redress.appeals.models import (
    RECOMMENDATIONS_CITATION,
    RESPONSE_CITATION,
    Appeal,
    AppealDocument,
    ComplianceStep,
    EvidenceDirection,
    Order,
    Settlement,
    first_lower,
)
from redress.appeals.window import appeal_window
from redress.audit.services import audit_record
from redress.casework import selectors as casework_selectors
from redress.casework.permissions import is_family, is_supporter_with_consent
from redress.casework.services import ALLOWED_UPLOADS
from redress.core.downloads import safe_filename
from redress.core.form_page import form_page
from redress.core.step_history import correction_data, correction_page, step_history
from redress.core.versions import call_service
from redress.statutory import rule_row
from redress.statutory.calendar import format_long_date


def _when(day: date | None) -> str:
    return format_long_date(day) if day else ""


def _form_page(
    request: HttpRequest,
    *,
    form: forms.Form,
    title: str,
    appeal: Appeal | None = None,
    child: Any = None,
    intro: str = "",
    citation: str = "",
    button: str = "Save",
    back: str = "",
) -> HttpResponse:
    child = child or (appeal.child if appeal else None)
    caption = ""
    if child:
        caption = f"{child.full_name}: appeal ({appeal.form_name})" if appeal else child.full_name
    return form_page(
        request,
        form=form,
        title=title,
        caption=caption,
        child=child,
        back=back or (f"/appeals/{appeal.pk}/" if appeal else ""),
        back_label="Back to the appeal",
        intro=intro,
        citation=citation,
        button=button,
    )


def _call(form: forms.Form, write: Callable[[], Any], appeal: models.Model | None = None) -> Any:
    """The service's result, or None when it refused (the form then says why). A stale form
    takes the record's current version so submitting again after checking is accepted."""
    return call_service(form, write, record=appeal)


def _announce_deadlines(request: HttpRequest, appeal: Appeal, before: set[Any]) -> None:
    for deadline in selectors.appeal_deadlines(appeal):
        key = (deadline.rule, deadline.ref, deadline.due)
        if deadline.is_open and key not in before:
            messages.info(
                request,
                f"Now due: {deadline.title} by {_when(deadline.due)} ({deadline.citation}).",
                extra_tags="deadline",
            )


def _open_keys(appeal: Appeal) -> set[Any]:
    return {(d.rule, d.ref, d.due) for d in selectors.appeal_deadlines(appeal) if d.is_open}


# -- A child's appeals and recording one ------------------------------------------------------


@require_GET
@login_required
def child_appeals(request: HttpRequest, child_pk: int) -> HttpResponse:
    child = casework_selectors.child_get(user=request.user, pk=child_pk)
    appeals = selectors.appeals_for_child(user=request.user, child=child)
    can_record = request.user.has_perm("casework.change_child", child)
    family = is_family(request.user, child) or is_supporter_with_consent(request.user, child)
    if not (can_record or family):
        raise PermissionDenied
    return render(
        request,
        "appeals/child_appeals.html",
        {"child": child, "appeals": appeals, "can_record": can_record},
    )


@require_http_methods(["GET", "POST"])
@login_required
def appeal_new(request: HttpRequest, child_pk: int) -> HttpResponse:
    child = casework_selectors.child_get(
        user=request.user, pk=child_pk, perm="casework.change_child"
    )
    form = appeal_forms.AppealForm(request.POST or None, child=child)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        appeal = _call(
            form,
            lambda: services.appeal_record(
                actor=request.user,
                child=child,
                decision=data["decision"],
                decision_notice_date=data["decision_notice_date"],
                lodged_on=data["lodged_on"],
                sections_challenged=data["sections_challenged"],
                mediation_certificate=form.certificate(),
                no_certificate_reason=data["no_certificate_reason"],
                recommendation_sections=data["recommendation_sections"],
                health_commissioner=form.organisation("health_commissioner"),
                social_care=form.organisation("social_care"),
                tribunal_reference=data["tribunal_reference"],
                cessation=form.cessation_obj(),
            ),
        )
        if appeal is not None:
            messages.success(
                request,
                f"Appeal recorded ({appeal.form_name}) lodged on {_when(appeal.lodged_on)}.",
            )
            _announce_deadlines(request, appeal, set())
            return redirect("appeals:detail", pk=appeal.pk)
    return render(
        request,
        "appeals/appeal_new.html",
        {"form": form, "child": child, "recommendations_citation": RECOMMENDATIONS_CITATION},
    )


# -- The appeal page --------------------------------------------------------------------------


@require_GET
@login_required
def appeal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    appeal = selectors.appeal_get(user=request.user, pk=pk, perm="appeals.view_recommendations")
    user = request.user
    full = user.has_perm("appeals.view_appeal", appeal)
    can_change = user.has_perm("appeals.change_appeal", appeal)
    audit_record(
        actor=user, action="view", obj=appeal, child=appeal.child, summary="Viewed the appeal"
    )
    recommendations = selectors.recommendation_rows(
        user, selectors.recommendations_visible_to(user).filter(appeal=appeal)
    )
    for row in recommendations:
        may_respond = user.has_perm("appeals.respond_recommendation", row.recommendation)
        answered = row.recommendation.response_sent_on is not None
        standing = not row.recommendation.withdrawn
        row.can_respond = may_respond and not answered and standing  # type: ignore[attr-defined]
        row.can_correct = may_respond and answered  # type: ignore[attr-defined]
    directions = list(selectors.directions_visible_to(user).filter(appeal=appeal))
    for direction in directions:
        direction.can_change = (  # type: ignore[attr-defined]
            direction.provided_on is None
            and not direction.withdrawn
            and user.has_perm("appeals.change_direction", direction)
        )
    context: dict[str, Any] = {
        "appeal": appeal,
        "child": appeal.child,
        "full": full,
        "can_change": can_change,
        "recommendations": recommendations,
        "can_see_documents": user.has_perm("casefile.view_documents", appeal.child),
        "directions": directions,
        "recommendations_citation": RECOMMENDATIONS_CITATION,
        "response_citation": RESPONSE_CITATION,
    }
    if full:
        orders = list(appeal.orders.prefetch_related("steps"))
        for order in orders:
            done = {s.step for s in order.steps.all() if not s.withdrawn}
            order.steps_to_do = [  # type: ignore[attr-defined]
                first_lower(ComplianceStep.Step(s).label)
                for s in Order.STEPS_FOR_KIND[order.kind]
                if s not in done
            ]
        settlement = Settlement.objects.filter(appeal=appeal).first()
        agreement = selectors.mediation_agreement_for(appeal.child)
        context.update(
            {
                "deadlines": [
                    d
                    for d in selectors.appeal_deadlines(appeal)
                    if d.rule != selectors.RECOMMENDATION_RULE
                ],
                "documents": list(appeal.documents.all()),
                "orders": orders,
                "settlement": settlement,
                "agreement": agreement,
                "agreement_actions": selectors.agreement_actions(agreement),
                "unopposed_orders": [
                    first_lower(Order.Kind(k).label)
                    for k in selectors.unopposed_order_kinds(appeal)
                ],
                "unopposed_citation": services.UNOPPOSED_CITATION,
                "consent_citation": services.CONSENT_ORDER_CITATION,
            }
        )
    return render(request, "appeals/appeal_detail.html", context)


def _appeal_for_change(request: HttpRequest, pk: int) -> Appeal:
    return selectors.appeal_get(user=request.user, pk=pk, perm="appeals.change_appeal")


@require_http_methods(["GET", "POST"])
@login_required
def appeal_progress(request: HttpRequest, pk: int) -> HttpResponse:
    appeal = _appeal_for_change(request, pk)
    initial = {
        "version": appeal.version,
        "tribunal_reference": appeal.tribunal_reference,
        "sent_to_la_on": appeal.sent_to_la_on,
        "response_directed_on": appeal.response_directed_on,
        "response_directed_due": appeal.response_directed_due,
        "la_response": appeal.la_response,
        "la_response_sent_on": appeal.la_response_sent_on,
    }
    form = appeal_forms.ProgressForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        before = _open_keys(appeal)
        done = _call(
            form,
            lambda: services.appeal_progress_update(
                actor=request.user,
                appeal=appeal,
                sent_to_la_on=data["sent_to_la_on"],
                response_directed_on=data["response_directed_on"],
                response_directed_due=data["response_directed_due"],
                la_response=data["la_response"],
                la_response_sent_on=data["la_response_sent_on"],
                tribunal_reference=data["tribunal_reference"],
                expected_version=data.get("version"),
            ),
            appeal,
        )
        if done is not None:
            messages.success(request, "The appeal's dates are saved.")
            _announce_deadlines(request, appeal, before)
            return redirect("appeals:detail", pk=appeal.pk)
    return _form_page(
        request,
        form=form,
        appeal=appeal,
        title="Registration and the local authority's response",
        intro="The local authority's response is due "
        f"{rule_row('appeal.la_response').period.split(',')[0]} after the "
        "Tribunal sent it the appeal, unless the Tribunal directs another date. Redress works "
        "the date out from what you enter here.",
        citation="HESC Rules r.21; r.12",
    )


@require_http_methods(["GET", "POST"])
@login_required
def appeal_not_opposed(request: HttpRequest, pk: int) -> HttpResponse:
    appeal = _appeal_for_change(request, pk)
    form = appeal_forms.NotOpposedForm(request.POST or None, initial={"version": appeal.version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        before = _open_keys(appeal)
        done = _call(
            form,
            lambda: services.appeal_mark_not_opposed(
                actor=request.user,
                appeal=appeal,
                notified_on=data["notified_on"],
                expected_version=data.get("version"),
            ),
            appeal,
        )
        if done is not None:
            messages.success(request, "Recorded: the local authority does not oppose the appeal.")
            _announce_deadlines(request, appeal, before)
            return redirect("appeals:detail", pk=appeal.pk)
    kinds = ", ".join(
        first_lower(Order.Kind(k).label) for k in selectors.unopposed_order_kinds(appeal)
    )
    return _form_page(
        request,
        form=form,
        appeal=appeal,
        title="Not opposing the appeal",
        intro="When the local authority tells the Tribunal it will not oppose the appeal before "
        "it sends its response, the appeal is treated as decided for the family and no order is "
        f"made. The local authority must then: {kinds}. After the response has been sent, the "
        "parties ask for a consent order instead (form SEND46).",
        citation=services.UNOPPOSED_CITATION,
    )


@require_http_methods(["GET", "POST"])
@login_required
def appeal_hearing(request: HttpRequest, pk: int) -> HttpResponse:
    appeal = _appeal_for_change(request, pk)
    initial = {
        "version": appeal.version,
        "hearing_on": appeal.hearing_on,
        "hearing_format": appeal.hearing_format,
        "hearing_venue": appeal.hearing_venue,
        "hearing_arrangements": appeal.hearing_arrangements,
    }
    form = appeal_forms.HearingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = _call(
            form,
            lambda: services.appeal_hearing_update(
                actor=request.user,
                appeal=appeal,
                hearing_on=data["hearing_on"],
                hearing_format=data["hearing_format"],
                hearing_venue=data["hearing_venue"],
                hearing_arrangements=data["hearing_arrangements"],
                expected_version=data.get("version"),
            ),
            appeal,
        )
        if done is not None:
            messages.success(request, "The hearing arrangements are saved.")
            return redirect("appeals:detail", pk=appeal.pk)
    return _form_page(request, form=form, appeal=appeal, title="Hearing arrangements")


@require_http_methods(["GET", "POST"])
@login_required
def appeal_decision(request: HttpRequest, pk: int) -> HttpResponse:
    appeal = _appeal_for_change(request, pk)
    form = appeal_forms.DecisionForm(request.POST or None, initial={"version": appeal.version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        before = _open_keys(appeal)
        done = _call(
            form,
            lambda: services.appeal_decide(
                actor=request.user,
                appeal=appeal,
                outcome=data["outcome"],
                outcome_on=data["outcome_on"],
                sent_on=data["sent_on"],
                order_kinds=data["order_kinds"],
                notes=data["notes"],
                expected_version=data.get("version"),
            ),
            appeal,
        )
        if done is not None:
            messages.success(request, f"Decision recorded: {appeal.get_outcome_display()}.")
            _announce_deadlines(request, appeal, before)
            return redirect("appeals:detail", pk=appeal.pk)
    return _form_page(
        request,
        form=form,
        appeal=appeal,
        title="How the appeal ended",
        intro="The Tribunal's decision, a consent order, or the family's withdrawal. The time "
        "limits for each order run from the date of the order.",
        citation="SEND Regulations 2014 reg 44",
    )


@require_http_methods(["GET", "POST"])
@login_required
def compliance_step_new(request: HttpRequest, pk: int, order_pk: int) -> HttpResponse:
    appeal = _appeal_for_change(request, pk)
    order = get_object_or_404(Order, pk=order_pk, appeal=appeal)
    form = appeal_forms.ComplianceStepForm(request.POST or None, request.FILES or None, order=order)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        step = _call(
            form,
            lambda: services.compliance_step_record(
                actor=request.user,
                order=order,
                step=data["step"],
                done_on=data["done_on"],
                note=data["note"],
                document=data.get("document"),
            ),
        )
        if step is not None:
            messages.success(request, f"Recorded: {step}.")
            return redirect("appeals:detail", pk=appeal.pk)
    return _form_page(
        request,
        form=form,
        appeal=appeal,
        title=f"Compliance: {order}",
        citation="SEND Regulations 2014 reg 44" if order.source != "unopposed" else "reg 45",
    )


@require_http_methods(["GET", "POST"])
@login_required
def document_new(request: HttpRequest, pk: int) -> HttpResponse:
    appeal = _appeal_for_change(request, pk)
    form = appeal_forms.DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        item = _call(
            form,
            lambda: services.appeal_document_upload(
                actor=request.user,
                appeal=appeal,
                kind=data["kind"],
                description=data["description"],
                document=data["document"],
            ),
        )
        if item is not None:
            messages.success(request, f"Uploaded: {item.description}.")
            return redirect("appeals:detail", pk=appeal.pk)
    return _form_page(request, form=form, appeal=appeal, title="Add a case document")


def _file_response(request: HttpRequest, field: Any, obj: models.Model, child: Any) -> FileResponse:
    if not field:
        raise Http404("No document")
    name = PurePath(field.name).name
    try:
        handle = field.open("rb")
    except FileNotFoundError:
        raise Http404("The document is missing from storage") from None
    audit_record(
        actor=request.user,
        action="download",
        obj=obj,
        child=child,
        summary=f"Downloaded {name}",
    )
    extension = PurePath(name).suffix.lower()
    content_type = ALLOWED_UPLOADS.get(extension) or (
        mimetypes.guess_type(name)[0] or "application/octet-stream"
    )
    return FileResponse(
        handle, as_attachment=True, filename=safe_filename(name), content_type=content_type
    )


@require_GET
@login_required
def document_download(request: HttpRequest, pk: int) -> FileResponse:
    item = get_object_or_404(AppealDocument.objects.select_related("appeal__child"), pk=pk)
    if not request.user.has_perm("appeals.view_document", item):
        raise PermissionDenied
    return _file_response(request, item.document, item, item.appeal.child)


@require_GET
@login_required
def step_document_download(request: HttpRequest, pk: int) -> FileResponse:
    step = get_object_or_404(ComplianceStep.objects.select_related("order__appeal__child"), pk=pk)
    if not request.user.has_perm("appeals.view_appeal", step):
        raise PermissionDenied
    return _file_response(request, step.document, step, step.order.appeal.child)


# -- Extended appeals -------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def sent_to_bodies(request: HttpRequest, pk: int) -> HttpResponse:
    appeal = _appeal_for_change(request, pk)
    initial = {
        "version": appeal.version,
        "sent_to_health_on": appeal.sent_to_health_on,
        "sent_to_social_care_on": appeal.sent_to_social_care_on,
    }
    form = appeal_forms.SentToBodiesForm(request.POST or None, initial=initial)
    if appeal.health_commissioner_id is None:
        del form.fields["sent_to_health_on"]
    if appeal.social_care_id is None:
        del form.fields["sent_to_social_care_on"]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = _call(
            form,
            lambda: services.appeal_send_to_bodies(
                actor=request.user,
                appeal=appeal,
                sent_to_health_on=data.get("sent_to_health_on"),
                sent_to_social_care_on=data.get("sent_to_social_care_on"),
                expected_version=data.get("version"),
            ),
            appeal,
        )
        if done is not None:
            messages.success(request, "Saved: who the appeal was sent to, and when.")
            return redirect("appeals:detail", pk=appeal.pk)
    return _form_page(
        request,
        form=form,
        appeal=appeal,
        title="Send the appeal to health and social care",
        intro="In an extended appeal the local authority sends the appeal to the health "
        "commissioner and to social care, so that they can give evidence by the Tribunal's "
        "deadlines.",
        citation=RECOMMENDATIONS_CITATION,
    )


@require_http_methods(["GET", "POST"])
@login_required
def direction_new(request: HttpRequest, pk: int) -> HttpResponse:
    appeal = _appeal_for_change(request, pk)
    form = appeal_forms.DirectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        direction = _call(
            form,
            lambda: services.evidence_direction_record(
                actor=request.user,
                appeal=appeal,
                body=data["body"],
                kind=data["kind"],
                description=data["description"],
                directed_by=data["directed_by"],
                witness_name=data["witness_name"],
            ),
        )
        if direction is not None:
            messages.success(request, f"Recorded: {direction}, by {_when(direction.directed_by)}.")
            return redirect("appeals:detail", pk=appeal.pk)
    return _form_page(
        request,
        form=form,
        appeal=appeal,
        title="Evidence or a witness the Tribunal directed",
        intro="Enter the date the Tribunal set in its directions.",
    )


@require_http_methods(["GET", "POST"])
@login_required
def direction_provided(request: HttpRequest, pk: int) -> HttpResponse:
    direction = selectors.direction_get(user=request.user, pk=pk, perm="appeals.change_direction")
    if direction.withdrawn:
        raise Http404("This direction was withdrawn as recorded in error")
    form = appeal_forms.ProvidedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = _call(
            form,
            lambda: services.evidence_direction_mark_provided(
                actor=request.user,
                direction=direction,
                provided_on=form.cleaned_data["provided_on"],
            ),
        )
        if done is not None:
            messages.success(request, f"Recorded as provided: {direction}.")
            return redirect("appeals:detail", pk=direction.appeal_id)
    return _form_page(
        request,
        form=form,
        appeal=direction.appeal,
        title=f"Provided: {direction.description}",
    )


@require_http_methods(["GET", "POST"])
@login_required
def recommendation_new(request: HttpRequest, pk: int) -> HttpResponse:
    appeal = _appeal_for_change(request, pk)
    form = appeal_forms.RecommendationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        before = _open_keys(appeal)
        recommendation = _call(
            form,
            lambda: services.recommendation_record(
                actor=request.user,
                appeal=appeal,
                section=data["section"],
                made_on=data["made_on"],
                text=data["text"],
            ),
        )
        if recommendation is not None:
            messages.success(request, f"Recorded: {recommendation}.")
            _announce_deadlines(request, appeal, before)
            return redirect("appeals:detail", pk=appeal.pk)
    return _form_page(
        request,
        form=form,
        appeal=appeal,
        title="A recommendation on health or social care",
        intro="The health commissioner (sections C and G) or social care (sections D, H1 and "
        f"H2) must respond in writing within {rule_row('recommendation.response').period}.",
        citation=RESPONSE_CITATION,
    )


@require_http_methods(["GET", "POST"])
@login_required
def recommendation_respond(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = selectors.recommendation_get(
        user=request.user, pk=pk, perm="appeals.respond_recommendation"
    )
    form = appeal_forms.ResponseForm(
        request.POST or None, request.FILES or None, initial={"version": recommendation.version}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = _call(
            form,
            lambda: services.recommendation_respond(
                actor=request.user,
                recommendation=recommendation,
                response_sent_on=data["response_sent_on"],
                decision=data["decision"],
                steps=data["steps"],
                reasons=data["reasons"],
                expected_version=data.get("version"),
                document=data.get("document") or None,
            ),
            recommendation,
        )
        if done is not None:
            messages.success(
                request,
                "The response is sent: the family and the local authority can read it in "
                "Redress, and the family is emailed.",
            )
            return redirect("appeals:detail", pk=recommendation.appeal_id)
    if form.errors and request.FILES:
        form.add_error(None, "Nothing was sent. If you chose a file, choose it again.")
    return render(
        request,
        "appeals/respond.html",
        {
            "form": form,
            "recommendation": recommendation,
            "appeal": recommendation.appeal,
            "child": recommendation.appeal.child,
            "citation": RESPONSE_CITATION,
        },
    )


# -- Settlement ------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def settlement_new(request: HttpRequest, pk: int) -> HttpResponse:
    appeal = _appeal_for_change(request, pk)
    agreement = selectors.mediation_agreement_for(appeal.child)
    form = appeal_forms.SettlementForm(request.POST or None)
    if agreement is None:
        del form.fields["link_agreement"]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        link = agreement is not None and data.get("link_agreement")
        settlement = _call(
            form,
            lambda: services.settlement_record(
                actor=request.user,
                appeal=appeal,
                agreed_on=data["agreed_on"],
                route=data["route"],
                ending=data["ending"],
                terms=data["terms"],
                agreement_id=agreement.pk if link else None,
            ),
        )
        if settlement is not None:
            messages.success(request, "The settlement is recorded. Its next steps are below.")
            return redirect("appeals:detail", pk=appeal.pk)
    return _form_page(
        request,
        form=form,
        appeal=appeal,
        title="Settlement before the hearing",
        intro="When the family and the local authority agree, the family withdraws the appeal, "
        "or the parties ask the Tribunal for a consent order (form SEND46). Before the local "
        "authority's response, it can instead tell the Tribunal it does not oppose the appeal.",
        citation=f"{services.CONSENT_ORDER_CITATION}; {services.UNOPPOSED_CITATION}",
    )


@require_http_methods(["GET", "POST"])
@login_required
def settlement_mark_sent(request: HttpRequest, pk: int) -> HttpResponse:
    appeal = _appeal_for_change(request, pk)
    settlement = get_object_or_404(Settlement, appeal=appeal)
    form = appeal_forms.SettlementSentForm(
        request.POST or None, initial={"version": settlement.version}
    )
    if request.method == "POST" and form.is_valid():
        done = _call(
            form,
            lambda: services.settlement_mark_sent(
                actor=request.user,
                settlement=settlement,
                sent_on=form.cleaned_data["sent_on"],
                expected_version=form.cleaned_data.get("version"),
            ),
            settlement,
        )
        if done is not None:
            messages.success(
                request,
                f"Recorded: sent to the Tribunal ({first_lower(settlement.get_ending_display())}).",
            )
            return redirect("appeals:detail", pk=appeal.pk)
    what = (
        "the family's withdrawal"
        if settlement.ending == Settlement.Ending.WITHDRAW
        else "the request for a consent order (SEND46)"
    )
    return _form_page(request, form=form, appeal=appeal, title=f"Sent to the Tribunal: {what}")


# -- The public appeal window -------------------------------------------------------------------


@require_GET
def appeal_window_page(request: HttpRequest) -> HttpResponse:
    """For anyone, signed in or not: the last day to appeal, from the engine."""
    form = appeal_forms.AppealWindowForm(request.GET or None)
    result = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        result = appeal_window(
            decision_date=data["decision_date"],
            certificate_date=data.get("certificate_date"),
            school_only=bool(data.get("school_only")),
        )
    return render(request, "appeals/appeal_window.html", {"form": form, "result": result})


# -- Correcting or withdrawing a recorded step (decision 0100) --------------------------------

_APPEAL_FIELDS = ("decision_notice_date", "lodged_on", "tribunal_reference")
_DECISION_FIELDS = ("outcome", "outcome_on", "outcome_notes")
_ORDER_FIELDS = ("kind", "made_on", "sent_on", "details")
_RESPONSE_FIELDS = ("response_sent_on", "response_decision", "response_steps", "response_reasons")
_COMPLIANCE_FIELDS = ("step", "done_on", "note")
_HEARING_FIELDS = ("hearing_on", "hearing_format", "hearing_venue", "hearing_arrangements")
_DIRECTION_FIELDS = ("body", "kind", "description", "directed_by", "witness_name", "provided_on")


def _correction(
    request: HttpRequest, *, record: Any, appeal: Appeal, fields: tuple[str, ...], **page: Any
) -> HttpResponse:
    """The shared correction page (`correction_page`) for a step of `appeal`."""
    return correction_page(
        request,
        record=record,
        history=step_history(record, fields),
        done_url=reverse("appeals:detail", args=[appeal.pk]),
        back_text="Back to the appeal",
        caption=f"{appeal.child.full_name}: appeal ({appeal.form_name})",
        child=appeal.child,
        **page,
    )


def _appeal_followed(appeal: Appeal) -> list[str]:
    """What already followed from the appeal or its decision, shown, not undone."""
    followed = []
    for order in appeal.orders.filter(withdrawn_at__isnull=True).prefetch_related("steps"):
        followed.append(f"{order} on {_when(order.made_on)}")
        followed += [
            f"{step.get_step_display()} on {_when(step.done_on)} (stays on the record)"
            for step in order.steps.all()
            if not step.withdrawn
        ]
    for recommendation in appeal.recommendations.filter(withdrawn_at__isnull=True):
        followed.append(f"{recommendation} made on {_when(recommendation.made_on)}")
    settlement = Settlement.objects.filter(appeal=appeal).first()
    if settlement is not None and settlement.sent_to_tribunal_on:
        followed.append(
            f"{settlement.get_ending_display()}: sent to the Tribunal on "
            f"{_when(settlement.sent_to_tribunal_on)}. It stays sent; tell the Tribunal if it "
            "must change."
        )
    return followed


@require_http_methods(["GET", "POST"])
@login_required
def step_correct(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """Correct or withdraw the appeal as recorded (`appeal`) or its decision (`decision`)."""
    appeal = _appeal_for_change(request, pk)
    user = request.user
    if step == "appeal":
        initial = {
            "version": appeal.version,
            "decision_notice_date": appeal.decision_notice_date,
            "lodged_on": appeal.lodged_on,
            "tribunal_reference": appeal.tribunal_reference,
        }
        return _correction(
            request,
            record=appeal,
            appeal=appeal,
            form=appeal_forms.AppealCorrectForm(
                correction_data(request),
                initial=initial,
            ),
            correct=lambda data: services.appeal_correct(
                actor=user,
                appeal=appeal,
                decision_notice_date=data["decision_notice_date"],
                lodged_on=data["lodged_on"],
                tribunal_reference=data["tribunal_reference"],
                reason=data["reason"],
                expected_version=data.get("version"),
            ),
            withdraw=lambda data: services.appeal_withdraw(
                actor=user,
                appeal=appeal,
                reason=data["reason"],
                expected_version=data.get("version"),
            ),
            fields=_APPEAL_FIELDS,
            title="Correct the appeal as recorded",
            followed=_appeal_followed(appeal),
            withdraw_intro="For an appeal recorded on the wrong child or never lodged. It stays "
            "on the record, marked withdrawn, and its deadlines, orders and recommendations no "
            "longer count. A family withdrawing a real appeal is how the appeal ended: record "
            "the decision instead.",
            withdraw_button="Withdraw the appeal",
            done=(
                "The appeal is corrected. The earlier dates are kept in its history.",
                "The appeal is withdrawn as recorded in error. It stays on the record.",
            ),
        )
    if step == "decision":
        if not appeal.outcome:
            raise Http404("No decision is recorded")
        initial = {
            "version": appeal.version,
            "outcome": appeal.outcome,
            "outcome_on": appeal.outcome_on,
            "notes": appeal.outcome_notes,
        }
        return _correction(
            request,
            record=appeal,
            appeal=appeal,
            form=appeal_forms.DecisionCorrectForm(
                correction_data(request),
                initial=initial,
            ),
            correct=lambda data: services.appeal_decision_correct(
                actor=user,
                appeal=appeal,
                outcome=data["outcome"],
                outcome_on=data["outcome_on"],
                notes=data["notes"],
                reason=data["reason"],
                expected_version=data.get("version"),
            ),
            withdraw=lambda data: services.appeal_decision_withdraw(
                actor=user,
                appeal=appeal,
                reason=data["reason"],
                expected_version=data.get("version"),
            ),
            fields=_DECISION_FIELDS,
            title="Correct how the appeal ended",
            followed=_appeal_followed(appeal),
            withdraw_intro="For a decision recorded in error. The appeal is live again, and the "
            "orders recorded with the decision are withdrawn with it; steps already taken to "
            "comply stay on the record.",
            withdraw_button="Withdraw the decision",
            done=(
                "The decision is corrected. The orders made that day moved with it.",
                "The decision is withdrawn as recorded in error. The appeal is live again.",
            ),
        )
    raise Http404("No such step")


@require_http_methods(["GET", "POST"])
@login_required
def order_correct(request: HttpRequest, pk: int) -> HttpResponse:
    order = get_object_or_404(Order.objects.select_related("appeal"), pk=pk)
    appeal = _appeal_for_change(request, order.appeal_id)
    user = request.user
    initial = {
        "version": order.version,
        "made_on": order.made_on,
        "sent_on": order.sent_on,
        "details": order.details,
    }
    followed = [
        f"{step.get_step_display()} on {_when(step.done_on)} (stays on the record)"
        for step in order.steps.all()
        if not step.withdrawn
    ]
    return _correction(
        request,
        record=order,
        appeal=appeal,
        form=appeal_forms.OrderCorrectForm(correction_data(request), initial=initial),
        correct=lambda data: services.order_correct(
            actor=user,
            order=order,
            made_on=data["made_on"],
            sent_on=data["sent_on"],
            details=data["details"],
            reason=data["reason"],
            expected_version=data.get("version"),
        ),
        withdraw=lambda data: services.order_withdraw(
            actor=user, order=order, reason=data["reason"], expected_version=data.get("version")
        ),
        fields=_ORDER_FIELDS,
        title=f"Correct the {first_lower(str(order))}",
        followed=followed,
        withdraw_intro="For an order recorded in error. It stays on the record, marked "
        "withdrawn, and its time limits no longer count.",
        withdraw_button="Withdraw the order",
        done=(
            "The order is corrected. Its time limits run from the corrected date.",
            "The order is withdrawn as recorded in error. It stays on the record.",
        ),
    )


@require_http_methods(["GET", "POST"])
@login_required
def recommendation_response_correct(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = selectors.recommendation_get(
        user=request.user, pk=pk, perm="appeals.respond_recommendation"
    )
    if recommendation.response_sent_on is None:
        raise Http404("No response is recorded")
    user = request.user
    initial = {
        "version": recommendation.version,
        "response_sent_on": recommendation.response_sent_on,
        "decision": recommendation.response_decision,
        "steps": recommendation.response_steps,
        "reasons": recommendation.response_reasons,
    }
    return _correction(
        request,
        record=recommendation,
        appeal=recommendation.appeal,
        form=appeal_forms.ResponseCorrectForm(correction_data(request), initial=initial),
        correct=lambda data: services.recommendation_response_correct(
            actor=user,
            recommendation=recommendation,
            response_sent_on=data["response_sent_on"],
            decision=data["decision"],
            steps=data["steps"],
            reasons=data["reasons"],
            reason=data["reason"],
            expected_version=data.get("version"),
        ),
        withdraw=lambda data: services.recommendation_response_withdraw(
            actor=user,
            recommendation=recommendation,
            reason=data["reason"],
            expected_version=data.get("version"),
        ),
        fields=_RESPONSE_FIELDS,
        title="Correct the response to the recommendation",
        followed=[
            f"The written response sent on {_when(recommendation.response_sent_on)} stays sent: "
            "if the family or the Tribunal has it, send them the correction."
        ],
        withdraw_intro="For a response recorded in error. The recommendation is unanswered "
        "again and the time to respond counts once more.",
        withdraw_button="Withdraw the response",
        done=(
            "The response is corrected. The earlier response is kept in its history.",
            "The response is withdrawn as recorded in error.",
        ),
    )


@require_http_methods(["GET", "POST"])
@login_required
def recommendation_correct(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = selectors.recommendation_get(user=request.user, pk=pk)
    appeal = _appeal_for_change(request, recommendation.appeal_id)
    user = request.user
    followed = []
    if recommendation.response_sent_on:
        followed.append(
            f"The response sent on {_when(recommendation.response_sent_on)} stays on the record."
        )
    return _correction(
        request,
        record=recommendation,
        appeal=appeal,
        form=appeal_forms.RecommendationCorrectForm(
            correction_data(request),
            initial={
                "version": recommendation.version,
                "made_on": recommendation.made_on,
                "text": recommendation.text,
            },
        ),
        correct=lambda data: services.recommendation_correct(
            actor=user,
            recommendation=recommendation,
            made_on=data["made_on"],
            text=data["text"],
            reason=data["reason"],
            expected_version=data.get("version"),
        ),
        withdraw=lambda data: services.recommendation_withdraw(
            actor=user,
            recommendation=recommendation,
            reason=data["reason"],
            expected_version=data.get("version"),
        ),
        fields=("section", "made_on", "text"),
        title="Correct the recommendation",
        followed=followed,
        withdraw_intro="For a recommendation recorded in error. It stays on the record, marked "
        "withdrawn, and the body no longer has to answer it.",
        withdraw_button="Withdraw the recommendation",
        done=(
            "The recommendation is corrected. The earlier version is kept in its history.",
            "The recommendation is withdrawn as recorded in error. It stays on the record.",
        ),
    )


@require_http_methods(["GET", "POST"])
@login_required
def compliance_step_correct(request: HttpRequest, pk: int) -> HttpResponse:
    step = get_object_or_404(ComplianceStep.objects.select_related("order"), pk=pk)
    appeal = _appeal_for_change(request, step.order.appeal_id)
    user = request.user
    followed = []
    if step.document:
        followed.append(f"The document {step.original_name or ''} stays on the record.".strip())
    followed += [
        f"{later.get_step_display()} on {_when(later.done_on)} (stays on the record)"
        for later in step.order.steps.filter(withdrawn_at__isnull=True, done_on__gt=step.done_on)
    ]
    return _correction(
        request,
        record=step,
        appeal=appeal,
        form=appeal_forms.ComplianceStepCorrectForm(
            correction_data(request),
            initial={"version": step.version, "done_on": step.done_on, "note": step.note},
        ),
        correct=lambda data: services.compliance_step_correct(
            actor=user,
            compliance_step=step,
            done_on=data["done_on"],
            note=data["note"],
            reason=data["reason"],
            expected_version=data.get("version"),
        ),
        withdraw=lambda data: services.compliance_step_withdraw(
            actor=user,
            compliance_step=step,
            reason=data["reason"],
            expected_version=data.get("version"),
        ),
        fields=_COMPLIANCE_FIELDS,
        title=f"Correct the compliance step: {first_lower(step.get_step_display())}",
        followed=followed,
        withdraw_intro="For a step recorded in error (on the wrong order, or not yet taken). It "
        "stays on the record, marked withdrawn, and the order's time limit for it counts again.",
        withdraw_button="Withdraw the step",
        done=(
            "The compliance step is corrected. The earlier values are kept in its history.",
            "The compliance step is withdrawn as recorded in error. It stays on the record.",
        ),
    )


@require_http_methods(["GET", "POST"])
@login_required
def hearing_correct(request: HttpRequest, pk: int) -> HttpResponse:
    appeal = _appeal_for_change(request, pk)
    if appeal.withdrawn or not (appeal.hearing_on or appeal.hearing_format):
        raise Http404("No hearing is recorded")
    user = request.user
    followed = [
        f"{direction.witness_name} ({direction.get_body_display()}) is directed to attend as a "
        "witness: tell them of the corrected hearing."
        for direction in appeal.directions.filter(
            withdrawn_at__isnull=True, kind=EvidenceDirection.Kind.WITNESS
        )
    ]
    initial = {
        "version": appeal.version,
        "hearing_on": appeal.hearing_on,
        "hearing_format": appeal.hearing_format,
        "hearing_venue": appeal.hearing_venue,
        "hearing_arrangements": appeal.hearing_arrangements,
    }
    return _correction(
        request,
        record=appeal,
        appeal=appeal,
        form=appeal_forms.HearingCorrectForm(correction_data(request), initial=initial),
        correct=lambda data: services.appeal_hearing_correct(
            actor=user,
            appeal=appeal,
            hearing_on=data["hearing_on"],
            hearing_format=data["hearing_format"],
            hearing_venue=data["hearing_venue"],
            hearing_arrangements=data["hearing_arrangements"],
            reason=data["reason"],
            expected_version=data.get("version"),
        ),
        withdraw=lambda data: services.appeal_hearing_withdraw(
            actor=user, appeal=appeal, reason=data["reason"], expected_version=data.get("version")
        ),
        fields=_HEARING_FIELDS,
        title="Correct the hearing as recorded",
        followed=followed,
        withdraw_intro="For a hearing recorded in error (on the wrong appeal, or never listed). "
        "The appeal has no hearing recorded again; the listing stays in its history. A hearing "
        "the Tribunal moved is not an error: change the hearing arrangements instead.",
        withdraw_button="Withdraw the hearing",
        done=(
            "The hearing is corrected. The earlier listing is kept in the appeal's history.",
            "The hearing is withdrawn as recorded in error. It stays in the appeal's history.",
        ),
    )


@require_http_methods(["GET", "POST"])
@login_required
def direction_correct(request: HttpRequest, pk: int) -> HttpResponse:
    direction = selectors.direction_get(user=request.user, pk=pk)
    appeal = _appeal_for_change(request, direction.appeal_id)
    user = request.user
    followed = []
    if direction.provided_on:
        followed.append(
            f"The {first_lower(direction.get_kind_display())} provided on "
            f"{_when(direction.provided_on)} stays on the record."
        )
    return _correction(
        request,
        record=direction,
        appeal=appeal,
        form=appeal_forms.DirectionCorrectForm(
            correction_data(request),
            initial={
                "version": direction.version,
                "description": direction.description,
                "directed_by": direction.directed_by,
                "witness_name": direction.witness_name,
                "provided_on": direction.provided_on,
            },
        ),
        correct=lambda data: services.evidence_direction_correct(
            actor=user,
            direction=direction,
            description=data["description"],
            directed_by=data["directed_by"],
            witness_name=data["witness_name"],
            provided_on=data["provided_on"],
            reason=data["reason"],
            expected_version=data.get("version"),
        ),
        withdraw=lambda data: services.evidence_direction_withdraw(
            actor=user,
            direction=direction,
            reason=data["reason"],
            expected_version=data.get("version"),
        ),
        fields=_DIRECTION_FIELDS,
        title=f"Correct the direction: {first_lower(str(direction))}",
        followed=followed,
        withdraw_intro="For a direction recorded in error. It stays on the record, marked "
        f"withdrawn, and {direction.get_body_display().lower()} no longer has it to provide.",
        withdraw_button="Withdraw the direction",
        done=(
            "The direction is corrected. The earlier values are kept in its history.",
            "The direction is withdrawn as recorded in error. It stays on the record.",
        ),
    )
