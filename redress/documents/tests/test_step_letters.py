"""Step letters: each cites its law and states its period from the catalogue with the engine's
date; sending records the step dated the day it is sent, keeps the exact letter on the case and
puts an email in the outbox once; post waits in the print batch; a letter sent in error is
withdrawn, never deleted."""

from datetime import date
from io import BytesIO
from typing import Any

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from docx import Document

from redress.accounts.models import Organisation
from redress.casefile.models import CaseDocument
from redress.casework.models import AdviceRequest, Deadline
from redress.casework.tests import factories
from redress.casework.tests.factories import Role, user_with_role
from redress.documents import build_templates
from redress.documents.models import SentLetter
from redress.documents.services_letters import (
    letter_check,
    letter_send,
    print_batch_mark_posted,
    sent_letter_withdraw,
)
from redress.documents.step_letters import STEP_LETTERS
from redress.notifications.models import Message
from redress.statutory.calendar import format_long_date
from redress.statutory.rules import rule_row

pytestmark = pytest.mark.django_db

ChildFactory: Any = factories.ChildFactory
FamilyMemberFactory: Any = factories.FamilyMemberFactory
LocalAuthorityFactory: Any = factories.LocalAuthorityFactory
OrganisationFactory: Any = factories.OrganisationFactory

TODAY = date(2026, 5, 11)


def text_of(content: bytes) -> str:
    document = Document(BytesIO(content))
    return "\n".join(p.text for p in document.paragraphs)


def test_every_template_carries_its_fields_and_no_typed_period() -> None:
    for key, kind in STEP_LETTERS.items():
        assert kind.citation, f"{key} cites no law"
        heading, paragraphs = build_templates._STEP_WORDING[key]
        for words in (heading, *paragraphs):
            for unit in (" days", " weeks", " months", " week "):
                assert unit not in words, f"{key} types a period: {words}"
        if kind.rule:
            assert rule_row(kind.rule).period


@time_machine.travel(TODAY)
def test_an_advice_request_sent_by_email_records_the_request_keeps_the_letter_and_queues_it(
    case: dict[str, Any],
) -> None:
    letter = letter_send(
        actor=case["caseworker"], child=case["child"], kind="advice_health",
        method="email", organisation=case["icb"],
    )  # fmt: skip
    advice = AdviceRequest.objects.get(child=case["child"])
    assert advice.date_sent == TODAY and advice.recipient_organisation == case["icb"]
    assert letter.status == SentLetter.Status.SENT and letter.sent_on == TODAY
    assert letter.step_ref == advice.ref
    document = letter.document
    assert document is not None and document.kind == CaseDocument.Kind.LETTER_SENT
    assert document.audience == CaseDocument.Audience.PROFESSIONALS
    words = text_of(document.file.read())
    row = Deadline.objects.get(child=case["child"], rule="advice.response", ref=advice.ref)
    assert f"by {format_long_date(row.due)}" in words
    assert "reg 6(1)(c)" in words and "Westmoor ICB" in words and "1 Health Way" in words
    assert "Carys Roberts: an interpreter (Welsh)" in words
    message = Message.objects.get(pk=letter.message_id)
    assert message.to_address == "send@icb.example" and message.template == "letter_sent"
    assert f"/documents/{document.pk}/download/" in message.personalisation["letter_url"]


@time_machine.travel(TODAY)
def test_sending_twice_sends_once(case: dict[str, Any]) -> None:
    first = letter_send(
        actor=case["caseworker"], child=case["child"], kind="advice_health",
        method="email", organisation=case["icb"],
    )  # fmt: skip
    again = letter_send(
        actor=case["caseworker"], child=case["child"], kind="advice_health",
        method="email", organisation=case["icb"],
    )  # fmt: skip
    assert again.pk == first.pk
    assert AdviceRequest.objects.filter(child=case["child"]).count() == 1
    assert Message.objects.filter(template="letter_sent").count() == 1


@time_machine.travel(TODAY)
def test_a_letter_with_no_address_is_refused(case: dict[str, Any]) -> None:
    nowhere = OrganisationFactory(name="Nowhere Health", kind=Organisation.Kind.HEALTH_COMMISSIONER)
    with pytest.raises(ValidationError) as refused:
        letter_send(
            actor=case["caseworker"], child=case["child"], kind="advice_health",
            method="post", organisation=nowhere,
        )  # fmt: skip
    assert "no address" in str(refused.value.message_dict["addressee"])
    lonely = ChildFactory(local_authority=case["la"])
    prepared = letter_check(
        actor=case["caseworker"], child=lonely, kind=STEP_LETTERS["acknowledgement"]
    )
    assert "no one to go to" in prepared.problems["addressee"]
    assert "Record the request" in prepared.problems["step"]
    assert not SentLetter.objects.exists() and not AdviceRequest.objects.exists()


@time_machine.travel(TODAY)
def test_only_the_childs_authority_sends(case: dict[str, Any]) -> None:
    other = user_with_role(Role.LA_CASEWORKER, LocalAuthorityFactory())
    with pytest.raises(PermissionDenied):
        letter_send(actor=other, child=case["child"], kind="acknowledgement", method="post")


def test_a_posted_letter_is_written_and_recorded_on_the_day_it_is_marked_posted(
    case: dict[str, Any],
) -> None:
    with time_machine.travel(TODAY):
        letter = letter_send(
            actor=case["caseworker"], child=case["child"], kind="advice_health",
            method="post", organisation=case["icb"], large_print=True,
        )  # fmt: skip
    assert letter.status == SentLetter.Status.TO_POST and letter.document is None
    assert not AdviceRequest.objects.exists()
    with time_machine.travel(date(2026, 5, 13)):
        result = print_batch_mark_posted(actor=case["caseworker"], letters=[letter])
        again = print_batch_mark_posted(actor=case["caseworker"], letters=[letter])
    assert [p.pk for p in result.posted] == [letter.pk] and not again.posted
    letter.refresh_from_db()
    assert letter.sent_on == date(2026, 5, 13) and letter.message is None
    assert AdviceRequest.objects.get().date_sent == date(2026, 5, 13)
    assert letter.document is not None
    assert "13 May 2026" in text_of(letter.document.file.read())


@time_machine.travel(TODAY)
def test_the_acknowledgement_gives_the_engines_date_for_the_decision(
    case: dict[str, Any],
) -> None:
    letter = letter_send(
        actor=case["caseworker"], child=case["child"], kind="acknowledgement", method="email"
    )
    row = Deadline.objects.get(child=case["child"], rule="assessment.decision")
    assert letter.document is not None
    words = text_of(letter.document.file.read())
    assert f"by {format_long_date(row.due)}" in words and "29 April 2026" in words
    assert letter.document.audience == CaseDocument.Audience.FAMILY
    assert Message.objects.get().to_address == "carys@example.org"


@time_machine.travel(TODAY)
def test_a_letter_sent_in_error_is_withdrawn_with_its_copy_and_email(
    case: dict[str, Any],
) -> None:
    letter = letter_send(
        actor=case["caseworker"], child=case["child"], kind="acknowledgement", method="email"
    )
    with pytest.raises(ValidationError):
        sent_letter_withdraw(actor=case["caseworker"], letter=letter, reason=" ")
    sent_letter_withdraw(actor=case["caseworker"], letter=letter, reason="Wrong family")
    letter.refresh_from_db()
    assert letter.withdrawn and letter.withdrawn_reason == "Wrong family"
    assert letter.document is not None and letter.document.withdrawn
    assert Message.objects.get().status == Message.Status.CANCELLED
    assert SentLetter.objects.filter(pk=letter.pk).exists()


def test_an_invitation_too_late_to_give_the_notice_is_refused() -> None:
    from redress.plans import services as plan_services
    from redress.plans.tests.helpers import ChildFactory as PlanChild
    from redress.plans.tests.helpers import caseworker_for, issued_plan

    child = PlanChild()
    FamilyMemberFactory(child=child, name="Ann Able", address="1 Road")
    actor = caseworker_for(child)
    with time_machine.travel(date(2026, 11, 2)):
        plan = issued_plan(child, actor, draft=date(2025, 12, 1), final=date(2026, 1, 5))
        plan_services.review_start(
            actor=actor, plan=plan, meeting_planned_for=date(2026, 12, 4), expected_version=None
        )
    row = Deadline.objects.get(child=child, rule="review.meeting_notice")
    with time_machine.travel(date(2026, 11, 25)), pytest.raises(ValidationError) as late:
        letter_send(actor=actor, child=child, kind="review_invitation", method="post")
    assert f"had to be sent by {format_long_date(row.due)}" in str(late.value)
    assert "4 December 2026" in str(late.value)


@time_machine.travel(TODAY)
def test_a_template_that_lost_the_law_is_refused_and_large_print_is_larger(
    case: dict[str, Any], tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from redress.documents import step_letters

    broken = tmp_path / "step_acknowledgement.docx"
    build_templates.build_step_letter("acknowledgement", broken)
    document = Document(str(broken))
    for paragraph in document.paragraphs:
        if "{{ legal_source }}" in paragraph.text:
            for run in paragraph.runs:
                run.text = run.text.replace("{{ legal_source }}", "the law")
    document.save(str(broken))
    monkeypatch.setitem(step_letters.STEP_TEMPLATES, "acknowledgement", broken)
    prepared = letter_check(
        actor=case["caseworker"], child=case["child"], kind=STEP_LETTERS["acknowledgement"]
    )
    assert "{{ legal_source }}" in prepared.problems["template"]
    monkeypatch.undo()
    letter = letter_send(
        actor=case["caseworker"], child=case["child"], kind="acknowledgement",
        method="post", large_print=True,
    )  # fmt: skip
    with time_machine.travel(date(2026, 5, 12)):
        print_batch_mark_posted(actor=case["caseworker"], letters=[letter])
    letter.refresh_from_db()
    assert letter.document is not None
    kept = Document(BytesIO(letter.document.file.read()))
    assert kept.styles["Normal"].font.size.pt >= 16
    assert letter.large_print and "large-print" in letter.document.original_name
