"""The apps' declared parts reach the registries the apps below read, in INSTALLED_APPS order
(decision 0193). The order is what the demo, the engine's input and the case page depend on."""

from __future__ import annotations

import sys
from typing import Any

import pytest
import rules
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

from redress.core import registry
from redress.core.apps import DomainAppConfig
from redress.notifications.message_templates import TEMPLATES


def _path(entry: Any) -> str:
    return f"{entry.__module__}.{entry.__qualname__}"


def test_event_sources_in_app_order_each_with_its_batch_form() -> None:
    assert [_path(s) for s in registry.event_sources] == [
        "redress.plans.events.plan_events",
        "redress.mediation.events.mediation_events",
        "redress.agreements.events.agreement_events",
        "redress.appeals.events.appeal_events",
    ]
    assert {_path(s): _path(b) for s, b in registry.batch_event_sources.items()} == {
        "redress.plans.events.plan_events": "redress.plans.events.plan_events_for_children",
        "redress.mediation.events.mediation_events": (
            "redress.mediation.events.mediation_events_for_children"
        ),
        "redress.agreements.events.agreement_events": (
            "redress.agreements.events.agreement_events_for_children"
        ),
        "redress.appeals.events.appeal_events": "redress.appeals.events.appeal_events_for_children",
    }
    assert {rule: _path(s) for rule, s in registry.deadline_organisations.items()} == {
        "recommendation.response": "redress.appeals.events.recommendation_organisations"
    }


def test_demo_extensions_run_in_app_order() -> None:
    assert [_path(e) for e in registry.demo_extensions] == [
        "redress.plans.demo.demo_plans",
        "redress.mediation.demo.demo_mediation",
        "redress.agreements.demo.demo_agreements",
        "redress.appeals.demo.demo_appeals",
        "redress.reports.demo.demo_reports",
        "redress.sen2.demo.demo_sen2_items",
    ]


def test_case_page_calendar_and_task_hooks() -> None:
    assert [_path(s) for s in registry.decision_labels] == [
        "redress.documents.decision_letters.decision_letter_labels",
        "redress.mediation.selectors.mediation_decision_labels",
    ]
    assert {k: _path(s) for k, s in registry.case_sections.items()} == {
        "from_family": "redress.family.selectors.family_contributions"
    }
    assert [_path(s) for s in registry.calendar_sources] == [
        "redress.plans.calendar_feed.review_meetings",
        "redress.mediation.schedule.mediator_meeting_events",
    ]
    assert [_path(h) for h in registry.recomputed_hooks] == [
        "redress.casefile.services_tasks.tasks_after_recompute"
    ]
    assert [_path(h) for h in registry.allocated_hooks] == [
        "redress.casefile.services_tasks.tasks_follow_allocation"
    ]
    assert {k: _path(p) for k, p in registry.lookups.items()} == {
        "live_appeal": "redress.appeals.selectors.live_appeal_for_child",
        "latest_appeal_lodged": "redress.appeals.selectors.latest_appeal_lodged",
        "family_request_make": "redress.family.services.family_request_make",
        "explain_for_family": "redress.family.plain.explain",
        "family_mediation_requests": "redress.family.selectors.mediation_requests_for_child",
        "advice_documents": "redress.casefile.selectors.advice_documents",
    }
    assert {k: _path(p) for k, p in registry.dashboard_parts.items()} == {
        "my_tasks": "redress.casefile.selectors_tasks.dashboard_my_tasks",
        "unseen_messages": "redress.casefile.selectors.dashboard_unseen_messages",
    }


def test_apps_message_templates_follow_the_built_in_ones() -> None:
    keys = list(TEMPLATES)
    assert keys[-7:] == [
        "mediation_meeting_confirmation",
        "mediation_meeting_cancelled",
        "mediation_meeting_reminder",
        "mediation_certificate_sent",
        "mediation_family_lawyer",
        "mediation_notes_policy",
        "agreement_action_not_done",
    ]
    assert keys.index("sign_in_code") == len(keys) - 8


def test_every_declared_permissions_module_has_added_its_rules() -> None:
    declared = [
        config.permissions
        for config in apps.get_app_configs()
        if isinstance(config, DomainAppConfig) and config.permissions
    ]
    assert declared == [
        f"redress.{app}.permissions"
        for app in (
            "casework",
            "casefile",
            "family",
            "plans",
            "mediation",
            "agreements",
            "appeals",
            "reports",
            "api",
        )
    ]
    for module in declared:
        assert module in sys.modules
        label = module.split(".")[1]
        assert any(name.startswith(f"{label}.") for name in rules.permissions.permissions), module


def test_every_redress_app_but_core_is_a_domain_app() -> None:
    for config in apps.get_app_configs():
        if config.name.startswith("redress.") and config.name != "redress.core":
            assert isinstance(config, DomainAppConfig), config.name


def test_a_part_declared_twice_is_registered_once() -> None:
    config = apps.get_app_config("sen2")
    before = list(registry.demo_extensions)
    config.ready()
    assert list(registry.demo_extensions) == before


def test_a_batch_source_without_its_event_source_is_refused() -> None:
    class Broken(DomainAppConfig):
        name = "redress.sen2"
        label = "broken"
        batch_event_source = "redress.plans.events.plan_events_for_children"

    with pytest.raises(ImproperlyConfigured, match="batch event source"):
        Broken("redress.sen2", sys.modules["redress.sen2"]).ready()


def test_a_lookup_no_app_answers_is_named_in_the_error() -> None:
    with pytest.raises(KeyError, match="no_such_question"):
        registry.lookup("no_such_question")


def test_two_apps_may_not_answer_one_lookup() -> None:
    class Rival(DomainAppConfig):
        name = "redress.sen2"
        label = "rival"
        lookups = {"live_appeal": "redress.appeals.selectors.latest_appeal_lodged"}

    with pytest.raises(ImproperlyConfigured, match="live_appeal"):
        Rival("redress.sen2", sys.modules["redress.sen2"]).ready()
    assert _path(registry.lookup("live_appeal")) == (
        "redress.appeals.selectors.live_appeal_for_child"
    )
