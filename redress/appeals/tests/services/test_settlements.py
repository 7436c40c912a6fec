"""Settling before the hearing: a withdrawal ends the appeal; a consent order before the response
is steered to not opposing."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from redress.appeals import services
from redress.appeals.selectors import live_appeal_for_child
from redress.appeals.tests.helpers import World, error_text, plan_appeal

pytestmark = pytest.mark.django_db


def test_withdrawal_after_settlement_ends_the_appeal(world: World) -> None:
    appeal = plan_appeal(world)
    assert live_appeal_for_child(world.child) == appeal
    settlement = services.settlement_record(
        actor=world.caseworker,
        appeal=appeal,
        agreed_on=date(2026, 10, 1),
        route="mediation",
        ending="withdraw",
        terms="Extra speech and language therapy named in section F.",
    )
    services.settlement_mark_sent(
        actor=world.caseworker,
        settlement=settlement,
        sent_on=date(2026, 10, 3),
        expected_version=settlement.version,
    )
    appeal.refresh_from_db()
    assert (appeal.outcome, appeal.outcome_on) == ("withdrawn", date(2026, 10, 3))
    assert live_appeal_for_child(world.child) is None


def test_consent_order_before_the_response_is_steered_to_not_opposing(world: World) -> None:
    appeal = plan_appeal(world)
    with pytest.raises(ValidationError) as excinfo:
        services.settlement_record(
            actor=world.caseworker,
            appeal=appeal,
            agreed_on=date(2026, 10, 1),
            route="direct",
            ending="consent_order",
            terms="Section F amended.",
        )
    assert "does not oppose" in error_text(excinfo, "ending")
