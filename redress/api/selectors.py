"""The API tokens an administrator may see: their own organisations' (a superuser: all)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from redress.accounts.selectors import administered_organisations
from redress.api.models import ApiToken


def tokens_visible_to(user: Any) -> QuerySet[ApiToken]:
    """Tokens issued to the organisations the user administers (as `api.manage_token`)."""
    return ApiToken.objects.filter(organisation__in=administered_organisations(user))
