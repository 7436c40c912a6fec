"""Overdue health advice by commissioner, and the escalation letter to the commissioner."""

from __future__ import annotations

from datetime import date
from io import BytesIO
from typing import Any

import pytest
import time_machine
from django.urls import reverse
from docx import Document

from redress.audit.models import AuditEntry
from redress.casework import services
from redress.casework.tests.test_advice_pages import (  # noqa: F401  (fixtures)
    TODAY,
    World,
    ask,
    fast_passwords,
    signed_in,
    world_fixture,
)
from redress.statutory.rules import GROUND_DESCRIPTIONS

pytestmark = pytest.mark.django_db


def test_overdue_health_advice_is_grouped_by_commissioner(world: World) -> None:
    # A second commissioner with overdue advice for a Northshire child; a health request that
    # is still within its 6 weeks; and Ben's advice received late (no longer outstanding).
    second = ask(world.carl, world.other_icb, world.caseworker, date_sent=date(2026, 9, 15))
    with time_machine.travel(TODAY, tick=False):
        ask(world.ben, world.icb, world.caseworker, date_sent=date(2026, 10, 20))
        services.advice_request_mark_received(
            actor=world.caseworker, advice_request=world.ben_health, date_received=date(2026, 11, 1)
        )
        response = signed_in(world.caseworker).get(reverse("advice:health-overdue"))
    groups = {g["commissioner"]: g for g in response.context["groups"]}
    assert set(groups) == {world.icb, world.other_icb}
    assert [r.advice for r in groups[world.icb]["rows"]] == [world.amara_health]
    assert [r.advice for r in groups[world.other_icb]["rows"]] == [second]
    amara = groups[world.icb]["rows"][0]
    assert amara.deadline.due == date(2026, 10, 22)  # the engine's date
    assert amara.days_overdue == 11
    assert response.context["total"] == 2
    page = response.content.decode()
    assert "Amara Example" in page and "due 22 October 2026" in page
    assert "Ben Example" not in page  # received (late) advice is not outstanding
    assert "Social Care" not in page  # social care advice is not health advice
    assert "Dana Example" not in page  # another local authority's child
    assert "Waiting lists are not an exception to this duty." in page
    for ground in ("reg_8_2_a", "reg_8_2_b", "reg_8_2_c"):
        assert GROUND_DESCRIPTIONS[ground] in page
    letter = reverse("advice:escalation-letter", args=[world.icb.pk])
    assert letter in page


def test_a_health_officer_sees_their_overdue_advice_but_no_letter_button(world: World) -> None:
    with time_machine.travel(TODAY, tick=False):
        response = signed_in(world.health_officer).get(reverse("advice:health-overdue"))
        other = signed_in(world.other_health_officer).get(reverse("advice:health-overdue"))
    page = response.content.decode()
    assert "Amara Example" in page and "Ben Example" in page
    assert reverse("advice:escalation-letter", args=[world.icb.pk]) not in page
    assert [g["commissioner"] for g in other.context["groups"]] == [world.other_icb]
    assert "Amara Example" not in other.content.decode()


def _letter(client: Any, world: World, **data: str) -> Any:
    with time_machine.travel(TODAY, tick=False):
        return client.post(reverse("advice:escalation-letter", args=[world.icb.pk]), data)


def _text(content: bytes) -> str:
    document = Document(BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join(parts)


def test_the_caseworker_downloads_an_editable_letter_to_the_commissioner(world: World) -> None:
    client = signed_in(world.caseworker)
    with time_machine.travel(TODAY, tick=False):
        form = client.get(reverse("advice:escalation-letter", args=[world.icb.pk]))
    assert form.status_code == 200
    assert "Amara Example" in form.content.decode()
    response = _letter(
        client, world, respond_by_day="16", respond_by_month="11", respond_by_year="2026"
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"].startswith("attachment;")
    text = _text(response.content)
    assert "North ICB" in text
    assert "Amara Example" in text and "Ben Example" in text
    assert "Carl Example" not in text and "Dana Example" not in text
    assert "17 May 2016" in text  # date of birth
    assert "10 September 2026" in text and "22 October 2026" in text
    assert "section 31" in text and "regulation 8" in text
    assert "by 16 November 2026" in text
    assert "Priya Shah" in text and "Northshire Council" in text
    assert AuditEntry.objects.filter(action="generate", actor=world.caseworker).count() == 2


def test_without_a_date_the_letter_asks_for_the_advice_as_soon_as_possible(world: World) -> None:
    response = _letter(signed_in(world.caseworker), world)
    assert response.status_code == 200
    assert "as soon as possible" in _text(response.content)


def test_a_date_in_the_past_is_refused_in_the_error_summary(world: World) -> None:
    response = _letter(
        signed_in(world.caseworker),
        world,
        respond_by_day="1",
        respond_by_month="10",
        respond_by_year="2026",
    )
    page = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in page
    assert "must be today or later" in page
    assert not AuditEntry.objects.filter(action="generate").exists()


def test_only_la_staff_of_the_childrens_la_may_generate_the_letter(world: World) -> None:
    assert _letter(signed_in(world.health_officer), world).status_code == 403
    assert _letter(signed_in(world.giver), world).status_code == 403
    assert _letter(signed_in(world.other_caseworker), world).status_code == 404
    assert _letter(signed_in(world.other_health_officer), world).status_code == 404
    assert not AuditEntry.objects.filter(action="generate").exists()


def test_advice_excused_under_reg_8_2_is_not_listed_as_overdue(world: World) -> None:
    with time_machine.travel(TODAY, tick=False):
        services.case_event_record(
            actor=world.caseworker, child=world.amara, event_type="exception_recorded",
            when=date(2026, 10, 1), expected_version=None, reasons="Missed the clinic.",
            details={"rule": "advice.response", "ground": "reg_8_2_c",
                     "ref": world.amara_health.ref},
        )  # fmt: skip
        page = signed_in(world.caseworker).get(reverse("advice:health-overdue"))
    html = page.content.decode()
    assert "Ben Example" in html
    assert "Amara Example" not in html


def test_a_letter_the_service_refuses_is_explained_on_the_form(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.core.exceptions import ValidationError

    from redress.documents import views_advice

    def refuse(**kwargs: Any) -> bytes:
        raise ValidationError("None of this advice is overdue any more.")

    monkeypatch.setattr(views_advice, "escalation_letter_generate", refuse)
    response = _letter(signed_in(world.caseworker), world)
    assert response.status_code == 200
    assert "None of this advice is overdue any more." in response.content.decode()
