"""The allocation history box on the case page: who allocated the child to whom, and when."""

from __future__ import annotations

from typing import Any

from django import template

from redress.casework.selectors_caseload import allocation_history as history_for

register = template.Library()


@register.inclusion_tag("casework/_allocation_history.html", takes_context=True)
def allocation_history(context: Any, child: Any) -> dict[str, Any]:
    allocations = history_for(user=context["request"].user, child=child)
    return {
        "child": child,
        "shown": allocations is not None,
        "allocations": list(allocations[:20]) if allocations is not None else [],
        "more": allocations.count() > 20 if allocations is not None else False,
    }
