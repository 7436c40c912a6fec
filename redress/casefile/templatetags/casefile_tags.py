from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.inclusion_tag("casefile/_case_link.html", takes_context=True)
def case_notes_link(context: dict[str, Any], child: Any) -> dict[str, Any]:
    """Links to the case notes and contact log and to the case's documents, for those who may
    read them."""
    user = context["request"].user
    return {
        "child": child,
        "show": user.has_perm("casefile.view_notes", child),
        "show_documents": user.has_perm("casefile.view_documents", child),
    }
