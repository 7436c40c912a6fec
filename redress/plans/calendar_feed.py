"""Planned annual review meetings in people's calendar feeds."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.urls import reverse

from redress.casework.selectors import children_visible_to
from redress.notifications.calendar_feed import CalendarEvent
from redress.plans.models import ReviewCycle


def review_meetings(user: Any) -> Iterator[CalendarEvent]:
    """Review meetings planned on the cases the person may see, until they are held."""
    cycles = (
        ReviewCycle.objects.filter(
            child__in=children_visible_to(user), meeting_planned_for__isnull=False
        )
        .exclude(steps__kind="meeting_held")
        .select_related("child")
    )
    for cycle in cycles:
        child = cycle.child
        initials = f"{child.first_name[:1]}{child.last_name[:1]}"
        assert cycle.meeting_planned_for is not None
        yield CalendarEvent(
            uid=f"review-meeting-{cycle.pk}@redress",
            summary=f"Annual review meeting: case {child.pk} ({initials})",
            description="The annual review meeting of the EHC plan.",
            day=cycle.meeting_planned_for,
            url=reverse("plans:review", args=[cycle.pk]),
        )
