"""{% load family_tasks %}{% family_tasks_panel %}: the families' requests a person must answer,
for their dashboard."""

from __future__ import annotations

from typing import Any

from django import template

from redress.family.selectors import draft_comments_to_answer_count
from redress.family.tasks import open_tasks_for

register = template.Library()


@register.inclusion_tag("family/_tasks_panel.html", takes_context=True)
def family_tasks_panel(context: Any) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    rows = open_tasks_for(user) if user is not None else None
    return {
        "rows": list(rows[:5]) if rows is not None else [],
        "count": rows.count() if rows is not None else 0,
        # Families' comments on draft plans wait on the case pages (family:draft-comments).
        "draft_comments": draft_comments_to_answer_count(user=user) if user is not None else 0,
    }
