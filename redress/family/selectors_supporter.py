"""Reads for a supporter's caseload: the families who gave them consent (decision 0154), and
those families' open dates from the engine's rows. Nothing once a consent is withdrawn."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import QuerySet

from redress.casework.models import Child, Deadline
from redress.casework.permissions import consent_in_force_q
from redress.core.voice import SUPPORTER, VOICES
from redress.family.plain import Plain, explain
from redress.family.selectors import _in_voice as in_voice


def supported_children(user: Any) -> QuerySet[Child]:
    """The children whose family's consent for this supporter is in force today."""
    if not getattr(user, "is_authenticated", False):
        return Child.objects.none()
    return Child.objects.filter(
        pk__in=user.consents_received.filter(consent_in_force_q()).values("child_id")
    )


def supporter_dates(user: Any, today: date) -> QuerySet[Deadline]:
    """The open dates of the families this supporter supports, soonest first, each with its
    `current_status` as of today (the caller pages it)."""
    return (
        Deadline.objects.filter(
            child__in=supported_children(user), met_on__isnull=True, informational=False
        )
        .with_current_status(today)
        .select_related("child")
        .order_by("due", "child__last_name", "child__first_name", "child_id", "rule", "ref")
    )


@dataclass
class SupporterRow:
    deadline: Deadline
    plain: Plain

    @property
    def day(self) -> Any:
        """The family's own last day for their dates, else the engine's due date."""
        return self.deadline.family_day if self.plain.is_yours else self.deadline.due


def supporter_row(deadline: Deadline) -> SupporterRow:
    """A date in the words the family's pages use, as a supporter reads them (the caseload
    shows no guidance links, so none are looked up)."""
    return SupporterRow(deadline, in_voice(explain(deadline, guidance=False), VOICES[SUPPORTER]))


def supporter_rows(deadlines: Any) -> list[SupporterRow]:
    """A page of dates, each as `supporter_row`."""
    return [supporter_row(d) for d in deadlines]
