"""Mediation pages. Views are thin: forms check input, services write, selectors read.

Every date shown comes from the deadline table the engine fills; no view adds or subtracts days.
Each step of a case is one small form (`STEPS`), posted to `/mediation/<case>/<step>/`, or to
`/mediation/<case>/<kind>/<id>/<step>/` for a step on one attendee, call or recording request.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from redress.accounts.models import Organisation
from redress.audit.services import audit_record
from redress.core.corrections import StepWithdrawForm
from redress.core.downloads import content_disposition
from redress.core.forms import add_service_errors
from redress.core.step_history import correction_data, correction_page, step_history
from redress.core.versions import call_service
from redress.mediation import (
    documents,
    legal,
    schedule,
    selectors,
    selectors_meetings,
    services,
    views_day,
)
from redress.mediation import forms as f
from redress.mediation.messages import NOTES_POLICY_WORDS
from redress.mediation.models import MediationCase, Party
from redress.statutory.calendar import format_long_date

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


# -- Steps ------------------------------------------------------------------------------------

Save = Callable[[Any, MediationCase, dict[str, Any], Any, HttpRequest], Any]


@dataclass(frozen=True)
class Step:
    form: type[f.CaseForm]
    save: Save
    done: str
    guidance: str = "mediation.information"
    perm: str = "mediation.change_case"
    target: str = ""  # "attendee", "call" or "recording" for a step on one record


def _v(data: dict[str, Any]) -> int | None:
    return data.get("version")


def _issue(data: dict[str, Any]) -> services.IssueInput:
    return services.IssueInput(
        kind=data["kind"],
        description=data["description"],
        health_provision_wanted=data.get("health_provision_wanted") or "",
    )


STEPS: dict[str, Step] = {
    "issue": Step(
        f.IssueForm,
        lambda u, c, d, o, r: services.mediation_issue_add(
            actor=u, case=c, issue=_issue(d), expected_version=_v(d)
        ),
        "Issue added.",
    ),
    "choice": Step(
        f.ChoiceForm,
        lambda u, c, d, o, r: services.mediation_choice_record(
            actor=u, case=c, choice=d["choice"], on=d["on"], expected_version=_v(d)
        ),
        "The family's choice is recorded.",
    ),
    "exemption": Step(
        f.ExemptionForm,
        lambda u, c, d, o, r: services.mediation_exemption_record(
            actor=u, case=c, exemption=d["exemption"], on=d["on"], expected_version=_v(d)
        ),
        "Recorded.",
        perm="mediation.issue_certificate",
    ),
    "certificate": Step(
        f.CertificateForm,
        lambda u, c, d, o, r: services.mediation_certificate_issue(
            actor=u, case=c, reason=d["reason"], issued_on=d["issued_on"], expected_version=_v(d)
        ),
        "Certificate issued.",
        perm="mediation.issue_certificate",
    ),
    "la-told": Step(
        f.LaToldForm,
        lambda u, c, d, o, r: services.mediation_la_told_record(
            actor=u, case=c, on=d["on"], expected_version=_v(d)
        ),
        "Recorded.",
        guidance="mediation.arrangements",
    ),
    "health-notified": Step(
        f.HealthNotifiedForm,
        lambda u, c, d, o, r: services.mediation_health_notified_record(
            actor=u, case=c, commissioner=d["commissioner"], on=d["on"], expected_version=_v(d)
        ),
        "Recorded.",
        guidance="mediation.arrangements",
    ),
    "not-arranged": Step(
        f.NotArrangedForm,
        lambda u, c, d, o, r: services.mediation_not_arranged_record(
            actor=u, case=c, on=d["on"], reason=d["reason"], expected_version=_v(d)
        ),
        "Recorded.",
        guidance="mediation.arrangements",
    ),
    "assign": Step(
        f.AssignForm,
        lambda u, c, d, o, r: services.mediation_assign(
            actor=u,
            case=c,
            mediator=d["mediator"],
            case_manager=d["case_manager"],
            expected_version=_v(d),
        ),
        "Mediator assigned.",
        guidance="mediation.arrangements",
    ),
    "schedule": Step(
        f.ScheduleForm,
        lambda u, c, d, o, r: services.mediation_meeting_schedule(
            actor=u,
            case=c,
            meeting_date=d["meeting_date"],
            start_time=d["start_time"],
            place=d["place"],
            end_time=d.get("end_time"),
            video_link=d["video_link"],
            accessibility_needs=d["accessibility_needs"],
            reschedule_reason=d["reschedule_reason"],
            expected_version=_v(d),
        ),
        "Meeting arranged.",
        guidance="mediation.arrangements",
    ),
    "confirm": Step(
        f.ConfirmationForm,
        lambda u, c, d, o, r: services.mediation_confirmation_send(
            actor=u, case=c, resend=bool(d.get("resend")), expected_version=_v(d)
        ),
        "Confirmation sent.",
        guidance="mediation.arrangements",
    ),
    "held": Step(
        f.HeldForm,
        lambda u, c, d, o, r: services.mediation_held_record(
            actor=u,
            case=c,
            held_on=d["held_on"],
            start_time=d.get("start_time"),
            place=d.get("place") or "",
            expected_version=_v(d),
        ),
        "Recorded as held.",
        guidance="mediation.agreement",
    ),
    "conclude": Step(
        f.ConcludeForm,
        lambda u, c, d, o, r: services.mediation_conclude(
            actor=u,
            case=c,
            concluded_on=d["concluded_on"],
            outcome=d["outcome"],
            expected_version=_v(d),
        ),
        "Outcome recorded.",
        guidance="mediation.agreement",
    ),
    "attendee": Step(
        f.AttendeeForm,
        lambda u, c, d, o, r: services.mediation_attendee_add(
            actor=u,
            case=c,
            role=d["role"],
            name=d["name"],
            organisation_name=d["organisation_name"],
            email=d["email"],
            address=d.get("address") or "",
            proposed_by=d["proposed_by"],
            expected_version=_v(d),
        ),
        "Attendee proposed.",
        guidance="mediation.attendees",
    ),
    "child-views": Step(
        f.ChildViewsForm,
        lambda u, c, d, o, r: services.mediation_child_views_record(
            actor=u,
            case=c,
            views=d["views"],
            gathered_on=d["gathered_on"],
            parent_agrees=d["parent_agrees"],
            mediator_agrees=d["mediator_agrees"],
            expected_version=_v(d),
        ),
        "Recorded.",
        guidance="mediation.attendees",
    ),
    "calls": Step(
        f.PrepareCallsForm,
        lambda u, c, d, o, r: services.pre_mediation_calls_prepare(
            actor=u, case=c, expected_version=_v(d)
        ),
        "Calls added to the checklist.",
        guidance="mediation.arrangements",
    ),
    "agenda": Step(
        f.AgendaBuildForm,
        lambda u, c, d, o, r: services.agenda_build(actor=u, case=c, expected_version=_v(d)),
        "Agenda built from the issues.",
        guidance="mediation.arrangements",
    ),
    "agenda-item": Step(
        f.AgendaItemForm,
        lambda u, c, d, o, r: services.agenda_item_add(
            actor=u, case=c, title=d["title"], expected_version=_v(d)
        ),
        "Agenda item added.",
        guidance="mediation.arrangements",
    ),
    "document": Step(
        f.SharedDocumentForm,
        lambda u, c, d, o, r: services.shared_document_add(
            actor=u,
            case=c,
            title=d["title"],
            shared_on=d["shared_on"],
            shared_with=list(d["shared_with"]),
            document=d.get("document"),
            expected_version=_v(d),
        ),
        "Document shared.",
        guidance="mediation.arrangements",
    ),
    "recording": Step(
        f.RecordingRequestForm,
        lambda u, c, d, o, r: services.recording_request_record(
            actor=u,
            case=c,
            requested_by=d["requested_by"],
            requested_on=d["requested_on"],
            reasonable_adjustment=d["reasonable_adjustment"],
            adjustment_reason=d["adjustment_reason"],
            expected_version=_v(d),
        ),
        "Request recorded (refused until approved).",
        guidance="mediation.recording",
    ),
    # Steps on one record of the case.
    "consent": Step(
        f.ConsentForm,
        lambda u, c, d, o, r: services.attendee_consent_record(
            actor=u,
            attendee=o,
            party=d["party"],
            answer=d["answer"],
            reason=d["reason"],
            on=d["on"],
            expected_version=_v(d),
        ),
        "Answer recorded.",
        guidance="mediation.attendees",
        target="attendee",
    ),
    "decide": Step(
        f.DecisionForm,
        lambda u, c, d, o, r: services.attendee_mediator_decide(
            actor=u,
            attendee=o,
            decision=d["decision"],
            reasons=d["reasons"],
            on=d["on"],
            expected_version=_v(d),
        ),
        "Decision recorded.",
        guidance="mediation.attendees",
        perm="mediation.decide_attendance",
        target="attendee",
    ),
    "authority": Step(
        f.AuthorityForm,
        lambda u, c, d, o, r: services.attendee_authority_confirm(
            actor=u,
            attendee=o,
            how=d["how"],
            on=d["on"],
            detail=d["detail"],
            expected_version=_v(d),
        ),
        "Authority confirmed.",
        guidance="mediation.decisions",
        target="attendee",
    ),
    "withdraw": Step(
        f.WithdrawForm,
        lambda u, c, d, o, r: services.mediation_attendee_withdraw(
            actor=u, attendee=o, expected_version=_v(d)
        ),
        "Attendee withdrawn.",
        guidance="mediation.attendees",
        target="attendee",
    ),
    "call": Step(
        f.CallForm,
        lambda u, c, d, o, r: services.pre_mediation_call_update(
            actor=u,
            call=o,
            held_on=d["held_on"],
            checklist={k: d[k] for k in services.CHECKLIST_FIELDS},
            adjustments_needed=d["adjustments_needed"],
            expected_version=_v(d),
        ),
        "Call updated.",
        guidance="mediation.arrangements",
        target="call",
    ),
    "recording-decide": Step(
        f.RecordingDecisionForm,
        lambda u, c, d, o, r: services.recording_request_decide(
            actor=u,
            request=o,
            other_party_consents=d["other_party_consents"],
            mediator_approves=d["mediator_approves"],
            purpose=d["purpose"],
            who_may_access=d["who_may_access"],
            retention=d["retention"],
            expected_version=_v(d),
        ),
        "Decision recorded.",
        guidance="mediation.recording",
        perm="mediation.decide_attendance",
        target="recording",
    ),
    "cancel": Step(
        f.CancelMeetingForm,
        lambda u, c, d, o, r: schedule.mediation_meeting_cancel(
            actor=u, case=c, reason=d["reason"], expected_version=_v(d)
        ),
        "Meeting cancelled. Everyone who had the confirmation is told.",
        guidance="mediation.arrangements",
    ),
    "meeting-details": Step(
        f.MeetingDetailsForm,
        lambda u, c, d, o, r: schedule.mediation_meeting_details_change(
            actor=u,
            case=c,
            start_time=d["start_time"],
            end_time=d.get("end_time"),
            place=d["place"],
            video_link=d["video_link"],
            accessibility_needs=d["accessibility_needs"],
            expected_version=_v(d),
        ),
        "Meeting details changed. The confirmation went again to everyone who had it.",
        guidance="mediation.arrangements",
    ),
    "send-certificate": Step(
        f.CertificateSendForm,
        lambda u, c, d, o, r: schedule.certificate_send(actor=u, certificate=o),
        "The certificate is sent to the family.",
        perm="mediation.issue_certificate",
        target="certificate",
    ),
    "short-notice": Step(
        f.ShortNoticeForm,
        lambda u, c, d, o, r: schedule.short_notice_consent_record(
            actor=u, case=c, on=d["on"], given_by=d["given_by"], expected_version=_v(d)
        ),
        "The family's consent to short notice is recorded.",
        guidance="mediation.arrangements",
    ),
}

_TARGETS = {
    "attendee": "attendees",
    "call": "pre_mediation_calls",
    "recording": "recording_requests",
    "certificate": "certificates",
}


def _target(case: MediationCase, step: Step, pk: int | None) -> Any:
    """The record a step acts on, looked up among the case's own (another case's id is 404)."""
    if not step.target:
        if pk is not None:
            raise Http404("No such step")
        return None
    if pk is None:
        raise Http404("No such record")
    try:
        return getattr(case, _TARGETS[step.target]).get(pk=pk)
    except ObjectDoesNotExist as exc:
        raise Http404("No such record") from exc


def _initial(case: MediationCase, slug: str, obj: Any) -> dict[str, Any]:
    initial: dict[str, Any] = {"version": case.version}
    if slug == "child-views":
        initial.update(
            views=case.child_views,
            gathered_on=case.child_views_gathered_on,
            parent_agrees=case.child_attends_parent_agrees,
            mediator_agrees=case.child_attends_mediator_agrees,
        )
    if slug == "call" and obj is not None:
        initial.update({k: getattr(obj, k) for k in services.CHECKLIST_FIELDS})
        initial.update(held_on=obj.held_on, adjustments_needed=obj.adjustments_needed)
    if slug == "recording-decide" and obj is not None:
        initial.update(
            other_party_consents=obj.other_party_consents,
            mediator_approves=obj.mediator_approves,
            purpose=obj.purpose,
            who_may_access=obj.who_may_access,
            retention=obj.retention,
        )
    if slug == "health-notified" and case.health_commissioner_id:
        initial["commissioner"] = case.health_commissioner_id
    if slug == "assign":
        initial.update(mediator=case.mediator_id, case_manager=case.case_manager_id)
    return initial


@require_http_methods(["GET", "POST"])
@login_required
def case_step(request: HttpRequest, pk: int, slug: str, obj_pk: int | None = None) -> HttpResponse:
    step = STEPS.get(slug)
    if step is None:
        raise Http404("No such step")
    case = selectors.mediation_case_get(user=request.user, pk=pk, perm=step.perm)
    obj = _target(case, step, obj_pk)
    if request.method == "POST":
        form = step.form(request.POST, request.FILES, case=case)
        if form.is_valid():
            result = call_service(
                form,
                lambda: step.save(request.user, case, form.cleaned_data, obj, request),
                record=case,
            )
            if result is not None:
                messages.success(request, step.done)
                views_day.warn_about_meeting(request, case, slug)
                _announce(request, case)
                return redirect("mediation:case-detail", pk=case.pk)
    else:
        form = step.form(initial=_initial(case, slug, obj), case=case)
    return render(
        request,
        "mediation/step.html",
        {
            "case": case,
            "form": form,
            "obj": obj,
            "guidance_step": step.guidance,
            "recipients": _recipients(case) if slug == "confirm" else None,
        },
    )


def _recipients(case: MediationCase) -> list[tuple[str, str]]:
    """Who the confirmation will go to, and how, before it is sent."""
    meeting = case.current_meeting
    done = set(meeting.confirmations.values_list("attendee_id", flat=True)) if meeting else set()
    return [
        (
            f"{a.name}, {a.get_role_display()}",
            "already sent"
            if a.pk in done
            else "by email"
            if a.email or getattr(a.user, "email", "")
            else "as a printed letter",
        )
        for a in selectors_meetings.confirmation_recipients(case)
    ]


def _announce(request: HttpRequest, case: MediationCase) -> None:
    """Name the mediation deadlines now open, as the engine computed them."""
    for deadline in selectors.case_deadlines(user=request.user, case=case):
        if deadline.is_open and deadline.status in ("pending", "overdue"):
            messages.info(
                request,
                f"Now due: {deadline.title} by {format_long_date(deadline.due)} "
                f"({deadline.citation}).",
                extra_tags="deadline",
            )


# -- The case page (the case list is in views_lists) -------------------------------------------


def child_from_query(request: HttpRequest) -> int | None:
    """The `?child=` a link from the child's page carries, or None when it is not an id (a
    superscript digit or a number too large for the database is ignored, not a server error)."""
    value = request.GET.get("child", "")
    if value.isascii() and value.isdigit() and len(value) <= 9:
        return int(value)
    return None


@require_http_methods(["GET", "POST"])
@login_required
def case_new(request: HttpRequest) -> HttpResponse:
    if not selectors.providers_for(request.user, selectors.CERTIFICATE_ROLES).exists():
        raise PermissionDenied
    initial: dict[str, Any] = {}
    child = child_from_query(request)
    if child is not None:
        initial["child"] = child
    form = f.CaseNewForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            case = services.mediation_case_open(
                actor=request.user,
                child=d["child"],
                provider=d["provider"],
                decision=d["decision"],
                decision_notice_date=d["decision_notice_date"],
                adviser_contacted_on=d["adviser_contacted_on"],
                issues=[_issue(d)],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Mediation case opened for {case.child.full_name}.")
            _announce(request, case)
            return redirect("mediation:case-detail", pk=case.pk)
    return render(
        request,
        "mediation/case_new.html",
        {"form": form, "guidance_step": "mediation.information"},
    )


@require_GET
@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    case = selectors.mediation_case_get(user=user, pk=pk)
    audit_record(
        actor=user, action="view", obj=case, child=case.child, summary="Viewed the mediation case"
    )
    attendees = list(case.attendees.prefetch_related("consents", "confirmations"))
    meeting = case.current_meeting
    can_change = user.has_perm("mediation.change_case", case)
    context = {
        "case": case,
        "issues": list(case.issues.all()),
        "certificates": list(case.certificates.all()),
        "meeting": meeting,
        "meetings": list(case.meetings.all()),
        "attendees": [(a, selectors.attendance(case, a)) for a in attendees],
        "entries": list(case.entries.all()),
        "calls": list(case.pre_mediation_calls.select_related("attendee")),
        "agenda": list(case.agenda_items.all()),
        "shared_documents": list(case.shared_documents.prefetch_related("shared_with")),
        "recordings": list(case.recording_requests.all()),
        "deadlines": selectors.case_deadlines(user=user, case=case),
        "decision_recorded": selectors.case_decision_label(case),
        "warnings": selectors.attendees_without_confirmed_authority(user, case=case),
        "confirm_by": selectors.authority_deadline(meeting.meeting_date)
        if meeting is not None and meeting.status == "scheduled"
        else None,
        "can_change": can_change,
        "can_certify": user.has_perm("mediation.issue_certificate", case),
        "can_withdraw": user.has_perm("mediation.withdraw_case", case),
        "can_decide": user.has_perm("mediation.decide_attendance", case),
        "can_read_notes": user.has_perm("mediation.view_notes", case),
        "can_write_note": user.has_perm("mediation.write_note", case),
        "family_requests": selectors.family_requests_for(user=user, case=case),
        "parties": selectors.parties_to(case),
        "party_labels": dict(Party.choices),
        "legal": legal,
        "exemption_citation": legal.EXEMPTION_CITATIONS.get(case.exemption),
    }
    context.update(views_day.case_page_extras(user, case, meeting, context["shared_documents"]))
    return render(request, "mediation/case_detail.html", context)


@require_GET
@login_required
def certificate_document(request: HttpRequest, pk: int, certificate_pk: int) -> HttpResponse:
    case = selectors.mediation_case_get(user=request.user, pk=pk)
    certificate = case.certificates.filter(pk=certificate_pk).first()
    if certificate is None:
        raise Http404("No such certificate")
    content = documents.certificate_generate(actor=request.user, certificate=certificate)
    response = HttpResponse(content, content_type=DOCX)
    name = f"mediation-certificate-{certificate.issued_on:%Y-%m-%d}.docx"
    response["Content-Disposition"] = content_disposition(name)
    return response


@require_GET
@login_required
def confirmation_document(request: HttpRequest, pk: int, attendee_pk: int) -> HttpResponse:
    case = selectors.mediation_case_get(user=request.user, pk=pk, perm="mediation.change_case")
    attendee = case.attendees.filter(pk=attendee_pk).first()
    if attendee is None or case.current_meeting is None:
        raise Http404("No such confirmation")
    content = documents.confirmation_generate(actor=request.user, attendee=attendee)
    response = HttpResponse(content, content_type=DOCX)
    response["Content-Disposition"] = content_disposition("mediation-meeting-confirmation.docx")
    return response


@require_http_methods(["GET", "POST"])
@login_required
def notes(request: HttpRequest, pk: int) -> HttpResponse:
    """The mediator's confidential notes. Anyone the policy does not allow gets a 404, so the
    page does not even say whether notes exist."""
    case = selectors.mediation_case_get(user=request.user, pk=pk)
    if not request.user.has_perm("mediation.view_notes", case):
        raise Http404("No such page")
    form = f.NoteForm(request.POST or None)
    if request.method == "POST":
        if not request.user.has_perm("mediation.write_note", case):
            raise PermissionDenied
        if form.is_valid():
            try:
                services.mediator_note_add(
                    actor=request.user, case=case, text=form.cleaned_data["text"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Note saved.")
                return redirect("mediation:notes", pk=case.pk)
    can_write = request.user.has_perm("mediation.write_note", case)
    if can_write:
        services.notes_policy_notice_record(mediator=request.user, provider=case.provider)
    notes = list(selectors.mediator_notes_visible_to(request.user, case))
    # Every read of the notes is audited, where only the provider and the system see it.
    audit_record(
        actor=request.user,
        action="view",
        obj=case,
        child=case.child,
        confidential_to=case.provider,
        summary=f"Read the mediator's notes ({len(notes)})",
        page="mediation:notes",
    )
    return render(
        request,
        "mediation/notes.html",
        {
            "case": case,
            "form": form,
            "notes": notes,
            "can_write": can_write,
            "policy_words": NOTES_POLICY_WORDS[
                selectors.policy_for(case.provider).case_manager_sees_notes
            ],
            "citation": legal.CONFIDENTIALITY,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def policy(request: HttpRequest, provider_pk: int) -> HttpResponse:
    provider = Organisation.objects.filter(
        pk=provider_pk, kind=Organisation.Kind.MEDIATION_PROVIDER
    ).first()
    if provider is None:
        raise Http404("No such provider")
    if not request.user.has_perm("mediation.view_policy", provider):
        raise PermissionDenied
    current = selectors.policy_for(provider)
    can_change = request.user.has_perm("mediation.change_policy", provider)
    fields = (
        "follows_up_agreements",
        "pre_mediation_call_required",
        "attendee_agreement",
        "case_manager_sees_notes",
        "recording_wording",
        "confidentiality_wording",
    )
    initial = {name: getattr(current, name) for name in fields}
    initial["version"] = current.version
    form = f.PolicyForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        if form.is_valid():
            d = form.cleaned_data
            try:
                if current.pk and d.get("version") is None:
                    raise services.ConcurrentEditError  # a change must say which version it edits
                services.mediation_policy_update(
                    actor=request.user,
                    provider=provider,
                    expected_version=d.get("version") if current.pk else None,
                    **{name: d[name] for name in fields},
                )
            except services.ConcurrentEditError:
                form.add_error(None, services.ConcurrentEditError.message)
                # Keep the answers and take the policy's current version, so sending them
                # again (having read the other change) saves instead of being refused forever.
                data = form.data.copy()  # type: ignore[attr-defined]  # a QueryDict
                data["version"] = str(selectors.policy_for(provider).version)
                form.data = data
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Policy saved.")
                return redirect("mediation:policy", provider_pk=provider.pk)
    return render(
        request,
        "mediation/policy.html",
        {"provider": provider, "policy": current, "form": form, "can_change": can_change},
    )


# -- Correcting or withdrawing a recorded step (decision 0100) --------------------------------
# The history shows only the step's dates: the mediator's discussion notes are never here.

_CERTIFICATE_FIELDS = ("reason", "issued_on", "sent_on")
_MEETING_FIELDS = ("meeting_date", "scheduled_on", "status", "held_on")


def _correction(request: HttpRequest, *, case: MediationCase, **page: Any) -> HttpResponse:
    """The shared correction page (`correction_page`) for a step of `case`."""
    return correction_page(
        request,
        done_url=reverse("mediation:case-detail", args=[case.pk]),
        back_text="Back to the mediation case",
        caption=f"{case.child.full_name}: mediation",
        child=case.child,
        **page,
    )


def _certificates_followed(case: MediationCase, field: str) -> list[str]:
    return [
        f"{certificate} ({certificate.get_reason_display().lower()}): "
        "withdraw or correct it first if it rests on this step"
        for certificate in case.certificates.filter(withdrawn_at__isnull=True)
        if services.CERTIFICATE_STEP.get(certificate.reason) == field
    ]


@require_http_methods(["GET", "POST"])
@login_required
def step_correct(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """Correct or withdraw a dated step recorded on the case itself."""
    spec = services.CASE_STEPS.get(step)
    if spec is None:
        raise Http404("No such step")
    case = selectors.mediation_case_get(user=request.user, pk=pk, perm=spec.perm)
    if getattr(case, spec.field) is None:
        raise Http404("The step is not recorded")
    user = request.user
    return _correction(
        request,
        case=case,
        record=case,
        form=f.CaseStepCorrectForm(
            correction_data(request),
            initial={"version": case.version, "on": getattr(case, spec.field)},
        ),
        correct=lambda data: services.case_step_correct(
            actor=user,
            case=case,
            step=step,
            on=data["on"],
            reason=data["reason"],
            expected_version=data.get("version"),
        ),
        withdraw=lambda data: services.case_step_withdraw(
            actor=user,
            case=case,
            step=step,
            reason=data["reason"],
            expected_version=data.get("version"),
        ),
        history=step_history(case, (spec.field, *spec.with_it)),
        title=f"Correct {spec.label}",
        followed=_certificates_followed(case, spec.field),
        withdraw_intro="For a step recorded in error. Its date is cleared, kept in the history, "
        "and the deadlines are worked out as if it had not been recorded.",
        withdraw_button="Withdraw the step",
        done=(
            "The date is corrected. The earlier date is kept in the history.",
            "The step is withdrawn as recorded in error. It stays in the history.",
        ),
    )


@require_http_methods(["GET", "POST"])
@login_required
def certificate_correct(request: HttpRequest, pk: int, certificate_pk: int) -> HttpResponse:
    case = selectors.mediation_case_get(
        user=request.user, pk=pk, perm="mediation.issue_certificate"
    )
    certificate = case.certificates.filter(pk=certificate_pk).first()
    if certificate is None:
        raise Http404("No such certificate")
    user = request.user
    followed = []
    if certificate.sent_on:
        followed.append(
            f"The certificate was sent to {certificate.sent_to or 'the family'} on "
            f"{format_long_date(certificate.sent_on)}. It stays sent: send the family the "
            "corrected certificate, or tell them it is withdrawn."
        )
    followed += [
        f"An appeal relying on it, lodged {format_long_date(appeal.lodged_on)}"
        for appeal in certificate.appeals.filter(withdrawn_at__isnull=True)
    ]
    return _correction(
        request,
        case=case,
        record=certificate,
        form=f.CertificateCorrectForm(
            correction_data(request),
            initial={"version": certificate.version, "issued_on": certificate.issued_on},
        ),
        correct=lambda data: services.certificate_correct(
            actor=user,
            certificate=certificate,
            issued_on=data["issued_on"],
            reason=data["reason"],
            expected_version=data.get("version"),
        ),
        withdraw=lambda data: services.certificate_withdraw(
            actor=user,
            certificate=certificate,
            reason=data["reason"],
            expected_version=data.get("version"),
        ),
        history=step_history(certificate, _CERTIFICATE_FIELDS),
        title="Correct the mediation certificate",
        followed=followed,
        withdraw_intro="For a certificate issued in error. It stays on the record, marked "
        "withdrawn, and no longer opens the family's appeal window.",
        withdraw_button="Withdraw the certificate",
        done=(
            "The certificate is corrected. The earlier date is kept in its history.",
            "The certificate is withdrawn as issued in error. It stays on the record.",
        ),
    )


@require_http_methods(["GET", "POST"])
@login_required
def meeting_correct(request: HttpRequest, pk: int, meeting_pk: int) -> HttpResponse:
    case = selectors.mediation_case_get(user=request.user, pk=pk, perm="mediation.change_case")
    meeting = case.meetings.filter(pk=meeting_pk).first()
    if meeting is None:
        raise Http404("No such meeting")
    user = request.user
    followed = []
    if meeting.confirmation_sent_on:
        followed.append(
            "The confirmation of the meeting went to the attendees on "
            f"{format_long_date(meeting.confirmation_sent_on)}. It stays sent: tell them of "
            "the correction."
        )
    return _correction(
        request,
        case=case,
        record=meeting,
        form=f.MeetingCorrectForm(
            correction_data(request),
            initial={
                "version": meeting.version,
                "meeting_date": meeting.meeting_date,
                "scheduled_on": meeting.scheduled_on,
                "held_on": meeting.held_on,
            },
        ),
        correct=lambda data: services.meeting_correct(
            actor=user,
            meeting=meeting,
            meeting_date=data["meeting_date"],
            scheduled_on=data["scheduled_on"],
            held_on=data["held_on"],
            reason=data["reason"],
            expected_version=data.get("version"),
        ),
        withdraw=lambda data: services.meeting_withdraw(
            actor=user, meeting=meeting, reason=data["reason"], expected_version=data.get("version")
        ),
        history=step_history(meeting, _MEETING_FIELDS),
        title="Correct the meeting",
        followed=followed,
        withdraw_intro="For a meeting recorded in error. It stays on the record, marked "
        "withdrawn, and the deadlines are worked out as if it had not been recorded.",
        withdraw_button="Withdraw the meeting",
        done=(
            "The meeting is corrected. The earlier dates are kept in its history.",
            "The meeting is withdrawn as recorded in error. It stays on the record.",
        ),
    )


# -- Withdrawing a whole case opened in error (decision 0134) ---------------------------------
# The history shows the case's own steps, never the mediator's notes (a separate model).

_CASE_FIELDS = (
    "decision",
    "decision_notice_date",
    "adviser_contacted_on",
    "family_choice",
    "la_told_on",
    "concluded_on",
    "outcome",
)


@require_http_methods(["GET", "POST"])
@login_required
def case_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """What depends on the case, and the withdrawal of a case opened in error (the wrong child,
    a duplicate). After it, the page still shows who withdrew it and why."""
    case = selectors.mediation_case_get(user=request.user, pk=pk, perm="mediation.withdraw_case")
    form = StepWithdrawForm(
        request.POST or None, initial={"version": case.version}, prefix="withdraw"
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = request.user
        withdrawn = call_service(
            form,
            lambda: services.mediation_case_withdraw(
                actor=user, case=case, reason=data["reason"], expected_version=data["version"]
            ),
            record=case,
        )
        if withdrawn is not None:
            messages.success(
                request,
                "The mediation case is withdrawn as opened in error. It stays on record and "
                "counts nowhere.",
            )
            return redirect("mediation:case-detail", pk=case.pk)
    return render(
        request,
        "mediation/case_withdraw.html",
        {
            "case": case,
            "child": case.child,
            "form": form,
            "blockers": [] if case.withdrawn else selectors.case_withdrawal_blockers(case),
            "followed": selectors.case_withdrawal_followed(case),
            "meetings": list(case.meetings.all()),
            "certificates": list(case.certificates.all()),
            "history": step_history(case, _CASE_FIELDS),
        },
    )
