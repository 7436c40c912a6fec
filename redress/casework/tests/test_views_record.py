"""Recording a step of the case: the forms, the services' refusals and concurrent edits."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from redress.casework import services
from redress.casework.models import AdviceWeighing, CaseEvent, Deadline
from redress.casework.tests.factories import (
    AdviceRequestFactory,
    ChildFactory,
    FamilyMemberFactory,
    LocalAuthorityFactory,
    Role,
    UserFactory,
    user_with_role,
)

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 29)


@pytest.fixture
def caseworker() -> Any:
    return user_with_role(Role.LA_CASEWORKER, LocalAuthorityFactory.create())


@pytest.fixture
def child(caseworker: Any) -> Any:
    la = caseworker.memberships.get().organisation
    return ChildFactory.create(first_name="Robin", last_name="Ashdown", local_authority=la)


@pytest.fixture
def client(caseworker: Any) -> Client:
    client = Client()
    client.force_login(caseworker)
    return client


def _url(child: Any, event_type: str) -> str:
    return reverse("casework:record-event", args=[child.pk, event_type])


def _date(day: str, month: str, year: str) -> dict[str, str]:
    return {"date_day": day, "date_month": month, "date_year": year}


def _title(html: str) -> str:
    found = re.search(r"<title>\s*(.*?)\s*</title>", html, re.S)
    return found.group(1) if found else ""


def _requested(child: Any, actor: Any, when: date = date(2026, 11, 2)) -> None:
    services.case_event_record(
        actor=actor, child=child, event_type="assessment_requested", when=when,
        expected_version=None,
    )  # fmt: skip
    child.refresh_from_db()


def _assert_refused(response: Any, message: str, *, link: str = "#id_date_day") -> str:
    html: str = response.content.decode()
    assert response.status_code == 200
    assert _title(html).startswith("Error: ")
    assert "govuk-error-summary" in html
    assert message in html
    if link:
        assert f'href="{link}"' in html
    return html


@time_machine.travel(TODAY)
def test_recording_a_request_shows_the_deadlines_it_started(
    client: Client, child: Any, caseworker: Any
) -> None:
    page = client.get(_url(child, "assessment_requested"))
    assert page.status_code == 200
    assert f'name="version" value="{child.version}"' in page.content.decode()
    response = client.post(
        _url(child, "assessment_requested"),
        {"version": child.version, "requested_by": "parent", **_date("2", "11", "2026")},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("casework:case-detail", args=[child.pk])
    event = CaseEvent.objects.get(child=child)
    assert event.details == {"requested_by": "parent"}
    assert event.recorded_by == caseworker
    html = client.get(response["Location"]).content.decode()
    assert "govuk-notification-banner--success" in html
    assert "Recorded: Request for an EHC needs assessment on 2 November 2026." in html
    assert (
        "Now due: Decide whether to carry out an EHC needs assessment by 14 December 2026 "
        "(SEND Regulations 2014 reg 5(1))." in html
    )
    assert "Now due: Issue the final EHC plan by 22 March 2027" in html
    dashboard = client.get(reverse("casework:dashboard"), {"scope": "authority"}).content.decode()
    assert "Robin Ashdown" in dashboard
    assert "14 December 2026" in dashboard
    assert "SEND Regulations 2014 reg 5(1)" in dashboard


@time_machine.travel(TODAY)
def test_a_request_needs_to_say_who_asked(client: Client, child: Any) -> None:
    response = client.post(
        _url(child, "assessment_requested"), {"version": child.version, **_date("2", "11", "2026")}
    )
    _assert_refused(response, "Select who asked for the assessment", link="#id_requested_by_0")
    assert not CaseEvent.objects.exists()


@time_machine.travel(TODAY)
def test_a_final_plan_before_a_draft_is_refused_and_the_input_kept(
    client: Client, child: Any, caseworker: Any
) -> None:
    _requested(child, caseworker)
    response = client.post(
        _url(child, "final_plan_issued"), {"version": child.version, **_date("20", "11", "2026")}
    )
    html = _assert_refused(response, "A final plan cannot be issued before a draft plan.")
    assert 'value="20"' in html and 'value="2026"' in html
    assert CaseEvent.objects.filter(child=child).count() == 1


@time_machine.travel(TODAY)
def test_a_decision_before_any_request_is_refused(client: Client, child: Any) -> None:
    response = client.post(
        _url(child, "assessment_decision"),
        {"version": child.version, "decision": "assess", **_date("20", "11", "2026")},
    )
    _assert_refused(response, "There is no request for an assessment on or before this date.")
    assert not CaseEvent.objects.exists()
    assert not Deadline.objects.exists()


@time_machine.travel(TODAY)
def test_a_future_date_is_refused(client: Client, child: Any) -> None:
    response = client.post(
        _url(child, "assessment_requested"),
        {"version": child.version, "requested_by": "school", **_date("1", "12", "2026")},
    )
    html = _assert_refused(response, "The date must be today or in the past.")
    assert 'value="school" checked' in html
    assert not CaseEvent.objects.exists()


@time_machine.travel(TODAY)
@pytest.mark.parametrize(
    ("parts", "message"),
    [
        (("31", "2", "2026"), "must be a real date"),
        (("", "2", "2026"), "must include a day"),
        (("x", "2", "2026"), "must be a real date, written in numbers"),
        (("1", "2", "26"), "the year must have 4 numbers"),
        (("", "", ""), "Enter the date the local authority received the request"),
    ],
)
def test_a_malformed_date_is_refused_with_the_input_kept(
    client: Client, child: Any, parts: tuple[str, str, str], message: str
) -> None:
    response = client.post(
        _url(child, "assessment_requested"),
        {"version": child.version, "requested_by": "parent", **_date(*parts)},
    )
    html = _assert_refused(response, message)
    if parts[0]:
        assert f'value="{parts[0]}"' in html
    assert not CaseEvent.objects.exists()


@time_machine.travel(TODAY)
def test_a_stale_form_shows_the_concurrency_message_and_saves_nothing(
    client: Client, child: Any, caseworker: Any
) -> None:
    _requested(child, caseworker)
    opened_at = child.version
    # Someone else records the decision while this form is open.
    services.case_event_record(
        actor=UserFactory.create(), child=child, event_type="assessment_decision",
        when=date(2026, 11, 20), details={"decision": "assess"}, expected_version=opened_at,
    )  # fmt: skip
    data = {
        "version": opened_at, "decision": "assess", "reasons": "Evidence from school",
        **_date("21", "11", "2026"),
    }  # fmt: skip
    response = client.post(_url(child, "assessment_decision"), data)
    html = _assert_refused(response, "Someone else changed this case after you opened it.", link="")
    assert "Evidence from school" in html
    assert 'value="21"' in html
    assert CaseEvent.objects.filter(child=child).count() == 2
    child.refresh_from_db()
    assert f'name="version" value="{child.version}"' in html
    # Having checked the case, the person submits again and it is accepted.
    again = client.post(_url(child, "assessment_decision"), {**data, "version": child.version})
    assert again.status_code == 302
    assert CaseEvent.objects.filter(child=child).count() == 3


@time_machine.travel(TODAY)
def test_a_decision_not_to_assess_needs_reasons(
    client: Client, child: Any, caseworker: Any
) -> None:
    _requested(child, caseworker)
    response = client.post(
        _url(child, "assessment_decision"),
        {"version": child.version, "decision": "not_assess", "reasons": " ", **_date("20", "11", "2026")},
    )  # fmt: skip
    html = _assert_refused(response, "Give the reasons for the decision", link="#id_reasons")
    assert 'value="not_assess" checked' in html
    assert not CaseEvent.objects.filter(type="assessment_decision").exists()


@time_machine.travel(TODAY)
def test_a_decision_records_how_each_piece_of_advice_was_weighed(
    client: Client, child: Any, caseworker: Any
) -> None:
    _requested(child, caseworker)
    advice = AdviceRequestFactory.create(
        child=child, date_sent=date(2026, 11, 5), would_deliver_provision=True
    )
    page = client.get(_url(child, "assessment_decision")).content.decode()
    assert "How did you weigh this advice?" in page
    assert f'name="weigh_{advice.pk}"' in page
    assert "sent 5 November 2026, not yet received." in page
    assert "Possible conflict of interest" in page
    assert "would deliver the provision" in page
    response = client.post(
        _url(child, "assessment_decision"),
        {
            "version": child.version, "decision": "assess", "reasons": "",
            f"weigh_{advice.pk}": "Given less weight: the giver would deliver the therapy.",
            **_date("20", "11", "2026"),
        },
    )  # fmt: skip
    assert response.status_code == 302
    weighing = AdviceWeighing.objects.get()
    assert weighing.advice_request == advice
    assert weighing.how_weighed == "Given less weight: the giver would deliver the therapy."
    assert weighing.decision.details == {"decision": "assess"}
    html = client.get(response["Location"]).content.decode()
    assert "Given less weight: the giver would deliver the therapy." in html


@time_machine.travel(TODAY)
def test_a_plan_decision_not_to_issue_needs_reasons(
    client: Client, child: Any, caseworker: Any
) -> None:
    _requested(child, caseworker, date(2026, 6, 1))
    services.case_event_record(
        actor=caseworker, child=child, event_type="assessment_decision",
        when=date(2026, 7, 1), details={"decision": "assess"}, expected_version=None,
    )  # fmt: skip
    child.refresh_from_db()
    data = {"version": child.version, "decision": "not_issue", **_date("1", "9", "2026")}
    _assert_refused(
        client.post(_url(child, "plan_decision"), data),
        "Give the reasons for the decision",
        link="#id_reasons",
    )
    response = client.post(_url(child, "plan_decision"), {**data, "reasons": "Needs met."})
    assert response.status_code == 302
    assert CaseEvent.objects.get(type="plan_decision").reasons == "Needs met."


@time_machine.travel(TODAY)
def test_an_exception_must_use_a_ground_of_its_rule(
    client: Client, child: Any, caseworker: Any
) -> None:
    _requested(child, caseworker, date(2026, 10, 1))
    page = client.get(_url(child, "exception_recorded")).content.decode()
    assert "assessment.decision" in page
    assert "Regulation 5(4)(c): exceptional personal circumstances" in page
    assert "review.annual" not in page  # no statutory exceptions
    data = {
        "version": child.version, "rule": "assessment.decision", "ground": "reg_8_2_a",
        "reasons": "Family abroad", **_date("20", "11", "2026"),
    }  # fmt: skip
    html = _assert_refused(
        client.post(_url(child, "exception_recorded"), data),
        "That ground does not apply to this time limit.",
        link="#id_ground_0",
    )
    assert "Family abroad" in html
    assert not CaseEvent.objects.filter(type="exception_recorded").exists()
    no_reasons = {**data, "ground": "reg_5_4_d", "reasons": ""}
    _assert_refused(
        client.post(_url(child, "exception_recorded"), no_reasons),
        "Say why the time limit cannot be met.",
        link="#id_reasons",
    )
    response = client.post(_url(child, "exception_recorded"), {**data, "ground": "reg_5_4_d"})
    assert response.status_code == 302
    event = CaseEvent.objects.get(type="exception_recorded")
    assert event.details == {"rule": "assessment.decision", "ground": "reg_5_4_d"}
    assert Deadline.objects.get(child=child, rule="assessment.decision").status == "excepted"
    html = client.get(response["Location"]).content.decode()
    assert 'govuk-tag--yellow">Exception recorded' in html


def test_an_unknown_step_is_not_found(client: Client, child: Any) -> None:
    assert client.get(_url(child, "mediation_held")).status_code == 404


def test_only_local_authority_staff_record_steps(child: Any) -> None:
    parent = UserFactory.create()
    FamilyMemberFactory.create(child=child, user=parent)
    client = Client()
    client.force_login(parent)
    assert client.get(_url(child, "assessment_requested")).status_code == 403
    response = client.post(
        _url(child, "assessment_requested"),
        {"version": child.version, "requested_by": "parent", **_date("2", "11", "2026")},
    )
    assert response.status_code == 403
    assert not CaseEvent.objects.exists()


def test_a_caseworker_of_another_authority_cannot_record_a_step(child: Any) -> None:
    other = user_with_role(Role.LA_CASEWORKER, LocalAuthorityFactory.create())
    client = Client()
    client.force_login(other)
    response = client.post(
        _url(child, "assessment_requested"),
        {"version": child.version, "requested_by": "parent", **_date("2", "11", "2026")},
    )
    assert response.status_code == 403
    assert not CaseEvent.objects.exists()
    assert ChildFactory.create().pk != child.pk
