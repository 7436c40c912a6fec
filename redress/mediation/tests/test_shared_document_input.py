"""Sharing a document before a mediation: the upload is checked by its content, an odd id in
the attendee boxes is an error message (not a 500), and the form must carry its version."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from typing import Any

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from redress.mediation import services
from redress.mediation.models import MediationAttendee, Party, SharedDocument
from redress.mediation.tests.factories import make_world, open_case

pytestmark = pytest.mark.django_db

TODAY = date(2026, 10, 20)


@pytest.fixture
def scene(settings: Any, tmp_path: Any) -> Any:
    settings.MEDIA_ROOT = tmp_path
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with time_machine.travel(TODAY, tick=False):
        world = make_world()
        case = open_case(world)
        attendee = services.mediation_attendee_add(
            actor=world.adviser, case=case, role=MediationAttendee.Role.PARENT_OR_YOUNG_PERSON,
            name="Jo Example", proposed_by=Party.FAMILY, email="jo@example.invalid",
        )  # fmt: skip
    case.refresh_from_db()
    client = Client()
    client.force_login(world.adviser)
    return world, case, attendee, client


def _post(client: Client, case: Any, **data: Any) -> Any:
    form = {
        "title": "School report",
        "shared_on_day": "19",
        "shared_on_month": "10",
        "shared_on_year": "2026",
        "version": str(case.version),
        **data,
    }
    with time_machine.travel(TODAY, tick=False):
        return client.post(reverse("mediation:step", args=[case.pk, "document"]), form)


def _bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as entry:
            for _ in range(300):
                entry.write(b" " * (1024 * 1024))
    return out.getvalue()


def test_a_docx_that_unzips_to_300_mb_is_refused(scene: Any) -> None:
    _, case, attendee, client = scene
    response = _post(
        client,
        case,
        shared_with=[attendee.pk],
        document=SimpleUploadedFile("report.docx", _bomb()),
    )
    assert response.status_code == 200
    assert "unzips to more than 50 MB" in response.content.decode()
    assert not SharedDocument.objects.exists()


def test_a_program_renamed_as_text_is_refused(scene: Any) -> None:
    _, case, attendee, client = scene
    program = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
    response = _post(
        client,
        case,
        shared_with=[attendee.pk],
        document=SimpleUploadedFile("notes.txt", program),
    )
    assert response.status_code == 200
    assert "The file is not a real TXT file." in response.content.decode()
    assert not SharedDocument.objects.exists()


@pytest.mark.parametrize(
    "bad_id", ["99999999999999999999999", "-99999999999999999999", "abc", "1.5", "١٢"]
)
def test_an_odd_id_in_the_attendee_boxes_is_an_error_message(scene: Any, bad_id: str) -> None:
    _, case, attendee, client = scene
    response = _post(client, case, shared_with=[attendee.pk, bad_id])
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert not SharedDocument.objects.exists()


def test_a_form_without_its_version_is_refused_and_saves_nothing(scene: Any) -> None:
    _, case, attendee, client = scene
    response = _post(client, case, shared_with=[attendee.pk], version="")
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert not SharedDocument.objects.exists()
    accepted = _post(client, case, shared_with=[attendee.pk])
    assert accepted.status_code == 302
    assert SharedDocument.objects.count() == 1
