"""Preparing for the meeting: a shared document gets the same real-file checks as every
other upload."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError

from redress.mediation import services
from redress.mediation.models import MediationAttendee, Party
from redress.mediation.tests.factories import World, make_world, open_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return make_world()


def _travel(day: date) -> time_machine.travel:
    return time_machine.travel(day, tick=False)


def test_a_shared_document_gets_the_same_real_file_check_as_every_other_upload(
    world: World,
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from redress.mediation.models import SharedDocument

    with _travel(date(2026, 10, 20)):
        case = open_case(world)
        attendee = services.mediation_attendee_add(
            actor=world.adviser, case=case, role=MediationAttendee.Role.PARENT_OR_YOUNG_PERSON,
            name="Jo Example", proposed_by=Party.FAMILY, email="jo@example.invalid",
        )  # fmt: skip
        renamed = SimpleUploadedFile("report.pdf", b"just some text, not a PDF")
        with pytest.raises(ValidationError) as refused:
            services.shared_document_add(
                actor=world.adviser, case=case, title="School report",
                shared_on=date(2026, 10, 19), shared_with=[attendee], document=renamed,
            )  # fmt: skip
        assert "not a real PDF" in str(refused.value.message_dict["document"])
        assert not SharedDocument.objects.exists()
        empty = SimpleUploadedFile("notes.txt", b"")
        with pytest.raises(ValidationError, match="empty"):
            services.shared_document_add(
                actor=world.adviser, case=case, title="Notes",
                shared_on=date(2026, 10, 19), shared_with=[attendee], document=empty,
            )  # fmt: skip
