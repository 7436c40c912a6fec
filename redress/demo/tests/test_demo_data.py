"""`redress load_demo_data`: the demo authority, its cases and a sign-in for every role.

`TestTheFullDemo` takes the run's shared copy of the full demo (200 children, loaded on a fixed
Wednesday) and runs the command over it a second time, inside a transaction rolled back when the
class finishes; each test runs in a savepoint of it.
"""

from __future__ import annotations

import functools
import io
import re
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
import time_machine
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings

from redress.accounts.models import Membership, Organisation, Role
from redress.casework import selectors
from redress.casework.demo import DEMO_LOGINS, ICB_NAME, LA_NAME, demo_load
from redress.casework.models import AdviceRequest, Child, Consent, Deadline, FamilyMember
from redress.conftest import DemoDatabase
from redress.demo.management.commands import load_demo_data
from redress.guidance.demo import demo_guidance_load

TODAY = date(2026, 11, 25)  # a Wednesday
PASSWORD = settings.REDRESS_DEMO_PASSWORD


def _counts() -> dict[str, int]:
    """Rows in every table of Redress's own apps (history included)."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in {"accounts", "audit", "casework", "bankholidays"}
    }


# -- Whatever today is ----------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("today", [date(2026, 11, 28), date(2026, 11, 29), date(2026, 11, 30)])
def test_something_is_due_this_week_on_any_day(today: date) -> None:
    """Saturday, Sunday and Monday: the week's remainder always has deadlines in it."""
    with time_machine.travel(today, tick=False):
        demo_load(password=PASSWORD, children=0)
        caseworker = get_user_model().objects.get(username="caseworker")
        dashboard = selectors.dashboard_for(
            caseworker, selectors.DeadlineFilters(caseworker=caseworker.pk)
        )
        assert dashboard.this_week
        assert dashboard.week_ends - today < timedelta(days=7)
        # As the engine counts: a decision and a health advice due on every day left this week.
        days_left = {
            today + timedelta(days=n) for n in range((dashboard.week_ends - today).days + 1)
        }
        for rule in ("assessment.decision", "advice.response"):
            assert {d.due for d in dashboard.this_week if d.rule == rule} == days_left, rule


@pytest.fixture(scope="class")
def demo(demo_database: DemoDatabase, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    # The run's shared copy of the 200-child demo as first loaded on TODAY; the command then
    # runs over it for real, as `make run` does on a second start.
    with (
        demo_database(children=200, today=TODAY),
        override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
        time_machine.travel(TODAY, tick=False),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        demo_guidance_load()  # the rest of what the command's first run loads
        after_first = _counts()
        second = io.StringIO()
        call_command("load_demo_data", stdout=second)
        yield {
            "second": second.getvalue(),
            "after_first": after_first,
            "after_second": _counts(),
        }
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_a_first_run_says_what_it_loaded_and_prints_the_logins(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The command's own first run, with the demo's organisations, people and named children
    but not the generated ones (TestTheFullDemo holds all 200)."""
    monkeypatch.setattr(load_demo_data, "demo_load", functools.partial(demo_load, children=0))
    out = io.StringIO()
    with time_machine.travel(TODAY, tick=False):
        call_command("load_demo_data", stdout=out)
    text = out.getvalue()
    loaded = re.search(rf"Loaded the demo: {LA_NAME} with (\d+) children", text)
    assert loaded and int(loaded.group(1)) == Child.objects.count()
    assert "Created demo user caseworker." in text
    assert "Guidance: " in text
    assert PASSWORD in text
    for login in DEMO_LOGINS:
        assert f"  {login.username} " in text
    assert Organisation.objects.filter(name=LA_NAME).exists()


@pytest.fixture
def users(demo: dict[str, Any], db: None) -> dict[str, Any]:
    return {u.username: u for u in get_user_model().objects.all()}


class TestTheFullDemo:
    """The 200-child demo, loaded once for the class."""

    # -- Loading ------------------------------------------------------------------------------

    def test_running_twice_creates_nothing_new(self, demo: dict[str, Any], db: None) -> None:
        assert demo["after_first"] == demo["after_second"]
        assert demo["after_first"]["casework.Child"] == 200
        assert "nothing created; demo passwords reset" in demo["second"]
        assert Organisation.objects.filter(name=LA_NAME).count() == 1

    def test_the_logins_are_printed_after_loading_and_with_logins(
        self, demo: dict[str, Any], db: None
    ) -> None:
        out = io.StringIO()
        call_command("load_demo_data", "--logins", stdout=out)
        for text in (demo["second"], out.getvalue()):
            assert PASSWORD in text
            for login in DEMO_LOGINS:
                assert f"  {login.username} " in text

    def test_verbosity_0_prints_nothing(self, demo: dict[str, Any], db: None) -> None:
        out = io.StringIO()
        call_command("load_demo_data", verbosity=0, stdout=out)
        assert out.getvalue() == ""

    def test_a_second_run_resets_the_passwords(self, demo: dict[str, Any], db: None) -> None:
        caseworker = get_user_model().objects.get(username="caseworker")
        caseworker.set_password("something else entirely")
        caseworker.save()
        call_command("load_demo_data", verbosity=0)
        caseworker.refresh_from_db()
        assert caseworker.check_password(PASSWORD)

    def test_the_organisations(self, demo: dict[str, Any], db: None) -> None:
        kinds = Organisation.Kind
        la = Organisation.objects.get(name=LA_NAME, kind=kinds.LOCAL_AUTHORITY)
        assert set(Child.objects.values_list("team", flat=True)) == {"North", "South"}
        assert la.parts.filter(kind=kinds.SOCIAL_CARE).exists()
        assert Organisation.objects.filter(kind=kinds.HEALTH_COMMISSIONER).count() == 2
        assert Organisation.objects.get(name=ICB_NAME).serves.filter(pk=la.pk).exists()
        for kind in (kinds.MEDIATION_PROVIDER, kinds.SENDIASS, kinds.INDEPENDENT_PRACTICE):
            assert Organisation.objects.filter(kind=kind).count() == 1
        assert Organisation.objects.filter(kind=kinds.SETTING).count() >= 4

    # -- Sign-in ------------------------------------------------------------------------------

    def test_every_role_has_a_user_who_can_sign_in(self, demo: dict[str, Any], db: None) -> None:
        roles = set(
            Membership.objects.filter(active=True, user__is_active=True).values_list(
                "role", flat=True
            )
        )
        assert roles == set(Role.values)
        for login in DEMO_LOGINS:
            assert Client().login(username=login.username, password=PASSWORD), login.username

    def test_the_administrator_is_staff_but_not_superuser(
        self, demo: dict[str, Any], db: None
    ) -> None:
        admin = get_user_model().objects.get(username="admin")
        assert admin.is_staff and not admin.is_superuser
        assert not get_user_model().objects.filter(is_superuser=True).exists()
        apps_allowed = {p.split(".")[0] for p in admin.get_all_permissions()}
        assert apps_allowed == {"accounts", "auth", "bankholidays"}
        assert not admin.has_perm("casework.view_any_child")
        child = Child.objects.first()
        assert not admin.has_perm("casework.view_child", child)
        assert not selectors.children_visible_to(admin).exists()

    def test_the_administrator_can_use_administration(self, demo: dict[str, Any], db: None) -> None:
        client = Client()
        assert client.login(username="admin", password=PASSWORD)
        assert client.get("/admin/bankholidays/bankholidayoverride/add/").status_code == 200
        assert client.get("/admin/accounts/organisation/").status_code == 200
        assert client.get("/admin/accounts/user/").status_code == 200

    def test_nobody_else_is_staff(self, demo: dict[str, Any], db: None) -> None:
        assert list(
            get_user_model().objects.filter(is_staff=True).values_list("username", flat=True)
        ) == ["admin"]

    # -- What each role sees ---------------------------------------------------------------------

    def test_the_caseworker_dashboard_has_every_bucket(self, users: dict[str, Any]) -> None:
        caseworker = users["caseworker"]
        for filters in (None, selectors.DeadlineFilters(caseworker=caseworker.pk)):
            dashboard = selectors.dashboard_for(caseworker, filters)
            assert dashboard.today == TODAY
            assert dashboard.overdue and dashboard.this_week and dashboard.next_four_weeks
        assert Child.objects.filter(caseworker=caseworker, team="North").count() >= 40

    def test_deadlines_come_from_the_engine_in_every_state(
        self, demo: dict[str, Any], db: None
    ) -> None:
        statuses = set(Deadline.objects.values_list("rule", "status"))
        for expected in [
            ("assessment.decision", "pending"),
            ("assessment.decision", "overdue"),
            ("assessment.decision", "excepted"),
            ("advice.response", "met"),
            ("advice.response", "late"),
            ("advice.response", "overdue"),
            ("advice.response", "excepted"),
            ("plan.final", "met"),
            ("plan.final", "late"),
            ("plan.final", "pending"),
            ("plan.final", "excepted"),
            ("plan.draft_comments", "ok"),
            ("assessment.no_plan_notice", "met"),
        ]:
            assert expected in statuses, expected

    def test_every_stage_is_represented(self, demo: dict[str, Any], db: None) -> None:
        from redress.casework.models import CaseEvent

        def children_with(event_type: str, **details: str) -> int:
            events = CaseEvent.objects.filter(type=event_type)
            for key, value in details.items():
                events = events.filter(**{f"details__{key}": value})
            return events.values("child").distinct().count()

        assert children_with("assessment_decision", decision="not_assess") >= 5
        assert children_with("plan_decision", decision="not_issue") >= 5
        assert children_with("draft_plan_issued") >= 20
        assert children_with("final_plan_issued") >= 20
        assert children_with("exception_recorded") >= 5
        assert CaseEvent.objects.filter(type="exception_recorded", reasons="").count() == 0
        just_requested = Child.objects.exclude(events__type="assessment_decision")
        assert just_requested.count() >= 20

    def test_the_health_officer_sees_only_children_asked_of_their_icb(
        self,
        users: dict[str, Any],
    ) -> None:
        icb = Organisation.objects.get(name=ICB_NAME)
        visible = set(selectors.children_visible_to(users["health"]))
        expected = set(Child.objects.filter(advice_requests__recipient_organisation=icb))
        assert visible == expected
        assert 0 < len(visible) < Child.objects.count()
        advice = set(selectors.advice_requests_visible_to(users["health"]))
        assert advice == set(AdviceRequest.objects.filter(recipient_organisation=icb))

    def test_overdue_health_advice_is_shown_for_both_commissioners(
        self, users: dict[str, Any]
    ) -> None:
        grouped = selectors.overdue_health_advice_by_commissioner(user=users["manager"])
        assert {o.kind for o in grouped} == {Organisation.Kind.HEALTH_COMMISSIONER}
        assert ICB_NAME in {o.name for o in grouped}
        assert all(d.due < TODAY for rows in grouped.values() for _a, d in rows)

    def test_the_parent_sees_only_their_own_children(self, users: dict[str, Any]) -> None:
        parent = users["parent"]
        visible = set(selectors.children_visible_to(parent))
        assert visible == set(Child.objects.filter(family__user=parent))
        assert len(visible) == 2

    def test_the_young_person_is_17_and_sees_their_own_case(self, users: dict[str, Any]) -> None:
        [child] = selectors.children_visible_to(users["youngperson"])
        age = (TODAY - child.date_of_birth).days / 365.25
        assert 17 <= age < 18
        assert child.family.get(user=users["youngperson"]).relationship == "young_person"
        assert child.young_person_views

    def test_the_supporter_sees_only_cases_with_consent_in_force(
        self, users: dict[str, Any]
    ) -> None:
        supporter = users["supporter"]
        consents = Consent.objects.filter(supporter=supporter)
        withdrawn = consents.filter(withdrawn_on__isnull=False)
        assert withdrawn.count() == 1
        in_force = {c.child for c in consents.filter(withdrawn_on__isnull=True)}
        assert len(in_force) >= 2
        assert set(selectors.children_visible_to(supporter)) == in_force
        assert withdrawn.get().child not in in_force

    def test_the_admin_and_mediation_roles_see_no_child(self, users: dict[str, Any]) -> None:
        for username in ("admin", "mediation-adviser", "mediation-manager", "mediator"):
            assert not selectors.children_visible_to(users[username]).exists(), username

    def test_the_advice_giver_sees_their_requests_and_a_conflict_shows(
        self,
        users: dict[str, Any],
    ) -> None:
        advisor = users["advisor"]
        mine = selectors.advice_requests_visible_to(advisor)
        assert set(mine) == set(AdviceRequest.objects.filter(recipient_person=advisor))
        assert mine.count() >= 3
        flagged = [
            a.child
            for a in mine
            if any(
                c.advice_request.recipient_person_id == advisor.pk
                for c in selectors.conflicts_for_child(user=users["manager"], child=a.child)
            )
        ]
        assert flagged
        assert any(
            p.provider_person_id == advisor.pk for child in flagged for p in child.provisions.all()
        )

    def test_families_have_contact_details_and_some_communication_needs(
        self, demo: dict[str, Any], db: None
    ) -> None:
        assert not FamilyMember.objects.filter(phone="", email="").exists()
        assert FamilyMember.objects.exclude(interpreter_language="").count() >= 3
        assert FamilyMember.objects.filter(accessible_format__icontains="large print").exists()
        assert not Child.objects.filter(family__isnull=True).exists()

    def test_every_case_write_was_audited(self, demo: dict[str, Any], db: None) -> None:
        from redress.audit.models import AuditEntry
        from redress.casework.models import CaseEvent

        entries = AuditEntry.objects.filter(object_type="casework.CaseEvent")
        assert entries.count() == CaseEvent.objects.count()
        assert not entries.filter(actor__isnull=True).exists()
