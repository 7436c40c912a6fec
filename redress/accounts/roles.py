"""A person's roles, read once a request (docs/decisions/0196).

The permission rules ask the same question many times on one page (may this person act at this
authority?). While a request is served, each person's active (organisation, role) pairs are
read from the database once and kept here; outside a request (commands, the worker, tests that
call services) every asking reads afresh.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

RolePairs = list[tuple[int | None, str]]

_kept: ContextVar[dict[int, RolePairs] | None] = ContextVar("roles_kept", default=None)


def kept_this_request() -> dict[int, RolePairs] | None:
    """Each person's pairs read so far in this request, by user id; None outside a request."""
    return _kept.get()


@contextmanager
def reading_roles_once() -> Iterator[None]:
    token = _kept.set({})
    try:
        yield
    finally:
        _kept.reset(token)


class ReadRolesOnceMiddleware:
    """Keeps each person's roles for the length of one request."""

    def __init__(self, get_response: Callable[[Any], Any]) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        with reading_roles_once():
            return self.get_response(request)
