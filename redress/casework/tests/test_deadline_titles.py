"""A rule id with several catalogue rows (an order's plan steps) shows the right row's title."""

from datetime import date

from redress.casework.deadlines import deadline_title
from redress.statutory import compute_events, parse_document


def _titles(order: str) -> dict[str, str]:
    _, events = parse_document(
        {"events": [{"type": "tribunal_order", "date": "2026-06-01", "order": order}]}
    )
    results = compute_events(events, today=date(2026, 6, 2))
    return {r["rule"]: deadline_title(r["rule"], r["citation"]) for r in results}


def test_an_order_to_amend_the_contents_is_not_titled_as_a_change_of_school():
    assert _titles("amend_contents")["order.amended_plan"] == (
        "Issue the amended plan after an order to amend its contents"
    )
    assert _titles("amend_school")["order.amended_plan"] == (
        "Issue the amended plan after an order to change the school named"
    )


def test_the_final_plan_after_an_order_to_assess_is_titled_for_that_order():
    assert _titles("assess")["order.final_plan"] == "Issue the final plan after an order to assess"
    assert _titles("make_plan")["order.final_plan"] == (
        "Issue the final plan after an order to make a plan"
    )


def test_an_unknown_citation_falls_back_to_the_rule_title():
    assert deadline_title("order.final_plan", "something else").startswith("Issue the final plan")
