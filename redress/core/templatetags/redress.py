from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from redress.core import catalogue

register = template.Library()


@register.filter
def plain(value: Any) -> str:
    """A rule field in plain words (underscores to spaces, lists joined with "or")."""
    return catalogue.display(value)


@register.filter
def kind_label(value: Any) -> str:
    return catalogue.kind_label(value)


@register.simple_tag
def evidence_tag(evidence: str) -> SafeString:
    """A GOV.UK tag for an evidence grade: primary green, secondary yellow, unverified red."""
    label, colour = catalogue.evidence_tag(evidence)
    return format_html('<strong class="govuk-tag {}">{}</strong>', colour, label)
