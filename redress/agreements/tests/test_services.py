"""Agreements through their services: SMART actions, the neutral-language choice, acceptance
starting the engine's deadlines, follow-up, and expenses claims."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from redress.agreements import services
from redress.agreements.models import Acceptance, ActionReport, WordingDecision
from redress.agreements.tests.helpers import World, build_world
from redress.casework.models import Deadline
from redress.core.versions import ConcurrentEditError
from redress.family.models import FamilyRequest
from redress.mediation.models import MediationPolicy
from redress.notifications.models import Message

pytestmark = pytest.mark.django_db

# Agreed on the Wednesday before Christmas: reg 42 periods are not moved for Christmas.
AGREED = date(2026, 12, 23)
TODAY = date(2027, 1, 20)


@pytest.fixture
def world() -> Any:
    with time_machine.travel(TODAY, tick=False):
        yield build_world(held_on=AGREED)


def _agreement(world: World, **extra: Any) -> Any:
    return services.agreement_create(
        actor=world.users["mediator"],
        case=world.case,
        made_on=extra.pop("made_on", AGREED),
        la_party=extra.pop("la_party", True),
        health_party=extra.pop("health_party", True),
        **extra,
    )


def _action(world: World, agreement: Any, **extra: Any) -> Any:
    fields = {
        "what": "Add one hour of speech and language therapy a week to section F",
        "who": "Northwick SEND team (Sam Patel)",
        "measure": "The amended plan sent to the family shows the therapy in section F",
        "kind": "amend_contents",
        "timing": "statutory",
        "agreed_due": None,
        "plan_section": "F",
    }
    fields.update(extra)
    agreement.refresh_from_db()
    return services.action_add(
        actor=world.users["mediator"],
        agreement=agreement,
        expected_version=agreement.version,
        **fields,
    )


def _accept_all(world: World, agreement: Any) -> None:
    for party in agreement.parties():
        agreement.refresh_from_db()
        services.acceptance_record(
            actor=world.users["mediator"],
            agreement=agreement,
            expected_version=agreement.version,
            party=party,
            accepted_by_name=f"Someone for {party}",
            accepted_on=AGREED,
        )


@pytest.mark.parametrize(
    "missing, field, words",
    [
        ({"what": "  "}, "what", "what will be done"),
        ({"who": ""}, "who", "who will do it"),
        ({"measure": ""}, "measure", "how the parties will know"),
        ({"timing": ""}, "timing", "by when"),
        ({"timing": "agreed", "agreed_due": None}, "agreed_due", "date the parties agreed"),
        ({"plan_section": ""}, "plan_section", "section of the plan"),
        ({"kind": "whatever"}, "kind", "kind of action"),
    ],
)
def test_an_action_missing_a_smart_element_is_refused_saying_which(
    world: World, missing: dict[str, Any], field: str, words: str
) -> None:
    with time_machine.travel(TODAY, tick=False):
        agreement = _agreement(world)
        with pytest.raises(ValidationError) as caught:
            _action(world, agreement, **missing)
    assert list(caught.value.message_dict) == [field]
    assert words in caught.value.message_dict[field][0].lower()
    assert agreement.actions.count() == 0


def test_an_agreed_date_before_the_agreement_is_refused(world: World) -> None:
    with time_machine.travel(TODAY, tick=False):
        agreement = _agreement(world)
        with pytest.raises(ValidationError) as caught:
            _action(world, agreement, timing="agreed", agreed_due=date(2026, 12, 22))
    assert "on or after the date of the agreement" in caught.value.message_dict["agreed_due"][0]


def test_an_agreed_date_in_year_9999_is_refused_before_the_parties_accept(world: World) -> None:
    with time_machine.travel(TODAY, tick=False):
        agreement = _agreement(world)
        with pytest.raises(ValidationError) as caught:
            _action(world, agreement, timing="agreed", agreed_due=date(9999, 12, 31))
    assert caught.value.message_dict["agreed_due"] == ["Enter a date in the years 1990 to 2099."]
    assert agreement.actions.count() == 0


def test_judgmental_wording_warns_and_saves_only_when_the_mediator_keeps_it(world: World) -> None:
    with time_machine.travel(TODAY, tick=False):
        agreement = _agreement(world)
        with pytest.raises(services.WordingNeedsDecision) as caught:
            _action(world, agreement, what="The council failed to add therapy; add it to F")
        assert [f.word for f in caught.value.flags] == ["failed"]
        assert agreement.actions.count() == 0
        action = _action(
            world,
            agreement,
            what="The council failed to add therapy; add it to F",
            keep_flagged_words=True,
        )
    decision = WordingDecision.objects.get(agreement=agreement)
    assert (decision.word, decision.field, decision.action_id) == ("failed", "what", action.pk)
    assert decision.decided_by == world.users["mediator"]


def test_deadlines_start_only_when_every_party_accepted(world: World) -> None:
    with time_machine.travel(TODAY, tick=False):
        agreement = _agreement(world)
        contents = _action(world, agreement)
        agreed = _action(
            world, agreement, kind="other", timing="agreed", agreed_due=date(2027, 2, 26),
            plan_section="G", what="Occupational therapy assessment at home",
        )  # fmt: skip
        services.acceptance_record(
            actor=world.users["mediator"], agreement=agreement,
            expected_version=agreement.version, party="family", accepted_by_name="Jo Ashby",
            accepted_on=AGREED,
        )  # fmt: skip
        assert not Deadline.objects.filter(rule="agreement.action").exists()
        _accept_all_remaining(world, agreement)
    rows = {d.ref: d for d in Deadline.objects.filter(rule="agreement.action")}
    # 5 weeks from Wed 23 Dec 2026, through Christmas and New Year unmoved: Wed 27 Jan 2027.
    assert rows[contents.ref].due == date(2027, 1, 27)
    assert rows[contents.ref].status == "pending"
    assert rows[agreed.ref].due == date(2027, 2, 26)
    assert "reg 42" in rows[contents.ref].citation


def _accept_all_remaining(world: World, agreement: Any) -> None:
    agreement.refresh_from_db()
    accepted = set(agreement.acceptances.values_list("party", flat=True))
    for party in agreement.parties():
        if party in accepted:
            continue
        services.acceptance_record(
            actor=world.users["mediator"], agreement=agreement,
            expected_version=agreement.version, party=party, accepted_by_name="Officer",
            accepted_on=AGREED,
        )  # fmt: skip


def test_changing_the_wording_after_an_acceptance_needs_it_again(world: World) -> None:
    with time_machine.travel(TODAY, tick=False):
        agreement = _agreement(world)
        _action(world, agreement)
        agreement.refresh_from_db()
        services.acceptance_record(
            actor=world.users["mediator"], agreement=agreement,
            expected_version=agreement.version, party="family", accepted_by_name="Jo Ashby",
            accepted_on=AGREED,
        )  # fmt: skip
        _action(world, agreement, what="A second action", plan_section="none", kind="other")
        agreement.refresh_from_db()
        # The family accepted the old wording: accepting again is allowed, and needed.
        services.acceptance_record(
            actor=world.users["mediator"], agreement=agreement,
            expected_version=agreement.version, party="family", accepted_by_name="Jo Ashby",
            accepted_on=AGREED,
        )  # fmt: skip
        with pytest.raises(ValidationError):
            services.acceptance_record(
                actor=world.users["mediator"], agreement=agreement,
                expected_version=agreement.version, party="family",
                accepted_by_name="Jo Ashby", accepted_on=AGREED,
            )  # fmt: skip
    assert Acceptance.objects.filter(agreement=agreement).count() == 1


def test_a_stale_form_is_refused(world: World) -> None:
    with time_machine.travel(TODAY, tick=False):
        agreement = _agreement(world)
        stale = agreement.version
        _action(world, agreement)
        with pytest.raises(ConcurrentEditError):
            services.action_add(
                actor=world.users["mediator"], agreement=agreement, expected_version=stale,
                what="x", who="y", measure="z", kind="other", timing="statutory",
                agreed_due=None, plan_section="none",
            )  # fmt: skip
    assert agreement.actions.count() == 1


def test_an_accepted_agreement_cannot_be_changed(world: World) -> None:
    with time_machine.travel(TODAY, tick=False):
        agreement = _agreement(world)
        _action(world, agreement)
        _accept_all(world, agreement)
        with pytest.raises(ValidationError):
            _action(world, agreement, what="Late addition")


def test_other_providers_and_la_staff_cannot_write_the_agreement(world: World) -> None:
    with time_machine.travel(TODAY, tick=False):
        for who in ("other_mediator", "caseworker", "adviser", "parent"):
            with pytest.raises(PermissionDenied):
                services.agreement_create(
                    actor=world.users[who], case=world.case, made_on=AGREED, la_party=True,
                    health_party=False,
                )  # fmt: skip


def test_done_and_late_actions_follow_the_engine(world: World) -> None:
    with time_machine.travel(TODAY, tick=False):
        agreement = _agreement(world)
        school = _action(world, agreement, kind="amend_school", plan_section="I")
        _accept_all(world, agreement)
        # 2 weeks from 23 Dec 2026 = 6 Jan 2027; done on 8 Jan is late.
        services.action_done_record(
            actor=world.users["caseworker"], action=school, done_on=date(2027, 1, 8)
        )
        with pytest.raises(ValidationError):
            services.action_done_record(
                actor=world.users["caseworker"], action=school, done_on=date(2027, 1, 9)
            )
    row = Deadline.objects.get(rule="agreement.action", ref=school.ref)
    assert (row.due, row.status, row.met_on) == (date(2027, 1, 6), "late", date(2027, 1, 8))


def test_overdue_action_and_family_report_alert_the_case_manager(world: World) -> None:
    with time_machine.travel(TODAY, tick=False):
        agreement = _agreement(world)
        school = _action(world, agreement, kind="amend_school", plan_section="I")
        _accept_all(world, agreement)
        assert Deadline.objects.get(ref=school.ref).status == "overdue"
        report = services.action_not_done_report(
            actor=world.users["parent"], action=school, text="No new school named yet."
        )
    assert report.case_manager_alerted
    request = FamilyRequest.objects.get(pk=report.family_request_id)
    assert request.kind == FamilyRequest.Kind.ACTION_NOT_DONE
    message = Message.objects.get(template="agreement_action_not_done")
    assert message.recipient == world.users["case_manager"]
    assert message.personalisation["due"] == "6 January 2027"
    # The subject never names the child.
    assert "Robin" not in "A family reports an agreed action not done"


def test_no_alert_when_the_provider_does_not_follow_up(world: World) -> None:
    MediationPolicy.objects.filter(provider=world.provider).update(follows_up_agreements=False)
    with time_machine.travel(TODAY, tick=False):
        agreement = _agreement(world)
        action = _action(world, agreement)
        _accept_all(world, agreement)
        report = services.action_not_done_report(
            actor=world.users["supporter"], action=action, text="Nothing has changed."
        )
    assert not report.case_manager_alerted
    assert not Message.objects.filter(template="agreement_action_not_done").exists()
    assert ActionReport.objects.count() == 1


def test_a_draft_agreement_cannot_be_reported_on(world: World) -> None:
    with time_machine.travel(TODAY, tick=False):
        agreement = _agreement(world)
        action = _action(world, agreement)
        with pytest.raises(ValidationError):
            services.action_not_done_report(
                actor=world.users["parent"], action=action, text="Not done"
            )
        with pytest.raises(PermissionDenied):
            services.action_not_done_report(
                actor=world.users["caseworker"], action=action, text="Not done"
            )


def test_no_agreement_outcome_refuses_an_agreement(world: World) -> None:
    world.case.outcome = "no_agreement"
    world.case.save()
    with time_machine.travel(TODAY, tick=False), pytest.raises(ValidationError) as caught:
        _agreement(world)
    assert "certificate" in caught.value.message_dict["made_on"][0]


def test_a_mediation_with_a_written_agreement_cannot_conclude_as_no_agreement(
    world: World,
) -> None:
    from redress.mediation import services as mediation_services

    with time_machine.travel(TODAY, tick=False):
        _agreement(world)
        world.case.refresh_from_db()
        with pytest.raises(ValidationError) as caught:
            mediation_services.mediation_conclude(
                actor=world.users["mediator"], case=world.case, concluded_on=AGREED,
                outcome="no_agreement",
            )  # fmt: skip
    assert "written agreement is recorded" in caught.value.message_dict["outcome"][0]
    world.case.refresh_from_db()
    assert world.case.outcome == "" and world.case.concluded_on is None


def _claim(world: World, who: str = "parent", **extra: Any) -> Any:
    fields = {
        "claimant_name": "Jo Ashby",
        "category": "travel",
        "description": "Bus fares to the mediation and back",
        "amount": Decimal("7.40"),
        "incurred_on": AGREED,
        "payer": "local_authority",
    }
    fields.update(extra)
    return services.expenses_claim_submit(actor=world.users[who], case=world.case, **fields)


def test_expenses_claim_approved_or_refused_with_reasons(world: World) -> None:
    with time_machine.travel(TODAY, tick=False):
        claim = _claim(world)
        with pytest.raises(ValidationError) as caught:
            services.expenses_claim_decide(
                actor=world.users["caseworker"], claim=claim, expected_version=claim.version,
                approve=False, reasons=" ",
            )  # fmt: skip
        assert "reasons" in caught.value.message_dict
        services.expenses_claim_decide(
            actor=world.users["caseworker"], claim=claim, expected_version=claim.version,
            approve=False, reasons="Receipts not attached",
        )  # fmt: skip
        claim.refresh_from_db()
        assert claim.status == "refused" and claim.reasons == "Receipts not attached"
        with pytest.raises(ValidationError):
            services.expenses_claim_decide(
                actor=world.users["caseworker"], claim=claim, expected_version=claim.version,
                approve=True, reasons="",
            )  # fmt: skip


def test_the_same_claim_sent_twice_is_recorded_once(world: World) -> None:
    with time_machine.travel(TODAY, tick=False):
        _claim(world)
        with pytest.raises(ValidationError) as caught:
            _claim(world)
        assert "already recorded" in caught.value.message_dict["amount"][0]
        # A second, different journey is a new claim.
        _claim(world, description="Taxi to the mediation")
    assert world.case.expenses_claims.count() == 2


def test_legal_costs_and_implausible_claims_are_refused(world: World) -> None:
    with time_machine.travel(TODAY, tick=False):
        with pytest.raises(ValidationError) as caught:
            _claim(world, description="Solicitor's fee for the day")
        assert "s.56(1)(g)" in caught.value.message_dict["description"][0]
        with pytest.raises(ValidationError) as caught:
            _claim(world, amount=Decimal("0"), incurred_on=date(2027, 1, 21))
        assert set(caught.value.message_dict) == {"amount", "incurred_on"}


def test_only_the_payer_decides_a_claim(world: World) -> None:
    with time_machine.travel(TODAY, tick=False):
        claim = _claim(world)
        health_claim = _claim(world, payer="health_commissioner")
        for who, target in (("health", claim), ("caseworker", health_claim),
                            ("mediator", claim), ("parent", claim),
                            ("other_caseworker", claim)):  # fmt: skip
            with pytest.raises(PermissionDenied):
                services.expenses_claim_decide(
                    actor=world.users[who], claim=target, expected_version=None,
                    approve=True, reasons="",
                )  # fmt: skip
        services.expenses_claim_decide(
            actor=world.users["health"], claim=health_claim, expected_version=None,
            approve=True, reasons="",
        )  # fmt: skip
