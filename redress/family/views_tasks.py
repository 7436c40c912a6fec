"""The family's requests as tasks: the list for the person who must act, and answering one."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from redress.audit.services import audit_record
from redress.core.forms import add_service_errors
from redress.core.listing import DatedListForm, csv_response, page_of, query_without
from redress.family import tasks
from redress.family.models import FamilyRequest
from redress.statutory.engine import today_in_london


class AnswerForm(forms.Form):
    status = forms.ChoiceField(
        label="Where has this got to?",
        choices=FamilyRequest.Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose where the request has got to"},
    )
    reply = forms.CharField(
        label="Your reply to the family",
        help_text="The family reads this on their page. Use short, plain sentences.",
        required=False,
        max_length=5000,
        widget=forms.Textarea,
    )


class TaskListForm(DatedListForm):
    """The task list's filters and sort, read from the query string (GET)."""

    SORTS = {
        "answer_by": "Answer by, soonest first",
        "newest": "Sent, newest first",
        "oldest": "Sent, oldest first",
    }

    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Not done yet"), *FamilyRequest.Status.choices, ("all", "Any")],
    )
    kind = forms.ChoiceField(
        label="Kind of request", required=False, choices=[("", "Any"), *FamilyRequest.Kind.choices]
    )
    overdue = forms.ChoiceField(
        label="Answer-by day",
        required=False,
        choices=[("", "Any"), ("yes", "Only those past it")],
    )

    def __init__(self, data: Any = None, **kwargs: Any) -> None:
        if data is not None and data.get("show") == "done" and not data.get("status"):
            # The older link to the requests that are done.
            data = data.copy()
            data["status"] = FamilyRequest.Status.DONE
        super().__init__(data, **kwargs)
        self.fields["since"].label = "Sent from"
        self.fields["until"].label = "Sent to"


def _tasks(request: HttpRequest) -> tuple[TaskListForm, Any]:
    form = TaskListForm(request.GET)
    rows = tasks.task_list(
        request.user,
        status=form.value("status"),
        kind=form.value("kind"),
        overdue=form.value("overdue") == "yes",
        since=form.value("since"),
        until=form.value("until"),
        sort=form.sort_key,
        today=today_in_london(),
    )
    return form, rows


@never_cache
@require_GET
@login_required
def task_list(request: HttpRequest) -> HttpResponse:
    form, rows = _tasks(request)
    show_done = form.value("status") == FamilyRequest.Status.DONE
    page = page_of(rows, request.GET.get("page"))
    audit_record(
        actor=request.user,
        action="view",
        object_type="family requests",
        summary=f"Viewed the list of families' requests (page {page.number})",
    )
    return render(
        request,
        "family/tasks.html",
        {
            "form": form,
            "page": page,
            "show_done": show_done,
            "query": query_without(request, "page"),
        },
    )


EXPORT_COLUMNS = (
    "Request",
    "Child or young person",
    "Case number",
    "Sent",
    "Answer by",
    "Status",
    "Who must act",
    "Body that must act",
    "Replied",
)


def _rows(rows: Any) -> Iterator[list[Any]]:
    """The tasks as CSV rows, a chunk at a time. The family's own words stay on the task's
    page: the list names the request, not what it says."""
    for task in rows.iterator(chunk_size=2000):
        yield [
            task.get_kind_display(),
            task.child.full_name,
            task.child_id,
            timezone.localtime(task.created_at).date().isoformat(),
            task.answer_by.isoformat() if task.answer_by else "",
            task.get_status_display(),
            task.assignee.display_name if task.assignee else "",
            task.organisation.name if task.organisation else "",
            timezone.localtime(task.replied_at).date().isoformat() if task.replied_at else "",
        ]


@require_GET
@login_required
def task_list_export(request: HttpRequest) -> StreamingHttpResponse:
    """The task list as filtered, every row, as CSV: only the requests the person must answer."""
    _, rows = _tasks(request)
    audit_record(
        actor=request.user,
        action="download",
        object_type="family requests",
        summary="Exported the list of families' requests as CSV",
    )
    return csv_response(header=EXPORT_COLUMNS, rows=_rows(rows), filename="families-requests.csv")


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    task = tasks.task_get(user=request.user, pk=pk)
    form = AnswerForm(
        request.POST if request.method == "POST" else None,
        initial={"status": task.status, "reply": task.reply},
    )
    if request.method == "POST" and form.is_valid():
        try:
            tasks.family_request_answer(actor=request.user, request=task, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Saved. The family can see where their request has got to.")
            return redirect("family:tasks")
    audit_record(
        actor=request.user,
        action="view",
        obj=task,
        child=task.child,
        summary=f"Viewed a family request ({task.get_kind_display()})",
    )
    return render(request, "family/task.html", {"task": task, "form": form})
