"""Evidence the Tribunal directed: a date already recorded is kept when the form is sent again."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from redress.appeals import services
from redress.appeals.tests.helpers import World, error_text, extended_appeal

pytestmark = pytest.mark.django_db


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
    assert "already recorded as provided on 28 August 2026" in error_text(excinfo, "provided_on")
    direction.refresh_from_db()
    assert direction.provided_on == date(2026, 8, 28)
