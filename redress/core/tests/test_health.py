"""Health endpoints: live without the database, ready only with it, and nothing personal."""

from __future__ import annotations

import json
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client


def test_live_needs_no_database(client: Client) -> None:
    response = client.get("/health/live")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok"}


@pytest.mark.django_db
def test_ready_when_the_database_answers(client: Client) -> None:
    response = client.get("/health/ready")
    assert response.status_code == 200
    assert json.loads(response.content)["database"] == "ok"


@pytest.mark.django_db
def test_not_ready_when_the_database_fails_and_the_reason_stays_in_the_log(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    with mock.patch(
        "redress.core.health.MigrationExecutor",
        side_effect=OperationalError("connection to server at 10.0.0.5 refused"),
    ):
        response = client.get("/health/ready")
    assert response.status_code == 503
    assert json.loads(response.content) == {"status": "unavailable", "database": "error"}
    assert b"10.0.0.5" not in response.content
    assert "did not answer" in caplog.text


def test_json_log_lines() -> None:
    import logging

    from redress.core.logging import JsonFormatter

    record = logging.LogRecord("redress", logging.WARNING, __file__, 1, "slow %s", ("page",), None)
    line = json.loads(JsonFormatter().format(record))
    assert line["level"] == "WARNING"
    assert line["message"] == "slow page"
    assert line["logger"] == "redress"
