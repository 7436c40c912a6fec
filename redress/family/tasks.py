"""A family's request is a task for the person who must act, with a day to answer by.

Routing (decision 0082):
- asking for mediation: the mediation provider that serves the child's council (its case
  manager, or its adviser when it has no case manager);
- something agreed at mediation not done: the provider's case manager when the provider follows
  up agreements (its policy), otherwise the child's caseworker;
- a document sent, new contact details: the child's caseworker (or, with none, the council's
  SEND team, whose managers see it).

The day to answer by is FAMILY_REQUEST_ANSWER_WORKING_DAYS working days after the request, on
the working-day calendar the engine uses. It is a service promise, not a statutory period, so it
is a setting.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from redress.accounts.models import LA_ROLES, Membership, Organisation, Role
from redress.audit.services import audit_record
from redress.bankholidays.selectors import working_day_calendar
from redress.casework.models import Child
from redress.casework.permissions import organisation_ids
from redress.core.listing import sorted_by, within
from redress.family.models import FamilyRequest
from redress.mediation.models import MediationCase, MediationPolicy
from redress.notifications.recipients import Contact
from redress.notifications.services import absolute_url, message_enqueue
from redress.statutory.calendar import format_long_date
from redress.statutory.engine import today_in_london

PROVIDER_ROLES = (Role.MEDIATION_CASE_MANAGER, Role.MEDIATION_ADVISER)


def _first_user(organisation: Organisation | None, roles: tuple[str, ...]) -> Any:
    if organisation is None:
        return None
    for role in roles:
        membership = (
            Membership.objects.filter(
                organisation=organisation, role=role, active=True, user__is_active=True
            )
            .select_related("user")
            .order_by("pk")
            .first()
        )
        if membership is not None:
            return membership.user
    return None


def mediation_provider_for(child: Child) -> Organisation | None:
    """The mediation provider that serves the child's council."""
    return (
        Organisation.objects.filter(
            kind=Organisation.Kind.MEDIATION_PROVIDER, serves=child.local_authority_id
        )
        .order_by("name", "pk")
        .first()
    )


def _follows_up_provider(child: Child) -> Organisation | None:
    case = (
        MediationCase.objects.filter(
            child=child, agreement__isnull=False, withdrawn_at__isnull=True
        )
        .select_related("provider")
        .order_by("-decision_notice_date", "-pk")
        .first()
    )
    if case is None:
        return None
    policy = MediationPolicy.objects.filter(provider_id=case.provider_id).first()
    return case.provider if (policy.follows_up_agreements if policy else True) else None


def route(child: Child, kind: str) -> tuple[Any, Organisation | None]:
    """Who must act on a request of this kind about this child, and for which body."""
    if kind == FamilyRequest.Kind.MEDIATION:
        provider = mediation_provider_for(child)
        if provider is not None:
            return _first_user(provider, PROVIDER_ROLES), provider
    if kind == FamilyRequest.Kind.ACTION_NOT_DONE:
        provider = _follows_up_provider(child)
        if provider is not None:
            return _first_user(provider, (Role.MEDIATION_CASE_MANAGER,)), provider
    caseworker = child.caseworker if child.caseworker and child.caseworker.is_active else None
    return caseworker, child.local_authority


def answer_by(day: date) -> date:
    days = int(settings.FAMILY_REQUEST_ANSWER_WORKING_DAYS)
    return working_day_calendar().add_working_days(day, days)


def assign(request: FamilyRequest) -> None:
    """Route a new request and tell the person who must act (called in its transaction)."""
    assignee, organisation = route(request.child, request.kind)
    request.assignee = assignee
    request.organisation = organisation
    request.answer_by = answer_by(today_in_london())
    request.save(update_fields=["assignee", "organisation", "answer_by"])
    for person in _people_to_tell(request):
        _notify(request, person)


def _people_to_tell(request: FamilyRequest) -> list[Any]:
    if request.assignee is not None:
        return [request.assignee]
    if request.organisation_id is None:
        return []
    # Nobody named: the body's managers hear of it.
    roles = (
        (Role.LA_MANAGER,)
        if request.organisation_id == request.child.local_authority_id
        else (PROVIDER_ROLES)
    )
    return [
        m.user
        for m in Membership.objects.filter(
            organisation_id=request.organisation_id, role__in=roles, active=True
        ).select_related("user")
        if m.user.is_active
    ]


def _notify(request: FamilyRequest, person: Any) -> None:
    if not person.email:
        return
    message_enqueue(
        key=f"family-request:{request.pk}:{person.pk}",
        template="family_request_task",
        contact=Contact(email=person.email, name=person.get_full_name(), user=person),
        personalisation={
            "name": person.get_full_name() or person.username,
            "what": request.get_kind_display(),
            "child_name": request.child.full_name,
            "case_number": request.child_id,
            "due": format_long_date(request.answer_by) if request.answer_by else "",
            "task_url": absolute_url(reverse("family:task", args=[request.pk])),
        },
        child=request.child,
        digestible=False,
    )


# -- Who sees and answers the tasks -------------------------------------------------------------


def tasks_for(user: Any) -> QuerySet[FamilyRequest]:
    """Requests this person must answer: their own, and their bodies' unassigned ones (for a
    council's staff, every request about their council's children that the council must answer)."""
    if not getattr(user, "is_authenticated", False):
        return FamilyRequest.objects.none()
    la_ids = organisation_ids(user, LA_ROLES)
    provider_ids = organisation_ids(user, PROVIDER_ROLES)
    query = Q(assignee=user)
    if la_ids:
        query |= Q(organisation_id__in=la_ids, child__local_authority_id__in=la_ids)
    if provider_ids:
        query |= Q(organisation_id__in=provider_ids)
    return (
        FamilyRequest.objects.filter(query)
        .select_related("child", "assignee", "organisation")
        .order_by("answer_by", "pk")
    )


TASK_SORTS = {
    "answer_by": (F("answer_by").asc(nulls_last=True), "pk"),
    "newest": ("-created_at", "-pk"),
    "oldest": ("created_at", "pk"),
}


def task_list(
    user: Any,
    *,
    status: str | None = None,
    kind: str | None = None,
    overdue: bool = False,
    since: date | None = None,
    until: date | None = None,
    sort: str = "answer_by",
    today: date,
) -> QuerySet[FamilyRequest]:
    """The requests this person must answer, filtered in the database: open ones (not done)
    unless a status or "all" is asked for, by kind, those past their answer-by day, and the day
    the family sent them."""
    tasks = tasks_for(user)
    if status == "all":
        pass
    elif status:
        tasks = tasks.filter(status=status)
    else:
        tasks = tasks.exclude(status=FamilyRequest.Status.DONE)
    if kind:
        tasks = tasks.filter(kind=kind)
    if overdue:
        tasks = tasks.filter(answer_by__lt=today).exclude(status=FamilyRequest.Status.DONE)
    tasks = within(tasks, "created_at__date", since, until)
    ordered, _ = sorted_by(tasks, sort, TASK_SORTS, default="answer_by")
    return ordered  # type: ignore[no-any-return]


def open_tasks_for(user: Any) -> QuerySet[FamilyRequest]:
    return tasks_for(user).exclude(status=FamilyRequest.Status.DONE)


def task_get(*, user: Any, pk: int) -> FamilyRequest:
    task = tasks_for(user).filter(pk=pk).first()
    if task is None:
        raise PermissionDenied
    return task


@transaction.atomic
def family_request_answer(
    *, actor: Any, request: FamilyRequest, status: str, reply: str = ""
) -> FamilyRequest:
    """The person who must act says where the request has got to, and may reply."""
    if not tasks_for(actor).filter(pk=request.pk).exists():
        raise PermissionDenied
    locked = FamilyRequest.objects.select_for_update().get(pk=request.pk)
    if status not in FamilyRequest.Status.values:
        raise ValidationError({"status": ["Choose where the request has got to."]})
    if status == FamilyRequest.Status.DONE and not (reply.strip() or locked.reply):
        raise ValidationError({"reply": ["Write a reply to the family before marking it done."]})
    locked.status = status
    if locked.seen_at is None:
        locked.seen_at = timezone.now()
    fields = ["status", "seen_at"]
    if reply.strip() and reply.strip() != locked.reply:
        locked.reply = reply.strip()
        locked.replied_at = timezone.now()
        locked.replied_by = actor
        fields += ["reply", "replied_at", "replied_by"]
    if locked.assignee_id is None:
        locked.assignee = actor
        fields.append("assignee")
    locked.full_clean()
    locked.save(update_fields=fields)
    audit_record(
        actor=actor,
        action="update",
        obj=locked,
        child=locked.child,
        summary=f"Family request ({locked.get_kind_display()}): {locked.get_status_display()}",
    )
    return locked
