"""The plans app's dated steps as statutory engine events (registered in PlansConfig.ready).

Which steps feed the engine (see docs/plans.md, "Engine events"):

- a first plan's draft and final issue dates: `draft_plan_issued`, `final_plan_issued`, unless
  casework already records an event of that type on the same day (the assessment screens record
  them too; the same step is never fed twice);
- an amended version: its amendment notice (`amendment_notice_issued`, the day the proposed
  amendments were issued) and its issue (`amended_plan_issued`), or the authority's decision
  not to amend after the notice (`amendment_not_made`, reg 22(4)), which the family may appeal
  (CFA 2014 s.51(2)(e)) and so also sends `decision_notice_sent`;
- an issued final or amended plan is a decision the family may appeal (CFA 2014 s.51(2)(c)), sent
  with its notice: `decision_notice_sent` on the issue day, as casework does for the plans it
  records;
- a review meeting with a planned date: `review_meeting_scheduled` (dated the day it was
  arranged; `meeting_date` is the day it was held, once it was, else the planned day);
- review steps: `review_invitations_sent`, `review_advice_circulated`, `review_meeting_held`,
  `review_report_sent`, `review_decision`; a decision to maintain the plan unchanged is a refusal
  to amend the family may appeal (CFA 2014 s.51(2)(e)), so it also sends `decision_notice_sent`;
- phase transfers in the cohort: `phase_transfer_due` (dated the day the transfer was identified;
  a move between post-16 institutions with its `move_date`);
- nothing withdrawn as recorded in error (decision 0100): a withdrawn version, review step,
  phase transfer or cessation feeds no event, so the engine recomputes without it;
- a consultation with a school or institution about naming it (CFA 2014 s.39(2)):
  `institution_consulted` and its reply `institution_responded`, with the ref `consultation-<id>`;
- a cessation: `decision_notice_sent` (the family's appeal window) and `appeal_lodged`; one decided
  outside a review also `cessation_decided` (a review's decision to cease is its
  `review_decision`); an appeal upheld, `tribunal_order` with `continue` on the day it concluded.

Every `decision_notice_sent` names its decision with a `ref` (`plan-<id>`, `review_step-<id>`,
`cessation-<id>`; see `redress.casework.events.decision_ref`), so each decision keeps its own
appeal window; the appeal against a cessation carries the cessation's ref.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import Exists, OuterRef

from redress.casework.deadlines import attach_related, prefetched
from redress.casework.events import decision_ref
from redress.casework.models import CaseEvent, Child

_PLAN_COLUMNS = (
    "id",
    "child_id",
    "version_number",
    "supersedes_id",
    "draft_issued_on",
    "issued_on",
    "not_amended_on",
    "phase_transfer_id",
    "withdrawn_at",
)
_STEP_COLUMNS = ("id", "cycle_id", "kind", "date", "decision", "withdrawn_at")


def attach_plan_records(children: Sequence[Child]) -> None:
    """Attach what `plan_events` reads to a batch of children, a query for each kind of record."""
    from redress.plans.models import (
        Cessation,
        Consultation,
        PhaseTransfer,
        Plan,
        ReviewCycle,
        ReviewStep,
    )

    attach_related(children, "events", CaseEvent.objects.all(), by="child_id")
    consulted = Consultation.objects.filter(plan=OuterRef("pk"))
    # Only the columns `plan_events` reads (a night reads millions of these records).
    plans = attach_related(
        children,
        "plans",
        Plan.objects.only(*_PLAN_COLUMNS).annotate(consulted=Exists(consulted)),
        by="child_id",
    )
    attach_related(plans, "cessations", Cessation.objects.all(), by="plan_id")
    # Few plans have a consultation: ask for them only when some do (no query otherwise).
    consulting = [p for p in plans if p.consulted]
    if consulting:
        attach_related(consulting, "consultations", Consultation.objects.all(), by="plan_id")
    without = [p for p in plans if not p.consulted]
    attach_related(without, "consultations", Consultation.objects.none(), by="plan_id")
    cycles = attach_related(children, "review_cycles", ReviewCycle.objects.all(), by="child_id")
    attach_related(cycles, "steps", ReviewStep.objects.only(*_STEP_COLUMNS), by="cycle_id")
    attach_related(children, "phase_transfers", PhaseTransfer.objects.all(), by="child_id")


def plan_events_for_children(children: Sequence[Child]) -> dict[int, list[dict[str, Any]]]:
    """`plan_events` for many children: their records in a fixed number of queries."""
    attach_plan_records(children)
    return {child.pk: plan_events(child) for child in children}


def plan_events(child: Child) -> list[dict[str, Any]]:
    from redress.plans.models import (
        Cessation,
        Consultation,
        PhaseTransfer,
        Plan,
        ReviewCycle,
        ReviewStep,
    )

    events: list[dict[str, Any]] = []
    casework_dates: dict[str, set[Any]] = {"draft_plan_issued": set(), "final_plan_issued": set()}
    case_events = prefetched(child, "events")
    if case_events is not None:
        fed = [(e.type, e.date) for e in case_events if e.type in casework_dates]
    else:
        fed = list(
            child.events.standing()
            .filter(type__in=list(casework_dates))
            .values_list("type", "date")
        )
    for event_type, when in fed:
        casework_dates[event_type].add(when)
    plans = prefetched(child, "plans")
    cycles = prefetched(child, "review_cycles")
    transfers = prefetched(child, "phase_transfers")
    if plans is None or cycles is None or transfers is None:
        plans = list(Plan.objects.filter(child=child).order_by("version_number"))
        cycles = list(ReviewCycle.objects.filter(child=child).prefetch_related("steps"))
        steps = list(ReviewStep.objects.filter(cycle__child=child).order_by("date", "id"))
        transfers = list(
            PhaseTransfer.objects.filter(child=child, status=PhaseTransfer.Status.ACTIVE)
        )
        cessations = list(Cessation.objects.filter(plan__child=child))
        consultations = list(Consultation.objects.filter(plan__child=child))
    else:
        steps = sorted((s for c in cycles for s in c.steps.all()), key=lambda s: (s.date, s.id))
        transfers = [t for t in transfers if t.status == PhaseTransfer.Status.ACTIVE]
        cessations = sorted(
            (c for p in plans for c in p.cessations.all()), key=lambda c: (c.decided_on, c.id)
        )
        consultations = [c for p in plans for c in p.consultations.all()]
    # Steps withdrawn as recorded in error never happened as far as the engine is concerned
    # (decision 0100), in the per-child and the batch path alike.
    withdrawn_plans = {p.pk for p in plans if p.withdrawn}
    plans = [p for p in plans if not p.withdrawn]
    cycles = [c for c in cycles if c.plan_id not in withdrawn_plans]
    steps = [s for s in steps if not s.withdrawn]
    transfers = [t for t in transfers if not t.withdrawn]
    cessations = [c for c in cessations if not c.withdrawn]
    consultations = [
        c for c in consultations if not c.withdrawn and c.plan_id not in withdrawn_plans
    ]

    def add(event_type: str, when: Any, **fields: Any) -> None:
        events.append({"type": event_type, "date": when.isoformat(), **fields})

    for plan in plans:
        if plan.supersedes_id is None:
            if (
                plan.draft_issued_on
                and plan.draft_issued_on not in casework_dates["draft_plan_issued"]
            ):
                add("draft_plan_issued", plan.draft_issued_on)
            if plan.issued_on and plan.issued_on not in casework_dates["final_plan_issued"]:
                add("final_plan_issued", plan.issued_on)
                add(
                    "decision_notice_sent",
                    plan.issued_on,
                    certificate_required=True,
                    ref=decision_ref("plan", plan.pk),
                )
        else:
            if plan.draft_issued_on:
                add("amendment_notice_issued", plan.draft_issued_on)
            if plan.issued_on:
                made_for = (
                    {"transfer_ref": f"phase_transfer-{plan.phase_transfer_id}"}
                    if plan.phase_transfer_id
                    else {}
                )
                add("amended_plan_issued", plan.issued_on, **made_for)
                add(
                    "decision_notice_sent",
                    plan.issued_on,
                    certificate_required=True,
                    ref=decision_ref("plan", plan.pk),
                )
            elif plan.not_amended_on:
                add("amendment_not_made", plan.not_amended_on)
                add(
                    "decision_notice_sent",
                    plan.not_amended_on,
                    certificate_required=True,
                    ref=decision_ref("plan", plan.pk),
                )
    for cycle in cycles:
        held = cycle.step(ReviewStep.Kind.MEETING_HELD)
        meeting_date = held.date if held is not None else cycle.meeting_planned_for
        arranged = cycle.meeting_arranged_on
        if cycle.meeting_planned_for and arranged and meeting_date and meeting_date >= arranged:
            add("review_meeting_scheduled", arranged, meeting_date=meeting_date.isoformat())
    for step in steps:
        event_type = ReviewStep.ENGINE_EVENTS.get(step.kind)  # type: ignore[call-overload]
        if event_type == "review_decision":
            add(event_type, step.date, decision=step.decision)
            if step.decision == ReviewStep.Decision.MAINTAIN:
                add(
                    "decision_notice_sent",
                    step.date,
                    certificate_required=True,
                    ref=decision_ref("review_step", step.pk),
                )
        elif event_type:
            add(event_type, step.date)
    for transfer in transfers:
        # The ref: only an amendment made for this transfer meets it (decision 0109).
        ref = f"phase_transfer-{transfer.pk}"
        if transfer.kind == PhaseTransfer.Kind.POST16_MOVE and transfer.move_date:
            add(
                "phase_transfer_due",
                transfer.identified_on,
                transfer=transfer.engine_transfer,
                move_date=transfer.move_date.isoformat(),
                year=transfer.year,
                ref=ref,
            )
        else:
            add(
                "phase_transfer_due",
                transfer.identified_on,
                transfer=transfer.engine_transfer,
                year=transfer.year,
                ref=ref,
            )
    for consultation in sorted(consultations, key=lambda c: (c.consulted_on, c.id)):
        add("institution_consulted", consultation.consulted_on, ref=consultation.ref)
        if consultation.responded_on:
            add("institution_responded", consultation.responded_on, ref=consultation.ref)
    for cessation in cessations:
        ref = decision_ref("cessation", cessation.pk)
        add("decision_notice_sent", cessation.notice_sent_on, certificate_required=True, ref=ref)
        if cessation.review_id is None:
            add("cessation_decided", cessation.decided_on)
        if cessation.appeal_lodged_on:
            add("appeal_lodged", cessation.appeal_lodged_on, ref=ref)
        if cessation.overturned and cessation.appeal_concluded_on:
            add("tribunal_order", cessation.appeal_concluded_on, order="continue")
    return events
