"""The dashboard at scale: counts per section, 50 rows a page, sorting, the caseload switch and
the CSV export, with overdue decided by today's date rather than the last recompute."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from redress.audit.models import AuditEntry
from redress.casework.models import Deadline
from redress.casework.tests.factories import (
    ChildFactory,
    LocalAuthorityFactory,
    Role,
    user_with_role,
)

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 25)  # a Wednesday
# A caseworker's dashboard opens on their own caseload; these children are nobody's yet.
WHOLE = {"scope": "authority"}


@pytest.fixture
def la() -> Any:
    return LocalAuthorityFactory.create(name="Northshire County Council")


@pytest.fixture
def casey(la: Any) -> Any:
    return user_with_role(Role.LA_CASEWORKER, la, first_name="Casey", last_name="Worker")


@pytest.fixture
def sam(la: Any) -> Any:
    return user_with_role(Role.LA_CASEWORKER, la, first_name="Sam", last_name="Other")


def _overdue(child: Any, days_ago: int, *, stored: str = "overdue") -> Deadline:
    return Deadline.objects.create(
        child=child, rule="assessment.decision", kind="by", due=TODAY - timedelta(days=days_ago),
        status=stored, actor="local_authority", citation="SEND Regulations 2014 reg 4(2)",
        evidence="primary", explanation="6 weeks from the request",
        title="Decide whether to carry out an EHC needs assessment",
        organisation=child.local_authority,
    )  # fmt: skip


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@time_machine.travel(TODAY)
def test_a_long_section_shows_its_count_and_fifty_rows_a_page(la: Any, casey: Any) -> None:
    for n in range(120):
        _overdue(ChildFactory.create(last_name=f"Child{n:03d}", local_authority=la), n + 1)
    client = _client(casey)
    html = client.get(reverse("casework:dashboard"), WHOLE).content.decode()
    assert "Overdue: 120" in html
    # The 50 longest overdue come first when sorted by date: Child119 down to Child070.
    assert len(set(re.findall(r"Child\d{3}", html))) == 50
    assert "Child119" in html and "Child070" in html and "Child069" not in html
    assert "Rows 1 to 50 of 120" in html
    assert "1 of 3" in html
    html = client.get(reverse("casework:dashboard"), {**WHOLE, "overdue-page": 3}).content.decode()
    assert "Rows 101 to 120 of 120" in html
    assert "Child000" in html and "Child119" not in html
    html = client.get(reverse("casework:dashboard"), {**WHOLE, "sort": "-due"}).content.decode()
    assert "Child000" in html and "Child119" not in html


@time_machine.travel(TODAY)
def test_a_deadline_stored_as_pending_is_overdue_the_day_after_its_due_date(
    la: Any, casey: Any
) -> None:
    _overdue(ChildFactory.create(last_name="Yesterday", local_authority=la), 1, stored="pending")
    html = _client(casey).get(reverse("casework:dashboard"), WHOLE).content.decode()
    assert "Overdue: 1" in html
    assert "Yesterday" in html


@time_machine.travel(TODAY)
def test_my_caseload_my_team_and_the_whole_authority(la: Any, casey: Any, sam: Any) -> None:
    casey.memberships.update(team="North")
    _overdue(ChildFactory.create(last_name="Mine", local_authority=la, caseworker=casey,
                                 team="North"), 3)  # fmt: skip
    _overdue(ChildFactory.create(last_name="Teams", local_authority=la, caseworker=sam,
                                 team="North"), 3)  # fmt: skip
    _overdue(ChildFactory.create(last_name="Southern", local_authority=la, caseworker=sam,
                                 team="South"), 3)  # fmt: skip
    client = _client(casey)

    def shown(scope: str) -> set[str]:
        html = client.get(reverse("casework:dashboard"), {"scope": scope}).content.decode()
        return {name for name in ("Mine", "Teams", "Southern") if name in html}

    assert shown("mine") == {"Mine"}
    assert shown("team") == {"Mine", "Teams"}
    assert shown("authority") == {"Mine", "Teams", "Southern"}


@time_machine.travel(TODAY)
def test_the_export_streams_every_row_of_a_section_and_is_audited(la: Any, casey: Any) -> None:
    for n in range(60):
        _overdue(ChildFactory.create(last_name=f"Child{n:03d}", local_authority=la), n + 1)
    _overdue(ChildFactory.create(last_name="=HYPERLINK(1)", local_authority=la), 2)
    response = _client(casey).get(
        reverse("casework:dashboard-export"), {**WHOLE, "section": "overdue", "sort": "child"}
    )
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"].startswith("text/csv")
    assert "no-store" in response["Cache-Control"]
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][0] == "Child or young person"
    assert len(rows) == 62
    assert all(not row[0].startswith("=") for row in rows[1:])
    assert AuditEntry.objects.filter(actor=casey, action="download").exists()


def test_another_authority_exports_nothing_of_ours(la: Any) -> None:
    with time_machine.travel(TODAY):
        _overdue(ChildFactory.create(last_name="Ours", local_authority=la), 2)
        outsider = user_with_role(Role.LA_CASEWORKER, LocalAuthorityFactory.create())
        response = _client(outsider).get(reverse("casework:dashboard-export"))
        assert b"Ours" not in b"".join(response.streaming_content)
        family = user_with_role(Role.PARENT_CARER)
        assert _client(family).get(reverse("casework:dashboard-export")).status_code == 403


def test_an_unknown_section_is_not_found(casey: Any) -> None:
    response = _client(casey).get(reverse("casework:dashboard-export"), {"section": "all"})
    assert response.status_code == 404
