"""The advice pages: who sees what, asking for advice, one request, the lists."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from redress.audit.models import AuditEntry
from redress.casework import services
from redress.casework.models import AdviceRequest, Deadline, Provision
from redress.casework.tests import factories
from redress.casework.tests.factories import Role, user_with_role

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 2)

# factory_boy's classes are untyped; their instances are the models they build.
CaseEventFactory: Any = factories.CaseEventFactory
ChildFactory: Any = factories.ChildFactory
CommissionerFactory: Any = factories.CommissionerFactory
LocalAuthorityFactory: Any = factories.LocalAuthorityFactory
FamilyMemberFactory: Any = factories.FamilyMemberFactory
OrganisationFactory: Any = factories.OrganisationFactory
UserFactory: Any = factories.UserFactory


@dataclass
class World:
    la: Any
    other_la: Any
    icb: Any
    other_icb: Any
    caseworker: Any
    other_caseworker: Any
    health_officer: Any
    other_health_officer: Any
    giver: Any
    other_giver: Any
    amara: Any
    ben: Any
    carl: Any
    dana: Any
    amara_health: AdviceRequest
    amara_social: AdviceRequest
    ben_health: AdviceRequest
    carl_health: AdviceRequest
    dana_health: AdviceRequest


def ask(child: Any, organisation: Any, actor: Any, **kwargs: Any) -> AdviceRequest:
    kwargs.setdefault("advice_type", "health")
    kwargs.setdefault("date_sent", date(2026, 9, 10))
    return services.advice_request_create(
        actor=actor,
        child=child,
        recipient_organisation=organisation,
        commissioned_by=child.local_authority,
        expected_version=None,
        **kwargs,
    )


def build_world() -> World:
    """Two LAs, two ICBs. Amara, Ben and Carl are Northshire's; Dana is Southshire's."""
    la = LocalAuthorityFactory(name="Northshire Council")
    other_la = LocalAuthorityFactory(name="Southshire Council")
    icb = CommissionerFactory(name="North ICB")
    other_icb = CommissionerFactory(name="South ICB")
    social_care = OrganisationFactory(name="Northshire Children's Social Care")
    caseworker = user_with_role(Role.LA_CASEWORKER, la, first_name="Priya", last_name="Shah")
    other_caseworker = user_with_role(Role.LA_CASEWORKER, other_la)
    health_officer = user_with_role(Role.HEALTH_OFFICER, icb)
    other_health_officer = user_with_role(Role.HEALTH_OFFICER, other_icb)
    giver = user_with_role(Role.ADVICE_GIVER, icb, first_name="Gita", last_name="Rao")
    other_giver = user_with_role(Role.ADVICE_GIVER, icb, first_name="Olu", last_name="Ade")
    children = []
    for first, authority in (("Amara", la), ("Ben", la), ("Carl", la), ("Dana", other_la)):
        child = ChildFactory(first_name=first, last_name="Example", local_authority=authority)
        CaseEventFactory(child=child, type="assessment_requested", date=date(2026, 9, 1))
        children.append(child)
    amara, ben, carl, dana = children
    amara_health = ask(amara, icb, caseworker, recipient_person=giver)
    amara_social = ask(amara, social_care, caseworker, advice_type="social_care")
    ben_health = ask(ben, icb, caseworker, recipient_person=other_giver)
    carl_health = ask(carl, icb, caseworker, date_sent=date(2026, 9, 20))
    services.advice_request_mark_received(
        actor=caseworker, advice_request=carl_health, date_received=date(2026, 10, 1)
    )
    dana_health = ask(dana, other_icb, other_caseworker)
    return World(
        la, other_la, icb, other_icb, caseworker, other_caseworker, health_officer,
        other_health_officer, giver, other_giver, amara, ben, carl, dana, amara_health,
        amara_social, ben_health, carl_health, dana_health,
    )  # fmt: skip


@pytest.fixture(autouse=True)
def fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(name="world")
def world_fixture() -> Any:
    with time_machine.travel(TODAY, tick=False):
        yield build_world()


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def detail_url(advice: AdviceRequest) -> str:
    return reverse("advice:detail", args=[advice.pk])


# -- Who sees what ------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["other_health_officer", "other_caseworker", "other_giver"])
def test_outsiders_are_refused_amaras_request_and_do_not_see_it_in_lists(
    world: World, who: str
) -> None:
    client = signed_in(getattr(world, who))
    with time_machine.travel(TODAY, tick=False):
        assert client.get(detail_url(world.amara_health)).status_code == 403
        assert (
            client.get(reverse("advice:document", args=[world.amara_health.pk])).status_code == 403
        )
        received = reverse("advice:received", args=[world.amara_health.pk])
        assert client.get(received).status_code == 403
        assert client.post(received, {"date_received_day": "1"}).status_code == 403
        for name in ("advice:by-recipient", "advice:mine", "advice:health-overdue"):
            page = client.get(reverse(name))
            assert page.status_code == 200
            assert "Amara Example" not in page.content.decode()
    world.amara_health.refresh_from_db()
    assert world.amara_health.date_received is None


def test_a_caseworker_of_another_la_may_not_ask_for_advice_on_the_child(world: World) -> None:
    client = signed_in(world.other_caseworker)
    with time_machine.travel(TODAY, tick=False):
        assert client.get(reverse("advice:new", args=[world.amara.pk])).status_code == 403
        assert client.post(reverse("advice:new", args=[world.amara.pk]), {}).status_code == 403
    assert (
        signed_in(world.health_officer)
        .get(reverse("advice:new", args=[world.amara.pk]))
        .status_code
        == 403
    )


def test_signed_out_people_are_sent_to_sign_in(world: World) -> None:
    response = Client().get(detail_url(world.amara_health))
    assert response.status_code == 302
    assert "next=" in response["Location"]


def test_the_advice_giver_sees_only_their_own_requests(world: World) -> None:
    client = signed_in(world.giver)
    with time_machine.travel(TODAY, tick=False):
        mine = client.get(reverse("advice:mine")).content.decode()
        assert client.get(detail_url(world.amara_health)).status_code == 200
        assert client.get(detail_url(world.ben_health)).status_code == 403
    assert "Amara Example" in mine and "Ben Example" not in mine
    assert "22 October 2026" in mine
    # The advice giver may not open the child's case, so the name is not a link to a refusal.
    assert reverse("casework:case-detail", args=[world.amara.pk]) not in mine


def test_the_health_officer_sees_their_icbs_requests_grouped_by_recipient(world: World) -> None:
    client = signed_in(world.health_officer)
    with time_machine.travel(TODAY, tick=False):
        page = client.get(reverse("advice:by-recipient")).content.decode()
    assert "North ICB" in page and "South ICB" not in page
    assert "Amara Example" in page and "Ben Example" in page and "Carl Example" in page
    assert "Dana Example" not in page
    assert "Children&#x27;s Social Care" not in page  # another organisation's request


# -- The lists -----------------------------------------------------------------------------------


def test_the_la_list_groups_by_organisation_with_the_engines_clock(world: World) -> None:
    client = signed_in(world.caseworker)
    with time_machine.travel(TODAY, tick=False):
        page = client.get(reverse("advice:by-recipient"))
    groups = dict(page.context["groups"])
    assert {o.name for o in groups} == {"North ICB", "Northshire Children's Social Care"}
    assert [a for a, _ in groups[world.icb]] == [
        world.amara_health, world.ben_health, world.carl_health
    ]  # fmt: skip
    statuses = {a.ref: d.status for a, d in groups[world.icb]}
    assert statuses == {
        world.amara_health.ref: "overdue",
        world.ben_health.ref: "overdue",
        world.carl_health.ref: "met",
    }
    text = page.content.decode()
    assert "22 October 2026" in text  # due, from the Deadline row
    assert "SEND Regulations 2014 reg 8(1)" in text
    assert reverse("casework:case-detail", args=[world.amara.pk]) in text


def test_the_list_filters_by_type_and_by_status(world: World) -> None:
    client = signed_in(world.caseworker)
    url = reverse("advice:by-recipient")
    with time_machine.travel(TODAY, tick=False):
        social = client.get(url, {"advice_type": "social_care"}).context["groups"]
        met = client.get(url, {"status": "met"}).context["groups"]
        both = client.get(url, {"advice_type": "social_care", "status": "met"})
        nonsense = client.get(url, {"status": "nonsense"})
    assert [[a for a, _ in rows] for _, rows in social] == [[world.amara_social]]
    assert [[a for a, _ in rows] for _, rows in met] == [[world.carl_health]]
    assert both.context["groups"] == []
    assert "No advice requests match the filters" in both.content.decode()
    assert nonsense.status_code == 200
    assert sum(len(rows) for _, rows in nonsense.context["groups"]) == 4


# -- One request ---------------------------------------------------------------------------------


def test_the_request_page_shows_the_deadline_and_relationships_and_is_audited(world: World) -> None:
    client = signed_in(world.caseworker)
    with time_machine.travel(TODAY, tick=False):
        response = client.get(detail_url(world.amara_health))
    page = response.content.decode()
    assert response.status_code == 200
    assert "22 October 2026" in page and "10 September 2026" in page
    assert "SEND Regulations 2014 reg 8(1)" in page
    assert "6 weeks from the request for advice on Thu 10 Sep 2026 = Thu 22 Oct 2026" in page
    assert "Overdue" in page
    assert "Declared relationships" in page
    assert "Mark as received" in page  # the caseworker may respond
    entry = AuditEntry.objects.get(action="view", object_id=str(world.amara_health.pk))
    assert entry.actor == world.caseworker and entry.child == world.amara


def test_the_family_sees_the_request_but_cannot_mark_it_received(world: World) -> None:
    parent = UserFactory()
    FamilyMemberFactory(child=world.amara, user=parent)
    client = signed_in(parent)
    with time_machine.travel(TODAY, tick=False):
        page = client.get(detail_url(world.amara_health))
        assert page.status_code == 200
        assert "Mark as received" not in page.content.decode()
        received = reverse("advice:received", args=[world.amara_health.pk])
        assert client.post(received, {}).status_code == 403


def test_a_conflict_of_interest_is_flagged_for_this_advice_giver(world: World) -> None:
    Provision.objects.create(
        child=world.amara, description="Speech and language therapy", provider_person=world.giver
    )
    with time_machine.travel(TODAY, tick=False):
        page = signed_in(world.caseworker).get(detail_url(world.amara_health)).content.decode()
        other = signed_in(world.caseworker).get(detail_url(world.amara_social)).content.decode()
    assert "Possible conflict of interest" in page
    assert "Speech and language therapy" in page
    assert "Possible conflict of interest" not in other


# -- Asking for advice ---------------------------------------------------------------------------


def _new_request_data(world: World, **overrides: Any) -> dict[str, Any]:
    data = {
        "version": str(world.ben.version),
        "advice_type": "health",
        "recipient_organisation": str(world.icb.pk),
        "recipient_person": str(world.giver.pk),
        "commissioned_by": str(world.la.pk),
        "date_sent_day": "15",
        "date_sent_month": "10",
        "date_sent_year": "2026",
        "employed_by_setting": "no",
        "paid_by": "",
        "would_deliver_provision": "yes",
        "relationship_notes": "The ICB's therapy service would provide the sessions.",
    }
    data.update(overrides)
    return data


def test_a_caseworker_asks_for_advice_and_lands_on_the_request(world: World) -> None:
    client = signed_in(world.caseworker)
    url = reverse("advice:new", args=[world.ben.pk])
    world.ben.refresh_from_db()
    with time_machine.travel(TODAY, tick=False):
        form = client.get(url)
        assert form.status_code == 200
        assert form.context["form"].initial["commissioned_by"] == world.la.pk
        response = client.post(url, _new_request_data(world))
    advice = AdviceRequest.objects.get(child=world.ben, date_sent=date(2026, 10, 15))
    assert response.status_code == 302
    assert response["Location"] == detail_url(advice)
    assert advice.recipient_person == world.giver
    assert advice.would_deliver_provision is True and advice.employed_by_setting is False
    deadline = Deadline.objects.get(child=world.ben, rule="advice.response", ref=advice.ref)
    assert (deadline.due, deadline.status) == (date(2026, 11, 26), "pending")


def test_a_stale_form_is_refused_with_the_answers_kept(world: World) -> None:
    client = signed_in(world.caseworker)
    url = reverse("advice:new", args=[world.ben.pk])
    world.ben.refresh_from_db()
    stale = _new_request_data(world, version=str(world.ben.version - 1))
    with time_machine.travel(TODAY, tick=False):
        response = client.post(url, stale)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed this case" in page
    assert "The ICB&#x27;s therapy service would provide the sessions." in page
    assert not AdviceRequest.objects.filter(child=world.ben, date_sent=date(2026, 10, 15)).exists()
    assert response.context["form"]["version"].value() == str(world.ben.version)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"date_sent_day": "31", "date_sent_month": "2"},
            "Date the request was sent must be a real date",
        ),
        (
            {"date_sent_day": "", "date_sent_month": "", "date_sent_year": ""},
            "Enter the date the request was sent",
        ),
        ({"date_sent_day": "3", "date_sent_month": "12"}, "The date must be today or in the past."),
        ({"date_sent_month": "8"}, "There is no request for an assessment on or before this date."),
        ({"recipient_organisation": ""}, "Choose the organisation asked for the advice"),
        ({"would_deliver_provision": ""}, "Select yes if the advice giver or their organisation"),
    ],
)
def test_bad_answers_are_shown_in_the_error_summary_and_nothing_is_saved(
    world: World, overrides: dict[str, str], message: str
) -> None:
    client = signed_in(world.caseworker)
    world.ben.refresh_from_db()
    before = AdviceRequest.objects.count()
    with time_machine.travel(TODAY, tick=False):
        response = client.post(
            reverse("advice:new", args=[world.ben.pk]), _new_request_data(world, **overrides)
        )
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert message in page.replace("&#x27;", "'")
    assert AdviceRequest.objects.count() == before


def test_the_person_asked_must_work_for_the_organisation_asked(world: World) -> None:
    client = signed_in(world.caseworker)
    world.ben.refresh_from_db()
    data = _new_request_data(world, recipient_person=str(world.other_health_officer.pk))
    with time_machine.travel(TODAY, tick=False):
        response = client.post(reverse("advice:new", args=[world.ben.pk]), data)
    assert response.status_code == 200
    assert "does not work for North ICB" in response.content.decode()


@pytest.mark.parametrize("field", ["recipient_organisation", "commissioned_by", "paid_by"])
def test_another_local_authority_cannot_be_named_on_the_request(world: World, field: str) -> None:
    client = signed_in(world.caseworker)
    world.ben.refresh_from_db()
    url = reverse("advice:new", args=[world.ben.pk])
    with time_machine.travel(TODAY, tick=False):
        assert "Southshire Council" not in client.get(url).content.decode()
        response = client.post(
            url, _new_request_data(world, recipient_person="", **{field: str(world.other_la.pk)})
        )
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert not AdviceRequest.objects.filter(child=world.ben, date_sent=date(2026, 10, 15)).exists()
