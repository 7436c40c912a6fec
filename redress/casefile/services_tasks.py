"""Writing tasks: added by a person, or brought forward by Redress from the deadline table.

Every write checks the person may, is audited and never deletes: a task is done or withdrawn,
and the history keeps each reassignment
(docs/decisions/0146-tasks-brought-forward-from-deadlines.md).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from redress.accounts.models import LA_ROLES, Organisation
from redress.accounts.selectors import has_role_at
from redress.audit.services import audit_record
from redress.casefile.models import Task
from redress.casework.models import AdviceRequest, Child, Deadline
from redress.core import dedupe
from redress.core.corrections import history_reason, mark_withdrawn
from redress.core.service_checks import require_perm as _require
from redress.core.versions import ConcurrentEditError, claim_version
from redress.statutory.calendar import add_weeks, format_long_date
from redress.statutory.engine import today_in_london

CLOSED_MESSAGE = "This task is already closed (done or withdrawn) and cannot be changed"


def _check_assignee(assignee: Any, child: Child, field: str = "assigned_to") -> None:
    if assignee is not None and not has_role_at(assignee, child.local_authority_id, LA_ROLES):
        raise ValidationError({field: "Choose someone who works at the child's local authority"})


def _save(task: Task, *, actor: Any, reason: str) -> None:
    task.full_clean()
    history_reason(task, actor=actor, reason=reason)
    task.save()


@transaction.atomic
def task_add(
    *, actor: Any, child: Child, what: str, bring_forward_on: date, assigned_to: Any
) -> Task:
    """Add a task on the child's case for someone at the child's authority."""
    _require(actor, "casefile.add_task", child)
    errors: dict[str, list[str]] = {}
    if not what.strip():
        errors["what"] = ["Enter what needs doing"]
    if bring_forward_on < today_in_london():
        errors["bring_forward_on"] = ["The bring-forward date must be today or in the future"]
    if errors:
        raise ValidationError(errors)
    _check_assignee(assigned_to, child)
    fields = {
        "what": what.strip(),
        "bring_forward_on": bring_forward_on,
        "assigned_to": assigned_to,
    }
    dedupe.lock(child)
    duplicate = dedupe.recent_duplicate(
        Task.objects.filter(child=child), created_field="created_at", created_by=actor, **fields
    )
    if duplicate is not None:
        return duplicate
    task = Task(child=child, created_by=actor, **fields)
    _save(task, actor=actor, reason="Added")
    who = assigned_to.display_name if assigned_to is not None else "nobody yet"
    audit_record(
        actor=actor,
        action="create",
        obj=task,
        child=child,
        summary=f"Added a task for {who}, brought forward to "
        f"{format_long_date(bring_forward_on)}: {task.what}",
    )
    return task


@transaction.atomic
def task_reassign(
    *,
    actor: Any,
    tasks: Sequence[Task],
    assigned_to: Any,
    expected_versions: Mapping[int, int | None],
) -> list[Task]:
    """Give one or many open tasks to someone else at each child's authority. The whole change
    is refused if any task may not be reassigned by this person, is closed or changed since the
    list was shown; tasks already with that person are left as they are."""
    changed = []
    for task in tasks:
        _require(actor, "casefile.change_task", task)
        if not task.is_open:
            raise ValidationError(CLOSED_MESSAGE)
        _check_assignee(assigned_to, task.child)
        if task.pk not in expected_versions:
            raise ConcurrentEditError
        claim_version(task, expected_versions[task.pk])
        if task.assigned_to_id == assigned_to.pk:
            continue
        previous = task.assigned_to.display_name if task.assigned_to else "nobody"
        task.assigned_to = assigned_to
        _save(task, actor=actor, reason=f"Reassigned from {previous}")
        audit_record(
            actor=actor,
            action="update",
            obj=task,
            child=task.child,
            summary=f"Reassigned a task from {previous} to {assigned_to.display_name}: {task.what}",
        )
        changed.append(task)
    return changed


@transaction.atomic
def task_mark_done(*, actor: Any, task: Task, expected_version: int | None, note: str = "") -> Task:
    """Mark the task done: who and when are kept, and it leaves the open lists."""
    _require(actor, "casefile.change_task", task)
    if not task.is_open:
        raise ValidationError(CLOSED_MESSAGE)
    claim_version(task, expected_version)
    task.done_at = timezone.now()
    task.done_by = actor
    task.done_note = note.strip()[:300]
    _save(task, actor=actor, reason="Done")
    audit_record(
        actor=actor, action="update", obj=task, child=task.child, summary=f"Done: {task.what}"
    )
    return task


@transaction.atomic
def task_withdraw(*, actor: Any, task: Task, reason: str, expected_version: int | None) -> Task:
    """Withdraw a task that is not needed or was added in error; it stays on record."""
    _require(actor, "casefile.change_task", task)
    if not task.is_open:
        raise ValidationError(CLOSED_MESSAGE)
    cleaned = mark_withdrawn(task, actor=actor, reason=reason)
    claim_version(task, expected_version)
    _save(task, actor=actor, reason=f"Withdrawn: {cleaned}")
    audit_record(
        actor=actor,
        action="update",
        obj=task,
        child=task.child,
        summary=f"Withdrew a task ({cleaned}): {task.what}",
    )
    return task


# -- Tasks brought forward from the deadline table --------------------------------------------


@dataclass(frozen=True)
class BroughtForward:
    """The task an open deadline row asks for: what, and when to bring it forward."""

    what: str
    on: date


def _chase_advice(
    row: Deadline, authority: Organisation, advice: Mapping[str, AdviceRequest]
) -> BroughtForward | None:
    request = advice.get(row.ref)
    if request is None:
        return None
    return BroughtForward(
        what=f"Chase the {request.get_advice_type_display().lower()} advice from "
        f"{request.recipient_organisation.name}",
        on=add_weeks(request.date_sent, authority.chase_advice_after_weeks),
    )


def _invite_to_review(
    row: Deadline, authority: Organisation, advice: Mapping[str, AdviceRequest]
) -> BroughtForward | None:
    # The row's due date is the last day to send the invitations (the meeting, less its notice).
    return BroughtForward(
        what="Send the invitations to the annual review meeting",
        on=add_weeks(row.due, -authority.review_invitations_weeks_ahead),
    )


#: The engine's rules whose open rows bring a task forward, and how.
AUTOMATIC_TASKS: dict[
    str, Callable[[Deadline, Organisation, Mapping[str, AdviceRequest]], BroughtForward | None]
] = {
    "advice.response": _chase_advice,
    "review.meeting_notice": _invite_to_review,
}


def _wanted(child: Child, rows: Sequence[Deadline]) -> dict[tuple[str, str], BroughtForward]:
    """The tasks the child's open rows ask for, by (rule, ref)."""
    open_rows = [r for r in rows if r.rule in AUTOMATIC_TASKS and r.met_on is None]
    if not open_rows:
        return {}
    authority = child.local_authority
    advice: dict[str, AdviceRequest] = {}
    if any(r.rule == "advice.response" for r in open_rows):
        advice = {
            a.ref: a
            for a in AdviceRequest.objects.standing()
            .filter(child=child)
            .select_related("recipient_organisation")
        }
    wanted = {}
    for row in open_rows:
        brought = AUTOMATIC_TASKS[row.rule](row, authority, advice)
        if brought is not None:
            wanted[(row.rule, row.ref)] = brought
    return wanted


def _met_on(rows: Sequence[Deadline], rule: str, ref: str) -> date | None:
    return next((r.met_on for r in rows if r.rule == rule and r.ref == ref and r.met_on), None)


@transaction.atomic
def tasks_bring_forward(*, child: Child, rows: Sequence[Deadline] | None = None) -> tuple[int, int]:
    """Make the child's automatic tasks match its deadline rows: a task for each open row that
    asks for one, assigned to the child's caseworker; a task whose row was met is done, one whose
    row is gone is withdrawn (both by Redress, with the reason). Running it again changes
    nothing. Returns how many tasks were created and closed."""
    if rows is None:
        rows = list(child.deadlines.all())
    wanted = _wanted(child, rows)
    existing = {
        (t.source_rule, t.source_ref): t
        for t in Task.objects.filter(child=child).exclude(source_rule="")
    }
    if not wanted and not any(t.is_open for t in existing.values()):
        return 0, 0
    created = closed = 0
    for key, brought in wanted.items():
        task = existing.get(key)
        if task is None:
            task = Task(
                child=child,
                what=brought.what,
                bring_forward_on=brought.on,
                assigned_to_id=child.caseworker_id,
                source_rule=key[0],
                source_ref=key[1],
            )
            _save(task, actor=None, reason="Brought forward from the deadline table")
            audit_record(
                actor=None,
                action="create",
                obj=task,
                child=child,
                summary=f"Redress added a task, brought forward to "
                f"{format_long_date(brought.on)}: {task.what}",
            )
            created += 1
        elif task.is_open and task.bring_forward_on != brought.on:
            task.bring_forward_on = brought.on
            _save(task, actor=None, reason="Its deadline moved")
        elif not task.is_open and task.done_by_id is None and task.withdrawn_by_id is None:
            # Closed by Redress, and the step it waited for was withdrawn: open it again.
            task.done_at = task.withdrawn_at = None
            task.done_note = task.withdrawn_reason = ""
            task.bring_forward_on = brought.on
            _save(task, actor=None, reason="Opened again: the step it waited for was withdrawn")
    for key, task in existing.items():
        if key in wanted or not task.is_open:
            continue
        met_on = _met_on(rows, *key)
        if met_on is not None:
            task.done_at = timezone.now()
            task.done_note = f"Closed by Redress: done on {format_long_date(met_on)}"
            _save(task, actor=None, reason="Done: the step was recorded")
            summary = f"Redress closed a task, done on {format_long_date(met_on)}: {task.what}"
        else:
            task.withdrawn_at = timezone.now()
            task.withdrawn_reason = "Closed by Redress: the deadline it followed no longer applies"
            _save(task, actor=None, reason="Withdrawn: its deadline no longer applies")
            summary = f"Redress withdrew a task whose deadline no longer applies: {task.what}"
        audit_record(actor=None, action="update", obj=task, child=child, summary=summary)
        closed += 1
    return created, closed


def tasks_after_recompute(child: Child, rows: Sequence[Deadline]) -> None:
    """The hook `deadlines_recompute` calls: a step recorded brings its task forward or closes it
    in the same transaction."""
    tasks_bring_forward(child=child, rows=rows)


def children_with_task_work() -> Any:
    """The ids of children whose automatic tasks may need creating or closing: an open row of a
    rule that brings tasks forward, or an open automatic task (a query, never a list)."""
    with_rows = Deadline.objects.filter(rule__in=list(AUTOMATIC_TASKS), met_on__isnull=True).values(
        "child_id"
    )
    with_tasks = Task.objects.open().exclude(source_rule="").values("child_id")
    return (
        Child.objects.filter(Q(pk__in=with_rows) | Q(pk__in=with_tasks))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def tasks_follow_allocation(actor: Any, child: Child, previous: Any, caseworker: Any) -> None:
    """A child reallocated takes their open tasks with them: those with the previous caseworker
    (or with nobody) go to the new one. A task someone else holds stays with them. Each move is
    in the task's history and the audit trail, like a reassignment."""
    moving = Task.objects.open().filter(child=child)
    moving = (
        moving.filter(Q(assigned_to=previous) | Q(assigned_to__isnull=True))
        if previous is not None
        else moving.filter(assigned_to__isnull=True)
    )
    for task in moving.select_for_update():
        task.assigned_to = caseworker
        task.version += 1
        _save(task, actor=actor, reason="Moved with the child to their new caseworker")
        audit_record(
            actor=actor,
            action="update",
            obj=task,
            child=child,
            summary=f"Moved a task with the child to {caseworker.display_name}: {task.what}",
        )
