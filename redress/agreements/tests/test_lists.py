"""The agreements lists (agreements, agreed actions overdue, expenses claims) and the provider
dashboard: filters narrow, sorts order, 50 a page, every row as filtered downloads as CSV
(audited), only for those who may see the list, never with the mediator's notes."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from redress.agreements.models import AgreedAction, ExpensesClaim, MediationAgreement
from redress.agreements.tests.helpers import World, build_world
from redress.audit.models import AuditEntry
from redress.casework.models import Deadline
from redress.casework.tests.factories import ChildFactory
from redress.mediation.models import MediationCase

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 17)


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def world() -> World:
    return build_world(held_on=date(2026, 11, 18))


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _rows(response: Any) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


def _case(world: World, last_name: str, *, provider: Any = None, la: Any = None) -> MediationCase:
    child = ChildFactory(first_name="Kit", last_name=last_name, local_authority=la or world.la)
    return MediationCase.objects.create(
        child=child, provider=provider or world.provider, decision="plan_contents",
        decision_notice_date=date(2026, 9, 1), mediator=world.users["mediator"],
    )  # fmt: skip


def _agreement(case: MediationCase, made_on: date) -> MediationAgreement:
    return MediationAgreement.objects.create(case=case, made_on=made_on, la_party=True)


def _action(agreement: MediationAgreement, what: str, due: date) -> AgreedAction:
    action = AgreedAction.objects.create(
        agreement=agreement, ref=f"agreement-{agreement.pk}-action-{what}", what=what,
        who="SEND team", measure="Letter", kind="other", timing="statutory", plan_section="none",
    )  # fmt: skip
    Deadline.objects.create(
        child=agreement.case.child, rule="agreement.action", ref=action.ref, kind="by", due=due,
        status="pending", actor="local_authority", citation="SEND Regulations 2014 reg 42",
        evidence="primary", explanation="From the engine", title="Do the agreed action",
    )  # fmt: skip
    return action


def _last_names(response: Any, attr: str = "case") -> list[str]:
    return [getattr(row, attr).child.last_name for row in response.context["page"].object_list]


# -- Agreements ------------------------------------------------------------------------------


def test_the_agreements_list_filters_sorts_and_downloads(world: World) -> None:
    early = _agreement(_case(world, "Early"), date(2026, 10, 1))
    late = _agreement(_case(world, "Late"), date(2026, 12, 1))
    _action(late, "Name the school", TODAY - timedelta(days=3))
    _agreement(_case(world, "Elsewhere", provider=world.other_provider), date(2026, 11, 1))
    client = _client(world.users["caseworker"])
    url = reverse("agreements:list")
    assert _last_names(client.get(url)) == ["Late", "Elsewhere", "Early"]
    assert _last_names(client.get(url, {"sort": "oldest"})) == ["Early", "Elsewhere", "Late"]
    assert _last_names(client.get(url, {"overdue": "on"})) == ["Late"]
    assert _last_names(client.get(url, {"provider": world.other_provider.pk})) == ["Elsewhere"]
    since = {"made_from_day": "15", "made_from_month": "11", "made_from_year": "2026"}
    assert _last_names(client.get(url, since)) == ["Late"]
    rows = _rows(client.get(reverse("agreements:list-export"), {"sort": "oldest"}))
    assert rows[0][:3] == ["Agreement number", "Mediation case number", "Child or young person"]
    assert [row[0] for row in rows[1:]] == [str(early.pk), str(rows[2][0]), str(late.pk)]
    assert AuditEntry.objects.filter(
        action="download", actor=world.users["caseworker"],
        summary="Exported the agreements list as CSV",
    ).count() == 1  # fmt: skip


def test_the_agreements_list_shows_50_a_page(world: World) -> None:
    cases = MediationCase.objects.bulk_create(
        MediationCase(
            child=world.case.child,
            provider=world.provider,
            decision="plan_contents",
            decision_notice_date=date(2026, 9, 1),
        )  # fmt: skip
        for _ in range(51)
    )
    MediationAgreement.objects.bulk_create(
        MediationAgreement(case=case, made_on=date(2026, 11, 1)) for case in cases
    )
    client = _client(world.users["case_manager"])
    first = client.get(reverse("agreements:list"))
    assert len(first.context["page"].object_list) == 50
    assert "51 agreements" in first.content.decode()
    assert len(client.get(reverse("agreements:list"), {"page": 2}).context["page"]) == 1


def test_agreements_are_downloaded_only_by_those_who_work_on_them(world: World) -> None:
    _agreement(world.case, date(2026, 11, 18))
    _agreement(_case(world, "Theirs", provider=world.other_provider), date(2026, 11, 1))
    rows = _rows(_client(world.users["other_mediator"]).get(reverse("agreements:list-export")))
    assert [row[2] for row in rows[1:]] == ["Kit Theirs"]
    for who in ("parent", "supporter", "administrator"):
        client = _client(world.users[who])
        assert "Download" not in client.get(reverse("agreements:list")).content.decode()
        for name in ("agreements:list-export", "agreements:overdue-export",
                     "agreements:expenses-export"):  # fmt: skip
            assert client.get(reverse(name)).status_code == 403, (who, name)
    assert (
        not AuditEntry.objects.filter(action="download")
        .exclude(actor=world.users["other_mediator"])
        .exists()
    )


def test_no_list_or_download_carries_the_mediators_notes(world: World) -> None:
    agreement = _agreement(world.case, date(2026, 11, 18))
    _action(agreement, "Name the school", TODAY - timedelta(days=3))
    client = _client(world.users["case_manager"])
    for name in ("agreements:list", "agreements:overdue", "agreements:dashboard",
                 "agreements:expenses"):  # fmt: skip
        assert "PRIVATE-NOTE" not in client.get(reverse(name)).content.decode(), name
    for name in ("agreements:list-export", "agreements:overdue-export",
                 "agreements:expenses-export", "agreements:certificates-due-export",
                 "agreements:meetings-this-week-export"):  # fmt: skip
        assert "PRIVATE-NOTE" not in str(_rows(client.get(reverse(name)))), name


# -- Agreed actions overdue ------------------------------------------------------------------


def test_overdue_actions_most_overdue_first_filtered_paged_and_downloaded(world: World) -> None:
    near = _agreement(_case(world, "Near"), date(2026, 11, 1))
    far = _agreement(_case(world, "Far", la=world.la), date(2026, 10, 1))
    _action(near, "Send the plan", TODAY - timedelta(days=2))
    _action(far, "Name the school", TODAY - timedelta(days=20))
    _action(far, "Not yet due", TODAY + timedelta(days=5))
    client = _client(world.users["caseworker"])
    url = reverse("agreements:overdue")
    page = client.get(url)
    assert _last_names(page, "agreement") == ["Far", "Near"]
    assert [action.days_overdue for _, action, _ in page.context["rows"]] == [20, 2]
    assert _last_names(client.get(url, {"sort": "name"}), "agreement") == ["Far", "Near"]
    other = _agreement(_case(world, "Other", provider=world.other_provider), date(2026, 11, 1))
    _action(other, "Other action", TODAY - timedelta(days=1))
    assert _last_names(client.get(url, {"provider": world.other_provider.pk}), "agreement") == [
        "Other"
    ]
    rows = _rows(client.get(reverse("agreements:overdue-export")))
    assert rows[0][-2:] == ["Was due", "Days overdue"]
    assert [(row[4], row[-1]) for row in rows[1:]] == [
        ("Name the school", "20"), ("Send the plan", "2"), ("Other action", "1"),
    ]  # fmt: skip
    assert "Not yet due" not in str(rows)


def test_overdue_actions_show_50_a_page(world: World) -> None:
    agreement = _agreement(world.case, date(2026, 11, 18))
    for n in range(51):
        _action(agreement, f"Action {n}", TODAY - timedelta(days=1 + n))
    client = _client(world.users["case_manager"])
    first = client.get(reverse("agreements:overdue"))
    assert len(first.context["rows"]) == 50 and "51 actions overdue" in first.content.decode()
    assert len(client.get(reverse("agreements:overdue"), {"page": 2}).context["rows"]) == 1
    # The dashboard shows the most overdue few and counts them all.
    board = client.get(reverse("agreements:dashboard")).content.decode()
    assert "Agreed actions overdue: 51" in board and "The 10 most overdue" in board


# -- Expenses claims -------------------------------------------------------------------------


def _claim(case: MediationCase, amount: str, spent: date, **extra: Any) -> ExpensesClaim:
    return ExpensesClaim.objects.create(
        case=case, claimant_name="Jo Ashby", category="travel", description="Bus fares",
        amount=Decimal(amount), incurred_on=spent, payer="local_authority", **extra,
    )  # fmt: skip


def test_expenses_claims_filter_sort_page_and_download(world: World) -> None:
    waiting = _claim(world.case, "12.50", date(2026, 11, 18))
    approved = _claim(world.case, "40.00", date(2026, 11, 20), status="approved")
    client = _client(world.users["caseworker"])
    url = reverse("agreements:expenses")

    def pks(response: Any) -> list[int]:
        return [c.pk for c in response.context["page"].object_list]

    assert pks(client.get(url)) == [waiting.pk, approved.pk]  # to decide first
    assert pks(client.get(url, {"sort": "amount"})) == [approved.pk, waiting.pk]
    assert pks(client.get(url, {"status": "approved"})) == [approved.pk]
    rows = _rows(client.get(reverse("agreements:expenses-export"), {"status": "submitted"}))
    assert rows[0][0] == "Claim number" and "Amount in pounds" in rows[0]
    assert [row[0] for row in rows[1:]] == [str(waiting.pk)]
    ExpensesClaim.objects.bulk_create(
        ExpensesClaim(
            case=world.case,
            claimant_name="Jo",
            category="travel",
            description="Bus",
            amount=Decimal("1"),
            incurred_on=date(2026, 11, 1),
            payer="local_authority",
        )  # fmt: skip
        for _ in range(50)
    )
    assert len(pks(client.get(url))) == 50
    assert len(pks(client.get(url, {"page": 2}))) == 2
    # Another authority's caseworker sees none of them, on the page or in the download.
    other = _client(world.users["other_caseworker"])
    assert pks(other.get(url)) == []
    assert _rows(other.get(reverse("agreements:expenses-export")))[1:] == []


# -- The provider dashboard ------------------------------------------------------------------


def test_the_dashboards_certificates_due_download(world: World) -> None:
    Deadline.objects.create(
        child=world.case.child, rule="mediation.certificate_after", kind="by",
        due=TODAY + timedelta(days=1), status="pending", actor="mediation_adviser",
        citation="SEND Regulations 2014 reg 34", evidence="primary", explanation="Engine",
        title="Issue the mediation certificate",
    )  # fmt: skip
    client = _client(world.users["case_manager"])
    rows = _rows(client.get(reverse("agreements:certificates-due-export")))
    assert rows[0][:3] == ["Child or young person", "Local authority", "Certificate"]
    assert rows[1][:4] == ["Robin Ashby", "Northwick", "Issue the mediation certificate",
                           (TODAY + timedelta(days=1)).isoformat()]  # fmt: skip
    assert AuditEntry.objects.filter(action="download").count() == 1
    for who in ("caseworker", "parent", "health"):
        response = _client(world.users[who]).get(reverse("agreements:certificates-due-export"))
        assert response.status_code == 403, who
    assert _rows(_client(world.users["other_mediator"]).get(
        reverse("agreements:certificates-due-export")))[1:] == []  # fmt: skip
