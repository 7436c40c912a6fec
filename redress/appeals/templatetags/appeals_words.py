"""Wording helpers for the appeals pages."""

from __future__ import annotations

from typing import Any

from django import template

from redress.appeals.models import first_lower

register = template.Library()


@register.filter(name="first_lower")
def first_lower_filter(value: Any) -> str:
    """A label inside a sentence: only its first letter lowered ('EHC' stays 'EHC')."""
    return first_lower(str(value))
