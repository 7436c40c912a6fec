"""The children lacking SEN2 items: filtered by item, caseworker, team and search, sorted, 50 a
page, and downloaded as CSV (audited, never cached) by those who may see the page."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from redress.accounts.models import Role
from redress.audit.models import AuditEntry
from redress.casework.models import CaseEvent, Child
from redress.casework.tests.factories import ChildFactory, LocalAuthorityFactory, user_with_role
from redress.sen2.models import ChildReturnItems, RequestReturnItems

pytestmark = pytest.mark.django_db

COMPLETE = {"sex": "F", "ethnicity": "WBRI", "upn_unknown": "UN1", "sen_type_primary": "ASD"}


def _requested(child: Child, source: str = "1") -> None:
    event = CaseEvent.objects.create(
        child=child, type="assessment_requested", date=date(2026, 9, 7)
    )
    if source:
        RequestReturnItems.objects.create(event=event, request_source=source)


def _child(la: Any, last: str, *, source: str = "1", **items: str) -> Child:
    child = ChildFactory(local_authority=la, first_name="Kit", last_name=last, upn="", uln="")
    ChildReturnItems.objects.create(child=child, **{**COMPLETE, **items})
    _requested(child, source)
    return child


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _csv(response: Any) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


def _names(response: Any) -> list[str]:
    return [child.last_name for child, _ in response.context["rows"]]


def test_filters_narrow_and_sorts_order_in_the_database() -> None:
    la = LocalAuthorityFactory()
    manager = user_with_role(Role.LA_MANAGER, la)
    worker = user_with_role(Role.LA_CASEWORKER, la)
    no_sex = _child(la, "Ash", sex="")
    no_source = _child(la, "Birch", source="")
    no_ethnicity = _child(la, "Cedar", ethnicity="")
    Child.objects.filter(pk=no_ethnicity.pk).update(caseworker=worker, team="North")
    _child(la, "Complete")  # lacks nothing: never listed
    client = _client(manager)
    url = reverse("sen2:missing")
    assert _names(client.get(url)) == ["Ash", "Birch", "Cedar"]
    assert _names(client.get(url, {"item": "sex"})) == ["Ash"]
    assert _names(client.get(url, {"item": "request"})) == ["Birch"]
    assert _names(client.get(url, {"caseworker": worker.pk})) == ["Cedar"]
    assert _names(client.get(url, {"caseworker": "none"})) == ["Ash", "Birch"]
    assert _names(client.get(url, {"team": "North"})) == ["Cedar"]
    assert _names(client.get(url, {"q": "birch"})) == ["Birch"]
    assert _names(client.get(url, {"sort": "caseworker"}))[0] in {"Ash", "Birch", "Cedar"}
    assert no_sex and no_source
    # A choice no longer offered is shown as an error; the list still opens.
    wrong = client.get(url, {"item": "shoe size"})
    assert wrong.status_code == 200 and _names(wrong) == ["Ash", "Birch", "Cedar"]


def test_the_list_shows_50_a_page() -> None:
    la = LocalAuthorityFactory()
    for n in range(51):
        _child(la, f"Name{n:02d}", sex="")
    client = _client(user_with_role(Role.LA_CASEWORKER, la))
    url = reverse("sen2:missing")
    first = client.get(url)
    assert first.context["page"].paginator.count == 51 and len(first.context["rows"]) == 50
    assert "no-store" in first["Cache-Control"]
    assert _names(client.get(url, {"page": 2})) == ["Name50"]


def test_the_csv_has_every_row_as_filtered_audited_and_not_cached() -> None:
    la = LocalAuthorityFactory()
    _child(la, "Ash", sex="")
    _child(la, "Birch", source="")
    caseworker = user_with_role(Role.LA_CASEWORKER, la)
    response = _client(caseworker).get(reverse("sen2:missing-export"), {"item": "request"})
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    rows = _csv(response)
    assert rows[0] == [
        "Case number", "Child or young person", "Date of birth", "UPN", "ULN", "Caseworker",
        "Team", "Lacks",
    ]  # fmt: skip
    assert [(row[1], row[7]) for row in rows[1:]] == [
        ("Kit Birch", "who made the request of 7 September 2026")
    ]
    entry = AuditEntry.objects.get(action="download", actor=caseworker)
    assert "lacking SEN2 items" in entry.summary


def test_the_csv_is_for_the_authoritys_staff_only() -> None:
    la = LocalAuthorityFactory()
    _child(la, "Ash", sex="")
    other = user_with_role(Role.LA_MANAGER, LocalAuthorityFactory())
    assert _csv(_client(other).get(reverse("sen2:missing-export")))[1:] == []
    parent = user_with_role(Role.PARENT_CARER)
    assert _client(parent).get(reverse("sen2:missing-export")).status_code == 403
    assert not AuditEntry.objects.filter(action="download", actor=parent).exists()
