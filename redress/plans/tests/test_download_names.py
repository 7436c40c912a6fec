"""The plan's Word file is named from the child's surname, whatever it holds."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from redress.plans.tests.helpers import ChildFactory, caseworker_for, ready_plan

pytestmark = pytest.mark.django_db


def _download(last_name: str) -> Any:
    child = ChildFactory(first_name="Amara", last_name=last_name)
    actor = caseworker_for(child)
    plan = ready_plan(child, actor)
    client = Client()
    client.force_login(actor)
    return client.get(reverse("plans:docx", args=[plan.pk]))


@time_machine.travel(date(2026, 11, 29))
def test_a_polish_surname_survives_in_the_file_name() -> None:
    response = _download("Błaszczyk")
    assert response.status_code == 200
    assert (
        response["Content-Disposition"]
        == "attachment; filename*=utf-8''ehc-plan-b%C5%82aszczyk-v1.docx"
    )


@time_machine.travel(date(2026, 11, 29))
@pytest.mark.parametrize(
    "last_name",
    ["x\"; filename*=UTF-8''evil.exe", "Smith\r\nSet-Cookie: a=b", "Smith\nX-Evil: 1"],
)
def test_a_surname_cannot_change_the_file_name_or_break_the_download(last_name: str) -> None:
    response = _download(last_name)
    assert response.status_code == 200
    header = response["Content-Disposition"]
    # One quoted name and nothing after it: no second parameter, no header of its own.
    assert re.fullmatch(r'attachment; filename="ehc-plan-[^";\\]*-v1\.docx"', header), header
    assert "Set-Cookie" not in response and "X-Evil" not in response
