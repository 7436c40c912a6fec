"""The boards of responses to recommendations and of compliance with orders: most overdue first
by default, with days overdue; filters narrow, sorts order, 50 a page, every row as filtered
downloads as CSV (audited), and only those who may see a board download it."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from redress.appeals.models import Appeal, Recommendation
from redress.appeals.tests.helpers import World, extended_appeal, make_world, plan_appeal
from redress.audit.models import AuditEntry
from redress.casework.models import Deadline
from redress.casework.tests.factories import ChildFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 25)


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


def _rows(response: Any) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


def _deadline(child: Any, rule: str, ref: str, due: date, **extra: Any) -> Deadline:
    return Deadline.objects.create(
        child=child, rule=rule, ref=ref, kind="by", due=due, status="pending",
        actor="local_authority", citation="SEND Regulations 2014", evidence="primary",
        explanation="From the engine", title=extra.pop("title", "Comply with the order"), **extra,
    )  # fmt: skip


def _recommendation(appeal: Appeal, ref: str, organisation: Any, due: date,
                    **extra: Any) -> Recommendation:  # fmt: skip
    recommendation = Recommendation.objects.create(
        appeal=appeal, ref=ref, section="G", body="health", organisation=organisation,
        made_on=due - timedelta(days=35), text="Therapy.", **extra,
    )  # fmt: skip
    Deadline.objects.filter(child=appeal.child, ref=recommendation.engine_ref).delete()
    _deadline(appeal.child, "recommendation.response", recommendation.engine_ref, due)
    return recommendation


# -- Responses to recommendations ------------------------------------------------------------


def test_recommendations_most_overdue_first_with_days_overdue(world: World) -> None:
    appeal = extended_appeal(world)
    Recommendation.objects.filter(appeal=appeal).delete()
    little = _recommendation(appeal, "r-little", world.icb, TODAY - timedelta(days=2))
    waiting = _recommendation(appeal, "r-waiting", world.icb, TODAY + timedelta(days=9))
    very = _recommendation(appeal, "r-very", world.icb, TODAY - timedelta(days=12))
    answered = _recommendation(appeal, "r-answered", world.social_care, TODAY - timedelta(days=30),
                               response_sent_on=TODAY - timedelta(days=31))  # fmt: skip
    client = _client(world.caseworker)
    url = reverse("appeals:recommendation-board")
    response = client.get(url)
    rows = response.context["rows"]
    assert [r.pk for r in rows] == [very.pk, little.pk, waiting.pk, answered.pk]
    assert [r.days_overdue for r in rows[:2]] == [12, 2]
    page = response.content.decode()
    assert "Overdue: 2" in page and "Waiting for a response: 1" in page and "Answered: 1" in page
    assert [r.pk for r in client.get(url, {"state": "overdue"}).context["rows"]] == [
        very.pk, little.pk,
    ]  # fmt: skip
    assert [r.pk for r in client.get(url, {"state": "answered"}).context["rows"]] == [answered.pk]
    assert [r.pk for r in client.get(url, {"organisation": world.social_care.pk}).context[
        "rows"]] == [answered.pk]  # fmt: skip
    made = [r.pk for r in client.get(url, {"sort": "made"}).context["rows"]]
    assert made == [waiting.pk, little.pk, very.pk, answered.pk]
    csv_rows = _rows(client.get(reverse("appeals:recommendation-board-export"),
                                {"state": "overdue"}))  # fmt: skip
    assert csv_rows[0][:2] == ["Appeal number", "Child or young person"]
    assert [(row[6], row[7]) for row in csv_rows[1:]] == [
        ((TODAY - timedelta(days=12)).isoformat(), "12"),
        ((TODAY - timedelta(days=2)).isoformat(), "2"),
    ]
    assert AuditEntry.objects.filter(action="download", actor=world.caseworker).count() == 1


def test_recommendations_show_50_a_page(world: World) -> None:
    appeal = extended_appeal(world)
    for n in range(51):
        _recommendation(appeal, f"bulk-{n}", world.icb, TODAY - timedelta(days=n))
    client = _client(world.health)
    url = reverse("appeals:recommendation-board")
    first = client.get(url, {"organisation": world.icb.pk})
    assert len(first.context["rows"]) == 50 and first.context["page"].paginator.count == 51
    assert len(client.get(url, {"organisation": world.icb.pk, "page": 2}).context["rows"]) == 1


def test_recommendations_download_only_for_those_who_see_the_board(world: World) -> None:
    appeal = extended_appeal(world)
    _recommendation(appeal, "r-one", world.icb, TODAY - timedelta(days=2))
    other = make_world("Southby")
    assert _rows(_client(other.health).get(reverse("appeals:recommendation-board-export")))[
        1:] == []  # fmt: skip
    for user in (world.parent, world.supporter):
        client = _client(user)
        assert client.get(reverse("appeals:recommendation-board-export")).status_code == 403
    assert not AuditEntry.objects.filter(action="download").exclude(actor=other.health).exists()


def test_directions_outstanding_page_on_their_own_soonest_first(world: World) -> None:
    from redress.appeals import services

    appeal = extended_appeal(world)
    past = services.evidence_direction_record(
        actor=world.caseworker, appeal=appeal, body="health", kind="evidence",
        description="Report 0", directed_by=TODAY - timedelta(days=1),
    )  # fmt: skip
    for n in range(1, 51):
        services.evidence_direction_record(
            actor=world.caseworker, appeal=appeal, body="health", kind="evidence",
            description=f"Report {n}", directed_by=TODAY + timedelta(days=n),
        )  # fmt: skip
    client = _client(world.health)
    url = reverse("appeals:recommendation-board")
    first = client.get(url)
    directions = first.context["directions"]
    assert directions.paginator.count == 51 and len(directions.object_list) == 50
    assert directions.object_list[0] == past and directions.object_list[0].is_past
    assert not directions.object_list[1].is_past
    page = first.content.decode()
    assert "not yet provided: 51" in page and "dpage=2#directions" in page
    second = client.get(url, {"dpage": 2})
    assert [d.description for d in second.context["directions"].object_list] == ["Report 50"]
    # The recommendations keep their own page.
    assert second.context["page"].number == 1
    # Every one downloads, in the board's order, and the download is audited.
    assert "Download all 51 as CSV" in page
    rows = _rows(client.get(reverse("appeals:directions-export")))
    assert rows[0][:3] == ["Appeal number", "Child or young person", "What"]
    assert [row[3] for row in rows[1:4]] == ["Report 0", "Report 1", "Report 2"]
    assert len(rows) == 52 and rows[1][6] == "yes" and rows[2][6] == "no"
    assert AuditEntry.objects.filter(
        action="download", actor=world.health, object_type="appeals.EvidenceDirection"
    ).exists()
    # Someone with no part in recommendations may not download them.
    assert _client(world.parent).get(reverse("appeals:directions-export")).status_code == 403


# -- Compliance with orders ------------------------------------------------------------------


def test_compliance_most_overdue_first_filtered_and_downloaded(world: World) -> None:
    late = ChildFactory(local_authority=world.la, last_name="Late")
    later = ChildFactory(local_authority=world.la, last_name="Later")
    due = ChildFactory(local_authority=world.la, last_name="Due")
    _deadline(late, "order.final_plan", "o1", TODAY - timedelta(days=3))
    _deadline(later, "order.final_plan", "o2", TODAY - timedelta(days=40))
    _deadline(due, "order.amended_plan", "o3", TODAY + timedelta(days=5))
    client = _client(world.caseworker)
    url = reverse("appeals:compliance-board")
    response = client.get(url)
    rows = response.context["rows"]
    assert [d.child.last_name for d in rows] == ["Later", "Late", "Due"]
    assert [d.days_overdue for d in rows] == [40, 3, 0]
    page = response.content.decode()
    assert "Overdue compliance: 2" in page and "Compliance still due: 1" in page
    assert [d.child.last_name for d in client.get(url, {"state": "due"}).context["rows"]] == ["Due"]
    assert [d.child.last_name for d in client.get(url, {"sort": "latest"}).context["rows"]] == [
        "Due", "Late", "Later",
    ]  # fmt: skip
    since = {"due_from_day": "1", "due_from_month": "11", "due_from_year": "2026"}
    assert [d.child.last_name for d in client.get(url, since).context["rows"]] == ["Late", "Due"]
    csv_rows = _rows(client.get(reverse("appeals:compliance-board-export"), {"state": "overdue"}))
    assert csv_rows[0][:6] == ["Case number", "Child or young person", "Local authority",
                               "What must happen", "Due", "Days overdue"]  # fmt: skip
    assert [(row[0], row[5]) for row in csv_rows[1:]] == [(str(later.pk), "40"),
                                                          (str(late.pk), "3")]  # fmt: skip
    assert AuditEntry.objects.filter(action="download", actor=world.caseworker).count() == 1


def test_compliance_shows_50_a_page(world: World) -> None:
    child = ChildFactory(local_authority=world.la)
    Deadline.objects.bulk_create(
        Deadline(child=child, rule="order.final_plan", ref=f"o{n}", kind="by",
                 due=TODAY - timedelta(days=n), status="pending", actor="local_authority",
                 citation="reg 44", evidence="primary", explanation="-", title="Comply",
                 **child.owner_copies())
        for n in range(51)
    )  # fmt: skip
    client = _client(world.caseworker)
    first = client.get(reverse("appeals:compliance-board"))
    assert len(first.context["rows"]) == 50
    assert first.context["rows"][0].days_overdue == 50
    assert len(client.get(reverse("appeals:compliance-board"), {"page": 2}).context["rows"]) == 1


def test_compliance_and_live_appeals_download_only_for_the_authority(world: World) -> None:
    appeal = plan_appeal(world)
    rows = _rows(_client(world.caseworker).get(reverse("appeals:live-appeals-export")))
    assert rows[0][0] == "Appeal number" and [row[0] for row in rows[1:]] == [str(appeal.pk)]
    other = make_world("Southby")
    assert _rows(_client(other.caseworker).get(reverse("appeals:live-appeals-export")))[1:] == []
    for user in (world.health, world.socialcare, world.parent):
        client = _client(user)
        for name in ("appeals:compliance-board", "appeals:compliance-board-export",
                     "appeals:live-appeals-export"):  # fmt: skip
            assert client.get(reverse(name)).status_code == 403, name


def test_live_appeals_show_50_a_page_beside_the_compliance_pages(world: World) -> None:
    appeal = plan_appeal(world)
    copies = []
    for n in range(50):
        copy = Appeal.objects.get(pk=appeal.pk)
        copy.pk = copy.id = None
        copy.lodged_on = appeal.lodged_on + timedelta(days=n + 1)
        copies.append(copy)
    Appeal.objects.bulk_create(copies)
    client = _client(world.caseworker)
    first = client.get(reverse("appeals:compliance-board"))
    live = first.context["live"]
    assert live.paginator.count == 51 and len(live.object_list) == 50
    assert live.object_list[0].pk == appeal.pk  # lodged longest ago first
    page = first.content.decode()
    assert "Live appeals: 51" in page and "live-page=2#live" in page
    second = client.get(reverse("appeals:compliance-board"), {"live-page": 2, "page": 1})
    assert [a.lodged_on for a in second.context["live"].object_list] == [
        appeal.lodged_on + timedelta(days=50)
    ]
    # Each list's links keep the other list's page.
    assert "live-page=2" in second.context["query"]
    assert "page=1" in second.context["live_query"]
