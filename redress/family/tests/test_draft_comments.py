"""Families comment on the draft plan online while their time to comment runs (the engine's
row), the council answers each comment, and the family reads the answer. Nothing is deleted."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError

from redress.audit.models import AuditEntry
from redress.casework.models import Child, Consent, FamilyMember
from redress.family import services
from redress.family.models import DraftPlanComment
from redress.family.selectors import comment_window
from redress.notifications.tests.conftest import Cases, make_child, make_user
from redress.plans import services as plans
from redress.plans.models import Placement
from redress.plans.tests.helpers import ready_plan

pytestmark = pytest.mark.django_db

SERVED = date(2026, 11, 20)
DURING = date(2026, 11, 29)
# The engine: 15 days beginning with the day of service, so the last day is 4 December.
LAST_DAY = date(2026, 12, 4)
AFTER = date(2026, 12, 5)


@pytest.fixture
def draft(cases: Cases) -> Child:
    """A child whose draft plan was served on 20 November 2026, with a parent signed up."""
    child = make_child(cases.la, "Dan", "Draft", cases.caseworker)
    FamilyMember.objects.create(
        child=child, user=cases.parent, name="Jo Parent", relationship="parent"
    )
    with time_machine.travel(DURING, tick=False):
        plan = ready_plan(child, cases.caseworker)
        plans.plan_issue_draft(
            actor=cases.caseworker, plan=plan, when=SERVED, expected_version=None
        )
    return child


def comment(child: Child, parent: Any, **fields: Any) -> DraftPlanComment:
    values: dict[str, Any] = {"section": "F", "text": "More speech therapy, please."}
    return services.draft_plan_comment_make(actor=parent, child=child, **{**values, **fields})


def test_the_window_is_the_engines_row(cases: Cases, draft: Child) -> None:
    row = draft.deadlines.get(rule="plan.draft_comments")
    assert row.family_last_day == LAST_DAY
    with time_machine.travel(LAST_DAY, tick=False):
        assert comment_window(child=draft).is_open
    with time_machine.travel(AFTER, tick=False):
        assert not comment_window(child=draft).is_open
    # Moved by the engine, the window moves with it: no date arithmetic of its own.
    row.due = date(2026, 12, 10)
    row.save()
    with time_machine.travel(AFTER, tick=False):
        window = comment_window(child=draft)
        assert window.is_open and window.last_day == date(2026, 12, 9)


def test_a_parent_comments_on_a_section_and_the_school_becomes_the_preference(
    cases: Cases, draft: Child
) -> None:
    with time_machine.travel(DURING, tick=False):
        made = comment(draft, cases.parent, wants_meeting=True, school_named="Oak Academy")
    assert made.section == "F" and made.wants_meeting and made.plan is not None
    placement = Placement.objects.get(plan=made.plan)
    assert placement.family_preference == "Oak Academy"
    assert placement.preference_requested_on == DURING
    assert placement.institution_type == "Maintained mainstream primary school"  # kept
    assert AuditEntry.objects.filter(action="create", summary__contains="section F").exists()


def test_after_the_last_day_the_form_is_closed_and_says_so(
    cases: Cases, draft: Child, client: Any
) -> None:
    client.force_login(cases.parent)
    url = f"/family/cases/{draft.pk}/draft-plan/comments/"
    with time_machine.travel(AFTER, tick=False):
        with pytest.raises(ValidationError, match="time to comment on the draft plan is over"):
            comment(draft, cases.parent)
        page = client.get(url).content.decode()
        assert "The time to comment on the draft plan is over" in page
        assert "Friday 4 December 2026" in page
        assert "Send your comment" not in page
        response = client.post(url, {"section": "F", "text": "Late comment"})
    assert response.status_code == 200
    assert "time to comment on the draft plan is over" in response.content.decode()
    assert not DraftPlanComment.objects.exists()


def test_the_page_says_the_period_and_the_last_day_while_open(
    cases: Cases, draft: Child, client: Any
) -> None:
    client.force_login(cases.parent)
    with time_machine.travel(DURING, tick=False):
        response = client.get(f"/family/cases/{draft.pk}/draft-plan/comments/")
        case_page = client.get(f"/family/cases/{draft.pk}/").content.decode()
    page = response.content.decode()
    assert "at least 15 days beginning with the day of service" in page  # {% period %}
    assert "Friday 4 December 2026" in page and "Send your comment" in page
    assert "no-store" in response["Cache-Control"]
    assert "Comment on the draft plan" in case_page
    assert AuditEntry.objects.filter(
        action="view", child_id=draft.pk, summary__contains="comments on the draft plan"
    ).exists()


def test_the_caseworker_answers_and_the_family_reads_the_answer(
    cases: Cases, draft: Child, client: Any
) -> None:
    with time_machine.travel(DURING, tick=False):
        made = comment(draft, cases.parent)
    client.force_login(cases.caseworker)
    case_page = client.get(f"/cases/{draft.pk}/").content.decode()
    assert "The family's comments on the plan (1 to answer)" in case_page
    dashboard = client.get("/dashboard/").content.decode()
    assert "Comments on draft plans to answer: <strong>1</strong>" in dashboard
    answer_url = f"/family/cases/{draft.pk}/draft-plan/comments/{made.pk}/answer/"
    response = client.get(answer_url)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert client.post(answer_url, {"answer": ""}).status_code == 200  # error summary, no 500
    response = client.post(answer_url, {"answer": "We will add weekly therapy to section F."})
    assert response.status_code == 302
    made.refresh_from_db()
    assert made.answered_by == cases.caseworker
    assert AuditEntry.objects.filter(action="update", summary__startswith="Answered").exists()
    client.force_login(cases.parent)
    page = client.get(f"/family/cases/{draft.pk}/draft-plan/comments/").content.decode()
    assert "We will add weekly therapy to section F." in page and "Answered" in page


def test_a_family_member_withdraws_their_own_comment_and_it_is_kept(
    cases: Cases, draft: Child, client: Any
) -> None:
    other_parent = make_user("secondparent", "Lee", "Parent")
    FamilyMember.objects.create(
        child=draft, user=other_parent, name="Lee Parent", relationship="parent"
    )
    with time_machine.travel(DURING, tick=False):
        made = comment(draft, cases.parent)
    url = f"/family/cases/{draft.pk}/draft-plan/comments/{made.pk}/withdraw/"
    client.force_login(other_parent)
    assert client.post(url).status_code == 403
    client.force_login(cases.parent)
    assert client.post(url).status_code == 302
    made.refresh_from_db()
    assert made.is_withdrawn and DraftPlanComment.objects.filter(pk=made.pk).exists()
    assert made.history.count() == 2
    page = client.get(f"/family/cases/{draft.pk}/draft-plan/comments/").content.decode()
    assert "Withdrawn" in page and "More speech therapy" in page
    client.force_login(cases.caseworker)
    answer = f"/family/cases/{draft.pk}/draft-plan/comments/{made.pk}/answer/"
    assert (
        "The family withdrew this comment" in client.post(answer, {"answer": "x"}).content.decode()
    )


@pytest.mark.parametrize(
    ("who", "view", "comment_on", "answer"),
    [
        ("parent", 200, 302, 403),
        ("caseworker", 200, 403, 200),
        ("other_family", 403, 403, 403),
        ("professional", 403, 403, 403),
        ("supporter_with_consent", 200, 403, 403),
        ("supporter_without_consent", 403, 403, 403),
    ],
)
def test_permission_matrix(
    cases: Cases, draft: Child, client: Any, who: str, view: int, comment_on: int, answer: int
) -> None:
    from redress.accounts.models import Membership, Organisation, Role

    with time_machine.travel(DURING, tick=False):
        made = comment(draft, cases.parent, text="Section F is vague.")
    users = {"parent": cases.parent, "caseworker": cases.caseworker}
    if who == "other_family":
        users[who] = make_user("otherparent")
        FamilyMember.objects.create(
            child=cases.due_soon, user=users[who], name="Kim Other", relationship="parent"
        )
    elif who == "professional":
        other_la = Organisation.objects.create(
            name="Southshire", kind=Organisation.Kind.LOCAL_AUTHORITY
        )
        users[who] = make_user("elsewhere")
        Membership.objects.create(user=users[who], organisation=other_la, role=Role.LA_CASEWORKER)
    elif who.startswith("supporter"):
        users[who] = make_user("sendiass")
        if who == "supporter_with_consent":
            Consent.objects.create(
                child=draft,
                given_by=draft.family.get(),
                supporter=users[who],
                given_on=date(2026, 11, 1),
            )
    client.force_login(users[who])
    base = f"/family/cases/{draft.pk}/draft-plan/comments/"
    with time_machine.travel(DURING, tick=False):
        assert client.get(base).status_code == view
        assert client.post(base, {"section": "F", "text": "Another"}).status_code == comment_on
        assert client.get(f"{base}{made.pk}/answer/").status_code == answer
        if view == 200:
            assert "Section F is vague." in client.get(base).content.decode()
