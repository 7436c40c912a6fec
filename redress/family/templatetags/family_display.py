"""{% load family_display %}: how the family's pages look for the reader (decision 0175)."""

from __future__ import annotations

from typing import Any

from django import template

from redress.family.display import large_print_on, one_idea_per_line

register = template.Library()


@register.simple_tag(takes_context=True)
def family_large_print(context: Any) -> bool:
    """Whether the page is shown in large print: the reader's choice, else their recorded need."""
    request = context.get("request")
    return request is not None and large_print_on(request)


@register.filter
def lines(text: Any) -> list[str]:
    """Easy Read: the sentences of a passage, one idea to a line."""
    return one_idea_per_line(str(text or ""))
