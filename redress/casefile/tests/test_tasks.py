"""Tasks and bring-forward dates: brought forward from the deadline table once, closed when the
step is recorded, added, reassigned, done and withdrawn by the right people, never deleted; the
task list's filters, pages and CSV; who may see tasks; audited reads; the dashboard's count."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse

from redress.accounts.models import Organisation, Role
from redress.audit.models import AuditEntry
from redress.casefile import services_tasks as services
from redress.casefile.models import Task
from redress.casework.models import CaseEvent, Consent, Deadline, FamilyMember
from redress.casework.services import (
    advice_request_create,
    advice_request_mark_received,
    advice_request_withdraw,
)
from redress.casework.tests.factories import (
    CaseEventFactory,
    ChildFactory,
    CommissionerFactory,
    LocalAuthorityFactory,
    OrganisationFactory,
    user_with_role,
)
from redress.core.versions import ConcurrentEditError

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 25)


@pytest.fixture(autouse=True)
def _today() -> Any:
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def case() -> dict[str, Any]:
    """LA A's child, allocated to caseworker A, with an assessment requested and health advice
    asked of ICB A on 1 October (no advice yet); people in every role around it."""
    la_a, la_b = LocalAuthorityFactory(), LocalAuthorityFactory()
    icb = CommissionerFactory(name="North ICB")
    caseworker = user_with_role(Role.LA_CASEWORKER, la_a, first_name="Cas", last_name="Worker")
    colleague = user_with_role(Role.LA_CASEWORKER, la_a, first_name="Col", last_name="League")
    manager = user_with_role(Role.LA_MANAGER, la_a, first_name="Man", last_name="Ager")
    child = ChildFactory(local_authority=la_a, caseworker=caseworker, first_name="Amara")
    CaseEventFactory(child=child, type=CaseEvent.Type.ASSESSMENT_REQUESTED, date=date(2026, 9, 1))
    advice = advice_request_create(
        actor=caseworker, child=child, advice_type="health", recipient_organisation=icb,
        commissioned_by=la_a, date_sent=date(2026, 10, 1), expected_version=child.version,
    )  # fmt: skip
    parent = user_with_role(Role.PARENT_CARER)
    member = FamilyMember.objects.create(child=child, user=parent, name="Jo", relationship="parent")
    supporter = user_with_role(Role.SUPPORTER, OrganisationFactory(kind=Organisation.Kind.SENDIASS))
    Consent.objects.create(
        child=child, given_by=member, supporter=supporter, given_on=date(2026, 10, 1)
    )
    users = {
        "caseworker_a": caseworker,
        "colleague_a": colleague,
        "manager_a": manager,
        "caseworker_b": user_with_role(Role.LA_CASEWORKER, la_b),
        "manager_b": user_with_role(Role.LA_MANAGER, la_b),
        "health_a": user_with_role(Role.HEALTH_OFFICER, icb),
        "parent_a": parent,
        "supporter": supporter,
        "administrator": user_with_role(Role.ADMINISTRATOR, la_a, is_staff=True),
    }
    return {"child": child, "advice": advice, "la": la_a, "users": users}


def _chase(child: Any) -> Task:
    return Task.objects.get(child=child, source_rule="advice.response")


# -- Brought forward from the deadline table --------------------------------------------------


def test_requesting_advice_brings_a_chase_forward_four_weeks_for_the_caseworker(
    case: dict[str, Any],
) -> None:
    task = _chase(case["child"])
    assert task.what == "Chase the health advice from North ICB"
    assert task.bring_forward_on == date(2026, 10, 29)  # 4 weeks after 1 October
    assert task.assigned_to == case["users"]["caseworker_a"]
    assert task.source_ref == case["advice"].ref and task.created_by is None
    assert task.is_open
    assert AuditEntry.objects.filter(
        action="create", object_type="casefile.Task", child=case["child"], actor=None
    ).exists()


def test_creating_tasks_again_creates_nothing_twice(case: dict[str, Any], capsys: Any) -> None:
    call_command("create_tasks")
    call_command("create_tasks")
    assert Task.objects.filter(child=case["child"]).count() == 1
    assert "Tasks created: 0; tasks closed: 0." in capsys.readouterr().out
    services.tasks_bring_forward(child=case["child"])
    assert Task.objects.filter(child=case["child"]).count() == 1


def test_the_authoritys_setting_moves_the_bring_forward_date(case: dict[str, Any]) -> None:
    la = case["la"]
    la.chase_advice_after_weeks = 2
    la.save()
    call_command("create_tasks")
    task = _chase(case["child"])
    assert task.bring_forward_on == date(2026, 10, 15)
    assert task.history.count() == 2  # the move is kept in the history


def test_the_chase_closes_itself_when_the_advice_is_received(case: dict[str, Any]) -> None:
    advice, caseworker = case["advice"], case["users"]["caseworker_a"]
    advice_request_mark_received(
        actor=caseworker, advice_request=advice, date_received=date(2026, 11, 2)
    )
    task = _chase(case["child"])
    assert task.done and task.done_by is None
    assert task.done_note == "Closed by Redress: done on 2 November 2026"
    # Nothing is deleted, and running the job again neither reopens nor duplicates it.
    call_command("create_tasks")
    assert Task.objects.filter(child=case["child"]).count() == 1
    assert _chase(case["child"]).done


def test_a_chase_whose_request_is_withdrawn_is_withdrawn_and_comes_back_if_needed(
    case: dict[str, Any],
) -> None:
    advice = case["advice"]
    advice_request_withdraw(
        actor=case["users"]["caseworker_a"], advice_request=advice,
        reason="Sent to the wrong ICB", expected_version=advice.version,
    )  # fmt: skip
    task = _chase(case["child"])
    assert task.withdrawn and task.withdrawn_by is None
    assert "no longer applies" in task.withdrawn_reason


def test_a_task_a_person_closed_is_not_reopened(case: dict[str, Any]) -> None:
    task = _chase(case["child"])
    services.task_mark_done(
        actor=case["users"]["caseworker_a"], task=task, expected_version=task.version
    )
    call_command("create_tasks")
    task.refresh_from_db()
    assert task.done and task.done_by == case["users"]["caseworker_a"]
    assert Task.objects.filter(child=case["child"]).count() == 1


def test_review_invitations_are_brought_forward_ahead_of_the_notice(
    case: dict[str, Any],
) -> None:
    child = case["child"]
    # The meeting on 8 February: the invitations must go by 25 January (2 weeks' notice).
    row = Deadline.objects.create(
        child=child, rule="review.meeting_notice", ref="", kind="by", due=date(2027, 1, 25),
        status="pending", actor="local_authority", citation="reg 20(3)", evidence="primary",
        explanation="", title="Give notice of the review meeting",
    )  # fmt: skip
    services.tasks_bring_forward(child=child)
    task = Task.objects.get(child=child, source_rule="review.meeting_notice")
    assert task.what == "Send the invitations to the annual review meeting"
    assert task.bring_forward_on == date(2027, 1, 11)
    row.met_on = date(2027, 1, 5)
    row.status = "met"
    row.save()
    services.tasks_bring_forward(child=child)
    task.refresh_from_db()
    assert task.done and "5 January 2027" in task.done_note


def test_a_child_without_a_caseworker_has_its_task_unassigned(case: dict[str, Any]) -> None:
    child = ChildFactory(local_authority=case["la"])
    CaseEventFactory(child=child, type=CaseEvent.Type.ASSESSMENT_REQUESTED, date=date(2026, 9, 1))
    advice_request_create(
        actor=case["users"]["manager_a"], child=child, advice_type="educational",
        recipient_organisation=OrganisationFactory(kind=Organisation.Kind.SETTING),
        commissioned_by=case["la"], date_sent=date(2026, 11, 1), expected_version=child.version,
    )  # fmt: skip
    assert _chase(child).assigned_to is None


# -- Services ---------------------------------------------------------------------------------


def test_adding_a_task_checks_the_date_and_the_person(case: dict[str, Any]) -> None:
    child, users = case["child"], case["users"]
    with pytest.raises(ValidationError) as past:
        services.task_add(
            actor=users["caseworker_a"], child=child, what="Ring school",
            bring_forward_on=date(2026, 11, 24), assigned_to=users["caseworker_a"],
        )  # fmt: skip
    assert "today or in the future" in str(past.value)
    with pytest.raises(ValidationError) as elsewhere:
        services.task_add(
            actor=users["caseworker_a"], child=child, what="Ring school",
            bring_forward_on=TODAY, assigned_to=users["caseworker_b"],
        )  # fmt: skip
    assert "works at the child's local authority" in str(elsewhere.value)
    with pytest.raises(PermissionDenied):
        services.task_add(
            actor=users["caseworker_b"], child=child, what="Ring school",
            bring_forward_on=TODAY, assigned_to=users["caseworker_b"],
        )  # fmt: skip
    task = services.task_add(
        actor=users["caseworker_a"], child=child, what="Ring school",
        bring_forward_on=date(2026, 12, 1), assigned_to=users["colleague_a"],
    )  # fmt: skip
    assert task.created_by == users["caseworker_a"] and not task.automatic
    assert AuditEntry.objects.filter(action="create", object_id=str(task.pk)).exists()


def test_reassigning_by_the_assignee_or_a_manager_only(case: dict[str, Any]) -> None:
    users, task = case["users"], _chase(case["child"])
    with pytest.raises(PermissionDenied):
        services.task_reassign(
            actor=users["colleague_a"], tasks=[task], assigned_to=users["colleague_a"],
            expected_versions={task.pk: task.version},
        )  # fmt: skip
    services.task_reassign(
        actor=users["caseworker_a"], tasks=[task], assigned_to=users["colleague_a"],
        expected_versions={task.pk: task.version},
    )  # fmt: skip
    task.refresh_from_db()
    assert task.assigned_to == users["colleague_a"]
    with pytest.raises(ConcurrentEditError):
        services.task_reassign(
            actor=users["manager_a"], tasks=[task], assigned_to=users["caseworker_a"],
            expected_versions={task.pk: task.version - 1},
        )  # fmt: skip
    # The earlier assignment is kept in the history.
    assert [h.assigned_to_id for h in task.history.order_by("history_date")] == [
        users["caseworker_a"].pk,
        users["colleague_a"].pk,
    ]


def test_a_reallocated_child_takes_their_open_tasks_to_the_new_caseworker(
    case: dict[str, Any],
) -> None:
    from redress.casework.services import child_allocate

    users, child = case["users"], case["child"]
    chase = _chase(child)
    held_by_manager = services.task_add(
        actor=users["manager_a"], child=child, what="Sign off the panel paper",
        bring_forward_on=date(2026, 12, 1), assigned_to=users["manager_a"],
    )  # fmt: skip
    child.refresh_from_db()
    child_allocate(
        actor=users["manager_a"], children=[child], caseworker=users["colleague_a"],
        expected_versions={child.pk: child.version},
    )  # fmt: skip
    chase.refresh_from_db()
    held_by_manager.refresh_from_db()
    assert chase.assigned_to == users["colleague_a"]  # the caseworker's task moved
    assert held_by_manager.assigned_to == users["manager_a"]  # someone else's stays
    assert chase.history.latest().history_change_reason.startswith("Moved with the child")
    assert (
        AuditEntry.objects.filter(
            object_type="casefile.Task", summary__startswith="Moved a task with the child"
        ).count()
        == 1
    )


def test_done_and_withdrawn_keep_who_and_when(case: dict[str, Any]) -> None:
    users = case["users"]
    task = services.task_add(
        actor=users["manager_a"], child=case["child"], what="Check transport",
        bring_forward_on=TODAY, assigned_to=users["caseworker_a"],
    )  # fmt: skip
    with pytest.raises(ValidationError):
        services.task_withdraw(
            actor=users["caseworker_a"], task=task, reason=" ", expected_version=task.version
        )
    services.task_withdraw(
        actor=users["caseworker_a"], task=task, reason="Not needed",
        expected_version=task.version,
    )  # fmt: skip
    task.refresh_from_db()
    assert task.withdrawn_by == users["caseworker_a"] and task.withdrawn_reason == "Not needed"
    with pytest.raises(ValidationError):
        services.task_mark_done(actor=users["manager_a"], task=task, expected_version=None)
    assert Task.objects.filter(pk=task.pk).exists()


# -- Pages ------------------------------------------------------------------------------------


ROLES = (
    "caseworker_a", "colleague_a", "manager_a", "caseworker_b", "manager_b", "health_a",
    "parent_a", "supporter", "administrator",
)  # fmt: skip


def _pages(case: dict[str, Any]) -> dict[str, tuple[str, set[str]]]:
    task = _chase(case["child"])
    staff = {"caseworker_a", "colleague_a", "manager_a"}
    return {
        "list": (reverse("casework:tasks"), staff | {"caseworker_b", "manager_b"}),
        "export": (reverse("casework:tasks-export"), staff | {"caseworker_b", "manager_b"}),
        "detail": (reverse("casework:task-detail", args=[task.pk]), staff),
        "new": (reverse("casework:task-new", args=[case["child"].pk]), staff),
    }


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix_every_role_and_page(
    client: Any, case: dict[str, Any], role: str
) -> None:
    client.force_login(case["users"][role])
    task = _chase(case["child"])
    for name, (url, allowed) in _pages(case).items():
        response = client.get(url)
        if role in allowed:
            assert response.status_code == 200, (role, name, response.status_code)
            assert "no-store" in response["Cache-Control"]
            body = b"".join(response.streaming_content) if response.streaming else response.content
            if name != "new":
                # Another authority's staff open their own (empty) list, never this task; a
                # manager's list opens on their own tasks.
                shown = name == "detail" or role == "caseworker_a"
                assert (task.what.encode() in body) is shown, (role, name)
        else:
            assert response.status_code in (403, 404), (role, name, response.status_code)


def test_rules_match_the_pages(case: dict[str, Any]) -> None:
    child, task = case["child"], _chase(case["child"])
    for role, user in case["users"].items():
        staff = role in ("caseworker_a", "colleague_a", "manager_a")
        assert user.has_perm("casefile.view_tasks", child) is staff, role
        assert user.has_perm("casefile.view_task", task) is staff, role
        assert user.has_perm("casefile.change_task", task) is (
            role in ("caseworker_a", "manager_a")
        ), role


def test_a_caseworker_sees_their_own_tasks_and_a_manager_filters_by_assignee(
    client: Any, case: dict[str, Any]
) -> None:
    users, child = case["users"], case["child"]
    services.task_add(
        actor=users["manager_a"], child=child, what="Visit the setting",
        bring_forward_on=date(2026, 12, 3), assigned_to=users["colleague_a"],
    )  # fmt: skip
    url = reverse("casework:tasks")
    client.force_login(users["caseworker_a"])
    mine = client.get(url).content.decode()
    assert "Chase the health advice" in mine and "Visit the setting" not in mine
    assert "Overdue" in mine  # brought forward to 29 October
    assert 'name="assignee"' not in mine
    client.force_login(users["manager_a"])
    assert "Chase the health" not in client.get(url).content.decode()  # the manager's own
    anyone = client.get(url, {"assignee": "all"}).content.decode()
    assert "Chase the health advice" in anyone and "Visit the setting" in anyone
    colleague = client.get(url, {"assignee": str(users["colleague_a"].pk)}).content.decode()
    assert "Visit the setting" in colleague and "Chase the health" not in colleague
    overdue = client.get(url, {"assignee": "all", "show": "overdue"}).content.decode()
    assert "Chase the health advice" in overdue and "Visit the setting" not in overdue
    assert (
        "Visit the setting"
        not in client.get(url, {"assignee": "all", "show": "done"}).content.decode()
    )


def test_the_list_pages_fifty_at_a_time_and_exports_every_row(
    client: Any, case: dict[str, Any]
) -> None:
    users, child = case["users"], case["child"]
    Task.objects.bulk_create(
        Task(child=child, what=f"Task {n:03}", bring_forward_on=date(2026, 12, 1),
             assigned_to=users["caseworker_a"], created_by=users["caseworker_a"])
        for n in range(60)
    )  # fmt: skip
    client.force_login(users["caseworker_a"])
    first = client.get(reverse("casework:tasks")).content.decode()
    assert "61 tasks" in first and "1 of 2" in first
    second = client.get(reverse("casework:tasks"), {"page": "2"}).content.decode()
    assert "Task 059" in second
    response = client.get(reverse("casework:tasks-export"))
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert len(lines) == 62 and lines[0].startswith("Child or young person,Case number")
    assert "Chase the health advice from North ICB,2026-10-29,Cas Worker,Redress" in lines[1]
    assert AuditEntry.objects.filter(action="download", object_type="casefile.Task").exists()


def test_reading_tasks_is_audited(client: Any, case: dict[str, Any]) -> None:
    users, child, task = case["users"], case["child"], _chase(case["child"])
    client.force_login(users["caseworker_a"])
    client.get(reverse("casework:tasks"))
    assert AuditEntry.objects.filter(
        action="view", child=child, actor=users["caseworker_a"], page="casework:tasks"
    ).exists()
    client.get(reverse("casework:task-detail", args=[task.pk]))
    assert AuditEntry.objects.filter(
        action="view", child=child, object_id=str(task.pk), summary__startswith="Viewed a task"
    ).exists()


def test_reassigning_from_the_list_and_a_stale_list_is_refused(
    client: Any, case: dict[str, Any]
) -> None:
    users, task = case["users"], _chase(case["child"])
    client.force_login(users["manager_a"])
    url = reverse("casework:tasks-reassign")
    stale = client.post(
        url, {"tasks": [task.pk], f"version-{task.pk}": task.version - 1,
              "assigned_to": users["colleague_a"].pk}, follow=True,
    )  # fmt: skip
    assert "Someone else changed" in stale.content.decode()
    task.refresh_from_db()
    assert task.assigned_to == users["caseworker_a"]
    done = client.post(
        url, {"tasks": [task.pk], f"version-{task.pk}": task.version,
              "assigned_to": users["colleague_a"].pk}, follow=True,
    )  # fmt: skip
    assert "1 task reassigned to Col League." in done.content.decode()
    task.refresh_from_db()
    assert task.assigned_to == users["colleague_a"]
    client.force_login(users["caseworker_b"])
    refused = client.post(
        url, {"tasks": [task.pk], f"version-{task.pk}": task.version,
              "assigned_to": users["caseworker_b"].pk}, follow=True,
    )  # fmt: skip
    assert "not yours to reassign" in refused.content.decode() or "Choose someone" in (
        refused.content.decode()
    )
    task.refresh_from_db()
    assert task.assigned_to == users["colleague_a"]


def test_marking_done_and_adding_from_the_pages(client: Any, case: dict[str, Any]) -> None:
    users, child, task = case["users"], case["child"], _chase(case["child"])
    client.force_login(users["caseworker_a"])
    response = client.post(
        reverse("casework:task-done", args=[task.pk]), {"version": task.version, "note": "Rang"}
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.done_by == users["caseworker_a"] and task.done_note == "Rang"
    page = client.get(reverse("casework:task-detail", args=[task.pk])).content.decode()
    assert "By Cas Worker" in page and "Mark as done" not in page
    error = client.post(
        reverse("casework:task-new", args=[child.pk]),
        {"what": "", "bring_forward_on_day": "1", "bring_forward_on_month": "12",
         "bring_forward_on_year": "2026", "assigned_to": users["caseworker_a"].pk},
    )  # fmt: skip
    assert error.status_code == 200 and "govuk-error-summary" in error.content.decode()
    added = client.post(
        reverse("casework:task-new", args=[child.pk]),
        {"what": "Ring the school", "bring_forward_on_day": "1", "bring_forward_on_month": "12",
         "bring_forward_on_year": "2026", "assigned_to": users["colleague_a"].pk},
    )  # fmt: skip
    assert added.status_code == 302
    assert Task.objects.get(what="Ring the school").assigned_to == users["colleague_a"]
    case_page = client.get(reverse("casework:case-detail", args=[child.pk])).content.decode()
    assert "Open tasks: 1" in case_page and "Ring the school" in case_page


def test_the_caseworkers_dashboard_shows_their_open_tasks(
    client: Any, case: dict[str, Any]
) -> None:
    client.force_login(case["users"]["caseworker_a"])
    page = client.get(reverse("casework:dashboard")).content.decode()
    assert "Your open tasks: 1" in page
    assert "1 brought forward to today or earlier." in page
    assert reverse("casework:tasks") + "?show=due" in page
    client.force_login(case["users"]["colleague_a"])
    assert "Your open tasks: 0" in client.get(reverse("casework:dashboard")).content.decode()
