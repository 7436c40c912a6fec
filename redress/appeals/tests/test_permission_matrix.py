"""Every role against every appeals object and action, including everything that must be refused;
and the list selectors agree with the object permissions for every role.

One scenario: two local authorities (A and B). Child a1 has an extended appeal, sent by LA A to
ICB A, with a social care recommendation for LA A's social care team and a health one for ICB A,
and a direction for health evidence; child a2 has a plain appeal; child a3 an appeal whose only
tie to LA A's social care team was a direction withdrawn as recorded in error (it grants that
team nothing); child b1 an appeal in LA B. A
parent of a1, a supporter with consent on a1 and one whose consent was withdrawn, ICB B's officer,
an administrator, someone whose membership has ended, and nobody signed in.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from redress.accounts.models import Membership, Organisation, Role
from redress.appeals import selectors, services
from redress.appeals.tests.helpers import World, certificate, make_world
from redress.casework.models import Consent, FamilyMember
from redress.casework.tests.factories import ChildFactory, OrganisationFactory, user_with_role

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 25)

APPEALS = ("appeal_a1", "appeal_a2", "appeal_a3", "appeal_b1")
RECOMMENDATIONS = ("rec_a1_health", "rec_a1_care")
DIRECTIONS = ("dir_a1_health", "dir_a3_withdrawn")
APPEAL_PERMS = ("appeals.view_appeal", "appeals.change_appeal", "appeals.view_recommendations")
RECOMMENDATION_PERMS = ("appeals.view_recommendation", "appeals.respond_recommendation")
DIRECTION_PERMS = ("appeals.view_direction", "appeals.change_direction")

_A = {"appeal_a1", "appeal_a2", "appeal_a3"}
_A_RECS = {"rec_a1_health", "rec_a1_care"}
_LA_A = {
    "appeals.view_appeal": _A,
    "appeals.change_appeal": _A,
    "appeals.view_recommendations": _A,
    "appeals.view_recommendation": _A_RECS,
    "appeals.respond_recommendation": _A_RECS,
    "appeals.view_direction": set(DIRECTIONS),
    "appeals.change_direction": set(DIRECTIONS),
}
_FAMILY_A1 = {
    "appeals.view_appeal": {"appeal_a1"},
    "appeals.view_recommendations": {"appeal_a1"},
    "appeals.view_recommendation": _A_RECS,
    "appeals.view_direction": {"dir_a1_health"},
}

#: user -> permission -> the objects it is granted on; anything not listed is refused.
EXPECTED: dict[str, dict[str, set[str]]] = {
    "caseworker_a": _LA_A,
    "manager_a": _LA_A,
    "caseworker_b": {
        "appeals.view_appeal": {"appeal_b1"},
        "appeals.change_appeal": {"appeal_b1"},
        "appeals.view_recommendations": {"appeal_b1"},
    },
    "health_a": {
        "appeals.view_recommendations": {"appeal_a1"},
        "appeals.view_recommendation": {"rec_a1_health"},
        "appeals.respond_recommendation": {"rec_a1_health"},
        "appeals.view_direction": {"dir_a1_health"},
        "appeals.change_direction": {"dir_a1_health"},
    },
    # Nothing on appeal a3: its social care direction was withdrawn.
    "socialcare_a": {
        "appeals.view_recommendations": {"appeal_a1"},
        "appeals.view_recommendation": {"rec_a1_care"},
        "appeals.respond_recommendation": {"rec_a1_care"},
    },
    "health_b": {},
    "parent_a1": _FAMILY_A1,
    "supporter_a1": _FAMILY_A1,
    "supporter_withdrawn": {},
    "former_caseworker_a": {},
    "administrator": {},
    "anonymous": {},
}


@pytest.fixture
def scenario() -> tuple[dict[str, Any], dict[str, Any]]:
    with time_machine.travel(TODAY, tick=False):
        a: World = make_world("Ayton")
        b: World = make_world("Beeby")
        child_a2 = ChildFactory(local_authority=a.la)
        appeal_a1 = services.appeal_record(
            actor=a.caseworker,
            child=a.child,
            decision="plan_contents",
            decision_notice_date=date(2026, 6, 1),
            lodged_on=date(2026, 7, 10),
            sections_challenged=["F"],
            mediation_certificate=certificate(a),
            recommendation_sections=["G", "H2"],
            health_commissioner=a.icb,
            social_care=a.social_care,
        )
        services.appeal_send_to_bodies(
            actor=a.caseworker,
            appeal=appeal_a1,
            sent_to_health_on=date(2026, 7, 20),
            sent_to_social_care_on=None,
            expected_version=None,
        )
        rec_health = services.recommendation_record(
            actor=a.caseworker, appeal=appeal_a1, section="G", made_on=date(2026, 10, 1),
            text="Therapy review.",
        )  # fmt: skip
        rec_care = services.recommendation_record(
            actor=a.caseworker, appeal=appeal_a1, section="H2", made_on=date(2026, 10, 1),
            text="Short breaks.",
        )  # fmt: skip
        direction = services.evidence_direction_record(
            actor=a.caseworker, appeal=appeal_a1, body="health", kind="evidence",
            description="Paediatric report", directed_by=date(2026, 9, 1),
        )  # fmt: skip
        appeal_a2 = services.appeal_record(
            actor=a.caseworker, child=child_a2, decision="not_assess",
            decision_notice_date=date(2026, 6, 1), lodged_on=date(2026, 7, 1),
            mediation_certificate=certificate(a, decision="not_assess", child=child_a2),
        )  # fmt: skip
        services.appeal_hearing_update(
            actor=a.caseworker, appeal=appeal_a1, hearing_on=date(2026, 12, 14),
            hearing_format="video", hearing_venue="", hearing_arrangements="",
            expected_version=None,
        )  # fmt: skip
        services.appeal_decide(
            actor=a.caseworker, appeal=appeal_a2, outcome="upheld", outcome_on=date(2026, 10, 1),
            order_kinds=["assess"], expected_version=None,
        )  # fmt: skip
        step_a2 = services.compliance_step_record(
            actor=a.caseworker, order=appeal_a2.orders.get(), step="assess_notice",
            done_on=date(2026, 10, 20), note="Letter to the family.",
        )  # fmt: skip
        appeal_b1 = services.appeal_record(
            actor=b.caseworker, child=b.child, decision="not_issue",
            decision_notice_date=date(2026, 6, 1), lodged_on=date(2026, 7, 1),
            mediation_certificate=certificate(b, decision="not_issue"),
        )  # fmt: skip
        child_a3 = ChildFactory(local_authority=a.la)
        appeal_a3 = services.appeal_record(
            actor=a.caseworker, child=child_a3, decision="plan_contents",
            decision_notice_date=date(2026, 6, 1), lodged_on=date(2026, 7, 1),
            sections_challenged=["F"], mediation_certificate=certificate(a, child=child_a3),
            recommendation_sections=["H2"], social_care=a.social_care,
        )  # fmt: skip
        dir_a3 = services.evidence_direction_record(
            actor=a.caseworker, appeal=appeal_a3, body="social_care", kind="evidence",
            description="Social care assessment", directed_by=date(2026, 9, 1),
        )  # fmt: skip
        services.evidence_direction_withdraw(
            actor=a.caseworker, direction=dir_a3, reason="Recorded on the wrong appeal.",
            expected_version=None,
        )  # fmt: skip
        withdrawn = user_with_role(Role.SUPPORTER)
        member = FamilyMember.objects.get(child=a.child)
        Consent.objects.create(
            child=a.child, given_by=member, supporter=withdrawn,
            given_on=date(2026, 1, 5), withdrawn_on=date(2026, 3, 1),
        )  # fmt: skip
        former = user_with_role(Role.LA_CASEWORKER, a.la)
        Membership.objects.filter(user=former).update(active=False)
        admin_org = OrganisationFactory(kind=Organisation.Kind.LOCAL_AUTHORITY, name="Admin")
        administrator = user_with_role(Role.ADMINISTRATOR, admin_org)
    users = {
        "caseworker_a": a.caseworker,
        "manager_a": a.manager,
        "caseworker_b": b.caseworker,
        "health_a": a.health,
        "socialcare_a": a.socialcare,
        "health_b": b.health,
        "parent_a1": a.parent,
        "supporter_a1": a.supporter,
        "supporter_withdrawn": withdrawn,
        "former_caseworker_a": former,
        "administrator": administrator,
        "anonymous": AnonymousUser(),
    }
    objects = {
        "appeal_a1": appeal_a1,
        "appeal_a2": appeal_a2,
        "appeal_a3": appeal_a3,
        "appeal_b1": appeal_b1,
        "rec_a1_health": rec_health,
        "rec_a1_care": rec_care,
        "dir_a1_health": direction,
        "dir_a3_withdrawn": dir_a3,
        "step_a2": step_a2,
    }
    return users, objects


def _cases() -> list[tuple[str, str, str]]:
    cases = []
    for user in EXPECTED:
        for perm in APPEAL_PERMS:
            cases += [(user, perm, name) for name in APPEALS]
        for perm in RECOMMENDATION_PERMS:
            cases += [(user, perm, name) for name in RECOMMENDATIONS]
        for perm in DIRECTION_PERMS:
            cases += [(user, perm, name) for name in DIRECTIONS]
    return cases


def test_matrix(scenario: tuple[dict[str, Any], dict[str, Any]]) -> None:
    users, objects = scenario
    wrong = []
    with time_machine.travel(TODAY, tick=False):
        for user_name, perm, obj_name in _cases():
            expected = obj_name in EXPECTED[user_name].get(perm, set())
            granted = users[user_name].has_perm(perm, objects[obj_name])
            if granted != expected:
                wrong.append((user_name, perm, obj_name, granted))
    assert wrong == []


SELECTORS: dict[str, tuple[Callable[[Any], QuerySet[Any]], tuple[str, ...]]] = {
    "appeals.view_appeal": (selectors.appeals_visible_to, APPEALS),
    "appeals.view_recommendations": (
        selectors.appeals_with_recommendations_visible_to,
        APPEALS,
    ),
    "appeals.view_recommendation": (selectors.recommendations_visible_to, RECOMMENDATIONS),
    "appeals.view_direction": (selectors.directions_visible_to, DIRECTIONS),
}


@pytest.mark.parametrize("perm", sorted(SELECTORS))
def test_selectors_agree_with_permissions(
    scenario: tuple[dict[str, Any], dict[str, Any]], perm: str
) -> None:
    users, objects = scenario
    selector, names = SELECTORS[perm]
    with time_machine.travel(TODAY, tick=False):
        for user_name, user in users.items():
            listed = {n for n in names if selector(user).filter(pk=objects[n].pk).exists()}
            assert listed == EXPECTED[user_name].get(perm, set()), (user_name, perm)


# The correction pages (decision 0100) open for exactly those who may record the step: the
# appeal's pages for whoever may change the appeal, a response's for whoever may respond.
CORRECTION_PAGES = (
    # (page, object, more URL args, permission, the object the permission is judged on)
    ("appeals:step-correct", "appeal_a1", ("appeal",), "appeals.change_appeal", "appeal_a1"),
    ("appeals:step-correct", "appeal_b1", ("appeal",), "appeals.change_appeal", "appeal_b1"),
    ("appeals:recommendation-correct", "rec_a1_health", (), "appeals.change_appeal", "appeal_a1"),
    (
        "appeals:compliance-step-correct",
        "step_a2",
        (),
        "appeals.change_appeal",
        "appeal_a2",
    ),
    ("appeals:hearing-correct", "appeal_a1", (), "appeals.change_appeal", "appeal_a1"),
    ("appeals:direction-correct", "dir_a1_health", (), "appeals.change_appeal", "appeal_a1"),
    (
        "appeals:recommendation-response-correct",
        "rec_a1_health",
        (),
        "appeals.respond_recommendation",
        "rec_a1_health",
    ),
    (
        "appeals:recommendation-response-correct",
        "rec_a1_care",
        (),
        "appeals.respond_recommendation",
        "rec_a1_care",
    ),
)


def test_correction_pages_open_only_for_those_who_may_record_the_step(
    scenario: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    from django.test import Client
    from django.urls import reverse

    users, objects = scenario
    with time_machine.travel(TODAY, tick=False):
        for name, body in (("rec_a1_health", "health_a"), ("rec_a1_care", "socialcare_a")):
            services.recommendation_respond(
                actor=users[body], recommendation=objects[name], response_sent_on=TODAY,
                decision="follows", steps="Booked.", reasons="", expected_version=None,
            )  # fmt: skip
        wrong = []
        for user_name, user in users.items():
            client = Client()
            if user.is_authenticated:
                client.force_login(user)
            for url_name, obj_name, extra, perm, judged in CORRECTION_PAGES:
                obj = objects[obj_name]
                status = client.get(reverse(url_name, args=[obj.pk, *extra])).status_code
                expected = judged in EXPECTED[user_name].get(perm, set())
                if (status == 200) != expected or status >= 500:
                    wrong.append((user_name, url_name, obj_name, status))
    assert wrong == []


# The boards' downloads (decision 0140): the recommendations board for the authority's staff and
# the health and social care officers, with exactly the recommendations each may see; compliance
# and live appeals for the authority's staff; refused to everyone else.
BOARD_READERS = {"caseworker_a", "manager_a", "caseworker_b", "health_a", "socialcare_a",
                 "health_b"}  # fmt: skip
LA_STAFF = {"caseworker_a", "manager_a", "caseworker_b"}


@pytest.mark.parametrize("user_name", list(EXPECTED))
def test_the_boards_download_only_for_their_readers(
    scenario: tuple[dict[str, Any], dict[str, Any]], user_name: str
) -> None:
    import csv
    import io

    from django.test import Client
    from django.urls import reverse

    users, objects = scenario
    client = Client()
    if users[user_name].is_authenticated:
        client.force_login(users[user_name])
    with time_machine.travel(TODAY, tick=False):
        responses = {
            name: client.get(reverse(name))
            for name in (
                "appeals:recommendation-board-export",
                "appeals:directions-export",
                "appeals:compliance-board-export",
                "appeals:live-appeals-export",
            )
        }
    if user_name == "anonymous":
        assert {r.status_code for r in responses.values()} == {302}
        return
    recommendations = responses.pop("appeals:recommendation-board-export")
    directions = responses.pop("appeals:directions-export")
    # The directions download is for the board's readers, of the directions they may see.
    if user_name in BOARD_READERS:
        body = b"".join(directions.streaming_content).decode("utf-8-sig")
        listed = {row[0] for row in list(csv.reader(io.StringIO(body)))[1:]}
        assert listed <= {str(a.pk) for a in objects.values() if type(a).__name__ == "Appeal"}
    else:
        assert directions.status_code == 403, user_name
    if user_name in BOARD_READERS:
        body = b"".join(recommendations.streaming_content).decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(body)))[1:]
        seen = EXPECTED[user_name].get("appeals.view_recommendation", set())
        assert len(rows) == len(seen), user_name
        assert {row[0] for row in rows} <= {str(objects["appeal_a1"].pk)}
    else:
        assert recommendations.status_code == 403, user_name
    for name, response in responses.items():
        assert (response.status_code == 200) is (user_name in LA_STAFF), (user_name, name)
        if user_name not in LA_STAFF:
            assert response.status_code == 403, (user_name, name)
