"""Case notes and contact log pages. Thin: forms check input, services write, selectors read;
every read is audited. `Cache-Control: no-store` comes from `PrivateResponseMiddleware`."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from redress.audit.services import audit_record
from redress.casefile import selectors, services
from redress.casefile.forms import ContactForm, CorrectForm, NoteForm, NoteSearchForm, WithdrawForm
from redress.casework import selectors as case_selectors
from redress.casework.models import Child
from redress.casework.views_shared import call_service, withdraw_step
from redress.core.listing import page_of

NOTES_PER_PAGE = 25


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
    context. `form` has `q` and `kind`; `find(user=, child=, query=, kind=)` gives the rows."""
    query, kind = "", ""
    if form.is_valid():
        query, kind = form.cleaned_data["q"].strip(), form.cleaned_data["kind"]
    found = find(user=request.user, child=child, query=query, kind=kind)
    page = page_of(found, request.GET.get("page"), per_page=per_page)
    searched = " (searched)" if query or kind else ""
    audit_record(
        actor=request.user,
        action="view",
        obj=child,
        child=child,
        summary=f"{viewed}, page {page.number}{searched}",
    )
    params = request.GET.copy()
    params.pop("page", None)
    return {
        "child": child,
        "form": form,
        "page": page,
        "query": query,
        "kind": kind,
        "params": params.urlencode(),
    }


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
