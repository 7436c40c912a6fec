"""The main pages that take a POST, fed awkward input by a signed-in person allowed to use
them, answer with the page and its error messages (or a redirect), never a server error.

Each page is opened first; the names of its inputs are read from the HTML, and hypothesis posts
combinations of the page's own values (so the version and the choices are sometimes right and
the service is reached) and awkward ones (see test_fuzz_forms.AWKWARD)."""

from __future__ import annotations

import html
import re
from datetime import date
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redress.core.tests.test_fuzz_forms import AWKWARD

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 2)
EXAMPLES = 8
PROBES = ["99999999999999999999999", "-99999999999999999999", "a\x00b", "١٢", "x" * 6000]
POSTS: list[str] = []  # every post made, so a test can tell the fuzzing happened
_INPUT = re.compile(r"<(input|select|textarea)\b[^>]*>", re.S)
_NAME = re.compile(r'\bname="([^"]+)"')
_VALUE = re.compile(r'\bvalue="([^"]*)"')
_TYPE = re.compile(r'\btype="([^"]+)"')


def _fields(page: str) -> dict[str, list[str]]:
    """Each input's name and the values the page offers for it (hidden values, options)."""
    fields: dict[str, list[str]] = {}
    for match in _INPUT.finditer(page):
        tag = match.group(0)
        name = _NAME.search(tag)
        if not name or name.group(1) == "csrfmiddlewaretoken":
            continue
        kind = _TYPE.search(tag)
        if kind and kind.group(1) in {"file", "submit"}:
            continue
        value = _VALUE.search(tag)
        values = fields.setdefault(html.unescape(name.group(1)), [])
        if value:
            values.append(html.unescape(value.group(1)))
    for select in re.finditer(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', page, re.S):
        options = re.findall(r'<option[^>]*value="([^"]*)"', select.group(2))
        fields.setdefault(html.unescape(select.group(1)), []).extend(map(html.unescape, options))
    return fields


def _strategy(fields: dict[str, list[str]]) -> Any:
    def values(offered: list[str]) -> Any:
        one = st.one_of(st.sampled_from(offered), AWKWARD) if offered else AWKWARD
        return st.lists(one, min_size=0, max_size=2)

    return st.fixed_dictionaries({name: values(offered) for name, offered in fields.items()})


def fuzz(client: Client, url: str) -> None:
    with time_machine.travel(TODAY, tick=False):
        page = client.get(url)
    assert page.status_code == 200, f"{url}: {page.status_code}"
    fields = _fields(page.content.decode())

    # The known troublemakers in every field at once, then hypothesis's mixtures.
    for probe in PROBES:
        with time_machine.travel(TODAY, tick=False):
            response = client.post(url, dict.fromkeys(fields, probe))
        assert response.status_code < 500, f"{url} with {probe!r} in every field"

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(_strategy(fields))
    def post(data: dict[str, list[str]]) -> None:
        with time_machine.travel(TODAY, tick=False):
            response = client.post(url, {k: v for k, v in data.items() if v})
        assert response.status_code < 500, f"{url} with {data!r}"
        POSTS.append(url)

    post()


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def fast_passwords(settings: Any, tmp_path: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def mediation() -> Any:
    from redress.mediation import services
    from redress.mediation.models import MediationAttendee, Party
    from redress.mediation.tests.factories import make_world, open_case

    with time_machine.travel(date(2026, 10, 20), tick=False):
        world = make_world(name="Fuzzwick")
        case = open_case(world)
        services.mediation_attendee_add(
            actor=world.adviser, case=case, role=MediationAttendee.Role.PARENT_OR_YOUNG_PERSON,
            name="Jo Example", proposed_by=Party.FAMILY, email="jo@example.invalid",
        )  # fmt: skip
        case.refresh_from_db()
    case.mediator = world.mediator
    case.case_manager = world.case_manager
    case.save()
    return world, case


def test_mediation_steps(mediation: Any) -> None:
    from redress.mediation.views import STEPS

    world, case = mediation
    people = [world.adviser, world.case_manager, world.mediator]
    fuzzed = 0
    for slug, step in STEPS.items():
        if step.target:
            continue  # steps on one record of the case are reached from that record
        user = next((p for p in people if p.has_perm(step.perm, case)), None)
        if user is None:
            continue
        fuzz(_client(user), reverse("mediation:step", args=[case.pk, slug]))
        fuzzed += 1
    fuzz(_client(world.mediator), reverse("mediation:notes", args=[case.pk]))
    assert fuzzed > 10
    assert reverse("mediation:step", args=[case.pk, "document"]) in POSTS


def test_casework_pages(mediation: Any) -> None:
    from redress.casework.forms import EVENT_FORMS

    world, _ = mediation
    child = world.child
    client = _client(world.caseworker)
    for event_type in EVENT_FORMS:
        fuzz(client, reverse("casework:record-event", args=[child.pk, event_type]))
    for name in ("child-edit", "family-new", "consent-new", "provision-new"):
        fuzz(client, reverse(f"casework:{name}", args=[child.pk]))
    fuzz(client, reverse("casework:case-new"))
    fuzz(client, reverse("advice:new", args=[child.pk]))


def test_family_pages(mediation: Any) -> None:
    world, _ = mediation
    client = _client(world.parent)
    child = world.child
    fuzz(client, reverse("family:section-a", args=[child.pk]))
    for kind in ("mediation", "action-not-done"):
        fuzz(client, reverse("family:request", args=[child.pk, kind]))


def test_appeals_and_plans_pages() -> None:
    from redress.appeals.tests.helpers import make_world, plan_appeal
    from redress.plans.tests.helpers import caseworker_for, ready_plan

    with time_machine.travel(TODAY, tick=False):
        world = make_world(name="Fuzzbury")
        appeal = plan_appeal(world)
        plan = ready_plan(world.child, caseworker_for(world.child))
    client = _client(world.caseworker)
    fuzz(client, reverse("appeals:new", args=[world.child.pk]))
    for name in ("progress", "hearing", "decision", "not-opposed", "document-new"):
        fuzz(client, reverse(f"appeals:{name}", args=[appeal.pk]))
    plan_client = _client(caseworker_for(world.child))
    for code in ("A", "F", "I"):
        fuzz(plan_client, reverse("plans:section", args=[plan.pk, code]))
    fuzz(plan_client, reverse("plans:provision-new", args=[plan.pk]))
    fuzz(plan_client, reverse("plans:placement", args=[plan.pk]))
