"""`{% load mediation_family %}{% family_mediation_cases child as cases %}`: the child's mediation
cases the signed-in person may see, for the family pages (through the selector, never directly)."""

from __future__ import annotations

from typing import Any

from django import template

from redress.mediation.selectors import mediation_cases_visible_to

register = template.Library()


@register.simple_tag(takes_context=True)
def family_mediation_cases(context: Any, child: Any) -> list[Any]:
    user = context["request"].user
    return list(mediation_cases_visible_to(user).filter(child=child).order_by("-pk"))
