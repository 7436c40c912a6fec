"""The rule catalogue as the /rules/ page shows it: the engine's RULES, grouped by topic."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

#: Rule-id prefix (the part before the dot) -> the group it is shown under, in page order.
GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("EHC needs assessment and plan", ("assessment", "advice", "plan")),
    (
        "Reviews, re-assessments, transfers and phase transfer",
        ("review", "reassessment", "transfer", "phase_transfer"),
    ),
    ("Mediation", ("mediation", "agreement")),
    ("Tribunal appeals, orders and recommendations", ("appeal", "order", "recommendation")),
)
OTHER_GROUP = "Other rules"

#: Evidence grade -> (label, GOV.UK tag colour class). Unknown grades are shown as they are.
#: The grades are those of docs/legal-basis.md: V-P (the legislation itself was read),
#: V-S (only a reputable secondary source was read) and UNVERIFIED.
EVIDENCE_TAGS: dict[str, tuple[str, str]] = {
    "primary": ("Verified: primary source", "govuk-tag--green"),
    "secondary": ("Verified: secondary source", "govuk-tag--yellow"),
    "unverified": ("Unverified", "govuk-tag--red"),
}

KIND_LABELS = {"by": "Must happen by", "not_before": "Must not happen before"}


@dataclass(frozen=True)
class RuleGroup:
    title: str
    slug: str
    rules: list[Any]


def evidence_tag(evidence: str) -> tuple[str, str]:
    return EVIDENCE_TAGS.get(str(evidence).lower(), (str(evidence), "govuk-tag--grey"))


def display(value: Any) -> str:
    """Show a rule field in plain words: event names de-underscored, sequences joined."""
    if value is None or value == "" or value == () or value == []:
        return "—"
    if isinstance(value, list | tuple | set | frozenset):
        items = [display(item) for item in value]
        return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]
    return str(value).replace("_", " ")


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(str(kind), display(kind))


def group_of(rule_id: str) -> str:
    prefix = rule_id.split(".", 1)[0]
    for title, prefixes in GROUPS:
        if prefix in prefixes:
            return title
    return OTHER_GROUP


def _slug(title: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in title.lower()).strip("-").replace("--", "-")


def group_rules(rules: Iterable[Any]) -> list[RuleGroup]:
    """Group rules by the prefix of their id, keeping the engine's order within a group."""
    buckets: dict[str, list[Any]] = {title: [] for title, _ in GROUPS}
    buckets[OTHER_GROUP] = []
    for rule in rules:
        buckets[group_of(rule.id)].append(rule)
    return [
        RuleGroup(title=title, slug=_slug(title), rules=members)
        for title, members in buckets.items()
        if members
    ]
