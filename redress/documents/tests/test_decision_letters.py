"""Notices of appealable decisions: every item regulation 32 requires, refused when one is
missing (from the records or from an edited template), dated by the engine."""

from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from docx import Document

from redress.accounts.models import Organisation
from redress.audit.models import AuditEntry
from redress.casework import services
from redress.casework.deadlines import deadlines_recompute
from redress.casework.models import Child, Deadline
from redress.casework.tests import factories
from redress.casework.tests.factories import Role, user_with_role
from redress.documents import build_templates, decision_letters
from redress.documents.decision_letters import (
    REQUIRED_FIELDS,
    REQUIRED_ITEMS,
    appealable_decisions,
    decision_letter_generate,
)
from redress.statutory.calendar import format_long_date

pytestmark = pytest.mark.django_db

CaseEventFactory: Any = factories.CaseEventFactory
ChildFactory: Any = factories.ChildFactory
FamilyMemberFactory: Any = factories.FamilyMemberFactory
LocalAuthorityFactory: Any = factories.LocalAuthorityFactory
OrganisationFactory: Any = factories.OrganisationFactory

ITEMS = {item.key: item for item in REQUIRED_ITEMS}


def _text(content: bytes | Path) -> str:
    document = Document(BytesIO(content) if isinstance(content, bytes) else str(content))
    return "\n".join(p.text for p in document.paragraphs)


def authority(
    *, adviser: bool = True, adviser_contact: bool = True, sendiass: bool = True, phone: str = ""
) -> Organisation:
    la = LocalAuthorityFactory(
        name="Westmoor Council", address="Civic Centre\nWestmoor WM1 1AA",
        phone=phone or "01632 960000", email="send@westmoor.example",
    )  # fmt: skip
    if adviser:
        provider = OrganisationFactory(
            name="Fairway Mediation", kind=Organisation.Kind.MEDIATION_PROVIDER,
            phone="01632 960111" if adviser_contact else "",
            email="advice@fairway.example" if adviser_contact else "",
        )  # fmt: skip
        provider.serves.add(la)
    if sendiass:
        service = OrganisationFactory(
            name="Westmoor SENDIASS", kind=Organisation.Kind.SENDIASS, phone="01632 960222"
        )
        service.serves.add(la)
    return la


def refused_assessment(la: Organisation, actor: Any) -> Child:
    """A refusal to assess whose notice was sent on Wed 10 June 2026: the 2 months to appeal end
    in August, so the Tribunal's rule moves the last day out of it (HESC r.12(3)(a))."""
    child = ChildFactory(local_authority=la, first_name="Nia", last_name="Roberts")
    FamilyMemberFactory(child=child, name="Carys Roberts", address="4 Mill Lane\nWestmoor")
    with time_machine.travel(date(2026, 6, 10)):
        services.case_event_record(
            actor=actor, child=child, event_type="assessment_requested", when=date(2026, 4, 29),
            expected_version=None,
        )  # fmt: skip
        services.case_event_record(
            actor=actor, child=child, event_type="assessment_decision", when=date(2026, 6, 10),
            details={"decision": "not_assess"}, reasons="Needs are met at SEN support.",
            expected_version=None,
        )  # fmt: skip
    return child


def only_decision(actor: Any, child: Child) -> decision_letters.AppealableDecision:
    (decision,) = appealable_decisions(user=actor, child=child)
    return decision


def test_a_refusal_to_assess_letter_carries_every_required_item_with_the_engines_dates() -> None:
    la = authority()
    actor = user_with_role(Role.LA_CASEWORKER, la, first_name="Owen", last_name="Price")
    child = refused_assessment(la, actor)
    decision = only_decision(actor, child)
    assert decision.kind.key == "refuse_assess"

    content = decision_letter_generate(actor=actor, decision=decision)
    text = _text(content)
    properties = Document(BytesIO(content)).core_properties
    assert properties.title == f"{decision.title}: {child.full_name}"  # read by screen readers
    assert properties.language == "en-GB"

    assert "Dear Carys Roberts" in text and "Nia Roberts" in text
    assert "10 June 2026" in text  # the letter is dated the day its notice was sent
    assert "Needs are met at SEN support." in text
    assert "s.51(2)(a)" in text and "SEND35a" in text  # the right to appeal, and the form
    assert "mediation" in text and "CFA 2014 ss.52-54" in text
    assert "mediation certificate" in text and "CFA 2014 s.55" in text
    assert "only about the school or other institution named in the plan" in text  # none needed
    assert "you will need a certificate before you appeal" in text  # but this appeal needs one
    assert "Fairway Mediation: phone 01632 960111, email advice@fairway.example" in text
    # Contact the adviser: 2 months, not moved for August (reg 33). Appeal: the 2 months end on
    # Mon 10 Aug 2026, in August, so the last day is the first working day after 31 August,
    # itself the summer bank holiday: Tue 1 September 2026.
    assert "Contact the mediation adviser by 10 August 2026" in text
    assert "appeal by 1 September 2026" in text
    assert "which issues you want to mediate" in text and "health care provision" in text
    assert "Owen Price, Westmoor Council: phone 01632 960000" in text
    assert "Westmoor SENDIASS: phone 01632 960222" in text
    assert "disagreement resolution" in text
    assert "cannot make recommendations about health or social care" in text
    for item in REQUIRED_ITEMS:
        assert item.title in text  # the law the letter follows, listed
    assert "{{" not in text and "{%" not in text
    (entry,) = AuditEntry.objects.filter(action="generate")
    assert entry.child_id == child.pk and "Decision not to carry out" in entry.summary


def test_the_letters_dates_are_the_deadline_rows_not_a_sum_of_its_own() -> None:
    la = authority()
    actor = user_with_role(Role.LA_CASEWORKER, la)
    child = refused_assessment(la, actor)
    appeal = Deadline.objects.get(child=child, rule="appeal.lodge")
    contact = Deadline.objects.get(child=child, rule="mediation.contact_adviser")
    assert (appeal.due, contact.due) == (date(2026, 9, 1), date(2026, 8, 10))
    # Should the engine's answer change (a new bank holiday, say), the letter follows the row.
    Deadline.objects.filter(pk=appeal.pk).update(due=date(2026, 9, 2))
    text = _text(decision_letter_generate(actor=actor, decision=only_decision(actor, child)))
    assert "appeal by 2 September 2026" in text and "1 September 2026" not in text


def test_an_earlier_decision_keeps_its_own_contact_date_and_its_own_appeal_date() -> None:
    la = authority()
    actor = user_with_role(Role.LA_MANAGER, la)
    child = ChildFactory(local_authority=la)
    FamilyMemberFactory(child=child, name="Carys Roberts", address="4 Mill Lane\nWestmoor")
    for when in (date(2026, 1, 30), date(2026, 6, 10)):
        CaseEventFactory(child=child, type="assessment_requested", date=when.replace(day=1))
        CaseEventFactory(
            child=child, type="assessment_decision", date=when, details={"decision": "not_assess"}
        )
    deadlines_recompute(child=child, today=date(2026, 6, 11))
    earlier, later = appealable_decisions(user=actor, child=child)
    text = _text(decision_letter_generate(actor=actor, decision=earlier))
    # The earlier notice keeps its own 2 months to contact the adviser (30 January to 30 March).
    contact_rows = Deadline.objects.filter(child=child, rule="mediation.contact_adviser")
    assert format_long_date(min(r.due for r in contact_rows)) in text
    assert "Contact the mediation adviser by 30 March 2026" in text
    # Each decision keeps its own appeal window: the later refusal does not replace this one's
    # (Fri 30 Jan 2026 + 2 months = Mon 30 Mar 2026).
    assert "appeal by 30 March 2026" in text and "1 September 2026" not in text
    later_text = _text(decision_letter_generate(actor=actor, decision=later))
    assert "appeal by 1 September 2026" in later_text


def test_a_final_plan_letter_explains_section_i_and_the_recommendations_power() -> None:
    la = authority()
    actor = user_with_role(Role.LA_CASEWORKER, la)
    child = ChildFactory(local_authority=la)
    FamilyMemberFactory(child=child, name="Carys Roberts", address="4 Mill Lane\nWestmoor")
    CaseEventFactory(child=child, type="assessment_requested", date=date(2026, 3, 2))
    CaseEventFactory(child=child, type="final_plan_issued", date=date(2026, 7, 20))
    deadlines_recompute(child=child, today=date(2026, 7, 21))
    decision = only_decision(actor, child)
    assert decision.kind.key == "final_plan"
    text = _text(decision_letter_generate(actor=actor, decision=decision))
    assert "only about the school or other institution named in the plan (section I)" in text
    assert "sections C, D, G, H1 and H2" in text and "within 5 weeks" in text
    assert "SEND35" in text and "SEND35a" not in text
    assert "Dear Carys Roberts," in text


@pytest.mark.parametrize(
    ("setup", "item_key", "words"),
    [
        ({"adviser": False}, "mediation_adviser", "no contact details for a mediation adviser"),
        ({"adviser_contact": False}, "mediation_adviser", "mediation provider that serves"),
        ({"sendiass": False}, "sendiass", "information, advice and support service"),
        ({"phone": "none"}, "la_contact", "no contact details for Westmoor Council"),
    ],
)
def test_a_letter_missing_data_is_refused_and_names_what_is_missing(
    setup: dict[str, Any], item_key: str, words: str
) -> None:
    phone = setup.pop("phone", "")
    la = authority(**setup)
    if phone == "none":
        Organisation.objects.filter(pk=la.pk).update(phone="", email="")
        la.refresh_from_db()
    actor = user_with_role(Role.LA_CASEWORKER, la)
    child = refused_assessment(la, actor)
    with pytest.raises(ValidationError) as refused:
        decision_letter_generate(actor=actor, decision=only_decision(actor, child))
    assert list(refused.value.message_dict) == [item_key]
    assert words in refused.value.message_dict[item_key][0]
    assert not AuditEntry.objects.filter(action="generate").exists()


def _without_field(source: Path, target: Path, field: str) -> Path:
    document = Document(str(source))
    for paragraph in document.paragraphs:
        if "{{ " + field + " }}" in paragraph.text:
            for run in paragraph.runs:
                run.text = run.text.replace("{{ " + field + " }}", "")
    document.save(str(target))
    return target


@pytest.mark.parametrize("field", sorted(REQUIRED_FIELDS))
def test_a_template_that_lost_a_required_field_is_refused_naming_the_item(
    field: str, tmp_path: Path
) -> None:
    la = authority()
    actor = user_with_role(Role.LA_CASEWORKER, la)
    child = refused_assessment(la, actor)
    decision = only_decision(actor, child)
    edited = _without_field(decision.kind.template, tmp_path / "edited.docx", field)
    with pytest.raises(ValidationError) as refused:
        decision_letter_generate(actor=actor, decision=decision, template=edited)
    (item,) = [i for i in REQUIRED_ITEMS if field in i.fields]
    assert list(refused.value.message_dict) == [item.key]
    message = refused.value.message_dict[item.key][0]
    assert "{{ " + field + " }}" in message and "edited.docx" in message
    assert not AuditEntry.objects.filter(action="generate").exists()


def test_only_staff_of_the_childs_authority_may_issue_its_letters() -> None:
    la = authority()
    actor = user_with_role(Role.LA_CASEWORKER, la)
    child = refused_assessment(la, actor)
    decision = only_decision(actor, child)
    outsiders = [
        user_with_role(Role.LA_CASEWORKER, LocalAuthorityFactory()),
        user_with_role(Role.HEALTH_OFFICER, OrganisationFactory(kind="health_commissioner")),
        user_with_role(Role.PARENT_CARER),
    ]
    for outsider in outsiders:
        with pytest.raises(PermissionDenied):
            decision_letter_generate(actor=outsider, decision=decision)
        with pytest.raises(PermissionDenied):
            appealable_decisions(user=outsider, child=child)
    assert not AuditEntry.objects.filter(action="generate").exists()


def test_other_decisions_are_not_listed_as_appealable() -> None:
    la = authority()
    actor = user_with_role(Role.LA_CASEWORKER, la)
    child = ChildFactory(local_authority=la)
    CaseEventFactory(child=child, type="assessment_requested", date=date(2026, 3, 2))
    CaseEventFactory(
        child=child,
        type="assessment_decision",
        date=date(2026, 4, 1),
        details={"decision": "assess"},
    )
    CaseEventFactory(child=child, type="draft_plan_issued", date=date(2026, 6, 1))
    assert appealable_decisions(user=actor, child=child) == []


def test_the_committed_templates_match_the_build_script(tmp_path: Path) -> None:
    for kind, committed in build_templates.DECISION_TEMPLATES.items():
        rebuilt = build_templates.build_decision_letter(kind, tmp_path / f"{kind}.docx")
        assert _text(rebuilt) == _text(committed), kind
