"""The provider's dashboard lists what a case manager acts on, from the engine's Deadline rows and
the mediation records, for their own provider only."""

from __future__ import annotations

from datetime import date, time
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from redress.agreements import selectors, services
from redress.agreements.tests.helpers import build_world
from redress.audit.models import AuditEntry
from redress.casework.deadlines import deadlines_recompute
from redress.casework.tests.factories import ChildFactory
from redress.mediation.models import MediationAttendee, MediationCase, MediationMeeting

pytestmark = pytest.mark.django_db

# Thursday 17 December 2026. A meeting on Friday 18 December needed authority confirmed by
# Wednesday 16 December (2 working days before), so the warning shows.
TODAY = date(2026, 12, 17)
AGREED = date(2026, 11, 18)


@pytest.fixture
def board() -> Any:
    with time_machine.travel(TODAY, tick=False):
        world = build_world(held_on=AGREED)
        mediator = world.users["mediator"]
        agreement = services.agreement_create(
            actor=mediator, case=world.case, made_on=AGREED, la_party=True, health_party=False
        )
        action = services.action_add(
            actor=mediator, agreement=agreement, expected_version=agreement.version,
            what="Name the school in section I", who="SEND team", measure="Amended plan",
            kind="amend_school", timing="statutory", agreed_due=None, plan_section="I",
        )  # fmt: skip
        for party in agreement.parties():
            agreement.refresh_from_db()
            services.acceptance_record(
                actor=mediator, agreement=agreement, expected_version=agreement.version,
                party=party, accepted_by_name="Someone", accepted_on=AGREED,
            )  # fmt: skip
        services.action_not_done_report(actor=world.users["parent"], action=action, text="No")
        # A second case: concluded without agreement on Tue 15 Dec, certificate due in 3 working
        # days (Fri 18 Dec); its meeting was this week.
        other = MediationCase.objects.create(
            child=ChildFactory(first_name="Kit", local_authority=world.la),
            provider=world.provider, decision="not_assess",
            decision_notice_date=date(2026, 10, 1), concluded_on=date(2026, 12, 15),
            outcome="no_agreement",
        )  # fmt: skip
        deadlines_recompute(child=other.child)
        # A third: meeting on Friday 18 Dec with an LA officer whose authority is unconfirmed.
        third = MediationCase.objects.create(
            child=ChildFactory(first_name="Lee", local_authority=world.la),
            provider=world.provider, decision="plan_contents",
            decision_notice_date=date(2026, 10, 1), la_told_on=date(2026, 11, 20),
        )  # fmt: skip
        MediationMeeting.objects.create(
            case=third, meeting_date=date(2026, 12, 18), start_time=time(14, 0),
            place="Library", scheduled_on=date(2026, 12, 1),
        )  # fmt: skip
        MediationAttendee.objects.create(
            case=third, role="la_officer", name="Officer Grey", party="local_authority",
            proposed_by="local_authority", proposed_on=date(2026, 12, 1),
        )  # fmt: skip
        yield world, selectors.provider_dashboard(world.users["case_manager"])


def test_dashboard_lists_what_needs_doing(board: Any) -> None:
    world, dashboard = board
    stages = dict(dashboard.stages)
    assert stages["Concluded"] == 1  # the no-agreement case
    assert stages["Meeting arranged"] == 1
    assert stages["Held, not yet concluded"] == 1
    certificates = [(d.child.first_name, d.rule, d.due) for d in dashboard.certificates_due]
    assert certificates == [("Kit", "mediation.certificate_after", date(2026, 12, 18))]
    assert [m.case.child.first_name for m in dashboard.meetings_this_week] == ["Lee"]
    assert [g.attendee.name for g in dashboard.attendees_without_authority] == ["Officer Grey"]
    # 2 weeks from 18 Nov = 2 Dec: overdue on 17 Dec.
    assert [(a.what, d.due) for _, a, d in dashboard.overdue_actions] == [
        ("Name the school in section I", date(2026, 12, 2))
    ]
    assert len(dashboard.reports_to_follow_up) == 1


def test_another_provider_sees_none_of_it(board: Any) -> None:
    world, _ = board
    with time_machine.travel(TODAY, tick=False):
        other = selectors.provider_dashboard(world.users["other_mediator"])
    assert not other.certificates_due and not other.meetings_this_week
    assert not other.overdue_actions and not other.reports_to_follow_up
    assert not other.attendees_without_authority
    assert all(count == 0 for _, count in other.stages)


def test_dashboard_page_renders_for_the_case_manager(board: Any) -> None:
    world, _ = board
    client = Client()
    client.force_login(world.users["case_manager"])
    with time_machine.travel(TODAY, tick=False):
        page = client.get(reverse("agreements:dashboard")).content.decode()
    assert "Officer Grey" in page and "Kit" in page and "2 December 2026" in page


def test_an_action_falls_overdue_the_day_after_it_is_due_without_a_recompute() -> None:
    # Agreed Wednesday 18 November 2026; 2 weeks for naming a school: due Wednesday 2 December.
    with time_machine.travel(date(2026, 12, 1), tick=False):
        world = build_world(held_on=AGREED)
        mediator = world.users["mediator"]
        agreement = services.agreement_create(
            actor=mediator, case=world.case, made_on=AGREED, la_party=True, health_party=False
        )
        services.action_add(
            actor=mediator, agreement=agreement, expected_version=agreement.version,
            what="Name the school in section I", who="SEND team", measure="Amended plan",
            kind="amend_school", timing="statutory", agreed_due=None, plan_section="I",
        )  # fmt: skip
        for party in agreement.parties():
            agreement.refresh_from_db()
            services.acceptance_record(
                actor=mediator, agreement=agreement, expected_version=agreement.version,
                party=party, accepted_by_name="Someone", accepted_on=AGREED,
            )  # fmt: skip
        assert selectors.overdue_actions_visible_to(world.users["case_manager"]) == []
    # Thursday 3 December, before the night's recompute has run.
    with time_machine.travel(date(2026, 12, 3), tick=False):
        rows = selectors.overdue_actions_visible_to(world.users["case_manager"])
        page = Client()
        page.force_login(world.users["caseworker"])
        listing = page.get(reverse("agreements:overdue")).content.decode()
    assert [(a.what, d.due) for _, a, d in rows] == [
        ("Name the school in section I", date(2026, 12, 2))
    ]
    assert "Name the school in section I" in listing


def test_a_certificate_past_its_date_is_marked_overdue_before_the_nightly_recompute(
    board: Any,
) -> None:
    world, _ = board
    # Kit's certificate was due Friday 18 December; on Monday 21 December the stored status is
    # still the one computed on 17 December.
    client = Client()
    with time_machine.travel(date(2026, 12, 21), tick=False):
        client.force_login(world.users["case_manager"])
        page = client.get(reverse("agreements:dashboard")).content.decode()
    certificates = page.split("Certificates due", 1)[1].split("</table>", 1)[0]
    assert "18 December 2026" in certificates
    assert "Overdue</strong>" in certificates


def test_a_large_providers_week_shows_the_soonest_meetings_and_counts_them_all(
    board: Any,
) -> None:
    world, _ = board
    third = MediationMeeting.objects.get(meeting_date=date(2026, 12, 18)).case
    MediationMeeting.objects.bulk_create(
        MediationMeeting(
            case=third,
            meeting_date=date(2026, 12, 19 + i % 2),
            start_time=time(9, i % 60),
            scheduled_on=date(2026, 12, 1),
        )  # fmt: skip
        for i in range(selectors.MEETINGS_SHOWN)
    )
    client = Client()
    client.force_login(world.users["case_manager"])
    with time_machine.travel(TODAY, tick=False):
        board_now = selectors.provider_dashboard(world.users["case_manager"])
        page = client.get(reverse("agreements:dashboard")).content.decode()
    assert len(board_now.meetings_this_week) == selectors.MEETINGS_SHOWN
    assert board_now.meetings_this_week_count == selectors.MEETINGS_SHOWN + 1
    # The soonest first: Friday's meeting with the library is among those shown.
    assert board_now.meetings_this_week[0].meeting_date == date(2026, 12, 18)
    assert f"Meetings this week (to 20 December 2026): {selectors.MEETINGS_SHOWN + 1}" in page
    assert f"The {selectors.MEETINGS_SHOWN} soonest." in page
    # Every one downloads, soonest first, for the provider's staff only, and is audited.
    assert f"Download all {selectors.MEETINGS_SHOWN + 1} as CSV" in page
    with time_machine.travel(TODAY, tick=False):
        response = client.get(reverse("agreements:meetings-this-week-export"))
        refused = Client()
        refused.force_login(world.users["caseworker"])
        assert refused.get(reverse("agreements:meetings-this-week-export")).status_code == 403
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = body.strip().splitlines()
    assert lines[0].startswith("Case number,Child or young person,Date")
    assert len(lines) == selectors.MEETINGS_SHOWN + 2 and "2026-12-18" in lines[1]
    assert "Library" in lines[1]
    assert AuditEntry.objects.filter(
        action="download", object_type="mediation.MediationMeeting"
    ).exists()


def test_a_case_with_two_meetings_in_the_warning_window_is_warned_about_once(
    board: Any,
) -> None:
    world, _ = board
    third = MediationMeeting.objects.get(meeting_date=date(2026, 12, 18)).case
    # Moved from Friday to Thursday but recorded as a second scheduled meeting: both are in the
    # window; the later one is the case's current meeting.
    MediationMeeting.objects.create(
        case=third, meeting_date=date(2026, 12, 17), start_time=time(9, 0),
        scheduled_on=date(2026, 12, 2),
    )  # fmt: skip
    with time_machine.travel(TODAY, tick=False):
        gaps = selectors.provider_dashboard(world.users["case_manager"]).attendees_without_authority
    assert [(g.attendee.name, g.meeting_date) for g in gaps] == [
        ("Officer Grey", date(2026, 12, 18))
    ]
