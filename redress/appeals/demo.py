"""Northwick's appeals for the demo, built through the appeals services so every due date comes
from the statutory engine. Only the events' dates are made up, as offsets from each decision and
from today; children are picked by their stage, in id order, so the demo is the same every time.

- Ada Okafor (the demo parent's child, refused an assessment): appeal lodged, awaiting the
  local authority's response;
- the child with the oldest final plan: an extended appeal about sections B and F, with health
  and social care recommendations; one response on time, one late, one declining with reasons;
  the Tribunal ordered the plan amended, done on time;
- the oldest other refusal to assess: the Tribunal ordered an assessment; the family was told in
  time, the final plan is overdue;
- the next refusal to assess: the local authority did not oppose before its response (reg 45);
- the next final plan: the parties agreed in mediation and the family will withdraw.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from redress.appeals import services
from redress.appeals.models import Appeal
from redress.casework.models import CaseEvent, Child
from redress.mediation.models import MediationCase, MediationCertificate
from redress.statutory.rules import RULES


def _period_days(rule_id: str) -> int:
    """A rule's period in days, from the catalogue, so a response meant to be late is late."""
    rule = next(r for r in RULES if r.id == rule_id)
    assert rule.amount is not None
    return rule.amount * {"days": 1, "weeks": 7}[rule.unit]


RESPONSE_DAYS = _period_days("recommendation.response")


def _decisions(la: Any, event_type: str, decision: str | None) -> list[tuple[Child, date]]:
    """Children of the authority with this appealable decision, oldest decision first."""
    events = CaseEvent.objects.filter(child__local_authority=la, type=event_type)
    if decision is not None:
        events = events.filter(details__decision=decision)
    seen: dict[int, tuple[Child, date]] = {}
    for event in events.select_related("child").order_by("date", "id"):
        seen.setdefault(event.child_id, (event.child, event.date))
    return list(seen.values())


def _certificate(
    child: Child, decision: str, notice: date, issued: date, lodged: date, orgs: Any
) -> Any:
    """The child's mediation certificate about this decision: the mediation demo's when it made
    one, else one issued after the family said they did not wish to mediate."""
    existing = (
        MediationCertificate.objects.filter(
            case__child=child,
            case__decision=decision,
            issued_on__gte=notice,
            issued_on__lte=lodged,
        )
        .order_by("issued_on", "id")
        .first()
    )
    if existing is not None:
        return existing
    case = MediationCase.objects.create(
        child=child,
        provider=orgs["mediation"],
        decision=decision,
        decision_notice_date=notice,
        adviser_contacted_on=notice + (issued - notice) // 2,
    )
    return MediationCertificate.objects.create(case=case, reason="declined", issued_on=issued)


def _weekday(day: date) -> date:
    """A made-up date on a weekday: a Saturday or Sunday moves back to the Friday."""
    return day - timedelta(days=max(day.weekday() - 4, 0))


def _after(day: date, days: int) -> date:
    """A made-up date `days` after `day`, on a weekday and never before `day`."""
    return max(_weekday(day + timedelta(days=days)), day)


class _Demo:
    def __init__(self, orgs: dict[str, Any], users: dict[str, Any], today: date) -> None:
        self.orgs, self.users, self.today = orgs, users, today
        self.actor = users["caseworker"]

    def ago(self, days: int) -> date:
        return _weekday(self.today - timedelta(days=days))

    def record(
        self, child: Child, decision: str, notice: date, lodged: date, **kwargs: Any
    ) -> Appeal:
        issued = notice + (lodged - notice) // 2
        return services.appeal_record(
            actor=self.actor,
            child=child,
            decision=decision,
            decision_notice_date=notice,
            lodged_on=lodged,
            mediation_certificate=_certificate(child, decision, notice, issued, lodged, self.orgs),
            **kwargs,
        )

    def registered(self, appeal: Appeal, sent: date, response: date | None = None) -> Appeal:
        return services.appeal_progress_update(
            actor=self.actor,
            appeal=appeal,
            sent_to_la_on=sent,
            response_directed_on=None,
            response_directed_due=None,
            la_response="oppose" if response else "",
            la_response_sent_on=response,
            tribunal_reference=f"EH{880 + appeal.pk}/26/{appeal.pk:05d}",
            expected_version=None,
        )

    # The cases ---------------------------------------------------------------------------

    def awaiting_response(self, child: Child, notice: date) -> None:
        span = (self.today - notice).days
        if span < 6:
            return
        appeal = self.record(child, "not_assess", notice, _after(notice, span * 2 // 3))
        self.registered(appeal, _after(appeal.lodged_on, min(3, span // 4)))

    def extended(self, child: Child, notice: date) -> None:
        decided = self.ago(60)
        if (decided - notice).days < 90:
            return
        appeal = self.record(
            child,
            "plan_contents",
            notice,
            _after(notice, 30),
            sections_challenged=["B", "F"],
            recommendation_sections=["C", "G", "H2"],
            health_commissioner=self.orgs["icb"],
            social_care=self.orgs["social_care"],
        )
        sent = _after(appeal.lodged_on, 4)
        self.registered(appeal, sent, _after(sent, 35))
        services.appeal_send_to_bodies(
            actor=self.actor,
            appeal=appeal,
            sent_to_health_on=_after(sent, 2),
            sent_to_social_care_on=_after(sent, 2),
            expected_version=None,
        )
        for body, description in (
            ("health", "Report from the community paediatrician"),
            ("social_care", "Short breaks assessment"),
        ):
            direction = services.evidence_direction_record(
                actor=self.actor,
                appeal=appeal,
                body=body,
                kind="evidence",
                description=description,
                directed_by=_after(sent, 40),
            )
            services.evidence_direction_mark_provided(
                actor=self.actor, direction=direction, provided_on=_after(sent, 38)
            )
        services.appeal_hearing_update(
            actor=self.actor,
            appeal=appeal,
            hearing_on=_weekday(decided - timedelta(days=14)),
            hearing_format="video",
            hearing_venue="",
            hearing_arrangements="Yoruba interpreter; the designated clinical officer attends.",
            expected_version=None,
        )
        services.appeal_decide(
            actor=self.actor,
            appeal=appeal,
            outcome="partly_upheld",
            outcome_on=decided,
            sent_on=_after(decided, 1),
            order_kinds=["amend_contents"],
            notes="Section F to specify weekly speech and language therapy.",
            expected_version=None,
        )
        order = appeal.orders.get()
        services.compliance_step_record(
            actor=self.actor,
            order=order,
            step="amended_plan",
            done_on=_after(decided, 30),
            note="Amended plan issued to the family and the school by email and post.",
        )
        texts = {
            "C": "Specify the health care needs described in the paediatric report in section C.",
            "G": "The health commissioner to arrange an occupational therapy assessment.",
            "H2": "Social care to assess for overnight short breaks.",
        }
        made = {s: services.recommendation_record(
            actor=self.actor, appeal=appeal, section=s, made_on=decided, text=t
        ) for s, t in texts.items()}  # fmt: skip
        respond = services.recommendation_respond
        respond(
            actor=self.users["health"], recommendation=made["G"],
            response_sent_on=_after(decided, RESPONSE_DAYS - 7), decision="follows",
            steps="Occupational therapy assessment booked with the community team.", reasons="",
            expected_version=None,
        )  # fmt: skip
        respond(
            actor=self.users["socialcare"], recommendation=made["H2"],
            response_sent_on=_after(decided, RESPONSE_DAYS + 9),
            decision="follows_in_part",
            steps="A short breaks assessment by the disabled children's team.",
            reasons="Overnight breaks are decided after the assessment, not before it.",
            expected_version=None,
        )  # fmt: skip
        respond(
            actor=self.users["health"], recommendation=made["C"],
            response_sent_on=_after(decided, RESPONSE_DAYS - 3), decision="declines",
            steps="",
            reasons="The paediatric report's needs are already specified in section C of the "
            "current plan; the report adds no new health care need.",
            expected_version=None,
        )  # fmt: skip

    def order_to_assess(self, child: Child, notice: date) -> None:
        ordered = self.ago(110)
        if (ordered - notice).days < 40:
            return
        appeal = self.record(child, "not_assess", notice, _after(notice, 20))
        sent = _after(appeal.lodged_on, 3)
        self.registered(appeal, sent, min(_after(sent, 30), ordered))
        services.appeal_decide(
            actor=self.actor,
            appeal=appeal,
            outcome="upheld",
            outcome_on=ordered,
            order_kinds=["assess"],
            expected_version=None,
        )
        services.compliance_step_record(
            actor=self.actor,
            order=appeal.orders.get(),
            step="assess_notice",
            done_on=_after(ordered, 6),
            note="Letter to the family: the assessment starts now; advice requested.",
        )

    def unopposed(self, child: Child, notice: date) -> None:
        span = (self.today - notice).days
        if span < 12:
            return
        appeal = self.record(child, "not_assess", notice, _after(notice, span // 3))
        sent = _after(appeal.lodged_on, 2)
        self.registered(appeal, sent)
        appeal.refresh_from_db()
        services.appeal_mark_not_opposed(
            actor=self.actor,
            appeal=appeal,
            notified_on=min(_after(sent, 10), self.ago(2)),
            expected_version=None,
        )

    def settled(self, child: Child, notice: date) -> None:
        span = (self.today - notice).days
        if span < 30:
            return
        appeal = self.record(
            child,
            "plan_contents",
            notice,
            _after(notice, span // 3),
            sections_challenged=["F"],
        )
        sent = _after(appeal.lodged_on, 2)
        self.registered(appeal, sent)
        services.settlement_record(
            actor=self.actor,
            appeal=appeal,
            agreed_on=self.ago(3),
            route="mediation",
            ending="withdraw",
            terms="Section F to name a weekly social skills group; the family will withdraw.",
        )


def demo_appeals(*, orgs: dict[str, Any], users: dict[str, Any], today: date) -> None:
    demo = _Demo(orgs, users, today)
    la = orgs["la"]
    refusals = _decisions(la, "assessment_decision", "not_assess")
    finals = _decisions(la, "final_plan_issued", None)
    ada = [(c, d) for c, d in refusals if (c.first_name, c.last_name) == ("Ada", "Okafor")]
    others = [(c, d) for c, d in refusals if (c, d) not in ada]
    if ada:
        demo.awaiting_response(*ada[0])
    if finals:
        demo.extended(*finals[0])
    if others:
        demo.order_to_assess(*others[0])
    if len(others) > 1:
        demo.unopposed(*others[-1])
    if len(finals) > 1:
        demo.settled(*finals[-1])
