"""Forms for the advice pages. They check what a person typed; services check the case."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from redress.accounts.models import Membership, Organisation, Role
from redress.casework.advice_rule import advice_exceptions
from redress.casework.forms import ChildCaseNumberField, GovukRadios, organisations_for_case
from redress.casework.models import AdviceRequest, Child
from redress.core.corrections import CorrectionReasonField
from redress.core.forms import GovukDateField, VersionedForm
from redress.core.listing import DatedListForm
from redress.core.status_words import STATUS_WORDS
from redress.statutory.engine import today_in_london

YES_NO = [("yes", "Yes"), ("no", "No")]
ADVICE_GIVING_ROLES = (Role.ADVICE_GIVER, Role.HEALTH_OFFICER, Role.SOCIAL_CARE_OFFICER)
STATUS_CHOICES = [
    ("", "All"),
    ("overdue", "Overdue"),
    ("pending", "Waiting, not yet due"),
    ("met", STATUS_WORDS["met"]),
    ("late", STATUS_WORDS["late"]),
    ("excepted", STATUS_WORDS["excepted"]),
]


def advice_givers() -> QuerySet[Any]:
    """People who may be asked for advice: advice givers and health or social care officers."""
    return (
        get_user_model()
        .objects.filter(memberships__role__in=ADVICE_GIVING_ROLES, memberships__active=True)
        .distinct()
        .order_by("first_name", "last_name", "username")
        .prefetch_related("memberships__organisation")
    )


class _PersonChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        places = sorted(
            {
                m.organisation.name
                for m in obj.memberships.all()
                if m.active and m.organisation is not None and m.role in ADVICE_GIVING_ROLES
            }
        )
        return f"{obj.display_name} ({', '.join(places)})" if places else obj.display_name


class _YesNoField(forms.TypedChoiceField):
    widget = forms.RadioSelect

    def __init__(self, *, label: str, **kwargs: Any) -> None:
        super().__init__(
            label=label,
            choices=YES_NO,
            coerce=lambda value: value == "yes",
            error_messages={"required": f"Select yes if {label[:1].lower()}{label[1:]}"},
            **kwargs,
        )


class AdviceRequestForm(VersionedForm):
    advice_type = forms.ChoiceField(
        label="Type of advice",
        choices=AdviceRequest.AdviceType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the type of advice"},
    )
    recipient_organisation = forms.ModelChoiceField(
        label="Organisation asked for the advice",
        queryset=Organisation.objects.none(),
        empty_label="Choose an organisation",
        error_messages={"required": "Choose the organisation asked for the advice"},
    )
    recipient_person = _PersonChoiceField(
        label="Person asked (optional)",
        queryset=advice_givers(),
        required=False,
        empty_label="Nobody named",
        help_text="They must work for the organisation asked. They will see this request.",
    )
    commissioned_by = forms.ModelChoiceField(
        label="Commissioned by",
        queryset=Organisation.objects.none(),
        empty_label="Choose an organisation",
        help_text="Who asked for, and pays for, this advice. Usually the local authority.",
        error_messages={"required": "Choose who commissioned the advice"},
    )
    date_sent = GovukDateField(
        label="Date the request was sent", help_text="For example, 27 3 2026"
    )
    employed_by_setting = _YesNoField(
        label="The advice giver is employed or contracted by the child's school or setting"
    )
    paid_by = forms.ModelChoiceField(
        label="Paid by (optional)",
        queryset=Organisation.objects.none(),
        required=False,
        empty_label="The commissioner",
        help_text="Who pays the advice giver, if not the commissioner.",
    )
    would_deliver_provision = _YesNoField(
        label="The advice giver or their organisation would deliver the provision"
    )
    relationship_notes = forms.CharField(
        label="Notes about these relationships (optional)",
        widget=forms.Textarea,
        required=False,
        max_length=5000,
    )
    conflict_reason = forms.CharField(
        label="Why they are asked despite a declared conflict (only if they declared one)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        help_text="Needed when the person asked has declared a conflict of interest with this "
        "child or their setting. The decision-maker sees it where the advice is weighed.",
    )

    def __init__(self, *args: Any, child: Child, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Fresh querysets for each form, so a person or organisation added since start-up appears;
        # another local authority is never asked, commissioning or paying for this child's advice.
        self.fields["recipient_person"].queryset = advice_givers()  # type: ignore[attr-defined]
        for name in ("recipient_organisation", "commissioned_by", "paid_by"):
            self.fields[name].queryset = organisations_for_case(  # type: ignore[attr-defined]
                child.local_authority
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _check_person_works_there(self, data)
        return data


def _check_person_works_there(form: forms.Form, data: dict[str, Any]) -> None:
    """The person asked must work for the organisation asked."""
    person = data.get("recipient_person")
    organisation = data.get("recipient_organisation")
    if (
        person is not None
        and organisation is not None
        and not Membership.objects.filter(
            user=person, organisation=organisation, active=True
        ).exists()
    ):
        form.add_error(
            "recipient_person",
            f"{person.display_name} does not work for {organisation}. "
            "Choose someone who does, or nobody.",
        )


class AdviceReceivedForm(VersionedForm):
    date_received = GovukDateField(
        label="Date the advice was received", help_text="For example, 27 3 2026"
    )
    document = forms.FileField(
        label="Upload the advice (optional)",
        required=False,
        help_text="PDF, Word, OpenDocument text, RTF, plain text, JPEG or PNG, up to 20 MB.",
        error_messages={"empty": "The file is empty.", "invalid": "Choose a file to upload."},
    )


class AdviceExceptionForm(VersionedForm):
    """An exception to the advice giver's time limit, on a ground regulation 8(2) allows."""

    ground = forms.ChoiceField(
        label="Why can the advice not be given in time?",
        widget=GovukRadios,
        error_messages={"required": "Select the ground for the exception"},
    )
    date = GovukDateField(
        label="Date the exception is recorded", help_text="For example, 27 3 2026"
    )
    reasons = forms.CharField(
        label="What happened",
        widget=forms.Textarea,
        help_text="The local authority and the family's case record read this.",
        error_messages={"required": "Say why the time limit cannot be met"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ground"].choices = [  # type: ignore[attr-defined]
            (e["ground"], f"Regulation {e['provision']}: {e['text']}") for e in advice_exceptions()
        ]


class AdviceFilterForm(DatedListForm):
    """The filters and sort of the advice lists, read from the query string (GET)."""

    SORTS = {
        "organisation": "Organisation asked",
        "urgency": "Most urgent first",
        "due": "Due, soonest first",
        "sent": "Sent, newest first",
        "child": "Child's surname",
    }

    advice_type = forms.ChoiceField(
        label="Type of advice",
        required=False,
        choices=[("", "All"), *AdviceRequest.AdviceType.choices],
    )
    status = forms.ChoiceField(label="Status", required=False, choices=STATUS_CHOICES)
    organisation = forms.ModelChoiceField(
        label="Organisation asked",
        queryset=Organisation.objects.none(),
        required=False,
        empty_label="Any",
    )

    def __init__(
        self, data: Any = None, *, organisations: QuerySet[Organisation], **kwargs: Any
    ) -> None:
        super().__init__(data, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["since"].label = "Sent from"
        self.fields["until"].label = "Sent to"

    def filters(self) -> dict[str, Any]:
        """The selector's keyword arguments (`selectors.advice_list`)."""
        return {
            "advice_type": self.value("advice_type"),
            "status": self.value("status"),
            "organisation": self.value("organisation"),
            "since": self.value("since"),
            "until": self.value("until"),
            "sort": self.sort_key,
        }


class EscalationLetterForm(forms.Form):
    respond_by = GovukDateField(
        label="Ask for the advice by (optional)",
        required=False,
        help_text="Leave empty to ask for it as soon as possible. For example, 14 12 2026",
    )
    local_authority = forms.ModelChoiceField(
        label="Local authority sending the letter",
        queryset=Organisation.objects.none(),
        empty_label=None,
        required=False,
    )

    def __init__(self, *args: Any, local_authorities: QuerySet[Organisation], **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["local_authority"]
        field.queryset = local_authorities  # type: ignore[attr-defined]
        if local_authorities.count() == 1:
            field.initial = local_authorities.first()
            field.widget = forms.HiddenInput()

    def clean_local_authority(self) -> Organisation:
        chosen: Organisation | None = self.cleaned_data.get("local_authority")
        offered = self.fields["local_authority"].queryset  # type: ignore[attr-defined]
        if chosen is None and offered.count() == 1:
            chosen = offered.first()
        if chosen is None:
            raise forms.ValidationError("Choose the local authority sending the letter")
        return chosen

    def clean_respond_by(self) -> date | None:
        respond_by: date | None = self.cleaned_data.get("respond_by")
        if respond_by is not None and respond_by < today_in_london():
            raise forms.ValidationError("The date to ask for the advice by must be today or later")
        return respond_by


class AdviceCorrectionForm(VersionedForm):
    """The advice request's dates and the advice giver's declared relationships, as recorded."""

    date_sent = GovukDateField(
        label="Date the request was sent", help_text="For example, 27 3 2026"
    )
    date_received = GovukDateField(
        label="Date the advice was received (optional)",
        required=False,
        help_text="Leave empty if it has not been received. For example, 27 3 2026",
    )
    employed_by_setting = _YesNoField(
        label="The advice giver is employed or contracted by the child's school or setting"
    )
    paid_by = forms.ModelChoiceField(
        label="Paid by (optional)",
        queryset=Organisation.objects.none(),
        required=False,
        empty_label="The commissioner",
        help_text="Who pays the advice giver, if not the commissioner.",
    )
    would_deliver_provision = _YesNoField(
        label="The advice giver or their organisation would deliver the provision"
    )
    relationship_notes = forms.CharField(
        label="Notes about these relationships (optional)",
        widget=forms.Textarea,
        required=False,
        max_length=5000,
    )
    reason = CorrectionReasonField()

    def __init__(self, *args: Any, child: Child, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["paid_by"].queryset = organisations_for_case(  # type: ignore[attr-defined]
            child.local_authority
        )


class AdviceRecipientCorrectionForm(VersionedForm):
    """Who the advice request was really sent to, and why the record is being corrected."""

    recipient_organisation = forms.ModelChoiceField(
        label="Organisation the request was sent to",
        queryset=Organisation.objects.none(),
        empty_label="Choose an organisation",
        error_messages={"required": "Choose the organisation the request was sent to"},
    )
    recipient_person = _PersonChoiceField(
        label="Person it was sent to (optional)",
        queryset=advice_givers(),
        required=False,
        empty_label="Nobody named",
        help_text="They must work for the organisation. They will see this request; whoever it "
        "was recorded as sent to before will not.",
    )
    conflict_reason = AdviceRequestForm.base_fields["conflict_reason"]
    reason = CorrectionReasonField()

    def __init__(self, *args: Any, child: Child, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["recipient_person"].queryset = advice_givers()  # type: ignore[attr-defined]
        self.fields["recipient_organisation"].queryset = (  # type: ignore[attr-defined]
            organisations_for_case(child.local_authority)
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _check_person_works_there(self, data)
        return data


def advice_recipient_initial(advice: AdviceRequest) -> dict[str, Any]:
    return {
        "recipient_organisation": advice.recipient_organisation_id,
        "recipient_person": advice.recipient_person_id,
        "conflict_reason": advice.conflict_reason,
        "version": advice.version,
    }


def advice_correction_initial(advice: AdviceRequest) -> dict[str, Any]:
    return {
        "date_sent": advice.date_sent,
        "date_received": advice.date_received,
        "employed_by_setting": "yes" if advice.employed_by_setting else "no",
        "paid_by": advice.paid_by_id,
        "would_deliver_provision": "yes" if advice.would_deliver_provision else "no",
        "relationship_notes": advice.relationship_notes,
        "version": advice.version,
    }


class DeclaredConflictForm(forms.Form):
    """A declaration for the register: who, with which child or organisation, and when."""

    adviser = _PersonChoiceField(
        label="Advice giver",
        queryset=advice_givers(),
        empty_label="Choose the advice giver",
        error_messages={"required": "Choose the advice giver who declared the conflict"},
    )
    child = ChildCaseNumberField(
        label="Case number of the child or young person (optional)",
        required=False,
        help_text="The number at the top of the child's case page, for example 1042. Leave it "
        "empty for a conflict with an organisation only.",
    )
    organisation = forms.ModelChoiceField(
        label="Organisation (optional)",
        queryset=Organisation.objects.none(),
        required=False,
        empty_label="Not about an organisation",
        help_text="For example a school they govern, or a provider they own or work for.",
    )
    description = forms.CharField(
        label="The conflict, as declared",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": "Describe the conflict as declared"},
    )
    declared_on = GovukDateField(label="Date it was declared", help_text="For example, 3 11 2026")

    def __init__(self, *args: Any, local_authorities: QuerySet[Organisation], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["adviser"].queryset = advice_givers()  # type: ignore[attr-defined]
        self.fields["child"].queryset = Child.objects.filter(  # type: ignore[attr-defined]
            local_authority__in=local_authorities
        )
        self.fields["organisation"].queryset = Organisation.objects.exclude(  # type: ignore[attr-defined]
            kind=Organisation.Kind.LOCAL_AUTHORITY
        ).order_by("name")


class ConflictRegisterFilterForm(DatedListForm):
    """The register's filters and sort, read from the query string (GET)."""

    SORTS = {
        "newest": "Declared, newest first",
        "oldest": "Declared, oldest first",
        "adviser": "Advice giver",
    }

    # Not "Advice giver": the register's own form, on the same page, asks for one by that name.
    adviser = forms.ChoiceField(label="Declarations by", required=False)
    standing = forms.ChoiceField(
        label="Standing or withdrawn",
        required=False,
        choices=[
            ("", "Either"),
            ("standing", "Standing"),
            ("withdrawn", "Withdrawn as recorded in error"),
        ],
    )

    def __init__(self, data: Any = None, *, advisers: list[tuple[str, str]], **kwargs: Any) -> None:
        # Its own ids: the page's form to add a declaration has an adviser field too.
        kwargs.setdefault("auto_id", "filter_%s")
        super().__init__(data, **kwargs)
        self.fields["adviser"].choices = [("", "Anyone"), *advisers]  # type: ignore[attr-defined]
        self.fields["since"].label = "Declared from"
        self.fields["until"].label = "Declared to"
