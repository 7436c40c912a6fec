"""The family's pages: only their own cases, supporters only with consent, and what families
can do (views, documents, requests, withdrawing consent, signing in with a code)."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from redress.casework.models import Child, Consent, FamilyMember
from redress.family.models import FamilyDocument, FamilyRequest, SectionAViews, SignInCode
from redress.notifications.tests.conftest import Cases, make_user

pytestmark = pytest.mark.django_db


def other_family(cases: Cases) -> tuple[Any, Child]:
    """A second parent, whose child's case the first parent must not see."""
    other_parent = make_user("otherparent", "Kim", "Other")
    FamilyMember.objects.create(
        child=cases.due_soon, user=other_parent, name="Kim Other", relationship="parent"
    )
    return other_parent, cases.due_soon


def give_consent(cases: Cases, supporter: Any) -> Consent:
    member = FamilyMember.objects.get(child=cases.family, user=cases.parent)
    return Consent.objects.create(
        child=cases.family,
        given_by=member,
        supporter=supporter,
        given_on=timezone.localdate() - timedelta(days=30),
    )


def test_the_family_sees_only_their_own_case(cases: Cases, client: Any) -> None:
    other_family(cases)
    client.force_login(cases.parent)
    # One case: /family/ goes straight to it.
    response = client.get("/family/")
    assert response.status_code == 302
    assert response["Location"] == f"/family/cases/{cases.family.pk}/"
    page = client.get(f"/family/cases/{cases.family.pk}/").content.decode()
    assert "Cara Fam" in page
    assert "Your last day to appeal to the tribunal" in page
    assert "Your time to contact a mediation adviser" in page
    assert "Thursday 12 March 2026" in page
    assert "Your rights and choices" in page
    # As words: a random CSRF token can hold the letters "Ava".
    assert not re.search(r"\b(Ava|Ben)\b", page)
    assert 'href="/family/"' in page  # the "Your cases" link in the navigation
    assert client.get(f"/family/cases/{cases.due_soon.pk}/").status_code == 403
    assert client.get(f"/family/cases/{cases.overdue.pk}/").status_code == 403
    assert client.get("/family/cases/999999/").status_code == 404


def test_a_parent_with_two_children_gets_a_list(cases: Cases, client: Any) -> None:
    FamilyMember.objects.create(
        child=cases.overdue, user=cases.parent, name="Jo Parent", relationship="parent"
    )
    client.force_login(cases.parent)
    page = client.get("/family/").content.decode()
    assert "Cara Fam" in page and "Ben Late" in page and "Ava Soon" not in page


def test_the_familys_dates_come_from_the_deadline_table(cases: Cases, client: Any) -> None:
    deadline = cases.family.deadlines.filter(rule="appeal.lodge").latest("due")
    client.force_login(cases.parent)
    page = client.get(f"/family/cases/{cases.family.pk}/").content.decode()
    # The deadline's own law and arithmetic, in the words families read (staff see citations).
    from redress.core.words import plain_explanation, plain_law

    assert plain_law(deadline.citation) == "the tribunal's rules"
    assert "The law: the tribunal&#x27;s rules." in page
    assert plain_explanation(deadline.explanation).split(".")[0] in page
    # Another family's dates are not shown as theirs.
    assert "Decide whether to carry out" not in page
    # (That title is never shown on a family page, so the line above cannot fail; these can.)
    assert f"{deadline.due:%A} {deadline.due.day} {deadline.due:%B %Y}" in page
    other = cases.due_soon.deadlines.get(rule="assessment.decision")
    assert f"{other.due:%A} {other.due.day} {other.due:%B %Y}" not in page


def test_a_supporter_sees_the_case_only_with_consent_in_force(cases: Cases, client: Any) -> None:
    supporter = make_user("sendiass", "Sam", "Supporter")
    client.force_login(supporter)
    url = f"/family/cases/{cases.family.pk}/"
    assert client.get(url).status_code == 403

    consent = give_consent(cases, supporter)
    assert client.get(url).status_code == 200
    assert client.get("/family/").status_code == 302  # straight to the one case
    # A supporter cannot withdraw the family's consent.
    assert (
        client.post(f"/family/cases/{cases.family.pk}/consents/{consent.pk}/withdraw/").status_code
        == 403
    )

    # The family withdraws it.
    client.force_login(cases.parent)
    page = client.get(url).content.decode()
    assert "Sam Supporter" in page and "Stop them seeing your case" in page
    response = client.post(f"/family/cases/{cases.family.pk}/consents/{consent.pk}/withdraw/")
    assert response.status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_on == timezone.localdate()

    client.force_login(supporter)
    assert client.get(url).status_code == 403
    assert "Cara" not in client.get("/family/").content.decode()


def test_the_family_gives_views_for_section_a(cases: Cases, client: Any) -> None:
    client.force_login(cases.parent)
    url = f"/family/cases/{cases.family.pk}/views/"
    empty = client.post(url, {"about_child": "", "hopes": "", "what_helps": ""})
    assert empty.status_code == 200
    assert "Write something in at least one box." in empty.content.decode()
    response = client.post(url, {"about_child": "Cara is funny.", "hopes": "", "what_helps": ""})
    assert response.status_code == 302
    views = SectionAViews.objects.get(child=cases.family)
    assert views.about_child == "Cara is funny." and views.written_by == cases.parent
    # The form opens with what they wrote last.
    assert "Cara is funny." in client.get(url).content.decode()


def test_uploads_are_checked_with_a_clear_message(
    cases: Cases, client: Any, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    client.force_login(cases.parent)
    url = f"/family/cases/{cases.family.pk}/documents/new/"
    refused = client.post(
        url,
        {
            "document": SimpleUploadedFile("virus.exe", b"MZ\x90\x00", "application/octet-stream"),
            "description": "A program",
        },
    )
    assert refused.status_code == 200
    assert "The file must be a PDF" in refused.content.decode()
    renamed = client.post(
        url,
        {
            "document": SimpleUploadedFile("letter.pdf", b"not a pdf", "application/pdf"),
            "description": "A letter",
        },
    )
    assert "The file is not a real PDF file." in renamed.content.decode()
    assert not FamilyDocument.objects.exists()

    accepted = client.post(
        url,
        {
            "document": SimpleUploadedFile("letter.pdf", b"%PDF-1.4 hello", "application/pdf"),
            "description": "Letter from the speech therapist",
        },
    )
    assert accepted.status_code == 302
    document = FamilyDocument.objects.get(child=cases.family)
    assert document.original_name == "letter.pdf"
    download = client.get(f"/family/cases/{cases.family.pk}/documents/{document.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 hello"
    # Another family cannot download it.
    other_parent, _ = other_family(cases)
    client.force_login(other_parent)
    assert (
        client.get(f"/family/cases/{cases.family.pk}/documents/{document.pk}/").status_code == 403
    )


@pytest.mark.parametrize(
    ("slug", "kind"),
    [("mediation", "mediation"), ("action-not-done", "action_not_done")],
)
def test_the_family_asks_for_mediation_or_reports_an_action_not_done(
    cases: Cases, client: Any, slug: str, kind: str
) -> None:
    client.force_login(cases.parent)
    url = f"/family/cases/{cases.family.pk}/ask/{slug}/"
    assert client.get(url).status_code == 200
    assert "Tell us in your own words" in client.post(url, {"text": ""}).content.decode()
    # Mediation also names the decision, its date and what it is about (see test_mediation).
    extra = (
        {
            "decision": "not_assess",
            "decision_notice_date_day": "12",
            "decision_notice_date_month": "1",
            "decision_notice_date_year": "2026",
            "issues": ["education"],
        }
        if slug == "mediation"
        else {}
    )
    assert client.post(url, {"text": "We do not agree.", **extra}).status_code == 302
    request = FamilyRequest.objects.get(child=cases.family)
    assert request.kind == kind and request.made_by == cases.parent
    assert client.get(f"/family/cases/{cases.family.pk}/ask/other/").status_code == 404


def test_another_family_cannot_write_to_the_case(cases: Cases, client: Any) -> None:
    other_parent, _ = other_family(cases)
    client.force_login(other_parent)
    base = f"/family/cases/{cases.family.pk}"
    assert client.post(f"{base}/views/", {"about_child": "x"}).status_code == 403
    assert client.post(f"{base}/ask/mediation/", {"text": "x"}).status_code == 403
    assert not SectionAViews.objects.exists() and not FamilyRequest.objects.exists()


# -- Signing in with an emailed code --------------------------------------------------------


def code_from_mail() -> str:
    match = re.search(r"\b(\d{6})\b", str(mail.outbox[-1].body))
    assert match
    return match.group(1)


def test_signing_in_with_a_code(cases: Cases, client: Any) -> None:
    response = client.post("/account/code/", {"email": "PARENT@example.invalid"})
    assert response.status_code == 302 and response["Location"] == "/account/code/enter/"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Your code to sign in to Redress"
    code = code_from_mail()
    stored = SignInCode.objects.get(user=cases.parent)
    assert code not in stored.code_hash

    wrong = client.post(
        "/account/code/enter/", {"code": "000000" if code != "000000" else "111111"}
    )
    assert "That code is wrong" in wrong.content.decode()
    response = client.post("/account/code/enter/", {"code": code})
    assert response.status_code == 302
    assert client.get("/family/").status_code == 302  # signed in, off to the one case

    # The code works once.
    client.logout()
    client.post("/account/code/", {"email": "nobody@example.invalid"})
    session = client.session
    session["redress_sign_in_code_email"] = "parent@example.invalid"
    session.save()
    assert (
        "That code is wrong" in client.post("/account/code/enter/", {"code": code}).content.decode()
    )


def test_an_unknown_address_gets_the_same_answer_and_no_email(client: Any, db: None) -> None:
    response = client.post("/account/code/", {"email": "nobody@example.invalid"})
    assert response.status_code == 302
    assert mail.outbox == []
    page = client.get("/account/code/enter/").content.decode()
    assert "If nobody@example.invalid is linked to a case" in page


def test_an_expired_code_does_not_work(cases: Cases, client: Any) -> None:
    client.post("/account/code/", {"email": "parent@example.invalid"})
    code = code_from_mail()
    SignInCode.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert (
        "That code is wrong" in client.post("/account/code/enter/", {"code": code}).content.decode()
    )


def test_too_many_wrong_guesses_use_the_code_up(cases: Cases, client: Any, settings: Any) -> None:
    settings.SIGN_IN_CODE_MAX_ATTEMPTS = 3
    client.post("/account/code/", {"email": "parent@example.invalid"})
    code = code_from_mail()
    wrong = "123456" if code != "123456" else "654321"
    for _ in range(3):
        client.post("/account/code/enter/", {"code": wrong})
    assert (
        "That code is wrong" in client.post("/account/code/enter/", {"code": code}).content.decode()
    )


def test_codes_are_rate_limited(cases: Cases, client: Any) -> None:
    for _ in range(5):
        client.post("/account/code/", {"email": "parent@example.invalid"})
    assert len(mail.outbox) == 3


def test_a_successful_sign_in_uses_up_the_persons_other_codes(cases: Cases, client: Any) -> None:
    client.post("/account/code/", {"email": "parent@example.invalid"})
    first = code_from_mail()
    client.post("/account/code/", {"email": "parent@example.invalid"})
    second = code_from_mail()
    assert client.post("/account/code/enter/", {"code": second}).status_code == 302
    client.logout()
    session = client.session
    session["redress_sign_in_code_email"] = "parent@example.invalid"
    session.save()
    assert (
        "That code is wrong"
        in client.post("/account/code/enter/", {"code": first}).content.decode()
    )


def test_the_family_sees_every_document_they_sent(
    cases: Cases, client: Any, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    for n in range(25):
        FamilyDocument.objects.create(
            child=cases.family,
            uploaded_by=cases.parent,
            document=f"family/letter-{n}.pdf",
            original_name=f"letter-{n}.pdf",
            description=f"Letter number {n}.",
        )
    client.force_login(cases.parent)
    page = client.get(f"/family/cases/{cases.family.pk}/").content.decode()
    assert all(f"Letter number {n}." in page for n in range(25))


def test_a_supporter_cannot_open_the_page_to_withdraw_consent(cases: Cases, client: Any) -> None:
    supporter = make_user("sendiass", "Sam", "Supporter")
    consent = give_consent(cases, supporter)
    client.force_login(supporter)
    url = f"/family/cases/{cases.family.pk}/consents/{consent.pk}/withdraw/"
    assert client.get(url).status_code == 403
    assert (
        "Stop them seeing your case"
        not in client.get(f"/family/cases/{cases.family.pk}/").content.decode()
    )
    # The family cannot withdraw another case's consent by changing the number in the address.
    client.force_login(cases.parent)
    assert (
        client.get(f"/family/cases/{cases.family.pk}/consents/999999/withdraw/").status_code == 404
    )
