"""The body sends its written response to a recommendation through Redress (decision 0173): the
family reads it on their case page and is emailed, the authority sees it on the appeal, it is
kept on the case, and its date is the day the engine counts the response sent."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils.html import escape

from redress.appeals import services
from redress.appeals.models import Recommendation
from redress.appeals.tests.helpers import World, extended_appeal, make_world
from redress.casefile.models import CaseDocument
from redress.casework.models import Deadline
from redress.notifications.models import Message

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 25)
SMALL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def world() -> World:
    return make_world()


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def _recommendation(world: World) -> Recommendation:
    return services.recommendation_record(
        actor=world.caseworker,
        appeal=extended_appeal(world),
        section="G",
        made_on=date(2026, 10, 1),
        text="Fund speech and language therapy weekly.",
    )


def _form(recommendation: Recommendation, **extra: object) -> dict[str, object]:
    return {
        "version": recommendation.version,
        "response_sent_on_day": "2",
        "response_sent_on_month": "11",
        "response_sent_on_year": "2026",
        "decision": "follows_in_part",
        "steps": "We will fund therapy fortnightly from January.",
        "reasons": "Weekly therapy is not what the paediatric report advises.",
        **extra,
    }


def _url(recommendation: Recommendation) -> str:
    return f"/appeals/recommendations/{recommendation.pk}/respond/"


def test_the_written_response_reaches_the_family_and_the_authority(world: World) -> None:
    recommendation = _recommendation(world)
    response = _client(world.health).post(_url(recommendation), _form(recommendation))
    assert response.status_code == 302
    recommendation.refresh_from_db()
    # The date the engine counts.
    deadline = Deadline.objects.get(
        child=world.child, rule="recommendation.response", ref=recommendation.engine_ref
    )
    assert (deadline.met_on, deadline.status) == (date(2026, 11, 2), "met")
    # Kept on the case, shared with the family from the day it was sent.
    document = recommendation.response_document
    assert document is not None
    assert document.audience == CaseDocument.Audience.FAMILY
    assert document.shared_with_family_on == date(2026, 11, 2)
    assert document.uploaded_by == world.health
    text = document.file.read().decode()
    assert "We will fund therapy fortnightly from January." in text
    assert "Weekly therapy is not what the paediatric report advises." in text
    # The family is emailed, once, without the child's details in the subject.
    email = Message.objects.get(template="family_recommendation_response")
    assert email.recipient == world.parent
    assert email.personalisation["body_name"] == world.icb.name
    # The family's case page lists it; the authority sees it on the appeal.
    family = _client(world.parent)
    shared = family.get(f"/family/cases/{world.child.pk}/shared-documents/").content.decode()
    assert escape(document.title) in shared
    download = family.get(f"/family/cases/{world.child.pk}/shared-documents/{document.pk}/")
    assert download.status_code == 200
    appeal_page = _client(world.caseworker).get(f"/appeals/{recommendation.appeal_id}/")
    assert "The response as sent" in appeal_page.content.decode()


def test_the_bodys_own_letter_is_what_is_sent(world: World) -> None:
    recommendation = _recommendation(world)
    upload = SimpleUploadedFile("response.pdf", SMALL_PDF, content_type="application/pdf")
    response = _client(world.health).post(
        _url(recommendation), _form(recommendation, document=upload)
    )
    assert response.status_code == 302
    recommendation.refresh_from_db()
    assert recommendation.response_document is not None
    assert recommendation.response_document.original_name == "response.pdf"


def test_a_refused_response_sends_nothing(world: World) -> None:
    recommendation = _recommendation(world)
    response = _client(world.health).post(_url(recommendation), _form(recommendation, reasons=""))
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert not CaseDocument.objects.exists()
    assert not Message.objects.filter(template="family_recommendation_response").exists()


def test_a_renamed_file_is_refused_and_nothing_is_sent(world: World) -> None:
    recommendation = _recommendation(world)
    upload = SimpleUploadedFile(
        "response.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
    )
    response = _client(world.health).post(
        _url(recommendation), _form(recommendation, document=upload)
    )
    assert response.status_code == 200
    recommendation.refresh_from_db()
    assert recommendation.response_sent_on is None
    assert not CaseDocument.objects.exists()
    assert not Message.objects.filter(template="family_recommendation_response").exists()


def test_another_body_cannot_send_it(world: World) -> None:
    recommendation = _recommendation(world)
    response = _client(world.socialcare).post(_url(recommendation), _form(recommendation))
    assert response.status_code == 403
    assert not CaseDocument.objects.exists()


def test_a_withdrawn_response_is_no_longer_shown_to_the_family(world: World) -> None:
    recommendation = _recommendation(world)
    _client(world.health).post(_url(recommendation), _form(recommendation))
    recommendation.refresh_from_db()
    document = recommendation.response_document
    assert document is not None
    services.recommendation_response_withdraw(
        actor=world.health,
        recommendation=recommendation,
        reason="Sent for the wrong child",
        expected_version=recommendation.version,
    )
    document.refresh_from_db()
    assert document.withdrawn and not document.shared_with_family
    shared = _client(world.parent).get(f"/family/cases/{world.child.pk}/shared-documents/")
    assert escape(document.title) not in shared.content.decode()


def test_a_body_from_another_area_cannot_open_the_form(world: World) -> None:
    """A body from another area cannot send a response on this recommendation."""
    other = make_world("Southby")
    recommendation = _recommendation(world)
    assert _client(other.health).get(_url(recommendation)).status_code == 403
