"""The appeal window's step-by-step breakdown is the engine's own computation, so the page that
explains it can never tell a family a different story from the date it gives them."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from redress.statutory import compute_events, default_calendar, parse_document
from redress.statutory.engine import appeal_window_steps


def _engine_due(notice: date, certificate: date | None) -> date:
    events: list[dict[str, object]] = [
        {"type": "decision_notice_sent", "date": notice.isoformat(), "certificate_required": True}
    ]
    if certificate is not None:
        events.append({"type": "certificate_issued", "date": certificate.isoformat()})
    _, parsed = parse_document({"events": events})
    rows = compute_events(parsed, today=notice, calendar=default_calendar())
    (lodge,) = [r for r in rows if r["rule"] == "appeal.lodge"]
    return date.fromisoformat(lodge["due"])


def _steps(notice: date, certificate: date | None):  # type: ignore[no-untyped-def]
    return appeal_window_steps(
        notice_type="decision_notice_sent",
        notice=notice,
        months=2,
        certificate=certificate,
        cal=default_calendar(),
    )


@settings(max_examples=300, deadline=None)
@given(
    notice=st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)),
    certificate_after=st.one_of(st.none(), st.integers(min_value=0, max_value=70)),
)
def test_the_breakdown_ends_on_the_engines_last_day(
    notice: date, certificate_after: int | None
) -> None:
    certificate = None if certificate_after is None else notice + timedelta(certificate_after)
    assert _steps(notice, certificate).due == _engine_due(notice, certificate)


def test_a_window_ending_in_august_moves_to_the_first_working_day_of_september() -> None:
    # 2 months from 20 June 2026 is 20 August; the Tribunal's closed August moves it to
    # Tuesday 1 September 2026 (r.12(3)(a)).
    steps = _steps(date(2026, 6, 20), None)
    assert (steps.from_notice, steps.later) == (date(2026, 8, 20), date(2026, 8, 20))
    assert (steps.due, steps.moved_because) == (date(2026, 9, 1), "august")


def test_a_later_certificate_sets_the_window_and_christmas_moves_it() -> None:
    # Decision 1 October 2026 (2 months: 1 December); certificate 27 November (1 month:
    # 27 December, inside 25 December to 1 January): the first working day after is 4 January
    # 2027, since 2 January 2027 is a Saturday.
    steps = _steps(date(2026, 10, 1), date(2026, 11, 27))
    assert steps.from_certificate == date(2026, 12, 27)
    assert steps.later == date(2026, 12, 27)
    assert (steps.due, steps.moved_because) == (date(2027, 1, 4), "christmas")


def test_a_window_ending_on_a_bank_holiday_moves_to_the_next_working_day() -> None:
    # Easter Sunday 2027 is 28 March: a notice on 26 January 2027 gives 2 months ending on Good
    # Friday, 26 March, and Easter Monday is a bank holiday too, so the last day is Tuesday.
    steps = _steps(date(2027, 1, 26), None)
    assert steps.later == date(2027, 3, 26)
    assert steps.moved_because == "holiday"
    assert steps.due == date(2027, 3, 30)
