"""Checks every app's services make before a write, stated once."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied

from redress.statutory.engine import today_in_london


def require_perm(actor: Any, perm: str, obj: Any) -> None:
    """Refuse the write unless the actor has the permission on the object."""
    if not actor.has_perm(perm, obj):
        raise PermissionDenied


def not_in_future(when: date | None, field: str, errors: dict[str, list[str]]) -> None:
    """A recorded step happened: its date is today or in the past (None is left to the form)."""
    if when is not None and when > today_in_london():
        errors.setdefault(field, []).append("The date must be today or in the past.")
