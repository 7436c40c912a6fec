"""Reading a child's case notes and contacts; the querysets mirror `permissions.py`."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from redress.casefile.models import CaseNote
from redress.casework.models import Child


def notes_for(*, user: Any, child: Child, query: str = "", kind: str = "") -> QuerySet[CaseNote]:
    """The child's notes and contacts this user may read, newest first, matching the search: the
    words in the note, the person contacted or who recorded it, and the kind of entry."""
    if not user.has_perm("casefile.view_notes", child):
        return CaseNote.objects.none()
    notes = CaseNote.objects.filter(child=child).select_related(
        "recorded_by", "corrected_by", "withdrawn_by"
    )
    if kind:
        notes = notes.filter(kind=kind)
    for word in query.split():
        kinds = [value for value, label in CaseNote.Kind.choices if word.lower() in label.lower()]
        notes = notes.filter(
            Q(text__icontains=word)
            | Q(with_whom__icontains=word)
            | Q(recorded_by__first_name__icontains=word)
            | Q(recorded_by__last_name__icontains=word)
            | Q(kind__in=kinds)
        )
    return notes.order_by("-occurred_on", "-recorded_at", "-pk")


def note_get(*, user: Any, child: Child, pk: int, perm: str = "casefile.view_note") -> CaseNote:
    """One of this child's entries, or 404 (another child's entry is not found here)."""
    try:
        note = CaseNote.objects.select_related("recorded_by").get(pk=pk, child=child)
    except CaseNote.DoesNotExist:
        raise Http404("No such note") from None
    if not user.has_perm(perm, note):
        raise Http404("No such note")
    return note


def note_history(note: CaseNote) -> list[Any]:
    """Every recorded wording of the entry, newest first, with who changed it and why."""
    return list(note.history.select_related("history_user").order_by("-history_date", "-pk"))
