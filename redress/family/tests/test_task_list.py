"""The list of families' requests for the person who must act: filtered, sorted, paged 50 at a
time and exported as CSV (audited), only ever the requests that person must answer."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from redress.accounts.models import Organisation, Role
from redress.audit.models import AuditEntry
from redress.family.models import FamilyRequest
from redress.notifications.tests.conftest import Cases, make_child, staff

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 2)


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _requests(cases: Cases) -> None:
    """55 requests of new contact details, one sent a day from 1 January, each to answer 10 days
    on; the first 5 are done; one document sent on 1 March, to answer by 20 March."""
    FamilyRequest.objects.bulk_create(
        FamilyRequest(child=cases.family, kind="contact_details", text=f"New address {n}",
                      organisation=cases.la, answer_by=date(2026, 1, 11) + timedelta(days=n),
                      status="done" if n < 5 else "received")
        for n in range(55)
    )  # fmt: skip
    FamilyRequest.objects.filter(text__startswith="New address").update(
        created_at=datetime(2026, 1, 1, 10, tzinfo=UTC)
    )
    document = FamilyRequest.objects.create(
        child=cases.family, kind="document", text="A letter", organisation=cases.la,
        answer_by=date(2026, 3, 20),
    )  # fmt: skip
    FamilyRequest.objects.filter(pk=document.pk).update(
        created_at=datetime(2026, 3, 1, 10, tzinfo=UTC)
    )


@pytest.fixture(autouse=True)
def _today() -> Any:
    with time_machine.travel(datetime(2026, 3, 2, 12, tzinfo=UTC), tick=False):
        yield


def test_the_list_filters_by_status_kind_overdue_and_date_sent(cases: Cases) -> None:
    _requests(cases)
    client = signed_in(cases.caseworker)
    url = reverse("family:tasks")

    def count(**query: str) -> int:
        return int(client.get(url, query).context["page"].paginator.count)

    assert count() == 51  # not done yet, by default
    assert count(status="done") == 5 and count(show="done") == 5
    assert count(status="all") == 56
    assert count(kind="document") == 1
    overdue = client.get(url, {"overdue": "yes"}).context["page"]
    assert all(t.answer_by < TODAY and t.status != "done" for t in overdue.object_list)
    assert overdue.paginator.count == 45  # answer by 16 January to 1 March, not done
    assert count(since_day="1", since_month="3", since_year="2026") == 1


def test_the_list_sorts_and_pages_at_50(cases: Cases) -> None:
    _requests(cases)
    client = signed_in(cases.caseworker)
    url = reverse("family:tasks")
    first = client.get(url)
    dues = [t.answer_by for t in first.context["page"].object_list]
    assert len(dues) == 50 and dues == sorted(dues)
    assert "page=2" in first.content.decode()
    assert len(client.get(url, {"page": "2"}).context["page"].object_list) == 1
    newest = client.get(url, {"sort": "newest"}).context["page"].object_list
    assert newest[0].kind == "document"
    oldest = client.get(url, {"sort": "oldest"}).context["page"].object_list
    assert oldest[0].kind == "contact_details"


def test_the_csv_has_every_row_as_filtered_without_the_familys_words(cases: Cases) -> None:
    _requests(cases)
    client = signed_in(cases.manager)
    url = reverse("family:tasks-export")
    assert url in client.get(reverse("family:tasks")).content.decode()
    response = client.get(url, {"status": "all"})
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0][:3] == ["Request", "Child or young person", "Case number"]
    assert len(rows) == 57
    assert "New address" not in body and "A letter" not in body
    documents = list(csv.reader(io.StringIO(
        b"".join(client.get(url, {"kind": "document"}).streaming_content).decode("utf-8-sig")
    )))  # fmt: skip
    assert documents[1][0] == "A document sent" and documents[1][4] == "2026-03-20"
    assert AuditEntry.objects.filter(action="download", object_type="family requests").count() == 2


def test_another_authority_neither_sees_nor_exports_the_requests(cases: Cases) -> None:
    _requests(cases)
    other_la = Organisation.objects.create(name="Southshire", kind="local_authority")
    outsider = staff("sally", Role.LA_CASEWORKER, other_la)
    make_child(other_la, "Dee", "South", outsider)
    client = signed_in(outsider)
    assert client.get(reverse("family:tasks")).context["page"].paginator.count == 0
    body = b"".join(client.get(reverse("family:tasks-export")).streaming_content)
    assert body.decode("utf-8-sig").strip().count("\n") == 0  # the header only
    assert Client().get(reverse("family:tasks-export")).status_code == 302
