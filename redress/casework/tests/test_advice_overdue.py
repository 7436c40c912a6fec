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


def test_overdue_health_advice_is_counted_by_commissioner_and_listed(world: World) -> None:
    # A second commissioner with overdue advice for a Northshire child; a health request that
    # is still within its 6 weeks; and Ben's advice received late (no longer outstanding).
    second = ask(world.carl, world.other_icb, world.caseworker, date_sent=date(2026, 9, 15))
    with time_machine.travel(TODAY, tick=False):
        ask(world.ben, world.icb, world.caseworker, date_sent=date(2026, 10, 20))
        services.advice_request_mark_received(
            actor=world.caseworker, advice_request=world.ben_health, date_received=date(2026, 11, 1)
        )
        response = signed_in(world.caseworker).get(reverse("advice:health-overdue"))
    counts = {c["commissioner"]: c["overdue"] for c in response.context["counts"]}
    assert counts == {world.icb.pk: 1, world.other_icb.pk: 1}
    # Most overdue first: Amara's (asked 10 September) before Carl's (15 September).
    assert response.context["rows"] == [world.amara_health, second]
    amara = response.context["rows"][0]
    assert amara.due == date(2026, 10, 22)  # the engine's date
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
    assert [c["commissioner"] for c in other.context["counts"]] == [world.other_icb.pk]
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


# -- The list: filters, sorts, pages and the CSV ------------------------------------------------


def _csv(response: Any) -> list[list[str]]:
    import csv
    import io

    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


def test_the_list_filters_and_sorts_in_the_database(world: World) -> None:
    second = ask(world.carl, world.other_icb, world.caseworker, date_sent=date(2026, 9, 15))
    client = signed_in(world.caseworker)
    url = reverse("advice:health-overdue")
    with time_machine.travel(TODAY, tick=False):
        mine = client.get(url, {"commissioner": world.icb.pk}).context["rows"]
        searched = client.get(url, {"q": "carl"}).context["rows"]
        by_due = client.get(url, {"due_from_day": "25", "due_from_month": "10",
                                  "due_from_year": "2026"}).context["rows"]  # fmt: skip
        by_name = client.get(url, {"sort": "name"}).context["rows"]
        wrong = client.get(url, {"due_to_day": "99", "due_to_month": "1", "due_to_year": "2026"})
    assert mine == [world.amara_health, world.ben_health]
    assert searched == [second]
    assert by_due == [second]
    assert [a.child.first_name for a in by_name] == ["Amara", "Ben", "Carl"]
    assert wrong.status_code == 200 and "govuk-error-summary" in wrong.content.decode()
    assert len(wrong.context["rows"]) == 3


def test_the_list_shows_50_a_page(world: World) -> None:
    for _ in range(49):
        ask(world.carl, world.other_icb, world.caseworker, date_sent=date(2026, 9, 1))
    client = signed_in(world.caseworker)
    url = reverse("advice:health-overdue")
    with time_machine.travel(TODAY, tick=False):
        first = client.get(url)
        second = client.get(url, {"page": 2})
    assert first.context["page"].paginator.count == 51 and len(first.context["rows"]) == 50
    assert second.context["rows"] == [world.ben_health]  # the least overdue, last
    counts = {c["commissioner"]: c["overdue"] for c in first.context["counts"]}
    assert counts == {world.icb.pk: 2, world.other_icb.pk: 49}
    assert "no-store" in first["Cache-Control"]


def test_the_csv_has_every_row_as_filtered_and_is_audited(world: World) -> None:
    ask(world.carl, world.other_icb, world.caseworker, date_sent=date(2026, 9, 15))
    client = signed_in(world.caseworker)
    with time_machine.travel(TODAY, tick=False):
        response = client.get(
            reverse("advice:health-overdue-export"), {"commissioner": world.icb.pk}
        )
        rows = _csv(response)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert rows[0][:4] == ["Case number", "Child or young person", "Local authority",
                           "Commissioner"]  # fmt: skip
    assert [(r[1], r[3], r[5], r[6]) for r in rows[1:]] == [
        ("Amara Example", world.icb.name, "2026-10-22", "11"),
        ("Ben Example", world.icb.name, "2026-10-22", "11"),
    ]
    assert AuditEntry.objects.filter(action="download", actor=world.caseworker).count() == 1


def test_the_csv_is_only_for_professionals_and_shows_only_what_they_see(world: World) -> None:
    from redress.accounts.models import Role
    from redress.casework.tests.factories import user_with_role

    parent = user_with_role(Role.PARENT_CARER)
    ask(world.carl, world.other_icb, world.caseworker, date_sent=date(2026, 9, 15))
    with time_machine.travel(TODAY, tick=False):
        other = _csv(signed_in(world.other_health_officer).get(
            reverse("advice:health-overdue-export")))  # fmt: skip
        refused = signed_in(parent).get(reverse("advice:health-overdue-export"))
    assert [r[1] for r in other[1:]] == ["Dana Example", "Carl Example"]
    assert refused.status_code == 403
    assert not AuditEntry.objects.filter(action="download", actor=parent).exists()
