"""The one word (or phrase) for each status of a deadline, on every page (decision 0124).

The engine's statuses are codes; people read these. "Done in time" is the only way a page says a
step was done by its deadline: not "Met", "Ok" or "On time" (a `not_before` row's `ok`, the final
plan not issued before the family's time to comment was up, is also done in time). A test scans
the templates for the other words."""

from __future__ import annotations

STATUS_WORDS: dict[str, str] = {
    "met": "Done in time",
    "ok": "Done in time",
    "late": "Done late",
    "excepted": "Exception recorded",
    "overdue": "Overdue",
    "pending": "Due",
    "breached": "Too early",
}

#: Words no page uses for a status: each means "Done in time".
NOT_STATUS_WORDS = ("Met", "Ok", "OK", "On time")


def status_words(status: str) -> str:
    return STATUS_WORDS.get(status, status.replace("_", " ").capitalize())
