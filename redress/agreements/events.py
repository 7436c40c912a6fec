"""Mediation agreements as statutory engine events (registered in AgreementsConfig.ready).

- An agreement every party has accepted (each acceptance of its current wording) is a written
  agreement under SEND Regulations 2014 reg 42: `mediation_agreement` on the date of the
  agreement, with each action's `ref`, `kind` and, when the parties agreed one in writing,
  `agreed_due` (reg 42(5)); `la_party` is false when only the health commissioner was a party.
- Each action recorded as done: `agreement_action_done` with its `ref`.

A draft (some party has not accepted yet) feeds nothing: it is not yet an agreement. Nor does
an agreement withdrawn as recorded in error (decision 0100).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from redress.casework.deadlines import attach_related, prefetched
from redress.casework.models import Child
from redress.mediation.events import attach_mediation_records


def agreement_events_for_children(children: Sequence[Child]) -> dict[int, list[dict[str, Any]]]:
    """`agreement_events` for many children: their records in a fixed number of queries."""
    from redress.agreements.models import Acceptance, AgreedAction, MediationAgreement

    cases = attach_mediation_records(children)
    by_case = {
        a.case_id: a for a in MediationAgreement.objects.filter(case__in=[c.pk for c in cases])
    }
    for case in cases:
        # Cached as Django caches a one-to-one: None when the case has no agreement.
        MediationAgreement.case.field.remote_field.set_cached_value(case, by_case.get(case.pk))
    agreements = list(by_case.values())
    attach_related(agreements, "actions", AgreedAction.objects.all(), by="agreement_id")
    attach_related(agreements, "acceptances", Acceptance.objects.all(), by="agreement_id")
    return {child.pk: agreement_events(child) for child in children}


def agreement_events(child: Child) -> list[dict[str, Any]]:
    from redress.agreements.models import MediationAgreement

    events: list[dict[str, Any]] = []
    cases = prefetched(child, "mediation_cases")
    if cases is not None:
        in_memory = [a for c in cases if (a := getattr(c, "agreement", None)) is not None]
        agreements = sorted(in_memory, key=lambda a: (a.made_on, a.id))
    else:
        agreements = list(
            MediationAgreement.objects.filter(case__child=child)
            .prefetch_related("actions", "acceptances")
            .order_by("made_on", "id")
        )
    for agreement in agreements:
        if agreement.withdrawn or not agreement_in_force(agreement):
            continue
        actions = list(agreement.actions.all())
        payload = []
        for action in actions:
            item: dict[str, Any] = {"ref": action.ref, "kind": action.kind}
            if action.timing == action.Timing.AGREED and action.agreed_due is not None:
                item["agreed_due"] = action.agreed_due.isoformat()
            payload.append(item)
        events.append(
            {
                "type": "mediation_agreement",
                "date": agreement.made_on.isoformat(),
                "actions": payload,
                "la_party": agreement.la_party,
            }
        )
        for action in actions:
            if action.done_on is not None:
                events.append(
                    {
                        "type": "agreement_action_done",
                        "date": action.done_on.isoformat(),
                        "ref": action.ref,
                    }
                )
    return events


def agreement_in_force(agreement: Any) -> bool:
    """Every party has accepted the agreement as it now stands, and it has an action."""
    accepted = {
        a.party for a in agreement.acceptances.all() if a.agreement_version == agreement.version
    }
    return bool(agreement.actions.all()) and set(agreement.parties()) <= accepted
