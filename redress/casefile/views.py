"""Case notes and contact log pages. Thin: forms check input, services write, selectors read;
every read is audited. `Cache-Control: no-store` comes from `PrivateResponseMiddleware`."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from redress.audit.services import audit_record
from redress.casefile import selectors, services
from redress.casefile.forms import ContactForm, CorrectForm, NoteForm, NoteSearchForm, WithdrawForm
from redress.casework import selectors as case_selectors
from redress.casework.models import Child
from redress.casework.views_caseload import stream_case_csv
from redress.core.listing import csv_moment, page_of, query_without
from redress.core.versions import call_service, withdraw_step

NOTES_PER_PAGE = 50


@require_GET
@login_required
def notes(request: HttpRequest, pk: int) -> HttpResponse:
    child = case_selectors.child_get(user=request.user, pk=pk, perm="casefile.view_notes")
    context = searched_page(
        request,
        child,
        NoteSearchForm(request.GET or None),
        selectors.notes_for,
        per_page=NOTES_PER_PAGE,
        viewed="Viewed the case notes and contact log",
    )
    return render(request, "casefile/notes.html", context)


def searched_page(
    request: HttpRequest,
    child: Child,
    form: forms.Form,
    find: Callable[..., Any],
    *,
    per_page: int,
    viewed: str,
) -> dict[str, Any]:
    """One page of a case's searchable list (notes, documents), audited as read: the template's
    context. `form` is a ListForm with `q` and `kind`; `find(user=, child=, query=, kind=,
    sort=)` gives the rows."""
    query, kind, found = searched(request, child, form, find)
    page = page_of(found, request.GET.get("page"), per_page=per_page)
    searched_words = " (searched)" if query or kind else ""
    audit_record(
        actor=request.user,
        action="view",
        obj=child,
        child=child,
        summary=f"{viewed}, page {page.number}{searched_words}",
    )
    return {
        "child": child,
        "form": form,
        "page": page,
        "query": query,
        "kind": kind,
        "params": query_without(request, "page"),
    }


def searched(
    request: HttpRequest, child: Child, form: Any, find: Callable[..., Any]
) -> tuple[str, str, Any]:
    """The search words, the kind, and every row they find, in the order asked for (the page
    and its CSV read the same query string)."""
    query = (form.value("q") or "").strip()
    kind = form.value("kind") or ""
    return (
        query,
        kind,
        find(user=request.user, child=child, query=query, kind=kind, sort=form.sort_key),
    )


NOTE_EXPORT_COLUMNS = (
    "Date",
    "Kind",
    "Direction",
    "With whom",
    "Note or summary",
    "Sensitive",
    "Recorded by",
    "Recorded at",
    "Withdrawn as recorded in error",
)


def _note_rows(notes: Any) -> Iterator[list[Any]]:
    for note in notes.iterator(chunk_size=2000):
        yield [
            note.occurred_on.isoformat(),
            note.get_kind_display(),
            note.get_direction_display() if note.direction else "",
            note.with_whom,
            note.text,
            "Yes" if note.sensitive else "No",
            note.recorded_by.display_name,
            csv_moment(note.recorded_at),
            f"{note.withdrawn_at:%Y-%m-%d}: {note.withdrawn_reason}" if note.withdrawn_at else "",
        ]


@require_GET
@login_required
def notes_export(request: HttpRequest, pk: int) -> StreamingHttpResponse:
    """The case's notes and contacts as searched and sorted, every one, as CSV (the
    authority's staff, who alone read them)."""
    child = case_selectors.child_get(user=request.user, pk=pk, perm="casefile.view_notes")
    query, kind, found = searched(request, child, NoteSearchForm(request.GET), selectors.notes_for)
    return stream_case_csv(
        request,
        child=child,
        header=NOTE_EXPORT_COLUMNS,
        rows=_note_rows(found),
        filename=f"case-notes-{child.pk}.csv",
        summary="Downloaded the case notes and contact log as CSV"
        + (" (searched)" if query or kind else ""),
    )


@require_http_methods(["GET", "POST"])
@login_required
def note_new(request: HttpRequest, pk: int) -> HttpResponse:
    child = case_selectors.child_get(user=request.user, pk=pk, perm="casefile.add_note")
    form = NoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        note = call_service(
            form,
            lambda: services.case_note_add(
                actor=request.user,
                child=child,
                text=data["text"],
                occurred_on=data["occurred_on"],
                sensitive=data["sensitive"],
            ),
        )
        if note is not None:
            messages.success(request, "Case note added.")
            return redirect("casework:notes", pk=child.pk)
    return render(
        request,
        "casefile/note_form.html",
        {"child": child, "form": form, "title": "Add a case note"},
    )


@require_http_methods(["GET", "POST"])
@login_required
def contact_new(request: HttpRequest, pk: int) -> HttpResponse:
    child = case_selectors.child_get(user=request.user, pk=pk, perm="casefile.add_note")
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        note = call_service(
            form,
            lambda: services.contact_log_add(
                actor=request.user,
                child=child,
                kind=data["kind"],
                direction=data["direction"],
                with_whom=data["with_whom"],
                occurred_on=data["occurred_on"],
                summary=data["summary"],
                sensitive=data["sensitive"],
            ),
        )
        if note is not None:
            messages.success(request, f"{note.get_kind_display()} logged.")
            return redirect("casework:notes", pk=child.pk)
    return render(
        request,
        "casefile/note_form.html",
        {"child": child, "form": form, "title": "Log a contact"},
    )


@require_GET
@login_required
def note_detail(request: HttpRequest, pk: int, note_pk: int) -> HttpResponse:
    child = case_selectors.child_get(user=request.user, pk=pk, perm="casefile.view_notes")
    note = selectors.note_get(user=request.user, child=child, pk=note_pk)
    audit_record(
        actor=request.user,
        action="view",
        obj=note,
        child=child,
        summary=f"Viewed a {note.get_kind_display().lower()} and its history",
    )
    return render(
        request,
        "casefile/note_detail.html",
        {
            "child": child,
            "note": note,
            "history": selectors.note_history(note),
            "can_correct": request.user.has_perm("casefile.correct_note", note),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def note_correct(request: HttpRequest, pk: int, note_pk: int) -> HttpResponse:
    child = case_selectors.child_get(user=request.user, pk=pk, perm="casefile.add_note")
    note = selectors.note_get(
        user=request.user, child=child, pk=note_pk, perm="casefile.correct_note"
    )
    if request.method == "POST":
        form = CorrectForm(request.POST, note=note)
        if form.is_valid():
            data = form.cleaned_data
            corrected = call_service(
                form,
                lambda: services.case_note_correct(
                    actor=request.user,
                    note=note,
                    text=data["text"],
                    reason=data["reason"],
                    expected_version=data["version"],
                    with_whom=data.get("with_whom"),
                    occurred_on=data["occurred_on"],
                    sensitive=data["sensitive"],
                ),
                record=note,
            )
            if corrected is not None:
                messages.success(request, "Entry corrected. The earlier wording is kept.")
                return redirect("casework:note-detail", pk=child.pk, note_pk=note.pk)
    else:
        form = CorrectForm(
            initial={
                "occurred_on": note.occurred_on,
                "with_whom": note.with_whom,
                "text": note.text,
                "sensitive": note.sensitive,
                "version": note.version,
            },
            note=note,
        )
    return render(
        request,
        "casefile/note_correct.html",
        {
            "child": child,
            "note": note,
            "form": form,
            "withdraw": WithdrawForm(initial={"version": note.version}, prefix="withdraw"),
        },
    )


@require_http_methods(["POST"])
@login_required
def note_withdraw(request: HttpRequest, pk: int, note_pk: int) -> HttpResponse:
    child = case_selectors.child_get(user=request.user, pk=pk, perm="casefile.add_note")
    note = selectors.note_get(
        user=request.user, child=child, pk=note_pk, perm="casefile.correct_note"
    )
    withdraw = WithdrawForm(request.POST, prefix="withdraw")
    service = partial(services.case_note_withdraw, note=note)
    if withdraw_step(request, withdraw, note, service) is not None:
        messages.success(request, "Entry withdrawn as recorded in error. It stays on record.")
        return redirect("casework:note-detail", pk=child.pk, note_pk=note.pk)
    form = CorrectForm(
        initial={
            "occurred_on": note.occurred_on,
            "with_whom": note.with_whom,
            "text": note.text,
            "sensitive": note.sensitive,
            "version": note.version,
        },
        note=note,
    )
    return render(
        request,
        "casefile/note_correct.html",
        {"child": child, "note": note, "form": form, "withdraw": withdraw},
        status=200,
    )
