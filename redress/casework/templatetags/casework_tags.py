"""Template filters for casework pages: who must act, and a deadline's status as a GOV.UK tag."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.dateformat import format as format_date
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from redress.core.status_words import STATUS_WORDS, status_words
from redress.core.templatetags.redress import readable

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


# The rows of includes/deadline_table.html. A dashboard shows up to 250 of them: written here in
# one pass they cost a fifth of what the same markup cost as template tags (decision 0201).
_ROW = (
    '<tr class="govuk-table__row">{child}<td class="govuk-table__cell">{title}{about}'
    '<details class="govuk-details govuk-!-margin-bottom-0 govuk-!-margin-top-2">'
    '<summary class="govuk-details__summary"><span class="govuk-details__summary-text">'
    "{law_heading}</span></summary>"
    '<div class="govuk-details__text"><p class="govuk-body-s"><strong>{law}</strong> {citation}'
    '</p><p class="govuk-body-s govuk-!-margin-bottom-0">{explanation}</p></div></details></td>'
    '{actor}<td class="govuk-table__cell" data-rule="{rule}">{due}{met}</td>'
    '<td class="govuk-table__cell">{status}</td></tr>\n'
)


@register.simple_tag
def deadline_rows(deadlines: Any, show_child: bool = False, hide_actor: bool = False) -> SafeString:
    """The table rows for these deadlines: what must happen, the law, who acts, due, status."""
    law_heading = conditional_escape(gettext("Law and how the date was worked out"))
    law = conditional_escape(gettext("Law:"))
    case_url = reverse("casework:case-detail", args=[0])[:-2]  # ends "0/": each child's id follows
    rows = []
    for deadline in deadlines:
        child = ""
        if show_child:
            child = (
                f'<td class="govuk-table__cell"><a class="govuk-link" href="{case_url}'
                f'{int(deadline.child_id)}/">{conditional_escape(deadline.child.full_name)}</a></td>'
            )
        about = getattr(deadline, "about", "")
        if about:
            words = gettext("About: %(about)s") % {"about": about}
            about = f'<br><span class="govuk-body-s">{conditional_escape(words)}</span>'
        actor = ""
        if not hide_actor:
            organisation = deadline.organisation
            where = (
                f'<br><span class="govuk-body-s">{conditional_escape(organisation.name)}</span>'
                if organisation
                else ""
            )
            actor = (
                f'<td class="govuk-table__cell">'
                f"{conditional_escape(actor_words(deadline.actor))}{where}</td>"
            )
        met = ""
        if deadline.met_on:
            done = gettext("Done %(day)s") % {"day": format_date(deadline.met_on, "j F Y")}
            met = f'<br><span class="govuk-body-s">{conditional_escape(done)}</span>'
        rows.append(
            _ROW.format(
                child=child,
                title=conditional_escape(deadline.title),
                about=about,
                law_heading=law_heading,
                law=law,
                citation=conditional_escape(deadline.citation),
                explanation=conditional_escape(readable(deadline.explanation)),
                actor=actor,
                rule=conditional_escape(deadline.rule),
                due=format_date(deadline.due, "j F Y"),
                met=met,
                status=status_tag(deadline.status),
            )
        )
    return mark_safe("".join(rows))  # noqa: S308  # every value above is escaped
