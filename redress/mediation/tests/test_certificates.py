"""Mediation certificates as a user meets them: the days to issue one counted by the
engine over Christmas, refused without its starting step or when no certificate is
needed, and the provider's list of certificates due."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError

from redress.casework.deadlines import events_for_child
from redress.casework.models import Deadline
from redress.mediation import selectors, services
from redress.mediation.models import Exemption, FamilyChoice, MediationCertificate
from redress.mediation.tests.factories import World, make_world, open_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return make_world()


def _deadline(child: object, rule: str) -> Deadline:
    return Deadline.objects.get(child=child, rule=rule)


def _travel(day: date) -> time_machine.travel:
    return time_machine.travel(day, tick=False)


@pytest.fixture
def after_christmas() -> Iterator[None]:
    with _travel(date(2027, 1, 6)):
        yield


def test_a_declined_certificate_is_due_after_the_christmas_holidays(
    world: World, after_christmas: None
) -> None:
    case = open_case(world)
    services.mediation_choice_record(
        actor=world.adviser, case=case, choice=FamilyChoice.DECLINED, on=date(2026, 12, 23)
    )
    due = _deadline(world.child, "mediation.certificate_declined")
    # Thu 24, (Fri 25 Christmas, Mon 28 Boxing Day substitute), Tue 29, Wed 30 December.
    assert due.due == date(2026, 12, 30) and due.status == "overdue"
    services.mediation_certificate_issue(
        actor=world.adviser,
        case=case,
        reason=MediationCertificate.Reason.DECLINED,
        issued_on=date(2026, 12, 30),
    )
    due = _deadline(world.child, "mediation.certificate_declined")
    assert due.status == "met" and due.met_on == date(2026, 12, 30)
    appeal = _deadline(world.child, "appeal.lodge")
    # 1 month from the certificate is Sat 30 January 2027, moved to Monday (HESC r.12(2)).
    assert appeal.due == date(2027, 2, 1)


def test_a_certificate_needs_its_start_and_is_refused_when_exempt(
    world: World, after_christmas: None
) -> None:
    case = open_case(world)
    with pytest.raises(ValidationError) as refused:
        services.mediation_certificate_issue(
            actor=world.adviser,
            case=case,
            reason=MediationCertificate.Reason.AFTER_MEDIATION,
            issued_on=date(2026, 12, 1),
        )
    assert "Record first that the mediation concluded." in refused.value.message_dict["reason"]
    services.mediation_exemption_record(
        actor=world.adviser, case=case, exemption=Exemption.SCHOOL_ONLY, on=date(2026, 10, 5)
    )
    services.mediation_choice_record(
        actor=world.adviser, case=case, choice=FamilyChoice.DECLINED, on=date(2026, 10, 5)
    )
    with pytest.raises(ValidationError) as refused:
        services.mediation_certificate_issue(
            actor=world.adviser,
            case=case,
            reason=MediationCertificate.Reason.DECLINED,
            issued_on=date(2026, 10, 6),
        )
    assert "No certificate is needed" in refused.value.message_dict["reason"][0]
    assert not case.certificates.exists()
    # The engine hears the notice without a certificate: no clock to contact the adviser.
    notices = [e for e in events_for_child(world.child) if e["type"] == "decision_notice_sent"]
    assert notices == [
        {
            "type": "decision_notice_sent",
            "date": "2026-10-01",
            "certificate_required": False,
            "ref": f"mediation_case-{case.pk}",
        }
    ]
    assert not Deadline.objects.filter(child=world.child, rule="mediation.contact_adviser")


def test_certificates_due_are_listed_for_the_provider_only(
    world: World, after_christmas: None
) -> None:
    case = open_case(world)
    services.mediation_choice_record(
        actor=world.adviser, case=case, choice=FamilyChoice.DECLINED, on=date(2027, 1, 5)
    )
    due = selectors.certificate_deadlines_visible_to(world.adviser)
    assert [(d.rule, d.due) for d in due] == [("mediation.certificate_declined", date(2027, 1, 8))]
    assert not selectors.certificate_deadlines_visible_to(make_world(name="Southby").adviser)
