"""Correcting who an advice request was sent to (decision 0131): the earlier recipient stays in
the history and no longer sees the request (on its lists and through the API), the new one does
and owns its deadline, and the register of declared conflicts applies as when sending."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
import time_machine
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from redress.accounts.models import Organisation, Role
from redress.api.services import api_token_issue
from redress.audit.models import AuditEntry
from redress.casework import selectors, services
from redress.casework.models import AdviceRequest, Child
from redress.casework.tests.factories import (
    ChildFactory,
    CommissionerFactory,
    LocalAuthorityFactory,
    OrganisationFactory,
    SettingFactory,
    user_with_role,
)

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 25)


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    cache.clear()
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def la() -> Organisation:
    return LocalAuthorityFactory.create()


@pytest.fixture
def caseworker(la: Organisation) -> Any:
    return user_with_role(Role.LA_CASEWORKER, la)


@pytest.fixture
def child(la: Organisation, caseworker: Any) -> Child:
    child = ChildFactory.create(local_authority=la, setting=SettingFactory.create())
    services.case_event_record(
        actor=caseworker, child=child, event_type="assessment_requested",
        when=date(2026, 9, 1), details={"requested_by": "parent"}, expected_version=None,
    )  # fmt: skip
    return child


@pytest.fixture
def wrong_icb() -> Organisation:
    return CommissionerFactory.create(name="Wrong ICB")


@pytest.fixture
def right_icb() -> Organisation:
    return CommissionerFactory.create(name="Right ICB")


@pytest.fixture
def advice(caseworker: Any, child: Child, wrong_icb: Organisation) -> AdviceRequest:
    return services.advice_request_create(
        actor=caseworker, child=child, advice_type="health", recipient_organisation=wrong_icb,
        commissioned_by=child.local_authority, date_sent=date(2026, 9, 10), expected_version=None,
    )  # fmt: skip


def _correct(caseworker: Any, advice: AdviceRequest, organisation: Organisation, **extra: Any):
    kwargs: dict[str, Any] = {"reason": "The request went to the other board"}
    kwargs.update(extra)
    return services.advice_request_recipient_correct(
        actor=caseworker,
        advice_request=advice,
        recipient_organisation=organisation,
        expected_version=advice.version,
        **kwargs,
    )


def _listed(user: Any) -> set[int]:
    return set(selectors.advice_list(user=user).values_list("pk", flat=True))


def _api_ids(organisation: Organisation, user: Any) -> list[int]:
    _, raw = api_token_issue(
        actor=None, name="Tracker", organisation=organisation, user=user, scopes=["advice:read"]
    )
    body = Client(HTTP_AUTHORIZATION=f"Bearer {raw}").get("/api/v1/advice-requests").json()
    return [row["id"] for row in body["results"]]


def test_the_request_moves_to_the_organisation_it_was_really_sent_to(
    caseworker: Any, child: Child, advice: AdviceRequest, wrong_icb: Organisation,
    right_icb: Organisation,
) -> None:  # fmt: skip
    wrong_officer = user_with_role(Role.HEALTH_OFFICER, wrong_icb)
    right_officer = user_with_role(Role.HEALTH_OFFICER, right_icb)
    assert _listed(wrong_officer) == {advice.pk} and _listed(right_officer) == set()
    assert child.deadlines.get(rule="advice.response").organisation == wrong_icb

    _correct(caseworker, advice, right_icb)

    assert _listed(wrong_officer) == set() and _listed(right_officer) == {advice.pk}
    assert _api_ids(wrong_icb, wrong_officer) == []
    assert _api_ids(right_icb, right_officer) == [advice.pk]
    clock = child.deadlines.get(rule="advice.response")
    assert clock.organisation == right_icb and clock.due == date(2026, 10, 22)
    with pytest.raises(PermissionDenied):
        selectors.advice_request_get(user=wrong_officer, pk=advice.pk)
    advice.refresh_from_db()
    assert advice.corrected and advice.corrected_by == caseworker
    first = advice.history.order_by("history_id").first()
    assert first.recipient_organisation_id == wrong_icb.pk
    latest = advice.history.order_by("-history_id").first()
    assert (
        latest.history_change_reason == "Recipient corrected: The request went to the other board"
    )
    entry = AuditEntry.objects.filter(action="update", object_id=str(advice.pk)).order_by(
        "-at", "-pk"
    )[0]
    assert entry.actor == caseworker
    assert "Wrong ICB" in entry.summary and "Right ICB" in entry.summary
    assert "The request went to the other board" in entry.summary


def test_a_declared_conflict_of_the_new_recipient_needs_a_reason(
    caseworker: Any, la: Organisation, child: Child, advice: AdviceRequest
) -> None:
    practice = OrganisationFactory.create(name="Therapy practice", kind="independent_practice")
    adviser = user_with_role(Role.ADVICE_GIVER, practice, first_name="Dana", last_name="Hale")
    services.declared_conflict_record(
        actor=caseworker, local_authority=la, adviser=adviser,
        description="Her sister is the child's aunt", declared_on=date(2026, 10, 1), child=child,
    )  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        _correct(caseworker, advice, practice, recipient_person=adviser)
    assert "conflict_reason" in refused.value.message_dict
    assert "Her sister is the child's aunt" in str(refused.value)
    advice.refresh_from_db()
    assert advice.recipient_person is None and not advice.corrected

    _correct(
        caseworker, advice, practice, recipient_person=adviser,
        conflict_reason="The only speech therapist taking referrals",
    )  # fmt: skip
    advice.refresh_from_db()
    assert advice.recipient_person == adviser
    assert advice.conflict_reason == "The only speech therapist taking referrals"
    assert _listed(adviser) == {advice.pk}


def test_refusals(
    caseworker: Any, child: Child, advice: AdviceRequest, wrong_icb: Organisation,
    right_icb: Organisation,
) -> None:  # fmt: skip
    elsewhere = user_with_role(Role.HEALTH_OFFICER, wrong_icb)
    with pytest.raises(ValidationError) as refused:
        _correct(caseworker, advice, right_icb, recipient_person=elsewhere)
    assert "recipient_person" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        _correct(caseworker, advice, wrong_icb)
    assert "recipient_organisation" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        _correct(caseworker, advice, right_icb, reason=" ")
    assert "reason" in refused.value.message_dict
    for outsider in (elsewhere, user_with_role(Role.LA_CASEWORKER, LocalAuthorityFactory())):
        with pytest.raises(PermissionDenied):
            _correct(outsider, advice, right_icb)
    services.advice_request_withdraw(
        actor=caseworker, advice_request=advice, reason="Sent in error", expected_version=None
    )
    advice.refresh_from_db()
    with pytest.raises(ValidationError):
        _correct(caseworker, advice, right_icb)
    assert AdviceRequest.objects.get(pk=advice.pk).recipient_organisation == wrong_icb


def test_the_page(
    caseworker: Any, child: Child, advice: AdviceRequest, right_icb: Organisation
) -> None:
    client = Client()
    client.force_login(caseworker)
    url = reverse("casework:advice-recipient-correct", args=[child.pk, advice.pk])
    advice_page = client.get(reverse("casework:advice-correct", args=[child.pk, advice.pk]))
    assert url in advice_page.content.decode()
    response = client.get(url)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert AuditEntry.objects.filter(
        action="view", actor=caseworker, child=child, object_id=str(advice.pk)
    ).exists()
    form = {
        "recipient_organisation": right_icb.pk,
        "recipient_person": "",
        "conflict_reason": "",
        "reason": "Sent to the other board",
    }
    stale = client.post(url, {**form, "version": advice.version - 1})
    assert stale.status_code == 200 and "govuk-error-summary" in stale.content.decode()
    assert "Sent to the other board" in stale.content.decode()
    assert AdviceRequest.objects.get(pk=advice.pk).recipient_organisation != right_icb
    response = client.post(url, {**form, "version": advice.version})
    assert response.status_code == 302
    advice.refresh_from_db()
    assert advice.recipient_organisation == right_icb
    page = client.get(url).content.decode()
    assert "Wrong ICB" in page and "Right ICB" in page  # the history keeps the first recipient
