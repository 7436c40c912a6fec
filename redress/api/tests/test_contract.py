"""The API against its own OpenAPI document: schemathesis generates requests for every operation
(with a token that may do everything, and without one) and runs them in-process through the WSGI
app. No input may give a server error, and every response must match the document."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from redress.accounts.models import Role
from redress.api.services import api_token_issue
from redress.casework.models import AdviceRequest
from redress.casework.tests.factories import (
    ChildFactory,
    CommissionerFactory,
    LocalAuthorityFactory,
    user_with_role,
)
from redress.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
CHECKS = [
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
    content_type_conformance,
]


@pytest.fixture(autouse=True)
def _keep_the_test_connection() -> Iterator[None]:
    """The raw WSGI app closes the database connection after each request (Django's test client
    stops that); closing it would end the test's transaction on PostgreSQL."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(db: None) -> str:
    la = LocalAuthorityFactory()
    icb = CommissionerFactory()
    icb.serves.add(la)
    officer = user_with_role(Role.HEALTH_OFFICER, icb)
    child = ChildFactory(local_authority=la)
    AdviceRequest.objects.create(
        child=child,
        ref="health-1",
        advice_type="health",
        recipient_organisation=icb,
        commissioned_by=la,
        date_sent=date(2026, 9, 1),
    )
    _, raw = api_token_issue(
        actor=None,
        name="contract",
        organisation=icb,
        user=officer,
        scopes=["advice:read", "advice:write", "mediation:read", "deadlines:read"],
        rate_per_minute=100000,
    )
    return raw


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_no_server_errors_and_responses_match_the_document(case: Any, token: str) -> None:
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=3,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_without_a_token_every_operation_answers_401_in_the_documented_form(case: Any) -> None:
    response = case.call_and_validate(checks=CHECKS)
    # 405: schemathesis also probes methods an operation does not have.
    assert response.status_code in (401, 405, 422)


def test_the_document_is_served_and_names_every_operation(client: Any) -> None:
    document = client.get("/api/v1/openapi.json").json()
    assert set(document["paths"]) == {
        "/api/v1/advice-requests",
        "/api/v1/advice-requests/{advice_id}",
        "/api/v1/advice-requests/{advice_id}/received",
        "/api/v1/mediation-cases",
        "/api/v1/deadlines",
    }
    assert client.get("/api/v1/docs").status_code == 200
    # Nothing in the document can carry a mediator's notes.
    assert "note" not in str(document["components"]).lower()
