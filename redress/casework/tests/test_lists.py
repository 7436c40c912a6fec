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
        reverse("casework:child-trail-csv", args=[child.pk]), {"action": "update"}
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
    assert client.get(reverse("casework:child-trail-csv", args=[child.pk])).status_code == 403


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


# -- Advice requests ----------------------------------------------------------------------------


def _advice(la: Organisation, child: Any, caseworker: Any) -> dict[str, Any]:
    """55 health requests to North ICB (one a day from 1 September, each due 6 weeks on, those
    due before today overdue) and one social care request, received, to Northshire Social Care;
    Gita Rao at the ICB was asked for the first three."""
    from redress.casework.models import AdviceRequest, Deadline
    from redress.casework.tests.factories import CommissionerFactory

    icb = CommissionerFactory.create(name="North ICB")
    social = OrganisationFactory.create(name="Northshire Social Care")
    giver = user_with_role(Role.ADVICE_GIVER, icb, first_name="Gita", last_name="Rao")
    children = ChildFactory.create_batch(55, local_authority=la, last_name="Batch")
    requests = AdviceRequest.objects.bulk_create(
        AdviceRequest(child=c, ref=f"advice-{n}", advice_type="health",
                      recipient_organisation=icb, commissioned_by=la,
                      date_sent=date(2026, 9, 1 + n % 30) if n < 30 else date(2026, 10, n - 29),
                      recipient_person=giver if n < 3 else None)
        for n, c in enumerate(children)
    )  # fmt: skip
    from redress.statutory.calendar import add_weeks

    Deadline.objects.bulk_create(
        Deadline(child_id=a.child_id, rule="advice.response", ref=a.ref, kind="by",
                 due=add_weeks(a.date_sent, 6),
                 status="pending" if add_weeks(a.date_sent, 6) >= TODAY else "overdue",
                 actor="health", citation="SEND Regulations 2014 reg 8(1)",
                 **a.child.owner_copies())
        for a in requests
    )  # fmt: skip
    received = AdviceRequest.objects.create(
        child=child, ref="advice-social", advice_type="social_care",
        recipient_organisation=social, commissioned_by=la, date_sent=date(2026, 8, 3),
        date_received=date(2026, 8, 20),
    )  # fmt: skip
    Deadline.objects.create(
        child=child, rule="advice.response", ref=received.ref, kind="by", due=date(2026, 9, 14),
        status="met", met_on=date(2026, 8, 20), actor="social_care",
        citation="SEND Regulations 2014 reg 8(1)",
    )  # fmt: skip
    return {"icb": icb, "social": social, "giver": giver, "received": received}


def test_the_advice_list_filters_by_status_type_organisation_and_date_sent(
    la: Organisation, child: Any, caseworker: Any
) -> None:
    made = _advice(la, child, caseworker)
    url = reverse("advice:by-recipient")
    client = _client(caseworker)

    def count(**query: Any) -> int:
        return int(client.get(url, query).context["page"].paginator.count)

    assert count() == 56
    overdue = client.get(url, {"status": "overdue"}).context["rows"]
    assert overdue and all(d is not None and d.due < TODAY for _, d in overdue)
    assert count(status="overdue") + count(status="pending") == 55
    assert count(status="met") == 1
    assert count(advice_type="social_care") == 1
    assert count(organisation=made["social"].pk) == 1
    assert count(since_day="1", since_month="10", since_year="2026") == 25
    assert count(status="met", advice_type="health") == 0


def test_the_advice_list_sorts_pages_at_50_and_groups_by_organisation(
    la: Organisation, child: Any, caseworker: Any
) -> None:
    made = _advice(la, child, caseworker)
    url = reverse("advice:by-recipient")
    client = _client(caseworker)
    first = client.get(url)
    assert len(first.context["rows"]) == 50
    assert [o.name for o, _ in first.context["groups"]] == ["North ICB"]
    second = client.get(url, {"page": 2})
    assert [o.name for o, _ in second.context["groups"]] == ["North ICB", "Northshire Social Care"]
    assert "page=1" in second.content.decode()
    due = client.get(url, {"sort": "due"}).context["rows"]
    assert due[0][0] == made["received"]  # due 14 September, the soonest
    dues = [d.due for _, d in due]
    assert dues == sorted(dues)
    sent = client.get(url, {"sort": "sent"}).context["rows"]
    assert sent[0][0].date_sent == date(2026, 10, 25)


def test_the_advice_list_exports_every_row_as_filtered_and_is_audited(
    la: Organisation, child: Any, caseworker: Any
) -> None:
    _advice(la, child, caseworker)
    client = _client(caseworker)
    rows = _csv(client.get(reverse("advice:export")))
    assert rows[0][:4] == [
        "Child or young person",
        "Case number",
        "Type of advice",
        "Organisation asked",
    ]
    assert len(rows) == 57
    met = _csv(client.get(reverse("advice:export"), {"status": "met"}))
    assert len(met) == 2
    assert met[1][0] == "Amara Example" and met[1][9] == "Done in time"
    assert met[1][8] == "2026-08-20"
    assert (
        AuditEntry.objects.filter(action="download", object_type="casework.AdviceRequest").count()
        == 2
    )


def test_the_advice_giver_lists_and_exports_only_what_they_were_asked_for(
    la: Organisation, child: Any, caseworker: Any
) -> None:
    made = _advice(la, child, caseworker)
    client = _client(made["giver"])
    page = client.get(reverse("advice:mine"))
    assert page.context["page"].paginator.count == 3
    dues = [d.due for _, d in page.context["rows"]]
    assert dues == sorted(dues)  # due soonest first unless asked otherwise
    assert len(_csv(client.get(reverse("advice:export"), {"mine": "1"}))) == 4
    assert len(_csv(client.get(reverse("advice:export")))) == 4  # all they may see
    elsewhere = user_with_role(Role.LA_CASEWORKER, LocalAuthorityFactory.create())
    assert len(_csv(_client(elsewhere).get(reverse("advice:export")))) == 1  # the header
    assert _client(elsewhere).get(reverse("advice:by-recipient")).context["rows"] == []
    signed_out = Client().get(reverse("advice:export"))
    assert signed_out.status_code == 302
