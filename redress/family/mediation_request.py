"""Asking for mediation from the family's page, told as the law has it.

Before appealing most decisions, the family must contact the mediation adviser, who gives a
certificate (Children and Families Act 2014 s.55; SEND Regulations 2014 reg 33). Asking does not
stop the time to appeal. The periods shown come from the engine's rule catalogue, never typed
here. The request is the family's first contact with the provider that serves their council:
it opens a mediation case in that provider's queue and a task for its case manager.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from redress.accounts.models import Organisation
from redress.casework.models import Child
from redress.casework.selectors import child_get
from redress.core.forms import GovukDateField, add_service_errors
from redress.family.models import FamilyRequest
from redress.family.services import family_request_make
from redress.family.tasks import mediation_provider_for
from redress.mediation.models import MediationCase, MediationIssue
from redress.mediation.services import IssueInput, mediation_case_open_by_family
from redress.statutory.rules import rule_row

#: The decisions a family may take to mediation, in a family's words (marked for translation:
#: the keys are the codes kept on the case).
DECISION_WORDS = {
    MediationCase.Decision.NOT_ASSESS: _("The council will not assess needs"),
    MediationCase.Decision.NOT_ISSUE: _(
        "The council will not make an EHC plan after the assessment"
    ),
    MediationCase.Decision.PLAN_CONTENTS: _("What the EHC plan says"),
    MediationCase.Decision.AMENDED_PLAN: _("What the changed EHC plan says"),
    MediationCase.Decision.NOT_AMEND: _("The council will not change the plan after a review"),
    MediationCase.Decision.NOT_REASSESS: _("The council will not assess needs again"),
    MediationCase.Decision.CEASE: _("The council will stop the EHC plan"),
}
ISSUE_WORDS = {
    MediationIssue.Kind.EDUCATION: _("Education: the help with learning"),
    MediationIssue.Kind.HEALTH: _("Health care: for example therapy or nursing"),
    MediationIssue.Kind.SOCIAL_CARE: _("Social care: for example short breaks or care at home"),
}


@dataclass(frozen=True)
class MediationPeriods:
    """The periods a family must know, as the engine's rule catalogue states them."""

    contact: str  # to contact the adviser after the decision letter
    certificate: str  # for the adviser to send a certificate when the family does not mediate
    appeal: str  # the time to appeal


def periods() -> MediationPeriods:
    appeal = rule_row("appeal.lodge").period.split(",")[0]
    return MediationPeriods(
        contact=rule_row("mediation.contact_adviser").period,
        certificate=rule_row("mediation.certificate_declined").period,
        appeal=appeal.replace("the notice", "the decision letter"),
    )


class MediationRequestForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Which decision do you not agree with?"),
        choices=list(DECISION_WORDS.items()),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the decision you do not agree with")},
    )
    decision_notice_date = GovukDateField(
        # The field would word its own "Enter …" in English from the label; this says it so
        # that it is translated with the label.
        label=cast("str", _("Date on the decision letter")),
        help_text=_("It is at the top of the letter. For example, 27 3 2026."),
        error_messages={"required": _("Enter the date on the decision letter")},
    )
    issues = forms.MultipleChoiceField(
        label=_("What is it about? Choose all that apply."),
        choices=list(ISSUE_WORDS.items()),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one: education, health care or social care")
        },
    )
    text = forms.CharField(
        label=_("Tell us in your own words what you do not agree with"),
        max_length=5000,
        widget=forms.Textarea,
        error_messages={"required": _("Tell us in your own words what you do not agree with")},
    )


@transaction.atomic
def mediation_request_make(
    *, actor: Any, child: Child, provider: Organisation | None, data: dict[str, Any]
) -> FamilyRequest:
    """The family's request (a task for the provider) and their first contact (a mediation case
    in the provider's queue), together or not at all. With no provider known for the council,
    the request is a task for the caseworker, who finds the family a mediation service."""
    text = data["text"].strip()
    request = family_request_make(
        actor=actor,
        child=child,
        kind=FamilyRequest.Kind.MEDIATION,
        text=text,
        issues=list(data["issues"]),
    )
    if provider is None:
        return request
    mediation_case_open_by_family(
        actor=actor,
        family_request=request,
        provider=provider,
        decision=data["decision"],
        decision_notice_date=data["decision_notice_date"],
        issues=[
            IssueInput(
                kind=kind,
                description=text,
                health_provision_wanted=text if kind == MediationIssue.Kind.HEALTH else "",
            )
            for kind in data["issues"]
        ],
    )
    return request


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def mediation_request(request: HttpRequest, pk: int) -> HttpResponse:
    child = child_get(user=request.user, pk=pk, perm="family.contribute")
    provider = mediation_provider_for(child)
    form = MediationRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            mediation_request_make(
                actor=request.user, child=child, provider=provider, data=form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                gettext(
                    "We have sent your request to %(provider)s. Their mediation adviser will "
                    "contact you."
                )
                % {"provider": provider}
                if provider
                else gettext(
                    "We have sent your request to the council. They will tell you which "
                    "mediation service to contact."
                ),
            )
            return redirect("family:case", pk=child.pk)
    return render(
        request,
        "family/mediation_request.html",
        {"child": child, "form": form, "provider": provider, "periods": periods()},
    )
