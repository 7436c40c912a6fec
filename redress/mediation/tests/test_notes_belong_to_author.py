"""A mediator's notes belong to their author: a reassigned case leaves them with the mediator who
wrote them; the case manager reads them only where the policy allows it and the mediator was told
so; every read is audited, out of the authority's sight."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from redress.accounts.models import Role
from redress.audit.models import AuditEntry
from redress.casework.tests.factories import user_with_role
from redress.mediation import selectors, services
from redress.mediation.models import MediationCase, NotesPolicyNotice
from redress.mediation.tests.factories import World, make_world, open_case
from redress.notifications.models import Message

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel(datetime(2026, 11, 25, 10, 0, tzinfo=LONDON), tick=False):
        yield


@pytest.fixture
def world() -> World:
    return make_world()


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _case_with_note(world: World) -> MediationCase:
    case = open_case(world)
    services.mediation_assign(actor=world.case_manager, case=case, mediator=world.mediator)
    case.refresh_from_db()
    services.mediator_note_add(actor=world.mediator, case=case, text="FIRST-MEDIATOR-NOTE")
    return case


def _set_policy(world: World, sees_notes: bool) -> None:
    services.mediation_policy_update(
        actor=world.case_manager, provider=world.provider, follows_up_agreements=True,
        pre_mediation_call_required=True, attendee_agreement="mediator_with_each_party",
        case_manager_sees_notes=sees_notes, recording_wording="", confidentiality_wording="",
    )  # fmt: skip


def test_after_reassignment_the_author_still_reads_and_the_new_mediator_cannot(
    world: World,
) -> None:
    case = _case_with_note(world)
    newcomer = user_with_role(Role.MEDIATOR, world.provider)
    services.mediation_assign(actor=world.case_manager, case=case, mediator=newcomer)
    case.refresh_from_db()
    url = reverse("mediation:notes", args=[case.pk])

    page = _client(world.mediator).get(url)
    assert page.status_code == 200
    assert b"FIRST-MEDIATOR-NOTE" in page.content
    # The author no longer writes on a case that is not theirs.
    assert b"Save note" not in page.content

    new_page = _client(newcomer).get(url)
    assert new_page.status_code == 200  # they write their own notes here
    assert b"FIRST-MEDIATOR-NOTE" not in new_page.content
    assert not selectors.mediator_notes_visible_to(newcomer, case).exists()
    _client(newcomer).post(url, {"text": "SECOND-MEDIATOR-NOTE"})
    assert b"SECOND-MEDIATOR-NOTE" not in _client(world.mediator).get(url).content


def test_a_mediator_who_left_the_provider_reads_nothing(world: World) -> None:
    case = _case_with_note(world)
    newcomer = user_with_role(Role.MEDIATOR, world.provider)
    services.mediation_assign(actor=world.case_manager, case=case, mediator=newcomer)
    world.mediator.memberships.update(active=False)
    assert _client(world.mediator).get(reverse("mediation:notes", args=[case.pk])).status_code in (
        403,
        404,
    )


def test_changing_the_notes_policy_is_audited_and_tells_every_mediator(world: World) -> None:
    second = user_with_role(Role.MEDIATOR, world.provider, email="second@example.invalid")
    _set_policy(world, True)
    entry = AuditEntry.objects.filter(summary__startswith="Changed who may read").get()
    assert entry.actor == world.case_manager
    assert "may now read them" in entry.summary
    told = Message.objects.filter(template="mediation_notes_policy")
    assert {m.recipient for m in told.all()} == {world.mediator, second}
    assert NotesPolicyNotice.objects.filter(case_manager_sees_notes=True).count() == 2

    # Saving the policy again without changing the notes rule tells nobody again.
    _set_policy(world, True)
    assert told.count() == 2
    _set_policy(world, False)
    assert told.count() == 4
    assert AuditEntry.objects.filter(summary__contains="may no longer read them").exists()


def test_the_case_manager_reads_only_notes_written_after_the_mediator_was_told(
    world: World,
) -> None:
    case = _case_with_note(world)  # written under the default policy: private
    with time_machine.travel(datetime(2026, 11, 26, 10, 0, tzinfo=LONDON), tick=False):
        _set_policy(world, True)
    assert not selectors.mediator_notes_visible_to(world.case_manager, case).exists()
    with time_machine.travel(datetime(2026, 11, 27, 10, 0, tzinfo=LONDON), tick=False):
        services.mediator_note_add(actor=world.mediator, case=case, text="AFTER-TELLING")
    texts = set(selectors.mediator_notes_visible_to(world.case_manager, case).values_list(
        "text", flat=True))  # fmt: skip
    assert texts == {"AFTER-TELLING"}

    # A mediator who joined later and was never told keeps their notes from the case manager
    # until the notes page shows them the policy.
    untold = user_with_role(Role.MEDIATOR, world.provider, email="")
    with time_machine.travel(datetime(2026, 11, 27, 11, 0, tzinfo=LONDON), tick=False):
        services.mediation_assign(actor=world.case_manager, case=case, mediator=untold)
        case.refresh_from_db()
        services.mediator_note_add(actor=untold, case=case, text="UNTOLD")
    assert "UNTOLD" not in set(
        selectors.mediator_notes_visible_to(world.case_manager, case).values_list("text", flat=True)
    )
    with time_machine.travel(datetime(2026, 11, 28, 11, 0, tzinfo=LONDON), tick=False):
        page = _client(untold).get(reverse("mediation:notes", args=[case.pk]))
        assert b"case manager may read" in page.content
        services.mediator_note_add(actor=untold, case=case, text="SHOWN")
    visible = set(
        selectors.mediator_notes_visible_to(world.case_manager, case).values_list("text", flat=True)
    )
    assert visible == {"AFTER-TELLING", "SHOWN"}


def test_note_reads_are_audited_but_the_authority_trail_does_not_show_them(world: World) -> None:
    case = _case_with_note(world)
    _client(world.mediator).get(reverse("mediation:notes", args=[case.pk]))
    reads = AuditEntry.objects.filter(child=world.child, page="mediation:notes", action="view")
    assert reads.count() == 1
    assert reads.get().confidential_to == world.provider
    manager = user_with_role(Role.LA_MANAGER, world.la)
    trail = _client(manager).get(reverse("casework:case-audit", args=[world.child.pk]))
    assert trail.status_code == 200
    text = trail.content.decode()
    assert "note" not in text.lower()
