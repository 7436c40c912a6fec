"""Demo mediation cases at the demo's mediation provider, one at each stage (docs/mediation.md):

1. first contact only;
2. the family declined mediation and has its certificate;
3. health issues, with the ICB told;
4. a meeting next week (Ada Okafor, the demo parent's child): attendees, an LA officer whose
   authority to settle is not confirmed, the family's lawyer, the confirmation sent;
5. held and concluded without agreement, with its certificate;
6. held and concluded with agreement (the only demo case with outcome "agreement"; the written
   agreement itself belongs to the agreements app).

Children are chosen deterministically from the demo's appealable decisions, most recent first.
"""

from __future__ import annotations

from datetime import date, time, timedelta
from typing import Any

from redress.accounts.models import Organisation
from redress.casework.models import CaseEvent, Child
from redress.mediation import services
from redress.mediation.models import (
    FamilyChoice,
    MediationAttendee,
    MediationCase,
    MediationMeeting,
    Outcome,
    Party,
)

_DECISIONS = {
    "final_plan_issued": MediationCase.Decision.PLAN_CONTENTS,
    "assessment_decision": MediationCase.Decision.NOT_ASSESS,
    "plan_decision": MediationCase.Decision.NOT_ISSUE,
}


def _appealable(la: Organisation, exclude: set[int]) -> list[tuple[Child, str, date]]:
    """(child, decision, notice date) for the demo's appealable decisions, newest first."""
    events = (
        CaseEvent.objects.filter(child__local_authority=la, type__in=list(_DECISIONS))
        .exclude(child_id__in=exclude)
        .select_related("child")
        .order_by("-date", "id")
    )
    seen: set[int] = set()
    found: list[tuple[Child, str, date]] = []
    for event in events:
        decision = event.details.get("decision")
        appealable = event.type == "final_plan_issued" or decision in ("not_assess", "not_issue")
        if appealable and event.child_id not in seen:
            seen.add(event.child_id)
            found.append((event.child, _DECISIONS[event.type], event.date))
    return found


def demo_mediation(*, orgs: dict[str, Organisation], users: dict[str, Any], today: date) -> None:
    provider, la, icb = orgs["mediation"], orgs["la"], orgs["icb"]
    provider.serves.add(la)
    adviser, mediator = users["mediation-adviser"], users["mediator"]
    manager = users["mediation-manager"]
    ada = Child.objects.filter(local_authority=la, first_name="Ada", last_name="Okafor").first()
    # Cases 1-3 use the demo's most recent appealable decisions; case 4 is Ada Okafor's refused
    # assessment; the held mediations (and a small demo short of decisions) use other children,
    # with a notice 60 days ago so the meeting can have been held a month ago.
    candidates = _appealable(la, exclude={ada.pk} if ada else set())[:3]
    refusal = (
        ada.events.filter(type="assessment_decision").order_by("-date").first() if ada else None
    )
    used = {child.pk for child, _, _ in candidates} | ({ada.pk} if ada else set())
    others = iter(Child.objects.filter(local_authority=la).exclude(pk__in=used).order_by("id")[:6])
    for child in others:
        if len(candidates) >= 3:
            break
        candidates.append((child, MediationCase.Decision.PLAN_CONTENTS, today - timedelta(35)))
    if ada is not None and refusal is not None:
        candidates.append((ada, MediationCase.Decision.NOT_ASSESS, refusal.date))
    for child in others:
        if len(candidates) >= 6:
            break
        candidates.append((child, MediationCase.Decision.PLAN_CONTENTS, today - timedelta(60)))
    if len(candidates) < 6:
        return

    def ago(days: int, notice: date) -> date:
        return min(max(today - timedelta(days=days), notice), today)

    def open_case(n: int, contacted_days_ago: int, kinds: tuple[str, ...]) -> MediationCase:
        child, decision, notice = candidates[n]
        issues = [
            services.IssueInput(
                kind=kind,
                description={
                    "education": "The hours of teaching assistant support in section F",
                    "social_care": "Short breaks in section H",
                    "health": "Speech and language therapy in section G",
                }[kind],
                health_provision_wanted="Weekly speech and language therapy in school"
                if kind == "health"
                else "",
            )
            for kind in kinds
        ]
        return services.mediation_case_open(
            actor=adviser, child=child, provider=provider, decision=decision,
            decision_notice_date=notice, adviser_contacted_on=ago(contacted_days_ago, notice),
            issues=issues,
        )  # fmt: skip

    def wishes(case: MediationCase, days_ago: int) -> None:
        on = ago(days_ago, case.decision_notice_date)
        services.mediation_choice_record(actor=adviser, case=case, choice=FamilyChoice.WISHES,
                                         on=on)  # fmt: skip
        services.mediation_la_told_record(actor=adviser, case=case, on=on)
        services.mediation_assign(actor=adviser, case=case, mediator=mediator, case_manager=manager)

    def attend(case: MediationCase, role: str, name: str, by: str, **extra: Any) -> Any:
        return services.mediation_attendee_add(
            actor=adviser, case=case, role=role, name=name, proposed_by=by, **extra
        )

    # 1. First contact only.
    open_case(0, 1, ("education",))

    # 2. Declined, with its certificate.
    declined = open_case(1, 12, ("education",))
    on = ago(10, declined.decision_notice_date)
    services.mediation_choice_record(actor=adviser, case=declined, choice=FamilyChoice.DECLINED,
                                     on=on)  # fmt: skip
    issued_on = ago(8, declined.decision_notice_date)
    services.mediation_certificate_issue(
        actor=adviser, case=declined, reason="declined", issued_on=issued_on
    )

    # 3. Health issues, the ICB told.
    health = open_case(2, 9, ("education", "health"))
    wishes(health, 6)
    services.mediation_health_notified_record(actor=adviser, case=health, commissioner=icb,
                                              on=ago(4, health.decision_notice_date))  # fmt: skip

    # 4. A meeting next week, for the demo parent's child.
    upcoming = open_case(3, 20, ("education", "social_care"))
    wishes(upcoming, 18)
    services.mediation_meeting_schedule(
        actor=adviser, case=upcoming, meeting_date=today + timedelta(days=7),
        start_time=time(10, 0), place="Northwick Library, community room",
        accessibility_needs="Step-free access; a Yoruba interpreter for Pat Okafor",
    )  # fmt: skip
    attend(upcoming, MediationAttendee.Role.PARENT_OR_YOUNG_PERSON, "Pat Okafor", Party.FAMILY,
           email="parent@example.invalid", user=users["parent"])  # fmt: skip
    attend(upcoming, MediationAttendee.Role.SUPPORTER, "Sam Supporter", Party.FAMILY,
           organisation=orgs["sendiass"], user=users["supporter"])  # fmt: skip
    attend(upcoming, MediationAttendee.Role.LAWYER, "Robin Hale", Party.FAMILY,
           organisation_name="Hale & Co Solicitors")  # fmt: skip
    attend(upcoming, MediationAttendee.Role.LA_OFFICER, "Casey Worker", Party.LOCAL_AUTHORITY,
           user=users["caseworker"])  # fmt: skip
    decider = attend(upcoming, MediationAttendee.Role.LA_OFFICER, "Morgan Manager",
                     Party.LOCAL_AUTHORITY, user=users["manager"])  # fmt: skip
    attend(upcoming, MediationAttendee.Role.MEDIATOR, "Maya Mediator", Party.NONE, user=mediator)
    services.attendee_authority_confirm(actor=adviser, attendee=decider, how="delegated",
                                        on=today)  # fmt: skip
    services.pre_mediation_calls_prepare(actor=adviser, case=upcoming)
    services.agenda_build(actor=adviser, case=upcoming)
    services.mediation_confirmation_send(actor=adviser, case=upcoming)

    # 5 and 6. Held and concluded, without and with agreement.
    for n, outcome in ((4, Outcome.NO_AGREEMENT), (5, Outcome.AGREEMENT)):
        case = open_case(n, 55, ("education",))
        wishes(case, 50)
        held_on = ago(30, case.decision_notice_date)
        # A meeting in the past cannot be arranged through the service, which refuses past dates.
        MediationMeeting.objects.create(
            case=case, meeting_date=held_on, start_time=time(13, 30), place="Town Hall, room 4",
            scheduled_on=ago(45, case.decision_notice_date),
            confirmation_sent_on=ago(40, case.decision_notice_date), created_by=adviser,
        )  # fmt: skip
        attend(case, MediationAttendee.Role.PARENT_OR_YOUNG_PERSON, "A parent", Party.FAMILY)
        attend(case, MediationAttendee.Role.LA_OFFICER, "Morgan Manager", Party.LOCAL_AUTHORITY,
               user=users["manager"])  # fmt: skip
        services.mediation_held_record(actor=adviser, case=case, held_on=held_on)
        services.mediation_conclude(actor=mediator, case=case, concluded_on=held_on,
                                    outcome=outcome)  # fmt: skip
        if outcome == Outcome.NO_AGREEMENT:
            services.mediation_certificate_issue(
                actor=adviser, case=case, reason="after_mediation",
                issued_on=ago(28, case.decision_notice_date),
            )  # fmt: skip
