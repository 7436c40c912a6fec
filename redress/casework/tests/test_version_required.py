"""A casework form posted without the version it was opened at is refused, not saved over
whatever another person saved meanwhile."""

from __future__ import annotations

from typing import Any

import pytest
import time_machine
from django.urls import reverse

from redress.casework.models import Child
from redress.casework.tests.test_advice_pages import (  # noqa: F401  (fixtures)
    TODAY,
    World,
    fast_passwords,
    signed_in,
    world_fixture,
)

pytestmark = pytest.mark.django_db


def test_advice_received_without_its_version_is_refused_and_saves_nothing(world: World) -> None:
    advice = world.amara_health
    client: Any = signed_in(world.giver)
    url = reverse("advice:received", args=[advice.pk])
    dates = {"date_received_day": "20", "date_received_month": "10", "date_received_year": "2026"}
    with time_machine.travel(TODAY, tick=False):
        refused = client.post(url, dates)
        advice.refresh_from_db()
        assert refused.status_code == 200
        assert "Someone else changed this case after you opened it" in refused.content.decode()
        assert advice.date_received is None
        # The page took the case's current version: sending it again saves.
        current = Child.objects.get(pk=advice.child_id).version
        assert f'name="version" value="{current}"' in refused.content.decode()
        assert client.post(url, {**dates, "version": current}).status_code == 302
    advice.refresh_from_db()
    assert advice.date_received is not None
