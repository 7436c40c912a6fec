"""A provider's day in a real browser: the mediator records a meeting held yesterday and goes on
from the case page to write the agreement; the local authority records its own agreed action as
done and is not offered the health commissioner's. axe-core on every page."""

from __future__ import annotations

import re
from datetime import time, timedelta
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from redress.agreements import services
from redress.agreements.tests.helpers import World, build_world
from redress.mediation.models import MediationMeeting
from redress.statutory.engine import today_in_london
from redress.tests_browser.helpers import check_accessibility, fill_date, sign_in_through_form


@pytest.fixture
def world(transactional_db: None) -> World:
    return build_world()


def test_mediator_records_yesterdays_meeting_and_writes_the_agreement(
    page: Page, world: World
) -> None:
    today = today_in_london()
    yesterday = today - timedelta(days=1)
    case = world.case
    case.family_choice, case.family_choice_on = "wishes", case.decision_notice_date
    case.adviser_contacted_on = case.decision_notice_date
    case.save()

    sign_in_through_form(page, "mediator")
    page.goto(f"/mediation/{case.pk}/")
    check_accessibility(page, label="case before the meeting")
    page.get_by_role("link", name="Record a meeting that has already been held").click()
    check_accessibility(page, label="record a meeting held")
    fill_date(page, "Date it was held", yesterday)
    page.get_by_label("Start time").fill("10:00")
    page.get_by_label("Place or video link").fill("Northwick Library")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Recorded as held.")).to_be_visible()

    page.get_by_role("link", name="Record the outcome").click()
    fill_date(page, "Date the mediation concluded", yesterday)
    page.get_by_label("Agreement reached on every issue").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Outcome recorded.")).to_be_visible()
    check_accessibility(page, label="case after the outcome")

    page.get_by_role("link", name="Write the agreement").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Write the agreement")
    fill_date(page, "Date of the agreement", yesterday)
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mediation agreement")
    page.goto(f"/mediation/{case.pk}/")
    expect(page.get_by_role("link", name="Open the written agreement")).to_be_visible()
    expect(page.get_by_role("link", name="Expenses claims")).to_be_visible()


def _agreement_in_force(world: World) -> tuple[Any, Any]:
    held = today_in_london() - timedelta(days=10)
    MediationMeeting.objects.create(
        case=world.case, meeting_date=held, start_time=time(10, 0),
        place="Town hall", status="held", scheduled_on=world.case.decision_notice_date,
        held_on=held,
    )  # fmt: skip
    mediator = world.users["mediator"]
    agreement = services.agreement_create(
        actor=mediator, case=world.case, made_on=held, la_party=True, health_party=True
    )
    actions = []
    for what, owed_by, kind, section in (
        ("Amend section F to add therapy", "local_authority", "amend_contents", "F"),
        ("Start the therapy sessions", "health_commissioner", "other", "G"),
    ):
        agreement.refresh_from_db()
        actions.append(
            services.action_add(
                actor=mediator,
                agreement=agreement,
                expected_version=agreement.version,
                what=what,
                who="The team",
                measure="Sessions on the timetable",
                kind=kind,
                timing="statutory",
                agreed_due=None,
                plan_section=section,
                owed_by=owed_by,
            )  # fmt: skip
        )
    for party in agreement.parties():
        agreement.refresh_from_db()
        services.acceptance_record(
            actor=mediator, agreement=agreement, expected_version=agreement.version,
            party=party, accepted_by_name="Someone", accepted_on=held,
        )  # fmt: skip
    return agreement, actions


def test_the_authority_closes_its_own_action_not_the_icbs(page: Page, world: World) -> None:
    agreement, (la_action, icb_action) = _agreement_in_force(world)
    sign_in_through_form(page, "caseworker")
    page.goto(f"/agreements/{agreement.pk}/")
    check_accessibility(page, label="agreement for the authority")
    expect(
        page.get_by_role("link", name=re.compile(r"Record as done\s*: action 1"))
    ).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(r"Record as done\s*: action 2"))).to_have_count(
        0
    )
    page.get_by_role("link", name=re.compile(r"Record as done\s*: action 1")).click()
    fill_date(page, "Date it was done", today_in_london())
    page.get_by_role("button", name="Record as done").click()
    expect(page.get_by_text("The action is recorded as done.")).to_be_visible()
    expect(page.get_by_text("Recorded by")).to_be_visible()
    check_accessibility(page, label="action done")
    response = page.goto(f"/agreements/{agreement.pk}/actions/{icb_action.pk}/done/")
    assert response is not None and response.status in (403, 404)


def test_adviser_arranges_adds_the_lawyer_and_sends_again_and_the_family_gets_the_certificate(
    page: Page, world: World
) -> None:
    from redress.mediation import services as mediation_services
    from redress.notifications.models import Message

    today = today_in_london()
    case = world.case
    case.family_choice, case.family_choice_on = "wishes", case.decision_notice_date
    case.adviser_contacted_on = case.decision_notice_date
    case.save()
    adviser = world.users["adviser"]
    mediation_services.mediation_attendee_add(
        actor=adviser, case=case, role="parent_or_young_person", name="Jo Ashby",
        proposed_by="family", email="jo@example.invalid",
    )  # fmt: skip

    sign_in_through_form(page, "adviser")
    page.goto(f"/mediation/{case.pk}/")
    page.get_by_role("link", name="Arrange the meeting").click()
    fill_date(page, "Date of the meeting", today + timedelta(days=14))
    page.get_by_label("Start time").fill("10:00")
    page.get_by_label("End time").fill("13:00")
    page.get_by_label("Place", exact=True).fill("Northwick Library")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Meeting arranged.")).to_be_visible()
    page.get_by_role("link", name="Send the confirmation to attendees").click()
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_text("Confirmation sent.")).to_be_visible()

    page.get_by_role("link", name="Propose an attendee").click()
    page.get_by_label("Lawyer", exact=True).check()
    page.get_by_label("Name", exact=True).fill("Robin Hale")
    page.get_by_label("Email address").fill("robin@example.invalid")
    page.get_by_role("group", name="Who proposes them?").get_by_label(
        "The parent or young person"
    ).check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Attendee proposed.")).to_be_visible()
    page.get_by_role("link", name="Send the confirmation to attendees").click()
    check_accessibility(page, label="sending the confirmation again")
    page.get_by_label("Send it again to everyone").check()
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_text("Confirmation sent.")).to_be_visible()
    to_jo = Message.objects.filter(
        template="mediation_meeting_confirmation", to_address="jo@example.invalid"
    ).order_by("id")
    assert to_jo.count() == 2 and "Robin Hale" in to_jo.last().personalisation["attendees"]  # type: ignore[union-attr]

    case.family_choice, case.family_choice_on = "declined", today
    case.save()
    certificate = mediation_services.mediation_certificate_issue(
        actor=adviser, case=case, reason="declined", issued_on=today
    )
    page.goto(f"/mediation/{case.pk}/")
    page.get_by_role("link", name="Send it to the family").click()
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_text("The certificate is sent to the family.")).to_be_visible()
    expect(page.get_by_text("Sent to the family on")).to_be_visible()
    check_accessibility(page, label="certificate sent")
    certificate.refresh_from_db()
    assert certificate.sent_channel == "notification"

    page.context.clear_cookies()
    sign_in_through_form(page, "parent")
    page.goto(f"/mediation/{case.pk}/")
    with page.expect_download() as download:
        page.get_by_role("link", name="download the certificate").first.click()
    assert download.value.suggested_filename.endswith(".docx")
