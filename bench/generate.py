"""Synthetic cases for the benchmark: a realistic mix of assessments, plans under review,
mediations and appeals, transfers in and re-assessments, each with 3 to 10 events, reproducible
from a seed. Some cases carry two appealable decisions at once (named by `ref`)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta
from types import MappingProxyType
from typing import Any

from redress.statutory.events import AgreedAction, Event

_NO_FIELDS: MappingProxyType[str, Any] = MappingProxyType({})
_BASE = date(2023, 1, 2)


class _Builder:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.events: list[Event] = []

    def add(self, event_type: str, when: date, **fields: Any) -> date:
        self.events.append(
            Event(
                len(self.events) + 1,
                event_type,
                when,
                MappingProxyType(fields) if fields else _NO_FIELDS,
            )
        )
        return when

    def later(self, when: date, low: int, high: int) -> date:
        return when + timedelta(days=self.rng.randint(low, high))


def _assessment(b: _Builder, start: date) -> None:
    rng = b.rng
    requested = b.add("assessment_requested", start)
    decided = b.later(requested, 20, 50)
    if rng.random() < 0.15:
        if rng.random() < 0.2:
            b.add(
                "exception_recorded", b.later(requested, 10, 40), rule="assessment.decision",
                ground="reg_5_4_c",
            )  # fmt: skip
        b.add("assessment_decision", decided, decision="not_assess")
        b.add("decision_notice_sent", decided, certificate_required=True)
        return
    b.add("assessment_decision", decided, decision="assess")
    for n in range(rng.randint(1, 3)):
        asked = b.later(decided, 0, 10)
        ref = f"a{n}"
        b.add(
            "advice_requested",
            asked,
            ref=ref,
            advice=rng.choice(("health", "educational", "psychological", "social_care")),
        )
        if rng.random() < 0.75:
            b.add("advice_received", b.later(asked, 20, 60), ref=ref)
    if rng.random() < 0.7:
        draft = b.later(requested, 90, 130)
        b.add("draft_plan_issued", draft)
        if rng.random() < 0.8:
            b.add("final_plan_issued", b.later(draft, 10, 45))
    elif rng.random() < 0.3:
        b.add("plan_decision", b.later(requested, 80, 120), decision="not_issue")
    if rng.random() < 0.05:
        b.add(
            "exception_recorded",
            b.later(requested, 60, 100),
            rule="plan.final",
            ground="reg_10_4_c",
        )


def _review(b: _Builder, start: date) -> None:
    rng = b.rng
    final = b.add("final_plan_issued", start)
    meeting = b.later(final, 300, 380)
    if rng.random() < 0.7:
        arranged = b.add(
            "review_meeting_scheduled", meeting - timedelta(days=rng.randint(10, 60)),
            meeting_date=meeting,
        )  # fmt: skip
        b.add("review_invitations_sent", b.later(arranged, 0, 10))
        if rng.random() < 0.6:
            b.add("review_advice_circulated", b.later(arranged, 5, 40))
    b.add("review_meeting_held", meeting)
    if rng.random() < 0.8:
        b.add("review_report_sent", b.later(meeting, 5, 20))
    if rng.random() < 0.85:
        decided = b.later(meeting, 10, 35)
        decision = rng.choice(("maintain", "amend", "amend", "cease"))
        b.add("review_decision", decided, decision=decision)
        if decision == "amend":
            notice = b.add("amendment_notice_issued", decided)
            if rng.random() < 0.7:
                b.add("amended_plan_issued", b.later(notice, 30, 80))
            elif rng.random() < 0.4:
                b.add("amendment_not_made", b.later(notice, 20, 70))
    elif rng.random() < 0.1:
        b.add("cessation_decided", b.later(meeting, 30, 90))
    if rng.random() < 0.3:
        if rng.random() < 0.2:
            recorded = b.later(final, 100, 200)
            b.add(
                "phase_transfer_due", recorded, transfer="post16_move",
                move_date=b.later(recorded, 120, 260),
            )  # fmt: skip
        else:
            b.add(
                "phase_transfer_due",
                b.later(final, 100, 200),
                transfer=rng.choice(("school", "post16")),
                year=start.year + 2,
            )


def _decision_ref(b: _Builder) -> dict[str, str]:
    """A decision's ref: most cases name none (as before refs existed), some name it."""
    return {"ref": "plan"} if b.rng.random() < 0.3 else {}


def _second_decision(b: _Builder, after: date) -> None:
    """A second appealable decision (a cessation) open at the same time, with its own ref."""
    rng = b.rng
    notice = b.add("decision_notice_sent", b.later(after, 10, 50), ref="cease")
    if rng.random() < 0.6:
        b.add("mediation_adviser_contacted", b.later(notice, 5, 70), ref="cease")
    if rng.random() < 0.4:
        b.add("certificate_issued", b.later(notice, 20, 80), ref="cease")
    if rng.random() < 0.3:
        b.add("appeal_lodged", b.later(notice, 30, 100), ref="cease")


def _mediation(b: _Builder, start: date) -> None:
    rng = b.rng
    named = _decision_ref(b)
    notice = b.add("decision_notice_sent", start, certificate_required=True, **named)
    contacted = b.add("mediation_adviser_contacted", b.later(notice, 5, 70), **named)
    if named and rng.random() < 0.5:
        _second_decision(b, notice)
    if rng.random() < 0.35:
        declined = b.add("mediation_declined", b.later(contacted, 0, 5))
        b.add("certificate_issued", b.later(declined, 0, 6), **named)
        return
    health = rng.random() < 0.3
    requested = b.add(
        "mediation_requested", b.later(contacted, 0, 5), health=health, health_only=False
    )
    if health:
        b.add("health_commissioner_notified", b.later(requested, 0, 6))
    meeting = b.later(requested, 14, 40)
    scheduled = b.add("mediation_scheduled", b.later(requested, 2, 10), meeting_date=meeting)
    if rng.random() < 0.85:
        b.add(
            "meeting_details_confirmed",
            b.later(scheduled, 0, max(0, (meeting - scheduled).days - 3)),
        )
    if rng.random() < 0.8:
        b.add("mediation_held", meeting)
        b.add("mediation_concluded", meeting)
        b.add("certificate_issued", b.later(meeting, 0, 6), **named)
        if rng.random() < 0.5:
            actions = tuple(
                AgreedAction(
                    f"x{n}", rng.choice(("amend_contents", "amend_school", "other", "assess")), None
                )
                for n in range(rng.randint(1, 2))
            )
            b.add("mediation_agreement", meeting, actions=actions, la_party=rng.random() < 0.9)
            if rng.random() < 0.6:
                b.add("agreement_action_done", b.later(meeting, 7, 60), ref="x0")
            elif rng.random() < 0.2:
                b.add(
                    "exception_recorded", b.later(meeting, 3, 20), rule="agreement.action",
                    ground="reg_44_3_a", ref="x0",
                )  # fmt: skip


def _appeal(b: _Builder, start: date) -> None:
    rng = b.rng
    named = _decision_ref(b)
    notice = b.add("decision_notice_sent", start, certificate_required=True, **named)
    certificate = b.add("certificate_issued", b.later(notice, 10, 70), **named)
    lodged = b.add("appeal_lodged", b.later(certificate, 5, 40), **named)
    sent = b.add("appeal_sent_to_la", b.later(lodged, 3, 15))
    if rng.random() < 0.2:
        b.add("response_directed", b.later(sent, 0, 5), due=b.later(sent, 30, 50))
    if rng.random() < 0.75:
        b.add("la_response_sent", b.later(sent, 25, 55))
    if rng.random() < 0.6:
        order = b.later(sent, 90, 200)
        kind = rng.choice(("assess", "make_plan", "amend_contents", "amend_school", "continue"))
        b.add("tribunal_order", order, order=kind)
        if kind != "continue" and rng.random() < 0.6:
            step = {"assess": "assess_notice", "make_plan": "draft_plan"}.get(kind, "amended_plan")
            b.add("order_step_done", b.later(order, 5, 40), step=step)
            if kind == "assess" and rng.random() < 0.7:
                b.add("order_step_done", b.later(order, 40, 90), step="plan_decision")
        if rng.random() < 0.3:
            b.add(
                "recommendations_made", order, ref="r1", body=rng.choice(("health", "social_care"))
            )
            if rng.random() < 0.6:
                b.add("recommendation_response_sent", b.later(order, 20, 50), ref="r1")


def _transfer(b: _Builder, start: date) -> None:
    """A plan transferred in from another authority, then its first review."""
    rng = b.rng
    made = start - timedelta(days=rng.randint(60, 900))
    fields: dict[str, Any] = {"plan_made": made}
    if rng.random() < 0.5:
        fields["last_reviewed"] = made + timedelta(days=rng.randint(0, (start - made).days))
    moved = b.add("plan_transferred_in", start, **fields)
    if rng.random() < 0.8:
        b.add("transfer_notice_sent", b.later(moved, 10, 60))
    if rng.random() < 0.6:
        b.add("review_decision", b.later(moved, 60, 400), decision="maintain")


def _reassessment(b: _Builder, start: date) -> None:
    """A plan whose re-assessment is asked for: the decision, then the plan or no change."""
    rng = b.rng
    b.add("final_plan_issued", start - timedelta(days=rng.randint(200, 500)))
    requested = b.add("reassessment_requested", start)
    if rng.random() < 0.15:
        return
    decided = b.add(
        "reassessment_decision", b.later(requested, 5, 25),
        decision="reassess" if rng.random() < 0.75 else "not_reassess",
    )  # fmt: skip
    if rng.random() < 0.1:
        b.add(
            "exception_recorded", b.later(decided, 20, 60), rule="reassessment.final_plan",
            ground="reg_27_3_c",
        )  # fmt: skip
    if rng.random() < 0.7:
        closing = rng.choice(("final_plan_issued", "amended_plan_issued", "reassessment_no_change"))
        b.add(closing, b.later(decided, 60, 120))


_MIX = (
    (_assessment, 0.43),
    (_review, 0.23),
    (_mediation, 0.14),
    (_appeal, 0.14),
    (_transfer, 0.03),
    (_reassessment, 0.03),
)


def synthetic_cases(count: int, seed: int = 20261129) -> Iterator[list[Event]]:
    rng = random.Random(seed)  # noqa: S311 (reproducible test data, not secrets)
    kinds = [k for k, _ in _MIX]
    weights = [w for _, w in _MIX]
    for _ in range(count):
        b = _Builder(rng)
        start = _BASE + timedelta(days=rng.randint(0, 1400))
        rng.choices(kinds, weights)[0](b, start)
        if len(b.events) < 3:
            b.add("decision_notice_sent", b.later(start, 0, 30), certificate_required=True)
        del b.events[10:]
        yield b.events
