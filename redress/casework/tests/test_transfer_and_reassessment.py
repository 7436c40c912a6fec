"""A plan transferred in from another authority, the family told of it, and a re-assessment from
request to decision: the forms, their refusals, and the deadlines the engine gives them."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from redress.audit.models import AuditEntry
from redress.casework import services
from redress.casework.models import CaseEvent, Deadline
from redress.casework.tests.factories import (
    ChildFactory,
    LocalAuthorityFactory,
    Role,
    user_with_role,
)

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 30)


@pytest.fixture
def caseworker() -> Any:
    return user_with_role(Role.LA_CASEWORKER, LocalAuthorityFactory.create())


@pytest.fixture
def child(caseworker: Any) -> Any:
    la = caseworker.memberships.get().organisation
    return ChildFactory.create(first_name="Noor", last_name="Haddad", local_authority=la)


@pytest.fixture
def client(caseworker: Any) -> Client:
    client = Client()
    client.force_login(caseworker)
    return client


def _url(child: Any, event_type: str) -> str:
    return reverse("casework:record-event", args=[child.pk, event_type])


def _date(day: int, month: int, year: int, name: str = "date") -> dict[str, str]:
    return {f"{name}_day": str(day), f"{name}_month": str(month), f"{name}_year": str(year)}


def _refused(response: Any, message: str) -> str:
    html: str = response.content.decode()
    assert response.status_code == 200
    title = re.search(r"<title>\s*(.*?)\s*</title>", html, re.S)
    assert title is not None and title.group(1).startswith("Error: ")
    assert "govuk-error-summary" in html
    assert message in html, re.findall(
        r"govuk-error-message\">(.*?)</p>|<li><a href=\"#[^\"]*\">(.*?)</a>", html, re.S
    )
    return html


def _rows(child: Any, rule: str) -> list[tuple[date, str]]:
    return [(d.due, d.status) for d in Deadline.objects.filter(child=child, rule=rule)]


def _transferred(child: Any, actor: Any, when: date = date(2026, 9, 1)) -> None:
    services.case_event_record(
        actor=actor, child=child, event_type="plan_transferred_in", when=when,
        details={"plan_made": "2023-03-15", "last_reviewed": "2026-02-10",
                 "from_authority": "Westshire County Council"},
        expected_version=None,
    )  # fmt: skip
    child.refresh_from_db()


# -- A plan transferred in ------------------------------------------------------------------


@time_machine.travel(TODAY)
def test_a_transfer_in_is_recorded_with_its_dates_and_starts_the_notice_and_review(
    client: Client, child: Any
) -> None:
    page = client.get(_url(child, "plan_transferred_in"))
    html = page.content.decode()
    assert "Date the plan was first made" in html
    assert "The local authority the plan transferred from" in html
    response = client.post(
        _url(child, "plan_transferred_in"),
        {
            "version": child.version,
            "from_authority": "Westshire County Council",
            **_date(1, 9, 2026),
            **_date(15, 3, 2023, "plan_made"),
            **_date(10, 2, 2026, "last_reviewed"),
        },
    )
    assert response.status_code == 302
    event = CaseEvent.objects.get(child=child, type="plan_transferred_in")
    assert event.details == {
        "from_authority": "Westshire County Council",
        "plan_made": "2023-03-15",
        "last_reviewed": "2026-02-10",
    }
    # The family must be told within 6 weeks of the transfer (reg 15).
    assert _rows(child, "transfer.notify") == [(date(2026, 10, 13), "overdue")]
    # The review: the later of the old authority's 12 months (to 9 Feb 2027) and 3 months from
    # the transfer (1 Dec 2026).
    assert _rows(child, "review.annual") == [(date(2027, 2, 9), "pending")]
    assert AuditEntry.objects.filter(child=child, summary__contains="transferred").exists()
    case_page = client.get(reverse("casework:case-detail", args=[child.pk])).content.decode()
    assert "Plan transferred from another authority" in case_page


@time_machine.travel(TODAY)
def test_a_transfer_with_a_future_date_is_refused(client: Client, child: Any) -> None:
    response = client.post(
        _url(child, "plan_transferred_in"),
        {
            "version": child.version,
            "from_authority": "Westshire County Council",
            **_date(1, 12, 2026),
            **_date(15, 3, 2023, "plan_made"),
        },
    )
    _refused(response, "The date must be today or in the past.")
    assert not CaseEvent.objects.filter(child=child).exists()


@time_machine.travel(TODAY)
def test_a_plan_made_after_it_transferred_or_reviewed_before_it_was_made_is_refused(
    client: Client, child: Any
) -> None:
    response = client.post(
        _url(child, "plan_transferred_in"),
        {
            "version": child.version,
            "from_authority": "Westshire County Council",
            **_date(1, 9, 2026),
            **_date(2, 9, 2026, "plan_made"),
        },
    )
    _refused(response, "The plan cannot have been made after the day it transferred.")
    response = client.post(
        _url(child, "plan_transferred_in"),
        {
            "version": child.version,
            "from_authority": "Westshire County Council",
            **_date(1, 9, 2026),
            **_date(15, 3, 2023, "plan_made"),
            **_date(1, 1, 2023, "last_reviewed"),
        },
    )
    _refused(response, "The last review cannot be before the plan was first made.")
    assert not CaseEvent.objects.filter(child=child).exists()


@time_machine.travel(TODAY)
def test_a_stale_transfer_form_is_refused_and_the_input_kept(
    client: Client, child: Any, caseworker: Any
) -> None:
    opened_at = child.version
    services.case_event_record(
        actor=caseworker, child=child, event_type="assessment_requested",
        when=date(2026, 11, 2), expected_version=opened_at,
    )  # fmt: skip
    response = client.post(
        _url(child, "plan_transferred_in"),
        {
            "version": opened_at,
            "from_authority": "Westshire County Council",
            **_date(1, 9, 2026),
            **_date(15, 3, 2023, "plan_made"),
        },
    )
    html = _refused(response, "Someone else changed this case after you opened it.")
    assert "Westshire County Council" in html
    assert not CaseEvent.objects.filter(child=child, type="plan_transferred_in").exists()


# -- The family told of the transfer ----------------------------------------------------------


@time_machine.travel(TODAY)
def test_the_transfer_notice_stops_the_six_weeks(
    client: Client, child: Any, caseworker: Any
) -> None:
    _transferred(child, caseworker)
    response = client.post(
        _url(child, "transfer_notice_sent"),
        {"version": child.version, "will_reassess": "no", **_date(6, 10, 2026)},
    )
    assert response.status_code == 302
    assert Deadline.objects.get(child=child, rule="transfer.notify").met_on == date(2026, 10, 6)


@time_machine.travel(TODAY)
def test_a_transfer_notice_in_the_future_or_before_the_transfer_is_refused(
    client: Client, child: Any, caseworker: Any
) -> None:
    _transferred(child, caseworker)
    future = client.post(
        _url(child, "transfer_notice_sent"),
        {"version": child.version, "will_reassess": "no", **_date(2, 12, 2026)},
    )
    _refused(future, "The date must be today or in the past.")
    early = client.post(
        _url(child, "transfer_notice_sent"),
        {"version": child.version, "will_reassess": "no", **_date(31, 8, 2026)},
    )
    _refused(early, "There is no plan transferred in on or before this date.")
    assert not CaseEvent.objects.filter(child=child, type="transfer_notice_sent").exists()


@time_machine.travel(TODAY)
def test_a_stale_transfer_notice_form_is_refused(
    client: Client, child: Any, caseworker: Any
) -> None:
    _transferred(child, caseworker)
    opened_at = child.version
    services.case_event_record(
        actor=caseworker, child=child, event_type="reassessment_requested",
        when=date(2026, 10, 1), expected_version=opened_at,
    )  # fmt: skip
    response = client.post(
        _url(child, "transfer_notice_sent"),
        {"version": opened_at, "will_reassess": "yes", **_date(6, 10, 2026)},
    )
    _refused(response, "Someone else changed this case after you opened it.")
    assert not CaseEvent.objects.filter(child=child, type="transfer_notice_sent").exists()


# -- A re-assessment --------------------------------------------------------------------------


@time_machine.travel(TODAY)
def test_a_reassessment_runs_from_request_to_decision_to_no_change(
    client: Client, child: Any, caseworker: Any
) -> None:
    _transferred(child, caseworker)
    response = client.post(
        _url(child, "reassessment_requested"),
        {"version": child.version, "requested_by": "parent", **_date(2, 10, 2026)},
    )
    assert response.status_code == 302
    child.refresh_from_db()
    # 15 days from the request (reg 25(1)).
    assert _rows(child, "reassessment.decision") == [(date(2026, 10, 17), "overdue")]
    response = client.post(
        _url(child, "reassessment_decision"),
        {"version": child.version, "decision": "reassess", **_date(14, 10, 2026)},
    )
    assert response.status_code == 302
    child.refresh_from_db()
    assert _rows(child, "reassessment.decision") == [(date(2026, 10, 17), "met")]
    # 14 weeks from the decision to re-assess (reg 27).
    assert _rows(child, "reassessment.final_plan") == [(date(2027, 1, 20), "pending")]
    response = client.post(
        _url(child, "reassessment_no_change"),
        {"version": child.version, "reasons": "Needs unchanged.", **_date(27, 11, 2026)},
    )
    assert response.status_code == 302
    assert _rows(child, "reassessment.final_plan") == [(date(2027, 1, 20), "met")]
    # A decision the family may appeal (CFA 2014 s.51(2)(e)): its own windows, named by it.
    no_change = CaseEvent.objects.get(child=child, type="reassessment_no_change")
    windows = Deadline.objects.filter(child=child, ref=f"case_event-{no_change.pk}")
    assert sorted(windows.values_list("rule", flat=True)) == [
        "appeal.lodge",
        "mediation.contact_adviser",
    ]


@time_machine.travel(TODAY)
def test_a_refusal_to_reassess_needs_reasons_and_opens_its_own_appeal_window(
    client: Client, child: Any, caseworker: Any
) -> None:
    _transferred(child, caseworker)
    services.case_event_record(
        actor=caseworker, child=child, event_type="reassessment_requested",
        when=date(2026, 10, 2), expected_version=None,
    )  # fmt: skip
    child.refresh_from_db()
    data = {"version": child.version, "decision": "not_reassess", **_date(9, 10, 2026)}
    _refused(client.post(_url(child, "reassessment_decision"), data), "Give the reasons")
    response = client.post(
        _url(child, "reassessment_decision"), {**data, "reasons": "A review is due soon."}
    )
    assert response.status_code == 302
    refusal = CaseEvent.objects.get(child=child, type="reassessment_decision")
    assert Deadline.objects.filter(child=child, rule="appeal.lodge", ref=f"case_event-{refusal.pk}")
    assert not Deadline.objects.filter(child=child, rule="reassessment.final_plan").exists()


@time_machine.travel(TODAY)
def test_reassessment_steps_out_of_order_or_in_the_future_are_refused(
    client: Client, child: Any, caseworker: Any
) -> None:
    no_plan = client.post(
        _url(child, "reassessment_requested"),
        {"version": child.version, "requested_by": "parent", **_date(2, 10, 2026)},
    )
    _refused(no_plan, "There is no EHC plan on or before this date")
    _transferred(child, caseworker)
    future = client.post(
        _url(child, "reassessment_requested"),
        {"version": child.version, "requested_by": "parent", **_date(1, 12, 2026)},
    )
    _refused(future, "The date must be today or in the past.")
    no_request = client.post(
        _url(child, "reassessment_decision"),
        {"version": child.version, "decision": "reassess", **_date(2, 10, 2026)},
    )
    _refused(no_request, "There is no request for a re-assessment on or before this date.")
    no_decision = client.post(
        _url(child, "reassessment_no_change"),
        {"version": child.version, "reasons": "Unchanged.", **_date(2, 10, 2026)},
    )
    _refused(no_decision, "There is no decision to re-assess on or before this date.")
    assert set(CaseEvent.objects.filter(child=child).values_list("type", flat=True)) == {
        "plan_transferred_in"
    }


@time_machine.travel(TODAY)
def test_a_stale_reassessment_form_is_refused(client: Client, child: Any, caseworker: Any) -> None:
    _transferred(child, caseworker)
    opened_at = child.version
    services.case_event_record(
        actor=caseworker, child=child, event_type="reassessment_requested",
        when=date(2026, 10, 1), expected_version=opened_at,
    )  # fmt: skip
    services.case_event_record(
        actor=caseworker, child=child, event_type="reassessment_decision",
        when=date(2026, 10, 5), details={"decision": "reassess"}, expected_version=None,
    )  # fmt: skip
    for event_type, data in (
        ("reassessment_requested", {"requested_by": "parent"}),
        ("reassessment_decision", {"decision": "reassess"}),
        ("reassessment_no_change", {"reasons": "Unchanged."}),
    ):
        response = client.post(
            _url(child, event_type), {"version": opened_at, **data, **_date(9, 10, 2026)}
        )
        _refused(response, "Someone else changed this case after you opened it.")
    assert CaseEvent.objects.filter(child=child, type__startswith="reassessment").count() == 2


def test_only_the_childs_own_authority_records_a_transfer(child: Any) -> None:
    other = user_with_role(Role.LA_CASEWORKER, LocalAuthorityFactory.create())
    client = Client()
    client.force_login(other)
    response = client.post(
        _url(child, "plan_transferred_in"),
        {"version": child.version, "from_authority": "X", **_date(1, 9, 2026),
         **_date(15, 3, 2023, "plan_made")},
    )  # fmt: skip
    assert response.status_code in (403, 404)
    assert not CaseEvent.objects.filter(child=child).exists()
