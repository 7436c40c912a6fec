"""The bulk path: every deadline of many cases in one pass.

Clocks are opened per case by the same planner as the per-case path (`plan_clocks`), so every
legal decision is shared; the date arithmetic and the statuses are then done for all clocks at
once with numpy (`busday_offset` over a holiday array) instead of day by day. The result is
columnar; `BulkDeadlines.rows()` gives the per-case path's fields (without the explanation, which
the per-case path writes when a person reads one deadline).
"""

from __future__ import annotations

import functools
import gc
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import numpy as np
import numpy.typing as npt

from .calendar import FIRST_YEAR, LAST_YEAR, WorkingDayCalendar, default_calendar
from .engine import excuses, plan_clocks
from .events import Event
from .rules import APPEAL_AFTER_CERTIFICATE_MONTHS, TRANSFER_REVIEW_MONTHS

_EPOCH = date(1970, 1, 1)
_NO_DATE = np.iinfo(np.int64).min  # a stop that has not happened

_UNITS = (
    "days",
    "weeks",
    "months",
    "working_days",
    "working_days_before",
    "tribunal_working_days",
    "fixed",
    "directed",
    "later_of",
    "weeks_before",
    "months_before",
    "year_starting_with",
    "transfer_review",
)
_UNIT_CODE = {unit: code for code, unit in enumerate(_UNITS)}
STATUSES = ("met", "late", "pending", "overdue", "excepted", "ok", "breached")
_S = {name: code for code, name in enumerate(STATUSES)}

Days = npt.NDArray[np.int64]


@dataclass
class BulkDeadlines:
    """Deadlines of many cases, one row per deadline, in columns."""

    case: npt.NDArray[np.int64]
    rule: list[str]
    ref: list[str | None]
    actor: list[str]
    kind: list[str]
    due: Days  # days since 1970-01-01
    stop: Days  # _NO_DATE when not done
    status: npt.NDArray[np.int8]
    timings: dict[str, float] = field(default_factory=dict)
    working_day_operations: int = 0

    def __len__(self) -> int:
        return len(self.rule)

    def rows(self) -> Iterator[tuple[int, dict[str, Any]]]:
        """(case index, deadline fields as the per-case path gives them, less the explanation)."""
        due = self.due.astype("datetime64[D]").astype(str)
        for i in range(len(self.rule)):
            stop = int(self.stop[i])
            yield (
                int(self.case[i]),
                {
                    "rule": self.rule[i],
                    "ref": self.ref[i],
                    "kind": self.kind[i],
                    "due": str(due[i]),
                    "status": STATUSES[int(self.status[i])],
                    "met_on": None
                    if stop == _NO_DATE
                    else (_EPOCH + timedelta(days=stop)).isoformat(),
                    "actor": self.actor[i],
                },
            )


@functools.lru_cache(maxsize=8)
def _busdaycalendars(calendar: WorkingDayCalendar) -> tuple[np.busdaycalendar, np.busdaycalendar]:
    holidays = np.array(calendar.weekday_holidays, dtype="datetime64[D]")
    working = np.busdaycalendar(weekmask="1111100", holidays=holidays)
    closed = []
    for year in range(FIRST_YEAR - 1, LAST_YEAR + 2):
        closed.append(np.arange(f"{year}-08-01", f"{year}-09-01", dtype="datetime64[D]"))
        closed.append(np.arange(f"{year}-12-25", f"{year + 1}-01-02", dtype="datetime64[D]"))
    tribunal = np.busdaycalendar(weekmask="1111100", holidays=np.concatenate([holidays, *closed]))
    return working, tribunal


def _to_days(d: date) -> int:
    return d.toordinal() - 719163  # date(1970, 1, 1).toordinal()


def add_months_array(days: Days, months: Days | int) -> Days:
    """Vectorised add_months: the corresponding date, or the month's last day."""
    d = days.astype("datetime64[D]")
    month_start = d.astype("datetime64[M]")
    day_index = (d - month_start.astype("datetime64[D]")).astype(np.int64)
    target = month_start + np.asarray(months, dtype=np.int64)
    last_index = ((target + 1).astype("datetime64[D]") - target.astype("datetime64[D]")).astype(
        np.int64
    ) - 1
    result = target.astype("datetime64[D]") + np.minimum(day_index, last_index)
    days_out: Days = result.astype(np.int64)
    return days_out


def _roll_forward(days: Days, working: np.busdaycalendar) -> Days:
    rolled = np.busday_offset(days.astype("datetime64[D]"), 0, roll="forward", busdaycal=working)
    return rolled.astype(np.int64)


def _appeal_days(anchor: Days, months: Days, second: Days, working: np.busdaycalendar) -> Days:
    due = add_months_array(anchor, months)
    has_certificate = second != _NO_DATE
    if has_certificate.any():
        from_certificate = add_months_array(
            np.where(has_certificate, second, anchor), APPEAL_AFTER_CERTIFICATE_MONTHS
        )
        due = np.where(has_certificate, np.maximum(due, from_certificate), due)
    d = due.astype("datetime64[D]")
    year = d.astype("datetime64[Y]")
    month = (d.astype("datetime64[M]") - year.astype("datetime64[M]")).astype(np.int64) + 1
    day = (d - d.astype("datetime64[M]").astype("datetime64[D]")).astype(np.int64) + 1
    september = (year.astype("datetime64[M]") + 8).astype("datetime64[D]").astype(np.int64)
    next_jan_2 = ((year + 1).astype("datetime64[D]") + 1).astype(np.int64)
    jan_2 = (year.astype("datetime64[D]") + 1).astype(np.int64)
    # HESC Rules r.12(3)(a) for August and 25 Dec-1 Jan, then r.12(2) for any non-working day.
    due = np.where(month == 8, september, due)
    due = np.where((month == 12) & (day >= 25), next_jan_2, due)
    due = np.where((month == 1) & (day == 1), jan_2, due)
    return _roll_forward(due, working)


def compute_bulk(
    cases: Sequence[Sequence[Event]],
    *,
    today: date,
    calendar: WorkingDayCalendar | None = None,
) -> BulkDeadlines:
    """Every deadline of every case (events already validated), in one pass."""
    # The loop makes millions of small objects and no reference cycles; the cyclic collector
    # would rescan every live case on each pass, so it is paused until the pass ends.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _compute_bulk(cases, today, calendar or default_calendar())
    finally:
        if collecting:
            gc.enable()


def _compute_bulk(
    cases: Sequence[Sequence[Event]], today: date, cal: WorkingDayCalendar
) -> BulkDeadlines:
    working, tribunal = _busdaycalendars(cal)
    timings: dict[str, float] = {}
    started = time.perf_counter()

    case_index: list[int] = []
    rule: list[str] = []
    ref: list[str | None] = []
    actor: list[str] = []
    kind: list[str] = []
    unit: list[int] = []
    amount: list[int] = []
    anchor: list[int] = []
    second: list[int] = []
    stop: list[int] = []
    excepted: list[bool] = []
    to_days = _to_days
    unit_code = _UNIT_CODE
    for index, events in enumerate(cases):
        for clock in plan_clocks(events):
            case_index.append(index)
            rule.append(clock.rule.id)
            ref.append(clock.ref)
            actor.append(clock.actor)
            kind.append(clock.rule.kind)
            unit.append(unit_code[clock.unit])
            amount.append(clock.amount)
            anchor.append(to_days(clock.anchor))
            second.append(_NO_DATE if clock.second is None else to_days(clock.second))
            stop.append(_NO_DATE if clock.stop is None else to_days(clock.stop))
            excepted.append(excuses(clock))
    timings["plan"] = time.perf_counter() - started

    started = time.perf_counter()
    units = np.array(unit, dtype=np.int8)
    amounts = np.array(amount, dtype=np.int64)
    anchors = np.array(anchor, dtype=np.int64)
    seconds = np.array(second, dtype=np.int64)
    stops = np.array(stop, dtype=np.int64)
    due = np.empty_like(anchors)
    working_ops = 0
    working_seconds = 0.0
    for code, name in enumerate(_UNITS):
        mask = units == code
        if not mask.any():
            continue
        a, n = anchors[mask], amounts[mask]
        if name == "days":
            due[mask] = a + n
        elif name == "weeks":
            due[mask] = a + 7 * n
        elif name == "weeks_before":
            due[mask] = a - 7 * n
        elif name == "months":
            due[mask] = add_months_array(a, n)
        elif name == "months_before":
            due[mask] = add_months_array(a, -n)
        elif name == "year_starting_with":
            # The last day of the n months starting with the anchor (CFA s.44(1)).
            due[mask] = add_months_array(a - 1, n)
        elif name == "transfer_review":
            # Reg 15(5): the later of that and TRANSFER_REVIEW_MONTHS from the transfer (second).
            due[mask] = np.maximum(
                add_months_array(a - 1, n), add_months_array(seconds[mask], TRANSFER_REVIEW_MONTHS)
            )
        elif name in ("fixed",):
            due[mask] = a
        elif name == "later_of":
            due[mask] = _appeal_days(a, n, seconds[mask], working)
        else:
            t0 = time.perf_counter()
            dates = a.astype("datetime64[D]")
            if name == "working_days":
                result = np.busday_offset(dates, n, roll="backward", busdaycal=working)
            elif name == "working_days_before":
                result = np.busday_offset(dates, -n, roll="forward", busdaycal=working)
            elif name == "tribunal_working_days":
                result = np.busday_offset(dates, n, roll="backward", busdaycal=tribunal)
            else:  # directed: a date the tribunal set, moved off a non-working day (r.12(2))
                result = np.busday_offset(dates, 0, roll="forward", busdaycal=working)
            due[mask] = result.astype(np.int64)
            working_ops += int(mask.sum())
            working_seconds += time.perf_counter() - t0
    timings["arithmetic"] = time.perf_counter() - started
    timings["working_day_arithmetic"] = working_seconds

    started = time.perf_counter()
    status = _statuses(
        np.array([k == "not_before" for k in kind], dtype=bool),
        due,
        stops,
        _to_days(today),
        np.array(excepted, dtype=bool),
    )
    timings["status"] = time.perf_counter() - started
    return BulkDeadlines(
        case=np.array(case_index, dtype=np.int64),
        rule=rule,
        ref=ref,
        actor=actor,
        kind=kind,
        due=due,
        stop=stops,
        status=status,
        timings=timings,
        working_day_operations=working_ops,
    )


def _statuses(
    not_before: npt.NDArray[np.bool_],
    due: Days,
    stop: Days,
    today: int,
    excepted: npt.NDArray[np.bool_],
) -> npt.NDArray[np.int8]:
    done = stop != _NO_DATE
    on_time = done & (stop <= due)
    status = np.where(
        on_time,
        _S["met"],
        np.where(
            excepted,
            _S["excepted"],
            np.where(done, _S["late"], np.where(due >= today, _S["pending"], _S["overdue"])),
        ),
    )
    before = np.where(done, np.where(stop >= due, _S["ok"], _S["breached"]), _S["pending"])
    return np.where(not_before, before, status).astype(np.int8)
