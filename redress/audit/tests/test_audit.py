"""Every service write leaves an audit entry naming who did what to which record of which child;
a refused write leaves none."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models

from redress.accounts.models import Organisation
from redress.audit.models import AuditEntry
from redress.audit.selectors import audit_trail_for_child
from redress.audit.services import audit_record
from redress.casework import services
from redress.casework.models import Child
from redress.core.versions import ConcurrentEditError

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel(date(2026, 11, 25), tick=False):
        yield


@pytest.fixture
def actor() -> Any:
    return get_user_model().objects.create_user("caseworker", password=None)


@pytest.fixture
def la() -> Organisation:
    return Organisation.objects.create(name="LA", kind=Organisation.Kind.LOCAL_AUTHORITY)


@pytest.fixture
def child(actor: Any, la: Organisation) -> Child:
    child = services.child_create(
        actor=actor, first_name="Alex", last_name="Example",
        date_of_birth=date(2016, 5, 17), local_authority=la,
    )  # fmt: skip
    services.case_event_record(
        actor=actor, child=child, event_type="assessment_requested",
        when=date(2026, 9, 1), expected_version=None,
    )  # fmt: skip
    return child


def _latest() -> AuditEntry:
    entry = AuditEntry.objects.order_by("-id").first()
    assert entry is not None
    return entry


def _assert_entry(
    entry: AuditEntry, actor: Any, action: str, obj: models.Model, child: Child
) -> None:
    assert entry.actor == actor
    assert entry.action == action
    assert entry.object_type == obj._meta.label
    assert entry.object_id == str(obj.pk)
    assert entry.child == child
    assert entry.summary


def test_creating_a_child_is_audited(actor: Any, la: Organisation) -> None:
    child = services.child_create(
        actor=actor, first_name="Sam", last_name="Example",
        date_of_birth=date(2015, 1, 1), local_authority=la,
    )  # fmt: skip
    [entry] = AuditEntry.objects.filter(child=child)
    _assert_entry(entry, actor, "create", child, child)


@pytest.mark.parametrize(
    ("event_type", "when", "details", "reasons"),
    [
        ("assessment_decision", date(2026, 10, 1), {"decision": "assess"}, ""),
        ("assessment_decision", date(2026, 10, 1), {"decision": "not_assess"}, "Needs met."),
        ("exception_recorded", date(2026, 9, 20),
         {"rule": "assessment.decision", "ground": "reg_5_4_c"}, "In hospital."),
    ],
)  # fmt: skip
def test_recording_a_step_is_audited(
    actor: Any, child: Child, event_type: str, when: date, details: dict[str, str], reasons: str
) -> None:
    before = AuditEntry.objects.count()
    event = services.case_event_record(
        actor=actor, child=child, event_type=event_type, when=when, details=details,
        reasons=reasons, expected_version=None,
    )  # fmt: skip
    assert AuditEntry.objects.count() == before + 1
    _assert_entry(_latest(), actor, "create", event, child)
    assert str(event) in _latest().summary


def test_requesting_and_receiving_advice_is_audited(
    actor: Any, child: Child, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    icb = Organisation.objects.create(name="ICB", kind=Organisation.Kind.HEALTH_COMMISSIONER)
    advice = services.advice_request_create(
        actor=actor, child=child, advice_type="health", recipient_organisation=icb,
        commissioned_by=child.local_authority, date_sent=date(2026, 9, 10),
        expected_version=None,
    )  # fmt: skip
    _assert_entry(_latest(), actor, "create", advice, child)

    services.advice_request_mark_received(
        actor=actor, advice_request=advice, date_received=date(2026, 10, 1),
        document=SimpleUploadedFile("advice.txt", b"The advice."),
    )  # fmt: skip
    _assert_entry(_latest(), actor, "update", advice, child)
    assert "1 October 2026" in _latest().summary


def test_recording_provision_is_audited(actor: Any, child: Child) -> None:
    provision = services.provision_record(
        actor=actor, child=child, description="Therapy", provider_organisation=child.local_authority
    )
    _assert_entry(_latest(), actor, "create", provision, child)


def test_the_whole_case_is_in_the_childs_trail(actor: Any, child: Child) -> None:
    services.case_event_record(
        actor=actor, child=child, event_type="assessment_decision", when=date(2026, 10, 1),
        details={"decision": "assess"}, expected_version=None,
    )  # fmt: skip
    trail = list(audit_trail_for_child(user=actor, child=child))
    assert [e.object_type for e in trail] == [
        "casework.CaseEvent",
        "casework.CaseEvent",
        "casework.Child",
    ]  # newest first
    assert all(e.actor == actor for e in trail)


def test_a_refused_write_is_not_audited(actor: Any, child: Child) -> None:
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError):
        services.case_event_record(
            actor=actor, child=child, event_type="final_plan_issued", when=date(2026, 10, 1),
            expected_version=None,
        )  # fmt: skip
    with pytest.raises(ConcurrentEditError):
        services.case_event_record(
            actor=actor, child=child, event_type="assessment_decision", when=date(2026, 10, 1),
            details={"decision": "assess"}, expected_version=0,
        )  # fmt: skip
    assert AuditEntry.objects.count() == before


def test_an_anonymous_actor_is_recorded_as_nobody(child: Child) -> None:
    entry = audit_record(
        actor=AnonymousUser(), action="view", obj=child, child=child, summary="Looked"
    )
    assert entry.actor is None
    assert entry.object_id == str(child.pk)


def test_a_long_summary_is_cut_to_fit(actor: Any, child: Child) -> None:
    entry = audit_record(actor=actor, action="view", child=child, summary="x" * 500)
    entry.refresh_from_db()
    assert len(entry.summary) == 300
    assert entry.object_type == "" and entry.object_id == ""


def test_every_action_reads_as_words_and_an_unknown_one_is_refused() -> None:
    from redress.audit.models import AuditEntry
    from redress.audit.services import audit_record

    entry = audit_record(actor=None, action="download", object_type="document", summary="x")
    assert entry.get_action_display() == "Downloaded a document"
    with pytest.raises(ValueError, match="unknown audit action"):
        audit_record(actor=None, action="peeked", object_type="document", summary="x")
    assert AuditEntry.objects.count() == 1
