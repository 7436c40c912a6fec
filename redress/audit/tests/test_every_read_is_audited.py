"""Every page that shows a child's personal data leaves an audit row naming who saw it, where and
when: the demo's records, each page of them opened once by someone allowed to see it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from redress.audit.models import AuditEntry
from redress.casework.models import AdviceRequest, Child

TODAY = date(2026, 11, 25)


@pytest.fixture(scope="module")
def demo(demo_database: Any, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    with demo_database(children=40, today=TODAY), django_db_blocker.unblock():
        yield _targets()


def _user(name: str) -> Any:
    return get_user_model().objects.get(username=name)


def _targets() -> dict[str, Any]:
    from redress.agreements.models import MediationAgreement
    from redress.appeals.models import Appeal
    from redress.mediation.models import MediationCase
    from redress.plans.models import Plan, ReviewCycle

    plan = Plan.objects.order_by("pk").first()
    review = ReviewCycle.objects.order_by("pk").first()
    appeal = Appeal.objects.order_by("pk").first()
    mediation = MediationCase.objects.order_by("pk").first()
    agreement = MediationAgreement.objects.order_by("pk").first()
    advice = AdviceRequest.objects.filter(recipient_organisation__isnull=False).order_by("pk")
    return {
        "plan": plan, "review": review, "appeal": appeal, "mediation": mediation,
        "agreement": agreement, "advice": advice.first(),
        "child": plan.child if plan else Child.objects.order_by("pk").first(),
    }  # fmt: skip


def _pages(t: dict[str, Any]) -> list[tuple[str, str, Any]]:
    """(who, url, child) for every kind of page that shows a child's record."""
    child, plan, review = t["child"], t["plan"], t["review"]
    appeal, mediation, agreement, advice = t["appeal"], t["mediation"], t["agreement"], t["advice"]
    m = "manager"
    return [
        (m, reverse("casework:dashboard"), None),
        (m, reverse("casework:case-list") + f"?q={child.last_name}", child),
        (m, reverse("casework:allocate") + f"?q={child.last_name}", child),
        (m, reverse("casework:case-detail", args=[child.pk]), child),
        (m, reverse("casework:case-audit", args=[child.pk]), child),
        (m, reverse("casework:record-event", args=[child.pk, "assessment_decision"]), child),
        (m, reverse("casework:provision-new", args=[child.pk]), child),
        (m, reverse("casework:child-edit", args=[child.pk]), child),
        (m, reverse("casework:family-new", args=[child.pk]), child),
        (m, reverse("casework:consent-new", args=[child.pk]), child),
        (m, reverse("advice:new", args=[child.pk]), child),
        (m, reverse("advice:detail", args=[advice.pk]), advice.child),
        (m, reverse("advice:by-recipient"), advice.child),
        ("health", reverse("advice:health-overdue"), None),
        (m, reverse("plans:child", args=[plan.child_id]), plan.child),
        (m, reverse("plans:detail", args=[plan.pk]), plan.child),
        (m, reverse("plans:section", args=[plan.pk, "A"]), plan.child),
        (m, reverse("plans:details", args=[plan.pk]), plan.child),
        (m, reverse("plans:docx", args=[plan.pk]), plan.child),
        (m, reverse("plans:review", args=[review.pk]), review.child),
        (m, reverse("plans:cessation-new", args=[plan.pk]), plan.child),
        (m, reverse("plans:budget", args=[plan.pk]), plan.child),
        (m, reverse("plans:cohort"), None),
        (m, reverse("plans:cohort-suggest"), None),
        (m, reverse("agreements:overdue"), None),
        ("mediation-manager", reverse("agreements:dashboard"), None),
        ("mediation-manager", reverse("agreements:expenses"), None),
        ("health", reverse("advice:by-recipient"), None),
        (m, reverse("appeals:child-appeals", args=[appeal.child_id]), appeal.child),
        (m, reverse("appeals:detail", args=[appeal.pk]), appeal.child),
        (m, reverse("appeals:compliance-board"), None),
        (m, reverse("appeals:recommendation-board"), None),
        (m, reverse("mediation:case-detail", args=[mediation.pk]), mediation.child),
        (m, reverse("mediation:case-list"), mediation.child),
        (m, reverse("agreements:detail", args=[agreement.pk]), agreement.case.child),
        (m, reverse("agreements:list"), None),
        (m, reverse("documents:decision-letters", args=[child.pk]), child),
        ("mediation-manager", reverse("mediation:case-list"), None),
        ("parent", reverse("family:home"), None),
    ]


@pytest.mark.parametrize("index", range(38))
def test_each_page_leaves_a_row_for_every_child_it_shows(
    demo: dict[str, Any], db: None, index: int
) -> None:
    who, url, child = _pages(demo)[index]
    user = _user(who)
    names = {c.pk: f"{c.first_name} {c.last_name}" for c in Child.objects.all()}
    client = Client()
    client.force_login(user)
    last = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    with time_machine.travel(TODAY, tick=False):
        response = client.get(url)
    assert response.status_code == 200, url
    rows = AuditEntry.objects.filter(id__gt=last, actor=user)
    seen = set(rows.values_list("child_id", flat=True))
    if child is not None:
        assert child.pk in seen, url
    if response.get("Content-Type", "").startswith("text/html"):
        shown = {pk for pk, name in names.items() if name in response.content.decode()}
        assert shown <= seen, (url, [names[pk] for pk in shown - seen])
    assert all(row.page for row in rows.filter(action__in=["view", "download"]))


def test_a_download_is_recorded_as_a_download(demo: dict[str, Any], db: None) -> None:
    plan = demo["plan"]
    client = Client()
    client.force_login(_user("manager"))
    with time_machine.travel(TODAY, tick=False):
        assert client.get(reverse("plans:docx", args=[plan.pk])).status_code == 200
    assert AuditEntry.objects.filter(
        child=plan.child, action="download", page="plans:docx"
    ).exists()


def test_a_calendar_feed_is_a_read_by_the_tokens_owner(demo: dict[str, Any], db: None) -> None:
    from redress.notifications.calendar_feed import calendar_token_create

    caseworker = _user("caseworker")
    token = calendar_token_create(user=caseworker)
    with time_machine.travel(TODAY, tick=False):
        response = Client().get(reverse("notifications:calendar-feed", args=[token]))
    assert response.status_code == 200
    rows = AuditEntry.objects.filter(actor=caseworker, page="notifications:calendar-feed")
    assert rows.exists()
    assert "calendar feed" in rows.first().summary  # type: ignore[union-attr]


def test_a_refused_page_records_no_read(demo: dict[str, Any], db: None) -> None:
    client = Client()
    client.force_login(_user("advisor"))
    with time_machine.travel(TODAY, tick=False):
        assert client.get(reverse("plans:detail", args=[demo["plan"].pk])).status_code in (403, 404)
    assert not AuditEntry.objects.filter(child=demo["plan"].child, actor=_user("advisor")).exists()
