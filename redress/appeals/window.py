"""The family's appeal window, from the statutory engine, told in plain English.

The last day comes from `redress.statutory.compute_events` (rule `appeal.lodge`) with England's
working-day calendar; the two periods it compares are shown with the engine's own calendar
helpers, so no date here is worked out any other way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from redress.bankholidays.selectors import working_day_calendar
from redress.statutory import add_months, compute_events, parse_document
from redress.statutory.engine import today_in_london

WINDOW_REF = "decision"


@dataclass
class AppealWindow:
    decision_date: date
    certificate_date: date | None
    school_only: bool
    last_day: date
    explanation: str
    citation: str
    from_decision: date
    from_certificate: date | None
    later: date
    moved_because: str  # "", "august", "christmas", "weekend", "holiday"
    holiday_name: str
    passed: bool
    today: date
    contact_adviser_by: date | None
    steps: list[str] = field(default_factory=list)

    @property
    def certificate_is_later(self) -> bool:
        return self.from_certificate is not None and self.from_certificate > self.from_decision


def appeal_window(
    *, decision_date: date, certificate_date: date | None, school_only: bool = False
) -> AppealWindow:
    # One decision, named, with its own certificate: the engine keeps a window per decision.
    events: list[dict[str, object]] = [
        {
            "type": "decision_notice_sent",
            "date": decision_date.isoformat(),
            "certificate_required": not school_only,
            "ref": WINDOW_REF,
        }
    ]
    if certificate_date is not None:
        events.append(
            {"type": "certificate_issued", "date": certificate_date.isoformat(), "ref": WINDOW_REF}
        )
    today = today_in_london()
    calendar = working_day_calendar()
    _, parsed = parse_document({"events": events})
    results = {r["rule"]: r for r in compute_events(parsed, today=today, calendar=calendar)}
    lodge = results["appeal.lodge"]
    last_day = date.fromisoformat(lodge["due"])
    from_decision = add_months(decision_date, 2)
    from_certificate = add_months(certificate_date, 1) if certificate_date else None
    later = max(from_decision, from_certificate or from_decision)
    moved_because, holiday_name = "", ""
    if last_day != later:
        if later.month == 8:
            moved_because = "august"
        elif (later.month, later.day) >= (12, 25) or (later.month, later.day) <= (1, 1):
            moved_because = "christmas"
        elif later.weekday() >= 5:
            moved_because = "weekend"
        else:
            moved_because = "holiday"
            holiday_name = calendar.holiday_name(later) or "a bank holiday"
    contact = results.get("mediation.contact_adviser")
    return AppealWindow(
        decision_date=decision_date,
        certificate_date=certificate_date,
        school_only=school_only,
        last_day=last_day,
        explanation=lodge["explanation"],
        citation=lodge["citation"],
        from_decision=from_decision,
        from_certificate=from_certificate,
        later=later,
        moved_because=moved_because,
        holiday_name=holiday_name,
        passed=last_day < today,
        today=today,
        contact_adviser_by=(
            date.fromisoformat(contact["due"])
            if contact and certificate_date is None and not school_only
            else None
        ),
    )
