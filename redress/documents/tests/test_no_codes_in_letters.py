"""What a family reads carries no notes about checking the law's numbers ("(number unverified)")
and no internal codes (`plan.final`, `final_plan_issued`): every letter template rendered from the
demo's records, and the family pages of the demo's families. Those details belong on /rules/ and
staff pages."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from datetime import date
from io import BytesIO
from typing import Any

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.test import Client
from docx import Document
from docxtpl import DocxTemplate  # type: ignore[import-untyped]

from redress.casework.demo import LA_NAME
from redress.casework.models import AdviceRequest, Child, Deadline
from redress.core.words import SNAKE_CASE
from redress.documents.build_templates import ESCALATION_LETTER
from redress.documents.decision_letters import (
    DECISION_KINDS,
    appealable_decisions,
    decision_letter_context,
    decision_letter_generate,
)
from redress.documents.services import escalation_letter_context
from redress.family.tests.test_plain_truth import assert_plain, visible_text
from redress.statutory.events import EVENT_WORDS
from redress.statutory.rules import RULES

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 25)
NOT_FOR_FAMILIES = re.compile(r"unverified", re.IGNORECASE)
CODES = re.compile(
    r"\b(?:"
    + "|".join(re.escape(code) for code in sorted({r.id for r in RULES} | set(EVENT_WORDS)))
    + r")\b|\b[a-z]+\.[a-z]+_[a-z_]+\b"
)
ADDRESSES = re.compile(r"\S+@\S+|https?://\S+")


def _words(content: bytes) -> str:
    document = Document(BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    for section in document.sections:
        parts.extend(p.text for p in section.footer.paragraphs)
        parts.extend(p.text for p in section.header.paragraphs)
    return "\n".join(parts)


def assert_letter_plain(text: str, where: str) -> None:
    text = ADDRESSES.sub("", text)
    assert not NOT_FOR_FAMILIES.search(text), f"{where}: {NOT_FOR_FAMILIES.search(text)!r}"
    assert not CODES.search(text), f"{where} shows a code: {CODES.search(text)!r}"
    assert not SNAKE_CASE.search(text), f"{where} shows {SNAKE_CASE.search(text)!r}"


def assert_family_plain(text: str, where: str) -> None:
    assert_plain(text, where)
    text = ADDRESSES.sub("", text)
    assert not CODES.search(text), f"{where} shows a code: {CODES.search(text)!r}"


def _render(template: Any, context: dict[str, Any]) -> bytes:
    document = DocxTemplate(str(template))
    document.render(context, autoescape=True)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def demo(demo_database: Any) -> Iterator[Any]:
    with demo_database(children=12, today=TODAY):
        yield get_user_model().objects


@time_machine.travel(TODAY)
def test_every_letter_template_is_free_of_codes_and_checking_notes(demo: Any) -> None:
    manager = demo.get(username="manager")
    decisions = [
        decision
        for child in Child.objects.filter(local_authority__name=LA_NAME)
        for decision in appealable_decisions(user=manager, child=child)
    ]
    assert decisions
    # Every decision the demo recorded, as the caseworker downloads it.
    for decision in decisions:
        text = _words(decision_letter_generate(actor=manager, decision=decision))
        assert_letter_plain(text, f"{decision.kind.key} letter for {decision.child}")
    # And every template, filled from a real decision's records.
    for kind in DECISION_KINDS.values():
        decision = dataclasses.replace(decisions[0], kind=kind)
        context = decision_letter_context(actor=manager, decision=decision)
        assert_letter_plain(_words(_render(kind.template, context)), kind.template.name)
        if kind.key == "review_no_amendment":
            # The catalogue marks the sub-paragraph as unchecked; the family reads reg 20(10).
            assert "unverified" in kind.notice_citation
            assert context["notice_citation"] == "SEND Regulations 2014 reg 20(10)"
    advice = AdviceRequest.objects.filter(child__local_authority__name=LA_NAME).first()
    assert advice is not None
    row = Deadline.objects.filter(child=advice.child, rule="advice.response").first()
    assert row is not None
    context = escalation_letter_context(
        actor=manager,
        local_authority=advice.child.local_authority,
        commissioner=advice.recipient_organisation,
        advice_requests=[(advice, row)],
        respond_by=None,
    )
    assert_letter_plain(_words(_render(ESCALATION_LETTER, context)), ESCALATION_LETTER.name)


@time_machine.travel(TODAY)
def test_the_demo_familys_pages_are_free_of_codes_and_checking_notes(demo: Any) -> None:
    for username in ("parent", "youngperson"):
        client = Client()
        client.force_login(demo.get(username=username))
        home = client.get("/family/", follow=True)
        assert home.status_code == 200
        assert_family_plain(visible_text(home.content.decode()), f"{username}: /family/")
        children = Child.objects.filter(family__user__username=username).distinct()
        assert children
        for child in children:
            for url in (f"/family/cases/{child.pk}/", f"/family/cases/{child.pk}/views/"):
                page = client.get(url)
                assert page.status_code == 200, url
                assert_family_plain(visible_text(page.content.decode()), f"{username}: {url}")
