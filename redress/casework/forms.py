"""Forms for the casework pages. They check what a person typed; services check the case."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils.formats import date_format

from redress.accounts.models import LA_ROLES, Organisation
from redress.casework.models import AdviceRequest, CaseEvent, Child, Provision
from redress.casework.selectors import DeadlineFilters
from redress.casework.selectors_caseload import CASE_NUMBER
from redress.core.corrections import CorrectionReasonField
from redress.core.forms import GovukDateField, VersionedForm
from redress.statutory import rule_row
from redress.statutory.rules import EXCEPTION_GROUNDS, GROUND_DESCRIPTIONS, RULES

_ALL = ("", "All")


class GovukRadios(forms.RadioSelect):
    """Radios whose field id is the first radio's, so the error summary link lands on it."""

    def id_for_label(self, id_: str, index: str | None = None) -> str:
        return super().id_for_label(id_, "0" if index is None else index)


def _int_or_none(value: str) -> int | None:
    return int(value) if value and value.isdigit() else None


class DashboardFilterForm(forms.Form):
    """The dashboard's filters, read from the query string (GET)."""

    team = forms.ChoiceField(label="Team", required=False)
    caseworker = forms.ChoiceField(label="Caseworker", required=False)
    rule = forms.ChoiceField(label="Deadline", required=False)
    organisation = forms.ChoiceField(label="Organisation that must act", required=False)

    def __init__(self, *args: Any, choices: dict[str, list[tuple[str, str]]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        for name, key in (
            ("team", "teams"),
            ("caseworker", "caseworkers"),
            ("rule", "rules"),
            ("organisation", "organisations"),
        ):
            self.fields[name].choices = [_ALL, *choices.get(key, [])]  # type: ignore[attr-defined]

    def filters(self) -> DeadlineFilters:
        """The filters to apply; a choice that is not offered (or no longer exists) is ignored."""
        if not self.is_bound or not self.is_valid():
            return DeadlineFilters()
        data = self.cleaned_data
        return DeadlineFilters(
            team=data.get("team") or "",
            caseworker=_int_or_none(data.get("caseworker") or ""),
            rule=data.get("rule") or "",
            organisation=_int_or_none(data.get("organisation") or ""),
        )

    @property
    def active(self) -> bool:
        filters = self.filters()
        return bool(filters.team or filters.caseworker or filters.rule or filters.organisation)


def la_staff(local_authorities: Iterable[Organisation]) -> QuerySet[Any]:
    """People who work on cases at these local authorities."""
    return (
        get_user_model()
        .objects.filter(
            memberships__organisation__in=list(local_authorities),
            memberships__role__in=LA_ROLES,
            memberships__active=True,
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def organisations_for_case(local_authority: Organisation) -> QuerySet[Organisation]:
    """Organisations a case of this local authority may name: any but another local authority."""
    other_authority = Q(kind=Organisation.Kind.LOCAL_AUTHORITY) & ~Q(pk=local_authority.pk)
    return Organisation.objects.exclude(other_authority).order_by("name")


if TYPE_CHECKING:
    _ModelChoiceField = forms.ModelChoiceField[Any]
else:
    _ModelChoiceField = forms.ModelChoiceField


class PersonChoiceField(_ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


class ChildCaseNumberField(forms.Field):
    """A child named by case number, among the children of `queryset`.

    For a form that may be about any child of an authority: a list of every child would put a
    whole caseload into the page (tens of thousands of options, each a read of a child's name
    for the audit log). The case number is on every case page and in every export (decision
    0200).
    """

    widget = forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"})
    default_error_messages = {
        "not_digits": "Enter the case number in digits, for example 1042",
        "unknown": "There is no child with case number %(number)s in your authority's caseload",
    }

    def __init__(self, *, queryset: QuerySet[Child] | None = None, **kwargs: Any) -> None:
        kwargs.setdefault(
            "help_text", "The number at the top of the child's case page, for example 1042."
        )
        super().__init__(**kwargs)
        self.queryset = queryset if queryset is not None else Child.objects.none()

    def prepare_value(self, value: Any) -> Any:
        return value.pk if isinstance(value, Child) else value

    def to_python(self, value: Any) -> Child | None:
        if isinstance(value, Child):
            return value
        text = re.sub(r"\s+", "", str(value or ""))
        if not text:
            return None
        number = CASE_NUMBER.fullmatch(text)
        if number is None:
            raise forms.ValidationError(self.error_messages["not_digits"], code="not_digits")
        child = self.queryset.filter(pk=int(number.group(1))).first()
        if child is None:
            raise forms.ValidationError(
                self.error_messages["unknown"], code="unknown", params={"number": number.group(1)}
            )
        return child


class ChildForm(forms.Form):
    first_name = forms.CharField(
        label="First name", max_length=100, error_messages={"required": "Enter the first name"}
    )
    last_name = forms.CharField(
        label="Last name", max_length=100, error_messages={"required": "Enter the last name"}
    )
    date_of_birth = GovukDateField(
        label="Date of birth", help_text="For example, 17 5 2016", required=True
    )
    upn = forms.CharField(
        label="Unique pupil number (UPN) (optional)", max_length=20, required=False
    )
    uln = forms.CharField(
        label="Unique learner number (ULN) (optional)", max_length=20, required=False
    )
    different_child = forms.BooleanField(
        label="This is a different child", required=False,
        help_text="Tick this only after checking the records above are not this child.",
    )  # fmt: skip
    local_authority = forms.ModelChoiceField(
        label="Local authority",
        queryset=Organisation.objects.none(),
        empty_label=None,
        error_messages={"required": "Choose the local authority"},
    )
    setting = forms.ModelChoiceField(
        label="School, college or setting (optional)",
        queryset=Organisation.objects.filter(kind=Organisation.Kind.SETTING),
        required=False,
        empty_label="Not known or none",
        help_text="Where the child or young person is now.",
    )
    team = forms.CharField(label="Team (optional)", max_length=100, required=False)
    caseworker = PersonChoiceField(
        label="Caseworker (optional)",
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label="Not allocated",
    )

    def __init__(
        self, *args: Any, local_authorities: QuerySet[Organisation], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        las = list(local_authorities)
        self.fields["local_authority"].queryset = local_authorities  # type: ignore[attr-defined]
        if len(las) == 1:
            self.fields["local_authority"].initial = las[0].pk
            self.fields["local_authority"].widget = forms.HiddenInput()
        self.fields["caseworker"].queryset = la_staff(las)  # type: ignore[attr-defined]

    def clean_upn(self) -> str:
        return "".join(str(self.cleaned_data.get("upn") or "").split()).upper()

    def clean_uln(self) -> str:
        return "".join(str(self.cleaned_data.get("uln") or "").split())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        caseworker, authority = data.get("caseworker"), data.get("local_authority")
        if (
            caseworker is not None
            and authority is not None
            and not la_staff([authority]).filter(pk=caseworker.pk).exists()
        ):
            self.add_error(
                "caseworker",
                f"{caseworker.display_name} does not work on cases at {authority}. "
                "Choose someone who does, or nobody.",
            )
        return data


# -- Steps of the case ----------------------------------------------------------------------


def _advice_words(advice: AdviceRequest) -> str:
    sent = date_format(advice.date_sent, "j F Y")
    received = (
        f"received {date_format(advice.date_received, 'j F Y')}"
        if advice.date_received
        else "not yet received"
    )
    return (
        f"{advice.get_advice_type_display()} advice from {advice.recipient_organisation}: "
        f"sent {sent}, {received}."
    )


class EventForm(VersionedForm):
    """A dated step. Subclasses add the fields of their event type."""

    event_type = ""
    heading = ""
    date_label = "Date"
    has_weighings = False
    # Fields of this step shown after the date (the shared ones are placed by the template).
    extra: tuple[str, ...] = ()

    date = GovukDateField(label="Date", help_text="For example, 2 11 2026", required=True)

    def __init__(self, *args: Any, child: Child, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.child = child
        self.fields["date"].label = self.date_label
        self.fields["date"].subject = self.date_label  # type: ignore[attr-defined]
        self.fields["date"].error_messages["required"] = (
            f"Enter the {self.date_label[:1].lower()}{self.date_label[1:]}"
        )
        self.advice_requests: list[AdviceRequest] = []
        if self.has_weighings:
            self.advice_requests = list(
                child.advice_requests.standing().select_related("recipient_organisation")
            )
            for advice in self.advice_requests:
                self.fields[f"weigh_{advice.pk}"] = forms.CharField(
                    label="How did you weigh this advice?",
                    required=False,
                    widget=forms.Textarea,
                    help_text=_advice_words(advice),
                )

    def extra_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.extra]

    def weighing_fields(self) -> list[tuple[AdviceRequest, forms.BoundField]]:
        return [(a, self[f"weigh_{a.pk}"]) for a in self.advice_requests]

    def details(self) -> dict[str, Any]:
        return {}

    def reasons_text(self) -> str:
        return str(self.cleaned_data.get("reasons") or "")

    def weighings(self) -> dict[int, str]:
        return {
            a.pk: self.cleaned_data.get(f"weigh_{a.pk}") or ""
            for a in self.advice_requests
            if (self.cleaned_data.get(f"weigh_{a.pk}") or "").strip()
        }


class AssessmentRequestedForm(EventForm):
    event_type = CaseEvent.Type.ASSESSMENT_REQUESTED
    heading = "Record a request for an EHC needs assessment"
    date_label = "Date the local authority received the request"
    extra = ("requested_by",)

    requested_by = forms.ChoiceField(
        label="Who asked for the assessment?",
        choices=[
            ("parent", "A parent"),
            ("young_person", "The young person"),
            ("school", "The school, college or setting"),
            ("other", "Someone else"),
        ],
        widget=GovukRadios,
        error_messages={"required": "Select who asked for the assessment"},
    )

    def details(self) -> dict[str, Any]:
        return {"requested_by": self.cleaned_data["requested_by"]}


class _DecisionForm(EventForm):
    has_weighings = True

    decision = forms.ChoiceField(widget=GovukRadios)
    reasons = forms.CharField(
        label="Reasons for the decision",
        required=False,
        widget=forms.Textarea,
        help_text="Required when the answer is no: the family is told them with their right to "
        "appeal.",
    )

    #: The two answers, yes first, as (engine decision, words).
    decision_choices: list[tuple[str, str]] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["decision"]
        field.label = "What did the local authority decide?"
        field.choices = self.decision_choices  # type: ignore[attr-defined]
        field.error_messages["required"] = "Select what the local authority decided"

    def details(self) -> dict[str, Any]:
        return {"decision": self.cleaned_data["decision"]}


class AssessmentDecisionForm(_DecisionForm):
    event_type = CaseEvent.Type.ASSESSMENT_DECISION
    heading = "Record the decision whether to assess"
    date_label = "Date of the decision"

    decision_choices = [
        ("assess", "To carry out an EHC needs assessment"),
        ("not_assess", "Not to carry out an assessment"),
    ]


class PlanDecisionForm(_DecisionForm):
    event_type = CaseEvent.Type.PLAN_DECISION
    heading = "Record the decision whether to issue a plan"
    date_label = "Date of the decision"

    decision_choices = [
        ("issue", "To issue an EHC plan"),
        ("not_issue", "Not to issue an EHC plan"),
    ]


class DraftPlanIssuedForm(EventForm):
    event_type = CaseEvent.Type.DRAFT_PLAN_ISSUED
    heading = "Record that the draft plan was issued"
    date_label = "Date the draft plan was sent"


class FinalPlanIssuedForm(EventForm):
    event_type = CaseEvent.Type.FINAL_PLAN_ISSUED
    heading = "Record that the final plan was issued"
    date_label = "Date the final plan was sent"


class PlanTransferredInForm(EventForm):
    """A plan maintained by another authority that became this authority's (reg 15)."""

    event_type = CaseEvent.Type.PLAN_TRANSFERRED_IN
    heading = "Record a plan transferred from another local authority"
    date_label = "Date the plan transferred"
    extra = ("from_authority", "plan_made", "last_reviewed")

    from_authority = forms.CharField(
        label="The local authority the plan transferred from",
        max_length=200,
        error_messages={"required": "Enter the local authority the plan transferred from"},
    )
    plan_made = GovukDateField(
        label="Date the plan was first made",
        help_text="The first final plan, by whichever authority made it. For example, 3 9 2024",
        required=True,
    )
    last_reviewed = GovukDateField(
        label="Date of the old authority's last review (optional)",
        help_text="The day of its last review decision. Leave empty if it never reviewed the plan.",
        required=False,
    )

    def details(self) -> dict[str, Any]:
        details = {
            "from_authority": self.cleaned_data["from_authority"].strip(),
            "plan_made": self.cleaned_data["plan_made"].isoformat(),
        }
        if self.cleaned_data.get("last_reviewed"):
            details["last_reviewed"] = self.cleaned_data["last_reviewed"].isoformat()
        return details


class TransferNoticeSentForm(EventForm):
    event_type = CaseEvent.Type.TRANSFER_NOTICE_SENT
    heading = "Record that the family was told of the transfer"
    date_label = "Date the family was told"
    extra = ("will_reassess",)

    will_reassess = forms.ChoiceField(
        label="Did the local authority say it will re-assess?",
        choices=[("no", "No, it will not re-assess"), ("yes", "Yes, it will re-assess")],
        widget=GovukRadios,
        error_messages={"required": "Select whether the local authority will re-assess"},
    )

    def details(self) -> dict[str, Any]:
        return {"will_reassess": self.cleaned_data["will_reassess"] == "yes"}


class ReassessmentRequestedForm(EventForm):
    event_type = CaseEvent.Type.REASSESSMENT_REQUESTED
    heading = "Record a request for a re-assessment"
    date_label = "Date the local authority received the request"
    extra = ("requested_by",)

    requested_by = forms.ChoiceField(
        label="Who asked for the re-assessment?",
        choices=[
            ("parent", "A parent"),
            ("young_person", "The young person"),
            ("school", "The school, college or setting"),
            ("other", "Someone else"),
        ],
        widget=GovukRadios,
        error_messages={"required": "Select who asked for the re-assessment"},
    )

    def details(self) -> dict[str, Any]:
        return {"requested_by": self.cleaned_data["requested_by"]}


class ReassessmentDecisionForm(_DecisionForm):
    event_type = CaseEvent.Type.REASSESSMENT_DECISION
    heading = "Record the decision whether to re-assess"
    date_label = "Date of the decision"

    decision_choices = [
        ("reassess", "To carry out a re-assessment"),
        ("not_reassess", "Not to carry out a re-assessment"),
    ]


class ReassessmentNoChangeForm(EventForm):
    event_type = CaseEvent.Type.REASSESSMENT_NO_CHANGE
    heading = "Record a decision after re-assessment not to amend the plan"
    date_label = "Date the family was told"

    reasons = forms.CharField(
        label="Reasons for not amending the plan",
        required=False,
        widget=forms.Textarea,
        help_text="The family is told them with their right to appeal.",
    )


_RULE_TITLES = {rule.id: rule.title for rule in RULES}


# The exceptions a caseworker records on the case. The family's consent to short notice of a
# mediation is recorded by the mediation adviser on the meeting, not here.
CASEWORK_EXCEPTIONS = {
    rule: grounds
    for rule, grounds in EXCEPTION_GROUNDS.items()
    if all(ground.startswith("reg_") for ground in grounds)
}


def _ground_label(ground: str) -> str:
    # "reg_5_4_a" -> "Regulation 5(4)(a)"
    _, number, paragraph, letter = ground.split("_")
    return f"Regulation {number}({paragraph})({letter}): {GROUND_DESCRIPTIONS.get(ground, '')}"


class ExceptionRecordedForm(EventForm):
    event_type = CaseEvent.Type.EXCEPTION_RECORDED
    heading = "Record an exception to a time limit"
    date_label = "Date the exception was recorded"

    rule = forms.ChoiceField(
        label="Which time limit cannot be met?",
        error_messages={"required": "Select the time limit"},
    )
    advice_request = forms.ChoiceField(
        label="Which advice request? (optional)",
        required=False,
        help_text=f"Only for the advice giver's {rule_row('advice.response').period}. Leave empty "
        "to cover every advice request.",
    )
    ground = forms.ChoiceField(
        label="On what ground?",
        widget=GovukRadios,
        error_messages={"required": "Select the ground for the exception"},
    )
    reasons = forms.CharField(
        label="Why the time limit cannot be met",
        widget=forms.Textarea,
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rule"].choices = [  # type: ignore[attr-defined]
            ("", "Choose a time limit"),
            *((rule, f"{_RULE_TITLES.get(rule, rule)} ({rule})") for rule in CASEWORK_EXCEPTIONS),
        ]
        grounds = sorted({g for gs in CASEWORK_EXCEPTIONS.values() for g in gs}, key=_ground_key)
        self.fields["ground"].choices = [  # type: ignore[attr-defined]
            (g, _ground_label(g)) for g in grounds
        ]
        self.fields["advice_request"].choices = [  # type: ignore[attr-defined]
            ("", "All advice requests"),
            *(
                (a.ref, f"{a.get_advice_type_display()} advice from {a.recipient_organisation}")
                for a in self.child.advice_requests.standing().select_related(
                    "recipient_organisation"
                )
            ),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        rule, ground = data.get("rule"), data.get("ground")
        if rule and ground and ground not in EXCEPTION_GROUNDS.get(rule, ()):
            allowed = ", ".join(_ground_label(g).split(":")[0] for g in EXCEPTION_GROUNDS[rule])
            self.add_error(
                "ground",
                f"That ground does not apply to this time limit. The grounds are {allowed}.",
            )
        if data.get("advice_request") and rule != "advice.response":
            self.add_error(
                "advice_request",
                "Choose an advice request only for the advice giver's "
                f"{rule_row('advice.response').period}.",
            )
        return data

    def details(self) -> dict[str, Any]:
        details = {"rule": self.cleaned_data["rule"], "ground": self.cleaned_data["ground"]}
        if self.cleaned_data.get("advice_request"):
            details["ref"] = self.cleaned_data["advice_request"]
        return details


def _ground_key(ground: str) -> tuple[int, int, str]:
    _, number, paragraph, letter = ground.split("_")
    return int(number), int(paragraph), letter


EVENT_FORMS: dict[str, type[EventForm]] = {
    form.event_type: form
    for form in (
        AssessmentRequestedForm,
        AssessmentDecisionForm,
        PlanDecisionForm,
        DraftPlanIssuedForm,
        FinalPlanIssuedForm,
        ExceptionRecordedForm,
        PlanTransferredInForm,
        TransferNoticeSentForm,
        ReassessmentRequestedForm,
        ReassessmentDecisionForm,
        ReassessmentNoChangeForm,
    )
}


class ProvisionForm(forms.Form):
    description = forms.CharField(
        label="What is the provision?",
        max_length=200,
        help_text="For example, speech and language therapy, 1 hour a week.",
        error_messages={"required": "Describe the provision"},
    )
    provider_organisation = forms.ModelChoiceField(
        label="Organisation that provides it",
        queryset=Organisation.objects.none(),
        required=False,
        empty_label="Choose an organisation",
    )
    provider_person = PersonChoiceField(
        label="Person who provides it (optional)",
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label="Not a named person",
        help_text="For example, an independent therapist.",
    )
    status = forms.ChoiceField(
        label="Does the organisation or person provide it now?",
        choices=Provision.Status.choices,
        widget=GovukRadios,
        initial=Provision.Status.CURRENT,
        error_messages={"required": "Select whether it is provided now or proposed"},
    )

    def __init__(self, *args: Any, child: Child, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisations = organisations_for_case(child.local_authority)
        self.fields["provider_organisation"].queryset = organisations  # type: ignore[attr-defined]
        # People who work somewhere the case may name: not another local authority's staff.
        self.fields["provider_person"].queryset = (  # type: ignore[attr-defined]
            get_user_model()
            .objects.filter(memberships__organisation__in=organisations, memberships__active=True)
            .distinct()
            .order_by("first_name", "last_name", "username")
        )


# -- Correcting a recorded step (decision 0100) -------------------------------------------------


def correction_form_class(event_type: str) -> type[EventForm]:
    """The step's own form, with the same fields and checks, plus why it is being corrected.

    How the advice was weighed is not asked again: it was recorded with the decision."""
    base = EVENT_FORMS[event_type]
    attrs: dict[str, Any] = {
        "__module__": __name__,
        "has_weighings": False,
        "heading": f"Correct the step: {CaseEvent.Type(event_type).label.lower()}",
        "reason": CorrectionReasonField(),
    }
    correction: type[EventForm] = type(base)(f"{base.__name__}Correction", (base,), attrs)  # type: ignore[misc]
    return correction


def event_initial(event: CaseEvent) -> dict[str, Any]:
    """The step as recorded, in its form's fields."""
    initial: dict[str, Any] = {
        "date": event.date,
        "reasons": event.reasons,
        "version": event.version,
    }
    for name, value in (event.details or {}).items():
        if name in ("plan_made", "last_reviewed") and value:
            initial[name] = date.fromisoformat(str(value))
        elif name == "will_reassess":
            initial[name] = "yes" if value else "no"
        elif name == "ref":
            initial["advice_request"] = value
        else:
            initial[name] = value
    return initial
