"""The mediator's agreement journey in a real browser: write the agreement, see the
neutral-language warning and keep the wording, add a SMART action (after being told what it
lacks), record each party's acceptance and download the document; axe-core on every page."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import Page, expect

from redress.agreements.models import MediationAgreement, WordingDecision
from redress.agreements.tests.helpers import World, build_world
from redress.tests_browser.helpers import check_accessibility, fill_date, sign_in_through_form

HELD = date(2026, 11, 18)


@pytest.fixture
def world(transactional_db: None) -> World:
    return build_world(held_on=HELD)


def test_mediator_writes_and_shares_an_agreement(page: Page, world: World) -> None:
    sign_in_through_form(page, "mediator")
    page.goto(f"/agreements/mediations/{world.case.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Write the agreement")
    check_accessibility(page, label="write the agreement")

    fill_date(page, "Date of the agreement", HELD)
    page.get_by_label("Areas of possible future disagreement").fill(
        "The local authority refused transport; to be looked at again at the annual review."
    )
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_text("Words the neutral-language check flagged")).to_be_visible()
    expect(page.get_by_text("“refused” — try")).to_be_visible()
    check_accessibility(page, label="neutral-language warning")
    page.get_by_label("Keep my wording as it is").check()
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mediation agreement")
    check_accessibility(page, label="draft agreement")

    page.get_by_role("link", name="Add an agreed action").click()
    page.get_by_label("What will be done").fill(
        "Add one hour a week of speech and language therapy to section F"
    )
    page.get_by_role("button", name="Add the action").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Say who will do it")
    expect(summary).to_contain_text("Say how the parties will know it has been done")
    check_accessibility(page, label="action with errors")
    page.get_by_label("Who will do it").fill("Northwick SEND team")
    page.get_by_label("How the parties will know it has been done").fill(
        "The amended plan sent to the family shows the therapy in section F"
    )
    page.get_by_label("Amend the contents of the EHC plan").check()
    page.get_by_label("Within the time the law allows for this kind of action (reg 42)").check()
    page.get_by_label("The plan section it changes").select_option("F")
    page.get_by_role("button", name="Add the action").click()
    expect(page.get_by_role("cell", name="Northwick SEND team")).to_be_visible()

    parties = {
        "The parent or young person": "Jo Ashby",
        "The local authority": "Sam Patel",
        "The health commissioner": "Dr Lee",
    }
    for party, name in parties.items():
        page.get_by_role("link", name="Record a party's acceptance").click()
        check_accessibility(page, label=f"acceptance: {party}")
        page.get_by_label(party, exact=True).check()
        page.get_by_label("Name of the person who accepted for the party").fill(name)
        fill_date(page, "Date they accepted", HELD)
        page.get_by_role("button", name="Record the acceptance").click()
    expect(page.get_by_text("Accepted by every party")).to_be_visible()
    # 5 weeks from Wed 18 Nov 2026, from the engine.
    expect(page.get_by_role("cell", name="23 December 2026")).to_be_visible()
    check_accessibility(page, label="accepted agreement")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the agreement (Word document)").click()
    assert download_info.value.suggested_filename.endswith(".docx")

    agreement = MediationAgreement.objects.get()
    assert WordingDecision.objects.filter(agreement=agreement, word="refused").exists()
