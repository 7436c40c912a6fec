"""The dashboard reads one page of every section in a single query: the same rows, in the same
order, as reading each section on its own, for every sort and every page, over the demo."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
import time_machine
from django.contrib.auth import get_user_model

from redress.casework import selectors

TODAY = date(2026, 11, 25)
PER_PAGE = 7  # small pages, so each section has several


@pytest.fixture(scope="module")
def demo(demo_database: Any) -> Iterator[None]:
    with demo_database(children=200, today=TODAY):
        yield


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["caseworker", "manager"])
def test_one_query_gives_each_sections_own_pages(demo: None, username: str) -> None:
    user = get_user_model().objects.get(username=username)
    with time_machine.travel(TODAY, tick=False):
        dates = selectors.DashboardDates.on(TODAY)
        filters = selectors.DeadlineFilters()
        counts = selectors.dashboard_counts(user, filters, dates)
        assert sum(counts.values()) > 3 * PER_PAGE  # the check below has pages to compare
        for sort in selectors.DASHBOARD_SORTS:
            pages = max(-(-count // PER_PAGE) for count in counts.values())
            for number in range(1, pages + 1):
                wanted = {
                    section: ((number - 1) * PER_PAGE + 1, number * PER_PAGE)
                    for section, count in counts.items()
                    if count
                }
                together = selectors.dashboard_section_pages(
                    user, filters, dates, sort, wanted=wanted
                )
                for section in wanted:
                    alone = list(
                        selectors.dashboard_section(user, filters, section, dates, sort)[
                            (number - 1) * PER_PAGE : number * PER_PAGE
                        ]
                    )
                    assert [d.pk for d in together[section]] == [d.pk for d in alone], (
                        sort,
                        section,
                        number,
                    )
