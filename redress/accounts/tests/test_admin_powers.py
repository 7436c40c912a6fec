"""What an administrator may do in /admin/: people, organisations and bank holidays of the
organisations they administer, nothing more, and every change is in the audit trail."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client

from redress.accounts.models import Membership, Organisation, Role, User
from redress.accounts.selectors import people_managed_by
from redress.audit.models import AuditEntry
from redress.bankholidays.models import BankHolidayOverride
from redress.casework.tests.factories import (
    ChildFactory,
    FamilyMemberFactory,
    LocalAuthorityFactory,
    OrganisationFactory,
    UserFactory,
    user_with_role,
)
from redress.notifications.models import ReminderRule

pytestmark = pytest.mark.django_db

#: The Django permissions the demo gives its administrator (redress.casework.demo.ADMIN_APPS).
DEMO_ADMIN_APPS = ("accounts", "auth", "bankholidays")


@pytest.fixture
def la() -> Organisation:
    return LocalAuthorityFactory(name="Northwick Council")


@pytest.fixture
def other_la() -> Organisation:
    return LocalAuthorityFactory(name="Easton Council")


@pytest.fixture
def admin(la: Organisation) -> Any:
    user = user_with_role(Role.ADMINISTRATOR, la, username="ada", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=DEMO_ADMIN_APPS)
    )
    return user


@pytest.fixture
def admin_client(admin: Any) -> Client:
    client = Client()
    client.force_login(admin)
    return client


def _user_form(user: Any, memberships: list[dict[str, Any]] | None = None, **extra: Any) -> dict:
    """The POST the user change page sends, with each current role row and any new ones."""
    rows = [
        {
            "id": m.pk,
            "user": user.pk,
            "organisation": m.organisation_id or "",
            "role": m.role,
            "team": m.team,
            "active": "on" if m.active else "",
        }
        for m in user.memberships.all()
    ]
    initial = len(rows)
    rows += [{"user": user.pk, "team": "", "active": "on", **row} for row in memberships or []]
    data: dict[str, Any] = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        # Django's full form wants these; Redress shows them read-only and ignores them.
        "date_joined_0": user.date_joined.strftime("%d/%m/%Y"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
        "memberships-TOTAL_FORMS": str(len(rows)),
        "memberships-INITIAL_FORMS": str(initial),
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    if user.is_staff:
        data["is_staff"] = "on"
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"memberships-{index}-{key}"] = value
    data.update(extra)
    return data


def _change_url(user: Any) -> str:
    return f"/admin/accounts/user/{user.pk}/change/"


def test_the_person_form_offers_no_superuser_flag_groups_or_permissions(
    admin: Any, admin_client: Client
) -> None:
    page = admin_client.get(_change_url(admin)).content.decode()
    assert 'name="username"' in page
    for field in ("is_superuser", "user_permissions", "groups"):
        assert f'name="{field}"' not in page


def test_a_forged_post_makes_nobody_superuser_and_grants_no_permission(
    la: Organisation, admin: Any, admin_client: Client
) -> None:
    colleague = user_with_role(Role.LA_CASEWORKER, la, username="casey")
    group = Group.objects.create(name="Everything")
    group.permissions.set(Permission.objects.all())
    perm = Permission.objects.get(codename="view_child")
    for person in (admin, colleague):
        response = admin_client.post(
            _change_url(person),
            _user_form(person, is_superuser="on", user_permissions=[perm.pk], groups=[group.pk]),
        )
        assert response.status_code in {302, 403}
        person.refresh_from_db()
        assert not person.is_superuser
        assert not person.groups.exists()
        assert not person.user_permissions.filter(pk=perm.pk).exists()


def test_an_administrator_cannot_edit_groups_or_permissions(admin_client: Client) -> None:
    assert admin_client.get("/admin/auth/group/").status_code == 403
    assert admin_client.post("/admin/auth/group/add/", {"name": "x"}).status_code == 403
    assert not Group.objects.filter(name="x").exists()


@pytest.mark.parametrize("where", ["own", "other"])
def test_an_administrator_cannot_give_itself_a_role(
    la: Organisation, other_la: Organisation, admin: Any, admin_client: Client, where: str
) -> None:
    organisation = la if where == "own" else other_la
    response = admin_client.post(
        _change_url(admin),
        _user_form(admin, [{"organisation": organisation.pk, "role": Role.LA_CASEWORKER}]),
    )
    assert response.status_code in {302, 403}
    assert not admin.memberships.filter(role=Role.LA_CASEWORKER).exists()


def test_an_administrator_cannot_give_a_role_at_another_organisation(
    la: Organisation, other_la: Organisation, admin_client: Client
) -> None:
    newcomer = UserFactory(username="newcomer")
    response = admin_client.post(
        _change_url(newcomer),
        _user_form(newcomer, [{"organisation": other_la.pk, "role": Role.LA_MANAGER}]),
    )
    assert response.status_code == 200  # the form again, with the error
    assert "Select organisation from the list" in response.content.decode()
    assert not newcomer.memberships.exists()


def test_a_role_at_the_administrators_own_organisation_is_given_and_audited(
    la: Organisation, admin: Any, admin_client: Client
) -> None:
    newcomer = UserFactory(username="newcomer")
    response = admin_client.post(
        _change_url(newcomer),
        _user_form(newcomer, [{"organisation": la.pk, "role": Role.LA_CASEWORKER}]),
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user=newcomer)
    assert membership.organisation == la and membership.role == Role.LA_CASEWORKER
    entry = AuditEntry.objects.get(object_type="accounts.Membership")
    assert entry.actor == admin and entry.action == "create"
    assert "Local authority caseworker" in entry.summary
    assert AuditEntry.objects.filter(
        actor=admin, action="update", object_type="accounts.User", object_id=str(newcomer.pk)
    ).exists()


def test_people_elsewhere_and_superusers_are_out_of_reach(
    other_la: Organisation, admin_client: Client
) -> None:
    outsider = user_with_role(Role.LA_CASEWORKER, other_la, username="outsider")
    boss = User.objects.create_superuser("boss", "boss@example.invalid", "a long password 1")
    for person in (outsider, boss):
        assert admin_client.get(_change_url(person)).status_code == 302  # "doesn't exist"
        response = admin_client.post(
            f"/admin/accounts/user/{person.pk}/password/",
            {"password1": "taken over 12345", "password2": "taken over 12345"},
        )
        assert response.status_code in {302, 403, 404}
        person.refresh_from_db()
        assert not person.check_password("taken over 12345")
    listing = admin_client.get("/admin/accounts/user/").content.decode()
    assert "outsider" not in listing and "boss" not in listing


def test_another_organisation_is_seen_but_not_changed(
    other_la: Organisation, admin_client: Client
) -> None:
    response = admin_client.post(
        f"/admin/accounts/organisation/{other_la.pk}/change/",
        {"name": "Renamed", "kind": other_la.kind, "email": "mine@example.invalid"},
    )
    assert response.status_code == 403
    other_la.refresh_from_db()
    assert other_la.name == "Easton Council" and other_la.email == ""


def test_each_change_leaves_an_audit_row(
    la: Organisation, admin: Any, admin_client: Client
) -> None:
    team = OrganisationFactory(name="North team", parent=la, kind=Organisation.Kind.SOCIAL_CARE)
    response = admin_client.post(
        f"/admin/accounts/organisation/{team.pk}/change/",
        {
            "name": "North social care",
            "kind": team.kind,
            "parent": la.pk,
            # The bring-forward settings, as the form shows them (decision 0146).
            "chase_advice_after_weeks": 4,
            "review_invitations_weeks_ahead": 2,
        },  # fmt: skip
    )
    assert response.status_code == 302
    response = admin_client.post(
        "/admin/bankholidays/bankholidayoverride/add/",
        {"date": "2027-06-07", "action": "add", "name": "Jubilee", "reason": "Proclaimed"},
    )
    assert response.status_code == 302
    holiday = BankHolidayOverride.objects.get()
    response = admin_client.post(
        f"/admin/bankholidays/bankholidayoverride/{holiday.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 302
    rows = list(AuditEntry.objects.filter(actor=admin).order_by("pk"))
    assert [(row.action, row.object_type) for row in rows] == [
        ("update", "accounts.Organisation"),
        ("create", "bankholidays.BankHolidayOverride"),
        ("delete", "bankholidays.BankHolidayOverride"),
    ]
    assert "North social care" in rows[0].summary and "Name" in rows[0].summary
    assert rows[2].object_id == str(holiday.pk)
    assert holiday.date == date(2027, 6, 7)


def test_other_configuration_is_read_only_for_administrators(admin_client: Client) -> None:
    """Administrators manage people, organisations and bank holidays; the outbox, reminder
    rules and guidance settings they may look at, not change."""
    for url in ("/admin/guidance/topic/", "/admin/notifications/reminderrule/"):
        assert admin_client.get(url).status_code == 200
        assert admin_client.get(f"{url}add/").status_code == 403
    rule = ReminderRule.objects.order_by("pk").first()
    assert rule is not None
    change = f"/admin/notifications/reminderrule/{rule.pk}/change/"
    response = admin_client.post(change, {"rule": rule.rule, "lead_days": 1, "active": "on"})
    assert response.status_code == 403
    rule.refresh_from_db()
    assert rule.lead_days != 1
    index = admin_client.get("/admin/").content.decode()
    assert "Bank holiday" in index and "Organisations" in index
    assert "Groups" not in index


def test_a_staff_account_without_the_administrator_role_gets_no_admin(la: Organisation) -> None:
    client = Client()
    client.force_login(user_with_role(Role.LA_CASEWORKER, la, is_staff=True))
    assert client.get("/admin/").status_code == 302  # to the admin sign-in page


def test_an_administrator_resets_a_lost_second_factor_and_lifts_a_lock(
    la: Organisation, other_la: Organisation, admin: Any, admin_client: Client
) -> None:
    from axes.models import AccessAttempt
    from django_otp.plugins.otp_totp.models import TOTPDevice

    colleague = user_with_role(Role.LA_CASEWORKER, la, username="casey")
    outsider = user_with_role(Role.LA_CASEWORKER, other_la, username="outsider")
    for person in (colleague, outsider):
        TOTPDevice.objects.create(user=person, name="Authenticator app", confirmed=True)
    for _ in range(6):
        Client().post("/account/sign-in/", {"username": "casey", "password": "guess"})
    assert AccessAttempt.objects.filter(username="casey").exists()

    for action in ("reset_second_factor", "lift_sign_in_lock"):
        response = admin_client.post(
            "/admin/accounts/user/",
            {"action": action, "_selected_action": [colleague.pk, outsider.pk]},
        )
        assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=colleague).exists()
    assert TOTPDevice.objects.filter(user=outsider).exists()  # not theirs to reset
    assert not AccessAttempt.objects.filter(username="casey").exists()
    summaries = list(
        AuditEntry.objects.filter(actor=admin, object_id=str(colleague.pk)).values_list(
            "summary", flat=True
        )
    )
    assert any("reset two-factor sign-in" in s for s in summaries)
    assert any("lifted the sign-in lock" in s for s in summaries)
    assert not AuditEntry.objects.filter(actor=admin, object_id=str(outsider.pk)).exists()


def test_an_administrator_sees_the_families_of_their_own_authority_only(
    admin: Any, la: Organisation, other_la: Organisation
) -> None:
    own = UserFactory(username="own-parent")
    FamilyMemberFactory(child=ChildFactory(local_authority=la), user=own)
    elsewhere = UserFactory(username="elsewhere-parent")
    FamilyMemberFactory(child=ChildFactory(local_authority=other_la), user=elsewhere)
    both = UserFactory(username="parent-at-both")
    FamilyMemberFactory(child=ChildFactory(local_authority=la), user=both)
    FamilyMemberFactory(child=ChildFactory(local_authority=other_la), user=both)

    names = set(people_managed_by(admin).values_list("username", flat=True))
    assert "own-parent" in names
    assert "elsewhere-parent" not in names
    assert "parent-at-both" not in names
