"""The mediation adviser and the mediator in a real browser: the adviser opens the provider's
cases, opens a family's case, records that the family does not wish to mediate (first with a
mistake the form refuses), sees the certificate's deadline, issues the certificate and sees it
done; the mediator writes a confidential note. Every page is checked with axe-core.

Dates are relative to today (the live server runs with the real clock).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time, timedelta
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from redress.accounts.models import Organisation, Role
from redress.casework.tests import factories
from redress.mediation import services
from redress.tests_browser.helpers import check_accessibility, fill_date, govuk_date


@pytest.fixture
def mediation_case(transactional_db: None) -> dict[str, Any]:
    make: Any = factories  # factory_boy's factories are untyped
    la = make.LocalAuthorityFactory(name="Northshire County Council")
    provider = make.OrganisationFactory(
        name="Common Ground Mediation", kind=Organisation.Kind.MEDIATION_PROVIDER
    )
    provider.serves.add(la)
    adviser = make.user_with_role(
        Role.MEDIATION_ADVISER, provider, username="mina", first_name="Mina", last_name="Adviser"
    )
    mediator = make.user_with_role(
        Role.MEDIATOR, provider, username="maya", first_name="Maya", last_name="Mediator"
    )
    child = make.ChildFactory(first_name="Riley", last_name="Example", local_authority=la)
    today = date.today()
    case = services.mediation_case_open(
        actor=adviser, child=child, provider=provider, decision="not_assess",
        decision_notice_date=today - timedelta(days=10),
        adviser_contacted_on=today - timedelta(days=3),
        issues=[services.IssueInput(kind="education", description="The refusal to assess")],
    )  # fmt: skip
    services.mediation_assign(actor=adviser, case=case, mediator=mediator)
    return {"adviser": adviser, "mediator": mediator, "case": case}


def test_adviser_records_the_familys_choice_and_issues_the_certificate(
    page: Page, sign_in: Callable[..., Page], mediation_case: dict[str, Any]
) -> None:
    today = date.today()
    sign_in(mediation_case["adviser"])
    page.goto("/mediation/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mediation cases")
    check_accessibility(page, label="the provider's mediation cases")
    page.get_by_role("link", name="Riley Example").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mediation for Riley Example")
    expect(page.get_by_text("Contact the mediation adviser before appealing")).to_be_visible()
    check_accessibility(page, label="a mediation case")

    page.get_by_role("link", name="Record whether the family wishes to mediate").click()
    page.get_by_label("Does not wish to mediate").check()
    fill_date(page, "Date the family told the adviser", today - timedelta(days=5))
    page.get_by_role("button", name="Save").click()
    # Before the first contact with the adviser: refused, and the choice is kept.
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_label("Does not wish to mediate")).to_be_checked()
    check_accessibility(page, label="the family's choice, refused")

    told = today - timedelta(days=1)
    fill_date(page, "Date the family told the adviser", told)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The family's choice is recorded.")).to_be_visible()
    row = page.get_by_role("row").filter(
        has_text="Issue the certificate when the family does not wish to mediate"
    )
    expect(row).to_be_visible()
    expect(row).not_to_contain_text("Done")

    page.get_by_role("link", name="Issue a certificate").click()
    page.get_by_label("The family does not wish to mediate").check()
    fill_date(page, "Date of issue", today)
    check_accessibility(page, label="issuing a certificate")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Certificate issued.")).to_be_visible()
    expect(row).to_contain_text(f"Done {govuk_date(today)}")
    expect(page.get_by_role("row").filter(has_text="Appeal")).not_to_have_count(0)
    expect(page.get_by_role("link", name="download the certificate")).to_be_visible()
    check_accessibility(page, label="a case with its certificate")


def test_mediator_writes_a_confidential_note(
    page: Page, sign_in: Callable[..., Page], mediation_case: dict[str, Any]
) -> None:
    sign_in(mediation_case["mediator"])
    page.goto(f"/mediation/{mediation_case['case'].pk}/")
    page.get_by_role("link", name="Mediator's notes (confidential)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mediator's notes")
    page.get_by_role("button", name="Save note").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    check_accessibility(page, label="the notes form, refused")
    page.get_by_label("Note").fill("The family would welcome a shorter first session.")
    page.get_by_role("button", name="Save note").click()
    expect(page.get_by_text("The family would welcome a shorter first session.")).to_be_visible()
    check_accessibility(page, label="the mediator's notes")


def test_a_full_case_page_and_the_confirmation_step_pass_axe(
    page: Page, sign_in: Callable[..., Page], mediation_case: dict[str, Any]
) -> None:
    adviser, case = mediation_case["adviser"], mediation_case["case"]
    today = date.today()
    services.mediation_choice_record(actor=adviser, case=case, choice="wishes", on=today)
    services.mediation_la_told_record(actor=adviser, case=case, on=today)
    services.mediation_meeting_schedule(
        actor=adviser, case=case, meeting_date=today + timedelta(days=1), start_time=time(10, 0),
        place="Northshire Library", accessibility_needs="Step-free access",
    )  # fmt: skip
    for role, name, by in (
        ("parent_or_young_person", "Jo Example", "family"),
        ("lawyer", "Robin Hale", "family"),
        ("la_officer", "Sam Officer", "local_authority"),
        ("professional_expert", "Dr Ola Therapist", "local_authority"),
    ):
        services.mediation_attendee_add(actor=adviser, case=case, role=role, name=name,
                                        proposed_by=by)  # fmt: skip
    services.pre_mediation_calls_prepare(actor=adviser, case=case)
    services.agenda_build(actor=adviser, case=case)
    services.recording_request_record(actor=adviser, case=case, requested_by="family",
                                      requested_on=today, reasonable_adjustment=False)  # fmt: skip
    sign_in(adviser)
    page.goto(f"/mediation/{case.pk}/")
    expect(page.get_by_text("Authority to settle is not confirmed for:")).to_be_visible()
    expect(page.get_by_text("The family will bring a lawyer.")).to_be_visible()
    check_accessibility(page, label="a mediation case with a meeting tomorrow")
    page.get_by_role("link", name="Send the confirmation to attendees").click()
    expect(
        page.get_by_text("Jo Example, Parent or young person: as a printed letter")
    ).to_be_visible()
    check_accessibility(page, label="sending the confirmation")
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_text("Confirmation sent.")).to_be_visible()
    expect(
        page.get_by_role("row").filter(has_text="Confirm the mediation's date, time, place")
    ).to_contain_text("Done")
