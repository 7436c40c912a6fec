"""The appeals app's dated steps as statutory engine events (registered in AppealsConfig.ready).

- `appeal_lodged` on the day the family lodged the appeal, with the ref of the decision appealed
  (`Appeal.decision_ref`), except for an appeal against a cessation whose lodging the plans app
  already records (`Cessation.appeal_lodged_on`): the same appeal is never fed twice;
- `appeal_sent_to_la`, `response_directed` (with the directed `due`) and `la_response_sent`;
- each order: `tribunal_order` (the Tribunal's decision or a consent order) or `appeal_unopposed`
  (the local authority did not oppose before its response, reg 45), with its `order` kind, and
  each compliance step as `order_step_done` (including the decision whether to make a plan after
  an order to assess, `plan_decision`);
- each recommendation: `recommendations_made` (`ref`, `body`) and, once answered,
  `recommendation_response_sent`.

A step withdrawn as recorded in error (decision 0100) is left out, with everything that hangs
from it: a withdrawn appeal feeds none of its orders or recommendations, a withdrawn order none
of its compliance steps, and a withdrawn compliance step no longer meets its time limit.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from redress.casework.deadlines import attach_related, prefetched
from redress.casework.models import Child


def appeal_events_for_children(children: Sequence[Child]) -> dict[int, list[dict[str, Any]]]:
    """`appeal_events` for many children: their records in a fixed number of queries."""
    from redress.appeals.models import Appeal, ComplianceStep, Order, Recommendation

    standing = {"withdrawn_at__isnull": True}
    appeals = attach_related(
        children,
        "appeals",
        Appeal.objects.filter(**standing).select_related("cessation"),
        by="child_id",
    )
    orders = attach_related(appeals, "orders", Order.objects.filter(**standing), by="appeal_id")
    attach_related(orders, "steps", ComplianceStep.objects.filter(**standing), by="order_id")
    attach_related(
        appeals, "recommendations", Recommendation.objects.filter(**standing), by="appeal_id"
    )
    return {child.pk: appeal_events(child) for child in children}


def appeal_events(child: Child) -> list[dict[str, Any]]:
    from redress.appeals.models import Appeal, ComplianceStep, Order, Recommendation

    events: list[dict[str, Any]] = []

    def add(event_type: str, when: Any, **fields: Any) -> None:
        events.append({"type": event_type, "date": when.isoformat(), **fields})

    batch = prefetched(child, "appeals")
    if batch is not None:
        appeals = sorted((a for a in batch if not a.withdrawn), key=lambda a: a.id)
        orders = sorted(
            (o for a in appeals for o in a.orders.all() if not o.withdrawn),
            key=lambda o: (o.made_on, o.id),
        )
        steps = sorted(
            (s for o in orders for s in o.steps.all() if not s.withdrawn),
            key=lambda s: (s.done_on, s.id),
        )
        recommendations = sorted(
            (r for a in appeals for r in a.recommendations.all() if not r.withdrawn),
            key=lambda r: (r.made_on, r.id),
        )
    else:
        appeals = list(
            Appeal.objects.filter(child=child, withdrawn_at__isnull=True)
            .select_related("cessation")
            .order_by("id")
        )
        standing = {"appeal__withdrawn_at__isnull": True, "withdrawn_at__isnull": True}
        orders = list(
            Order.objects.filter(appeal__child=child, **standing).order_by("made_on", "id")
        )
        steps = list(
            ComplianceStep.objects.filter(
                order__appeal__child=child,
                order__appeal__withdrawn_at__isnull=True,
                order__withdrawn_at__isnull=True,
                withdrawn_at__isnull=True,
            ).order_by("done_on", "id")
        )
        recommendations = list(
            Recommendation.objects.filter(appeal__child=child, **standing).order_by("made_on", "id")
        )
    for appeal in appeals:
        fed_by_plans = appeal.cessation is not None and appeal.cessation.appeal_lodged_on
        if not fed_by_plans:
            if appeal.decision_ref:
                add("appeal_lodged", appeal.lodged_on, ref=appeal.decision_ref)
            else:
                add("appeal_lodged", appeal.lodged_on)
        if appeal.sent_to_la_on:
            add("appeal_sent_to_la", appeal.sent_to_la_on)
            if appeal.response_directed_due:
                add(
                    "response_directed",
                    appeal.response_directed_on or appeal.sent_to_la_on,
                    due=appeal.response_directed_due.isoformat(),
                )
            if appeal.la_response_sent_on:
                add("la_response_sent", appeal.la_response_sent_on)
    for order in orders:
        add(order.engine_event_type, order.made_on, order=order.kind)
    for step in steps:
        add("order_step_done", step.done_on, step=step.step)
    for recommendation in recommendations:
        ref = recommendation.engine_ref
        add("recommendations_made", recommendation.made_on, ref=ref, body=recommendation.body)
        if recommendation.response_sent_on:
            add("recommendation_response_sent", recommendation.response_sent_on, ref=ref)
    return events


def recommendation_organisations(child: Child) -> dict[str, int]:
    """The body asked to respond to each recommendation, by the engine's ref."""
    from redress.appeals.models import Recommendation

    batch = prefetched(child, "appeals")
    if batch is not None:
        return {r.engine_ref: r.organisation_id for a in batch for r in a.recommendations.all()}
    return {
        r.engine_ref: r.organisation_id
        for r in Recommendation.objects.filter(appeal__child=child).only(
            "id", "ref", "appeal_id", "organisation_id"
        )
    }
