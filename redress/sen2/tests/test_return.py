"""The SEN2 return: built from the records, written as XML that the schema accepts, and checked,
with every failure naming the child and the item to fix."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from lxml import etree

from redress.accounts.models import Membership, Organisation, Role
from redress.audit.models import AuditEntry
from redress.casework.deadlines import deadlines_recompute
from redress.casework.demo import LA_NAME
from redress.casework.models import CaseEvent, Child, Deadline
from redress.casework.tests.factories import ChildFactory, LocalAuthorityFactory, user_with_role
from redress.plans.models import Cessation, Placement, Plan
from redress.sen2.build import census_date, return_build, return_xml
from redress.sen2.checks import SCHEMA_PATH, return_check, upn_is_valid
from redress.sen2.models import (
    AuthorityReturnDetails,
    CessationReturnItems,
    ChildReturnItems,
    PlacementReturnItems,
    RequestReturnItems,
)

SCHEMA = etree.XMLSchema(etree.parse(str(SCHEMA_PATH)))
TODAY = date(2027, 1, 25)


def _event(child: Child, kind: str, when: str, **details: Any) -> CaseEvent:
    return CaseEvent.objects.create(
        child=child, type=kind, date=date.fromisoformat(when), details=details
    )


def _request(child: Child, when: str, source: str = "1") -> CaseEvent:
    event = _event(child, "assessment_requested", when)
    if source:
        RequestReturnItems.objects.create(event=event, request_source=source)
    return event


def _plan(child: Child, issued: str, urn: str = "100001") -> Plan:
    plan = Plan.objects.create(child=child, status="final", issued_on=date.fromisoformat(issued))
    placement = Placement.objects.create(
        plan=plan,
        institution_name="Hill Primary School",
        institution_type="maintained primary school",
    )
    PlacementReturnItems.objects.create(placement=placement, urn=urn)
    return plan


def _items(child: Child, **overrides: Any) -> None:
    values = {
        "sex": "F",
        "ethnicity": "WBRI",
        "postcode": "NW1 4AB",
        "upn_unknown": "UN1",
        "sen_type_primary": "ASD",
    }
    ChildReturnItems.objects.create(child=child, **{**values, **overrides})


@pytest.fixture
def authority(db: None) -> Organisation:
    """Six children whose return is counted by hand (collection 2027, census 21 January 2027,
    reporting period from 1 January 2026)."""
    la = LocalAuthorityFactory(name="Fixture Borough")
    AuthorityReturnDetails.objects.create(authority=la, la_code="935")

    ada = ChildFactory(first_name="Ada", last_name="Able", local_authority=la)
    _request(ada, "2026-02-02")
    _event(ada, "assessment_decision", "2026-03-02", decision="assess")
    _event(ada, "plan_decision", "2026-05-11", decision="issue")
    _event(ada, "draft_plan_issued", "2026-05-18")
    _event(ada, "final_plan_issued", "2026-06-15")  # within 20 weeks (due 22 June)
    _plan(ada, "2026-06-15")
    _items(ada)

    ben = ChildFactory(first_name="Ben", last_name="Baker", local_authority=la)
    _request(ben, "2026-01-05", source="2")
    _event(ben, "assessment_decision", "2026-02-02", decision="assess")
    _event(ben, "exception_recorded", "2026-04-01", rule="plan.final", ground="reg_10_4_c")
    _event(ben, "plan_decision", "2026-05-01", decision="issue")
    _event(ben, "final_plan_issued", "2026-07-20")  # late, under an exception
    _plan(ben, "2026-07-20", urn="100002")
    _items(ben, ethnicity="")  # lacks ethnicity: an error naming Ben

    cara = ChildFactory(first_name="Cara", last_name="Cole", local_authority=la)
    _request(cara, "2026-09-07", source="")  # who asked is not recorded
    _event(cara, "assessment_decision", "2026-10-05", decision="not_assess")
    _items(cara, sen_type_primary="")

    dev = ChildFactory(
        first_name="Dev", last_name="Dale", local_authority=la, date_of_birth=date(2007, 3, 1)
    )
    _request(dev, "2019-03-01", source="3")
    _event(dev, "assessment_decision", "2019-03-29", decision="assess")
    _event(dev, "final_plan_issued", "2019-07-01")
    plan = _plan(dev, "2019-07-01", urn="100003")
    cessation = Cessation.objects.create(
        plan=plan,
        decided_on=date(2026, 7, 1),
        notice_sent_on=date(2026, 7, 1),
        reasons="Moved on to employment",
        ceased_on=date(2026, 8, 31),
    )
    CessationReturnItems.objects.create(cessation=cessation, cease_reason="4")
    _items(dev, upn_unknown="", sex="M")
    Child.objects.filter(pk=dev.pk).update(uln="1234567890")

    eve = ChildFactory(first_name="Eve", last_name="Ellis", local_authority=la)
    _event(eve, "assessment_requested", "2024-01-10")  # concluded before the period
    _event(eve, "assessment_decision", "2024-02-05", decision="not_assess")

    finn = ChildFactory(first_name="Finn", last_name="Ford", local_authority=la)
    _event(finn, "assessment_requested", "2027-02-01")  # after the census date

    for child in Child.objects.filter(local_authority=la):
        deadlines_recompute(child=child, today=TODAY)
    return la


def test_census_date_is_the_third_thursday_of_january() -> None:
    assert census_date(2027) == date(2027, 1, 21)
    assert census_date(2026) == date(2026, 1, 15)
    assert census_date(2015) == date(2015, 1, 15)  # 1 January a Thursday


def test_upn_check_letter() -> None:
    from redress.casework.demo import _upn

    assert not upn_is_valid("A80120010000")  # 12 characters
    assert not upn_is_valid("180120010000A")  # must start with a letter

    assert upn_is_valid(_upn(801200100003))
    body = _upn(801200100003)[1:]
    wrong = next(letter for letter in "ABCDEFGHJKLMNPQRTUVWXYZ" if letter != _upn(801200100003)[0])
    assert not upn_is_valid(wrong + body)


def test_the_return_counts_as_by_hand(authority: Organisation) -> None:
    sen2 = return_build(authority=authority, year=2027)
    assert sen2.reference_date == date(2027, 1, 21)
    assert [p.forename for p in sen2.persons] == ["Ada", "Ben", "Cara", "Dev"]
    requests = [r for p in sen2.persons for r in p.requests]
    assert len(requests) == 4
    named = [r.assessment.named_plan for r in requests if r.assessment and r.assessment.named_plan]
    assert len(named) == 3
    assert sum(1 for r in requests if r.active_plan) == 2
    assert [(n.cease_date, n.cease_reason) for n in named if n.cease_date] == [
        (date(2026, 8, 31), "4")
    ]
    assert [r.outcome for r in requests] == ["A", "A", "N", "A"]
    # Item 3.7 comes from the deadline table: Ben's row is marked excepted, Ada's met.
    by_name = {p.forename: p for p in sen2.persons}
    assert by_name["Ben"].requests[0].assessment.week20 is True
    assert by_name["Ada"].requests[0].assessment.week20 is False
    assert Deadline.objects.get(child__first_name="Ben", rule="plan.final").status == "excepted"

    xml = etree.fromstring(return_xml(sen2))
    assert len(xml.findall("Persons/Person")) == 4
    assert len(xml.findall(".//NamedPlan")) == 3
    assert len(xml.findall(".//ActivePlans")) == 2
    # Ada issued in time, Ben late under an exception, Dev's 2019 plan in time.
    assert [e.text for e in xml.iter("Week20")] == ["0", "1", "0"]
    assert xml.findtext("Header/Source/LEA") == "935"
    # Who made each request: Ada's parent, Ben's school, Dev's health professional; Cara's
    # is not recorded, so her request has no RequestSource.
    assert [e.text for e in xml.iter("RequestSource")] == ["1", "2", "3"]


def test_checks_name_the_child_and_the_item(authority: Organisation) -> None:
    result = return_check(return_build(authority=authority, year=2027))
    errors = {(f.code, f.child_name) for f in result.errors}
    assert ("SEN2-P04", "Ben Baker") in errors  # no ethnicity
    # The schema refuses the missing item too, tied to the same child.
    assert any(f.code == "SEN2-XSD" and f.child_name == "Ben Baker" for f in result.errors)
    assert not any(f.child_name in {"Ada Able", "Dev Dale"} for f in result.errors)
    # Cara has no plan, so no need type is asked of her.
    assert not any(f.child_name == "Cara Cole" for f in result.errors)
    warnings = {(f.code, f.child_name) for f in result.warnings}
    assert ("SEN2-P08", "Ada Able") in warnings  # school age, no UPN
    assert all(not f.is_error for f in result.warnings)


def test_with_every_item_recorded_the_schema_accepts_the_return(authority: Organisation) -> None:
    ChildReturnItems.objects.filter(child__first_name="Ben").update(ethnicity="REFU")
    result = return_check(return_build(authority=authority, year=2027))
    assert result.errors == []
    assert SCHEMA.validate(etree.fromstring(result.xml)), SCHEMA.error_log


def test_placements_spell_their_items_as_submitted_returns_do(authority: Organisation) -> None:
    """Decision 0183: `SENSetting` and `SENunitIndicator`, as submitted files are read."""
    xml = etree.fromstring(return_xml(return_build(authority=authority, year=2027)))
    placements = xml.findall(".//PlanDetail") + xml.findall(".//PlacementDetail")
    assert placements
    for placement in placements:
        tags = [child.tag for child in placement]
        assert "SENunitIndicator" in tags
        assert not {"SENsetting", "SENUnitIndicator"} & set(tags)
    xsd = etree.parse(str(SCHEMA_PATH))
    names = {e.get("name") for e in xsd.iter("{http://www.w3.org/2001/XMLSchema}element")}
    assert {"SENSetting", "SENunitIndicator"} <= names


def test_a_ceased_plan_without_its_reason_is_an_error(authority: Organisation) -> None:
    CessationReturnItems.objects.all().delete()
    result = return_check(return_build(authority=authority, year=2027))
    assert ("SEN2-N01", "Dev Dale") in {(f.code, f.child_name) for f in result.errors}


def test_command_writes_the_xml_and_exits_1_on_errors(authority: Organisation, tmp_path) -> None:
    out = io.StringIO()
    target = tmp_path / "sen2.xml"
    with pytest.raises(SystemExit) as exit_:
        call_command("sen2", "--year", "2027", "--out", str(target), stdout=out)
    assert exit_.value.code == 1
    assert "4 people; " in out.getvalue()
    assert "SEN2-P04  Ben Baker" in out.getvalue()
    assert etree.fromstring(target.read_bytes()).findtext("Header/CollectionDetails/Year") == (
        "2027"
    )


def test_the_manager_page_lists_failures_and_the_caseworker_list_names_who_lacks_items(
    authority: Organisation,
) -> None:
    manager = user_with_role(Role.LA_MANAGER, authority)
    caseworker = user_with_role(Role.LA_CASEWORKER, authority)
    client = Client()
    client.force_login(manager)
    page = client.get("/sen2/?year=2027")
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    assert "SEN2-P04" in page.content.decode() and "Ben Baker" in page.content.decode()
    download = client.get("/sen2/return.xml?year=2027")
    assert download["Content-Disposition"] == 'attachment; filename="SEN2_935_2027.xml"'
    client.force_login(caseworker)
    assert client.get("/sen2/?year=2027").status_code == 403  # the return is a manager's
    listing = client.get("/sen2/missing/").content.decode()
    assert "Ben Baker" in listing and "ethnicity" in listing
    assert "Ada Able" not in listing
    ben = Child.objects.get(first_name="Ben")
    response = client.post(
        f"/sen2/child/{ben.pk}/",
        {
            "sex": "M",
            "ethnicity": "WBRI",
            "postcode": "nw1 4ab",
            "upn_unknown": "UN1",
            "sen_type_primary": "SLD",
            "sen_type_secondary": "",
        },
    )
    assert response.status_code == 302
    assert ChildReturnItems.objects.get(child=ben).postcode == "NW1 4AB"
    assert f'href="/sen2/child/{ben.pk}/"' not in client.get("/sen2/missing/").content.decode()


def test_the_manager_downloads_every_error_and_warning_with_its_reason(
    authority: Organisation, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("redress.sen2.views.FAILURES_PER_PAGE", 5)
    ChildReturnItems.objects.filter(child__first_name="Ada").delete()  # Ada lacks every item
    Child.objects.filter(first_name="Ada").update(first_name="=cmd")
    manager = user_with_role(Role.LA_MANAGER, authority)
    client = Client()
    client.force_login(manager)
    query = f"la={authority.pk}&year=2027&reference_date_day=21&reference_date_month=1"
    page = client.get(f"/sen2/?{query}&reference_date_year=2027")
    assert len(page.context["page"].object_list) == 5
    failures = page.context["page"].paginator.object_list
    link = f"/sen2/failures.csv?{query.replace('&', '&amp;')}&amp;reference_date_year=2027"
    assert (
        f'href="{link}">Download all {len(failures)} errors and warnings' in page.content.decode()
    )

    response = client.get(f"/sen2/failures.csv?{query}&reference_date_year=2027")
    assert "no-store" in response["Cache-Control"]
    body = b"".join(response.streaming_content).decode().lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0] == ["Kind", "Check", "Case number", "Child or young person", "Item",
                       "What to fix"]  # fmt: skip
    assert len(rows) - 1 == len(failures) > 5  # every failure, not one page's
    kinds = [row[0] for row in rows[1:]]
    assert kinds == sorted(kinds)  # errors first, then warnings
    ben = Child.objects.get(first_name="Ben")
    assert ["Error", "SEN2-P04", str(ben.pk), "Ben Baker", "Ethnicity (1.5)"] in [
        row[:5] for row in rows
    ]
    reasons = {row[5] for row in rows if row[2] == str(ben.pk)}
    assert any(reason.startswith("Ethnicity must be recorded") for reason in reasons)
    # A formula-like name is written as text.
    assert any(row[3] == "'=cmd Able" for row in rows)
    assert AuditEntry.objects.filter(
        actor=manager, action="download", summary__contains="SEN2 return 2027"
    ).exists()

    assert client.get("/sen2/failures.csv")["Location"] == "/sen2/"  # no return chosen yet

    caseworker = user_with_role(Role.LA_CASEWORKER, authority)
    client.force_login(caseworker)
    assert client.get("/sen2/failures.csv?year=2027").status_code == 403
    client.force_login(manager)
    stranger = LocalAuthorityFactory()
    assert client.get(f"/sen2/failures.csv?la={stranger.pk}&year=2027").status_code == 403


def test_who_made_the_request_is_warned_listed_and_recorded_on_the_sen2_side(
    authority: Organisation,
) -> None:
    from redress.audit.models import AuditEntry

    result = return_check(return_build(authority=authority, year=2027))
    assert ("SEN2-R04", "Cara Cole") in {(f.code, f.child_name) for f in result.warnings}
    assert not any(f.code == "SEN2-R04" for f in result.errors)
    caseworker = user_with_role(Role.LA_CASEWORKER, authority)
    client = Client()
    client.force_login(caseworker)
    listing = client.get("/sen2/missing/").content.decode()
    assert "Cara Cole" in listing and "who made the request of 7 September 2026" in listing
    cara = Child.objects.get(first_name="Cara")
    request = cara.events.get(type="assessment_requested")
    details = client.get(f"/sen2/child/{cara.pk}/").content.decode()
    assert f'href="/sen2/request/{request.pk}/"' in details
    page = client.get(f"/sen2/request/{request.pk}/")
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    response = client.post(f"/sen2/request/{request.pk}/", {"request_source": "4"})
    assert response.status_code == 302
    items = RequestReturnItems.objects.get(event=request)
    assert items.request_source == "4"
    assert items.history.latest().request_source == "4"
    assert AuditEntry.objects.filter(
        child=cara, summary__contains="request of 7 September"
    ).exists()
    assert "Cara Cole" not in client.get("/sen2/missing/").content.decode()
    xml = etree.fromstring(return_check(return_build(authority=authority, year=2027)).xml)
    assert [e.text for e in xml.iter("RequestSource")] == ["1", "2", "4", "3"]
    assert [e.text for e in xml.iter("RYA")] == ["0", "0", "0", "0"]
    # Cara was detained when the request was made: RYA is recorded, no longer always 0.
    client.post(
        f"/sen2/request/{request.pk}/", {"request_source": "4", "in_youth_accommodation": "on"}
    )
    assert RequestReturnItems.objects.get(event=request).in_youth_accommodation
    xml = etree.fromstring(return_check(return_build(authority=authority, year=2027)).xml)
    assert [e.text for e in xml.iter("RYA")] == ["0", "0", "1", "0"]
    assert client.post(f"/sen2/request/{request.pk}/", {"request_source": "9"}).status_code == 400
    other = user_with_role(Role.LA_CASEWORKER, LocalAuthorityFactory())
    client.force_login(other)
    assert client.get(f"/sen2/request/{request.pk}/").status_code in (403, 404)


def test_a_plan_transferred_in_names_the_old_authority_and_the_request_its_papers_record(
    authority: Organisation,
) -> None:
    from redress.sen2.models import TransferReturnItems

    westshire = LocalAuthorityFactory(name="Westshire County Council")
    AuthorityReturnDetails.objects.create(authority=westshire, la_code="872")
    hana = ChildFactory(first_name="Hana", last_name="Hill", local_authority=authority)
    transfer = _event(
        hana,
        "plan_transferred_in",
        "2026-04-01",
        from_authority="Westshire County Council",
        plan_made="2023-09-04",
    )
    _plan(hana, "2026-04-01", urn="100010")  # the plan as this authority now maintains it
    _items(hana)

    sen2 = return_build(authority=authority, year=2027)
    person = next(p for p in sen2.persons if p.forename == "Hana")
    [request] = person.requests
    assert request.assessment.named_plan.start_date == date(2023, 9, 4)
    assert request.active_plan.transfer_la == "872"  # Westshire's code, found by its name
    result = return_check(sen2)
    failures = {(f.code, f.child_name) for f in result.failures}
    assert ("SEN2-T01", "Hana Hill") in failures  # the original request's date is not known
    assert ("SEN2-R01", "Hana Hill") not in failures
    assert ("SEN2-A02", "Hana Hill") not in failures  # 20 weeks was the old authority's

    caseworker = user_with_role(Role.LA_CASEWORKER, authority)
    client = Client()
    client.force_login(caseworker)
    listing = client.get("/sen2/missing/").content.decode()
    assert "Hana Hill" in listing and "when the old authority received the request" in listing
    assert (
        f'href="/sen2/transfer/{transfer.pk}/"'
        in client.get(f"/sen2/child/{hana.pk}/").content.decode()
    )
    later = client.post(
        f"/sen2/transfer/{transfer.pk}/",
        {
            "from_la_code": "873",
            "request_received_day": "2",
            "request_received_month": "5",
            "request_received_year": "2026",
            "request_source": "2",
        },
    )
    assert later.status_code == 400  # received after the transfer
    response = client.post(
        f"/sen2/transfer/{transfer.pk}/",
        {
            "from_la_code": "873",
            "request_received_day": "2",
            "request_received_month": "5",
            "request_received_year": "2023",
            "request_source": "2",
        },
    )
    assert response.status_code == 302
    assert TransferReturnItems.objects.get(event=transfer).history.exists()

    result = return_check(return_build(authority=authority, year=2027))
    assert not any(f.child_name == "Hana Hill" for f in result.errors), result.errors
    xml = etree.fromstring(result.xml)
    hana_xml = next(p for p in xml.iter("Person") if p.findtext("Forename") == "Hana")
    assert hana_xml.findtext("Requests/ReceivedDate") == "2023-05-02"
    assert hana_xml.findtext("Requests/RequestSource") == "2"
    assert hana_xml.findtext("Requests/ActivePlans/TransferLA") == "873"
    assert hana_xml.findtext("Requests/Assessment/NamedPlan/StartDate") == "2023-09-04"
    assert hana_xml.find("Requests/Assessment/Week20") is None
    assert "Hana Hill" not in client.get("/sen2/missing/").content.decode()

    # A transfer with no plan in the plans app: still reported, with its placement missing.
    ivo = ChildFactory(first_name="Ivo", last_name="Ives", local_authority=authority)
    _event(
        ivo, "plan_transferred_in", "2026-10-01", from_authority="Nowhere", plan_made="2025-01-06"
    )
    _items(ivo)
    result = return_check(return_build(authority=authority, year=2027))
    ivo_xml = next(
        p for p in etree.fromstring(result.xml).iter("Person") if p.findtext("Forename") == "Ivo"
    )
    assert ivo_xml.find("Requests/ActivePlans") is not None
    assert ivo_xml.find("Requests/ActivePlans/TransferLA") is None  # no code known for Nowhere
    failures = {(f.code, f.child_name) for f in result.failures}
    assert {
        ("SEN2-N03", "Ivo Ives"),
        ("SEN2-T01", "Ivo Ives"),
        ("SEN2-T02", "Ivo Ives"),
    } <= failures


def test_the_latest_review_decision_gives_the_review_outcome(authority: Organisation) -> None:
    from redress.plans.models import ReviewCycle, ReviewStep

    def review(first_name: str, meeting: str, decided: str, decision: str) -> None:
        child = Child.objects.get(first_name=first_name)
        cycle = ReviewCycle.objects.create(child=child, plan=child.plans.get())
        ReviewStep.objects.create(
            cycle=cycle, kind="meeting_held", date=date.fromisoformat(meeting)
        )
        ReviewStep.objects.create(
            cycle=cycle, kind="decision", date=date.fromisoformat(decided), decision=decision
        )

    review("Ada", "2026-11-20", "2026-12-01", "amend")
    review("Ben", "2026-11-23", "2026-12-02", "")  # recorded without the decision itself
    ChildReturnItems.objects.filter(child__first_name="Ben").update(ethnicity="REFU")
    result = return_check(return_build(authority=authority, year=2027))
    xml = etree.fromstring(result.xml)
    by_name = {p.findtext("Forename"): p for p in xml.iter("Person")}
    assert by_name["Ada"].findtext("Requests/ActivePlans/LastReview") == "2026-12-01"
    assert by_name["Ada"].findtext("Requests/ActivePlans/ReviewOutcome") == "A"
    assert by_name["Ben"].find("Requests/ActivePlans/ReviewOutcome") is None
    assert ("SEN2-V01", "Ben Baker") in {(f.code, f.child_name) for f in result.warnings}
    assert result.errors == [] and SCHEMA.validate(xml), SCHEMA.error_log


def test_steps_withdrawn_as_recorded_in_error_are_not_returned(authority: Organisation) -> None:
    from django.utils import timezone

    from redress.plans.models import ReviewCycle, ReviewStep

    ada = Child.objects.get(first_name="Ada")
    cycle = ReviewCycle.objects.create(child=ada, plan=ada.plans.get())
    ReviewStep.objects.create(
        cycle=cycle, kind="decision", date=date(2026, 12, 1), decision="amend"
    )
    ReviewStep.objects.create(
        cycle=cycle, kind="decision", date=date(2026, 12, 10), decision="maintain",
        withdrawn_at=timezone.now(), withdrawn_reason="Recorded on the wrong child",
    )  # fmt: skip
    # A later version recorded in error would otherwise be the plan in force.
    wrong = Plan.objects.create(
        child=ada, status="amended", issued_on=date(2026, 12, 5), version_number=2,
        supersedes=ada.plans.get(), withdrawn_at=timezone.now(),
        withdrawn_reason="Recorded in error",
    )  # fmt: skip
    placement = Placement.objects.create(plan=wrong, institution_name="Wrong School")
    PlacementReturnItems.objects.create(placement=placement, urn="999999")
    xml = etree.fromstring(return_xml(return_build(authority=authority, year=2027)))
    by_name = {p.findtext("Forename"): p for p in xml.iter("Person")}
    assert by_name["Ada"].findtext("Requests/ActivePlans/LastReview") == "2026-12-01"
    assert by_name["Ada"].findtext("Requests/ActivePlans/ReviewOutcome") == "A"
    assert "999999" not in etree.tostring(by_name["Ada"]).decode()


def test_a_request_withdrawn_as_recorded_in_error_lacks_nothing(authority: Organisation) -> None:
    from django.utils import timezone

    from redress.sen2.selectors import _lacking_q, missing_items

    ada = Child.objects.get(first_name="Ada")
    assert missing_items(ada) == []
    event = _request(ada, "2026-10-01", source="")
    CaseEvent.objects.filter(pk=event.pk).update(withdrawn_at=timezone.now())
    assert missing_items(Child.objects.get(pk=ada.pk)) == []
    assert not Child.objects.filter(pk=ada.pk).filter(_lacking_q()).exists()


def test_a_child_whose_only_request_was_withdrawn_is_not_on_the_missing_list(
    authority: Organisation,
) -> None:
    from django.utils import timezone

    from redress.sen2.selectors import children_lacking_items

    manager = user_with_role(Role.LA_MANAGER, authority)
    wren = ChildFactory(local_authority=authority, first_name="Wren")  # no SEN2 items at all
    event = _request(wren, "2026-10-01", source="")
    assert children_lacking_items(manager).filter(pk=wren.pk).exists()
    CaseEvent.objects.filter(pk=event.pk).update(withdrawn_at=timezone.now())
    assert not children_lacking_items(manager).filter(pk=wren.pk).exists()


# -- The demo ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(demo_database: Any) -> Iterator[None]:
    with demo_database(children=60, today=date(2026, 11, 25)):
        yield


@pytest.mark.usefixtures("demo")
@pytest.mark.django_db
def test_the_demo_return_lists_what_is_missing_then_validates_once_recorded() -> None:
    la = Organisation.objects.get(name=LA_NAME)
    first = return_check(return_build(authority=la, year=2027))
    assert first.errors  # the demo leaves some children without their items
    lacking = {f.child_id for f in first.errors if f.code in {"SEN2-P03", "SEN2-P04"}}
    assert lacking == set(
        Child.objects.filter(local_authority=la, sen2_items__isnull=True)
        .filter(pk__in=[p.child_id for p in return_build(authority=la, year=2027).persons])
        .values_list("pk", flat=True)
    )
    # Record what is missing, as a caseworker would, then the schema accepts the whole return.
    for child in Child.objects.filter(local_authority=la, sen2_items__isnull=True):
        _items(child, upn_unknown="" if child.upn or child.uln else "UN1")
    ChildReturnItems.objects.filter(child__local_authority=la, sen_type_primary="").update(
        sen_type_primary="MLD"
    )
    for placement in Placement.objects.filter(
        plan__child__local_authority=la, sen2_items__isnull=True
    ):
        PlacementReturnItems.objects.create(placement=placement, sen_setting="OTH")
    second = return_check(return_build(authority=la, year=2027))
    assert second.errors == [], second.errors[:5]
    # The demo return carries who made each request (a few left for the warning), a request
    # made in youth accommodation, and the outcome of each active plan's latest review.
    demo_xml = etree.fromstring(second.xml)
    sources = [e.text for e in demo_xml.iter("RequestSource")]
    assert sources and set(sources) <= {"1", "2", "3", "4", "5"}
    assert len(sources) < len(demo_xml.findall(".//Requests"))
    assert any(f.code == "SEN2-R04" for f in second.warnings)
    assert "1" in [e.text for e in demo_xml.iter("RYA")]
    assert {e.text for e in demo_xml.iter("ReviewOutcome")} & {"M", "A"}
    assert second.schema_valid
    assert SCHEMA.validate(etree.fromstring(second.xml))
    assert len(second.xml) > 1000


@pytest.mark.usefixtures("demo")
@pytest.mark.django_db
def test_the_demo_returns_totals_counted_from_the_records() -> None:
    """The return's totals against the records counted directly, not through the builder: the
    plans active at the census day, the plans ceased in the period, the annual review decisions
    by code (item 5.5) and the children the return names."""
    la = Organisation.objects.get(name=LA_NAME)
    reference = census_date(2027)
    period_start = date(2026, 1, 1)
    xml = etree.fromstring(return_xml(return_build(authority=la, year=2027)))
    persons = {p.findtext("Surname") + "|" + p.findtext("Forename") for p in xml.iter("Person")}

    standing_ceased = [
        c
        for c in Cessation.objects.filter(
            plan__child__local_authority=la,
            withdrawn_at__isnull=True,
            plan__withdrawn_at__isnull=True,
            ceased_on__isnull=False,
            ceased_on__lte=reference,
        ).select_related("plan__child")
        if not c.overturned
    ]
    ceased_children = {c.plan.child_id for c in standing_ceased}
    first_plans = Plan.objects.filter(
        child__local_authority=la,
        withdrawn_at__isnull=True,
        supersedes__isnull=True,
        issued_on__isnull=False,
        issued_on__lte=reference,
    )
    active = set(first_plans.exclude(child_id__in=ceased_children).values_list("child", flat=True))
    ceased_in_period = [c for c in standing_ceased if c.ceased_on and c.ceased_on >= period_start]
    assert active, "the demo has plans active at the census day"
    assert len(xml.findall(".//ActivePlans")) == len(active)
    assert len(xml.findall(".//NamedPlan/CeaseDate")) == len(ceased_in_period)

    # Each active plan's latest standing review decision, counted by code.
    from redress.plans.models import ReviewStep

    latest: dict[int, ReviewStep] = {}
    for step in ReviewStep.objects.filter(
        cycle__child_id__in=active, kind="decision", withdrawn_at__isnull=True, date__lte=reference
    ).order_by("date", "id"):
        latest[step.cycle.child_id] = step
    expected: dict[str, int] = {}
    for step in latest.values():
        code = {"maintain": "M", "amend": "A", "cease": "C"}.get(step.decision)
        if code:
            expected[code] = expected.get(code, 0) + 1
    got: dict[str, int] = {}
    for element in xml.iter("ReviewOutcome"):
        got[element.text or ""] = got.get(element.text or "", 0) + 1
    assert got == expected and got, got

    named = {
        f"{c.last_name}|{c.first_name}"
        for c in Child.objects.filter(pk__in=active | {c.plan.child_id for c in ceased_in_period})
    }
    assert named <= persons


@pytest.mark.usefixtures("demo")
@pytest.mark.django_db
def test_only_managers_build_the_demo_return() -> None:
    client = Client()
    for username, status in [
        ("manager", 200),
        ("caseworker", 403),
        ("health", 403),
        ("parent", 403),
        ("admin", 403),
    ]:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            continue
        client.force_login(user)
        assert client.get("/sen2/?year=2027").status_code == status, username


def test_a_plan_with_no_request_recorded_is_an_error_naming_the_child(
    authority: Organisation,
) -> None:
    gus = ChildFactory(first_name="Gus", last_name="Grey", local_authority=authority)
    _plan(gus, "2025-03-03", urn="100009")
    _items(gus)
    _event(gus, "assessment_requested", "2026-11-02")  # a later request, still open
    sen2 = return_build(authority=authority, year=2027)
    person = next(p for p in sen2.persons if p.forename == "Gus")
    assert [r.received for r in person.requests] == [None, date(2026, 11, 2)]
    assert person.requests[1].outcome == ""  # the later request owns none of the plan's steps
    result = return_check(sen2)
    assert ("SEN2-R01", "Gus Grey") in {(f.code, f.child_name) for f in result.errors}


def test_a_manager_at_two_authorities_chooses_which_return(authority: Organisation) -> None:
    other = LocalAuthorityFactory(name="Another Borough")
    manager = user_with_role(Role.LA_MANAGER, authority)
    Membership.objects.create(user=manager, organisation=other, role=Role.LA_MANAGER)
    client = Client()
    client.force_login(manager)
    own = client.get(f"/sen2/?la={authority.pk}&year=2027").content.decode()
    assert "Fixture Borough" in own and "Ben Baker" in own
    theirs = client.get(f"/sen2/?la={other.pk}&year=2027").content.decode()
    assert "Another Borough" in theirs and "Ben Baker" not in theirs
    stranger = LocalAuthorityFactory()
    assert client.get(f"/sen2/?la={stranger.pk}&year=2027").status_code == 403
    saved = client.post("/sen2/authority/", {"la": other.pk, "la_code": "936"})
    assert saved.status_code == 302
    assert AuthorityReturnDetails.objects.get(authority=other).la_code == "936"
    assert AuthorityReturnDetails.objects.get(authority=authority).la_code == "935"
