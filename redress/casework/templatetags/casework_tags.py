"""Template filters for casework pages: who must act, and a deadline's status as a GOV.UK tag."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from redress.core.status_words import STATUS_WORDS, status_words

register = template.Library()

ACTOR_WORDS = {
    "local_authority": "The local authority",
    "advice_giver": "The advice giver",
    "institution": "The school or college consulted",
    "parent_or_young_person": "The parent or young person",
    "mediation_adviser": "The mediation adviser",
    "health_commissioner": "The health commissioner",
    "social_care": "Social care",
    "health_commissioner or social_care": "The health commissioner or social care",
}

#: Engine status -> GOV.UK tag colour class; the words are `redress.core.status_words`.
STATUS_COLOURS = {
    "overdue": "govuk-tag--red",
    "pending": "govuk-tag--blue",
    "excepted": "govuk-tag--yellow",
    "met": "govuk-tag--green",
    "late": "govuk-tag--orange",
    "ok": "govuk-tag--green",
    "breached": "govuk-tag--red",
}
STATUS_TAGS = {status: (STATUS_WORDS[status], colour) for status, colour in STATUS_COLOURS.items()}


#: Values stored in a step's details, in words.
DETAIL_WORDS = {
    "assess": "To carry out an EHC needs assessment",
    "not_assess": "Not to carry out an assessment",
    "issue": "To issue an EHC plan",
    "not_issue": "Not to issue an EHC plan",
    "parent": "A parent",
    "young_person": "The young person",
    "school": "The school, college or setting",
    "other": "Someone else",
}


@register.filter
def detail_words(value: Any) -> str:
    return DETAIL_WORDS.get(str(value), str(value).replace("_", " "))


@register.filter
def actor_words(actor: Any) -> str:
    """Who must act, in words: "The local authority"."""
    value = str(actor or "")
    if value in ACTOR_WORDS:
        return ACTOR_WORDS[value]
    words = value.replace("_", " ")
    return words[:1].upper() + words[1:]


@register.simple_tag
def status_tag(status: str) -> SafeString:
    label, colour = STATUS_TAGS.get(str(status), (status_words(str(status)), "govuk-tag--grey"))
    return format_html('<strong class="govuk-tag {}">{}</strong>', colour, label)
