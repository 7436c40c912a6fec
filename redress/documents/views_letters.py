"""The letters pages: a child's letters, sending one, withdrawing one sent in error, the print
batch and the review invitations for a school's cohort. Views are thin: `services_letters`
checks, records, writes and audits; the selectors read for the acting user."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from redress.accounts.models import LA_ROLES, Organisation
from redress.accounts.roles import reading_roles_once
from redress.audit.reads import record_reads
from redress.casework import selectors
from redress.casework.models import Child
from redress.casework.permissions import organisation_ids
from redress.casework.views_caseload import stream_case_csv, stream_csv
from redress.core.listing import (
    csv_child_name,
    csv_date,
    csv_moment,
    in_chunks,
    page_of,
    query_without,
)
from redress.core.versions import call_service
from redress.documents import selectors_letters
from redress.documents.forms_letters import LetterSendForm, LetterWithdrawForm, ReviewCohortForm
from redress.documents.letter_parts import communication_needs, wants_large_print
from redress.documents.models import SentLetter
from redress.documents.services_letters import (
    letter_check,
    letter_send,
    letters_send_bulk,
    print_batch_mark_posted,
    review_invitations_check,
    sent_letter_withdraw,
)
from redress.documents.step_letters import FAMILY, SEND_PERMISSION, STEP_LETTERS


def _child(request: HttpRequest, pk: int) -> Child:
    return selectors.child_get(user=request.user, pk=pk, perm=SEND_PERMISSION)


@login_required
@require_GET
def letters(request: HttpRequest, pk: int) -> HttpResponse:
    child = _child(request, pk)
    page = page_of(
        selectors_letters.letters_for_child(user=request.user, child=child),
        request.GET.get("page"),
    )
    return render(
        request,
        "documents/letters.html",
        {
            "child": child,
            "page": page,
            "query": query_without(request, "page"),
            "kinds": list(STEP_LETTERS.values()),
            "needs": communication_needs(child),
        },
    )


LETTER_COLUMNS = (
    "Child or young person",
    "Case number",
    "Letter",
    "To",
    "How",
    "Large print",
    "State",
    "Added",
    "Sent or posted on",
    "Sent or posted by",
    "Withdrawn on",
    "Why withdrawn",
)


def _state(letter: SentLetter) -> str:
    return "Withdrawn" if letter.withdrawn else letter.get_status_display()


def _letter_rows(child: Child, letters: Any) -> Iterator[list[Any]]:
    for letter in letters.iterator(chunk_size=2000):
        yield [
            csv_child_name(child),
            child.pk,
            letter.title,
            letter.addressee_name,
            letter.get_method_display(),
            "Yes" if letter.large_print else "No",
            _state(letter),
            csv_moment(letter.created_at),
            csv_date(letter.sent_on),
            letter.sent_by.display_name if letter.sent_by else "",
            csv_moment(letter.withdrawn_at),
            letter.withdrawn_reason,
        ]


@require_GET
@login_required
def letters_export(request: HttpRequest, pk: int) -> StreamingHttpResponse:
    """The case's letters sent and to post, every one, as CSV: what went to whom, how and when,
    not what the letters say (their copies are on the case's documents)."""
    child = _child(request, pk)
    letters = selectors_letters.letters_for_child(user=request.user, child=child)
    return stream_case_csv(
        request,
        child=child,
        header=LETTER_COLUMNS,
        rows=_letter_rows(child, letters),
        filename=f"letters-{child.pk}.csv",
        summary="Downloaded the list of the case's letters as CSV",
    )


@login_required
@require_http_methods(["GET", "POST"])
def letter_send_page(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    child = _child(request, pk)
    letter_kind = STEP_LETTERS.get(kind)
    if letter_kind is None:
        raise Http404("No such letter")
    organisations = (
        None
        if letter_kind.to == FAMILY
        else Organisation.objects.filter(kind__in=letter_kind.organisation_kinds).order_by(
            "name", "pk"
        )
    )
    initial = {"method": SentLetter.Method.POST, "large_print": wants_large_print(child)}
    posted = request.method == "POST"
    form = LetterSendForm(
        request.POST if posted else None, organisations=organisations, initial=initial
    )
    valid = posted and form.is_valid()
    organisation = form.cleaned_data.get("organisation") if valid else None
    method = form.cleaned_data["method"] if valid else SentLetter.Method.POST
    prepared = letter_check(
        actor=request.user, child=child, kind=letter_kind, organisation=organisation, method=method
    )
    if valid and request.POST.get("action") == "send":
        letter = call_service(
            form,
            lambda: letter_send(
                actor=request.user,
                child=child,
                kind=kind,
                method=method,
                organisation=organisation,
                large_print=form.cleaned_data["large_print"],
            ),
        )
        if letter is not None:
            if letter.status == SentLetter.Status.SENT:
                messages.success(request, f"Sent by email: {letter}. A copy is on the case.")
            else:
                messages.success(request, f"Added to the print batch: {letter}.")
            return redirect("casework:letters", pk=child.pk)
    return render(
        request,
        "documents/letter_send.html",
        {
            "child": child,
            "kind": letter_kind,
            "form": form,
            "prepared": prepared,
            "checked": valid,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def letter_withdraw(request: HttpRequest, pk: int, letter_pk: int) -> HttpResponse:
    child = _child(request, pk)
    letter = selectors_letters.sent_letter_get(user=request.user, child=child, pk=letter_pk)
    form = LetterWithdrawForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        done = call_service(
            form,
            lambda: sent_letter_withdraw(
                actor=request.user, letter=letter, reason=form.cleaned_data["reason"]
            ),
        )
        if done is not None:
            messages.success(request, f"Withdrawn: {letter}. It stays listed, marked withdrawn.")
            return redirect("casework:letters", pk=child.pk)
    return render(
        request, "documents/letter_withdraw.html", {"child": child, "letter": letter, "form": form}
    )


def _require_la_staff(request: HttpRequest) -> None:
    if not organisation_ids(request.user, LA_ROLES):
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def print_batch(request: HttpRequest) -> HttpResponse:
    """The letters waiting to be posted: tick those put in the post today."""
    _require_la_staff(request)
    batch = selectors_letters.print_batch(user=request.user)
    posted: list[SentLetter] = []
    refused: list[tuple[SentLetter, list[str]]] = []
    error = ""
    if request.method == "POST":
        chosen = [v for v in request.POST.getlist("letters") if v.isdigit()]
        if not chosen:
            error = "Choose the letters you have posted"
        else:
            result = print_batch_mark_posted(
                actor=request.user, letters=list(batch.filter(pk__in=chosen))
            )
            posted, refused = result.posted, result.refused
    page = page_of(batch, request.GET.get("page"))
    record_reads((letter.child_id for letter in page), summary="Listed in the print batch")
    return render(
        request,
        "documents/print_batch.html",
        {
            "page": page,
            "query": query_without(request, "page"),
            "posted": posted,
            "refused": refused,
            "error": error,
        },
    )


PRINT_BATCH_COLUMNS = (
    "Child or young person",
    "Case number",
    "Letter",
    "To",
    "Large print",
    "Added to the batch",
    "Added by",
)


@require_GET
@login_required
def print_batch_export(request: HttpRequest) -> StreamingHttpResponse:
    """The print batch, every letter waiting to be posted, oldest first, as CSV: whose letter,
    which and to whom (not the addresses or what the letters say)."""
    _require_la_staff(request)
    rows = (
        [
            csv_child_name(letter.child),
            letter.child_id,
            letter.title,
            letter.addressee_name,
            "Yes" if letter.large_print else "No",
            csv_moment(letter.created_at),
            letter.created_by.display_name,
        ]
        for letter in selectors_letters.print_batch(user=request.user).iterator(chunk_size=2000)
    )
    return stream_csv(
        request,
        header=PRINT_BATCH_COLUMNS,
        rows=rows,
        filename="print-batch.csv",
        summary="Exported the print batch as CSV",
        object_type="documents.SentLetter",
    )


def _cohort(request: HttpRequest, data: Any) -> tuple[ReviewCohortForm, Any]:
    """The cohort form, and the reviews it lists (None until it is filled in correctly)."""
    _require_la_staff(request)
    form = ReviewCohortForm(data)
    if data is None or not form.is_valid():
        return form, None
    cohort = selectors_letters.review_cohort(
        user=request.user,
        setting_id=form.cleaned_data["setting"].pk,
        start=form.cleaned_data["start"],
        end=form.cleaned_data["end"],
    )
    return form, cohort


@login_required
@require_http_methods(["GET", "POST"])
def review_invitations(request: HttpRequest) -> HttpResponse:
    """Annual review invitations for a school's reviews in a term: the list first (children,
    addressees and anything that stops a letter), then send."""
    data = request.POST if request.method == "POST" else (request.GET or None)
    form, cohort = _cohort(request, data)
    rows: list[dict[str, Any]] = []
    page = None
    result = None
    if cohort is not None:
        page = page_of(cohort, request.GET.get("page"))
        if request.method == "POST":  # the page listed: 50 at a time, as checked
            result = letters_send_bulk(
                actor=request.user,
                children=[cycle.child for cycle in page],
                kind="review_invitation",
                method=form.cleaned_data["method"],
            )
        record_reads(
            (cycle.child_id for cycle in page), summary="Listed for annual review invitations"
        )
        checked = review_invitations_check(
            actor=request.user,
            children=[cycle.child for cycle in page],
            method=form.cleaned_data["method"],
        )
        rows = [
            {"cycle": cycle, "prepared": prepared}
            for cycle, prepared in zip(page, checked, strict=True)
        ]
    hidden = [(k, v) for k, v in (data or {}).items() if k not in ("page", "csrfmiddlewaretoken")]
    return render(
        request,
        "documents/review_invitations.html",
        {
            "form": form,
            "rows": rows,
            "page": page,
            "query": query_without(request, "page"),
            "result": result,
            "hidden": hidden,
            "export_query": urlencode(hidden),
        },
    )


INVITATION_COLUMNS = (
    "Child or young person",
    "Case number",
    "Meeting planned for",
    "To",
    "Can it go",
    "What stops it",
)


def _invitation_rows(cohort: Any, *, actor: Any, method: str) -> Iterator[list[Any]]:
    for chunk in in_chunks(cohort):
        # Checked a chunk at a time, as the page checks its page; the download is read after
        # the request has ended, so each chunk reads the user's roles once, as a request does.
        with reading_roles_once():
            checked = review_invitations_check(
                actor=actor, children=[cycle.child for cycle in chunk], method=method
            )
        for cycle, prepared in zip(chunk, checked, strict=True):
            yield [
                csv_child_name(cycle.child),
                cycle.child_id,
                csv_date(cycle.meeting_planned_for),
                prepared.addressee.name,
                "No" if prepared.problems else "Yes",
                " ".join(prepared.problems.values()),
            ]


@require_GET
@login_required
def review_invitations_export(request: HttpRequest) -> StreamingHttpResponse:
    """The reviews listed for invitations, every one as the page checks it (whom the invitation
    goes to and anything that stops it), as CSV."""
    form, cohort = _cohort(request, request.GET or None)
    if cohort is None:
        raise Http404("Choose the school and the dates of the meetings first")
    return stream_csv(
        request,
        header=INVITATION_COLUMNS,
        rows=_invitation_rows(cohort, actor=request.user, method=form.cleaned_data["method"]),
        filename="annual-review-invitations.csv",
        summary="Exported the reviews listed for annual review invitations as CSV",
        object_type="plans.ReviewCycle",
    )
