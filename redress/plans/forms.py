"""Forms for plans, reviews, phase transfers and cessation. Each carries the case's version."""

from __future__ import annotations

import copy
from typing import Any

from django import forms

from redress.accounts.models import Organisation
from redress.casework.forms import ChildCaseNumberField
from redress.casework.models import AdviceRequest, Child
from redress.core.corrections import CorrectionReasonField
from redress.core.forms import GovukDateField, VersionedForm
from redress.core.listing import ListForm
from redress.plans.legal import CHOOSABLE_GROUNDS, GROUNDS, CessationGround
from redress.plans.models import (
    Cessation,
    CessationConsultation,
    Consultation,
    PersonalBudget,
    PhaseTransfer,
    PreparingForAdulthood,
    ReviewStep,
)
from redress.plans.sections import PROVISION_SECTIONS, heading
from redress.statutory import rule_row


class DateForm(VersionedForm):
    date = GovukDateField(label="Date")

    def __init__(self, *args: Any, label: str = "Date", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["date"]
        field.label = label
        assert isinstance(field, GovukDateField)
        field.subject = label


class SectionForm(VersionedForm):
    text = forms.CharField(label="Text", widget=forms.Textarea, required=False)


class PlanDetailsForm(VersionedForm):
    nc_year_override = forms.IntegerField(
        label="National curriculum year, when taught out of their age group",
        required=False,
        min_value=-2,
        max_value=20,
        help_text="Leave empty to use the year worked out from the date of birth. Reception is 0.",
    )


class ProvisionItemForm(VersionedForm):
    section = forms.ChoiceField(
        label="Section",
        choices=[(c, heading(c)) for c in PROVISION_SECTIONS],
        widget=forms.RadioSelect,
    )
    what = forms.CharField(label="What the provision is", widget=forms.Textarea)
    who = forms.CharField(label="Who provides it", max_length=200)
    how_often = forms.CharField(
        label="How often", max_length=200, help_text="For example '45 minutes, weekly'."
    )
    how_long = forms.CharField(
        label="For how long", max_length=200, help_text="For example 'until the next review'."
    )
    preparing_for_adulthood = forms.BooleanField(
        label="Does it help prepare for adulthood and independent living?", required=False
    )


class OutcomeForm(VersionedForm):
    text = forms.CharField(label="The outcome sought", widget=forms.Textarea)
    by_when = forms.CharField(label="By when", max_length=100, required=False)
    preparing_for_adulthood = forms.ChoiceField(
        label="Preparing for adulthood area",
        choices=[("", "Not about preparing for adulthood"), *PreparingForAdulthood.choices],
        required=False,
        widget=forms.RadioSelect,
    )


class PlacementForm(VersionedForm):
    institution = forms.ModelChoiceField(
        label="School or institution",
        queryset=Organisation.objects.filter(kind=Organisation.Kind.SETTING),
        required=False,
        empty_label="Not in Redress, or not named",
    )
    institution_name = forms.CharField(
        label="Name, when not in Redress", max_length=200, required=False
    )
    institution_type = forms.CharField(
        label="Type of school or institution",
        max_length=200,
        help_text="For example 'maintained mainstream secondary school'.",
    )
    family_preference = forms.CharField(
        label="School or institution the family asked to be named",
        max_length=200,
        required=False,
        help_text="The family may ask for a particular school or institution when the draft is "
        "served (Children and Families Act 2014 s.38(2)(b)).",
    )
    preference_requested_on = GovukDateField(label="Date the family asked", required=False)

    def __init__(self, *args: Any, names_allowed: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not names_allowed:
            for name in ("institution", "institution_name"):
                self.fields[name].help_text = (
                    "Leave empty on the draft: the draft plan must not name a school or other "
                    "institution (s.38(5)). Name it once the draft has been served."
                )


class ConsultationForm(VersionedForm):
    institution = forms.ModelChoiceField(
        label="School or institution consulted",
        queryset=Organisation.objects.filter(kind=Organisation.Kind.SETTING),
        required=False,
        empty_label="Not in Redress",
    )
    institution_name = forms.CharField(
        label="Name, when not in Redress", max_length=200, required=False
    )
    consulted_on = GovukDateField(label="Date the draft plan was sent to it for consultation")


class ConsultationReplyForm(VersionedForm):
    responded_on = GovukDateField(label="Date of the reply")
    response = forms.ChoiceField(
        label="Reply", choices=Consultation.Response.choices, widget=forms.RadioSelect
    )
    response_details = forms.CharField(
        label="What they said", widget=forms.Textarea, required=False, max_length=5000
    )


class AppendixForm(VersionedForm):
    advice_request = forms.ModelChoiceField(
        label="Advice", queryset=AdviceRequest.objects.none(), required=False
    )
    title = forms.CharField(label="Title, for other information", max_length=200, required=False)

    def __init__(self, *args: Any, child: Child, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["advice_request"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = child.advice_requests.standing().select_related("recipient_organisation")


class ReviewStartForm(VersionedForm):
    meeting_planned_for = GovukDateField(
        label="Date planned for the meeting",
        required=False,
        help_text="Invitations and the advice gathered must go out "
        f"{rule_row('review.meeting_notice').period}.",
    )
    meeting_arranged_on = GovukDateField(
        label="Date the meeting was arranged",
        required=False,
        help_text="Leave empty for today.",
    )


class ReviewMeetingForm(VersionedForm):
    meeting_planned_for = GovukDateField(label="Date of the meeting")
    meeting_arranged_on = GovukDateField(
        label="Date the meeting was arranged",
        help_text="When the meeting is moved, the day it was moved: a new date needs its own "
        f"notice, {rule_row('review.meeting_notice').period}.",
    )


class ReviewStepForm(VersionedForm):
    date = GovukDateField(label="Date")
    decision = forms.ChoiceField(
        label="Decision", choices=ReviewStep.Decision.choices, widget=forms.RadioSelect,
        required=False,
    )  # fmt: skip
    proposed_amendments = forms.CharField(
        label="Proposed amendments",
        widget=forms.Textarea,
        required=False,
        help_text="Required when the decision is to amend: they go to the family with it.",
    )
    reasons = forms.CharField(
        label="Reasons",
        widget=forms.Textarea,
        required=False,
        help_text="Required when the decision is to cease to maintain the plan.",
    )

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.heading = ReviewStep.Kind(kind).label
        if kind != ReviewStep.Kind.DECISION:
            for name in ("decision", "proposed_amendments", "reasons"):
                del self.fields[name]
            return
        # A decision to cease rests on a ground of s.45(1), as outside a review (decision 0149).
        ground = ground_field()
        ground.required = False
        ground.label = "Ground for ceasing the plan (a decision to cease only)"
        self.fields["ground"] = ground


class NotAmendedForm(VersionedForm):
    date = GovukDateField(label="Date the family was told")
    reasons = forms.CharField(
        label="Reasons for not amending the plan",
        widget=forms.Textarea,
        required=False,
        help_text="The family is told them with their right to appeal.",
    )


class PhaseTransferForm(forms.Form):
    """Adds a child to a cohort. The child is chosen on the form, so there is no case version
    to claim: the form creates a transfer and changes nothing another person may be editing."""

    child = ChildCaseNumberField(label="Case number of the child or young person")
    kind = forms.ChoiceField(
        label="Transfer", choices=PhaseTransfer.Kind.choices, widget=forms.RadioSelect
    )
    year = forms.IntegerField(
        label="Year of transfer",
        min_value=1990,
        max_value=2099,
        required=False,
        help_text="For example 2027. For a move between post-16 institutions, leave empty: "
        "the year of the move is used.",
    )
    move_date = GovukDateField(
        label="Date of the move (a move between post-16 institutions only)",
        required=False,
        help_text="The amended plan is due "
        f"{rule_row('phase_transfer.amend', 'post16_move').period}.",
    )
    identified_on = GovukDateField(label="Date the transfer was identified")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind")
        if kind == PhaseTransfer.Kind.POST16_MOVE:
            if not data.get("move_date") and "move_date" not in self.errors:
                self.add_error("move_date", "Enter the date of the move")
        elif kind and data.get("year") is None and "year" not in self.errors:
            self.add_error("year", "Enter the year of transfer")
        return data

    def __init__(self, *args: Any, children: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["child"]
        assert isinstance(field, ChildCaseNumberField)
        field.queryset = children


def ground_field(*, not_recorded: bool = False) -> forms.ChoiceField:
    """The ground of CFA 2014 s.45(1), each choice with its citation. `not_recorded` offers
    "not recorded" too, for a decision recorded before grounds were kept (decision 0149)."""
    choices = [(code, f"{label} ({GROUNDS[code].cited})") for code, label in CHOOSABLE_GROUNDS]
    if not_recorded:
        choices.append((CessationGround.NOT_RECORDED, CessationGround.NOT_RECORDED.label))
    return forms.ChoiceField(
        label="Ground for ceasing the plan",
        choices=choices,
        widget=forms.RadioSelect,
        help_text="A ground that the plan is no longer necessary needs the parent or young "
        "person and the institution consulted first.",
        error_messages={"required": "Choose the ground in section 45 the decision rests on."},
    )


class CessationForm(VersionedForm):
    decided_on = GovukDateField(label="Date of the decision")
    notice_sent_on = GovukDateField(label="Date the decision notice was sent")
    ground = ground_field()
    reasons = forms.CharField(label="Reasons", widget=forms.Textarea)


class CessationConsultationForm(VersionedForm):
    consultee = forms.ChoiceField(
        label="Who was consulted",
        choices=CessationConsultation.Consultee.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who was consulted."},
    )
    name = forms.CharField(label="Their name", max_length=200)
    consulted_on = GovukDateField(label="Date they were told and consulted")
    responded_on = GovukDateField(label="Date they replied", required=False)
    response = forms.CharField(
        label="Their reply", widget=forms.Textarea, required=False, max_length=5000
    )


class CessationConsultationReplyForm(VersionedForm):
    responded_on = GovukDateField(label="Date they replied")
    response = forms.CharField(label="Their reply", widget=forms.Textarea, max_length=5000)


def _money(label: str) -> forms.DecimalField:
    return forms.DecimalField(
        label=label, required=False, min_value=0, max_digits=9, decimal_places=2,
        help_text="In pounds, for example 1250.00",
    )  # fmt: skip


class PersonalBudgetRequestForm(VersionedForm):
    requested_on = GovukDateField(label="Date the personal budget was asked for")
    requested_by = forms.ChoiceField(
        label="Who asked",
        choices=PersonalBudget.RequestedBy.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who asked for the personal budget."},
    )
    requested_by_name = forms.CharField(label="Their name", max_length=200, required=False)


def budget_decision_fields() -> dict[str, forms.Field]:
    return {
        "decision": forms.ChoiceField(
            label="The authority's decision",
            choices=[c for c in PersonalBudget.Decision.choices if c[0]],
            widget=forms.RadioSelect,
            error_messages={"required": "Choose whether the budget is agreed or refused."},
        ),
        "decided_on": GovukDateField(label="Date of the decision"),
        "decision_reasons": forms.CharField(
            label="Reasons", widget=forms.Textarea, required=False, max_length=5000,
            help_text="A refusal must give its reasons.",
        ),
        "education_amount": _money("Education (special educational provision)"),
        "health_amount": _money("Health care provision"),
        "social_care_amount": _money("Social care provision"),
        "direct_payments": forms.BooleanField(
            label="Paid in part or whole as direct payments", required=False
        ),
        "direct_payments_provision": forms.CharField(
            label="The needs and outcomes the direct payments are to meet", required=False,
            widget=forms.Textarea, max_length=5000,
        ),
        "direct_payments_review_on": GovukDateField(
            label="Date the direct payments are next reviewed", required=False
        ),
    }  # fmt: skip


class PersonalBudgetDecisionForm(VersionedForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(budget_decision_fields())


class CessationAppealForm(VersionedForm):
    appeal_lodged_on = GovukDateField(label="Date the appeal was lodged", required=False)
    appeal_concluded_on = GovukDateField(label="Date the appeal was concluded", required=False)
    appeal_outcome = forms.ChoiceField(
        label="Outcome of the appeal",
        choices=[("", "Not concluded yet"), *Cessation.AppealOutcome.choices],
        required=False,
        widget=forms.RadioSelect,
        help_text="Upheld: the Tribunal ordered the plan to be maintained, and its annual review "
        "is due again. Dismissed or withdrawn: the plan may cease.",
    )


class StepCorrectForm(VersionedForm):
    """Correct a recorded step: its date (or dates and details) and why. The fields follow the
    step; the reason is always asked (decision 0100)."""

    def __init__(self, *args: Any, fields: dict[str, forms.Field], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in fields.items():
            self.fields[name] = copy.deepcopy(field)
        self.fields["reason"] = CorrectionReasonField()


class CohortFilterForm(ListForm):
    """The cohort's filters and sort, read from the query string (GET) with the year."""

    SORTS = {
        "state": "Late and at risk first",
        "name": "Surname",
        "due": "Amended plan due, soonest first",
    }

    state = forms.ChoiceField(
        label="State",
        required=False,
        choices=[
            ("", "Any"),
            ("late", "Late"),
            ("at_risk", "At risk"),
            ("on_track", "On track"),
            ("not_computed", "No deadline yet"),
            ("done", "Done (in time or late)"),
        ],
    )
    kind = forms.ChoiceField(
        label="Transfer", required=False, choices=[("", "Any"), *PhaseTransfer.Kind.choices]
    )
    year = forms.CharField(widget=forms.HiddenInput, required=False)


class SuggestionFilterForm(ListForm):
    """The filters and sort of the children suggested for a year's cohort (GET, with the
    year)."""

    SORTS = {"name": "Surname", "born": "Date of birth"}

    q = forms.CharField(
        label="Search",
        required=False,
        max_length=200,
        help_text="Name, date of birth, UPN, ULN or case number.",
    )
    kind = forms.ChoiceField(
        label="Transfer", required=False, choices=[("", "Any"), *PhaseTransfer.Kind.choices]
    )
    year = forms.CharField(widget=forms.HiddenInput, required=False)
