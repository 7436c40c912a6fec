import re
from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from redress.core import catalogue
from redress.core.words import staff_citation
from redress.statutory.events import EVENT_WORDS
from redress.statutory.rules import GROUND_DESCRIPTIONS, RULES, rule_row

_RULE_TITLES = {rule.id: rule.title for rule in RULES}

register = template.Library()


@register.filter
def plain(value: Any) -> str:
    """A rule field in plain words (underscores to spaces, lists joined with "or")."""
    return catalogue.display(value)


_EVENT_NAME = re.compile(r"\b(" + "|".join(sorted(EVENT_WORDS, key=len, reverse=True)) + r")\b")
_GROUND = re.compile(r"\breg_(\d+)_(\d+)_([a-z])\b")


@register.filter
def readable(explanation: Any) -> str:
    """An engine explanation for people: event types and ground codes in words."""
    text = _EVENT_NAME.sub(lambda m: EVENT_WORDS[m.group(1)], str(explanation or ""))
    return _GROUND.sub(lambda m: f"reg {m.group(1)}({m.group(2)})({m.group(3)})", text)


@register.simple_tag
def period(rule_id: str, variant: str = "") -> str:
    """A statutory period in words, from the rule catalogue ("6 weeks", "3 working days"), so a
    page never types a period the engine might count differently."""
    return rule_row(rule_id, variant).period


@register.filter
def cited(citation: Any) -> str:
    """A citation for a letter or a family: without the catalogue's notes about numbers still to
    be checked (those are on /rules/ and the case page)."""
    return staff_citation(str(citation or ""))


@register.filter
def kind_label(value: Any) -> str:
    return catalogue.kind_label(value)


@register.simple_tag
def evidence_tag(evidence: str) -> SafeString:
    """A GOV.UK tag for an evidence grade: primary green, secondary yellow, unverified red."""
    label, colour = catalogue.evidence_tag(evidence)
    return format_html('<strong class="govuk-tag {}">{}</strong>', colour, label)


@register.inclusion_tag("includes/messages.html", takes_context=True)
def govuk_messages(context: Any) -> dict[str, list[Any]]:
    """Django messages grouped for GOV.UK components (see includes/messages.html)."""
    items = list(context.get("messages") or [])
    # Messages tagged "deadline" list what a recorded step started, under its success banner.
    deadlines = [m for m in items if "deadline" in m.tags]
    rest = [m for m in items if "deadline" not in m.tags]
    return {
        "errors": [m for m in rest if m.level_tag == "error"],
        "important": [m for m in rest if m.level_tag not in ("error", "success")],
        "successes": [m for m in rest if m.level_tag == "success"],
        "deadlines": deadlines,
    }


@register.filter
def rule_title(rule_id: Any) -> str:
    """A rule id in words: 'assessment.decision' -> its title in the rule catalogue."""
    return _RULE_TITLES.get(str(rule_id), str(rule_id))


@register.filter
def ground_words(ground: Any) -> str:
    """An exception ground in words: 'reg_5_4_c' -> 'reg 5(4)(c): exceptional personal …'."""
    description = GROUND_DESCRIPTIONS.get(str(ground), "")
    code = readable(ground)
    return f"{code}: {description}" if description else code
