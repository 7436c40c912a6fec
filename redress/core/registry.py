"""What the apps add to the behaviour of the apps below them (decision 0193).

A lower app may not import a higher one (docs/architecture.md, "Layers"), so a higher app declares
its parts on its `DomainAppConfig` (redress.core.apps) and the base adds them here when Django
starts; the lower app reads them here. Core knows no app: an entry is a callable or an object the
reader knows how to use, and the reader keeps the precise type of it.

Lists keep registration order, which is INSTALLED_APPS order (the demo's extensions build on each
other's records, and the first source to name a decision wins).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class Registry(Generic[T]):
    """An ordered list of entries, each added once."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._entries: list[T] = []

    def add(self, entry: T) -> T:
        if entry not in self._entries:
            self._entries.append(entry)
        return entry

    def __iter__(self) -> Iterator[T]:
        return iter(tuple(self._entries))

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, entry: object) -> bool:
        return entry in self._entries

    def __repr__(self) -> str:
        return f"<Registry {self.name}: {len(self._entries)}>"


Source = Callable[..., Any]

#: A child -> its records as the statutory engine's input events (redress.casework.deadlines).
event_sources: Registry[Source] = Registry("event sources")
#: An event source -> its batch form, many children in, each child's events out.
batch_event_sources: dict[Source, Source] = {}
#: A rule id -> a function from a child to {deadline ref: organisation id that must act}.
deadline_organisations: dict[str, Source] = {}
#: Called as hook(child, rows) after each per-case recompute, in the same transaction.
recomputed_hooks: Registry[Source] = Registry("recomputed hooks")
#: Called as hook(actor, child, previous, caseworker) after each reallocation.
allocated_hooks: Registry[Source] = Registry("allocated hooks")
#: A child -> {decision ref: the decision's name} (redress.casework.case_page).
decision_labels: Registry[Source] = Registry("decision labels")
#: A key in the case page's context -> section(user=..., child=...).
case_sections: dict[str, Source] = {}
#: A key in the dashboard's context -> part(user=..., today=..., scope=...).
dashboard_parts: dict[str, Source] = {}
#: A question an app asks of an app above it, by name -> the function that answers it. The
#: asker documents the name and the call; it gets its answer with `lookup`.
lookups: dict[str, Source] = {}


def lookup(name: str) -> Source:
    """The function registered under `name`; a KeyError names a part no installed app declares."""
    try:
        return lookups[name]
    except KeyError:
        raise KeyError(f"No installed app declares the lookup {name!r}") from None


#: extend(*, orgs, users, today), called in order on the demo's first load.
demo_extensions: Registry[Source] = Registry("demo extensions")
#: A person -> their meetings for their calendar feed (redress.notifications.calendar_feed).
calendar_sources: Registry[Source] = Registry("calendar sources")
#: A key -> the message template (redress.notifications.message_templates); the first wins.
message_templates: dict[str, Any] = {}
