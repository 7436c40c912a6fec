"""Section K lists the advice the plan rests on (type, from whom, when received) and links each
advice document kept in the case's documents, only for a reader who may see that document."""

from __future__ import annotations

from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from docx import Document

from redress.accounts.models import Organisation, Role
from redress.casefile.models import CaseDocument
from redress.casefile.services import case_document_add
from redress.casework.models import FamilyMember
from redress.casework.services import advice_request_create, advice_request_mark_received
from redress.casework.tests.factories import (
    ChildFactory,
    CommissionerFactory,
    OrganisationFactory,
    user_with_role,
)
from redress.plans.generate import plan_docx_generate
from redress.plans.tests.helpers import caseworker_for, ready_plan

pytestmark = pytest.mark.django_db
TODAY = date(2024, 6, 3)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _today() -> Any:
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def case() -> dict[str, Any]:
    """A draft plan; health advice from North ICB (its document shared with the family) and
    psychological advice from Dr Shah (its document for the authority's staff only), both
    received; educational advice asked for and not yet received."""
    child = ChildFactory(first_name="Amara")
    caseworker = caseworker_for(child)
    plan = ready_plan(child, caseworker)  # the assessment requested on 8 January 2024
    la = child.local_authority
    icb = CommissionerFactory(name="North ICB")
    practice = OrganisationFactory(kind=Organisation.Kind.INDEPENDENT_PRACTICE, name="EP Ltd")
    shah = user_with_role(Role.ADVICE_GIVER, practice, first_name="Dr", last_name="Shah")

    def ask(kind: str, to: Organisation, person: Any = None) -> Any:
        child.refresh_from_db()
        return advice_request_create(
            actor=caseworker, child=child, advice_type=kind, recipient_organisation=to,
            recipient_person=person, commissioned_by=la, date_sent=date(2024, 1, 29),
            expected_version=child.version,
        )  # fmt: skip

    health, psych = ask("health", icb), ask("psychological", practice, shah)
    ask("educational", OrganisationFactory(kind=Organisation.Kind.SETTING, name="Hill School"))
    for advice, day in ((health, 1), (psych, 5)):
        advice_request_mark_received(
            actor=caseworker, advice_request=advice, date_received=date(2024, 3, day)
        )

    def upload(title: str, advice: Any, audience: str, shared: date | None = None) -> Any:
        return case_document_add(
            actor=caseworker, child=child, kind="advice", title=title, dated=date(2024, 3, 1),
            file=SimpleUploadedFile(f"{title}.pdf", PDF, "application/pdf"), audience=audience,
            shared_with_family_on=shared, advice_request=advice,
        )  # fmt: skip

    documents = {
        "health": upload("Health advice report", health, "family", date(2024, 3, 4)),
        "psych": upload("EP report", psych, "staff"),
    }
    parent = user_with_role(Role.PARENT_CARER)
    FamilyMember.objects.create(child=child, user=parent, name="Jo", relationship="parent")
    users = {
        "caseworker": caseworker,
        "parent": parent,
        "health": user_with_role(Role.HEALTH_OFFICER, icb),
    }
    return {"child": child, "plan": plan, "documents": documents, "users": users}


def _section_k(client: Any, case: dict[str, Any], role: str) -> str:
    client.force_login(case["users"][role])
    response = client.get(reverse("plans:detail", args=[case["plan"].pk]))
    assert response.status_code == 200
    page = response.content.decode()
    return page[page.index('id="advice-received"') :].split("</table>")[0]


def test_staff_see_every_advice_received_with_links_to_its_documents(
    client: Any, case: dict[str, Any]
) -> None:
    k = _section_k(client, case, "caseworker")
    child, docs = case["child"], case["documents"]
    assert "Health" in k and "North ICB" in k and "1 March 2024" in k
    assert "Psychological" in k and "Dr Shah, EP Ltd" in k and "5 March 2024" in k
    assert "Hill School" not in k  # asked for, not received
    assert k.index("North ICB") < k.index("EP Ltd")  # in the order received
    for document in docs.values():
        assert reverse("casework:document-download", args=[child.pk, document.pk]) in k


def test_the_family_sees_the_advice_and_only_the_document_shared_with_them(
    client: Any, case: dict[str, Any]
) -> None:
    k = _section_k(client, case, "parent")
    child, docs = case["child"], case["documents"]
    assert "North ICB" in k and "EP Ltd" in k
    assert reverse("family:shared-document-download", args=[child.pk, docs["health"].pk]) in k
    assert "EP report" not in k
    assert f"/{docs['psych'].pk}/download" not in k
    # The link opens for them.
    assert (
        client.get(
            reverse("family:shared-document-download", args=[child.pk, docs["health"].pk])
        ).status_code
        == 200
    )


def test_a_health_officer_sees_only_their_own_organisations_advice(
    client: Any, case: dict[str, Any]
) -> None:
    k = _section_k(client, case, "health")
    child, docs = case["child"], case["documents"]
    assert "North ICB" in k and "EP Ltd" not in k
    assert reverse("casework:document-download", args=[child.pk, docs["health"].pk]) in k


def test_a_withdrawn_document_is_not_linked(client: Any, case: dict[str, Any]) -> None:
    CaseDocument.objects.filter(pk=case["documents"]["psych"].pk).update(
        withdrawn_at=timezone.now()
    )
    k = _section_k(client, case, "caseworker")
    assert "EP report" not in k and "EP Ltd" in k


def test_the_docx_lists_the_advice_and_links_what_the_reader_may_see(
    case: dict[str, Any],
) -> None:
    plan, users = case["plan"], case["users"]
    content = plan_docx_generate(
        actor=users["parent"], plan=plan, link_base="https://redress.example/"
    )
    document = Document(BytesIO(content))
    advice = document.tables[-1]
    rows = [[c.text for c in r.cells] for r in advice.rows]
    assert rows[0] == ["Advice", "From", "Received", "Document"]
    assert rows[1] == ["Health", "North ICB", "1 March 2024", "Health advice report"]
    assert rows[2] == ["Psychological", "Dr Shah, EP Ltd", "5 March 2024", "Not attached"]
    links = [r.target_ref for r in document.part.rels.values() if r.is_external]
    shared = case["documents"]["health"]
    assert links == [
        "https://redress.example"
        + reverse("family:shared-document-download", args=[case["child"].pk, shared.pk])
    ]


def test_uploading_advice_names_the_request_it_answers(client: Any, case: dict[str, Any]) -> None:
    child = case["child"]
    educational = child.advice_requests.get(advice_type="educational")
    client.force_login(case["users"]["caseworker"])
    data = {
        "kind": "advice", "title": "School advice", "dated_day": "2", "dated_month": "3",
        "dated_year": "2024", "audience": "staff", "advice_request": str(educational.pk),
    }  # fmt: skip
    response = client.post(
        reverse("casework:document-new", args=[child.pk]),
        {**data, "file": SimpleUploadedFile("school.pdf", PDF, "application/pdf")},
    )
    assert response.status_code == 302
    assert CaseDocument.objects.get(title="School advice").advice_request == educational
    forged = client.post(
        reverse("casework:document-new", args=[child.pk]),
        {**data, "advice_request": "999999", "title": "Forged",
         "file": SimpleUploadedFile("x.pdf", PDF, "application/pdf")},
    )  # fmt: skip
    assert forged.status_code == 200 and "Choose one of this case" in forged.content.decode()
    assert not CaseDocument.objects.filter(title="Forged").exists()
