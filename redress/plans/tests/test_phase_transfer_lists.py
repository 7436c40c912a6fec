"""The phase-transfer suggestions are worked out, filtered and paged in the database from the
same table Python reads for one child; the cohort's states likewise. First schools, middle
schools and all-through schools are guessed right, and the move date's help names no period."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, timedelta
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from redress.audit.models import AuditEntry
from redress.casework.models import Child, Deadline
from redress.casework.tests.factories import Role, user_with_role
from redress.plans import selectors
from redress.plans.models import PhaseTransfer, Placement, Plan
from redress.plans.tests.helpers import (
    ChildFactory,
    LocalAuthorityFactory,
    SettingFactory,
    caseworker_for,
)
from redress.statutory.school_year import born_in_year_group, national_curriculum_year

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 1)
URL = reverse("plans:cohort-suggest")
# Year groups in the school year 2026/27 (the year before a transfer in September 2027).
BORN = {n: born_in_year_group(n, date(2027, 1, 1))[0] for n in (-1, 2, 4, 6, 8, 11)}


def _child(la: Any, year: int, last_name: str, school: str = "Maintained school") -> Child:
    child = ChildFactory(local_authority=la, date_of_birth=BORN[year], last_name=last_name)
    plan = Plan.objects.create(child=child, status="final", issued_on=date(2025, 10, 1))
    Placement.objects.create(plan=plan, institution_type=school)
    return child


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _names(response: Any) -> list[str]:
    return [s.child.last_name for s in response.context["suggestions"]]


def test_the_database_places_awkward_birthdays_in_the_year_group_python_does() -> None:
    la = LocalAuthorityFactory()
    born = {
        "Septfifteen": date(2015, 9, 1),  # the oldest in year 6 in 2026/27
        "Leapday": date(2016, 2, 29),
        "Augsixteen": date(2016, 8, 31),  # the youngest in year 6
        "Septsixteen": date(2016, 9, 1),  # the oldest in year 5: no transfer
        "Augfifteen": date(2015, 8, 31),  # the youngest in year 7: no transfer
    }
    for name, day in born.items():
        child = ChildFactory(local_authority=la, date_of_birth=day, last_name=name)
        plan = Plan.objects.create(child=child, status="final", issued_on=date(2025, 10, 1))
        Placement.objects.create(plan=plan, institution_type="Maintained primary school")
    found = selectors.phase_transfer_suggestions(
        user=caseworker_for(child), year=2027, children=Child.objects.filter(local_authority=la)
    )
    assert sorted(c.last_name for c in found) == ["Augsixteen", "Leapday", "Septfifteen"]
    for c in found:
        assert c.nc_year == national_curriculum_year(c.date_of_birth, date(2027, 1, 1)) == 6


@pytest.mark.parametrize(
    ("year", "school", "kind"),
    [
        (4, "Maintained first school", "first_middle"),
        (2, "Maintained first school", None),
        (6, "Maintained first school", None),
        (6, "Maintained middle school", None),
        (8, "Deemed secondary middle school", "primary_secondary"),
        (8, "Maintained secondary school", None),
        (6, "All-through academy", None),
        (6, "All-age special school", None),
        (-1, "All age special school", None),
        (11, "All-age special school", "post16"),
        (6, "Maintained mainstream primary school", "primary_secondary"),
        (2, "Maintained infant school", "infant_junior"),
        (2, "Maintained mainstream primary school", None),
    ],
)
def test_the_phase_is_guessed_from_the_year_group_and_the_school(
    year: int, school: str, kind: str | None
) -> None:
    assert selectors.transfer_kind(year, school.lower()) == kind
    # The database reads the same table for the list.
    la = LocalAuthorityFactory()
    child = _child(la, year, "Pupil", school)
    user = caseworker_for(child)
    found = selectors.phase_transfer_suggestions(
        user=user, year=2027, children=Child.objects.filter(local_authority=la)
    )
    assert [c.suggested_kind for c in found] == ([kind] if kind else [])


@time_machine.travel(TODAY)
def test_suggestions_page_50_filter_and_add_only_the_ticked_on_the_page() -> None:
    la = LocalAuthorityFactory()
    for n in range(50):
        _child(la, 6, f"Sixer{n:02d}")
    infant = _child(la, 2, "Zinfant", "Maintained infant school")
    user = caseworker_for(infant)
    client = _client(user)
    first = client.get(URL, {"year": 2027})
    assert first.context["page"].paginator.count == 51
    assert len(first.context["suggestions"]) == 50
    page = first.content.decode()
    boxes = re.findall(r'<input class="govuk-checkboxes__input"[^>]*>', page)
    assert len(boxes) == 50 and not any("checked" in box for box in boxes)
    assert "Only the children on this page can be ticked" in page
    second = client.get(URL, {"year": 2027, "page": 2})
    assert _names(second) == ["Zinfant"]
    assert _names(client.get(URL, {"year": 2027, "kind": "infant_junior"})) == ["Zinfant"]
    assert _names(client.get(URL, {"year": 2027, "q": "sixer07"})) == ["Sixer07"]
    # The ticked child on page 2 is added from page 2.
    infant.refresh_from_db()
    done = client.post(
        URL + "?year=2027&page=2", {"year": "2027", "child": [f"{infant.pk}:{infant.version}"]}
    )
    assert done.status_code == 302
    assert list(PhaseTransfer.objects.values_list("child__last_name", "kind")) == [
        ("Zinfant", "infant_junior")
    ]
    assert client.get(URL, {"year": 2027}).context["page"].paginator.count == 50


def _export(client: Client, **params: Any) -> list[list[str]]:
    response = client.get(reverse("plans:cohort-suggest-export"), params)
    assert "no-store" in response["Cache-Control"]
    body = b"".join(response.streaming_content).decode().lstrip("\ufeff")
    return list(csv.reader(io.StringIO(body)))


@time_machine.travel(TODAY)
def test_the_suggestions_download_as_filtered_and_sorted() -> None:
    la = LocalAuthorityFactory()
    older = _child(la, 6, "Older")
    Child.objects.filter(pk=older.pk).update(setting=SettingFactory(name="Hillside Primary"))
    younger = _child(la, 6, "Younger")
    Child.objects.filter(pk=younger.pk).update(
        date_of_birth=BORN[6] + timedelta(days=100), first_name="=cmd"
    )
    _child(la, 2, "Infant", "Maintained infant school")
    _child(LocalAuthorityFactory(), 6, "Elsewhere")  # another authority's child
    user = caseworker_for(older)
    client = _client(user)
    params = {"year": "2027", "kind": "primary_secondary", "sort": "born"}
    page = client.get(URL, params).content.decode()
    link = reverse("plans:cohort-suggest-export") + "?year=2027&amp;kind=primary_secondary"
    assert f'href="{link}&amp;sort=born&amp;year=2027">Download all 2 as CSV' in page

    rows = _export(client, **params)
    assert rows[0] == ["Child or young person", "Case number", "Date of birth",
                       "Year group now", "Transfer", "Caseworker", "Setting"]  # fmt: skip
    # The infant is filtered out; the older child first, as the page sorts by birth.
    assert rows[1][:2] == [f"{older.first_name} Older", str(older.pk)]
    assert rows[1][2:5] == [
        BORN[6].isoformat(),
        "Year 6",
        "Primary (or middle) to secondary school",
    ]
    assert rows[1][6] == "Hillside Primary"
    assert rows[2][:2] == ["'=cmd Younger", str(younger.pk)]  # a formula-like name is text
    assert len(rows) == 3
    assert AuditEntry.objects.filter(
        actor=user, action="download", summary__contains="suggested for the 2027"
    ).exists()

    parent = user_with_role(Role.PARENT_CARER)
    assert _client(parent).get(reverse("plans:cohort-suggest-export")).status_code == 403


@time_machine.travel(TODAY)
def test_the_suggestions_download_reads_no_more_for_more_children() -> None:
    la = LocalAuthorityFactory()
    client = _client(caseworker_for(_child(la, 6, "First")))

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            _export(client, year="2027")
        return len(captured)

    few = queries()
    for n in range(5):
        child = _child(la, 6, f"More{n}")
        Child.objects.filter(pk=child.pk).update(setting=SettingFactory())
    assert queries() == few


@time_machine.travel(TODAY)
def test_a_child_not_suggested_cannot_be_added_by_post() -> None:
    la = LocalAuthorityFactory()
    fiver = ChildFactory(local_authority=la, date_of_birth=BORN[6] + timedelta(days=400))
    sixer = _child(la, 6, "Sixer")
    client = _client(caseworker_for(sixer))
    forged = client.post(
        URL + "?year=2027",
        {"year": "2027", "child": [f"{sixer.pk}:{sixer.version}", f"{fiver.pk}:{fiver.version}"]},
    )
    assert forged.status_code == 200 and "not among the suggestions" in forged.content.decode()
    assert not PhaseTransfer.objects.exists()


def _deadline(child: Child, due: date, met_on: date | None) -> Deadline:
    return Deadline.objects.create(
        child=child, rule="phase_transfer.amend", ref="", kind="by", due=due, met_on=met_on,
        status="met" if met_on else "pending", actor="local_authority",
        citation="SEND Regulations 2014 reg 18(1)(b)", evidence="primary",
        explanation="From the engine", title="Amend the plan",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("due", "met_on", "today"),
    [
        (date(2027, 2, 14), date(2027, 2, 1), date(2027, 1, 1)),
        (date(2027, 2, 14), date(2027, 2, 14), date(2027, 1, 1)),
        (date(2027, 2, 14), date(2027, 2, 15), date(2027, 1, 1)),
        (date(2027, 2, 14), None, date(2027, 2, 15)),
        (date(2027, 2, 14), None, date(2027, 2, 14)),
        (date(2027, 2, 14), None, date(2027, 1, 3)),
        (date(2027, 2, 14), None, date(2027, 1, 2)),
        (date(2027, 2, 14), None, date(2026, 12, 1)),
        (None, None, date(2027, 1, 1)),
    ],
)
def test_the_cohort_state_is_one_table_read_alike_by_python_and_the_database(
    due: date | None, met_on: date | None, today: date
) -> None:
    child = ChildFactory()
    user = caseworker_for(child)
    PhaseTransfer.objects.create(
        child=child, kind="primary_secondary", year=2027, identified_on=date(2026, 9, 1)
    )
    deadline = _deadline(child, due, met_on) if due else None
    in_database = selectors.cohort_transfers(user=user, year=2027, today=today).get()
    assert in_database.cohort_state == selectors.cohort_state(deadline, today)


def test_the_move_date_help_names_no_period() -> None:
    from redress.core.tests.test_no_literal_periods import PERIOD

    for model in (PhaseTransfer, PhaseTransfer.history.model):
        field = model._meta.get_field("move_date")
        assert not PERIOD.search(str(field.help_text)), field.help_text
