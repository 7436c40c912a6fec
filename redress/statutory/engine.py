"""The statutory deadline engine.

Turning events into deadlines happens in two steps so the per-case path and the bulk path share
every legal decision:

1. `plan_clocks(events)` reads a case's events and opens one `Clock` per deadline: which rule,
   which start event, which arithmetic, which stop event (if any), which exception.
2. `resolve(clock, calendar, today)` does the date arithmetic, decides the status and writes the
   explanation. The bulk path (`redress.statutory.bulk`) does step 2 for many clocks at once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from .calendar import (
    WorkingDayCalendar,
    add_days,
    add_months,
    add_weeks,
    default_calendar,
    format_date,
    format_long_date,
    is_tribunal_closed_day,
    month_end_clamped,
)
from .events import PER_REF_RULES, Event, InputError, parse_document
from .rules import (
    AGREEMENT_ACTION_WEEKS,
    APPEAL_AFTER_CERTIFICATE_MONTHS,
    TRANSFER_REVIEW_MONTHS,
    Rule,
    rule_row,
)

LONDON = ZoneInfo("Europe/London")

__all__ = [
    "AppealWindowSteps",
    "Clock",
    "appeal_window_steps",
    "InputError",
    "compute",
    "compute_events",
    "compute_traced",
    "excuses",
    "last_day_of_period",
    "plan_clocks",
    "resolve",
    "status_of",
]


class Clock(NamedTuple):
    """One deadline before its date arithmetic: what starts it, how to count, what stops it."""

    rule: Rule
    ref: str | None
    actor: str
    start_type: str
    start: date
    # How to count. unit is one of: days, weeks, months, working_days, working_days_before,
    # weeks_before, months_before, tribunal_working_days, fixed (due = anchor), later_of
    # (amount months from anchor, 1 month from second), directed (due = anchor, moved by r.12(2)),
    # year_starting_with (the last day of the 12 months starting with anchor), transfer_review
    # (the later of the last day of the 12 months starting with anchor and 3 months from second).
    unit: str
    amount: int
    anchor: date
    second: date | None
    stop: date | None
    exception: tuple[date, str] | None
    note: str = ""  # words the explanation needs (the kind of action, the phase, …)


def today_in_london() -> date:
    return datetime.now(LONDON).date()


def compute(
    document: Mapping[str, Any],
    *,
    calendar: WorkingDayCalendar | None = None,
    today: date | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """The contract's entry point: a validated input document to its output document.

    `today` given here wins over the document's own `today`; without either, today's date in
    Europe/London decides pending versus overdue.
    """
    document_today, events = parse_document(document)
    when = today or document_today or today_in_london()
    return {"deadlines": compute_events(events, today=when, calendar=calendar)}


def compute_events(
    events: Sequence[Event],
    *,
    today: date,
    calendar: WorkingDayCalendar | None = None,
) -> list[dict[str, Any]]:
    """Deadlines for one case's validated events, sorted by due date, rule and ref."""
    return [result for result, _ in compute_traced(events, today=today, calendar=calendar)]


def compute_traced(
    events: Sequence[Event],
    *,
    today: date,
    calendar: WorkingDayCalendar | None = None,
) -> list[tuple[dict[str, Any], Clock]]:
    """`compute_events`, each deadline paired with the clock it came from, so that a stored
    row can say which event started it (`clock.start_type` on `clock.start`). The contract's
    output is unchanged: the clock stays beside it, never inside it."""
    cal = calendar or default_calendar()
    traced = [(resolve(clock, cal, today), clock) for clock in plan_clocks(events)]
    traced.sort(key=lambda pair: (pair[0]["due"], pair[0]["rule"], pair[0]["ref"] or ""))
    return traced


# ---------------------------------------------------------------------------------------------
# Step 1: opening clocks
# ---------------------------------------------------------------------------------------------


class _Case:
    """A case's events grouped by type, each list in date order (input order on ties)."""

    def __init__(self, events: Iterable[Event]) -> None:
        grouped: dict[str, list[Event]] = defaultdict(list)
        for event in events:
            grouped[event.type].append(event)
        for items in grouped.values():
            items.sort(key=lambda e: (e.date, e.position))
        self._grouped = grouped
        self.types = grouped.keys()

    def of(self, event_type: str) -> list[Event]:
        return self._grouped.get(event_type, [])

    def between(self, event_type: str, lo: date, hi: date | None) -> list[Event]:
        """Events of a type dated on or after lo and before hi (no upper bound when None)."""
        return [e for e in self.of(event_type) if e.date >= lo and (hi is None or e.date < hi)]

    def first(self, event_type: str, lo: date, hi: date | None = None) -> Event | None:
        """The first event of a type dated on or after lo and before hi."""
        for event in self.of(event_type):
            if event.date >= lo and (hi is None or event.date < hi):
                return event
        return None


def _distinct_by_date(events: Sequence[Event]) -> list[Event]:
    """Start events, one per date: a repeated entry on the same day opens no second clock."""
    seen: set[date] = set()
    kept = []
    for event in events:
        if event.date not in seen:
            seen.add(event.date)
            kept.append(event)
    return kept


def _with_ref(events: Sequence[Event], ref: str) -> list[Event]:
    """The events naming this decision ("" for those naming none)."""
    return [e for e in events if (e.get("ref") or "") == ref]


def _first_between(events: Sequence[Event], lo: date, hi: date | None) -> Event | None:
    """The first of these (date-ordered) events dated on or after lo and before hi."""
    for event in events:
        if event.date >= lo and (hi is None or event.date < hi):
            return event
    return None


def _windows(starts: Sequence[Event]) -> list[tuple[Event, date | None]]:
    """Each start with the date of the next start: the clock's stop must fall before it."""
    distinct = _distinct_by_date(starts)
    return [
        (event, distinct[i + 1].date if i + 1 < len(distinct) else None)
        for i, event in enumerate(distinct)
    ]


class _Planner:
    _sections: tuple[tuple[Callable[[_Planner], None], set[str]], ...]

    def __init__(self, events: Sequence[Event]) -> None:
        self.case = _Case(events)
        self.clocks: list[Clock] = []
        self.exceptions = self.case.of("exception_recorded")

    def open(
        self,
        rule: Rule,
        start: Event,
        *,
        unit: str | None = None,
        amount: int | None = None,
        anchor: date | None = None,
        second: date | None = None,
        stop: Event | None = None,
        ref: str | None = None,
        actor: str | None = None,
        note: str = "",
    ) -> None:
        self.clocks.append(
            Clock(
                rule,
                ref,
                actor or rule.actor,
                start.type,
                start.date,
                unit or rule.unit,
                rule.amount if amount is None else amount,  # type: ignore[arg-type]
                anchor or start.date,
                second,
                stop.date if stop else None,
                None,
                note,
            )
        )

    def plan(self) -> list[Clock]:
        present = self.case.types
        # Each section runs only when its start events are present (the bulk path's hot loop).
        for section, start_types in self._sections:
            if not present.isdisjoint(start_types):
                section(self)
        return self._apply_exceptions()

    # -- EHC needs assessment and plan -------------------------------------------------------

    def _assessment(self) -> None:
        case = self.case
        for request, hi in _windows(case.of("assessment_requested")):
            lo = request.date
            decisions = case.between("assessment_decision", lo, hi)
            plan_decisions = case.between("plan_decision", lo, hi)
            self.open(
                rule_row("assessment.decision"),
                request,
                stop=decisions[0] if decisions else None,
                note=decisions[0].get("decision") if decisions else "",
            )
            not_assess = bool(decisions) and decisions[-1].get("decision") == "not_assess"
            not_issue = bool(plan_decisions) and plan_decisions[-1].get("decision") == "not_issue"
            if not_issue:
                first_refusal = next(e for e in plan_decisions if e.get("decision") == "not_issue")
                self.open(rule_row("assessment.no_plan_notice"), request, stop=first_refusal)
            if not not_assess and not not_issue:
                self.open(
                    rule_row("plan.final"),
                    request,
                    stop=case.first("final_plan_issued", lo, hi),
                )

    def _advice(self) -> None:
        rule = rule_row("advice.response")
        for request in self.case.of("advice_requested"):
            ref = request.get("ref")
            stop = next(
                (e for e in self.case.of("advice_received") if e.get("ref") == ref),
                None,
            )
            self.open(rule, request, stop=stop, ref=ref, note=f"{request.get('advice')} advice")

    def _consultations(self) -> None:
        """The school or college consulted (CFA 2014 s.39(2)) replies: one clock per ref."""
        rule = rule_row("plan.institution_consultation")
        replies = self.case.of("institution_responded")
        for consulted in self.case.of("institution_consulted"):
            ref = consulted.get("ref")
            stop = next((e for e in replies if e.get("ref") == ref), None)
            self.open(rule, consulted, stop=stop, ref=ref)

    def _draft_comments(self) -> None:
        rule = rule_row("plan.draft_comments")
        drafts = self.case.of("draft_plan_issued")
        previous: date | None = None
        for final in _distinct_by_date(self.case.of("final_plan_issued")):
            before = [
                d
                for d in drafts
                if (previous is None or d.date > previous) and d.date <= final.date
            ]
            if before:
                self.open(rule, before[-1], stop=final)
            previous = final.date
        after = [d for d in drafts if previous is None or d.date > previous]
        if after:
            self.open(rule, after[-1])

    # -- Reviews and phase transfer ----------------------------------------------------------

    def _reviews(self) -> None:
        case = self.case
        # CFA s.44(1): the 12 months start with the day the plan was first made (the first final
        # plan), then with each review (its decision); after a transfer in, reg 15(5) sets the
        # first review's date. An amended or re-issued plan is not a review and starts nothing.
        anchors = sorted(
            self._plans_made() + case.of("plan_transferred_in") + case.of("review_decision"),
            key=lambda e: (e.date, e.type == "review_decision", e.position),
        )
        for decision in _distinct_by_date(case.of("review_decision")):
            earlier = [a for a in anchors if a.date < decision.date]
            if earlier:
                self._annual(earlier[-1], decision)
        if anchors:
            latest = anchors[-1]
            if not self._ceased_since(latest.date):
                self._annual(latest, None)

        # The meeting's notice and advice (regs 20(3)-(4), 21(3)-(4)), counted back from the
        # meeting date. A meeting re-arranged before it was due replaces the earlier one.
        arranged = _distinct_by_date(case.of("review_meeting_scheduled"))
        for i, scheduled in enumerate(arranged):
            following = arranged[i + 1] if i + 1 < len(arranged) else None
            if following is not None and following.date <= scheduled.get("meeting_date"):
                continue
            hi = following.date if following is not None else None
            for rule_id, stop_type in _MEETING_ROWS:
                self.open(
                    rule_row(rule_id),
                    scheduled,
                    anchor=scheduled.get("meeting_date"),
                    stop=case.first(stop_type, scheduled.date, hi),
                )

        for meeting, hi in _windows(case.of("review_meeting_held")):
            lo = meeting.date
            self.open(
                rule_row("review.report"), meeting, stop=case.first("review_report_sent", lo, hi)
            )
            outcome = case.first("review_decision", lo, hi)
            self.open(rule_row("review.decision"), meeting, stop=outcome)
            if outcome is not None and outcome.get("decision") == "amend":
                self.open(
                    rule_row("review.amended_plan_overall"),
                    meeting,
                    stop=self._first_of(("amended_plan_issued", "amendment_not_made"), lo, hi),
                )

        for notice, hi in _windows(case.of("amendment_notice_issued")):
            issued = case.first("amended_plan_issued", notice.date, hi)
            # Reg 22(4): a decision not to amend, notified, ends the 8 weeks like the plan itself.
            settled = self._first_of(("amended_plan_issued", "amendment_not_made"), notice.date, hi)
            self.open(rule_row("review.amended_plan"), notice, stop=settled)
            self.open(rule_row("review.amendment_representations"), notice, stop=issued)

    def _plans_made(self) -> list[Event]:
        """The final plans that are a plan first made: the first, and the first after each
        decision to cease that still stood when it was issued (a new plan, not the old one)."""
        made: list[Event] = []
        for final in self.case.of("final_plan_issued"):
            if not made or self._ceased_between(made[-1].date, final.date):
                made.append(final)
        return made

    def _annual(self, start: Event, stop: Event | None) -> None:
        annual = rule_row("review.annual")
        if start.type != "plan_transferred_in":
            self.open(annual, start, stop=stop)
            return
        # Reg 15(5): the later of 12 months from the old authority's last review (else the plan's
        # making) and 3 months from the transfer.
        reviewed = start.get("last_reviewed")
        base = reviewed if reviewed is not None else start.get("plan_made")
        self.open(
            annual,
            start,
            unit="transfer_review",
            anchor=base,
            second=start.date,
            stop=stop,
            note="last reviewed" if reviewed is not None else "made",
        )

    def _first_of(self, types: Sequence[str], lo: date, hi: date | None) -> Event | None:
        """The earliest event of any of these types dated on or after lo and before hi."""
        found = [e for t in types if (e := self.case.first(t, lo, hi)) is not None]
        return min(found, key=lambda e: (e.date, e.position), default=None)

    def _ceased_since(self, since: date) -> bool:
        """Whether a decision to cease, on or after `since`, still stands: a review's decision to
        cease or one made outside a review, not followed by an order (or an unopposed appeal)
        to continue to maintain the plan. A plan being ceased is not reviewed."""
        return self._ceased_between(since, None)

    def _ceased_between(self, since: date, before: date | None) -> bool:
        """As _ceased_since, looking only at events dated before `before` (when given)."""
        case = self.case
        ceasing = [
            e.date
            for e in case.of("review_decision") + case.of("cessation_decided")
            if e.date >= since
            and (before is None or e.date < before)
            and (e.type == "cessation_decided" or e.get("decision") == "cease")
        ]
        if not ceasing:
            return False
        last = max(ceasing)
        return not any(
            e.get("order") == "continue" and e.date >= last and (before is None or e.date < before)
            for e in case.of("tribunal_order") + case.of("appeal_unopposed")
        )

    def _phase_transfers(self) -> None:
        seen: set[tuple[str, object]] = set()
        case = self.case
        for event in case.of("phase_transfer_due"):
            transfer = event.get("transfer")
            when = event.get("move_date") if transfer == "post16_move" else event.get("year")
            if (transfer, when) in seen:
                continue
            seen.add((transfer, when))
            # "Review and amend, where necessary" (reg 18): an amended plan, or a review that
            # decides to maintain the plan unchanged, on or after the transfer is recorded.
            maintained = next(
                (
                    e
                    for e in case.of("review_decision")
                    if e.date >= event.date and e.get("decision") == "maintain"
                ),
                None,
            )
            ref = event.get("ref")
            # A transfer recorded with a ref is met only by an amendment made for it (0109).
            amended = next(
                (
                    e
                    for e in case.of("amended_plan_issued")
                    if e.date >= event.date and (ref is None or e.get("transfer_ref") == ref)
                ),
                None,
            )
            done = [e for e in (amended, maintained) if e is not None]
            stop = min(done, key=lambda e: (e.date, e.position)) if done else None
            row = rule_row("phase_transfer.amend", transfer)
            if transfer == "post16_move":
                self.open(row, event, anchor=when, stop=stop, note=transfer)
                continue
            assert row.fixed_day is not None
            due = date(when, *row.fixed_day)
            self.open(row, event, unit="fixed", amount=0, anchor=due, stop=stop, note=transfer)

    def _transfers_in(self) -> None:
        for transfer, hi in _windows(self.case.of("plan_transferred_in")):
            self.open(
                rule_row("transfer.notify"),
                transfer,
                stop=self.case.first("transfer_notice_sent", transfer.date, hi),
            )

    def _reassessments(self) -> None:
        case = self.case
        for request, hi in _windows(case.of("reassessment_requested")):
            self.open(
                rule_row("reassessment.decision"),
                request,
                stop=case.first("reassessment_decision", request.date, hi),
            )
        decided = [e for e in case.of("reassessment_decision") if e.get("decision") == "reassess"]
        for decision, hi in _windows(decided):
            stop = self._first_of(
                ("final_plan_issued", "amended_plan_issued", "reassessment_no_change"),
                decision.date,
                hi,
            )
            self.open(rule_row("reassessment.final_plan"), decision, stop=stop)

    # -- Mediation ---------------------------------------------------------------------------

    def _mediation(self) -> None:
        case = self.case
        rule = rule_row("mediation.contact_adviser")
        for ref, notices in self._decisions().items():
            contacts = _with_ref(case.of("mediation_adviser_contacted"), ref)
            if not ref:
                # The unnamed decision: each notice opens a window, as in revision 1.
                for notice, hi in _windows(notices):
                    if notice.get("certificate_required"):
                        stop = _first_between(contacts, notice.date, hi)
                        self.open(rule, notice, stop=stop)
                continue
            # A named decision: a re-sent notice replaces the earlier one; contact with the
            # adviser about that decision since its first notice stops the clock.
            notice = notices[-1]
            if notice.get("certificate_required"):
                stop = _first_between(contacts, notices[0].date, None)
                self.open(rule, notice, stop=stop, ref=ref)
        certificate_rules = (
            ("mediation_declined", "mediation.certificate_declined"),
            ("mediation_not_arranged", "mediation.certificate_not_arranged"),
            ("mediation_concluded", "mediation.certificate_after"),
        )
        for start_type, rule_id in certificate_rules:
            for start, hi in _windows(case.of(start_type)):
                self.open(
                    rule_row(rule_id), start, stop=case.first("certificate_issued", start.date, hi)
                )
        for request, hi in _windows(case.of("mediation_requested")):
            lo = request.date
            notified = case.first("health_commissioner_notified", lo, hi)
            if request.get("health"):
                self.open(rule_row("mediation.notify_health"), request, stop=notified)
            if request.get("health_only"):
                if notified is not None:
                    self.open(
                        rule_row("mediation.held", "health_only"),
                        notified,
                        stop=case.first("mediation_held", notified.date, hi),
                    )
            else:
                self.open(
                    rule_row("mediation.held"), request, stop=case.first("mediation_held", lo, hi)
                )
        scheduled_meetings = case.of("mediation_scheduled")
        if scheduled_meetings:
            # A rescheduled meeting replaces the earlier notice: only the latest one is owed.
            scheduled = scheduled_meetings[-1]
            self.open(
                rule_row("mediation.meeting_notice"),
                scheduled,
                anchor=scheduled.get("meeting_date"),
                stop=case.first("meeting_details_confirmed", scheduled.date),
            )

    def _agreements(self) -> None:
        action_rule = rule_row("agreement.action")
        done = self.case.of("agreement_action_done")
        for agreement in self.case.of("mediation_agreement"):
            for action in agreement.get("actions"):
                stop = next((e for e in done if e.get("ref") == action.ref), None)
                if action.agreed_due is not None:
                    self.open(
                        action_rule,
                        agreement,
                        unit="fixed",
                        amount=0,
                        anchor=action.agreed_due,
                        stop=stop,
                        ref=action.ref,
                        note=action.kind,
                    )
                else:
                    self.open(
                        action_rule,
                        agreement,
                        unit="weeks",
                        amount=AGREEMENT_ACTION_WEEKS[action.kind],
                        stop=stop,
                        ref=action.ref,
                        note=action.kind,
                    )
            if not agreement.get("la_party"):
                self.open(rule_row("agreement.notify_la"), agreement)

    # -- Tribunal appeals, orders and recommendations ----------------------------------------

    def _decisions(self) -> dict[str, list[Event]]:
        """Decision notices grouped by the decision's ref ("" for the unnamed one), in date
        order."""
        grouped: dict[str, list[Event]] = defaultdict(list)
        for notice in self.case.of("decision_notice_sent"):
            grouped[notice.get("ref") or ""].append(notice)
        return grouped

    def _appeal(self) -> None:
        case = self.case
        for ref, notices in self._decisions().items():
            # One window per decision, from its latest notice. The unnamed decision counts
            # certificates and appeals from that notice (revision 1); a named decision counts
            # those naming it since its first notice, so re-sending the notice loses nothing.
            notice = notices[-1]
            since = notice.date if not ref else notices[0].date
            certificates = [
                c for c in _with_ref(case.of("certificate_issued"), ref) if c.date >= since
            ]
            self.open(
                rule_row("appeal.lodge"),
                notice,
                unit="later_of",
                second=certificates[-1].date if certificates else None,
                stop=_first_between(_with_ref(case.of("appeal_lodged"), ref), since, None),
                ref=ref or None,
            )
        rule = rule_row("appeal.la_response")
        windows = _windows(case.of("appeal_sent_to_la"))
        for k, (sent, hi) in enumerate(windows):
            lo = sent.date if k else date.min
            directions = case.between("response_directed", lo, hi)
            stop = case.first("la_response_sent", sent.date, hi)
            if directions:
                self.open(
                    rule,
                    sent,
                    unit="directed",
                    amount=0,
                    anchor=directions[-1].get("due"),
                    second=directions[-1].date,
                    stop=stop,
                )
            else:
                self.open(rule, sent, stop=stop)

    def _orders(self) -> None:
        case = self.case
        orders = sorted(
            case.of("tribunal_order") + case.of("appeal_unopposed"),
            key=lambda e: (e.date, e.position),
        )
        dates = sorted({o.date for o in orders})
        seen: set[tuple[date, str]] = set()
        steps = case.of("order_step_done")
        for order in orders:
            kind = order.get("order")
            if (order.date, kind) in seen:
                continue
            seen.add((order.date, kind))
            later = [d for d in dates if d > order.date]
            hi = later[0] if later else None
            for rule_id, step in _ORDER_ROWS[kind]:
                stop = None
                if step is not None:
                    stop = next(
                        (
                            s
                            for s in steps
                            if s.get("step") == step
                            and s.date >= order.date
                            and (hi is None or s.date < hi)
                        ),
                        None,
                    )
                self.open(rule_row(rule_id, kind), order, stop=stop, note=kind)

    def _recommendations(self) -> None:
        rule = rule_row("recommendation.response")
        for made in self.case.of("recommendations_made"):
            ref = made.get("ref")
            stop = next(
                (e for e in self.case.of("recommendation_response_sent") if e.get("ref") == ref),
                None,
            )
            actor = "health_commissioner" if made.get("body") == "health" else "social_care"
            self.open(rule, made, stop=stop, ref=ref, actor=actor, note=made.get("body"))

    # -- Exceptions --------------------------------------------------------------------------

    def _apply_exceptions(self) -> list[Clock]:
        if not self.exceptions:
            return self.clocks
        clocks = list(self.clocks)
        for exc in self.exceptions:
            rule_id, ground, ref = exc.get("rule"), exc.get("ground"), exc.get("ref")
            candidates = [
                i
                for i, c in enumerate(clocks)
                if c.rule.id == rule_id and c.start <= exc.date and (ref is None or c.ref == ref)
            ]
            if rule_id not in PER_REF_RULES:
                # One clock per cycle: the exception belongs to the cycle open when recorded.
                latest = max((clocks[i].start for i in candidates), default=None)
                candidates = [i for i in candidates if clocks[i].start == latest]
            for i in candidates:
                c = clocks[i]
                clocks[i] = c._replace(exception=(exc.date, ground))
        return clocks


_Planner._sections = (
    (_Planner._assessment, {"assessment_requested"}),
    (_Planner._advice, {"advice_requested"}),
    (_Planner._consultations, {"institution_consulted"}),
    (_Planner._draft_comments, {"draft_plan_issued"}),
    (_Planner._reviews, {"final_plan_issued", "review_decision", "plan_transferred_in",
                         "review_meeting_held", "amendment_notice_issued",
                         "review_meeting_scheduled"}),
    (_Planner._phase_transfers, {"phase_transfer_due"}),
    (_Planner._transfers_in, {"plan_transferred_in"}),
    (_Planner._reassessments, {"reassessment_requested", "reassessment_decision"}),
    (_Planner._mediation, {"decision_notice_sent", "mediation_declined", "mediation_not_arranged",
                           "mediation_concluded", "mediation_requested", "mediation_scheduled"}),
    (_Planner._agreements, {"mediation_agreement"}),
    (_Planner._appeal, {"decision_notice_sent", "appeal_sent_to_la"}),
    (_Planner._orders, {"tribunal_order", "appeal_unopposed"}),
    (_Planner._recommendations, {"recommendations_made"}),
)  # fmt: skip

_MEETING_ROWS = (
    ("review.meeting_notice", "review_invitations_sent"),
    ("review.advice_circulated", "review_advice_circulated"),
)

_ORDER_ROWS: dict[str, tuple[tuple[str, str | None], ...]] = {
    "assess": (
        ("order.assess_notice", "assess_notice"),
        ("order.plan_decision", "plan_decision"),
        ("order.final_plan", "final_plan"),
    ),
    "make_plan": (("order.draft_plan", "draft_plan"), ("order.final_plan", "final_plan")),
    "amend_contents": (("order.amended_plan", "amended_plan"),),
    "amend_school": (("order.amended_plan", "amended_plan"),),
    "continue": (("order.continue", None),),
}


def plan_clocks(events: Sequence[Event]) -> list[Clock]:
    """Every clock a case's events open (no date arithmetic yet)."""
    return _Planner(events).plan()


# ---------------------------------------------------------------------------------------------
# Step 2: date arithmetic, status and explanation
# ---------------------------------------------------------------------------------------------


def _arithmetic(clock: Clock, cal: WorkingDayCalendar) -> tuple[date, str]:
    unit, n, anchor = clock.unit, clock.amount, clock.anchor
    start_words = f"{clock.start_type} on {format_date(clock.start)}"
    if unit == "days":
        due = add_days(anchor, n)
        if clock.rule.kind == "not_before" and clock.rule.stop_event:
            # "n days beginning with" the service day (reg 13(1), reg 22(2)(c)): the stop event
            # (a plan being issued) may happen from the day after.
            last = add_days(anchor, n - 1)
            issued = clock.rule.stop_event.removesuffix("_issued").replace("_", " ")
            return due, (
                f"{n} days beginning with the day of {start_words} run to {format_date(last)}, "
                f"so the {issued} may be issued from {format_date(due)}"
            )
        if n == 0:
            return due, f"immediately on {start_words} ({_words(clock)})"
        return due, f"{n} days from {start_words} = {format_date(due)}"
    if unit == "weeks":
        due = add_weeks(anchor, n)
        period = _plural(n, "week")
        if clock.rule.id == "agreement.action":
            if n == 0:
                return due, (
                    f"immediately on {start_words} ({_words(clock)}; no date agreed, reg 44 "
                    "period applies under reg 42)"
                )
            return due, (
                f"{period} from {start_words} = {format_date(due)} ({_words(clock)}; no date "
                "agreed, so the reg 44 period applies under reg 42)"
            )
        return due, f"{period} from {start_words} = {format_date(due)}"
    if unit == "months":
        due = add_months(anchor, n)
        text = f"{_plural(n, 'month')} from {start_words} = {format_date(due)}"
        if month_end_clamped(anchor, n):
            text += f" (no day {anchor.day} in that month, so its last day)"
        return due, text
    if unit == "working_days":
        due = cal.add_working_days(anchor, n)
        text = f"{_plural(n, 'working day')} from {start_words} = {format_date(due)}"
        return due, text + _skipped_holidays(cal, anchor, due)
    if unit == "working_days_before":
        due = cal.working_days_before(anchor, n)
        text = (
            f"{_plural(n, 'working day')} before the meeting on {format_date(anchor)} "
            f"({start_words}) = {format_date(due)}"
        )
        return due, text + _skipped_holidays(cal, due, anchor - timedelta(days=1))
    if unit == "year_starting_with":
        due = add_months(anchor - timedelta(days=1), n)
        return due, (
            f"the period of {_plural(n, 'month')} starting with {start_words} ends on "
            f"{format_date(due)} (CFA 2014 s.44(1))"
        )
    if unit == "transfer_review":
        transferred = clock.second or clock.start
        from_base = add_months(anchor - timedelta(days=1), n)
        from_transfer = add_months(transferred, TRANSFER_REVIEW_MONTHS)
        due = max(from_base, from_transfer)
        return due, (
            f"the later of the last day of the {_plural(n, 'month')} starting with "
            f"{format_date(anchor)}, when the plan was {clock.note} ({format_date(from_base)}), "
            f"and {_plural(TRANSFER_REVIEW_MONTHS, 'month')} from {start_words} "
            f"({format_date(from_transfer)}): "
            f"{format_date(due)} (reg 15(5))"
        )
    if unit == "months_before":
        due = add_months(anchor, -n)
        text = (
            f"at least {_plural(n, 'month')} before the move on {format_date(anchor)} "
            f"({start_words}) = {format_date(due)}"
        )
        if month_end_clamped(anchor, -n):
            text += f" (no day {anchor.day} in that month, so its last day)"
        return due, text
    if unit == "weeks_before":
        # A SEND Regulations period: not moved off weekends or holidays.
        due = add_weeks(anchor, -n)
        return due, (
            f"{_plural(n, 'week')} before the meeting on {format_date(anchor)} "
            f"({start_words}) = {format_date(due)}"
        )
    if unit == "tribunal_working_days":
        due = cal.add_tribunal_working_days(anchor, n)
        text = f"{n} tribunal working days from {start_words} = {format_date(due)}"
        spans = _closed_spans(anchor, due)
        if spans:
            text += f" ({spans} not counted: HESC Rules r.12(3)(b))"
        return due, text + _skipped_holidays(cal, anchor, due)
    if unit == "fixed":
        if clock.rule.fixed_day is not None:
            before = format_long_date(anchor + timedelta(days=1))
            return anchor, (
                f"before {before} for a {_phase_words(clock.note)} "
                f"({start_words}), so on or before {format_date(anchor)}"
            )
        return anchor, (
            f"the date agreed in the {start_words} for this action ({_words(clock)}): "
            f"{format_date(anchor)} (reg 42(5))"
        )
    if unit == "directed":
        text = (
            f"the date the tribunal directed on {format_date(clock.second or anchor)}: "
            f"{format_date(anchor)}"
        )
        return _roll_r12_2(cal, anchor, text)
    if unit == "later_of":
        return _appeal_deadline(clock, cal)
    raise AssertionError(f"unknown unit {unit}")


def last_day_of_period(not_before_due: date) -> date:
    """The last day of the period a `not_before` row guards: the day before the first day the
    authority may act (a family's 15 days to comment end the day before a plan may be finalised)."""
    return not_before_due - timedelta(days=1)


class AppealWindowSteps(NamedTuple):
    """How the last day to appeal was reached, step by step, for pages that explain it."""

    from_notice: date
    from_certificate: date | None
    later: date
    due: date
    # "" when the later date stands; "august" or "christmas" (r.12(3)(a)); "weekend" or
    # "holiday" (r.12(2)).
    moved_because: str
    text: str


def appeal_window_steps(
    *,
    notice_type: str,
    notice: date,
    months: int,
    certificate: date | None,
    cal: WorkingDayCalendar,
) -> AppealWindowSteps:
    """The appeal deadline of HESC Rules r.20(1)(c): the later of `months` from the notice and
    1 month from the certificate, moved out of the closed seasons and off non-working days."""
    from_notice = add_months(notice, months)
    text = (
        f"{_plural(months, 'month')} from {notice_type} on "
        f"{format_date(notice)} = {format_date(from_notice)}"
    )
    due = from_notice
    from_certificate = None
    if certificate is not None:
        from_certificate = add_months(certificate, APPEAL_AFTER_CERTIFICATE_MONTHS)
        text += (
            f"; {_plural(APPEAL_AFTER_CERTIFICATE_MONTHS, 'month')} from certificate_issued on "
            f"{format_date(certificate)} = "
            f"{format_date(from_certificate)}"
        )
        due = max(from_notice, from_certificate)
        text += f"; the later is {format_date(due)}"
    later = due
    if is_tribunal_closed_day(due):
        resume = (
            date(due.year, 9, 1) if due.month == 8 else date(due.year + (due.month == 12), 1, 2)
        )
        moved = cal.on_or_next_working_day(resume)
        season = "August" if due.month == 8 else "25 December to 1 January"
        after = "31 August" if due.month == 8 else "1 January"
        text += (
            f"; moved from {format_date(due)} to {format_date(moved)}, the first working day "
            f"after {after}: HESC Rules r.12(3)(a) (ends in {season})"
        )
        because = "august" if due.month == 8 else "christmas"
        return AppealWindowSteps(from_notice, from_certificate, later, moved, because, text)
    rolled, text = _roll_r12_2(cal, due, text)
    because = ""
    if rolled != due:
        because = "weekend" if due.weekday() >= 5 else "holiday"
    return AppealWindowSteps(from_notice, from_certificate, later, rolled, because, text)


def _appeal_deadline(clock: Clock, cal: WorkingDayCalendar) -> tuple[date, str]:
    steps = appeal_window_steps(
        notice_type=clock.start_type,
        notice=clock.anchor,
        months=clock.amount,
        certificate=clock.second,
        cal=cal,
    )
    return steps.due, steps.text


def _roll_r12_2(cal: WorkingDayCalendar, due: date, text: str) -> tuple[date, str]:
    if cal.is_working_day(due):
        return due, text
    moved = cal.next_working_day(due)
    return (
        moved,
        f"{text}; moved from {format_date(due)} to {format_date(moved)}: HESC Rules r.12(2)",
    )


def _skipped_holidays(cal: WorkingDayCalendar, start: date, end: date) -> str:
    names = [f"{format_date(d)} {cal.holiday_name(d)}" for d in cal.holidays_between(start, end)]
    return f" (not counting {', '.join(names)})" if names else ""


def _closed_spans(start: date, end: date) -> str:
    spans = []
    year = start.year
    while date(year, 1, 1) <= end:
        august = date(year, 8, 1)
        if start < date(year, 8, 31) and august <= end:
            spans.append(f"August {year}")
        christmas = date(year, 12, 25)
        if start < date(year + 1, 1, 1) and christmas <= end:
            spans.append(f"25 December {year} to 1 January {year + 1}")
        year += 1
    return ", ".join(spans)


def _phase_words(transfer: str) -> str:
    return "transfer to post-16 education" if transfer == "post16" else "school phase transfer"


_ACTION_WORDS = {
    "amend_school": "change the school named",
    "amend_contents": "amend the plan's contents",
    "make_plan": "make a plan",
    "assess": "assess",
    "continue": "continue to maintain the plan",
    "other": "other action",
}


def _words(clock: Clock) -> str:
    return _ACTION_WORDS.get(clock.note, clock.note)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def excuses(clock: Clock) -> bool:
    """Whether the exception recorded against a clock, if any, can excuse it.

    Only `by` rules are excused, and never in the outcome their row says no exception excuses
    (a reg 5(4) ground excuses only a decision to assess: a refusal is due under reg 4(1), which
    has no such exception, so a late refusal stays late).
    """
    if clock.exception is None or clock.rule.kind != "by":
        return False
    return clock.rule.not_excused is None or clock.note != clock.rule.not_excused[0]


def status_of(kind: str, due: date, stop: date | None, today: date, excepted: bool) -> str:
    """The contract's status for a deadline (see deadline-engine.md §3)."""
    if kind == "not_before":
        if stop is None:
            return "pending"
        return "ok" if stop >= due else "breached"
    if stop is not None and stop <= due:
        return "met"
    if excepted:
        return "excepted"
    if stop is not None:
        return "late"
    return "pending" if due >= today else "overdue"


def resolve(clock: Clock, calendar: WorkingDayCalendar, today: date) -> dict[str, Any]:
    """A clock's deadline in the contract's output form."""
    due, explanation = _arithmetic(clock, calendar)
    rule = clock.rule
    excepted = excuses(clock)
    status = status_of(rule.kind, due, clock.stop, today, excepted)
    if clock.exception is not None and status == "excepted":
        exc_date, ground = clock.exception
        explanation += f"; exception recorded on {format_date(exc_date)} under {ground}"
    elif (
        clock.exception is not None
        and not excepted
        and status == "late"
        and rule.not_excused is not None
    ):
        exc_date, ground = clock.exception
        explanation += (
            f"; the exception recorded on {format_date(exc_date)} under {ground} does not excuse "
            f"{rule.not_excused[1]}"
        )
    if rule.caveat:
        explanation += f" ({rule.caveat})"
    if rule.informational:
        explanation += " (informational: no event records this step)"
    return {
        "rule": rule.id,
        "ref": clock.ref,
        "kind": rule.kind,
        "due": due.isoformat(),
        "status": status,
        "met_on": clock.stop.isoformat() if clock.stop else None,
        "actor": clock.actor,
        "citation": rule.citation,
        "evidence": rule.evidence,
        "explanation": explanation,
    }
