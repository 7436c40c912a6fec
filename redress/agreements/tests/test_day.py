"""Who may close an agreed action, taking back a mistaken "done", the agreement's date against
the mediation, the provider's figures by authority, and invoicing."""

from __future__ import annotations

import io
from datetime import date, time
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from docx import Document

from redress.agreements import billing, figures, services
from redress.agreements.models import ProviderRates
from redress.agreements.tests.helpers import World, build_world
from redress.casework.models import Deadline
from redress.mediation.models import MediationCertificate, MediationMeeting

pytestmark = pytest.mark.django_db

AGREED = date(2026, 12, 23)
TODAY = date(2027, 1, 20)


@pytest.fixture
def world() -> Any:
    with time_machine.travel(TODAY, tick=False):
        yield build_world(held_on=AGREED)


def _in_force(world: World, *actions: dict[str, Any]) -> list[Any]:
    mediator = world.users["mediator"]
    agreement = services.agreement_create(
        actor=mediator, case=world.case, made_on=AGREED, la_party=True, health_party=True
    )
    added = []
    for extra in actions:
        agreement.refresh_from_db()
        fields = {
            "what": "Amend section F", "who": "Northwick SEND team", "measure": "Plan sent",
            "kind": "amend_contents", "timing": "statutory", "agreed_due": None,
            "plan_section": "F",
        }  # fmt: skip
        fields.update(extra)
        added.append(
            services.action_add(
                actor=mediator, agreement=agreement, expected_version=agreement.version, **fields
            )
        )
    for party in agreement.parties():
        agreement.refresh_from_db()
        services.acceptance_record(
            actor=mediator, agreement=agreement, expected_version=agreement.version,
            party=party, accepted_by_name="Someone", accepted_on=AGREED,
        )  # fmt: skip
    return added


def test_the_icb_cannot_close_the_authoritys_action_but_closes_its_own(world: World) -> None:
    with time_machine.travel(TODAY, tick=False):
        la_action, icb_action = _in_force(
            world,
            {"owed_by": "local_authority"},
            {"owed_by": "health_commissioner", "kind": "other", "plan_section": "G",
             "what": "Start therapy", "who": "Northwick ICB"},
        )  # fmt: skip
        with pytest.raises(PermissionDenied):
            services.action_done_record(
                actor=world.users["health"], action=la_action, done_on=date(2027, 1, 5)
            )
        with pytest.raises(PermissionDenied):
            services.action_done_record(
                actor=world.users["caseworker"], action=icb_action, done_on=date(2027, 1, 5)
            )
        with pytest.raises(PermissionDenied):
            services.action_done_record(
                actor=world.users["mediator"], action=la_action, done_on=date(2027, 1, 5)
            )
        services.action_done_record(
            actor=world.users["health"], action=icb_action, done_on=date(2027, 1, 5)
        )
        done = services.action_done_record(
            actor=world.users["case_manager"], action=la_action, done_on=date(2027, 1, 6)
        )
    assert done.done_recorded_by == world.users["case_manager"] and done.done_recorded_at


def test_an_older_action_about_the_plan_is_the_authoritys(world: World) -> None:
    with time_machine.travel(TODAY, tick=False):
        (action,) = _in_force(world, {})
        assert action.owed_by == ""
        assert world.users["caseworker"].has_perm("agreements.record_action_done", action)
        assert not world.users["health"].has_perm("agreements.record_action_done", action)


def test_a_mistaken_done_is_taken_back_with_who_and_why_kept(world: World) -> None:
    with time_machine.travel(TODAY, tick=False):
        (action,) = _in_force(world, {"owed_by": "local_authority"})
        services.action_done_record(
            actor=world.users["caseworker"], action=action, done_on=date(2027, 1, 5)
        )
        with pytest.raises(ValidationError):
            services.action_done_undo(actor=world.users["caseworker"], action=action, reason=" ")
        with pytest.raises(PermissionDenied):
            services.action_done_undo(actor=world.users["health"], action=action, reason="No")
        undo = services.action_done_undo(
            actor=world.users["caseworker"], action=action, reason="Recorded on the wrong case"
        )
    action.refresh_from_db()
    assert action.done_on is None
    assert (undo.was_done_on, undo.was_recorded_by, undo.undone_by) == (
        date(2027, 1, 5), world.users["caseworker"], world.users["caseworker"],
    )  # fmt: skip
    assert action.history.filter(done_on=date(2027, 1, 5)).exists()
    row = Deadline.objects.get(rule="agreement.action", ref=action.ref)
    assert row.met_on is None


def test_the_page_offers_done_only_on_the_parties_own_action(world: World) -> None:
    with time_machine.travel(TODAY, tick=False):
        la_action, icb_action = _in_force(
            world,
            {"owed_by": "local_authority"},
            {"owed_by": "health_commissioner", "kind": "other", "plan_section": "G"},
        )
        client = Client()
        client.force_login(world.users["caseworker"])
        page = client.get(reverse("agreements:detail", args=[la_action.agreement_id]))
        text = page.content.decode()
        assert (
            reverse("agreements:action-done", args=[la_action.agreement_id, la_action.pk]) in text
        )
        assert (
            reverse("agreements:action-done", args=[la_action.agreement_id, icb_action.pk])
            not in text
        )
        refused = client.post(
            reverse("agreements:action-done", args=[la_action.agreement_id, icb_action.pk]),
            {"done_on_0": "5", "done_on_1": "1", "done_on_2": "2027"},
        )
        assert refused.status_code in (403, 404)


def test_an_agreement_cannot_be_dated_before_the_mediation_was_held(world: World) -> None:
    with time_machine.travel(TODAY, tick=False), pytest.raises(ValidationError) as refused:
        services.agreement_create(
            actor=world.users["mediator"], case=world.case, made_on=date(2026, 12, 22),
            la_party=True, health_party=False,
        )  # fmt: skip
    assert "23 December 2026" in refused.value.message_dict["made_on"][0]


def test_figures_give_rates_with_counts_by_authority(world: World) -> None:
    case = world.case
    with time_machine.travel(TODAY, tick=False):
        case.concluded_on, case.outcome = AGREED, "partial"
        case.save()
        MediationCertificate.objects.create(
            case=case, reason="after_mediation", issued_on=date(2026, 12, 24)
        )
        from redress.casework.deadlines import deadlines_recompute

        deadlines_recompute(child=case.child)
        result = figures.provider_figures(world.users["adviser"], start=date(2026, 4, 1), end=TODAY)
        groups = result.by_authority["Northwick"]
        assert groups["all"].rates["certificates_after"].count == 1
        assert groups["all"].rates["certificates_after"].of == 1
        assert groups["health"].rates["outcome_partial"].count == 1
        assert groups["no_health"].rates["outcome_partial"].of == 0
        # The authority was told on 1 September; held on 23 December, after the 30 days.
        held_30 = groups["all"].rates["held_30"]
        assert (held_30.count, held_30.of) == (0, 1)
        text = figures.figures_csv(result)
        assert "Northwick" in text and "Ashby" not in text and "PRIVATE" not in text
        with pytest.raises(PermissionDenied):
            figures.provider_figures(world.users["caseworker"], start=AGREED, end=TODAY)
        client = Client()
        client.force_login(world.users["case_manager"])
        assert client.get(reverse("agreements:figures")).status_code == 200
        csv_response = client.get(reverse("agreements:figures") + "?format=csv")
        assert csv_response["Content-Type"].startswith("text/csv")


def test_an_authority_is_invoiced_at_the_providers_rates(world: World) -> None:
    with time_machine.travel(TODAY, tick=False):
        ProviderRates.objects.create(
            provider=world.provider, per_case=Decimal("100"), per_session=Decimal("50"),
            per_hour=Decimal("40"), cancellation_fee=Decimal("25"),
        )  # fmt: skip
        held = MediationMeeting.objects.get(case=world.case)
        held.end_time = time(12, 30)
        held.save()
        MediationMeeting.objects.create(
            case=world.case, meeting_date=date(2026, 12, 10), start_time=time(10, 0),
            place="Town hall", status="cancelled", scheduled_on=date(2026, 12, 1),
            cancelled_on=date(2026, 12, 8),
        )  # fmt: skip
        with pytest.raises(PermissionDenied):
            billing.invoice_build(
                actor=world.users["mediator"], provider=world.provider, authority=world.la,
                start=date(2026, 12, 1), end=date(2026, 12, 31),
            )  # fmt: skip
        invoice = billing.invoice_build(
            actor=world.users["case_manager"], provider=world.provider, authority=world.la,
            start=date(2026, 12, 1), end=date(2026, 12, 31),
        )  # fmt: skip
        (line,) = invoice.lines
        # 100 per case + 50 for the session + 2.5 hours at 40 + one cancellation at 25.
        assert (line.sessions, line.hours, line.cancellations) == (1, Decimal("2.50"), 1)
        assert line.amount == Decimal("275.00") and invoice.total == Decimal("275.00")
        assert line.reference == f"MED-{world.case.pk:05d}"
        csv_text = billing.invoice_csv(invoice)
        assert "275.00" in csv_text and "Ashby" not in csv_text
        docx_text = "\n".join(
            p.text for p in Document(io.BytesIO(billing.invoice_docx(invoice))).paragraphs
        )
        assert "Northwick" in docx_text and "£275.00" in docx_text
        world.provider.serves.add(world.la)
        client = Client()
        client.force_login(world.users["case_manager"])
        query = (
            f"?provider={world.provider.pk}&authority={world.la.pk}&start_day=1&start_month=12"
            "&start_year=2026&end_day=31&end_month=12&end_year=2026"
        )
        page = client.get(reverse("agreements:invoice") + query)
        assert "£275.00" in page.content.decode()
        word = client.get(reverse("agreements:invoice") + query + "&format=docx")
        assert word["Content-Type"].startswith("application/vnd.openxmlformats")


def _concluded_case(world: World, name: str, *, appealed_on: date | None) -> None:
    from redress.appeals.models import Appeal
    from redress.casework.tests.factories import ChildFactory
    from redress.mediation.models import MediationCase

    child = ChildFactory(first_name=name, local_authority=world.la)
    case = MediationCase.objects.create(
        child=child, provider=world.provider, decision=MediationCase.Decision.PLAN_CONTENTS,
        decision_notice_date=date(2026, 9, 1), la_told_on=date(2026, 9, 1),
        concluded_on=AGREED, outcome="no_agreement",
    )  # fmt: skip
    MediationMeeting.objects.create(
        case=case, meeting_date=AGREED, start_time=time(10, 0), end_time=time(11, 0),
        place="Town hall", status="held", scheduled_on=date(2026, 9, 2), held_on=AGREED,
    )  # fmt: skip
    MediationCertificate.objects.create(
        case=case, reason="after_mediation", issued_on=date(2026, 12, 24)
    )
    if appealed_on is not None:
        Appeal.objects.create(
            child=child, decision="plan_contents",
            decision_notice_date=date(2026, 9, 1), lodged_on=appealed_on,
        )  # fmt: skip


def test_figures_and_invoice_read_as_many_times_for_one_case_as_for_many(world: World) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    period = {"start": date(2026, 4, 1), "end": TODAY}
    invoiced = {"provider": world.provider, "authority": world.la, "start": AGREED, "end": TODAY}

    def reads() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as figures_reads:
            result = figures.provider_figures(world.users["adviser"], **period)
        with CaptureQueriesContext(connection) as invoice_reads:
            billing.invoice_build(actor=world.users["case_manager"], **invoiced)
        assert result.by_authority
        return len(figures_reads), len(invoice_reads)

    with time_machine.travel(TODAY, tick=False):
        _concluded_case(world, "First", appealed_on=date(2027, 1, 4))
        few = reads()
        # An appeal lodged before the mediation ended did not follow it.
        _concluded_case(world, "Second", appealed_on=date(2026, 8, 1))
        _concluded_case(world, "Third", appealed_on=None)
        _concluded_case(world, "Fourth", appealed_on=date(2027, 1, 10))
        assert reads() == few
        result = figures.provider_figures(world.users["adviser"], **period)
        appealed = result.by_authority["Northwick"]["all"].rates["appealed"]
        assert (appealed.count, appealed.of) == (2, 4)
        invoice = billing.invoice_build(actor=world.users["case_manager"], **invoiced)
        assert [line.sessions for line in invoice.lines] == [1, 1, 1, 1, 1]
