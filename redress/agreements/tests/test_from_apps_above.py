"""What agreements reads from the apps above it (appeals, the family's requests), through the
lookups they declare: the provider's report counts a mediation as followed by an appeal from
appeals' own records, and a family's report of an action not done is one of their requests."""

from __future__ import annotations

from datetime import date

import pytest

from redress.agreements.selectors import live_appeal_for
from redress.appeals.models import Appeal
from redress.casework.tests.factories import ChildFactory
from redress.core.registry import lookup

pytestmark = pytest.mark.django_db


def test_an_appeal_lodged_on_or_after_the_day_follows_the_mediation() -> None:
    child, other = ChildFactory(), ChildFactory()
    assert live_appeal_for(child) is None
    appeal = Appeal.objects.create(
        child=child, decision="plan_contents",
        decision_notice_date=date(2026, 9, 1), lodged_on=date(2026, 10, 20),
    )  # fmt: skip
    Appeal.objects.create(
        child=child, decision="not_assess",
        decision_notice_date=date(2026, 6, 1), lodged_on=date(2026, 7, 1),
    )  # fmt: skip
    latest = lookup("latest_appeal_lodged")([child.pk, other.pk])
    assert latest == {child.pk: date(2026, 10, 20)}  # the later of the two; none for the other
    assert live_appeal_for(child) == appeal


def test_an_action_not_done_is_a_kind_of_family_request() -> None:
    from redress.agreements.services import ACTION_NOT_DONE_REQUEST
    from redress.family.models import FamilyRequest

    assert ACTION_NOT_DONE_REQUEST == FamilyRequest.Kind.ACTION_NOT_DONE
