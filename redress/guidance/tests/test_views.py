"""The public pages need no sign-in; the editors' pages need the guidance permissions."""

from __future__ import annotations

import re
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.test import Client

from redress.guidance.importer import ImportReport
from redress.guidance.models import Answer, Question, Step, Subscriber

pytestmark = pytest.mark.django_db


def test_public_pages_work_without_signing_in(client: Client, seeded: ImportReport) -> None:
    question = Question.objects.filter(answers__respondent__name="KIDS Mediation").first()
    assert question is not None
    for url in (
        "/guidance/",
        "/guidance/search/?q=can+a+lawyer+attend+mediation",
        "/guidance/search/",
        f"/guidance/q/{question.slug}/",
        "/guidance/changes/?since=2020-01-01",
        "/guidance/subscribe/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    page = client.get(f"/guidance/q/{question.slug}/").content.decode()
    assert "Last updated" in page
    assert "Answer from Global Mediation" in page and "Answer from KIDS Mediation" in page


def test_the_question_page_shows_the_last_update_date(client: Client, seeded: ImportReport) -> None:
    answer = Answer.objects.first()
    assert answer is not None
    with time_machine.travel("2026-12-14 12:00 +00:00", tick=False):
        Answer.objects.filter(pk=answer.pk).update(published_at="2026-12-14T12:00:00Z")
    page = client.get(answer.question.get_absolute_url()).content.decode()
    assert "Last updated 14 December 2026" in page


def test_an_answer_has_a_stable_link(client: Client, seeded: ImportReport) -> None:
    answer = Answer.objects.first()
    assert answer is not None
    response = client.get(f"/guidance/a/{answer.pk}/")
    assert response.status_code == 302
    assert response["Location"] == f"/guidance/q/{answer.question.slug}/#answer-{answer.pk}"


def test_drafts_are_not_public(client: Client, editor: Any) -> None:
    from redress.guidance import services

    question = services.question_create(text="Is this a draft?", actor=editor)
    assert client.get(f"/guidance/q/{question.slug}/").status_code == 404


def test_a_bad_date_is_an_error_not_a_crash(client: Client) -> None:
    response = client.get("/guidance/changes/?since=yesterday")
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()


def test_editor_pages_need_the_permission(
    client: Client, reader: Any, editor: Any, seeded: ImportReport
) -> None:
    assert client.get("/guidance/editor/").status_code == 302  # to sign in
    client.force_login(reader)
    assert client.get("/guidance/editor/").status_code == 403
    assert client.get("/guidance/digest/").status_code == 403
    client.force_login(editor)
    assert client.get("/guidance/editor/").status_code == 200
    response = client.get("/guidance/digest/?from=2020-01-01&to=2030-12-31")
    assert response.status_code == 200
    md = client.get("/guidance/digest.md?from=2020-01-01&to=2030-12-31")
    assert md["Content-Type"].startswith("text/markdown")
    assert "attachment" in md["Content-Disposition"]
    html = client.get("/guidance/digest.html?from=2020-01-01&to=2030-12-31")
    assert html.content.decode().startswith("<!DOCTYPE html>")


def test_editors_edit_publish_and_link_steps_through_the_pages(
    client: Client, editor: Any, seeded: ImportReport
) -> None:
    client.force_login(editor)
    answer = Answer.objects.filter(respondent__name="Global Mediation").first()
    assert answer is not None
    question = answer.question
    edit_url = f"/guidance/editor/q/{question.slug}/answers/{answer.pk}/"
    assert client.get(edit_url).status_code == 200
    # The reason is required.
    response = client.post(edit_url, {"body": "New text.", "reason": "", "version": 1})
    assert "Enter why you are making this change" in response.content.decode() or (
        "This field is required" in response.content.decode()
    )
    response = client.post(
        edit_url,
        {"body": "New text.", "sources": "case: A v B [2020] UKUT 1 (AAC)", "reason": "Tidy",
         "version": 1},
    )  # fmt: skip
    assert response.status_code == 302
    answer.refresh_from_db()
    assert (answer.version, answer.status) == (2, "draft")
    assert answer.sources.get().kind == "case"
    assert client.post(f"/guidance/editor/answers/{answer.pk}/submit/").status_code == 302
    response = client.post(
        f"/guidance/editor/answers/{answer.pk}/publish/", {"reason": "Tidied", "version": 2}
    )
    assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.published_body == "New text."

    step = Step.objects.get(slug="mediation.attendees")
    response = client.post(f"/guidance/editor/q/{question.slug}/", {"steps": [step.pk]})
    assert response.status_code == 302
    assert list(question.steps.all()) == [step]


def test_subscribing_needs_confirmation_and_unsubscribing_works(client: Client) -> None:
    client.post("/guidance/subscribe/", {"email": "Parent@Example.invalid"})
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "parent@example.invalid" and not subscriber.confirmed
    [message] = mail.outbox
    assert f"/guidance/subscribe/{subscriber.token}/" in message.body
    client.get(f"/guidance/subscribe/{subscriber.token}/")
    subscriber.refresh_from_db()
    assert subscriber.confirmed
    client.post(f"/guidance/unsubscribe/{subscriber.token}/")
    subscriber.refresh_from_db()
    assert not subscriber.confirmed and subscriber.unsubscribed_at is not None


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("since=2026-02-30", "Enter a real date as year-month-day"),
        ("since=20260101", "Enter a real date as year-month-day"),
        ("since=0001-01-01", "Enter a date between 1 January 1990 and 31 December 2099"),
        ("since=", "Enter the date to show changes since"),
        ("since=2099-12-31", "The date must be today or in the past"),
    ],
)
def test_a_malformed_since_date_is_explained(client: Client, query: str, message: str) -> None:
    response = client.get(f"/guidance/changes/?{query}")
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page and message in page


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("from=garbage&to=2026-12-31", "Enter a real date as year-month-day"),
        ("from=2026-01-01&to=9999-12-31", "Enter a date between 1 January 1990"),
        ("from=2026-01-01", "Enter the last day of the digest"),
        ("from=2026-12-31&to=2026-01-01", "The end date must be the same as or after"),
    ],
)
def test_a_malformed_digest_period_is_explained(
    client: Client, editor: Any, query: str, message: str
) -> None:
    client.force_login(editor)
    response = client.get(f"/guidance/digest/?{query}")
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page and message in page
    # The downloads send the editor back to the form rather than failing.
    download = client.get(f"/guidance/digest.md?{query}")
    assert download.status_code == 302 and download["Location"].startswith("/guidance/digest/?")


def _hidden_version(page: str) -> str:
    match = re.search(r'name="version" value="(\d+)"', page)
    assert match is not None, "the form carries no version"
    return match.group(1)


def test_a_stale_edit_keeps_the_text_and_can_be_saved_after_checking(
    client: Client, editor: Any
) -> None:
    from redress.guidance import services

    question = services.question_create(text="Who pays for transport?", actor=editor)
    respondent = services.respondent_get_or_create(name="The service")
    answer = services.answer_save_draft(
        question=question, respondent=respondent, body="The council.", reason="New", actor=editor
    )
    url = f"/guidance/editor/q/{question.slug}/answers/{answer.pk}/"
    client.force_login(editor)
    opened = _hidden_version(client.get(url).content.decode())
    services.answer_save_draft(  # another editor saves first
        question=question, respondent=respondent, body="The council, always.", reason="Other",
        actor=editor,
    )  # fmt: skip
    mine = {"body": "My careful wording.", "reason": "Mine", "version": opened}
    page = client.post(url, mine).content.decode()
    assert "Someone else changed this answer after you opened it" in page
    assert "My careful wording." in page  # what the editor typed is kept
    assert "The council, always." in page  # and the change they must check is shown
    answer.refresh_from_db()
    assert answer.body == "The council, always."
    # Saving again from that page succeeds instead of being refused for ever.
    response = client.post(url, {**mine, "version": _hidden_version(page)})
    assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.body == "My careful wording."


def test_adding_an_answer_never_overwrites_a_respondents_existing_answer(
    client: Client, editor: Any
) -> None:
    from redress.guidance import services

    question = services.question_create(text="Who pays for transport?", actor=editor)
    respondent = services.respondent_get_or_create(name="The service")
    answer = services.answer_save_draft(
        question=question, respondent=respondent, body="The council.", reason="New", actor=editor
    )
    client.force_login(editor)
    url = f"/guidance/editor/q/{question.slug}/answers/new/"
    assert f'value="{respondent.pk}"' not in client.get(url).content.decode()
    response = client.post(
        url, {"respondent": respondent.pk, "body": "Someone else's text.", "reason": "New"}
    )
    assert response.status_code == 200
    assert "This respondent has already answered this question" in response.content.decode()
    answer.refresh_from_db()
    assert (answer.body, answer.version) == ("The council.", 1)


def test_publishing_from_a_stale_page_does_not_publish_an_unread_draft(
    client: Client, editor: Any
) -> None:
    from redress.guidance import services

    question = services.question_create(text="Who pays for transport?", actor=editor)
    respondent = services.respondent_get_or_create(name="The service")
    answer = services.answer_save_draft(
        question=question, respondent=respondent, body="Reviewed text.", reason="New", actor=editor
    )
    client.force_login(editor)
    url = f"/guidance/editor/answers/{answer.pk}/publish/"
    opened = _hidden_version(client.get(url).content.decode())
    services.answer_save_draft(
        question=question, respondent=respondent, body="Unreviewed text.", reason="Later",
        actor=editor,
    )  # fmt: skip
    page = client.post(url, {"reason": "Checked", "version": opened}).content.decode()
    assert "so it was not published" in page and "Unreviewed text." in page
    answer.refresh_from_db()
    assert answer.published_version is None
    response = client.post(url, {"reason": "Checked", "version": _hidden_version(page)})
    assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.published_body == "Unreviewed text."


def test_a_signed_in_person_without_the_permissions_cannot_change_anything(
    client: Client, reader: Any, editor: Any
) -> None:
    from redress.guidance import services

    question = services.question_create(text="Who pays for transport?", actor=editor)
    answer = services.answer_save_draft(
        question=question,
        respondent=services.respondent_get_or_create(name="The service"),
        body="The council.",
        reason="New",
        actor=editor,
    )
    step = Step.objects.create(slug="test.step", name="A step")
    client.force_login(reader)
    slug = question.slug
    for url, data in [
        ("/guidance/editor/questions/new/", {"text": "A new question?"}),
        (f"/guidance/editor/q/{slug}/", {"steps": [step.pk]}),
        (f"/guidance/editor/q/{slug}/publish/", {}),
        (f"/guidance/editor/q/{slug}/answers/new/", {"body": "x", "reason": "y"}),
        (f"/guidance/editor/q/{slug}/answers/{answer.pk}/", {"body": "x", "reason": "y"}),
        (f"/guidance/editor/answers/{answer.pk}/submit/", {}),
        (f"/guidance/editor/answers/{answer.pk}/publish/", {"reason": "y", "version": 1}),
    ]:
        assert client.post(url, data).status_code == 403, url
    answer.refresh_from_db()
    question.refresh_from_db()
    assert (answer.body, answer.status, answer.published_version) == ("The council.", "draft", None)
    assert question.status == "draft" and not question.steps.exists()
    assert Question.objects.count() == 1


def test_readers_never_reach_unpublished_answers(client: Client, editor: Any) -> None:
    from redress.guidance import services

    question = services.question_create(text="Are unicorns eligible?", actor=editor)
    respondent = services.respondent_get_or_create(name="The service")
    answer = services.answer_save_draft(
        question=question, respondent=respondent, body="Unicorns draft.", reason="New",
        actor=editor,
    )  # fmt: skip
    services.answer_publish(answer=answer, actor=editor, reason="New")
    # The answer is published but its question is not: no link, search hit or digest entry.
    assert client.get(f"/guidance/a/{answer.pk}/").status_code == 404
    assert "Unicorns" not in client.get("/guidance/search/?q=unicorns").content.decode()
    assert "Unicorns" not in client.get("/guidance/changes/?since=2020-01-01").content.decode()
    services.question_publish(question=question, actor=editor)
    other = services.answer_save_draft(
        question=question, respondent=services.respondent_get_or_create(name="Another body"),
        body="Unicorns second draft.", reason="New", actor=editor,
    )  # fmt: skip
    # The question is published, the second answer is only a draft.
    assert client.get(f"/guidance/a/{answer.pk}/").status_code == 302
    assert client.get(f"/guidance/a/{other.pk}/").status_code == 404
    page = client.get(f"/guidance/q/{question.slug}/").content.decode()
    assert "Unicorns draft." in page and "Unicorns second draft." not in page
    assert "second draft" not in client.get("/guidance/search/?q=unicorns").content.decode()


def test_empty_editor_fields_get_govuk_messages(client: Client, editor: Any) -> None:
    from redress.guidance import services

    question = services.question_create(text="Who pays for transport?", actor=editor)
    respondent = services.respondent_get_or_create(name="The service")
    answer = services.answer_save_draft(
        question=question, respondent=respondent, body="The council.", reason="New", actor=editor
    )
    client.force_login(editor)
    edit = client.post(
        f"/guidance/editor/q/{question.slug}/answers/{answer.pk}/", {"body": "", "reason": ""}
    ).content.decode()
    assert "Enter the answer" in edit and "Enter why you are making this change" in edit
    publish = client.post(
        f"/guidance/editor/answers/{answer.pk}/publish/", {"reason": "", "version": answer.version}
    )
    assert "Enter what changed, for readers of the digest" in publish.content.decode()
    new = client.post("/guidance/editor/questions/new/", {"text": ""}).content.decode()
    assert "Enter the question" in new and "This field is required" not in new
