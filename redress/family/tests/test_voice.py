"""A young person is spoken to as themselves; a supporter reads about the family."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from redress.casework.models import CaseEvent, Consent, FamilyMember
from redress.family.tests.test_plain_truth import visible_text
from redress.notifications.tests.conftest import Cases, _events, make_child, make_user

pytestmark = pytest.mark.django_db


def test_a_young_person_reads_about_their_own_plan(cases: Cases, client: Any) -> None:
    child = make_child(cases.la, "Yasmin", "Young", cases.caseworker)
    child.date_of_birth = date(2008, 1, 10)
    child.save()
    young = make_user("yasmin", "Yasmin", "Young")
    FamilyMember.objects.create(
        child=child, user=young, name="Yasmin Young", relationship="young_person"
    )
    _events(
        child,
        (CaseEvent.Type.ASSESSMENT_REQUESTED, date(2026, 1, 26), {}),
    )
    client.force_login(young)
    text = visible_text(client.get(f"/family/cases/{child.pk}/").content.decode())
    assert "Your case" in text
    assert "your child" not in text.lower()
    assert "assess your needs" in text
    assert "Tell us about yourself and your hopes" in text


def test_a_supporter_reads_the_familys_dates(cases: Cases, client: Any) -> None:
    supporter = make_user("sendiass", "Sam", "Supporter")
    Consent.objects.create(
        child=cases.family,
        given_by=FamilyMember.objects.get(child=cases.family, user=cases.parent),
        supporter=supporter,
        given_on=timezone.localdate() - timedelta(days=30),
    )
    client.force_login(supporter)
    text = visible_text(client.get(f"/family/cases/{cases.family.pk}/").content.decode())
    assert "The family's dates" in text
    assert "Your dates" not in text
    assert "These dates are for the family." in text
    # The parent still reads "Your dates".
    client.force_login(cases.parent)
    assert "Your dates" in client.get(f"/family/cases/{cases.family.pk}/").content.decode()


def test_a_young_persons_emails_speak_to_them_and_a_stopped_parent_hears_nothing(
    cases: Cases,
) -> None:
    from redress.notifications.recipients import family_contacts
    from redress.notifications.services import case_of

    child = cases.family
    young = make_user("yasmin", "Yasmin", "Fam")
    FamilyMember.objects.create(
        child=child, user=young, name="Yasmin Fam", relationship="young_person"
    )
    # A parent recorded with an email but whose sign-in the young person stopped.
    FamilyMember.objects.create(
        child=child, name="Pat Fam", email="pat@example.invalid", relationship="parent"
    )
    contacts = {c.email: c for c in family_contacts(child)}
    assert "pat@example.invalid" not in contacts
    assert case_of(child, contacts["yasmin@example.invalid"]) == "your"
    assert case_of(child, contacts["parent@example.invalid"]) == "Cara's"
