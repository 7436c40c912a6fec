"""The casework lists that grow with the caseload: a case's audit trail and the register of
declared conflicts. Each is filtered, sorted, paged 50 at a time and exported as CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from redress.accounts.models import Organisation, Role
from redress.audit.models import AuditEntry
from redress.casework.models import DeclaredConflict
from redress.casework.tests.factories import (
    ChildFactory,
    LocalAuthorityFactory,
    OrganisationFactory,
    user_with_role,
)

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 25)


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel(datetime(2026, 11, 25, 12, tzinfo=UTC), tick=False):
        yield


@pytest.fixture
def la() -> Organisation:
    return LocalAuthorityFactory.create(name="Northshire County Council")


@pytest.fixture
def caseworker(la: Organisation) -> Any:
    return user_with_role(Role.LA_CASEWORKER, la, first_name="Casey", last_name="Worker")


@pytest.fixture
def manager(la: Organisation) -> Any:
    return user_with_role(Role.LA_MANAGER, la, first_name="Mo", last_name="Manager")


@pytest.fixture
def child(la: Organisation) -> Any:
    return ChildFactory.create(local_authority=la, first_name="Amara", last_name="Example")


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _csv(response: Any) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


# -- A case's audit trail -----------------------------------------------------------------------


def _trail(child: Any, caseworker: Any, manager: Any) -> None:
    """60 reads by the caseworker on 1 November, then one change by the manager on 20 November."""
    AuditEntry.objects.bulk_create(
        AuditEntry(actor=caseworker, action="view", object_type="casework.Child", child=child,
                   summary=f"Viewed the case ({n})")
        for n in range(60)
    )  # fmt: skip
    AuditEntry.objects.filter(child=child).update(at=datetime(2026, 11, 1, 9, tzinfo=UTC))
    change = AuditEntry.objects.create(
        actor=manager, action="update", object_type="casework.Child", child=child,
        summary="Changed the setting",
    )  # fmt: skip
    AuditEntry.objects.filter(pk=change.pk).update(at=datetime(2026, 11, 20, 9, tzinfo=UTC))


def test_the_audit_trail_filters_by_action_person_and_dates(
    child: Any, caseworker: Any, manager: Any
) -> None:
    _trail(child, caseworker, manager)
    url = reverse("casework:case-audit", args=[child.pk])
    client = _client(manager)
    changes = client.get(url, {"action": "update"}).context["page"]
    assert [e.summary for e in changes.object_list] == ["Changed the setting"]
    by_caseworker = client.get(url, {"who": caseworker.pk}).context["page"]
    assert by_caseworker.paginator.count == 60
    late = client.get(url, {"since_day": "10", "since_month": "11", "since_year": "2026"})
    assert [e.summary for e in late.context["page"].object_list if e.action == "update"] == [
        "Changed the setting"
    ]
    assert not any(e.summary.startswith("Viewed the case (") for e in late.context["page"])
    early = client.get(url, {"until_day": "2", "until_month": "11", "until_year": "2026"})
    assert early.context["page"].paginator.count == 60


def test_the_audit_trail_sorts_and_pages_at_50(child: Any, caseworker: Any, manager: Any) -> None:
    _trail(child, caseworker, manager)
    url = reverse("casework:case-audit", args=[child.pk])
    client = _client(manager)
    newest = client.get(url, {"action": "", "who": ""})
    assert newest.context["page"].object_list[0].summary == "Changed the setting"
    assert len(newest.context["page"].object_list) == 50
    html = newest.content.decode()
    assert "action=&amp;who=&amp;page=2" in html
    oldest = client.get(url, {"sort": "oldest"}).context["page"]
    assert oldest.object_list[0].summary == "Viewed the case (0)"
    second = client.get(url, {"page": 2}).context["page"]
    assert len(second.object_list) >= 11  # the reads of the first page are recorded too


def test_a_date_that_is_not_a_date_is_an_error_not_a_500(child: Any, manager: Any) -> None:
    url = reverse("casework:case-audit", args=[child.pk])
    response = _client(manager).get(
        url, {"since_day": "31", "since_month": "2", "since_year": "2026"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html and "must be a real date" in html


def test_the_audit_trail_csv_is_what_the_filters_show_and_is_audited(
    child: Any, caseworker: Any, manager: Any
) -> None:
    _trail(child, caseworker, manager)
    page = _client(manager).get(
        reverse("casework:case-audit", args=[child.pk]), {"action": "update"}
    )
    assert "action=update" in page.content.decode()
    response = _client(manager).get(
        reverse("audit:child-trail-csv", args=[child.pk]), {"action": "update"}
    )
    rows = _csv(response)
    assert rows[0][:4] == ["when (UTC)", "who", "username", "action"]
    assert [row[4] for row in rows[1:]] == ["Changed the setting"]
    download = AuditEntry.objects.filter(action="download", child=child).get()
    assert "filtered" in download.summary


def test_a_caseworker_may_neither_read_nor_export_the_audit_trail(
    child: Any, caseworker: Any
) -> None:
    client = _client(caseworker)
    assert client.get(reverse("casework:case-audit", args=[child.pk])).status_code == 403
    assert client.get(reverse("audit:child-trail-csv", args=[child.pk])).status_code == 403


# -- The register of declared conflicts ---------------------------------------------------------


@pytest.fixture
def advisers() -> list[Any]:
    practice = OrganisationFactory.create(name="Therapy practice", kind="independent_practice")
    return [
        user_with_role(Role.ADVICE_GIVER, practice, first_name="Dana", last_name="Hale"),
        user_with_role(Role.ADVICE_GIVER, practice, first_name="Ali", last_name="Burr"),
    ]


def _register(la: Organisation, child: Any, advisers: list[Any], caseworker: Any) -> None:
    """55 declarations by Dana Hale in October and one by Ali Burr, withdrawn, in September."""
    DeclaredConflict.objects.bulk_create(
        DeclaredConflict(local_authority=la, adviser=advisers[0], child=child,
                         description=f"Conflict {n}", declared_on=date(2026, 10, 1 + n % 28),
                         recorded_by=caseworker)
        for n in range(55)
    )  # fmt: skip
    DeclaredConflict.objects.create(
        local_authority=la, adviser=advisers[1], organisation=child.setting or la,
        description="Was the setting's governor", declared_on=date(2026, 9, 1),
        recorded_by=caseworker, withdrawn_at=datetime(2026, 9, 2, tzinfo=UTC),
        withdrawn_reason="Another Ali Burr",
    )  # fmt: skip


def test_the_register_filters_by_adviser_standing_and_dates(
    la: Organisation, child: Any, advisers: list[Any], caseworker: Any
) -> None:
    _register(la, child, advisers, caseworker)
    url = reverse("casework:conflict-register")
    client = _client(caseworker)
    burr = client.get(url, {"adviser": advisers[1].pk}).context["page"]
    assert [c.description for c in burr.object_list] == ["Was the setting's governor"]
    withdrawn = client.get(url, {"standing": "withdrawn"}).context["page"]
    assert [c.adviser for c in withdrawn.object_list] == [advisers[1]]
    assert client.get(url, {"standing": "standing"}).context["page"].paginator.count == 55
    september = client.get(url, {"until_day": "30", "until_month": "9", "until_year": "2026"})
    assert september.context["page"].paginator.count == 1
    html = september.content.decode()
    assert "1 declaration match the filters" in html


def test_the_register_sorts_and_pages_at_50(
    la: Organisation, child: Any, advisers: list[Any], caseworker: Any
) -> None:
    _register(la, child, advisers, caseworker)
    url = reverse("casework:conflict-register")
    client = _client(caseworker)
    newest = client.get(url).context["page"]
    assert len(newest.object_list) == 50 and newest.paginator.num_pages == 2
    assert newest.object_list[0].declared_on == date(2026, 10, 28)
    oldest = client.get(url, {"sort": "oldest"}).context["page"]
    assert oldest.object_list[0].adviser == advisers[1]
    by_adviser = client.get(url, {"sort": "adviser"}).context["page"]
    assert by_adviser.object_list[0].adviser == advisers[1]  # Burr before Hale
    second = client.get(url, {"sort": "oldest", "page": 2})
    assert len(second.context["page"].object_list) == 6
    assert "sort=oldest&amp;page=1" in second.content.decode()


def test_the_register_exports_as_filtered_and_the_download_is_audited(
    la: Organisation, child: Any, advisers: list[Any], caseworker: Any
) -> None:
    _register(la, child, advisers, caseworker)
    client = _client(caseworker)
    everything = _csv(client.get(reverse("casework:conflict-register-export")))
    assert everything[0][:3] == ["Advice giver", "Child or young person", "Case number"]
    assert len(everything) == 57  # the header and every row, not one page
    withdrawn = _csv(
        client.get(reverse("casework:conflict-register-export"), {"standing": "withdrawn"})
    )
    assert withdrawn[1][0] == "Ali Burr" and withdrawn[1][-1] == "Another Ali Burr"
    assert (
        AuditEntry.objects.filter(
            action="download", object_type="casework.DeclaredConflict"
        ).count()
        == 2
    )


def test_other_authorities_and_advisers_may_not_read_or_export_the_register(
    la: Organisation, child: Any, advisers: list[Any], caseworker: Any
) -> None:
    _register(la, child, advisers, caseworker)
    elsewhere = user_with_role(Role.LA_CASEWORKER, LocalAuthorityFactory.create())
    rows = _csv(_client(elsewhere).get(reverse("casework:conflict-register-export")))
    assert rows == [rows[0]]
    assert (
        _client(elsewhere)
        .get(reverse("casework:conflict-register"))
        .context["page"]
        .paginator.count
        == 0
    )
    for url in ("casework:conflict-register", "casework:conflict-register-export"):
        assert _client(advisers[0]).get(reverse(url)).status_code == 403
