"""Forms for the guidance pages. Field names match the services' keyword arguments, so a
service's ValidationError lands on the right field."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from redress.core.forms import ModelMultipleChoiceField, VersionedForm
from redress.guidance.digest import parse_day
from redress.guidance.models import Question, Respondent, Source, Step, Topic
from redress.guidance.services import SourceData

SOURCE_KINDS = {
    "regulation": Source.Kind.REGULATION,
    "code": Source.Kind.CODE_OF_PRACTICE,
    "code of practice": Source.Kind.CODE_OF_PRACTICE,
    "case": Source.Kind.CASE,
    "other": Source.Kind.OTHER,
}
SOURCE_LINE = re.compile(
    r"^(?:(?P<kind>regulation|code of practice|code|case|other)\s*:\s*)?(?P<citation>.+?)"
    r"(?:\s+(?P<url>https?://\S+))?$",
    re.IGNORECASE,
)


def parse_sources(text: str) -> list[SourceData]:
    sources = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        match = SOURCE_LINE.match(line)
        if match is None:  # pragma: no cover - the pattern accepts any non-empty line
            continue
        kind = SOURCE_KINDS[(match.group("kind") or "other").lower()]
        citation = match.group("citation").strip()
        if len(citation) > 300:
            raise ValidationError("Each source must be 300 characters or fewer")
        sources.append(SourceData(kind=kind, citation=citation, url=match.group("url") or ""))
    return sources


def format_sources(sources: list[dict[str, str]]) -> str:
    labels: dict[str, str] = {str(v): k for k, v in SOURCE_KINDS.items() if k != "code"}
    return "\n".join(
        f"{labels.get(s['kind'], 'other')}: {s['citation']}" + (f" {s['url']}" if s["url"] else "")
        for s in sources
    )


class SearchForm(forms.Form):
    q = forms.CharField(label="Search the guidance", required=False)


class DayField(forms.CharField):
    """A day in an address's query (`?since=2026-12-01`), read by `digest.parse_day`."""

    def __init__(self, *, label: str, help_text: str, required_message: str) -> None:
        super().__init__(
            label=label,
            help_text=help_text,
            max_length=10,
            error_messages={
                "required": required_message,
                "max_length": "Enter a real date as year-month-day, for example 2026-12-01",
            },
        )

    def clean(self, value: object) -> date:
        raw = super().clean(value)
        try:
            return parse_day(raw)
        except ValueError as exc:
            raise ValidationError(str(exc)) from None


class SinceForm(forms.Form):
    since = DayField(
        label="Show changes since",
        help_text="A date written as year-month-day, for example 2026-12-01",
        required_message="Enter the date to show changes since",
    )


class DigestForm(forms.Form):
    start = DayField(
        label="From",
        help_text="For example, 2026-12-01",
        required_message="Enter the first day of the digest",
    )
    end = DayField(
        label="To",
        help_text="For example, 2026-12-31",
        required_message="Enter the last day of the digest",
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", "The end date must be the same as or after the start date")
        return data


class AnswerForm(VersionedForm):
    respondent = forms.ModelChoiceField(
        queryset=Respondent.objects.all(),
        label="Respondent",
        required=False,
        error_messages={
            "invalid_choice": (
                "This respondent has already answered this question: edit their answer instead"
            )
        },
    )
    body = forms.CharField(
        label="Answer",
        widget=forms.Textarea,
        help_text="Leave a blank line between paragraphs.",
        error_messages={"required": "Enter the answer"},
    )
    sources = forms.CharField(
        label="Sources",
        widget=forms.Textarea,
        required=False,
        help_text=(
            "One a line, starting with regulation:, code of practice:, case: or other:, "
            "with a web address at the end if there is one"
        ),
    )
    reason = forms.CharField(
        label="Why are you making this change?",
        max_length=500,
        help_text="Kept in the history",
        error_messages={"required": "Enter why you are making this change"},
    )

    def __init__(self, *args: Any, question: Question | None = None, **kwargs: Any) -> None:
        """With `question`, a form for a new answer: only respondents who have not answered it
        yet can be chosen, so a new answer never overwrites another editor's."""
        super().__init__(*args, **kwargs)
        field = self.fields["respondent"]
        if question is not None:
            assert isinstance(field, forms.ModelChoiceField)
            field.required = True
            field.queryset = Respondent.objects.exclude(answers__question=question)
        else:
            del self.fields["respondent"]

    def clean_sources(self) -> list[SourceData]:
        return parse_sources(self.cleaned_data.get("sources") or "")


class PublishForm(VersionedForm):
    """Carries the version the editor read, so a newer draft is never published unread."""

    reason = forms.CharField(
        label="What changed?",
        max_length=500,
        help_text="Readers see this in the digest of changes, for example “Added the 2026 rules”",
        error_messages={"required": "Enter what changed, for readers of the digest"},
    )


class QuestionForm(forms.Form):
    text = forms.CharField(
        label="Question",
        widget=forms.Textarea,
        error_messages={"required": "Enter the question"},
    )
    topics = ModelMultipleChoiceField(
        queryset=Topic.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Topics",
    )


class StepsForm(forms.Form):
    steps = ModelMultipleChoiceField(
        queryset=Step.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Steps this question concerns",
        help_text="The question is shown as related guidance on the pages for these steps",
    )


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label="Email address", help_text="We send the digest of changes to this address"
    )
