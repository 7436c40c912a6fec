"""Reads for the appeals screens. Selectors that list records take the acting user, so who sees
what is decided here, mirroring `permissions.py`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import BooleanField, Case, Max, Q, QuerySet, Value, When

from redress.accounts.models import HEALTH_AND_CARE_ROLES, LA_ROLES
from redress.appeals.models import (
    RECOMMENDATIONS_CITATION,
    RECOMMENDATIONS_FROM,
    Appeal,
    EvidenceDirection,
    Order,
    Recommendation,
)
from redress.audit.reads import record_read
from redress.casework.events import decision_ref
from redress.casework.models import Child, Deadline
from redress.casework.permissions import consent_in_force_q, organisation_ids
from redress.core.access import permitted_get
from redress.documents.decision_letters import decision_for_notice
from redress.mediation.events import case_ref
from redress.statutory.calendar import format_long_date
from redress.statutory.engine import today_in_london

# The engine's rules about appeals, orders and recommendations (docs/deadline-engine.md §4.4).
# The first, the appeal window, is kept one per decision (its ref names the decision).
APPEAL_RULES = ("appeal.lodge", "appeal.la_response")
ORDER_RULE_PREFIX = "order."
RECOMMENDATION_RULE = "recommendation.response"


def live_appeal_for_child(child: Child) -> Appeal | None:
    """The child's appeal that is lodged and not yet decided, withdrawn or conceded (the most
    recently lodged one, should there be two)."""
    return (
        Appeal.objects.filter(child=child, outcome="", withdrawn_at__isnull=True)
        .order_by("-lodged_on", "-id")
        .first()
    )


def latest_appeal_lodged(child_ids: Iterable[int]) -> dict[int, date]:
    """For each of these children with an appeal, the day the latest was lodged (one query for
    a whole report: a mediation was followed by an appeal if one was lodged on or after it)."""
    return dict(
        Appeal.objects.filter(child_id__in=list(child_ids))
        .values("child_id")
        .annotate(latest=Max("lodged_on"))
        .values_list("child_id", "latest")
    )


def _full_view_q(user: Any, prefix: str = "") -> Q:
    la = organisation_ids(user, LA_ROLES)
    return (
        Q(**{f"{prefix}child__local_authority_id__in": la})
        | Q(**{f"{prefix}child__family__user": user})
        | (
            Q(**{f"{prefix}child__consents__supporter": user})
            & consent_in_force_q(f"{prefix}child__consents__")
        )
    )


def _body_q(user: Any, prefix: str = "") -> Q:
    bodies = organisation_ids(user, HEALTH_AND_CARE_ROLES)
    return (
        Q(
            **{
                f"{prefix}health_commissioner_id__in": bodies,
                f"{prefix}sent_to_health_on__isnull": False,
            }
        )
        | Q(
            **{
                f"{prefix}social_care_id__in": bodies,
                f"{prefix}sent_to_social_care_on__isnull": False,
            }
        )
        | Q(**{f"{prefix}recommendations__organisation_id__in": bodies})
        | Q(
            **{
                f"{prefix}health_commissioner_id__in": bodies,
                f"{prefix}directions__body": "health",
                f"{prefix}directions__withdrawn_at__isnull": True,
            }
        )
        | Q(
            **{
                f"{prefix}social_care_id__in": bodies,
                f"{prefix}directions__body": "social_care",
                f"{prefix}directions__withdrawn_at__isnull": True,
            }
        )
    )


def appeals_visible_to(user: Any) -> QuerySet[Appeal]:
    """Appeals the user may open in full (the child's authority and family)."""
    if not getattr(user, "is_authenticated", False):
        return Appeal.objects.none()
    return Appeal.objects.filter(_full_view_q(user)).distinct()


def appeals_with_recommendations_visible_to(user: Any) -> QuerySet[Appeal]:
    """Appeals whose recommendation parts the user may see: those above, and those a health or
    social care organisation of theirs was sent or asked to respond on."""
    if not getattr(user, "is_authenticated", False):
        return Appeal.objects.none()
    return Appeal.objects.filter(_full_view_q(user) | _body_q(user)).distinct()


def appeal_get(*, user: Any, pk: int, perm: str = "appeals.view_appeal") -> Appeal:
    appeal = permitted_get(
        Appeal.objects.select_related(
            "child", "child__local_authority", "health_commissioner", "social_care"
        ),
        pk=pk,
        user=user,
        perm=perm,
        not_found="No such appeal",
    )
    record_read(appeal.child_id, obj=appeal, summary="Viewed an appeal")
    return appeal


def appeals_for_child(*, user: Any, child: Child) -> list[Appeal]:
    return list(appeals_visible_to(user).filter(child=child).order_by("-lodged_on", "-id"))


def recommendations_visible_to(user: Any) -> QuerySet[Recommendation]:
    if not getattr(user, "is_authenticated", False):
        return Recommendation.objects.none()
    bodies = organisation_ids(user, HEALTH_AND_CARE_ROLES)
    return (
        Recommendation.objects.filter(
            _full_view_q(user, "appeal__") | Q(organisation_id__in=bodies)
        )
        .distinct()
        .select_related("appeal", "appeal__child", "organisation")
    )


def recommendation_get(
    *, user: Any, pk: int, perm: str = "appeals.view_recommendation"
) -> Recommendation:
    recommendation = permitted_get(
        Recommendation.objects.select_related("appeal", "appeal__child", "organisation"),
        pk=pk,
        user=user,
        perm=perm,
        not_found="No such recommendation",
    )
    record_read(
        recommendation.appeal.child_id, obj=recommendation, summary="Viewed a recommendation"
    )
    return recommendation


def directions_visible_to(user: Any) -> QuerySet[EvidenceDirection]:
    if not getattr(user, "is_authenticated", False):
        return EvidenceDirection.objects.none()
    bodies = organisation_ids(user, HEALTH_AND_CARE_ROLES)
    return EvidenceDirection.objects.filter(
        _full_view_q(user, "appeal__")
        | Q(body="health", appeal__health_commissioner_id__in=bodies, withdrawn_at__isnull=True)
        | Q(
            body="social_care",
            appeal__social_care_id__in=bodies,
            withdrawn_at__isnull=True,
        )
    ).distinct()


def direction_get(*, user: Any, pk: int, perm: str = "appeals.view_direction") -> EvidenceDirection:
    direction = permitted_get(
        EvidenceDirection.objects.select_related("appeal", "appeal__child"),
        pk=pk,
        user=user,
        perm=perm,
        not_found="No such direction",
    )
    record_read(direction.appeal.child_id, obj=direction, summary="Viewed a Tribunal direction")
    return direction


# -- Deadlines ------------------------------------------------------------------------------


def appeal_deadlines(appeal: Appeal) -> list[Deadline]:
    """The child's deadline rows about this appeal: the appeal window of the decision appealed
    (not another decision's), the response, its orders, and its own recommendations (refs name
    the appeal)."""
    own_refs = [r.engine_ref for r in appeal.recommendations.all()]
    return list(
        Deadline.objects.filter(child_id=appeal.child_id)
        .filter(
            Q(rule="appeal.lodge", ref=appeal.decision_ref)
            | Q(rule__in=APPEAL_RULES[1:])
            | Q(rule__startswith=ORDER_RULE_PREFIX)
            | Q(rule=RECOMMENDATION_RULE, ref__in=own_refs)
        )
        .select_related("organisation")
        .order_by("due", "rule", "ref")
    )


@dataclass
class ResponseRow:
    recommendation: Recommendation
    deadline: Deadline | None

    @property
    def status(self) -> str:
        return self.deadline.status if self.deadline else ""


def recommendation_rows(
    user: Any, recommendations: QuerySet[Recommendation] | None = None
) -> list[ResponseRow]:
    """Recommendations the user may see, each with its response deadline from the engine."""
    if recommendations is None:
        recommendations = recommendations_visible_to(user)
    items = list(recommendations.order_by("made_on", "id"))
    child_ids = {r.appeal.child_id for r in items}
    by_key = {
        (d.child_id, d.ref): d
        for d in Deadline.objects.filter(child_id__in=child_ids, rule=RECOMMENDATION_RULE)
    }
    return [ResponseRow(r, by_key.get((r.appeal.child_id, r.engine_ref))) for r in items]


def directions_outstanding_for(user: Any) -> QuerySet[EvidenceDirection]:
    """Evidence and witnesses the Tribunal directed that are not yet provided, on live appeals
    the user may see, soonest first (the dates are the Tribunal's own), each with `is_past`
    (the Tribunal's date has gone by) worked out in the database, so the board pages them."""
    today = today_in_london()
    return (
        directions_visible_to(user)
        .filter(
            provided_on__isnull=True,
            withdrawn_at__isnull=True,
            appeal__outcome="",
            appeal__withdrawn_at__isnull=True,
        )
        .select_related("appeal", "appeal__child")
        .annotate(
            is_past=Case(
                When(directed_by__lt=today, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .order_by("directed_by", "id")
    )


def live_appeals_for_la(user: Any) -> QuerySet[Appeal]:
    la = organisation_ids(user, LA_ROLES)
    return (
        Appeal.objects.filter(
            child__local_authority_id__in=la, outcome="", withdrawn_at__isnull=True
        )
        .select_related("child")
        .order_by("lodged_on", "id")
    )


def mediation_agreement_for(child: Child) -> Any:
    """The child's latest written mediation agreement, if any (imported here, not at the top:
    agreements reads appeals too)."""
    from redress.agreements.models import MediationAgreement

    return MediationAgreement.objects.filter(case__child=child).order_by("-made_on", "-pk").first()


@dataclass
class ActionRow:
    action: Any
    deadline: Deadline | None


def agreement_actions(agreement: Any) -> list[ActionRow]:
    """The agreement's tracked actions, each with its deadline from the engine."""
    if agreement is None:
        return []
    actions = list(agreement.actions.all())
    by_ref = {
        d.ref: d
        for d in Deadline.objects.filter(
            child_id=agreement.case.child_id,
            rule="agreement.action",
            ref__in=[a.ref for a in actions],
        )
    }
    return [ActionRow(a, by_ref.get(a.ref)) for a in actions]


# -- What an appeal allows and commits to --------------------------------------------------


PLAN_CONTENT_DECISIONS = {Appeal.Decision.PLAN_CONTENTS, Appeal.Decision.AMENDED_PLAN}


# What the local authority must do when it does not oppose an appeal before its response
# (SEND Regulations 2014 reg 45(3) to (7)), in the engine's order kinds.
UNOPPOSED_ORDERS = {
    Appeal.Decision.NOT_ASSESS: Order.Kind.ASSESS,
    Appeal.Decision.NOT_REASSESS: Order.Kind.ASSESS,
    Appeal.Decision.NOT_ISSUE: Order.Kind.MAKE_PLAN,
    Appeal.Decision.NOT_AMEND: Order.Kind.AMEND_CONTENTS,
    Appeal.Decision.CEASE: Order.Kind.CONTINUE,
}


def recommendations_refusals(
    *, decision: str, decision_notice_date: date | None, sections_challenged: Iterable[str]
) -> list[str]:
    """Why the Tribunal could not be asked for health and social care recommendations in this
    appeal, in words for the family and the caseworker (empty when it can)."""
    reasons: list[str] = []
    if decision == Appeal.Decision.NOT_ASSESS:
        reasons.append(
            "The Tribunal cannot make health or social care recommendations in an appeal "
            "against a refusal to assess (CFA 2014 s.51(2)(a) is not covered; "
            f"{RECOMMENDATIONS_CITATION})."
        )
    if decision in PLAN_CONTENT_DECISIONS and not list(sections_challenged):
        reasons.append(
            "An education issue must be part of the appeal: challenge section B, F or I as well "
            f"({RECOMMENDATIONS_CITATION})."
        )
    if decision_notice_date is not None and decision_notice_date < RECOMMENDATIONS_FROM:
        reasons.append(
            "Recommendations can only be asked for about decisions made on or after "
            f"{format_long_date(RECOMMENDATIONS_FROM)} ({RECOMMENDATIONS_CITATION})."
        )
    return reasons


def appeal_decision_ref(
    *, child: Child, decision: str, decision_notice_date: date, cessation: Any, certificate: Any
) -> str:
    """The recorded decision an appeal is against: the decision to cease it is linked to, else
    the decision its mediation certificate is about, else a recorded decision of the same kind
    whose notice was sent that day; '' when the decision is not recorded in Redress."""
    if cessation is not None:
        return decision_ref("cessation", cessation.pk)
    if certificate is not None:
        return case_ref(certificate.case)
    return decision_for_notice(child, decision, decision_notice_date)


def unopposed_order_kinds(appeal: Appeal) -> list[str]:
    """What not opposing commits the local authority to, by the decision appealed (reg 45)."""
    if appeal.decision in PLAN_CONTENT_DECISIONS:
        kinds = []
        if appeal.challenges_section_b or appeal.challenges_section_f:
            kinds.append(Order.Kind.AMEND_CONTENTS)
        if appeal.challenges_section_i:
            kinds.append(Order.Kind.AMEND_SCHOOL)
        return [str(k) for k in kinds]
    return [str(UNOPPOSED_ORDERS[Appeal.Decision(appeal.decision)])]
