"""The filters and sorts of the mediation lists (the case list and the mediator's meetings)."""

from __future__ import annotations

from typing import Any

from django import forms

from redress.core.listing import ListForm, date_range_fields
from redress.mediation.models import MediationCase, MediationMeeting

#: Where a case stands, as the list filters it (the words of the case list's "Stage" column).
CASE_STAGES = (
    ("undecided", "The family has not decided yet"),
    ("wishes", "The family wishes to mediate"),
    ("declined", "The family does not wish to mediate"),
    ("exempt", "No certificate needed"),
    ("concluded", "Concluded"),
)


class CaseListForm(ListForm):
    SORTS = {
        "updated": "Recently changed",
        "notice": "Decision notice, newest first",
        "name": "Child or young person",
        "provider": "Provider",
    }

    stage = forms.ChoiceField(label="Stage", required=False)
    decision = forms.ChoiceField(
        label="Decision",
        required=False,
        choices=[("", "Any"), *MediationCase.Decision.choices],
    )
    provider = forms.ChoiceField(label="Provider", required=False)
    local_authority = forms.ChoiceField(label="Local authority", required=False)
    notice_from, notice_to = date_range_fields("Decision notice")

    def __init__(
        self,
        data: Any = None,
        *,
        providers: list[tuple[str, str]],
        authorities: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(data, **kwargs)
        self.fields["stage"].choices = [("", "Any"), *CASE_STAGES]  # type: ignore[attr-defined]
        self.fields["provider"].choices = [("", "Any"), *providers]  # type: ignore[attr-defined]
        self.fields["local_authority"].choices = [  # type: ignore[attr-defined]
            ("", "Any"),
            *authorities,
        ]


MEETING_PERIODS = (
    ("week", "This week"),
    ("day", "Today"),
    ("upcoming", "From today on"),
    ("earlier", "Before today"),
)


class MeetingListForm(ListForm):
    SORTS = {"soonest": "Soonest first", "latest": "Latest first"}

    period = forms.ChoiceField(label="When", required=False, choices=MEETING_PERIODS)
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[
            ("", "Arranged or held"),
            (MediationMeeting.Status.SCHEDULED, "Arranged"),
            (MediationMeeting.Status.HELD, "Held"),
        ],
    )
