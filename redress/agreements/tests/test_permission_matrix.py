"""Every role against the agreement, its action and two expenses claims, for every action; and the
list selectors agree with the object permissions. Anything not listed must be refused."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser

from redress.agreements import selectors, services
from redress.agreements.tests.helpers import build_world
from redress.casework.models import Consent

pytestmark = pytest.mark.django_db

AGREED = date(2026, 11, 18)
TODAY = date(2026, 12, 1)

AGREEMENT_PERMS = (
    "agreements.view_agreement",
    "agreements.change_agreement",
    "agreements.record_action_done",
    "agreements.report_action_not_done",
)
CLAIM_PERMS = ("agreements.view_claim", "agreements.decide_claim")

PARTIES_VIEW = {"agreements.view_agreement"}
# The mediator and case manager also record a report the family made to them by phone. Only the
# case manager (who follows the agreement up) records another party's action as done.
PROVIDER_WRITES = {
    "agreements.change_agreement",
    "agreements.report_action_not_done",
}
EXPECTED: dict[str, dict[str, set[str]]] = {
    "mediator": {
        "agreement": {*PARTIES_VIEW, *PROVIDER_WRITES},
        "family_claim": {"agreements.view_claim"},
        "supporter_claim": {"agreements.view_claim"},
    },
    "case_manager": {
        "agreement": {*PARTIES_VIEW, *PROVIDER_WRITES, "agreements.record_action_done"},
        "family_claim": {"agreements.view_claim"},
        "supporter_claim": {"agreements.view_claim"},
    },
    "adviser": {
        "agreement": PARTIES_VIEW,
        "family_claim": {"agreements.view_claim"},
        "supporter_claim": {"agreements.view_claim"},
    },
    "caseworker": {
        "agreement": {*PARTIES_VIEW, "agreements.record_action_done"},
        "family_claim": set(CLAIM_PERMS),
        "supporter_claim": set(CLAIM_PERMS),
    },
    # The ICB may record its own actions done, not the authority's (the matrix action is the
    # authority's: an amendment of section F).
    "health": {
        "agreement": {*PARTIES_VIEW, "agreements.record_action_done"},
        "action": PARTIES_VIEW,
    },
    "parent": {
        "agreement": {*PARTIES_VIEW, "agreements.report_action_not_done"},
        "family_claim": {"agreements.view_claim"},
        "supporter_claim": {"agreements.view_claim"},
    },
    # With consent: sees the agreement and reports, sees only the claim they put in.
    "supporter": {
        "agreement": {*PARTIES_VIEW, "agreements.report_action_not_done"},
        "supporter_claim": {"agreements.view_claim"},
    },
    "withdrawn_supporter": {},
    "stranger_supporter": {},
    "other_mediator": {},
    "other_caseworker": {},
    "other_health": {},
    "administrator": {},
    "nobody": {},
    "anonymous": {},
}


@pytest.fixture
def scenario() -> Any:
    with time_machine.travel(TODAY, tick=False):
        world = build_world(held_on=AGREED)
        users = dict(world.users)
        users["anonymous"] = AnonymousUser()
        # A second supporter whose consent was withdrawn yesterday.
        withdrawn = users["stranger_supporter"].__class__.objects.create_user(
            username="withdrawn_supporter"
        )
        Consent.objects.create(
            child=world.case.child, given_by=world.case.child.family.get(), supporter=withdrawn,
            given_on=date(2026, 9, 2), withdrawn_on=date(2026, 11, 30),
        )  # fmt: skip
        users["withdrawn_supporter"] = withdrawn
        mediator = users["mediator"]
        agreement = services.agreement_create(
            actor=mediator, case=world.case, made_on=AGREED, la_party=True, health_party=True
        )
        action = services.action_add(
            actor=mediator, agreement=agreement, expected_version=agreement.version,
            what="Amend section F", who="Northwick SEND team", measure="Amended plan sent",
            kind="amend_contents", timing="statutory", agreed_due=None, plan_section="F",
        )  # fmt: skip
        objects = {
            "agreement": agreement,
            "action": action,
            "family_claim": services.expenses_claim_submit(
                actor=users["parent"], case=world.case, claimant_name="Jo", category="travel",
                description="Bus", amount=Decimal("5"), incurred_on=AGREED,
                payer="local_authority",
            ),
            "supporter_claim": services.expenses_claim_submit(
                actor=users["supporter"], case=world.case, claimant_name="Sam",
                category="travel", description="Train", amount=Decimal("12.50"),
                incurred_on=AGREED, payer="local_authority",
            ),
        }  # fmt: skip
        yield users, objects


@pytest.mark.parametrize("username", list(EXPECTED))
def test_matrix(scenario: Any, username: str) -> None:
    users, objects = scenario
    user = users[username]
    expected = EXPECTED[username]
    with time_machine.travel(TODAY, tick=False):
        for perm in AGREEMENT_PERMS:
            granted = perm in expected.get("agreement", set())
            assert user.has_perm(perm, objects["agreement"]) is granted, (username, perm)
            # An action answers as its agreement does, unless the action is another party's.
            granted = perm in expected.get("action", expected.get("agreement", set()))
            assert user.has_perm(perm, objects["action"]) is granted, (username, perm, "action")
        for name in ("family_claim", "supporter_claim"):
            for perm in CLAIM_PERMS:
                granted = perm in expected.get(name, set())
                assert user.has_perm(perm, objects[name]) is granted, (username, perm, name)
        visible = set(selectors.agreements_visible_to(user))
        assert (objects["agreement"] in visible) is (
            "agreements.view_agreement" in expected.get("agreement", set())
        ), username
        claims = set(selectors.claims_visible_to(user))
        for name in ("family_claim", "supporter_claim"):
            assert (objects[name] in claims) is (
                "agreements.view_claim" in expected.get(name, set())
            ), (username, name)


def test_la_not_a_party_does_not_see_a_health_only_agreement(scenario: Any) -> None:
    users, objects = scenario
    agreement = objects["agreement"]
    agreement.la_party = False
    agreement.save()
    with time_machine.travel(TODAY, tick=False):
        assert not users["caseworker"].has_perm("agreements.view_agreement", agreement)
        assert agreement not in set(selectors.agreements_visible_to(users["caseworker"]))
        assert users["health"].has_perm("agreements.view_agreement", agreement)


# The correction pages (decision 0100) open for exactly those who may record the step.
@pytest.mark.parametrize("username", list(EXPECTED))
def test_correction_pages_open_only_for_those_who_may_record_the_step(
    scenario: Any, username: str
) -> None:
    from django.test import Client
    from django.urls import reverse

    users, objects = scenario
    agreement, action = objects["agreement"], objects["action"]
    expected = EXPECTED[username].get("agreement", set())
    with time_machine.travel(TODAY, tick=False):
        action.done_on = AGREED
        action.save()
        client = Client()
        if users[username].is_authenticated:
            client.force_login(users[username])
        on_action = EXPECTED[username].get("action", expected)
        for url, perm, granted in (
            (
                reverse("agreements:agreement-correct", args=[agreement.pk]),
                "change_agreement",
                expected,
            ),
            (
                reverse("agreements:action-done-correct", args=[agreement.pk, action.pk]),
                "record_action_done",
                on_action,
            ),
        ):
            status = client.get(url).status_code
            assert (status == 200) is (f"agreements.{perm}" in granted), (username, url, status)


# The lists' downloads (decision 0140): for the professionals who work on agreements and claims,
# each carrying exactly the rows its reader may see; refused to everyone else.
EXPORTERS = {"mediator", "case_manager", "adviser", "caseworker", "health", "other_mediator",
             "other_caseworker", "other_health"}  # fmt: skip


@pytest.mark.parametrize("username", list(EXPECTED))
def test_the_lists_download_only_what_their_reader_may_see(scenario: Any, username: str) -> None:
    import csv
    import io

    from django.test import Client
    from django.urls import reverse

    users, objects = scenario
    client = Client()
    if users[username].is_authenticated:
        client.force_login(users[username])
    with time_machine.travel(TODAY, tick=False):
        for url_name, name, perm in (
            ("agreements:list-export", "agreement", "agreements.view_agreement"),
            ("agreements:expenses-export", "family_claim", "agreements.view_claim"),
        ):
            response = client.get(reverse(url_name))
            if username == "anonymous":
                assert response.status_code == 302
            elif username not in EXPORTERS:
                assert response.status_code == 403, (username, url_name)
            else:
                body = b"".join(response.streaming_content).decode("utf-8-sig")
                ids = {row[0] for row in list(csv.reader(io.StringIO(body)))[1:]}
                seen = perm in EXPECTED[username].get(name, set())
                assert (str(objects[name].pk) in ids) is seen, (username, url_name)
