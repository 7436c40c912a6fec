"""The caseworker's pages: dashboard, case list, new case, case page, audit trail, provision."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from redress.accounts.models import Membership
from redress.audit.models import AuditEntry
from redress.casework import services
from redress.casework.models import Child, FamilyMember, Provision
from redress.casework.tests.factories import (
    AdviceRequestFactory,
    ChildFactory,
    CommissionerFactory,
    ConsentFactory,
    FamilyMemberFactory,
    LocalAuthorityFactory,
    Role,
    SettingFactory,
    UserFactory,
    user_with_role,
)

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 29)  # a Sunday


@pytest.fixture
def la() -> Any:
    return LocalAuthorityFactory.create(name="Northshire County Council")


@pytest.fixture
def caseworker(la: Any) -> Any:
    return user_with_role(Role.LA_CASEWORKER, la, first_name="Casey", last_name="Worker")


@pytest.fixture
def manager(la: Any) -> Any:
    return user_with_role(Role.LA_MANAGER, la, first_name="Morgan", last_name="Manager")


@pytest.fixture
def other_caseworker() -> Any:
    return user_with_role(
        Role.LA_CASEWORKER, LocalAuthorityFactory.create(name="Southshire Council")
    )


@pytest.fixture
def child(la: Any, caseworker: Any) -> Any:
    return ChildFactory.create(
        first_name="Robin", last_name="Ashdown", local_authority=la, caseworker=caseworker,
        team="North team",
    )  # fmt: skip


def _request(child: Any, actor: Any, when: date = date(2026, 11, 2)) -> None:
    services.case_event_record(
        actor=actor, child=child, event_type="assessment_requested", when=when,
        details={"requested_by": "parent"}, expected_version=None,
    )  # fmt: skip


def _title(html: str) -> str:
    found = re.search(r"<title>\s*(.*?)\s*</title>", html, re.S)
    return found.group(1) if found else ""


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


# -- Dashboard --------------------------------------------------------------------------------


@time_machine.travel(TODAY)
def test_dashboard_shows_the_caseloads_deadlines_with_dates_citations_and_explanations(
    child: Any, caseworker: Any
) -> None:
    _request(child, caseworker, date(2026, 11, 2))
    _request(ChildFactory.create(first_name="Old", local_authority=child.local_authority), caseworker,
             date(2026, 9, 1))  # fmt: skip
    response = _client(caseworker).get(reverse("casework:dashboard"), {"scope": "authority"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Overdue: 1" in html
    assert "Due this week (to 29 November 2026): 0" in html
    assert "Due in the next four weeks (to 27 December 2026): 1" in html
    assert "Robin Ashdown" in html
    assert reverse("casework:case-detail", args=[child.pk]) in html
    assert "Decide whether to carry out an EHC needs assessment" in html
    assert "14 December 2026" in html
    assert "SEND Regulations 2014 reg 5(1)" in html
    assert "The local authority" in html
    assert "Northshire County Council" in html
    assert 'govuk-tag--red">Overdue' in html
    assert 'govuk-tag--blue">Due' in html
    assert "Apply filters" in html
    assert _title(html) == "Dashboard – Redress"


@time_machine.travel(TODAY)
def test_dashboard_filters_by_caseworker_and_rule(child: Any, caseworker: Any, la: Any) -> None:
    other = ChildFactory.create(first_name="Sky", last_name="Other", local_authority=la)
    _request(child, caseworker)
    _request(other, caseworker)
    client = _client(caseworker)
    html = client.get(reverse("casework:dashboard"), {"caseworker": caseworker.pk}).content.decode()
    assert "Robin Ashdown" in html
    assert "Sky Other" not in html
    html = client.get(
        reverse("casework:dashboard"), {"scope": "authority", "team": "North team"}
    ).content.decode()
    assert "Robin Ashdown" in html and "Sky Other" not in html
    html = client.get(
        reverse("casework:dashboard"), {"scope": "authority", "rule": "plan.final"}
    ).content.decode()
    assert "SEND Regulations 2014 reg 5(1)" not in html  # plan.final is due in March 2027
    assert "None matching these filters." in html
    assert 'value="plan.final" selected' in html


@time_machine.travel(TODAY)
def test_dashboard_ignores_a_filter_value_it_does_not_offer(child: Any, caseworker: Any) -> None:
    _request(child, caseworker)
    response = _client(caseworker).get(
        reverse("casework:dashboard"), {"scope": "authority", "caseworker": "99999"}
    )
    assert response.status_code == 200
    assert "Robin Ashdown" in response.content.decode()


@time_machine.travel(TODAY)
def test_another_authoritys_case_is_not_on_the_dashboard(
    child: Any, caseworker: Any, other_caseworker: Any
) -> None:
    _request(child, caseworker)
    response = _client(other_caseworker).get(reverse("casework:dashboard"))
    assert response.status_code == 200
    assert "Robin Ashdown" not in response.content.decode()


def test_dashboard_is_for_local_authority_staff_only() -> None:
    health = user_with_role(Role.HEALTH_OFFICER, CommissionerFactory.create())
    response = _client(health).get(reverse("casework:dashboard"))
    assert response.status_code == 403
    assert "You cannot see this page" in response.content.decode()


def test_dashboard_asks_a_signed_out_person_to_sign_in() -> None:
    response = Client().get(reverse("casework:dashboard"))
    assert response.status_code == 302
    assert reverse("accounts:sign-in") in response["Location"]


def test_navigation_links_to_the_dashboard_and_cases_for_la_staff(caseworker: Any) -> None:
    html = _client(caseworker).get(reverse("casework:case-list")).content.decode()
    assert f'href="{reverse("casework:dashboard")}"' in html
    assert 'aria-current="page">Cases</a>' in html
    parent = user_with_role(Role.PARENT_CARER)
    html = _client(parent).get(reverse("casework:case-list")).content.decode()
    assert f'href="{reverse("casework:dashboard")}"' not in html
    assert ">Cases</a>" in html


# -- Case list and new case -------------------------------------------------------------------


def test_case_list_shows_only_visible_cases_and_searches_by_name(
    child: Any, caseworker: Any, la: Any
) -> None:
    ChildFactory.create(first_name="Sky", last_name="Other", local_authority=la)
    ChildFactory.create(first_name="Hidden", last_name="Elsewhere")
    client = _client(caseworker)
    html = client.get(reverse("casework:case-list")).content.decode()
    assert "Robin Ashdown" in html and "Sky Other" in html
    assert "Hidden Elsewhere" not in html
    html = client.get(reverse("casework:case-list"), {"q": "robin ash"}).content.decode()
    assert "Robin Ashdown" in html and "Sky Other" not in html
    assert "1 case matching" in html


def test_case_list_is_paginated_by_50(caseworker: Any, la: Any) -> None:
    for n in range(51):
        ChildFactory.create(first_name=f"Child{n:02}", last_name="Zed", local_authority=la)
    client = _client(caseworker)
    first = client.get(reverse("casework:case-list")).content.decode()
    assert first.count("Zed</a>") == 50
    assert "govuk-pagination" in first
    second = client.get(reverse("casework:case-list"), {"page": 2}).content.decode()
    assert second.count("Zed</a>") == 1


def test_a_parent_sees_their_own_childs_case_only(child: Any) -> None:
    parent = UserFactory.create()
    FamilyMemberFactory.create(child=child, user=parent)
    ChildFactory.create(
        first_name="Someone", last_name="Else", local_authority=child.local_authority
    )
    html = _client(parent).get(reverse("casework:case-list")).content.decode()
    assert "Robin Ashdown" in html
    assert "Someone Else" not in html
    assert "Add a child or young person" not in html


@time_machine.travel(TODAY)
def test_a_caseworker_adds_a_child_to_their_authority(caseworker: Any, la: Any) -> None:
    setting = SettingFactory.create(name="Hilltop Primary")
    client = _client(caseworker)
    page = client.get(reverse("casework:case-new"))
    assert page.status_code == 200
    assert "Hilltop Primary" in page.content.decode()
    response = client.post(
        reverse("casework:case-new"),
        {
            "first_name": "Jamie", "last_name": "Bright",
            "date_of_birth_day": "3", "date_of_birth_month": "4", "date_of_birth_year": "2015",
            "upn": "", "uln": "", "local_authority": la.pk, "setting": setting.pk,
            "team": "East", "caseworker": caseworker.pk,
        },
    )  # fmt: skip
    child = Child.objects.get(first_name="Jamie")
    assert response.status_code == 302
    assert response["Location"] == reverse("casework:case-detail", args=[child.pk])
    assert child.local_authority == la
    assert child.setting == setting
    assert child.caseworker == caseworker
    assert child.date_of_birth == date(2015, 4, 3)
    assert AuditEntry.objects.filter(child=child, action="create").exists()


@time_machine.travel(TODAY)
def test_adding_a_child_refuses_an_unreal_or_future_birth_date(caseworker: Any, la: Any) -> None:
    client = _client(caseworker)
    data = {
        "first_name": "Jamie", "last_name": "Bright", "date_of_birth_day": "31",
        "date_of_birth_month": "2", "date_of_birth_year": "2015", "local_authority": la.pk,
    }  # fmt: skip
    response = client.post(reverse("casework:case-new"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert _title(html) == "Error: Add a child or young person – Redress"
    assert "Date of birth must be a real date" in html
    assert 'href="#id_date_of_birth_day"' in html
    assert 'value="Jamie"' in html
    response = client.post(reverse("casework:case-new"), {**data, "date_of_birth_day": "1",
                                                          "date_of_birth_year": "2027"})  # fmt: skip
    assert "The date must be today or in the past." in response.content.decode()
    assert not Child.objects.exists()


def test_adding_a_child_is_for_local_authority_staff_only() -> None:
    parent = user_with_role(Role.PARENT_CARER)
    assert _client(parent).get(reverse("casework:case-new")).status_code == 403


def test_a_caseworker_cannot_add_a_child_to_another_authority(
    caseworker: Any, other_caseworker: Any
) -> None:
    other_la = other_caseworker.memberships.get().organisation
    response = _client(caseworker).post(
        reverse("casework:case-new"),
        {"first_name": "A", "last_name": "B", "date_of_birth_day": "1", "date_of_birth_month": "1",
         "date_of_birth_year": "2015", "local_authority": other_la.pk},
    )  # fmt: skip
    assert response.status_code == 200
    assert not Child.objects.exists()


# -- The case page ----------------------------------------------------------------------------


@time_machine.travel(TODAY)
def test_the_case_page_shows_the_child_what_happens_next_and_the_timeline(
    child: Any, caseworker: Any
) -> None:
    FamilyMemberFactory.create(
        child=child, name="Jo Ashdown", email="jo@example.invalid", interpreter_language="Polish",
        accessible_format="Large print",
    )  # fmt: skip
    ConsentFactory.create(child=child, given_by=child.family.get(), supporter=UserFactory.create(
        first_name="Sid", last_name="Supporter"))  # fmt: skip
    _request(child, caseworker)
    response = _client(caseworker).get(reverse("casework:case-detail", args=[child.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="govuk-heading-xl">Robin Ashdown</h1>' in html
    assert "17 May 2016" in html
    assert "Jo Ashdown" in html and "Polish" in html and "Large print" in html
    assert "Sid Supporter" in html
    assert "What happens next" in html
    assert "Decide whether to carry out an EHC needs assessment" in html
    assert "14 December 2026" in html
    assert "SEND Regulations 2014 reg 5(1)" in html
    assert "Request for an EHC needs assessment" in html  # the timeline
    assert "A parent" in html
    assert reverse("casework:record-event", args=[child.pk, "assessment_decision"]) in html
    assert reverse("casework:provision-new", args=[child.pk]) in html
    assert reverse("casework:case-audit", args=[child.pk]) not in html  # caseworker


def test_viewing_the_case_is_audited(child: Any, caseworker: Any) -> None:
    _client(caseworker).get(reverse("casework:case-detail", args=[child.pk]))
    entry = AuditEntry.objects.get(child=child, action="view")
    assert entry.actor == caseworker
    assert entry.summary == "Viewed the case"


def test_a_caseworker_of_another_authority_is_refused_the_case(
    child: Any, other_caseworker: Any
) -> None:
    client = _client(other_caseworker)
    response = client.get(reverse("casework:case-detail", args=[child.pk]))
    assert response.status_code == 403
    assert "You cannot see this page" in response.content.decode()
    assert not AuditEntry.objects.filter(child=child, action="view").exists()
    url = reverse("casework:record-event", args=[child.pk, "assessment_requested"])
    assert client.get(url).status_code == 403
    assert client.get(reverse("casework:provision-new", args=[child.pk])).status_code == 403


def test_a_missing_case_is_a_govuk_404(caseworker: Any) -> None:
    response = _client(caseworker).get(reverse("casework:case-detail", args=[999999]))
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_a_parent_sees_the_case_without_the_caseworkers_actions(child: Any) -> None:
    parent = UserFactory.create()
    FamilyMemberFactory.create(child=child, user=parent)
    html = _client(parent).get(reverse("casework:case-detail", args=[child.pk])).content.decode()
    assert "Robin Ashdown" in html
    assert "Record a step" not in html
    assert reverse("casework:provision-new", args=[child.pk]) not in html


@time_machine.travel(TODAY)
def test_the_case_page_warns_of_a_conflict_of_interest(child: Any, caseworker: Any) -> None:
    _request(child, caseworker)
    therapist_practice = CommissionerFactory.create(name="Bright Therapy Ltd")
    AdviceRequestFactory.create(child=child, recipient_organisation=therapist_practice,
                         date_sent=date(2026, 11, 5))  # fmt: skip
    client = _client(caseworker)
    html = client.get(reverse("casework:case-detail", args=[child.pk])).content.decode()
    assert "govuk-warning-text" not in html
    response = client.post(
        reverse("casework:provision-new", args=[child.pk]),
        {"description": "Speech and language therapy", "provider_organisation":
         therapist_practice.pk, "provider_person": "", "status": "proposed"},
    )  # fmt: skip
    assert response.status_code == 302
    provision = Provision.objects.get(child=child)
    assert provision.status == "proposed"
    html = client.get(response["Location"]).content.decode()
    assert "Provision recorded: Speech and language therapy." in html
    assert "govuk-warning-text" in html
    assert "Possible conflict of interest" in html
    assert "Bright Therapy Ltd is proposed to provide “Speech and language therapy”." in html


def test_provision_needs_a_provider(child: Any, caseworker: Any) -> None:
    response = _client(caseworker).post(
        reverse("casework:provision-new", args=[child.pk]),
        {"description": "Speech therapy", "provider_organisation": "", "status": "current"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert _title(html).startswith("Error: Record provision")
    assert "Say who provides it." in html
    assert 'href="#id_provider_organisation"' in html
    assert 'value="Speech therapy"' in html
    assert not Provision.objects.exists()


def test_provision_cannot_name_another_authority_or_its_staff(
    child: Any, caseworker: Any, other_caseworker: Any
) -> None:
    other_la = other_caseworker.memberships.get().organisation
    client = _client(caseworker)
    url = reverse("casework:provision-new", args=[child.pk])
    page = client.get(url).content.decode()
    assert "Southshire Council" not in page
    assert other_caseworker.display_name not in page
    for forged in (
        {"provider_organisation": other_la.pk},
        {"provider_organisation": "", "provider_person": other_caseworker.pk},
    ):
        response = client.post(
            url, {"description": "Speech therapy", "status": "current", **forged}
        )
        assert response.status_code == 200
        assert "govuk-error-summary" in response.content.decode()
    assert not Provision.objects.exists()


def test_a_new_cases_caseworker_must_work_at_its_authority(caseworker: Any, la: Any) -> None:
    """Staff of two authorities are offered both authorities' people; each case takes its own."""
    other_la = LocalAuthorityFactory.create(name="Southshire Council")
    Membership.objects.create(user=caseworker, organisation=other_la, role=Role.LA_CASEWORKER)
    southern = user_with_role(Role.LA_CASEWORKER, other_la, first_name="Sol", last_name="South")
    response = _client(caseworker).post(
        reverse("casework:case-new"),
        {"first_name": "A", "last_name": "B", "date_of_birth_day": "1", "date_of_birth_month": "1",
         "date_of_birth_year": "2015", "local_authority": la.pk, "caseworker": southern.pk},
    )  # fmt: skip
    assert response.status_code == 200
    assert "Sol South does not work on cases at Northshire County Council" in (
        response.content.decode()
    )
    assert not Child.objects.exists()


# -- Audit trail --------------------------------------------------------------------------------


def test_the_audit_trail_is_for_the_manager(child: Any, caseworker: Any, manager: Any) -> None:
    _client(caseworker).get(reverse("casework:case-detail", args=[child.pk]))
    url = reverse("casework:case-audit", args=[child.pk])
    assert _client(caseworker).get(url).status_code == 403
    response = _client(manager).get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Casey Worker" in html
    assert "Viewed the case" in html
    assert "Viewed" in html
    manager_page = _client(manager).get(reverse("casework:case-detail", args=[child.pk]))
    assert url in manager_page.content.decode()


def test_a_parent_signing_in_lands_on_their_own_cases(client: Any) -> None:
    from redress.casework.tests.factories import FamilyMemberFactory, UserFactory

    parent = UserFactory()
    FamilyMemberFactory(user=parent)
    client.force_login(parent)
    response = client.get(reverse("casework:home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("family:home")


def test_an_administrator_signing_in_lands_on_the_admin_pages(client: Any) -> None:
    from redress.casework.tests.factories import user_with_role

    admin = user_with_role(Role.ADMINISTRATOR, None, is_staff=True)
    client.force_login(admin)
    response = client.get(reverse("casework:home"))
    assert response["Location"] == reverse("admin:index")


def test_an_exception_on_the_timeline_reads_as_words(client: Any) -> None:
    from datetime import date

    import time_machine

    from redress.casework import services
    from redress.casework.tests.factories import ChildFactory, LocalAuthorityFactory, user_with_role

    la = LocalAuthorityFactory()
    child = ChildFactory(local_authority=la)
    caseworker = user_with_role(Role.LA_CASEWORKER, la)
    with time_machine.travel(date(2026, 11, 29)):
        services.case_event_record(
            actor=caseworker, child=child, event_type="assessment_requested",
            when=date(2026, 9, 1), expected_version=None,
        )  # fmt: skip
        services.case_event_record(
            actor=caseworker, child=child, event_type="exception_recorded",
            when=date(2026, 10, 1), details={"rule": "assessment.decision", "ground": "reg_5_4_c"},
            reasons="Bereavement.", expected_version=None,
        )  # fmt: skip
        client.force_login(caseworker)
        page = client.get(reverse("casework:case-detail", args=[child.pk])).content.decode()
    assert "Decide whether to carry out an EHC needs assessment, under reg 5(4)(c)" in page
    assert "reg_5_4_c" not in page


def test_the_case_page_links_only_the_advice_requests_the_person_may_open(la: Any) -> None:
    icb, other_icb = CommissionerFactory(), CommissionerFactory()
    child = ChildFactory(local_authority=la)
    own = AdviceRequestFactory(child=child, recipient_organisation=icb, advice_type="health")
    theirs = AdviceRequestFactory(
        child=child, recipient_organisation=other_icb, advice_type="health"
    )
    client = Client()
    client.force_login(user_with_role(Role.HEALTH_OFFICER, icb))
    page = client.get(reverse("casework:case-detail", args=[child.pk])).content.decode()
    assert reverse("advice:detail", args=[own.pk]) in page
    # The other commissioner's request is not shown at all: only what the advice needs.
    assert reverse("advice:detail", args=[theirs.pk]) not in page
    assert other_icb.name not in page
    # The local authority sees both.
    client.force_login(user_with_role(Role.LA_CASEWORKER, la))
    page = client.get(reverse("casework:case-detail", args=[child.pk])).content.decode()
    assert icb.name in page and other_icb.name in page


def test_an_officer_asked_for_advice_does_not_see_the_familys_contact_details(la: Any) -> None:
    icb = CommissionerFactory()
    child = ChildFactory(local_authority=la)
    AdviceRequestFactory(child=child, recipient_organisation=icb, advice_type="health")
    FamilyMember.objects.create(
        child=child, name="Jo Parent", relationship="parent", email="jo@example.invalid",
        phone="07700 900123", address="1 High Street",
    )  # fmt: skip
    client = Client()
    client.force_login(user_with_role(Role.HEALTH_OFFICER, icb))
    page = client.get(reverse("casework:case-detail", args=[child.pk])).content.decode()
    assert child.first_name in page  # the child's identifying details stay
    for detail in ("jo@example.invalid", "07700 900123", "1 High Street"):
        assert detail not in page
    client.force_login(user_with_role(Role.LA_CASEWORKER, la))
    page = client.get(reverse("casework:case-detail", args=[child.pk])).content.decode()
    assert "jo@example.invalid" in page and "07700 900123" in page
