from __future__ import annotations

from typing import Any

from django import template

from redress.casefile.selectors_tasks import tasks_on_case

register = template.Library()


@register.inclusion_tag("casefile/_case_link.html", takes_context=True)
def case_notes_link(context: dict[str, Any], child: Any) -> dict[str, Any]:
    """Links to the case notes and contact log, the case's documents and the messages with the
    family (with how many are new), for those who may read them; the case's open tasks (the first
    few) and adding one, for the authority's staff."""
    from redress.casefile.selectors import unseen_by_staff

    user = context["request"].user
    show_tasks = user.has_perm("casefile.view_tasks", child)
    open_tasks = tasks_on_case(user=user, child=child) if show_tasks else None
    show_messages = user.has_perm("casefile.view_messages", child)
    return {
        "child": child,
        "show": user.has_perm("casefile.view_notes", child),
        "show_documents": user.has_perm("casefile.view_documents", child),
        "show_tasks": show_tasks,
        "tasks": list(open_tasks[:TASKS_ON_CASE_PAGE]) if open_tasks is not None else [],
        "task_count": open_tasks.count() if open_tasks is not None else 0,
        "show_messages": show_messages,
        "unseen": unseen_by_staff(user=user, child=child).count() if show_messages else 0,
    }


@register.inclusion_tag("casefile/_case_link.html", takes_context=True)
def case_messages_link(context: dict[str, Any], child: Any) -> dict[str, Any]:
    """Only the link to the messages with the family (a mediation provider's case page)."""
    from redress.casefile.selectors import unseen_by_staff

    user = context["request"].user
    show_messages = user.has_perm("casefile.view_messages", child)
    return {
        "child": child,
        "show_messages": show_messages,
        "unseen": unseen_by_staff(user=user, child=child).count() if show_messages else 0,
    }


#: Open tasks listed on the case page; the rest are on the task list.
TASKS_ON_CASE_PAGE = 10
