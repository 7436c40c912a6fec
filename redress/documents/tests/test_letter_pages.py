"""The letters pages: only staff of the child's local authority open them (every page, every
role), each read is audited and never cached; sending, the print batch, withdrawal and the
review invitations for a school's cohort, with refusals in a GOV.UK error summary."""

from datetime import date
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from redress.accounts.models import Organisation
from redress.audit.models import AuditEntry
from redress.casework.tests.factories import Role, UserFactory, user_with_role
from redress.documents.models import SentLetter
from redress.documents.services_letters import letter_send
from redress.documents.tests.test_step_letters import (
    TODAY,
    FamilyMemberFactory,
    LocalAuthorityFactory,
    OrganisationFactory,
)
from redress.plans import services as plan_services
from redress.plans.tests.helpers import ChildFactory, caseworker_for, issued_plan

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _pages(case: dict[str, Any], letter: SentLetter) -> list[str]:
    child = case["child"]
    return [
        reverse("casework:letters", args=[child.pk]),
        reverse("casework:letter-send", args=[child.pk, "acknowledgement"]),
        reverse("casework:letter-withdraw", args=[child.pk, letter.pk]),
    ]


@time_machine.travel(TODAY)
def test_every_letters_page_is_for_the_childs_authority_only(case: dict[str, Any]) -> None:
    letter = letter_send(
        actor=case["caseworker"], child=case["child"], kind="acknowledgement", method="post"
    )
    other_la = user_with_role(Role.LA_CASEWORKER, LocalAuthorityFactory())
    manager = user_with_role(Role.LA_MANAGER, case["la"])
    officer = user_with_role(Role.HEALTH_OFFICER, case["icb"])
    family = FamilyMemberFactory(child=case["child"], name="Dad", user=UserFactory())
    for page in _pages(case, letter):
        for user in (case["caseworker"], manager):
            response = _client(user).get(page)
            assert response.status_code == 200, page
            assert "no-store" in response["Cache-Control"]
        for user in (other_la, officer, family.user):
            assert _client(user).get(page).status_code == 403, page
        assert Client().get(page).status_code == 302
    for page in (
        reverse("casework:letters-print-batch"),
        reverse("casework:letters-review-invitations"),
    ):
        assert _client(case["caseworker"]).get(page).status_code == 200
        for user in (officer, family.user):
            assert _client(user).get(page).status_code == 403
    # The other authority's print batch does not list this child's letter.
    batch = _client(other_la).get(reverse("casework:letters-print-batch")).content.decode()
    assert "Nia Roberts" not in batch
    assert AuditEntry.objects.filter(action="view", child=case["child"]).exists()


@time_machine.travel(TODAY)
def test_the_send_page_sends_and_the_copy_is_listed(case: dict[str, Any]) -> None:
    client = _client(case["caseworker"])
    url = reverse("casework:letter-send", args=[case["child"].pk, "advice_health"])
    page = client.get(url).content.decode()
    assert "SEND Regulations 2014 reg 6(1)(c)" in page and "6 weeks" in page
    response = client.post(
        url, {"organisation": case["icb"].pk, "method": "email", "action": "send"}
    )
    assert response.status_code == 302
    listing = client.get(reverse("casework:letters", args=[case["child"].pk])).content.decode()
    assert "Request for health advice to Westmoor ICB" in listing and "Copy sent" in listing
    assert "11 May 2026" in listing


@time_machine.travel(TODAY)
def test_a_refused_letter_is_explained_in_an_error_summary(case: dict[str, Any]) -> None:
    nowhere = OrganisationFactory(name="Nowhere Health", kind=Organisation.Kind.HEALTH_COMMISSIONER)
    url = reverse("casework:letter-send", args=[case["child"].pk, "advice_health"])
    response = _client(case["caseworker"]).post(
        url, {"organisation": nowhere.pk, "method": "post", "action": "send"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html and "The letter has no address" in html
    assert not SentLetter.objects.exists()


@time_machine.travel(TODAY)
def test_the_print_batch_marks_letters_posted_and_withdrawal_keeps_them(
    case: dict[str, Any],
) -> None:
    letter = letter_send(
        actor=case["caseworker"], child=case["child"], kind="acknowledgement", method="post"
    )
    client = _client(case["caseworker"])
    batch = reverse("casework:letters-print-batch")
    assert "Nia Roberts" in client.get(batch).content.decode()
    assert AuditEntry.objects.filter(
        action="view", child=case["child"], summary="Listed in the print batch"
    ).exists()
    empty = client.post(batch, {})
    assert "Choose the letters you have posted" in empty.content.decode()
    done = client.post(batch, {"letters": [letter.pk]}).content.decode()
    assert "1 letter marked posted" in done
    letter.refresh_from_db()
    assert letter.sent_on == TODAY and letter.document is not None
    withdraw = reverse("casework:letter-withdraw", args=[case["child"].pk, letter.pk])
    assert "govuk-error-summary" in client.post(withdraw, {"reason": ""}).content.decode()
    assert client.post(withdraw, {"reason": "Sent to the wrong address"}).status_code == 302
    listing = client.get(reverse("casework:letters", args=[case["child"].pk])).content.decode()
    assert "Withdrawn" in listing and "Sent to the wrong address" in listing


def test_review_invitations_for_a_schools_cohort_are_listed_then_sent() -> None:
    school = OrganisationFactory(
        name="Hillside Primary", kind=Organisation.Kind.SETTING, address="School Road"
    )
    children = [ChildFactory(setting=school, last_name=n) for n in ("Able", "Baker")]
    actor = caseworker_for(children[0])
    for child in children[1:]:
        child.local_authority = children[0].local_authority
        child.save()
    FamilyMemberFactory(child=children[0], name="Ann Able", address="1 Road")
    with time_machine.travel(date(2026, 11, 2)):
        for child in children:
            plan = issued_plan(child, actor, draft=date(2025, 12, 1), final=date(2026, 1, 5))
            plan_services.review_start(
                actor=actor, plan=plan, meeting_planned_for=date(2026, 12, 4),
                expected_version=None,
            )  # fmt: skip
        query = {
            "setting": school.pk, "start_day": "1", "start_month": "12", "start_year": "2026",
            "end_day": "31", "end_month": "12", "end_year": "2026", "method": "post",
        }  # fmt: skip
        client = _client(actor)
        url = reverse("casework:letters-review-invitations")
        preview = client.get(url, query).content.decode()
        assert "Ann Able" in preview, preview[preview.find("govuk-error-summary__list") :][:800]
        assert "The letter has no one to go to" in preview
        assert not SentLetter.objects.exists()
        assert AuditEntry.objects.filter(
            action="view", child=children[1], summary="Listed for annual review invitations"
        ).exists()
        sent = client.post(url, query).content.decode()
        assert "1 invitation sent or added to the print batch" in sent
        (letter,) = SentLetter.objects.all()
        assert letter.child == children[0] and letter.status == SentLetter.Status.TO_POST
        again = client.get(url, query).content.decode()
        assert "already waiting in the print batch" in again
        posted = client.post(reverse("casework:letters-print-batch"), {"letters": [letter.pk]})
        assert "1 letter marked posted" in posted.content.decode()
        after = client.get(url, query).content.decode()
        assert "The invitations to this meeting were sent on 2 November 2026" in after
    step = letter.child.review_cycles.get().step("invitations_sent")
    assert step is not None and step.date == date(2026, 11, 2)
