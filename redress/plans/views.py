"""Plan, review, phase transfer and cessation pages. Views are thin: forms check input, services
write, selectors read. Every due date shown comes from the Deadline table the engine fills."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from redress.accounts.models import LA_ROLES
from redress.casework.models import Child
from redress.casework.permissions import organisation_ids
from redress.casework.selectors import child_get
from redress.casework.views_caseload import stream_csv
from redress.core.downloads import content_disposition
from redress.core.form_page import form_page
from redress.core.listing import csv_child_name, csv_date, page_of, query_without
from redress.core.versions import call_service
from redress.plans import selectors, selectors_review, services
from redress.plans.checks import adulthood_check, section21_warnings, year_label
from redress.plans.compare import plan_compare
from redress.plans.forms import (
    AppendixForm,
    CessationAppealForm,
    CessationConsultationForm,
    CessationConsultationReplyForm,
    CessationForm,
    CohortFilterForm,
    ConsultationForm,
    ConsultationReplyForm,
    DateForm,
    NotAmendedForm,
    OutcomeForm,
    PersonalBudgetDecisionForm,
    PersonalBudgetRequestForm,
    PhaseTransferForm,
    PlacementForm,
    PlanDetailsForm,
    ProvisionItemForm,
    ReviewMeetingForm,
    ReviewStartForm,
    ReviewStepForm,
    SectionForm,
    SuggestionFilterForm,
)
from redress.plans.forms_review import DirectPaymentReviewForm
from redress.plans.generate import plan_docx_generate
from redress.plans.legal import (
    GROUNDS,
    REG_11_DP_REVIEW,
    REG_31,
    REGS_5_6_DIRECT_PAYMENTS,
    S49_REQUEST,
    SECTION_J,
)
from redress.plans.models import PhaseTransfer, Placement, Plan, ReviewCycle, ReviewStep
from redress.plans.sections import SECTION_BY_CODE, SECTIONS, heading
from redress.statutory.engine import today_in_london
from redress.statutory.rules import rule_row
from redress.statutory.school_year import next_school_year

CHANGE = "casework.change_child"
# The Word decision letters with every reg 32 item are the documents app's.
LETTER_PERMISSION = "documents.issue_decision_letter"


def _letter_key(decision: ReviewStep, cycle: ReviewCycle) -> str:
    """The documents app's key for this review decision's Word letter ('' when it has none:
    a decision to amend is followed by the amended plan's own letter)."""
    if decision.decision == ReviewStep.Decision.MAINTAIN:
        return f"review_step-{decision.pk}"
    if decision.decision == ReviewStep.Decision.CEASE and hasattr(cycle, "cessation"):
        return f"cessation-{cycle.cessation.pk}"
    return ""


def _plan_url(plan: Plan, code: str = "") -> str:
    url = reverse("plans:detail", args=[plan.pk])
    return f"{url}#section-{code}" if code else url


def _save(
    request: HttpRequest, form: forms.Form, child: Child, write: Callable[[dict[str, Any]], Any]
) -> Any:
    """Run a service with the form's data; put refusals on the form. None when refused."""
    if not form.is_valid():
        return None
    data = dict(form.cleaned_data)
    data["expected_version"] = data.pop("version", None)
    return call_service(form, lambda: write(data), child=child)


STALE_PAGE = (
    "Someone else changed this case after you opened the page, so nothing was done. The page "
    "now shows the case as it is: check it, then try again."
)


def _number(text: str) -> int | None:
    """A whole number typed or posted in ASCII digits, else None (str.isdigit also accepts
    characters such as superscripts that int() cannot read)."""
    return int(text) if text.isascii() and text.isdigit() else None


def _button(
    request: HttpRequest, write: Callable[[int | None], Any], *, field: str = "version"
) -> Any:
    """Run a one-click service with the version the page was showing. None when refused: a
    missing or stale version (the page was out of date) or a refusal, each told as a message."""
    posted = _number(request.POST.get(field, ""))
    if posted is None:
        messages.error(request, STALE_PAGE)
        return None
    try:
        return write(posted)
    except services.ConcurrentEditError:
        messages.error(request, STALE_PAGE)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return None


def _form_page(
    request: HttpRequest,
    *,
    child: Child,
    form: forms.Form,
    heading_text: str,
    back: str,
    caption: str = "",
    intro: str = "",
) -> HttpResponse:
    return form_page(
        request,
        form=form,
        title=heading_text,
        caption=caption or child.full_name,
        child=child,
        back=back,
        intro=intro,
    )


# -- A child's plans ----------------------------------------------------------------------------


@require_GET
@login_required
def child_plans(request: HttpRequest, child_pk: int) -> HttpResponse:
    child = child_get(user=request.user, pk=child_pk)
    plans = list(Plan.objects.filter(child=child).order_by("-version_number"))
    return render(
        request,
        "plans/child_plans.html",
        {
            "child": child,
            "plans": plans,
            "reviews": ReviewCycle.objects.filter(child=child)
            .select_related("plan")
            .prefetch_related("steps"),
            "transfers": PhaseTransfer.objects.filter(child=child),
            "can_change": request.user.has_perm(CHANGE, child),
            "can_start": not selectors.has_open_plan(child),
        },
    )


@require_POST
@login_required
def plan_new(request: HttpRequest, child_pk: int) -> HttpResponse:
    child = child_get(user=request.user, pk=child_pk, perm=CHANGE)
    plan = _button(
        request,
        lambda version: services.plan_create(
            actor=request.user, child=child, expected_version=version
        ),
    )
    if plan is None:
        return redirect("plans:child", child_pk=child.pk)
    messages.success(request, "Draft plan started.")
    return redirect("plans:detail", pk=plan.pk)


# -- One plan -----------------------------------------------------------------------------------


@require_GET
@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get(user=request.user, pk=pk)
    pfa = adulthood_check(plan, plan.issued_on or today_in_london())
    texts = {s.code: s.text for s in plan.sections.all()}
    items = list(plan.provision_items.all())
    sections = [
        {
            "section": s,
            "heading": heading(s.code),
            "text": texts.get(s.code, ""),
            "items": [i for i in items if i.section == s.code],
        }
        for s in SECTIONS
    ]
    versions = list(
        Plan.objects.filter(child=plan.child).exclude(pk=plan.pk).order_by("-version_number")
    )
    reminders = selectors.consultation_reminders(plan)
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "child": plan.child,
            "sections": sections,
            "outcomes": plan.outcomes.all(),
            "placement": Placement.objects.filter(plan=plan).first(),
            "consultations": [
                (c, reminders.get(c.ref)) for c in plan.consultations.select_related("institution")
            ],
            "names_too_early": selectors.names_institution_too_early(plan),
            "appendices": plan.appendices.select_related("advice_request"),
            "advice_received": selectors.section_k_advice(user=request.user, plan=plan),
            "s21": section21_warnings(plan),
            "pfa": pfa,
            "year_label": year_label(pfa.nc_year),
            "deadlines": selectors.plan_deadlines(plan),
            "versions": versions,
            "reviews": plan.reviews.prefetch_related("steps"),
            "cessations": plan.cessations.all(),
            "can_change": request.user.has_perm(CHANGE, plan.child),
            "amended_by": Plan.objects.filter(supersedes=plan)
            .exclude(status=Plan.Status.NOT_AMENDED)
            .first(),
            "being_ceased": selectors.standing_cessation(plan),
            "review_in_progress": selectors.review_in_progress(plan),
            "budget": selectors.section_j_budget(plan),
            "can_see_budget": request.user.has_perm(selectors.VIEW_BUDGET, plan),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def section_edit(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    plan = selectors.plan_get(user=request.user, pk=pk, perm=CHANGE)
    if code not in SECTION_BY_CODE:
        raise Http404("No such section")
    section = plan.sections.get(code=code)
    form = SectionForm(
        request.POST or None, initial={"version": plan.child.version, "text": section.text}
    )
    form.fields["text"].label = heading(code)
    form.fields[
        "text"
    ].help_text = (
        f"Reg 12 requires: {SECTION_BY_CODE[code].regulation} ({SECTION_BY_CODE[code].citation})."
    )
    if request.method == "POST" and _save(
        request, form, plan.child,
        lambda d: services.plan_section_update(actor=request.user, plan=plan, code=code, **d),
    ):  # fmt: skip
        messages.success(request, f"Section {code} saved.")
        return redirect(_plan_url(plan, code))
    return _form_page(
        request, child=plan.child, form=form, heading_text=f"Edit section {code}",
        back=_plan_url(plan, code),
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@login_required
def plan_details(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get(user=request.user, pk=pk, perm=CHANGE)
    form = PlanDetailsForm(
        request.POST or None,
        initial={"version": plan.child.version, "nc_year_override": plan.nc_year_override},
    )
    if request.method == "POST" and _save(
        request, form, plan.child,
        lambda d: services.plan_details_update(actor=request.user, plan=plan, **d),
    ):  # fmt: skip
        return redirect("plans:detail", pk=plan.pk)
    return _form_page(
        request, child=plan.child, form=form, heading_text="Year group",
        back=_plan_url(plan),
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@login_required
def provision_new(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get(user=request.user, pk=pk, perm=CHANGE)
    form = ProvisionItemForm(
        request.POST or None,
        initial={"version": plan.child.version, "section": request.GET.get("section", "F")},
    )
    item = request.method == "POST" and _save(
        request, form, plan.child,
        lambda d: services.provision_item_add(actor=request.user, plan=plan, **d),
    )  # fmt: skip
    if item:
        messages.success(request, f"Provision added to section {item.section}.")
        return redirect(_plan_url(plan, item.section))
    return _form_page(
        request, child=plan.child, form=form, heading_text="Add provision",
        back=_plan_url(plan),
        intro="Specify the provision: what it is, who provides it, how often and for how long.",
    )  # fmt: skip


@require_POST
@login_required
def provision_remove(request: HttpRequest, item_pk: int) -> HttpResponse:
    item = selectors.provision_item_get(user=request.user, pk=item_pk)
    plan = item.plan
    removed = _button(
        request,
        lambda version: (
            services.provision_item_remove(actor=request.user, item=item, expected_version=version)
            or True
        ),
    )
    if removed:
        messages.success(request, f"Provision removed from section {item.section}.")
    return redirect(_plan_url(plan, item.section))


@require_POST
@login_required
def phase_transfer_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """Take a child out of the year's cohort (they are no longer moving phase this year)."""
    transfer = selectors.phase_transfer_get(user=request.user, pk=pk, perm=CHANGE)
    if _button(
        request,
        lambda version: services.phase_transfer_withdraw(
            actor=request.user, transfer=transfer, expected_version=version
        ),
    ):
        messages.success(
            request, f"{transfer.child.full_name} is no longer in the {transfer.year} cohort."
        )
    return redirect(f"{reverse('plans:cohort')}?year={transfer.year}")


@require_http_methods(["GET", "POST"])
@login_required
def outcome_new(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get(user=request.user, pk=pk, perm=CHANGE)
    form = OutcomeForm(request.POST or None, initial={"version": plan.child.version})
    if request.method == "POST" and _save(
        request, form, plan.child,
        lambda d: services.outcome_add(actor=request.user, plan=plan, **d),
    ):  # fmt: skip
        messages.success(request, "Outcome added to section E.")
        return redirect(_plan_url(plan, "E"))
    return _form_page(
        request, child=plan.child, form=form, heading_text="Add an outcome (section E)",
        back=_plan_url(plan, "E"),
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@login_required
def placement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get(user=request.user, pk=pk, perm=CHANGE)
    current = Placement.objects.filter(plan=plan).first()
    initial: dict[str, Any] = {"version": plan.child.version}
    if current is not None:
        initial.update(
            institution=current.institution_id,
            institution_name=current.institution_name,
            institution_type=current.institution_type,
            family_preference=current.family_preference,
            preference_requested_on=current.preference_requested_on,
        )
    form = PlacementForm(
        request.POST or None,
        initial=initial,
        names_allowed=not selectors.names_institution_too_early(plan),
    )
    if request.method == "POST" and _save(
        request, form, plan.child,
        lambda d: services.placement_set(actor=request.user, plan=plan, **d),
    ):  # fmt: skip
        messages.success(request, "Section I saved.")
        return redirect(_plan_url(plan, "I"))
    return _form_page(
        request, child=plan.child, form=form, heading_text="Placement (section I)",
        back=_plan_url(plan, "I"),
        intro=services.DRAFT_NAMES_NO_INSTITUTION
        if selectors.names_institution_too_early(plan) else "",
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@login_required
def consultation_new(request: HttpRequest, pk: int) -> HttpResponse:
    """The school or institution consulted about being named (CFA 2014 s.39(2))."""
    plan = selectors.plan_get(user=request.user, pk=pk, perm=CHANGE)
    form = ConsultationForm(request.POST or None, initial={"version": plan.child.version})
    if request.method == "POST" and _save(
        request, form, plan.child,
        lambda d: services.consultation_record(actor=request.user, plan=plan, **d),
    ):  # fmt: skip
        messages.success(request, "Consultation recorded.")
        return redirect(_plan_url(plan, "I"))
    return _form_page(
        request, child=plan.child, form=form, heading_text="Record a consultation (section I)",
        back=_plan_url(plan, "I"),
        intro="Before naming a school or institution the family asked for, the local authority "
        "must consult it (Children and Families Act 2014 s.39(2)). The reply is expected within "
        "the time the Code of Practice asks; the plan shows the date.",
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@login_required
def consultation_reply(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = selectors.consultation_get(user=request.user, pk=pk, perm=CHANGE)
    plan = consultation.plan
    form = ConsultationReplyForm(
        request.POST or None,
        initial={
            "version": plan.child.version,
            "responded_on": consultation.responded_on,
            "response": consultation.response,
            "response_details": consultation.response_details,
        },
    )
    if request.method == "POST" and _save(
        request, form, plan.child,
        lambda d: services.consultation_reply_record(
            actor=request.user, consultation=consultation, **d),
    ):  # fmt: skip
        messages.success(request, f"Reply from {consultation.name} recorded.")
        return redirect(_plan_url(plan, "I"))
    return _form_page(
        request, child=plan.child, form=form,
        heading_text=f"Reply from {consultation.name}", back=_plan_url(plan, "I"),
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@login_required
def appendix_new(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get(user=request.user, pk=pk, perm=CHANGE)
    form = AppendixForm(
        request.POST or None, initial={"version": plan.child.version}, child=plan.child
    )
    if request.method == "POST" and _save(
        request, form, plan.child,
        lambda d: services.appendix_add(actor=request.user, plan=plan, **d),
    ):  # fmt: skip
        messages.success(request, "Appendix added to section K.")
        return redirect(_plan_url(plan, "K"))
    return _form_page(
        request, child=plan.child, form=form, heading_text="Append advice (section K)",
        back=_plan_url(plan, "K"),
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@login_required
def plan_issue(request: HttpRequest, pk: int, stage: str) -> HttpResponse:
    """stage 'draft': serve the draft or issue the amendment notice; 'final': issue the plan."""
    plan = selectors.plan_get(user=request.user, pk=pk, perm=CHANGE)
    if stage == "draft":
        label = "Date the amendment notice was issued" if plan.is_amendment else (
            "Date the draft plan was served")  # fmt: skip
        write: Callable[..., Plan] = services.plan_issue_draft
    elif stage == "final":
        label = "Date the amended plan was issued" if plan.is_amendment else (
            "Date the final plan was issued")  # fmt: skip
        write = services.plan_issue_final
    else:
        raise Http404("No such stage")
    form = DateForm(request.POST or None, initial={"version": plan.child.version}, label=label)
    if request.method == "POST" and _save(
        request, form, plan.child,
        lambda d: write(actor=request.user, plan=plan, when=d["date"],
                        expected_version=d["expected_version"]),
    ):  # fmt: skip
        messages.success(request, f"Recorded: {label.lower()}.")
        return redirect("plans:detail", pk=plan.pk)
    return _form_page(
        request, child=plan.child, form=form, heading_text=label, back=_plan_url(plan)
    )


@require_http_methods(["GET", "POST"])
@login_required
def plan_not_amended(request: HttpRequest, pk: int) -> HttpResponse:
    """After the amendment notice, the decision not to amend the plan after all (reg 22(4))."""
    plan = selectors.plan_get(user=request.user, pk=pk, perm=CHANGE)
    form = NotAmendedForm(request.POST or None, initial={"version": plan.child.version})
    if request.method == "POST" and _save(
        request, form, plan.child,
        lambda d: services.plan_amendment_decline(
            actor=request.user, plan=plan, when=d["date"], reasons=d["reasons"],
            expected_version=d["expected_version"]),
    ):  # fmt: skip
        messages.success(request, "Recorded: the plan will not be amended.")
        return redirect("plans:detail", pk=plan.pk)
    return _form_page(
        request, child=plan.child, form=form, heading_text="Decide not to amend the plan",
        back=_plan_url(plan),
        intro="After the amendment notice, the local authority may decide not to amend the plan. "
        "It must tell the family, with its reasons and their right to appeal, within "
        f"{rule_row('review.amended_plan').period} of the notice "
        "(SEND Regulations 2014 reg 22(4)).",
    )  # fmt: skip


@require_POST
@login_required
def plan_amend(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get(user=request.user, pk=pk, perm=CHANGE)
    review = None
    review_pk = request.POST.get("review", "")
    if review_pk:
        review_number = _number(review_pk)
        if review_number is None:
            raise Http404("No such review")
        review = selectors.review_get(user=request.user, pk=review_number, perm=CHANGE)
    transfer = None
    transfer_pk = request.POST.get("transfer", "")
    if transfer_pk:
        transfer_number = _number(transfer_pk)
        if transfer_number is None:
            raise Http404("No such phase transfer")
        transfer = selectors.phase_transfer_get(user=request.user, pk=transfer_number, perm=CHANGE)
    new = _button(
        request,
        lambda version: services.plan_amend(
            actor=request.user, plan=plan, review=review, transfer=transfer,
            expected_version=version,
        ),
    )  # fmt: skip
    if new is None:
        if review is not None:
            return redirect("plans:review", pk=review.pk)
        return redirect("plans:detail", pk=plan.pk)
    messages.success(request, f"Version {new.version_number} started as a draft amendment.")
    return redirect("plans:detail", pk=new.pk)


@require_GET
@login_required
def plan_docx(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get(user=request.user, pk=pk)
    content = plan_docx_generate(
        actor=request.user, plan=plan, link_base=request.build_absolute_uri("/")
    )
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    name = f"ehc-plan-{plan.child.last_name.lower()}-v{plan.version_number}.docx"
    response["Content-Disposition"] = content_disposition(name)
    return response


@require_GET
@login_required
def plan_compare_view(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get(user=request.user, pk=pk)
    other_pk = request.GET.get("with") or (plan.supersedes_id and str(plan.supersedes_id))
    other_number = _number(str(other_pk or ""))
    if other_number is None:
        raise Http404("Choose a version to compare with")
    other = selectors.plan_get(user=request.user, pk=other_number)
    if other.child_id != plan.child_id:
        raise Http404("That version belongs to another child")
    old, new = sorted((plan, other), key=lambda p: p.version_number)
    diffs = plan_compare(old, new)
    return render(
        request,
        "plans/compare.html",
        {"child": plan.child, "old": old, "new": new, "diffs": diffs, "plan": plan},
    )


# -- Reviews -----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def review_new(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get(user=request.user, pk=pk, perm=CHANGE)
    form = ReviewStartForm(request.POST or None, initial={"version": plan.child.version})
    cycle = request.method == "POST" and _save(
        request, form, plan.child,
        lambda d: services.review_start(actor=request.user, plan=plan, **d),
    )  # fmt: skip
    if cycle:
        messages.success(request, "Review begun.")
        return redirect("plans:review", pk=cycle.pk)
    return _form_page(
        request, child=plan.child, form=form, heading_text="Begin the annual review",
        back=_plan_url(plan),
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@login_required
def review_meeting(request: HttpRequest, pk: int) -> HttpResponse:
    """Arrange or move the review meeting: the engine counts its notice and advice back from it."""
    cycle = selectors.review_get(user=request.user, pk=pk, perm=CHANGE)
    form = ReviewMeetingForm(
        request.POST or None,
        initial={
            "version": cycle.child.version,
            "meeting_planned_for": cycle.meeting_planned_for,
            "meeting_arranged_on": today_in_london(),
        },
    )
    if request.method == "POST" and _save(
        request, form, cycle.child,
        lambda d: services.review_meeting_arrange(actor=request.user, cycle=cycle, **d),
    ):  # fmt: skip
        messages.success(request, "Review meeting date saved.")
        return redirect("plans:review", pk=cycle.pk)
    return _form_page(
        request, child=cycle.child, form=form, heading_text="Arrange the review meeting",
        back=reverse("plans:review", args=[cycle.pk]),
        intro="Everyone invited must have notice of the meeting "
        f"{rule_row('review.meeting_notice').period}, and the advice gathered from them must be "
        f"circulated {rule_row('review.advice_circulated').period} "
        "(SEND Regulations 2014 reg 20(3)-(4), reg 21(3)-(4)).",
    )  # fmt: skip


@require_GET
@login_required
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = selectors.review_get(user=request.user, pk=pk)
    recorded = list(cycle.steps.all())
    steps = {s.kind: s for s in recorded if not s.withdrawn}
    pfa = adulthood_check(cycle.plan, today_in_london())
    return render(
        request,
        "plans/review_detail.html",
        {
            "cycle": cycle,
            "child": cycle.child,
            "plan": cycle.plan,
            "steps": [(kind, label, steps.get(kind)) for kind, label in ReviewStep.Kind.choices],
            "withdrawn": [s for s in recorded if s.withdrawn],
            "decision": steps.get(ReviewStep.Kind.DECISION),
            "deadlines": selectors.plan_deadlines(cycle.plan),
            "amended_plans": cycle.amended_plans.all(),
            "meeting_held": ReviewStep.Kind.MEETING_HELD in steps,
            "pfa": pfa,
            "can_change": request.user.has_perm(CHANGE, cycle.child),
            "record": selectors_review.review_record(user=request.user, cycle=cycle),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def review_step(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    cycle = selectors.review_get(user=request.user, pk=pk, perm=CHANGE)
    if kind not in ReviewStep.Kind.values:
        raise Http404("No such step")
    form = ReviewStepForm(request.POST or None, initial={"version": cycle.child.version}, kind=kind)

    def write(d: dict[str, Any]) -> ReviewStep:
        when = d.pop("date")
        return services.review_step_record(
            actor=request.user, cycle=cycle, kind=kind, when=when, **d
        )

    step = request.method == "POST" and _save(request, form, cycle.child, write)
    if step:
        messages.success(request, f"Recorded: {step}.")
        return redirect("plans:review", pk=cycle.pk)
    return _form_page(
        request, child=cycle.child, form=form, heading_text=form.heading,
        back=reverse("plans:review", args=[cycle.pk]),
    )  # fmt: skip


@require_GET
@login_required
def review_decision_letter(request: HttpRequest, pk: int) -> HttpResponse:
    """The decision notice with the family's rights (printable; no JavaScript)."""
    cycle = selectors.review_get(user=request.user, pk=pk)
    decision = cycle.decision
    if decision is None:
        raise Http404("No decision yet")
    return render(
        request,
        "plans/decision_letter.html",
        {
            "cycle": cycle,
            "child": cycle.child,
            "decision": decision,
            "meeting": cycle.step(ReviewStep.Kind.MEETING_HELD),
            "appeal_rule": rule_row("appeal.lodge"),
            "mediation_rule": rule_row("mediation.contact_adviser"),
            "deadlines": selectors.decision_deadlines(decision),
            "letter_key": _letter_key(decision, cycle),
            "can_issue_letter": request.user.has_perm(LETTER_PERMISSION, cycle.child),
        },
    )


# -- Cessation ---------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def cessation_new(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get(user=request.user, pk=pk, perm=CHANGE)
    form = CessationForm(request.POST or None, initial={"version": plan.child.version})
    cessation = request.method == "POST" and _save(
        request, form, plan.child,
        lambda d: services.cessation_record(actor=request.user, plan=plan, **d),
    )  # fmt: skip
    if cessation:
        messages.success(request, "Decision to cease recorded. The plan is maintained meanwhile.")
        return redirect("plans:cessation", pk=cessation.pk)
    return render(
        request,
        "plans/cessation_new.html",
        {
            "child": plan.child,
            "plan": plan,
            "form": form,
            "consultations": plan.cessation_consultations.all(),
            "reg_31": REG_31,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def cessation_consultation_new(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get(user=request.user, pk=pk, perm=CHANGE)
    form = CessationConsultationForm(request.POST or None, initial={"version": plan.child.version})
    done = request.method == "POST" and _save(
        request, form, plan.child,
        lambda d: services.cessation_consultation_record(actor=request.user, plan=plan, **d),
    )  # fmt: skip
    if done:
        messages.success(request, "Consultation recorded.")
        return redirect("plans:cessation-new", pk=plan.pk)
    return _form_page(
        request, child=plan.child, form=form,
        heading_text="Record a consultation about ceasing the plan",
        back=reverse("plans:cessation-new", args=[plan.pk]),
        intro=f"{REG_31.short}: {REG_31.text}",
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@login_required
def cessation_consultation_reply(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = selectors.cessation_consultation_get(user=request.user, pk=pk)
    child = consultation.plan.child
    form = CessationConsultationReplyForm(request.POST or None, initial={"version": child.version})
    done = request.method == "POST" and _save(
        request, form, child,
        lambda d: services.cessation_consultation_reply(
            actor=request.user, consultation=consultation, **d),
    )  # fmt: skip
    if done:
        messages.success(request, "Reply recorded.")
        return redirect("plans:cessation-new", pk=consultation.plan.pk)
    return _form_page(
        request, child=child, form=form, heading_text=f"Reply from {consultation.name}",
        back=reverse("plans:cessation-new", args=[consultation.plan.pk]),
    )  # fmt: skip


# -- Personal budget (Section J) ----------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def budget(request: HttpRequest, pk: int) -> HttpResponse:
    """The plan's personal budget: the request, the decision with its reasons, the amount and
    its parts, direct payments and their review. The family read it once the plan is theirs."""
    plan = selectors.plan_budget_get(user=request.user, pk=pk)
    child = plan.child
    can_change = request.user.has_perm(selectors.CHANGE_BUDGET, plan)
    budgets = selectors.personal_budgets(plan)
    pending = next((b for b in budgets if not b.decision and not b.withdrawn), None)
    action = request.POST.get("action")
    request_form = PersonalBudgetRequestForm(
        request.POST if action == "request" else None, initial={"version": child.version}
    )
    decision_form = PersonalBudgetDecisionForm(
        request.POST if action == "decide" else None, initial={"version": child.version}
    )
    # Direct payments are reviewed on the authority's own date (Personal Budgets Regulations
    # 2014 reg 11; decision 0171): the latest standing budget paid as direct payments.
    paid = next(
        (b for b in reversed(budgets) if not b.withdrawn and b.decision == "agreed"
         and b.direct_payments),
        None,
    )  # fmt: skip
    review_form = DirectPaymentReviewForm(
        request.POST if action == "dp_review" else None, initial={"version": child.version}
    )
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        done = None
        if action == "request":
            done = _save(
                request, request_form, child,
                lambda d: services.personal_budget_request(actor=request.user, plan=plan, **d),
            )  # fmt: skip
        elif action == "dp_review" and paid is not None:
            done = _save(
                request, review_form, child,
                lambda d: services.direct_payment_review_record(
                    actor=request.user, budget=paid, **d),
            )  # fmt: skip
        elif action == "decide" and pending is not None:
            done = _save(
                request, decision_form, child,
                lambda d: services.personal_budget_decide(
                    actor=request.user, budget=pending, **d),
            )  # fmt: skip
        else:
            messages.error(request, STALE_PAGE)
            return redirect("plans:budget", pk=plan.pk)
        if done:
            messages.success(request, "Personal budget saved.")
            return redirect("plans:budget", pk=plan.pk)
    return render(
        request,
        "plans/budget.html",
        {
            "plan": plan,
            "child": child,
            "budgets": budgets,
            "pending": pending,
            "can_change": can_change,
            "request_form": request_form,
            "decision_form": decision_form,
            "paid": paid,
            "review_form": review_form,
            "dp_reviews": paid.direct_payment_reviews.all() if paid is not None else [],
            "today": today_in_london(),
            "form": (
                decision_form
                if decision_form.errors
                else review_form
                if review_form.errors
                else request_form
            ),
            "citations": (S49_REQUEST, REGS_5_6_DIRECT_PAYMENTS, REG_11_DP_REVIEW, SECTION_J),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def cessation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cessation = selectors.cessation_get(user=request.user, pk=pk)
    child = cessation.plan.child
    can_change = request.user.has_perm(CHANGE, child)
    appeal_form = CessationAppealForm(
        request.POST if request.POST.get("action") == "appeal" else None,
        initial={
            "version": child.version,
            "appeal_lodged_on": cessation.appeal_lodged_on,
            "appeal_concluded_on": cessation.appeal_concluded_on,
            "appeal_outcome": cessation.appeal_outcome,
        },
    )
    cease_form = DateForm(
        request.POST if request.POST.get("action") == "cease" else None,
        initial={"version": child.version},
        label="Date the plan ceases",
    )
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        done = None
        if request.POST.get("action") == "appeal":
            done = _save(
                request, appeal_form, child,
                lambda d: services.cessation_appeal_update(
                    actor=request.user, cessation=cessation, **d),
            )  # fmt: skip
        elif request.POST.get("action") == "cease":
            done = _save(
                request, cease_form, child,
                lambda d: services.cessation_make_effective(
                    actor=request.user, cessation=cessation, when=d["date"],
                    expected_version=d["expected_version"]),
            )  # fmt: skip
        if done:
            messages.success(request, "Saved.")
            return redirect("plans:cessation", pk=cessation.pk)
    return render(
        request,
        "plans/cessation_detail.html",
        {
            "cessation": cessation,
            "child": child,
            "plan": cessation.plan,
            "deadlines": selectors.cessation_deadlines(cessation),
            "appeal_rule": rule_row("appeal.lodge"),
            "mediation_rule": rule_row("mediation.contact_adviser"),
            "appeal_form": appeal_form,
            "cease_form": cease_form,
            "form": appeal_form if appeal_form.errors else cease_form,
            "can_change": can_change,
            "ground": GROUNDS[cessation.ground],
            "consultations": cessation.plan.cessation_consultations.all(),
            "letter_key": f"cessation-{cessation.pk}",
            "can_issue_letter": request.user.has_perm(LETTER_PERMISSION, child),
        },
    )


# -- Phase transfers ---------------------------------------------------------------------------


@require_GET
@login_required
def phase_transfer_cohort(request: HttpRequest) -> HttpResponse:
    today = today_in_london()
    year_text = request.GET.get("year", "")
    asked = _number(year_text)
    year = asked if asked is not None and 1990 <= asked <= 2099 else next_school_year(today)
    form = CohortFilterForm(request.GET)
    cohort = selectors.phase_transfer_cohort(
        user=request.user,
        year=year,
        today=today,
        state=form.value("state"),
        kind=form.value("kind"),
        sort=form.sort_key,
        page_number=request.GET.get("page"),
    )
    return render(
        request,
        "plans/cohort.html",
        {
            "form": form,
            "query": query_without(request, "page"),
            "cohort": cohort,
            "year": year,
            "years": [year - 1, year, year + 1],
            "at_risk_days": selectors.AT_RISK_DAYS,
            "school_rule": rule_row("phase_transfer.amend", "school"),
            "post16_rule": rule_row("phase_transfer.amend", "post16"),
        },
    )


COHORT_EXPORT_COLUMNS = (
    "Child or young person",
    "Case number",
    "Transfer",
    "Year",
    "Amended plan due",
    "Amended plan issued",
    "State",
    "Caseworker",
    "Setting",
)


def _cohort_export_rows(transfers: Any) -> Iterator[list[Any]]:
    for transfer in transfers.iterator(chunk_size=2000):
        child = transfer.child
        yield [
            child.full_name,
            child.pk,
            transfer.get_kind_display(),
            transfer.year,
            transfer.cohort_due.isoformat() if transfer.cohort_due else "",
            transfer.cohort_met.isoformat() if transfer.cohort_met else "",
            selectors.STATE_LABELS[transfer.cohort_state],
            child.caseworker.display_name if child.caseworker else "",
            child.setting.name if child.setting else "",
        ]


@require_GET
@login_required
def phase_transfer_cohort_export(request: HttpRequest) -> StreamingHttpResponse:
    """The year's cohort as filtered, every transfer, as CSV (the authority's staff)."""
    if not request.user.roles() & set(LA_ROLES):  # type: ignore[union-attr]
        raise PermissionDenied
    today = today_in_london()
    year = _cohort_year(request, today)
    form = CohortFilterForm(request.GET)
    transfers = selectors.cohort_transfers(
        user=request.user,
        year=year,
        today=today,
        state=form.value("state"),
        kind=form.value("kind"),
        sort=form.sort_key,
    )
    return stream_csv(
        request,
        header=COHORT_EXPORT_COLUMNS,
        rows=_cohort_export_rows(transfers),
        filename=f"phase-transfers-{year}.csv",
        summary=f"Exported the {year} phase transfer cohort as CSV",
        object_type="plans.PhaseTransfer",
    )


def _own_children(request: HttpRequest) -> Any:
    """The children whose authority the user works at (who may be added to a cohort)."""
    # A condition on the child's own authority: no join back to the memberships, no DISTINCT.
    return Child.objects.filter(local_authority_id__in=organisation_ids(request.user, LA_ROLES))


def _cohort_year(request: HttpRequest, today: date) -> int:
    text = request.GET.get("year", "") or request.POST.get("year", "")
    asked = _number(text)
    if asked is not None and 1990 <= asked <= 2099:
        return asked
    return next_school_year(today)


def _suggestions(request: HttpRequest, today: date) -> tuple[int, SuggestionFilterForm, Any]:
    year = _cohort_year(request, today)
    form = SuggestionFilterForm(request.GET)
    suggested = selectors.phase_transfer_suggestions(
        user=request.user, year=year, children=_own_children(request), filters=form.filters()
    )
    return year, form, suggested


@require_http_methods(["GET", "POST"])
@login_required
def phase_transfer_suggest(request: HttpRequest) -> HttpResponse:
    """Children whose year group says they move phase in the cohort's year, filtered and 50 a
    page; the caseworker ticks the ones on the page to add (none is ticked for them) and adds
    them in one step."""
    today = today_in_london()
    year, form, suggested = _suggestions(request, today)
    errors: list[str] = []
    if request.method == "POST":
        # Only the children ticked are read, each checked against the suggestions again.
        wanted: dict[int, int | None] = {}
        for value in request.POST.getlist("child"):
            pk_text, _, version_text = value.partition(":")
            child_number = _number(pk_text)
            if child_number is None:
                errors.append("A child chosen is not among the suggestions: check the list.")
                break
            wanted[child_number] = _number(version_text)
        found = {c.pk: c for c in suggested.filter(pk__in=list(wanted))} if not errors else {}
        if not errors and set(found) != set(wanted):
            errors.append("A child chosen is not among the suggestions: check the list.")
        chosen = []
        for pk, version in wanted.items():
            if errors:
                break
            if version is None:
                errors.append(STALE_PAGE)
                break
            chosen.append((found[pk], found[pk].suggested_kind, version))
        if not errors:
            try:
                added = services.phase_transfer_add_suggested(
                    actor=request.user, chosen=chosen, year=year, identified_on=today
                )
            except services.ConcurrentEditError:
                errors.append(STALE_PAGE)
            except ValidationError as error:
                errors.extend(error.messages)
            else:
                messages.success(request, f"Added {len(added)} to the {year} cohort.")
                return redirect(reverse("plans:cohort") + f"?year={year}")
    page = page_of(suggested, request.GET.get("page"))
    return render(
        request,
        "plans/cohort_suggest.html",
        {
            "year": year,
            "form": form,
            "page": page,
            "query": query_without(request, "page"),
            "suggestions": selectors.suggestion_rows(page.object_list),
            "errors": errors,
            "chosen": set(request.POST.getlist("child")) if request.method == "POST" else None,
            "school_rule": rule_row("phase_transfer.amend", "school"),
            "post16_rule": rule_row("phase_transfer.amend", "post16"),
        },
    )


SUGGESTION_COLUMNS = (
    "Child or young person",
    "Case number",
    "Date of birth",
    "Year group now",
    "Transfer",
    "Caseworker",
    "Setting",
)


def _suggestion_rows(children: Any) -> Iterator[list[Any]]:
    for child in children.iterator(chunk_size=2000):
        yield [
            csv_child_name(child),
            child.pk,
            csv_date(child.date_of_birth),
            year_label(child.nc_year),
            PhaseTransfer.Kind(child.suggested_kind).label,
            child.caseworker.display_name if child.caseworker else "",
            child.setting.name if child.setting else "",
        ]


@require_GET
@login_required
def phase_transfer_suggest_export(request: HttpRequest) -> StreamingHttpResponse:
    """The children suggested for the year's cohort, as filtered and sorted, every one, as CSV
    (the authority's staff)."""
    if not request.user.roles() & set(LA_ROLES):  # type: ignore[union-attr]
        raise PermissionDenied
    year, _form, suggested = _suggestions(request, today_in_london())
    return stream_csv(
        request,
        header=SUGGESTION_COLUMNS,
        rows=_suggestion_rows(suggested.select_related("caseworker", "setting")),
        filename=f"phase-transfers-suggested-{year}.csv",
        summary=f"Exported the children suggested for the {year} phase transfer cohort as CSV",
        object_type="casework.Child",
    )


@require_http_methods(["GET", "POST"])
@login_required
def phase_transfer_new(request: HttpRequest) -> HttpResponse:
    children = _own_children(request)
    form = PhaseTransferForm(request.POST or None, children=children)
    if request.method == "POST" and form.is_valid():
        child = child_get(user=request.user, pk=form.cleaned_data["child"].pk, perm=CHANGE)
        transfer = _save(
            request, form, child,
            lambda d: services.phase_transfer_add(
                actor=request.user, child=child, kind=d["kind"],
                year=d["year"] or d["move_date"].year, identified_on=d["identified_on"],
                move_date=d["move_date"], expected_version=None),
        )  # fmt: skip
        if transfer:
            messages.success(request, f"Added to the {transfer.year} cohort: {child.full_name}.")
            return redirect(reverse("plans:cohort") + f"?year={transfer.year}")
    return form_page(
        request,
        form=form,
        title="Add a child to the phase transfer cohort",
        caption="Phase transfers",
        back=reverse("plans:cohort"),
    )
