"""A supporter's caseload: the families who gave them consent and those families' dates, paged,
audited, private; a family that withdraws its consent is gone from it (decision 0174)."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from redress.accounts.models import Role
from redress.audit.models import AuditEntry
from redress.casework.deadlines import deadlines_recompute
from redress.casework.models import CaseEvent, Consent, FamilyMember
from redress.casework.tests import factories
from redress.casework.tests.factories import user_with_role
from redress.core.listing import PER_PAGE
from redress.core.status_words import status_words

pytestmark = pytest.mark.django_db
# factory_boy's classes are untyped; their instances are the models they build.
ChildFactory: Any = factories.ChildFactory
LocalAuthorityFactory: Any = factories.LocalAuthorityFactory
OrganisationFactory: Any = factories.OrganisationFactory
TODAY = date(2026, 11, 2)


def _family(la: Any, first: str, supporter: Any, **consent: Any) -> Any:
    child = ChildFactory(first_name=first, last_name="Example", local_authority=la)
    member = FamilyMember.objects.create(child=child, name="A Parent", relationship="parent")
    CaseEvent.objects.create(child=child, type="assessment_requested", date=date(2026, 10, 1))
    deadlines_recompute(child=child, today=TODAY)
    Consent.objects.create(
        child=child, given_by=member, supporter=supporter, given_on=date(2026, 10, 1), **consent
    )
    return child


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def world() -> dict[str, Any]:
    with time_machine.travel(TODAY, tick=False):
        la = LocalAuthorityFactory(name="Northshire Council")
        sendiass = OrganisationFactory(name="Northshire SENDIASS", kind="sendiass")
        supporter = user_with_role(Role.SUPPORTER, sendiass)
        other = user_with_role(Role.SUPPORTER, sendiass)
        return {
            "supporter": supporter,
            "other": other,
            "caseworker": user_with_role(Role.LA_CASEWORKER, la),
            "amara": _family(la, "Amara", supporter),
            "ben": _family(la, "Ben", supporter, withdrawn_on=date(2026, 10, 20)),
            "carl": _family(la, "Carl", other),
        }


def _get(user: Any, **params: str) -> Any:
    with time_machine.travel(TODAY, tick=False):
        return _client(user).get(reverse("family:supporter-caseload"), params)


def test_the_supporter_sees_the_dates_of_the_families_who_consent(world: dict[str, Any]) -> None:
    response = _get(world["supporter"])
    text = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "Amara Example" in text
    # Withdrawn consent, and another supporter's family: not shown.
    assert "Ben Example" not in text and "Carl Example" not in text
    assert reverse("family:case", args=[world["amara"].pk]) in text
    assert AuditEntry.objects.filter(
        actor=world["supporter"], summary__contains="supporter's caseload"
    ).exists()


def test_a_family_that_withdraws_consent_is_gone_that_day(world: dict[str, Any]) -> None:
    Consent.objects.filter(child=world["amara"]).update(withdrawn_on=TODAY)
    text = _get(world["supporter"]).content.decode()
    assert "Amara Example" not in text
    assert "There are no dates to show" in text


@pytest.mark.parametrize("who", ["caseworker"])
def test_it_is_only_for_supporters(world: dict[str, Any], who: str) -> None:
    assert _get(world[who]).status_code == 403


def test_signed_out_people_are_sent_to_sign_in() -> None:
    assert Client().get(reverse("family:supporter-caseload")).status_code == 302


def test_the_dates_come_fifty_a_page(world: dict[str, Any]) -> None:
    with time_machine.travel(TODAY, tick=False):
        la = world["amara"].local_authority
        # Each case has two open dates once an assessment is asked for: 52 dates in all.
        for n in range(PER_PAGE // 2):
            _family(la, f"Child{n:02d}", world["supporter"])
    first = _get(world["supporter"])
    assert PER_PAGE < first.context["page"].paginator.count < 2 * PER_PAGE
    assert len(first.context["rows"]) == PER_PAGE
    second = _get(world["supporter"], page="2")
    assert len(second.context["rows"]) == first.context["page"].paginator.count - PER_PAGE


def _export(user: Any) -> Any:
    with time_machine.travel(TODAY, tick=False):
        return _client(user).get(reverse("family:supporter-caseload-export"))


def _csv(response: Any) -> list[list[str]]:
    with time_machine.travel(TODAY, tick=False):
        body = b"".join(response.streaming_content).decode().lstrip("\ufeff")
    return list(csv.reader(io.StringIO(body)))


def test_the_supporter_downloads_the_dates_the_page_shows(world: dict[str, Any]) -> None:
    with time_machine.travel(TODAY, tick=False):
        # A family who never gave this supporter consent.
        ChildFactory(
            first_name="Dan", last_name="Example", local_authority=world["amara"].local_authority
        )
    page = _get(world["supporter"])
    url = reverse("family:supporter-caseload-export")
    assert f'href="{url}">Download all 2 as CSV' in page.content.decode()

    response = _export(world["supporter"])
    assert "no-store" in response["Cache-Control"]
    rows = _csv(response)
    assert rows[0] == ["Child or young person", "Date", "What", "Whose step", "Status"]
    shown = [
        ["Amara Example", row.day.isoformat(), row.plain.what, row.plain.who,
         status_words(row.deadline.current_status)]
        for row in page.context["rows"]
    ]  # fmt: skip
    assert rows[1:] == shown and len(shown) == 2
    # Withdrawn consent, another supporter's family, a family who never consented: not there.
    names = {row[0] for row in rows[1:]}
    assert names == {"Amara Example"}
    assert AuditEntry.objects.filter(
        actor=world["supporter"], action="download", summary__contains="supporter's caseload"
    ).exists()


def test_the_download_is_only_for_supporters(world: dict[str, Any]) -> None:
    assert _export(world["caseworker"]).status_code == 403
    assert Client().get(reverse("family:supporter-caseload-export")).status_code == 302


def test_the_download_reads_no_more_for_more_families(world: dict[str, Any]) -> None:
    def queries() -> int:
        response = _export(world["supporter"])
        with CaptureQueriesContext(connection) as captured:
            _csv(response)
        return len(captured)

    few = queries()
    with time_machine.travel(TODAY, tick=False):
        for n in range(3):
            _family(world["amara"].local_authority, f"More{n}", world["supporter"])
    assert queries() == few


def test_the_menu_leads_a_supporter_and_only_a_supporter_to_the_families_they_support(
    world: dict[str, Any],
) -> None:
    url = reverse("family:supporter-caseload")
    with time_machine.travel(TODAY, tick=False):
        supporter_home = _client(world["supporter"]).get(reverse("casework:home"), follow=True)
        caseworker_home = _client(world["caseworker"]).get(reverse("casework:home"), follow=True)
    assert f'href="{url}"' in supporter_home.content.decode()
    assert f'href="{url}"' not in caseworker_home.content.decode()
