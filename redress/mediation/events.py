"""A child's mediation cases as statutory engine events (registered in MediationConfig.ready).

Per case (see docs/mediation.md, "Engine events"):

- `decision_notice_sent` on the decision notice date, with `certificate_required` false when the
  appeal is exempt; skipped when casework or plans already feed a notice on that day for the
  child (the same notice is never fed twice);
- `mediation_adviser_contacted`; `mediation_declined` or, when the family wishes to mediate,
  `mediation_requested` on the day they told the local authority (`health`, `health_only` from
  the issues); `health_commissioner_notified`;
- the current meeting (moved and cancelled ones are history): `mediation_scheduled` on the day it
  was arranged, with `meeting_date`; `meeting_details_confirmed` on the day the confirmation had
  gone to every attendee; `mediation_held`;
- `mediation_not_arranged`, `mediation_concluded`, and each `certificate_issued`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from redress.casework.models import Child


def _other_notice_dates(child: Child) -> set[str]:
    """Days on which casework or plans already feed a decision notice for this child."""
    from redress.casework.deadlines import _is_appealable

    dates = {e.date.isoformat() for e in child.events.all() if _is_appealable(e.type, e.details)}
    from redress.plans.events import plan_events

    dates.update(e["date"] for e in plan_events(child) if e["type"] == "decision_notice_sent")
    return dates


def mediation_events(child: Child) -> list[dict[str, Any]]:
    from redress.mediation.models import FamilyChoice, MediationCase, MediationIssue
    from redress.mediation.schedule import notice_confirmed_on

    cases = list(
        MediationCase.objects.filter(child=child).prefetch_related(
            "issues", "meetings", "certificates"
        )
    )
    if not cases:
        return []
    events: list[dict[str, Any]] = []

    def add(event_type: str, when: date | None, **fields: Any) -> None:
        if when is not None:
            events.append({"type": event_type, "date": when.isoformat(), **fields})

    fed_notices = _other_notice_dates(child)
    for case in cases:
        notice = case.decision_notice_date.isoformat()
        if notice not in fed_notices:
            add(
                "decision_notice_sent",
                case.decision_notice_date,
                certificate_required=case.certificate_required,
            )
            fed_notices.add(notice)
        add("mediation_adviser_contacted", case.adviser_contacted_on)
        kinds = {issue.kind for issue in case.issues.all()}
        if case.family_choice == FamilyChoice.DECLINED:
            add("mediation_declined", case.family_choice_on)
        elif case.family_choice == FamilyChoice.WISHES:
            health = MediationIssue.Kind.HEALTH in kinds
            add(
                "mediation_requested",
                case.la_told_on,
                health=health,
                health_only=health and kinds == {MediationIssue.Kind.HEALTH},
            )
        add("health_commissioner_notified", case.health_notified_on)
        meetings = [m for m in case.meetings.all() if m.status in ("scheduled", "held")]
        if meetings:
            meeting = max(meetings, key=lambda m: (m.meeting_date, m.pk))
            add(
                "mediation_scheduled",
                meeting.scheduled_on,
                meeting_date=meeting.meeting_date.isoformat(),
            )
            # The family's consent to shorter notice counts as the notice given that day.
            add("meeting_details_confirmed", notice_confirmed_on(meeting))
            add("mediation_held", meeting.held_on)
        add("mediation_not_arranged", case.not_arranged_on)
        add("mediation_concluded", case.concluded_on)
        for certificate in case.certificates.all():
            add("certificate_issued", certificate.issued_on)
    return events
