"""`redress load_scale_data`: a made-up caseload at every stage, accepted by the engine."""

from __future__ import annotations

from datetime import date, timedelta
from io import StringIO
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Max, Min

from redress.appeals.models import Appeal, Order, Recommendation
from redress.casework.demo import LA_NAME
from redress.casework.models import AdviceRequest, CaseEvent, Child, Deadline
from redress.casework.selectors import children_visible_to
from redress.mediation.models import MediationCase, MediationCertificate
from redress.plans.models import Plan, ReviewStep

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 25)


def test_a_small_national_caseload_at_every_stage_that_the_engine_accepts() -> None:
    out = StringIO()
    call_command(
        "load_scale_data", "--children", "600", "--authorities", "3", "--chunk-size", "250",
        "--today", TODAY.isoformat(), stdout=out,
    )  # fmt: skip
    assert "Loaded 600 children" in out.getvalue()
    assert Child.objects.count() == 600
    per_authority = Child.objects.values_list("local_authority__name").distinct().count()
    assert per_authority == 3
    # The first authority is the demo's: the demo caseworker sees its children.
    caseworker = get_user_model().objects.get(username="caseworker")
    visible = children_visible_to(caseworker)
    assert visible.count() == 200
    assert set(visible.values_list("local_authority__name", flat=True)) == {LA_NAME}
    assert Child.objects.filter(caseworker=caseworker).count() == 100

    # Every stage, roughly in the demo's proportions.
    types = set(CaseEvent.objects.values_list("type", flat=True))
    assert {
        "assessment_requested", "assessment_decision", "plan_decision", "draft_plan_issued",
        "final_plan_issued",
    } <= types  # fmt: skip
    assert AdviceRequest.objects.filter(date_received__isnull=False).exists()
    assert AdviceRequest.objects.filter(date_received__isnull=True).exists()
    plans = Plan.objects.count()
    assert 0.3 * 600 < plans < 0.8 * 600
    assert ReviewStep.objects.filter(kind="decision").exists()
    assert MediationCase.objects.exists() and MediationCertificate.objects.exists()
    assert Appeal.objects.exists() and Order.objects.exists()
    assert Recommendation.objects.count() < Appeal.objects.count()

    # Spread over five years, nothing after today.
    span = CaseEvent.objects.filter(type="assessment_requested").aggregate(
        first=Min("date"), last=Max("date")
    )
    assert span["first"] >= TODAY - timedelta(days=5 * 365 + 3)
    assert span["first"] < TODAY - timedelta(days=4 * 365)
    assert CaseEvent.objects.aggregate(last=Max("date"))["last"] <= TODAY

    # The engine accepts every child's history.
    out = StringIO()
    call_command("recompute_deadlines", "--today", TODAY.isoformat(), stdout=out)
    assert "for 600 children" in out.getvalue()
    assert Deadline.objects.values("child").distinct().count() == 600


def test_nonsense_sizes_are_refused() -> None:
    with pytest.raises(CommandError, match="at least 1"):
        call_command("load_scale_data", "--children", "0")


def test_on_postgresql_copy_writes_what_bulk_create_writes() -> None:
    """New rows go to PostgreSQL with COPY (redress.core.bulk_insert, used by the scale data and
    the nightly recompute): the same rows, value for value, as bulk_create gives, JSON, dates and
    links included, with their ids."""
    from django.db import connection

    from redress.casework.tests.factories import LocalAuthorityFactory
    from redress.core.bulk_insert import insert_rows

    if connection.vendor != "postgresql":
        pytest.skip("COPY is PostgreSQL's; SQLite takes bulk_create")
    la = LocalAuthorityFactory.create()
    unlike = {"id", "child_id", "created_at", "updated_at", "recorded_at"}

    def values(row: Any) -> dict[str, object]:
        row = type(row).objects.get(pk=row.pk)
        fields = type(row)._meta.concrete_fields
        return {f.attname: getattr(row, f.attname) for f in fields if f.attname not in unlike}

    def rows() -> list[Any]:
        child = Child(first_name="Robin", last_name="Scale", date_of_birth=date(2015, 2, 1),
                      local_authority=la, team="North")  # fmt: skip
        return [
            child,
            CaseEvent(child=child, type="assessment_requested", date=date(2026, 1, 5),
                      details={"made_by": "parent", "reasons": ["speech", "sensory"]}),
            AdviceRequest(child=child, ref="health-1", advice_type="health",
                          recipient_organisation=la, commissioned_by=la,
                          date_sent=date(2026, 1, 6), date_received=date(2026, 2, 10)),
        ]  # fmt: skip

    by_bulk, by_copy = rows(), rows()

    def copy(model: Any, rows: list[Any]) -> None:
        insert_rows(model, rows, with_ids=True)

    for written, write in ((by_bulk, None), (by_copy, copy)):
        for row in written:
            if hasattr(row, "child"):
                row.child_id = written[0].pk
            if write is None:
                type(row).objects.bulk_create([row])
            else:
                write(type(row), [row])
            assert row.pk
    assert [values(row) for row in by_copy] == [values(row) for row in by_bulk]
