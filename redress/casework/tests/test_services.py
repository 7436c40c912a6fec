"""Writes to a case: plausibility, the engine's validation in plain words, deadlines recomputed in
the same transaction, weighings, uploads and concurrent edits. Nothing is saved when refused."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from redress.accounts.models import Organisation
from redress.audit.models import AuditEntry
from redress.casework import services
from redress.casework.models import AdviceRequest, AdviceWeighing, CaseEvent, Child, Deadline
from redress.core.versions import ConcurrentEditError

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 25)


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def actor() -> Any:
    return get_user_model().objects.create_user("caseworker", password=None)


@pytest.fixture
def la() -> Organisation:
    return Organisation.objects.create(name="LA", kind=Organisation.Kind.LOCAL_AUTHORITY)


@pytest.fixture
def icb() -> Organisation:
    return Organisation.objects.create(name="ICB", kind=Organisation.Kind.HEALTH_COMMISSIONER)


@pytest.fixture
def child(actor: Any, la: Organisation) -> Child:
    return services.child_create(
        actor=actor, first_name="Alex", last_name="Example",
        date_of_birth=date(2016, 5, 17), local_authority=la,
    )  # fmt: skip


def record(actor: Any, child: Child, event_type: str, when: date, **kwargs: Any) -> CaseEvent:
    kwargs.setdefault("expected_version", None)
    return services.case_event_record(
        actor=actor, child=child, event_type=event_type, when=when, **kwargs
    )


def snapshot(child: Child) -> dict[str, Any]:
    """Everything a refused write must leave as it was."""
    return {
        "version": Child.objects.get(pk=child.pk).version,
        "events": list(CaseEvent.objects.filter(child=child).values_list("pk", "type", "date")),
        "advice": list(
            AdviceRequest.objects.filter(child=child).values_list("pk", "date_received", "document")
        ),
        "deadlines": list(
            Deadline.objects.filter(child=child).values_list("pk", "rule", "ref", "due", "status")
        ),
        "weighings": AdviceWeighing.objects.count(),
        "audit": AuditEntry.objects.count(),
    }


# -- Plausibility -----------------------------------------------------------------------------

Step = tuple[str, date, dict[str, str], str]
REQUEST: Step = ("assessment_requested", date(2026, 6, 1), {}, "")
ASSESS: Step = ("assessment_decision", date(2026, 7, 1), {"decision": "assess"}, "")
NOT_ASSESS: Step = ("assessment_decision", date(2026, 7, 1), {"decision": "not_assess"}, "No need.")
DRAFT: Step = ("draft_plan_issued", date(2026, 9, 1), {}, "")
NOT_ISSUE: Step = (
    "plan_decision",
    date(2026, 8, 20),
    {"decision": "not_issue"},
    "Met at SEN Support.",
)

PLAUSIBILITY = [
    pytest.param(
        [], ("assessment_decision", date(2026, 7, 1), {"decision": "assess"}, ""),
        "date", "There is no request for an assessment on or before this date",
        id="decision-before-any-request",
    ),
    pytest.param(
        [REQUEST], ("assessment_decision", date(2026, 5, 1), {"decision": "assess"}, ""),
        "date", "There is no request for an assessment on or before this date",
        id="decision-dated-before-the-request",
    ),
    pytest.param(
        [REQUEST], ("plan_decision", date(2026, 8, 1), {"decision": "issue"}, ""),
        "date", "There is no decision to assess on or before this date",
        id="plan-decision-without-a-decision-to-assess",
    ),
    pytest.param(
        [REQUEST, NOT_ASSESS], ("draft_plan_issued", date(2026, 8, 1), {}, ""),
        "date", "There is no decision to assess on or before this date",
        id="draft-after-a-decision-not-to-assess",
    ),
    pytest.param(
        [REQUEST, ASSESS], ("final_plan_issued", date(2026, 10, 1), {}, ""),
        "date", "A final plan cannot be issued before a draft plan",
        id="final-plan-before-any-draft",
    ),
    pytest.param(
        [REQUEST, ASSESS, DRAFT], ("final_plan_issued", date(2026, 8, 30), {}, ""),
        "date", "A final plan cannot be issued before a draft plan",
        id="final-plan-dated-before-the-draft",
    ),
    pytest.param(
        [REQUEST, ASSESS, NOT_ISSUE], ("draft_plan_issued", date(2026, 9, 1), {}, ""),
        "date", "decided not to issue a plan",
        id="draft-after-a-decision-not-to-issue",
    ),
    pytest.param(
        [], ("assessment_requested", date(2026, 11, 26), {}, ""),
        "date", "The date must be today or in the past",
        id="future-date",
    ),
    pytest.param(
        [REQUEST], ("assessment_decision", date(2026, 7, 1), {"decision": "not_assess"}, "  "),
        "reasons", "Give the reasons for the decision",
        id="refusal-to-assess-without-reasons",
    ),
    pytest.param(
        [REQUEST, ASSESS], ("plan_decision", date(2026, 8, 1), {"decision": "not_issue"}, ""),
        "reasons", "Give the reasons for the decision",
        id="refusal-to-issue-without-reasons",
    ),
    pytest.param(
        [REQUEST],
        ("exception_recorded", date(2026, 6, 20),
         {"rule": "assessment.decision", "ground": "reg_5_4_c"}, ""),
        "reasons", "Say why the time limit cannot be met",
        id="exception-without-reasons",
    ),
    pytest.param(
        [REQUEST],
        ("exception_recorded", date(2026, 6, 20),
         {"rule": "assessment.decision", "ground": "reg_8_2_c"}, "Missed appointment."),
        "ground", "missed an appointment",
        id="exception-ground-not-valid-for-the-rule",
    ),
    pytest.param(
        [REQUEST],
        ("exception_recorded", date(2026, 6, 20),
         {"rule": "plan.draft_comments", "ground": "reg_10_4_c"}, "Bereavement."),
        "rule", "The law allows no exceptions to “Allow the family 15 days",
        id="exception-for-a-rule-without-exceptions",
    ),
    pytest.param(
        [REQUEST], ("assessment_decision", date(2026, 7, 1), {"decision": "maybe"}, ""),
        "date", "maybe",
        id="engine-rejects-an-unknown-decision",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("before", "step", "field", "message"), PLAUSIBILITY)
def test_an_implausible_step_is_refused_in_plain_words_and_nothing_changes(
    actor: Any,
    child: Child,
    before: list[Step],
    step: Step,
    field: str,
    message: str,
) -> None:
    for event_type, when, details, reasons in before:
        record(actor, child, event_type, when, details=details, reasons=reasons)
    unchanged = snapshot(child)
    event_type, when, details, reasons = step
    with pytest.raises(ValidationError) as refused:
        record(actor, child, event_type, when, details=details, reasons=reasons)
    errors = refused.value.message_dict
    assert field in errors, errors
    assert any(message in text for text in errors[field]), errors[field]
    for text in errors[field]:
        assert not text.startswith("event "), "the engine's positions are not shown to people"
        assert "(" not in text.split(" ")[0], "nor the event type in brackets"
    assert snapshot(child) == unchanged


def test_an_invalid_exception_ground_is_described_in_words(actor: Any, child: Child) -> None:
    record(actor, child, "assessment_requested", date(2026, 6, 1))
    with pytest.raises(ValidationError) as refused:
        record(
            actor, child, "exception_recorded", date(2026, 6, 20),
            details={"rule": "assessment.decision", "ground": "reg_8_2_c"}, reasons="Missed.",
        )  # fmt: skip
    [text] = refused.value.message_dict["ground"]
    assert "reg_" not in text and "assessment.decision" not in text
    assert "missed an appointment" in text


def test_the_same_steps_in_a_plausible_order_are_accepted(actor: Any, child: Child) -> None:
    for event_type, when, details, reasons in (REQUEST, ASSESS, DRAFT):
        record(actor, child, event_type, when, details=details, reasons=reasons)
    record(actor, child, "final_plan_issued", date(2026, 9, 20))
    record(
        actor, child, "exception_recorded", date(2026, 9, 21),
        details={"rule": "plan.final", "ground": "reg_10_4_c"}, reasons="Bereavement.",
    )  # fmt: skip
    assert child.events.count() == 5


# -- Deadlines, in the same transaction ---------------------------------------------------------


def test_each_step_recomputes_the_deadlines(actor: Any, child: Child, icb: Organisation) -> None:
    record(actor, child, "assessment_requested", date(2026, 6, 1))
    rows = {d.rule: d for d in child.deadlines.all()}
    assert rows["assessment.decision"].due == date(2026, 7, 13)
    assert rows["assessment.decision"].status == "overdue"
    assert rows["plan.final"].due == date(2026, 10, 19)

    record(actor, child, "assessment_decision", date(2026, 7, 10), details={"decision": "assess"})
    decision = child.deadlines.get(rule="assessment.decision")
    assert (decision.status, decision.met_on) == ("met", date(2026, 7, 10))

    advice = services.advice_request_create(
        actor=actor, child=child, advice_type="health", recipient_organisation=icb,
        commissioned_by=child.local_authority, date_sent=date(2026, 7, 13), expected_version=None,
    )  # fmt: skip
    clock = child.deadlines.get(rule="advice.response", ref=advice.ref)
    assert (clock.due, clock.status, clock.organisation) == (date(2026, 8, 24), "overdue", icb)

    services.advice_request_mark_received(
        actor=actor, advice_request=advice, date_received=date(2026, 9, 1)
    )
    clock = child.deadlines.get(rule="advice.response", ref=advice.ref)
    assert (clock.status, clock.met_on) == ("late", date(2026, 9, 1))


def test_a_refused_step_leaves_the_deadline_rows_untouched(actor: Any, child: Child) -> None:
    record(actor, child, "assessment_requested", date(2026, 6, 1))
    before = list(child.deadlines.values())
    with pytest.raises(ValidationError):
        record(
            actor, child, "exception_recorded", date(2026, 6, 2),
            details={"rule": "assessment.decision", "ground": "nonsense"}, reasons="Because.",
        )  # fmt: skip
    assert list(child.deadlines.values()) == before


def test_a_failure_after_saving_rolls_everything_back(
    actor: Any, child: Child, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The event, the version, the deadlines and the audit entry are one transaction."""
    record(actor, child, "assessment_requested", date(2026, 6, 1))
    unchanged = snapshot(child)

    def broken(*, child: Child, today: date | None = None) -> None:
        raise RuntimeError("the database went away")

    monkeypatch.setattr(services, "deadlines_recompute", broken)
    with pytest.raises(RuntimeError):
        record(
            actor, child, "assessment_decision", date(2026, 7, 1), details={"decision": "assess"}
        )
    assert snapshot(child) == unchanged


def test_weighing_another_childs_advice_is_refused_and_nothing_is_saved(
    actor: Any, child: Child, la: Organisation, icb: Organisation
) -> None:
    for event_type, when, details, reasons in (REQUEST, ASSESS):
        record(actor, child, event_type, when, details=details, reasons=reasons)
    other = services.child_create(
        actor=actor, first_name="Sam", last_name="Other",
        date_of_birth=date(2015, 1, 9), local_authority=la,
    )  # fmt: skip
    record(actor, other, "assessment_requested", date(2026, 6, 1))
    theirs = services.advice_request_create(
        actor=actor, child=other, advice_type="health", recipient_organisation=icb,
        commissioned_by=la, date_sent=date(2026, 7, 2), expected_version=None,
    )  # fmt: skip
    unchanged = snapshot(child)
    with pytest.raises(ValidationError) as refused:
        record(
            actor, child, "plan_decision", date(2026, 9, 1), details={"decision": "not_issue"},
            reasons="Needs met at SEN Support.", weighings={theirs.pk: "Forged."},
        )  # fmt: skip
    assert "does not belong to this case" in str(refused.value.message_dict["__all__"])
    assert snapshot(child) == unchanged


def test_the_weighing_of_each_piece_of_advice_is_stored(
    actor: Any, child: Child, icb: Organisation
) -> None:
    for event_type, when, details, reasons in (REQUEST, ASSESS):
        record(actor, child, event_type, when, details=details, reasons=reasons)
    health, education = (
        services.advice_request_create(
            actor=actor,
            child=child,
            advice_type=kind,
            recipient_organisation=icb,
            commissioned_by=child.local_authority,
            date_sent=date(2026, 7, 2),
            expected_version=None,
        )  # fmt: skip
        for kind in ("health", "educational")
    )
    decision = record(
        actor, child, "plan_decision", date(2026, 9, 1), details={"decision": "not_issue"},
        reasons="Needs met at SEN Support.",
        weighings={health.pk: "Given most weight: recent and specific.", education.pk: "  "},
    )  # fmt: skip
    [weighing] = decision.weighings.all()
    assert weighing.advice_request == health
    assert weighing.how_weighed == "Given most weight: recent and specific."


def test_advice_cannot_be_requested_before_the_assessment_request(
    actor: Any, child: Child, icb: Organisation
) -> None:
    record(actor, child, "assessment_requested", date(2026, 6, 1))
    unchanged = snapshot(child)
    for sent, message in (
        (date(2026, 5, 31), "There is no request for an assessment"),
        (date(2026, 12, 1), "The date must be today or in the past"),
    ):
        with pytest.raises(ValidationError) as refused:
            services.advice_request_create(
                actor=actor, child=child, advice_type="health", recipient_organisation=icb,
                commissioned_by=child.local_authority, date_sent=sent, expected_version=None,
            )  # fmt: skip
        assert any(message in m for m in refused.value.message_dict["date_sent"])
    assert snapshot(child) == unchanged


def test_advice_refs_are_numbered_per_type(actor: Any, child: Child, icb: Organisation) -> None:
    record(actor, child, "assessment_requested", date(2026, 6, 1))
    refs = [
        services.advice_request_create(
            actor=actor,
            child=child,
            advice_type=kind,
            recipient_organisation=icb,
            commissioned_by=child.local_authority,
            date_sent=date(2026, 6, 10),
            expected_version=None,
        ).ref  # fmt: skip
        for kind in ("health", "health", "social_care")
    ]
    assert refs == ["health-1", "health-2", "social_care-1"]
    assert set(child.deadlines.filter(rule="advice.response").values_list("ref", flat=True)) == {
        "health-1",
        "health-2",
        "social_care-1",
    }


def test_a_child_born_in_the_future_is_refused(actor: Any, la: Organisation) -> None:
    with pytest.raises(ValidationError) as refused:
        services.child_create(
            actor=actor, first_name="Not", last_name="Yet",
            date_of_birth=date(2026, 12, 1), local_authority=la,
        )  # fmt: skip
    assert "date_of_birth" in refused.value.message_dict
    assert not Child.objects.exists()


def test_provision_needs_a_provider(actor: Any, child: Child) -> None:
    with pytest.raises(ValidationError) as refused:
        services.provision_record(actor=actor, child=child, description="Therapy")
    assert "provider_organisation" in refused.value.message_dict
    assert not child.provisions.exists()


# -- Uploads ----------------------------------------------------------------------------------

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        pytest.param("advice.exe", b"MZ\x90\x00", "The file must be a PDF", id="wrong-extension"),
        pytest.param("advice", PDF, "The file must be a PDF", id="no-extension"),
        pytest.param(
            "advice.pdf",
            PDF + b"0" * services.MAX_UPLOAD_BYTES,
            "smaller than 20 MB",
            id="too-large",
        ),  # fmt: skip
        pytest.param("advice.pdf", PNG, "not a real PDF file", id="renamed-png"),
        pytest.param("photo.png", PDF, "not a real PNG file", id="renamed-pdf"),
        pytest.param("advice.docx", PDF, "not a real DOCX file", id="renamed-docx"),
        pytest.param("advice.pdf", b"", "The file is empty", id="empty"),
    ],
)
def test_a_bad_upload_is_refused_with_a_message(name: str, content: bytes, message: str) -> None:
    upload = SimpleUploadedFile(name, content)
    with pytest.raises(ValidationError) as refused:
        services.validate_upload(upload)
    [text] = refused.value.message_dict["document"]
    assert message in text


@pytest.mark.parametrize(
    ("name", "content"),
    [("advice.pdf", PDF), ("Advice.PDF", PDF), ("scan.png", PNG), ("notes.txt", b"Notes")],
)
def test_a_good_upload_is_accepted(name: str, content: bytes) -> None:
    upload = SimpleUploadedFile(name, content)
    services.validate_upload(upload)
    assert upload.read() == content  # left at the start for saving


def test_a_bad_upload_when_marking_advice_received_saves_nothing(
    actor: Any, child: Child, icb: Organisation
) -> None:
    record(actor, child, "assessment_requested", date(2026, 6, 1))
    advice = services.advice_request_create(
        actor=actor, child=child, advice_type="health", recipient_organisation=icb,
        commissioned_by=child.local_authority, date_sent=date(2026, 6, 10), expected_version=None,
    )  # fmt: skip
    unchanged = snapshot(child)
    with pytest.raises(ValidationError):
        services.advice_request_mark_received(
            actor=actor, advice_request=advice, date_received=date(2026, 7, 1),
            document=SimpleUploadedFile("advice.pdf", PNG),
        )  # fmt: skip
    assert snapshot(child) == unchanged


# -- Concurrent edits -------------------------------------------------------------------------


def test_a_stale_version_is_refused_for_every_write(
    actor: Any, child: Child, icb: Organisation
) -> None:
    opened_at = child.version
    record(actor, child, "assessment_requested", date(2026, 6, 1), expected_version=opened_at)
    advice = services.advice_request_create(
        actor=actor, child=child, advice_type="health", recipient_organisation=icb,
        commissioned_by=child.local_authority, date_sent=date(2026, 6, 10),
        expected_version=Child.objects.get(pk=child.pk).version,
    )  # fmt: skip
    unchanged = snapshot(child)
    with pytest.raises(ConcurrentEditError):
        record(
            actor, child, "assessment_decision", date(2026, 7, 1),
            details={"decision": "assess"}, expected_version=opened_at,
        )  # fmt: skip
    with pytest.raises(ConcurrentEditError):
        services.advice_request_create(
            actor=actor, child=child, advice_type="social_care", recipient_organisation=icb,
            commissioned_by=child.local_authority, date_sent=date(2026, 6, 10),
            expected_version=opened_at,
        )  # fmt: skip
    with pytest.raises(ConcurrentEditError):
        services.advice_request_mark_received(
            actor=actor, advice_request=advice, date_received=date(2026, 7, 1),
            expected_version=opened_at,
        )  # fmt: skip
    assert snapshot(child) == unchanged
    assert "not been saved" in ConcurrentEditError.message


def test_each_write_moves_the_version_on(actor: Any, child: Child) -> None:
    first = Child.objects.get(pk=child.pk).version
    record(actor, child, "assessment_requested", date(2026, 6, 1), expected_version=first)
    assert child.version == Child.objects.get(pk=child.pk).version == first + 1
    record(
        actor, child, "assessment_decision", date(2026, 7, 1),
        details={"decision": "assess"}, expected_version=first + 1,
    )  # fmt: skip
    assert Child.objects.get(pk=child.pk).version == first + 2


def test_the_person_asked_for_advice_must_work_at_the_organisation_asked(
    actor: Any, child: Child, la: Organisation, icb: Organisation
) -> None:
    from redress.accounts.models import Membership, Role

    record(actor, child, "assessment_requested", date(2026, 6, 1))
    elsewhere = get_user_model().objects.create_user("therapist", password=None)
    Membership.objects.create(user=elsewhere, organisation=la, role=Role.ADVICE_GIVER)
    with pytest.raises(ValidationError) as refused:
        services.advice_request_create(
            actor=actor, child=child, advice_type="health", recipient_organisation=icb,
            recipient_person=elsewhere, commissioned_by=la, date_sent=date(2026, 6, 2),
            expected_version=None,
        )  # fmt: skip
    assert "works at" in refused.value.message_dict["recipient_person"][0]
    assert not child.advice_requests.exists()


def test_a_caseworker_from_another_authority_cannot_be_allocated(
    actor: Any, child: Child, la: Organisation
) -> None:
    from redress.accounts.models import Membership, Role

    other_la = Organisation.objects.create(name="Elsewhere", kind=Organisation.Kind.LOCAL_AUTHORITY)
    stranger = get_user_model().objects.create_user("stranger", password=None)
    Membership.objects.create(user=stranger, organisation=other_la, role=Role.LA_CASEWORKER)
    with pytest.raises(ValidationError) as refused:
        services.child_update(
            actor=actor, child=child, first_name=child.first_name, last_name=child.last_name,
            date_of_birth=child.date_of_birth, setting=None, team="", caseworker=stranger,
            expected_version=None,
        )  # fmt: skip
    assert "caseworker" in refused.value.message_dict
    child.refresh_from_db()
    assert child.caseworker is None
