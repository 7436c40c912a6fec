"""{% load family_nav %} {% if user|is_family_user %}: whether to show "Your cases"."""

from __future__ import annotations

from typing import Any

from django import template

from redress.family.selectors import is_family_user as _is_family_user

register = template.Library()


@register.filter
def is_family_user(user: Any) -> bool:
    return _is_family_user(user)
