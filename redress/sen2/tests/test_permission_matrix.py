"""Who may open the SEN2, caseload import and API token pages: every role against every page,
including everything that must be refused. Two authorities (A and B), a child in each."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.test import Client

from redress.accounts.models import Role
from redress.casework.models import CaseEvent
from redress.casework.tests.factories import (
    ChildFactory,
    CommissionerFactory,
    LocalAuthorityFactory,
    OrganisationFactory,
    UserFactory,
    user_with_role,
)

ROLES = (
    "caseworker_a",
    "manager_a",
    "manager_b",
    "health",
    "mediator",
    "parent",
    "admin",
    "nobody",
)

#: page -> the roles that may open it; every other role is refused (403, or sign-in for nobody)
EXPECTED: dict[str, set[str]] = {
    "/sen2/": {"manager_a", "manager_b"},
    "/sen2/?year=2027": {"manager_a", "manager_b"},
    "/sen2/return.xml?year=2027": {"manager_a", "manager_b"},
    "/sen2/failures.csv?year=2027": {"manager_a", "manager_b"},
    "/sen2/missing/": {"caseworker_a", "manager_a", "manager_b"},
    "/sen2/missing/?item=sex&sort=caseworker": {"caseworker_a", "manager_a", "manager_b"},
    "/sen2/missing.csv": {"caseworker_a", "manager_a", "manager_b"},
    "/sen2/child/{child_a}/": {"caseworker_a", "manager_a"},
    "/sen2/child/{child_b}/": {"manager_b"},
    "/sen2/request/{request_a}/": {"caseworker_a", "manager_a"},
    "/sen2/transfer/{transfer_a}/": {"caseworker_a", "manager_a"},
    "/imports/": {"admin"},
    "/api-tokens/": {"admin"},
}


@pytest.fixture
def world(db: None) -> dict[str, Any]:
    la_a, la_b = LocalAuthorityFactory(), LocalAuthorityFactory()
    users = {
        "caseworker_a": user_with_role(Role.LA_CASEWORKER, la_a),
        "manager_a": user_with_role(Role.LA_MANAGER, la_a),
        "manager_b": user_with_role(Role.LA_MANAGER, la_b),
        "health": user_with_role(Role.HEALTH_OFFICER, CommissionerFactory()),
        "mediator": user_with_role(Role.MEDIATOR, OrganisationFactory(kind="mediation_provider")),
        "parent": user_with_role(Role.PARENT_CARER),
        "admin": user_with_role(Role.ADMINISTRATOR),
        "nobody": UserFactory(),
    }
    child_a = ChildFactory(local_authority=la_a)
    request_a = CaseEvent.objects.create(
        child=child_a, type="assessment_requested", date=date(2026, 9, 7)
    )
    transfer_a = CaseEvent.objects.create(
        child=child_a,
        type="plan_transferred_in",
        date=date(2026, 9, 1),
        details={"from_authority": "Westshire", "plan_made": "2024-09-02"},
    )
    return {
        "users": users,
        "transfer_a": transfer_a.pk,
        "child_a": child_a.pk,
        "child_b": ChildFactory(local_authority=la_b).pk,
        "request_a": request_a.pk,
    }


@pytest.mark.parametrize("page", list(EXPECTED))
def test_every_role_against_every_page(
    world: dict[str, Any], page: str, assert_page_matrix: Callable[..., None]
) -> None:
    url = page.format(
        child_a=world["child_a"],
        child_b=world["child_b"],
        request_a=world["request_a"],
        transfer_a=world["transfer_a"],
    )
    assert set(world["users"]) == set(ROLES)
    assert_page_matrix(world["users"], {url: EXPECTED[page]})


def test_an_administrator_sees_and_revokes_only_their_own_organisations_tokens(
    db: None,
) -> None:
    """The API tokens page lists, and revokes, only the tokens of the organisations the
    administrator administers; a superuser sees every organisation's (decision 0184)."""
    from redress.api.models import ApiToken
    from redress.api.services import api_token_issue

    icb_a, icb_b = CommissionerFactory(name="ICB Ayton"), CommissionerFactory(name="ICB Beeby")
    tokens = {}
    for name, icb in (("a", icb_a), ("b", icb_b)):
        officer = user_with_role(Role.HEALTH_OFFICER, icb)
        tokens[name], _ = api_token_issue(
            actor=None, name=f"Tracker {name.upper()}", organisation=icb, user=officer,
            scopes=["advice:read"],
        )  # fmt: skip
    admin_a = user_with_role(Role.ADMINISTRATOR, icb_a)
    superuser = UserFactory(is_superuser=True)
    for user, sees in ((admin_a, {"a"}), (superuser, {"a", "b"})):
        client = Client()
        client.force_login(user)
        page = client.get("/api-tokens/")
        assert page.status_code == 200
        html = page.content.decode()
        for name, token in tokens.items():
            assert (token.prefix in html) is (name in sees), (user, name)
        # The form offers only the organisations the administrator administers.
        assert ("ICB Beeby" in html) is ("b" in sees)
    client = Client()
    client.force_login(admin_a)
    assert client.post(f"/api-tokens/{tokens['b'].pk}/revoke/").status_code == 403
    assert ApiToken.objects.get(pk=tokens["b"].pk).revoked_at is None
    client.post(f"/api-tokens/{tokens['a'].pk}/revoke/")
    assert ApiToken.objects.get(pk=tokens["a"].pk).revoked_at is not None
