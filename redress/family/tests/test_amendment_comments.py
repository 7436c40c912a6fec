"""After a review the council sends the proposed amendments and the family has 15 days to
comment (SEND Regulations 2014 reg 22(2)(c)): the draft plan's comments serve, open only while
the engine's row for the amendments runs, and the caseworker answers them."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError

from redress.casework.models import Child, FamilyMember
from redress.family import services
from redress.family.models import DraftPlanComment
from redress.family.selectors import comment_window
from redress.notifications.tests.conftest import Cases, make_child
from redress.plans import services as plans
from redress.plans.models import Placement
from redress.plans.tests.helpers import ready_plan

pytestmark = pytest.mark.django_db

NOTICE = date(2026, 11, 20)  # the proposed amendments are sent
DURING = date(2026, 11, 29)
LAST_DAY = date(2026, 12, 4)  # the engine's 15 days beginning with the day of the notice
AFTER = date(2026, 12, 5)


@pytest.fixture
def amending(cases: Cases) -> Child:
    """A child with a plan issued last year and proposed amendments sent on 20 November 2026."""
    child = make_child(cases.la, "Amy", "Amend", cases.caseworker)
    FamilyMember.objects.create(
        child=child, user=cases.parent, name="Jo Parent", relationship="parent"
    )
    actor = cases.caseworker
    with time_machine.travel(DURING, tick=False):
        plan = ready_plan(child, actor)
        plans.plan_issue_draft(actor=actor, plan=plan, when=date(2025, 9, 1), expected_version=None)
        plans.plan_issue_final(
            actor=actor, plan=plan, when=date(2025, 10, 1), expected_version=None
        )
        amended = plans.plan_amend(actor=actor, plan=plan, expected_version=None)
        plans.plan_issue_draft(actor=actor, plan=amended, when=NOTICE, expected_version=None)
    return child


def test_the_window_is_the_amendments_row_and_closes_on_the_last_day(amending: Child) -> None:
    row = amending.deadlines.get(rule="review.amendment_representations")
    assert row.family_last_day == LAST_DAY
    with time_machine.travel(LAST_DAY, tick=False):
        window = comment_window(child=amending)
        assert window.is_open and window.is_amendment
        assert window.plan is not None and window.plan.supersedes_id is not None
    with time_machine.travel(AFTER, tick=False):
        assert not comment_window(child=amending).is_open


def test_a_parent_comments_on_the_proposed_changes_and_the_caseworker_answers(
    cases: Cases, amending: Child, client: Any
) -> None:
    url = f"/family/cases/{amending.pk}/draft-plan/comments/"
    client.force_login(cases.parent)
    with time_machine.travel(DURING, tick=False):
        case_page = client.get(f"/family/cases/{amending.pk}/").content.decode()
        page = client.get(url).content.decode()
        response = client.post(
            url, {"section": "I", "text": "Keep Hillside.", "school_named": "Hillside Primary"}
        )
    assert "Comment on the proposed changes to the plan" in case_page
    assert "Comments on the proposed changes to the plan" in page
    assert "at least 15 days beginning with the day the notice is served" in page  # {% period %}
    assert "Friday 4 December 2026" in page
    assert response.status_code == 302
    made = DraftPlanComment.objects.get()
    assert made.about == DraftPlanComment.About.AMENDMENTS
    assert made.plan is not None and made.plan.supersedes_id is not None
    assert Placement.objects.get(plan=made.plan).family_preference == "Hillside Primary"

    client.force_login(cases.caseworker)
    answer_url = f"{url}{made.pk}/answer/"
    staff_case_page = client.get(f"/cases/{amending.pk}/").content.decode()
    assert "The proposed amendments to the plan: section I" in staff_case_page
    answer_page = client.get(answer_url).content.decode()
    assert "Answer a comment on the proposed amendments to the plan" in answer_page
    assert client.post(answer_url, {"answer": "We will keep Hillside."}).status_code == 302
    client.force_login(cases.parent)
    page = client.get(url).content.decode()
    assert "We will keep Hillside." in page and "Proposed changes: Section I" in page


def test_after_the_fifteen_days_nothing_is_taken(
    cases: Cases, amending: Child, client: Any
) -> None:
    client.force_login(cases.parent)
    url = f"/family/cases/{amending.pk}/draft-plan/comments/"
    with time_machine.travel(AFTER, tick=False):
        with pytest.raises(ValidationError, match="proposed changes to the plan is over"):
            services.draft_plan_comment_make(
                actor=cases.parent, child=amending, section="F", text="Late"
            )
        page = client.get(url).content.decode()
        client.post(url, {"section": "F", "text": "Late"})
    assert "The time to comment on the proposed changes to the plan is over" in page
    assert "Send your comment" not in page
    assert not DraftPlanComment.objects.exists()
