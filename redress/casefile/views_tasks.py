"""Task pages: my tasks (filtered, 50 a page, CSV), reassigning, a task and its history, marking
it done or withdrawing it, and adding one on a case. Thin: forms check input, services write,
selectors read; every page naming a child is audited. `Cache-Control: no-store` comes from
`PrivateResponseMiddleware`."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from redress.accounts.models import LA_ROLES, Organisation
from redress.audit.reads import record_reads
from redress.audit.services import audit_record
from redress.casefile import selectors_tasks as selectors
from redress.casefile import services_tasks as services
from redress.casefile.forms_tasks import (
    ReassignForm,
    TaskDoneForm,
    TaskForm,
    TaskListForm,
    TaskWithdrawForm,
)
from redress.casefile.models import Task
from redress.casework import selectors as case_selectors
from redress.casework.forms import la_staff
from redress.casework.permissions import organisation_ids
from redress.casework.views_caseload import stream_csv
from redress.core.listing import page_of, query_without
from redress.core.versions import ConcurrentEditError, call_service, withdraw_step
from redress.statutory.engine import today_in_london


def _staff_at(request: HttpRequest) -> list[int]:
    """The authorities where the person works on cases; refused (403) when none."""
    authorities = organisation_ids(request.user, LA_ROLES)
    if not authorities:
        raise PermissionDenied
    return authorities


def _list_form(request: HttpRequest) -> TaskListForm:
    managed = selectors.managed_authorities(request.user)
    assignees: list[tuple[str, str]] = [("", "Me")]
    if managed:
        assignees += [("all", "Anyone"), ("none", "Nobody (the child has no caseworker)")]
        staff = la_staff(Organisation.objects.filter(pk__in=managed))
        assignees += [(str(p.pk), p.display_name) for p in staff if p.pk != request.user.pk]
    return TaskListForm(request.GET or None, assignees=assignees)


def _reassign_staff(request: HttpRequest, authorities: list[int]) -> Any:
    return la_staff(Organisation.objects.filter(pk__in=authorities))


@require_GET
@login_required
def tasks(request: HttpRequest) -> HttpResponse:
    """The person's tasks by bring-forward date, 50 a page; a manager's, filtered by assignee."""
    authorities = _staff_at(request)
    form = _list_form(request)
    filters = form.filters()
    today = today_in_london()
    page = page_of(selectors.tasks_for(request.user, filters, today), request.GET.get("page"))
    record_reads([task.child for task in page.object_list], summary="Saw the child in a task")
    return render(
        request,
        "casefile/tasks.html",
        {
            "form": form,
            "filters": filters,
            "page": page,
            "today": today,
            "is_manager": bool(selectors.managed_authorities(request.user)),
            "reassign": ReassignForm(staff=_reassign_staff(request, authorities)),
            "query": query_without(request, "page"),
        },
    )


TASK_EXPORT_COLUMNS = (
    "Child or young person",
    "Case number",
    "What needs doing",
    "Bring forward on",
    "Assigned to",
    "Added by",
    "Done on",
    "Done by",
    "Withdrawn on",
    "Withdrawn by",
)


def _task_rows(found: Any) -> Iterator[list[Any]]:
    for task in found.iterator(chunk_size=2000):
        yield [
            f"{task.child.first_name} {task.child.last_name}",
            task.child_id,
            task.what,
            task.bring_forward_on.isoformat(),
            task.assigned_to.display_name if task.assigned_to else "",
            task.created_by.display_name if task.created_by else "Redress",
            task.done_at.date().isoformat() if task.done_at else "",
            (task.done_by.display_name if task.done_by else "Redress") if task.done_at else "",
            task.withdrawn_at.date().isoformat() if task.withdrawn_at else "",
            (task.withdrawn_by.display_name if task.withdrawn_by else "Redress")
            if task.withdrawn_at
            else "",
        ]


@require_GET
@login_required
def tasks_export(request: HttpRequest) -> StreamingHttpResponse:
    """The task list as filtered, every row, as CSV."""
    _staff_at(request)
    filters = _list_form(request).filters()
    found = selectors.tasks_for(request.user, filters, today_in_london()).select_related(
        "created_by"
    )
    return stream_csv(
        request,
        header=TASK_EXPORT_COLUMNS,
        rows=_task_rows(found),
        filename="tasks.csv",
        summary=f"Exported the task list as CSV ({filters.show})",
        object_type="casefile.Task",
    )


@require_POST
@login_required
def tasks_reassign(request: HttpRequest) -> HttpResponse:
    """Reassign the tasks ticked on the list (the assignee's own, or any at a manager's
    authority) to one person."""
    authorities = _staff_at(request)
    form = ReassignForm(request.POST, staff=_reassign_staff(request, authorities))
    back = request.GET.urlencode()
    target = redirect(reverse("casework:tasks") + (f"?{back}" if back else ""))
    if form.is_valid():
        wanted = form.cleaned_data["tasks"]
        found = list(Task.objects.filter(pk__in=wanted).select_related("child", "assigned_to"))
        allowed = [t for t in found if request.user.has_perm("casefile.change_task", t)]
        if len(allowed) != len(set(wanted)):
            form.add_error(
                "tasks",
                "Some of the tasks you selected are not yours to reassign. "
                "Check the list and select them again.",
            )
        elif None in form.versions().values():
            form.add_error(None, ConcurrentEditError.message)
        else:
            changed = call_service(
                form,
                lambda: services.task_reassign(
                    actor=request.user,
                    tasks=allowed,
                    assigned_to=form.cleaned_data["assigned_to"],
                    expected_versions=form.versions(),
                ),
            )
            if changed is not None:
                person = form.cleaned_data["assigned_to"].display_name
                messages.success(
                    request, f"{len(changed)} task{'s' if len(changed) != 1 else ''} "
                    f"reassigned to {person}.",
                )  # fmt: skip
                return target
    # The list is shown again with the reasons; nothing was changed.
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, str(error))
    return target


def _detail_context(request: HttpRequest, task: Task, **forms: Any) -> dict[str, Any]:
    return {
        "task": task,
        "child": task.child,
        "history": selectors.task_history(task),
        "can_change": task.is_open and request.user.has_perm("casefile.change_task", task),
        "done_form": forms.get("done_form") or TaskDoneForm(initial={"version": task.version}),
        "withdraw": forms.get("withdraw")
        or TaskWithdrawForm(initial={"version": task.version}, prefix="withdraw"),
    }


@require_GET
@login_required
def task_detail(request: HttpRequest, task_pk: int) -> HttpResponse:
    _staff_at(request)
    task = selectors.task_get(user=request.user, pk=task_pk)
    audit_record(
        actor=request.user,
        action="view",
        obj=task,
        child=task.child,
        summary=f"Viewed a task and its history: {task.what}",
    )
    return render(request, "casefile/task_detail.html", _detail_context(request, task))


@require_POST
@login_required
def task_done(request: HttpRequest, task_pk: int) -> HttpResponse:
    _staff_at(request)
    task = selectors.task_get(user=request.user, pk=task_pk, perm="casefile.change_task")
    form = TaskDoneForm(request.POST)
    if form.is_valid():
        done = call_service(
            form,
            lambda: services.task_mark_done(
                actor=request.user,
                task=task,
                expected_version=form.cleaned_data["version"],
                note=form.cleaned_data["note"],
            ),
            record=task,
        )
        if done is not None:
            messages.success(request, f"Task done: {task.what}")
            return redirect("casework:task-detail", task_pk=task.pk)
    task.refresh_from_db()
    return render(
        request, "casefile/task_detail.html", _detail_context(request, task, done_form=form)
    )


@require_POST
@login_required
def task_withdraw(request: HttpRequest, task_pk: int) -> HttpResponse:
    _staff_at(request)
    task = selectors.task_get(user=request.user, pk=task_pk, perm="casefile.change_task")
    withdraw = TaskWithdrawForm(request.POST, prefix="withdraw")
    if (
        withdraw_step(request, withdraw, task, partial(services.task_withdraw, task=task))
        is not None
    ):
        messages.success(request, "Task withdrawn. It stays on record.")
        return redirect("casework:task-detail", task_pk=task.pk)
    return render(
        request, "casefile/task_detail.html", _detail_context(request, task, withdraw=withdraw)
    )


@require_http_methods(["GET", "POST"])
@login_required
def task_new(request: HttpRequest, pk: int) -> HttpResponse:
    child = case_selectors.child_get(user=request.user, pk=pk, perm="casefile.add_task")
    staff = la_staff([child.local_authority])
    form = TaskForm(
        request.POST or None,
        staff=staff,
        initial={"assigned_to": child.caseworker_id or request.user.pk},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        task = call_service(
            form,
            lambda: services.task_add(
                actor=request.user,
                child=child,
                what=data["what"],
                bring_forward_on=data["bring_forward_on"],
                assigned_to=data["assigned_to"],
            ),
        )
        if task is not None:
            messages.success(request, f"Task added: {task.what}")
            return redirect("casework:case-detail", pk=child.pk)
    return render(request, "casefile/task_form.html", {"child": child, "form": form})
