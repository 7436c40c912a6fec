"""Every role against every kind of object and action, including everything that must be refused;
and the list selectors agree with the object permissions for every role.

One scenario: two local authorities (A and B), two ICBs, children in each; health advice asked of
ICB A for a child of LA A, social care advice from LA A's social care team, one request to an
independent advice giver; a parent, a young person, a supporter with consent on one child and
withdrawn consent on another, an administrator, someone whose membership is no longer active,
and nobody signed in.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Permission
from django.db import transaction

from redress.accounts.models import Membership, Organisation, Role
from redress.casework import selectors
from redress.casework.models import AdviceRequest, CaseEvent, Child, Consent, FamilyMember

TODAY = date(2026, 11, 25)

CHILDREN = ("child_a1", "child_a2", "child_b1")
ADVICE = ("health_a1", "other_a2", "social_care_a2", "health_b1")
CHILD_PERMS = (
    "casework.view_child",
    "casework.change_child",
    "casework.view_audit_trail",
    "casework.allocate_child",
)
ADVICE_PERMS = (
    "casework.view_advicerequest",
    "casework.respond_advicerequest",
    "casework.escalate_advicerequest",
    "casework.except_advicerequest",
)

_A_ADVICE = {"health_a1", "other_a2", "social_care_a2"}
_NOTHING: dict[str, set[str]] = {}

#: user -> permission -> the objects it is granted on; anything not listed is refused.
EXPECTED: dict[str, dict[str, set[str]]] = {
    "caseworker_a": {
        "casework.view_child": {"child_a1", "child_a2"},
        "casework.change_child": {"child_a1", "child_a2"},
        "casework.view_advicerequest": _A_ADVICE,
        "casework.respond_advicerequest": _A_ADVICE,
        "casework.escalate_advicerequest": _A_ADVICE,
        "casework.except_advicerequest": _A_ADVICE,
    },
    "manager_a": {
        "casework.view_child": {"child_a1", "child_a2"},
        "casework.change_child": {"child_a1", "child_a2"},
        "casework.view_audit_trail": {"child_a1", "child_a2"},
        "casework.allocate_child": {"child_a1", "child_a2"},
        "casework.view_advicerequest": _A_ADVICE,
        "casework.respond_advicerequest": _A_ADVICE,
        "casework.escalate_advicerequest": _A_ADVICE,
        "casework.except_advicerequest": _A_ADVICE,
    },
    "caseworker_b": {
        "casework.view_child": {"child_b1"},
        "casework.change_child": {"child_b1"},
        "casework.view_advicerequest": {"health_b1"},
        "casework.respond_advicerequest": {"health_b1"},
        "casework.escalate_advicerequest": {"health_b1"},
        "casework.except_advicerequest": {"health_b1"},
    },
    "health_a": {
        "casework.view_child": {"child_a1"},
        "casework.view_advicerequest": {"health_a1"},
        "casework.respond_advicerequest": {"health_a1"},
        "casework.except_advicerequest": {"health_a1"},
    },
    "health_b": {
        "casework.view_child": {"child_b1"},
        "casework.view_advicerequest": {"health_b1"},
        "casework.respond_advicerequest": {"health_b1"},
        "casework.except_advicerequest": {"health_b1"},
    },
    "social_care_a": {
        "casework.view_child": {"child_a2"},
        "casework.view_advicerequest": {"social_care_a2"},
        "casework.respond_advicerequest": {"social_care_a2"},
        "casework.except_advicerequest": {"social_care_a2"},
    },
    # The advice giver sees and answers their own request, not the child's whole record.
    "advice_giver": {
        "casework.view_advicerequest": {"other_a2"},
        "casework.respond_advicerequest": {"other_a2"},
    },
    "parent_a1": {
        "casework.view_child": {"child_a1"},
        "casework.view_advicerequest": {"health_a1"},
    },
    "young_person_b1": {
        "casework.view_child": {"child_b1"},
        "casework.view_advicerequest": {"health_b1"},
    },
    # Consent in force on child_a1; withdrawn on child_a2.
    "supporter": {"casework.view_child": {"child_a1"}},
    "mediation_adviser": _NOTHING,
    "mediation_case_manager": _NOTHING,
    "mediator": _NOTHING,
    "administrator": _NOTHING,
    "inactive_manager_a": _NOTHING,
    "anonymous": _NOTHING,
}

USERS = tuple(EXPECTED)


@pytest.fixture(scope="module")
def scenario(django_db_setup: Any, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    with time_machine.travel(TODAY, tick=False), django_db_blocker.unblock(), transaction.atomic():
        yield _build()
        transaction.set_rollback(True)


def _org(name: str, kind: str, **extra: Any) -> Organisation:
    return Organisation.objects.create(name=name, kind=kind, **extra)


def _user(username: str, role: str | None = None, organisation: Organisation | None = None) -> Any:
    """A person (no usable password: nobody signs in here) holding one active role."""
    user = get_user_model().objects.create_user(username=username, password=None)
    if role is not None:
        Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


def _child(name: str, la: Organisation, born: date = date(2016, 5, 17)) -> Child:
    return Child.objects.create(
        first_name=name, last_name="Example", date_of_birth=born, local_authority=la
    )


def _advice(child: Child, ref: str, recipient: Organisation, **extra: Any) -> AdviceRequest:
    return AdviceRequest.objects.create(
        child=child, ref=ref, advice_type=ref.rsplit("-", 1)[0], recipient_organisation=recipient,
        commissioned_by=child.local_authority, date_sent=date(2026, 9, 10), **extra,
    )  # fmt: skip


def _build() -> dict[str, Any]:
    kind = Organisation.Kind
    la_a, la_b = _org("LA A", kind.LOCAL_AUTHORITY), _org("LA B", kind.LOCAL_AUTHORITY)
    icb_a, icb_b = _org("ICB A", kind.HEALTH_COMMISSIONER), _org("ICB B", kind.HEALTH_COMMISSIONER)
    social_care_a = _org("LA A social care", kind.SOCIAL_CARE, parent=la_a)
    practice = _org("Therapy practice", kind.INDEPENDENT_PRACTICE)
    provider = _org("Mediation", kind.MEDIATION_PROVIDER)
    sendiass = _org("SENDIASS", kind.SENDIASS)

    users: dict[str, Any] = {
        "caseworker_a": _user("caseworker_a", Role.LA_CASEWORKER, la_a),
        "manager_a": _user("manager_a", Role.LA_MANAGER, la_a),
        "caseworker_b": _user("caseworker_b", Role.LA_CASEWORKER, la_b),
        "health_a": _user("health_a", Role.HEALTH_OFFICER, icb_a),
        "health_b": _user("health_b", Role.HEALTH_OFFICER, icb_b),
        "social_care_a": _user("social_care_a", Role.SOCIAL_CARE_OFFICER, social_care_a),
        "advice_giver": _user("advice_giver", Role.ADVICE_GIVER, practice),
        "parent_a1": _user("parent_a1", Role.PARENT_CARER),
        "young_person_b1": _user("young_person_b1", Role.YOUNG_PERSON),
        "supporter": _user("supporter", Role.SUPPORTER, sendiass),
        "mediation_adviser": _user("mediation_adviser", Role.MEDIATION_ADVISER, provider),
        "mediation_case_manager": _user(
            "mediation_case_manager", Role.MEDIATION_CASE_MANAGER, provider
        ),
        "mediator": _user("mediator", Role.MEDIATOR, provider),
        "administrator": _user("administrator", Role.ADMINISTRATOR, la_a),
        "inactive_manager_a": _user("inactive_manager_a"),
        "anonymous": AnonymousUser(),
    }
    users["administrator"].is_staff = True
    users["administrator"].save()
    users["administrator"].user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=["accounts", "auth", "bankholidays"])
    )
    Membership.objects.create(
        user=users["inactive_manager_a"], organisation=la_a, role=Role.LA_MANAGER, active=False
    )

    child_a1, child_a2 = _child("A1", la_a), _child("A2", la_a)
    child_b1 = _child("B1", la_b, born=date(2009, 3, 1))
    advice = {
        "health_a1": _advice(child_a1, "health-1", icb_a),
        "other_a2": _advice(child_a2, "other-1", practice, recipient_person=users["advice_giver"]),
        "social_care_a2": _advice(child_a2, "social_care-1", social_care_a),
        "health_b1": _advice(child_b1, "health-1", icb_b),
    }
    parent = FamilyMember.objects.create(
        child=child_a1, user=users["parent_a1"], name="Jo Example", relationship="parent"
    )
    FamilyMember.objects.create(
        child=child_b1, user=users["young_person_b1"], name="B1", relationship="young_person"
    )
    parent_a2 = FamilyMember.objects.create(
        child=child_a2, name="Lee Example", relationship="parent"
    )
    Consent.objects.create(
        child=child_a1, given_by=parent, supporter=users["supporter"], given_on=date(2026, 10, 1)
    )
    Consent.objects.create(
        child=child_a2, given_by=parent_a2, supporter=users["supporter"],
        given_on=date(2026, 6, 1), withdrawn_on=date(2026, 11, 1),
    )  # fmt: skip
    objects: dict[str, Any] = {"child_a1": child_a1, "child_a2": child_a2, "child_b1": child_b1}
    objects.update(advice)
    objects["request_a1"] = CaseEvent.objects.create(
        child=child_a1, type="assessment_requested", date=date(2026, 9, 1),
        details={"requested_by": "parent"},
    )  # fmt: skip
    return {"users": users, "objects": objects}


CASES = [
    (user, obj, perm)
    for user in USERS
    for objs, perms in ((CHILDREN, CHILD_PERMS), (ADVICE, ADVICE_PERMS))
    for obj in objs
    for perm in perms
]


@pytest.mark.parametrize(
    ("user", "obj", "perm", "expected"),
    [(u, o, p, o in EXPECTED[u].get(p, set())) for u, o, p in CASES],
    ids=[f"{u}-{p.split('.')[1]}-{o}" for u, o, p in CASES],
)
def test_permission(
    scenario: dict[str, Any], db: None, user: str, obj: str, perm: str, expected: bool
) -> None:
    with time_machine.travel(TODAY, tick=False):
        actor = scenario["users"][user]
        assert actor.has_perm(perm, scenario["objects"][obj]) is expected


@pytest.mark.parametrize("user", USERS)
def test_the_child_list_matches_the_permission(
    scenario: dict[str, Any], db: None, user: str
) -> None:
    with time_machine.travel(TODAY, tick=False):
        actor = scenario["users"][user]
        children = [scenario["objects"][name] for name in CHILDREN]
        allowed = {c.pk for c in children if actor.has_perm("casework.view_child", c)}
        listed = set(selectors.children_visible_to(actor).values_list("pk", flat=True))
        assert listed == allowed
        expected = EXPECTED[user].get("casework.view_child", set())
        assert listed == {scenario["objects"][name].pk for name in expected}


@pytest.mark.parametrize("user", USERS)
def test_the_advice_list_matches_the_permission(
    scenario: dict[str, Any], db: None, user: str
) -> None:
    with time_machine.travel(TODAY, tick=False):
        actor = scenario["users"][user]
        requests = [scenario["objects"][name] for name in ADVICE]
        allowed = {a.pk for a in requests if actor.has_perm("casework.view_advicerequest", a)}
        listed = set(selectors.advice_requests_visible_to(actor).values_list("pk", flat=True))
        assert listed == allowed
        expected = EXPECTED[user].get("casework.view_advicerequest", set())
        assert listed == {scenario["objects"][name].pk for name in expected}


@pytest.mark.parametrize("user", USERS)
def test_the_dashboard_shows_only_visible_children(
    scenario: dict[str, Any], db: None, user: str
) -> None:
    with time_machine.travel(TODAY, tick=False):
        actor = scenario["users"][user]
        visible = set(selectors.children_visible_to(actor))
        for deadline in selectors.open_deadlines_visible_to(actor):
            assert deadline.child in visible


@pytest.mark.parametrize("user", USERS)
def test_the_dashboard_export_lists_only_visible_children(
    scenario: dict[str, Any], db: None, user: str
) -> None:
    import csv
    import io

    from django.test import Client

    from redress.accounts.models import LA_ROLES

    with time_machine.travel(TODAY, tick=False):
        actor = scenario["users"][user]
        client = Client()
        if actor.is_authenticated:
            client.force_login(actor)
        visible = {c.pk for c in selectors.children_visible_to(actor)}
        for section in selectors.DASHBOARD_SECTIONS:
            response = client.get("/dashboard/export.csv", {"section": section})
            if not actor.is_authenticated:
                assert response.status_code == 302  # to sign in
                continue
            if not actor.roles() & set(LA_ROLES):
                assert response.status_code == 403
                continue
            text = b"".join(response.streaming_content).decode()
            listed = {int(row[1]) for row in list(csv.reader(io.StringIO(text)))[1:]}
            assert listed <= visible


def _page_client(actor: Any) -> Any:
    from django.test import Client

    client = Client()
    if actor.is_authenticated:
        client.force_login(actor)
    return client


@pytest.mark.parametrize("user", USERS)
def test_the_allocation_page_and_its_export_list_only_children_the_user_may_allocate(
    scenario: dict[str, Any], db: None, user: str
) -> None:
    import csv
    import io

    with time_machine.travel(TODAY, tick=False):
        actor = scenario["users"][user]
        response = _page_client(actor).get("/cases/allocate/")
        export = _page_client(actor).get("/cases/allocate.csv")
        may_allocate = EXPECTED[user].get("casework.allocate_child", set())
        if not actor.is_authenticated:
            assert response.status_code == 302 and export.status_code == 302
            return
        if not may_allocate:
            assert response.status_code == 403 and export.status_code == 403
            return
        html = response.content.decode()
        for name in CHILDREN:
            child = scenario["objects"][name]
            assert (f'value="{child.pk}"' in html) is (name in may_allocate)
        text = b"".join(export.streaming_content).decode("utf-8-sig")
        listed = {int(row[1]) for row in list(csv.reader(io.StringIO(text)))[1:]}
        assert listed == {scenario["objects"][name].pk for name in may_allocate}


@pytest.mark.parametrize("user", USERS)
def test_the_case_list_and_its_export_list_only_visible_children(
    scenario: dict[str, Any], db: None, user: str
) -> None:
    import csv
    import io

    from redress.accounts.models import LA_ROLES

    with time_machine.travel(TODAY, tick=False):
        actor = scenario["users"][user]
        client = _page_client(actor)
        visible = {c.pk for c in selectors.children_visible_to(actor)}
        page = client.get("/cases/")
        response = client.get("/cases/export.csv")
        if not actor.is_authenticated:
            assert page.status_code == 302 and response.status_code == 302
            return
        html = page.content.decode()
        for name in CHILDREN:
            child = scenario["objects"][name]
            assert (f"/cases/{child.pk}/" in html) is (child.pk in visible)
        if not actor.roles() & set(LA_ROLES):
            assert response.status_code == 403
            return
        text = b"".join(response.streaming_content).decode("utf-8-sig")
        listed = {int(row[1]) for row in list(csv.reader(io.StringIO(text)))[1:]}
        assert listed == visible


def test_the_scenario_covers_every_role(scenario: dict[str, Any], db: None) -> None:
    held = set(Membership.objects.filter(active=True).values_list("role", flat=True))
    assert held == set(Role.values)


def test_nobody_in_the_scenario_is_a_superuser(scenario: dict[str, Any], db: None) -> None:
    """Django superusers pass every object permission, so no role may be one."""
    assert not any(getattr(u, "is_superuser", False) for u in scenario["users"].values())


def test_a_superuser_would_bypass_the_rules(scenario: dict[str, Any], db: None) -> None:
    """Why the demo administrator is not a superuser."""
    superuser = get_user_model().objects.create_superuser("root", password=None)
    assert superuser.has_perm("casework.view_child", scenario["objects"]["child_b1"])


def test_withdrawn_consent_from_a_later_date_is_still_in_force(
    scenario: dict[str, Any], db: None
) -> None:
    """Consent withdrawn on 1 November counts until that day, not after."""
    supporter = scenario["users"]["supporter"]
    child_a2 = scenario["objects"]["child_a2"]
    with time_machine.travel(date(2026, 10, 31), tick=False):
        assert supporter.has_perm("casework.view_child", child_a2)
        assert child_a2 in selectors.children_visible_to(supporter)
    with time_machine.travel(date(2026, 11, 1), tick=False):
        assert not supporter.has_perm("casework.view_child", child_a2)
        assert child_a2 not in selectors.children_visible_to(supporter)


def test_the_objects_are_what_the_scenario_says(scenario: dict[str, Any], db: None) -> None:
    objects = scenario["objects"]
    assert Child.objects.count() == 3 and AdviceRequest.objects.count() == 4
    assert objects["health_a1"].child == objects["child_a1"]
    assert objects["health_a1"].recipient_organisation.name == "ICB A"


# Correcting or withdrawing a recorded step (decision 0100): whoever may record steps on the case
# (casework.change_child), and nobody else, opens the pages or posts to them.
STEP_PAGES = (
    ("get", "casework:event-correct", "request_a1"),
    ("post", "casework:event-withdraw", "request_a1"),
    ("get", "casework:advice-correct", "health_a1"),
    ("post", "casework:advice-withdraw", "health_a1"),
    ("get", "casework:advice-recipient-correct", "health_a1"),
)


@pytest.mark.parametrize("user", USERS)
def test_the_step_correction_pages_follow_the_permission(
    scenario: dict[str, Any], db: None, user: str
) -> None:
    from django.test import Client
    from django.urls import reverse

    with time_machine.travel(TODAY, tick=False):
        actor = scenario["users"][user]
        child = scenario["objects"]["child_a1"]
        client = Client()
        if actor.is_authenticated:
            client.force_login(actor)
        may = "child_a1" in EXPECTED[user].get("casework.change_child", set())
        for method, name, step in STEP_PAGES:
            url = reverse(name, args=[child.pk, scenario["objects"][step].pk])
            # An empty reason: an allowed person sees the form again, nothing is changed.
            response = getattr(client, method)(url, {"withdraw-reason": ""})
            if not actor.is_authenticated:
                assert response.status_code == 302, (name, response.status_code)
            else:
                assert response.status_code == (200 if may else 403), (name, response.status_code)
            if response.status_code == 200:
                assert "no-store" in response["Cache-Control"]
        assert not CaseEvent.objects.filter(withdrawn_at__isnull=False).exists()


@pytest.mark.parametrize("user", USERS)
def test_the_register_of_declared_conflicts_is_for_authority_staff(
    scenario: dict[str, Any], db: None, user: str
) -> None:
    from django.test import Client
    from django.urls import reverse

    from redress.accounts.models import LA_ROLES

    with time_machine.travel(TODAY, tick=False):
        actor = scenario["users"][user]
        client = Client()
        if actor.is_authenticated:
            client.force_login(actor)
        response = client.get(reverse("casework:conflict-register"))
        if not actor.is_authenticated:
            assert response.status_code == 302
        else:
            staff = bool(actor.roles() & set(LA_ROLES))
            assert response.status_code == (200 if staff else 403)


@pytest.mark.parametrize("user", USERS)
def test_the_conflicts_register_export_is_for_authority_staff_too(
    scenario: dict[str, Any], db: None, user: str
) -> None:
    from django.test import Client
    from django.urls import reverse

    from redress.accounts.models import LA_ROLES

    with time_machine.travel(TODAY, tick=False):
        actor = scenario["users"][user]
        client = Client()
        if actor.is_authenticated:
            client.force_login(actor)
        response = client.get(reverse("casework:conflict-register-export"))
        if not actor.is_authenticated:
            assert response.status_code == 302
        else:
            staff = bool(actor.roles() & set(LA_ROLES))
            assert response.status_code == (200 if staff else 403)


@pytest.mark.parametrize("user", USERS)
def test_the_advice_list_export_holds_only_the_requests_the_person_may_see(
    scenario: dict[str, Any], db: None, user: str
) -> None:
    import csv
    import io

    from django.test import Client
    from django.urls import reverse

    with time_machine.travel(TODAY, tick=False):
        actor = scenario["users"][user]
        client = Client()
        if actor.is_authenticated:
            client.force_login(actor)
        response = client.get(reverse("advice:export"))
        if not actor.is_authenticated:
            assert response.status_code == 302
            return
        text = b"".join(response.streaming_content).decode("utf-8-sig")
        listed = sorted((int(row[1]), row[3]) for row in list(csv.reader(io.StringIO(text)))[1:])
        visible = sorted(
            (a.child_id, a.recipient_organisation.name)
            for a in selectors.advice_requests_visible_to(actor).filter(withdrawn_at__isnull=True)
        )
        assert listed == visible


@pytest.mark.parametrize("user", USERS)
def test_the_advice_exception_page_follows_the_permission(
    scenario: dict[str, Any], db: None, user: str
) -> None:
    """Who may record an exception to an advice time limit opens the page (decision 0172)."""
    from django.urls import reverse

    with time_machine.travel(TODAY, tick=False):
        actor = scenario["users"][user]
        client = _page_client(actor)
        for name in ADVICE:
            response = client.get(reverse("advice:exception", args=[scenario["objects"][name].pk]))
            may = name in EXPECTED[user].get("casework.except_advicerequest", set())
            if not actor.is_authenticated:
                assert response.status_code == 302
            else:
                assert response.status_code == (200 if may else 403), (name, response.status_code)
            if response.status_code == 200:
                assert "no-store" in response["Cache-Control"]
            # Withdrawing an exception: refused to the same people (an allowed person posting
            # for an exception that is not there gets "not found", and nothing changes).
            withdraw = client.post(
                reverse("advice:exception-withdraw", args=[scenario["objects"][name].pk, 999999]),
                {"withdraw-reason": "Recorded in error"},
            )
            if not actor.is_authenticated:
                assert withdraw.status_code == 302
            else:
                assert withdraw.status_code == (404 if may else 403), (name, withdraw.status_code)


@pytest.mark.parametrize("user", USERS)
def test_the_supporters_caseload_and_its_csv_are_for_supporters_and_only_consented_families(
    scenario: dict[str, Any], db: None, user: str
) -> None:
    """family:supporter-caseload (decision 0174) and its CSV: supporters only; consent in force
    only."""
    import csv
    import io

    from django.urls import reverse

    from redress.family.selectors_supporter import supported_children

    with time_machine.travel(TODAY, tick=False):
        actor = scenario["users"][user]
        response = _page_client(actor).get(reverse("family:supporter-caseload"))
        export = _page_client(actor).get(reverse("family:supporter-caseload-export"))
        if not actor.is_authenticated:
            assert response.status_code == 302 and export.status_code == 302
            return
        supporter = Role.SUPPORTER in actor.roles()
        assert response.status_code == (200 if supporter else 403)
        assert export.status_code == (200 if supporter else 403)
        if supporter:
            assert "no-store" in response["Cache-Control"]
            listed = set(supported_children(actor))
            assert listed == {scenario["objects"]["child_a1"]}
            text = b"".join(export.streaming_content).decode("utf-8-sig")
            named = {row[0] for row in list(csv.reader(io.StringIO(text)))[1:]}
            assert named <= {"A1 Example"}


@pytest.mark.parametrize("user", USERS)
def test_the_overdue_health_advice_export_is_for_professionals_and_holds_what_they_see(
    scenario: dict[str, Any], db: None, user: str
) -> None:
    import csv
    import io

    from django.test import Client
    from django.urls import reverse

    from redress.accounts.models import HEALTH_AND_CARE_ROLES, LA_ROLES

    with time_machine.travel(TODAY, tick=False):
        actor = scenario["users"][user]
        client = Client()
        if actor.is_authenticated:
            client.force_login(actor)
        response = client.get(reverse("advice:health-overdue-export"))
        if not actor.is_authenticated:
            assert response.status_code == 302
            return
        if not actor.roles() & (set(LA_ROLES) | set(HEALTH_AND_CARE_ROLES)):
            assert response.status_code == 403
            return
        text = b"".join(response.streaming_content).decode("utf-8-sig")
        listed = sorted(int(row[0]) for row in list(csv.reader(io.StringIO(text)))[1:])
        overdue = selectors.overdue_health_advice(user=actor)
        assert listed == sorted(a.child_id for a in overdue)
        visible = set(selectors.advice_requests_visible_to(actor).values_list("pk", flat=True))
        assert set(overdue.values_list("pk", flat=True)) <= visible
