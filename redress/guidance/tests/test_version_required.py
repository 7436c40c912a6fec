"""A guidance answer edited or published without the version that was read is refused."""

from __future__ import annotations

from typing import Any

from django.test import Client

from redress.guidance.importer import ImportReport
from redress.guidance.models import Answer


def test_an_edit_or_publish_without_its_version_is_refused(
    client: Client, editor: Any, seeded: ImportReport
) -> None:
    client.force_login(editor)
    answer = Answer.objects.filter(respondent__name="Global Mediation").first()
    assert answer is not None
    edit_url = f"/guidance/editor/q/{answer.question.slug}/answers/{answer.pk}/"
    body = {"body": "New text.", "sources": "", "reason": "Tidy"}
    refused = client.post(edit_url, body)
    assert refused.status_code == 200
    answer.refresh_from_db()
    assert (answer.version, answer.body) != (2, "New text.")
    assert client.post(edit_url, {**body, "version": answer.version}).status_code == 302
    answer.refresh_from_db()
    assert answer.body == "New text."
    publish_url = f"/guidance/editor/answers/{answer.pk}/publish/"
    assert client.post(publish_url, {"reason": "Tidied"}).status_code == 200
    answer.refresh_from_db()
    assert answer.published_version != answer.version
    response = client.post(publish_url, {"reason": "Tidied", "version": answer.version})
    assert response.status_code == 302
