"""Every form of Redress, fed awkward input (odd unicode, NUL bytes, huge and negative numbers,
out-of-range ids, lists where one value is expected), says what is wrong; none raises.

The forms are collected from every app's forms modules, so a new form is fuzzed without being
listed here. Keyword arguments a form needs (the case it belongs to, the authorities to choose
from) come from one small world built once per test."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from datetime import date
from typing import Any

import pytest
from django import forms
from django.utils.datastructures import MultiValueDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import redress

pytestmark = pytest.mark.django_db

# Values a person, a broken browser or an attacker might send.
AWKWARD = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "",
            " ",
            "0",
            "-1",
            "1.5",
            "1e400",
            "nan",
            "99999999999999999999999999",
            "-99999999999999999999999999",
            str(2**63),
            "١٢",  # Arabic-Indic digits
            "²",
            "\x00",
            "a\x00b",
            "\ud7ff\ufffd",
            "😀" * 10,
            "x" * 6000,
            "2026-02-30",
            "31",
            "13",
            "true",
            "on",
            "=HYPERLINK(1)",
            "<script>alert(1)</script>",
        ]
    ),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)
VALUES = st.lists(AWKWARD, min_size=0, max_size=3)


def _form_classes() -> list[type[forms.BaseForm]]:
    found: dict[str, type[forms.BaseForm]] = {}
    for module_info in pkgutil.walk_packages(redress.__path__, "redress."):
        name = module_info.name
        last = name.rsplit(".", 1)[-1]
        if not (last == "forms" or last.startswith("forms_")) or ".tests" in name:
            continue
        module = importlib.import_module(name)
        for value in vars(module).values():
            if (
                inspect.isclass(value)
                and issubclass(value, forms.BaseForm)
                and value.__module__ == name
                and value.base_fields
            ):
                found[f"{name}.{value.__name__}"] = value
    return [found[key] for key in sorted(found)]


FORM_CLASSES = _form_classes()


def _keys(form: forms.BaseForm) -> list[str]:
    """The POST keys each field reads, including a date input's day, month and year."""
    keys = []
    for name, field in form.fields.items():
        key = form.add_prefix(name)
        widget = field.widget
        if isinstance(widget, forms.MultiWidget):
            keys += [key + suffix for suffix in widget.widgets_names]
        else:
            keys.append(key)
    return keys


@pytest.fixture
def world(db: None) -> Any:
    """One local authority, child, mediation case and appeal order."""
    from django.contrib.auth import get_user_model

    from redress.accounts.models import Organisation
    from redress.appeals.models import Order
    from redress.casefile.models import CaseDocument, CaseNote
    from redress.casework.models import Child
    from redress.core.forms import GovukDateField
    from redress.mediation.tests.factories import make_world, open_case
    from redress.plans.models import Outcome
    from redress.statutory.calendar import SchoolTerm

    mediation = make_world(name="Fuzzshire")
    case = open_case(mediation)
    return {
        "child": mediation.child,
        "case": case,
        "user": mediation.adviser,
        "order": Order(kind=Order.Kind.values[0], made_on=date(2026, 10, 1)),
        "local_authorities": Organisation.objects.all(),
        "authorities": Organisation.objects.all(),
        "organisations": Organisation.objects.all(),
        "children": Child.objects.all(),
        "regions": ["North East"],
        "choices": {},
        "parties": [("la", "The local authority")],
        "health_payer": False,
        "kind": None,  # the review step's kind: filled per form below
        "question": None,
        "label": "Date",
        # A plan step's correction form takes the recorded step's own fields.
        "fields": {"date": GovukDateField(label="Date of the step")},
        # A contact, so that the correction form keeps its "with whom" field too.
        "note": CaseNote(child=mediation.child, kind=CaseNote.Kind.PHONE, text="Called"),
        # The API token form offers what its actor administers: everything, for a superuser.
        "actor": get_user_model().objects.create(username="fuzz-root", is_superuser=True),
        "outcomes": Outcome.objects.all(),
        "documents": CaseDocument.objects.all(),
        "terms": [SchoolTerm("Spring term 2027", date(2027, 1, 4), date(2027, 3, 26))],
        "schools": Organisation.objects.all(),
    }


def _kwargs(form_class: type[forms.BaseForm], world: dict[str, Any]) -> dict[str, Any]:
    kwargs: dict[str, Any] = {}
    for klass in form_class.__mro__:
        init = vars(klass).get("__init__")
        if init is None:
            continue
        for parameter in inspect.signature(init).parameters.values():
            if parameter.kind is not inspect.Parameter.KEYWORD_ONLY:
                continue
            if parameter.name == "kind":
                from redress.plans.models import ReviewStep

                kwargs["kind"] = ReviewStep.Kind.DECISION
            elif parameter.name == "caseworkers":
                # The case list's filter takes (value, label) choices; allocation, the people.
                from django.contrib.auth import get_user_model

                people = get_user_model().objects.all()
                kwargs["caseworkers"] = (
                    [(str(p.pk), str(p)) for p in people]
                    if "list" in str(parameter.annotation)
                    else people
                )
            elif str(parameter.annotation) == "list[tuple[str, str]]":
                # A list's filter of organisations or people: (value, label) choices.
                from redress.accounts.models import Organisation

                kwargs[parameter.name] = [
                    (str(o.pk), o.name) for o in Organisation.objects.all()
                ] + [("0", "Gone")]
            elif parameter.name == "staff":
                from django.contrib.auth import get_user_model

                kwargs["staff"] = get_user_model().objects.all()
            elif parameter.name in world:
                kwargs[parameter.name] = world[parameter.name]
            elif parameter.default is inspect.Parameter.empty:
                raise AssertionError(
                    f"{form_class.__name__} needs {parameter.name}=: add it to the world"
                )
    return kwargs


@pytest.mark.parametrize("form_class", FORM_CLASSES, ids=lambda c: f"{c.__module__}.{c.__name__}")
def test_every_form_refuses_awkward_input_without_an_error(
    form_class: type[forms.BaseForm], world: dict[str, Any]
) -> None:
    kwargs = _kwargs(form_class, world)
    keys = _keys(form_class(**kwargs))

    @settings(
        max_examples=15,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(st.fixed_dictionaries(dict.fromkeys(keys, VALUES)))
    def check(data: dict[str, list[str]]) -> None:
        form = form_class(data=MultiValueDict(data), files=MultiValueDict(), **kwargs)
        form.is_valid()  # True or False; never an exception
        form.errors.as_data()

    check()


def test_the_forms_of_every_app_are_collected() -> None:
    apps = {c.__module__.split(".")[1] for c in FORM_CLASSES}
    assert {"casework", "mediation", "appeals", "plans", "agreements", "family"} <= apps
    assert len(FORM_CLASSES) > 40
