"""Words people read: GOV.UK error messages in place of Django's defaults, one word for each
deadline status on every page, and no doubled or broken phrases."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django import forms
from django.conf import settings
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from redress.casework.templatetags.casework_tags import status_tag
from redress.casework.tests import factories
from redress.casework.tests.factories import Role, user_with_role
from redress.core.status_words import NOT_STATUS_WORDS, STATUS_WORDS
from redress.plans.checks import EDUCATIONAL_THERAPIES, _explain
from redress.plans.compare import _for_how_long
from redress.statutory.rules import rule_row

LocalAuthorityFactory: Any = factories.LocalAuthorityFactory
DJANGO_DEFAULTS = ("This field is required.", "Enter a valid", "Select a valid choice")


class _Example(forms.Form):
    first_name = forms.CharField(label="Child's first name")
    team = forms.ChoiceField(label="Team", choices=[("north", "North")])
    born = forms.DateField(label="Date of birth")
    email = forms.EmailField(label="Email address (optional)", required=False)
    count = forms.IntegerField(label="Number of sessions")
    agreed = forms.ChoiceField(label="Did the family agree?", choices=[("yes", "Yes")])
    own = forms.CharField(label="Reason", error_messages={"required": "Say why"})


def test_a_form_says_what_to_do_about_which_field() -> None:
    form = _Example({"born": "31/02/2026", "email": "nope", "count": "two", "team": "south"})
    assert not form.is_valid()
    errors = {name: list(messages) for name, messages in form.errors.items()}
    assert errors == {
        "first_name": ["Enter child's first name"],
        "team": ["Select team from the list"],
        "born": ["Date of birth must be a real date"],
        "email": ["Enter an email address in the correct format, like name@example.com"],
        "count": ["Number of sessions must be a whole number"],
        "agreed": ["Select an answer to: Did the family agree?"],
        "own": ["Say why"],  # a form's own message is kept
    }


def test_a_relabelled_field_is_named_by_its_label_when_cleaned() -> None:
    form = _Example({})
    form.fields["first_name"].label = "Young person's first name"
    assert form.errors["first_name"] == ["Enter young person's first name"]


@pytest.mark.django_db
def test_a_page_shows_the_govuk_message_not_djangos() -> None:
    la = LocalAuthorityFactory()
    client = Client()
    client.force_login(user_with_role(Role.LA_MANAGER, la))
    html = client.get(reverse("reports:performance"), {"by": "fortnight"}).content.decode()
    assert "Select group by from the list" in html
    assert not any(default in html for default in DJANGO_DEFAULTS)


# -- One word for each status -------------------------------------------------------------------


def test_done_in_time_is_the_one_word_for_a_step_done_by_its_deadline() -> None:
    assert "Done in time" in status_tag("met")
    assert "Done in time" in status_tag("ok")
    assert not set(NOT_STATUS_WORDS) & set(STATUS_WORDS.values())


_TEMPLATE_CODE = re.compile(
    r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}|{#.*?#}|{%.*?%}|{{.*?}}", re.S
)
_OTHER_WORDS = re.compile(r"\b(?:Met|Ok|OK)\b|\b[Oo]n time\b")


def test_no_template_uses_another_word_for_done_in_time() -> None:
    found = []
    for path in Path(settings.BASE_DIR, "redress").rglob("templates/**/*.html"):
        text = _TEMPLATE_CODE.sub(" ", path.read_text())
        for match in _OTHER_WORDS.finditer(text):
            found.append(f"{path.relative_to(settings.BASE_DIR)}: {match.group(0)!r}")
    assert not found, found


# -- Phrases that came out doubled or broken -------------------------------------------------------


def test_the_therapy_check_reads_as_a_sentence() -> None:
    for therapy in EDUCATIONAL_THERAPIES:
        for section in ("G", "H1"):
            text = _explain(therapy, section)
            assert "it and is" not in text and " it is special educational provision" in text


def test_how_long_is_said_once() -> None:
    assert _for_how_long("For 12 months") == "for 12 months"
    assert _for_how_long("12 months") == "for 12 months"


def test_the_appeal_right_says_the_later_of_once() -> None:
    html = render_to_string(
        "plans/_rights.html",
        {
            "appeal_rule": rule_row("appeal.lodge"),
            "mediation_rule": rule_row("mediation.contact_adviser"),
            "deadlines": [],
        },
    )
    assert "the later of" in html
    assert "later of the later of" not in html and "unverified" not in html
