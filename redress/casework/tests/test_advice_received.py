"""Marking advice received, with its document: refusals change nothing; the deadline moves."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from redress.audit.models import AuditEntry
from redress.casework import selectors
from redress.casework.models import AdviceRequest, Child, Deadline
from redress.casework.tests.test_advice_pages import (  # noqa: F401  (fixtures)
    TODAY,
    World,
    fast_passwords,
    signed_in,
    world_fixture,
)

pytestmark = pytest.mark.django_db

SMALL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Any) -> Any:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _post(client: Any, advice: AdviceRequest, day: str, upload: Any = None, **extra: str) -> Any:
    data: dict[str, Any] = {
        "version": str(Child.objects.get(pk=advice.child_id).version),
        "date_received_day": day,
        "date_received_month": "10",
        "date_received_year": "2026",
        **extra,
    }
    if upload is not None:
        data["document"] = upload
    with time_machine.travel(TODAY, tick=False):
        return client.post(reverse("advice:received", args=[advice.pk]), data)


def _deadline(advice: AdviceRequest) -> Deadline:
    return Deadline.objects.get(child=advice.child, rule="advice.response", ref=advice.ref)


def test_a_real_pdf_is_accepted_and_the_la_can_download_it(world: World, media: Any) -> None:
    giver = signed_in(world.giver)
    upload = SimpleUploadedFile("advice.pdf", SMALL_PDF, content_type="application/pdf")
    response = _post(giver, world.amara_health, "20", upload)
    assert response.status_code == 302
    assert response["Location"] == reverse("advice:detail", args=[world.amara_health.pk])
    world.amara_health.refresh_from_db()
    assert world.amara_health.date_received == date(2026, 10, 20)
    stored = media / world.amara_health.document.name
    assert stored.read_bytes() == SMALL_PDF
    with time_machine.travel(TODAY, tick=False):
        landing = giver.get(response["Location"]).content.decode()
    assert "govuk-notification-banner--success" in landing
    assert "The advice is marked as received." in landing

    caseworker = signed_in(world.caseworker)
    with time_machine.travel(TODAY, tick=False):
        detail = caseworker.get(reverse("advice:detail", args=[world.amara_health.pk]))
        download = caseworker.get(reverse("advice:document", args=[world.amara_health.pk]))
        refused = signed_in(world.other_caseworker).get(
            reverse("advice:document", args=[world.amara_health.pk])
        )
    assert reverse("advice:document", args=[world.amara_health.pk]) in detail.content.decode()
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == SMALL_PDF  # type: ignore[attr-defined]
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment;")
    assert refused.status_code == 403
    assert AuditEntry.objects.filter(
        action="view", actor=world.caseworker, summary__startswith="Downloaded"
    ).exists()


def test_no_document_means_404_not_an_error(world: World) -> None:
    with time_machine.travel(TODAY, tick=False):
        response = signed_in(world.caseworker).get(
            reverse("advice:document", args=[world.amara_health.pk])
        )
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("advice.exe", b"MZ\x90\x00\x03\x00\x00\x00", "The file must be a PDF, Word"),
        ("advice.pdf", b"This is plain text pretending to be a PDF.", "not a real PDF file"),
        ("advice.pdf", b"%PDF" + b"0" * (20 * 1024 * 1024), "smaller than 20 MB"),
    ],
)
def test_a_wrong_file_is_refused_clearly_and_nothing_changes(
    world: World, media: Any, name: str, content: bytes, message: str
) -> None:
    advice = world.amara_health
    before = _deadline(advice)
    response = _post(signed_in(world.caseworker), advice, "20", SimpleUploadedFile(name, content))
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page and message in page
    assert "Nothing was saved" in page
    advice.refresh_from_db()
    assert advice.date_received is None and not advice.document
    after = _deadline(advice)
    assert (after.status, after.met_on, after.due) == (before.status, before.met_on, before.due)
    assert not media.exists() or not any(media.rglob("*.*"))


@pytest.mark.parametrize(
    ("day", "extra", "message"),
    [
        ("9", {"date_received_month": "9"}, "cannot be received before it was requested"),
        ("20", {"date_received_month": "12"}, "The date must be today or in the past."),
        ("31", {"date_received_month": "2"}, "must be a real date"),
        ("", {}, "must include a day"),
        ("x", {}, "must be a real date"),
    ],
)
def test_a_bad_date_is_refused_and_the_earlier_answer_is_kept(
    world: World, day: str, extra: dict[str, str], message: str
) -> None:
    advice = world.carl_health  # received on 1 October 2026
    response = _post(signed_in(world.caseworker), advice, day, **extra)
    assert response.status_code == 200
    page = response.content.decode().replace("&#x27;", "'")
    assert "govuk-error-summary" in page and message in page
    advice.refresh_from_db()
    assert advice.date_received == date(2026, 10, 1)
    assert _deadline(advice).status == "met"


def test_marking_received_moves_the_deadline_to_met_or_late(world: World) -> None:
    client = signed_in(world.caseworker)
    assert _deadline(world.amara_health).status == "overdue"
    with time_machine.travel(TODAY, tick=False):
        open_before = list(selectors.open_deadlines_visible_to(world.caseworker))
    assert _deadline(world.amara_health).pk in {d.pk for d in open_before}

    assert _post(client, world.amara_health, "22").status_code == 302  # the due day itself
    assert _post(client, world.ben_health, "30").status_code == 302
    on_time, late = _deadline(world.amara_health), _deadline(world.ben_health)
    assert (on_time.status, on_time.met_on) == ("met", date(2026, 10, 22))
    assert (late.status, late.met_on) == ("late", date(2026, 10, 30))
    with time_machine.travel(TODAY, tick=False):
        open_after = {
            (d.child_id, d.ref) for d in selectors.open_deadlines_visible_to(world.caseworker)
        }
        overdue = selectors.overdue_health_advice_by_commissioner(user=world.caseworker)
    assert (world.amara.pk, world.amara_health.ref) not in open_after
    assert (world.ben.pk, world.ben_health.ref) not in open_after
    assert world.icb not in overdue


def test_a_stale_form_is_refused_and_nothing_changes(world: World) -> None:
    world.amara.refresh_from_db()
    stale = str(world.amara.version - 1)
    response = _post(signed_in(world.caseworker), world.amara_health, "20", version=stale)
    assert response.status_code == 200
    assert "Someone else changed this case" in response.content.decode()
    world.amara_health.refresh_from_db()
    assert world.amara_health.date_received is None
