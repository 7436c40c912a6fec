"""Forms for the appeals pages. They check what a person typed; services check the appeal.

Choices of another record (a certificate, an organisation, a decision to cease) are offered from
the child's own records only, so a forged id is a form error, never a save.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.db.models import Q

from redress.accounts.models import Organisation
from redress.appeals.models import (
    Appeal,
    AppealDocument,
    Body,
    ComplianceStep,
    EvidenceDirection,
    Order,
    Recommendation,
    Settlement,
    first_lower,
)
from redress.casework.forms import GovukRadios
from redress.casework.models import Child
from redress.core.corrections import CorrectionReasonField
from redress.core.forms import GovukDateField, VersionedForm
from redress.mediation.models import MediationCertificate
from redress.plans.models import Cessation
from redress.statutory import rule_row
from redress.statutory.calendar import format_long_date
from redress.statutory.engine import today_in_london

_NONE = ("", "None")
# Part 3 of the Children and Families Act 2014, and with it these appeal rights, began here.
SEND_APPEALS_FROM = date(2014, 9, 1)


def _choices(choices: Any) -> list[tuple[str, str]]:
    return [(str(value), str(label)) for value, label in choices]


class AppealForm(forms.Form):
    decision = forms.ChoiceField(
        label="Which decision is the family appealing?",
        choices=_choices(Appeal.Decision.choices),
        widget=GovukRadios,
        help_text="An appeal against a refusal to assess uses form SEND35a; every other appeal "
        "uses form SEND35.",
        error_messages={"required": "Choose the decision the family is appealing"},
    )
    decision_notice_date = GovukDateField(label="Date of the decision letter")
    lodged_on = GovukDateField(label="Date the appeal was lodged with the Tribunal")
    tribunal_reference = forms.CharField(label="Tribunal reference", required=False, max_length=40)
    sections_challenged = forms.MultipleChoiceField(
        label="Sections of the plan the appeal challenges",
        choices=[
            ("B", "Section B: special educational needs"),
            ("F", "Section F: special educational provision"),
            ("I", "Section I: the school or other institution"),
        ],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Only for an appeal about the plan's contents.",
    )
    mediation_certificate = forms.ChoiceField(
        label="Mediation certificate the appeal relies on", required=False
    )
    no_certificate_reason = forms.ChoiceField(
        label="Or: why no certificate is needed",
        choices=[_NONE, *_choices(Appeal.NoCertificateReason.choices)],
        required=False,
        help_text="A disability discrimination claim is not an appeal under section 51 and is "
        "not recorded here.",
    )
    cessation = forms.ChoiceField(
        label="The decision to cease this appeal is against", required=False
    )
    recommendation_sections = forms.MultipleChoiceField(
        label="Does the family ask the Tribunal for recommendations on health or social care?",
        choices=_choices(Recommendation.Section.choices),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="An extended appeal. Not possible in an appeal against a refusal to assess.",
    )
    health_commissioner = forms.ChoiceField(label="Health commissioner", required=False)
    social_care = forms.ChoiceField(label="Social care team", required=False)

    def __init__(self, *args: Any, child: Child, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)

        self.child = child
        certificates = MediationCertificate.objects.filter(
            case__child=child, withdrawn_at__isnull=True
        ).select_related("case")
        self.fields["mediation_certificate"].choices = [  # type: ignore[attr-defined]
            _NONE,
            *[
                (
                    str(c.pk),
                    f"Issued {format_long_date(c.issued_on)}: {c.case.get_decision_display()} "
                    f"({first_lower(c.get_reason_display())})",
                )
                for c in certificates
            ],
        ]
        self.fields["cessation"].choices = [  # type: ignore[attr-defined]
            _NONE,
            *[(str(c.pk), f"Decided {format_long_date(c.decided_on)}") for c in self._cessations()],
        ]
        self.fields["health_commissioner"].choices = [  # type: ignore[attr-defined]
            _NONE,
            *_organisations(child, Organisation.Kind.HEALTH_COMMISSIONER),
        ]
        self.fields["social_care"].choices = [  # type: ignore[attr-defined]
            _NONE,
            *_organisations(child, Organisation.Kind.SOCIAL_CARE),
        ]

    def _cessations(self) -> list[Any]:
        return list(Cessation.objects.filter(plan__child=self.child))

    def certificate(self) -> Any:
        pk = self.cleaned_data.get("mediation_certificate")
        return MediationCertificate.objects.get(pk=pk) if pk else None

    def cessation_obj(self) -> Any:
        pk = self.cleaned_data.get("cessation")
        return Cessation.objects.get(pk=pk) if pk else None

    def organisation(self, name: str) -> Organisation | None:
        pk = self.cleaned_data.get(name)
        return Organisation.objects.get(pk=pk) if pk else None


def _organisations(child: Child, kind: str) -> list[tuple[str, str]]:
    """Bodies of this kind that serve the child's local authority (or belong to it)."""
    la = child.local_authority
    queryset = Organisation.objects.filter(Q(serves=la) | Q(parent=la), kind=kind).distinct()
    return [(str(o.pk), o.name) for o in queryset.order_by("name")]


class ProgressForm(VersionedForm):
    tribunal_reference = forms.CharField(label="Tribunal reference", required=False, max_length=40)
    sent_to_la_on = GovukDateField(
        label="Date the Tribunal sent the appeal to the local authority", required=False
    )
    response_directed_on = GovukDateField(
        label="Date of any direction about the response",
        required=False,
        help_text="Only when the Tribunal directed a date other than the usual "
        f"{rule_row('appeal.la_response').period.split(',')[0]}.",
    )
    response_directed_due = GovukDateField(
        label="Date the Tribunal directed for the response", required=False
    )
    la_response = forms.ChoiceField(
        label="The local authority's response",
        choices=[("", "Not sent yet"), *_choices(Appeal.LaResponse.choices)],
        required=False,
    )
    la_response_sent_on = GovukDateField(label="Date the response was sent", required=False)


class NotOpposedForm(VersionedForm):
    notified_on = GovukDateField(
        label="Date the local authority told the Tribunal it will not oppose"
    )


class HearingForm(VersionedForm):
    hearing_on = GovukDateField(label="Hearing date", required=False)
    hearing_format = forms.ChoiceField(
        label="How the hearing takes place",
        choices=[("", "Not known yet"), *_choices(Appeal.HearingFormat.choices)],
        required=False,
    )
    hearing_venue = forms.CharField(label="Where", required=False, max_length=200)
    hearing_arrangements = forms.CharField(
        label="Arrangements",
        required=False,
        max_length=5000,
        widget=forms.Textarea,
        help_text="Attendees, witnesses, interpreters and reasonable adjustments.",
    )


class DecisionForm(VersionedForm):
    outcome = forms.ChoiceField(
        label="How the appeal ended",
        choices=_choices(
            [(o.value, o.label) for o in Appeal.Outcome if o != Appeal.Outcome.UNOPPOSED]
        ),
        widget=GovukRadios,
        error_messages={"required": "Choose how the appeal ended"},
    )
    outcome_on = GovukDateField(label="Date of the decision, order or withdrawal")
    sent_on = GovukDateField(label="Date the Tribunal sent the order", required=False)
    order_kinds = forms.MultipleChoiceField(
        label="What the local authority is ordered to do",
        choices=_choices(Order.Kind.choices),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    notes = forms.CharField(label="Notes", required=False, max_length=5000, widget=forms.Textarea)


class ComplianceStepForm(forms.Form):
    step = forms.ChoiceField(
        label="Step taken",
        choices=_choices(ComplianceStep.Step.choices),
        widget=GovukRadios,
        error_messages={"required": "Choose the step taken"},
    )
    done_on = GovukDateField(label="Date the step was taken")
    note = forms.CharField(
        label="Evidence",
        max_length=5000,
        widget=forms.Textarea,
        help_text="What was done and how it can be checked, for example the letter sent.",
        error_messages={"required": "Say what was done and how it can be checked"},
    )
    document = forms.FileField(
        label="A document (optional)",
        required=False,
        help_text="A PDF, Word document, OpenDocument text, RTF, text file, JPEG or PNG. "
        "Smaller than 20 MB.",
    )

    def __init__(self, *args: Any, order: Order, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        allowed = Order.STEPS_FOR_KIND[order.kind]
        self.fields["step"].choices = [  # type: ignore[attr-defined]
            (s, ComplianceStep.Step(s).label) for s in allowed
        ]


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(
        label="Type of document",
        choices=_choices(AppealDocument.Kind.choices),
        error_messages={"required": "Choose the type of document"},
    )
    description = forms.CharField(
        label="What is this document?",
        max_length=200,
        error_messages={"required": "Say what the document is"},
    )
    document = forms.FileField(
        label="Choose a file",
        help_text="A PDF, Word document, OpenDocument text, RTF, text file, JPEG or PNG. "
        "Smaller than 20 MB.",
        error_messages={"required": "Choose a file to upload", "empty": "The file is empty"},
    )


class SentToBodiesForm(VersionedForm):
    sent_to_health_on = GovukDateField(
        label="Date the appeal was sent to the health commissioner", required=False
    )
    sent_to_social_care_on = GovukDateField(
        label="Date the appeal was sent to social care", required=False
    )


class DirectionForm(forms.Form):
    body = forms.ChoiceField(
        label="Directed to", choices=_choices(Body.choices), widget=GovukRadios
    )
    kind = forms.ChoiceField(
        label="What", choices=_choices(EvidenceDirection.Kind.choices), widget=GovukRadios
    )
    description = forms.CharField(
        label="What the Tribunal directed",
        max_length=200,
        error_messages={"required": "Say what the Tribunal directed"},
    )
    directed_by = GovukDateField(label="Date the Tribunal set")
    witness_name = forms.CharField(label="Witness", required=False, max_length=200)


class ProvidedForm(forms.Form):
    provided_on = GovukDateField(label="Date it was provided")


class RecommendationForm(forms.Form):
    section = forms.ChoiceField(
        label="Section of the plan",
        choices=_choices(Recommendation.Section.choices),
        widget=GovukRadios,
        error_messages={"required": "Choose the section the recommendation is about"},
    )
    made_on = GovukDateField(label="Date the Tribunal made the recommendation")
    text = forms.CharField(
        label="The recommendation",
        max_length=5000,
        widget=forms.Textarea,
        error_messages={"required": "Enter the recommendation as the Tribunal wrote it"},
    )


class ResponseForm(VersionedForm):
    response_sent_on = GovukDateField(label="Date the written response was sent")
    decision = forms.ChoiceField(
        label="Will the recommendation be followed?",
        choices=_choices(Recommendation.ResponseDecision.choices),
        widget=GovukRadios,
        error_messages={"required": "Say whether the recommendation will be followed"},
    )
    steps = forms.CharField(
        label="The steps that will be taken",
        required=False,
        max_length=5000,
        widget=forms.Textarea,
    )
    reasons = forms.CharField(
        label="Reasons for not following the recommendation, wholly or in part",
        required=False,
        max_length=5000,
        widget=forms.Textarea,
        help_text="Required whenever the recommendation is not followed in full.",
    )
    document = forms.FileField(
        label="Upload your response letter (optional)",
        required=False,
        help_text="PDF, Word, OpenDocument text, RTF, plain text, JPEG or PNG, up to 20 MB. "
        "Without one, the family and the local authority get the response as you write it here.",
        error_messages={"empty": "The file is empty.", "invalid": "Choose a file to upload."},
    )


class SettlementForm(forms.Form):
    agreed_on = GovukDateField(label="Date the parties agreed")
    route = forms.ChoiceField(
        label="How they agreed", choices=_choices(Settlement.Route.choices), widget=GovukRadios
    )
    ending = forms.ChoiceField(
        label="How the Tribunal will be told",
        choices=_choices(Settlement.Ending.choices),
        widget=GovukRadios,
    )
    terms = forms.CharField(
        label="What was agreed",
        max_length=5000,
        widget=forms.Textarea,
        error_messages={"required": "Say what the parties agreed"},
    )
    link_agreement = forms.BooleanField(
        label="Link the written mediation agreement", required=False
    )


class SettlementSentForm(VersionedForm):
    sent_on = GovukDateField(label="Date it was sent to the Tribunal")


class AppealWindowForm(forms.Form):
    """The public appeal-window page."""

    decision_date = GovukDateField(
        label="Date on the decision letter",
        help_text="For example, 27 3 2026.",
        error_messages={"required": "Enter the date on the decision letter"},
    )
    certificate_date = GovukDateField(
        label="Date on the mediation certificate (if you have one)",
        required=False,
        help_text="Leave this empty if you do not have a certificate yet.",
    )
    school_only = forms.BooleanField(
        label="My appeal is only about the school or college named in the plan (section I)",
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        decision, certificate = data.get("decision_date"), data.get("certificate_date")
        if decision and certificate and certificate < decision:
            self.add_error(
                "certificate_date",
                "The certificate date must be the same as or after the decision letter date",
            )
        # A letter or certificate dated after today is a typing slip (often the year); the
        # engine would also refuse a year it has no calendar for.
        today = today_in_london()
        for name, value in (("decision_date", decision), ("certificate_date", certificate)):
            if value and value > today and name not in self.errors:
                what = "decision letter" if name == "decision_date" else "certificate"
                self.add_error(name, f"The date on the {what} must be today or in the past")
        if decision and decision < SEND_APPEALS_FROM:
            self.add_error(
                "decision_date",
                "The decision letter date must be on or after 1 September 2014, when the "
                "current appeal rules began",
            )
        return data


# -- Correcting a recorded step (decision 0100) -----------------------------------------------


class AppealCorrectForm(VersionedForm):
    decision_notice_date = GovukDateField(label="Date of the decision letter")
    lodged_on = GovukDateField(label="Date the appeal was lodged with the Tribunal")
    tribunal_reference = forms.CharField(label="Tribunal reference", required=False, max_length=40)
    reason = CorrectionReasonField()


class DecisionCorrectForm(VersionedForm):
    outcome = forms.ChoiceField(
        label="How the appeal ended",
        choices=_choices(Appeal.Outcome.choices),
        widget=GovukRadios,
        error_messages={"required": "Choose how the appeal ended"},
    )
    outcome_on = GovukDateField(label="Date of the decision, order or withdrawal")
    notes = forms.CharField(label="Notes", required=False, max_length=5000, widget=forms.Textarea)
    reason = CorrectionReasonField()


class OrderCorrectForm(VersionedForm):
    made_on = GovukDateField(label="Date the order was made")
    sent_on = GovukDateField(label="Date the Tribunal sent the order", required=False)
    details = forms.CharField(
        label="Details", required=False, max_length=5000, widget=forms.Textarea
    )
    reason = CorrectionReasonField()


class ResponseCorrectForm(ResponseForm):
    reason = CorrectionReasonField()


class RecommendationCorrectForm(VersionedForm):
    made_on = GovukDateField(label="Date the Tribunal made the recommendation")
    text = forms.CharField(
        label="The recommendation, as the Tribunal wrote it", max_length=5000, widget=forms.Textarea
    )
    reason = CorrectionReasonField()


class ComplianceStepCorrectForm(VersionedForm):
    done_on = GovukDateField(label="Date the step was taken")
    note = forms.CharField(
        label="Evidence",
        max_length=5000,
        widget=forms.Textarea,
        help_text="What was done and how it can be checked, for example the letter sent.",
        error_messages={"required": "Say what was done and how it can be checked"},
    )
    reason = CorrectionReasonField()


class HearingCorrectForm(HearingForm):
    reason = CorrectionReasonField()


class DirectionCorrectForm(VersionedForm):
    description = forms.CharField(
        label="What the Tribunal directed",
        max_length=200,
        error_messages={"required": "Say what the Tribunal directed"},
    )
    directed_by = GovukDateField(label="Date the Tribunal set")
    witness_name = forms.CharField(label="Witness", required=False, max_length=200)
    provided_on = GovukDateField(
        label="Date it was provided", required=False, help_text="Leave empty if not provided yet."
    )
    reason = CorrectionReasonField()
