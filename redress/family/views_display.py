"""How the family's pages look (large print, language) and the Easy Read summary of a case
(decision 0175). Every date is the engine's; these views add or subtract nothing."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from redress.audit.services import audit_record
from redress.casefile import selectors as casefile_selectors
from redress.casefile.models import CaseDocument
from redress.casework.selectors import child_get
from redress.core.downloads import content_disposition
from redress.core.word import docx_large_print
from redress.family import selectors
from redress.family.display import large_print_choose


@require_POST
def display(request: HttpRequest) -> HttpResponse:
    """The reader turns large print on or off, or chooses the pages' language, then goes back."""
    choice = request.POST.get("large_print")
    if choice in {"on", "off"}:
        large_print_choose(request, on=choice == "on")
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, {request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/family/"
    response = redirect(next_url)
    language = request.POST.get("language", "")
    if language in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite="Lax",
        )
    return response


@require_GET
@login_required
def easy_read(request: HttpRequest, pk: int) -> HttpResponse:
    """Where things stand and the family's dates in Easy Read: short sentences, one to a line."""
    child = child_get(user=request.user, pk=pk, perm="family.view_case")
    audit_record(
        actor=request.user,
        action="view",
        obj=child,
        child=child,
        summary="Viewed the Easy Read summary of the case",
    )
    return render(
        request,
        "family/easy_read.html",
        {"child": child, "case": selectors.family_case(user=request.user, child=child)},
    )


#: The shared documents a family may have in large print: letters, as Word files (decision 0175).
LARGE_PRINT_KINDS = frozenset({CaseDocument.Kind.DECISION_LETTER, CaseDocument.Kind.LETTER_SENT})
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def has_large_print(document: CaseDocument) -> bool:
    """A letter as a Word file (one Redress filled, decision 0122) can be restyled as large
    print; a PDF or a scan cannot, and the family asks the council for one instead."""
    return document.kind in LARGE_PRINT_KINDS and document.original_name.lower().endswith(".docx")


@require_GET
@login_required
def shared_document_large_print(request: HttpRequest, pk: int, document_pk: int) -> HttpResponse:
    """A large-print copy of a letter the council has shared: the same words, 16 point and up."""
    child = child_get(user=request.user, pk=pk, perm="casefile.view_shared_documents")
    document = casefile_selectors.document_get(user=request.user, child=child, pk=document_pk)
    if not has_large_print(document):
        raise Http404("No large-print copy of this document")
    try:
        with document.file.open("rb") as handle:
            content = docx_large_print(handle.read())
    except FileNotFoundError:
        raise Http404("The document is missing from storage") from None
    except (ValueError, KeyError) as error:  # not a Word file after all
        raise Http404("No large-print copy of this document") from error
    audit_record(
        actor=request.user,
        action="download",
        obj=document,
        child=child,
        summary=f"Downloaded a large-print copy of a {document.get_kind_display().lower()}: "
        f"{document.title}",
    )
    stem = document.original_name.rsplit(".", 1)[0]
    response = HttpResponse(content, content_type=DOCX)
    response["Content-Disposition"] = content_disposition(f"{stem}-large-print.docx")
    return response
