"""The mediation case list and the mediator's meetings: filters narrow, sorts order, 50 a page,
every row as filtered downloads as CSV (audited), only for those who may see the list, and the
mediator's notes in no list or CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date, time, timedelta
from typing import Any

import pytest
import time_machine
from django.http import StreamingHttpResponse
from django.test import Client
from django.urls import reverse

from redress.accounts.models import Role
from redress.audit.models import AuditEntry
from redress.casework.tests.factories import ChildFactory
from redress.mediation.models import MediationCase, MediationMeeting, MediatorNote
from redress.mediation.tests.factories import World, make_world

pytestmark = pytest.mark.django_db

TODAY = date(2027, 1, 6)  # a Wednesday


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def world() -> World:
    return make_world()


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _case(world: World, *, last_name: str = "Example", notice: date = date(2026, 12, 1),
          **extra: Any) -> MediationCase:  # fmt: skip
    child = ChildFactory(local_authority=world.la, last_name=last_name)
    return MediationCase.objects.create(
        child=child, provider=world.provider, decision=MediationCase.Decision.PLAN_CONTENTS,
        decision_notice_date=notice, **extra,
    )  # fmt: skip


def _rows(response: StreamingHttpResponse) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


def _names(response: Any) -> list[str]:
    return [case.child.last_name for case in response.context["page"].object_list]


# -- The case list -----------------------------------------------------------------------------


def test_filters_narrow_the_case_list(world: World) -> None:
    _case(world, last_name="Deciding")
    _case(world, last_name="Wishing", family_choice="wishes")
    _case(world, last_name="Concluded", outcome="no_agreement", notice=date(2026, 6, 1))
    other = make_world(name="Southby")
    other.provider.memberships.create(user=world.adviser, role=Role.MEDIATION_ADVISER)
    _case(other, last_name="Elsewhere")
    client = _client(world.adviser)
    url = reverse("mediation:case-list")
    assert sorted(_names(client.get(url))) == ["Concluded", "Deciding", "Elsewhere", "Wishing"]
    assert _names(client.get(url, {"stage": "wishes"})) == ["Wishing"]
    assert _names(client.get(url, {"stage": "concluded"})) == ["Concluded"]
    assert _names(client.get(url, {"provider": other.provider.pk})) == ["Elsewhere"]
    assert _names(client.get(url, {"local_authority": other.la.pk})) == ["Elsewhere"]
    within = {"notice_from_day": "1", "notice_from_month": "11", "notice_from_year": "2026"}
    assert "Concluded" not in _names(client.get(url, within))
    # The filter offers only the providers of cases the person sees.
    page = client.get(url).content.decode()
    assert "Southby Mediation" in page and "Northwick Mediation" in page


def test_a_date_that_is_not_a_date_is_an_error_and_the_list_still_opens(world: World) -> None:
    _case(world, last_name="Deciding")
    response = _client(world.adviser).get(
        reverse("mediation:case-list"),
        {"notice_from_day": "31", "notice_from_month": "2", "notice_from_year": "2026"},
    )
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert _names(response) == ["Deciding"]


def test_sorts_order_the_case_list(world: World) -> None:
    _case(world, last_name="Brown", notice=date(2026, 10, 1))
    _case(world, last_name="Adams", notice=date(2026, 9, 1))
    _case(world, last_name="Clark", notice=date(2026, 11, 1))
    client = _client(world.adviser)
    url = reverse("mediation:case-list")
    assert _names(client.get(url, {"sort": "name"})) == ["Adams", "Brown", "Clark"]
    assert _names(client.get(url, {"sort": "notice"})) == ["Clark", "Brown", "Adams"]
    # Recently changed first by default.
    assert _names(client.get(url)) == ["Clark", "Adams", "Brown"]


def test_the_case_list_shows_50_a_page(world: World) -> None:
    child = world.child
    MediationCase.objects.bulk_create(
        MediationCase(
            child=child,
            provider=world.provider,
            decision="plan_contents",
            decision_notice_date=date(2026, 12, 1),
        )  # fmt: skip
        for _ in range(51)
    )
    client = _client(world.adviser)
    first = client.get(reverse("mediation:case-list"))
    assert len(first.context["page"].object_list) == 50
    assert "51 cases" in first.content.decode() and 'rel="next"' in first.content.decode()
    second = client.get(reverse("mediation:case-list"), {"page": 2})
    assert len(second.context["page"].object_list) == 1


def test_the_case_list_downloads_every_row_as_filtered_without_notes(world: World) -> None:
    wishing = _case(world, last_name="Wishing", family_choice="wishes", mediator=world.mediator)
    _case(world, last_name="Deciding")
    MediatorNote.objects.create(case=wishing, author=world.mediator,
                                text="Parent very angry about the school")  # fmt: skip
    response = _client(world.adviser).get(
        reverse("mediation:case-list-export"), {"stage": "wishes"}
    )
    assert response["Content-Type"].startswith("text/csv")
    rows = _rows(response)
    assert rows[0][:3] == ["Case number", "Provider's reference", "Child or young person"]
    assert [row[0] for row in rows[1:]] == [str(wishing.pk)]
    assert "Parent very angry" not in str(rows)
    entry = AuditEntry.objects.get(action="download", actor=world.adviser)
    assert entry.summary == "Exported the mediation case list as CSV"
    # Nor in the page of the list.
    page = _client(world.mediator).get(reverse("mediation:case-list")).content.decode()
    assert "Parent very angry" not in page


def test_only_those_who_work_on_cases_download_and_each_sees_only_their_own(world: World) -> None:
    _case(world, last_name="Ours")
    other = make_world(name="Southby")
    _case(other, last_name="Theirs")
    rows = _rows(_client(other.adviser).get(reverse("mediation:case-list-export")))
    assert [row[2].split()[-1] for row in rows[1:]] == ["Theirs"]
    # The family sees their own cases on the page, with no download.
    page = _client(world.parent).get(reverse("mediation:case-list")).content.decode()
    assert "Download" not in page
    assert _client(world.parent).get(reverse("mediation:case-list-export")).status_code == 403
    anonymous = Client().get(reverse("mediation:case-list-export"))
    assert anonymous.status_code == 302
    assert not AuditEntry.objects.filter(action="download").exclude(actor=other.adviser).exists()


# -- The mediator's meetings -------------------------------------------------------------------


def _meeting(case: MediationCase, day: date, **extra: Any) -> MediationMeeting:
    return MediationMeeting.objects.create(
        case=case, meeting_date=day, start_time=time(10), scheduled_on=date(2026, 12, 1), **extra
    )


def test_the_mediators_meetings_filter_sort_page_and_download(world: World) -> None:
    case = _case(world, last_name="Meeting", mediator=world.mediator)
    _meeting(case, TODAY)
    _meeting(case, TODAY + timedelta(days=2))
    _meeting(case, TODAY + timedelta(days=30))
    _meeting(case, TODAY - timedelta(days=30), status="held", held_on=TODAY - timedelta(days=30))
    client = _client(world.mediator)
    url = reverse("mediation:my-meetings")

    def dates(response: Any) -> list[date]:
        return [m.meeting_date for m, _, _ in response.context["rows"]]

    assert dates(client.get(url)) == [TODAY, TODAY + timedelta(days=2)]
    assert dates(client.get(url, {"period": "day"})) == [TODAY]
    assert dates(client.get(url, {"period": "upcoming", "sort": "latest"})) == [
        TODAY + timedelta(days=30), TODAY + timedelta(days=2), TODAY,
    ]  # fmt: skip
    assert dates(client.get(url, {"period": "earlier", "status": "held"})) == [
        TODAY - timedelta(days=30)
    ]
    rows = _rows(client.get(reverse("mediation:my-meetings-export"), {"period": "upcoming"}))
    assert rows[0] == ["Date", "Start", "End", "Case", "Place", "By video", "Status"]
    assert [row[0] for row in rows[1:]] == [
        TODAY.isoformat(), (TODAY + timedelta(days=2)).isoformat(),
        (TODAY + timedelta(days=30)).isoformat(),
    ]  # fmt: skip
    # Cases are named as letters name them, never by the child's full name.
    assert case.child.full_name not in str(rows)
    assert AuditEntry.objects.filter(action="download", actor=world.mediator).count() == 1


def test_the_mediators_meetings_show_50_a_page(world: World) -> None:
    case = _case(world, mediator=world.mediator)
    MediationMeeting.objects.bulk_create(
        MediationMeeting(
            case=case,
            meeting_date=TODAY + timedelta(days=i),
            start_time=time(10),
            scheduled_on=TODAY,
        )  # fmt: skip
        for i in range(51)
    )
    client = _client(world.mediator)
    first = client.get(reverse("mediation:my-meetings"), {"period": "upcoming"})
    assert len(first.context["rows"]) == 50 and first.context["page"].paginator.count == 51
    second = client.get(reverse("mediation:my-meetings"), {"period": "upcoming", "page": 2})
    assert len(second.context["rows"]) == 1


def test_only_a_mediator_has_meetings_to_download(world: World) -> None:
    for user in (world.adviser, world.caseworker, world.parent):
        assert _client(user).get(reverse("mediation:my-meetings-export")).status_code == 404
    assert not AuditEntry.objects.filter(action="download").exists()


def test_the_meetings_checklist_follows_the_case_and_costs_no_query_per_meeting(
    world: World,
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from redress.mediation.models import (
        AgendaItem,
        MediationAttendee,
        PreMediationCall,
        SharedDocument,
    )

    case = _case(world, mediator=world.mediator)
    _meeting(case, TODAY)
    client = _client(world.mediator)
    url = reverse("mediation:my-meetings")

    def checklist() -> dict[str, bool]:
        [(_, _, items)] = client.get(url).context["rows"]
        return {item.label: item.done for item in items}

    assert not any(checklist().values())
    call = PreMediationCall.objects.create(case=case, call_with="family", added_on=TODAY)
    AgendaItem.objects.create(case=case, title="Speech and language therapy")
    officer = MediationAttendee.objects.create(
        case=case, role="la_officer", name="Sam Officer", proposed_on=TODAY
    )
    SharedDocument.objects.create(case=case, title="OT report", shared_on=TODAY)
    done = checklist()
    # A call not yet held, an officer whose authority to settle is not confirmed: not done.
    assert not done["Pre-mediation calls held"] and not done["Authority to settle confirmed"]
    assert done["Agenda built"] and done["Documents shared"]
    call.held_on = TODAY
    call.save()
    officer.authority_confirmation = "delegated"
    officer.save()
    done = checklist()
    assert done["Pre-mediation calls held"] and done["Authority to settle confirmed"]

    def queries(meetings: int) -> int:
        for i in range(meetings):
            other = _case(world, last_name=f"Other{meetings}{i}", mediator=world.mediator)
            _meeting(other, TODAY + timedelta(days=1))
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        return len(captured)

    assert queries(1) == queries(5)
