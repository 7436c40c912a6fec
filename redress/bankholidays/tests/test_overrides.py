"""Bank-holiday overrides change the working-day calendar the engine counts with."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import Client

from redress.bankholidays.models import BankHolidayOverride
from redress.bankholidays.selectors import (
    database_ready,
    working_day_calendar,
    working_day_calendar_if_available,
)
from redress.statutory import default_calendar

MONDAY = date(2027, 6, 7)  # an ordinary working day in the built-in calendar
EARLY_MAY = date(2027, 5, 3)  # the early May bank holiday in the built-in calendar

pytestmark = pytest.mark.django_db


def test_built_in_calendar_is_used_when_there_are_no_overrides() -> None:
    calendar = working_day_calendar()
    assert calendar.is_working_day(MONDAY)
    assert not calendar.is_working_day(EARLY_MAY)


def test_an_added_date_becomes_a_holiday_with_its_name() -> None:
    BankHolidayOverride.objects.create(
        date=MONDAY, action="add", name="Bank holiday for a royal event", reason="Proclaimed."
    )
    calendar = working_day_calendar()
    assert not calendar.is_working_day(MONDAY)
    assert calendar.holiday_name(MONDAY) == "Bank holiday for a royal event"
    # Counting working days now skips it: Friday 4 June + 1 working day is Tuesday 8 June.
    assert calendar.add_working_days(date(2027, 6, 4), 1) == date(2027, 6, 8)
    assert default_calendar().is_working_day(MONDAY)


def test_a_removed_date_becomes_a_working_day() -> None:
    BankHolidayOverride.objects.create(
        date=EARLY_MAY, action="remove", reason="Moved by proclamation."
    )
    calendar = working_day_calendar_if_available()
    assert calendar.is_working_day(EARLY_MAY)


def test_the_safe_selector_reads_the_table_when_the_database_is_ready() -> None:
    assert database_ready()
    BankHolidayOverride.objects.create(date=MONDAY, action="add", name="X", reason="Y")
    assert not working_day_calendar_if_available().is_working_day(MONDAY)


def test_the_safe_selector_falls_back_when_the_table_is_missing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    BankHolidayOverride.objects.create(date=MONDAY, action="add", name="X", reason="Y")
    monkeypatch.setattr(BankHolidayOverride._meta, "db_table", "no_such_table")
    assert not database_ready()
    assert working_day_calendar_if_available().is_working_day(MONDAY)


def test_an_added_holiday_needs_a_name() -> None:
    override = BankHolidayOverride(date=MONDAY, action="add", name="", reason="Proclaimed.")
    with pytest.raises(ValidationError) as exc:
        override.full_clean()
    assert "name" in exc.value.message_dict


def test_changes_are_kept_in_history() -> None:
    override = BankHolidayOverride.objects.create(
        date=MONDAY, action="add", name="First name", reason="Proclaimed."
    )
    override.name = "Corrected name"
    override.save()
    assert [h.name for h in override.history.order_by("history_date")] == [
        "First name",
        "Corrected name",
    ]


def test_the_public_page_lists_the_overrides(client: Client) -> None:
    html = client.get("/bank-holidays/").content.decode()
    assert "There are no changes" in html
    BankHolidayOverride.objects.create(
        date=MONDAY, action="add", name="Bank holiday for a royal event", reason="Proclaimed."
    )
    BankHolidayOverride.objects.create(date=EARLY_MAY, action="remove", reason="Moved.")
    html = client.get("/bank-holidays/").content.decode()
    assert "Monday 7 June 2027" in html
    assert "Bank holiday for a royal event" in html
    assert "Holiday added" in html
    assert "Monday 3 May 2027" in html
    assert "Holiday removed" in html
    assert html.index("3 May 2027") < html.index("7 June 2027")


def test_an_administrator_adds_a_holiday_in_the_admin(client: Client) -> None:
    admin = get_user_model().objects.create_superuser("boss", "boss@example.invalid", "pw-12345")
    client.force_login(admin)
    response = client.post(
        "/admin/bankholidays/bankholidayoverride/add/",
        {"date": "2027-06-07", "action": "add", "name": "Royal event", "reason": "Proclaimed."},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    override = BankHolidayOverride.objects.get()
    assert override.created_by == admin
    assert not working_day_calendar().is_working_day(MONDAY)
