"""A family's document downloads under the name it was sent with, made safe."""

from __future__ import annotations

import re
from typing import Any

from redress.family.models import FamilyDocument
from redress.notifications.tests.conftest import Cases


def test_a_document_named_with_a_newline_and_polish_letters_downloads(
    cases: Cases, client: Any, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "family").mkdir()
    (tmp_path / "family" / "letter.pdf").write_bytes(b"%PDF-1.4 hello")
    document = FamilyDocument.objects.create(
        child=cases.family,
        uploaded_by=cases.parent,
        document="family/letter.pdf",
        original_name='Błaszczyk\r\nreport"; filename*=x.exe.pdf',
        description="Letter",
    )
    client.force_login(cases.parent)
    response = client.get(f"/family/cases/{cases.family.pk}/documents/{document.pk}/")
    assert response.status_code == 200
    header = response["Content-Disposition"]
    assert header.startswith("attachment; filename*=utf-8''B%C5%82aszczyk")
    assert re.fullmatch(r"attachment; filename\*=utf-8''[A-Za-z0-9%._()'+-]*\.pdf", header), header
