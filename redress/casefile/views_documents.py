"""The case's document store: the list, uploading, downloading, correcting and withdrawing.
Thin: forms check input, services write, selectors read; every read and download is audited.
`Cache-Control: no-store` comes from `PrivateResponseMiddleware`, downloads included."""

from __future__ import annotations

import mimetypes
from collections.abc import Iterator
from functools import partial
from pathlib import PurePath
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from redress.audit.services import audit_record
from redress.casefile import selectors, services
from redress.casefile.forms import DocumentCorrectForm, DocumentForm, DocumentSearchForm
from redress.casefile.models import CaseDocument
from redress.casefile.views import searched, searched_page
from redress.casework import selectors as case_selectors
from redress.casework.models import Child
from redress.casework.views_caseload import stream_case_csv
from redress.core.corrections import StepWithdrawForm
from redress.core.downloads import content_disposition
from redress.core.uploads import ALLOWED_UPLOADS
from redress.core.versions import call_service, withdraw_step

DOCUMENTS_PER_PAGE = 50


def document_file_response(request: HttpRequest, document: CaseDocument) -> FileResponse:
    """The stored file, audited, under the name it was uploaded with (made safe for a header).
    The caller has checked the person may see this document."""
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404("The document is missing from storage") from None
    audit_record(
        actor=request.user,
        action="download",
        obj=document,
        child=document.child,
        summary=f"Downloaded a {document.get_kind_display().lower()}: {document.title}",
    )
    extension = PurePath(document.original_name).suffix.lower()
    content_type = ALLOWED_UPLOADS.get(extension) or (
        mimetypes.guess_type(document.original_name)[0] or "application/octet-stream"
    )
    response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = content_disposition(document.original_name)
    return response


@require_GET
@login_required
def documents(request: HttpRequest, pk: int) -> HttpResponse:
    child = case_selectors.child_get(user=request.user, pk=pk, perm="casefile.view_documents")
    context = searched_page(
        request,
        child,
        DocumentSearchForm(request.GET or None),
        selectors.documents_for,
        per_page=DOCUMENTS_PER_PAGE,
        viewed="Viewed the case's documents",
    )
    context["can_manage"] = request.user.has_perm("casefile.add_document", child)
    return render(request, "casefile/documents.html", context)


DOCUMENT_EXPORT_COLUMNS = (
    "Date of the document",
    "Type",
    "Title",
    "Who may see it",
    "Sent to the family",
    "File name",
    "Uploaded by",
    "Uploaded",
    "Withdrawn as recorded in error",
)


def _document_rows(documents: Any) -> Iterator[list[Any]]:
    for document in documents.iterator(chunk_size=2000):
        yield [
            document.dated.isoformat(),
            document.get_kind_display(),
            document.title,
            document.get_audience_display(),
            document.shared_with_family_on.isoformat() if document.shared_with_family_on else "",
            document.original_name,
            document.uploaded_by.display_name,
            timezone.localtime(document.uploaded_at).strftime("%Y-%m-%d %H:%M"),
            (
                f"{document.withdrawn_at:%Y-%m-%d}: {document.withdrawn_reason}"
                if document.withdrawn_at
                else ""
            ),
        ]


@require_GET
@login_required
def documents_export(request: HttpRequest, pk: int) -> StreamingHttpResponse:
    """The list of the case's documents (not their files) as searched and sorted, as CSV: the
    authority's staff, who see every document."""
    child = case_selectors.child_get(user=request.user, pk=pk, perm="casefile.add_document")
    form = DocumentSearchForm(request.GET)
    query, kind, found = searched(request, child, form, selectors.documents_for)
    return stream_case_csv(
        request,
        child=child,
        header=DOCUMENT_EXPORT_COLUMNS,
        rows=_document_rows(found),
        filename=f"case-documents-{child.pk}.csv",
        summary="Downloaded the list of the case's documents as CSV"
        + (" (searched)" if query or kind else ""),
    )


@require_http_methods(["GET", "POST"])
@login_required
def document_new(request: HttpRequest, pk: int) -> HttpResponse:
    child = case_selectors.child_get(user=request.user, pk=pk, perm="casefile.add_document")
    advice_requests = list(
        child.advice_requests.standing().select_related("recipient_organisation")
    )
    form = DocumentForm(
        request.POST or None, request.FILES or None, advice_requests=advice_requests
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        answers = next((a for a in advice_requests if a.pk == data["advice_request"]), None)
        document = call_service(
            form,
            lambda: services.case_document_add(
                actor=request.user,
                child=child,
                kind=data["kind"],
                title=data["title"],
                dated=data["dated"],
                file=data["file"],
                audience=data["audience"],
                shared_with_family_on=data["shared_with_family_on"],
                advice_request=answers,
            ),
        )
        if document is not None:
            messages.success(request, f"Document uploaded: {document.title}.")
            return redirect("casework:documents", pk=child.pk)
    return render(request, "casefile/document_form.html", {"child": child, "form": form})


@require_GET
@login_required
def document_download(request: HttpRequest, pk: int, document_pk: int) -> FileResponse:
    child = case_selectors.child_get(user=request.user, pk=pk, perm="casefile.view_documents")
    document = selectors.document_get(user=request.user, child=child, pk=document_pk)
    return document_file_response(request, document)


def _details(document: CaseDocument) -> dict[str, Any]:
    return {
        "kind": document.kind,
        "title": document.title,
        "dated": document.dated,
        "audience": document.audience,
        "shared_with_family_on": document.shared_with_family_on,
        "version": document.version,
    }


def _correct_page(
    request: HttpRequest,
    child: Child,
    document: CaseDocument,
    form: DocumentCorrectForm,
    withdraw: StepWithdrawForm,
) -> HttpResponse:
    audit_record(
        actor=request.user,
        action="view",
        obj=document,
        child=child,
        summary="Viewed a document's details and their history",
    )
    return render(
        request,
        "casefile/document_correct.html",
        {
            "child": child,
            "document": document,
            "form": form,
            "withdraw": withdraw,
            "history": selectors.document_history(document),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def document_correct(request: HttpRequest, pk: int, document_pk: int) -> HttpResponse:
    child = case_selectors.child_get(user=request.user, pk=pk, perm="casefile.add_document")
    document = selectors.document_get(
        user=request.user, child=child, pk=document_pk, perm="casefile.correct_document"
    )
    withdraw = StepWithdrawForm(initial={"version": document.version}, prefix="withdraw")
    if request.method == "POST":
        form = DocumentCorrectForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            corrected = call_service(
                form,
                lambda: services.case_document_correct(
                    actor=request.user,
                    document=document,
                    kind=data["kind"],
                    title=data["title"],
                    dated=data["dated"],
                    audience=data["audience"],
                    shared_with_family_on=data["shared_with_family_on"],
                    reason=data["reason"],
                    expected_version=data["version"],
                ),
                record=document,
            )
            if corrected is not None:
                messages.success(request, "Details corrected. The earlier details are kept.")
                return redirect("casework:documents", pk=child.pk)
            document.refresh_from_db()
    else:
        form = DocumentCorrectForm(initial=_details(document))
    return _correct_page(request, child, document, form, withdraw)


@require_http_methods(["POST"])
@login_required
def document_withdraw(request: HttpRequest, pk: int, document_pk: int) -> HttpResponse:
    child = case_selectors.child_get(user=request.user, pk=pk, perm="casefile.add_document")
    document = selectors.document_get(
        user=request.user, child=child, pk=document_pk, perm="casefile.correct_document"
    )
    withdraw = StepWithdrawForm(request.POST, prefix="withdraw")
    service = partial(services.case_document_withdraw, document=document)
    if withdraw_step(request, withdraw, document, service) is not None:
        messages.success(request, "Withdrawn as uploaded in error. It stays on record.")
        return redirect("casework:documents", pk=child.pk)
    form = DocumentCorrectForm(initial=_details(document))
    return _correct_page(request, child, document, form, withdraw)
