"""Correcting and withdrawing a recorded step of a case (decision 0100): the services' checks,
the deadlines they move, what the engine is fed, the pages, the history and the audit."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from redress.accounts.models import Organisation, Role
from redress.audit.models import AuditEntry
from redress.bankholidays.selectors import working_day_calendar
from redress.casework import services
from redress.casework.deadlines import (
    deadlines_recompute_batch,
    events_for_child,
    events_for_children,
)
from redress.casework.models import AdviceRequest, CaseEvent, Child
from redress.casework.tests.factories import (
    ChildFactory,
    CommissionerFactory,
    LocalAuthorityFactory,
    user_with_role,
)
from redress.core.versions import ConcurrentEditError

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 25)


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def la() -> Organisation:
    return LocalAuthorityFactory.create()


@pytest.fixture
def caseworker(la: Organisation) -> Any:
    return user_with_role(Role.LA_CASEWORKER, la)


@pytest.fixture
def child(la: Organisation) -> Child:
    return ChildFactory.create(
        first_name="Robin", last_name="Ashdown", date_of_birth=date(2015, 5, 17), local_authority=la
    )


def _record(actor: Any, child: Child, event_type: str, when: date, **kwargs: Any) -> CaseEvent:
    kwargs.setdefault("expected_version", None)
    return services.case_event_record(
        actor=actor, child=child, event_type=event_type, when=when, **kwargs
    )


def _request(actor: Any, child: Child, when: date = date(2026, 6, 1)) -> CaseEvent:
    return _record(actor, child, "assessment_requested", when, details={"requested_by": "parent"})


def _refuse(actor: Any, child: Child, when: date = date(2026, 7, 1)) -> CaseEvent:
    return _record(
        actor, child, "assessment_decision", when, details={"decision": "not_assess"},
        reasons="The evidence does not show the child may need a plan.",
    )  # fmt: skip


def _rules(child: Child) -> dict[str, Any]:
    return {d.rule: d for d in child.deadlines.all()}


# -- Correcting --------------------------------------------------------------------------------


def test_correcting_a_requests_date_moves_its_deadlines(caseworker: Any, child: Child) -> None:
    request = _request(caseworker, child, date(2026, 6, 1))
    assert _rules(child)["assessment.decision"].due == date(2026, 7, 13)

    services.case_event_correct(
        actor=caseworker, event=request, date=date(2026, 9, 1),
        details={"requested_by": "parent"}, reason="Keyed the month wrongly",
        expected_version=request.version,
    )  # fmt: skip

    rows = _rules(child)
    assert rows["assessment.decision"].due == date(2026, 10, 13)
    request.refresh_from_db()
    assert request.date == date(2026, 9, 1) and request.corrected
    assert request.corrected_by == caseworker
    assert request.correction_reason == "Keyed the month wrongly"


def test_a_request_dated_before_birth_cannot_be_the_correction(
    caseworker: Any, child: Child
) -> None:
    request = _request(caseworker, child)
    with pytest.raises(ValidationError) as refused:
        services.case_event_correct(
            actor=caseworker, event=request, date=date(1990, 6, 1),
            details={"requested_by": "parent"}, reason="Date from the letter",
            expected_version=request.version,
        )  # fmt: skip
    assert "before Robin Ashdown was born" in str(refused.value)
    request.refresh_from_db()
    assert request.date == date(2026, 6, 1) and not request.corrected


def test_a_correction_that_leaves_a_later_step_before_its_request_is_refused(
    caseworker: Any, child: Child
) -> None:
    request = _request(caseworker, child, date(2026, 6, 1))
    _refuse(caseworker, child, date(2026, 7, 1))
    with pytest.raises(ValidationError) as refused:
        services.case_event_correct(
            actor=caseworker, event=request, date=date(2026, 8, 1),
            details={"requested_by": "parent"}, reason="Wrong date", expected_version=None,
        )  # fmt: skip
    assert "would no longer follow" in str(refused.value)


def test_a_reason_is_required(caseworker: Any, child: Child) -> None:
    request = _request(caseworker, child)
    with pytest.raises(ValidationError) as refused:
        services.case_event_correct(
            actor=caseworker, event=request, date=date(2026, 6, 2),
            details={"requested_by": "parent"}, reason="  ", expected_version=request.version,
        )  # fmt: skip
    assert "reason" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.case_event_withdraw(
            actor=caseworker, event=request, reason="", expected_version=request.version
        )
    assert "reason" in refused.value.message_dict
    request.refresh_from_db()
    assert not request.corrected and not request.withdrawn


def test_a_stale_version_is_refused(caseworker: Any, child: Child) -> None:
    request = _request(caseworker, child)
    services.case_event_correct(
        actor=caseworker, event=request, date=date(2026, 6, 2),
        details={"requested_by": "parent"}, reason="First fix", expected_version=1,
    )  # fmt: skip
    stale = CaseEvent.objects.get(pk=request.pk)
    with pytest.raises(ConcurrentEditError):
        services.case_event_correct(
            actor=caseworker, event=stale, date=date(2026, 6, 3),
            details={"requested_by": "parent"}, reason="Second fix", expected_version=1,
        )  # fmt: skip
    stale.refresh_from_db()
    assert stale.date == date(2026, 6, 2)


def test_someone_who_may_not_record_steps_may_not_correct_or_withdraw(
    child: Child, caseworker: Any
) -> None:
    request = _request(caseworker, child)
    other_la = user_with_role(Role.LA_CASEWORKER, LocalAuthorityFactory.create())
    health = user_with_role(Role.HEALTH_OFFICER, CommissionerFactory.create())
    for outsider in (other_la, health):
        with pytest.raises(PermissionDenied):
            services.case_event_correct(
                actor=outsider, event=request, date=date(2026, 6, 2),
                details={"requested_by": "parent"}, reason="No", expected_version=None,
            )  # fmt: skip
        with pytest.raises(PermissionDenied):
            services.case_event_withdraw(
                actor=outsider, event=request, reason="No", expected_version=None
            )


def test_the_correction_is_audited_and_the_history_keeps_the_original(
    caseworker: Any, child: Child
) -> None:
    request = _request(caseworker, child, date(2026, 6, 1))
    services.case_event_correct(
        actor=caseworker, event=request, date=date(2026, 6, 8),
        details={"requested_by": "school"}, reason="Date stamp misread",
        expected_version=request.version,
    )  # fmt: skip
    entry = AuditEntry.objects.filter(object_type="casework.CaseEvent", action="update").get()
    assert entry.actor == caseworker and entry.child == child
    assert "Date stamp misread" in entry.summary and "1 June 2026" in entry.summary
    history = list(request.history.order_by("history_date"))
    assert history[0].date == date(2026, 6, 1)
    assert history[0].details == {"requested_by": "parent"}
    assert history[-1].date == date(2026, 6, 8)
    assert history[-1].history_user == caseworker
    assert history[-1].history_change_reason == "Corrected: Date stamp misread"


# -- Withdrawing -------------------------------------------------------------------------------


def test_withdrawing_a_decision_brings_back_the_deadline_it_stopped(
    caseworker: Any, child: Child
) -> None:
    """A decision not to assess, recorded in error, had ended the 20 weeks to a final plan."""
    _request(caseworker, child, date(2026, 6, 1))
    decision = _refuse(caseworker, child)
    assert "plan.final" not in _rules(child)
    assert "appeal.lodge" in _rules(child)

    services.case_event_withdraw(
        actor=caseworker, event=decision, reason="Recorded on the wrong child",
        expected_version=decision.version,
    )  # fmt: skip

    rows = _rules(child)
    assert rows["plan.final"].due == date(2026, 10, 19)
    assert rows["assessment.decision"].met_on is None
    assert "appeal.lodge" not in rows
    decision.refresh_from_db()
    assert decision.withdrawn and decision.withdrawn_by == caseworker
    assert CaseEvent.objects.filter(pk=decision.pk).exists()  # kept, never deleted
    entry = AuditEntry.objects.filter(object_type="casework.CaseEvent", action="update").get()
    assert "Recorded on the wrong child" in entry.summary


def test_a_withdrawn_step_cannot_be_corrected_or_withdrawn_again(
    caseworker: Any, child: Child
) -> None:
    request = _request(caseworker, child)
    services.case_event_withdraw(
        actor=caseworker, event=request, reason="Wrong child", expected_version=None
    )
    with pytest.raises(ValidationError):
        services.case_event_correct(
            actor=caseworker, event=request, date=date(2026, 6, 2),
            details={"requested_by": "parent"}, reason="Fix", expected_version=None,
        )  # fmt: skip
    with pytest.raises(ValidationError):
        services.case_event_withdraw(
            actor=caseworker, event=request, reason="Again", expected_version=None
        )


def test_a_withdrawn_step_is_not_fed_to_the_engine(caseworker: Any, child: Child) -> None:
    _request(caseworker, child, date(2026, 6, 1))
    decision = _refuse(caseworker, child)
    services.case_event_withdraw(
        actor=caseworker, event=decision, reason="In error", expected_version=None
    )
    fed = [e["type"] for e in events_for_child(child)]
    assert "assessment_decision" not in fed and "decision_notice_sent" not in fed
    batch = events_for_children([Child.objects.get(pk=child.pk)])
    assert [e["type"] for e in batch[child.pk]] == fed


def test_the_nightly_batch_leaves_a_withdrawn_step_out(caseworker: Any, child: Child) -> None:
    _request(caseworker, child, date(2026, 6, 1))
    decision = _refuse(caseworker, child)
    # Withdrawn outside the service (say by an import): only the nightly recompute sees it.
    CaseEvent.objects.filter(pk=decision.pk).update(
        withdrawn_at=decision.recorded_at, withdrawn_reason="In error"
    )
    assert "plan.final" not in _rules(child)
    deadlines_recompute_batch([child.pk], today=TODAY, calendar=working_day_calendar())
    assert _rules(child)["plan.final"].due == date(2026, 10, 19)


def test_withdrawing_a_request_that_a_decision_follows_is_refused(
    caseworker: Any, child: Child
) -> None:
    request = _request(caseworker, child)
    _refuse(caseworker, child)
    with pytest.raises(ValidationError) as refused:
        services.case_event_withdraw(
            actor=caseworker, event=request, reason="In error", expected_version=None
        )
    assert "would no longer follow" in str(refused.value)


# -- Advice requests ---------------------------------------------------------------------------


@pytest.fixture
def advice(caseworker: Any, child: Child) -> AdviceRequest:
    _request(caseworker, child, date(2026, 6, 1))
    return services.advice_request_create(
        actor=caseworker, child=child, advice_type="health",
        recipient_organisation=CommissionerFactory.create(),
        commissioned_by=child.local_authority, date_sent=date(2026, 7, 13), expected_version=None,
    )  # fmt: skip


def test_correcting_an_advice_requests_dates_moves_its_clock(
    caseworker: Any, child: Child, advice: AdviceRequest
) -> None:
    assert child.deadlines.get(rule="advice.response").due == date(2026, 8, 24)
    services.advice_request_correct(
        actor=caseworker, advice_request=advice, date_sent=date(2026, 7, 20),
        date_received=date(2026, 8, 1), reason="Sent a week later", expected_version=1,
    )  # fmt: skip
    clock = child.deadlines.get(rule="advice.response")
    assert (clock.due, clock.status, clock.met_on) == (date(2026, 8, 31), "met", date(2026, 8, 1))
    assert advice.history.order_by("history_date").first().date_sent == date(2026, 7, 13)


def test_an_advice_request_cannot_be_corrected_to_before_the_request(
    caseworker: Any, advice: AdviceRequest
) -> None:
    with pytest.raises(ValidationError) as refused:
        services.advice_request_correct(
            actor=caseworker, advice_request=advice, date_sent=date(2026, 5, 1),
            date_received=None, reason="Wrong", expected_version=None,
        )  # fmt: skip
    assert "date_sent" in refused.value.message_dict


def test_a_withdrawn_advice_request_stops_counting(
    caseworker: Any, child: Child, advice: AdviceRequest
) -> None:
    services.advice_request_withdraw(
        actor=caseworker, advice_request=advice, reason="Sent to the wrong board",
        expected_version=None,
    )  # fmt: skip
    assert not child.deadlines.filter(rule="advice.response").exists()
    assert "advice_requested" not in [e["type"] for e in events_for_child(child)]
    batch = events_for_children([Child.objects.get(pk=child.pk)])
    assert "advice_requested" not in [e["type"] for e in batch[child.pk]]


# -- The pages ---------------------------------------------------------------------------------


@pytest.fixture
def client(caseworker: Any) -> Client:
    client = Client()
    client.force_login(caseworker)
    return client


def _date(prefix: str, day: date) -> dict[str, str]:
    return {f"{prefix}_day": str(day.day), f"{prefix}_month": str(day.month),
            f"{prefix}_year": str(day.year)}  # fmt: skip


def test_the_correction_page_is_prefilled_audited_and_not_cached(
    client: Any, caseworker: Any, child: Child
) -> None:
    request = _request(caseworker, child, date(2026, 6, 1))
    response = client.get(reverse("casework:event-correct", args=[child.pk, request.pk]))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert 'value="2026"' in html and 'value="parent" checked' in html
    assert "Why it is being corrected" in html and "Withdraw the step" in html
    assert AuditEntry.objects.filter(
        action="view", object_type="casework.CaseEvent", object_id=str(request.pk)
    ).exists()


def test_correcting_through_the_page(client: Any, caseworker: Any, child: Child) -> None:
    request = _request(caseworker, child, date(2026, 6, 1))
    url = reverse("casework:event-correct", args=[child.pk, request.pk])
    data = {**_date("date", date(2026, 6, 3)), "requested_by": "parent", "version": "1"}
    missing = client.post(url, data)
    assert missing.status_code == 200
    assert "Enter why the step is being corrected" in missing.content.decode()

    response = client.post(url, {**data, "reason": "Date stamp misread"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.date == date(2026, 6, 3)

    page = client.get(reverse("casework:case-detail", args=[child.pk])).content.decode()
    assert "Corrected" in page and "Date stamp misread" in page and "Correct or withdraw" in page

    history = client.get(url).content.decode()
    assert "Corrected: Date stamp misread" in history and "1 June 2026" in history


def test_a_stale_correction_form_shows_an_error_and_keeps_the_answers(
    client: Any, caseworker: Any, child: Child
) -> None:
    request = _request(caseworker, child, date(2026, 6, 1))
    url = reverse("casework:event-correct", args=[child.pk, request.pk])
    data = {**_date("date", date(2026, 6, 3)), "requested_by": "school", "version": "1"}
    services.case_event_correct(
        actor=caseworker, event=request, date=date(2026, 6, 2),
        details={"requested_by": "parent"}, reason="Someone else", expected_version=1,
    )  # fmt: skip
    response = client.post(url, {**data, "reason": "My fix"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html and "Someone else changed this case" in html
    assert "My fix" in html
    request.refresh_from_db()
    assert request.date == date(2026, 6, 2)


def test_withdrawing_through_the_page_keeps_the_step_struck_through(
    client: Any, caseworker: Any, child: Child
) -> None:
    _request(caseworker, child, date(2026, 6, 1))
    decision = _refuse(caseworker, child)
    url = reverse("casework:event-withdraw", args=[child.pk, decision.pk])
    refused = client.post(url, {"withdraw-reason": "", "withdraw-version": "1"})
    assert "Enter why the step was recorded in error" in refused.content.decode()

    response = client.post(url, {"withdraw-reason": "Wrong child", "withdraw-version": "1"})
    assert response.status_code == 302
    page = client.get(reverse("casework:case-detail", args=[child.pk])).content.decode()
    assert "<del>Decision whether to assess</del>" in page
    assert "Withdrawn" in page and "Wrong child" in page


def test_the_page_names_a_letter_already_generated_for_the_step(
    client: Any, caseworker: Any, child: Child
) -> None:
    _request(caseworker, child, date(2026, 6, 1))
    decision = _refuse(caseworker, child)
    from redress.audit.services import audit_record

    audit_record(
        actor=caseworker, action="generate", obj=decision, child=child,
        summary="Generated the decision letter",
    )  # fmt: skip
    html = client.get(
        reverse("casework:event-correct", args=[child.pk, decision.pk])
    ).content.decode()
    assert "A letter for this step was generated on 25 November 2026" in html
    assert "it stays sent; if it was wrong, send a corrected letter" in html


def test_the_advice_correction_pages(
    client: Any, caseworker: Any, child: Child, advice: AdviceRequest
) -> None:
    url = reverse("casework:advice-correct", args=[child.pk, advice.pk])
    assert client.get(url).status_code == 200
    data = {
        **_date("date_sent", date(2026, 7, 20)), "employed_by_setting": "no",
        "would_deliver_provision": "no", "version": "1", "reason": "Sent later",
    }  # fmt: skip
    assert client.post(url, data).status_code == 302
    advice.refresh_from_db()
    assert advice.date_sent == date(2026, 7, 20)
    withdraw = reverse("casework:advice-withdraw", args=[child.pk, advice.pk])
    response = client.post(withdraw, {"withdraw-reason": "Wrong board", "withdraw-version": "2"})
    assert response.status_code == 302
    advice.refresh_from_db()
    assert advice.withdrawn


def test_people_who_may_not_record_steps_are_refused_the_pages(
    caseworker: Any, child: Child, advice: AdviceRequest
) -> None:
    request = child.events.get()
    urls = [
        ("get", reverse("casework:event-correct", args=[child.pk, request.pk])),
        ("post", reverse("casework:event-withdraw", args=[child.pk, request.pk])),
        ("get", reverse("casework:advice-correct", args=[child.pk, advice.pk])),
        ("post", reverse("casework:advice-withdraw", args=[child.pk, advice.pk])),
    ]
    health = user_with_role(Role.HEALTH_OFFICER, advice.recipient_organisation)
    other = user_with_role(Role.LA_CASEWORKER, LocalAuthorityFactory.create())
    for outsider in (health, other):
        client = Client()
        client.force_login(outsider)
        for method, url in urls:
            response = getattr(client, method)(url, {"withdraw-reason": "x"})
            assert response.status_code in (403, 404), (outsider, url)
    request.refresh_from_db()
    assert not request.withdrawn
    # A step of another case is not found through this one.
    other_child = ChildFactory.create(local_authority=child.local_authority)
    client = Client()
    client.force_login(caseworker)
    wrong = reverse("casework:event-correct", args=[other_child.pk, request.pk])
    assert client.get(wrong).status_code == 404


def test_a_withdrawn_decision_has_no_decision_letter(caseworker: Any, child: Child) -> None:
    from redress.documents.decision_letters import decisions_for_child

    _request(caseworker, child)
    decision = _refuse(caseworker, child)
    assert [d.record for d in decisions_for_child(child)] == [decision]
    services.case_event_withdraw(
        actor=caseworker, event=decision, reason="In error", expected_version=None
    )
    assert decisions_for_child(Child.objects.get(pk=child.pk)) == []


def test_a_step_brought_in_without_a_recorder_can_be_corrected(
    caseworker: Any, child: Child
) -> None:
    """The 1990 request on a child born in 2015, from an old system."""
    from redress.casework.tests.factories import CaseEventFactory

    imported = CaseEventFactory.create(
        child=child, date=date(1990, 6, 1), details={"requested_by": "parent"}, recorded_by=None
    )
    services.case_event_correct(
        actor=caseworker, event=imported, date=date(2026, 6, 1),
        details={"requested_by": "parent"}, reason="Year keyed wrongly", expected_version=1,
    )  # fmt: skip
    assert _rules(child)["assessment.decision"].due == date(2026, 7, 13)


def test_a_withdrawn_advice_request_cannot_be_marked_received(
    caseworker: Any, advice: AdviceRequest
) -> None:
    services.advice_request_withdraw(
        actor=caseworker, advice_request=advice, reason="Wrong board", expected_version=None
    )
    with pytest.raises(ValidationError):
        services.advice_request_mark_received(
            actor=caseworker, advice_request=advice, date_received=date(2026, 8, 1)
        )
