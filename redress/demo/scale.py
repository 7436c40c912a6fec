"""Made-up caseloads at national scale: `redress load_scale_data --children N --authorities K`.

For benchmarks and capacity planning only. Each child gets a history drawn from the same stages as
the demo (docs in redress/casework/demo.py), in roughly its proportions, started on a day spread
over the last five years: requests, decisions, advice, draft and final plans, annual reviews with
their steps, mediation cases with certificates, Tribunal appeals with orders and, for a few,
health and social care recommendations. Rows are written in chunks (PostgreSQL's COPY, else
bulk_create), without the per-record services (no audit or history rows, no deadline recompute:
run `recompute_deadlines`).

The first authority is the demo's (Northwick), so the demo logins see its children; the others
get a caseworker for each of two teams, with no usable password.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection, transaction

from redress.accounts.models import Membership, Organisation, Role
from redress.appeals.models import Appeal, Order, Recommendation
from redress.casework.demo import _organisations, _users
from redress.casework.models import AdviceRequest, CaseEvent, Child, FamilyMember
from redress.core.bulk_insert import insert_rows
from redress.mediation.models import FamilyChoice, MediationCase, MediationCertificate
from redress.plans.models import Plan, ReviewCycle, ReviewStep

_FIRST = ("Amara", "Ben", "Chloe", "Dev", "Ella", "Finn", "Grace", "Harun", "Isla", "Jack", "Kai",
          "Lena", "Maya", "Noah", "Olu", "Priya", "Reuben", "Sofia", "Theo", "Zara")  # fmt: skip
_LAST = ("Ahmed", "Brown", "Clarke", "Davies", "Evans", "Fraser", "Green", "Hughes", "Iqbal",
         "Jones", "Khan", "Lewis", "Morgan", "Patel", "Quinn", "Singh", "Taylor")  # fmt: skip
TEAMS = ("North", "South")
YEARS = 5


@dataclass
class ScaleResult:
    children: int = 0
    rows: int = 0
    authorities: int = 0


def _write(model: Any, rows: list[Any]) -> None:
    # Each chunk's later rows point at these: they need their ids (COPY on PostgreSQL skips
    # Django's insert compiler, two thirds of the load's time).
    insert_rows(model, rows, with_ids=True)


class _Chunk:
    """The rows of one chunk of children, written together in dependency order."""

    def __init__(self) -> None:
        self.children: list[Child] = []
        self.family: list[FamilyMember] = []
        self.events: list[CaseEvent] = []
        self.advice: list[AdviceRequest] = []
        # Rows whose parent row gets its id only once written: (parent builder, child builder).
        self.plans: list[
            tuple[Plan, list[tuple[date | None, date | None, list[tuple[str, date]]]]]
        ] = []
        self.mediation: list[tuple[MediationCase, date | None]] = []
        self.appeals: list[tuple[Appeal, list[Order], list[Recommendation]]] = []

    def write(self) -> int:
        _write(Child, self.children)
        for rows in (self.family, self.events, self.advice):
            for row in rows:
                row.child_id = row.child.pk
        _write(FamilyMember, self.family)
        _write(CaseEvent, self.events)
        _write(AdviceRequest, self.advice)
        written = len(self.children) + len(self.family) + len(self.events) + len(self.advice)

        plans = [plan for plan, _ in self.plans]
        for plan in plans:
            plan.child_id = plan.child.pk
        _write(Plan, plans)
        cycles: list[ReviewCycle] = []
        cycle_steps: list[list[tuple[str, date]]] = []
        for plan, reviews in self.plans:
            for planned, arranged, planned_steps in reviews:
                cycles.append(
                    ReviewCycle(
                        child_id=plan.child_id,
                        plan_id=plan.pk,
                        meeting_planned_for=planned,
                        meeting_arranged_on=arranged,
                    )
                )
                cycle_steps.append(planned_steps)
        _write(ReviewCycle, cycles)
        steps = [
            ReviewStep(
                cycle_id=cycle.pk,
                kind=kind,
                date=when,
                decision=ReviewStep.Decision.MAINTAIN if kind == "decision" else "",
            )
            for cycle, kinds in zip(cycles, cycle_steps, strict=True)
            for kind, when in kinds
        ]
        _write(ReviewStep, steps)
        written += len(plans) + len(cycles) + len(steps)

        cases = [case for case, _ in self.mediation]
        for case in cases:
            case.child_id = case.child.pk
        _write(MediationCase, cases)
        certificates = [
            MediationCertificate(
                case_id=case.pk,
                reason=MediationCertificate.Reason.DECLINED
                if case.family_choice == FamilyChoice.DECLINED
                else MediationCertificate.Reason.NOT_ARRANGED,
                issued_on=issued,
            )
            for case, issued in self.mediation
            if issued is not None
        ]
        _write(MediationCertificate, certificates)
        written += len(cases) + len(certificates)

        appeals = [appeal for appeal, _, _ in self.appeals]
        for appeal in appeals:
            appeal.child_id = appeal.child.pk
        _write(Appeal, appeals)
        orders, recommendations = [], []
        for appeal, appeal_orders, appeal_recommendations in self.appeals:
            for order in appeal_orders:
                order.appeal_id = appeal.pk
                orders.append(order)
            for recommendation in appeal_recommendations:
                recommendation.appeal_id = appeal.pk
                recommendations.append(recommendation)
        _write(Order, orders)
        _write(Recommendation, recommendations)
        return written + len(appeals) + len(orders) + len(recommendations)


class _Histories:
    def __init__(self, today: date, orgs: dict[str, Organisation], seed: int) -> None:
        self.today = today
        self.orgs = orgs
        self.rng = random.Random(seed)  # noqa: S311 (made-up data, nothing secret)
        self.settings = [
            orgs[k] for k in ("nursery", "primary", "primary2", "secondary", "special")
        ]

    def weekday(self, when: date) -> date:
        """The working week's day on or before `when` (steps are recorded Monday to Friday)."""
        return when - timedelta(days=max(when.weekday() - 4, 0))

    def step(self, start: date, low: int, high: int) -> date | None:
        when = self.weekday(start + timedelta(days=self.rng.randint(low, high)))
        return when if when <= self.today else None

    def child(self, chunk: _Chunk, la: Organisation, team: str, caseworker: Any) -> None:
        rng = self.rng
        started = self.weekday(self.today - timedelta(days=rng.randint(0, YEARS * 365)))
        age = rng.uniform(2.5, 17.5)
        child = Child(
            first_name=rng.choice(_FIRST),
            last_name=rng.choice(_LAST),
            date_of_birth=self.today - timedelta(days=int(age * 365.25)),
            local_authority=la,
            setting=rng.choice(self.settings),
            team=team,
            caseworker=caseworker,
        )
        chunk.children.append(child)
        chunk.family.append(
            FamilyMember(child=child, name=f"Parent of {child.first_name}", relationship="parent")
        )

        def event(kind: str, when: date, **details: Any) -> None:
            chunk.events.append(CaseEvent(child=child, type=kind, date=when, details=details))

        event("assessment_requested", started)
        decided = self.step(started, 28, 41)
        if decided is None:
            return
        if rng.random() < 0.18:  # the demo's share of refusals to assess
            event("assessment_decision", decided, decision="not_assess")
            self.disagreement(chunk, child, "not_assess", decided)
            return
        event("assessment_decision", decided, decision="assess")
        for n, (kind, commissioner) in enumerate(
            (
                ("educational", "la"),
                ("psychological", "la"),
                ("health", "icb"),
                ("social_care", "la"),
            )
        ):
            sent = self.step(decided, 1, 5)
            if sent is None:
                break
            received = self.step(sent, 15, 50) if rng.random() < 0.9 else None
            chunk.advice.append(
                AdviceRequest(
                    child=child,
                    ref=f"{kind}-{n + 1}",
                    advice_type=kind,
                    recipient_organisation=self.orgs[commissioner] if commissioner != "la" else la,
                    commissioned_by=self.orgs["icb"] if commissioner == "icb" else la,
                    date_sent=sent,
                    date_received=received,
                )
            )
        plan_decided = self.step(started, 95, 112)
        if plan_decided is None:
            return
        if rng.random() < 0.08:
            event("plan_decision", plan_decided, decision="not_issue")
            self.disagreement(chunk, child, "not_issue", plan_decided)
            return
        event("plan_decision", plan_decided, decision="issue")
        draft = self.step(plan_decided, 0, 6)
        if draft is None:
            return
        event("draft_plan_issued", draft)
        final = self.step(started, 126, 140) if rng.random() < 0.6 else self.step(started, 141, 220)
        if final is None:
            return
        event("final_plan_issued", final)
        reviews: list[tuple[date | None, date | None, list[tuple[str, date]]]] = []
        year = 1
        while True:
            anniversary = final + timedelta(days=365 * year - 14)
            arranged = self.weekday(anniversary - timedelta(days=56))
            if arranged > self.today:
                break
            steps = []
            for kind, before in (
                ("invitations_sent", 28),
                ("advice_circulated", 14),
                ("meeting_held", 0),
            ):
                when = self.weekday(anniversary - timedelta(days=before))
                if when <= self.today and rng.random() < 0.95:
                    steps.append((kind, when))
            for kind, after in (("report_sent", 10), ("decision", 24)):
                when = self.weekday(anniversary + timedelta(days=after))
                if any(done == "meeting_held" for done, _ in steps) and when <= self.today:
                    steps.append((kind, when))
            reviews.append((anniversary, arranged, steps))
            year += 1
        chunk.plans.append(
            (
                Plan(
                    child=child,
                    version_number=1,
                    status=Plan.Status.FINAL,
                    draft_issued_on=draft,
                    issued_on=final,
                ),
                reviews,
            )
        )
        if rng.random() < 0.12:
            self.disagreement(chunk, child, "plan_contents", final)

    def disagreement(self, chunk: _Chunk, child: Child, decision: str, notice: date) -> None:
        """A refusal or a plan the family disagree with: mediation advice, sometimes an appeal."""
        rng = self.rng
        if rng.random() < 0.6:
            contacted = self.step(notice, 5, 50)
            if contacted is not None:
                declined = rng.random() < 0.5
                choice_on = self.step(contacted, 0, 3)
                case = MediationCase(
                    child=child,
                    provider=self.orgs["mediation"],
                    decision=decision,
                    decision_notice_date=notice,
                    adviser_contacted_on=contacted,
                    family_choice=(FamilyChoice.DECLINED if declined else FamilyChoice.WISHES)
                    if choice_on
                    else FamilyChoice.UNDECIDED,
                    family_choice_on=choice_on,
                    la_told_on=choice_on if choice_on and not declined else None,
                )
                issued = self.step(contacted, 1, 3) if declined else self.step(contacted, 30, 60)
                if not declined and issued is not None:
                    # Mediation could not be arranged within 30 days: the certificate says so.
                    case.not_arranged_on = issued
                    case.not_arranged_reason = "No mediator was free within 30 days."
                chunk.mediation.append((case, issued if choice_on else None))
        if rng.random() < 0.35:
            lodged = self.step(notice, 40, 60)
            if lodged is None:
                return
            sent = self.step(lodged, 5, 15)
            appeal = Appeal(
                child=child,
                decision=decision,
                decision_notice_date=notice,
                lodged_on=lodged,
                sent_to_la_on=sent,
            )
            orders: list[Order] = []
            recommendations: list[Recommendation] = []
            if sent is not None:
                answered = self.step(sent, 20, 30)
                appeal.la_response_sent_on = answered
                made = self.step(sent, 100, 160)
                if made is not None and rng.random() < 0.7:
                    kind = {"not_assess": "assess", "not_issue": "make_plan"}.get(
                        decision, "amend_contents"
                    )
                    orders.append(Order(kind=kind, source=Order.Source.TRIBUNAL, made_on=made))
                    if kind == "amend_contents" and rng.random() < 0.2:
                        recommendations.append(
                            Recommendation(
                                ref="1",
                                section="G",
                                body="health",
                                organisation=self.orgs["icb"],
                                made_on=made,
                                text="Speech and language therapy, weekly, from a therapist.",
                                response_sent_on=self.step(made, 10, 40),
                            )
                        )
            chunk.appeals.append((appeal, orders, recommendations))


def _authorities(
    count: int, orgs: dict[str, Organisation], password_hash: str
) -> list[tuple[Organisation, dict[str, Any]]]:
    """The demo's authority first (its demo caseworkers), then `count - 1` made-up ones."""
    user_model = get_user_model()
    demo_users = {u.username: u for u in user_model.objects.filter(
        username__in=("caseworker", "caseworker-south"))}  # fmt: skip
    authorities = [
        (orgs["la"], {"North": demo_users["caseworker"], "South": demo_users["caseworker-south"]})
    ]
    for n in range(2, count + 1):
        la, _ = Organisation.objects.get_or_create(
            name=f"Scale Authority {n:03d}", kind=Organisation.Kind.LOCAL_AUTHORITY
        )
        workers = {}
        for team in TEAMS:
            user, _ = user_model.objects.get_or_create(
                username=f"scale-{n:03d}-{team.lower()}",
                defaults={
                    "first_name": team,
                    "last_name": f"Caseworker {n}",
                    "password": password_hash,
                },
            )
            Membership.objects.get_or_create(
                user=user, organisation=la, role=Role.LA_CASEWORKER, defaults={"team": team}
            )
            workers[team] = user
        authorities.append((la, workers))
    return authorities


def scale_load(
    *,
    children: int,
    authorities: int,
    password: str,
    today: date,
    chunk_size: int = 5000,
    seed: int = 2014,
    progress: Callable[[int], None] | None = None,
) -> ScaleResult:
    """Add `children` children spread evenly over `authorities` authorities."""
    from django.contrib.auth.hashers import make_password

    with transaction.atomic():
        orgs = _organisations()
        _users(orgs, password)
        pairs = _authorities(authorities, orgs, make_password(None))
    histories = _Histories(today, orgs, seed)
    result = ScaleResult(authorities=len(pairs))
    made = 0
    while made < children:
        size = min(chunk_size, children - made)
        chunk = _Chunk()
        for n in range(made, made + size):
            la, workers = pairs[n % len(pairs)]
            team = TEAMS[(n // len(pairs)) % 2]
            histories.child(chunk, la, team, workers[team])
        with transaction.atomic():
            result.rows += chunk.write()
        made += size
        result.children = made
        if progress is not None:
            progress(made)
    if connection.vendor == "postgresql":
        # Fresh statistics, so the planner knows the tables are no longer empty.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return result
