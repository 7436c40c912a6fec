"""A phase transfer recorded with a ref is met only by an amended plan made for it
(`transfer_ref`); without a ref, any amended plan on or after it, as before (decision 0109)."""

from __future__ import annotations

from .conftest import ev, pick, run


def _due(ref: str | None = None) -> dict:
    fields = {"transfer": "school", "year": 2027}
    if ref is not None:
        fields["ref"] = ref
    return ev("phase_transfer_due", "2026-09-01", **fields)


def test_an_amendment_for_something_else_does_not_meet_a_transfer_with_a_ref():
    events = [_due("phase_transfer-1"), ev("amended_plan_issued", "2026-11-02")]
    row = pick(run(events, today="2027-03-01"), "phase_transfer.amend")
    # Before 15 February 2027: due Sun 14 Feb 2027, not met.
    assert (row["due"], row["status"]) == ("2027-02-14", "overdue")


def test_the_amendment_made_for_the_transfer_meets_it():
    events = [
        _due("phase_transfer-1"),
        ev("amended_plan_issued", "2026-11-02", transfer_ref="phase_transfer-2"),
        ev("amended_plan_issued", "2027-02-14", transfer_ref="phase_transfer-1"),
    ]
    row = pick(run(events, today="2027-03-01"), "phase_transfer.amend")
    assert (row["status"], row["met_on"]) == ("met", "2027-02-14")


def test_without_a_ref_any_later_amendment_meets_it_as_before():
    events = [_due(), ev("amended_plan_issued", "2026-11-02")]
    row = pick(run(events, today="2027-03-01"), "phase_transfer.amend")
    assert (row["status"], row["met_on"]) == ("met", "2026-11-02")
