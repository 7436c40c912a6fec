"""Withdrawing a whole mediation case opened in error (decision 0134): who may, what must be
undone first, and that the case then counts nowhere (lists, dashboards, figures, invoices, the
performance report, SEN2, the engine) while its own page still says who withdrew it and why."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, time
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from redress.accounts.models import Role
from redress.agreements import billing, figures
from redress.agreements import selectors as agreement_selectors
from redress.agreements import services as agreement_services
from redress.agreements.models import ProviderRates
from redress.agreements.tests.helpers import build_world
from redress.audit.models import AuditEntry
from redress.casework.deadlines import events_for_child, events_for_children
from redress.casework.models import Deadline
from redress.casework.tests.factories import user_with_role
from redress.core.versions import ConcurrentEditError
from redress.mediation import schedule, selectors, services
from redress.mediation.models import FamilyChoice, MediationCase, MediationMeeting, MediatorNote
from redress.mediation.tests.factories import World, make_world, open_case
from redress.reports import performance

pytestmark = pytest.mark.django_db

TODAY = date(2027, 6, 1)
REASON = "Opened on the wrong child: the email named the brother"


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def world() -> World:
    return make_world()


def _types(world: World) -> list[str]:
    return [e["type"] for e in events_for_child(world.child)]


def _batch_types(world: World) -> list[str]:
    return [e["type"] for e in events_for_children([world.child])[world.child.pk]]


def _held(world: World) -> MediationCase:
    case = open_case(world, notice=date(2027, 3, 1), contacted=date(2027, 3, 10))
    services.mediation_choice_record(
        actor=world.adviser, case=case, choice=FamilyChoice.WISHES, on=date(2027, 3, 24)
    )
    services.mediation_la_told_record(actor=world.adviser, case=case, on=date(2027, 3, 24))
    services.mediation_meeting_schedule(
        actor=world.adviser, case=case, meeting_date=date(2027, 4, 20),
        start_time=time(10, 0), end_time=time(13, 0), place="Northwick Library",
    )  # fmt: skip
    services.mediation_held_record(actor=world.adviser, case=case, held_on=date(2027, 4, 20))
    case.refresh_from_db()
    return case


def _withdraw(world: World, case: MediationCase, actor: Any = None) -> MediationCase:
    case.refresh_from_db()
    return services.mediation_case_withdraw(
        actor=actor or world.adviser, case=case, reason=REASON, expected_version=case.version
    )


# -- The service ---------------------------------------------------------------------------------


def test_a_withdrawn_case_stays_on_record_with_who_and_why_and_leaves_the_engine(
    world: World,
) -> None:
    case = open_case(world, notice=date(2027, 5, 4), contacted=date(2027, 5, 10))
    assert "mediation_adviser_contacted" in _types(world)
    assert Deadline.objects.filter(child=world.child, ref=case.engine_ref).exists()

    _withdraw(world, case, actor=world.case_manager)

    case.refresh_from_db()
    assert case.withdrawn and case.withdrawn_by == world.case_manager
    assert case.withdrawn_reason == REASON
    # Nothing deleted: the case and its dates are as recorded, and the history has the save.
    assert case.adviser_contacted_on == date(2027, 5, 10)
    assert case.history.filter(withdrawn_at__isnull=True).exists()
    # The engine counts as if it had never been opened, on both paths.
    assert _types(world) == []
    assert _batch_types(world) == []
    assert not Deadline.objects.filter(child=world.child, ref=case.engine_ref).exists()
    entry = AuditEntry.objects.filter(child=world.child, action="update").latest("at", "pk")
    assert entry.actor == world.case_manager
    assert REASON in entry.summary


def test_only_those_who_may_open_a_case_may_withdraw_it(world: World) -> None:
    case = open_case(world)
    for person in (world.mediator, world.caseworker, world.parent):
        with pytest.raises(PermissionDenied):
            _withdraw(world, case, actor=person)
    case.refresh_from_db()
    assert not case.withdrawn


def test_a_reason_is_needed_and_a_stale_form_is_refused(world: World) -> None:
    case = open_case(world)
    with pytest.raises(ValidationError, match="Enter why the step was recorded in error"):
        services.mediation_case_withdraw(
            actor=world.adviser, case=case, reason="  ", expected_version=case.version
        )
    with pytest.raises(ConcurrentEditError):
        services.mediation_case_withdraw(
            actor=world.adviser, case=case, reason=REASON, expected_version=case.version - 1
        )
    case.refresh_from_db()
    assert not case.withdrawn


def test_refused_while_a_certificate_stands_until_it_is_withdrawn(world: World) -> None:
    case = open_case(world, notice=date(2026, 12, 1), contacted=date(2026, 12, 10))
    services.mediation_choice_record(
        actor=world.adviser, case=case, choice=FamilyChoice.DECLINED, on=date(2026, 12, 23)
    )
    certificate = services.mediation_certificate_issue(
        actor=world.adviser, case=case, reason="declined", issued_on=date(2026, 12, 30)
    )
    with pytest.raises(ValidationError, match="Withdraw the certificate first"):
        _withdraw(world, case)
    case.refresh_from_db()
    assert not case.withdrawn
    services.certificate_withdraw(
        actor=world.adviser, certificate=certificate, reason="Issued on the wrong child",
        expected_version=certificate.version,
    )  # fmt: skip
    _withdraw(world, case)
    case.refresh_from_db()
    assert case.withdrawn


def test_refused_while_a_meeting_is_arranged(world: World) -> None:
    case = open_case(world, notice=date(2027, 5, 4), contacted=date(2027, 5, 10))
    services.mediation_choice_record(
        actor=world.adviser, case=case, choice=FamilyChoice.WISHES, on=date(2027, 5, 12)
    )
    services.mediation_la_told_record(actor=world.adviser, case=case, on=date(2027, 5, 12))
    services.mediation_meeting_schedule(
        actor=world.adviser, case=case, meeting_date=date(2027, 6, 8),
        start_time=time(10, 0), place="Northwick Library",
    )  # fmt: skip
    with pytest.raises(ValidationError, match="Cancel it first"):
        _withdraw(world, case)
    case.refresh_from_db()
    schedule.mediation_meeting_cancel(
        actor=world.adviser, case=case, reason="Opened on the wrong child",
        expected_version=case.version,
    )  # fmt: skip
    _withdraw(world, case)
    case.refresh_from_db()
    assert case.withdrawn


def test_refused_while_a_written_agreement_stands() -> None:
    agreed = date(2026, 12, 23)
    world = build_world(held_on=agreed)
    case, mediator = world.case, world.users["mediator"]
    agreement = agreement_services.agreement_create(
        actor=mediator, case=case, made_on=agreed, la_party=True, health_party=True
    )
    with pytest.raises(ValidationError, match="Withdraw the agreement first"):
        services.mediation_case_withdraw(
            actor=world.users["case_manager"], case=case, reason=REASON, expected_version=None
        )
    agreement.refresh_from_db()
    agreement_services.agreement_withdraw(
        actor=mediator, agreement=agreement, reason="On the wrong mediation",
        expected_version=agreement.version,
    )  # fmt: skip
    case.refresh_from_db()
    services.mediation_case_withdraw(
        actor=world.users["case_manager"], case=case, reason=REASON, expected_version=None
    )
    case.refresh_from_db()
    assert case.withdrawn


def test_nothing_more_is_recorded_on_a_withdrawn_case(world: World) -> None:
    case = open_case(world)
    _withdraw(world, case)
    case.refresh_from_db()
    for person in (world.adviser, world.case_manager):
        assert not person.has_perm("mediation.change_case", case)
        assert not person.has_perm("mediation.issue_certificate", case)
        # Still readable, and its withdrawal page still opens to show who and why.
        assert person.has_perm("mediation.view_case", case)
        assert person.has_perm("mediation.withdraw_case", case)
    with pytest.raises(PermissionDenied):
        services.mediation_choice_record(
            actor=world.adviser, case=case, choice=FamilyChoice.DECLINED, on=date(2026, 10, 20)
        )
    with pytest.raises(ValidationError, match="withdrawn as recorded in error"):
        services.mediation_case_withdraw(
            actor=world.adviser, case=case, reason=REASON, expected_version=case.version
        )


def test_the_right_case_can_be_opened_again_after_a_duplicate_is_withdrawn(world: World) -> None:
    case = open_case(world)
    _withdraw(world, case)
    again = open_case(world)
    assert again.pk != case.pk and not again.withdrawn


# -- Everything that counts cases leaves it out --------------------------------------------------


def test_lists_dashboards_and_the_mediators_meetings_leave_it_out(world: World) -> None:
    case = open_case(world, notice=date(2027, 5, 4), contacted=date(2027, 5, 10))
    kept = open_case(world, notice=date(2027, 5, 5), contacted=date(2027, 5, 10))
    MediationMeeting.objects.create(
        case=case, meeting_date=date(2027, 5, 20), start_time=time(10, 0),
        status=MediationMeeting.Status.HELD, scheduled_on=date(2027, 5, 12),
        held_on=date(2027, 5, 20),
    )  # fmt: skip
    case.mediator = world.mediator
    case.save()
    _withdraw(world, case)
    for person in (world.adviser, world.caseworker, world.parent):
        assert list(selectors.mediation_cases_visible_to(person)) == [kept]
    assert list(agreement_selectors.cases_for_provider_staff(world.adviser)) == [kept]
    stages = agreement_selectors.provider_dashboard(world.adviser).stages
    assert sum(count for _, count in stages) == 1
    assert not schedule.meetings_for_mediator(world.mediator, date(2027, 5, 1), date(2027, 6, 1))

    client = Client()
    client.force_login(world.adviser)
    page = client.get(reverse("mediation:case-list")).content.decode()
    assert reverse("mediation:case-detail", args=[kept.pk]) in page
    assert reverse("mediation:case-detail", args=[case.pk]) not in page


def test_no_reminder_for_a_meeting_on_a_withdrawn_case(world: World) -> None:
    case = open_case(world, notice=date(2027, 5, 4), contacted=date(2027, 5, 10))
    meeting = MediationMeeting.objects.create(
        case=case, meeting_date=date(2027, 6, 2), start_time=time(10, 0),
        status=MediationMeeting.Status.CANCELLED, scheduled_on=date(2027, 5, 12),
    )  # fmt: skip
    _withdraw(world, case)
    # A meeting left "scheduled" by an import or an older record is not reminded either.
    MediationMeeting.objects.filter(pk=meeting.pk).update(status=MediationMeeting.Status.SCHEDULED)
    assert schedule.mediation_reminders_send(today=TODAY).meetings == 0


def test_provider_figures_invoices_and_report_leave_it_out(world: World) -> None:
    case = _held(world)
    ProviderRates.objects.create(provider=world.provider, per_case=Decimal("100"))
    period = {"start": date(2027, 3, 1), "end": date(2027, 5, 31)}
    assert figures.provider_figures(world.adviser, **period).by_authority
    assert len(billing.invoice_build(actor=world.case_manager, provider=world.provider,
                                     authority=world.la, **period).lines) == 1  # fmt: skip
    assert agreement_selectors.provider_report(world.adviser, **period).held == 1

    _withdraw(world, case)

    assert not figures.provider_figures(world.adviser, **period).by_authority
    assert not billing.invoice_build(actor=world.case_manager, provider=world.provider,
                                     authority=world.la, **period).lines  # fmt: skip
    assert agreement_selectors.provider_report(world.adviser, **period).held == 0


def test_the_performance_report_leaves_it_out(world: World) -> None:
    manager = user_with_role(Role.LA_MANAGER, world.la)
    case = open_case(world, notice=date(2027, 3, 1), contacted=date(2027, 3, 10))

    def mediation_cases() -> int:
        report = performance.performance_report(user=manager, authority=world.la, by="month")
        table = next(m for m in report.measures if m.key == "per_thousand_plans")
        return sum(cells[0].count for _, cells in table.rows)

    assert mediation_cases() == 1
    _withdraw(world, case)
    assert mediation_cases() == 0


# -- The page ------------------------------------------------------------------------------------


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_page_shows_what_depends_on_it_and_refuses_while_a_certificate_stands(
    world: World,
) -> None:
    case = open_case(world, notice=date(2026, 12, 1), contacted=date(2026, 12, 10))
    services.mediation_choice_record(
        actor=world.adviser, case=case, choice=FamilyChoice.DECLINED, on=date(2026, 12, 23)
    )
    services.mediation_certificate_issue(
        actor=world.adviser, case=case, reason="declined", issued_on=date(2026, 12, 30)
    )
    MediatorNote.objects.create(case=case, author=world.mediator, text="SECRET-NOTE")
    url = reverse("mediation:case-withdraw", args=[case.pk])
    response = _client(world.adviser).get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "cannot be withdrawn yet" in html
    assert "Withdraw the certificate first" in html
    assert 'name="withdraw-reason"' not in html
    assert "SECRET-NOTE" not in html
    assert AuditEntry.objects.filter(
        child=world.child, action="view", actor=world.adviser, page="mediation:case-withdraw"
    ).exists()
    # A forged post is refused with the reason on the page, and changes nothing.
    refused = _client(world.adviser).post(
        url, {"withdraw-reason": REASON, "withdraw-version": case.version}
    )
    assert refused.status_code == 200
    assert "Withdraw the certificate first" in refused.content.decode()
    case.refresh_from_db()
    assert not case.withdrawn


def test_withdrawing_from_the_page_then_the_case_page_says_who_and_why(world: World) -> None:
    case = open_case(world)
    client = _client(world.case_manager)
    url = reverse("mediation:case-withdraw", args=[case.pk])
    assert (
        "Withdraw this case as opened in error"
        in client.get(reverse("mediation:case-detail", args=[case.pk])).content.decode()
    )
    empty = client.post(url, {"withdraw-reason": "", "withdraw-version": case.version})
    assert empty.status_code == 200
    assert "govuk-error-summary" in empty.content.decode()
    assert "Enter why the step was recorded in error" in empty.content.decode()

    response = client.post(url, {"withdraw-reason": REASON, "withdraw-version": case.version})
    assert response.status_code == 302
    detail = client.get(response["Location"]).content.decode()
    assert "Withdrawn" in detail and REASON in detail
    assert "This case was opened in error" in detail
    history = client.get(url).content.decode()
    assert REASON in history
    assert 'name="withdraw-reason"' not in history


def test_a_stale_form_is_refused_and_keeps_the_reason(world: World) -> None:
    case = open_case(world)
    url = reverse("mediation:case-withdraw", args=[case.pk])
    response = _client(world.adviser).post(
        url, {"withdraw-reason": REASON, "withdraw-version": case.version - 1}
    )
    assert response.status_code == 200
    assert REASON in response.content.decode()
    case.refresh_from_db()
    assert not case.withdrawn


@pytest.mark.parametrize("who", ["mediator", "caseworker", "parent"])
def test_the_page_is_refused_to_those_who_may_not_open_a_case(world: World, who: str) -> None:
    case = open_case(world)
    response = _client(getattr(world, who)).get(reverse("mediation:case-withdraw", args=[case.pk]))
    assert response.status_code == 403


def test_no_agreement_or_expenses_claim_is_started_on_a_withdrawn_case() -> None:
    world = build_world(held_on=date(2026, 12, 23))
    case = world.case
    services.mediation_case_withdraw(
        actor=world.users["case_manager"], case=case, reason=REASON, expected_version=None
    )
    case.refresh_from_db()
    with pytest.raises(ValidationError, match="withdrawn as opened in error"):
        agreement_services.agreement_create(
            actor=world.users["mediator"], case=case, made_on=date(2026, 12, 23),
            la_party=True, health_party=False,
        )  # fmt: skip
    with pytest.raises(ValidationError, match="withdrawn as opened in error"):
        agreement_services.expenses_claim_submit(
            actor=world.users["parent"], case=case, claimant_name="Jo Ashby", category="travel",
            description="Bus fare", amount=Decimal("4.50"), incurred_on=date(2026, 12, 23),
            payer="local_authority",
        )  # fmt: skip
