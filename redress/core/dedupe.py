"""A second, identical submission is the first one again (docs/decisions/0066-double-submit.md).

A person who clicks Send twice, or whose browser resends a form after a slow answer, means one
request, not two. A service that makes a free-text record calls `recent_duplicate` after
locking the record the new one belongs to: the same person's identical record made within
DOUBLE_SUBMIT_SECONDS is returned instead of a copy. The lock makes two simultaneous
submissions queue, so the second finds the first.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any, TypeVar

from django.db import models
from django.utils import timezone

DOUBLE_SUBMIT_SECONDS = 120

M = TypeVar("M", bound=models.Model)


def lock(record: models.Model) -> None:
    """Hold the record's row until the transaction ends (PostgreSQL; SQLite's immediate
    transactions already admit one writer at a time)."""
    list(type(record)._default_manager.select_for_update().filter(pk=record.pk).values_list("pk"))


def recent_duplicate(queryset: models.QuerySet[M], *, created_field: str, **same: Any) -> M | None:
    """The newest record matching `same` made within the double-submit window, if any."""
    since = timezone.now() - timedelta(seconds=DOUBLE_SUBMIT_SECONDS)
    return (
        queryset.filter(**same, **{f"{created_field}__gte": since})
        .order_by(f"-{created_field}", "-pk")
        .first()
    )
