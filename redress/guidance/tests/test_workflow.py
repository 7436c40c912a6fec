"""Editors draft, review and publish; every change is kept; the digest shows what changed."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.management import call_command
from django.template import Context, Template

from redress.audit.models import AuditEntry
from redress.guidance import services
from redress.guidance.digest import digest_between, render_digest_html, render_digest_markdown
from redress.guidance.importer import import_document
from redress.guidance.models import Answer, Step, Subscriber
from redress.guidance.tests.conftest import SEED

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def _at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=LONDON)


def _draft(editor: Any, body: str = "First wording.") -> Answer:
    question = services.question_create(text="Who may attend a meeting?", actor=editor)
    services.question_publish(question=question, actor=editor)
    return services.answer_save_draft(
        question=question,
        respondent=services.respondent_get_or_create(name="A provider"),
        body=body,
        sources=[services.SourceData(kind="regulation", citation="Regulation 37")],
        reason="New answer",
        actor=editor,
    )


def test_draft_review_publish_keeps_every_version(editor: Any) -> None:
    answer = _draft(editor)
    assert answer.status == "draft" and not answer.is_public
    services.answer_submit_for_review(answer=answer, actor=editor)
    with pytest.raises(ValidationError):
        services.answer_publish(answer=answer, actor=editor, reason="  ")
    answer = services.answer_publish(answer=answer, actor=editor, reason="First publication")
    assert answer.published_body == "First wording."
    assert answer.published_sources == [
        {"kind": "regulation", "citation": "Regulation 37", "url": ""}
    ]
    # A new draft leaves the published text in place until it is published.
    answer = services.answer_save_draft(
        question=answer.question,
        respondent=answer.respondent,
        body="Second wording.",
        reason="Clearer",
        actor=editor,
        expected_version=1,
    )
    assert (answer.version, answer.status, answer.published_body) == (2, "draft", "First wording.")
    events = list(answer.versions.order_by("id").values_list("number", "event", "reason"))
    assert events == [
        (1, "saved", "New answer"),
        (1, "submitted", "Submitted for review"),
        (1, "published", "First publication"),
        (2, "saved", "Clearer"),
    ]
    assert all(v.changed_by == editor for v in answer.versions.all())
    assert AuditEntry.objects.filter(object_type="guidance.Answer").count() == 4


def test_a_stale_form_is_refused(editor: Any) -> None:
    answer = _draft(editor)
    with pytest.raises(services.ConcurrentEditError):
        services.answer_save_draft(
            question=answer.question,
            respondent=answer.respondent,
            body="Other",
            reason="x",
            actor=editor,
            expected_version=0,
        )


def test_people_without_the_permission_cannot_change_guidance(reader: Any, editor: Any) -> None:
    answer = _draft(editor)
    with pytest.raises(PermissionDenied):
        services.answer_publish(answer=answer, actor=reader, reason="Sneaky")
    with pytest.raises(PermissionDenied):
        services.answer_save_draft(
            question=answer.question,
            respondent=answer.respondent,
            body="x",
            reason="y",
            actor=reader,
        )


def test_a_change_to_an_answer_appears_in_the_next_digest(editor: Any, seed_text: str) -> None:
    import_day, edit_day = date(2026, 12, 1), date(2026, 12, 14)
    with time_machine.travel(_at(import_day), tick=False):
        import_document(seed_text, source_name=SEED.name)
    first = digest_between(import_day, import_day)
    assert (len(first.new), len(first.updated)) == (18, 0)

    answer = Answer.objects.filter(respondent__name="KIDS Mediation").order_by("id").first()
    assert answer is not None
    with time_machine.travel(_at(edit_day), tick=False):
        answer = services.answer_save_draft(
            question=answer.question,
            respondent=answer.respondent,
            body=answer.body + "\n\nA paragraph added by an editor.",
            reason="Added a paragraph",
            actor=editor,
        )
        services.answer_publish(answer=answer, actor=editor, reason="Explained the next step")

    digest = digest_between(date(2026, 12, 2), edit_day)
    assert digest.new == []
    [item] = digest.updated
    assert item.reason == "Explained the next step"
    assert item.body.endswith("A paragraph added by an editor.")
    assert item.respondent == "KIDS Mediation"
    assert digest_between(date(2026, 12, 15), date(2026, 12, 31)).is_empty

    html = render_digest_html(digest, base_url="https://redress.example/")
    assert "Explained the next step" in html and "https://redress.example/guidance/q/" in html
    markdown = render_digest_markdown(digest, base_url="https://redress.example")
    assert "## Updated answers" in markdown and "A paragraph added by an editor." in markdown


def test_the_digest_is_emailed_to_confirmed_subscribers(editor: Any) -> None:
    with time_machine.travel(_at(date(2026, 12, 14)), tick=False):
        answer = _draft(editor)
        services.answer_publish(answer=answer, actor=editor, reason="New")
    Subscriber.objects.create(email="yes@example.invalid", confirmed=True)
    Subscriber.objects.create(email="no@example.invalid", confirmed=False)
    call_command(
        "send_guidance_digest", "--from", "2026-12-14", "--to", "2026-12-14", skip_checks=True
    )
    [message] = mail.outbox
    assert isinstance(message, EmailMultiAlternatives)
    assert message.to == ["yes@example.invalid"]
    html, mimetype = message.alternatives[0]
    assert isinstance(html, str)
    assert mimetype == "text/html"
    assert "Who may attend a meeting?" in html and "Unsubscribe" in html
    # Running it again for the same period sends nothing twice.
    call_command(
        "send_guidance_digest", "--from", "2026-12-14", "--to", "2026-12-14", skip_checks=True
    )
    assert len(mail.outbox) == 1


def test_the_step_tag_shows_linked_guidance_and_nothing_otherwise(editor: Any) -> None:
    answer = _draft(editor)
    services.answer_publish(answer=answer, actor=editor, reason="New")
    template = Template('{% load guidance %}{% guidance_for_step "mediation.attendees" %}')
    assert template.render(Context()).strip() == ""
    services.question_link_step(
        question=answer.question, step=Step.objects.get(slug="mediation.attendees"), actor=editor
    )
    html = template.render(Context())
    assert "Related guidance" in html
    assert f'href="/guidance/q/{answer.question.slug}/"' in html
    assert Template('{% load guidance %}{% guidance_for_step "no.such" %}').render(Context()) == ""
