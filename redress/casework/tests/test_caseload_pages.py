"""A caseworker's caseload on the dashboard, the case list's search, filters, sort and CSV, and
a manager's allocation page."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from redress.audit.models import AuditEntry
from redress.casework.deadlines import next_due_of
from redress.casework.models import CaseAllocation, Child, Deadline
from redress.casework.tests.factories import (
    ChildFactory,
    CommissionerFactory,
    LocalAuthorityFactory,
    Role,
    user_with_role,
)

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 25)  # autumn term; the next term is spring 2027 (1 January to 28 March)


@pytest.fixture(autouse=True)
def _today() -> Any:
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def la() -> Any:
    return LocalAuthorityFactory.create(name="Northshire County Council")


@pytest.fixture
def casey(la: Any) -> Any:
    return user_with_role(Role.LA_CASEWORKER, la, first_name="Casey", last_name="Worker")


@pytest.fixture
def sam(la: Any) -> Any:
    return user_with_role(Role.LA_CASEWORKER, la, first_name="Sam", last_name="Other")


@pytest.fixture
def manager(la: Any) -> Any:
    return user_with_role(Role.LA_MANAGER, la, first_name="Morgan", last_name="Manager")


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _deadline(child: Any, due: date, rule: str = "assessment.decision", **extra: Any) -> Deadline:
    titles = {"assessment.decision": "Decide whether to carry out an EHC needs assessment",
              "review.annual": "Review the EHC plan"}  # fmt: skip
    row = Deadline.objects.create(
        child=child, rule=rule, kind="by", due=due, status="pending", actor="local_authority",
        citation="SEND Regulations 2014", evidence="primary", explanation="From the engine",
        title=titles[rule], **extra,
    )  # fmt: skip
    # As the recompute keeps it on the child.
    Child.objects.filter(pk=child.pk).update(next_due=next_due_of(child.deadlines.all()))
    return row


# -- The dashboard opens on my caseload ---------------------------------------------------------


def test_a_caseworkers_dashboard_opens_on_their_caseload(la: Any, casey: Any, sam: Any) -> None:
    mine = ChildFactory.create(first_name="Robin", last_name="Mine", local_authority=la,
                               caseworker=casey)  # fmt: skip
    theirs = ChildFactory.create(first_name="Sky", last_name="Theirs", local_authority=la,
                                 caseworker=sam)  # fmt: skip
    _deadline(mine, TODAY + timedelta(days=10))
    _deadline(mine, TODAY + timedelta(days=40), rule="review.annual")
    _deadline(theirs, TODAY - timedelta(days=1))
    html = _client(casey).get(reverse("casework:dashboard")).content.decode()
    assert "<strong>My caseload</strong>" in html
    assert "Your children and young people: 1" in html
    assert "Robin Mine" in html and "Sky Theirs" not in html
    # What Robin needs next, from the deadline table.
    assert "Decide whether to carry out an EHC needs assessment, by 5 December 2026" in html
    assert "Overdue: 0" in html
    html = _client(casey).get(reverse("casework:dashboard"), {"scope": "authority"}).content
    assert b"Sky Theirs" in html and b"Your children and young people" not in html


def test_a_managers_dashboard_still_opens_on_the_whole_authority(
    la: Any, manager: Any, sam: Any
) -> None:
    _deadline(ChildFactory.create(last_name="Theirs", local_authority=la, caseworker=sam),
              TODAY - timedelta(days=1))  # fmt: skip
    html = _client(manager).get(reverse("casework:dashboard")).content.decode()
    assert "<strong>Whole authority</strong>" in html
    assert "Overdue: 1" in html


def test_the_annual_reviews_due_next_term(la: Any, casey: Any) -> None:
    spring = ChildFactory.create(last_name="Spring", local_authority=la, caseworker=casey)
    autumn = ChildFactory.create(last_name="Autumn", local_authority=la, caseworker=casey)
    summer = ChildFactory.create(last_name="Summer", local_authority=la, caseworker=casey)
    _deadline(spring, date(2027, 2, 10), rule="review.annual")
    _deadline(autumn, date(2026, 12, 10), rule="review.annual")
    _deadline(summer, date(2027, 4, 10), rule="review.annual")
    client = _client(casey)
    html = client.get(reverse("casework:dashboard")).content.decode()
    section = html[html.index('id="reviews-next-term"') :]
    assert "Spring term 2027, 1 January to 28 March 2027): 1" in section
    assert "Spring" in section and "Autumn" not in section.replace("Autumn term", "")
    response = client.get(reverse("casework:dashboard-export"), {"section": "reviews-next-term"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert [row[1] for row in rows[1:]] == [str(spring.pk)]


# -- The case list -------------------------------------------------------------------------------


@pytest.fixture
def children(la: Any, casey: Any, sam: Any) -> dict[str, Child]:
    made = {
        "ash": ChildFactory.create(first_name="Ash", last_name="Able", local_authority=la,
                                   caseworker=casey, date_of_birth=date(2015, 3, 2),
                                   upn="A123456789012", uln="1000000004"),
        "bo": ChildFactory.create(first_name="Bo", last_name="Brook", local_authority=la,
                                  caseworker=sam, date_of_birth=date(2014, 1, 9)),
        "cy": ChildFactory.create(first_name="Cy", last_name="Crane", local_authority=la),
    }  # fmt: skip
    _deadline(made["bo"], TODAY - timedelta(days=3))
    _deadline(made["ash"], TODAY + timedelta(days=3), rule="review.annual")
    _deadline(made["cy"], TODAY + timedelta(days=30))
    return made


def _listed(client: Client, **params: Any) -> list[str]:
    html = client.get(reverse("casework:case-list"), params).content.decode()
    names = ("Ash Able", "Bo Brook", "Cy Crane")
    found = [(html.find(name), name) for name in names if name in html]
    return [name for _, name in sorted(found)]


def test_the_case_list_is_searched_by_name_birth_upn_uln_and_case_number(
    casey: Any, children: dict[str, Child]
) -> None:
    client = _client(casey)
    assert _listed(client, q="brook") == ["Bo Brook"]
    assert _listed(client, q="2/3/2015") == ["Ash Able"]
    assert _listed(client, q="2015-03-02") == ["Ash Able"]
    assert _listed(client, q="a123 4567 89012") == ["Ash Able"]
    assert _listed(client, q="1000000004") == ["Ash Able"]
    assert _listed(client, q=str(children["cy"].pk)) == ["Cy Crane"]


def test_the_case_list_is_filtered_and_sorted(
    casey: Any, sam: Any, children: dict[str, Child]
) -> None:
    client = _client(casey)
    assert _listed(client, caseworker=sam.pk) == ["Bo Brook"]
    assert _listed(client, caseworker="none") == ["Cy Crane"]
    assert _listed(client, stage="review") == ["Ash Able"]
    assert _listed(client, stage="assessment") == ["Bo Brook", "Cy Crane"]
    assert _listed(client, overdue="on") == ["Bo Brook"]
    assert _listed(client, sort="next") == ["Bo Brook", "Ash Able", "Cy Crane"]
    assert _listed(client, sort="born") == ["Bo Brook", "Ash Able", "Cy Crane"]
    html = client.get(reverse("casework:case-list")).content.decode()
    assert "Overdue</strong>" in html  # Bo's next step


def test_the_case_list_pages_fifty_at_a_time(la: Any, casey: Any) -> None:
    for n in range(55):
        ChildFactory.create(last_name=f"Child{n:03d}", local_authority=la)
    html = _client(casey).get(reverse("casework:case-list"), {"q": "child"}).content.decode()
    assert "55 cases" in html and "Child049" in html and "Child050" not in html
    assert "q=child&amp;page=2" in html


def test_the_case_list_export_streams_the_filtered_list_audited(
    la: Any, casey: Any, children: dict[str, Child]
) -> None:
    ChildFactory.create(first_name="=cmd", last_name="Evil", local_authority=la, caseworker=casey)
    response = _client(casey).get(reverse("casework:case-list-export"), {"caseworker": casey.pk})
    assert response.streaming
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"] == 'attachment; filename="cases.csv"'
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][0] == "Child or young person"
    assert sorted(row[0] for row in rows[1:]) == ["'=cmd Evil", "Ash Able"]
    ash = next(row for row in rows if row[0] == "Ash Able")
    assert ash[3:5] == ["A123456789012", "1000000004"]
    assert ash[9:] == ["Review the EHC plan", "2026-11-28"]
    assert AuditEntry.objects.filter(
        actor=casey, action="download", summary="Exported the case list as CSV"
    ).exists()


def test_the_case_list_export_is_for_the_authoritys_staff(children: dict[str, Child]) -> None:
    health = user_with_role(Role.HEALTH_OFFICER, CommissionerFactory.create())
    assert _client(health).get(reverse("casework:case-list-export")).status_code == 403
    outsider = user_with_role(Role.LA_CASEWORKER, LocalAuthorityFactory.create())
    response = _client(outsider).get(reverse("casework:case-list-export"))
    assert b"Able" not in b"".join(response.streaming_content)


def test_the_case_list_names_are_audited_as_reads(casey: Any, children: dict[str, Child]) -> None:
    _client(casey).get(reverse("casework:case-list"))
    assert AuditEntry.objects.filter(
        actor=casey, action="view", child=children["ash"], page="casework:case-list"
    ).exists()


# -- Allocation ----------------------------------------------------------------------------------


def _post_allocation(client: Client, children: list[Child], caseworker: Any, **extra: Any) -> Any:
    data: dict[str, Any] = {
        "children": [c.pk for c in children],
        "caseworker": caseworker.pk,
        **{f"version-{c.pk}": c.version for c in children},
        **extra,
    }
    return client.post(reverse("casework:allocate"), data)


def test_a_manager_allocates_many_children_and_the_case_page_shows_it(
    la: Any, manager: Any, casey: Any, sam: Any
) -> None:
    kids = [ChildFactory.create(last_name=f"Kid{n}", local_authority=la, caseworker=casey)
            for n in range(5)]  # fmt: skip
    client = _client(manager)
    page = client.get(reverse("casework:allocate")).content.decode()
    assert 'name="children"' in page and f'name="version-{kids[0].pk}"' in page
    response = _post_allocation(client, kids, sam, reason="Casey is on leave")
    assert response.status_code == 302
    assert set(Child.objects.values_list("caseworker", flat=True)) == {sam.pk}
    assert CaseAllocation.objects.filter(allocated_by=manager, caseworker=sam).count() == 5
    followed = client.get(response["Location"]).content.decode()
    assert "5 children allocated to Sam Other." in followed
    case = client.get(reverse("casework:case-detail", args=[kids[0].pk])).content.decode()
    assert "Caseworker allocations" in case
    assert "Casey is on leave" in case and "Morgan Manager" in case


def test_a_caseworker_cannot_open_the_allocation_page(casey: Any, sam: Any, la: Any) -> None:
    child = ChildFactory.create(local_authority=la)
    client = _client(casey)
    assert client.get(reverse("casework:allocate")).status_code == 403
    assert _post_allocation(client, [child], sam).status_code == 403
    child.refresh_from_db()
    assert child.caseworker is None


def test_a_forged_child_or_caseworker_is_a_message_not_a_change(
    la: Any, manager: Any, sam: Any
) -> None:
    ours = ChildFactory.create(local_authority=la)
    theirs = ChildFactory.create(local_authority=LocalAuthorityFactory.create())
    stranger = user_with_role(Role.LA_CASEWORKER, theirs.local_authority)
    client = _client(manager)
    html = _post_allocation(client, [ours, theirs], sam).content.decode()
    assert "There is a problem" in html and "not yours to allocate" in html
    html = _post_allocation(client, [ours], stranger).content.decode()
    assert "Choose a caseworker who works at the children" in html
    html = client.post(reverse("casework:allocate"), {"children": ["x"], "caseworker": sam.pk})
    assert html.status_code == 200
    assert not CaseAllocation.objects.exists()


def test_a_list_shown_before_someone_changed_a_child_is_refused(
    la: Any, manager: Any, sam: Any
) -> None:
    child = ChildFactory.create(local_authority=la)
    stale_version = child.version
    Child.objects.filter(pk=child.pk).update(version=stale_version + 1)
    html = _post_allocation(_client(manager), [child], sam).content.decode()
    assert "Someone else changed this case" in html
    assert f'name="version-{child.pk}" value="{stale_version + 1}"' in html
    assert not CaseAllocation.objects.exists()
    html = _client(manager).post(
        reverse("casework:allocate"), {"children": [child.pk], "caseworker": sam.pk}
    )
    assert "Someone else changed this case" in html.content.decode()


def test_the_allocation_list_downloads_as_filtered_and_sorted(
    la: Any, manager: Any, casey: Any, children: dict[str, Child]
) -> None:
    evil = ChildFactory.create(first_name="=cmd", last_name="Evil", local_authority=la)
    ChildFactory.create(
        first_name="Di", last_name="Elsewhere", local_authority=LocalAuthorityFactory.create()
    )
    client = _client(manager)
    page = client.get(reverse("casework:allocate"), {"caseworker": "none", "sort": "name"})
    link = f"{reverse('casework:allocate-export')}?caseworker=none&amp;sort=name"
    assert f'href="{link}">Download all 2 as CSV' in page.content.decode()

    response = client.get(
        reverse("casework:allocate-export"), {"caseworker": "none", "sort": "name"}
    )
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"] == 'attachment; filename="cases-to-allocate.csv"'
    body = b"".join(response.streaming_content).decode().lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0][:3] == ["Child or young person", "Case number", "Date of birth"]
    # Unallocated only, surname order, as the page lists them; a formula-like name is text.
    assert [row[:2] for row in rows[1:]] == [
        ["Cy Crane", str(children["cy"].pk)],
        ["'=cmd Evil", str(evil.pk)],
    ]
    assert AuditEntry.objects.filter(
        actor=manager, action="download", summary="Exported the cases to allocate as CSV"
    ).exists()
    everyone = client.get(reverse("casework:allocate-export"))
    names = [
        row[0] for row in csv.reader(io.StringIO(b"".join(everyone.streaming_content).decode()))
    ]
    assert "Ash Able" in names and "Di Elsewhere" not in names  # another authority's child

    assert _client(casey).get(reverse("casework:allocate-export")).status_code == 403


def test_the_allocation_page_names_are_audited_as_reads(la: Any, manager: Any) -> None:
    child = ChildFactory.create(local_authority=la)
    _client(manager).get(reverse("casework:allocate"))
    assert AuditEntry.objects.filter(
        actor=manager, action="view", child=child, page="casework:allocate"
    ).exists()


def test_the_allocation_history_is_for_the_authoritys_staff(la: Any, manager: Any,
                                                           sam: Any) -> None:  # fmt: skip
    from redress.casework import services
    from redress.casework.models import AdviceRequest

    child = ChildFactory.create(local_authority=la)
    services.child_allocate(
        actor=manager, children=[child], caseworker=sam, expected_versions={child.pk: None}
    )
    icb = CommissionerFactory.create()
    AdviceRequest.objects.create(
        child=child, ref="health-1", advice_type="health", recipient_organisation=icb,
        commissioned_by=la, date_sent=TODAY,
    )  # fmt: skip
    health = user_with_role(Role.HEALTH_OFFICER, icb)
    url = reverse("casework:case-detail", args=[child.pk])
    assert "Caseworker allocations" in _client(sam).get(url).content.decode()
    html = _client(health).get(url).content.decode()
    assert "Caseworker allocations" not in html and "Morgan Manager" not in html
