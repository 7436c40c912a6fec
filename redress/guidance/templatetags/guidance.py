"""`{% load guidance %}{% guidance_for_step "mediation.attendees" %}`: the published questions
editors linked to a process step, as a GOV.UK "Related guidance" aside. Renders nothing at all
when the step has no guidance (or the slug is unknown). Step slugs: docs/guidance.md."""

from __future__ import annotations

from django import template
from django.template.defaultfilters import linebreaksbr
from django.template.loader import render_to_string
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe

from redress.guidance.selectors import questions_for_step

register = template.Library()


@register.simple_tag
def guidance_for_step(step_slug: str) -> SafeString:
    questions = questions_for_step(step_slug)
    if not questions:
        return mark_safe("")  # noqa: S308 - empty
    html = render_to_string(
        "guidance/includes/related.html", {"questions": questions, "step_slug": step_slug}
    )
    return mark_safe(html)  # noqa: S308 - rendered by the template engine, escaped there


@register.filter
def govuk_paragraphs(text: str) -> SafeString:
    """Plain text with blank lines between paragraphs, as escaped GOV.UK paragraphs."""
    paragraphs = [p.strip() for p in str(text or "").split("\n\n") if p.strip()]
    return format_html_join(
        "\n", '<p class="govuk-body">{}</p>', ((linebreaksbr(p),) for p in paragraphs)
    )


@register.filter
def paragraph_list(text: str) -> list[str]:
    return [p.strip() for p in str(text or "").split("\n\n") if p.strip()]
