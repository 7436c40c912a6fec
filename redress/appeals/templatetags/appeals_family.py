"""The family's appeals, for the family's case page (the family app stays unaware of appeals)."""

from __future__ import annotations

from typing import Any

from django import template

from redress.appeals.selectors import appeals_visible_to

register = template.Library()


@register.simple_tag(takes_context=True)
def family_appeals(context: Any, child: Any) -> list[Any]:
    """The child's appeals the signed-in person may see, newest first."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None:
        return []
    return list(appeals_visible_to(user).filter(child=child).order_by("-lodged_on", "-id"))
