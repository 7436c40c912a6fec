"""The bulk path and the per-case path give the same deadlines, case by case, including the
review meeting clocks counted back from a meeting date, a cessation outside a review, and
revision 2's rules (transfers in, re-assessments, post-16 moves, one appeal window per
decision)."""

from __future__ import annotations

from datetime import date

from bench.generate import synthetic_cases
from redress.statutory.bulk import compute_bulk
from redress.statutory.engine import compute_events
from redress.statutory.events import parse_document

FIELDS = ("rule", "ref", "kind", "due", "status", "met_on", "actor")
TODAY = date(2026, 12, 1)


def _per_case(cases):
    return [
        sorted(tuple(d[f] or "" for f in FIELDS) for d in compute_events(events, today=TODAY))
        for events in cases
    ]


def _bulk(cases):
    found: list[list[tuple]] = [[] for _ in cases]
    for index, row in compute_bulk(cases, today=TODAY).rows():
        found[index].append(tuple(row[f] or "" for f in FIELDS))
    return [sorted(rows) for rows in found]


def test_bulk_agrees_with_per_case_on_synthetic_cases():
    cases = list(synthetic_cases(3000, seed=8))
    assert _bulk(cases) == _per_case(cases)
    rules = {row[0] for rows in _per_case(cases) for row in rows}
    assert {"review.meeting_notice", "review.advice_circulated"} <= rules
    assert "review.amendment_representations" in rules
    # Revision 2's rules and variants are among them, so the agreement covers them too.
    assert {
        "transfer.notify",
        "reassessment.decision",
        "reassessment.final_plan",
        "order.plan_decision",
    } <= rules
    refs = {(row[0], row[1]) for rows in _per_case(cases) for row in rows}
    assert {("appeal.lodge", "cease"), ("appeal.lodge", "plan"), ("appeal.lodge", "")} <= refs


def test_bulk_agrees_on_a_meeting_after_christmas():
    _, events = parse_document(
        {
            "events": [
                {"type": "final_plan_issued", "date": "2026-01-09"},
                {
                    "type": "review_meeting_scheduled",
                    "date": "2026-11-20",
                    "meeting_date": "2027-01-08",
                },
                {"type": "review_invitations_sent", "date": "2026-12-29"},
                {"type": "cessation_decided", "date": "2027-02-01"},
            ]
        }
    )
    per_case = _per_case([events])
    assert _bulk([events]) == per_case
    assert ("review.meeting_notice", "", "by", "2026-12-25", "late", "2026-12-29",
            "local_authority") in per_case[0]  # fmt: skip
    assert not [row for row in per_case[0] if row[0] == "review.annual"]
