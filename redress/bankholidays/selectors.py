"""Read the bank-holiday overrides as the engine's working-day calendar."""

from __future__ import annotations

import logging
import os
from datetime import date

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

from redress.bankholidays.models import BankHolidayOverride
from redress.statutory import WorkingDayCalendar, default_calendar

logger = logging.getLogger(__name__)


def overrides_in_force() -> list[BankHolidayOverride]:
    """Every override, earliest date first."""
    return list(BankHolidayOverride.objects.order_by("date"))


def working_day_calendar() -> WorkingDayCalendar:
    """England's working-day calendar with the override table applied.

    Queries the database; use `working_day_calendar_if_available()` where the database may be
    missing or not migrated.
    """
    added: list[date] = []
    removed: list[date] = []
    names: dict[date, str] = {}
    for override in BankHolidayOverride.objects.order_by("date"):
        if override.action == BankHolidayOverride.Action.ADD:
            added.append(override.date)
            if override.name:
                names[override.date] = override.name
        else:
            removed.append(override.date)
    return WorkingDayCalendar(added=added, removed=removed, names=names)


def database_ready(alias: str = DEFAULT_DB_ALIAS) -> bool:
    """True when the database can be reached and holds the override table.

    Never creates anything: a SQLite database file that does not exist yet is "not ready"
    (opening it would create an empty file).
    """
    connection = connections[alias]
    settings_dict = connection.settings_dict
    if connection.vendor == "sqlite":
        name = str(settings_dict.get("NAME") or "")
        in_memory = name == ":memory:" or "mode=memory" in name or name.startswith("file:")
        if not in_memory and not os.path.exists(name):
            return False
    try:
        with connection.cursor() as cursor:
            tables = connection.introspection.table_names(cursor)
    except DatabaseError as exc:
        logger.info("Database not reachable (%s); using the built-in calendar.", exc)
        return False
    return BankHolidayOverride._meta.db_table in tables


def working_day_calendar_if_available() -> WorkingDayCalendar:
    """`working_day_calendar()` when the database is ready, else the built-in calendar."""
    if not database_ready():
        return default_calendar()
    try:
        return working_day_calendar()
    except DatabaseError as exc:
        logger.warning(
            "Could not read bank-holiday overrides (%s); using the built-in calendar", exc
        )
        return default_calendar()
