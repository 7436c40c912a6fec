from __future__ import annotations

from typing import Any

from django import template

from redress.casefile.selectors_tasks import tasks_on_case

register = template.Library()


@register.inclusion_tag("casefile/_case_link.html", takes_context=True)
def case_notes_link(context: dict[str, Any], child: Any) -> dict[str, Any]:
    """Links to the case notes and contact log and to the case's documents, for those who may
    read them; the case's open tasks (the first few) and adding one, for the authority's staff."""
    user = context["request"].user
    show_tasks = user.has_perm("casefile.view_tasks", child)
    open_tasks = tasks_on_case(user=user, child=child) if show_tasks else None
    return {
        "child": child,
        "show": user.has_perm("casefile.view_notes", child),
        "show_documents": user.has_perm("casefile.view_documents", child),
        "show_tasks": show_tasks,
        "tasks": list(open_tasks[:TASKS_ON_CASE_PAGE]) if open_tasks is not None else [],
        "task_count": open_tasks.count() if open_tasks is not None else 0,
    }


#: Open tasks listed on the case page; the rest are on the task list.
TASKS_ON_CASE_PAGE = 10
