"""The statutory deadline engine: pure Python, no Django.

Apps record dated events; this package turns them into deadlines with their legal source and
the arithmetic behind them. See docs/deadline-engine.md.
"""

from .calendar import WorkingDayCalendar, add_days, add_months, add_weeks, default_calendar
from .engine import compute, compute_events, compute_traced, plan_clocks, resolve
from .events import EVENT_TYPES, Event, InputError, parse_document
from .rules import RULE_IDS, RULES, Rule, rule_row

__all__ = [
    "EVENT_TYPES",
    "RULES",
    "RULE_IDS",
    "Event",
    "InputError",
    "Rule",
    "WorkingDayCalendar",
    "add_days",
    "add_months",
    "add_weeks",
    "compute",
    "compute_events",
    "compute_traced",
    "default_calendar",
    "parse_document",
    "plan_clocks",
    "resolve",
    "rule_row",
]
