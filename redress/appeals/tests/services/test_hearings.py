"""Recording the hearing: a stale form is refused and nothing changes."""

from __future__ import annotations

from datetime import date

import pytest

from redress.appeals import services
from redress.appeals.models import Appeal
from redress.appeals.tests.helpers import World, plan_appeal
from redress.core.versions import ConcurrentEditError

pytestmark = pytest.mark.django_db


def test_stale_form_is_refused_and_nothing_changes(world: World) -> None:
    appeal = plan_appeal(world)
    stale = appeal.version
    services.appeal_hearing_update(
        actor=world.caseworker,
        appeal=appeal,
        hearing_on=date(2027, 1, 20),
        hearing_format="video",
        hearing_venue="",
        hearing_arrangements="",
        expected_version=stale,
    )
    with pytest.raises(ConcurrentEditError):
        services.appeal_hearing_update(
            actor=world.manager,
            appeal=Appeal.objects.get(pk=appeal.pk),
            hearing_on=date(2027, 2, 1),
            hearing_format="video",
            hearing_venue="",
            hearing_arrangements="",
            expected_version=stale,
        )
    assert Appeal.objects.get(pk=appeal.pk).hearing_on == date(2027, 1, 20)
