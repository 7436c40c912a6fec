"""An authority's manager answers a subject access request: who looked at a child's record and
when, as a streamed CSV that a spreadsheet opens without running anything in it."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from redress.accounts.models import Role
from redress.casework.tests.factories import ChildFactory, LocalAuthorityFactory, user_with_role
from redress.core.csv import spreadsheet_safe

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _csv(response: Any) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


def test_the_manager_downloads_who_looked_at_the_record() -> None:
    la = LocalAuthorityFactory()
    child = ChildFactory(local_authority=la)
    snoop = user_with_role(Role.LA_CASEWORKER, la, first_name="=HYPERLINK(1)", last_name="X")
    manager = user_with_role(Role.LA_MANAGER, la)
    _client(snoop).get(reverse("casework:case-detail", args=[child.pk]))
    _client(snoop).get(reverse("casework:child-edit", args=[child.pk]))

    url = reverse("casework:child-trail-csv", args=[child.pk]) + "?reads=1"
    response = _client(manager).get(url)
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"].startswith("text/csv")
    assert "no-store" in response["Cache-Control"]
    header, *rows = _csv(response)
    assert header[:5] == ["when (UTC)", "who", "username", "action", "what"]
    pages = {row[5] for row in rows if row[2] == snoop.username}
    assert pages == {"casework:case-detail", "casework:child-edit"}
    assert all(row[1] == "'=HYPERLINK(1) X" for row in rows if row[2] == snoop.username)
    # The download itself is recorded.
    again = _csv(_client(manager).get(url))
    assert any(row[2] == manager.username and row[3] == "Downloaded a document" for row in again)


def test_only_the_authoritys_manager_may_export() -> None:
    la = LocalAuthorityFactory()
    child = ChildFactory(local_authority=la)
    caseworker = user_with_role(Role.LA_CASEWORKER, la)
    other_manager = user_with_role(Role.LA_MANAGER, LocalAuthorityFactory())
    url = reverse("casework:child-trail-csv", args=[child.pk])
    assert _client(caseworker).get(url).status_code == 403
    assert _client(other_manager).get(url).status_code == 403


@pytest.mark.parametrize("text", ["=1+1", "+1+1", "-1-1", "@SUM(A1)", "\tx", "\rx"])
def test_formula_cells_are_escaped(text: str) -> None:
    assert spreadsheet_safe(text) == "'" + text
    assert spreadsheet_safe("Jo Example") == "Jo Example"
