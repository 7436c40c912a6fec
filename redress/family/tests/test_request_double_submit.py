"""A family's request sent twice (a double click, a resent form) reaches the council once."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import time_machine
from django.utils import timezone

from redress.core.dedupe import DOUBLE_SUBMIT_SECONDS
from redress.family.models import FamilyRequest
from redress.notifications.tests.conftest import Cases


def test_the_same_request_posted_twice_is_made_once(cases: Cases, client: Any) -> None:
    client.force_login(cases.parent)
    url = f"/family/cases/{cases.family.pk}/ask/action-not-done/"
    text = "The speech and language sessions agreed in mediation have not started."
    with time_machine.travel(timezone.now(), tick=False) as clock:
        first = client.post(url, {"text": text})
        second = client.post(url, {"text": text})
        assert first.status_code == second.status_code == 302
        assert FamilyRequest.objects.filter(child=cases.family).count() == 1
        client.post(url, {"text": "Nor has the transport to school."})
        assert FamilyRequest.objects.filter(child=cases.family).count() == 2
        clock.shift(timedelta(seconds=DOUBLE_SUBMIT_SECONDS + 1))
        client.post(url, {"text": text})
        assert FamilyRequest.objects.filter(child=cases.family).count() == 3
