"""Every appeals page opens for the people who may use it, at each stage of an appeal, and a
settlement shows the steps to tell the Tribunal beside the written mediation agreement."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from redress.appeals import services
from redress.appeals.tests.helpers import World, extended_appeal, make_world, plan_appeal

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 25)
PDF = b"%PDF-1.4 a small test file"


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def world() -> World:
    return make_world()


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_every_page_of_a_decided_extended_appeal_opens(world: World) -> None:
    appeal = extended_appeal(world)
    services.appeal_send_to_bodies(
        actor=world.caseworker, appeal=appeal, sent_to_health_on=date(2026, 7, 20),
        sent_to_social_care_on=date(2026, 7, 20), expected_version=None,
    )  # fmt: skip
    direction = services.evidence_direction_record(
        actor=world.caseworker, appeal=appeal, body="social_care", kind="witness",
        description="Social worker to attend", directed_by=date(2026, 9, 1), witness_name="A Cole",
    )  # fmt: skip
    recommendation = services.recommendation_record(
        actor=world.caseworker, appeal=appeal, section="H2", made_on=date(2026, 10, 1),
        text="Short breaks.",
    )  # fmt: skip
    services.appeal_decide(
        actor=world.caseworker, appeal=appeal, outcome="upheld", outcome_on=date(2026, 10, 1),
        order_kinds=["amend_contents"], expected_version=None,
    )  # fmt: skip
    order = appeal.orders.get()
    step = services.compliance_step_record(
        actor=world.caseworker, order=order, step="amended_plan", done_on=date(2026, 10, 20),
        note="Sent.", document=SimpleUploadedFile("plan.pdf", PDF),
    )  # fmt: skip
    item = services.appeal_document_upload(
        actor=world.caseworker, appeal=appeal, kind="decision", description="Decision",
        document=SimpleUploadedFile("decision.pdf", PDF),
    )  # fmt: skip
    caseworker = _client(world.caseworker)
    for url in (
        f"/appeals/child/{world.child.pk}/",
        f"/appeals/{appeal.pk}/",
        f"/appeals/{appeal.pk}/progress/",
        f"/appeals/{appeal.pk}/hearing/",
        f"/appeals/{appeal.pk}/sent-to-bodies/",
        f"/appeals/{appeal.pk}/directions/new/",
        f"/appeals/{appeal.pk}/recommendations/new/",
        f"/appeals/{appeal.pk}/documents/new/",
        f"/appeals/{appeal.pk}/orders/{order.pk}/steps/new/",
        f"/appeals/directions/{direction.pk}/provided/",
        f"/appeals/recommendations/{recommendation.pk}/respond/",
        "/appeals/compliance/",
        "/appeals/recommendations/",
    ):
        assert caseworker.get(url).status_code == 200, url
    assert caseworker.get(f"/appeals/documents/{item.pk}/").status_code == 200
    assert caseworker.get(f"/appeals/steps/{step.pk}/document/").status_code == 200
    care = _client(world.socialcare)
    assert care.get(f"/appeals/recommendations/{recommendation.pk}/respond/").status_code == 200
    assert care.get(f"/appeals/directions/{direction.pk}/provided/").status_code == 200
    assert care.get(f"/appeals/documents/{item.pk}/").status_code == 403
    assert care.get(f"/appeals/steps/{step.pk}/document/").status_code == 403
    assert _client(world.parent).get(f"/appeals/documents/{item.pk}/").status_code == 200


def test_settlement_in_mediation_shows_the_agreement_and_the_steps(world: World) -> None:
    from redress.agreements.models import AgreedAction, MediationAgreement
    from redress.mediation.models import MediationCase

    appeal = plan_appeal(world)
    case = MediationCase.objects.create(
        child=world.child, provider=world.provider, decision="plan_contents",
        decision_notice_date=date(2026, 6, 1),
    )  # fmt: skip
    agreement = MediationAgreement.objects.create(case=case, made_on=date(2026, 10, 1))
    AgreedAction.objects.create(
        agreement=agreement, ref="act-1", what="Name weekly therapy in section F",
        who="SEND caseworker", measure="Amended plan issued", kind="amend_contents",
        timing="statutory", plan_section="F",
    )  # fmt: skip
    client = _client(world.caseworker)
    assert (
        "Link the written mediation agreement"
        in client.get(f"/appeals/{appeal.pk}/settlement/").content.decode()
    )
    response = client.post(
        f"/appeals/{appeal.pk}/settlement/",
        {
            "agreed_on_day": "1", "agreed_on_month": "10", "agreed_on_year": "2026",
            "route": "mediation", "ending": "withdraw", "terms": "Therapy named in F.",
            "link_agreement": "on",
        },
        follow=True,
    )  # fmt: skip
    text = response.content.decode()
    assert appeal.settlement.agreement_id == agreement.pk
    assert "withdraw the appeal" in text
    assert "Name weekly therapy in section F" in text
    assert "(linked to this settlement)" in text
    sent = client.post(
        f"/appeals/{appeal.pk}/settlement/sent/",
        {"version": "1", "sent_on_day": "3", "sent_on_month": "10", "sent_on_year": "2026"},
        follow=True,
    )
    assert "Withdrawn by the family" in sent.content.decode()
