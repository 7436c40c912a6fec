"""The letters lists: the annual review invitations page checks a whole page of reviews in a
fixed number of queries with the same answers as a child's own check, and each list (a case's
letters, the print batch, the reviews to invite to) downloads as CSV, every row as filtered,
for the same people as the page."""

import csv
import io
from datetime import date
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.http import StreamingHttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from redress.accounts.models import Organisation
from redress.audit.models import AuditEntry
from redress.casework.models import Child
from redress.casework.services import case_event_record
from redress.casework.tests.factories import Role, UserFactory, user_with_role
from redress.documents.services_letters import (
    letter_check,
    letter_send,
    print_batch_mark_posted,
    review_invitations_check,
    sent_letter_withdraw,
)
from redress.documents.step_letters import STEP_LETTERS
from redress.documents.tests.test_step_letters import (
    TODAY,
    FamilyMemberFactory,
    LocalAuthorityFactory,
    OrganisationFactory,
)
from redress.plans import services as plan_services
from redress.plans.models import ReviewStep
from redress.plans.tests.helpers import ChildFactory, caseworker_for, issued_plan

pytestmark = pytest.mark.django_db

NOVEMBER = date(2026, 11, 2)
DECEMBER = {
    "start_day": "1", "start_month": "12", "start_year": "2026",
    "end_day": "31", "end_month": "12", "end_year": "2026",
}  # fmt: skip


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _csv(response: Any) -> list[list[str]]:
    assert isinstance(response, StreamingHttpResponse), response.status_code
    assert "no-store" in response["Cache-Control"]
    body = b"".join(response.streaming_content).decode().lstrip("\ufeff")
    return list(csv.reader(io.StringIO(body)))


def _school() -> Organisation:
    return OrganisationFactory(
        name="Hillside Primary", kind=Organisation.Kind.SETTING, address="School Road"
    )


def _reviewed(
    child: Child, actor: Any, meeting: date = date(2026, 12, 4), *, address: str = "1 Road"
) -> None:
    """A child with a plan in force and its annual review meeting planned (today: NOVEMBER)."""
    if address:
        FamilyMemberFactory(child=child, name=f"Parent {child.last_name}", address=address)
    plan = issued_plan(child, actor, draft=date(2025, 12, 1), final=date(2026, 1, 5))
    plan_services.review_start(
        actor=actor, plan=plan, meeting_planned_for=meeting, expected_version=None
    )


def _rows_in_queries(client: Client, query: dict[str, Any]) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("casework:letters-review-invitations"), query).content.decode()
    return len(queries), html


def _download_in_queries(client: Client, query: dict[str, Any]) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        rows = _csv(client.get(reverse("casework:letters-review-invitations-export"), query))
    return len(queries), len(rows) - 1


@time_machine.travel(NOVEMBER)
def test_the_review_invitations_page_reads_in_the_same_queries_for_2_rows_or_6() -> None:
    school = _school()
    first = ChildFactory(setting=school, last_name="Able")
    actor = caseworker_for(first)
    la = first.local_authority
    _reviewed(first, actor)
    # No one recorded to write to: the row says so.
    _reviewed(ChildFactory(setting=school, local_authority=la, last_name="Baker"), actor,
              address="")  # fmt: skip
    client = _client(actor)
    query = {"setting": school.pk, "method": "post", **DECEMBER}
    _rows_in_queries(client, query)  # what a first request reads once (the session, caches)
    two, html = _rows_in_queries(client, query)
    assert "Reviews to invite to (2)" in html and "Parent Able" in html
    assert "The letter has no one to go to" in html
    download_two, listed = _download_in_queries(client, query)
    assert listed == 2

    for name in ("Cole", "Dee", "Evans", "Ford"):
        _reviewed(ChildFactory(setting=school, local_authority=la, last_name=name), actor)
    letter_send(actor=actor, child=Child.objects.get(last_name="Dee"), kind="review_invitation",
                method="post")  # fmt: skip
    six, html = _rows_in_queries(client, query)
    assert "Reviews to invite to (6)" in html and "Parent Ford" in html
    assert html.count("govuk-tag--green") == 4  # Able, Cole, Evans, Ford
    assert html.count("govuk-tag--red") == 2  # Baker (no one), Dee (waiting in the batch)
    assert "already waiting in the print batch" in html
    assert six == two
    download_six, listed = _download_in_queries(client, query)
    assert listed == 6 and download_six == download_two


@time_machine.travel(NOVEMBER)
def test_the_page_check_gives_each_child_what_their_own_check_gives() -> None:
    school = _school()
    ready = ChildFactory(setting=school, last_name="Ready")
    actor = caseworker_for(ready)
    la = ready.local_authority
    _reviewed(ready, actor)
    FamilyMemberFactory(child=ready, name="Second Parent", email="second@example.org",
                        interpreter_language="Polish")  # fmt: skip
    nobody = ChildFactory(setting=school, local_authority=la, last_name="Nobody")
    _reviewed(nobody, actor, address="")
    late = ChildFactory(setting=school, local_authority=la, last_name="Late")
    _reviewed(late, actor, meeting=date(2026, 11, 10))  # the notice was due before today
    invited = ChildFactory(setting=school, local_authority=la, last_name="Invited")
    _reviewed(invited, actor)
    plan_services.review_step_record(
        actor=actor, cycle=invited.review_cycles.get(), kind=ReviewStep.Kind.INVITATIONS_SENT,
        when=NOVEMBER, expected_version=None,
    )  # fmt: skip
    waiting = ChildFactory(setting=school, local_authority=la, last_name="Waiting")
    _reviewed(waiting, actor)
    letter_send(actor=actor, child=waiting, kind="review_invitation", method="post")
    again = ChildFactory(setting=school, local_authority=la, last_name="Again")
    FamilyMemberFactory(child=again, name="Parent Again", address="3 Road")
    plan = issued_plan(again, actor, draft=date(2025, 9, 1), final=date(2025, 10, 1))
    decided = plan_services.review_start(actor=actor, plan=plan, expected_version=None)
    for step, when in (("meeting_held", date(2026, 10, 5)), ("decision", date(2026, 10, 19))):
        plan_services.review_step_record(
            actor=actor, cycle=decided, kind=step, when=when, expected_version=None,
            decision="maintain" if step == "decision" else "",
        )  # fmt: skip
    plan_services.review_start(
        actor=actor, plan=plan, meeting_planned_for=date(2026, 12, 8), expected_version=None
    )
    no_plan = ChildFactory(setting=school, local_authority=la, last_name="Noplan")
    FamilyMemberFactory(child=no_plan, name="Parent Noplan", address="2 Road")
    children = [ready, nobody, late, invited, waiting, again, no_plan]
    kind = STEP_LETTERS["review_invitation"]

    def seen(prepared: Any) -> tuple[Any, ...]:
        return (prepared.addressee, list(prepared.problems.items()), prepared.step_date,
                prepared.plan, prepared.cycle, prepared.deadline, prepared.needs)  # fmt: skip

    for method in ("post", "email"):  # `each` ends as the email check
        each = [
            seen(letter_check(actor=actor, child=Child.objects.get(pk=c.pk), kind=kind,
                              method=method))
            for c in children
        ]  # fmt: skip
        fresh = list(Child.objects.filter(pk__in=[c.pk for c in children]).order_by("pk"))
        together = [seen(p) for p in review_invitations_check(
            actor=actor, children=fresh, method=method
        )]  # fmt: skip
        assert together == each
    problems = dict(zip([c.last_name for c in children], [row[1] for row in each], strict=True))
    assert problems["Ready"] == []
    assert each[0][0].name == "Parent Ready and Second Parent"
    assert each[0][6] == ["Second Parent: an interpreter (Polish)"]
    assert [key for key, _ in problems["Nobody"]] == ["addressee"]
    assert "too late" in dict(problems["Late"])["step"]
    assert "were sent on 2 November 2026" in dict(problems["Invited"])["step"]
    assert "waiting" in dict(problems["Waiting"])
    assert "Arrange the annual review meeting first" in dict(problems["Noplan"])["step"]
    # The review in progress, not the one decided: only the email address is missing.
    assert [key for key, _ in problems["Again"]] == ["method"]
    assert each[5][2] == date(2026, 12, 8)


@time_machine.travel(NOVEMBER)
def test_the_reviews_to_invite_to_download_as_the_page_lists_and_checks_them() -> None:
    school = _school()
    able = ChildFactory(setting=school, first_name="Ann", last_name="Able")
    actor = caseworker_for(able)
    la = able.local_authority
    _reviewed(able, actor, meeting=date(2026, 12, 10))
    evil = ChildFactory(setting=school, local_authority=la, first_name="=cmd", last_name="Evil")
    _reviewed(evil, actor, meeting=date(2026, 12, 3), address="")
    january = ChildFactory(setting=school, local_authority=la, first_name="Jan", last_name="Late")
    _reviewed(january, actor, meeting=date(2027, 1, 12))  # outside the dates asked for
    elsewhere = ChildFactory(local_authority=la, first_name="Eli", last_name="Else")
    _reviewed(elsewhere, actor)  # another school
    query = {"setting": school.pk, "method": "email", **DECEMBER}
    client = _client(actor)

    page = client.get(reverse("casework:letters-review-invitations"), query).content.decode()
    export = reverse("casework:letters-review-invitations-export")
    assert f'href="{export}?setting={school.pk}&amp;method=email&amp;start_day=1' in page
    rows = _csv(client.get(export, query))
    assert rows[0] == ["Child or young person", "Case number", "Meeting planned for", "To",
                       "Can it go", "What stops it"]  # fmt: skip
    # By meeting date, as the page lists them; the same answers as the page's "Can it go?".
    assert [row[:5] for row in rows[1:]] == [
        ["'=cmd Evil", str(evil.pk), "2026-12-03", "", "No"],
        ["Ann Able", str(able.pk), "2026-12-10", "Parent Able", "No"],
    ]
    assert rows[1][5].startswith("The letter has no one to go to")
    assert rows[2][5].startswith("Redress has no email address for Parent Able")
    assert rows[2][5] in page
    post = _csv(client.get(export, {**query, "method": "post"}))
    assert post[2][4:] == ["Yes", ""]
    assert AuditEntry.objects.filter(
        actor=actor, action="download",
        summary="Exported the reviews listed for annual review invitations as CSV",
    ).exists()  # fmt: skip
    # Without a school and dates there is no list to download.
    assert client.get(export, {"method": "post"}).status_code == 404

    officer = user_with_role(Role.HEALTH_OFFICER, OrganisationFactory(
        kind=Organisation.Kind.HEALTH_COMMISSIONER))  # fmt: skip
    parent = FamilyMemberFactory(child=able, name="Dad", user=UserFactory()).user
    for refused in (officer, parent):
        assert _client(refused).get(export, query).status_code == 403
    other_la = user_with_role(Role.LA_CASEWORKER, LocalAuthorityFactory())
    assert _csv(_client(other_la).get(export, query))[1:] == []


@time_machine.travel(TODAY)
def test_the_print_batch_downloads_every_letter_waiting_oldest_first(
    case: dict[str, Any],
) -> None:
    actor, la, child = case["caseworker"], case["la"], case["child"]
    first = letter_send(actor=actor, child=child, kind="acknowledgement", method="post")
    evil = ChildFactory(local_authority=la, first_name="=cmd", last_name="Evil")
    FamilyMemberFactory(child=evil, name="Eve Evil", address="6 Lane")
    case_event_record(actor=actor, child=evil, event_type="assessment_requested", when=TODAY,
                      expected_version=None)  # fmt: skip
    with time_machine.travel("2026-05-11T14:00:00Z"):
        second = letter_send(actor=actor, child=evil, kind="acknowledgement", method="post",
                             large_print=True)  # fmt: skip
    # Neither a letter posted nor one withdrawn waits in the batch.
    posted = letter_send(actor=actor, child=child, kind="advice_health", method="post",
                         organisation=case["icb"])  # fmt: skip
    print_batch_mark_posted(actor=actor, letters=[posted])
    withdrawn = letter_send(actor=actor, child=evil, kind="advice_health", method="post",
                            organisation=case["icb"])  # fmt: skip
    sent_letter_withdraw(actor=actor, letter=withdrawn, reason="Not needed")
    other = ChildFactory(first_name="Otto", last_name="Other")
    FamilyMemberFactory(child=other, name="Olive Other", address="9 Road")
    other_actor = caseworker_for(other)
    case_event_record(actor=other_actor, child=other, event_type="assessment_requested",
                      when=TODAY, expected_version=None)  # fmt: skip
    letter_send(actor=other_actor, child=other, kind="acknowledgement", method="post")
    client = _client(actor)

    page = client.get(reverse("casework:letters-print-batch")).content.decode()
    export = reverse("casework:letters-print-batch-export")
    assert f'href="{export}"' in page and "Download all 2 as CSV" in page
    rows = _csv(client.get(export))
    assert rows[0] == ["Child or young person", "Case number", "Letter", "To", "Large print",
                       "Added to the batch", "Added by"]  # fmt: skip
    assert [row[:5] for row in rows[1:]] == [
        ["Nia Roberts", str(child.pk), first.title, "Carys Roberts", "No"],
        ["'=cmd Evil", str(evil.pk), second.title, "Eve Evil", "Yes"],
    ]
    assert rows[2][5] == "2026-05-11 15:00"  # London time (BST)
    assert "4 Mill Lane" not in str(rows) and "6 Lane" not in str(rows)  # not the addresses
    assert AuditEntry.objects.filter(
        actor=actor, action="download", summary="Exported the print batch as CSV"
    ).exists()

    officer = user_with_role(Role.HEALTH_OFFICER, case["icb"])
    assert _client(officer).get(export).status_code == 403


@time_machine.travel(TODAY)
def test_a_cases_letters_download_says_what_went_to_whom_not_what_it_says(
    case: dict[str, Any],
) -> None:
    actor, child = case["caseworker"], case["child"]
    emailed = letter_send(actor=actor, child=child, kind="advice_health", method="email",
                          organisation=case["icb"])  # fmt: skip
    waiting = letter_send(actor=actor, child=child, kind="acknowledgement", method="post")
    sent_letter_withdraw(actor=actor, letter=waiting, reason="=Sent twice")
    client = _client(actor)

    page = client.get(reverse("casework:letters", args=[child.pk])).content.decode()
    export = reverse("casework:letters-export", args=[child.pk])
    assert f'href="{export}"' in page
    rows = _csv(client.get(export))
    assert rows[0] == ["Child or young person", "Case number", "Letter", "To", "How",
                       "Large print", "State", "Added", "Sent or posted on",
                       "Sent or posted by", "Withdrawn on", "Why withdrawn"]  # fmt: skip
    # Newest first, as the page lists them.
    withdrawn, sent = rows[1], rows[2]
    assert len(rows) == 3
    assert withdrawn[:7] == ["Nia Roberts", str(child.pk), waiting.title, "Carys Roberts",
                             "By post", "No", "Withdrawn"]  # fmt: skip
    assert withdrawn[8:10] == ["", ""] and withdrawn[10].startswith("2026-05-11 ")
    assert withdrawn[11] == "'=Sent twice"
    assert sent[2:7] == [emailed.title, "Westmoor ICB", "By email", "No", "Sent"]
    assert sent[7].startswith("2026-05-11 ") and sent[8:] == [
        "2026-05-11", actor.display_name, "", ""]  # fmt: skip
    # What went to whom, not the addresses nor what the letters say.
    body = str(rows)
    assert "4 Mill Lane" not in body and "carys@example.org" not in body
    assert "Please send us your advice" not in body
    entry = AuditEntry.objects.get(action="download", child=child)
    assert entry.summary == "Downloaded the list of the case's letters as CSV"

    other_la = user_with_role(Role.LA_CASEWORKER, LocalAuthorityFactory())
    officer = user_with_role(Role.HEALTH_OFFICER, case["icb"])
    for refused in (other_la, officer):
        assert _client(refused).get(export).status_code == 403
