"""Reading tasks; the querysets mirror the task rules in `permissions.py` (decision 0146).

A caseworker sees the tasks assigned to them; a manager sees every task on their authority's
children and filters them by assignee. Nobody outside the authority's staff sees a task.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet

from redress.accounts.models import LA_ROLES, Role
from redress.casefile.models import Task, TaskQuerySet
from redress.casework.models import Child
from redress.casework.permissions import organisation_ids
from redress.core.access import permitted_get

SHOW_CHOICES = (
    ("open", "All open tasks"),
    ("due", "Due (brought forward to today or earlier)"),
    ("overdue", "Overdue (brought forward to before today)"),
    ("done", "Done"),
    ("withdrawn", "Withdrawn"),
)


@dataclass(frozen=True)
class TaskFilters:
    show: str = "open"
    # "" is the person's own tasks; "all" every task they may see; "none" unassigned; else a pk.
    assignee: str = ""


def managed_authorities(user: Any) -> list[int]:
    return organisation_ids(user, (Role.LA_MANAGER,))


def _visible(user: Any) -> TaskQuerySet:
    staff_at = organisation_ids(user, LA_ROLES)
    if not staff_at:
        return Task.objects.none()
    managed = managed_authorities(user)
    return Task.objects.filter(
        Q(child__local_authority_id__in=managed)
        | Q(child__local_authority_id__in=staff_at, assigned_to=user)
    )


def tasks_for(user: Any, filters: TaskFilters, today: date) -> QuerySet[Task]:
    """The tasks this person may see, filtered, by bring-forward date (a queryset to page)."""
    tasks = _visible(user)
    if filters.assignee == "all" and managed_authorities(user):
        pass
    elif filters.assignee == "none" and managed_authorities(user):
        tasks = tasks.filter(assigned_to__isnull=True)
    elif filters.assignee.isdigit() and managed_authorities(user):
        tasks = tasks.filter(assigned_to_id=int(filters.assignee))
    else:
        tasks = tasks.filter(assigned_to=user)
    if filters.show == "done":
        tasks = tasks.filter(done_at__isnull=False)
    elif filters.show == "withdrawn":
        tasks = tasks.filter(withdrawn_at__isnull=False)
    else:
        tasks = tasks.open()
        if filters.show == "due":
            tasks = tasks.filter(bring_forward_on__lte=today)
        elif filters.show == "overdue":
            tasks = tasks.filter(bring_forward_on__lt=today)
    return tasks.select_related("child", "assigned_to", "done_by", "withdrawn_by").order_by(
        "bring_forward_on", "pk"
    )


def open_task_counts(user: Any, today: date) -> dict[str, int]:
    """The person's own open tasks, and how many of them are due today or earlier."""
    mine = _visible(user).open().filter(assigned_to=user)
    return {
        "open": mine.count(),
        "due": mine.filter(bring_forward_on__lte=today).count(),
    }


def dashboard_my_tasks(*, user: Any, today: date, scope: str) -> dict[str, int] | None:
    """The dashboard's count of the person's own open tasks, on the view of their own caseload."""
    return open_task_counts(user, today) if scope == "mine" else None


def task_get(*, user: Any, pk: int, perm: str = "casefile.view_task") -> Task:
    """One task, or 404 where the person may not see it (its existence is not disclosed)."""
    return permitted_get(
        Task.objects.select_related("child", "assigned_to"),
        pk=pk,
        user=user,
        perm=perm,
        not_found="No such task",
        hide=True,
    )


def tasks_on_case(*, user: Any, child: Child) -> QuerySet[Task]:
    """The child's open tasks, for the authority's staff."""
    if not user.has_perm("casefile.view_tasks", child):
        return Task.objects.none()
    return Task.objects.open().filter(child=child).select_related("assigned_to")


def task_history(task: Task) -> list[Any]:
    """Every recorded state of the task, newest first, with who changed it and why."""
    return list(
        task.history.select_related("history_user", "assigned_to").order_by("-history_date", "-pk")
    )
