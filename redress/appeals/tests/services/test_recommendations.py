"""The Tribunal's recommendations and the bodies' responses: who must answer, by when, and who is
reminded."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from redress.appeals import services
from redress.appeals.models import Recommendation
from redress.appeals.selectors_lists import recommendation_counts
from redress.appeals.tests.helpers import (
    World,
    deadline_row,
    error_text,
    extended_appeal,
    make_world,
)
from redress.casework.deadlines import deadlines_recompute
from redress.statutory.engine import today_in_london

pytestmark = pytest.mark.django_db


def _recommendation(world: World, section: str = "G") -> Recommendation:
    appeal = extended_appeal(world)
    return services.recommendation_record(
        actor=world.caseworker,
        appeal=appeal,
        section=section,
        made_on=date(2026, 10, 1),
        text="Speech and language therapy assessment by the community team.",
    )


def test_recommendation_response_is_due_in_5_weeks_from_the_body_asked(world: World) -> None:
    recommendation = _recommendation(world)
    assert recommendation.body == "health"
    assert recommendation.organisation == world.icb
    row = deadline_row(world, "recommendation.response", recommendation.engine_ref)
    assert row.due == date(2026, 11, 5)
    assert row.actor == "health_commissioner"
    assert row.organisation_id == world.icb.pk


def test_social_care_sections_go_to_social_care(world: World) -> None:
    recommendation = _recommendation(world, "H2")
    assert (recommendation.body, recommendation.organisation) == ("social_care", world.social_care)


def test_a_section_the_family_did_not_ask_about_is_refused(world: World) -> None:
    appeal = extended_appeal(world)
    with pytest.raises(ValidationError) as excinfo:
        services.recommendation_record(
            actor=world.caseworker,
            appeal=appeal,
            section="D",
            made_on=date(2026, 10, 1),
            text="Short breaks.",
        )
    assert "C, G, H2" in error_text(excinfo, "section")


@pytest.mark.parametrize("decision", ["declines", "follows_in_part"])
def test_a_response_that_declines_without_reasons_is_refused(world: World, decision: str) -> None:
    recommendation = _recommendation(world)
    with pytest.raises(ValidationError) as excinfo:
        services.recommendation_respond(
            actor=world.health,
            recommendation=recommendation,
            response_sent_on=date(2026, 11, 2),
            decision=decision,
            steps="We will fund part of the therapy.",
            reasons="   ",
            expected_version=recommendation.version,
        )
    assert "reasons" in error_text(excinfo, "reasons")
    recommendation.refresh_from_db()
    assert recommendation.response_sent_on is None
    row = deadline_row(world, "recommendation.response", recommendation.engine_ref)
    assert row.met_on is None


def test_a_declining_response_with_reasons_meets_the_deadline(world: World) -> None:
    recommendation = _recommendation(world)
    services.recommendation_respond(
        actor=world.health,
        recommendation=recommendation,
        response_sent_on=date(2026, 11, 2),
        decision="declines",
        steps="",
        reasons="The child already receives this therapy through school.",
        expected_version=recommendation.version,
    )
    row = deadline_row(world, "recommendation.response", recommendation.engine_ref)
    assert (row.met_on, row.status) == (date(2026, 11, 2), "met")


def test_another_body_cannot_respond(world: World) -> None:
    recommendation = _recommendation(world)  # for the ICB
    with pytest.raises(ValidationError):
        services.recommendation_respond(
            actor=world.socialcare,
            recommendation=recommendation,
            response_sent_on=date(2026, 11, 2),
            decision="follows",
            steps="We will do it.",
            reasons="",
            expected_version=recommendation.version,
        )


def test_overdue_responses_show_to_the_body_and_the_la_but_not_others(world: World) -> None:
    _recommendation(world)

    def overdue(user: Any) -> int:
        return recommendation_counts(user, today_in_london())["overdue"]

    assert overdue(world.health) == 1
    assert overdue(world.caseworker) == 1
    assert overdue(world.socialcare) == 0
    assert overdue(make_world("Southby").health) == 0


def test_recompute_keeps_the_body_as_the_organisation(world: World) -> None:
    recommendation = _recommendation(world)
    deadlines_recompute(child=world.child)
    row = deadline_row(world, "recommendation.response", recommendation.engine_ref)
    assert row.organisation_id == world.icb.pk


def test_reminders_for_a_response_go_to_the_body_asked(world: World) -> None:
    from redress.notifications.recipients import responsible_contacts

    recommendation = _recommendation(world, "H2")
    row = deadline_row(world, "recommendation.response", recommendation.engine_ref)
    contacts = responsible_contacts(row, world.child)
    assert [c.user for c in contacts] == [world.socialcare]
