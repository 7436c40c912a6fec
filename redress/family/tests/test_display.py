"""The communication needs recorded on the case change what the family sees (decision 0175):
large print turned on by a recorded need and switchable, an Easy Read summary of where things
stand and the family's dates (the engine's rows), an interpreter noted, and a large-print copy
of a letter the council shared as a Word file."""

from __future__ import annotations

import re
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document
from docx.shared import Pt

from redress.audit.models import AuditEntry
from redress.casefile import services as casefile
from redress.casework.models import Child, FamilyMember
from redress.core.word import docx_render
from redress.documents.build_templates import DECISION_TEMPLATES
from redress.notifications.tests.conftest import Cases, make_child, make_user
from redress.plans import services as plans
from redress.plans.tests.helpers import ready_plan

pytestmark = pytest.mark.django_db

SERVED = date(2026, 11, 20)
TODAY = date(2026, 11, 29)
CSS = Path(__file__).resolve().parents[1] / "static" / "family" / "family.css"
LARGE = 'class="govuk-main-wrapper redress-large-print"'


@pytest.fixture(autouse=True)
def _today() -> Any:
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def _child(cases: Cases, **needs: str) -> Child:
    """A child whose draft plan was served on 20 November 2026, the parent signed up."""
    child = make_child(cases.la, "Eve", "Easy", cases.caseworker)
    FamilyMember.objects.create(
        child=child, user=cases.parent, name="Jo Parent", relationship="parent", **needs
    )
    plan = ready_plan(child, cases.caseworker)
    plans.plan_issue_draft(actor=cases.caseworker, plan=plan, when=SERVED, expected_version=None)
    return child


def test_a_recorded_need_for_large_print_turns_it_on_and_the_reader_can_switch(
    cases: Cases, client: Any
) -> None:
    child = _child(cases, accessible_format="Large print")
    client.force_login(cases.parent)
    url = f"/family/cases/{child.pk}/"
    page = client.get(url).content.decode()
    assert LARGE in page and "Use standard text size" in page
    response = client.post("/family/display/", {"large_print": "off", "next": url})
    assert response.status_code == 302 and response["Location"] == url
    page = client.get(url).content.decode()
    assert LARGE not in page and "Use large print" in page
    # The same words either way.
    client.post("/family/display/", {"large_print": "on", "next": url})
    assert LARGE in client.get(url).content.decode()
    assert LARGE in client.get(f"/family/cases/{child.pk}/shared-documents/").content.decode()


def test_without_a_recorded_need_the_pages_are_standard_until_asked(
    cases: Cases, client: Any
) -> None:
    child = _child(cases)
    client.force_login(cases.parent)
    url = f"/family/cases/{child.pk}/"
    assert LARGE not in client.get(url).content.decode()
    # Somewhere else is refused: the switch only ever goes back to this site.
    response = client.post("/family/display/", {"large_print": "on", "next": "https://evil.test"})
    assert response["Location"] == "/family/"
    assert LARGE in client.get(url).content.decode()


def test_the_large_print_class_gives_16_point_text_or_larger() -> None:
    css = CSS.read_text()
    sizes = [float(px) for px in re.findall(r"font-size:\s*([\d.]+)px", css)]
    assert sizes and min(sizes) >= 16 * 96 / 72  # 16pt is 21.33 CSS pixels
    assert ".redress-large-print .govuk-body," in css


def test_the_easy_read_summary_gives_the_engines_dates_one_idea_a_line(
    cases: Cases, client: Any
) -> None:
    child = _child(cases, accessible_format="Easy Read")
    row = child.deadlines.get(rule="plan.draft_comments")
    client.force_login(cases.parent)
    case_page = client.get(f"/family/cases/{child.pk}/").content.decode()
    assert 'id="easy-read-offer"' in case_page  # the recorded need puts it first
    page = client.get(f"/family/cases/{child.pk}/easy-read/").content.decode()
    assert "Where things stand" in page and "The draft plan" in page
    assert f"{row.family_last_day:%A} {row.family_last_day.day} December 2026" in page
    assert "Friday 4 December 2026" in page  # the engine's last day, not counted here
    assert "at least 15 days beginning with the day of service" in page  # the catalogue
    items = re.findall(r"<li>(.*?)</li>", page, re.S)
    assert items
    for item in items:
        text = re.sub(r"<[^>]+>", "", item).strip()
        assert len(re.findall(r"[.!?](\s|$)", text)) <= 1, text  # one sentence a line
    assert AuditEntry.objects.filter(summary="Viewed the Easy Read summary of the case").exists()
    # The date moves with the engine's row: the page does no arithmetic.
    row.due = date(2026, 12, 10)
    row.save()
    assert (
        "Wednesday 9 December 2026"
        in client.get(f"/family/cases/{child.pk}/easy-read/").content.decode()
    )


def test_an_interpreter_need_is_noted_and_easy_read_is_still_offered(
    cases: Cases, client: Any
) -> None:
    child = _child(cases, interpreter_language="Polish")
    client.force_login(cases.parent)
    page = client.get(f"/family/cases/{child.pk}/").content.decode()
    assert "you need an interpreter (Polish)" in page
    assert 'id="easy-read-offer"' not in page
    assert f"/family/cases/{child.pk}/easy-read/" in page


def test_only_the_family_and_their_supporter_read_the_easy_read_summary(
    cases: Cases, client: Any
) -> None:
    child = _child(cases)
    stranger = make_user("stranger")
    FamilyMember.objects.create(
        child=cases.due_soon, user=stranger, name="Kim Other", relationship="parent"
    )
    url = f"/family/cases/{child.pk}/easy-read/"
    client.force_login(stranger)
    assert client.get(url).status_code in {403, 404}
    client.force_login(cases.caseworker)
    assert client.get(url).status_code in {403, 404}
    client.logout()
    assert client.get(url).status_code == 302


def _share(cases: Cases, child: Child, name: str, content: bytes, kind: str) -> Any:
    kinds = {".docx": "application/octet-stream", ".pdf": "application/pdf"}
    upload = SimpleUploadedFile(name, content, kinds[Path(name).suffix])
    return casefile.case_document_add(
        actor=cases.caseworker, child=child, kind=kind, title=name, dated=TODAY,
        file=upload, audience="family", shared_with_family_on=TODAY,
    )  # fmt: skip


def test_a_family_gets_a_large_print_copy_of_a_letter_redress_made(
    cases: Cases, client: Any
) -> None:
    child = _child(cases, accessible_format="Large print")
    letter = docx_render(
        DECISION_TEMPLATES["final_plan"], {"child_name": "Eve Easy"}, title="Final plan"
    )
    shared = _share(cases, child, "final-plan-letter.docx", letter, "decision")
    report = _share(cases, child, "report.pdf", b"%PDF-1.4\n%%EOF\n", "letter_out")
    client.force_login(cases.parent)
    page = client.get(f"/family/cases/{child.pk}/shared-documents/").content.decode()
    url = f"/family/cases/{child.pk}/shared-documents/{shared.pk}/large-print/"
    assert url in page and "Your large-print copy" in page
    assert f"/shared-documents/{report.pk}/large-print/" not in page
    response = client.get(url)
    assert response.status_code == 200
    assert "final-plan-letter-large-print.docx" in response["Content-Disposition"]
    original, large = Document(BytesIO(letter)), Document(BytesIO(response.content))
    assert [p.text for p in large.paragraphs] == [p.text for p in original.paragraphs]
    assert large.styles["Normal"].font.size >= Pt(16)
    sized = [run.font.size for p in large.paragraphs for run in p.runs if run.font.size]
    assert all(size >= Pt(16) for size in sized)
    assert AuditEntry.objects.filter(
        action="download", summary__startswith="Downloaded a large-print copy"
    ).exists()
    assert (
        client.get(
            f"/family/cases/{child.pk}/shared-documents/{report.pk}/large-print/"
        ).status_code
        == 404
    )
