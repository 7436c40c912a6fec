"""The family's appeal window, from the statutory engine, told in plain English.

The last day comes from `redress.statutory.compute_events` (rule `appeal.lodge`) with England's
working-day calendar; the steps shown on the page (the two periods compared, the later one, and
why it moved) are the engine's own breakdown of that computation, so no date here is worked out
any other way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from redress.bankholidays.selectors import working_day_calendar
from redress.statutory import compute_events, parse_document, rule_row
from redress.statutory.engine import appeal_window_steps, today_in_london
from redress.statutory.rules import APPEAL_AFTER_CERTIFICATE_MONTHS

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
    # The two periods in words, from the rule catalogue ("2 months", "1 month").
    notice_period: str = ""
    certificate_period: str = ""
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
    months = rule_row("appeal.lodge").amount or 0
    steps = appeal_window_steps(
        notice_type="decision_notice_sent",
        notice=decision_date,
        months=months,
        certificate=certificate_date,
        cal=calendar,
    )
    holiday_name = ""
    if steps.moved_because == "holiday":
        holiday_name = calendar.holiday_name(steps.later) or "a bank holiday"
    contact = results.get("mediation.contact_adviser")
    return AppealWindow(
        decision_date=decision_date,
        certificate_date=certificate_date,
        school_only=school_only,
        last_day=last_day,
        explanation=lodge["explanation"],
        citation=lodge["citation"],
        from_decision=steps.from_notice,
        from_certificate=steps.from_certificate,
        later=steps.later,
        moved_because=steps.moved_because,
        holiday_name=holiday_name,
        passed=last_day < today,
        notice_period=_months(months),
        certificate_period=_months(APPEAL_AFTER_CERTIFICATE_MONTHS),
        today=today,
        contact_adviser_by=(
            date.fromisoformat(contact["due"])
            if contact and certificate_date is None and not school_only
            else None
        ),
    )


def _months(n: int) -> str:
    return f"{n} month{'s' if n != 1 else ''}"
