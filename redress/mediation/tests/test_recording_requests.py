"""A request to record the mediation is refused unless every condition is met."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError

from redress.mediation import services
from redress.mediation.models import Party, RecordingRequest
from redress.mediation.tests.factories import World, make_world, wishing_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return make_world()


def _travel(day: date) -> time_machine.travel:
    return time_machine.travel(day, tick=False)


def test_a_recording_is_refused_unless_every_condition_is_met(world: World) -> None:
    with _travel(date(2027, 4, 1)):
        case = wishing_case(world)
        services.mediation_assign(actor=world.adviser, case=case, mediator=world.mediator)
        request = services.recording_request_record(
            actor=world.adviser, case=case, requested_by=Party.FAMILY,
            requested_on=date(2027, 4, 1), reasonable_adjustment=True,
            adjustment_reason="The parent has a memory impairment",
        )  # fmt: skip
        assert request.status == RecordingRequest.Status.REFUSED
        with pytest.raises(ValidationError) as refused:
            services.recording_request_decide(
                actor=world.mediator, request=request, other_party_consents=False,
                mediator_approves=True, purpose="", who_may_access="", retention="",
            )  # fmt: skip
        assert {"other_party_consents", "purpose", "who_may_access", "retention"} <= set(
            refused.value.message_dict
        )
        request.refresh_from_db()
        assert request.status == RecordingRequest.Status.REFUSED
        services.recording_request_decide(
            actor=world.mediator, request=request, other_party_consents=True,
            mediator_approves=True, purpose="For the parent to listen to again",
            who_may_access="The parent only", retention="Deleted 3 months after the meeting",
        )  # fmt: skip
    request.refresh_from_db()
    assert request.status == RecordingRequest.Status.ALLOWED
