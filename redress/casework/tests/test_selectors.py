"""Reads for casework screens: the dashboard's groups and filters, conflicts of interest, and
overdue health advice by commissioner."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
import time_machine
from django.contrib.auth import get_user_model

from redress.accounts.models import Membership, Organisation, Role
from redress.casework import selectors, services
from redress.casework.models import AdviceRequest, Child, Deadline, Provision

pytestmark = pytest.mark.django_db

WEDNESDAY = date(2026, 11, 25)  # the week ends on Sunday 29 November; four weeks more: 27 Dec


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel(WEDNESDAY, tick=False):
        yield


def _org(name: str, kind: str = Organisation.Kind.LOCAL_AUTHORITY) -> Organisation:
    return Organisation.objects.create(name=name, kind=kind)


def _user(username: str, role: str | None = None, organisation: Organisation | None = None) -> Any:
    user = get_user_model().objects.create_user(username, password=None)
    if role:
        Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


@pytest.fixture
def la() -> Organisation:
    return _org("Northwick")


@pytest.fixture
def manager(la: Organisation) -> Any:
    return _user("manager", Role.LA_MANAGER, la)


def _child(la: Organisation, name: str = "Alex", **extra: Any) -> Child:
    return Child.objects.create(
        first_name=name, last_name="Example", date_of_birth=date(2016, 5, 17),
        local_authority=la, **extra,
    )  # fmt: skip


def _deadline(child: Child, due: date, rule: str = "assessment.decision", **extra: Any) -> Deadline:
    fields: dict[str, Any] = {
        "kind": "by", "status": "pending" if due >= WEDNESDAY else "overdue",
        "actor": "local_authority", "citation": "reg 5(1)", "evidence": "primary",
        "explanation": "", "title": rule, "organisation": child.local_authority,
    }  # fmt: skip
    fields.update(extra)
    return Deadline.objects.create(child=child, rule=rule, due=due, **fields)


# -- The dashboard ----------------------------------------------------------------------------


def test_the_dashboard_groups_around_today(la: Organisation, manager: Any) -> None:
    child = _child(la)
    due = {
        "long overdue": date(2026, 10, 1),
        "yesterday": date(2026, 11, 24),
        "today": date(2026, 11, 25),
        "sunday": date(2026, 11, 29),
        "monday": date(2026, 11, 30),
        "last day": date(2026, 12, 27),
        "too far": date(2026, 12, 28),
    }
    rows = {name: _deadline(child, when) for name, when in due.items()}
    # Done, informational or "not before" deadlines are not work to do.
    _deadline(child, date(2026, 11, 20), met_on=date(2026, 11, 19), status="met")
    _deadline(child, date(2026, 11, 20), rule="order.continue", informational=True)
    _deadline(child, date(2026, 11, 26), rule="plan.draft_comments", kind="not_before")

    dashboard = selectors.dashboard_for(manager)
    assert dashboard.today == WEDNESDAY
    assert dashboard.week_ends == date(2026, 11, 29)
    assert dashboard.four_weeks_end == date(2026, 12, 27)
    assert dashboard.overdue == [rows["long overdue"], rows["yesterday"]]
    assert dashboard.this_week == [rows["today"], rows["sunday"]]
    assert dashboard.next_four_weeks == [rows["monday"], rows["last day"]]


@pytest.mark.parametrize(
    ("today", "week_ends"),
    [
        (date(2026, 11, 23), date(2026, 11, 29)),  # Monday: the whole week
        (date(2026, 11, 29), date(2026, 11, 29)),  # Sunday: today only
    ],
)
def test_this_week_runs_to_sunday(
    la: Organisation, manager: Any, today: date, week_ends: date
) -> None:
    child = _child(la)
    sunday = _deadline(child, date(2026, 11, 29))
    monday = _deadline(child, date(2026, 11, 30))
    dashboard = selectors.dashboard_for(manager, today=today)
    assert dashboard.week_ends == week_ends
    assert dashboard.this_week == [sunday]
    assert dashboard.next_four_weeks == [monday]


def test_the_dashboard_filters(la: Organisation, manager: Any) -> None:
    icb = _org("ICB", Organisation.Kind.HEALTH_COMMISSIONER)
    casey, sam = _user("casey", Role.LA_CASEWORKER, la), _user("sam", Role.LA_CASEWORKER, la)
    north = _child(la, "North", team="North", caseworker=casey)
    south = _child(la, "South", team="South", caseworker=sam)
    when = date(2026, 11, 27)
    north_decision = _deadline(north, when)
    north_advice = _deadline(north, when, rule="advice.response", ref="health-1", organisation=icb)
    south_final = _deadline(south, when, rule="plan.final")

    def shown(**filters: Any) -> set[Deadline]:
        dashboard = selectors.dashboard_for(manager, selectors.DeadlineFilters(**filters))
        return set(dashboard.this_week)

    assert shown() == {north_decision, north_advice, south_final}
    assert shown(team="North") == {north_decision, north_advice}
    assert shown(caseworker=sam.pk) == {south_final}
    assert shown(rule="advice.response") == {north_advice}
    assert shown(organisation=icb.pk) == {north_advice}
    assert shown(organisation=la.pk) == {north_decision, south_final}
    assert shown(team="North", rule="plan.final") == set()

    choices = selectors.dashboard_filter_choices(manager)
    assert choices["teams"] == [("North", "North"), ("South", "South")]
    assert {pk for pk, _name in choices["caseworkers"]} == {str(casey.pk), str(sam.pk)}
    assert {pk for pk, _name in choices["organisations"]} == {str(la.pk), str(icb.pk)}


def test_the_dashboard_shows_only_cases_the_user_may_see(la: Organisation, manager: Any) -> None:
    other = _org("Elsewhere")
    mine = _deadline(_child(la), date(2026, 11, 26))
    _deadline(_child(other), date(2026, 11, 26))
    assert selectors.dashboard_for(manager).this_week == [mine]
    assert selectors.dashboard_for(_user("nobody")).this_week == []


# -- Conflicts of interest --------------------------------------------------------------------


@pytest.fixture
def therapy(la: Organisation) -> dict[str, Any]:
    school = _org("School", Organisation.Kind.SETTING)
    practice = _org("Practice", Organisation.Kind.INDEPENDENT_PRACTICE)
    return {
        "school": school,
        "practice": practice,
        "therapist": _user("therapist", Role.ADVICE_GIVER, practice),
        "child": _child(la, setting=school),
    }


def _advice(child: Child, recipient: Organisation, **extra: Any) -> AdviceRequest:
    ref = f"other-{child.advice_requests.count() + 1}"
    return AdviceRequest.objects.create(
        child=child, ref=ref, advice_type="other", recipient_organisation=recipient,
        commissioned_by=child.local_authority, date_sent=date(2026, 10, 1), **extra,
    )  # fmt: skip


def _conflicts(manager: Any, child: Child) -> dict[AdviceRequest, list[str]]:
    return {
        c.advice_request: c.reasons
        for c in selectors.conflicts_for_child(user=manager, child=child)
    }


def test_an_advice_giver_who_also_provides_is_flagged(
    manager: Any, therapy: dict[str, Any]
) -> None:
    child, therapist = therapy["child"], therapy["therapist"]
    advice = _advice(child, therapy["practice"], recipient_person=therapist)
    assert _conflicts(manager, child) == {}
    Provision.objects.create(
        child=child, description="Speech and language therapy", provider_person=therapist
    )
    assert _conflicts(manager, child) == {
        advice: ["The advice giver provides “Speech and language therapy”."]
    }


def test_an_advice_giver_proposed_to_provide_is_flagged(
    manager: Any, therapy: dict[str, Any]
) -> None:
    child, therapist = therapy["child"], therapy["therapist"]
    advice = _advice(child, therapy["practice"], recipient_person=therapist)
    Provision.objects.create(
        child=child, description="OT programme", provider_person=therapist,
        status=Provision.Status.PROPOSED,
    )  # fmt: skip
    assert _conflicts(manager, child) == {
        advice: ["The advice giver is proposed to provide “OT programme”."]
    }


def test_the_advice_givers_organisation_providing_is_flagged(
    manager: Any, therapy: dict[str, Any]
) -> None:
    child = therapy["child"]
    advice = _advice(child, therapy["practice"])
    Provision.objects.create(
        child=child, description="Group sessions", provider_organisation=therapy["practice"]
    )
    assert _conflicts(manager, child) == {advice: ["Practice provides “Group sessions”."]}


def test_a_declared_relationship_is_flagged(manager: Any, therapy: dict[str, Any]) -> None:
    child = therapy["child"]
    advice = _advice(child, therapy["practice"], would_deliver_provision=True)
    [reason] = _conflicts(manager, child)[advice]
    assert "declared that they or their organisation would deliver" in reason


def test_an_advice_giver_employed_by_a_setting_that_provides_is_flagged(
    manager: Any, therapy: dict[str, Any]
) -> None:
    child = therapy["child"]
    advice = _advice(child, therapy["practice"], employed_by_setting=True)
    assert _conflicts(manager, child) == {}
    Provision.objects.create(
        child=child, description="Small group", provider_organisation=therapy["school"]
    )
    [reason] = _conflicts(manager, child)[advice]
    assert "employed or contracted by the setting" in reason


def test_someone_else_providing_is_not_a_conflict(
    la: Organisation, manager: Any, therapy: dict[str, Any]
) -> None:
    child = therapy["child"]
    _advice(child, therapy["practice"], recipient_person=therapy["therapist"])
    other = _user("other therapist", Role.ADVICE_GIVER, _org("Other practice"))
    Provision.objects.create(child=child, description="Therapy", provider_person=other)
    another_child = _child(la, "Sibling")
    Provision.objects.create(
        child=another_child, description="Therapy", provider_person=therapy["therapist"]
    )
    assert _conflicts(manager, child) == {}


# -- Overdue health advice by commissioner ------------------------------------------------------


def test_overdue_health_advice_is_grouped_by_commissioner(la: Organisation, manager: Any) -> None:
    icb_a = _org("ICB A", Organisation.Kind.HEALTH_COMMISSIONER)
    icb_b = _org("ICB B", Organisation.Kind.HEALTH_COMMISSIONER)
    social_care = _org("Social care", Organisation.Kind.SOCIAL_CARE)

    def case(name: str) -> Child:
        child = services.child_create(
            actor=manager, first_name=name, last_name="Example",
            date_of_birth=date(2016, 5, 17), local_authority=la,
        )  # fmt: skip
        services.case_event_record(
            actor=manager, child=child, event_type="assessment_requested",
            when=date(2026, 8, 1), expected_version=None,
        )  # fmt: skip
        return child

    def ask(child: Child, kind: str, recipient: Organisation, sent: date) -> AdviceRequest:
        return services.advice_request_create(
            actor=manager, child=child, advice_type=kind, recipient_organisation=recipient,
            commissioned_by=la, date_sent=sent, expected_version=None,
        )  # fmt: skip

    one, two, three = case("One"), case("Two"), case("Three")
    overdue_a1 = ask(one, "health", icb_a, date(2026, 9, 1))  # due 13 Oct
    overdue_a2 = ask(two, "health", icb_a, date(2026, 10, 1))  # due 12 Nov
    overdue_b = ask(three, "health", icb_b, date(2026, 9, 15))
    ask(three, "health", icb_a, date(2026, 11, 1))  # due 13 Dec: not yet overdue
    received = ask(two, "health", icb_b, date(2026, 9, 1))
    services.advice_request_mark_received(
        actor=manager, advice_request=received, date_received=date(2026, 11, 20)
    )  # received late: no longer waited for
    ask(one, "social_care", social_care, date(2026, 9, 1))  # overdue, but not health

    grouped = selectors.overdue_health_advice_by_commissioner(user=manager)
    assert list(grouped) == [icb_a, icb_b]
    assert [a for a, _d in grouped[icb_a]] == [overdue_a1, overdue_a2]
    assert [a for a, _d in grouped[icb_b]] == [overdue_b]
    assert [d.due for _a, d in grouped[icb_a]] == [date(2026, 10, 13), date(2026, 11, 12)]

    health_a = _user("health", Role.HEALTH_OFFICER, icb_a)
    mine = selectors.overdue_health_advice_by_commissioner(user=health_a)
    assert list(mine) == [icb_a]
    assert selectors.overdue_health_advice_by_commissioner(user=_user("nobody")) == {}


def test_the_advice_list_pairs_each_request_with_its_clock(la: Organisation, manager: Any) -> None:
    icb = _org("ICB", Organisation.Kind.HEALTH_COMMISSIONER)
    child = services.child_create(
        actor=manager, first_name="A", last_name="B", date_of_birth=date(2016, 1, 1),
        local_authority=la,
    )  # fmt: skip
    services.case_event_record(
        actor=manager, child=child, event_type="assessment_requested", when=date(2026, 10, 1),
        expected_version=None,
    )  # fmt: skip
    advice = services.advice_request_create(
        actor=manager, child=child, advice_type="health", recipient_organisation=icb,
        commissioned_by=la, date_sent=date(2026, 10, 5), expected_version=None,
    )  # fmt: skip
    [(request, deadline)] = selectors.advice_with_deadlines(
        selectors.advice_list(user=manager, organisation=icb)
    )
    assert request == advice
    assert deadline is not None and deadline.due == date(2026, 11, 16)


def test_a_past_due_deadline_with_an_exception_is_not_shown_as_overdue(
    la: Organisation, manager: Any
) -> None:
    from redress.casework.tests.factories import ChildFactory

    child = ChildFactory(local_authority=la)
    common = {"kind": "by", "actor": "local_authority", "citation": "c", "evidence": "primary"}
    excepted = Deadline.objects.create(
        child=child, rule="plan.final", due=date(2026, 11, 2), status="excepted", **common
    )
    overdue = Deadline.objects.create(
        child=child, rule="assessment.decision", due=date(2026, 11, 3), status="overdue", **common
    )
    board = selectors.dashboard_for(manager, today=date(2026, 11, 25))
    assert board.overdue == [overdue]
    assert board.excepted == [excepted]
