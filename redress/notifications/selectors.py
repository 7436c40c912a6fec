"""Reads for the notifications pages."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from redress.accounts.models import Role
from redress.notifications.models import Message, NotificationPreference
from redress.notifications.services import stale_before


def is_notifications_admin(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(
        user.is_staff or user.memberships.filter(role=Role.ADMINISTRATOR, active=True).exists()
    )


def problem_messages() -> QuerySet[Message]:
    """Messages that failed, are waiting to retry after a failure, or were interrupted."""
    return (
        Message.objects.filter(
            Q(status=Message.Status.FAILED)
            | Q(status=Message.Status.PENDING, attempts__gt=0)
            | Q(status=Message.Status.SENDING, claimed_at__lt=stale_before())
        )
        .select_related("recipient")
        .order_by("-created_at", "-pk")
    )


def preference_for(user: Any) -> NotificationPreference | None:
    """The person's own reminder choices (nobody reads another's)."""
    return NotificationPreference.objects.filter(user=user).first()


def is_family_member(user: Any) -> bool:
    """Whether the person follows a case as a parent, carer or the young person."""
    return bool(user.is_authenticated and user.family_links.exists())
