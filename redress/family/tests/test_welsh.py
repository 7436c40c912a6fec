"""The family's pages are marked for translation (decision 0176): English by default, and a
Welsh catalogue, chosen on the page or by the browser, proves the mechanism."""

from __future__ import annotations

import re
from datetime import date
from gettext import GNUTranslations
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.conf import settings

from redress.casework.models import FamilyMember
from redress.notifications.tests.conftest import Cases, make_child

pytestmark = pytest.mark.django_db

CATALOGUE = Path(__file__).resolve().parents[1] / "locale" / "cy" / "LC_MESSAGES"


@pytest.fixture
def url(cases: Cases, client: Any) -> str:
    child = make_child(cases.la, "Gwen", "Jones", cases.caseworker)
    FamilyMember.objects.create(
        child=child, user=cases.parent, name="Jo Parent", relationship="parent"
    )
    client.force_login(cases.parent)
    return f"/family/cases/{child.pk}/"


@time_machine.travel(date(2026, 11, 29), tick=False)
def test_english_is_the_default(url: str, client: Any) -> None:
    page = client.get(url).content.decode()
    assert '<html lang="en-gb"' in page
    assert "What happens next" in page and "Beth sy'n digwydd nesaf" not in page
    assert 'lang="cy"' in page and "Cymraeg" in page  # the choice is offered, in Welsh


@time_machine.travel(date(2026, 11, 29), tick=False)
def test_a_family_member_chooses_welsh_and_the_case_page_is_in_welsh(url: str, client: Any) -> None:
    response = client.post("/family/display/", {"language": "cy", "next": url})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "cy"
    page = client.get(url).content.decode()
    assert '<html lang="cy"' in page
    assert "Beth sy'n digwydd nesaf" in page and "Pethau y gallwch eu gwneud" in page
    assert "Cael help" in page and "What happens next" not in page
    assert "English" in page  # the way back
    client.post("/family/display/", {"language": "en-gb", "next": url})
    assert "What happens next" in client.get(url).content.decode()


@time_machine.travel(date(2026, 11, 29), tick=False)
def test_the_browser_language_is_used_when_nobody_chose(url: str, client: Any) -> None:
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert "Cael help" in page
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="fr, en-US").content.decode()
    assert "Getting help" in page


def _po_entries(text: str) -> dict[str, str]:
    pairs = re.findall(r'^msgid "(.*)"\nmsgstr "(.*)"$', text, re.M)
    return {msgid.replace('\\"', '"'): msgstr for msgid, msgstr in pairs if msgid and msgstr}


def test_the_committed_mo_is_compiled_from_the_po() -> None:
    with (CATALOGUE / "django.mo").open("rb") as handle:
        compiled = GNUTranslations(handle)
    expected = _po_entries((CATALOGUE / "django.po").read_text())
    assert expected, "the Welsh catalogue translates nothing"
    for msgid, msgstr in expected.items():
        assert compiled.gettext(msgid) == msgstr, f"run msgfmt: {msgid!r} is out of date"
    assert "TEST CATALOGUE" in (CATALOGUE / "django.po").read_text()
