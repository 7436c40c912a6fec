"""Forms for tasks; the services check again and say why they refuse."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from redress.casefile.selectors_tasks import SHOW_CHOICES, TaskFilters
from redress.casework.forms import PersonChoiceField
from redress.core.forms import GovukDateField


class TaskForm(forms.Form):
    what = forms.CharField(
        label="What needs doing",
        max_length=200,
        help_text="For example: Ring the school about the review report",
        error_messages={"required": "Enter what needs doing"},
    )
    bring_forward_on = GovukDateField(
        label="Bring forward on", help_text="The day to come back to it. For example, 27 3 2026"
    )
    assigned_to = PersonChoiceField(
        label="Assigned to",
        queryset=None,
        empty_label="Choose a person",
        error_messages={
            "required": "Choose who the task is for",
            "invalid_choice": "Choose someone who works at the child's local authority",
        },
    )

    def __init__(self, *args: Any, staff: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].queryset = staff  # type: ignore[attr-defined]


class TaskListForm(forms.Form):
    show = forms.ChoiceField(label="Show", choices=SHOW_CHOICES, required=False)
    assignee = forms.ChoiceField(label="Assigned to", required=False)

    def __init__(self, *args: Any, assignees: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = assignees  # type: ignore[attr-defined]

    def filters(self) -> TaskFilters:
        if not self.is_valid():
            return TaskFilters()
        data = self.cleaned_data
        return TaskFilters(show=data.get("show") or "open", assignee=data.get("assignee") or "")


class ReassignForm(forms.Form):
    """Reassign the ticked tasks to one person. Each task's version is posted beside its tick
    (`version-<id>`), so a list shown before someone else changed a task is refused."""

    tasks = forms.TypedMultipleChoiceField(
        label="Tasks to reassign",
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Select at least one task",
            "invalid_choice": "Select tasks from the list",
        },
    )
    assigned_to = PersonChoiceField(
        label="Reassign to",
        queryset=None,
        empty_label="Choose a person",
        error_messages={
            "required": "Choose who to reassign the tasks to",
            "invalid_choice": "Choose someone who works at the children's local authority",
        },
    )

    def __init__(self, *args: Any, staff: QuerySet[Any], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "reassign_%s")
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].queryset = staff  # type: ignore[attr-defined]
        # Any id may be ticked; the view resolves them against what the person may change.
        posted = self.data.getlist("tasks") if hasattr(self.data, "getlist") else []
        self.fields["tasks"].choices = [  # type: ignore[attr-defined]
            (value, value) for value in posted if str(value).isdigit()
        ]

    def versions(self) -> dict[int, int | None]:
        found: dict[int, int | None] = {}
        for pk in self.cleaned_data.get("tasks", []):
            raw = self.data.get(f"version-{pk}", "")
            found[pk] = int(raw) if str(raw).isdigit() else None
        return found


class TaskDoneForm(forms.Form):
    note = forms.CharField(label="Note (optional)", max_length=300, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class TaskWithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Why it is not needed",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why the task is not needed"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
