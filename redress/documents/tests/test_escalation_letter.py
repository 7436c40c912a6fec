from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from docx import Document
from docx.document import Document as DocumentObject

from redress.accounts.models import Organisation
from redress.audit.models import AuditEntry
from redress.casework import advice_rule, services
from redress.casework.models import AdviceRequest, Child, Deadline
from redress.casework.tests import factories
from redress.casework.tests.factories import Role, user_with_role
from redress.documents import build_templates, legal
from redress.documents.services import escalation_letter_generate

pytestmark = pytest.mark.django_db

# factory_boy's classes are untyped; their instances are the models they build.
CaseEventFactory: Any = factories.CaseEventFactory
ChildFactory: Any = factories.ChildFactory
CommissionerFactory: Any = factories.CommissionerFactory
LocalAuthorityFactory: Any = factories.LocalAuthorityFactory


def _text(document: DocumentObject) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def _overdue_request(
    child: Child, commissioner: Organisation, actor: Any
) -> tuple[AdviceRequest, Deadline]:
    CaseEventFactory(child=child, type="assessment_requested", date=date(2026, 9, 1))
    advice = services.advice_request_create(
        actor=actor, child=child, advice_type="health", recipient_organisation=commissioner,
        commissioned_by=child.local_authority, date_sent=date(2026, 9, 10), expected_version=None,
    )  # fmt: skip
    return advice, Deadline.objects.get(child=child, rule="advice.response", ref=advice.ref)


@time_machine.travel(date(2026, 11, 2))
def test_the_letter_is_a_word_document_naming_the_commissioner_each_child_and_the_law() -> None:
    la = LocalAuthorityFactory(name="Northshire Council", address="1 High Street\nNorthtown")
    icb = CommissionerFactory(name="North & East ICB")
    actor = user_with_role(Role.LA_CASEWORKER, la, first_name="Priya", last_name="Shah")
    first = ChildFactory(local_authority=la, first_name="Amara", last_name="Okafor")
    second = ChildFactory(
        local_authority=la, first_name="Ben", last_name="Lloyd", date_of_birth=date(2015, 2, 3)
    )
    pairs = [_overdue_request(first, icb, actor), _overdue_request(second, icb, actor)]

    content = escalation_letter_generate(
        actor=actor, local_authority=la, commissioner=icb, advice_requests=pairs,
        respond_by=date(2026, 11, 16),
    )  # fmt: skip

    assert content[:2] == b"PK"
    text = _text(Document(BytesIO(content)))
    assert "North & East ICB" in text
    assert "Amara Okafor" in text and "Ben Lloyd" in text
    assert "3 February 2015" in text  # date of birth
    assert "10 September 2026" in text  # requested
    assert "22 October 2026" in text  # due, from the engine's Deadline row
    assert "11" in [c.text for row in Document(BytesIO(content)).tables[0].rows for c in row.cells]
    assert "section 31" in text and "regulation 8" in text
    assert "A waiting list is not one of them" in text
    assert "by 16 November 2026" in text
    assert "Priya Shah" in text and "Northshire Council" in text
    assert "{{" not in text and "{%" not in text
    generated = AuditEntry.objects.filter(action="generate")
    assert {e.child_id for e in generated} == {first.pk, second.pk}


@time_machine.travel(date(2026, 11, 2))
def test_without_a_date_the_letter_asks_for_the_advice_as_soon_as_possible() -> None:
    la = LocalAuthorityFactory()
    icb = CommissionerFactory()
    actor = user_with_role(Role.LA_MANAGER, la)
    pairs = [_overdue_request(ChildFactory(local_authority=la), icb, actor)]
    content = escalation_letter_generate(
        actor=actor, local_authority=la, commissioner=icb, advice_requests=pairs, respond_by=None
    )
    text = _text(Document(BytesIO(content)))
    assert "listed as soon as possible" in text
    assert "Local authority manager" in text


def test_the_letters_citations_come_from_the_rule_catalogue() -> None:
    assert advice_rule.ADVICE_RULE.citation.startswith("SEND Regulations 2014 reg 8(1)")
    assert "s.31" in advice_rule.ADVICE_RULE.citation
    assert [e["provision"] for e in advice_rule.advice_exceptions()] == [
        "8(2)(a)",
        "8(2)(b)",
        "8(2)(c)",
    ]
    assert "6 weeks" in legal.REGULATION_8.text


def test_the_committed_template_matches_the_build_script(tmp_path: Path) -> None:
    rebuilt = build_templates.build_escalation_letter(tmp_path / "letter.docx")
    assert _text(Document(str(rebuilt))) == _text(Document(str(build_templates.ESCALATION_LETTER)))


@time_machine.travel(date(2026, 11, 2))
def test_only_requests_the_actor_may_escalate_can_be_named() -> None:
    la, other_la = LocalAuthorityFactory(), LocalAuthorityFactory()
    icb = CommissionerFactory()
    actor = user_with_role(Role.LA_CASEWORKER, la)
    outsider = user_with_role(Role.LA_CASEWORKER, other_la)
    pairs = [_overdue_request(ChildFactory(local_authority=la), icb, actor)]
    for who, authority in ((outsider, la), (outsider, other_la), (actor, other_la)):
        with pytest.raises(PermissionDenied):
            escalation_letter_generate(
                actor=who, local_authority=authority, commissioner=icb, advice_requests=pairs,
                respond_by=None,
            )  # fmt: skip
    with pytest.raises(PermissionDenied):  # a request sent to another commissioner
        escalation_letter_generate(
            actor=actor, local_authority=la, commissioner=CommissionerFactory(),
            advice_requests=pairs, respond_by=None,
        )  # fmt: skip
    assert not AuditEntry.objects.filter(action="generate").exists()


@time_machine.travel(date(2026, 11, 2))
def test_the_letters_dates_are_the_engines_deadline_rows_not_the_callers() -> None:
    la = LocalAuthorityFactory()
    icb = CommissionerFactory()
    actor = user_with_role(Role.LA_CASEWORKER, la)
    advice, deadline = _overdue_request(ChildFactory(local_authority=la), icb, actor)
    forged = Deadline(child=deadline.child, rule=deadline.rule, ref=deadline.ref,
                      due=date(2026, 1, 5), status="overdue")  # fmt: skip
    content = escalation_letter_generate(
        actor=actor, local_authority=la, commissioner=icb, advice_requests=[(advice, forged)],
        respond_by=None,
    )  # fmt: skip
    text = _text(Document(BytesIO(content)))
    assert "22 October 2026" in text and "5 January 2026" not in text


@time_machine.travel(date(2026, 11, 2))
def test_advice_excused_under_regulation_8_2_is_left_out_of_the_letter() -> None:
    la = LocalAuthorityFactory()
    icb = CommissionerFactory()
    actor = user_with_role(Role.LA_CASEWORKER, la)
    excused_child = ChildFactory(local_authority=la, first_name="Excused", last_name="Child")
    excused, _ = _overdue_request(excused_child, icb, actor)
    services.case_event_record(
        actor=actor, child=excused_child, event_type="exception_recorded", when=date(2026, 10, 1),
        details={"rule": "advice.response", "ground": "reg_8_2_a", "ref": excused.ref},
        reasons="The child was away", expected_version=None,
    )  # fmt: skip
    excused_pair = (excused, Deadline.objects.get(child=excused_child, ref=excused.ref))
    assert excused_pair[1].status == "excepted"
    overdue_pair = _overdue_request(ChildFactory(local_authority=la), icb, actor)
    content = escalation_letter_generate(
        actor=actor, local_authority=la, commissioner=icb,
        advice_requests=[excused_pair, overdue_pair], respond_by=None,
    )  # fmt: skip
    text = _text(Document(BytesIO(content)))
    assert "Excused Child" not in text and overdue_pair[0].child.full_name in text
    with pytest.raises(ValidationError):
        escalation_letter_generate(
            actor=actor, local_authority=la, commissioner=icb, advice_requests=[excused_pair],
            respond_by=None,
        )  # fmt: skip


@time_machine.travel(date(2026, 11, 2))
def test_the_letter_comes_in_large_print_with_the_same_words() -> None:
    la = LocalAuthorityFactory(name="Northshire Council", address="1 High Street\nNorthtown")
    icb = CommissionerFactory(name="North & East ICB")
    actor = user_with_role(Role.LA_CASEWORKER, la)
    pairs = [_overdue_request(ChildFactory(local_authority=la), icb, actor)]
    letters = [
        escalation_letter_generate(
            actor=actor,
            local_authority=la,
            commissioner=icb,
            advice_requests=pairs,
            respond_by=None,
            large_print=large,
        )  # fmt: skip
        for large in (False, True)
    ]
    standard, large = (Document(BytesIO(content)) for content in letters)
    assert _text(large) == _text(standard)
    assert standard.styles["Normal"].font.size.pt < 16 <= large.styles["Normal"].font.size.pt
