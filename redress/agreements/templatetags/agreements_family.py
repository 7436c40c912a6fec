"""A family page shows the child's mediation agreements the person may read (through the
selector, so the same rules apply as on the agreement's own page)."""

from __future__ import annotations

from typing import Any

from django import template

from redress.agreements.selectors import agreements_visible_to

register = template.Library()


@register.simple_tag(takes_context=True)
def family_agreements(context: Any, child: Any) -> list[Any]:
    request = context.get("request")
    if request is None:
        return []
    return list(agreements_visible_to(request.user).filter(case__child=child).order_by("-made_on"))
