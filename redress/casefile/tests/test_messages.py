"""Messages on a case: the family writes to the caseworker (or, while mediation is open, the
provider), the professionals answer, each side sees when the other opened the conversation, and
nothing is edited or deleted. The other side is emailed without the message's words."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from redress.accounts.models import Membership, Organisation, Role
from redress.audit.models import AuditEntry
from redress.casefile import selectors, services
from redress.casefile.models import CaseMessage
from redress.casework.models import Child, Consent, FamilyMember
from redress.mediation.models import MediationCase
from redress.notifications.message_templates import TEMPLATES
from redress.notifications.models import Message
from redress.notifications.tests.conftest import Cases, make_user, staff

pytestmark = pytest.mark.django_db

SECRET = "Our son was excluded again today."


@pytest.fixture
def child(cases: Cases) -> Child:
    cases.la.phone = "01234 567890"
    cases.la.save()
    return cases.family


@pytest.fixture
def provider() -> Organisation:
    return Organisation.objects.create(
        name="Calm Mediation", kind=Organisation.Kind.MEDIATION_PROVIDER, phone="0800 000 111"
    )


@pytest.fixture
def mediation(child: Child, provider: Organisation) -> MediationCase:
    manager = staff("mediationmanager", Role.MEDIATION_CASE_MANAGER, provider)
    return MediationCase.objects.create(
        child=child,
        provider=provider,
        decision="not_assess",
        decision_notice_date=date(2026, 1, 12),
        case_manager=manager,
    )


def send(actor: Any, child: Child, text: str = SECRET, **kwargs: Any) -> CaseMessage:
    return services.case_message_send(actor=actor, child=child, text=text, **kwargs)


# -- Services ---------------------------------------------------------------------------------


def test_a_parent_writes_to_the_authority_and_the_caseworker_is_emailed_without_the_words(
    cases: Cases, child: Child
) -> None:
    message = send(cases.parent, child)
    assert message.side == CaseMessage.Side.FAMILY
    assert message.organisation == cases.la
    email = Message.objects.get(template="case_message_to_staff")
    assert email.recipient == cases.caseworker
    template = TEMPLATES["case_message_to_staff"]
    assert set(email.personalisation) == set(template.fields)
    body = template.render_body(email.personalisation)
    assert "new message from the family" in body and SECRET not in body
    assert f"/cases/{child.pk}/messages/" in email.personalisation["messages_url"]
    assert AuditEntry.objects.filter(action="create", summary__contains="Sent a message").exists()


def test_the_caseworker_replies_and_the_family_is_emailed(cases: Cases, child: Child) -> None:
    send(cases.caseworker, child, "We will call you tomorrow.")
    email = Message.objects.get(template="case_message_to_family")
    assert email.recipient == cases.parent
    template = TEMPLATES["case_message_to_family"]
    assert set(email.personalisation) == set(template.fields)
    body = template.render_body(email.personalisation)
    assert "Cara's case" in body and "We will call you" not in body
    assert email.personalisation["messages_url"].endswith(f"/family/cases/{child.pk}/messages/")


def test_without_a_caseworker_the_authoritys_managers_hear(cases: Cases, child: Child) -> None:
    child.caseworker = None
    child.save()
    send(cases.parent, child)
    assert Message.objects.get(template="case_message_to_staff").recipient == cases.manager


def test_blank_and_too_long_are_refused(cases: Cases, child: Child) -> None:
    with pytest.raises(ValidationError, match="Enter your message"):
        send(cases.parent, child, "   ")
    with pytest.raises(ValidationError, match="5000 characters or fewer"):
        send(cases.parent, child, "x" * 5001)
    assert not CaseMessage.objects.exists()


def test_sent_twice_is_kept_once(cases: Cases, child: Child) -> None:
    first = send(cases.parent, child)
    assert send(cases.parent, child) == first
    assert CaseMessage.objects.count() == 1
    assert Message.objects.filter(template="case_message_to_staff").count() == 1


def test_the_writer_withdraws_and_the_message_stays(cases: Cases, child: Child) -> None:
    message = send(cases.parent, child)
    with pytest.raises(PermissionDenied):
        services.case_message_withdraw(actor=cases.caseworker, message=message)
    services.case_message_withdraw(actor=cases.parent, message=message)
    message.refresh_from_db()
    assert message.is_withdrawn and message.text == SECRET
    assert message.history.count() == 2
    with pytest.raises(ValidationError, match="already withdrawn"):
        services.case_message_withdraw(actor=cases.parent, message=message)


def test_the_family_writes_to_the_provider_only_while_mediation_is_open(
    cases: Cases, child: Child, provider: Organisation, mediation: MediationCase
) -> None:
    message = send(cases.parent, child, organisation_id=provider.pk)
    assert message.organisation == provider
    email = Message.objects.get(template="case_message_to_staff")
    assert email.recipient == mediation.case_manager
    # The provider's staff see their part of the conversation, not the authority's.
    send(cases.parent, child, "To the council", organisation_id=cases.la.pk)
    assert list(selectors.messages_for_staff(user=mediation.case_manager, child=child)) == [message]
    reply = send(mediation.case_manager, child, "We can meet on Monday.")
    assert reply.organisation == provider and reply.side == CaseMessage.Side.PROFESSIONAL
    MediationCase.objects.filter(pk=mediation.pk).update(concluded_on=date(2026, 2, 1))
    with pytest.raises(ValidationError, match="Select who to send"):
        send(cases.parent, child, "Another", organisation_id=provider.pk)
    with pytest.raises(PermissionDenied):
        send(mediation.case_manager, child, "After the end")
    # They can still read what was said.
    assert mediation.case_manager.has_perm("casefile.view_messages", child)


def test_a_supporter_with_consent_writes_for_the_family(cases: Cases, child: Child) -> None:
    supporter = make_user("sendiass")
    Consent.objects.create(
        child=child, given_by=child.family.get(), supporter=supporter, given_on=date(2026, 1, 1)
    )
    message = send(supporter, child)
    assert message.side == CaseMessage.Side.FAMILY and message.sent_by == supporter


def test_contacts_name_the_caseworker_and_the_authoritys_phone(
    cases: Cases, child: Child, provider: Organisation, mediation: MediationCase
) -> None:
    contacts = selectors.message_contacts(child)
    assert contacts[0].person == "Sam Person" and contacts[0].phone == "01234 567890"
    assert contacts[1].body == "Calm Mediation" and contacts[1].phone == "0800 000 111"
    # A caseworker who has left is not named: the authority is.
    Membership.objects.filter(user=cases.caseworker).update(active=False)
    assert selectors.message_contacts(child)[0].person == ""


def test_unseen_on_the_caseworkers_caseload(cases: Cases, child: Child) -> None:
    send(cases.parent, child)
    assert selectors.unseen_on_caseload(cases.caseworker) == 1
    assert selectors.unseen_on_caseload(cases.manager) == 0


# -- Pages ------------------------------------------------------------------------------------


def test_the_family_page_shows_the_contact_and_the_conversation(
    cases: Cases, child: Child, client: Any
) -> None:
    send(cases.caseworker, child, "Hello from the council.")
    client.force_login(cases.parent)
    url = f"/family/cases/{child.pk}/messages/"
    case_page = client.get(f"/family/cases/{child.pk}/").content.decode()
    assert 'id="messages-unseen">1 new' in case_page
    response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert "Sam Person" in page and "01234 567890" in page
    assert "Hello from the council." in page
    assert AuditEntry.objects.filter(
        action="view", summary__contains="Viewed the messages on the case"
    ).exists()
    # Opening it marks the council's message seen by the parent.
    seen = CaseMessage.objects.get()
    assert seen.seen_by == cases.parent and seen.seen_at is not None
    assert "messages-unseen" not in client.get(f"/family/cases/{child.pk}/").content.decode()


def test_blank_gets_an_error_summary_and_a_double_submit_is_kept_once(
    cases: Cases, child: Child, client: Any
) -> None:
    client.force_login(cases.parent)
    url = f"/family/cases/{child.pk}/messages/"
    response = client.post(url, {"text": " "})
    page = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in page
    assert "Enter your message" in page
    assert client.post(url, {"text": "x" * 5001}).status_code == 200
    assert client.post(url, {"text": SECRET}).status_code == 302
    assert client.post(url, {"text": SECRET}).status_code == 302
    assert CaseMessage.objects.count() == 1


def test_the_caseworker_sees_seen_and_unread_count(cases: Cases, child: Child, client: Any) -> None:
    client.force_login(cases.caseworker)
    assert client.post(f"/cases/{child.pk}/messages/", {"text": "Can we talk?"}).status_code == 302
    send(cases.parent, child)
    case_page = client.get(f"/cases/{child.pk}/").content.decode()
    assert 'id="messages-unseen">1 new' in case_page
    page = client.get(f"/cases/{child.pk}/messages/").content.decode()
    assert SECRET in page and "Can we talk?" in page
    assert CaseMessage.objects.get(text=SECRET).seen_by == cases.caseworker
    # The family opens it: the caseworker's message shows as seen.
    client.force_login(cases.parent)
    client.get(f"/family/cases/{child.pk}/messages/")
    client.force_login(cases.caseworker)
    page = client.get(f"/cases/{child.pk}/messages/").content.decode()
    assert 'govuk-tag--green">Seen' in page


def test_withdraw_on_the_page_keeps_the_message(cases: Cases, child: Child, client: Any) -> None:
    message = send(cases.parent, child)
    client.force_login(cases.caseworker)
    url = f"/family/cases/{child.pk}/messages/{message.pk}/withdraw/"
    assert client.post(f"/cases/{child.pk}/messages/{message.pk}/withdraw/").status_code == 403
    client.force_login(cases.parent)
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    page = client.get(f"/family/cases/{child.pk}/messages/").content.decode()
    assert "Withdrawn" in page and SECRET in page
    assert CaseMessage.objects.get().withdrawn_at is not None


@pytest.mark.parametrize(
    ("who", "family_page", "staff_page", "staff_send"),
    [
        ("parent", 200, 403, 403),
        ("caseworker", 403, 200, 302),
        ("manager", 403, 200, 302),
        ("supporter_with_consent", 200, 403, 403),
        ("supporter_without_consent", 403, 403, 403),
        ("other_family", 403, 403, 403),
        ("professional_elsewhere", 403, 403, 403),
        ("provider_not_on_case", 403, 403, 403),
    ],
)
def test_permission_matrix(
    cases: Cases,
    child: Child,
    provider: Organisation,
    client: Any,
    who: str,
    family_page: int,
    staff_page: int,
    staff_send: int,
) -> None:
    message = send(cases.parent, child, "Private words")
    users = {"parent": cases.parent, "caseworker": cases.caseworker, "manager": cases.manager}
    if who.startswith("supporter"):
        users[who] = make_user("sendiass")
        if who == "supporter_with_consent":
            Consent.objects.create(
                child=child,
                given_by=child.family.get(),
                supporter=users[who],
                given_on=date(2026, 1, 1),
            )
    elif who == "other_family":
        users[who] = make_user("otherparent")
        FamilyMember.objects.create(
            child=cases.due_soon, user=users[who], name="Kim Other", relationship="parent"
        )
    elif who == "professional_elsewhere":
        other = Organisation.objects.create(
            name="Southshire", kind=Organisation.Kind.LOCAL_AUTHORITY
        )
        users[who] = staff("elsewhere", Role.LA_CASEWORKER, other)
    elif who == "provider_not_on_case":
        users[who] = staff("mediator", Role.MEDIATION_CASE_MANAGER, provider)
    client.force_login(users[who])
    family_url = f"/family/cases/{child.pk}/messages/"
    staff_url = f"/cases/{child.pk}/messages/"
    assert client.get(family_url).status_code == family_page
    assert client.get(staff_url).status_code == staff_page
    assert client.get(f"{staff_url}export/").status_code == staff_page
    assert client.post(staff_url, {"text": "A reply"}).status_code == staff_send
    if family_page == 200 or staff_page == 200:
        page = client.get(family_url if family_page == 200 else staff_url).content.decode()
        assert "Private words" in page
    # Another person's message cannot be withdrawn; a missing case or message is not found.
    if who != "parent":
        assert client.post(f"{family_url}{message.pk}/withdraw/").status_code == 403
    assert client.get("/family/cases/999999/messages/").status_code == 404
    assert CaseMessage.objects.get(pk=message.pk).withdrawn_at is None


def test_seen_is_recorded_once(cases: Cases, child: Child) -> None:
    message = send(cases.parent, child)
    unseen = selectors.unseen_by_staff(user=cases.caseworker, child=child)
    assert services.case_messages_seen(actor=cases.caseworker, messages=unseen) == 1
    first = CaseMessage.objects.get(pk=message.pk).seen_at
    assert first is not None and first <= timezone.now()
    again = selectors.unseen_by_staff(user=cases.manager, child=child)
    assert services.case_messages_seen(actor=cases.manager, messages=again) == 0
    assert CaseMessage.objects.get(pk=message.pk).seen_by == cases.caseworker


def test_the_caseworkers_dashboard_counts_new_family_messages(
    cases: Cases, child: Child, client: Any
) -> None:
    client.force_login(cases.caseworker)
    assert "messages-unseen" not in client.get("/dashboard/").content.decode()
    send(cases.parent, child)
    assert "1 new message from families" in client.get("/dashboard/").content.decode()


def test_the_providers_case_manager_reads_and_answers_from_the_mediation_case(
    cases: Cases, child: Child, provider: Organisation, mediation: MediationCase, client: Any
) -> None:
    send(cases.parent, child, "About the meeting", organisation_id=provider.pk)
    send(cases.parent, child, "For the council only")
    client.force_login(mediation.case_manager)
    case_page = client.get(f"/mediation/{mediation.pk}/").content.decode()
    assert f"/cases/{child.pk}/messages/" in case_page and "1 new" in case_page
    page = client.get(f"/cases/{child.pk}/messages/").content.decode()
    assert "About the meeting" in page and "For the council only" not in page
    assert f'href="/mediation/{mediation.pk}/" class="govuk-back-link"' in page
    assert client.post(f"/cases/{child.pk}/messages/", {"text": "Monday?"}).status_code == 302
    # The family chooses who to write to while the mediation is open.
    client.force_login(cases.parent)
    page = client.get(f"/family/cases/{child.pk}/messages/").content.decode()
    assert "Calm Mediation" in page and "0800 000 111" in page and "Monday?" in page
    response = client.post(f"/family/cases/{child.pk}/messages/", {"text": "Yes"})
    assert "Select who to send your message to" in response.content.decode()


def test_the_professionals_download_their_conversation_as_csv(
    cases: Cases, child: Child, client: Any
) -> None:
    import csv
    import io

    first = send(cases.parent, child, "=HYPERLINK(1)")
    services.case_message_send(actor=cases.caseworker, child=child, text="We will call you.")
    services.case_message_withdraw(actor=cases.parent, message=first)
    client.force_login(cases.caseworker)
    page = client.get(f"/cases/{child.pk}/messages/").content.decode()
    assert "Download all 2 messages as CSV" in page
    response = client.get(f"/cases/{child.pk}/messages/export/")
    assert "no-store" in response["Cache-Control"]
    body = b"".join(response.streaming_content).decode().lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0] == ["Sent", "From", "To", "Written by", "Message", "Seen", "Withdrawn"]
    newest, oldest = rows[1], rows[2]
    assert newest[1:3] == [cases.la.name, "The family"] and newest[4] == "We will call you."
    assert oldest[1:3] == ["The family", cases.la.name]
    assert oldest[4] == "'=HYPERLINK(1)"  # a spreadsheet reads it as text, not a formula
    assert oldest[6]  # withdrawn, and when
    assert AuditEntry.objects.filter(
        child=child, action="download", summary="Downloaded the messages on the case as CSV"
    ).exists()
    # The family's own page offers no download.
    client.force_login(cases.parent)
    assert "as CSV" not in client.get(f"/family/cases/{child.pk}/messages/").content.decode()
