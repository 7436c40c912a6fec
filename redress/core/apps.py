from __future__ import annotations

from collections.abc import Iterable, Mapping
from importlib import import_module
from typing import Any, ClassVar

from django.apps import AppConfig
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from redress.core import registry


class CoreConfig(AppConfig):
    name = "redress.core"
    verbose_name = "Redress"

    def ready(self) -> None:
        from redress.core.form_messages import install

        install()  # GOV.UK error messages in place of Django's defaults (decision 0123)


#: Every app's parts, in the order docs/architecture.md describes them.
SKELETON = (
    "models",
    "services",
    "selectors",
    "permissions",
    "events",
    "demo",
    "forms",
    "views",
    "urls",
    "templates",
    "tests",
)


class DomainAppConfig(AppConfig):
    """An app of Redress that declares what it adds to the apps below it (decision 0193).

    Each part is the dotted path of a module-level name in the app; `ready()` imports them, once
    the models are loaded, and adds them to redress.core.registry, where the app below reads
    them. Django calls `ready()` in INSTALLED_APPS order, so each registry lists the apps' parts
    in that order. An app with none of these declares nothing.
    """

    # Django takes the one AppConfig in an apps.py, or else the one marked default: this base is
    # never an app's config (nor redress.core's), each app's own subclass of it is.
    default = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "default" not in cls.__dict__:
            cls.default = True

    #: The module whose import adds the app's rules (django-rules) to the permission registry.
    permissions: ClassVar[str] = ""
    #: A child -> engine input events (redress.casework.deadlines), and its batch form.
    event_source: ClassVar[str] = ""
    batch_event_source: ClassVar[str] = ""
    #: A rule id -> a child -> {deadline ref: the organisation that must act}.
    deadline_organisations: ClassVar[Mapping[str, str]] = {}
    #: hook(child, rows) after each per-case recompute.
    recomputed_hook: ClassVar[str] = ""
    #: hook(actor, child, previous, caseworker) after each reallocation.
    allocated_hook: ClassVar[str] = ""
    #: A child -> {decision ref: name} for the case page.
    decision_labels: ClassVar[str] = ""
    #: A key in the case page's context -> section(user=..., child=...).
    case_sections: ClassVar[Mapping[str, str]] = {}
    #: A key in the caseworker's dashboard's context -> part(user=..., today=..., scope=...).
    dashboard_parts: ClassVar[Mapping[str, str]] = {}
    #: A question's name -> the function that answers it for an app below (registry.lookup).
    lookups: ClassVar[Mapping[str, str]] = {}
    #: An iterable of message templates (redress.notifications.message_templates).
    message_templates: ClassVar[str] = ""
    #: extend(*, orgs, users, today) on the demo's first load.
    demo_extension: ClassVar[str] = ""
    #: A person -> their meetings for their calendar feed.
    calendar_source: ClassVar[str] = ""
    #: The parts of the common skeleton (SKELETON) the app has none of, each with the reason.
    #: A test holds every app to the skeleton: each part is a module, a package or modules
    #: split by subject (`views_letters.py`), or is named here; nothing is named that exists.
    skeleton_gaps: ClassVar[Mapping[str, str]] = {}

    def ready(self) -> None:
        # The rules first: the other parts' modules may check permissions as they load.
        if self.permissions:
            import_module(self.permissions)
        if self.batch_event_source and not self.event_source:
            raise ImproperlyConfigured(f"{self.name}: a batch event source needs its event source")
        if self.event_source:
            source = registry.event_sources.add(import_string(self.event_source))
            if self.batch_event_source:
                registry.batch_event_sources[source] = import_string(self.batch_event_source)
        for rule, path in self.deadline_organisations.items():
            registry.deadline_organisations[rule] = import_string(path)
        if self.recomputed_hook:
            registry.recomputed_hooks.add(import_string(self.recomputed_hook))
        if self.allocated_hook:
            registry.allocated_hooks.add(import_string(self.allocated_hook))
        if self.decision_labels:
            registry.decision_labels.add(import_string(self.decision_labels))
        for key, path in self.case_sections.items():
            registry.case_sections[key] = import_string(path)
        for key, path in self.dashboard_parts.items():
            registry.dashboard_parts[key] = import_string(path)
        for name, path in self.lookups.items():
            answer = import_string(path)
            if registry.lookups.setdefault(name, answer) is not answer:
                raise ImproperlyConfigured(f"{self.name}: another app answers the lookup {name!r}")
        if self.message_templates:
            templates: Iterable[Any] = import_string(self.message_templates)
            for template in templates:
                registry.message_templates.setdefault(template.key, template)
        if self.demo_extension:
            registry.demo_extensions.add(import_string(self.demo_extension))
        if self.calendar_source:
            registry.calendar_sources.add(import_string(self.calendar_source))
