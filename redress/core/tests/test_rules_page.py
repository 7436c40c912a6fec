"""/rules/: the rule catalogue, straight from the engine's RULES."""

from __future__ import annotations

import re

from django.test import Client
from django.utils.html import escape

from redress.core.catalogue import EVIDENCE_TAGS, GROUPS
from redress.statutory.rules import RULES


def _cards(html: str) -> dict[str, str]:
    """The HTML of each rule's card, keyed by the card's id (rule id, plus -variant)."""
    parts = re.split(r'<div class="govuk-summary-card" id="rule-', html)[1:]
    return {part.split('"', 1)[0]: part for part in parts}


def test_every_rule_is_listed_with_its_citation_and_evidence(client: Client) -> None:
    response = client.get("/rules/")
    assert response.status_code == 200
    html = response.content.decode()
    cards = _cards(html)
    assert len(cards) == len(RULES)
    for rule in RULES:
        key = rule.id + (f"-{rule.variant}" if rule.variant else "")
        card = cards[key]
        assert f"<code>{rule.id}</code>" in card
        assert escape(rule.title) in card
        assert escape(rule.citation) in card
        label, colour = EVIDENCE_TAGS[rule.evidence]
        assert f'<strong class="govuk-tag {colour}">{label}</strong>' in card
        assert escape(rule.period[:1].upper() + rule.period[1:]) in card


def test_evidence_grades_have_distinct_colours() -> None:
    colours = [colour for _label, colour in EVIDENCE_TAGS.values()]
    assert set(EVIDENCE_TAGS) == {"primary", "secondary", "unverified"}
    assert len(set(colours)) == 3


def test_rules_are_grouped_by_topic(client: Client) -> None:
    html = client.get("/rules/").content.decode()
    headings = re.findall(r'<h2 class="govuk-heading-l" id="[^"]+">([^<]+)</h2>', html)
    assert headings == [title for title, _ in GROUPS]
    # Each rule sits under the heading for its prefix.
    for title, prefixes in GROUPS:
        start = html.index(f">{escape(title)}</h2>")
        following = [html.find(f">{escape(t)}</h2>") for t, _ in GROUPS]
        end = min([pos for pos in following if pos > start] or [len(html)])
        section = html[start:end]
        for rule in RULES:
            if rule.id.split(".")[0] in prefixes:
                assert f"<code>{rule.id}</code>" in section


def test_every_card_shows_what_stops_the_clock_and_the_notes_in_plain_words(
    client: Client,
) -> None:
    cards = _cards(client.get("/rules/").content.decode())
    for rule in RULES:
        card = cards[rule.id + (f"-{rule.variant}" if rule.variant else "")]
        assert escape(rule.stopped_by[:1].upper() + rule.stopped_by[1:]) in card
        if rule.notes:
            assert escape(rule.notes) in card
        # The page shows the words as they are: no code marks for a reader to puzzle over.
        assert "`" not in rule.notes + rule.stopped_by + rule.period + rule.starts, rule.id
