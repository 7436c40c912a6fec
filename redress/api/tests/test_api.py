"""What an organisation's system may do through the API, and what it may not."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client

from redress.accounts.models import Role
from redress.api.models import ApiToken
from redress.api.services import api_token_issue, api_token_revoke
from redress.audit.models import AuditEntry
from redress.casework.deadlines import deadlines_recompute
from redress.casework.models import AdviceRequest, CaseEvent
from redress.casework.tests.factories import (
    ChildFactory,
    CommissionerFactory,
    LocalAuthorityFactory,
    OrganisationFactory,
    user_with_role,
)
from redress.mediation.models import MediationCase

TODAY = date(2026, 10, 14)


@pytest.fixture(autouse=True)
def _today():
    cache.clear()
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def world(db: None) -> dict[str, Any]:
    la = LocalAuthorityFactory()
    icb, other_icb = CommissionerFactory(), CommissionerFactory()
    officer = user_with_role(Role.HEALTH_OFFICER, icb)
    manager = user_with_role(Role.LA_MANAGER, la)
    child = ChildFactory(local_authority=la, first_name="Ada")
    CaseEvent.objects.create(child=child, type="assessment_requested", date=date(2026, 9, 1))
    ours = AdviceRequest.objects.create(
        child=child,
        ref="health-1",
        advice_type="health",
        recipient_organisation=icb,
        commissioned_by=la,
        date_sent=date(2026, 9, 2),
    )
    other_child = ChildFactory(local_authority=la, first_name="Ben")
    theirs = AdviceRequest.objects.create(
        child=other_child,
        ref="health-1",
        advice_type="health",
        recipient_organisation=other_icb,
        commissioned_by=la,
        date_sent=date(2026, 9, 2),
    )
    deadlines_recompute(child=child, today=TODAY)
    return {
        "la": la,
        "icb": icb,
        "officer": officer,
        "manager": manager,
        "child": child,
        "ours": ours,
        "theirs": theirs,
    }


def _client(world: dict[str, Any], scopes: list[str], **kwargs: Any) -> tuple[Client, ApiToken]:
    token, raw = api_token_issue(
        actor=None,
        name="ICB tracker",
        organisation=world["icb"],
        user=world["officer"],
        scopes=scopes,
        **kwargs,
    )
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}"), token


def test_an_icb_reads_only_the_advice_requests_sent_to_it(world: dict[str, Any]) -> None:
    client, _ = _client(world, ["advice:read"])
    body = client.get("/api/v1/advice-requests").json()
    assert body["count"] == 1
    row = body["results"][0]
    assert row["id"] == world["ours"].pk and row["status"] == "open"
    assert row["due"] == "2026-10-14"  # read from the deadline table: 6 weeks from sending
    assert client.get(f"/api/v1/advice-requests/{world['theirs'].pk}").status_code == 403
    assert client.get("/api/v1/advice-requests?status=received").json()["count"] == 0
    assert client.get("/api/v1/advice-requests?sent_from=2026-09-03").json()["count"] == 0
    assert AuditEntry.objects.filter(summary__startswith="API (ICB tracker").exists()


def test_recording_advice_received_needs_the_current_etag(world: dict[str, Any]) -> None:
    client, _ = _client(world, ["advice:read", "advice:write"])
    url = f"/api/v1/advice-requests/{world['ours'].pk}"
    etag = client.get(url)["ETag"]
    post = {
        "path": f"{url}/received",
        "data": {"date_received": "2026-10-01"},
        "content_type": "application/json",
    }
    assert client.post(**post).status_code == 428
    assert client.post(**post, HTTP_IF_MATCH='"stale"').status_code == 412
    done = client.post(**post, HTTP_IF_MATCH=etag)
    assert done.status_code == 200, done.json()
    assert done.json()["status"] == "received" and done["ETag"] != etag
    world["ours"].refresh_from_db()
    assert world["ours"].date_received == date(2026, 10, 1)
    # The same service as the page: the deadline is now met, and the change is audited.
    assert world["child"].deadlines.get(rule="advice.response").met_on == date(2026, 10, 1)
    assert AuditEntry.objects.filter(child=world["child"], action="update").count() >= 2
    # The old tag no longer matches.
    assert client.post(**post, HTTP_IF_MATCH=etag).status_code == 412
    # The service's own checks come back as a clear error.
    fresh = client.get(url)["ETag"]
    early = client.post(
        f"{url}/received",
        {"date_received": "2026-08-01"},
        content_type="application/json",
        HTTP_IF_MATCH=fresh,
    )
    assert early.status_code == 400
    assert "before it was requested" in early.json()["detail"]


def test_an_unchanged_advice_request_answers_304_to_if_none_match(
    world: dict[str, Any],
) -> None:
    client, _ = _client(world, ["advice:read", "advice:write"])
    url = f"/api/v1/advice-requests/{world['ours'].pk}"
    etag = client.get(url)["ETag"]
    unchanged = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert unchanged.status_code == 304 and unchanged.content == b""
    assert unchanged["ETag"] == etag
    assert client.get(url, HTTP_IF_NONE_MATCH=f'"other", W/{etag}').status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH='"other"').status_code == 200
    client.post(
        f"{url}/received",
        {"date_received": "2026-10-01"},
        content_type="application/json",
        HTTP_IF_MATCH=etag,
    )
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed.json()["status"] == "received"


def test_a_request_withdrawn_as_sent_in_error_leaves_the_list(world: dict[str, Any]) -> None:
    from redress.casework.services import advice_request_withdraw

    client, _ = _client(world, ["advice:read"])
    url = f"/api/v1/advice-requests/{world['ours'].pk}"
    etag = client.get(url)["ETag"]
    advice_request_withdraw(
        actor=world["manager"],
        advice_request=world["ours"],
        reason="Sent to the wrong board",
        expected_version=world["ours"].version,
    )
    assert client.get("/api/v1/advice-requests").json()["count"] == 0
    read = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert read.status_code == 200 and read.json()["withdrawn"] is True


def test_scopes_limit_a_token(world: dict[str, Any]) -> None:
    client, _ = _client(world, ["advice:read"])
    url = f"/api/v1/advice-requests/{world['ours'].pk}"
    etag = client.get(url)["ETag"]
    refused = client.post(
        f"{url}/received",
        {"date_received": "2026-10-01"},
        content_type="application/json",
        HTTP_IF_MATCH=etag,
    )
    assert refused.status_code == 403
    assert refused.json() == {
        "detail": "This token lacks the scope advice:write.",
        "code": "forbidden",
    }
    assert client.get("/api/v1/deadlines").status_code == 403


def test_a_revoked_token_is_refused(world: dict[str, Any]) -> None:
    client, token = _client(world, ["advice:read"])
    assert client.get("/api/v1/advice-requests").status_code == 200
    api_token_revoke(actor=None, token=token)
    response = client.get("/api/v1/advice-requests")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"
    assert ApiToken.objects.get(pk=token.pk).hashed != token.prefix  # only the hash is kept


def test_rate_limit_per_token(world: dict[str, Any]) -> None:
    client, _ = _client(world, ["advice:read"], rate_per_minute=2)
    assert client.get("/api/v1/advice-requests").status_code == 200
    assert client.get("/api/v1/advice-requests").status_code == 200
    limited = client.get("/api/v1/advice-requests")
    assert limited.status_code == 429
    assert limited["Retry-After"] == "60" and limited.json()["code"] == "rate_limited"


def test_a_provider_reads_its_mediation_cases_without_notes(world: dict[str, Any]) -> None:
    provider = OrganisationFactory(kind="mediation_provider")
    manager = user_with_role(Role.MEDIATION_CASE_MANAGER, provider)
    MediationCase.objects.create(
        child=world["child"],
        provider=provider,
        decision="not_assess",
        decision_notice_date=date(2026, 9, 20),
    )
    token, raw = api_token_issue(
        actor=None,
        name="Provider CMS",
        organisation=provider,
        user=manager,
        scopes=["mediation:read"],
    )
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    body = client.get("/api/v1/mediation-cases").json()
    assert body["count"] == 1
    assert not any("note" in key for key in body["results"][0])
    assert client.get("/api/v1/mediation-cases?decision_from=2026-10-01").json()["count"] == 0


def test_an_authority_reads_its_deadlines(world: dict[str, Any]) -> None:
    token, raw = api_token_issue(
        actor=None,
        name="BI",
        organisation=world["la"],
        user=world["manager"],
        scopes=["deadlines:read"],
    )
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    body = client.get("/api/v1/deadlines").json()
    assert {d["rule"] for d in body["results"]} >= {"assessment.decision", "advice.response"}
    # Each row says which event started its clock.
    decision = next(d for d in body["results"] if d["rule"] == "assessment.decision")
    assert decision["start_event"] == "assessment_requested"
    assert decision["start_date"] is not None
    assert client.get("/api/v1/deadlines?due_to=2026-10-01").json()["count"] == 0
    assert client.get("/api/v1/deadlines?page=0").status_code == 422


def test_only_an_administrator_issues_tokens_and_sees_the_secret_once(world) -> None:
    admin = user_with_role(Role.ADMINISTRATOR, world["icb"])
    page = Client()
    page.force_login(world["manager"])
    assert page.get("/api-tokens/").status_code == 403
    page.force_login(admin)
    issued = page.post(
        "/api-tokens/",
        {
            "name": "ICB tracker",
            "organisation": world["icb"].pk,
            "user": world["officer"].pk,
            "scopes": ["advice:read"],
            "rate_per_minute": 60,
        },
    )
    assert issued.status_code == 200
    html = issued.content.decode()
    assert "rdx_" in html and "shown only once" in html
    token = ApiToken.objects.get()
    assert token.scopes == ["advice:read"] and token.hashed not in html
    wrong = page.post(
        "/api-tokens/",
        {
            "name": "x",
            "organisation": world["la"].pk,
            "user": world["officer"].pk,
            "scopes": ["advice:read"],
            "rate_per_minute": 60,
        },
    )
    assert wrong.status_code == 400  # not an organisation this administrator administers
    page.post(f"/api-tokens/{token.pk}/revoke/")
    assert ApiToken.objects.get().revoked_at is not None


def test_the_interactive_docs_load_their_files_from_redress_not_a_cdn(client: Any) -> None:
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    page = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "cdn." not in page
    assert "script-src 'self'" in response["Content-Security-Policy"]
