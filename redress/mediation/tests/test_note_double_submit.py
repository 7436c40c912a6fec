"""A mediator's note sent twice (a double click, a resent form) is kept once."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from redress.core.dedupe import DOUBLE_SUBMIT_SECONDS
from redress.mediation import services
from redress.mediation.models import MediatorNote
from redress.mediation.tests.factories import make_world, open_case

pytestmark = pytest.mark.django_db


def test_the_same_note_posted_twice_is_saved_once_and_a_later_one_again() -> None:
    with time_machine.travel(date(2026, 10, 20), tick=False) as clock:
        world = make_world()
        case = open_case(world)
        case.mediator = world.mediator
        case.save()
        client = Client()
        client.force_login(world.mediator)
        url = reverse("mediation:notes", args=[case.pk])
        first = client.post(url, {"text": "Parent prefers mornings."})
        second = client.post(url, {"text": "Parent prefers mornings."})
        assert first.status_code == second.status_code == 302
        assert MediatorNote.objects.filter(case=case).count() == 1
        # Different words are a different note.
        services.mediator_note_add(actor=world.mediator, case=case, text="School agrees.")
        assert MediatorNote.objects.filter(case=case).count() == 2
        # The same words written again later are a new note.
        clock.shift(timedelta(seconds=DOUBLE_SUBMIT_SECONDS + 1))
        client.post(url, {"text": "Parent prefers mornings."})
        assert MediatorNote.objects.filter(case=case).count() == 3
