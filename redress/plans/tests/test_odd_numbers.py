"""Numbers typed or forged as characters Python calls digits but cannot read as a number (a
superscript two) are refused like any other bad value, never a server error."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from redress.plans.models import Plan
from redress.plans.tests.helpers import ChildFactory, caseworker_for, issued_plan

pytestmark = pytest.mark.django_db

SUPERSCRIPT_TWO = "\u00b2"


@time_machine.travel(date(2026, 12, 1))
def test_superscript_digits_in_query_strings_and_forms_are_refused_not_a_server_error() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    plan = issued_plan(child, actor, draft=date(2026, 3, 27), final=date(2026, 4, 20))
    client = Client(raise_request_exception=False)
    client.force_login(actor)

    cohort = client.get(reverse("plans:cohort"), {"year": f"202{SUPERSCRIPT_TWO}"})
    assert cohort.status_code == 200
    assert "2027" in cohort.content.decode()  # the cohort of the coming September
    suggest = client.get(reverse("plans:cohort-suggest"), {"year": SUPERSCRIPT_TWO})
    assert suggest.status_code == 200
    forged_child = client.post(
        reverse("plans:cohort-suggest"), {"year": "2027", "child": f"{SUPERSCRIPT_TWO}:1"}
    )
    assert forged_child.status_code == 200
    compare = client.get(reverse("plans:compare", args=[plan.pk]), {"with": SUPERSCRIPT_TWO})
    assert compare.status_code == 404
    forged_review = client.post(
        reverse("plans:amend", args=[plan.pk]), {"version": "1", "review": SUPERSCRIPT_TWO}
    )
    assert forged_review.status_code == 404
    stale = client.post(reverse("plans:amend", args=[plan.pk]), {"version": SUPERSCRIPT_TWO})
    assert stale.status_code == 302
    assert not Plan.objects.filter(child=child, supersedes=plan).exists()
