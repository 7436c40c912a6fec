"""Evidence the Tribunal directed: a date already recorded is kept when the form is sent again."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError

from redress.appeals import services
from redress.appeals.tests.helpers import World, extended_appeal, make_world

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 25)


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def world() -> World:
    return make_world()


def _messages(excinfo: pytest.ExceptionInfo[ValidationError], field: str) -> str:
    return " ".join(excinfo.value.message_dict.get(field, []))


def test_evidence_already_provided_keeps_its_date_when_the_form_is_sent_again(
    world: World,
) -> None:
    appeal = extended_appeal(world)
    direction = services.evidence_direction_record(
        actor=world.caseworker, appeal=appeal, body="health", kind="evidence",
        description="Health report", directed_by=date(2026, 9, 1),
    )  # fmt: skip
    services.evidence_direction_mark_provided(
        actor=world.health, direction=direction, provided_on=date(2026, 8, 28)
    )
    with pytest.raises(ValidationError) as excinfo:
        services.evidence_direction_mark_provided(
            actor=world.health, direction=direction, provided_on=date(2026, 11, 20)
        )
    assert "already recorded as provided on 28 August 2026" in _messages(excinfo, "provided_on")
    direction.refresh_from_db()
    assert direction.provided_on == date(2026, 8, 28)
