"""The retention schedule: a child's record is deleted, with its history and every file it or its
history names, once past REDRESS_RETENTION_YEARS_AFTER_BIRTH; a dry run deletes nothing; a
replaced document's file stays referenced by the record's history; files no record names go."""

from __future__ import annotations

import os
import time
from datetime import date
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings

from redress.audit.models import AuditEntry
from redress.casework import services
from redress.casework.models import AdviceRequest, Child
from redress.casework.tests.factories import AdviceRequestFactory, ChildFactory, UserFactory
from redress.retention.services import keep_until, orphaned_files

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 25)
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(tmp_path: Path) -> Any:
    # No time travel: orphans are judged by the files' real ages. The schedule's day is given.
    with override_settings(MEDIA_ROOT=str(tmp_path)):
        yield tmp_path


def _with_replaced_document(child: Child) -> tuple[AdviceRequest, list[str]]:
    actor = UserFactory()
    advice = AdviceRequestFactory(child=child)
    names = []
    for n in range(2):
        services.advice_request_mark_received(
            actor=actor, advice_request=advice, date_received=date(2026, 10, 1 + n),
            document=SimpleUploadedFile(f"advice-{n}.pdf", PDF),
        )  # fmt: skip
        advice.refresh_from_db()
        names.append(advice.document.name)
    return advice, names


def test_a_replaced_document_keeps_its_file_referenced_by_the_history(media: Path) -> None:
    child = ChildFactory(date_of_birth=date(2016, 5, 17))
    advice, names = _with_replaced_document(child)
    assert names[0] != names[1]
    assert all((media / n).is_file() for n in names)
    assert advice.history.filter(document=names[0]).exists()  # type: ignore[attr-defined]
    assert orphaned_files(grace_seconds=0) == []


def test_a_file_no_record_names_is_an_orphan_and_is_removed(media: Path) -> None:
    stray = media / "advice" / "2026" / "11" / "stray.pdf"
    stray.parent.mkdir(parents=True)
    stray.write_bytes(PDF)
    fresh = media / "advice" / "2026" / "11" / "uploading.pdf"
    fresh.write_bytes(PDF)
    old = time.time() - 7200
    os.utime(stray, (old, old))
    assert orphaned_files() == ["advice/2026/11/stray.pdf"]  # the fresh one may be an upload
    call_command("retention", "--apply", "--today", str(TODAY), stdout=StringIO())
    assert not stray.exists() and fresh.exists()
    assert AuditEntry.objects.filter(summary__contains="belonged to no record").exists()


def test_the_schedule_keeps_a_record_31_years_after_birth() -> None:
    assert keep_until(date(1995, 11, 25)) == date(2026, 11, 25)
    assert keep_until(date(2000, 2, 29)) == date(2031, 2, 28)


def test_dry_run_reports_and_apply_deletes_the_record_its_history_and_files(
    media: Path, django_capture_on_commit_callbacks: Any
) -> None:
    old = ChildFactory(first_name="Ada", last_name="Oldrecord", date_of_birth=date(1995, 11, 24))
    young = ChildFactory(first_name="Young", date_of_birth=date(1995, 11, 25))  # kept today
    _, old_files = _with_replaced_document(old)
    _, young_files = _with_replaced_document(young)
    old_pk = old.pk

    out = StringIO()
    call_command("retention", "--dry-run", "--today", str(TODAY), stdout=out)
    text = out.getvalue()
    assert "Would delete the records of 1 children" in text and "4 files" not in text
    assert "Nothing was deleted" in text
    assert Child.objects.filter(pk=old_pk).exists()
    assert all((media / n).is_file() for n in old_files)

    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("retention", "--apply", "--batch-size", "1", "--today", str(TODAY), stdout=out)
    assert "Deleted the records of 1 children" in out.getvalue()
    assert not Child.objects.filter(pk=old_pk).exists()
    assert not Child.history.filter(id=old_pk).exists()  # type: ignore[attr-defined]
    assert not AdviceRequest.history.filter(child_id=old_pk).exists()  # type: ignore[attr-defined]
    assert not any((media / n).exists() for n in old_files)
    assert all((media / n).is_file() for n in young_files)
    assert Child.objects.filter(pk=young.pk).exists()
    entry = AuditEntry.objects.get(
        summary__startswith=f"Deleted the record of child number {old_pk}"
    )
    assert "1995" in entry.summary and "Oldrecord" not in entry.summary
    assert not AuditEntry.objects.filter(summary__contains="Oldrecord").exists()


@override_settings(REDRESS_RETENTION_YEARS_AFTER_BIRTH=40)
def test_the_schedule_is_configurable() -> None:
    child = ChildFactory(date_of_birth=date(1990, 1, 1))
    call_command("retention", "--apply", "--today", str(TODAY), stdout=StringIO())
    assert Child.objects.filter(pk=child.pk).exists()


def test_case_notes_and_contacts_go_with_the_record() -> None:
    from redress.casefile.models import CaseNote

    old = ChildFactory(first_name="Ada", last_name="Oldrecord", date_of_birth=date(1995, 11, 24))
    CaseNote.objects.create(
        child=old,
        kind=CaseNote.Kind.NOTE,
        text="Called the school about transport.",
        occurred_on=date(2012, 3, 1),
        recorded_by=UserFactory(),
    )
    old_pk = old.pk
    call_command("retention", "--apply", "--today", str(TODAY), stdout=StringIO())
    assert not Child.objects.filter(pk=old_pk).exists()
    assert not CaseNote.objects.filter(child_id=old_pk).exists()
    assert not CaseNote.history.filter(child_id=old_pk).exists()  # type: ignore[attr-defined]


def test_a_record_whose_parts_protect_each_other_is_deleted_whole() -> None:
    """An appeal protects the mediation certificate it rests on, so that nobody deletes the
    certificate alone; under the schedule the whole record goes, and another child's stays."""
    from redress.appeals.models import Appeal
    from redress.appeals.tests.helpers import make_world, plan_appeal
    from redress.mediation.models import MediationCase, MediationCertificate

    world = make_world()
    world.child.date_of_birth = date(1995, 11, 24)
    world.child.save()
    appeal = plan_appeal(world)
    other = make_world("Southby")
    kept = plan_appeal(other)

    out = StringIO()
    call_command("retention", "--dry-run", "--today", str(TODAY), stdout=out)
    assert "appeals.Appeal: 1" in out.getvalue()
    assert "mediation.MediationCertificate: 1" in out.getvalue()

    call_command("retention", "--apply", "--today", str(TODAY), stdout=StringIO())
    assert not Child.objects.filter(pk=world.child.pk).exists()
    assert not Appeal.objects.filter(pk=appeal.pk).exists()
    assert not MediationCase.objects.filter(child_id=world.child.pk).exists()
    assert not Appeal.history.filter(id=appeal.pk).exists()  # type: ignore[attr-defined]
    assert Appeal.objects.filter(pk=kept.pk).exists()
    assert MediationCertificate.objects.filter(case__child=other.child).exists()
