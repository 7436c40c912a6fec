"""No impossible data: no step before the child was born, no plan from age 26, pupil and
learner numbers that pass their check, one record per child (a possible duplicate must be
confirmed), and one step for a step sent twice."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from redress.casework import services
from redress.casework.demo import _upn
from redress.casework.identifiers import uln_problem, upn_problem
from redress.casework.models import CaseEvent, Child
from redress.casework.tests.factories import (
    ChildFactory,
    LocalAuthorityFactory,
    Role,
    user_with_role,
)
from redress.plans import services as plans
from redress.plans.tests.helpers import ready_plan

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 25)


@pytest.fixture
def la() -> Any:
    return LocalAuthorityFactory.create(name="Northshire County Council")


@pytest.fixture
def caseworker(la: Any) -> Any:
    return user_with_role(Role.LA_CASEWORKER, la)


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _new_child(la: Any, **extra: str) -> dict[str, Any]:
    return {
        "first_name": "Jamie", "last_name": "Bright", "date_of_birth_day": "3",
        "date_of_birth_month": "4", "date_of_birth_year": "2015", "upn": "", "uln": "",
        "local_authority": la.pk, **extra,
    }  # fmt: skip


# -- Dates a date of birth makes impossible -----------------------------------------------------


@time_machine.travel(TODAY)
def test_a_request_dated_before_the_child_was_born_is_refused(caseworker: Any, la: Any) -> None:
    child = ChildFactory(local_authority=la, date_of_birth=date(2020, 3, 1))
    with pytest.raises(ValidationError) as refused:
        services.case_event_record(
            actor=caseworker, child=child, event_type="assessment_requested",
            when=date(2020, 2, 28), details={"requested_by": "parent"}, expected_version=None,
        )  # fmt: skip
    assert "before" in refused.value.message_dict["date"][0]
    assert "was born (1 March 2020)" in refused.value.message_dict["date"][0]
    assert not CaseEvent.objects.exists()


@time_machine.travel(TODAY)
def test_a_plan_step_at_26_is_refused_and_at_25_allowed(caseworker: Any, la: Any) -> None:
    child = ChildFactory(local_authority=la, date_of_birth=date(2000, 10, 2))
    plan = ready_plan(child, caseworker)
    with pytest.raises(ValidationError) as refused:
        plans.plan_issue_draft(
            actor=caseworker, plan=plan, when=date(2026, 10, 2), expected_version=None
        )
    assert "was 26 on this date" in refused.value.message_dict["date"][0]
    plans.plan_issue_draft(
        actor=caseworker, plan=plan, when=date(2026, 10, 1), expected_version=None
    )
    with pytest.raises(ValidationError) as refused:
        plans.plan_issue_final(
            actor=caseworker, plan=plan, when=date(2026, 10, 20), expected_version=None
        )
    assert "up to age 25" in refused.value.message_dict["date"][0]


@time_machine.travel(TODAY)
def test_a_date_of_birth_after_a_recorded_step_is_refused(caseworker: Any, la: Any) -> None:
    child = ChildFactory(local_authority=la, date_of_birth=date(2016, 5, 17))
    services.case_event_record(
        actor=caseworker, child=child, event_type="assessment_requested",
        when=date(2026, 6, 1), details={"requested_by": "parent"}, expected_version=None,
    )  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        services.child_update(
            actor=caseworker, child=child, first_name="A", last_name="B",
            date_of_birth=date(2026, 7, 1), setting=None, team="", caseworker=None,
            expected_version=None,
        )  # fmt: skip
    assert "1 June 2026" in refused.value.message_dict["date_of_birth"][0]


# -- Pupil and learner numbers ------------------------------------------------------------------


def test_upns_are_checked_by_the_departments_check_letter() -> None:
    assert upn_problem("J801200100003") is None
    assert upn_problem(_upn(123456789012)) is None  # the demo's numbers
    assert "check letter" in str(upn_problem("B801200100003"))
    assert "13 characters" in str(upn_problem("A80120010000"))
    assert "I, O and S" in str(upn_problem("A80120010000I"))
    # A temporary UPN ends in a letter, which counts as its place in the letter table.
    body = "80120010000A"
    from redress.casework.identifiers import upn_check_letter

    assert upn_problem(upn_check_letter(body) + body) is None


def test_ulns_are_checked_by_their_check_digit() -> None:
    # 1, 2, ..., 9 weighted 10..2: 10+18+24+28+30+30+28+24+18 = 210; 210 mod 11 = 1; 10-1 = 9.
    assert uln_problem("1234567899") is None
    assert "last digit" in str(uln_problem("1234567890"))
    assert "10 digits" in str(uln_problem("12345A7890"))
    # A remainder of 0 is never issued, whatever the last digit.
    assert all(uln_problem(f"000000000{d}") for d in range(10))


@time_machine.travel(TODAY)
def test_the_new_child_form_explains_a_wrong_upn_and_uln(caseworker: Any, la: Any) -> None:
    response = _client(caseworker).post(
        reverse("casework:case-new"), _new_child(la, upn="b801200100003", uln="1234567890")
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "check letter does not match" in html and 'href="#id_upn"' in html
    assert "last digit does not match" in html and 'href="#id_uln"' in html
    assert not Child.objects.exists()
    response = _client(caseworker).post(
        reverse("casework:case-new"), _new_child(la, upn="j801 2001 0000 3", uln="1234567899")
    )
    assert response.status_code == 302
    assert Child.objects.get().upn == "J801200100003"


# -- Duplicates ---------------------------------------------------------------------------------


@time_machine.travel(TODAY)
def test_a_possible_duplicate_is_shown_and_must_be_confirmed(caseworker: Any, la: Any) -> None:
    existing = ChildFactory(
        local_authority=la, first_name="JAMIE", last_name="bright", date_of_birth=date(2015, 4, 3)
    )
    client = _client(caseworker)
    response = client.post(reverse("casework:case-new"), _new_child(la))
    html = response.content.decode()
    assert response.status_code == 200
    assert "may be this child" in html and 'href="#id_different_child"' in html
    assert reverse("casework:case-detail", args=[existing.pk]) in html
    assert "This is a different child" in html
    assert Child.objects.count() == 1
    response = client.post(reverse("casework:case-new"), _new_child(la, different_child="on"))
    assert response.status_code == 302
    assert Child.objects.count() == 2


@time_machine.travel(TODAY)
def test_the_same_upn_or_uln_is_a_possible_duplicate_but_another_authority_is_not(
    caseworker: Any, la: Any
) -> None:
    ChildFactory(local_authority=la, first_name="Sam", upn="J801200100003")
    ChildFactory(local_authority=la, first_name="Kit", uln="1234567899")
    ChildFactory(first_name="Jamie", last_name="Bright", date_of_birth=date(2015, 4, 3))
    client = _client(caseworker)
    assert (
        "may be this child"
        in client.post(
            reverse("casework:case-new"), _new_child(la, upn="J801200100003")
        ).content.decode()
    )
    assert (
        "may be this child"
        in client.post(
            reverse("casework:case-new"), _new_child(la, uln="1234567899")
        ).content.decode()
    )
    assert client.post(reverse("casework:case-new"), _new_child(la)).status_code == 302


@time_machine.travel(TODAY, tick=False)
def test_a_step_sent_twice_is_recorded_once(caseworker: Any, la: Any) -> None:
    child = ChildFactory(local_authority=la)
    client = _client(caseworker)
    url = reverse("casework:record-event", args=[child.pk, "assessment_requested"])
    data = {
        "version": child.version, "requested_by": "parent", "date_day": "2",
        "date_month": "11", "date_year": "2026",
    }  # fmt: skip
    first = client.post(url, data)
    second = client.post(url, data)
    assert first.status_code == 302 and second.status_code == 302
    assert CaseEvent.objects.filter(child=child).count() == 1
