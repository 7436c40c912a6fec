"""The authority's performance report: rates with their counts from the engine's deadline rows,
by month, term and year; plans with and without exceptions; advice by body; mediation and appeals
per 1,000 plans; no cases shown as such; managers of the authority only; audited; a CSV."""

import csv
import io
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from redress.accounts.models import Organisation
from redress.appeals.models import Appeal
from redress.audit.models import AuditEntry
from redress.casework.models import AdviceRequest, Child, Deadline
from redress.casework.tests import factories
from redress.casework.tests.factories import Role, user_with_role
from redress.mediation.models import MediationCase
from redress.plans.models import Plan
from redress.reports import performance
from redress.reports.periods import term_of

pytestmark = pytest.mark.django_db

ChildFactory: Any = factories.ChildFactory
LocalAuthorityFactory: Any = factories.LocalAuthorityFactory
OrganisationFactory: Any = factories.OrganisationFactory


def _row(child: Child, rule: str, status: str, done: date | None, ref: str = "") -> Deadline:
    return Deadline.objects.create(
        child=child, rule=rule, ref=ref, kind="by", due=date(2026, 3, 1), status=status,
        met_on=done, actor="local_authority", citation="reg", evidence="primary",
        explanation="", title=rule,
    )  # fmt: skip


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def la() -> Organisation:
    return LocalAuthorityFactory(name="Northshire Council")


@pytest.fixture
def manager(la: Organisation) -> Any:
    return user_with_role(Role.LA_MANAGER, la)


def _measure(report: performance.PerformanceReport, key: str) -> dict[str, list[str]]:
    table = next(m for m in report.measures if m.key == key)
    return {period.label: [str(cell) for cell in cells] for period, cells in table.rows}


def test_two_of_three_requests_decided_in_time(la: Organisation, manager: Any) -> None:
    child = ChildFactory(local_authority=la)
    _row(child, "assessment.decision", "met", date(2026, 2, 3))
    _row(child, "assessment.decision", "met", date(2026, 2, 20))
    _row(child, "assessment.decision", "late", date(2026, 2, 27))
    # Not yet decided: not counted in any period.
    _row(child, "assessment.decision", "overdue", None)
    # Another authority's decision is not this authority's.
    _row(ChildFactory(), "assessment.decision", "late", date(2026, 2, 5))
    report = performance.performance_report(user=manager, authority=la, by="month")
    assert _measure(report, "assessment_decisions") == {"February 2026": ["2 of 3 (67%)"]}


def test_a_late_plan_with_an_exception_counts_including_exceptions_only(
    la: Organisation, manager: Any
) -> None:
    child = ChildFactory(local_authority=la)
    _row(child, "plan.final", "met", date(2025, 10, 1))
    _row(child, "plan.final", "late", date(2025, 11, 1))
    _row(child, "plan.final", "excepted", date(2025, 12, 1))
    report = performance.performance_report(user=manager, authority=la, by="term")
    assert _measure(report, "final_plans") == {"Autumn term 2025": ["1 of 3 (33%)", "1 of 2 (50%)"]}


def test_periods_are_calendar_months_terms_and_years(la: Organisation, manager: Any) -> None:
    child = ChildFactory(local_authority=la)
    _row(child, "review.annual", "met", date(2025, 8, 31))
    _row(child, "review.annual", "late", date(2025, 9, 1))
    _row(child, "review.annual", "met", date(2026, 3, 31))
    _row(child, "review.annual", "met", date(2026, 4, 1))

    def rows(by: str) -> dict[str, list[str]]:
        report = performance.performance_report(user=manager, authority=la, by=by)
        return _measure(report, "annual_reviews")

    assert rows("academic_year") == {"2025/26": ["2 of 3 (67%)"], "2024/25": ["1 of 1 (100%)"]}
    assert rows("calendar_year") == {"2026": ["2 of 2 (100%)"], "2025": ["1 of 2 (50%)"]}
    # School census terms: autumn from 1 August; spring to Easter Sunday (5 April 2026).
    assert rows("term") == {
        "Spring term 2026": ["2 of 2 (100%)"], "Autumn term 2025": ["1 of 2 (50%)"]
    }  # fmt: skip
    assert rows("month")["September 2025"] == ["0 of 1 (0%)"]
    assert term_of(date(2026, 4, 5)).last_day == date(2026, 4, 5)
    assert term_of(date(2026, 4, 6)).label == "Summer term 2026"


def test_advice_in_time_by_body(la: Organisation, manager: Any) -> None:
    child = ChildFactory(local_authority=la)
    icb = OrganisationFactory(kind=Organisation.Kind.HEALTH_COMMISSIONER)
    for ref, kind, status in (
        ("adv-1", "health", "met"), ("adv-2", "health", "late"),
        ("adv-3", "psychological", "met"), ("adv-4", "social_care", "late"),
    ):  # fmt: skip
        AdviceRequest.objects.create(
            child=child, ref=ref, advice_type=kind, recipient_organisation=icb, commissioned_by=la,
            date_sent=date(2026, 1, 5),
        )  # fmt: skip
        _row(child, "advice.response", status, date(2026, 2, 10), ref=ref)
    report = performance.performance_report(user=manager, authority=la, by="month")
    table = next(m for m in report.measures if m.key == "advice")
    by_body = dict(zip(table.columns, (str(c) for c in table.rows[0][1]), strict=True))
    assert by_body["Health"] == "1 of 2 (50%)"
    assert by_body["Psychological"] == "1 of 1 (100%)"
    assert by_body["Social care"] == "0 of 1 (0%)"
    assert by_body["Educational"] == "no cases"


def test_mediation_and_appeals_per_thousand_plans(la: Organisation, manager: Any) -> None:
    provider = OrganisationFactory(kind=Organisation.Kind.MEDIATION_PROVIDER)
    children = [ChildFactory(local_authority=la) for _ in range(4)]
    for child in children:
        Plan.objects.create(child=child, status="final", issued_on=date(2025, 6, 1))
    # A plan issued after the month ends is not maintained in it.
    Plan.objects.create(
        child=ChildFactory(local_authority=la), status="final", issued_on=date(2026, 2, 1)
    )
    MediationCase.objects.create(
        child=children[0], provider=provider, decision="plan_contents",
        decision_notice_date=date(2025, 12, 1), adviser_contacted_on=date(2026, 1, 10),
    )  # fmt: skip
    Appeal.objects.create(
        child=children[1], decision="plan_contents", decision_notice_date=date(2025, 12, 1),
        lodged_on=date(2026, 1, 20),
    )  # fmt: skip
    Appeal.objects.create(
        child=children[2], decision="plan_contents", decision_notice_date=date(2025, 12, 1),
        lodged_on=date(2026, 1, 21),
    )  # fmt: skip
    # Steps withdrawn as recorded in error count for nothing.
    withdrawn = {"withdrawn_at": timezone.now(), "withdrawn_reason": "Recorded on the wrong child"}
    Plan.objects.create(child=ChildFactory(local_authority=la), status="final",
                        issued_on=date(2025, 6, 1), **withdrawn)  # fmt: skip
    Appeal.objects.create(
        child=children[3], decision="plan_contents", decision_notice_date=date(2025, 12, 1),
        lodged_on=date(2026, 1, 22), **withdrawn,
    )  # fmt: skip
    report = performance.performance_report(user=manager, authority=la, by="month")
    assert _measure(report, "per_thousand_plans") == {
        "January 2026": ["1 for 4 plans (250.0 per 1,000)", "2 for 4 plans (500.0 per 1,000)"]
    }


def test_no_cases_is_said_not_zero_percent(la: Organisation, manager: Any) -> None:
    # Only an appeal: every rate for the month has nothing to count.
    Appeal.objects.create(
        child=ChildFactory(local_authority=la), decision="not_assess",
        decision_notice_date=date(2026, 1, 1), lodged_on=date(2026, 1, 20),
    )  # fmt: skip
    page = _client(manager).get(reverse("reports:performance"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "no cases" in html
    assert "0%" not in html
    assert "1, no plans maintained" in html
    empty = _client(user_with_role(Role.LA_MANAGER, LocalAuthorityFactory())).get(
        reverse("reports:performance")
    )
    assert empty.status_code == 200
    assert "nothing to measure" in empty.content.decode()


def test_the_page_is_for_the_authoritys_managers_and_audited(
    la: Organisation, manager: Any
) -> None:
    _row(ChildFactory(local_authority=la, first_name="Secretname"), "plan.final", "met",
         date(2026, 1, 5))  # fmt: skip
    client = _client(manager)
    page = client.get(reverse("reports:performance"), {"by": "calendar_year"})
    html = page.content.decode()
    assert "1 of 1 (100%)" in html and "Secretname" not in html
    assert "no-store" in page["Cache-Control"]
    entry = AuditEntry.objects.get(action="view", object_id=str(la.pk))
    assert entry.actor == manager and "performance report" in entry.summary
    assert (
        _client(user_with_role(Role.LA_CASEWORKER, la))
        .get(reverse("reports:performance"))
        .status_code
        == 403
    )
    other = LocalAuthorityFactory()
    assert client.get(reverse("reports:performance"), {"la": other.pk}).status_code == 403
    assert client.get(reverse("reports:performance-csv"), {"la": other.pk}).status_code == 403
    assert Client().get(reverse("reports:performance")).status_code == 302
    assert not manager.has_perm("reports.view_performance", other)
    assert manager.has_perm("reports.view_performance", la)


def test_the_csv_has_counts_and_is_audited(la: Organisation, manager: Any) -> None:
    child = ChildFactory(local_authority=la, first_name="Secretname")
    _row(child, "assessment.decision", "met", date(2026, 2, 3))
    _row(child, "assessment.decision", "late", date(2026, 2, 4))
    response = _client(manager).get(reverse("reports:performance-csv"), {"by": "month"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    body = response.content.decode()
    assert "Secretname" not in body
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0] == list(performance.CSV_HEADER)
    decided = next(r for r in rows if r[1].startswith("Requests for an EHC needs assessment"))
    assert decided == [
        "February 2026", decided[1], "Decided in time", "1", "2", "50", "1 of 2 (50%)"
    ]  # fmt: skip
    assert AuditEntry.objects.filter(action="download", object_id=str(la.pk)).exists()


def test_grouping_happens_in_the_database(
    la: Organisation, manager: Any, django_assert_max_num_queries: Any
) -> None:
    child = ChildFactory(local_authority=la)
    for day in range(1, 29):
        _row(child, "assessment.decision", "met", date(2026, 2, day))
    with django_assert_max_num_queries(10):
        report = performance.performance_report(user=manager, authority=la, by="month")
    assert _measure(report, "assessment_decisions") == {"February 2026": ["28 of 28 (100%)"]}


def test_the_csv_counts_plans_in_one_query_however_many_periods(
    la: Organisation, manager: Any, django_assert_max_num_queries: Any
) -> None:
    child = ChildFactory(local_authority=la)
    Plan.objects.create(child=child, status="final", issued_on=date(2020, 1, 1))
    for year in range(2021, 2027):
        for month in range(1, 13):
            _row(child, "assessment.decision", "met", date(year, month, 2))
    with django_assert_max_num_queries(10):
        report = performance.performance_report(
            user=manager, authority=la, by="month", all_periods=True
        )
    assert len(report.periods) == 72
    per_thousand = next(m for m in report.measures if m.key == "per_thousand_plans")
    assert {cells[0].out_of for _, cells in per_thousand.rows} == {1}
