"""Every role against every mediation case and action, including everything that must be refused;
the case list agrees with the object permission for every role; and the mediator's notes reach
only the people the policy allows, however they are asked for.

Scenario: provider P serves LA A, provider Q serves LA B. Case "edu_a1" (education only) and
case "health_a2" (health issues, ICB A a party) are at P with mediator_p assigned; case "edu_b1"
is at Q. A second mediator at P, a supporter with consent on child A1 and withdrawn consent on
A2, an administrator, an inactive manager and nobody signed in.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.test import Client
from django.urls import reverse

from redress.accounts.models import Membership, Organisation, Role
from redress.audit.models import AuditEntry
from redress.casework.models import Child, Consent, FamilyMember
from redress.mediation import selectors, services
from redress.mediation.models import MediationCase, MediationIssue, MediatorNote

TODAY = date(2026, 11, 25)
CASES = ("edu_a1", "health_a2", "edu_b1")
PERMS = (
    "mediation.view_case",
    "mediation.change_case",
    "mediation.issue_certificate",
    "mediation.decide_attendance",
    "mediation.write_note",
    "mediation.view_notes",
    "mediation.withdraw_case",
)
_P = {"edu_a1", "health_a2"}
_VIEW_ONLY_P = {"mediation.view_case": _P}
_NOTHING: dict[str, set[str]] = {}

EXPECTED: dict[str, dict[str, set[str]]] = {
    "adviser_p": {
        "mediation.view_case": _P,
        "mediation.change_case": _P,
        "mediation.issue_certificate": _P,
        "mediation.withdraw_case": _P,
    },
    "case_manager_p": {
        "mediation.view_case": _P,
        "mediation.change_case": _P,
        "mediation.issue_certificate": _P,
        "mediation.withdraw_case": _P,
    },
    "mediator_p": {
        "mediation.view_case": _P,
        "mediation.change_case": _P,
        "mediation.decide_attendance": _P,
        "mediation.write_note": _P,
        "mediation.view_notes": _P,
    },
    # Another mediator at the same provider works on the cases but is not their mediator.
    "other_mediator_p": {"mediation.view_case": _P, "mediation.change_case": _P},
    "adviser_q": {
        "mediation.view_case": {"edu_b1"},
        "mediation.change_case": {"edu_b1"},
        "mediation.issue_certificate": {"edu_b1"},
        "mediation.withdraw_case": {"edu_b1"},
    },
    "caseworker_a": _VIEW_ONLY_P,
    "manager_a": _VIEW_ONLY_P,
    "caseworker_b": {"mediation.view_case": {"edu_b1"}},
    # ICB A is a party only where health care provision is in dispute.
    "health_a": {"mediation.view_case": {"health_a2"}},
    "health_b": _NOTHING,
    "social_care_a": _NOTHING,
    "parent_a1": {"mediation.view_case": {"edu_a1"}},
    "young_person_b1": {"mediation.view_case": {"edu_b1"}},
    "supporter": {"mediation.view_case": {"edu_a1"}},
    "advice_giver": _NOTHING,
    "administrator": _NOTHING,
    "inactive_manager_a": _NOTHING,
    "anonymous": _NOTHING,
}
USERS = tuple(EXPECTED)


@pytest.fixture(scope="module")
def scenario(django_db_setup: Any, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    with time_machine.travel(TODAY, tick=False), django_db_blocker.unblock(), transaction.atomic():
        yield _build()
        transaction.set_rollback(True)


def _org(name: str, kind: str) -> Organisation:
    return Organisation.objects.create(name=name, kind=kind)


def _user(username: str, role: str | None = None, organisation: Organisation | None = None) -> Any:
    user = get_user_model().objects.create_user(
        username=username, password=None, email=f"{username}@example.invalid"
    )
    if role is not None:
        Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


def _case(child: Child, provider: Organisation, **extra: Any) -> MediationCase:
    return MediationCase.objects.create(
        child=child, provider=provider, decision="plan_contents",
        decision_notice_date=date(2026, 10, 1), adviser_contacted_on=date(2026, 10, 5), **extra,
    )  # fmt: skip


def _build() -> dict[str, Any]:
    kind = Organisation.Kind
    la_a, la_b = _org("LA A", kind.LOCAL_AUTHORITY), _org("LA B", kind.LOCAL_AUTHORITY)
    icb_a, icb_b = _org("ICB A", kind.HEALTH_COMMISSIONER), _org("ICB B", kind.HEALTH_COMMISSIONER)
    provider_p, provider_q = _org("P", kind.MEDIATION_PROVIDER), _org("Q", kind.MEDIATION_PROVIDER)
    provider_p.serves.add(la_a)
    provider_q.serves.add(la_b)
    sendiass = _org("SENDIASS", kind.SENDIASS)
    social_care_a = Organisation.objects.create(
        name="LA A care", kind=kind.SOCIAL_CARE, parent=la_a
    )
    practice = _org("Practice", kind.INDEPENDENT_PRACTICE)
    users: dict[str, Any] = {
        "adviser_p": _user("adviser_p", Role.MEDIATION_ADVISER, provider_p),
        "case_manager_p": _user("case_manager_p", Role.MEDIATION_CASE_MANAGER, provider_p),
        "mediator_p": _user("mediator_p", Role.MEDIATOR, provider_p),
        "other_mediator_p": _user("other_mediator_p", Role.MEDIATOR, provider_p),
        "adviser_q": _user("adviser_q", Role.MEDIATION_ADVISER, provider_q),
        "caseworker_a": _user("caseworker_a", Role.LA_CASEWORKER, la_a),
        "manager_a": _user("manager_a", Role.LA_MANAGER, la_a),
        "caseworker_b": _user("caseworker_b", Role.LA_CASEWORKER, la_b),
        "health_a": _user("health_a", Role.HEALTH_OFFICER, icb_a),
        "health_b": _user("health_b", Role.HEALTH_OFFICER, icb_b),
        "social_care_a": _user("social_care_a", Role.SOCIAL_CARE_OFFICER, social_care_a),
        "parent_a1": _user("parent_a1", Role.PARENT_CARER),
        "young_person_b1": _user("young_person_b1", Role.YOUNG_PERSON),
        "supporter": _user("supporter", Role.SUPPORTER, sendiass),
        "advice_giver": _user("advice_giver", Role.ADVICE_GIVER, practice),
        "administrator": _user("administrator", Role.ADMINISTRATOR, la_a),
        "inactive_manager_a": _user("inactive_manager_a"),
        "anonymous": AnonymousUser(),
    }
    users["administrator"].is_staff = True
    users["administrator"].save()
    Membership.objects.create(
        user=users["inactive_manager_a"], organisation=la_a, role=Role.LA_MANAGER, active=False
    )
    child_a1 = Child.objects.create(first_name="A1", last_name="Example",
                                    date_of_birth=date(2016, 5, 17), local_authority=la_a)  # fmt: skip
    child_a2 = Child.objects.create(first_name="A2", last_name="Example",
                                    date_of_birth=date(2015, 1, 3), local_authority=la_a)  # fmt: skip
    child_b1 = Child.objects.create(first_name="B1", last_name="Example",
                                    date_of_birth=date(2012, 2, 29), local_authority=la_b)  # fmt: skip
    parent = FamilyMember.objects.create(
        child=child_a1, user=users["parent_a1"], name="Jo Example", relationship="parent"
    )
    FamilyMember.objects.create(
        child=child_b1, user=users["young_person_b1"], name="B1", relationship="young_person"
    )
    parent_a2 = FamilyMember.objects.create(child=child_a2, name="Lee", relationship="parent")
    Consent.objects.create(
        child=child_a1, given_by=parent, supporter=users["supporter"], given_on=date(2026, 10, 1)
    )
    Consent.objects.create(
        child=child_a2, given_by=parent_a2, supporter=users["supporter"],
        given_on=date(2026, 6, 1), withdrawn_on=date(2026, 11, 1),
    )  # fmt: skip
    mediator = users["mediator_p"]
    cases = {
        "edu_a1": _case(child_a1, provider_p, mediator=mediator),
        "health_a2": _case(child_a2, provider_p, mediator=mediator, health_commissioner=icb_a),
        "edu_b1": _case(child_b1, provider_q),
    }
    MediationIssue.objects.create(case=cases["health_a2"], kind="health", description="Therapy",
                                  health_provision_wanted="Weekly SaLT")  # fmt: skip
    for case in cases.values():
        MediatorNote.objects.create(
            case=case, author=mediator, text=f"SECRET-NOTE-{case.child.first_name}"
        )
    return {"users": users, "cases": cases, "provider_p": provider_p}


MATRIX = [(u, c, p) for u in USERS for c in CASES for p in PERMS]


@pytest.mark.parametrize(
    ("user", "case", "perm", "expected"),
    [(u, c, p, c in EXPECTED[u].get(p, set())) for u, c, p in MATRIX],
    ids=[f"{u}-{p.split('.')[1]}-{c}" for u, c, p in MATRIX],
)
def test_permission(
    scenario: dict[str, Any], db: None, user: str, case: str, perm: str, expected: bool
) -> None:
    with time_machine.travel(TODAY, tick=False):
        actor = scenario["users"][user]
        assert actor.has_perm(perm, scenario["cases"][case]) is expected


@pytest.mark.parametrize("user", USERS)
def test_the_case_list_matches_the_permission(
    scenario: dict[str, Any], db: None, user: str
) -> None:
    with time_machine.travel(TODAY, tick=False):
        actor = scenario["users"][user]
        listed = set(selectors.mediation_cases_visible_to(actor).values_list("pk", flat=True))
        expected = EXPECTED[user].get("mediation.view_case", set())
        assert listed == {scenario["cases"][name].pk for name in expected}


@pytest.mark.parametrize("user", USERS)
def test_notes_reach_only_the_assigned_mediator(
    scenario: dict[str, Any], db: None, user: str
) -> None:
    with time_machine.travel(TODAY, tick=False):
        actor = scenario["users"][user]
        for name, case in scenario["cases"].items():
            texts = list(selectors.mediator_notes_visible_to(actor, case).values_list("text"))
            allowed = user == "mediator_p" and name in _P
            assert bool(texts) is allowed, (user, name)


def _set_policy(provider: Organisation, sees_notes: bool) -> None:
    """The policy as the case manager sets it, the day before the notes were written, so the
    mediators were told it before writing them."""
    manager = Membership.objects.get(organisation=provider, role=Role.MEDIATION_CASE_MANAGER).user
    with time_machine.travel(date(2026, 11, 24), tick=False):
        services.mediation_policy_update(
            actor=manager, provider=provider, follows_up_agreements=True,
            pre_mediation_call_required=True, attendee_agreement="mediator_with_each_party",
            case_manager_sees_notes=sees_notes, recording_wording="", confidentiality_wording="",
        )  # fmt: skip


def test_the_case_manager_reads_notes_only_when_the_policy_says_so(
    scenario: dict[str, Any], db: None
) -> None:
    manager, case = scenario["users"]["case_manager_p"], scenario["cases"]["edu_a1"]
    _set_policy(scenario["provider_p"], False)
    assert not selectors.mediator_notes_visible_to(manager, case).exists()
    _set_policy(scenario["provider_p"], True)
    assert selectors.mediator_notes_visible_to(manager, case).count() == 1
    # The policy never opens the notes to anyone else, nor lets the case manager write them.
    for other in ("adviser_p", "other_mediator_p", "caseworker_a", "manager_a", "parent_a1"):
        assert not selectors.mediator_notes_visible_to(scenario["users"][other], case).exists()
    assert not manager.has_perm("mediation.write_note", case)
    _set_policy(scenario["provider_p"], False)


@pytest.mark.parametrize(
    "user",
    ["other_mediator_p", "adviser_p", "case_manager_p", "caseworker_a", "manager_a", "health_a",
     "parent_a1", "supporter", "administrator"],
)  # fmt: skip
def test_a_forged_notes_url_shows_nothing(scenario: dict[str, Any], db: None, user: str) -> None:
    with time_machine.travel(TODAY, tick=False):
        client = Client()
        client.force_login(scenario["users"][user])
        for case in scenario["cases"].values():
            url = reverse("mediation:notes", args=[case.pk])
            assert client.get(url).status_code in (403, 404)
            response = client.post(url, {"text": "planted"})
            assert response.status_code in (403, 404)
            page = client.get(reverse("mediation:case-detail", args=[case.pk]))
            assert b"SECRET-NOTE" not in page.content
        assert not MediatorNote.objects.filter(text="planted").exists()


def test_the_mediator_reads_and_writes_notes_and_the_audit_keeps_no_text(
    scenario: dict[str, Any], db: None
) -> None:
    with time_machine.travel(TODAY, tick=False):
        mediator, case = scenario["users"]["mediator_p"], scenario["cases"]["edu_a1"]
        client = Client()
        client.force_login(mediator)
        url = reverse("mediation:notes", args=[case.pk])
        assert b"SECRET-NOTE-A1" in client.get(url).content
        client.post(url, {"text": "FRESH-CONFIDENTIAL"})
        assert MediatorNote.objects.filter(case=case, text="FRESH-CONFIDENTIAL").exists()
        assert not AuditEntry.objects.filter(summary__contains="CONFIDENTIAL").exists()
        # The case page links to the notes but does not show them, even to the mediator.
        page = client.get(reverse("mediation:case-detail", args=[case.pk])).content
        assert b"SECRET-NOTE" not in page and b"FRESH-CONFIDENTIAL" not in page


def test_notes_never_reach_a_document(scenario: dict[str, Any], db: None) -> None:
    from io import BytesIO

    from docx import Document

    from redress.mediation import documents

    with time_machine.travel(date(2026, 10, 9), tick=False):
        case = scenario["cases"]["edu_a1"]
        adviser = scenario["users"]["adviser_p"]
        services.mediation_choice_record(actor=adviser, case=case, choice="declined",
                                         on=date(2026, 10, 6))  # fmt: skip
        certificate = services.mediation_certificate_issue(
            actor=adviser, case=case, reason="declined", issued_on=date(2026, 10, 8)
        )
        content = documents.certificate_generate(actor=adviser, certificate=certificate)
        document = Document(BytesIO(content))
        text = "\n".join(p.text for p in document.paragraphs)
        assert "SECRET-NOTE" not in text and "A1 Example" in text
        # A screen reader announces the certificate's title, in British English.
        assert document.core_properties.title.startswith("Mediation certificate: ")
        assert document.core_properties.language == "en-GB"


def test_notes_have_no_history_table() -> None:
    """A history copy would be a second way to read the notes, outside the selector."""
    assert not hasattr(MediatorNote, "history")


def test_the_scenario_covers_every_role(scenario: dict[str, Any], db: None) -> None:
    held = set(Membership.objects.filter(active=True).values_list("role", flat=True))
    assert held == set(Role.values)


@pytest.mark.parametrize("user", USERS)
def test_only_the_providers_case_manager_changes_its_policy(
    scenario: dict[str, Any], db: None, user: str
) -> None:
    actor, provider = scenario["users"][user], scenario["provider_p"]
    assert actor.has_perm("mediation.change_policy", provider) is (user == "case_manager_p")
    readers = {"adviser_p", "case_manager_p", "mediator_p", "other_mediator_p"}
    assert actor.has_perm("mediation.view_policy", provider) is (user in readers)


MEDIATORS = {"mediator_p", "other_mediator_p"}


@pytest.mark.parametrize("user", USERS)
def test_my_meetings_and_availability_are_the_mediators_own(
    scenario: dict[str, Any], db: None, user: str
) -> None:
    actor = scenario["users"][user]
    client = Client()
    if user != "anonymous":
        client.force_login(actor)
    with time_machine.travel(TODAY, tick=False):
        for name in ("mediation:my-meetings", "mediation:availability"):
            status = client.get(reverse(name)).status_code
            if user in MEDIATORS:
                assert status == 200, (user, name)
            else:
                assert status in (302, 404), (user, name, status)


@pytest.mark.parametrize("user", USERS)
def test_a_shared_document_opens_for_the_providers_staff_only(
    scenario: dict[str, Any], db: None, user: str, settings: Any, tmp_path: Any
) -> None:
    from django.core.files.base import ContentFile

    from redress.mediation.models import SharedDocument

    settings.MEDIA_ROOT = str(tmp_path)
    case = scenario["cases"]["edu_a1"]
    document = SharedDocument.objects.create(case=case, title="OT report", shared_on=TODAY)
    document.document.save("report.pdf", ContentFile(b"%PDF-1.4 test"))
    actor = scenario["users"][user]
    client = Client()
    if user != "anonymous":
        client.force_login(actor)
    with time_machine.travel(TODAY, tick=False):
        status = client.get(reverse("mediation:shared-document", args=[case.pk, document.pk]))
        may = "edu_a1" in EXPECTED[user].get("mediation.change_case", set())
        assert (status.status_code == 200) is may, (user, status.status_code)


# The correction pages (decision 0100) open for exactly those who may record the step, and never
# show the mediator's notes, even to the mediator.
@pytest.mark.parametrize("user", USERS)
def test_correction_pages_open_only_for_those_who_may_record_the_step(
    scenario: dict[str, Any], db: None, user: str
) -> None:
    from redress.mediation.models import MediationCertificate

    with time_machine.travel(TODAY, tick=False):
        client = Client()
        actor = scenario["users"][user]
        if actor.is_authenticated:
            client.force_login(actor)
        for name, case in scenario["cases"].items():
            certificate = MediationCertificate.objects.create(
                case=case, reason="declined", issued_on=date(2026, 10, 6)
            )
            for url, perm in (
                (reverse("mediation:step-correct", args=[case.pk, "first-contact"]),
                 "mediation.change_case"),
                (reverse("mediation:certificate-correct", args=[case.pk, certificate.pk]),
                 "mediation.issue_certificate"),
                (reverse("mediation:case-withdraw", args=[case.pk]), "mediation.withdraw_case"),
            ):  # fmt: skip
                response = client.get(url)
                allowed = name in EXPECTED[user].get(perm, set())
                assert (response.status_code == 200) is allowed, (user, url, response.status_code)
                assert b"SECRET-NOTE" not in response.content


# The case list's download (decision 0140): the professionals who work on mediation cases, each
# with exactly the cases they may see; refused to families, supporters and everyone else.
CASE_EXPORTERS = {"adviser_p", "case_manager_p", "mediator_p", "other_mediator_p", "adviser_q",
                  "caseworker_a", "manager_a", "caseworker_b", "health_a", "health_b"}  # fmt: skip


@pytest.mark.parametrize("user", USERS)
def test_the_case_list_downloads_only_the_cases_its_reader_may_see(
    scenario: dict[str, Any], db: None, user: str
) -> None:
    import csv
    import io

    actor = scenario["users"][user]
    client = Client()
    if user != "anonymous":
        client.force_login(actor)
    with time_machine.travel(TODAY, tick=False):
        response = client.get(reverse("mediation:case-list-export"))
        meetings = client.get(reverse("mediation:my-meetings-export")).status_code
    if user == "anonymous":
        assert response.status_code == 302
        return
    assert meetings == (200 if user in MEDIATORS else 404), user
    if user not in CASE_EXPORTERS:
        assert response.status_code == 403, user
        return
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    listed = {row[0] for row in list(csv.reader(io.StringIO(body)))[1:]}
    expected = EXPECTED[user].get("mediation.view_case", set())
    assert listed == {str(scenario["cases"][name].pk) for name in expected}, user
