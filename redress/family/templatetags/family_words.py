"""{% load family_words %}: engine explanations and citations in words for families."""

from __future__ import annotations

from typing import Any

from django import template

from redress.core import words

register = template.Library()


@register.filter
def family_explanation(text: Any) -> str:
    return words.plain_explanation(str(text or ""))


@register.filter
def family_law(citation: Any) -> str:
    return words.plain_law(str(citation or ""))


@register.simple_tag
def appeal_arrival() -> str:
    """The one sentence on when an appeal must arrive, shared by every page that says it."""
    from redress.family.plain import APPEAL_ARRIVAL

    return str(APPEAL_ARRIVAL)  # in the language of the page being drawn
