"""The decision letters page of a case: who may open it, the download, and a refusal explained
in a GOV.UK error summary (never a server error)."""

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse

from redress.accounts.models import Organisation
from redress.audit.models import AuditEntry
from redress.casework.tests import factories
from redress.casework.tests.factories import Role, user_with_role
from redress.documents.decision_letters import (
    ISSUE_PERMISSION,
    decision_letter_url,
    decision_letters_url,
)
from redress.documents.tests.test_decision_letters import authority, refused_assessment

pytestmark = pytest.mark.django_db

ChildFactory: Any = factories.ChildFactory
FamilyMemberFactory: Any = factories.FamilyMemberFactory
LocalAuthorityFactory: Any = factories.LocalAuthorityFactory
OrganisationFactory: Any = factories.OrganisationFactory
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def case() -> dict[str, Any]:
    la = authority()
    caseworker = user_with_role(Role.LA_CASEWORKER, la)
    child = refused_assessment(la, caseworker)
    event = child.events.get(type="assessment_decision")
    return {"la": la, "caseworker": caseworker, "child": child, "event": event}


def test_the_case_page_links_to_the_decision_letters(case: dict[str, Any]) -> None:
    page = _client(case["caseworker"]).get(reverse("casework:case-detail", args=[case["child"].pk]))
    assert decision_letters_url(case["child"]).encode() in page.content


def test_the_page_lists_each_decision_and_every_required_item(case: dict[str, Any]) -> None:
    page = _client(case["caseworker"]).get(decision_letters_url(case["child"]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Decision not to carry out an EHC needs assessment" in html
    assert "10 June 2026" in html and "Download letter" in html
    assert "The mediation adviser&#x27;s contact details" in html
    assert "SEND Regulations 2014 reg 32" in html and "CFA 2014 s.55" in html
    assert "Cannot be issued yet" not in html


def test_download_gives_the_word_letter_and_audits_it(case: dict[str, Any]) -> None:
    url = decision_letter_url(child=case["child"], source="case_event", pk=case["event"].pk)
    response = _client(case["caseworker"]).post(url)
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    assert response.content[:2] == b"PK"
    assert "refuse-assess" in response["Content-Disposition"]
    assert AuditEntry.objects.filter(action="generate", child=case["child"]).count() == 1


def test_a_refused_letter_shows_an_error_summary_naming_what_is_missing(
    case: dict[str, Any],
) -> None:
    Organisation.objects.filter(kind=Organisation.Kind.MEDIATION_PROVIDER).update(
        phone="", email=""
    )
    url = decision_letter_url(child=case["child"], source="case_event", pk=case["event"].pk)
    response = _client(case["caseworker"]).post(url)
    html = response.content.decode()
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert "govuk-error-summary" in html and "The letter cannot be issued" in html
    assert 'href="#item-mediation_adviser"' in html and 'id="item-mediation_adviser"' in html
    assert "no contact details for a mediation adviser" in html
    assert "Error: Decision letters" in html
    assert not AuditEntry.objects.filter(action="generate").exists()
    # The list warns before anyone presses the button, too.
    listing = _client(case["caseworker"]).get(decision_letters_url(case["child"]))
    assert "Cannot be issued yet" in listing.content.decode()


def test_a_get_of_the_download_address_goes_back_to_the_list(case: dict[str, Any]) -> None:
    url = decision_letter_url(child=case["child"], source="case_event", pk=case["event"].pk)
    response = _client(case["caseworker"]).get(url)
    assert response.status_code == 302
    assert response["Location"] == decision_letters_url(case["child"])
    assert not AuditEntry.objects.filter(action="generate").exists()


def test_a_forged_decision_is_not_found_and_nothing_is_generated(case: dict[str, Any]) -> None:
    client = _client(case["caseworker"])
    child = case["child"]
    other_child = refused_assessment(case["la"], case["caseworker"])
    other_event = other_child.events.get(type="assessment_decision")
    request_event = child.events.get(type="assessment_requested")
    for key in (f"case_event-{other_event.pk}", f"case_event-{request_event.pk}", "plan-999999",
                "nonsense"):  # fmt: skip
        url = reverse("documents:decision-letter", args=[child.pk, key])
        assert client.post(url).status_code == 404, key
    assert client.get(reverse("documents:decision-letters", args=[999999])).status_code == 404
    assert not AuditEntry.objects.filter(action="generate").exists()


def test_permission_matrix(case: dict[str, Any]) -> None:
    """Every role against the letters page and the download: LA staff of the child's authority
    only."""
    la = case["la"]
    child = case["child"]
    parent = user_with_role(Role.PARENT_CARER)
    FamilyMemberFactory(child=child, user=parent, name="Parent with sign-in")
    icb = OrganisationFactory(kind=Organisation.Kind.HEALTH_COMMISSIONER)
    mediation = Organisation.objects.get(kind=Organisation.Kind.MEDIATION_PROVIDER)
    sendiass = Organisation.objects.get(kind=Organisation.Kind.SENDIASS)
    inactive = user_with_role(Role.LA_MANAGER, la)
    inactive.memberships.update(active=False)
    users: dict[str, tuple[Any, bool]] = {
        "caseworker": (case["caseworker"], True),
        "manager": (user_with_role(Role.LA_MANAGER, la), True),
        "caseworker of another authority": (
            user_with_role(Role.LA_CASEWORKER, LocalAuthorityFactory()),
            False,
        ),
        "health officer": (user_with_role(Role.HEALTH_OFFICER, icb), False),
        "mediation adviser": (user_with_role(Role.MEDIATION_ADVISER, mediation), False),
        "supporter": (user_with_role(Role.SUPPORTER, sendiass), False),
        "parent": (parent, False),
        "administrator": (user_with_role(Role.ADMINISTRATOR), False),
        "no longer active": (inactive, False),
    }
    list_url = decision_letters_url(child)
    letter_url = decision_letter_url(child=child, source="case_event", pk=case["event"].pk)
    for name, (user, allowed) in users.items():
        assert user.has_perm(ISSUE_PERMISSION, child) is allowed, name
        client = _client(user)
        assert client.get(list_url).status_code == (200 if allowed else 403), name
        assert client.post(letter_url).status_code == (200 if allowed else 403), name
    assert AnonymousUser().has_perm(ISSUE_PERMISSION, child) is False
    anonymous = Client()
    assert anonymous.get(list_url).status_code == 302
    assert anonymous.post(letter_url).status_code == 302
    generated = AuditEntry.objects.filter(action="generate")
    assert {e.actor for e in generated} == {case["caseworker"], users["manager"][0]}


def test_other_apps_get_the_address_of_a_decisions_letter() -> None:
    child = ChildFactory()
    assert decision_letter_url(child=child, source="cessation", pk=7).endswith(
        f"/letters/child/{child.pk}/decisions/cessation-7/letter/"
    )
    with pytest.raises(ValueError):
        decision_letter_url(child=child, source="appeal", pk=7)
