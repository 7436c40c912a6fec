"""A recorded step's history for its correction page (decision 0100): every saved version,
newest first, with who saved it, when and why, showing only the fields the page names.

Pages pass the fields a reader of that page may see, so a field kept from some readers (a
mediator's discussion notes, say) never reaches the history either.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from django.db import models

from redress.statutory.calendar import format_long_date


def _shown(record: Any, field: models.Field[Any, Any]) -> str:
    value = getattr(record, field.attname)
    if value in (None, ""):
        return "Not recorded"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        return format_long_date(value.date())
    if isinstance(value, date):
        return format_long_date(value)
    return str(value)


def step_history(step: models.Model, fields: Sequence[str]) -> list[dict[str, Any]]:
    """Each saved version of `step`, newest first: `when`, `who`, `why` and `values`
    (label and value of each of `fields`)."""
    model = type(step)
    chosen: list[models.Field[Any, Any]] = []
    for name in fields:
        field = model._meta.get_field(name)
        assert isinstance(field, models.Field)  # the pages name concrete fields only
        chosen.append(field)
    rows = []
    for record in step.history.select_related("history_user").order_by(  # type: ignore[attr-defined]
        "-history_date", "-history_id"
    ):
        user = record.history_user
        rows.append(
            {
                "when": record.history_date,
                "who": (user.get_full_name() or user.username) if user is not None else "",
                "why": record.history_change_reason or "",
                "values": [
                    (
                        str(field.verbose_name)[:1].upper() + str(field.verbose_name)[1:],
                        _shown(record, field),
                    )
                    for field in chosen
                ],
            }
        )
    return rows
