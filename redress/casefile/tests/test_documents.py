"""The case's document store: who sees which document (staff, the professionals on the case, the
family), uploads checked by their content, downloads audited, corrections and withdrawals that
keep the original, the family's page of shared documents, stale forms and double submits."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from redress.accounts.models import Membership, Organisation, Role
from redress.audit.models import AuditEntry
from redress.casefile import services
from redress.casefile.models import CaseDocument
from redress.casework.models import AdviceRequest, Consent, FamilyMember
from redress.casework.services import deadlines_recompute
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
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _today() -> Any:
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


def pdf(name: str = "report.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, "application/pdf")


@pytest.fixture
def case() -> dict[str, Any]:
    """LA A's child with a parent, a supporter with consent, health advice asked of ICB A and
    advice asked of an independent educational psychologist; three documents on it, one for each
    audience. LA B's child with its own caseworker."""
    la_a, la_b = LocalAuthorityFactory(), LocalAuthorityFactory()
    icb = CommissionerFactory()
    child = ChildFactory(local_authority=la_a)
    other_child = ChildFactory(local_authority=la_b)
    caseworker = user_with_role(Role.LA_CASEWORKER, la_a)
    practice = OrganisationFactory(kind=Organisation.Kind.INDEPENDENT_PRACTICE)
    psychologist = user_with_role(Role.ADVICE_GIVER, practice)
    AdviceRequest.objects.create(
        child=child, ref="health-1", advice_type="health", recipient_organisation=icb,
        commissioned_by=la_a, date_sent=date(2026, 9, 10),
    )  # fmt: skip
    AdviceRequest.objects.create(
        child=child, ref="ep-1", advice_type="psychological",
        recipient_organisation=practice, recipient_person=psychologist, commissioned_by=la_a,
        date_sent=date(2026, 9, 10),
    )  # fmt: skip
    deadlines_recompute(child=child)
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

    def add(title: str, audience: str, kind: str = "other", shared: date | None = None) -> Any:
        return services.case_document_add(
            actor=caseworker, child=child, kind=kind, title=title, dated=date(2026, 11, 1),
            file=pdf(f"{title}.pdf"), audience=audience, shared_with_family_on=shared,
        )  # fmt: skip

    documents = {
        "staff": add("Safeguarding referral", "staff", "letter_in"),
        "professionals": add("Health advice", "professionals", "advice"),
        "family": add("School review report", "family", "review_report", date(2026, 11, 2)),
    }
    users = {
        "caseworker_a": caseworker,
        "manager_a": user_with_role(Role.LA_MANAGER, la_a),
        "caseworker_b": user_with_role(Role.LA_CASEWORKER, la_b),
        "health_a": user_with_role(Role.HEALTH_OFFICER, icb),
        "psychologist": psychologist,
        "parent_a": parent,
        "supporter": supporter,
        "advice_giver_elsewhere": user_with_role(
            Role.ADVICE_GIVER, OrganisationFactory(kind=Organisation.Kind.INDEPENDENT_PRACTICE)
        ),
        "mediator": user_with_role(
            Role.MEDIATOR, OrganisationFactory(kind=Organisation.Kind.MEDIATION_PROVIDER)
        ),
        "administrator": user_with_role(Role.ADMINISTRATOR, la_a, is_staff=True),
        "inactive_manager_a": inactive,
    }
    return {"child": child, "other_child": other_child, "documents": documents, "users": users}


STAFF = {"caseworker_a", "manager_a"}
PROFESSIONALS = {"health_a", "psychologist"}
FAMILY_SIDE = {"parent_a", "supporter"}
ROLES = (
    "caseworker_a", "manager_a", "caseworker_b", "health_a", "psychologist", "parent_a",
    "supporter", "advice_giver_elsewhere", "mediator", "administrator", "inactive_manager_a",
)  # fmt: skip


def _pages(case: dict[str, Any]) -> dict[str, tuple[str, set[str]]]:
    """Each page (and download) with the roles that may open it."""
    child, docs = case["child"].pk, case["documents"]
    shared = docs["family"].pk
    return {
        "list": (reverse("casework:documents", args=[child]), STAFF | PROFESSIONALS),
        "upload": (reverse("casework:document-new", args=[child]), STAFF),
        "download for professionals": (
            reverse("casework:document-download", args=[child, docs["professionals"].pk]),
            STAFF | PROFESSIONALS,
        ),
        "download staff only": (
            reverse("casework:document-download", args=[child, docs["staff"].pk]),
            STAFF,
        ),
        "correct": (reverse("casework:document-correct", args=[child, shared]), STAFF),
        "family's shared documents": (
            reverse("family:shared-documents", args=[child]),
            FAMILY_SIDE,
        ),
        "family's download": (
            reverse("family:shared-document-download", args=[child, shared]),
            FAMILY_SIDE,
        ),
    }


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix_every_role_and_page(
    client: Any, case: dict[str, Any], role: str
) -> None:
    client.force_login(case["users"][role])
    for name, (url, allowed) in _pages(case).items():
        response = client.get(url)
        if role in allowed:
            assert response.status_code == 200, (role, name, response.status_code)
            assert "no-store" in response["Cache-Control"]
        else:
            # 404 where the person may see the case's documents but not this one.
            assert response.status_code in (403, 404), (role, name, response.status_code)


def test_signed_out_people_are_sent_to_sign_in(client: Any, case: dict[str, Any]) -> None:
    for url, _allowed in _pages(case).values():
        response = client.get(url)
        assert response.status_code == 302
        assert "login" in response["Location"] or "sign-in" in response["Location"]


def test_rules_match_the_pages(case: dict[str, Any]) -> None:
    child, docs = case["child"], case["documents"]
    for role, user in case["users"].items():
        staff = role in STAFF
        assert user.has_perm("casefile.view_documents", child) is (staff or role in PROFESSIONALS)
        assert user.has_perm("casefile.add_document", child) is staff, role
        assert user.has_perm("casefile.correct_document", docs["family"]) is staff, role
        assert user.has_perm("casefile.view_shared_documents", child) is (role in FAMILY_SIDE)
        assert user.has_perm("casefile.view_document", docs["staff"]) is staff, role
        assert user.has_perm("casefile.view_document", docs["professionals"]) is (
            staff or role in PROFESSIONALS
        ), role
        assert user.has_perm("casefile.view_document", docs["family"]) is (
            staff or role in PROFESSIONALS or role in FAMILY_SIDE
        ), role


def test_each_sees_only_the_documents_meant_for_them(client: Any, case: dict[str, Any]) -> None:
    child = case["child"]
    listing = reverse("casework:documents", args=[child.pk])
    client.force_login(case["users"]["manager_a"])
    page = client.get(listing).content.decode()
    assert all(t in page for t in ("Safeguarding referral", "Health advice", "School review"))
    client.force_login(case["users"]["health_a"])
    page = client.get(listing).content.decode()
    assert "Health advice" in page and "School review report" in page
    assert "Safeguarding referral" not in page
    client.force_login(case["users"]["parent_a"])
    page = client.get(reverse("family:shared-documents", args=[child.pk])).content.decode()
    assert "School review report" in page and "2 November 2026" in page
    assert "Safeguarding referral" not in page and "Health advice" not in page


def test_a_family_member_cannot_download_a_staff_only_document(
    client: Any, case: dict[str, Any]
) -> None:
    child, staff_only = case["child"], case["documents"]["staff"]
    client.force_login(case["users"]["parent_a"])
    family_route = client.get(
        reverse("family:shared-document-download", args=[child.pk, staff_only.pk])
    )
    assert family_route.status_code == 404
    case_route = client.get(reverse("casework:document-download", args=[child.pk, staff_only.pk]))
    assert case_route.status_code == 403
    assert not AuditEntry.objects.filter(action="download", object_id=str(staff_only.pk)).exists()


def test_a_download_is_audited_named_as_uploaded_and_not_stored(
    client: Any, case: dict[str, Any], _media: Path
) -> None:
    child, shared = case["child"], case["documents"]["family"]
    assert shared.file.name.startswith("casefile/documents/")
    assert "School" not in shared.file.name  # a random name in storage
    client.force_login(case["users"]["parent_a"])
    response = client.get(reverse("family:shared-document-download", args=[child.pk, shared.pk]))
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="School review report.pdf"'
    assert "no-store" in response["Cache-Control"]
    entry = AuditEntry.objects.get(action="download", object_id=str(shared.pk))
    assert entry.actor == case["users"]["parent_a"] and entry.child == child


def test_every_read_is_audited(client: Any, case: dict[str, Any]) -> None:
    child = case["child"]
    client.force_login(case["users"]["caseworker_a"])
    client.get(reverse("casework:documents", args=[child.pk]), {"q": "review"})
    client.force_login(case["users"]["parent_a"])
    client.get(reverse("family:shared-documents", args=[child.pk]))
    summaries = list(
        AuditEntry.objects.filter(action="view", child=child)
        .exclude(summary__in=["Viewed the child's record"])
        .order_by("at", "pk")
        .values_list("summary", flat=True)
    )
    assert summaries == [
        "Viewed the case's documents, page 1 (searched)",
        "Viewed the documents shared with the family (1)",
    ]


def test_search_by_title_and_filter_by_type(client: Any, case: dict[str, Any]) -> None:
    client.force_login(case["users"]["caseworker_a"])
    url = reverse("casework:documents", args=[case["child"].pk])
    by_title = client.get(url, {"q": "review report"}).content.decode()
    assert "School review report" in by_title and "Health advice" not in by_title
    by_kind = client.get(url, {"kind": "advice"}).content.decode()
    assert "Health advice" in by_kind and "School review report" not in by_kind
    assert "Nothing matches the search" in client.get(url, {"q": "tribunal"}).content.decode()


def _letters(case: dict[str, Any], count: int = 50) -> None:
    CaseDocument.objects.bulk_create(
        CaseDocument(child=case["child"], kind="other", title=f"Letter {n:02d}",
                     dated=date(2026, 1, 1), file=f"letters/letter-{n}.pdf",
                     original_name=f"letter-{n}.pdf", audience="professionals",
                     uploaded_by=case["users"]["caseworker_a"])
        for n in range(count)
    )  # fmt: skip


def test_documents_are_paged_50_at_a_time(client: Any, case: dict[str, Any]) -> None:
    _letters(case)
    client.force_login(case["users"]["caseworker_a"])
    url = reverse("casework:documents", args=[case["child"].pk])
    first = client.get(url)
    assert len(first.context["page"].object_list) == 50
    assert "Page 1 of 2" in first.content.decode()
    assert len(client.get(url, {"page": "2"}).context["page"].object_list) == 3


def test_documents_sort_by_date_title_or_type(client: Any, case: dict[str, Any]) -> None:
    _letters(case)
    client.force_login(case["users"]["caseworker_a"])
    url = reverse("casework:documents", args=[case["child"].pk])
    newest = list(client.get(url).context["page"].object_list)
    assert newest[0].dated >= newest[1].dated >= newest[-1].dated
    oldest = client.get(url, {"sort": "oldest"}).context["page"].object_list
    assert oldest[0].title.startswith("Letter")
    titles = [d.title for d in client.get(url, {"sort": "title"}).context["page"].object_list]
    assert titles == sorted(titles)
    kinds = [d.kind for d in client.get(url, {"sort": "type"}).context["page"].object_list]
    assert kinds == sorted(kinds)


def test_the_list_of_documents_downloads_as_csv_for_staff_only(
    client: Any, case: dict[str, Any]
) -> None:
    import csv
    import io

    _letters(case)
    child = case["child"]
    url = reverse("casework:documents-export", args=[child.pk])
    client.force_login(case["users"]["caseworker_a"])
    assert url in client.get(reverse("casework:documents", args=[child.pk])).content.decode()
    response = client.get(url, {"q": "letter", "sort": "title"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:3] == ["Date of the document", "Type", "Title"]
    assert [r[2] for r in rows[1:]] == [f"Letter {n:02d}" for n in range(50)]
    assert AuditEntry.objects.filter(action="download", child=child).count() == 1
    for role in ("health_a", "parent_a", "caseworker_b"):
        client.force_login(case["users"][role])
        assert client.get(url).status_code in (403, 404)
        assert (
            url not in client.get(reverse("casework:documents", args=[child.pk])).content.decode()
        )


def _upload(client: Any, child: Any, file: Any, **extra: str) -> Any:
    data = {
        "file": file, "kind": "review_report", "title": "Annual review report",
        "dated_day": "20", "dated_month": "11", "dated_year": "2026", "audience": "family",
        "shared_with_family_on_day": "21", "shared_with_family_on_month": "11",
        "shared_with_family_on_year": "2026", **extra,
    }  # fmt: skip
    return client.post(reverse("casework:document-new", args=[child.pk]), data)


def test_uploading_a_document_and_sharing_it_with_the_family(
    client: Any, case: dict[str, Any]
) -> None:
    child = case["child"]
    client.force_login(case["users"]["caseworker_a"])
    response = _upload(client, child, pdf("Review 2026.pdf"))
    assert response.status_code == 302
    document = CaseDocument.objects.get(title="Annual review report")
    assert (document.kind, document.audience) == ("review_report", "family")
    assert document.shared_with_family_on == date(2026, 11, 21)
    assert document.original_name == "Review 2026.pdf"
    assert AuditEntry.objects.filter(action="upload", object_id=str(document.pk)).exists()
    client.force_login(case["users"]["parent_a"])
    page = client.get(reverse("family:shared-documents", args=[child.pk])).content.decode()
    assert "Annual review report" in page and "21 November 2026" in page


def test_a_renamed_exe_is_refused_and_the_answers_are_kept(
    client: Any, case: dict[str, Any], _media: Path
) -> None:
    child = case["child"]
    before = CaseDocument.objects.count()
    stored = sorted(_media.rglob("*"))
    client.force_login(case["users"]["caseworker_a"])
    exe = SimpleUploadedFile("report.pdf", b"MZ\x90\x00\x03\x00\x00\x00", "application/pdf")
    response = _upload(client, child, exe)
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and "<title>Error:" in page
    assert "The file is not a real PDF file." in page
    assert 'value="Annual review report"' in page  # the other answers are kept
    assert CaseDocument.objects.count() == before
    assert sorted(_media.rglob("*")) == stored


def test_a_disallowed_type_and_missing_answers_are_refused(
    client: Any, case: dict[str, Any]
) -> None:
    client.force_login(case["users"]["caseworker_a"])
    exe = SimpleUploadedFile("setup.exe", b"MZ\x90\x00", "application/octet-stream")
    page = _upload(client, case["child"], exe).content.decode()
    assert "The file must be a PDF" in page
    no_date = _upload(
        client, case["child"], pdf(), shared_with_family_on_day="",
        shared_with_family_on_month="", shared_with_family_on_year="",
    ).content.decode()  # fmt: skip
    assert "Enter the date the document was sent or shared with the family" in no_date
    assert not CaseDocument.objects.filter(title="Annual review report").exists()


def test_a_double_submit_makes_one_document(client: Any, case: dict[str, Any]) -> None:
    client.force_login(case["users"]["caseworker_a"])
    assert _upload(client, case["child"], pdf("twice.pdf")).status_code == 302
    assert _upload(client, case["child"], pdf("twice.pdf")).status_code == 302
    assert CaseDocument.objects.filter(title="Annual review report").count() == 1


def _correction(document: Any, **extra: str) -> dict[str, str]:
    return {
        "kind": document.kind, "title": document.title, "dated_day": "1", "dated_month": "11",
        "dated_year": "2026", "audience": document.audience, "reason": "Wrong title",
        "version": str(document.version), **extra,
    }  # fmt: skip


def test_correcting_keeps_the_earlier_details_with_who_and_why(
    client: Any, case: dict[str, Any]
) -> None:
    child, advice = case["child"], case["documents"]["professionals"]
    manager = case["users"]["manager_a"]
    client.force_login(manager)
    url = reverse("casework:document-correct", args=[child.pk, advice.pk])
    response = client.post(url, _correction(advice, title="Health advice, Dr Shah"))
    assert response.status_code == 302
    advice.refresh_from_db()
    assert advice.title == "Health advice, Dr Shah" and advice.corrected_by == manager
    assert [h.title for h in advice.history.order_by("history_date")] == [
        "Health advice",
        "Health advice, Dr Shah",
    ]
    page = client.get(url).content.decode()
    assert "Corrected: Wrong title" in page
    assert "Advice report: Health advice, 1 Nov 2026" in page  # the original, in the history
    listing = client.get(reverse("casework:documents", args=[child.pk])).content.decode()
    assert "Corrected" in listing


def test_sharing_later_is_a_correction_the_family_then_sees(
    client: Any, case: dict[str, Any]
) -> None:
    child, advice = case["child"], case["documents"]["professionals"]
    client.force_login(case["users"]["caseworker_a"])
    client.post(
        reverse("casework:document-correct", args=[child.pk, advice.pk]),
        _correction(
            advice, audience="family", reason="Sent to the family",
            shared_with_family_on_day="24", shared_with_family_on_month="11",
            shared_with_family_on_year="2026",
        ),
    )  # fmt: skip
    client.force_login(case["users"]["parent_a"])
    page = client.get(reverse("family:shared-documents", args=[child.pk])).content.decode()
    assert "Health advice" in page and "24 November 2026" in page


def test_a_stale_correction_is_refused_and_keeps_the_answers(
    client: Any, case: dict[str, Any]
) -> None:
    child, advice = case["child"], case["documents"]["professionals"]
    opened_at = advice.version
    services.case_document_correct(
        actor=case["users"]["manager_a"], document=advice, kind="advice", title="First",
        dated=advice.dated, audience="professionals", shared_with_family_on=None,
        reason="Typo", expected_version=opened_at,
    )  # fmt: skip
    client.force_login(case["users"]["caseworker_a"])
    response = client.post(
        reverse("casework:document-correct", args=[child.pk, advice.pk]),
        _correction(advice, title="Second", version=str(opened_at)),
    )
    assert response.status_code == 200
    assert ConcurrentEditError.message.split(".")[0] in response.content.decode()
    assert 'value="Second"' in response.content.decode()
    advice.refresh_from_db()
    assert advice.title == "First"


def test_a_withdrawn_document_stays_listed_and_the_family_no_longer_sees_it(
    client: Any, case: dict[str, Any]
) -> None:
    child, shared = case["child"], case["documents"]["family"]
    client.force_login(case["users"]["caseworker_a"])
    url = reverse("casework:document-withdraw", args=[child.pk, shared.pk])
    refused = client.post(url, {"withdraw-reason": "", "withdraw-version": str(shared.version)})
    assert "Enter why the step was recorded in error" in refused.content.decode()
    response = client.post(
        url, {"withdraw-reason": "Another child's report", "withdraw-version": str(shared.version)}
    )
    assert response.status_code == 302
    shared.refresh_from_db()
    assert shared.withdrawn and shared.withdrawn_reason == "Another child's report"
    listing = client.get(reverse("casework:documents", args=[child.pk])).content.decode()
    assert "Withdrawn" in listing and "School review report" in listing
    assert "Another child&#x27;s report" in listing
    client.force_login(case["users"]["parent_a"])
    page = client.get(reverse("family:shared-documents", args=[child.pk])).content.decode()
    assert "School review report" not in page
    download = reverse("family:shared-document-download", args=[child.pk, shared.pk])
    assert client.get(download).status_code == 404
    client.force_login(case["users"]["health_a"])
    assert "School review report" not in (
        client.get(reverse("casework:documents", args=[child.pk])).content.decode()
    )
    with pytest.raises(Exception, match="withdrawn"):
        services.case_document_withdraw(
            actor=case["users"]["caseworker_a"], document=shared, reason="again",
            expected_version=shared.version,
        )  # fmt: skip


def test_a_forged_post_for_another_authoritys_child_is_refused(
    client: Any, case: dict[str, Any]
) -> None:
    child, other_child, shared = case["child"], case["other_child"], case["documents"]["family"]
    before = CaseDocument.objects.count()
    client.force_login(case["users"]["caseworker_b"])
    assert _upload(client, child, pdf()).status_code == 403
    forged = _correction(shared, title="Forged")
    correct = "casework:document-correct"
    assert client.post(reverse(correct, args=[child.pk, shared.pk]), forged).status_code == 403
    assert (
        client.post(reverse(correct, args=[other_child.pk, shared.pk]), forged).status_code == 404
    )
    withdraw = {"withdraw-reason": "x", "withdraw-version": str(shared.version)}
    assert (
        client.post(
            reverse("casework:document-withdraw", args=[other_child.pk, shared.pk]), withdraw
        ).status_code
        == 404
    )
    assert CaseDocument.objects.count() == before
    shared.refresh_from_db()
    assert shared.title == "School review report" and not shared.withdrawn


def test_the_family_case_page_links_to_shared_documents_and_the_advice(
    client: Any, case: dict[str, Any]
) -> None:
    child = case["child"]
    shared_url = reverse("family:shared-documents", args=[child.pk])
    client.force_login(case["users"]["parent_a"])
    page = client.get(reverse("family:case", args=[child.pk])).content.decode()
    assert shared_url in page
    # No advice report shared yet: the right is stated, with no link to advice that is not there.
    assert "You can ask to see the advice.</li>" in page
    assert "Read the advice the council has shared" not in page
    services.case_document_add(
        actor=case["users"]["caseworker_a"], child=child, kind="advice",
        title="Educational psychology advice", dated=date(2026, 11, 20), file=pdf("ep.pdf"),
        audience="family", shared_with_family_on=date(2026, 11, 24),
    )  # fmt: skip
    page = client.get(reverse("family:case", args=[child.pk])).content.decode()
    assert (
        f'You can ask to see the advice. <a class="govuk-link" href="{shared_url}">'
        "Read the advice the council has shared</a>." in page
    )


def test_the_case_page_links_to_documents_for_staff_and_professionals(
    client: Any, case: dict[str, Any]
) -> None:
    url = reverse("casework:case-detail", args=[case["child"].pk])
    documents_url = reverse("casework:documents", args=[case["child"].pk])
    for role in ("caseworker_a", "health_a", "parent_a"):
        client.force_login(case["users"][role])
        page = client.get(url)
        assert page.status_code == 200
        assert (documents_url in page.content.decode()) is (role != "parent_a"), role


def test_services_refuse_people_outside_the_authority(case: dict[str, Any]) -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.case_document_add(
            actor=case["users"]["caseworker_b"], child=case["child"], kind="other", title="x",
            dated=TODAY, file=pdf(),
        )  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.case_document_withdraw(
            actor=case["users"]["parent_a"], document=case["documents"]["family"], reason="x",
            expected_version=None,
        )  # fmt: skip
