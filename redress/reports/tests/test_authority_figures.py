"""The authority's appeal figures: by decision, section and outcome over academic years and
quarters; recommendation responses on time and late by body (the engine's deadline rows);
beside imported national and regional figures; a CSV with no child named; own authority only."""

import csv
import io
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from redress.accounts.models import Membership, Organisation
from redress.appeals.models import Appeal, Recommendation
from redress.audit.models import AuditEntry
from redress.casework.models import Child, Deadline
from redress.casework.tests import factories
from redress.casework.tests.factories import Role, user_with_role
from redress.reports import selectors
from redress.reports.services import published_statistics_import

pytestmark = pytest.mark.django_db

ChildFactory: Any = factories.ChildFactory
FamilyMemberFactory: Any = factories.FamilyMemberFactory
LocalAuthorityFactory: Any = factories.LocalAuthorityFactory
OrganisationFactory: Any = factories.OrganisationFactory


def _appeal(child: Child, decision: str, lodged: date, **fields: Any) -> Appeal:
    return Appeal.objects.create(
        child=child, decision=decision, decision_notice_date=lodged, lodged_on=lodged, **fields
    )


def _response_row(recommendation: Recommendation, status: str, due: date) -> None:
    Deadline.objects.create(
        child=recommendation.appeal.child, rule="recommendation.response",
        ref=recommendation.engine_ref, kind="by", due=due, status=status,
        met_on=due if status == "met" else None, actor="health_commissioner",
        citation="2017 Regulations", evidence="secondary", explanation="5 weeks",
        title="Respond in writing to the Tribunal's recommendations",
    )  # fmt: skip


@pytest.fixture
def scene() -> dict[str, Any]:
    la = LocalAuthorityFactory(name="Northshire Council")
    other = LocalAuthorityFactory(name="Southshire Council")
    icb = OrganisationFactory(name="Northshire ICB", kind=Organisation.Kind.HEALTH_COMMISSIONER)
    care = OrganisationFactory(name="Northshire Social Care", kind=Organisation.Kind.SOCIAL_CARE)
    child = ChildFactory(local_authority=la, first_name="Secret", last_name="Childname")
    # 31 August and 1 September fall in different academic years; 31 March and 1 April in
    # different quarters.
    _appeal(child, "not_assess", date(2025, 8, 31), outcome="upheld", outcome_on=date(2026, 1, 15))
    extended = _appeal(
        child, "plan_contents", date(2025, 9, 1), challenges_section_b=True,
        challenges_section_f=True, challenges_section_i=True, recommendations_section_c=True,
        recommendations_section_g=True, outcome="dismissed", outcome_on=date(2026, 4, 1),
    )  # fmt: skip
    _appeal(child, "amended_plan", date(2026, 3, 31), challenges_section_f=True)
    _appeal(child, "cease", date(2026, 4, 1), outcome="withdrawn", outcome_on=date(2026, 5, 1))
    _appeal(ChildFactory(local_authority=other), "not_assess", date(2025, 10, 10))
    recommendations = [
        Recommendation.objects.create(
            appeal=extended,
            ref=f"r{n}",
            section=section,
            body=body,
            organisation=organisation,
            made_on=date(2026, 3, 20),
            text="Provide the therapy",
        )  # fmt: skip
        for n, (section, body, organisation) in enumerate(
            [
                ("C", "health", icb),
                ("G", "health", icb),
                ("D", "social_care", care),
                ("H2", "social_care", care),
            ]  # fmt: skip
        )
    ]
    _response_row(recommendations[0], "met", date(2026, 4, 24))
    _response_row(recommendations[1], "late", date(2026, 4, 24))
    _response_row(recommendations[2], "overdue", date(2026, 4, 24))
    return {
        "la": la,
        "other": other,
        "caseworker": user_with_role(Role.LA_CASEWORKER, la),
        "manager": user_with_role(Role.LA_MANAGER, la),
    }


def _rows(table: selectors.Table | None) -> dict[str, list[int]]:
    assert table is not None
    return {label: values for label, values in table.rows if any(values)}


def test_appeals_by_decision_section_and_outcome_by_academic_year(scene: dict[str, Any]) -> None:
    figures = selectors.authority_figures(user=scene["caseworker"], authority=scene["la"])
    assert figures.periods == ["2024/25", "2025/26"]
    decisions = _rows(figures.by_decision)
    assert decisions == {
        str(Appeal.Decision.NOT_ASSESS.label): [1, 0],
        str(Appeal.Decision.PLAN_CONTENTS.label): [0, 1],
        str(Appeal.Decision.AMENDED_PLAN.label): [0, 1],
        str(Appeal.Decision.CEASE.label): [0, 1],
    }
    assert figures.by_decision is not None and figures.by_decision.totals == [1, 3]
    sections = _rows(figures.by_section)
    assert sections["Section F: special educational provision"] == [0, 2]
    assert sections["Section I: the school or institution named"] == [0, 1]
    assert sections["Recommendations asked on section G"] == [0, 1]
    assert _rows(figures.by_outcome) == {
        "Appeal upheld": [0, 1],
        "Appeal dismissed": [0, 1],
        "Withdrawn by the family": [0, 1],
    }
    assert figures.measures["2025/26"] == {
        "appeals_registered": Decimal(3),
        "appeals_decided": Decimal(2),
        "pc_found_for_appellant": Decimal("50.0"),
        "pc_refusal_to_assess": Decimal("0.0"),
        "pc_plan_contents": Decimal("66.7"),
    }
    assert figures.measures["2024/25"]["pc_found_for_appellant"] is None  # none decided


def test_the_same_appeals_by_calendar_quarter(scene: dict[str, Any]) -> None:
    figures = selectors.authority_figures(
        user=scene["caseworker"], authority=scene["la"], by="quarter"
    )
    assert figures.periods == ["2025-Q3", "2026-Q1", "2026-Q2"]
    assert figures.by_decision is not None and figures.by_decision.totals == [2, 1, 1]
    assert _rows(figures.by_outcome)["Withdrawn by the family"] == [0, 0, 1]


def test_recommendation_responses_on_time_and_late_by_body(scene: dict[str, Any]) -> None:
    figures = selectors.authority_figures(user=scene["manager"], authority=scene["la"])
    by_body = {(r.body, r.organisation): r for r in figures.responses}
    health = by_body[("Health commissioner", "Northshire ICB")]
    care = by_body[("Social care", "Northshire Social Care")]
    assert (health.counts["met"], health.counts["late"], health.total) == (1, 1, 2)
    assert (care.counts["overdue"], care.total) == (1, 1)
    assert figures.not_calculated == 1  # the fourth has no deadline row yet


def test_a_pending_response_row_past_its_due_date_counts_as_overdue(
    scene: dict[str, Any],
) -> None:
    # The nightly job has not run since the due date passed: the stored row still says pending,
    # and the figures say what the engine says today.
    fourth = Recommendation.objects.get(ref="r3")
    _response_row(fourth, "pending", date(2026, 4, 24))
    figures = selectors.authority_figures(user=scene["manager"], authority=scene["la"])
    care = {(r.body, r.organisation): r for r in figures.responses}[
        ("Social care", "Northshire Social Care")
    ]
    assert (care.counts["overdue"], care.counts["pending"], care.total) == (2, 0, 2)
    assert figures.not_calculated == 0


def test_the_figures_read_as_often_for_many_appeals_as_for_a_few(
    scene: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        selectors.authority_figures(user=scene["manager"], authority=scene["la"])
    for n in range(20):
        child = ChildFactory(local_authority=scene["la"])
        appeal = _appeal(child, "plan_contents", date(2024 + n % 3, 1 + n % 12, 1),
                         challenges_section_f=bool(n % 2))  # fmt: skip
        Recommendation.objects.create(
            appeal=appeal, ref="r0", section="C", body="health",
            organisation=Organisation.objects.get(name="Northshire ICB"),
            made_on=date(2026, 3, 20), text="Provide the therapy",
        )  # fmt: skip
    with django_assert_max_num_queries(len(few)):
        figures = selectors.authority_figures(user=scene["manager"], authority=scene["la"])
    assert figures.by_decision is not None and sum(figures.by_decision.totals) == 24
    assert figures.not_calculated == 21


def test_the_authoritys_figures_beside_the_national_and_regional_ones(
    scene: dict[str, Any],
) -> None:
    published_statistics_import(
        actor=None,
        check_permission=False,
        content=(
            b"period,geography_level,geography_name,measure,value,source\n"
            b"2025/26,national,England,appeals_registered,26500,TSQ 2026\n"
            b"2025/26,national,England,pc_found_for_appellant,98.5,TSQ 2026\n"
            b"2025/26,regional,North East,appeals_registered,1200,TSQ 2026\n"
            b"2025/26,regional,London,appeals_registered,4000,TSQ 2026\n"
            b"2025/26,local_authority,Northshire Council,appeals_registered,4,TSQ 2026\n"
            b"2025/26,local_authority,Southshire Council,appeals_registered,9,TSQ 2026\n"
            b"2025-Q3,national,England,appeals_registered,6900,TSQ 2026\n"
        ),
        filename="tsq.csv",
    )
    figures = selectors.authority_figures(user=scene["caseworker"], authority=scene["la"])
    rows, sources = selectors.comparison(
        user=scene["caseworker"], figures=figures, region="North East"
    )
    by_key = {(r.period, r.measure.key): r for r in rows}
    registered = by_key[("2025/26", "appeals_registered")]
    assert (registered.ours, registered.published_local) == (Decimal(3), Decimal(4))
    assert (registered.national, registered.regional) == (Decimal(26500), Decimal(1200))
    upheld = by_key[("2025/26", "pc_found_for_appellant")]
    assert (upheld.ours, upheld.national, upheld.regional) == (
        Decimal("50.0"),
        Decimal("98.5"),
        None,
    )
    assert not any(period.endswith("Q3") for period, _ in by_key)  # quarters not mixed in
    assert sources == ["TSQ 2026"]
    page = Client()
    page.force_login(scene["caseworker"])
    html = page.get(reverse("reports:index"), {"region": "North East"}).content.decode()
    assert "26500" in html and "1200" in html and "66.7" in html
    assert "Northshire Council beside national and North East figures" in html
    assert "Secret" not in html and "Childname" not in html


def test_the_csv_download_has_the_authoritys_figures_and_no_child_named(
    scene: dict[str, Any],
) -> None:
    client = Client()
    client.force_login(scene["caseworker"])
    response = client.get(reverse("reports:figures-csv"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = response.content.decode()
    assert "Secret" not in text and "Childname" not in text and "Southshire" not in text
    rows = list(csv.DictReader(io.StringIO(text)))
    assert set(rows[0]) == {"period", "geography_level", "geography_name", "measure", "value",
                            "source"}  # fmt: skip
    values = {(r["period"], r["measure"]): r["value"] for r in rows}
    assert values[("2025/26", "appeals_registered")] == "3"
    assert values[("2025/26", "pc_plan_contents")] == "66.7"
    assert values[("2025-Q3", "appeals_registered")] == "2"
    assert values[("2025/26", "appeals_section_i")] == "1"
    assert values[("2025/26", "appeals_outcome_withdrawn")] == "1"
    assert {r["geography_name"] for r in rows} == {"Northshire Council"}
    assert AuditEntry.objects.filter(action="download").count() == 1
    # The download is in the import format: it could be imported back as local figures.
    published_statistics_import(
        actor=None, content=response.content, filename="x", check_permission=False
    )


def test_only_the_authoritys_own_staff_see_its_figures(scene: dict[str, Any]) -> None:
    la, other = scene["la"], scene["other"]
    outsider = user_with_role(Role.LA_CASEWORKER, other)
    icb = Organisation.objects.get(name="Northshire ICB")
    refused = [
        user_with_role(Role.HEALTH_OFFICER, icb),
        user_with_role(Role.PARENT_CARER),
        user_with_role(Role.ADMINISTRATOR),
        user_with_role(Role.MEDIATION_ADVISER, OrganisationFactory(kind="mediation_provider")),
    ]
    for user in refused:
        client = Client()
        client.force_login(user)
        assert client.get(reverse("reports:index")).status_code == 403
        assert client.get(reverse("reports:figures-csv")).status_code == 403
    client = Client()
    client.force_login(outsider)
    assert client.get(reverse("reports:index"), {"la": la.pk}).status_code == 403
    assert client.get(reverse("reports:figures-csv"), {"la": la.pk}).status_code == 403
    assert client.get(reverse("reports:index"), {"la": 999999}).status_code == 404
    assert client.get(reverse("reports:index"), {"la": "x"}).status_code == 404
    own = client.get(reverse("reports:index")).content.decode()
    assert "Southshire Council" in own and "Northshire Council" not in own
    assert Client().get(reverse("reports:index")).status_code == 302
    # Someone at both authorities may choose either.
    both = scene["manager"]
    Membership.objects.create(user=both, organisation=other, role=Role.LA_CASEWORKER)
    client.force_login(both)
    page = client.get(reverse("reports:index"), {"la": other.pk, "by": "quarter"})
    assert page.status_code == 200 and "2025-Q4" in page.content.decode()
    assert not AuditEntry.objects.filter(action="download").exists()
