"""Reads for the notifications pages."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Q, QuerySet

from redress.accounts.models import Role
from redress.core.listing import sorted_by, within
from redress.notifications.models import Message, NotificationPreference
from redress.notifications.services import stale_before


def is_notifications_admin(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_staff or Role.ADMINISTRATOR in user.roles())


PROBLEM_SORTS = {
    "newest": ("-created_at", "-pk"),
    "oldest": ("created_at", "pk"),
    "tries": ("-attempts", "-created_at", "-pk"),
}


def problem_messages(
    *,
    problem: str | None = None,
    channel: str | None = None,
    since: date | None = None,
    until: date | None = None,
    sort: str = "newest",
) -> QuerySet[Message]:
    """Messages that failed, are waiting to retry after a failure, or were interrupted (or one
    of those problems), by channel and the day they were made."""
    problems = {
        "failed": Q(status=Message.Status.FAILED),
        "retrying": Q(status=Message.Status.PENDING, attempts__gt=0),
        "interrupted": Q(status=Message.Status.SENDING, claimed_at__lt=stale_before()),
    }
    if problem in problems:
        wanted = problems[problem]
    else:
        wanted = problems["failed"] | problems["retrying"] | problems["interrupted"]
    messages = Message.objects.filter(wanted)
    if channel:
        messages = messages.filter(channel=channel)
    messages = within(messages, "created_at__date", since, until)
    ordered, _ = sorted_by(messages, sort, PROBLEM_SORTS, default="newest")
    return ordered.select_related("recipient")  # type: ignore[no-any-return]


def preference_for(user: Any) -> NotificationPreference | None:
    """The person's own reminder choices (nobody reads another's)."""
    return NotificationPreference.objects.filter(user=user).first()


def is_family_member(user: Any) -> bool:
    """Whether the person follows a case as a parent, carer or the young person."""
    return bool(user.is_authenticated and user.family_links.exists())
