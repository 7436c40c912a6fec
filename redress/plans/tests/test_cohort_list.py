"""The phase transfer cohort as a list that grows with the caseload: counted, filtered, sorted
and paged in the database, 50 a page, and downloaded as CSV by the authority's staff."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from redress.accounts.models import Role
from redress.audit.models import AuditEntry
from redress.casework.models import Deadline
from redress.casework.tests.factories import ChildFactory, LocalAuthorityFactory, user_with_role
from redress.plans.models import PhaseTransfer

pytestmark = pytest.mark.django_db

TODAY = date(2027, 3, 1)


@pytest.fixture(autouse=True)
def _today() -> Any:
    with time_machine.travel(TODAY, tick=False):
        yield


def _cohort() -> dict[str, Any]:
    """55 primary to secondary transfers in 2027: 5 done in time, 5 with no deadline yet, 45 not
    done by 14 February (late); and one post-16 transfer due 30 March (at risk)."""
    la = LocalAuthorityFactory.create()
    caseworker = user_with_role(Role.LA_CASEWORKER, la)
    children = ChildFactory.create_batch(55, local_authority=la)
    PhaseTransfer.objects.bulk_create(
        PhaseTransfer(child=c, kind="primary_secondary", year=2027, identified_on=date(2026, 9, 1))
        for c in children
    )
    common = {"rule": "phase_transfer.amend", "kind": "by", "actor": "local_authority",
              "citation": "SEND Regulations 2014 reg 18(1)(a)"}  # fmt: skip
    Deadline.objects.bulk_create(
        Deadline(child=c, due=date(2027, 2, 14), status="met" if n < 5 else "pending",
                 met_on=date(2027, 2, 1) if n < 5 else None, **common, **c.owner_copies())
        for n, c in enumerate(children) if not 5 <= n < 10
    )  # fmt: skip
    post16 = ChildFactory.create(local_authority=la, last_name="Aardvark")
    PhaseTransfer.objects.create(
        child=post16, kind="post16", year=2027, identified_on=date(2026, 9, 1)
    )
    Deadline.objects.create(child=post16, due=date(2027, 3, 30), status="pending", **common)
    return {"caseworker": caseworker, "post16": post16, "children": children}


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_cohort_counts_every_state_and_filters_by_state_and_kind() -> None:
    made = _cohort()
    url = reverse("plans:cohort")
    client = _client(made["caseworker"])
    page = client.get(url, {"year": "2027"})
    cohort = page.context["cohort"]
    assert (cohort.total, cohort.done, cohort.late, cohort.at_risk) == (56, 5, 45, 1)
    assert cohort.count("not_computed") == 5
    for state, expected in (("late", 45), ("done", 5), ("at_risk", 1), ("not_computed", 5)):
        found = client.get(url, {"year": "2027", "state": state}).context["cohort"]
        assert found.page.paginator.count == expected, state
        assert found.total == 56  # the counts stay the whole cohort's
    post16 = client.get(url, {"year": "2027", "kind": "post16"}).context["cohort"].rows
    assert [row.transfer.child for row in post16] == [made["post16"]]
    assert post16[0].state == "at_risk" and post16[0].deadline.due == date(2027, 3, 30)


def test_the_cohort_sorts_and_pages_at_50() -> None:
    made = _cohort()
    url = reverse("plans:cohort")
    client = _client(made["caseworker"])
    first = client.get(url, {"year": "2027"})
    rows = first.context["cohort"].rows
    assert len(rows) == 50
    # Late first, then at risk, then those with no deadline yet.
    assert [r.state for r in rows] == ["late"] * 45 + ["at_risk"] + ["not_computed"] * 4
    assert "year=2027&amp;page=2" in first.content.decode()
    second = client.get(url, {"year": "2027", "page": "2"}).context["cohort"].rows
    assert [r.state for r in second] == ["not_computed"] + ["done"] * 5
    by_name = client.get(url, {"year": "2027", "sort": "name"}).context["cohort"].rows
    assert by_name[0].transfer.child == made["post16"]
    by_due = client.get(url, {"year": "2027", "sort": "due", "state": "at_risk"})
    assert by_due.context["cohort"].rows[0].transfer.child == made["post16"]


def test_the_cohort_downloads_as_filtered_for_the_authoritys_staff() -> None:
    made = _cohort()
    client = _client(made["caseworker"])
    url = reverse("plans:cohort-export")
    assert url in client.get(reverse("plans:cohort"), {"year": "2027"}).content.decode()
    response = client.get(url, {"year": "2027"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:3] == ["Child or young person", "Case number", "Transfer"]
    assert len(rows) == 57
    done = list(csv.reader(io.StringIO(b"".join(
        client.get(url, {"year": "2027", "state": "done"}).streaming_content
    ).decode("utf-8-sig"))))  # fmt: skip
    assert len(done) == 6 and done[1][4:7] == ["2027-02-14", "2027-02-01", "Done"]
    assert (
        AuditEntry.objects.filter(action="download", object_type="plans.PhaseTransfer").count() == 2
    )


def test_another_authority_and_the_family_may_not_download_the_cohort() -> None:
    _cohort()
    stranger = user_with_role(Role.LA_CASEWORKER, LocalAuthorityFactory.create())
    response = _client(stranger).get(reverse("plans:cohort-export"), {"year": "2027"})
    assert b"".join(response.streaming_content).decode("utf-8-sig").strip().count("\n") == 0
    parent = user_with_role(Role.PARENT_CARER)
    assert _client(parent).get(reverse("plans:cohort-export")).status_code == 403
