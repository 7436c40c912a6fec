"""A child's mediation cases as statutory engine events (registered in MediationConfig.ready).

Per case (see docs/mediation.md, "Engine events"):

- the decision the case is about (`case_ref`): the recorded decision it is linked to
  (`MediationCase.decision_ref`), else a recorded decision whose notice was sent that day, else
  the case's own `decision_notice_sent` on the decision notice date (ref `mediation_case-<id>`,
  `certificate_required` false when the appeal is exempt): the same notice is never fed twice;
- `mediation_adviser_contacted`; `mediation_declined` or, when the family wishes to mediate,
  `mediation_requested` on the day they told the local authority (`health`, `health_only` from
  the issues); `health_commissioner_notified`;
- the current meeting (moved and cancelled ones are history): `mediation_scheduled` on the day it
  was arranged, with `meeting_date`; `meeting_details_confirmed` on the day the confirmation had
  gone to every attendee; `mediation_held`;
- `mediation_not_arranged`, `mediation_concluded`, and each `certificate_issued`.

A meeting or certificate withdrawn as recorded in error (decision 0100) is left out, so the
engine counts as if it had not been recorded.

`mediation_adviser_contacted` and `certificate_issued` carry the case's decision ref, so the
family's windows for one decision are never closed or moved by a mediation about another.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from redress.casework.deadlines import attach_related, prefetched
from redress.casework.models import Child
from redress.documents.decision_letters import decision_for_notice
from redress.plans.events import attach_plan_records


def attach_mediation_records(children: Sequence[Child]) -> list[Any]:
    """Attach a batch's mediation cases with their issues, meetings and certificates."""
    from redress.mediation.models import (
        MediationCase,
        MediationCertificate,
        MediationIssue,
        MediationMeeting,
    )

    cases = attach_related(children, "mediation_cases", MediationCase.objects.all(), by="child_id")
    attach_related(cases, "issues", MediationIssue.objects.all(), by="case_id")
    attach_related(cases, "meetings", MediationMeeting.objects.all(), by="case_id")
    attach_related(cases, "certificates", MediationCertificate.objects.all(), by="case_id")
    return cases


def mediation_events_for_children(children: Sequence[Child]) -> dict[int, list[dict[str, Any]]]:
    """`mediation_events` for many children: their records in a fixed number of queries."""
    attach_plan_records(children)  # for the notices the plans app already feeds
    attach_mediation_records(children)
    return {child.pk: mediation_events(child) for child in children}


def case_ref(case: Any, child: Child | None = None) -> str:
    """The ref of the decision a mediation case is about (see the module's docstring)."""
    if case.decision_ref:
        return str(case.decision_ref)

    # The child a batch loaded (with its records attached), else the case's own.
    owner = child if child is not None else case.child
    return decision_for_notice(owner, case.decision, case.decision_notice_date) or str(
        case.engine_ref
    )


def mediation_events(child: Child) -> list[dict[str, Any]]:
    from redress.mediation.models import FamilyChoice, MediationCase, MediationIssue
    from redress.mediation.schedule import notice_confirmed_on

    cases = prefetched(child, "mediation_cases")
    if cases is None:
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

    for case in cases:
        if case.withdrawn:
            continue
        ref = case_ref(case, child)
        if ref == f"mediation_case-{case.pk}":
            add(
                "decision_notice_sent",
                case.decision_notice_date,
                certificate_required=case.certificate_required,
                ref=ref,
            )
        add("mediation_adviser_contacted", case.adviser_contacted_on, ref=ref)
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
        meetings = [
            m for m in case.meetings.all() if m.status in ("scheduled", "held") and not m.withdrawn
        ]
        if meetings:
            meeting = max(meetings, key=lambda m: (m.meeting_date, m.pk))
            add(
                "mediation_scheduled",
                meeting.scheduled_on,
                meeting_date=meeting.meeting_date.isoformat(),
            )
            # The family's consent to shorter notice counts as the notice given that day.
            add("meeting_details_confirmed", notice_confirmed_on(meeting))
            if meeting.short_notice_consent_on is not None:
                # The family agreed to shorter notice: the 5 working days are excused even when
                # the meeting was arranged too late to give them.
                add(
                    "exception_recorded",
                    meeting.short_notice_consent_on,
                    rule="mediation.meeting_notice",
                    ground="consent_short_notice",
                )
            add("mediation_held", meeting.held_on)
        add("mediation_not_arranged", case.not_arranged_on)
        add("mediation_concluded", case.concluded_on)
        for certificate in case.certificates.all():
            if certificate.withdrawn:
                continue
            add("certificate_issued", certificate.issued_on, ref=ref)
    return events
