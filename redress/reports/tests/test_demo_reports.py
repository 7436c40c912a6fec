"""The demo loads the sample published statistics, and its manager sees them on the reports
page beside the demo authority's own figures."""

from collections.abc import Iterator
from datetime import date

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from redress.casework.demo import LA_NAME, demo_load
from redress.conftest import DemoDatabase
from redress.reports.models import PublishedStatistic

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 25)


@pytest.fixture(scope="module")
def demo(demo_database: DemoDatabase) -> Iterator[None]:
    with demo_database(children=12, today=TODAY):
        yield


@time_machine.travel(TODAY)
def test_the_demo_loads_the_sample_statistics_once(demo: None) -> None:
    national = PublishedStatistic.objects.get(
        period="2024/25", geography_level="national", measure="appeals_registered"
    )
    assert national.value == 25000 and "not official statistics" in national.source
    assert PublishedStatistic.objects.filter(geography_name=LA_NAME).exists()
    count = PublishedStatistic.objects.count()
    demo_load(password=settings.REDRESS_DEMO_PASSWORD, children=12)  # a second load adds nothing
    assert PublishedStatistic.objects.count() == count
    client = Client()
    client.force_login(get_user_model().objects.get(username="manager"))
    page = client.get(reverse("reports:index"), {"region": "Yorkshire and The Humber"})
    assert page.status_code == 200
    assert "25000" in page.content.decode() and "1900" in page.content.decode()
