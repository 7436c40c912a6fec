"""The body asked for health or social care advice records its own reg 8(2) exception: the
deadline is excepted, the authority sees who recorded it, and it is withdrawn like any step."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from redress.audit.models import AuditEntry
from redress.casework import services
from redress.casework.models import AdviceRequest, CaseEvent, Child, Deadline
from redress.casework.tests.test_advice_pages import (  # noqa: F401  (fixtures)
    TODAY,
    World,
    fast_passwords,
    signed_in,
    world_fixture,
)

pytestmark = pytest.mark.django_db


def _deadline(advice: AdviceRequest) -> Deadline:
    return Deadline.objects.get(child=advice.child, rule="advice.response", ref=advice.ref)


def _record(actor: Any, advice: AdviceRequest, **extra: Any) -> CaseEvent:
    with time_machine.travel(TODAY, tick=False):
        return services.advice_exception_record(
            actor=actor,
            advice_request=advice,
            ground=extra.pop("ground", "reg_8_2_c"),
            when=extra.pop("when", date(2026, 10, 20)),
            reasons=extra.pop("reasons", "Amara missed the clinic appointment on 14 October."),
            expected_version=None,
        )


def _post(client: Any, advice: AdviceRequest, **extra: str) -> Any:
    data = {
        "version": str(Child.objects.get(pk=advice.child_id).version),
        "ground": "reg_8_2_c",
        "date_day": "20",
        "date_month": "10",
        "date_year": "2026",
        "reasons": "Amara missed the clinic appointment on 14 October.",
        **extra,
    }
    with time_machine.travel(TODAY, tick=False):
        return client.post(reverse("advice:exception", args=[advice.pk]), data)


def test_the_health_officer_records_an_exception_and_the_deadline_is_excepted(
    world: World,
) -> None:
    assert _deadline(world.amara_health).status == "overdue"
    response = _post(signed_in(world.health_officer), world.amara_health)
    assert response.status_code == 302
    event = CaseEvent.objects.get(child=world.amara, type="exception_recorded")
    assert event.recorded_by == world.health_officer
    assert event.details == {
        "rule": "advice.response",
        "ground": "reg_8_2_c",
        "ref": world.amara_health.ref,
        "recorded_for": "North ICB",
    }
    assert _deadline(world.amara_health).status == "excepted"
    # Only this request's clock: the social care advice is still overdue.
    assert _deadline(world.amara_social).status == "overdue"
    assert AuditEntry.objects.filter(action="create", object_id=str(event.pk)).exists()


def test_the_authority_sees_who_recorded_it_on_the_case_page(world: World) -> None:
    _record(world.health_officer, world.amara_health)
    with time_machine.travel(TODAY, tick=False):
        page = signed_in(world.caseworker).get(
            reverse("casework:case-detail", args=[world.amara.pk])
        )
        advice_page = signed_in(world.caseworker).get(
            reverse("advice:detail", args=[world.amara_health.pk])
        )
    name = world.health_officer.display_name
    assert f"Recorded by {name} for North ICB" in page.content.decode()
    assert f"by {name} for North ICB" in advice_page.content.decode()


def test_a_ground_the_regulation_does_not_give_is_refused_on_the_page(world: World) -> None:
    response = _post(signed_in(world.health_officer), world.amara_health, ground="reg_5_4_a")
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert not CaseEvent.objects.filter(type="exception_recorded").exists()


def test_reasons_are_required(world: World) -> None:
    response = _post(signed_in(world.health_officer), world.amara_health, reasons="")
    assert "Say why the time limit cannot be met" in response.content.decode()
    assert not CaseEvent.objects.filter(type="exception_recorded").exists()


def test_an_exception_dated_before_the_request_is_refused(world: World) -> None:
    with pytest.raises(ValidationError) as refused:
        _record(world.health_officer, world.amara_health, when=date(2026, 9, 1))
    assert "before the advice was requested" in str(refused.value)


def test_a_second_exception_while_one_stands_is_refused(world: World) -> None:
    _record(world.health_officer, world.amara_health)
    with pytest.raises(ValidationError):
        _record(world.health_officer, world.amara_health, ground="reg_8_2_a")
    assert CaseEvent.objects.filter(type="exception_recorded").count() == 1


def test_received_advice_needs_no_exception(world: World) -> None:
    with pytest.raises(ValidationError):
        _record(world.health_officer, world.carl_health)


@pytest.mark.parametrize("who", ["other_health_officer", "other_caseworker", "giver"])
def test_others_may_not_record_an_exception_for_this_request(world: World, who: str) -> None:
    with pytest.raises(PermissionDenied):
        _record(getattr(world, who), world.amara_health)
    response = _post(signed_in(getattr(world, who)), world.amara_health)
    assert response.status_code == 403
    assert not CaseEvent.objects.filter(type="exception_recorded").exists()


def test_the_social_care_officer_is_not_the_health_body(world: World) -> None:
    """An officer records only for their own organisation's advice."""
    with pytest.raises(PermissionDenied):
        _record(world.health_officer, world.amara_social)


def test_the_officer_withdraws_it_and_the_deadline_is_overdue_again(world: World) -> None:
    event = _record(world.health_officer, world.amara_health)
    client = signed_in(world.health_officer)
    url = reverse("advice:exception-withdraw", args=[world.amara_health.pk, event.pk])
    with time_machine.travel(TODAY, tick=False):
        refused = client.post(url, {"withdraw-reason": "", "withdraw-version": event.version})
        assert "govuk-error-summary" in refused.content.decode()
        response = client.post(
            url, {"withdraw-reason": "Wrong child", "withdraw-version": event.version}
        )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.withdrawn and event.withdrawn_by == world.health_officer
    assert _deadline(world.amara_health).status == "overdue"
    # A new exception may then be recorded.
    _record(world.health_officer, world.amara_health, ground="reg_8_2_b")


def test_the_officer_corrects_only_the_ground_of_their_own_exception(world: World) -> None:
    event = _record(world.health_officer, world.amara_health)
    with time_machine.travel(TODAY, tick=False):
        services.case_event_correct(
            actor=world.health_officer,
            event=event,
            date=date(2026, 10, 21),
            details={"rule": "plan.final", "ground": "reg_8_2_a"},
            reasons="Amara was in hospital.",
            reason="Wrong ground chosen",
            expected_version=event.version,
        )
    event.refresh_from_db()
    assert event.details["rule"] == "advice.response"
    assert event.details["ref"] == world.amara_health.ref
    assert event.details["ground"] == "reg_8_2_a"


def test_an_officer_may_not_withdraw_the_authoritys_steps(world: World) -> None:
    step = CaseEvent.objects.get(child=world.amara, type="assessment_requested")
    with time_machine.travel(TODAY, tick=False), pytest.raises(PermissionDenied):
        services.case_event_withdraw(
            actor=world.health_officer, event=step, reason="No", expected_version=None
        )


def test_the_exception_page_is_private_and_audited(world: World) -> None:
    with time_machine.travel(TODAY, tick=False):
        response = signed_in(world.health_officer).get(
            reverse("advice:exception", args=[world.amara_health.pk])
        )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "regulation 8(2)" in response.content.decode()
    assert AuditEntry.objects.filter(
        actor=world.health_officer, action="view", summary__contains="exceptions"
    ).exists()
