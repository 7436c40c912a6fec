"""Case notes and the contact log: who may see and write them, sensitive notes, search, paging,
corrections and withdrawals that keep the original, audited reads and forged requests."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import time_machine
from django.urls import reverse

from redress.accounts.models import Membership, Organisation, Role
from redress.audit.models import AuditEntry
from redress.casefile import services
from redress.casefile.models import CaseNote
from redress.casework.models import AdviceRequest, Consent, FamilyMember
from redress.casework.tests.factories import (
    ChildFactory,
    CommissionerFactory,
    LocalAuthorityFactory,
    OrganisationFactory,
    UserFactory,
    user_with_role,
)
from redress.core.versions import ConcurrentEditError

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 25)


@pytest.fixture(autouse=True)
def _today() -> Any:
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def case() -> dict[str, Any]:
    """LA A's child with a family, a supporter with consent, health advice asked of ICB A, and a
    caseworker's note and a sensitive phone call on it; LA B's child with its own caseworker."""
    la_a, la_b = LocalAuthorityFactory(), LocalAuthorityFactory()
    icb = CommissionerFactory()
    child = ChildFactory(local_authority=la_a)
    other_child = ChildFactory(local_authority=la_b)
    caseworker = user_with_role(Role.LA_CASEWORKER, la_a)
    AdviceRequest.objects.create(
        child=child, ref="health-1", advice_type="health", recipient_organisation=icb,
        commissioned_by=la_a, date_sent=date(2026, 9, 10),
    )  # fmt: skip
    parent = user_with_role(Role.PARENT_CARER)
    member = FamilyMember.objects.create(
        child=child, user=parent, name="Jo Example", relationship="parent"
    )
    supporter = user_with_role(Role.SUPPORTER, OrganisationFactory(kind=Organisation.Kind.SENDIASS))
    Consent.objects.create(
        child=child, given_by=member, supporter=supporter, given_on=date(2026, 10, 1)
    )
    inactive = UserFactory()
    Membership.objects.create(user=inactive, organisation=la_a, role=Role.LA_MANAGER, active=False)
    note = services.case_note_add(
        actor=caseworker, child=child, text="Agreed to chase the school report",
        occurred_on=date(2026, 11, 20),
    )  # fmt: skip
    call = services.contact_log_add(
        actor=caseworker, child=child, kind="phone", direction="in", with_whom="Dr Patel",
        occurred_on=date(2026, 11, 21), summary="Safeguarding concern raised", sensitive=True,
    )  # fmt: skip
    users = {
        "caseworker_a": caseworker,
        "manager_a": user_with_role(Role.LA_MANAGER, la_a),
        "caseworker_b": user_with_role(Role.LA_CASEWORKER, la_b),
        "health_a": user_with_role(Role.HEALTH_OFFICER, icb),
        "parent_a": parent,
        "supporter": supporter,
        "advice_giver": user_with_role(
            Role.ADVICE_GIVER, OrganisationFactory(kind=Organisation.Kind.INDEPENDENT_PRACTICE)
        ),
        "mediator": user_with_role(
            Role.MEDIATOR, OrganisationFactory(kind=Organisation.Kind.MEDIATION_PROVIDER)
        ),
        "administrator": user_with_role(Role.ADMINISTRATOR, la_a, is_staff=True),
        "inactive_manager_a": inactive,
    }
    return {
        "child": child, "other_child": other_child, "note": note, "call": call, "users": users,
    }  # fmt: skip


def _pages(case: dict[str, Any]) -> dict[str, str]:
    child, note = case["child"], case["note"]
    return {
        "list": reverse("casework:notes", args=[child.pk]),
        "add note": reverse("casework:note-new", args=[child.pk]),
        "add contact": reverse("casework:contact-new", args=[child.pk]),
        "view one": reverse("casework:note-detail", args=[child.pk, note.pk]),
        "correct": reverse("casework:note-correct", args=[child.pk, note.pk]),
    }


STAFF = {"caseworker_a", "manager_a"}
ROLES = (
    "caseworker_a", "manager_a", "caseworker_b", "health_a", "parent_a", "supporter",
    "advice_giver", "mediator", "administrator", "inactive_manager_a",
)  # fmt: skip


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix_every_role_and_page(
    client: Any, case: dict[str, Any], role: str
) -> None:
    client.force_login(case["users"][role])
    for name, url in _pages(case).items():
        response = client.get(url)
        expected = 200 if role in STAFF else 403
        assert response.status_code == expected, (role, name, response.status_code)
        if expected == 200:
            assert "no-store" in response["Cache-Control"]


def test_signed_out_people_are_sent_to_sign_in(client: Any, case: dict[str, Any]) -> None:
    for url in _pages(case).values():
        response = client.get(url)
        assert response.status_code == 302
        assert "login" in response["Location"] or "sign-in" in response["Location"]


def test_rules_match_the_pages(case: dict[str, Any]) -> None:
    child, call = case["child"], case["call"]
    for role, user in case["users"].items():
        allowed = role in STAFF
        assert user.has_perm("casefile.view_notes", child) is allowed, role
        assert user.has_perm("casefile.add_note", child) is allowed, role
        assert user.has_perm("casefile.view_note", call) is allowed, role
        assert user.has_perm("casefile.correct_note", call) is allowed, role


def test_the_case_page_links_to_notes_for_staff_only(client: Any, case: dict[str, Any]) -> None:
    url = reverse("casework:case-detail", args=[case["child"].pk])
    notes_url = reverse("casework:notes", args=[case["child"].pk])
    client.force_login(case["users"]["caseworker_a"])
    assert notes_url in client.get(url).content.decode()
    for role in ("parent_a", "health_a"):
        client.force_login(case["users"][role])
        page = client.get(url)
        assert page.status_code == 200
        assert notes_url not in page.content.decode()
        assert "Safeguarding concern" not in page.content.decode()


def test_a_sensitive_note_is_hidden_from_the_family_and_health_officer(
    client: Any, case: dict[str, Any]
) -> None:
    child, call = case["child"], case["call"]
    for role in ("parent_a", "health_a", "supporter"):
        client.force_login(case["users"][role])
        for url in (
            reverse("casework:notes", args=[child.pk]),
            reverse("casework:note-detail", args=[child.pk, call.pk]),
        ):
            response = client.get(url)
            assert response.status_code == 403
            assert b"Safeguarding concern" not in response.content
        assert not case["users"][role].has_perm("casefile.view_note", call)
    client.force_login(case["users"]["manager_a"])
    page = client.get(reverse("casework:notes", args=[child.pk])).content.decode()
    assert "Safeguarding concern raised" in page
    assert "Sensitive" in page


def test_search_by_words_person_and_kind(client: Any, case: dict[str, Any]) -> None:
    client.force_login(case["users"]["caseworker_a"])
    url = reverse("casework:notes", args=[case["child"].pk])

    def found(**params: str) -> str:
        return client.get(url, params).content.decode()

    by_words = found(q="school report")
    assert "Agreed to chase" in by_words and "Safeguarding" not in by_words
    by_person = found(q="patel")
    assert "Safeguarding" in by_person and "Agreed to chase" not in by_person
    by_kind_word = found(q="phone")
    assert "Safeguarding" in by_kind_word and "Agreed to chase" not in by_kind_word
    by_kind = found(kind="note")
    assert "Agreed to chase" in by_kind and "Safeguarding" not in by_kind
    assert "Nothing matches the search" in found(q="tribunal")


def _routine_notes(case: dict[str, Any], count: int = 55) -> None:
    CaseNote.objects.bulk_create(
        CaseNote(child=case["child"], recorded_by=case["users"]["caseworker_a"],
                 text=f"Routine note {n}", occurred_on=date(2026, 1, 1 + n % 28))
        for n in range(count)
    )  # fmt: skip


def test_notes_are_paged_50_at_a_time(client: Any, case: dict[str, Any]) -> None:
    _routine_notes(case)
    client.force_login(case["users"]["caseworker_a"])
    url = reverse("casework:notes", args=[case["child"].pk])
    first = client.get(url)
    assert len(first.context["page"].object_list) == 50
    assert "Page 1 of 2" in first.content.decode()
    second = client.get(url, {"q": "routine", "page": "2"})
    assert len(second.context["page"].object_list) == 5
    assert "q=routine&amp;page=1" in second.content.decode()


def test_notes_sort_newest_oldest_or_by_kind(client: Any, case: dict[str, Any]) -> None:
    _routine_notes(case)
    client.force_login(case["users"]["caseworker_a"])
    url = reverse("casework:notes", args=[case["child"].pk])
    newest = client.get(url).context["page"].object_list
    assert newest[0] == case["call"]  # 21 November
    oldest = client.get(url, {"sort": "oldest"}).context["page"].object_list
    assert oldest[0].occurred_on == date(2026, 1, 1)
    by_kind = client.get(url, {"sort": "kind", "q": ""}).context["page"].object_list
    assert [n.kind for n in by_kind][:1] == ["note"] and by_kind[0].occurred_on == date(
        2026, 11, 20
    )
    page = client.get(url, {"sort": "oldest"}).content.decode()
    assert "sort=oldest&amp;page=2" in page


def test_the_notes_download_as_csv_as_searched_audited(client: Any, case: dict[str, Any]) -> None:
    import csv
    import io

    _routine_notes(case)
    client.force_login(case["users"]["caseworker_a"])
    url = reverse("casework:notes-export", args=[case["child"].pk])
    assert url in client.get(reverse("casework:notes", args=[case["child"].pk])).content.decode()

    def rows(**query: str) -> list[list[str]]:
        response = client.get(url, query)
        assert "no-store" in response["Cache-Control"]
        body = b"".join(response.streaming_content).decode("utf-8-sig")
        return list(csv.reader(io.StringIO(body)))

    everything = rows()
    assert everything[0][:5] == ["Date", "Kind", "Direction", "With whom", "Note or summary"]
    assert len(everything) == 58  # the header, the note, the call and 55 routine notes
    calls = rows(kind="phone")
    assert calls[1][3] == "Dr Patel" and calls[1][5] == "Yes"  # marked sensitive
    assert len(rows(q="routine", sort="oldest")) == 56
    downloads = AuditEntry.objects.filter(action="download", child=case["child"])
    assert downloads.count() == 3
    assert downloads.filter(summary__contains="(searched)").count() == 2


@pytest.mark.parametrize("role", sorted(set(ROLES) - STAFF))
def test_only_the_authoritys_staff_may_download_the_notes(
    client: Any, case: dict[str, Any], role: str
) -> None:
    client.force_login(case["users"][role])
    response = client.get(reverse("casework:notes-export", args=[case["child"].pk]))
    assert response.status_code == 403
    assert not AuditEntry.objects.filter(action="download").exists()


def test_adding_a_note_and_logging_a_contact(client: Any, case: dict[str, Any]) -> None:
    child = case["child"]
    client.force_login(case["users"]["manager_a"])
    response = client.post(
        reverse("casework:note-new", args=[child.pk]),
        {
            "occurred_on_day": "24",
            "occurred_on_month": "11",
            "occurred_on_year": "2026",
            "text": "Panel",
        },
    )
    assert response.status_code == 302
    response = client.post(
        reverse("casework:contact-new", args=[child.pk]),
        {
            "kind": "email", "direction": "out", "with_whom": "Head teacher",
            "occurred_on_day": "24", "occurred_on_month": "11", "occurred_on_year": "2026",
            "summary": "Asked for attendance figures",
        },
    )  # fmt: skip
    assert response.status_code == 302
    email = CaseNote.objects.get(kind="email")
    assert (email.direction, email.with_whom, email.sensitive) == ("out", "Head teacher", False)
    assert AuditEntry.objects.filter(action="create", object_id=str(email.pk)).exists()


def test_a_form_with_mistakes_shows_an_error_summary(client: Any, case: dict[str, Any]) -> None:
    client.force_login(case["users"]["caseworker_a"])
    response = client.post(
        reverse("casework:contact-new", args=[case["child"].pk]), {"summary": ""}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Enter who the contact was with" in page
    assert "<title>Error:" in page


def test_correcting_keeps_the_original_with_who_and_why(client: Any, case: dict[str, Any]) -> None:
    child, note = case["child"], case["note"]
    manager = case["users"]["manager_a"]
    client.force_login(manager)
    response = client.post(
        reverse("casework:note-correct", args=[child.pk, note.pk]),
        {
            "occurred_on_day": "20", "occurred_on_month": "11", "occurred_on_year": "2026",
            "text": "Agreed to chase the school's SENCo report", "reason": "Wrong report named",
            "version": str(note.version),
        },
    )  # fmt: skip
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.text == "Agreed to chase the school's SENCo report"
    assert note.corrected_by == manager and note.correction_reason == "Wrong report named"
    wordings = [h.text for h in note.history.order_by("history_date")]
    assert wordings == ["Agreed to chase the school report", note.text]
    assert note.history.latest().history_user == manager
    page = client.get(reverse("casework:note-detail", args=[child.pk, note.pk])).content.decode()
    assert "Corrected" in page and "Wrong report named" in page
    assert "Agreed to chase the school report" in page  # the original, in the history
    listing = client.get(reverse("casework:notes", args=[child.pk])).content.decode()
    assert "Corrected" in listing


def test_withdrawing_keeps_the_entry_marked_withdrawn(client: Any, case: dict[str, Any]) -> None:
    child, call = case["child"], case["call"]
    client.force_login(case["users"]["caseworker_a"])
    url = reverse("casework:note-withdraw", args=[child.pk, call.pk])
    refused = client.post(url, {"withdraw-reason": "", "withdraw-version": str(call.version)})
    assert "Enter why the entry was recorded in error" in refused.content.decode()
    response = client.post(
        url, {"withdraw-reason": "Logged on the wrong child", "withdraw-version": str(call.version)}
    )
    assert response.status_code == 302
    call.refresh_from_db()
    assert call.withdrawn and call.withdrawn_reason == "Logged on the wrong child"
    assert CaseNote.objects.filter(pk=call.pk).exists()
    listing = client.get(reverse("casework:notes", args=[child.pk])).content.decode()
    assert "Withdrawn" in listing and "Safeguarding concern raised" in listing
    with pytest.raises(Exception, match="withdrawn"):
        services.case_note_withdraw(
            actor=case["users"]["caseworker_a"], note=call, reason="again",
            expected_version=call.version,
        )  # fmt: skip


def test_a_stale_correction_is_refused_and_keeps_the_answers(
    client: Any, case: dict[str, Any]
) -> None:
    child, note = case["child"], case["note"]
    opened_at = note.version
    services.case_note_correct(
        actor=case["users"]["manager_a"], note=note, text="First correction", reason="Typo",
        expected_version=opened_at,
    )  # fmt: skip
    client.force_login(case["users"]["caseworker_a"])
    response = client.post(
        reverse("casework:note-correct", args=[child.pk, note.pk]),
        {
            "occurred_on_day": "20", "occurred_on_month": "11", "occurred_on_year": "2026",
            "text": "Second correction", "reason": "Clearer", "version": str(opened_at),
        },
    )  # fmt: skip
    assert response.status_code == 200
    assert ConcurrentEditError.message.split(".")[0] in response.content.decode()
    note.refresh_from_db()
    assert note.text == "First correction"
    assert "Second correction" in response.content.decode()


def test_every_read_is_audited(client: Any, case: dict[str, Any]) -> None:
    child, note = case["child"], case["note"]
    client.force_login(case["users"]["caseworker_a"])
    client.get(reverse("casework:notes", args=[child.pk]), {"q": "patel"})
    client.get(reverse("casework:note-detail", args=[child.pk, note.pk]))
    reads = AuditEntry.objects.filter(action="view", child=child).order_by("at", "pk")
    summaries = [entry.summary for entry in reads]
    assert summaries == [
        "Viewed the case notes and contact log, page 1 (searched)",
        "Viewed a case note and its history",
    ]
    assert all(entry.actor == case["users"]["caseworker_a"] for entry in reads)
    assert "patel" not in " ".join(summaries)  # search words are not copied into the audit log


def test_a_forged_post_for_another_authoritys_child_is_refused(
    client: Any, case: dict[str, Any]
) -> None:
    child, note, other_child = case["child"], case["note"], case["other_child"]
    before = CaseNote.objects.count()
    client.force_login(case["users"]["caseworker_b"])
    date_parts = {"occurred_on_day": "20", "occurred_on_month": "11", "occurred_on_year": "2026"}
    assert (
        client.post(
            reverse("casework:note-new", args=[child.pk]), {**date_parts, "text": "Forged"}
        ).status_code
        == 403
    )
    assert (
        client.post(
            reverse("casework:contact-new", args=[child.pk]),
            {
                **date_parts,
                "kind": "phone",
                "direction": "in",
                "with_whom": "X",
                "summary": "Forged",
            },
        ).status_code
        == 403
    )
    forged = {**date_parts, "text": "Forged", "reason": "x", "version": str(note.version)}
    assert (
        client.post(reverse("casework:note-correct", args=[child.pk, note.pk]), forged).status_code
        == 403
    )
    # Their own child's address with the other authority's note: not found.
    assert (
        client.post(
            reverse("casework:note-correct", args=[other_child.pk, note.pk]), forged
        ).status_code
        == 404
    )
    assert (
        client.post(
            reverse("casework:note-withdraw", args=[other_child.pk, note.pk]),
            {"withdraw-reason": "x", "withdraw-version": str(note.version)},
        ).status_code
        == 404
    )
    assert CaseNote.objects.count() == before
    note.refresh_from_db()
    assert note.text == "Agreed to chase the school report" and not note.withdrawn


def test_services_refuse_people_outside_the_authority(case: dict[str, Any]) -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.case_note_add(
            actor=case["users"]["caseworker_b"], child=case["child"], text="x",
            occurred_on=TODAY,
        )  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.case_note_withdraw(
            actor=case["users"]["parent_a"], note=case["note"], reason="x", expected_version=None
        )


def test_a_double_submit_makes_one_note(case: dict[str, Any]) -> None:
    caseworker, child = case["users"]["caseworker_a"], case["child"]
    first = services.case_note_add(actor=caseworker, child=child, text="Once", occurred_on=TODAY)
    again = services.case_note_add(actor=caseworker, child=child, text="Once", occurred_on=TODAY)
    assert first.pk == again.pk
