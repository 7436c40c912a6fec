"""A document that uses none of revision 2's events or fields gives revision 1's output, apart from
the deliberate corrections of revision 2:

- `review.annual` (the plan first made and each review start it; the period ends the day before
  the anniversary);
- `assessment.decision` when an exception is recorded against a refusal to assess (never
  excepted now);
- `phase_transfer.amend` when a review decides to maintain the plan (that meets the duty now);
- `order.plan_decision`, a new row after every order to assess;
- a problem listing the allowed values of `phase_transfer_due`'s `transfer` or
  `order_step_done`'s `step` lists revision 2's new ones too.

Revision 1's behaviour is recorded in `data/revision1_outputs.jsonl`: 601 documents, one a line,
each with the deadlines revision 1's engine gave for it (`deadlines`: the fields in FIELDS) or the
problems it refused it with (`problems`). They were made once, by a seeded generator run against
revision 1's engine before it was retired: 300 documents of up to 9 events of any type at random,
250 cases told in order (an assessment, a review year, a mediation, an appeal and its orders, with
steps skipped, late or excepted, starting on awkward dates: Christmas, Easter, month ends, leap
days), 50 of those cases with a caller's mistakes in them, and the document of
`test_a_revision1_document_with_every_correction`. Every revision 1 event type occurs in an
accepted document, and every rule of revision 1 gives a deadline somewhere. The file is never
edited: a difference from it is either a regression or a new deliberate correction, listed above
and in `_deliberately_changed`.

Today's engine is compared deadline by deadline on every field but the wording (citation,
evidence and explanation were corrected too); a document revision 1 refused, today's engine
refuses with the same problems.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from redress.statutory import InputError, compute
from redress.statutory.rules import RULE_IDS

FIELDS = ("rule", "ref", "kind", "due", "status", "met_on", "actor")
CORPUS = [
    json.loads(line)
    for line in (Path(__file__).parent / "data" / "revision1_outputs.jsonl")
    .read_text()
    .splitlines()
]
BY_ID = {entry["id"]: entry for entry in CORPUS}


def _deliberately_changed(document: dict[str, Any], row: dict[str, Any]) -> bool:
    events = document["events"]
    rule = row["rule"]
    if rule in ("review.annual", "order.plan_decision"):
        return True
    if rule == "assessment.decision":
        return any(
            e["type"] == "exception_recorded" and e["rule"] == "assessment.decision" for e in events
        ) and any(e.get("decision") == "not_assess" for e in events)
    if rule == "phase_transfer.amend":
        return any(e["type"] == "review_decision" and e["decision"] == "maintain" for e in events)
    return False


# The values revision 2 added to enumerations, as today's problems list them.
_NEW_VALUES = (", post16_move", ", plan_decision")


def _as_revision1(problem: str) -> str:
    if "must be one of" in problem:
        for value in _NEW_VALUES:
            problem = problem.replace(value, "")
    return problem


def _recorded(entry: dict[str, Any]) -> list[dict[str, Any]]:
    return [dict(zip(FIELDS, row, strict=True)) for row in entry["deadlines"]]


def _rows(document: dict[str, Any], deadlines: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return sorted(
        tuple(d[f] or "" for f in FIELDS)
        for d in deadlines
        if not _deliberately_changed(document, d)
    )


def test_the_corpus_covers_revision1():
    # The corpus is only as strong as its breadth: every kind of outcome is in it.
    accepted = [e for e in CORPUS if "deadlines" in e]
    assert len(accepted) >= 450 and len(CORPUS) - len(accepted) >= 100
    statuses = {row[4] for entry in accepted for row in entry["deadlines"]}
    assert statuses == {"met", "late", "pending", "overdue", "excepted", "ok"}
    types = {e["type"] for entry in accepted for e in entry["document"]["events"]}
    assert len(types) == 40
    # Revision 1's 31 rules all give deadlines somewhere, and every one is still in the catalogue.
    rules = {row[0] for entry in accepted for row in entry["deadlines"]}
    assert len(rules) == 31 and rules <= set(RULE_IDS)


@pytest.mark.parametrize("entry", CORPUS, ids=[entry["id"] for entry in CORPUS])
def test_revision1_documents_give_revision1_output(entry):
    document = entry["document"]
    if "problems" in entry:
        with pytest.raises(InputError) as refused:
            compute(document)
        assert [_as_revision1(p) for p in refused.value.problems] == entry["problems"]
        return
    new = compute(document)
    assert _rows(document, new["deadlines"]) == _rows(document, _recorded(entry))


def test_a_revision1_document_with_every_correction():
    # One fixed document showing each deliberate difference at once.
    entry = BY_ID["every-correction"]
    document = entry["document"]
    assert document == {
        "today": "2026-09-01",
        "events": [
            {"type": "final_plan_issued", "date": "2025-03-14"},
            {"type": "amended_plan_issued", "date": "2025-06-30"},
            {"type": "assessment_requested", "date": "2026-01-05"},
            {
                "type": "exception_recorded",
                "date": "2026-02-01",
                "rule": "assessment.decision",
                "ground": "reg_5_4_c",
            },
            {"type": "assessment_decision", "date": "2026-03-02", "decision": "not_assess"},
            {
                "type": "phase_transfer_due",
                "date": "2026-09-01",
                "transfer": "school",
                "year": 2027,
            },
            {"type": "review_decision", "date": "2026-03-20", "decision": "maintain"},
            {"type": "tribunal_order", "date": "2026-04-01", "order": "assess"},
        ],
    }
    old = {(d["rule"], d["due"], d["status"]) for d in _recorded(entry)}
    new = {(d["rule"], d["due"], d["status"]) for d in compute(document)["deadlines"]}
    # Revision 1: from the amended plan Mon 30 Jun 2025, to Tue 30 Jun 2026, met by the review.
    assert ("review.annual", "2026-06-30", "met") in old
    # Revision 2: from the plan Fri 14 Mar 2025 to Fri 13 Mar 2026; the review on 20 Mar is late.
    assert ("review.annual", "2026-03-13", "late") in new
    assert ("assessment.decision", "2026-02-16", "excepted") in old
    assert ("assessment.decision", "2026-02-16", "late") in new
    assert ("order.plan_decision", "2026-06-10", "overdue") in new
    assert not any(rule == "order.plan_decision" for rule, _, _ in old)
    assert old - new == {
        ("review.annual", "2026-06-30", "met"),
        ("review.annual", "2027-03-20", "pending"),
        ("assessment.decision", "2026-02-16", "excepted"),
    }
