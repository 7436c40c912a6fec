"""Forms for the mediation pages. They check what a person typed; services check the case.

Choices that name people or records (a mediator, an attendee, a commissioner) are limited to
the case's own; a forged value is refused by the field, and the service checks again.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model

from redress.accounts.models import Organisation, Role
from redress.casework.forms import GovukRadios
from redress.casework.models import Child
from redress.core.corrections import CorrectionReasonField
from redress.core.forms import GovukDateField, ModelMultipleChoiceField, VersionedForm
from redress.mediation import selectors
from redress.mediation.models import (
    AttendeeConsent,
    Exemption,
    FamilyChoice,
    MediationAttendee,
    MediationCase,
    MediationCertificate,
    MediationIssue,
    MediationPolicy,
    MediatorAvailability,
    Outcome,
    Party,
)


def _text(label: str, *, required: bool = True, textarea: bool = False, **kw: Any) -> Any:
    widget = forms.Textarea if textarea else forms.TextInput
    return forms.CharField(
        label=label,
        required=required,
        widget=widget,
        error_messages={"required": f"Enter {label[:1].lower()}{label[1:]}"},
        **kw,
    )


def _radios(label: str, choices: Any, message: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, choices=choices, widget=GovukRadios, error_messages={"required": message}
    )


def _people(organisation_id: int | None, roles: tuple[str, ...]) -> Any:
    return (
        get_user_model()
        .objects.filter(
            memberships__organisation_id=organisation_id or 0,
            memberships__role__in=roles,
            memberships__active=True,
        )
        .distinct()
        .order_by("last_name", "first_name")
    )


class CaseForm(VersionedForm):
    """Fields shared by every form on a case: the case it acts on."""

    heading = ""

    def __init__(self, *args: Any, case: MediationCase | None = None, **kwargs: Any) -> None:
        self.case = case
        super().__init__(*args, **kwargs)


class IssueFields(forms.Form):
    kind = _radios(
        "What is in disagreement?", MediationIssue.Kind.choices, "Select what is in disagreement"
    )
    description = _text("Describe the disagreement", textarea=True, max_length=2000)
    health_provision_wanted = _text(
        "The health care provision the family want",
        required=False,
        textarea=True,
        max_length=2000,
        help_text="Needed for health care provision: the commissioner is told it.",
    )


class CaseNewForm(IssueFields):
    heading = "Record first contact with the mediation adviser"

    provider = forms.ModelChoiceField(
        label="Mediation provider",
        queryset=Organisation.objects.none(),
        empty_label=None,
        error_messages={"required": "Select the mediation provider"},
    )
    child = forms.ModelChoiceField(
        label="Child or young person",
        queryset=Child.objects.none(),
        error_messages={
            "required": "Select the child or young person",
            "invalid_choice": "Select a child of a local authority your provider serves",
        },
    )
    decision = _radios(
        "The decision the family may appeal",
        MediationCase.Decision.choices,
        "Select the decision the family may appeal",
    )
    decision_notice_date = GovukDateField(label="Date of the decision notice")
    adviser_contacted_on = GovukDateField(label="Date the family contacted the adviser")

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        providers = selectors.providers_for(user, selectors.CERTIFICATE_ROLES)
        self.fields["provider"].queryset = providers  # type: ignore[attr-defined]
        children = Child.objects.none()
        for provider in providers:
            children = children | selectors.children_for_new_case(user, provider)
        self.fields["child"].queryset = children.order_by(  # type: ignore[attr-defined]
            "last_name", "first_name"
        )
        self.fields["child"].label_from_instance = (  # type: ignore[attr-defined]
            lambda c: f"{c.full_name} ({c.local_authority.name})"
        )


class IssueForm(CaseForm, IssueFields):
    heading = "Add a matter in disagreement"


class ChoiceForm(CaseForm):
    heading = "Record whether the family wishes to mediate"
    choice = _radios(
        "Does the family wish to mediate?",
        [c for c in FamilyChoice.choices if c[0]],
        "Select whether the family wishes to mediate",
    )
    on = GovukDateField(label="Date the family told the adviser")


class ExemptionForm(CaseForm):
    heading = "Record that no certificate is needed"
    exemption = _radios(
        "Why is no certificate needed?",
        Exemption.choices,
        "Select why no certificate is needed",
    )
    on = GovukDateField(label="Date recorded")


class CertificateForm(CaseForm):
    heading = "Issue a mediation certificate"
    reason = _radios(
        "Why is the certificate issued?",
        MediationCertificate.Reason.choices,
        "Select why the certificate is issued",
    )
    issued_on = GovukDateField(label="Date of issue")


class DateForm(CaseForm):
    on = GovukDateField(label="Date")


class LaToldForm(DateForm):
    heading = "Record that the family told the local authority they wish to mediate"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["on"].label = "Date the local authority was told"


class HealthNotifiedForm(DateForm):
    heading = "Record that the health commissioner was told"
    commissioner = forms.ModelChoiceField(
        label="Health commissioner (ICB)",
        queryset=Organisation.objects.filter(kind=Organisation.Kind.HEALTH_COMMISSIONER),
        error_messages={"required": "Select the health commissioner"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["on"].label = "Date the commissioner was told"


class NotArrangedForm(DateForm):
    heading = "Record that mediation cannot be arranged in time"
    reason = _text("Why it cannot be arranged", required=False, textarea=True, max_length=2000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["on"].label = "Date the adviser was told"


class AssignForm(CaseForm):
    heading = "Assign the mediator"
    mediator = forms.ModelChoiceField(
        label="Mediator",
        queryset=get_user_model().objects.none(),
        error_messages={"required": "Select the mediator"},
    )
    case_manager = forms.ModelChoiceField(
        label="Case manager", queryset=get_user_model().objects.none(), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        provider = self.case.provider_id if self.case else None
        self.fields["mediator"].queryset = _people(provider, (Role.MEDIATOR,))  # type: ignore[attr-defined]
        self.fields["case_manager"].queryset = _people(  # type: ignore[attr-defined]
            provider, (Role.MEDIATION_CASE_MANAGER,)
        )
        for name in ("mediator", "case_manager"):
            self.fields[name].label_from_instance = lambda u: u.display_name  # type: ignore[attr-defined]


class ScheduleForm(CaseForm):
    heading = "Arrange the meeting"
    meeting_date = GovukDateField(label="Date of the meeting")
    start_time = forms.TimeField(
        label="Start time",
        help_text="For example, 10:00 or 14:30",
        error_messages={
            "required": "Enter the start time",
            "invalid": "Enter the start time as hours and minutes, like 14:30",
        },
    )
    place = _text("Place", required=False, max_length=300)
    video_link = forms.URLField(
        assume_scheme="https",
        label="Video link",
        required=False,
        max_length=500,
        error_messages={"invalid": "Enter the video link as a web address starting https://"},
    )
    end_time = forms.TimeField(
        label="End time",
        required=False,
        help_text="For example, 13:00",
        error_messages={"invalid": "Enter the end time as hours and minutes, like 16:30"},
    )
    accessibility_needs = _text(
        "Accessibility needs and adjustments", required=False, textarea=True, max_length=2000
    )
    reschedule_reason = _text(
        "Why the meeting is moving",
        required=False,
        textarea=True,
        max_length=2000,
        help_text="Only when a meeting is already arranged.",
    )


class ConfirmationForm(CaseForm):
    heading = "Send the confirmation of the meeting"
    button = "Confirm"
    resend = forms.BooleanField(
        label="Send it again to everyone (after an attendee was added or a detail changed)",
        required=False,
    )


class HeldForm(CaseForm):
    heading = "Record that the mediation was held"
    held_on = GovukDateField(label="Date it was held")
    start_time = forms.TimeField(
        label="Start time",
        required=False,
        help_text="Only when no meeting was arranged in Redress beforehand, for example 10:00",
        error_messages={"invalid": "Enter the start time as hours and minutes, like 14:30"},
    )
    place = _text(
        "Place or video link",
        required=False,
        max_length=300,
        help_text="Only when no meeting was arranged in Redress beforehand.",
    )


class ConcludeForm(CaseForm):
    heading = "Record the outcome of the mediation"
    concluded_on = GovukDateField(label="Date the mediation concluded")
    outcome = _radios("Outcome", Outcome.choices, "Select the outcome")


class AttendeeForm(CaseForm):
    heading = "Propose an attendee"
    role = _radios("Role", MediationAttendee.Role.choices, "Select the attendee's role")
    name = _text("Name", max_length=200)
    organisation_name = _text("Organisation", required=False, max_length=200)
    email = forms.EmailField(
        label="Email address",
        required=False,
        help_text="The confirmation is emailed; without an address it is printed as a letter.",
        error_messages={"invalid": "Enter an email address like name@example.com"},
    )
    address = _text(
        "Postal address",
        required=False,
        textarea=True,
        max_length=1000,
        help_text="For a printed letter, when there is no email address.",
    )
    proposed_by = _radios("Who proposes them?", Party.choices, "Select who proposes the attendee")


class ConsentForm(CaseForm):
    heading = "Record a party's answer on an attendee"
    party = _radios("Party", [], "Select the party")
    answer = _radios("Answer", AttendeeConsent.Answer.choices, "Select the party's answer")
    reason = _text("Reason given", required=False, textarea=True, max_length=2000)
    on = GovukDateField(label="Date of the answer")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.case is not None:
            labels = dict(Party.choices)
            self.fields["party"].choices = [  # type: ignore[attr-defined]
                (p, labels[p]) for p in selectors.parties_to(self.case)
            ]


class DecisionForm(CaseForm):
    heading = "The mediator's decision on an attendee (reg 38)"
    decision = _radios(
        "May they attend?",
        [c for c in MediationAttendee.MediatorDecision.choices if c[0]],
        "Select whether they may attend",
    )
    reasons = _text("Reasons", textarea=True, max_length=4000)
    on = GovukDateField(label="Date of the decision")


class AuthorityForm(CaseForm):
    heading = "Confirm authority to settle"
    how = _radios(
        "How was their authority confirmed?",
        [c for c in MediationAttendee.AuthorityConfirmation.choices if c[0]],
        "Select how their authority was confirmed",
    )
    detail = _text(
        "Who holds the authority",
        required=False,
        max_length=300,
        help_text="For a decision maker reachable by phone: their name and number.",
    )
    on = GovukDateField(label="Date confirmed")


class WithdrawForm(CaseForm):
    heading = "Withdraw an attendee"


class ChildViewsForm(CaseForm):
    heading = "The child's views and attendance"
    views = _text("The child's views", required=False, textarea=True, max_length=4000)
    gathered_on = GovukDateField(label="Date the views were gathered", required=False)
    parent_agrees = forms.BooleanField(
        label="The parent or young person agrees to the child attending", required=False
    )
    mediator_agrees = forms.BooleanField(
        label="The mediator agrees to the child attending",
        required=False,
        help_text="Only the assigned mediator can change this.",
    )


class PrepareCallsForm(CaseForm):
    heading = "Add a pre-mediation call for each party"


class CallForm(CaseForm):
    heading = "Pre-mediation call"
    held_on = GovukDateField(label="Date of the call", required=False)
    introductions = forms.BooleanField(label="Introductions made", required=False)
    view_of_disagreement = forms.BooleanField(
        label="Their view of the disagreement heard", required=False
    )
    who_will_attend = forms.BooleanField(label="Who will attend discussed", required=False)
    authority = forms.BooleanField(label="Authority to settle discussed", required=False)
    reasonable_adjustments = forms.BooleanField(
        label="Reasonable adjustments discussed", required=False
    )
    adjustments_needed = _text(
        "Adjustments they need", required=False, textarea=True, max_length=2000
    )


class AgendaBuildForm(CaseForm):
    heading = "Build the agenda from the issues"


class AgendaItemForm(CaseForm):
    heading = "Add an agenda item"
    title = _text("Agenda item", max_length=300)


class SharedDocumentForm(CaseForm):
    heading = "Share a document with attendees"
    title = _text("Title", max_length=300)
    document = forms.FileField(label="Document", required=False)
    shared_on = GovukDateField(label="Date shared")
    shared_with = ModelMultipleChoiceField(
        label="Shared with",
        queryset=MediationAttendee.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select who it was shared with"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.case is not None:
            self.fields["shared_with"].queryset = self.case.attendees.filter(  # type: ignore[attr-defined]
                withdrawn_on__isnull=True
            )


class RecordingRequestForm(CaseForm):
    heading = "Record a request to record the meeting"
    requested_by = _radios(
        "Who asks?",
        [c for c in Party.choices if c[0] != Party.NONE],
        "Select the party asking",
    )
    requested_on = GovukDateField(label="Date of the request")
    reasonable_adjustment = forms.BooleanField(
        label="Asked for as a reasonable adjustment", required=False
    )
    adjustment_reason = _text("Why it is needed", required=False, textarea=True, max_length=2000)


class RecordingDecisionForm(CaseForm):
    heading = "Decide the recording request"
    other_party_consents = forms.BooleanField(label="The other party consents", required=False)
    mediator_approves = forms.BooleanField(label="The mediator approves", required=False)
    purpose = _text("What the recording is for", required=False, textarea=True)
    who_may_access = _text("Who may access it", required=False, textarea=True)
    retention = _text("How long it is kept", required=False, max_length=200)


class NoteForm(forms.Form):
    text = _text("Note", textarea=True, max_length=10000)


class PolicyForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    follows_up_agreements = forms.BooleanField(
        label="Follow up agreements after the meeting", required=False
    )
    pre_mediation_call_required = forms.BooleanField(
        label="A pre-mediation call with each party is required", required=False
    )
    attendee_agreement = _radios(
        "How attendees are agreed",
        MediationPolicy.AttendeeAgreement.choices,
        "Select how attendees are agreed",
    )
    case_manager_sees_notes = forms.BooleanField(
        label="The case manager may read the mediator's notes", required=False
    )
    recording_wording = _text(
        "Standard wording on recordings", required=False, textarea=True, max_length=4000
    )
    confidentiality_wording = _text(
        "Standard wording on confidentiality", required=False, textarea=True, max_length=4000
    )


class CancelMeetingForm(CaseForm):
    heading = "Cancel the meeting"
    reason = _text("Why the meeting is cancelled", textarea=True, max_length=2000)


class MeetingDetailsForm(CaseForm):
    heading = "Change the meeting's time, place or link"
    start_time = forms.TimeField(
        label="Start time",
        error_messages={
            "required": "Enter the start time",
            "invalid": "Enter the start time as hours and minutes, like 14:30",
        },
    )
    end_time = forms.TimeField(
        label="End time",
        required=False,
        error_messages={"invalid": "Enter the end time as hours and minutes, like 16:30"},
    )
    place = _text("Place", required=False, max_length=300)
    video_link = forms.URLField(
        assume_scheme="https",
        label="Video link",
        required=False,
        max_length=500,
        error_messages={"invalid": "Enter the video link as a web address starting https://"},
    )
    accessibility_needs = _text(
        "Accessibility needs and adjustments", required=False, textarea=True, max_length=2000
    )


class ShortNoticeForm(CaseForm):
    heading = "Record the family's consent to short notice"
    on = GovukDateField(label="Date they agreed")
    given_by = _text("Name of the parent or young person who agreed", max_length=200)


class CertificateSendForm(CaseForm):
    heading = "Send the certificate to the family"


class AvailabilityForm(forms.Form):
    weekday = forms.TypedChoiceField(
        label="Day of the week",
        coerce=int,
        choices=MediatorAvailability.Weekday.choices,
        widget=GovukRadios,
        error_messages={"required": "Select a day of the week"},
    )
    start_time = forms.TimeField(
        label="From",
        error_messages={
            "required": "Enter the time you are free from",
            "invalid": "Enter a time like 09:30",
        },
    )
    end_time = forms.TimeField(
        label="Until",
        error_messages={
            "required": "Enter the time you are free until",
            "invalid": "Enter a time like 17:00",
        },
    )


# -- Correcting a recorded step (decision 0100) -----------------------------------------------


class CaseStepCorrectForm(VersionedForm):
    on = GovukDateField(label="The correct date")
    reason = CorrectionReasonField()


class CertificateCorrectForm(VersionedForm):
    issued_on = GovukDateField(label="Date the certificate was issued")
    reason = CorrectionReasonField()


class MeetingCorrectForm(VersionedForm):
    meeting_date = GovukDateField(label="Date of the meeting")
    scheduled_on = GovukDateField(label="Date the meeting was arranged")
    held_on = GovukDateField(label="Date the mediation was held", required=False)
    reason = CorrectionReasonField()
