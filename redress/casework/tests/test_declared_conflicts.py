"""The register of advice givers' declared conflicts, and the check before advice is sent."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from redress.accounts.models import Organisation, Role
from redress.audit.models import AuditEntry
from redress.casework import selectors, services
from redress.casework.models import DeclaredConflict
from redress.casework.tests.factories import (
    ChildFactory,
    LocalAuthorityFactory,
    OrganisationFactory,
    SettingFactory,
    user_with_role,
)

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 25)


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def la() -> Organisation:
    return LocalAuthorityFactory.create()


@pytest.fixture
def caseworker(la: Organisation) -> Any:
    return user_with_role(Role.LA_CASEWORKER, la)


@pytest.fixture
def practice() -> Organisation:
    return OrganisationFactory.create(name="Therapy practice", kind="independent_practice")


@pytest.fixture
def adviser(practice: Organisation) -> Any:
    return user_with_role(Role.ADVICE_GIVER, practice, first_name="Dana", last_name="Hale")


@pytest.fixture
def child(la: Organisation, caseworker: Any) -> Any:
    child = ChildFactory.create(local_authority=la, setting=SettingFactory.create())
    services.case_event_record(
        actor=caseworker, child=child, event_type="assessment_requested",
        when=date(2026, 9, 1), details={"requested_by": "parent"}, expected_version=None,
    )  # fmt: skip
    return child


def _declare(caseworker: Any, la: Organisation, adviser: Any, **with_: Any) -> DeclaredConflict:
    return services.declared_conflict_record(
        actor=caseworker, local_authority=la, adviser=adviser,
        description="Her sister is the child's aunt", declared_on=date(2026, 10, 1), **with_,
    )  # fmt: skip


def _ask(caseworker: Any, child: Any, adviser: Any, practice: Organisation, **extra: Any) -> Any:
    return services.advice_request_create(
        actor=caseworker, child=child, advice_type="educational",
        recipient_organisation=practice, recipient_person=adviser,
        commissioned_by=child.local_authority, date_sent=date(2026, 9, 10),
        expected_version=None, **extra,
    )  # fmt: skip


def test_sending_to_an_adviser_with_a_declared_conflict_needs_a_reason(
    caseworker: Any, la: Organisation, child: Any, adviser: Any, practice: Organisation
) -> None:
    _declare(caseworker, la, adviser, child=child)
    with pytest.raises(ValidationError) as refused:
        _ask(caseworker, child, adviser, practice)
    assert "conflict_reason" in refused.value.message_dict
    assert "Her sister is the child's aunt" in str(refused.value)
    assert not child.advice_requests.exists()

    advice = _ask(
        caseworker, child, adviser, practice,
        conflict_reason="The only educational psychologist free before the deadline",
    )  # fmt: skip
    assert advice.conflict_reason.startswith("The only educational psychologist")
    entry = AuditEntry.objects.get(object_type="casework.AdviceRequest", action="create")
    assert "despite a declared conflict" in entry.summary


def test_a_conflict_with_the_childs_setting_counts_too(
    caseworker: Any, la: Organisation, child: Any, adviser: Any, practice: Organisation
) -> None:
    _declare(caseworker, la, adviser, organisation=child.setting)
    with pytest.raises(ValidationError):
        _ask(caseworker, child, adviser, practice)


def test_an_adviser_without_a_declared_conflict_needs_no_reason(
    caseworker: Any, la: Organisation, child: Any, adviser: Any, practice: Organisation
) -> None:
    other_child = ChildFactory.create(local_authority=la)
    _declare(caseworker, la, adviser, child=other_child)
    advice = _ask(caseworker, child, adviser, practice)
    assert advice.conflict_reason == ""


def test_a_withdrawn_declaration_no_longer_counts_and_stays_listed(
    caseworker: Any, la: Organisation, child: Any, adviser: Any, practice: Organisation
) -> None:
    declared = _declare(caseworker, la, adviser, child=child)
    services.declared_conflict_withdraw(
        actor=caseworker, conflict=declared, reason="Declared by someone else", expected_version=1
    )
    _ask(caseworker, child, adviser, practice)
    assert list(selectors.conflict_register(user=caseworker)) == [declared]
    declared.refresh_from_db()
    assert declared.withdrawn and declared.withdrawn_reason == "Declared by someone else"


def test_the_decision_maker_sees_the_conflict_and_the_reason_where_advice_is_weighed(
    caseworker: Any, la: Organisation, child: Any, adviser: Any, practice: Organisation
) -> None:
    _declare(caseworker, la, adviser, child=child)
    _ask(caseworker, child, adviser, practice, conflict_reason="Nobody else free in time")
    client = Client()
    client.force_login(caseworker)
    page = client.get(
        reverse("casework:record-event", args=[child.pk, "assessment_decision"])
    ).content.decode()
    assert "Possible conflict of interest" in page
    assert "Her sister is the child&#x27;s aunt" in page
    assert "Asked all the same, because: Nobody else free in time" in page


def test_only_the_authoritys_staff_may_add_to_the_register(
    la: Organisation, child: Any, adviser: Any
) -> None:
    other = user_with_role(Role.LA_CASEWORKER, LocalAuthorityFactory.create())
    with pytest.raises(PermissionDenied):
        _declare(other, la, adviser, child=child)
    with pytest.raises(PermissionDenied):
        _declare(adviser, la, adviser, child=child)


def test_the_register_page(
    caseworker: Any, la: Organisation, child: Any, adviser: Any, practice: Organisation
) -> None:
    client = Client()
    client.force_login(caseworker)
    url = reverse("casework:conflict-register")
    empty = client.get(url)
    assert empty.status_code == 200 and "no-store" in empty["Cache-Control"]
    assert "No conflicts of interest have been declared." in empty.content.decode()

    refused = client.post(url, {"adviser": adviser.pk, "description": "Aunt"})
    assert "Choose the child, or the organisation" in refused.content.decode() or (
        "Enter" in refused.content.decode()
    )
    response = client.post(
        url,
        {
            "adviser": adviser.pk, "child": child.pk, "description": "Related to the family",
            "declared_on_day": "1", "declared_on_month": "10", "declared_on_year": "2026",
        },
    )  # fmt: skip
    assert response.status_code == 302
    listed = client.get(url).content.decode()
    assert "Related to the family" in listed and "Dana Hale" in listed
    assert AuditEntry.objects.filter(
        action="view", object_type="casework.DeclaredConflict"
    ).exists()

    declared = DeclaredConflict.objects.get()
    withdraw = reverse("casework:conflict-withdraw", args=[declared.pk])
    client.post(withdraw, {"withdraw-reason": "Wrong adviser", "withdraw-version": "1"})
    declared.refresh_from_db()
    assert declared.withdrawn
    assert "<del>Dana Hale</del>" in client.get(url).content.decode()


@pytest.mark.parametrize("role", [Role.HEALTH_OFFICER, Role.ADVICE_GIVER, Role.PARENT_CARER])
def test_people_who_are_not_authority_staff_cannot_see_the_register(role: str) -> None:
    user = user_with_role(role, OrganisationFactory.create(kind="health_commissioner"))
    client = Client()
    client.force_login(user)
    assert client.get(reverse("casework:conflict-register")).status_code == 403


def test_the_child_is_named_by_case_number_and_the_page_lists_no_caseload(
    caseworker: Any, la: Organisation, child: Any, adviser: Any
) -> None:
    """A whole authority's children are never put into the page: the form asks for the case
    number, and only children of the person's own authority are accepted."""
    ChildFactory.create_batch(3, local_authority=la, last_name="Unlisted")
    elsewhere = ChildFactory(local_authority=LocalAuthorityFactory.create())
    client = Client()
    client.force_login(caseworker)
    url = reverse("casework:conflict-register")
    page = client.get(url).content.decode()
    assert "Unlisted" not in page and child.last_name not in page
    # Opening the page is one read of the register, not a read of every child named in a list.
    assert not AuditEntry.objects.filter(action="view", child__isnull=False).exists()

    base = {
        "adviser": adviser.pk, "description": "Related to the family",
        "declared_on_day": "1", "declared_on_month": "10", "declared_on_year": "2026",
    }  # fmt: skip
    other = client.post(url, {**base, "child": elsewhere.pk}).content.decode()
    assert f"There is no child with case number {elsewhere.pk} in your authority" in other
    typed = client.post(url, {**base, "child": "Riley"}).content.decode()
    assert "Enter the case number in digits, for example 1042" in typed
    # Characters Python counts as digits but are not 0 to 9 get the same answer, not an error.
    for forged in ("²", "١٢", "1" * 10):
        response = client.post(url, {**base, "child": forged})
        assert response.status_code == 200, forged
        assert "Enter the case number in digits" in response.content.decode(), forged
    assert not DeclaredConflict.objects.exists()

    assert client.post(url, {**base, "child": f"#{child.pk}"}).status_code == 302
    assert DeclaredConflict.objects.get().child == child
