"""Demo data: one mediation that ended in agreement, with its written agreement (an overdue
action, a done one and one with an agreed date), the family's report of the overdue action not
done, and two expenses claims (one approved, one waiting).

Runs after the mediation app's demo. It uses the held mediation that ended in agreement when
that demo leaves one; otherwise it records the smallest such mediation itself, for the child of
the demo parent (so the parent's login sees the agreement). When the family has no login, the
family's report is recorded by the case manager they told.
"""

from __future__ import annotations

from datetime import date, time, timedelta
from decimal import Decimal
from typing import Any

from redress.agreements import services
from redress.agreements.models import MediationAgreement
from redress.casework.models import Child
from redress.mediation.models import MediationCase, MediationMeeting, Outcome

# How long before the demo's "today" the mediation was held: long enough for a 2-week action to
# be overdue and a 5-week one to have been done, short enough for an agreed date still to come.
HELD_DAYS_AGO = 30


def _agreement_case(
    orgs: dict[str, Any], users: dict[str, Any], today: date
) -> MediationCase | None:
    existing = (
        MediationCase.objects.filter(outcome=Outcome.AGREEMENT, agreement__isnull=True)
        .exclude(concluded_on__isnull=True)
        .order_by("-concluded_on", "-id")
        .first()
    )
    if existing is not None:
        return existing
    link = users["parent"].family_links.select_related("child").order_by("id").first()
    child: Child | None = (
        link.child
        if link
        else Child.objects.filter(local_authority=orgs["la"]).order_by("id").first()
    )
    if child is None:
        return None  # a demo loaded without children has no mediation to agree
    held = today - timedelta(days=HELD_DAYS_AGO)
    case = MediationCase.objects.create(
        child=child,
        provider=orgs["mediation"],
        decision=MediationCase.Decision.PLAN_CONTENTS,
        decision_notice_date=held - timedelta(days=45),
        adviser_contacted_on=held - timedelta(days=40),
        family_choice="wishes",
        family_choice_on=held - timedelta(days=40),
        la_told_on=held - timedelta(days=38),
        health_commissioner=orgs["icb"],
        mediator=users["mediator"],
        case_manager=users["mediation-manager"],
        concluded_on=held,
        outcome=Outcome.AGREEMENT,
    )
    MediationMeeting.objects.create(
        case=case,
        meeting_date=held,
        start_time=time(10, 0),
        place="Northwick Civic Centre, meeting room 2",
        status=MediationMeeting.Status.HELD,
        scheduled_on=held - timedelta(days=20),
        held_on=held,
        confirmation_sent_on=held - timedelta(days=14),
    )
    return case


def _overdue_timing(made_on: date, today: date) -> dict[str, Any]:
    days = (today - made_on).days
    if days > 14:
        return {"timing": "statutory", "agreed_due": None}
    return {"timing": "agreed", "agreed_due": made_on + timedelta(days=days // 2)}


def demo_agreements(*, orgs: dict[str, Any], users: dict[str, Any], today: date) -> None:
    if MediationAgreement.objects.exists():
        return
    case = _agreement_case(orgs, users, today)
    if case is None:
        return
    made_on = case.concluded_on or today - timedelta(days=HELD_DAYS_AGO)
    mediator = users["mediator"]
    agreement = services.agreement_create(
        actor=mediator,
        case=case,
        made_on=made_on,
        la_party=True,
        health_party=case.health_commissioner_id is not None,
        future_disagreements=(
            "Transport to the new school from September; the parties will talk about it at the "
            "next annual review."
        ),
    )
    actions = (
        {
            "what": "Name Riverside Academy in section I of the plan",
            "who": "Northwick SEND team (the family's caseworker)",
            "measure": "The amended plan sent to the family names Riverside Academy",
            "kind": "amend_school",
            # Overdue by the demo's today: the statutory 2 weeks when the mediation is old
            # enough, otherwise an earlier date the parties agreed.
            **_overdue_timing(made_on, today),
            "plan_section": "I",
        },
        {
            "what": "Add one hour a week of speech and language therapy to section F",
            "who": "Northwick SEND team",
            "measure": "The amended plan shows the therapy, who provides it and how often",
            "kind": "amend_contents",
            "timing": "statutory",
            "agreed_due": None,
            "plan_section": "F",
        },
        {
            "what": "Occupational therapy assessment at home, with a written report",
            "who": "Northwick ICB children's therapy service",
            "measure": "The family and the local authority receive the report",
            "kind": "other",
            "timing": "agreed",
            "agreed_due": today + timedelta(days=21),
            "plan_section": "G",
        },
    )
    added = []
    for fields in actions:
        agreement.refresh_from_db()
        added.append(
            services.action_add(
                actor=mediator, agreement=agreement, expected_version=agreement.version, **fields
            )
        )
    names = {"family": "Pat Okafor", "local_authority": "Casey Worker",
             "health_commissioner": "Harper Health"}  # fmt: skip
    for party in agreement.parties():
        agreement.refresh_from_db()
        services.acceptance_record(
            actor=mediator,
            agreement=agreement,
            expected_version=agreement.version,
            party=party,
            accepted_by_name=names.get(party, "Party representative"),
            accepted_on=made_on,
        )
    done_on = made_on + timedelta(days=min(20, (today - made_on).days))
    services.action_done_record(actor=users["caseworker"], action=added[1], done_on=done_on)
    family_link = case.child.family.filter(user__isnull=False).select_related("user").first()
    if family_link is not None:
        reporter, text = family_link.user, "The plan we were sent still names the old school."
    else:
        # The family has no login: they told the case manager, who records it for them.
        reporter = users["mediation-manager"]
        text = "The parent phoned: the plan they were sent still names the old school."
    services.action_not_done_report(actor=reporter, action=added[0], text=text)
    claimant = family_link.user if family_link is not None else users["mediation-manager"]
    travel = services.expenses_claim_submit(
        actor=claimant,
        case=case,
        claimant_name="Pat Okafor",
        category="travel",
        description="Bus fares to the mediation and back, two adults",
        amount=Decimal("9.60"),
        incurred_on=made_on,
        payer="local_authority",
    )
    services.expenses_claim_decide(
        actor=users["caseworker"], claim=travel, expected_version=travel.version, approve=True,
        reasons="",
    )  # fmt: skip
    services.expenses_claim_submit(
        actor=claimant,
        case=case,
        claimant_name="Pat Okafor",
        category="childcare",
        description="Childminder for a younger child during the mediation",
        amount=Decimal("32.00"),
        incurred_on=made_on,
        payer="local_authority",
    )
