"""The phase-transfer cohort suggested from year groups, added in one step."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from redress.casework.models import Child, Deadline
from redress.plans.models import PhaseTransfer
from redress.plans.tests.helpers import (
    ChildFactory,
    LocalAuthorityFactory,
    caseworker_for,
    issued_plan,
)

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 1)


def _with_plan(la: Any, actor: Any, born: date, last_name: str) -> Child:
    child = ChildFactory(local_authority=la, date_of_birth=born, last_name=last_name)
    issued_plan(child, actor, draft=date(2025, 9, 1), final=date(2025, 10, 1))
    child.refresh_from_db()
    return child


@time_machine.travel(TODAY)
def test_children_moving_phase_next_september_are_suggested_and_added_together() -> None:
    la = LocalAuthorityFactory()
    first = ChildFactory(local_authority=la)
    actor = caseworker_for(first)
    # In school year 2026/27: born 31 Aug 2016 is in year 6 (the youngest); 1 Sep 2010 in
    # year 11 (the oldest); 1 Sep 2016 in year 5; born 31 Aug 2023 in the early years.
    year6 = _with_plan(la, actor, date(2016, 8, 31), "Sixer")
    year11 = _with_plan(la, actor, date(2010, 9, 1), "Eleven")
    _with_plan(la, actor, date(2016, 9, 1), "Fiver")
    nursery = _with_plan(la, actor, date(2023, 8, 31), "Nursery")
    elsewhere_la = LocalAuthorityFactory()
    elsewhere = _with_plan(
        elsewhere_la, caseworker_for(ChildFactory(local_authority=elsewhere_la)),
        date(2016, 1, 10), "Elsewhere",
    )  # fmt: skip

    client = Client()
    client.force_login(actor)
    url = reverse("plans:cohort-suggest") + "?year=2027"
    page = client.get(url).content.decode()
    assert "Sixer" in page and "Eleven" in page and "Nursery" in page
    assert "Fiver" not in page and "Elsewhere" not in page
    assert "Primary (or middle) to secondary school" in page

    # A child of another authority slipped into the post adds nobody.
    forged = client.post(
        url, {"year": "2027", "child": [f"{year6.pk}:{year6.version}",
                                        f"{elsewhere.pk}:{elsewhere.version}"]},
    )  # fmt: skip
    assert forged.status_code == 200 and "not among the suggestions" in forged.content.decode()
    assert not PhaseTransfer.objects.exists()

    # A stale page (someone changed a case since) adds nobody either.
    Child.objects.filter(pk=year11.pk).update(version=year11.version + 1)
    stale = client.post(
        url, {"year": "2027", "child": [f"{year6.pk}:{year6.version}",
                                        f"{year11.pk}:{year11.version}"]},
    )  # fmt: skip
    assert "Someone else changed this case" in stale.content.decode()
    assert not PhaseTransfer.objects.exists()
    year11.refresh_from_db()

    done = client.post(
        url, {"year": "2027", "child": [f"{year6.pk}:{year6.version}",
                                        f"{year11.pk}:{year11.version}"]},
        follow=True,
    )  # fmt: skip
    assert "Added 2 to the 2027 cohort." in done.content.decode()
    kinds = dict(PhaseTransfer.objects.values_list("child__last_name", "kind"))
    assert kinds == {"Sixer": "primary_secondary", "Eleven": "post16"}
    dues = dict(Deadline.objects.filter(rule="phase_transfer.amend").values_list("child_id", "due"))
    assert dues == {year6.pk: date(2027, 2, 14), year11.pk: date(2027, 3, 30)}

    # Once added, or taken out of the cohort, a child is no longer suggested.
    page = client.get(url).content.decode()
    assert "Sixer" not in page and "Eleven" not in page and nursery.last_name in page
