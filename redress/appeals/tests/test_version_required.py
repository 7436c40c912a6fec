"""An appeal form posted without the version it was opened at is refused, not saved."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.test import Client

from redress.appeals.tests.helpers import make_world, plan_appeal

pytestmark = pytest.mark.django_db


@time_machine.travel(date(2026, 11, 25), tick=False)
def test_progress_posted_without_its_version_is_refused() -> None:
    world = make_world()
    appeal = plan_appeal(world)
    client = Client()
    client.force_login(world.caseworker)
    url = f"/appeals/{appeal.pk}/progress/"
    dates = {"sent_to_la_on_day": "15", "sent_to_la_on_month": "7", "sent_to_la_on_year": "2026"}
    refused = client.post(url, dates)
    assert refused.status_code == 200
    assert "Someone else changed this case after you opened it" in refused.content.decode()
    appeal.refresh_from_db()
    assert appeal.sent_to_la_on is None
    assert client.post(url, {**dates, "version": appeal.version}).status_code == 302
    appeal.refresh_from_db()
    assert appeal.sent_to_la_on == date(2026, 7, 15)
