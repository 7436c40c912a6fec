"""Decision letters that reach the family: refused without a named addressee and a postal or
email address, the family's communication needs on the letters page, and a large-print copy."""

from io import BytesIO
from typing import Any

import pytest
from django.test import Client
from docx import Document

from redress.audit.models import AuditEntry
from redress.casework.models import FamilyMember
from redress.casework.tests import factories
from redress.casework.tests.factories import Role, user_with_role
from redress.core.large_print import LARGE_PRINT_POINTS
from redress.documents.decision_letters import (
    appealable_decisions,
    decision_letter_generate,
    decision_letter_url,
    decision_letters_url,
)
from redress.documents.tests.test_decision_letters import authority, refused_assessment

pytestmark = pytest.mark.django_db

FamilyMemberFactory: Any = factories.FamilyMemberFactory


@pytest.fixture
def case() -> dict[str, Any]:
    la = authority()
    caseworker = user_with_role(Role.LA_CASEWORKER, la)
    child = refused_assessment(la, caseworker)
    event = child.events.get(type="assessment_decision")
    client = Client()
    client.force_login(caseworker)
    url = decision_letter_url(child=child, source="case_event", pk=event.pk)
    return {"caseworker": caseworker, "child": child, "client": client, "url": url}


def test_no_address_refuses_the_letter_naming_what_to_record(case: dict[str, Any]) -> None:
    FamilyMember.objects.filter(child=case["child"]).update(address="", email="")
    response = case["client"].post(case["url"])
    html = response.content.decode()
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert "govuk-error-summary" in html
    assert "record a postal address or an email address for Carys Roberts" in html
    assert 'href="#item-addressee"' in html and 'id="item-addressee"' in html
    assert not AuditEntry.objects.filter(action="generate").exists()
    # The decision is still listed, to be issued once the address is recorded.
    assert "Decision not to carry out an EHC needs assessment" in html


def test_no_named_addressee_refuses_the_letter(case: dict[str, Any]) -> None:
    FamilyMember.objects.filter(child=case["child"]).delete()
    FamilyMemberFactory(
        child=case["child"], name="A neighbour", relationship="other", address="1 Road"
    )
    response = case["client"].post(case["url"])
    html = response.content.decode()
    assert "The letter has no one to go to" in html
    assert "No parent, carer or young person is recorded" in html
    assert not AuditEntry.objects.filter(action="generate").exists()


def test_an_email_address_is_enough_and_the_letter_says_so(case: dict[str, Any]) -> None:
    FamilyMember.objects.filter(child=case["child"]).update(address="", email="carys@example.org")
    [decision] = appealable_decisions(user=case["caseworker"], child=case["child"])
    content = decision_letter_generate(actor=case["caseworker"], decision=decision)
    text = "\n".join(p.text for p in Document(BytesIO(content)).paragraphs)
    assert "By email: carys@example.org" in text


def test_the_letters_page_shows_the_familys_communication_needs(case: dict[str, Any]) -> None:
    FamilyMember.objects.filter(child=case["child"]).update(
        interpreter_language="Welsh", accessible_format="Large print"
    )
    html = case["client"].get(decision_letters_url(case["child"])).content.decode()
    assert "Who the letters go to" in html
    assert "Needs an interpreter</strong> Welsh" in html
    assert "Accessible format</strong> Large print" in html
    assert "4 Mill Lane" in html


def _sizes(content: bytes) -> tuple[float, list[float]]:
    document = Document(BytesIO(content))
    normal = document.styles["Normal"].font.size.pt
    headings = [
        style.font.size.pt
        for style in document.styles
        if style.name.startswith("Heading") and style.font.size is not None
    ]
    return normal, headings


def test_a_large_print_letter_has_the_same_words_in_16_point_or_larger(
    case: dict[str, Any],
) -> None:
    standard = case["client"].post(case["url"])
    large = case["client"].post(case["url"], {"format": "large_print"})
    assert large.status_code == 200
    assert "large-print" in large["Content-Disposition"]
    assert "large-print" not in standard["Content-Disposition"]
    normal, headings = _sizes(large.content)
    assert normal >= LARGE_PRINT_POINTS
    assert headings and all(size >= LARGE_PRINT_POINTS for size in headings)
    assert _sizes(standard.content)[0] < LARGE_PRINT_POINTS

    def words(content: bytes) -> list[str]:
        return [p.text for p in Document(BytesIO(content)).paragraphs]

    assert words(large.content) == words(standard.content)
    assert AuditEntry.objects.filter(summary__contains="in large print").count() == 1
    page = case["client"].get(decision_letters_url(case["child"])).content.decode()
    assert 'name="format" value="large_print"' in page
