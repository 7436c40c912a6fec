"""Who looked at a child's record: one mechanism for every page.

The selectors that fetch one child's record (`child_get`, `plan_get`, `appeal_get`, ...) call
`record_read`; a list that names children (search results, the dashboard, boards) calls
`record_reads` with the children on the page. `ReadAuditMiddleware` collects these during a
request and, when the page was actually shown (a 2xx response), writes one "view" row per child
with the page's URL name, so a subject access request can answer who saw the child's record,
where and when. A refused or redirected request records nothing (a write is audited by its
service). A view that already wrote its own view or download row for a child (through
`audit_record`) is not recorded twice, and a page of confidential material (the mediator's
notes) writes its rows where only the provider sees them.

Outside a request (a command, a test calling a selector) these calls do nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest, HttpResponse

from redress.audit.models import AuditEntry


@dataclass
class _Read:
    child_id: int
    object_type: str
    object_id: str
    summary: str


@dataclass
class _Reads:
    reads: dict[int, _Read] = field(default_factory=dict)
    covered: set[int] = field(default_factory=set)  # children a view audited itself
    actor: Any = None  # who, where the request is not signed in (a calendar feed's token)
    page: str = ""  # the URL name of the page being shown


_current: ContextVar[_Reads | None] = ContextVar("redress_audit_reads", default=None)


def _child_id(child: Any) -> int | None:
    if child is None:
        return None
    if isinstance(child, int):
        return child
    return getattr(child, "pk", None)


def record_read(child: Any, *, obj: Any = None, summary: str = "Viewed the record") -> None:
    """This request shows the child's record (or the part of it that is `obj`). The first read
    of a child in a request is the one recorded."""
    reads = _current.get()
    child_id = _child_id(child)
    if reads is None or child_id is None or child_id in reads.reads:
        return
    if obj is None and hasattr(child, "_meta"):
        obj = child
    reads.reads[child_id] = _Read(
        child_id=child_id,
        object_type=obj._meta.label if obj is not None else "casework.Child",
        object_id=str(obj.pk) if obj is not None else str(child_id),
        summary=summary,
    )


def record_reads(
    children: Iterable[Any], *, summary: str = "Saw the child named in a list"
) -> None:
    """This request lists these children (ids or objects): each is a read of their name."""
    if _current.get() is None:
        return
    for child in children:
        record_read(child, summary=summary)


def read_by(user: Any) -> None:
    """The request is made by this person though not signed in (a calendar feed's token)."""
    reads = _current.get()
    if reads is not None:
        reads.actor = user


def current_page() -> str:
    """The URL name of the page this request shows, or "" outside a request."""
    reads = _current.get()
    return reads.page if reads is not None else ""


def audited_by_view(child_id: int | None) -> None:
    """`audit_record` wrote a view or download row for this child: do not record it again."""
    reads = _current.get()
    if reads is not None and child_id is not None:
        reads.covered.add(child_id)


class ReadAuditMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _current.set(_Reads())
        try:
            response = self.get_response(request)
            reads = _current.get()
        finally:
            _current.reset(token)
        if reads is not None and reads.reads and 200 <= response.status_code < 300:
            _write(request, response, reads)
        return response

    def process_view(self, request: HttpRequest, *args: Any) -> None:
        reads = _current.get()
        match = getattr(request, "resolver_match", None)
        if reads is not None and match is not None:
            reads.page = match.view_name


def _write(request: HttpRequest, response: HttpResponse, reads: _Reads) -> None:
    user = getattr(request, "user", None)
    actor = user if getattr(user, "is_authenticated", False) else reads.actor
    if actor is None:
        return
    page = (reads.page or request.path)[:100]
    download = str(response.get("Content-Disposition", "")).startswith("attachment")
    action = AuditEntry.Action.DOWNLOAD if download else AuditEntry.Action.VIEW
    AuditEntry.objects.bulk_create(
        AuditEntry(
            actor=actor,
            action=action,
            object_type=read.object_type[:60],
            object_id=read.object_id[:40],
            child_id=read.child_id,
            summary=(f"Downloaded a file: {read.summary}" if download else read.summary)[:300],
            page=page,
        )
        for read in reads.reads.values()
        if read.child_id not in reads.covered
    )


__all__ = [
    "ReadAuditMiddleware",
    "audited_by_view",
    "current_page",
    "read_by",
    "record_read",
    "record_reads",
]
