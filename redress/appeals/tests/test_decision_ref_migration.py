"""Records made before decision refs existed get their decision's ref from the links they had
(the data migrations mediation 0005 and appeals 0003), and the recomputed deadlines then close
the right decision's windows."""

from __future__ import annotations

import importlib
from datetime import date

import pytest
from django.apps import apps

from redress.appeals.models import Appeal
from redress.casework.deadlines import deadlines_recompute
from redress.casework.models import CaseEvent, Deadline
from redress.mediation.models import MediationCase, MediationCertificate
from redress.mediation.tests.factories import make_world
from redress.plans.models import Cessation, Plan

pytestmark = pytest.mark.django_db

mediation_migration = importlib.import_module(
    "redress.mediation.migrations.0005_give_cases_their_decision_refs"
)
appeals_migration = importlib.import_module(
    "redress.appeals.migrations.0003_give_appeals_their_decision_refs"
)


def test_old_cases_and_appeals_get_the_ref_of_the_decision_they_are_about() -> None:
    world = make_world(name="Oldfield")
    child = world.child
    refusal = CaseEvent.objects.create(
        child=child, type="assessment_decision", date=date(2025, 3, 3),
        details={"decision": "not_assess"}, reasons="Needs met at SEN support.",
    )  # fmt: skip
    CaseEvent.objects.create(child=child, type="assessment_requested", date=date(2025, 2, 1))
    plan = Plan.objects.create(
        child=child, version_number=1, status=Plan.Status.FINAL, issued_on=date(2025, 9, 1)
    )
    cessation = Cessation.objects.create(
        plan=plan, decided_on=date(2026, 5, 1), notice_sent_on=date(2026, 5, 4), reasons="Left."
    )
    # As they were stored before: no decision ref.
    about_refusal = MediationCase.objects.create(
        child=child, provider=world.provider, decision=MediationCase.Decision.NOT_ASSESS,
        decision_notice_date=date(2025, 3, 3), adviser_contacted_on=date(2025, 3, 20),
    )  # fmt: skip
    about_cessation = MediationCase.objects.create(
        child=child, provider=world.provider, decision=MediationCase.Decision.CEASE,
        decision_notice_date=date(2026, 5, 4), adviser_contacted_on=date(2026, 5, 10),
    )  # fmt: skip
    unrecorded = MediationCase.objects.create(
        child=child, provider=world.provider, decision=MediationCase.Decision.NOT_REASSESS,
        decision_notice_date=date(2024, 1, 8), adviser_contacted_on=date(2024, 1, 9),
    )  # fmt: skip
    certificate = MediationCertificate.objects.create(
        case=about_cessation, reason="declined", issued_on=date(2026, 5, 12)
    )
    by_certificate = Appeal.objects.create(
        child=child, decision=Appeal.Decision.CEASE, decision_notice_date=date(2026, 5, 4),
        lodged_on=date(2026, 6, 1), mediation_certificate=certificate,
    )  # fmt: skip
    by_cessation = Appeal.objects.create(
        child=child, decision=Appeal.Decision.CEASE, decision_notice_date=date(2026, 5, 4),
        lodged_on=date(2026, 6, 2), cessation=cessation, outcome="withdrawn",
    )  # fmt: skip
    unrecorded_certificate = MediationCertificate.objects.create(
        case=unrecorded, reason="declined", issued_on=date(2024, 1, 10)
    )
    about_unrecorded = Appeal.objects.create(
        child=child, decision=Appeal.Decision.NOT_REASSESS, decision_notice_date=date(2024, 1, 8),
        lodged_on=date(2024, 2, 1), mediation_certificate=unrecorded_certificate,
        outcome="dismissed",
    )  # fmt: skip
    by_date = Appeal.objects.create(
        child=child, decision=Appeal.Decision.NOT_ASSESS, decision_notice_date=date(2025, 3, 3),
        lodged_on=date(2025, 4, 20), outcome="dismissed",
    )  # fmt: skip
    assert not MediationCase.objects.exclude(decision_ref="").exists()
    assert not Appeal.objects.exclude(decision_ref="").exists()

    mediation_migration.give_refs(apps, None)
    appeals_migration.give_refs(apps, None)

    def ref(record: MediationCase | Appeal) -> str:
        record.refresh_from_db()
        return record.decision_ref

    assert ref(about_refusal) == f"case_event-{refusal.pk}"
    assert ref(about_cessation) == f"cessation-{cessation.pk}"
    assert ref(unrecorded) == ""  # no recorded decision: the case feeds its own notice
    assert ref(by_certificate) == f"cessation-{cessation.pk}"
    assert ref(by_cessation) == f"cessation-{cessation.pk}"
    assert ref(by_date) == f"case_event-{refusal.pk}"
    assert ref(about_unrecorded) == f"mediation_case-{unrecorded.pk}"

    # Recomputed, each decision's windows are closed by its own mediation and appeal.
    deadlines_recompute(child=child, today=date(2026, 11, 30))
    contact = {
        d.ref: d.met_on
        for d in Deadline.objects.filter(child=child, rule="mediation.contact_adviser")
    }
    assert contact[f"case_event-{refusal.pk}"] == date(2025, 3, 20)
    assert contact[f"cessation-{cessation.pk}"] == date(2026, 5, 10)
    assert contact[f"mediation_case-{unrecorded.pk}"] == date(2024, 1, 9)
    lodged = {d.ref: d.met_on for d in Deadline.objects.filter(child=child, rule="appeal.lodge")}
    assert lodged[f"case_event-{refusal.pk}"] == date(2025, 4, 20)
    assert lodged[f"cessation-{cessation.pk}"] == date(2026, 6, 1)
    assert lodged[f"plan-{plan.pk}"] is None  # nobody appealed the plan itself
    assert lodged[f"mediation_case-{unrecorded.pk}"] == date(2024, 2, 1)


def test_running_the_migrations_again_changes_nothing() -> None:
    world = make_world(name="Twiceton")
    case = MediationCase.objects.create(
        child=world.child, provider=world.provider, decision=MediationCase.Decision.CEASE,
        decision_notice_date=date(2026, 5, 4), decision_ref="cessation-999",
    )  # fmt: skip
    mediation_migration.give_refs(apps, None)
    case.refresh_from_db()
    assert case.decision_ref == "cessation-999"
