"""A family member lets a supporter see the case online, choosing them by their email; only the
family can, only a supporter can be chosen, and it is audited. Withdrawing mirrors it."""

from __future__ import annotations

from typing import Any

import pytest

from redress.accounts.models import Membership, Organisation, Role
from redress.audit.models import AuditEntry
from redress.casework.models import Consent, FamilyMember
from redress.notifications.tests.conftest import Cases, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def supporter(cases: Cases) -> Any:
    sendiass = Organisation.objects.create(
        name="Northshire SENDIASS", kind=Organisation.Kind.SENDIASS
    )
    person = make_user("adviser", "Ali", "Adviser")
    Membership.objects.create(user=person, organisation=sendiass, role=Role.SUPPORTER)
    return person


def url(cases: Cases) -> str:
    return f"/family/cases/{cases.family.pk}/consents/new/"


def test_a_parent_lets_a_supporter_see_the_case(cases: Cases, supporter: Any, client: Any) -> None:
    client.force_login(supporter)
    assert client.get(f"/family/cases/{cases.family.pk}/").status_code == 403
    client.force_login(cases.parent)
    page = client.get(url(cases))
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    response = client.post(url(cases), {"supporter_email": "ADVISER@example.invalid"})
    assert response.status_code == 302
    consent = Consent.objects.get(child=cases.family, supporter=supporter)
    assert consent.given_by.user == cases.parent
    assert consent.supporter_organisation.name == "Northshire SENDIASS"
    assert AuditEntry.objects.filter(action="create", object_type__icontains="consent").exists()
    # Sent twice, it is the same consent.
    client.post(url(cases), {"supporter_email": "adviser@example.invalid"})
    assert Consent.objects.filter(child=cases.family, supporter=supporter).count() == 1
    client.force_login(supporter)
    assert client.get(f"/family/cases/{cases.family.pk}/").status_code == 200
    case_page = client.get(f"/family/cases/{cases.family.pk}/").content.decode()
    assert "Let a supporter see your case" not in case_page  # only the family gives consent


def test_only_a_supporter_can_be_chosen_and_errors_are_shown(
    cases: Cases, supporter: Any, client: Any
) -> None:
    client.force_login(cases.parent)
    for email in ("casey@example.invalid", "nobody@example.invalid"):
        response = client.post(url(cases), {"supporter_email": email})
        assert response.status_code == 200
        assert "We cannot find a supporter with that email address" in response.content.decode()
        assert "govuk-error-summary" in response.content.decode()
    assert client.post(url(cases), {"supporter_email": ""}).status_code == 200
    assert not Consent.objects.exists()


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("parent", 200),
        ("other_family", 403),
        ("caseworker", 403),
        ("supporter_with_consent", 403),
        ("supporter_without_consent", 403),
    ],
)
def test_permission_matrix(
    cases: Cases, supporter: Any, client: Any, who: str, status: int
) -> None:
    users = {"parent": cases.parent, "caseworker": cases.caseworker}
    if who == "other_family":
        users[who] = make_user("otherparent")
        FamilyMember.objects.create(
            child=cases.due_soon, user=users[who], name="Kim Other", relationship="parent"
        )
    elif who.startswith("supporter"):
        users[who] = supporter
        if who == "supporter_with_consent":
            client.force_login(cases.parent)
            client.post(url(cases), {"supporter_email": supporter.email})
    client.force_login(users[who])
    assert client.get(url(cases)).status_code == status
    before = Consent.objects.count()
    client.post(url(cases), {"supporter_email": supporter.email})
    if status == 403:
        assert Consent.objects.count() == before
